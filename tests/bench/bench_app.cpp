// bench-app: what the desktop app costs, against virt-manager, on a desktop made for the run: a
// private system bus with the real dbus-daemon and polkitd and this build's helper
// bus-activated (tests/support/with-system-bus, as bench-helper), an Xvfb display
// (tests/support/with-xvfb) with openbox as its window manager, a session bus for each user,
// and N BusyBox containers defined and running through the helper, as many libvirt LXC domains
// defined and running in a libvirtd run for the benchmark (libvirt_daemon.h):
//   (1) `cubby`, as a normal desktop user (scripts/session's polkit rule stands in for an active
//       session), from exec until its main window is mapped and lists the N containers, against
//       `virt-manager --connect lxc:/// --no-fork` (as root, which libvirt's LXC driver needs)
//       until its "Virtual Machine Manager" window is mapped and lists the N domains;
//       interleaved, medians;
//   (2) with the window showing N running containers, then with another workspace shown (the
//       window manager unmaps the window), then minimized by the window manager: the app's
//       wake-ups (context switches of all its threads), its CPU time, the helper's CPU time and
//       the D-Bus calls it is sent (counted by dbus-monitor), per second; the same for
//       virt-manager and libvirtd;
//   (3) the app's resident memory with N containers listed, virt-manager's beside it.
// ListContainers and GetStats at 200 defined / 50 running against virsh are bench-helper's (b).
// A program that prints figures, not a test.
//
//   bench-app [--runs N] [--warmup N] [--containers N] [--seconds S]
#include "bench_fleet.h"
#include "count_options.h"
#include "desktop_process.h"
#include "figures.h"
#include "helper_bus.h"
#include "libvirt_daemon.h"
#include "memory_probe.h"
#include "process_meter.h"
#include "timed_command.h"
#include "x_windows.h"

#include <QCoreApplication>
#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <format>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <poll.h>
#include <print>
#include <set>
#include <string_view>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <thread>
#include <tuple>
#include <unistd.h>

#ifndef CUBBY_BUILD_TYPE
#define CUBBY_BUILD_TYPE "unknown"
#endif

using namespace cubby;
using namespace cubby::bench;
using namespace cubby::test;
using namespace std::chrono_literals;

