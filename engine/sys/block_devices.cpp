#include "block_devices.h"

#include "text.h"
#include "unique_fd.h"

#include <cerrno>
#include <fcntl.h>
#include <format>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

namespace cubby {

namespace {

// sysfs's "dev" file of a block device: "254:1\n".
std::optional<BlockDeviceNumber> readDevFile(int dirFd) {
    const UniqueFd file(::openat(dirFd, "dev", O_RDONLY | O_CLOEXEC));
    if (!file)
        return std::nullopt;
    char buffer[32] = {};
    const ssize_t got = ::read(file.get(), buffer, sizeof buffer - 1);
    if (got <= 0)
        return std::nullopt;
    const std::string_view text = trimmed(std::string_view(buffer, size_t(got)));
    const size_t colon = text.find(':');
    uint64_t major = 0, minor = 0;
    if (colon == std::string_view::npos || !parseUnsigned(text.substr(0, colon), major) ||
        !parseUnsigned(text.substr(colon + 1), minor) || major > 0xfff || minor > 0xfffff)
        return std::nullopt;
    return BlockDeviceNumber{static_cast<unsigned>(major), static_cast<unsigned>(minor)};
}

} // namespace

Result<BlockDeviceNumber> resolveDisk(const std::string& path) {
    const UniqueFd node(::open(path.c_str(), O_PATH | O_CLOEXEC));
    if (!node) {
        auto error = Error::system(errno, std::format("the I/O limits' disk {}", quoted(path)));
        if (errno == ENOENT)
            error.kind = ErrorKind::NotFound;
        return fail(error);
    }
    struct stat status = {};
    if (::fstat(node.get(), &status) != 0)
        return fail(Error::system(errno, std::format("examining {}", quoted(path))));
    if (!S_ISBLK(status.st_mode))
        return failInvalid(
            std::format("the I/O limits' disk {} is not a block device", quoted(path)));
    BlockDeviceNumber number{::major(status.st_rdev), ::minor(status.st_rdev)};
    const std::string sysfs = std::format("/sys/dev/block/{}:{}", number.major, number.minor);
    const UniqueFd device(::open(sysfs.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (device && ::faccessat(device.get(), "partition", F_OK, 0) == 0) {
        const UniqueFd disk(::openat(device.get(), "..", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
        const auto whole = disk ? readDevFile(disk.get()) : std::nullopt;
        if (!whole)
            return failInvalid(std::format("the I/O limits' disk {} is a partition whose disk "
                                           "cannot be found in sysfs",
                                           quoted(path)));
        number = *whole;
    }
    return number;
}

Result<std::vector<BlockDeviceNumber>> resolveDisks(const BlkioTune& tune) {
    std::vector<BlockDeviceNumber> numbers;
    for (const BlkioDevice& device : tune.devices) {
        CUBBY_TRY(number, resolveDisk(device.path));
        numbers.push_back(number);
    }
    return numbers;
}

} // namespace cubby
