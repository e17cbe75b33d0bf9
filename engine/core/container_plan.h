#pragma once
// Everything the container's first process does, decided before clone(): namespaces, the
// mount table, device nodes, masked paths, capabilities, init's command line and
// environment. The child only walks this plan; it computes nothing new (so nothing can
// surprise it between clone() and exec()).

#include "domain.h"
#include "seccomp_profile.h"

#include <cstdint>
#include <string>
#include <vector>

namespace cubby {

enum class MountPhase {
    // By the controller before clone(), in its own mount namespace, as the host's root: host
    // directories bound into the root. The container's mount namespace is then a copy in which
    // the kernel locks them (a user namespace cannot unmount, remount or reveal what is below).
    Staged,
    BeforePivot, // host sources are still reachable; targets resolved inside the new root
    AfterPivot,  // inside the container's root: masks and read-only remounts
};

enum class MountAction {
    BindHost,        // source: a host path (absolute); bound onto target (recursively)
    MountFilesystem, // fstype/data: a fresh filesystem (proc, sysfs, tmpfs, devpts, mqueue)
    Symlink,         // target becomes a symlink to `source`
    BindInside,      // after pivot: source and target are both container paths
    RemountReadOnly, // after pivot: target (already a mount) becomes read-only
    MaskFile,        // after pivot: /dev/null is bound over the file, if it exists
    MaskDirectory,   // after pivot: an empty read-only tmpfs over the directory, if it exists
    WriteFile,       // before pivot: target (a file, created) gets `data` as its content
};

struct MountStep {
    MountPhase phase = MountPhase::BeforePivot;
    MountAction action = MountAction::BindHost;
    std::string source;
    std::string target; // always absolute, as seen inside the container
    std::string fstype;
    unsigned long flags = 0; // MS_* flags
    std::string data;
    bool targetIsFile = false; // create a file (not a directory) as the mount point
    bool readOnly = false;     // remount the bind read-only right after binding
    bool recursive = true;     // BindHost: with the mounts below the source
    // BindHost of a folder in the owner's home (uid homeOwnerUid; -1: none): opened from the
    // home by descriptor at start and idmapped so that the owner's files show as one user's
    // inside (shareUidMap/shareGidMap, "HOSTID CONTAINER-HOSTID 1"; empty when that user is
    // outside the container's map) and what the container makes stays the owner's.
    int64_t homeOwnerUid = -1;
    std::string shareUidMap = {};
    std::string shareGidMap = {};
    bool operator==(const MountStep&) const = default;
};

struct IdentityRequest {
    std::string user;  // name or number, resolved in the container's /etc/passwd
    std::string group; // name or number; empty: the user's primary group
    bool operator==(const IdentityRequest&) const = default;
};

// A one-time shift of a root filesystem's owners into the container's range (the fallback
// for filesystems that cannot be idmapped; engine/sys/tree_shift.h).
struct IdShift {
    uint32_t uidBase = 0; // on-disk id N (below count) becomes uidBase + N
    uint32_t gidBase = 0;
    uint32_t count = 0;
    bool operator==(const IdShift&) const = default;
};

struct ContainerPlan {
    std::string name;
    std::string hostname;
    uint64_t cloneFlags = 0; // CLONE_NEW* for clone3 (the cgroup namespace comes later)
    std::string rootfs;      // host path of the root filesystem; empty: the host's root
    // The root filesystem is mounted idmapped with the container's map, so a tree owned by
    // host root shows owned by root inside and is never chowned on the host.
    bool idmapRoot = false;
    // Set when the definition allows the shift (<cubby:rootShift/>) and has a user namespace.
    std::optional<IdShift> rootShift;
    std::string rootShiftRecord; // where the shift is recorded (the controller sets it)
    std::vector<MountStep> mounts;
    std::vector<int> capabilitiesToDrop;              // from the bounding set
    SeccompProfile seccomp = SeccompProfile::Default; // loaded by init and every shell
    // PR_SET_NO_NEW_PRIVS for init and every shell: no set-user-ID or file capability can
    // raise what a process inside holds.
    bool noNewPrivileges = false;
    std::string uidMap; // /proc/PID/uid_map text; empty without <idmap>
    std::string gidMap;
    // Who owns the console PTY on the host: root inside and its tty group (gid 5) inside, so
    // that init (BusyBox's opens /dev/console itself) may use it; -1: leave it as it is.
    int64_t consoleHostUid = -1;
    int64_t consoleHostGid = -1;
    // Who the container's cgroup2 directory is handed to (its root's host ids, with a user
    // namespace); -1: nobody, root has it already.
    int64_t cgroupDelegateUid = -1;
    int64_t cgroupDelegateGid = -1;
    std::vector<std::string> argv;
    std::vector<std::string> environment; // NAME=value
    std::string workingDirectory;
    IdentityRequest identity;
    int shutdownSignal = 0; // what asks init to power off
    int rebootSignal = 0;   // what asks init to reboot
};

// The host facts a plan depends on, gathered by the caller.
struct HostFacts {
    // Mount cgroup2 inside: the host has a unified hierarchy (pure v2, or a hybrid host's
    // /sys/fs/cgroup/unified), and the container's group there is the root of its cgroup
    // namespace, handed to it.
    bool cgroupUnified = false;
    // The container's owner as the password database has them (absent: no owner, or the
    // owner has no account): folders under their home are shared idmapped.
    struct Owner {
        uint32_t uid = 0;
        uint32_t gid = 0;
        std::string home; // absolute, no trailing slash
    };
    std::optional<Owner> owner = {};
    // The host's os-release, handed to system containers at /run/host/os-release (systemd's
    // container interface); empty: none.
    std::string osRelease = {};
    // The file init's path leads to inside the root, symlinks followed (Debian's /sbin/init
    // is systemd), by its last component; empty: the path as written decides. It picks the
    // shutdown and reboot signals.
    std::string initTarget = {};
};

ContainerPlan planContainer(const Domain& domain, const HostFacts& host);

// The capabilities a container loses by default, as libvirt and LXC drop them.
const std::vector<std::string>& defaultDroppedCapabilities();

// Device nodes bound from the host's /dev (the cgroup device ACL allows exactly these).
const std::vector<std::string>& containerDeviceNodes();

} // namespace cubby