namespace {

constexpr const char* desktopUser = "cubby-user"; // scripts/session's rule names this user
constexpr double launchTimeoutSeconds = 60;
constexpr double settleSeconds = 3; // after listing: the first figures arrive, start-up ends
constexpr const char* virtManagerTitle = "Virtual Machine Manager";

struct Options {
    int runs = 5;
    int warmup = 1;
    int containers = 50;
    int seconds = 10;
};

std::optional<Options> parseOptions(const std::vector<std::string>& args) {
    Options options;
    if (!parseCountOptions(args, {{"--runs", &options.runs},
                                  {"--warmup", &options.warmup},
                                  {"--containers", &options.containers},
                                  {"--seconds", &options.seconds}}))
        return std::nullopt;
    if (options.runs <= 0 || options.containers <= 0 || options.seconds <= 0)
        return std::nullopt;
    return options;
}

std::string environmentValue(const char* name) {
    const char* value = std::getenv(name);
    return value ? value : "";
}

double secondsSince(std::chrono::steady_clock::time_point start) {
    return millisecondsSince(start) / 1000;
}

// ---- the desktop: window manager and session buses -----------------------------------------

// A session bus with nothing to activate: on a desktop, the services apps ask for (dconf,
// the accessibility bus) already run; here both apps get a quick "not there" instead of
// starting them inside the measurement.
Result<std::unique_ptr<DesktopProcess>> startSessionBus(const std::string& dir, uid_t uid) {
    const std::string socket = dir + "/bus";
    const std::string config = dir + "/session.conf";
    std::ofstream(config) << "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus "
                             "Configuration 1.0//EN\"\n"
                             " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
                             "<busconfig><type>session</type><listen>unix:path="
                          << socket
                          << "</listen><auth>EXTERNAL</auth><policy context=\"default\">"
                             "<allow send_destination=\"*\" eavesdrop=\"true\"/>"
                             "<allow eavesdrop=\"true\"/><allow own=\"*\"/></policy></busconfig>\n";
    ::chown(config.c_str(), uid, uid);
    CUBBY_TRY(bus,
              DesktopProcess::start({.argv = {findProgram("dbus-daemon"), "--config-file=" + config,
                                              "--nofork", "--nopidfile"},
                                     .env = {"PATH=/usr/bin:/bin"},
                                     .uid = uid,
                                     .gid = uid}));
    const auto start = std::chrono::steady_clock::now();
    while (::access(socket.c_str(), F_OK) != 0) {
        if (bus->exited() || secondsSince(start) > 10) {
            bus->readLines();
            return fail(
                Error::of(ErrorKind::System, "the session bus did not start: " + bus->lastLines()));
        }
        std::this_thread::sleep_for(10ms);
    }
    return bus;
}

// A directory only `uid` may enter, for XDG_RUNTIME_DIR and the session bus.
Result<std::string> runtimeDir(uid_t uid) {
    char dir[] = "/tmp/cubby-bench-app-runtime-XXXXXX";
    if (!::mkdtemp(dir) || ::chown(dir, uid, uid) != 0 || ::chmod(dir, 0700) != 0)
        return fail(Error::system(errno, "making a runtime directory"));
    return std::string(dir);
}

// openbox on the Xvfb display: Xvfb has no window manager, and without one nothing can be
// minimized and there are no workspaces (the app stops polling when it is minimized, hidden or
// unmapped, as on a desktop).
Result<std::unique_ptr<DesktopProcess>> startWindowManager(XDisplay& display,
                                                           const std::string& home) {
    const std::string openbox = findProgram("openbox");
    if (openbox.empty())
        return fail(Error::of(ErrorKind::NotFound, "openbox is not installed"));
    CUBBY_TRY(wm, DesktopProcess::start({.argv = {openbox, "--sm-disable"},
                                         .env = {"PATH=/usr/bin:/bin", "HOME=" + home,
                                                 "DISPLAY=" + environmentValue("DISPLAY")}}));
    const auto start = std::chrono::steady_clock::now();
    while (display.windowManager().empty()) {
        wm->readLines();
        if (wm->exited() || secondsSince(start) > 10)
            return fail(Error::of(ErrorKind::System,
                                  "openbox did not start (" +
                                      (wm->exited() ? wm->exitStatus() : "no answer in 10 s") +
                                      "):" + wm->lastLines()));
        std::this_thread::sleep_for(20ms);
    }
    return wm;
}

// ---- (1) start to a listed window ----------------------------------------------------------

struct App {
    std::string label;
    Launch launch;
    std::string title; // of the main window
    // Reads one line of the app's output; returns how many containers it has listed so far
    // (-1: the line says nothing about that).
    std::function<int(std::string_view)> listed;
    std::string skipped{};
    std::vector<double> mappedMs{}, listedMs{}, shownMs{};
    int failures = 0;
    std::string lastFailure{};
};

struct Shown {
    std::unique_ptr<DesktopProcess> process;
    uint32_t window = 0;
    double mappedMs = 0;
    double listedMs = 0;
};

// Starts the app and waits until its main window is viewable and it has listed `containers`.
Result<Shown> launchAndWait(const App& app, XDisplay& display, int containers) {
    CUBBY_TRY(process, DesktopProcess::start(app.launch));
    Shown shown{.process = std::move(process)};
    double listedMs = -1;
    int listed = 0;
    for (;;) {
        pollfd fds[] = {{.fd = display.fd(), .events = POLLIN, .revents = 0},
                        {.fd = shown.process->outputFd(), .events = POLLIN, .revents = 0}};
        // Events wake this loop; the timeout is a fallback for a change that sent none.
        ::poll(fds, 2, 20);
        display.dropEvents();
        shown.process->readLines([&](std::string_view line) {
            listed = std::max(listed, app.listed(line));
            if (listed >= containers && listedMs < 0)
                listedMs = millisecondsSince(shown.process->started());
        });
        if (!shown.window) {
            shown.window = display.viewableWindowOf(shown.process->pid(), app.title);
            if (shown.window)
                shown.mappedMs = millisecondsSince(shown.process->started());
        }
        if (shown.window && listedMs >= 0) {
            shown.listedMs = listedMs;
            return shown;
        }
        if (shown.process->exited())
            return fail(Error::of(ErrorKind::System, "it exited (" + shown.process->exitStatus() +
                                                         "):" + shown.process->lastLines()));
        if (secondsSince(shown.process->started()) > launchTimeoutSeconds)
            return fail(
                Error::of(ErrorKind::System,
                          std::format("after {:.0f} s: window {}, {} of {} listed; last output:{}",
                                      launchTimeoutSeconds, shown.window ? "mapped" : "not mapped",
                                      listed, containers, shown.process->lastLines())));
    }
}

void measureLaunches(std::vector<App*> apps, XDisplay& display, const Options& options) {
    for (int round = 0; round < options.warmup + options.runs; ++round) {
        for (size_t k = 0; k < apps.size(); ++k) {
            App& app = *apps[(static_cast<size_t>(round) + k) % apps.size()];
            if (!app.skipped.empty())
                continue;
            auto shown = launchAndWait(app, display, options.containers);
            if (!shown) {
                ++app.failures;
                app.lastFailure = shown.error().message;
                if (round < options.warmup) // refused from the start: say so, go on without
                    app.skipped = shown.error().message;
                continue;
            }
            if (round >= options.warmup) {
                app.mappedMs.push_back(shown->mappedMs);
                app.listedMs.push_back(shown->listedMs);
                app.shownMs.push_back(std::max(shown->mappedMs, shown->listedMs));
            }
            shown->process.reset();          // SIGTERM, waited for
            std::this_thread::sleep_for(1s); // its exit (and the helper's reply to it) settles
        }
    }
}

void printLaunches(const std::vector<App*>& apps, const Options& options) {
    std::println("(1) start (exec) until the main window is mapped and lists all {} containers "
                 "({} runs each after {} warm-up, interleaved), ms:",
                 options.containers, options.runs, options.warmup);
    std::println("  {:<34} {:>3} {:>8} {:>8} {:>8} {:>8} {:>8} {:>10}", "contender", "n", "mapped",
                 "listed", "shown", "min", "max", "vs peer");
    const App& peer = *apps.back();
    for (const App* app : apps) {
        if (app->shownMs.empty()) {
            std::println("  {:<34} skipped: {}", app->label,
                         app->skipped.empty() ? "every run failed: " + app->lastFailure
                                              : app->skipped);
            continue;
        }
        const double shown = median(app->shownMs);
        std::println("  {:<34} {:>3} {:>8.0f} {:>8.0f} {:>8.0f} {:>8.0f} {:>8.0f} {:>10}",
                     app->label, app->shownMs.size(), median(app->mappedMs), median(app->listedMs),
                     shown, minimum(app->shownMs), maximum(app->shownMs),
                     peer.shownMs.empty() ? "-"
                                          : std::format("{:.2f}", shown / median(peer.shownMs)));
        if (app->failures > 0)
            std::println("    {} runs failed, last: {}", app->failures, app->lastFailure);
    }
    std::println("  (medians; \"shown\" is the later of the two in each run; \"vs peer\": over "
                 "virt-manager's shown, below 1 is faster)");
    std::println();
}

// ---- (2) and (3): a window that stays ------------------------------------------------------

// dbus-monitor's one line per method call: "method call time=… member=GetStats".
struct CallCounter {
    std::unique_ptr<DesktopProcess> monitor;
    std::map<std::string, long> calls;

