// Resource control on real cgroups, on whichever layout this machine has: the pure cgroup v2 of
// users' machines (the vm tier's guest) or the v1/v2 hybrid of the build machines. Every test
// runs a forked child inside a group and checks what the kernel did to it.
#include "bpf_devices.h"
#include "cgroup.h"
#include "cgroup_plan.h"
#include "unique_fd.h"

#include <QTemporaryDir>
#include <QTest>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <functional>
#include <linux/magic.h>
#include <poll.h>
#include <set>
#include <sstream>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace cubby;

namespace {

constexpr uint64_t MiB = 1024 * 1024;

std::string readFile(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string trimmedText(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
        text.pop_back();
    return text;
}

bool isCgroup2(const char* path) {
    struct statfs info = {};
    return ::statfs(path, &info) == 0 && info.f_type == CGROUP2_SUPER_MAGIC;
}

const char* message(const Error& error) {
    return error.message.c_str();
}

// Reads exactly `size` bytes, giving up after `timeoutMs` so a stuck child fails the test
// instead of hanging it.
bool readFull(int fd, void* buffer, size_t size, int timeoutMs = 20000) {
    auto* out = static_cast<char*>(buffer);
    size_t done = 0;
    while (done < size) {
        pollfd pfd{fd, POLLIN, 0};
        const int ready = ::poll(&pfd, 1, timeoutMs);
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready <= 0)
            return false;
        const ssize_t got = ::read(fd, out + done, size - done);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return false;
        done += static_cast<size_t>(got);
    }
    return true;
}

// A forked child: it runs `prepare` where it was born, reports ready, waits until the test has
// moved it into a group, then runs `body` there and _exits with its result. It never returns
// into Qt Test. `report` is a pipe back to the test.
class GroupChild {
public:
    using Prepare = std::function<int()>; // 0, or the errno of what failed
    using Body = std::function<int(int report)>;

    GroupChild(const Prepare& prepare, const Body& body) {
        int go[2], report[2];
        if (::pipe2(go, O_CLOEXEC) != 0)
            return;
        if (::pipe2(report, O_CLOEXEC) != 0) {
            ::close(go[0]), ::close(go[1]);
            return;
        }
        m_pid = ::fork();
        if (m_pid == 0) {
            ::close(go[1]);
            ::close(report[0]);
            const int prepared = prepare();
            if (::write(report[1], &prepared, sizeof prepared) != sizeof prepared || prepared)
                ::_exit(120);
            char byte = 0;
            if (::read(go[0], &byte, 1) != 1)
                ::_exit(121); // the test gave up on us
            ::_exit(body(report[1]));
        }
        ::close(go[0]);
        ::close(report[1]);
        m_go.reset(go[1]);
        m_report.reset(report[0]);
    }
    ~GroupChild() {
        if (m_pid > 0) {
            ::kill(m_pid, SIGKILL);
            wait();
        }
    }
    GroupChild(const GroupChild&) = delete;
    GroupChild& operator=(const GroupChild&) = delete;

    pid_t pid() const { return m_pid; }

    // Waits for the prepared child, lets `join` move it, then lets it run. Empty, or what
    // went wrong.
    std::string run(const std::function<Status(pid_t)>& join) {
        if (m_pid < 0)
            return "fork failed";
        int prepared = -1;
        if (!readFull(m_report.get(), &prepared, sizeof prepared))
            return "the child did not get ready";
        if (prepared != 0)
            return std::string("preparing the child failed: ") + std::strerror(prepared);
        if (auto joined = join(m_pid); !joined)
            return joined.error().message;
        const char byte = 'g';
        if (::write(m_go.get(), &byte, 1) != 1)
            return "cannot start the child";
        return {};
    }
    std::string runIn(ContainerCgroup& group) {
        return run([&](pid_t pid) { return group.addProcess(pid); });
    }

    template <class T>
    bool report(T& out) {
        return readFull(m_report.get(), &out, sizeof out);
    }

