// cubbyctl cp (issue 13): files into and out of a container, running or not, as `incus file
// push/pull` does.
//
//   cubbyctl cp [--mode OCTAL] [--owner UID:GID] LOCAL_FILE|- NAME:/PATH   (push)
//   cubbyctl cp NAME:/PATH LOCAL_FILE|-                                     (pull)
//   cubbyctl cp -r [--mode OCTAL] [--owner UID:GID] LOCAL_DIR|- NAME:/PATH  (a directory;
//   cubbyctl cp -r NAME:/PATH LOCAL_DIR|-                      '-': a tar archive)
//
// A directory travels as a tar archive (made and unpacked by tar here) and is copied to a
// new name, made beside it and renamed into place once all of it arrived.
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
#include "terminal_session.h"

#include <QDBusUnixFileDescriptor>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <optional>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>
#include <vector>

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
    bool recursive = false;
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
        } else if (argument == QStringLiteral("-r") || argument == QStringLiteral("--recursive")) {
            options.recursive = true;
        } else if (argument.startsWith(QLatin1Char('-')) && argument != QStringLiteral("-")) {
            failWith(QStringLiteral("cp does not take '%1'").arg(argument));
            return std::nullopt;
        } else {
            options.operands << argument;
        }
    }
    if (options.operands.size() != 2) {
        failWith(QStringLiteral("usage: cubbyctl cp [-r] [--mode OCTAL] [--owner UID:GID] "
                                "SOURCE DESTINATION (one of them NAME:/PATH)"));
        return std::nullopt;
    }
    return options;
}

int pushFramed(const ContainerPath& target, const Options& options);

int pushDirectory(const QString& source, ContainerPath target, const Options& options);

