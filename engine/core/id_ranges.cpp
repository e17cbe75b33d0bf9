#include "id_ranges.h"

#include "text.h"

#include <algorithm>
#include <format>

namespace cubby {

std::vector<HostIdRange> parseSubordinateIds(std::string_view text) {
    std::vector<HostIdRange> ranges;
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string_view::npos)
            end = text.size();
        const std::string_view line = text.substr(start, end - start);
        start = end + 1;
        const size_t first = line.find(':');
        const size_t second = first == std::string_view::npos ? first : line.find(':', first + 1);
        if (second == std::string_view::npos)
            continue;
        uint64_t from = 0, count = 0;
        if (parseUnsigned(trimmed(line.substr(first + 1, second - first - 1)), from) &&
            parseUnsigned(trimmed(line.substr(second + 1)), count) && count > 0)
            ranges.push_back({from, count});
    }
    return ranges;
}

std::vector<HostIdRange> hostIdRanges(const Domain& domain) {
    std::vector<HostIdRange> ranges;
    if (!domain.idmap)
        return ranges;
    for (const auto* list : {&domain.idmap->uids, &domain.idmap->gids}) {
        for (const auto& range : *list)
            ranges.push_back({range.target, range.count});
    }
    return ranges;
}

Result<uint64_t> allocateContainerIds(std::span<const HostIdRange> taken) {
    for (uint64_t base = containerIdPoolStart; base + containerIdRangeSize <= containerIdPoolEnd;) {
        const HostIdRange candidate{base, containerIdRangeSize};
        uint64_t next = base;
        for (const auto& used : taken) {
            if (candidate.overlaps(used))
                next = std::max(next, used.start + used.count);
        }
        if (next == base)
            return base;
        // Past the range in the way, on the next boundary.
        base = (next + containerIdRangeSize - 1) / containerIdRangeSize * containerIdRangeSize;
    }
    return fail(
        Error::of(ErrorKind::Conflict,
                  std::format("no free range of {} ids is left in the container pool "
                              "{}–{}",
                              containerIdRangeSize, containerIdPoolStart, containerIdPoolEnd - 1)));
}

IdMap containerIdMap(uint64_t base) {
    const IdMapRange range{0, static_cast<uint32_t>(base), containerIdRangeSize};
    return IdMap{{range}, {range}};
}

bool isAllocatedIdMap(const IdMap& map) {
    if (map.uids.size() != 1 || map.uids != map.gids)
        return false;
    const IdMapRange& range = map.uids.front();
    return range.start == 0 && range.count == containerIdRangeSize &&
           range.target % containerIdRangeSize == 0 && range.target >= containerIdPoolStart &&
           range.target + uint64_t(range.count) <= containerIdPoolEnd;
}

} // namespace cubby
