#pragma once
// Linux capability names as libvirt's <features><capabilities> writes them (lower case,
// without the CAP_ prefix), with their numbers for the controller's bounding-set drop.

#include <optional>
#include <span>
#include <string_view>

namespace cubby {

struct CapabilityName {
    std::string_view name;
    int number;
};

std::span<const CapabilityName> knownCapabilities();
std::optional<int> capabilityNumber(std::string_view name);

} // namespace cubby
