#include "dnsmasq_config.h"

#include <format>

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
    return v4 && (network.dns.enabled || v4->hasDhcp);
}

Result<std::string> planDnsmasqConfig(const Network& network, const DnsmasqFiles& files) {
    const NetworkIp* v4 = network.ipv4();
    if (!v4 || network.bridge.name.empty())
        return failInvalid(
            std::format("network {}: dnsmasq needs a bridge with an IPv4 address", network.name));
    if (!networkNeedsDnsmasq(network))
        return failInvalid(std::format("network {}: DNS and DHCP are both off", network.name));
    if (files.reservationsFile.empty() || files.reservedNamesFile.empty())
        return failInvalid(
            std::format("network {}: dnsmasq needs its reservation files named", network.name));

    std::string out =
        std::format("# Written by Cubby for network {}; changes are overwritten.\n", network.name);
    const auto line = [&](std::string text) {
        out += text;
        out += '\n';
    };
    // Bound to the bridge's addresses only (bind-dynamic also follows address changes), never
    // to loopback: the host's own resolver and other networks' dnsmasq keep their ports.
    line("bind-dynamic");
    line("interface=" + network.bridge.name);
    line("except-interface=lo");
    line("listen-address=" + v4->address.address.toString());
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
            line(std::format("host-record={},{}", name, host.ip.toString()));
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
    if (!v4->hasDhcp)
        return out;

    const IpAddress netmask = netmaskFromPrefixLength(v4->address.prefixLength);
    uint64_t addresses = 0;
    for (const DhcpRange& range : v4->dhcpRanges) {
        line(std::format("dhcp-range={},{},{}{}", range.start.toString(), range.end.toString(),
                         netmask.toString(), leaseSuffix(range.lease)));
        addresses += range.end.v4HostOrder() - range.start.v4HostOrder() + 1;
    }
    if (v4->dhcpRanges.empty()) // reservations only: a static range serves just those
        line(std::format("dhcp-range={},static,{}", v4->address.network().address.toString(),
                         netmask.toString()));
    line("dhcp-no-override");
    line("dhcp-authoritative");
    line(std::format("dhcp-lease-max={}", addresses + v4->dhcpHosts.size()));
    line("dhcp-leasefile=" + files.leaseFile);
    // The bridge is the gateway only when traffic leaves the network.
    if (network.forward.mode == ForwardMode::None)
        line("dhcp-option=option:router");
    // Reservations change while the network runs (every container gets one when it is
    // defined), so they live in a file that dnsmasq reads again on SIGHUP, not in this one.
    line("dhcp-hostsfile=" + files.reservationsFile);
    return out;
}

std::string planDnsmasqReservations(const Network& network) {
    std::string out;
    const NetworkIp* v4 = network.ipv4();
    if (!v4)
        return out;
    for (const DhcpHost& host : v4->dhcpHosts) {
        if (!host.mac && host.name.empty())
            continue; // an address with neither MAC nor name reserves nothing
        std::string entry;
        if (host.mac)
            entry += host.mac->toString() + ",";
        entry += host.ip.toString();
        if (!host.name.empty())
            entry += "," + host.name;
        entry += leaseSuffix(host.lease);
        out += entry + "\n";
    }
    return out;
}

std::string planDnsmasqReservedNames(const Network& network) {
    std::string out;
    const NetworkIp* v4 = network.ipv4();
    if (!v4)
        return out;
    for (const DhcpHost& host : v4->dhcpHosts) {
        if (host.name.empty())
            continue;
        out += std::format("{} {}", host.ip.toString(), host.name);
        if (network.domain)
            out += std::format(" {}.{}", host.name, network.domain->name);
        out += "\n";
    }
    return out;
}

} // namespace cubby
