// Proves the vm tier: inside tests/support/with-vm's guest the machine is a pure cgroup v2 host
// (the kind Cubby's cgroup backend targets, which the build machines' v1/v2 hybrid cannot be),
// and its memory, cpu and pids controllers enforce limits on real processes. Each check first
// shows the process behaving normally under the limit, so a limit that does nothing fails.
#include <QElapsedTimer>
#include <QTest>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <fstream>
#include <linux/magic.h>
#include <sstream>
#include <string>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

constexpr long long kMiB = 1024 * 1024;
constexpr const char* kRoot = "/sys/fs/cgroup";
const std::string kHint = " (the vm tier runs only in tests/support/with-vm's guest)";

std::string readFile(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// write(2) rather than a stream, so that the kernel's refusal reaches the caller as errno.
std::string writeFile(const std::string& path, const std::string& value) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return "open " + path + ": " + std::strerror(errno);
    const ssize_t written = ::write(fd, value.data(), value.size());
    const int error = errno;
    ::close(fd);
    if (written != ssize_t(value.size()))
        return "write '" + value + "' to " + path + ": " + std::strerror(error);
    return {};
}

// The value of KEY in a flat-keyed cgroup file (memory.events, cpu.stat, ...), -1 if absent.
long long keyedValue(const std::string& path, const std::string& key) {
    std::istringstream lines(readFile(path));
    std::string name;
    long long value = 0;
    while (lines >> name >> value) {
        if (name == key)
            return value;
    }
    return -1;
}

bool hasWord(const std::string& text, const std::string& word) {
    std::istringstream words(text);
    std::string each;
    while (words >> each) {
        if (each == word)
            return true;
    }
    return false;
}

std::string describeWaitStatus(int status) {
    if (status == -1)
        return "could not be started or waited for";
    if (WIFEXITED(status))
        return "exited with " + std::to_string(WEXITSTATUS(status));
    if (WIFSIGNALED(status))
        return std::string("killed by ") + ::strsignal(WTERMSIG(status));
    return "wait status " + std::to_string(status);
}

// Child-side helpers: they run between fork() and _exit(), so only system calls.
void touchMemory(long long bytes) {
    void* block =
        ::mmap(nullptr, size_t(bytes), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (block == MAP_FAILED)
        ::_exit(98);
    auto* bytesPtr = static_cast<volatile char*>(block);
    for (long long offset = 0; offset < bytes; offset += 4096)
        bytesPtr[offset] = 1; // each page is charged to the cgroup when first written
}

void burnCpu(long long microseconds) {
    timespec start{}, now{};
    ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &start);
    do {
        ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    } while ((now.tv_sec - start.tv_sec) * 1000000LL + (now.tv_nsec - start.tv_nsec) / 1000 <
             microseconds);
}

// A child group of the root, made for one test and killed and removed after it.
class ChildCgroup {
public:
    explicit ChildCgroup(const std::string& name)
        : m_path(std::string(kRoot) + "/cubby-vm-test-" + std::to_string(::getpid()) + "-" + name) {
        if (::mkdir(m_path.c_str(), 0755) != 0)
            m_error = "mkdir " + m_path + ": " + std::strerror(errno);
    }
    ~ChildCgroup() {
        if (!m_error.empty())
            return;
        // cgroup.kill SIGKILLs everything inside, grandchildren included; we are their
        // subreaper, so reap them until the group is empty and can go.
        writeFile(file("cgroup.kill"), "1");
        for (int attempt = 0; attempt < 1000; ++attempt) {
            while (::waitpid(-1, nullptr, WNOHANG) > 0) {
            }
            if (keyedValue(file("cgroup.events"), "populated") == 0 && ::rmdir(m_path.c_str()) == 0)
                return;
            ::usleep(10000);
        }
        qWarning("could not remove %s: %s", m_path.c_str(), std::strerror(errno));
    }
    ChildCgroup(const ChildCgroup&) = delete;
    ChildCgroup& operator=(const ChildCgroup&) = delete;

