#include "dnsmasq_config.h"

#include <format>
#include <functional>
#include <vector>

namespace cubby {

namespace {

// ",SECONDS" or ",infinite" after a range or reservation with a <lease>.
std::string leaseSuffix(const std::optional<LeaseTime>& lease) {
    if (!lease)
        return {};
    if (lease->expiry == 0)
        return ",infinite";
    return std::format(",{}", lease->seconds());
}

} // namespace

bool networkNeedsDnsmasq(const Network& network) {
    const NetworkIp* v4 = network.ipv4();
    // An IPv6 subnet needs router advertisements, so dnsmasq runs for it whatever else is off.
    return network.ipv6() || (v4 && (network.dns.enabled || v4->hasDhcp));
}

namespace {

// How many addresses a DHCPv6 range holds, counted up to `cap`.
uint64_t v6RangeSize(const DhcpRange& range, uint64_t cap) {
    for (size_t i = 0; i < 8; ++i) {
        if (range.start.bytes[i] != range.end.bytes[i])
            return cap;
    }
    uint64_t start = 0, end = 0;
    for (size_t i = 8; i < 16; ++i) {
        start = start << 8 | range.start.bytes[i];
        end = end << 8 | range.end.bytes[i];
    }
    return end - start >= cap ? cap : end - start + 1;
}

constexpr uint64_t maxLeasesPerV6Range = 4096;

// DHCPv4: the ranges (or, with reservations only, a static range serving just those).
uint64_t writeDhcpV4(const NetworkIp& v4, const std::function<void(std::string)>& line) {
    const IpAddress netmask = netmaskFromPrefixLength(v4.address.prefixLength);
    uint64_t addresses = v4.dhcpHosts.size();
    for (const DhcpRange& range : v4.dhcpRanges) {
        line(std::format("dhcp-range={},{},{}{}", range.start.toString(), range.end.toString(),
                         netmask.toString(), leaseSuffix(range.lease)));
        addresses += range.end.v4HostOrder() - range.start.v4HostOrder() + 1;
    }
    if (v4.dhcpRanges.empty())
        line(std::format("dhcp-range={},static,{}", v4.address.network().address.toString(),
                         netmask.toString()));
    line("dhcp-no-override");
    return addresses;
}

// IPv6: router advertisements always; addresses by DHCPv6 from the ranges (stateful, as
// libvirt does), from reservations only, or, with no <dhcp>, made by the containers
// themselves from the advertised /64 (SLAAC) with DNS by stateless DHCPv6 and the RA's own
// RDNSS option.
uint64_t writeIpv6(const Network& network, const NetworkIp& v6,
                   const std::function<void(std::string)>& line) {
    const std::string subnet = v6.address.network().address.toString();
    const unsigned prefix = v6.address.prefixLength;
    uint64_t addresses = v6.dhcpHosts.size();
    line("enable-ra");
    for (const DhcpRange& range : v6.dhcpRanges) {
        line(std::format("dhcp-range={},{},{}{}", range.start.toString(), range.end.toString(),
                         prefix, leaseSuffix(range.lease)));
        addresses += v6RangeSize(range, maxLeasesPerV6Range);
    }
    if (!v6.hasDhcp)
        line(std::format("dhcp-range={},ra-stateless,{}", subnet, prefix));
    else if (v6.dhcpRanges.empty())
        line(std::format("dhcp-range={},static,{}", subnet, prefix));
    // An isolated network's bridge is no router: its advertisements say so (lifetime 0), as
    // its DHCPv4 offers name no router. The MTU rides along so containers use the bridge's.
    const bool router = network.forward.mode != ForwardMode::None;
    if (!router || network.mtu)
        line(std::format("ra-param={},{}{}", network.bridge.name,
                         network.mtu ? std::format("mtu:{},", *network.mtu) : std::string(),
                         router ? "10" : "10,0"));
    return addresses;
}

} // namespace

Result<std::string> planDnsmasqConfig(const Network& network, const DnsmasqFiles& files) {
    const NetworkIp* v4 = network.ipv4();
    const NetworkIp* v6 = network.ipv6();
    if ((!v4 && !v6) || network.bridge.name.empty())
        return failInvalid(
            std::format("network {}: dnsmasq needs a bridge with an address", network.name));
    if (!networkNeedsDnsmasq(network))
        return failInvalid(std::format("network {}: DNS and DHCP are both off", network.name));
    if (files.reservationsFile.empty() || files.reservedNamesFile.empty())
        return failInvalid(
            std::format("network {}: dnsmasq needs its reservation files named", network.name));

    std::string out =
        std::format("# Written by Cubby for network {}; changes are overwritten.\n", network.name);
    const std::function<void(std::string)> line = [&](std::string text) {
        out += text;
        out += '\n';
    };
    // Bound to the bridge's addresses only (bind-dynamic also follows address changes), never
    // to loopback: the host's own resolver and other networks' dnsmasq keep their ports.
    line("bind-dynamic");
    line("interface=" + network.bridge.name);
    line("except-interface=lo");
    for (const NetworkIp* ip : {v4, v6}) {
        if (ip)
            line("listen-address=" + ip->address.address.toString());
    }
    line("pid-file=" + files.pidFile);
    line("user=" + files.user);
    line("group=" + files.group);
    line("strict-order");
    // The host's /etc/hosts is the host's business, not the containers'.
    line("no-hosts");
    if (!network.dns.enabled)
        line("port=0");
    const bool forwarders = !network.dns.forwarders.empty();
    if (forwarders || files.resolvFile.empty())
        line("no-resolv");
    else
        line("resolv-file=" + files.resolvFile);
    for (const IpAddress& forwarder : network.dns.forwarders)
        line("server=" + forwarder.toString());
    // A domain's own server, or with none, the domain answered from this network alone.
    for (const DnsDomainForwarder& forwarder : network.dns.domainForwarders) {
        if (forwarder.address)
            line(std::format("server=/{}/{}", forwarder.domain, forwarder.address->toString()));
        else
            line(std::format("local=/{}/", forwarder.domain));
    }
    if (network.domain) {
        line("domain=" + network.domain->name);
        line("expand-hosts");
        if (network.domain->localOnly)
            line(std::format("local=/{}/", network.domain->name));
    }
    // Names the definition gives resolve whether or not the container asked for a lease (a
    // BusyBox container configured by the engine never does): DNS hosts here, DHCP
    // reservations in the reserved-names file, which dnsmasq reads again on SIGHUP.
    for (const DnsHost& host : network.dns.hosts) {
        for (const std::string& name : host.hostnames)
            // expand-hosts does not reach host-record: a bare name gets its domain form here.
            line(std::format("host-record={}{},{}", name,
                             network.domain && name.find('.') == std::string::npos
                                 ? std::format(",{}.{}", name, network.domain->name)
                                 : std::string(),
                             host.ip.toString()));
    }
    // Validated to plain DNS names and quote-free printable text (network_validate.cpp):
    // nothing here can end a value or a line.
    for (const DnsTxt& txt : network.dns.txts)
        line(std::format("txt-record={},\"{}\"", txt.name, txt.value));
    for (const DnsSrv& srv : network.dns.srvs) {
        std::string name = std::format("_{}._{}", srv.service, srv.protocol);
        if (!srv.domain.empty())
            name += "." + srv.domain;
        if (srv.target.empty())
            line("srv-host=" + name); // "no such service here"
        else
            line(std::format("srv-host={},{},{},{},{}", name, srv.target, srv.port, srv.priority,
                             srv.weight));
    }
    line("addn-hosts=" + files.reservedNamesFile);
    const bool dhcpV4 = v4 && v4->hasDhcp;
    if (!dhcpV4 && !v6)
        return out;

    uint64_t addresses = 0;
    if (dhcpV4)
        addresses += writeDhcpV4(*v4, line);
    if (v6)
        addresses += writeIpv6(network, *v6, line);
    // With DNS off, the advertisements and DHCPv6 replies must not name dnsmasq as a server.
    if (v6 && !network.dns.enabled)
        line("dhcp-option=option6:dns-server");
    line("dhcp-authoritative");
    line(std::format("dhcp-lease-max={}", addresses));
    line("dhcp-leasefile=" + files.leaseFile);
    // The bridge is the gateway only when traffic leaves the network.
    if (dhcpV4 && network.forward.mode == ForwardMode::None)
        line("dhcp-option=option:router");
    // Reservations change while the network runs (every container gets one when it is
    // defined), so they live in a file that dnsmasq reads again on SIGHUP, not in this one.
    line("dhcp-hostsfile=" + files.reservationsFile);
    return out;
}

namespace {

// The subnets whose reservations dnsmasq serves: the IPv4 one and the advertised IPv6 one.
std::vector<const NetworkIp*> servedSubnets(const Network& network) {
    std::vector<const NetworkIp*> out;
    for (const NetworkIp* ip : {network.ipv4(), network.ipv6()}) {
        if (ip)
            out.push_back(ip);
    }
    return out;
}

} // namespace

std::string planDnsmasqReservations(const Network& network) {
    std::string out;
    for (const NetworkIp* ip : servedSubnets(network)) {
        for (const DhcpHost& host : ip->dhcpHosts) {
            if (!host.mac && host.id.empty() && host.name.empty())
                continue; // an address with no client named reserves nothing
            // dnsmasq wants IPv6 addresses in brackets, and DUIDs after "id:".
            const std::string address = host.ip.family == IpFamily::V6
                                            ? "[" + host.ip.toString() + "]"
                                            : host.ip.toString();
            std::string entry;
            if (host.mac)
                entry += host.mac->toString() + ",";
            if (!host.id.empty())
                entry += "id:" + host.id + ",";
            entry += address;
            if (!host.name.empty())
                entry += "," + host.name;
            entry += leaseSuffix(host.lease);
            out += entry + "\n";
        }
    }
    return out;
}

std::string planDnsmasqReservedNames(const Network& network) {
    std::string out;
    for (const NetworkIp* ip : servedSubnets(network)) {
        for (const DhcpHost& host : ip->dhcpHosts) {
            if (host.name.empty())
                continue;
            out += std::format("{} {}", host.ip.toString(), host.name);
            if (network.domain)
                out += std::format(" {}.{}", host.name, network.domain->name);
            out += "\n";
        }
    }
    return out;
}

} // namespace cubby
