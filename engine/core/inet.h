#pragma once
// MAC addresses, IPv4/IPv6 addresses and subnets: parsing, formatting and the arithmetic the
// network planner needs (containment, overlap, host addresses).

#include "error.h"

#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cubby {

struct MacAddress {
    std::array<uint8_t, 6> octets{};

    // Six colon-separated hex pairs; multicast (group bit set) and all-zero addresses are
    // refused because a container interface cannot use them.
    static Result<MacAddress> parse(std::string_view text, std::string_view what);
    std::string toString() const; // lower-case, colon-separated
    auto operator<=>(const MacAddress&) const = default;
};

enum class IpFamily { V4, V6 };

struct IpAddress {
    IpFamily family = IpFamily::V4;
    std::array<uint8_t, 16> bytes{}; // IPv4 uses the first four, network byte order

    static Result<IpAddress> parse(std::string_view text, std::string_view what);
    static IpAddress v4(uint32_t hostOrder);
    std::string toString() const;
    unsigned bitWidth() const { return family == IpFamily::V4 ? 32 : 128; }
    uint32_t v4HostOrder() const; // only for V4
    auto operator<=>(const IpAddress&) const = default;
};

// An address with a prefix length: a subnet when the host bits are zero, an interface
// address otherwise (as in <ip address='192.168.122.1' prefix='24'/>).
struct IpPrefix {
    IpAddress address;
    unsigned prefixLength = 0;

    // "10.0.0.0/24" or "fd00::/64"
    static Result<IpPrefix> parse(std::string_view text, std::string_view what);
    IpPrefix network() const; // host bits cleared
    bool contains(const IpAddress& other) const;
    bool overlaps(const IpPrefix& other) const;
    std::optional<IpAddress> broadcastV4() const; // for IPv4 prefixes shorter than /31
    std::string toString() const;                 // "address/prefix"
    auto operator<=>(const IpPrefix&) const = default;
};

// "255.255.255.0" → 24; fails for non-contiguous masks.
Result<unsigned> prefixLengthFromNetmask(std::string_view netmask, std::string_view what);
IpAddress netmaskFromPrefixLength(unsigned prefixLength); // IPv4 only

// The address a host with `mac` makes for itself from an advertised /64 by SLAAC with the
// modified EUI-64 interface identifier (RFC 4291 appendix A): the MAC split by ff:fe, with the
// universal/local bit flipped. Only the prefix's first 64 bits are used.
IpAddress slaacAddress(const IpPrefix& prefix, const MacAddress& mac);

std::string_view familyName(IpFamily family); // "ipv4" / "ipv6", as libvirt writes them

} // namespace cubby
