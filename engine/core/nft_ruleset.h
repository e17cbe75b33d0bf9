#pragma once
// The nftables ruleset of one network, as text for one libnftables transaction.
//
// Layout: two tables per network, `table inet cubby_NAME` (routing, NAT, isolation) and
// `table bridge cubby_NAME` (what containers may send onto the bridge), owned by Cubby alone.
// Starting applies `add table` + `flush table` + every chain and rule in one transaction, so a
// second start or a start after a crash replaces the table's contents instead of adding to them;
// stopping applies `add table` + `delete table`, which succeeds whether or not the table is
// there. Per-network tables (rather than one shared table) keep networks independent: one
// network's start, stop or crash never rewrites another's rules, and cleaning up needs
// nothing but the network's name.
//
// Across tables an `accept` only ends the chain it is in, while a `drop` anywhere is final.
// So isolation is written as drops on the network's own bridge: traffic into a bridge that is
// neither a reply, nor a port forward, nor from the same bridge is rejected, which also keeps
// two Cubby networks from reaching each other's containers. Accepting in *other* tables'
// chains (Docker's FORWARD policy drop) is firewall_analysis.h's job.

#include "error.h"
#include "network.h"

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cubby {

std::string nftTableName(std::string_view networkName); // "cubby_NAME"

// The whole table for a network whose bridge name is known. Open networks get no table (an
// empty text). Fails for a network without a bridge name or, for NAT and routed networks,
// without an IPv4 subnet.
//
// `lanSubnets` are the subnets the host is on besides the bridge (hostLanSubnets): with
// <cubby:walls lan='no'/> they are walled off together with the private ranges.
Result<std::string> planNftRuleset(const Network& network,
                                   std::span<const IpPrefix> lanSubnets = {});

// What the host answers containers on the bridge whatever else is walled off, as nft match
// expressions: DHCP and DNS, and with IPv6 DHCPv6 and neighbour discovery.
struct HostService {
    std::string match;
    bool ipv6Only = false; // means nothing to an `ip` family chain
};
std::vector<HostService> hostServicesForContainers(const Network& network);

// Removes the table whether or not it exists.
std::string planNftRemoval(std::string_view networkName);

} // namespace cubby
