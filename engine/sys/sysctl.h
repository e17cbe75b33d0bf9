#pragma once
// Kernel parameters under /proc/sys. The net/ ones belong to the network namespace of the
// thread that opens the file, so a caller inside a NetNamespaceGuard changes only that
// namespace.

#include "error.h"

#include <string>
#include <string_view>

namespace cubby {

// `key` as a path below /proc/sys, e.g. "net/ipv4/ip_forward".
Result<std::string> readSysctl(std::string_view key);
Status writeSysctl(std::string_view key, std::string_view value);

// The same for a key under net/ipv6, which is absent (and moot) in a namespace without IPv6:
// there it succeeds without writing.
Status writeIpv6Sysctl(std::string_view key, std::string_view value);

} // namespace cubby
