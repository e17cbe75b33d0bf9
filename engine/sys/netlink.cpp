#include "netlink.h"

#include <cstring>
#include <format>
#include <functional>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <net/if_arp.h>
#include <netlink/addr.h>
#include <netlink/cache.h>
#include <netlink/errno.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <netlink/route/addr.h>
#include <netlink/route/link.h>
#include <netlink/route/link/bridge.h>
#include <netlink/route/link/macvlan.h>
#include <netlink/route/link/veth.h>
#include <netlink/route/neighbour.h>
#include <netlink/route/route.h>
#include <sys/socket.h>

namespace cubby {

namespace {

struct LinkDeleter {
    void operator()(rtnl_link* link) const { rtnl_link_put(link); }
};
using LinkPtr = std::unique_ptr<rtnl_link, LinkDeleter>;

struct AddrDeleter {
    void operator()(rtnl_addr* addr) const { rtnl_addr_put(addr); }
};
struct NlAddrDeleter {
    void operator()(nl_addr* addr) const { nl_addr_put(addr); }
};
struct CacheDeleter {
    void operator()(nl_cache* cache) const { nl_cache_free(cache); }
};

struct NeighDeleter {
    void operator()(rtnl_neigh* neigh) const { rtnl_neigh_put(neigh); }
};
struct RouteDeleter {
    void operator()(rtnl_route* route) const { rtnl_route_put(route); }
};
struct MsgDeleter {
    void operator()(nl_msg* msg) const { nlmsg_free(msg); }
};
using NlAddrPtr = std::unique_ptr<nl_addr, NlAddrDeleter>;

NlAddrPtr macAddr(const MacAddress& mac) {
    return NlAddrPtr(nl_addr_build(AF_LLC, mac.octets.data(), mac.octets.size()));
}

NlAddrPtr ipAddr(const IpAddress& address, unsigned prefixLength) {
    const bool v4 = address.family == IpFamily::V4;
    NlAddrPtr out(nl_addr_build(v4 ? AF_INET : AF_INET6, address.bytes.data(), v4 ? 4 : 16));
    if (out)
        nl_addr_set_prefixlen(out.get(), static_cast<int>(prefixLength));
    return out;
}

std::optional<IpPrefix> toPrefix(nl_addr* addr) {
    if (!addr)
        return std::nullopt;
    IpPrefix prefix;
    const int family = nl_addr_get_family(addr);
    const unsigned length = nl_addr_get_len(addr);
    if (family == AF_INET && (length == 4 || length == 0))
        prefix.address.family = IpFamily::V4;
    else if (family == AF_INET6 && (length == 16 || length == 0))
        prefix.address.family = IpFamily::V6;
    else
        return std::nullopt;
    if (length > 0)
        std::memcpy(prefix.address.bytes.data(), nl_addr_get_binary_addr(addr), length);
    prefix.prefixLength = nl_addr_get_prefixlen(addr);
    return prefix;
}

// Kernel macvlan modes by Cubby's names.
constexpr std::pair<MacvlanMode, int> macvlanModes[] = {
    {MacvlanMode::Bridge, MACVLAN_MODE_BRIDGE},
    {MacvlanMode::Vepa, MACVLAN_MODE_VEPA},
    {MacvlanMode::Private, MACVLAN_MODE_PRIVATE},
    {MacvlanMode::Passthrough, MACVLAN_MODE_PASSTHRU},
};

// libnl reports its own error codes, not errno; keep its text with our context.
Error netlinkError(int code, std::string context) {
    return Error{ErrorKind::System, 0, std::format("{}: {}", context, nl_geterror(code))};
}

} // namespace

void NetlinkSocket::Deleter::operator()(nl_sock* socket) const {
    nl_socket_free(socket);
}

Result<NetlinkSocket> NetlinkSocket::open() {
    std::unique_ptr<nl_sock, Deleter> socket(nl_socket_alloc());
    if (!socket)
        return fail(Error::system(ENOMEM, "allocating a netlink socket"));
    if (const int err = nl_connect(socket.get(), NETLINK_ROUTE); err < 0)
        return fail(netlinkError(err, "connecting to rtnetlink"));
    return NetlinkSocket(std::move(socket));
}

int NetlinkSocket::linkIndex(std::string_view name) {
    rtnl_link* link = nullptr;
    if (rtnl_link_get_kernel(m_socket.get(), 0, std::string(name).c_str(), &link) < 0)
        return 0;
    LinkPtr owned(link);
    return rtnl_link_get_ifindex(link);
}

std::vector<std::string> NetlinkSocket::linkNames() {
    std::vector<std::string> names;
    nl_cache* raw = nullptr;
    if (rtnl_link_alloc_cache(m_socket.get(), AF_UNSPEC, &raw) < 0)
        return names;
    std::unique_ptr<nl_cache, CacheDeleter> cache(raw);
    for (nl_object* object = nl_cache_get_first(raw); object; object = nl_cache_get_next(object))
        names.emplace_back(rtnl_link_get_name(reinterpret_cast<rtnl_link*>(object)));
    return names;
}

Result<std::vector<HostLink>> NetlinkSocket::hostLinks() {
    nl_cache* raw = nullptr;
    if (const int err = rtnl_link_alloc_cache(m_socket.get(), AF_UNSPEC, &raw); err < 0)
        return fail(netlinkError(err, "listing links"));
    std::unique_ptr<nl_cache, CacheDeleter> cache(raw);
    std::vector<HostLink> links;
    for (nl_object* object = nl_cache_get_first(raw); object; object = nl_cache_get_next(object)) {
        auto* link = reinterpret_cast<rtnl_link*>(object);
        const char* kind = rtnl_link_get_type(link);
        char master[IFNAMSIZ + 1] = {};
        const int masterIndex = rtnl_link_get_master(link);
        const char* masterName =
            masterIndex > 0 ? rtnl_link_i2name(raw, masterIndex, master, sizeof master) : nullptr;
        links.push_back({rtnl_link_get_name(link), kind ? kind : "", masterName ? masterName : "",
                         rtnl_link_get_arptype(link) == ARPHRD_ETHER,
                         (rtnl_link_get_flags(link) & IFF_UP) != 0, false});
    }
    return links;
}

Status NetlinkSocket::createBridge(std::string_view name) {
    LinkPtr link(rtnl_link_bridge_alloc());
    rtnl_link_set_name(link.get(), std::string(name).c_str());
    if (const int err = rtnl_link_add(m_socket.get(), link.get(), NLM_F_CREATE | NLM_F_EXCL);
        err < 0)
        return fail(netlinkError(err, std::format("creating bridge {}", name)));
    return {};
}

Status NetlinkSocket::createVethPair(std::string_view name, std::string_view peerName,
                                     int peerNetnsFd) {
    LinkPtr link(rtnl_link_veth_alloc());
    if (!link)
        return fail(Error::system(ENOMEM, "allocating a veth link"));
    rtnl_link_set_name(link.get(), std::string(name).c_str());
    LinkPtr peer(rtnl_link_veth_get_peer(link.get()));
    rtnl_link_set_name(peer.get(), std::string(peerName).c_str());
    if (peerNetnsFd >= 0)
        rtnl_link_set_ns_fd(peer.get(), peerNetnsFd);
    if (const int err = rtnl_link_add(m_socket.get(), link.get(), NLM_F_CREATE | NLM_F_EXCL);
        err < 0)
        return fail(netlinkError(err, std::format("creating veth pair {}/{}", name, peerName)));
    return {};
}

Status NetlinkSocket::deleteLink(std::string_view name) {
    LinkPtr link(rtnl_link_alloc());
    rtnl_link_set_name(link.get(), std::string(name).c_str());
    if (const int err = rtnl_link_delete(m_socket.get(), link.get()); err < 0)
        return fail(netlinkError(err, std::format("deleting link {}", name)));
    return {};
}

Status NetlinkSocket::changeLink(std::string_view name, const std::string& what,
                                 const std::function<void(rtnl_link*)>& describeChange) {
    rtnl_link* raw = nullptr;
    if (const int err = rtnl_link_get_kernel(m_socket.get(), 0, std::string(name).c_str(), &raw);
        err < 0)
        return fail(netlinkError(err, std::format("looking up link {}", name)));
    LinkPtr current(raw);
    LinkPtr change(rtnl_link_alloc());
    describeChange(change.get());
    if (const int err = rtnl_link_change(m_socket.get(), current.get(), change.get(), 0); err < 0)
        return fail(netlinkError(err, what));
    return {};
}

Status NetlinkSocket::setUp(std::string_view name) {
    return changeLink(name, std::format("bringing link {} up", name),
                      [](rtnl_link* change) { rtnl_link_set_flags(change, IFF_UP); });
}

Status NetlinkSocket::setMaster(std::string_view name, std::string_view bridgeName) {
    const int bridgeIndex = linkIndex(bridgeName);
    if (bridgeIndex == 0)
        return fail(Error::of(ErrorKind::NotFound, std::format("no bridge named {}", bridgeName)));
    return changeLink(name, std::format("attaching {} to bridge {}", name, bridgeName),
                      [&](rtnl_link* change) { rtnl_link_set_master(change, bridgeIndex); });
}

Status NetlinkSocket::setBridgePortSwitches(std::string_view name, BridgePortSwitches switches) {
    const int index = linkIndex(name);
    if (index == 0)
        return fail(Error::of(ErrorKind::NotFound, std::format("no link named {}", name)));
    // RTM_SETLINK for the bridge family with the port's switches in IFLA_PROTINFO, as
    // `bridge link set dev PORT learning off flood off locked on` sends it; libnl has no call
    // for it.
    ifinfomsg header{};
    header.ifi_family = AF_BRIDGE;
    header.ifi_index = index;
    std::unique_ptr<nl_msg, MsgDeleter> message(nlmsg_alloc_simple(RTM_SETLINK, NLM_F_REQUEST));
    if (!message || nlmsg_append(message.get(), &header, sizeof header, NLMSG_ALIGNTO) < 0)
        return fail(Error::system(ENOMEM, "building a bridge port change"));
    nlattr* port = nla_nest_start(message.get(), IFLA_PROTINFO | NLA_F_NESTED);
    if (!port || nla_put_u8(message.get(), IFLA_BRPORT_LEARNING, switches.learning) < 0 ||
        nla_put_u8(message.get(), IFLA_BRPORT_UNICAST_FLOOD, switches.unicastFlood) < 0 ||
        nla_put_u8(message.get(), IFLA_BRPORT_LOCKED, switches.locked) < 0)
        return fail(Error::system(ENOMEM, "building a bridge port change"));
    nla_nest_end(message.get(), port);
    if (const int err = nl_send_auto(m_socket.get(), message.get()); err < 0)
        return fail(netlinkError(err, std::format("changing bridge port {}", name)));
    if (const int err = nl_wait_for_ack(m_socket.get()); err < 0)
        return fail(netlinkError(err, std::format("changing bridge port {}", name)));
    return {};
}

Status NetlinkSocket::addStaticFdbEntry(std::string_view name, const MacAddress& mac) {
    const int index = linkIndex(name);
    if (index == 0)
        return fail(Error::of(ErrorKind::NotFound, std::format("no link named {}", name)));
    std::unique_ptr<rtnl_neigh, NeighDeleter> entry(rtnl_neigh_alloc());
    const NlAddrPtr address = macAddr(mac);
    if (!entry || !address)
        return fail(Error::system(ENOMEM, "allocating a forwarding table entry"));
    rtnl_neigh_set_family(entry.get(), AF_BRIDGE);
    rtnl_neigh_set_ifindex(entry.get(), index);
    rtnl_neigh_set_lladdr(entry.get(), address.get());
    // "static" (NUD_NOARP), not "permanent": a permanent entry is the bridge's own address
    // (frames for it go to the host, not the port, and a locked port refuses it as source).
    rtnl_neigh_set_state(entry.get(), NUD_NOARP);
    rtnl_neigh_set_flags(entry.get(), NTF_MASTER);
    if (const int err = rtnl_neigh_add(m_socket.get(), entry.get(), NLM_F_CREATE | NLM_F_REPLACE);
        err < 0)
        return fail(netlinkError(
            err, std::format("adding {} to the bridge's table for {}", mac.toString(), name)));
    return {};
}

Status NetlinkSocket::addAddress(std::string_view name, const IpPrefix& address) {
    const int index = linkIndex(name);
    if (index == 0)
        return fail(Error::of(ErrorKind::NotFound, std::format("no link named {}", name)));
    nl_addr* rawLocal = nullptr;
    const int family = address.address.family == IpFamily::V4 ? AF_INET : AF_INET6;
    if (const int err = nl_addr_parse(address.toString().c_str(), family, &rawLocal); err < 0)
        return fail(netlinkError(err, std::format("parsing {}", address.toString())));
    std::unique_ptr<nl_addr, NlAddrDeleter> local(rawLocal);
    std::unique_ptr<rtnl_addr, AddrDeleter> addr(rtnl_addr_alloc());
    rtnl_addr_set_ifindex(addr.get(), index);
    rtnl_addr_set_local(addr.get(), local.get());
    if (const int err = rtnl_addr_add(m_socket.get(), addr.get(), 0); err < 0)
        return fail(netlinkError(err, std::format("adding {} to {}", address.toString(), name)));
    return {};
}

Status NetlinkSocket::createBridge(const BridgeRequest& request) {
    // libnl has no setters for the bridge's STP attributes, so the RTM_NEWLINK is built here.
    std::unique_ptr<nl_msg, MsgDeleter> msg(
        nlmsg_alloc_simple(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL | NLM_F_ACK));
    if (!msg)
        return fail(Error::system(ENOMEM, "allocating a netlink message"));
    ifinfomsg header{};
    header.ifi_family = AF_UNSPEC;
    bool ok = nlmsg_append(msg.get(), &header, sizeof header, NLMSG_ALIGNTO) == 0 &&
              nla_put_string(msg.get(), IFLA_IFNAME, request.name.c_str()) == 0;
    if (ok && request.mac)
        ok = nla_put(msg.get(), IFLA_ADDRESS, 6, request.mac->octets.data()) == 0;
    nlattr* info = ok ? nla_nest_start(msg.get(), IFLA_LINKINFO) : nullptr;
    ok = info && nla_put_string(msg.get(), IFLA_INFO_KIND, "bridge") == 0;
    nlattr* data = ok ? nla_nest_start(msg.get(), IFLA_INFO_DATA) : nullptr;
    // The kernel takes the forward delay in USER_HZ (centiseconds).
    ok = data &&
         nla_put_u32(msg.get(), IFLA_BR_FORWARD_DELAY, request.forwardDelaySeconds * 100) == 0 &&
         nla_put_u32(msg.get(), IFLA_BR_STP_STATE, request.stp ? 1 : 0) == 0;
    if (!ok)
        return fail(Error::system(EMSGSIZE, std::format("building bridge {}", request.name)));
    nla_nest_end(msg.get(), data);
    nla_nest_end(msg.get(), info);
    if (int err = nl_send_auto(m_socket.get(), msg.get());
        err < 0 || (err = nl_wait_for_ack(m_socket.get())) < 0)
        return fail(netlinkError(err, std::format("creating bridge {}", request.name)));
    return {};
}

Status NetlinkSocket::createVeth(const VethRequest& request) {
    LinkPtr link(rtnl_link_veth_alloc());
    if (!link)
        return fail(Error::system(ENOMEM, "allocating a veth link"));
    rtnl_link_set_name(link.get(), request.hostName.c_str());
    LinkPtr peer(rtnl_link_veth_get_peer(link.get()));
    rtnl_link_set_name(peer.get(), request.peerName.c_str());
    if (request.mtu) {
        rtnl_link_set_mtu(link.get(), request.mtu);
        rtnl_link_set_mtu(peer.get(), request.mtu);
    }
    if (request.peerMac)
        rtnl_link_set_addr(peer.get(), macAddr(*request.peerMac).get());
    if (request.peerNetnsFd >= 0)
        rtnl_link_set_ns_fd(peer.get(), request.peerNetnsFd);
    if (const int err = rtnl_link_add(m_socket.get(), link.get(), NLM_F_CREATE | NLM_F_EXCL);
        err < 0)
        return fail(netlinkError(
            err, std::format("creating veth pair {}/{}", request.hostName, request.peerName)));
    return {};
}

Status NetlinkSocket::createMacvlan(const MacvlanRequest& request) {
    const int lower = linkIndex(request.lower);
    if (lower == 0)
        return fail(Error::of(ErrorKind::NotFound, std::format("no link named {}", request.lower)));
    LinkPtr link(rtnl_link_macvlan_alloc());
    if (!link)
        return fail(Error::system(ENOMEM, "allocating a macvlan link"));
    rtnl_link_set_name(link.get(), request.name.c_str());
    rtnl_link_set_link(link.get(), lower);
    for (const auto& [mode, kernelMode] : macvlanModes) {
        if (mode == request.mode)
            rtnl_link_macvlan_set_mode(link.get(), static_cast<uint32_t>(kernelMode));
    }
    if (request.mac)
        rtnl_link_set_addr(link.get(), macAddr(*request.mac).get());
    if (request.netnsFd >= 0)
        rtnl_link_set_ns_fd(link.get(), request.netnsFd);
    if (const int err = rtnl_link_add(m_socket.get(), link.get(), NLM_F_CREATE | NLM_F_EXCL);
        err < 0)
        return fail(netlinkError(
            err, std::format("creating macvlan {} on {}", request.name, request.lower)));
    return {};
}

Result<bool> NetlinkSocket::deleteLinkIfPresent(std::string_view name) {
    if (linkIndex(name) == 0)
        return false;
    CUBBY_CHECK(deleteLink(name));
    return true;
}

Status NetlinkSocket::setMtu(std::string_view name, unsigned mtu) {
    return changeLink(name, std::format("setting the MTU of {} to {}", name, mtu),
                      [&](rtnl_link* change) { rtnl_link_set_mtu(change, mtu); });
}

Status NetlinkSocket::setGroup(std::string_view name, uint32_t group) {
    return changeLink(name, std::format("putting {} in interface group {:#x}", name, group),
                      [&](rtnl_link* change) { rtnl_link_set_group(change, group); });
}

namespace {

// The kernel's view of one link; NotFound when there is no such link.
Result<LinkPtr> kernelLink(nl_sock* socket, std::string_view name) {
    rtnl_link* raw = nullptr;
    if (const int err = rtnl_link_get_kernel(socket, 0, std::string(name).c_str(), &raw); err < 0) {
        Error error = netlinkError(err, std::format("looking up link {}", name));
        if (err == -NLE_OBJ_NOTFOUND || err == -NLE_NODEV)
            error.kind = ErrorKind::NotFound;
        return fail(std::move(error));
    }
    return LinkPtr(raw);
}

} // namespace

Result<unsigned> NetlinkSocket::mtu(std::string_view name) {
    CUBBY_TRY(link, kernelLink(m_socket.get(), name));
    return rtnl_link_get_mtu(link.get());
}

Result<std::string> NetlinkSocket::linkKind(std::string_view name) {
    CUBBY_TRY(link, kernelLink(m_socket.get(), name));
    const char* kind = rtnl_link_get_type(link.get());
    return std::string(kind ? kind : "");
}

Result<bool> NetlinkSocket::isUp(std::string_view name) {
    CUBBY_TRY(link, kernelLink(m_socket.get(), name));
    return (rtnl_link_get_flags(link.get()) & IFF_UP) != 0;
}

Status NetlinkSocket::setMacAddress(std::string_view name, const MacAddress& mac) {
    const NlAddrPtr address = macAddr(mac);
    return changeLink(name, std::format("setting the MAC address of {}", name),
                      [&](rtnl_link* change) { rtnl_link_set_addr(change, address.get()); });
}

Status NetlinkSocket::moveToNamespace(std::string_view name, int netnsFd,
                                      std::string_view newName) {
    const std::string renamed(newName);
    return changeLink(name, std::format("moving {} into a network namespace as {}", name, newName),
                      [&](rtnl_link* change) {
                          rtnl_link_set_ns_fd(change, netnsFd);
                          rtnl_link_set_name(change, renamed.c_str());
                      });
}

Status NetlinkSocket::addRoute(const IpPrefix& destination, const IpAddress& gateway,
                               std::string_view device) {
    const int index = linkIndex(device);
    if (index == 0)
        return fail(Error::of(ErrorKind::NotFound, std::format("no link named {}", device)));
    std::unique_ptr<rtnl_route, RouteDeleter> route(rtnl_route_alloc());
    const NlAddrPtr dst = ipAddr(destination.network().address, destination.prefixLength);
    const NlAddrPtr via = ipAddr(gateway, gateway.bitWidth());
    if (!route || !dst || !via)
        return fail(Error::system(ENOMEM, "allocating a route"));
    rtnl_route_set_family(route.get(),
                          destination.address.family == IpFamily::V4 ? AF_INET : AF_INET6);
    rtnl_route_set_table(route.get(), RT_TABLE_MAIN);
    rtnl_route_set_protocol(route.get(), RTPROT_STATIC);
    rtnl_route_set_scope(route.get(), RT_SCOPE_UNIVERSE);
    rtnl_route_set_type(route.get(), RTN_UNICAST);
    if (const int err = rtnl_route_set_dst(route.get(), dst.get()); err < 0)
        return fail(netlinkError(err, "setting a route's destination"));
    rtnl_nexthop* hop = rtnl_route_nh_alloc();
    rtnl_route_nh_set_ifindex(hop, index);
    rtnl_route_nh_set_gateway(hop, via.get());
    rtnl_route_add_nexthop(route.get(), hop); // the route owns it now
    if (const int err = rtnl_route_add(m_socket.get(), route.get(), NLM_F_CREATE | NLM_F_EXCL);
        err < 0)
        return fail(
            netlinkError(err, std::format("adding a route to {} via {} on {}",
                                          destination.toString(), gateway.toString(), device)));
    return {};
}

Result<HostNetworkFacts> NetlinkSocket::hostFacts() {
    HostNetworkFacts facts;
    nl_cache* rawLinks = nullptr;
    if (const int err = rtnl_link_alloc_cache(m_socket.get(), AF_UNSPEC, &rawLinks); err < 0)
        return fail(netlinkError(err, "listing links"));
    std::unique_ptr<nl_cache, CacheDeleter> links(rawLinks);
    const auto nameOf = [&](int index) {
        char name[IFNAMSIZ + 1] = {};
        const char* found =
            index > 0 ? rtnl_link_i2name(rawLinks, index, name, sizeof name) : nullptr;
        return std::string(found ? found : "");
    };
    for (nl_object* object = nl_cache_get_first(rawLinks); object;
         object = nl_cache_get_next(object))
        facts.links.emplace_back(rtnl_link_get_name(reinterpret_cast<rtnl_link*>(object)));

    nl_cache* rawAddresses = nullptr;
    if (const int err = rtnl_addr_alloc_cache(m_socket.get(), &rawAddresses); err < 0)
        return fail(netlinkError(err, "listing addresses"));
    std::unique_ptr<nl_cache, CacheDeleter> addresses(rawAddresses);
    for (nl_object* object = nl_cache_get_first(rawAddresses); object;
         object = nl_cache_get_next(object)) {
        auto* addr = reinterpret_cast<rtnl_addr*>(object);
        if (auto prefix = toPrefix(rtnl_addr_get_local(addr))) {
            prefix->prefixLength = static_cast<unsigned>(rtnl_addr_get_prefixlen(addr));
            facts.addresses.push_back({nameOf(rtnl_addr_get_ifindex(addr)), *prefix});
        }
    }

    nl_cache* rawRoutes = nullptr;
    if (const int err = rtnl_route_alloc_cache(m_socket.get(), AF_UNSPEC, 0, &rawRoutes); err < 0)
        return fail(netlinkError(err, "listing routes"));
    std::unique_ptr<nl_cache, CacheDeleter> routes(rawRoutes);
    for (nl_object* object = nl_cache_get_first(rawRoutes); object;
         object = nl_cache_get_next(object)) {
        auto* route = reinterpret_cast<rtnl_route*>(object);
        if (rtnl_route_get_table(route) == RT_TABLE_LOCAL ||
            rtnl_route_get_type(route) != RTN_UNICAST)
            continue;
        const auto prefix = toPrefix(rtnl_route_get_dst(route));
        if (!prefix)
            continue;
        std::string device;
        if (rtnl_route_get_nnexthops(route) == 1)
            device = nameOf(rtnl_route_nh_get_ifindex(rtnl_route_nexthop_n(route, 0)));
        facts.routes.push_back({device, *prefix});
    }
    return facts;
}

} // namespace cubby
