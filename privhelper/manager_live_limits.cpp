// ApplyLiveLimits: the stored definition's memory and CPU limits for a running container, the
// way virsh setmem and schedinfo change a running domain. A define alone changes what the next
// start uses; this is the separate, explicit "now". The container's controller owns its group
// and its live state, so the limits go to it (SetLimits) and it writes both.
#include "manager_service.h"

#include "cgroup_plan.h"
#include "control_protocol.h"
#include "domain_xml.h"
#include "manager_common.h"

#include <QDBusConnection>

namespace cubby {

using namespace manager;

QStringList ManagerService::ApplyLiveLimits(const QString& name,
                                            QStringList& /*atNextStart: in the delayed reply*/) {
    if (!checkContainerName(name))
        return {};
    // Judged as a change to the container (its owner's own unprivileged one: manage-own).
    const uint caller = callerUid();
    authorizeByRisk(
        details("container", name, "apply-live"), manageAction,
        [this, name, caller] { return assessStoredContainer(name.toStdString(), caller, true); },
        [this, name](const QDBusMessage& call) {
            const std::string id = name.toStdString();
            if (!m_runtime.isRunning(id)) {
                replyError(call, Error::of(ErrorKind::Conflict,
                                           "'" + id +
                                               "' is not running; its definition applies "
                                               "when it next starts"));
                return;
            }
            const auto anyUuid = [] { return Uuid{}; };
            auto stored = m_containers.read(id);
            auto domain =
                stored ? parseDomainXml(*stored, anyUuid) : Result<Domain>(fail(stored.error()));
            auto running = parseDomainXml(m_runtime.liveXml(id), anyUuid);
            if (!domain || !running) {
                replyError(call, domain ? running.error() : domain.error());
                return;
            }
            const LiveChanges changes = compareForLiveUpdate(*running, *domain);
            const LiveLimitsRequest limits{domain->memoryKiB, domain->memtune.hardLimitKiB,
                                           domain->cputune.shares, domain->cputune.periodUs,
                                           domain->cputune.quotaUs};
            if (auto applied =
                    m_runtime.request(id, ControlMessage::SetLimits, formatLiveLimits(limits));
                !applied) {
                replyError(call, applied.error());
                return;
            }
            QStringList live, atNextStart;
            if (changes.memory)
                live << QStringLiteral("memory");
            if (changes.cpu)
                live << QStringLiteral("cpu");
            if (changes.other)
                atNextStart << QStringLiteral("other");
            QDBusConnection::systemBus().send(call.createReply({live, atNextStart}));
        });
    return {};
}

} // namespace cubby
