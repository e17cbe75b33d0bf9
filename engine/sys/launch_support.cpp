#include "launch_support.h"

#include "unique_fd.h"

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <format>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

namespace cubby {

Status parseLaunchFlags(int argc, char** argv, std::span<const LaunchFlag> flags) {
    for (int i = 1; i < argc; ++i) {
        const std::string_view flag = argv[i];
        const auto known = std::ranges::find(flags, flag, &LaunchFlag::name);
        if (known == flags.end())
            return failInvalid(std::format("unknown option {}", flag));
        if (i + 1 >= argc)
            return failInvalid(std::format("{} needs a value", flag));
        *known->value = argv[++i];
    }
    return {};
}

Uuid randomUuid() {
    std::array<uint8_t, 16> bytes{};
    size_t filled = 0;
    while (filled < bytes.size()) {
        const ssize_t got = ::getrandom(bytes.data() + filled, bytes.size() - filled, 0);
        if (got > 0)
            filled += static_cast<size_t>(got);
        else if (errno != EINTR)
            break; // cannot happen for 16 bytes after boot; the bytes stay partly zero
    }
    return Uuid::fromRandomBytes(bytes);
}

Result<std::string> readDefinitionFile(const std::string& path, size_t limit) {
    const UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    struct stat info = {};
    if (!fd || ::fstat(fd.get(), &info) != 0)
        return fail(Error::system(errno, std::format("opening {}", path)));
    std::string text(std::min<size_t>(static_cast<size_t>(info.st_size), limit + 1), '\0');
    size_t filled = 0;
    while (filled < text.size()) {
        const ssize_t got = ::read(fd.get(), text.data() + filled, text.size() - filled);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return fail(Error::system(errno, std::format("reading {}", path)));
        if (got == 0)
            break;
        filled += static_cast<size_t>(got);
    }
    text.resize(filled);
    return text;
}

void reportOnReadyFd(int fd, const std::string& line) {
    if (fd < 0)
        return;
    (void)::write(fd, line.data(), line.size());
    ::close(fd);
}

} // namespace cubby
