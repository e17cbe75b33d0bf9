// The New Container wizard end to end: opened from the main window against the real
// cubby-helper (bus-activated from this build on a private system bus with the real polkitd)
// under a real X server. Its pages are filled as a person would (widget values, the wizard's
// own Next and Create buttons); a BusyBox container is made, started and typed into through
// its console; a tarball is imported; an import reading from a FIFO that never ends is
// cancelled and leaves nothing. Screenshots land in ${CUBBY_ARTIFACTS_DIR}/screenshots.
#include "gui_test_support.h"

#include "busybox_root.h"
#include "container_creation.h"
#include "container_list_model.h"
#include "container_wizard.h"
#include "helper_connection.h"
#include "local_image_server.h"
#include "main_window.h"
#include "message_bar.h"
#include "pty_terminal.h"

#include <QAbstractButton>
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusReply>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <fcntl.h>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>

using namespace cubby;
using cubby::test::artifactsDir;
using cubby::test::run;
using cubby::test::screenshot;

namespace {

QString stateOf(MainWindow& window, const QString& name) {
    const ContainerEntry* entry = window.model()->container(name);
    return entry ? entry->state : QString();
}

QStringList rootfsNames() {
    const QDBusMessage call = QDBusMessage::createMethodCall(
        "io.github.cubby1", "/io/github/cubby1", "io.github.cubby1.Manager", "ListRootfs");
    const QDBusReply<QList<QVariantMap>> reply = QDBusConnection::systemBus().call(call);
    QStringList names;
    for (const QVariantMap& entry : reply.value())
        names << entry.value("name").toString();
    return names;
}

template <class T>
T* field(QWizard* wizard, const char* name) {
    T* widget = wizard->currentPage()->findChild<T*>(QLatin1String(name));
    if (!widget)
        qFatal("no %s on page %d", name, wizard->currentId());
    return widget;
}

bool clickNext(QWizard* wizard, int expectedPage) {
    QAbstractButton* next = wizard->button(QWizard::NextButton);
    if (!next->isEnabled() || !next->isVisible())
        return false;
    next->click();
    return wizard->currentId() == expectedPage;
}

bool typeInto(QWidget* widget, const QString& line) {
    const QPoint centre = widget->mapToGlobal(widget->rect().center());
    return run("xdotool", {"mousemove", QString::number(centre.x()), QString::number(centre.y()),
                           "click", "1"}) &&
           run("xdotool", {"type", "--delay", "15", line}) && run("xdotool", {"key", "Return"});
}

} // namespace

class TestContainerWizard : public QObject {
    Q_OBJECT
    std::unique_ptr<test::BusyboxRoot> m_root;
    std::unique_ptr<MainWindow> m_window;
    QString m_tarball;
    QString m_fifo;

    // Opens the wizard through the main window's action and fills the first page.
    ContainerWizard* openWizard(const QString& name, bool start, bool byKey = false) {
        if (byKey) { // Ctrl+N where the container list has the focus
            m_window->activateWindow();
            m_window->containerView()->setFocus();
            QTest::keyClick(m_window->containerView(), Qt::Key_N, Qt::ControlModifier);
        } else {
            m_window->action(MainWindow::NewContainer)->trigger();
        }
        auto* wizard = m_window->findChild<ContainerWizard*>("containerWizard");
        if (!wizard || !QTest::qWaitForWindowExposed(wizard))
            return nullptr;
        field<QLineEdit>(wizard, "nameEdit")->setText(name);
        field<QSpinBox>(wizard, "memorySpin")->setValue(64);
        field<QCheckBox>(wizard, "startCheck")->setChecked(start);
        return wizard;
    }

