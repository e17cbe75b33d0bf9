// The app as a normal desktop user (cubby-user; the session's polkit rule stands in for an
// active session): on another user's container the actions that would ask for an
// administrator's password carry a lock badge and say why. Trying one anyway, with nobody to
// give the password (no authentication agent runs here, as when a dialog is cancelled), ends
// in a calm notice that nothing was changed, and nothing is.
// Run by tests/gui/locked-actions, which has root define a container first.
#include "container_list_model.h"
#include "helper_connection.h"
#include "main_window.h"
#include "message_bar.h"

#include <QAction>
#include <QTest>
#include <unistd.h>

using namespace cubby;

class TestLockedActions : public QObject {
    Q_OBJECT
private slots:
    void anotherUsersContainerAsksForAPassword() {
        QVERIFY2(geteuid() != 0, "run as the desktop user (tests/gui/locked-actions)");
        MainWindow window(QDBusConnection::systemBus());
        window.show();
        QTRY_VERIFY_WITH_TIMEOUT(window.helper()->isReachable(), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(window.model()->rowOf("rootsbox") >= 0, 20000);
        QAction* start = window.action(MainWindow::Start);
        const QImage plain = start->icon().pixmap(22, 22).toImage();
        QVERIFY(window.selectContainer("rootsbox"));
        QTRY_VERIFY2_WITH_TIMEOUT(start->toolTip().contains("administrator's password"),
                                  qPrintable(start->toolTip()), 15000);
        QVERIFY2(start->toolTip().contains("belongs to uid 0"), qPrintable(start->toolTip()));
        QVERIFY(start->isEnabled()); // it may still be done, with the password
        QVERIFY(start->icon().pixmap(22, 22).toImage() != plain); // the lock badge

        start->trigger();
        MessageBar* bar = window.messageBar();
        QTRY_VERIFY_WITH_TIMEOUT(bar->isVisible(), 30000);
        QVERIFY2(!bar->isError(), qPrintable(bar->text())); // a notice, not an error
        QVERIFY2(bar->text().startsWith(QLatin1String("Nothing was changed")) &&
                     bar->text().contains(QLatin1String("change containers")) &&
                     !bar->text().contains(QLatin1String("io.github.cubby1")),
                 qPrintable(bar->text()));
        QTest::qWait(500);
        QCOMPARE(window.model()->container("rootsbox")->state, QStringLiteral("shut off"));
    }
};

QTEST_MAIN(TestLockedActions)
#include "test_locked_actions.moc"
