#include "worker_process.h"

#include "process_spawn.h"
#include "unique_fd.h"

#include <QSocketNotifier>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <format>
#include <sys/wait.h>
#include <unistd.h>

namespace cubby {

namespace {

constexpr std::string_view progressFdPlaceholder = "{progress-fd}";

// What the worker's end says when it never wrote a last line.
JobUpdate crashed(const std::string& program, int waitStatus) {
    JobUpdate outcome;
    outcome.kind = JobUpdate::Kind::Error;
    outcome.errorKind = ErrorKind::System;
    if (WIFSIGNALED(waitStatus))
        outcome.text = std::format("{} was killed by signal {} ({})", program, WTERMSIG(waitStatus),
                                   ::strsignal(WTERMSIG(waitStatus)));
    else
        outcome.text = std::format("{} exited with status {} without saying why", program,
                                   WEXITSTATUS(waitStatus));
    return outcome;
}

} // namespace

Result<WorkerProcess*> WorkerProcess::start(const std::vector<std::string>& argv,
                                            const std::string& logPath, int stdinFd,
                                            QObject* parent, int stdoutFd,
                                            std::vector<int> extraFds) {
    int ends[2];
    if (::pipe2(ends, O_CLOEXEC) != 0)
        return fail(Error::system(errno, "creating a progress pipe"));
    UniqueFd readEnd(ends[0]);
    UniqueFd writeEnd(ends[1]);
    SpawnRequest request{argv, logPath, stdinFd, writeEnd.get(), stdoutFd, std::move(extraFds)};
    for (auto& argument : request.argv) {
        if (argument == progressFdPlaceholder)
            argument = std::to_string(writeEnd.get());
    }
    CUBBY_TRY(pid, spawnChild(request));
    writeEnd.reset();
    const int pidfd = openPidfd(pid);
    if (pidfd < 0) {
        const int err = errno;
        ::kill(pid, SIGKILL);
        ::waitpid(pid, nullptr, 0);
        return fail(Error::system(err, "watching " + argv[0]));
    }
    ::fcntl(readEnd.get(), F_SETFL, O_NONBLOCK);
    const std::string& path = argv[0];
    return new WorkerProcess(path.substr(path.rfind('/') + 1), pid, readEnd.release(), pidfd,
                             parent);
}

WorkerProcess::WorkerProcess(std::string program, pid_t pid, int pipeFd, int pidFd, QObject* parent)
    : QObject(parent)
    , m_program(std::move(program))
    , m_pid(pid)
    , m_pipe(new QSocketNotifier(pipeFd, QSocketNotifier::Read, this))
    , m_pidfd(new QSocketNotifier(pidFd, QSocketNotifier::Read, this)) {
    connect(m_pipe, &QSocketNotifier::activated, this, &WorkerProcess::readPipe);
    connect(m_pidfd, &QSocketNotifier::activated, this, &WorkerProcess::reap);
}

WorkerProcess::~WorkerProcess() {
    // The helper is going away with the worker still running: the worker's parent-death
    // signal ends it, and the next helper cleans what it left.
    for (QSocketNotifier* notifier : {m_pipe, m_pidfd}) {
        if (notifier)
            ::close(int(notifier->socket()));
    }
}

void WorkerProcess::cancel() {
    if (!m_exited) {
        m_cancelSent = true;
        ::kill(m_pid, SIGTERM);
    }
}

void WorkerProcess::readPipe() {
    char buffer[4096];
    for (;;) {
        const ssize_t got = ::read(int(m_pipe->socket()), buffer, sizeof buffer);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0 && errno == EAGAIN)
            return;
        if (got <= 0) { // end of file (or an error, which ends the pipe the same way)
            m_pipe->setEnabled(false);
            ::close(int(m_pipe->socket()));
            m_pipe->deleteLater(); // not delete: we are inside its signal
            m_pipe = nullptr;
            finishIfDone();
            return;
        }
        m_partialLine.append(buffer, static_cast<size_t>(got));
        for (size_t newline; (newline = m_partialLine.find('\n')) != std::string::npos;) {
            const std::string line = m_partialLine.substr(0, newline);
            m_partialLine.erase(0, newline + 1);
            const auto update = parseJobUpdate(line);
            if (!update)
                continue; // not ours; the worker's log has its diagnostics
            if (update->kind == JobUpdate::Kind::Progress)
                emit progress(update->fraction, QString::fromStdString(update->text));
            else
                m_outcome = update;
        }
        // A line this long is not the protocol's; do not let it grow without bound.
        if (m_partialLine.size() > 64 * 1024)
            m_partialLine.clear();
    }
}

void WorkerProcess::reap() {
    int status = 0;
    if (::waitpid(m_pid, &status, WNOHANG) != m_pid)
        return;
    m_exited = true;
    m_waitStatus = status;
    m_pidfd->setEnabled(false);
    ::close(int(m_pidfd->socket()));
    m_pidfd->deleteLater(); // not delete: we are inside its signal
    m_pidfd = nullptr;
    finishIfDone();
}

void WorkerProcess::finishIfDone() {
    if (!m_exited || m_pipe || m_reported)
        return;
    m_reported = true;
    // Our SIGTERM ended it before it could take the signal as a cancel (at its very start):
    // cancelled all the same, as asked.
    if (!m_outcome && m_cancelSent && WIFSIGNALED(m_waitStatus) &&
        WTERMSIG(m_waitStatus) == SIGTERM) {
        emit finished({JobUpdate::Kind::Cancelled, -1, {}, {}});
        return;
    }
    emit finished(m_outcome ? *m_outcome : crashed(m_program, m_waitStatus));
}

} // namespace cubby
