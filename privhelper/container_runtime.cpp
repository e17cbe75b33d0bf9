#include "container_runtime.h"

#include "domain_xml.h"
#include "process_spawn.h"
#include "systemd_host.h"

#include <format>
#include <fstream>
#include <sstream>
#include <unistd.h>

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
    // No controller holds the lock. A dead one leaves its run directory behind (it is made
    // before init runs and removed last), so only then is there anything to clean; checking
    // that first keeps listing hundreds of stopped containers cheap. (A controller killed
    // before it made the directory leaves at most a cgroup, which the next start removes.)
    if (::access(m_config.paths.containerRunDir(name).c_str(), F_OK) == 0)
        (void)cleanStaleContainer(m_config.paths, name);
    m_groups.erase(name);
    m_pids.erase(name);
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
    const auto stamp = stampOf(m_config.paths.liveXml(name));
    if (!stamp)
        return 0;
    if (const auto kept = m_pids.find(name); kept != m_pids.end() && kept->second.first == *stamp)
        return kept->second.second;
    const std::string xml = liveXml(name);
    if (xml.empty())
        return 0;
    auto domain = parseDomainXml(xml, [] { return Uuid{}; });
    const int64_t pid = domain && domain->live ? domain->live->id : 0;
    if (pid > 0)
        m_pids.insert_or_assign(name, std::pair{*stamp, pid});
    return pid;
}

void ContainerRuntime::start(const std::string& name, const std::string& definitionPath,
                             std::function<void(Result<int64_t>)> done) {
    (void)makeDirectories(m_config.paths.logDir(), 0750);
    const std::string logPath = m_config.paths.logDir() + "/" + name + ".controller.log";
    auto spawned = spawnWithReadyFd(
        {m_config.controllerPath.toStdString(), "--name", name, "--definition", definitionPath,
         "--prefix", m_config.paths.prefix, "--cgroup-parent", m_config.paths.cgroupParent,
         "--ready-fd", std::string(readyFdPlaceholder)},
        logPath, this, [this, name, done](const std::string& line) {
            m_starting.erase(name);
            if (line.starts_with("ready "))
                done(std::stoll(line.substr(6)));
            else if (line.starts_with("error "))
                done(fail(Error::of(ErrorKind::System, line.substr(6))));
            else
                done(fail(Error::of(ErrorKind::System,
                                    "cubby-controller exited without starting the container")));
            if (m_starting.empty())
                emit settled();
        });
    if (!spawned) {
        done(fail(spawned.error()));
        return;
    }
    m_starting.insert(name);
}

Result<std::string> ContainerRuntime::request(const std::string& name, ControlMessage type,
                                              std::string_view payload) {
    CUBBY_TRY(client, ControllerClient::connect(m_config.paths.controlSocket(name)));
    // A controller started by an older package (before an upgrade) may not know a newer
    // request: ask its version first rather than have it refuse an unknown message.
    if (const unsigned needed = controlProtocolIntroducing(type); needed > 1) {
        CUBBY_TRY(status, client.request(ControlMessage::StatusQuery, {}, std::chrono::seconds(5)));
        const auto version = controlProtocolOfStatus(status);
        if (!version || *version < needed)
            return fail(Error::of(
                ErrorKind::Conflict,
                std::format("'{}' runs under a controller from an older Cubby (control protocol "
                            "{}, this needs {}); it takes this after a restart",
                            name, version ? std::to_string(*version) : "unknown", needed)));
    }
    return client.request(type, payload, std::chrono::seconds(5));
}

Result<CgroupStats> ContainerRuntime::stats(const std::string& name) const {
    if (const auto kept = m_groups.find(name); kept != m_groups.end()) {
        if (auto stats = kept->second.readStats())
            return stats;
        m_groups.erase(kept); // gone or made anew: open it again
    }
    CUBBY_TRY(group, ContainerCgroup::open(containerCgroupParent(m_config.paths.cgroupParent, name),
                                           name));
    CUBBY_TRY(stats, group.readStats());
    m_groups.insert_or_assign(name, std::move(group));
    return stats;
}

} // namespace cubby
