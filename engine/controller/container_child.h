#pragma once
// The child side of a container start: runs between clone3() and exec() of init, walking the
// plan built before clone.

#include "container_plan.h"
#include "identity.h"
#include "seccomp_filter.h"

namespace cubby {

struct ChildContext {
    const ContainerPlan* plan = nullptr;
    const SeccompProgram* seccomp = nullptr; // built from plan->seccomp before clone()
    ResolvedIdentity identity;
    int syncFd = -1;         // to the parent; close-on-exec
    int consoleSlaveFd = -1; // becomes init's stdin/out/err
    // The same PTY by path, to bind at /dev/console: a descriptor opened before clone()
    // belongs to the old mount namespace and cannot be a bind source in the new one.
    const char* consoleSlavePath = nullptr;
};

// Never returns: exec()s init or reports the failing step and exits.
[[noreturn]] void runContainerChild(const ChildContext& context);

} // namespace cubby
