#pragma once
// Every container interface on a Cubby network gets a DHCP reservation (issue 4): a stable
// address that dnsmasq hands to a DHCP client and that the engine configures directly when the
// container runs none. These are the pure decisions: which MACs of a container want a
// reservation on which network, which free address of the DHCP range each one gets, and how a
// network's reservations change when a container is defined, redefined or undefined.

#include "domain.h"
#include "error.h"
#include "network.h"

#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace cubby {

// An address somebody uses on the network: a lease (with the MAC holding it) or another
// container's own <ip> (without).
struct AddressInUse {
    std::optional<MacAddress> mac;
    IpAddress ip;
    bool operator==(const AddressInUse&) const = default;
};

// Gives every type='network' interface without a <mac> the stable generated one, so that the
// stored definition keeps it even if interfaces are later reordered. Returns whether any
// interface changed.
bool assignInterfaceMacs(Domain& domain);

// Per network name, the MACs of the domain's type='network' interfaces that take their address
// from the network (no <ip> and no <route> of their own); the generated MAC where none is given.
std::map<std::string, std::vector<MacAddress>> reservationMacs(const Domain& domain);

// The address to reserve for `mac` on `ip`'s subnet: the one `mac` leases now, if it lies in a
// DHCP range and nobody else has it (a container that already got a lease keeps its address);
// otherwise the lowest address of the DHCP ranges that is not the bridge's, not reserved, not
// a DNS host's and not in use by anyone else. nullopt when the ranges are full or there are none.
std::optional<IpAddress> chooseReservationAddress(const Network& network, const MacAddress& mac,
                                                  std::span<const AddressInUse> inUse);

// Brings `network`'s reservations for `container` in line with `wanted` (its MACs on this
// network, from reservationMacs; empty when undefined or no longer on it):
// - a wanted MAC without a reservation gets one (named after the container when no other
//   reservation has that name yet; DHCP host names are unique per network);
// - a reservation that is the container's — named after it, or nameless with one of
//   `previous` (the MACs of the definition being replaced) — whose MAC is no longer wanted
//   is removed.
// A reservation that already matches a wanted MAC (written by hand, perhaps with another name
// or address) is left as it is, as is a name-only reservation for the container (which
// planContainerNetwork already uses). Networks without IPv4 DHCP ranges get no new
// reservations. Returns whether the network changed; fails with Conflict when a range is full.
Result<bool> reconcileReservations(Network& network, std::string_view container,
                                   std::span<const MacAddress> wanted,
                                   std::span<const MacAddress> previous,
                                   std::span<const AddressInUse> inUse);

// What a container asks of the networks it is on: reservations for the MACs that take their
// address from the network, and its walls on all its interfaces there. Empty for a container
// being undefined.
struct NetworkClaims {
    std::map<std::string, std::vector<MacAddress>> reservations; // reservationMacs
    std::map<std::string, std::vector<MacAddress>> interfaces;   // networkInterfaceMacs
    std::optional<NetworkWalls> walls;
};
NetworkClaims networkClaims(const Domain& domain);

// Per network name, the MACs of all the domain's type='network' interfaces (those without a
// <mac> skipped: assignInterfaceMacs gives every one a MAC before this matters).
std::map<std::string, std::vector<MacAddress>> networkInterfaceMacs(const Domain& domain);

// Brings `network`'s <cubby:containerwalls> for `container` in line with its walls
// (domain.cubby.walls; nullopt or walling nothing: none) on each of `macs`, its interfaces on
// this network. Fails, naming the container and network, when the network cannot wall
// (open, or the host's LAN). Returns whether the network changed.
Result<bool> reconcileContainerWalls(Network& network, std::string_view container,
                                     std::span<const MacAddress> macs,
                                     const std::optional<NetworkWalls>& walls);

} // namespace cubby
