#pragma once
// Typed reads of attributes and child elements, shared by the domain and network parsers.
// Every error names the element or attribute path and quotes the value.

#include "error.h"
#include "inet.h"
#include "text.h"
#include "xml_reader.h"

#include <format>
#include <optional>
#include <span>

namespace cubby {

// A keyword attribute looked up in a table; `fallback` when the attribute is absent.
template <class E>
Result<E> readKeywordAttribute(ElementReader& element, std::string_view name,
                               std::span<const Keyword<E>> table, std::optional<E> fallback) {
    const auto value = element.attribute(name);
    if (!value) {
        if (fallback)
            return *fallback;
        return failInvalid(std::format("{}: the attribute '{}' is required (one of {})",
                                       element.path(), name, keywordList(table)));
    }
    E out{};
    if (!lookupKeyword(table, *value, out))
        return failInvalid(std::format("{}: unknown value {} (expected {})",
                                       element.attributePath(name), quoted(*value),
                                       keywordList(table)));
    return out;
}

template <class E>
Result<E> readKeywordText(ElementReader& element, std::span<const Keyword<E>> table) {
    const std::string_view value = element.text();
    E out{};
    if (!lookupKeyword(table, value, out))
        return failInvalid(std::format("{}: unknown value {} (expected {})", element.path(),
                                       quoted(value), keywordList(table)));
    return out;
}

// "on"/"off" and "yes"/"no" as libvirt writes switches.
Result<bool> readSwitchAttribute(ElementReader& element, std::string_view name, bool fallback);

Result<std::optional<uint64_t>> readUnsignedAttribute(ElementReader& element, std::string_view name,
                                                      uint64_t min, uint64_t max);
Result<uint64_t> readUnsignedText(ElementReader& element, uint64_t min, uint64_t max);

Result<std::optional<IpAddress>> readIpAttribute(ElementReader& element, std::string_view name);

// A child element holding a size with a unit attribute (`unit`, or libvirt's older `units`).
Result<std::optional<uint64_t>> readScaledChild(ElementReader& parent, std::string_view name);
// The same for a value carried in attributes, like <source usage='1024' units='KiB'/>.
Result<uint64_t> readScaledAttribute(ElementReader& element, std::string_view valueName);

// A prefix length given as prefix='24' or, for IPv4, netmask='255.255.255.0'.
Result<std::optional<unsigned>> readPrefixLength(ElementReader& element, IpFamily family);

} // namespace cubby
