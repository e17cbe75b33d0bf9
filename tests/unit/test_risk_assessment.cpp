// Which polkit action a container or root filesystem request needs (issue 9, item 4): the
// caller's own unprivileged container reaching nothing of the host's (manage-own, no password
// for an active desktop user) or an administrator, with every reason named.
#include "domain_xml.h"
#include "id_ranges.h"
#include "risk_assessment.h"

#include <QTest>

using namespace cubby;

namespace {

constexpr uint32_t carol = 1000;
const std::string ownRoot = "/var/lib/cubby/rootfs/mine";

Domain parse(const std::string& inner, const std::string& devices = {}) {
    auto domain = parseDomainXml(
        "<domain type='lxc'><name>box</name><uuid>8369f1ac-7e46-e869-4ca5-759d51478066</uuid>"
        "<memory unit='MiB'>64</memory><os><type>exe</type></os>" +
            inner + "<devices><filesystem type='mount'><source dir='" + ownRoot +
            "'/><target dir='/'/></filesystem>" + devices + "</devices></domain>",
        [] { return Uuid{}; });
    if (!domain)
        qFatal("%s", domain.error().message.c_str());
    return *domain;
}

CallerFacts carolsFacts() {
    CallerFacts facts;
    facts.uid = carol;
    facts.ownRootfs = {ownRoot};
    facts.sourcesInHome = {"/home/carol/src"};
    facts.networks = {"default", "home"};
    facts.lanNetworks = {"home"}; // a host-bridge network
    facts.containerLimit = 3;
    return facts;
}

Domain owned(Domain domain, uint32_t owner) {
    domain.cubby.ownerUid = owner;
    domain.idmap = containerIdMap(524288);
    return domain;
}

const std::string cubbyNs = "https://github.com/cubby1/cubby/xmlns/container/1";

} // namespace

class TestRiskAssessment : public QObject {
    Q_OBJECT
private slots:
    void ownUnprivilegedContainerNeedsNoAdministrator() {
        const Domain domain =
            parse("", "<filesystem type='mount'><source dir='/home/carol/src'/><target dir='/src'/>"
                      "</filesystem><filesystem type='ram'><source usage='1024'/><target "
                      "dir='/scratch'/></filesystem><interface type='network'><source "
                      "network='default'/></interface>");
        const auto risk = assessContainer(domain, std::nullopt, carolsFacts());
        QVERIFY2(risk.own(), risk.summary().c_str());
        // Fewer processes than the default is hers to choose.
        Domain fewer = domain;
        fewer.cubby.processLimit = 256;
        QVERIFY(assessContainer(fewer, std::nullopt, carolsFacts()).own());
        // Started, stopped or opened later: the stored definition with its allocated range.
        const Domain stored = owned(domain, carol);
        QVERIFY(assessContainer(stored, stored, carolsFacts()).own());
    }

    void everyReasonIsNamed_data() {
        QTest::addColumn<QString>("inner");
        QTest::addColumn<QString>("devices");
        QTest::addColumn<QString>("reason");
        const auto row = [](const char* name, const std::string& inner, const std::string& devices,
                            const char* reason) {
            QTest::newRow(name) << QString::fromStdString(inner) << QString::fromStdString(devices)
                                << QString(reason);
        };
        const std::string metadata = "<metadata><cubby:container xmlns:cubby='" + cubbyNs + "'>";
        row("privileged", metadata + "<cubby:privileged/></cubby:container></metadata>", "",
            "privileged");
        row("an idmap of its own",
            "<idmap><uid start='0' target='0' count='65536'/><gid start='0' target='0' "
            "count='65536'/></idmap>",
            "", "<idmap> of its own");
        row("no seccomp",
            metadata + "<cubby:security seccomp='none'/></cubby:container></metadata>", "",
            "no system-call filter");
        row("more processes than the default",
            metadata + "<cubby:limits processes='100000'/></cubby:container></metadata>", "",
            "it may run 100000 processes, more than the default 4096");
        row("host path", "",
            "<filesystem type='mount'><source dir='/etc'/><target dir='/host-etc'/></filesystem>",
            "it mounts /etc");
        row("host bridge", "", "<interface type='bridge'><source bridge='br0'/></interface>",
            "host bridge br0");
        row("macvlan", "",
            "<interface type='direct'><source dev='eth0' mode='bridge'/></interface>",
            "host device eth0");
        row("missing network", "", "<interface type='network'><source network='nope'/></interface>",
            "'nope', which does not exist");
        row("the host's LAN through a network", "",
            "<interface type='network'><source network='home'/></interface>",
            "joins the host's LAN through the network 'home'");
    }

