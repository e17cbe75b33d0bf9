#include "network_run.h"

#include "ready_child.h"

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
    ReadyChild child =
        spawnReadyChild({CUBBY_NETWORK_PATH, "--name", name, "--definition", definition, "--prefix",
                         prefix.path(), "--resolv-file", resolvFile, "--ready-fd", "{ready-fd}"});
    m_pid = child.pid;
    m_readyFd = child.readyFd;
    m_error = child.error;
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
    const std::string line = readReadyLine(m_readyFd, timeout, "cubby-network", m_error);
    if (line == "ready")
        return true;
    if (!line.empty())
        m_error = line;
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
