#include "fs_in_root.h"

#include <cerrno>
#include <fcntl.h>
#include <format>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace cubby {

namespace {

int openat2InRoot(int rootFd, std::string_view path, int flags) {
    open_how how{};
    how.flags = static_cast<uint64_t>(flags | O_CLOEXEC);
    how.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS;
    std::string relative(path);
    while (!relative.empty() && relative.front() == '/')
        relative.erase(0, 1);
    if (relative.empty())
        relative = ".";
    return openat2Retrying(rootFd, relative.c_str(), how);
}

} // namespace

int openat2Retrying(int dirFd, const char* path, const open_how& how) {
    // Bounded: a system that renames or mounts without pause could otherwise keep us here.
    constexpr int attempts = 64;
    int fd = -1;
    for (int attempt = 0; attempt < attempts; ++attempt) {
        fd = static_cast<int>(::syscall(SYS_openat2, dirFd, path, &how, sizeof how));
        if (fd >= 0 || errno != EAGAIN)
            break;
    }
    return fd;
}

std::string fdPath(int fd) {
    return std::format("/proc/self/fd/{}", fd);
}

Result<UniqueFd> openInRoot(int rootFd, std::string_view path, int extraFlags) {
    UniqueFd fd(openat2InRoot(rootFd, path, O_PATH | extraFlags));
    if (!fd)
        return fail(Error::system(errno, std::format("opening {} in the container", path)));
    return fd;
}

Result<UniqueFd> openOrCreateInRoot(int rootFd, std::string_view path, bool asFile) {
    if (UniqueFd fd(openat2InRoot(rootFd, path, O_PATH)); fd)
        return fd;
    if (errno != ENOENT)
        return fail(Error::system(errno, std::format("opening {} in the container", path)));
    const size_t slash = path.rfind('/');
    const std::string_view parentPath = slash == 0 ? "/" : path.substr(0, slash);
    const std::string base(path.substr(slash + 1));
    CUBBY_TRY(parent, openOrCreateInRoot(rootFd, parentPath, false));
    // O_PATH descriptors cannot be used with mkdirat/openat, so reopen the directory.
    UniqueFd directory(::openat(parent.get(), ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!directory)
        return fail(Error::system(errno, std::format("opening {} in the container", parentPath)));
    if (asFile) {
        UniqueFd created(::openat(directory.get(), base.c_str(),
                                  O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644));
        if (!created && errno != EEXIST)
            return fail(Error::system(errno, std::format("creating {} in the container", path)));
    } else if (::mkdirat(directory.get(), base.c_str(), 0755) != 0 && errno != EEXIST) {
        return fail(Error::system(errno, std::format("creating {} in the container", path)));
    }
    return openInRoot(rootFd, path);
}

Result<std::string> readFileInRoot(int rootFd, std::string_view path, size_t limit) {
    UniqueFd fd(openat2InRoot(rootFd, path, O_RDONLY | O_NOCTTY));
    if (!fd)
        return fail(Error::system(errno, std::format("opening {} in the container", path)));
    struct stat info = {};
    if (::fstat(fd.get(), &info) != 0 || !S_ISREG(info.st_mode))
        return fail(Error::of(ErrorKind::InvalidArgument,
                              std::format("{} in the container is not a regular file", path)));
    std::string text;
    char buffer[4096];
    for (;;) {
        const ssize_t got = ::read(fd.get(), buffer, sizeof buffer);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return fail(Error::system(errno, std::format("reading {} in the container", path)));
        if (got == 0)
            break;
        text.append(buffer, static_cast<size_t>(got));
        if (text.size() > limit)
            return fail(
                Error::of(ErrorKind::InvalidArgument,
                          std::format("{} in the container is larger than {} bytes", path, limit)));
    }
    return text;
}

} // namespace cubby
