#pragma once
// What identifies one version of a file without reading it: definitions are replaced by
// rename (a new inode), so a parse or a pid kept with the stamp it came from is reused until
// the stamp changes. Saves rereading and reparsing hundreds of definitions per call.

#include <optional>
#include <string>
#include <sys/stat.h>

namespace cubby {

struct FileStamp {
    dev_t device = 0;
    ino_t inode = 0;
    off_t size = 0;
    long mtimeSeconds = 0;
    long mtimeNanoseconds = 0;
    bool operator==(const FileStamp&) const = default;
};

inline std::optional<FileStamp> stampOf(const std::string& path) {
    struct stat status = {};
    if (::stat(path.c_str(), &status) != 0)
        return std::nullopt;
    return FileStamp{status.st_dev, status.st_ino, status.st_size, status.st_mtim.tv_sec,
                     status.st_mtim.tv_nsec};
}

} // namespace cubby
