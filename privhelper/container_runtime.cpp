#include "container_runtime.h"

#include "domain_xml.h"
#include "unique_fd.h"

#include <QSocketNotifier>
#include <cerrno>
#include <fcntl.h>
#include <fstream>
#include <spawn.h>
#include <sstream>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace cubby {

ContainerRuntime::ContainerRuntime(HelperConfig config, QObject* parent)
    : QObject(parent)
    , m_config(std::move(config)) {}

bool ContainerRuntime::isRunning(const std::string& name) {
    if (m_starting.contains(name))
        return true;
    // A controller that is stopping removes its run directory before it lets go of its lock:
    // from that moment the container counts as stopped (and its removal is the event the
    // state-change watcher sees).
    if (controllerAlive(m_config.paths, name))
        return ::access(m_config.paths.liveXml(name).c_str(), F_OK) == 0;
    // No controller holds the lock: whatever a dead one left behind goes now.
    (void)cleanStaleContainer(m_config.paths, name);
    return false;
}

std::set<std::string> ContainerRuntime::running(const std::vector<std::string>& names) {
    std::set<std::string> result;
    for (const auto& name : names) {
        if (isRunning(name))
            result.insert(name);
    }
    return result;
}

std::string ContainerRuntime::liveXml(const std::string& name) const {
    std::ifstream file(m_config.paths.liveXml(name));
    std::stringstream text;
    text << file.rdbuf();
    return text.str();
}

int64_t ContainerRuntime::initPid(const std::string& name) const {
    const std::string xml = liveXml(name);
    if (xml.empty())
        return 0;
    auto domain = parseDomainXml(xml, [] { return Uuid{}; });
    return domain && domain->live ? domain->live->id : 0;
}

void ContainerRuntime::start(const std::string& name, const std::string& definitionPath,
                             std::function<void(Result<int64_t>)> done) {
    int ready[2];
    if (::pipe2(ready, O_CLOEXEC) != 0) {
        done(fail(Error::system(errno, "creating the controller's ready pipe")));
        return;
    }
    UniqueFd readEnd(ready[0]);
    UniqueFd writeEnd(ready[1]);
    const std::string readyFd = std::to_string(writeEnd.get());
    const std::string controller = m_config.controllerPath.toStdString();
    const std::string logPath = m_config.paths.logDir() + "/" + name + ".controller.log";
    (void)makeDirectories(m_config.paths.logDir(), 0750);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, logPath.c_str(), O_WRONLY | O_CREAT | O_APPEND,
                                     0600);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    posix_spawn_file_actions_adddup2(&actions, writeEnd.get(), writeEnd.get()); // keep it open
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    // Its own session: the controller outlives the helper and no terminal signal reaches it.
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSID);
    const char* argv[] = {controller.c_str(),
                          "--name",
                          name.c_str(),
                          "--definition",
                          definitionPath.c_str(),
                          "--prefix",
                          m_config.paths.prefix.c_str(),
                          "--cgroup-parent",
                          m_config.paths.cgroupParent.c_str(),
                          "--ready-fd",
                          readyFd.c_str(),
                          nullptr};
    pid_t pid = -1;
    const int spawned = posix_spawn(&pid, controller.c_str(), &actions, &attributes,
                                    const_cast<char**>(argv), environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    writeEnd.reset();
    if (spawned != 0) {
        done(fail(Error::system(spawned, "starting cubby-controller")));
        return;
    }
    reapWhenDone(pid);
    m_starting.insert(name);

    // The ready line arrives when init runs (or the start failed); no blocking meanwhile.
    auto* notifier = new QSocketNotifier(readEnd.release(), QSocketNotifier::Read, this);
    auto line = std::make_shared<std::string>();
    connect(notifier, &QSocketNotifier::activated, this,
            [this, notifier, line, name, done = std::move(done)] {
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
                m_starting.erase(name);
                if (line->starts_with("ready "))
                    done(std::stoll(line->substr(6)));
                else if (line->starts_with("error "))
                    done(fail(Error::of(ErrorKind::System, line->substr(6, line->find('\n') - 6))));
                else
                    done(fail(Error::of(ErrorKind::System,
                                        "cubby-controller exited without starting the container")));
                if (m_starting.empty())
                    emit settled();
            });
}

void ContainerRuntime::reapWhenDone(int pid) {
    // A pidfd turns the controller's exit into an event, so it never lingers as a zombie
    // while this helper runs (after the helper exits, init reaps it).
    const int pidfd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
    if (pidfd < 0)
        return;
    ::fcntl(pidfd, F_SETFD, FD_CLOEXEC);
    auto* notifier = new QSocketNotifier(pidfd, QSocketNotifier::Read, this);
    connect(notifier, &QSocketNotifier::activated, this, [notifier, pid] {
        ::waitpid(pid, nullptr, WNOHANG);
        notifier->setEnabled(false);
        ::close(int(notifier->socket()));
        notifier->deleteLater();
    });
}

Result<std::string> ContainerRuntime::request(const std::string& name, ControlMessage type,
                                              std::string_view payload) {
    CUBBY_TRY(client, ControllerClient::connect(m_config.paths.controlSocket(name)));
    return client.request(type, payload, std::chrono::seconds(5));
}

Result<CgroupStats> ContainerRuntime::stats(const std::string& name) const {
    CUBBY_TRY(group, ContainerCgroup::open(m_config.paths.cgroupParent, name));
    return group.readStats();
}

} // namespace cubby
