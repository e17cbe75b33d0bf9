// The plan the controller's child walks: namespaces, the mount table, capabilities, init's
// command line and environment, decided from the definition alone.
#include "container_plan.h"
#include "domain_xml.h"

#include <QTest>
#include <algorithm>
#include <csignal>
#include <sched.h>
#include <sys/mount.h>

using namespace cubby;

namespace {

Domain parse(const std::string& inner, const std::string& devices = "") {
    const std::string xml = "<domain type='lxc'><name>box</name>"
                            "<uuid>8369f1ac-7e46-e869-4ca5-759d51478066</uuid>"
                            "<memory unit='MiB'>64</memory>" +
                            inner + "<devices>" + devices + "</devices></domain>";
    auto domain = parseDomainXml(xml, [] { return Uuid{}; });
    if (!domain)
        qFatal("%s", domain.error().message.c_str());
    return *domain;
}

const std::string vpsRoot =
    "<filesystem type='mount'><source dir='/var/lib/cubby/box'/><target dir='/'/></filesystem>";

const MountStep* find(const ContainerPlan& plan, std::string_view target, MountAction action) {
    const auto found = std::ranges::find_if(plan.mounts, [&](const MountStep& step) {
        return step.target == target && step.action == action;
    });
    return found == plan.mounts.end() ? nullptr : &*found;
}

bool drops(const ContainerPlan& plan, int cap) {
    return std::ranges::find(plan.capabilitiesToDrop, cap) != plan.capabilitiesToDrop.end();
}

} // namespace

class TestContainerPlan : public QObject {
    Q_OBJECT
private slots:
    void namespacesFollowTheDefinition() {
        const auto plain = planContainer(parse("<os><type>exe</type></os>", vpsRoot), {});
        QCOMPARE(plain.cloneFlags,
                 uint64_t(CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC));
        const auto networked = planContainer(
            parse("<os><type>exe</type></os>",
                  vpsRoot + "<interface type='bridge'><source bridge='br0'/></interface>"),
            {});
        QVERIFY(networked.cloneFlags & CLONE_NEWNET);
        const auto privnet =
            planContainer(parse("<os><type>exe</type></os><features><privnet/></features>"), {});
        QVERIFY(privnet.cloneFlags & CLONE_NEWNET);
        const auto mapped = planContainer(
            parse("<os><type>exe</type></os><idmap><uid start='0' target='100000' count='65536'/>"
                  "<gid start='0' target='100000' count='1000'/></idmap>"),
            {});
        QVERIFY(mapped.cloneFlags & CLONE_NEWUSER);
        QCOMPARE(mapped.uidMap, std::string("0 100000 65536\n"));
        QCOMPARE(mapped.gidMap, std::string("0 100000 1000\n"));
    }

