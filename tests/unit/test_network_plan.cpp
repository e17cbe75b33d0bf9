// The network planners: the nftables table of a network, dnsmasq's configuration, free
// subnets and conflicts, generated names and MACs, container interface plans, the JSON reader
// and the firewall-coexistence analysis. The root tier applies the same texts to a kernel.
#include "dhcp_reservations.h"
#include "dnsmasq_config.h"
#include "firewall_analysis.h"
#include "json.h"
#include "network_plan.h"
#include "network_xml.h"
#include "nft_ruleset.h"

#include <QTest>
#include <format>
#include <set>

using namespace cubby;

namespace {

Uuid fixedUuid() {
    return *Uuid::parse("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee", "test");
}

Network parseNetwork(const std::string& xml) {
    auto network = parseNetworkXml(xml, fixedUuid);
    if (!network)
        qFatal("%s", network.error().message.c_str());
    return *network;
}

Network natNetwork(const std::string& extra = "", const std::string& forward = "<forward/>") {
    return parseNetwork(
        "<network xmlns:cubby='https://github.com/cubby1/xmlns/network/1'><name>lab</name>" +
        forward +
        "<bridge name='cubbybr3'/><domain name='lab.test'/>"
        "<ip address='192.168.150.1' prefix='24'><dhcp><range start='192.168.150.100' "
        "end='192.168.150.199'/><host mac='52:54:00:00:00:0a' name='web' "
        "ip='192.168.150.10'/><host name='db' ip='192.168.150.11'/></dhcp></ip>" +
        extra + "</network>");
}

bool contains(const std::string& text, const std::string& needle) {
    return text.find(needle) != std::string::npos;
}

#define EXPECT_LINE(text, needle)                                                                  \
    QVERIFY2(contains(text, needle),                                                               \
             (std::string("missing: ") + (needle) + "\nin:\n" + (text)).c_str())
#define EXPECT_NO_LINE(text, needle)                                                               \
    QVERIFY2(!contains(text, needle),                                                              \
             (std::string("unexpected: ") + (needle) + "\nin:\n" + (text)).c_str())

HostNetworkFacts laptopOn(const std::string& wifiSubnet) {
    HostNetworkFacts host;
    host.addresses.push_back({"lo", *IpPrefix::parse("127.0.0.1/8", "")});
    host.addresses.push_back({"wlan0", *IpPrefix::parse(wifiSubnet, "")});
    host.routes.push_back({"wlan0", *IpPrefix::parse("0.0.0.0/0", "")});
    host.routes.push_back({"wlan0", IpPrefix::parse(wifiSubnet, "")->network()});
    host.links = {"lo", "wlan0"};
    return host;
}

// A ruleset as `nft -j list ruleset` prints it with Docker (iptables-nft) and ufw loaded.
constexpr const char* dockerRuleset = R"({"nftables": [
 {"metainfo": {"version": "1.1.3", "release_name": "x", "json_schema_version": 1}},
 {"table": {"family": "ip", "name": "filter", "handle": 1}},
 {"chain": {"family": "ip", "table": "filter", "name": "FORWARD", "handle": 2, "type": "filter",
            "hook": "forward", "prio": 0, "policy": "drop"}},
 {"chain": {"family": "ip", "table": "filter", "name": "DOCKER-USER", "handle": 3}},
 {"chain": {"family": "ip", "table": "filter", "name": "INPUT", "handle": 4, "type": "filter",
            "hook": "input", "prio": 0, "policy": "accept"}},
 {"rule": {"family": "ip", "table": "filter", "chain": "FORWARD", "handle": 9,
           "expr": [{"counter": {"packets": 0, "bytes": 0}}, {"jump": {"target": "DOCKER-USER"}}]}},
 {"rule": {"family": "ip", "table": "filter", "chain": "FORWARD", "handle": 12,
           "comment": "cubby:lab", "expr": [{"accept": null}]}},
 {"rule": {"family": "ip", "table": "filter", "chain": "FORWARD", "handle": 13,
           "comment": "cubby:other", "expr": [{"accept": null}]}},
 {"table": {"family": "inet", "name": "firewalld", "handle": 5}},
 {"chain": {"family": "inet", "table": "firewalld", "name": "filter_FORWARD", "handle": 1,
            "type": "filter", "hook": "forward", "prio": 10, "policy": "accept"}},
 {"rule": {"family": "inet", "table": "firewalld", "chain": "filter_FORWARD", "handle": 40,
           "expr": [{"reject": {"type": "icmpx", "expr": "admin-prohibited"}}]}},
 {"table": {"family": "inet", "name": "cubby_lab", "handle": 7}},
 {"chain": {"family": "inet", "table": "cubby_lab", "name": "forward", "handle": 1,
            "type": "filter", "hook": "forward", "prio": 0, "policy": "drop"}},
 {"table": {"family": "ip6", "name": "filter", "handle": 8}},
 {"chain": {"family": "ip6", "table": "filter", "name": "FORWARD", "handle": 1,
            "type": "filter", "hook": "forward", "prio": 0, "policy": "drop"}},
 {"table": {"family": "inet", "name": "quiet", "handle": 9}},
 {"chain": {"family": "inet", "table": "quiet", "name": "input", "handle": 1, "type": "filter",
            "hook": "input", "prio": 0, "policy": "accept"}},
 {"rule": {"family": "inet", "table": "quiet", "chain": "input", "handle": 3,
           "expr": [{"match": {"op": "==", "left": {"meta": {"key": "iifname"}}, "right": "x"}},
                    {"drop": null}]}}
]})";

} // namespace

class TestNetworkPlan : public QObject {
    Q_OBJECT
private slots:
    void natRulesetHasEveryPart() {
        Network network = natNetwork("<cubby:portforward protocol='tcp' hostport='8080' "
                                     "address='192.168.150.10' port='80'/><cubby:portforward "
                                     "protocol='udp' hostport='5353' address='192.168.150.11' "
                                     "port='53'/>");
        const auto text = planNftRuleset(network);
        QVERIFY2(text, text ? "" : text.error().message.c_str());
        // Idempotent: the table is created if missing and emptied before anything is added.
        QVERIFY(text->starts_with("add table inet cubby_lab\nflush table inet cubby_lab\n"));
        EXPECT_LINE(*text,
                    "add chain inet cubby_lab postrouting { type nat hook postrouting priority "
                    "srcnat; policy accept; }");
        EXPECT_LINE(*text,
                    "add rule inet cubby_lab postrouting ip saddr 192.168.150.0/24 ip daddr != "
                    "192.168.150.0/24 oifname != \"cubbybr3\" meta l4proto { tcp, udp } "
                    "masquerade to :1024-65535");
        EXPECT_LINE(*text,
                    "add rule inet cubby_lab postrouting ip saddr 192.168.150.0/24 ip daddr != "
                    "192.168.150.0/24 oifname != \"cubbybr3\" masquerade\n");
        EXPECT_LINE(*text, "forward iifname \"cubbybr3\" ip saddr 192.168.150.0/24 accept");
        EXPECT_LINE(*text, "forward oifname \"cubbybr3\" ip daddr 192.168.150.0/24 ct state "
                           "established,related accept");
        EXPECT_LINE(*text, "forward oifname \"cubbybr3\" ip daddr 192.168.150.0/24 ct status dnat "
                           "accept");
        EXPECT_LINE(*text, "forward oifname \"cubbybr3\" reject");
        EXPECT_LINE(*text, "input iifname \"cubbybr3\" udp dport { 53, 67 } accept");
        EXPECT_LINE(*text, "input iifname \"cubbybr3\" tcp dport 53 accept");
        EXPECT_LINE(*text, "prerouting fib daddr type local tcp dport 8080 dnat ip to "
                           "192.168.150.10:80");
        EXPECT_LINE(*text, "output fib daddr type local tcp dport 8080 dnat ip to "
                           "192.168.150.10:80");
        EXPECT_LINE(*text, "prerouting fib daddr type local udp dport 5353 dnat ip to "
                           "192.168.150.11:53");
        EXPECT_LINE(*text, "postrouting oifname \"cubbybr3\" ip saddr 127.0.0.0/8 ct status dnat "
                           "masquerade");
        EXPECT_LINE(*text, "guard iifname \"cubbybr3\" ip daddr 127.0.0.0/8 drop");
        // Only the network's own table is named.
        for (size_t at = text->find(" inet "); at != std::string::npos;
             at = text->find(" inet ", at + 1))
            QVERIFY(text->compare(at, 15, " inet cubby_lab") == 0);
        QCOMPARE(planNftRemoval("lab"),
                 std::string("add table inet cubby_lab\ndelete table inet cubby_lab\nadd table "
                             "bridge cubby_lab\ndelete table bridge cubby_lab\n"));
        // Issue 12, item 6: the bridge table holds the network's ports (their interface group)
        // to its subnet, each reserved MAC to its address, and away from serving DHCP or
        // advertising routes.
        const std::string ports =
            std::format("add rule bridge cubby_lab ports iifgroup {:#x} ", networkPortGroup("lab"));
        EXPECT_LINE(*text, "add chain bridge cubby_lab ports { type filter hook prerouting");
        EXPECT_LINE(*text, ports + "icmpv6 type { nd-router-advert, nd-redirect } drop");
        EXPECT_LINE(*text, ports + "udp sport 67 drop");
        EXPECT_LINE(*text, ports + "udp sport 547 drop");
        EXPECT_LINE(*text, ports + "ip saddr != { 192.168.150.0/24, 0.0.0.0 } drop");
        EXPECT_LINE(*text, ports + "arp saddr ip != { 192.168.150.0/24, 0.0.0.0 } drop");
        // web has a MAC; db's reservation is by name only and binds nothing.
        EXPECT_LINE(*text, ports + "ether saddr { 52:54:00:00:00:0a } ip saddr != 0.0.0.0 ether "
                                   "saddr . ip saddr != { 52:54:00:00:00:0a . 192.168.150.10 } "
                                   "drop");
        EXPECT_NO_LINE(*text, "ip6 saddr != {");
        QVERIFY(networkPortGroup("lab") >> 24 == 0xcb);
        QVERIFY(networkPortGroup("lab") != networkPortGroup("lab2"));
    }

