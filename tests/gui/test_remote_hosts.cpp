// Issue 13 in the app: another machine's containers beside this machine's. The other machine
// is tests/support/with-remote-host (namespaces with their own bus, polkitd, cubby-helper and
// Debian's sshd over a veth); the app reaches it through `ssh HOST systemd-stdio-bridge` as
// cubbyctl --connect does. Checked: File ▸ Connect to Host… refuses what is not an ssh URI and
// connects to what is; both machines' lists show, each only its own containers, under headers
// saying which machine and its state; the actions act on the machine whose container is
// selected; a console tab on the remote container answers typing through ssh -tt; a dropped
// connection says so and comes back by itself; the connection is remembered for the next start
// and forgotten when closed. Screenshots land in ${CUBBY_ARTIFACTS_DIR}/screenshots.
#include "gui_test_support.h"

#include "busybox_root.h"
#include "connect_dialog.h"
#include "container_list_model.h"
#include "helper_client.h"
#include "helper_connection.h"
#include "host_section.h"
#include "main_window.h"
#include "message_bar.h"
#include "pty_terminal.h"
#include "remote_auth_agent.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QUrl>
#include <csignal>
#include <memory>
#include <qtermwidget.h>
#include <unistd.h>

using namespace cubby;
using cubby::test::run;
using cubby::test::screenshot;

namespace {

QString remote() {
    return qEnvironmentVariable("CUBBY_TEST_REMOTE");
}

test::Run onRemote(const QStringList& arguments, const QByteArray& input = {}) {
    return test::cubbyctl(QStringList{QStringLiteral("--connect"), remote()} + arguments, 0, input,
                          {QStringLiteral("CUBBY_REMOTE_CUBBYCTL=" CUBBYCTL_PATH)});
}

QString domainXml(const QString& name, const QString& root) {
    return QStringLiteral("<domain type='lxc'><name>%1</name><memory unit='MiB'>64</memory>"
                          "<os><type>exe</type><init>/sbin/init</init></os><features><privnet/>"
                          "</features><devices><filesystem type='mount'><source dir='%2'/>"
                          "<target dir='/'/></filesystem><console type='pty'/></devices>"
                          "</domain>")
        .arg(name, root);
}

QString stateIn(const HostSection* host, const QString& name) {
    const ContainerEntry* entry = host->model()->container(name);
    return entry ? entry->state : QString();
}

QString headerState(const HostSection* host) {
    const auto* label = host->containersBox()->findChild<QLabel*>(QStringLiteral("hostState"));
    return label ? label->text() : QString();
}

bool typeInto(QWidget* widget, const QString& line) {
    const QPoint centre = widget->mapToGlobal(widget->rect().center());
    return run("xdotool", {"mousemove", QString::number(centre.x()), QString::number(centre.y()),
                           "click", "1"}) &&
           run("xdotool", {"type", "--delay", "15", line}) && run("xdotool", {"key", "Return"});
}

// The ssh clients carrying the app's connection to the other machine's bus (not the consoles').
int killBusSsh() {
    int killed = 0;
    for (const test::ProcessInfo& process : test::processes())
        if (process.comm == "ssh" && process.cmdline.contains("systemd-stdio-bridge") &&
            ::kill(process.pid, SIGKILL) == 0)
            ++killed;
    return killed;
}

} // namespace

