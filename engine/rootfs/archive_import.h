#pragma once
// `create --source archive`: the archive on standard input (tar or cpio, in any compression
// libarchive reads) is unpacked by a forked child that chroot()s into the new root first and
// keeps only the capabilities unpacking needs, so no member, symlink or hard link can write
// outside it, even through a bug in a decoder. The parent relays the child's progress and
// kills it when the job is cancelled.

#include "error.h"

#include <cstdint>
#include <string>

namespace cubby {

class JobReporter;

struct ArchiveInput {
    bool regularFile = false; // else a pipe or socket: the total is unknown
    uint64_t size = 0;        // regular file: the bytes from the current offset to the end
};

// Examines standard input before anything is created; a directory or a terminal is refused.
Result<ArchiveInput> examineArchiveInput();

// Unpacks standard input into `rootFd` (an empty directory); the text for the done line.
Result<std::string> importArchive(int rootFd, const ArchiveInput& input, JobReporter& reporter);

// The child's side (archive_extract.cpp): chroot into `rootFd`, unpack, and report on
// `reportFd` in the job protocol, ending with a done or error line. Never returns.
[[noreturn]] void runExtractChild(pid_t parent, int rootFd, int reportFd,
                                  const ArchiveInput& input);

// In a child already chroot()ed and confined: unpacks standard input into the current
// directory (its "./" member gives that directory's owner and mode), reporting progress on
// childReportFd. For cubby-rootfs push-tree (file_copy.h).
Result<std::string> unpackArchiveHere(const ArchiveInput& input);

} // namespace cubby
