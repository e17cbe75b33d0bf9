#include "run_state.h"

#include "cgroup.h"
#include "systemd_host.h"

#include <cerrno>
#include <dirent.h>
#include <fcntl.h>
#include <format>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace cubby {

namespace {

std::string joined(const std::string& prefix, std::string_view rest) {
    std::string out = prefix;
    while (!out.empty() && out.back() == '/')
        out.pop_back();
    out += rest;
    return out;
}

} // namespace

std::string CubbyPaths::runDir() const {
    return joined(prefix, "/run/cubby");
}
std::string CubbyPaths::containerRunDir(std::string_view name) const {
    return std::format("{}/{}", runDir(), name);
}
std::string CubbyPaths::lockPath(std::string_view name) const {
    return std::format("{}/{}.lock", runDir(), name);
}
std::string CubbyPaths::controlSocket(std::string_view name) const {
    return containerRunDir(name) + "/control.sock";
}
std::string CubbyPaths::liveXml(std::string_view name) const {
    return containerRunDir(name) + "/live.xml";
}
std::string CubbyPaths::logDir() const {
    return joined(prefix, "/var/log/cubby");
}
std::string CubbyPaths::consoleLog(std::string_view name) const {
    return std::format("{}/{}.console.log", logDir(), name);
}
std::string CubbyPaths::containerDefinitions() const {
    return joined(prefix, "/etc/cubby/containers");
}
std::string CubbyPaths::networkDefinitions() const {
    return joined(prefix, "/etc/cubby/networks");
}

std::string CubbyPaths::networkRunDir(std::string_view name) const {
    return std::format("{}/.net/{}", runDir(), name);
}
std::string CubbyPaths::networkLockPath(std::string_view name) const {
    return std::format("{}/.net/{}.lock", runDir(), name);
}
std::string CubbyPaths::networkStateDir(std::string_view name) const {
    return joined(prefix, std::format("/var/lib/cubby/networks/{}", name));
}
std::string CubbyPaths::containerResolvConf(std::string_view name) const {
    return std::format("{}/{}.resolv.conf", runDir(), name);
}
std::string CubbyPaths::rootfsDir() const {
    return joined(prefix, "/var/lib/cubby/rootfs");
}
std::string CubbyPaths::rootfsPath(std::string_view name) const {
    return std::format("{}/{}", rootfsDir(), name);
}
std::string CubbyPaths::rootfsOwnersDir() const {
    return joined(prefix, "/var/lib/cubby/rootfs-owners");
}
std::string CubbyPaths::rootShiftRecord(std::string_view name) const {
    return std::format("{}/{}", joined(prefix, "/var/lib/cubby/root-shifts"), name);
}
std::string CubbyPaths::cacheDir() const {
    return joined(prefix, "/var/lib/cubby/cache");
}

Status makeDirectories(const std::string& path, mode_t mode) {
    for (size_t slash = path.find('/', 1);; slash = path.find('/', slash + 1)) {
        const std::string part = path.substr(0, slash);
        if (::mkdir(part.c_str(), mode) != 0 && errno != EEXIST)
            return fail(Error::system(errno, std::format("creating {}", part)));
        if (slash == std::string::npos)
            return {};
    }
}

Result<UniqueFd> takeRunLock(const std::string& path, std::string_view whatRuns) {
    UniqueFd fd(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600));
    if (!fd)
        return fail(Error::system(errno, std::format("opening {}", path)));
    if (::flock(fd.get(), LOCK_EX | LOCK_NB) != 0) {
        if (errno == EWOULDBLOCK)
            return fail(Error::of(ErrorKind::AlreadyExists,
                                  std::format("{} is already running", whatRuns)));
        return fail(Error::system(errno, std::format("locking {}", path)));
    }
    return fd;
}

Result<UniqueFd> lockContainer(const CubbyPaths& paths, std::string_view name) {
    CUBBY_CHECK(makeDirectories(paths.runDir(), 0755));
    return takeRunLock(paths.lockPath(name), std::format("container {}", name));
}

bool controllerAlive(const CubbyPaths& paths, std::string_view name) {
    const UniqueFd fd(::open(paths.lockPath(name).c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
    if (!fd)
        return false;
    if (::flock(fd.get(), LOCK_SH | LOCK_NB) != 0)
        return errno == EWOULDBLOCK;
    return false; // the lock is released with the descriptor
}

void removeRunState(const CubbyPaths& paths, std::string_view name) {
    const std::string dir = paths.containerRunDir(name);
    if (DIR* listing = ::opendir(dir.c_str())) {
        while (const dirent* entry = ::readdir(listing)) {
            const std::string_view file = entry->d_name;
            if (file != "." && file != "..")
                ::unlinkat(::dirfd(listing), entry->d_name, 0);
        }
        ::closedir(listing);
    }
    ::rmdir(dir.c_str());
    ::unlink(paths.containerResolvConf(name).c_str());
}

Result<bool> cleanStaleContainer(const CubbyPaths& paths, std::string_view name) {
    auto lock = lockContainer(paths, name);
    if (!lock) {
        if (lock.error().kind == ErrorKind::AlreadyExists)
            return false;
        return fail(lock.error());
    }
    return cleanLeftovers(paths, name);
}

Result<bool> cleanLeftovers(const CubbyPaths& paths, std::string_view name) {
    bool cleaned = false;
    // A killed controller's group is in the container's systemd scope on a systemd host;
    // emptying it ends the scope too.
    if (auto group =
            ContainerCgroup::openLeftovers(containerCgroupParent(paths.cgroupParent, name), name)) {
        CUBBY_CHECK(group->killAll());
        CUBBY_CHECK(group->remove());
        cleaned = true;
    }
    struct stat info = {};
    if (::stat(paths.containerRunDir(name).c_str(), &info) == 0) {
        removeRunState(paths, name);
        cleaned = true;
    }
    return cleaned;
}

} // namespace cubby
