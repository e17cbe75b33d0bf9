// cubby-helper on a private system bus with the real polkitd, activated by the bus as it is
// when installed: the seed's walkthrough through cubbyctl, authorization (allowed, denied,
// validated first), a helper killed and brought back, idle exit, and hostile input.
#include "busybox_root.h"
#include "helper_client.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusReply>
#include <QDBusUnixFileDescriptor>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>
#include <csignal>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace cubby::test;

namespace {

const QString service = helperService;
const QString path = helperPath;
const QString interface = helperInterface;

std::string domainXml(const QString& name, const QString& root, const QString& init) {
    return QStringLiteral("<domain type='lxc'><name>%1</name><memory unit='MiB'>64</memory>"
                          "<os><type>exe</type><init>%3</init></os><devices><filesystem "
                          "type='mount'><source dir='%2'/><target dir='/'/></filesystem>"
                          "<console type='pty'/></devices></domain>")
        .arg(name, root, init)
        .toStdString();
}

void writeFd(int fd, const QByteArray& bytes) {
    QCOMPARE(::write(fd, bytes.constData(), size_t(bytes.size())), ssize_t(bytes.size()));
}

} // namespace

class TestHelper : public QObject {
    Q_OBJECT
    std::unique_ptr<cubby::test::BusyboxRoot> m_root;

private slots:
    void initTestCase() {
        QVERIFY2(geteuid() == 0, "the dbus tier needs root: run it through scripts/test");
        QVERIFY2(qEnvironmentVariableIsSet("CUBBY_TEST_ALLOWED_UID"),
                 "run this test through tests/support/with-system-bus");
        m_root = std::make_unique<cubby::test::BusyboxRoot>();
        QVERIFY2(m_root->ok(), m_root->failure().c_str());
        m_root->writeFile("sbin/init", "#!/bin/sh\necho welcome to $(hostname)\nexec sleep 1000\n");
    }

    void seedWalkthrough() {
        // The seed's XML as written: a BusyBox tree at /root/mycontainer, bridged to br0.
        QVERIFY(QProcess::execute("ip", {"link", "add", "br0", "type", "bridge"}) == 0);
        QVERIFY(QProcess::execute("cp", {"-a", QString::fromStdString(m_root->path()),
                                         "/root/mycontainer"}) == 0);
        const Run defined = cubbyctl({"define", CUBBY_SOURCE_DIR "/tests/data/mycontainer.xml"});
        QVERIFY2(defined.exitCode == 0, qPrintable(defined.err));
        QVERIFY2(defined.out.contains("Domain 'mycontainer' defined from"),
                 qPrintable(defined.out));

        const Run inactive = cubbyctl({"list", "--inactive"});
        QCOMPARE(inactive.exitCode, 0);
        QVERIFY2(inactive.out.contains(QRegularExpression(
                     R"(Id\s+Name\s+State\s+Privileged\n-+\n\s*-\s+mycontainer\s+shut off\s+no)")),
                 qPrintable(inactive.out));
        QVERIFY(!cubbyctl({"list"}).out.contains("mycontainer"));

        const Run started = cubbyctl({"start", "mycontainer"});
        QVERIFY2(started.exitCode == 0, qPrintable(started.err));
        QVERIFY(started.out.contains("Domain 'mycontainer' started"));

        const Run running = cubbyctl({"list"});
        const auto row =
            QRegularExpression(R"(\n\s*(\d+)\s+mycontainer\s+running)").match(running.out);
        QVERIFY2(row.hasMatch(), qPrintable(running.out));
        const pid_t init = row.captured(1).toInt();
        QVERIFY(init > 1 && ::kill(init, 0) == 0);
        // Unprivileged although the seed's XML has no <idmap>: init runs as the container's
        // host ids, from the pool for containers.
        QFile status(QStringLiteral("/proc/%1/status").arg(init));
        QVERIFY(status.open(QIODevice::ReadOnly));
        const auto uidLine =
            QRegularExpression(R"(\nUid:\s+(\d+))").match(QString::fromLatin1(status.readAll()));
        QVERIFY(uidLine.hasMatch());
        QVERIFY2(uidLine.captured(1).toULongLong() >= 524288, qPrintable(uidLine.captured(1)));
        // The root filesystem was not chowned: still host root's on disk.
        struct stat rootInfo = {};
        QCOMPARE(::stat("/root/mycontainer/bin/busybox", &rootInfo), 0);
        QCOMPARE(rootInfo.st_uid, uid_t(0));

        const Run info = cubbyctl({"dominfo", "mycontainer"});
        QCOMPARE(info.exitCode, 0);
        for (const QString& expected :
             {"Id:             " + QString::number(init), QString("Name:           mycontainer"),
              QString("OS Type:        exe"), QString("State:          running"),
              QString("Max memory:     500000 KiB"), QString("Persistent:     yes"),
              "Security model: unprivileged (host ids " + uidLine.captured(1) + "-"})
            QVERIFY2(info.out.contains(expected), qPrintable(info.out));
        QVERIFY(info.out.contains(QRegularExpression(R"(UUID:\s+[0-9a-f-]{36})")));

        const Run live = cubbyctl({"dumpxml", "mycontainer"});
        QVERIFY2(live.out.contains(QStringLiteral("<domain type='lxc' id='%1'>").arg(init)),
                 qPrintable(live.out));
        QVERIFY(
            live.out.contains(QRegularExpression(R"(<console type='pty' tty='/dev/pts/\d+'>)")));
        const Run stored = cubbyctl({"dumpxml", "mycontainer", "--inactive"});
        QVERIFY(!stored.out.contains("<domain type='lxc' id='"));
        QVERIFY(stored.out.contains("<source bridge='br0'/>"));
        QVERIFY2(stored.out.contains("<uid start='0' target='" + uidLine.captured(1) +
                                     "' count='65536'/>"),
                 qPrintable(stored.out));

        const Run destroyed = cubbyctl({"destroy", "mycontainer"});
        QVERIFY2(destroyed.exitCode == 0, qPrintable(destroyed.err));
        QVERIFY(destroyed.out.contains("Domain 'mycontainer' destroyed"));
        QTRY_VERIFY(::kill(init, 0) != 0);
        // destroy returns once the container is gone: the very next list shows it stopped.
        const Run after = cubbyctl({"list", "--all"});
        QVERIFY2(after.out.contains(QRegularExpression(R"(-\s+mycontainer\s+shut off)")),
                 qPrintable(after.out));
    }

