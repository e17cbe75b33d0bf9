#include "terminal_session.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/signalfd.h>
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
    sigset_t winch;
    sigemptyset(&winch);
    sigaddset(&winch, SIGWINCH);
    ::sigprocmask(SIG_BLOCK, &winch, nullptr);
    const int resizes = ::signalfd(-1, &winch, SFD_CLOEXEC);
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
            signalfd_siginfo info{};
            (void)::read(resizes, &info, sizeof info);
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
