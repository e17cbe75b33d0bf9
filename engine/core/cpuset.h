#pragma once
// The cpuset syntax of <vcpu cpuset='0-3,^2,6'/>: ranges, singles and exclusions.

#include "error.h"

#include <string>
#include <string_view>
#include <vector>

namespace cubby {

constexpr unsigned maxCpuNumber = 8191; // the kernel's largest NR_CPUS

// Returns the sorted CPU numbers; an empty result (everything excluded) is an error.
Result<std::vector<unsigned>> parseCpuset(std::string_view text, std::string_view what);
// "0-2,6": the canonical form cgroup's cpuset.cpus accepts.
std::string formatCpuset(const std::vector<unsigned>& cpus);

} // namespace cubby
