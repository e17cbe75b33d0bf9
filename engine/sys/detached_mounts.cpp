#include "detached_mounts.h"

#include <array>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <format>
#include <linux/magic.h>
#include <linux/sched.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace cubby {

namespace {

struct FilesystemMagic {
    unsigned long magic;
    std::string_view name;
};

// The filesystems a root filesystem or shared folder is likely on.
constexpr std::array<FilesystemMagic, 13> filesystemNames{{
    {EXT4_SUPER_MAGIC, "ext4"},
    {BTRFS_SUPER_MAGIC, "btrfs"},
    {XFS_SUPER_MAGIC, "xfs"},
    {TMPFS_MAGIC, "tmpfs"},
    {RAMFS_MAGIC, "ramfs"},
    {OVERLAYFS_SUPER_MAGIC, "overlayfs"},
    {V9FS_MAGIC, "9p"},
    {NFS_SUPER_MAGIC, "nfs"},
    {FUSE_SUPER_MAGIC, "fuse"},
    {SMB2_SUPER_MAGIC, "smb"},
    {SQUASHFS_MAGIC, "squashfs"},
    {0xf2f52010UL, "f2fs"},
    {0x2011bab0UL, "exfat"},
}};

} // namespace

Status writeProcFile(pid_t pid, const char* name, const std::string& text) {
    const std::string path = std::format("/proc/{}/{}", pid, name);
    const UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CLOEXEC));
    if (!fd || ::write(fd.get(), text.data(), text.size()) != static_cast<ssize_t>(text.size()))
        return fail(Error::system(errno, std::format("writing {}", path)));
    return {};
}

std::string filesystemTypeName(int fd) {
    struct statfs info = {};
    if (::fstatfs(fd, &info) != 0)
        return "an unknown filesystem";
    for (const auto& entry : filesystemNames) {
        if (static_cast<unsigned long>(info.f_type) == entry.magic)
            return std::string(entry.name);
    }
    return std::format("filesystem type {:#x}", static_cast<unsigned long>(info.f_type));
}

Result<UniqueFd> cloneMountTree(int dirFd, const std::string& path, bool recursive) {
    const unsigned flags = OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | (recursive ? AT_RECURSIVE : 0) |
                           (path.empty() ? AT_EMPTY_PATH : 0);
    UniqueFd tree(static_cast<int>(::syscall(SYS_open_tree, dirFd, path.c_str(), flags)));
    if (!tree)
        return fail(Error::system(
            errno, std::format("cloning the mount of {}", path.empty() ? "a directory" : path)));
    return tree;
}

Status idmapMountTree(int treeFd, int userNamespaceFd, std::string_view what) {
    mount_attr attr{};
    attr.attr_set = MOUNT_ATTR_IDMAP;
    attr.userns_fd = static_cast<uint64_t>(userNamespaceFd);
    if (::syscall(SYS_mount_setattr, treeFd, "", AT_EMPTY_PATH, &attr, sizeof attr) == 0)
        return {};
    const int err = errno;
    if (err == EINVAL || err == EOPNOTSUPP)
        return fail(Error{ErrorKind::Unsupported, err,
                          std::format("{} is on {}, which cannot be idmapped (the kernel refused "
                                      "an idmapped mount: {})",
                                      what, filesystemTypeName(treeFd), std::strerror(err))});
    return fail(Error::system(err, std::format("idmapping {}", what)));
}

Status makeMountTreeReadOnly(int treeFd, std::string_view what) {
    mount_attr attr{};
    attr.attr_set = MOUNT_ATTR_RDONLY;
    if (::syscall(SYS_mount_setattr, treeFd, "", AT_EMPTY_PATH | AT_RECURSIVE, &attr,
                  sizeof attr) != 0)
        return fail(Error::system(errno, std::format("making {} read-only", what)));
    return {};
}

Status attachMountTree(int treeFd, int targetFd, std::string_view what) {
    if (::syscall(SYS_move_mount, treeFd, "", targetFd, "",
                  MOVE_MOUNT_F_EMPTY_PATH | MOVE_MOUNT_T_EMPTY_PATH) != 0)
        return fail(Error::system(errno, std::format("mounting {}", what)));
    return {};
}

Result<UniqueFd> makeUserNamespace(const std::string& uidMap, const std::string& gidMap) {
    // A child in a new user namespace that only waits to be killed; its namespace outlives it
    // through the descriptor.
    clone_args args{};
    args.flags = CLONE_NEWUSER;
    args.exit_signal = SIGCHLD;
    const long pid = ::syscall(SYS_clone3, &args, sizeof args);
    if (pid < 0)
        return fail(Error::system(errno, "creating a user namespace for an idmapped mount"));
    if (pid == 0) {
        for (;;)
            ::pause();
    }
    const auto reap = [pid] {
        ::kill(static_cast<pid_t>(pid), SIGKILL);
        while (::waitpid(static_cast<pid_t>(pid), nullptr, 0) < 0 && errno == EINTR) {
        }
    };
    Result<UniqueFd> result = [&]() -> Result<UniqueFd> {
        CUBBY_CHECK(writeProcFile(static_cast<pid_t>(pid), "uid_map", uidMap));
        CUBBY_CHECK(writeProcFile(static_cast<pid_t>(pid), "gid_map", gidMap));
        const std::string path = std::format("/proc/{}/ns/user", pid);
        UniqueFd ns(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
        if (!ns)
            return fail(Error::system(errno, std::format("opening {}", path)));
        return ns;
    }();
    reap();
    return result;
}

} // namespace cubby
