#pragma once
// Desktop programs started by bench-app: a GUI (or a session bus, a window manager) run as a
// given user with an environment of its own, its output read line by line from a pipe, and
// what the kernel counts for it while it runs (CPU time, context switches per thread).

#include "error.h"
#include "unique_fd.h"

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <vector>

namespace cubby::bench {

struct Launch {
    std::vector<std::string> argv; // argv[0] is an absolute path
    std::vector<std::string> env;  // the whole environment, NAME=VALUE
    uid_t uid = 0;                 // 0: stays root; else runs as uid/gid with no groups
    gid_t gid = 0;
};

class DesktopProcess {
public:
    // Forks and execs right away; started() is taken just before the fork.
    static Result<std::unique_ptr<DesktopProcess>> start(const Launch& launch);
    // SIGTERM, then SIGKILL after 5 s.
    ~DesktopProcess();
    DesktopProcess(const DesktopProcess&) = delete;
    DesktopProcess& operator=(const DesktopProcess&) = delete;

    pid_t pid() const { return m_pid; }
    std::chrono::steady_clock::time_point started() const { return m_started; }
    // stdout and stderr together, non-blocking; readable when output or end of file arrives.
    int outputFd() const { return m_output.get(); }
    // Reads what has arrived and hands every complete line to `line`; keeps the last lines.
    void readLines(const std::function<void(std::string_view)>& line = {});
    // Whether the process has exited (reaped here); its status then in exitStatus().
    bool exited();
    std::string exitStatus() const { return m_exitStatus; }
    // The last lines it printed, for error messages.
    std::string lastLines() const;

private:
    DesktopProcess() = default;

    pid_t m_pid = -1;
    std::chrono::steady_clock::time_point m_started;
    UniqueFd m_output;
    std::string m_partial;
    std::vector<std::string> m_last;
    std::string m_exitStatus;
};

// What the kernel counts for a running process.
struct ProcessCounts {
    double cpuSeconds = 0; // user + system of all its threads, live and gone (/proc/PID/stat)
    // The same to the nanosecond, of its live threads only (/proc/PID/task/*/schedstat).
    long long runNanoseconds = 0;
    long voluntary = 0; // context switches summed over its live threads (/proc/PID/task)
    long involuntary = 0;
    std::map<std::string, long> switchesByThread; // by thread name (comm), both kinds
    // Per live thread (by tid), so that a difference counts only threads seen at both ends (and
    // new ones whole): a thread that ended meanwhile would otherwise make it negative.
    struct Task {
        long voluntary = 0;
        long involuntary = 0;
        long long runNanoseconds = 0;
    };
    std::map<long, Task> tasks;
};
Result<ProcessCounts> readProcessCounts(pid_t pid);

// `seconds` of waiting on `fds` (drained by `onReadable`) rather than a plain sleep, so that
// a child's output pipe never fills while it is being measured.
void waitWhileDraining(double seconds, const std::vector<int>& fds,
                       const std::function<void()>& onReadable);

} // namespace cubby::bench
