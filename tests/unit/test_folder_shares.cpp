// Sharing a host folder by editing a definition (cubbyctl share/unshare): targets, refusals,
// the chosen user inside, and that a refused edit changes nothing.
#include "domain_xml.h"
#include "folder_shares.h"

#include <QTest>

using namespace cubby;

namespace {

Domain box() {
    auto domain = parseDomainXml(
        "<domain type='lxc'><name>box</name><uuid>8369f1ac-7e46-e869-4ca5-759d51478066</uuid>"
        "<memory unit='MiB'>64</memory><os><type>exe</type></os><devices><filesystem "
        "type='mount'><source dir='/var/lib/cubby/rootfs/box'/><target dir='/'/></filesystem>"
        "</devices></domain>",
        [] { return Uuid{}; });
    if (!domain)
        qFatal("%s", domain.error().message.c_str());
    return *domain;
}

} // namespace

class TestFolderShares : public QObject {
    Q_OBJECT
private slots:
    void defaultTargets() {
        QCOMPARE(defaultShareTarget("/home/ann/src/"), std::string("/mnt/src"));
        QCOMPARE(defaultShareTarget("/home/ann/My Files"), std::string("/mnt/My Files"));
        QCOMPARE(defaultShareTarget("/"), std::string());
    }

    void addThenRemoveRoundTrips() {
        Domain domain = box();
        QVERIFY(addFolderShare(domain, {"/home/ann/src/", "", true, 1000}));
        QCOMPARE(domain.filesystems.back().sourceDir, std::string("/home/ann/src"));
        QCOMPARE(domain.filesystems.back().targetDir, std::string("/mnt/src"));
        QVERIFY(domain.filesystems.back().readOnly);
        const std::string xml = formatDomainXml(domain);
        QVERIFY2(xml.find("<cubby:share target='/mnt/src' user='1000'/>") != std::string::npos,
                 xml.c_str());
        auto parsed = parseDomainXml(xml, [] { return Uuid{}; });
        QVERIFY2(parsed, parsed ? "" : parsed.error().message.c_str());
        QCOMPARE(*parsed, domain);
        QVERIFY(removeFolderShare(domain, "/mnt/src"));
        QCOMPARE(domain, box());
    }

    void refusalsChangeNothing_data() {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("mentions");
        const auto row = [](const char* name, QString source, QString target, QString mentions) {
            QTest::newRow(name) << source << target << mentions;
        };
        row("target in use", "/home/ann/src", "/", "root filesystem");
        row("relative", "home/ann", "/mnt/x", "absolute");
        row("dot-dot", "/home/ann/../../etc", "/mnt/x", "'..'");
        row("no name", "/", "", "no name");
    }

    void refusalsChangeNothing() {
        QFETCH(QString, source);
        QFETCH(QString, target);
        QFETCH(QString, mentions);
        Domain domain = box();
        const auto added = addFolderShare(domain, {source.toStdString(), target.toStdString()});
        QVERIFY(!added);
        QVERIFY2(added.error().message.find(mentions.toStdString()) != std::string::npos,
                 added.error().message.c_str());
        QCOMPARE(domain, box());
    }

    void twiceOnOneTargetAndRemovingWhatIsNotShared() {
        Domain domain = box();
        QVERIFY(addFolderShare(domain, {"/home/ann/a", "/mnt/x"}));
        const auto twice = addFolderShare(domain, {"/home/ann/b", "/mnt/x"});
        QVERIFY(!twice && twice.error().kind == ErrorKind::Conflict);
        QVERIFY(!removeFolderShare(domain, "/"));
        QVERIFY(!removeFolderShare(domain, "/mnt/nothing"));
        QCOMPARE(domain.filesystems.size(), size_t(2));
    }
};

QTEST_APPLESS_MAIN(TestFolderShares)
#include "test_folder_shares.moc"
