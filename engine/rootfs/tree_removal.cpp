#include "tree_removal.h"

#include "fs_in_root.h"
#include "job.h"

#include <cerrno>
#include <dirent.h>
#include <fcntl.h>
#include <format>
#include <linux/openat2.h>
#include <memory>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <vector>

namespace cubby {

namespace {

struct DirCloser {
    void operator()(DIR* dir) const { ::closedir(dir); }
};
using DirStream = std::unique_ptr<DIR, DirCloser>;

struct Frame {
    DirStream dir;
    std::string name; // in the parent frame's directory
    std::string path; // relative to the tree's top, for messages
    int rescans = 0;
};

Error mountPointError(std::string_view displayPath) {
    return Error::of(
        ErrorKind::Conflict,
        std::format("{} is a mount point; it was left alone (unmount it first)", displayPath));
}

// One walk over a tree, counting or removing. The stack holds one open directory per level,
// at most maxOpenDepth of them.
class TreeWalker {
public:
    TreeWalker(const TreeWalkOptions& options, bool removing)
        : m_options(options)
        , m_removing(removing) {}

    Status run(int rootFd);
    uint64_t visited() const { return m_visited; }

private:
    Status visit(size_t level, const char* name);
    Status finishDirectory();
    Status moveUp(int dirFd, const char* name);
    void counted() {
        ++m_visited;
        if (m_options.onEntry)
            m_options.onEntry(m_visited);
    }
    std::string display(std::string_view path) const {
        return path.empty() ? m_options.displayRoot
                            : std::format("{}/{}", m_options.displayRoot, path);
    }

