#pragma once
// What the archive jobs' forked children share (archive_import.cpp unpacks, archive_export.cpp
// packs): the child runs chroot()ed in the tree with a few capabilities and reports in the job
// protocol on a pipe; the parent relays its progress, kills it when the job is cancelled and
// turns its last line and exit status into the job's result.

#include "error.h"
#include "unique_fd.h"

#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <sys/types.h>

namespace cubby {

class JobReporter;

// Where a child reports (its job protocol lines).
inline constexpr int childReportFd = 3;

// Forks `child` (which never returns) with the write end of a report pipe and follows it
// (followChildJob); `what` names it ("the unpacking process").
Result<std::string> forkChildJob(JobReporter& reporter, std::string_view what,
                                 const std::function<void(pid_t parent, int reportTo)>& child);

// In the forked child: dies with `parent`, takes no part in cancelling, moves `channel` to
// childReportFd and closes every descriptor above it, then enters `rootFd` as its root
// directory (chroot) keeping only the capabilities `kept`.
Status enterTreeAsChild(pid_t parent, int rootFd, int& channel, std::span<const int> kept,
                        std::string_view what);

// The child's last line on `channel` (done with the text, or the error) and its exit.
[[noreturn]] void finishChildJob(int channel, const Result<std::string>& outcome);

// Follows `child` through `reports` until it ends; `what` names it in errors ("the unpacking
// process").
Result<std::string> followChildJob(pid_t child, UniqueFd reports, JobReporter& reporter,
                                   std::string_view what);

// Keeps only `kept` in every capability set and the bounding set, and sets no_new_privs.
Status keepOnlyCapabilities(std::span<const int> kept);

} // namespace cubby