class TestRemoteHosts : public QObject {
    Q_OBJECT
    QTemporaryDir m_home;
    std::unique_ptr<test::BusyboxRoot> m_root;
    std::unique_ptr<MainWindow> m_window;
    HostSection* m_remote = nullptr;

private slots:
    void initTestCase() {
        QVERIFY2(geteuid() == 0, "the fixtures need root: run it through scripts/test");
        QVERIFY2(!remote().isEmpty(), "run this test through tests/support/with-remote-host");
        QVERIFY2(QGuiApplication::platformName() == "xcb",
                 "run this test through tests/support/with-xvfb");
        // The remembered connections go to a settings file of the test's own, under a home
        // it can write (CI's root filesystem, with the usual home, is read-only).
        QVERIFY(m_home.isValid());
        qputenv("HOME", QFile::encodeName(m_home.path()));
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        qputenv("CUBBY_REMOTE_CUBBYCTL", CUBBYCTL_PATH);
        m_root = std::make_unique<test::BusyboxRoot>();
        QVERIFY2(m_root->ok(), m_root->failure().c_str());
        QVERIFY(
            m_root->writeFile("sbin/init", "#!/bin/sh\necho console-of-$(hostname)\nexec sh -i\n"));
        const QString root = QString::fromStdString(m_root->path());
        const test::Run near = test::cubbyctl({"define", "-"}, 0, domainXml("near", root).toUtf8());
        QVERIFY2(near.exitCode == 0, qPrintable(near.err));
        const test::Run far = onRemote({"define", "-"}, domainXml("far", root).toUtf8());
        QVERIFY2(far.exitCode == 0, qPrintable(far.err));
        // The remote rules want alice's own password to start this one (remote-polkit).
        const test::Run guarded = onRemote({"define", "-"}, domainXml("guarded", root).toUtf8());
        QVERIFY2(guarded.exitCode == 0, qPrintable(guarded.err));

        m_window = std::make_unique<MainWindow>(QDBusConnection::systemBus());
        m_window->move(0, 0);
        m_window->resize(1280, 800);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_window->activateWindow();
        QTRY_COMPARE_WITH_TIMEOUT(stateIn(m_window->hosts().front(), "near"),
                                  QStringLiteral("shut off"), 20000);
    }

    void cleanupTestCase() {
        m_window.reset();
        onRemote({"destroy", "far"});
        onRemote({"undefine", "far"});
        onRemote({"destroy", "guarded"});
        onRemote({"undefine", "guarded"});
        test::cubbyctl({"undefine", "near"});
    }

