#pragma once
// Runs one command of bench-rootfs to its end and measures it: wall time from spawning until the
// command's own process exits (a pidfd says when), and CPU time (user + system) of everything it
// started, from getrusage(RUSAGE_CHILDREN) before and after. Unlike ProcessMeter it can give the
// command a file on standard input (an archive) and a pipe on descriptor 3 (cubby-rootfs's
// --progress-fd 3), whose lines it reads as they come and may answer with SIGTERM (the cancel
// measurement). The benchmark is a child subreaper, so what a command leaves behind comes back
// to it, is reaped and counted.

#include "error.h"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace cubby::bench {

struct Run {
    std::vector<std::string> argv{}; // argv[0] is an absolute path
    std::string input{};             // a file for standard input; empty: /dev/null
    bool progressFd = false;         // a pipe on descriptor 3, its lines read back
    // Sees each progress line; returning true sends SIGTERM to the command (once).
    std::function<bool(std::string_view)> cancelOn{};
    int expectedStatus = 0; // any other exit status fails the run
};

struct Measured {
    double wallMs = 0;
    double userMs = 0;
    double sysMs = 0;
    double signalledAtMs = -1; // when cancelOn sent SIGTERM, from the start; -1: never
    std::string lastLine{};    // the last progress line
    double cpuMs() const { return userMs + sysMs; }
};

// Makes this process a child subreaper and turns SIGINT, SIGTERM and SIGHUP into a flag: a
// command running then gets SIGTERM, its run fails, and the benchmark cleans up and stops.
Status prepareRunner();
bool interrupted();

// One run; fails with the tail of what the command printed when it does not exit with
// `expectedStatus`.
Result<Measured> measure(const Run& run);

} // namespace cubby::bench
