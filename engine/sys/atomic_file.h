#pragma once
// Replacing a file so that a crash at any moment leaves either the old or the new contents,
// never a mix: write a temporary file in the same directory, fsync it, rename it over the
// target, fsync the directory.

#include "error.h"

#include <string>
#include <string_view>

namespace cubby {

Status writeFileAtomically(const std::string& path, std::string_view contents, mode_t mode = 0644);

} // namespace cubby
