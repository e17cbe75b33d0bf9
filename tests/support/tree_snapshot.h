#pragma once
// A snapshot of a directory tree, everything about every entry a user would notice (type and
// mode, owner, time, contents or link target, extended attributes, hard links), and the
// differences between two snapshots: for checking that a tree came through an archive intact,
// or that nothing touched it.

#include <ctime>
#include <map>
#include <string>
#include <sys/types.h>

namespace cubby::test {

struct TreeNode {
    mode_t mode = 0;
    uid_t uid = 0;
    gid_t gid = 0;
    time_t mtime = 0;     // 0 for symlinks: not every tool keeps a symlink's time
    std::string contents; // file data, or the link's target
    std::string xattrs;   // "name=value;" sorted, values printable
    ino_t inode = 0;
    nlink_t links = 0; // 0 for directories
    // Inode numbers differ between trees; links and the rest must not.
    bool operator==(const TreeNode& other) const;
};

// Every entry below `root`, keyed by relative path ("." for the root itself); symlinks are
// never followed.
using TreeSnapshot = std::map<std::string, TreeNode>;
TreeSnapshot snapshotTree(const std::string& root);

// Differences between two snapshots, one per line; "" when they are the same.
std::string treeDifferences(const TreeSnapshot& expected, const TreeSnapshot& actual);

} // namespace cubby::test
