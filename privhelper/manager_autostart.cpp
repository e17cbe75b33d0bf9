// Autostart (issues 4 and 5): networks and containers marked autostart come up when the
// system boots. The helper is started on demand and exits when idle, so "boot" is its first
// start since the machine booted: the marker run/cubby/.autostarted lives on the /run tmpfs
// and is gone after a reboot. On systemd hosts the unit's [Install] section starts the helper
// at boot; elsewhere any call does (an init script runs `cubbyctl list`).
//
// Networks first, then the containers whose networks are up, all asynchronously while calls
// are served; nothing asks polkit, since nobody calls: the administrator marked them.
// Failures are logged and do not stop the rest.
#include "manager_common.h"
#include "manager_service.h"
#include "run_state.h"
#include "unique_fd.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <unistd.h>

namespace cubby {

namespace {

// Creates the marker; false when it was there already (not the first start since boot).
bool claimBoot(const CubbyPaths& paths) {
    (void)makeDirectories(paths.runDir(), 0755);
    const std::string marker = paths.runDir() + "/.autostarted";
    // Taken before anything starts: a helper that crashes halfway must not start things
    // again and again; what failed is in the log.
    const UniqueFd fd(::open(marker.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
    if (fd)
        return true;
    if (errno != EEXIST)
        std::fprintf(stderr, "cubby-helper: cannot create %s (%s); autostart skipped\n",
                     marker.c_str(), std::strerror(errno));
    return false;
}

} // namespace

void ManagerService::autostartOnBoot() {
    if (!claimBoot(m_config.paths))
        return;
    std::vector<std::string> networks;
    for (const auto& name : m_networks.names()) {
        if (m_networks.autostart(name) && !m_networkProcesses.isActive(name))
            networks.push_back(name);
    }
    ++m_pendingAutostarts; // held until the containers have been started
    if (networks.empty()) {
        autostartContainers();
        return;
    }
    auto left = std::make_shared<size_t>(networks.size());
    for (const auto& name : networks) {
        std::fprintf(stderr, "cubby-helper: autostart: starting network %s\n", name.c_str());
        startNetworkNow(name, [this, name, left](Status started) {
            if (!started)
                std::fprintf(stderr, "cubby-helper: autostart: network %s: %s\n", name.c_str(),
                             started.error().message.c_str());
            if (--*left == 0)
                autostartContainers();
        });
    }
}

void ManagerService::autostartContainers() {
    for (const auto& name : m_containers.names()) {
        if (!m_containers.autostart(name) || m_runtime.isRunning(name))
            continue;
        std::fprintf(stderr, "cubby-helper: autostart: starting container %s\n", name.c_str());
        ++m_pendingAutostarts;
        startContainerNow(name, [this, name](Result<int64_t> pid) {
            --m_pendingAutostarts;
            if (!pid)
                std::fprintf(stderr, "cubby-helper: autostart: container %s: %s\n", name.c_str(),
                             pid.error().message.c_str());
            emit activity();
        });
    }
    --m_pendingAutostarts;
    emit activity();
}

} // namespace cubby
