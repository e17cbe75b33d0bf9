#pragma once
// What every cubby-rootfs job shares: cancellation by SIGTERM/SIGINT and the progress lines
// for the helper (engine/core/job_protocol.h).

#include "error.h"
#include "job_protocol.h"

#include <chrono>
#include <string>

namespace cubby {

// SIGTERM and SIGINT set a flag and wake cancelFd() (the self-pipe trick): loops test
// cancelRequested() between steps, waits poll cancelFd() next to what they wait for. The
// handlers are installed without SA_RESTART, so a blocking call returns EINTR at once.
Status installCancelHandlers();
bool cancelRequested();
int cancelFd();
// For a forked child that must not take part (the parent decides and kills it).
void resetCancelHandlersInChild();
// Waits until `fd` is readable (or hung up), or fails with cancelledError().
Status waitReadable(int fd);

// The error value a step returns when it stopped because the job was cancelled.
Error cancelledError();
bool isCancelled(const Error& error);

// The progress descriptor. Progress lines are rate-limited to ten a second (the first one
// always goes out); the final line is written once, by finish(). A descriptor below 0 writes
// nothing, and a reader that went away is not an error (the helper's death ends us anyway).
class JobReporter {
public:
    explicit JobReporter(int fd)
        : m_fd(fd) {}

    // `force`: written even within the rate limit (the last progress of a step).
    void progress(double fraction, const std::string& text, bool force = false);
    // A line made elsewhere (a child's progress), passed on as it is.
    void relay(const std::string& line) { writeLine(line + "\n"); }
    void finish(const JobUpdate& update);

private:
    void writeLine(const std::string& line);

    int m_fd;
    bool m_sentAny = false;
    std::chrono::steady_clock::time_point m_last;
};

// "12.4 MiB": sizes in progress texts.
std::string mebibytes(uint64_t bytes);

} // namespace cubby
