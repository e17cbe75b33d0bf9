#pragma once
// Cubby on a host whose init is systemd. Each container's cgroup lives in a scope unit of its
// own, "cubby-NAME.scope" in machine.slice and delegated to Cubby (as systemd-nspawn's do), so
// systemd accounts for it, orders it before the host's shutdown and never mistakes it for a
// stray group; and the container is registered with systemd-machined, so `machinectl list`,
// `machinectl status` and `systemd-cgtop` show it. RegisterMachineWithNetwork, not
// CreateMachine: the container stays in Cubby's own group with Cubby's limits, inside the
// scope, where CreateMachine would make a scope of machined's and move the leader there.
//
// Elsewhere (no systemd; the v1/v2 hybrid hosts that systemd 256 and later no longer boot; no
// system bus) none of this happens and containers live below the "cubby" group as before.
// The calls on the system bus are made by cubby-systemd (engine/systemd), which links sd-bus;
// the controller, linked statically without libsystemd, runs it next to its own binary.

#include "error.h"
#include "uuid.h"

#include <optional>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <vector>

namespace cubby {

// Whether this host was booted with systemd as PID 1 (sd_booted(3): /run/systemd/system).
bool hostRunsSystemd();

// "cubby-NAME.scope": every container name is a valid unit name part (letters, digits, '-',
// '_' and '.').
std::string containerScopeUnit(std::string_view containerName);
// The scope's group relative to the cgroup2 root, "machine.slice/cubby-NAME.scope".
std::string containerScopeGroup(std::string_view containerName);

// Where a container's group is: below its scope when that scope exists (started on a
// systemd host), else below `defaultParent`. For the helper's statistics and for cleaning up
// after a killed controller, which must find the group wherever the controller made it.
std::string containerCgroupParent(std::string_view defaultParent, std::string_view containerName);

// Has systemd make the container's scope with the calling process in it (cubby-systemd
// start-scope), waits until the process is there, then moves it on into the scope's leaf
// "supervisor": the scope's own group must hold no process once the container's group beside
// it gets controllers. Returns containerScopeGroup().
Result<std::string> enterContainerScope(std::string_view containerName);

struct MachineRegistration {
    std::string name;
    Uuid uuid;
    pid_t leader = 0;                // the container's init, as the host sees it
    std::string rootDirectory;       // host path of its root ("/" for the host's own)
    std::vector<int> hostInterfaces; // ifindex of each veth's host end
};

// cubby-systemd register / unregister (systemd_bus.h). NotFound where machined is not
// installed: callers skip registration silently then.
Status registerContainerMachine(const MachineRegistration& machine);
Status unregisterContainerMachine(std::string_view name);

// cubby-systemd's exit statuses.
inline constexpr int systemdToolFailed = 1;
inline constexpr int systemdToolUsage = 2;
inline constexpr int systemdToolUnavailable = 3; // machined is not installed

} // namespace cubby
