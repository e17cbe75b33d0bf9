#pragma once
// Runs one command to its end and measures it: wall time from spawning until the command's own
// process exits, and CPU time (user + system) of everything it started, from getrusage
// (RUSAGE_CHILDREN) before and after. The meter makes this process a child subreaper, so
// processes the command leaves behind come back to it, are reaped and counted too.

#include "error.h"
#include "unique_fd.h"

#include <string>
#include <vector>

namespace cubby::bench {

struct Command {
    std::vector<std::string> argv; // argv[0] is an absolute path
    // Spawn into a fresh private mount namespace with a tmpfs over /sys/fs/cgroup/unified,
    // made by the spawned child itself before exec (three system calls, counted in the child's
    // CPU time). crun refuses this host's v1/v2 hybrid otherwise.
    bool hideUnifiedCgroup = false;
};

struct Sample {
    double wallMs = 0;
    double userMs = 0;
    double sysMs = 0;
    int stragglers = 0; // descendants still alive when the command exited
    double cpuMs() const { return userMs + sysMs; }
};

class ProcessMeter {
public:
    static Result<ProcessMeter> create();

    // One run; fails with what the command printed when it does not exit with status 0.
    Result<Sample> run(const Command& command);

private:
    explicit ProcessMeter(UniqueFd output, UniqueFd devNull);
    std::string capturedOutput() const;

    UniqueFd m_output; // memfd: the command's stdout and stderr, kept for error messages
    UniqueFd m_devNull;
};

// The absolute path of `program` on $PATH, or empty when it is not installed.
std::string findProgram(const std::string& program);

// The first line a program prints for `argv` (e.g. "crun version 1.21"), or empty.
std::string firstLineOf(const std::vector<std::string>& argv);

} // namespace cubby::bench