    // The wait status.
    int wait() {
        int status = 0;
        while (::waitpid(m_pid, &status, 0) < 0 && errno == EINTR) {
        }
        m_pid = -1;
        return status;
    }

private:
    pid_t m_pid = -1;
    UniqueFd m_go;
    UniqueFd m_report;
};

// The test process is the subreaper of its children's children: orphans of a killed group come
// back here to be reaped instead of piling up under the build root's init.
void reapOrphans() {
    for (int round = 0; round < 400; ++round) {
        const pid_t pid = ::waitpid(-1, nullptr, WNOHANG);
        if (pid < 0 && errno == ECHILD)
            return;
        if (pid <= 0)
            ::usleep(5000);
    }
}

std::string describe(int status) {
    if (WIFEXITED(status))
        return "exited with " + std::to_string(WEXITSTATUS(status));
    if (WIFSIGNALED(status))
        return std::string("killed by ") + sigdescr_np(WTERMSIG(status));
    return "status " + std::to_string(status);
}

// What a process inside a group with the standard device list may do; 0 or an errno each.
struct DeviceOutcome {
    int openOwnNull = -1; // a 1:3 node the test made: allowed
    int openDevNull = -1; // the real /dev/null: allowed
    int openDevZero = -1; // allowed
    int openMem = -1;     // 1:1, like /dev/mem: not in the list
    int openBlock = -1;   // b 7:0, like /dev/loop0: not in the list
    int mknodZero = -1;   // 1:5 is listed, but without mknod
    int mknodFifo = -1;   // not a device: no business of the device controller
};

int errnoOf(int result) {
    if (result < 0)
        return errno;
    ::close(result);
    return 0;
}

// In the child, before it joins: a private tmpfs without nodev (the build root's /tmp has
// nodev, which would refuse every node with EACCES before the cgroup is asked) holding nodes
// made while the child was still allowed to make them.
int prepareDeviceNodes(const std::string& dir) {
    if (::unshare(CLONE_NEWNS) != 0)
        return errno;
    if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0)
        return errno;
    if (::mount("cubby-test", dir.c_str(), "tmpfs", 0, "mode=0700") != 0)
        return errno;
    if (::mknod((dir + "/null").c_str(), S_IFCHR | 0666, makedev(1, 3)) != 0 ||
        ::mknod((dir + "/mem").c_str(), S_IFCHR | 0600, makedev(1, 1)) != 0 ||
        ::mknod((dir + "/loop0").c_str(), S_IFBLK | 0600, makedev(7, 0)) != 0)
        return errno;
    return 0;
}

int probeDevices(const std::string& dir, int report) {
    DeviceOutcome outcome;
    outcome.openOwnNull = errnoOf(::open((dir + "/null").c_str(), O_RDWR | O_CLOEXEC));
    outcome.openDevNull = errnoOf(::open("/dev/null", O_RDWR | O_CLOEXEC));
    outcome.openDevZero = errnoOf(::open("/dev/zero", O_RDONLY | O_CLOEXEC));
    outcome.openMem = errnoOf(::open((dir + "/mem").c_str(), O_RDONLY | O_CLOEXEC));
    outcome.openBlock = errnoOf(::open((dir + "/loop0").c_str(), O_RDONLY | O_CLOEXEC));
    outcome.mknodZero =
        ::mknod((dir + "/zero").c_str(), S_IFCHR | 0666, makedev(1, 5)) == 0 ? 0 : errno;
    outcome.mknodFifo = ::mknod((dir + "/fifo").c_str(), S_IFIFO | 0600, 0) == 0 ? 0 : errno;
    return ::write(report, &outcome, sizeof outcome) == sizeof outcome ? 0 : 1;
}

// Only a pids limit and, unless told otherwise, the standard devices.
CgroupLimits pidsOnly(uint64_t pidsMax, bool devices = true) {
    CgroupLimits limits;
    limits.pidsMax = pidsMax;
    if (devices)
        limits.allowedDevices = standardContainerDevices();
    return limits;
}

// Busy for `cpuNs` of its own CPU time.
int burnCpu(int64_t cpuNs) {
    timespec now{};
    do {
        ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    } while (now.tv_sec * 1'000'000'000LL + now.tv_nsec < cpuNs);
    return 0;
}

} // namespace

class TestCgroups : public QObject {
    Q_OBJECT

    CgroupLayout m_layout = CgroupLayout::Unified;
    std::string m_parent;
    std::set<std::string> m_parentDirs; // to remove at the end, in every hierarchy

    Result<ContainerCgroup> makeGroup(const std::string& name, const CgroupLimits& limits) {
        auto group = ContainerCgroup::create(m_parent, name, limits);
        if (group) {
            for (const std::string& path : group->paths())
                m_parentDirs.insert(std::filesystem::path(path).parent_path());
        }
        return group;
    }

