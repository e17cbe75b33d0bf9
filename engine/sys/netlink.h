#pragma once
// Links and addresses through libnl-3's route library (rtnetlink), never by running `ip`.
// A NetlinkSocket talks to the network namespace of the thread that opened it.

#include "error.h"
#include "inet.h"

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

struct nl_sock;
struct rtnl_link;

namespace cubby {

class NetlinkSocket {
public:
    static Result<NetlinkSocket> open();

    int linkIndex(std::string_view name); // 0 when there is no such link
    std::vector<std::string> linkNames();

    Status createBridge(std::string_view name);
    // A veth pair; the peer is created directly inside `peerNetnsFd` when that is >= 0.
    Status createVethPair(std::string_view name, std::string_view peerName, int peerNetnsFd = -1);
    Status deleteLink(std::string_view name);
    Status setUp(std::string_view name);
    Status setMaster(std::string_view name, std::string_view bridgeName);
    // Adds `address` (with its prefix length) to the link.
    Status addAddress(std::string_view name, const IpPrefix& address);

private:
    // Looks the link up and applies the attributes `describeChange` sets on an empty link.
    Status changeLink(std::string_view name, const std::string& what,
                      const std::function<void(rtnl_link*)>& describeChange);

    struct Deleter {
        void operator()(nl_sock* socket) const;
    };
    explicit NetlinkSocket(std::unique_ptr<nl_sock, Deleter> socket)
        : m_socket(std::move(socket)) {}
    std::unique_ptr<nl_sock, Deleter> m_socket;
};

} // namespace cubby