    const std::string& error() const { return m_error; }
    std::string file(const std::string& name) const { return m_path + "/" + name; }
    std::string set(const std::string& name, const std::string& value) const {
        return writeFile(file(name), value);
    }
    long long value(const std::string& name, const std::string& key) const {
        return keyedValue(file(name), key);
    }

    // Forks a child that moves itself into this group and then runs body; returns its pid.
    template <typename Body>
    pid_t spawn(Body body) const {
        const int procs = ::open(file("cgroup.procs").c_str(), O_WRONLY | O_CLOEXEC);
        if (procs < 0)
            return -1;
        const pid_t pid = ::fork();
        if (pid == 0) {
            if (::write(procs, "0", 1) != 1) // "0" moves the writer itself
                ::_exit(99);
            body();
            ::_exit(0);
        }
        ::close(procs);
        return pid;
    }
    // spawn() and wait; the child's wait status.
    template <typename Body>
    int run(Body body) const {
        const pid_t pid = spawn(body);
        int status = -1;
        if (pid > 0 && ::waitpid(pid, &status, 0) != pid)
            status = -1;
        return status;
    }

private:
    std::string m_path;
    std::string m_error;
};

#define VERIFY_OK(message)                                                                         \
    do {                                                                                           \
        const std::string verifyOkMessage = (message);                                             \
        QVERIFY2(verifyOkMessage.empty(), verifyOkMessage.c_str());                                \
    } while (false)

} // namespace

