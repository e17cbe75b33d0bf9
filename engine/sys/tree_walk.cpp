#include "tree_walk.h"

#include "unique_fd.h"

#include <cerrno>
#include <dirent.h>
#include <fcntl.h>
#include <format>
#include <unistd.h>

namespace cubby {

namespace {

Status walkDirectory(int dirFd, dev_t device, const TreeVisitor& visit, const std::string& where,
                     unsigned depth) {
    if (depth > maxTreeWalkDepth)
        return failInvalid(std::format("{} lies more than {} directories deep; such a tree is not "
                                       "walked",
                                       where, maxTreeWalkDepth));
    // Its own descriptor (not a duplicate, which would share the caller's directory offset).
    const int copy = ::openat(dirFd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    DIR* listing = copy >= 0 ? ::fdopendir(copy) : nullptr;
    if (!listing) {
        if (copy >= 0)
            ::close(copy);
        return fail(Error::system(errno, std::format("listing {}", where)));
    }
    Status result;
    while (const dirent* entry = ::readdir(listing)) {
        const std::string name = entry->d_name;
        if (name == "." || name == "..")
            continue;
        const std::string path = where == "/" ? "/" + name : where + "/" + name;
        struct stat status = {};
        if (::fstatat(dirFd, name.c_str(), &status, AT_SYMLINK_NOFOLLOW) != 0) {
            result = fail(Error::system(errno, std::format("examining {}", path)));
            break;
        }
        if (status.st_dev != device)
            continue; // a mount below the root filesystem: not ours to change
        if (S_ISDIR(status.st_mode)) {
            const UniqueFd child(
                ::openat(dirFd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
            if (!child) {
                result = fail(Error::system(errno, std::format("opening {}", path)));
                break;
            }
            if (result = walkDirectory(child.get(), device, visit, path, depth + 1); !result)
                break;
            if (result = visit(child.get(), "", status, path); !result)
                break;
        } else if (result = visit(dirFd, name.c_str(), status, path); !result) {
            break;
        }
    }
    ::closedir(listing);
    return result;
}

} // namespace

Status walkTree(int rootFd, const TreeVisitor& visit) {
    struct stat root = {};
    if (::fstat(rootFd, &root) != 0)
        return fail(Error::system(errno, "examining the tree's root"));
    return walkDirectory(rootFd, root.st_dev, visit, "/", 1);
}

} // namespace cubby