int push(const QString& source, ContainerPath target, const Options& options) {
    if (options.framed)
        return pushFramed(target, options);
    if (options.recursive)
        return pushDirectory(source, target, options);
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
    const QDBusUnixFileDescriptor data(pipeFds[0]);
    auto reply =
        options.recursive
            ? manager().PushDirectory(target.name, target.path, data, options.mode.value_or(0755),
                                      options.uid, options.gid)
            : manager().PushFile(target.name, target.path, data, options.mode.value_or(0644),
                                 options.uid, options.gid);
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

int pullDirectory(const ContainerPath& source, QString destination);

int pull(const ContainerPath& source, QString destination, bool recursive) {
    if (recursive)
        return pullDirectory(source, destination);
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

// tar (GNU or bsdtar, as the calling user) with `stdinFd`/`stdoutFd` (-1: ours); its pid.
pid_t spawnTar(const QStringList& arguments, int stdinFd, int stdoutFd) {
    out().flush();
    std::fflush(stderr);
    std::vector<QByteArray> encoded = {QByteArrayLiteral("tar")};
    for (const QString& argument : arguments)
        encoded.push_back(QFile::encodeName(argument));
    std::vector<char*> argv;
    for (QByteArray& argument : encoded)
        argv.push_back(argument.data());
    argv.push_back(nullptr);
    const pid_t tar = ::fork();
    if (tar == 0) {
        if ((stdinFd >= 0 && ::dup2(stdinFd, STDIN_FILENO) < 0) ||
            (stdoutFd >= 0 && ::dup2(stdoutFd, STDOUT_FILENO) < 0))
            ::_exit(127);
        ::execvp("tar", argv.data());
        std::fprintf(stderr, "error: cannot run tar: %s\n", std::strerror(errno));
        ::_exit(127);
    }
    if (tar < 0)
        failWith(QStringLiteral("cannot start tar: %1").arg(errnoText()));
    return tar;
}

// Everything `tar` writes to `input` goes to `output`; `output` is closed only when tar
// succeeded, else `cutOff` is written (the job is cancelled, nothing is kept).
void pumpTar(pid_t tar, int input, int output, int cutOff) {
    char buffer[65536];
    bool failed = false;
    for (;;) {
        const ssize_t got = ::read(input, buffer, sizeof buffer);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0) {
            failed = got < 0;
            break;
        }
        if (!writeAll(output, buffer, size_t(got))) {
            failed = true;
            break;
        }
    }
    ::close(input);
    if (waitForExit(tar) != 0 || failed) {
        std::fputs("error: tar failed: the copy is cancelled and nothing is kept\n", stderr);
        const char byte = 1;
        (void)!::write(cutOff, &byte, 1);
        return;
    }
    ::close(output);
}

// cp -r LOCAL_DIR|- NAME:/PATH: the directory as a tar archive (owners as --owner says, 0:0
// by default), unpacked there as the new directory PATH. With '-' standard input is the
// archive.
int pushDirectory(const QString& source, ContainerPath target, const Options& options) {
    if (target.path.endsWith(QLatin1Char('/')) && source != QStringLiteral("-"))
        target.path += QFileInfo(QDir::cleanPath(source)).fileName();
    while (target.path.size() > 1 && target.path.endsWith(QLatin1Char('/')))
        target.path.chop(1);
    uint mode = options.mode.value_or(0755);
    int archive[2], toHelper[2], cutOff[2];
    if (::pipe2(archive, O_CLOEXEC) != 0 || ::pipe2(toHelper, O_CLOEXEC) != 0 ||
        ::pipe2(cutOff, O_CLOEXEC) != 0)
        return failWith(QStringLiteral("cannot make a pipe: %1").arg(errnoText()));
    ::signal(SIGPIPE, SIG_IGN);
    pid_t tar = -1;
    if (source == QStringLiteral("-")) {
        ::close(archive[1]);
        ::close(archive[0]);
        archive[0] = ::fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 3);
    } else {
        struct stat local = {};
        if (::stat(QFile::encodeName(source).constData(), &local) != 0 || !S_ISDIR(local.st_mode))
            return failWith(QStringLiteral("%1 is not a directory").arg(source));
        if (!options.mode)
            mode = local.st_mode & 07777;
        tar = spawnTar({QStringLiteral("-c"), QStringLiteral("-f"), QStringLiteral("-"),
                        QStringLiteral("-C"), source, QStringLiteral("--numeric-owner"),
                        QStringLiteral("--owner=%1").arg(options.uid),
                        QStringLiteral("--group=%1").arg(options.gid), QStringLiteral(".")},
                       -1, archive[1]);
        ::close(archive[1]);
        if (tar < 0)
            return 1;
    }
    if (remoteTarget()) {
        // Framed to the other machine's cubbyctl; the end frame only once tar succeeded.
        const pid_t ssh = spawnRemote(
            *remoteTarget(),
            {QStringLiteral("cp"), QStringLiteral("-r"), QStringLiteral("--framed"),
             QStringLiteral("--mode"), QString::number(mode, 8), QStringLiteral("--owner"),
             QStringLiteral("%1:%2").arg(options.uid).arg(options.gid), QStringLiteral("-"),
             target.name + QLatin1Char(':') + target.path},
            toHelper[0], -1);
        ::close(toHelper[0]);
        if (ssh < 0)
            return 1;
        bool sent = sendFrames(archive[0], toHelper[1]);
        ::close(archive[0]);
        if (tar >= 0 && waitForExit(tar) != 0)
            sent = false;
        if (sent)
            sent = sendEndFrame(toHelper[1]);
        ::close(toHelper[1]);
        const int status = waitForExit(ssh);
        return status != 0 ? status : sent ? 0 : 1;
    }
    auto reply =
        manager().PushDirectory(target.name, target.path, QDBusUnixFileDescriptor(toHelper[0]),
                                mode, options.uid, options.gid);
    ::close(toHelper[0]);
    reply.waitForFinished();
    if (reply.isError()) {
        ::close(toHelper[1]);
        ::close(archive[0]);
        if (tar >= 0)
            waitForExit(tar);
        return failWith(describeCallError(reply.error()));
    }
    if (tar >= 0) {
        std::thread(pumpTar, tar, archive[0], toHelper[1], cutOff[1]).detach();
    } else {
        // Standard input: all of it, then the end.
        std::thread([input = archive[0], output = toHelper[1]] {
            char buffer[65536];
            ssize_t got;
            while ((got = ::read(input, buffer, sizeof buffer)) > 0 || (got < 0 && errno == EINTR))
                if (got > 0 && !writeAll(output, buffer, size_t(got)))
                    break;
            ::close(output);
        }).detach();
    }
    return followJob(reply.value().path(), {}, cutOff[0]);
}

