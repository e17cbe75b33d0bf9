#pragma once
// A small, strict JSON reader for what Cubby reads from other programs (`nft -j list
// ruleset`). Values in, values out; no Qt, so the pure core can analyse a ruleset.

#include "error.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cubby {

struct JsonValue {
    enum class Type { Null, Bool, Number, String, Array, Object };
    Type type = Type::Null;
    bool boolean = false;
    double number = 0;
    std::string string;
    std::vector<JsonValue> array;
    std::vector<std::pair<std::string, JsonValue>> object; // in document order

    // The member `key` of an object, or nullptr (also for non-objects).
    const JsonValue* member(std::string_view key) const;
    // The member's text when it is a string, else "".
    std::string_view text(std::string_view key) const;
    bool isObject() const { return type == Type::Object; }
    bool isArray() const { return type == Type::Array; }
};

// Nesting deeper than 64 levels and documents over 64 MiB are refused.
Result<JsonValue> parseJson(std::string_view text);

} // namespace cubby
