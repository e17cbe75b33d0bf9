#include "network_runtime.h"

#include "firewall_analysis.h"
#include "netlink.h"
#include "network_plan.h"
#include "nft_ruleset.h"
#include "nftables.h"
#include "sysctl.h"

#include <algorithm>
#include <filesystem>
#include <format>
#include <iterator>

namespace cubby {

namespace {

// A bridge takes the lowest MAC of its ports unless it has its own, and would change it as
// containers come and go (stale ARP entries in every container); so it always gets one.
MacAddress bridgeMac(const Network& network) {
    return network.mac.value_or(stableMac(network.uuid, 0xFFFF));
}

// The bridge's sysctls, addresses and state, once it exists: the sysctls first, so no router
// advertisement is taken and no IPv6 address made before they hold.
// Every interface's accept_ra (and "default"'s), for planUplinkAcceptRa. Interfaces without
// IPv6 have none and are left out.
std::vector<std::pair<std::string, std::string>> acceptRaValues(NetlinkSocket& netlink) {
    std::vector<std::pair<std::string, std::string>> values;
    std::vector<std::string> names = netlink.linkNames();
    names.push_back("default");
    for (const std::string& name : names) {
        if (auto value = readSysctl(std::format("net/ipv6/conf/{}/accept_ra", name)))
            values.emplace_back(name, *value);
    }
    return values;
}

Status configureBridge(NetlinkSocket& netlink, const Network& network) {
    std::vector<SysctlSetting> settings;
    if (network.routesIpv6())
        settings = planUplinkAcceptRa(acceptRaValues(netlink));
    std::ranges::copy(planBridgeSysctls(network), std::back_inserter(settings));
    for (const SysctlSetting& setting : settings) {
        CUBBY_CHECK(setting.ipv6 ? writeIpv6Sysctl(setting.key, setting.value)
                                 : writeSysctl(setting.key, setting.value));
    }
    // The bridge's MTU is its containers': each veth is made with the bridge's.
    if (network.mtu)
        CUBBY_CHECK(netlink.setMtu(network.bridge.name, *network.mtu));
    for (const NetworkIp& ip : network.ips)
        CUBBY_CHECK(netlink.addAddress(network.bridge.name, ip.address));
    CUBBY_CHECK(netlink.setUp(network.bridge.name));
    // Subnets behind a machine on the network; they go with the bridge when it is removed.
    for (const NetworkRoute& route : network.routes)
        CUBBY_CHECK(netlink.addRoute(route.destination, route.gateway, network.bridge.name));
    return {};
}

// The openings other tables need, after removing this network's earlier ones (a crash leaves
// them behind), in one transaction.
Result<std::vector<std::string>> openFirewall(Nftables& nft, const Network& network) {
    CUBBY_TRY(json, nft.listRulesetJson());
    CUBBY_TRY(report, analyzeFirewall(json, network.name));
    const std::string commands =
        planFirewallClosings(report) + planFirewallOpenings(report, network);
    if (!commands.empty())
        CUBBY_CHECK(nft.run(commands));
    return describeFirewall(report, network);
}

Status closeFirewall(Nftables& nft, const Network& network) {
    CUBBY_TRY(json, nft.listRulesetJson());
    CUBBY_TRY(report, analyzeFirewall(json, network.name));
    const std::string commands = planFirewallClosings(report);
    if (!commands.empty())
        CUBBY_CHECK(nft.run(commands));
    return {};
}

} // namespace

Result<NetworkApplied> applyNetwork(const Network& network, bool replaceBridge) {
    if (network.bridge.name.empty())
        return failInvalid(std::format("network {} has no bridge name", network.name));
    CUBBY_TRY(netlink, NetlinkSocket::open());
    CUBBY_TRY(facts, netlink.hostFacts());
    const std::vector<IpPrefix> lan = hostLanSubnets(facts, network.bridge.name);
    CUBBY_TRY(rules, planNftRuleset(network, lan));
    const bool bridgeExists = netlink.linkIndex(network.bridge.name) != 0;
    if (bridgeExists && !replaceBridge)
        return fail(Error::of(ErrorKind::Conflict,
                              std::format("network {}: a link named {} already exists and is not "
                                          "Cubby's",
                                          network.name, network.bridge.name)));
    CUBBY_CHECK(checkSubnetConflicts(network, facts));
    CUBBY_TRY(nft, Nftables::create());

    bool bridgeCreated = false;
    const auto undo = [&](Error error) -> Result<NetworkApplied> {
        (void)removeNetwork(network, bridgeCreated ? network.bridge.name : std::string());
        return fail(std::move(error));
    };
    if (bridgeExists)
        CUBBY_CHECK(netlink.deleteLink(network.bridge.name));
    if (auto created = netlink.createBridge(BridgeRequest{
            network.bridge.name, network.bridge.stp, network.bridge.delay, bridgeMac(network)});
        !created)
        return undo(created.error());
    bridgeCreated = true;
    if (auto configured = configureBridge(netlink, network); !configured)
        return undo(configured.error());
    if (!rules.empty()) {
        if (auto applied = nft.run(rules); !applied)
            return undo(applied.error());
    }
    NetworkApplied result;
    if (network.forward.mode != ForwardMode::Open) {
        auto notes = openFirewall(nft, network);
        if (!notes)
            return undo(notes.error());
        result.notes = std::move(*notes);
    }
    return result;
}

Status checkHostLan(const Network& network) {
    CUBBY_TRY(netlink, NetlinkSocket::open());
    if (!network.bridge.name.empty()) {
        auto kind = netlink.linkKind(network.bridge.name);
        if (!kind)
            return fail(Error::of(ErrorKind::NotFound,
                                  std::format("network {}: the host has no bridge {}; make it (for "
                                              "example with NetworkManager) and put the LAN "
                                              "interface in it first",
                                              network.name, network.bridge.name)));
        if (*kind != "bridge")
            return fail(Error::of(ErrorKind::Conflict,
                                  std::format("network {}: {} is a {} link, not a bridge",
                                              network.name, network.bridge.name,
                                              kind->empty() ? "network card's" : *kind)));
        return {};
    }
    for (const std::string& dev : network.forward.devs) {
        if (netlink.linkIndex(dev) != 0)
            return {};
    }
    return fail(Error::of(ErrorKind::NotFound,
                          std::format("network {}: none of its interfaces ({}) is on this host",
                                      network.name, network.forward.devs.front())));
}

bool isWirelessLink(const std::string& name) {
    std::error_code error;
    return std::filesystem::exists(std::format("/sys/class/net/{}/phy80211", name), error) ||
           std::filesystem::exists(std::format("/sys/class/net/{}/wireless", name), error);
}

std::vector<std::string> wirelessPortsOf(const std::string& bridge) {
    std::vector<std::string> ports;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(
             std::format("/sys/class/net/{}/brif", bridge), error)) {
        const std::string port = entry.path().filename().string();
        if (isWirelessLink(port))
            ports.push_back(port);
    }
    return ports;
}

