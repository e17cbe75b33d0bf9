#pragma once
// A container definition: the libvirt LXC <domain type='lxc'> subset Cubby understands.
// Plain values; parsing and validation live in domain_xml.h, behaviour in the planners.

#include "inet.h"
#include "seccomp_profile.h"
#include "uuid.h"
#include "walls.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cubby {

enum class LifecycleAction { Destroy, Restart };

struct MemTune {
    std::optional<uint64_t> hardLimitKiB;
    std::optional<uint64_t> softLimitKiB;
    std::optional<uint64_t> swapHardLimitKiB;
    std::optional<uint64_t> minGuaranteeKiB;
    bool operator==(const MemTune&) const = default;
};

struct CpuTune {
    std::optional<uint64_t> shares;   // relative weight, 2–262144 (1024 is the default)
    std::optional<uint64_t> periodUs; // 1000–1000000
    std::optional<int64_t> quotaUs;   // -1 (no limit) or 1000–17592186044415
    bool operator==(const CpuTune&) const = default;
};

// <blkiotune><device>: caps and a weight on one disk (libvirt's element).
struct BlkioDevice {
    std::string path;               // the disk's device node, e.g. /dev/nvme0n1; resolved at start
    std::optional<unsigned> weight; // 100–1000 on this disk
    std::optional<uint64_t> readBytesPerSec;
    std::optional<uint64_t> writeBytesPerSec;
    std::optional<uint64_t> readIopsPerSec;
    std::optional<uint64_t> writeIopsPerSec;
    bool operator==(const BlkioDevice&) const = default;
};

// <blkiotune>: the container's share of block I/O against its siblings and caps per disk.
struct BlkioTune {
    std::optional<unsigned> weight; // 100–1000 (libvirt's range); unset: the kernel's default
    std::vector<BlkioDevice> devices;
    bool operator==(const BlkioTune&) const = default;
};

struct InitEnv {
    std::string name;
    std::string value;
    bool operator==(const InitEnv&) const = default;
};

struct OsConfig {
    std::string arch; // as given; informational for containers (they run the host's kernel)
    std::string init = "/sbin/init";
    std::vector<std::string> initArgs;
    std::vector<InitEnv> initEnv;
    std::string initDir;   // working directory; empty: "/"
    std::string initUser;  // user name or number inside the container; empty: root
    std::string initGroup; // group name or number; empty: the user's group
    bool operator==(const OsConfig&) const = default;
};

struct IdMapRange {
    uint32_t start = 0;  // first id inside the container
    uint32_t target = 0; // first id on the host
    uint32_t count = 0;
    bool operator==(const IdMapRange&) const = default;
};

struct IdMap {
    std::vector<IdMapRange> uids;
    std::vector<IdMapRange> gids;
    bool operator==(const IdMap&) const = default;
};

enum class CapabilityPolicy { Default, Allow, Deny };

struct CapabilityFeature {
    CapabilityPolicy policy = CapabilityPolicy::Default;
    std::map<std::string, bool> overrides; // capability name → on/off
    bool operator==(const CapabilityFeature&) const = default;
};

struct Features {
    bool privnet = false; // a private network namespace even without interfaces
    std::optional<CapabilityFeature> capabilities;
    std::vector<std::string> preserved; // unknown features, kept verbatim
    bool operator==(const Features&) const = default;
};

enum class FilesystemType {
    Mount, // a host directory (target '/' makes it the root filesystem)
    Bind,  // a directory inside the container bound to another place inside it
    Ram,   // a tmpfs of a given size
};

struct Filesystem {
    FilesystemType type = FilesystemType::Mount;
    std::string accessMode;         // libvirt's accessmode; only "passthrough" is meaningful
    std::string sourceDir;          // Mount and Bind
    std::optional<uint64_t> ramKiB; // Ram: the tmpfs size
    std::string targetDir;
    bool readOnly = false;
    bool operator==(const Filesystem&) const = default;
};

enum class InterfaceType {
    Network, // a Cubby (libvirt) virtual network by name
    Bridge,  // an existing host bridge
    Direct,  // macvlan on a host NIC
};

enum class MacvlanMode { Bridge, Vepa, Private, Passthrough };

struct InterfaceIp {
    IpAddress address;
    std::optional<unsigned> prefixLength;
    bool operator==(const InterfaceIp&) const = default;
};

struct InterfaceRoute {
    IpPrefix destination; // 0.0.0.0/0 for a default route
    IpAddress gateway;
    bool operator==(const InterfaceRoute&) const = default;
};

