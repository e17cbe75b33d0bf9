// Issue 13, first step: what `cubbyctl --connect ssh://…` accepts, and the D-Bus address that
// runs ssh to the other machine's systemd-stdio-bridge. Anything ssh could take for an option
// or a shell could split is refused before it reaches an argument list.
#include "remote_host.h"
#include "stream_frames.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace cubby;

class TestRemoteHost : public QObject {
    Q_OBJECT
private slots:
    void urisAsPeopleWriteThem_data() {
        QTest::addColumn<QString>("uri");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port"); // 0: none
        QTest::newRow("host") << "ssh://nas"
                              << ""
                              << "nas" << 0;
        QTest::newRow("user") << "ssh://ann@nas.home.arpa"
                              << "ann"
                              << "nas.home.arpa" << 0;
        QTest::newRow("port") << "ssh://ann@192.0.2.7:2222"
                              << "ann"
                              << "192.0.2.7" << 2222;
        QTest::newRow("ipv6") << "ssh://[2001:db8::7]"
                              << ""
                              << "2001:db8::7" << 0;
        QTest::newRow("ipv6 port") << "ssh://b_ob@[fd00::1]:22/"
                                   << "b_ob"
                                   << "fd00::1" << 22;
    }
    void urisAsPeopleWriteThem() {
        QFETCH(QString, uri);
        const auto target = parseConnectUri(uri.toStdString());
        QVERIFY2(target, target ? "" : target.error().message.c_str());
        QFETCH(QString, user);
        QFETCH(QString, host);
        QFETCH(int, port);
        QCOMPARE(QString::fromStdString(target->user), user);
        QCOMPARE(QString::fromStdString(target->host), host);
        QCOMPARE(target->port.value_or(0), port);
    }

    void hostileOrWrongUrisAreRefused_data() {
        QTest::addColumn<QString>("uri");
        for (const char* uri : {
                 "nas",
                 "http://nas",
                 "ssh://",
                 "ssh://-oProxyCommand=sh",
                 "ssh://ann@-x",
                 "ssh://-ann@nas",
                 "ssh://ann@",
                 "ssh://nas:0",
                 "ssh://nas:65536",
                 "ssh://nas:",
                 "ssh://nas:22x",
                 "ssh://na s",
                 "ssh://nas;reboot",
                 "ssh://$(id)@nas",
                 "ssh://ann@nas@evil",
                 "ssh://[fd00::1",
                 "ssh://[nas]",
                 "ssh://[fd00::1]x",
                 "ssh://[]",
                 "ssh://nas/path",
                 "ssh://a'b@nas",
             })
            QTest::newRow(uri) << QString::fromUtf8(uri);
        QTest::newRow("long host") << "ssh://" + QString(254, u'a');
        QTest::newRow("long user") << "ssh://" + QString(33, u'u') + "@nas";
    }
    void hostileOrWrongUrisAreRefused() {
        QFETCH(QString, uri);
        const auto target = parseConnectUri(uri.toStdString());
        QVERIFY2(!target, qPrintable(uri));
        QCOMPARE(target.error().kind, ErrorKind::InvalidArgument);
        QVERIFY(target.error().message.find("ssh://[USER@]HOST[:PORT]") != std::string::npos);
    }

    // The address machinectl -H makes, escaped: '@' and ':' as %XX, the "--" before the host.
    void busAddressRunsTheBridgeThroughSsh() {
        QCOMPARE(sshBusAddress(*parseConnectUri("ssh://ann@nas")),
                 std::string("unixexec:path=ssh,argv1=-xT,argv2=-o,argv3=ConnectTimeout%3d15,"
                             "argv4=-o,argv5=ServerAliveInterval%3d15,argv6=-o,"
                             "argv7=ServerAliveCountMax%3d3,argv8=--,argv9=ann%40nas,"
                             "argv10=systemd-stdio-bridge"));
        QCOMPARE(sshBusAddress(*parseConnectUri("ssh://[fd00::1]:2222"), "/usr/bin/ssh"),
                 std::string("unixexec:path=/usr/bin/ssh,argv1=-xT,argv2=-o,"
                             "argv3=ConnectTimeout%3d15,argv4=-o,argv5=ServerAliveInterval%3d15,"
                             "argv6=-o,argv7=ServerAliveCountMax%3d3,argv8=-p,argv9=2222,"
                             "argv10=--,argv11=fd00%3a%3a1,argv12=systemd-stdio-bridge"));
        QCOMPARE(escapeBusAddressValue("a,b=c;d e%\\"), std::string("a%2cb%3dc%3bd%20e%25%5c"));
        QCOMPARE(escapeBusAddressValue("-_./*Az09"), std::string("-_./*Az09"));
    }

