#pragma once
// Directories a user shares from their home (issue 9, items 3 and 4), checked by descriptor:
// the home is opened as the user's own directory, and the shared directory is reached from
// it with openat2(RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_XDEV), so no symlink,
// no "..", and no mount placed in the way can lead anywhere else. Done again at start: a
// path that was in the home at define time may have been swapped since.

#include "error.h"
#include "unique_fd.h"

#include <string>
#include <sys/types.h>

namespace cubby {

// The user's home directory as the password database gives it (absolute, not "/").
Result<std::string> homeDirectoryOf(uid_t uid);

// Opens `path` (absolute, inside uid's home) as an O_PATH directory descriptor: refused
// unless it is beneath the home by descriptor, a directory, and owned by `uid` (the home
// too), and unless the path names that very directory.
Result<UniqueFd> openDirectoryInHome(uid_t uid, const std::string& path);

} // namespace cubby
