// bench-controller: what starting a container through cubby-controller costs, against
// `unshare … chroot` (the 1.0 baseline: namespaces and nothing else) and the peer runtimes
// crun and lxc-execute, all starting /bin/true from the same BusyBox root with pid, mount,
// uts, ipc and network namespaces. Then the controller's resident memory while its container
// runs, and what one statistics read costs. A program that prints figures, not a test: timings
// on a shared machine make poor pass/fail criteria. Run it through scripts/bench, as root.
//
//   bench-controller [--runs N] [--warmup N] [--stats-reads N]
#include "busybox_root.h"
#include "cgroup.h"
#include "controller_run.h"
#include "memory_probe.h"
#include "peers.h"
#include "process_meter.h"
#include "stats_probe.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <elf.h>
#include <fcntl.h>
#include <filesystem>
#include <format>
#include <fstream>
#include <functional>
#include <numeric>
#include <optional>
#include <print>
#include <spawn.h>
#include <string_view>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#ifndef CUBBY_BUILD_TYPE
#define CUBBY_BUILD_TYPE "unknown"
#endif

extern char** environ;

using namespace cubby;
using namespace cubby::bench;
using namespace cubby::test;
using namespace std::chrono_literals;

namespace {

constexpr double cpuRatioTarget = 2.0;
constexpr long rssTargetKb = 1536; // 1.5 MiB
constexpr const char* lxcName = "bench-lxc";

struct Options {
    int runs = 30;
    int warmup = 3;
    int statsReads = 2000;
};

struct Contender {
    std::string label;
    Command command{};
    std::vector<Sample> samples{};
    std::string skipped{}; // why it is not measured; empty when it is
    int failures = 0;      // measured runs that failed (not in the figures)
    std::string lastFailure{};
};

struct Summary {
    double medianWallMs = 0;
    double meanCpuMs = 0;
};

// ---- small helpers ----------------------------------------------------------------------

std::optional<Options> parseOptions(int argc, char** argv) {
    Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string_view flag = argv[i];
        int* target = flag == "--runs"          ? &options.runs
                      : flag == "--warmup"      ? &options.warmup
                      : flag == "--stats-reads" ? &options.statsReads
                                                : nullptr;
        if (!target || i + 1 >= argc || (*target = std::atoi(argv[++i])) <= 0)
            return std::nullopt;
    }
    return options;
}

