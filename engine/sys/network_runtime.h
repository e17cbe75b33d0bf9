#pragma once
// A network's kernel objects, brought up and taken down in the calling thread's network
// namespace: the bridge (libnl), its address, the sysctls, Cubby's nftables table and the
// openings in other tables' chains (firewall_analysis.h). dnsmasq is its supervisor's
// business (engine/network/).
//
// IPv4 forwarding: a NAT or routed network turns net.ipv4.ip_forward on when it starts and
// leaves it on when it stops, even as the last one. Other software (Docker, VPNs, a hotspot)
// may need it too, and nothing records who turned it on first; turning it off under them
// would break them silently, while leaving it on changes nothing for a host whose firewall
// (or Cubby's own table, which rejects forwarded traffic into its bridges) decides what is
// forwarded. route_localnet is set on the bridge only and goes away with it. IPv6 forwarding
// is the same, and before it goes on every interface that takes router advertisements is
// set to keep taking them (planUplinkAcceptRa); that also stays.

#include "error.h"
#include "network.h"
#include "network_plan.h"

#include <string>
#include <vector>

namespace cubby {

struct NetworkApplied {
    std::vector<std::string> notes; // the firewall findings, in plain words
};

// Everything but dnsmasq, for a validated network with a bridge name. Refuses (with nothing
// changed) when the subnet conflicts with the host's addresses or routes, or when a link of
// the bridge's name exists and `replaceBridge` is false (it is someone else's). On failure
// midway, what was created is removed again.
Result<NetworkApplied> applyNetwork(const Network& network, bool replaceBridge);

// A LAN-mode network (Network::joinsHostLan) has nothing of Cubby's to bring up: this checks
// that what it names is there — the host bridge (a bridge, not some other link) or one of its
// NICs — and touches nothing. Stopping it likewise leaves the host's links alone.
Status checkHostLan(const Network& network);

// Whether a link is a Wi-Fi interface (it has a wireless PHY), and whether a bridge has one
// among its ports: most access points drop frames from MACs that did not associate with
// them, so neither a host bridge nor a macvlan works over Wi-Fi.
bool isWirelessLink(const std::string& name);
std::vector<std::string> wirelessPortsOf(const std::string& bridge);

// The host's links with their Wi-Fi flag: what hostLanChoices chooses from.
Result<std::vector<HostLink>> readHostLinks();

// Rewrites the network's nftables tables in one transaction: the reservations the bridge
// table binds to MACs have changed.
Status refreshNetworkRules(const Network& network);

// Removes the table, the openings in other tables and the bridge named `bridge` (when not
// empty). Goes on past failures and returns the first. Safe when nothing is there.
Status removeNetwork(const Network& network, const std::string& bridge);

} // namespace cubby
