#pragma once
// Where cubbyctl's calls go (issue 13): this machine's system bus, or another machine's over
// SSH (`--connect ssh://[USER@]HOST[:PORT]` or CUBBY_CONNECT). The other machine's bus is
// reached as `machinectl -H` reaches it, through `ssh HOST systemd-stdio-bridge`, so its
// polkit decides as for the SSH user and ssh checks the host key as it always does.
//
// Descriptors do not cross SSH. The verbs that hand them over (consoles, shells, exec, an
// import from a file) run the other machine's own cubbyctl through ssh instead, with this
// terminal or these streams on the channel.

#include "error.h"
#include "remote_host.h"

#include <QDBusConnection>
#include <QDBusError>
#include <QString>
#include <QStringList>
#include <atomic>
#include <optional>
#include <sys/types.h>

namespace cubby::cli {

// Takes "--connect URI" / "-c URI" / "--connect=URI" off the front of `arguments` (or reads
// CUBBY_CONNECT when they have none) and remembers it for helperBus(). An empty URI or
// "local" is this machine.
Status chooseConnection(QStringList& arguments);

// The remote machine, when there is one.
const std::optional<SshTarget>& remoteTarget();

// The bus the helper is on: the system bus, or the remote machine's (connected on first use).
QDBusConnection helperBus();

// A failed call's message, with what a lost SSH connection means for the user.
QString describeCallError(const QDBusError& error);

// Runs `cubbyctl ARGUMENTS` on the remote machine through ssh with this process's standard
// input, output and error on the channel (a terminal there when `terminal`), and returns its
// exit status; ssh's own failures (255) come with its message on stderr.
int runOnRemote(const QStringList& arguments, bool terminal);

// Runs `cubbyctl ARGUMENTS` there (no terminal) with `input` sent as its standard input in
// frames (stream_frames.h), the end frame last: the other side keeps the data only when the
// end arrived. Returns the remote exit status (255: ssh's own failure).
int runOnRemoteWithFramedInput(const QStringList& arguments, int input);

// The pieces of it, for verbs that do more on the way (export, copy): ssh running
// `cubbyctl ARGUMENTS` on `target` (no terminal) with `stdinFd`/`stdoutFd` (-1: ours) as its
// standard input and output; its pid, or -1 after saying why.
pid_t spawnRemote(const SshTarget& target, const QStringList& arguments, int stdinFd, int stdoutFd);
// Its exit status (128+N for a signal).
int waitForExit(pid_t child);
// All of `input` to `channel` in frames, without the end frame; false when either failed.
// With `producerDone`: also ends once that is set and nothing more is waiting in `input`.
bool sendFrames(int input, int channel, const std::atomic<bool>* producerDone = nullptr);
bool sendEndFrame(int channel);

} // namespace cubby::cli
