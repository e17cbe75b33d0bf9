#include "debian_build.h"

#include "job.h"
#include "pipe_pair.h"
#include "run_state.h"
#include "unique_fd.h"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <deque>
#include <fcntl.h>
#include <format>
#include <poll.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace cubby {

namespace {

// How long mmdebstrap gets to clean up after SIGTERM before the whole session is killed.
constexpr auto cancelGrace = std::chrono::seconds(10);

[[noreturn]] void runMmdebstrap(const std::vector<std::string>& arguments, int outputFd) {
    // Dies with the worker; leads its own process group, which a cancel signals as a whole.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    ::setsid();
    // Its mounts stay in a namespace of its own and go when its last process does.
    if (::unshare(CLONE_NEWNS) != 0 ||
        ::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) {
        std::fprintf(stderr, "E: cubby-rootfs: a private mount namespace: %s\n",
                     std::strerror(errno));
        _exit(127);
    }
    // Signals the worker handles or ignores are mmdebstrap's to handle again (an ignored
    // signal would stay ignored across exec).
    struct sigaction defaults = {};
    defaults.sa_handler = SIG_DFL;
    sigemptyset(&defaults.sa_mask);
    for (const int signal : {SIGTERM, SIGINT, SIGPIPE})
        ::sigaction(signal, &defaults, nullptr);
    const int devNull = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (devNull < 0 || ::dup2(devNull, 0) < 0 || ::dup2(outputFd, 1) < 0 || ::dup2(outputFd, 2) < 0)
        _exit(127);
    std::vector<char*> argv;
    std::string program(mmdebstrapProgram);
    argv.push_back(program.data());
    std::vector<std::string> copies = arguments;
    for (auto& argument : copies)
        argv.push_back(argument.data());
    argv.push_back(nullptr);
    ::execv(program.c_str(), argv.data());
    std::fprintf(stderr, "E: cubby-rootfs: running %s: %s\n", program.c_str(),
                 std::strerror(errno));
    _exit(127);
}

// SIGTERM to mmdebstrap's whole session, SIGKILL after the grace period; then reaped.
void stopSession(pid_t child) {
    ::kill(-child, SIGTERM);
    const auto deadline = std::chrono::steady_clock::now() + cancelGrace;
    int status = 0;
    while (::waitpid(child, &status, WNOHANG) == 0) {
        if (std::chrono::steady_clock::now() >= deadline) {
            ::kill(-child, SIGKILL);
            while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
            }
            break;
        }
        ::usleep(20'000);
    }
    // Whatever it started that is still around (apt's methods, dpkg) goes too.
    ::kill(-child, SIGKILL);
}

// chpasswd --encrypted in the new root (it chroots there itself) with the lines on a pipe:
// the hashes never appear on a command line.
Status setPasswords(const std::string& rootPath, const std::vector<AccountPassword>& passwords) {
    const std::string lines = formatPasswordLines(passwords);
    CUBBY_TRY(pipe, makePipe());
    UniqueFd readEnd = std::move(pipe.readEnd);
    UniqueFd writeEnd = std::move(pipe.writeEnd);
    const pid_t child = ::fork();
    if (child < 0)
        return fail(Error::system(errno, "starting chpasswd"));
    if (child == 0) {
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::dup2(readEnd.get(), 0) < 0 || ::dup2(2, 1) < 0)
            _exit(127);
        const std::string program(chpasswdProgram);
        ::execl(program.c_str(), program.c_str(), "--encrypted", "--root", rootPath.c_str(),
                static_cast<char*>(nullptr));
        std::fprintf(stderr, "E: cubby-rootfs: running %s: %s\n", program.c_str(),
                     std::strerror(errno));
        _exit(127);
    }
    readEnd.reset();
    // At most two lines of a few hundred bytes: far less than a pipe holds.
    const bool written =
        ::write(writeEnd.get(), lines.data(), lines.size()) == static_cast<ssize_t>(lines.size());
    writeEnd.reset();
    int status = 0;
    while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
    if (!written || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return fail(Error{ErrorKind::System, EIO,
                          std::format("setting the passwords with {} failed (its messages are in "
                                      "the log)",
                                      chpasswdProgram)});
    return {};
}

} // namespace

