#include "remote_terminal.h"

#include <QProcess>
#include <cerrno>
#include <cstdlib>
#include <fcntl.h>
#include <string>
#include <sys/ioctl.h>
#include <unistd.h>
#include <vector>

namespace cubby {

std::vector<std::string> remoteCubbyctlArgv(const QStringList& cubbyctlArguments) {
    const QString chosen = qEnvironmentVariable("CUBBY_REMOTE_CUBBYCTL");
    std::vector<std::string> remoteArgv = {chosen.isEmpty() ? "cubbyctl" : chosen.toStdString()};
    for (const QString& argument : cubbyctlArguments)
        remoteArgv.push_back(argument.toStdString());
    return remoteArgv;
}

Result<RemoteTerminal> startRemoteTerminal(const SshTarget& target, const QString& sshProgram,
                                           const QStringList& cubbyctlArguments) {
    const std::vector<std::string> remoteArgv = remoteCubbyctlArgv(cubbyctlArguments);
    // What that machine's polkit asks the console or shell is asked in the tab itself.
    return startSshOnTerminal(sshProgram,
                              sshCommandArguments(target, true, withTerminalAuthAgent(remoteArgv)));
}

Result<RemoteTerminal> startSshOnTerminal(const QString& sshProgram,
                                          const std::vector<std::string>& sshArguments) {
    UniqueFd master(::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC));
    if (!master.valid())
        return fail(Error::system(errno, "making a terminal for ssh (posix_openpt)"));
    if (::grantpt(master.get()) != 0 || ::unlockpt(master.get()) != 0)
        return fail(Error::system(errno, "making a terminal for ssh (unlockpt)"));
    char path[64] = {};
    if (const int err = ::ptsname_r(master.get(), path, sizeof path); err != 0)
        return fail(Error::system(err, "making a terminal for ssh (ptsname)"));
    // Opened here (not as the controlling terminal of this process): the child makes it its own.
    UniqueFd terminal(::open(path, O_RDWR | O_NOCTTY | O_CLOEXEC));
    if (!terminal.valid())
        return fail(Error::system(errno, std::string("opening ") + path));

    QStringList arguments;
    for (const std::string& argument : sshArguments)
        arguments << QString::fromStdString(argument);

    auto* process = new QProcess;
    process->setProgram(sshProgram);
    process->setArguments(arguments);
    process->setProcessChannelMode(QProcess::ForwardedChannels);
    process->setInputChannelMode(QProcess::ForwardedInputChannel);
    // In the child, after QProcess set up its channels: a session of its own whose controlling
    // terminal is the new PTY, on standard input, output and error (ssh reads the window size
    // and the terminal modes from it, and puts it in raw mode).
    const int child = terminal.get();
    process->setChildProcessModifier([child] {
        ::setsid();
        ::ioctl(child, TIOCSCTTY, 0);
        ::dup2(child, STDIN_FILENO);
        ::dup2(child, STDOUT_FILENO);
        ::dup2(child, STDERR_FILENO);
    });
    process->start();
    return RemoteTerminal{std::move(master), process};
}

} // namespace cubby
