// A corpus of <network> definitions, one a file in tests/data/network-corpus, covering what
// libvirt documents for networks (formatnetwork.html). Each file's first line declares what
// Cubby does with it, as a definition handed to DefineNetwork or `cubbyctl validate`:
//
//   <!-- expect: accepted -->               parsed, validated, and parse → write → parse gives
//                                           an equal value and the same text
//   <!-- expect: refused /network/a/@b -->  refused, and the message names that path (indices
//                                           such as [1] aside; "/network/a: unknown element
//                                           <b>" names /network/a/b)
//
// A second line `<!-- wrong today: … -->` marks a file whose expectation is what Cubby
// should do but does not yet; the test then expects that file to fail, and fails once it
// passes, so the marker goes when the engine is fixed. Every file in the directory is read:
// one without an expectation fails.
#include "network_xml.h"

#include <QDir>
#include <QFile>
#include <QTest>

#include <optional>
#include <regex>
#include <string>

using namespace cubby;

namespace {

const QString corpusDir = QStringLiteral(CUBBY_TEST_DATA_DIR "/network-corpus");

Uuid fixedUuid() {
    return *Uuid::parse("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee", "test");
}

// As DefineNetwork reads a definition: a NAT network's subnet may be left to the helper, and
// anything unknown among <network>'s children is refused.
Result<Network> define(const std::string& xml) {
    auto network = parseNetworkXml(xml, fixedUuid, NetworkCompleteness::SubnetChosenLater);
    if (network) {
        if (auto supported = refuseUnsupportedNetworkElements(*network); !supported)
            return std::unexpected(supported.error());
    }
    return network;
}

struct Expectation {
    bool accepted = false;
    std::string path; // what a refusal names
    std::string wrongToday;
};

std::optional<Expectation> readExpectation(const std::string& text) {
    static const std::regex header(R"(^<!-- expect: (accepted|refused (/network\S*)) -->\n)"
                                   R"((<!-- wrong today: ([^\n]*\S) -->\n)?)");
    std::smatch match;
    if (!std::regex_search(text, match, header))
        return std::nullopt;
    return Expectation{match[1] == "accepted", match[2], match[4]};
}

// The message without XPath predicates: "/network/ip[2]/dhcp/host[1]/@id" →
// "/network/ip/dhcp/host/@id", "/network/dns/forwarder[@domain][1]" → "/network/dns/forwarder".
std::string withoutPredicates(const std::string& message) {
    return std::regex_replace(message, std::regex(R"(\[[^\]\s]*\])"), "");
}

// Whether `message` names `path`: the path itself (not a longer one that starts with it), or
// its parent's "unknown element <leaf>" or "unknown attribute 'leaf'".
bool names(const std::string& message, const std::string& path) {
    const std::string text = withoutPredicates(message);
    for (size_t at = text.find(path); at != std::string::npos; at = text.find(path, at + 1)) {
        const size_t end = at + path.size();
        if (end == text.size() || text[end] == ':' || text[end] == ' ')
            return true;
    }
    const size_t slash = path.rfind('/');
    const std::string parent = path.substr(0, slash);
    const std::string leaf = path.substr(slash + 1);
    const std::string unknown = leaf.starts_with('@')
                                    ? parent + ": unknown attribute '" + leaf.substr(1) + "'"
                                    : parent + ": unknown element <" + leaf + ">";
    return text.find(unknown) != std::string::npos;
}

// Accepted, and parse → write → parse is the identity; an empty string when all is well.
std::string acceptanceProblem(const std::string& xml) {
    const auto network = define(xml);
    if (!network)
        return "refused: " + network.error().message;
    const std::string written = formatNetworkXml(*network);
    const auto reread = define(written);
    if (!reread)
        return "its own output is refused: " + reread.error().message + "\n" + written;
    if (!(*reread == *network))
        return "parse → write → parse differs from the first parse; written:\n" + written;
    if (formatNetworkXml(*reread) != written)
        return "writing it a second time gives other text than the first:\n" + written;
    return {};
}

std::string refusalProblem(const std::string& xml, const std::string& path) {
    const auto network = define(xml);
    if (network)
        return "accepted, written back as:\n" + formatNetworkXml(*network);
    if (!names(network.error().message, path))
        return "refused, but the message does not name " + path + ": " + network.error().message;
    return {};
}

} // namespace

class TestNetworkCorpus : public QObject {
    Q_OBJECT
private slots:
    // The matcher itself, on messages as the parser writes them.
    void pathsAreNamed() {
        QVERIFY(names("/network/ip[2]/dhcp/host[1]/@mac: DHCPv6 …", "/network/ip/dhcp/host/@mac"));
        QVERIFY(names("/network/forward: unknown element <pf>; Cubby …", "/network/forward/pf"));
        QVERIFY(names("/network: unknown attribute 'ipv6' (value 'yes')", "/network/@ipv6"));
        QVERIFY(names("/network/bandwidth: quality of service", "/network/bandwidth"));
        QVERIFY(!names("/network/bandwidth: quality of service", "/network/band"));
        QVERIFY(!names("/network/forward: unknown element <pf>", "/network/forward/interface"));
        QVERIFY(!names("/network/ip/dhcp: only one", "/network/ip"));
    }

    // The header, and only on the first line.
    void expectationsAreRead() {
        const auto accepted = readExpectation("<!-- expect: accepted -->\n<network/>");
        QVERIFY(accepted && accepted->accepted && accepted->wrongToday.empty());
        const auto refused = readExpectation("<!-- expect: refused /network/vlan -->\n"
                                             "<!-- wrong today: kept -->\n<network/>");
        QVERIFY(refused && !refused->accepted);
        QCOMPARE(refused->path, std::string("/network/vlan"));
        QCOMPARE(refused->wrongToday, std::string("kept"));
        QVERIFY(!readExpectation("<network/>"));
        QVERIFY(!readExpectation("<!-- expect: refused -->\n<network/>"));
        QVERIFY(!readExpectation("\n<!-- expect: accepted -->\n<network/>"));
        QVERIFY(!readExpectation("<!-- expect: maybe -->\n<network/>"));
    }

    void corpus_data() {
        QTest::addColumn<QString>("file");
        const QDir dir(corpusDir);
        QVERIFY2(dir.exists(), qPrintable(corpusDir));
        const QStringList files = dir.entryList(QDir::Files, QDir::Name);
        QVERIFY2(files.size() >= 40, "the corpus has gone missing");
        for (const QString& file : files)
            QTest::newRow(qPrintable(file)) << file;
    }

    void corpus() {
        QFETCH(QString, file);
        QFile input(corpusDir + "/" + file);
        QVERIFY2(input.open(QIODevice::ReadOnly), qPrintable(input.fileName()));
        const std::string xml = input.readAll().toStdString();
        const auto expectation = readExpectation(xml);
        QVERIFY2(expectation, "the first line is neither <!-- expect: accepted --> nor "
                              "<!-- expect: refused /network/… -->");
        const std::string problem =
            expectation->accepted ? acceptanceProblem(xml) : refusalProblem(xml, expectation->path);
        if (!expectation->wrongToday.empty()) {
            // What happens today, for whoever fixes the engine.
            qInfo("today: %s", problem.empty() ? "as expected" : problem.c_str());
            QEXPECT_FAIL("", expectation->wrongToday.c_str(), Continue);
        }
        QVERIFY2(problem.empty(), problem.c_str());
    }
};

QTEST_APPLESS_MAIN(TestNetworkCorpus)
#include "test_network_corpus.moc"
