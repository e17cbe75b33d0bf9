// cubbyctl cp (issue 13): files into and out of a container, running or not, as `incus file
// push/pull` does.
//
//   cubbyctl cp [--mode OCTAL] [--owner UID:GID] LOCAL_FILE|- NAME:/PATH   (push)
//   cubbyctl cp NAME:/PATH LOCAL_FILE|-                                     (pull)
//
// The local file is opened here, as the calling user; the helper only reads or writes the
// descriptor. A pushed file gets the local file's mode (0644 from standard input) and belongs
// to the container's root unless --mode/--owner say otherwise; a PATH ending in '/' takes the
// local file's name, a LOCAL_FILE that is a directory the container file's. A pulled file is
// written beside its destination and renamed into place once the copy is done: a failed pull
// leaves what was there. Over --connect the other machine's cubbyctl does the copy, the data
// in frames (stream_frames.h) on a push, so that a connection cut off there cancels the copy
// and the old file stays.
#include "cli_common.h"
#include "commands.h"
#include "job_follow.h"
#include "job_interface.h"
#include "names.h"

#include <QDBusUnixFileDescriptor>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <optional>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace cubby::cli {

namespace {

struct ContainerPath {
    QString name;
    QString path;
};

// NAME:/PATH, NAME a valid container name; anything else is a local path ("./a:/b" for a
// local file whose name looks like one).
std::optional<ContainerPath> containerPath(const QString& argument) {
    const qsizetype colon = argument.indexOf(QLatin1Char(':'));
    if (colon <= 0 || argument.mid(colon + 1, 1) != QStringLiteral("/"))
        return std::nullopt;
    const QString name = argument.left(colon);
    if (!validateObjectName(name.toStdString(), "container name"))
        return std::nullopt;
    return ContainerPath{name, argument.mid(colon + 1)};
}

QString errnoText() {
    return qt_error_string(errno);
}

struct Options {
    std::optional<uint> mode;
    uint uid = 0, gid = 0;
    bool framed = false;
    QStringList operands;
};

std::optional<Options> parseOptions(const QStringList& arguments) {
    Options options;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString& argument = arguments[i];
        const bool hasValue = i + 1 < arguments.size();
        if (argument == QStringLiteral("--mode") && hasValue) {
            bool ok = false;
            const uint mode = arguments[++i].toUInt(&ok, 8);
            if (!ok || mode > 07777) {
                failWith(QStringLiteral("--mode takes an octal mode such as 0644, not '%1'")
                             .arg(arguments[i]));
                return std::nullopt;
            }
            options.mode = mode;
        } else if (argument == QStringLiteral("--owner") && hasValue) {
            const auto match =
                QRegularExpression(QStringLiteral("^(\\d{1,5}):(\\d{1,5})$")).match(arguments[++i]);
            if (!match.hasMatch() || match.captured(1).toUInt() > 65535 ||
                match.captured(2).toUInt() > 65535) {
                failWith(QStringLiteral("--owner takes UID:GID as the container numbers them "
                                        "(0 to 65535), not '%1'")
                             .arg(arguments[i]));
                return std::nullopt;
            }
            options.uid = match.captured(1).toUInt();
            options.gid = match.captured(2).toUInt();
        } else if (argument == QStringLiteral("--framed")) {
            options.framed = true;
        } else if (argument.startsWith(QLatin1Char('-')) && argument != QStringLiteral("-")) {
            failWith(QStringLiteral("cp does not take '%1' (directories: cubbyctl exec with "
                                    "tar, or one file at a time)")
                         .arg(argument));
            return std::nullopt;
        } else {
            options.operands << argument;
        }
    }
    if (options.operands.size() != 2) {
        failWith(QStringLiteral("usage: cubbyctl cp [--mode OCTAL] [--owner UID:GID] SOURCE "
                                "DESTINATION (one of them NAME:/PATH)"));
        return std::nullopt;
    }
    return options;
}