    void modesDecideForwarding() {
        const auto routed = planNftRuleset(natNetwork("", "<forward mode='route'/>"));
        QVERIFY(routed);
        EXPECT_NO_LINE(*routed, "masquerade");
        EXPECT_LINE(*routed, "forward oifname \"cubbybr3\" ip daddr 192.168.150.0/24 accept");
        const auto isolated = planNftRuleset(natNetwork("", ""));
        QVERIFY(isolated);
        EXPECT_NO_LINE(*isolated, "masquerade");
        EXPECT_NO_LINE(*isolated, "ip saddr 192.168.150.0/24 accept");
        EXPECT_LINE(*isolated, "forward iifname \"cubbybr3\" reject");
        EXPECT_LINE(*isolated, "forward iifname \"cubbybr3\" oifname \"cubbybr3\" accept");
        const auto open = planNftRuleset(natNetwork("", "<forward mode='open'/>"));
        QVERIFY(open);
        QCOMPARE(*open, std::string());
        // A named uplink and a NAT port range.
        const auto wifi = planNftRuleset(natNetwork(
            "", "<forward mode='nat' dev='wlan0'><nat><port start='20000' end='30000'/></nat>"
                "</forward>"));
        QVERIFY(wifi);
        EXPECT_LINE(*wifi, "oifname \"wlan0\" meta l4proto { tcp, udp } masquerade to "
                           ":20000-30000");
        EXPECT_LINE(*wifi, "iifname \"cubbybr3\" oifname \"wlan0\" ip saddr 192.168.150.0/24 "
                           "accept");
        Network nameless = natNetwork();
        nameless.bridge.name.clear();
        QVERIFY(!planNftRuleset(nameless));
    }

    // Router advertisements and autoconfiguration are off on every bridge; IPv6 is off on a
    // bridge whose network has none; the IPv4 settings follow the network's mode.
    void bridgeSysctlsAreHardened() {
        const auto plain = planBridgeSysctls(natNetwork("", "<forward mode='nat'/>"));
        const std::vector<SysctlSetting> expected = {
            {"net/ipv6/conf/cubbybr3/accept_ra", "0", true},
            {"net/ipv6/conf/cubbybr3/autoconf", "0", true},
            {"net/ipv6/conf/cubbybr3/disable_ipv6", "1", true},
            {"net/ipv4/ip_forward", "1", false},
        };
        QCOMPARE(plain, expected);
        const auto dualStack = planBridgeSysctls(
            natNetwork("<ip family='ipv6' address='fd00:150::1' prefix='64'/>", ""));
        const std::vector<SysctlSetting> expectedDual = {
            {"net/ipv6/conf/cubbybr3/accept_ra", "0", true},
            {"net/ipv6/conf/cubbybr3/autoconf", "0", true},
            {"net/ipv6/conf/cubbybr3/accept_dad", "0", true},
        };
        QCOMPARE(dualStack, expectedDual);
        const auto forwarded = planBridgeSysctls(
            natNetwork("<cubby:portforward protocol='tcp' hostport='8080' address='192.168.150.10' "
                       "port='80'/>"));
        QCOMPARE(forwarded.size(), size_t(5));
        QCOMPARE(forwarded[3],
                 (SysctlSetting{"net/ipv4/conf/cubbybr3/route_localnet", "1", false}));
        QCOMPARE(forwarded[4], (SysctlSetting{"net/ipv4/ip_forward", "1", false}));
    }

    // Issue 12: DNS records, per-domain forwarders and lease times become dnsmasq's own
    // options; a domain forwarder alone leaves the host's resolver in use for the rest.
    void dnsmasqCarriesRecordsForwardersAndLeases() {
        DnsmasqFiles files{"/run/p", "/var/l", "/etc/resolv.conf", "/run/h", "/run/n"};
        Network network = natNetwork();
        network.dns.domainForwarders = {{"corp.example", *IpAddress::parse("10.0.0.53", "")},
                                        {"home.arpa", std::nullopt}};
        network.dns.txts = {{"lab.test", "v=spf1 a -all"}};
        network.dns.hosts = {{*IpAddress::parse("192.168.150.5", ""), {"nas"}}};
        network.dns.srvs = {{"ldap", "tcp", "lab.test", "nas.lab.test", 389, 10, 5},
                            {"kerberos", "udp", "", "", 0, 0, 0}};
        network.ips[0].dhcpRanges[0].lease = LeaseTime{2, LeaseUnit::Hours};
        network.ips[0].dhcpHosts[0].lease = LeaseTime{0, LeaseUnit::Minutes};
        const auto config = planDnsmasqConfig(network, files);
        QVERIFY2(config, config ? "" : config.error().message.c_str());
        for (const char* line :
             {"\nserver=/corp.example/10.0.0.53\n", "\nlocal=/home.arpa/\n",
              "\ntxt-record=lab.test,\"v=spf1 a -all\"\n",
              "\nsrv-host=_ldap._tcp.lab.test,nas.lab.test,389,10,5\n",
              "\nsrv-host=_kerberos._udp\n", "\nhost-record=nas,nas.lab.test,192.168.150.5\n",
              "\ndhcp-range=192.168.150.100,192.168.150.199,255.255.255.0,7200\n",
              "\nresolv-file=/etc/resolv.conf\n"})
            EXPECT_LINE(*config, line);
        EXPECT_NO_LINE(*config, "no-resolv");
        QVERIFY(planDnsmasqReservations(network).starts_with(
            "52:54:00:00:00:0a,192.168.150.10,web,infinite\n"));
    }

    void dnsmasqBindsToTheBridgeOnly() {
        DnsmasqFiles files{"/run/cubby/.net/lab/dnsmasq.pid",
                           "/var/lib/cubby/networks/lab/dnsmasq.leases", "/etc/resolv.conf",
                           "/run/cubby/.net/lab/dnsmasq.hosts",
                           "/run/cubby/.net/lab/dnsmasq.names"};
        const auto config = planDnsmasqConfig(natNetwork(), files);
        QVERIFY2(config, config ? "" : config.error().message.c_str());
        for (const char* line :
             {"\nbind-dynamic\n", "\ninterface=cubbybr3\n", "\nexcept-interface=lo\n",
              "\nlisten-address=192.168.150.1\n", "\npid-file=/run/cubby/.net/lab/dnsmasq.pid\n",
              "\ndhcp-leasefile=/var/lib/cubby/networks/lab/dnsmasq.leases\n", "\nno-hosts\n",
              "\nresolv-file=/etc/resolv.conf\n", "\ndomain=lab.test\n",
              "\ndhcp-range=192.168.150.100,192.168.150.199,255.255.255.0\n",
              "\ndhcp-hostsfile=/run/cubby/.net/lab/dnsmasq.hosts\n",
              "\naddn-hosts=/run/cubby/.net/lab/dnsmasq.names\n", "\ndhcp-lease-max=102\n",
              "\nuser=nobody\n"})
            EXPECT_LINE(*config, line);
        EXPECT_NO_LINE(*config, "no-resolv");
        // Reservations live in files dnsmasq reads again on SIGHUP, not in the config.
        EXPECT_NO_LINE(*config, "dhcp-host=");
        QCOMPARE(planDnsmasqReservations(natNetwork()),
                 std::string("52:54:00:00:00:0a,192.168.150.10,web\n192.168.150.11,db\n"));
        QCOMPARE(planDnsmasqReservedNames(natNetwork()),
                 std::string("192.168.150.10 web web.lab.test\n192.168.150.11 db db.lab.test\n"));
        DnsmasqFiles unnamed = files;
        unnamed.reservationsFile.clear();
        QVERIFY(!planDnsmasqConfig(natNetwork(), unnamed));
        // Forwarders replace the host's resolv.conf; a missing resolv file means no upstream.
        Network forwarded = natNetwork();
        forwarded.dns.forwarders.push_back(*IpAddress::parse("192.0.2.53", ""));
        const auto withServer = planDnsmasqConfig(forwarded, files);
        QVERIFY(withServer);
        EXPECT_LINE(*withServer, "\nno-resolv\nserver=192.0.2.53\n");
        files.resolvFile.clear();
        EXPECT_LINE(*planDnsmasqConfig(natNetwork(), files), "\nno-resolv\n");
        // Isolated: no router option, so containers do not route through the host.
        EXPECT_LINE(*planDnsmasqConfig(natNetwork("", ""), files), "\ndhcp-option=option:router\n");
        Network silent = natNetwork();
        silent.dns.enabled = false;
        silent.ips[0].hasDhcp = false;
        QVERIFY(!networkNeedsDnsmasq(silent));
        QVERIFY(!planDnsmasqConfig(silent, files));
    }

