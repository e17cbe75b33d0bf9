// Networks through the helper, end to end on a private system bus with the real polkitd and
// the helper activated by the bus, inside the test's own network namespace (with-system-bus
// --net): bridges, nftables tables and dnsmasq exist only there. A veth "uplink0" with a
// default route stands in for the laptop's Wi-Fi; its other end stays in the namespace.
//
// Through cubbyctl as the allowed and the denied test user: a NAT network defined without
// <ip> gets a free /24, starts (bridge, address, table, dnsmasq), a BusyBox container on it
// gets a DHCP lease that net-dhcp-leases shows, net-diagnose finds every hop ok and names a
// broken one, a subnet that now clashes with the host is refused, the network outlives a
// killed helper, and net-destroy leaves nothing behind.
#include "busybox_root.h"
#include "helper_client.h"

#include <QDBusArgument>
#include <QDBusMetaType>
#include <QDBusUnixFileDescriptor>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QTest>
#include <csignal>
#include <unistd.h>

using namespace cubby::test;

namespace {

const QString prefix = QStringLiteral(CUBBY_TEST_PREFIX);

// A shell command in the test's namespace; its exit code, output and error output together.
Run sh(const QString& command) {
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(QStringLiteral("sh"), {QStringLiteral("-c"), command});
    process.waitForFinished(60000);
    return {process.exitCode(), QString::fromUtf8(process.readAll()), {}};
}

bool linkExists(const QString& name) {
    return sh("ip link show dev " + name).exitCode == 0;
}

QString ruleset() {
    return sh(QStringLiteral("nft list ruleset")).out;
}

// dnsmasq processes started for networks below the test's prefix.
int dnsmasqCount() {
    int count = 0;
    const QStringList pids = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
    for (const QString& pid : pids) {
        QFile cmdline("/proc/" + pid + "/cmdline");
        if (!pid.toInt() || !cmdline.open(QIODevice::ReadOnly))
            continue;
        const QByteArray command = cmdline.readAll();
        if (command.startsWith("/usr/sbin/dnsmasq") && command.contains(prefix.toUtf8()))
            ++count;
    }
    return count;
}

QString networkXml(const QString& name) {
    return QStringLiteral("<network><name>%1</name><forward mode='nat'/></network>").arg(name);
}

std::string domainXml(const QString& name, const QString& root, const QString& init,
                      const QString& network, const QString& mac) {
    return QStringLiteral("<domain type='lxc'><name>%1</name><memory unit='MiB'>64</memory>"
                          "<os><type>exe</type><init>%3</init></os><devices><filesystem "
                          "type='mount'><source dir='%2'/><target dir='/'/></filesystem>"
                          "<interface type='network'><source network='%4'/><mac "
                          "address='%5'/></interface><console type='pty'/></devices></domain>")
        .arg(name, root, init, network, mac)
        .toStdString();
}

// A container on `network` with neither <mac> nor <ip>: the helper stores a generated MAC and
// reserves an address for it.
QByteArray plainDomainXml(const QString& name, const QString& root, const QString& init,
                          const QString& network) {
    return QStringLiteral("<domain type='lxc'><name>%1</name><memory unit='MiB'>64</memory>"
                          "<os><type>exe</type><init>%3</init></os><devices><filesystem "
                          "type='mount'><source dir='%2'/><target dir='/'/></filesystem>"
                          "<interface type='network'><source network='%4'/></interface>"
                          "<console type='pty'/></devices></domain>")
        .arg(name, root, init, network)
        .toUtf8();
}

// What the network's dnsmasq at `server` answers for `name` (BusyBox nslookup). A name it
// does not know goes to the upstream server, which never answers: hence the time limit.
QString lookUp(const QString& name, const QString& server) {
    return sh("timeout 5 busybox nslookup -type=a " + name + " " + server).out;
}

QString fileText(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()).trimmed() : QString();
}

// Everything the container's console says until `until`.
QString consoleUntil(const QString& container, const QString& until) {
    const QDBusMessage console = call("OpenConsole", {container});
    if (console.type() != QDBusMessage::ReplyMessage)
        return "OpenConsole: " + console.errorMessage();
    const int fd =
        qvariant_cast<QDBusUnixFileDescriptor>(console.arguments().at(0)).fileDescriptor();
    return readFd(fd, until, 30000);
}

// A helper killed as a reboot or a crash would: the next call activates a new one.
void killHelper() {
    if (helperOnBus())
        ::kill(helperPid(), SIGKILL);
    QElapsedTimer waited;
    waited.start();
    while (helperOnBus() && waited.elapsed() < 10000)
        QTest::qWait(50);
}

// One line of net-diagnose: "[STATUS ] HOP: message".
bool hasHop(const QString& report, const QString& status, const QString& hop,
            const QString& words = {}) {
    for (const QString& line : report.split('\n')) {
        if (line.startsWith("[" + status.leftJustified(7) + "] " + hop + ": ") &&
            line.contains(words))
            return true;
    }
    return false;
}

} // namespace