    // Page 2 with a tarball (or FIFO) path, then through the network page to the summary.
    bool toSummaryWithArchive(ContainerWizard* wizard, const QString& path, const QString& init) {
        if (!clickNext(wizard, ContainerWizard::RootfsPageId))
            return false;
        field<QRadioButton>(wizard, "tarballRadio")->setChecked(true);
        field<QLineEdit>(wizard, "tarballEdit")->setText(path);
        field<QLineEdit>(wizard, "initEdit")->setText(init);
        return clickNext(wizard, ContainerWizard::NetworkPageId) &&
               clickNext(wizard, ContainerWizard::CreatePageId);
    }

private slots:
    void initTestCase() {
        QVERIFY2(geteuid() == 0, "the fixtures need root: run it through scripts/test");
        QVERIFY2(qEnvironmentVariableIsSet("CUBBY_TEST_ALLOWED_UID"),
                 "run this test through tests/support/with-system-bus");
        QVERIFY2(QGuiApplication::platformName() == "xcb",
                 "run this test through tests/support/with-xvfb");
        m_root = std::make_unique<test::BusyboxRoot>();
        QVERIFY2(m_root->ok(), m_root->failure().c_str());
        QVERIFY(m_root->writeFile("sbin/init-wiz", "#!/bin/sh\necho tar-ready\nexec sh -i\n"));
        const QString root = QString::fromStdString(m_root->path());
        m_tarball = root + ".tar";
        QVERIFY(run("tar", {"-C", root, "-cf", m_tarball, "."}));
        m_fifo = root + ".fifo";
        QCOMPARE(::mkfifo(m_fifo.toLocal8Bit().constData(), 0600), 0);

        m_window = std::make_unique<MainWindow>(QDBusConnection::systemBus());
        m_window->move(0, 0);
        m_window->resize(1280, 800);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QTRY_VERIFY_WITH_TIMEOUT(m_window->helper()->isReachable(), 20000);
    }

    void cleanupTestCase() {
        m_window.reset();
        ::unlink(m_tarball.toLocal8Bit().constData());
        ::unlink(m_fifo.toLocal8Bit().constData());
    }

    void busyboxThroughTheWizard() {
        QVERIFY(m_window->action(MainWindow::NewContainer)->isEnabled());
        QCOMPARE(m_window->action(MainWindow::NewContainer)->shortcut(),
                 QKeySequence(QKeySequence::New));
        QPointer<ContainerWizard> wizard = openWizard(QString(), true);
        QVERIFY(wizard);
        QVERIFY(!wizard->isModal());
        QVERIFY(m_window->isEnabled());

        // An invalid name: said on the page, and Next stays off.
        auto* name = field<QLineEdit>(wizard, "nameEdit");
        name->setText("bad name");
        auto* message = field<QLabel>(wizard, "pageMessage");
        QVERIFY(message->isVisible());
        QVERIFY2(message->text().contains("contains"), qPrintable(message->text()));
        QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled());
        QVERIFY(screenshot("container-wizard-1-invalid-name.png"));
        name->setText("wiz1");
        QVERIFY(!message->isVisible());
        // The privileged switch says plainly what it means; off by default.
        auto* privileged = field<QCheckBox>(wizard, "privilegedCheck");
        auto* warning = field<QLabel>(wizard, "privilegedWarning");
        QVERIFY(!privileged->isChecked());
        QVERIFY(!warning->isVisible());
        privileged->setChecked(true);
        QVERIFY(warning->isVisible());
        QVERIFY(warning->text().contains("root on this computer"));
        field<QLineEdit>(wizard, "sharedFolderEdit")->setText("/srv/projects/");
        QVERIFY2(field<QLabel>(wizard, "sharedNote")->text().contains("/mnt/projects"),
                 qPrintable(field<QLabel>(wizard, "sharedNote")->text()));
        QVERIFY(screenshot("container-wizard-1-privileged-warning.png"));
        privileged->setChecked(false);
        QVERIFY(!warning->isVisible());
        field<QLineEdit>(wizard, "sharedFolderEdit")->clear();
        QVERIFY(screenshot("container-wizard-1-name.png"));

