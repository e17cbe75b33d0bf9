#pragma once
// "Why has my container no internet?": every hop a packet from a container on a Cubby network
// takes, checked in order and reported in plain words as ok, warning or fail — the network's
// process, its bridge, the bridge's address and subnet, IPv4 forwarding, Cubby's nftables
// table, other firewalls (firewall_analysis.h), the host's uplink route, the IPv6 path (the
// bridge's prefix, IPv6 forwarding, the uplink's IPv6 route and whether it is still learnt),
// dnsmasq, and DNS.
// Runs in the helper's network namespace, which is the networks' own. Everything is a quick
// local read except the DNS question to dnsmasq, which is asked asynchronously with a short
// timeout, so the helper's event loop never waits.

#include "network.h"
#include "run_state.h"

#include <QObject>
#include <chrono>
#include <functional>
#include <string>
#include <vector>

namespace cubby {

enum class HopStatus { Ok, Warning, Fail };

struct DiagnosisHop {
    std::string hop; // "state", "bridge", "address", …: stable keys for programs
    HopStatus status = HopStatus::Ok;
    std::string message; // for people
};

std::string_view hopStatusName(HopStatus status); // "ok", "warning", "fail"

struct DiagnosisContext {
    CubbyPaths paths;
    bool active = false;
    std::string resolvFile; // dnsmasq's upstream list when the network names no forwarders
};

// Runs every check; `done` gets the hops in order (possibly before this returns).
void diagnoseNetwork(const Network& network, const DiagnosisContext& context, QObject* owner,
                     std::function<void(std::vector<DiagnosisHop>)> done);

// Asks the DNS server at `server`:53 for "version.bind" (class CHAOS), which dnsmasq answers
// itself without asking upstream. `done` gets whether an answer came, and the version text
// when it carried one.
void probeDns(const IpAddress& server, std::chrono::milliseconds timeout, QObject* owner,
              std::function<void(bool answered, std::string version)> done);

} // namespace cubby
