#pragma once
// What the gui tier's tests share: where screenshots go, and running a tool (xdotool, import)
// to completion.

#include <QDir>
#include <QProcess>
#include <QString>
#include <QStringList>

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

} // namespace cubby::test
