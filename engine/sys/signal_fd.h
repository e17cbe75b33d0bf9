#pragma once
// The signals a single-threaded supervisor (cubby-controller, cubby-network) handles in its
// event loop: blocked, and read from a descriptor instead. SIGPIPE is ignored, so a client
// that went away is an error from write(), not the end of the supervisor.

#include "unique_fd.h"

namespace cubby {

// Blocks SIGTERM, SIGINT, SIGHUP and SIGCHLD and returns a non-blocking, close-on-exec
// signalfd for them (invalid on failure; errno says why).
UniqueFd blockSupervisorSignals();

} // namespace cubby