int pushFramed(const ContainerPath& target, const Options& options);

int push(const QString& source, ContainerPath target, const Options& options) {
    if (options.framed)
        return pushFramed(target, options);
    if (target.path.endsWith(QLatin1Char('/'))) {
        if (source == QStringLiteral("-"))
            return failWith(QStringLiteral("%1 is a directory: name the file to write from "
                                           "standard input")
                                .arg(target.path));
        target.path += QFileInfo(source).fileName();
    }
    const int fd = source == QStringLiteral("-")
                       ? ::fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 3)
                       : ::open(QFile::encodeName(source).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return failWith(QStringLiteral("cannot read %1: %2").arg(source, errnoText()));
    struct stat local = {};
    if (::fstat(fd, &local) != 0 || S_ISDIR(local.st_mode)) {
        ::close(fd);
        return failWith(QStringLiteral("%1 is a directory; cp copies one file (a directory: "
                                       "tar it into `cubbyctl exec NAME -- tar x`)")
                            .arg(source));
    }
    const uint mode = options.mode.value_or(
        source == QStringLiteral("-") || !S_ISREG(local.st_mode) ? 0644 : local.st_mode & 07777);
    int status = 0;
    if (remoteTarget()) {
        status = runOnRemoteWithFramedInput(
            {QStringLiteral("cp"), QStringLiteral("--framed"), QStringLiteral("--mode"),
             QString::number(mode, 8), QStringLiteral("--owner"),
             QStringLiteral("%1:%2").arg(options.uid).arg(options.gid), QStringLiteral("-"),
             target.name + QLatin1Char(':') + target.path},
            fd);
    } else {
        auto reply = manager().PushFile(target.name, target.path, QDBusUnixFileDescriptor(fd), mode,
                                        options.uid, options.gid);
        if (!wait(reply))
            status = 1;
        else
            status = followJob(reply.value().path(), {});
    }
    ::close(fd);
    return status;
}

// What --connect runs on the other machine: the data arrives in frames on standard input and
// goes to the helper through a pipe that is closed only after the end frame; a stream cut off
// cancels the job, and the old file stays.
int pushFramed(const ContainerPath& target, const Options& options) {
    int pipeFds[2], cutOff[2];
    if (::pipe2(pipeFds, O_CLOEXEC) != 0 || ::pipe2(cutOff, O_CLOEXEC) != 0)
        return failWith(QStringLiteral("cannot make a pipe: %1").arg(errnoText()));
    ::signal(SIGPIPE, SIG_IGN);
    auto reply = manager().PushFile(target.name, target.path, QDBusUnixFileDescriptor(pipeFds[0]),
                                    options.mode.value_or(0644), options.uid, options.gid);
    ::close(pipeFds[0]);
    reply.waitForFinished();
    if (reply.isError()) {
        ::close(pipeFds[1]);
        return failWith(describeCallError(reply.error()));
    }
    std::thread(pumpFrames, FrameReader(), std::string(), pipeFds[1], cutOff[1]).detach();
    return followJob(reply.value().path(), {}, cutOff[0]);
}

