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

struct HomeAccount {
    uid_t uid = 0;
    gid_t gid = 0;    // the primary group
    std::string home; // absolute, not "/", no trailing slash
};

// The user's account as the password database gives it; NotFound without a home of its own.
Result<HomeAccount> homeAccountOf(uid_t uid);

// Opens `path` (absolute, inside uid's home) as an O_PATH directory descriptor: refused
// unless it is beneath the home by descriptor, a directory, and owned by `uid` (the home
// too), and unless the path names that very directory. A folder the container may write
// must be in a home others cannot enter: root inside could make set-user-ID programs there
// that are the owner's on disk.
Result<UniqueFd> openDirectoryInHome(uid_t uid, const std::string& path, bool writable);

} // namespace cubby