    // What the remote shell makes of the line is what the caller gave, word for word: a real
    // /bin/sh reads it back, quotes, globs, variables, newlines and command substitutions
    // included.
    void remoteCommandLinesKeepEveryWord() {
        const std::vector<std::string> words = {"cubbyctl",
                                                "exec",
                                                "box",
                                                "--",
                                                "sh",
                                                "-c",
                                                "echo 'it''s' \"$HOME\" `id` $(id) *",
                                                "two\nlines",
                                                "",
                                                " spaced ",
                                                "semi;colon|pipe&>redirect<",
                                                "\\back\\slash",
                                                "'"};
        QProcess shell;
        shell.start(QStringLiteral("/bin/sh"),
                    {QStringLiteral("-c"),
                     QString::fromStdString("printf '%s\\0' " + shellCommandLine(words))});
        QVERIFY(shell.waitForFinished());
        QCOMPARE(shell.exitCode(), 0);
        const QByteArray output = shell.readAllStandardOutput();
        QList<QByteArray> read = output.split('\0');
        read.removeLast(); // after the last terminator
        QCOMPARE(read.size(), qsizetype(words.size()));
        for (size_t i = 0; i < words.size(); ++i)
            QCOMPARE(read[qsizetype(i)].toStdString(), words[i]);
    }

    void sshRunsTheRemoteCommandWithOrWithoutATerminal() {
        const std::vector<std::string> remote = {"cubbyctl", "console", "web"};
        QCOMPARE(sshCommandArguments(*parseConnectUri("ssh://ann@nas:2222"), true, remote),
                 (std::vector<std::string>{"-tt", "-x", "-e", "none", "-p", "2222", "--", "ann@nas",
                                           "'cubbyctl' 'console' 'web'"}));
        QCOMPARE(sshCommandArguments(*parseConnectUri("ssh://nas"), false, remote),
                 (std::vector<std::string>{"-T", "-x", "-e", "none", "--", "nas",
                                           "'cubbyctl' 'console' 'web'"}));
    }

    // The authentication agent's remote line, run by a real /bin/sh against a stand-in
    // pkttyagent: the bridge's pid arrives as one argument, the ready line follows the agent's
    // closing of its notify descriptor (not before), and a machine without pkttyagent says so.
    void authAgentLineRegistersForTheBridge() {
        const auto arguments = sshAuthAgentArguments(*parseConnectUri("ssh://ann@nas:2222"), 4242);
        QVERIFY(arguments);
        QCOMPARE(
            std::vector<std::string>(arguments->begin(), arguments->end() - 1),
            (std::vector<std::string>{"-tt", "-x", "-e", "none", "-p", "2222", "--", "ann@nas"}));
        QTemporaryDir bin;
        QVERIFY(bin.isValid());
        QFile fake(bin.filePath(QStringLiteral("pkttyagent")));
        QVERIFY(fake.open(QIODevice::WriteOnly));
        fake.write("#!/bin/sh\necho \"args: $*\" >&2\nsleep 0.2\necho registered >&2\n"
                   "exec 3>&-\nsleep 0.2\necho agent-ends >&2\n");
        fake.close();
        QVERIFY(fake.setPermissions(QFileDevice::ReadOwner | QFileDevice::ExeOwner));
        const auto run = [](const std::string& line, const QString& path) {
            QProcess shell;
            QProcessEnvironment environment;
            environment.insert(QStringLiteral("PATH"), path);
            shell.setProcessEnvironment(environment);
            shell.setProcessChannelMode(QProcess::MergedChannels);
            shell.start(QStringLiteral("/bin/sh"),
                        {QStringLiteral("-c"), QString::fromStdString(line)});
            shell.waitForFinished();
            return shell.readAll();
        };
        const QByteArray output =
            run(arguments->back(), bin.path() + QStringLiteral(":/usr/bin:/bin"));
        QCOMPARE(output, QByteArray("args: --notify-fd 3 --process 4242\nregistered\n" +
                                    QByteArray(authAgentReadyMarker.data()) + "\nagent-ends\n"));
        QTemporaryDir onlyShell; // dash's builtins, no pkttyagent
        QVERIFY(QFile::link(QStringLiteral("/bin/sh"), onlyShell.filePath(QStringLiteral("sh"))));
        const QByteArray none = run(arguments->back(), onlyShell.path());
        QCOMPARE(none, QByteArray(authAgentMissingMarker.data()) + "\n");

        QVERIFY(!sshAuthAgentArguments(*parseConnectUri("ssh://nas"), 0));
        QVERIFY(!sshAuthAgentArguments(*parseConnectUri("ssh://nas"), 1));
    }

