// cubbyctl exec NAME [--user USER] [-t|-T] -- COMMAND [ARG...]: a command inside a running
// container, returning its exit status, as `incus exec` does. Without a terminal (the default
// unless both standard input and output are terminals, or with -T) its standard input, output
// and errors are pipes pumped to and from ours, so output and errors stay apart; with one (-t)
// the PTY is joined to this terminal as `cubbyctl shell` does. A signal that ends the command
// gives 128 + its number; a container that stops first gives 255.
#include "commands.h"

#include "cli_common.h"
#include "control_protocol.h"
#include "terminal_session.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <optional>
#include <poll.h>
#include <unistd.h>

namespace cubby::cli {

namespace {

// How the command ended, from the status pipe (read to its end).
int exitStatusFrom(int status) {
    std::string text;
    char buffer[64];
    ssize_t got;
    while (text.size() < 256 &&
           ((got = ::read(status, buffer, sizeof buffer)) > 0 || (got < 0 && errno == EINTR))) {
        if (got > 0)
            text.append(buffer, static_cast<size_t>(got));
    }
    if (const auto code = parseExecStatus(text))
        return *code;
    std::fprintf(stderr, "cubbyctl: the container stopped before the command ended\n");
    return 255;
}

// Our standard input to the command's, its output and errors to ours, until both end.
void pump(int input, int output, int errors) {
    char buffer[16 * 1024];
    int toCommand = input;
    bool stdinOpen = true;
    bool outputOpen = true, errorsOpen = true;
    while (outputOpen || errorsOpen) {
        pollfd fds[3] = {{outputOpen ? output : -1, POLLIN, 0},
                         {errorsOpen ? errors : -1, POLLIN, 0},
                         {stdinOpen ? STDIN_FILENO : -1, POLLIN, 0}};
        if (::poll(fds, 3, -1) < 0) {
            if (errno == EINTR)
                continue;
            return;
        }
        for (int i = 0; i < 2; ++i) {
            if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            const ssize_t got = ::read(fds[i].fd, buffer, sizeof buffer);
            if (got < 0 && errno == EINTR)
                continue;
            bool& open = i == 0 ? outputOpen : errorsOpen;
            if (got <= 0 ||
                !writeAll(i == 0 ? STDOUT_FILENO : STDERR_FILENO, buffer, static_cast<size_t>(got)))
                open = false;
        }
        if (fds[2].revents & (POLLIN | POLLHUP | POLLERR)) {
            const ssize_t got = ::read(STDIN_FILENO, buffer, sizeof buffer);
            if (got < 0 && errno == EINTR)
                continue;
            // Our input ended, or the command stopped reading: it sees the end of its input.
            if (got <= 0 || !writeAll(toCommand, buffer, static_cast<size_t>(got))) {
                stdinOpen = false;
                ::close(toCommand);
                toCommand = -1;
            }
        }
    }
    if (toCommand >= 0)
        ::close(toCommand);
}

int exec(const QStringList& arguments) {
    const qsizetype separator = arguments.indexOf(QStringLiteral("--"));
    QStringList options = separator < 0 ? arguments : arguments.mid(0, separator);
    const QStringList command = separator < 0 ? QStringList{} : arguments.mid(separator + 1);
    QString user;
    std::optional<bool> terminal;
    QStringList names;
    for (qsizetype i = 0; i < options.size(); ++i) {
        if (options[i] == QStringLiteral("--user") && i + 1 < options.size())
            user = options[++i];
        else if (options[i] == QStringLiteral("-t"))
            terminal = true;
        else if (options[i] == QStringLiteral("-T"))
            terminal = false;
        else if (options[i].startsWith(QLatin1Char('-')))
            return failWith(QStringLiteral("exec: unknown option %1").arg(options[i]));
        else
            names << options[i];
    }
    if (names.size() != 1 || command.isEmpty())
        return failWith(QStringLiteral("usage: cubbyctl exec NAME [--user USER] [-t|-T] -- "
                                       "COMMAND [ARG...]"));
    ::signal(SIGPIPE, SIG_IGN); // a command that stops reading ends our writes, not us
    if (terminal.value_or(::isatty(STDIN_FILENO) && ::isatty(STDOUT_FILENO))) {
        auto reply = manager().ExecTerminal(names[0], command, user);
        if (!wait(reply))
            return 1;
        const QDBusUnixFileDescriptor status = reply.argumentAt<0>();
        const QDBusUnixFileDescriptor pty = reply.argumentAt<1>();
        runTerminalSession(pty.fileDescriptor(), false);
        return exitStatusFrom(status.fileDescriptor());
    }
    auto reply = manager().Exec(names[0], command, user);
    if (!wait(reply))
        return 1;
    const QDBusUnixFileDescriptor status = reply.argumentAt<0>();
    // pump() closes the command's input when ours ends: a copy of its own to close.
    const int input = ::dup(reply.argumentAt<1>().fileDescriptor());
    pump(input, reply.argumentAt<2>().fileDescriptor(), reply.argumentAt<3>().fileDescriptor());
    return exitStatusFrom(status.fileDescriptor());
}

const std::vector<Command> table = {
    {"exec", "NAME [--user USER] [-t|-T] -- COMMAND [ARG...]",
     "run a command in a running container and return its exit status (-t: with a terminal)", 3,
     int(maxExecArguments) + 6, exec},
};

} // namespace

std::span<const Command> execCommands() {
    return table;
}

} // namespace cubby::cli
