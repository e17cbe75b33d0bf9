#pragma once
// The named steps parent and child take between clone() and the container's exec(), and the
// failure report a child sends when a step fails. The report travels over a SOCK_SEQPACKET
// pair whose child end is close-on-exec: an end-of-file means init was executed.

#include <cstdint>

namespace cubby {

// The parent tells the child to go on once the child is in its cgroup and has id maps.
constexpr char syncParentConfigured = 'G';

struct ChildFailure {
    int32_t errnoValue = 0;
    int32_t reasonIncluded = 0; // the step text already says why (no errno text to add)
    char step[228] = {};        // what the child was doing, NUL-terminated
};

} // namespace cubby
