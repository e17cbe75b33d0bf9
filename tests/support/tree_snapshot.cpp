#include "tree_snapshot.h"

#include "file_helpers.h"

#include <algorithm>
#include <cstring>
#include <format>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>
#include <vector>

namespace cubby::test {

namespace {

std::string xattrsOf(const std::string& path) {
    char names[4096];
    const ssize_t length = ::llistxattr(path.c_str(), names, sizeof names);
    std::vector<std::string> pairs;
    for (ssize_t at = 0; at < length; at += static_cast<ssize_t>(std::strlen(names + at)) + 1) {
        char value[1024];
        const ssize_t size = ::lgetxattr(path.c_str(), names + at, value, sizeof value);
        // Values are binary (a capability is a struct): printable for messages.
        std::string printable;
        for (ssize_t i = 0; i < size; ++i) {
            const auto byte = static_cast<unsigned char>(value[i]);
            printable += byte >= 0x20 && byte < 0x7f ? std::string(1, static_cast<char>(byte))
                                                     : std::format("\\x{:02x}", byte);
        }
        pairs.push_back(std::string(names + at) + "=" + printable);
    }
    std::ranges::sort(pairs);
    std::string out;
    for (const auto& pair : pairs)
        out += pair + ";";
    return out;
}

void snapshotInto(const std::string& root, const std::string& relative, TreeSnapshot& nodes) {
    const std::string path = relative.empty() ? root : root + "/" + relative;
    struct stat st = {};
    if (::lstat(path.c_str(), &st) != 0)
        return;
    TreeNode node{st.st_mode, st.st_uid,      st.st_gid, st.st_mtime,
                  {},         xattrsOf(path), st.st_ino, S_ISDIR(st.st_mode) ? 0 : st.st_nlink};
    if (S_ISREG(st.st_mode))
        node.contents = readFile(path);
    if (S_ISLNK(st.st_mode)) {
        char target[4096];
        const ssize_t length = ::readlink(path.c_str(), target, sizeof target);
        node.contents.assign(target, static_cast<size_t>(std::max<ssize_t>(length, 0)));
        node.mtime = 0; // not every tool keeps a symlink's time
    }
    nodes[relative.empty() ? "." : relative] = node;
    if (S_ISDIR(st.st_mode)) {
        for (const auto& name : directoryEntries(path))
            snapshotInto(root, relative.empty() ? name : relative + "/" + name, nodes);
    }
}

std::string describe(const TreeNode& node) {
    return std::format("mode {:o} owner {}:{} mtime {} links {} xattrs '{}' contents {} bytes",
                       node.mode, node.uid, node.gid, node.mtime, node.links, node.xattrs,
                       node.contents.size());
}

} // namespace

bool TreeNode::operator==(const TreeNode& other) const {
    return mode == other.mode && uid == other.uid && gid == other.gid && mtime == other.mtime &&
           contents == other.contents && xattrs == other.xattrs && links == other.links;
}

TreeSnapshot snapshotTree(const std::string& root) {
    TreeSnapshot nodes;
    snapshotInto(root, "", nodes);
    return nodes;
}

std::string treeDifferences(const TreeSnapshot& expected, const TreeSnapshot& actual) {
    std::string out;
    for (const auto& [path, node] : expected) {
        const auto other = actual.find(path);
        if (other == actual.end())
            out += path + ": missing\n";
        else if (!(other->second == node))
            out += path + ": " + describe(other->second) + ", expected " + describe(node) + "\n";
    }
    for (const auto& [path, node] : actual) {
        if (!expected.contains(path))
            out += path + ": unexpected\n";
    }
    return out;
}

} // namespace cubby::test
