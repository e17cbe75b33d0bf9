// The networks panel and the "New Network" wizard end to end: the real cubby-helper
// (bus-activated from this build on a private system bus with the real polkitd), in the
// fixture's own network namespace, under Xvfb. The wizard refuses a bad port and a duplicate
// name on their pages, creates a NAT network with an automatic subnet, a port forward and DNS
// names of each kind, and starts it; the panel shows it active with its bridge and subnet,
// diagnoses it, stops it and deletes it after a confirmation. Screenshots land in
// ${CUBBY_ARTIFACTS_DIR}/screenshots.
#include "gui_test_support.h"

#include "helper_connection.h"
#include "network_list_model.h"
#include "network_wizard.h"
#include "network_wizard_pages.h"
#include "networks_panel.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QTreeWidget>
#include <memory>
#include <unistd.h>

using namespace cubby;
using cubby::test::artifactsDir;
using cubby::test::screenshot;

namespace {

// A shell command in the test's namespace: its output, or a null string when it failed.
QString sh(const QString& command) {
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(QStringLiteral("sh"), {QStringLiteral("-c"), command});
    if (!process.waitForFinished(30000) || process.exitCode() != 0)
        return {};
    return QString::fromUtf8(process.readAll());
}

QString cell(NetworksPanel& panel, const QString& name, int column) {
    const int row = panel.model()->rowOf(name);
    return row < 0 ? QString() : panel.model()->index(row, column).data().toString();
}

QString storedXml(const QString& name) {
    QDBusMessage message = QDBusMessage::createMethodCall(
        "io.github.cubby1", "/io/github/cubby1", "io.github.cubby1.Manager", "GetNetworkXml");
    message.setArguments({name});
    const QDBusMessage reply = QDBusConnection::systemBus().call(message, QDBus::Block, 60000);
    return reply.type() == QDBusMessage::ReplyMessage ? reply.arguments().at(0).toString()
                                                      : QString();
}

} // namespace

class TestNetworkPanel : public QObject {
    Q_OBJECT
    std::unique_ptr<HelperConnection> m_helper;
    std::unique_ptr<NetworksPanel> m_panel;
    QStringList m_errors;

    NetworkWizard* openWizard() {
        m_panel->button(NetworksPanel::New)->click();
        NetworkWizard* wizard = m_panel->wizard();
        return wizard && QTest::qWaitForWindowExposed(wizard) ? wizard : nullptr;
    }

private slots:
    void initTestCase() {
        QVERIFY2(geteuid() == 0, "the fixtures need root: run it through scripts/test");
        QVERIFY2(qEnvironmentVariableIsSet("CUBBY_TEST_ALLOWED_UID"),
                 "run this test through tests/support/with-system-bus");
        QVERIFY2(QGuiApplication::platformName() == "xcb",
                 "run this test through tests/support/with-xvfb");
        // Never touch a real host: the fixture's --net namespace has nothing but loopback.
        QVERIFY2(sh("ip -o link show | grep -v ' lo:' || true").isEmpty(),
                 "not in a fresh network namespace");
        // The laptop's uplink (as in the dbus tier's test_helper_networks): a veth end with a
        // default route and an address in Cubby's first candidate /24, which the new network
        // must avoid.
        QVERIFY(!sh("ip link add uplink0 type veth peer name uplink0peer && "
                    "ip link set uplink0peer up && ip link set uplink0 up && "
                    "ip addr add 198.51.100.2/24 dev uplink0 && "
                    "ip addr add 192.168.150.9/24 dev uplink0 && "
                    "ip route add default via 198.51.100.1 && echo ok")
                     .isNull());
        // dnsmasq's upstream (the service file's --resolv-file): routed, never answered.
        QFile resolv(QStringLiteral(CUBBY_TEST_PREFIX "/upstream-resolv.conf"));
        QVERIFY(resolv.open(QIODevice::WriteOnly));
        resolv.write("nameserver 198.51.100.53\n");
        resolv.close();

        m_helper = std::make_unique<HelperConnection>(QDBusConnection::systemBus());
        m_panel = std::make_unique<NetworksPanel>(m_helper.get());
        connect(m_panel.get(), &NetworksPanel::error, this,
                [this](const QString& text) { m_errors << text; });
        m_panel->setWindowTitle(QStringLiteral("Cubby — Networks"));
        m_panel->move(0, 0);
        m_panel->resize(1280, 800); // the whole X screen
        m_panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
        m_panel->activateWindow();
        QSignalSpy listed(m_panel.get(), &NetworksPanel::listed);
        QVERIFY(listed.wait(20000));
        QCOMPARE(m_panel->model()->rowCount(), 0);
        QVERIFY(!m_panel->button(NetworksPanel::Start)->isEnabled());
        QVERIFY(m_panel->button(NetworksPanel::New)->isEnabled());
    }