    void read() {
        if (!monitor)
            return;
        monitor->readLines([this](std::string_view line) {
            const size_t at = line.find(" member=");
            if (line.starts_with("method call") && at != std::string_view::npos)
                ++calls[std::string(line.substr(at + 8))];
        });
    }
};

Result<CallCounter> startCallCounter() {
    CallCounter counter;
    CUBBY_TRY(monitor, DesktopProcess::start(
                           {.argv = {findProgram("dbus-monitor"), "--system",
                                     "type='method_call',destination='io.github.cubby1'",
                                     "type='method_call',destination='org.freedesktop.PolicyKit1'"},
                            .env = {"PATH=/usr/bin:/bin",
                                    "DBUS_SYSTEM_BUS_ADDRESS=" +
                                        environmentValue("DBUS_SYSTEM_BUS_ADDRESS")}}));
    counter.monitor = std::move(monitor);
    std::this_thread::sleep_for(300ms); // until it is a monitor
    if (counter.monitor->exited())
        return fail(Error::of(ErrorKind::System, "dbus-monitor " + counter.monitor->exitStatus() +
                                                     ":" + counter.monitor->lastLines()));
    return counter;
}

struct Phase {
    std::string failure; // empty when measured
    double seconds = 0;
    ProcessCounts app;                   // differences over the phase
    std::vector<ProcessCounts> services; // likewise, in the order of the Service list
    std::map<std::string, long> calls;
    bool callsCounted = false;
};

ProcessCounts difference(const ProcessCounts& after, const ProcessCounts& before) {
    ProcessCounts out{.cpuSeconds = after.cpuSeconds - before.cpuSeconds,
                      .runNanoseconds = 0,
                      .voluntary = 0,
                      .involuntary = 0,
                      .switchesByThread = {},
                      .tasks = {}};
    // Thread by thread: one that ended during the phase takes its counts with it, so summing
    // the live threads at each end could go backwards. Threads that started during it count
    // whole.
    for (const auto& [tid, now] : after.tasks) {
        const auto was = before.tasks.find(tid);
        const ProcessCounts::Task start =
            was == before.tasks.end() ? ProcessCounts::Task{} : was->second;
        out.voluntary += now.voluntary - start.voluntary;
        out.involuntary += now.involuntary - start.involuntary;
        out.runNanoseconds += now.runNanoseconds - start.runNanoseconds;
    }
    for (const auto& [name, count] : after.switchesByThread) {
        const auto was = before.switchesByThread.find(name);
        const long delta = count - (was == before.switchesByThread.end() ? 0 : was->second);
        if (delta > 0)
            out.switchesByThread[name] = delta;
    }
    return out;
}

// A process that works for the app while it is shown: the helper, polkitd, the bus; libvirtd.
struct Service {
    std::string name;
    pid_t pid = 0;
};

Phase measurePhase(Shown& shown, const std::vector<Service>& services, CallCounter* counter,
                   int seconds) {
    Phase phase;
    const auto drain = [&] {
        shown.process->readLines();
        if (counter)
            counter->read();
    };
    drain();
    const std::map<std::string, long> callsBefore =
        counter ? counter->calls : std::map<std::string, long>{};
    std::vector<Result<ProcessCounts>> before, after;
    before.push_back(readProcessCounts(shown.process->pid()));
    for (const Service& service : services)
        before.push_back(readProcessCounts(service.pid));
    const auto start = std::chrono::steady_clock::now();
    std::vector<int> fds = {shown.process->outputFd()};
    if (counter && counter->monitor)
        fds.push_back(counter->monitor->outputFd());
    waitWhileDraining(seconds, fds, drain);
    after.push_back(readProcessCounts(shown.process->pid()));
    for (const Service& service : services)
        after.push_back(readProcessCounts(service.pid));
    phase.seconds = secondsSince(start);
    for (size_t i = 0; i < before.size(); ++i) {
        if (!before[i] || !after[i]) {
            phase.failure = (!before[i] ? before[i] : after[i]).error().message;
            return phase;
        }
        if (i == 0)
            phase.app = difference(*after[i], *before[i]);
        else
            phase.services.push_back(difference(*after[i], *before[i]));
    }
    if (counter && counter->monitor) {
        std::this_thread::sleep_for(100ms); // the monitor's copy of the last call
        drain();
        phase.callsCounted = true;
        for (const auto& [member, count] : counter->calls) {
            const auto was = callsBefore.find(member);
            const long delta = count - (was == callsBefore.end() ? 0 : was->second);
            if (delta > 0)
                phase.calls[member] = delta;
        }
    }
    return phase;
}

struct Steady {
    std::string failure;
    pid_t pid = 0;
    Result<MemoryReport> memory = fail(Error::of(ErrorKind::NotFound, "not measured"));
    // Shown; on another workspace (the window manager unmaps its frame, the app is neither
    // hidden nor minimized in Qt's eyes); minimized.
    std::array<Phase, 3> phases;
    std::string notes;
};

constexpr std::array<const char*, 3> phaseNames = {"visible", "other workspace", "minimized"};

// Polls `done` for up to 5 s while draining the app's output; the milliseconds it took.
std::optional<double> waitFor(Shown& shown, const std::function<bool()>& done) {
    const auto start = std::chrono::steady_clock::now();
    while (!done()) {
        if (secondsSince(start) > 5)
            return std::nullopt;
        shown.process->readLines();
        std::this_thread::sleep_for(20ms);
    }
    const double ms = millisecondsSince(start);
    // Then a second for what the change set off (a last reply, a repaint) to pass.
    waitWhileDraining(1, {shown.process->outputFd()}, [&] { shown.process->readLines(); });
    return ms;
}

// Starts the app once more and keeps it: memory once it has settled with the list shown, then
// a phase visible, one with another workspace shown, and one minimized.
Steady measureSteady(const App& app, XDisplay& display, const std::vector<Service>& services,
                     CallCounter* counter, const Options& options, bool haveWindowManager) {
    Steady steady;
    auto shown = launchAndWait(app, display, options.containers);
    if (!shown) {
        steady.failure = shown.error().message;
        return steady;
    }
    steady.pid = shown->process->pid();
    waitWhileDraining(settleSeconds, {shown->process->outputFd()},
                      [&] { shown->process->readLines(); });
    steady.memory = readMemory(steady.pid);
    steady.phases[0] = measurePhase(*shown, services, counter, options.seconds);
    if (!haveWindowManager) {
        steady.phases[1].failure = steady.phases[2].failure =
            "no window manager (above): no workspaces, nothing minimizes";
        return steady;
    }
    const uint32_t window = shown->window;
    display.switchDesktop(1);
    if (auto ms = waitFor(*shown, [&] { return !display.isViewable(window); })) {
        steady.notes += std::format("workspace 2 shown in {:.0f} ms; ", *ms);
        steady.phases[1] = measurePhase(*shown, services, counter, options.seconds);
    } else {
        steady.phases[1].failure = "the window stayed viewable on workspace 2";
    }
    display.switchDesktop(0);
    if (!waitFor(*shown, [&] { return display.isViewable(window); })) {
        steady.phases[2].failure = "the window did not come back with workspace 1";
        return steady;
    }
    display.minimize(window);
    if (auto ms = waitFor(*shown, [&] { return display.isIconic(window); })) {
        steady.notes += std::format("minimized in {:.0f} ms; each then 1 s before measuring", *ms);
        steady.phases[2] = measurePhase(*shown, services, counter, options.seconds);
    } else {
        steady.phases[2].failure = "the window manager did not minimize the window within 5 s";
    }
    return steady;
}

// CPU time over a phase: the threads' run time to the nanosecond (/proc/PID/stat's ticks of
// 10 ms say little about an idle process; a thread that exits within the phase is missed).
double cpuMs(const ProcessCounts& counts) {
    return static_cast<double>(counts.runNanoseconds) / 1e6;
}

std::string perSecond(double value, double seconds, int precision = 1) {
    return std::format("{:.{}f}", value / seconds, precision);
}

void printPhases(const std::string& appName, const std::vector<Service>& services,
                 const Steady& steady) {
    std::println("  {}:", appName);
    if (!steady.failure.empty()) {
        std::println("    skipped: {}", steady.failure);
        return;
    }
    const auto& phases = steady.phases;
    std::println("    {:<44} {:>10} {:>16} {:>10}", "per second", phaseNames[0], phaseNames[1],
                 phaseNames[2]);
    const auto row = [&](const std::string& label, auto&& value) {
        std::array<std::string, 3> cells;
        for (size_t i = 0; i < cells.size(); ++i)
            cells[i] = phases[i].failure.empty() ? value(phases[i]) : "-";
        std::println("    {:<44} {:>10} {:>16} {:>10}", label, cells[0], cells[1], cells[2]);
    };
    row(appName + " wake-ups (voluntary switches)",
        [](const Phase& p) { return perSecond(p.app.voluntary, p.seconds); });
    row(appName + " all context switches",
        [](const Phase& p) { return perSecond(p.app.voluntary + p.app.involuntary, p.seconds); });
    row(appName + " CPU, ms", [](const Phase& p) { return perSecond(cpuMs(p.app), p.seconds, 2); });
    for (size_t i = 0; i < services.size(); ++i) {
        row(services[i].name + " CPU, ms",
            [i](const Phase& p) { return perSecond(cpuMs(p.services[i]), p.seconds, 2); });
        row(services[i].name + " context switches", [i](const Phase& p) {
            return perSecond(p.services[i].voluntary + p.services[i].involuntary, p.seconds);
        });
    }
    if (phases[0].callsCounted) {
        std::set<std::string> members;
        for (const Phase& phase : phases)
            for (const auto& [member, count] : phase.calls)
                members.insert(member);
        for (const std::string& member : members)
            row("D-Bus calls: " + member, [&member](const Phase& p) {
                const auto found = p.calls.find(member);
                return perSecond(found == p.calls.end() ? 0 : found->second, p.seconds, 2);
            });
        if (members.empty())
            row("D-Bus calls to the helper or polkitd", [](const Phase&) { return "0"; });
    }
    for (size_t i = 0; i < phases.size(); ++i) {
        const Phase& phase = phases[i];
        if (!phase.failure.empty()) {
            std::println("    {}: not measured: {}", phaseNames[i], phase.failure);
            continue;
        }
        std::string threads;
        for (const auto& [name, count] : phase.app.switchesByThread)
            threads += std::format("{}{} {}", threads.empty() ? "" : ", ", name, count);
        std::println("    {}: {} threads' switches in {:.1f} s: {}", phaseNames[i], appName,
                     phase.seconds, threads.empty() ? "none" : threads);
    }
    if (!steady.notes.empty())
        std::println("    ({})", steady.notes);
}

// ---- set-up -------------------------------------------------------------------------------

// The first process whose name (comm) is `comm` and whose command line has `argument` (any
// when empty); 0 when there is none. This pid namespace holds only the fixture's processes.
pid_t processNamed(const std::string& comm, const std::string& argument) {
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator("/proc", error)) {
        const std::string pid = entry.path().filename();
        if (pid.find_first_not_of("0123456789") != std::string::npos)
            continue;
        std::ifstream commFile(entry.path() / "comm");
        std::string name;
        std::getline(commFile, name);
        if (name != comm)
            continue;
        std::ifstream cmdline(entry.path() / "cmdline");
        const std::string command((std::istreambuf_iterator<char>(cmdline)),
                                  std::istreambuf_iterator<char>());
        if (argument.empty() || command.contains(argument))
            return static_cast<pid_t>(std::stoi(pid));
    }
    return 0;
}

