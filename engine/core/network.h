#pragma once
// A virtual network definition: the libvirt <network> subset Cubby understands, plus port
// forwards as a Cubby extension (see network_xml.h).

#include "inet.h"
#include "uuid.h"
#include "walls.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cubby {

enum class ForwardMode {
    None,  // isolated: containers reach each other and the host, nothing else
    Nat,   // masqueraded to the host's uplink
    Route, // routed without NAT (the LAN must route the subnet back)
    Open,  // routed, and Cubby adds no firewall rules at all
    // Containers on the host's LAN itself, as libvirt's host-bridge and macvtap networks:
    // Cubby makes no bridge, address, rules or dnsmasq; the LAN's router serves them.
    Bridge,      // an existing host bridge (<bridge name>), or macvlan bridge mode (<interface>)
    Private,     // macvlan private: containers on the same NIC do not see each other
    Vepa,        // macvlan VEPA: container-to-container traffic goes through the LAN switch
    Passthrough, // macvlan passthru: one container has the NIC to itself
};

struct NatPortRange {
    uint16_t start = 1024;
    uint16_t end = 65535;
    bool operator==(const NatPortRange&) const = default;
};

struct Forward {
    ForwardMode mode = ForwardMode::None;
    std::string dev; // restrict to this uplink; empty: any
    // The LAN modes' NICs (<interface dev='…'/>), for macvlan; containers use the first.
    std::vector<std::string> devs;
    std::optional<NatPortRange> natPorts;
    // <nat ipv6='yes'/>: IPv6 is masqueraded too (NAT66). Without it a NAT network's IPv6
    // subnets are routed, as in libvirt, and the LAN must route them back. Said but without
    // an IPv6 <ip>: Cubby chooses the prefix where the host has IPv6; 'no' said: no IPv6 is
    // added for the network (completeNetworkDefinition).
    std::optional<bool> natIpv6;
    bool operator==(const Forward&) const = default;
};

struct BridgeConfig {
    std::string name; // chosen when the network is defined if empty
    bool stp = true;
    unsigned delay = 0;
    // macTableManager='libvirt': the bridge learns nothing and floods no unicast; each
    // container's port gets a static entry for its MAC, so a container can neither take over
    // another's address nor see traffic meant for others.
    bool staticMacTable = false;
    bool operator==(const BridgeConfig&) const = default;
};

enum class LeaseUnit { Seconds, Minutes, Hours };

// <lease expiry='N' unit='…'/> in a DHCP range or reservation: 0 never expires.
struct LeaseTime {
    uint64_t expiry = 0;
    LeaseUnit unit = LeaseUnit::Minutes; // libvirt's default unit
    bool operator==(const LeaseTime&) const = default;
    uint64_t seconds() const;
};

struct DhcpRange {
    IpAddress start;
    IpAddress end;
    std::optional<LeaseTime> lease;
    bool operator==(const DhcpRange&) const = default;
};

struct DhcpHost {
    std::optional<MacAddress> mac; // IPv4 reservations only
    std::string name;
    IpAddress ip;
    std::optional<LeaseTime> lease;
    std::string id; // IPv6 only: the client's DUID, colon-separated hex
    bool operator==(const DhcpHost&) const = default;
};

struct NetworkIp {
    IpPrefix address; // the bridge's own address and the subnet's prefix length
    std::vector<DhcpRange> dhcpRanges;
    std::vector<DhcpHost> dhcpHosts;
    bool hasDhcp = false; // <dhcp> was present (it may list only hosts)
    bool operator==(const NetworkIp&) const = default;
};

struct DnsHost {
    IpAddress ip;
    std::vector<std::string> hostnames;
    bool operator==(const DnsHost&) const = default;
};

// <forwarder domain='…' [addr='…']/>: names in the domain are asked of that server, or with
// no address answered from this network's own records only.
struct DnsDomainForwarder {
    std::string domain;
    std::optional<IpAddress> address;
    bool operator==(const DnsDomainForwarder&) const = default;
};

