// The "New Network" wizard's request → <network> rules, without a display or a bus: what each
// page refuses, and that the XML it hands to DefineNetwork reads back the way the helper reads
// it (NetworkCompleteness::SubnetChosenLater), with port forwards added once the subnet the
// helper chose is known. The DNS names page's records reach the XML and read back the same.
#include "network_request.h"
#include "network_xml.h"

#include <QTest>
#include <functional>

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

// One DNS record of each kind, as the DNS names page fills them.
void addDnsNames(NetworkRequest& request) {
    request.dnsHosts.append({QStringLiteral("web"), QStringLiteral(".10")});
    request.dnsHosts.append({QStringLiteral("nas.home.arpa"), QStringLiteral("192.168.1.20")});
    request.dnsHosts.append({QStringLiteral("files"), QStringLiteral("192.168.1.20")});
    request.dnsSrvs.append({QStringLiteral("_ldap"), QStringLiteral("udp"),
                            QStringLiteral("dir.lab.internal"), QStringLiteral("389")});
    request.dnsTxts.append({QStringLiteral("lab.internal"), QStringLiteral("proof=abc 123")});
    request.dnsForwarders.append(
        {QStringLiteral("corp.example"), false, QStringLiteral("10.8.0.53")});
    request.dnsForwarders.append({QStringLiteral("home.arpa"), true, QString()});
}

const QList<KnownNetwork> known{{QStringLiteral("default"), QStringLiteral("192.168.150.0/24")},
                                {QStringLiteral("bare"), QString()}};

} // namespace

class TestNetworkRequest : public QObject {
    Q_OBJECT
private slots:
    // Issue 12, items 3 and 5: a network on the host's LAN takes a bridge or a NIC and
    // nothing else of the wizard; what the page says before and after the pick.
    void hostLanNetworkTakesOnlyItsLink() {
        NetworkRequest request;
        request.name = QStringLiteral("home");
        request.mode = ForwardMode::Bridge;
        QVERIFY(checkNameAndKind(request, known).contains("Choose the bridge"));
        request.lanLink = QStringLiteral("br0");
        QVERIFY(checkNameAndKind(request, known).isEmpty());
        request.portForwards.append({QStringLiteral("tcp"), QStringLiteral("8080"),
                                     QStringLiteral(".10"), QStringLiteral("80")});
        request.automaticSubnet = false; // left on other pages before going back: ignored
        request.subnet = QStringLiteral("192.168.160.0/24");
        QVERIFY(!needsStoredSubnet(request));
        auto bridged = networkFromRequest(request);
        QVERIFY2(bridged, bridged ? "" : bridged.error().message.c_str());
        const std::string xml = formatNetworkXml(*bridged);
        QVERIFY2(xml.find("<forward mode='bridge'/>") != std::string::npos &&
                     xml.find("<bridge name='br0'/>") != std::string::npos &&
                     xml.find("<ip") == std::string::npos &&
                     xml.find("portforward") == std::string::npos,
                 xml.c_str());
        request.lanLink = QStringLiteral("enp3s0");
        request.lanLinkIsBridge = false;
        auto macvlan = networkFromRequest(request);
        QVERIFY(macvlan);
        QCOMPARE(macvlan->forward.devs, std::vector<std::string>{"enp3s0"});
        QVERIFY(macvlan->bridge.name.empty());

        const QList<HostLanOption> laptop = hostLanOptionsFromReply({
            {{"name", "wlp2s0"},
             {"kind", "nic"},
             {"wireless", true},
             {"uplink", true},
             {"up", true}},
            {{"name", "br0"},
             {"kind", "bridge"},
             {"wireless", false},
             {"uplink", false},
             {"up", false}},
            {{"name", "../x"}, {"kind", "nic"}}, // never a link name: dropped
        });
        QCOMPARE(laptop.size(), 2);
        QVERIFY(hostLanAdvice(laptop).contains("over Wi-Fi (wlp2s0)"));
        QCOMPARE(hostLanOptionLabel(laptop[0]), QStringLiteral("wlp2s0 — network card, Wi-Fi, "
                                                               "the uplink"));
        QCOMPARE(hostLanOptionLabel(laptop[1]), QStringLiteral("br0 — this computer's bridge, "
                                                               "down"));
        QVERIFY(hostLanWarning(laptop[0]).contains("wlp2s0 is a Wi-Fi link"));
        QVERIFY(hostLanWarning(laptop[1]).isEmpty());
        QVERIFY(hostLanWarning({QStringLiteral("docker0"), true, false, false, true, false})
                    .contains("docker0 has no network card"));
        QVERIFY(hostLanWarning({QStringLiteral("eno1"), false, false, true, true})
                    .contains("cannot reach them"));
        QVERIFY(hostLanAdvice({{QStringLiteral("eno1"), false, false, true, true}})
                    .contains("addresses from your router"));
        QVERIFY(hostLanAdvice({}).contains("no wired network card"));
    }

