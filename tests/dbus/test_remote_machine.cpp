// Issue 13: Cubby on another machine over SSH. The other machine is tests/support/
// with-remote-host: namespaces of their own with a system bus, polkitd, cubby-helper and
// Debian's sshd, reached over a veth. cubbyctl --connect reaches its helper through
// `ssh HOST systemd-stdio-bridge`; consoles, exec and imports travel as byte streams over the
// SSH channel; the remote polkit decides as for the SSH user; a dropped connection is said
// plainly and leaves nothing half made.
#include "busybox_root.h"
#include "helper_client.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <string>
#include <sys/ioctl.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>
#include <vector>

using namespace cubby::test;

namespace {

QString remote() {
    return qEnvironmentVariable("CUBBY_TEST_REMOTE");
}

// cubbyctl --connect URI ARGUMENTS, as root here (the remote side logs in as URI's user).
Run onRemote(const QStringList& arguments, const QString& uri = remote(),
             const QByteArray& input = {}) {
    return cubbyctl(QStringList{QStringLiteral("--connect"), uri} + arguments, 0, input,
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

// Every process of the remote machine's sshd: the listener and each connection's session.
// The fixture starts the listener again; the sessions (and the connections) are gone.
int killSshd() {
    int killed = 0;
    for (const ProcessInfo& process : processes()) {
        if (process.comm.startsWith("sshd") && ::kill(process.pid, SIGKILL) == 0)
            ++killed;
    }
    return killed;
}

// The remote helper, told from a local one by its cgroup parent (tests/dbus/CMakeLists.txt).
pid_t remoteHelperPid() {
    for (const ProcessInfo& process : processes()) {
        if (process.cmdline.contains("cubby-remote-test"))
            return process.pid;
    }
    return 0;
}

// cubbyctl run on a terminal of the test's own (a pty whose master the test holds), as a user
// runs it: the child leads a session with the pty as its controlling terminal.
class TerminalRun {
public:
    TerminalRun(const QStringList& arguments, unsigned short rows = 24, unsigned short columns = 80,
                const QStringList& extraEnvironment = {}) {
        std::vector<std::string> argv = {CUBBYCTL_PATH};
        for (const QString& argument : arguments)
            argv.push_back(argument.toStdString());
        std::vector<std::string> environment;
        for (const QString& entry : QProcessEnvironment::systemEnvironment().toStringList())
            environment.push_back(entry.toStdString());
        environment.emplace_back("CUBBY_REMOTE_CUBBYCTL=" CUBBYCTL_PATH);
        environment.emplace_back("TERM=xterm");
        for (const QString& entry : extraEnvironment)
            environment.push_back(entry.toStdString());
        std::vector<char*> args, env;
        for (auto& word : argv)
            args.push_back(word.data());
        args.push_back(nullptr);
        for (auto& entry : environment)
            env.push_back(entry.data());
        env.push_back(nullptr);
        winsize size{};
        size.ws_row = rows;
        size.ws_col = columns;
        m_pid = ::forkpty(&m_master, nullptr, nullptr, &size);
        if (m_pid == 0) {
            ::execve(args[0], args.data(), env.data());
            ::_exit(127);
        }
        if (m_master >= 0)
            ::fcntl(m_master, F_SETFD, FD_CLOEXEC);
    }
    ~TerminalRun() {
        if (m_pid > 0 && !m_exited) {
            ::kill(-m_pid, SIGKILL); // its process group: cubbyctl and its ssh children
            ::waitpid(m_pid, nullptr, 0);
        }
        if (m_master >= 0)
            ::close(m_master);
    }
    TerminalRun(const TerminalRun&) = delete;
    TerminalRun& operator=(const TerminalRun&) = delete;

    bool started() const { return m_pid > 0 && m_master >= 0; }
    const QByteArray& seen() const { return m_seen; }

    // Reads what the terminal shows until `needle` appears after `from` (an offset into
    // everything seen), or the time is up.
    bool waitFor(const QByteArray& needle, int timeoutMs = 30000, qsizetype from = 0) {
        QElapsedTimer timer;
        timer.start();
        while (m_seen.indexOf(needle, from) < 0 && timer.elapsed() < timeoutMs) {
            if (!readSome(200))
                break;
        }
        return m_seen.indexOf(needle, from) >= 0;
    }
    void type(const QByteArray& keys) { (void)::write(m_master, keys.constData(), keys.size()); }

    // What a terminal emulator does when its window changes: the new size on the pty, and
    // SIGWINCH to the foreground process group.
    void resize(unsigned short rows, unsigned short columns) {
        winsize size{};
        size.ws_row = rows;
        size.ws_col = columns;
        ::ioctl(m_master, TIOCSWINSZ, &size);
        const pid_t foreground = ::tcgetpgrp(m_master);
        if (foreground > 0)
            ::kill(-foreground, SIGWINCH);
    }

    // The terminal's modes now (after cubbyctl: as they were before it).
    termios modes() const {
        termios now{};
        ::tcgetattr(m_master, &now);
        return now;
    }

    // The exit status once it ended (reading the terminal meanwhile), or -1.
    int waitForExit(int timeoutMs = 30000) {
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < timeoutMs) {
            int status = 0;
            if (::waitpid(m_pid, &status, WNOHANG) == m_pid) {
                m_exited = true;
                while (readSome(0)) {
                }
                return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            }
            readSome(100);
        }
        return -1;
    }

private:
    // false once the terminal has nothing more to say (hung up).
    bool readSome(int timeoutMs) {
        pollfd ready{m_master, POLLIN, 0};
        if (::poll(&ready, 1, timeoutMs) <= 0)
            return timeoutMs > 0;
        char buffer[4096];
        const ssize_t got = ::read(m_master, buffer, sizeof buffer);
        if (got <= 0)
            return errno == EINTR;
        m_seen.append(buffer, got);
        return true;
    }

    pid_t m_pid = -1;
    int m_master = -1;
    bool m_exited = false;
    QByteArray m_seen;
};

} // namespace

class TestRemoteMachine : public QObject {
    Q_OBJECT
    std::unique_ptr<BusyboxRoot> m_root;
    QTemporaryDir m_files;

