#pragma once
// A depth-first walk over a directory tree held open by descriptor, for the one-time passes
// over a container's root filesystem (the owner shift, project quota ids). No path is looked up
// twice, symlinks are not followed and other filesystems mounted below are not entered.

#include "error.h"

#include <functional>
#include <string>
#include <sys/stat.h>

namespace cubby {

// Called for every entry below the root: a directory after its contents, as (its own
// descriptor, "", its status, its path), anything else as (its directory's descriptor, its
// name, its status, its path). `path` is relative to the root and starts with '/'.
using TreeVisitor =
    std::function<Status(int at, const char* name, const struct stat& status, const std::string&)>;

// A tree deeper than this is refused rather than walked: each level holds two descriptors.
inline constexpr unsigned maxTreeWalkDepth = 256;

// Visits everything below `rootFd` (a directory; it is not visited itself); stops at the first
// failure, which it returns.
Status walkTree(int rootFd, const TreeVisitor& visit);

} // namespace cubby
