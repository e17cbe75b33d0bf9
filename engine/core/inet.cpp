#include "inet.h"

#include "text.h"

#include <algorithm>
#include <arpa/inet.h>
#include <format>

namespace cubby {

namespace {

// Clears every bit past `prefixLength`.
std::array<uint8_t, 16> masked(const std::array<uint8_t, 16>& bytes, unsigned prefixLength,
                               unsigned width) {
    std::array<uint8_t, 16> out{};
    for (unsigned bit = 0; bit < width && bit < prefixLength; ++bit)
        out[bit / 8] |= bytes[bit / 8] & (0x80 >> (bit % 8));
    return out;
}

} // namespace

Result<MacAddress> MacAddress::parse(std::string_view text, std::string_view what) {
    MacAddress mac;
    const auto invalid = [&] {
        return failInvalid(std::format(
            "{}: {} is not a MAC address (expected six hex pairs like 52:54:00:12:34:56)", what,
            quoted(text)));
    };
    if (text.size() != 17)
        return invalid();
    for (size_t i = 0; i < 6; ++i) {
        const int high = hexDigitValue(text[i * 3]);
        const int low = hexDigitValue(text[i * 3 + 1]);
        if (high < 0 || low < 0 || (i < 5 && text[i * 3 + 2] != ':'))
            return invalid();
        mac.octets[i] = static_cast<uint8_t>(high << 4 | low);
    }
    if (mac.octets[0] & 0x01)
        return failInvalid(std::format("{}: {} is a multicast address; an interface needs a "
                                       "unicast MAC (even first octet)",
                                       what, quoted(text)));
    if (mac == MacAddress{})
        return failInvalid(std::format("{}: {} is the all-zero MAC address", what, quoted(text)));
    return mac;
}

std::string MacAddress::toString() const {
    return std::format("{:02x}:{:02x}:{:02x}:{:02x}:{:02x}:{:02x}", octets[0], octets[1], octets[2],
                       octets[3], octets[4], octets[5]);
}

Result<IpAddress> IpAddress::parse(std::string_view text, std::string_view what) {
    // inet_pton needs a terminated string; also refuse anything long enough to be nonsense.
    if (text.empty() || text.size() > 45)
        return failInvalid(std::format("{}: {} is not an IP address", what, quoted(text)));
    const std::string terminated(text);
    IpAddress address;
    if (inet_pton(AF_INET, terminated.c_str(), address.bytes.data()) == 1) {
        address.family = IpFamily::V4;
        return address;
    }
    if (inet_pton(AF_INET6, terminated.c_str(), address.bytes.data()) == 1) {
        address.family = IpFamily::V6;
        return address;
    }
    return failInvalid(std::format("{}: {} is not an IP address", what, quoted(text)));
}

IpAddress slaacAddress(const IpPrefix& prefix, const MacAddress& mac) {
    IpAddress address = prefix.network().address;
    address.family = IpFamily::V6;
    const auto& m = mac.octets;
    const uint8_t identifier[8] = {
        static_cast<uint8_t>(m[0] ^ 0x02), m[1], m[2], 0xff, 0xfe, m[3], m[4], m[5]};
    std::copy(std::begin(identifier), std::end(identifier), address.bytes.begin() + 8);
    return address;
}

IpAddress IpAddress::v4(uint32_t hostOrder) {
    IpAddress address;
    address.bytes[0] = static_cast<uint8_t>(hostOrder >> 24);
    address.bytes[1] = static_cast<uint8_t>(hostOrder >> 16);
    address.bytes[2] = static_cast<uint8_t>(hostOrder >> 8);
    address.bytes[3] = static_cast<uint8_t>(hostOrder);
    return address;
}

uint32_t IpAddress::v4HostOrder() const {
    return uint32_t{bytes[0]} << 24 | uint32_t{bytes[1]} << 16 | uint32_t{bytes[2]} << 8 | bytes[3];
}

std::string IpAddress::toString() const {
    char buffer[INET6_ADDRSTRLEN] = {};
    inet_ntop(family == IpFamily::V4 ? AF_INET : AF_INET6, bytes.data(), buffer, sizeof buffer);
    return buffer;
}

Result<IpPrefix> IpPrefix::parse(std::string_view text, std::string_view what) {
    const size_t slash = text.find('/');
    if (slash == std::string_view::npos)
        return failInvalid(std::format("{}: {} is not a subnet in CIDR form (like 10.0.0.0/24)",
                                       what, quoted(text)));
    auto address = IpAddress::parse(text.substr(0, slash), what);
    if (!address)
        return fail(address.error());
    uint64_t length = 0;
    if (!parseUnsigned(text.substr(slash + 1), length) || length > address->bitWidth())
        return failInvalid(std::format("{}: {} has a prefix length outside 0–{}", what,
                                       quoted(text), address->bitWidth()));
    return IpPrefix{*address, static_cast<unsigned>(length)};
}

IpPrefix IpPrefix::network() const {
    IpPrefix out = *this;
    out.address.bytes = masked(address.bytes, prefixLength, address.bitWidth());
    return out;
}

bool IpPrefix::contains(const IpAddress& other) const {
    return other.family == address.family &&
           masked(other.bytes, prefixLength, address.bitWidth()) ==
               masked(address.bytes, prefixLength, address.bitWidth());
}

bool IpPrefix::overlaps(const IpPrefix& other) const {
    if (other.address.family != address.family)
        return false;
    // Two prefixes overlap exactly when the shorter one contains the other's network.
    return prefixLength <= other.prefixLength ? contains(other.address) : other.contains(address);
}

std::optional<IpAddress> IpPrefix::broadcastV4() const {
    if (address.family != IpFamily::V4 || prefixLength >= 31)
        return std::nullopt;
    const uint32_t hostMask = prefixLength == 0 ? 0xFFFFFFFFu : (0xFFFFFFFFu >> prefixLength);
    return IpAddress::v4(address.v4HostOrder() | hostMask);
}

std::string IpPrefix::toString() const {
    return std::format("{}/{}", address.toString(), prefixLength);
}

Result<unsigned> prefixLengthFromNetmask(std::string_view netmask, std::string_view what) {
    auto mask = IpAddress::parse(netmask, what);
    if (!mask)
        return fail(mask.error());
    if (mask->family != IpFamily::V4)
        return failInvalid(std::format("{}: {} is not an IPv4 netmask", what, quoted(netmask)));
    const uint32_t bits = mask->v4HostOrder();
    const uint32_t inverted = ~bits;
    // A contiguous mask is ones followed by zeros: its complement plus one is a power of two.
    if ((inverted & (inverted + 1)) != 0)
        return failInvalid(
            std::format("{}: {} is not a contiguous netmask", what, quoted(netmask)));
    return static_cast<unsigned>(__builtin_popcount(bits));
}

IpAddress netmaskFromPrefixLength(unsigned prefixLength) {
    return IpAddress::v4(prefixLength == 0 ? 0 : 0xFFFFFFFFu << (32 - prefixLength));
}

std::string_view familyName(IpFamily family) {
    return family == IpFamily::V4 ? "ipv4" : "ipv6";
}

} // namespace cubby
