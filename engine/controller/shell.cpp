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

// Closes every descriptor from 3 up except those in `keep` (each at least 3, or -1).
void closeAllBut(std::vector<int> keep) {
    std::erase_if(keep, [](int fd) { return fd < 3; });
    std::ranges::sort(keep);
    unsigned next = 3;
    for (const int fd : keep) {
        if (static_cast<unsigned>(fd) > next)
            ::close_range(next, static_cast<unsigned>(fd) - 1, 0);
        next = static_cast<unsigned>(fd) + 1;
    }
    ::close_range(next, ~0U, 0);
}

// What the command to run is and where its streams go.
struct Command {
    std::string user;
    std::vector<std::string> argv; // empty: the user's login shell
    bool terminal = true;
    int stdinFd = -1, stdoutFd = -1, stderrFd = -1; // without a terminal: the pipes' ends
    int statusFd = -1;                              // -1: nothing waits for it (a shell)
};

// In the container, as PID 1's sibling: becomes the user and runs the command (or the login
// shell) with the terminal or the pipes as its standard streams.
[[noreturn]] void runCommand(const ContainerPlan& plan, const SeccompProgram& seccomp,
                             const std::string& ptyName, const Command& command) {
    ::setsid();
    if (command.terminal) {
        const int slave = ::open(ptyName.c_str(), O_RDWR);
        if (slave < 0 || ::ioctl(slave, TIOCSCTTY, 0) != 0)
            _exit(126);
        for (int fd = 0; fd <= 2; ++fd)
            ::dup2(slave, fd);
        if (slave > 2)
            ::close(slave);
    } else {
        // dup2 clears close-on-exec on the copies; the originals close at exec.
        if (::dup2(command.stdinFd, 0) < 0 || ::dup2(command.stdoutFd, 1) < 0 ||
            ::dup2(command.stderrFd, 2) < 0)
            _exit(126);
    }
    const char* newline = command.terminal ? "\r\n" : "\n";
    for (const int cap : plan.capabilitiesToDrop)
        ::prctl(PR_CAPBSET_DROP, cap, 0, 0, 0);
    if (plan.noNewPrivileges && ::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
        _exit(126);
    // Still root in the container (CAP_SYS_ADMIN there), as loading without no_new_privs
    // needs; the filter then covers the user's whole session.
    if (const int error = loadSeccompProgram(seccomp); error != 0) {
        const std::string message = std::format("cubby: loading the system-call filter: {}{}",
                                                std::strerror(error), newline);
        (void)::write(2, message.data(), message.size());
        _exit(126);
    }
    const std::string passwd = readSmallFile("/etc/passwd");
    auto identity = resolveIdentity(passwd, readSmallFile("/etc/group"), command.user, "");
    if (!identity) {
        const std::string message = "cubby: " + identity.error().message + newline;
        (void)::write(2, message.data(), message.size());
        _exit(126);
    }
    const gid_t gid = identity->gid;
    if (::setgroups(1, &gid) != 0 || ::setresgid(gid, gid, gid) != 0 ||
        ::setresuid(identity->uid, identity->uid, identity->uid) != 0)
        _exit(126);
    if (::chdir(identity->home.c_str()) != 0)
        (void)::chdir("/");
    const std::string shell = loginShell(passwd, identity->uid);
    const std::string name = command.user.empty() ? "root" : command.user;
    std::vector<std::string> environment = {
        "HOME=" + identity->home,
        "USER=" + name,
        "LOGNAME=" + name,
        "SHELL=" + shell,
        "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        "container=cubby"};
    if (command.terminal)
        environment.push_back("TERM=xterm-256color");
    std::vector<char*> envp;
    for (auto& entry : environment)
        envp.push_back(entry.data());
    envp.push_back(nullptr);
    if (command.argv.empty()) {
        const std::string argv0 = "-" + shell.substr(shell.rfind('/') + 1); // a login shell
        char* argv[] = {const_cast<char*>(argv0.c_str()), nullptr};
        ::execve(shell.c_str(), argv, envp.data());
        _exit(127);
    }
    std::vector<char*> argv;
    for (const std::string& argument : command.argv)
        argv.push_back(const_cast<char*>(argument.c_str()));
    argv.push_back(nullptr);
    environ = envp.data(); // execvp looks the program up in the container's PATH above
    ::execvp(argv[0], argv.data());
    const std::string message =
        std::format("cubby: {}: {}{}", command.argv.front(), std::strerror(errno), newline);
    (void)::write(2, message.data(), message.size());
    _exit(errno == ENOENT ? 127 : 126);
}

// The first child: joins the namespaces, opens the PTY (with a terminal), forks the command,
// and then either ends (a shell) or waits for it and reports how it ended.
[[noreturn]] void joinAndSpawn(int initPidfd, const ContainerPlan& plan,
                               const SeccompProgram& seccomp, int socket, const Command& command) {
    // Before anything of the container can see this process (its child is in the container's
    // pid namespace from fork() to exec()): not dumpable, so the container's root cannot
    // ptrace it or read its /proc/PID/{mem,environ,fd}, which still hold the controller's
    // memory; and nothing of the controller's (console, control socket, clients) but the
    // descriptors this needs. cubby-controller is already non-dumpable since main(); this
    // keeps the guarantee local to where it matters.
    ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    closeAllBut(
        {initPidfd, socket, command.stdinFd, command.stdoutFd, command.stderrFd, command.statusFd});
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
    int master = -1;
    char name[64] = {};
    if (command.terminal) {
        master = ::open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC);
        if (master < 0 || ::grantpt(master) != 0 || ::unlockpt(master) != 0 ||
            ::ptsname_r(master, name, sizeof name) != 0)
            report(
                std::format("error opening a terminal in the container: {}", std::strerror(errno)));
        if (!sendWithFd(socket, std::string("ok ") + name, master))
            _exit(1);
    } else if (::send(socket, "ok", 2, MSG_NOSIGNAL) != 2) {
        _exit(1);
    }
    char go = 0;
    if (::recv(socket, &go, 1, 0) != 1) // the controller put us in the container's cgroup
        _exit(1);
    const pid_t child = ::fork(); // the pid namespace applies to children only
    if (child == 0) {
        ::close(socket);
        if (master >= 0)
            ::close(master);
        if (command.statusFd >= 0)
            ::close(command.statusFd);
        runCommand(plan, seccomp, name, command);
    }
    if (child < 0 || command.statusFd < 0)
        _exit(child > 0 ? 0 : 1);
    // Only the status pipe stays: the command's streams end when it does, not when we do.
    closeAllBut({command.statusFd});
    int status = 0;
    while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
    const std::string verdict = WIFSIGNALED(status) ? std::format("signal {}\n", WTERMSIG(status))
                                                    : std::format("exit {}\n", WEXITSTATUS(status));
    (void)::write(command.statusFd, verdict.data(), verdict.size());
    _exit(0);
}

struct Spawned {
    pid_t child = -1;
    UniqueFd master;
    std::string ptyName;
};

// Forks the first child, waits for its "ok", puts it in the container's cgroup and lets it go.
Result<Spawned> spawn(int initPidfd, const ContainerPlan& plan, ContainerCgroup& cgroup,
                      const Command& command) {
    // Built here, before fork(): the children only load it.
    CUBBY_TRY(seccomp, buildSeccompProgram(plan.seccomp));
    int pair[2];
    if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, pair) != 0)
        return fail(Error::system(errno, "creating the command's socket pair"));
    UniqueFd ours(pair[0]);
    UniqueFd theirs(pair[1]);
    const pid_t child = ::fork();
    if (child < 0)
        return fail(Error::system(errno, "forking for the command"));
    if (child == 0) {
        ours.reset();
        joinAndSpawn(initPidfd, plan, seccomp, theirs.get(), command);
    }
    theirs.reset();
    const auto reap = [child] { ::waitpid(child, nullptr, 0); };
    auto received = receiveWithFd(ours.get(), 256);
    if (!received || !received->payload.starts_with("ok") || (command.terminal && !received->fd)) {
        reap();
        if (received && received->payload.starts_with("error "))
            return fail(Error::of(ErrorKind::System, received->payload.substr(6)));
        return fail(Error::of(ErrorKind::System, "the command could not be started"));
    }
    if (auto joined = cgroup.addAttachedProcess(child); !joined) {
        ::kill(child, SIGKILL);
        reap();
        return fail(joined.error());
    }
    const char go = 'G';
    (void)::send(ours.get(), &go, 1, MSG_NOSIGNAL);
    Spawned spawned{child, std::move(received->fd), {}};
    if (command.terminal)
        spawned.ptyName = received->payload.substr(3);
    return spawned;
}

} // namespace

