#pragma once
// Mount trees handled by descriptor (the new mount API: open_tree, mount_setattr,
// move_mount): a tree is cloned, changed while detached, then attached onto a directory that
// is itself a descriptor, so no path is looked up between the checks and the mount.
//
// Idmapped mounts need a user namespace that carries the mapping. It does not have to be the
// container's own: makeUserNamespace() creates one with any map, for the root filesystem
// (the container's map) and for a shared folder (one host uid to one uid inside).

#include "error.h"
#include "unique_fd.h"

#include <string>
#include <string_view>
#include <sys/types.h>

namespace cubby {

// A detached copy of the mount at `path` below `dirFd` (with the mounts below it when
// `recursive`), as a descriptor; the copy disappears when the descriptor closes unattached.
Result<UniqueFd> cloneMountTree(int dirFd, const std::string& path, bool recursive);

// Makes a detached tree show owners through `userNamespaceFd`'s map: an id N on disk is
// seen as whatever N inside that namespace is outside. `what` names the tree in errors; a
// filesystem that cannot be idmapped is named in the error.
Status idmapMountTree(int treeFd, int userNamespaceFd, std::string_view what);

// Makes a tree (and the mounts below it) read-only.
Status makeMountTreeReadOnly(int treeFd, std::string_view what);

// Attaches a detached tree onto the directory (or file) `targetFd` names.
Status attachMountTree(int treeFd, int targetFd, std::string_view what);

// A user namespace with the given /proc/PID/uid_map and gid_map texts, held by a descriptor
// (the process that made it is gone by the time this returns).
Result<UniqueFd> makeUserNamespace(const std::string& uidMap, const std::string& gidMap);

// Writes a /proc/PID file such as uid_map or gid_map in one write(2), as the kernel wants.
Status writeProcFile(pid_t pid, const char* name, const std::string& text);

// The name of the filesystem type `fd` is on ("ext4", "9p", …), for messages.
std::string filesystemTypeName(int fd);

} // namespace cubby
