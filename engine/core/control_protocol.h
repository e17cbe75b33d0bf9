#pragma once
// The controller's Unix socket protocol (SOCK_SEQPACKET: one message per packet). A message
// is one type byte followed by its payload. Clients are the helper, cubbyctl and tests.
//
//   client → controller                    controller → client
//   AttachConsole                          Scrollback (bytes), then ConsoleOutput (bytes)…
//   ConsoleInput (bytes)                   ConsoleClosed when the container stops
//   WindowSize "ROWS COLS"
//   StatusQuery                            Reply "key=value\n…" (state, init_pid, console…)
//   Shutdown "TIMEOUT_SECONDS"             Reply "ok" once the request is under way
//   Destroy / Reboot                       Reply "ok"
//   OpenConsolePty                         Reply "ok PTY" + a PTY master whose other side
//                                          the controller joins to the console
//   SetLimits "MEM HARD SHARES PERIOD QUOTA" Reply "ok" once the group has them (KiB, µs;
//                                          "-" for unset): memory and CPU, changed live
//   OpenShell "USER"                       Reply "ok PTY" + the master of a login shell's
//                                          terminal inside the container
//   Exec formatExecRequest()               Reply "ok" + the status pipe, then the command's
//                                          stdin, stdout and stderr pipes (the client's
//                                          ends); with a terminal "ok PTY" + the status
//                                          pipe and the PTY master. The status pipe says
//                                          "exit N" or "signal N" when the command ends.
//   OpenRoot                               Reply "ok" + the container's root directory as
//                                          its init sees it (O_PATH, mounts inside it
//                                          included), and with a user namespace that
//                                          namespace: for cubby-rootfs push and pull
//                                          Failure "message" for a refused request
//
// Every attached client may type, as in a shared terminal session (tmux, screen): the helper
// only hands console access to callers polkit allowed `io.github.cubby1.console`. The window
// size is the last one any client set.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cubby {

enum class ControlMessage : char {
    AttachConsole = 'a',
    ConsoleInput = 'i',
    WindowSize = 'w',
    StatusQuery = 's',
    Shutdown = 'h',
    Destroy = 'd',
    Reboot = 'r',
    OpenConsolePty = 'p', // Reply "ok PTY-NAME" with a PTY master attached (SCM_RIGHTS)
    OpenShell = 'x',      // payload: user (empty: root); Reply as above
    SetLimits = 'l',      // payload: formatLiveLimits(); Reply "ok"
    Exec = 'e',           // payload: formatExecRequest(); Reply as above
    OpenRoot = 'f',       // no payload; Reply "ok" with the root (and user namespace) fds
    Scrollback = 'S',
    ConsoleOutput = 'O',
    ConsoleClosed = 'C',
    Reply = 'R',
    Failure = 'F',
};

constexpr size_t maxControlPacket = 64 * 1024;

// The protocol's version, which the StatusQuery reply carries as "protocol=N". Versions only
// ever add requests: a controller understands every request of its version and of all earlier
// ones, and the run directory's layout (lock, socket, live XML) stays as it is. So after a
// package upgrade the new helper manages the containers that controllers of the old package
// run, and asks a controller's version before sending a request it might not know.
//   1  everything up to OpenShell: what a controller that reports no "protocol" key is
//      taken to know (development builds between SetLimits and versioning knew it too, and
//      are only asked to restart for a live change)
//   2  SetLimits (the first packaged version)
//   3  Exec
//   4  OpenRoot
constexpr unsigned controlProtocolVersion = 4;
// The first version whose controllers understand `type`.
unsigned controlProtocolIntroducing(ControlMessage type);
// The version a StatusQuery reply reports: 1 when it has no "protocol" key; nullopt when the
// key is there but not a number.
std::optional<unsigned> controlProtocolOfStatus(std::string_view statusReply);

std::string encodeControl(ControlMessage type, std::string_view payload = {});

struct DecodedControl {
    ControlMessage type;
    std::string_view payload;
};
// Fails on an empty packet or an unknown type byte.
std::optional<DecodedControl> decodeControl(std::string_view packet);

struct WindowSizeRequest {
    uint16_t rows = 0;
    uint16_t columns = 0;
};
std::optional<WindowSizeRequest> parseWindowSize(std::string_view payload);

// What SetLimits carries: the parts of a definition a running container takes live.
struct LiveLimitsRequest {
    uint64_t memoryKiB = 0;
    std::optional<uint64_t> hardLimitKiB;
    std::optional<uint64_t> cpuShares;
    std::optional<uint64_t> cpuPeriodUs;
    std::optional<int64_t> cpuQuotaUs;
    bool operator==(const LiveLimitsRequest&) const = default;
};
std::string formatLiveLimits(const LiveLimitsRequest& request);
// nullopt unless exactly five fields, each a number or "-" (the quota may be -1; memory is
// required and above zero).
std::optional<LiveLimitsRequest> parseLiveLimits(std::string_view payload);

// A command to run in a running container (cubbyctl exec): who runs it, whether it gets a
// terminal, and its arguments (the first is the program, looked up in the container's PATH).
struct ExecRequest {
    std::string user; // empty: root
    bool terminal = false;
    std::vector<std::string> argv;
    bool operator==(const ExecRequest&) const = default;
};
inline constexpr size_t maxExecArguments = 1024;
// "t" or "-", the user, then each argument, separated by NUL bytes.
std::string formatExecRequest(const ExecRequest& request);
// nullopt for anything else: no program, an empty program, more than maxExecArguments, a
// packet too large, or a user that is not a plain name or number.
std::optional<ExecRequest> parseExecRequest(std::string_view payload);

// What the status pipe says: "exit 3", "signal 9"; the exit status a shell would give it
// (0–255, 128 + N for a signal); nullopt for anything else.
std::optional<int> parseExecStatus(std::string_view text);

} // namespace cubby
