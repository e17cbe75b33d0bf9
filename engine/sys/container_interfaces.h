#pragma once
// A container's interfaces, made by its controller between clone() and the child's "go"
// (launcher.cpp): veth pairs whose host end joins a bridge and whose peer is created directly
// inside the child's network namespace under its guest name, or macvlans created there; then,
// inside that namespace (entered on the controller's only thread, and left again), loopback
// and the interfaces up, their addresses and routes.
//
// They go away with the container's network namespace when its last process ends, also after
// the controller was killed. The host ends are still deleted by name when the container stops
// and before each start, so a namespace the kernel is slow to free never blocks a restart.

#include "error.h"
#include "network_plan.h"

#include <sys/types.h>

namespace cubby {

Status attachContainerInterfaces(const ContainerNetworkPlan& plan, pid_t child);
void detachContainerInterfaces(const ContainerNetworkPlan& plan);

} // namespace cubby
