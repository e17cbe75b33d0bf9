// cubbyctl's root filesystem and job verbs. Creating, importing and deleting a root
// filesystem are jobs in the helper: the verb follows the job's progress (on a terminal)
// until it ends; Ctrl+C cancels it, and --detach leaves it running and prints its id.
#include "cli_common.h"
#include "commands.h"
#include "image_download.h"
#include "job_follow.h"
#include "job_interface.h"
#include "password_prompt.h"
#include "simplestreams.h"
#include "stream_frames.h"
#include "terminal_session.h"

#include <QCoreApplication>
#include <QDBusConnection>
#include <QDBusServiceWatcher>
#include <QDBusUnixFileDescriptor>
#include <QFile>
#include <QSocketNotifier>
#include <QTimer>
#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <optional>
#include <thread>
#include <unistd.h>

namespace cubby::cli {

namespace {

using JobProxy = IoGithubCubby1JobInterface;

const QString jobPathPrefix = QStringLiteral("/io/github/cubby1/job/");

int interruptPipe[2] = {-1, -1};

void onInterrupt(int) {
    const char byte = 1;
    (void)!::write(interruptPipe[1], &byte, 1);
}

QString percent(double fraction) {
    return fraction < 0 ? QString() : QStringLiteral(" %1%").arg(int(fraction * 100));
}

} // namespace

// Follows a job until it ends: progress on stderr when it is a terminal, Ctrl+C cancels, and
// so does `cancelFd` becoming readable (a framed input cut off, -1: none).
// Returns the verb's exit status: 0 done, 1 failed, 130 cancelled.
int followJob(const QString& path, const QString& doneMessage, int cancelFd, bool showOutcome) {
    JobProxy job(QStringLiteral("io.github.cubby1"), path, helperBus());
    job.setTimeout(10 * 60 * 1000);
    const bool showProgress = ::isatty(2);
    QEventLoop loop;
    int status = -1;
    QString lastLine;
    const auto show = [&](double fraction, const QString& text) {
        if (!showProgress)
            return;
        std::fprintf(stderr, "\r\033[K%s%s", qPrintable(text), qPrintable(percent(fraction)));
        std::fflush(stderr);
        lastLine = text;
    };
    const auto end = [&](const QString& state, const QString& errorMessage) {
        if (status >= 0)
            return;
        if (showProgress && !lastLine.isEmpty())
            std::fputs("\r\033[K", stderr);
        if (state == QStringLiteral("done")) {
            if (!doneMessage.isEmpty()) { // empty: standard output carries data (export -)
                out() << doneMessage << "\n";
                if (showOutcome)
                    out() << job.status() << "\n";
                out() << "\n";
            }
            status = 0;
        } else if (state == QStringLiteral("cancelled")) {
            std::fprintf(stderr, "Job %s cancelled\n", qPrintable(path.mid(jobPathPrefix.size())));
            status = 130;
        } else {
            status = failWith(errorMessage);
        }
        loop.quit();
    };
    QObject::connect(&job, &JobProxy::ProgressChanged, &loop, show);
    QObject::connect(&job, &JobProxy::Finished, &loop,
                     [&](const QString& state, const QString&, const QString& errorMessage) {
                         end(state, errorMessage);
                     });

    // A helper that goes away (killed, crashed) takes the job with it; its next start
    // removes what the job had made. No Finished will come: say so rather than wait forever.
    QDBusServiceWatcher helperGone(QStringLiteral("io.github.cubby1"), helperBus(),
                                   QDBusServiceWatcher::WatchForUnregistration);
    QObject::connect(&helperGone, &QDBusServiceWatcher::serviceUnregistered, &loop, [&] {
        end(QStringLiteral("failed"),
            QStringLiteral("cubby-helper went away during the job; what it had made is removed "
                           "when the helper next starts"));
    });
    // Over SSH the bus itself can go (the connection dropped): no signal says so, so look.
    QTimer connectionCheck;
    if (remoteTarget()) {
        QObject::connect(&connectionCheck, &QTimer::timeout, &loop, [&] {
            if (!helperBus().isConnected())
                end(QStringLiteral("failed"),
                    describeCallError(QDBusError(QDBusError::Disconnected, QString())));
        });
        connectionCheck.start(500);
    }

    // Ctrl+C asks the helper to cancel; the job's Finished ends the wait as usual.
    if (::pipe2(interruptPipe, O_CLOEXEC) != 0)
        return failWith(QStringLiteral("cannot watch for Ctrl+C"));
    QSocketNotifier interrupted(interruptPipe[0], QSocketNotifier::Read);
    QObject::connect(&interrupted, &QSocketNotifier::activated, &loop, [&] {
        char byte;
        (void)!::read(interruptPipe[0], &byte, 1);
        std::fprintf(stderr, "\r\033[KCancelling…\n");
        auto* watcher = new QDBusPendingCallWatcher(job.Cancel(), &loop);
        QObject::connect(watcher, &QDBusPendingCallWatcher::finished, &loop, [&](auto* call) {
            if (call->isError()) {
                failWith(call->error().message());
                status = 1;
                loop.quit();
            }
            call->deleteLater();
        });
    });
    struct sigaction action = {};
    action.sa_handler = onInterrupt;
    ::sigaction(SIGINT, &action, nullptr);
    std::optional<QSocketNotifier> cutOff;
    if (cancelFd >= 0) {
        cutOff.emplace(cancelFd, QSocketNotifier::Read);
        QObject::connect(&*cutOff, &QSocketNotifier::activated, &loop, [&] {
            cutOff->setEnabled(false);
            onInterrupt(SIGINT);
        });
    }

    // Subscribed first, then read: a job that ended before we looked is still readable.
    const QString state = job.state();
    if (job.lastError().isValid())
        return failWith(job.lastError().message());
    if (state != QStringLiteral("running") && state != QStringLiteral("cancelling"))
        end(state, job.errorMessage());
    else
        show(job.progress(), job.status());
    if (status < 0)
        loop.exec();
    ::signal(SIGINT, SIG_DFL);
    return status;
}

namespace {

// Starts nothing itself: prints the job or follows it, as --detach says.
template <class Reply>
int startedJob(Reply& reply, bool detach, const QString& doneMessage, int cancelFd = -1) {
    if (!wait(reply))
        return 1;
    const QString path = reply.value().path();
    if (detach) {
        out() << "Job " << path.mid(jobPathPrefix.size()) << " started\n";
        return 0;
    }
    return followJob(path, doneMessage, cancelFd);
}

// Takes "--detach" out of `arguments`; returns whether it was there.
bool takeDetach(QStringList& arguments) {
    return arguments.removeAll(QStringLiteral("--detach")) > 0;
}

int rootfsList(const QStringList&) {
    auto reply = manager().ListRootfs();
    if (!wait(reply))
        return 1;
    QList<QStringList> rows;
    for (const auto& entry : reply.value()) {
        const QStringList users = entry.value(QStringLiteral("used_by")).toStringList();
        rows << QStringList{entry.value(QStringLiteral("name")).toString(),
                            users.isEmpty() ? QStringLiteral("-") : users.join(','),
                            entry.value(QStringLiteral("path")).toString()};
    }
    printTable({QStringLiteral("Name"), QStringLiteral("Used by"), QStringLiteral("Path")}, rows);
    return 0;
}

// rootfs-create's options: the source, and what that source takes (sent as CreateRootfs's
// options; the helper checks them). Options it does not know are left in `rest` when
// `others` says which; anything else not known is an error (false, printed).
bool takeRootfsOptions(QStringList& rest, QString& source, QVariantMap& options,
                       const QStringList& others = {}) {
    QStringList left;
    bool rootPassword = false;
    for (qsizetype i = 0; i < rest.size(); ++i) {
        const QString& word = rest[i];
        if (!word.startsWith(QStringLiteral("--")) || others.contains(word)) {
            left << word;
            continue;
        }
        if (word == QStringLiteral("--no-autologin")) {
            options[QStringLiteral("autologin")] = false;
            continue;
        }
        if (word == QStringLiteral("--root-password")) {
            rootPassword = true;
            continue;
        }
        if (i + 1 >= rest.size()) {
            failWith(QStringLiteral("%1 needs a value").arg(word));
            return false;
        }
        const QString value = rest[++i];
        if (word == QStringLiteral("--source"))
            source = value;
        else if (word == QStringLiteral("--suite"))
            options[QStringLiteral("suite")] = value;
        else if (word == QStringLiteral("--mirror"))
            options[QStringLiteral("mirror")] = value;
        else if (word == QStringLiteral("--include"))
            options[QStringLiteral("packages")] = value.split(',', Qt::SkipEmptyParts);
        else if (word == QStringLiteral("--variant"))
            options[QStringLiteral("variant")] = value;
        else if (word == QStringLiteral("--user"))
            options[QStringLiteral("user")] = value;
        else if (word == QStringLiteral("--server"))
            options[QStringLiteral("server")] = value;
        else {
            failWith(QStringLiteral("unknown option %1").arg(word));
            return false;
        }
    }
    rest = left;
    // Asked for once the command line is known good: root's first, then the user's (two
    // lines on standard input when it is not a terminal). Only the hashes are sent.
    if (rootPassword) {
        const auto hash = askPasswordHash(QStringLiteral("root"));
        if (!hash)
            return false;
        options[QStringLiteral("rootPasswordHash")] = QString::fromStdString(*hash);
    }
    if (const QString user = options.value(QStringLiteral("user")).toString(); !user.isEmpty()) {
        const auto hash = askPasswordHash(user);
        if (!hash)
            return false;
        options[QStringLiteral("userPasswordHash")] = QString::fromStdString(*hash);
    }
    return true;
}

// The Debian source's options as usage lines show them.
constexpr auto debianUsage = "[--suite S] [--variant system|minimal] [--include PKG,...] "
                             "[--root-password] [--user NAME] [--no-autologin] [--server URL]";

// The source "image:DISTRO/RELEASE[/VARIANT]": downloaded here (as this user, verified, cached),
// then imported by the helper from the open file. Other sources: CreateRootfs.
int makeRootfs(const QString& name, const QString& source, QVariantMap options, bool detach) {
    static const QString imagePrefix = QStringLiteral("image:");
    if (!source.startsWith(imagePrefix)) {
        if (options.contains(QStringLiteral("server")))
            return failWith(QStringLiteral("--server goes with --source image:DISTRO/RELEASE"));
        auto reply = manager().CreateRootfs(name, source, options);
        return startedJob(reply, detach, QStringLiteral("Root filesystem '%1' created").arg(name));
    }
    QString server = options.take(QStringLiteral("server")).toString();
    if (server.isEmpty())
        server = QString::fromLatin1(defaultImageServer);
    if (!options.isEmpty())
        return failWith(QStringLiteral("the image source takes only --server, not the Debian "
                                       "source's options"));
    bool cancelled = false;
    const auto archive = fetchImage(source.mid(imagePrefix.size()), server, cancelled);
    if (!archive)
        return cancelled ? 130 : 1;
    auto reply = manager().ImportRootfs(name, QDBusUnixFileDescriptor(archive->get()));
    return startedJob(reply, detach,
                      QStringLiteral("Root filesystem '%1' imported from %2")
                          .arg(name, source.mid(imagePrefix.size())));
}

int rootfsCreate(const QStringList& arguments) {
    QStringList rest = arguments;
    const bool detach = takeDetach(rest);
    QString source = QStringLiteral("busybox");
    QVariantMap options;
    if (!takeRootfsOptions(rest, source, options))
        return 1;
    if (rest.size() != 1 || rest[0].startsWith(QLatin1Char('-')))
        return failWith(QStringLiteral("usage: cubbyctl rootfs-create NAME [--source SOURCE] "
                                       "[--mirror URL] %1 [--detach]")
                            .arg(QLatin1String(debianUsage)));
    return makeRootfs(rest[0], source, options, detach);
}

// create: a root filesystem and a container on it in one step, as `incus launch` does. The
// definition is the wizard's kind: 512 MiB, the source's init (systemd for Debian, bash for a
// minimal one), its own network namespace (a Cubby network's interface with --network), a
// console; the helper adds the unprivileged id range and the UUID.
int createContainer(const QStringList& arguments) {
    QStringList rest = arguments;
    const bool start = rest.removeAll(QStringLiteral("--start")) > 0;
    QString source = QStringLiteral("busybox");
    QVariantMap options;
    if (!takeRootfsOptions(rest, source, options, {QStringLiteral("--network")}))
        return 1;
    QString network;
    if (const qsizetype at = rest.indexOf(QStringLiteral("--network")); at >= 0) {
        if (at + 1 >= rest.size())
            return failWith(QStringLiteral("--network needs a network's name"));
        network = rest[at + 1];
        rest.remove(at, 2);
    }
    if (rest.size() != 1 || rest[0].startsWith(QLatin1Char('-')))
        return failWith(QStringLiteral("usage: cubbyctl create NAME [--source busybox|debian] "
                                       "%1 [--network NET] [--start]")
                            .arg(QLatin1String(debianUsage)));
    const QString name = rest[0];
    if (const int status = makeRootfs(name, source, options, false); status != 0)
        return status;
    auto listed = manager().ListRootfs();
    if (!wait(listed))
        return 1;
    QString path;
    for (const auto& entry : listed.value()) {
        if (entry.value(QStringLiteral("name")).toString() == name)
            path = entry.value(QStringLiteral("path")).toString();
    }
    if (path.isEmpty())
        return failWith(QStringLiteral("the root filesystem '%1' is not listed").arg(name));
    const bool minimal =
        options.value(QStringLiteral("variant")).toString() == QStringLiteral("minimal");
    const QString init = source == QStringLiteral("debian") && minimal
                             ? QStringLiteral("/bin/bash")
                             : QStringLiteral("/sbin/init");
    const auto escaped = [](const QString& text) { return text.toHtmlEscaped(); };
    const QString xml =
        QStringLiteral("<domain type=\"lxc\"><name>%1</name><memory unit=\"MiB\">512</memory>"
                       "<os><type>exe</type><init>%2</init></os>%3<devices><filesystem "
                       "type=\"mount\"><source dir=\"%4\"/><target dir=\"/\"/></filesystem>"
                       "%5<console type=\"pty\"/></devices></domain>")
            .arg(escaped(name), init,
                 network.isEmpty() ? QStringLiteral("<features><privnet/></features>") : QString(),
                 escaped(path),
                 network.isEmpty() ? QString()
                                   : QStringLiteral("<interface type=\"network\"><source "
                                                    "network=\"%1\"/></interface>")
                                         .arg(escaped(network)));
    auto defined = manager().DefineContainer(xml);
    if (!wait(defined))
        return 1;
    out() << "Domain '" << name << "' defined on " << path << "\n";
    if (!start)
        return 0;
    auto started = manager().StartContainer(name);
    if (!wait(started))
        return 1;
    out() << "Domain '" << name << "' started\n";
    return 0;
}

int rootfsImport(const QStringList& arguments) {
    QStringList rest = arguments;
    const bool detach = takeDetach(rest);
    const bool framed = rest.removeAll(QStringLiteral("--framed")) > 0;
    if (rest.size() != 2)
        return failWith(QStringLiteral("usage: cubbyctl rootfs-import NAME FILE [--detach]"));
    if (framed) {
        if (detach || rest[1] != QStringLiteral("-"))
            return failWith(QStringLiteral("--framed reads standard input ('-') and follows "
                                           "the job (no --detach)"));
        int pipeFds[2], cutOff[2];
        if (::pipe2(pipeFds, O_CLOEXEC) != 0 || ::pipe2(cutOff, O_CLOEXEC) != 0)
            return failWith(QStringLiteral("cannot make a pipe: %1").arg(qt_error_string(errno)));
        ::signal(SIGPIPE, SIG_IGN); // a worker that stops reading fails the job, not us
        auto reply = manager().ImportRootfs(rest[0], QDBusUnixFileDescriptor(pipeFds[0]));
        ::close(pipeFds[0]);
        // Detached: it may still wait on input when the job ends and we exit.
        std::thread(pumpFrames, FrameReader{}, std::string{}, pipeFds[1], cutOff[1]).detach();
        return startedJob(reply, false,
                          QStringLiteral("Root filesystem '%1' imported").arg(rest[0]), cutOff[0]);
    }
    // Opened here, as the calling user: the helper reads only what this user may read.
    const int fd = rest[1] == QStringLiteral("-")
                       ? ::fcntl(0, F_DUPFD_CLOEXEC, 3)
                       : ::open(QFile::encodeName(rest[1]).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return failWith(QStringLiteral("cannot read %1: %2").arg(rest[1], qt_error_string(errno)));
    QDBusUnixFileDescriptor archive(fd);
    ::close(fd);
    auto reply = manager().ImportRootfs(rest[0], archive);
    return startedJob(
        reply, detach,
        QStringLiteral("Root filesystem '%1' imported from %2").arg(rest[0], rest[1]));
}

int rootfsDelete(const QStringList& arguments) {
    QStringList rest = arguments;
    const bool detach = takeDetach(rest);
    if (rest.size() != 1)
        return failWith(QStringLiteral("usage: cubbyctl rootfs-delete NAME [--detach]"));
    auto reply = manager().DeleteRootfs(rest[0]);
    return startedJob(reply, detach, QStringLiteral("Root filesystem '%1' deleted").arg(rest[0]));
}

int listJobs(const QStringList&) {
    auto reply = manager().ListJobs();
    if (!wait(reply))
        return 1;
    QList<QStringList> rows;
    for (const auto& entry : reply.value()) {
        const double progress = entry.value(QStringLiteral("progress")).toDouble();
        rows << QStringList{entry.value(QStringLiteral("id")).toString(),
                            entry.value(QStringLiteral("operation")).toString(),
                            entry.value(QStringLiteral("target")).toString(),
                            entry.value(QStringLiteral("state")).toString(),
                            progress < 0 ? QStringLiteral("-") : percent(progress).trimmed(),
                            entry.value(QStringLiteral("status")).toString()};
    }
    printTable({QStringLiteral("Id"), QStringLiteral("Operation"), QStringLiteral("Target"),
                QStringLiteral("State"), QStringLiteral("Progress"), QStringLiteral("Status")},
               rows);
    return 0;
}

bool jobPath(const QString& id, QString& path) {
    bool numeric = false;
    id.toUInt(&numeric);
    if (!numeric) {
        failWith(
            QStringLiteral("'%1' is not a job id (a number, as 'cubbyctl jobs' lists)").arg(id));
        return false;
    }
    path = jobPathPrefix + id;
    return true;
}

int jobCancel(const QStringList& arguments) {
    QString path;
    if (!jobPath(arguments[0], path))
        return 1;
    JobProxy job(QStringLiteral("io.github.cubby1"), path, helperBus());
    job.setTimeout(10 * 60 * 1000);
    auto reply = job.Cancel();
    if (!wait(reply))
        return 1;
    out() << "Job " << arguments[0] << " is being cancelled\n\n";
    return 0;
}

int jobWait(const QStringList& arguments) {
    QString path;
    if (!jobPath(arguments[0], path))
        return 1;
    return followJob(path, QStringLiteral("Job %1 done").arg(arguments[0]));
}

const std::vector<Command> table = {
    {"create",
     "NAME [--source busybox|debian|image:DISTRO/RELEASE] [OPTIONS] [--network NET] "
     "[--start]",
     "make a root filesystem and a container on it in one step (Debian boots systemd)", 1, 24,
     createContainer},
    {"image-list", "[--server URL] [FILTER]",
     "list the root filesystems an image server offers for --source image:DISTRO/RELEASE "
     "(default https://images.linuxcontainers.org)",
     0, 3, imageList},
    {"rootfs-list", "", "list the root filesystems Cubby made and the containers using them", 0, 0,
     rootfsList},
    {"rootfs-create", "NAME [--source busybox|debian|image:DISTRO/RELEASE] [OPTIONS]",
     "make a root filesystem: BusyBox, Debian (--suite S --mirror URL --include PKG,...) via "
     "mmdebstrap, or an image server's (downloaded here, checked, cached); Ctrl+C cancels, "
     "--detach returns at once",
     1, 24, rootfsCreate},
    {"rootfs-import", "NAME FILE [--detach]",
     "unpack a root filesystem tarball ('-' reads stdin) into a new root filesystem", 2, 3,
     rootfsImport},
    {"rootfs-delete", "NAME [--detach]", "remove a root filesystem no container uses", 1, 2,
     rootfsDelete},
    {"jobs", "", "list running jobs and those that ended in the last 30 s", 0, 0, listJobs},
    {"job-cancel", "ID", "cancel a running job; what it made is removed", 1, 1, jobCancel},
    {"job-wait", "ID", "follow a job until it ends (exit 0 done, 1 failed, 130 cancelled)", 1, 1,
     jobWait},
};

} // namespace

std::span<const Command> rootfsCommands() {
    return table;
}

} // namespace cubby::cli
