#include "network_plan.h"

#include <algorithm>
#include <format>
#include <iterator>
#include <tuple>

namespace cubby {

namespace {

// FNV-1a: small, stable across builds and machines (std::hash is neither).
uint64_t fnv1a(std::span<const uint8_t> bytes, uint64_t hash = 0xcbf29ce484222325ull) {
    for (const uint8_t byte : bytes) {
        hash ^= byte;
        hash *= 0x100000001b3ull;
    }
    return hash;
}

uint64_t fnv1a(std::string_view text) {
    return fnv1a({reinterpret_cast<const uint8_t*>(text.data()), text.size()});
}

struct CandidateBlock {
    uint32_t first; // host order, the first /24
    unsigned count;
};

constexpr CandidateBlock candidates[] = {
    {192u << 24 | 168u << 16 | 150u << 8, 50}, // 192.168.150.0 – 192.168.199.0
    {10u << 24 | 150u << 16, 256},             // 10.150.0.0 – 10.150.255.0
};

struct Use {
    IpPrefix prefix;
    std::string what;
};

std::vector<Use> hostUses(const HostNetworkFacts& host, std::string_view ownBridge,
                          IpFamily family = IpFamily::V4) {
    std::vector<Use> uses;
    const IpPrefix linkLocal{*IpAddress::parse("fe80::", "link-local"), 10};
    for (const HostAddress& address : host.addresses) {
        if (address.address.address.family != family || address.device == ownBridge ||
            linkLocal.contains(address.address.address))
            continue;
        uses.push_back({address.address, std::format("address {} on {}", address.address.toString(),
                                                     address.device)});
    }
    for (const HostRoute& route : host.routes) {
        // The default route overlaps everything; it is what traffic leaves by.
        if (route.destination.address.family != family || route.destination.prefixLength == 0 ||
            linkLocal.overlaps(route.destination) || route.destination.prefixLength == 128 ||
            (!ownBridge.empty() && route.device == ownBridge))
            continue;
        uses.push_back(
            {route.destination, std::format("route {}{}", route.destination.network().toString(),
                                            route.device.empty() ? "" : " via " + route.device)});
    }
    return uses;
}

} // namespace

Result<IpPrefix> chooseFreeSubnet(const HostNetworkFacts& host, std::span<const Network> networks) {
    std::vector<Use> uses = hostUses(host, "");
    for (const Network& network : networks) {
        for (const NetworkIp& ip : network.ips)
            uses.push_back({ip.address, "network " + network.name});
    }
    for (const CandidateBlock& block : candidates) {
        for (unsigned i = 0; i < block.count; ++i) {
            const IpPrefix subnet{IpAddress::v4(block.first + (i << 8)), 24};
            if (std::ranges::none_of(uses,
                                     [&](const Use& use) { return use.prefix.overlaps(subnet); }))
                return IpPrefix{IpAddress::v4(block.first + (i << 8) + 1), 24};
        }
    }
    return fail(Error::of(ErrorKind::Conflict,
                          "every candidate private /24 (192.168.150–199.0, 10.150.0–255.0) is in "
                          "use on this host; give the network an <ip> yourself"));
}

Result<IpPrefix> chooseFreeUlaSubnet(const Uuid& uuid, const HostNetworkFacts& host,
                                     std::span<const Network> networks) {
    std::vector<Use> uses = hostUses(host, "", IpFamily::V6);
    for (const Network& network : networks) {
        for (const NetworkIp& ip : network.ips)
            uses.push_back({ip.address, "network " + network.name});
    }
    const uint64_t globalId = fnv1a(uuid.bytes);
    IpAddress base;
    base.family = IpFamily::V6;
    base.bytes[0] = 0xfd;
    for (size_t i = 1; i < 6; ++i)
        base.bytes[i] = static_cast<uint8_t>(globalId >> (8 * (i - 1)));
    for (unsigned subnetId = 0; subnetId <= 0xffff; ++subnetId) {
        IpAddress gateway = base;
        gateway.bytes[6] = static_cast<uint8_t>(subnetId >> 8);
        gateway.bytes[7] = static_cast<uint8_t>(subnetId);
        gateway.bytes[15] = 1;
        const IpPrefix subnet{gateway, 64};
        if (std::ranges::none_of(uses, [&](const Use& use) { return use.prefix.overlaps(subnet); }))
            return subnet;
    }
    return fail(Error::of(ErrorKind::Conflict, "no free IPv6 /64 in the network's ULA prefix; "
                                               "give the network an IPv6 <ip> yourself"));
}

std::vector<IpPrefix> hostLanSubnets(const HostNetworkFacts& host, std::string_view ownBridge) {
    std::vector<IpPrefix> subnets;
    for (const HostAddress& address : host.addresses) {
        const IpPrefix subnet = address.address.network();
        const bool loopback = address.device == "lo";
        if (loopback || address.device == ownBridge || subnet.prefixLength == 0 ||
            std::ranges::find(subnets, subnet) != subnets.end())
            continue;
        subnets.push_back(subnet);
    }
    return subnets;
}

std::vector<HostLanChoice> hostLanChoices(std::span<const HostLink> links,
                                          const HostNetworkFacts& host,
                                          std::span<const Network> networks) {
    const auto isCubbys = [&](const std::string& bridge) {
        return std::ranges::any_of(networks, [&](const Network& network) {
            return !network.joinsHostLan() && network.bridge.name == bridge;
        });
    };
    const auto carriesDefaultRoute = [&](const std::string& device) {
        return std::ranges::any_of(host.routes, [&](const HostRoute& route) {
            return route.device == device && route.destination.prefixLength == 0;
        });
    };
    // Kinds a macvlan can sit on; veths, macvlans and tunnels are someone else's plumbing.
    constexpr std::string_view nicKinds[] = {"", "bond", "vlan"};
    std::vector<HostLanChoice> choices;
    for (const HostLink& link : links) {
        const bool bridge = link.kind == "bridge";
        const bool nic = std::ranges::find(nicKinds, link.kind) != std::end(nicKinds);
        if (!link.ethernet || (!bridge && !nic) || !link.master.empty() ||
            (bridge && isCubbys(link.name)))
            continue;
        bool wireless = link.wireless;
        bool hasCard = !bridge;
        for (const HostLink& port : links) {
            if (!bridge || port.master != link.name)
                continue;
            wireless = wireless || port.wireless;
            hasCard = hasCard ||
                      (port.ethernet && (port.wireless || std::ranges::find(nicKinds, port.kind) !=
                                                              std::end(nicKinds)));
        }
        choices.push_back(
            {link.name, bridge, wireless, carriesDefaultRoute(link.name), link.up, hasCard});
    }
    std::ranges::sort(choices, [](const HostLanChoice& a, const HostLanChoice& b) {
        return std::tie(b.uplink, a.name) < std::tie(a.uplink, b.name);
    });
    return choices;
}

bool hostHasIpv6Uplink(const HostNetworkFacts& host) {
    return std::ranges::any_of(host.routes, [](const HostRoute& route) {
        return route.destination.address.family == IpFamily::V6 &&
               route.destination.prefixLength == 0;
    });
}

Status checkSubnetConflicts(const Network& network, const HostNetworkFacts& host) {
    for (const NetworkIp& ip : network.ips) {
        const IpPrefix subnet = ip.address.network();
        for (const Use& use : hostUses(host, network.bridge.name, subnet.address.family)) {
            if (use.prefix.overlaps(subnet))
                return fail(Error::of(ErrorKind::Conflict,
                                      std::format("network {}: its subnet {} overlaps the host's "
                                                  "{}; the host may have joined a network that "
                                                  "uses it; change the network's <ip>",
                                                  network.name, subnet.toString(), use.what)));
        }
    }
    return {};
}

std::string chooseBridgeName(const HostNetworkFacts& host, std::span<const Network> networks) {
    for (unsigned n = 0;; ++n) {
        const std::string name = std::format("cubbybr{}", n);
        const bool used = std::ranges::find(host.links, name) != host.links.end() ||
                          std::ranges::any_of(networks, [&](const Network& network) {
                              return network.bridge.name == name;
                          });
        if (!used)
            return name;
    }
}

Result<Network> completeNetworkDefinition(Network network, const HostNetworkFacts& host,
                                          std::span<const Network> others) {
    if (network.joinsHostLan())
        return network; // the LAN's, not Cubby's to lay out
    if (network.bridge.name.empty())
        network.bridge.name = chooseBridgeName(host, others);
    // A network Cubby lays out itself keeps its containers away from the host's own
    // services (DHCP, DNS and ping stay): the host is the one machine every container
    // shares, and an unprivileged container should not reach what listens there.
    if (!network.walls && network.ips.empty() && network.forward.mode != ForwardMode::Open)
        network.walls = NetworkWalls{.host = HostAccess::Services, .lan = true};
    const bool leavesTheBridge =
        network.forward.mode == ForwardMode::Nat || network.forward.mode == ForwardMode::Route;
    // A NAT network defined without any address, or with <nat ipv6='yes'/> but no IPv6
    // <ip>, gets IPv6 too where the host has IPv6 itself: a ULA /64 the containers make
    // addresses in by SLAAC, masqueraded like IPv4 (a ULA is not routed on the internet).
    // <nat ipv6='no'/> says no.
    const bool wantsIpv6 = network.forward.natIpv6.value_or(network.ips.empty());
    if (network.forward.mode == ForwardMode::Nat && wantsIpv6 && !network.ipv6() &&
        hostHasIpv6Uplink(host)) {
        CUBBY_TRY(ula, chooseFreeUlaSubnet(network.uuid, host, others));
        network.ips.push_back({ula, {}, {}, false});
        network.forward.natIpv6 = true;
    }
    if (leavesTheBridge && !network.ipv4()) {
        CUBBY_TRY(gateway, chooseFreeSubnet(host, others));
        const uint32_t base = gateway.network().address.v4HostOrder();
        NetworkIp ip;
        ip.address = gateway;
        ip.dhcpRanges.push_back({IpAddress::v4(base + 2), IpAddress::v4(base + 254), std::nullopt});
        ip.hasDhcp = true;
        network.ips.insert(network.ips.begin(), std::move(ip));
    }
    return network;
}

uint32_t networkPortGroup(std::string_view networkName) {
    return 0xcb000000u | static_cast<uint32_t>(fnv1a(networkName) & 0xffffffu);
}

MacAddress stableMac(const Uuid& uuid, size_t index) {
    uint64_t hash = fnv1a(uuid.bytes);
    const uint8_t indexBytes[] = {static_cast<uint8_t>(index), static_cast<uint8_t>(index >> 8)};
    hash = fnv1a(indexBytes, hash);
    MacAddress mac;
    mac.octets = {0x52,
                  0x54,
                  0x00,
                  static_cast<uint8_t>(hash >> 16),
                  static_cast<uint8_t>(hash >> 8),
                  static_cast<uint8_t>(hash)};
    return mac;
}

std::string hostInterfaceName(std::string_view containerName, size_t index) {
    const std::string shortForm = std::format("cb-{}-{}", containerName, index);
    if (shortForm.size() <= 15)
        return shortForm;
    return std::format("cb{}{:05x}-{}", containerName.substr(0, 4), fnv1a(containerName) & 0xFFFFF,
                       index);
}

namespace {

struct StaticConfig {
    std::vector<IpPrefix> addresses;
    std::vector<InterfaceRoute> routes;
    std::string nameserver;
    std::string search;
};

MacvlanMode macvlanModeOf(ForwardMode mode) {
    switch (mode) {
    case ForwardMode::Private:
        return MacvlanMode::Private;
    case ForwardMode::Vepa:
        return MacvlanMode::Vepa;
    case ForwardMode::Passthrough:
        return MacvlanMode::Passthrough;
    default:
        return MacvlanMode::Bridge;
    }
}

// The network's reservation for this interface, if it has one.
const DhcpHost* reservationFor(const NetworkIp& ip, const MacAddress& mac,
                               std::string_view containerName) {
    const auto byMac = std::ranges::find_if(
        ip.dhcpHosts, [&](const DhcpHost& host) { return host.mac && *host.mac == mac; });
    if (byMac != ip.dhcpHosts.end())
        return &*byMac;
    const auto byName = std::ranges::find_if(ip.dhcpHosts, [&](const DhcpHost& host) {
        return !host.mac && host.name == containerName;
    });
    return byName == ip.dhcpHosts.end() ? nullptr : &*byName;
}

std::optional<StaticConfig> fromNetwork(const Network& network, const MacAddress& mac,
                                        std::string_view containerName) {
    const NetworkIp* v4 = network.ipv4();
    if (!v4)
        return std::nullopt;
    const DhcpHost* host = reservationFor(*v4, mac, containerName);
    if (!host)
        return std::nullopt;
    StaticConfig config;
    config.addresses.push_back({host->ip, v4->address.prefixLength});
    if (network.forward.mode != ForwardMode::None)
        config.routes.push_back({IpPrefix{IpAddress::v4(0), 0}, v4->address.address});
    if (network.dns.enabled)
        config.nameserver = v4->address.address.toString();
    if (network.domain)
        config.search = network.domain->name;
    return config;
}

} // namespace

Result<ContainerNetworkPlan> planContainerNetwork(const Domain& domain,
                                                  const NetworkLookup& networks) {
    ContainerNetworkPlan plan;
    std::vector<std::string> nameservers, searches;
    for (size_t i = 0; i < domain.interfaces.size(); ++i) {
        const Interface& iface = domain.interfaces[i];
        const std::string where = std::format("/domain/devices/interface[{}]", i + 1);
        InterfacePlan out;
        out.type = iface.type;
        out.guestDev = iface.guestDev.empty() ? std::format("eth{}", i) : iface.guestDev;
        out.hostDev = iface.targetDev.empty() ? hostInterfaceName(domain.name, i) : iface.targetDev;
        out.mac = iface.mac.value_or(stableMac(domain.uuid, i));
        out.macvlanMode = iface.macvlanMode;
        std::optional<StaticConfig> config;
        switch (iface.type) {
        case InterfaceType::Network: {
            const Network* network = networks(iface.source);
            if (!network)
                return fail(Error::of(ErrorKind::NotFound,
                                      std::format("{}/source/@network: there is no network {}",
                                                  where, iface.source)));
            if (network->joinsHostLan() && network->bridge.name.empty()) {
                // A macvlan on the network's first NIC, in the network's mode.
                out.type = InterfaceType::Direct;
                out.lowerDev = network->forward.devs.front();
                out.hostDev.clear();
                out.macvlanMode = macvlanModeOf(network->forward.mode);
                break;
            }
            if (network->bridge.name.empty())
                return failInvalid(
                    std::format("{}: network {} has no bridge name", where, iface.source));
            out.bridge = network->bridge.name;
            out.staticMacTable = network->bridge.staticMacTable;
            out.portGroup = networkPortGroup(network->name);
            if (iface.ips.empty() && iface.routes.empty())
                config = fromNetwork(*network, out.mac, domain.name);
            break;
        }
        case InterfaceType::Bridge:
            out.bridge = iface.source;
            break;
        case InterfaceType::Direct:
            out.lowerDev = iface.source;
            out.hostDev.clear();
            break;
        }
        if (!iface.ips.empty() || !iface.routes.empty()) {
            config.emplace();
            for (const InterfaceIp& ip : iface.ips)
                config->addresses.push_back(
                    {ip.address, ip.prefixLength.value_or(ip.address.bitWidth())});
            config->routes = iface.routes;
        }
        if (config) {
            out.addresses = config->addresses;
            out.routes = config->routes;
            if (!config->nameserver.empty() &&
                std::ranges::find(nameservers, config->nameserver) == nameservers.end())
                nameservers.push_back(config->nameserver);
            if (!config->search.empty() &&
                std::ranges::find(searches, config->search) == searches.end())
                searches.push_back(config->search);
        }
        plan.interfaces.push_back(std::move(out));
    }
    if (!nameservers.empty()) {
        plan.resolvConf = "# Written by Cubby from the container's networks.\n";
        if (!searches.empty()) {
            plan.resolvConf += "search";
            for (const auto& search : searches)
                plan.resolvConf += " " + search;
            plan.resolvConf += "\n";
        }
        for (const auto& server : nameservers)
            plan.resolvConf += "nameserver " + server + "\n";
    }
    return plan;
}

std::vector<SysctlSetting> planBridgeSysctls(const Network& network) {
    const std::string ipv6 = std::format("net/ipv6/conf/{}/", network.bridge.name);
    std::vector<SysctlSetting> settings = {
        {ipv6 + "accept_ra", "0", true},
        {ipv6 + "autoconf", "0", true},
    };
    const bool hasIpv6 = std::ranges::any_of(
        network.ips, [](const NetworkIp& ip) { return ip.address.address.family == IpFamily::V6; });
    if (!hasIpv6 && !network.linkLocalIpv6)
        settings.push_back({ipv6 + "disable_ipv6", "1", true});
    else if (!hasIpv6)
        settings.push_back({ipv6 + "disable_ipv6", "0", true});
    else
        // The bridge's addresses are the network's own: usable at once, not a second later
        // after duplicate address detection (dnsmasq advertises nothing until then).
        settings.push_back({ipv6 + "accept_dad", "0", true});
    if (!network.portForwards.empty())
        settings.push_back(
            {std::format("net/ipv4/conf/{}/route_localnet", network.bridge.name), "1"});
    if (network.forward.mode == ForwardMode::Nat || network.forward.mode == ForwardMode::Route)
        settings.push_back({"net/ipv4/ip_forward", "1"});
    if (network.routesIpv6())
        settings.push_back({"net/ipv6/conf/all/forwarding", "1", true});
    return settings;
}

std::vector<SysctlSetting> planGuestInterfaceSysctls(const std::string& guestDev) {
    const std::string ipv6 = std::format("net/ipv6/conf/{}/", guestDev);
    return {{ipv6 + "optimistic_dad", "1", true}, {ipv6 + "use_optimistic", "1", true}};
}

std::vector<SysctlSetting>
planUplinkAcceptRa(const std::vector<std::pair<std::string, std::string>>& acceptRa) {
    std::vector<SysctlSetting> settings;
    for (const auto& [device, value] : acceptRa) {
        if (value == "1" && device != "lo" && device != "all")
            settings.push_back({std::format("net/ipv6/conf/{}/accept_ra", device), "2", true});
    }
    return settings;
}

std::vector<PortForward> effectivePortForwards(const Network& network) {
    std::vector<PortForward> forwards = network.portForwards;
    const NetworkIp* v4 = network.ipv4();
    const NetworkIp* v6 = network.ipv6();
    if (!v4 || !v6 || v6->hasDhcp || !network.masqueradesIpv6())
        return forwards;
    for (const PortForward& forward : network.portForwards) {
        if (forward.address.family != IpFamily::V4)
            continue;
        const auto reserved = std::ranges::find_if(v4->dhcpHosts, [&](const DhcpHost& host) {
            return host.mac && host.ip == forward.address;
        });
        const bool taken = std::ranges::any_of(network.portForwards, [&](const PortForward& own) {
            return own.address.family == IpFamily::V6 && own.protocol == forward.protocol &&
                   own.hostPort == forward.hostPort;
        });
        if (reserved != v4->dhcpHosts.end() && !taken)
            forwards.push_back({forward.protocol, forward.hostPort,
                                slaacAddress(v6->address, *reserved->mac), forward.port});
    }
    return forwards;
}

} // namespace cubby
