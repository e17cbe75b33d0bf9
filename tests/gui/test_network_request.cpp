// The "New Network" wizard's request → <network> rules, without a display or a bus: what each
// page refuses, and that the XML it hands to DefineNetwork reads back the way the helper reads
// it (NetworkCompleteness::SubnetChosenLater), with port forwards added once the subnet the
// helper chose is known.
#include "network_request.h"
#include "network_xml.h"

#include <QTest>

using namespace cubby;

namespace {

Uuid helperUuid() {
    return *Uuid::parse("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee", "test");
}

NetworkRequest natRequest() {
    NetworkRequest request;
    request.name = QStringLiteral("wiznet");
    request.portForwards.append({QStringLiteral("tcp"), QStringLiteral("8080"),
                                 QStringLiteral(".10"), QStringLiteral("80")});
    return request;
}

const QList<KnownNetwork> known{{QStringLiteral("default"), QStringLiteral("192.168.150.0/24")},
                                {QStringLiteral("bare"), QString()}};

} // namespace

class TestNetworkRequest : public QObject {
    Q_OBJECT
private slots:
    void automaticSubnetLeavesAddressesAndForwardsToTheHelper() {
        const NetworkRequest request = natRequest();
        QVERIFY(checkNameAndKind(request, known).isEmpty());
        QVERIFY(checkAddresses(request, known).isEmpty());
        QVERIFY(checkPortForwards(request).isEmpty());
        QVERIFY(forwardsNeedStoredSubnet(request));
        const auto network = networkFromRequest(request);
        QVERIFY2(network, network ? "" : network.error().message.c_str());
        QVERIFY(network->ips.empty());
        QVERIFY(network->portForwards.empty());
        QVERIFY(!network->uuid.isNil());
        const std::string xml = formatNetworkXml(*network);
        const auto parsed =
            parseNetworkXml(xml, helperUuid, NetworkCompleteness::SubnetChosenLater);
        QVERIFY2(parsed, parsed ? "" : parsed.error().message.c_str());
        QCOMPARE(parsed->name, std::string("wiznet"));
        QCOMPARE(parsed->forward.mode, ForwardMode::Nat);
        QVERIFY(parsed->bridge.name.empty());       // the helper names it
        QVERIFY(!parseNetworkXml(xml, helperUuid)); // incomplete as stored
    }

    void forwardsResolveInTheStoredSubnet() {
        Network stored = *networkFromRequest(natRequest());
        NetworkIp ip;
        ip.address = *IpPrefix::parse("192.168.151.1/24", "");
        ip.hasDhcp = true;
        ip.dhcpRanges.push_back(*defaultDhcpRange(ip.address));
        stored.ips.push_back(ip);
        stored.bridge.name = "cubbybr0";
        const auto complete = networkWithPortForwards(stored, natRequest());
        QVERIFY2(complete, complete ? "" : complete.error().message.c_str());
        QCOMPARE(complete->portForwards.size(), size_t{1});
        QCOMPARE(complete->portForwards[0].address.toString(), std::string("192.168.151.10"));
        QCOMPARE(complete->portForwards[0].hostPort, uint16_t{8080});
        QCOMPARE(complete->portForwards[0].port, uint16_t{80});
        const std::string xml = formatNetworkXml(*complete);
        QVERIFY(xml.find("cubby:portforward") != std::string::npos);
        const auto parsed = parseNetworkXml(xml, helperUuid);
        QVERIFY2(parsed, parsed ? "" : parsed.error().message.c_str());
        QCOMPARE(*parsed, *complete);
        // A host number past the subnet is refused by the core.
        NetworkRequest far = natRequest();
        far.portForwards[0].address = QStringLiteral(".300");
        QVERIFY(!networkWithPortForwards(stored, far));
    }