    void cleanupTestCase() {
        m_panel.reset();
        m_helper.reset();
    }

    void wizardCreatesAndStartsANatNetwork() {
        NetworkWizard* wizard = openWizard();
        QVERIFY(wizard);
        // Page 1: name and kind; NAT is the default.
        NameKindPage* first = wizard->nameKindPage();
        QVERIFY(first->natButton()->isChecked());
        QVERIFY(!wizard->button(QWizard::NextButton)->isHidden());
        wizard->next(); // no name yet: refused
        QCOMPARE(wizard->currentPage(), first);
        QVERIFY(first->errorLabel()->isVisible());
        first->nameEdit()->setText(QStringLiteral("wiznet"));
        QVERIFY(!first->errorLabel()->isVisible());
        QVERIFY(screenshot("network-wizard-1-name.png"));
        wizard->next();
        // Page 2: the subnet is left to the helper by default.
        AddressesPage* second = wizard->addressesPage();
        QCOMPARE(wizard->currentPage(), second);
        QVERIFY(second->automaticButton()->isChecked());
        QVERIFY(!second->subnetEdit()->isEnabled());
        second->manualButton()->setChecked(true);
        second->subnetEdit()->setText(QStringLiteral("192.168.150.0/33"));
        wizard->next();
        QCOMPARE(wizard->currentPage(), second);
        QVERIFY(second->errorLabel()->isVisible());
        QVERIFY(screenshot("network-wizard-2-bad-subnet.png"));
        second->automaticButton()->setChecked(true);
        QVERIFY(!second->errorLabel()->isVisible());
        QVERIFY(screenshot("network-wizard-2-addresses.png"));
        wizard->next();
        // Page 3: IPv6 and the walls. The safe defaults: IPv6 with a prefix chosen for us,
        // the host's services walled off, the LAN reachable. A bad prefix is refused inline.
        ReachPage* reach = wizard->reachPage();
        QCOMPARE(wizard->currentPage(), reach);
        QVERIFY(reach->ipv6Box()->isChecked());
        QVERIFY(!reach->reachHostBox()->isChecked());
        QVERIFY(reach->reachLanBox()->isChecked());
        reach->ipv6PrefixEdit()->setText(QStringLiteral("fd00::/48"));
        wizard->next();
        QCOMPARE(wizard->currentPage(), reach);
        QVERIFY2(reach->errorLabel()->isVisible() && reach->errorLabel()->text().contains("/64"),
                 qPrintable(reach->errorLabel()->text()));
        QVERIFY(screenshot("network-wizard-3-bad-prefix.png"));
        reach->ipv6PrefixEdit()->clear();
        reach->reachLanBox()->setChecked(false);
        QVERIFY(!reach->errorLabel()->isVisible());
        QVERIFY(screenshot("network-wizard-3-reach.png"));
        wizard->next();
        // Page 4: a bad port is refused inline, then fixed.
        PortForwardsPage* third = wizard->portForwardsPage();
        QCOMPARE(wizard->currentPage(), third);
        third->addRow({QStringLiteral("tcp"), QStringLiteral("70000"), QStringLiteral(".10"),
                       QStringLiteral("80")});
        wizard->next();
        QCOMPARE(wizard->currentPage(), third);
        QVERIFY(third->errorLabel()->isVisible());
        QVERIFY2(third->errorLabel()->text().contains("70000"),
                 qPrintable(third->errorLabel()->text()));
        QVERIFY(screenshot("network-wizard-4-bad-port.png"));
        third->table()->item(0, PortForwardsPage::HostPort)->setText(QStringLiteral("8080"));
        wizard->next();
        QVERIFY(!third->errorLabel()->isVisible());
        // Page 5: DNS names, one of each kind. A port out of range is refused inline, on the
        // tab that holds it.
        DnsNamesPage* dns = wizard->dnsNamesPage();
        QCOMPARE(wizard->currentPage(), dns);
        QVERIFY(dns->tabs()->isEnabled());
        QVERIFY(screenshot("network-wizard-5-dns-empty.png"));
        dns->addHost({QStringLiteral("web"), QStringLiteral(".10")});
        dns->addSrv({QStringLiteral("ldap"), QStringLiteral("tcp"),
                     QStringLiteral("web.wiz.internal"), QStringLiteral("70000")});
        dns->addTxt({QStringLiteral("wiz.internal"), QStringLiteral("owner=cubby test")});
        dns->addForwarder({QStringLiteral("corp.example"), false, QStringLiteral("198.51.100.53")});
        dns->addForwarder({QStringLiteral("home.arpa"), true, QString()});
        QCOMPARE(dns->tabs()->currentIndex(), int(DnsRecordKind::Forwarder));
        QVERIFY(screenshot("network-wizard-5-dns-forwarders.png"));
        wizard->next();
        QCOMPARE(wizard->currentPage(), dns);
        QVERIFY2(dns->errorLabel()->isVisible() && dns->errorLabel()->text().contains("70000"),
                 qPrintable(dns->errorLabel()->text()));
        QCOMPARE(dns->tabs()->currentIndex(), int(DnsRecordKind::Srv));
        QVERIFY(screenshot("network-wizard-5-dns-bad-port.png"));
        dns->table(DnsRecordKind::Srv)
            ->item(0, DnsNamesPage::SrvPort)
            ->setText(QStringLiteral("389"));
        QVERIFY(!dns->errorLabel()->isVisible());
        dns->tabs()->setCurrentIndex(int(DnsRecordKind::Host));
        QVERIFY(screenshot("network-wizard-5-dns-hosts.png"));
        wizard->next();
        QVERIFY(!dns->errorLabel()->isVisible());
        QCOMPARE(wizard->currentPage(), wizard->summaryPage());
        // Page 6: summary; start it now (the default).
        SummaryPage* last = wizard->summaryPage();
        QVERIFY(last->startNowBox()->isChecked());
        const QString summary = last->summaryLabel()->text();
        QVERIFY(summary.contains("wiznet"));
        QVERIFY(summary.contains("8080"));
        QVERIFY(summary.contains("internet only"));
        for (const char* name :
             {"web", "ldap/tcp", "owner=cubby test", "corp.example", "198.51.100.53", "home.arpa"})
            QVERIFY2(summary.contains(QString::fromUtf8(name)), qPrintable(summary));
        QVERIFY(screenshot("network-wizard-6-summary.png"));
        QSignalSpy created(wizard, &NetworkWizard::networkCreated);
        wizard->button(QWizard::FinishButton)->click();
        QVERIFY2(created.wait(60000), qPrintable(last->errorLabel()->text()));
        QCOMPARE(created.at(0).at(0).toString(), QStringLiteral("wiznet"));
        QTRY_VERIFY(!m_panel->wizard());

        // The panel shows it active, on a /24 the helper chose (not the uplink's).
        QTRY_COMPARE_WITH_TIMEOUT(cell(*m_panel, "wiznet", NetworkListModel::State),
                                  QStringLiteral("active"), 20000);
        const QString subnet = cell(*m_panel, "wiznet", NetworkListModel::Subnet);
        QVERIFY2(QRegularExpression(R"(^192\.168\.\d+\.0/24$)").match(subnet).hasMatch(),
                 qPrintable(subnet));
        QVERIFY(subnet != QStringLiteral("192.168.150.0/24"));
        const QString bridge = cell(*m_panel, "wiznet", NetworkListModel::Bridge);
        QVERIFY(!bridge.isEmpty());
        QVERIFY2(!sh("ip link show dev " + bridge).isNull(), qPrintable(bridge));
        QTRY_COMPARE(m_panel->selectedNetwork(), QStringLiteral("wiznet"));
        // The forward reached the stored definition, inside the chosen subnet.
        const QString target = subnet.section('.', 0, 2) + ".10";
        const QString xml = storedXml("wiznet");
        QVERIFY2(xml.contains("hostport='8080'") && xml.contains("address='" + target + "'"),
                 qPrintable(xml));
        // The walls as chosen; IPv6 asked for (this namespace has none, so no prefix yet).
        QVERIFY2(xml.contains("<cubby:walls host='services' lan='no'/>") &&
                     xml.contains("<nat ipv6='yes'/>"),
                 qPrintable(xml));
        // The DNS names too, the host named by number inside the chosen subnet.
        for (const QString& expected :
             {"<host ip='" + target + "'>", QStringLiteral("<hostname>web</hostname>"),
              QStringLiteral("<srv service='ldap' protocol='tcp' target='web.wiz.internal' "
                             "port='389'"),
              QStringLiteral("<txt name='wiz.internal' value='owner=cubby test'/>"),
              QStringLiteral("<forwarder domain='corp.example' addr='198.51.100.53'/>"),
              QStringLiteral("<forwarder domain='home.arpa'/>")})
            QVERIFY2(xml.contains(expected), qPrintable(expected + '\n' + xml));
        QVERIFY2(m_errors.isEmpty(), qPrintable(m_errors.join('\n')));
    }