    const TreeWalkOptions& m_options;
    const bool m_removing;
    std::vector<Frame> m_stack;
    uint64_t m_rootMount = 0;
    uint64_t m_visited = 0;
    uint64_t m_nextDeep = 0;
    bool m_movedUp = false;
};

Status TreeWalker::run(int rootFd) {
    struct statx info = {};
    if (::statx(rootFd, "", AT_EMPTY_PATH, STATX_MNT_ID, &info) != 0)
        return fail(Error::system(errno, std::format("examining {}", m_options.displayRoot)));
    m_rootMount = info.stx_mnt_id;
    // fdopendir() takes the descriptor it is given, and reads from its offset: a descriptor
    // of our own (not a dup(), which would share the caller's offset) starts at the top.
    UniqueFd own(::openat(rootFd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    DIR* dir = own ? ::fdopendir(own.get()) : nullptr;
    if (!dir)
        return fail(Error::system(errno, std::format("reading {}", m_options.displayRoot)));
    (void)own.release();
    m_stack.push_back({DirStream(dir), {}, {}});
    while (!m_stack.empty()) {
        errno = 0;
        const dirent* entry = ::readdir(m_stack.back().dir.get());
        if (!entry) {
            if (errno != 0)
                return fail(
                    Error::system(errno, std::format("reading {}", display(m_stack.back().path))));
            CUBBY_CHECK(finishDirectory());
            continue;
        }
        const std::string_view name = entry->d_name;
        if (name == "." || name == "..")
            continue;
        if (m_options.cancellable && cancelRequested())
            return fail(cancelledError());
        CUBBY_CHECK(visit(m_stack.size() - 1, entry->d_name));
    }
    return {};
}

Status TreeWalker::visit(size_t level, const char* name) {
    const int dirFd = ::dirfd(m_stack[level].dir.get());
    const std::string path =
        m_stack[level].path.empty() ? name : std::format("{}/{}", m_stack[level].path, name);
    struct statx info = {};
    if (::statx(dirFd, name, AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_STATX_DONT_SYNC,
                STATX_TYPE | STATX_MNT_ID, &info) != 0) {
        if (errno == ENOENT)
            return {}; // gone since readdir()
        return fail(Error::system(errno, std::format("examining {}", display(path))));
    }
    // A bind mount of a directory on the same file system has the same st_dev; the mount ID
    // tells them apart.
    const bool mountRoot = (info.stx_attributes_mask & STATX_ATTR_MOUNT_ROOT) &&
                           (info.stx_attributes & STATX_ATTR_MOUNT_ROOT);
    if (mountRoot || ((info.stx_mask & STATX_MNT_ID) && info.stx_mnt_id != m_rootMount))
        return fail(mountPointError(display(path)));
    if (S_ISDIR(info.stx_mode)) {
        if (m_stack.size() >= maxOpenDepth) {
            if (m_removing)
                return moveUp(dirFd, name);
            counted(); // not descended into: counted as one
            return {};
        }
        CUBBY_TRY(sub, openDirectoryBelow(dirFd, name, display(path)));
        DIR* dir = ::fdopendir(sub.get());
        if (!dir)
            return fail(Error::system(errno, std::format("reading {}", display(path))));
        (void)sub.release();
        m_stack.push_back({DirStream(dir), name, path});
        return {};
    }
    if (m_removing && ::unlinkat(dirFd, name, 0) != 0 && errno != ENOENT) {
        if (errno == EBUSY)
            return fail(mountPointError(display(path)));
        return fail(Error::system(errno, std::format("removing {}", display(path))));
    }
    counted();
    return {};
}

Status TreeWalker::finishDirectory() {
    Frame& top = m_stack.back();
    if (m_stack.size() == 1) {
        // Directories moved up to the top since the last pass are still to be emptied.
        if (m_movedUp) {
            m_movedUp = false;
            ::rewinddir(top.dir.get());
            return {};
        }
        m_stack.pop_back();
        return {};
    }
    if (m_removing) {
        const int parentFd = ::dirfd(m_stack[m_stack.size() - 2].dir.get());
        if (::unlinkat(parentFd, top.name.c_str(), AT_REMOVEDIR) != 0 && errno != ENOENT) {
            // Something was created in it meanwhile, or readdir() missed an entry that was
            // renamed while we read: look again, a few times.
            if (errno == ENOTEMPTY && top.rescans < 3) {
                ++top.rescans;
                ::rewinddir(top.dir.get());
                return {};
            }
            if (errno == EBUSY)
                return fail(mountPointError(display(top.path)));
            return fail(Error::system(errno, std::format("removing {}", display(top.path))));
        }
    }
    m_stack.pop_back();
    counted();
    return {};
}

// Moves a directory that lies too deep for another open descriptor up to the top of the
// tree, under a name of its own; the top is read again when its pass ends.
Status TreeWalker::moveUp(int dirFd, const char* name) {
    const int topFd = ::dirfd(m_stack.front().dir.get());
    for (;;) {
        const std::string newName = std::format(".cubby-deep-{}", m_nextDeep++);
        if (::renameat2(dirFd, name, topFd, newName.c_str(), RENAME_NOREPLACE) == 0)
            break;
        if (errno != EEXIST)
            return fail(Error::system(
                errno, std::format("moving a deep directory up in {}", m_options.displayRoot)));
    }
    m_movedUp = true;
    return {};
}

} // namespace

Result<UniqueFd> openDirectoryBelow(int parentFd, const std::string& name,
                                    std::string_view displayPath) {
    open_how how{};
    how.flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
    how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_XDEV | RESOLVE_NO_MAGICLINKS;
    UniqueFd fd(openat2Retrying(parentFd, name.c_str(), how));
    if (fd)
        return fd;
    switch (errno) {
    case EXDEV:
        return fail(mountPointError(displayPath));
    case ELOOP:
    case ENOTDIR:
        return fail(
            Error::of(ErrorKind::Conflict, std::format("{} is not a directory", displayPath)));
    case ENOENT:
        return fail(Error::of(ErrorKind::NotFound, std::format("{} does not exist", displayPath)));
    default:
        return fail(Error::system(errno, std::format("opening {}", displayPath)));
    }
}

Result<uint64_t> countTree(int dirFd, const TreeWalkOptions& options) {
    TreeWalker walker(options, false);
    CUBBY_CHECK(walker.run(dirFd));
    return walker.visited();
}

Status removeTree(int parentFd, const std::string& name, int dirFd,
                  const TreeWalkOptions& options) {
    TreeWalker walker(options, true);
    for (int attempt = 0;; ++attempt) {
        CUBBY_CHECK(walker.run(dirFd));
        if (::unlinkat(parentFd, name.c_str(), AT_REMOVEDIR) == 0 || errno == ENOENT)
            return {};
        if (errno == EBUSY)
            return fail(mountPointError(options.displayRoot));
        if (errno != ENOTEMPTY || attempt == 3)
            return fail(Error::system(errno, std::format("removing {}", options.displayRoot)));
    }
}

} // namespace cubby
