#pragma once
// `create --source busybox`: the busybox program is checked and asked for its applets before
// anything is made, then the plan (engine/core/busybox_rootfs.h) is applied inside the new
// root, entry by entry.

#include "busybox_rootfs.h"
#include "error.h"

#include <string>
#include <vector>

namespace cubby {

class JobReporter;

struct BusyboxProgram {
    std::string image;   // the program's bytes, copied into the root as read here
    std::string applets; // `busybox --list-full`
};

// Reads `path`, refuses anything but a statically linked ELF program (Unsupported: the root
// has no dynamic loader or libraries), and runs that same file (by descriptor, so what runs
// is what was checked) with --list-full.
Result<BusyboxProgram> loadBusybox(const std::string& path);

// Makes every entry of `plan` below `rootFd` (an empty directory), with progress.
Status applyBusyboxPlan(int rootFd, const std::vector<RootfsEntry>& plan,
                        const BusyboxProgram& busybox, JobReporter& reporter);

} // namespace cubby
