#pragma once
// The two questions the network benchmark asks over and over, each answered by one packet:
// does a DHCP server answer on this link (a DISCOVER, and its OFFER), and does this address
// answer ping (an ICMP echo). Sockets are opened in a given network namespace and then used
// from any thread, so a probe can run while another thread starts the network.

#include "error.h"
#include "netns.h"
#include "unique_fd.h"

#include <array>
#include <chrono>
#include <cstdint>
#include <string>

namespace cubby::bench {

class DhcpProbe {
public:
    // A UDP socket on port 68 bound to `device` in `where`; `mac` goes in chaddr.
    static Result<DhcpProbe> open(const NetNamespace& where, const std::string& device,
                                  const std::array<uint8_t, 6>& mac);

    // Broadcasts a DISCOVER (with the broadcast flag, since the link has no address yet).
    Status sendDiscover();
    // Waits up to `timeout` for an OFFER to our transaction; the offered address, or empty.
    std::string awaitOffer(std::chrono::milliseconds timeout);

private:
    explicit DhcpProbe(UniqueFd socket, const std::array<uint8_t, 6>& mac);
    UniqueFd m_socket;
    std::array<uint8_t, 6> m_mac;
    uint32_t m_xid;
};

class PingProbe {
public:
    // A raw ICMP socket in `where`, pinging `address`.
    static Result<PingProbe> open(const NetNamespace& where, const std::string& address);

    Status sendEcho();
    // Waits up to `timeout` for an echo reply from the address.
    bool awaitReply(std::chrono::milliseconds timeout);

private:
    PingProbe(UniqueFd socket, uint32_t address);
    UniqueFd m_socket;
    uint32_t m_address; // network order
    uint16_t m_id;
    uint16_t m_sequence = 0;
};

// IPv6: does a router answer a router solicitation on this link, and does an IPv6 address
// answer ping.
class RouterSolicitProbe {
public:
    // A raw ICMPv6 socket bound to `device` in `where`, hop limit 255 (what routers require
    // of neighbour discovery), receiving router advertisements only.
    static Result<RouterSolicitProbe> open(const NetNamespace& where, const std::string& device);

    // To all routers (ff02::2). Before the link has carrier and an address this sends nothing.
    Status sendSolicit();
    // Waits up to `timeout` for a router advertisement.
    bool awaitAdvert(std::chrono::milliseconds timeout);

private:
    RouterSolicitProbe(UniqueFd socket, unsigned index);
    UniqueFd m_socket;
    unsigned m_index;
};

class Ping6Probe {
public:
    static Result<Ping6Probe> open(const NetNamespace& where, const std::string& address);

    Status sendEcho();
    bool awaitReply(std::chrono::milliseconds timeout);

private:
    Ping6Probe(UniqueFd socket, const std::array<uint8_t, 16>& address);
    UniqueFd m_socket;
    std::array<uint8_t, 16> m_address;
    uint16_t m_id;
    uint16_t m_sequence = 0;
};

} // namespace cubby::bench
