// Issue 11: Cubby on a host whose PID 1 is systemd (the vm tier's `with-vm --systemd`: the
// build root's own systemd, system bus and systemd-machined). A container's group lives in a
// delegated scope of its own in machine.slice, with Cubby's limits on the group inside it; the
// container is registered with machined, so `machinectl` and `systemd-cgtop` show it, a reboot
// inside registers the new init, and a stop, a destroy, `machinectl terminate` or a killed
// controller leave no machine, scope or group behind.
#include "busybox_root.h"
#include "controller_run.h"
#include "file_helpers.h"
#include "systemd_host.h"

#include <QProcess>
#include <QTest>
#include <csignal>
#include <format>
#include <memory>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using namespace cubby;
using namespace cubby::test;
using namespace std::chrono_literals;

namespace {

std::string domainXml(const std::string& name, const std::string& root, const std::string& init) {
    return "<domain type='lxc'><name>" + name + "</name><memory unit='MiB'>48</memory>" +
           "<on_reboot>restart</on_reboot><os><type>exe</type><init>" + init + "</init></os>" +
           unprivilegedIdmapXml() + "<devices><filesystem type='mount'><source dir='" + root +
           "'/><target dir='/'/></filesystem><console type='pty'/></devices></domain>";
}

// What a command printed on stdout; its stderr is added when it failed.
std::string output(const QString& program, const QStringList& arguments) {
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForFinished(30000))
        return "(" + program.toStdString() + " did not finish)";
    std::string out = process.readAllStandardOutput().toStdString();
    if (process.exitCode() != 0)
        out += process.readAllStandardError().toStdString();
    return out;
}

// `machinectl show NAME -p PROPERTY --value`
std::string machineProperty(const std::string& name, const char* property) {
    std::string value =
        output("machinectl", {"show", QString::fromStdString(name), "-p", property, "--value"});
    while (!value.empty() && value.back() == '\n')
        value.pop_back();
    return value;
}

bool machineListed(const std::string& name) {
    const std::string list = output("machinectl", {"list", "--no-legend"});
    return list.find(name + " ") != std::string::npos;
}

bool exists(const std::string& path) {
    struct stat info = {};
    return ::stat(path.c_str(), &info) == 0;
}

std::string scopeDir(const std::string& name) {
    return "/sys/fs/cgroup/" + containerScopeGroup(name);
}

// machined and systemd act on a process's exit a moment later: wait for them.
template <typename Condition>
bool eventually(Condition condition, std::chrono::seconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!condition()) {
        if (std::chrono::steady_clock::now() > deadline)
            return false;
        std::this_thread::sleep_for(50ms);
    }
    return true;
}

bool leftNothing(const std::string& name) {
    return eventually(
        [&] {
            return !machineListed(name) && !exists(scopeDir(name)) &&
                   output("systemctl",
                          {"is-active", QString::fromStdString(containerScopeUnit(name))})
                       .starts_with("inactive");
        },
        10s);
}

} // namespace

class TestSystemdHost : public QObject {
    Q_OBJECT

    std::unique_ptr<BusyboxRoot> m_root;
    std::unique_ptr<TestPrefix> m_prefix;

    std::string init(const std::string& script) {
        m_root->writeFile("sbin/init-host", "#!/bin/sh\n" + script + "\n");
        return "/sbin/init-host";
    }

private slots:
    void initTestCase() {
        QVERIFY2(geteuid() == 0, "runs as root in the vm tier (with-vm --systemd)");
        QVERIFY2(hostRunsSystemd(),
                 "this test needs systemd as the host's PID 1: with-vm --systemd");
        m_root = std::make_unique<BusyboxRoot>();
        QVERIFY2(m_root->ok(), m_root->failure().c_str());
        m_prefix = std::make_unique<TestPrefix>();
    }

    void registeredInItsOwnScope() {
        const std::string name = "web1";
        ControllerRun run(*m_prefix, name,
                          domainXml(name, m_root->path(), init("exec sleep 1000")));
        QVERIFY2(run.waitReady(), run.error().c_str());

        // machinectl sees the container: its init as leader, its root, Cubby as the service.
        QVERIFY2(machineListed(name), output("machinectl", {"list"}).c_str());
        QCOMPARE(machineProperty(name, "Leader"), std::to_string(run.initPid()));
        QCOMPARE(machineProperty(name, "RootDirectory"), m_root->path());
        QCOMPARE(machineProperty(name, "Class"), std::string("container"));
        QCOMPARE(machineProperty(name, "Service"), std::string("cubby"));
        QCOMPARE(machineProperty(name, "Unit"), containerScopeUnit(name));

        // Its init is in Cubby's group inside the scope, which carries Cubby's memory limit;
        // the controller sits beside it in the scope's "supervisor".
        const std::string group = "/" + containerScopeGroup(name) + "/" + name;
        QCOMPARE(readFile(std::format("/proc/{}/cgroup", run.initPid())), "0::" + group + "\n");
        QCOMPARE(readFile(std::format("/proc/{}/cgroup", run.controllerPid())),
                 "0::/" + containerScopeGroup(name) + "/supervisor\n");
        QCOMPARE(readFile("/sys/fs/cgroup" + group + "/memory.max"),
                 std::to_string(48 << 20) + "\n");
        QCOMPARE(output("systemctl", {"show", "-p", "Delegate", "--value",
                                      QString::fromStdString(containerScopeUnit(name))}),
                 std::string("yes\n"));

        // systemd-cgtop lists the machine's groups.
        const std::string cgtop = output("systemd-cgtop", {"--batch", "--iterations=1", "--raw",
                                                           "-M", QString::fromStdString(name)});
        QVERIFY2(cgtop.find(containerScopeUnit(name)) != std::string::npos, cgtop.c_str());

        auto client = run.connect();
        QVERIFY(client && client->request(ControlMessage::Destroy));
        QCOMPARE(run.waitExit(), 0);
        QVERIFY2(leftNothing(name), output("machinectl", {"list"}).c_str());
    }

