// <network> in and out: libvirt's default network, every element, port forwards (Cubby's
// extension), and what must be refused before anything is changed.
#include "network_xml.h"

#include <QTest>

using namespace cubby;

namespace {

Uuid fixedUuid() {
    return *Uuid::parse("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee", "test");
}

Result<Network> parse(const std::string& xml) {
    return parseNetworkXml(xml, fixedUuid);
}

std::string natNetwork(const std::string& name, const std::string& subnet3,
                       const std::string& extra = "", const std::string& root = "<network>") {
    return root + "<name>" + name + "</name><forward mode='nat'/><ip address='" + subnet3 +
           ".1' netmask='255.255.255.0'><dhcp><range start='" + subnet3 + ".2' end='" + subnet3 +
           ".254'/></dhcp></ip>" + extra + "</network>";
}

void expectError(const std::string& xml, const std::string& mentions) {
    const auto network = parse(xml);
    QVERIFY2(!network, ("accepted: " + xml).c_str());
    QVERIFY2(network.error().message.find(mentions) != std::string::npos,
             ("message '" + network.error().message + "' lacks '" + mentions + "'").c_str());
}

void expectStableRoundTrip(const Network& network) {
    const std::string first = formatNetworkXml(network);
    const auto reparsed = parse(first);
    QVERIFY2(reparsed, reparsed ? "" : (reparsed.error().message + "\n" + first).c_str());
    QCOMPARE(*reparsed == network, true);
    QCOMPARE(formatNetworkXml(*reparsed), first);
}

} // namespace

class TestNetworkXml : public QObject {
    Q_OBJECT
private slots:
    void libvirtDefaultNetwork() {
        // As libvirt ships it in /usr/share/libvirt/networks/default.xml.
        const auto network = parse(R"(<network>
  <name>default</name>
  <bridge name='virbr0'/>
  <forward/>
  <ip address='192.168.122.1' netmask='255.255.255.0'>
    <dhcp>
      <range start='192.168.122.2' end='192.168.122.254'/>
    </dhcp>
  </ip>
</network>)");
        QVERIFY2(network, network ? "" : network.error().message.c_str());
        QCOMPARE(network->name, std::string("default"));
        QCOMPARE(network->uuid, fixedUuid());
        QCOMPARE(network->forward.mode, ForwardMode::Nat); // <forward/> means NAT
        QCOMPARE(network->bridge.name, std::string("virbr0"));
        QVERIFY(network->bridge.stp);
        QCOMPARE(network->ips.size(), size_t{1});
        QCOMPARE(network->ips[0].address.toString(), std::string("192.168.122.1/24"));
        QCOMPARE(network->ips[0].dhcpRanges.size(), size_t{1});
        QCOMPARE(network->ipv4(), &network->ips[0]);
        expectStableRoundTrip(*network);
    }

