#include "export_file.h"

#include "container_export.h"

#include <cerrno>
#include <fcntl.h>
#include <filesystem>
#include <optional>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace cubby {

Result<ExportFile> ExportFile::create(const std::string& path) {
    ExportFile file;
    file.m_path = path;
    struct stat existing = {};
    if (::lstat(path.c_str(), &existing) == 0)
        return fail(
            Error::of(ErrorKind::AlreadyExists, path + " exists; an export never replaces a file"));
    std::error_code error;
    const std::string directory = std::filesystem::absolute(path, error).parent_path().string();
    if (error)
        return fail(Error::system(error.value(), "finding the directory of " + path));
    file.m_fd = ::open(directory.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
    if (file.m_fd < 0 && (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL)) {
        file.m_partial = path + ".partial-" + std::to_string(::getpid());
        file.m_fd = ::open(file.m_partial.c_str(),
                           O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC | O_NOFOLLOW, 0600);
    }
    if (file.m_fd < 0)
        return fail(Error::system(errno, "writing in " + directory));
    return file;
}

ExportFile::ExportFile(ExportFile&& other) noexcept
    : m_path(std::move(other.m_path))
    , m_partial(std::move(other.m_partial))
    , m_fd(std::exchange(other.m_fd, -1)) {}

ExportFile::~ExportFile() {
    if (m_fd >= 0) {
        ::close(m_fd);
        if (!m_partial.empty())
            ::unlink(m_partial.c_str());
    }
}

Status ExportFile::keep() {
    if (::fsync(m_fd) != 0)
        return fail(Error::system(errno, "writing " + m_path));
    const bool named = m_partial.empty()
                           ? ::linkat(AT_FDCWD, ("/proc/self/fd/" + std::to_string(m_fd)).c_str(),
                                      AT_FDCWD, m_path.c_str(), AT_SYMLINK_FOLLOW) == 0
                           : ::renameat2(AT_FDCWD, m_partial.c_str(), AT_FDCWD, m_path.c_str(),
                                         RENAME_NOREPLACE) == 0;
    if (!named)
        return fail(Error::system(errno, "naming " + m_path));
    m_partial.clear();
    return {};
}

namespace {

std::optional<std::string> readExactly(int fd, size_t size) {
    std::string bytes(size, '\0');
    size_t have = 0;
    while (have < size) {
        const ssize_t got = ::read(fd, bytes.data() + have, size - have);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return std::nullopt;
        have += size_t(got);
    }
    return bytes;
}

} // namespace

Result<std::string> readExportDefinition(int fd) {
    const auto header = readExactly(fd, exportFrameHeaderBytes);
    if (!header)
        return failInvalid("the archive ends before its definition");
    CUBBY_TRY(length, exportFrameLength(*header));
    const auto content = readExactly(fd, length);
    if (!content)
        return failInvalid("the archive ends inside its definition");
    return exportFrameDefinition(*content);
}

} // namespace cubby
