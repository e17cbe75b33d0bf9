#pragma once
// Running containers as the helper sees them: each is a cubby-controller process found through
// its lock and control socket under the run directory, so the helper keeps no state of its own
// and a restarted helper finds everything again.

#include "cgroup.h"
#include "controller_client.h"
#include "file_stamp.h"
#include "run_state.h"

#include <QObject>
#include <QString>
#include <functional>
#include <map>
#include <optional>
#include <set>

namespace cubby {

struct HelperConfig {
    CubbyPaths paths;
    QString controllerPath;   // the cubby-controller binary
    QString networkPath;      // the cubby-network binary
    QString resolvFile;       // dnsmasq's upstream servers, handed to cubby-network
    QString rootfsWorkerPath; // the cubby-rootfs binary
    QString busyboxPath;      // the static busybox BusyBox root filesystems are made from
    // What one user may make without an administrator (io.github.cubby1.manage-own).
    size_t userContainerLimit = 20;
    size_t userRootfsLimit = 10;
    uint64_t userRootfsBytesLimit = uint64_t(32) << 30;
};

class ContainerRuntime : public QObject {
    Q_OBJECT
public:
    explicit ContainerRuntime(HelperConfig config, QObject* parent = nullptr);

    const HelperConfig& config() const { return m_config; }

    // Whether a live controller holds the container; cleans what a dead one left behind.
    bool isRunning(const std::string& name);
    bool isStarting(const std::string& name) const { return m_starting.contains(name); }
    // Init's pid as the host sees it, from the live XML; 0 when unknown.
    int64_t initPid(const std::string& name) const;
    std::string liveXml(const std::string& name) const;

    // Starts a controller for the definition file; `done` gets init's pid once it runs.
    void start(const std::string& name, const std::string& definitionPath,
               std::function<void(Result<int64_t>)> done);
    // A request over the controller's socket (shutdown, destroy, reboot, status).
    Result<std::string> request(const std::string& name, ControlMessage type,
                                std::string_view payload = {});
    Result<CgroupStats> stats(const std::string& name) const;

    // Names whose controller holds its lock right now.
    std::set<std::string> running(const std::vector<std::string>& names);
    int pendingStarts() const { return static_cast<int>(m_starting.size()); }

signals:
    void settled(); // no start is pending any more

private:
    HelperConfig m_config;
    std::set<std::string> m_starting;
    // Kept between calls (GetStats asks for every running container each second): each
    // running container's cgroup, open, and init's pid with the stamp of the live XML it was
    // read from. Dropped when the container is found stopped; a cgroup that fails to read
    // (made anew by a restart) is opened again.
    mutable std::map<std::string, ContainerCgroup> m_groups;
    mutable std::map<std::string, std::pair<FileStamp, int64_t>> m_pids;
};

} // namespace cubby
