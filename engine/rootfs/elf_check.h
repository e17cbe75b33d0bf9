#pragma once
// Whether a program is a statically linked ELF executable, read from its program headers:
// a PT_INTERP header names the dynamic loader, which a BusyBox root does not have. A static
// PIE has a PT_DYNAMIC header for its own relocations but no PT_INTERP, and counts as static.

#include "error.h"

#include <string_view>

namespace cubby {

enum class ElfLinkage { Static, Dynamic };

// `image` is the file's contents (at least up to the end of its program headers); `what`
// names the file in messages. Not ELF, not an executable or shared object, or headers that
// do not fit: Unsupported.
Result<ElfLinkage> elfLinkage(std::string_view image, std::string_view what);

} // namespace cubby
