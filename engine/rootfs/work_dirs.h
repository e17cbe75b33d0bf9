#pragma once
// BASE and the working directories in it. A tree is built in BASE/.partial-NAME and renamed
// to BASE/NAME when complete; a removal first renames BASE/NAME to BASE/.removing-NAME. The
// worker holds flock(LOCK_EX) on its working directory for its whole life, so a directory of
// that kind that can be locked was left by a worker that died, and clean-stale removes it.

#include "error.h"
#include "unique_fd.h"

#include <string>
#include <string_view>

namespace cubby {

inline constexpr std::string_view partialPrefix = ".partial-";
inline constexpr std::string_view removingPrefix = ".removing-";

// Opens BASE without following a symlink and checks it: a directory, owned by root, that
// neither its group nor others may write to (the helper makes it 0700).
Result<UniqueFd> openBaseDirectory(const std::string& path);

// flock(LOCK_EX | LOCK_NB): true when taken, false when another process holds it.
Result<bool> tryLockDirectory(int fd, std::string_view displayPath);

// Whether `name` in `parentFd` still names the directory open as `fd` (the same inode).
bool stillNamedBy(int parentFd, const std::string& name, int fd);

// Whether anything (a directory, file or symlink) is called `name` in `parentFd`.
Result<bool> entryExists(int parentFd, const std::string& name, std::string_view displayPath);

// Makes BASE/.partial-NAME (0755) and locks it. A locked one belongs to a live worker:
// AlreadyExists. An unlocked one was left by a dead worker and is removed first.
Result<UniqueFd> createPartialDirectory(int baseFd, const std::string& base,
                                        const std::string& name);

} // namespace cubby