double median(std::vector<double> values) {
    if (values.empty())
        return 0;
    std::ranges::sort(values);
    const size_t mid = values.size() / 2;
    return values.size() % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

double mean(const std::vector<double>& values) {
    return values.empty() ? 0 : std::reduce(values.begin(), values.end()) / values.size();
}

// The value below which `fraction` of the values lie (nearest rank).
double percentile(std::vector<double> values, double fraction) {
    if (values.empty())
        return 0;
    std::ranges::sort(values);
    const auto rank = static_cast<size_t>(fraction * static_cast<double>(values.size() - 1) + 0.5);
    return values[std::min(rank, values.size() - 1)];
}

// One figure of every sample: &Sample::wallMs, &Sample::cpuMs…
std::vector<double> collect(const Contender& contender, auto projection) {
    std::vector<double> out;
    for (const Sample& sample : contender.samples)
        out.push_back(std::invoke(projection, sample));
    return out;
}

Summary summarize(const Contender& contender) {
    return {median(collect(contender, &Sample::wallMs)), mean(collect(contender, &Sample::cpuMs))};
}

std::string required(const std::string& program) {
    std::string path = findProgram(program);
    if (path.empty()) {
        std::println(stderr, "bench-controller: {} is not installed", program);
        std::exit(1);
    }
    return path;
}

std::string makeWorkDir() {
    char templ[] = "/tmp/cubby-bench-XXXXXX";
    if (!::mkdtemp(templ)) {
        std::println(stderr, "bench-controller: mkdtemp: {}", std::strerror(errno));
        std::exit(1);
    }
    return templ;
}

// Unprivileged (Cubby's default: a user namespace with 65536 ids and an idmapped root) unless
// `privileged` (the explicit opt-in: no user namespace, a plain bind of the root).
std::string domainXml(const std::string& name, const std::string& root, const std::string& init,
                      bool privileged = false) {
    return "<domain type='lxc'><name>" + name +
           "</name><memory unit='MiB'>64</memory><os><type>exe</type><init>" + init +
           "</init></os>" + (privileged ? privilegedMetadataXml() : unprivilegedIdmapXml()) +
           "<features><privnet/></features><devices><filesystem type='mount'>"
           "<source dir='" +
           root + "'/><target dir='/'/></filesystem><console type='pty'/></devices></domain>";
}

// Whether the program asks for an ELF interpreter (ld.so), i.e. is dynamically linked.
std::string linkage(const std::string& program) {
    std::ifstream in(program, std::ios::binary);
    Elf64_Ehdr header{};
    if (!in.read(reinterpret_cast<char*>(&header), sizeof header) ||
        std::memcmp(header.e_ident, ELFMAG, SELFMAG) != 0 || header.e_ident[EI_CLASS] != ELFCLASS64)
        return "not a 64-bit ELF file";
    for (int i = 0; i < header.e_phnum; ++i) {
        Elf64_Phdr segment{};
        in.seekg(static_cast<std::streamoff>(header.e_phoff + i * sizeof segment));
        if (in.read(reinterpret_cast<char*>(&segment), sizeof segment) &&
            segment.p_type == PT_INTERP)
            return "dynamically linked";
    }
    return header.e_type == ET_DYN ? "static PIE" : "statically linked";
}

// ---- the contenders ---------------------------------------------------------------------

Contender baseline(const std::string& root) {
    return {
        .label = "unshare+chroot (baseline)",
        .command = {{required("unshare"), "--fork", "--pid", "--mount", "--uts", "--ipc", "--net",
                     "--mount-proc=" + root + "/proc", required("chroot"), root, "/bin/true"}}};
}

Contender controller(const TestPrefix& prefix, const std::string& root, bool privileged) {
    const std::string name = privileged ? "bench-true-priv" : "bench-true";
    const std::string definition = prefix.path() + "/" + name + ".xml";
    std::ofstream(definition) << domainXml(name, root, "/bin/true", privileged);
    return {.label = privileged ? "cubby-controller privileged" : "cubby-controller",
            .command = {{CUBBY_CONTROLLER_PATH, "--name", name, "--definition", definition,
                         "--prefix", prefix.path(), "--cgroup-parent", prefix.cgroupParent()}}};
}

// crun runs plainly where it accepts the host's cgroups; on the v1/v2 hybrid it refuses
// ("cgroups in hybrid mode not supported"), and runs in a private mount namespace with a tmpfs
// over /sys/fs/cgroup/unified instead, made two ways: by the spawned child itself (the least a
// wrapper can cost), and with the usual command line `unshare -m sh -c 'mount …; exec crun …'`.
std::vector<Contender> crunContenders(ProcessMeter& meter, const std::string& workDir,
                                      const std::string& root, std::vector<std::string>& notes) {
    const std::string crun = findProgram("crun");
    if (crun.empty())
        return {{.label = "crun", .skipped = "not installed"}};
    const std::string bundle = workDir + "/crun-bundle";
    ::mkdir(bundle.c_str(), 0700);
    if (auto made = makeCrunBundle(meter, crun, bundle, root); !made)
        return {{.label = "crun", .skipped = made.error().message}};
    const std::vector<std::string> run = {crun, "run", "--bundle", bundle, "bench-crun"};
    auto plain = meter.run({run});
    if (plain)
        return {{.label = "crun", .command = {run}}};
    notes.push_back(std::format("crun: plain `crun run` is refused here ({}); it is measured in a "
                                "private mount namespace with a tmpfs over "
                                "/sys/fs/cgroup/unified, and that wrapper's cost is included: "
                                "\"+mntns\" makes it in the spawned child (unshare(2) and two "
                                "mount(2) before exec), \"via unshare -m sh\" runs unshare, sh "
                                "and mount(8) first",
                                plain.error().message));
    const std::string script =
        std::format("{} -t tmpfs -o size=4k tmpfs /sys/fs/cgroup/unified && exec {} run "
                    "--bundle {} bench-crun-sh",
                    required("mount"), crun, bundle);
    return {{.label = "crun +mntns", .command = {run, true}},
            {.label = "crun via unshare -m sh",
             .command = {{required("unshare"), "-m", required("sh"), "-c", script}}}};
}

Contender lxcContender(const std::string& workDir, const std::string& root, bool unified,
                       std::vector<std::string>& notes) {
    const std::string lxcExecute = findProgram("lxc-execute");
    if (lxcExecute.empty())
        return {.label = "lxc-execute", .skipped = "not installed"};
    const std::string lxcPath = workDir + "/lxc";
    ::mkdir(lxcPath.c_str(), 0700);
    auto config = writeLxcConfig(workDir, root, unified);
    if (!config)
        return {.label = "lxc-execute", .skipped = config.error().message};
    notes.push_back("lxc-execute: runs /bin/true under its own init (lxc-init, bind-mounted in); "
                    "it also unshares a cgroup namespace");
    return {
        .label = "lxc-execute",
        .command = {{lxcExecute, "-P", lxcPath, "-n", lxcName, "-f", *config, "--", "/bin/true"}}};
}

// The baseline first: the ratios are to it.
std::vector<Contender> allContenders(ProcessMeter& meter, const TestPrefix& prefix,
                                     const std::string& workDir, const std::string& root,
                                     CgroupLayout layout, std::vector<std::string>& notes) {
    // The default (unprivileged: a user namespace and an idmapped root) and the opt-in
    // privileged container, which namespaces alone separate.
    std::vector<Contender> contenders = {baseline(root), controller(prefix, root, false),
                                         controller(prefix, root, true)};
    for (Contender& crun : crunContenders(meter, workDir, root, notes))
        contenders.push_back(std::move(crun));
    contenders.push_back(lxcContender(workDir, root, layout == CgroupLayout::Unified, notes));
    return contenders;
}

// The roots of the mounted cgroup hierarchies: /sys/fs/cgroup itself, and the file systems
// mounted on its subdirectories (a hybrid host's v1 hierarchies and "unified").
std::vector<std::filesystem::path> hierarchyRoots() {
    const std::filesystem::path top = "/sys/fs/cgroup";
    std::vector<std::filesystem::path> roots = {top};
    struct stat topInfo = {};
    std::error_code error;
    if (::stat(top.c_str(), &topInfo) != 0)
        return roots;
    for (const auto& entry : std::filesystem::directory_iterator(top, error)) {
        struct stat info = {};
        if (::stat(entry.path().c_str(), &info) == 0 && S_ISDIR(info.st_mode) &&
            info.st_dev != topInfo.st_dev)
            roots.push_back(entry.path());
    }
    return roots;
}

// lxc parks its monitor in an "lxc.pivot" group at each hierarchy's root while it removes the
// container's groups, and leaves it behind: those not there before the benchmark go again.
std::vector<std::string> absentLxcPivots() {
    std::vector<std::string> absent;
    std::error_code error;
    for (const auto& root : hierarchyRoots()) {
        if (!std::filesystem::exists(root / "lxc.pivot", error))
            absent.push_back(root / "lxc.pivot");
    }
    return absent;
}

void removeEmptyGroups(const std::vector<std::string>& paths) {
    for (const std::string& path : paths)
        ::rmdir(path.c_str()); // fails, as it should, where processes remain
}

// ---- measuring --------------------------------------------------------------------------

void warmUp(std::vector<Contender>& contenders, ProcessMeter& meter, int runs) {
    for (Contender& contender : contenders) {
        for (int i = 0; i < runs && contender.skipped.empty(); ++i) {
            if (auto sample = meter.run(contender.command); !sample)
                contender.skipped = "refused: " + sample.error().message;
        }
    }
}

// Round-robin, starting each round one contender further on, so drift in the machine's load
// (other builds, the kernel tearing down earlier network namespaces) spreads over everyone.
void measure(std::vector<Contender>& contenders, ProcessMeter& meter, int runs) {
    const size_t count = contenders.size();
    for (int round = 0; round < runs; ++round) {
        for (size_t k = 0; k < count; ++k) {
            Contender& contender = contenders[(static_cast<size_t>(round) + k) % count];
            if (!contender.skipped.empty())
                continue;
            if (auto sample = meter.run(contender.command)) {
                contender.samples.push_back(*sample);
            } else {
                ++contender.failures;
                contender.lastFailure = sample.error().message;
            }
        }
    }
}

// ---- printing ---------------------------------------------------------------------------

void printHeader(const std::string& root, const Options& options, CgroupLayout layout) {
    utsname host{};
    ::uname(&host);
    std::println("bench-controller: start-to-exit of /bin/true in a fresh container with pid, "
                 "mount, uts, ipc and net namespaces");
    std::println("host:  {} {} {}, {} CPUs online, cgroups {}", host.sysname, host.release,
                 host.machine, ::sysconf(_SC_NPROCESSORS_ONLN),
                 layout == CgroupLayout::Unified
                     ? "v2 (unified)"
                     : "v1/v2 hybrid (controllers on v1, /sys/fs/cgroup/unified is v2)");
    std::println("root:  {} ({}), the same directory for every contender", root,
                 firstLineOf({root + "/bin/busybox"}).substr(0, 40));
    std::println("build: cubby-controller {} ({}, {})", CUBBY_CONTROLLER_PATH, CUBBY_BUILD_TYPE,
                 linkage(CUBBY_CONTROLLER_PATH));
    if (std::string_view(CUBBY_BUILD_TYPE) == "Debug")
        std::println("       (a Debug build, with sanitizers in the debug and ci presets: these "
                     "figures say nothing about a release; scripts/bench builds one)");
    for (const char* program : {"crun", "lxc-execute", "unshare"}) {
        if (const std::string path = findProgram(program); !path.empty())
            std::println("peer:  {}: {}", program, firstLineOf({path, "--version"}));
    }
    std::println("runs:  {} per contender after {} warm-up runs, interleaved round-robin",
                 options.runs, options.warmup);
    std::println(
        "CPU:   user+sys of the contender's whole process tree: getrusage(RUSAGE_CHILDREN) "
        "deltas, this program being a child subreaper (the user/sys split is the kernel's "
        "tick-sampled estimate, the sum is exact); kernel work done later in kworkers "
        "(tearing down the network namespace) is nobody's and not counted");
    std::println("limit: every contender that makes a cgroup sets the same 64 MiB memory limit");
    std::println();
}

void printTable(const std::vector<Contender>& contenders) {
    const Summary base = summarize(contenders.front());
    std::println("{:<28} {:>14} {:>13} {:>10} {:>9}", "contender", "wall ms (med)", "CPU ms (mean)",
                 "wall ratio", "CPU ratio");
    for (const Contender& contender : contenders) {
        if (!contender.skipped.empty() || contender.samples.empty()) {
            std::println("{:<28} skipped: {}", contender.label,
                         contender.skipped.empty() ? "every run failed" : contender.skipped);
            continue;
        }
        const Summary s = summarize(contender);
        std::println("{:<28} {:>14.2f} {:>13.2f} {:>10.2f} {:>9.2f}", contender.label,
                     s.medianWallMs, s.meanCpuMs, s.medianWallMs / base.medianWallMs,
                     s.meanCpuMs / base.meanCpuMs);
    }
    std::println();
}

void printRaw(const std::vector<Contender>& contenders) {
    std::println("raw figures, ms:");
    std::println("{:<28} {:>3} {:>6} {:>6} {:>6} {:>6} {:>6} | {:>6} {:>6} {:>6} {:>6} {:>6}",
                 "contender", "n", "wall", "min", "mean", "p90", "max", "CPU", "user", "sys", "min",
                 "max");
    for (const Contender& contender : contenders) {
        if (!contender.skipped.empty())
            continue;
        if (contender.samples.empty()) {
            std::println("{:<28} every run failed, last: {}", contender.label,
                         contender.lastFailure);
            continue;
        }
        const auto wall = collect(contender, &Sample::wallMs);
        const auto cpu = collect(contender, &Sample::cpuMs);
        std::println(
            "{:<28} {:>3} {:>6.2f} {:>6.2f} {:>6.2f} {:>6.2f} {:>6.2f} | {:>6.2f} {:>6.2f} "
            "{:>6.2f} {:>6.2f} {:>6.2f}",
            contender.label, contender.samples.size(), median(wall), std::ranges::min(wall),
            mean(wall), percentile(wall, 0.9), std::ranges::max(wall), mean(cpu),
            mean(collect(contender, &Sample::userMs)), mean(collect(contender, &Sample::sysMs)),
            std::ranges::min(cpu), std::ranges::max(cpu));
        int stragglers = 0;
        for (const Sample& sample : contender.samples)
            stragglers += sample.stragglers;
        if (stragglers > 0)
            std::println("  {} processes outlived the command and were reaped by this program",
                         stragglers);
        if (contender.failures > 0)
            std::println("  {} runs failed, last: {}", contender.failures, contender.lastFailure);
    }
    std::println("(wall: median; min, mean, 90th percentile, max. CPU: mean of user+sys; mean "
                 "user, mean sys, min and max of user+sys)");
    std::println();
}

void printTarget(const std::vector<Contender>& contenders) {
    const Summary base = summarize(contenders.front());
    for (const Contender& contender : contenders) {
        if (!contender.label.starts_with("cubby-controller") || !contender.skipped.empty() ||
            contender.samples.empty())
            continue;
        const double ratio = summarize(contender).meanCpuMs / base.meanCpuMs;
        std::println("target: {} CPU ratio {:.2f}, at most {:.1f}: {}", contender.label, ratio,
                     cpuRatioTarget, ratio <= cpuRatioTarget ? "met" : "MISSED");
    }
}

// ---- the controller while its container runs ----------------------------------------------

void printStatsCost(const StatsCost& cost) {
    std::println("stats read cost, {} reads each, container of {} processes:", cost.reads,
                 cost.containerProcesses);
    std::println("  ContainerCgroup::open()                      {:8.1f} us (once)", cost.openUs);
    std::println("  readStats()                                  {:8.1f} us per read",
                 cost.readStatsUs);
    std::println("  cgroup.procs + /proc/PID/stat of each        {:8.1f} us per pass",
                 cost.procKnownUs);
    std::println("  scan /proc for init's descendants + stat     {:8.1f} us per pass ({} "
                 "processes in this pid namespace; a desktop has hundreds)",
                 cost.procScanUs, cost.procEntries);
}

void printControllerMemory(pid_t controller) {
    std::println("cubby-controller resident memory, pid {}, its container running sleep "
                 "(1.5 s after start):",
                 controller);
    auto memory = readMemory(controller);
    if (!memory) {
        std::println("  cannot read it: {}", memory.error().message);
        return;
    }
    printMemory(*memory, 14);
    const long rss = memory->statusKb("VmRSS");
    std::println("target: controller VmRSS {} kB, under {} kB (1.5 MiB): {}", rss, rssTargetKb,
                 rss < rssTargetKb ? "met" : "MISSED");
}

// VmRSS counts pages shared with other processes in full. What one more container costs is
// better seen with two: the second controller's private pages (USS), and Pss of both.
void printSecondControllerMemory(BusyboxRoot& root, const TestPrefix& prefix, pid_t first) {
    const std::string name = "bench-sleep-2";
    ControllerRun second(prefix, name, domainXml(name, root.path(), "/sbin/bench-sleep"));
    if (!second.waitReady())
        return;
    std::this_thread::sleep_for(1500ms);
    auto one = readMemory(first);
    auto two = readMemory(second.controllerPid());
    if (!one || !two)
        return;
    std::println("with a second controller running: Pss {} kB and {} kB; private (USS, the cost "
                 "of one more container) {} kB and {} kB",
                 one->rollupKb("Pss"), two->rollupKb("Pss"), one->privateKb(), two->privateKb());
}

void destroy(ControllerRun& run) {
    const auto start = std::chrono::steady_clock::now();
    ::kill(run.controllerPid(), SIGTERM);
    const int status = run.waitExit();
    std::println("destroyed (SIGTERM to the controller): exit status {} after {:.1f} ms", status,
                 std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                     .count());
}

void probeController(BusyboxRoot& root, const TestPrefix& prefix, const Options& options) {
    const std::string name = "bench-sleep";
    // Init ends up as `sleep`, with three more sleeps beside it for the /proc comparison.
    root.writeFile("sbin/bench-sleep",
                   "#!/bin/sh\n/bin/sleep 1000 & /bin/sleep 1000 & /bin/sleep 1000 &\n"
                   "exec /bin/sleep 1000\n");
    ControllerRun run(prefix, name, domainXml(name, root.path(), "/sbin/bench-sleep"));
    if (!run.waitReady()) {
        std::println("controller memory: the container did not start: {}", run.error());
        return;
    }
    // The script has forked its sleeps, and the controller, a second after its container
    // started, has handed back the pages only start-up needed: its steady state.
    std::this_thread::sleep_for(1500ms);
    printControllerMemory(run.controllerPid());
    printSecondControllerMemory(root, prefix, run.controllerPid());
    std::println();
    if (auto cost =
            measureStatsCost(prefix.cgroupParent(), name, run.initPid(), options.statsReads))
        printStatsCost(*cost);
    else
        std::println("stats read cost: {}", cost.error().message);
    destroy(run);
    std::println();
}

// ---- lxc-execute's monitor, for comparison ------------------------------------------------

std::vector<pid_t> childrenOf(pid_t pid) {
    std::ifstream in(std::format("/proc/{}/task/{}/children", pid, pid));
    std::vector<pid_t> out;
    for (pid_t child; in >> child;)
        out.push_back(child);
    return out;
}

// lxc-execute → lxc-init → sleep: running once the grandchild exists.
bool waitForGrandchild(pid_t pid, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        for (const pid_t child : childrenOf(pid)) {
            if (!childrenOf(child).empty())
                return true;
        }
        std::this_thread::sleep_for(20ms);
    }
    return false;
}

