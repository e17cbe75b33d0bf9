// DHCP reservations and walls for containers' interfaces (issues 4 and 12). Every type='network'
// interface without an <ip> of its own gets a reservation in its network's definition when the
// container is defined or started, and loses it when the container is undefined. The reservation is
// what gives the container a stable address: dnsmasq hands it to a DHCP client, and the engine
// configures it directly for containers that run none (engine/core/network_plan.h). The
// choices are pure (engine/core/dhcp_reservations.h); here they meet the stored definitions,
// the lease files and the running networks.
#include "dhcp_leases.h"
#include "domain_xml.h"
#include "manager_common.h"
#include "manager_service.h"
#include "network_xml.h"

#include <cstdio>
#include <fstream>
#include <iterator>
#include <time.h>

namespace cubby {

using namespace manager;

std::vector<AddressInUse> ManagerService::addressesInUse(const Network& network,
                                                         std::string_view exceptContainer) const {
    std::vector<AddressInUse> inUse;
    // Leases dnsmasq handed out (also to containers defined before reservations existed).
    std::ifstream in(m_config.paths.networkStateDir(network.name) + "/dnsmasq.leases");
    const std::string text(std::istreambuf_iterator<char>(in), {});
    for (const DhcpLease& lease : parseDnsmasqLeases(text, ::time(nullptr))) {
        auto mac = MacAddress::parse(lease.mac, "lease");
        auto ip = IpAddress::parse(lease.ip, "lease");
        if (mac && ip)
            inUse.push_back({*mac, *ip});
    }
    // Containers that give their interface on this network an address themselves.
    for (const auto& name : m_containers.names()) {
        if (name == exceptContainer)
            continue;
        auto domain = storedContainer(name);
        if (!domain)
            continue;
        for (const Interface& iface : domain->interfaces) {
            if (iface.type != InterfaceType::Network || iface.source != network.name)
                continue;
            for (const InterfaceIp& ip : iface.ips)
                inUse.push_back({std::nullopt, ip.address});
        }
    }
    return inUse;
}

Result<std::vector<Network>>
ManagerService::planNetworkClaims(std::string_view container, const NetworkClaims& claims,
                                  const std::vector<MacAddress>& previous) const {
    std::vector<Network> changed;
    const std::vector<MacAddress> none;
    const auto macsOn = [&](const auto& perNetwork, const std::string& name) -> const auto& {
        const auto found = perNetwork.find(name);
        return found == perNetwork.end() ? none : found->second;
    };
    // Every network, not only the wanted ones: a redefined container may have left one.
    for (Network& network : storedNetworks()) {
        CUBBY_TRY(reserved, reconcileReservations(network, container,
                                                  macsOn(claims.reservations, network.name),
                                                  previous, addressesInUse(network, container)));
        CUBBY_TRY(walled,
                  reconcileContainerWalls(network, container,
                                          macsOn(claims.interfaces, network.name), claims.walls));
        if (!reserved && !walled)
            continue;
        CUBBY_CHECK(validateNetwork(network));
        changed.push_back(std::move(network));
    }
    return changed;
}

void ManagerService::storeNetworkClaims(const std::vector<Network>& changed) {
    for (const Network& network : changed) {
        // Atomically replaced; a running cubby-network reads it on the SIGHUP below.
        if (auto written = m_networks.write(network.name, formatNetworkXml(network)); !written) {
            std::fprintf(stderr, "cubby-helper: storing containers' claims on network %s: %s\n",
                         network.name.c_str(), written.error().message.c_str());
            continue;
        }
        if (auto told = m_networkProcesses.reloadReservations(network.name); !told)
            std::fprintf(stderr, "cubby-helper: %s\n", told.error().message.c_str());
    }
}

} // namespace cubby