class TestHelperNetworks : public QObject {
    Q_OBJECT
    std::unique_ptr<BusyboxRoot> m_root;
    QStringList m_states;
    QString m_containerIp;
    const QString m_mac = QStringLiteral("52:54:00:c0:ff:ee");
    QString m_subnet; // "a.b.c" of the network "resv"
    QString m_quietMac;

private slots:
    void initTestCase() {
        QVERIFY2(geteuid() == 0, "the dbus tier needs root: run it through scripts/test");
        QVERIFY2(qEnvironmentVariableIsSet("CUBBY_TEST_ALLOWED_UID"),
                 "run this test through tests/support/with-system-bus");
        // Never touch a real host: the fixture's --net namespace has nothing but loopback.
        QVERIFY2(sh("ip -o link show | grep -v ' lo:'").out.isEmpty(),
                 "not in a fresh network namespace");
        m_root = std::make_unique<BusyboxRoot>();
        QVERIFY2(m_root->ok(), m_root->failure().c_str());
        // udhcpc hands the lease to this script, which configures it like a distribution's.
        m_root->writeFile("sbin/udhcpc-script",
                          "#!/bin/sh\n[ \"$1\" = bound ] || exit 0\n"
                          "ip addr add $ip/$mask dev $interface\necho lease=$ip\n");
        // The laptop's uplink: one end of a veth pair whose other end stays in this namespace
        // (so nothing can leave it), with a default route, and an address in Cubby's first
        // candidate /24 (as if the Wi-Fi used it), which a new network must avoid.
        const Run uplink = sh("ip link add uplink0 type veth peer name uplink0peer && "
                              "ip link set uplink0peer up && ip link set uplink0 up && "
                              "ip addr add 198.51.100.2/24 dev uplink0 && "
                              "ip addr add 192.168.150.9/24 dev uplink0 && "
                              "ip route add default via 198.51.100.1");
        QVERIFY2(uplink.exitCode == 0, qPrintable(uplink.out));
        // dnsmasq's upstream (the service file's --resolv-file): routed, never answered.
        QFile resolv(prefix + "/upstream-resolv.conf");
        QVERIFY(resolv.open(QIODevice::WriteOnly));
        resolv.write("nameserver 198.51.100.53\n");
        resolv.close();
        QDBusConnection::systemBus().connect(helperService, helperPath, helperInterface,
                                             QStringLiteral("NetworkStateChanged"), this,
                                             SLOT(recordState(QString, QString)));
    }

    void defineWithoutIpGetsAFreeSubnet() {
        const Run defined = cubbyctl({"net-define", "-"}, allowed(), networkXml("lan").toUtf8());
        QVERIFY2(defined.exitCode == 0, qPrintable(defined.err));
        QVERIFY2(defined.out.contains("Network lan defined from -"), qPrintable(defined.out));
        const Run xml = cubbyctl({"net-dumpxml", "lan"});
        QCOMPARE(xml.exitCode, 0);
        // 192.168.150.0/24 is the uplink's, so the next candidate; DHCP on the rest.
        QVERIFY2(xml.out.contains("<bridge name='cubbybr0'"), qPrintable(xml.out));
        QVERIFY2(xml.out.contains("<ip address='192.168.151.1' prefix='24'>"), qPrintable(xml.out));
        QVERIFY2(xml.out.contains("<range start='192.168.151.2' end='192.168.151.254'/>"),
                 qPrintable(xml.out));

        const Run all = cubbyctl({"net-list", "--all"});
        QVERIFY2(all.out.contains(QRegularExpression(
                     R"(Name\s+State\s+Autostart\s+Persistent\s+Bridge\s+Subnet\n-+\n)"
                     R"(\s*lan\s+inactive\s+no\s+yes\s+cubbybr0\s+192\.168\.151\.0/24)")),
                 qPrintable(all.out));
        QVERIFY(!cubbyctl({"net-list"}).out.contains("lan"));
        QCOMPARE(cubbyctl({"net-autostart", "lan"}, allowed()).exitCode, 0);
        QVERIFY(cubbyctl({"net-list", "--all"})
                    .out.contains(QRegularExpression(R"(lan\s+inactive\s+yes\s+yes)")));
        QCOMPARE(cubbyctl({"net-autostart", "lan", "--disable"}, allowed()).exitCode, 0);
    }

