#pragma once
// How a long-running worker (cubby-rootfs) tells the helper how far it got, one line at a time
// on its progress descriptor:
//
//   progress FRACTION TEXT     FRACTION in [0, 1], or -1 when the total is unknown
//   done TEXT                  finished; the result is in place
//   error KIND TEXT            failed (KIND: an ErrorKind name); nothing is left behind
//   cancelled                  stopped on SIGTERM/SIGINT; nothing is left behind
//
// TEXT is for people ("Unpacking: 12.4 of 48.0 MiB") and never contains a newline. The last
// line is one of done/error/cancelled; a worker that exits without one has crashed. Exit
// status: 0 done, 1 error, 3 cancelled.

#include "error.h"

#include <optional>
#include <string>
#include <string_view>

namespace cubby {

struct JobUpdate {
    enum class Kind { Progress, Done, Error, Cancelled };
    Kind kind = Kind::Progress;
    double fraction = -1;                    // Progress only; -1: unknown
    ErrorKind errorKind = ErrorKind::System; // Error only
    std::string text;
};

inline constexpr int jobExitDone = 0;
inline constexpr int jobExitError = 1;
inline constexpr int jobExitCancelled = 3;

// One line, with its newline. Newlines in the text become spaces; a fraction outside [0, 1]
// other than -1 is clamped.
std::string formatJobUpdate(const JobUpdate& update);

// One line without its newline; nullopt when it is not in the format above.
std::optional<JobUpdate> parseJobUpdate(std::string_view line);

// "InvalidArgument" ↔ ErrorKind::InvalidArgument, and so on for every kind.
std::string_view errorKindName(ErrorKind kind);
std::optional<ErrorKind> errorKindFromName(std::string_view name);

} // namespace cubby
