#include "network_run.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <fstream>
#include <poll.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#ifndef CUBBY_NETWORK_PATH
#error "CUBBY_NETWORK_PATH must name the cubby-network binary"
#endif

extern char** environ;

namespace cubby::test {

bool writeTestFile(const std::string& path, const std::string& text) {
    for (size_t slash = path.find('/', 1); slash != std::string::npos;
         slash = path.find('/', slash + 1))
        ::mkdir(path.substr(0, slash).c_str(), 0755);
    std::ofstream out(path, std::ios::trunc);
    out << text;
    out.close();
    return static_cast<bool>(out);
}

NetworkRun::NetworkRun(const TestPrefix& prefix, const std::string& name,
                       const std::string& networkXml, const std::string& resolvFile) {
    const std::string definition = prefix.path() + "/etc/cubby/networks/" + name + ".xml";
    if (!writeTestFile(definition, networkXml)) {
        m_error = "cannot write " + definition;
        return;
    }
    int ready[2];
    if (::pipe2(ready, O_CLOEXEC) != 0) {
        m_error = "pipe2 failed";
        return;
    }
    const std::string readyFd = std::to_string(ready[1]);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, ready[1], ready[1]);
    const char* argv[] = {CUBBY_NETWORK_PATH, "--name",     name.c_str(),          "--definition",
                          definition.c_str(), "--prefix",   prefix.path().c_str(), "--resolv-file",
                          resolvFile.c_str(), "--ready-fd", readyFd.c_str(),       nullptr};
    const int spawned = posix_spawn(&m_pid, CUBBY_NETWORK_PATH, &actions, nullptr,
                                    const_cast<char**>(argv), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(ready[1]);
    m_readyFd = ready[0];
    if (spawned != 0) {
        m_pid = -1;
        m_error = std::string("posix_spawn: ") + std::strerror(spawned);
    }
}

NetworkRun::~NetworkRun() {
    if (m_readyFd >= 0)
        ::close(m_readyFd);
    if (m_pid > 0 && !m_reaped && stop(SIGTERM) < 0)
        stop(SIGKILL);
}

bool NetworkRun::waitReady(std::chrono::milliseconds timeout) {
    if (m_readyFd < 0)
        return false;
    std::string line;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (line.find('\n') == std::string::npos) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        pollfd fd{m_readyFd, POLLIN, 0};
        if (left.count() <= 0 || ::poll(&fd, 1, static_cast<int>(left.count())) <= 0) {
            m_error = "timed out waiting for cubby-network";
            return false;
        }
        char buffer[4096];
        const ssize_t got = ::read(m_readyFd, buffer, sizeof buffer);
        if (got <= 0)
            break;
        line.append(buffer, static_cast<size_t>(got));
    }
    if (line == "ready\n")
        return true;
    m_error = line.empty() ? "cubby-network exited without a word" : line;
    while (!m_error.empty() && m_error.back() == '\n')
        m_error.pop_back();
    return false;
}

int NetworkRun::stop(int signal, std::chrono::milliseconds timeout) {
    if (m_pid <= 0 || m_reaped)
        return m_reaped ? 0 : -1;
    ::kill(m_pid, signal);
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        int status = 0;
        if (::waitpid(m_pid, &status, WNOHANG) == m_pid) {
            m_reaped = true;
            return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        }
        if (std::chrono::steady_clock::now() >= deadline)
            return -1;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

std::vector<pid_t> dnsmasqProcesses(const std::string& needle) {
    std::vector<pid_t> found;
    DIR* proc = ::opendir("/proc");
    if (!proc)
        return found;
    while (const dirent* entry = ::readdir(proc)) {
        const pid_t pid = std::atoi(entry->d_name);
        if (pid <= 0)
            continue;
        std::ifstream in("/proc/" + std::string(entry->d_name) + "/cmdline", std::ios::binary);
        const std::string line((std::istreambuf_iterator<char>(in)), {});
        // A zombie has an empty command line; it is as good as gone.
        if (line.starts_with("/usr/sbin/dnsmasq") && line.find(needle) != std::string::npos)
            found.push_back(pid);
    }
    ::closedir(proc);
    return found;
}

} // namespace cubby::test
