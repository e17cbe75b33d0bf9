// PushFile and PullFile (cubbyctl cp, issue 13): a file into or out of a container, running
// or stopped, through descriptors the caller opened (the helper never opens a host path for
// a caller). The copy is a job in cubby-rootfs (engine/rootfs/file_copy.h): its child joins
// the container's user namespace as its root, chroot()s into the root, and resolves the path
// with openat2(RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS). A running container's root and user
// namespace come from its controller (OpenRoot: its init's, mounts included); a stopped
// one's root is its root filesystem, whose owners on disk are the container's own ids.
// Allowed as Exec is: writing or reading any file as the container's root is what a root
// shell in it does.
#include "control_protocol.h"
#include "controller_client.h"
#include "manager_common.h"
#include "manager_service.h"
#include "names.h"

#include <QDBusConnection>
#include <chrono>
#include <format>
#include <sys/socket.h>

namespace cubby {

using namespace manager;

namespace {

// Job.Operation: "push-file", "pull-file", "push-tree", "pull-tree".
QString operationOf(const std::string& verb) {
    return q(verb.ends_with("tree") ? verb : verb + "-file");
}

// Ids a container has: its map covers 65536 of them.
constexpr uint maxContainerId = 65535;

// The path inside the container: absolute, normalized, naming a file (not the root).
Status checkContainerPath(const QString& path) {
    // QString counts UTF-16 units; the bytes are what the kernel gets.
    const std::string bytes = path.toStdString();
    CUBBY_CHECK(validateAbsolutePath(bytes, "the path in the container"));
    if (bytes == "/")
        return failInvalid("the path in the container names no file (only the root)");
    return {};
}

// A descriptor to read the data from or write the copy to: open in that direction, no
// directory, no O_PATH handle, no listening socket (nothing would ever arrive).
Status checkDataDescriptor(const QDBusUnixFileDescriptor& data, bool forWriting) {
    const char* what = forWriting ? "the output descriptor" : "the data descriptor";
    struct stat status = {};
    if (!data.isValid() || ::fstat(data.fileDescriptor(), &status) != 0)
        return failInvalid(std::format("{} is not open", what));
    if (S_ISDIR(status.st_mode))
        return failInvalid(std::format("{} is a directory, not a file or pipe", what));
    const int flags = ::fcntl(data.fileDescriptor(), F_GETFL);
    if (flags < 0 || (flags & O_PATH))
        return failInvalid(std::format("{} is not open for reading or writing", what));
    if ((flags & O_ACCMODE) == (forWriting ? O_RDONLY : O_WRONLY))
        return failInvalid(forWriting ? "the output descriptor is not open for writing"
                                      : "the data descriptor is not open for reading");
    if (S_ISSOCK(status.st_mode)) {
        int listening = 0;
        socklen_t size = sizeof listening;
        if (::getsockopt(data.fileDescriptor(), SOL_SOCKET, SO_ACCEPTCONN, &listening, &size) !=
                0 ||
            listening)
            return failInvalid(std::format("{} is a listening socket, not a stream", what));
    }
    return {};
}

} // namespace

QDBusObjectPath ManagerService::PushFile(const QString& name, const QString& path,
                                         const QDBusUnixFileDescriptor& data, uint mode, uint uid,
                                         uint gid) {
    startPush(name, path, data, mode, uid, gid, false);
    return {};
}

QDBusObjectPath ManagerService::PushDirectory(const QString& name, const QString& path,
                                              const QDBusUnixFileDescriptor& archive, uint mode,
                                              uint uid, uint gid) {
    startPush(name, path, archive, mode, uid, gid, true);
    return {};
}

QDBusObjectPath ManagerService::PullFile(const QString& name, const QString& path,
                                         const QDBusUnixFileDescriptor& output) {
    startPull(name, path, output, false);
    return {};
}

QDBusObjectPath ManagerService::PullDirectory(const QString& name, const QString& path,
                                              const QDBusUnixFileDescriptor& output) {
    startPull(name, path, output, true);
    return {};
}

void ManagerService::startPush(const QString& name, const QString& path,
                               const QDBusUnixFileDescriptor& data, uint mode, uint uid, uint gid,
                               bool directory) {
    if (!checkContainerName(name))
        return;
    auto valid = [&]() -> Status {
        CUBBY_CHECK(checkContainerPath(path));
        CUBBY_CHECK(checkDataDescriptor(data, false));
        if (mode > 07777)
            return failInvalid(
                std::format("the mode {:o} is not a file mode (at most 07777)", mode));
        if (uid > maxContainerId || gid > maxContainerId)
            return failInvalid(std::format("{}:{} is not an owner a container has (its ids are "
                                           "0 to {})",
                                           uid, gid, maxContainerId));
        return {};
    }();
    if (!valid) {
        replyError(valid.error());
        return;
    }
    const uint caller = callerUid();
    std::vector<std::string> arguments = {
        "--path", path.toStdString(),  "--mode", std::format("{:o}", mode),
        "--uid",  std::to_string(uid), "--gid",  std::to_string(gid)};
    authorizeByRisk(
        details("container", name,
                (directory ? QStringLiteral("copy a directory into ")
                           : QStringLiteral("copy a file into ")) +
                    path),
        consoleAction,
        [this, name, caller] { return assessStoredContainer(name.toStdString(), caller, false); },
        [this, name, path, caller, arguments, data, directory](const QDBusMessage& call) {
            startFileCopy(call, name, path, caller, directory ? "push-tree" : "push", arguments,
                          data.fileDescriptor());
        });
}

void ManagerService::startPull(const QString& name, const QString& path,
                               const QDBusUnixFileDescriptor& output, bool directory) {
    if (!checkContainerName(name))
        return;
    auto valid = [&]() -> Status {
        CUBBY_CHECK(checkContainerPath(path));
        return checkDataDescriptor(output, true);
    }();
    if (!valid) {
        replyError(valid.error());
        return;
    }
    const uint caller = callerUid();
    authorizeByRisk(
        details("container", name,
                (directory ? QStringLiteral("copy a directory out of ")
                           : QStringLiteral("copy a file out of ")) +
                    path),
        consoleAction,
        [this, name, caller] { return assessStoredContainer(name.toStdString(), caller, false); },
        [this, name, caller, path, output, directory](const QDBusMessage& call) {
            startFileCopy(call, name, path, caller, directory ? "pull-tree" : "pull",
                          {"--path", path.toStdString()}, output.fileDescriptor());
        });
}

void ManagerService::startFileCopy(const QDBusMessage& call, const QString& name,
                                   const QString& path, uint caller, const std::string& verb,
                                   std::vector<std::string> arguments, int dataFd) {
    const std::string id = name.toStdString();
    const bool push = verb.starts_with("push");
    const auto refuse = [&](const Error& error) { replyError(call, error); };
    auto domain = storedContainer(id);
    if (!domain)
        return refuse(domain.error());
    const Filesystem* rootfs = domain->rootFilesystem();
    // An application container's root is the host's: nothing there is the container's own.
    if (!rootfs || rootfs->type != FilesystemType::Mount || rootfs->sourceDir.empty())
        return refuse(Error::invalid("container '" + id +
                                     "' has no root filesystem of its own (its root is the "
                                     "host's); cp copies into containers with their own root"));
    // A tree a job reads or replaces (an export, a snapshot's restore) is left alone.
    if (m_jobs.activeFor(name) || m_jobs.readingFrom(name))
        return refuse(
            Error::of(ErrorKind::Conflict, "container '" + id + "' is being worked on by a job"));
    UniqueFd root;
    UniqueFd userns;
    const bool running = m_runtime.isRunning(id);
    if (running) {
        auto opened = [&]() -> Result<std::pair<std::string, std::vector<UniqueFd>>> {
            CUBBY_TRY(client, ControllerClient::connect(m_config.paths.controlSocket(id)));
            // A controller from before an upgrade may not know OpenRoot: say so plainly.
            CUBBY_TRY(status,
                      client.request(ControlMessage::StatusQuery, {}, std::chrono::seconds(5)));
            const auto version = controlProtocolOfStatus(status);
            const unsigned needed = controlProtocolIntroducing(ControlMessage::OpenRoot);
            if (!version || *version < needed)
                return fail(Error::of(ErrorKind::Conflict,
                                      std::format("'{}' runs under a controller from an older "
                                                  "Cubby; copy files after a restart",
                                                  id)));
            return client.requestWithFds(ControlMessage::OpenRoot, {});
        }();
        if (!opened)
            return refuse(opened.error());
        auto& fds = opened->second;
        if (fds.empty() || fds.size() > 2)
            return refuse(Error::system(EPROTO, "the controller's root reply was not what was "
                                                "asked for"));
        root = std::move(fds[0]);
        if (fds.size() == 2)
            userns = std::move(fds[1]);
    } else {
        if (m_runtime.isStarting(id))
            return refuse(Error::of(ErrorKind::Conflict,
                                    "container '" + id + "' is starting; copy once it runs"));
        // Shifted owners on disk are the host's ids, not the container's: only its running
        // user namespace sees them right.
        if (domain->cubby.rootShift)
            return refuse(Error::of(ErrorKind::Unsupported,
                                    "container '" + id +
                                        "' has its root's owners shifted on disk (rootShift); "
                                        "start it to copy files in or out"));
        auto opened = openRootDirectory(rootfs->sourceDir);
        if (!opened)
            return refuse(opened.error());
        root = std::move(*opened);
    }
    std::vector<std::string> argv = {m_config.rootfsWorkerPath.toStdString(), verb, "--root-fd",
                                     std::to_string(root.get())};
    if (userns)
        argv.insert(argv.end(), {"--userns-fd", std::to_string(userns.get())});
    argv.insert(argv.end(), arguments.begin(), arguments.end());
    argv.insert(argv.end(), {"--progress-fd", "{progress-fd}"});
    (void)makeDirectories(m_config.paths.logDir(), 0700);
    std::vector<int> kept = {root.get()};
    if (userns)
        kept.push_back(userns.get());
    auto worker = WorkerProcess::start(argv, m_config.paths.logDir() + "/rootfs.log",
                                       push ? dataFd : -1, this, push ? -1 : dataFd, kept);
    if (!worker)
        return refuse(worker.error());
    // Named NAME:PATH, so that copies do not hold up each other, nor the container's start
    // (a stopped container's tree is the running one's, seen through its id map).
    Job* job = m_jobs.start(
        operationOf(verb), name + QLatin1Char(':') + path, caller, *worker,
        [this](Job* cancelled, const QDBusMessage& cancel) { cancelJob(cancelled, cancel); });
    QDBusConnection::systemBus().send(call.createReply(QVariant::fromValue(job->path())));
}

} // namespace cubby
