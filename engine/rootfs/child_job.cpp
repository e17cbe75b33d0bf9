#include "child_job.h"

#include "job.h"

#include "pipe_pair.h"

#include <cerrno>
#include <clocale>
#include <csignal>
#include <format>
#include <linux/capability.h>
#include <optional>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace cubby {

namespace {

int reap(pid_t child) {
    int status = 0;
    while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
    return status;
}

} // namespace

Result<std::string> followChildJob(pid_t child, UniqueFd reports, JobReporter& reporter,
                                   std::string_view what) {
    std::optional<JobUpdate> last;
    std::string pending;
    char buffer[4096];
    for (;;) {
        if (auto readable = waitReadable(reports.get()); !readable) {
            // Cancelled: the child is stopped where it is, even inside a blocked read or write
            // of a stalled pipe; the caller removes what it made.
            ::kill(child, SIGKILL);
            reap(child);
            return fail(readable.error());
        }
        const ssize_t got = ::read(reports.get(), buffer, sizeof buffer);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            break;
        pending.append(buffer, static_cast<size_t>(got));
        for (size_t newline; (newline = pending.find('\n')) != std::string::npos;) {
            const std::string line = pending.substr(0, newline);
            pending.erase(0, newline + 1);
            auto update = parseJobUpdate(line);
            if (!update)
                continue;
            if (update->kind == JobUpdate::Kind::Progress)
                reporter.relay(line);
            else
                last = std::move(update);
        }
    }
    const int status = reap(child);
    if (cancelRequested())
        return fail(cancelledError());
    if (last && last->kind == JobUpdate::Kind::Error)
        return fail(Error::of(last->errorKind, last->text));
    if (last && last->kind == JobUpdate::Kind::Done && WIFEXITED(status) &&
        WEXITSTATUS(status) == 0)
        return last->text;
    return fail(Error::system(
        EIO, WIFSIGNALED(status) ? std::format("{} was killed by signal {}", what, WTERMSIG(status))
                                 : std::format("{} ended without a result (status {})", what,
                                               WEXITSTATUS(status))));
}

Result<std::string> forkChildJob(JobReporter& reporter, std::string_view what,
                                 const std::function<void(pid_t parent, int reportTo)>& child) {
    CUBBY_TRY(pipe, makePipe());
    UniqueFd reports = std::move(pipe.readEnd);
    UniqueFd childEnd = std::move(pipe.writeEnd);
    const pid_t parent = ::getpid();
    const pid_t forked = ::fork();
    if (forked < 0)
        return fail(Error::system(errno, std::format("starting {}", what)));
    if (forked == 0) {
        child(parent, childEnd.get());
        ::_exit(jobExitError); // not reached: the child ends itself
    }
    childEnd.reset();
    return followChildJob(forked, std::move(reports), reporter, what);
}

Status enterTreeAsChild(pid_t parent, int rootFd, int& channel, std::span<const int> kept,
                        std::string_view what) {
    // The parent's death ends us (it would no longer relay or clean up).
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent)
        ::_exit(jobExitError);
    resetCancelHandlersInChild();
    if (::fchdir(rootFd) != 0)
        return fail(Error::system(errno, "entering the tree"));
    if (channel != childReportFd && ::dup2(channel, childReportFd) < 0)
        return fail(Error::system(errno, std::format("preparing {}", what)));
    channel = childReportFd;
    // Nothing of the parent's stays open here: not BASE, not the root's locked descriptor.
    ::close_range(childReportFd + 1, ~0U, 0);
    // Member names in pax headers are UTF-8; in a UTF-8 locale libarchive takes them as they
    // are (C.UTF-8 is built into glibc, so this works without the host's locale files).
    std::setlocale(LC_CTYPE, "C.UTF-8");
    if (::chroot(".") != 0 || ::chdir("/") != 0)
        return fail(Error::system(errno, "entering the tree"));
    return keepOnlyCapabilities(kept);
}

void finishChildJob(int channel, const Result<std::string>& outcome) {
    JobReporter reporter(channel);
    if (outcome) {
        reporter.finish({JobUpdate::Kind::Done, -1, {}, *outcome});
        ::_exit(jobExitDone);
    }
    reporter.finish({JobUpdate::Kind::Error, -1, outcome.error().kind, outcome.error().message});
    ::_exit(jobExitError);
}

Status keepOnlyCapabilities(std::span<const int> kept) {
    uint64_t keep = 0;
    for (const int cap : kept)
        keep |= uint64_t{1} << cap;
    // The bounding set first, while CAP_SETPCAP is still there; EINVAL ends the kernel's list.
    for (int cap = 0; cap < 64; ++cap) {
        if (!(keep & (uint64_t{1} << cap)) && ::prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0 &&
            errno != EINVAL)
            return fail(Error::system(errno, "dropping capabilities"));
    }
    ::prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
    __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
    __user_cap_data_struct data[2] = {};
    for (int i = 0; i < 2; ++i) {
        data[i].effective = data[i].permitted = static_cast<uint32_t>(keep >> (32 * i));
    }
    if (::syscall(SYS_capset, &header, data) != 0)
        return fail(Error::system(errno, "dropping capabilities"));
    if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
        return fail(Error::system(errno, "setting no_new_privs"));
    return {};
}

} // namespace cubby
