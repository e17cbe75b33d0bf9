// dnsmasq's lease file as cubby-helper reads it for GetDhcpLeases (net-dhcp-leases).
#include "dhcp_leases.h"

#include <QTest>

using namespace cubby;

class TestDhcpLeases : public QObject {
    Q_OBJECT

private slots:
    void leasesAreReadAndExpiredOnesLeftOut() {
        const std::string text =
            "1700003600 52:54:00:c0:ff:ee 192.168.151.62 netbox 01:52:54:00:c0:ff:ee\n"
            "1699990000 52:54:00:00:00:01 192.168.151.3 old *\n" // expired
            "0 52:54:00:00:00:02 192.168.151.4 * *\n"            // infinite, no name
            "duid 00:01:00:01:2c:5f:1a:2b:52:54:00:00:00:01\n"   // DHCPv6 server id
            "garbage\n"
            "12x 52:54:00:00:00:03 192.168.151.5 bad *\n";
        const auto leases = parseDnsmasqLeases(text, 1700000000);
        QCOMPARE(leases.size(), size_t{2});
        QCOMPARE(leases[0], (DhcpLease{1700003600, "52:54:00:c0:ff:ee", "192.168.151.62", "netbox",
                                       "01:52:54:00:c0:ff:ee"}));
        QCOMPARE(leases[1], (DhcpLease{0, "52:54:00:00:00:02", "192.168.151.4", "", ""}));
        QVERIFY(parseDnsmasqLeases("", 0).empty());
    }
};

QTEST_GUILESS_MAIN(TestDhcpLeases)
#include "test_dhcp_leases.moc"
