#pragma once
// A new login shell inside a running container, as systemd-machined's OpenMachineShell
// does it: a child joins the container's namespaces, opens a PTY from the container's own
// devpts (so the terminal belongs to the container), hands the master back, and forks the
// shell with that PTY as its controlling terminal.

#include "cgroup.h"
#include "container_plan.h"
#include "unique_fd.h"

#include <string>
#include <vector>

namespace cubby {

struct ShellSession {
    UniqueFd master;
    std::string ptyName; // as the container sees it, e.g. /dev/pts/0
};

// `user`: a name or number from the container's /etc/passwd; empty means root.
Result<ShellSession> openShell(int initPidfd, const ContainerPlan& plan, ContainerCgroup& cgroup,
                               const std::string& user);

// A command run the same way (cubbyctl exec), with the same hardening, but kept track of: the
// process that joined the namespaces stays (outside the container's pid namespace, not
// dumpable) to wait for the command and write how it ended to the status pipe. Without a
// terminal its standard streams are three pipes, so its output and errors stay apart.
struct ExecSession {
    UniqueFd status;                // the client's end: "exit N" or "signal N", then EOF
    UniqueFd master;                // with a terminal
    std::string ptyName;            // with a terminal
    UniqueFd input, output, errors; // without: the client's ends of the command's pipes
    pid_t waiter = -1;              // the waiting process: the controller reaps it
};
Result<ExecSession> startExec(int initPidfd, const ContainerPlan& plan, ContainerCgroup& cgroup,
                              const std::string& user, const std::vector<std::string>& argv,
                              bool terminal);

} // namespace cubby
