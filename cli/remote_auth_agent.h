#pragma once
// What the other machine's polkit asks a password for, asked on this terminal (issue 13).
// An SSH caller is never in an active session there, so rules that answer "authenticate"
// (auth_self, auth_admin) need an authentication agent on that machine for this connection.
// While cubbyctl runs with a terminal (standard input and error), it starts polkit's own text
// agent there, `pkttyagent --process PID` for the systemd-stdio-bridge that carries our bus
// connection (the remote bus says which process that is), through `ssh -tt` with this
// terminal on the channel, and waits until the agent is registered before the first call. Without a
// terminal, or with CUBBY_AUTH_AGENT=none, no agent runs, and such calls are refused as
// before; nothing waits for a password nobody can type.

#include "remote_host.h"

#include <QDBusConnection>
#include <string>

namespace cubby::cli {

// After connecting to the other machine's bus over `bus`.
void startRemoteAuthAgent(const SshTarget& target, const std::string& sshProgram,
                          const QDBusConnection& bus);

// Ends the agent (and its ssh) and gives the terminal back as it was; also at exit.
void stopRemoteAuthAgent();

} // namespace cubby::cli
