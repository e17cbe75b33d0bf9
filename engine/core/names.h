#pragma once
// Validation of the names and paths a definition carries. Each returns an error that names
// the thing (`what`, e.g. "<name>") and quotes the offending value.

#include "error.h"

#include <string_view>

namespace cubby {

// Container and network names become file names under /etc/cubby, cgroup names, hostnames
// and parts of interface names, so they are kept to a portable set: 1–64 characters of
// letters, digits, '-', '_' and '.', starting with a letter or digit.
constexpr size_t maxObjectNameLength = 64;
Status validateObjectName(std::string_view name, std::string_view what);

// Linux network interface names: 1–15 bytes, no '/', ':' or white space, not "." or "..".
// Cubby also keeps them to letters, digits, '-', '_' and '.' so they are safe in nft rules.
constexpr size_t maxInterfaceNameLength = 15;
Status validateInterfaceName(std::string_view name, std::string_view what);

// An absolute, normalized path: starts with '/', no "." or ".." components, no empty
// components (except the root itself), no NUL, at most PATH_MAX bytes. Paths are still
// opened by file descriptor later; this only refuses what can never be meant.
Status validateAbsolutePath(std::string_view path, std::string_view what);

} // namespace cubby