    // Issue 12, item 1: a dual-stack NAT network masquerades and forwards both families in
    // its one table; a port forward to a reserved container reaches it over IPv6 too, at the
    // address it makes by SLAAC.
    void dualStackRulesetCoversBothFamilies() {
        const std::string v6 = "<ip family='ipv6' address='fd42:0:0:7::1' prefix='64'/>";
        const std::string forward = "<cubby:portforward protocol='tcp' hostport='8080' "
                                    "address='192.168.150.10' port='80'/>";
        const auto text =
            planNftRuleset(natNetwork(v6 + forward, "<forward><nat ipv6='yes'/></forward>"));
        QVERIFY2(text, text ? "" : text.error().message.c_str());
        EXPECT_LINE(*text, "forward iifname \"cubbybr3\" ip6 saddr fd42:0:0:7::/64 accept");
        EXPECT_LINE(*text, "forward oifname \"cubbybr3\" ip6 daddr fd42:0:0:7::/64 ct state "
                           "established,related accept");
        EXPECT_LINE(*text, "postrouting ip6 saddr fd42:0:0:7::/64 ip6 daddr != fd42:0:0:7::/64 "
                           "oifname != \"cubbybr3\" masquerade\n");
        EXPECT_LINE(*text, "postrouting ip6 saddr fd42:0:0:7::/64 ip6 daddr ff00::/8 return");
        EXPECT_LINE(*text, "guard iifname \"cubbybr3\" ip6 saddr ::1 drop");
        EXPECT_LINE(*text, "ports iifgroup " + std::format("{:#x}", networkPortGroup("lab")) +
                               " ip6 saddr != { fe80::/10, ::, fd42:0:0:7::/64 } drop");
        EXPECT_LINE(*text, "input iifname \"cubbybr3\" udp dport 547 accept");
        EXPECT_LINE(*text, "input iifname \"cubbybr3\" icmpv6 type { nd-router-solicit, "
                           "nd-neighbor-solicit, nd-neighbor-advert } accept");
        // web's MAC 52:54:00:00:00:0a → interface identifier 5054:ff:fe00:a.
        EXPECT_LINE(*text, "prerouting fib daddr type local tcp dport 8080 dnat ip6 to "
                           "[fd42::7:5054:ff:fe00:a]:80");
        EXPECT_LINE(*text, "forward oifname \"cubbybr3\" ip6 daddr fd42:0:0:7::/64 ct status "
                           "dnat accept");
        EXPECT_LINE(*text, "prerouting fib daddr type local tcp dport 8080 dnat ip to "
                           "192.168.150.10:80");
        // A forward of the network's own over IPv6 wins over the derived one.
        const auto own =
            planNftRuleset(natNetwork(v6 + forward +
                                          "<cubby:portforward protocol='tcp' hostport='8080' "
                                          "address='fd42:0:0:7::99' port='81'/>",
                                      "<forward><nat ipv6='yes'/></forward>"));
        QVERIFY2(own, own ? "" : own.error().message.c_str());
        EXPECT_LINE(*own, "dnat ip6 to [fd42:0:0:7::99]:81");
        EXPECT_NO_LINE(*own, "fe00:a]");
        // Without <nat ipv6='yes'> the IPv6 subnet is routed, as in libvirt: no masquerade,
        // new connections from outside reach it, and no derived forward.
        const auto routed = planNftRuleset(natNetwork(v6 + forward));
        QVERIFY(routed);
        EXPECT_NO_LINE(*routed, "ip6 saddr fd42:0:0:7::/64 ip6 daddr != fd42:0:0:7::/64");
        EXPECT_LINE(*routed, "forward oifname \"cubbybr3\" ip6 daddr fd42:0:0:7::/64 accept");
        EXPECT_NO_LINE(*routed, "dnat ip6");
        // An isolated network: IPv6 stays on the bridge.
        const auto isolated = planNftRuleset(natNetwork(v6, ""));
        QVERIFY(isolated);
        EXPECT_NO_LINE(*isolated, "ip6 saddr fd42:0:0:7::/64 accept");
        QCOMPARE(slaacAddress(*IpPrefix::parse("2001:db8:1::1/64", ""),
                              *MacAddress::parse("00:16:3e:12:34:56", ""))
                     .toString(),
                 std::string("2001:db8:1:0:216:3eff:fe12:3456"));
    }

    // Router advertisements always; SLAAC without <dhcp>, stateful DHCPv6 from ranges,
    // reservations by DUID or name; an isolated network's advertisements name no router.
    void dnsmasqAdvertisesAndServesIpv6() {
        DnsmasqFiles files{"/run/p", "/var/l", "", "/run/h", "/run/n"};
        const auto slaac = planDnsmasqConfig(
            natNetwork("<ip family='ipv6' address='fd42::1' prefix='64'/><mtu size='1400'/>"),
            files);
        QVERIFY2(slaac, slaac ? "" : slaac.error().message.c_str());
        for (const char* line :
             {"\nlisten-address=192.168.150.1\nlisten-address=fd42::1\n", "\nenable-ra\n",
              "\ndhcp-range=fd42::,ra-stateless,64\n", "\nra-param=cubbybr3,mtu:1400,10\n"})
            EXPECT_LINE(*slaac, line);
        const Network stateful =
            natNetwork("<ip family='ipv6' address='fd42::1' prefix='64'><dhcp><range "
                       "start='fd42::100' end='fd42::1ff'/><host id='00:01:00:01:2a:3b:4c:5d:52:"
                       "54:00:00:00:0a' name='web6' ip='fd42::10'/><host name='db' "
                       "ip='fd42::11'/></dhcp></ip>",
                       "");
        QVERIFY(validateNetwork(stateful));
        const auto config = planDnsmasqConfig(stateful, files);
        QVERIFY2(config, config ? "" : config.error().message.c_str());
        for (const char* line : {"\ndhcp-range=fd42::100,fd42::1ff,64\n", "\nenable-ra\n",
                                 "\nra-param=cubbybr3,10,0\n", "\ndhcp-lease-max=360\n"})
            EXPECT_LINE(*config, line);
        EXPECT_NO_LINE(*config, "ra-stateless");
        const std::string reservations = planDnsmasqReservations(stateful);
        EXPECT_LINE(reservations,
                    "\nid:00:01:00:01:2a:3b:4c:5d:52:54:00:00:00:0a,[fd42::10],web6\n");
        EXPECT_LINE(reservations, "\n[fd42::11],db\n");
        EXPECT_LINE(planDnsmasqReservedNames(stateful), "\nfd42::10 web6 web6.lab.test\n");
        // IPv6 alone still needs dnsmasq, for the advertisements.
        Network quiet = natNetwork("<ip family='ipv6' address='fd42::1' prefix='64'/>");
        quiet.ips.erase(quiet.ips.begin());
        quiet.forward.mode = ForwardMode::None;
        quiet.dns.enabled = false;
        QVERIFY(networkNeedsDnsmasq(quiet));
        const auto quietConfig = planDnsmasqConfig(quiet, files);
        QVERIFY2(quietConfig, quietConfig ? "" : quietConfig.error().message.c_str());
        EXPECT_LINE(*quietConfig, "\ndhcp-option=option6:dns-server\n");
    }

    // IPv6 forwarding for networks that route IPv6, and the uplinks told to keep learning
    // their own routes (accept_ra 2) first.
    void ipv6ForwardingKeepsUplinksLearning() {
        const auto dual = planBridgeSysctls(natNetwork(
            "<ip family='ipv6' address='fd42::1' prefix='64'/>", "<forward><nat ipv6='yes'/>"
                                                                 "</forward>"));
        QVERIFY(std::ranges::find(dual, SysctlSetting{"net/ipv6/conf/all/forwarding", "1", true}) !=
                dual.end());
        const auto isolated =
            planBridgeSysctls(natNetwork("<ip family='ipv6' address='fd42::1' prefix='64'/>", ""));
        QVERIFY(std::ranges::none_of(
            isolated, [](const SysctlSetting& s) { return s.key.ends_with("forwarding"); }));
        const std::vector<SysctlSetting> expected = {
            {"net/ipv6/conf/wlan0/accept_ra", "2", true},
            {"net/ipv6/conf/default/accept_ra", "2", true},
        };
        QCOMPARE(planUplinkAcceptRa({{"lo", "1"},
                                     {"wlan0", "1"},
                                     {"enp0s31f6", "0"},
                                     {"cubbybr0", "0"},
                                     {"usb0", "2"},
                                     {"default", "1"}}),
                 expected);
    }

