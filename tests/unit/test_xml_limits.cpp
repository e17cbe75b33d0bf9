// What a caller's XML may cost: nesting depth, what unknown elements keep, and the size of the
// stored form (engine/core/xml_reader.h). Hostile documents must give a clear error, not a
// crash, and what is accepted must be stored at a size linear in what was sent.
#include "domain_xml.h"
#include "network_xml.h"
#include "xml_reader.h"

#include <QTest>
#include <format>

using namespace cubby;

namespace {

Uuid fixedUuid() {
    return *Uuid::parse("11111111-2222-4333-8444-555555555555", "test");
}

// `depth` elements nested inside each other, the outermost being <metadata>.
std::string nested(size_t depth) {
    std::string text = "<metadata>";
    for (size_t i = 1; i < depth; ++i)
        text += "<a>";
    for (size_t i = 1; i < depth; ++i)
        text += "</a>";
    return text + "</metadata>";
}

std::string domainWith(const std::string& inner) {
    return "<domain type='lxc'><name>t</name><memory unit='MiB'>64</memory>"
           "<os><type>exe</type></os><devices/>" +
           inner + "</domain>";
}

std::string networkWith(const std::string& inner) {
    return "<network><name>n</name><forward mode='nat'/><ip address='10.9.0.1' "
           "netmask='255.255.255.0'/>" +
           inner + "</network>";
}

bool mentions(const Error& error, const std::string& text) {
    return error.message.find(text) != std::string::npos;
}

} // namespace

class TestXmlLimits : public QObject {
    Q_OBJECT

private slots:
    void deepNestingIsRefusedWithoutRecursion() {
        // Far deeper than any stack would survive with a recursive walk.
        for (const size_t depth : {size_t{1000}, size_t{100000}}) {
            const auto domain = parseDomainXml(domainWith(nested(depth)), fixedUuid);
            QVERIFY(!domain);
            QCOMPARE(domain.error().kind, ErrorKind::InvalidArgument);
            QVERIFY2(mentions(domain.error(), "at most 32 levels"), domain.error().message.c_str());
            const auto network = parseNetworkXml(networkWith(nested(depth)), fixedUuid);
            QVERIFY(!network);
            QVERIFY2(mentions(network.error(), "levels deep"), network.error().message.c_str());
        }
    }

    void theLimitIsForTheWholeDocument() {
        // <domain> is level 1, <metadata> level 2: 31 more levels reach 32 exactly.
        QVERIFY(parseDomainXml(domainWith(nested(maxXmlDepth - 1)), fixedUuid));
        QVERIFY(!parseDomainXml(domainWith(nested(maxXmlDepth)), fixedUuid));
        QVERIFY(XmlDocument::parse("<x>" + nested(maxXmlDepth - 1) + "</x>", "x"));
        QVERIFY(!XmlDocument::parse("<x>" + nested(maxXmlDepth) + "</x>", "x"));
    }

    void storedFormAtTheLimitIsLinearInTheInput() {
        // Many siblings, each nested to the limit: the indentation is bounded by the depth,
        // so the stored form grows with the input, not with its square.
        std::string inner = "<metadata>";
        for (int i = 0; i < 200; ++i)
            inner += nested(maxXmlDepth - 2);
        inner += "</metadata>";
        const std::string input = domainWith(inner);
        const auto domain = parseDomainXml(input, fixedUuid);
        QVERIFY2(domain, domain ? "" : domain.error().message.c_str());
        const std::string stored = formatDomainXml(*domain);
        // Each element gets at most one line of 2 * 32 spaces of indentation and its tags.
        QVERIFY2(stored.size() < 20 * input.size(),
                 std::format("{} bytes in, {} stored", input.size(), stored.size()).c_str());
        // The printer is exact at the limit: the stored form parses back to the same.
        const auto again = parseDomainXml(stored, fixedUuid);
        QVERIFY(again);
        QCOMPARE(formatDomainXml(*again), stored);
    }

    void whatIsKeptVerbatimIsBounded() {
        const std::string big(maxKeptXmlBytes, 'x');
        const auto domain = parseDomainXml(domainWith("<clock>" + big + "</clock>"), fixedUuid);
        QVERIFY(!domain);
        QCOMPARE(domain.error().kind, ErrorKind::InvalidArgument);
        QVERIFY2(mentions(domain.error(), "keeps here without using"),
                 domain.error().message.c_str());
        // Spread over many elements it is the same sum.
        std::string many;
        for (size_t i = 0; i < 2 * maxKeptXmlBytes / 1024; ++i)
            many += "<m" + std::to_string(i) + ">" + std::string(1000, 'y') + "</m" +
                    std::to_string(i) + ">";
        const auto network = parseNetworkXml(networkWith(many), fixedUuid);
        QVERIFY(!network);
        QVERIFY2(mentions(network.error(), "keeps here without using"),
                 network.error().message.c_str());
        QVERIFY(parseNetworkXml(networkWith("<m>small</m>"), fixedUuid));
        // Small unknown elements still round-trip.
        QVERIFY(parseDomainXml(domainWith("<metadata><app:x xmlns:app='urn:a'>1</app:x>"
                                          "</metadata>"),
                               fixedUuid));
    }

    void storedSizeIsCheckedAgainstTheReadLimit() {
        QVERIFY(checkStoredXmlSize(std::string(maxXmlDocumentBytes, 'x'), "it"));
        const auto refused =
            checkStoredXmlSize(std::string(maxXmlDocumentBytes + 1, 'x'), "the definition of 'c'");
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind, ErrorKind::InvalidArgument);
        QVERIFY2(mentions(refused.error(), "the definition of 'c'") &&
                     mentions(refused.error(), "nothing was written"),
                 refused.error().message.c_str());
    }
};

QTEST_APPLESS_MAIN(TestXmlLimits)
#include "test_xml_limits.moc"
