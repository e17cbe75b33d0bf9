#pragma once
// The disks a container's <blkiotune> names, as the kernel numbers them: the controller resolves
// them when the container starts, so a definition names a disk the way people do (/dev/nvme0n1,
// /dev/disk/by-id/…) and a renumbered disk is found again at the next start.

#include "cgroup_plan.h"
#include "domain.h"
#include "error.h"

#include <string>
#include <vector>

namespace cubby {

// The whole disk behind `path`: the node is opened (symlinks followed, nothing read or written)
// and must be a block device; a partition stands for its disk, since the kernel limits I/O
// per disk only. NotFound or InvalidArgument, naming the path, otherwise.
Result<BlockDeviceNumber> resolveDisk(const std::string& path);

// One number per <device>, in order.
Result<std::vector<BlockDeviceNumber>> resolveDisks(const BlkioTune& tune);

} // namespace cubby