    // A NAT network defined without addresses gets a ULA /64 beside its IPv4 /24 when the
    // host has IPv6, stable for the same UUID and clear of the host's and other networks'.
    void natNetworksGetAUlaWhereTheHostHasIpv6() {
        const auto parsed =
            parseNetworkXml("<network><name>fresh</name><forward mode='nat'/></network>", fixedUuid,
                            NetworkCompleteness::SubnetChosenLater);
        QVERIFY(parsed);
        HostNetworkFacts v4Only = laptopOn("192.168.1.20/24");
        const auto plain = completeNetworkDefinition(*parsed, v4Only, {});
        QVERIFY(plain);
        QVERIFY(!plain->ipv6());
        QVERIFY(!plain->forward.natIpv6.has_value());
        HostNetworkFacts dual = v4Only;
        dual.addresses.push_back({"wlan0", *IpPrefix::parse("2001:db8:5::20/64", "")});
        dual.addresses.push_back({"wlan0", *IpPrefix::parse("fe80::1/64", "")});
        dual.routes.push_back({"wlan0", *IpPrefix::parse("::/0", "")});
        const auto completed = completeNetworkDefinition(*parsed, dual, {});
        QVERIFY2(completed, completed ? "" : completed.error().message.c_str());
        const NetworkIp* v6 = completed->ipv6();
        QVERIFY(v6);
        QCOMPARE(v6->address.prefixLength, 64u);
        QCOMPARE(v6->address.address.bytes[0], uint8_t{0xfd});
        QCOMPARE(v6->address.address.bytes[15], uint8_t{1});
        QVERIFY(!v6->hasDhcp);
        QCOMPARE(completed->forward.natIpv6, std::optional(true));
        // <nat ipv6='no'/> keeps it IPv4-only; ipv6='yes' with an IPv4 <ip> of its own still
        // gets a prefix chosen.
        Network noSix = *parsed;
        noSix.forward.natIpv6 = false;
        QVERIFY(!completeNetworkDefinition(noSix, dual, {})->ipv6());
        Network yesSix = natNetwork("", "<forward><nat ipv6='yes'/></forward>");
        QVERIFY(!yesSix.ipv6());
        const auto chosen = completeNetworkDefinition(yesSix, dual, {});
        QVERIFY(chosen && chosen->ipv6() && chosen->masqueradesIpv6());
        QVERIFY(!completeNetworkDefinition(natNetwork(), dual, {})->ipv6());
        QVERIFY(completed->ipv4());
        QVERIFY(validateNetwork(*completed));
        // The same definition gets the same prefix; a host already using it pushes it on.
        QCOMPARE(completeNetworkDefinition(*parsed, dual, {})->ips, completed->ips);
        HostNetworkFacts clash = dual;
        clash.routes.push_back({"wg0", v6->address.network()});
        const auto moved = completeNetworkDefinition(*parsed, clash, {});
        QVERIFY(moved);
        QVERIFY(moved->ipv6()->address.network() != v6->address.network());
        const Network others[] = {*completed};
        QVERIFY(!completeNetworkDefinition(*parsed, dual, others)
                     ->ipv6()
                     ->address.overlaps(v6->address));
        // And the host taking the prefix later is a conflict the next start reports.
        QVERIFY(!checkSubnetConflicts(*completed, clash));
        QVERIFY(checkSubnetConflicts(*completed, dual));
    }

    // Issue 12, item 6: host='services' lets in only what the network needs; lan='no'
    // walls off the private ranges and the host's own subnets, merged into sets nft takes.
    void wallsKeepContainersWhereTheyAreMeant() {
        const Network walled =
            natNetwork("<cubby:walls host='services' lan='no'/>", "<forward mode='nat'/>");
        QCOMPARE(walled.walls, std::optional(NetworkWalls{HostAccess::Services, false}));
        const std::string xml = formatNetworkXml(walled);
        EXPECT_LINE(xml, "<cubby:walls host='services' lan='no'/>");
        QCOMPARE(parseNetwork(xml), walled);
        const IpPrefix lan[] = {*IpPrefix::parse("198.51.100.0/24", ""),
                                *IpPrefix::parse("192.168.1.0/24", ""), // inside 192.168/16
                                *IpPrefix::parse("10.0.0.0/7", ""),     // holds 10/8
                                *IpPrefix::parse("2001:db8:5::/64", "")};
        const auto text = planNftRuleset(walled, lan);
        QVERIFY2(text, text ? "" : text.error().message.c_str());
        EXPECT_LINE(*text, "input iifname \"cubbybr3\" ct direction reply accept\n"
                           "add rule inet cubby_lab input iifname \"cubbybr3\" icmp type "
                           "echo-request accept\n");
        EXPECT_LINE(*text, "input iifname \"cubbybr3\" drop\n");
        EXPECT_LINE(*text, "forward iifname \"cubbybr3\" oifname != \"cubbybr3\" ip daddr { "
                           "172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10, 169.254.0.0/16, "
                           "198.51.100.0/24, 10.0.0.0/7 } reject");
        EXPECT_LINE(*text, "forward iifname \"cubbybr3\" oifname != \"cubbybr3\" ip6 daddr { "
                           "fc00::/7, fe80::/10, 2001:db8:5::/64 } reject");
        // The walls come before the containers' traffic is accepted out.
        QVERIFY(text->find("ip daddr { 172.16") <
                text->find("iifname \"cubbybr3\" ip saddr 192.168.150.0/24 accept"));
        // No walls: neither rule.
        const auto open = planNftRuleset(natNetwork(), lan);
        EXPECT_NO_LINE(*open, "input iifname \"cubbybr3\" drop");
        EXPECT_NO_LINE(*open, "daddr { 10.0.0.0/8");
        // Networks Cubby lays out get host='services'; what a definition says stays.
        const auto fresh =
            parseNetworkXml("<network><name>fresh</name><forward mode='nat'/></network>", fixedUuid,
                            NetworkCompleteness::SubnetChosenLater);
        QVERIFY(fresh);
        QCOMPARE(completeNetworkDefinition(*fresh, laptopOn("192.168.1.2/24"), {})->walls,
                 std::optional(NetworkWalls{HostAccess::Services, true}));
        QVERIFY(!completeNetworkDefinition(natNetwork(), laptopOn("192.168.1.2/24"), {})->walls);
        QVERIFY(!parseNetworkXml("<network xmlns:cubby='https://github.com/cubby1/xmlns/network/1'>"
                                 "<name>o</name><forward mode='open'/><ip address='10.0.0.1' "
                                 "prefix='24'/><cubby:walls host='services'/></network>",
                                 fixedUuid));
        // The host's subnets, without loopback and the network's own bridge.
        HostNetworkFacts host = laptopOn("192.168.1.2/24");
        host.addresses.push_back({"cubbybr3", *IpPrefix::parse("192.168.150.1/24", "")});
        QCOMPARE(hostLanSubnets(host, "cubbybr3"),
                 std::vector<IpPrefix>{*IpPrefix::parse("192.168.1.0/24", "")});
    }

