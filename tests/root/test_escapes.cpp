// Escape attempts from inside a default (unprivileged) container on this host: every one must
// fail. The same list runs in a privileged container, where several succeed by design (root
// inside is root on the host); that run only prints its table (the README lists what succeeds
// there and why) and restores what it changed.
//
// Each attempt is a shell command run by the container's init; it "succeeded" when the
// command exits 0. The commands are chosen so that success is harmless to this machine even
// where it happens (writes of the value already there, a clock set to now), except
// core_pattern, which the test saves and restores around each run. The kernel here has
// modules, kexec and iopl compiled out; seccomp's refusals of those are proven in the unit
// tier (test_seccomp_filter) and the vm tier.
#include "busybox_root.h"
#include "controller_run.h"

#include <QTest>
#include <csignal>
#include <fcntl.h>
#include <format>
#include <fstream>
#include <map>
#include <sstream>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace cubby;
using namespace cubby::test;

namespace {

struct Attempt {
    const char* name;
    const char* command;
};

// Mount points used below live in the container's /tmp.
const Attempt attempts[] = {
    {"new-procfs-core-pattern", "mkdir -p /tmp/p && mount -t proc proc /tmp/p && echo "
                                "cubby-escape > /tmp/p/sys/kernel/core_pattern"},
    {"remount-proc-sys-rw",
     "mount -o remount,rw /proc/sys && echo cubby-escape > /proc/sys/kernel/core_pattern"},
    {"write-core-pattern", "echo cubby-escape > /proc/sys/kernel/core_pattern"},
    {"rebind-proc-sys-rw", "mkdir -p /tmp/ps && mount --bind /proc/sys /tmp/ps && mount -o "
                           "remount,bind,rw /tmp/ps && echo cubby-escape > "
                           "/tmp/ps/kernel/core_pattern"},
    {"write-modprobe-path", "cat /proc/sys/kernel/modprobe > /tmp/m && cat /tmp/m > "
                            "/proc/sys/kernel/modprobe"},
    {"write-vm-sysctl", "echo 1 > /proc/sys/vm/drop_caches"},
    {"new-sysfs-write",
     "mkdir -p /tmp/s && mount -t sysfs sysfs /tmp/s && cat "
     "/tmp/s/class/net/lo/mtu > /tmp/mtu && cat /tmp/mtu > /tmp/s/class/net/lo/mtu"},
    {"remount-sys-rw", "mount -o remount,rw /sys && cat /sys/class/net/lo/mtu > /tmp/mtu && cat "
                       "/tmp/mtu > /sys/class/net/lo/mtu"},
    {"write-sys-knob",
     "cat /sys/class/net/lo/mtu > /tmp/mtu && cat /tmp/mtu > /sys/class/net/lo/mtu"},
    {"mount-debugfs", "mkdir -p /tmp/d && mount -t debugfs none /tmp/d"},
    {"mount-tracefs", "mkdir -p /tmp/t && mount -t tracefs none /tmp/t"},
    {"mount-securityfs", "mkdir -p /tmp/sec && mount -t securityfs none /tmp/sec"},
    // A cgroup namespace may mount its own groups (systemd does); what must fail is changing them.
    {"cgroup-v1-raise-own-limit", "mkdir -p /tmp/cm && mount -t cgroup -o memory none /tmp/cm && "
                                  "echo -1 > /tmp/cm/memory.limit_in_bytes"},
    // Its cgroup2 tree is its own to divide (systemd does; tests/root/test_systemd_boot), but
    // not the limits Cubby set on it, nor how many groups and how deep it may make.
    {"cgroup2-raise-own-limits", "mkdir -p /tmp/c2 && mount -t cgroup2 none /tmp/c2 && { echo "
                                 "max > /tmp/c2/pids.max || echo max > /tmp/c2/memory.max || "
                                 "echo max > /tmp/c2/cgroup.max.descendants || echo max > "
                                 "/tmp/c2/cgroup.max.depth; }"},
    {"mknod-block-device", "mknod /tmp/sda b 8 0"},
    {"mknod-dev-mem", "mknod /tmp/mem c 1 1"},
    {"read-kcore", "[ $(head -c 16 /proc/kcore | wc -c) -gt 0 ]"},
    // BusyBox's date exits 0 when it cannot set the clock: its complaint is the verdict.
    {"set-clock", "out=$(date -s \"$(date '+%Y-%m-%d %H:%M:%S')\" 2>&1 >/dev/null); [ -z "
                  "\"$out\" ]"},
    {"host-network-change", "ifconfig lo mtu $(cat /sys/class/net/lo/mtu)"},
    {"nested-userns-core-pattern",
     "unshare -U -r -m sh -c 'mount -o remount,rw /proc/sys; echo cubby-escape > "
     "/proc/sys/kernel/core_pattern'"},
    {"see-above-the-root", "ls -a /.. /../.. | grep -q cubby-holder-marker"},
    {"share-write-host-file", "echo x >> /srv/ro/host-file"},
    {"share-remount-rw", "mount -o remount,bind,rw /srv/ro && echo x >> /srv/ro/owned-file"},
    {"share-unmount", "umount /srv/ro"},
    {"share-unmount-lazy", "umount -l /srv/rw"},
    {"rw-share-write-host-root-file", "echo x >> /srv/rw/host-file"},
    {"rw-share-chown-host-file", "chown 0:0 /srv/rw/host-file && chmod 4755 /srv/rw/host-file"},
    {"leaked-descriptors", "[ $(ls /proc/self/fd | wc -l) -gt 4 ]"},
    // Succeeds when init's children run without the system-call filter.
    {"no-seccomp-filter", "awk '/^Seccomp:/ { exit $2 != 0 }' /proc/self/status"},
    {"nested-userns", "unshare -U true"},
};

std::string readFile(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

void writeFile(const std::string& path, const std::string& text) {
    std::ofstream(path) << text;
}

} // namespace

class TestEscapes : public QObject {
    Q_OBJECT

