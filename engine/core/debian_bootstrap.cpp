#include "debian_bootstrap.h"

#include "text.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <format>
#include <initializer_list>

namespace cubby {

namespace {

constexpr std::array<std::string_view, 8> debianSuites = {
    "bookworm", "trixie", "forky", "sid", "oldstable", "stable", "testing", "unstable"};

constexpr size_t maxPackages = 64;

// mmdebstrap's steps as it announces them ("I: downloading packages with apt..."), with
// how far along the whole run each one starts. Measured on a minbase trixie: the download
// and the two installs take most of the time.
struct Step {
    std::string_view announcement; // what the "I: " line starts with
    double fraction;
    std::string_view text;
};
constexpr std::array<Step, 7> mmdebstrapSteps = {{
    {"running apt-get update", 0.02, "Reading the package lists"},
    {"downloading packages", 0.08, "Downloading packages"},
    {"extracting archives", 0.35, "Unpacking the essential packages"},
    {"installing essential packages", 0.45, "Installing the essential packages"},
    {"installing remaining packages", 0.7, "Installing the remaining packages"},
    {"cleaning package lists", 0.95, "Cleaning up"},
    {"success", 1.0, "Finished"},
}};

bool plainUrlCharacter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string_view("-._~/:%+").find(c) != std::string_view::npos;
}

bool validPackageName(std::string_view name) {
    // Debian policy 5.6.1: lower case letters, digits, + - . ; at least two characters,
    // starting with a letter or digit.
    if (name.size() < 2 || name.size() > 100)
        return false;
    const auto allowed = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
    };
    return std::ranges::all_of(name, allowed) && name.front() != '+' && name.front() != '-' &&
           name.front() != '.';
}

bool plainPath(std::string_view path) {
    return !path.empty() && path.front() == '/' && std::ranges::all_of(path, [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               std::string_view("/._-").find(c) != std::string_view::npos;
    });
}

// Accounts of a minbase system with systemd, dbus and sudo: a user of one of these names
// would take over a system account.
constexpr std::array<std::string_view, 28> systemAccounts = {
    "root",
    "daemon",
    "bin",
    "sys",
    "sync",
    "games",
    "man",
    "lp",
    "mail",
    "news",
    "uucp",
    "proxy",
    "www-data",
    "backup",
    "list",
    "irc",
    "_apt",
    "nobody",
    "messagebus",
    "sudo",
    "systemd-network",
    "systemd-timesync",
    "systemd-resolve",
    "systemd-journal",
    "adm",
    "staff",
    "users",
    "polkitd",
};

constexpr size_t maxPasswordLines = 2;
constexpr size_t maxPasswordHash = 512;

} // namespace

bool validNewUserName(std::string_view name) {
    if (name.empty() || name.size() > 32 ||
        !(std::islower(static_cast<unsigned char>(name[0])) || name[0] == '_'))
        return false;
    const auto allowed = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    };
    return std::ranges::all_of(name, allowed) &&
           std::ranges::find(systemAccounts, name) == systemAccounts.end();
}

bool validPasswordHash(std::string_view hash) {
    // "$id$[params$]salt$hash": at least three '$', the first one leading.
    if (hash.size() < 4 || hash.size() > maxPasswordHash || hash.front() != '$' ||
        std::ranges::count(hash, '$') < 3)
        return false;
    return std::ranges::all_of(hash, [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '.' || c == '/' || c == '$' || c == '=' || c == ',';
    });
}

std::string formatPasswordLines(const std::vector<AccountPassword>& passwords) {
    std::string out;
    for (const auto& password : passwords)
        out += password.account + ":" + password.hash + "\n";
    return out;
}

Result<std::vector<AccountPassword>> parsePasswordLines(std::string_view text) {
    std::vector<AccountPassword> passwords;
    while (!text.empty()) {
        const size_t newline = text.find('\n');
        if (newline == std::string_view::npos)
            return failInvalid("the password lines must each end with a newline");
        const std::string_view line = text.substr(0, newline);
        text.remove_prefix(newline + 1);
        if (passwords.size() == maxPasswordLines)
            return failInvalid(
                std::format("at most {} password lines (root and one user)", maxPasswordLines));
        const size_t colon = line.find(':');
        const std::string_view account = line.substr(0, std::min(colon, line.size()));
        if (colon == std::string_view::npos || (account != "root" && !validNewUserName(account)))
            return failInvalid(std::format("a password line must start with root: or a user "
                                           "name and ':', not {}",
                                           quoted(account.substr(0, 32))));
        if (!validPasswordHash(line.substr(colon + 1)))
            return failInvalid(std::format("the password for {} is not a crypt(3) hash "
                                           "(\"$id$salt$hash\")",
                                           quoted(account)));
        passwords.push_back({std::string(account), std::string(line.substr(colon + 1))});
    }
    return passwords;
}