    void consoleAndShellDescriptorsWork() {
        QCOMPARE(
            cubbyctl({"define", "-"}, 0,
                     QByteArray::fromStdString(domainXml(
                         "terminals", QString::fromStdString(m_root->path()), "/sbin/init-shell")))
                .exitCode,
            0);
        m_root->writeFile("sbin/init-shell", "#!/bin/sh\necho console-ready\nexec sh -i\n");
        QCOMPARE(cubbyctl({"start", "terminals"}).exitCode, 0);

        const QDBusMessage console = call("OpenConsole", {QStringLiteral("terminals")});
        QVERIFY2(console.type() == QDBusMessage::ReplyMessage, qPrintable(console.errorMessage()));
        const int consoleFd =
            qvariant_cast<QDBusUnixFileDescriptor>(console.arguments().at(0)).fileDescriptor();
        QVERIFY(console.arguments().at(1).toString().startsWith("/dev/pts/"));
        QVERIFY(readFd(consoleFd, "console-ready").contains("console-ready"));
        writeFd(consoleFd, "echo console-$((6*7))\n");
        QVERIFY(readFd(consoleFd, "console-42\r\n").contains("console-42\r\n"));

        const QDBusMessage shell =
            call("OpenShell", {QStringLiteral("terminals"), QStringLiteral("nobody")});
        QVERIFY2(shell.type() == QDBusMessage::ReplyMessage, qPrintable(shell.errorMessage()));
        QCOMPARE(shell.arguments().at(1).toString(), QStringLiteral("/dev/pts/0"));
        const int shellFd =
            qvariant_cast<QDBusUnixFileDescriptor>(shell.arguments().at(0)).fileDescriptor();
        writeFd(shellFd, "echo who=$(id -un) tty=$(tty) end-$((2+2))\n");
        const QString said = readFd(shellFd, "end-4\r\n");
        QVERIFY2(said.contains("who=nobody tty=/dev/pts/0"), qPrintable(said));

        // Terminals need io.github.cubby1.console: bob is not allowed.
        const Run refused = cubbyctl({"console", "terminals"}, denied());
        QCOMPARE(refused.exitCode, 1);

        // Issue 11: cubbyctl exec. Its exit status is the command's; its output and errors
        // stay apart; our standard input reaches it; it runs as the user asked for.
        const Run ran = cubbyctl({"exec", "terminals", "--user", "nobody", "--", "sh", "-c",
                                  "read line; echo out:$line:$(id -un); echo err >&2; exit 3"},
                                 allowed(), "piped in\n");
        QCOMPARE(ran.exitCode, 3);
        QCOMPARE(ran.out, QStringLiteral("out:piped in:nobody\n"));
        QCOMPARE(ran.err, QStringLiteral("err\n"));
        const Run missing = cubbyctl({"exec", "terminals", "--", "no-such-program"}, allowed());
        QCOMPARE(missing.exitCode, 127);
        QVERIFY2(missing.err.contains("no-such-program"), qPrintable(missing.err));
        // Refused like a shell for bob; refused before polkit for a bad request.
        const Run deniedExec = cubbyctl({"exec", "terminals", "--", "true"}, denied());
        QCOMPARE(deniedExec.exitCode, 1);
        QVERIFY2(deniedExec.err.contains("not authorized"), qPrintable(deniedExec.err));
        // ExecTerminal too; and whether a container exists is not told to a denied caller.
        const Run deniedTerminal = cubbyctl({"exec", "terminals", "-t", "--", "true"}, denied());
        QCOMPARE(deniedTerminal.exitCode, 1);
        QVERIFY2(deniedTerminal.err.contains("not authorized"), qPrintable(deniedTerminal.err));
        const Run deniedMissing = cubbyctl({"exec", "nosuchthing", "--", "true"}, denied());
        QVERIFY2(deniedMissing.err.contains("not authorized") &&
                     !deniedMissing.err.contains("nosuchthing"),
                 qPrintable(deniedMissing.err));
        const QDBusMessage empty =
            call("Exec", {QStringLiteral("terminals"), QStringList{}, QString()});
        QVERIFY2(empty.errorMessage().contains("needs a program"),
                 qPrintable(empty.errorMessage()));
        const QDBusMessage badUser = call(
            "Exec", {QStringLiteral("terminals"), QStringList{"true"}, QStringLiteral("../x")});
        QCOMPARE(badUser.type(), QDBusMessage::ErrorMessage);
        QCOMPARE(cubbyctl({"destroy", "terminals"}).exitCode, 0);
        const Run stopped = cubbyctl({"exec", "terminals", "--", "true"}, allowed());
        QCOMPARE(stopped.exitCode, 1);
        QVERIFY2(stopped.err.contains("not running"), qPrintable(stopped.err));
    }

