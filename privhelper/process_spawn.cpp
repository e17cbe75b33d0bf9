#include "process_spawn.h"

#include "unique_fd.h"

#include <QSocketNotifier>
#include <cerrno>
#include <fcntl.h>
#include <memory>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace cubby {

int openPidfd(pid_t pid) {
    // PIDFD_NONBLOCK is not needed: the descriptor is only polled.
    const int pidfd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
    if (pidfd >= 0)
        ::fcntl(pidfd, F_SETFD, FD_CLOEXEC);
    return pidfd;
}

Result<pid_t> spawnChild(const SpawnRequest& request) {
    std::vector<std::string> arguments = request.argv;
    std::vector<char*> pointers;
    for (auto& argument : arguments)
        pointers.push_back(argument.data());
    pointers.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    if (request.stdinFd >= 0)
        posix_spawn_file_actions_adddup2(&actions, request.stdinFd, 0);
    else
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    if (request.stdoutFd >= 0) {
        posix_spawn_file_actions_addopen(&actions, 2, request.logPath.c_str(),
                                         O_WRONLY | O_CREAT | O_APPEND, 0600);
        posix_spawn_file_actions_adddup2(&actions, request.stdoutFd, 1);
    } else {
        posix_spawn_file_actions_addopen(&actions, 1, request.logPath.c_str(),
                                         O_WRONLY | O_CREAT | O_APPEND, 0600);
        posix_spawn_file_actions_adddup2(&actions, 1, 2);
    }
    // dup2 onto itself clears close-on-exec for the child only.
    std::vector<int> kept = request.extraFds;
    kept.push_back(request.passFd);
    for (const int fd : kept) {
        if (fd >= 0)
            posix_spawn_file_actions_adddup2(&actions, fd, fd);
    }
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    // Its own session: no terminal signal reaches the child, and a long-lived one (a
    // controller) outlives the helper.
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSID);
    pid_t pid = -1;
    const int spawned =
        posix_spawn(&pid, arguments[0].c_str(), &actions, &attributes, pointers.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    if (spawned != 0)
        return fail(Error::system(spawned, "starting " + arguments[0]));
    return pid;
}

Result<pid_t> spawnWithReadyFd(const std::vector<std::string>& argv, const std::string& logPath,
                               QObject* owner, std::function<void(std::string line)> onLine) {
    int ready[2];
    if (::pipe2(ready, O_CLOEXEC) != 0)
        return fail(Error::system(errno, "creating a ready pipe"));
    UniqueFd readEnd(ready[0]);
    UniqueFd writeEnd(ready[1]);
    SpawnRequest request{argv, logPath, -1, writeEnd.get(), -1, {}};
    for (auto& argument : request.argv) {
        if (argument == readyFdPlaceholder)
            argument = std::to_string(writeEnd.get());
    }
    auto spawned = spawnChild(request);
    writeEnd.reset();
    if (!spawned)
        return spawned;
    const pid_t pid = *spawned;
    reapWhenDone(pid, owner);

    // The ready line arrives when the child is up (or failed); no blocking meanwhile.
    auto* notifier = new QSocketNotifier(readEnd.release(), QSocketNotifier::Read, owner);
    auto line = std::make_shared<std::string>();
    QObject::connect(notifier, &QSocketNotifier::activated, owner,
                     [notifier, line, onLine = std::move(onLine)] {
                         char buffer[1024];
                         const ssize_t got = ::read(int(notifier->socket()), buffer, sizeof buffer);
                         if (got > 0) {
                             line->append(buffer, static_cast<size_t>(got));
                             if (line->find('\n') == std::string::npos)
                                 return;
                         }
                         if (got < 0 && errno == EINTR)
                             return;
                         notifier->setEnabled(false);
                         ::close(int(notifier->socket()));
                         notifier->deleteLater();
                         onLine(line->substr(0, line->find('\n')));
                     });
    return pid;
}

void reapWhenDone(pid_t pid, QObject* owner) {
    const int pidfd = openPidfd(pid);
    if (pidfd < 0)
        return;
    auto* notifier = new QSocketNotifier(pidfd, QSocketNotifier::Read, owner);
    QObject::connect(notifier, &QSocketNotifier::activated, owner, [notifier, pid] {
        ::waitpid(pid, nullptr, WNOHANG);
        notifier->setEnabled(false);
        ::close(int(notifier->socket()));
        notifier->deleteLater();
    });
}

} // namespace cubby
