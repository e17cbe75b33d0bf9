#pragma once

#include "error.h"

#include <array>
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

namespace cubby {

struct Uuid {
    std::array<uint8_t, 16> bytes{};

    // The 8-4-4-4-12 form, or 32 hex digits without dashes (libvirt accepts both).
    static Result<Uuid> parse(std::string_view text, std::string_view what);
    // A version-4 UUID from 16 random bytes (the caller supplies the randomness).
    static Uuid fromRandomBytes(std::array<uint8_t, 16> random);
    std::string toString() const; // lower-case 8-4-4-4-12
    bool isNil() const { return *this == Uuid{}; }
    auto operator<=>(const Uuid&) const = default;
};

} // namespace cubby
