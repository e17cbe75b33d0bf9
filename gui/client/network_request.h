#pragma once
// What the "New Network" wizard asks for, as one value, and how it becomes a <network>
// definition. Pure: no widgets and no bus, so the rules are unit-tested without a display.
//
// A subnet left to the helper is unknown until DefineNetwork has stored the network, so port
// forwards name their container by host number (".10": the tenth address of whatever subnet
// is chosen) and are added by a second DefineNetwork once the stored subnet is read back
// (networkWithPortForwards). With a subnet typed in, full addresses work as well.

#include "network.h"

#include <QList>
#include <QString>
#include <optional>

namespace cubby {

struct PortForwardRequest {
    QString protocol = QStringLiteral("tcp"); // "tcp" or "udp"
    QString hostPort;                         // as typed: validated to 1–65535
    QString address;                          // "192.168.150.10", ".10" or "10"
    QString port;
};

struct NetworkRequest {
    QString name;
    ForwardMode mode = ForwardMode::Nat;
    bool automaticSubnet = true;
    QString subnet;             // manual: "192.168.160.0/24" (bridge on .1) or "192.168.160.1/24"
    bool dhcp = true;           // manual: hand out addresses
    QString dhcpStart, dhcpEnd; // manual: empty means the whole subnet after the bridge
    QString domain;             // optional DNS domain
    // IPv6 beside IPv4: on a NAT network masqueraded, in `ipv6Prefix` (a /64 as typed) or,
    // left empty, in a ULA /64 the helper chooses where this computer has IPv6.
    bool ipv6 = true;
    QString ipv6Prefix;
    QString mtu; // empty: the kernel's default
    // The walls (<cubby:walls>): the safe default keeps containers from this computer's own
    // services, and lets them reach the local network.
    bool reachHost = false;
    bool reachLan = true;
    QList<PortForwardRequest> portForwards;
    bool startNow = true;
    bool autostart = false;
};

// A network that exists already, as ListNetworks describes it.
struct KnownNetwork {
    QString name;
    QString subnet; // empty when it has none
};

// Each returns an empty string when the page is fine, else a message for the page.
QString checkNameAndKind(const NetworkRequest& request, const QList<KnownNetwork>& known);
QString checkAddresses(const NetworkRequest& request, const QList<KnownNetwork>& known);
QString checkPortForwards(const NetworkRequest& request);

// The definition to hand to DefineNetwork first. With an automatic subnet it has no <ip> and
// no port forwards (parseNetworkXml accepts it with NetworkCompleteness::SubnetChosenLater);
// otherwise it is complete. The UUID is left for the helper to generate.
Result<Network> networkFromRequest(const NetworkRequest& request);

// True when the port forwards must wait for the subnet the helper chooses.
bool forwardsNeedStoredSubnet(const NetworkRequest& request);

// `stored` (as the helper completed it) with the request's port forwards, resolved against
// its IPv4 subnet and validated.
Result<Network> networkWithPortForwards(Network stored, const NetworkRequest& request);

// The first and last address DHCP hands out by default: after the bridge, before broadcast.
std::optional<DhcpRange> defaultDhcpRange(const IpPrefix& bridgeAddress);

// "192.168.160.0/24" → the bridge's address, 192.168.160.1/24 (a host address is kept).
Result<IpPrefix> bridgeAddressFromSubnet(const QString& text);
// The same for an IPv6 /64: "fd12:3456:789a:1::/64" → fd12:3456:789a:1::1/64.
Result<IpPrefix> bridgeAddressFromIpv6Prefix(const QString& text);

} // namespace cubby
