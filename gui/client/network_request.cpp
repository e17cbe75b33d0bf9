#include "network_request.h"

#include "names.h"
#include "network_xml.h"

#include <QCoreApplication>
#include <QRandomGenerator>
#include <QSet>
#include <algorithm>
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

// The core's rules for DNS names (network_validate.cpp), asked here so the page can say in
// its own words what is wrong; the core still validates the whole definition.
bool isDnsName(const QString& name) {
    if (name.isEmpty() || name.size() > 253 || name.front() == u'.' || name.back() == u'.' ||
        name.front() == u'-')
        return false;
    return std::ranges::all_of(name, [](QChar c) {
        return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') ||
               c == u'-' || c == u'.';
    });
}

bool isServiceName(const QString& name) {
    return !name.isEmpty() && name.size() <= 15 && !name.contains(u'.') && isDnsName(name);
}

// dnsmasq's configuration holds a TXT value between quotes.
bool isTxtValue(const QString& value) {
    return value.size() <= 255 && std::ranges::all_of(value, [](QChar c) {
               return c >= u' ' && c <= u'~' && c != u'"' && c != u'\\';
           });
}

// "_ldap" as written in DNS is the service "ldap".
QString serviceName(const QString& typed) {
    QString name = typed.trimmed();
    if (name.startsWith(u'_'))
        name.remove(0, 1);
    return name;
}

// The address of a DNS host: a host number inside `subnet`, or a full address.
Result<IpAddress> hostAddress(const QString& text, const IpPrefix& subnet) {
    if (const auto number = hostNumber(text))
        return IpAddress::v4(subnet.network().address.v4HostOrder() + *number);
    return IpAddress::parse(text.trimmed().toStdString(), "DNS host address");
}

// The request's DNS records on `network`. Without a subnet (`v4` null), hosts named by host
// number are left out: they wait for the subnet the helper chooses.
Status applyDnsNames(const NetworkRequest& request, const IpPrefix* v4, Network& network) {
    DnsConfig& dns = network.dns;
    dns.hosts.clear();
    for (const DnsHostRequest& host : request.dnsHosts) {
        if (!v4 && hostNumber(host.address))
            continue;
        CUBBY_TRY(address,
                  v4 ? hostAddress(host.address, *v4)
                     : IpAddress::parse(host.address.trimmed().toStdString(), "DNS host address"));
        // One <host> per address, as libvirt writes them.
        auto same = std::ranges::find(dns.hosts, address, &DnsHost::ip);
        if (same == dns.hosts.end())
            same = dns.hosts.insert(dns.hosts.end(), DnsHost{address, {}});
        same->hostnames.push_back(host.name.trimmed().toStdString());
    }
    dns.srvs.clear();
    for (const DnsSrvRequest& srv : request.dnsSrvs) {
        DnsSrv record;
        record.service = serviceName(srv.service).toStdString();
        record.protocol = srv.protocol.toStdString();
        record.target = srv.target.trimmed().toStdString();
        record.port = portNumber(srv.port).value_or(0);
        if (!record.port)
            return failInvalid("an SRV port is not in 1–65535");
        dns.srvs.push_back(std::move(record));
    }
    dns.txts.clear();
    for (const DnsTxtRequest& txt : request.dnsTxts)
        dns.txts.push_back({txt.name.trimmed().toStdString(), txt.value.toStdString()});
    dns.domainForwarders.clear();
    for (const DnsForwarderRequest& forwarder : request.dnsForwarders) {
        DnsDomainForwarder resolved{forwarder.domain.trimmed().toStdString(), std::nullopt};
        if (!forwarder.localOnly) {
            CUBBY_TRY(server,
                      IpAddress::parse(forwarder.server.trimmed().toStdString(), "DNS server"));
            resolved.address = server;
        }
        dns.domainForwarders.push_back(std::move(resolved));
    }
    return {};
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
    if (request.mode == ForwardMode::Bridge && request.lanLink.isEmpty())
        return RequestText::tr("Choose the bridge or network card the containers join.");
    return {};
}

