#include "netns_fixture.h"

#include "netlink.h"
#include "sysctl.h"

#include <arpa/inet.h>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <format>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace cubby::test {

namespace {

Status configure(const NetNamespace& where, const char* device, const char* address,
                 const char* address6) {
    NetNamespaceGuard inside(where);
    CUBBY_CHECK(inside.status());
    CUBBY_TRY(socket, NetlinkSocket::open());
    CUBBY_CHECK(socket.setUp("lo"));
    CUBBY_TRY(prefix, IpPrefix::parse(std::string(address) + "/24", "test address"));
    CUBBY_CHECK(socket.addAddress(device, prefix));
    // No duplicate address detection on the test's own link: the address is usable at once.
    CUBBY_CHECK(writeSysctl(std::format("net/ipv6/conf/{}/accept_dad", device), "0"));
    CUBBY_TRY(prefix6, IpPrefix::parse(std::string(address6) + "/64", "test address"));
    CUBBY_CHECK(socket.addAddress(device, prefix6));
    return socket.setUp(device);
}

// An IPv4 or IPv6 socket address, by whether the text has a ':'.
std::pair<sockaddr_storage, socklen_t> socketAddress(const std::string& address, uint16_t port) {
    sockaddr_storage out{};
    if (address.find(':') != std::string::npos) {
        auto* v6 = reinterpret_cast<sockaddr_in6*>(&out);
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons(port);
        inet_pton(AF_INET6, address.c_str(), &v6->sin6_addr);
        return {out, sizeof(sockaddr_in6)};
    }
    auto* v4 = reinterpret_cast<sockaddr_in*>(&out);
    v4->sin_family = AF_INET;
    v4->sin_port = htons(port);
    inet_pton(AF_INET, address.c_str(), &v4->sin_addr);
    return {out, sizeof(sockaddr_in)};
}

std::string peerText(const sockaddr_storage& peer) {
    char text[INET6_ADDRSTRLEN] = {};
    if (peer.ss_family == AF_INET6)
        inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(&peer)->sin6_addr, text,
                  sizeof text);
    else
        inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(&peer)->sin_addr, text,
                  sizeof text);
    return text;
}

} // namespace

Result<HostAndUplink> HostAndUplink::create() {
    CUBBY_TRY(host, NetNamespace::create());
    CUBBY_TRY(uplink, NetNamespace::create());
    {
        NetNamespaceGuard inside(host);
        CUBBY_CHECK(inside.status());
        CUBBY_TRY(socket, NetlinkSocket::open());
        CUBBY_CHECK(socket.createVethPair(hostUplinkDevice, "lan0", uplink.fd()));
    }
    CUBBY_CHECK(configure(host, hostUplinkDevice, hostAddress, hostAddress6));
    CUBBY_CHECK(configure(uplink, "lan0", uplinkAddress, uplinkAddress6));
    {
        // The laptop's IPv6 default route, as its router would advertise it.
        NetNamespaceGuard inside(host);
        CUBBY_CHECK(inside.status());
        CUBBY_TRY(socket, NetlinkSocket::open());
        CUBBY_TRY(anywhere, IpPrefix::parse("::/0", "default route"));
        CUBBY_TRY(router, IpAddress::parse(uplinkAddress6, "router"));
        CUBBY_CHECK(socket.addRoute(anywhere, router, hostUplinkDevice));
    }
    return HostAndUplink{std::move(host), std::move(uplink)};
}

EchoServer::EchoServer(const NetNamespace& where, std::string address, uint16_t port)
    : m_address(std::move(address))
    , m_port(port) {
    if (::pipe2(m_stopPipe, O_CLOEXEC) != 0) {
        m_failure = std::strerror(errno);
        m_state = 2;
        return;
    }
    m_thread = std::thread([this, &where] { serve(where); });
}

EchoServer::~EchoServer() {
    if (m_stopPipe[1] >= 0)
        (void)::write(m_stopPipe[1], "x", 1);
    if (m_thread.joinable())
        m_thread.join();
    for (int fd : m_stopPipe) {
        if (fd >= 0)
            ::close(fd);
    }
}

std::string EchoServer::waitUntilListening() {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (m_state == 0 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    if (m_state == 1)
        return {};
    return m_failure.empty() ? "timed out" : m_failure;
}

void EchoServer::serve(const NetNamespace& where) {
    NetNamespaceGuard inside(where);
    const auto failWith = [this](std::string what) {
        m_failure = what + ": " + std::strerror(errno);
        m_state = 2;
    };
    if (!inside.status()) {
        m_failure = inside.status().error().message;
        m_state = 2;
        return;
    }
    const auto [bindTo, bindLength] = socketAddress(m_address, m_port);
    const int listener = ::socket(bindTo.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    const int one = 1;
    ::setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    // The test's addresses may still be tentative for a moment after the link came up (the
    // kernel applies a veth's carrier asynchronously, up to a second later), and bind() then
    // fails: bind anyway (IPv6 sockets honour IP_FREEBIND too); clients get through as soon
    // as the address is usable.
    ::setsockopt(listener, SOL_IP, IP_FREEBIND, &one, sizeof one);
    if (::bind(listener, reinterpret_cast<const sockaddr*>(&bindTo), bindLength) != 0 ||
        ::listen(listener, 16) != 0) {
        failWith("bind/listen");
        ::close(listener);
        return;
    }
    m_state = 1;
    for (;;) {
        pollfd fds[2] = {{listener, POLLIN, 0}, {m_stopPipe[0], POLLIN, 0}};
        if (::poll(fds, 2, -1) < 0 && errno != EINTR)
            break;
        if (fds[1].revents)
            break;
        if (!(fds[0].revents & POLLIN))
            continue;
        sockaddr_storage peer{};
        socklen_t peerLength = sizeof peer;
        const int client =
            ::accept4(listener, reinterpret_cast<sockaddr*>(&peer), &peerLength, SOCK_CLOEXEC);
        if (client < 0)
            continue;
        std::string line;
        char c = 0;
        while (::read(client, &c, 1) == 1 && c != '\n')
            line += c;
        const std::string reply = peerText(peer) + " " + line + "\n";
        (void)::write(client, reply.data(), reply.size());
        ::close(client);
    }
    ::close(listener);
}

std::string tcpRoundTrip(const std::string& address, uint16_t port, const std::string& line) {
    const auto [to, toLength] = socketAddress(address, port);
    const int fd = ::socket(to.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    timeval timeout{5, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    if (::connect(fd, reinterpret_cast<const sockaddr*>(&to), toLength) != 0) {
        const std::string error = std::string("error: connect: ") + std::strerror(errno);
        ::close(fd);
        return error;
    }
    const std::string request = line + "\n";
    (void)::write(fd, request.data(), request.size());
    std::string reply;
    char c = 0;
    while (::read(fd, &c, 1) == 1 && c != '\n')
        reply += c;
    ::close(fd);
    return reply;
}

} // namespace cubby::test
