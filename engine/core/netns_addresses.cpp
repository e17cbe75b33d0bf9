#include "netns_addresses.h"

#include "text.h"

#include <algorithm>

namespace cubby {

namespace {

// Each line of `text`, without its newline.
template <class Visit>
void forEachLine(std::string_view text, Visit visit) {
    while (!text.empty()) {
        const size_t end = text.find('\n');
        visit(text.substr(0, end));
        if (end == std::string_view::npos)
            break;
        text.remove_prefix(end + 1);
    }
}

// The whitespace-separated fields of a line (if_inet6 has six).
std::vector<std::string_view> fields(std::string_view line) {
    std::vector<std::string_view> out;
    size_t start = line.find_first_not_of(" \t");
    while (start != std::string_view::npos) {
        const size_t end = line.find_first_of(" \t", start);
        out.push_back(line.substr(start, end - start));
        start = line.find_first_not_of(" \t", end == std::string_view::npos ? line.size() : end);
    }
    return out;
}

// Flags of if_inet6's fifth field that make an address unusable yet.
constexpr unsigned tentative = 0x40;
constexpr unsigned dadFailed = 0x08;

} // namespace

std::vector<IpAddress> globalIpv6Addresses(std::string_view ifInet6) {
    std::vector<IpAddress> out;
    forEachLine(ifInet6, [&](std::string_view line) {
        const auto parts = fields(line);
        // ADDRESS(32 hex) IFINDEX PREFIXLEN SCOPE FLAGS NAME
        if (parts.size() != 6 || parts[0].size() != 32 || parts[3] != "00")
            return;
        int flags = 0;
        for (const char c : parts[4]) {
            const int digit = hexDigitValue(c);
            if (digit < 0 || parts[4].size() > 2)
                return;
            flags = flags * 16 + digit;
        }
        if (flags & (tentative | dadFailed))
            return;
        IpAddress address;
        address.family = IpFamily::V6;
        for (size_t i = 0; i < 16; ++i) {
            const int high = hexDigitValue(parts[0][2 * i]);
            const int low = hexDigitValue(parts[0][2 * i + 1]);
            if (high < 0 || low < 0)
                return;
            address.bytes[i] = static_cast<uint8_t>(high * 16 + low);
        }
        out.push_back(address);
    });
    return out;
}

std::vector<IpAddress> localIpv4Addresses(std::string_view fibTrie) {
    std::vector<IpAddress> out;
    std::string_view lastLeaf; // the "|-- A.B.C.D" line's address before its attributes
    forEachLine(fibTrie, [&](std::string_view line) {
        const std::string_view text = trimmed(line);
        if (text.starts_with("|-- ")) {
            lastLeaf = text.substr(4);
            return;
        }
        if (text != "/32 host LOCAL" || lastLeaf.empty())
            return;
        const auto address = IpAddress::parse(lastLeaf, "fib_trie");
        if (!address || address->family != IpFamily::V4 || address->bytes[0] == 127)
            return;
        if (std::ranges::find(out, *address) == out.end())
            out.push_back(*address);
    });
    return out;
}

} // namespace cubby
