#include "busybox_rootfs.h"

#include "text.h"

#include <algorithm>
#include <format>
#include <set>

namespace cubby {

namespace {

using Kind = RootfsEntry::Kind;

// BusyBox init's table (see busybox's examples/inittab). The controller has mounted /proc,
// /sys, /dev and /tmp and set the host name before init runs, so nothing is mounted here.
// Nor is anything unmounted or remounted read-only at shutdown (the usual
// `::shutdown:/bin/umount -a -r`): the container's root is a bind mount of a host directory,
// and remounting it read-only would change the host's file system under it. BusyBox init
// syncs before it powers off; the controller takes the mounts down.
constexpr std::string_view inittab =
    R"sh(# BusyBox init in a Cubby container: the controller mounts /proc, /sys, /dev and /tmp.
::sysinit:/etc/init.d/rcS
# A root shell on the console; '-' makes it a login shell (it reads /etc/profile).
console::respawn:-/bin/sh
::ctrlaltdel:/sbin/reboot
::restart:/sbin/init
)sh";

// Interfaces with an IPv4 address were configured from outside (a static address in the
// definition); the others ask a DHCP server. udhcpc -b goes on in the background when no
// answer came after its tries (3 × 2 s), so the console never waits long for a network.
// BusyBox has no `mountpoint`, hence the look at /proc/mounts.
constexpr std::string_view rcS = R"sh(#!/bin/sh
# Run once by BusyBox init at boot (see /etc/inittab).
grep -q '^[^ ]* /run ' /proc/mounts || mount -t tmpfs -o mode=0755,nosuid,nodev tmpfs /run
ip link set lo up
for dev in /sys/class/net/eth*; do
    [ -e "$dev" ] || continue
    dev=${dev##*/}
    ip link set "$dev" up
    if ! ip -4 addr show dev "$dev" | grep -q ' inet '; then
        udhcpc -b -t 3 -T 2 -i "$dev" -p "/run/udhcpc.$dev.pid" \
            -s /usr/share/udhcpc/default.script
    fi
done
)sh";

// udhcpc's hook: $1 is the event, the lease is in the environment. `mask` is the prefix
// length, `router` and `dns` may list several addresses. Only BusyBox's `ip` is used.
constexpr std::string_view udhcpcScript = R"sh(#!/bin/sh
# udhcpc -s hook: $1 is the event; $interface, $ip, $mask, $broadcast, $router, $dns, $domain.
case "$1" in
deconfig)
    ip -4 addr flush dev "$interface"
    ip link set "$interface" up
    ;;
bound | renew)
    if ! ip -4 addr show dev "$interface" | grep -q " inet $ip/${mask:-24} "; then
        ip -4 addr flush dev "$interface"
        ip addr add "$ip/${mask:-24}" ${broadcast:+broadcast "$broadcast"} dev "$interface"
    fi
    for gateway in $router; do
        ip route replace default via "$gateway" dev "$interface"
        break
    done
    if [ -n "$dns" ]; then
        {
            [ -n "$domain" ] && echo "search $domain"
            for server in $dns; do echo "nameserver $server"; done
        } >/etc/resolv.conf.udhcpc && mv -f /etc/resolv.conf.udhcpc /etc/resolv.conf
    fi
    ;;
esac
exit 0
)sh";

// BusyBox init starts the console's shell with HOME=/.
constexpr std::string_view profile = R"sh(# Read by login shells, such as the console's.
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
if [ "$HOME" = / ] && [ "$(id -u)" = 0 ]; then export HOME=/root; fi
PS1='\u@\h:\w\$ '
)sh";

constexpr std::string_view passwd = "root:x:0:0:root:/root:/bin/sh\n"
                                    "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n";
constexpr std::string_view group = "root:x:0:\ntty:x:5:\nnogroup:x:65534:\n";
// '*': no password can match, so nobody logs in with one until root sets it with passwd
// (the console needs none: it is a root shell). An empty day of the last change, because 0
// would mean "must change at the next login".
constexpr std::string_view shadow = "root:*::0:99999:7:::\nnobody:*::0:99999:7:::\n";
constexpr std::string_view hosts = "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost "
                                   "ip6-loopback\n";

