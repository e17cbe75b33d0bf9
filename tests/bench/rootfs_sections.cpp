// The four sections of bench-rootfs (see bench_rootfs.cpp): contenders, their rounds, their
// tables and what the tables cannot say.
#include "figures.h"
#include "job_protocol.h"
#include "rootfs_bench.h"
#include "rootfs_contest.h"

#include <cerrno>
#include <format>
#include <functional>
#include <print>
#include <string_view>
#include <sys/stat.h>

#ifndef CUBBY_ROOTFS_PATH
#error "CUBBY_ROOTFS_PATH must name the cubby-rootfs binary"
#endif

namespace cubby::bench {

Run rootfsRun(std::vector<std::string> args, std::string input) {
    Run run{.argv = {CUBBY_ROOTFS_PATH}, .input = std::move(input), .progressFd = true};
    for (std::string& arg : args)
        run.argv.push_back(std::move(arg));
    run.argv.insert(run.argv.end(), {"--progress-fd", "3"});
    return run;
}

Status copyTree(const RootfsBench& bench, const std::string& from, const std::string& to) {
    CUBBY_CHECK(measure({.argv = {bench.cp, "-a", from, to}}));
    return {};
}

namespace {

std::function<Status()> removing(std::vector<std::string> paths) {
    return [paths]() -> Status {
        for (const std::string& path : paths)
            CUBBY_CHECK(removeTreeBelow(path));
        return {};
    };
}

// An empty directory where a peer writes, made before each run.
std::function<Status()> fresh(const std::string& path) {
    return [path]() -> Status {
        if (::mkdir(path.c_str(), 0755) != 0)
            return fail(Error::system(errno, "making " + path));
        return {};
    };
}

Run syncing(const RootfsBench& bench, const std::string& path) {
    return {{bench.sync, "-f", path}};
}

std::function<Status()> copying(const RootfsBench& bench, const std::string& from,
                                const std::string& to) {
    return [&bench, from, to] { return copyTree(bench, from, to); };
}

// The peer, the peer followed by `sync -f` (cubby-rootfs syncs, the peers do not; on a tmpfs
// syncing costs nothing and the row is left out), and Cubby.
std::vector<Contender*> lineup(const RootfsBench& bench, Contender& peer, Contender& synced,
                               Contender& cubby) {
    if (bench.onDisk)
        return {&peer, &synced, &cubby};
    return {&peer, &cubby};
}

void noteCubby(RootfsBench& bench, const Contender& contender) {
    if (!contender.failure.empty())
        bench.cubbyFailed = true;
}

} // namespace

void busyboxSection(RootfsBench& bench) {
    const std::string root = bench.base + "/bb";
    const std::string lxcPath = bench.peers + "/lxc";
    Contender cubby{.label = "cubby-rootfs --source busybox", .result = root};
    cubby.run = rootfsRun({"create", "--base", bench.base, "--name", "bb", "--source", "busybox"});
    cubby.cleanup = removing({root});
    Contender lxc{.label = "lxc-create -t busybox (1.0)", .result = lxcPath + "/bb"};
    lxc.prepare = fresh(lxcPath);
    lxc.run = Run{{bench.lxcCreate, "-t", "busybox", "-n", "bb", "-P", lxcPath}};
    lxc.cleanup = removing({lxcPath});
    Contender lxcSynced = lxc;
    lxcSynced.label = "lxc-create, then sync -f";
    lxcSynced.then = syncing(bench, lxcPath);
    if (bench.lxcCreate.empty())
        lxc.failure = lxcSynced.failure = "lxc-create is not installed";
    std::println("1. BusyBox root: cubby-rootfs create --source busybox (/bin/busybox) against "
                 "LXC's template lxc-create -t busybox (a private lxcpath)");
    const auto contenders = lineup(bench, lxc, lxcSynced, cubby);
    contest(contenders, {bench.options.warmup, bench.options.runs, bench.work});
    printTable(contenders, {.reference = &lxc, .sizes = true});
    std::println("  LXC's tree is its container directory: rootfs/ and the config file.{}",
                 bench.onDisk ? " cubby-rootfs syncs the file system before it renames the tree "
                                "into place; \"then sync -f\" adds that to LXC."
                              : "");
    std::println();
    noteCubby(bench, cubby);
}

void archiveSection(RootfsBench& bench) {
    if (bench.seed.empty()) {
        std::println("2. Archive import: not measured: {}\n", bench.seedFailure);
        return;
    }
    const std::string archive = bench.work + "/seed.tar.gz";
    auto packed =
        measure({.argv = {bench.tar, "--numeric-owner", "-czf", archive, "-C", bench.seed, "."}});
    struct stat st = {};
    std::println("2. Archive import: {} packed with tar -czf ({}, packed in {:.1f} s), on "
                 "standard input of cubby-rootfs create --source archive, against GNU tar",
                 bench.seedLabel,
                 packed && ::stat(archive.c_str(), &st) == 0 ? humanBytes(st.st_size) : "-",
                 packed ? packed->wallMs / 1000 : 0.0);
    if (!packed) {
        std::println("  not measured: packing failed: {}\n", packed.error().message);
        return;
    }
    const std::string root = bench.base + "/imp";
    const std::string target = bench.peers + "/imp";
    Contender tar{.label = "tar --numeric-owner -xpzf (1.0)", .result = target};
    tar.prepare = fresh(target);
    tar.run = Run{{bench.tar, "--numeric-owner", "-xpzf", archive, "-C", target}};
    tar.cleanup = removing({target});
    Contender tarSynced = tar;
    tarSynced.label = "tar -xpzf, then sync -f";
    tarSynced.then = syncing(bench, target);
    Contender cubby{.label = "cubby-rootfs --source archive", .result = root};
    cubby.run = rootfsRun({"create", "--base", bench.base, "--name", "imp", "--source", "archive"},
                          archive);
    cubby.cleanup = removing({root});
    const auto contenders = lineup(bench, tar, tarSynced, cubby);
    contest(contenders, {bench.options.warmup, bench.options.runs, bench.work});
    printTable(contenders, {.reference = &tar, .sizes = true});
    if (!tar.samples.empty() && !cubby.samples.empty()) {
        const auto overhead = [&](const Contender& against, auto field) {
            std::vector<double> ours;
            std::vector<double> theirs;
            for (const Measured& sample : cubby.samples)
                ours.push_back(std::invoke(field, sample));
            for (const Measured& sample : against.samples)
                theirs.push_back(std::invoke(field, sample));
            return std::format("{:+.0f}%", (median(ours) / median(theirs) - 1) * 100);
        };
        std::println("  overhead of cubby-rootfs: {} wall, {} CPU against tar -xpzf{}",
                     overhead(tar, &Measured::wallMs), overhead(tar, &Measured::cpuMs),
                     tarSynced.samples.empty()
                         ? ""
                         : std::format("; {} wall, {} CPU against tar then sync -f",
                                       overhead(tarSynced, &Measured::wallMs),
                                       overhead(tarSynced, &Measured::cpuMs)));
    }
    std::println("  cubby-rootfs unpacks with libarchive (no gzip process) in a chroot()ed child "
                 "without the capabilities it does not need, then syncs the file system.");
    std::println();
    noteCubby(bench, cubby);
}

void debianSection(RootfsBench& bench, const std::string& cache,
                   const std::optional<Measured>& warm) {
    std::println("3. Debian {} minbase from {}: cubby-rootfs create --source debian --cache "
                 "(mmdebstrap) against debootstrap --variant=minbase",
                 debianSuite, debianMirror);
    if (bench.options.skipDebian) {
        std::println("  not measured: --skip-debian\n");
        return;
    }
    const std::string root = bench.base + "/deb";
    const std::string target = bench.peers + "/deb";
    Contender debootstrap{.label = "debootstrap (1.0, no cache)", .result = target};
    debootstrap.run =
        Run{{bench.debootstrap, "--variant=minbase", debianSuite, target, debianMirror}};
    // Its tree keeps the packages and package lists it downloaded, mmdebstrap's does not: most
    // of the difference in size.
    TreeSize debs;
    TreeSize lists;
    debootstrap.cleanup = [&debs, &lists, target]() -> Status {
        debs = measureTree(target + "/var/cache/apt/archives").value_or(TreeSize{});
        lists = measureTree(target + "/var/lib/apt/lists").value_or(TreeSize{});
        return removeTreeBelow(target);
    };
    if (bench.debootstrap.empty())
        debootstrap.failure = "debootstrap is not installed";
    Contender cubby{.label = "cubby-rootfs (warm cache)", .result = root};
    cubby.run = rootfsRun(
        {"create", "--base", bench.base, "--name", "deb", "--source", "debian", "--cache", cache});
    cubby.cleanup = removing({root});
    if (!warm)
        cubby.failure = bench.seedFailure;
    contest({&debootstrap, &cubby}, {0, bench.options.debianRuns, bench.work, true});
    printTable({&debootstrap, &cubby},
               {.reference = &debootstrap, .unit = Unit::Seconds, .sizes = true, .eachRun = true});
    if (warm)
        std::println("  cubby-rootfs's warm-up run, which filled the cache (not in the figures): "
                     "{:.2f} s wall, {:.2f} s CPU",
                     warm->wallMs / 1000, warm->cpuMs() / 1000);
    std::println("  debootstrap has no package cache: each of its runs downloads every package "
                 "again; cubby-rootfs's runs download only the package lists.");
    if (debs.entries + lists.entries > 0)
        std::println("  debootstrap's tree keeps what it downloaded, cubby-rootfs's does not: "
                     "packages in /var/cache/apt/archives ({}, {} entries) and package lists in "
                     "/var/lib/apt/lists ({}).",
                     humanBytes(debs.bytes), debs.entries, humanBytes(lists.bytes));
    noteCubby(bench, cubby);

    // Cancel: no cache, so that it really is downloading when SIGTERM comes.
    std::vector<double> latencies;
    std::string failure;
    int gone = 0;
    for (int i = 0; i < bench.options.debianRuns && failure.empty() && !interrupted(); ++i) {
        Run run =
            rootfsRun({"create", "--base", bench.base, "--name", "cancel", "--source", "debian"});
        run.cancelOn = [](std::string_view line) {
            return line.starts_with("progress ") && line.find("Downloading") != line.npos;
        };
        run.expectedStatus = jobExitCancelled;
        auto cancelled = measure(run);
        struct stat st = {};
        const bool left = ::lstat((bench.base + "/.partial-cancel").c_str(), &st) == 0 ||
                          ::lstat((bench.base + "/cancel").c_str(), &st) == 0;
        (void)removeTreeBelow(bench.base + "/.partial-cancel");
        (void)removeTreeBelow(bench.base + "/cancel"); // finished before the signal
        if (!cancelled || cancelled->signalledAtMs < 0)
            failure = cancelled ? "it never printed \"Downloading\"" : cancelled.error().message;
        else
            latencies.push_back(cancelled->wallMs - cancelled->signalledAtMs);
        gone += cancelled && !left ? 1 : 0;
    }
    std::string each;
    for (double ms : latencies)
        each += (each.empty() ? "" : ", ") + std::format("{:.0f}", ms);
    if (latencies.empty())
        std::println("  cancel: not measured: {}", failure.empty() ? "interrupted" : failure);
    else
        std::println("  cancel (SIGTERM at its \"Downloading\" line, no cache): exited {:.0f} ms "
                     "later (median; each: {} ms), partial tree gone in {} of {}{}",
                     median(latencies), each, gone, latencies.size(),
                     failure.empty() ? "" : "; then failed: " + failure);
    std::println();
    bench.cubbyFailed = bench.cubbyFailed || !failure.empty();
}

void removalSection(RootfsBench& bench) {
    if (bench.seed.empty()) {
        std::println("4. Removal: not measured: {}\n", bench.seedFailure);
        return;
    }
    const std::string root = bench.base + "/rm";
    const std::string copy = bench.peers + "/rm";
    auto tree = measureTree(bench.seed);
    std::println("4. Removal: cubby-rootfs remove of {} ({}, {} entries) against rm -rf of an "
                 "identical copy (copies made with cp -a before each run, not measured)",
                 bench.seedLabel, tree ? humanBytes(tree->bytes) : "-", tree ? tree->entries : 0);
    Contender rm{.label = "rm -rf (1.0)"};
    rm.prepare = copying(bench, bench.seed, copy);
    rm.run = Run{{bench.rm, "-rf", copy}};
    rm.cleanup = removing({copy});
    Contender cubby{.label = "cubby-rootfs remove"};
    cubby.prepare = copying(bench, bench.seed, root);
    cubby.run = rootfsRun({"remove", "--base", bench.base, "--name", "rm"});
    // A failed removal may leave the tree under either name.
    cubby.cleanup = removing({root, bench.base + "/.removing-rm"});
    Contender rmSynced = rm;
    rmSynced.label = "rm -rf, then sync -f";
    rmSynced.then = syncing(bench, bench.peers);
    const auto contenders = lineup(bench, rm, rmSynced, cubby);
    contest(contenders, {bench.options.warmup, bench.options.runs, bench.work});
    printTable(contenders, {.reference = &rm});
    std::println("  cubby-rootfs renames the tree aside, counts it (for its progress), removes it "
                 "without following symlinks or crossing mounts, and syncs the base directory.");
    std::println();
    noteCubby(bench, cubby);
}

} // namespace cubby::bench
