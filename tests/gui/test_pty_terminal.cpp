// The console widget on a real PTY, offscreen: output arrives in order and complete, typing
// reaches the other side, the window size follows the widget, and a hangup is noticed.
#include "pty_terminal.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <fcntl.h>
#include <pty.h>
#include <qtermwidget.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace cubby;

namespace {

struct PtyPair {
    int master = -1;
    int slave = -1;
    PtyPair() { openpty(&master, &slave, nullptr, nullptr, nullptr); }
    ~PtyPair() {
        if (slave >= 0)
            close(slave);
    }
};

QByteArray readAvailable(int fd, int timeoutMs) {
    QByteArray out;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < timeoutMs) {
        QCoreApplication::processEvents();
        char buffer[4096];
        const int flags = fcntl(fd, F_GETFL);
        fcntl(fd, F_SETFL, flags | O_NONBLOCK);
        const ssize_t got = read(fd, buffer, sizeof buffer);
        if (got > 0)
            out.append(buffer, got);
        else
            QTest::qWait(10);
    }
    return out;
}

// A shown terminal attached to the master side of a fresh PTY.
struct AttachedTerminal {
    PtyPair pty;
    PtyTerminal terminal;
    AttachedTerminal() {
        terminal.resize(800, 500);
        terminal.show();
        terminal.attach(UniqueFd(pty.master));
    }
};

} // namespace

class TestPtyTerminal : public QObject {
    Q_OBJECT
private slots:
    void showsWhatTheContainerWrites() {
        AttachedTerminal fixture;
        auto& [pty, terminal] = fixture;
        QVERIFY(terminal.isAttached());
        const char text[] = "hello from the container\r\n";
        QCOMPARE(write(pty.slave, text, sizeof text - 1), ssize_t(sizeof text - 1));
        QTRY_VERIFY2(terminal.transcript().contains("hello from the container"),
                     qPrintable(terminal.transcript()));
    }

    void losesNoOutputUnderAFlood() {
        AttachedTerminal fixture;
        auto& [pty, terminal] = fixture;
        // A child floods the PTY faster than the widget draws; every line must arrive.
        const pid_t writer = fork();
        if (writer == 0) {
            for (int i = 0; i < 3000; ++i) {
                char line[64];
                const int length = snprintf(line, sizeof line, "flood line %04d\r\n", i);
                if (write(pty.slave, line, static_cast<size_t>(length)) != length)
                    _exit(1);
            }
            _exit(0);
        }
        QTRY_VERIFY_WITH_TIMEOUT(terminal.transcript().contains("flood line 2999"), 20000);
        int status = 0;
        waitpid(writer, &status, 0);
        QCOMPARE(WEXITSTATUS(status), 0);
        const QString transcript = terminal.transcript();
        for (int i = 0; i < 3000; i += 250)
            QVERIFY2(transcript.contains(QStringLiteral("flood line %1").arg(i, 4, 10, QChar('0'))),
                     qPrintable(QString::number(i)));
    }

    void typingReachesTheOtherSide() {
        AttachedTerminal fixture;
        auto& [pty, terminal] = fixture;
        QWidget* display = terminal.terminal()->focusProxy();
        QVERIFY(display);
        QTest::keyClicks(display, "echo typed");
        QTest::keyClick(display, Qt::Key_Return);
        const QByteArray received = readAvailable(pty.slave, 500);
        QVERIFY2(received.contains("echo typed"), received.constData());
    }

    void windowSizeFollowsTheWidget() {
        AttachedTerminal fixture;
        auto& [pty, terminal] = fixture;
        const auto ptySize = [&] {
            winsize size{};
            ioctl(pty.slave, TIOCGWINSZ, &size);
            return QSize(size.ws_col, size.ws_row);
        };
        QTRY_COMPARE(ptySize(), QSize(terminal.terminal()->screenColumnsCount(),
                                      terminal.terminal()->screenLinesCount()));
        const QSize before = ptySize();
        QVERIFY(before.width() > 20 && before.height() > 5);
        terminal.resize(400, 250);
        QTRY_VERIFY(ptySize().width() < before.width());
        QTRY_COMPARE(ptySize(), QSize(terminal.terminal()->screenColumnsCount(),
                                      terminal.terminal()->screenLinesCount()));
    }

    void noticesHangup() {
        auto pty = std::make_unique<PtyPair>();
        PtyTerminal terminal;
        terminal.attach(UniqueFd(pty->master));
        QSignalSpy hangup(&terminal, &PtyTerminal::hangup);
        pty.reset(); // closes the slave: the session is over
        QTRY_COMPARE(hangup.count(), 1);
        QVERIFY(!terminal.isAttached());
    }
};

QTEST_MAIN(TestPtyTerminal)
#include "test_pty_terminal.moc"
