#pragma once
// The three jobs of cubby-rootfs, each from a parsed command line to the text of its done
// line (or an error, or cancelledError()). See command_line.h for the command lines.

#include "command_line.h"
#include "error.h"

#include <string>

namespace cubby {

class JobReporter;

// Builds BASE/.partial-NAME, then renames it to BASE/NAME; a failed or cancelled create
// removes what it made.
Result<std::string> createRootfs(const RootfsCommand& command, JobReporter& reporter);

// Renames BASE/NAME to BASE/.removing-NAME at once (the name is free again), counts, removes.
// A mount point inside is found while counting; the tree then goes back to NAME untouched.
// Cancelled after counting, the rest stays in .removing-NAME for clean-stale.
Result<std::string> removeRootfs(const RootfsCommand& command, JobReporter& reporter);

// Replaces BASE/NAME by a copy of the directory on standard input (a snapshot): the copy is
// made as BASE/.partial-NAME, then exchanged with NAME in one rename; the old tree is removed.
Result<std::string> restoreRootfs(const RootfsCommand& command, JobReporter& reporter);

// Removes every BASE/.partial-* and BASE/.removing-* that no live worker holds locked.
Result<std::string> cleanStale(const RootfsCommand& command, JobReporter& reporter);

} // namespace cubby
