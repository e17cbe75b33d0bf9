#pragma once
// Removing a directory tree that may be hostile (a container's root filesystem once it has
// run): by file descriptor only, depth first, never following a symlink (a link is removed,
// not its target) and never entering another mount (a bind mount inside the tree would
// otherwise take host files with it; such a tree fails with Conflict and the mount is left).
// Depth is not limited by the number of descriptors: subtrees below maxOpenDepth are moved up
// to the tree's top and removed from there.

#include "error.h"
#include "unique_fd.h"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace cubby {

inline constexpr size_t maxOpenDepth = 128;

struct TreeWalkOptions {
    // How the tree is named in messages ("/var/lib/cubby/rootfs/web"); entries are named
    // relative to it.
    std::string displayRoot;
    // Stop with cancelledError() when the job is cancelled. Off for the clean-up of a
    // cancelled or failed create, which must finish.
    bool cancellable = true;
    // Called after each entry (with the number so far); the callee rate-limits.
    std::function<void(uint64_t)> onEntry;
};

// Counts the entries below `dirFd` (not the directory itself), failing with Conflict on a
// mount point. Entries deeper than maxOpenDepth are not visited (each such subtree counts as
// one), so the count is a lower bound there.
Result<uint64_t> countTree(int dirFd, const TreeWalkOptions& options);

// Removes everything below `dirFd`, then the directory itself, which is `name` in `parentFd`.
Status removeTree(int parentFd, const std::string& name, int dirFd, const TreeWalkOptions& options);

// Opens directory `name` below `parentFd` for reading without following a symlink or
// crossing a mount point (openat2 RESOLVE_NO_SYMLINKS | RESOLVE_NO_XDEV): a mount point is a
// Conflict, anything but a directory is NotFound/Conflict with `displayPath` in the message.
Result<UniqueFd> openDirectoryBelow(int parentFd, const std::string& name,
                                    std::string_view displayPath);

} // namespace cubby
