#pragma once
// Root-tier fixtures. Every test makes its own network namespaces; nothing touches the
// machine's real network, and everything is gone when the fixture objects are destroyed.
//
//   host    stands in for the laptop: uplink0 198.51.100.2/24, 2001:db8:100::2/64 (IPv6
//                                             default route via ::1)
//   uplink  stands in for the LAN:    lan0    198.51.100.1/24 (TEST-NET-2, never routed),
//                                             2001:db8:100::1/64 (documentation prefix)

#include "error.h"
#include "netns.h"

#include <atomic>
#include <optional>
#include <string>
#include <thread>

namespace cubby::test {

struct HostAndUplink {
    static constexpr const char* hostAddress = "198.51.100.2";
    static constexpr const char* uplinkAddress = "198.51.100.1";
    static constexpr const char* hostUplinkDevice = "uplink0";
    static constexpr const char* hostAddress6 = "2001:db8:100::2";
    static constexpr const char* uplinkAddress6 = "2001:db8:100::1";

    static Result<HostAndUplink> create();

    NetNamespace host;
    NetNamespace uplink;
};

// A TCP server inside a namespace that answers each line with "<peer address> <line>", so a
// test can see both that traffic arrives and from which address (masquerade checks). IPv4
// or IPv6, by the address it listens on; tcpRoundTrip likewise.
class EchoServer {
public:
    EchoServer(const NetNamespace& where, std::string address, uint16_t port);
    ~EchoServer();
    EchoServer(const EchoServer&) = delete;
    EchoServer& operator=(const EchoServer&) = delete;

    // Empty when listening; otherwise why it could not.
    std::string waitUntilListening();

private:
    void serve(const NetNamespace& where);

    std::string m_address;
    uint16_t m_port;
    int m_stopPipe[2] = {-1, -1};
    std::atomic<int> m_state{0}; // 0 starting, 1 listening, 2 failed
    std::string m_failure;
    std::thread m_thread;
};

// Connects from the calling thread's current namespace, sends `line` and returns the reply
// (or an error text starting with "error:").
std::string tcpRoundTrip(const std::string& address, uint16_t port, const std::string& line);

} // namespace cubby::test
