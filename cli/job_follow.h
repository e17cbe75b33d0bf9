#pragma once
// Following a helper job from cubbyctl (rootfs_commands.cpp), and feeding one from a framed
// standard input (framed_input.cpp), for the verbs of other files (export_commands.cpp).

#include "stream_frames.h"

#include <QString>
#include <string>

namespace cubby::cli {

// Follows the job at `path` until it ends: progress on stderr when it is a terminal, Ctrl+C
// cancels, and so does `cancelFd` becoming readable (-1: none). Returns the verb's exit
// status: 0 done, 1 failed, 130 cancelled.
// `showOutcome`: the job's last status goes under the done message (a clone's "with
// reflinks").
int followJob(const QString& path, const QString& doneMessage, int cancelFd = -1,
              bool showOutcome = false);

// What --connect runs on the other machine for an import: standard input carries the archive
// in frames (stream_frames.h); `frames` and `pending` are what was read of it already.
// Writes the payload to `toHelper` and closes it only after the end frame; an input that ends
// without it (the connection dropped) writes to `cutOff` instead, which cancels the job, and
// leaves `toHelper` open, so that the worker never sees an end the sender did not send.
void pumpFrames(FrameReader frames, std::string pending, int toHelper, int cutOff);

// Reads framed standard input until `bytes` of payload arrived (or it ended: fewer then);
// the rest of what was read stays in `pending`.
std::string readFramedPrefix(FrameReader& frames, std::string& pending, size_t bytes);

} // namespace cubby::cli
