#include "shell.h"

#include "fd_passing.h"
#include "identity.h"
#include "seccomp_filter.h"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <format>
#include <grp.h>
#include <linux/close_range.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace cubby {

namespace {

// Plain reads, not iostreams: the controller stays small.
std::string readSmallFile(const char* path) {
    std::string text;
    const UniqueFd fd(::open(path, O_RDONLY | O_CLOEXEC));
    char buffer[4096];
    ssize_t got;
    while (fd && text.size() < (1 << 20) && (got = ::read(fd.get(), buffer, sizeof buffer)) > 0)
        text.append(buffer, static_cast<size_t>(got));
    return text;
}

// The shell's field of a passwd line, or /bin/sh.
std::string loginShell(std::string_view passwd, uint32_t uid) {
    const std::string uidText = std::to_string(uid);
    size_t start = 0;
    while (start < passwd.size()) {
        size_t end = passwd.find('\n', start);
        if (end == std::string_view::npos)
            end = passwd.size();
        std::vector<std::string_view> fields;
        std::string_view line = passwd.substr(start, end - start);
        start = end + 1;
        for (size_t colon; (colon = line.find(':')) != std::string_view::npos;
             line.remove_prefix(colon + 1))
            fields.push_back(line.substr(0, colon));
        fields.push_back(line);
        if (fields.size() >= 7 && fields[2] == uidText && fields[6].starts_with('/'))
            return std::string(fields[6]);
    }
    return "/bin/sh";
}

// Closes every descriptor from 3 up except `a` and `b` (both at least 3).
void closeAllBut(int a, int b) {
    const unsigned low = static_cast<unsigned>(std::min(a, b));
    const unsigned high = static_cast<unsigned>(std::max(a, b));
    if (low > 3)
        ::close_range(3, low - 1, 0);
    if (high > low + 1)
        ::close_range(low + 1, high - 1, 0);
    ::close_range(high + 1, ~0U, 0);
}

// In the container, as PID 1's sibling: becomes the user and runs the login shell.
[[noreturn]] void runShell(const ContainerPlan& plan, const SeccompProgram& seccomp,
                           const std::string& ptyName, const std::string& user) {
    ::setsid();
    const int slave = ::open(ptyName.c_str(), O_RDWR);
    if (slave < 0 || ::ioctl(slave, TIOCSCTTY, 0) != 0)
        _exit(126);
    for (int fd = 0; fd <= 2; ++fd)
        ::dup2(slave, fd);
    if (slave > 2)
        ::close(slave);
    for (const int cap : plan.capabilitiesToDrop)
        ::prctl(PR_CAPBSET_DROP, cap, 0, 0, 0);
    if (plan.noNewPrivileges && ::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
        _exit(126);
    // Still root in the container (CAP_SYS_ADMIN there), as loading without no_new_privs
    // needs; the filter then covers the user's whole session.
    if (const int error = loadSeccompProgram(seccomp); error != 0) {
        const std::string message =
            std::format("cubby: loading the system-call filter: {}\r\n", std::strerror(error));
        (void)::write(1, message.data(), message.size());
        _exit(126);
    }
    const std::string passwd = readSmallFile("/etc/passwd");
    auto identity = resolveIdentity(passwd, readSmallFile("/etc/group"), user, "");
    if (!identity) {
        const std::string message = "cubby: " + identity.error().message + "\r\n";
        (void)::write(1, message.data(), message.size());
        _exit(126);
    }
    const gid_t gid = identity->gid;
    if (::setgroups(1, &gid) != 0 || ::setresgid(gid, gid, gid) != 0 ||
        ::setresuid(identity->uid, identity->uid, identity->uid) != 0)
        _exit(126);
    if (::chdir(identity->home.c_str()) != 0)
        (void)::chdir("/");
    const std::string shell = loginShell(passwd, identity->uid);
    const std::string argv0 = "-" + shell.substr(shell.rfind('/') + 1); // a login shell
    const std::string name = user.empty() ? "root" : user;
    std::vector<std::string> environment = {
        "HOME=" + identity->home,
        "USER=" + name,
        "LOGNAME=" + name,
        "SHELL=" + shell,
        "TERM=xterm-256color",
        "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        "container=cubby"};
    std::vector<char*> envp;
    for (auto& entry : environment)
        envp.push_back(entry.data());
    envp.push_back(nullptr);
    char* argv[] = {const_cast<char*>(argv0.c_str()), nullptr};
    ::execve(shell.c_str(), argv, envp.data());
    _exit(127);
}

// The first child: joins the namespaces, opens the PTY, forks the shell.
[[noreturn]] void joinAndSpawn(int initPidfd, const ContainerPlan& plan,
                               const SeccompProgram& seccomp, int socket, const std::string& user) {
    // Before anything of the container can see this process (its child is in the container's
    // pid namespace from fork() to exec()): not dumpable, so the container's root cannot
    // ptrace it or read its /proc/PID/{mem,environ,fd}, which still hold the controller's
    // memory; and nothing of the controller's (console, control socket, clients) but the
    // two descriptors this needs. cubby-controller is already non-dumpable since main();
    // this keeps the guarantee local to where it matters.
    ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    closeAllBut(initPidfd, socket);
    int flags = CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWPID | CLONE_NEWCGROUP;
    if (plan.cloneFlags & CLONE_NEWNET)
        flags |= CLONE_NEWNET;
    if (plan.cloneFlags & CLONE_NEWUSER)
        flags |= CLONE_NEWUSER;
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    ::signal(SIGPIPE, SIG_DFL);
    const auto report = [&](const std::string& text) {
        (void)::send(socket, text.data(), text.size(), MSG_NOSIGNAL);
        _exit(1);
    };
    if (::setns(initPidfd, flags) != 0)
        report(std::format("error joining the container: {}", std::strerror(errno)));
    ::close(initPidfd);
    const int master = ::open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC);
    char name[64] = {};
    if (master < 0 || ::grantpt(master) != 0 || ::unlockpt(master) != 0 ||
        ::ptsname_r(master, name, sizeof name) != 0)
        report(std::format("error opening a terminal in the container: {}", std::strerror(errno)));
    if (!sendWithFd(socket, std::string("ok ") + name, master))
        _exit(1);
    char go = 0;
    if (::recv(socket, &go, 1, 0) != 1) // the controller put us in the container's cgroup
        _exit(1);
    const pid_t shell = ::fork(); // the pid namespace applies to children only
    if (shell == 0) {
        ::close(socket);
        ::close(master);
        runShell(plan, seccomp, name, user);
    }
    _exit(shell > 0 ? 0 : 1);
}

} // namespace

Result<ShellSession> openShell(int initPidfd, const ContainerPlan& plan, ContainerCgroup& cgroup,
                               const std::string& user) {
    // Built here, before fork(): the children only load it.
    CUBBY_TRY(seccomp, buildSeccompProgram(plan.seccomp));
    int pair[2];
    if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, pair) != 0)
        return fail(Error::system(errno, "creating the shell's socket pair"));
    UniqueFd ours(pair[0]);
    UniqueFd theirs(pair[1]);
    const pid_t child = ::fork();
    if (child < 0)
        return fail(Error::system(errno, "forking for the shell"));
    if (child == 0) {
        ours.reset();
        joinAndSpawn(initPidfd, plan, seccomp, theirs.get(), user);
    }
    theirs.reset();
    const auto reap = [child] { ::waitpid(child, nullptr, 0); };
    auto received = receiveWithFd(ours.get(), 256);
    if (!received || !received->fd) {
        reap();
        if (received && received->payload.starts_with("error "))
            return fail(Error::of(ErrorKind::System, received->payload.substr(6)));
        return fail(Error::of(ErrorKind::System, "the shell could not be started"));
    }
    if (auto joined = cgroup.addProcess(child); !joined) {
        ::kill(child, SIGKILL);
        reap();
        return fail(joined.error());
    }
    const char go = 'G';
    (void)::send(ours.get(), &go, 1, MSG_NOSIGNAL);
    reap();
    return ShellSession{std::move(received->fd), received->payload.substr(3)};
}

} // namespace cubby
