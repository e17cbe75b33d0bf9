// While one caller sits in an authentication dialog, the helper serves everyone else.
//
// A test authentication agent, registered with polkitd for one caller's process, receives the
// authentication request and never answers, as a person who leaves the password dialog open
// would. Meanwhile a second caller's request must be answered at once.
#include "polkit_types.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusMetaType>
#include <QDBusVirtualObject>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTest>
#include <unistd.h>

namespace {

// An authentication agent that takes every request and answers none of them until told to.
class SilentAgent : public QDBusVirtualObject {
public:
    QString introspect(const QString&) const override { return {}; }
    bool handleMessage(const QDBusMessage& message, const QDBusConnection&) override {
        if (message.member() == QStringLiteral("BeginAuthentication")) {
            message.setDelayedReply(true);
            m_pending << message;
            return true;
        }
        if (message.member() == QStringLiteral("CancelAuthentication")) {
            QDBusConnection::systemBus().send(message.createReply());
            return true;
        }
        return false;
    }
    // The person closes the dialog.
    void cancelAll() {
        for (const auto& request : m_pending)
            QDBusConnection::systemBus().send(request.createErrorReply(
                QStringLiteral("org.freedesktop.PolicyKit1.Error.Cancelled"),
                QStringLiteral("dialog closed")));
        m_pending.clear();
    }
    int pending() const { return int(m_pending.size()); }

private:
    QList<QDBusMessage> m_pending;
};

// Field 22 of /proc/PID/stat: how polkit tells a process from a later one with its pid.
quint64 startTime(qint64 pid) {
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray text = stat.readAll();
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    return fields.size() > 19 ? fields[19].toULongLong() : 0;
}

} // namespace

class TestPendingAuthorization : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY2(geteuid() == 0, "the dbus tier needs root: run it through scripts/test");
        QVERIFY2(qEnvironmentVariableIsSet("CUBBY_TEST_DENIED_UID"),
                 "run this test through tests/support/with-system-bus");
        qDBusRegisterMetaType<cubby::polkit::Subject>();
    }

    void secondCallerIsServedWhileTheFirstAuthenticates() {
        // Bob may not list without an administrator's password (no rule decides it for him, and
        // he has no active session), so his call needs authentication: our agent gets it.
        const QString bob = qEnvironmentVariable("CUBBY_TEST_DENIED_UID");
        QProcess waiting;
        waiting.start(QStringLiteral("setpriv"),
                      {"--reuid=" + bob, "--regid=" + bob, QStringLiteral("--clear-groups"),
                       QStringLiteral("--"), QStringLiteral("sh"), QStringLiteral("-c"),
                       QStringLiteral("sleep 1; exec %1 list").arg(CUBBYCTL_PATH)});
        QVERIFY(waiting.waitForStarted());
        // setpriv execs sh, which execs cubbyctl: one pid, one start time, for polkit.
        const qint64 pid = waiting.processId();
        QTRY_VERIFY(startTime(pid) != 0);
        QTest::qWait(100); // setpriv has exec'd sh by now; the start time stays from here

        SilentAgent agent;
        QDBusConnection bus = QDBusConnection::systemBus();
        const QString agentPath = QStringLiteral("/io/github/cubby1/test/agent");
        QVERIFY(bus.registerVirtualObject(agentPath, &agent));
        QDBusMessage registration =
            QDBusMessage::createMethodCall(QStringLiteral("org.freedesktop.PolicyKit1"),
                                           QStringLiteral("/org/freedesktop/PolicyKit1/Authority"),
                                           QStringLiteral("org.freedesktop.PolicyKit1.Authority"),
                                           QStringLiteral("RegisterAuthenticationAgent"));
        const cubby::polkit::Subject process{QStringLiteral("unix-process"),
                                             {{QStringLiteral("pid"), quint32(pid)},
                                              {QStringLiteral("start-time"), startTime(pid)}}};
        registration << QVariant::fromValue(process) << QStringLiteral("C") << agentPath;
        const QDBusMessage registered = bus.call(registration);
        QVERIFY2(registered.type() == QDBusMessage::ReplyMessage,
                 qPrintable(registered.errorMessage()));

        // Bob's request reaches the dialog and stays there.
        QTRY_COMPARE_WITH_TIMEOUT(agent.pending(), 1, 15000);

        // Meanwhile root is answered at once.
        QElapsedTimer timer;
        timer.start();
        const QDBusMessage list = bus.call(QDBusMessage::createMethodCall(
            QStringLiteral("io.github.cubby1"), QStringLiteral("/io/github/cubby1"),
            QStringLiteral("io.github.cubby1.Manager"), QStringLiteral("ListContainers")));
        QVERIFY2(list.type() == QDBusMessage::ReplyMessage, qPrintable(list.errorMessage()));
        QVERIFY2(timer.elapsed() < 3000, qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(waiting.state(), QProcess::Running); // bob still waits for his password

        // Bob closes the dialog: he is refused, and told so.
        agent.cancelAll();
        QVERIFY(waiting.waitForFinished(15000));
        QCOMPARE(waiting.exitCode(), 1);
        QVERIFY2(waiting.readAllStandardError().contains("not authorized"), "bob's error");
    }
};

QTEST_GUILESS_MAIN(TestPendingAuthorization)
#include "test_pending_authorization.moc"