// A pulled file's place: FILE.cubby-cp-PID beside it, renamed over it when the copy is done.
class PulledFile {
public:
    explicit PulledFile(QByteArray path)
        : m_path(std::move(path))
        , m_partial(QFile::encodeName(QFileInfo(QFile::decodeName(m_path)).absolutePath()) + "/." +
                    QFile::encodeName(QFileInfo(QFile::decodeName(m_path)).fileName()) +
                    ".cubby-cp-" + QByteArray::number(::getpid())) {}
    ~PulledFile() {
        if (m_fd >= 0) {
            ::close(m_fd);
            ::unlink(m_partial.constData());
        }
    }
    bool open() {
        m_fd = ::open(m_partial.constData(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC | O_NOFOLLOW,
                      0600);
        if (m_fd < 0)
            failWith(QStringLiteral("cannot write beside %1: %2")
                         .arg(QFile::decodeName(m_path), errnoText()));
        return m_fd >= 0;
    }
    int fd() const { return m_fd; }
    // The container file's permissions, less the umask (as cp without -p).
    bool keep(uint mode) {
        const mode_t mask = ::umask(0);
        ::umask(mask);
        if (::fchmod(m_fd, mode & 0777 & ~mask) != 0 || ::fsync(m_fd) != 0 ||
            ::rename(m_partial.constData(), m_path.constData()) != 0) {
            failWith(
                QStringLiteral("cannot write %1: %2").arg(QFile::decodeName(m_path), errnoText()));
            return false;
        }
        ::close(m_fd);
        m_fd = -1;
        return true;
    }

private:
    QByteArray m_path;
    QByteArray m_partial;
    int m_fd = -1;
};

// The mode the finished job's status names ("… (mode 0755)"), else 0644.
uint pulledMode(const QString& jobPath) {
    IoGithubCubby1JobInterface job(QStringLiteral("io.github.cubby1"), jobPath, helperBus());
    const auto match =
        QRegularExpression(QStringLiteral("\\(mode ([0-7]{3,5})\\)$")).match(job.status());
    return match.hasMatch() ? match.captured(1).toUInt(nullptr, 8) : 0644;
}

int pull(const ContainerPath& source, QString destination) {
    if (destination == QStringLiteral("-")) {
        if (remoteTarget())
            return runOnRemote({QStringLiteral("cp"), source.name + QLatin1Char(':') + source.path,
                                QStringLiteral("-")},
                               false);
        auto reply =
            manager().PullFile(source.name, source.path, QDBusUnixFileDescriptor(STDOUT_FILENO));
        if (!wait(reply))
            return 1;
        return followJob(reply.value().path(), {});
    }
    if (QFileInfo(destination).isDir())
        destination += QLatin1Char('/') + QFileInfo(source.path).fileName();
    PulledFile file(QFile::encodeName(destination));
    if (!file.open())
        return 1;
    uint mode = 0644;
    if (remoteTarget()) {
        // The other machine's cubbyctl writes the file to our descriptor; its exit status
        // says whether all of it came.
        const pid_t ssh =
            spawnRemote(*remoteTarget(),
                        {QStringLiteral("cp"), source.name + QLatin1Char(':') + source.path,
                         QStringLiteral("-")},
                        -1, file.fd());
        const int status = ssh < 0 ? 1 : waitForExit(ssh);
        if (status != 0)
            return status;
    } else {
        auto reply =
            manager().PullFile(source.name, source.path, QDBusUnixFileDescriptor(file.fd()));
        if (!wait(reply))
            return 1;
        if (const int status = followJob(reply.value().path(), {}); status != 0)
            return status;
        mode = pulledMode(reply.value().path());
    }
    return file.keep(mode) ? 0 : 1;
}

int copyFiles(const QStringList& arguments) {
    const auto options = parseOptions(arguments);
    if (!options)
        return 2;
    const auto from = containerPath(options->operands[0]);
    const auto to = containerPath(options->operands[1]);
    if (from && to)
        return failWith(QStringLiteral("cp copies between this machine and a container, not "
                                       "between containers"));
    if (to)
        return push(options->operands[0], *to, *options);
    if (!from)
        return failWith(QStringLiteral("name the container's side as NAME:/PATH"));
    if (options->mode || options->uid != 0 || options->gid != 0)
        return failWith(QStringLiteral("--mode and --owner go with a copy into a container"));
    return pull(*from, options->operands[1]);
}

const std::vector<Command> table = {
    {"cp", "[--mode OCTAL] [--owner UID:GID] SOURCE DESTINATION",
     "copy a file into (LOCAL NAME:/PATH) or out of (NAME:/PATH LOCAL) a container; '-': "
     "stdin/stdout",
     2, 7, copyFiles},
};

} // namespace

std::span<const Command> cpCommands() {
    return table;
}

} // namespace cubby::cli
