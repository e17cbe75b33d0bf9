// Unprivileged by default: at define time every container without an <idmap> of its own
// (and not explicitly privileged) gets a range of host ids (engine/core/id_ranges.h), and
// every container records who defined it.
#include "manager_service.h"

#include "domain_xml.h"
#include "id_ranges.h"
#include "manager_common.h"

#include <QFile>
#include <format>

namespace cubby {

using namespace manager;

namespace {

constexpr qint64 maxSubordinateFileBytes = 1 << 20;

// /etc/subuid and /etc/subgid: ranges users may map (rootless podman, LXC), never a container's.
std::vector<HostIdRange> subordinateRanges() {
    std::vector<HostIdRange> ranges;
    for (const char* path : {"/etc/subuid", "/etc/subgid"}) {
        QFile file(QString::fromLatin1(path));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const auto parsed = parseSubordinateIds(file.read(maxSubordinateFileBytes).toStdString());
        ranges.insert(ranges.end(), parsed.begin(), parsed.end());
    }
    return ranges;
}

} // namespace

Status ManagerService::settleIdentity(Domain& domain, uint caller) const {
    std::optional<Domain> previous;
    std::vector<HostIdRange> taken = subordinateRanges();
    for (const auto& name : m_containers.names()) {
        auto other = storedContainer(name);
        if (!other)
            continue;
        if (other->name == domain.name) {
            previous = std::move(*other);
            continue;
        }
        const auto used = hostIdRanges(*other);
        // Two containers sharing host ids could reach each other's files and processes.
        for (const auto& range : hostIdRanges(domain)) {
            for (const auto& theirs : used) {
                if (range.overlaps(theirs))
                    return fail(Error::of(
                        ErrorKind::Conflict,
                        std::format("the <idmap> of '{}' overlaps the host ids of container "
                                    "'{}' ({}–{}); leave <idmap> out and Cubby picks a free range",
                                    domain.name, other->name, theirs.start,
                                    theirs.start + theirs.count - 1)));
            }
        }
        taken.insert(taken.end(), used.begin(), used.end());
    }
    // The owner is whoever defined the container first; a redefinition keeps it.
    domain.cubby.ownerUid = previous && previous->cubby.ownerUid ? previous->cubby.ownerUid
                                                                 : std::optional<uint32_t>(caller);
    if (domain.cubby.privileged || domain.idmap)
        return {};
    // A redefinition without <idmap> (the same file again) keeps the container's range.
    if (previous && previous->idmap && isAllocatedIdMap(*previous->idmap)) {
        domain.idmap = previous->idmap;
        return {};
    }
    CUBBY_TRY(base, allocateContainerIds(taken));
    domain.idmap = containerIdMap(base);
    return {};
}

} // namespace cubby