    void mountTableOfAPrivateRoot() {
        const auto plan = planContainer(
            parse("<os><type>exe</type></os>",
                  vpsRoot + "<filesystem type='mount'><source dir='/home/me/share'/><target "
                            "dir='/mnt/share'/><readonly/></filesystem>"
                            "<filesystem type='ram'><source usage='16' units='MiB'/><target "
                            "dir='/scratch'/></filesystem>"
                            "<filesystem type='bind'><source dir='/srv'/><target dir='/data'/>"
                            "</filesystem>"),
            {});
        QCOMPARE(plan.rootfs, std::string("/var/lib/cubby/box"));
        QCOMPARE(plan.hostname, std::string("box"));
        const MountStep* proc = find(plan, "/proc", MountAction::MountFilesystem);
        QVERIFY(proc && proc->fstype == "proc" && (proc->flags & MS_NOEXEC));
        const MountStep* sys = find(plan, "/sys", MountAction::MountFilesystem);
        QVERIFY(sys && (sys->flags & MS_RDONLY));
        const MountStep* devpts = find(plan, "/dev/pts", MountAction::MountFilesystem);
        QVERIFY(devpts);
        QCOMPARE(devpts->data, std::string("newinstance,ptmxmode=0666,mode=0620,gid=5"));
        const MountStep* ptmx = find(plan, "/dev/ptmx", MountAction::Symlink);
        QVERIFY(ptmx && ptmx->source == "pts/ptmx");
        for (const char* node :
             {"/dev/null", "/dev/zero", "/dev/full", "/dev/random", "/dev/urandom", "/dev/tty"}) {
            const MountStep* bind = find(plan, node, MountAction::BindHost);
            QVERIFY2(bind && bind->targetIsFile && bind->source == node, node);
        }
        const MountStep* console = find(plan, "/dev/console", MountAction::BindHost);
        QVERIFY(console && console->source.empty()); // bound from the controller's PTY slave
        const MountStep* share = find(plan, "/mnt/share", MountAction::BindHost);
        QVERIFY(share && share->readOnly && share->source == "/home/me/share");
        const MountStep* scratch = find(plan, "/scratch", MountAction::MountFilesystem);
        QVERIFY(scratch && scratch->data == "mode=755,size=16384k");
        const MountStep* data = find(plan, "/data", MountAction::BindInside);
        QVERIFY(data && data->phase == MountPhase::AfterPivot && data->source == "/srv");
        QVERIFY(!find(plan, "/tmp", MountAction::MountFilesystem)); // the root has its own /tmp
        QVERIFY(!find(plan, "/sys/fs/cgroup", MountAction::MountFilesystem));
        // Before-pivot steps all come before after-pivot ones, /dev before what lives in it.
        const auto firstAfter =
            std::ranges::find(plan.mounts, MountPhase::AfterPivot, &MountStep::phase);
        QVERIFY(std::all_of(firstAfter, plan.mounts.end(), [](const MountStep& step) {
            return step.phase == MountPhase::AfterPivot;
        }));
        const auto dev = std::ranges::find(plan.mounts, std::string("/dev"), &MountStep::target);
        const auto null =
            std::ranges::find(plan.mounts, std::string("/dev/null"), &MountStep::target);
        QVERIFY(dev < null);
    }

    void procAndSysAreMaskedAndReadOnly() {
        const auto plan = planContainer(parse("<os><type>exe</type></os>", vpsRoot), {});
        for (const char* file : {"/proc/kcore", "/proc/keys", "/proc/timer_list",
                                 "/proc/sysrq-trigger", "/proc/sched_debug"})
            QVERIFY2(find(plan, file, MountAction::MaskFile), file);
        QVERIFY(find(plan, "/sys/firmware", MountAction::MaskDirectory));
        const MountStep* procSys = find(plan, "/proc/sys", MountAction::BindInside);
        QVERIFY(procSys && procSys->readOnly);
        QVERIFY(!find(plan, "/proc/sys/net", MountAction::BindInside)); // no private network
        const auto networked = planContainer(
            parse("<os><type>exe</type></os><features><privnet/></features>", vpsRoot), {});
        const MountStep* net = find(networked, "/proc/sys/net", MountAction::BindInside);
        QVERIFY(net && !net->readOnly);
    }

    void sharedNetworkBindsTheHostsSysfsAlone() {
        // Without a network namespace of its own the container cannot mount a new sysfs from a
        // user namespace, so the host's is bound read-only, without its submounts.
        const auto plan = planContainer(
            parse("<os><type>exe</type></os><idmap><uid start='0' target='100000' count='65536'/>"
                  "<gid start='0' target='100000' count='65536'/></idmap>",
                  vpsRoot),
            {true});
        const MountStep* sys = find(plan, "/sys", MountAction::BindHost);
        // The kernel only lets a user namespace take /sys with its (locked) submounts; the
        // host's cgroup mounts among them are covered before the container's own is mounted.
        QVERIFY(sys && sys->readOnly && sys->recursive);
        const auto cover = std::ranges::find(plan.mounts, std::string("tmpfs"), &MountStep::fstype);
        const auto cgroup =
            std::ranges::find(plan.mounts, std::string("cgroup2"), &MountStep::fstype);
        QVERIFY(cover != plan.mounts.end() && cover->target == "/sys/fs/cgroup");
        QVERIFY(cgroup != plan.mounts.end() && cover < cgroup);
        // Without a user namespace the host's /sys comes alone.
        const auto app = planContainer(parse("<os><type>exe</type></os>"), {true});
        const MountStep* appSys = find(app, "/sys", MountAction::BindHost);
        QVERIFY(appSys && appSys->readOnly && !appSys->recursive);
    }

