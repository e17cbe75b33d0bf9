#pragma once
// The fallback for a root filesystem on a filesystem that cannot be idmapped (ramfs, some
// FUSE and network filesystems): a one-time recursive shift of its owners into the
// container's host id range, done only when the definition opts in (<cubby:rootShift/>).
// Only a root filesystem is ever shifted: host folders shared into a container keep their
// owners. The shift is idempotent (ids already at or above the range's size are left alone),
// and it is recorded in Cubby's state (var/lib/cubby/root-shifts/NAME: the shift and the
// tree's device and inode), so later starts bind the tree as it is without walking it; such
// filesystems often keep no extended attributes to record it on the tree itself.

#include "container_plan.h"
#include "error.h"

#include <string>

namespace cubby {

// Whether the record at `recordPath` says the tree at `rootFd` was shifted by `shift`.
bool treeShiftRecorded(const std::string& recordPath, int rootFd, const IdShift& shift);

// Shifts every owner below `rootFd` (a directory), without following symlinks or leaving its
// filesystem, keeping set-user-ID bits and file capabilities (chown clears both), then writes
// the record. Ids at or above `count` are left as they are (they show as nobody inside).
Status shiftTreeOwners(int rootFd, const IdShift& shift, const std::string& recordPath);

} // namespace cubby
