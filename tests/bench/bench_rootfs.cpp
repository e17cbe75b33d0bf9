// bench-rootfs: what cubby-rootfs's jobs cost against the tools people use for the same job,
// all measured in one run, interleaved, on one file system:
//
//   1. a BusyBox root: `create --source busybox` against LXC's template (lxc-create -t busybox
//      with a private lxcpath), wall and CPU time, size on disk and entries of the result;
//   2. archive import: a tar.gz of a Debian minbase root on standard input of `create --source
//      archive` against `tar --numeric-owner -xpzf` (the 1.0 baseline);
//   3. Debian minbase: `create --source debian --cache DIR` (mmdebstrap, a warm cache) against
//      debootstrap --variant=minbase, which has no cache; then how long a cancel takes (SIGTERM
//      once it is downloading, until it exited and its partial tree is gone);
//   4. removal: `remove` of a Debian tree against `rm -rf` of an identical copy (1.0).
//
// Section 3's warm-up run (cold cache) makes the Debian tree sections 2 and 4 use. A program that
// prints figures, not a test. Run it through scripts/bench, as root.
//
//   bench-rootfs [--runs N] [--warmup N] [--debian-runs N] [--skip-debian]
#include "rootfs_bench.h"
#include "rootfs_trees.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <format>
#include <fstream>
#include <optional>
#include <print>
#include <sched.h>
#include <string_view>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#ifndef CUBBY_ROOTFS_PATH
#error "CUBBY_ROOTFS_PATH must name the cubby-rootfs binary"
#endif
#ifndef CUBBY_BUILD_TYPE
#define CUBBY_BUILD_TYPE "unknown"
#endif

using namespace cubby;
using namespace cubby::bench;

namespace {

constexpr const char* usage =
    "usage: bench-rootfs [--runs N] [--warmup N] [--debian-runs N] [--skip-debian]\n"
    "  --runs N         measured runs per contender in sections 1, 2 and 4 (default 10)\n"
    "  --warmup N       unmeasured runs before them (default 1)\n"
    "  --debian-runs N  measured Debian builds per contender, and cancels (default 3)\n"
    "  --skip-debian    no network: no Debian builds; sections 2 and 4 use a copy of\n"
    "                   /usr/share instead of a Debian tree\n";

std::optional<RootfsOptions> parseOptions(int argc, char** argv) {
    RootfsOptions options;
    for (int i = 1; i < argc; ++i) {
        const std::string_view flag = argv[i];
        if (flag == "--skip-debian") {
            options.skipDebian = true;
            continue;
        }
        int* target = flag == "--runs"          ? &options.runs
                      : flag == "--warmup"      ? &options.warmup
                      : flag == "--debian-runs" ? &options.debianRuns
                                                : nullptr;
        if (!target || i + 1 >= argc || (*target = std::atoi(argv[++i])) < 0)
            return std::nullopt;
    }
    if (options.runs <= 0 || options.debianRuns <= 0)
        return std::nullopt;
    return options;
}

// Timings on a shared machine mean little without what else ran meanwhile.
std::string loadAverage() {
    std::ifstream in("/proc/loadavg");
    std::string one, five, fifteen;
    in >> one >> five >> fifteen;
    return std::format("{} {} {}", one, five, fifteen);
}

void printHeader(const RootfsBench& bench, const WorkDir& work) {
    utsname host{};
    ::uname(&host);
    // "mmdebstrap 1.5.7", "tar (GNU tar) 1.35"; lxc-create says only "6.0.4".
    const auto version = [](const std::string& program, const std::string& name) {
        if (program.empty())
            return name + " (not installed)";
        const std::string line = firstLineOf({program, "--version"});
        return line.find(' ') != std::string::npos ? line : name + " " + line;
    };
    std::println("bench-rootfs: root filesystem jobs of cubby-rootfs against their peers, "
                 "measured in one run");
    std::println("host:  {} {} {}, {} CPUs online", host.sysname, host.release, host.machine,
                 ::sysconf(_SC_NPROCESSORS_ONLN));
    std::println("load:  {} (1, 5, 15 minutes) at the start", loadAverage());
    std::println("build: cubby-rootfs {} ({}); {}", CUBBY_ROOTFS_PATH, CUBBY_BUILD_TYPE,
                 version(findProgram("mmdebstrap"), "mmdebstrap"));
    std::println("peers: {}; {}; {}; {}", version(bench.lxcCreate, "lxc-create"),
                 version(bench.tar, "tar"), version(bench.debootstrap, "debootstrap"),
                 version(bench.rm, "rm"));
    if (work.tmpfsReason().empty())
        std::println("work:  {} ({}), every tree on it; the file system is synced before each "
                     "measured run",
                     bench.work, filesystemType(bench.work));
    else
        std::println("work:  {}, a tmpfs of its own with every tree on it: {}, which does not "
                     "reuse inodes freed in the last minutes and searches the inode tables for "
                     "others,\n       so that files made after a removal cost many times what "
                     "they otherwise would; sizes are in memory, and syncing costs nothing",
                     bench.work, work.tmpfsReason());
    std::println("runs:  {} per contender after {} warm-up, interleaved; Debian: {} each after "
                 "one warm-up run of cubby-rootfs that fills its cache",
                 bench.options.runs, bench.options.warmup, bench.options.debianRuns);
    std::println();
}

// The tree sections 2 and 4 start from, and section 3's warm-up: a Debian minbase made by
// cubby-rootfs with a cold cache; with --skip-debian, a copy of /usr/share.
std::optional<Measured> makeSeed(RootfsBench& bench, const std::string& cache) {
    const std::string base = bench.work + "/seed";
    if (::mkdir(base.c_str(), 0700) != 0) {
        bench.seedFailure = std::format("making {}: {}", base, std::strerror(errno));
        return std::nullopt;
    }
    if (bench.options.skipDebian) {
        bench.seedLabel = "a copy of /usr/share (--skip-debian)";
        if (auto copied = copyTree(bench, "/usr/share", base + "/share"); !copied)
            bench.seedFailure = "copying /usr/share: " + copied.error().message;
        else
            bench.seed = base + "/share";
        return std::nullopt;
    }
    std::println(stderr, "bench-rootfs: building the Debian tree, cold cache (network-bound)");
    auto built = measure(rootfsRun(
        {"create", "--base", base, "--name", "debian", "--source", "debian", "--cache", cache}));
    if (!built) {
        bench.seedFailure = "building the Debian tree failed: " + built.error().message;
        bench.cubbyFailed = true;
        return std::nullopt;
    }
    bench.seed = base + "/debian";
    bench.seedLabel = std::format("a Debian {} minbase", debianSuite);
    return *built;
}

} // namespace

