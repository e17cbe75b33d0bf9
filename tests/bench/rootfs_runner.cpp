#include "rootfs_runner.h"

#include "unique_fd.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <format>
#include <poll.h>
#include <spawn.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char** environ;

namespace cubby::bench {

namespace {

using Clock = std::chrono::steady_clock;

// How long descendants that outlive the command may take to finish before the run fails.
constexpr auto stragglerTimeout = std::chrono::seconds(10);
// How much of the command's output an error message quotes (mmdebstrap's errors come last).
constexpr size_t outputTail = 1500;

volatile sig_atomic_t interruptFlag = 0;

void onInterrupt(int) {
    interruptFlag = 1;
}

double milliseconds(const timeval& time) {
    return static_cast<double>(time.tv_sec) * 1e3 + static_cast<double>(time.tv_usec) / 1e3;
}

rusage childrenUsage() {
    rusage usage{};
    ::getrusage(RUSAGE_CHILDREN, &usage);
    return usage;
}

// Reaps what the command left behind (orphans come to us as the subreaper): false when some
// are still running after the timeout.
bool reapStragglers() {
    const auto deadline = Clock::now() + stragglerTimeout;
    for (;;) {
        const pid_t done = ::waitpid(-1, nullptr, WNOHANG);
        if (done > 0)
            continue;
        if (done < 0 && errno != EINTR) // ECHILD: nothing left
            return true;
        if (Clock::now() >= deadline)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
}

std::string tailOf(int fd) {
    struct stat st = {};
    if (::fstat(fd, &st) != 0)
        return {};
    const auto size = static_cast<size_t>(st.st_size);
    const size_t from = size > outputTail ? size - outputTail : 0;
    std::string text(size - from, '\0');
    const ssize_t got = ::pread(fd, text.data(), text.size(), static_cast<off_t>(from));
    text.resize(got > 0 ? static_cast<size_t>(got) : 0);
    std::ranges::replace(text, '\n', ' ');
    while (!text.empty() && text.back() == ' ')
        text.pop_back();
    return text.empty() ? "(no output)" : (from > 0 ? "…" : "") + text;
}

std::string describeStatus(int status) {
    if (WIFEXITED(status))
        return std::format("exit status {}", WEXITSTATUS(status));
    return std::format("killed by signal {}", WTERMSIG(status));
}

// Reads what the progress pipe holds, handing every complete line to `line`; false at its end.
bool readLines(int fd, std::string& pending, const std::function<void(std::string)>& line) {
    char buffer[4096];
    for (;;) {
        const ssize_t got = ::read(fd, buffer, sizeof buffer);
        if (got < 0)
            return errno == EAGAIN || errno == EINTR;
        if (got == 0)
            return false;
        pending.append(buffer, static_cast<size_t>(got));
        for (size_t newline; (newline = pending.find('\n')) != std::string::npos;) {
            line(pending.substr(0, newline));
            pending.erase(0, newline + 1);
        }
    }
}

struct Spawned {
    pid_t pid = -1;
    UniqueFd progress; // our end of descriptor 3's pipe, non-blocking
};

Result<Spawned> spawn(const Run& run, int outputFd) {
    UniqueFd input(
        ::open(run.input.empty() ? "/dev/null" : run.input.c_str(), O_RDONLY | O_CLOEXEC));
    if (!input)
        return fail(Error::system(errno, "opening " + run.input));
    Spawned spawned;
    UniqueFd writeEnd;
    if (run.progressFd) {
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC) != 0)
            return fail(Error::system(errno, "pipe2"));
        spawned.progress.reset(fds[0]);
        // Above 3, so that the dup2 onto 3 makes a copy without close-on-exec.
        writeEnd.reset(::fcntl(fds[1], F_DUPFD_CLOEXEC, 10));
        ::close(fds[1]);
        ::fcntl(fds[0], F_SETFL, O_NONBLOCK); // our end only: the writer's stays blocking
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, input.get(), 0);
    posix_spawn_file_actions_adddup2(&actions, outputFd, 1);
    posix_spawn_file_actions_adddup2(&actions, outputFd, 2);
    if (writeEnd)
        posix_spawn_file_actions_adddup2(&actions, writeEnd.get(), 3);
    std::vector<char*> argv;
    for (const std::string& arg : run.argv)
        argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    const int failed =
        ::posix_spawn(&spawned.pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (failed != 0)
        return fail(Error::system(failed, "spawning " + run.argv[0]));
    return spawned;
}

} // namespace

Status prepareRunner() {
    // Orphans of a command (apt's methods, a daemonizing helper) must come back here to be
    // reaped and counted.
    if (::prctl(PR_SET_CHILD_SUBREAPER, 1) != 0)
        return fail(Error::system(errno, "becoming a child subreaper"));
    // Without SA_RESTART, so that a wait returns at once; the runner passes the signal on.
    struct sigaction action = {};
    action.sa_handler = onInterrupt;
    sigemptyset(&action.sa_mask);
    for (const int signal : {SIGINT, SIGTERM, SIGHUP})
        ::sigaction(signal, &action, nullptr);
    return {};
}

bool interrupted() {
    return interruptFlag != 0;
}

Result<Measured> measure(const Run& run) {
    if (interrupted())
        return fail(Error::of(ErrorKind::System, "interrupted"));
    UniqueFd output(::memfd_create("bench-rootfs-output", MFD_CLOEXEC));
    if (!output)
        return fail(Error::system(errno, "memfd_create"));
    Measured measured;
    const rusage before = childrenUsage();
    const auto start = Clock::now();
    CUBBY_TRY(child, spawn(run, output.get()));
    // By system call: glibc 2.41's <sys/pidfd.h> declares pidfd_open without C linkage for C++.
    UniqueFd pidFd(static_cast<int>(::syscall(SYS_pidfd_open, child.pid, 0)));
    if (!pidFd) {
        const int error = errno;
        ::kill(child.pid, SIGKILL);
        ::waitpid(child.pid, nullptr, 0);
        return fail(Error::system(error, "pidfd_open"));
    }
    std::string pending;
    const auto onLine = [&](std::string line) {
        if (run.cancelOn && measured.signalledAtMs < 0 && run.cancelOn(line)) {
            ::kill(child.pid, SIGTERM);
            measured.signalledAtMs =
                std::chrono::duration<double, std::milli>(Clock::now() - start).count();
        }
        measured.lastLine = std::move(line);
    };
    bool passedOn = false; // an interrupt, passed on as SIGTERM
    int status = 0;
    for (;;) {
        pollfd fds[2] = {{pidFd.get(), POLLIN, 0}, {child.progress.get(), POLLIN, 0}};
        ::poll(fds, 2, 200);
        if (interrupted() && !passedOn) {
            ::kill(child.pid, SIGTERM);
            passedOn = true;
        }
        if (fds[1].revents != 0 && !readLines(child.progress.get(), pending, onLine))
            child.progress.reset(); // its end: poll ignores a negative descriptor
        if (fds[0].revents != 0 && ::waitpid(child.pid, &status, 0) == child.pid)
            break;
    }
    const auto end = Clock::now();
    if (child.progress)
        readLines(child.progress.get(), pending, onLine);
    const bool reaped = reapStragglers();
    const rusage after = childrenUsage();
    if (passedOn)
        return fail(Error::of(ErrorKind::System, "interrupted"));
    if (!reaped)
        return fail(Error::of(ErrorKind::Conflict, "left processes running for more than 10 s"));
    if (!WIFEXITED(status) || WEXITSTATUS(status) != run.expectedStatus)
        return fail(Error::of(ErrorKind::System,
                              std::format("{}: {}{}", describeStatus(status), tailOf(output.get()),
                                          measured.lastLine.empty()
                                              ? ""
                                              : " (last progress: " + measured.lastLine + ")")));
    measured.wallMs = std::chrono::duration<double, std::milli>(end - start).count();
    measured.userMs = milliseconds(after.ru_utime) - milliseconds(before.ru_utime);
    measured.sysMs = milliseconds(after.ru_stime) - milliseconds(before.ru_stime);
    return measured;
}

} // namespace cubby::bench
