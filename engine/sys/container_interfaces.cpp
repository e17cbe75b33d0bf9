#include "container_interfaces.h"

#include "netlink.h"
#include "netns.h"
#include "network_plan.h"
#include "sysctl.h"

#include <format>

namespace cubby {

namespace {

Status createOnHost(NetlinkSocket& host, const InterfacePlan& iface, int netnsFd) {
    if (iface.type == InterfaceType::Direct)
        return host.createMacvlan(
            {iface.guestDev, iface.lowerDev, iface.macvlanMode, iface.mac, netnsFd});
    auto mtu = host.mtu(iface.bridge);
    if (!mtu)
        return fail(Error::of(ErrorKind::NotFound,
                              iface.type == InterfaceType::Network
                                  ? std::format("the network's bridge {} is not there (is the "
                                                "network running?)",
                                                iface.bridge)
                                  : std::format("there is no host bridge {}", iface.bridge)));
    CUBBY_CHECK(host.deleteLinkIfPresent(iface.hostDev));
    CUBBY_CHECK(host.createVeth({iface.hostDev, iface.guestDev, netnsFd, iface.mac, *mtu}));
    CUBBY_CHECK(host.setMaster(iface.hostDev, iface.bridge));
    if (iface.type == InterfaceType::Network) {
        // On a Cubby network the port is locked to the container's MAC, its one static
        // entry, and learns nothing: frames from any other source MAC are dropped as they
        // enter. (nft_ruleset.cpp's bridge table then holds the addresses to that MAC.)
        // libvirt's macTableManager='libvirt' also keeps unicast for unknown MACs off it.
        CUBBY_CHECK(host.addStaticFdbEntry(iface.hostDev, iface.mac));
        CUBBY_CHECK(host.setGroup(iface.hostDev, iface.portGroup));
        CUBBY_CHECK(host.setBridgePortSwitches(
            iface.hostDev,
            {.learning = false, .unicastFlood = !iface.staticMacTable, .locked = true}));
    }
    return host.setUp(iface.hostDev);
}

Status configureInside(const ContainerNetworkPlan& plan, const NetNamespace& container) {
    NetNamespaceGuard inside(container);
    CUBBY_CHECK(inside.status());
    CUBBY_TRY(netlink, NetlinkSocket::open());
    CUBBY_CHECK(netlink.setUp("lo"));
    for (const InterfacePlan& iface : plan.interfaces) {
        // /proc/sys/net is this thread's namespace's: the container's, inside the guard.
        for (const SysctlSetting& setting : planGuestInterfaceSysctls(iface.guestDev))
            CUBBY_CHECK(writeIpv6Sysctl(setting.key, setting.value));
        for (const IpPrefix& address : iface.addresses)
            CUBBY_CHECK(netlink.addAddress(iface.guestDev, address));
        CUBBY_CHECK(netlink.setUp(iface.guestDev));
    }
    // Routes last: their gateways must be reachable through the addresses above.
    for (const InterfacePlan& iface : plan.interfaces) {
        for (const InterfaceRoute& route : iface.routes)
            CUBBY_CHECK(netlink.addRoute(route.destination, route.gateway, iface.guestDev));
    }
    return {};
}

} // namespace

Status attachContainerInterfaces(const ContainerNetworkPlan& plan, pid_t child) {
    if (plan.interfaces.empty())
        return {};
    CUBBY_TRY(container, NetNamespace::ofProcess(child));
    CUBBY_TRY(host, NetlinkSocket::open());
    for (const InterfacePlan& iface : plan.interfaces) {
        if (auto created = createOnHost(host, iface, container.fd()); !created) {
            detachContainerInterfaces(plan);
            return fail(
                Error{created.error().kind, created.error().errnoValue,
                      std::format("interface {}: {}", iface.guestDev, created.error().message)});
        }
    }
    if (auto configured = configureInside(plan, container); !configured) {
        detachContainerInterfaces(plan);
        return configured;
    }
    return {};
}

void detachContainerInterfaces(const ContainerNetworkPlan& plan) {
    auto host = NetlinkSocket::open();
    if (!host)
        return;
    for (const InterfacePlan& iface : plan.interfaces) {
        if (!iface.hostDev.empty() && iface.type != InterfaceType::Direct)
            (void)host->deleteLinkIfPresent(iface.hostDev);
    }
}

} // namespace cubby
