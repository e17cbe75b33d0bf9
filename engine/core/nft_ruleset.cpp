#include "nft_ruleset.h"

#include "network_plan.h"

#include <algorithm>
#include <format>
#include <vector>

namespace cubby {

namespace {

// The chains of a network's table: name, hook and priority. Every chain accepts by default;
// the rules decide. (Names must not be nft keywords: "snat", "dnat" or "fwd" are refused.)
struct ChainSpec {
    std::string_view name;
    std::string_view type;
    std::string_view hook;
    std::string_view priority;
};

constexpr ChainSpec chains[] = {
    {"guard", "filter", "prerouting", "raw"},   {"input", "filter", "input", "filter"},
    {"forward", "filter", "forward", "filter"}, {"prerouting", "nat", "prerouting", "dstnat"},
    {"output", "nat", "output", "-100"},        {"postrouting", "nat", "postrouting", "srcnat"},
};

std::string_view protocolName(Protocol protocol) {
    return protocol == Protocol::Tcp ? "tcp" : "udp";
}

class Writer {
public:
    explicit Writer(std::string table)
        : m_table(std::move(table)) {}

    void line(std::string text) {
        m_text += text;
        m_text += '\n';
    }
    void rule(std::string_view chain, std::string_view body) {
        line(std::format("add rule {} {} {}", m_table, chain, body));
    }
    const std::string& table() const { return m_table; }
    std::string take() { return std::move(m_text); }

private:
    std::string m_table;
    std::string m_text;
};

// One address family's view of the network: how nft matches it and what leaves the bridge.
struct FamilyRules {
    std::string_view match;  // "ip" or "ip6"
    std::string subnet;      // the bridge's subnet in this family
    bool leaves = false;     // NAT or routed: traffic from the subnet goes out
    bool masquerade = false; // leaves masqueraded; else routed, reachable from outside
};

std::vector<FamilyRules> familiesOf(const Network& network) {
    const ForwardMode mode = network.forward.mode;
    const bool leaves = mode == ForwardMode::Nat || mode == ForwardMode::Route;
    // One entry per subnet: a network may have several of a family on its bridge.
    std::vector<FamilyRules> families;
    for (const NetworkIp& ip : network.ips) {
        const std::string subnet = ip.address.network().toString();
        if (ip.address.address.family == IpFamily::V4)
            families.push_back({"ip", subnet, leaves, mode == ForwardMode::Nat});
        else
            families.push_back({"ip6", subnet, network.routesIpv6(), network.masqueradesIpv6()});
    }
    return families;
}

void writeForward(Writer& out, const Network& network, const std::string& bridge,
                  const std::vector<FamilyRules>& families,
                  const std::vector<PortForward>& portForwards) {
    const std::string uplink =
        network.forward.dev.empty() ? "" : std::format(" oifname \"{}\"", network.forward.dev);
    // Containers talk to each other through the bridge; routed hairpin traffic (a container
    // reaching another through a port forward) comes back through the same bridge.
    out.rule("forward", std::format("iifname \"{0}\" oifname \"{0}\" accept", bridge));
    for (const FamilyRules& family : families) {
        if (family.leaves)
            out.rule("forward", std::format("iifname \"{}\"{} {} saddr {} accept", bridge, uplink,
                                            family.match, family.subnet));
    }
    // Anything else from the bridge (spoofed sources, or everything on an isolated network).
    out.rule("forward", std::format("iifname \"{}\" reject", bridge));
    for (const FamilyRules& family : families) {
        if (!family.leaves)
            continue;
        if (!family.masquerade) {
            out.rule("forward", std::format("oifname \"{}\" {} daddr {} accept", bridge,
                                            family.match, family.subnet));
            continue;
        }
        out.rule("forward", std::format("oifname \"{}\" {} daddr {} ct state established,related "
                                        "accept",
                                        bridge, family.match, family.subnet));
        const bool forwarded = std::ranges::any_of(portForwards, [&](const PortForward& forward) {
            return (forward.address.family == IpFamily::V6) == (family.match == "ip6");
        });
        if (forwarded)
            out.rule("forward", std::format("oifname \"{}\" {} daddr {} ct status dnat accept",
                                            bridge, family.match, family.subnet));
    }
    // New connections into the bridge from anywhere else (another Cubby network, the LAN).
    out.rule("forward", std::format("oifname \"{}\" reject", bridge));
}

void writeMasquerade(Writer& out, const Network& network, const std::string& bridge,
                     const FamilyRules& family) {
    const std::string_view match = family.match;
    const std::string& subnet = family.subnet;
    // Multicast and broadcast stay on the segment; libvirt excludes the same.
    if (match == "ip") {
        out.rule("postrouting", std::format("ip saddr {} ip daddr 224.0.0.0/24 return", subnet));
        out.rule("postrouting", std::format("ip saddr {} ip daddr 255.255.255.255 return", subnet));
    } else {
        out.rule("postrouting", std::format("ip6 saddr {} ip6 daddr ff00::/8 return", subnet));
    }
    const std::string outward = network.forward.dev.empty()
                                    ? std::format("oifname != \"{}\"", bridge)
                                    : std::format("oifname \"{}\"", network.forward.dev);
    const NatPortRange ports = network.forward.natPorts.value_or(NatPortRange{});
    out.rule("postrouting",
             std::format("{0} saddr {1} {0} daddr != {1} {2} meta l4proto {{ tcp, udp }} "
                         "masquerade to :{3}-{4}",
                         match, subnet, outward, ports.start, ports.end));
    out.rule("postrouting",
             std::format("{0} saddr {1} {0} daddr != {1} {2} masquerade", match, subnet, outward));
}

void writePortForwards(Writer& out, const std::string& bridge,
                       const std::vector<FamilyRules>& families,
                       const std::vector<PortForward>& portForwards) {
    if (portForwards.empty())
        return;
    // A forward reached from localhost leaves through the bridge with source 127.0.0.1
    // (route_localnet on the bridge lets it; IPv6 has no such switch, so ::1 reaches
    // forwards over IPv4 only); and a container reaching a forward to another container on
    // its own bridge must see replies from the host. Both get the bridge's address as source.
    out.rule("postrouting",
             std::format("oifname \"{}\" ip saddr 127.0.0.0/8 ct status dnat masquerade", bridge));
    for (const FamilyRules& family : families) {
        if (family.masquerade)
            out.rule("postrouting", std::format("oifname \"{0}\" {1} saddr {2} {1} daddr {2} ct "
                                                "status dnat masquerade",
                                                bridge, family.match, family.subnet));
    }
    for (const PortForward& forward : portForwards) {
        const bool v6 = forward.address.family == IpFamily::V6;
        const std::string target =
            v6 ? std::format("ip6 to [{}]:{}", forward.address.toString(), forward.port)
               : std::format("ip to {}:{}", forward.address.toString(), forward.port);
        const std::string dnat =
            std::format("fib daddr type local {} dport {} dnat {}", protocolName(forward.protocol),
                        forward.hostPort, target);
        out.rule("prerouting", dnat);
        out.rule("output", dnat);
    }
}

// host='services': nothing else from `from` reaches the host, but replies to what the host
// began (its pings, localhost port forwards) and pings to the gateway. Replies by direction,
// not by state: a connection the container opened before its walls went up is cut too.
void writeHostWall(Writer& out, std::string_view from) {
    out.rule("input", std::format("{} ct direction reply accept", from));
    out.rule("input", std::format("{} icmp type echo-request accept", from));
    out.rule("input", std::format("{} icmpv6 type echo-request accept", from));
    out.rule("input", std::format("{} drop", from));
}

// lan='no': the internet only. What a LAN is, as a set of destinations: the private and
// shared address ranges (RFC 1918, RFC 6598, link-local, ULA) and the subnets the host is on.
// The containers' own subnet is not among them in effect: bridge-to-bridge traffic is
// accepted before this rule.
void writeLanWall(Writer& out, const std::string& bridge, std::string_view from,
                  std::span<const IpPrefix> lanSubnets) {
    std::vector<IpPrefix> walled;
    for (const char* range : {"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10",
                              "169.254.0.0/16", "fc00::/7", "fe80::/10"})
        walled.push_back(*IpPrefix::parse(range, "a private range"));
    // An nft set refuses overlapping intervals: a subnet inside one already walled adds
    // nothing, and one that holds others replaces them.
    for (const IpPrefix& given : lanSubnets) {
        const IpPrefix subnet = given.network();
        if (std::ranges::any_of(walled, [&](const IpPrefix& known) {
                return known.contains(subnet.address) && known.prefixLength <= subnet.prefixLength;
            }))
            continue;
        std::erase_if(walled, [&](const IpPrefix& known) { return subnet.overlaps(known); });
        walled.push_back(subnet);
    }
    for (const auto& [family, match] :
         {std::pair{IpFamily::V4, "ip"}, std::pair{IpFamily::V6, "ip6"}}) {
        std::string set;
        for (const IpPrefix& subnet : walled) {
            if (subnet.address.family == family)
                set += (set.empty() ? "" : ", ") + subnet.toString();
        }
        // Replies still leave: a LAN machine may reach a container through a port forward.
        out.rule("forward", std::format("{} oifname != \"{}\" {} daddr {{ {} }} ct direction "
                                        "reply accept",
                                        from, bridge, match, set));
        out.rule("forward", std::format("{} oifname != \"{}\" {} daddr {{ {} }} reject", from,
                                        bridge, match, set));
    }
}

// The network's walls, then each container's that adds to them. A container is known by its
// MAC: its bridge port is locked to it (writeBridgeTable), so no other container can send
// from it, and a frame keeps its Ethernet source on the way into the host's IP stack.
void writeWalls(Writer& out, const Network& network, std::span<const IpPrefix> lanSubnets) {
    const std::string& bridge = network.bridge.name;
    const std::string fromBridge = std::format("iifname \"{}\"", bridge);
    const NetworkWalls walls = network.walls.value_or(NetworkWalls{});
    if (walls.host == HostAccess::Services)
        writeHostWall(out, fromBridge);
    if (!walls.lan)
        writeLanWall(out, bridge, fromBridge, lanSubnets);
    std::string hostWalled, lanWalled;
    for (const ContainerWalls& walled : network.containerWalls) {
        const std::string mac = walled.mac.toString();
        if (walled.walls.host == HostAccess::Services && walls.host != HostAccess::Services)
            hostWalled += (hostWalled.empty() ? "" : ", ") + mac;
        if (!walled.walls.lan && walls.lan)
            lanWalled += (lanWalled.empty() ? "" : ", ") + mac;
    }
    if (!hostWalled.empty())
        writeHostWall(out, std::format("{} ether saddr {{ {} }}", fromBridge, hostWalled));
    if (!lanWalled.empty())
        writeLanWall(out, bridge, std::format("{} ether saddr {{ {} }}", fromBridge, lanWalled),
                     lanSubnets);
}

// The network's bridge-family table: what its containers may put on the wire, checked as
// each frame enters the bridge from a port (the host's own frames never pass this hook).
// Together with each port being locked to its container's MAC (the controller's part,
// container_interfaces.cpp), a container can neither borrow another's addresses nor pose
// as the network's router or DHCP server.
void writeBridgeTable(std::string& text, const Network& network) {
    Writer out("bridge " + nftTableName(network.name));
    out.line(std::format("add table {}", out.table()));
    out.line(std::format("flush table {}", out.table()));
    out.line(std::format("add chain {} ports {{ type filter hook prerouting priority -200; policy "
                         "accept; }}",
                         out.table()));
    const std::string fromPort = std::format("iifgroup {:#x}", networkPortGroup(network.name));
    // Only the host advertises routes and serves DHCP and DHCPv6 here.
    out.rule("ports", fromPort + " icmpv6 type { nd-router-advert, nd-redirect } drop");
    out.rule("ports", fromPort + " udp sport 67 drop");
    out.rule("ports", fromPort + " udp sport 547 drop");
    if (const NetworkIp* v4 = network.ipv4()) {
        std::string subnets;
        for (const NetworkIp& ip : network.ips) {
            if (ip.address.address.family == IpFamily::V4)
                subnets += ip.address.network().toString() + ", ";
        }
        // 0.0.0.0 is a DHCP client's source before it has an address.
        out.rule("ports", std::format("{} ip saddr != {{ {}0.0.0.0 }} drop", fromPort, subnets));
        out.rule("ports",
                 std::format("{} arp saddr ip != {{ {}0.0.0.0 }} drop", fromPort, subnets));
        // A MAC with a reservation sends from its reserved address only.
        std::string macs, pairs;
        for (const DhcpHost& host : v4->dhcpHosts) {
            if (!host.mac)
                continue;
            macs += (macs.empty() ? "" : ", ") + host.mac->toString();
            pairs += std::format("{}{} . {}", pairs.empty() ? "" : ", ", host.mac->toString(),
                                 host.ip.toString());
        }
        if (!macs.empty()) {
            out.rule("ports", std::format("{0} ether saddr {{ {1} }} ip saddr != 0.0.0.0 ether "
                                          "saddr . ip saddr != {{ {2} }} drop",
                                          fromPort, macs, pairs));
            out.rule("ports", std::format("{0} ether saddr {{ {1} }} arp saddr ip != 0.0.0.0 "
                                          "ether saddr . arp saddr ip != {{ {2} }} drop",
                                          fromPort, macs, pairs));
        }
    }
    // A family the network has no subnet in is the containers' own business (an isolated
    // network may carry addresses it does not know).
    std::string prefixes;
    for (const NetworkIp& ip : network.ips) {
        if (ip.address.address.family == IpFamily::V6)
            prefixes += ", " + ip.address.network().toString();
    }
    if (!prefixes.empty()) // plus link-local, and the unspecified source of DAD
        out.rule("ports",
                 std::format("{} ip6 saddr != {{ fe80::/10, ::{} }} drop", fromPort, prefixes));
    text += out.take();
}

} // namespace

std::string nftTableName(std::string_view networkName) {
    return std::format("cubby_{}", networkName);
}

std::vector<HostService> hostServicesForContainers(const Network& network) {
    std::vector<HostService> services = {{"udp dport { 53, 67 }"}, {"tcp dport 53"}};
    if (network.ipv6()) {
        services.push_back({"udp dport 547", true});
        services.push_back(
            {"icmpv6 type { nd-router-solicit, nd-neighbor-solicit, nd-neighbor-advert }", true});
    }
    return services;
}

std::string planNftRemoval(std::string_view networkName) {
    std::string text;
    for (const std::string_view family : {"inet", "bridge"})
        text += std::format("add table {0} {1}\ndelete table {0} {1}\n", family,
                            nftTableName(networkName));
    return text;
}

Result<std::string> planNftRuleset(const Network& network, std::span<const IpPrefix> lanSubnets) {
    if (network.forward.mode == ForwardMode::Open || network.joinsHostLan())
        return std::string();
    if (network.bridge.name.empty())
        return failInvalid(
            std::format("network {}: no bridge name to write rules for", network.name));
    const NetworkIp* v4 = network.ipv4();
    if (!v4 && network.forward.mode != ForwardMode::None)
        return failInvalid(
            std::format("network {}: a NAT or routed network needs an IPv4 subnet", network.name));
    const std::string& bridge = network.bridge.name;
    const std::vector<FamilyRules> families = familiesOf(network);
    const std::vector<PortForward> portForwards = effectivePortForwards(network);

    Writer out("inet " + nftTableName(network.name));
    out.line(std::format("add table {}", out.table()));
    out.line(std::format("flush table {}", out.table()));
    for (const ChainSpec& chain : chains)
        out.line(std::format("add chain {} {} {{ type {} hook {} priority {}; policy accept; }}",
                             out.table(), chain.name, chain.type, chain.hook, chain.priority));
    // Loopback addresses never come from or go to a bridge. route_localnet (set on the bridge
    // for localhost port forwards) would otherwise let a container reach the host's
    // 127.0.0.1 services through the bridge (CVE-2020-8558).
    out.rule("guard", std::format("iifname \"{}\" ip daddr 127.0.0.0/8 drop", bridge));
    out.rule("guard", std::format("iifname \"{}\" ip saddr 127.0.0.0/8 drop", bridge));
    out.rule("guard", std::format("iifname \"{}\" ip6 daddr ::1 drop", bridge));
    out.rule("guard", std::format("iifname \"{}\" ip6 saddr ::1 drop", bridge));
    // DHCP and DNS from the containers, on the bridge only, and on IPv6 networks DHCPv6 and
    // the neighbour discovery and router solicitations the containers' addresses depend on.
    // Other tables may still drop them; firewall_analysis.h opens those.
    for (const HostService& service : hostServicesForContainers(network))
        out.rule("input", std::format("iifname \"{}\" {} accept", bridge, service.match));
    writeWalls(out, network, lanSubnets);
    writeForward(out, network, bridge, families, portForwards);
    if (network.forward.mode == ForwardMode::Nat) {
        for (const FamilyRules& family : families) {
            if (family.masquerade)
                writeMasquerade(out, network, bridge, family);
        }
        writePortForwards(out, bridge, families, portForwards);
    }
    std::string text = out.take();
    writeBridgeTable(text, network);
    return text;
}

} // namespace cubby
