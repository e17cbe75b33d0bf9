// cubby-rootfs: makes and removes container root filesystems for cubby-helper. The helper is
// multi-threaded and must not fork and go on running C++, and these jobs take minutes, so
// they run in this single-threaded program: the helper starts it, reads its progress lines
// (engine/core/job_protocol.h) and cancels it with SIGTERM. See command_line.h for the
// command lines and commands.h for the jobs.
#include "archive_export.h"
#include "command_line.h"
#include "commands.h"
#include "file_copy.h"
#include "job.h"

#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <string_view>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

using namespace cubby;

namespace {

// Descriptors 0-2 that are closed would be handed out again by open() and then clobbered
// (by the busybox child's dup2, for one); /dev/null keeps their places.
void fillStandardDescriptors() {
    for (int fd = 0; fd < 3; ++fd) {
        if (::fcntl(fd, F_GETFD) < 0) {
            const int devNull = ::open("/dev/null", O_RDWR);
            if (devNull >= 0 && devNull != fd) {
                ::dup2(devNull, fd);
                ::close(devNull);
            }
        }
    }
}

int report(JobReporter& reporter, const Error& error) {
    std::fprintf(stderr, "cubby-rootfs: %s\n", error.message.c_str());
    reporter.finish({JobUpdate::Kind::Error, -1, error.kind, error.message});
    return jobExitError;
}

} // namespace

int main(int argc, char** argv) {
    // The helper's death ends the job; its next start runs clean-stale. (The signal comes
    // when the *thread* that started us ends, so the helper starts workers from a thread
    // that lives as long as it does.)
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    fillStandardDescriptors();
    const std::vector<std::string_view> args(argv + 1, argv + argc);
    auto command = parseRootfsCommandLine(args);
    if (!command) {
        const int fd = findProgressFd(args);
        JobReporter reporter(fd >= 0 && ::fcntl(fd, F_GETFD) >= 0 ? fd : -1);
        report(reporter, command.error().error);
        if (command.error().usage)
            std::fprintf(stderr, "cubby-rootfs: see cubby-rootfs --help\n");
        return command.error().usage ? rootfsExitUsage : jobExitError;
    }
    if (command->verb == RootfsCommand::Verb::Help) {
        std::fwrite(rootfsUsage().data(), 1, rootfsUsage().size(), stdout);
        return jobExitDone;
    }
    if (command->progressFd >= 0) {
        if (::fcntl(command->progressFd, F_SETFD, FD_CLOEXEC) != 0) {
            std::fprintf(stderr, "cubby-rootfs: --progress-fd %d is not open\n",
                         command->progressFd);
            return rootfsExitUsage;
        }
    }
    JobReporter reporter(command->progressFd);
    ::umask(022);
    if (auto installed = installCancelHandlers(); !installed)
        return report(reporter, installed.error());
    Result<std::string> outcome;
    switch (command->verb) {
    case RootfsCommand::Verb::Create:
        outcome = createRootfs(*command, reporter);
        break;
    case RootfsCommand::Verb::Remove:
        outcome = removeRootfs(*command, reporter);
        break;
    case RootfsCommand::Verb::Restore:
        outcome = restoreRootfs(*command, reporter);
        break;
    case RootfsCommand::Verb::CleanStale:
        outcome = cleanStale(*command, reporter);
        break;
    case RootfsCommand::Verb::Export:
        outcome = exportTree(command->rootFd, reporter);
        break;
    case RootfsCommand::Verb::Push:
    case RootfsCommand::Verb::Pull:
    case RootfsCommand::Verb::PushTree:
    case RootfsCommand::Verb::PullTree: {
        const FileCopy copy{command->rootFd, command->usernsFd, command->path,
                            command->mode,   command->uid,      command->gid};
        using Copier = Result<std::string> (*)(const FileCopy&, JobReporter&);
        const Copier copier = command->verb == RootfsCommand::Verb::Push       ? pushFile
                              : command->verb == RootfsCommand::Verb::Pull     ? pullFile
                              : command->verb == RootfsCommand::Verb::PushTree ? pushTree
                                                                               : pullTree;
        outcome = copier(copy, reporter);
        break;
    }
    case RootfsCommand::Verb::Help:
        break;
    }
    if (outcome) {
        reporter.finish({JobUpdate::Kind::Done, -1, {}, *outcome});
        return jobExitDone;
    }
    if (isCancelled(outcome.error())) {
        reporter.finish({JobUpdate::Kind::Cancelled, -1, {}, {}});
        return jobExitCancelled;
    }
    return report(reporter, outcome.error());
}
