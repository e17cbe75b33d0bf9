// Unprivileged by default: the host id ranges the helper gives containers, and Cubby's
// <metadata> element (privileged opt-in, owner) through a round trip.
#include "cgroup_plan.h"
#include "container_plan.h"
#include "domain_xml.h"
#include "id_ranges.h"

#include <QTest>

using namespace cubby;

namespace {

const std::string cubbyNs = "https://github.com/cubby1/cubby/xmlns/container/1";

Result<Domain> parse(const std::string& inner) {
    return parseDomainXml("<domain type='lxc'><name>box</name>"
                          "<uuid>8369f1ac-7e46-e869-4ca5-759d51478066</uuid>"
                          "<memory unit='MiB'>64</memory><os><type>exe</type></os>" +
                              inner + "<devices/></domain>",
                          [] { return Uuid{}; });
}

} // namespace

class TestIdRanges : public QObject {
    Q_OBJECT
private slots:
    void firstRangeIsThePoolStart() {
        auto base = allocateContainerIds({});
        QVERIFY(base);
        QCOMPARE(*base, uint64_t(524288));
    }

    void skipsSubordinateRangesAndOtherContainers() {
        // A typical /etc/subuid (useradd gives 100000+65536 per user) plus one that reaches
        // into the pool, and a container already at the pool's first range.
        const auto subuid = parseSubordinateIds("alice:100000:65536\n"
                                                "# comment\n"
                                                "bob:500000:100000\n"
                                                "broken line\n"
                                                "carol:x:5\n");
        QCOMPARE(subuid.size(), size_t(2));
        QCOMPARE(subuid[1], (HostIdRange{500000, 100000}));
        std::vector<HostIdRange> taken = subuid;
        taken.push_back({589824, 65536});
        auto base = allocateContainerIds(taken);
        QVERIFY(base);
        // 524288 overlaps bob (500000–599999) and 589824 is a container: next free boundary.
        QCOMPARE(*base, uint64_t(655360));
        for (const auto& range : taken)
            QVERIFY(!range.overlaps({*base, containerIdRangeSize}));
        QCOMPARE(*base % containerIdRangeSize, uint64_t(0));
    }

    void fullPoolIsAClearConflict() {
        const std::vector<HostIdRange> everything{
            {containerIdPoolStart, containerIdPoolEnd - containerIdPoolStart}};
        auto base = allocateContainerIds(everything);
        QVERIFY(!base);
        QCOMPARE(base.error().kind, ErrorKind::Conflict);
        QVERIFY(base.error().message.find("no free range") != std::string::npos);
    }

    void allocatedMapShape() {
        QVERIFY(isAllocatedIdMap(containerIdMap(524288)));
        QVERIFY(isAllocatedIdMap(containerIdMap(1879048192 - 65536)));
        IdMap shifted = containerIdMap(524288);
        shifted.uids[0].start = 1; // root inside would not be the range's first id
        QVERIFY(!isAllocatedIdMap(shifted));
        IdMap hostRoot = containerIdMap(0); // root inside would be root outside
        QVERIFY(!isAllocatedIdMap(hostRoot));
        IdMap split = containerIdMap(524288);
        split.gids[0].target = 589824;
        QVERIFY(!isAllocatedIdMap(split));
    }

    void hostRangesOfADefinition() {
        auto domain = parse("<idmap><uid start='0' target='700000' count='1000'/>"
                            "<gid start='0' target='800000' count='10'/></idmap>");
        QVERIFY2(domain, domain ? "" : domain.error().message.c_str());
        QCOMPARE(hostIdRanges(*domain), (std::vector<HostIdRange>{{700000, 1000}, {800000, 10}}));
    }

    void metadataRoundTrip() {
        // Any prefix: the element is found by its namespace; other applications' metadata
        // stays as it was.
        auto domain =
            parse("<metadata><app:info xmlns:app='urn:other'>kept</app:info>"
                  "<c:container xmlns:c='" +
                  cubbyNs + "'><c:privileged/><c:owner uid='1000'/></c:container></metadata>");
        QVERIFY2(domain, domain ? "" : domain.error().message.c_str());
        QVERIFY(domain->cubby.privileged);
        QCOMPARE(domain->cubby.ownerUid, std::optional<uint32_t>(1000));
        QVERIFY(!domain->hasUserNamespace());
        QCOMPARE(domain->preservedMetadata.size(), size_t(1));
        const std::string xml = formatDomainXml(*domain);
        QVERIFY2(xml.find("<cubby:privileged/>") != std::string::npos, xml.c_str());
        QVERIFY2(xml.find("<app:info xmlns:app='urn:other'>kept</app:info>") != std::string::npos,
                 xml.c_str());
        auto again = parseDomainXml(xml, [] { return Uuid{}; });
        QVERIFY2(again, again ? "" : again.error().message.c_str());
        QCOMPARE(*again, *domain);
    }

    void processLimitRoundTripsAndReachesTheGroup() {
        auto domain = parse("<metadata><cubby:container xmlns:cubby='" + cubbyNs +
                            "'><cubby:limits processes='512'/></cubby:container></metadata>");
        QVERIFY2(domain, domain ? "" : domain.error().message.c_str());
        QCOMPARE(domain->cubby.processLimit, std::optional<uint64_t>(512));
        const std::string xml = formatDomainXml(*domain);
        QVERIFY2(xml.find("<cubby:limits processes='512'/>") != std::string::npos, xml.c_str());
        auto again = parseDomainXml(xml, [] { return Uuid{}; });
        QVERIFY2(again, again ? "" : again.error().message.c_str());
        QCOMPARE(*again, *domain);
        QCOMPARE(planCgroupLimits(*domain).pidsMax, std::optional<uint64_t>(512));
        domain->cubby.processLimit.reset();
        QCOMPARE(planCgroupLimits(*domain).pidsMax,
                 std::optional<uint64_t>(defaultContainerPidsMax));
    }

