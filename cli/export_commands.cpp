// cubbyctl export, import and copy (issue 13): a stopped container into one file (its
// definition in front of a zstd-compressed tar of its root, engine/core/container_export.h),
// back into a new container, or straight into another machine's import over SSH. The file is
// opened here, as the calling user; the helper writes to and reads from the descriptor only.
#include "cli_common.h"
#include "commands.h"
#include "container_export.h"
#include "export_file.h"
#include "job_follow.h"
#include "remote_host.h"
#include "stream_frames.h"
#include "terminal_session.h"

#include <QDBusUnixFileDescriptor>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <optional>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace cubby::cli {

namespace {

QString errnoText() {
    return qt_error_string(errno);
}

int exportContainer(const QStringList& arguments) {
    const QString& name = arguments[0];
    const QString& path = arguments[1];
    if (path == QStringLiteral("-")) {
        if (::isatty(STDOUT_FILENO))
            return failWith(QStringLiteral("an archive does not go to a terminal: redirect "
                                           "standard output or name a file"));
        if (remoteTarget()) { // the other machine's cubbyctl writes to our stdout
            const pid_t ssh = spawnRemote(*remoteTarget(), {"export", name, "-"}, -1, -1);
            return ssh < 0 ? 1 : waitForExit(ssh);
        }
        auto reply = manager().ExportContainer(name, QDBusUnixFileDescriptor(STDOUT_FILENO));
        if (!wait(reply))
            return 1;
        return followJob(reply.value().path(), {});
    }
    auto file = ExportFile::create(QFile::encodeName(path).toStdString());
    if (!file)
        return failWith(QString::fromStdString(file.error().message));
    int status = 0;
    if (remoteTarget()) {
        const pid_t ssh = spawnRemote(*remoteTarget(), {"export", name, "-"}, -1, file->fd());
        status = ssh < 0 ? 1 : waitForExit(ssh);
    } else {
        auto reply = manager().ExportContainer(name, QDBusUnixFileDescriptor(file->fd()));
        if (!wait(reply))
            return 1;
        status = followJob(reply.value().path(), {});
    }
    if (status != 0)
        return status;
    if (auto kept = file->keep(); !kept)
        return failWith(QString::fromStdString(kept.error().message));
    out() << "Domain '" << name << "' exported to " << path << "\n\n";
    return 0;
}

// `import - [NAME] --framed`: what --connect and copy run on the other machine.
int importFramed(const QString& name) {
    FrameReader frames;
    std::string pending;
    const std::string header = readFramedPrefix(frames, pending, exportFrameHeaderBytes);
    auto length = exportFrameLength(header);
    if (!length)
        return failWith(QString::fromStdString(length.error().message));
    const std::string content = readFramedPrefix(frames, pending, *length);
    auto xml = exportFrameDefinition(content);
    if (content.size() != *length || !xml)
        return failWith(QStringLiteral("the archive ends inside its definition"));
    int pipeFds[2], cutOff[2];
    if (::pipe2(pipeFds, O_CLOEXEC) != 0 || ::pipe2(cutOff, O_CLOEXEC) != 0)
        return failWith(QStringLiteral("cannot make a pipe: %1").arg(errnoText()));
    ::signal(SIGPIPE, SIG_IGN);
    auto reply = manager().ImportContainer(QString::fromStdString(*xml), name,
                                           QDBusUnixFileDescriptor(pipeFds[0]));
    ::close(pipeFds[0]);
    std::thread(pumpFrames, frames, std::move(pending), pipeFds[1], cutOff[1]).detach();
    if (!wait(reply))
        return 1;
    return followJob(reply.value().path(),
                     QStringLiteral("Domain '%1' imported").arg(name.isEmpty() ? QString() : name),
                     cutOff[0]);
}

int importContainer(const QStringList& arguments) {
    QStringList rest = arguments;
    const bool framed = rest.removeAll(QStringLiteral("--framed")) > 0;
    if (rest.isEmpty() || rest.size() > 2)
        return failWith(QStringLiteral("usage: cubbyctl import FILE [NAME]"));
    const QString path = rest[0];
    const QString name = rest.value(1);
    if (framed) {
        if (path != QStringLiteral("-"))
            return failWith(QStringLiteral("--framed reads standard input ('-')"));
        return importFramed(name);
    }
    const int fd = path == QStringLiteral("-")
                       ? ::fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 3)
                       : ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return failWith(QStringLiteral("cannot read %1: %2").arg(path, errnoText()));
    if (remoteTarget()) {
        QStringList remoteArguments = {QStringLiteral("import"), QStringLiteral("-")};
        if (!name.isEmpty())
            remoteArguments << name;
        remoteArguments << QStringLiteral("--framed");
        const int status = runOnRemoteWithFramedInput(remoteArguments, fd);
        ::close(fd);
        return status;
    }
    const auto xml = readExportDefinition(fd);
    if (!xml) {
        ::close(fd);
        return failWith(QString::fromStdString(xml.error().message));
    }
    auto reply =
        manager().ImportContainer(QString::fromStdString(*xml), name, QDBusUnixFileDescriptor(fd));
    ::close(fd);
    if (!wait(reply))
        return 1;
    return followJob(reply.value().path(), QStringLiteral("Domain imported from %1").arg(path));
}

