#include "controller_run.h"

#include "busybox_root.h"
#include "ready_child.h"

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <format>
#include <fstream>
#include <poll.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#ifndef CUBBY_CONTROLLER_PATH
#error "CUBBY_CONTROLLER_PATH must name the cubby-controller binary"
#endif

extern char** environ;

namespace cubby::test {

std::string unprivilegedIdmapXml(uint32_t base) {
    return std::format("<idmap><uid start='0' target='{0}' count='65536'/><gid start='0' "
                       "target='{0}' count='65536'/></idmap>",
                       base);
}

std::string privilegedMetadataXml() {
    return "<metadata><cubby:container "
           "xmlns:cubby='https://github.com/cubby1/cubby/xmlns/container/1'><cubby:privileged/>"
           "</cubby:container></metadata>";
}

TestPrefix::TestPrefix() {
    static std::atomic<int> counter{0};
    char templ[] = "/tmp/cubby-prefix-XXXXXX";
    if (::mkdtemp(templ)) {
        m_path = templ;
        // Traversable like a real system's /: dnsmasq reads a network's reservation files
        // below run/cubby/.net/ after it dropped its privileges.
        ::chmod(templ, 0755);
    }
    m_cgroupParent = "cubby-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
}

TestPrefix::~TestPrefix() {
    if (!m_path.empty())
        removeTree(m_path);
    // The controllers removed their own groups; the parent is ours, in every hierarchy.
    ::rmdir(("/sys/fs/cgroup/" + m_cgroupParent).c_str());
    if (DIR* hierarchies = ::opendir("/sys/fs/cgroup")) {
        while (const dirent* entry = ::readdir(hierarchies)) {
            const std::string dir =
                std::string("/sys/fs/cgroup/") + entry->d_name + "/" + m_cgroupParent;
            ::rmdir(dir.c_str());
        }
        ::closedir(hierarchies);
    }
}

ControllerRun::ControllerRun(const TestPrefix& prefix, const std::string& name,
                             const std::string& domainXml)
    : m_prefix(prefix)
    , m_name(name) {
    const std::string definition = prefix.path() + "/" + name + ".xml";
    std::ofstream(definition) << domainXml;
    ReadyChild child = spawnReadyChild({CUBBY_CONTROLLER_PATH, "--name", name, "--definition",
                                        definition, "--prefix", prefix.path(), "--cgroup-parent",
                                        prefix.cgroupParent(), "--ready-fd", "{ready-fd}"});
    m_controllerPid = child.pid;
    m_readyFd = child.readyFd;
    m_error = child.error;
}

ControllerRun::~ControllerRun() {
    if (m_readyFd >= 0)
        ::close(m_readyFd);
    if (m_controllerPid > 0 && !m_reaped) {
        if (waitExit(std::chrono::milliseconds(0)) < 0) {
            ::kill(m_controllerPid, SIGTERM); // destroys the container cleanly
            if (waitExit(std::chrono::seconds(10)) < 0) {
                ::kill(m_controllerPid, SIGKILL);
                ::waitpid(m_controllerPid, nullptr, 0);
            }
        }
    }
}

bool ControllerRun::waitReady(std::chrono::milliseconds timeout) {
    if (m_readyFd < 0)
        return false;
    const std::string line = readReadyLine(m_readyFd, timeout, "the controller", m_error);
    if (line.starts_with("ready ")) {
        m_initPid = std::atoi(line.c_str() + 6);
        return m_initPid > 0;
    }
    if (!line.empty())
        m_error = line;
    return false;
}

Result<ControllerClient> ControllerRun::connect() const {
    return ControllerClient::connect(m_prefix.runDir(m_name) + "/control.sock");
}

int ControllerRun::waitExit(std::chrono::milliseconds timeout) {
    if (m_reaped)
        return 0;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        int status = 0;
        const pid_t done = ::waitpid(m_controllerPid, &status, WNOHANG);
        if (done == m_controllerPid) {
            m_reaped = true;
            return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        }
        if (std::chrono::steady_clock::now() >= deadline)
            return -1;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

std::string readConsoleUntil(ControllerClient& client, const std::string& needle,
                             std::chrono::milliseconds timeout) {
    std::string seen;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (seen.find(needle) == std::string::npos) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0)
            break;
        auto packet = client.receive(left);
        if (!packet)
            break;
        const auto message = decodeControl(*packet);
        if (message && (message->type == ControlMessage::ConsoleOutput ||
                        message->type == ControlMessage::Scrollback))
            seen.append(message->payload);
    }
    return seen;
}

} // namespace cubby::test
