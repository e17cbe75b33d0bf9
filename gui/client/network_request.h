#pragma once
// What the "New Network" wizard asks for, as one value, and how it becomes a <network>
// definition. Pure: no widgets and no bus, so the rules are unit-tested without a display.
//
// A subnet left to the helper is unknown until DefineNetwork has stored the network, so port
// forwards name their container by host number (".10": the tenth address of whatever subnet
// is chosen) and are added by a second DefineNetwork once the stored subnet is read back
// (networkWithPortForwards). With a subnet typed in, full addresses work as well. DNS host
// names may name their address by host number the same way.

#include "network.h"

#include <QList>
#include <QString>
#include <QVariantMap>
#include <optional>

namespace cubby {

struct PortForwardRequest {
    QString protocol = QStringLiteral("tcp"); // "tcp" or "udp"
    QString hostPort;                         // as typed: validated to 1–65535
    QString address;                          // "192.168.150.10", ".10" or "10"
    QString port;
};

// The DNS names page: records the network's DNS server answers, and where it asks for other
// domains. Each row as typed; checkDnsNames says what is wrong with which.
struct DnsHostRequest {
    QString name;    // "web" or "web.lab.internal"
    QString address; // "192.168.150.10", "fd00::10", ".10" or "10"
};

struct DnsSrvRequest {
    QString service;                          // "ldap" ("_ldap" is taken as "ldap")
    QString protocol = QStringLiteral("tcp"); // "tcp" or "udp"
    QString target;                           // the host that offers it
    QString port;                             // as typed: validated to 1–65535
};

struct DnsTxtRequest {
    QString name;
    QString value;
};

struct DnsForwarderRequest {
    QString domain;
    bool localOnly = false; // answered from this network's own names, never sent on
    QString server;         // the upstream server's address, unless localOnly
};

enum class DnsRecordKind { Host, Srv, Txt, Forwarder };

// What checkDnsNames refuses, and where: the page shows the message and selects the row.
struct DnsNamesProblem {
    QString message; // empty: nothing wrong
    DnsRecordKind kind = DnsRecordKind::Host;
    int row = -1; // -1: not one row's fault
};

// One place a host-LAN network could put containers, as the helper's ListHostLans lists it.
struct HostLanOption {
    QString name;
    bool bridge = false;   // the host's own bridge; else a NIC containers get macvlans on
    bool wireless = false; // Wi-Fi: most access points drop the containers' frames
    bool uplink = false;   // this computer's default route leaves through it
    bool up = false;
    bool hasCard = true; // false: a bridge with no network card among its ports
    bool operator==(const HostLanOption&) const = default;
};

QList<HostLanOption> hostLanOptionsFromReply(const QList<QVariantMap>& entries);
// The sentence under "On the local network", before the user picks: what this computer's
// uplink is and whether the choice can work here.
QString hostLanAdvice(const QList<HostLanOption>& options);
// A line of the link list: "br0 — this computer's bridge (its uplink)".
QString hostLanOptionLabel(const HostLanOption& option);
// What to warn about once `option` is chosen; empty when nothing.
QString hostLanWarning(const HostLanOption& option);

struct NetworkRequest {
    QString name;
    // ForwardMode::Bridge: on the host's LAN through `lanLink`; none of the other pages apply.
    ForwardMode mode = ForwardMode::Nat;
    QString lanLink;
    bool lanLinkIsBridge = true; // the host's bridge; else a NIC for macvlans
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
    QList<DnsHostRequest> dnsHosts;
    QList<DnsSrvRequest> dnsSrvs;
    QList<DnsTxtRequest> dnsTxts;
    QList<DnsForwarderRequest> dnsForwarders;
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
DnsNamesProblem findDnsNamesProblem(const NetworkRequest& request);
QString checkDnsNames(const NetworkRequest& request);
// "Host names", "Services (SRV)", …: the page's tab titles, also in its messages.
QString dnsRecordKindName(DnsRecordKind kind);

// Whether the network has a DNS server to answer its names: an isolated network needs an
// address (a subnet typed in, or an IPv6 prefix).
bool hasDnsServer(const NetworkRequest& request);
bool hasDnsNames(const NetworkRequest& request);

// The definition to hand to DefineNetwork first. With an automatic subnet it has no <ip>, no
// port forwards and no DNS host named by host number (parseNetworkXml accepts it with
// NetworkCompleteness::SubnetChosenLater); otherwise it is complete. The UUID is left for the
// helper to generate.
Result<Network> networkFromRequest(const NetworkRequest& request);

// True when port forwards or DNS hosts must wait for the subnet the helper chooses.
bool needsStoredSubnet(const NetworkRequest& request);

// `stored` (as the helper completed it) with the request's port forwards and DNS hosts,
// resolved against its IPv4 subnet and validated.
Result<Network> networkWithPortForwards(Network stored, const NetworkRequest& request);

// The first and last address DHCP hands out by default: after the bridge, before broadcast.
std::optional<DhcpRange> defaultDhcpRange(const IpPrefix& bridgeAddress);

// "192.168.160.0/24" → the bridge's address, 192.168.160.1/24 (a host address is kept).
Result<IpPrefix> bridgeAddressFromSubnet(const QString& text);
// The same for an IPv6 /64: "fd12:3456:789a:1::/64" → fd12:3456:789a:1::1/64.
Result<IpPrefix> bridgeAddressFromIpv6Prefix(const QString& text);

} // namespace cubby