Result<std::vector<AccountPassword>> readPasswordLines(int fd) {
    // Two lines of at most 512-byte hashes fit; anything longer is refused, not kept.
    constexpr size_t limit = 2 * (32 + 1 + 512 + 1);
    std::string text;
    char buffer[512];
    for (;;) {
        const ssize_t got = ::read(fd, buffer, sizeof buffer);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return fail(Error::system(errno, "reading the passwords from standard input"));
        if (got == 0)
            break;
        text.append(buffer, static_cast<size_t>(got));
        if (text.size() > limit)
            return failInvalid(
                std::format("more than {} bytes of passwords on standard input", limit));
    }
    return parsePasswordLines(text);
}

Status checkMmdebstrap() {
    if (::access(std::string(mmdebstrapProgram).c_str(), X_OK) != 0)
        return fail(Error::of(ErrorKind::Unsupported,
                              std::format("{} is not installed; Debian root filesystems need the "
                                          "mmdebstrap package",
                                          mmdebstrapProgram)));
    return {};
}

Result<std::string> buildDebianRoot(const std::string& rootPath, const DebianBootstrap& request,
                                    const std::string& cacheDir, JobReporter& reporter) {
    CUBBY_CHECK(validateDebianBootstrap(request));
    if (!cacheDir.empty())
        CUBBY_CHECK(makeDirectories(cacheDir, 0700));
    const auto arguments = mmdebstrapArguments(request, rootPath, cacheDir);
    CUBBY_TRY(pipe, makePipe());
    UniqueFd output = std::move(pipe.readEnd);
    UniqueFd childEnd = std::move(pipe.writeEnd);
    reporter.progress(0, std::format("Starting mmdebstrap for Debian {}", request.suite), true);
    const pid_t child = ::fork();
    if (child < 0)
        return fail(Error::system(errno, "starting mmdebstrap"));
    if (child == 0)
        runMmdebstrap(arguments, childEnd.get());
    childEnd.reset();

    double reached = 0;
    std::deque<std::string> lastErrors; // mmdebstrap's and apt's "E: ..." lines
    std::string pending;
    char buffer[4096];
    for (;;) {
        if (auto readable = waitReadable(output.get()); !readable) {
            stopSession(child);
            return fail(readable.error());
        }
        const ssize_t got = ::read(output.get(), buffer, sizeof buffer);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            break;
        // Everything mmdebstrap says goes to the log (our stderr) as it is.
        (void)!::write(2, buffer, static_cast<size_t>(got));
        pending.append(buffer, static_cast<size_t>(got));
        for (size_t newline; (newline = pending.find('\n')) != std::string::npos;) {
            const std::string line = pending.substr(0, newline);
            pending.erase(0, newline + 1);
            if (line.starts_with("E: ")) {
                lastErrors.push_back(line.substr(3));
                if (lastErrors.size() > 3)
                    lastErrors.pop_front();
            }
            if (auto step = mmdebstrapProgress(line); step && step->fraction >= reached) {
                reached = step->fraction;
                reporter.progress(reached, std::format("Debian {}: {}", request.suite, step->text),
                                  true);
            }
        }
    }
    int status = 0;
    while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
    ::kill(-child, SIGKILL); // nothing it started outlives it
    if (cancelRequested())
        return fail(cancelledError());
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
        if (!request.passwords.empty()) {
            reporter.progress(1, "Setting the passwords", true);
            CUBBY_CHECK(setPasswords(rootPath, request.passwords));
        }
        return std::format("Created Debian {} ({}{}) from {}", request.suite,
                           request.variant == DebianVariant::System ? "a system that boots"
                                                                    : "minbase",
                           request.packages.empty() ? "" : ", with more packages", request.mirror);
    }
    std::string why;
    for (const auto& line : lastErrors)
        why += (why.empty() ? "" : "; ") + line;
    if (why.empty())
        why = WIFSIGNALED(status) ? std::format("killed by signal {}", WTERMSIG(status))
                                  : std::format("exit status {}", WEXITSTATUS(status));
    return fail(Error{ErrorKind::System, EIO, "mmdebstrap failed: " + why});
}

} // namespace cubby
