// The app's own polkit authentication agent, as a normal desktop user (cubby-user, in a
// session that has no agent: no desktop runs here) against the helper on the private system
// bus with the real polkitd. Another user's container needs an administrator's password: the
// app's dialog asks for it. Cancel changes nothing and ends in the calm notice; a wrong
// password is said in the dialog and changes nothing; the right one (root's, made known for
// this run by tests/gui/auth-agent) lets the action happen.
// Run by tests/gui/auth-agent, which has root define a container first.
#include "app_translations.h"
#include "auth_agent.h"
#include "auth_dialog.h"
#include "container_list_model.h"
#include "gui_test_support.h"
#include "helper_connection.h"
#include "main_window.h"
#include "message_bar.h"
#include "polkit_types.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QDBusMetaType>
#include <QDBusVirtualObject>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QRegularExpression>
#include <QTest>
#include <memory>
#include <unistd.h>

using namespace cubby;

namespace {

// Another authentication agent, serving this process before the app's own registers (as a
// desktop's agent serves the session): registered over QtDBus's connection, so polkitd sees a
// second client. It is never asked anything.
class OtherAgent : public QDBusVirtualObject {
public:
    QString introspect(const QString&) const override { return {}; }
    bool handleMessage(const QDBusMessage&, const QDBusConnection&) override { return false; }
};

// Field 22 of /proc/self/stat: how polkit tells this process from a later one with its pid.
quint64 ownStartTime() {
    QFile stat(QStringLiteral("/proc/self/stat"));
    if (!stat.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray text = stat.readAll();
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    return fields.size() > 19 ? fields[19].toULongLong() : 0;
}

QDBusMessage authorityCall(const QString& method) {
    return QDBusMessage::createMethodCall(QStringLiteral("org.freedesktop.PolicyKit1"),
                                          QStringLiteral("/org/freedesktop/PolicyKit1/Authority"),
                                          QStringLiteral("org.freedesktop.PolicyKit1.Authority"),
                                          method);
}

} // namespace

class TestAuthAgent : public QObject {
    Q_OBJECT
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<AuthAgent> m_agent;

    // The dialog the agent opened for the action just triggered.
    AuthDialog* waitForDialog() {
        if (!QTest::qWaitFor([this] { return m_agent->dialog() && m_agent->dialog()->isVisible(); },
                             20000))
            return nullptr;
        AuthDialog* dialog = m_agent->dialog();
        return QTest::qWaitForWindowExposed(dialog) ? dialog : nullptr;
    }

    static void cancel(AuthDialog* dialog) {
        QPushButton* button =
            dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Cancel);
        QVERIFY(button);
        QTest::mouseClick(button, Qt::LeftButton);
    }

    // Types `password` into the dialog once polkit asks for it, and presses Authenticate.
    static void answer(AuthDialog* dialog, const QString& password) {
        QTest::keyClicks(dialog->passwordField(), password);
        // Enabled once PAM (through polkit-agent-helper-1) asks.
        QTRY_VERIFY_WITH_TIMEOUT(dialog->authenticateButton()->isEnabled(), 15000);
        QTest::mouseClick(dialog->authenticateButton(), Qt::LeftButton);
        QVERIFY(dialog->passwordField()->text().isEmpty()); // the dialog keeps no copy
    }

    void expectCalmNotice() {
        MessageBar* bar = m_window->messageBar();
        QTRY_VERIFY_WITH_TIMEOUT(bar->isVisible(), 30000);
        qInfo("the window says: %s", qPrintable(bar->text()));
        QVERIFY2(!bar->isError(), qPrintable(bar->text()));
        // Worded as an authentication not given, not as a refusal by the rules.
        QVERIFY2(bar->text().startsWith(QLatin1String("Nothing was changed: the authentication "
                                                      "to change containers was cancelled")),
                 qPrintable(bar->text()));
        bar->hide();
    }

    QString stateOfRootsbox() const {
        const auto* container = m_window->model()->container("rootsbox");
        return container ? container->state : QString();
    }

private slots:
    void initTestCase() {
        QVERIFY2(geteuid() != 0, "run as the desktop user (tests/gui/auth-agent)");
        qDBusRegisterMetaType<polkit::Subject>();
        m_window = std::make_unique<MainWindow>(QDBusConnection::systemBus());
        m_window->show();
        m_agent = std::make_unique<AuthAgent>(m_window.get());
        QTRY_VERIFY_WITH_TIMEOUT(m_window->helper()->isReachable(), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->model()->rowOf("rootsbox") >= 0, 20000);
        QVERIFY(m_window->selectContainer("rootsbox"));
        QAction* start = m_window->action(MainWindow::Start);
        QTRY_VERIFY2_WITH_TIMEOUT(start->toolTip().contains("administrator's password"),
                                  qPrintable(start->toolTip()), 15000);
    }