// copy NAME ssh://[USER@]HOST[:PORT][/NEWNAME]: this machine's export, framed, into the
// other's import. The end frame goes out only once the export job is done, so an export
// that fails halfway is cancelled there, not kept.
int copyContainer(const QStringList& arguments) {
    if (remoteTarget())
        return failWith(QStringLiteral("copy runs on the machine that holds the container "
                                       "(without --connect)"));
    const QString& name = arguments[0];
    QString destination = arguments[1];
    QString newName;
    const qsizetype authority = destination.indexOf(QStringLiteral("://"));
    if (const qsizetype slash = destination.indexOf(QLatin1Char('/'), authority + 3);
        authority > 0 && slash > 0) {
        newName = destination.mid(slash + 1);
        destination.truncate(slash);
    }
    auto target = parseConnectUri(destination.toStdString());
    if (!target)
        return failWith(QString::fromStdString(target.error().message));
    int exported[2], channel[2];
    if (::pipe2(exported, O_CLOEXEC) != 0 || ::pipe2(channel, O_CLOEXEC) != 0)
        return failWith(QStringLiteral("cannot make a pipe: %1").arg(errnoText()));
    ::signal(SIGPIPE, SIG_IGN);
    QStringList remoteArguments = {QStringLiteral("import"), QStringLiteral("-")};
    if (!newName.isEmpty())
        remoteArguments << newName;
    remoteArguments << QStringLiteral("--framed");
    const pid_t ssh = spawnRemote(*target, remoteArguments, channel[0], -1);
    ::close(channel[0]);
    if (ssh < 0)
        return 1;
    int status = 1;
    {
        auto reply = manager().ExportContainer(name, QDBusUnixFileDescriptor(exported[1]));
        ::close(exported[1]);
        reply.waitForFinished();
        if (reply.isError()) {
            ::close(exported[0]);
            failWith(describeCallError(reply.error()));
        } else {
            bool streamed = false;
            std::atomic<bool> ended = false;
            std::thread pump([&] { streamed = sendFrames(exported[0], channel[1], &ended); });
            status = followJob(reply.value().path(), {});
            ended = true;
            pump.join();
            ::close(exported[0]);
            if (status == 0 && (!streamed || !sendEndFrame(channel[1])))
                status = 1;
        }
    }
    ::close(channel[1]);
    const int remoteStatus = waitForExit(ssh);
    if (status != 0)
        return status;
    if (remoteStatus != 0)
        return remoteStatus;
    out() << "Domain '" << name << "' copied to " << arguments[1] << "\n\n";
    return 0;
}

int cloneContainer(const QStringList& arguments) {
    auto reply = manager().CloneContainer(arguments[0], arguments[1]);
    if (!wait(reply))
        return 1;
    return followJob(reply.value().path(),
                     QStringLiteral("Domain '%1' cloned to '%2'").arg(arguments[0], arguments[1]),
                     -1, true);
}

int createSnapshot(const QStringList& arguments) {
    auto reply = manager().CreateSnapshot(arguments[0], arguments[1]);
    if (!wait(reply))
        return 1;
    return followJob(reply.value().path(),
                     QStringLiteral("Snapshot '%1' of '%2' made").arg(arguments[1], arguments[0]),
                     -1, true);
}

int listSnapshots(const QStringList& arguments) {
    auto reply = manager().ListSnapshots(arguments[0]);
    if (!wait(reply))
        return 1;
    QList<QStringList> rows;
    for (const auto& entry : reply.value()) {
        const qint64 created = entry.value(QStringLiteral("created")).toLongLong();
        rows << QStringList{entry.value(QStringLiteral("name")).toString(),
                            QDateTime::fromSecsSinceEpoch(created).toString(Qt::ISODate)};
    }
    printTable({QStringLiteral("Name"), QStringLiteral("Created")}, rows);
    return 0;
}

int restoreSnapshot(const QStringList& arguments) {
    auto reply = manager().RestoreSnapshot(arguments[0], arguments[1]);
    if (!wait(reply))
        return 1;
    return followJob(
        reply.value().path(),
        QStringLiteral("Domain '%1' restored to snapshot '%2'").arg(arguments[0], arguments[1]), -1,
        true);
}

int deleteSnapshot(const QStringList& arguments) {
    auto reply = manager().DeleteSnapshot(arguments[0], arguments[1]);
    if (!wait(reply))
        return 1;
    return followJob(
        reply.value().path(),
        QStringLiteral("Snapshot '%1' of '%2' deleted").arg(arguments[1], arguments[0]));
}

const std::vector<Command> table = {
    {"export", "NAME FILE",
     "write a stopped container (definition and root filesystem) to one file ('-': stdout)", 2, 2,
     exportContainer},
    {"import", "FILE [NAME]",
     "make a container from an export ('-': stdin), with a new uuid, MACs and id range", 1, 3,
     importContainer},
    {"copy", "NAME ssh://[USER@]HOST[:PORT][/NEWNAME]",
     "copy a stopped container to another machine's Cubby over SSH", 2, 2, copyContainer},
    {"clone", "NAME NEWNAME",
     "copy a stopped container here (reflinks where the filesystem has them)", 2, 2,
     cloneContainer},
    {"snapshot", "NAME SNAPSHOT", "keep a copy of a stopped container's root filesystem", 2, 2,
     createSnapshot},
    {"snapshot-list", "NAME", "list a container's snapshots, oldest first", 1, 1, listSnapshots},
    {"snapshot-restore", "NAME SNAPSHOT",
     "put a snapshot in place of a stopped container's root filesystem", 2, 2, restoreSnapshot},
    {"snapshot-delete", "NAME SNAPSHOT", "remove a snapshot", 2, 2, deleteSnapshot},
};

} // namespace

std::span<const Command> exportCommands() {
    return table;
}

} // namespace cubby::cli
