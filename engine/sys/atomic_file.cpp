#include "atomic_file.h"

#include "unique_fd.h"

#include <cerrno>
#include <fcntl.h>
#include <format>
#include <random>
#include <sys/stat.h>
#include <unistd.h>

namespace cubby {

Status writeFileAtomically(const std::string& path, std::string_view contents, mode_t mode) {
    const size_t slash = path.rfind('/');
    const std::string dir = slash == std::string::npos ? "." : path.substr(0, slash + 1);
    const UniqueFd dirFd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!dirFd)
        return fail(Error::system(errno, std::format("opening {}", dir)));
    const std::string base = path.substr(slash + 1);
    std::string temporary;
    UniqueFd file;
    std::random_device random;
    for (int attempt = 0; attempt < 16 && !file; ++attempt) {
        temporary = std::format(".{}.{:08x}.tmp", base, random());
        file.reset(::openat(dirFd.get(), temporary.c_str(),
                            O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode));
        if (!file && errno != EEXIST)
            return fail(
                Error::system(errno, std::format("creating a temporary file for {}", path)));
    }
    if (!file)
        return fail(Error::system(EEXIST, std::format("creating a temporary file for {}", path)));
    const auto discard = [&](int err, std::string what) {
        ::unlinkat(dirFd.get(), temporary.c_str(), 0);
        return fail(Error::system(err, std::move(what)));
    };
    for (size_t done = 0; done < contents.size();) {
        const ssize_t written = ::write(file.get(), contents.data() + done, contents.size() - done);
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0)
            return discard(errno, std::format("writing {}", path));
        done += static_cast<size_t>(written);
    }
    if (::fchmod(file.get(), mode) != 0 || ::fsync(file.get()) != 0)
        return discard(errno, std::format("flushing {}", path));
    file.reset();
    if (::renameat(dirFd.get(), temporary.c_str(), dirFd.get(), base.c_str()) != 0)
        return discard(errno, std::format("replacing {}", path));
    if (::fsync(dirFd.get()) != 0)
        return fail(Error::system(errno, std::format("flushing the directory of {}", path)));
    return {};
}

} // namespace cubby
