#include "risk_assessment.h"

#include "cgroup_plan.h"
#include "id_ranges.h"

#include <format>

namespace cubby {

std::string RiskAssessment::summary() const {
    std::string text;
    for (const auto& reason : adminReasons) {
        if (!text.empty())
            text += "; ";
        text += reason;
    }
    return text;
}

namespace {

std::string mebibytes(uint64_t bytes) {
    return std::format("{} MiB", bytes >> 20);
}

void assessIdentity(const Domain& domain, const std::optional<Domain>& stored,
                    const CallerFacts& facts, std::vector<std::string>& reasons) {
    if (stored && stored->cubby.ownerUid != facts.uid) {
        reasons.push_back(stored->cubby.ownerUid
                              ? std::format("container '{}' belongs to uid {}", stored->name,
                                            *stored->cubby.ownerUid)
                              : std::format("container '{}' has no recorded owner", stored->name));
    }
    if (domain.cubby.privileged)
        reasons.push_back("it is privileged (root inside is root on the host)");
    // Only the range the helper allocated: any other map could make root inside someone on
    // the host.
    const bool allocatedRange = stored && stored->idmap && domain.idmap == stored->idmap &&
                                isAllocatedIdMap(*stored->idmap);
    if (domain.idmap && !allocatedRange)
        reasons.push_back("it brings an <idmap> of its own");
    if (domain.cubby.seccomp == SeccompProfile::None)
        reasons.push_back("it asks for no system-call filter");
    // More processes than the default is a share of the host's pid space an administrator
    // grants (a fork bomb inside would take it); fewer is every owner's choice.
    if (domain.cubby.processLimit && *domain.cubby.processLimit > defaultContainerPidsMax)
        reasons.push_back(std::format("it may run {} processes, more than the default {}",
                                      *domain.cubby.processLimit, defaultContainerPidsMax));
}

void assessFilesystems(const Domain& domain, const CallerFacts& facts,
                       std::vector<std::string>& reasons) {
    if (!domain.rootFilesystem())
        reasons.push_back("it shares the host's root filesystem");
    for (const auto& fs : domain.filesystems) {
        if (fs.type != FilesystemType::Mount)
            continue; // a tmpfs or a bind within the container reaches nothing of the host
        if (fs.targetDir == "/") {
            if (!facts.ownRootfs.contains(fs.sourceDir))
                reasons.push_back(std::format("its root filesystem {} is not one Cubby made "
                                              "for uid {}",
                                              fs.sourceDir, facts.uid));
        } else if (!facts.sourcesInHome.contains(fs.sourceDir)) {
            const auto problem = facts.sourceProblems.find(fs.sourceDir);
            reasons.push_back(problem != facts.sourceProblems.end()
                                  ? problem->second
                                  : std::format("it mounts {}, which is not a directory of "
                                                "yours in your home",
                                                fs.sourceDir));
        }
    }
}

void assessInterfaces(const Domain& domain, const CallerFacts& facts,
                      std::vector<std::string>& reasons) {
    for (const auto& iface : domain.interfaces) {
        if (iface.type == InterfaceType::Bridge)
            reasons.push_back(std::format("it joins the host bridge {}", iface.source));
        else if (iface.type == InterfaceType::Direct)
            reasons.push_back(std::format("it uses the host device {} (macvlan)", iface.source));
        else if (!facts.networks.contains(iface.source))
            reasons.push_back(
                std::format("it uses the network '{}', which does not exist", iface.source));
        else if (facts.lanNetworks.contains(iface.source))
            reasons.push_back(
                std::format("it joins the host's LAN through the network '{}'", iface.source));
    }
}

} // namespace

RiskAssessment assessContainer(const Domain& domain, const std::optional<Domain>& stored,
                               const CallerFacts& facts) {
    RiskAssessment risk;
    assessIdentity(domain, stored, facts, risk.adminReasons);
    assessFilesystems(domain, facts, risk.adminReasons);
    assessInterfaces(domain, facts, risk.adminReasons);
    if (!stored && facts.containersOwned >= facts.containerLimit)
        risk.adminReasons.push_back(std::format("uid {} already has {} containers, the most a "
                                                "user may make without an administrator",
                                                facts.uid, facts.containersOwned));
    return risk;
}

RiskAssessment assessNewRootfs(const RootfsFacts& facts) {
    RiskAssessment risk;
    if (facts.rootfsOwned >= facts.rootfsLimit)
        risk.adminReasons.push_back(std::format("uid {} already has {} root filesystems, the "
                                                "most a user may make without an administrator",
                                                facts.uid, facts.rootfsOwned));
    if (facts.rootfsBytesOwned >= facts.rootfsBytesLimit)
        risk.adminReasons.push_back(std::format(
            "uid {}'s root filesystems already use {}, the most a user may use without an "
            "administrator is {}",
            facts.uid, mebibytes(facts.rootfsBytesOwned), mebibytes(facts.rootfsBytesLimit)));
    return risk;
}

RiskAssessment assessExistingRootfs(const RootfsFacts& facts) {
    RiskAssessment risk;
    if (facts.owner != facts.uid)
        risk.adminReasons.push_back(facts.owner ? std::format("it belongs to uid {}", *facts.owner)
                                                : std::string("it was made by an administrator"));
    return risk;
}

} // namespace cubby
