#pragma once
// Host id ranges for unprivileged containers. Each container without an <idmap> of its own
// gets 65536 uids and gids (root inside is the range's first id outside), allocated by the
// helper at define time from the pool systemd reserves for containers (524288–1879048191,
// systemd's UIDS-GIDS.md), skipping the ranges /etc/subuid and /etc/subgid give to users and
// the ranges other containers already have. The range is stored in the definition, so it
// stays the same across restarts of the container and of the helper.

#include "domain.h"
#include "error.h"

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace cubby {

inline constexpr uint64_t containerIdPoolStart = 524288;
inline constexpr uint64_t containerIdPoolEnd = 1879048192; // exclusive
inline constexpr uint32_t containerIdRangeSize = 65536;

struct HostIdRange {
    uint64_t start = 0;
    uint64_t count = 0;
    bool overlaps(const HostIdRange& other) const {
        return start < other.start + other.count && other.start < start + count;
    }
    bool operator==(const HostIdRange&) const = default;
};

// The ranges of an /etc/subuid or /etc/subgid file ("name:start:count" lines); lines that do
// not parse are skipped (shadow's tools skip them too).
std::vector<HostIdRange> parseSubordinateIds(std::string_view text);

// The host ids a definition's <idmap> uses (uids and gids alike: both must stay apart).
std::vector<HostIdRange> hostIdRanges(const Domain& domain);

// The lowest free range of `containerIdRangeSize` ids in the pool, aligned to its size.
Result<uint64_t> allocateContainerIds(std::span<const HostIdRange> taken);

// The map the helper gives: 0–65535 inside to base–base+65535 outside, for uids and gids.
IdMap containerIdMap(uint64_t base);

// True when `map` is exactly what containerIdMap() gives for some base in the pool.
bool isAllocatedIdMap(const IdMap& map);

} // namespace cubby
