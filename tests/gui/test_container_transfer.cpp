// Issue 13 in the app: export, import, snapshots and clone through the window's actions and
// dialogs, against the real helper on the gui tier's bus. The export's file is made by the
// app as the user (0600, named only when the job is done), imports into a new container the
// list then selects, a snapshot taken in the Snapshots dialog brings back the tree once
// restored, a clone says whether reflinks or a full copy were used; another machine's
// container cannot be exported from here (descriptors do not cross SSH).
#include "gui_test_support.h"

#include "busybox_root.h"
#include "container_list_model.h"
#include "helper_client.h"
#include "helper_connection.h"
#include "jobs_status.h"
#include "main_window.h"
#include "message_bar.h"
#include "snapshots_dialog.h"

#include <QAction>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QListWidget>
#include <QMimeData>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QUrl>
#include <csignal>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>

using namespace cubby;
using cubby::test::screenshot;

namespace {

QDBusMessage callHelper(const QString& method, const QVariantList& arguments) {
    QDBusMessage message = QDBusMessage::createMethodCall("io.github.cubby1", "/io/github/cubby1",
                                                          "io.github.cubby1.Manager", method);
    message.setArguments(arguments);
    return QDBusConnection::systemBus().call(message, QDBus::Block, 120000);
}

QString domainXml(const QString& name, const QString& root) {
    return QStringLiteral("<domain type='lxc'><name>%1</name><memory unit='MiB'>64</memory>"
                          "<os><type>exe</type><init>/sbin/init</init></os><features><privnet/>"
                          "</features><devices><filesystem type='mount'><source dir='%2'/>"
                          "<target dir='/'/></filesystem><console type='pty'/></devices>"
                          "</domain>")
        .arg(name, root);
}

// The root filesystem directory a stored definition names.
QString rootOf(const QString& name) {
    const QString xml =
        callHelper("GetContainerXml", {name, false}).arguments().value(0).toString();
    return QRegularExpression(QStringLiteral("<source dir='([^']+)'/>")).match(xml).captured(1);
}

template <class Dialog>
Dialog* waitForDialog(QWidget* window, const QString& objectName) {
    Dialog* found = nullptr;
    QElapsedTimer waited;
    waited.start();
    while (waited.elapsed() < 10000) {
        for (Dialog* each : window->findChildren<Dialog*>(objectName))
            if (each->isVisible())
                found = each;
        if (found)
            return found;
        QTest::qWait(20);
    }
    return nullptr;
}

} // namespace

class TestContainerTransfer : public QObject {
    Q_OBJECT
    std::unique_ptr<test::BusyboxRoot> m_root;
    std::unique_ptr<MainWindow> m_window;
    QTemporaryDir m_files;

    QString stateOf(const QString& name) const {
        const ContainerEntry* entry = m_window->model()->container(name);
        return entry ? entry->state : QString();
    }

private slots:
    void initTestCase() {
        QVERIFY2(geteuid() == 0, "the fixtures need root: run it through scripts/test");
        QVERIFY2(QGuiApplication::platformName() == "xcb",
                 "run this test through tests/support/with-xvfb");
        QVERIFY(m_files.isValid());
        m_root = std::make_unique<test::BusyboxRoot>();
        QVERIFY2(m_root->ok(), m_root->failure().c_str());
        QVERIFY(m_root->writeFile("sbin/init", "#!/bin/sh\nexec sh -i\n"));
        QVERIFY(m_root->writeFile("etc/marker", "exported tree\n"));
        QVERIFY(m_root->writeFile("root/.profile", "# root's\n"));
        const QDBusMessage defined = callHelper(
            "DefineContainer", {domainXml("orig", QString::fromStdString(m_root->path()))});
        QVERIFY2(defined.type() == QDBusMessage::ReplyMessage, qPrintable(defined.errorMessage()));
        m_window = std::make_unique<MainWindow>(QDBusConnection::systemBus());
        m_window->move(0, 0);
        m_window->resize(1280, 800);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QTRY_COMPARE_WITH_TIMEOUT(stateOf("orig"), QStringLiteral("shut off"), 20000);
    }

    void cleanupTestCase() { m_window.reset(); }

