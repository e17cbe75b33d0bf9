#pragma once
// Pure decisions about networks and container interfaces: which private /24 a new network
// gets, whether a subnet clashes with what the host uses now (laptops move between networks),
// generated bridge and interface names, stable MAC addresses, and what each container
// interface needs (veth or macvlan, names, MAC, address, routes, resolv.conf).

#include "domain.h"
#include "error.h"
#include "network.h"

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace cubby {

// What the host uses, as the system layer reads it (NetlinkSocket::addresses(), routes()).
struct HostAddress {
    std::string device;
    IpPrefix address; // the address with its prefix length
    bool operator==(const HostAddress&) const = default;
};
struct HostRoute {
    std::string device; // empty when the route has no single output device
    IpPrefix destination;
    bool operator==(const HostRoute&) const = default;
};
struct HostNetworkFacts {
    std::vector<HostAddress> addresses;
    std::vector<HostRoute> routes;
    std::vector<std::string> links; // every link name, for generated names
};

// The first /24 of Cubby's candidates (192.168.150.0–192.168.199.0, then 10.150.0.0–
// 10.150.255.0) that overlaps no host address, no route other than the default route, and no
// subnet of the networks given. Returns the bridge's address: .1/24.
Result<IpPrefix> chooseFreeSubnet(const HostNetworkFacts& host, std::span<const Network> networks);

// A ULA /64 (RFC 4193) for a network: fd00::/8, a 40-bit global ID from a hash of the
// network's UUID (stable for the same definition; as unlikely to meet another site's as a
// random one), and the first subnet ID whose /64 overlaps no host address or route and no
// other network. Returns the bridge's address, ::1/64.
Result<IpPrefix> chooseFreeUlaSubnet(const Uuid& uuid, const HostNetworkFacts& host,
                                     std::span<const Network> networks);

// The subnets the host is on, other than through `ownBridge` and loopback: what
// <cubby:walls lan='no'/> walls off besides the private ranges.
std::vector<IpPrefix> hostLanSubnets(const HostNetworkFacts& host, std::string_view ownBridge);

// A link of the host's, as far as host-LAN networks care (NetlinkSocket::hostLinks).
struct HostLink {
    std::string name;
    std::string kind;      // rtnetlink's ("bridge", "veth", "vlan", "bond", …; empty: a NIC)
    std::string master;    // the bridge or bond it is a port of; empty: none
    bool ethernet = false; // carries Ethernet frames (ARPHRD_ETHER), unlike lo, tun or wg
    bool up = false;
    bool wireless = false; // a Wi-Fi interface (filled in from sysfs, isWirelessLink)
    bool operator==(const HostLink&) const = default;
};

// Where a host-LAN network could put containers: one of the host's bridges (mode='bridge'
// with <bridge name>) or a NIC for macvlans (<interface dev>). What the New Network wizard
// offers, and warns about, before the user picks.
struct HostLanChoice {
    std::string name;
    bool bridge = false;   // the host's own bridge; else a NIC
    bool wireless = false; // the link, or a port of the bridge, is Wi-Fi: it likely will not work
    bool uplink = false;   // the host's default route leaves through it
    bool up = false;
    // A NIC, or a bridge with a NIC, bond, VLAN or Wi-Fi port: a way out to the LAN. A bridge
    // of veths and taps only (docker0, virbr0) leads to this computer and its guests.
    bool hasCard = true;
    bool operator==(const HostLanChoice&) const = default;
};

// The host's bridges that are not Cubby's (no network of `networks` uses them) and its
// Ethernet NICs, bonds and VLANs that are nobody's port (a macvlan on a bridge's port gets no
// traffic: the bridge takes it). Uplinks first, then by name.
std::vector<HostLanChoice> hostLanChoices(std::span<const HostLink> links,
                                          const HostNetworkFacts& host,
                                          std::span<const Network> networks);

// Whether the host has an IPv6 default route (its uplink has IPv6).
bool hostHasIpv6Uplink(const HostNetworkFacts& host);

// Fails with Conflict, naming the address or route and its device, when one of the
// network's subnets (IPv4 or IPv6) overlaps anything the host uses on a device other than the
// network's own bridge.
Status checkSubnetConflicts(const Network& network, const HostNetworkFacts& host);

// "cubbybrN" with the smallest N no link and no given network uses.
std::string chooseBridgeName(const HostNetworkFacts& host, std::span<const Network> networks);

// Fills in what a definition being stored leaves out, as libvirt's net-define does: a bridge
// name (chooseBridgeName) and, for NAT and routed networks without an IPv4 <ip>, a free
// private /24 (chooseFreeSubnet) with the bridge on .1 and DHCP handing out .2–.254; a NAT
// network without any <ip> also gets a masqueraded ULA /64 (chooseFreeUlaSubnet) when the
// host has an IPv6 uplink (hostHasIpv6Uplink).
// Isolated networks may run without an address, so they get none. `others` are the other
// stored networks (not this one).
Result<Network> completeNetworkDefinition(Network network, const HostNetworkFacts& host,
                                          std::span<const Network> others);

// The port forwards a network applies: its own, plus, for each IPv4 forward to a container
// with a MAC reservation, the same host port over IPv6 to the address that container makes by
// SLAAC (slaacAddress) — when the network masquerades an IPv6 subnet it advertises for SLAAC
// and no forward of its own takes that port over IPv6. So a forward reaches its container over
// both families without anyone typing a 128-bit address.
std::vector<PortForward> effectivePortForwards(const Network& network);

// A kernel parameter a network's bridge is given, as a path below /proc/sys.
struct SysctlSetting {
    std::string key;
    std::string value;
    bool ipv6 = false; // under net/ipv6: absent (and moot) on hosts booted without IPv6
    bool operator==(const SysctlSetting&) const = default;
};

// What the bridge is set to before it gets its addresses and comes up. IPv6 router
// advertisements and stateless autoconfiguration are off, so a container cannot give the
// host an address or a default route (through itself) on the bridge; a network without
// IPv6 has IPv6 off on the bridge altogether, so the host has not even a link-local address
// there, and one with IPv6 skips duplicate address detection for its own addresses (they
// are usable at once, so dnsmasq advertises from the first moment). Then route_localnet for port
// forwards from localhost and ip_forward for NAT and routed networks, and IPv6 forwarding for those
// that route an IPv6 subnet.
std::vector<SysctlSetting> planBridgeSysctls(const Network& network);

// What a container's interface is set to inside its namespace before it comes up: optimistic
// duplicate address detection (RFC 4429), so the address it makes from the first router
// advertisement is usable at once instead of a second later, while a real duplicate is still
// found and dropped. The container may change them; they are defaults, not walls.
std::vector<SysctlSetting> planGuestInterfaceSysctls(const std::string& guestDev);

// Turning IPv6 forwarding on makes every interface a router, and a router ignores router
// advertisements unless its accept_ra is 2: the laptop would lose the IPv6 default route it
// learns from its Wi-Fi or Ethernet router when that expires. So, before forwarding goes on,
// every interface that accepts advertisements now (accept_ra 1; "default" for interfaces yet
// to come) is set to 2. Interfaces with 0 (NetworkManager handles advertisements itself)
// and Cubby's own bridges are left alone. `acceptRa` maps interface names, and "default", to
// their current values.
std::vector<SysctlSetting>
planUplinkAcceptRa(const std::vector<std::pair<std::string, std::string>>& acceptRa);

// The interface group every container port on a network's bridge is put in, so that the
// network's bridge-family table (nft_ruleset.h) matches exactly its ports ("iifgroup"; this
// kernel's nftables has no match for a frame's bridge). 0xcb in the top byte, a hash of the
// name below: never 0, the default group of every other link.
uint32_t networkPortGroup(std::string_view networkName);

// A MAC in libvirt's 52:54:00 range (locally administered, unicast), the same for the same
// container and interface index on every start, so DHCP reservations keep matching.
MacAddress stableMac(const Uuid& uuid, size_t index);

// The host-side name of a container interface: "cb-NAME-I" when that fits in 15 characters,
// else "cb" + the name's first four characters + five hex digits of a hash of the whole name +
// "-I". The two forms never collide (the first has '-' as its third character, the second
// never does) and the long form only collides on a 20-bit hash collision of two long names
// sharing their first four characters.
std::string hostInterfaceName(std::string_view containerName, size_t index);

// One interface of a running container, fully decided.
struct InterfacePlan {
    InterfaceType type = InterfaceType::Network;
    std::string hostDev;  // veth: the host end; direct: unused
    std::string guestDev; // the name inside the container
    std::string bridge;   // veth: the bridge the host end joins
    std::string lowerDev; // direct: the NIC the macvlan sits on
    MacvlanMode macvlanMode = MacvlanMode::Bridge;
    MacAddress mac;
    bool staticMacTable = false; // the network's macTableManager='libvirt'
    uint32_t portGroup = 0;      // veth on a Cubby network: networkPortGroup()

    std::vector<IpPrefix> addresses; // configured inside the container's namespace
    std::vector<InterfaceRoute> routes;
    bool operator==(const InterfacePlan&) const = default;
};

struct ContainerNetworkPlan {
    std::vector<InterfacePlan> interfaces;
    std::string resolvConf; // non-empty: bound over the container's /etc/resolv.conf
    bool operator==(const ContainerNetworkPlan&) const = default;
};

// Looks a network definition up by name (nullptr: no such network).
using NetworkLookup = std::function<const Network*(std::string_view name)>;

// Addresses come from the interface's own <ip>/<route> when it has them; otherwise, on a
// Cubby network, from the network's DHCP reservation for the interface's MAC (or, without
// one, for the container's name), with a default route through the bridge (NAT and routed
// networks) and the bridge as name server. Without either the interface is left to a DHCP
// client in the container.
Result<ContainerNetworkPlan> planContainerNetwork(const Domain& domain,
                                                  const NetworkLookup& networks);

} // namespace cubby
