#include "dhcp_reservations.h"

#include "network_plan.h"

#include <algorithm>
#include <format>
#include <set>

namespace cubby {

namespace {

NetworkIp* ipv4Of(Network& network) {
    const auto found = std::ranges::find_if(
        network.ips, [](const NetworkIp& ip) { return ip.address.address.family == IpFamily::V4; });
    return found == network.ips.end() ? nullptr : &*found;
}

bool inRanges(const NetworkIp& ip, const IpAddress& address) {
    return std::ranges::any_of(ip.dhcpRanges, [&](const DhcpRange& range) {
        return !(address < range.start) && !(range.end < address);
    });
}

bool contains(std::span<const MacAddress> macs, const MacAddress& mac) {
    return std::ranges::find(macs, mac) != macs.end();
}

} // namespace

bool assignInterfaceMacs(Domain& domain) {
    bool changed = false;
    for (size_t i = 0; i < domain.interfaces.size(); ++i) {
        Interface& iface = domain.interfaces[i];
        if (iface.type != InterfaceType::Network || iface.mac)
            continue;
        iface.mac = stableMac(domain.uuid, i);
        changed = true;
    }
    return changed;
}

std::map<std::string, std::vector<MacAddress>> reservationMacs(const Domain& domain) {
    std::map<std::string, std::vector<MacAddress>> macs;
    for (size_t i = 0; i < domain.interfaces.size(); ++i) {
        const Interface& iface = domain.interfaces[i];
        if (iface.type != InterfaceType::Network || !iface.ips.empty() || !iface.routes.empty())
            continue;
        auto& list = macs[iface.source];
        const MacAddress mac = iface.mac.value_or(stableMac(domain.uuid, i));
        if (!contains(list, mac))
            list.push_back(mac);
    }
    return macs;
}

std::optional<IpAddress> chooseReservationAddress(const Network& network, const MacAddress& mac,
                                                  std::span<const AddressInUse> inUse) {
    const NetworkIp* v4 = network.ipv4();
    if (!v4)
        return std::nullopt;
    std::set<IpAddress> taken{v4->address.address};
    for (const DhcpHost& host : v4->dhcpHosts)
        taken.insert(host.ip);
    for (const DnsHost& host : network.dns.hosts)
        taken.insert(host.ip);
    for (const PortForward& forward : network.portForwards)
        taken.insert(forward.address); // meant for some container, maybe one defined later
    std::set<IpAddress> othersUse;
    for (const AddressInUse& use : inUse) {
        if (!use.mac || *use.mac != mac)
            othersUse.insert(use.ip);
    }
    for (const AddressInUse& use : inUse) {
        if (use.mac && *use.mac == mac && inRanges(*v4, use.ip) && !taken.contains(use.ip) &&
            !othersUse.contains(use.ip))
            return use.ip;
    }
    for (const DhcpRange& range : v4->dhcpRanges) {
        if (range.start.family != IpFamily::V4)
            continue;
        for (uint64_t n = range.start.v4HostOrder(); n <= range.end.v4HostOrder(); ++n) {
            const IpAddress candidate = IpAddress::v4(static_cast<uint32_t>(n));
            if (!taken.contains(candidate) && !othersUse.contains(candidate))
                return candidate;
        }
    }
    return std::nullopt;
}

Result<bool> reconcileReservations(Network& network, std::string_view container,
                                   std::span<const MacAddress> wanted,
                                   std::span<const MacAddress> previous,
                                   std::span<const AddressInUse> inUse) {
    NetworkIp* v4 = ipv4Of(network);
    if (!v4)
        return false;
    bool changed = false;
    std::erase_if(v4->dhcpHosts, [&](const DhcpHost& host) {
        const bool ours = host.name == container ||
                          (host.name.empty() && host.mac && contains(previous, *host.mac));
        const bool gone = host.mac && ours && !contains(wanted, *host.mac);
        changed = changed || gone;
        return gone;
    });
    if (v4->dhcpRanges.empty())
        return changed;
    for (const MacAddress& mac : wanted) {
        const bool reserved = std::ranges::any_of(v4->dhcpHosts, [&](const DhcpHost& host) {
            return (host.mac && *host.mac == mac) || (!host.mac && host.name == container);
        });
        if (reserved)
            continue;
        const auto address = chooseReservationAddress(network, mac, inUse);
        if (!address)
            return fail(Error::of(
                ErrorKind::Conflict,
                std::format("network {}: no free address left in its DHCP range for container "
                            "{} ({}); widen the range or give the interface an <ip>",
                            network.name, container, mac.toString())));
        const bool nameFree = std::ranges::none_of(
            v4->dhcpHosts, [&](const DhcpHost& host) { return host.name == container; });
        v4->dhcpHosts.push_back(
            {mac, nameFree ? std::string(container) : std::string(), *address, std::nullopt, {}});
        changed = true;
    }
    return changed;
}

std::map<std::string, std::vector<MacAddress>> networkInterfaceMacs(const Domain& domain) {
    std::map<std::string, std::vector<MacAddress>> macs;
    for (const Interface& iface : domain.interfaces) {
        if (iface.type != InterfaceType::Network || !iface.mac)
            continue;
        auto& list = macs[iface.source];
        if (!contains(list, *iface.mac))
            list.push_back(*iface.mac);
    }
    return macs;
}

NetworkClaims networkClaims(const Domain& domain) {
    return {reservationMacs(domain), networkInterfaceMacs(domain), domain.cubby.walls};
}

Result<bool> reconcileContainerWalls(Network& network, std::string_view container,
                                     std::span<const MacAddress> macs,
                                     const std::optional<NetworkWalls>& walls) {
    std::vector<ContainerWalls> wanted;
    if (walls && walls->wallsAnything()) {
        for (const MacAddress& mac : macs)
            wanted.push_back({std::string(container), mac, *walls});
    }
    if (!wanted.empty() && (network.forward.mode == ForwardMode::Open || network.joinsHostLan()))
        return failInvalid(std::format("container {}: network {} {}, so it cannot keep the "
                                       "container's walls; remove them or choose a NAT, "
                                       "routed or isolated network",
                                       container, network.name,
                                       network.joinsHostLan()
                                           ? "puts containers on the host's LAN"
                                           : "is open (Cubby adds no firewall rules to it)"));
    std::vector<ContainerWalls> kept = network.containerWalls;
    std::erase_if(kept,
                  [&](const ContainerWalls& walled) { return walled.container == container; });
    // Another container's walls are never taken over through its MAC.
    for (const ContainerWalls& walled : kept) {
        if (!wanted.empty() && contains(macs, walled.mac))
            return fail(Error::of(ErrorKind::Conflict,
                                  std::format("container {}: network {} keeps walls for {} as "
                                              "container {}'s; give this one another MAC",
                                              container, network.name, walled.mac.toString(),
                                              walled.container)));
    }
    kept.insert(kept.end(), wanted.begin(), wanted.end());
    if (kept == network.containerWalls)
        return false;
    network.containerWalls = std::move(kept);
    return true;
}

} // namespace cubby