    // Runs every attempt in a container; "name succeeded|refused" per attempt.
    std::map<std::string, std::string> runAttempts(const std::string& name, bool privileged) {
        std::string script = "#!/bin/sh\nexec 2>/dev/null\n"
                             "t() { if ( sh -c \"$2\" ) >/dev/null 2>&1; then echo \"ATTEMPT $1 "
                             "succeeded\"; else echo \"ATTEMPT $1 refused\"; fi; }\n";
        for (const auto& attempt : attempts) {
            std::string quoted = attempt.command;
            for (size_t at = 0; (at = quoted.find('\'', at)) != std::string::npos; at += 4)
                quoted.replace(at, 1, "'\\''");
            script += std::string("t ") + attempt.name + " '" + quoted + "'\n";
        }
        // Judged from the host: a set-user-ID file root inside plants in a writable share.
        script += "cp /bin/busybox /srv/rw/sub/suid && chmod 4755 /srv/rw/sub/suid\n";
        script += "echo ATTEMPTS-DONE\nexec sleep 1000\n";
        m_root->writeFile("sbin/escape", script);
        const std::string xml =
            "<domain type='lxc'><name>" + name +
            "</name><memory unit='MiB'>64</memory><os><type>exe</type><init>/sbin/escape</init>"
            "</os>" +
            (privileged ? privilegedMetadataXml() : unprivilegedIdmapXml()) +
            "<devices><filesystem type='mount'><source dir='" + m_root->path() +
            "'/><target dir='/'/></filesystem><filesystem type='mount'><source dir='" + m_shared +
            "'/><target dir='/srv/ro'/><readonly/></filesystem><filesystem type='mount'><source "
            "dir='" +
            m_shared +
            "'/><target dir='/srv/rw'/></filesystem><console type='pty'/></devices>"
            "</domain>";
        const std::string corePattern = readFile("/proc/sys/kernel/core_pattern");
        std::map<std::string, std::string> results;
        {
            ControllerRun run(*m_prefix, name, xml);
            if (!run.waitReady()) {
                results["start"] = run.error();
                return results;
            }
            auto client = run.connect();
            if (!client || !client->request(ControlMessage::AttachConsole))
                return results;
            std::istringstream out(
                readConsoleUntil(*client, "ATTEMPTS-DONE", std::chrono::seconds(60)));
            for (std::string line; std::getline(out, line);) {
                std::istringstream words(line);
                std::string tag, attempt, verdict;
                if (words >> tag >> attempt >> verdict && tag == "ATTEMPT")
                    results[attempt] = verdict;
            }
        }
        const std::string after = readFile("/proc/sys/kernel/core_pattern");
        if (after != corePattern) {
            writeFile("/proc/sys/kernel/core_pattern", corePattern);
            results["host-core-pattern-unchanged"] = "succeeded";
        }
        return results;
    }

private slots:
    void initTestCase() {
        QVERIFY2(geteuid() == 0, "the root tier needs root: run it through scripts/test");
        m_root = std::make_unique<BusyboxRoot>();
        QVERIFY2(m_root->ok(), m_root->failure().c_str());
        m_prefix = std::make_unique<TestPrefix>();
        // A marker beside the root: visible only to something that got above it.
        const std::string holder = m_root->path().substr(0, m_root->path().rfind('/'));
        writeFile(holder + "/cubby-holder-marker", "outside");
        // A host directory shared into the container, owned by host root.
        char templ[] = "/tmp/cubby-share-XXXXXX";
        QVERIFY(::mkdtemp(templ));
        m_shared = templ;
        QCOMPARE(::chmod(m_shared.c_str(), 0755), 0);
        writeFile(m_shared + "/host-file", "host root's\n");
        QCOMPARE(::chmod((m_shared + "/host-file").c_str(), 0644), 0);
        writeFile(m_shared + "/owned-file", "x\n");
        // A directory anyone may write: what is made there must not become host root's.
        QCOMPARE(::mkdir((m_shared + "/sub").c_str(), 0777), 0);
        QCOMPARE(::chmod((m_shared + "/sub").c_str(), 0777), 0);
    }

