#pragma once
// `create --source copy`: the tree whose directory is standard input (a container's root the
// helper opened) copied into the new root, for a clone. Where both are on one filesystem that
// shares blocks between files (btrfs, XFS with reflink, bcachefs), every file is a reflink:
// instant, and no space is used until one of them changes; elsewhere it is a full copy. The
// copying is coreutils' `cp -a --reflink=auto` (owners, modes, times, links, extended
// attributes and ACLs kept; symlinks copied, never followed), run in its own session so that
// a cancel stops all of it. The done line says which way it went.

#include "error.h"

#include <string>

namespace cubby {

class JobReporter;

// Checks that standard input is a directory; before anything is made.
Status examineCopySource();

// Copies the tree on standard input into `rootPath` (the new root, `rootFd`); says how
// ("with reflinks (…)" or "as a full copy (…)").
Result<std::string> copyTree(int rootFd, const std::string& rootPath, JobReporter& reporter);

} // namespace cubby
