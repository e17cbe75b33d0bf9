#include "process_meter.h"

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <format>
#include <sched.h>
#include <spawn.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char** environ;

namespace cubby::bench {

namespace {

using Clock = std::chrono::steady_clock;

// How long descendants that outlive the command may take to finish before the run counts as
// failed (a peer that leaves a daemon behind).
constexpr auto stragglerTimeout = std::chrono::seconds(5);

// What the spawned child needs; prepared before clone() so the child only makes system calls.
struct ChildSetup {
    char* const* argv;
    int stdinFd;
    int outputFd;
    bool hideUnifiedCgroup;
};

// Allocation-free: the child still shares our heap.
void childFail(const char* what) {
    const char* reason = std::strerror(errno);
    for (const char* part : {"bench: ", what, ": ", reason, "\n"})
        (void)::write(2, part, std::strlen(part));
}

bool hideUnifiedCgroup() {
    return ::unshare(CLONE_NEWNS) == 0 &&
           ::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) == 0 &&
           ::mount("tmpfs", "/sys/fs/cgroup/unified", "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC,
                   "size=4k,mode=0755") == 0;
}

// Runs in the child, which shares our memory until it execs (CLONE_VM | CLONE_VFORK, like
// posix_spawn), so nothing here allocates on success paths.
int childMain(void* arg) {
    const auto& setup = *static_cast<const ChildSetup*>(arg);
    if (::dup2(setup.stdinFd, 0) < 0 || ::dup2(setup.outputFd, 1) < 0 ||
        ::dup2(setup.outputFd, 2) < 0)
        _exit(126);
    if (setup.hideUnifiedCgroup && !hideUnifiedCgroup()) {
        childFail("private mount namespace with a tmpfs over /sys/fs/cgroup/unified");
        _exit(126);
    }
    ::execve(setup.argv[0], setup.argv, environ);
    childFail(setup.argv[0]);
    _exit(127);
}

double milliseconds(const timeval& time) {
    return static_cast<double>(time.tv_sec) * 1e3 + static_cast<double>(time.tv_usec) / 1e3;
}

rusage childrenUsage() {
    rusage usage{};
    ::getrusage(RUSAGE_CHILDREN, &usage);
    return usage;
}

pid_t waitFor(pid_t pid, int& status) {
    pid_t done;
    do {
        done = ::waitpid(pid, &status, 0);
    } while (done < 0 && errno == EINTR);
    return done;
}

// Reaps what the command left behind (orphans come to us as the subreaper); the count, or -1
// when some are still running after the timeout.
int reapStragglers() {
    int reaped = 0;
    const auto deadline = Clock::now() + stragglerTimeout;
    for (;;) {
        const pid_t done = ::waitpid(-1, nullptr, WNOHANG);
        if (done > 0) {
            ++reaped;
            continue;
        }
        if (done < 0) // ECHILD: nothing left
            return reaped;
        if (Clock::now() >= deadline)
            return -1;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
}

std::string describeStatus(int status) {
    if (WIFEXITED(status))
        return std::format("exit status {}", WEXITSTATUS(status));
    return std::format("killed by signal {}", WTERMSIG(status));
}

} // namespace

ProcessMeter::ProcessMeter(UniqueFd output, UniqueFd devNull)
    : m_output(std::move(output))
    , m_devNull(std::move(devNull)) {}

Result<ProcessMeter> ProcessMeter::create() {
    // Orphans of a peer's double fork must come back here to be reaped and counted.
    if (::prctl(PR_SET_CHILD_SUBREAPER, 1) != 0)
        return fail(Error::system(errno, "becoming a child subreaper"));
    UniqueFd output(::memfd_create("bench-output", MFD_CLOEXEC));
    UniqueFd devNull(::open("/dev/null", O_RDONLY | O_CLOEXEC));
    if (!output || !devNull)
        return fail(Error::system(errno, "opening the output memfd and /dev/null"));
    return ProcessMeter(std::move(output), std::move(devNull));
}

Result<Sample> ProcessMeter::run(const Command& command) {
    std::vector<char*> argv;
    for (const std::string& arg : command.argv)
        argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    const ChildSetup setup{argv.data(), m_devNull.get(), m_output.get(), command.hideUnifiedCgroup};
    (void)::ftruncate(m_output.get(), 0);
    (void)::lseek(m_output.get(), 0, SEEK_SET);
    // The child's stack, only used until it execs.
    alignas(16) static char stack[64 * 1024];

    const rusage before = childrenUsage();
    const auto start = Clock::now();
    const pid_t pid = ::clone(childMain, stack + sizeof stack, CLONE_VM | CLONE_VFORK | SIGCHLD,
                              const_cast<ChildSetup*>(&setup));
    if (pid < 0)
        return fail(Error::system(errno, "clone"));
    int status = 0;
    if (waitFor(pid, status) != pid)
        return fail(Error::system(errno, "waitpid"));
    const auto end = Clock::now();
    const int stragglers = reapStragglers();
    const rusage after = childrenUsage();

    if (stragglers < 0)
        return fail(Error::of(ErrorKind::Conflict, "left processes running for more than 5 s"));
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return fail(Error::of(ErrorKind::System,
                              std::format("{}: {}", describeStatus(status), capturedOutput())));
    Sample sample;
    sample.wallMs = std::chrono::duration<double, std::milli>(end - start).count();
    sample.userMs = milliseconds(after.ru_utime) - milliseconds(before.ru_utime);
    sample.sysMs = milliseconds(after.ru_stime) - milliseconds(before.ru_stime);
    sample.stragglers = stragglers;
    return sample;
}

std::string ProcessMeter::capturedOutput() const {
    std::string text(4096, '\0');
    const ssize_t got = ::pread(m_output.get(), text.data(), text.size(), 0);
    text.resize(got > 0 ? static_cast<size_t>(got) : 0);
    while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
        text.pop_back();
    return text.empty() ? "(no output)" : text;
}

std::string findProgram(const std::string& program) {
    const char* path = std::getenv("PATH");
    std::string_view rest = path ? path : "/usr/sbin:/usr/bin:/sbin:/bin";
    while (!rest.empty()) {
        const size_t colon = std::min(rest.find(':'), rest.size());
        const std::string candidate = std::string(rest.substr(0, colon)) + "/" + program;
        if (colon > 0 && ::access(candidate.c_str(), X_OK) == 0)
            return candidate;
        rest.remove_prefix(std::min(colon + 1, rest.size()));
    }
    return {};
}

std::string firstLineOf(const std::vector<std::string>& argv) {
    int pipeFds[2];
    if (::pipe2(pipeFds, O_CLOEXEC) != 0)
        return {};
    UniqueFd readEnd(pipeFds[0]);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipeFds[1], 1);
    posix_spawn_file_actions_adddup2(&actions, pipeFds[1], 2);
    std::vector<char*> args;
    for (const std::string& arg : argv)
        args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    pid_t pid = -1;
    const int spawned = ::posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(pipeFds[1]);
    if (spawned != 0)
        return {};
    std::string out;
    char buffer[1024];
    ssize_t got;
    while ((got = ::read(readEnd.get(), buffer, sizeof buffer)) > 0)
        out.append(buffer, static_cast<size_t>(got));
    int status = 0;
    waitFor(pid, status);
    return out.substr(0, out.find('\n'));
}

} // namespace cubby::bench
