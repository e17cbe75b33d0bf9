#include "home_dirs.h"

#include "fs_in_root.h"

#include <cerrno>
#include <fcntl.h>
#include <format>
#include <linux/openat2.h>
#include <pwd.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <vector>

namespace cubby {

namespace {

Error notShareable(const std::string& path, uid_t uid, const std::string& why) {
    return Error::of(ErrorKind::InvalidArgument,
                     std::format("{} cannot be shared as uid {}'s: {}", path, uid, why));
}

} // namespace

Result<HomeAccount> homeAccountOf(uid_t uid) {
    std::vector<char> buffer(16384);
    passwd entry = {};
    passwd* found = nullptr;
    const int error = ::getpwuid_r(uid, &entry, buffer.data(), buffer.size(), &found);
    if (error != 0)
        return fail(Error::system(error, std::format("looking up uid {}", uid)));
    if (!found)
        return fail(Error::of(ErrorKind::NotFound, std::format("uid {} has no account", uid)));
    std::string home = found->pw_dir ? found->pw_dir : "";
    while (home.size() > 1 && home.back() == '/')
        home.pop_back();
    if (home.empty() || home.front() != '/' || home == "/")
        return fail(Error::of(ErrorKind::NotFound,
                              std::format("uid {} has no home directory of its own", uid)));
    return HomeAccount{uid, found->pw_gid, home};
}

Result<UniqueFd> openDirectoryInHome(uid_t uid, const std::string& path, bool writable) {
    CUBBY_TRY(account, homeAccountOf(uid));
    const std::string& home = account.home;
    if (!path.starts_with(home + "/"))
        return fail(notShareable(path, uid, std::format("it is not in the home {}", home)));
    const std::string relative = path.substr(home.size() + 1);
    const UniqueFd homeFd(::open(home.c_str(), O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (!homeFd)
        return fail(Error::system(errno, std::format("opening the home {}", home)));
    struct stat homeStatus = {};
    if (::fstat(homeFd.get(), &homeStatus) != 0)
        return fail(Error::system(errno, std::format("checking the home {}", home)));
    if (homeStatus.st_uid != uid)
        return fail(notShareable(path, uid, std::format("the home {} is not theirs", home)));
    if (writable && (homeStatus.st_mode & S_IXOTH))
        return fail(notShareable(
            path, uid,
            std::format("others may enter the home {} (mode {:04o}); share it read-only, or "
                        "close the home (chmod o-rwx {}), since set-user-ID programs made "
                        "inside would be usable by every user",
                        home, homeStatus.st_mode & 07777, home)));
    open_how how = {};
    how.flags = O_PATH | O_DIRECTORY | O_CLOEXEC;
    how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_XDEV | RESOLVE_NO_MAGICLINKS;
    UniqueFd shared(openat2Retrying(homeFd.get(), relative.c_str(), how));
    if (!shared) {
        const int error = errno;
        if (error == ELOOP || error == EXDEV)
            return fail(notShareable(path, uid,
                                     error == ELOOP ? "a symbolic link is on the way"
                                                    : "it leaves the home or crosses a mount"));
        return fail(Error::system(error, std::format("opening {} from the home", path)));
    }
    struct stat status = {};
    if (::fstat(shared.get(), &status) != 0)
        return fail(Error::system(errno, std::format("checking {}", path)));
    if (status.st_uid != uid)
        return fail(notShareable(path, uid, std::format("it belongs to uid {}", status.st_uid)));
    // The path as written must name the same directory (it is what dumpxml shows).
    struct stat byName = {};
    if (::stat(path.c_str(), &byName) != 0 || byName.st_dev != status.st_dev ||
        byName.st_ino != status.st_ino)
        return fail(notShareable(path, uid, "the path does not lead to that directory"));
    return shared;
}

} // namespace cubby