    void everyElementRoundTrips() {
        const auto network = parse(
            R"(<network connections='2' xmlns:cubby='https://github.com/cubby1/xmlns/network/1'>
  <name>lab</name>
  <uuid>8369f1ac-7e46-e869-4ca5-759d51478066</uuid>
  <forward mode='nat' dev='wlan0'>
    <nat><port start='20000' end='30000'/></nat>
  </forward>
  <bridge name='cubbybr1' stp='off' delay='2'/>
  <mac address='52:54:00:12:34:56'/>
  <domain name='lab.internal' localOnly='yes'/>
  <dns>
    <forwarder addr='192.0.2.53'/>
    <host ip='10.9.8.50'><hostname>db</hostname><hostname>db.lab.internal</hostname></host>
  </dns>
  <ip address='10.9.8.1' prefix='24'>
    <dhcp>
      <range start='10.9.8.100' end='10.9.8.199'/>
      <range start='10.9.8.210' end='10.9.8.220'/>
      <host mac='52:54:00:00:00:10' name='web' ip='10.9.8.10'/>
      <host name='db' ip='10.9.8.11'/>
    </dhcp>
  </ip>
  <ip family='ipv6' address='fd00:9:8::1' prefix='64'/>
  <cubby:portforward protocol='tcp' hostport='8080' address='10.9.8.10' port='80'/>
  <cubby:portforward protocol='udp' hostport='5353' address='10.9.8.11'/>
</network>)");
        QVERIFY2(network, network ? "" : network.error().message.c_str());
        const Network& n = *network;
        QCOMPARE(n.forward.mode, ForwardMode::Nat);
        QCOMPARE(n.forward.dev, std::string("wlan0"));
        QCOMPARE(n.forward.natPorts->start, uint16_t{20000});
        QCOMPARE(n.forward.natPorts->end, uint16_t{30000});
        QVERIFY(!n.bridge.stp);
        QCOMPARE(n.bridge.delay, 2u);
        QCOMPARE(n.mac->toString(), std::string("52:54:00:12:34:56"));
        QCOMPARE(n.domain->name, std::string("lab.internal"));
        QVERIFY(n.domain->localOnly);
        QCOMPARE(n.dns.forwarders[0].toString(), std::string("192.0.2.53"));
        QCOMPARE(n.dns.hosts[0].hostnames.size(), size_t{2});
        QCOMPARE(n.ips.size(), size_t{2});
        QCOMPARE(n.ips[0].dhcpRanges.size(), size_t{2});
        QCOMPARE(n.ips[0].dhcpHosts.size(), size_t{2});
        QCOMPARE(n.ips[0].dhcpHosts[0].mac->toString(), std::string("52:54:00:00:00:10"));
        QVERIFY(!n.ips[0].dhcpHosts[1].mac);
        QCOMPARE(n.ips[1].address.address.family, IpFamily::V6);
        QCOMPARE(n.portForwards.size(), size_t{2});
        QCOMPARE(n.portForwards[0].hostPort, uint16_t{8080});
        QCOMPARE(n.portForwards[0].port, uint16_t{80});
        QCOMPARE(n.portForwards[1].protocol, Protocol::Udp);
        QCOMPARE(n.portForwards[1].port, uint16_t{5353}); // defaults to the host port
        expectStableRoundTrip(n);
    }

    void extensionPrefixIsTheUsersChoice() {
        const auto network = parse(natNetwork(
            "pf", "10.5.5", "<x:portforward hostport='2222' address='10.5.5.9' port='22'/>",
            "<network xmlns:x='https://github.com/cubby1/xmlns/network/1'>"));
        QVERIFY2(network, network ? "" : network.error().message.c_str());
        QCOMPARE(network->portForwards.size(), size_t{1});
        QVERIFY(formatNetworkXml(*network).find("<cubby:portforward") != std::string::npos);
        // An extension element under any other prefix — Cubby's namespace declared twice, or
        // "cubby" bound elsewhere, or nothing declared — is refused: kept verbatim, it would
        // turn into a port forward once written back under Cubby's own prefix (fuzz finding).
        const std::string forward = "<cubby:portforward hostport='53' address='10.5.5.9'/>";
        for (const std::string& declared :
             {std::string("<network xmlns:x='https://github.com/cubby1/xmlns/network/1' "
                          "xmlns:cubby='https://github.com/cubby1/xmlns/network/1'>"),
              std::string("<network xmlns:x='https://github.com/cubby1/xmlns/network/1' "
                          "xmlns:cubby='urn:other'>"),
              std::string("<network>")})
            expectError(natNetwork("pf", "10.5.5", forward, declared),
                        "/network/cubby:portforward: the prefix is not the one declared");
    }

