#pragma once
// What the gui tier's tests share: where screenshots go, running a tool (xdotool, import) to
// completion, and a screenshot of the whole X screen.

#include <QDir>
#include <QImage>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTest>

namespace cubby::test {

// CUBBY_ARTIFACTS_DIR/screenshots (made if missing), where people look at what the tests saw.
inline QString artifactsDir() {
    const QString dir =
        qEnvironmentVariable("CUBBY_ARTIFACTS_DIR", QDir::tempPath()) + "/screenshots";
    QDir().mkpath(dir);
    return dir;
}

// Runs `program` and waits up to 10 s; true when it exited normally with status 0.
inline bool run(const QString& program, const QStringList& arguments) {
    QProcess process;
    process.start(program, arguments);
    return process.waitForFinished(10000) && process.exitStatus() == QProcess::NormalExit &&
           process.exitCode() == 0;
}

// The whole X screen, as a person would see it, saved as `name` in artifactsDir(); true when
// a readable image was written.
inline bool screenshot(const QString& name) {
    const QString path = artifactsDir() + "/" + name;
    QTest::qWait(300); // let the last repaint reach the server
    if (!run("import", {"-window", "root", path}))
        return false;
    qInfo("screenshot saved to %s", qPrintable(path));
    return !QImage(path).isNull();
}

} // namespace cubby::test
