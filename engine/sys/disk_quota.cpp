#include "disk_quota.h"

#include "tree_walk.h"
#include "unique_fd.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <format>
#include <linux/fs.h>
#include <linux/quota.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace cubby {

namespace {

// quotactl_fd(2) (Linux 5.14): the filesystem by a descriptor of any of its files, where
// quotactl(2) wants the path of its block device. glibc has no wrapper.
int quotactlFd(int fd, unsigned command, int id, void* data) {
    return static_cast<int>(::syscall(SYS_quotactl_fd, fd, command, id, data));
}

Result<fsxattr> readAttributes(int fd, const std::string& where) {
    fsxattr attributes = {};
    if (::ioctl(fd, FS_IOC_FSGETXATTR, &attributes) != 0)
        return fail(Error::system(errno, std::format("reading the attributes of {}", where)));
    return attributes;
}

Status setProject(int fd, uint32_t projectId, bool directory, const std::string& where) {
    CUBBY_TRY(attributes, readAttributes(fd, where));
    const uint32_t flags =
        directory ? (attributes.fsx_xflags | FS_XFLAG_PROJINHERIT) : attributes.fsx_xflags;
    if (attributes.fsx_projid == projectId && flags == attributes.fsx_xflags)
        return {};
    attributes.fsx_projid = projectId;
    attributes.fsx_xflags = flags;
    if (::ioctl(fd, FS_IOC_FSSETXATTR, &attributes) != 0)
        return fail(
            Error::system(errno, std::format("giving {} the project id {}", where, projectId)));
    return {};
}

Status describeUnsupported(int error, const std::string& shownPath) {
    return fail(Error::of(
        ErrorKind::Unsupported,
        std::format("the disk quota needs project quotas on the filesystem of {} (ext4 made with "
                    "-O quota,project and mounted with prjquota, or XFS mounted with pquota): {}",
                    shownPath,
                    error == ENOSYS  ? "this kernel was built without quota support"
                    : error == ESRCH ? "project quotas are not switched on for it"
                                     : std::strerror(error))));
}

// The blocks the kernel counts against a quota: only regular files, directories and symlinks
// hold data; a descriptor of a device node or a socket would be something else.
bool holdsBlocks(const struct stat& status) {
    return S_ISREG(status.st_mode) || S_ISDIR(status.st_mode);
}

} // namespace

uint32_t projectIdOf(const Uuid& uuid) {
    const auto& b = uuid.bytes;
    const uint32_t mixed =
        (uint32_t{b[0]} << 24 | uint32_t{b[1]} << 16 | uint32_t{b[2]} << 8 | uint32_t{b[3]}) ^
        (uint32_t{b[12]} << 24 | uint32_t{b[13]} << 16 | uint32_t{b[14]} << 8 | uint32_t{b[15]});
    return 0x40000000u | (mixed & 0x3fffffffu);
}

Status applyDiskQuota(int rootFd, uint32_t projectId, std::optional<uint64_t> limitKiB,
                      const std::string& shownPath) {
    // A readable descriptor: the ioctls refuse O_PATH ones.
    const UniqueFd root(::openat(rootFd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!root)
        return fail(Error::system(errno, std::format("opening {}", shownPath)));
    auto attributes = readAttributes(root.get(), shownPath);
    if (!limitKiB) {
        if (!attributes || attributes->fsx_projid != projectId)
            return {}; // never had one
        if_dqblk lifted = {};
        lifted.dqb_valid = QIF_BLIMITS;
        if (quotactlFd(root.get(), QCMD(Q_SETQUOTA, PRJQUOTA), static_cast<int>(projectId),
                       &lifted) != 0 &&
            errno != ESRCH && errno != ENOSYS)
            return fail(
                Error::system(errno, std::format("lifting the disk quota of {}", shownPath)));
        return {};
    }
    // Whether the filesystem keeps project quotas at all, before any file is changed.
    if_dqblk current = {};
    if (quotactlFd(root.get(), QCMD(Q_GETQUOTA, PRJQUOTA), static_cast<int>(projectId), &current) !=
        0)
        return describeUnsupported(errno, shownPath);
    if (!attributes)
        return describeUnsupported(attributes.error().errnoValue, shownPath);
    if (attributes->fsx_projid != projectId) {
        CUBBY_CHECK(walkTree(
            root.get(),
            [&](int at, const char* name, const struct stat& status,
                const std::string& path) -> Status {
                if (!holdsBlocks(status))
                    return {}; // symlinks, device nodes, sockets: no descriptor takes the ioctl
                if (*name == '\0')
                    return setProject(at, projectId, true, shownPath + path);
                const UniqueFd file(
                    ::openat(at, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC));
                if (!file)
                    return fail(Error::system(errno, std::format("opening {}{}", shownPath, path)));
                return setProject(file.get(), projectId, false, shownPath + path);
            }));
        auto marked = setProject(root.get(), projectId, true, shownPath);
        if (!marked &&
            (marked.error().errnoValue == EOPNOTSUPP || marked.error().errnoValue == ENOTTY))
            return describeUnsupported(marked.error().errnoValue, shownPath);
        CUBBY_CHECK(marked);
    }
    if_dqblk limits = {};
    limits.dqb_bhardlimit = *limitKiB; // in QIF_DQBLKSIZE (1 KiB) blocks
    limits.dqb_bsoftlimit = 0;
    limits.dqb_valid = QIF_BLIMITS;
    if (quotactlFd(root.get(), QCMD(Q_SETQUOTA, PRJQUOTA), static_cast<int>(projectId), &limits) !=
        0)
        return fail(Error::system(errno, std::format("setting the disk quota of {}", shownPath)));
    return {};
}

std::optional<DiskQuotaUsage> readDiskQuota(int rootFd) {
    const UniqueFd root(::openat(rootFd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    fsxattr attributes = {};
    if (!root || ::ioctl(root.get(), FS_IOC_FSGETXATTR, &attributes) != 0 ||
        attributes.fsx_projid == 0)
        return std::nullopt;
    if_dqblk usage = {};
    if (quotactlFd(root.get(), QCMD(Q_GETQUOTA, PRJQUOTA), static_cast<int>(attributes.fsx_projid),
                   &usage) != 0)
        return std::nullopt;
    return DiskQuotaUsage{usage.dqb_curspace, usage.dqb_bhardlimit * QIF_DQBLKSIZE};
}

} // namespace cubby
