#include "launcher.h"

#include "container_child.h"
#include "container_interfaces.h"
#include "detached_mounts.h"
#include "sync_points.h"

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <format>
#include <linux/sched.h>
#include <sched.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace cubby {

namespace {

// Kills and reaps a child that will not become the container.
void abandon(pid_t pid) {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
}

} // namespace

Result<LaunchedInit> launchContainer(const ContainerPlan& plan, const ResolvedIdentity& identity,
                                     int rootDirFd, int consoleSlaveFd,
                                     const std::string& consoleSlavePathText,
                                     ContainerCgroup& cgroup, const ContainerNetworkPlan& network) {
    const char* consoleSlavePath = consoleSlavePathText.c_str();
    // libseccomp allocates, so the program is built here and only loaded in the child.
    CUBBY_TRY(seccomp, buildSeccompProgram(plan.seccomp));
    int pair[2];
    if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, pair) != 0)
        return fail(Error::system(errno, "creating the start-up socket pair"));
    UniqueFd parentEnd(pair[0]);
    UniqueFd childEnd(pair[1]);

    // The child starts in the prepared root: its working directory is the one path into the
    // copy of that tree in its new mount namespace, and it may not be able to walk there by
    // name (the root filesystem's parent is 0700, and root inside is not the host's root).
    const UniqueFd previousDirectory(::open(".", O_PATH | O_DIRECTORY | O_CLOEXEC));
    if (!previousDirectory || ::fchdir(rootDirFd) != 0)
        return fail(Error::system(errno, "entering the prepared root"));
    int pidfd = -1;
    clone_args args{};
    args.flags = plan.cloneFlags | CLONE_PIDFD;
    args.pidfd = reinterpret_cast<uintptr_t>(&pidfd);
    args.exit_signal = SIGCHLD;
    const long pid = ::syscall(SYS_clone3, &args, sizeof args);
    const int cloneErrno = errno;
    if (pid != 0)
        (void)::fchdir(previousDirectory.get());
    if (pid < 0)
        return fail(Error::system(cloneErrno, "clone3 into new namespaces"));
    if (pid == 0) {
        parentEnd.reset();
        runContainerChild(
            {&plan, &seccomp, identity, childEnd.get(), consoleSlaveFd, consoleSlavePath});
    }
    LaunchedInit init{static_cast<pid_t>(pid), UniqueFd(pidfd)};
    childEnd.reset();

    // Sync point "parent configured": cgroup membership and id maps before the child acts.
    if (auto joined = cgroup.addProcess(init.pid); !joined) {
        abandon(init.pid);
        return fail(joined.error());
    }
    if (!plan.uidMap.empty()) {
        for (const auto& [file, text] :
             {std::pair{"uid_map", &plan.uidMap}, std::pair{"gid_map", &plan.gidMap}}) {
            if (auto written = writeProcFile(init.pid, file, *text); !written) {
                abandon(init.pid);
                return fail(written.error());
            }
        }
    }
    // The child is in its network namespace and waits: its interfaces now, so that init
    // finds them configured.
    if (auto attached = attachContainerInterfaces(network, init.pid); !attached) {
        abandon(init.pid);
        return fail(attached.error());
    }
    const char go = syncParentConfigured;
    if (::send(parentEnd.get(), &go, 1, MSG_NOSIGNAL) != 1) {
        const int err = errno;
        abandon(init.pid);
        return fail(Error::system(err, "signalling the container's first process"));
    }
    // End of file: the child's end closed on exec, init runs. A packet: what went wrong.
    ChildFailure failure;
    ssize_t got;
    do {
        got = ::recv(parentEnd.get(), &failure, sizeof failure, 0);
    } while (got < 0 && errno == EINTR);
    if (got == 0)
        return init;
    ::waitpid(init.pid, nullptr, 0);
    if (got != static_cast<ssize_t>(sizeof failure))
        return fail(Error::system(got < 0 ? errno : EPROTO,
                                  "the container's first process ended before starting init"));
    failure.step[sizeof failure.step - 1] = '\0';
    if (failure.reasonIncluded)
        return fail(Error{ErrorKind::System, failure.errnoValue, failure.step});
    return fail(Error::system(failure.errnoValue, failure.step));
}

} // namespace cubby