App cubbyApp(const std::string& runtime, uid_t uid) {
    return {
        .label = "Cubby: cubby (desktop user)",
        .launch = {.argv = {CUBBY_GUI_PATH},
                   .env = {"PATH=/usr/bin:/bin", "HOME=/home/" + std::string(desktopUser),
                           "USER=" + std::string(desktopUser),
                           "LOGNAME=" + std::string(desktopUser), "LANG=C.UTF-8",
                           "DISPLAY=" + environmentValue("DISPLAY"), "QT_QPA_PLATFORM=xcb",
                           "XDG_RUNTIME_DIR=" + runtime,
                           "DBUS_SESSION_BUS_ADDRESS=unix:path=" + runtime + "/bus",
                           "DBUS_SYSTEM_BUS_ADDRESS=" + environmentValue("DBUS_SYSTEM_BUS_ADDRESS"),
                           // Its line "cubby: listed N containers" (main_window.h).
                           "CUBBY_REPORT_FIRST_LIST=1"},
                   .uid = uid,
                   .gid = uid},
        .title = "Cubby",
        .listed = [](std::string_view line) -> int {
            constexpr std::string_view prefix = "cubby: listed ";
            return line.starts_with(prefix) ? std::atoi(line.data() + prefix.size()) : -1;
        }};
}

