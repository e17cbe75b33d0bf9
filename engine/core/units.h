#pragma once
// libvirt's scaled integers: <memory unit='MiB'>512</memory>. Values are kept in KiB, which
// is what libvirt stores and prints.

#include "error.h"

#include <cstdint>
#include <string_view>

namespace cubby {

// `unit` empty means KiB (libvirt's default for memory). Byte counts round up to whole KiB.
Result<uint64_t> scaledToKiB(std::string_view number, std::string_view unit, std::string_view what);

} // namespace cubby
