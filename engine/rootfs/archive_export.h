#pragma once
// `cubby-rootfs export --root-fd N`: writes standard input's bytes (the helper's header with
// the container's definition, engine/core/container_export.h) and then the tree under
// descriptor N as a zstd-compressed pax tar to standard output, the descriptor a client
// opened. Owners are numeric; modes, times, extended attributes (file capabilities among
// them) and ACLs are kept, so that the import (archive_import.h) restores what was there.
// Device nodes and sockets are left out, as the import would skip them; the walk does not
// cross into other filesystems. A forked child chroot()ed into the tree, keeping only
// CAP_DAC_OVERRIDE (to read files of every owner), packs it.

#include "error.h"

#include <string>

namespace cubby {

class JobReporter;

Result<std::string> exportTree(int rootFd, JobReporter& reporter);

// In a child already chroot()ed and confined: the current directory as an uncompressed pax
// tar to standard output, the same members an export has, reporting progress on
// childReportFd. For cubby-rootfs pull-tree (file_copy.h).
Result<std::string> packHere();

} // namespace cubby
