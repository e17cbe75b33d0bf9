#pragma once
// Definitions on disk: one NAME.xml per container or network in its directory, replaced
// atomically (a crash leaves the old or the new file), and an autostart marker per name.
// Names are validated before they become paths, so no name reaches the file system that could
// leave the directory.

#include "error.h"

#include <string>
#include <vector>

namespace cubby {

class DefinitionStore {
public:
    explicit DefinitionStore(std::string directory);

    const std::string& directory() const { return m_directory; }
    std::string filePath(const std::string& name) const { return path(name); }
    std::vector<std::string> names() const; // sorted; files that are not NAME.xml are ignored
    bool exists(const std::string& name) const;
    Result<std::string> read(const std::string& name) const;
    Status write(const std::string& name, const std::string& xml);
    Status remove(const std::string& name);

    bool autostart(const std::string& name) const;
    Status setAutostart(const std::string& name, bool enabled);

private:
    std::string path(const std::string& name) const;
    std::string m_directory;
};

} // namespace cubby