    void automaticSubnetLeavesAddressesAndForwardsToTheHelper() {
        const NetworkRequest request = natRequest();
        QVERIFY(checkNameAndKind(request, known).isEmpty());
        QVERIFY(checkAddresses(request, known).isEmpty());
        QVERIFY(checkPortForwards(request).isEmpty());
        QVERIFY(needsStoredSubnet(request));
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
        QVERIFY(!needsStoredSubnet(request));
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

    // Issue: the DNS names page. Each kind reaches the XML the helper reads; a host named by
    // host number waits, like a port forward, for the subnet the helper chooses.
    void dnsNamesReachTheDefinition() {
        NetworkRequest request = natRequest();
        request.portForwards.clear();
        QVERIFY(!hasDnsNames(request));
        QVERIFY(!needsStoredSubnet(request));
        // Nothing added: the same network as without the page.
        const auto plain = networkFromRequest(request);
        QVERIFY(plain);
        QCOMPARE(plain->dns, DnsConfig{});
        QVERIFY(formatNetworkXml(*plain).find("<dns") == std::string::npos);

        addDnsNames(request);
        QCOMPARE(checkDnsNames(request), QString());
        QVERIFY(needsStoredSubnet(request)); // "web" is .10 of a subnet not chosen yet
        const auto first = networkFromRequest(request);
        QVERIFY2(first, first ? "" : first.error().message.c_str());
        const std::string firstXml = formatNetworkXml(*first);
        QVERIFY2(firstXml.find("<hostname>web</hostname>") == std::string::npos &&
                     firstXml.find("<hostname>nas.home.arpa</hostname>") != std::string::npos,
                 firstXml.c_str());
        auto stored = parseNetworkXml(firstXml, helperUuid, NetworkCompleteness::SubnetChosenLater);
        QVERIFY2(stored, stored ? "" : stored.error().message.c_str());
        QCOMPARE(stored->dns, first->dns);

        // The helper chose 192.168.151.0/24.
        NetworkIp ip;
        ip.address = *IpPrefix::parse("192.168.151.1/24", "");
        stored->ips.push_back(ip);
        stored->bridge.name = "cubbybr0";
        const auto complete = networkWithPortForwards(*stored, request);
        QVERIFY2(complete, complete ? "" : complete.error().message.c_str());
        const std::string xml = formatNetworkXml(*complete);
        for (const char* expected :
             {"<host ip='192.168.151.10'>", "<hostname>web</hostname>", "<host ip='192.168.1.20'>",
              "<hostname>nas.home.arpa</hostname>", "<hostname>files</hostname>",
              "<srv service='ldap' protocol='udp' target='dir.lab.internal' port='389'",
              "<txt name='lab.internal' value='proof=abc 123'/>",
              "<forwarder domain='corp.example' addr='10.8.0.53'/>",
              "<forwarder domain='home.arpa'/>"})
            QVERIFY2(xml.find(expected) != std::string::npos, (expected + ("\n" + xml)).c_str());
        const DnsConfig& dns = complete->dns;
        QCOMPARE(dns.hosts.size(), size_t{2}); // one <host> per address
        QCOMPARE(dns.hosts[1].hostnames, (std::vector<std::string>{"nas.home.arpa", "files"}));
        QVERIFY(!dns.domainForwarders[1].address);
        const auto parsed = parseNetworkXml(xml, helperUuid);
        QVERIFY2(parsed, parsed ? "" : parsed.error().message.c_str());
        QCOMPARE(parsed->dns, complete->dns);
        QCOMPARE(*parsed, *complete);

        // With a subnet typed in, one definition holds it all.
        request.automaticSubnet = false;
        request.subnet = QStringLiteral("192.168.160.0/24");
        request.domain = QStringLiteral("lab.internal");
        QVERIFY(!needsStoredSubnet(request));
        QCOMPARE(checkDnsNames(request), QString());
        const auto manual = networkFromRequest(request);
        QVERIFY2(manual, manual ? "" : manual.error().message.c_str());
        QCOMPARE(manual->dns.hosts[0].ip.toString(), std::string("192.168.160.10"));
        QCOMPARE(manual->dns.srvs.size(), size_t{1});
        QCOMPARE(manual->dns.txts.size(), size_t{1});
        QCOMPARE(manual->dns.domainForwarders.size(), size_t{2});
        const auto reread = parseNetworkXml(formatNetworkXml(*manual), helperUuid);
        QVERIFY2(reread, reread ? "" : reread.error().message.c_str());
        QCOMPARE(reread->dns, manual->dns);

        // The page's checks leave nothing for the Addresses page to trip on.
        request.dnsHosts[0].address = QStringLiteral("nowhere");
        QCOMPARE(checkAddresses(request, known), QString());
    }

    // Bad rows are refused on the page, in words naming the tab and row; the core agrees, so
    // nothing the page lets through turns into a broken definition.
    void dnsNamesAreRefusedOnTheirPage() {
        const auto refused = [](const std::function<void(NetworkRequest&)>& change,
                                const char* expected, DnsRecordKind kind, int row) {
            NetworkRequest request = natRequest();
            addDnsNames(request);
            change(request);
            const DnsNamesProblem problem = findDnsNamesProblem(request);
            if (!problem.message.contains(QString::fromUtf8(expected)) || problem.kind != kind ||
                problem.row != row) {
                qWarning("%s (kind %d, row %d)", qPrintable(problem.message),
                         static_cast<int>(problem.kind), problem.row);
                return false;
            }
            return true;
        };
        using K = DnsRecordKind;
        QVERIFY(refused([](auto& r) { r.dnsHosts[1].name.clear(); },
                        "Host names, row 2: give the name", K::Host, 1));
        QVERIFY(refused([](auto& r) { r.dnsHosts[0].name = QStringLiteral("web server"); },
                        "not a host name", K::Host, 0));
        QVERIFY(refused([](auto& r) { r.dnsHosts[1].address = QStringLiteral("192.168.1.300"); },
                        "“192.168.1.300” is not an IP address", K::Host, 1));
        QVERIFY(refused([](auto& r) { r.dnsHosts[0].address.clear(); }, "give the address", K::Host,
                        0));
        QVERIFY(refused([](auto& r) { r.dnsHosts[0].address = QStringLiteral(".255"); }, "/24",
                        K::Host, 0));
        QVERIFY(refused(
            [](auto& r) {
                r.automaticSubnet = false;
                r.subnet = QStringLiteral("192.168.160.0/25");
                r.portForwards[0].address = QStringLiteral(".20");
                r.dnsHosts[0].address = QStringLiteral(".200");
            },
            "does not fit the subnet 192.168.160.0/25", K::Host, 0));
        QVERIFY(refused([](auto& r) { r.dnsSrvs[0].service = QStringLiteral("a_very_long.name"); },
                        "Services (SRV), row 1: “a_very_long.name” is not a service name", K::Srv,
                        0));
        QVERIFY(
            refused([](auto& r) { r.dnsSrvs[0].target.clear(); }, "host that offers", K::Srv, 0));
        for (const char* port : {"0", "65536", "ldap", ""})
            QVERIFY2(refused([port](auto& r) { r.dnsSrvs[0].port = QString::fromLatin1(port); },
                             "is not a port (1–65535)", K::Srv, 0),
                     port);
        QVERIFY(refused([](auto& r) { r.dnsSrvs[0].protocol = QStringLiteral("sctp"); },
                        "tcp or udp", K::Srv, 0));
        QVERIFY(refused([](auto& r) { r.dnsTxts[0].name = QStringLiteral(" "); },
                        "Text (TXT), row 1: give the name", K::Txt, 0));
        QVERIFY(refused([](auto& r) { r.dnsTxts[0].value = QStringLiteral("say \"hi\""); },
                        "without quotes", K::Txt, 0));
        QVERIFY(
            refused([](auto& r) { r.dnsTxts[0].value = QString(256, u'x'); }, "255", K::Txt, 0));
        const auto notAnAddress = [](NetworkRequest& r) {
            r.dnsForwarders[0].server = QStringLiteral("dns.corp");
        };
        QVERIFY(refused(notAnAddress, "Domain forwarders, row 1: “dns.corp” is not an IP address",
                        K::Forwarder, 0));
        QVERIFY(refused([](auto& r) { r.dnsForwarders[0].server.clear(); },
                        "give the server's address", K::Forwarder, 0));
        QVERIFY(refused([](auto& r) { r.dnsForwarders[1].domain.clear(); }, "give the domain",
                        K::Forwarder, 1));
        QVERIFY(refused([](auto& r) { r.dnsForwarders[1].domain = QStringLiteral("Corp.Example"); },
                        "listed twice", K::Forwarder, 1));
        QVERIFY(refused([](auto& r) { r.domain = QStringLiteral("home.arpa"); },
                        "this network's own domain", K::Forwarder, 1));
        // An isolated network without a subnet has no DNS server to answer them.
        QVERIFY(refused(
            [](auto& r) {
                r.mode = ForwardMode::None;
                r.portForwards.clear();
                r.ipv6 = false;
            },
            "no DNS server", K::Host, -1));

        // Whatever the page lets through, the core accepts, and what it refuses the core
        // would too.
        for (const char* name : {"web", "a-b.c", "x1"}) {
            NetworkRequest request = natRequest();
            request.dnsTxts.append({QString::fromLatin1(name), QStringLiteral("v")});
            QCOMPARE(checkDnsNames(request), QString());
        }
        for (const char* name : {"-web", "web.", ".web", "we b", "wéb"}) {
            NetworkRequest request = natRequest();
            request.dnsTxts.append({QString::fromUtf8(name), QStringLiteral("v")});
            QVERIFY2(checkDnsNames(request).contains("is not a DNS name"), name);
            Network network = *networkFromRequest(natRequest());
            network.dns.txts.push_back({name, "v"});
            QVERIFY2(!validateNetwork(network, NetworkCompleteness::SubnetChosenLater), name);
        }
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
