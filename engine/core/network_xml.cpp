#include "network_xml.h"

#include "names.h"
#include "xml_values.h"

#include <algorithm>
#include <array>
#include <format>
#include <utility>

namespace cubby {

namespace {

constexpr std::array<Keyword<ForwardMode>, 7> forwardModes{{
    {"nat", ForwardMode::Nat},
    {"route", ForwardMode::Route},
    {"open", ForwardMode::Open},
    {"bridge", ForwardMode::Bridge},
    {"private", ForwardMode::Private},
    {"vepa", ForwardMode::Vepa},
    {"passthrough", ForwardMode::Passthrough},
}};

// macTableManager: "kernel" (the bridge learns) or "libvirt" (static entries per port).
constexpr std::array<Keyword<bool>, 2> macTableManagers{{
    {"kernel", false},
    {"libvirt", true},
}};

constexpr std::array<Keyword<LeaseUnit>, 3> leaseUnits{{
    {"seconds", LeaseUnit::Seconds},
    {"minutes", LeaseUnit::Minutes},
    {"hours", LeaseUnit::Hours},
}};

constexpr std::array<Keyword<Protocol>, 2> protocols{{
    {"tcp", Protocol::Tcp},
    {"udp", Protocol::Udp},
}};

// The element name that stands for our extension in this document: users may pick any
// prefix for the namespace, so it is looked up from the xmlns declarations on <network>.
std::string extensionElementName(pugi::xml_node root, std::string_view localName) {
    for (const auto attribute : root.attributes()) {
        const std::string_view name = attribute.name();
        if (name.starts_with("xmlns:") && attribute.value() == cubbyNetworkNamespace)
            return std::format("{}:{}", name.substr(6), localName);
    }
    return {};
}

Status parseForward(ElementReader& root, Network& network) {
    CUBBY_TRY(forward, root.optionalChild("forward"));
    if (!forward)
        return {};
    CUBBY_TRY(mode,
              readKeywordAttribute<ForwardMode>(*forward, "mode", forwardModes, ForwardMode::Nat));
    network.forward.mode = mode;
    network.forward.dev = std::string(forward->attribute("dev").value_or(""));
    // libvirt also names a NAT or routed network's uplink as the one <interface dev='…'/>
    // child; several are a pool for host-bridge modes, which this is not.
    auto interfaces = forward->children("interface");
    if (network.joinsHostLan()) {
        // A pool of NICs for the macvlan modes (@dev, if given, is the first).
        if (!network.forward.dev.empty())
            network.forward.devs.push_back(std::exchange(network.forward.dev, {}));
        for (auto& interface : interfaces) {
            CUBBY_TRY(dev, interface.requiredAttribute("dev"));
            if (std::ranges::find(network.forward.devs, dev) == network.forward.devs.end())
                network.forward.devs.emplace_back(dev);
            CUBBY_CHECK(interface.finish());
        }
        return forward->finish();
    }
    if (interfaces.size() > 1)
        return failInvalid(std::format("{}/interface: a NAT, routed or open network leaves "
                                       "through one uplink; {} are listed",
                                       forward->path(), interfaces.size()));
    for (auto& interface : interfaces) {
        CUBBY_TRY(dev, interface.requiredAttribute("dev"));
        if (!network.forward.dev.empty() && network.forward.dev != dev)
            return failInvalid(std::format("{}: names {} and @dev {}", interface.path(),
                                           quoted(dev), quoted(network.forward.dev)));
        network.forward.dev = std::string(dev);
        CUBBY_CHECK(interface.finish());
    }
    CUBBY_TRY(nat, forward->optionalChild("nat"));
    if (nat && network.forward.mode != ForwardMode::Nat)
        return failInvalid(
            std::format("{}: <nat> belongs to mode='nat', not mode='{}'", nat->path(),
                        keywordName<ForwardMode>(forwardModes, network.forward.mode)));
    if (nat) {
        if (nat->attribute("ipv6")) {
            CUBBY_TRY(natIpv6, readSwitchAttribute(*nat, "ipv6", false));
            network.forward.natIpv6 = natIpv6;
        }
        CUBBY_TRY(port, nat->optionalChild("port"));
        if (port) {
            CUBBY_TRY(start, readUnsignedAttribute(*port, "start", 1, 65535));
            CUBBY_TRY(end, readUnsignedAttribute(*port, "end", 1, 65535));
            if (!start || !end || *start > *end)
                return failInvalid(
                    std::format("{}: needs start and end with start ≤ end", port->path()));
            network.forward.natPorts =
                NatPortRange{static_cast<uint16_t>(*start), static_cast<uint16_t>(*end)};
            CUBBY_CHECK(port->finish());
        }
        CUBBY_CHECK(nat->finish());
    }
    return forward->finish();
}

Status parseBridgeAndMac(ElementReader& root, Network& network) {
    CUBBY_TRY(bridge, root.optionalChild("bridge"));
    if (bridge) {
        network.bridge.name = std::string(bridge->attribute("name").value_or(""));
        // The host's bridge is the user's: Cubby sets none of its options.
        for (const char* option : {"stp", "delay", "macTableManager"}) {
            if (network.joinsHostLan() && bridge->attribute(option))
                return failInvalid(std::format("{}: the host's bridge is the user's own, and "
                                               "Cubby sets none of its options",
                                               bridge->attributePath(option)));
        }
        CUBBY_TRY(stp, readSwitchAttribute(*bridge, "stp", true));
        CUBBY_TRY(delay, readUnsignedAttribute(*bridge, "delay", 0, 300));
        network.bridge.stp = stp;
        network.bridge.delay = static_cast<unsigned>(delay.value_or(0));
        CUBBY_TRY(staticTable,
                  readKeywordAttribute<bool>(*bridge, "macTableManager", macTableManagers, false));
        network.bridge.staticMacTable = staticTable;
        CUBBY_CHECK(bridge->finish());
    }
    CUBBY_TRY(mtu, root.optionalChild("mtu"));
    if (mtu) {
        CUBBY_TRY(size, readUnsignedAttribute(*mtu, "size", 68, 65535));
        if (!size)
            return failInvalid(std::format("{}: the attribute 'size' is required", mtu->path()));
        network.mtu = static_cast<uint32_t>(*size);
        CUBBY_CHECK(mtu->finish());
    }
    CUBBY_TRY(mac, root.optionalChild("mac"));
    if (mac) {
        CUBBY_TRY(text, mac->requiredAttribute("address"));
        CUBBY_TRY(address, MacAddress::parse(text, mac->attributePath("address")));
        network.mac = address;
        CUBBY_CHECK(mac->finish());
    }
    return {};
}

Status parseDns(ElementReader& root, Network& network) {
    CUBBY_TRY(domain, root.optionalChild("domain"));
    if (domain) {
        CUBBY_TRY(name, domain->requiredAttribute("name"));
        CUBBY_TRY(localOnly, readSwitchAttribute(*domain, "localOnly", false));
        network.domain = DnsDomain{std::string(name), localOnly};
        CUBBY_CHECK(domain->finish());
    }
    CUBBY_TRY(dns, root.optionalChild("dns"));
    if (!dns)
        return {};
    CUBBY_TRY(enabled, readSwitchAttribute(*dns, "enable", true));
    network.dns.enabled = enabled;
    for (auto& forwarder : dns->children("forwarder")) {
        CUBBY_TRY(address, readIpAttribute(forwarder, "addr"));
        const auto forwardedDomain = forwarder.attribute("domain");
        if (forwardedDomain) {
            network.dns.domainForwarders.push_back({std::string(*forwardedDomain), address});
        } else {
            if (!address)
                return failInvalid(
                    std::format("{}: give 'addr', 'domain' or both", forwarder.path()));
            network.dns.forwarders.push_back(*address);
        }
        CUBBY_CHECK(forwarder.finish());
    }
    for (auto& srv : dns->children("srv")) {
        DnsSrv record;
        CUBBY_TRY(service, srv.requiredAttribute("service"));
        CUBBY_TRY(protocol, srv.requiredAttribute("protocol"));
        record.service = std::string(service);
        record.protocol = std::string(protocol);
        record.domain = std::string(srv.attribute("domain").value_or(""));
        record.target = std::string(srv.attribute("target").value_or(""));
        CUBBY_TRY(port, readUnsignedAttribute(srv, "port", 0, 65535));
        CUBBY_TRY(priority, readUnsignedAttribute(srv, "priority", 0, 65535));
        CUBBY_TRY(weight, readUnsignedAttribute(srv, "weight", 0, 65535));
        record.port = static_cast<uint16_t>(port.value_or(0));
        record.priority = static_cast<uint16_t>(priority.value_or(0));
        record.weight = static_cast<uint16_t>(weight.value_or(0));
        network.dns.srvs.push_back(std::move(record));
        CUBBY_CHECK(srv.finish());
    }
    for (auto& txt : dns->children("txt")) {
        CUBBY_TRY(name, txt.requiredAttribute("name"));
        CUBBY_TRY(value, txt.requiredAttribute("value"));
        network.dns.txts.push_back({std::string(name), std::string(value)});
        CUBBY_CHECK(txt.finish());
    }
    for (auto& host : dns->children("host")) {
        CUBBY_TRY(ip, readIpAttribute(host, "ip"));
        if (!ip)
            return failInvalid(std::format("{}: the attribute 'ip' is required", host.path()));
        DnsHost entry{*ip, {}};
        for (auto& hostname : host.children("hostname")) {
            entry.hostnames.emplace_back(hostname.text());
            CUBBY_CHECK(hostname.finish());
        }
        network.dns.hosts.push_back(std::move(entry));
        CUBBY_CHECK(host.finish());
    }
    return dns->finish();
}

// An IPv4 <ip> without netmask or prefix takes its address class's subnet, as libvirt does
// (A /8, B /16, C /24); an IPv6 one a /64. Classes D and E have none.
std::optional<unsigned> defaultPrefixLength(const IpAddress& address) {
    if (address.family == IpFamily::V6)
        return 64;
    const uint32_t first = address.v4HostOrder() >> 24;
    if (first < 128)
        return 8;
    if (first < 192)
        return 16;
    if (first < 224)
        return 24;
    return std::nullopt;
}

Result<std::optional<LeaseTime>> parseLease(ElementReader& parent) {
    CUBBY_TRY(lease, parent.optionalChild("lease"));
    if (!lease)
        return std::nullopt;
    CUBBY_TRY(expiry, readUnsignedAttribute(*lease, "expiry", 0, UINT32_MAX));
    if (!expiry)
        return failInvalid(std::format("{}: the attribute 'expiry' is required", lease->path()));
    CUBBY_TRY(unit,
              readKeywordAttribute<LeaseUnit>(*lease, "unit", leaseUnits, LeaseUnit::Minutes));
    CUBBY_CHECK(lease->finish());
    return LeaseTime{*expiry, unit};
}

// address, family and prefix or netmask of an <ip> or <route>, with the classful default
// when neither size is given; `role` says what the address is, for the error without it.
Result<IpPrefix> readAddressAndPrefix(ElementReader& element, std::string_view role) {
    CUBBY_TRY(address, readIpAttribute(element, "address"));
    if (!address)
        return failInvalid(
            std::format("{}: the attribute 'address' is required ({})", element.path(), role));
    if (const auto family = element.attribute("family");
        family && *family != familyName(address->family))
        return failInvalid(std::format("{}: {} does not match the address {}",
                                       element.attributePath("family"), quoted(*family),
                                       address->toString()));
    CUBBY_TRY(prefix, readPrefixLength(element, address->family));
    if (!prefix)
        prefix = defaultPrefixLength(*address);
    if (!prefix)
        return failInvalid(std::format("{}: {} has no classful default subnet; give prefix or "
                                       "netmask",
                                       element.path(), address->toString()));
    return IpPrefix{*address, *prefix};
}

Status parseRoutes(ElementReader& root, Network& network) {
    for (auto& route : root.children("route")) {
        CUBBY_TRY(destination, readAddressAndPrefix(route, "the subnet routed"));
        CUBBY_TRY(gateway, readIpAttribute(route, "gateway"));
        if (!gateway)
            return failInvalid(
                std::format("{}: the attribute 'gateway' is required", route.path()));
        network.routes.push_back({destination, *gateway});
        CUBBY_CHECK(route.finish());
    }
    return {};
}

Result<NetworkIp> parseIp(ElementReader& element) {
    CUBBY_TRY(subnet, readAddressAndPrefix(element, "the bridge's own address"));
    NetworkIp ip{subnet, {}, {}, false};
    CUBBY_TRY(dhcp, element.optionalChild("dhcp"));
    if (dhcp) {
        ip.hasDhcp = true;
        for (auto& range : dhcp->children("range")) {
            CUBBY_TRY(start, readIpAttribute(range, "start"));
            CUBBY_TRY(end, readIpAttribute(range, "end"));
            if (!start || !end)
                return failInvalid(
                    std::format("{}: the attributes 'start' and 'end' are required", range.path()));
            CUBBY_TRY(lease, parseLease(range));
            ip.dhcpRanges.push_back({*start, *end, lease});
            CUBBY_CHECK(range.finish());
        }
        for (auto& host : dhcp->children("host")) {
            DhcpHost entry;
            if (const auto mac = host.attribute("mac")) {
                CUBBY_TRY(parsed, MacAddress::parse(*mac, host.attributePath("mac")));
                entry.mac = parsed;
            }
            entry.id = std::string(host.attribute("id").value_or(""));
            entry.name = std::string(host.attribute("name").value_or(""));
            CUBBY_TRY(hostIp, readIpAttribute(host, "ip"));
            if (!hostIp)
                return failInvalid(std::format("{}: the attribute 'ip' is required", host.path()));
            if (!entry.mac && entry.id.empty() && entry.name.empty())
                return failInvalid(
                    std::format("{}: a reservation needs a mac, an id or a name", host.path()));
            entry.ip = *hostIp;
            CUBBY_TRY(lease, parseLease(host));
            entry.lease = lease;
            ip.dhcpHosts.push_back(std::move(entry));
            CUBBY_CHECK(host.finish());
        }
        CUBBY_CHECK(dhcp->finish());
    }
    CUBBY_CHECK(element.finish());
    return ip;
}

Status parsePortForwards(ElementReader& root, const std::string& elementName, Network& network) {
    if (elementName.empty())
        return {};
    for (auto& element : root.children(elementName)) {
        PortForward forward;
        CUBBY_TRY(protocol,
                  readKeywordAttribute<Protocol>(element, "protocol", protocols, Protocol::Tcp));
        CUBBY_TRY(hostPort, readUnsignedAttribute(element, "hostport", 1, 65535));
        CUBBY_TRY(port, readUnsignedAttribute(element, "port", 1, 65535));
        CUBBY_TRY(address, readIpAttribute(element, "address"));
        if (!hostPort || !address)
            return failInvalid(
                std::format("{}: hostport and address are required", element.path()));
        forward.protocol = protocol;
        forward.hostPort = static_cast<uint16_t>(*hostPort);
        forward.port = static_cast<uint16_t>(port.value_or(*hostPort));
        forward.address = *address;
        network.portForwards.push_back(forward);
        CUBBY_CHECK(element.finish());
    }
    return {};
}

Status parseWalls(ElementReader& root, const std::string& elementName, Network& network) {
    if (elementName.empty())
        return {};
    CUBBY_TRY(element, root.optionalChild(elementName));
    if (!element)
        return {};
    CUBBY_TRY(walls, readWallsAttributes(*element));
    network.walls = walls;
    return element->finish();
}

Status parseContainerWalls(ElementReader& root, const std::string& elementName, Network& network) {
    if (elementName.empty())
        return {};
    for (auto& element : root.children(elementName)) {
        if (network.containerWalls.size() == maxContainerWalls)
            return failInvalid(std::format("{}: more than {} containers' walls", element.path(),
                                           maxContainerWalls));
        CUBBY_TRY(container, element.requiredAttribute("container"));
        CUBBY_CHECK(validateObjectName(container, element.attributePath("container")));
        CUBBY_TRY(macText, element.requiredAttribute("mac"));
        CUBBY_TRY(mac, MacAddress::parse(macText, element.attributePath("mac")));
        CUBBY_TRY(walls, readWallsAttributes(element));
        network.containerWalls.push_back({std::string(container), mac, walls});
        CUBBY_CHECK(element.finish());
    }
    return {};
}

// A Cubby extension element under a prefix that does not name the Cubby namespace here (it is
// unbound, bound to another namespace, or a second prefix for Cubby's) would be kept
// verbatim now and read as the extension once written back under Cubby's prefix: refused.
Status refuseStrayExtensions(pugi::xml_node root) {
    for (const auto child : root.children()) {
        const std::string_view name = child.name();
        const size_t colon = name.find(':');
        if (child.type() != pugi::node_element || colon == std::string_view::npos)
            continue;
        const std::string_view local = name.substr(colon + 1);
        if ((local == "portforward" || local == "walls" || local == "containerwalls") &&
            name != extensionElementName(root, local))
            return failInvalid(std::format("/network/{}: the prefix is not the one declared for "
                                           "{} (declare xmlns:PREFIX once for it)",
                                           name, cubbyNetworkNamespace));
    }
    return {};
}

} // namespace

Result<Network> parseNetworkXml(std::string_view xml, const std::function<Uuid()>& newUuid,
                                NetworkCompleteness completeness) {
    CUBBY_TRY(document, XmlDocument::parse(xml, "network"));
    CUBBY_CHECK(refuseStrayExtensions(document.root()));
    ElementReader root(document.root(), "/network");
    Network network;
    // libvirt writes these on <network>; they mean nothing to Cubby but are harmless.
    root.attribute("connections");
    // ipv6='yes': IPv6 between the containers (link-local) even without an IPv6 <ip>.
    CUBBY_TRY(linkLocalIpv6, readSwitchAttribute(root, "ipv6", false));
    network.linkLocalIpv6 = linkLocalIpv6;

    CUBBY_TRY(nameElement, root.requiredChild("name"));
    network.name = std::string(nameElement.text());
    CUBBY_CHECK(validateObjectName(network.name, nameElement.path()));
    CUBBY_CHECK(nameElement.finish());
    CUBBY_TRY(uuidElement, root.optionalChild("uuid"));
    if (uuidElement) {
        CUBBY_TRY(uuid, Uuid::parse(uuidElement->text(), uuidElement->path()));
        network.uuid = uuid;
        CUBBY_CHECK(uuidElement->finish());
    } else {
        network.uuid = newUuid();
    }
    CUBBY_CHECK(parseForward(root, network));
    CUBBY_CHECK(parseBridgeAndMac(root, network));
    CUBBY_CHECK(parseDns(root, network));
    for (auto& element : root.children("ip")) {
        CUBBY_TRY(ip, parseIp(element));
        network.ips.push_back(std::move(ip));
    }
    CUBBY_CHECK(parseRoutes(root, network));
    CUBBY_CHECK(
        parsePortForwards(root, extensionElementName(document.root(), "portforward"), network));
    CUBBY_CHECK(parseWalls(root, extensionElementName(document.root(), "walls"), network));
    CUBBY_CHECK(parseContainerWalls(root, extensionElementName(document.root(), "containerwalls"),
                                    network));
    network.preservedElements = root.takeUnusedChildren();
    CUBBY_CHECK(root.finish());
    CUBBY_CHECK(validateNetwork(network, completeness));
    return network;
}

namespace {

void setAttribute(pugi::xml_node node, const char* name, std::string_view value) {
    node.append_attribute(name) = std::string(value).c_str();
}

void formatLease(pugi::xml_node parent, const std::optional<LeaseTime>& lease) {
    if (!lease)
        return;
    auto node = parent.append_child("lease");
    node.append_attribute("expiry") = static_cast<unsigned long long>(lease->expiry);
    setAttribute(node, "unit", keywordName<LeaseUnit>(leaseUnits, lease->unit));
}

void formatPrefix(pugi::xml_node node, const IpPrefix& prefix) {
    if (prefix.address.family == IpFamily::V6)
        setAttribute(node, "family", "ipv6");
    setAttribute(node, "address", prefix.address.toString());
    node.append_attribute("prefix") = prefix.prefixLength;
}

void formatDns(pugi::xml_node root, const DnsConfig& config) {
    if (config == DnsConfig{})
        return;
    auto dns = root.append_child("dns");
    if (!config.enabled)
        setAttribute(dns, "enable", "no");
    for (const auto& forwarder : config.forwarders)
        setAttribute(dns.append_child("forwarder"), "addr", forwarder.toString());
    for (const auto& forwarder : config.domainForwarders) {
        auto node = dns.append_child("forwarder");
        setAttribute(node, "domain", forwarder.domain);
        if (forwarder.address)
            setAttribute(node, "addr", forwarder.address->toString());
    }
    for (const auto& txt : config.txts) {
        auto node = dns.append_child("txt");
        setAttribute(node, "name", txt.name);
        setAttribute(node, "value", txt.value);
    }
    for (const auto& host : config.hosts) {
        auto hostNode = dns.append_child("host");
        setAttribute(hostNode, "ip", host.ip.toString());
        for (const auto& name : host.hostnames)
            hostNode.append_child("hostname").text().set(name.c_str());
    }
    for (const auto& srv : config.srvs) {
        auto node = dns.append_child("srv");
        setAttribute(node, "service", srv.service);
        setAttribute(node, "protocol", srv.protocol);
        if (!srv.domain.empty())
            setAttribute(node, "domain", srv.domain);
        if (!srv.target.empty()) {
            setAttribute(node, "target", srv.target);
            node.append_attribute("port") = srv.port;
            node.append_attribute("priority") = srv.priority;
            node.append_attribute("weight") = srv.weight;
        }
    }
}

void formatIp(pugi::xml_node root, const NetworkIp& ip) {
    auto node = root.append_child("ip");
    formatPrefix(node, ip.address);
    if (!ip.hasDhcp)
        return;
    auto dhcp = node.append_child("dhcp");
    for (const auto& range : ip.dhcpRanges) {
        auto rangeNode = dhcp.append_child("range");
        setAttribute(rangeNode, "start", range.start.toString());
        setAttribute(rangeNode, "end", range.end.toString());
        formatLease(rangeNode, range.lease);
    }
    for (const auto& host : ip.dhcpHosts) {
        auto hostNode = dhcp.append_child("host");
        if (host.mac)
            setAttribute(hostNode, "mac", host.mac->toString());
        if (!host.id.empty())
            setAttribute(hostNode, "id", host.id);
        if (!host.name.empty())
            setAttribute(hostNode, "name", host.name);
        setAttribute(hostNode, "ip", host.ip.toString());
        formatLease(hostNode, host.lease);
    }
}

} // namespace

std::string formatNetworkXml(const Network& network) {
    pugi::xml_document document;
    auto root = document.append_child("network");
    if (!network.portForwards.empty() || network.walls || !network.containerWalls.empty())
        setAttribute(root, "xmlns:cubby", cubbyNetworkNamespace);
    if (network.linkLocalIpv6)
        setAttribute(root, "ipv6", "yes");
    root.append_child("name").text().set(network.name.c_str());
    root.append_child("uuid").text().set(network.uuid.toString().c_str());
    if (network.forward.mode != ForwardMode::None) {
        auto forward = root.append_child("forward");
        setAttribute(forward, "mode", keywordName<ForwardMode>(forwardModes, network.forward.mode));
        if (!network.forward.dev.empty())
            setAttribute(forward, "dev", network.forward.dev);
        for (const std::string& dev : network.forward.devs)
            setAttribute(forward.append_child("interface"), "dev", dev);
        if (network.forward.natPorts || network.forward.natIpv6) {
            auto nat = forward.append_child("nat");
            if (network.forward.natIpv6)
                setAttribute(nat, "ipv6", *network.forward.natIpv6 ? "yes" : "no");
            if (network.forward.natPorts) {
                auto port = nat.append_child("port");
                port.append_attribute("start") = network.forward.natPorts->start;
                port.append_attribute("end") = network.forward.natPorts->end;
            }
        }
    }
    // A LAN mode names the host's bridge, if any, and configures nothing of it.
    if (!network.joinsHostLan()) {
        auto bridge = root.append_child("bridge");
        if (!network.bridge.name.empty())
            setAttribute(bridge, "name", network.bridge.name);
        setAttribute(bridge, "stp", network.bridge.stp ? "on" : "off");
        bridge.append_attribute("delay") = network.bridge.delay;
        if (network.bridge.staticMacTable)
            setAttribute(bridge, "macTableManager", "libvirt");
    } else if (!network.bridge.name.empty()) {
        setAttribute(root.append_child("bridge"), "name", network.bridge.name);
    }
    if (network.mtu)
        root.append_child("mtu").append_attribute("size") = *network.mtu;
    if (network.mac)
        setAttribute(root.append_child("mac"), "address", network.mac->toString());
    if (network.domain) {
        auto domain = root.append_child("domain");
        setAttribute(domain, "name", network.domain->name);
        if (network.domain->localOnly)
            setAttribute(domain, "localOnly", "yes");
    }
    formatDns(root, network.dns);
    for (const auto& ip : network.ips)
        formatIp(root, ip);
    for (const auto& route : network.routes) {
        auto node = root.append_child("route");
        formatPrefix(node, route.destination);
        setAttribute(node, "gateway", route.gateway.toString());
    }
    for (const auto& forward : network.portForwards) {
        auto node = root.append_child("cubby:portforward");
        setAttribute(node, "protocol", keywordName<Protocol>(protocols, forward.protocol));
        node.append_attribute("hostport") = forward.hostPort;
        setAttribute(node, "address", forward.address.toString());
        node.append_attribute("port") = forward.port;
    }
    if (network.walls) {
        auto node = root.append_child("cubby:walls");
        setAttribute(node, "host", hostAccessName(network.walls->host));
        setAttribute(node, "lan", network.walls->lan ? "yes" : "no");
    }
    for (const ContainerWalls& walled : network.containerWalls) {
        auto node = root.append_child("cubby:containerwalls");
        setAttribute(node, "container", walled.container);
        setAttribute(node, "mac", walled.mac.toString());
        setAttribute(node, "host", hostAccessName(walled.walls.host));
        setAttribute(node, "lan", walled.walls.lan ? "yes" : "no");
    }
    appendSerializedElements(root, network.preservedElements);
    return formatXml(document);
}

namespace {

// libvirt network elements Cubby does not do, and why; anything else unknown is named as such.
struct UnsupportedElement {
    std::string_view name;
    std::string_view why;
};
constexpr std::array<UnsupportedElement, 6> unsupportedElements{{
    {"bandwidth", "quality of service (<bandwidth>) is not supported"},
    {"portgroup", "port groups (<portgroup>) are not supported"},
    {"virtualport", "Open vSwitch and 802.1Qbh port profiles (<virtualport>) are not supported"},
    {"vlan", "VLAN tags (<vlan>) are not supported"},
    {"port", "<port isolated> is not supported"},
    {"dnsmasq:options", "raw dnsmasq options are never handed to the root's dnsmasq"},
}};

// What a definition keeps verbatim without acting on it.
constexpr std::array<std::string_view, 3> keptElements{"metadata", "title", "description"};

std::string topName(const std::string& serialized) {
    pugi::xml_document fragment;
    fragment.load_buffer(serialized.data(), serialized.size());
    return fragment.document_element().name();
}

} // namespace

Status refuseUnsupportedNetworkElements(const Network& network) {
    for (const std::string& element : network.preservedElements) {
        const std::string name = topName(element);
        if (std::ranges::find(keptElements, name) != keptElements.end())
            continue;
        const auto known = std::ranges::find(unsupportedElements, name, &UnsupportedElement::name);
        if (known != unsupportedElements.end())
            return failInvalid(std::format("/network/{}: {}", name, known->why));
        return failInvalid(std::format("/network/{}: Cubby does not know this element; nothing "
                                       "that would silently have no effect is accepted",
                                       name));
    }
    return {};
}

std::vector<std::string> networkWarnings(const Network& network) {
    std::vector<std::string> warnings;
    notePreservedElements(network.preservedElements, "<network>", warnings);
    return warnings;
}

} // namespace cubby
