#pragma once
// A container's disk quota: its root filesystem's files carry a project id of their own, and the
// filesystem's project quota for that id caps their blocks (ext4 made with the project feature
// and mounted prjquota, XFS mounted pquota). The quota holds whoever owns the files, so an
// unprivileged container cannot get around it by changing owners, and a project id cannot be
// changed from inside a user namespace.
//
// The id is taken from the container's UUID (projectIdOf); the first start with a quota gives
// every existing file the id (one walk, then PROJINHERIT on the directories hands it to new
// files) and the root directory last, so an interrupted walk is done again.

#include "error.h"
#include "uuid.h"

#include <cstdint>
#include <optional>
#include <string>

namespace cubby {

// In 0x40000000–0x7fffffff: above the small ids administrators number projects with in
// /etc/projid, and positive for tools that print them signed.
uint32_t projectIdOf(const Uuid& uuid);

// Sets (or with nullopt lifts, if the tree has the id already) the quota of the tree at
// `rootFd` (any descriptor of its top directory). A filesystem without project quotas fails
// with Unsupported and a hint at what is missing, before anything is changed.
Status applyDiskQuota(int rootFd, uint32_t projectId, std::optional<uint64_t> limitKiB,
                      const std::string& shownPath);

struct DiskQuotaUsage {
    uint64_t usedBytes = 0;
    uint64_t limitBytes = 0; // 0: no limit
};
// What the project of the tree at `rootFd` uses; nullopt where the tree has no project id of
// its own or the filesystem keeps no project quota.
std::optional<DiskQuotaUsage> readDiskQuota(int rootFd);

} // namespace cubby
