#pragma once
// Where Cubby keeps things, all below one prefix (tests use a temporary one): definitions in
// etc/cubby, live state in run/cubby, console logs in var/log/cubby. A controller holds an
// exclusive lock on run/cubby/NAME.lock for its whole life; a lock anyone else can take
// means the container's controller is gone and whatever it left is stale.

#include "error.h"
#include "unique_fd.h"

#include <string>
#include <string_view>

namespace cubby {

struct CubbyPaths {
    std::string prefix = "/";
    std::string cgroupParent = "cubby"; // below each cgroup hierarchy's root

    std::string runDir() const;
    std::string containerRunDir(std::string_view name) const;
    std::string lockPath(std::string_view name) const;
    std::string controlSocket(std::string_view name) const;
    std::string liveXml(std::string_view name) const;
    std::string logDir() const;
    std::string consoleLog(std::string_view name) const;
    std::string containerDefinitions() const;
    std::string networkDefinitions() const;
    // Networks keep their live state apart from containers': ".net" can never be a container
    // name (names start with a letter or digit), so the two never collide.
    std::string networkRunDir(std::string_view name) const; // run/cubby/.net/NAME
    std::string networkLockPath(std::string_view name) const;
    std::string networkStateDir(std::string_view name) const; // var/lib/cubby/networks/NAME
    // A container's generated resolv.conf, bound over its /etc/resolv.conf. Beside the lock
    // rather than in the 0700 run directory, so a container with a user namespace can open
    // it too.
    std::string containerResolvConf(std::string_view name) const;
    // Root filesystems Cubby made (var/lib/cubby/rootfs/NAME). The directory is 0700 and
    // root's: a tree unpacked from someone's tarball may hold set-user-ID programs, which no
    // one on the host must be able to reach.
    std::string rootfsDir() const;
    std::string rootfsPath(std::string_view name) const;
    // Who made each root filesystem and how much disk it used when made
    // (var/lib/cubby/rootfs-owners/NAME: "UID BYTES").
    std::string rootfsOwnersDir() const;
    // A container's root filesystem shifted once into its id range (tree_shift.h).
    std::string rootShiftRecord(std::string_view name) const;
    // Downloads kept for next time (var/lib/cubby/cache), e.g. Debian packages.
    std::string cacheDir() const;
};

// Creates `path` and its missing parents with `mode`.
Status makeDirectories(const std::string& path, mode_t mode);

// Takes an exclusive lock on `path` (created if missing) without waiting; fails with
// AlreadyExists ("`whatRuns` is already running") while another process holds it.
Result<UniqueFd> takeRunLock(const std::string& path, std::string_view whatRuns);

// Takes the container's lock without waiting; fails with AlreadyExists while a controller
// holds it.
Result<UniqueFd> lockContainer(const CubbyPaths& paths, std::string_view name);

// True while a controller holds the container's lock (the container runs or is starting).
bool controllerAlive(const CubbyPaths& paths, std::string_view name);

// Kills and removes what a dead controller left: processes in the container's cgroup, the
// cgroup itself, the run directory. The caller must hold the container's lock. Returns
// whether there was anything.
Result<bool> cleanLeftovers(const CubbyPaths& paths, std::string_view name);

// What a dead controller left behind: processes still in its cgroup, the cgroup itself, the
// run directory. Does nothing (returns false) while a live controller holds the lock.
Result<bool> cleanStaleContainer(const CubbyPaths& paths, std::string_view name);

// Removes the run directory's files and the directory (the lock file stays).
void removeRunState(const CubbyPaths& paths, std::string_view name);

} // namespace cubby