    void manualSubnetIsComplete() {
        NetworkRequest request = natRequest();
        request.automaticSubnet = false;
        request.subnet = QStringLiteral("192.168.160.0/24");
        request.portForwards[0].address = QStringLiteral("192.168.160.20");
        request.domain = QStringLiteral("lab.internal");
        QVERIFY(!forwardsNeedStoredSubnet(request));
        QCOMPARE(checkAddresses(request, known), QString());
        QCOMPARE(checkPortForwards(request), QString());
        const auto network = networkFromRequest(request);
        QVERIFY2(network, network ? "" : network.error().message.c_str());
        const NetworkIp* v4 = network->ipv4();
        QVERIFY(v4);
        QCOMPARE(v4->address.toString(), std::string("192.168.160.1/24"));
        QCOMPARE(v4->dhcpRanges[0].start.toString(), std::string("192.168.160.2"));
        QCOMPARE(v4->dhcpRanges[0].end.toString(), std::string("192.168.160.254"));
        QCOMPARE(network->domain->name, std::string("lab.internal"));
        const auto parsed = parseNetworkXml(formatNetworkXml(*network), helperUuid);
        QVERIFY2(parsed, parsed ? "" : parsed.error().message.c_str());
        QCOMPARE(parsed->portForwards, network->portForwards);
        // Explicit range, and no DHCP at all.
        request.dhcpStart = QStringLiteral("192.168.160.100");
        request.dhcpEnd = QStringLiteral("192.168.160.150");
        QCOMPARE(networkFromRequest(request)->ipv4()->dhcpRanges[0].end.toString(),
                 std::string("192.168.160.150"));
        request.dhcp = false;
        QVERIFY(!networkFromRequest(request)->ipv4()->hasDhcp);
    }

    void namesAreRefusedOnTheFirstPage() {
        NetworkRequest request = natRequest();
        request.name = QStringLiteral("default");
        QVERIFY(checkNameAndKind(request, known).contains("exists already"));
        request.name = QStringLiteral("no/slash");
        QVERIFY(!checkNameAndKind(request, known).isEmpty());
        request.name.clear();
        QVERIFY(!checkNameAndKind(request, known).isEmpty());
    }

    void addressesAreRefusedOnTheSecondPage() {
        NetworkRequest request = natRequest();
        request.automaticSubnet = false;
        request.subnet = QStringLiteral("192.168.150.128/25");
        QVERIFY(checkAddresses(request, known).contains("“default”"));
        request.subnet = QStringLiteral("192.168.400.0/24");
        QVERIFY(!checkAddresses(request, known).isEmpty());
        request.subnet = QStringLiteral("10.0.0.0/31");
        QVERIFY(!checkAddresses(request, known).isEmpty());
        request.subnet = QStringLiteral("fd00::/64");
        QVERIFY(!checkAddresses(request, known).isEmpty());
        request.subnet = QStringLiteral("10.9.0.0/24");
        request.dhcpStart = QStringLiteral("10.9.0.1"); // the bridge's own address
        request.dhcpEnd = QStringLiteral("10.9.0.9");
        QVERIFY(!checkAddresses(request, known).isEmpty());
        request.domain = QStringLiteral("bad domain");
        request.dhcpStart = request.dhcpEnd = QString();
        QVERIFY(!checkAddresses(request, known).isEmpty());
    }

    void portForwardsAreRefusedOnTheThirdPage() {
        NetworkRequest request = natRequest();
        for (const char* bad : {"0", "65536", "70000", "http", ""}) {
            request.portForwards[0].hostPort = QString::fromLatin1(bad);
            QVERIFY2(checkPortForwards(request).contains("host port"), bad);
        }
        request = natRequest();
        request.portForwards[0].port = QStringLiteral("99999");
        QVERIFY(checkPortForwards(request).contains("container port"));
        request = natRequest();
        request.portForwards.append(request.portForwards[0]);
        QVERIFY(checkPortForwards(request).contains("twice"));
        request.portForwards[1].protocol = QStringLiteral("udp"); // another protocol is fine
        QCOMPARE(checkPortForwards(request), QString());
        request.portForwards[1].address = QStringLiteral("192.168.151.10"); // subnet unknown
        QVERIFY(checkPortForwards(request).contains("host number"));
        request = natRequest();
        request.mode = ForwardMode::None;
        QVERIFY(checkPortForwards(request).contains("NAT"));
        request = natRequest();
        request.automaticSubnet = false;
        request.subnet = QStringLiteral("192.168.160.0/24");
        request.portForwards[0].address = QStringLiteral("10.1.1.1");
        QVERIFY(checkPortForwards(request).contains("outside the subnet"));
    }