    void duplicateNameIsRefusedOnItsPage() {
        NetworkWizard* wizard = openWizard();
        QVERIFY(wizard);
        wizard->nameKindPage()->nameEdit()->setText(QStringLiteral("wiznet"));
        wizard->next();
        QCOMPARE(wizard->currentPage(), wizard->nameKindPage());
        QLabel* error = wizard->nameKindPage()->errorLabel();
        QVERIFY(error->isVisible());
        QVERIFY2(error->text().contains("exists already"), qPrintable(error->text()));
        QVERIFY(screenshot("network-wizard-1-duplicate.png"));
        wizard->reject();
        QTRY_VERIFY(!m_panel->wizard());
    }

    // An isolated network without a subnet has no DNS server: the DNS names page says so and
    // takes nothing.
    void isolatedNetworkTakesNoDnsNames() {
        NetworkWizard* wizard = openWizard();
        QVERIFY(wizard);
        wizard->nameKindPage()->nameEdit()->setText(QStringLiteral("iso"));
        wizard->nameKindPage()->isolatedButton()->setChecked(true);
        for (int page = 0; page < 4; ++page) // name, addresses, IPv6 and walls, port forwards
            wizard->next();
        DnsNamesPage* dns = wizard->dnsNamesPage();
        QCOMPARE(wizard->currentPage(), dns);
        QVERIFY(!dns->tabs()->isEnabled());
        QVERIFY(screenshot("network-wizard-5-dns-isolated.png"));
        wizard->reject();
        QTRY_VERIFY(!m_panel->wizard());
    }

