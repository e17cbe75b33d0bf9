// Semantic validation of networks, alone and against each other.
#include "names.h"
#include "network_xml.h"
#include "text.h"

#include <algorithm>
#include <format>
#include <map>
#include <set>
#include <tuple>
#include <utility>

namespace cubby {

namespace {

bool isDnsName(std::string_view name) {
    if (name.empty() || name.size() > 253 || name.front() == '.' || name.back() == '.' ||
        name.front() == '-')
        return false;
    return std::ranges::all_of(name, [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '-' || c == '.';
    });
}

// Host addresses of the subnet: not the network address, not the broadcast address.
Status checkHostAddress(const IpPrefix& subnet, const IpAddress& address, std::string_view what) {
    if (!subnet.contains(address))
        return failInvalid(std::format("{}: {} is outside the subnet {}", what, address.toString(),
                                       subnet.network().toString()));
    if (address == subnet.network().address || address == subnet.broadcastV4())
        return failInvalid(std::format("{}: {} is the network or broadcast address of {}", what,
                                       address.toString(), subnet.network().toString()));
    return {};
}

// A DHCP unique identifier as libvirt and dnsmasq write it: hex pairs separated by ':'. RFC
// 8415 allows 130 octets at most.
bool isDuid(std::string_view id) {
    if (id.size() < 5 || id.size() > 130 * 3 - 1 || id.size() % 3 != 2)
        return false;
    for (size_t i = 0; i < id.size(); ++i) {
        const char c = id[i];
        const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        if (i % 3 == 2 ? c != ':' : !hex)
            return false;
    }
    return true;
}

// dnsmasq gives no lease shorter than two minutes.
constexpr uint64_t minimumLeaseSeconds = 120;

Status validateLease(const std::optional<LeaseTime>& lease, std::string_view where) {
    if (!lease || lease->expiry == 0)
        return {};
    const uint64_t seconds = lease->seconds();
    if (seconds < minimumLeaseSeconds || seconds > UINT32_MAX)
        return failInvalid(std::format("{}/lease: {} seconds is outside what DHCP can give (2 "
                                       "minutes to {} seconds, or 0 for no expiry)",
                                       where, seconds, UINT32_MAX));
    return {};
}

Status validateDhcp(const NetworkIp& ip, std::string_view where) {
    const IpPrefix& subnet = ip.address;
    for (size_t i = 0; i < ip.dhcpRanges.size(); ++i) {
        const DhcpRange& range = ip.dhcpRanges[i];
        const std::string what = std::format("{}/dhcp/range[{}]", where, i + 1);
        CUBBY_CHECK(checkHostAddress(subnet, range.start, what + "/@start"));
        CUBBY_CHECK(checkHostAddress(subnet, range.end, what + "/@end"));
        if (range.end < range.start)
            return failInvalid(std::format("{}: the range {}–{} ends before it starts", what,
                                           range.start.toString(), range.end.toString()));
        CUBBY_CHECK(validateLease(range.lease, what));
        if (!(subnet.address < range.start) && !(range.end < subnet.address))
            return failInvalid(std::format("{}: the range {}–{} includes the bridge's own address "
                                           "{}",
                                           what, range.start.toString(), range.end.toString(),
                                           subnet.address.toString()));
        for (size_t j = 0; j < i; ++j) {
            const DhcpRange& other = ip.dhcpRanges[j];
            if (!(range.end < other.start) && !(other.end < range.start))
                return failInvalid(std::format("{}: the range overlaps range[{}]", what, j + 1));
        }
    }
    const bool v6 = subnet.address.family == IpFamily::V6;
    std::set<MacAddress> macs;
    std::set<std::string_view> ids;
    std::set<std::string_view> names;
    std::set<IpAddress> addresses;
    for (size_t i = 0; i < ip.dhcpHosts.size(); ++i) {
        const DhcpHost& host = ip.dhcpHosts[i];
        const std::string what = std::format("{}/dhcp/host[{}]", where, i + 1);
        CUBBY_CHECK(checkHostAddress(subnet, host.ip, what + "/@ip"));
        if (host.ip == subnet.address)
            return failInvalid(
                std::format("{}/@ip: {} is the bridge's own address", what, host.ip.toString()));
        // DHCPv6 knows clients by DUID (or the name they send), not by MAC; DHCPv4 the
        // other way round.
        if (v6 && host.mac)
            return failInvalid(std::format("{}/@mac: DHCPv6 reservations name the client by "
                                           "id (its DUID) or name, not by MAC",
                                           what));
        if (!v6 && !host.id.empty())
            return failInvalid(std::format("{}/@id: a DUID names DHCPv6 clients; this is an "
                                           "IPv4 subnet",
                                           what));
        if (!host.id.empty() && !isDuid(host.id))
            return failInvalid(std::format("{}/@id: {} is not a DUID (2 to 130 hex pairs "
                                           "separated by ':')",
                                           what, quoted(host.id)));
        if (!host.name.empty() && !isDnsName(host.name))
            return failInvalid(
                std::format("{}/@name: {} is not a host name", what, quoted(host.name)));
        CUBBY_CHECK(validateLease(host.lease, what));
        if ((host.mac && !macs.insert(*host.mac).second) ||
            (!host.id.empty() && !ids.insert(host.id).second) ||
            (!host.name.empty() && !names.insert(host.name).second) ||
            !addresses.insert(host.ip).second)
            return failInvalid(std::format("{}: another reservation has the same MAC, name or "
                                           "address",
                                           what));
    }
    return {};
}

Status validateIps(const Network& network, NetworkCompleteness completeness) {
    bool haveV4 = false;
    bool haveDhcpV4 = false;
    bool haveDhcpV6 = false;
    for (size_t i = 0; i < network.ips.size(); ++i) {
        const NetworkIp& ip = network.ips[i];
        const std::string where = std::format("/network/ip[{}]", i + 1);
        // Several subnets of a family share the bridge; DHCP serves one of each, as libvirt.
        for (size_t j = 0; j < i; ++j) {
            if (network.ips[j].address.overlaps(ip.address))
                return failInvalid(std::format("{}: the subnet {} overlaps ip[{}]", where,
                                               ip.address.network().toString(), j + 1));
        }
        if (ip.address.address.family == IpFamily::V4) {
            haveV4 = true;
            if (ip.hasDhcp && std::exchange(haveDhcpV4, true))
                return failInvalid(std::format("{}/dhcp: only one IPv4 <ip> may have DHCP", where));
            if (ip.address.prefixLength > 30 || ip.address.prefixLength < 8)
                return failInvalid(std::format("{}: a /{} subnet is not usable for containers "
                                               "(use /8 to /30)",
                                               where, ip.address.prefixLength));
        } else if (ip.address.prefixLength > 126) {
            return failInvalid(
                std::format("{}: a /{} IPv6 subnet is too small", where, ip.address.prefixLength));
        }
        CUBBY_CHECK(checkHostAddress(ip.address, ip.address.address, where + "/@address"));
        if (ip.address.address.family == IpFamily::V6) {
            if (ip.hasDhcp && std::exchange(haveDhcpV6, true))
                return failInvalid(std::format("{}/dhcp: only one IPv6 <ip> may have DHCP", where));
            // Without a DHCPv6 range containers make their addresses themselves from the
            // advertised prefix (SLAAC), which works on a /64 only.
            if (&ip == network.ipv6() && ip.dhcpRanges.empty() && ip.address.prefixLength != 64)
                return failInvalid(std::format("{}: containers make their IPv6 addresses from "
                                               "router advertisements, which needs a /64; give "
                                               "prefix='64' or a <dhcp><range>",
                                               where));
        }
        CUBBY_CHECK(validateDhcp(ip, where));
    }
    if ((network.forward.natIpv6 || network.forward.natPorts) &&
        network.forward.mode != ForwardMode::Nat)
        return failInvalid("/network/forward/nat: <nat> settings need mode='nat'");
    if ((network.forward.mode == ForwardMode::Nat || network.forward.mode == ForwardMode::Route) &&
        !haveV4 && completeness == NetworkCompleteness::Complete)
        return failInvalid("/network/forward: a NAT or routed network needs an <ip> element with "
                           "an IPv4 address");
    return {};
}

// A service label as RFC 6335 has them: letters, digits and '-', at most 15.
bool isServiceName(std::string_view name) {
    return !name.empty() && name.size() <= 15 && name.front() != '-' &&
           std::ranges::all_of(name, [](char c) {
               return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '-';
           });
}

// TXT values go to dnsmasq's configuration between quotes: printable ASCII without quotes
// or backslashes, and no more than one TXT string holds.
bool isTxtValue(std::string_view value) {
    return value.size() <= 255 && std::ranges::all_of(value, [](char c) {
               return c >= 0x20 && c <= 0x7e && c != '"' && c != '\\';
           });
}

Status validateDnsRecords(const DnsConfig& dns) {
    // With DNS off dnsmasq listens on no port: a record would never be answered.
    const std::pair<bool, const char*> records[] = {
        {!dns.hosts.empty(), "host"},
        {!dns.srvs.empty(), "srv"},
        {!dns.txts.empty(), "txt"},
        {!dns.domainForwarders.empty() || !dns.forwarders.empty(), "forwarder"},
    };
    for (const auto& [given, name] : records) {
        if (given && !dns.enabled)
            return failInvalid(std::format("/network/dns/{}: DNS is off (enable='no'), so "
                                           "nothing would answer it",
                                           name));
    }
    for (size_t i = 0; i < dns.hosts.size(); ++i) {
        if (dns.hosts[i].hostnames.empty())
            return failInvalid(std::format("/network/dns/host[{}]/hostname: a host record needs "
                                           "at least one name",
                                           i + 1));
    }
    for (size_t i = 0; i < dns.domainForwarders.size(); ++i) {
        const auto& forwarder = dns.domainForwarders[i];
        if (!isDnsName(forwarder.domain))
            return failInvalid(std::format("/network/dns/forwarder[@domain][{}]/@domain: {} is "
                                           "not a DNS domain name",
                                           i + 1, quoted(forwarder.domain)));
    }
    for (size_t i = 0; i < dns.srvs.size(); ++i) {
        const DnsSrv& srv = dns.srvs[i];
        const std::string where = std::format("/network/dns/srv[{}]", i + 1);
        if (!isServiceName(srv.service))
            return failInvalid(std::format("{}/@service: {} is not a service name (letters, "
                                           "digits and '-', at most 15)",
                                           where, quoted(srv.service)));
        if (srv.protocol != "tcp" && srv.protocol != "udp")
            return failInvalid(std::format("{}/@protocol: {} is neither tcp nor udp", where,
                                           quoted(srv.protocol)));
        if (!srv.domain.empty() && !isDnsName(srv.domain))
            return failInvalid(
                std::format("{}/@domain: {} is not a DNS domain name", where, quoted(srv.domain)));
        if (!srv.target.empty() && !isDnsName(srv.target))
            return failInvalid(
                std::format("{}/@target: {} is not a host name", where, quoted(srv.target)));
        if (srv.target.empty() && (srv.port || srv.priority || srv.weight))
            return failInvalid(std::format("{}: port, priority and weight need a target", where));
    }
    for (size_t i = 0; i < dns.txts.size(); ++i) {
        const DnsTxt& txt = dns.txts[i];
        const std::string where = std::format("/network/dns/txt[{}]", i + 1);
        if (!isDnsName(txt.name))
            return failInvalid(
                std::format("{}/@name: {} is not a DNS name", where, quoted(txt.name)));
        if (!isTxtValue(txt.value))
            return failInvalid(std::format("{}/@value: up to 255 printable ASCII characters, "
                                           "without quotes or backslashes",
                                           where));
    }
    return {};
}

Status validateRoutes(const Network& network) {
    for (size_t i = 0; i < network.routes.size(); ++i) {
        const NetworkRoute& route = network.routes[i];
        const std::string where = std::format("/network/route[{}]", i + 1);
        if (route.destination.network() != route.destination)
            return failInvalid(std::format("{}/@address: {} has host bits set; the subnet is {}",
                                           where, route.destination.toString(),
                                           route.destination.network().toString()));
        const auto through = std::ranges::find_if(network.ips, [&](const NetworkIp& ip) {
            return ip.address.address.family == route.gateway.family &&
                   ip.address.contains(route.gateway);
        });
        if (through == network.ips.end())
            return failInvalid(std::format("{}/@gateway: {} is in none of this network's "
                                           "subnets",
                                           where, route.gateway.toString()));
        CUBBY_CHECK(checkHostAddress(through->address, route.gateway, where + "/@gateway"));
        if (route.gateway == through->address.address)
            return failInvalid(std::format("{}/@gateway: {} is the bridge itself", where,
                                           route.gateway.toString()));
        for (const NetworkIp& ip : network.ips) {
            if (ip.address.address.family == route.destination.address.family &&
                route.destination.overlaps(ip.address.network()))
                return failInvalid(std::format("{}: {} overlaps the network's own subnet {}", where,
                                               route.destination.toString(),
                                               ip.address.network().toString()));
        }
    }
    return {};
}

Status validatePortForwards(const Network& network) {
    if (network.portForwards.empty())
        return {};
    if (network.forward.mode != ForwardMode::Nat)
        return failInvalid("/network/portforward: port forwards need a NAT network "
                           "(<forward mode='nat'/>)");
    std::set<std::tuple<Protocol, uint16_t, bool>> seen;
    for (size_t i = 0; i < network.portForwards.size(); ++i) {
        const PortForward& forward = network.portForwards[i];
        const std::string where = std::format("/network/portforward[{}]", i + 1);
        const bool v6 = forward.address.family == IpFamily::V6;
        const NetworkIp* subnet = network.subnetOf(forward.address);
        if (!subnet)
            return failInvalid(std::format("{}/@address: {} is outside the subnets of this "
                                           "network",
                                           where, forward.address.toString()));
        CUBBY_CHECK(checkHostAddress(subnet->address, forward.address, where + "/@address"));
        if (v6 && !network.masqueradesIpv6())
            return failInvalid(std::format("{}/@address: an IPv6 port forward needs the network "
                                           "to masquerade IPv6 (<nat ipv6='yes'/>); a routed "
                                           "subnet is reachable directly",
                                           where));
        // One host port may lead to a container over each family.
        if (!seen.insert({forward.protocol, forward.hostPort, v6}).second)
            return fail(Error::of(ErrorKind::Conflict,
                                  std::format("{}: host port {}/{} is already forwarded", where,
                                              forward.hostPort,
                                              forward.protocol == Protocol::Tcp ? "tcp" : "udp")));
    }
    return {};
}

// A LAN mode has the LAN's router for DHCP, DNS and routing: everything Cubby would set up on
// a bridge of its own is refused by name rather than ignored.
Status validateHostLan(const Network& network) {
    const bool macvlan = network.bridge.name.empty();
    if (network.forward.mode == ForwardMode::Bridge && macvlan && network.forward.devs.empty())
        return failInvalid("/network/forward: mode='bridge' needs the host's bridge (<bridge "
                           "name='br0'/>) or NICs to put macvlans on (<interface dev='…'/>)");
    if (network.forward.mode == ForwardMode::Bridge && !macvlan && !network.forward.devs.empty())
        return failInvalid("/network/forward/interface: a host-bridge network takes its NICs "
                           "from the bridge; give either <bridge name> or <interface dev>");
    if (network.forward.mode != ForwardMode::Bridge && (!macvlan || network.forward.devs.empty()))
        return failInvalid(std::format("/network/forward: mode='{}' puts macvlans on NICs: it "
                                       "needs <interface dev='…'/> and no <bridge>",
                                       network.forward.mode == ForwardMode::Private ? "private"
                                       : network.forward.mode == ForwardMode::Vepa
                                           ? "vepa"
                                           : "passthrough"));
    // A pool, as libvirt has it; containers use the first, so a long list only costs.
    constexpr size_t maxLanDevices = 32;
    if (network.forward.devs.size() > maxLanDevices)
        return failInvalid(std::format("/network/forward/interface: {} NICs listed; at most {}",
                                       network.forward.devs.size(), maxLanDevices));
    for (size_t i = 0; i < network.forward.devs.size(); ++i)
        CUBBY_CHECK(validateInterfaceName(
            network.forward.devs[i], std::format("/network/forward/interface[{}]/@dev", i + 1)));
    const std::pair<bool, const char*> cubbyOnly[] = {
        {!network.ips.empty(), "/network/ip"},
        {!network.routes.empty(), "/network/route"},
        {network.domain.has_value(), "/network/domain"},
        {network.dns != DnsConfig{}, "/network/dns"},
        {network.mac.has_value(), "/network/mac"},
        {network.linkLocalIpv6, "/network/@ipv6"},
        {network.mtu.has_value(), "/network/mtu"},
        {!network.portForwards.empty(), "/network/portforward"},
        {network.walls.has_value(), "/network/walls"},
        {!network.containerWalls.empty(), "/network/containerwalls"},
        {network.forward.natPorts.has_value() || network.forward.natIpv6.has_value(),
         "/network/forward/nat"},
    };
    for (const auto& [given, path] : cubbyOnly) {
        if (given)
            return failInvalid(std::format("{}: the network puts containers on the host's LAN, "
                                           "whose own router gives addresses, names and routes; "
                                           "Cubby sets up nothing of it",
                                           path));
    }
    return {};
}

Status validateContainerWalls(const Network& network) {
    if (network.containerWalls.empty())
        return {};
    if (network.forward.mode == ForwardMode::Open)
        return failInvalid("/network/containerwalls: an open network has no firewall rules to "
                           "wall anything with; use mode='route' or 'nat'");
    if (network.containerWalls.size() > maxContainerWalls)
        return failInvalid(std::format("/network/containerwalls: more than {} containers' walls",
                                       maxContainerWalls));
    std::set<MacAddress> macs;
    for (const ContainerWalls& walled : network.containerWalls) {
        CUBBY_CHECK(validateObjectName(walled.container, "/network/containerwalls/@container"));
        if (!macs.insert(walled.mac).second)
            return failInvalid(std::format("/network/containerwalls/@mac: {} has walls twice",
                                           walled.mac.toString()));
    }
    return {};
}

} // namespace

Status validateNetwork(const Network& network, NetworkCompleteness completeness) {
    CUBBY_CHECK(validateObjectName(network.name, "/network/name"));
    if (network.uuid.isNil())
        return failInvalid("/network/uuid: the nil UUID cannot name a definition");
    if (!network.bridge.name.empty())
        CUBBY_CHECK(validateInterfaceName(network.bridge.name, "/network/bridge/@name"));
    if (!network.forward.dev.empty())
        CUBBY_CHECK(validateInterfaceName(network.forward.dev, "/network/forward/@dev"));
    if (network.joinsHostLan())
        return validateHostLan(network);
    if (network.forward.natPorts) {
        if (network.forward.mode != ForwardMode::Nat)
            return failInvalid("/network/forward/nat: a port range needs mode='nat'");
        if (network.forward.natPorts->start > network.forward.natPorts->end)
            return failInvalid("/network/forward/nat/port: start is above end");
    }
    if (network.domain && !isDnsName(network.domain->name))
        return failInvalid(std::format("/network/domain/@name: {} is not a DNS domain name",
                                       quoted(network.domain->name)));
    for (const auto& host : network.dns.hosts) {
        for (const auto& name : host.hostnames) {
            if (!isDnsName(name))
                return failInvalid(
                    std::format("/network/dns/host/hostname: {} is not a host name", quoted(name)));
        }
    }
    CUBBY_CHECK(validateDnsRecords(network.dns));
    CUBBY_CHECK(validateIps(network, completeness));
    const auto isIpv6 = [](const NetworkIp& ip) {
        return ip.address.address.family == IpFamily::V6;
    };
    if (network.mtu && *network.mtu < 1280 && std::ranges::any_of(network.ips, isIpv6))
        return failInvalid(std::format("/network/mtu/@size: IPv6 needs an MTU of at least 1280, "
                                       "not {}",
                                       *network.mtu));
    CUBBY_CHECK(validateRoutes(network));
    if (network.forward.mode == ForwardMode::Open && network.walls)
        return failInvalid("/network/walls: an open network has no firewall rules to wall "
                           "anything with; use mode='route' or 'nat'");
    CUBBY_CHECK(validateContainerWalls(network));
    return validatePortForwards(network);
}

Status validateNetworkSet(std::span<const Network> networks) {
    std::set<std::string_view> names, bridges;
    std::set<Uuid> uuids;
    std::map<std::tuple<Protocol, uint16_t, IpFamily>, std::string_view> hostPorts;
    const auto conflict = [](std::string message) {
        return fail(Error::of(ErrorKind::Conflict, std::move(message)));
    };
    for (size_t i = 0; i < networks.size(); ++i) {
        const Network& network = networks[i];
        if (!names.insert(network.name).second)
            return fail(Error::of(
                ErrorKind::AlreadyExists,
                std::format("a network named {} is already defined", quoted(network.name))));
        if (!uuids.insert(network.uuid).second)
            return fail(Error::of(ErrorKind::AlreadyExists,
                                  std::format("the UUID {} of network {} is used by another "
                                              "network",
                                              network.uuid.toString(), quoted(network.name))));
        if (!network.bridge.name.empty() && !bridges.insert(network.bridge.name).second)
            return conflict(std::format("network {}: bridge {} belongs to another network",
                                        quoted(network.name), quoted(network.bridge.name)));
        for (const auto& forward : network.portForwards) {
            const auto [it, inserted] = hostPorts.emplace(
                std::tuple{forward.protocol, forward.hostPort, forward.address.family},
                network.name);
            if (!inserted)
                return conflict(std::format("network {}: host port {} is already forwarded by "
                                            "network {}",
                                            quoted(network.name), forward.hostPort,
                                            quoted(it->second)));
        }
        for (size_t j = 0; j < i; ++j) {
            for (const auto& mine : network.ips) {
                for (const auto& theirs : networks[j].ips) {
                    if (mine.address.overlaps(theirs.address))
                        return conflict(std::format(
                            "network {}: subnet {} overlaps {} of network {}", quoted(network.name),
                            mine.address.network().toString(), theirs.address.network().toString(),
                            quoted(networks[j].name)));
                }
            }
        }
    }
    return {};
}

uint64_t LeaseTime::seconds() const {
    switch (unit) {
    case LeaseUnit::Seconds:
        return expiry;
    case LeaseUnit::Minutes:
        return expiry * 60;
    case LeaseUnit::Hours:
        return expiry * 3600;
    }
    return expiry;
}

namespace {

// The <ip> of a family that dnsmasq serves: the one with <dhcp>, else the first.
const NetworkIp* servedIp(const std::vector<NetworkIp>& ips, IpFamily family) {
    const NetworkIp* first = nullptr;
    for (const NetworkIp& ip : ips) {
        if (ip.address.address.family != family)
            continue;
        if (ip.hasDhcp)
            return &ip;
        if (!first)
            first = &ip;
    }
    return first;
}

} // namespace

const NetworkIp* Network::ipv6() const {
    return servedIp(ips, IpFamily::V6);
}

bool Network::joinsHostLan() const {
    return forward.mode == ForwardMode::Bridge || forward.mode == ForwardMode::Private ||
           forward.mode == ForwardMode::Vepa || forward.mode == ForwardMode::Passthrough;
}

bool Network::routesIpv6() const {
    return ipv6() && (forward.mode == ForwardMode::Nat || forward.mode == ForwardMode::Route);
}

bool Network::masqueradesIpv6() const {
    return routesIpv6() && forward.mode == ForwardMode::Nat && forward.natIpv6.value_or(false);
}

const NetworkIp* Network::ipv4() const {
    return servedIp(ips, IpFamily::V4);
}

const NetworkIp* Network::subnetOf(const IpAddress& address) const {
    const auto found = std::ranges::find_if(
        ips, [&](const NetworkIp& ip) { return ip.address.contains(address); });
    return found == ips.end() ? nullptr : &*found;
}

} // namespace cubby
