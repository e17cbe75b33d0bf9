#pragma once
// What one statistics read costs for a running container: ContainerCgroup::readStats() (the
// group's own counters), against summing /proc/PID/stat over the container's processes, the
// way a tool without a cgroup per container has to.

#include "error.h"

#include <string>
#include <sys/types.h>

namespace cubby::bench {

struct StatsCost {
    double openUs = 0;      // ContainerCgroup::open(), once
    double readStatsUs = 0; // per readStats()
    double procKnownUs = 0; // per pass: cgroup.procs, then /proc/PID/stat of each
    double procScanUs = 0;  // per pass: every /proc/N/stat, keeping init's descendants
    int reads = 0;          // passes of each kind
    int containerProcesses = 0;
    int procEntries = 0; // processes the scan had to read (all in this pid namespace)
};

Result<StatsCost> measureStatsCost(const std::string& cgroupParent, const std::string& name,
                                   pid_t initPid, int reads);

} // namespace cubby::bench
