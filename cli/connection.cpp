#include "connection.h"

#include "cli_common.h"
#include "remote_auth_agent.h"
#include "stream_frames.h"
#include "terminal_session.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <string>
#include <string_view>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace cubby::cli {

namespace {

std::optional<SshTarget> remote;
QString remoteUri;

// The ssh client: CUBBY_SSH when set (a wrapper with options of one's own), else from PATH.
std::string sshProgram() {
    const char* chosen = std::getenv("CUBBY_SSH");
    return chosen && *chosen ? chosen : "ssh";
}

// cubbyctl on the other machine: CUBBY_REMOTE_CUBBYCTL when set, else from its PATH.
std::string remoteCubbyctl() {
    const char* chosen = std::getenv("CUBBY_REMOTE_CUBBYCTL");
    return chosen && *chosen ? chosen : "cubbyctl";
}

} // namespace

Status chooseConnection(QStringList& arguments) {
    QString uri = qEnvironmentVariable("CUBBY_CONNECT");
    if (!arguments.isEmpty() && arguments.front().startsWith(QStringLiteral("--connect="))) {
        uri = arguments.takeFirst().mid(int(std::strlen("--connect=")));
    } else if (!arguments.isEmpty() && (arguments.front() == QStringLiteral("--connect") ||
                                        arguments.front() == QStringLiteral("-c"))) {
        if (arguments.size() < 2)
            return failInvalid("--connect needs a URI: ssh://[USER@]HOST[:PORT]");
        arguments.removeFirst();
        uri = arguments.takeFirst();
    }
    if (uri.isEmpty() || uri == QStringLiteral("local"))
        return {};
    auto target = parseConnectUri(uri.toStdString());
    if (!target)
        return std::unexpected(target.error());
    remote = *target;
    remoteUri = uri;
    return {};
}

const std::optional<SshTarget>& remoteTarget() {
    return remote;
}

QDBusConnection helperBus() {
    if (!remote)
        return QDBusConnection::systemBus();
    // libdbus runs ssh with the bridge and speaks D-Bus over its stdio; ssh's own messages
    // (a changed host key, a refused login) reach our stderr. With a terminal here, polkit's
    // agent there asks on it for what the other machine wants a password for.
    static const QDBusConnection bus = [] {
        QDBusConnection connection = QDBusConnection::connectToBus(
            QString::fromStdString(sshBusAddress(*remote, sshProgram())),
            QStringLiteral("cubby-remote"));
        if (connection.isConnected())
            startRemoteAuthAgent(*remote, sshProgram(), connection);
        return connection;
    }();
    return bus;
}

QString describeCallError(const QDBusError& error) {
    if (!remote)
        return error.message();
    if (!helperBus().isConnected() || error.type() == QDBusError::Disconnected)
        return QStringLiteral("the connection to %1 is lost or could not be made (ssh ended; what "
                              "ssh said is above). A call already sent may or may not have "
                              "been carried out there: look with cubbyctl --connect %1 list")
            .arg(remoteUri);
    return error.message();
}

namespace {

// ssh's whole command line for `cubbyctl ARGUMENTS` on `target`.
std::vector<std::string> sshArgv(const SshTarget& target, const QStringList& arguments,
                                 bool terminal) {
    std::vector<std::string> remoteArgv = {remoteCubbyctl()};
    for (const auto& argument : arguments)
        remoteArgv.push_back(argument.toStdString());
    // With a terminal there, what that machine's polkit asks the remote cubbyctl (a console's,
    // a shell's) is asked on it too (CUBBY_AUTH_AGENT=none: not).
    if (const char* agent = std::getenv("CUBBY_AUTH_AGENT");
        terminal && !(agent && std::string_view(agent) == "none"))
        remoteArgv = withTerminalAuthAgent(remoteArgv);
    std::vector<std::string> argv = {sshProgram()};
    for (auto& argument : sshCommandArguments(target, terminal, remoteArgv))
        argv.push_back(std::move(argument));
    return argv;
}

// execvp's, or returns after saying why it could not.
void execArgv(std::vector<std::string> argv) {
    std::vector<char*> pointers;
    for (auto& argument : argv)
        pointers.push_back(argument.data());
    pointers.push_back(nullptr);
    ::execvp(pointers[0], pointers.data());
    std::fprintf(stderr, "error: cannot run %s: %s\n", argv[0].c_str(), std::strerror(errno));
}

} // namespace