    // Issue 12, item 6, per container: a container's walls reach its network's definition as
    // <cubby:containerwalls> by MAC, add to the network's own and never open them.
    void containerWallsAddToTheNetworks() {
        const Network plain = natNetwork("", "<forward mode='nat'/>");
        const MacAddress web = *MacAddress::parse("52:54:00:00:00:0a", "");
        const MacAddress cache = *MacAddress::parse("52:54:00:00:00:0b", "");
        const MacAddress macs[] = {web, cache};
        Network network = plain;
        const NetworkWalls strict{HostAccess::Services, false};
        QVERIFY(*reconcileContainerWalls(network, "app", macs, strict));
        QCOMPARE(network.containerWalls.size(), size_t(2));
        QVERIFY(!*reconcileContainerWalls(network, "app", macs, strict)); // nothing new
        const std::string xml = formatNetworkXml(network);
        EXPECT_LINE(xml, "<cubby:containerwalls container='app' mac='52:54:00:00:00:0a' "
                         "host='services' lan='no'/>");
        QCOMPARE(parseNetwork(xml), network);

        const IpPrefix lan[] = {*IpPrefix::parse("198.51.100.0/24", "")};
        const auto text = planNftRuleset(network, lan);
        QVERIFY2(text, text ? "" : text.error().message.c_str());
        const std::string from =
            "iifname \"cubbybr3\" ether saddr { 52:54:00:00:00:0a, 52:54:00:00:00:0b }";
        EXPECT_LINE(*text, "input " + from + " ct direction reply accept\n");
        EXPECT_LINE(*text, "forward " + from +
                               " oifname != \"cubbybr3\" ip daddr { 10.0.0.0/8, 172.16.0.0/12, "
                               "192.168.0.0/16, 100.64.0.0/10, 169.254.0.0/16, 198.51.100.0/24 } "
                               "ct direction reply accept\n");
        EXPECT_LINE(*text, "input " + from + " drop\n");
        EXPECT_LINE(*text, "forward " + from + " oifname != \"cubbybr3\" ip daddr { 10.0.0.0/8");
        // Before the containers' own traffic is accepted; DHCP and DNS before the wall.
        QVERIFY(text->find(from + " oifname") <
                text->find("iifname \"cubbybr3\" ip saddr 192.168.150.0/24 accept"));
        QVERIFY(text->find("iifname \"cubbybr3\" udp dport { 53, 67 } accept") <
                text->find("input " + from + " drop"));
        // The network's walls already hold the host: only the LAN wall is the containers'.
        Network hostWalled = network;
        hostWalled.walls = NetworkWalls{HostAccess::Services, true};
        const auto both = planNftRuleset(hostWalled, lan);
        EXPECT_NO_LINE(*both, "input " + from);
        EXPECT_LINE(*both, "forward " + from);
        // Walls that wall nothing are not kept; lan='no' alone is.
        Network relaxed = network;
        QVERIFY(*reconcileContainerWalls(relaxed, "app", macs, NetworkWalls{}));
        QVERIFY(relaxed.containerWalls.empty());
        QVERIFY(*reconcileContainerWalls(relaxed, "app", std::span(macs, 1),
                                         NetworkWalls{HostAccess::All, false}));
        QCOMPARE(relaxed.containerWalls.size(), size_t(1));
        EXPECT_NO_LINE(*planNftRuleset(relaxed, lan), "input iifname \"cubbybr3\" ether");
        // Another container's walls are not taken over by claiming its MAC.
        Network taken = network;
        const auto stolen = reconcileContainerWalls(taken, "thief", std::span(macs, 1), strict);
        QVERIFY(!stolen);
        QCOMPARE(stolen.error().kind, ErrorKind::Conflict);
        QVERIFY(*reconcileContainerWalls(taken, "thief", std::span(macs, 1), std::nullopt) ==
                false);
        QCOMPARE(taken, network);
        // Undefining (no MACs) drops the container's; another container's stay.
        const MacAddress others[] = {*MacAddress::parse("52:54:00:00:00:0c", "")};
        QVERIFY(*reconcileContainerWalls(network, "other", others, strict));
        QVERIFY(*reconcileContainerWalls(network, "app", {}, std::nullopt));
        QCOMPARE(network.containerWalls.size(), size_t(1));
        QCOMPARE(network.containerWalls[0].container, std::string("other"));

        // Networks that cannot wall say so, naming the container and the network.
        Network open = parseNetwork("<network><name>o</name><forward mode='open'/><bridge "
                                    "name='cubbybr4'/><ip address='10.0.0.1' prefix='24'/>"
                                    "</network>");
        const auto refused = reconcileContainerWalls(open, "app", macs, strict);
        QVERIFY(!refused);
        QVERIFY(contains(refused.error().message, "container app: network o is open"));
        QVERIFY(*reconcileContainerWalls(open, "app", macs, std::nullopt) == false);
        // Hand-written entries are checked like the rest.
        const std::string ns = "<network xmlns:cubby='https://github.com/cubby1/xmlns/network/1'>"
                               "<name>h</name><bridge name='cubbybr5'/><ip address='10.0.0.1' "
                               "prefix='24'/>";
        for (const char* bad : {
                 "<cubby:containerwalls container='a' mac='52:54:00:00:00:01'/><cubby:"
                 "containerwalls container='b' mac='52:54:00:00:00:01'/>", // one MAC twice
                 "<cubby:containerwalls container='../x' mac='52:54:00:00:00:01'/>",
                 "<cubby:containerwalls container='a' mac='01:00:5e:00:00:01'/>", // multicast
                 "<cubby:containerwalls container='a' mac='52:54:00:00:00:01' host='some'/>",
                 "<cubby:containerwalls container='a'/>",
             })
            QVERIFY2(!parseNetworkXml(ns + bad + "</network>", fixedUuid), bad);
        QVERIFY(!parseNetworkXml("<network xmlns:c='https://github.com/cubby1/xmlns/network/1'>"
                                 "<name>o</name><forward mode='open'/><ip address='10.0.0.1' "
                                 "prefix='24'/><c:containerwalls container='a' "
                                 "mac='52:54:00:00:00:01' lan='no'/></network>",
                                 fixedUuid));
    }

    // Issue 12, items 3 and 5: what the wizard offers for a host-LAN network, and the Wi-Fi
    // warning it gives before the user picks: the host's own bridges (not Cubby's), NICs,
    // bonds and VLANs that are nobody's port; uplinks first.
    void hostLanChoicesAreTheHostsOwnLinks() {
        const std::vector<HostLink> links = {
            {"lo", "", "", false, true, false},
            {"eth0", "", "br0", true, true, false}, // br0's port: offered as br0
            {"br0", "bridge", "", true, true, false},
            {"wlan0", "", "", true, true, true},
            {"wlp-br", "bridge", "", true, false, false},
            {"wlan1", "", "wlp-br", true, true, true}, // Wi-Fi under a bridge
            {"cubbybr0", "bridge", "", true, true, false},
            {"vethab12", "veth", "cubbybr0", true, true, false},
            {"bond0.7", "vlan", "", true, true, false},
            {"wg0", "wireguard", "", false, true, false},
            {"docker0", "bridge", "", true, false, false},
        };
        HostNetworkFacts host = laptopOn("192.168.1.2/24"); // default route via wlan0
        const Network cubbys[] = {natNetwork()};
        Network cubby0 = natNetwork();
        cubby0.bridge.name = "cubbybr0";
        const Network networks[] = {cubby0};
        const auto choices = hostLanChoices(links, host, networks);
        std::vector<std::string> names;
        for (const HostLanChoice& choice : choices)
            names.push_back(choice.name);
        QCOMPARE(names, (std::vector<std::string>{"wlan0", "bond0.7", "br0", "docker0", "wlp-br"}));
        QCOMPARE(choices[0], (HostLanChoice{"wlan0", false, true, true, true, true}));
        QCOMPARE(choices[2], (HostLanChoice{"br0", true, false, false, true, true}));
        QCOMPARE(choices[4], (HostLanChoice{"wlp-br", true, true, false, false, true}));
        // docker0 has no port here; a bridge of veths only leads to no LAN either.
        QCOMPARE(choices[3], (HostLanChoice{"docker0", true, false, false, false, false}));
        std::vector<HostLink> guests = links;
        guests.push_back({"vethguest", "veth", "docker0", true, true, false});
        QVERIFY(!hostLanChoices(guests, host, networks)[3].hasCard);
        // A Cubby network's bridge is offered once no network uses it any more.
        QVERIFY(std::ranges::none_of(hostLanChoices(links, host, networks),
                                     [](const auto& c) { return c.name == "cubbybr0"; }));
        QVERIFY(std::ranges::any_of(hostLanChoices(links, host, cubbys),
                                    [](const auto& c) { return c.name == "cubbybr0"; }));
    }

    // Issue 12, item 3: libvirt's host-bridge and macvtap networks. Containers on them get a
    // veth on the host's bridge or a macvlan on its NIC; Cubby sets up nothing else and
    // refuses by name what only a bridge of its own could honour.
    void hostLanNetworksPutContainersOnTheLan() {
        const Network bridged = parseNetwork("<network><name>home</name><forward mode='bridge'/>"
                                             "<bridge name='br0'/></network>");
        QVERIFY(bridged.joinsHostLan());
        QCOMPARE(parseNetwork(formatNetworkXml(bridged)), bridged);
        EXPECT_LINE(formatNetworkXml(bridged), "<bridge name='br0'/>");
        const Network private_ = parseNetwork(
            "<network><name>lan</name><forward mode='private'><interface dev='eno1'/><interface "
            "dev='eno2'/></forward></network>");
        QCOMPARE(private_.forward.devs, (std::vector<std::string>{"eno1", "eno2"}));
        QCOMPARE(parseNetwork(formatNetworkXml(private_)), private_);
        EXPECT_NO_LINE(formatNetworkXml(private_), "<bridge");
        // Nothing of Cubby's: no table, no dnsmasq, no bridge name chosen, no walls.
        QCOMPARE(*planNftRuleset(bridged), std::string());
        QVERIFY(!networkNeedsDnsmasq(bridged));
        const auto kept = completeNetworkDefinition(private_, laptopOn("192.168.1.2/24"), {});
        QVERIFY(kept && kept->bridge.name.empty() && !kept->walls && kept->ips.empty());
        // Containers: a veth on br0; a macvlan on the first NIC in the network's mode.
        const NetworkLookup lookup = [&](std::string_view name) -> const Network* {
            return name == "home" ? &bridged : name == "lan" ? &private_ : nullptr;
        };
        Domain domain;
        domain.name = "onlan";
        domain.uuid = fixedUuid();
        Interface home, lan;
        home.type = lan.type = InterfaceType::Network;
        home.source = "home";
        lan.source = "lan";
        domain.interfaces = {home, lan};
        const auto plan = planContainerNetwork(domain, lookup);
        QVERIFY2(plan, plan ? "" : plan.error().message.c_str());
        QCOMPARE(plan->interfaces[0].bridge, std::string("br0"));
        QCOMPARE(plan->interfaces[1].type, InterfaceType::Direct);
        QCOMPARE(plan->interfaces[1].lowerDev, std::string("eno1"));
        QCOMPARE(plan->interfaces[1].macvlanMode, MacvlanMode::Private);
        QVERIFY(plan->interfaces[1].hostDev.empty());
        QVERIFY(plan->resolvConf.empty());
        // Refused by name.
        const std::pair<const char*, const char*> bad[] = {
            {"<forward mode='bridge'/>", "needs the host's bridge"},
            {"<forward mode='bridge'><interface dev='eno1'/></forward><bridge name='br0'/>",
             "either <bridge name> or <interface dev>"},
            {"<forward mode='vepa'/><bridge name='br0'/>", "mode='vepa' puts macvlans"},
            {"<forward mode='bridge'/><bridge name='br0'/><ip address='10.0.0.1' prefix='24'/>",
             "/network/ip: the network puts containers on the host's LAN"},
            {"<forward mode='bridge'/><bridge name='br0'/><domain name='x.test'/>",
             "/network/domain"},
            {"<forward mode='passthrough'><interface dev='eno1'/><nat ipv6='yes'/></forward>",
             "unknown element <nat>"},
        };
        for (const auto& [extra, mentions] : bad) {
            const auto parsed = parseNetworkXml(
                std::string("<network><name>x</name>") + extra + "</network>", fixedUuid);
            QVERIFY2(!parsed, extra);
            QVERIFY2(parsed.error().message.find(mentions) != std::string::npos,
                     parsed.error().message.c_str());
        }
    }

