#pragma once
// cubby-rootfs, run for a test the way the helper runs it: arguments, standard input and a
// progress descriptor (fd 3) whose lines are read back and checked against the job protocol.
// Also the BASE directory it works in and a pipe that feeds its standard input.

#include "job_protocol.h"

#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <sys/types.h>
#include <thread>
#include <vector>

namespace cubby::test {

// A BASE the way the helper makes it (0700, root's), removed afterwards.
class ScratchBase {
public:
    ScratchBase();
    ~ScratchBase();
    ScratchBase(const ScratchBase&) = delete;
    ScratchBase& operator=(const ScratchBase&) = delete;

    const std::string& path() const { return m_path; }
    std::string operator/(const std::string& name) const { return m_path + "/" + name; }

private:
    std::string m_path;
};

// One run of the worker: its progress lines (fd 3), exit status and how long it took. The
// destructor kills and reaps a worker that is still running.
class RootfsWorker {
public:
    // `input` becomes the worker's standard input (-1: /dev/null); the caller keeps its own.
    explicit RootfsWorker(const std::vector<std::string>& args, int input = -1);
    ~RootfsWorker();
    RootfsWorker(const RootfsWorker&) = delete;
    RootfsWorker& operator=(const RootfsWorker&) = delete;

    pid_t pid() const { return m_pid; }
    const std::vector<std::string>& lines() const { return m_lines; }
    std::chrono::milliseconds elapsed() const { return m_elapsed; }

    // The next line, or nullopt at the end of the output or after `timeout`.
    std::optional<std::string>
    nextLine(std::chrono::milliseconds timeout = std::chrono::seconds(10));
    // Reads the rest and reaps the worker: its exit status, 128 + signal, or -1 on timeout.
    int finish(std::chrono::milliseconds timeout = std::chrono::seconds(120));
    // Waits for a progress line whose text contains `needle`.
    bool waitForProgress(const std::string& needle,
                         std::chrono::milliseconds timeout = std::chrono::seconds(20));

private:
    pid_t m_pid = -1;
    int m_progress = -1;
    bool m_reaped = false;
    std::string m_pending;
    std::vector<std::string> m_lines;
    std::chrono::steady_clock::time_point m_started;
    std::chrono::milliseconds m_elapsed{0};
};

// What is wrong with a worker's lines (empty: nothing): every line in the protocol, progress
// lines first with fractions that never go back, at most about ten a second, and one final
// line of `kind`, which is stored in `last`.
std::string protocolProblem(const RootfsWorker& worker, JobUpdate::Kind kind,
                            JobUpdate* last = nullptr);

// Runs the worker to its end; "" when it exited with `status` and a `kind` final line.
std::string runProblem(const std::vector<std::string>& args, int status, JobUpdate::Kind kind,
                       int input = -1, JobUpdate* last = nullptr);

// `create --base BASE --name NAME --source SOURCE --progress-fd 3`
std::vector<std::string> createArgs(const ScratchBase& base, const std::string& name,
                                    const std::string& source);

// Feeds a pipe from a thread: `bytes`, then (unless `stall`) the end of the input. A stalled
// feeder keeps the pipe open without writing until it is stopped. Writers into a pipe whose
// reader was killed need SIGPIPE ignored.
class PipeFeeder {
public:
    PipeFeeder(std::string bytes, bool stall);
    ~PipeFeeder();
    PipeFeeder(const PipeFeeder&) = delete;
    PipeFeeder& operator=(const PipeFeeder&) = delete;

    // Given to the worker; our copy is closed once it has it, so only the worker reads.
    int readEnd() const { return m_readEnd; }
    void handedOver();

private:
    void feed();

    std::string m_bytes;
    bool m_stall;
    int m_readEnd = -1;
    int m_writeEnd = -1;
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
};

} // namespace cubby::test
