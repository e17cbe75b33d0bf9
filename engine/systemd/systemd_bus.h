#pragma once
// cubby-systemd's calls on the system bus (sd-bus), one short connection each: the container's
// scope from systemd, its registration with systemd-machined. Kept out of the controller,
// which is linked statically and has no libsystemd; it runs cubby-systemd for them
// (systemd_host.h).

#include "error.h"
#include "systemd_host.h"

#include <string_view>
#include <sys/types.h>

namespace cubby {

// StartTransientUnit: containerScopeUnit(name) in machine.slice, delegated, with `pid` in it,
// collected even when it failed, ordered before cubby-containers.service. A scope of that name
// still going away (its last process just exited) is waited for, up to 10 s.
Status startContainerScope(std::string_view containerName, pid_t pid);

// RegisterMachineWithNetwork on org.freedesktop.machine1. NotFound where machined is not
// installed (the bus cannot start it). A machine of the same name that machined is about to
// drop (the last run's, its controller killed) is waited for, up to 3 s.
Status registerMachine(const MachineRegistration& machine);
// UnregisterMachine: the machine leaves machined's list, nothing is killed. A machine machined
// has already dropped counts as unregistered.
Status unregisterMachine(std::string_view name);

} // namespace cubby
