#pragma once
// Starting the helper's long-lived children (cubby-controller, cubby-network) without ever
// blocking its event loop: each runs in its own session (it must outlive the helper's idle
// exit and no terminal signal may reach it), with its output appended to a log, and reports
// on a "ready descriptor" once it is up or has failed. The helper reads that line through a
// socket notifier and reaps the child through a pidfd.

#include "error.h"

#include <QObject>
#include <functional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace cubby {

// Replaced in `argv` by the number of the ready descriptor the child writes to.
inline constexpr std::string_view readyFdPlaceholder = "{ready-fd}";

struct SpawnRequest {
    std::vector<std::string> argv; // argv[0] is the program's path
    std::string logPath;           // stdout and stderr are appended here
    int stdinFd = -1;              // the child's stdin; -1: /dev/null
    int passFd = -1;               // stays open in the child under the same number
    int stdoutFd = -1;             // the child's stdout; -1: the log (stderr always is)
    std::vector<int> extraFds;     // more that stay open under their numbers
};

// Spawns the request in a new session (no terminal signal reaches it). Every other
// descriptor stays closed in the child (the helper's are all close-on-exec).
Result<pid_t> spawnChild(const SpawnRequest& request);

// Spawns `argv` (argv[0] is the program's path). `onLine` gets the first line the child
// writes to its ready descriptor, without the newline, or an empty string when the child
// closed it (exited) without writing one. Notifiers live as children of `owner`.
Result<pid_t> spawnWithReadyFd(const std::vector<std::string>& argv, const std::string& logPath,
                               QObject* owner, std::function<void(std::string line)> onLine);

// Reaps `pid` once it exits while the helper runs, so it never lingers as a zombie (after the
// helper exits, init reaps it).
void reapWhenDone(pid_t pid, QObject* owner);

// A pidfd for `pid` (close-on-exec), or -1.
int openPidfd(pid_t pid);

} // namespace cubby
