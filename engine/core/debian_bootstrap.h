#pragma once
// A Debian root filesystem made by mmdebstrap: the request (suite, mirror, extra packages),
// checked; the mmdebstrap command line it becomes; and how far mmdebstrap got, read from the
// "I: ..." lines it prints. Pure: cubby-rootfs runs the command.

#include "error.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cubby {

inline constexpr std::string_view defaultDebianSuite = "trixie";
inline constexpr std::string_view defaultDebianMirror = "http://deb.debian.org/debian";

enum class DebianVariant {
    // A server that boots: systemd as init, DHCP on eth* by systemd-networkd, D-Bus, a getty
    // on the console that logs root in (the console is polkit's to hand out), C.UTF-8, the
    // hostname written, an empty machine-id (systemd makes one from the container's UUID).
    System,
    Minimal, // mmdebstrap's minbase and nothing else: no init system (bash runs as init)
};

// A password for an account of the new system, as crypt(3) hashes it: the client hashes what
// the user typed, and the hash travels on a descriptor, never on a command line.
struct AccountPassword {
    std::string account; // "root" or DebianBootstrap::user
    std::string hash;    // "$y$…" (yescrypt), "$6$…" (SHA-512) and the like
};

struct DebianBootstrap {
    std::string suite{defaultDebianSuite};
    std::string mirror{defaultDebianMirror};
    std::vector<std::string> packages; // installed on top of the variant's
    DebianVariant variant = DebianVariant::System;
    std::string hostname; // System: /etc/hostname; letters, digits and '-' (hostnameFor)
    // How people log in to a System: the console getty logs root in by itself, and/or a user
    // (made with a home directory, in group sudo), and/or passwords set after the build.
    bool consoleAutologin = true;
    std::string user;
    std::vector<AccountPassword> passwords;
};

// "system" and "minimal", as the worker's --variant and the helper's option spell them.
std::optional<DebianVariant> debianVariantNamed(std::string_view name);
std::string_view debianVariantName(DebianVariant variant);

// A hostname (RFC 1123 label) for a root filesystem's name: letters and digits kept, anything
// else a '-', at most 63 characters, never starting or ending with '-'; "debian" if nothing is
// left.
std::string hostnameFor(std::string_view name);

// The packages a variant installs on top of minbase.
const std::vector<std::string>& debianVariantPackages(DebianVariant variant);

// Suites Cubby knows (codenames and the archive's aliases); the mirror an http(s) URL of
// plain characters (it ends up in the root's sources.list, so no spaces, quotes or newlines);
// package names as Debian policy spells them, at most 64 of them.
Status validateDebianBootstrap(const DebianBootstrap& request);
// The login part of it: users and passwords only for a System, a valid new user name,
// passwords only for root and that user, and someone able to log in on the console.
Status validateDebianLogins(const DebianBootstrap& request);

// A login name Debian's useradd takes and no package of the base system uses: a lower-case
// letter or '_' first, then lower-case letters, digits, '_' and '-', at most 32 characters.
bool validNewUserName(std::string_view name);

// A crypt(3) hash in its "$id$…" form, of the characters crypt uses, at most 512 of them.
bool validPasswordHash(std::string_view hash);

// chpasswd --encrypted's input: "account:hash" lines, one per account. Parsing takes at most
// two lines (root and the user) of valid names and hashes, and never repeats the hash in an
// error.
std::string formatPasswordLines(const std::vector<AccountPassword>& passwords);
Result<std::vector<AccountPassword>> parsePasswordLines(std::string_view text);

// "bookworm, trixie, forky, sid, oldstable, stable, testing or unstable".
std::string knownDebianSuites();

// mmdebstrap's arguments (without the program) to build `target`, an empty directory, as
// root. With a `cacheDir` (plain characters only), downloaded packages are kept there and
// used again next time.
std::vector<std::string> mmdebstrapArguments(const DebianBootstrap& request,
                                             std::string_view target, std::string_view cacheDir);

struct BootstrapProgress {
    double fraction;
    std::string text;
};

// The step an mmdebstrap output line announces, or nullopt for any other line.
std::optional<BootstrapProgress> mmdebstrapProgress(std::string_view line);

} // namespace cubby