pid_t spawnQuietly(const std::vector<std::string>& argv) {
    std::vector<char*> args;
    for (const std::string& arg : argv)
        args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    pid_t pid = -1;
    if (::posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ) != 0)
        pid = -1;
    posix_spawn_file_actions_destroy(&actions);
    return pid;
}

void probeLxcMonitor(const Contender& lxc) {
    if (!lxc.skipped.empty())
        return;
    std::vector<std::string> argv = lxc.command.argv;
    argv.back() = "/bin/sleep";
    argv.push_back("1000");
    const pid_t monitor = spawnQuietly(argv);
    if (monitor < 0)
        return;
    if (waitForGrandchild(monitor, 10s)) {
        std::println("for comparison, lxc-execute (its own monitor), pid {}, container running "
                     "sleep:",
                     monitor);
        if (auto memory = readMemory(monitor))
            printMemory(*memory, 6);
    } else {
        std::println("lxc-execute with sleep did not start within 10 s");
    }
    const std::string& lxcPath = lxc.command.argv[2];
    if (const pid_t stop =
            spawnQuietly({findProgram("lxc-stop"), "-P", lxcPath, "-n", lxcName, "-k"});
        stop > 0)
        ::waitpid(stop, nullptr, 0);
    else
        ::kill(monitor, SIGKILL);
    ::waitpid(monitor, nullptr, 0);
    std::println();
}

} // namespace

