#pragma once
// What the dbus tier's tests share: cubbyctl run as root or as a test user, raw calls to the
// helper, and reading a terminal descriptor until some text arrives.

#include <QByteArray>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <poll.h>
#include <sys/types.h>
#include <unistd.h>

namespace cubby::test {

inline const QString helperService = QStringLiteral("io.github.cubby1");
inline const QString helperPath = QStringLiteral("/io/github/cubby1");
inline const QString helperInterface = QStringLiteral("io.github.cubby1.Manager");

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

// cubbyctl as root, or as one of the fixture's test users, with `environment` ("NAME=value")
// added to what it inherits.
inline Run cubbyctl(const QStringList& arguments, uid_t asUser = 0, const QByteArray& input = {},
                    const QStringList& environment = {}) {
    QProcess process;
    QStringList command = {QStringLiteral(CUBBYCTL_PATH)};
    command << arguments;
    if (!environment.isEmpty())
        command = QStringList{QStringLiteral("env")} + environment + command;
    if (asUser != 0) {
        const QString id = QString::number(asUser);
        command = QStringList{QStringLiteral("setpriv"), "--reuid=" + id, "--regid=" + id,
                              QStringLiteral("--clear-groups"), QStringLiteral("--")} +
                  command;
    }
    process.start(command.takeFirst(), command);
    process.write(input);
    process.closeWriteChannel();
    process.waitForFinished(120000);
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

inline QDBusMessage call(const QString& method, const QVariantList& arguments = {}) {
    QDBusMessage message =
        QDBusMessage::createMethodCall(helperService, helperPath, helperInterface, method);
    message.setArguments(arguments);
    return QDBusConnection::systemBus().call(message, QDBus::Block, 120000);
}

inline uid_t allowed() {
    return static_cast<uid_t>(qEnvironmentVariableIntValue("CUBBY_TEST_ALLOWED_UID"));
}
inline uid_t denied() {
    return static_cast<uid_t>(qEnvironmentVariableIntValue("CUBBY_TEST_DENIED_UID"));
}

// The processes this test can see, with their command names and command lines (arguments
// NUL-separated), for finding a worker or a daemon to stop or kill.
struct ProcessInfo {
    pid_t pid = 0;
    QByteArray comm;
    QByteArray cmdline;
};
inline QList<ProcessInfo> processes() {
    QList<ProcessInfo> found;
    for (const QString& entry : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
        bool isPid = false;
        const pid_t pid = entry.toInt(&isPid);
        QFile comm(QStringLiteral("/proc/%1/comm").arg(entry));
        QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(entry));
        if (isPid && comm.open(QIODevice::ReadOnly) && cmdline.open(QIODevice::ReadOnly))
            found << ProcessInfo{pid, comm.readAll().trimmed(), cmdline.readAll()};
    }
    return found;
}

inline bool helperOnBus() {
    return QDBusConnection::systemBus().interface()->isServiceRegistered(helperService);
}

inline pid_t helperPid() {
    return static_cast<pid_t>(
        QDBusConnection::systemBus().interface()->servicePid(helperService).value());
}

// Reads `fd` until `needle` arrived or 10 s passed; returns everything read.
inline QString readFd(int fd, const QString& needle, int timeoutMs = 10000) {
    QByteArray seen;
    QElapsedTimer timer;
    timer.start();
    while (!seen.contains(needle.toUtf8()) && timer.elapsed() < timeoutMs) {
        pollfd ready{fd, POLLIN, 0};
        if (::poll(&ready, 1, 100) <= 0)
            continue;
        char buffer[4096];
        const ssize_t got = ::read(fd, buffer, sizeof buffer);
        if (got <= 0)
            break;
        seen.append(buffer, got);
    }
    return QString::fromUtf8(seen);
}

} // namespace cubby::test
