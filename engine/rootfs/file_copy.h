#pragma once
// cubby-rootfs push and pull (cubbyctl cp, issue 13): one file copied into or out of a
// container's root, running or not. The helper hands over the root as a descriptor (a stopped
// container's tree, or a running one's root as its init sees it, with its user namespace);
// a forked child joins that namespace as the container's root, chroot()s into the tree with a
// few capabilities, and resolves the path with openat2(RESOLVE_IN_ROOT |
// RESOLVE_NO_MAGICLINKS), so neither a symlink, nor "..", nor /proc inside the container
// leads outside it. A push writes a temporary file beside the target and renames it into
// place only once all of it arrived: a push cut short leaves the old file as it was.

#include "error.h"

#include <cstdint>
#include <string>

namespace cubby {

class JobReporter;

struct FileCopy {
    int rootFd = -1;
    int usernsFd = -1; // -1: act as the host's root (a stopped or privileged container)
    std::string path;  // absolute, inside the container
    uint32_t mode = 0644;
    uint32_t uid = 0, gid = 0; // as the container sees them
};

// Standard input into FILE's path (a regular file or nothing there; never through a
// symlink in its last component); "Copied N bytes to PATH".
Result<std::string> pushFile(const FileCopy& copy, JobReporter& reporter);

// The regular file at FILE's path (symlinks followed inside the root) to standard output;
// "Copied N bytes from PATH (mode 0NNN)".
Result<std::string> pullFile(const FileCopy& copy, JobReporter& reporter);

// A directory: the tar archive on standard input unpacked as a new directory at PATH (made
// as a temporary directory beside it, owned by uid:gid with `mode` unless the archive's "./"
// member says otherwise, and renamed into place once all of it arrived; never over anything
// that exists). Members are unpacked as an import's are: no "..", no absolute paths, nothing
// written through a symlink, no device nodes.
Result<std::string> pushTree(const FileCopy& copy, JobReporter& reporter);

// The directory at PATH as an uncompressed pax tar to standard output (numeric owners as the
// container sees them; device nodes and sockets left out; no other filesystem entered).
Result<std::string> pullTree(const FileCopy& copy, JobReporter& reporter);

} // namespace cubby