std::optional<DebianVariant> debianVariantNamed(std::string_view name) {
    if (name == "system")
        return DebianVariant::System;
    if (name == "minimal")
        return DebianVariant::Minimal;
    return std::nullopt;
}

std::string_view debianVariantName(DebianVariant variant) {
    return variant == DebianVariant::System ? "system" : "minimal";
}

std::string hostnameFor(std::string_view name) {
    std::string out;
    for (const char c : name.substr(0, 63)) {
        const bool alnum =
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        out += alnum ? c : '-';
    }
    while (!out.empty() && out.front() == '-')
        out.erase(0, 1);
    while (!out.empty() && out.back() == '-')
        out.pop_back();
    return out.empty() ? "debian" : out;
}

const std::vector<std::string>& debianVariantPackages(DebianVariant variant) {
    static const std::vector<std::string> system = {
        "systemd-sysv", "dbus", "libpam-systemd", "iproute2", "iputils-ping", "sudo", "locales",
    };
    static const std::vector<std::string> minimal;
    return variant == DebianVariant::System ? system : minimal;
}

std::string knownDebianSuites() {
    std::string out;
    for (size_t i = 0; i < debianSuites.size(); ++i) {
        if (i > 0)
            out += i + 1 == debianSuites.size() ? " or " : ", ";
        out += debianSuites[i];
    }
    return out;
}

Status validateDebianBootstrap(const DebianBootstrap& request) {
    if (std::ranges::find(debianSuites, request.suite) == debianSuites.end())
        return failInvalid(std::format("unknown Debian suite {}; known: {}", quoted(request.suite),
                                       knownDebianSuites()));
    const std::string_view mirror = request.mirror;
    const bool http = mirror.starts_with("http://") || mirror.starts_with("https://");
    const size_t hostStart = mirror.find("://") + 3;
    if (!http || mirror.size() > 256 || mirror.size() <= hostStart ||
        !std::ranges::all_of(mirror, plainUrlCharacter) || mirror[hostStart] == '/')
        return failInvalid(std::format("the mirror must be an http:// or https:// URL of plain "
                                       "characters, like {}, not {}",
                                       defaultDebianMirror, quoted(mirror)));
    if (request.packages.size() > maxPackages)
        return failInvalid(
            std::format("at most {} extra packages, not {}", maxPackages, request.packages.size()));
    for (const auto& package : request.packages) {
        if (!validPackageName(package))
            return failInvalid(std::format("{} is not a Debian package name", quoted(package)));
    }
    if (!request.hostname.empty() && hostnameFor(request.hostname) != request.hostname)
        return failInvalid(std::format("{} is not a hostname (letters, digits and '-')",
                                       quoted(request.hostname)));
    return validateDebianLogins(request);
}

Status validateDebianLogins(const DebianBootstrap& request) {
    const bool loginsChosen =
        !request.consoleAutologin || !request.user.empty() || !request.passwords.empty();
    if (request.variant == DebianVariant::Minimal && loginsChosen)
        return failInvalid("a minimal Debian has no logins to set up: users, passwords and the "
                           "console login go with the system variant");
    if (!request.user.empty() && !validNewUserName(request.user))
        return failInvalid(std::format("{} cannot be a new user's name: lower-case letters, "
                                       "digits, '_' and '-', at most 32, starting with a letter, "
                                       "and not an account the system has already",
                                       quoted(request.user.substr(0, 40))));
    if (request.passwords.size() > maxPasswordLines)
        return failInvalid("at most two passwords: root's and the user's");
    for (size_t i = 0; i < request.passwords.size(); ++i) {
        const auto& password = request.passwords[i];
        if (password.account != "root" && password.account != request.user)
            return failInvalid(std::format("a password for {}, who is neither root nor the new "
                                           "user",
                                           quoted(password.account.substr(0, 40))));
        if (!validPasswordHash(password.hash))
            return failInvalid(std::format("the password for {} is not a crypt(3) hash",
                                           quoted(password.account)));
        for (size_t j = 0; j < i; ++j) {
            if (request.passwords[j].account == password.account)
                return failInvalid(std::format("two passwords for {}", quoted(password.account)));
        }
    }
    if (request.variant == DebianVariant::System && !request.consoleAutologin &&
        request.passwords.empty())
        return failInvalid("nobody could log in on the console: choose a root password, a user "
                           "with a password, or the console logging root in");
    return {};
}

