// Semantic validation of networks, alone and against each other.
#include "names.h"
#include "network_xml.h"
#include "text.h"

#include <algorithm>
#include <format>
#include <map>
#include <set>

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
    std::set<MacAddress> macs;
    std::set<std::string_view> names;
    std::set<IpAddress> addresses;
    for (size_t i = 0; i < ip.dhcpHosts.size(); ++i) {
        const DhcpHost& host = ip.dhcpHosts[i];
        const std::string what = std::format("{}/dhcp/host[{}]", where, i + 1);
        CUBBY_CHECK(checkHostAddress(subnet, host.ip, what + "/@ip"));
        if (host.ip == subnet.address)
            return failInvalid(
                std::format("{}/@ip: {} is the bridge's own address", what, host.ip.toString()));
        if (!host.name.empty() && !isDnsName(host.name))
            return failInvalid(
                std::format("{}/@name: {} is not a host name", what, quoted(host.name)));
        if ((host.mac && !macs.insert(*host.mac).second) ||
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
    for (size_t i = 0; i < network.ips.size(); ++i) {
        const NetworkIp& ip = network.ips[i];
        const std::string where = std::format("/network/ip[{}]", i + 1);
        if (ip.address.address.family == IpFamily::V4) {
            if (haveV4)
                return failInvalid(
                    std::format("{}: a network has at most one IPv4 address", where));
            haveV4 = true;
            if (ip.address.prefixLength > 30 || ip.address.prefixLength < 8)
                return failInvalid(std::format("{}: a /{} subnet is not usable for containers "
                                               "(use /8 to /30)",
                                               where, ip.address.prefixLength));
        } else if (ip.address.prefixLength > 126) {
            return failInvalid(
                std::format("{}: a /{} IPv6 subnet is too small", where, ip.address.prefixLength));
        }
        CUBBY_CHECK(checkHostAddress(ip.address, ip.address.address, where + "/@address"));
        if (ip.hasDhcp && ip.address.address.family == IpFamily::V6)
            return failInvalid(std::format("{}/dhcp: DHCP is offered for IPv4 only", where));
        CUBBY_CHECK(validateDhcp(ip, where));
    }
    if ((network.forward.mode == ForwardMode::Nat || network.forward.mode == ForwardMode::Route) &&
        !haveV4 && completeness == NetworkCompleteness::Complete)
        return failInvalid("/network/forward: a NAT or routed network needs an <ip> element with "
                           "an IPv4 address");
    return {};
}

Status validatePortForwards(const Network& network) {
    if (network.portForwards.empty())
        return {};
    if (network.forward.mode != ForwardMode::Nat)
        return failInvalid("/network/portforward: port forwards need a NAT network "
                           "(<forward mode='nat'/>)");
    std::set<std::pair<Protocol, uint16_t>> seen;
    for (size_t i = 0; i < network.portForwards.size(); ++i) {
        const PortForward& forward = network.portForwards[i];
        const std::string where = std::format("/network/portforward[{}]", i + 1);
        const NetworkIp* v4 = network.ipv4();
        if (!v4 || forward.address.family != IpFamily::V4)
            return failInvalid(std::format("{}/@address: {} is not an IPv4 address of this "
                                           "network",
                                           where, forward.address.toString()));
        CUBBY_CHECK(checkHostAddress(v4->address, forward.address, where + "/@address"));
        if (!seen.insert({forward.protocol, forward.hostPort}).second)
            return fail(Error::of(ErrorKind::Conflict,
                                  std::format("{}: host port {}/{} is already forwarded", where,
                                              forward.hostPort,
                                              forward.protocol == Protocol::Tcp ? "tcp" : "udp")));
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
    CUBBY_CHECK(validateIps(network, completeness));
    return validatePortForwards(network);
}

Status validateNetworkSet(std::span<const Network> networks) {
    std::set<std::string_view> names, bridges;
    std::set<Uuid> uuids;
    std::map<std::pair<Protocol, uint16_t>, std::string_view> hostPorts;
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
            const auto [it, inserted] =
                hostPorts.emplace(std::pair{forward.protocol, forward.hostPort}, network.name);
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

const NetworkIp* Network::ipv4() const {
    const auto found = std::ranges::find_if(
        ips, [](const NetworkIp& ip) { return ip.address.address.family == IpFamily::V4; });
    return found == ips.end() ? nullptr : &*found;
}

} // namespace cubby
