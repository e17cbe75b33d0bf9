#pragma once
// The tree a container starts from, prepared by the controller before clone(), in a mount
// namespace of its own (so nothing here is visible on the host, and it all goes away with the
// controller). For a container with a user namespace:
//  - the root filesystem is an idmapped mount with the container's map: host root's files
//    show as root's inside, and what root inside makes is host root's on disk (hence the
//    0700 parent the controller insists on);
//  - host directories are bound as the host's root, which can reach them wherever they are,
//    and keep their host owners (ids outside the range show as nobody inside);
//  - the container's mount namespace is a copy made from a user namespace, in which the
//    kernel locks every one of these mounts: root inside cannot unmount them, make a
//    read-only one writable, or look below them.
// A privileged container gets the same tree without the idmap.

#include "container_plan.h"
#include "error.h"
#include "unique_fd.h"

namespace cubby {

// Moves the controller into its own mount namespace (once per process) and prepares the
// root; returns the prepared root directory, which the container's first process starts in.
Result<UniqueFd> stageContainerRoot(const ContainerPlan& plan);

} // namespace cubby