// cp -r NAME:/PATH LOCAL_DIR|-: the container's directory as a tar archive, unpacked here by
// tar as the new directory LOCAL_DIR (or LOCAL_DIR/NAME when it exists), made beside it and
// renamed into place once all of it arrived; '-' writes the archive to standard output.
int pullDirectory(const ContainerPath& source, QString destination) {
    const QString remotePath = source.name + QLatin1Char(':') + source.path;
    if (destination == QStringLiteral("-")) {
        if (remoteTarget())
            return runOnRemote(
                {QStringLiteral("cp"), QStringLiteral("-r"), remotePath, QStringLiteral("-")},
                false);
        auto reply = manager().PullDirectory(source.name, source.path,
                                             QDBusUnixFileDescriptor(STDOUT_FILENO));
        if (!wait(reply))
            return 1;
        return followJob(reply.value().path(), {});
    }
    if (QFileInfo(destination).isDir())
        destination += QLatin1Char('/') + QFileInfo(QDir::cleanPath(source.path)).fileName();
    if (QFileInfo::exists(destination) || QFileInfo(destination).isSymLink())
        return failWith(
            QStringLiteral("%1 exists; a directory is copied to a new name").arg(destination));
    const QFileInfo info(destination);
    const QString partial = info.absolutePath() + QStringLiteral("/.") + info.fileName() +
                            QStringLiteral(".cubby-cp-") + QString::number(::getpid());
    if (::mkdir(QFile::encodeName(partial).constData(), 0700) != 0)
        return failWith(QStringLiteral("cannot write beside %1: %2").arg(destination, errnoText()));
    const auto discard = [&](int status) {
        QDir(partial).removeRecursively();
        return status;
    };
    int archive[2];
    if (::pipe2(archive, O_CLOEXEC) != 0)
        return discard(failWith(QStringLiteral("cannot make a pipe: %1").arg(errnoText())));
    const pid_t tar = spawnTar({QStringLiteral("-x"), QStringLiteral("-f"), QStringLiteral("-"),
                                QStringLiteral("-C"), partial},
                               archive[0], -1);
    ::close(archive[0]);
    if (tar < 0) {
        ::close(archive[1]);
        return discard(1);
    }
    int status = 0;
    if (remoteTarget()) {
        const pid_t ssh = spawnRemote(
            *remoteTarget(),
            {QStringLiteral("cp"), QStringLiteral("-r"), remotePath, QStringLiteral("-")}, -1,
            archive[1]);
        ::close(archive[1]);
        status = ssh < 0 ? 1 : waitForExit(ssh);
    } else {
        auto reply =
            manager().PullDirectory(source.name, source.path, QDBusUnixFileDescriptor(archive[1]));
        ::close(archive[1]);
        status = wait(reply) ? followJob(reply.value().path(), {}) : 1;
    }
    const int unpacked = waitForExit(tar);
    if (status != 0)
        return discard(status);
    if (unpacked != 0)
        return discard(failWith(QStringLiteral("tar could not unpack the directory")));
    if (::renameat2(AT_FDCWD, QFile::encodeName(partial).constData(), AT_FDCWD,
                    QFile::encodeName(destination).constData(), RENAME_NOREPLACE) != 0)
        return discard(
            failWith(QStringLiteral("cannot name %1: %2").arg(destination, errnoText())));
    return 0;
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
    return pull(*from, options->operands[1], options->recursive);
}

const std::vector<Command> table = {
    {"cp", "[-r] [--mode OCTAL] [--owner UID:GID] SOURCE DESTINATION",
     "copy a file or (-r) a directory into (LOCAL NAME:/PATH) or out of (NAME:/PATH LOCAL) a "
     "container; '-': stdin/stdout (a tar archive with -r)",
     2, 9, copyFiles},
};

} // namespace

std::span<const Command> cpCommands() {
    return table;
}

} // namespace cubby::cli