    // Issue 12, item 2: several <ip> of a family on one bridge, as libvirt allows: each is
    // routed, masqueraded and held to in the bridge table; DHCP serves one per family.
    void severalSubnetsOfAFamily() {
        const Network two = natNetwork("<ip address='10.77.0.1' prefix='24'/><ip family='ipv6' "
                                       "address='fd42::1' prefix='64'/><ip family='ipv6' "
                                       "address='fd43::1' prefix='64'/>",
                                       "<forward><nat ipv6='yes'/></forward>");
        QCOMPARE(two.ipv4()->address.toString(), std::string("192.168.150.1/24"));
        const auto text = planNftRuleset(two);
        QVERIFY2(text, text ? "" : text.error().message.c_str());
        for (const char* subnet : {"192.168.150.0/24", "10.77.0.0/24"})
            EXPECT_LINE(*text, std::format("postrouting ip saddr {0} ip daddr != {0} oifname != "
                                           "\"cubbybr3\" masquerade\n",
                                           subnet));
        EXPECT_LINE(*text, "postrouting ip6 saddr fd43::/64 ip6 daddr != fd43::/64");
        EXPECT_LINE(*text, "ip saddr != { 192.168.150.0/24, 10.77.0.0/24, 0.0.0.0 } drop");
        EXPECT_LINE(*text, "ip6 saddr != { fe80::/10, ::, fd42::/64, fd43::/64 } drop");
        // A port forward to the second subnet.
        QVERIFY(parseNetworkXml(
            "<network xmlns:cubby='https://github.com/cubby1/xmlns/network/1'><name>p</name>"
            "<forward mode='nat'/><ip address='10.1.0.1' prefix='24'/><ip address='10.2.0.1' "
            "prefix='24'/><cubby:portforward protocol='tcp' hostport='80' address='10.2.0.5' "
            "port='80'/></network>",
            fixedUuid));
        const std::pair<const char*, const char*> bad[] = {
            {"<ip address='10.1.0.1' prefix='24'><dhcp><range start='10.1.0.2' end='10.1.0.9'/>"
             "</dhcp></ip><ip address='10.2.0.1' prefix='24'><dhcp><range start='10.2.0.2' "
             "end='10.2.0.9'/></dhcp></ip>",
             "only one IPv4 <ip> may have DHCP"},
            {"<ip address='10.1.0.1' prefix='16'/><ip address='10.1.7.1' prefix='24'/>",
             "overlaps ip[1]"},
        };
        for (const auto& [ips, mentions] : bad) {
            const auto parsed = parseNetworkXml(
                std::string("<network><name>x</name><forward mode='nat'/>") + ips + "</network>",
                fixedUuid);
            QVERIFY2(!parsed, ips);
            QVERIFY2(parsed.error().message.find(mentions) != std::string::npos,
                     parsed.error().message.c_str());
        }
    }

    void ipv6DefinitionsAreCheckedByName() {
        const std::pair<std::string, std::string> bad[] = {
            {"<ip family='ipv6' address='fd42::1' prefix='64'><dhcp><host mac='52:54:00:00:00:01' "
             "ip='fd42::5'/></dhcp></ip>",
             "ip[2]/dhcp/host[1]/@mac"},
            {"<ip family='ipv6' address='fd42::1' prefix='64'><dhcp><host id='zz:01' "
             "ip='fd42::5'/></dhcp></ip>",
             "ip[2]/dhcp/host[1]/@id"},
            {"<ip family='ipv6' address='fd42::1' prefix='80'/>", "needs a /64"},
            {"<ip family='ipv6' address='fd42::1' prefix='64'><dhcp><range start='fd43::2' "
             "end='fd43::9'/></dhcp></ip>",
             "outside the subnet"},
            {"<ip family='ipv6' address='fd42::1' prefix='64'/><cubby:portforward "
             "protocol='tcp' hostport='80' address='fd42::5' port='80'/>",
             "<nat ipv6='yes'/>"},
        };
        for (const auto& [extra, mentions] : bad) {
            const auto parsed = parseNetworkXml(
                "<network xmlns:cubby='https://github.com/cubby1/xmlns/network/1'><name>lab"
                "</name><forward mode='nat'/><bridge name='cubbybr3'/><ip address='192.168.150.1' "
                "prefix='24'/>" +
                    extra + "</network>",
                fixedUuid);
            QVERIFY2(!parsed, extra.c_str());
            QVERIFY2(parsed.error().message.find(mentions) != std::string::npos,
                     parsed.error().message.c_str());
        }
        // An IPv4 reservation by DUID, and <nat ipv6> on a routed network.
        Network v4Duid = natNetwork();
        v4Duid.ips[0].dhcpHosts[0].id = "00:01:02";
        QVERIFY(!validateNetwork(v4Duid));
        QVERIFY(!parseNetworkXml("<network><name>r</name><forward mode='route'><nat ipv6='yes'/>"
                                 "</forward><ip address='10.0.0.1' prefix='24'/></network>",
                                 fixedUuid));
        // Stateful DHCPv6 does not need a /64.
        QVERIFY(parseNetworkXml("<network><name>s</name><ip family='ipv6' address='fd42::1' "
                                "prefix='112'><dhcp><range start='fd42::10' end='fd42::20'/>"
                                "</dhcp></ip></network>",
                                fixedUuid));
    }

    void freeSubnetAvoidsHostAddressesRoutesAndNetworks() {
        // A home Wi-Fi on 192.168.150.0/23 and a VPN route covering 192.168.152.0/22.
        HostNetworkFacts host = laptopOn("192.168.150.20/23");
        host.routes.push_back({"tun0", *IpPrefix::parse("192.168.152.0/22", "")});
        const Network other = natNetwork(); // uses 192.168.150.0/24 too
        Network second = natNetwork();
        second.name = "second";
        second.ips[0].address = *IpPrefix::parse("192.168.156.1/24", "");
        const Network networks[] = {other, second};
        const auto chosen = chooseFreeSubnet(host, networks);
        QVERIFY2(chosen, chosen ? "" : chosen.error().message.c_str());
        QCOMPARE(chosen->toString(), std::string("192.168.157.1/24"));
        // The default route does not count; everything taken falls through to 10.150.x.
        HostNetworkFacts busy = laptopOn("192.168.0.5/16");
        QCOMPARE(chooseFreeSubnet(busy, {})->toString(), std::string("10.150.0.1/24"));
        busy.routes.push_back({"tun0", *IpPrefix::parse("10.0.0.0/8", "")});
        const auto none = chooseFreeSubnet(busy, {});
        QVERIFY(!none);
        QCOMPARE(none.error().kind, ErrorKind::Conflict);
    }

    void subnetConflictsNameTheirCause() {
        const Network network = natNetwork();
        QVERIFY(checkSubnetConflicts(network, laptopOn("192.168.1.20/24")));
        const auto clash = checkSubnetConflicts(network, laptopOn("192.168.150.77/24"));
        QVERIFY(!clash);
        QCOMPARE(clash.error().kind, ErrorKind::Conflict);
        EXPECT_LINE(clash.error().message, "address 192.168.150.77/24 on wlan0");
        // The network's own bridge (left from a crash) is no conflict.
        HostNetworkFacts stale = laptopOn("192.168.1.20/24");
        stale.addresses.push_back({"cubbybr3", *IpPrefix::parse("192.168.150.1/24", "")});
        stale.routes.push_back({"cubbybr3", *IpPrefix::parse("192.168.150.0/24", "")});
        QVERIFY(checkSubnetConflicts(network, stale));
        HostNetworkFacts routed = laptopOn("192.168.1.20/24");
        routed.routes.push_back({"tun0", *IpPrefix::parse("192.168.0.0/16", "")});
        const auto viaRoute = checkSubnetConflicts(network, routed);
        QVERIFY(!viaRoute);
        EXPECT_LINE(viaRoute.error().message, "route 192.168.0.0/16 via tun0");
    }

    void bridgeNamesSkipWhatExists() {
        HostNetworkFacts host = laptopOn("192.168.1.20/24");
        host.links.push_back("cubbybr0");
        Network other = natNetwork();
        other.bridge.name = "cubbybr1";
        const Network networks[] = {other};
        QCOMPARE(chooseBridgeName(host, networks), std::string("cubbybr2"));
    }