int main(int argc, char** argv) {
    const auto options = parseOptions(argc, argv);
    if (!options) {
        std::println(stderr, "usage: bench-controller [--runs N] [--warmup N] [--stats-reads N]");
        return 2;
    }
    if (::geteuid() != 0) {
        std::println(stderr,
                     "bench-controller: needs root (namespaces, cgroups): use scripts/bench");
        return 1;
    }
    auto meter = ProcessMeter::create();
    auto layout = detectCgroupLayout();
    BusyboxRoot root;
    if (!meter || !layout || !root.ok()) {
        std::println(stderr, "bench-controller: {}",
                     !meter    ? meter.error().message
                     : !layout ? layout.error().message
                               : root.failure());
        return 1;
    }
    const TestPrefix prefix;
    const std::string workDir = makeWorkDir();
    printHeader(root.path(), *options, *layout);

    std::vector<std::string> notes;
    std::vector<Contender> contenders =
        allContenders(*meter, prefix, workDir, root.path(), *layout, notes);

    const std::vector<std::string> lxcPivots = absentLxcPivots();
    warmUp(contenders, *meter, options->warmup);
    if (!contenders.front().skipped.empty()) {
        std::println(stderr, "bench-controller: the baseline failed: {}",
                     contenders.front().skipped);
        return 1;
    }
    measure(contenders, *meter, options->runs);
    printTable(contenders);
    printRaw(contenders);
    for (const std::string& note : notes)
        std::println("note: {}", note);
    printTarget(contenders);
    std::println();

    probeController(root, prefix, *options);
    probeLxcMonitor(contenders.back());
    removeEmptyGroups(lxcPivots);
    removeTree(workDir);
    return 0;
}
