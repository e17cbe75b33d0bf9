#pragma once
// The directories bench-rootfs works in and what it measures about the trees made there.

#include "error.h"

#include <cstdint>
#include <string>

namespace cubby::bench {

// Every directory of one run, below /var/tmp (on disk, like /var/lib/cubby; /tmp is often a
// tmpfs) or /tmp when /var/tmp is not writable, all on one file system so that every contender
// writes to the same one. Where that file system is ext4 without a journal, it becomes a tmpfs
// of its own (mounted in the caller's private mount namespace): such an ext4 does not reuse
// inodes freed in the last minutes and reads inode tables in search of others, so every file
// created after a removal costs many times what it otherwise would, for every contender alike,
// and that would swamp what the tools themselves cost. Removed with everything in it by the
// destructor, whatever happened.
class WorkDir {
public:
    static Result<WorkDir> create();
    WorkDir(WorkDir&& other) noexcept;
    WorkDir& operator=(WorkDir&&) = delete;
    WorkDir(const WorkDir&) = delete;
    ~WorkDir();

    const std::string& path() const { return m_path; }
    // Empty on disk; else why the work directory is a tmpfs.
    const std::string& tmpfsReason() const { return m_tmpfsReason; }
    // PATH/NAME, made with `mode` (cubby-rootfs's --base must be 0700 and root's).
    Result<std::string> subdirectory(const std::string& name, unsigned mode = 0755) const;

private:
    WorkDir(std::string path, std::string tmpfsReason)
        : m_path(std::move(path))
        , m_tmpfsReason(std::move(tmpfsReason)) {}
    std::string m_path;
    std::string m_tmpfsReason;
};

// What `du` and `find | wc -l` would say: the blocks of every inode once (hard links count
// once), and every entry below `root` (files, directories, symlinks, devices; not `root`).
struct TreeSize {
    uint64_t bytes = 0;
    uint64_t entries = 0;
};
Result<TreeSize> measureTree(const std::string& root);

// Removes a tree without following symlinks. Whatever is mounted below it first goes (a peer
// stopped half-way, debootstrap for one, can leave /proc mounted in its target).
Status removeTreeBelow(const std::string& path);

// Writes the file system's dirty data out (syncfs), so that a measured run does not pay for
// what the one before it wrote.
void settle(const std::string& path);

// "ext4", "xfs", "tmpfs"… of the file system holding `path`.
std::string filesystemType(const std::string& path);

} // namespace cubby::bench