// <srv service='…' protocol='tcp|udp' [domain] [target port priority weight]/>
struct DnsSrv {
    std::string service;
    std::string protocol;
    std::string domain; // empty: the network's own domain
    std::string target; // empty: "no such service here" (dnsmasq's srv-host without target)
    uint16_t port = 0;
    uint16_t priority = 0;
    uint16_t weight = 0;
    bool operator==(const DnsSrv&) const = default;
};

// <txt name='…' value='…'/>
struct DnsTxt {
    std::string name;
    std::string value;
    bool operator==(const DnsTxt&) const = default;
};

struct DnsConfig {
    bool enabled = true;
    std::vector<IpAddress> forwarders; // for every name (no domain given)
    std::vector<DnsDomainForwarder> domainForwarders;
    std::vector<DnsHost> hosts;
    std::vector<DnsSrv> srvs;
    std::vector<DnsTxt> txts;
    bool operator==(const DnsConfig&) const = default;
};

struct DnsDomain {
    std::string name;
    bool localOnly = false;
    bool operator==(const DnsDomain&) const = default;
};

enum class Protocol { Tcp, Udp };

// Host port → container address:port, from the host's LAN addresses and from localhost.
struct PortForward {
    Protocol protocol = Protocol::Tcp;
    uint16_t hostPort = 0;
    IpAddress address;
    uint16_t port = 0;
    bool operator==(const PortForward&) const = default;
};

// <route address='…' prefix='…' gateway='…'/>: a subnet behind a machine on this network,
// routed from the host through it.
struct NetworkRoute {
    IpPrefix destination;
    IpAddress gateway;
    bool operator==(const NetworkRoute&) const = default;
};

// <cubby:walls host='all|services' lan='yes|no'/>: what the network's containers may reach
// beyond the internet (walls.h). Absent, everything (libvirt's behaviour); networks Cubby
// completes itself get host='services' (completeNetworkDefinition).
//
// <cubby:containerwalls container='web' mac='52:54:00:…' host='services' lan='no'/>: the
// walls a container adds for its interface with that MAC, kept here by the helper.
struct ContainerWalls {
    std::string container;
    MacAddress mac;
    NetworkWalls walls;
    bool operator==(const ContainerWalls&) const = default;
};

// More would only come from a hand-written definition; the helper writes one per interface.
inline constexpr size_t maxContainerWalls = 1024;

struct Network {
    std::string name;
    Uuid uuid;
    BridgeConfig bridge;
    Forward forward;
    std::optional<uint32_t> mtu;   // <mtu size='…'/>: the bridge's, and so its containers'
    std::optional<MacAddress> mac; // the bridge's MAC
    // <network ipv6='yes'>: IPv6 stays on for the bridge (link-local addresses between the
    // containers) though the network has no IPv6 <ip>.
    bool linkLocalIpv6 = false;
    std::optional<DnsDomain> domain;
    DnsConfig dns;
    std::vector<NetworkIp> ips;
    std::vector<NetworkRoute> routes;
    std::vector<PortForward> portForwards;
    std::optional<NetworkWalls> walls;          // absent: no walls (libvirt's behaviour)
    std::vector<ContainerWalls> containerWalls; // by MAC, one per walled interface
    std::vector<std::string> preservedElements; // unknown children of <network>, kept verbatim
    bool operator==(const Network&) const = default;

    // The IPv4 <ip> that dnsmasq serves (the one with <dhcp>, else the first).
    const NetworkIp* ipv4() const;
    // The <ip> whose subnet holds `address`, if any.
    const NetworkIp* subnetOf(const IpAddress& address) const;
    // The IPv6 <ip> that dnsmasq advertises and serves (the one with <dhcp>, else the first).
    const NetworkIp* ipv6() const;
    // Whether containers get IPv6 beyond the bridge: an IPv6 subnet on a NAT or routed network.
    bool routesIpv6() const;
    // Whether that IPv6 subnet is masqueraded (NAT66) rather than routed.
    bool masqueradesIpv6() const;
    // A LAN mode: containers join the host's LAN through a host bridge or a macvlan.
    bool joinsHostLan() const;
};

} // namespace cubby