    // A forward that does not fit the subnet the helper chose fails at Finish: the message is
    // on the summary page, the wizard stays open, and the half-made network is undone.
    void failedFinishStaysOpenAndUndoes() {
        NetworkWizard* wizard = openWizard();
        QVERIFY(wizard);
        wizard->nameKindPage()->nameEdit()->setText(QStringLiteral("badfwd"));
        for (int page = 0; page < 3; ++page) // name, addresses, IPv6 and walls
            wizard->next();
        wizard->portForwardsPage()->addRow({QStringLiteral("udp"), QStringLiteral("5353"),
                                            QStringLiteral(".300"), QStringLiteral("53")});
        wizard->next();
        QCOMPARE(wizard->currentPage(), wizard->dnsNamesPage());
        wizard->next(); // no DNS names
        QCOMPARE(wizard->currentPage(), wizard->summaryPage());
        QSignalSpy removed(m_helper->manager(), &ManagerProxy::NetworkRemoved);
        wizard->button(QWizard::FinishButton)->click();
        QLabel* error = wizard->summaryPage()->errorLabel();
        QTRY_VERIFY_WITH_TIMEOUT(error->isVisible(), 60000);
        QVERIFY2(error->text().contains("outside the subnet"), qPrintable(error->text()));
        QVERIFY(wizard->isVisible());
        QTRY_COMPARE_WITH_TIMEOUT(removed.count(), 1, 30000);
        QCOMPARE(removed.at(0).at(0).toString(), QStringLiteral("badfwd"));
        QTRY_VERIFY(wizard->button(QWizard::FinishButton)->isEnabled());
        QVERIFY(screenshot("network-wizard-6-failed.png"));
        QTRY_COMPARE(m_panel->model()->rowOf("badfwd"), -1);
        wizard->reject();
        QTRY_VERIFY(!m_panel->wizard());
    }

