#include "event_log.h"

#include <chrono>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <format>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace cubby {

namespace {

constexpr off_t maxEventLogBytes = 256 * 1024;

} // namespace

EventLog::EventLog(std::string path)
    : m_path(std::move(path)) {
    struct stat status = {};
    if (::stat(m_path.c_str(), &status) == 0 && status.st_size > maxEventLogBytes)
        (void)::rename(m_path.c_str(), (m_path + ".1").c_str());
}

void EventLog::add(std::string_view event) const {
    const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    const std::string line = std::format("{:%FT%TZ} {}\n", now, event);
    int fd = ::open(m_path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
    if (fd < 0)
        return;
    // Kept to its size while the container runs too, not only at the next start: one that
    // runs out of memory over and over must not fill the disk with the news.
    struct stat status = {};
    if (::fstat(fd, &status) == 0 && status.st_size > maxEventLogBytes) {
        ::close(fd);
        (void)::rename(m_path.c_str(), (m_path + ".1").c_str());
        fd = ::open(m_path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
        if (fd < 0)
            return;
    }
    (void)::write(fd, line.data(), line.size()); // one write: lines never interleave
    ::close(fd);
}

std::string EventLog::describeInitExit(int waitStatus) {
    if (WIFEXITED(waitStatus))
        return std::format("init exited with status {}", WEXITSTATUS(waitStatus));
    if (!WIFSIGNALED(waitStatus))
        return "init ended";
    // reboot(2) inside a pid namespace ends init with SIGINT (power off) or SIGHUP (reboot).
    switch (WTERMSIG(waitStatus)) {
    case SIGINT:
        return "init powered off";
    case SIGHUP:
        return "init asked for a reboot";
    default:
        return std::format("init was killed by signal {} ({})", WTERMSIG(waitStatus),
                           ::sigdescr_np(WTERMSIG(waitStatus)));
    }
}

} // namespace cubby