class TestVmCgroup2 : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        // The tests make and kill cgroups as if they owned the machine, so never outside the
        // guest: not on a developer's pure v2 laptop, and not into a hybrid host's tmpfs.
        QVERIFY2(qEnvironmentVariableIsSet("CUBBY_IN_VM"),
                 ("CUBBY_IN_VM is not set" + kHint).c_str());
        QVERIFY2(::geteuid() == 0, ("not root" + kHint).c_str());
        struct statfs fs = {};
        QCOMPARE(::statfs(kRoot, &fs), 0);
        QVERIFY2(fs.f_type == CGROUP2_SUPER_MAGIC,
                 (std::string(kRoot) + " is not cgroup2" + kHint).c_str());
        // Grandchildren of a killed child come back to us to be reaped, not to the guest's init.
        QCOMPARE(::prctl(PR_SET_CHILD_SUBREAPER, 1), 0);
    }

    void theHostIsPureCgroupV2() {
        // cgroup2 is at /sys/fs/cgroup (initTestCase), and no v1 hierarchy exists anywhere: one
        // "0::" line for us, and no mount of type "cgroup".
        const std::string self = readFile("/proc/self/cgroup");
        QVERIFY2(self.starts_with("0::/") && self.find('\n') == self.size() - 1,
                 ("/proc/self/cgroup: " + self + kHint).c_str());
        std::istringstream mounts(readFile("/proc/self/mountinfo"));
        for (std::string line; std::getline(mounts, line);) {
            const auto separator = line.find(" - ");
            QVERIFY(separator != std::string::npos);
            std::istringstream rest(line.substr(separator + 3));
            std::string type;
            rest >> type;
            QVERIFY2(type != "cgroup", ("a cgroup v1 mount: " + line).c_str());
        }

        const std::string available = readFile(std::string(kRoot) + "/cgroup.controllers");
        const std::string enabled = readFile(std::string(kRoot) + "/cgroup.subtree_control");
        for (const char* controller : {"memory", "cpu", "pids"}) {
            QVERIFY2(hasWord(available, controller),
                     (std::string(controller) + " missing from " + available).c_str());
            QVERIFY2(hasWord(enabled, controller),
                     (std::string(controller) + " not enabled for children: " + enabled).c_str());
        }
    }

    void memoryMaxOomKillsTheChild() {
        ChildCgroup group("memory");
        VERIFY_OK(group.error());
        VERIFY_OK(group.set("memory.max", std::to_string(32 * kMiB)));
        VERIFY_OK(group.set("memory.swap.max", "0"));
        QCOMPARE(group.value("memory.events", "oom_kill"), 0LL);

        // Under the limit the same child finishes, so what kills the next one is the limit.
        int status = group.run([] { touchMemory(8 * kMiB); });
        QVERIFY2(WIFEXITED(status) && WEXITSTATUS(status) == 0, describeWaitStatus(status).c_str());
        QCOMPARE(group.value("memory.events", "oom_kill"), 0LL);

        status = group.run([] { touchMemory(64 * kMiB); });
        QVERIFY2(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
                 ("a child touching 64 MiB under memory.max 32 MiB " + describeWaitStatus(status))
                     .c_str());
        QCOMPARE(group.value("memory.events", "oom_kill"), 1LL);
        QVERIFY(group.value("memory.events", "oom") >= 1);
        QVERIFY(group.value("memory.events", "max") >= 1);
        // It came right up to the limit and never past it.
        const long long peak = std::stoll(readFile(group.file("memory.peak")));
        QVERIFY2(peak > 24 * kMiB && peak <= 32 * kMiB, std::to_string(peak).c_str());
    }

    void cpuStatCountsUsageAndCpuMaxThrottles() {
        ChildCgroup group("cpu");
        VERIFY_OK(group.error());
        // cpu.max exists only where the cpu controller is enabled; usage_usec is always there.
        QVERIFY(::access(group.file("cpu.max").c_str(), W_OK) == 0);
        const long long before = group.value("cpu.stat", "usage_usec");
        QCOMPARE(before, 0LL);

        int status = group.run([] { burnCpu(200000); });
        QVERIFY2(WIFEXITED(status) && WEXITSTATUS(status) == 0, describeWaitStatus(status).c_str());
        const long long used = group.value("cpu.stat", "usage_usec") - before;
        QVERIFY2(used >= 190000, std::to_string(used).c_str());
        QCOMPARE(group.value("cpu.stat", "nr_throttled"), 0LL);

        // 10 ms per 100 ms period: 50 ms of work needs at least five periods, so about 400 ms.
        VERIFY_OK(group.set("cpu.max", "10000 100000"));
        QElapsedTimer wall;
        wall.start();
        status = group.run([] { burnCpu(50000); });
        QVERIFY2(WIFEXITED(status) && WEXITSTATUS(status) == 0, describeWaitStatus(status).c_str());
        QVERIFY2(wall.elapsed() >= 250, std::to_string(wall.elapsed()).c_str());
        QVERIFY(group.value("cpu.stat", "nr_throttled") >= 3);
        QVERIFY(group.value("cpu.stat", "throttled_usec") > 0);
    }

    void pidsMaxMakesForkFailWithEagain() {
        ChildCgroup group("pids");
        VERIFY_OK(group.error());
        VERIFY_OK(group.set("pids.max", "4"));

        // The child forks until fork fails, reports how far it got, and waits to be killed
        // with its children still holding their pids.
        int report[2];
        QCOMPARE(::pipe2(report, O_CLOEXEC), 0);
        const pid_t child = group.spawn([&report] {
            int result[2] = {0, 0};
            for (; result[0] < 16; ++result[0]) {
                const pid_t grandchild = ::fork();
                if (grandchild == 0) {
                    ::pause();
                    ::_exit(0);
                }
                if (grandchild < 0) {
                    result[1] = errno;
                    break;
                }
            }
            if (::write(report[1], result, sizeof result) != sizeof result)
                ::_exit(97);
            ::pause();
        });
        ::close(report[1]);
        QVERIFY(child > 0);
        int result[2] = {-1, -1};
        const ssize_t got = ::read(report[0], result, sizeof result);
        ::close(report[0]);
        QCOMPARE(got, ssize_t(sizeof result));

        QCOMPARE(result[0], 3); // the child itself and three more make pids.max
        QCOMPARE(result[1], EAGAIN);
        QCOMPARE(std::stoll(readFile(group.file("pids.current"))), 4LL);
        QVERIFY(group.value("pids.events", "max") >= 1);

        // Raising the limit lets the same group grow again.
        VERIFY_OK(group.set("pids.max", "max"));
        const int status = group.run([] {});
        QVERIFY2(WIFEXITED(status) && WEXITSTATUS(status) == 0, describeWaitStatus(status).c_str());
    }
};

QTEST_GUILESS_MAIN(TestVmCgroup2)
#include "test_vm_cgroup2.moc"