    void cleanupTestCase() {
        if (!m_shared.empty())
            removeTree(m_shared);
    }

    void everyAttemptFailsInADefaultContainer() {
        struct stat before = {};
        QCOMPARE(::stat((m_shared + "/host-file").c_str(), &before), 0);
        const auto results = runAttempts("escapes", false);
        QVERIFY2(!results.contains("start"),
                 results.contains("start") ? results.at("start").c_str() : "");
        QVERIFY(!results.contains("host-core-pattern-unchanged"));
        for (const auto& attempt : attempts) {
            const auto found = results.find(attempt.name);
            QVERIFY2(found != results.end(), attempt.name);
            QVERIFY2(found->second == "refused",
                     (std::string(attempt.name) + " " + found->second).c_str());
        }
        struct stat after = {};
        QCOMPARE(::stat((m_shared + "/host-file").c_str(), &after), 0);
        QCOMPARE(after.st_uid, before.st_uid);
        QCOMPARE(after.st_mode, before.st_mode);
        QCOMPARE(after.st_size, before.st_size);
        QCOMPARE(readFile(m_shared + "/host-file"), std::string("host root's\n"));
        // What root inside made in the writable share belongs to its host id, not host root.
        struct stat planted = {};
        QCOMPARE(::stat((m_shared + "/sub/suid").c_str(), &planted), 0);
        QCOMPARE(planted.st_uid, uid_t(testIdRangeBase));
        QCOMPARE(::unlink((m_shared + "/sub/suid").c_str()), 0);
    }

    void aHostUserWithTheSameUidCannotSignalTheContainer() {
        // Init runs as uid 1000 inside; host uid 1000 is someone else entirely.
        m_root->writeFile("etc/passwd",
                          "root:x:0:0:root:/root:/bin/sh\n"
                          "user:x:1000:1000:user:/:/bin/sh\n",
                          0644);
        m_root->writeFile("sbin/user-init", "#!/bin/sh\necho READY\nexec sleep 1000\n");
        ControllerRun run(*m_prefix, "signals",
                          "<domain type='lxc'><name>signals</name><memory unit='MiB'>64</memory>"
                          "<os><type>exe</type><init>/sbin/user-init</init><inituser>1000"
                          "</inituser></os>" +
                              unprivilegedIdmapXml() +
                              "<devices><filesystem type='mount'><source dir='" + m_root->path() +
                              "'/><target dir='/'/></filesystem><console type='pty'/></devices>"
                              "</domain>");
        QVERIFY2(run.waitReady(), run.error().c_str());
        const std::string status = readFile(std::format("/proc/{}/status", run.initPid()));
        QVERIFY2(status.find(std::format("Uid:\t{}", testIdRangeBase + 1000)) != std::string::npos,
                 status.c_str());
        // Filtered; set-user-ID stays usable inside a system container (su, sudo).
        QVERIFY2(status.find("Seccomp:\t2") != std::string::npos, status.c_str());
        QVERIFY2(status.find("NoNewPrivs:\t0") != std::string::npos, status.c_str());
        const pid_t child = ::fork();
        if (child == 0) {
            if (::setresgid(1000, 1000, 1000) != 0 || ::setresuid(1000, 1000, 1000) != 0)
                _exit(3);
            if (::kill(run.initPid(), SIGKILL) == 0)
                _exit(1);
            _exit(errno == EPERM ? 0 : 2);
        }
        int wstatus = 0;
        QCOMPARE(::waitpid(child, &wstatus, 0), child);
        QVERIFY(WIFEXITED(wstatus));
        QCOMPARE(WEXITSTATUS(wstatus), 0);
        QCOMPARE(::kill(run.initPid(), 0), 0); // still alive
    }

    void privilegedContainerForTheRecord() {
        // Not a security boundary, as every peer says of privileged containers: print which
        // attempts get through, for the README's table.
        const auto results = runAttempts("privileged-escapes", true);
        QVERIFY2(!results.contains("start"),
                 results.contains("start") ? results.at("start").c_str() : "");
        for (const auto& [attempt, verdict] : results)
            qInfo("privileged: %s %s", attempt.c_str(), verdict.c_str());
        // The hardening every container gets, privileged ones included.
        QCOMPARE(results.at("no-seccomp-filter"), std::string("refused"));
        QCOMPARE(results.at("nested-userns"), std::string("refused"));
    }

private:
    std::unique_ptr<BusyboxRoot> m_root;
    std::unique_ptr<TestPrefix> m_prefix;
    std::string m_shared;
};

QTEST_GUILESS_MAIN(TestEscapes)
#include "test_escapes.moc"