QList<HostLanOption> hostLanOptionsFromReply(const QList<QVariantMap>& entries) {
    QList<HostLanOption> options;
    for (const QVariantMap& entry : entries) {
        const QString name = entry.value(QStringLiteral("name")).toString();
        // Only what could name a link (validateInterfaceName's rule) reaches the XML.
        if (!validateInterfaceName(name.toStdString(), "link"))
            continue;
        options.append({name, entry.value(QStringLiteral("kind")).toString() == u"bridge",
                        entry.value(QStringLiteral("wireless")).toBool(),
                        entry.value(QStringLiteral("uplink")).toBool(),
                        entry.value(QStringLiteral("up")).toBool(),
                        entry.value(QStringLiteral("card"), true).toBool()});
    }
    return options;
}

QString hostLanAdvice(const QList<HostLanOption>& options) {
    if (options.isEmpty())
        return RequestText::tr("This computer has no wired network card or bridge to put "
                               "containers on; choose NAT.");
    const auto uplink = std::ranges::find_if(options, &HostLanOption::uplink);
    if (uplink != options.end() && uplink->wireless)
        return RequestText::tr("This computer reaches the network over Wi-Fi (%1), and most "
                               "access points drop traffic from the containers' own addresses: "
                               "choose NAT unless you use a wired card.")
            .arg(uplink->name);
    return RequestText::tr("Containers get addresses from your router, like any computer on "
                           "the network. Starting them needs an administrator.");
}

QString hostLanOptionLabel(const HostLanOption& option) {
    QString label = option.bridge ? RequestText::tr("%1 — this computer's bridge").arg(option.name)
                                  : RequestText::tr("%1 — network card").arg(option.name);
    if (option.wireless)
        label += RequestText::tr(", Wi-Fi");
    if (option.uplink)
        label += RequestText::tr(", the uplink");
    if (!option.up)
        label += RequestText::tr(", down");
    return label;
}