    QString writeDefinition(const QString& name) {
        const QString path = m_files.filePath(name + ".xml");
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return {};
        file.write(domainXml(name, QString::fromStdString(m_root->path())).toUtf8());
        return path;
    }

private slots:
    void initTestCase() {
        QVERIFY2(geteuid() == 0, "the dbus tier needs root: run it through scripts/test");
        QVERIFY2(!remote().isEmpty(), "run this test through tests/support/with-remote-host");
        m_root = std::make_unique<BusyboxRoot>();
        QVERIFY2(m_root->ok(), m_root->failure().c_str());
        m_root->writeFile("sbin/init", "#!/bin/sh\necho welcome to $(hostname)\nexec /bin/sh\n");
        QVERIFY(m_files.isValid());
    }

    // The walkthrough, on the other machine: what is made there is there, not here.
    void remoteContainerLifecycle() {
        const Run defined = onRemote({"define", writeDefinition("far")});
        QVERIFY2(defined.exitCode == 0, qPrintable(defined.err));
        QVERIFY2(defined.out.contains("Domain 'far' defined"), qPrintable(defined.out));
        const Run started = onRemote({"start", "far"});
        QVERIFY2(started.exitCode == 0, qPrintable(started.err));

        const Run listed = onRemote({"list"});
        QCOMPARE(listed.exitCode, 0);
        QVERIFY2(listed.out.contains(QRegularExpression(R"(\n\s*\d+\s+far\s+running)")),
                 qPrintable(listed.out));
        // This machine's own helper has never heard of it.
        const Run local = cubbyctl({"list", "--all"});
        QCOMPARE(local.exitCode, 0);
        QVERIFY2(!local.out.contains("far"), qPrintable(local.out));

        // exec's streams and exit status cross the SSH channel.
        const Run hostname = onRemote({"exec", "far", "-T", "--", "sh", "-c",
                                       "read line; echo \"$line from $(hostname)\"; exit 7"},
                                      remote(), "hello\n");
        QCOMPARE(hostname.exitCode, 7);
        QCOMPARE(hostname.out, QStringLiteral("hello from far\n"));

        const Run destroyed = onRemote({"destroy", "far"});
        QVERIFY2(destroyed.exitCode == 0, qPrintable(destroyed.err));
        QVERIFY2(
            onRemote({"list", "--all"}).out.contains(QRegularExpression(R"(-\s+far\s+shut off)")),
            "destroyed on the remote machine");
        QCOMPARE(onRemote({"undefine", "far"}).exitCode, 0);
        QVERIFY(!onRemote({"list", "--all"}).out.contains("far"));
    }