        QVERIFY(clickNext(wizard, ContainerWizard::RootfsPageId));
        QVERIFY(field<QRadioButton>(wizard, "busyboxRadio")->isChecked());
        QCOMPARE(field<QLineEdit>(wizard, "initEdit")->text(), QStringLiteral("/sbin/init"));
        // The init field follows the kind until the user writes their own.
        field<QRadioButton>(wizard, "debianRadio")->setChecked(true);
        QCOMPARE(field<QLineEdit>(wizard, "initEdit")->text(), QStringLiteral("/sbin/init"));
        QVERIFY(screenshot("container-wizard-2-rootfs-debian.png"));
        field<QCheckBox>(wizard, "debianMinimal")->setChecked(true);
        QCOMPARE(field<QLineEdit>(wizard, "initEdit")->text(), QStringLiteral("/bin/bash"));
        field<QCheckBox>(wizard, "debianMinimal")->setChecked(false);
        QCOMPARE(field<QLineEdit>(wizard, "initEdit")->text(), QStringLiteral("/sbin/init"));
        // Who logs in: only the rows the choice needs, and the page says what does not fit.
        {
            auto* login = field<QComboBox>(wizard, "loginCombo");
            auto* user = field<QLineEdit>(wizard, "userEdit");
            auto* password = field<QLineEdit>(wizard, "passwordEdit");
            auto* repeat = field<QLineEdit>(wizard, "passwordRepeatEdit");
            auto* next = wizard->button(QWizard::NextButton);
            const auto pageText = [&] {
                return wizard->page(ContainerWizard::RootfsPageId)
                    ->findChild<QLabel*>("pageMessage")
                    ->text();
            };
            QVERIFY(login->isVisible() && !user->isVisible() && !password->isVisible());
            login->setCurrentIndex(int(DebianLogin::SudoUser));
            QVERIFY(user->isVisible() && password->isVisible() && repeat->isVisible());
            QCOMPARE(password->echoMode(), QLineEdit::Password);
            QVERIFY(!next->isEnabled());
            QVERIFY2(pageText().contains("User name"), qPrintable(pageText()));
            user->setText("alice");
            password->setText("s3cret");
            repeat->setText("s3cre");
            QVERIFY(!next->isEnabled());
            QVERIFY2(pageText().contains("differ"), qPrintable(pageText()));
            repeat->setText("s3cret");
            QVERIFY(next->isEnabled());
            QVERIFY(screenshot("container-wizard-2-rootfs-debian-user.png"));
            field<QCheckBox>(wizard, "debianMinimal")->setChecked(true);
            QVERIFY(!login->isVisible() && !user->isVisible());
            field<QCheckBox>(wizard, "debianMinimal")->setChecked(false);
            login->setCurrentIndex(int(DebianLogin::ConsoleAutologin));
            QVERIFY(!user->isVisible() && !password->isVisible());
        }
        field<QRadioButton>(wizard, "busyboxRadio")->setChecked(true);
        QVERIFY(screenshot("container-wizard-2-rootfs.png"));

        QVERIFY(clickNext(wizard, ContainerWizard::NetworkPageId));
        QVERIFY(field<QRadioButton>(wizard, "noNetworkRadio")->isChecked());
        QVERIFY(!field<QRadioButton>(wizard, "hostNetworkRadio")->isEnabled());
        QVERIFY(screenshot("container-wizard-3-network.png"));

        QVERIFY(clickNext(wizard, ContainerWizard::CreatePageId));
        const QString summary = field<QLabel>(wizard, "summary")->text();
        QVERIFY2(summary.contains("wiz1") && summary.contains("BusyBox"), qPrintable(summary));
        QVERIFY2(summary.contains("unprivileged"), qPrintable(summary));
        QVERIFY(screenshot("container-wizard-4-summary.png"));

        QSignalSpy created(wizard.data(), &ContainerWizard::created);
        QSignalSpy jobs(m_window->helper()->manager(), &ManagerProxy::JobFinished);
        auto* progress = field<QProgressBar>(wizard, "jobProgress");
        wizard->button(QWizard::FinishButton)->click();
        QVERIFY(progress->isVisible()); // at once: the window never waits for the helper
        QVERIFY(!wizard->button(QWizard::BackButton)->isEnabled());
        QVERIFY(screenshot("container-wizard-5-progress.png"));
        // Once the job is done only short steps remain: there is nothing left to cancel.
        QTRY_VERIFY_WITH_TIMEOUT(
            wizard.isNull() || !field<QPushButton>(wizard, "cancelJob")->isEnabled(), 60000);
        QTRY_COMPARE_WITH_TIMEOUT(created.count(), 1, 60000);
        QCOMPARE(created.first().at(0).toString(), QStringLiteral("wiz1"));
        QTRY_VERIFY(wizard.isNull()); // closed and deleted on success
        QVERIFY(!jobs.isEmpty());
        QCOMPARE(jobs.first().at(3).toString(), QStringLiteral("done"));