    void unifiedHostsGetTheirCgroupInside() {
        const auto plan = planContainer(parse("<os><type>exe</type></os>", vpsRoot), {true});
        const MountStep* cgroup = find(plan, "/sys/fs/cgroup", MountAction::MountFilesystem);
        QVERIFY(cgroup && cgroup->fstype == "cgroup2");
    }

    void applicationContainerKeepsTheHostRootButNotTmp() {
        const auto plan =
            planContainer(parse("<os><type>exe</type><init>/usr/bin/app</init></os>"), {});
        QVERIFY(plan.rootfs.empty());
        const MountStep* tmp = find(plan, "/tmp", MountAction::MountFilesystem);
        QVERIFY(tmp && tmp->fstype == "tmpfs");
        QVERIFY(find(plan, "/dev", MountAction::MountFilesystem));
    }

    void foldersFromTheOwnersHomeAreIdmappedForTheOwnerAlone() {
        const std::string idmap = "<idmap><uid start='0' target='600000' count='65536'/>"
                                  "<gid start='0' target='600000' count='65536'/></idmap>";
        const std::string shares =
            vpsRoot +
            "<filesystem type='mount'><source dir='/home/carol/src'/><target dir='/src'/>"
            "</filesystem><filesystem type='mount'><source dir='/home/carol/docs'/><target "
            "dir='/docs'/></filesystem><filesystem type='mount'><source dir='/home/carolyn/x'/>"
            "<target dir='/x'/></filesystem>";
        const std::string chosen =
            "<metadata><cubby:container xmlns:cubby='https://github.com/cubby1/cubby/xmlns/"
            "container/1'><cubby:share target='/docs' user='1000'/></cubby:container>"
            "</metadata>";
        HostFacts host;
        host.owner = HostFacts::Owner{1000, 1001, "/home/carol"};
        const auto plan =
            planContainer(parse("<os><type>exe</type></os>" + idmap + chosen, shares), host);
        const MountStep* src = find(plan, "/src", MountAction::BindHost);
        QVERIFY(src);
        QCOMPARE(src->homeOwnerUid, int64_t(1000));
        QCOMPARE(src->shareUidMap, std::string("1000 600000 1\n")); // root inside by default
        QCOMPARE(src->shareGidMap, std::string("1001 600000 1\n"));
        QVERIFY(!src->recursive);
        const MountStep* docs = find(plan, "/docs", MountAction::BindHost);
        QVERIFY(docs);
        QCOMPARE(docs->shareUidMap, std::string("1000 601000 1\n")); // the chosen user
        // Only the home itself: a neighbour whose name starts the same is a host folder.
        const MountStep* x = find(plan, "/x", MountAction::BindHost);
        QVERIFY(x && x->homeOwnerUid == -1 && x->shareUidMap.empty());
        // Privileged (no user namespace) or without a known owner: a plain host folder.
        const auto plain = planContainer(parse("<os><type>exe</type></os>" + idmap, shares), {});
        QCOMPARE(find(plain, "/src", MountAction::BindHost)->homeOwnerUid, int64_t(-1));
    }

    void aShareUserMustNameASharedFolder() {
        auto domain = parseDomainXml(
            "<domain type='lxc'><name>box</name><uuid>8369f1ac-7e46-e869-4ca5-759d51478066"
            "</uuid><memory "
            "unit='MiB'>64</memory><os><type>exe</type></os><metadata><cubby:container "
            "xmlns:cubby='https://github.com/cubby1/"
            "cubby/xmlns/container/1'><cubby:share target='/nowhere' user='0'/>"
            "</cubby:container></metadata><devices/></domain>",
            [] { return Uuid{}; });
        QVERIFY(!domain);
        QVERIFY2(domain.error().message.find("no host folder is shared on '/nowhere'") !=
                     std::string::npos,
                 domain.error().message.c_str());
    }

