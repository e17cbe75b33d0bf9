#include "xml_values.h"

#include "units.h"

#include <array>

namespace cubby {

namespace {

constexpr std::array<Keyword<bool>, 4> switchWords{{
    {"on", true},
    {"off", false},
    {"yes", true},
    {"no", false},
}};

Result<uint64_t> checkedRange(uint64_t value, uint64_t min, uint64_t max, std::string_view raw,
                              std::string_view where) {
    if (value < min || value > max)
        return failInvalid(
            std::format("{}: {} is outside the allowed range {}–{}", where, quoted(raw), min, max));
    return value;
}

} // namespace

Result<bool> readSwitchAttribute(ElementReader& element, std::string_view name, bool fallback) {
    return readKeywordAttribute<bool>(element, name, switchWords, fallback);
}

Result<std::optional<uint64_t>> readUnsignedAttribute(ElementReader& element, std::string_view name,
                                                      uint64_t min, uint64_t max) {
    const auto raw = element.attribute(name);
    if (!raw)
        return std::nullopt;
    uint64_t value = 0;
    if (!parseUnsigned(*raw, value))
        return failInvalid(
            std::format("{}: {} is not a whole number", element.attributePath(name), quoted(*raw)));
    CUBBY_TRY(checked, checkedRange(value, min, max, *raw, element.attributePath(name)));
    return checked;
}

Result<uint64_t> readUnsignedText(ElementReader& element, uint64_t min, uint64_t max) {
    const std::string_view raw = element.text();
    uint64_t value = 0;
    if (!parseUnsigned(raw, value))
        return failInvalid(
            std::format("{}: {} is not a whole number", element.path(), quoted(raw)));
    return checkedRange(value, min, max, raw, element.path());
}

Result<std::optional<IpAddress>> readIpAttribute(ElementReader& element, std::string_view name) {
    const auto raw = element.attribute(name);
    if (!raw)
        return std::nullopt;
    CUBBY_TRY(address, IpAddress::parse(*raw, element.attributePath(name)));
    return address;
}

Result<std::optional<uint64_t>> readScaledChild(ElementReader& parent, std::string_view name) {
    CUBBY_TRY(child, parent.optionalChild(name));
    if (!child)
        return std::nullopt;
    const auto unit = child->attribute("unit");
    const auto units = child->attribute("units");
    CUBBY_TRY(kib, scaledToKiB(child->text(), unit ? *unit : units.value_or(""), child->path()));
    CUBBY_CHECK(child->finish());
    return kib;
}

Result<uint64_t> readScaledAttribute(ElementReader& element, std::string_view valueName) {
    CUBBY_TRY(raw, element.requiredAttribute(valueName));
    const auto unit = element.attribute("unit");
    const auto units = element.attribute("units");
    return scaledToKiB(raw, unit ? *unit : units.value_or(""), element.attributePath(valueName));
}

Result<std::optional<unsigned>> readPrefixLength(ElementReader& element, IpFamily family) {
    const unsigned width = family == IpFamily::V4 ? 32 : 128;
    CUBBY_TRY(prefix, readUnsignedAttribute(element, "prefix", 0, width));
    const auto netmask = element.attribute("netmask");
    if (prefix && netmask)
        return failInvalid(
            std::format("{}: give either prefix or netmask, not both", element.path()));
    if (netmask) {
        if (family != IpFamily::V4)
            return failInvalid(std::format("{}: netmask is only for IPv4; use prefix",
                                           element.attributePath("netmask")));
        CUBBY_TRY(length, prefixLengthFromNetmask(*netmask, element.attributePath("netmask")));
        return length;
    }
    if (prefix)
        return static_cast<unsigned>(*prefix);
    return std::nullopt;
}

} // namespace cubby
