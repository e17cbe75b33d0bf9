#include "tree_shift.h"

#include "atomic_file.h"
#include "run_state.h"
#include "tree_walk.h"
#include "unique_fd.h"

#include <cerrno>
#include <fcntl.h>
#include <format>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>
#include <vector>

namespace cubby {

namespace {

constexpr const char* capabilityAttribute = "security.capability";

uint32_t shifted(uint32_t id, uint32_t base, uint32_t count) {
    return id < count ? base + id : id;
}

// Changes one entry's owner (by name in `dirFd`, or the directory itself with an empty name)
// and puts back what chown takes away.
Status shiftEntry(int dirFd, const char* name, const struct stat& status, const IdShift& shift,
                  const std::string& where) {
    const bool symlink = S_ISLNK(status.st_mode);
    // A capability set survives only by being written again after the chown.
    std::vector<char> capability;
    if (!symlink && S_ISREG(status.st_mode)) {
        UniqueFd file(::openat(dirFd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK));
        if (file) {
            char buffer[64];
            const ssize_t size =
                ::fgetxattr(file.get(), capabilityAttribute, buffer, sizeof buffer);
            if (size > 0)
                capability.assign(buffer, buffer + size);
        }
    }
    const int flags = AT_SYMLINK_NOFOLLOW | (*name ? 0 : AT_EMPTY_PATH);
    if (::fchownat(dirFd, name, shifted(status.st_uid, shift.uidBase, shift.count),
                   shifted(status.st_gid, shift.gidBase, shift.count), flags) != 0)
        return fail(Error::system(errno, std::format("shifting the owner of {}", where)));
    if (symlink)
        return {};
    if (status.st_mode & (S_ISUID | S_ISGID)) {
        const int fd = *name ? ::openat(dirFd, name, O_PATH | O_NOFOLLOW | O_CLOEXEC) : -1;
        const UniqueFd entry(fd);
        const std::string path = *name ? std::format("/proc/self/fd/{}", entry.get())
                                       : std::format("/proc/self/fd/{}", dirFd);
        if (::chmod(path.c_str(), status.st_mode & 07777) != 0)
            return fail(Error::system(errno, std::format("keeping the mode of {}", where)));
    }
    if (!capability.empty()) {
        UniqueFd file(::openat(dirFd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK));
        if (!file || ::fsetxattr(file.get(), capabilityAttribute, capability.data(),
                                 capability.size(), 0) != 0)
            return fail(
                Error::system(errno, std::format("keeping the file capabilities of {}", where)));
    }
    return {};
}

} // namespace

namespace {

std::string recordText(int rootFd, const IdShift& shift) {
    struct stat status = {};
    if (::fstat(rootFd, &status) != 0)
        return {};
    return std::format("{} {} {} {} {}\n", shift.uidBase, shift.gidBase, shift.count,
                       static_cast<uint64_t>(status.st_dev), static_cast<uint64_t>(status.st_ino));
}

} // namespace

bool treeShiftRecorded(const std::string& recordPath, int rootFd, const IdShift& shift) {
    const UniqueFd file(::open(recordPath.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
    if (!file)
        return false;
    char buffer[128] = {};
    const ssize_t size = ::read(file.get(), buffer, sizeof buffer - 1);
    const std::string expected = recordText(rootFd, shift);
    return size > 0 && !expected.empty() && std::string(buffer, size_t(size)) == expected;
}

Status shiftTreeOwners(int rootFd, const IdShift& shift, const std::string& recordPath) {
    struct stat top = {};
    if (::fstat(rootFd, &top) != 0)
        return fail(Error::system(errno, "examining the root filesystem"));
    // The top directory by a readable descriptor (rootFd may be O_PATH).
    const UniqueFd root(::openat(rootFd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!root)
        return fail(Error::system(errno, "opening the root filesystem"));
    CUBBY_CHECK(walkTree(root.get(), [&](int at, const char* name, const struct stat& status,
                                         const std::string& path) {
        return shiftEntry(at, name, status, shift, path);
    }));
    CUBBY_CHECK(shiftEntry(root.get(), "", top, shift, "/"));
    CUBBY_CHECK(makeDirectories(recordPath.substr(0, recordPath.rfind('/')), 0700));
    return writeFileAtomically(recordPath, recordText(rootFd, shift), 0600);
}

} // namespace cubby