    void exportWritesTheFileOnlyWhenDone() {
        QVERIFY(m_window->selectContainer("orig"));
        QTRY_VERIFY(m_window->action(MainWindow::Export)->isEnabled());
        const QString path = m_files.filePath("orig.cubby");
        m_window->action(MainWindow::Export)->trigger();
        auto* dialog = waitForDialog<QFileDialog>(m_window.get(), "exportDialog");
        QVERIFY(dialog);
        dialog->selectFile(path);
        static_cast<QDialog*>(dialog)->accept();
        QTRY_VERIFY2_WITH_TIMEOUT(
            m_window->statusBar()->currentMessage().startsWith("Exported “orig” to"),
            qPrintable(m_window->statusBar()->currentMessage()), 60000);
        struct stat file = {};
        QCOMPARE(::stat(QFile::encodeName(path).constData(), &file), 0);
        QCOMPARE(file.st_mode & 07777, mode_t(0600));
        QVERIFY(file.st_size > 1000);
        // No file is ever replaced: a second export to the same path is refused, plainly.
        m_window->action(MainWindow::Export)->trigger();
        dialog = waitForDialog<QFileDialog>(m_window.get(), "exportDialog");
        QVERIFY(dialog);
        dialog->selectFile(path);
        static_cast<QDialog*>(dialog)->accept();
        QTRY_VERIFY(m_window->messageBar()->isVisible());
        QVERIFY2(m_window->messageBar()->text().contains("never replaces"),
                 qPrintable(m_window->messageBar()->text()));
        m_window->messageBar()->hide();
    }

    // The status bar's cancel button ends an export halfway: no file is left, not even a
    // partial one. The worker is held (SIGSTOP) until the cancel reached it, so the test does
    // not race the export.
    void cancelledExportLeavesNoFile() {
        QFile big(QString::fromStdString(m_root->path()) + "/big.bin");
        QVERIFY(big.open(QIODevice::WriteOnly));
        QFile random(QStringLiteral("/dev/urandom"));
        QVERIFY(random.open(QIODevice::ReadOnly));
        for (int i = 0; i < 16; ++i)
            big.write(random.read(1 << 20));
        big.close();
        QVERIFY(m_window->selectContainer("orig"));
        QTRY_VERIFY(m_window->action(MainWindow::Export)->isEnabled());
        const QString path = m_files.filePath("cancelled.cubby");
        m_window->action(MainWindow::Export)->trigger();
        auto* dialog = waitForDialog<QFileDialog>(m_window.get(), "exportDialog");
        QVERIFY(dialog);
        dialog->selectFile(path);
        static_cast<QDialog*>(dialog)->accept();
        pid_t worker = 0;
        QElapsedTimer timer;
        timer.start();
        while (worker == 0 && timer.elapsed() < 20000) {
            for (const test::ProcessInfo& process : test::processes())
                if (process.cmdline.contains("cubby-rootfs") && process.cmdline.contains("export"))
                    worker = process.pid;
            QTest::qWait(1);
        }
        QVERIFY(worker > 0);
        QCOMPARE(::kill(worker, SIGSTOP), 0);
        auto* jobs = m_window->statusBar()->findChild<JobsStatus*>("jobsStatus");
        QVERIFY(jobs);
        QTRY_VERIFY(jobs->isVisible() && jobs->cancelButton()->isVisible());
        QVERIFY(screenshot("container-export-running.png"));
        jobs->cancelButton()->click();
        QTest::qWait(300);
        ::kill(worker, SIGCONT);
        QTRY_VERIFY2_WITH_TIMEOUT(m_window->statusBar()->currentMessage() ==
                                      "Could not export “orig”: cancelled",
                                  qPrintable(m_window->statusBar()->currentMessage()), 30000);
        QTRY_VERIFY(!jobs->isVisible());
        QVERIFY(!QFile::exists(path));
        QCOMPARE(QDir(m_files.path()).entryList({"cancelled*"}, QDir::Files | QDir::Hidden),
                 QStringList{});
        QVERIFY(QFile::remove(big.fileName()));
        QTRY_VERIFY(m_window->action(MainWindow::Start)->isEnabled());
    }

