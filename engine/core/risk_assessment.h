#pragma once
// Authorization that matches the risk (issue 9, item 4): whether a request concerns the
// caller's own unprivileged container, which an active desktop user may manage without a
// password (polkit action io.github.cubby1.manage-own), or needs an administrator.
//
// Pure: the helper gathers the facts (by descriptor, from its own records) and this decides.
// Every reason an administrator is needed is kept, so that the polkit details and the error
// a refused caller sees name what was asked.

#include "domain.h"

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace cubby {

struct CallerFacts {
    uint32_t uid = 0;
    // Host directories in the definition that the helper found inside the caller's home,
    // opened beneath it without symlinks or mount crossings, and owned by the caller.
    std::set<std::string> sourcesInHome;
    // Why the others are not (by source), when the check said more than "not in the home".
    std::map<std::string, std::string> sourceProblems;
    // Root filesystems Cubby made for the caller (host paths).
    std::set<std::string> ownRootfs;
    // Cubby networks that exist.
    std::set<std::string> networks;
    // Those of them that put containers on the host's LAN (a host bridge or a macvlan): as
    // much the host's as a type='bridge' or 'direct' interface.
    std::set<std::string> lanNetworks;
    // Containers the caller owns other than the one asked about, and how many a user may own
    // without an administrator.
    size_t containersOwned = 0;
    size_t containerLimit = 0;
};

struct RiskAssessment {
    // Empty: the caller's own unprivileged container, nothing of the host's reached.
    std::vector<std::string> adminReasons;
    bool own() const { return adminReasons.empty(); }
    // "; "-joined, for polkit details and errors.
    std::string summary() const;
};

// A definition to be stored (`stored`: the one it replaces, if any) or a stored one to be
// started, stopped, opened or deleted (`domain` is then the stored definition itself).
RiskAssessment assessContainer(const Domain& domain, const std::optional<Domain>& stored,
                               const CallerFacts& facts);

// A root filesystem job (create, import, delete) or a job's cancellation: the caller's own
// when it made that root filesystem (or starts it now within the limit).
struct RootfsFacts {
    uint32_t uid = 0;
    std::optional<uint32_t> owner; // who made the root filesystem; none: an administrator
    size_t rootfsOwned = 0;        // root filesystems of the caller, jobs in progress included
    size_t rootfsLimit = 0;
    uint64_t rootfsBytesOwned = 0; // disk used by the caller's finished root filesystems
    uint64_t rootfsBytesLimit = 0;
};
RiskAssessment assessNewRootfs(const RootfsFacts& facts);
RiskAssessment assessExistingRootfs(const RootfsFacts& facts);

} // namespace cubby
