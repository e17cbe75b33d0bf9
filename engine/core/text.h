#pragma once
// Small, strict text helpers shared by the XML readers and validators.

#include "error.h"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace cubby {

// Offset of the first byte that is not part of well-formed UTF-8 (overlongs, surrogates and
// code points past U+10FFFF count as malformed), or npos when the whole text is valid.
size_t firstInvalidUtf8(std::string_view text);

std::string_view trimmed(std::string_view text);

// Quotes a user-supplied value for an error message, cut to a readable length and with
// control characters escaped, so a hostile value cannot garble the message.
std::string quoted(std::string_view value);

// The value of one hexadecimal digit (either case), or -1.
int hexDigitValue(char c);

// Decimal digits only (no sign, no spaces, no 0x); fails on overflow.
bool parseUnsigned(std::string_view text, uint64_t& out);
bool parseSigned(std::string_view text, int64_t& out);

// One name ↔ value pair of a table that maps XML keywords to enums.
template <class E>
struct Keyword {
    std::string_view name;
    E value;
};

template <class E>
bool lookupKeyword(std::span<const Keyword<E>> table, std::string_view name, E& out) {
    for (const auto& entry : table) {
        if (entry.name == name) {
            out = entry.value;
            return true;
        }
    }
    return false;
}

template <class E>
std::string_view keywordName(std::span<const Keyword<E>> table, E value) {
    for (const auto& entry : table) {
        if (entry.value == value)
            return entry.name;
    }
    return {};
}

// "a, b or c" — for error messages that list the accepted keywords.
template <class E>
std::string keywordList(std::span<const Keyword<E>> table) {
    std::string out;
    for (size_t i = 0; i < table.size(); ++i) {
        if (i > 0)
            out += i + 1 == table.size() ? " or " : ", ";
        out += table[i].name;
    }
    return out;
}

} // namespace cubby