    void deniedUserChangesNothing() {
        const Run refused = cubbyctl({"net-start", "lan"}, denied());
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains("not authorized for io.github.cubby1.network"),
                 qPrintable(refused.err));
        QVERIFY(!linkExists("cubbybr0"));
        QVERIFY(!ruleset().contains("cubby_lan"));
        QVERIFY(
            cubbyctl({"net-list", "--all"}).out.contains(QRegularExpression(R"(lan\s+inactive)")));
        const Run redefine = cubbyctl({"net-define", "-"}, denied(), networkXml("other").toUtf8());
        QCOMPARE(redefine.exitCode, 1);
        QVERIFY(!cubbyctl({"net-list", "--all"}).out.contains("other"));
    }

    void startBringsTheNetworkUp() {
        // Signals go to clients polkit allowed to monitor (the helper may have been restarted
        // since this one last called): a client makes itself known, as the app does.
        QCOMPARE(call(QStringLiteral("ListNetworks")).type(), QDBusMessage::ReplyMessage);
        m_states.clear();
        const Run started = cubbyctl({"net-start", "lan"}, allowed());
        QVERIFY2(started.exitCode == 0, qPrintable(started.err));
        QVERIFY(started.out.contains("Network lan started"));
        const Run address = sh("ip -4 -o addr show dev cubbybr0");
        QVERIFY2(address.out.contains("inet 192.168.151.1/24"), qPrintable(address.out));
        QVERIFY2(sh("ip -o link show dev cubbybr0").out.contains(",UP"), "the bridge is not up");
        const QString rules = ruleset();
        QVERIFY2(rules.contains("table inet cubby_lan"), qPrintable(rules));
        QVERIFY2(rules.contains("192.168.151.0/24"), qPrintable(rules));
        QCOMPARE(dnsmasqCount(), 1);
        QVERIFY(cubbyctl({"net-list"})
                    .out.contains(QRegularExpression(R"(lan\s+active\s+no\s+yes\s+cubbybr0)")));
        QTRY_VERIFY(m_states.contains("lan=active"));
        const Run again = cubbyctl({"net-start", "lan"}, allowed());
        QCOMPARE(again.exitCode, 1);
        QVERIFY2(again.err.contains("network 'lan' is already active"), qPrintable(again.err));
    }

    void containerNeedsItsNetworkRunning() {
        QCOMPARE(cubbyctl({"net-define", "-"}, allowed(), networkXml("idle").toUtf8()).exitCode, 0);
        QCOMPARE(cubbyctl({"define", "-"}, 0,
                          QByteArray::fromStdString(
                              domainXml("orphan", QString::fromStdString(m_root->path()), "/bin/sh",
                                        "idle", "52:54:00:c0:ff:01")))
                     .exitCode,
                 0);
        const Run refused = cubbyctl({"start", "orphan"}, allowed());
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains("network 'idle' is not running; start it first"),
                 qPrintable(refused.err));
        QVERIFY(!cubbyctl({"list"}).out.contains("orphan"));
        QCOMPARE(cubbyctl({"undefine", "orphan"}).exitCode, 0);
        QCOMPARE(cubbyctl({"net-undefine", "idle"}, allowed()).exitCode, 0);
    }

    void containerGetsALease() {
        m_root->writeFile("sbin/init-netbox",
                          "#!/bin/sh\nudhcpc -i eth0 -n -q -f -t 10 -T 1 -x hostname:netbox "
                          "-s /sbin/udhcpc-script\nip -4 -o addr show eth0\n"
                          // an IPv6 address no Cubby record holds (as SLAAC would give)
                          "ip -6 addr add 2001:db8:151::42/64 dev eth0\necho END\n"
                          "exec sleep 1000\n");
        QCOMPARE(cubbyctl({"define", "-"}, 0,
                          QByteArray::fromStdString(
                              domainXml("netbox", QString::fromStdString(m_root->path()),
                                        "/sbin/init-netbox", "lan", m_mac)))
                     .exitCode,
                 0);
        const Run started = cubbyctl({"start", "netbox"}, allowed());
        QVERIFY2(started.exitCode == 0, qPrintable(started.err));

        const QDBusMessage console = call("OpenConsole", {QStringLiteral("netbox")});
        QVERIFY2(console.type() == QDBusMessage::ReplyMessage, qPrintable(console.errorMessage()));
        const int fd =
            qvariant_cast<QDBusUnixFileDescriptor>(console.arguments().at(0)).fileDescriptor();
        const QString said = readFd(fd, "END", 30000);
        const auto lease = QRegularExpression(R"(lease=(192\.168\.151\.\d+))").match(said);
        QVERIFY2(lease.hasMatch(), qPrintable(said));
        m_containerIp = lease.captured(1);
        QVERIFY2(said.contains("inet " + m_containerIp + "/24"), qPrintable(said));
        // The host reaches the container at its leased address over the bridge.
        const Run ping = sh("ping -c 1 -W 2 " + m_containerIp);
        QVERIFY2(ping.exitCode == 0, qPrintable(ping.out));

        const Run leases = cubbyctl({"net-dhcp-leases", "lan"});
        QCOMPARE(leases.exitCode, 0);
        QVERIFY2(leases.out.contains(QRegularExpression(
                     R"(Expiry Time\s+MAC address\s+Protocol\s+IP address\s+Hostname)")),
                 qPrintable(leases.out));
        QVERIFY2(
            leases.out.contains(QRegularExpression(
                R"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+)" + QRegularExpression::escape(m_mac) +
                R"(\s+ipv4\s+)" + QRegularExpression::escape(m_containerIp) + R"(\s+netbox\s)")),
            qPrintable(leases.out));

        // The list shows the leased address and what the container's own namespace has
        // beyond it (read from /proc/PID/net), IPv6 included once its duplicate address
        // detection is over; never the link-local or loopback ones.
        const auto listed = [] {
            const QDBusMessage reply = call(QStringLiteral("ListContainers"));
            for (const QVariantMap& entry :
                 qdbus_cast<QList<QVariantMap>>(reply.arguments().value(0))) {
                if (entry.value(QStringLiteral("name")).toString() == "netbox")
                    return entry.value(QStringLiteral("addresses")).toStringList();
            }
            return QStringList{};
        };
        QTRY_VERIFY2_WITH_TIMEOUT(listed().contains("2001:db8:151::42"),
                                  qPrintable(listed().join(' ')), 10000);
        const QStringList addresses = listed();
        QVERIFY2(addresses.contains(m_containerIp), qPrintable(addresses.join(' ')));
        QCOMPARE(addresses.count(m_containerIp), 1);
        for (const QString& address : addresses)
            QVERIFY2(!address.startsWith("fe80") && !address.startsWith("127.") && address != "::1",
                     qPrintable(addresses.join(' ')));
    }

    void diagnoseFindsEveryHopOk() {
        const Run report = cubbyctl({"net-diagnose", "lan"});
        QVERIFY2(report.exitCode == 0, qPrintable(report.out + report.err));
        for (const char* hop : {"state", "bridge", "address", "subnet", "forwarding", "rules",
                                "firewall", "uplink", "dnsmasq", "dns", "upstream"})
            QVERIFY2(hasHop(report.out, "ok", hop), qPrintable(hop + (": " + report.out)));
        QVERIFY2(!report.out.contains("[fail") && !report.out.contains("[warning"),
                 qPrintable(report.out));
        QVERIFY2(hasHop(report.out, "ok", "uplink", "default route through uplink0"),
                 qPrintable(report.out));
        QVERIFY2(hasHop(report.out, "ok", "dns", "dnsmasq answers DNS questions on 192.168.151.1"),
                 qPrintable(report.out));
        QVERIFY2(hasHop(report.out, "ok", "upstream", "198.51.100.53"), qPrintable(report.out));
        QVERIFY2(report.out.endsWith("Verdict: every hop works\n"), qPrintable(report.out));
    }

    void diagnoseNamesABrokenHop() {
        // The bridge loses its address: no gateway for the containers.
        QCOMPARE(sh("ip addr del 192.168.151.1/24 dev cubbybr0").exitCode, 0);
        Run report = cubbyctl({"net-diagnose", "lan"});
        QCOMPARE(report.exitCode, 3);
        QVERIFY2(hasHop(report.out, "fail", "address",
                        "bridge cubbybr0 lacks the network's address 192.168.151.1/24"),
                 qPrintable(report.out));
        QVERIFY2(report.out.contains("Verdict: containers on lan cannot reach the outside: "
                                     "bridge cubbybr0 lacks"),
                 qPrintable(report.out));
        QCOMPARE(sh("ip addr add 192.168.151.1/24 dev cubbybr0").exitCode, 0);
        QTRY_VERIFY_WITH_TIMEOUT(cubbyctl({"net-diagnose", "lan"}).exitCode == 0, 15000);

        // Docker starts after the network: its FORWARD policy drop has no opening for us.
        const Run docker =
            sh("nft 'add table ip filter; add chain ip filter FORWARD { type filter hook "
               "forward priority 0; policy drop; }'");
        QVERIFY2(docker.exitCode == 0, qPrintable(docker.out));
        report = cubbyctl({"net-diagnose", "lan"});
        QCOMPARE(report.exitCode, 3);
        QVERIFY2(hasHop(report.out, "fail", "firewall",
                        "the forward chain FORWARD in table ip filter has policy drop for the "
                        "network's traffic, and Cubby's opening is not there"),
                 qPrintable(report.out));
        QCOMPARE(sh("nft delete table ip filter").exitCode, 0);

        // Forwarding switched off by someone else.
        QCOMPARE(sh("sysctl -qw net.ipv4.ip_forward=0").exitCode, 0);
        report = cubbyctl({"net-diagnose", "lan"});
        QCOMPARE(report.exitCode, 3);
        QVERIFY2(hasHop(report.out, "fail", "forwarding", "IPv4 forwarding is off"),
                 qPrintable(report.out));
        QCOMPARE(sh("sysctl -qw net.ipv4.ip_forward=1").exitCode, 0);
        QCOMPARE(cubbyctl({"net-diagnose", "lan"}).exitCode, 0);
    }

    void conflictingSubnetIsRefusedAtStart() {
        QCOMPARE(cubbyctl({"net-define", "-"}, allowed(), networkXml("second").toUtf8()).exitCode,
                 0);
        const Run xml = cubbyctl({"net-dumpxml", "second"});
        QVERIFY2(xml.out.contains("<ip address='192.168.152.1' prefix='24'>"), qPrintable(xml.out));
        QVERIFY2(xml.out.contains("<bridge name='cubbybr1'"), qPrintable(xml.out));
        // The laptop joins a network that uses the same /24.
        QCOMPARE(sh("ip addr add 192.168.152.7/24 dev uplink0").exitCode, 0);
        const QString before = ruleset();
        const Run refused = cubbyctl({"net-start", "second"}, allowed());
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains("overlaps the host's address 192.168.152.7/24 on uplink0"),
                 qPrintable(refused.err));
        QVERIFY(!linkExists("cubbybr1"));
        QCOMPARE(ruleset(), before);
        QVERIFY(cubbyctl({"net-list", "--all"})
                    .out.contains(QRegularExpression(R"(second\s+inactive)")));
        QCOMPARE(sh("ip addr del 192.168.152.7/24 dev uplink0").exitCode, 0);
        QCOMPARE(cubbyctl({"net-undefine", "second"}, allowed()).exitCode, 0);
    }

    void networkOutlivesAKilledHelper() {
        QFile pidFile(prefix + "/run/cubby/.net/lan/supervisor.pid");
        QVERIFY(pidFile.open(QIODevice::ReadOnly));
        const pid_t supervisor = pidFile.readAll().trimmed().toInt();
        QVERIFY(supervisor > 1);
        QVERIFY(cubbyctl({"net-list"}).exitCode == 0);
        const pid_t helper = helperPid();
        QVERIFY(helper > 0);
        QCOMPARE(::kill(helper, SIGKILL), 0);
        QTRY_VERIFY(!helperOnBus());
        // A new helper, activated by this call, finds the network where it was.
        const Run listed = cubbyctl({"net-list"});
        QVERIFY2(listed.out.contains(QRegularExpression(R"(lan\s+active)")),
                 qPrintable(listed.out));
        QVERIFY(helperPid() != helper);
        QCOMPARE(::kill(supervisor, 0), 0);
        QVERIFY(linkExists("cubbybr0"));
        QCOMPARE(dnsmasqCount(), 1);
    }

    void destroyLeavesNothing() {
        QCOMPARE(cubbyctl({"destroy", "netbox"}, allowed()).exitCode, 0);
        const Run refused = cubbyctl({"net-destroy", "lan"}, denied());
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains("not authorized"), qPrintable(refused.err));
        QVERIFY(linkExists("cubbybr0"));
        QVERIFY(ruleset().contains("table inet cubby_lan"));

        // The new helper (activated after the kill above) stops a network it did not start.
        QCOMPARE(call(QStringLiteral("ListNetworks")).type(), QDBusMessage::ReplyMessage);
        m_states.clear();
        const Run destroyed = cubbyctl({"net-destroy", "lan"}, allowed());
        QVERIFY2(destroyed.exitCode == 0, qPrintable(destroyed.err));
        QVERIFY(destroyed.out.contains("Network lan destroyed"));
        // Gone by the time the call returned, not some time later.
        QVERIFY(!linkExists("cubbybr0"));
        QVERIFY2(!ruleset().contains("cubby_lan"), qPrintable(ruleset()));
        QCOMPARE(dnsmasqCount(), 0);
        QVERIFY(
            cubbyctl({"net-list", "--all"}).out.contains(QRegularExpression(R"(lan\s+inactive)")));
        QTRY_VERIFY(m_states.contains("lan=inactive"));
        const Run again = cubbyctl({"net-destroy", "lan"}, allowed());
        QCOMPARE(again.exitCode, 1);
        QVERIFY2(again.err.contains("network 'lan' is not active"), qPrintable(again.err));
        // The lease stays on disk for the next start; the definition too.
        QVERIFY(cubbyctl({"net-dhcp-leases", "lan"}).out.contains(m_mac));
    }

    // Issue 4: every container interface on a Cubby network gets a reservation, and a
    // BusyBox container without a DHCP client gets that address, route and resolver directly.
    void busyboxWithoutDhcpClientGetsItsReservation() {
        QCOMPARE(cubbyctl({"net-define", "-"}, allowed(), networkXml("resv").toUtf8()).exitCode, 0);
        const Run net = cubbyctl({"net-dumpxml", "resv"});
        const auto subnet =
            QRegularExpression(R"(<ip address='(\d+\.\d+\.\d+)\.1')").match(net.out);
        QVERIFY2(subnet.hasMatch(), qPrintable(net.out));
        m_subnet = subnet.captured(1);
        const Run started = cubbyctl({"net-start", "resv"}, allowed());
        QVERIFY2(started.exitCode == 0, qPrintable(started.err));

        m_root->writeFile("sbin/init-quiet", "#!/bin/sh\nip -4 -o addr show eth0\nip route\n"
                                             "cat /etc/resolv.conf\necho END\nexec sleep 1000\n");
        const QString root = QString::fromStdString(m_root->path());
        const Run defined =
            cubbyctl({"define", "-"}, 0, plainDomainXml("quiet", root, "/sbin/init-quiet", "resv"));
        QVERIFY2(defined.exitCode == 0, qPrintable(defined.err));
        // The generated MAC is stored with the definition, and the network reserves the first
        // free address of its range for it, under the container's name.
        const Run xml = cubbyctl({"dumpxml", "quiet"});
        const auto mac =
            QRegularExpression(R"(<mac address='(52:54:00:[0-9a-f:]{8})'/>)").match(xml.out);
        QVERIFY2(mac.hasMatch(), qPrintable(xml.out));
        m_quietMac = mac.captured(1);
        const QString reservation =
            QStringLiteral("<host mac='%1' name='quiet' ip='%2.2'/>").arg(m_quietMac, m_subnet);
        QVERIFY2(cubbyctl({"net-dumpxml", "resv"}).out.contains(reservation),
                 qPrintable(cubbyctl({"net-dumpxml", "resv"}).out));

        QCOMPARE(cubbyctl({"start", "quiet"}, allowed()).exitCode, 0);
        const QString said = consoleUntil("quiet", "END");
        QVERIFY2(said.contains("inet " + m_subnet + ".2/24"), qPrintable(said));
        QVERIFY2(said.contains("default via " + m_subnet + ".1 dev eth0"), qPrintable(said));
        QVERIFY2(said.contains("nameserver " + m_subnet + ".1"), qPrintable(said));
        // The bridge port may still be in STP's listening and learning states (the kernel
        // keeps STP's forward delay at 2 s or more), so the host tries for a while.
        QTRY_VERIFY_WITH_TIMEOUT(sh("ping -c 1 -W 1 " + m_subnet + ".2").exitCode == 0, 15000);
        // Its name resolves through the network's dnsmasq, though it never asked for a lease.
        const QString answer = lookUp("quiet", m_subnet + ".1");
        QVERIFY2(answer.contains(QRegularExpression(
                     "Address:? " + QRegularExpression::escape(m_subnet) + R"(\.2\s)")),
                 qPrintable(answer));
    }

    void containerDefinedWhileRunningGetsItsOwnReservation() {
        const QString dnsmasqPid = prefix + "/run/cubby/.net/resv/dnsmasq.pid";
        const QString before = fileText(dnsmasqPid);
        QVERIFY(!before.isEmpty());
        m_root->writeFile("sbin/init-lively",
                          "#!/bin/sh\nudhcpc -i eth0 -n -q -f -t 10 -T 1 -s /sbin/udhcpc-script\n"
                          "echo END\nexec sleep 1000\n");
        const QString root = QString::fromStdString(m_root->path());
        QVERIFY(!lookUp("lively", m_subnet + ".1").contains(m_subnet + ".3"));
        QCOMPARE(cubbyctl({"define", "-"}, 0,
                          plainDomainXml("lively", root, "/sbin/init-lively", "resv"))
                     .exitCode,
                 0);
        const Run net = cubbyctl({"net-dumpxml", "resv"});
        QVERIFY2(net.out.contains(QRegularExpression("<host mac='52:54:00:[0-9a-f:]{8}' "
                                                     "name='lively' ip='" +
                                                     QRegularExpression::escape(m_subnet) +
                                                     R"(\.3'/>)")),
                 qPrintable(net.out));
        // dnsmasq learnt it without a restart: the name resolves before the container runs.
        QTRY_VERIFY_WITH_TIMEOUT(lookUp("lively", m_subnet + ".1").contains(m_subnet + ".3"), 5000);
        QCOMPARE(cubbyctl({"start", "lively"}, allowed()).exitCode, 0);
        // udhcpc gets exactly the reserved address from dnsmasq.
        const QString said = consoleUntil("lively", "END");
        QVERIFY2(said.contains("lease=" + m_subnet + ".3\r\n") ||
                     said.contains("lease=" + m_subnet + ".3\n"),
                 qPrintable(said));
        QCOMPARE(fileText(dnsmasqPid), before);
        QVERIFY(cubbyctl({"net-dhcp-leases", "resv"}).out.contains(m_subnet + ".3"));
    }

    void undefineReleasesReservations() {
        QCOMPARE(cubbyctl({"destroy", "lively"}, allowed()).exitCode, 0);
        QCOMPARE(cubbyctl({"undefine", "lively"}, allowed()).exitCode, 0);
        const Run net = cubbyctl({"net-dumpxml", "resv"});
        QVERIFY2(!net.out.contains("lively") && net.out.contains("name='quiet'"),
                 qPrintable(net.out));
        // cubby-network passed that on: dnsmasq's reservation files list quiet only. (The
        // name still resolves while lively's lease lasts: dnsmasq names leases.)
        const QString files = prefix + "/run/cubby/.net/resv/dnsmasq.";
        QTRY_VERIFY_WITH_TIMEOUT(!fileText(files + "hosts").contains(m_subnet + ".3"), 5000);
        QVERIFY(fileText(files + "hosts").contains(m_quietMac + "," + m_subnet + ".2,quiet"));
        QCOMPARE(fileText(files + "names"), m_subnet + ".2 quiet");
        QCOMPARE(cubbyctl({"destroy", "quiet"}, allowed()).exitCode, 0);
        QCOMPARE(cubbyctl({"net-destroy", "resv"}, allowed()).exitCode, 0);
    }

    // Issues 4 and 5: the helper's first start after boot starts what is marked autostart.
    void autostartRunsOnTheFirstStartAfterBoot() {
        const QString marker = prefix + "/run/cubby/.autostarted";
        QVERIFY2(QFile::exists(marker), "the helper's first start leaves the boot marker");
        QCOMPARE(cubbyctl({"net-autostart", "resv"}, allowed()).exitCode, 0);
        QCOMPARE(cubbyctl({"autostart", "quiet"}, allowed()).exitCode, 0);
        const auto networkActive = [] {
            return cubbyctl({"net-list"}).out.contains(QRegularExpression(R"(resv\s+active)"));
        };
        const auto quietRunning = [] {
            return cubbyctl({"list"}).out.contains(QRegularExpression(R"(quiet\s+running)"));
        };
        // A helper restarted with the marker present (an idle exit, a crash) starts nothing.
        killHelper();
        QVERIFY(!networkActive());
        QTest::qWait(2000);
        QVERIFY(!networkActive());
        QVERIFY(!quietRunning());

        // A boot: the marker is gone with /run. Any call activates the helper.
        killHelper();
        QVERIFY(QFile::remove(marker));
        QCOMPARE(cubbyctl({"list"}).exitCode, 0);
        QTRY_VERIFY_WITH_TIMEOUT(networkActive(), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(quietRunning(), 20000);
        QVERIFY(QFile::exists(marker));
        // The container came up on its network, at its reserved address.
        QTRY_VERIFY_WITH_TIMEOUT(sh("ping -c 1 -W 1 " + m_subnet + ".2").exitCode == 0, 10000);

        QCOMPARE(cubbyctl({"destroy", "quiet"}, allowed()).exitCode, 0);
        QCOMPARE(cubbyctl({"net-destroy", "resv"}, allowed()).exitCode, 0);
        QCOMPARE(cubbyctl({"autostart", "quiet", "--disable"}, allowed()).exitCode, 0);
        QCOMPARE(cubbyctl({"net-autostart", "resv", "--disable"}, allowed()).exitCode, 0);
        QCOMPARE(cubbyctl({"undefine", "quiet"}, allowed()).exitCode, 0);
        QVERIFY(!cubbyctl({"net-dumpxml", "resv"}).out.contains("quiet"));
        QCOMPARE(cubbyctl({"net-undefine", "resv"}, allowed()).exitCode, 0);
    }

    // Issue 12, item 1: where the host has IPv6, a NAT network defined without <ip> is
    // dual-stack (a masqueraded ULA /64 beside its /24); the diagnosis follows the IPv6 path
    // hop by hop, names the hop that breaks, and says plainly when the uplink has no IPv6.
    void dualStackWhereTheHostHasIpv6() {
        const Run v6 = sh("sysctl -qw net.ipv6.conf.uplink0.accept_ra=1 && "
                          "ip -6 addr add 2001:db8:100::2/64 dev uplink0 nodad && "
                          "ip -6 route add default via 2001:db8:100::1 dev uplink0");
        QVERIFY2(v6.exitCode == 0, qPrintable(v6.out));
        const auto removeIpv6 = qScopeGuard(
            [] { sh("ip -6 route del default; ip -6 addr del 2001:db8:100::2/64 dev uplink0"); });
        QCOMPARE(cubbyctl({"net-define", "-"}, allowed(), networkXml("six").toUtf8()).exitCode, 0);
        const Run xml = cubbyctl({"net-dumpxml", "six"});
        QVERIFY2(xml.out.contains("<nat ipv6='yes'/>") &&
                     xml.out.contains(QRegularExpression(
                         "<ip family='ipv6' address='fd[0-9a-f:]+::1' prefix='64'/>")),
                 qPrintable(xml.out));
        const auto undefine = qScopeGuard([] {
            cubbyctl({"net-destroy", "six"}, allowed());
            cubbyctl({"net-undefine", "six"}, allowed());
        });
        const Run started = cubbyctl({"net-start", "six"}, allowed());
        QVERIFY2(started.exitCode == 0, qPrintable(started.err));
        // Forwarding went on, and the uplink kept taking its router's advertisements.
        QCOMPARE(fileText("/proc/sys/net/ipv6/conf/all/forwarding"), QString("1"));
        QCOMPARE(fileText("/proc/sys/net/ipv6/conf/uplink0/accept_ra"), QString("2"));

        Run report = cubbyctl({"net-diagnose", "six"});
        QVERIFY2(report.exitCode == 0 && !report.out.contains("[warning"), qPrintable(report.out));
        QVERIFY2(hasHop(report.out, "ok", "ipv6-address", "and advertises fd"),
                 qPrintable(report.out));
        QVERIFY2(hasHop(report.out, "ok", "ipv6-forwarding", "IPv6 forwarding is on (masqueraded)"),
                 qPrintable(report.out));
        QVERIFY2(hasHop(report.out, "ok", "ipv6-uplink", "IPv6 default route through uplink0"),
                 qPrintable(report.out));

        // IPv6 forwarding switched off by someone else.
        QCOMPARE(sh("sysctl -qw net.ipv6.conf.all.forwarding=0").exitCode, 0);
        report = cubbyctl({"net-diagnose", "six"});
        QCOMPARE(report.exitCode, 3);
        QVERIFY2(hasHop(report.out, "fail", "ipv6-forwarding", "IPv6 forwarding is off"),
                 qPrintable(report.out));
        QVERIFY2(hasHop(report.out, "ok", "forwarding", "IPv4 forwarding is on"),
                 qPrintable(report.out));
        QCOMPARE(sh("sysctl -qw net.ipv6.conf.all.forwarding=1 && "
                    "sysctl -qw net.ipv6.conf.uplink0.accept_ra=2")
                     .exitCode,
                 0);
        QCOMPARE(cubbyctl({"net-diagnose", "six"}).exitCode, 0);

        // ip6tables starts after the network with FORWARD policy drop: IPv6 only is blocked.
        QCOMPARE(sh("nft 'add table ip6 filter; add chain ip6 filter FORWARD { type filter hook "
                    "forward priority 0; policy drop; }'")
                     .exitCode,
                 0);
        report = cubbyctl({"net-diagnose", "six"});
        QCOMPARE(report.exitCode, 3);
        QVERIFY2(hasHop(report.out, "fail", "firewall",
                        "the forward chain FORWARD in table ip6 filter has policy drop"),
                 qPrintable(report.out));
        // A network without IPv6 is no business of that chain.
        QVERIFY(!cubbyctl({"net-diagnose", "lan"}).out.contains("ip6 filter"));
        QCOMPARE(sh("nft delete table ip6 filter").exitCode, 0);

        // The laptop moves to an IPv4-only Wi-Fi: said plainly, and not a failure.
        QCOMPARE(sh("ip -6 route del default").exitCode, 0);
        report = cubbyctl({"net-diagnose", "six"});
        QCOMPARE(report.exitCode, 0);
        QVERIFY2(hasHop(report.out, "warning", "ipv6-uplink",
                        "the host's uplink has no IPv6 (no IPv6 default route)"),
                 qPrintable(report.out));
    }

    // Issue 12, item 3: a host-bridge network through the helper: defined as written (no
    // subnet or bridge chosen), listed, refused with the reason while the host lacks the
    // bridge, then started and diagnosed; destroying it leaves the user's bridge.
    void hostBridgeNetworkThroughTheHelper() {
        const QByteArray xml =
            "<network><name>home</name><forward mode='bridge'/><bridge name='homebr'/></network>";
        QCOMPARE(cubbyctl({"net-define", "-"}, allowed(), xml).exitCode, 0);
        const auto undefine = qScopeGuard([] {
            cubbyctl({"net-destroy", "home"}, allowed());
            cubbyctl({"net-undefine", "home"}, allowed());
            sh("ip link del homebr");
        });
        const Run dumped = cubbyctl({"net-dumpxml", "home"});
        QVERIFY2(dumped.out.contains("<forward mode='bridge'/>") &&
                     dumped.out.contains("<bridge name='homebr'/>") && !dumped.out.contains("<ip"),
                 qPrintable(dumped.out));
        QVERIFY(cubbyctl({"net-list", "--all"})
                    .out.contains(QRegularExpression(R"(home\s+inactive\s+no\s+yes\s+homebr)")));
        const Run refused = cubbyctl({"net-start", "home"}, allowed());
        QVERIFY(refused.exitCode != 0);
        QVERIFY2(refused.err.contains("the host has no bridge homebr"), qPrintable(refused.err));
        QCOMPARE(sh("ip link add homebr type bridge && ip link set homebr up").exitCode, 0);
        const Run started = cubbyctl({"net-start", "home"}, allowed());
        QVERIFY2(started.exitCode == 0, qPrintable(started.err));
        const Run report = cubbyctl({"net-diagnose", "home"});
        QVERIFY2(report.exitCode == 0 &&
                     hasHop(report.out, "ok", "lan", "containers join the host's bridge homebr"),
                 qPrintable(report.out));
        QCOMPARE(cubbyctl({"net-destroy", "home"}, allowed()).exitCode, 0);
        QVERIFY(linkExists("homebr"));
    }

    // Issue 12, items 3 and 5: the wizard's list of where a host-LAN network could go. The
    // host's bridge is offered, but not its port, loopback or a running Cubby network's
    // bridge. (NICs, VLANs and Wi-Fi flags: test_network_plan; this kernel has no dummy or
    // VLAN driver to make a NIC with.)
    void hostLansAreListedBeforeTheUserPicks() {
        QCOMPARE(sh("ip link add lanbr9 type bridge && ip link add lanport9 type veth peer name "
                    "lanpeer9 && ip link set lanport9 master lanbr9 && ip link set lanbr9 up")
                     .exitCode,
                 0);
        QCOMPARE(cubbyctl({"net-define", "-"}, allowed(), networkXml("listing").toUtf8()).exitCode,
                 0);
        QCOMPARE(cubbyctl({"net-start", "listing"}, allowed()).exitCode, 0);
        const auto cleanUp = qScopeGuard([] {
            cubbyctl({"net-destroy", "listing"}, allowed());
            cubbyctl({"net-undefine", "listing"}, allowed());
            sh("ip link del lanbr9; ip link del lanport9");
        });
        const auto bridge = QRegularExpression("<bridge name='([a-z0-9]+)'")
                                .match(cubbyctl({"net-dumpxml", "listing"}).out)
                                .captured(1);
        QVERIFY(linkExists(bridge));
        const QDBusMessage reply = call(QStringLiteral("ListHostLans"));
        QCOMPARE(reply.type(), QDBusMessage::ReplyMessage);
        QMap<QString, QVariantMap> byName;
        for (const QVariantMap& entry : qdbus_cast<QList<QVariantMap>>(reply.arguments().value(0)))
            byName.insert(entry.value("name").toString(), entry);
        QVERIFY2(byName.contains("lanbr9"), qPrintable(QStringList(byName.keys()).join(' ')));
        QCOMPARE(byName["lanbr9"].value("kind").toString(), QStringLiteral("bridge"));
        QCOMPARE(byName["lanbr9"].value("up").toBool(), true);
        QCOMPARE(byName["lanbr9"].value("wireless").toBool(), false);
        QCOMPARE(byName["lanbr9"].value("uplink").toBool(), false);
        QCOMPARE(byName["lanbr9"].value("card").toBool(), false); // a veth is no way out
        for (const QString& hidden :
             {QStringLiteral("lanport9"), QStringLiteral("lanpeer9"), QStringLiteral("lo"), bridge})
            QVERIFY2(!byName.contains(hidden), qPrintable(hidden));
        // A caller polkit refuses learns nothing of the host's links.
        const Run refused =
            sh(QStringLiteral("setpriv --reuid=%1 --regid=%1 --clear-groups -- dbus-send --system "
                              "--print-reply --dest=io.github.cubby1 /io/github/cubby1 "
                              "io.github.cubby1.Manager.ListHostLans 2>&1")
                   .arg(denied()));
        QVERIFY(refused.exitCode != 0);
        QVERIFY2(refused.out.contains("not authorized") && !refused.out.contains("lanbr9"),
                 qPrintable(refused.out));
    }

    // Issue 12, item 6, per container: the helper copies a container's walls into each of its
    // networks by MAC when it is defined, drops them when they or it go, and refuses them on a
    // network that has no firewall to keep them, storing nothing.
    void containerWallsFollowTheContainer() {
        QCOMPARE(cubbyctl({"net-define", "-"}, allowed(), networkXml("walling").toUtf8()).exitCode,
                 0);
        QCOMPARE(cubbyctl({"net-define", "-"}, allowed(),
                          "<network><name>wideopen</name><forward mode='open'/></network>")
                     .exitCode,
                 0);
        const auto undefine = qScopeGuard([] {
            cubbyctl({"undefine", "boxed"}, allowed());
            cubbyctl({"net-undefine", "walling"}, allowed());
            cubbyctl({"net-undefine", "wideopen"}, allowed());
        });
        const QString root = QString::fromStdString(m_root->path());
        const auto boxed = [&](const QString& network, const QString& walls) {
            QByteArray xml = plainDomainXml("boxed", root, "/sbin/init", network);
            if (!walls.isEmpty())
                xml.replace("</devices>",
                            "</devices><metadata><cubby:container xmlns:cubby='https://github.com/"
                            "cubby1/cubby/xmlns/container/1'>" +
                                walls.toUtf8() + "</cubby:container></metadata>");
            return cubbyctl({"define", "-"}, 0, xml);
        };
        const Run defined = boxed("walling", "<cubby:walls host='services'/>");
        QVERIFY2(defined.exitCode == 0, qPrintable(defined.err));
        const auto mac = QRegularExpression(R"(<mac address='(52:54:00:[0-9a-f:]{8})'/>)")
                             .match(cubbyctl({"dumpxml", "boxed"}).out);
        QVERIFY(mac.hasMatch());
        const QString kept = QStringLiteral("<cubby:containerwalls container='boxed' mac='%1' "
                                            "host='services' lan='yes'/>")
                                 .arg(mac.captured(1));
        QVERIFY2(cubbyctl({"net-dumpxml", "walling"}).out.contains(kept),
                 qPrintable(cubbyctl({"net-dumpxml", "walling"}).out));
        // Another container cannot take them over with boxed's MAC: refused, nothing stored.
        const Run thief = cubbyctl({"define", "-"}, allowed(),
                                   QByteArray::fromStdString(domainXml(
                                       "thief", root, "/sbin/init", "walling", mac.captured(1))));
        QVERIFY(thief.exitCode != 0);
        QVERIFY2(thief.err.contains("is container 'boxed''s already"), qPrintable(thief.err));
        QVERIFY(cubbyctl({"dumpxml", "thief"}).exitCode != 0);
        QVERIFY(cubbyctl({"net-dumpxml", "walling"}).out.contains(kept));
        // Redefined without walls: the network forgets them.
        QCOMPARE(boxed("walling", "").exitCode, 0);
        QVERIFY(!cubbyctl({"net-dumpxml", "walling"}).out.contains("containerwalls"));
        // An open network cannot keep them: refused by name, and the stored container stays.
        const Run refused = boxed("wideopen", "<cubby:walls lan='no'/>");
        QVERIFY(refused.exitCode != 0);
        QVERIFY2(refused.err.contains("container boxed: network wideopen is open"),
                 qPrintable(refused.err));
        QVERIFY(cubbyctl({"dumpxml", "boxed"}).out.contains("<source network='walling'/>"));
        QVERIFY(!cubbyctl({"net-dumpxml", "wideopen"}).out.contains("containerwalls"));
    }

    void verbsExplainThemselves() {
        for (const char* verb : {"net-start", "net-destroy", "net-list", "net-autostart",
                                 "net-dhcp-leases", "net-diagnose"}) {
            const Run help = cubbyctl({verb, "--help"});
            QCOMPARE(help.exitCode, 0);
            QVERIFY2(help.out.startsWith(QStringLiteral("usage: cubbyctl ") + verb),
                     qPrintable(help.out));
        }
        const Run missing = cubbyctl({"net-start"});
        QCOMPARE(missing.exitCode, 2);
        QVERIFY(missing.err.contains("usage: cubbyctl net-start NAME"));
        const Run unknown = cubbyctl({"net-diagnose", "nosuchnet"});
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY2(unknown.err.contains("no network named 'nosuchnet'"), qPrintable(unknown.err));
        QVERIFY(unknown.out.isEmpty());
    }

    void recordState(const QString& name, const QString& state) { m_states << name + "=" + state; }
};

QTEST_GUILESS_MAIN(TestHelperNetworks)
#include "test_helper_networks.moc"
