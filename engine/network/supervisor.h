#pragma once
// One running network: its kernel objects (network_runtime.h) and its dnsmasq, restarted when
// it dies, everything removed on SIGTERM. Holds the network's lock for its whole life; a lock
// anyone can take means the supervisor is gone and what it left is stale (cleaned by the next
// start).

#include "dnsmasq_process.h"
#include "event_loop.h"
#include "network.h"
#include "run_state.h"

#include <chrono>
#include <deque>
#include <memory>
#include <optional>

namespace cubby {

struct SupervisorOptions {
    CubbyPaths paths;
    std::string resolvFile = "/etc/resolv.conf"; // dnsmasq's upstream servers
    std::string dnsmasqProgram = "/usr/sbin/dnsmasq";
    // The definition the network was started from; read again on SIGHUP for its DHCP
    // reservations (empty: reservations stay as started).
    std::string definitionPath;
};

class NetworkSupervisor {
public:
    // Takes the lock, cleans what a killed supervisor left, and brings the network up.
    static Result<std::unique_ptr<NetworkSupervisor>> start(Network network,
                                                            SupervisorOptions options);
    ~NetworkSupervisor();

    const std::vector<std::string>& notes() const { return m_notes; }
    // Serves until SIGTERM or SIGINT, then takes the network down. SIGHUP reloads what
    // containers claim from the definition (reloadContainerClaims).
    Status run();

private:
    NetworkSupervisor(Network network, SupervisorOptions options, UniqueFd lock, EventLoop loop);
    Status blockSignals();
    Status bringUp();
    // Takes what containers claim from the definition file as it is now: the IPv4
    // reservations and the containers' walls (cubby-helper changes both whenever a container
    // is defined, started or undefined). Anything else that changed in the definition waits
    // for the next start (the helper refuses to redefine a running network, so only these
    // change).
    Status rereadContainerClaims();
    // dnsmasq's reservation files, from m_network.
    Status writeReservationFiles();
    // On SIGHUP: rereads the claims, rewrites the files, tells dnsmasq and replaces the
    // rules (the bridge table holds each reserved MAC to its address, the walls are by MAC).
    Status reloadContainerClaims();
    Status startDnsmasq();
    void onDnsmasqExit();
    void onSignal();
    void tearDown();
    std::string file(std::string_view name) const;

    Network m_network;
    SupervisorOptions m_options;
    UniqueFd m_lock;
    EventLoop m_loop;
    UniqueFd m_signals;
    std::optional<DnsmasqProcess> m_dnsmasq;
    std::deque<std::chrono::steady_clock::time_point> m_restarts;
    std::vector<std::string> m_notes;
    bool m_up = false;
};

} // namespace cubby
