// Semantic validation of a Domain, whatever built it (XML, the wizard, cubbyctl).
#include "capabilities.h"
#include "domain_xml.h"
#include "names.h"
#include "text.h"

#include <algorithm>
#include <format>
#include <set>

namespace cubby {

namespace {

bool isUserOrGroupName(std::string_view name) {
    // POSIX portable user names, or a plain number.
    if (name.empty() || name.size() > 32 || name.front() == '-')
        return false;
    return std::ranges::all_of(name, [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '_' || c == '-' || c == '.';
    });
}

bool isEnvironmentName(std::string_view name) {
    if (name.empty() || (name.front() >= '0' && name.front() <= '9'))
        return false;
    return std::ranges::all_of(name, [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '_';
    });
}

Status validateMemory(const Domain& domain) {
    const auto tooSmall = [](std::string_view what, uint64_t kib) {
        return failInvalid(std::format("{}: {} KiB is below the minimum of {} KiB ({} MiB)", what,
                                       kib, minimumMemoryKiB, minimumMemoryKiB / 1024));
    };
    if (domain.memoryKiB < minimumMemoryKiB)
        return tooSmall("/domain/memory", domain.memoryKiB);
    if (domain.currentMemoryKiB == 0 || domain.currentMemoryKiB > domain.memoryKiB)
        return failInvalid(std::format("/domain/currentMemory: {} KiB must be above zero and at "
                                       "most <memory> ({} KiB)",
                                       domain.currentMemoryKiB, domain.memoryKiB));
    const MemTune& tune = domain.memtune;
    if (tune.hardLimitKiB && *tune.hardLimitKiB < minimumMemoryKiB)
        return tooSmall("/domain/memtune/hard_limit", *tune.hardLimitKiB);
    if (tune.hardLimitKiB && tune.softLimitKiB && *tune.softLimitKiB > *tune.hardLimitKiB)
        return failInvalid(std::format("/domain/memtune/soft_limit: {} KiB is above hard_limit "
                                       "({} KiB)",
                                       *tune.softLimitKiB, *tune.hardLimitKiB));
    if (tune.swapHardLimitKiB) {
        const uint64_t hard = tune.hardLimitKiB.value_or(domain.memoryKiB);
        if (*tune.swapHardLimitKiB < hard)
            return failInvalid(std::format("/domain/memtune/swap_hard_limit: {} KiB is below the "
                                           "memory limit ({} KiB); it counts memory plus swap",
                                           *tune.swapHardLimitKiB, hard));
    }
    return {};
}

// A disk per <device>, named under /dev: the controller opens the node at start and requires a
// block device there (names.h checks the path's form; nothing is looked up here).
Status validateBlkio(const BlkioTune& tune) {
    constexpr size_t maxDevices = 16;
    if (tune.devices.size() > maxDevices)
        return failInvalid(std::format("/domain/blkiotune: {} devices; at most {} are allowed",
                                       tune.devices.size(), maxDevices));
    std::set<std::string_view> paths;
    for (const BlkioDevice& device : tune.devices) {
        CUBBY_CHECK(validateAbsolutePath(device.path, "/domain/blkiotune/device/path"));
        if (!device.path.starts_with("/dev/"))
            return failInvalid(std::format("/domain/blkiotune/device/path: {} is not a device "
                                           "node under /dev",
                                           quoted(device.path)));
        if (!paths.insert(device.path).second)
            return failInvalid(std::format("/domain/blkiotune/device/path: {} is given twice",
                                           quoted(device.path)));
    }
    return {};
}

Status validateOs(const OsConfig& os) {
    CUBBY_CHECK(validateAbsolutePath(os.init, "/domain/os/init"));
    if (!os.initDir.empty())
        CUBBY_CHECK(validateAbsolutePath(os.initDir, "/domain/os/initdir"));
    for (const auto& env : os.initEnv) {
        if (!isEnvironmentName(env.name))
            return failInvalid(std::format("/domain/os/initenv/@name: {} is not a usable "
                                           "environment variable name",
                                           quoted(env.name)));
    }
    for (const auto& [what, value] : {std::pair{"/domain/os/inituser", &os.initUser},
                                      std::pair{"/domain/os/initgroup", &os.initGroup}}) {
        if (!value->empty() && !isUserOrGroupName(*value))
            return failInvalid(
                std::format("{}: {} is not a user or group name or number", what, quoted(*value)));
    }
    return {};
}

Status validateIdRanges(const std::vector<IdMapRange>& ranges, std::string_view what) {
    constexpr size_t kernelMaxRanges = 340;
    if (ranges.empty())
        return failInvalid(std::format("/domain/idmap: at least one <{}> range is required", what));
    if (ranges.size() > kernelMaxRanges)
        return failInvalid(std::format("/domain/idmap: {} <{}> ranges; the kernel takes at most {}",
                                       ranges.size(), what, kernelMaxRanges));
    bool mapsRoot = false;
    for (size_t i = 0; i < ranges.size(); ++i) {
        const IdMapRange& a = ranges[i];
        if (a.count == 0 || uint64_t{a.start} + a.count > (uint64_t{1} << 32) ||
            uint64_t{a.target} + a.count > (uint64_t{1} << 32))
            return failInvalid(std::format("/domain/idmap/{}[{}]: start {} target {} count {} runs "
                                           "past the 32-bit id space",
                                           what, i + 1, a.start, a.target, a.count));
        mapsRoot = mapsRoot || a.start == 0;
        for (size_t j = 0; j < i; ++j) {
            const IdMapRange& b = ranges[j];
            const auto overlap = [](uint64_t x, uint64_t xn, uint64_t y, uint64_t yn) {
                return x < y + yn && y < x + xn;
            };
            if (overlap(a.start, a.count, b.start, b.count) ||
                overlap(a.target, a.count, b.target, b.count))
                return failInvalid(
                    std::format("/domain/idmap/{}[{}] overlaps {}[{}]", what, i + 1, what, j + 1));
        }
    }
    if (!mapsRoot)
        return failInvalid(std::format("/domain/idmap: no <{}> range maps id 0; init runs as root "
                                       "inside the container",
                                       what));
    return {};
}

Status validateFilesystems(const Domain& domain) {
    std::set<std::string_view> targets;
    for (size_t i = 0; i < domain.filesystems.size(); ++i) {
        const Filesystem& fs = domain.filesystems[i];
        const std::string where = std::format("/domain/devices/filesystem[{}]", i + 1);
        CUBBY_CHECK(validateAbsolutePath(fs.targetDir, where + "/target/@dir"));
        if (fs.type != FilesystemType::Ram)
            CUBBY_CHECK(validateAbsolutePath(fs.sourceDir, where + "/source/@dir"));
        else if (!fs.ramKiB || *fs.ramKiB == 0)
            return failInvalid(
                std::format("{}/source/@usage: a ram filesystem needs a size", where));
        if (fs.targetDir == "/" && fs.type != FilesystemType::Mount)
            return failInvalid(std::format("{}: the root filesystem (target '/') must be of type "
                                           "'mount' (a host directory)",
                                           where));
        if (!targets.insert(fs.targetDir).second)
            return failInvalid(std::format("{}/target/@dir: {} is the target of another "
                                           "filesystem too",
                                           where, quoted(fs.targetDir)));
    }
    for (const auto& [target, user] : domain.cubby.shareUsers) {
        const bool shared = std::ranges::any_of(domain.filesystems, [&](const Filesystem& fs) {
            return fs.type == FilesystemType::Mount && fs.targetDir == target && target != "/";
        });
        if (!shared)
            return failInvalid(std::format("/domain/metadata/cubby:share: no host folder is "
                                           "shared on {}",
                                           quoted(target)));
    }
    return {};
}

Status validateInterfaces(const Domain& domain) {
    // More would only come from a hostile or broken file: each costs a veth, a reservation
    // and walls in a network definition that other users' containers share.
    constexpr size_t maxInterfaces = 32;
    if (domain.interfaces.size() > maxInterfaces)
        return failInvalid(std::format("/domain/devices/interface: {} interfaces; at most {}",
                                       domain.interfaces.size(), maxInterfaces));
    if (domain.cubby.walls && domain.cubby.walls->wallsAnything() && !domain.hasPrivateNetwork())
        return failInvalid("/domain/metadata/container/walls: the container shares the host's "
                           "network, which no walls hold; give it an interface on a Cubby "
                           "network");
    std::set<std::string> guestDevs, targetDevs;
    std::set<MacAddress> macs;
    for (size_t i = 0; i < domain.interfaces.size(); ++i) {
        const Interface& iface = domain.interfaces[i];
        const std::string where = std::format("/domain/devices/interface[{}]", i + 1);
        if (iface.type == InterfaceType::Network)
            CUBBY_CHECK(validateObjectName(iface.source, where + "/source/@network"));
        else
            CUBBY_CHECK(validateInterfaceName(
                iface.source, where + (iface.type == InterfaceType::Bridge ? "/source/@bridge"
                                                                           : "/source/@dev")));
        const std::string guestDev =
            iface.guestDev.empty() ? std::format("eth{}", i) : iface.guestDev;
        CUBBY_CHECK(validateInterfaceName(guestDev, where + "/guest/@dev"));
        if (!guestDevs.insert(guestDev).second)
            return failInvalid(std::format("{}/guest/@dev: {} is used by another interface", where,
                                           quoted(guestDev)));
        if (!iface.targetDev.empty()) {
            CUBBY_CHECK(validateInterfaceName(iface.targetDev, where + "/target/@dev"));
            if (!targetDevs.insert(iface.targetDev).second)
                return failInvalid(std::format("{}/target/@dev: {} is used by another interface",
                                               where, quoted(iface.targetDev)));
        }
        if (iface.mac && !macs.insert(*iface.mac).second)
            return failInvalid(std::format("{}/mac/@address: {} is used by another interface",
                                           where, iface.mac->toString()));
        for (const auto& ip : iface.ips) {
            if (ip.prefixLength && *ip.prefixLength > ip.address.bitWidth())
                return failInvalid(std::format("{}/ip: prefix {} is too long for {}", where,
                                               *ip.prefixLength, ip.address.toString()));
        }
        // Walls are a Cubby network's firewall rules; on the host's own bridge or NIC the
        // container is beyond any of them.
        if (domain.cubby.walls && domain.cubby.walls->wallsAnything() &&
            iface.type != InterfaceType::Network)
            return failInvalid(
                std::format("/domain/metadata/container/walls: walls hold only on "
                            "Cubby networks, and {} joins the host's {} {} "
                            "directly",
                            where, iface.type == InterfaceType::Bridge ? "bridge" : "device",
                            quoted(iface.source)));
    }
    return {};
}

} // namespace

Status validateDomain(const Domain& domain) {
    CUBBY_CHECK(validateObjectName(domain.name, "/domain/name"));
    if (domain.uuid.isNil())
        return failInvalid("/domain/uuid: the nil UUID cannot name a definition");
    if (domain.title.find('\n') != std::string::npos)
        return failInvalid("/domain/title: a title is a single line (use <description> for more)");
    CUBBY_CHECK(validateMemory(domain));
    CUBBY_CHECK(validateBlkio(domain.blkiotune));
    CUBBY_CHECK(validateOs(domain.os));
    if (domain.idmap) {
        CUBBY_CHECK(validateIdRanges(domain.idmap->uids, "uid"));
        CUBBY_CHECK(validateIdRanges(domain.idmap->gids, "gid"));
        if (domain.cubby.privileged)
            return failInvalid("/domain/metadata: the container is marked privileged (no user "
                               "namespace) but has an <idmap>; remove one of them");
    }
    if (domain.features.capabilities) {
        for (const auto& [name, on] : domain.features.capabilities->overrides) {
            if (!capabilityNumber(name))
                return failInvalid(std::format("/domain/features/capabilities: {} is not a Linux "
                                               "capability name",
                                               quoted(name)));
        }
    }
    CUBBY_CHECK(validateFilesystems(domain));
    if (domain.cubby.diskQuotaKiB && !domain.rootFilesystem())
        return failInvalid("/domain/metadata: a disk quota needs a root filesystem of the "
                           "container's own; this one shares the host's root");
    CUBBY_CHECK(validateInterfaces(domain));
    std::set<unsigned> ports;
    for (const auto& console : domain.consoles) {
        if (!ports.insert(console.targetPort).second)
            return failInvalid(
                std::format("/domain/devices/console: port {} is used twice", console.targetPort));
    }
    return {};
}

Status validateDomainSet(std::span<const Domain> domains) {
    std::set<std::string_view> names;
    std::set<Uuid> uuids;
    for (const auto& domain : domains) {
        if (!names.insert(domain.name).second)
            return fail(Error::of(
                ErrorKind::AlreadyExists,
                std::format("a container named {} is already defined", quoted(domain.name))));
        if (!uuids.insert(domain.uuid).second)
            return fail(Error::of(ErrorKind::AlreadyExists,
                                  std::format("the UUID {} of container {} is already used by "
                                              "another container",
                                              domain.uuid.toString(), quoted(domain.name))));
    }
    return {};
}

const Filesystem* Domain::rootFilesystem() const {
    const auto found =
        std::ranges::find(filesystems, std::string_view("/"), &Filesystem::targetDir);
    return found == filesystems.end() ? nullptr : &*found;
}

} // namespace cubby
