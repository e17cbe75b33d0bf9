#include "file_helpers.h"

#include <algorithm>
#include <cstdlib>
#include <dirent.h>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <sys/stat.h>

namespace cubby::test {

bool pathExists(const std::string& path) {
    struct stat st = {};
    return ::lstat(path.c_str(), &st) == 0;
}

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

bool writeFile(const std::string& path, const std::string& contents) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << contents;
    out.close();
    return bool(out);
}

int fileWith(const std::string& path, const std::string& bytes) {
    writeFile(path, bytes);
    return ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
}

std::vector<std::string> directoryEntries(const std::string& dir) {
    std::vector<std::string> names;
    if (DIR* stream = ::opendir(dir.c_str())) {
        while (const dirent* entry = ::readdir(stream)) {
            const std::string name = entry->d_name;
            if (name != "." && name != "..")
                names.push_back(name);
        }
        ::closedir(stream);
    }
    std::ranges::sort(names);
    return names;
}

std::string joinedLines(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items)
        out += item + "\n";
    return out;
}

std::string temporaryDirectory(const char* prefix, mode_t mode) {
    std::string templ = std::string("/tmp/") + prefix + "-XXXXXX";
    if (!::mkdtemp(templ.data()))
        return {};
    ::chmod(templ.c_str(), mode);
    return templ;
}

} // namespace cubby::test