    void definitionsGetABridgeAndASubnet() {
        // What the helper's DefineNetwork fills in, parsed the way it parses a request.
        const auto parsed =
            parseNetworkXml("<network><name>fresh</name><forward mode='nat'/></network>", fixedUuid,
                            NetworkCompleteness::SubnetChosenLater);
        QVERIFY2(parsed, parsed ? "" : parsed.error().message.c_str());
        QVERIFY(!parseNetworkXml("<network><name>fresh</name><forward mode='nat'/></network>",
                                 fixedUuid));
        HostNetworkFacts host = laptopOn("192.168.150.20/24");
        host.links.push_back("cubbybr0");
        const Network others[] = {natNetwork()}; // 192.168.150.0/24 too
        const auto completed = completeNetworkDefinition(*parsed, host, others);
        QVERIFY2(completed, completed ? "" : completed.error().message.c_str());
        QCOMPARE(completed->bridge.name, std::string("cubbybr1"));
        const NetworkIp* v4 = completed->ipv4();
        QVERIFY(v4);
        QCOMPARE(v4->address.toString(), std::string("192.168.151.1/24"));
        QVERIFY(v4->hasDhcp);
        QCOMPARE(v4->dhcpRanges.size(), size_t{1});
        QCOMPARE(v4->dhcpRanges[0].start.toString(), std::string("192.168.151.2"));
        QCOMPARE(v4->dhcpRanges[0].end.toString(), std::string("192.168.151.254"));
        QVERIFY(validateNetwork(*completed));
        // Given values stay; isolated networks may run without an address.
        Network isolated = *parsed;
        isolated.forward.mode = ForwardMode::None;
        isolated.bridge.name = "mybr";
        const auto kept = completeNetworkDefinition(isolated, host, others);
        QVERIFY(kept);
        QCOMPARE(kept->bridge.name, std::string("mybr"));
        QVERIFY(kept->ips.empty());
        QCOMPARE(completeNetworkDefinition(natNetwork(), host, {})->ips, natNetwork().ips);
    }

    void macsAreStableLocalUnicastAndDistinct() {
        const Uuid a = fixedUuid();
        const Uuid b = *Uuid::parse("11111111-2222-4333-8444-555555555555", "");
        QCOMPARE(stableMac(a, 0), stableMac(a, 0));
        QVERIFY(stableMac(a, 0) != stableMac(a, 1));
        QVERIFY(stableMac(a, 0) != stableMac(b, 0));
        const MacAddress mac = stableMac(a, 0);
        QCOMPARE(mac.toString().substr(0, 9), std::string("52:54:00:"));
        QVERIFY(MacAddress::parse(mac.toString(), "")); // unicast, not all-zero
    }

    void hostInterfaceNamesFitAndDoNotCollide() {
        QCOMPARE(hostInterfaceName("web", 0), std::string("cb-web-0"));
        QCOMPARE(hostInterfaceName("webserver", 1), std::string("cb-webserver-1"));
        std::set<std::string> seen;
        const char* names[] = {"a",
                               "a-1",
                               "web-frontend-1",
                               "web-frontend-2",
                               "web-frontend-10",
                               "a-very-long-container-name.example",
                               "a-very-long-container-name.example2",
                               "webs"};
        for (const char* name : names) {
            for (size_t index = 0; index < 12; ++index) {
                const std::string dev = hostInterfaceName(name, index);
                QVERIFY2(dev.size() <= 15, dev.c_str());
                QVERIFY2(seen.insert(dev).second, dev.c_str());
                QCOMPARE(hostInterfaceName(name, index), dev);
            }
        }
        QVERIFY(hostInterfaceName("web-frontend-10", 0).starts_with("cbweb-"));
    }

