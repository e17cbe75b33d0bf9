// Containers carried to another machine and back (issue 13): ExportContainer packs a stopped
// container's definition and tree into a descriptor the caller opened (never a path the
// helper chooses), ImportContainer makes a new container from such an archive. Both are
// jobs with progress and cancel; the packing and unpacking run in cubby-rootfs.
#include "container_export.h"
#include "domain_xml.h"
#include "manager_common.h"
#include "manager_service.h"
#include "memory_file.h"
#include "names.h"
#include "unique_fd.h"
#include "xml_reader.h"

#include <QDBusConnection>
#include <fcntl.h>
#include <sys/stat.h>

namespace cubby {

using namespace manager;

namespace {

RiskAssessment merged(RiskAssessment first, const RiskAssessment& second) {
    first.adminReasons.insert(first.adminReasons.end(), second.adminReasons.begin(),
                              second.adminReasons.end());
    return first;
}

} // namespace

QDBusObjectPath ManagerService::ExportContainer(const QString& name,
                                                const QDBusUnixFileDescriptor& archive) {
    if (!checkContainerName(name))
        return {};
    if (auto valid = checkArchiveDescriptor(archive, true); !valid) {
        replyError(valid.error());
        return {};
    }
    // The export holds everything in the tree (its secrets too): judged as the container's
    // owner or an administrator, as a console is.
    const uint caller = callerUid();
    authorizeByRisk(
        details("container", name, QStringLiteral("export")), manageAction,
        [this, name, caller] { return assessStoredContainer(name.toStdString(), caller, false); },
        [this, name, archive, caller](const QDBusMessage& call) {
            startExport(call, name, caller, archive.fileDescriptor());
        });
    return {};
}

void ManagerService::startExport(const QDBusMessage& call, const QString& name, uint caller,
                                 int output) {
    const std::string id = name.toStdString();
    const auto refuse = [&](const Error& error) { replyError(call, error); };
    auto domain = storedContainer(id);
    if (!domain)
        return refuse(domain.error());
    if (auto exportable = checkExportable(*domain); !exportable)
        return refuse(exportable.error());
    // A running container changes its tree while it is packed; a stopped one cannot start
    // meanwhile (startContainerNow refuses while the export runs).
    if (m_runtime.isRunning(id))
        return refuse(Error::of(ErrorKind::Conflict,
                                "container '" + id + "' is running; stop it before exporting"));
    if (m_jobs.activeFor(name) || m_jobs.readingFrom(name))
        return refuse(
            Error::of(ErrorKind::Conflict, "container '" + id + "' is being worked on by a job"));
    auto root = openRootDirectory(domain->rootFilesystem()->sourceDir);
    if (!root)
        return refuse(root.error());
    Domain exported = *domain;
    exported.live.reset();
    auto header = sealedMemoryFile("cubby-export", exportFrame(formatDomainXml(exported)));
    if (!header)
        return refuse(header.error());
    (void)makeDirectories(m_config.paths.logDir(), 0700);
    auto worker = WorkerProcess::start(
        {m_config.rootfsWorkerPath.toStdString(), "export", "--root-fd",
         std::to_string(root->get()), "--progress-fd", "{progress-fd}"},
        m_config.paths.logDir() + "/rootfs.log", header->get(), this, output, {root->get()});
    if (!worker)
        return refuse(worker.error());
    Job* job = m_jobs.start(
        exportOperation, name, caller, *worker,
        [this](Job* cancelled, const QDBusMessage& cancel) { cancelJob(cancelled, cancel); });
    job->setReadsContainer(name);
    QDBusConnection::systemBus().send(call.createReply(QVariant::fromValue(job->path())));
}

QDBusObjectPath ManagerService::ImportContainer(const QString& definition, const QString& name,
                                                const QDBusUnixFileDescriptor& archive) {
    if (size_t(definition.size()) > maxXmlDocumentBytes) {
        replyError(Error::invalid("the definition is larger than a definition may be"));
        return {};
    }
    if (auto valid = checkArchiveDescriptor(archive, false); !valid) {
        replyError(valid.error());
        return {};
    }
    // The name first (an empty one keeps the exported name), then the whole definition with
    // every check a define runs, its root where the import puts it.
    std::string finalName = name.toStdString();
    if (finalName.empty()) {
        auto exported = parseDomainXml(definition.toStdString(), randomUuid);
        if (!exported) {
            replyError(exported.error());
            return {};
        }
        finalName = exported->name;
    }
    if (auto valid = validateObjectName(finalName, "container name"); !valid) {
        replyError(valid.error());
        return {};
    }
    auto domain = importedDomain(definition.toStdString(), finalName,
                                 m_config.paths.rootfsPath(finalName), randomUuid);
    if (!domain) {
        replyError(domain.error());
        return {};
    }
    const uint caller = callerUid();
    authorizeByRisk(
        details("container", q(finalName), QStringLiteral("import")), manageAction,
        [this, domain = *domain, caller] { return assessNewCopy(domain, caller); },
        [this, domain = *domain, archive, caller](const QDBusMessage& call) {
            startCopyJob(call, domain, caller, importContainerOperation,
                         {"create", "--source", "archive"}, archive.fileDescriptor());
        });
    return {};
}

QDBusObjectPath ManagerService::CloneContainer(const QString& name, const QString& newName) {
    if (!checkContainerName(name) || !checkContainerName(newName))
        return {};
    const uint caller = callerUid();
    // May the caller read the original (as for an export), and make this new container?
    const auto clonedDomain = [this, name, newName]() -> Result<Domain> {
        CUBBY_TRY(stored, storedContainer(name.toStdString()));
        return importedDomain(formatDomainXml(stored), newName.toStdString(),
                              m_config.paths.rootfsPath(newName.toStdString()), randomUuid);
    };
    authorizeByRisk(
        details("container", newName, QStringLiteral("clone ") + name), manageAction,
        [this, name, caller, clonedDomain]() -> Result<RiskAssessment> {
            CUBBY_TRY(original, assessStoredContainer(name.toStdString(), caller, false));
            CUBBY_TRY(clone, clonedDomain());
            CUBBY_TRY(copy, assessNewCopy(clone, caller));
            return merged(std::move(original), copy);
        },
        [this, name, caller, clonedDomain](const QDBusMessage& call) {
            const std::string id = name.toStdString();
            auto clone = clonedDomain();
            if (!clone) {
                replyError(call, clone.error());
                return;
            }
            if (m_runtime.isRunning(id) || m_jobs.activeFor(name) || m_jobs.readingFrom(name)) {
                replyError(call, Error::of(ErrorKind::Conflict,
                                           "container '" + id +
                                               "' is running or being worked on; clone it once "
                                               "it is stopped"));
                return;
            }
            auto original = storedContainer(id);
            auto root = original ? openRootDirectory(original->rootFilesystem()->sourceDir)
                                 : Result<UniqueFd>(fail(original.error()));
            if (!root) {
                replyError(call, root.error());
                return;
            }
            if (Job* job = startCopyJob(call, *clone, caller, cloneOperation,
                                        {"create", "--source", "copy"}, root->get()))
                job->setReadsContainer(name);
        });
    return {};
}

Result<RiskAssessment> ManagerService::assessNewCopy(const Domain& domain, uint caller) const {
    // Judged as a definition whose root filesystem Cubby makes for the caller, and as a new
    // root filesystem (the per-user limits).
    CallerFacts facts = callerFacts(domain, caller);
    facts.ownRootfs.insert(m_config.paths.rootfsPath(domain.name));
    return merged(assessContainer(domain, std::nullopt, facts),
                  assessNewRootfs(rootfsFacts(domain.name, caller)));
}

Job* ManagerService::startCopyJob(const QDBusMessage& call, const Domain& domain, uint caller,
                                  const QString& operation, std::vector<std::string> arguments,
                                  int stdinFd) {
    // An import or a clone never replaces: the name must be free for a container and a root.
    if (m_containers.exists(domain.name)) {
        replyError(call, Error::of(ErrorKind::AlreadyExists,
                                   "a container named '" + domain.name + "' exists"));
        return nullptr;
    }
    Domain checked = domain;
    if (auto unique = checkNewContainer(checked, true); !unique) {
        replyError(call, unique.error());
        return nullptr;
    }
    const QString target = q(domain.name);
    return startRootfsJob(
        call, operation, target, caller, std::move(arguments), stdinFd,
        [this, domain, target, caller]() -> Status {
            Domain stored = domain;
            auto added = storeDefinition(stored, true, caller);
            if (!added)
                return fail(Error::of(added.error().kind,
                                      "the root filesystem '" + domain.name +
                                          "' was made and is kept, but the container could not "
                                          "be defined: " +
                                          added.error().message));
            if (*added)
                notify(QStringLiteral("ContainerAdded"), {target});
            return {};
        });
}

} // namespace cubby
