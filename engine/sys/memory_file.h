#pragma once
// A small, sealed memory file: how the helper hands a worker data that must not appear on a
// command line (password hashes) as its standard input. Sealed, so nobody who gets the
// descriptor can change what the reader sees.

#include "error.h"
#include "unique_fd.h"

#include <string_view>

namespace cubby {

// A memfd holding `contents`, positioned at its start, sealed against writes, growth and
// shrinking; close-on-exec (a spawn's dup2 to 0 passes it on).
Result<UniqueFd> sealedMemoryFile(const char* name, std::string_view contents);

} // namespace cubby
