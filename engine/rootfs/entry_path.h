#pragma once
// How an archive member's name becomes a path inside the new root filesystem. Pure, so the
// rules are unit-tested apart from libarchive.

#include "error.h"

#include <string>
#include <string_view>

namespace cubby {

// Reads member names as GNU tar does: leading '/' and "./" are dropped (an absolute member
// lands inside the new root, never on the host), and so are empty and "." components inside
// ("a//./b" is "a/b"). A ".." component anywhere refuses the whole archive: it is hostile or
// broken, and unpacking the rest would leave a tree no one asked for. The root itself ("",
// "/", "./") becomes ".". Used for member names and for hard link targets alike.
Result<std::string> normalizeEntryPath(std::string_view name);

} // namespace cubby