    // Where an agent already serves, polkitd refuses a second one: the app leaves it be,
    // without a warning.
    void anotherAgentKeepsItsPlace() {
        OtherAgent other;
        QDBusConnection bus = QDBusConnection::systemBus();
        const QString path = QStringLiteral("/io/github/cubby1/test/OtherAgent");
        QVERIFY(bus.registerVirtualObject(path, &other));
        const polkit::Subject self{QStringLiteral("unix-process"),
                                   {{QStringLiteral("pid"), quint32(::getpid())},
                                    {QStringLiteral("start-time"), ownStartTime()}}};
        QDBusMessage registration = authorityCall(QStringLiteral("RegisterAuthenticationAgent"));
        registration << QVariant::fromValue(self) << QStringLiteral("C") << path;
        const QDBusMessage registered = bus.call(registration);
        QVERIFY2(registered.type() == QDBusMessage::ReplyMessage,
                 qPrintable(registered.errorMessage()));

        QTest::failOnWarning(QRegularExpression(QStringLiteral(".*")));
        QCOMPARE(m_agent->registerForSession(), AgentRegistration::AnotherAgentServes);

        QDBusMessage removal = authorityCall(QStringLiteral("UnregisterAuthenticationAgent"));
        removal << QVariant::fromValue(self) << path;
        const QDBusMessage removed = bus.call(removal);
        QVERIFY2(removed.type() == QDBusMessage::ReplyMessage, qPrintable(removed.errorMessage()));
        bus.unregisterObject(path);
    }

    // With none serving (no desktop runs here), the app's own agent takes the requests.
    void registersWhereNoAgentServes() {
        QCOMPARE(m_agent->registerForSession(), AgentRegistration::Registered);
    }

    // Each case starts with no message shown.
    void init() { m_window->messageBar()->hide(); }

    void cancelChangesNothing() {
        m_window->action(MainWindow::Start)->trigger();
        AuthDialog* dialog = waitForDialog();
        QVERIFY2(dialog, "the app's own agent showed no dialog");
        QVERIFY2(dialog->headingLabel()->text().contains(QLatin1String("change containers")),
                 qPrintable(dialog->headingLabel()->text()));
        QCOMPARE(dialog->identityShown(), QStringLiteral("Administrator (root)"));
        // Non-modal: the window stays usable while the dialog waits.
        QCOMPARE(dialog->windowModality(), Qt::NonModal);
        QCOMPARE(QApplication::activeModalWidget(), nullptr);
        QVERIFY(test::screenshot("auth-agent/auth-dialog.png"));

        cancel(dialog);
        QTRY_VERIFY(m_agent->dialog() == nullptr);
        expectCalmNotice();
        QCOMPARE(stateOfRootsbox(), QStringLiteral("shut off"));
    }

