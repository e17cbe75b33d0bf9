#pragma once
// dnsmasq's lease file (var/lib/cubby/networks/NAME/dnsmasq.leases), one IPv4 lease a line:
//   EXPIRY MAC IP HOSTNAME CLIENT-ID
// with EXPIRY in seconds since the epoch (0: never) and '*' for an unknown hostname or client
// id. dnsmasq rewrites the file whenever a lease changes, so reading it is enough; leases that
// have run out are left out.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cubby {

struct DhcpLease {
    int64_t expiry = 0; // seconds since the epoch; 0: never expires
    std::string mac;
    std::string ip;
    std::string hostname; // empty when the client sent none
    std::string clientId;
    bool operator==(const DhcpLease&) const = default;
};

std::vector<DhcpLease> parseDnsmasqLeases(std::string_view text, int64_t now);

} // namespace cubby