int main(int argc, char** argv) {
    if (argc == 2 && std::string_view(argv[1]) == "--help") {
        std::print("{}", usage);
        return 0;
    }
    const auto options = parseOptions(argc, argv);
    if (!options) {
        std::print(stderr, "{}", usage);
        return 2;
    }
    if (::geteuid() != 0) {
        std::println(stderr, "bench-rootfs: needs root (cubby-rootfs's --base must be root's, "
                             "tar restores owners, lxc-create and debootstrap): use scripts/bench");
        return 1;
    }
    // Whatever a peer mounts and leaves (debootstrap's /proc in its target, when stopped) stays
    // in this namespace and goes with it.
    if (::unshare(CLONE_NEWNS) != 0 ||
        ::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) {
        std::println(stderr, "bench-rootfs: a private mount namespace: {}", std::strerror(errno));
        return 1;
    }
    if (auto prepared = prepareRunner(); !prepared) {
        std::println(stderr, "bench-rootfs: {}", prepared.error().message);
        return 1;
    }
    auto work = WorkDir::create();
    if (!work) {
        std::println(stderr, "bench-rootfs: {}", work.error().message);
        return 1;
    }
    RootfsBench bench{.options = *options, .work = work->path()};
    auto base = work->subdirectory("base", 0700);
    auto peers = work->subdirectory("peers");
    if (!base || !peers) {
        std::println(stderr, "bench-rootfs: {}", (!base ? base : peers).error().message);
        return 1;
    }
    bench.base = *base;
    bench.peers = *peers;
    bench.onDisk = work->tmpfsReason().empty();
    printHeader(bench, *work);

    busyboxSection(bench);
    const std::string cache = bench.work + "/cache";
    const auto warm = interrupted() ? std::nullopt : makeSeed(bench, cache);
    if (!interrupted())
        archiveSection(bench);
    if (!interrupted())
        debianSection(bench, cache, warm);
    if (!interrupted())
        removalSection(bench);
    if (interrupted()) {
        std::println(stderr, "bench-rootfs: interrupted; cleaning up");
        return 130;
    }
    std::println("load:  {} (1, 5, 15 minutes) at the end", loadAverage());
    return bench.cubbyFailed ? 1 : 0;
}
