#include "connection.h"

#include "cli_common.h"
#include "stream_frames.h"
#include "terminal_session.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <string>
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
    // (a changed host key, a refused login) reach our stderr.
    static const QDBusConnection bus =
        QDBusConnection::connectToBus(QString::fromStdString(sshBusAddress(*remote, sshProgram())),
                                      QStringLiteral("cubby-remote"));
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

std::vector<std::string> sshArgv(const QStringList& arguments, bool terminal) {
    std::vector<std::string> remoteArgv = {remoteCubbyctl()};
    for (const auto& argument : arguments)
        remoteArgv.push_back(argument.toStdString());
    std::vector<std::string> argv = {sshProgram()};
    for (auto& argument : sshCommandArguments(*remote, terminal, remoteArgv))
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
    out().flush();
    std::fflush(stderr);
    execArgv(sshArgv(arguments, terminal));
    return 127;
}

int runOnRemoteWithFramedInput(const QStringList& arguments, int input) {
    const std::vector<std::string> argv = sshArgv(arguments, false);
    int channel[2];
    if (::pipe2(channel, O_CLOEXEC) != 0)
        return failWith(QStringLiteral("cannot make a pipe: %1").arg(qt_error_string(errno)));
    out().flush();
    std::fflush(stderr);
    const pid_t ssh = ::fork();
    if (ssh < 0)
        return failWith(QStringLiteral("cannot start ssh: %1").arg(qt_error_string(errno)));
    if (ssh == 0) {
        ::dup2(channel[0], STDIN_FILENO); // dup2 clears close-on-exec on the copy
        execArgv(argv);
        ::_exit(127);
    }
    ::close(channel[0]);
    ::signal(SIGPIPE, SIG_IGN); // ssh gone: our writes fail, and we wait for its status
    std::vector<char> buffer(maxFramePayload);
    bool sent = true;
    for (;;) {
        const ssize_t got = ::read(input, buffer.data(), buffer.size());
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            failWith(QStringLiteral("cannot read the input: %1").arg(qt_error_string(errno)));
            sent = false; // no end frame: the other side cancels
            break;
        }
        const auto header = frameHeader(static_cast<uint32_t>(got));
        if (!writeAll(channel[1], header.data(), header.size()) ||
            !writeAll(channel[1], buffer.data(), size_t(got)) || got == 0)
            break; // the end frame went out, or ssh is gone (its status says why)
    }
    ::close(channel[1]);
    int status = 0;
    while (::waitpid(ssh, &status, 0) < 0 && errno == EINTR) {
    }
    if (!sent)
        return 1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

} // namespace cubby::cli
