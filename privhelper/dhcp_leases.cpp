#include "dhcp_leases.h"

#include <charconv>
#include <sstream>

namespace cubby {

std::vector<DhcpLease> parseDnsmasqLeases(std::string_view text, int64_t now) {
    std::vector<DhcpLease> leases;
    std::istringstream lines{std::string(text)};
    std::string line;
    while (std::getline(lines, line)) {
        std::istringstream fields(line);
        std::string expiry;
        DhcpLease lease;
        if (!(fields >> expiry >> lease.mac >> lease.ip >> lease.hostname))
            continue; // "duid ..." (DHCPv6) and anything malformed
        fields >> lease.clientId;
        const auto parsed =
            std::from_chars(expiry.data(), expiry.data() + expiry.size(), lease.expiry);
        if (parsed.ec != std::errc() || parsed.ptr != expiry.data() + expiry.size())
            continue;
        if (lease.expiry != 0 && lease.expiry < now)
            continue;
        if (lease.hostname == "*")
            lease.hostname.clear();
        if (lease.clientId == "*")
            lease.clientId.clear();
        leases.push_back(std::move(lease));
    }
    return leases;
}

} // namespace cubby
