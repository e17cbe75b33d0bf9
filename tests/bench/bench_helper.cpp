// bench-helper: what cubby-helper costs its callers, on a private system bus with the real
// dbus-daemon and polkitd (tests/support/with-system-bus; this program re-runs itself inside
// one), the helper bus-activated from this build with its state prefix on a tmpfs:
//   (a) starting one BusyBox container: the StartContainer call until its reply (init runs),
//       and `cubbyctl start`, against `virsh -c lxc:/// start` of the same <domain> through a
//       libvirtd run for the benchmark (libvirt_daemon.h);
//   (b) ListContainers and GetStats, one call each, with 200 containers defined, 50 running;
//   (c) the idle helper's resident memory, fresh and after (b), with libvirtd's beside it.
// Calls are made with QtDBus directly (helper_bus.h), which times the call itself; cubbyctl's
// figure adds a client process, as virsh's does. A program that prints figures, not a test.
//
//   bench-helper [--runs N] [--warmup N] [--calls N] [--defined N] [--running N]
#include "bench_fleet.h"
#include "busybox_root.h"
#include "count_options.h"
#include "figures.h"
#include "helper_bus.h"
#include "libvirt_daemon.h"
#include "memory_probe.h"
#include "process_meter.h"
#include "timed_command.h"

#include <QCoreApplication>
#include <QDBusArgument>
#include <QVariantMap>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <format>
#include <fstream>
#include <functional>
#include <optional>
#include <print>
#include <string_view>
#include <sys/utsname.h>
#include <thread>
#include <unistd.h>

#ifndef CUBBY_BUILD_TYPE
#define CUBBY_BUILD_TYPE "unknown"
#endif

using namespace cubby;
using namespace cubby::bench;
using namespace cubby::test;
using namespace std::chrono_literals;