    void diagnoseShowsTheHops() {
        QVERIFY(m_panel->selectNetwork("wiznet"));
        QTRY_VERIFY(m_panel->button(NetworksPanel::Diagnose)->isEnabled());
        QSignalSpy diagnosed(m_panel.get(), &NetworksPanel::diagnosed);
        m_panel->button(NetworksPanel::Diagnose)->click();
        QVERIFY(diagnosed.wait(60000));
        QTreeWidget* hops = m_panel->diagnosis();
        QVERIFY(hops->topLevelItemCount() >= 5);
        QStringList seen;
        for (int i = 0; i < hops->topLevelItemCount(); ++i) {
            const QTreeWidgetItem* hop = hops->topLevelItem(i);
            seen << hop->data(0, Qt::UserRole).toString() + ": " + hop->text(1) + ": " +
                        hop->text(2);
            QVERIFY(!hop->text(2).isEmpty());
            QVERIFY(!hop->icon(1).isNull());
        }
        qInfo("%s", qPrintable(seen.join('\n')));
        QVERIFY(seen.first().startsWith("state: ok"));
        QVERIFY(seen.join('\n').contains("bridge: ok"));
        QVERIFY(screenshot("networks-panel-diagnosis.png"));
    }

    // Issue 12, items 3 and 5: "On the local network" lists the host's bridge (found by the
    // helper before the person picks, with what the uplink is said under it), goes straight to
    // the summary, and makes a host-bridge network that starts on the user's bridge.
    void wizardPutsANetworkOnTheLan() {
        QVERIFY(
            !sh("ip link add homelan type bridge && ip link set homelan up && echo ok").isNull());
        NetworkWizard* wizard = openWizard();
        QVERIFY(wizard);
        NameKindPage* first = wizard->nameKindPage();
        QTRY_VERIFY_WITH_TIMEOUT(first->lanButton()->isEnabled(), 20000);
        QVERIFY(!first->lanLinkBox()->isEnabled()); // until chosen
        QVERIFY2(first->lanNote()->text().contains("addresses from your router"),
                 qPrintable(first->lanNote()->text()));
        first->nameEdit()->setText(QStringLiteral("home"));
        first->lanButton()->setChecked(true);
        QVERIFY(first->lanLinkBox()->isEnabled());
        const int homelan = first->lanLinkBox()->findText(
            QStringLiteral("homelan — this computer's bridge"), Qt::MatchStartsWith);
        QVERIFY2(homelan >= 0, qPrintable(first->lanLinkBox()->itemText(0)));
        first->lanLinkBox()->setCurrentIndex(homelan);
        // A bridge without a network card (this namespace has none to give it) is said so.
        QVERIFY(first->lanWarning()->isVisible());
        QVERIFY2(first->lanWarning()->text().contains("homelan has no network card"),
                 qPrintable(first->lanWarning()->text()));
        QVERIFY(screenshot("network-wizard-1-lan.png"));
        wizard->next();
        QCOMPARE(wizard->currentPage(), wizard->summaryPage());
        const QString summary = wizard->summaryPage()->summaryLabel()->text();
        QVERIFY2(summary.contains("this computer's bridge homelan") &&
                     !summary.contains("Port forwards"),
                 qPrintable(summary));
        QVERIFY(screenshot("network-wizard-6-lan-summary.png"));
        QSignalSpy created(wizard, &NetworkWizard::networkCreated);
        wizard->button(QWizard::FinishButton)->click();
        QVERIFY2(created.wait(60000), qPrintable(wizard->summaryPage()->errorLabel()->text()));
        QTRY_COMPARE_WITH_TIMEOUT(cell(*m_panel, "home", NetworkListModel::State),
                                  QStringLiteral("active"), 20000);
        const QString xml = storedXml("home");
        QVERIFY2(xml.contains("<forward mode='bridge'/>") &&
                     xml.contains("<bridge name='homelan'/>") && !xml.contains("<ip"),
                 qPrintable(xml));
        for (const char* method : {"StopNetwork", "UndefineNetwork"}) {
            QDBusMessage message = QDBusMessage::createMethodCall(
                "io.github.cubby1", "/io/github/cubby1", "io.github.cubby1.Manager", method);
            message.setArguments({QStringLiteral("home")});
            const QDBusMessage reply =
                QDBusConnection::systemBus().call(message, QDBus::Block, 60000);
            QVERIFY2(reply.type() == QDBusMessage::ReplyMessage, qPrintable(reply.errorMessage()));
        }
        QTRY_COMPARE_WITH_TIMEOUT(m_panel->model()->rowOf("home"), -1, 30000);
        QVERIFY(!sh("ip link show dev homelan").isNull()); // the user's bridge stays
        sh("ip link del homelan");
    }