    void readOnlyRoot() {
        const auto plan = planContainer(
            parse("<os><type>exe</type></os>",
                  "<filesystem><source dir='/r'/><target dir='/'/><readonly/></filesystem>"),
            {});
        QVERIFY(find(plan, "/", MountAction::RemountReadOnly));
    }

    void capabilities_data() {
        QTest::addColumn<QString>("features");
        QTest::addColumn<int>("cap");
        QTest::addColumn<bool>("dropped");
        QTest::newRow("default drops sys_module") << "" << 16 << true;
        QTest::newRow("default drops mknod") << "" << 27 << true;
        QTest::newRow("default drops sys_time") << "" << 25 << true;
        QTest::newRow("default drops mac_admin") << "" << 33 << true;
        QTest::newRow("default drops audit_control") << "" << 30 << true;
        QTest::newRow("default drops sys_rawio") << "" << 17 << true;
        QTest::newRow("default keeps sys_admin") << "" << 21 << false;
        QTest::newRow("default keeps net_admin") << "" << 12 << false;
        QTest::newRow("override keeps mknod")
            << "<capabilities policy='default'><mknod state='on'/></capabilities>" << 27 << false;
        QTest::newRow("override drops net_raw")
            << "<capabilities policy='default'><net_raw state='off'/></capabilities>" << 13 << true;
        QTest::newRow("allow keeps sys_module") << "<capabilities policy='allow'/>" << 16 << false;
        QTest::newRow("deny drops chown") << "<capabilities policy='deny'/>" << 0 << true;
        QTest::newRow("deny with kill on")
            << "<capabilities policy='deny'><kill state='on'/></capabilities>" << 5 << false;
    }
    void capabilities() {
        QFETCH(QString, features);
        QFETCH(int, cap);
        QFETCH(bool, dropped);
        const auto plan = planContainer(
            parse("<os><type>exe</type></os><features>" + features.toStdString() + "</features>"),
            {});
        QCOMPARE(drops(plan, cap), dropped);
    }

    void initCommandLineAndEnvironment() {
        const auto plan = planContainer(
            parse("<os><type>exe</type><init>/usr/bin/app</init><initarg>-v</initarg><initarg>--x"
                  "</initarg><initenv name='MODE'>test</initenv><initdir>/srv</initdir>"
                  "<inituser>www</inituser></os>"),
            {});
        QCOMPARE(plan.argv, (std::vector<std::string>{"/usr/bin/app", "-v", "--x"}));
        QCOMPARE(plan.workingDirectory, std::string("/srv"));
        QCOMPARE(plan.identity.user, std::string("www"));
        for (const char* env : {"container=cubby", "container_name=box",
                                "container_uuid=8369f1ac-7e46-e869-4ca5-759d51478066", "MODE=test"})
            QVERIFY2(std::ranges::find(plan.environment, std::string(env)) !=
                         plan.environment.end(),
                     env);
    }

    void initSignals() {
        const auto systemd =
            planContainer(parse("<os><type>exe</type><init>/lib/systemd/systemd</init></os>"), {});
        QCOMPARE(systemd.shutdownSignal, SIGRTMIN + 4);
        QCOMPARE(systemd.rebootSignal, SIGINT);
        const auto busybox = planContainer(parse("<os><type>exe</type></os>"), {}); // /sbin/init
        QCOMPARE(busybox.shutdownSignal, SIGUSR2);
        QCOMPARE(busybox.rebootSignal, SIGTERM);
        const auto script =
            planContainer(parse("<os><type>exe</type><init>/bin/myapp</init></os>"), {});
        QCOMPARE(script.shutdownSignal, SIGTERM);
        QCOMPARE(script.rebootSignal, 0);
    }
};

QTEST_APPLESS_MAIN(TestContainerPlan)
#include "test_container_plan.moc"
