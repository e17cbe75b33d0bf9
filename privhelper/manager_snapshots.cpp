// Snapshots of a stopped container's root filesystem (issue 13): kept beside the root
// filesystems, in /var/lib/cubby/rootfs/.snapshots/CONTAINER/SNAPSHOT, so that where that
// filesystem shares blocks (btrfs, XFS with reflink) a snapshot costs no space until files
// change. Made, restored and deleted by cubby-rootfs as jobs (create --source copy, restore,
// remove); a restore exchanges the trees in one rename. Only for containers whose root is one
// Cubby made: a root elsewhere has no place beside it that is Cubby's.
#include "manager_common.h"
#include "manager_service.h"
#include "names.h"
#include "unique_fd.h"

#include <QDBusConnection>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>

namespace cubby {

using namespace manager;

namespace {

const std::string snapshotsDirName = ".snapshots";

} // namespace

std::string ManagerService::snapshotBase(const std::string& container) const {
    return m_config.paths.rootfsDir() + "/" + snapshotsDirName + "/" + container;
}

Result<std::string> ManagerService::snapshotRootName(const QString& name) {
    const std::string id = name.toStdString();
    CUBBY_TRY(domain, storedContainer(id));
    const Filesystem* root = domain.rootFilesystem();
    const std::string path = root ? root->sourceDir : std::string();
    const std::string rootName = path.substr(path.rfind('/') + 1);
    if (!root || rootName.empty() || m_config.paths.rootfsPath(rootName) != path)
        return fail(Error::of(ErrorKind::Unsupported,
                              "snapshots are kept for containers on a root filesystem Cubby made; "
                              "the root of '" +
                                  id + "' is " + (path.empty() ? "the host's" : path)));
    if (m_runtime.isRunning(id))
        return fail(Error::of(ErrorKind::Conflict, "container '" + id +
                                                       "' is running; snapshots are of stopped "
                                                       "containers"));
    if (m_jobs.readingFrom(name) || m_jobs.activeFor(q(rootName)) || m_jobs.activeFor(name))
        return fail(
            Error::of(ErrorKind::Conflict, "container '" + id + "' is being worked on by a job"));
    return rootName;
}

bool ManagerService::checkSnapshotNames(const QString& name, const QString& snapshot) {
    if (!checkContainerName(name))
        return false;
    if (auto valid = validateObjectName(snapshot.toStdString(), "snapshot name"); !valid) {
        replyError(valid.error());
        return false;
    }
    return true;
}

Job* ManagerService::startWorkerJob(const QDBusMessage& call, const QString& operation,
                                    const QString& target, uint caller,
                                    std::vector<std::string> argv, int stdinFd,
                                    std::function<Status()> onDone) {
    argv.insert(argv.begin(), m_config.rootfsWorkerPath.toStdString());
    argv.insert(argv.end(), {"--progress-fd", "{progress-fd}"});
    (void)makeDirectories(m_config.paths.logDir(), 0700);
    auto worker =
        WorkerProcess::start(argv, m_config.paths.logDir() + "/rootfs.log", stdinFd, this);
    if (!worker) {
        replyError(call, worker.error());
        return nullptr;
    }
    Job* job = m_jobs.start(
        operation, target, caller, *worker,
        [this](Job* cancelled, const QDBusMessage& cancel) { cancelJob(cancelled, cancel); },
        std::move(onDone));
    QDBusConnection::systemBus().send(call.createReply(QVariant::fromValue(job->path())));
    return job;
}

QDBusObjectPath ManagerService::CreateSnapshot(const QString& name, const QString& snapshot) {
    if (!checkSnapshotNames(name, snapshot))
        return {};
    const uint caller = callerUid();
    authorizeByRisk(
        details("container", name, QStringLiteral("snapshot ") + snapshot), manageAction,
        [this, name, caller] { return assessStoredContainer(name.toStdString(), caller, false); },
        [this, name, snapshot, caller](const QDBusMessage& call) {
            const std::string id = name.toStdString();
            auto rootName = snapshotRootName(name);
            if (!rootName) {
                replyError(call, rootName.error());
                return;
            }
            const std::string base = snapshotBase(id);
            if (isDirectoryNoFollow(base + "/" + snapshot.toStdString())) {
                replyError(call, Error::of(ErrorKind::AlreadyExists,
                                           "container '" + id + "' has a snapshot named '" +
                                               snapshot.toStdString() + "'"));
                return;
            }
            if (auto made = makeDirectories(base, 0700); !made) {
                replyError(call, made.error());
                return;
            }
            auto root = openRootDirectory(m_config.paths.rootfsPath(*rootName));
            if (!root) {
                replyError(call, root.error());
                return;
            }
            Job* job = startWorkerJob(
                call, snapshotOperation, name + "@" + snapshot, caller,
                {"create", "--base", base, "--name", snapshot.toStdString(), "--source", "copy"},
                root->get());
            if (job)
                job->setReadsContainer(name);
        });
    return {};
}

QVariantMapList ManagerService::ListSnapshots(const QString& name) {
    if (!checkContainerName(name))
        return {};
    authorizeThen(
        monitorAction, details("container", name, "read"),
        [this, name] { return containerDefined(name); },
        [this, name](const QDBusMessage& call) {
            QVariantMapList snapshots;
            if (DIR* directory = ::opendir(snapshotBase(name.toStdString()).c_str())) {
                while (const dirent* entry = ::readdir(directory)) {
                    // Work in progress (.partial-, .removing-) is no snapshot yet.
                    struct stat info = {};
                    if (!validateObjectName(entry->d_name, "name") ||
                        ::fstatat(::dirfd(directory), entry->d_name, &info, AT_SYMLINK_NOFOLLOW) !=
                            0 ||
                        !S_ISDIR(info.st_mode))
                        continue;
                    snapshots << QVariantMap{
                        {QStringLiteral("name"), QString::fromUtf8(entry->d_name)},
                        {QStringLiteral("created"), qlonglong(info.st_mtim.tv_sec)}};
                }
                ::closedir(directory);
            }
            std::ranges::sort(snapshots, [](const QVariantMap& a, const QVariantMap& b) {
                return a.value(QStringLiteral("created")).toLongLong() <
                       b.value(QStringLiteral("created")).toLongLong();
            });
            QDBusConnection::systemBus().send(call.createReply(QVariant::fromValue(snapshots)));
        });
    return {};
}

QDBusObjectPath ManagerService::RestoreSnapshot(const QString& name, const QString& snapshot) {
    if (!checkSnapshotNames(name, snapshot))
        return {};
    const uint caller = callerUid();
    authorizeByRisk(
        details("container", name, QStringLiteral("restore ") + snapshot), manageAction,
        [this, name, caller] { return assessStoredContainer(name.toStdString(), caller, false); },
        [this, name, snapshot, caller](const QDBusMessage& call) {
            auto rootName = snapshotRootName(name);
            if (!rootName) {
                replyError(call, rootName.error());
                return;
            }
            const std::string path =
                snapshotBase(name.toStdString()) + "/" + snapshot.toStdString();
            auto tree = openRootDirectory(path);
            if (!tree) {
                replyError(call, Error::of(ErrorKind::NotFound, "container '" + name.toStdString() +
                                                                    "' has no snapshot named '" +
                                                                    snapshot.toStdString() + "'"));
                return;
            }
            Job* job = startWorkerJob(
                call, restoreOperation, q(*rootName), caller,
                {"restore", "--base", m_config.paths.rootfsDir(), "--name", *rootName},
                tree->get());
            if (job)
                job->setReadsContainer(name); // it must not start meanwhile
        });
    return {};
}

QDBusObjectPath ManagerService::DeleteSnapshot(const QString& name, const QString& snapshot) {
    if (!checkSnapshotNames(name, snapshot))
        return {};
    const uint caller = callerUid();
    authorizeByRisk(
        details("container", name, QStringLiteral("delete snapshot ") + snapshot), manageAction,
        [this, name, caller] { return assessStoredContainer(name.toStdString(), caller, false); },
        [this, name, snapshot, caller](const QDBusMessage& call) {
            const std::string base = snapshotBase(name.toStdString());
            const QString target = name + "@" + snapshot;
            if (!isDirectoryNoFollow(base + "/" + snapshot.toStdString())) {
                replyError(call, Error::of(ErrorKind::NotFound, "container '" + name.toStdString() +
                                                                    "' has no snapshot named '" +
                                                                    snapshot.toStdString() + "'"));
                return;
            }
            if (m_jobs.activeFor(target)) {
                replyError(call, Error::of(ErrorKind::Conflict,
                                           "the snapshot is being worked on by a job"));
                return;
            }
            startWorkerJob(call, deleteSnapshotOperation, target, caller,
                           {"remove", "--base", base, "--name", snapshot.toStdString()}, -1);
        });
    return {};
}

} // namespace cubby
