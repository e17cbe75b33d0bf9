// The desktop app end to end: the main window against the real cubby-helper (bus-activated from
// this build on a private system bus with the real polkitd) and a real X server. A BusyBox
// container is started, typed into through its console with X key events, watched in the
// overview's graphs, forced off and deleted, all through the window's actions; a start that
// fails shows the helper's message in the inline bar, not in a dialog. Screenshots land in
// ${CUBBY_ARTIFACTS_DIR}/screenshots.
#include "gui_test_support.h"

#include "busybox_root.h"
#include "container_list_model.h"
#include "helper_connection.h"
#include "jobs_status.h"
#include "main_window.h"
#include "message_bar.h"
#include "overview_page.h"
#include "pty_terminal.h"
#include "settings_disk.h"
#include "settings_interfaces.h"
#include "settings_page.h"
#include "sparkline.h"
#include "xml_page.h"
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>

#include <QAction>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDialog>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <csignal>
#include <memory>
#include <unistd.h>

using namespace cubby;
using cubby::test::artifactsDir;
using cubby::test::run;
using cubby::test::screenshot;

namespace {

QDBusMessage define(const QString& xml) {
    QDBusMessage message = QDBusMessage::createMethodCall(
        "io.github.cubby1", "/io/github/cubby1", "io.github.cubby1.Manager", "DefineContainer");
    message.setArguments({xml});
    return QDBusConnection::systemBus().call(message, QDBus::Block, 120000);
}

QString storedXml(const QString& name) {
    QDBusMessage message = QDBusMessage::createMethodCall(
        "io.github.cubby1", "/io/github/cubby1", "io.github.cubby1.Manager", "GetContainerXml");
    message.setArguments({name, false});
    const QDBusMessage reply = QDBusConnection::systemBus().call(message, QDBus::Block, 30000);
    return reply.arguments().value(0).toString();
}

QString storedNetworkXml(const QString& name) {
    QDBusMessage message = QDBusMessage::createMethodCall(
        "io.github.cubby1", "/io/github/cubby1", "io.github.cubby1.Manager", "GetNetworkXml");
    message.setArguments({name});
    const QDBusMessage reply = QDBusConnection::systemBus().call(message, QDBus::Block, 30000);
    return reply.arguments().value(0).toString();
}

QString domainXml(const QString& name, const QString& root, const QString& init) {
    return QStringLiteral("<domain type='lxc'><name>%1</name><memory unit='MiB'>64</memory>"
                          "<os><type>exe</type><init>%3</init></os><devices><filesystem "
                          "type='mount'><source dir='%2'/><target dir='/'/></filesystem>"
                          "<console type='pty'/></devices></domain>")
        .arg(name, root, init);
}

bool dialogShown() {
    for (QWidget* widget : QApplication::topLevelWidgets()) {
        if (widget->isVisible() && qobject_cast<QDialog*>(widget))
            return true;
    }
    return false;
}

// Clicks into a widget and types a line into it through the X server.
bool typeInto(QWidget* widget, const QString& line) {
    const QPoint centre = widget->mapToGlobal(widget->rect().center());
    return run("xdotool", {"mousemove", QString::number(centre.x()), QString::number(centre.y()),
                           "click", "1"}) &&
           run("xdotool", {"type", "--delay", "15", line}) && run("xdotool", {"key", "Return"});
}

// Notes what a widget said each time it was shown.
class ShowRecorder : public QObject {
public:
    ShowRecorder(QWidget* widget, QLabel* label)
        : m_label(label) {
        widget->installEventFilter(this);
    }
    QStringList shown;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override {
        if (event->type() == QEvent::Show)
            shown << m_label->text();
        return QObject::eventFilter(watched, event);
    }

private:
    QLabel* m_label;
};

QString stateOf(MainWindow& window, const QString& name) {
    const ContainerEntry* entry = window.model()->container(name);
    return entry ? entry->state : QString();
}

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
    std::unique_ptr<test::BusyboxRoot> m_root;
    std::unique_ptr<MainWindow> m_window;

private slots:
    void initTestCase() {
        QVERIFY2(geteuid() == 0, "the fixtures need root: run it through scripts/test");
        QVERIFY2(qEnvironmentVariableIsSet("CUBBY_TEST_ALLOWED_UID"),
                 "run this test through tests/support/with-system-bus");
        QVERIFY2(QGuiApplication::platformName() == "xcb",
                 "run this test through tests/support/with-xvfb");
        m_root = std::make_unique<test::BusyboxRoot>();
        QVERIFY2(m_root->ok(), m_root->failure().c_str());
        // Some CPU load in bursts, so the overview's graph has something to show.
        QVERIFY(m_root->writeFile("sbin/init-gui", "#!/bin/sh\n"
                                                   "(while :; do i=0; while [ $i -lt 100000 ]; "
                                                   "do i=$((i+1)); done; sleep 1; done) &\n"
                                                   "echo gui-console-ready\nexec sh -i\n"));
        // awk doubles a string until the memory cap stops it, a few seconds after it is typed.
        QVERIFY(m_root->writeFile("bin/memory-hog",
                                  "#!/bin/sh\nsleep 4\nawk 'BEGIN { s = \"0123456789abcdef\"; "
                                  "while (1) s = s s }'\necho hog-ended-$?\n"));
        const QString root = QString::fromStdString(m_root->path());
        const QDBusMessage defined = define(domainXml("guitest", root, "/sbin/init-gui"));
        QVERIFY2(defined.type() == QDBusMessage::ReplyMessage, qPrintable(defined.errorMessage()));
        // A container whose root filesystem went away after it was defined.
        const QString gone = root + "-gone";
        QVERIFY(QDir().mkpath(gone));
        const QDBusMessage broken = define(domainXml("noroot", gone, "/sbin/init"));
        QVERIFY2(broken.type() == QDBusMessage::ReplyMessage, qPrintable(broken.errorMessage()));
        QVERIFY(QDir().rmdir(gone));

        m_window = std::make_unique<MainWindow>(QDBusConnection::systemBus());
        m_window->move(0, 0);
        m_window->resize(1280, 800); // the whole X screen
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_window->activateWindow();
    }

