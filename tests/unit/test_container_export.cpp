// Issue 13: the export file's definition frame, and the definition an import stores: renamed,
// with a new uuid, no MAC addresses, id range or owner of the old machine's, and its root
// where the import puts it.
#include "container_export.h"
#include "domain_xml.h"
#include "xml_reader.h"

#include <QTest>

using namespace cubby;

namespace {

int uuidsMade = 0;
Uuid nextUuid() {
    ++uuidsMade;
    return *Uuid::parse(QStringLiteral("11111111-2222-4333-8444-%1")
                            .arg(uuidsMade, 12, 10, QLatin1Char('0'))
                            .toStdString(),
                        "test");
}

const std::string exported =
    "<domain type='lxc'><name>web</name><uuid>aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee</uuid>"
    "<memory unit='MiB'>256</memory><os><type>exe</type><init>/sbin/init</init></os>"
    "<idmap><uid start='0' target='600000' count='65536'/>"
    "<gid start='0' target='600000' count='65536'/></idmap>"
    "<devices><filesystem type='mount'><source dir='/var/lib/cubby/rootfs/web'/>"
    "<target dir='/'/></filesystem><filesystem type='mount'><source dir='/srv/data'/>"
    "<target dir='/data'/></filesystem>"
    "<interface type='network'><source network='default'/><mac address='52:54:00:11:22:33'/>"
    "<target dev='vethweb0'/></interface><console type='pty'/></devices>"
    "<metadata><cubby:container xmlns:cubby='https://github.com/cubby1/cubby/xmlns/container/1'>"
    "<cubby:owner uid='1000'/></cubby:container></metadata></domain>";

} // namespace

class TestContainerExport : public QObject {
    Q_OBJECT
private slots:
    void frameRoundTrips() {
        const std::string xml = "<domain type='lxc'><name>a</name></domain>";
        const std::string frame = exportFrame(xml);
        // A zstd skippable frame: magic 0x184D2A5C little-endian, then the length.
        QCOMPARE(frame.substr(0, 4), std::string("\x5c\x2a\x4d\x18", 4));
        const auto length = exportFrameLength(frame.substr(0, exportFrameHeaderBytes));
        QVERIFY(length);
        QCOMPARE(size_t(*length), frame.size() - exportFrameHeaderBytes);
        const auto definition = exportFrameDefinition(frame.substr(exportFrameHeaderBytes));
        QVERIFY(definition);
        QCOMPARE(*definition, xml);
    }

    void foreignOrHostileFramesAreRefused() {
        // A plain tar, a plain zstd stream, a frame claiming more than a definition may be,
        // and another skippable frame's content.
        QVERIFY(!exportFrameLength(std::string(512, '\0')));
        QVERIFY(!exportFrameLength(std::string("\x28\xb5\x2f\xfd\0\0\0\0", 8)));
        std::string huge = exportFrame("x").substr(0, 4);
        huge += std::string("\xff\xff\xff\x7f", 4);
        const auto refused = exportFrameLength(huge);
        QVERIFY(!refused);
        QVERIFY(refused.error().message.find("no definition has") != std::string::npos);
        std::string tooLong = exportFrame("x").substr(0, 4);
        const uint32_t over = uint32_t(exportMarker.size() + maxXmlDocumentBytes + 1);
        for (int shift = 0; shift < 32; shift += 8)
            tooLong += char((over >> shift) & 0xff);
        QVERIFY(!exportFrameLength(tooLong));
        QVERIFY(!exportFrameLength("short"));
        QVERIFY(!exportFrameDefinition("not the marker <domain/>"));
    }

    void importGetsANewIdentity() {
        const auto domain =
            importedDomain(exported, "web2", "/var/lib/cubby/rootfs/web2", nextUuid);
        QVERIFY2(domain, domain ? "" : domain.error().message.c_str());
        const auto original = parseDomainXml(exported, nextUuid);
        QVERIFY(original && original->cubby.ownerUid == 1000u && original->idmap);
        QCOMPARE(domain->name, std::string("web2"));
        QVERIFY(domain->uuid.toString() != "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee");
        QVERIFY(!domain->idmap);
        QVERIFY(!domain->cubby.ownerUid);
        QCOMPARE(domain->interfaces.size(), size_t(1));
        QVERIFY(!domain->interfaces[0].mac);
        QVERIFY(domain->interfaces[0].targetDev.empty());
        QCOMPARE(domain->interfaces[0].source, std::string("default"));
        QCOMPARE(domain->rootFilesystem()->sourceDir, std::string("/var/lib/cubby/rootfs/web2"));
        // Other mounts stay as they were: the helper judges them as for any definition.
        QCOMPARE(domain->filesystems[1].sourceDir, std::string("/srv/data"));
        QCOMPARE(domain->memoryKiB, uint64_t(256 * 1024));
        // No name given: the exported one.
        const auto same = importedDomain(exported, "", "/r/web", nextUuid);
        QVERIFY(same);
        QCOMPARE(same->name, std::string("web"));
    }

    void whatCannotBeImportedIsRefused() {
        QVERIFY(!importedDomain(exported, "../etc", "/r/x", nextUuid));
        QVERIFY(!importedDomain(exported, "a b", "/r/x", nextUuid));
        QVERIFY(!importedDomain("<domain type='lxc'><name>x</name>", "", "/r/x", nextUuid));
        const std::string application =
            "<domain type='lxc'><name>app</name><memory unit='MiB'>64</memory><os><type>exe"
            "</type><init>/bin/true</init></os><devices/></domain>";
        const auto noRoot = importedDomain(application, "", "/r/app", nextUuid);
        QVERIFY(!noRoot);
        QVERIFY(noRoot.error().message.find("no root directory") != std::string::npos);
        auto shifted = parseDomainXml(exported, nextUuid);
        QVERIFY(shifted);
        shifted->cubby.rootShift = true;
        const auto refused = checkExportable(*shifted);
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind, ErrorKind::Unsupported);
    }
};

QTEST_GUILESS_MAIN(TestContainerExport)
#include "test_container_export.moc"