    // A console's or shell's remote cubbyctl gets its own agent first: a real /bin/sh runs the
    // wrapped line against a stand-in pkttyagent, which is registered for the shell's own pid
    // (the one the command then has), and the command runs only after the agent said it is
    // registered, with every word intact; without pkttyagent the command runs as before.
    void terminalCommandsGetTheirOwnAgentFirst() {
        // The command says its pid (the wrapper's: exec keeps it) and its words.
        const std::vector<std::string> command = {
            "sh",        "-c", "echo \"pid=$$\"; printf '[%s]\\n' \"$@\"", "sh", "it's",
            "$(reboot)", "a b"};
        const std::vector<std::string> wrapped = withTerminalAuthAgent(command);
        QCOMPARE(wrapped.size(), command.size() + 4);
        QCOMPARE(wrapped[0], std::string("sh"));
        QCOMPARE(std::vector<std::string>(wrapped.begin() + 4, wrapped.end()), command);
        QTemporaryDir bin;
        QVERIFY(bin.isValid());
        QFile fake(bin.filePath(QStringLiteral("pkttyagent")));
        QVERIFY(fake.open(QIODevice::WriteOnly));
        // It notes whom it registers for, then closes its notify descriptor a moment later.
        fake.write("#!/bin/sh\necho \"agent for $4\" >>\"$AGENT_LOG\"\nsleep 0.2\n"
                   "echo registered >>\"$AGENT_LOG\"\nexec 3>&-\nsleep 1\n");
        fake.close();
        QVERIFY(fake.setPermissions(QFileDevice::ReadOwner | QFileDevice::ExeOwner));
        const QString log = bin.filePath(QStringLiteral("agent.log"));
        const auto run = [&](const QString& path) {
            QProcess shell;
            QProcessEnvironment environment;
            environment.insert(QStringLiteral("PATH"), path);
            environment.insert(QStringLiteral("AGENT_LOG"), log);
            shell.setProcessEnvironment(environment);
            QStringList arguments;
            for (size_t i = 1; i < wrapped.size(); ++i)
                arguments << QString::fromStdString(wrapped[i]);
            shell.start(QStringLiteral("/bin/sh"), arguments);
            shell.waitForFinished();
            return shell.readAllStandardOutput();
        };
        const QByteArray output = run(bin.path() + QStringLiteral(":/usr/bin:/bin"));
        const QByteArray pid = output.mid(4, output.indexOf('\n') - 4);
        QVERIFY2(output.startsWith("pid=") && pid.toInt() > 1, output.constData());
        QCOMPARE(output.mid(output.indexOf('\n') + 1), QByteArray("[it's]\n[$(reboot)]\n[a b]\n"));
        QFile written(log);
        QVERIFY(written.open(QIODevice::ReadOnly));
        // Registered for the command's own pid, before the command ran.
        QCOMPARE(written.readAll(), "agent for " + pid + "\nregistered\n");
        QVERIFY(QFile::remove(log));
        QTemporaryDir onlyShell; // no pkttyagent: the command alone
        QVERIFY(QFile::link(QStringLiteral("/bin/sh"), onlyShell.filePath(QStringLiteral("sh"))));
        QVERIFY(QFile::link(QStringLiteral("/usr/bin/printf"),
                            onlyShell.filePath(QStringLiteral("printf"))));
        const QByteArray alone = run(onlyShell.path());
        QCOMPARE(alone.mid(alone.indexOf('\n') + 1), QByteArray("[it's]\n[$(reboot)]\n[a b]\n"));
        QVERIFY(!QFile::exists(log));
    }

    // Frames arrive in pieces of any size, a header split anywhere; the payload comes out
    // whole and the end is known only from the end frame.
    void framedStreamsKeepTheirPayloadAndTheirEnd() {
        std::string stream;
        const std::string first(70000, 'a'), second = "tail bytes";
        for (const std::string* piece : {&first, &second}) {
            const auto header = frameHeader(uint32_t(piece->size()));
            stream.append(header.data(), header.size());
            stream += *piece;
        }
        const auto end = frameHeader(0);
        stream.append(end.data(), end.size());
        for (const size_t step : {size_t(1), size_t(3), size_t(4096), stream.size()}) {
            FrameReader reader;
            std::string payload;
            for (size_t offset = 0; offset < stream.size(); offset += step) {
                QVERIFY(!reader.ended());
                QVERIFY(reader.feed(std::string_view(stream).substr(offset, step), payload));
            }
            QVERIFY(reader.ended());
            QCOMPARE(payload, first + second);
        }
        // Cut anywhere before the end frame, it has not ended: the receiver cancels.
        FrameReader cut;
        std::string payload;
        QVERIFY(cut.feed(std::string_view(stream).substr(0, stream.size() - 1), payload));
        QVERIFY(!cut.ended());
    }

    void framesTooLongOrAfterTheEndAreRefused() {
        FrameReader reader;
        std::string payload;
        const auto huge = frameHeader(uint32_t(maxFramePayload + 1));
        QVERIFY(!reader.feed(std::string_view(huge.data(), huge.size()), payload));
        FrameReader ended;
        const auto end = frameHeader(0);
        QVERIFY(ended.feed(std::string_view(end.data(), end.size()), payload));
        QVERIFY(ended.ended());
        const auto after = ended.feed("x", payload);
        QVERIFY(!after);
        QVERIFY(after.error().message.find("after its end") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestRemoteHost)
#include "test_remote_host.moc"
