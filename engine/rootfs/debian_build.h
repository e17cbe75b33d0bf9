#pragma once
// `create --source debian`: mmdebstrap builds a minbase Debian system into the new root. It
// runs in its own session (so a cancel reaches apt and dpkg too) and its own mount namespace
// (so the /proc, /sys and /dev it mounts inside the root vanish with it, whatever way it
// ends); its "I: ..." lines become progress, its last error lines the error.

#include "debian_bootstrap.h"
#include "error.h"

#include <string>
#include <vector>

namespace cubby {

class JobReporter;

inline constexpr std::string_view mmdebstrapProgram = "/usr/bin/mmdebstrap";
inline constexpr std::string_view chpasswdProgram = "/usr/sbin/chpasswd";

// The "account:hash" lines on `fd` (standard input: --passwords stdin), bounded and checked.
Result<std::vector<AccountPassword>> readPasswordLines(int fd);

// Unsupported when mmdebstrap is not installed; checked before anything is made.
Status checkMmdebstrap();

// Builds `rootPath` (an empty directory the caller made and owns) as `request` asks, keeping
// downloaded packages in `cacheDir` (made if missing; empty: no cache). The done text.
Result<std::string> buildDebianRoot(const std::string& rootPath, const DebianBootstrap& request,
                                    const std::string& cacheDir, JobReporter& reporter);

} // namespace cubby