    // Removes the group even when a check failed halfway.
    struct Cleanup {
        ContainerCgroup* group;
        ~Cleanup() {
            if (group) {
                (void)group->killAll();
                (void)group->remove();
            }
            reapOrphans();
        }
    };

    // The directory among the group's that has `file`.
    static std::string groupFile(const ContainerCgroup& group, const std::string& file) {
        for (const std::string& path : group.paths()) {
            if (::access((path + "/" + file).c_str(), F_OK) == 0)
                return path + "/" + file;
        }
        return "(no " + file + ")";
    }

    void checkDevices(const DeviceOutcome& outcome) {
        QCOMPARE(outcome.openOwnNull, 0);
        QCOMPARE(outcome.openDevNull, 0);
        QCOMPARE(outcome.openDevZero, 0);
        QCOMPARE(outcome.openMem, EPERM);
        QCOMPARE(outcome.openBlock, EPERM);
        QCOMPARE(outcome.mknodZero, EPERM);
        QCOMPARE(outcome.mknodFifo, 0);
    }

private slots:
    void initTestCase() {
        QVERIFY2(geteuid() == 0, "the root tier needs root: run it through scripts/test");
        QVERIFY(::prctl(PR_SET_CHILD_SUBREAPER, 1) == 0);
        auto layout = detectCgroupLayout();
        QVERIFY2(layout, layout ? "" : message(layout.error()));
        m_layout = *layout;
        m_parent = "cubby-test-" + std::to_string(::getpid());
        qInfo("cgroup layout: %s", m_layout == CgroupLayout::Unified ? "unified v2" : "hybrid v1");
    }

    void cleanupTestCase() {
        for (const std::string& dir : m_parentDirs) {
            const bool gone = ::rmdir(dir.c_str()) == 0 || errno == ENOENT;
            QVERIFY2(gone, (dir + ": " + std::strerror(errno)).c_str());
        }
    }

    void layoutFollowsWhatIsMounted() {
        const std::string controllers = isCgroup2("/sys/fs/cgroup")
                                            ? readFile("/sys/fs/cgroup/cgroup.controllers")
                                            : std::string();
        const bool v2 = controllers.find("memory") != std::string::npos;
        QCOMPARE(m_layout, v2 ? CgroupLayout::Unified : CgroupLayout::Hybrid);

        auto group = makeGroup("layout", {});
        QVERIFY2(group, group ? "" : message(group.error()));
        Cleanup cleanup{&*group};
        QCOMPARE(group->layout(), m_layout);
        const auto paths = group->paths();
        // One directory on v2; on a hybrid host one per v1 hierarchy (memory, cpu and cpuacct
        // in one or two, pids, devices, and cpuset and freezer where mounted).
        QVERIFY2(v2 ? paths.size() == 1 : paths.size() >= 4, std::to_string(paths.size()).c_str());
        for (const std::string& path : paths) {
            QVERIFY2(path.ends_with("/" + m_parent + "/layout"), path.c_str());
            QVERIFY2(std::filesystem::is_directory(path), path.c_str());
        }
    }

    void limitsReachTheKernel() {
        CgroupLimits limits;
        limits.memoryMaxBytes = 64 * MiB;
        limits.memoryHighBytes = 48 * MiB;
        limits.memorySwapMaxBytes = 64 * MiB; // no swap on top
        limits.cpuShares = 2048;
        limits.cpuPeriodUs = 50000;
        limits.cpuQuotaUs = 25000;
        limits.cpusetCpus = "0";
        limits.pidsMax = 64;
        limits.allowedDevices = standardContainerDevices();
        auto group = makeGroup("limits", limits);
        QVERIFY2(group, group ? "" : message(group.error()));
        Cleanup cleanup{&*group};
        const auto file = [&](const char* name) {
            return trimmedText(readFile(groupFile(*group, name)));
        };
        if (m_layout == CgroupLayout::Unified) {
            QCOMPARE(file("memory.max"), std::string("67108864"));
            QCOMPARE(file("memory.high"), std::string("50331648"));
            QCOMPARE(file("memory.swap.max"), std::string("0"));
            QCOMPARE(file("cpu.weight"), std::string("79"));
            QCOMPARE(file("cpu.max"), std::string("25000 50000"));
            QCOMPARE(file("cpuset.cpus"), std::string("0"));
        } else {
            QCOMPARE(file("memory.limit_in_bytes"), std::string("67108864"));
            QCOMPARE(file("memory.soft_limit_in_bytes"), std::string("50331648"));
            QCOMPARE(file("memory.memsw.limit_in_bytes"), std::string("67108864"));
            QCOMPARE(file("cpu.shares"), std::string("2048"));
            QCOMPARE(file("cpu.cfs_period_us"), std::string("50000"));
            QCOMPARE(file("cpu.cfs_quota_us"), std::string("25000"));
            QCOMPARE(file("cpuset.cpus"), std::string("0"));
            QVERIFY(!file("cpuset.mems").empty()); // inherited, or nobody could join
            QCOMPARE(file("devices.list"), std::string("c 1:3 rw\nc 1:5 rw\nc 1:7 rw\nc 1:8 rw\n"
                                                       "c 1:9 rw\nc 5:0 rw\nc 5:1 rw\nc 5:2 rw\n"
                                                       "c 136:* rw"));
        }
        QCOMPARE(file("pids.max"), std::string("64"));
        auto stats = group->readStats();
        QVERIFY2(stats, stats ? "" : message(stats.error()));
        QCOMPARE(stats->memoryMaxBytes, 64 * MiB);
        QCOMPARE(stats->pids, uint64_t(0));
    }

