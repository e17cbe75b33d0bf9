#include "ready_child.h"

#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <unistd.h>

extern char** environ;

namespace cubby::test {

ReadyChild spawnReadyChild(std::vector<std::string> argv) {
    ReadyChild child;
    int ready[2];
    if (::pipe2(ready, O_CLOEXEC) != 0) {
        child.error = "pipe2 failed";
        return child;
    }
    for (auto& argument : argv) {
        if (argument == "{ready-fd}")
            argument = std::to_string(ready[1]);
    }
    std::vector<char*> pointers;
    for (auto& argument : argv)
        pointers.push_back(argument.data());
    pointers.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    // The write end must survive exec in the child (and only there).
    posix_spawn_file_actions_adddup2(&actions, ready[1], ready[1]);
    const int spawned =
        posix_spawn(&child.pid, argv[0].c_str(), &actions, nullptr, pointers.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(ready[1]);
    child.readyFd = ready[0];
    if (spawned != 0) {
        child.pid = -1;
        child.error = std::string("posix_spawn: ") + std::strerror(spawned);
    }
    return child;
}

std::string readReadyLine(int readyFd, std::chrono::milliseconds timeout, const std::string& what,
                          std::string& error) {
    std::string line;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (line.find('\n') == std::string::npos) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        pollfd fd{readyFd, POLLIN, 0};
        if (left.count() <= 0 || ::poll(&fd, 1, static_cast<int>(left.count())) <= 0) {
            error = "timed out waiting for " + what;
            return {};
        }
        char buffer[4096];
        const ssize_t got = ::read(readyFd, buffer, sizeof buffer);
        if (got <= 0)
            break;
        line.append(buffer, static_cast<size_t>(got));
    }
    if (line.empty()) {
        error = what + " exited without a word";
        return {};
    }
    return line.substr(0, line.find('\n'));
}

} // namespace cubby::test