    void deniedCallerChangesNothing() {
        QCOMPARE(cubbyctl({"define", "-"}, 0,
                          QByteArray::fromStdString(domainXml(
                              "guarded", QString::fromStdString(m_root->path()), "/sbin/init")))
                     .exitCode,
                 0);
        // Bob may not even look: the monitor action is asked first, before anything about the
        // container decides which action managing it needs.
        const Run refused = cubbyctl({"start", "guarded"}, denied());
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains("not authorized for io.github.cubby1.monitor"),
                 qPrintable(refused.err));
        QVERIFY(!cubbyctl({"list"}).out.contains("guarded"));
        const Run undefine = cubbyctl({"undefine", "guarded"}, denied());
        QCOMPARE(undefine.exitCode, 1);
        QVERIFY(cubbyctl({"list", "--all"}).out.contains("guarded"));
        // The allowed user may.
        const Run started = cubbyctl({"start", "guarded"}, allowed());
        QVERIFY2(started.exitCode == 0, qPrintable(started.err));
        QCOMPARE(cubbyctl({"destroy", "guarded"}, allowed()).exitCode, 0);
    }

    // setmem on a running container: the definition and the running group both change (the
    // kernel's own limit file says so), the live XML shows it, the controller logs it; a
    // denied caller changes neither; a stopped container takes it at the next start only.
    void memoryChangedWhileItRuns() {
        QCOMPARE(cubbyctl({"define", "-"}, 0,
                          QByteArray::fromStdString(domainXml(
                              "livemem", QString::fromStdString(m_root->path()), "/sbin/init")))
                     .exitCode,
                 0);
        QCOMPARE(cubbyctl({"start", "livemem"}).exitCode, 0);
        const auto limitBytes = [] {
            for (const char* file : {"/sys/fs/cgroup/memory/cubby-dbus-test/livemem/"
                                     "memory.limit_in_bytes",
                                     "/sys/fs/cgroup/cubby-dbus-test/livemem/memory.max"}) {
                QFile limit(QString::fromLatin1(file));
                if (limit.open(QIODevice::ReadOnly))
                    return limit.readAll().trimmed().toULongLong();
            }
            return 0ULL;
        };
        QCOMPARE(limitBytes(), 64ULL << 20);

        const Run refused = cubbyctl({"setmem", "livemem", "128MiB"}, denied());
        QCOMPARE(refused.exitCode, 1);
        QCOMPARE(cubbyctl({"apply-live", "livemem"}, denied()).exitCode, 1);
        QVERIFY(cubbyctl({"dumpxml", "livemem", "--inactive"})
                    .out.contains("<memory unit='KiB'>65536</memory>"));
        QCOMPARE(limitBytes(), 64ULL << 20);

        const Run set = cubbyctl({"setmem", "livemem", "128MiB"}, allowed());
        QVERIFY2(set.exitCode == 0, qPrintable(set.err));
        QVERIFY2(set.out.contains("now runs with the stored memory limits"), qPrintable(set.out));
        QCOMPARE(limitBytes(), 128ULL << 20);
        QVERIFY(
            cubbyctl({"dumpxml", "livemem"}).out.contains("<memory unit='KiB'>131072</memory>"));
        QVERIFY(cubbyctl({"dumpxml", "livemem", "--inactive"})
                    .out.contains("<memory unit='KiB'>131072</memory>"));
        QVERIFY(cubbyctl({"log", "livemem"}).out.contains("limits changed: memory 131072 KiB"));
        // Again: nothing left to apply.
        QVERIFY(cubbyctl({"apply-live", "livemem"}).out.contains("already as stored"));
        // A size the helper refuses as a definition never reaches the group.
        QCOMPARE(cubbyctl({"setmem", "livemem", "99999999999EiB"}).exitCode, 1);
        QCOMPARE(limitBytes(), 128ULL << 20);

        QCOMPARE(cubbyctl({"destroy", "livemem"}).exitCode, 0);
        const Run stopped = cubbyctl({"setmem", "livemem", "96MiB"});
        QCOMPARE(stopped.exitCode, 0);
        QCOMPARE(call("ApplyLiveLimits", {QStringLiteral("livemem")}).errorName(),
                 QStringLiteral("io.github.cubby1.Error.Conflict"));
        QCOMPARE(cubbyctl({"undefine", "livemem"}).exitCode, 0);
    }

    void invalidInputIsRefusedBeforePolkitIsAsked() {
        // Bob may not manage; a bad request tells him what is wrong with it, not that he lacks
        // permission: validation comes first and nothing reaches polkit.
        const Run bad = cubbyctl({"define", "-"}, denied(), "<domain type='lxc'><name>a/b</name>");
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.err.contains("malformed"), qPrintable(bad.err));
        const Run badName = cubbyctl({"start", "../etc"}, denied());
        QVERIFY2(badName.err.contains("'../etc'"), qPrintable(badName.err));
        // Whether the container exists is state: told only to a caller polkit allowed.
        const Run missing = cubbyctl({"start", "nosuchthing"}, denied());
        QVERIFY2(missing.err.contains("not authorized for io.github.cubby1.monitor"),
                 qPrintable(missing.err));
        const Run missingAllowed = cubbyctl({"start", "nosuchthing"}, allowed());
        QVERIFY2(missingAllowed.err.contains("no container named 'nosuchthing'"),
                 qPrintable(missingAllowed.err));
    }

    void hostileDocuments() {
        const QDBusMessage dtd =
            call("DefineContainer", {QStringLiteral("<!DOCTYPE d [<!ENTITY x SYSTEM "
                                                    "'file:///etc/shadow'>]><domain "
                                                    "type='lxc'><name>&x;</name></domain>")});
        QCOMPARE(dtd.type(), QDBusMessage::ErrorMessage);
        QCOMPARE(dtd.errorName(), QStringLiteral("io.github.cubby1.Error.InvalidArgument"));
        const QDBusMessage huge =
            call("DefineContainer", {QString(10 * 1024 * 1024, QChar('a')).prepend("<domain>")});
        QCOMPARE(huge.errorName(), QStringLiteral("io.github.cubby1.Error.InvalidArgument"));
        QCOMPARE(call("GetContainerXml", {QStringLiteral("../../etc/passwd"), false}).errorName(),
                 QStringLiteral("io.github.cubby1.Error.InvalidArgument"));
        QCOMPARE(call("UndefineContainer", {QStringLiteral("a/b")}).errorName(),
                 QStringLiteral("io.github.cubby1.Error.InvalidArgument"));
    }

    void concurrentDefineAndUndefineOfOneName() {
        const QString xml = QString::fromStdString(
            domainXml("racer", QString::fromStdString(m_root->path()), "/sbin/init"));
        QList<QDBusPendingCall> calls;
        for (int i = 0; i < 20; ++i) {
            QDBusMessage message = QDBusMessage::createMethodCall(
                service, path, interface, i % 2 ? "UndefineContainer" : "DefineContainer");
            message.setArguments({i % 2 ? QVariant(QStringLiteral("racer")) : QVariant(xml)});
            calls << QDBusConnection::systemBus().asyncCall(message);
        }
        for (auto& pending : calls) {
            pending.waitForFinished();
            const QDBusMessage reply = pending.reply();
            QVERIFY2(reply.type() == QDBusMessage::ReplyMessage ||
                         reply.errorName() == QStringLiteral("io.github.cubby1.Error.NotFound"),
                     qPrintable(reply.errorMessage()));
        }
        // Whatever won, the stored definition is whole.
        const QString stored = QStringLiteral(CUBBY_TEST_PREFIX "/etc/cubby/containers/racer.xml");
        if (QFile::exists(stored)) {
            QFile file(stored);
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY(file.readAll().contains("<name>racer</name>"));
        }
    }

    void helperKilledAndReactivatedFindsRunningContainers() {
        QCOMPARE(cubbyctl({"define", "-"}, 0,
                          QByteArray::fromStdString(domainXml(
                              "survivor", QString::fromStdString(m_root->path()), "/sbin/init")))
                     .exitCode,
                 0);
        QCOMPARE(cubbyctl({"start", "survivor"}).exitCode, 0);
        const auto before =
            QRegularExpression(R"(\n\s*(\d+)\s+survivor\s+running)").match(cubbyctl({"list"}).out);
        QVERIFY(before.hasMatch());
        const pid_t helper = helperPid();
        QVERIFY(helper > 0);
        QCOMPARE(::kill(helper, SIGKILL), 0);
        QTRY_VERIFY(!helperOnBus());
        // The next call activates a new helper, which finds the container where it was.
        const auto after =
            QRegularExpression(R"(\n\s*(\d+)\s+survivor\s+running)").match(cubbyctl({"list"}).out);
        QVERIFY(after.hasMatch());
        QCOMPARE(after.captured(1), before.captured(1));
        QVERIFY(helperPid() != helper);
        QCOMPARE(cubbyctl({"destroy", "survivor"}).exitCode, 0);
    }

    void stateChangesAreSignalled() {
        QCOMPARE(cubbyctl({"define", "-"}, 0,
                          QByteArray::fromStdString(domainXml(
                              "signaller", QString::fromStdString(m_root->path()), "/sbin/init")))
                     .exitCode,
                 0);
        QDBusConnection::systemBus().connect(service, path, interface,
                                             QStringLiteral("ContainerStateChanged"), this,
                                             SLOT(recordState(QString, QString)));
        // Signals are addressed to the clients polkit allowed to monitor: this one makes
        // itself known, as the app does with its first call. A second connection that watches
        // the same signal but never called hears nothing.
        QDBusConnection quiet =
            QDBusConnection::connectToBus(QDBusConnection::SystemBus, QStringLiteral("quiet"));
        QVERIFY(quiet.isConnected());
        QVERIFY(quiet.connect(service, path, interface, QStringLiteral("ContainerStateChanged"),
                              this, SLOT(recordQuietState(QString, QString))));
        QCOMPARE(call(QStringLiteral("ListContainers")).type(), QDBusMessage::ReplyMessage);
        m_states.clear();
        m_quietStates.clear();
        QCOMPARE(cubbyctl({"start", "signaller"}).exitCode, 0);
        QTRY_VERIFY(m_states.contains("signaller=running"));
        QCOMPARE(cubbyctl({"destroy", "signaller"}).exitCode, 0);
        QTRY_VERIFY(m_states.contains("signaller=shut off"));
        QTest::qWait(200);
        QVERIFY2(m_quietStates.isEmpty(), qPrintable(m_quietStates.join(' ')));
        QDBusConnection::disconnectFromBus(QStringLiteral("quiet"));
    }

    void idleHelperExits() {
        QVERIFY(cubbyctl({"list", "--all"}).exitCode == 0);
        QVERIFY(helperOnBus());
        // Started with --idle-exit 3 by the test's service file.
        QTRY_VERIFY_WITH_TIMEOUT(!helperOnBus(), 10000);
    }

    void recordState(const QString& name, const QString& state) { m_states << name + "=" + state; }
    void recordQuietState(const QString& name, const QString& state) {
        m_quietStates << name + "=" + state;
    }

private:
    QStringList m_states;
    QStringList m_quietStates;
};

QTEST_GUILESS_MAIN(TestHelper)
#include "test_helper.moc"
