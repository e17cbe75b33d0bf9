#include "container_child.h"

#include "detached_mounts.h"
#include "fs_in_root.h"
#include "sync_points.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <format>
#include <grp.h>
#include <linux/close_range.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <vector>

namespace cubby {

namespace {

[[noreturn]] void failStep(const ChildContext& context, int err, std::string_view step,
                           bool reasonIncluded = false) {
    ChildFailure failure;
    failure.errnoValue = err;
    failure.reasonIncluded = reasonIncluded;
    const size_t length = std::min(step.size(), sizeof failure.step - 1);
    std::memcpy(failure.step, step.data(), length);
    (void)::send(context.syncFd, &failure, sizeof failure, MSG_NOSIGNAL);
    _exit(127);
}

void check(const ChildContext& context, bool ok, std::string_view step) {
    if (!ok)
        failStep(context, errno, step);
}

template <class T>
void check(const ChildContext& context, const std::expected<T, Error>& result) {
    if (!result)
        failStep(context, result.error().errnoValue, result.error().message, true);
}

// The mount flags a bind remount must keep: in a user namespace the kernel refuses to clear
// the locked ones (nosuid, nodev, noexec) that the original mount had.
unsigned long lockedFlags(const char* path) {
    struct statvfs info = {};
    if (::statvfs(path, &info) != 0)
        return 0;
    unsigned long flags = 0;
    if (info.f_flag & ST_NOSUID)
        flags |= MS_NOSUID;
    if (info.f_flag & ST_NODEV)
        flags |= MS_NODEV;
    if (info.f_flag & ST_NOEXEC)
        flags |= MS_NOEXEC;
    return flags;
}

bool remountReadOnly(const char* path) {
    return ::mount(nullptr, path, nullptr, MS_BIND | MS_REMOUNT | MS_RDONLY | lockedFlags(path),
                   nullptr) == 0;
}

void beforePivot(const ChildContext& context, int rootFd) {
    const ContainerPlan& plan = *context.plan;
    // Host sources are opened first: mounting the new /dev or /proc may hide them.
    std::vector<UniqueFd> sources(plan.mounts.size());
    for (size_t i = 0; i < plan.mounts.size(); ++i) {
        const MountStep& step = plan.mounts[i];
        if (step.phase != MountPhase::BeforePivot || step.action != MountAction::BindHost)
            continue;
        const char* source = step.source.empty() ? context.consoleSlavePath : step.source.c_str();
        sources[i].reset(::open(source, O_PATH | O_CLOEXEC));
        check(context, sources[i].valid(), std::format("opening {}", source));
    }
    for (size_t i = 0; i < plan.mounts.size(); ++i) {
        const MountStep& step = plan.mounts[i];
        if (step.phase != MountPhase::BeforePivot)
            continue;
        if (step.action == MountAction::Symlink) {
            const size_t slash = step.target.rfind('/');
            auto parent = openInRoot(rootFd, slash == 0 ? "/" : step.target.substr(0, slash));
            check(context, parent);
            const UniqueFd directory(
                ::openat(parent->get(), ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
            const std::string base = step.target.substr(slash + 1);
            check(context,
                  directory.valid() &&
                      (::symlinkat(step.source.c_str(), directory.get(), base.c_str()) == 0 ||
                       errno == EEXIST),
                  std::format("creating the symlink {}", step.target));
            continue;
        }
        auto target = openOrCreateInRoot(rootFd, step.target, step.targetIsFile);
        check(context, target);
        const std::string targetPath = fdPath(target->get());
        if (step.action == MountAction::WriteFile) {
            const UniqueFd file(::open(targetPath.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC));
            check(context,
                  file.valid() && ::write(file.get(), step.data.data(), step.data.size()) ==
                                      static_cast<ssize_t>(step.data.size()),
                  std::format("writing {}", step.target));
            continue;
        }
        if (step.action == MountAction::MountFilesystem) {
            check(context,
                  ::mount(step.fstype.c_str(), targetPath.c_str(), step.fstype.c_str(), step.flags,
                          step.data.empty() ? nullptr : step.data.c_str()) == 0,
                  std::format("mounting {} on {}", step.fstype, step.target));
            continue;
        }
        const std::string sourcePath = fdPath(sources[i].get());
        check(context,
              ::mount(sourcePath.c_str(), targetPath.c_str(), nullptr,
                      MS_BIND | (step.recursive ? MS_REC : 0), nullptr) == 0,
              std::format("binding {} on {}", step.source.empty() ? "the console" : step.source,
                          step.target));
        if (step.readOnly) {
            // The descriptor still names the directory under the new mount: look again.
            auto mounted = openInRoot(rootFd, step.target);
            check(context, mounted);
            check(context, remountReadOnly(fdPath(mounted->get()).c_str()),
                  std::format("making {} read-only", step.target));
        }
    }
}

void pivotInto(const ChildContext& context, int rootFd) {
    check(context, ::fchdir(rootFd) == 0, "entering the root filesystem");
    // pivot_root(".", ".") stacks the old root on top of the new one; detaching it leaves
    // only the container's root (the trick runc and LXC use, with no directory to create).
    check(context, ::syscall(SYS_pivot_root, ".", ".") == 0, "pivot_root");
    check(context, ::umount2(".", MNT_DETACH) == 0, "detaching the host's root");
    check(context, ::chdir("/") == 0, "chdir /");
}

void afterPivot(const ChildContext& context) {
    for (const MountStep& step : context.plan->mounts) {
        if (step.phase != MountPhase::AfterPivot)
            continue;
        const char* target = step.target.c_str();
        const bool exists = ::access(target, F_OK) == 0;
        switch (step.action) {
        case MountAction::BindInside:
            check(context,
                  ::mount(step.source.c_str(), target, nullptr, MS_BIND | MS_REC, nullptr) == 0,
                  std::format("binding {} on {}", step.source, step.target));
            if (step.readOnly)
                check(context, remountReadOnly(target),
                      std::format("making {} read-only", step.target));
            break;
        case MountAction::RemountReadOnly:
            check(context, remountReadOnly(target), std::format("making {} read-only", target));
            break;
        case MountAction::MaskFile:
            if (exists)
                check(context, ::mount("/dev/null", target, nullptr, MS_BIND, nullptr) == 0,
                      std::format("masking {}", step.target));
            break;
        case MountAction::MaskDirectory:
            if (exists)
                check(context,
                      ::mount("tmpfs", target, "tmpfs",
                              MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, "size=0") == 0,
                      std::format("masking {}", step.target));
            break;
        case MountAction::BindHost:
        case MountAction::MountFilesystem:
        case MountAction::Symlink:
        case MountAction::WriteFile:
            break;
        }
    }
}

void becomeInit(const ChildContext& context) {
    const ContainerPlan& plan = *context.plan;
    for (const int cap : plan.capabilitiesToDrop) {
        // EINVAL: a capability this kernel does not have, so there is nothing to drop.
        check(context, ::prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) == 0 || errno == EINVAL,
              std::format("dropping capability {}", cap));
    }
    if (plan.noNewPrivileges)
        check(context, ::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0, "PR_SET_NO_NEW_PRIVS");
    // Still root of the container's user namespace (or the host's) here, which loading a
    // filter without no_new_privs needs; from now on init and all it starts are filtered.
    if (const int error = loadSeccompProgram(*context.seccomp); error != 0)
        failStep(context, error, "loading the system-call filter");
    check(context, ::setsid() >= 0, "setsid");
    check(context, ::ioctl(context.consoleSlaveFd, TIOCSCTTY, 0) == 0,
          "making the console the controlling terminal");
    for (int fd = 0; fd <= 2; ++fd)
        check(context, ::dup2(context.consoleSlaveFd, fd) == fd, "connecting init to the console");
    const gid_t gid = context.identity.gid;
    check(context, ::setgroups(1, &gid) == 0, "setgroups");
    check(context, ::setresgid(gid, gid, gid) == 0, std::format("switching to group {}", gid));
    check(context,
          ::setresuid(context.identity.uid, context.identity.uid, context.identity.uid) == 0,
          std::format("switching to user {}", context.identity.uid));
    check(context, ::chdir(plan.workingDirectory.c_str()) == 0,
          std::format("entering the working directory {}", plan.workingDirectory));
    // After the credential change (which clears it): if the controller dies, so does init.
    check(context, ::prctl(PR_SET_PDEATHSIG, SIGKILL) == 0, "PR_SET_PDEATHSIG");
    // Nothing of the controller's may reach init: every descriptor above stderr closes on
    // exec (the sync socket included, which tells the parent exec happened).
    check(context, ::syscall(SYS_close_range, 3U, ~0U, CLOSE_RANGE_CLOEXEC) == 0, "close_range");
}

} // namespace

void runContainerChild(const ChildContext& context) {
    const ContainerPlan& plan = *context.plan;
    // The controller blocks the signals it reads through a signalfd and ignores SIGPIPE;
    // both would survive exec and leave init deaf to shutdown requests.
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    ::signal(SIGPIPE, SIG_DFL);
    char go = 0;
    if (::recv(context.syncFd, &go, 1, 0) != 1 || go != syncParentConfigured)
        _exit(127); // the parent gave up on us
    if (plan.cloneFlags & CLONE_NEWUSER) {
        // Still the host's root by credentials; become the namespace's root, which the id
        // maps the parent wrote now define (as runc does).
        check(context, ::setresgid(0, 0, 0) == 0, "becoming root in the user namespace (gid)");
        check(context, ::setresuid(0, 0, 0) == 0, "becoming root in the user namespace (uid)");
    }
    // Joined our cgroup in the parent; now the cgroup namespace is rooted at it.
    check(context, ::unshare(CLONE_NEWCGROUP) == 0, "creating the cgroup namespace");
    check(context, ::sethostname(plan.hostname.data(), plan.hostname.size()) == 0, "sethostname");
    check(context, ::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) == 0,
          "making mounts private");

