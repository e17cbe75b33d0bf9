#include "units.h"

#include "text.h"

#include <algorithm>
#include <array>
#include <format>
#include <string>

namespace cubby {

namespace {

struct UnitScale {
    std::string_view name; // lower case; matched case-insensitively like libvirt
    uint64_t bytes;
};

constexpr uint64_t kilo = 1000, kibi = 1024;
constexpr std::array<UnitScale, 20> unitScales{{
    {"b", 1},
    {"bytes", 1},
    {"kb", kilo},
    {"k", kibi},
    {"kib", kibi},
    {"mb", kilo* kilo},
    {"m", kibi* kibi},
    {"mib", kibi* kibi},
    {"gb", kilo* kilo* kilo},
    {"g", kibi* kibi* kibi},
    {"gib", kibi* kibi* kibi},
    {"tb", kilo* kilo* kilo* kilo},
    {"t", kibi* kibi* kibi* kibi},
    {"tib", kibi* kibi* kibi* kibi},
    {"pb", kilo* kilo* kilo* kilo* kilo},
    {"p", kibi* kibi* kibi* kibi* kibi},
    {"pib", kibi* kibi* kibi* kibi* kibi},
    {"eb", kilo* kilo* kilo* kilo* kilo* kilo},
    {"e", kibi* kibi* kibi* kibi* kibi* kibi},
    {"eib", kibi* kibi* kibi* kibi* kibi* kibi},
}};

} // namespace

Result<uint64_t> scaledToKiB(std::string_view number, std::string_view unit,
                             std::string_view what) {
    uint64_t value = 0;
    if (!parseUnsigned(trimmed(number), value))
        return failInvalid(std::format("{}: {} is not a whole number", what, quoted(number)));
    // No unit is KiB, as in libvirt, with the same bound as an explicit one: the stored
    // definition names the unit, and must parse back.
    std::string lower(unit.empty() ? std::string_view("KiB") : unit);
    std::ranges::transform(lower, lower.begin(),
                           [](char c) { return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c; });
    const auto scale = std::ranges::find(unitScales, std::string_view(lower), &UnitScale::name);
    if (scale == unitScales.end())
        return failInvalid(std::format("{}: unknown unit {} (use KiB, MiB, GiB, KB, MB, … or b)",
                                       what, quoted(unit)));
    uint64_t bytes = 0;
    // The KiB value must still fit in bytes when the cgroup writer converts it back.
    if (__builtin_mul_overflow(value, scale->bytes, &bytes) || bytes > UINT64_MAX - kibi)
        return failInvalid(std::format("{}: {} {} is too large", what, quoted(number), lower));
    return (bytes + kibi - 1) / kibi;
}

} // namespace cubby