App virtManagerApp(const std::string& runtime, const std::string& home) {
    // With --debug it logs each domain it learns about ("domain=NAME status=… added"), which
    // is when its list gets the row.
    auto seen = std::make_shared<std::set<std::string>>();
    return {.label = "virt-manager (root, lxc:///)",
            .launch = {.argv = {findProgram("virt-manager"), "--no-fork", "--debug", "--connect",
                                "lxc:///"},
                       .env = {"PATH=/usr/bin:/bin:/usr/sbin:/sbin", "HOME=" + home, "LANG=C.UTF-8",
                               "DISPLAY=" + environmentValue("DISPLAY"), "GDK_BACKEND=x11",
                               "XDG_RUNTIME_DIR=" + runtime,
                               "DBUS_SESSION_BUS_ADDRESS=unix:path=" + runtime + "/bus"}},
            .title = virtManagerTitle,
            .listed = [seen](std::string_view line) -> int {
                const size_t at = line.find("domain=");
                if (at == std::string_view::npos || !line.ends_with(" added"))
                    return -1;
                const std::string_view rest = line.substr(at + 7);
                seen->insert(std::string(rest.substr(0, rest.find(' '))));
                return static_cast<int>(seen->size());
            }};
}

void printHeader(const Options& options, const std::string& libvirt, const std::string& virtManager,
                 const std::string& windowManager) {
    utsname host{};
    ::uname(&host);
    std::println("bench-app: the desktop app on Xvfb against virt-manager, {} BusyBox containers "
                 "defined and running",
                 options.containers);
    std::println("host:    {} {} {}, {} CPUs online", host.sysname, host.release, host.machine,
                 ::sysconf(_SC_NPROCESSORS_ONLN));
    std::println("build:   {} ({}), helper {} bus-activated on a private system bus with "
                 "polkitd",
                 CUBBY_GUI_PATH, CUBBY_BUILD_TYPE, CUBBY_HELPER_PATH);
    std::println("display: Xvfb {}, window manager: {}", environmentValue("DISPLAY"),
                 windowManager);
    std::println("libvirt: {}", libvirt);
    std::println("peer:    virt-manager {}", virtManager);
    std::println("users:   cubby as {} (polkit: scripts/session's rule for an active session), "
                 "virt-manager as root (libvirt's LXC driver is root's); each with a session "
                 "bus of its own that activates nothing",
                 desktopUser);
    std::println();
}

