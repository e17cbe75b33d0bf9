#include "identity.h"

#include "text.h"

#include <format>
#include <optional>
#include <vector>

namespace cubby {

namespace {

// The colon-separated fields of the line whose first field is `name` (or whose third field
// is `name` when `byNumber`).
std::optional<std::vector<std::string_view>> findEntry(std::string_view database,
                                                       std::string_view key, bool byNumber) {
    size_t start = 0;
    while (start < database.size()) {
        size_t end = database.find('\n', start);
        if (end == std::string_view::npos)
            end = database.size();
        const std::string_view line = database.substr(start, end - start);
        start = end + 1;
        std::vector<std::string_view> fields;
        size_t fieldStart = 0;
        while (fieldStart <= line.size()) {
            size_t colon = line.find(':', fieldStart);
            if (colon == std::string_view::npos)
                colon = line.size();
            fields.push_back(line.substr(fieldStart, colon - fieldStart));
            fieldStart = colon + 1;
        }
        if (fields.size() >= 4 && fields[byNumber ? 2 : 0] == key)
            return fields;
    }
    return std::nullopt;
}

std::optional<uint32_t> asNumber(std::string_view text) {
    uint64_t value = 0;
    if (!parseUnsigned(text, value) || value > UINT32_MAX - 1)
        return std::nullopt;
    return static_cast<uint32_t>(value);
}

} // namespace

Result<ResolvedIdentity> resolveIdentity(std::string_view passwd, std::string_view group,
                                         std::string_view user, std::string_view groupName) {
    ResolvedIdentity identity;
    const std::string_view who = user.empty() ? "0" : user;
    const bool numeric = asNumber(who).has_value();
    if (const auto entry = findEntry(passwd, who, numeric)) {
        const auto uid = asNumber((*entry)[2]);
        const auto gid = asNumber((*entry)[3]);
        if (!uid || !gid)
            return failInvalid(
                std::format("/etc/passwd: the entry for {} has no valid uid/gid", quoted(who)));
        identity.uid = *uid;
        identity.gid = *gid;
        if (entry->size() >= 6 && !(*entry)[5].empty())
            identity.home = std::string((*entry)[5]);
    } else if (numeric) {
        identity.uid = identity.gid = *asNumber(who);
    } else {
        return fail(Error::of(
            ErrorKind::NotFound,
            std::format("/domain/os/inituser: the container has no user {}", quoted(who))));
    }
    if (!groupName.empty()) {
        const bool groupNumeric = asNumber(groupName).has_value();
        if (const auto entry = findEntry(group, groupName, groupNumeric)) {
            const auto gid = asNumber((*entry)[2]);
            if (!gid)
                return failInvalid(std::format("/etc/group: the entry for {} has no valid gid",
                                               quoted(groupName)));
            identity.gid = *gid;
        } else if (groupNumeric) {
            identity.gid = *asNumber(groupName);
        } else {
            return fail(Error::of(ErrorKind::NotFound,
                                  std::format("/domain/os/initgroup: the container has no group {}",
                                              quoted(groupName))));
        }
    }
    return identity;
}

} // namespace cubby