    void everyReasonIsNamed() {
        QFETCH(QString, inner);
        QFETCH(QString, devices);
        QFETCH(QString, reason);
        const auto risk = assessContainer(parse(inner.toStdString(), devices.toStdString()),
                                          std::nullopt, carolsFacts());
        QVERIFY(!risk.own());
        QVERIFY2(risk.summary().find(reason.toStdString()) != std::string::npos,
                 risk.summary().c_str());
    }

    void anotherRootFilesystemOrTheHostsRoot() {
        CallerFacts facts = carolsFacts();
        facts.ownRootfs.clear();
        auto risk = assessContainer(parse(""), std::nullopt, facts);
        QVERIFY2(risk.summary().find("not one Cubby made for uid 1000") != std::string::npos,
                 risk.summary().c_str());
        Domain application = parse("");
        application.filesystems.clear();
        risk = assessContainer(application, std::nullopt, carolsFacts());
        QVERIFY2(risk.summary().find("host's root filesystem") != std::string::npos,
                 risk.summary().c_str());
    }

    void someoneElsesContainer() {
        const Domain theirs = owned(parse(""), 1001);
        auto risk = assessContainer(theirs, theirs, carolsFacts());
        QVERIFY2(risk.summary().find("belongs to uid 1001") != std::string::npos,
                 risk.summary().c_str());
        // Redefining it (same file, no idmap: the helper keeps the range) is taking it over.
        risk = assessContainer(parse(""), theirs, carolsFacts());
        QVERIFY(!risk.own());
        // A definition without a recorded owner (made before owners were kept) is an
        // administrator's.
        Domain legacy = theirs;
        legacy.cubby.ownerUid.reset();
        QVERIFY(!assessContainer(legacy, legacy, carolsFacts()).own());
    }

    void onlyTheAllocatedRangeIsHers() {
        const Domain stored = owned(parse(""), carol);
        Domain widened = stored;
        widened.idmap->uids.front().target = 0; // root inside as host root
        const auto risk = assessContainer(widened, stored, carolsFacts());
        QVERIFY2(risk.summary().find("<idmap> of its own") != std::string::npos,
                 risk.summary().c_str());
    }

    void containerLimitCountsOnlyNewOnes() {
        CallerFacts facts = carolsFacts();
        facts.containersOwned = 3;
        const auto risk = assessContainer(parse(""), std::nullopt, facts);
        QVERIFY2(risk.summary().find("already has 3 containers") != std::string::npos,
                 risk.summary().c_str());
        const Domain stored = owned(parse(""), carol);
        QVERIFY(assessContainer(stored, stored, facts).own());
    }

    void rootFilesystems() {
        RootfsFacts facts{carol, std::nullopt, 0, 2, 0, uint64_t(1) << 30};
        QVERIFY(assessNewRootfs(facts).own());
        facts.rootfsOwned = 2;
        QVERIFY(assessNewRootfs(facts).summary().find("already has 2 root filesystems") !=
                std::string::npos);
        facts.rootfsOwned = 0;
        facts.rootfsBytesOwned = uint64_t(1) << 30;
        QVERIFY(assessNewRootfs(facts).summary().find("1024 MiB") != std::string::npos);
        QVERIFY(assessExistingRootfs(facts).summary().find("administrator") != std::string::npos);
        facts.owner = carol;
        QVERIFY(assessExistingRootfs(facts).own());
        facts.owner = 1001;
        QVERIFY(assessExistingRootfs(facts).summary().find("uid 1001") != std::string::npos);
    }
};

QTEST_APPLESS_MAIN(TestRiskAssessment)
#include "test_risk_assessment.moc"
