// The controller's pure parts: the scrollback ring, the control protocol, and resolving
// init's user from the container's own passwd and group files.
#include "control_protocol.h"
#include "identity.h"
#include "ring_buffer.h"

#include <QTest>

using namespace cubby;

class TestControllerParts : public QObject {
    Q_OBJECT
private slots:
    void ringKeepsTheNewestBytesInOrder() {
        RingBuffer ring(8);
        QCOMPARE(ring.contents(), std::string());
        ring.append("abc");
        QCOMPARE(ring.contents(), std::string("abc"));
        ring.append("defgh");
        QCOMPARE(ring.contents(), std::string("abcdefgh"));
        ring.append("ij");
        QCOMPARE(ring.contents(), std::string("cdefghij"));
        ring.append("0123456789xyz"); // longer than the ring: only its tail survives
        QCOMPARE(ring.contents(), std::string("56789xyz"));
        QCOMPARE(ring.size(), size_t{8});
        for (int i = 0; i < 100; ++i)
            ring.append(std::string(1, char('a' + i % 26)));
        QCOMPARE(ring.contents().size(), size_t{8});
        QCOMPARE(ring.contents().back(), char('a' + 99 % 26));
    }

    void protocolRoundTrips() {
        const std::string packet = encodeControl(ControlMessage::ConsoleInput, "ls\n");
        const auto decoded = decodeControl(packet);
        QVERIFY(decoded);
        QCOMPARE(decoded->type, ControlMessage::ConsoleInput);
        QCOMPARE(decoded->payload, std::string_view("ls\n"));
        QVERIFY(!decodeControl(""));
        QVERIFY(!decodeControl("?junk"));
        QCOMPARE(decodeControl("d")->type, ControlMessage::Destroy);
    }

    // After a package upgrade the new helper reads the version of controllers the old one
    // started: those of version 1 say none, and it must not send them what they do not know.
    void protocolVersionsOfControllers() {
        QCOMPARE(controlProtocolOfStatus("state=running\ninit_pid=7\nrestarts=0\n"), 1u);
        QCOMPARE(controlProtocolOfStatus("state=running\nprotocol=2\n"), 2u);
        QCOMPARE(controlProtocolOfStatus("protocol=3"), 3u);
        QVERIFY(!controlProtocolOfStatus("state=running\nprotocol=two\n"));
        QVERIFY(!controlProtocolOfStatus("protocol=0\n"));
        QVERIFY(!controlProtocolOfStatus("protocol=99999999999\n"));
        // A key that merely ends in "protocol=" is not the version.
        QCOMPARE(controlProtocolOfStatus("console_protocol=9\n"), 1u);
        QCOMPARE(controlProtocolIntroducing(ControlMessage::SetLimits), 2u);
        QCOMPARE(controlProtocolIntroducing(ControlMessage::Shutdown), 1u);
        QCOMPARE(controlProtocolIntroducing(ControlMessage::OpenShell), 1u);
        QVERIFY(controlProtocolIntroducing(ControlMessage::SetLimits) <= controlProtocolVersion);
        // OpenRoot (cubbyctl cp in a running container) is version 4's, and a request.
        QCOMPARE(controlProtocolIntroducing(ControlMessage::OpenRoot), 4u);
        QCOMPARE(controlProtocolVersion, 4u);
        const auto openRoot = decodeControl(encodeControl(ControlMessage::OpenRoot));
        QVERIFY(openRoot && openRoot->type == ControlMessage::OpenRoot);
    }

    void windowSizes() {
        QCOMPARE(parseWindowSize("24 80")->rows, uint16_t{24});
        QCOMPARE(parseWindowSize("24 80")->columns, uint16_t{80});
        for (const char* bad : {"", "24", "24x80", "0 80", "24 0", "99999 80", "-1 5", "24 80 1"})
            QVERIFY2(!parseWindowSize(bad), bad);
    }

    void identities() {
        const std::string passwd = "root:x:0:0:root:/root:/bin/sh\n"
                                   "www:x:33:33:www:/var/www:/bin/sh\n"
                                   "broken:x:abc:1::/:/bin/sh\n";
        const std::string group = "root:x:0:\nstaff:x:50:\n";
        QCOMPARE(*resolveIdentity(passwd, group, "", ""), (ResolvedIdentity{0, 0, "/root"}));
        QCOMPARE(*resolveIdentity(passwd, group, "www", ""),
                 (ResolvedIdentity{33, 33, "/var/www"}));
        QCOMPARE(*resolveIdentity(passwd, group, "33", "staff"),
                 (ResolvedIdentity{33, 50, "/var/www"}));
        QCOMPARE(*resolveIdentity(passwd, group, "1234", "99"), (ResolvedIdentity{1234, 99, "/"}));
        QCOMPARE(*resolveIdentity("", "", "", ""), (ResolvedIdentity{0, 0, "/"}));
        const auto missing = resolveIdentity(passwd, group, "nobody-here", "");
        QVERIFY(!missing);
        QCOMPARE(missing.error().kind, ErrorKind::NotFound);
        QVERIFY(missing.error().message.find("'nobody-here'") != std::string::npos);
        QVERIFY(!resolveIdentity(passwd, group, "www", "wheel"));
        QVERIFY(!resolveIdentity(passwd, group, "broken", ""));
    }
};

QTEST_APPLESS_MAIN(TestControllerParts)
#include "test_controller_parts.moc"
