#pragma once
// The parent side of a container start: clone3() into new namespaces, put the child in its
// cgroup and write its id maps, let it go, and learn whether init was executed.

#include "cgroup.h"
#include "container_plan.h"
#include "identity.h"
#include "network_plan.h"
#include "unique_fd.h"

#include <sys/types.h>

namespace cubby {

struct LaunchedInit {
    pid_t pid = -1;
    UniqueFd pidfd; // polls readable when init exits
};

// Returns once init runs (or with the step that failed; the child is then reaped). The
// container's interfaces are made while the child waits for its "go".
// `rootDirFd` is the prepared root (root_staging.h) the child starts in.
Result<LaunchedInit> launchContainer(const ContainerPlan& plan, const ResolvedIdentity& identity,
                                     int rootDirFd, int consoleSlaveFd,
                                     const std::string& consoleSlavePath, ContainerCgroup& cgroup,
                                     const ContainerNetworkPlan& network);

} // namespace cubby
