#include "cpuset.h"

#include "text.h"

#include <algorithm>
#include <format>
#include <set>

namespace cubby {

Result<std::vector<unsigned>> parseCpuset(std::string_view text, std::string_view what) {
    std::set<unsigned> included, excluded;
    const auto invalid = [&](std::string_view part) {
        return failInvalid(std::format("{}: {} in {} is not a CPU number, range (0-3) or "
                                       "exclusion (^2) up to {}",
                                       what, quoted(part), quoted(text), maxCpuNumber));
    };
    size_t start = 0;
    while (start <= text.size()) {
        size_t end = text.find(',', start);
        if (end == std::string_view::npos)
            end = text.size();
        std::string_view part = trimmed(text.substr(start, end - start));
        start = end + 1;
        const bool exclude = part.starts_with('^');
        if (exclude)
            part.remove_prefix(1);
        uint64_t first = 0, last = 0;
        const size_t dash = part.find('-');
        if (dash == std::string_view::npos) {
            if (!parseUnsigned(part, first))
                return invalid(part);
            last = first;
        } else if (exclude || !parseUnsigned(part.substr(0, dash), first) ||
                   !parseUnsigned(part.substr(dash + 1), last) || last < first) {
            return invalid(part);
        }
        if (last > maxCpuNumber)
            return invalid(part);
        for (uint64_t cpu = first; cpu <= last; ++cpu)
            (exclude ? excluded : included).insert(static_cast<unsigned>(cpu));
    }
    std::vector<unsigned> cpus;
    std::ranges::set_difference(included, excluded, std::back_inserter(cpus));
    if (cpus.empty())
        return failInvalid(std::format("{}: {} leaves no CPU to run on", what, quoted(text)));
    return cpus;
}

std::string formatCpuset(const std::vector<unsigned>& cpus) {
    std::string out;
    for (size_t i = 0; i < cpus.size();) {
        size_t j = i;
        while (j + 1 < cpus.size() && cpus[j + 1] == cpus[j] + 1)
            ++j;
        if (!out.empty())
            out += ',';
        out += j == i ? std::format("{}", cpus[i]) : std::format("{}-{}", cpus[i], cpus[j]);
        i = j + 1;
    }
    return out;
}

} // namespace cubby