Result<std::vector<HostLink>> readHostLinks() {
    CUBBY_TRY(netlink, NetlinkSocket::open());
    CUBBY_TRY(links, netlink.hostLinks());
    for (HostLink& link : links)
        link.wireless = isWirelessLink(link.name);
    return links;
}

Status refreshNetworkRules(const Network& network) {
    CUBBY_TRY(netlink, NetlinkSocket::open());
    CUBBY_TRY(facts, netlink.hostFacts());
    CUBBY_TRY(rules, planNftRuleset(network, hostLanSubnets(facts, network.bridge.name)));
    if (rules.empty())
        return {};
    CUBBY_TRY(nft, Nftables::create());
    CUBBY_CHECK(nft.run(rules));
    return {};
}

Status removeNetwork(const Network& network, const std::string& bridge) {
    Status first;
    const auto keep = [&](Status status) {
        if (!status && first)
            first = std::move(status);
    };
    auto nft = Nftables::create();
    if (nft) {
        keep(closeFirewall(*nft, network));
        if (auto removed = nft->run(planNftRemoval(network.name)); !removed)
            keep(fail(removed.error()));
    } else {
        keep(fail(nft.error()));
    }
    if (!bridge.empty()) {
        auto netlink = NetlinkSocket::open();
        if (netlink) {
            if (auto deleted = netlink->deleteLinkIfPresent(bridge); !deleted)
                keep(fail(deleted.error()));
        } else {
            keep(fail(netlink.error()));
        }
    }
    return first;
}

} // namespace cubby
