#include "command_line.h"

#include "names.h"
#include "text.h"

#include <algorithm>
#include <climits>
#include <format>

namespace cubby {

namespace {

constexpr std::string_view usageText =
    R"(usage: cubby-rootfs create --base DIR --name NAME --source busybox [--busybox PATH]
                           --progress-fd N
       cubby-rootfs create --base DIR --name NAME --source archive --progress-fd N  < ARCHIVE
       cubby-rootfs create --base DIR --name NAME --source copy --progress-fd N  < DIRECTORY
       cubby-rootfs create --base DIR --name NAME --source debian [--suite SUITE]
                           [--mirror URL] [--include PKG,PKG...] [--variant system|minimal]
                           [--cache DIR] [--user NAME] [--autologin yes|no]
                           [--passwords stdin] --progress-fd N
       cubby-rootfs remove --base DIR --name NAME --progress-fd N
       cubby-rootfs restore --base DIR --name NAME --progress-fd N  < DIRECTORY
       cubby-rootfs clean-stale --base DIR [--progress-fd N]
       cubby-rootfs export --root-fd N --progress-fd N  < HEADER > ARCHIVE
       cubby-rootfs push --root-fd N [--userns-fd N] --path PATH --mode OCTAL --uid N
                         --gid N --progress-fd N  < FILE
       cubby-rootfs pull --root-fd N [--userns-fd N] --path PATH --progress-fd N  > FILE
       cubby-rootfs push-tree (as push)  < TAR      cubby-rootfs pull-tree (as pull)  > TAR

Makes, removes and cleans up container root filesystems below DIR (a directory owned by
root that no one else may write to), for cubby-helper. Progress goes to descriptor N as
lines "progress FRACTION TEXT", then one of "done TEXT", "error KIND TEXT" or "cancelled".
SIGTERM or SIGINT cancels; a cancelled or failed create leaves nothing behind.

  create       builds DIR/NAME from BusyBox (PATH must be statically linked; default
               /bin/busybox), from a tar or cpio archive on standard input, in any
               compression libarchive reads (gzip, bzip2, xz, zstd, lz4, …), or as a
               Debian system made by mmdebstrap (default suite trixie from
               http://deb.debian.org/debian): by default one that boots systemd (networkd
               DHCP on eth*, D-Bus, root logged in on the console, the hostname NAME),
               --variant minimal for minbase alone; --cache keeps downloaded packages;
               --user makes a user in group sudo; --autologin no leaves the console at
               a login prompt; --passwords stdin sets the "account:hash" lines on
               standard input, crypt(3) hashes, with chpasswd --encrypted)
               or a copy of the directory on standard input (reflinks where the
               filesystem has them, a full copy elsewhere; for a clone)
  remove       removes DIR/NAME without following symlinks or crossing mount points
  restore      replaces DIR/NAME by a copy of the directory on standard input (a
               snapshot), exchanged in one rename; the old tree is removed
  clean-stale  removes what killed workers left (DIR/.partial-*, DIR/.removing-*)
  export       writes standard input's bytes, then the tree under descriptor N as a
               zstd-compressed pax tar (numeric owners, modes, times, xattrs, ACLs;
               no device nodes or sockets), to standard output
  push, pull   copy standard input to PATH inside the root under descriptor N, or the
               regular file at PATH to standard output (cubbyctl cp): as the root of the
               user namespace under --userns-fd when given, chroot()ed in the root, PATH
               resolved with openat2(RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS); a push
               writes a temporary file beside PATH and renames it into place
  push-tree,   the same for a directory: a tar archive on standard input unpacked as the
  pull-tree    new directory PATH (made beside it, renamed into place), or the directory
               PATH as a tar archive to standard output

Exit status: 0 done, 1 failed, 2 bad command line, 3 cancelled.
)";

CommandLineError usageError(std::string message) {
    return {Error::invalid(std::move(message)), true};
}

bool parseFd(std::string_view text, int& fd) {
    uint64_t value = 0;
    if (!parseUnsigned(text, value) || value > INT_MAX)
        return false;
    fd = static_cast<int>(value);
    return true;
}

} // namespace

std::string_view rootfsUsage() {
    return usageText;
}

int findProgressFd(std::span<const std::string_view> args) {
    for (size_t i = 0; i + 1 < args.size(); ++i) {
        int fd = -1;
        if (args[i] == "--progress-fd" && parseFd(args[i + 1], fd) && fd > 0)
            return fd;
    }
    return -1;
}

