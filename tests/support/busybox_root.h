#pragma once
// A BusyBox root filesystem for root-tier container tests, made from Debian's busybox-static
// in a temporary directory and removed again by the destructor.

#include <string>

namespace cubby::test {

class BusyboxRoot {
public:
    BusyboxRoot();
    ~BusyboxRoot();
    BusyboxRoot(const BusyboxRoot&) = delete;
    BusyboxRoot& operator=(const BusyboxRoot&) = delete;

    bool ok() const { return m_failure.empty(); }
    const std::string& failure() const { return m_failure; }
    const std::string& path() const { return m_path; }

    // Writes a file inside the root (e.g. an init script), creating parent directories.
    bool writeFile(const std::string& relativePath, const std::string& contents, int mode = 0755);

private:
    std::string m_holder; // 0700, holds the root
    std::string m_path;
    std::string m_failure;
};

// Removes a directory tree (not crossing into other filesystems).
void removeTree(const std::string& path);

} // namespace cubby::test
