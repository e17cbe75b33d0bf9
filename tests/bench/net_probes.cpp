#include "net_probes.h"

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <functional>
#include <net/if.h>
#include <netinet/icmp6.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/ip_icmp.h>
#include <poll.h>
#include <random>
#include <sys/socket.h>
#include <unistd.h>

namespace cubby::bench {

namespace {

constexpr uint8_t bootRequest = 1, bootReply = 2;
constexpr uint8_t optionMessageType = 53, optionEnd = 255;
constexpr uint8_t dhcpDiscover = 1, dhcpOffer = 2;
constexpr uint8_t magicCookie[4] = {99, 130, 83, 99};

// RFC 2131's fixed part; options follow the magic cookie.
struct [[gnu::packed]] BootpPacket {
    uint8_t op, htype, hlen, hops;
    uint32_t xid;
    uint16_t secs, flags;
    uint32_t ciaddr, yiaddr, siaddr, giaddr;
    uint8_t chaddr[16];
    char sname[64];
    char file[128];
    uint8_t cookie[4];
    uint8_t options[64];
};

uint32_t randomId() {
    std::random_device device;
    return device();
}

bool waitReadable(int fd, std::chrono::milliseconds timeout) {
    pollfd ready{fd, POLLIN, 0};
    return ::poll(&ready, 1, static_cast<int>(timeout.count())) > 0;
}

uint16_t checksum(const void* data, size_t length) {
    const auto* bytes = static_cast<const uint8_t*>(data);
    uint32_t sum = 0;
    for (size_t i = 0; i + 1 < length; i += 2)
        sum += static_cast<uint32_t>(bytes[i] << 8 | bytes[i + 1]);
    if (length % 2)
        sum += static_cast<uint32_t>(bytes[length - 1] << 8);
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return htons(static_cast<uint16_t>(~sum));
}

} // namespace

DhcpProbe::DhcpProbe(UniqueFd socket, const std::array<uint8_t, 6>& mac)
    : m_socket(std::move(socket))
    , m_mac(mac)
    , m_xid(randomId()) {}

Result<DhcpProbe> DhcpProbe::open(const NetNamespace& where, const std::string& device,
                                  const std::array<uint8_t, 6>& mac) {
    NetNamespaceGuard inside(where);
    CUBBY_CHECK(inside.status());
    UniqueFd socket(::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
    if (!socket)
        return fail(Error::system(errno, "DHCP probe socket"));
    const int one = 1;
    sockaddr_in local{};
    local.sin_family = AF_INET;
    local.sin_port = htons(68);
    if (::setsockopt(socket.get(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
        ::setsockopt(socket.get(), SOL_SOCKET, SO_BROADCAST, &one, sizeof one) != 0 ||
        ::setsockopt(socket.get(), SOL_SOCKET, SO_BINDTODEVICE, device.c_str(),
                     static_cast<socklen_t>(device.size())) != 0 ||
        ::bind(socket.get(), reinterpret_cast<const sockaddr*>(&local), sizeof local) != 0)
        return fail(Error::system(errno, "binding the DHCP probe to " + device + ":68"));
    return DhcpProbe(std::move(socket), mac);
}

Status DhcpProbe::sendDiscover() {
    BootpPacket packet{};
    packet.op = bootRequest;
    packet.htype = 1; // Ethernet
    packet.hlen = 6;
    packet.xid = m_xid;
    packet.flags = htons(0x8000); // broadcast the reply: this link has no address to send to
    std::memcpy(packet.chaddr, m_mac.data(), m_mac.size());
    std::memcpy(packet.cookie, magicCookie, sizeof magicCookie);
    const uint8_t options[] = {optionMessageType, 1, dhcpDiscover, optionEnd};
    std::memcpy(packet.options, options, sizeof options);
    sockaddr_in server{};
    server.sin_family = AF_INET;
    server.sin_port = htons(67);
    server.sin_addr.s_addr = INADDR_BROADCAST;
    if (::sendto(m_socket.get(), &packet, sizeof packet, 0,
                 reinterpret_cast<const sockaddr*>(&server), sizeof server) < 0)
        return fail(Error::system(errno, "sending a DHCP DISCOVER"));
    return {};
}

std::string DhcpProbe::awaitOffer(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        BootpPacket packet{};
        const ssize_t got = ::recv(m_socket.get(), &packet, sizeof packet, 0);
        if (got >= static_cast<ssize_t>(offsetof(BootpPacket, options) + 3) &&
            packet.op == bootReply && packet.xid == m_xid &&
            std::memcmp(packet.cookie, magicCookie, sizeof magicCookie) == 0) {
            const size_t optionBytes = static_cast<size_t>(got) - offsetof(BootpPacket, options);
            for (size_t i = 0; i + 2 < optionBytes && packet.options[i] != optionEnd;
                 i += 2 + packet.options[i + 1]) {
                if (packet.options[i] == optionMessageType && packet.options[i + 2] == dhcpOffer) {
                    char text[INET_ADDRSTRLEN] = {};
                    ::inet_ntop(AF_INET, &packet.yiaddr, text, sizeof text);
                    return text;
                }
            }
            continue;
        }
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (got >= 0)
            continue; // somebody else's packet
        if (left.count() <= 0 || !waitReadable(m_socket.get(), left))
            return {};
    }
}

PingProbe::PingProbe(UniqueFd socket, uint32_t address)
    : m_socket(std::move(socket))
    , m_address(address)
    , m_id(static_cast<uint16_t>(randomId())) {}

Result<PingProbe> PingProbe::open(const NetNamespace& where, const std::string& address) {
    in_addr target{};
    if (::inet_pton(AF_INET, address.c_str(), &target) != 1)
        return failInvalid("not an IPv4 address: " + address);
    NetNamespaceGuard inside(where);
    CUBBY_CHECK(inside.status());
    UniqueFd socket(::socket(AF_INET, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK, IPPROTO_ICMP));
    if (!socket)
        return fail(Error::system(errno, "raw ICMP socket"));
    return PingProbe(std::move(socket), target.s_addr);
}

Status PingProbe::sendEcho() {
    icmphdr echo{};
    echo.type = ICMP_ECHO;
    echo.un.echo.id = htons(m_id);
    echo.un.echo.sequence = htons(++m_sequence);
    echo.checksum = checksum(&echo, sizeof echo);
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_addr.s_addr = m_address;
    // EHOSTUNREACH while the neighbour is unresolved: that is an answer too (not yet).
    if (::sendto(m_socket.get(), &echo, sizeof echo, 0, reinterpret_cast<const sockaddr*>(&to),
                 sizeof to) < 0 &&
        errno != EHOSTUNREACH && errno != ENETUNREACH)
        return fail(Error::system(errno, "sending an ICMP echo"));
    return {};
}

bool PingProbe::awaitReply(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        uint8_t buffer[256];
        sockaddr_in from{};
        socklen_t fromLength = sizeof from;
        const ssize_t got = ::recvfrom(m_socket.get(), buffer, sizeof buffer, 0,
                                       reinterpret_cast<sockaddr*>(&from), &fromLength);
        if (got > 0) {
            const auto* ip = reinterpret_cast<const iphdr*>(buffer);
            const size_t headerLength = static_cast<size_t>(ip->ihl) * 4;
            if (static_cast<size_t>(got) >= headerLength + sizeof(icmphdr) &&
                from.sin_addr.s_addr == m_address) {
                icmphdr reply{};
                std::memcpy(&reply, buffer + headerLength, sizeof reply);
                if (reply.type == ICMP_ECHOREPLY && ntohs(reply.un.echo.id) == m_id)
                    return true;
            }
            continue;
        }
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0 || !waitReadable(m_socket.get(), left))
            return false;
    }
}

namespace {

// Errors that mean "the link or the address is not there yet": an answer too (not yet).
bool notYet(int error) {
    return error == EHOSTUNREACH || error == ENETUNREACH || error == EADDRNOTAVAIL ||
           error == ENETDOWN || error == ENXIO;
}

Result<UniqueFd> icmp6Socket(uint8_t passType) {
    UniqueFd socket(::socket(AF_INET6, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK, IPPROTO_ICMPV6));
    if (!socket)
        return fail(Error::system(errno, "raw ICMPv6 socket"));
    icmp6_filter filter;
    ICMP6_FILTER_SETBLOCKALL(&filter);
    ICMP6_FILTER_SETPASS(passType, &filter);
    if (::setsockopt(socket.get(), IPPROTO_ICMPV6, ICMP6_FILTER, &filter, sizeof filter) != 0)
        return fail(Error::system(errno, "ICMPv6 filter"));
    return socket;
}

// Reads what is queued until `accept` takes a message or `timeout` passes.
bool awaitIcmp6(int socket, std::chrono::milliseconds timeout,
                const std::function<bool(const sockaddr_in6&, const uint8_t*, size_t)>& accept) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        uint8_t buffer[1500];
        sockaddr_in6 from{};
        socklen_t fromLength = sizeof from;
        const ssize_t got = ::recvfrom(socket, buffer, sizeof buffer, 0,
                                       reinterpret_cast<sockaddr*>(&from), &fromLength);
        if (got > 0) {
            if (accept(from, buffer, static_cast<size_t>(got)))
                return true;
            continue;
        }
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0 || !waitReadable(socket, left))
            return false;
    }
}

} // namespace

