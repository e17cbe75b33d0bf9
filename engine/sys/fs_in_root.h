#pragma once
// Paths inside a container's root, resolved by file descriptor with openat2(RESOLVE_IN_ROOT):
// a symlink in the root filesystem (hostile input once the container has run) can never lead
// outside it. Used before the root is pivoted to, when host paths are still reachable.

#include "error.h"
#include "unique_fd.h"

#include <string>
#include <string_view>

struct open_how;

namespace cubby {

// Opens `path` (absolute, as seen inside the root) below `rootFd` with O_PATH.
Result<UniqueFd> openInRoot(int rootFd, std::string_view path, int extraFlags = 0);

// Like openInRoot, creating missing directories on the way and, when missing, the final
// component as an empty file (asFile) or a directory.
Result<UniqueFd> openOrCreateInRoot(int rootFd, std::string_view path, bool asFile);

// Reads a small regular file inside the root (e.g. /etc/passwd), at most `limit` bytes.
Result<std::string> readFileInRoot(int rootFd, std::string_view path, size_t limit = 1 << 20);

// The /proc/self/fd/N path mount(2) accepts for an O_PATH descriptor.
std::string fdPath(int fd);

// openat2(2) that tries again on EAGAIN: with RESOLVE_IN_ROOT or RESOLVE_BENEATH the kernel
// answers EAGAIN when a rename or mount anywhere on the system raced with a ".." step (a
// relative symlink such as /sbin/init -> ../lib/systemd/systemd has one), and asks the caller to
// retry. The descriptor, or -1 with errno.
int openat2Retrying(int dirFd, const char* path, const struct open_how& how);

} // namespace cubby
