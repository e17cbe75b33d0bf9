#include "job.h"

#include <array>
#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <format>
#include <poll.h>
#include <unistd.h>

namespace cubby {

namespace {

volatile std::sig_atomic_t cancelFlag = 0;
std::array<int, 2> cancelPipe{-1, -1};

void onCancelSignal(int) {
    const int saved = errno;
    cancelFlag = 1;
    const char byte = 1;
    // Non-blocking: a full pipe already wakes every poll.
    [[maybe_unused]] const ssize_t ignored = ::write(cancelPipe[1], &byte, 1);
    errno = saved;
}

} // namespace

Status installCancelHandlers() {
    if (::pipe2(cancelPipe.data(), O_CLOEXEC | O_NONBLOCK) != 0)
        return fail(Error::system(errno, "creating the cancellation pipe"));
    struct sigaction action = {};
    action.sa_handler = onCancelSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0; // no SA_RESTART: blocked reads and waits return EINTR
    for (const int signal : {SIGTERM, SIGINT}) {
        if (::sigaction(signal, &action, nullptr) != 0)
            return fail(Error::system(errno, "installing the cancellation handler"));
    }
    // A helper that closed its end of the progress pipe is not a reason to die half-way.
    struct sigaction ignore = {};
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    ::sigaction(SIGPIPE, &ignore, nullptr);
    return {};
}

bool cancelRequested() {
    return cancelFlag != 0;
}

int cancelFd() {
    return cancelPipe[0];
}

void resetCancelHandlersInChild() {
    struct sigaction ignore = {};
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    ::sigaction(SIGTERM, &ignore, nullptr);
    ::sigaction(SIGINT, &ignore, nullptr);
    ::close(cancelPipe[0]);
    ::close(cancelPipe[1]);
    cancelPipe = {-1, -1};
}

Status waitReadable(int fd) {
    for (;;) {
        if (cancelRequested())
            return fail(cancelledError());
        pollfd fds[2] = {{fd, POLLIN, 0}, {cancelPipe[0], POLLIN, 0}};
        const int ready = ::poll(fds, cancelPipe[0] >= 0 ? 2 : 1, -1);
        if (ready < 0 && errno != EINTR)
            return fail(Error::system(errno, "waiting for input"));
        if (ready > 0 && fds[0].revents != 0 && !cancelRequested())
            return {};
    }
}

Error cancelledError() {
    return {ErrorKind::System, ECANCELED, "cancelled"};
}

bool isCancelled(const Error& error) {
    return error.kind == ErrorKind::System && error.errnoValue == ECANCELED;
}

void JobReporter::progress(double fraction, const std::string& text, bool force) {
    const auto now = std::chrono::steady_clock::now();
    if (!force && m_sentAny && now - m_last < std::chrono::milliseconds(100))
        return;
    m_sentAny = true;
    m_last = now;
    writeLine(formatJobUpdate({JobUpdate::Kind::Progress, fraction, {}, text}));
}

void JobReporter::finish(const JobUpdate& update) {
    writeLine(formatJobUpdate(update));
}

void JobReporter::writeLine(const std::string& line) {
    if (m_fd < 0)
        return;
    // One write() per line: lines up to PIPE_BUF arrive whole even when a child shares the
    // descriptor.
    for (size_t done = 0; done < line.size();) {
        const ssize_t written = ::write(m_fd, line.data() + done, line.size() - done);
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0)
            return;
        done += static_cast<size_t>(written);
    }
}

std::string mebibytes(uint64_t bytes) {
    return std::format("{:.1f} MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
}

} // namespace cubby