RouterSolicitProbe::RouterSolicitProbe(UniqueFd socket, unsigned index)
    : m_socket(std::move(socket))
    , m_index(index) {}

Result<RouterSolicitProbe> RouterSolicitProbe::open(const NetNamespace& where,
                                                    const std::string& device) {
    NetNamespaceGuard inside(where);
    CUBBY_CHECK(inside.status());
    CUBBY_TRY(socket, icmp6Socket(ND_ROUTER_ADVERT));
    const unsigned index = ::if_nametoindex(device.c_str());
    const int hops = 255;
    if (index == 0 ||
        ::setsockopt(socket.get(), SOL_SOCKET, SO_BINDTODEVICE, device.c_str(),
                     static_cast<socklen_t>(device.size())) != 0 ||
        ::setsockopt(socket.get(), IPPROTO_IPV6, IPV6_MULTICAST_HOPS, &hops, sizeof hops) != 0 ||
        ::setsockopt(socket.get(), IPPROTO_IPV6, IPV6_MULTICAST_IF, &index, sizeof index) != 0)
        return fail(Error::system(errno, "setting up the router solicitation socket on " + device));
    return RouterSolicitProbe(std::move(socket), index);
}

Status RouterSolicitProbe::sendSolicit() {
    nd_router_solicit solicit{};
    solicit.nd_rs_type = ND_ROUTER_SOLICIT;
    sockaddr_in6 allRouters{};
    allRouters.sin6_family = AF_INET6;
    allRouters.sin6_scope_id = m_index;
    ::inet_pton(AF_INET6, "ff02::2", &allRouters.sin6_addr);
    if (::sendto(m_socket.get(), &solicit, sizeof solicit, 0,
                 reinterpret_cast<const sockaddr*>(&allRouters), sizeof allRouters) < 0 &&
        !notYet(errno))
        return fail(Error::system(errno, "sending a router solicitation"));
    return {};
}

