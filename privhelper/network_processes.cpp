#include "network_processes.h"

#include "process_spawn.h"
#include "run_state.h"
#include "unique_fd.h"

#include <QSocketNotifier>
#include <QTimer>
#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <format>
#include <fstream>
#include <memory>
#include <sys/file.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace cubby {

namespace {

// Written by cubby-network (engine/network/supervisor.cpp) into its run directory.
constexpr std::string_view supervisorPidFile = "supervisor.pid";

bool lockHeld(const std::string& path) {
    const UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
    if (!fd)
        return false;
    return ::flock(fd.get(), LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK;
}

int sendSignal(int pidfd, int signal) {
    return static_cast<int>(::syscall(SYS_pidfd_send_signal, pidfd, signal, nullptr, 0));
}

} // namespace

NetworkProcesses::NetworkProcesses(HelperConfig config, QObject* parent)
    : QObject(parent)
    , m_config(std::move(config)) {}

bool NetworkProcesses::isActive(const std::string& name) const {
    return m_starting.contains(name) || lockHeld(m_config.paths.networkLockPath(name));
}

std::set<std::string> NetworkProcesses::active(const std::vector<std::string>& names) const {
    std::set<std::string> result;
    for (const auto& name : names) {
        if (isActive(name))
            result.insert(name);
    }
    return result;
}

void NetworkProcesses::start(const std::string& name, const std::string& definitionPath,
                             std::function<void(Status)> done) {
    (void)makeDirectories(m_config.paths.logDir(), 0750);
    const std::string logPath = std::format("{}/{}.network.log", m_config.paths.logDir(), name);
    std::vector<std::string> argv = {m_config.networkPath.toStdString(),
                                     "--name",
                                     name,
                                     "--definition",
                                     definitionPath,
                                     "--prefix",
                                     m_config.paths.prefix,
                                     "--ready-fd",
                                     std::string(readyFdPlaceholder)};
    if (!m_config.resolvFile.isEmpty()) {
        argv.emplace_back("--resolv-file");
        argv.push_back(m_config.resolvFile.toStdString());
    }
    auto spawned =
        spawnWithReadyFd(argv, logPath, this, [this, name, done, logPath](const std::string& line) {
            m_starting.erase(name);
            if (line == "ready")
                done({});
            else if (line.starts_with("error "))
                done(fail(Error::of(ErrorKind::System, line.substr(6))));
            else
                done(fail(Error::of(ErrorKind::System,
                                    std::format("cubby-network exited without starting network "
                                                "'{}' (see {})",
                                                name, logPath))));
        });
    if (!spawned) {
        done(fail(spawned.error()));
        return;
    }
    m_starting.insert(name);
}

Result<pid_t> NetworkProcesses::supervisorPid(const std::string& name) const {
    const std::string path =
        std::format("{}/{}", m_config.paths.networkRunDir(name), supervisorPidFile);
    std::ifstream in(path);
    long pid = 0;
    if (!(in >> pid) || pid <= 1)
        return fail(
            Error::of(ErrorKind::System,
                      std::format("network '{}' runs but {} names no process", name, path)));
    // The pid may have been reused since a crash: it must be a cubby-network for this name.
    std::ifstream cmdline(std::format("/proc/{}/cmdline", pid), std::ios::binary);
    const std::string command(std::istreambuf_iterator<char>(cmdline), {});
    const std::string nameArgument = std::string("--name") + '\0' + name + '\0';
    if (command.find("cubby-network") == std::string::npos ||
        command.find(nameArgument) == std::string::npos)
        return fail(
            Error::of(ErrorKind::System,
                      std::format("process {} is not network '{}''s cubby-network", pid, name)));
    return static_cast<pid_t>(pid);
}

Status NetworkProcesses::reloadReservations(const std::string& name) {
    if (!isActive(name))
        return {};
    // A starting cubby-network blocks SIGHUP before its pid file names it and reads the
    // reservations after that, so one without a pid file yet needs no signal.
    const auto pid = supervisorPid(name);
    if (!pid)
        return m_starting.contains(name) ? Status{} : fail(pid.error());
    const UniqueFd pidfd(openPidfd(*pid));
    if (!pidfd)
        return fail(Error::system(errno, std::format("opening process {}", *pid)));
    if (sendSignal(pidfd.get(), SIGHUP) != 0 && errno != ESRCH)
        return fail(Error::system(errno, std::format("signalling network '{}'", name)));
    return {};
}

void NetworkProcesses::stop(const std::string& name, std::function<void(Status)> done,
                            std::chrono::milliseconds grace) {
    auto pid = supervisorPid(name);
    if (!pid) {
        done(fail(pid.error()));
        return;
    }
    // The pidfd pins the process: the signal cannot reach a reused pid, and it becomes
    // readable when the process is gone (its lock and therefore the network with it).
    UniqueFd pidfd(openPidfd(*pid));
    if (!pidfd) {
        done(fail(Error::system(errno, std::format("opening process {}", *pid))));
        return;
    }
    if (!isActive(name)) { // it ended between the lookup and the pidfd
        done({});
        return;
    }
    if (sendSignal(pidfd.get(), SIGTERM) != 0 && errno != ESRCH) {
        done(fail(Error::system(errno, std::format("stopping network '{}'", name))));
        return;
    }
    ++m_stopping;
    auto* notifier = new QSocketNotifier(pidfd.release(), QSocketNotifier::Read, this);
    auto* timer = new QTimer(notifier);
    timer->setSingleShot(true);
    auto finished = std::make_shared<bool>(false);
    const auto finish = [this, notifier, finished, done](Status status) {
        if (*finished)
            return;
        *finished = true;
        --m_stopping;
        notifier->setEnabled(false);
        ::close(int(notifier->socket()));
        notifier->deleteLater();
        done(std::move(status));
    };
    connect(notifier, &QSocketNotifier::activated, this, [finish] { finish({}); });
    connect(timer, &QTimer::timeout, this, [notifier, finish, name, grace] {
        sendSignal(int(notifier->socket()), SIGKILL);
        finish(fail(Error::of(ErrorKind::System,
                              std::format("network '{}' did not stop within {} s and was killed; "
                                          "its bridge and rules are removed when it next starts",
                                          name, grace.count() / 1000))));
    });
    timer->start(grace);
}

} // namespace cubby
