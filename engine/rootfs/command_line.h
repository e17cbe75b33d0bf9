#pragma once
// cubby-rootfs's command line, parsed into a value (pure, unit-tested):
//
//   cubby-rootfs create --base DIR --name NAME --source busybox [--busybox PATH] --progress-fd N
//   cubby-rootfs create --base DIR --name NAME --source archive --progress-fd N  (archive on fd 0)
//   cubby-rootfs create --base DIR --name NAME --source copy --progress-fd N  (a directory on fd 0)
//   cubby-rootfs create --base DIR --name NAME --source debian [--suite S] [--mirror URL]
//                       [--include PKG,PKG...] [--cache DIR] [--user NAME]
//                       [--autologin yes|no] [--passwords stdin] --progress-fd N
//   cubby-rootfs remove --base DIR --name NAME --progress-fd N
//   cubby-rootfs restore --base DIR --name NAME --progress-fd N  (a snapshot's directory on fd 0)
//   cubby-rootfs clean-stale --base DIR [--progress-fd N]
//   cubby-rootfs export --root-fd N --progress-fd N   (header on fd 0, archive to fd 1)
//   cubby-rootfs push --root-fd N [--userns-fd N] --path PATH --mode OCTAL --uid N --gid N
//                     --progress-fd N   (the file on fd 0)
//   cubby-rootfs pull --root-fd N [--userns-fd N] --path PATH --progress-fd N  (file to fd 1)
//   cubby-rootfs push-tree ... (as push; a tar archive on fd 0 becomes the directory PATH)
//   cubby-rootfs pull-tree ... (as pull; the directory PATH as a tar archive to fd 1)
//   cubby-rootfs --help

#include "debian_bootstrap.h"
#include "error.h"

#include <cstdint>
#include <expected>
#include <span>
#include <string>
#include <string_view>

namespace cubby {

struct RootfsCommand {
    enum class Verb {
        Create,
        Remove,
        Restore,
        CleanStale,
        Export,
        Push,
        Pull,
        PushTree,
        PullTree,
        Help
    };
    enum class Source { None, Busybox, Archive, Debian, Copy };
    Verb verb = Verb::Help;
    std::string base;
    std::string name;
    Source source = Source::None;
    std::string busybox = "/bin/busybox";
    DebianBootstrap debian;  // --source debian
    std::string debianCache; // --cache: where downloaded packages are kept
    // --passwords stdin: chpasswd-style "account:hash" lines come on descriptor 0 (a hash
    // on the command line would be in /proc for every user to read).
    bool passwordsOnStdin = false;
    int progressFd = -1;
    int rootFd = -1; // export: the tree to pack, opened by the helper; push, pull: the root
    // push and pull (file_copy.h): the container's user namespace (-1: none), the path
    // inside it, and what a pushed file gets.
    int usernsFd = -1;
    std::string path;
    uint32_t mode = 0644;
    uint32_t uid = 0, gid = 0;
};

// Exit statuses besides jobExitDone/jobExitError/jobExitCancelled.
inline constexpr int rootfsExitUsage = 2;

struct CommandLineError {
    Error error;
    bool usage = false; // the command line's shape is wrong (exit 2), not a value (exit 1)
};

// `args` without the program name.
std::expected<RootfsCommand, CommandLineError>
parseRootfsCommandLine(std::span<const std::string_view> args);

// The --progress-fd value wherever it appears, or -1: so that even a command line that fails
// to parse is reported on the descriptor the helper reads.
int findProgressFd(std::span<const std::string_view> args);

// The --help text.
std::string_view rootfsUsage();

} // namespace cubby