    void isolatedAndRoutedModes() {
        const auto isolated = parse("<network><name>iso</name><ip address='10.1.1.1' prefix='24'/>"
                                    "</network>");
        QVERIFY(isolated);
        QCOMPARE(isolated->forward.mode, ForwardMode::None);
        expectStableRoundTrip(*isolated);
        const auto routed = parse("<network><name>r</name><forward mode='route'/><ip "
                                  "address='10.1.2.1' prefix='24'/></network>");
        QVERIFY(routed);
        QCOMPARE(routed->forward.mode, ForwardMode::Route);
        const auto open = parse("<network><name>o</name><forward mode='open'/><ip "
                                "address='10.1.3.1' prefix='24'/></network>");
        QVERIFY(open);
        QCOMPARE(open->forward.mode, ForwardMode::Open);
        const auto dnsOff = parse("<network><name>d</name><dns enable='no'/></network>");
        QVERIFY(dnsOff);
        QVERIFY(!dnsOff->dns.enabled);
        expectStableRoundTrip(*dnsOff);
    }

    // Stored definitions keep what they kept (an earlier version's, say); a new definition
    // may keep only <metadata>, <title> and <description>, and anything else unknown is
    // refused by name, with why for libvirt's own.
    void unknownElementsAreKeptOnlyWhereHarmless() {
        const auto stored = parse(natNetwork("k", "10.6.6",
                                             "<bandwidth><inbound average='1'/>"
                                             "</bandwidth><metadata><x:y "
                                             "xmlns:x='urn:x'/></metadata>"));
        QVERIFY2(stored, stored ? "" : stored.error().message.c_str());
        QCOMPARE(networkWarnings(*stored).size(), size_t{2});
        QVERIFY(formatNetworkXml(*stored).find("<bandwidth>") != std::string::npos);
        expectStableRoundTrip(*stored);
        const auto refused = refuseUnsupportedNetworkElements(*stored);
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.find("/network/bandwidth: quality of service") !=
                     std::string::npos,
                 refused.error().message.c_str());
        const auto harmless = parse(natNetwork("k", "10.6.6",
                                               "<title>Lab</title><metadata><x:y "
                                               "xmlns:x='urn:x'/></metadata>"));
        QVERIFY(harmless && refuseUnsupportedNetworkElements(*harmless));
        for (const auto& [element, mentions] : std::vector<std::pair<std::string, std::string>>{
                 {"<portgroup name='a'/>", "/network/portgroup"},
                 {"<dnsmasq:options xmlns:dnsmasq='http://libvirt.org/schemas/network/dnsmasq/1.0'>"
                  "<dnsmasq:option value='dhcp-script=/tmp/x'/></dnsmasq:options>",
                  "never handed to the root's dnsmasq"},
                 {"<frobnicate/>", "/network/frobnicate: Cubby does not know"}}) {
            const auto network = parse(natNetwork("k", "10.6.6", element));
            QVERIFY2(network, network ? "" : network.error().message.c_str());
            const auto supported = refuseUnsupportedNetworkElements(*network);
            QVERIFY2(!supported, element.c_str());
            QVERIFY2(supported.error().message.find(mentions) != std::string::npos,
                     supported.error().message.c_str());
        }
    }

    // Issue 12, item 2: libvirt's network elements as people write them, each read, written
    // back the same and (network_plan tests) applied.
    void libvirtElementsRoundTrip() {
        const auto network = parse(R"(<network>
  <name>full</name>
  <forward mode='nat'><nat ipv6='yes'/><interface dev='eth0'/></forward>
  <bridge name='virbr9' stp='on' delay='0' macTableManager='kernel'/>
  <mtu size='9000'/>
  <domain name='lab.test' localOnly='yes'/>
  <dns>
    <forwarder addr='192.0.2.53'/>
    <forwarder domain='corp.example' addr='10.0.0.53'/>
    <forwarder domain='home.arpa'/>
    <txt name='lab.test' value='v=spf1 a -all'/>
    <host ip='192.168.150.5'><hostname>nas</hostname></host>
    <srv service='ldap' protocol='tcp' domain='lab.test' target='nas.lab.test' port='389'
         priority='10' weight='5'/>
    <srv service='kerberos' protocol='udp'/>
  </dns>
  <ip address='192.168.150.1' netmask='255.255.255.0'>
    <dhcp>
      <range start='192.168.150.100' end='192.168.150.199'><lease expiry='2' unit='hours'/></range>
      <host mac='52:54:00:00:00:0a' name='web' ip='192.168.150.10'><lease expiry='0'/></host>
    </dhcp>
  </ip>
  <ip family='ipv6' address='fd42:150::1' prefix='64'>
    <dhcp>
      <range start='fd42:150::100' end='fd42:150::1ff'><lease expiry='4' unit='hours'/></range>
      <host id='00:01:00:01:2a:3b:4c:5d:52:54:00:00:00:0a' name='web' ip='fd42:150::10'/>
      <host name='nas' ip='fd42:150::5'/>
    </dhcp>
  </ip>
  <route address='192.168.222.0' prefix='24' gateway='192.168.150.2'/>
</network>)");
        QVERIFY2(network, network ? "" : network.error().message.c_str());
        QCOMPARE(network->forward.dev, std::string("eth0"));
        QCOMPARE(network->mtu, std::optional<uint32_t>(9000));
        QCOMPARE(network->dns.forwarders.size(), size_t{1});
        QCOMPARE(network->dns.domainForwarders.size(), size_t{2});
        QCOMPARE(network->dns.domainForwarders[0].domain, std::string("corp.example"));
        QVERIFY(!network->dns.domainForwarders[1].address);
        QCOMPARE(network->dns.txts[0].value, std::string("v=spf1 a -all"));
        QCOMPARE(network->dns.srvs.size(), size_t{2});
        QCOMPARE(network->dns.srvs[0].port, uint16_t{389});
        QCOMPARE(network->ips[0].dhcpRanges[0].lease->seconds(), uint64_t{7200});
        QCOMPARE(network->ips[0].dhcpHosts[0].lease->expiry, uint64_t{0});
        QVERIFY(network->forward.natIpv6);
        QCOMPARE(network->ipv6()->dhcpHosts[0].id,
                 std::string("00:01:00:01:2a:3b:4c:5d:52:54:00:00:00:0a"));
        QCOMPARE(network->ipv6()->dhcpRanges[0].lease->seconds(), uint64_t{14400});
        QVERIFY(formatNetworkXml(*network).find("<nat ipv6='yes'") != std::string::npos);
        QCOMPARE(network->routes.size(), size_t{1});
        QCOMPARE(network->routes[0].destination.toString(), std::string("192.168.222.0/24"));
        QVERIFY(refuseUnsupportedNetworkElements(*network));
        QVERIFY(networkWarnings(*network).empty());
        QVERIFY(!network->bridge.staticMacTable);
        expectStableRoundTrip(*network);
        const auto managed = parse("<network><name>m</name><bridge name='virbr8' "
                                   "macTableManager='libvirt'/></network>");
        QVERIFY2(managed, managed ? "" : managed.error().message.c_str());
        QVERIFY(managed->bridge.staticMacTable);
        QVERIFY(formatNetworkXml(*managed).find("macTableManager='libvirt'") != std::string::npos);
        expectStableRoundTrip(*managed);
    }

    // Several <ip> of a family, only one with DHCP, as libvirt allows.
    void severalSubnetsRoundTrip() {
        const auto network = parse("<network><name>two</name><forward mode='nat'/><ip "
                                   "address='10.1.0.1' prefix='24'/><ip address='10.2.0.1' "
                                   "prefix='24'><dhcp><range start='10.2.0.10' end='10.2.0.20'/>"
                                   "</dhcp></ip></network>");
        QVERIFY2(network, network ? "" : network.error().message.c_str());
        QCOMPARE(network->ips.size(), size_t{2});
        QCOMPARE(network->ipv4()->address.toString(), std::string("10.2.0.1/24"));
        expectStableRoundTrip(*network);
    }

    // An IPv4 <ip> without netmask or prefix takes its class's subnet, as libvirt does.
    void classfulDefaults() {
        for (const auto& [address, prefix] : std::vector<std::pair<std::string, unsigned>>{
                 {"10.1.0.1", 8}, {"172.16.0.1", 16}, {"192.168.7.1", 24}}) {
            const auto network =
                parse("<network><name>c</name><ip address='" + address + "'/></network>");
            QVERIFY2(network, network ? "" : network.error().message.c_str());
            QCOMPARE(network->ips[0].address.prefixLength, prefix);
            expectStableRoundTrip(*network);
        }
        expectError("<network><name>c</name><ip address='224.0.0.1'/></network>",
                    "no classful default");
    }

    void libvirtElementsRefusedWhenWrong_data() {
        QTest::addColumn<QString>("extra");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("quote in txt") << "<dns><txt name='a.b' value='x\"\nserver=1.2.3.4'/></dns>"
                                      << "/network/dns/txt[1]/@value";
        QTest::newRow("txt newline") << "<dns><txt name='a.b' value='x&#10;y'/></dns>"
                                     << "/network/dns/txt[1]/@value";
        QTest::newRow("srv protocol") << "<dns><srv service='ldap' protocol='sctp'/></dns>"
                                      << "neither tcp nor udp";
        QTest::newRow("srv service") << "<dns><srv service='_ldap,x' protocol='tcp'/></dns>"
                                     << "not a service name";
        QTest::newRow("srv port without target")
            << "<dns><srv service='ldap' protocol='tcp' port='389'/></dns>"
            << "need a target";
        QTest::newRow("forwarder domain") << "<dns><forwarder domain='a/b' addr='10.0.0.1'/></dns>"
                                          << "not a DNS domain name";
        QTest::newRow("forwarder neither") << "<dns><forwarder/></dns>"
                                           << "give 'addr'";
        QTest::newRow("short lease")
            << "<ip address='10.9.0.1' prefix='24'><dhcp><range start='10.9.0.2' "
               "end='10.9.0.9'><lease expiry='30' unit='seconds'/></range></dhcp></ip>"
            << "2 minutes";
        QTest::newRow("lease unit") << "<ip address='10.9.0.1' prefix='24'><dhcp><range "
                                       "start='10.9.0.2' end='10.9.0.9'><lease expiry='3' "
                                       "unit='days'/></range></dhcp></ip>"
                                    << "unit";
        QTest::newRow("mtu") << "<mtu size='40'/>"
                             << "/network/mtu/@size";
        QTest::newRow("mac table") << "<bridge macTableManager='switch'/>"
                                   << "macTableManager";
        QTest::newRow("route gateway")
            << "<ip address='10.9.0.1' prefix='24'/><route address='10.8.0.0' prefix='24' "
               "gateway='10.7.0.2'/>"
            << "in none of this network's subnets";
        QTest::newRow("route host bits")
            << "<ip address='10.9.0.1' prefix='24'/><route address='10.8.0.5' prefix='24' "
               "gateway='10.9.0.2'/>"
            << "host bits";
        QTest::newRow("route overlaps")
            << "<ip address='10.9.0.1' prefix='24'/><route address='10.0.0.0' prefix='8' "
               "gateway='10.9.0.2'/>"
            << "overlaps the network's own subnet";
        QTest::newRow("two uplinks")
            << "<forward mode='nat'><interface dev='eth0'/><interface dev='eth1'/></forward>"
               "<ip address='10.9.0.1' prefix='24'/>"
            << "one uplink";
    }

    void libvirtElementsRefusedWhenWrong() {
        QFETCH(QString, extra);
        QFETCH(QString, mentions);
        expectError("<network><name>w</name>" + extra.toStdString() + "</network>",
                    mentions.toStdString());
    }

    void badInput_data() {
        QTest::addColumn<QString>("xml");
        QTest::addColumn<QString>("mentions");
        const auto q = [](const std::string& s) { return QString::fromStdString(s); };
        QTest::newRow("bridge name too long")
            << q("<network><name>n</name><bridge name='averyverylongbridge'/></network>")
            << "'averyverylongbridge'";
        QTest::newRow("dhcp range outside subnet")
            << q("<network><name>n</name><ip address='10.0.0.1' prefix='24'><dhcp><range "
                 "start='10.0.0.10' end='10.0.1.20'/></dhcp></ip></network>")
            << "outside the subnet";
        QTest::newRow("dhcp range backwards")
            << q("<network><name>n</name><ip address='10.0.0.1' prefix='24'><dhcp><range "
                 "start='10.0.0.50' end='10.0.0.20'/></dhcp></ip></network>")
            << "ends before it starts";
        QTest::newRow("dhcp range includes bridge")
            << q("<network><name>n</name><ip address='10.0.0.1' prefix='24'><dhcp><range "
                 "start='10.0.0.1' end='10.0.0.20'/></dhcp></ip></network>")
            << "bridge's own address";
        QTest::newRow("dhcp range includes broadcast")
            << q("<network><name>n</name><ip address='10.0.0.1' prefix='24'><dhcp><range "
                 "start='10.0.0.2' end='10.0.0.255'/></dhcp></ip></network>")
            << "broadcast";
        QTest::newRow("dhcp ranges overlap")
            << q("<network><name>n</name><ip address='10.0.0.1' prefix='24'><dhcp>"
                 "<range start='10.0.0.2' end='10.0.0.50'/><range start='10.0.0.40' "
                 "end='10.0.0.60'/></dhcp></ip></network>")
            << "overlaps";
        QTest::newRow("dhcp host twice")
            << q("<network><name>n</name><ip address='10.0.0.1' prefix='24'><dhcp>"
                 "<host mac='52:54:00:00:00:01' ip='10.0.0.5'/><host mac='52:54:00:00:00:01' "
                 "ip='10.0.0.6'/></dhcp></ip></network>")
            << "same MAC";
        QTest::newRow("bad netmask")
            << q("<network><name>n</name><ip address='10.0.0.1' netmask='255.255.0.255'/>"
                 "</network>")
            << "'255.255.0.255'";
        QTest::newRow("bridge address is network address")
            << q("<network><name>n</name><ip address='10.0.0.0' prefix='24'/></network>")
            << "network or broadcast";
        QTest::newRow("cidr too large")
            << q("<network><name>n</name><ip address='10.0.0.1' prefix='33'/></network>") << "'33'";
        QTest::newRow("subnet too small")
            << q("<network><name>n</name><ip address='10.0.0.1' prefix='31'/></network>") << "/31";
        QTest::newRow("overlapping ipv4")
            << q("<network><name>n</name><ip address='10.0.0.1' prefix='16'/><ip "
                 "address='10.0.1.1' prefix='24'/></network>")
            << "overlaps ip[1]";
        QTest::newRow("nat without ipv4") << q("<network><name>n</name><forward mode='nat'/>"
                                               "</network>")
                                          << "IPv4";
        QTest::newRow("forward mode bridge")
            << q("<network><name>n</name><forward mode='bridge'/></network>") << "'bridge'";
        QTest::newRow("port forwarded twice")
            << q(natNetwork("n", "10.0.0",
                            "<cubby:portforward hostport='80' address='10.0.0.5'/>"
                            "<cubby:portforward hostport='80' address='10.0.0.6'/>",
                            "<network xmlns:cubby='https://github.com/cubby1/xmlns/network/1'>"))
            << "already forwarded";
        QTest::newRow("port forward outside subnet")
            << q(natNetwork("n", "10.0.0", "<cubby:portforward hostport='80' address='10.0.9.5'/>",
                            "<network xmlns:cubby='https://github.com/cubby1/xmlns/network/1'>"))
            << "outside the subnet";
        QTest::newRow("port forward bad port")
            << q(natNetwork("n", "10.0.0",
                            "<cubby:portforward hostport='70000' address='10.0.0.5'/>",
                            "<network xmlns:cubby='https://github.com/cubby1/xmlns/network/1'>"))
            << "'70000'";
        QTest::newRow("port forward on isolated")
            << q("<network xmlns:cubby='https://github.com/cubby1/xmlns/network/1'><name>n</name>"
                 "<ip address='10.0.0.1' prefix='24'/><cubby:portforward hostport='80' "
                 "address='10.0.0.5'/></network>")
            << "NAT";
        QTest::newRow("nat ports reversed")
            << q("<network><name>n</name><forward mode='nat'><nat><port start='3000' "
                 "end='2000'/></nat></forward><ip address='10.0.0.1' prefix='24'/></network>")
            << "start";
        QTest::newRow("name with slash") << q("<network><name>a/b</name></network>") << "'a/b'";
        QTest::newRow("unknown in ip")
            << q("<network><name>n</name><ip address='10.0.0.1' prefix='24'><tftp root='/x'/>"
                 "</ip></network>")
            << "<tftp>";
        QTest::newRow("bad domain")
            << q("<network><name>n</name><domain name='bad domain'/></network>") << "'bad domain'";
    }
    void badInput() {
        QFETCH(QString, xml);
        QFETCH(QString, mentions);
        expectError(xml.toStdString(), mentions.toStdString());
    }

    void overlappingSubnetsAcrossNetworks() {
        auto a = parse(natNetwork("a", "10.20.0"));
        auto b = parse("<network><name>b</name><forward mode='nat'/><ip address='10.20.0.129' "
                       "prefix='25'/></network>");
        QVERIFY(a && b);
        b->uuid = *Uuid::parse("8369f1ac-7e46-e869-4ca5-759d51478066", "");
        std::vector<Network> set{*a, *b};
        const auto status = validateNetworkSet(set);
        QVERIFY(!status);
        QCOMPARE(status.error().kind, ErrorKind::Conflict);
        QVERIFY2(status.error().message.find("10.20.0.128/25") != std::string::npos,
                 status.error().message.c_str());
        QVERIFY(status.error().message.find("'a'") != std::string::npos);
        set[1] = *parse(natNetwork("b", "10.21.0"));
        set[1].uuid = b->uuid;
        QVERIFY(validateNetworkSet(set));
    }

    void duplicatesAcrossNetworks() {
        const std::string ns = "<network xmlns:cubby='https://github.com/cubby1/xmlns/network/1'>";
        auto a = *parse(natNetwork("a", "10.30.0",
                                   "<bridge name='br-x'/><cubby:portforward hostport='2222' "
                                   "address='10.30.0.5'/>",
                                   ns));
        auto b = *parse(natNetwork("b", "10.31.0", "", ns));
        b.uuid = *Uuid::parse("8369f1ac-7e46-e869-4ca5-759d51478066", "");
        std::vector<Network> set{a, b};
        QVERIFY(validateNetworkSet(set));
        set[1].name = "a";
        QCOMPARE(validateNetworkSet(set).error().kind, ErrorKind::AlreadyExists);
        set[1].name = "b";
        set[1].bridge.name = "br-x";
        QVERIFY(validateNetworkSet(set).error().message.find("'br-x'") != std::string::npos);
        set[1].bridge.name.clear();
        set[1].portForwards.push_back(
            {Protocol::Tcp, 2222, *IpAddress::parse("10.31.0.5", ""), 22});
        QVERIFY(validateNetworkSet(set).error().message.find("2222") != std::string::npos);
    }
};

QTEST_APPLESS_MAIN(TestNetworkXml)
#include "test_network_xml.moc"
