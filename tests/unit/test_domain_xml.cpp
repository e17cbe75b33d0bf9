// <domain type='lxc'> in and out: the seed's walkthrough, every element Cubby models,
// round trips and hostile input.
#include "domain_xml.h"
#include "xml_reader.h"

#include <QFile>
#include <QTest>

using namespace cubby;

namespace {

Uuid fixedUuid() {
    return *Uuid::parse("11111111-2222-4333-8444-555555555555", "test");
}

std::string readData(const char* name) {
    QFile file(QStringLiteral(CUBBY_TEST_DATA_DIR "/") + QString::fromUtf8(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read test data %s", name);
    return file.readAll().toStdString();
}

Result<Domain> parse(const std::string& xml) {
    return parseDomainXml(xml, fixedUuid);
}

// A minimal valid domain with `inner` spliced into it (and `devices` inside <devices>).
std::string domainWith(const std::string& inner, const std::string& devices = "") {
    return "<domain type='lxc'><name>t</name><memory unit='MiB'>64</memory>"
           "<os><type>exe</type></os>" +
           inner + "<devices>" + devices + "</devices></domain>";
}

// Parses, expects failure, and checks the message names what it should.
void expectError(const std::string& xml, const std::string& mentions) {
    const auto domain = parse(xml);
    QVERIFY2(!domain, ("accepted: " + xml).c_str());
    QVERIFY2(domain.error().message.find(mentions) != std::string::npos,
             ("message '" + domain.error().message + "' lacks '" + mentions + "'").c_str());
    QCOMPARE(domain.error().kind, ErrorKind::InvalidArgument);
}

void expectStableRoundTrip(const Domain& domain, DomainXmlForm form) {
    const std::string first = formatDomainXml(domain, form);
    const auto reparsed = parse(first);
    QVERIFY2(reparsed, reparsed ? "" : (reparsed.error().message + "\n" + first).c_str());
    if (form == DomainXmlForm::Inactive) {
        Domain withoutLive = domain;
        withoutLive.live.reset();
        QCOMPARE(*reparsed == withoutLive, true);
    } else {
        QCOMPARE(*reparsed == domain, true);
    }
    QCOMPARE(formatDomainXml(*reparsed, form), first);
}

} // namespace

class TestDomainXml : public QObject {
    Q_OBJECT
private slots:
    void seedParsesExactlyAsWritten() {
        const auto domain = parseDomainXml(readData("mycontainer.xml"), fixedUuid);
        QVERIFY2(domain, domain ? "" : domain.error().message.c_str());
        QCOMPARE(domain->name, std::string("mycontainer"));
        QCOMPARE(domain->uuid, fixedUuid()); // generated: the seed has none
        QCOMPARE(domain->memoryKiB, uint64_t{500000});
        QCOMPARE(domain->currentMemoryKiB, uint64_t{500000});
        QCOMPARE(domain->os.init, std::string("/sbin/init"));
        QCOMPARE(domain->filesystems.size(), size_t{1});
        QCOMPARE(domain->filesystems[0].type, FilesystemType::Mount);
        QCOMPARE(domain->filesystems[0].sourceDir, std::string("/root/mycontainer"));
        QCOMPARE(domain->rootFilesystem(), &domain->filesystems[0]);
        QCOMPARE(domain->interfaces.size(), size_t{1});
        QCOMPARE(domain->interfaces[0].type, InterfaceType::Bridge);
        QCOMPARE(domain->interfaces[0].source, std::string("br0"));
        QCOMPARE(domain->interfaces[0].mac->toString(), std::string("00:11:22:34:34:34"));
        QCOMPARE(domain->consoles.size(), size_t{1});
        QVERIFY(domain->hasPrivateNetwork());
        QVERIFY(!domain->live);
        QVERIFY(domainWarnings(*domain).empty());
        expectStableRoundTrip(*domain, DomainXmlForm::Inactive);
    }

    void seedDumpxmlParsesAndSerializesInItsShape() {
        const auto domain = parseDomainXml(readData("mycontainer-live.xml"), fixedUuid);
        QVERIFY2(domain, domain ? "" : domain.error().message.c_str());
        QVERIFY(domain->live);
        QCOMPARE(domain->live->id, int64_t{28407});
        QCOMPARE(domain->live->consoleTtys, std::vector<std::string>{"/dev/pts/22"});
        QCOMPARE(domain->uuid.toString(), std::string("8369f1ac-7e46-e869-4ca5-759d51478066"));
        QCOMPARE(domain->os.arch, std::string("i686"));
        // <clock> is libvirt's; kept, and the user is told it does nothing.
        QCOMPARE(domain->preservedElements.size(), size_t{1});
        QCOMPARE(domainWarnings(*domain).size(), size_t{1});
        QVERIFY(domainWarnings(*domain)[0].find("<clock>") != std::string::npos);

        const std::string live = formatDomainXml(*domain, DomainXmlForm::Live);
        // The seed's dumpxml, element by element in the same order.
        const std::vector<std::string> shape = {
            "<domain type='lxc' id='28407'>",
            "<name>mycontainer</name>",
            "<uuid>8369f1ac-7e46-e869-4ca5-759d51478066</uuid>",
            "<memory unit='KiB'>500000</memory>",
            "<currentMemory unit='KiB'>500000</currentMemory>",
            "<vcpu>1</vcpu>",
            "<type arch='i686'>exe</type>",
            "<init>/sbin/init</init>",
            "<on_poweroff>destroy</on_poweroff>",
            "<on_reboot>restart</on_reboot>",
            "<on_crash>destroy</on_crash>",
            "<source dir='/root/mycontainer'/>",
            "<target dir='/'/>",
            "<console type='pty' tty='/dev/pts/22'>",
            "<source path='/dev/pts/22'/>",
            "<target port='0'/>",
            "<clock offset='utc'/>",
        };
        size_t at = 0;
        for (const auto& piece : shape) {
            const size_t found = live.find(piece, at);
            QVERIFY2(found != std::string::npos,
                     (piece + " missing or out of order in\n" + live).c_str());
            at = found + piece.size();
        }
        expectStableRoundTrip(*domain, DomainXmlForm::Live);

        // The inactive form drops what only a running container has.
        const std::string inactive = formatDomainXml(*domain, DomainXmlForm::Inactive);
        QVERIFY(inactive.find("id='28407'") == std::string::npos);
        QVERIFY(inactive.find("tty=") == std::string::npos);
    }

    void everyElementRoundTrips() {
        const std::string xml = R"(<domain type='lxc'>
  <name>full</name>
  <uuid>8369f1ac-7e46-e869-4ca5-759d51478066</uuid>
  <title>A full example</title>
  <description>Every element
Cubby models.</description>
  <memory unit='GiB'>1</memory>
  <currentMemory unit='MiB'>512</currentMemory>
  <memtune>
    <hard_limit unit='MiB'>900</hard_limit>
    <soft_limit unit='MiB'>600</soft_limit>
    <swap_hard_limit unit='GiB'>2</swap_hard_limit>
    <min_guarantee unit='MiB'>100</min_guarantee>
  </memtune>
  <vcpu placement='static' cpuset='0-3,^1'>2</vcpu>
  <cputune>
    <shares>2048</shares>
    <period>100000</period>
    <quota>50000</quota>
  </cputune>
  <os>
    <type arch='x86_64'>exe</type>
    <init>/usr/bin/app</init>
    <initarg>--verbose</initarg>
    <initarg>--port=80</initarg>
    <initenv name='MODE'>production</initenv>
    <initdir>/srv</initdir>
    <inituser>www-data</inituser>
    <initgroup>1000</initgroup>
  </os>
  <idmap>
    <uid start='0' target='100000' count='65536'/>
    <gid start='0' target='100000' count='65536'/>
  </idmap>
  <features>
    <privnet/>
    <capabilities policy='default'>
      <sys_admin state='off'/>
      <mknod state='on'/>
    </capabilities>
  </features>
  <on_poweroff>destroy</on_poweroff>
  <on_reboot>destroy</on_reboot>
  <on_crash>restart</on_crash>
  <devices>
    <filesystem type='mount' accessmode='passthrough'>
      <source dir='/var/lib/cubby/full'/>
      <target dir='/'/>
    </filesystem>
    <filesystem type='mount'>
      <source dir='/home/me/share'/>
      <target dir='/mnt/share'/>
      <readonly/>
    </filesystem>
    <filesystem type='bind'>
      <source dir='/srv/data'/>
      <target dir='/data'/>
    </filesystem>
    <filesystem type='ram'>
      <source usage='64' units='MiB'/>
      <target dir='/tmp'/>
    </filesystem>
    <interface type='network'>
      <mac address='52:54:00:aa:bb:cc'/>
      <source network='default'/>
      <target dev='cubby-full0'/>
      <guest dev='eth0'/>
      <ip address='192.168.150.10' prefix='24'/>
      <route family='ipv4' address='0.0.0.0' prefix='0' gateway='192.168.150.1'/>
    </interface>
    <interface type='bridge'>
      <source bridge='br0'/>
      <guest dev='lan0'/>
      <ip address='fd00::10' prefix='64'/>
    </interface>
    <interface type='direct'>
      <source dev='enp3s0' mode='vepa'/>
    </interface>
    <console type='pty'><target type='lxc' port='0'/></console>
    <console type='pty'/>
  </devices>
</domain>)";
        const auto domain = parse(xml);
        QVERIFY2(domain, domain ? "" : domain.error().message.c_str());
        const Domain& d = *domain;
        QCOMPARE(d.title, std::string("A full example"));
        QCOMPARE(d.description, std::string("Every element\nCubby models."));
        QCOMPARE(d.memoryKiB, uint64_t{1048576});
        QCOMPARE(d.currentMemoryKiB, uint64_t{524288});
        QCOMPARE(d.memtune.hardLimitKiB, std::optional<uint64_t>(921600));
        QCOMPARE(d.memtune.softLimitKiB, std::optional<uint64_t>(614400));
        QCOMPARE(d.memtune.swapHardLimitKiB, std::optional<uint64_t>(2097152));
        QCOMPARE(d.memtune.minGuaranteeKiB, std::optional<uint64_t>(102400));
        QCOMPARE(d.vcpus, 2u);
        QCOMPARE(d.cpuset, (std::vector<unsigned>{0, 2, 3}));
        QCOMPARE(d.cputune.shares, std::optional<uint64_t>(2048));
        QCOMPARE(d.cputune.periodUs, std::optional<uint64_t>(100000));
        QCOMPARE(d.cputune.quotaUs, std::optional<int64_t>(50000));
        QCOMPARE(d.os.arch, std::string("x86_64"));
        QCOMPARE(d.os.init, std::string("/usr/bin/app"));
        QCOMPARE(d.os.initArgs, (std::vector<std::string>{"--verbose", "--port=80"}));
        QCOMPARE(d.os.initEnv.size(), size_t{1});
        QCOMPARE(d.os.initEnv[0].name, std::string("MODE"));
        QCOMPARE(d.os.initEnv[0].value, std::string("production"));
        QCOMPARE(d.os.initDir, std::string("/srv"));
        QCOMPARE(d.os.initUser, std::string("www-data"));
        QCOMPARE(d.os.initGroup, std::string("1000"));
        QVERIFY(d.idmap);
        QCOMPARE(d.idmap->uids.size(), size_t{1});
        QCOMPARE(d.idmap->uids[0].target, 100000u);
        QCOMPARE(d.idmap->gids[0].count, 65536u);
        QVERIFY(d.features.privnet);
        QCOMPARE(d.features.capabilities->policy, CapabilityPolicy::Default);
        QCOMPARE(d.features.capabilities->overrides.at("sys_admin"), false);
        QCOMPARE(d.features.capabilities->overrides.at("mknod"), true);
        QCOMPARE(d.onReboot, LifecycleAction::Destroy);
        QCOMPARE(d.onCrash, LifecycleAction::Restart);
        QCOMPARE(d.filesystems.size(), size_t{4});
        QCOMPARE(d.filesystems[0].accessMode, std::string("passthrough"));
        QVERIFY(d.filesystems[1].readOnly);
        QCOMPARE(d.filesystems[2].type, FilesystemType::Bind);
        QCOMPARE(d.filesystems[3].type, FilesystemType::Ram);
        QCOMPARE(d.filesystems[3].ramKiB, std::optional<uint64_t>(65536));
        QCOMPARE(d.interfaces.size(), size_t{3});
        QCOMPARE(d.interfaces[0].targetDev, std::string("cubby-full0"));
        QCOMPARE(d.interfaces[0].guestDev, std::string("eth0"));
        QCOMPARE(d.interfaces[0].ips[0].address.toString(), std::string("192.168.150.10"));
        QCOMPARE(d.interfaces[0].ips[0].prefixLength, std::optional<unsigned>(24));
        QCOMPARE(d.interfaces[0].routes[0].destination.toString(), std::string("0.0.0.0/0"));
        QCOMPARE(d.interfaces[0].routes[0].gateway.toString(), std::string("192.168.150.1"));
        QCOMPARE(d.interfaces[1].type, InterfaceType::Bridge);
        QCOMPARE(d.interfaces[1].ips[0].address.family, IpFamily::V6);
        QCOMPARE(d.interfaces[2].type, InterfaceType::Direct);
        QCOMPARE(d.interfaces[2].source, std::string("enp3s0"));
        QCOMPARE(d.interfaces[2].macvlanMode, MacvlanMode::Vepa);
        QCOMPARE(d.consoles.size(), size_t{2});
        QCOMPARE(d.consoles[1].targetPort, 1u);
        expectStableRoundTrip(d, DomainXmlForm::Inactive);
    }

    // Issue 10: libvirt's <blkiotune> and Cubby's disk quota, kept through a round trip.
    void blkioAndDiskQuotaRoundTrip() {
        const auto domain = parse(domainWith(
            "<blkiotune><weight>800</weight><device><path>/dev/disk/by-id/nvme-x</path>"
            "<weight>300</weight><read_iops_sec>2000</read_iops_sec><read_bytes_sec>0"
            "</read_bytes_sec><write_bytes_sec>10485760</write_bytes_sec></device></blkiotune>"
            "<metadata><cubby:container xmlns:cubby='https://github.com/cubby1/cubby/xmlns/"
            "container/1'><cubby:limits processes='64' diskKiB='1048576'/></cubby:container>"
            "</metadata>",
            "<filesystem type='mount'><source dir='/srv/r'/><target dir='/'/></filesystem>"));
        QVERIFY2(domain, domain ? "" : domain.error().message.c_str());
        QCOMPARE(domain->blkiotune.weight, std::optional<unsigned>(800));
        QCOMPARE(domain->blkiotune.devices.size(), size_t{1});
        const BlkioDevice& disk = domain->blkiotune.devices[0];
        QCOMPARE(disk.path, std::string("/dev/disk/by-id/nvme-x"));
        QCOMPARE(disk.weight, std::optional<unsigned>(300));
        QCOMPARE(disk.readIopsPerSec, std::optional<uint64_t>(2000));
        QCOMPARE(disk.readBytesPerSec, std::optional<uint64_t>()); // 0 is libvirt's "none"
        QCOMPARE(disk.writeBytesPerSec, std::optional<uint64_t>(10485760));
        QCOMPARE(domain->cubby.diskQuotaKiB, std::optional<uint64_t>(1048576));
        QCOMPARE(domain->cubby.processLimit, std::optional<uint64_t>(64));
        expectStableRoundTrip(*domain, DomainXmlForm::Inactive);
    }

    // Issue 12, item 6: a container's own walls, kept in Cubby's metadata; they hold on Cubby
    // networks only, so an interface on the host's bridge refuses them by path.
    void containerWallsRoundTripAndNeedACubbyNetwork() {
        const std::string walls =
            "<metadata><cubby:container xmlns:cubby='https://github.com/cubby1/cubby/xmlns/"
            "container/1'><cubby:walls host='services' lan='no'/></cubby:container></metadata>";
        const std::string onNetwork = "<interface type='network'><source network='lab'/>"
                                      "</interface>";
        const auto domain = parse(domainWith(walls, onNetwork));
        QVERIFY2(domain, domain ? "" : domain.error().message.c_str());
        QCOMPARE(domain->cubby.walls, std::optional(NetworkWalls{HostAccess::Services, false}));
        expectStableRoundTrip(*domain, DomainXmlForm::Inactive);
        QVERIFY(formatDomainXml(*domain).find("<cubby:walls host='services' lan='no'/>") !=
                std::string::npos);
        expectError(domainWith(walls, onNetwork + "<interface type='bridge'><source "
                                                  "bridge='br0'/></interface>"),
                    "/domain/metadata/container/walls: walls hold only on Cubby networks");
        expectError(domainWith("<metadata><cubby:container xmlns:cubby='https://github.com/"
                               "cubby1/cubby/xmlns/container/1'><cubby:walls lan='maybe'/>"
                               "</cubby:container></metadata>"),
                    "lan");
        // Nor on the host's own network (no interface, no <privnet/>).
        expectError(domainWith(walls), "the container shares the host's network");
        QVERIFY(parse(domainWith("<features><privnet/></features>" + walls)));
        // Walls that wall nothing do not stand in the way of a bridge.
        QVERIFY(parse(domainWith("<metadata><cubby:container xmlns:cubby='https://github.com/"
                                 "cubby1/cubby/xmlns/container/1'><cubby:walls host='all'/>"
                                 "</cubby:container></metadata>",
                                 "<interface type='bridge'><source bridge='br0'/></interface>")));
    }

    void badBlkioAndDiskQuota_data() {
        QTest::addColumn<QString>("xml");
        QTest::addColumn<QString>("mentions");
        const auto blkio = [](const std::string& inner) {
            return QString::fromStdString(domainWith("<blkiotune>" + inner + "</blkiotune>"));
        };
        const auto device = [](const std::string& path) {
            return "<device><path>" + path + "</path><read_bytes_sec>1</read_bytes_sec></device>";
        };
        QTest::newRow("weight too low") << blkio("<weight>99</weight>") << "99";
        QTest::newRow("weight too high") << blkio("<weight>1001</weight>") << "1001";
        QTest::newRow("no path") << blkio("<device><weight>500</weight></device>") << "path";
        QTest::newRow("not under /dev") << blkio(device("/etc/passwd")) << "not a device node";
        QTest::newRow("relative") << blkio(device("dev/sda")) << "dev/sda";
        QTest::newRow("dot-dot") << blkio(device("/dev/../etc/shadow")) << "/dev/../etc/shadow";
        QTest::newRow("twice") << blkio(device("/dev/sda") + device("/dev/sda")) << "twice";
        std::string many;
        for (int i = 0; i < 17; ++i)
            many += device("/dev/sd" + std::string(1, char('a' + i)));
        QTest::newRow("17 disks") << blkio(many) << "at most 16";
        QTest::newRow("negative rate")
            << blkio("<device><path>/dev/sda</path><read_bytes_sec>-1</read_bytes_sec></device>")
            << "-1";
        QTest::newRow("unknown child")
            << blkio("<device><path>/dev/sda</path><bogus>1</bogus></device>") << "bogus";
        const auto quota = [](const std::string& value, bool root) {
            return QString::fromStdString(domainWith(
                "<metadata><cubby:container xmlns:cubby='https://github.com/cubby1/cubby/xmlns/"
                "container/1'><cubby:limits diskKiB='" +
                    value + "'/></cubby:container></metadata>",
                root ? "<filesystem type='mount'><source dir='/srv/r'/><target dir='/'/>"
                       "</filesystem>"
                     : ""));
        };
        QTest::newRow("quota too small") << quota("1024", true) << "1024";
        QTest::newRow("quota not a number") << quota("10G", true) << "10G";
        QTest::newRow("quota without a root")
            << quota("1048576", false) << "shares the host's root";
    }
    void badBlkioAndDiskQuota() {
        QFETCH(QString, xml);
        QFETCH(QString, mentions);
        expectError(xml.toStdString(), mentions.toStdString());
    }

    void specialCharactersSurviveARoundTrip() {
        const auto domain = parse(domainWith(
            "<title>Tom &amp; Jerry's \"box\"</title><description>a &lt;b&gt; /&gt; "
            "caf\xc3\xa9 \xf0\x9f\x93\xa6</description>",
            "<filesystem><source dir='/home/it&apos;s &amp; &lt;x&gt;'/><target dir='/mnt'/>"
            "</filesystem>"));
        QVERIFY2(domain, domain ? "" : domain.error().message.c_str());
        QCOMPARE(domain->title, std::string("Tom & Jerry's \"box\""));
        QCOMPARE(domain->description, std::string("a <b> /> caf\xc3\xa9 \xf0\x9f\x93\xa6"));
        QCOMPARE(domain->filesystems[0].sourceDir, std::string("/home/it's & <x>"));
        expectStableRoundTrip(*domain, DomainXmlForm::Inactive);
    }

    // Text in pieces (around a comment, with a CDATA section) is read whole, not cut at the
    // first piece: a description pasted from elsewhere keeps every word.
    void textInPiecesIsKeptWhole() {
        const auto domain =
            parse(domainWith("<title>web <!-- the public one -->front</title><description>joins a "
                             "<![CDATA[<network>]]> called lan</description>"));
        QVERIFY2(domain, domain ? "" : domain.error().message.c_str());
        QCOMPARE(domain->title, std::string("web front"));
        QCOMPARE(domain->description, std::string("joins a <network> called lan"));
        expectStableRoundTrip(*domain, DomainXmlForm::Inactive);
    }

    // What a document is comes from its top element, never from its text (cubbyctl validate).
    void theTopElementSaysWhatADocumentIs() {
        QCOMPARE(topElementName("<network><name>n</name><domain name='lab.test'/></network>")
                     .value_or("?"),
                 std::string("network"));
        QCOMPARE(topElementName("<!-- a <network> --><domain type='lxc'><description>"
                                "<![CDATA[<network>]]></description></domain>")
                     .value_or("?"),
                 std::string("domain"));
        QCOMPARE(topElementName("<?xml version='1.0'?>\n<pool/>").value_or("?"),
                 std::string("pool"));
        for (const char* refused :
             {"", "<domain>", "<a/><b/>", "<!DOCTYPE d [<!ENTITY x 'y'>]><d/>"}) {
            const auto top = topElementName(refused);
            QVERIFY2(!top, refused);
            QCOMPARE(top.error().kind, ErrorKind::InvalidArgument);
        }
    }

    void applicationContainerHasNoRoot() {
        const auto domain = parse(domainWith(""));
        QVERIFY(domain);
        QCOMPARE(domain->rootFilesystem(), nullptr);
        QVERIFY(!domain->hasPrivateNetwork());
        QCOMPARE(domain->consoles.size(), size_t{1}); // implicit, like libvirt's
    }

    void unknownElementsAreKeptAtTheTopAndInDevices() {
        const auto domain =
            parse(domainWith("<clock offset='utc'/><resource><partition>/machine</partition>"
                             "</resource>",
                             "<emulator>/usr/lib/libvirt/libvirt_lxc</emulator>"));
        QVERIFY2(domain, domain ? "" : domain.error().message.c_str());
        QCOMPARE(domain->preservedElements.size(), size_t{2});
        QCOMPARE(domain->preservedDevices.size(), size_t{1});
        QCOMPARE(domainWarnings(*domain).size(), size_t{3});
        const std::string out = formatDomainXml(*domain);
        QVERIFY(out.find("<partition>/machine</partition>") != std::string::npos);
        QVERIFY(out.find("<emulator>/usr/lib/libvirt/libvirt_lxc</emulator>") != std::string::npos);
        expectStableRoundTrip(*domain, DomainXmlForm::Inactive);
    }

    // Found by fuzzing (tests/fuzz): text between a kept element's children kept the
    // indentation the printer added, so each round trip changed the element.
    void keptElementWithMixedContentRoundTrips() {
        const auto domain = parse(domainWith("<metadata><app:x xmlns:app='urn:a'>a<b/>c "
                                             "&amp; d<e>f</e></app:x></metadata>"));
        QVERIFY2(domain, domain ? "" : domain.error().message.c_str());
        QVERIFY(formatDomainXml(*domain).find("<app:x xmlns:app='urn:a'>a<b/>c &amp; d<e>f</e>"
                                              "</app:x>") != std::string::npos);
        expectStableRoundTrip(*domain, DomainXmlForm::Inactive);
    }

    // Found by fuzzing: a console's tty in a file without the domain's id gave live XML with
    // id='0', which does not parse back.
    void liveConsoleWithoutAnIdRoundTrips() {
        const auto domain = parse(domainWith("", "<console type='pty' tty='/dev/pts/4'/>"));
        QVERIFY2(domain, domain ? "" : domain.error().message.c_str());
        QVERIFY(domain->live);
        QCOMPARE(domain->live->id, int64_t{0});
        QVERIFY(formatDomainXml(*domain, DomainXmlForm::Live).find(" id=") == std::string::npos);
        expectStableRoundTrip(*domain, DomainXmlForm::Live);
    }

    void unknownContentInsideModelledElementsIsRefused_data() {
        QTest::addColumn<QString>("xml");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("interface child")
            << QString::fromStdString(domainWith("", "<interface type='network'><source "
                                                     "network='n'/><model type='virtio'/>"
                                                     "</interface>"))
            << "<model>";
        QTest::newRow("filesystem attribute")
            << QString::fromStdString(domainWith("", "<filesystem type='mount' fmode='644'><source "
                                                     "dir='/a'/><target dir='/b'/></filesystem>"))
            << "'fmode'";
        QTest::newRow("os child") << QString::fromStdString(
                                         "<domain type='lxc'><name>t</name><memory>9999</memory>"
                                         "<os><type>exe</type><boot dev='hd'/></os></domain>")
                                  << "<boot>";
        QTest::newRow("text in devices")
            << QString::fromStdString(domainWith("", "stray words")) << "stray words";
        QTest::newRow("capability typo")
            << QString::fromStdString(domainWith("<features><capabilities><sys_admn state='on'/>"
                                                 "</capabilities></features>"))
            << "sys_admn";
    }
    void unknownContentInsideModelledElementsIsRefused() {
        QFETCH(QString, xml);
        QFETCH(QString, mentions);
        expectError(xml.toStdString(), mentions.toStdString());
    }

    void badInput_data() {
        QTest::addColumn<QString>("xml");
        QTest::addColumn<QString>("mentions");
        const auto withName = [](const std::string& name) {
            return QString::fromStdString("<domain type='lxc'><name>" + name +
                                          "</name><memory>9999</memory><os><type>exe</type></os>"
                                          "</domain>");
        };
        QTest::newRow("name ../x") << withName("../x") << "'../x'";
        QTest::newRow("name a/b") << withName("a/b") << "'a/b'";
        QTest::newRow("name empty") << withName("") << "/domain/name";
        QTest::newRow("name 300") << withName(std::string(300, 'n')) << "300 characters";
        QTest::newRow("not lxc") << QString("<domain type='kvm'><name>t</name></domain>")
                                 << "'kvm'";
        QTest::newRow("no memory")
            << QString("<domain type='lxc'><name>t</name><os><type>exe</type></os></domain>")
            << "<memory>";
        QTest::newRow("memory too small")
            << QString::fromStdString("<domain type='lxc'><name>t</name><memory>100</memory>"
                                      "<os><type>exe</type></os></domain>")
            << "minimum";
        QTest::newRow("memory not a number")
            << QString("<domain type='lxc'><name>t</name><memory>lots</memory></domain>")
            << "'lots'";
        QTest::newRow("current above max")
            << QString::fromStdString(domainWith("<currentMemory unit='GiB'>1</currentMemory>"))
            << "currentMemory";
        QTest::newRow("soft above hard")
            << QString::fromStdString(domainWith("<memtune><hard_limit unit='MiB'>10</hard_limit>"
                                                 "<soft_limit unit='MiB'>20</soft_limit>"
                                                 "</memtune>"))
            << "soft_limit";
        QTest::newRow("os type hvm")
            << "<domain type='lxc'><name>t</name><memory>9999</memory><os><type>hvm</type></os>"
               "</domain>"
            << "'hvm'";
        QTest::newRow("relative init")
            << QString::fromStdString(
                   "<domain type='lxc'><name>t</name><memory>9999</memory><os><type>exe</type>"
                   "<init>sbin/init</init></os></domain>")
            << "'sbin/init'";
        QTest::newRow("bad mac") << QString::fromStdString(domainWith(
                                        "", "<interface type='network'><source "
                                            "network='n'/><mac address='00:11:22:33:44'/>"
                                            "</interface>"))
                                 << "'00:11:22:33:44'";
        QTest::newRow("multicast mac")
            << QString::fromStdString(domainWith("",
                                                 "<interface type='network'><source "
                                                 "network='n'/><mac address='01:11:22:33:44:55'/>"
                                                 "</interface>"))
            << "multicast";
        QTest::newRow("duplicate mac")
            << QString::fromStdString(domainWith(
                   "", "<interface type='network'><source network='n'/><mac "
                       "address='52:54:00:00:00:01'/></interface><interface type='network'>"
                       "<source network='n'/><mac address='52:54:00:00:00:01'/></interface>"))
            << "52:54:00:00:00:01";
        QTest::newRow("guest dev too long")
            << QString::fromStdString(domainWith("",
                                                 "<interface type='network'><source "
                                                 "network='n'/><guest dev='averyveryverylongname'/>"
                                                 "</interface>"))
            << "'averyveryverylongname'";
        QTest::newRow("interface type user")
            << QString::fromStdString(domainWith("", "<interface type='user'/>")) << "'user'";
        QTest::newRow("ip bad prefix")
            << QString::fromStdString(domainWith("", "<interface type='network'><source "
                                                     "network='n'/><ip address='10.0.0.2' "
                                                     "prefix='40'/></interface>"))
            << "'40'";
        QTest::newRow("ip bad netmask")
            << QString::fromStdString(domainWith("", "<interface type='network'><source "
                                                     "network='n'/><ip address='10.0.0.2' "
                                                     "netmask='255.0.255.0'/></interface>"))
            << "'255.0.255.0'";
        QTest::newRow("relative source")
            << QString::fromStdString(domainWith("", "<filesystem type='mount'><source dir='a/b'/>"
                                                     "<target dir='/x'/></filesystem>"))
            << "'a/b'";
        QTest::newRow("dotdot target")
            << QString::fromStdString(domainWith("", "<filesystem type='mount'><source dir='/a'/>"
                                                     "<target dir='/x/../etc'/></filesystem>"))
            << "'/x/../etc'";
        QTest::newRow("duplicate target")
            << QString::fromStdString(domainWith("", "<filesystem><source dir='/a'/><target "
                                                     "dir='/x'/></filesystem><filesystem><source "
                                                     "dir='/b'/><target dir='/x'/></filesystem>"))
            << "'/x'";
        QTest::newRow("ram root") << QString::fromStdString(
                                         domainWith("", "<filesystem type='ram'><source usage='1'/>"
                                                        "<target dir='/'/></filesystem>"))
                                  << "root filesystem";
        QTest::newRow("block filesystem")
            << QString::fromStdString(domainWith("",
                                                 "<filesystem type='block'><source dev='/dev/sda'/>"
                                                 "<target dir='/'/></filesystem>"))
            << "'block'";
        QTest::newRow("idmap overlap") << QString::fromStdString(domainWith(
                                              "<idmap><uid start='0' target='1000' count='10'/>"
                                              "<uid start='5' target='5000' count='10'/>"
                                              "<gid start='0' target='1000' count='10'/></idmap>"))
                                       << "overlaps";
        QTest::newRow("idmap without root")
            << QString::fromStdString(
                   domainWith("<idmap><uid start='1' target='1000' count='10'/>"
                              "<gid start='0' target='1000' count='10'/></idmap>"))
            << "id 0";
        QTest::newRow("idmap missing gid")
            << QString::fromStdString(domainWith("<idmap><uid start='0' target='1000' count='10'/>"
                                                 "</idmap>"))
            << "<gid>";
        QTest::newRow("lifecycle preserve")
            << QString::fromStdString(domainWith("<on_crash>preserve</on_crash>")) << "'preserve'";
        QTest::newRow("quota zero")
            << QString::fromStdString(domainWith("<cputune><quota>0</quota></cputune>")) << "'0'";
        QTest::newRow("shares huge")
            << QString::fromStdString(domainWith("<cputune><shares>999999999</shares></cputune>"))
            << "'999999999'";
        QTest::newRow("cpuset empty")
            << QString::fromStdString(domainWith("<vcpu cpuset='0,^0'>1</vcpu>")) << "no CPU";
        QTest::newRow("two names")
            << QString("<domain type='lxc'><name>a</name><name>b</name></domain>") << "only once";
        QTest::newRow("console type file")
            << QString::fromStdString(domainWith("", "<console type='file'/>")) << "'file'";
        QTest::newRow("env name")
            << QString::fromStdString(
                   "<domain type='lxc'><name>t</name><memory>9999</memory><os><type>exe</type>"
                   "<initenv name='A=B'>x</initenv></os></domain>")
            << "'A=B'";
        QTest::newRow("nil uuid")
            << QString::fromStdString("<domain type='lxc'><name>t</name>"
                                      "<uuid>00000000-0000-0000-0000-000000000000</uuid></domain>")
            << "nil";
    }
    void badInput() {
        QFETCH(QString, xml);
        QFETCH(QString, mentions);
        expectError(xml.toStdString(), mentions.toStdString());
    }

    void malformedAndHostileDocuments_data() {
        QTest::addColumn<QByteArray>("xml");
        QTest::addColumn<QString>("mentions");
        const std::string seed = readData("mycontainer.xml");
        QTest::newRow("truncated")
            << QByteArray::fromStdString(seed.substr(0, seed.size() / 2)) << "malformed";
        QTest::newRow("mismatched tags")
            << QByteArray("<domain type='lxc'><name>x</nam></domain>") << "malformed";
        QTest::newRow("empty") << QByteArray("") << "malformed";
        QTest::newRow("not xml") << QByteArray("hello") << "malformed";
        QTest::newRow("wrong root")
            << QByteArray("<network><name>x</name></network>") << "'network'";
        QTest::newRow("two roots")
            << QByteArray("<domain type='lxc'/><domain type='lxc'/>") << "exactly one";
        QTest::newRow("billion laughs")
            << QByteArray("<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol 'lol'>"
                          "<!ENTITY lol2 '&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;'>]>"
                          "<domain type='lxc'><name>&lol2;</name></domain>")
            << "DOCTYPE";
        QTest::newRow("external entity")
            << QByteArray("<!DOCTYPE d [<!ENTITY x SYSTEM 'file:///etc/shadow'>]>"
                          "<domain type='lxc'><name>&x;</name></domain>")
            << "DOCTYPE";
        QTest::newRow("non-utf8") << QByteArray("<domain type='lxc'><name>caf\xe9</name></domain>")
                                  << "UTF-8";
        QTest::newRow("nul byte") << QByteArray("<domain type='lxc'>\0</domain>", 27) << "NUL";
        QByteArray huge = "<domain type='lxc'><description>";
        huge.append(QByteArray(10 * 1024 * 1024, 'a'));
        huge.append("</description></domain>");
        QTest::newRow("10 MB") << huge << "at most";
    }
    void malformedAndHostileDocuments() {
        QFETCH(QByteArray, xml);
        QFETCH(QString, mentions);
        expectError(xml.toStdString(), mentions.toStdString());
    }

    void errorsGiveLineAndColumn() {
        const auto domain =
            parse("<domain type='lxc'>\n  <name>x</name>\n  <memory>1<memory>\n</domain>");
        QVERIFY(!domain);
        QVERIFY2(domain.error().message.find("line ") != std::string::npos,
                 domain.error().message.c_str());
    }

    void titleIsOneLine() { expectError(domainWith("<title>two\nlines</title>"), "single line"); }

    void duplicateNamesAndUuidsInASet() {
        auto a = parse(domainWith(""));
        QVERIFY(a);
        auto b = *a;
        b.uuid = *Uuid::parse("8369f1ac-7e46-e869-4ca5-759d51478066", "");
        std::vector<Domain> set{*a, b};
        auto status = validateDomainSet(set);
        QVERIFY(!status);
        QCOMPARE(status.error().kind, ErrorKind::AlreadyExists);
        QVERIFY(status.error().message.find("'t'") != std::string::npos);
        set[1].name = "other";
        QVERIFY(validateDomainSet(set));
        set[1].uuid = set[0].uuid;
        QVERIFY(!validateDomainSet(set));
    }

    void validationCatchesValuesBuiltInCode() {
        // The GUI's wizard builds a Domain directly; the same rules apply.
        auto domain = *parse(domainWith(""));
        domain.memoryKiB = 10;
        QVERIFY(!validateDomain(domain));
        domain.memoryKiB = domain.currentMemoryKiB = 65536;
        domain.features.capabilities =
            CapabilityFeature{CapabilityPolicy::Allow, {{"bogus", true}}};
        QVERIFY(!validateDomain(domain));
    }
};

QTEST_APPLESS_MAIN(TestDomainXml)
#include "test_domain_xml.moc"
