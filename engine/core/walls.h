#pragma once
// Walls: what containers may reach besides the internet. A network has walls for all its
// containers (<cubby:walls> in the network definition), and a container may add its own
// (<cubby:walls> in its Cubby metadata), which the helper copies into each of its networks as
// <cubby:containerwalls> by MAC, since the network's firewall is what enforces them.
//
// A container's walls only ever add to its network's: whoever may define a container must not
// be able to open what the network's owner walled off. To let one container reach more, put
// it on a network with fewer walls.

#include "error.h"

#include <optional>
#include <string_view>

namespace cubby {

class ElementReader;

enum class HostAccess {
    All,      // any service of the host's on the bridge and its other addresses
    Services, // only DHCP, DNS, neighbour discovery and ping: what the network itself needs
};

struct NetworkWalls {
    HostAccess host = HostAccess::All;
    bool lan = true; // private and on-link subnets of the host beyond the bridge
    bool operator==(const NetworkWalls&) const = default;

    // True when the walls keep anything out.
    bool wallsAnything() const { return host == HostAccess::Services || !lan; }
};

// Each wall of either.
NetworkWalls strictestWalls(const NetworkWalls& a, const NetworkWalls& b);

// host='all|services' (default all) and lan='yes|no' (default yes) of `element`.
Result<NetworkWalls> readWallsAttributes(ElementReader& element);
std::string_view hostAccessName(HostAccess access);

} // namespace cubby