QString hostLanWarning(const HostLanOption& option) {
    if (option.wireless)
        return RequestText::tr("%1 is a Wi-Fi link: most access points drop frames from "
                               "addresses that did not join them, so containers here will "
                               "likely get no traffic.")
            .arg(option.name);
    if (!option.bridge)
        return RequestText::tr("Containers get macvlans on %1: they reach the network, but this "
                               "computer cannot reach them through %1.")
            .arg(option.name);
    if (!option.hasCard)
        return RequestText::tr("%1 has no network card among its ports: containers on it reach "
                               "this computer and what else is on the bridge, not your network.")
            .arg(option.name);
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
    // The DNS names have a page of their own, which says what is wrong with them.
    NetworkRequest addresses = request;
    addresses.dnsHosts.clear();
    addresses.dnsSrvs.clear();
    addresses.dnsTxts.clear();
    addresses.dnsForwarders.clear();
    auto network = networkFromRequest(addresses);
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

QString dnsRecordKindName(DnsRecordKind kind) {
    switch (kind) {
    case DnsRecordKind::Srv:
        return RequestText::tr("Services (SRV)");
    case DnsRecordKind::Txt:
        return RequestText::tr("Text (TXT)");
    case DnsRecordKind::Forwarder:
        return RequestText::tr("Domain forwarders");
    case DnsRecordKind::Host:
        break;
    }
    return RequestText::tr("Host names");
}

bool hasDnsServer(const NetworkRequest& request) {
    return request.mode != ForwardMode::None || !request.automaticSubnet ||
           (request.ipv6 && !request.ipv6Prefix.trimmed().isEmpty());
}

bool hasDnsNames(const NetworkRequest& request) {
    return !request.dnsHosts.isEmpty() || !request.dnsSrvs.isEmpty() ||
           !request.dnsTxts.isEmpty() || !request.dnsForwarders.isEmpty();
}

namespace {

QString checkDnsHost(const DnsHostRequest& host, const NetworkRequest& request) {
    const QString name = host.name.trimmed();
    const QString address = host.address.trimmed();
    if (name.isEmpty())
        return RequestText::tr("give the name.");
    if (!isDnsName(name))
        return RequestText::tr("“%1” is not a host name (letters, digits, '-' and '.').").arg(name);
    if (address.isEmpty())
        return RequestText::tr("give the address.");
    if (const auto number = hostNumber(address)) {
        if (request.automaticSubnet && request.mode == ForwardMode::None)
            return RequestText::tr("this network has no IPv4 subnet for the host number %1; give "
                                   "a full address.")
                .arg(address);
        // The helper chooses a /24; a typed subnet is known.
        const auto subnet = request.automaticSubnet
                                ? Result<IpPrefix>(IpPrefix{IpAddress::v4(0), 24})
                                : bridgeAddressFromSubnet(request.subnet);
        if (!subnet)
            return {}; // the Addresses page says why
        const IpAddress resolved = *hostAddress(address, *subnet);
        if (subnet->contains(resolved) && resolved != subnet->broadcastV4())
            return {};
        return request.automaticSubnet
                   ? RequestText::tr("the subnet chosen for you is a /24, so a host number is "
                                     ".1 to .254, not %1.")
                         .arg(address)
                   : RequestText::tr("the host number %1 does not fit the subnet %2.")
                         .arg(address, request.subnet.trimmed());
    }
    if (!IpAddress::parse(address.toStdString(), "address"))
        return RequestText::tr("“%1” is not an IP address.").arg(address);
    return {};
}

QString checkDnsSrv(const DnsSrvRequest& srv) {
    const QString service = serviceName(srv.service);
    const QString target = srv.target.trimmed();
    if (service.isEmpty())
        return RequestText::tr("give the service, e.g. ldap.");
    if (!isServiceName(service))
        return RequestText::tr("“%1” is not a service name (letters, digits and '-', at most 15).")
            .arg(service);
    if (srv.protocol != u"tcp" && srv.protocol != u"udp")
        return RequestText::tr("the protocol is tcp or udp.");
    if (target.isEmpty())
        return RequestText::tr("give the host that offers the service.");
    if (!isDnsName(target))
        return RequestText::tr("“%1” is not a host name (letters, digits, '-' and '.').")
            .arg(target);
    if (!portNumber(srv.port))
        return RequestText::tr("the port “%1” is not a port (1–65535).").arg(srv.port);
    return {};
}

QString checkDnsTxt(const DnsTxtRequest& txt) {
    const QString name = txt.name.trimmed();
    if (name.isEmpty())
        return RequestText::tr("give the name.");
    if (!isDnsName(name))
        return RequestText::tr("“%1” is not a DNS name (letters, digits, '-' and '.').").arg(name);
    if (!isTxtValue(txt.value))
        return RequestText::tr("the text holds up to 255 plain ASCII characters, without "
                               "quotes or backslashes.");
    return {};
}

QString checkDnsForwarder(const DnsForwarderRequest& forwarder, const NetworkRequest& request,
                          QSet<QString>& seen) {
    const QString domain = forwarder.domain.trimmed();
    const QString server = forwarder.server.trimmed();
    if (domain.isEmpty())
        return RequestText::tr("give the domain, e.g. corp.example.");
    if (!isDnsName(domain))
        return RequestText::tr("“%1” is not a domain name (letters, digits, '-' and '.').")
            .arg(domain);
    if (domain.compare(request.domain.trimmed(), Qt::CaseInsensitive) == 0)
        return RequestText::tr("%1 is this network's own domain, which it answers itself.")
            .arg(domain);
    if (seen.contains(domain.toLower()))
        return RequestText::tr("the domain %1 is listed twice.").arg(domain);
    seen.insert(domain.toLower());
    if (forwarder.localOnly)
        return {};
    if (server.isEmpty())
        return RequestText::tr("give the server's address, or answer the domain on this network "
                               "only.");
    if (!IpAddress::parse(server.toStdString(), "server"))
        return RequestText::tr("“%1” is not an IP address.").arg(server);
    return {};
}

} // namespace

DnsNamesProblem findDnsNamesProblem(const NetworkRequest& request) {
    if (!hasDnsNames(request))
        return {};
    const auto problem = [](DnsRecordKind kind, qsizetype row, const QString& message) {
        return DnsNamesProblem{RequestText::tr("%1, row %2: %3")
                                   .arg(dnsRecordKindName(kind), QString::number(row + 1), message),
                               kind, static_cast<int>(row)};
    };
    if (!hasDnsServer(request))
        return {RequestText::tr("This isolated network has no subnet, so no DNS server answers "
                                "for it: type a subnet on the Addresses page, or remove these "
                                "names."),
                !request.dnsHosts.isEmpty()  ? DnsRecordKind::Host
                : !request.dnsSrvs.isEmpty() ? DnsRecordKind::Srv
                : !request.dnsTxts.isEmpty() ? DnsRecordKind::Txt
                                             : DnsRecordKind::Forwarder,
                -1};
    for (qsizetype i = 0; i < request.dnsHosts.size(); ++i) {
        if (QString why = checkDnsHost(request.dnsHosts[i], request); !why.isEmpty())
            return problem(DnsRecordKind::Host, i, why);
    }
    for (qsizetype i = 0; i < request.dnsSrvs.size(); ++i) {
        if (QString why = checkDnsSrv(request.dnsSrvs[i]); !why.isEmpty())
            return problem(DnsRecordKind::Srv, i, why);
    }
    for (qsizetype i = 0; i < request.dnsTxts.size(); ++i) {
        if (QString why = checkDnsTxt(request.dnsTxts[i]); !why.isEmpty())
            return problem(DnsRecordKind::Txt, i, why);
    }
    QSet<QString> domains;
    for (qsizetype i = 0; i < request.dnsForwarders.size(); ++i) {
        if (QString why = checkDnsForwarder(request.dnsForwarders[i], request, domains);
            !why.isEmpty())
            return problem(DnsRecordKind::Forwarder, i, why);
    }
    // Whatever the page's words missed, the core refuses.
    if (auto network = networkFromRequest(request); !network)
        return {fromStd(network.error().message), DnsRecordKind::Host, -1};
    return {};
}

QString checkDnsNames(const NetworkRequest& request) {
    return findDnsNamesProblem(request).message;
}

bool needsStoredSubnet(const NetworkRequest& request) {
    return request.mode != ForwardMode::Bridge && request.automaticSubnet &&
           (!request.portForwards.isEmpty() ||
            std::ranges::any_of(request.dnsHosts, [](const DnsHostRequest& host) {
                return hostNumber(host.address).has_value();
            }));
}

Result<Network> networkFromRequest(const NetworkRequest& request) {
    Network network;
    network.name = request.name.toStdString();
    network.uuid = freshUuid();
    network.forward.mode = request.mode;
    if (request.mode == ForwardMode::Bridge) {
        // The LAN's router does the rest: nothing of the other pages applies.
        if (request.lanLinkIsBridge)
            network.bridge.name = request.lanLink.toStdString();
        else
            network.forward.devs = {request.lanLink.toStdString()};
        CUBBY_CHECK(validateNetwork(network));
        return network;
    }
    if (!request.domain.trimmed().isEmpty())
        network.domain = DnsDomain{request.domain.trimmed().toStdString(), true};
    CUBBY_CHECK(applyIpv6MtuAndWalls(request, network));
    CUBBY_CHECK(applyDnsNames(request, nullptr, network));
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
    CUBBY_CHECK(applyDnsNames(request, v4 ? &v4->address : nullptr, stored));
    CUBBY_CHECK(validateNetwork(stored));
    return stored;
}

} // namespace cubby