int runInside(int argc, char** argv, const Options& options) {
    QCoreApplication app(argc, argv);
    BusyboxRoot root;
    const auto prepared = prepareBenchRoot(root, "bench-app");
    if (!prepared) {
        std::println(stderr, "bench-app: {}", prepared.error().message);
        return 1;
    }
    const std::string workDir = *prepared;
    const uid_t desktopUid =
        static_cast<uid_t>(std::atoi(environmentValue("CUBBY_TEST_DESKTOP_UID").c_str()));

    if (auto first = replyStatus(callHelper(QStringLiteral("ListContainers")).reply); !first) {
        std::println(stderr, "bench-app: the helper did not answer: {}", first.error().message);
        return 1;
    }
    const pid_t helper = helperPid();
    int status = 0;
    if (auto populated = populate(root, options.containers, options.containers); !populated) {
        std::println(stderr, "bench-app: setting up the containers failed: {}",
                     populated.error().message);
        (void)depopulate(options.containers, options.containers);
        removeHelperCgroupParent();
        return 1;
    }

    std::unique_ptr<LibvirtDaemon> daemon;
    std::string libvirt;
    if (auto started = LibvirtDaemon::start(workDir)) {
        daemon = std::move(*started);
        libvirt = daemon->version();
        if (auto domains =
                populateLibvirt(*daemon, root, options.containers, options.containers, workDir);
            !domains) {
            libvirt += "; setting up its domains failed: " + domains.error().message;
            depopulateLibvirt(*daemon, options.containers, options.containers);
            daemon.reset();
        }
    } else {
        libvirt = "cannot run here: " + started.error().message;
    }

    auto display = XDisplay::open();
    if (!display) {
        std::println(stderr, "bench-app: {}", display.error().message);
        return 1;
    }
    std::filesystem::create_directories(workDir + "/wm-home");
    std::filesystem::create_directories(workDir + "/virt-manager-home");
    auto windowManager = startWindowManager(**display, workDir + "/wm-home");
    const std::string wmName =
        windowManager ? (*display)->windowManager()
                      : "none (" + windowManager.error().message + "); nothing is minimized";

    auto userRuntime = runtimeDir(desktopUid);
    auto rootRuntime = runtimeDir(0);
    if (!userRuntime || !rootRuntime) {
        std::println(stderr, "bench-app: {}",
                     (!userRuntime ? userRuntime : rootRuntime).error().message);
        return 1;
    }
    auto userBus = startSessionBus(*userRuntime, desktopUid);
    auto rootBus = startSessionBus(*rootRuntime, 0);
    if (!userBus || !rootBus) {
        std::println(stderr, "bench-app: {}", (!userBus ? userBus : rootBus).error().message);
        return 1;
    }

    App cubby = cubbyApp(*userRuntime, desktopUid);
    App virtManager = virtManagerApp(*rootRuntime, workDir + "/virt-manager-home");
    std::string virtManagerVersion = "(not installed)";
    if (virtManager.launch.argv.front().empty())
        virtManager.skipped = "virt-manager is not installed";
    else if (!daemon)
        virtManager.skipped = "libvirtd is not running (above)";
    else
        virtManagerVersion = firstLineOf({virtManager.launch.argv.front(), "--version"});
    printHeader(options, libvirt, virtManagerVersion, wmName);

    std::vector<App*> apps = {&cubby, &virtManager};
    measureLaunches(apps, **display, options);
    printLaunches(apps, options);

    auto counter = startCallCounter();
    if (!counter)
        std::println("note: D-Bus calls are not counted: {}", counter.error().message);
    // What the app's polling costs elsewhere: each call to the helper is checked by polkitd
    // and passes through the system bus's daemon.
    std::vector<Service> cubbyServices = {{"cubby-helper", helper}};
    for (const auto& [name, comm, argument] : {std::tuple{"polkitd", "polkitd", ""},
                                               {"dbus-daemon (system)", "dbus-daemon", "--system"}})
        if (const pid_t pid = processNamed(comm, argument); pid > 0)
            cubbyServices.push_back({name, pid});
    const Steady cubbySteady =
        measureSteady(cubby, **display, cubbyServices, counter ? &*counter : nullptr, options,
                      windowManager.has_value());
    Steady virtSteady;
    std::vector<Service> virtServices;
    if (!virtManager.skipped.empty()) {
        virtSteady.failure = virtManager.skipped;
    } else {
        virtServices = {{"libvirtd", daemon->pid()}};
        virtSteady = measureSteady(virtManager, **display, virtServices, nullptr, options,
                                   windowManager.has_value());
    }
    std::println("(2) with the window showing {} running containers, then with another "
                 "workspace shown, then minimized ({} s each):",
                 options.containers, options.seconds);
    printPhases("cubby", cubbyServices, cubbySteady);
    printPhases("virt-manager", virtServices, virtSteady);
    if (const Phase& hidden = cubbySteady.phases[2];
        cubbySteady.failure.empty() && hidden.failure.empty()) {
        const double wakeups = static_cast<double>(hidden.app.voluntary) / hidden.seconds;
        std::println("target: no wake-ups while minimized (no terminal is open here): cubby "
                     "{:.1f}/s: {}",
                     wakeups, wakeups < 0.5 ? "met" : "MISSED");
    }
    std::println();

    std::println("(3) resident memory with {} containers listed, {:.0f} s after the list:",
                 options.containers, settleSeconds);
    for (const auto& [name, steady] :
         {std::pair<const char*, const Steady*>{"cubby", &cubbySteady},
          std::pair<const char*, const Steady*>{"virt-manager", &virtSteady}}) {
        if (!steady->failure.empty()) {
            std::println("{}: skipped: {}", name, steady->failure);
            continue;
        }
        std::println("{}, pid {}:", name, steady->pid);
        if (steady->memory)
            printMemory(*steady->memory, 6);
        else
            std::println("  cannot read it: {}", steady->memory.error().message);
    }
    std::println();
    std::println("note: ListContainers and GetStats with 200 defined and 50 running, against "
                 "virsh, are bench-helper's (b)");

    counter = fail(Error::of(ErrorKind::NotFound, "done"));
    if (auto cleaned = depopulate(options.containers, options.containers); !cleaned) {
        std::println("note: tearing down: {}", cleaned.error().message);
        status = 1;
    }
    if (daemon)
        depopulateLibvirt(*daemon, options.containers, options.containers);
    daemon.reset();
    removeHelperCgroupParent();
    std::error_code ignored;
    std::filesystem::remove_all(*userRuntime, ignored);
    std::filesystem::remove_all(*rootRuntime, ignored);
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
        std::println(stderr,
                     "usage: bench-app [--runs N] [--warmup N] [--containers N] [--seconds S]");
        return 2;
    }
    if (::geteuid() != 0) {
        std::println(stderr,
                     "bench-app: needs root (a private bus, containers): use scripts/bench");
        return 1;
    }
    if (!inside)
        return reexecOnPrivateBus(
            "bench-app", argc, argv,
            {"--polkit-rules", CUBBY_SESSION_RULES_DIR, "--desktop-user", desktopUser},
            {CUBBY_WITH_XVFB, "--"});
    return runInside(argc, argv, *options);
}
