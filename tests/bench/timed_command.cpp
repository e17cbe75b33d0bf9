#include "timed_command.h"

#include "unique_fd.h"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <format>
#include <spawn.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char** environ;

namespace cubby::bench {

namespace {

std::vector<char*> argvOf(const std::vector<std::string>& argv) {
    std::vector<char*> args;
    for (const std::string& arg : argv)
        args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    return args;
}

std::string readAll(int fd) {
    std::string text;
    char buffer[4096];
    ssize_t got;
    off_t offset = 0;
    while ((got = ::pread(fd, buffer, sizeof buffer, offset)) > 0) {
        text.append(buffer, static_cast<size_t>(got));
        offset += got;
    }
    while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
        text.pop_back();
    return text;
}

Result<pid_t> spawnTo(const std::vector<std::string>& argv, int outputFd) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, outputFd, 1);
    posix_spawn_file_actions_adddup2(&actions, outputFd, 2);
    auto args = argvOf(argv);
    pid_t pid = -1;
    const int spawned = ::posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0)
        return fail(Error::system(spawned, "spawning " + argv[0]));
    return pid;
}

} // namespace

Result<Timed> runTimed(const std::vector<std::string>& argv) {
    UniqueFd output(::memfd_create("bench-command", MFD_CLOEXEC));
    if (!output)
        return fail(Error::system(errno, "memfd_create"));
    const auto start = std::chrono::steady_clock::now();
    CUBBY_TRY(pid, spawnTo(argv, output.get()));
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    Timed timed;
    timed.ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    timed.output = readAll(output.get());
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return fail(Error::of(
            ErrorKind::System,
            std::format("`{}` {}: {}", argv.size() > 1 ? argv[0] + " " + argv[1] : argv[0],
                        WIFEXITED(status) ? std::format("exit status {}", WEXITSTATUS(status))
                                          : std::format("signal {}", WTERMSIG(status)),
                        timed.output.empty() ? "(no output)" : timed.output)));
    return timed;
}

Result<pid_t> spawnLogged(const std::vector<std::string>& argv, const std::string& logPath) {
    UniqueFd log(::open(logPath.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644));
    if (!log)
        return fail(Error::system(errno, "opening " + logPath));
    return spawnTo(argv, log.get());
}

int waitChild(pid_t pid, int timeoutMs) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    for (;;) {
        int status = 0;
        if (::waitpid(pid, &status, WNOHANG) == pid)
            return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        if (std::chrono::steady_clock::now() >= deadline)
            return -1;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

} // namespace cubby::bench
