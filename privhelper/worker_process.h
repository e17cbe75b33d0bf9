#pragma once
// A short-lived worker (cubby-rootfs) run for a job: it reports progress lines on a pipe
// (engine/core/job_protocol.h) and is told to stop with SIGTERM. The helper never waits on
// it: the pipe and the worker's pidfd are watched by the event loop.

#include "job_protocol.h"

#include <QObject>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

class QSocketNotifier;

namespace cubby {

class WorkerProcess : public QObject {
    Q_OBJECT
public:
    // `argv` may hold "{progress-fd}", replaced by the number of the pipe's write end.
    // `stdinFd` (-1: /dev/null) becomes the worker's stdin.
    // `stdoutFd` (-1: the log) becomes its stdout; `extraFds` stay open under their numbers.
    static Result<WorkerProcess*> start(const std::vector<std::string>& argv,
                                        const std::string& logPath, int stdinFd, QObject* parent,
                                        int stdoutFd = -1, std::vector<int> extraFds = {});
    ~WorkerProcess() override;

    // Asks the worker to stop (SIGTERM); it removes what it made and reports "cancelled".
    void cancel();
    bool running() const { return !m_exited || m_pipe; }

signals:
    void progress(double fraction, const QString& status);
    // Once the worker has exited and its pipe is drained: its last line (done, error or
    // cancelled), or an error naming how it died when it never wrote one.
    void finished(const JobUpdate& outcome);

private:
    WorkerProcess(std::string program, pid_t pid, int pipeFd, int pidFd, QObject* parent);
    void readPipe();
    void reap();
    void finishIfDone();

    std::string m_program; // for messages
    pid_t m_pid;
    QSocketNotifier* m_pipe = nullptr;
    QSocketNotifier* m_pidfd = nullptr;
    bool m_cancelSent = false; // cancel() sent SIGTERM
    bool m_exited = false;
    int m_waitStatus = 0;
    std::string m_partialLine;
    std::optional<JobUpdate> m_outcome;
    bool m_reported = false;
};

} // namespace cubby