    // Issue 12, item 5: the wizard's IPv6, walls and MTU. By default a NAT network asks for
    // IPv6 with a prefix the helper chooses, keeps containers from this computer's services
    // and lets them reach the LAN; each choice lands in the XML the helper reads.
    void ipv6WallsAndMtuReachTheDefinition() {
        const auto plain = networkFromRequest(natRequest());
        QVERIFY(plain);
        QCOMPARE(plain->forward.natIpv6, std::optional(true));
        QCOMPARE(plain->walls, std::optional(NetworkWalls{HostAccess::Services, true}));
        QVERIFY(!plain->mtu);
        const std::string xml = formatNetworkXml(*plain);
        QVERIFY2(xml.find("<nat ipv6='yes'/>") != std::string::npos &&
                     xml.find("<cubby:walls host='services' lan='yes'/>") != std::string::npos,
                 xml.c_str());
        QVERIFY(parseNetworkXml(xml, helperUuid, NetworkCompleteness::SubnetChosenLater));

        NetworkRequest request = natRequest();
        request.ipv6Prefix = QStringLiteral("fd12:3456:789a:1::/64");
        request.reachHost = true;
        request.reachLan = false;
        request.mtu = QStringLiteral("1400");
        const auto typed = networkFromRequest(request);
        QVERIFY2(typed, typed ? "" : typed.error().message.c_str());
        QCOMPARE(typed->ipv6()->address.toString(), std::string("fd12:3456:789a:1::1/64"));
        QCOMPARE(typed->walls, std::optional(NetworkWalls{HostAccess::All, false}));
        QCOMPARE(typed->mtu, std::optional<uint32_t>(1400));
        // With a subnet typed too: IPv4 first, then IPv6.
        request.automaticSubnet = false;
        request.subnet = QStringLiteral("192.168.160.0/24");
        request.portForwards.clear();
        const auto both = networkFromRequest(request);
        QVERIFY2(both, both ? "" : both.error().message.c_str());
        QCOMPARE(both->ips.size(), size_t{2});
        QCOMPARE(both->ips[0].address.toString(), std::string("192.168.160.1/24"));

        // IPv6 off: said, so the helper adds none.
        request.ipv6 = false;
        QCOMPARE(networkFromRequest(request)->forward.natIpv6, std::optional(false));
        QVERIFY(!networkFromRequest(request)->ipv6());

        // Refused on the page, in words.
        request.ipv6 = true;
        request.ipv6Prefix = QStringLiteral("fd12::/48");
        QVERIFY(checkAddresses(request, known).contains("/64"));
        request.ipv6Prefix = QStringLiteral("192.168.1.0/24");
        QVERIFY(checkAddresses(request, known).contains("/64"));
        request.ipv6Prefix.clear();
        request.mtu = QStringLiteral("big");
        QVERIFY(checkAddresses(request, known).contains("big"));
        request.mtu = QStringLiteral("1000");
        QVERIFY(checkAddresses(request, known).contains("1280"));
        request.ipv6 = false;
        QVERIFY(checkAddresses(request, known).isEmpty());
    }

    void isolatedAutomaticHasNoAddress() {
        NetworkRequest request;
        request.name = QStringLiteral("iso");
        request.mode = ForwardMode::None;
        const auto network = networkFromRequest(request);
        QVERIFY2(network, network ? "" : network.error().message.c_str());
        QVERIFY(network->ips.empty());
        QVERIFY(parseNetworkXml(formatNetworkXml(*network), helperUuid));
    }
};

QTEST_GUILESS_MAIN(TestNetworkRequest)
#include "test_network_request.moc"