bool RouterSolicitProbe::awaitAdvert(std::chrono::milliseconds timeout) {
    return awaitIcmp6(m_socket.get(), timeout,
                      [](const sockaddr_in6&, const uint8_t* data, size_t size) {
                          return size >= sizeof(nd_router_advert) && data[0] == ND_ROUTER_ADVERT;
                      });
}

Ping6Probe::Ping6Probe(UniqueFd socket, const std::array<uint8_t, 16>& address)
    : m_socket(std::move(socket))
    , m_address(address)
    , m_id(static_cast<uint16_t>(randomId())) {}

Result<Ping6Probe> Ping6Probe::open(const NetNamespace& where, const std::string& address) {
    std::array<uint8_t, 16> target{};
    if (::inet_pton(AF_INET6, address.c_str(), target.data()) != 1)
        return failInvalid("not an IPv6 address: " + address);
    NetNamespaceGuard inside(where);
    CUBBY_CHECK(inside.status());
    CUBBY_TRY(socket, icmp6Socket(ICMP6_ECHO_REPLY));
    return Ping6Probe(std::move(socket), target);
}

Status Ping6Probe::sendEcho() {
    icmp6_hdr echo{};
    echo.icmp6_type = ICMP6_ECHO_REQUEST;
    echo.icmp6_id = htons(m_id);
    echo.icmp6_seq = htons(++m_sequence);
    sockaddr_in6 to{};
    to.sin6_family = AF_INET6;
    std::memcpy(&to.sin6_addr, m_address.data(), m_address.size());
    if (::sendto(m_socket.get(), &echo, sizeof echo, 0, reinterpret_cast<const sockaddr*>(&to),
                 sizeof to) < 0 &&
        !notYet(errno))
        return fail(Error::system(errno, "sending an ICMPv6 echo"));
    return {};
}

bool Ping6Probe::awaitReply(std::chrono::milliseconds timeout) {
    return awaitIcmp6(
        m_socket.get(), timeout,
        [this](const sockaddr_in6& from, const uint8_t* data, size_t size) {
            icmp6_hdr reply{};
            if (size < sizeof reply || std::memcmp(&from.sin6_addr, m_address.data(), 16) != 0)
                return false;
            std::memcpy(&reply, data, sizeof reply);
            return reply.icmp6_type == ICMP6_ECHO_REPLY && ntohs(reply.icmp6_id) == m_id;
        });
}

} // namespace cubby::bench