    // copy streams this machine's export into the other's import: the copy boots there with
    // its new name; an export made over --connect comes back here and imports.
    void copyBootsOnTheRemoteMachine() {
        const QStringList environment = {QStringLiteral("CUBBY_REMOTE_CUBBYCTL=" CUBBYCTL_PATH)};
        const Run defined = cubbyctl(
            {"define", "-"}, 0, domainXml("here", QString::fromStdString(m_root->path())).toUtf8());
        QVERIFY2(defined.exitCode == 0, qPrintable(defined.err));
        const Run copied = cubbyctl({"copy", "here", remote() + "/there"}, 0, {}, environment);
        QVERIFY2(copied.exitCode == 0, qPrintable(copied.err));
        QVERIFY2(copied.out.contains("Domain 'here' copied to " + remote() + "/there"),
                 qPrintable(copied.out));
        QVERIFY(onRemote({"rootfs-list"}).out.contains("there"));
        const Run started = onRemote({"start", "there"});
        QVERIFY2(started.exitCode == 0, qPrintable(started.err));
        const Run hostname = onRemote({"exec", "there", "-T", "--", "hostname"});
        QCOMPARE(hostname.out, QStringLiteral("there\n"));
        QCOMPARE(onRemote({"destroy", "there"}).exitCode, 0);

        // Exported there, over the channel, into a file here; imported here.
        const QString file = m_files.filePath(QStringLiteral("there.cubby"));
        const Run exported = onRemote({"export", "there", file});
        QVERIFY2(exported.exitCode == 0, qPrintable(exported.err));
        const Run imported = cubbyctl({"import", file, "back"});
        QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));
        QVERIFY(cubbyctl({"list", "--all"}).out.contains("back"));

        // A copy onto a name the other machine has is refused there and keeps what it had.
        const Run again = cubbyctl({"copy", "here", remote() + "/there"}, 0, {}, environment);
        QVERIFY(again.exitCode != 0);
        QVERIFY2(again.err.contains("exists"), qPrintable(again.err));
        QVERIFY(onRemote({"list", "--all"}).out.contains("there"));