std::vector<std::string> mmdebstrapArguments(const DebianBootstrap& request,
                                             std::string_view target, std::string_view cacheDir) {
    std::vector<std::string> arguments = {"--mode=root", "--variant=minbase", "--format=directory"};
    std::vector<std::string> packages = debianVariantPackages(request.variant);
    packages.insert(packages.end(), request.packages.begin(), request.packages.end());
    if (!packages.empty()) {
        std::string include = "--include=";
        for (size_t i = 0; i < packages.size(); ++i)
            include += (i > 0 ? "," : "") + packages[i];
        arguments.push_back(include);
    }
    if (request.variant == DebianVariant::System) {
        // Run by mmdebstrap with sh, the new root as $1. Every value in them is Cubby's own or
        // checked (the hostname: letters, digits and '-'), so nothing needs quoting.
        const std::string hostname = hostnameFor(request.hostname);
        for (const std::string& hook : std::initializer_list<std::string>{
                 std::format("echo {} >\"$1/etc/hostname\"", hostname),
                 std::format("printf '127.0.1.1\\t{}\\n' >>\"$1/etc/hosts\"", hostname),
                 // systemd makes the machine ID from container_uuid at the first boot.
                 ": >\"$1/etc/machine-id\"; rm -f \"$1/var/lib/dbus/machine-id\"",
                 "echo LANG=C.UTF-8 >\"$1/etc/default/locale\"",
                 "mkdir -p \"$1/etc/systemd/network\" && printf '[Match]\\nName=eth*\\n\\n"
                 "[Network]\\nDHCP=yes\\n' >\"$1/etc/systemd/network/80-cubby.network\"",
                 // Not its wait-online: a container without an interface would wait two
                 // minutes for one and boot degraded.
                 "systemctl --root=\"$1\" enable systemd-networkd.service && systemctl "
                 "--root=\"$1\" disable systemd-networkd-wait-online.service",
             })
            arguments.push_back("--customize-hook=" + hook);
        if (request.consoleAutologin) {
            // The console is handed out only to whom polkit allows io.github.cubby1.console:
            // it logs root in, as `machinectl shell` would.
            arguments.push_back(
                "--customize-hook=mkdir -p \"$1/etc/systemd/system/console-getty.service.d\" && "
                "printf '[Service]\\nExecStart=\\nExecStart=-/sbin/agetty --autologin root "
                "--noclear --keep-baud - 115200,38400,9600 $TERM\\n' >\"$1/etc/systemd/"
                "system/console-getty.service.d/cubby-autologin.conf\"");
        }
        if (!request.user.empty()) {
            // The name is checked (validNewUserName): nothing to quote. Its password, if any,
            // is set after the build, from a descriptor.
            arguments.push_back(std::format("--customize-hook=useradd --root \"$1\" "
                                            "--create-home --shell /bin/bash --groups sudo {}",
                                            request.user));
        }
    }
    if (plainPath(cacheDir)) {
        // mmdebstrap's documented package cache: copy what is cached into the new root's
        // apt cache before apt runs (apt checks each against the signed package lists), and
        // everything downloaded back out before the cache is emptied. The essential
        // packages are kept until then too.
        arguments.insert(
            arguments.end(),
            {"--skip=essential/unlink", "--setup-hook=mkdir -p \"$1\"/var/cache/apt/archives/",
             std::format("--setup-hook=sync-in {} /var/cache/apt/archives/", cacheDir),
             std::format("--customize-hook=sync-out /var/cache/apt/archives {}", cacheDir)});
    }
    arguments.insert(arguments.end(), {request.suite, std::string(target), request.mirror});
    return arguments;
}

std::optional<BootstrapProgress> mmdebstrapProgress(std::string_view line) {
    if (!line.starts_with("I: "))
        return std::nullopt;
    line.remove_prefix(3);
    for (const auto& step : mmdebstrapSteps) {
        if (line.starts_with(step.announcement))
            return BootstrapProgress{step.fraction, std::string(step.text)};
    }
    return std::nullopt;
}

} // namespace cubby
