#include "names.h"

#include "text.h"

#include <format>

namespace cubby {

namespace {

bool isAsciiAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool isPortableNameChar(char c) {
    return isAsciiAlnum(c) || c == '-' || c == '_' || c == '.';
}

} // namespace

Status validateObjectName(std::string_view name, std::string_view what) {
    if (name.empty())
        return failInvalid(std::format("{}: the name is empty", what));
    if (name.size() > maxObjectNameLength)
        return failInvalid(std::format("{}: {} is {} characters long; at most {} are allowed", what,
                                       quoted(name), name.size(), maxObjectNameLength));
    if (!isAsciiAlnum(name.front()))
        return failInvalid(
            std::format("{}: {} must start with a letter or digit", what, quoted(name)));
    for (const char c : name) {
        if (!isPortableNameChar(c))
            return failInvalid(
                std::format("{}: {} contains {}; names may use letters, digits, '-', '_' and '.'",
                            what, quoted(name), quoted(std::string_view(&c, 1))));
    }
    if (name.find("..") != std::string_view::npos)
        return failInvalid(std::format("{}: {} must not contain '..'", what, quoted(name)));
    return {};
}

Status validateInterfaceName(std::string_view name, std::string_view what) {
    if (name.empty())
        return failInvalid(std::format("{}: the interface name is empty", what));
    if (name.size() > maxInterfaceNameLength)
        return failInvalid(std::format("{}: {} is {} bytes long; Linux interface names have at "
                                       "most {}",
                                       what, quoted(name), name.size(), maxInterfaceNameLength));
    if (name == "." || name == "..")
        return failInvalid(
            std::format("{}: {} is not a usable interface name", what, quoted(name)));
    for (const char c : name) {
        if (!isPortableNameChar(c))
            return failInvalid(std::format(
                "{}: {} contains {}; interface names may use letters, digits, '-', '_' and '.'",
                what, quoted(name), quoted(std::string_view(&c, 1))));
    }
    return {};
}

Status validateAbsolutePath(std::string_view path, std::string_view what) {
    constexpr size_t pathMax = 4096;
    if (path.empty())
        return failInvalid(std::format("{}: the path is empty", what));
    if (path.front() != '/')
        return failInvalid(std::format("{}: {} is not an absolute path", what, quoted(path)));
    if (path.size() >= pathMax)
        return failInvalid(std::format("{}: the path is {} bytes long; at most {} are allowed",
                                       what, path.size(), pathMax - 1));
    if (path.find('\0') != std::string_view::npos)
        return failInvalid(std::format("{}: {} contains a NUL byte", what, quoted(path)));
    if (path == "/")
        return {};
    size_t start = 1;
    while (start <= path.size()) {
        size_t end = path.find('/', start);
        if (end == std::string_view::npos)
            end = path.size();
        const std::string_view component = path.substr(start, end - start);
        if (component.empty())
            return failInvalid(std::format("{}: {} has an empty component (a doubled or trailing "
                                           "'/')",
                                           what, quoted(path)));
        if (component == "." || component == "..")
            return failInvalid(std::format("{}: {} contains a {} component; give the path without "
                                           "it",
                                           what, quoted(path), quoted(component)));
        start = end + 1;
    }
    return {};
}

} // namespace cubby