        for (const QString& name : {QStringLiteral("back"), QStringLiteral("here")})
            QCOMPARE(cubbyctl({"undefine", name}).exitCode, 0);
        QCOMPARE(onRemote({"undefine", "there"}).exitCode, 0);
        QCOMPARE(onRemote({"rootfs-delete", "there"}).exitCode, 0);
    }

    // The console as a byte stream over SSH: what init printed before anyone attached (the
    // scrollback), a command typed and its answer, and Ctrl+] to leave.
    void consoleAnswersOverTheStream() {
        QVERIFY(onRemote({"define", writeDefinition("talk")}).exitCode == 0);
        const Run started = onRemote({"start", "talk"});
        QVERIFY2(started.exitCode == 0, qPrintable(started.err));

        QProcess console;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("CUBBY_REMOTE_CUBBYCTL"), QStringLiteral(CUBBYCTL_PATH));
        console.setProcessEnvironment(environment);
        console.start(QStringLiteral(CUBBYCTL_PATH), {"--connect", remote(), "console", "talk"});
        QVERIFY(console.waitForStarted());
        QByteArray seen;
        const auto waitFor = [&](const QByteArray& needle) {
            QElapsedTimer timer;
            timer.start();
            while (!seen.contains(needle) && timer.elapsed() < 30000) {
                console.waitForReadyRead(200);
                seen += console.readAllStandardOutput();
            }
            return seen.contains(needle);
        };
        QVERIFY2(waitFor("welcome to talk"), seen.constData());
        console.write("echo $((6*7))-over-ssh\n");
        QVERIFY2(waitFor("42-over-ssh"), seen.constData());
        console.write("\x1d");
        QVERIFY(console.waitForFinished(20000));
        QCOMPARE(console.exitCode(), 0);
        // Leaving the console left the container running.
        QVERIFY(onRemote({"list"}).out.contains(QRegularExpression(R"(\d+\s+talk\s+running)")));
        QCOMPARE(onRemote({"destroy", "talk"}).exitCode, 0);
        QCOMPARE(onRemote({"undefine", "talk"}).exitCode, 0);
    }

    // A window size change travels over `ssh -tt` to the program inside the remote container:
    // this terminal's size is the remote pty's (sshd's), which the remote cubbyctl copies onto
    // the container's console and onto a shell's pty, each time the window changes.
    void windowSizeFollowsOverSsh() {
        QVERIFY(onRemote({"define", writeDefinition("wide")}).exitCode == 0);
        const Run started = onRemote({"start", "wide"});
        QVERIFY2(started.exitCode == 0, qPrintable(started.err));

        for (const QString& verb : {QStringLiteral("console"), QStringLiteral("shell")}) {
            TerminalRun terminal({"--connect", remote(), verb, "wide"}, 24, 80);
            QVERIFY(terminal.started());
            QVERIFY2(terminal.waitFor("Ctrl+] to leave"), terminal.seen().constData());
            QTest::qWait(500);
            // The size it started with, then two changes (the second one smaller).
            const QList<QPair<int, int>> sizes = {{24, 80}, {37, 111}, {19, 62}};
            for (qsizetype i = 0; i < sizes.size(); ++i) {
                const auto [rows, columns] = sizes[i];
                if (i > 0)
                    terminal.resize(rows, columns);
                // The answer once the change has gone all the way: asked again until then.
                const QByteArray want =
                    QStringLiteral("size=%1x%2").arg(rows).arg(columns).toUtf8();
                bool seen = false;
                for (int attempt = 0; attempt < 20 && !seen; ++attempt) {
                    const qsizetype from = terminal.seen().size();
                    terminal.type("echo size=$(stty size | tr ' ' x)\r");
                    seen = terminal.waitFor(want, 1000, from);
                }
                QVERIFY2(seen, qPrintable(verb + ": " + QString::fromUtf8(terminal.seen())));
            }
            if (verb == QStringLiteral("shell"))
                terminal.type("exit\r");
            else
                terminal.type("\x1d");
            QCOMPARE(terminal.waitForExit(), 0);
        }
        QCOMPARE(onRemote({"destroy", "wide"}).exitCode, 0);
        QCOMPARE(onRemote({"undefine", "wide"}).exitCode, 0);
    }

    // The remote polkit wants alice's own password to start "guarded" (tests/dbus/remote-polkit).
    // An SSH caller has no session there, so polkit's text agent runs there for this
    // connection, on this terminal over ssh: the password typed here decides. Without a
    // terminal nothing asks and nothing waits: the start is refused at once, as before.
    void remotePasswordIsAskedOnThisTerminal() {
        QVERIFY(onRemote({"define", writeDefinition("guarded")}).exitCode == 0);
        const auto running = [] {
            return onRemote({"list"}).out.contains(
                QRegularExpression(R"(\d+\s+guarded\s+running)"));
        };
        QElapsedTimer timer;
        timer.start();
        const Run refused = onRemote({"start", "guarded"});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains("authentication was required and not given"),
                 qPrintable(refused.err));
        QVERIFY2(timer.elapsed() < 20000, "nothing waits for a password nobody can type");
        // Nor on a terminal when the agent is turned off.
        {
            TerminalRun terminal({"--connect", remote(), "start", "guarded"}, 24, 80,
                                 {"CUBBY_AUTH_AGENT=none"});
            QCOMPARE(terminal.waitForExit(), 1);
            QVERIFY2(!terminal.seen().contains("Password:"), terminal.seen().constData());
            QVERIFY2(terminal.seen().contains("authentication was required"),
                     terminal.seen().constData());
        }
        QVERIFY(!running());

        // A wrong password: refused, nothing started, the terminal as it was.
        {
            TerminalRun terminal({"--connect", remote(), "start", "guarded"});
            QVERIFY(terminal.started());
            const termios before = terminal.modes();
            QVERIFY2(terminal.waitFor("Password:"), terminal.seen().constData());
            QVERIFY2(terminal.seen().contains("cubbytest-alice"), terminal.seen().constData());
            terminal.type("not-her-password\r");
            const int status = terminal.waitForExit(60000);
            QVERIFY2(status == 1, terminal.seen().constData());
            QVERIFY2(terminal.seen().contains("not authorized"), terminal.seen().constData());
            QVERIFY2(!terminal.seen().contains("not-her-password"), "the password is not echoed");
            const termios after = terminal.modes();
            QCOMPARE(after.c_lflag, before.c_lflag);
            QCOMPARE(after.c_oflag, before.c_oflag);
            QCOMPARE(after.c_iflag, before.c_iflag);
        }
        QVERIFY(!running());

        // Hers: started.
        {
            const QByteArray password = qgetenv("CUBBY_TEST_REMOTE_PASSWORD");
            QVERIFY(!password.isEmpty());
            TerminalRun terminal({"--connect", remote(), "start", "guarded"});
            QVERIFY2(terminal.waitFor("Password:"), terminal.seen().constData());
            terminal.type(password + "\r");
            const int status = terminal.waitForExit(60000);
            QVERIFY2(status == 0, terminal.seen().constData());
            QVERIFY2(terminal.seen().contains("Domain 'guarded' started"),
                     terminal.seen().constData());
            QVERIFY2(!terminal.seen().contains(password), "the password is not echoed");
        }
        QVERIFY(running());
        QCOMPARE(onRemote({"destroy", "guarded"}).exitCode, 0);
        QCOMPARE(onRemote({"undefine", "guarded"}).exitCode, 0);
    }

    // bob may log in over SSH, but the remote polkit refuses him managing: nothing is made.
    void remotePolkitRefusesADeniedUser() {
        const Run refused = onRemote({"define", writeDefinition("bobs")},
                                     qEnvironmentVariable("CUBBY_TEST_REMOTE_DENIED"));
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains("not authorized"), qPrintable(refused.err));
        QVERIFY(!onRemote({"list", "--all"}).out.contains("bobs"));
    }

    // ssh checks the host key as it always does: an unknown key ends the connection before
    // anything is sent, and cubbyctl says what happened.
    void unknownHostKeyIsRefused() {
        const QString keyDir = QFileInfo(qEnvironmentVariable("CUBBY_SSH")).absolutePath();
        const QString wrapper = m_files.filePath(QStringLiteral("ssh-empty-known-hosts"));
        QFile script(wrapper);
        QVERIFY(script.open(QIODevice::WriteOnly));
        script.write("#!/bin/sh\nexec ssh -F none -o UserKnownHostsFile=/dev/null "
                     "-o GlobalKnownHostsFile=/dev/null -o StrictHostKeyChecking=yes "
                     "-o BatchMode=yes -i " +
                     keyDir.toUtf8() + "/client_key \"$@\"\n");
        script.close();
        QVERIFY(script.setPermissions(QFileDevice::ReadOwner | QFileDevice::ExeOwner));
        const Run refused =
            cubbyctl({"--connect", remote(), "list"}, 0, {}, {"CUBBY_SSH=" + wrapper});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains("Host key verification failed"), qPrintable(refused.err));
        QVERIFY2(refused.err.contains("connection to " + remote()), qPrintable(refused.err));
    }

    // What cannot be an ssh destination never reaches ssh.
    void hostileConnectUrisAreRefused() {
        for (const QString& uri : {QStringLiteral("ssh://-oProxyCommand=touch${IFS}/tmp/owned"),
                                   QStringLiteral("ssh://a b@host"), QStringLiteral("tcp://host"),
                                   QStringLiteral("ssh://host:0")}) {
            const Run refused = cubbyctl({"--connect", uri, "list"});
            QCOMPARE(refused.exitCode, 2);
            QVERIFY2(refused.err.contains("ssh://[USER@]HOST[:PORT]"), qPrintable(refused.err));
        }
        QVERIFY(!QFile::exists(QStringLiteral("/tmp/owned")));
        const Run missing = cubbyctl({"--connect"});
        QCOMPARE(missing.exitCode, 2);
    }

    // The connection dies while a call waits for the remote helper (held with SIGSTOP so that
    // the call is surely in flight): cubbyctl says so at once, and the remote machine is left
    // with the definition whole or not at all.
    void droppedConnectionMidCallIsSaidPlainly() {
        QVERIFY(onRemote({"list", "--all"}).exitCode == 0); // the remote helper runs now
        const pid_t helper = remoteHelperPid();
        QVERIFY(helper > 0);
        QCOMPARE(::kill(helper, SIGSTOP), 0);
        QProcess defining;
        defining.start(QStringLiteral(CUBBYCTL_PATH),
                       {"--connect", remote(), "define", writeDefinition("midway")});
        QVERIFY(defining.waitForStarted());
        QTest::qWait(1500); // connected, the call sent and held
        QVERIFY(killSshd() > 0);
        QElapsedTimer timer;
        timer.start();
        const bool ended = defining.waitForFinished(20000);
        ::kill(helper, SIGCONT);
        QVERIFY2(ended, "cubbyctl waits on a dead connection");
        QVERIFY2(timer.elapsed() < 10000, "a dropped connection is noticed at once");
        QCOMPARE(defining.exitCode(), 1);
        const QString err = QString::fromUtf8(defining.readAllStandardError());
        QVERIFY2(err.contains("connection to " + remote() + " is lost"), qPrintable(err));

        // sshd is back; the remote machine holds "midway" whole, or not at all.
        QTRY_VERIFY_WITH_TIMEOUT(onRemote({"list", "--all"}).exitCode == 0, 20000);
        if (onRemote({"list", "--all"}).out.contains("midway")) {
            const Run stored = onRemote({"dumpxml", "midway", "--inactive"});
            QCOMPARE(stored.exitCode, 0);
            QVERIFY2(stored.out.contains("<name>midway</name>"), qPrintable(stored.out));
            QCOMPARE(onRemote({"undefine", "midway"}).exitCode, 0);
        }
    }

    // An import streams over the channel; killed halfway, it leaves no root filesystem and no
    // job on the remote machine.
    void droppedImportLeavesNothing() {
        const QString archive = m_files.filePath(QStringLiteral("tree.tar"));
        QCOMPARE(
            QProcess::execute(QStringLiteral("tar"),
                              {"-C", QString::fromStdString(m_root->path()), "-cf", archive, "."}),
            0);
        // Whole, it arrives and is kept.
        const Run whole = onRemote({"rootfs-import", "whole", archive});
        QVERIFY2(whole.exitCode == 0, qPrintable(whole.err));
        QVERIFY(onRemote({"rootfs-list"}).out.contains("whole"));
        QCOMPARE(onRemote({"rootfs-delete", "whole"}).exitCode, 0);

        // Cut after half of it, at a tar block boundary (a tar reader takes what it got for a
        // whole archive), and the connection killed: nothing is kept.
        QFile tree(archive);
        QVERIFY(tree.open(QIODevice::ReadOnly));
        const QByteArray firstHalf = tree.read(tree.size() / 2 / 512 * 512);

        QProcess importing;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("CUBBY_REMOTE_CUBBYCTL"), QStringLiteral(CUBBYCTL_PATH));
        importing.setProcessEnvironment(environment);
        importing.start(QStringLiteral(CUBBYCTL_PATH),
                        {"--connect", remote(), "rootfs-import", "halfway", "-"});
        QVERIFY(importing.waitForStarted());
        importing.write(firstHalf);
        QTRY_VERIFY_WITH_TIMEOUT(onRemote({"jobs"}).out.contains("halfway"), 20000);
        QVERIFY(killSshd() > 0);
        QVERIFY(importing.waitForFinished(20000));
        QCOMPARE(importing.exitCode(), 255); // ssh's own status for a lost connection

        QTRY_VERIFY_WITH_TIMEOUT(
            onRemote({"jobs"}).exitCode == 0 && !onRemote({"jobs"}).out.contains("running"), 30000);
        const Run left = onRemote({"rootfs-list"});
        QVERIFY2(!left.out.contains("halfway"), qPrintable(left.out + onRemote({"jobs"}).out));
    }
};

QTEST_GUILESS_MAIN(TestRemoteMachine)
#include "test_remote_machine.moc"