    void memoryCapOomKillsAHog() {
        CgroupLimits limits;
        limits.memoryMaxBytes = 32 * MiB;
        limits.memorySwapMaxBytes = 32 * MiB; // or the hog would swap instead of dying
        limits.pidsMax = 64;
        limits.allowedDevices = standardContainerDevices();
        auto group = makeGroup("oom", limits);
        QVERIFY2(group, group ? "" : message(group.error()));
        Cleanup cleanup{&*group};
        GroupChild hog([] { return 0; },
                       [](int) {
                           const size_t size = 64 * MiB;
                           void* memory = ::mmap(nullptr, size, PROT_READ | PROT_WRITE,
                                                 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
                           if (memory == MAP_FAILED)
                               return 2;
                           auto* bytes = static_cast<volatile char*>(memory);
                           for (size_t i = 0; i < size; i += 4096)
                               bytes[i] = 1;
                           return 0; // survived: the cap did not hold
                       });
        const std::string failure = hog.runIn(*group);
        QVERIFY2(failure.empty(), failure.c_str());
        const int status = hog.wait();
        QVERIFY2(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, describe(status).c_str());
        auto stats = group->readStats();
        QVERIFY2(stats, stats ? "" : message(stats.error()));
        QVERIFY2(stats->oomKills >= 1, std::to_string(stats->oomKills).c_str());
        QCOMPARE(stats->memoryMaxBytes, 32 * MiB);
    }

    void cpuTimeIsCountedForTheGroup() {
        auto group = makeGroup("cpu", pidsOnly(64));
        QVERIFY2(group, group ? "" : message(group.error()));
        Cleanup cleanup{&*group};
        auto before = group->readStats();
        QVERIFY2(before, before ? "" : message(before.error()));
        constexpr int64_t burnNs = 300'000'000;
        GroupChild busy([] { return 0; }, [](int) { return burnCpu(burnNs); });
        const std::string failure = busy.runIn(*group);
        QVERIFY2(failure.empty(), failure.c_str());
        const int status = busy.wait();
        QVERIFY2(WIFEXITED(status) && WEXITSTATUS(status) == 0, describe(status).c_str());
        auto after = group->readStats();
        QVERIFY2(after, after ? "" : message(after.error()));
        const uint64_t used = after->cpuUsageNs - before->cpuUsageNs;
        // About what the child burnt (the group's figure and the process's own clock round
        // differently at exit), and not the whole machine's.
        QVERIFY2(used >= uint64_t(burnNs) * 9 / 10 && used < 5'000'000'000ull,
                 std::to_string(used).c_str());
        if (m_layout == CgroupLayout::Hybrid) {
            QVERIFY(!after->perCpuUsageNs.empty());
            uint64_t sum = 0;
            for (const uint64_t cpu : after->perCpuUsageNs)
                sum += cpu;
            const uint64_t difference =
                sum > after->cpuUsageNs ? sum - after->cpuUsageNs : after->cpuUsageNs - sum;
            QVERIFY2(difference <= after->cpuUsageNs / 100,
                     (std::to_string(sum) + " vs " + std::to_string(after->cpuUsageNs)).c_str());
        } else {
            QVERIFY(after->perCpuUsageNs.empty()); // v2 keeps no per-CPU figure
        }
    }

    void pidsLimitStopsForks() {
        constexpr uint64_t pidsMax = 8;
        auto group = makeGroup("pids", pidsOnly(pidsMax));
        QVERIFY2(group, group ? "" : message(group.error()));
        Cleanup cleanup{&*group};
        struct Forks {
            int made = 0;
            int error = 0;
        };
        GroupChild forker([] { return 0; },
                          [](int report) {
                              Forks forks;
                              while (forks.made < 100) {
                                  const pid_t pid = ::fork();
                                  if (pid == 0)
                                      for (;;)
                                          ::pause();
                                  if (pid < 0) {
                                      forks.error = errno;
                                      break;
                                  }
                                  ++forks.made;
                              }
                              if (::write(report, &forks, sizeof forks) != sizeof forks)
                                  return 1;
                              for (;;)
                                  ::pause();
                          });
        const std::string failure = forker.runIn(*group);
        QVERIFY2(failure.empty(), failure.c_str());
        Forks forks;
        QVERIFY(forker.report(forks));
        // The forker itself is one of the pidsMax.
        QCOMPARE(forks.made, int(pidsMax) - 1);
        QCOMPARE(forks.error, EAGAIN);
        auto stats = group->readStats();
        QVERIFY2(stats, stats ? "" : message(stats.error()));
        QCOMPARE(stats->pids, pidsMax);
        QVERIFY(group->killAll());
        const int status = forker.wait();
        QVERIFY2(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, describe(status).c_str());
    }

    void devicesOutsideTheListAreRefused() {
        Domain domain;
        domain.memoryKiB = domain.currentMemoryKiB = 256 * 1024;
        auto group = makeGroup("devices", planCgroupLimits(domain));
        QVERIFY2(group, group ? "" : message(group.error()));
        Cleanup cleanup{&*group};
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const std::string dir = tmp.path().toStdString();
        GroupChild prober([&] { return prepareDeviceNodes(dir); },
                          [&](int report) { return probeDevices(dir, report); });
        const std::string failure = prober.runIn(*group);
        QVERIFY2(failure.empty(), failure.c_str());
        DeviceOutcome outcome;
        QVERIFY(prober.report(outcome));
        QVERIFY(WIFEXITED(prober.wait()));
        checkDevices(outcome);
    }

    // The v2 device program directly, on whichever cgroup2 hierarchy is mounted: on a hybrid
    // host that is the controller-less /sys/fs/cgroup/unified, and the v1 devices controller
    // there allows everything, so any refusal comes from the program alone.
    void deviceProgramOnAV2Group() {
        const char* v2Root = isCgroup2("/sys/fs/cgroup")           ? "/sys/fs/cgroup"
                             : isCgroup2("/sys/fs/cgroup/unified") ? "/sys/fs/cgroup/unified"
                                                                   : nullptr;
        QVERIFY2(v2Root, "no cgroup2 hierarchy is mounted");
        const std::string path = std::string(v2Root) + "/" + m_parent + "-bpf";
        QVERIFY2(::mkdir(path.c_str(), 0755) == 0, std::strerror(errno));
        struct RemoveDir {
            std::string path;
            ~RemoveDir() { ::rmdir(path.c_str()); }
        } removeDir{path};
        UniqueFd dir(::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
        QVERIFY(dir);
        auto restricted = restrictDevices(dir.get(), standardContainerDevices(), path);
        QVERIFY2(restricted, restricted ? "" : message(restricted.error()));

        // Attached once, stacking with any ancestor's program.
        uint32_t ids[4] = {};
        bpf_attr query{};
        query.query.target_fd = static_cast<uint32_t>(dir.get());
        query.query.attach_type = BPF_CGROUP_DEVICE;
        query.query.prog_ids = reinterpret_cast<uintptr_t>(ids);
        query.query.prog_cnt = 4;
        QVERIFY2(::syscall(SYS_bpf, BPF_PROG_QUERY, &query, sizeof query) == 0,
                 std::strerror(errno));
        QCOMPARE(query.query.prog_cnt, 1u);
        QCOMPARE(query.query.attach_flags, uint32_t(BPF_F_ALLOW_MULTI));

        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const std::string nodes = tmp.path().toStdString();
        GroupChild prober([&] { return prepareDeviceNodes(nodes); },
                          [&](int report) { return probeDevices(nodes, report); });
        const std::string failure = prober.run([&](pid_t pid) -> Status {
            std::ofstream procs(path + "/cgroup.procs");
            procs << pid << std::flush;
            if (!procs)
                return fail(Error::system(EIO, "joining " + path));
            return {};
        });
        QVERIFY2(failure.empty(), failure.c_str());
        DeviceOutcome outcome;
        QVERIFY(prober.report(outcome));
        QVERIFY(WIFEXITED(prober.wait()));
        checkDevices(outcome);
    }

    void killAllEmptiesAForkingGroup() {
        auto group = makeGroup("kill", pidsOnly(32));
        QVERIFY2(group, group ? "" : message(group.error()));
        Cleanup cleanup{&*group};
        // A fork bomb, held at 32 processes by pids.max, that keeps trying: killAll() has to
        // win against processes that fork while it kills.
        GroupChild bomb([] { return 0; },
                        [](int) {
                            for (;;) {
                                if (::fork() < 0)
                                    ::usleep(1000);
                            }
                            return 0;
                        });
        const std::string failure = bomb.runIn(*group);
        QVERIFY2(failure.empty(), failure.c_str());
        for (int i = 0; i < 200 && group->readStats().value_or(CgroupStats{}).pids < 32; ++i)
            ::usleep(10000);
        QCOMPARE(group->readStats().value_or(CgroupStats{}).pids, uint64_t(32));
        auto killed = group->killAll();
        QVERIFY2(killed, killed ? "" : message(killed.error()));
        for (const std::string& path : group->paths())
            QCOMPARE(readFile(path + "/cgroup.procs"), std::string());
        const int status = bomb.wait();
        QVERIFY2(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, describe(status).c_str());
        // pids.current counts the dead until they are reaped (the orphans come back to this
        // process, the subreaper).
        reapOrphans();
        auto stats = group->readStats();
        QVERIFY2(stats, stats ? "" : message(stats.error()));
        QCOMPARE(stats->pids, uint64_t(0));
    }

    void removeLeavesNothingBehind() {
        auto group = makeGroup("remove", pidsOnly(64, false));
        QVERIFY2(group, group ? "" : message(group.error()));
        Cleanup cleanup{&*group};
        const auto paths = group->paths();
        QVERIFY(!paths.empty());

        auto again = ContainerCgroup::create(m_parent, "remove", {});
        QVERIFY(!again);
        QCOMPARE(again.error().kind, ErrorKind::AlreadyExists);
        // The failed create must not have taken the existing group with it.
        for (const std::string& path : paths)
            QVERIFY2(std::filesystem::is_directory(path), path.c_str());

        auto reopened = ContainerCgroup::open(m_parent, "remove");
        QVERIFY2(reopened, reopened ? "" : message(reopened.error()));
        QCOMPARE(reopened->paths(), paths);

        // A process that lived and exited in the group does not keep it.
        GroupChild brief([] { return 0; }, [](int) { return 0; });
        const std::string failure = brief.runIn(*reopened);
        QVERIFY2(failure.empty(), failure.c_str());
        QVERIFY(WIFEXITED(brief.wait()));
        QVERIFY(reopened->killAll()); // nothing to kill: returns at once

        auto removed = reopened->remove();
        QVERIFY2(removed, removed ? "" : message(removed.error()));
        for (const std::string& path : paths)
            QVERIFY2(!std::filesystem::exists(path), path.c_str());
        QVERIFY(group->remove()); // already gone: fine
        auto stale = ContainerCgroup::open(m_parent, "remove");
        QVERIFY(!stale);
        QCOMPARE(stale.error().kind, ErrorKind::NotFound);
    }

    void namesThatLeaveTheHierarchyAreRefused() {
        for (const char* name : {"", "..", "a/b", "cgroup.procs"}) {
            auto group = ContainerCgroup::create(m_parent, name, {});
            QVERIFY2(!group, name);
            QCOMPARE(group.error().kind, ErrorKind::InvalidArgument);
        }
        auto escaping = ContainerCgroup::create("../etc", "x", {});
        QVERIFY(!escaping);
        QCOMPARE(escaping.error().kind, ErrorKind::InvalidArgument);
    }
};

QTEST_GUILESS_MAIN(TestCgroups)
#include "test_cgroups.moc"