    void cleanupTestCase() { m_window.reset(); }

    void listsTheContainers() {
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(*m_window, "guitest"), QStringLiteral("shut off"), 20000);
        QCOMPARE(stateOf(*m_window, "noroot"), QStringLiteral("shut off"));
        auto* connection = m_window->statusBar()->findChild<QLabel*>("connectionState");
        QVERIFY(connection);
        QTRY_COMPARE(connection->text(), QStringLiteral("Connected to cubby-helper"));
        // Nothing selected: nothing to act on but Refresh.
        QVERIFY(!m_window->action(MainWindow::Start)->isEnabled());
        QVERIFY(m_window->action(MainWindow::Refresh)->isEnabled());
    }

    void failedStartShowsTheHelpersMessageInline() {
        QVERIFY(m_window->selectContainer("noroot"));
        QTRY_VERIFY(m_window->action(MainWindow::Start)->isEnabled());
        QVERIFY(!m_window->action(MainWindow::ForceOff)->isEnabled());
        QVERIFY(!m_window->messageBar()->isVisible());
        m_window->action(MainWindow::Start)->trigger();
        // The window is not blocked while the helper works: events are processed meanwhile.
        QTRY_VERIFY_WITH_TIMEOUT(m_window->messageBar()->isVisible(), 30000);
        const QString text = m_window->messageBar()->text();
        qInfo("message bar: %s", qPrintable(text));
        QVERIFY2(text.startsWith(QStringLiteral("Could not start “noroot”: ")), qPrintable(text));
        QVERIFY2(text.size() > QStringLiteral("Could not start “noroot”: ").size() + 5,
                 qPrintable(text));
        QVERIFY(!dialogShown());
        // While the helper tried, the container counted as starting (running) for a moment;
        // the list settles on shut off.
        QTRY_COMPARE(stateOf(*m_window, "noroot"), QStringLiteral("shut off"));
        QTRY_VERIFY(m_window->action(MainWindow::Start)->isEnabled());
        QVERIFY(screenshot("main-window-error.png"));
        // The bar's close button hides it.
        auto* close = m_window->messageBar()->findChild<QToolButton*>();
        QVERIFY(close);
        close->click();
        QVERIFY(!m_window->messageBar()->isVisible());
    }

    void startWatchTypeStopDelete() {
        QVERIFY(m_window->selectContainer("guitest"));
        QTRY_VERIFY(m_window->action(MainWindow::Start)->isEnabled());
        m_window->action(MainWindow::Start)->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(*m_window, "guitest"), QStringLiteral("running"), 30000);
        QVERIFY2(!m_window->messageBar()->isVisible(), qPrintable(m_window->messageBar()->text()));
        QTRY_VERIFY(m_window->action(MainWindow::ForceOff)->isEnabled());
        QVERIFY(!m_window->action(MainWindow::Start)->isEnabled());
        QVERIFY(!m_window->action(MainWindow::Delete)->isEnabled());
        QTRY_VERIFY(m_window->model()->container("guitest")->pid > 1); // with the next list

        // The overview's graphs are fed once a second while the container runs.
        OverviewPage* overview = m_window->overview();
        QCOMPARE(overview->container(), QStringLiteral("guitest"));
        QTRY_VERIFY_WITH_TIMEOUT(overview->cpuGraph()->totalSamples() >= 2, 15000);
        QTRY_VERIFY_WITH_TIMEOUT(overview->memoryGraph()->totalSamples() >= 2, 15000);
        // A few more, for a screenshot with a line worth looking at.
        QTRY_VERIFY_WITH_TIMEOUT(overview->cpuGraph()->totalSamples() >= 8, 20000);
        QVERIFY(screenshot("main-window-overview.png"));
        // The list's CPU and memory columns come from the same replies, for every running
        // container; a stopped one shows none.
        const auto cell = [this](const QString& name, int column) {
            return m_window->model()
                ->index(m_window->model()->rowOf(name), column)
                .data()
                .toString();
        };
        QTRY_VERIFY2(cell("guitest", ContainerListModel::CpuColumn).endsWith(" %"),
                     qPrintable(cell("guitest", ContainerListModel::CpuColumn)));
        QVERIFY2(cell("guitest", ContainerListModel::MemoryColumn).contains("iB"),
                 qPrintable(cell("guitest", ContainerListModel::MemoryColumn)));
        QCOMPARE(cell("noroot", ContainerListModel::CpuColumn), QStringLiteral("–"));
        // Filtered by what is typed above the list; sorted by a click on a header.
        QTableView* view = m_window->containerView();
        auto* filter = m_window->findChild<QLineEdit*>("containerFilter");
        QVERIFY(filter);
        filter->setText("NOROOT");
        QCOMPARE(view->model()->rowCount(), 1);
        QCOMPARE(view->model()->index(0, 0).data().toString(), QStringLiteral("noroot"));
        QVERIFY(screenshot("main-window-filtered.png"));
        filter->clear();
        QCOMPARE(view->model()->rowCount(), m_window->model()->rowCount());
        view->sortByColumn(ContainerListModel::NameColumn, Qt::DescendingOrder);
        QCOMPARE(view->model()->index(0, 0).data().toString(), QStringLiteral("noroot"));
        view->sortByColumn(ContainerListModel::NameColumn, Qt::AscendingOrder);
        QCOMPARE(m_window->selectedContainer(), QStringLiteral("guitest"));
        // Minimized, nothing is polled: no figures arrive.
        m_window->showMinimized();
        QTRY_VERIFY(m_window->isMinimized());
        const qint64 samples = overview->cpuGraph()->totalSamples();
        QTest::qWait(2500);
        QCOMPARE(overview->cpuGraph()->totalSamples(), samples);
        m_window->showNormal();
        QTRY_VERIFY_WITH_TIMEOUT(overview->cpuGraph()->totalSamples() > samples, 10000);
        qInfo("cpu graph: %s", qPrintable(overview->cpuGraph()->accessibleDescription()));

        // The console in a tab: the scrollback from boot, then typing through the X server.
        m_window->action(MainWindow::OpenConsole)->trigger();
        // Overview, Log, Settings, XML, it.
        QTRY_COMPARE_WITH_TIMEOUT(m_window->tabs()->count(), 5, 30000);
        QCOMPARE(m_window->tabs()->tabText(4), QStringLiteral("guitest — console"));
        QCOMPARE(m_window->tabs()->currentIndex(), 4);
        auto* console = qobject_cast<PtyTerminal*>(m_window->tabs()->widget(4));
        QVERIFY(console && console->isAttached());
        QTRY_VERIFY2_WITH_TIMEOUT(console->transcript().contains("gui-console-ready"),
                                  qPrintable(console->transcript()), 10000);
        QVERIFY(typeInto(console, "echo gui-$((6*7))"));
        QTRY_VERIFY2_WITH_TIMEOUT(console->transcript().contains("gui-42"),
                                  qPrintable(console->transcript()), 10000);
        QVERIFY(screenshot("main-window-console.png"));

        // The helper dies (as it may at any time): the window finds it again (its next call
        // activates a new one), the console keeps working, and the new helper's signals and
        // replies drive the window from then on.
        QDBusConnectionInterface* bus = QDBusConnection::systemBus().interface();
        const uint oldHelper = bus->servicePid("io.github.cubby1");
        QVERIFY(oldHelper > 1);
        QSignalSpy reachability(m_window->helper(), &HelperConnection::reachabilityChanged);
        QElapsedTimer sinceKill;
        sinceKill.start();
        QCOMPARE(::kill(pid_t(oldHelper), SIGKILL), 0);
        // Usually a second or two; seen at 15 s and at 40.3 s on a loaded 2-core machine with
        // other gui tests' helpers starting beside it, under review. What is tested is that
        // the window finds a helper again, not how fast under that load.
        QTRY_VERIFY_WITH_TIMEOUT(bus->servicePid("io.github.cubby1").value() > 1 &&
                                     bus->servicePid("io.github.cubby1").value() != oldHelper,
                                 90000);
        qInfo("a new helper %lld ms after the kill", qint64(sinceKill.elapsed()));
        auto* connection = m_window->statusBar()->findChild<QLabel*>("connectionState");
        QTRY_COMPARE_WITH_TIMEOUT(connection->text(), QStringLiteral("Connected to cubby-helper"),
                                  15000);
        for (const QList<QVariant>& change : reachability)
            qInfo("after the kill: reachable=%d %s", change.at(0).toBool(),
                  qPrintable(change.at(1).toString()));
        QCOMPARE(stateOf(*m_window, "guitest"), QStringLiteral("running"));
        QVERIFY(typeInto(console, "echo again-$((2*3))"));
        QTRY_VERIFY2_WITH_TIMEOUT(console->transcript().contains("again-6"),
                                  qPrintable(console->transcript()), 10000);

        // A new root shell in another tab.
        m_window->action(MainWindow::OpenShell)->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(m_window->tabs()->count(), 6, 30000);
        QCOMPARE(m_window->tabs()->tabText(5), QStringLiteral("guitest — shell"));
        auto* shell = qobject_cast<PtyTerminal*>(m_window->tabs()->widget(5));
        QVERIFY(shell && shell->isAttached());
        QVERIFY(typeInto(shell, "echo shell-$(id -u)-$((7*6))"));
        QTRY_VERIFY2_WITH_TIMEOUT(shell->transcript().contains("shell-0-42"),
                                  qPrintable(shell->transcript()), 10000);
        QVERIFY(!console->transcript().contains("shell-0-42"));
        QVERIFY(screenshot("main-window-shell.png"));

        // An OOM kill inside shows in the Log tab while it is open, without a stop: the hog
        // reaches the 64 MiB cap a few seconds after the Log tab has fetched the log once.
        m_window->tabs()->setCurrentWidget(console);
        console->setFocus();
        QTest::qWait(300); // shown and focused before the X server's clicks and keys arrive
        QVERIFY(typeInto(console, "memory-hog"));
        QTRY_VERIFY2_WITH_TIMEOUT(
            console->transcript().contains("memory-hog"),
            qPrintable(console->transcript() + "\nshell:\n" + shell->transcript()), 10000);
        m_window->tabs()->setCurrentWidget(m_window->logView());
        QTRY_VERIFY_WITH_TIMEOUT(m_window->logView()->toPlainText().contains("Z started: "), 10000);
        QVERIFY2(!m_window->logView()->toPlainText().contains("out of memory"),
                 qPrintable(m_window->logView()->toPlainText()));
        QTRY_VERIFY2_WITH_TIMEOUT(
            m_window->logView()->toPlainText().contains("Z out of memory: the kernel killed 1 "
                                                        "process (memory limit 64 MiB)"),
            qPrintable(m_window->logView()->toPlainText() + "\nconsole:\n" + console->transcript()),
            30000);
        QVERIFY(!m_window->logView()->toPlainText().contains("Z stopped"));
        QVERIFY(screenshot("main-window-log-oom.png"));
        QTRY_VERIFY_WITH_TIMEOUT(console->transcript().contains("hog-ended-137"), 10000);

        // Force off; the terminals see their other side go.
        m_window->tabs()->setCurrentIndex(0);
        m_window->action(MainWindow::ForceOff)->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(*m_window, "guitest"), QStringLiteral("shut off"), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->tabs()->tabText(4).endsWith("(ended)"), 15000);
        // The Log tab: its lifecycle with times, then what its console showed.
        m_window->tabs()->setCurrentWidget(m_window->logView());
        QTRY_VERIFY2_WITH_TIMEOUT(m_window->logView()->toPlainText().contains("Z stopped"),
                                  qPrintable(m_window->logView()->toPlainText()), 15000);
        const QString log = m_window->logView()->toPlainText();
        QVERIFY2(log.contains("Z started: ") && log.contains("Z forced off") &&
                     log.contains("gui-42"),
                 qPrintable(log));
        QVERIFY(screenshot("main-window-log.png"));
        m_window->tabs()->setCurrentIndex(0);
        QTRY_VERIFY(m_window->action(MainWindow::Delete)->isEnabled());
        QVERIFY(!m_window->action(MainWindow::OpenConsole)->isEnabled());

        // Delete asks first, without a nested event loop; the row goes once the helper is done.
        m_window->action(MainWindow::Delete)->trigger();
        QMessageBox* box = nullptr;
        QTRY_VERIFY((box = m_window->findChild<QMessageBox*>("confirmDelete")) && box->isVisible());
        QVERIFY(box->text().contains("guitest"));
        QVERIFY(screenshot("main-window-delete.png"));
        box->button(QMessageBox::Yes)->click();
        QTRY_VERIFY_WITH_TIMEOUT(m_window->model()->rowOf("guitest") < 0, 30000);
        QVERIFY(m_window->model()->rowOf("noroot") >= 0);
        QVERIFY(!m_window->messageBar()->isVisible());
        QVERIFY(m_window->selectedContainer().isEmpty() ||
                m_window->selectedContainer() == "noroot");
    }

    void jobsShowInTheStatusBar() {
        auto* jobs = m_window->statusBar()->findChild<JobsStatus*>("jobsStatus");
        QVERIFY(jobs);
        QVERIFY(!jobs->isVisible());
        ShowRecorder recorder(jobs, jobs->findChild<QLabel*>());
        QSignalSpy finished(m_window->helper()->manager(), &ManagerProxy::JobFinished);
        QDBusMessage create = QDBusMessage::createMethodCall(
            "io.github.cubby1", "/io/github/cubby1", "io.github.cubby1.Manager", "CreateRootfs");
        create.setArguments({"guirootfs", "busybox", QVariant::fromValue(QVariantMap())});
        const QDBusPendingCall call = QDBusConnection::systemBus().asyncCall(create);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
        QVERIFY2(!call.isError(), qPrintable(call.error().message()));
        QCOMPARE(finished.first().at(3).toString(), QStringLiteral("done"));
        QVERIFY(!jobs->isVisible());
        QVERIFY(!recorder.shown.isEmpty());
        QVERIFY2(recorder.shown.first().startsWith("create-rootfs guirootfs"),
                 qPrintable(recorder.shown.join('|')));
    }

    // The XML tab: a broken edit is refused as typed, naming and marking its line; the edit
    // survives selecting another container; a good one is applied and stored.
    void xmlTabChecksAsTypedAndApplies() {
        const QString root = QString::fromStdString(m_root->path());
        const QDBusMessage defined = define(domainXml("xmltest", root, "/sbin/init"));
        QVERIFY2(defined.type() == QDBusMessage::ReplyMessage, qPrintable(defined.errorMessage()));
        QTRY_VERIFY_WITH_TIMEOUT(m_window->selectContainer("xmltest"), 20000);
        XmlPage* page = m_window->xmlPage();
        m_window->tabs()->setCurrentWidget(page);
        QTRY_VERIFY_WITH_TIMEOUT(
            page->editor()->toPlainText().contains(QLatin1String("<name>xmltest</name>")), 10000);
        const QString stored = page->editor()->toPlainText();
        QVERIFY(!page->applyButton()->isEnabled());

        static const QRegularExpression memory(QStringLiteral("<memory unit='KiB'>\\d+</memory>"));
        QString broken = stored;
        broken.replace(memory, QStringLiteral("<memory unit='KiB'>plenty</memory>"));
        QVERIFY2(broken != stored, qPrintable(stored));
        const int memoryLine = int(broken.left(broken.indexOf("<memory")).count('\n')) + 1;
        page->editor()->setPlainText(broken);
        QTRY_COMPARE(page->markedLine(), memoryLine);
        QVERIFY2(page->status()->text().startsWith(QStringLiteral("Line %1:").arg(memoryLine)),
                 qPrintable(page->status()->text()));
        QVERIFY(!page->applyButton()->isEnabled());
        QVERIFY(page->revertButton()->isEnabled());
        QVERIFY(screenshot(QStringLiteral("main-window-xml-refuses.png")));
        QCOMPARE(storedXml("xmltest"), stored); // nothing reached the helper

        QVERIFY(m_window->selectContainer("noroot"));
        QTRY_VERIFY(page->editor()->toPlainText().contains(QLatin1String("<name>noroot</name>")));
        QVERIFY(m_window->selectContainer("xmltest"));
        QTRY_COMPARE(page->editor()->toPlainText(), broken);

        QString bigger = stored;
        bigger.replace(memory, QStringLiteral("<memory unit='KiB'>204800</memory>"));
        page->editor()->setPlainText(bigger);
        QTRY_VERIFY(page->applyButton()->isEnabled());
        QCOMPARE(page->markedLine(), 0);
        page->applyButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(page->status()->text().startsWith(QLatin1String("Saved")), 20000);
        QVERIFY(storedXml("xmltest").contains(QLatin1String("<memory unit='KiB'>204800</memory>")));
        QTRY_VERIFY(!page->isModified());
    }

    // The Settings tab on a running container: more memory, applied; the stored definition
    // and the running container's group both have it at once.
    void settingsChangeMemoryWhileItRuns() {
        const QString root = QString::fromStdString(m_root->path());
        const QDBusMessage defined = define(domainXml("settest", root, "/sbin/init-gui"));
        QVERIFY2(defined.type() == QDBusMessage::ReplyMessage, qPrintable(defined.errorMessage()));
        QDBusMessage start = QDBusMessage::createMethodCall(
            "io.github.cubby1", "/io/github/cubby1", "io.github.cubby1.Manager", "StartContainer");
        start.setArguments({QStringLiteral("settest")});
        const QDBusMessage started = QDBusConnection::systemBus().call(start, QDBus::Block, 60000);
        QVERIFY2(started.type() == QDBusMessage::ReplyMessage, qPrintable(started.errorMessage()));
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(*m_window, "settest"), QStringLiteral("running"), 20000);
        QVERIFY(m_window->selectContainer("settest"));
        SettingsPage* page = m_window->settingsPage();
        m_window->tabs()->setCurrentWidget(page);
        QTRY_COMPARE_WITH_TIMEOUT(page->memory()->value(), 64, 10000);
        QVERIFY(!page->applyButton()->isEnabled());

        page->init()->setText(QStringLiteral("sbin/init")); // not a path: refused as typed
        QVERIFY(!page->applyButton()->isEnabled());
        QVERIFY(page->status()->text().contains(QLatin1String("starting with /")));
        page->init()->setText(QStringLiteral("/sbin/init-gui"));
        page->memory()->setValue(100);
        QTRY_VERIFY(page->applyButton()->isEnabled());
        page->applyButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(
            page->status()->text() == QLatin1String("Saved and changed at once."), 20000);
        QVERIFY(storedXml("settest").contains(QLatin1String("<memory unit='KiB'>102400</memory>")));
        quint64 limit = 0;
        for (const char* file : {"/sys/fs/cgroup/memory/cubby-dbus-test/settest/"
                                 "memory.limit_in_bytes",
                                 "/sys/fs/cgroup/cubby-dbus-test/settest/memory.max"}) {
            QFile kernel(QString::fromLatin1(file));
            if (kernel.open(QIODevice::ReadOnly))
                limit = kernel.readAll().trimmed().toULongLong();
        }
        QCOMPARE(limit, 100ULL << 20);
        QVERIFY(!page->isModified());

        // The process limit is taken at the next start, and the tab says so.
        const auto pidsMax = [] {
            for (const char* file : {"/sys/fs/cgroup/pids/cubby-dbus-test/settest/pids.max",
                                     "/sys/fs/cgroup/cubby-dbus-test/settest/pids.max"}) {
                QFile kernel(QString::fromLatin1(file));
                if (kernel.open(QIODevice::ReadOnly))
                    return kernel.readAll().trimmed();
            }
            return QByteArray("(no group)");
        };
        QCOMPARE(page->processes()->value(), 4096);
        page->processes()->setValue(512);
        QVERIFY(page->status()->text().contains(QLatin1String("after a restart")));
        QTRY_VERIFY(page->applyButton()->isEnabled());
        page->applyButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(page->status()->text(),
                                  QStringLiteral("Saved. Memory and CPU changed at once; the rest "
                                                 "takes effect after a restart."),
                                  20000);
        QVERIFY2(storedXml("settest").contains(QLatin1String("<cubby:limits processes='512'/>")),
                 qPrintable(storedXml("settest")));
        QCOMPARE(pidsMax(), QByteArray("4096"));

        // A shared folder, added and applied like the rest; it is mounted from the next start.
        QTemporaryDir folder(QDir::tempPath() + QStringLiteral("/settings-share-XXXXXX"));
        QVERIFY(folder.isValid());
        QVERIFY(QFile(folder.filePath("from-the-host")).open(QIODevice::WriteOnly));
        const QString target = "/mnt/" + QFileInfo(folder.path()).fileName();
        page->addShare(folder.path());
        QCOMPARE(page->shares()->count(), 1);
        QCOMPARE(page->shares()->item(0)->text(), folder.path() + " → " + target);
        page->addShare(folder.path()); // the same target again: refused, nothing added
        QCOMPARE(page->shares()->count(), 1);
        QVERIFY(page->status()->text().contains(target));
        QTRY_VERIFY(page->applyButton()->isEnabled());
        page->applyButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(page->status()->text(),
                                  QStringLiteral("Saved. Memory and CPU changed at once; the rest "
                                                 "takes effect after a restart."),
                                  20000);
        QVERIFY2(storedXml("settest").contains("<source dir='" + folder.path() + "'/>"),
                 qPrintable(storedXml("settest")));
        QVERIFY(screenshot(QStringLiteral("main-window-settings.png")));

        QDBusMessage destroy =
            QDBusMessage::createMethodCall("io.github.cubby1", "/io/github/cubby1",
                                           "io.github.cubby1.Manager", "DestroyContainer");
        destroy.setArguments({QStringLiteral("settest")});
        QDBusConnection::systemBus().call(destroy, QDBus::Block, 30000);
        const QDBusMessage restarted =
            QDBusConnection::systemBus().call(start, QDBus::Block, 60000);
        QVERIFY2(restarted.type() == QDBusMessage::ReplyMessage,
                 qPrintable(restarted.errorMessage()));
        QCOMPARE(pidsMax(), QByteArray("512"));
        QDBusConnection::systemBus().call(destroy, QDBus::Block, 30000);

        // Removed again in the tab: the definition no longer names it.
        QTRY_VERIFY_WITH_TIMEOUT(!page->isModified() && page->shares()->count() == 1, 20000);
        page->shares()->setCurrentRow(0);
        QVERIFY(page->removeShareButton()->isEnabled());
        page->removeShareButton()->click();
        QCOMPARE(page->shares()->count(), 0);
        QTRY_VERIFY(page->applyButton()->isEnabled());
        page->applyButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(!storedXml("settest").contains(folder.path()), 20000);
    }

    // Issue 10: the Settings tab's network and disk rows on a stopped container. An interface
    // added on a network and the disk's read cap, weight and quota are stored as <interface>,
    // <blkiotune> and <cubby:limits diskKiB>; the container starts with the cap in its group;
    // removing the last interface keeps it off the host's network (<privnet/>).
    void settingsNetworkAndDiskRows() {
        QDBusMessage network = QDBusMessage::createMethodCall(
            "io.github.cubby1", "/io/github/cubby1", "io.github.cubby1.Manager", "DefineNetwork");
        network.setArguments({QStringLiteral("<network><name>setnet</name><forward mode='nat'/>"
                                             "<ip address='10.79.0.1' netmask='255.255.255.0'/>"
                                             "</network>")});
        const QDBusMessage netDefined =
            QDBusConnection::systemBus().call(network, QDBus::Block, 30000);
        QVERIFY2(netDefined.type() == QDBusMessage::ReplyMessage,
                 qPrintable(netDefined.errorMessage()));
        const QString root = QString::fromStdString(m_root->path());
        QString xml = domainXml("disktest", root, "/sbin/init-gui");
        xml.replace(QLatin1String("</os>"), QLatin1String("</os><features><privnet/></features>"));
        const QDBusMessage defined = define(xml);
        QVERIFY2(defined.type() == QDBusMessage::ReplyMessage, qPrintable(defined.errorMessage()));
        QTRY_VERIFY_WITH_TIMEOUT(m_window->model()->rowOf("disktest") >= 0, 20000);
        QVERIFY(m_window->selectContainer("disktest"));
        SettingsPage* page = m_window->settingsPage();
        m_window->tabs()->setCurrentWidget(page);
        InterfaceSettings* interfaces = page->interfaces();
        QTRY_COMPARE_WITH_TIMEOUT(interfaces->interfaces()->item(0)->text(),
                                  QStringLiteral("None: only loopback"), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(interfaces->network()->findText("setnet") >= 0, 10000);
        interfaces->network()->setCurrentIndex(interfaces->network()->findText("setnet"));
        interfaces->addButton()->click();
        QCOMPARE(interfaces->interfaces()->item(0)->text(), QStringLiteral("eth0: network setnet"));
        // Issue 12, item 6: on a Cubby network it may be walled off the LAN on its own.
        QVERIFY(interfaces->wallLan()->isEnabled() && interfaces->wallHost()->isEnabled());
        interfaces->wallLan()->setChecked(true);

        // The disk the root filesystem is on is chosen; a read cap, a weight and a quota.
        DiskSettings* disk = page->disk();
        QVERIFY(disk->disk()->count() > 0);
        const QString diskPath = disk->disk()->currentData().toString();
        QVERIFY2(diskPath.startsWith(QLatin1String("/dev/")), qPrintable(diskPath));
        disk->readLimit()->setValue(5);
        disk->weight()->setValue(700);
        disk->quota()->setValue(2);
        page->initArguments()->setText(QStringLiteral("--port 80 \"two words\""));
        QTRY_VERIFY(page->applyButton()->isEnabled());
        QVERIFY(screenshot(QStringLiteral("main-window-settings-disk.png")));
        page->applyButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(page->status()->text(),
                                  QStringLiteral("Saved: it takes these settings when it next "
                                                 "starts."),
                                  20000);
        const QString stored = storedXml("disktest");
        QVERIFY2(stored.contains(QLatin1String("<source network='setnet'/>")), qPrintable(stored));
        QVERIFY2(stored.contains(QLatin1String("<cubby:walls host='all' lan='no'/>")),
                 qPrintable(stored));
        // The helper put them on the network, by the MAC it stored for the interface.
        const QString walledNetwork = storedNetworkXml(QStringLiteral("setnet"));
        QVERIFY2(walledNetwork.contains(QRegularExpression(
                     "<cubby:containerwalls container='disktest' mac='52:54:00:[0-9a-f:]{8}' "
                     "host='all' lan='no'/>")),
                 qPrintable(walledNetwork));
        QVERIFY2(stored.contains("<path>" + diskPath + "</path>"), qPrintable(stored));
        QVERIFY2(stored.contains(QLatin1String("<read_bytes_sec>5242880</read_bytes_sec>")) &&
                     stored.contains(QLatin1String("<weight>700</weight>")) &&
                     stored.contains(QLatin1String("diskKiB='2097152'")),
                 qPrintable(stored));
        QVERIFY2(
            stored.contains(QLatin1String("<initarg>--port</initarg>\n    <initarg>80</initarg>"
                                          "\n    <initarg>two words</initarg>")),
            qPrintable(stored));
        QVERIFY(!page->isModified());

        // Without the interface again (its network is not running) and without the quota (this
        // host's kernel keeps no project quotas): it starts, with the read cap in its group.
        interfaces->interfaces()->setCurrentRow(0);
        QVERIFY(interfaces->removeButton()->isEnabled());
        interfaces->removeButton()->click();
        QCOMPARE(interfaces->interfaces()->item(0)->text(), QStringLiteral("None: only loopback"));
        disk->quota()->setValue(0);
        QTRY_VERIFY(page->applyButton()->isEnabled());
        page->applyButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(!storedXml("disktest").contains(QLatin1String("setnet")), 20000);
        QVERIFY2(storedXml("disktest").contains(QLatin1String("<privnet/>")),
                 qPrintable(storedXml("disktest")));
        QVERIFY(!storedXml("disktest").contains(QLatin1String("diskKiB")));
        QVERIFY(!storedNetworkXml(QStringLiteral("setnet")).contains(QLatin1String("disktest")));
        QDBusMessage start = QDBusMessage::createMethodCall(
            "io.github.cubby1", "/io/github/cubby1", "io.github.cubby1.Manager", "StartContainer");
        start.setArguments({QStringLiteral("disktest")});
        const QDBusMessage started = QDBusConnection::systemBus().call(start, QDBus::Block, 60000);
        QVERIFY2(started.type() == QDBusMessage::ReplyMessage, qPrintable(started.errorMessage()));
        QByteArray caps;
        for (const char* file : {"/sys/fs/cgroup/blkio/cubby-dbus-test/disktest/"
                                 "blkio.throttle.read_bps_device",
                                 "/sys/fs/cgroup/cubby-dbus-test/disktest/io.max"}) {
            QFile kernel(QString::fromLatin1(file));
            if (kernel.open(QIODevice::ReadOnly))
                caps += kernel.readAll();
        }
        QVERIFY2(caps.contains("5242880"), caps.constData());
        QDBusMessage destroy =
            QDBusMessage::createMethodCall("io.github.cubby1", "/io/github/cubby1",
                                           "io.github.cubby1.Manager", "DestroyContainer");
        destroy.setArguments({QStringLiteral("disktest")});
        QDBusConnection::systemBus().call(destroy, QDBus::Block, 30000);
    }

    void refusedDeleteLeavesTheRow() {
        // Cancel in the confirmation: nothing happens.
        QVERIFY(m_window->selectContainer("noroot"));
        QTRY_VERIFY(m_window->action(MainWindow::Delete)->isEnabled());
        m_window->action(MainWindow::Delete)->trigger();
        QMessageBox* box = nullptr;
        QTRY_VERIFY((box = m_window->findChild<QMessageBox*>("confirmDelete")) && box->isVisible());
        box->button(QMessageBox::Cancel)->click();
        QTest::qWait(500);
        QVERIFY(m_window->model()->rowOf("noroot") >= 0);
    }
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