namespace {

constexpr double listTargetMs = 20;
constexpr const char* startName = "bench-start";

struct Options {
    int runs = 15;
    int warmup = 2;
    int calls = 30;
    int defined = 200;
    int running = 50;
};

std::optional<Options> parseOptions(const std::vector<std::string>& args) {
    Options options;
    if (!parseCountOptions(args, {{"--runs", &options.runs},
                                  {"--warmup", &options.warmup},
                                  {"--calls", &options.calls},
                                  {"--defined", &options.defined},
                                  {"--running", &options.running}}))
        return std::nullopt;
    if (options.runs <= 0 || options.calls <= 0 || options.running > options.defined)
        return std::nullopt;
    return options;
}

// ---- (a) starting a container -------------------------------------------------------------

struct Contender {
    std::string label;
    std::function<Result<double>()> start{}; // timed
    std::function<Status()> stop{};          // untimed
    std::vector<double> samples{};
    std::string skipped{};
    int failures = 0;
    std::string lastFailure{};
};

Result<double> startThroughDbus() {
    const TimedReply started = callHelper(QStringLiteral("StartContainer"), {startName});
    CUBBY_CHECK(replyStatus(started.reply));
    // The reply carries init's pid: it must be running now, not merely being set up.
    const auto pid = static_cast<pid_t>(started.reply.arguments().value(0).toLongLong());
    if (pid <= 0 || ::kill(pid, 0) != 0)
        return fail(Error::of(ErrorKind::System, std::format("init (pid {}) is not running", pid)));
    return started.ms;
}

std::vector<Contender> startContenders(LibvirtDaemon* daemon) {
    const auto stopCubby = [] { return destroyContainer(startName); };
    std::vector<Contender> out = {
        {.label = "Cubby: StartContainer (D-Bus)", .start = startThroughDbus, .stop = stopCubby},
        {.label = "Cubby: cubbyctl start",
         .start = []() -> Result<double> {
             CUBBY_TRY(timed, runTimed({CUBBYCTL_PATH, "start", startName}));
             return timed.ms;
         },
         .stop = stopCubby}};
    Contender virsh{.label = "libvirt: virsh start"};
    if (!daemon) {
        virsh.skipped = "libvirtd is not running (above)";
    } else {
        virsh.start = [daemon]() -> Result<double> {
            auto started = daemon->virsh({"start", startName});
            if (!started)
                return fail(Error::of(ErrorKind::System,
                                      started.error().message + daemon->domainLog(startName)));
            return started;
        };
        virsh.stop = [daemon]() -> Status {
            CUBBY_CHECK(daemon->virsh({"destroy", startName}));
            return {};
        };
    }
    out.push_back(std::move(virsh));
    return out;
}

void measureStarts(std::vector<Contender>& contenders, int runs, bool keep) {
    for (int round = 0; round < runs; ++round) {
        for (size_t k = 0; k < contenders.size(); ++k) {
            Contender& contender = contenders[(static_cast<size_t>(round) + k) % contenders.size()];
            if (!contender.skipped.empty())
                continue;
            auto sample = contender.start();
            auto stopped = contender.stop();
            if (!stopped) {
                contender.skipped = "stopping failed: " + stopped.error().message;
                if (!sample)
                    contender.skipped += " (the start had failed: " + sample.error().message + ")";
            } else if (!sample && !keep) {
                contender.skipped = "refused: " + sample.error().message;
            } else if (!sample) {
                ++contender.failures;
                contender.lastFailure = sample.error().message;
            } else if (keep) {
                contender.samples.push_back(*sample);
            }
        }
    }
}

void printStarts(const std::vector<Contender>& contenders) {
    const Contender& peer = contenders.back();
    const double peerMedian = median(peer.samples);
    std::println("(a) start one BusyBox container until it runs (privnet, 64 MiB, init "
                 "/sbin/bench-init → sleep):");
    std::println("  {:<32} {:>3} {:>10} {:>8} {:>8} {:>8} {:>12}", "contender", "n", "median ms",
                 "min", "p90", "max", "vs libvirt");
    for (const Contender& contender : contenders) {
        if (!contender.skipped.empty() || contender.samples.empty()) {
            std::println("  {:<32} skipped: {}", contender.label,
                         contender.skipped.empty() ? "every run failed: " + contender.lastFailure
                                                   : contender.skipped);
            continue;
        }
        const auto& s = contender.samples;
        std::println("  {:<32} {:>3} {:>10.2f} {:>8.2f} {:>8.2f} {:>8.2f} {:>12}", contender.label,
                     s.size(), median(s), minimum(s), percentile(s, 0.9), maximum(s),
                     peerMedian > 0 ? std::format("{:.3f}", median(s) / peerMedian) : "-");
        if (contender.failures > 0)
            std::println("    {} runs failed, last: {}", contender.failures, contender.lastFailure);
    }
    std::println("  (\"vs libvirt\": the median over virsh start's median; below 1 is faster)");
    std::println();
}

// ---- (b) listing many containers ----------------------------------------------------------

struct ListFigures {
    std::vector<double> listMs;
    std::vector<double> statsMs;
    int listed = 0;
    int withStats = 0;
    // The same questions as client processes: cubbyctl and, with as many libvirt LXC domains
    // defined and running, virsh (empty when libvirt cannot run here).
    std::vector<double> cubbyctlListMs, cubbyctlStatsMs, virshListMs, virshStatsMs;
    std::string libvirtSkipped;
    std::string lastFailure; // of the client commands, for a contender whose every run failed
};

void measureClientLists(ListFigures& figures, LibvirtDaemon* daemon, const Options& options) {
    const int runs = std::min(options.calls, 10); // processes: fewer, they take longer
    const auto keep = [&figures](std::vector<double>& samples, Result<double> ms) {
        if (ms)
            samples.push_back(*ms);
        else
            figures.lastFailure = ms.error().message;
    };
    const auto timed = [](std::vector<std::string> argv) -> Result<double> {
        CUBBY_TRY(run, runTimed(argv));
        return run.ms;
    };
    for (int i = 0; i < runs; ++i) {
        keep(figures.cubbyctlListMs, timed({CUBBYCTL_PATH, "list", "--all"}));
        keep(figures.cubbyctlStatsMs, timed({CUBBYCTL_PATH, "stats"}));
        if (!daemon)
            continue;
        keep(figures.virshListMs, daemon->virsh({"list", "--all"}));
        keep(figures.virshStatsMs, daemon->virsh({"domstats"}));
    }
}

Result<ListFigures> measureLists(const Options& options) {
    ListFigures figures;
    for (int i = 0; i < options.calls; ++i) {
        const TimedReply list = callHelper(QStringLiteral("ListContainers"));
        CUBBY_CHECK(replyStatus(list.reply));
        const TimedReply stats = callHelper(QStringLiteral("GetStats"));
        CUBBY_CHECK(replyStatus(stats.reply));
        figures.listMs.push_back(list.ms);
        figures.statsMs.push_back(stats.ms);
        figures.listed = static_cast<int>(
            qdbus_cast<QList<QVariantMap>>(list.reply.arguments().value(0)).size());
        figures.withStats = static_cast<int>(
            qdbus_cast<QList<QVariantMap>>(stats.reply.arguments().value(0)).size());
    }
    return figures;
}

void printLists(const ListFigures& figures, const Options& options) {
    std::println("(b) one call each with {} containers defined, {} running ({} calls each, "
                 "alternating):",
                 options.defined, options.running, options.calls);
    std::println("  {:<16} {:>8} {:>10} {:>8} {:>8} {:>8}", "call", "entries", "median ms", "min",
                 "p90", "max");
    for (const auto& [name, entries, samples] :
         {std::tuple{"ListContainers", figures.listed, &figures.listMs},
          std::tuple{"GetStats", figures.withStats, &figures.statsMs}}) {
        std::println("  {:<16} {:>8} {:>10.2f} {:>8.2f} {:>8.2f} {:>8.2f}", name, entries,
                     median(*samples), minimum(*samples), percentile(*samples, 0.9),
                     maximum(*samples));
    }
    for (const auto& [name, samples] :
         {std::pair{"ListContainers", &figures.listMs}, {"GetStats", &figures.statsMs}})
        std::println("target: {} median {:.2f} ms, under {:.0f} ms: {}", name, median(*samples),
                     listTargetMs, median(*samples) < listTargetMs ? "met" : "MISSED");
    std::println("  as client processes, start to exit (the same numbers of containers and "
                 "libvirt domains):");
    std::println("  {:<34} {:>10} {:>8} {:>8}", "command", "median ms", "min", "max");
    for (const auto& [name, samples] : {std::pair{"cubbyctl list --all", &figures.cubbyctlListMs},
                                        {"virsh list --all", &figures.virshListMs},
                                        {"cubbyctl stats", &figures.cubbyctlStatsMs},
                                        {"virsh domstats", &figures.virshStatsMs}}) {
        if (samples->empty())
            std::println("  {:<34} skipped: {}", name,
                         figures.libvirtSkipped.empty()
                             ? "every run failed, last: " + figures.lastFailure
                             : figures.libvirtSkipped);
        else
            std::println("  {:<34} {:>10.2f} {:>8.2f} {:>8.2f}", name, median(*samples),
                         minimum(*samples), maximum(*samples));
    }
    for (const auto& [label, ours, theirs] :
         {std::tuple{"cubbyctl list / virsh list", &figures.cubbyctlListMs, &figures.virshListMs},
          {"cubbyctl stats / virsh domstats", &figures.cubbyctlStatsMs, &figures.virshStatsMs}}) {
        if (!ours->empty() && !theirs->empty())
            std::println("  {}: {:.2f} (below 1: Cubby is faster)", label,
                         median(*ours) / median(*theirs));
    }
    std::println();
}

// ---- (c) memory -----------------------------------------------------------------------------

void printProcessMemory(const std::string& what, pid_t pid, Result<MemoryReport> memory) {
    std::println("{}, pid {}:", what, pid);
    if (!memory) {
        std::println("  cannot read it: {}", memory.error().message);
        return;
    }
    printMemory(*memory, 8);
}

// ---- set-up and tear-down -------------------------------------------------------------------

void printHeader(const Options& options, const std::string& libvirtVersion) {
    utsname host{};
    ::uname(&host);
    std::println("bench-helper: cubby-helper on a private system bus (dbus-daemon + polkitd, "
                 "root allowed by a rule), bus-activated");
    std::println("host:    {} {} {}, {} CPUs online", host.sysname, host.release, host.machine,
                 ::sysconf(_SC_NPROCESSORS_ONLN));
    std::println("build:   {} ({}), controller {}", CUBBY_HELPER_PATH, CUBBY_BUILD_TYPE,
                 CUBBY_CONTROLLER_PATH);
    std::println("libvirt: {}", libvirtVersion);
    std::println("calls:   QtDBus, blocking, timed from send to reply (polkit is asked on every "
                 "call); cubbyctl and virsh timed as processes, start to exit");
    std::println("runs:    {} starts per contender after {} warm-up runs, interleaved "
                 "round-robin; each container destroyed (untimed) before the next",
                 options.runs, options.warmup);
    std::println();
}

int runOnPrivateBus(int argc, char** argv, const Options& options) {
    QCoreApplication app(argc, argv);
    BusyboxRoot root;
    const auto prepared = prepareBenchRoot(root, "bench-helper");
    if (!prepared) {
        std::println(stderr, "bench-helper: {}", prepared.error().message);
        return 1;
    }
    const std::string workDir = *prepared;

    // The first call activates the helper.
    const TimedReply first = callHelper(QStringLiteral("ListContainers"));
    if (auto ok = replyStatus(first.reply); !ok) {
        std::println(stderr, "bench-helper: the helper did not answer: {}", ok.error().message);
        return 1;
    }
    std::this_thread::sleep_for(500ms);
    const pid_t helper = helperPid();
    const Result<MemoryReport> freshHelper = readMemory(helper);

    std::unique_ptr<LibvirtDaemon> daemon;
    std::string libvirtVersion;
    if (auto started = LibvirtDaemon::start(workDir)) {
        daemon = std::move(*started);
        libvirtVersion = daemon->version();
        const std::string file = workDir + "/domain.xml";
        std::ofstream(file) << domainFor(startName, root, daemon->partition());
        if (auto defined = daemon->virsh({"define", file}); !defined) {
            libvirtVersion += "; cannot define the domain: " + defined.error().message;
            daemon.reset();
        }
    } else {
        libvirtVersion = "cannot run here: " + started.error().message;
    }
    printHeader(options, libvirtVersion);
    std::println("first call (ListContainers, including bus activation of the helper): {:.1f} ms",
                 first.ms);
    std::println();

    int status = 0;
    if (auto defined = defineContainer(domainFor(startName, root)); !defined) {
        std::println(stderr, "bench-helper: DefineContainer: {}", defined.error().message);
        status = 1;
    } else {
        std::vector<Contender> contenders = startContenders(daemon.get());
        measureStarts(contenders, options.warmup, false);
        measureStarts(contenders, options.runs, true);
        printStarts(contenders);
    }

    if (auto populated = populate(root, options.defined, options.running); !populated) {
        std::println("(b) skipped: setting up the containers failed: {}",
                     populated.error().message);
        status = 1;
    } else if (auto figures = measureLists(options); !figures) {
        std::println("(b) failed: {}", figures.error().message);
        status = 1;
    } else {
        LibvirtDaemon* peer = daemon.get();
        if (!peer)
            figures->libvirtSkipped = "libvirtd is not running (above)";
        else if (auto domains =
                     populateLibvirt(*peer, root, options.defined, options.running, workDir);
                 !domains) {
            figures->libvirtSkipped =
                "setting up libvirt's domains failed: " + domains.error().message;
            peer = nullptr;
        }
        measureClientLists(*figures, peer, options);
        if (daemon)
            depopulateLibvirt(*daemon, options.defined, options.running);
        printLists(*figures, options);
    }

    std::println("(c) resident memory, idle:");
    printProcessMemory("cubby-helper 0.5 s after activation and one ListContainers call", helper,
                       freshHelper);
    std::this_thread::sleep_for(1s);
    const pid_t after = helperPid();
    printProcessMemory(std::format("cubby-helper 1 s after (b), {} defined and {} running",
                                   options.defined, options.running),
                       after, readMemory(after));
    if (daemon)
        printProcessMemory("for comparison, libvirtd (all of libvirt's drivers: here LXC and "
                           "network), one domain defined",
                           daemon->pid(), readMemory(daemon->pid()));
    std::println();

    if (auto cleaned = depopulate(options.defined, options.running); !cleaned)
        std::println("note: tearing down (b): {}", cleaned.error().message);
    if (daemon)
        (void)daemon->virsh({"undefine", startName});
    std::println("note: libvirt runs with /sys/fs/cgroup/unified hidden (libvirt_lxc cannot set "
                 "up a container on this v1/v2 hybrid otherwise) and its domain in a cgroup "
                 "partition of its own; Cubby's domain XML is the same without <resource>");
    daemon.reset();
    removeHelperCgroupParent();
    removeTree(workDir);
    return status;
}

} // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    const bool inside = !args.empty() && args.front() == onPrivateBus;
    if (inside)
        args.erase(args.begin());
    const auto options = parseOptions(args);
    if (!options) {
        std::println(stderr, "usage: bench-helper [--runs N] [--warmup N] [--calls N] "
                             "[--defined N] [--running N]");
        return 2;
    }
    if (::geteuid() != 0) {
        std::println(stderr, "bench-helper: needs root (a private bus, containers): use "
                             "scripts/bench");
        return 1;
    }
    if (!inside)
        return reexecOnPrivateBus("bench-helper", argc, argv);
    return runOnPrivateBus(argc, argv, *options);
}