    void importMakesANewContainer() {
        m_window->importAction()->trigger();
        auto* dialog = waitForDialog<QFileDialog>(m_window.get(), "importDialog");
        QVERIFY(dialog);
        dialog->selectFile(m_files.filePath("orig.cubby"));
        static_cast<QDialog*>(dialog)->accept();
        auto* name = waitForDialog<QInputDialog>(m_window.get(), "importName");
        QVERIFY(name);
        QCOMPARE(name->textValue(), QStringLiteral("orig")); // the exported name, to change
        name->setTextValue("imported");
        name->accept();
        QTRY_COMPARE_WITH_TIMEOUT(stateOf("imported"), QStringLiteral("shut off"), 60000);
        QTRY_COMPARE(m_window->selectedContainer(), QStringLiteral("imported"));
        const QString root = rootOf("imported");
        QVERIFY2(!root.isEmpty() && root != QString::fromStdString(m_root->path()),
                 qPrintable(root));
        QFile marker(root + "/etc/marker");
        QVERIFY(marker.open(QIODevice::ReadOnly));
        QCOMPARE(marker.readAll(), QByteArray("exported tree\n"));
        // A file that is not an export changes nothing.
        QFile bogus(m_files.filePath("bogus.cubby"));
        QVERIFY(bogus.open(QIODevice::WriteOnly));
        bogus.write("not an export at all, just text\n");
        bogus.close();
        const int rows = m_window->model()->rowCount();
        m_window->importAction()->trigger();
        dialog = waitForDialog<QFileDialog>(m_window.get(), "importDialog");
        QVERIFY(dialog);
        dialog->selectFile(bogus.fileName());
        static_cast<QDialog*>(dialog)->accept();
        name = waitForDialog<QInputDialog>(m_window.get(), "importName");
        QVERIFY(name);
        name->setTextValue("bogus");
        name->accept();
        QTRY_VERIFY(m_window->messageBar()->isVisible());
        QVERIFY2(m_window->messageBar()->text().startsWith("Could not import"),
                 qPrintable(m_window->messageBar()->text()));
        QTest::qWait(500);
        QCOMPARE(m_window->model()->rowCount(), rows);
        m_window->messageBar()->hide();
    }

