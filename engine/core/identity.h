#pragma once
// Resolving init's user and group from the container's own /etc/passwd and /etc/group, done
// by the controller before clone() so the child only applies numbers.

#include "error.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace cubby {

struct ResolvedIdentity {
    uint32_t uid = 0;
    uint32_t gid = 0;
    std::string home = "/";
    bool operator==(const ResolvedIdentity&) const = default;
};

// `user`/`group` are names or numbers; empty user means root, empty group means the user's
// primary group. A number that is not in passwd is used as is (with gid = uid).
Result<ResolvedIdentity> resolveIdentity(std::string_view passwd, std::string_view group,
                                         std::string_view user, std::string_view groupName);

} // namespace cubby
