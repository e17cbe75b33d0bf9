#include "systemd_host.h"

#include "pipe_pair.h"
#include "unique_fd.h"

#include <cerrno>
#include <chrono>
#include <climits>
#include <csignal>
#include <fcntl.h>
#include <format>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char** environ;

namespace cubby {

namespace {

constexpr const char* cgroupRoot = "/sys/fs/cgroup";
// cubby-systemd itself gives up on the bus after 10 s (and waits up to 10 s for a scope of
// the same name to go); systemd moves the process when the scope's start job runs, just
// after the reply.
constexpr auto scopeMoveWait = std::chrono::seconds(5);
constexpr auto scopePoll = std::chrono::milliseconds(5);
constexpr size_t maxToolMessage = 4096;

bool isDirectory(const std::string& path) {
    struct stat info = {};
    return ::lstat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode);
}

// cubby-systemd beside this program's own binary (the build directory's engine/, or the
// package's libexec directory).
Result<std::string> toolPath() {
    char self[PATH_MAX];
    const ssize_t length = ::readlink("/proc/self/exe", self, sizeof self - 1);
    if (length <= 0)
        return fail(Error::system(errno, "finding this program's own path"));
    std::string path(self, static_cast<size_t>(length));
    path.resize(path.rfind('/') + 1);
    return path + "cubby-systemd";
}

struct ToolRun {
    int status = -1; // exit status
    std::string message;
};

// Runs cubby-systemd with `arguments` and waits for it; what it wrote to stderr comes back
// (its last line is the error). It inherits nothing but stdin/stdout and the pipe: every
// other descriptor of the controller is close-on-exec.
Result<ToolRun> runTool(std::vector<std::string> arguments) {
    CUBBY_TRY(path, toolPath());
    arguments.insert(arguments.begin(), path);
    std::vector<char*> argv;
    for (std::string& argument : arguments)
        argv.push_back(argument.data());
    argv.push_back(nullptr);
    CUBBY_TRY(pipe, makePipe());
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipe.writeEnd.get(), STDERR_FILENO);
    // The controller blocks the signals it reads from its signalfd; the tool gets none blocked.
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    sigset_t none;
    sigemptyset(&none);
    posix_spawnattr_setsigmask(&attributes, &none);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK);
    pid_t child = -1;
    const int spawned =
        ::posix_spawn(&child, path.c_str(), &actions, &attributes, argv.data(), environ);
    posix_spawnattr_destroy(&attributes);
    posix_spawn_file_actions_destroy(&actions);
    pipe.writeEnd.reset();
    if (spawned != 0)
        return fail(Error::system(spawned, "running " + path));
    ToolRun run;
    char buffer[512];
    ssize_t got;
    while ((got = ::read(pipe.readEnd.get(), buffer, sizeof buffer)) > 0 ||
           (got < 0 && errno == EINTR)) {
        if (got > 0 && run.message.size() < maxToolMessage)
            run.message.append(buffer, static_cast<size_t>(got));
    }
    int status = 0;
    while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
    run.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    while (!run.message.empty() && run.message.back() == '\n')
        run.message.pop_back();
    if (const size_t lastLine = run.message.rfind('\n'); lastLine != std::string::npos)
        run.message.erase(0, lastLine + 1);
    return run;
}

Status toolResult(const ToolRun& run, std::string_view what) {
    if (run.status == 0)
        return {};
    if (run.status == systemdToolUnavailable)
        return fail(Error::of(ErrorKind::NotFound, run.message));
    return fail(Error::of(ErrorKind::System,
                          run.message.empty()
                              ? std::format("{}: cubby-systemd exited with {}", what, run.status)
                              : run.message));
}

Result<std::string> ownCgroup() {
    const UniqueFd fd(::open("/proc/self/cgroup", O_RDONLY | O_CLOEXEC));
    if (!fd)
        return fail(Error::system(errno, "opening /proc/self/cgroup"));
    char buffer[4096];
    const ssize_t got = ::read(fd.get(), buffer, sizeof buffer - 1);
    if (got < 0)
        return fail(Error::system(errno, "reading /proc/self/cgroup"));
    // On a unified host the one line is "0::/path".
    std::string_view text(buffer, static_cast<size_t>(got));
    const size_t at = text.find("0::");
    if (at == std::string_view::npos)
        return fail(Error::of(ErrorKind::Unsupported, "this process has no cgroup2 group"));
    text.remove_prefix(at + 3);
    return std::string(text.substr(0, text.find('\n')));
}

} // namespace

bool hostRunsSystemd() {
    // What sd_booted(3) checks: systemd makes this directory early at boot, nothing else does.
    return isDirectory("/run/systemd/system");
}

std::string containerScopeUnit(std::string_view containerName) {
    return std::format("cubby-{}.scope", containerName);
}

std::string containerScopeGroup(std::string_view containerName) {
    return "machine.slice/" + containerScopeUnit(containerName);
}

std::string containerCgroupParent(std::string_view defaultParent, std::string_view containerName) {
    const std::string scope = containerScopeGroup(containerName);
    if (isDirectory(std::format("{}/{}", cgroupRoot, scope)))
        return scope;
    return std::string(defaultParent);
}

Result<std::string> enterContainerScope(std::string_view containerName) {
    const std::string group = containerScopeGroup(containerName);
    CUBBY_TRY(run,
              runTool({"start-scope", std::string(containerName), std::to_string(::getpid())}));
    CUBBY_CHECK(toolResult(run, "starting " + containerScopeUnit(containerName)));
    const std::string wanted = "/" + group;
    const auto deadline = std::chrono::steady_clock::now() + scopeMoveWait;
    for (;;) {
        CUBBY_TRY(current, ownCgroup());
        if (current == wanted)
            break;
        if (std::chrono::steady_clock::now() > deadline)
            return fail(Error::of(ErrorKind::System,
                                  std::format("systemd did not move the controller into {} "
                                              "(it is in {})",
                                              containerScopeUnit(containerName), current)));
        std::this_thread::sleep_for(scopePoll);
    }
    const std::string scopePath = std::format("{}/{}", cgroupRoot, group);
    const UniqueFd scope(::open(scopePath.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!scope)
        return fail(Error::system(errno, "opening " + scopePath));
    if (::mkdirat(scope.get(), "supervisor", 0755) != 0 && errno != EEXIST)
        return fail(Error::system(errno, std::format("creating {}/supervisor", scopePath)));
    const UniqueFd procs(
        ::openat(scope.get(), "supervisor/cgroup.procs", O_WRONLY | O_CLOEXEC | O_NOFOLLOW));
    if (!procs)
        return fail(Error::system(errno, std::format("opening {}/supervisor", scopePath)));
    if (::write(procs.get(), "0", 1) != 1)
        return fail(Error::system(errno, std::format("moving into {}/supervisor", scopePath)));
    return group;
}

Status registerContainerMachine(const MachineRegistration& machine) {
    std::vector<std::string> arguments = {"register", machine.name, machine.uuid.toString(),
                                          std::to_string(machine.leader), machine.rootDirectory};
    for (const int index : machine.hostInterfaces)
        arguments.push_back(std::to_string(index));
    CUBBY_TRY(run, runTool(std::move(arguments)));
    return toolResult(run, "registering " + machine.name + " with systemd-machined");
}

Status unregisterContainerMachine(std::string_view name) {
    CUBBY_TRY(run, runTool({"unregister", std::string(name)}));
    return toolResult(run, std::format("unregistering {} from systemd-machined", name));
}

} // namespace cubby
