#include "terminal_session.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

namespace cubby::cli {

namespace {

// Puts the terminal in raw mode for its lifetime, so keys reach the container as typed.
class RawTerminal {
public:
    RawTerminal() {
        if (::isatty(STDIN_FILENO) && ::tcgetattr(STDIN_FILENO, &m_saved) == 0) {
            termios raw = m_saved;
            cfmakeraw(&raw);
            m_active = ::tcsetattr(STDIN_FILENO, TCSANOW, &raw) == 0;
        }
    }
    ~RawTerminal() {
        if (m_active)
            ::tcsetattr(STDIN_FILENO, TCSANOW, &m_saved);
    }
    RawTerminal(const RawTerminal&) = delete;
    RawTerminal& operator=(const RawTerminal&) = delete;

private:
    termios m_saved{};
    bool m_active = false;
};

// Window size changes, as bytes on a pipe. SIGWINCH is directed at the process, and
// cubbyctl has threads (QtDBus's) started before any session: a signal blocked here for a
// signalfd went to one of them instead, whose default action drops it, so every other
// resize was lost (test_remote_machine's windowSizeFollowsOverSsh). A handler runs in
// whichever thread the kernel picks and only writes a byte.
int resizeNotifier = -1;

void noteResize(int) {
    const int saved = errno;
    const char byte = 0;
    (void)!::write(resizeNotifier, &byte, 1);
    errno = saved;
}

// The read end of that pipe (-1 when it could not be made: the size is then set once).
int watchResizes() {
    static int readEnd = -1;
    if (readEnd >= 0)
        return readEnd;
    int ends[2];
    if (::pipe2(ends, O_CLOEXEC | O_NONBLOCK) != 0)
        return -1;
    readEnd = ends[0];
    resizeNotifier = ends[1];
    struct sigaction action = {};
    action.sa_handler = noteResize;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    ::sigaction(SIGWINCH, &action, nullptr);
    return readEnd;
}

void copyWindowSize(int ptyMaster) {
    winsize size{};
    if (::ioctl(STDIN_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_row > 0)
        ::ioctl(ptyMaster, TIOCSWINSZ, &size);
}

} // namespace

bool writeAll(int fd, const char* data, size_t size) {
    while (size > 0) {
        const ssize_t written = ::write(fd, data, size);
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0)
            return false;
        data += written;
        size -= static_cast<size_t>(written);
    }
    return true;
}

int runTerminalSession(int ptyMaster, bool announce) {
    const int resizes = watchResizes();
    if (announce)
        std::fprintf(stderr, "Connected; press Ctrl+] to leave.\r\n");
    copyWindowSize(ptyMaster);
    RawTerminal raw;
    bool stdinOpen = true;
    char buffer[16 * 1024];
    for (;;) {
        pollfd fds[3] = {{ptyMaster, POLLIN, 0},
                         {stdinOpen ? STDIN_FILENO : -1, POLLIN, 0},
                         {resizes, POLLIN, 0}};
        if (::poll(fds, 3, -1) < 0) {
            if (errno == EINTR)
                continue;
            return 1;
        }
        if (fds[2].revents & POLLIN) {
            char drained[64];
            while (::read(resizes, drained, sizeof drained) > 0) {
            }
            copyWindowSize(ptyMaster);
        }
        if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
            const ssize_t got = ::read(ptyMaster, buffer, sizeof buffer);
            if (got <= 0) // the container stopped or the shell exited
                break;
            if (!writeAll(STDOUT_FILENO, buffer, static_cast<size_t>(got)))
                break;
        }
        if (fds[1].revents & (POLLIN | POLLHUP)) {
            const ssize_t got = ::read(STDIN_FILENO, buffer, sizeof buffer);
            if (got <= 0) {
                stdinOpen = false; // keep showing output until the other side closes
                continue;
            }
            for (ssize_t i = 0; i < got; ++i) {
                if (buffer[i] == escapeKey) {
                    writeAll(ptyMaster, buffer, static_cast<size_t>(i));
                    std::fprintf(stderr, "\r\n");
                    return 0;
                }
            }
            if (!writeAll(ptyMaster, buffer, static_cast<size_t>(got)))
                break;
        }
    }
    if (announce)
        std::fprintf(stderr, "\r\nDisconnected.\r\n");
    return 0;
}

} // namespace cubby::cli