Result<ShellSession> openShell(int initPidfd, const ContainerPlan& plan, ContainerCgroup& cgroup,
                               const std::string& user) {
    Command command;
    command.user = user;
    CUBBY_TRY(spawned, spawn(initPidfd, plan, cgroup, command));
    ::waitpid(spawned.child, nullptr, 0); // it ends right after forking the shell
    return ShellSession{std::move(spawned.master), std::move(spawned.ptyName)};
}

Result<ExecSession> startExec(int initPidfd, const ContainerPlan& plan, ContainerCgroup& cgroup,
                              const std::string& user, const std::vector<std::string>& argv,
                              bool terminal) {
    if (argv.empty() || argv.front().empty())
        return failInvalid("exec needs a program to run");
    // [0] the client's end, [1] the command's (or the waiter's), for each pipe.
    const auto makePipe = [](UniqueFd& clientEnd, UniqueFd& childEnd, bool clientReads) -> Status {
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC) != 0)
            return fail(Error::system(errno, "creating the command's pipes"));
        clientEnd.reset(clientReads ? fds[0] : fds[1]);
        childEnd.reset(clientReads ? fds[1] : fds[0]);
        return {};
    };
    ExecSession session;
    UniqueFd statusEnd, stdinEnd, stdoutEnd, stderrEnd;
    CUBBY_CHECK(makePipe(session.status, statusEnd, true));
    Command command;
    command.user = user;
    command.argv = argv;
    command.terminal = terminal;
    command.statusFd = statusEnd.get();
    if (!terminal) {
        CUBBY_CHECK(makePipe(session.input, stdinEnd, false));
        CUBBY_CHECK(makePipe(session.output, stdoutEnd, true));
        CUBBY_CHECK(makePipe(session.errors, stderrEnd, true));
        command.stdinFd = stdinEnd.get();
        command.stdoutFd = stdoutEnd.get();
        command.stderrFd = stderrEnd.get();
    }
    CUBBY_TRY(spawned, spawn(initPidfd, plan, cgroup, command));
    session.master = std::move(spawned.master);
    session.ptyName = std::move(spawned.ptyName);
    session.waiter = spawned.child;
    return session; // the command's ends close here: only it and the waiter hold them now
}

} // namespace cubby