struct Interface {
    InterfaceType type = InterfaceType::Network;
    std::string source; // network name, bridge name or host device, by type
    MacvlanMode macvlanMode = MacvlanMode::Bridge;
    std::optional<MacAddress> mac; // generated (stably) when absent
    std::string targetDev;         // host-side name; generated when empty
    std::string guestDev;          // name inside the container; "eth0", "eth1", … when empty
    std::vector<InterfaceIp> ips;
    std::vector<InterfaceRoute> routes;
    bool operator==(const Interface&) const = default;
};

// Cubby's own settings, kept in libvirt's <metadata> under Cubby's XML namespace
// (cubby_metadata.h), so a libvirt tool reading the file ignores them.
struct CubbySettings {
    // No user namespace: root inside is root on the host. Only by explicit opt-in.
    bool privileged = false;
    // The user who defined the container (set by the helper, never taken from a caller).
    std::optional<uint32_t> ownerUid;
    // <cubby:security seccomp='default|relaxed|none'>: the system-call filter (nested
    // containers and debugging may relax it).
    SeccompProfile seccomp = SeccompProfile::Default;
    // <cubby:security noNewPrivileges='yes|no'>; unset: on where the init needs no
    // set-user-ID program (an application container), off for a system container, whose
    // su, sudo and ping need them.
    std::optional<bool> noNewPrivileges;
    // <cubby:share target='/src' user='1000'/>: who owns a folder shared from the owner's
    // home, inside (by target directory); unset: root.
    std::map<std::string, uint32_t> shareUsers;
    // <cubby:rootShift/>: where the root filesystem cannot be idmapped, shift its owners
    // into the container's range once (recorded on the tree) instead of refusing to start.
    bool rootShift = false;
    // <cubby:limits processes='N'/>: at most N processes and threads in the container
    // (pids.max); unset: defaultContainerPidsMax. libvirt has no element for it.
    std::optional<uint64_t> processLimit;
    // <cubby:limits diskKiB='N'/>: at most N KiB in the root filesystem, as a project quota
    // (the root filesystem's file system must have project quotas: ext4 with the project
    // feature mounted prjquota, or XFS with pquota); unset: no quota.
    std::optional<uint64_t> diskQuotaKiB;
    // <cubby:walls host='services' lan='no'/>: walls the container adds to those of each
    // Cubby network it is on (walls.h); they never open what a network walls off.
    std::optional<NetworkWalls> walls;
    bool operator==(const CubbySettings&) const = default;
};

struct Console {
    unsigned targetPort = 0;
    bool operator==(const Console&) const = default;
};

// What a running container adds to its definition (the seed's dumpxml shows these).
struct LiveState {
    int64_t id = 0;                       // the container's init as the host sees it
    std::vector<std::string> consoleTtys; // per console, the PTY path, e.g. /dev/pts/22
    bool operator==(const LiveState&) const = default;
};

struct Domain {
    std::string name;
    Uuid uuid;
    std::string title;
    std::string description;
    uint64_t memoryKiB = 0;
    uint64_t currentMemoryKiB = 0; // equals memoryKiB when not given
    MemTune memtune;
    unsigned vcpus = 1;
    std::vector<unsigned> cpuset; // empty: any CPU
    CpuTune cputune;
    BlkioTune blkiotune;
    OsConfig os;
    std::optional<IdMap> idmap;
    Features features;
    LifecycleAction onPoweroff = LifecycleAction::Destroy;
    LifecycleAction onReboot = LifecycleAction::Restart;
    LifecycleAction onCrash = LifecycleAction::Destroy;
    std::vector<Filesystem> filesystems;
    std::vector<Interface> interfaces;
    std::vector<Console> consoles;
    // Elements Cubby does not model under <domain> and <devices>, kept verbatim so a libvirt
    // file survives a round trip; they have no effect on the container.
    std::vector<std::string> preservedElements;
    std::vector<std::string> preservedDevices;
    CubbySettings cubby;
    std::vector<std::string> preservedMetadata; // other applications' <metadata> children
    std::optional<LiveState> live;

    bool operator==(const Domain&) const = default;

    // The filesystem mounted at '/', if any: without one, the container is an application
    // container sharing the host's root (the seed's first use case).
    const Filesystem* rootFilesystem() const;
    // True when the container gets its own network namespace.
    bool hasPrivateNetwork() const { return features.privnet || !interfaces.empty(); }
    // True when root inside runs as an unprivileged id range outside (a user namespace).
    bool hasUserNamespace() const { return idmap.has_value(); }
};

} // namespace cubby
