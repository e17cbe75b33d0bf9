#include "network_diagnosis.h"

#include "dnsmasq_config.h"
#include "firewall_analysis.h"
#include "netlink.h"
#include "network_runtime.h"
#include "nft_ruleset.h"
#include "nftables.h"
#include "sysctl.h"
#include "unique_fd.h"

#include <QSocketNotifier>
#include <QTimer>
#include <algorithm>
#include <arpa/inet.h>
#include <cstring>
#include <format>
#include <fstream>
#include <memory>
#include <netinet/in.h>
#include <random>
#include <sstream>
#include <sys/socket.h>
#include <unistd.h>
#include <utility>

namespace cubby {

namespace {

// Files cubby-network (engine/network/supervisor.cpp) keeps in the network's run directory.
constexpr std::string_view dnsmasqPidFile = "dnsmasq.pid";
constexpr std::string_view dnsmasqConfigFile = "dnsmasq.conf";
constexpr auto dnsTimeout = std::chrono::milliseconds(2000);

bool leavesTheBridge(const Network& network) {
    return network.forward.mode == ForwardMode::Nat || network.forward.mode == ForwardMode::Route;
}

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

// dnsmasq's pid when the process named in its pid file is the network's dnsmasq; else 0.
pid_t runningDnsmasq(const DiagnosisContext& context, const Network& network) {
    const std::string dir = context.paths.networkRunDir(network.name);
    long pid = 0;
    std::istringstream(readFile(std::format("{}/{}", dir, dnsmasqPidFile))) >> pid;
    if (pid <= 1)
        return 0;
    const std::string command = readFile(std::format("/proc/{}/cmdline", pid));
    return command.find(std::format("{}/{}", dir, dnsmasqConfigFile)) != std::string::npos
               ? static_cast<pid_t>(pid)
               : 0;
}

// The name servers dnsmasq forwards to, and where that list comes from.
std::pair<std::vector<IpAddress>, std::string> upstreamServers(const Network& network,
                                                               const std::string& resolvFile) {
    if (!network.dns.forwarders.empty())
        return {network.dns.forwarders, "the network's <forwarder> elements"};
    std::vector<IpAddress> servers;
    std::istringstream lines(readFile(resolvFile));
    for (std::string line; std::getline(lines, line);) {
        std::istringstream words(line);
        std::string keyword;
        std::string address;
        if (words >> keyword >> address && keyword == "nameserver") {
            if (auto parsed = IpAddress::parse(address, "nameserver"))
                servers.push_back(*parsed);
        }
    }
    return {servers, resolvFile};
}

std::string joined(const std::vector<IpAddress>& addresses) {
    std::string out;
    for (const IpAddress& address : addresses)
        out += (out.empty() ? "" : ", ") + address.toString();
    return out;
}

void checkBridge(const Network& network, NetlinkSocket* netlink, std::vector<DiagnosisHop>& hops) {
    const std::string& bridge = network.bridge.name;
    if (!netlink) {
        hops.push_back({"bridge", HopStatus::Fail, "cannot talk to the kernel (rtnetlink)"});
        return;
    }
    auto up = netlink->isUp(bridge);
    if (!up && up.error().kind == ErrorKind::NotFound)
        hops.push_back({"bridge", HopStatus::Fail,
                        std::format("bridge {} does not exist: the containers' interfaces have "
                                    "nothing to attach to",
                                    bridge)});
    else if (!up)
        hops.push_back({"bridge", HopStatus::Fail, up.error().message});
    else if (!*up)
        hops.push_back({"bridge", HopStatus::Fail,
                        std::format("bridge {} exists but is down: nothing passes it", bridge)});
    else
        hops.push_back(
            {"bridge", HopStatus::Ok, std::format("bridge {} exists and is up", bridge)});
}

void checkAddress(const Network& network, const Result<HostNetworkFacts>& facts,
                  std::vector<DiagnosisHop>& hops) {
    const NetworkIp* v4 = network.ipv4();
    if (!v4)
        return;
    const std::string& bridge = network.bridge.name;
    const std::string address = v4->address.toString();
    if (!facts) {
        hops.push_back({"address", HopStatus::Fail, facts.error().message});
        return;
    }
    const bool present = std::ranges::any_of(facts->addresses, [&](const HostAddress& host) {
        return host.device == bridge && host.address == v4->address;
    });
    if (present)
        hops.push_back({"address", HopStatus::Ok,
                        std::format("bridge {} has the network's address {} (the containers' "
                                    "gateway, DHCP and DNS server)",
                                    bridge, address)});
    else
        hops.push_back({"address", HopStatus::Fail,
                        std::format("bridge {} lacks the network's address {}: containers have "
                                    "no gateway and no DHCP or DNS server",
                                    bridge, address)});
    if (auto clear = checkSubnetConflicts(network, *facts); !clear)
        hops.push_back({"subnet", HopStatus::Fail, clear.error().message});
    else
        hops.push_back({"subnet", HopStatus::Ok,
                        std::format("subnet {} is used nowhere else on this host",
                                    v4->address.network().toString())});
}

void checkForwarding(const Network& network, std::vector<DiagnosisHop>& hops) {
    if (!leavesTheBridge(network))
        return;
    auto value = readSysctl("net/ipv4/ip_forward");
    if (!value)
        hops.push_back({"forwarding", HopStatus::Fail, value.error().message});
    else if (value->starts_with("1"))
        hops.push_back({"forwarding", HopStatus::Ok, "IPv4 forwarding is on"});
    else
        hops.push_back({"forwarding", HopStatus::Fail,
                        "IPv4 forwarding is off (net.ipv4.ip_forward = 0): the host does not "
                        "pass the containers' traffic on"});
}

// The IPv6 path, hop by hop: the bridge's IPv6 address, IPv6 forwarding, the uplink's own
// IPv6 route and whether it still learns it. A host without IPv6 is said plainly: that is
// not a fault of the network, and IPv4 works without it.
void checkIpv6(const Network& network, const Result<HostNetworkFacts>& facts,
               std::vector<DiagnosisHop>& hops) {
    if (!facts)
        return; // the IPv4 hops already said why
    std::vector<std::string> uplinks;
    for (const HostRoute& route : facts->routes) {
        if (route.destination.address.family == IpFamily::V6 &&
            route.destination.prefixLength == 0 && route.device != network.bridge.name)
            uplinks.push_back(route.device);
    }
    const NetworkIp* v6 = network.ipv6();
    if (!v6) {
        if (leavesTheBridge(network) && !uplinks.empty())
            hops.push_back({"ipv6", HopStatus::Warning,
                            std::format("the host has IPv6 (through {}) but network {} has none: "
                                        "containers reach IPv4 addresses only; give the "
                                        "network an IPv6 <ip> to change that",
                                        uplinks.front(), network.name)});
        return;
    }
    const bool present = std::ranges::any_of(facts->addresses, [&](const HostAddress& host) {
        return host.device == network.bridge.name && host.address == v6->address;
    });
    if (present)
        hops.push_back({"ipv6-address", HopStatus::Ok,
                        std::format("bridge {} has {} and advertises {} to the containers",
                                    network.bridge.name, v6->address.toString(),
                                    v6->address.network().toString())});
    else
        hops.push_back({"ipv6-address", HopStatus::Fail,
                        std::format("bridge {} lacks the network's IPv6 address {}: containers "
                                    "get no IPv6 prefix and no IPv6 gateway",
                                    network.bridge.name, v6->address.toString())});
    if (!network.routesIpv6())
        return;
    auto forwarding = readSysctl("net/ipv6/conf/all/forwarding");
    if (!forwarding)
        hops.push_back({"ipv6-forwarding", HopStatus::Fail, forwarding.error().message});
    else if (forwarding->starts_with("1"))
        hops.push_back({"ipv6-forwarding", HopStatus::Ok,
                        std::format("IPv6 forwarding is on ({})",
                                    network.masqueradesIpv6() ? "masqueraded" : "routed")});
    else
        hops.push_back({"ipv6-forwarding", HopStatus::Fail,
                        "IPv6 forwarding is off (net.ipv6.conf.all.forwarding = 0): the host "
                        "does not pass the containers' IPv6 traffic on"});
    if (uplinks.empty()) {
        hops.push_back({"ipv6-uplink", HopStatus::Warning,
                        "the host's uplink has no IPv6 (no IPv6 default route): containers "
                        "reach IPv6 addresses on this network only; IPv4 is unaffected"});
        return;
    }
    const std::string& uplink = uplinks.front();
    const auto acceptRa = readSysctl(std::format("net/ipv6/conf/{}/accept_ra", uplink));
    if (forwarding && forwarding->starts_with("1") && acceptRa && acceptRa->starts_with("1"))
        hops.push_back({"ipv6-uplink", HopStatus::Warning,
                        std::format("{} ignores router advertisements now that IPv6 forwarding "
                                    "is on, so the host's IPv6 route through it will expire; "
                                    "set net.ipv6.conf.{}.accept_ra = 2",
                                    uplink, uplink)});
    else
        hops.push_back({"ipv6-uplink", HopStatus::Ok,
                        std::format("the host has an IPv6 default route through {}", uplink)});
}

// A LAN-mode network: the host's bridge or NIC is there, and is not Wi-Fi. The rest of the
// path (addresses, DHCP, routing) is the LAN's own.
void checkHostLanHops(const Network& network, std::vector<DiagnosisHop>& hops) {
    if (auto there = checkHostLan(network); !there) {
        hops.push_back({"lan", HopStatus::Fail, there.error().message});
        return;
    }
    const bool bridged = !network.bridge.name.empty();
    const std::string link = bridged ? network.bridge.name : network.forward.devs.front();
    hops.push_back({"lan", HopStatus::Ok,
                    bridged ? std::format("containers join the host's bridge {}; the LAN's "
                                          "router gives them addresses",
                                          link)
                            : std::format("containers get macvlans on {}; the LAN's router "
                                          "gives them addresses (the host itself cannot "
                                          "reach them through {})",
                                          link, link)});
    const std::vector<std::string> wireless =
        bridged
            ? wirelessPortsOf(link)
            : (isWirelessLink(link) ? std::vector<std::string>{link} : std::vector<std::string>{});
    if (!wireless.empty())
        hops.push_back({"wifi", HopStatus::Warning,
                        std::format("{} is a Wi-Fi link: most access points drop frames from "
                                    "addresses that did not join them, so containers here will "
                                    "likely get no traffic; use a NAT network on Wi-Fi",
                                    wireless.front())});
}

void checkFirewall(const Network& network, std::vector<DiagnosisHop>& hops) {
    if (network.forward.mode == ForwardMode::Open) {
        hops.push_back(
            {"rules", HopStatus::Ok, "the network is open: Cubby adds no firewall rules for it"});
        return;
    }
    auto nft = Nftables::create();
    auto tables = nft ? nft->run("list tables") : Result<std::string>(fail(nft.error()));
    auto json = nft ? nft->listRulesetJson() : Result<std::string>(fail(nft.error()));
    const std::string table = "inet " + nftTableName(network.name);
    if (!tables)
        hops.push_back({"rules", HopStatus::Fail, tables.error().message});
    else if (tables->find("table " + table + "\n") != std::string::npos)
        hops.push_back(
            {"rules", HopStatus::Ok,
             std::format("nftables table {} is in place ({}filtering)", table,
                         network.forward.mode == ForwardMode::Nat ? "masquerade, " : "")});
    else
        hops.push_back(
            {"rules", HopStatus::Fail,
             std::format("nftables table {} is missing (was the ruleset flushed?): "
                         "nothing {}admits the network's traffic; restart the network",
                         table,
                         network.forward.mode == ForwardMode::Nat ? "masquerades or " : "")});

    auto report =
        json ? analyzeFirewall(*json, network.name) : Result<FirewallReport>(fail(json.error()));
    if (!report) {
        hops.push_back({"firewall", HopStatus::Fail, report.error().message});
        return;
    }
    size_t concerned = 0;
    for (const BlockingChain& chain : report->blocking) {
        if (!chainConcerns(chain, network))
            continue;
        ++concerned;
        const bool opened = std::ranges::any_of(report->ourRules, [&](const OurRule& rule) {
            return rule.family == chain.family && rule.table == chain.table &&
                   rule.chain == chain.chain;
        });
        const std::string what =
            std::format("the {} chain {} in table {} {} {} the network's traffic", chain.hook,
                        chain.chain, chain.family, chain.table,
                        chain.policyDrop ? "has policy drop for" : "ends in a rule that drops");
        if (opened)
            hops.push_back({"firewall", HopStatus::Warning,
                            what + "; Cubby's opening at its top lets it through for now"});
        else
            hops.push_back(
                {"firewall", HopStatus::Fail,
                 std::format("{}, and Cubby's opening is not there (the firewall was changed "
                             "after the network started); restart the network: cubbyctl "
                             "net-destroy {} && cubbyctl net-start {}",
                             what, network.name, network.name)});
    }
    // The managers' advice (what to make permanent) comes after the chains it is about.
    const auto lines = describeFirewall(*report, network);
    for (size_t i = concerned; i < lines.size(); ++i)
        hops.push_back({"firewall", HopStatus::Warning, lines[i]});
    if (concerned == 0)
        hops.push_back({"firewall", HopStatus::Ok,
                        "no other firewall (firewalld, ufw, Docker or another nftables table) "
                        "blocks the network's traffic"});
}

void checkUplink(const Network& network, const Result<HostNetworkFacts>& facts,
                 std::vector<DiagnosisHop>& hops) {
    if (!leavesTheBridge(network))
        return;
    if (!facts) {
        hops.push_back({"uplink", HopStatus::Fail, facts.error().message});
        return;
    }
    std::vector<std::string> devices;
    for (const HostRoute& route : facts->routes) {
        if (route.destination.address.family == IpFamily::V4 &&
            route.destination.prefixLength == 0 && route.device != network.bridge.name)
            devices.push_back(route.device.empty() ? "several devices" : route.device);
    }
    const std::string& wanted = network.forward.dev;
    if (!wanted.empty() && std::ranges::find(devices, wanted) == devices.end())
        hops.push_back({"uplink", HopStatus::Fail,
                        std::format("the network sends its traffic out through {} only, and the "
                                    "host has no default route through {}",
                                    wanted, wanted)});
    else if (devices.empty())
        hops.push_back({"uplink", HopStatus::Fail,
                        "the host has no IPv4 default route: it is offline itself (no Wi-Fi or "
                        "cable connection?)"});
    else
        hops.push_back({"uplink", HopStatus::Ok,
                        std::format("the host has a default route through {}",
                                    wanted.empty() ? devices.front() : wanted)});
}

void checkUpstream(const Network& network, const DiagnosisContext& context,
                   const Result<HostNetworkFacts>& facts, std::vector<DiagnosisHop>& hops) {
    const auto [servers, source] = upstreamServers(network, context.resolvFile);
    if (servers.empty()) {
        hops.push_back({"upstream", HopStatus::Warning,
                        std::format("dnsmasq has no upstream name servers (none in {}): "
                                    "containers resolve only the network's own names",
                                    source)});
        return;
    }
    std::vector<IpAddress> unreachable;
    for (const IpAddress& server : servers) {
        const bool loopback = server.family == IpFamily::V4 && server.bytes[0] == 127;
        const bool routed =
            facts && std::ranges::any_of(facts->routes, [&](const HostRoute& route) {
                return route.destination.contains(server);
            });
        if (!loopback && !routed)
            unreachable.push_back(server);
    }
    if (unreachable.size() == servers.size())
        hops.push_back({"upstream", HopStatus::Fail,
                        std::format("the host has no route to the upstream name servers {} "
                                    "(from {}): names outside the network do not resolve",
                                    joined(servers), source)});
    else if (!unreachable.empty())
        hops.push_back({"upstream", HopStatus::Warning,
                        std::format("upstream name servers {} (from {}); no route to {}",
                                    joined(servers), source, joined(unreachable))});
    else
        hops.push_back(
            {"upstream", HopStatus::Ok,
             std::format("upstream name servers {} (from {})", joined(servers), source)});
}

} // namespace

std::string_view hopStatusName(HopStatus status) {
    switch (status) {
    case HopStatus::Ok:
        return "ok";
    case HopStatus::Warning:
        return "warning";
    case HopStatus::Fail:
        break;
    }
    return "fail";
}

void diagnoseNetwork(const Network& network, const DiagnosisContext& context, QObject* owner,
                     std::function<void(std::vector<DiagnosisHop>)> done) {
    std::vector<DiagnosisHop> hops;
    if (context.active)
        hops.push_back({"state", HopStatus::Ok, std::format("network {} is active", network.name)});
    else
        hops.push_back({"state", HopStatus::Fail,
                        std::format("network {} is not running; start it with: cubbyctl "
                                    "net-start {}",
                                    network.name, network.name)});
    if (network.joinsHostLan()) {
        checkHostLanHops(network, hops);
        done(std::move(hops));
        return;
    }
    auto netlink = NetlinkSocket::open();
    const Result<HostNetworkFacts> facts =
        netlink ? netlink->hostFacts() : Result<HostNetworkFacts>(fail(netlink.error()));
    checkBridge(network, netlink ? &*netlink : nullptr, hops);
    checkAddress(network, facts, hops);
    checkForwarding(network, hops);
    checkFirewall(network, hops);
    checkUplink(network, facts, hops);
    checkIpv6(network, facts, hops);

    const NetworkIp* v4 = network.ipv4();
    if (!networkNeedsDnsmasq(network) || !v4) {
        done(std::move(hops));
        return;
    }
    const pid_t dnsmasq = runningDnsmasq(context, network);
    if (dnsmasq == 0) {
        hops.push_back({"dnsmasq", HopStatus::Fail,
                        std::format("dnsmasq is not running for {}: containers get no DHCP lease "
                                    "and no name service",
                                    network.bridge.name)});
        done(std::move(hops));
        return;
    }
    hops.push_back({"dnsmasq", HopStatus::Ok,
                    std::format("dnsmasq (pid {}) serves {} on {}", dnsmasq,
                                network.dns.enabled && v4->hasDhcp ? "DHCP and DNS"
                                : network.dns.enabled              ? "DNS"
                                                                   : "DHCP",
                                network.bridge.name)});
    if (!network.dns.enabled) {
        done(std::move(hops));
        return;
    }
    checkUpstream(network, context, facts, hops);
    // The DNS answer goes before the upstream hop: it is the nearer one.
    const IpAddress server = v4->address.address;
    probeDns(server, dnsTimeout, owner,
             [hops = std::move(hops), server, done](bool answered, std::string version) mutable {
                 DiagnosisHop dns{"dns", HopStatus::Ok,
                                  std::format("dnsmasq answers DNS questions on {}{}",
                                              server.toString(),
                                              version.empty() ? "" : " (" + version + ")")};
                 if (!answered)
                     dns = {"dns", HopStatus::Fail,
                            std::format("dnsmasq does not answer DNS questions on {} port 53 "
                                        "within {} s",
                                        server.toString(), dnsTimeout.count() / 1000)};
                 hops.insert(hops.end() - 1, std::move(dns));
                 done(std::move(hops));
             });
}

void probeDns(const IpAddress& server, std::chrono::milliseconds timeout, QObject* owner,
              std::function<void(bool answered, std::string version)> done) {
    UniqueFd socket(::socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(53);
    std::memcpy(&address.sin_addr, server.bytes.data(), 4);
    const uint16_t id = static_cast<uint16_t>(std::random_device{}());
    // Header (id, no flags, one question), then "version.bind" TXT CH.
    const uint8_t question[] = {uint8_t(id >> 8),
                                uint8_t(id),
                                0,
                                0,
                                0,
                                1,
                                0,
                                0,
                                0,
                                0,
                                0,
                                0,
                                7,
                                'v',
                                'e',
                                'r',
                                's',
                                'i',
                                'o',
                                'n',
                                4,
                                'b',
                                'i',
                                'n',
                                'd',
                                0,
                                0,
                                16,
                                0,
                                3};
    if (!socket || server.family != IpFamily::V4 ||
        ::connect(socket.get(), reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::send(socket.get(), question, sizeof question, 0) != ssize_t(sizeof question)) {
        done(false, {});
        return;
    }
    auto* notifier = new QSocketNotifier(socket.release(), QSocketNotifier::Read, owner);
    auto* timer = new QTimer(notifier);
    timer->setSingleShot(true);
    auto finished = std::make_shared<bool>(false);
    auto finish = [notifier, finished, done](bool answered, std::string version) {
        if (std::exchange(*finished, true))
            return;
        notifier->setEnabled(false);
        notifier->disconnect();
        ::close(int(notifier->socket()));
        notifier->deleteLater();
        done(answered, std::move(version));
    };
    QObject::connect(notifier, &QSocketNotifier::activated, owner, [notifier, id, finish] {
        uint8_t reply[512];
        const ssize_t got = ::recv(int(notifier->socket()), reply, sizeof reply, 0);
        if (got < 12 || reply[0] != uint8_t(id >> 8) || reply[1] != uint8_t(id) ||
            !(reply[2] & 0x80)) {
            if (got < 0 && errno != EAGAIN && errno != EINTR)
                finish(false, {}); // e.g. ECONNREFUSED: nothing listens on port 53
            return;
        }
        // Any answer proves dnsmasq answers; the TXT text is a bonus. The answer follows the
        // 30-byte query echo: a 2-byte name pointer, type, class, TTL, data length, then the
        // text's length byte and the text.
        std::string version;
        const size_t lengthAt = sizeof question + 12;
        const size_t text = lengthAt + 1;
        if (size_t(got) > text && reply[7] >= 1) {
            const size_t length = reply[lengthAt];
            if (text + length <= size_t(got))
                version.assign(reinterpret_cast<const char*>(reply) + text, length);
        }
        finish(true, version);
    });
    QObject::connect(timer, &QTimer::timeout, owner, [finish] { finish(false, {}); });
    timer->start(timeout);
}

} // namespace cubby
