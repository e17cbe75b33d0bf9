#pragma once
// A virtual network definition: the libvirt <network> subset Cubby understands, plus port
// forwards as a Cubby extension (see network_xml.h).

#include "inet.h"
#include "uuid.h"

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
};

struct NatPortRange {
    uint16_t start = 1024;
    uint16_t end = 65535;
    bool operator==(const NatPortRange&) const = default;
};

struct Forward {
    ForwardMode mode = ForwardMode::None;
    std::string dev; // restrict to this uplink; empty: any
    std::optional<NatPortRange> natPorts;
    bool operator==(const Forward&) const = default;
};

struct BridgeConfig {
    std::string name; // chosen when the network is defined if empty
    bool stp = true;
    unsigned delay = 0;
    bool operator==(const BridgeConfig&) const = default;
};

struct DhcpRange {
    IpAddress start;
    IpAddress end;
    bool operator==(const DhcpRange&) const = default;
};

struct DhcpHost {
    std::optional<MacAddress> mac;
    std::string name;
    IpAddress ip;
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

struct DnsConfig {
    bool enabled = true;
    std::vector<IpAddress> forwarders;
    std::vector<DnsHost> hosts;
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

struct Network {
    std::string name;
    Uuid uuid;
    BridgeConfig bridge;
    Forward forward;
    std::optional<MacAddress> mac; // the bridge's MAC
    std::optional<DnsDomain> domain;
    DnsConfig dns;
    std::vector<NetworkIp> ips;
    std::vector<PortForward> portForwards;
    std::vector<std::string> preservedElements; // unknown children of <network>, kept verbatim
    bool operator==(const Network&) const = default;

    const NetworkIp* ipv4() const;
};

} // namespace cubby