    void securitySettingsRoundTripAndReachThePlan() {
        auto domain = parse("<metadata><cubby:container xmlns:cubby='" + cubbyNs +
                            "'><cubby:security seccomp='relaxed' noNewPrivileges='no'/>"
                            "</cubby:container></metadata>");
        QVERIFY2(domain, domain ? "" : domain.error().message.c_str());
        QCOMPARE(domain->cubby.seccomp, SeccompProfile::Relaxed);
        QCOMPARE(domain->cubby.noNewPrivileges, std::optional<bool>(false));
        const std::string xml = formatDomainXml(*domain);
        QVERIFY2(xml.find("<cubby:security seccomp='relaxed' noNewPrivileges='no'/>") !=
                     std::string::npos,
                 xml.c_str());
        auto again = parseDomainXml(xml, [] { return Uuid{}; });
        QVERIFY2(again, again ? "" : again.error().message.c_str());
        QCOMPARE(*again, *domain);
        const ContainerPlan plan = planContainer(*domain, HostFacts{});
        QCOMPARE(plan.seccomp, SeccompProfile::Relaxed);
        QVERIFY(!plan.noNewPrivileges);
    }

    void noNewPrivilegesDefaultFollowsTheInit() {
        // An application container (the host's files, no root of its own) runs nothing that
        // needs set-user-ID; a system container's su and sudo do.
        auto application = parse("");
        QVERIFY(application);
        QVERIFY(planContainer(*application, HostFacts{}).noNewPrivileges);
        QCOMPARE(planContainer(*application, HostFacts{}).seccomp, SeccompProfile::Default);
        auto system = parseDomainXml(
            "<domain type='lxc'><name>box</name><uuid>8369f1ac-7e46-e869-4ca5-759d51478066</uuid>"
            "<memory unit='MiB'>64</memory><os><type>exe"
            "</type><init>/sbin/init</init></os><devices><filesystem type='mount'><source "
            "dir='/var/lib/box'/><target dir='/'/></filesystem></devices></domain>",
            [] { return Uuid{}; });
        QVERIFY2(system, system ? "" : system.error().message.c_str());
        QVERIFY(!planContainer(*system, HostFacts{}).noNewPrivileges);
        // Nothing said, nothing written: the stored form stays as it was.
        QVERIFY(formatDomainXml(*system).find("security") == std::string::npos);
    }

    void metadataRefusals_data() {
        QTest::addColumn<QString>("inner");
        QTest::addColumn<QString>("mentions");
        const QString ns = QString::fromStdString(cubbyNs);
        QTest::newRow("privileged with an idmap")
            << "<idmap><uid start='0' target='600000' count='65536'/><gid start='0' "
               "target='600000' count='65536'/></idmap><metadata><cubby:container "
               "xmlns:cubby='" +
                   ns + "'><cubby:privileged/></cubby:container></metadata>"
            << "remove one of them";
        QTest::newRow("unknown Cubby setting")
            << "<metadata><cubby:container xmlns:cubby='" + ns +
                   "'><cubby:rootless/></cubby:container></metadata>"
            << "cubby:rootless";
        QTest::newRow("owner not a number")
            << "<metadata><cubby:container xmlns:cubby='" + ns +
                   "'><cubby:owner uid='root'/></cubby:container></metadata>"
            << "not a user id";
        QTest::newRow("two Cubby elements")
            << "<metadata><a:container xmlns:a='" + ns + "'/><b:container xmlns:b='" + ns +
                   "'/></metadata>"
            << "container";
        QTest::newRow("wrong Cubby element")
            << "<metadata><cubby:settings xmlns:cubby='" + ns + "'/></metadata>"
            << "Cubby's metadata element is <container>";
        QTest::newRow("unknown seccomp profile")
            << "<metadata><cubby:container xmlns:cubby='" + ns +
                   "'><cubby:security seccomp='off'/></cubby:container></metadata>"
            << "not a seccomp profile";
        QTest::newRow("noNewPrivileges not yes or no")
            << "<metadata><cubby:container xmlns:cubby='" + ns +
                   "'><cubby:security noNewPrivileges='true'/></cubby:container></metadata>"
            << "neither 'yes' nor 'no'";
        QTest::newRow("process limit too small")
            << "<metadata><cubby:container xmlns:cubby='" + ns +
                   "'><cubby:limits processes='3'/></cubby:container></metadata>"
            << "not a process limit (16–4194304)";
        QTest::newRow("process limit beyond the kernel's")
            << "<metadata><cubby:container xmlns:cubby='" + ns +
                   "'><cubby:limits processes='99999999'/></cubby:container></metadata>"
            << "not a process limit";
        QTest::newRow("process limit not a number")
            << "<metadata><cubby:container xmlns:cubby='" + ns +
                   "'><cubby:limits processes='-1'/></cubby:container></metadata>"
            << "limits/@processes";
        QTest::newRow("unknown security attribute")
            << "<metadata><cubby:container xmlns:cubby='" + ns +
                   "'><cubby:security apparmor='x'/></cubby:container></metadata>"
            << "apparmor";
    }

    void metadataRefusals() {
        QFETCH(QString, inner);
        QFETCH(QString, mentions);
        auto domain = parse(inner.toStdString());
        QVERIFY(!domain);
        QVERIFY2(domain.error().message.find(mentions.toStdString()) != std::string::npos,
                 domain.error().message.c_str());
    }
};

QTEST_APPLESS_MAIN(TestIdRanges)
#include "test_id_ranges.moc"
