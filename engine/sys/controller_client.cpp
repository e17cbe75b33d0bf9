#include "controller_client.h"

#include "fd_passing.h"
#include <cerrno>

#include <format>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>

namespace cubby {

Result<ControllerClient> ControllerClient::connect(const std::string& socketPath) {
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    if (socketPath.size() >= sizeof address.sun_path)
        return failInvalid(std::format("the socket path {} is too long", socketPath));
    socketPath.copy(address.sun_path, socketPath.size());
    UniqueFd fd(::socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0));
    if (!fd ||
        ::connect(fd.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0)
        return fail(Error::system(errno, std::format("connecting to {}", socketPath)));
    return ControllerClient(std::move(fd));
}

namespace {

// Waits until `fd` is readable or `deadline` passed. A signal for the caller (SIGCHLD of some
// other child, in a program whose handlers are installed without SA_RESTART, as Qt's are) is
// no reason to give up: it waits out the rest.
Status waitForPacket(int fd, std::chrono::steady_clock::time_point deadline) {
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        pollfd ready{fd, POLLIN, 0};
        const int polled = ::poll(&ready, 1, static_cast<int>(std::max<long>(left.count(), 0)));
        if (polled > 0)
            return {};
        if (polled == 0)
            return fail(Error::system(ETIMEDOUT, "waiting for the controller"));
        if (errno != EINTR)
            return fail(Error::system(errno, "waiting for the controller"));
    }
}

} // namespace

Status ControllerClient::send(ControlMessage type, std::string_view payload) {
    const std::string packet = encodeControl(type, payload);
    if (::send(m_fd.get(), packet.data(), packet.size(), MSG_NOSIGNAL) !=
        static_cast<ssize_t>(packet.size()))
        return fail(Error::system(errno, "sending to the controller"));
    return {};
}

Result<std::string> ControllerClient::receive(std::chrono::milliseconds timeout) {
    if (!m_pending.empty()) {
        std::string packet = std::move(m_pending.front());
        m_pending.pop_front();
        return packet;
    }
    return readPacket(timeout);
}

Result<std::string> ControllerClient::readPacket(std::chrono::milliseconds timeout) {
    CUBBY_CHECK(waitForPacket(m_fd.get(), std::chrono::steady_clock::now() + timeout));
    std::string packet(maxControlPacket, '\0');
    ssize_t got;
    do
        got = ::recv(m_fd.get(), packet.data(), packet.size(), 0);
    while (got < 0 && errno == EINTR);
    if (got < 0)
        return fail(Error::system(errno, "reading from the controller"));
    if (got == 0)
        return fail(Error::of(ErrorKind::NotFound, "the controller closed the connection"));
    packet.resize(static_cast<size_t>(got));
    return packet;
}

Result<std::string> ControllerClient::request(ControlMessage type, std::string_view payload,
                                              std::chrono::milliseconds timeout) {
    CUBBY_CHECK(send(type, payload));
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        CUBBY_TRY(packet, readPacket(std::max(left, std::chrono::milliseconds(0))));
        const auto message = decodeControl(packet);
        if (!message)
            return fail(Error::system(EPROTO, "the controller sent an unknown message"));
        if (message->type == ControlMessage::Reply)
            return std::string(message->payload);
        if (message->type == ControlMessage::Failure)
            return fail(Error::invalid(std::string(message->payload)));
        m_pending.push_back(std::move(packet));
    }
}

Result<std::pair<std::string, UniqueFd>>
ControllerClient::requestWithFd(ControlMessage type, std::string_view payload,
                                std::chrono::milliseconds timeout) {
    CUBBY_TRY(reply, requestWithFds(type, payload, timeout));
    return std::pair{std::move(reply.first), std::move(reply.second.front())};
}

Result<std::pair<std::string, std::vector<UniqueFd>>>
ControllerClient::requestWithFds(ControlMessage type, std::string_view payload,
                                 std::chrono::milliseconds timeout) {
    CUBBY_CHECK(send(type, payload));
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        CUBBY_CHECK(waitForPacket(m_fd.get(), deadline));
        CUBBY_TRY(packet, receiveWithFds(m_fd.get(), maxControlPacket));
        const auto message = decodeControl(packet.payload);
        if (!message)
            return fail(Error::system(EPROTO, "the controller sent an unknown message"));
        if (message->type == ControlMessage::Failure)
            return fail(Error::invalid(std::string(message->payload)));
        if (message->type == ControlMessage::Reply) {
            if (packet.fds.empty())
                return fail(Error::system(EPROTO, "the controller sent no descriptor"));
            return std::pair{std::string(message->payload), std::move(packet.fds)};
        }
        m_pending.push_back(std::move(packet.payload));
    }
}

} // namespace cubby
