#include "network_request.h"

#include "names.h"
#include "network_xml.h"

#include <QCoreApplication>
#include <QRandomGenerator>
#include <QSet>
#include <array>

namespace cubby {

namespace {

// The pages' messages, in a translation context lupdate recognizes.
struct RequestText {
    Q_DECLARE_TR_FUNCTIONS(cubby::NetworkRequest)
};

QString fromStd(const std::string& text) {
    return QString::fromStdString(text);
}

// 1–65535 as typed, or nothing.
std::optional<uint16_t> portNumber(const QString& text) {
    bool ok = false;
    const int value = text.trimmed().toInt(&ok);
    if (!ok || value < 1 || value > 65535)
        return std::nullopt;
    return static_cast<uint16_t>(value);
}

// ".10" or "10": a host number inside a subnet not known yet.
std::optional<uint32_t> hostNumber(const QString& text) {
    QString digits = text.trimmed();
    if (digits.startsWith(u'.'))
        digits.remove(0, 1);
    bool ok = false;
    const uint value = digits.toUInt(&ok);
    if (!ok || digits.isEmpty() || value == 0 || value > 0xFFFFFF)
        return std::nullopt;
    return value;
}

// The container address of a forward inside `subnet`: a host number or a full address.
Result<IpAddress> forwardTarget(const PortForwardRequest& forward, const IpPrefix& subnet) {
    if (const auto number = hostNumber(forward.address))
        return IpAddress::v4(subnet.network().address.v4HostOrder() + *number);
    return IpAddress::parse(forward.address.trimmed().toStdString(), "container address");
}

Uuid freshUuid() {
    std::array<uint8_t, 16> random{};
    QRandomGenerator::system()->generate(random.begin(), random.end());
    return Uuid::fromRandomBytes(random);
}

// The request's IPv6, MTU and walls on `network` (before any IPv4 <ip>).
Status applyIpv6MtuAndWalls(const NetworkRequest& request, Network& network) {
    const bool nat = request.mode == ForwardMode::Nat;
    const QString prefix = request.ipv6Prefix.trimmed();
    if (request.ipv6 && !prefix.isEmpty()) {
        CUBBY_TRY(bridge, bridgeAddressFromIpv6Prefix(prefix));
        network.ips.push_back({bridge, {}, {}, false});
    }
    // On a NAT network the helper chooses a prefix for "yes" without one, and adds none
    // for "no"; elsewhere only a typed prefix gives IPv6.
    if (nat)
        network.forward.natIpv6 = request.ipv6;
    if (const QString mtu = request.mtu.trimmed(); !mtu.isEmpty()) {
        bool ok = false;
        const uint value = mtu.toUInt(&ok);
        if (!ok || value < 576 || value > 65535)
            return failInvalid(
                RequestText::tr("The MTU “%1” is not a size from 576 to 65535 bytes.")
                    .arg(mtu)
                    .toStdString());
        if (request.ipv6 && value < 1280)
            return failInvalid(RequestText::tr("IPv6 needs an MTU of at least 1280 bytes; a "
                                               "smaller one only works without IPv6.")
                                   .toStdString());
        network.mtu = value;
    }
    network.walls =
        NetworkWalls{request.reachHost ? HostAccess::All : HostAccess::Services, request.reachLan};
    return {};
}

} // namespace

QString checkNameAndKind(const NetworkRequest& request, const QList<KnownNetwork>& known) {
    if (request.name.isEmpty())
        return RequestText::tr("Give the network a name.");
    if (auto valid = validateObjectName(request.name.toStdString(), "The name"); !valid)
        return fromStd(valid.error().message);
    for (const KnownNetwork& network : known) {
        if (network.name == request.name)
            return RequestText::tr("A network named “%1” exists already.").arg(request.name);
    }
    return {};
}

Result<IpPrefix> bridgeAddressFromSubnet(const QString& text) {
    CUBBY_TRY(prefix, IpPrefix::parse(text.trimmed().toStdString(), "The subnet"));
    if (prefix.address.family != IpFamily::V4)
        return failInvalid("The subnet must be IPv4, e.g. 192.168.160.0/24.");
    if (prefix.prefixLength < 8 || prefix.prefixLength > 30)
        return failInvalid("The subnet must be between /8 and /30.");
    if (prefix.address == prefix.network().address)
        prefix.address = IpAddress::v4(prefix.address.v4HostOrder() + 1);
    return prefix;
}

Result<IpPrefix> bridgeAddressFromIpv6Prefix(const QString& text) {
    CUBBY_TRY(prefix, IpPrefix::parse(text.trimmed().toStdString(), "The IPv6 prefix"));
    if (prefix.address.family != IpFamily::V6 || prefix.prefixLength != 64)
        return failInvalid("The IPv6 prefix must be a /64, e.g. fd12:3456:789a:1::/64.");
    if (prefix.address == prefix.network().address)
        prefix.address.bytes[15] = 1;
    return prefix;
}

std::optional<DhcpRange> defaultDhcpRange(const IpPrefix& bridgeAddress) {
    const auto broadcast = bridgeAddress.broadcastV4();
    if (!broadcast)
        return std::nullopt;
    const uint32_t first = bridgeAddress.address.v4HostOrder() + 1;
    const uint32_t last = broadcast->v4HostOrder() - 1;
    if (first > last)
        return std::nullopt;
    return DhcpRange{IpAddress::v4(first), IpAddress::v4(last), std::nullopt};
}

QString checkAddresses(const NetworkRequest& request, const QList<KnownNetwork>& known) {
    auto network = networkFromRequest(request);
    if (!network)
        return fromStd(network.error().message);
    if (request.automaticSubnet)
        return {};
    const IpPrefix& mine = network->ipv4()->address;
    for (const KnownNetwork& other : known) {
        const auto theirs = IpPrefix::parse(other.subnet.toStdString(), "subnet");
        if (other.name != request.name && theirs && mine.overlaps(*theirs))
            return RequestText::tr("%1 overlaps %2, the subnet of the network “%3”.")
                .arg(fromStd(mine.network().toString()), other.subnet, other.name);
    }
    return {};
}

QString checkPortForwards(const NetworkRequest& request) {
    if (!request.portForwards.isEmpty() && request.mode != ForwardMode::Nat)
        return RequestText::tr("Port forwards need a NAT network.");
    QSet<QString> seen;
    for (qsizetype i = 0; i < request.portForwards.size(); ++i) {
        const PortForwardRequest& forward = request.portForwards[i];
        const QString row = RequestText::tr("Row %1: ").arg(i + 1);
        if (forward.protocol != u"tcp" && forward.protocol != u"udp")
            return row + RequestText::tr("the protocol is tcp or udp.");
        if (!portNumber(forward.hostPort))
            return row + RequestText::tr("the host port “%1” is not a port (1–65535).")
                             .arg(forward.hostPort);
        if (!portNumber(forward.port))
            return row + RequestText::tr("the container port “%1” is not a port (1–65535).")
                             .arg(forward.port);
        const QString key =
            forward.protocol + u'/' + QString::number(*portNumber(forward.hostPort));
        if (seen.contains(key))
            return row + RequestText::tr("host port %1 is forwarded twice.").arg(key);
        seen.insert(key);
        if (request.automaticSubnet && !hostNumber(forward.address))
            return row +
                   RequestText::tr(
                       "the subnet is chosen for you, so give the container's host number, e.g. "
                       ".10, not “%1”.")
                       .arg(forward.address);
    }
    // With a known subnet the core checks the addresses against it.
    if (!request.automaticSubnet && !request.portForwards.isEmpty()) {
        auto network = networkFromRequest(request);
        if (!network)
            return fromStd(network.error().message);
    }
    return {};
}

bool forwardsNeedStoredSubnet(const NetworkRequest& request) {
    return request.automaticSubnet && !request.portForwards.isEmpty();
}

Result<Network> networkFromRequest(const NetworkRequest& request) {
    Network network;
    network.name = request.name.toStdString();
    network.uuid = freshUuid();
    network.forward.mode = request.mode;
    if (!request.domain.trimmed().isEmpty())
        network.domain = DnsDomain{request.domain.trimmed().toStdString(), true};
    CUBBY_CHECK(applyIpv6MtuAndWalls(request, network));
    const bool automatic = request.automaticSubnet && request.mode != ForwardMode::None;
    if (!request.automaticSubnet) {
        CUBBY_TRY(bridge, bridgeAddressFromSubnet(request.subnet));
        NetworkIp ip;
        ip.address = bridge;
        if (request.dhcp) {
            ip.hasDhcp = true;
            if (request.dhcpStart.trimmed().isEmpty() && request.dhcpEnd.trimmed().isEmpty()) {
                if (const auto range = defaultDhcpRange(bridge))
                    ip.dhcpRanges.push_back(*range);
            } else {
                CUBBY_TRY(start, IpAddress::parse(request.dhcpStart.trimmed().toStdString(),
                                                  "DHCP start"));
                CUBBY_TRY(end,
                          IpAddress::parse(request.dhcpEnd.trimmed().toStdString(), "DHCP end"));
                ip.dhcpRanges.push_back({start, end, std::nullopt});
            }
        }
        network.ips.insert(network.ips.begin(), std::move(ip));
        return networkWithPortForwards(std::move(network), request);
    }
    // An isolated network with an automatic subnet runs without an address (the helper gives
    // only NAT and routed networks one), which is what "containers and this computer only"
    // needs least; it still validates as such.
    CUBBY_CHECK(validateNetwork(network, automatic ? NetworkCompleteness::SubnetChosenLater
                                                   : NetworkCompleteness::Complete));
    return network;
}

Result<Network> networkWithPortForwards(Network stored, const NetworkRequest& request) {
    const NetworkIp* v4 = stored.ipv4();
    stored.portForwards.clear();
    for (const PortForwardRequest& forward : request.portForwards) {
        if (!v4)
            return failInvalid("port forwards need an IPv4 subnet");
        PortForward resolved;
        resolved.protocol = forward.protocol == u"udp" ? Protocol::Udp : Protocol::Tcp;
        resolved.hostPort = portNumber(forward.hostPort).value_or(0);
        resolved.port = portNumber(forward.port).value_or(0);
        if (!resolved.hostPort || !resolved.port)
            return failInvalid("a port is not in 1–65535");
        CUBBY_TRY(target, forwardTarget(forward, v4->address));
        resolved.address = target;
        stored.portForwards.push_back(resolved);
    }
    CUBBY_CHECK(validateNetwork(stored));
    return stored;
}

} // namespace cubby