    // The dialog checks the address as typed; a bad one is never tried.
    void connectDialogRefusesWhatIsNotAnSshUri() {
        QCOMPARE(m_window->connectHostAction()->text(), QStringLiteral("Connect to &Host…"));
        m_window->connectHostAction()->trigger();
        ConnectDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = m_window->findChild<ConnectDialog*>()) != nullptr);
        QTRY_VERIFY(dialog->isVisible());
        QPushButton* connectButton = dialog->buttons()->button(QDialogButtonBox::Ok);
        for (const QString& bad :
             {QStringLiteral("ssh://-oProxyCommand=evil"), QStringLiteral("http://server"),
              QStringLiteral("ssh://a b"), QStringLiteral("ssh://host;reboot")}) {
            dialog->address()->setCurrentText(bad);
            QVERIFY2(!connectButton->isEnabled(), qPrintable(bad));
            QVERIFY2(!dialog->problem()->text().isEmpty(), qPrintable(bad));
        }
        dialog->address()->setCurrentText(remote());
        QVERIFY(connectButton->isEnabled());
        QVERIFY(dialog->problem()->text().isEmpty());
        QVERIFY(screenshot("remote-connect-dialog.png"));
        dialog->reject();
        QCOMPARE(m_window->hosts().size(), 1);

        // The same refusal when asked directly: a notice, and no section.
        QVERIFY(m_window->connectToHost(QStringLiteral("ssh://-oProxyCommand=x")) == nullptr);
        QVERIFY(m_window->messageBar()->isVisible());
        QCOMPARE(m_window->hosts().size(), 1);
        m_window->messageBar()->hide();
    }

    // Both machines' lists, each with only its own containers, and headers saying which.
    void showsBothMachinesLists() {
        m_window->connectHostAction()->trigger();
        ConnectDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = m_window->findChild<ConnectDialog*>()) != nullptr);
        dialog->address()->setCurrentText(remote());
        dialog->buttons()->button(QDialogButtonBox::Ok)->click();
        QCOMPARE(m_window->hosts().size(), 2);
        m_remote = m_window->hosts().at(1);
        QVERIFY(m_remote->helper()->isRemote());
        QTRY_VERIFY2_WITH_TIMEOUT(
            stateIn(m_remote, "far") == QStringLiteral("shut off"),
            qPrintable(QStringLiteral("%1; listed: %2")
                           .arg(headerState(m_remote), m_remote->model()->names().join(' '))),
            30000);
        QTRY_COMPARE(headerState(m_remote), QStringLiteral("connected"));
        HostSection* local = m_window->hosts().front();
        QCOMPARE(stateIn(local, "far"), QString());
        QCOMPARE(stateIn(m_remote, "near"), QString());
        QCOMPARE(stateIn(local, "near"), QStringLiteral("shut off"));
        // Headers show once there are two machines, naming each.
        QVERIFY(local->containersBox()->findChild<QWidget*>("hostHeader")->isVisible());
        QCOMPARE(local->containersBox()->findChild<QLabel*>("hostTitle")->text(),
                 QStringLiteral("<b>This computer</b>"));
        QVERIFY(m_remote->containersBox()
                    ->findChild<QLabel*>("hostTitle")
                    ->text()
                    .contains(QStringLiteral("cubbytest-alice@")));
        QVERIFY(m_remote->containersBox()->isVisible());
        // A second connection to the same machine is refused, not doubled.
        QVERIFY(m_window->connectToHost(remote()) == nullptr);
        QCOMPARE(m_window->hosts().size(), 2);
        m_window->messageBar()->hide();
        QVERIFY(screenshot("remote-hosts-lists.png"));
    }

    // The actions act on the machine whose container is selected: start and a console there.
    void startsAndOpensAConsoleOnTheRemoteMachine() {
        QVERIFY(m_remote);
        const QModelIndex row = m_remote->sorted()->mapFromSource(
            m_remote->model()->index(m_remote->model()->rowOf(QStringLiteral("far")), 0));
        m_remote->view()->selectRow(row.row());
        QCOMPARE(m_window->currentHost(), m_remote);
        QCOMPARE(m_window->selectedContainer(), QStringLiteral("far"));
        QTRY_VERIFY(m_window->action(MainWindow::Start)->isEnabled());
        // Clone and snapshots are calls like any other; an export goes through ssh.
        QVERIFY(m_window->action(MainWindow::Clone)->isEnabled());
        QVERIFY(m_window->action(MainWindow::Snapshots)->isEnabled());
        QVERIFY(m_window->action(MainWindow::Export)->isEnabled());
        m_window->action(MainWindow::Start)->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(stateIn(m_remote, "far"), QStringLiteral("running"), 30000);
        QCOMPARE(stateIn(m_window->hosts().front(), "near"), QStringLiteral("shut off"));
        // This machine's helper never heard of it; the other machine's says it runs.
        QVERIFY(!test::cubbyctl({"list", "--all"}).out.contains("far"));
        QVERIFY(onRemote({"list"}).out.contains(QRegularExpression(R"(far\s+running)")));

        QTRY_VERIFY(m_window->action(MainWindow::OpenConsole)->isEnabled());
        const int tabsBefore = m_window->tabs()->count();
        m_window->action(MainWindow::OpenConsole)->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(m_window->tabs()->count(), tabsBefore + 1, 10000);
        const int at = m_window->tabs()->currentIndex();
        QVERIFY2(m_window->tabs()->tabText(at).startsWith(QStringLiteral("far — console on ")),
                 qPrintable(m_window->tabs()->tabText(at)));
        auto* console = qobject_cast<PtyTerminal*>(m_window->tabs()->widget(at));
        QVERIFY(console && console->isAttached());
        // The scrollback from boot comes first, then what is typed is answered.
        QTRY_VERIFY2_WITH_TIMEOUT(console->transcript().contains("console-of-far"),
                                  qPrintable(console->transcript()), 20000);
        // Nothing but the container's own output (no warning of the remote cubbyctl's).
        QVERIFY2(!console->transcript().contains("locale"), qPrintable(console->transcript()));
        QVERIFY(typeInto(console, "echo remote-$((6*7)) on $(hostname)"));
        QTRY_VERIFY2_WITH_TIMEOUT(console->transcript().contains("remote-42 on far"),
                                  qPrintable(console->transcript()), 15000);
        // The tab's size is the container's terminal size, through ssh -tt.
        QVERIFY(typeInto(console, "stty size"));
        const int columns = console->terminal()->screenColumnsCount();
        const int lines = console->terminal()->screenLinesCount();
        QTRY_VERIFY2_WITH_TIMEOUT(
            console->transcript().contains(QStringLiteral("%1 %2").arg(lines).arg(columns)),
            qPrintable(QStringLiteral("%1 %2 wanted in: %3")
                           .arg(lines)
                           .arg(columns)
                           .arg(console->transcript())),
            15000);
        QVERIFY(screenshot("remote-hosts-console.png"));
    }

    // The connection drops (ssh killed): the header says so, and the app connects again by
    // itself; the list and the actions work again.
    void aDroppedConnectionComesBack() {
        QVERIFY(m_remote);
        QTRY_COMPARE(headerState(m_remote), QStringLiteral("connected"));
        QVERIFY(killBusSsh() >= 1);
        QTRY_VERIFY2_WITH_TIMEOUT(headerState(m_remote).startsWith("not reachable"),
                                  qPrintable(headerState(m_remote)), 15000);
        QVERIFY(!m_remote->view()->isEnabled()); // what it last said, greyed
        QVERIFY(screenshot("remote-hosts-dropped.png"));
        QTRY_COMPARE_WITH_TIMEOUT(headerState(m_remote), QStringLiteral("connected"), 30000);
        QVERIFY(m_remote->view()->isEnabled());
        QVERIFY(onRemote({"destroy", "far"}).exitCode == 0);
        // The new connection's signals reach the list.
        QTRY_COMPARE_WITH_TIMEOUT(stateIn(m_remote, "far"), QStringLiteral("shut off"), 15000);
        // This machine's section never noticed.
        QCOMPARE(headerState(m_window->hosts().front()), QStringLiteral("connected"));
    }

    // A file dropped onto the other machine's container goes there through its cubbyctl cp
    // (framed over ssh); an export of it comes back into a file here.
    void copiesAndExportsOnTheRemoteMachine() {
        QVERIFY(m_remote);
        QTRY_COMPARE_WITH_TIMEOUT(stateIn(m_remote, "far"), QStringLiteral("shut off"), 15000);
        QTemporaryDir files;
        QFile notes(files.filePath("notes.txt"));
        QVERIFY(notes.open(QIODevice::WriteOnly));
        notes.write("dropped over ssh\n");
        notes.close();
        QVERIFY(notes.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther));
        const QModelIndex row = m_remote->sorted()->mapFromSource(
            m_remote->model()->index(m_remote->model()->rowOf(QStringLiteral("far")), 0));
        const QPoint at = m_remote->view()->visualRect(row).center();
        QMimeData data;
        data.setUrls({QUrl::fromLocalFile(notes.fileName())});
        QDragEnterEvent enter(at, Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(m_remote->view()->viewport(), &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(at), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(m_remote->view()->viewport(), &drop);
        QTRY_VERIFY2_WITH_TIMEOUT(m_window->statusBar()->currentMessage() ==
                                      "Copied to far:/root/notes.txt",
                                  qPrintable(m_window->statusBar()->currentMessage() + " / " +
                                             m_window->messageBar()->text()),
                                  30000);
        // far's root is this test's tree (the two machines share the filesystem).
        const QString landed = QString::fromStdString(m_root->path()) + "/root/notes.txt";
        QFile copied(landed);
        QVERIFY(copied.open(QIODevice::ReadOnly));
        QCOMPARE(copied.readAll(), QByteArray("dropped over ssh\n"));
        QCOMPARE(QFileInfo(landed).permissions() & (QFile::ReadOther | QFile::WriteOther),
                 QFile::ReadOther);

        m_remote->view()->selectRow(row.row());
        QTRY_VERIFY(m_window->action(MainWindow::Export)->isEnabled());
        const QString path = files.filePath("far.cubby");
        m_window->action(MainWindow::Export)->trigger();
        QFileDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = m_window->findChild<QFileDialog*>("exportDialog")) != nullptr &&
                    dialog->isVisible());
        dialog->selectFile(path);
        static_cast<QDialog*>(dialog)->accept();
        QTRY_VERIFY2_WITH_TIMEOUT(
            m_window->statusBar()->currentMessage().startsWith("Exported “far” to"),
            qPrintable(m_window->statusBar()->currentMessage() + " / " +
                       m_window->messageBar()->text()),
            60000);
        QFile exported(path);
        QVERIFY(exported.open(QIODevice::ReadOnly));
        QVERIFY(exported.size() > 1000);
        QCOMPARE(exported.permissions() & (QFile::ReadOther | QFile::ReadGroup),
                 QFileDevice::Permissions());
        // It imports here: the whole archive came back.
        const test::Run imported = test::cubbyctl({"import", path, "far-here"});
        QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));
        test::cubbyctl({"undefine", "far-here"});
    }

    // What the other machine's polkit asks a password for is asked in a tab: polkit's text
    // agent there, for this connection, on a terminal of the app's; a wrong password starts
    // nothing, the right one starts the container, and the tab goes away once answered.
    void remotePasswordIsAskedInATab() {
        QVERIFY(m_remote);
        QTRY_COMPARE_WITH_TIMEOUT(headerState(m_remote), QStringLiteral("connected"), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(stateIn(m_remote, "guarded"), QStringLiteral("shut off"), 15000);
        // The agent registers once per connection; wait until it has.
        RemoteAuthAgent* agent = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((agent = m_remote->findChild<RemoteAuthAgent*>()) != nullptr &&
                                     agent->isReady(),
                                 30000);
        const QModelIndex row = m_remote->sorted()->mapFromSource(
            m_remote->model()->index(m_remote->model()->rowOf(QStringLiteral("guarded")), 0));
        m_remote->view()->selectRow(row.row());
        QTRY_VERIFY(m_window->action(MainWindow::Start)->isEnabled());
        const int tabsBefore = m_window->tabs()->count();
        m_window->action(MainWindow::Start)->trigger();
        QTRY_VERIFY2_WITH_TIMEOUT(
            m_window->tabs()->count() == tabsBefore + 1,
            qPrintable(QStringLiteral("agent: %1; bar: %2")
                           .arg(agent->terminal()->transcript(), m_window->messageBar()->text())),
            20000);
        const int at = m_window->tabs()->currentIndex();
        QVERIFY2(m_window->tabs()->tabText(at).startsWith("Password for cubbytest-alice@"),
                 qPrintable(m_window->tabs()->tabText(at)));
        auto* terminal = qobject_cast<PtyTerminal*>(m_window->tabs()->widget(at));
        QVERIFY(terminal == agent->terminal());
        QTRY_VERIFY2_WITH_TIMEOUT(terminal->transcript().contains("Password:"),
                                  qPrintable(terminal->transcript()), 15000);
        QVERIFY(screenshot("remote-hosts-password.png"));
        QVERIFY(typeInto(terminal, "not-her-password"));
        // Refused (after PAM's delay): the tab goes, the refusal is said, nothing started.
        QTRY_COMPARE_WITH_TIMEOUT(m_window->tabs()->count(), tabsBefore, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->messageBar()->isVisible(), 10000);
        QCOMPARE(stateIn(m_remote, "guarded"), QStringLiteral("shut off"));
        QVERIFY(!onRemote({"list"}).out.contains("guarded"));
        m_window->messageBar()->hide();

        QTRY_VERIFY(m_window->action(MainWindow::Start)->isEnabled());
        m_window->action(MainWindow::Start)->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(m_window->tabs()->count(), tabsBefore + 1, 20000);
        QCOMPARE(m_window->tabs()->widget(m_window->tabs()->currentIndex()), terminal);
        QTRY_VERIFY2_WITH_TIMEOUT(terminal->transcript().count("Password:") >= 2,
                                  qPrintable(terminal->transcript()), 15000);
        QVERIFY(typeInto(terminal, qEnvironmentVariable("CUBBY_TEST_REMOTE_PASSWORD")));
        QTRY_COMPARE_WITH_TIMEOUT(stateIn(m_remote, "guarded"), QStringLiteral("running"), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->tabs()->count(), tabsBefore, 10000);
        // The password was never shown.
        QVERIFY(!agent->terminal()->transcript().contains(
            qEnvironmentVariable("CUBBY_TEST_REMOTE_PASSWORD")));
        QVERIFY(!agent->terminal()->transcript().contains("not-her-password"));

        // Its console is opened by that machine's cubbyctl, which gets an agent of its own
        // on the console tab's terminal: the password is asked there, then the console shows.
        QTRY_VERIFY(m_window->action(MainWindow::OpenConsole)->isEnabled());
        m_window->action(MainWindow::OpenConsole)->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(m_window->tabs()->count(), tabsBefore + 1, 10000);
        auto* console =
            qobject_cast<PtyTerminal*>(m_window->tabs()->widget(m_window->tabs()->currentIndex()));
        QVERIFY(console && console != agent->terminal());
        QTRY_VERIFY2_WITH_TIMEOUT(console->transcript().contains("Password:"),
                                  qPrintable(console->transcript()), 20000);
        QVERIFY(typeInto(console, qEnvironmentVariable("CUBBY_TEST_REMOTE_PASSWORD")));
        QTRY_VERIFY2_WITH_TIMEOUT(console->transcript().contains("console-of-guarded"),
                                  qPrintable(console->transcript()), 20000);
        QVERIFY(typeInto(console, "echo guarded-$((6*7))"));
        QTRY_VERIFY2_WITH_TIMEOUT(console->transcript().contains("guarded-42"),
                                  qPrintable(console->transcript()), 15000);
        QVERIFY(
            !console->transcript().contains(qEnvironmentVariable("CUBBY_TEST_REMOTE_PASSWORD")));
        m_window->tabs()->tabCloseRequested(m_window->tabs()->currentIndex());
        QVERIFY(onRemote({"destroy", "guarded"}).exitCode == 0);
    }

    // Remembered for the next start; forgotten when closed.
    void connectionsAreRemembered() {
        QCOMPARE(QSettings().value("hosts/connected").toStringList(), QStringList{remote()});
        {
            MainWindow next(QDBusConnection::systemBus());
            next.connectRememberedHosts();
            QCOMPARE(next.hosts().size(), 2);
            QTRY_COMPARE_WITH_TIMEOUT(stateIn(next.hosts().at(1), "far"),
                                      QStringLiteral("shut off"), 30000);
        }
        auto* close = m_remote->containersBox()->findChild<QToolButton*>("hostClose");
        QVERIFY(close);
        close->click();
        QCOMPARE(m_window->hosts().size(), 1);
        m_remote = nullptr;
        QCOMPARE(m_window->currentHost(), m_window->hosts().front());
        QVERIFY(QSettings().value("hosts/connected").toStringList().isEmpty());
        // Still offered in the dialog.
        QCOMPARE(QSettings().value("hosts/recent").toStringList(), QStringList{remote()});
        // With one machine again, no headers.
        QVERIFY(!m_window->hosts()
                     .front()
                     ->containersBox()
                     ->findChild<QWidget*>("hostHeader")
                     ->isVisible());
    }
};

QTEST_MAIN(TestRemoteHosts)
#include "test_remote_hosts.moc"
