#include "archive_import.h"

#include "job.h"
#include "pipe_pair.h"
#include "unique_fd.h"

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <format>
#include <optional>
#include <sys/stat.h>
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

Result<ArchiveInput> examineArchiveInput() {
    struct stat st = {};
    if (::fstat(0, &st) != 0)
        return fail(Error::invalid("no archive on standard input (it is closed)"));
    if (S_ISDIR(st.st_mode))
        return fail(Error::invalid("standard input is a directory, not an archive"));
    if (S_ISCHR(st.st_mode) && ::isatty(0))
        return fail(Error::invalid("standard input is a terminal, not an archive"));
    ArchiveInput input;
    if (S_ISREG(st.st_mode)) {
        const off_t offset = ::lseek(0, 0, SEEK_CUR);
        input.regularFile = true;
        input.size = static_cast<uint64_t>(st.st_size - (offset > 0 ? offset : 0));
    }
    return input;
}

Result<std::string> importArchive(int rootFd, const ArchiveInput& input, JobReporter& reporter) {
    CUBBY_TRY(pipe, makePipe());
    UniqueFd reports = std::move(pipe.readEnd);
    UniqueFd childEnd = std::move(pipe.writeEnd);
    const pid_t parent = ::getpid();
    const pid_t child = ::fork();
    if (child < 0)
        return fail(Error::system(errno, "starting the unpacking process"));
    if (child == 0)
        runExtractChild(parent, rootFd, childEnd.get(), input);
    childEnd.reset();

    std::optional<JobUpdate> last;
    std::string pending;
    char buffer[4096];
    for (;;) {
        if (auto readable = waitReadable(reports.get()); !readable) {
            // Cancelled: the child is stopped where it is, even inside a blocked read of a
            // stalled pipe; the caller removes what it made.
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
        EIO, WIFSIGNALED(status)
                 ? std::format("the unpacking process was killed by signal {}", WTERMSIG(status))
                 : std::format("the unpacking process ended without a result (status {})",
                               WEXITSTATUS(status))));
}

} // namespace cubby
