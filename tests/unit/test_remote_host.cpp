// Issue 13, first step: what `cubbyctl --connect ssh://…` accepts, and the D-Bus address that
// runs ssh to the other machine's systemd-stdio-bridge. Anything ssh could take for an option
// or a shell could split is refused before it reaches an argument list.
#include "remote_host.h"

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
                 std::string("unixexec:path=ssh,argv1=-xT,argv2=--,argv3=ann%40nas,"
                             "argv4=systemd-stdio-bridge"));
        QCOMPARE(sshBusAddress(*parseConnectUri("ssh://[fd00::1]:2222"), "/usr/bin/ssh"),
                 std::string("unixexec:path=/usr/bin/ssh,argv1=-xT,argv2=-p,argv3=2222,"
                             "argv4=--,argv5=fd00%3a%3a1,argv6=systemd-stdio-bridge"));
        QCOMPARE(escapeBusAddressValue("a,b=c;d e%\\"), std::string("a%2cb%3dc%3bd%20e%25%5c"));
        QCOMPARE(escapeBusAddressValue("-_./*Az09"), std::string("-_./*Az09"));
    }
};

QTEST_GUILESS_MAIN(TestRemoteHost)
#include "test_remote_host.moc"
