#include "console_hub.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

namespace cubby {

ConsoleHub::ConsoleHub(UniqueFd master, UniqueFd slave, std::string slavePath, std::string logPath)
    : m_master(std::move(master))
    , m_slave(std::move(slave))
    , m_slavePath(std::move(slavePath))
    , m_logPath(std::move(logPath)) {
    m_log.reset(
        ::open(m_logPath.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0600));
    struct stat info = {};
    if (m_log && ::fstat(m_log.get(), &info) == 0)
        m_logSize = info.st_size;
}

void ConsoleHub::drain(const std::function<void(std::string_view)>& sink) {
    // A bounded amount per wake-up: a container that writes without pause must not keep the
    // controller from its clients (the loop is level-triggered and comes straight back).
    drainRounds(sink, 8);
}

void ConsoleHub::drainAll(const std::function<void(std::string_view)>& sink) {
    drainRounds(sink, 64);
}

void ConsoleHub::drainRounds(const std::function<void(std::string_view)>& sink, int rounds) {
    char buffer[16 * 1024];
    for (int round = 0; round < rounds; ++round) {
        const ssize_t got = ::read(m_master.get(), buffer, sizeof buffer);
        if (got <= 0)
            return; // EAGAIN: drained; EIO: no slave open (we keep one, so only transiently)
        const std::string_view chunk(buffer, static_cast<size_t>(got));
        m_ring.append(chunk);
        // People first: under heavy disk writeback a log write can stall for a while, and
        // the clients should not wait for it.
        sink(chunk);
        log(chunk);
    }
}

void ConsoleHub::log(std::string_view bytes) {
    if (!m_log)
        return;
    if (m_logSize + static_cast<off_t>(bytes.size()) > logCapBytes) {
        const std::string previous = m_logPath + ".1";
        ::rename(m_logPath.c_str(), previous.c_str());
        m_log.reset(::open(m_logPath.c_str(),
                           O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0600));
        m_logSize = 0;
        if (!m_log)
            return;
    }
    // A full disk must not stop the console: the log is best effort, the ring is not.
    const ssize_t written = ::write(m_log.get(), bytes.data(), bytes.size());
    if (written > 0)
        m_logSize += written;
}

bool ConsoleHub::write(std::string_view input) {
    // A container that does not read its console cannot make the controller hoard input.
    if (m_pendingInput.size() + input.size() > maxPendingInput)
        input = input.substr(0, maxPendingInput - std::min(maxPendingInput, m_pendingInput.size()));
    m_pendingInput.append(input);
    return flushInput();
}

bool ConsoleHub::flushInput() {
    while (!m_pendingInput.empty()) {
        const ssize_t written =
            ::write(m_master.get(), m_pendingInput.data(), m_pendingInput.size());
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0)
            break;
        m_pendingInput.erase(0, static_cast<size_t>(written));
    }
    return !m_pendingInput.empty();
}

void ConsoleHub::setWindowSize(unsigned short rows, unsigned short columns) {
    winsize size{};
    size.ws_row = rows;
    size.ws_col = columns;
    ::ioctl(m_master.get(), TIOCSWINSZ, &size);
}

} // namespace cubby
