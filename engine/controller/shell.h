#pragma once
// A new login shell inside a running container, as systemd-machined's OpenMachineShell
// does it: a child joins the container's namespaces, opens a PTY from the container's own
// devpts (so the terminal belongs to the container), hands the master back, and forks the
// shell with that PTY as its controlling terminal.

#include "cgroup.h"
#include "container_plan.h"
#include "unique_fd.h"

#include <string>

namespace cubby {

struct ShellSession {
    UniqueFd master;
    std::string ptyName; // as the container sees it, e.g. /dev/pts/0
};

// `user`: a name or number from the container's /etc/passwd; empty means root.
Result<ShellSession> openShell(int initPidfd, const ContainerPlan& plan, ContainerCgroup& cgroup,
                               const std::string& user);

} // namespace cubby
