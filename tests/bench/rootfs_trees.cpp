#include "rootfs_trees.h"

#include "unique_fd.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <format>
#include <fstream>
#include <ftw.h>
#include <linux/magic.h>
#include <set>
#include <sstream>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include <utility>
#include <vector>

namespace cubby::bench {

namespace {

// nftw() has no user data pointer: the walk in progress.
TreeSize* walkTotal = nullptr;
std::set<ino_t>* walkLinked = nullptr; // inodes with more than one link, counted once

int countEntry(const char*, const struct stat* st, int, FTW* where) {
    if (where->level > 0)
        ++walkTotal->entries;
    if (st->st_nlink > 1 && !S_ISDIR(st->st_mode) && !walkLinked->insert(st->st_ino).second)
        return 0;
    walkTotal->bytes += static_cast<uint64_t>(st->st_blocks) * 512;
    return 0;
}

// /proc/self/mountinfo writes blanks and backslashes in paths as octal escapes.
std::string unescape(const std::string& field) {
    std::string out;
    for (size_t i = 0; i < field.size(); ++i) {
        if (field[i] == '\\' && i + 3 < field.size()) {
            out += static_cast<char>(std::strtol(field.substr(i + 1, 3).c_str(), nullptr, 8));
            i += 3;
        } else {
            out += field[i];
        }
    }
    return out;
}

// Mount points below `path`, the deepest first.
std::vector<std::string> mountsBelow(const std::string& path) {
    std::vector<std::string> found;
    std::ifstream mountinfo("/proc/self/mountinfo");
    for (std::string line; std::getline(mountinfo, line);) {
        std::istringstream fields(line);
        std::string id, parent, device, root, point;
        fields >> id >> parent >> device >> root >> point;
        point = unescape(point);
        if (point.starts_with(path + "/"))
            found.push_back(point);
    }
    std::ranges::sort(
        found, [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
    return found;
}

// The device ("vda") when `path` is on ext4 without a journal, else "". A journal shows as
// /proc/fs/jbd2/DEVICE-INODE.
std::string journallessExt4(const std::string& path) {
    struct statfs info = {};
    struct stat st = {};
    if (::statfs(path.c_str(), &info) != 0 || info.f_type != EXT4_SUPER_MAGIC ||
        ::stat(path.c_str(), &st) != 0)
        return {};
    std::ifstream uevent(
        std::format("/sys/dev/block/{}:{}/uevent", major(st.st_dev), minor(st.st_dev)));
    std::string device;
    for (std::string line; std::getline(uevent, line);) {
        if (line.starts_with("DEVNAME="))
            device = line.substr(8);
    }
    if (device.empty())
        return {};
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator("/proc/fs/jbd2", error)) {
        if (entry.path().filename().string().starts_with(device + "-"))
            return {};
    }
    return device;
}

} // namespace

Result<WorkDir> WorkDir::create() {
    std::string path;
    for (const char* parent : {"/var/tmp", "/tmp"}) {
        std::string templ = std::format("{}/cubby-bench-rootfs-XXXXXX", parent);
        if (::mkdtemp(templ.data())) {
            path = std::move(templ);
            break;
        }
    }
    if (path.empty())
        return fail(Error::system(errno, "making a directory in /var/tmp or /tmp"));
    std::string device = journallessExt4(path);
    if (device.empty())
        return WorkDir(std::move(path), {});
    if (::mount("tmpfs", path.c_str(), "tmpfs", MS_NOSUID | MS_NODEV, "mode=0700") != 0) {
        const int error = errno;
        ::rmdir(path.c_str());
        return fail(Error::system(error, "mounting a tmpfs on " + path));
    }
    return WorkDir(std::move(path), std::format("{} is ext4 without a journal", device));
}

WorkDir::WorkDir(WorkDir&& other) noexcept
    : m_path(std::exchange(other.m_path, {}))
    , m_tmpfsReason(std::move(other.m_tmpfsReason)) {}

WorkDir::~WorkDir() {
    if (m_path.empty())
        return;
    if (!m_tmpfsReason.empty()) {
        // The tmpfs goes with everything in it and mounted below it.
        if (::umount2(m_path.c_str(), MNT_DETACH) != 0 || ::rmdir(m_path.c_str()) != 0)
            std::fprintf(stderr, "bench-rootfs: cleaning up %s: %s\n", m_path.c_str(),
                         std::strerror(errno));
        return;
    }
    if (auto removed = removeTreeBelow(m_path); !removed)
        std::fprintf(stderr, "bench-rootfs: cleaning up: %s\n", removed.error().message.c_str());
}

Result<std::string> WorkDir::subdirectory(const std::string& name, unsigned mode) const {
    const std::string path = m_path + "/" + name;
    if (::mkdir(path.c_str(), mode) != 0 || ::chmod(path.c_str(), mode) != 0)
        return fail(Error::system(errno, "making " + path));
    return path;
}

Result<TreeSize> measureTree(const std::string& root) {
    TreeSize total;
    std::set<ino_t> linked;
    walkTotal = &total;
    walkLinked = &linked;
    const int walked = ::nftw(root.c_str(), countEntry, 64, FTW_PHYS | FTW_MOUNT);
    walkTotal = nullptr;
    walkLinked = nullptr;
    if (walked != 0)
        return fail(Error::system(errno, "walking " + root));
    return total;
}

Status removeTreeBelow(const std::string& path) {
    for (const std::string& point : mountsBelow(path)) {
        if (::umount2(point.c_str(), MNT_DETACH) != 0)
            return fail(Error::system(errno, "unmounting " + point));
    }
    std::error_code error;
    std::filesystem::remove_all(path, error);
    if (error)
        return fail(
            Error::of(ErrorKind::System, std::format("removing {}: {}", path, error.message())));
    return {};
}

void settle(const std::string& path) {
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (fd)
        ::syncfs(fd.get());
}

std::string filesystemType(const std::string& path) {
    struct statfs info = {};
    if (::statfs(path.c_str(), &info) != 0)
        return "unknown";
    switch (static_cast<unsigned long>(info.f_type)) {
    case EXT4_SUPER_MAGIC: // ext2/3/4 share it
        return "ext4";
    case XFS_SUPER_MAGIC:
        return "xfs";
    case BTRFS_SUPER_MAGIC:
        return "btrfs";
    case TMPFS_MAGIC:
        return "tmpfs";
    case OVERLAYFS_SUPER_MAGIC:
        return "overlayfs";
    default:
        return std::format("type {:#x}", static_cast<unsigned long>(info.f_type));
    }
}

} // namespace cubby::bench