    void reservationAddressIsFreeAndStable() {
        const Network network = natNetwork("<cubby:portforward protocol='tcp' hostport='8080' "
                                           "address='192.168.150.101' port='80'/>");
        const MacAddress mine = *MacAddress::parse("52:54:00:00:00:77", "");
        const MacAddress other = *MacAddress::parse("52:54:00:00:00:78", "");
        const auto ip = [](const char* text) { return *IpAddress::parse(text, ""); };
        // The lowest free address of the range; a port forward's target counts as taken.
        QCOMPARE(chooseReservationAddress(network, mine, {}), ip("192.168.150.100"));
        std::vector<AddressInUse> inUse{{other, ip("192.168.150.100")},
                                        {std::nullopt, ip("192.168.150.102")}};
        QCOMPARE(chooseReservationAddress(network, mine, inUse), ip("192.168.150.103"));
        // The address the MAC leases already is kept, when it is in the range and free.
        inUse.push_back({mine, ip("192.168.150.150")});
        QCOMPARE(chooseReservationAddress(network, mine, inUse), ip("192.168.150.150"));
        // Not when it is another reservation's, or outside the range.
        const std::vector<AddressInUse> reservedLease{{mine, ip("192.168.150.10")}};
        QCOMPARE(chooseReservationAddress(network, mine, reservedLease), ip("192.168.150.100"));
        const std::vector<AddressInUse> outside{{mine, ip("192.168.150.20")}};
        QCOMPARE(chooseReservationAddress(network, mine, outside), ip("192.168.150.100"));
        // A full range has nothing to give.
        Network tiny = natNetwork();
        tiny.ips[0].dhcpRanges = {{ip("192.168.150.100"), ip("192.168.150.101"), std::nullopt}};
        const std::vector<AddressInUse> full{{other, ip("192.168.150.100")},
                                             {std::nullopt, ip("192.168.150.101")}};
        QVERIFY(!chooseReservationAddress(tiny, mine, full));
        auto refused = reconcileReservations(tiny, "app", std::vector{mine}, {}, full);
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind, ErrorKind::Conflict);
    }

    void reservationsFollowTheContainer() {
        Network network = natNetwork();
        const MacAddress first = *MacAddress::parse("52:54:00:00:00:77", "");
        const MacAddress second = *MacAddress::parse("52:54:00:00:00:78", "");
        const std::vector<MacAddress> both{first, second};
        auto changed = reconcileReservations(network, "app", both, {}, {});
        QVERIFY2(changed, changed ? "" : changed.error().message.c_str());
        QVERIFY(*changed);
        // Names are unique per network: the second interface's reservation has none.
        const auto& hosts = network.ips[0].dhcpHosts;
        QCOMPARE(hosts.size(), size_t{4});
        QCOMPARE(
            hosts[2],
            (DhcpHost{first, "app", *IpAddress::parse("192.168.150.100", ""), std::nullopt, {}}));
        QCOMPARE(
            hosts[3],
            (DhcpHost{second, "", *IpAddress::parse("192.168.150.101", ""), std::nullopt, {}}));
        QVERIFY(validateNetwork(network));
        // Again: nothing to do.
        QVERIFY(!*reconcileReservations(network, "app", both, both, {}));
        // Redefined with only the second interface: the first one's reservation goes.
        QVERIFY(*reconcileReservations(network, "app", std::vector{second}, both, {}));
        QCOMPARE(network.ips[0].dhcpHosts.size(), size_t{3});
        QCOMPARE(network.ips[0].dhcpHosts[2].mac, std::optional(second));
        // Undefined: the nameless one is recognised by the previous definition's MAC.
        QVERIFY(*reconcileReservations(network, "app", {}, std::vector{second}, {}));
        QCOMPARE(network.ips[0].dhcpHosts, natNetwork().ips[0].dhcpHosts);
        // Hand-written reservations are kept: one for the MAC (another name), or one for the
        // container's name without a MAC (planContainerNetwork uses it).
        const MacAddress web = *MacAddress::parse("52:54:00:00:00:0a", "");
        QVERIFY(!*reconcileReservations(network, "web2", std::vector{web}, {}, {}));
        QVERIFY(!*reconcileReservations(network, "db", std::vector{first}, {}, {}));
        // A network without DHCP ranges gets none.
        Network reservationsOnly = natNetwork();
        reservationsOnly.ips[0].dhcpRanges.clear();
        QVERIFY(!*reconcileReservations(reservationsOnly, "app", both, {}, {}));
    }

    void generatedMacsAreStoredAndWantReservations() {
        Domain domain;
        domain.name = "app";
        domain.uuid = fixedUuid();
        Interface plain;
        plain.source = "lab";
        Interface fixed = plain;
        fixed.ips.push_back({*IpAddress::parse("192.168.150.5", ""), 24});
        Interface bridged;
        bridged.type = InterfaceType::Bridge;
        bridged.source = "br0";
        domain.interfaces = {plain, fixed, bridged};
        const auto wanted = reservationMacs(domain);
        QCOMPARE(wanted.size(), size_t{1});
        QCOMPARE(wanted.at("lab"), std::vector{stableMac(domain.uuid, 0)});
        QVERIFY(assignInterfaceMacs(domain));
        QCOMPARE(domain.interfaces[0].mac, std::optional(stableMac(domain.uuid, 0)));
        QCOMPARE(domain.interfaces[1].mac, std::optional(stableMac(domain.uuid, 1)));
        QVERIFY(!domain.interfaces[2].mac); // a host bridge's DHCP is not Cubby's
        QVERIFY(!assignInterfaceMacs(domain));
        QCOMPARE(reservationMacs(domain), wanted);
    }

    void containerInterfacesTakeReservationsOrTheirOwnAddresses() {
        const Network network = natNetwork();
        const auto lookup = [&](std::string_view name) -> const Network* {
            return name == "lab" ? &network : nullptr;
        };
        Domain domain;
        domain.name = "db";
        domain.uuid = fixedUuid();
        Interface byName;
        byName.source = "lab";
        Interface byMac;
        byMac.source = "lab";
        byMac.mac = *MacAddress::parse("52:54:00:00:00:0a", "");
        byMac.guestDev = "lan";
        Interface bridged;
        bridged.type = InterfaceType::Bridge;
        bridged.source = "br0";
        bridged.targetDev = "vethmine";
        bridged.ips.push_back({*IpAddress::parse("198.51.100.50", ""), 24});
        bridged.routes.push_back(
            {*IpPrefix::parse("203.0.113.0/24", ""), *IpAddress::parse("198.51.100.1", "")});
        Interface direct;
        direct.type = InterfaceType::Direct;
        direct.source = "eno1";
        direct.macvlanMode = MacvlanMode::Vepa;
        domain.interfaces = {byName, byMac, bridged, direct};
        const auto plan = planContainerNetwork(domain, lookup);
        QVERIFY2(plan, plan ? "" : plan.error().message.c_str());
        QCOMPARE(plan->interfaces.size(), size_t{4});
        const InterfacePlan& first = plan->interfaces[0];
        QCOMPARE(first.guestDev, std::string("eth0"));
        QCOMPARE(first.hostDev, std::string("cb-db-0"));
        QCOMPARE(first.bridge, std::string("cubbybr3"));
        QCOMPARE(first.mac, stableMac(domain.uuid, 0));
        QCOMPARE(first.addresses.size(), size_t{1});
        QCOMPARE(first.addresses[0].toString(), std::string("192.168.150.11/24"));
        QCOMPARE(first.routes.size(), size_t{1});
        QCOMPARE(first.routes[0].destination.toString(), std::string("0.0.0.0/0"));
        QCOMPARE(first.routes[0].gateway.toString(), std::string("192.168.150.1"));
        const InterfacePlan& second = plan->interfaces[1];
        QCOMPARE(second.guestDev, std::string("lan"));
        QCOMPARE(second.addresses[0].toString(), std::string("192.168.150.10/24"));
        const InterfacePlan& third = plan->interfaces[2];
        QCOMPARE(third.hostDev, std::string("vethmine"));
        QCOMPARE(third.bridge, std::string("br0"));
        QCOMPARE(third.addresses[0].toString(), std::string("198.51.100.50/24"));
        QCOMPARE(third.routes[0].destination.toString(), std::string("203.0.113.0/24"));
        const InterfacePlan& fourth = plan->interfaces[3];
        QCOMPARE(fourth.lowerDev, std::string("eno1"));
        QVERIFY(fourth.hostDev.empty());
        QCOMPARE(fourth.macvlanMode, MacvlanMode::Vepa);
        QVERIFY(fourth.addresses.empty());
        QCOMPARE(plan->resolvConf,
                 std::string("# Written by Cubby from the container's networks.\nsearch "
                             "lab.test\nnameserver 192.168.150.1\n"));
        // No reservation and no <ip>: left to DHCP, no resolv.conf.
        domain.name = "stranger";
        domain.interfaces = {byName};
        const auto dynamic = planContainerNetwork(domain, lookup);
        QVERIFY(dynamic);
        QVERIFY(dynamic->interfaces[0].addresses.empty());
        QVERIFY(dynamic->resolvConf.empty());
        byName.source = "missing";
        domain.interfaces = {byName};
        const auto missing = planContainerNetwork(domain, lookup);
        QVERIFY(!missing);
        QCOMPARE(missing.error().kind, ErrorKind::NotFound);
    }

    void jsonReaderIsStrict() {
        const auto value = parseJson(R"({"a": [1, -2.5e1, true, false, null, "x\u00e9\n"],
                                          "b": {"c": "d"}})");
        QVERIFY2(value, value ? "" : value.error().message.c_str());
        QCOMPARE(value->member("a")->array.size(), size_t{6});
        QCOMPARE(value->member("a")->array[1].number, -25.0);
        QVERIFY(value->member("a")->array[2].boolean);
        QVERIFY(!value->member("a")->array[3].boolean);
        QCOMPARE(value->member("a")->array[5].string, std::string("x\xc3\xa9\n"));
        QCOMPARE(value->member("b")->text("c"), std::string_view("d"));
        QVERIFY(value->member("nothing") == nullptr);
        for (const char* bad :
             {"", "{", "[1,]", "{\"a\" 1}", "\"\x01\"", "[1] x", "tru", "\"\\q\""})
            QVERIFY2(!parseJson(bad), bad);
        QVERIFY(!parseJson(std::string(100, '[') + std::string(100, ']')));
    }

    void firewallAnalysisFindsDropPoliciesAndOurRules() {
        const auto report = analyzeFirewall(dockerRuleset, "lab");
        QVERIFY2(report, report ? "" : report.error().message.c_str());
        // Docker's FORWARD (policy drop), firewalld's forward chain (ends in reject) and
        // ip6tables' FORWARD; not our own table, not a chain whose last rule drops only some
        // traffic.
        QCOMPARE(report->blocking.size(), size_t{3});
        QCOMPARE(report->blocking[0], (BlockingChain{"ip", "filter", "FORWARD", "forward", true}));
        QCOMPARE(report->blocking[1],
                 (BlockingChain{"inet", "firewalld", "filter_FORWARD", "forward", false}));
        QCOMPARE(report->blocking[2], (BlockingChain{"ip6", "filter", "FORWARD", "forward", true}));
        QCOMPARE(report->managers, (std::vector<FirewallManager>{FirewallManager::Docker,
                                                                 FirewallManager::Firewalld}));
        QCOMPARE(report->ourRules.size(), size_t{1});
        QCOMPARE(report->ourRules[0], (OurRule{"ip", "filter", "FORWARD", 12}));
        QCOMPARE(planFirewallClosings(*report),
                 std::string("delete rule ip filter FORWARD handle 12\n"));
        const std::string openings = planFirewallOpenings(*report, natNetwork());
        EXPECT_LINE(openings, "insert rule ip filter FORWARD iifname \"cubbybr3\" ip saddr "
                              "192.168.150.0/24 counter accept comment \"cubby:lab\"\n");
        EXPECT_LINE(openings, "insert rule ip filter FORWARD oifname \"cubbybr3\" ip daddr "
                              "192.168.150.0/24 counter accept comment \"cubby:lab\"\n");
        EXPECT_LINE(openings, "insert rule inet firewalld filter_FORWARD iifname \"cubbybr3\"");
        // An IPv4-only network opens nothing in an ip6 chain; a dual-stack one opens its /64
        // there and in the inet chain, and never its IPv4 subnet in the ip6 chain.
        EXPECT_NO_LINE(openings, "ip6 filter");
        const std::string dual = planFirewallOpenings(
            *report,
            natNetwork("<ip family='ipv6' address='fd42::1' prefix='64'/>", "<forward><nat "
                                                                            "ipv6='yes'/>"
                                                                            "</forward>"));
        EXPECT_LINE(dual, "insert rule ip6 filter FORWARD iifname \"cubbybr3\" ip6 saddr "
                          "fd42::/64 counter accept");
        EXPECT_LINE(dual, "insert rule ip6 filter FORWARD oifname \"cubbybr3\" ip6 daddr "
                          "fd42::/64 counter accept");
        EXPECT_LINE(dual, "insert rule inet firewalld filter_FORWARD iifname \"cubbybr3\" ip6 "
                          "saddr fd42::/64");
        EXPECT_NO_LINE(dual, "ip6 filter FORWARD iifname \"cubbybr3\" ip saddr");
        EXPECT_NO_LINE(dual, "ip filter FORWARD iifname \"cubbybr3\" ip6");
        const auto words = describeFirewall(*report, natNetwork());
        QCOMPARE(words.size(), size_t{4});
        EXPECT_LINE(words[0], "policy drop");
        EXPECT_LINE(words[3], "firewall-cmd --permanent --zone=trusted --add-interface=cubbybr3");
        // An input chain that drops: DHCP and DNS are let in.
        std::string input = dockerRuleset;
        const std::string accepting = R"("hook": "input", "prio": 0, "policy": "accept")";
        input.replace(input.find(accepting), accepting.size(),
                      R"("hook": "input", "prio": 0, "policy": "drop")");
        const auto withInput = analyzeFirewall(input, "lab");
        QVERIFY2(withInput, withInput ? "" : withInput.error().message.c_str());
        QCOMPARE(withInput->blocking.size(), size_t{4});
        const std::string inputOpenings = planFirewallOpenings(*withInput, natNetwork());
        EXPECT_LINE(inputOpenings, "insert rule ip filter INPUT iifname \"cubbybr3\" udp dport { "
                                   "53, 67 } counter accept");
        EXPECT_NO_LINE(inputOpenings, "icmpv6");
        // With IPv6, DHCPv6 and neighbour discovery too, but never in an ip chain.
        const std::string inputDual = planFirewallOpenings(
            *withInput, natNetwork("<ip family='ipv6' address='fd42::1' prefix='64'/>"));
        EXPECT_NO_LINE(inputDual, "ip filter INPUT iifname \"cubbybr3\" icmpv6");
        EXPECT_NO_LINE(inputDual, "ip filter INPUT iifname \"cubbybr3\" udp dport 547");
        // An empty ruleset needs nothing.
        const auto empty =
            analyzeFirewall(R"({"nftables": [{"metainfo": {"json_schema_version": 1}}]})", "lab");
        QVERIFY(empty && empty->blocking.empty() && empty->managers.empty());
        QCOMPARE(planFirewallOpenings(*empty, natNetwork()), std::string());
        QVERIFY(!analyzeFirewall("{}", "lab"));
    }
};

QTEST_APPLESS_MAIN(TestNetworkPlan)
#include "test_network_plan.moc"
