#include "work_dirs.h"

#include "tree_removal.h"

#include <cerrno>
#include <fcntl.h>
#include <format>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace cubby {

Result<UniqueFd> openBaseDirectory(const std::string& path) {
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (!fd) {
        if (errno == ENOENT)
            return fail(Error::of(ErrorKind::NotFound, std::format("{} does not exist", path)));
        if (errno == ELOOP || errno == ENOTDIR)
            return fail(
                Error::invalid(std::format("{} is not a directory (or is a symlink)", path)));
        return fail(Error::system(errno, std::format("opening {}", path)));
    }
    struct stat st = {};
    if (::fstat(fd.get(), &st) != 0)
        return fail(Error::system(errno, std::format("examining {}", path)));
    if (st.st_uid != 0)
        return fail(
            Error::invalid(std::format("{} is owned by user {}, not root", path, st.st_uid)));
    // Someone else who can write here could swap a working directory for a symlink.
    if (st.st_mode & (S_IWGRP | S_IWOTH))
        return fail(Error::invalid(
            std::format("{} may be written by others (mode {:04o}); it must be 0700 or 0755", path,
                        st.st_mode & 07777)));
    return fd;
}

Result<bool> tryLockDirectory(int fd, std::string_view displayPath) {
    while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        if (errno == EWOULDBLOCK)
            return false;
        if (errno != EINTR)
            return fail(Error::system(errno, std::format("locking {}", displayPath)));
    }
    return true;
}

bool stillNamedBy(int parentFd, const std::string& name, int fd) {
    struct stat named = {};
    struct stat open = {};
    return ::fstatat(parentFd, name.c_str(), &named, AT_SYMLINK_NOFOLLOW) == 0 &&
           ::fstat(fd, &open) == 0 && named.st_dev == open.st_dev && named.st_ino == open.st_ino;
}

Result<bool> entryExists(int parentFd, const std::string& name, std::string_view displayPath) {
    struct stat st = {};
    if (::fstatat(parentFd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0)
        return true;
    if (errno == ENOENT)
        return false;
    return fail(Error::system(errno, std::format("examining {}", displayPath)));
}

Result<UniqueFd> createPartialDirectory(int baseFd, const std::string& base,
                                        const std::string& name) {
    const std::string partial = std::string(partialPrefix) + name;
    const std::string display = std::format("{}/{}", base, partial);
    // Two rounds at most: a stale leftover is removed, then the directory is made afresh.
    for (int round = 0; round < 2; ++round) {
        if (::mkdirat(baseFd, partial.c_str(), 0755) == 0) {
            CUBBY_TRY(fd, openDirectoryBelow(baseFd, partial, display));
            CUBBY_TRY(locked, tryLockDirectory(fd.get(), display));
            // Between mkdirat() and flock() a clean-stale may have taken it for a leftover.
            if (!locked || !stillNamedBy(baseFd, partial, fd.get()))
                return fail(
                    Error::of(ErrorKind::Conflict,
                              std::format("{} was taken over by another process", display)));
            if (::fchmod(fd.get(), 0755) != 0)
                return fail(Error::system(errno, std::format("setting the mode of {}", display)));
            return fd;
        }
        if (errno != EEXIST)
            return fail(Error::system(errno, std::format("creating {}", display)));
        CUBBY_TRY(stale, openDirectoryBelow(baseFd, partial, display));
        CUBBY_TRY(locked, tryLockDirectory(stale.get(), display));
        if (!locked)
            return fail(
                Error::of(ErrorKind::AlreadyExists,
                          std::format("{}/{} is being created by another process", base, name)));
        TreeWalkOptions options;
        options.displayRoot = display;
        CUBBY_CHECK(removeTree(baseFd, partial, stale.get(), options));
    }
    return fail(Error::of(ErrorKind::Conflict, std::format("{} keeps coming back", display)));
}

} // namespace cubby
