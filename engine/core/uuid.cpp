#include "uuid.h"

#include "text.h"

#include <format>

namespace cubby {

Result<Uuid> Uuid::parse(std::string_view text, std::string_view what) {
    Uuid uuid;
    size_t nibble = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const bool dashAllowed = text.size() == 36 && (i == 8 || i == 13 || i == 18 || i == 23);
        if (c == '-' && dashAllowed)
            continue;
        int digit = -1;
        if (c >= '0' && c <= '9')
            digit = c - '0';
        else if (c >= 'a' && c <= 'f')
            digit = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            digit = c - 'A' + 10;
        if (digit < 0 || nibble >= 32)
            return failInvalid(std::format("{}: {} is not a UUID", what, quoted(text)));
        uuid.bytes[nibble / 2] |= static_cast<uint8_t>(nibble % 2 ? digit : digit << 4);
        ++nibble;
    }
    if (nibble != 32 || (text.size() != 32 && text.size() != 36))
        return failInvalid(std::format("{}: {} is not a UUID", what, quoted(text)));
    if (uuid.isNil())
        return failInvalid(std::format("{}: the nil UUID cannot name a definition", what));
    return uuid;
}

Uuid Uuid::fromRandomBytes(std::array<uint8_t, 16> random) {
    Uuid uuid{random};
    uuid.bytes[6] = (uuid.bytes[6] & 0x0F) | 0x40; // version 4
    uuid.bytes[8] = (uuid.bytes[8] & 0x3F) | 0x80; // RFC 4122 variant
    return uuid;
}

std::string Uuid::toString() const {
    std::string out;
    for (size_t i = 0; i < bytes.size(); ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            out += '-';
        out += std::format("{:02x}", bytes[i]);
    }
    return out;
}

} // namespace cubby
