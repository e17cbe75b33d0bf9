#pragma once
// Running networks as the helper sees them: each is one cubby-network process (engine/network/)
// holding the network's lock under run/cubby/.net/, with its pid in that directory. The helper
// keeps no state of its own, so a helper that was killed or exited when idle finds every
// running network again, and can stop one it did not start.

#include "container_runtime.h"
#include "error.h"

#include <QObject>
#include <chrono>
#include <functional>
#include <set>
#include <string>
#include <vector>

namespace cubby {

class NetworkProcesses : public QObject {
    Q_OBJECT
public:
    explicit NetworkProcesses(HelperConfig config, QObject* parent = nullptr);

    // Starting, or a live cubby-network holds the network's lock.
    bool isActive(const std::string& name) const;
    std::set<std::string> active(const std::vector<std::string>& names) const;

    // Spawns cubby-network for the definition file; `done` once the network is up (bridge,
    // rules, dnsmasq) or its start failed.
    void start(const std::string& name, const std::string& definitionPath,
               std::function<void(Status)> done);
    // SIGTERM to the network's cubby-network, then waits (without blocking) until it has
    // taken everything down and exited. After `grace` it is killed; what it left is cleaned
    // by the next start.
    void stop(const std::string& name, std::function<void(Status)> done,
              std::chrono::milliseconds grace = std::chrono::seconds(30));

    // Tells a running network that its definition's DHCP reservations changed: SIGHUP to its
    // cubby-network, which reads them again and passes them on to dnsmasq. Nothing to do for
    // a network that is not running.
    Status reloadReservations(const std::string& name);

    int pending() const { return static_cast<int>(m_starting.size()) + m_stopping; }

private:
    // The pid of the network's cubby-network, checked against its lock and command line.
    Result<pid_t> supervisorPid(const std::string& name) const;

    HelperConfig m_config;
    std::set<std::string> m_starting;
    int m_stopping = 0;
};

} // namespace cubby