    void wrongPasswordIsSaidAndChangesNothing() {
        m_window->action(MainWindow::Start)->trigger();
        // Followed by a QPointer: an agent that gives up closes (deletes) its dialog.
        QPointer<AuthDialog> dialog = waitForDialog();
        QVERIFY2(dialog, "the app's own agent showed no dialog");
        answer(dialog, QStringLiteral("not-the-password"));
        // PAM waits a moment after a wrong password; then the dialog says so and asks again.
        QTRY_VERIFY_WITH_TIMEOUT(!dialog || dialog->problemLabel()->isVisible(), 20000);
        QVERIFY2(dialog, "the dialog closed after one wrong password instead of asking again");
        QVERIFY2(dialog->problemLabel()->text().contains(QLatin1String("not accepted")),
                 qPrintable(dialog->problemLabel()->text()));
        QCOMPARE(m_agent->dialog(), dialog.data()); // the same dialog, for another try
        QTRY_VERIFY_WITH_TIMEOUT(dialog && dialog->passwordField()->isEnabled(), 15000);
        for (auto* button : dialog->findChildren<QAbstractButton*>())
            if (button->isCheckable())
                button->setChecked(true); // Details, for the screenshot
        QVERIFY2(
            dialog->findChild<QLabel*>("authDetails")->text().contains("io.github.cubby1.manage"),
            qPrintable(dialog->findChild<QLabel*>("authDetails")->text()));
        QVERIFY(test::screenshot("auth-agent/auth-dialog-wrong-password.png"));
        QVERIFY(!m_window->messageBar()->isVisible()); // nothing decided yet
        QCOMPARE(stateOfRootsbox(), QStringLiteral("shut off"));

        // Wrong again until the attempts run out: the authentication ends as not given.
        for (int attempt = 2; attempt <= AuthAgent::maxAttempts; ++attempt) {
            QTRY_VERIFY_WITH_TIMEOUT(dialog && dialog->passwordField()->isEnabled(), 15000);
            answer(dialog, QStringLiteral("still-not-the-password"));
            if (attempt < AuthAgent::maxAttempts)
                QTRY_VERIFY_WITH_TIMEOUT(!dialog || dialog->passwordField()->isEnabled(), 20000);
        }
        QTRY_VERIFY_WITH_TIMEOUT(m_agent->dialog() == nullptr, 20000);
        expectCalmNotice();
        QCOMPARE(stateOfRootsbox(), QStringLiteral("shut off"));
    }

    // Last: polkit keeps an administrator's authorization for the app a while
    // (auth_admin_keep), and the container is gone afterwards.
    void rightPasswordLetsTheActionHappen() {
        const QString password = qEnvironmentVariable("CUBBY_TEST_ROOT_PASSWORD");
        QVERIFY2(!password.isEmpty(),
                 "no known administrator password: run this test through tests/gui/auth-agent");
        m_window->action(MainWindow::Delete)->trigger();
        QMessageBox* confirm = nullptr;
        QTRY_VERIFY((confirm = m_window->findChild<QMessageBox*>("confirmDelete")) &&
                    confirm->isVisible());
        QTest::mouseClick(confirm->button(QMessageBox::Yes), Qt::LeftButton);

        AuthDialog* dialog = waitForDialog();
        QVERIFY2(dialog, "the app's own agent showed no dialog");
        answer(dialog, password);
        QTRY_VERIFY_WITH_TIMEOUT(m_agent->dialog() == nullptr, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->model()->rowOf("rootsbox") < 0, 20000);
        QVERIFY2(!m_window->messageBar()->isVisible(), qPrintable(m_window->messageBar()->text()));
    }

    // The dialog in German (the app follows the system's locale; a fresh dialog takes the
    // catalogue installed now): every string of its own translated, and a screenshot with the
    // identity chooser, a wrong password's words and the details to look at.
    void dialogInGerman() {
        QVERIFY(installAppTranslations(*qApp, QLocale(QLocale::German, QLocale::Germany),
                                       UntranslatedStrings::Record));
        const AuthDialog::Request request{
            QStringLiteral("io.github.cubby1.manage"),
            QStringLiteral("Authentication is required to manage containers"),
            {},
            {{QStringLiteral("unix-user:root"), AuthDialog::identityName("unix-user:root")},
             {QStringLiteral("unix-user:cubby-user"),
              AuthDialog::identityName("unix-user:cubby-user")}}};
        AuthDialog dialog(request, m_window.get());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        dialog.askFor(QStringLiteral("Password: "), false);
        dialog.showProblem(AuthAgent::tr(
            "The password was not accepted. Try again (%n attempt(s) left).", nullptr, 2));
        for (auto* button : dialog.findChildren<QAbstractButton*>())
            if (button->isCheckable())
                button->setChecked(true);
        QCOMPARE(dialog.identityShown(), QStringLiteral("Administrator (root)"));
        QVERIFY2(dialog.headingLabel()->text().startsWith(QStringLiteral("Für „Container ändern“")),
                 qPrintable(dialog.headingLabel()->text()));
        QVERIFY(test::screenshot("auth-agent/auth-dialog-de_DE.png"));
        const QStringList untranslated =
            untranslatedStrings(*qApp).filter(QStringLiteral("cubby::Auth"));
        QVERIFY2(untranslated.isEmpty(), qPrintable(untranslated.join('\n')));
    }

    void cleanupTestCase() {
        m_agent.reset();
        m_window.reset();
    }
};

QTEST_MAIN(TestAuthAgent)
#include "test_auth_agent.moc"
