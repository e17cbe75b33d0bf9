// Root filesystems and the jobs that make and remove them (io.github.cubby1.Manager's
// *Rootfs methods and ListJobs). The work runs in cubby-rootfs, a worker process per job;
// the helper validates, asks polkit, starts the worker, and relays its progress.
#include "dbus_errors.h"
#include "debian_bootstrap.h"
#include "domain_xml.h"
#include "manager_common.h"
#include "manager_service.h"
#include "memory_file.h"
#include "names.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QPointer>
#include <dirent.h>
#include <fcntl.h>
#include <optional>
#include <sys/stat.h>

namespace cubby {

using namespace manager;

namespace {

// The sources CreateRootfs knows: the options each takes become the worker's arguments.
struct RootfsSource {
    const char* name;
    const char* description; // for the authentication dialog
    // Checks `options` and appends the worker's arguments for them; InvalidArgument names
    // an option it does not know or a value it refuses.
    // What the worker reads on standard input goes to `input` (passwords: never arguments).
    Status (*arguments)(const QVariantMap& options, const HelperConfig& config,
                        std::vector<std::string>& out, std::string& input);
};

Status busyboxArguments(const QVariantMap& options, const HelperConfig& config,
                        std::vector<std::string>& out, std::string&) {
    if (!options.isEmpty())
        return failInvalid("the busybox source takes no option '" +
                           options.firstKey().toStdString() + "'");
    out.insert(out.end(), {"--busybox", config.busyboxPath.toStdString()});
    return {};
}

// A password hash option: bounded before it is kept, never repeated in an error.
Status takePasswordHash(const QVariant& value, const std::string& account,
                        std::vector<AccountPassword>& passwords) {
    const QString hash = value.toString();
    if (hash.size() > 512 || !validPasswordHash(hash.toStdString()))
        return failInvalid("the password for " + account +
                           " must be a crypt(3) hash made by the client (\"$y$…\"), never "
                           "the password itself");
    passwords.push_back({account, hash.toStdString()});
    return {};
}

// suite (s), mirror (s), packages (as), variant (s: system or minimal), autologin (b),
// user (s), rootPasswordHash (s), userPasswordHash (s): see DebianBootstrap.
Status debianArguments(const QVariantMap& options, const HelperConfig& config,
                       std::vector<std::string>& out, std::string& input) {
    DebianBootstrap request;
    std::optional<QVariant> userHash; // needs the user's name, which may come later
    for (auto option = options.begin(); option != options.end(); ++option) {
        const QString& key = option.key();
        const QVariant& value = option.value();
        const bool isString = value.typeId() == QMetaType::QString;
        if (key == QStringLiteral("autologin") && value.typeId() == QMetaType::Bool)
            request.consoleAutologin = value.toBool();
        else if (key == QStringLiteral("user") && isString)
            request.user = value.toString().left(64).toStdString();
        else if (key == QStringLiteral("rootPasswordHash") && isString)
            CUBBY_CHECK(takePasswordHash(value, "root", request.passwords));
        else if (key == QStringLiteral("userPasswordHash") && isString)
            userHash = value;
        else if (key == QStringLiteral("suite") && isString)
            request.suite = value.toString().toStdString();
        else if (key == QStringLiteral("mirror") && value.typeId() == QMetaType::QString)
            request.mirror = value.toString().toStdString();
        else if (key == QStringLiteral("packages") && value.typeId() == QMetaType::QStringList) {
            // Bounded before it is kept: validateDebianBootstrap allows 64.
            const QStringList packages = value.toStringList();
            if (packages.size() > 64)
                return failInvalid("at most 64 extra packages");
            for (const auto& package : packages)
                request.packages.push_back(package.toStdString());
        } else if (key == QStringLiteral("variant") && value.typeId() == QMetaType::QString) {
            const auto variant = debianVariantNamed(value.toString().toStdString());
            if (!variant)
                return failInvalid("the debian variant is system or minimal, not '" +
                                   value.toString().left(64).toStdString() + "'");
            request.variant = *variant;
        } else
            return failInvalid("the debian source takes suite, mirror, variant, user, "
                               "rootPasswordHash and userPasswordHash (strings), packages (a "
                               "list of strings) and autologin (a boolean), not '" +
                               key.left(64).toStdString() + "' of type " + value.typeName());
    }
    if (userHash) {
        if (request.user.empty())
            return failInvalid("userPasswordHash needs a user");
        CUBBY_CHECK(takePasswordHash(*userHash, request.user, request.passwords));
    }
    CUBBY_CHECK(validateDebianBootstrap(request));
    out.insert(out.end(), {"--suite", request.suite, "--mirror", request.mirror, "--variant",
                           std::string(debianVariantName(request.variant)), "--cache",
                           config.paths.cacheDir() + "/debian"});
    if (request.variant == DebianVariant::System) {
        out.insert(out.end(), {"--autologin", request.consoleAutologin ? "yes" : "no"});
        if (!request.user.empty())
            out.insert(out.end(), {"--user", request.user});
    }
    if (!request.passwords.empty()) {
        out.insert(out.end(), {"--passwords", "stdin"});
        input = formatPasswordLines(request.passwords);
    }
    if (!request.packages.empty()) {
        std::string include;
        for (const auto& package : request.packages)
            include += (include.empty() ? "" : ",") + package;
        out.insert(out.end(), {"--include", include});
    }
    return {};
}

constexpr RootfsSource rootfsSources[] = {
    {"busybox", "a minimal BusyBox system", busyboxArguments},
    {"debian", "a Debian system downloaded with mmdebstrap", debianArguments},
};

const RootfsSource* findSource(const QString& name) {
    for (const auto& source : rootfsSources) {
        if (name == QLatin1String(source.name))
            return &source;
    }
    return nullptr;
}

QString sourceNames() {
    QStringList names;
    for (const auto& source : rootfsSources)
        names << QLatin1String(source.name);
    return names.join(QStringLiteral(", "));
}

} // namespace

std::vector<std::string> ManagerService::rootfsNames() const {
    std::vector<std::string> names;
    DIR* directory = ::opendir(m_config.paths.rootfsDir().c_str());
    if (!directory)
        return names;
    while (const dirent* entry = ::readdir(directory)) {
        // Work in progress (.partial-NAME, .removing-NAME) is not a root filesystem yet.
        if (entry->d_type == DT_DIR && validateObjectName(entry->d_name, "name"))
            names.emplace_back(entry->d_name);
    }
    ::closedir(directory);
    std::ranges::sort(names);
    return names;
}

bool ManagerService::rootfsExists(const std::string& name) const {
    return isDirectoryNoFollow(m_config.paths.rootfsPath(name));
}

std::vector<std::string> ManagerService::containersUsingRootfs(const std::string& name) const {
    const std::string path = m_config.paths.rootfsPath(name);
    std::vector<std::string> users;
    for (const auto& container : m_containers.names()) {
        auto domain = storedContainer(container);
        if (!domain)
            continue;
        const Filesystem* root = domain->rootFilesystem();
        if (root && root->sourceDir == path)
            users.push_back(container);
    }
    return users;
}

Status ManagerService::checkRootfsNameFree(const QString& name) const {
    const std::string id = name.toStdString();
    if (const Job* job = m_jobs.activeFor(name))
        return fail(Error::of(ErrorKind::AlreadyExists, "root filesystem '" + id +
                                                            "' is being worked on by job " +
                                                            std::to_string(job->id())));
    if (rootfsExists(id))
        return fail(Error::of(ErrorKind::AlreadyExists,
                              "a root filesystem named '" + id + "' already exists"));
    return {};
}

QVariantMapList ManagerService::ListRootfs() {
    authorizeThen(monitorAction, {}, [this](const QDBusMessage& call) {
        QVariantMapList list;
        for (const auto& name : rootfsNames()) {
            list << QVariantMap{
                {QStringLiteral("name"), q(name)},
                {QStringLiteral("path"), q(m_config.paths.rootfsPath(name))},
                {QStringLiteral("used_by"), toQStringList(containersUsingRootfs(name))},
                {QStringLiteral("busy"), m_jobs.activeFor(q(name)) != nullptr}};
        }
        QDBusConnection::systemBus().send(call.createReply(QVariant::fromValue(list)));
    });
    return {};
}

QDBusObjectPath ManagerService::CreateRootfs(const QString& name, const QString& source,
                                             const QVariantMap& options) {
    if (auto valid = validateObjectName(name.toStdString(), "root filesystem name"); !valid) {
        replyError(valid.error());
        return {};
    }
    const RootfsSource* known = findSource(source);
    if (!known) {
        replyError(Error::invalid("unknown root filesystem source '" + source.toStdString() +
                                  "'; known: " + sourceNames().toStdString()));
        return {};
    }
    std::vector<std::string> arguments{"create", "--source", source.toStdString()};
    std::string input;
    if (auto valid = known->arguments(options, m_config, arguments, input); !valid) {
        replyError(valid.error());
        return {};
    }
    const uint caller = callerUid();
    authorizeByRisk(
        details("rootfs", name, QStringLiteral("create from ") + QLatin1String(known->description)),
        manageAction,
        [this, name, caller] { return assessNewRootfs(rootfsFacts(name.toStdString(), caller)); },
        [this, name, arguments, input, caller](const QDBusMessage& call) {
            if (input.empty()) {
                startRootfsJob(call, createOperation, name, caller, arguments, -1);
                return;
            }
            // The worker's standard input: a sealed memory file no one else can open.
            auto memory = sealedMemoryFile("cubby-rootfs-input", input);
            if (!memory) {
                replyError(call, memory.error());
                return;
            }
            startRootfsJob(call, createOperation, name, caller, arguments, memory->get());
        });
    return {};
}

QDBusObjectPath ManagerService::ImportRootfs(const QString& name,
                                             const QDBusUnixFileDescriptor& archive) {
    if (auto valid = validateObjectName(name.toStdString(), "root filesystem name"); !valid) {
        replyError(valid.error());
        return {};
    }
    if (auto valid = checkArchiveDescriptor(archive, false); !valid) {
        replyError(valid.error());
        return {};
    }
    const uint caller = callerUid();
    authorizeByRisk(
        details("rootfs", name, QStringLiteral("import a tarball")), manageAction,
        [this, name, caller] { return assessNewRootfs(rootfsFacts(name.toStdString(), caller)); },
        [this, name, archive, caller](const QDBusMessage& call) {
            startRootfsJob(call, importOperation, name, caller, {"create", "--source", "archive"},
                           archive.fileDescriptor());
        });
    return {};
}

QDBusObjectPath ManagerService::DeleteRootfs(const QString& name) {
    const std::string id = name.toStdString();
    if (auto valid = validateObjectName(id, "root filesystem name"); !valid) {
        replyError(valid.error());
        return {};
    }
    const uint caller = callerUid();
    authorizeByRisk(
        details("rootfs", name, QStringLiteral("delete")), manageAction,
        [this, id, caller] { return assessExistingRootfs(rootfsFacts(id, caller)); },
        [this, name, caller](const QDBusMessage& call) {
            startRootfsJob(call, deleteOperation, name, caller, {"remove"}, -1);
        });
    return {};
}

QVariantMapList ManagerService::ListJobs() {
    authorizeThen(monitorAction, {}, [this](const QDBusMessage& call) {
        QDBusConnection::systemBus().send(
            call.createReply(QVariant::fromValue(m_jobs.describeAll())));
    });
    return {};
}

Job* ManagerService::startRootfsJob(const QDBusMessage& call, const QString& operation,
                                    const QString& name, uint caller,
                                    std::vector<std::string> arguments, int stdinFd,
                                    std::function<Status()> then) {
    const std::string id = name.toStdString();
    // Checked only now that polkit has answered, so that a refused caller learns nothing of
    // which root filesystems exist or are being made.
    Status ready = operation == deleteOperation ? Status{} : checkRootfsNameFree(name);
    if (ready && operation == deleteOperation) {
        if (m_jobs.activeFor(name))
            ready = fail(Error::of(ErrorKind::Conflict,
                                   "root filesystem '" + id + "' is being worked on by a job"));
        else if (!rootfsExists(id))
            ready = fail(Error::of(ErrorKind::NotFound, "no root filesystem named '" + id + "'"));
        else if (const auto users = containersUsingRootfs(id); !users.empty())
            ready = fail(Error::of(ErrorKind::Conflict,
                                   "root filesystem '" + id + "' is the root of container '" +
                                       users.front() + "'; undefine it first"));
    }
    if (ready)
        ready = makeDirectories(m_config.paths.rootfsDir(), 0700);
    if (!ready) {
        replyError(call, ready.error());
        return nullptr;
    }
    std::vector<std::string> argv{arguments.front(), "--base", m_config.paths.rootfsDir(), "--name",
                                  id};
    argv.insert(argv.end(), arguments.begin() + 1, arguments.end());
    const bool deleting = operation == deleteOperation;
    return startWorkerJob(call, operation, name, caller, std::move(argv), stdinFd,
                          [this, name, deleting, caller, then = std::move(then)]() -> Status {
                              if (deleting) {
                                  forgetRootfs(name.toStdString());
                                  notify(QStringLiteral("RootfsRemoved"), {name});
                                  return {};
                              }
                              recordRootfs(name.toStdString(), caller);
                              notify(QStringLiteral("RootfsAdded"), {name});
                              return then ? then() : Status{};
                          });
}

void ManagerService::cancelJob(Job* job, const QDBusMessage& call) {
    emit activity();
    const QPointer<Job> guarded(job);
    const auto info =
        details("rootfs", job->target(), QStringLiteral("cancel ") + job->operation());
    const uint caller =
        QDBusConnection::systemBus().interface()->serviceUid(call.service()).value();
    // As for the Manager's methods: monitor first, then the caller's own job or an
    // administrator.
    m_authorizer.check(
        call.service(), monitorAction, info, [this, guarded, call, info, caller](Status seen) {
            if (!seen) {
                replyError(call, seen.error());
                return;
            }
            const bool own = guarded && guarded->startedBy() == caller;
            m_authorizer.check(
                call.service(), own ? manageOwnAction : manageAction, info,
                [this, guarded, call](Status allowed) {
                    if (!allowed) {
                        replyError(call, allowed.error());
                        return;
                    }
                    // The job's state only now that the caller may see it.
                    if (!guarded || guarded->finished() ||
                        guarded->state() == QStringLiteral("cancelling")) {
                        const bool ended = !guarded || guarded->finished();
                        replyError(call, Error::of(ErrorKind::Conflict,
                                                   "the job has already " +
                                                       std::string(ended ? "finished"
                                                                         : "been cancelled")));
                        return;
                    }
                    m_jobs.cancel(guarded);
                    QDBusConnection::systemBus().send(call.createReply());
                    emit activity();
                });
        });
}

uint ManagerService::callerUid() const {
    return QDBusConnection::systemBus().interface()->serviceUid(message().service()).value();
}

void ManagerService::cleanStaleRootfs() {
    if (!isDirectoryNoFollow(m_config.paths.rootfsDir()))
        return;
    (void)makeDirectories(m_config.paths.logDir(), 0700);
    auto worker =
        WorkerProcess::start({m_config.rootfsWorkerPath.toStdString(), "clean-stale", "--base",
                              m_config.paths.rootfsDir(), "--progress-fd", "{progress-fd}"},
                             m_config.paths.logDir() + "/rootfs.log", -1, this);
    if (!worker) {
        qWarning("cubby-helper: cannot clean unfinished root filesystems: %s",
                 worker.error().message.c_str());
        return;
    }
    ++m_pendingCleanups;
    connect(*worker, &WorkerProcess::finished, this,
            [this, worker = *worker](const JobUpdate& end) {
                if (end.kind != JobUpdate::Kind::Done)
                    qWarning("cubby-helper: cleaning unfinished root filesystems: %s",
                             end.text.c_str());
                --m_pendingCleanups;
                worker->deleteLater();
                emit activity();
            });
}

} // namespace cubby