struct FixedDirectory {
    std::string_view path;
    unsigned mode;
};

constexpr FixedDirectory directories[] = {
    {"bin", 0755},
    {"sbin", 0755},
    {"usr", 0755},
    {"usr/bin", 0755},
    {"usr/sbin", 0755},
    {"usr/share", 0755},
    {"usr/share/udhcpc", 0755},
    {"etc", 0755},
    {"etc/init.d", 0755},
    {"proc", 0555},
    {"sys", 0555},
    {"dev", 0755},
    {"tmp", 01777},
    {"root", 0700},
    {"var", 0755},
    {"var/log", 0755},
    {"var/tmp", 01777},
    {"run", 0755},
    {"home", 0755},
};

struct FixedFile {
    std::string_view path;
    unsigned mode;
    std::string_view contents;
};

constexpr FixedFile files[] = {
    {"etc/passwd", 0644, passwd},   {"etc/group", 0644, group},
    {"etc/shadow", 0640, shadow},   {"etc/hosts", 0644, hosts},
    {"etc/profile", 0644, profile}, {"etc/inittab", 0644, inittab},
    {"etc/init.d/rcS", 0755, rcS},  {"usr/share/udhcpc/default.script", 0755, udhcpcScript},
};

Status checkAppletPath(std::string_view path) {
    const auto bad = [&](std::string_view why) {
        return failInvalid(std::format("busybox --list-full printed {}: {}", quoted(path), why));
    };
    if (path.front() == '/')
        return bad("an absolute path");
    if (std::ranges::any_of(path, [](char c) { return c < 0x20 || c == 0x7f; }))
        return bad("a control character");
    size_t start = 0;
    while (start <= path.size()) {
        const size_t end = std::min(path.find('/', start), path.size());
        const std::string_view component = path.substr(start, end - start);
        if (component.empty() || component == "." || component == "..")
            return bad("an empty, '.' or '..' component");
        start = end + 1;
    }
    return {};
}

} // namespace

Result<std::vector<RootfsEntry>> planBusyboxRootfs(std::string_view appletList) {
    std::vector<RootfsEntry> plan;
    std::set<std::string, std::less<>> taken;
    for (const auto& dir : directories) {
        plan.push_back({Kind::Directory, std::string(dir.path), dir.mode, {}});
        taken.emplace(dir.path);
    }
    // Applets whose directory the fixed table lacks get it here, before any file or link.
    std::vector<RootfsEntry> links;
    const std::string busyboxPath(busyboxInRoot.substr(1));
    size_t start = 0;
    while (start < appletList.size()) {
        const size_t end = std::min(appletList.find('\n', start), appletList.size());
        const std::string_view path = trimmed(appletList.substr(start, end - start));
        start = end + 1;
        if (path.empty() || path == busyboxPath || taken.contains(path))
            continue;
        CUBBY_CHECK(checkAppletPath(path));
        for (size_t slash = path.find('/'); slash != std::string_view::npos;
             slash = path.find('/', slash + 1)) {
            const std::string_view parent = path.substr(0, slash);
            if (taken.emplace(parent).second)
                plan.push_back({Kind::Directory, std::string(parent), 0755, {}});
        }
        taken.emplace(path);
        links.push_back({Kind::Symlink, std::string(path), 0777, std::string(busyboxInRoot)});
    }
    if (links.empty())
        return failInvalid("busybox --list-full printed no applets");
    for (const auto& file : files) {
        if (!taken.emplace(file.path).second)
            return failInvalid(std::format("busybox has an applet named {}", file.path));
        plan.push_back({Kind::File, std::string(file.path), file.mode, std::string(file.contents)});
    }
    if (!taken.emplace(busyboxPath).second)
        return failInvalid(std::format("busybox has an applet named {}", busyboxPath));
    plan.push_back({Kind::BusyboxBinary, busyboxPath, 0755, {}});
    // /var/run is where older programs put their pid files; it is /run, a fresh tmpfs.
    if (taken.emplace("var/run").second)
        plan.push_back({Kind::Symlink, "var/run", 0777, "../run"});
    std::ranges::move(links, std::back_inserter(plan));
    return plan;
}

} // namespace cubby