int runOnRemote(const QStringList& arguments, bool terminal) {
    stopRemoteAuthAgent(); // the terminal is the remote cubbyctl's now
    out().flush();
    std::fflush(stderr);
    execArgv(sshArgv(*remote, arguments, terminal));
    return 127;
}

pid_t spawnRemote(const SshTarget& target, const QStringList& arguments, int stdinFd,
                  int stdoutFd) {
    const std::vector<std::string> argv = sshArgv(target, arguments, false);
    out().flush();
    std::fflush(stderr);
    const pid_t ssh = ::fork();
    if (ssh == 0) {
        // dup2 clears close-on-exec on the copies.
        if ((stdinFd >= 0 && ::dup2(stdinFd, STDIN_FILENO) < 0) ||
            (stdoutFd >= 0 && ::dup2(stdoutFd, STDOUT_FILENO) < 0))
            ::_exit(127);
        execArgv(argv);
        ::_exit(127);
    }
    if (ssh < 0)
        failWith(QStringLiteral("cannot start ssh: %1").arg(qt_error_string(errno)));
    return ssh;
}

int waitForExit(pid_t child) {
    int status = 0;
    while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

bool sendFrames(int input, int channel, const std::atomic<bool>* producerDone) {
    std::vector<char> buffer(maxFramePayload);
    for (;;) {
        // The channel is watched too: when ssh ends (the connection dropped) while the input
        // has nothing new, its pipe reports an error at once instead of at our next write.
        pollfd ready[2] = {{input, POLLIN, 0}, {channel, 0, 0}};
        // The producer may end while another copy of the pipe's write end stays open (the
        // helper holds one a moment longer than its worker): drained, then done.
        const int polled = ::poll(ready, 2, producerDone ? 200 : -1);
        if (polled < 0 && errno == EINTR)
            continue;
        if (polled > 0 && (ready[1].revents & (POLLERR | POLLHUP)))
            return false; // ssh is gone; its status says why
        if (polled == 0) {
            if (producerDone && *producerDone)
                return true;
            continue;
        }
        const ssize_t got = ::read(input, buffer.data(), buffer.size());
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            failWith(QStringLiteral("cannot read the input: %1").arg(qt_error_string(errno)));
            return false;
        }
        if (got == 0)
            return true;
        const auto header = frameHeader(static_cast<uint32_t>(got));
        if (!writeAll(channel, header.data(), header.size()) ||
            !writeAll(channel, buffer.data(), size_t(got)))
            return false; // ssh is gone; its status says why
    }
}

bool sendEndFrame(int channel) {
    const auto end = frameHeader(0);
    return writeAll(channel, end.data(), end.size());
}

int runOnRemoteWithFramedInput(const QStringList& arguments, int input) {
    int channel[2];
    if (::pipe2(channel, O_CLOEXEC) != 0)
        return failWith(QStringLiteral("cannot make a pipe: %1").arg(qt_error_string(errno)));
    const pid_t ssh = spawnRemote(*remote, arguments, channel[0], -1);
    ::close(channel[0]);
    if (ssh < 0)
        return 1;
    ::signal(SIGPIPE, SIG_IGN); // ssh gone: our writes fail, and we wait for its status
    // No end frame unless all of the input went out: the other side then cancels.
    const bool sent = sendFrames(input, channel[1]) && sendEndFrame(channel[1]);
    ::close(channel[1]);
    const int status = waitForExit(ssh);
    return status != 0 || sent ? status : 1;
}

} // namespace cubby::cli
