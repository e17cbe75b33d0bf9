#pragma once
// Another machine's console or shell in one of the app's terminal tabs (issue 13). Descriptors
// do not cross SSH, so the app does what `cubbyctl --connect HOST console NAME` does: ssh runs
// the other machine's own cubbyctl with a terminal there (-tt), on a pseudo-terminal made here
// whose master the tab shows. The tab's window size reaches the PTY, ssh forwards it on
// SIGWINCH, and the remote cubbyctl passes it to the container; closing the tab hangs up on
// ssh, which ends the remote side.

#include "error.h"
#include "remote_host.h"
#include "unique_fd.h"

#include <QString>
#include <QStringList>
#include <string>
#include <vector>

class QProcess;

namespace cubby {

struct RemoteTerminal {
    UniqueFd master;   // for PtyTerminal::attach
    QProcess* process; // ssh, unparented: the caller gives it an owner
};

// Starts `SSH_PROGRAM … HOST cubbyctl ARGUMENTS` on a new pseudo-terminal, the other machine's
// cubbyctl being CUBBY_REMOTE_CUBBYCTL when set (as for cubbyctl --connect).
Result<RemoteTerminal> startRemoteTerminal(const SshTarget& target, const QString& sshProgram,
                                           const QStringList& cubbyctlArguments);
// The other machine's `cubbyctl ARGUMENTS`: CUBBY_REMOTE_CUBBYCTL when set (as for cubbyctl
// --connect), else cubbyctl from its PATH.
std::vector<std::string> remoteCubbyctlArgv(const QStringList& cubbyctlArguments);
// Starts `SSH_PROGRAM SSH_ARGUMENTS` on a new pseudo-terminal.
Result<RemoteTerminal> startSshOnTerminal(const QString& sshProgram,
                                          const std::vector<std::string>& sshArguments);

} // namespace cubby
