#pragma once
// Runs one command to its end and times it (wall clock), keeping what it printed for the error
// message when it fails. Unlike ProcessMeter it waits for its own child only: the helper and
// network benchmarks keep daemons (libvirtd, cubby-network, controllers) as children, which a
// wait for any child would block on.

#include "error.h"

#include <string>
#include <sys/types.h>
#include <vector>

namespace cubby::bench {

struct Timed {
    double ms = 0;
    std::string output; // stdout and stderr together
};

// Fails, with the output, when the command does not exit with status 0.
Result<Timed> runTimed(const std::vector<std::string>& argv);

// Starts a command in the background with stdout and stderr appended to `logPath`; it
// inherits the calling thread's namespaces. argv[0] is an absolute path.
Result<pid_t> spawnLogged(const std::vector<std::string>& argv, const std::string& logPath);

// Waits up to `timeoutMs` for `pid` (a child) to exit; its exit status, 128+signal, or -1.
int waitChild(pid_t pid, int timeoutMs);

} // namespace cubby::bench
