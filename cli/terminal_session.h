#pragma once
// `cubbyctl console` and `cubbyctl shell`: this terminal, raw, joined to a PTY master the
// helper handed over. Ctrl+] leaves; the window size follows this terminal.

#include <cstddef>

namespace cubby::cli {

constexpr char escapeKey = 0x1d; // Ctrl+]

// Writes all of it, through short writes and interruptions; false when the other side is gone.
bool writeAll(int fd, const char* data, size_t size);

// Runs until the other side hangs up or the user presses Ctrl+]; returns the exit status.
// `announce`: say how to leave first (the console and shells; not exec, whose output is the
// command's alone).
int runTerminalSession(int ptyMaster, bool announce = true);

} // namespace cubby::cli