std::expected<RootfsCommand, CommandLineError>
parseRootfsCommandLine(std::span<const std::string_view> args) {
    RootfsCommand command;
    if (args.empty())
        return std::unexpected(usageError("no command given; see --help"));
    const std::string_view verb = args[0];
    if (verb == "--help" || verb == "-h")
        return command;
    if (verb == "create")
        command.verb = RootfsCommand::Verb::Create;
    else if (verb == "remove")
        command.verb = RootfsCommand::Verb::Remove;
    else if (verb == "restore")
        command.verb = RootfsCommand::Verb::Restore;
    else if (verb == "clean-stale")
        command.verb = RootfsCommand::Verb::CleanStale;
    else if (verb == "export")
        command.verb = RootfsCommand::Verb::Export;
    else if (verb == "push")
        command.verb = RootfsCommand::Verb::Push;
    else if (verb == "pull")
        command.verb = RootfsCommand::Verb::Pull;
    else if (verb == "push-tree")
        command.verb = RootfsCommand::Verb::PushTree;
    else if (verb == "pull-tree")
        command.verb = RootfsCommand::Verb::PullTree;
    else
        return std::unexpected(usageError(std::format("unknown command {}", quoted(verb))));
    const bool push =
        command.verb == RootfsCommand::Verb::Push || command.verb == RootfsCommand::Verb::PushTree;
    const bool copies = push || command.verb == RootfsCommand::Verb::Pull ||
                        command.verb == RootfsCommand::Verb::PullTree;
    bool haveName = false;
    bool haveBusybox = false;
    bool haveDebianOption = false;
    for (size_t i = 1; i < args.size(); i += 2) {
        const std::string_view flag = args[i];
        if (i + 1 >= args.size())
            return std::unexpected(usageError(std::format("{} needs a value", flag)));
        const std::string_view value = args[i + 1];
        uint64_t number = 0;
        if (flag == "--base" && command.verb != RootfsCommand::Verb::Export && !copies) {
            command.base = value;
        } else if (flag == "--root-fd" && (command.verb == RootfsCommand::Verb::Export || copies)) {
            if (!parseFd(value, command.rootFd) || command.rootFd <= 2)
                return std::unexpected(usageError(std::format(
                    "--root-fd takes a descriptor number above 2, not {}", quoted(value))));
        } else if (flag == "--userns-fd" && copies) {
            if (!parseFd(value, command.usernsFd) || command.usernsFd <= 2)
                return std::unexpected(usageError(std::format(
                    "--userns-fd takes a descriptor number above 2, not {}", quoted(value))));
        } else if (flag == "--path" && copies) {
            command.path = value;
        } else if (flag == "--mode" && push) {
            if (value.empty() || value.size() > 5 ||
                value.find_first_not_of("01234567") != std::string_view::npos)
                return std::unexpected(usageError(
                    std::format("--mode is octal, at most 07777, not {}", quoted(value))));
            command.mode = static_cast<uint32_t>(std::stoul(std::string(value), nullptr, 8));
            if (command.mode > 07777)
                return std::unexpected(usageError(
                    std::format("--mode is octal, at most 07777, not {}", quoted(value))));
        } else if ((flag == "--uid" || flag == "--gid") && push) {
            if (!parseUnsigned(value, number) || number >= 0xffffffffULL)
                return std::unexpected(
                    usageError(std::format("{} takes an id, not {}", flag, quoted(value))));
            (flag == "--uid" ? command.uid : command.gid) = static_cast<uint32_t>(number);
        } else if (flag == "--name" && command.verb != RootfsCommand::Verb::CleanStale && !copies) {
            command.name = value;
            haveName = true;
        } else if (flag == "--source" && command.verb == RootfsCommand::Verb::Create) {
            if (value == "busybox")
                command.source = RootfsCommand::Source::Busybox;
            else if (value == "archive")
                command.source = RootfsCommand::Source::Archive;
            else if (value == "copy")
                command.source = RootfsCommand::Source::Copy;
            else if (value == "debian")
                command.source = RootfsCommand::Source::Debian;
            else
                return std::unexpected(usageError(
                    std::format("--source is busybox, archive or debian, not {}", quoted(value))));
        } else if (flag == "--busybox" && command.verb == RootfsCommand::Verb::Create) {
            command.busybox = value;
            haveBusybox = true;
        } else if (flag == "--suite" && command.verb == RootfsCommand::Verb::Create) {
            command.debian.suite = value;
            haveDebianOption = true;
        } else if (flag == "--mirror" && command.verb == RootfsCommand::Verb::Create) {
            command.debian.mirror = value;
            haveDebianOption = true;
        } else if (flag == "--include" && command.verb == RootfsCommand::Verb::Create) {
            for (size_t start = 0; start <= value.size();) {
                const size_t comma = std::min(value.find(',', start), value.size());
                if (comma > start)
                    command.debian.packages.emplace_back(value.substr(start, comma - start));
                start = comma + 1;
            }
            haveDebianOption = true;
        } else if (flag == "--variant" && command.verb == RootfsCommand::Verb::Create) {
            const auto variant = debianVariantNamed(value);
            if (!variant)
                return std::unexpected(usageError(
                    std::format("--variant is system or minimal, not {}", quoted(value))));
            command.debian.variant = *variant;
            haveDebianOption = true;
        } else if (flag == "--user" && command.verb == RootfsCommand::Verb::Create) {
            command.debian.user = value;
            haveDebianOption = true;
        } else if (flag == "--autologin" && command.verb == RootfsCommand::Verb::Create) {
            if (value != "yes" && value != "no")
                return std::unexpected(
                    usageError(std::format("--autologin is yes or no, not {}", quoted(value))));
            command.debian.consoleAutologin = value == "yes";
            haveDebianOption = true;
        } else if (flag == "--passwords" && command.verb == RootfsCommand::Verb::Create) {
            if (value != "stdin")
                return std::unexpected(
                    usageError(std::format("--passwords takes stdin (never a password), not {}",
                                           quoted(value.substr(0, 8)))));
            command.passwordsOnStdin = true;
            haveDebianOption = true;
        } else if (flag == "--cache" && command.verb == RootfsCommand::Verb::Create) {
            command.debianCache = value;
            haveDebianOption = true;
        } else if (flag == "--progress-fd") {
            // 0 is the archive's; a descriptor the process lacks is found when it is used.
            if (!parseFd(value, command.progressFd) || command.progressFd == 0)
                return std::unexpected(usageError(std::format(
                    "--progress-fd takes a descriptor number above 0, not {}", quoted(value))));
        } else {
            return std::unexpected(
                usageError(std::format("{} does not take {}", verb, quoted(flag))));
        }
    }
    if (command.verb == RootfsCommand::Verb::Export) {
        if (command.rootFd < 0 || command.progressFd < 0)
            return std::unexpected(usageError("export needs --root-fd N and --progress-fd N"));
        if (command.rootFd == command.progressFd)
            return std::unexpected(usageError("--root-fd and --progress-fd must differ"));
        return command;
    }
    if (copies) {
        if (command.rootFd < 0 || command.progressFd < 0 || command.path.empty())
            return std::unexpected(usageError(
                std::format("{} needs --root-fd N, --path PATH and --progress-fd N", verb)));
        if (command.rootFd == command.progressFd || command.rootFd == command.usernsFd ||
            command.usernsFd == command.progressFd)
            return std::unexpected(
                usageError("--root-fd, --userns-fd and --progress-fd must differ"));
        if (auto valid = validateAbsolutePath(command.path, "--path"); !valid)
            return std::unexpected(CommandLineError{std::move(valid.error()), false});
        if (command.path == "/")
            return std::unexpected(CommandLineError{Error::invalid("--path names no file"), false});
        return command;
    }
    if (command.base.empty())
        return std::unexpected(usageError(std::format("{} needs --base DIR", verb)));
    if (command.verb != RootfsCommand::Verb::CleanStale) {
        if (!haveName)
            return std::unexpected(usageError(std::format("{} needs --name NAME", verb)));
        if (command.progressFd < 0)
            return std::unexpected(usageError(std::format("{} needs --progress-fd N", verb)));
    }
    if (command.verb == RootfsCommand::Verb::Create) {
        if (command.source == RootfsCommand::Source::None)
            return std::unexpected(
                usageError("create needs --source busybox, archive, debian or copy"));
        if (haveBusybox && command.source != RootfsCommand::Source::Busybox)
            return std::unexpected(usageError("--busybox goes with --source busybox"));
        if (haveDebianOption && command.source != RootfsCommand::Source::Debian)
            return std::unexpected(
                usageError("--suite, --mirror, --include, --variant, --cache, --user, "
                           "--autologin and --passwords go with --source debian"));
        if (command.source == RootfsCommand::Source::Debian) {
            command.debian.hostname = hostnameFor(command.name);
            // Passwords on standard input are read (and everything checked again) once the
            // job runs; until then a console without autologin is taken to get one.
            DebianBootstrap known = command.debian;
            if (command.passwordsOnStdin && !known.consoleAutologin)
                known.consoleAutologin = true;
            if (auto valid = validateDebianBootstrap(known); !valid)
                return std::unexpected(CommandLineError{std::move(valid.error()), false});
            if (!command.debianCache.empty() && command.debianCache.front() != '/')
                return std::unexpected(CommandLineError{
                    Error::invalid(std::format("--cache: {} is not an absolute path",
                                               quoted(command.debianCache))),
                    false});
        }
    }
    if (command.verb != RootfsCommand::Verb::CleanStale) {
        if (auto valid = validateObjectName(command.name, "--name"); !valid)
            return std::unexpected(CommandLineError{std::move(valid.error()), false});
    }
    if (command.base.front() != '/')
        return std::unexpected(CommandLineError{
            Error::invalid(std::format("--base: {} is not an absolute path", quoted(command.base))),
            false});
    return command;
}

} // namespace cubby
