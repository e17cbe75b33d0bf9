#include "debian_bootstrap.h"

#include "text.h"

#include <algorithm>
#include <array>
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

} // namespace

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
                 // The console is handed out only to whom polkit allows io.github.cubby1.console:
                 // it logs root in, as `machinectl shell` would.
                 "mkdir -p \"$1/etc/systemd/system/console-getty.service.d\" && printf "
                 "'[Service]\\nExecStart=\\nExecStart=-/sbin/agetty --autologin root "
                 "--noclear --keep-baud - 115200,38400,9600 $TERM\\n' >\"$1/etc/systemd/"
                 "system/console-getty.service.d/cubby-autologin.conf\"",
             })
            arguments.push_back("--customize-hook=" + hook);
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
