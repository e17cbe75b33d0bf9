#pragma once
// Host shutdown: the helper's unit (cubby-containers.service's ExecStop) and the sysvinit
// script run `cubby-helper --stop-containers SECONDS`. Every running container's init gets its
// shutdown signal, as the app's Shut Down sends it (SIGRTMIN+4 for systemd), and the time to
// stop; its controller kills what is left after that. Without this, the host's final killing
// spree would SIGTERM each container's init, which systemd takes as "re-execute", not "stop".

#include "run_state.h"

#include <chrono>

namespace cubby {

// Returns once every container found running has stopped (0), or when some are still
// there `grace` plus a margin later (1, named on stderr).
int stopAllContainers(const CubbyPaths& paths, std::chrono::seconds grace);

} // namespace cubby