    void aRebootRegistersTheNewInit() {
        const std::string name = "phoenix";
        ControllerRun run(*m_prefix, name,
                          domainXml(name, m_root->path(), init("exec sleep 1000")));
        QVERIFY2(run.waitReady(), run.error().c_str());
        const pid_t first = run.initPid();
        auto client = run.connect();
        QVERIFY(client && client->request(ControlMessage::Reboot));
        std::string leader;
        QVERIFY(eventually(
            [&] {
                leader = machineProperty(name, "Leader");
                return !leader.empty() && leader != std::to_string(first) &&
                       leader.find_first_not_of("0123456789") == std::string::npos;
            },
            10s));
        QCOMPARE(readFile("/proc/" + leader + "/cgroup"),
                 "0::/" + containerScopeGroup(name) + "/" + name + "\n");
        QVERIFY(client->request(ControlMessage::Destroy));
        QCOMPARE(run.waitExit(), 0);
        QVERIFY(leftNothing(name));
    }

    // The host's own tools stop it: `machinectl terminate` stops the scope, whose processes
    // (the controller among them) get SIGTERM; the controller destroys the container.
    void machinectlTerminateStopsIt() {
        const std::string name = "ended";
        ControllerRun run(*m_prefix, name,
                          domainXml(name, m_root->path(), init("exec sleep 1000")));
        QVERIFY2(run.waitReady(), run.error().c_str());
        QCOMPARE(output("machinectl", {"terminate", QString::fromStdString(name)}), std::string());
        QVERIFY(run.waitExit() >= 0);
        QVERIFY(leftNothing(name));
        QVERIFY(!exists(m_prefix->runDir(name)));
    }

    // A killed controller takes its container along; the scope goes with the last process,
    // and the name starts again at once.
    void aKilledControllerLeavesNothing() {
        const std::string name = "orphan";
        const std::string xml = domainXml(name, m_root->path(), init("exec sleep 1000"));
        {
            ControllerRun run(*m_prefix, name, xml);
            QVERIFY2(run.waitReady(), run.error().c_str());
            ::kill(run.controllerPid(), SIGKILL);
            QVERIFY(run.waitExit() >= 0);
        }
        // At once: systemd and machined may not have noticed yet that the last run ended.
        ControllerRun again(*m_prefix, name, xml);
        QVERIFY2(again.waitReady(), again.error().c_str());
        QCOMPARE(machineProperty(name, "Leader"), std::to_string(again.initPid()));
        auto client = again.connect();
        QVERIFY(client && client->request(ControlMessage::Destroy));
        QCOMPARE(again.waitExit(), 0);
        QVERIFY(leftNothing(name));
    }

    // cubby-systemd is root's and run only by the controller, but it still refuses what no
    // controller would ask: each of these exits 2 and leaves no scope or machine behind.
    void theToolRefusesBadArguments() {
        const QString tool = CUBBY_SYSTEMD_TOOL;
        const std::string self = std::to_string(::getpid());
        const QList<QStringList> refused = {
            {},
            {"start-scope"},
            {"start-scope", "../etc", QString::fromStdString(self)},
            {"start-scope", "bad", "0"},
            {"start-scope", "bad", "12ab"},
            {"start-scope", "bad", "99999999999"},
            {"register", "bad", "not-a-uuid", "1", "/"},
            {"register", "bad", "6f1d9b1c-3c1e-4b57-9d33-0c3f0a3b9e21", "1", "relative/root"},
            {"register", "bad", "6f1d9b1c-3c1e-4b57-9d33-0c3f0a3b9e21", "1", "/", "-3"},
            {"register", "bad_name!", "6f1d9b1c-3c1e-4b57-9d33-0c3f0a3b9e21", "1", "/"},
            {"unregister"},
            {"unregister", "a/b"},
            {"launch-missiles", "bad"},
        };
        for (const QStringList& arguments : refused) {
            QProcess process;
            process.start(tool, arguments);
            QVERIFY(process.waitForFinished(30000));
            QVERIFY2(process.exitCode() == 2,
                     qPrintable(arguments.join(' ') + ": " + process.readAllStandardError()));
        }
        QVERIFY(!machineListed("bad"));
        QVERIFY(!exists(scopeDir("bad")));
        QVERIFY(!exists(scopeDir("../etc")));
    }

    void cleanupTestCase() {
        m_prefix.reset();
        m_root.reset();
    }
};

QTEST_GUILESS_MAIN(TestSystemdHost)
#include "test_systemd_host.moc"
