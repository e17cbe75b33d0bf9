#pragma once
// What every Cubby program started by the helper needs: a fresh UUID for definitions that
// lack one, reading a definition file with the parser's size cap, and the one-line report on
// the ready descriptor ("ready …" or "error …") the helper waits for.

#include "error.h"
#include "uuid.h"

#include <string>

namespace cubby {

// A version-4 UUID from the kernel's random source (getrandom).
Uuid randomUuid();

// The file's contents, at most `limit` + 1 bytes (so an oversized file fails the parser's
// own size check rather than being cut silently).
Result<std::string> readDefinitionFile(const std::string& path, size_t limit);

// Writes `line` to the ready descriptor and closes it (nothing when fd < 0).
void reportOnReadyFd(int fd, const std::string& line);

} // namespace cubby
