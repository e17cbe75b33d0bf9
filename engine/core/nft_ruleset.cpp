#include "nft_ruleset.h"

#include <format>

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

void writeForward(Writer& out, const Network& network, const std::string& bridge,
                  const std::string& subnet) {
    const ForwardMode mode = network.forward.mode;
    const std::string uplink =
        network.forward.dev.empty() ? "" : std::format(" oifname \"{}\"", network.forward.dev);
    // Containers talk to each other through the bridge; routed hairpin traffic (a container
    // reaching another through a port forward) comes back through the same bridge.
    out.rule("forward", std::format("iifname \"{0}\" oifname \"{0}\" accept", bridge));
    if (mode == ForwardMode::Nat || mode == ForwardMode::Route)
        out.rule("forward",
                 std::format("iifname \"{}\"{} ip saddr {} accept", bridge, uplink, subnet));
    // Anything else from the bridge (spoofed sources, or everything on an isolated network).
    out.rule("forward", std::format("iifname \"{}\" reject", bridge));
    if (mode == ForwardMode::Nat) {
        out.rule("forward", std::format("oifname \"{}\" ip daddr {} ct state established,related "
                                        "accept",
                                        bridge, subnet));
        if (!network.portForwards.empty())
            out.rule("forward", std::format("oifname \"{}\" ip daddr {} ct status dnat accept",
                                            bridge, subnet));
    } else if (mode == ForwardMode::Route) {
        out.rule("forward", std::format("oifname \"{}\" ip daddr {} accept", bridge, subnet));
    }
    // New connections into the bridge from anywhere else (another Cubby network, the LAN).
    out.rule("forward", std::format("oifname \"{}\" reject", bridge));
}

void writeNat(Writer& out, const Network& network, const std::string& bridge,
              const std::string& subnet) {
    // Multicast and broadcast stay on the segment; libvirt excludes the same two.
    out.rule("postrouting", std::format("ip saddr {} ip daddr 224.0.0.0/24 return", subnet));
    out.rule("postrouting", std::format("ip saddr {} ip daddr 255.255.255.255 return", subnet));
    const std::string outward = network.forward.dev.empty()
                                    ? std::format("oifname != \"{}\"", bridge)
                                    : std::format("oifname \"{}\"", network.forward.dev);
    const NatPortRange ports = network.forward.natPorts.value_or(NatPortRange{});
    out.rule("postrouting",
             std::format("ip saddr {0} ip daddr != {0} {1} meta l4proto {{ tcp, udp }} "
                         "masquerade to :{2}-{3}",
                         subnet, outward, ports.start, ports.end));
    out.rule("postrouting",
             std::format("ip saddr {0} ip daddr != {0} {1} masquerade", subnet, outward));
    if (network.portForwards.empty())
        return;
    // A forward reached from localhost leaves through the bridge with source 127.0.0.1
    // (route_localnet on the bridge lets it); and a container reaching a forward to another
    // container on its own bridge must see replies from the host. Both get the bridge's
    // address as source.
    out.rule("postrouting",
             std::format("oifname \"{}\" ip saddr 127.0.0.0/8 ct status dnat masquerade", bridge));
    out.rule("postrouting", std::format("oifname \"{0}\" ip saddr {1} ip daddr {1} ct status dnat "
                                        "masquerade",
                                        bridge, subnet));
    for (const PortForward& forward : network.portForwards) {
        const std::string dnat = std::format("fib daddr type local {} dport {} dnat ip to {}:{}",
                                             protocolName(forward.protocol), forward.hostPort,
                                             forward.address.toString(), forward.port);
        out.rule("prerouting", dnat);
        out.rule("output", dnat);
    }
}

} // namespace

std::string nftTableName(std::string_view networkName) {
    return std::format("cubby_{}", networkName);
}

std::string planNftRemoval(std::string_view networkName) {
    const std::string table = "inet " + nftTableName(networkName);
    return std::format("add table {0}\ndelete table {0}\n", table);
}

Result<std::string> planNftRuleset(const Network& network) {
    if (network.forward.mode == ForwardMode::Open)
        return std::string();
    if (network.bridge.name.empty())
        return failInvalid(
            std::format("network {}: no bridge name to write rules for", network.name));
    const NetworkIp* v4 = network.ipv4();
    if (!v4 && network.forward.mode != ForwardMode::None)
        return failInvalid(
            std::format("network {}: a NAT or routed network needs an IPv4 subnet", network.name));
    const std::string& bridge = network.bridge.name;
    const std::string subnet = v4 ? v4->address.network().toString() : std::string();

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
    // DHCP and DNS from the containers, on the bridge only. Other tables may still drop them;
    // firewall_analysis.h opens those.
    out.rule("input", std::format("iifname \"{}\" udp dport {{ 53, 67 }} accept", bridge));
    out.rule("input", std::format("iifname \"{}\" tcp dport 53 accept", bridge));
    writeForward(out, network, bridge, subnet);
    if (network.forward.mode == ForwardMode::Nat)
        writeNat(out, network, bridge, subnet);
    return out.take();
}

} // namespace cubby
