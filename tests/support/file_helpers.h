#pragma once
// Small file-system helpers for root-tier tests that look at the trees a worker made: read and
// write whole files, list a directory, make a temporary directory.

#include <string>
#include <sys/types.h>
#include <vector>

namespace cubby::test {

// Whether anything (a dangling symlink too) is at `path`.
bool pathExists(const std::string& path);

// The whole file, or "" when it cannot be read.
std::string readFile(const std::string& path);
// Replaces the file's contents; false when that failed.
bool writeFile(const std::string& path, const std::string& contents);
// Writes `bytes` to `path` and opens it for reading (e.g. a worker's stdin); -1 on failure.
int fileWith(const std::string& path, const std::string& bytes);

// Names in a directory, hidden ones included, sorted.
std::vector<std::string> directoryEntries(const std::string& dir);
// The items, each followed by a newline: for messages.
std::string joinedLines(const std::vector<std::string>& items);

// A fresh /tmp/PREFIX-XXXXXX with `mode`, or "" when none could be made.
std::string temporaryDirectory(const char* prefix, mode_t mode);

} // namespace cubby::test
