// Proves the dbus tier's fixture: a private system bus where the real polkitd reads Cubby's
// installed policy file and the test rules, allowing one uid and denying another.
#include <PolkitQt1/Authority>
#include <PolkitQt1/Subject>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QTest>
#include <csignal>
#include <grp.h>
#include <sys/wait.h>
#include <unistd.h>

using PolkitQt1::Authority;

namespace {

// A process running as `uid` for polkit to look at; killed by the destructor.
class ProcessAs {
public:
    explicit ProcessAs(uid_t uid) {
        m_pid = fork();
        if (m_pid == 0) {
            if (setgroups(0, nullptr) != 0 || setgid(uid) != 0 || setuid(uid) != 0)
                _exit(1);
            pause();
            _exit(0);
        }
    }
    ~ProcessAs() {
        if (m_pid > 0) {
            kill(m_pid, SIGKILL);
            waitpid(m_pid, nullptr, 0);
        }
    }
    pid_t pid() const { return m_pid; }

private:
    pid_t m_pid = -1;
};

uid_t uidFromEnvironment(const char* name) {
    return static_cast<uid_t>(qEnvironmentVariableIntValue(name));
}

Authority::Result check(const QString& action, pid_t pid) {
    // Give the child a moment to drop its privileges before polkit reads its uid.
    QTest::qWait(50);
    return Authority::instance()->checkAuthorizationSync(action, PolkitQt1::UnixProcessSubject(pid),
                                                         Authority::None);
}

} // namespace

class TestPolkitFixture : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY2(geteuid() == 0, "the dbus tier needs root: run it through scripts/test");
        QVERIFY2(qEnvironmentVariableIsSet("CUBBY_TEST_ALLOWED_UID"),
                 "run this test through tests/support/with-system-bus");
        QVERIFY(QDBusConnection::systemBus().isConnected());
    }

    void theBusIsPrivate() {
        // Only this fixture's daemons are on it: no session manager, no machine services.
        const QStringList names =
            QDBusConnection::systemBus().interface()->registeredServiceNames();
        for (const QString& name : names)
            QVERIFY2(name.startsWith(':') || name == "org.freedesktop.DBus" ||
                         name == "org.freedesktop.PolicyKit1",
                     qPrintable(name));
    }

    void polkitdReadsCubbysPolicy() {
        const auto actions = Authority::instance()->enumerateActionsSync();
        QVERIFY2(!Authority::instance()->hasError(),
                 qPrintable(Authority::instance()->errorDetails()));
        QStringList ids;
        for (const auto& action : actions)
            ids << action.actionId();
        for (const char* id :
             {"io.github.cubby1.monitor", "io.github.cubby1.manage", "io.github.cubby1.manage-own",
              "io.github.cubby1.console", "io.github.cubby1.network"})
            QVERIFY2(ids.contains(QLatin1String(id)), id);
        // An active desktop user manages their own unprivileged containers without a
        // password; everything else keeps asking for an administrator. (There is no logind
        // here, so no caller is ever in an active session: the dbus tier's carol stands in
        // for one by a rule granting what these defaults grant.)
        for (const auto& action : actions) {
            if (action.actionId() == QLatin1String("io.github.cubby1.manage-own"))
                QCOMPARE(action.implicitActive(), PolkitQt1::ActionDescription::Authorized);
            if (action.actionId() == QLatin1String("io.github.cubby1.manage"))
                QCOMPARE(action.implicitActive(),
                         PolkitQt1::ActionDescription::AdministratorAuthenticationRequiredRetained);
        }
    }

    void rulesAllowOneUidAndDenyAnother() {
        ProcessAs alice(uidFromEnvironment("CUBBY_TEST_ALLOWED_UID"));
        ProcessAs bob(uidFromEnvironment("CUBBY_TEST_DENIED_UID"));
        QCOMPARE(check("io.github.cubby1.manage", alice.pid()), Authority::Yes);
        QCOMPARE(check("io.github.cubby1.manage", bob.pid()), Authority::No);
        // Not decided by the rules: the policy's default for someone outside an active
        // session is to ask for an administrator's password.
        QCOMPARE(check("io.github.cubby1.monitor", bob.pid()), Authority::Challenge);
    }

    void rootIsAlwaysAllowed() {
        QCOMPARE(check("io.github.cubby1.manage", getpid()), Authority::Yes);
    }
};

QTEST_GUILESS_MAIN(TestPolkitFixture)
#include "test_polkit_fixture.moc"