    UniqueFd rootFd;
    if (plan.rootfs.empty()) {
        rootFd.reset(::open("/", O_PATH | O_DIRECTORY | O_CLOEXEC));
        check(context, rootFd.valid(), "opening /");
    } else {
        // We start in the root the controller prepared. In a user namespace the copy of it in
        // our mount namespace is locked to its parent, and pivot_root refuses a locked mount,
        // so a recursive copy goes on top (the locks on what is below it stay) and becomes
        // the root.
        const UniqueFd here(::open(".", O_PATH | O_DIRECTORY | O_CLOEXEC));
        check(context, here.valid(), "opening the prepared root");
        auto tree = cloneMountTree(AT_FDCWD, ".", true);
        check(context, tree);
        check(context, attachMountTree(tree->get(), here.get(), "the root filesystem"));
        rootFd = std::move(*tree);
    }
    beforePivot(context, rootFd.get());
    if (!plan.rootfs.empty())
        pivotInto(context, rootFd.get());
    afterPivot(context);
    becomeInit(context);

    std::vector<char*> argv, envp;
    for (const auto& arg : plan.argv)
        argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    std::string home = "HOME=" + context.identity.home;
    envp.push_back(home.data());
    for (const auto& env : plan.environment)
        envp.push_back(const_cast<char*>(env.c_str()));
    envp.push_back(nullptr);
    ::execve(argv[0], argv.data(), envp.data());
    failStep(context, errno, std::format("starting init {}", plan.argv[0]));
}

} // namespace cubby
