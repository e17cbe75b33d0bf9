#include "definition_store.h"

#include "atomic_file.h"
#include "names.h"
#include "run_state.h"
#include "unique_fd.h"
#include "xml_reader.h"

#include <algorithm>
#include <cerrno>
#include <dirent.h>
#include <fcntl.h>
#include <format>
#include <sys/stat.h>
#include <unistd.h>

namespace cubby {

DefinitionStore::DefinitionStore(std::string directory)
    : m_directory(std::move(directory)) {}

std::string DefinitionStore::path(const std::string& name) const {
    return m_directory + "/" + name + ".xml";
}

std::vector<std::string> DefinitionStore::names() const {
    std::vector<std::string> found;
    DIR* listing = ::opendir(m_directory.c_str());
    if (!listing)
        return found;
    while (const dirent* entry = ::readdir(listing)) {
        std::string file = entry->d_name;
        if (!file.ends_with(".xml") || entry->d_type == DT_DIR)
            continue;
        file.resize(file.size() - 4);
        if (validateObjectName(file, "file"))
            found.push_back(std::move(file));
    }
    ::closedir(listing);
    std::ranges::sort(found);
    return found;
}

bool DefinitionStore::exists(const std::string& name) const {
    struct stat info = {};
    return ::stat(path(name).c_str(), &info) == 0;
}

Result<std::string> DefinitionStore::read(const std::string& name) const {
    const UniqueFd fd(::open(path(name).c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
    if (!fd) {
        if (errno == ENOENT)
            return fail(
                Error::of(ErrorKind::NotFound, std::format("no definition named {}", name)));
        return fail(Error::system(errno, std::format("reading {}", path(name))));
    }
    std::string text(maxXmlDocumentBytes + 1, '\0');
    size_t filled = 0;
    while (filled < text.size()) {
        const ssize_t got = ::read(fd.get(), text.data() + filled, text.size() - filled);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return fail(Error::system(errno, std::format("reading {}", path(name))));
        if (got == 0)
            break;
        filled += static_cast<size_t>(got);
    }
    text.resize(filled);
    return text;
}

Status DefinitionStore::write(const std::string& name, const std::string& xml) {
    // Whatever is written must be readable again, or the object could be neither started nor
    // read back, and the checks that compare definitions would not see it.
    CUBBY_CHECK(checkStoredXmlSize(xml, std::format("the definition of '{}'", name)));
    CUBBY_CHECK(makeDirectories(m_directory, 0755));
    return writeFileAtomically(path(name), xml, 0600);
}

Status DefinitionStore::remove(const std::string& name) {
    if (::unlink(path(name).c_str()) != 0 && errno != ENOENT)
        return fail(Error::system(errno, std::format("removing {}", path(name))));
    (void)setAutostart(name, false);
    return {};
}

bool DefinitionStore::autostart(const std::string& name) const {
    struct stat info = {};
    return ::stat((m_directory + "/autostart/" + name).c_str(), &info) == 0;
}

Status DefinitionStore::setAutostart(const std::string& name, bool enabled) {
    const std::string marker = m_directory + "/autostart/" + name;
    if (!enabled) {
        if (::unlink(marker.c_str()) != 0 && errno != ENOENT)
            return fail(Error::system(errno, std::format("removing {}", marker)));
        return {};
    }
    CUBBY_CHECK(makeDirectories(m_directory + "/autostart", 0755));
    return writeFileAtomically(marker, name + "\n", 0644);
}

} // namespace cubby
