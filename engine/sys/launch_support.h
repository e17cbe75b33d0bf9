#pragma once
// What every Cubby program started by the helper needs: its "--flag value" command line, a
// fresh UUID for definitions that lack one, reading a definition file with the parser's size
// cap, and the one-line report on the ready descriptor ("ready …" or "error …") the helper
// waits for.

#include "error.h"
#include "uuid.h"

#include <span>
#include <string>
#include <string_view>

namespace cubby {

// One option of a helper-started program: "--name VALUE" stores VALUE in *value.
struct LaunchFlag {
    std::string_view name;
    std::string* value;
};

// Reads argv[1..] as "--flag value" pairs into the table; a flag the table lacks, or one
// without a value, is an InvalidArgument naming it.
Status parseLaunchFlags(int argc, char** argv, std::span<const LaunchFlag> flags);

// A version-4 UUID from the kernel's random source (getrandom).
Uuid randomUuid();

// The file's contents, at most `limit` + 1 bytes (so an oversized file fails the parser's
// own size check rather than being cut silently).
Result<std::string> readDefinitionFile(const std::string& path, size_t limit);

// Writes `line` to the ready descriptor and closes it (nothing when fd < 0).
void reportOnReadyFd(int fd, const std::string& line);

} // namespace cubby
