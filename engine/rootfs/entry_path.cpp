#include "entry_path.h"

#include "text.h"

#include <format>

namespace cubby {

Result<std::string> normalizeEntryPath(std::string_view name) {
    if (name.find('\0') != std::string_view::npos)
        return failInvalid(
            std::format("the archive holds a member named {} with a NUL byte", quoted(name)));
    std::string path;
    size_t start = 0;
    while (start < name.size()) {
        const size_t slash = name.find('/', start);
        const size_t end = slash == std::string_view::npos ? name.size() : slash;
        const std::string_view component = name.substr(start, end - start);
        start = end + 1;
        if (component.empty() || component == ".")
            continue;
        if (component == "..")
            return failInvalid(std::format("the archive holds {}, whose '..' would reach outside "
                                           "the root filesystem; nothing was unpacked",
                                           quoted(name)));
        if (!path.empty())
            path += '/';
        path += component;
    }
    return path.empty() ? std::string(".") : path;
}

} // namespace cubby