        QTRY_COMPARE_WITH_TIMEOUT(stateOf(*m_window, "wiz1"), QStringLiteral("running"), 30000);
        QTRY_COMPARE(m_window->selectedContainer(), QStringLiteral("wiz1"));
        // The list says it is unprivileged and whose it is (the test runs the app as root).
        const int row = m_window->model()->rowOf("wiz1");
        QTRY_COMPARE(
            m_window->model()->index(row, ContainerListModel::SecurityColumn).data().toString(),
            QStringLiteral("unprivileged"));
        QCOMPARE(m_window->model()->index(row, ContainerListModel::OwnerColumn).data().toString(),
                 QStringLiteral("root"));
        QVERIFY2(!m_window->messageBar()->isVisible(), qPrintable(m_window->messageBar()->text()));
        QVERIFY(rootfsNames().contains("wiz1"));

        // BusyBox init's root shell on the console.
        QTRY_VERIFY(m_window->action(MainWindow::OpenConsole)->isEnabled());
        m_window->action(MainWindow::OpenConsole)->trigger();
        // Overview, Log, Settings, XML, it.
        QTRY_COMPARE_WITH_TIMEOUT(m_window->tabs()->count(), 5, 30000);
        auto* console = qobject_cast<PtyTerminal*>(m_window->tabs()->widget(4));
        QVERIFY(console && console->isAttached());
        QTest::qWait(1000); // the shell's prompt after rcS
        QVERIFY(typeInto(console, "echo wiz-$((6*7))"));
        QTRY_VERIFY2_WITH_TIMEOUT(console->transcript().contains("wiz-42"),
                                  qPrintable(console->transcript()), 15000);
        QVERIFY2(console->transcript().contains("root@wiz1"), qPrintable(console->transcript()));
        QVERIFY(screenshot("container-wizard-6-console.png"));
        m_window->tabs()->setCurrentIndex(0);
    }

    void tarballThroughTheWizard() {
        QPointer<ContainerWizard> wizard = openWizard("wiztar", true, true);
        QVERIFY(wizard);
        QVERIFY(toSummaryWithArchive(wizard, m_tarball, "/sbin/init-wiz"));
        QVERIFY(field<QLabel>(wizard, "summary")->text().contains(".tar"));
        QSignalSpy created(wizard.data(), &ContainerWizard::created);
        wizard->button(QWizard::FinishButton)->click();
        QTRY_COMPARE_WITH_TIMEOUT(created.count(), 1, 60000);
        QTRY_VERIFY(wizard.isNull());
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(*m_window, "wiztar"), QStringLiteral("running"), 30000);
        QTRY_COMPARE(m_window->selectedContainer(), QStringLiteral("wiztar"));
        QVERIFY(rootfsNames().contains("wiztar"));
    }

    // A root filesystem from an image server (issue 11, item 5): the list comes from the
    // server as the kind is chosen, the search narrows it, a download that does not match the
    // catalogue's checksum is refused with nothing made, then the good one is downloaded,
    // checked, kept in the cache and imported, and the container runs.
    void imageThroughTheWizard() {
        QTemporaryDir cache;
        QVERIFY(cache.isValid());
        qputenv("XDG_CACHE_HOME", QFile::encodeName(cache.path()));
        test::LocalImageServer images(QString::fromStdString(m_root->path()));
        QVERIFY2(images.ok(), qPrintable(images.failure()));
        QPointer<ContainerWizard> wizard = openWizard("wizimg", true);
        QVERIFY(wizard);
        QVERIFY(clickNext(wizard, ContainerWizard::RootfsPageId));
        field<QLineEdit>(wizard, "imageServerEdit")->setText(images.url());
        field<QRadioButton>(wizard, "imageRadio")->setChecked(true); // loads the list
        auto* list = field<QListWidget>(wizard, "imageList");
        QTRY_COMPARE_WITH_TIMEOUT(list->count(), 2, 15000);
        QVERIFY2(field<QLabel>(wizard, "imageNote")->text().contains("2 image"),
                 qPrintable(field<QLabel>(wizard, "imageNote")->text()));
        QAbstractButton* next = wizard->button(QWizard::NextButton);
        QVERIFY(!next->isEnabled()); // nothing chosen yet
        field<QLineEdit>(wizard, "imageSearchEdit")->setText("testos/b");
        const auto visibleRows = [list] {
            QList<int> rows;
            for (int row = 0; row < list->count(); ++row) {
                if (!list->item(row)->isHidden())
                    rows << row;
            }
            return rows;
        };
        QCOMPARE(visibleRows().size(), 1);
        QVERIFY(list->item(visibleRows().front())->text().startsWith("testos/bad"));
        list->setCurrentRow(visibleRows().front());
        QVERIFY(next->isEnabled());
        QVERIFY(clickNext(wizard, ContainerWizard::NetworkPageId));
        QVERIFY(clickNext(wizard, ContainerWizard::CreatePageId));
        wizard->button(QWizard::FinishButton)->click();
        auto* message = field<QLabel>(wizard, "pageMessage");
        QTRY_VERIFY_WITH_TIMEOUT(message->isVisible(), 30000);
        QVERIFY2(message->text().contains("checksum"), qPrintable(message->text()));
        QVERIFY(!rootfsNames().contains("wizimg"));
        QVERIFY(QDir(cache.path() + "/cubby/images").isEmpty());

        wizard->back();
        wizard->back();
        QCOMPARE(wizard->currentId(), int(ContainerWizard::RootfsPageId));
        field<QLineEdit>(wizard, "imageSearchEdit")->setText("one");
        list->setCurrentRow(visibleRows().front());
        field<QLineEdit>(wizard, "initEdit")->setText("/sbin/init-wiz"); // the fixture's init
        QVERIFY(screenshot("container-wizard-2-rootfs-image.png"));
        QVERIFY(clickNext(wizard, ContainerWizard::NetworkPageId));
        QVERIFY(clickNext(wizard, ContainerWizard::CreatePageId));
        const QString summary = field<QLabel>(wizard, "summary")->text();
        QVERIFY2(summary.contains("TestOS one") && summary.contains("checked"),
                 qPrintable(summary));
        QSignalSpy created(wizard.data(), &ContainerWizard::created);
        wizard->button(QWizard::FinishButton)->click();
        QTRY_COMPARE_WITH_TIMEOUT(created.count(), 1, 60000);
        QTRY_VERIFY(wizard.isNull());
        QVERIFY(QFile::exists(cache.path() + "/cubby/images/" + images.sha256() + ".tar.xz"));
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(*m_window, "wizimg"), QStringLiteral("running"), 30000);
        QVERIFY(rootfsNames().contains("wizimg"));
        qunsetenv("XDG_CACHE_HOME");
    }

    void failedStartStaysOnThePage() {
        // A directory that is not there: defining works (the helper checks it at start), the
        // start fails, and the helper's message stays on the page with Back to fix it.
        QPointer<ContainerWizard> wizard = openWizard("wizdir", true);
        QVERIFY(wizard);
        QVERIFY(clickNext(wizard, ContainerWizard::RootfsPageId));
        field<QRadioButton>(wizard, "directoryRadio")->setChecked(true);
        field<QLineEdit>(wizard, "directoryEdit")->setText("/nonexistent/wizdir");
        QVERIFY(clickNext(wizard, ContainerWizard::NetworkPageId));
        QVERIFY(clickNext(wizard, ContainerWizard::CreatePageId));
        wizard->button(QWizard::FinishButton)->click();
        auto* message = field<QLabel>(wizard, "pageMessage");
        QTRY_VERIFY_WITH_TIMEOUT(message->isVisible(), 30000);
        qInfo("page message: %s", qPrintable(message->text()));
        QVERIFY2(message->text().contains("could not start"), qPrintable(message->text()));
        QVERIFY(wizard->isVisible());
        QVERIFY(wizard->button(QWizard::BackButton)->isEnabled());
        QVERIFY(wizard->button(QWizard::FinishButton)->isEnabled());
        QVERIFY(screenshot("container-wizard-9-start-failed.png"));
        QTRY_COMPARE(stateOf(*m_window, "wizdir"), QStringLiteral("shut off"));
        // Its own name is not "taken" when the user goes back to fix the request.
        wizard->back();
        wizard->back();
        wizard->back();
        QCOMPARE(wizard->currentId(), int(ContainerWizard::NamePageId));
        QVERIFY(wizard->button(QWizard::NextButton)->isEnabled());
        wizard->reject();
        QTRY_VERIFY(wizard.isNull());
    }

    void cancelledImportLeavesNothing() {
        // A writer that never writes: the import waits for data until it is cancelled.
        const int writer = ::open(m_fifo.toLocal8Bit().constData(), O_RDWR | O_CLOEXEC);
        QVERIFY(writer >= 0);
        QPointer<ContainerWizard> wizard = openWizard("wizfifo", true);
        QVERIFY(wizard);
        QVERIFY(toSummaryWithArchive(wizard, m_fifo, "/sbin/init"));
        QSignalSpy jobs(m_window->helper()->manager(), &ManagerProxy::JobFinished);
        QSignalSpy started(m_window->helper()->manager(), &ManagerProxy::JobNew);
        wizard->button(QWizard::FinishButton)->click();
        QTRY_VERIFY_WITH_TIMEOUT(!started.isEmpty(), 30000);
        auto* progress = field<QProgressBar>(wizard, "jobProgress");
        QTRY_COMPARE_WITH_TIMEOUT(progress->maximum(), 0, 10000); // busy: a pipe has no size
        QTest::qWait(500);
        QVERIFY(screenshot("container-wizard-7-importing.png"));
        QVERIFY(!wizard->button(QWizard::BackButton)->isEnabled()); // lists arrived meanwhile
        auto* cancel = field<QPushButton>(wizard, "cancelJob");
        QVERIFY(cancel->isVisible() && cancel->isEnabled());
        cancel->click();
        QTRY_VERIFY_WITH_TIMEOUT(!jobs.isEmpty(), 30000);
        QCOMPARE(jobs.first().at(3).toString(), QStringLiteral("cancelled"));
        QTRY_VERIFY(!wizard->creation()->isRunning());
        QTRY_VERIFY(field<QLabel>(wizard, "step")->text().contains("Cancelled"));
        QVERIFY(wizard->isVisible()); // the user may go back and change something
        QVERIFY(wizard->button(QWizard::BackButton)->isEnabled());
        QVERIFY(screenshot("container-wizard-8-cancelled.png"));
        QTest::qWait(500);
        QCOMPARE(m_window->model()->rowOf("wizfifo"), -1);
        QVERIFY(!rootfsNames().contains("wizfifo"));

        // Again, and the wizard is closed while the job runs: the job is cancelled.
        jobs.clear();
        started.clear();
        wizard->button(QWizard::FinishButton)->click();
        QTRY_VERIFY_WITH_TIMEOUT(!started.isEmpty(), 30000);
        QTest::qWait(300);
        wizard->reject();
        QTRY_VERIFY(wizard.isNull());
        QTRY_VERIFY_WITH_TIMEOUT(!jobs.isEmpty(), 30000);
        QCOMPARE(jobs.first().at(3).toString(), QStringLiteral("cancelled"));
        QTest::qWait(500);
        QCOMPARE(m_window->model()->rowOf("wizfifo"), -1);
        QVERIFY(!rootfsNames().contains("wizfifo"));
        ::close(writer);
    }
};

QTEST_MAIN(TestContainerWizard)
#include "test_container_wizard.moc"
