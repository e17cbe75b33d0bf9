#pragma once
// Links and addresses through libnl-3's route library (rtnetlink), never by running `ip`.
// A NetlinkSocket talks to the network namespace of the thread that opened it.

#include "error.h"
#include "inet.h"
#include "network_plan.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct nl_sock;
struct rtnl_link;

namespace cubby {

// A bridge as a network wants it. STP and the forward delay are set in the same message, the
// delay first, so that a bridge with STP on and delay 0 forwards at once.
struct BridgeRequest {
    std::string name;
    bool stp = false;
    unsigned forwardDelaySeconds = 0;
    std::optional<MacAddress> mac;
};

// A veth pair whose peer is created directly inside another namespace, under its final name.
struct VethRequest {
    std::string hostName;
    std::string peerName;
    int peerNetnsFd = -1;
    std::optional<MacAddress> peerMac;
    unsigned mtu = 0; // both ends; 0: the kernel's default
};

struct MacvlanRequest {
    std::string name;  // the name inside the target namespace
    std::string lower; // the NIC it sits on, in this namespace
    MacvlanMode mode = MacvlanMode::Bridge;
    std::optional<MacAddress> mac;
    int netnsFd = -1;
};

class NetlinkSocket {
public:
    static Result<NetlinkSocket> open();

    int linkIndex(std::string_view name); // 0 when there is no such link
    std::vector<std::string> linkNames();

    Status createBridge(std::string_view name);
    Status createBridge(const BridgeRequest& request);
    Status createVeth(const VethRequest& request);
    Status createMacvlan(const MacvlanRequest& request);
    // A veth pair; the peer is created directly inside `peerNetnsFd` when that is >= 0.
    Status createVethPair(std::string_view name, std::string_view peerName, int peerNetnsFd = -1);
    Status deleteLink(std::string_view name);
    // Deletes the link when it exists; true when there was one.
    Result<bool> deleteLinkIfPresent(std::string_view name);
    Status setMtu(std::string_view name, unsigned mtu);
    // The link's interface group (what nftables' iifgroup matches).
    Status setGroup(std::string_view name, uint32_t group);
    Result<unsigned> mtu(std::string_view name);
    // Whether the link is administratively up (IFF_UP); NotFound when there is no such link.
    Result<bool> isUp(std::string_view name);
    // Every link with its kind, master, type and state (wireless is left false: sysfs knows).
    Result<std::vector<HostLink>> hostLinks();
    // The link's kind as rtnetlink names it ("bridge", "veth", …; empty for a plain NIC).
    Result<std::string> linkKind(std::string_view name);
    Status setMacAddress(std::string_view name, const MacAddress& mac);
    // Moves the link into another network namespace under `newName`.
    Status moveToNamespace(std::string_view name, int netnsFd, std::string_view newName);
    Status setUp(std::string_view name);
    Status setMaster(std::string_view name, std::string_view bridgeName);
    // A bridge port's switches, as `bridge link set dev PORT learning … flood … locked …`.
    struct BridgePortSwitches {
        bool learning = true;
        bool unicastFlood = true;
        // Frames enter only with a source MAC the bridge's table puts on this port.
        bool locked = false;
    };
    Status setBridgePortSwitches(std::string_view name, BridgePortSwitches switches);
    // A static entry in the bridge's forwarding table: frames for `mac` go to port `name`.
    Status addStaticFdbEntry(std::string_view name, const MacAddress& mac);
    // Adds `address` (with its prefix length) to the link.
    Status addAddress(std::string_view name, const IpPrefix& address);
    // A route to `destination` through `gateway` on `device` (in the main table).
    Status addRoute(const IpPrefix& destination, const IpAddress& gateway, std::string_view device);
    // The addresses, routes (every table but the local one) and link names of this
    // namespace, as the subnet planner reads them.
    Result<HostNetworkFacts> hostFacts();

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
