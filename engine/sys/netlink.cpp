#include "netlink.h"

#include <format>
#include <functional>
#include <net/if.h>
#include <netlink/addr.h>
#include <netlink/cache.h>
#include <netlink/errno.h>
#include <netlink/netlink.h>
#include <netlink/route/addr.h>
#include <netlink/route/link.h>
#include <netlink/route/link/bridge.h>
#include <netlink/route/link/veth.h>
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

} // namespace cubby
