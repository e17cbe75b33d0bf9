#pragma once
// Another machine's Cubby, reached over SSH (issue 13): `cubbyctl --connect
// ssh://[USER@]HOST[:PORT]` talks to that machine's system bus through `ssh HOST
// systemd-stdio-bridge`, as `machinectl -H` does. The bridge logs in to the remote bus as the
// SSH user, so the remote polkit decides as for that user; no daemon of Cubby's listens on the
// network. These are the pure parts: reading the URI, and the D-Bus address (libdbus's
// `unixexec:` transport) that runs ssh.
//
// Unix file descriptors do not cross SSH: a connection made this way must not call the
// methods that return them (consoles, shells, exec, imports by descriptor).

#include "error.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cubby {

struct SshTarget {
    std::string user; // empty: ssh's default (the local user, or its config's)
    std::string host; // a host name, an IPv4 address or an IPv6 address without brackets
    std::optional<uint16_t> port;
    bool operator==(const SshTarget&) const = default;
};

// "ssh://[USER@]HOST[:PORT]", with an IPv6 HOST in brackets. Nothing that ssh could read as an
// option (a leading '-') or a shell could split passes: user and host names are letters,
// digits, '.', '_' and '-' (and ':' inside brackets).
Result<SshTarget> parseConnectUri(std::string_view uri);

// The D-Bus address that runs `SSH -xT -o … [-p PORT] -- [USER@]HOST systemd-stdio-bridge`, each
// value escaped as D-Bus addresses require. `sshProgram` is looked up in PATH.
std::string sshBusAddress(const SshTarget& target, std::string_view sshProgram = "ssh");

// A D-Bus address value: bytes other than [-0-9A-Za-z_/.\*] as %XX.
std::string escapeBusAddressValue(std::string_view value);

// One word for a POSIX shell, whatever bytes it holds: in single quotes, each ' as '\''.
// ssh hands its command to the remote user's shell as one line, so every word goes through
// this on its way.
std::string shellQuoted(std::string_view word);
std::string shellCommandLine(std::span<const std::string> argv);

// ssh's arguments (after the program's name) that run `remoteArgv` on the target with this
// side's standard input, output and error on the channel: a terminal there when `terminal`
// (-tt, so that the window size follows ours and the remote side sees a TTY), none otherwise
// (-T, a clean byte stream). No X11 forwarding, no escape character (a console's bytes are
// the user's, '~.' included).
std::vector<std::string> sshCommandArguments(const SshTarget& target, bool terminal,
                                             std::span<const std::string> remoteArgv);

// An SSH caller is never in an active session on the other machine, so what its polkit rules
// answer with "authenticate" needs an agent there for this connection: polkit's text agent,
// pkttyagent, registered for the process of our connection there (the bridge, whose bus name
// the helper asks polkit about; polkitd registers agents for processes and sessions only),
// on a terminal over the same kind of ssh channel. What the remote side prints on that
// terminal once the agent is registered, or when it has no pkttyagent:
inline constexpr std::string_view authAgentReadyMarker = "cubby-auth-agent-ready";
inline constexpr std::string_view authAgentMissingMarker = "cubby-auth-agent-missing";
// ssh's arguments (after the program's name) for it, with a terminal there (-tt).
Result<std::vector<std::string>> sshAuthAgentArguments(const SshTarget& target, uint32_t bridgePid);

// The remote argv that runs `remoteArgv` (the other machine's cubbyctl with a terminal there:
// a console, a shell, exec) with polkit's text agent registered for it first: that cubbyctl
// talks to its own machine's bus, not through our bridge, so the bridge's agent cannot answer
// for it. A shell registers pkttyagent for its own pid, waits until polkitd has it, then execs
// the command (keeping the pid and start time the agent was registered for); the agent asks
// on the channel's terminal before the console or shell takes it over. Without pkttyagent
// there, the command runs as before. The command's words reach the shell as "$@", never as
// script text.
std::vector<std::string> withTerminalAuthAgent(std::span<const std::string> remoteArgv);

} // namespace cubby
