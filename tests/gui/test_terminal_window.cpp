// End to end under a real X server: a shell on a real PTY in the console widget, typed into
// through the X server (xdotool), the answer read back from the screen, and a screenshot kept
// for people to look at.
#include "gui_test_support.h"
#include "pty_terminal.h"

#include <QDir>
#include <QProcess>
#include <QScreen>
#include <QTest>
#include <pty.h>
#include <qtermwidget.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace cubby;
using cubby::test::artifactsDir;
using cubby::test::run;

class TestTerminalWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY2(QGuiApplication::platformName() == "xcb",
                 "run this test through tests/support/with-xvfb");
    }

    void shellRoundTripThroughTheXServer() {
        int master = -1;
        const pid_t shell = forkpty(&master, nullptr, nullptr, nullptr);
        if (shell == 0) {
            setenv("PS1", "container$ ", 1);
            setenv("TERM", "xterm-256color", 1);
            execl("/bin/sh", "sh", "-i", nullptr);
            _exit(127);
        }
        QVERIFY(shell > 0);

        QWidget window;
        window.setWindowTitle("Cubby console test");
        auto* terminal = new PtyTerminal(&window);
        terminal->setGeometry(0, 0, 900, 540);
        window.resize(900, 540);
        window.show();
        terminal->attach(UniqueFd(master));
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.activateWindow();
        terminal->setFocus();
        QTRY_VERIFY(terminal->transcript().contains("container$"));

        // Real key events from the X server, not synthesized Qt events. The shell computes the
        // answer, so seeing it proves the input and the output paths both work.
        const QPoint centre = window.mapToGlobal(window.rect().center());
        QVERIFY(run("xdotool", {"mousemove", QString::number(centre.x()),
                                QString::number(centre.y()), "click", "1"}));
        QVERIFY(run("xdotool", {"type", "--delay", "15", "echo cubby-$((6*7)); stty size"}));
        QVERIFY(run("xdotool", {"key", "Return"}));
        QTRY_VERIFY_WITH_TIMEOUT(terminal->transcript().contains("cubby-42"), 10000);
        const QString size = QStringLiteral("%1 %2")
                                 .arg(terminal->terminal()->screenLinesCount())
                                 .arg(terminal->terminal()->screenColumnsCount());
        QTRY_VERIFY2(terminal->transcript().contains(size), qPrintable(terminal->transcript()));

        // What a person would see: the whole screen, from the X server.
        const QString shot = artifactsDir() + "/terminal-window.png";
        QVERIFY(run("import", {"-window", "root", shot}));
        QImage image(shot);
        QVERIFY(!image.isNull());
        // Text was drawn: the terminal area holds many distinct colours (glyph anti-aliasing),
        // not a flat fill.
        QSet<QRgb> colours;
        for (int y = 0; y < 200; y += 2) {
            for (int x = 0; x < 600; x += 2)
                colours.insert(image.pixel(x, y));
        }
        QVERIFY2(colours.size() > 4, qPrintable(QString::number(colours.size())));
        qInfo("screenshot saved to %s", qPrintable(shot));

        kill(shell, SIGKILL);
        waitpid(shell, nullptr, 0);
    }
};

QTEST_MAIN(TestTerminalWindow)
#include "test_terminal_window.moc"
