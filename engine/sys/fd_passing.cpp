#include "fd_passing.h"

#include <cerrno>
#include <cstring>
#include <sys/socket.h>

namespace cubby {

Status sendWithFd(int socket, std::string_view payload, int fd) {
    const int fds[] = {fd};
    return sendWithFds(socket, payload, fds);
}

Status sendWithFds(int socket, std::string_view payload, std::span<const int> fds) {
    if (fds.empty() || fds.size() > maxPassedFds)
        return fail(Error::system(EINVAL, "passing descriptors: 1 to 4 at a time"));
    iovec data{const_cast<char*>(payload.data()), payload.size()};
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int) * maxPassedFds)] = {};
    msghdr message{};
    message.msg_iov = &data;
    message.msg_iovlen = 1;
    message.msg_control = control;
    message.msg_controllen = CMSG_SPACE(sizeof(int) * fds.size());
    cmsghdr* header = CMSG_FIRSTHDR(&message);
    header->cmsg_level = SOL_SOCKET;
    header->cmsg_type = SCM_RIGHTS;
    header->cmsg_len = CMSG_LEN(sizeof(int) * fds.size());
    std::memcpy(CMSG_DATA(header), fds.data(), sizeof(int) * fds.size());
    if (::sendmsg(socket, &message, MSG_NOSIGNAL) != static_cast<ssize_t>(payload.size()))
        return fail(Error::system(errno, "passing a descriptor"));
    return {};
}

Result<ReceivedWithFd> receiveWithFd(int socket, size_t maxPayload) {
    CUBBY_TRY(received, receiveWithFds(socket, maxPayload));
    ReceivedWithFd first{std::move(received.payload), {}};
    if (!received.fds.empty())
        first.fd = std::move(received.fds.front()); // any others close with `received`
    return first;
}

Result<ReceivedWithFds> receiveWithFds(int socket, size_t maxPayload) {
    ReceivedWithFds received;
    received.payload.resize(maxPayload);
    iovec data{received.payload.data(), received.payload.size()};
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int) * maxPassedFds)] = {};
    msghdr message{};
    message.msg_iov = &data;
    message.msg_iovlen = 1;
    message.msg_control = control;
    message.msg_controllen = sizeof control;
    ssize_t got;
    do {
        got = ::recvmsg(socket, &message, MSG_CMSG_CLOEXEC);
    } while (got < 0 && errno == EINTR);
    if (got < 0)
        return fail(Error::system(errno, "receiving a descriptor"));
    if (got == 0)
        return fail(Error::of(ErrorKind::NotFound, "the other side closed the connection"));
    received.payload.resize(static_cast<size_t>(got));
    for (cmsghdr* header = CMSG_FIRSTHDR(&message); header;
         header = CMSG_NXTHDR(&message, header)) {
        if (header->cmsg_level != SOL_SOCKET || header->cmsg_type != SCM_RIGHTS)
            continue;
        const size_t count = (header->cmsg_len - CMSG_LEN(0)) / sizeof(int);
        for (size_t i = 0; i < count; ++i) {
            int fd = -1;
            std::memcpy(&fd, CMSG_DATA(header) + i * sizeof(int), sizeof fd);
            UniqueFd owned(fd);
            if (received.fds.size() < maxPassedFds)
                received.fds.push_back(std::move(owned)); // more than that: closed at once
        }
    }
    return received;
}

} // namespace cubby