    // On a laptop whose uplink is Wi-Fi, the page says so before the person picks, offers a
    // wired link first and warns once a Wi-Fi one is chosen. (This namespace has no Wi-Fi
    // card, so the list is the one ListHostLans gives on such a laptop.)
    void lanChoiceWarnsAboutWifi() {
        NetworkWizard* wizard = openWizard();
        QVERIFY(wizard);
        NameKindPage* first = wizard->nameKindPage();
        QTRY_VERIFY_WITH_TIMEOUT(first->lanButton()->isEnabled() ||
                                     !first->lanNote()->text().startsWith("Looking"),
                                 20000);
        first->showHostLans({{QStringLiteral("wlp2s0"), false, true, true, true},
                             {QStringLiteral("enp0s31f6"), false, false, false, false}});
        QVERIFY2(first->lanNote()->text().contains("over Wi-Fi (wlp2s0)"),
                 qPrintable(first->lanNote()->text()));
        first->lanButton()->setChecked(true);
        QCOMPARE(first->lanLinkBox()->currentIndex(), 1); // the wired card, though down
        QVERIFY(first->lanWarning()->text().contains("cannot reach them"));
        first->lanLinkBox()->setCurrentIndex(0);
        QVERIFY(first->lanWarning()->isVisible());
        QVERIFY2(first->lanWarning()->text().contains("wlp2s0 is a Wi-Fi link"),
                 qPrintable(first->lanWarning()->text()));
        QVERIFY(screenshot("network-wizard-1-lan-wifi.png"));
        wizard->reject();
        QTRY_VERIFY(!m_panel->wizard());
    }

    void stopThenDelete() {
        QVERIFY(m_panel->selectNetwork("wiznet"));
        QTRY_VERIFY(m_panel->button(NetworksPanel::Stop)->isEnabled());
        QVERIFY(!m_panel->button(NetworksPanel::Delete)->isEnabled());
        const QString bridge = cell(*m_panel, "wiznet", NetworkListModel::Bridge);
        m_panel->button(NetworksPanel::Stop)->click();
        QTRY_COMPARE_WITH_TIMEOUT(cell(*m_panel, "wiznet", NetworkListModel::State),
                                  QStringLiteral("inactive"), 30000);
        QVERIFY(sh("ip link show dev " + bridge).isNull());
        QCOMPARE(m_panel->diagnosis()->topLevelItemCount(), 0); // it no longer holds
        QTRY_VERIFY(m_panel->button(NetworksPanel::Delete)->isEnabled());
        m_panel->button(NetworksPanel::Delete)->click();
        QMessageBox* box = m_panel->findChild<QMessageBox*>("deleteNetworkBox");
        QVERIFY(box);
        QTRY_VERIFY(box->isVisible());
        QVERIFY(screenshot("networks-panel-delete.png"));
        box->button(QMessageBox::Yes)->click();
        QTRY_COMPARE_WITH_TIMEOUT(m_panel->model()->rowOf("wiznet"), -1, 30000);
        QVERIFY(storedXml("wiznet").isEmpty());
        QVERIFY2(m_errors.isEmpty(), qPrintable(m_errors.join('\n')));
    }
};

QTEST_MAIN(TestNetworkPanel)
#include "test_network_panel.moc"
