#include "sysctl.h"

#include "unique_fd.h"

#include <cerrno>
#include <fcntl.h>
#include <format>
#include <unistd.h>

namespace cubby {

namespace {

std::string sysctlPath(std::string_view key) {
    return std::format("/proc/sys/{}", key);
}

} // namespace

Result<std::string> readSysctl(std::string_view key) {
    const std::string path = sysctlPath(key);
    const UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd)
        return fail(Error::system(errno, std::format("opening {}", path)));
    char buffer[256];
    const ssize_t got = ::read(fd.get(), buffer, sizeof buffer);
    if (got < 0)
        return fail(Error::system(errno, std::format("reading {}", path)));
    std::string value(buffer, static_cast<size_t>(got));
    while (!value.empty() && value.back() == '\n')
        value.pop_back();
    return value;
}

Status writeSysctl(std::string_view key, std::string_view value) {
    const std::string path = sysctlPath(key);
    const UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CLOEXEC));
    if (!fd || ::write(fd.get(), value.data(), value.size()) != static_cast<ssize_t>(value.size()))
        return fail(Error::system(errno, std::format("setting {} to {}", path, value)));
    return {};
}

Status writeIpv6Sysctl(std::string_view key, std::string_view value) {
    auto written = writeSysctl(key, value);
    if (!written && written.error().errnoValue == ENOENT &&
        !readSysctl("net/ipv6/conf/all/disable_ipv6"))
        return {};
    return written;
}

} // namespace cubby
