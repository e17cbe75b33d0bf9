#pragma once
// What the peer runtimes need to start /bin/true from the benchmark's BusyBox root, set up to
// do the same work as the controller: pid, mount, uts, ipc and network namespaces and the
// same 64 MiB memory limit.

#include "error.h"
#include "process_meter.h"

#include <cstdint>
#include <string>

namespace cubby::bench {

// The memory limit every contender that creates a cgroup applies (the controller's definition
// has <memory unit='MiB'>64</memory>; a Cubby container always has one).
constexpr uint64_t memoryLimitBytes = 64ull << 20;

// An OCI bundle in `bundleDir`: `crun spec`'s default config.json (namespaces pid, network,
// ipc, uts, mount; its usual mounts, masks and device rules), edited to run /bin/true from
// `rootfs` without a terminal, with a writable root (as the controller's) and the memory limit.
Status makeCrunBundle(ProcessMeter& meter, const std::string& crun, const std::string& bundleDir,
                      const std::string& rootfs);

// A minimal lxc.conf for lxc-execute: the root as a directory, an empty private network
// namespace (only lo), a hostname and the memory limit (a v1 or a v2 key, as the host has
// it). Returns its path.
Result<std::string> writeLxcConfig(const std::string& dir, const std::string& rootfs,
                                   bool unifiedCgroups);

} // namespace cubby::bench
