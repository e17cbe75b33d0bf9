// Authorization that matches the risk (issue 9, item 4). An active desktop user manages their
// own unprivileged containers and root filesystems without a password (polkit action
// io.github.cubby1.manage-own, allow_active yes); what reaches the host — privileged
// containers, host paths outside the caller's home, host bridges and devices, other users'
// containers, more than the per-user limits — keeps the administrator's actions. The
// decision itself is engine/core/risk_assessment.h; this file gathers its facts.
#include "manager_service.h"

#include "domain_xml.h"
#include "file_stamp.h"
#include "home_dirs.h"
#include "manager_common.h"

#include <QDBusConnection>
#include <QFile>
#include <QSaveFile>
#include <filesystem>
#include <format>
#include <memory>
#include <set>
#include <sys/stat.h>

namespace cubby {

using namespace manager;

namespace {

// Disk used by a tree, counted without following symlinks or leaving its filesystem.
uint64_t treeBytes(const std::string& root) {
    namespace fs = std::filesystem;
    uint64_t bytes = 0;
    std::error_code error;
    struct stat top = {};
    if (::lstat(root.c_str(), &top) != 0)
        return 0;
    for (auto it = fs::recursive_directory_iterator(
             root, fs::directory_options::skip_permission_denied, error);
         !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
        struct stat status = {};
        if (::lstat(it->path().c_str(), &status) != 0)
            continue;
        if (status.st_dev != top.st_dev && S_ISDIR(status.st_mode))
            it.disable_recursion_pending();
        bytes += static_cast<uint64_t>(status.st_blocks) * 512;
    }
    return bytes;
}

} // namespace

void ManagerService::authorizeByRisk(const QMap<QString, QString>& info, const QString& adminAction,
                                     Assessor assess, Action act) {
    emit activity();
    setDelayedReply(true);
    const QDBusMessage call = message();
    m_authorizer.check(
        call.service(), monitorAction, info,
        [this, call, info, adminAction, assess = std::move(assess),
         act = std::move(act)](Status seen) mutable {
            if (!seen) {
                replyError(call, seen.error());
                return;
            }
            auto risk = assess();
            if (!risk) {
                replyError(call, risk.error());
                return;
            }
            const bool own = risk->own();
            QMap<QString, QString> detailed = info;
            detailed[QStringLiteral("cubby.risk")] =
                own ? QStringLiteral("your own unprivileged container or root filesystem")
                    : q(risk->summary());
            m_authorizer.check(
                call.service(), own ? manageOwnAction : adminAction, detailed,
                [this, call, own, summary = risk->summary(), assess = std::move(assess),
                 act = std::move(act)](Status allowed) {
                    if (!allowed) {
                        Error refused = allowed.error();
                        if (!own)
                            refused.message += " (an administrator is needed: " + summary + ")";
                        replyError(call, refused);
                        return;
                    }
                    if (own) {
                        // Allowed as the caller's own: it must still be so.
                        auto again = assess();
                        if (!again || !again->own()) {
                            replyError(call, again ? Error::of(ErrorKind::Conflict,
                                                               "changed while authorizing: " +
                                                                   again->summary())
                                                   : again.error());
                            return;
                        }
                    }
                    act(call);
                    emit activity();
                });
        });
}

QMap<QString, QString> ManagerService::GetPermissions(const QString& name) {
    if (!checkContainerName(name))
        return {};
    emit activity();
    setDelayedReply(true);
    const QDBusMessage call = message();
    const uint caller = callerUid();
    const auto info = details("container", name, "permissions");
    // Asked without interaction throughout: a question about permissions never opens a
    // dialog.
    m_authorizer.query(
        call.service(), monitorAction, info,
        [this, call, caller, name, info](Result<PolkitAuthorizer::Verdict> seen) {
            if (!seen || *seen != PolkitAuthorizer::Verdict::Yes) {
                replyError(call,
                           seen ? Error::of(ErrorKind::NotAuthorized,
                                            "not authorized for " + monitorAction.toStdString())
                                : seen.error());
                return;
            }
            auto identity = assessStoredContainer(name.toStdString(), caller, false);
            auto whole = assessStoredContainer(name.toStdString(), caller, true);
            if (!identity || !whole) {
                replyError(call, identity ? whole.error() : identity.error());
                return;
            }
            // Each verb and the action its method would ask for.
            const QString manageIt = identity->own() ? manageOwnAction : manageAction;
            const QString startIt = whole->own() ? manageOwnAction : manageAction;
            const std::vector<std::pair<QString, QString>> verbs = {
                {QStringLiteral("start"), startIt},
                {QStringLiteral("define"), startIt},
                {QStringLiteral("stop"), manageIt},
                {QStringLiteral("delete"), manageIt},
                {QStringLiteral("console"), identity->own() ? manageOwnAction : consoleAction}};
            struct Pending {
                QMap<QString, QString> answers;
                size_t left = 0;
                bool failed = false;
            };
            auto pending = std::make_shared<Pending>();
            pending->answers[QStringLiteral("why")] = q(whole->summary());
            std::set<QString> actions;
            for (const auto& [verb, action] : verbs)
                actions.insert(action);
            pending->left = actions.size();
            for (const QString& action : actions) {
                m_authorizer.query(call.service(), action, info,
                                   [this, call, action, verbs,
                                    pending](Result<PolkitAuthorizer::Verdict> verdict) {
                                       if (pending->failed)
                                           return;
                                       if (!verdict) {
                                           pending->failed = true;
                                           replyError(call, verdict.error());
                                           return;
                                       }
                                       static const char* const words[] = {"yes", "password", "no"};
                                       for (const auto& [verb, needed] : verbs) {
                                           if (needed == action)
                                               pending->answers[verb] =
                                                   QLatin1String(words[int(*verdict)]);
                                       }
                                       if (--pending->left == 0) {
                                           QDBusConnection::systemBus().send(call.createReply(
                                               QVariant::fromValue(pending->answers)));
                                           emit activity();
                                       }
                                   });
            }
        });
    return {};
}

Result<Domain> ManagerService::storedContainer(const std::string& name) const {
    const auto stamp = stampOf(m_containers.filePath(name));
    if (!stamp)
        return fail(Error::of(ErrorKind::NotFound, "no container named '" + name + "'"));
    if (const auto kept = m_parsedContainers.find(name);
        kept != m_parsedContainers.end() && kept->second.first == *stamp)
        return kept->second.second;
    CUBBY_TRY(xml, m_containers.read(name));
    CUBBY_TRY(domain, parseDomainXml(xml, randomUuid));
    // Kept only if the file is still the one read (a writer may have replaced it meanwhile).
    if (stampOf(m_containers.filePath(name)) == stamp)
        m_parsedContainers.insert_or_assign(name, std::pair{*stamp, domain});
    return domain;
}

CallerFacts ManagerService::callerFacts(const Domain& domain, uint caller) const {
    CallerFacts facts;
    facts.uid = caller;
    facts.containerLimit = m_config.userContainerLimit;
    const auto account = homeAccountOf(caller);
    for (const auto& fs : domain.filesystems) {
        if (fs.type != FilesystemType::Mount || fs.targetDir == "/")
            continue;
        auto opened = openDirectoryInHome(caller, fs.sourceDir, !fs.readOnly);
        if (opened)
            facts.sourcesInHome.insert(fs.sourceDir);
        else if (account && fs.sourceDir.starts_with(account->home + "/"))
            facts.sourceProblems[fs.sourceDir] = opened.error().message;
    }
    for (const auto& name : rootfsNames()) {
        if (const auto record = rootfsRecord(name); record && record->owner == caller)
            facts.ownRootfs.insert(m_config.paths.rootfsPath(name));
    }
    for (const auto& name : m_networks.names())
        facts.networks.insert(name);
    for (const Network& network : storedNetworks()) {
        if (network.joinsHostLan())
            facts.lanNetworks.insert(network.name);
    }
    for (const auto& name : m_containers.names()) {
        if (name == domain.name)
            continue;
        auto other = storedContainer(name);
        if (other && other->cubby.ownerUid == caller)
            ++facts.containersOwned;
    }
    return facts;
}

Result<RiskAssessment> ManagerService::assessDefinition(const Domain& domain, uint caller) const {
    std::optional<Domain> stored;
    if (m_containers.exists(domain.name)) {
        // A broken stored definition has no owner anyone can rely on: an administrator's.
        auto parsed = storedContainer(domain.name);
        if (!parsed)
            return RiskAssessment{{"the stored definition cannot be read"}};
        stored = std::move(*parsed);
    }
    return assessContainer(domain, stored, callerFacts(domain, caller));
}

Result<RiskAssessment> ManagerService::assessStoredContainer(const std::string& name, uint caller,
                                                             bool full) const {
    if (!m_containers.exists(name))
        return fail(Error::of(ErrorKind::NotFound, "no container named '" + name + "'"));
    auto stored = storedContainer(name);
    if (!stored)
        return RiskAssessment{{"the stored definition cannot be read"}};
    if (full)
        return assessContainer(*stored, std::optional<Domain>(*stored),
                               callerFacts(*stored, caller));
    RiskAssessment risk;
    if (stored->cubby.ownerUid != caller)
        risk.adminReasons.push_back(
            std::format("container '{}' belongs to {}", name,
                        stored->cubby.ownerUid ? "uid " + std::to_string(*stored->cubby.ownerUid)
                                               : std::string("no recorded owner")));
    if (stored->cubby.privileged)
        risk.adminReasons.push_back("it is privileged (root inside is root on the host)");
    return risk;
}

std::optional<ManagerService::RootfsRecord>
ManagerService::rootfsRecord(const std::string& name) const {
    QFile file(q(m_config.paths.rootfsOwnersDir() + "/" + name));
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QList<QByteArray> fields = file.read(64).trimmed().split(' ');
    bool uidOk = false, bytesOk = false;
    RootfsRecord record;
    record.owner = fields.value(0).toUInt(&uidOk);
    record.bytes = fields.value(1).toULongLong(&bytesOk);
    if (!uidOk || !bytesOk)
        return std::nullopt;
    return record;
}

void ManagerService::recordRootfs(const std::string& name, uint32_t owner) {
    const std::string directory = m_config.paths.rootfsOwnersDir();
    const uint64_t bytes = treeBytes(m_config.paths.rootfsPath(name));
    QSaveFile file(q(directory + "/" + name));
    if (!makeDirectories(directory, 0700) || !file.open(QIODevice::WriteOnly) ||
        file.write(QByteArray::number(owner) + ' ' + QByteArray::number(qulonglong(bytes)) + '\n') <
            0 ||
        !file.commit())
        qWarning("cubby-helper: cannot record the owner of root filesystem '%s'", name.c_str());
}

void ManagerService::forgetRootfs(const std::string& name) {
    ::unlink((m_config.paths.rootfsOwnersDir() + "/" + name).c_str());
}

RootfsFacts ManagerService::rootfsFacts(const std::string& name, uint caller) const {
    RootfsFacts facts;
    facts.uid = caller;
    facts.rootfsLimit = m_config.userRootfsLimit;
    facts.rootfsBytesLimit = m_config.userRootfsBytesLimit;
    if (const auto record = rootfsRecord(name))
        facts.owner = record->owner;
    for (const auto& other : rootfsNames()) {
        if (const auto record = rootfsRecord(other); record && record->owner == caller) {
            ++facts.rootfsOwned;
            facts.rootfsBytesOwned += record->bytes;
        }
    }
    facts.rootfsOwned += m_jobs.activeStartedBy(caller, createOperation) +
                         m_jobs.activeStartedBy(caller, importOperation) +
                         m_jobs.activeStartedBy(caller, importContainerOperation) +
                         m_jobs.activeStartedBy(caller, cloneOperation);
    return facts;
}

} // namespace cubby