    void aRestoredSnapshotBringsBackTheTree() {
        QVERIFY(m_window->selectContainer("imported"));
        QTRY_VERIFY(m_window->action(MainWindow::Snapshots)->isEnabled());
        m_window->action(MainWindow::Snapshots)->trigger();
        SnapshotsDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = m_window->findChild<SnapshotsDialog*>()) != nullptr);
        QSignalSpy ended(dialog, &SnapshotsDialog::jobEnded);
        dialog->takeButton()->click();
        auto* name = waitForDialog<QInputDialog>(dialog, "snapshotName");
        QVERIFY(name);
        name->setTextValue("first");
        name->accept();
        QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, 60000);
        QCOMPARE(ended.at(0).at(0).toString(), QStringLiteral("done"));
        QTRY_COMPARE(dialog->list()->count(), 1);
        QVERIFY(dialog->list()->item(0)->text().startsWith("first — "));
        QVERIFY2(dialog->status()->text().contains(QRegularExpression("reflinks|full copy")),
                 qPrintable(dialog->status()->text()));
        QVERIFY(screenshot("container-snapshots.png"));

        const QString root = rootOf("imported");
        QVERIFY(QFile::remove(root + "/etc/marker"));
        dialog->list()->setCurrentRow(0);
        dialog->restore("first");
        QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 2, 60000);
        QCOMPARE(ended.at(1).at(0).toString(), QStringLiteral("done"));
        QFile marker(root + "/etc/marker");
        QVERIFY(marker.open(QIODevice::ReadOnly));
        QCOMPARE(marker.readAll(), QByteArray("exported tree\n"));

        dialog->remove("first");
        QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 3, 60000);
        QTRY_COMPARE(dialog->list()->count(), 0);
        // A taken name is the helper's refusal, said in the dialog.
        dialog->take("second");
        QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 4, 60000);
        dialog->take("second");
        QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 5, 60000);
        QCOMPARE(ended.at(4).at(0).toString(), QStringLiteral("failed"));
        QVERIFY2(dialog->status()->text().contains("second"), qPrintable(dialog->status()->text()));
        dialog->close();
    }

    // Files dropped onto a container's row land in its /root, with their mode; a folder is
    // said to need cubbyctl cp -r, and changes nothing.
    void dropCopiesFilesIntoTheContainer() {
        QFile notes(m_files.filePath("notes.txt"));
        QVERIFY(notes.open(QIODevice::WriteOnly));
        notes.write("dropped in\n");
        notes.close();
        QVERIFY(notes.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup));
        QTableView* view = m_window->containerView();
        const auto dropOnto = [&](const QString& name, const QList<QUrl>& urls) {
            const int row = m_window->model()->rowOf(name);
            const QModelIndex shown = static_cast<QSortFilterProxyModel*>(view->model())
                                          ->mapFromSource(m_window->model()->index(row, 0));
            const QPoint at = view->visualRect(shown).center();
            QMimeData data;
            data.setUrls(urls);
            QDragEnterEvent enter(at, Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
            QApplication::sendEvent(view->viewport(), &enter);
            QDropEvent drop(QPointF(at), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
            QApplication::sendEvent(view->viewport(), &drop);
            return enter.isAccepted() && drop.isAccepted();
        };
        QVERIFY(dropOnto("orig", {QUrl::fromLocalFile(notes.fileName())}));
        QTRY_VERIFY2_WITH_TIMEOUT(m_window->statusBar()->currentMessage() ==
                                      "Copied to orig:/root/notes.txt",
                                  qPrintable(m_window->statusBar()->currentMessage()), 30000);
        const QString landed = QString::fromStdString(m_root->path()) + "/root/notes.txt";
        QFile copied(landed);
        QVERIFY(copied.open(QIODevice::ReadOnly));
        QCOMPARE(copied.readAll(), QByteArray("dropped in\n"));
        struct stat file = {};
        QCOMPARE(::stat(QFile::encodeName(landed).constData(), &file), 0);
        QCOMPARE(file.st_mode & 0777, mode_t(0640));

        QVERIFY(dropOnto("orig", {QUrl::fromLocalFile(m_files.path())}));
        QTRY_VERIFY(m_window->messageBar()->isVisible());
        QVERIFY2(m_window->messageBar()->text().contains("cubbyctl cp -r"),
                 qPrintable(m_window->messageBar()->text()));
        QVERIFY(!QFile::exists(QString::fromStdString(m_root->path()) + "/root/" +
                               QFileInfo(m_files.path()).fileName()));
        m_window->messageBar()->hide();
    }

    void cloneSaysHowItCopied() {
        QVERIFY(m_window->selectContainer("orig"));
        QTRY_VERIFY(m_window->action(MainWindow::Clone)->isEnabled());
        m_window->action(MainWindow::Clone)->trigger();
        auto* name = waitForDialog<QInputDialog>(m_window.get(), "cloneName");
        QVERIFY(name);
        QCOMPARE(name->textValue(), QStringLiteral("orig-copy"));
        name->accept();
        QTRY_VERIFY2_WITH_TIMEOUT(
            m_window->statusBar()->currentMessage().startsWith("Cloned “orig” as “orig-copy”."),
            qPrintable(m_window->statusBar()->currentMessage()), 60000);
        QVERIFY2(m_window->statusBar()->currentMessage().contains(
                     QRegularExpression("reflinks|full copy")),
                 qPrintable(m_window->statusBar()->currentMessage()));
        QTRY_COMPARE(stateOf("orig-copy"), QStringLiteral("shut off"));
        QTRY_COMPARE(m_window->selectedContainer(), QStringLiteral("orig-copy"));
        QVERIFY(screenshot("container-cloned.png"));
        // While it runs, a container is neither cloned, snapshotted nor exported.
        QVERIFY(m_window->selectContainer("orig"));
        m_window->action(MainWindow::Start)->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(stateOf("orig"), QStringLiteral("running"), 30000);
        QTRY_VERIFY(!m_window->action(MainWindow::Clone)->isEnabled());
        QVERIFY(!m_window->action(MainWindow::Snapshots)->isEnabled());
        QVERIFY(!m_window->action(MainWindow::Export)->isEnabled());
        QTRY_VERIFY(m_window->action(MainWindow::ForceOff)->isEnabled()); // the start's reply
        m_window->action(MainWindow::ForceOff)->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(stateOf("orig"), QStringLiteral("shut off"), 30000);
    }
};

QTEST_MAIN(TestContainerTransfer)
#include "test_container_transfer.moc"
