#include "netns_fixture.h"

#include "netlink.h"

#include <arpa/inet.h>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace cubby::test {

namespace {

Status configure(const NetNamespace& where, const char* device, const char* address) {
    NetNamespaceGuard inside(where);
    CUBBY_CHECK(inside.status());
    CUBBY_TRY(socket, NetlinkSocket::open());
    CUBBY_CHECK(socket.setUp("lo"));
    CUBBY_TRY(prefix, IpPrefix::parse(std::string(address) + "/24", "test address"));
    CUBBY_CHECK(socket.addAddress(device, prefix));
    return socket.setUp(device);
}

sockaddr_in socketAddress(const std::string& address, uint16_t port) {
    sockaddr_in out{};
    out.sin_family = AF_INET;
    out.sin_port = htons(port);
    inet_pton(AF_INET, address.c_str(), &out.sin_addr);
    return out;
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
    CUBBY_CHECK(configure(host, hostUplinkDevice, hostAddress));
    CUBBY_CHECK(configure(uplink, "lan0", uplinkAddress));
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
    const int listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    const int one = 1;
    ::setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    const sockaddr_in bindTo = socketAddress(m_address, m_port);
    if (::bind(listener, reinterpret_cast<const sockaddr*>(&bindTo), sizeof bindTo) != 0 ||
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
        sockaddr_in peer{};
        socklen_t peerLength = sizeof peer;
        const int client =
            ::accept4(listener, reinterpret_cast<sockaddr*>(&peer), &peerLength, SOCK_CLOEXEC);
        if (client < 0)
            continue;
        char peerText[INET_ADDRSTRLEN] = {};
        inet_ntop(AF_INET, &peer.sin_addr, peerText, sizeof peerText);
        std::string line;
        char c = 0;
        while (::read(client, &c, 1) == 1 && c != '\n')
            line += c;
        const std::string reply = std::string(peerText) + " " + line + "\n";
        (void)::write(client, reply.data(), reply.size());
        ::close(client);
    }
    ::close(listener);
}

std::string tcpRoundTrip(const std::string& address, uint16_t port, const std::string& line) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    const sockaddr_in to = socketAddress(address, port);
    timeval timeout{5, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    if (::connect(fd, reinterpret_cast<const sockaddr*>(&to), sizeof to) != 0) {
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
