#include "fd_passing.h"

#include <cerrno>
#include <cstring>
#include <sys/socket.h>

namespace cubby {

Status sendWithFd(int socket, std::string_view payload, int fd) {
    iovec data{const_cast<char*>(payload.data()), payload.size()};
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))] = {};
    msghdr message{};
    message.msg_iov = &data;
    message.msg_iovlen = 1;
    message.msg_control = control;
    message.msg_controllen = sizeof control;
    cmsghdr* header = CMSG_FIRSTHDR(&message);
    header->cmsg_level = SOL_SOCKET;
    header->cmsg_type = SCM_RIGHTS;
    header->cmsg_len = CMSG_LEN(sizeof(int));
    std::memcpy(CMSG_DATA(header), &fd, sizeof fd);
    if (::sendmsg(socket, &message, MSG_NOSIGNAL) != static_cast<ssize_t>(payload.size()))
        return fail(Error::system(errno, "passing a descriptor"));
    return {};
}

Result<ReceivedWithFd> receiveWithFd(int socket, size_t maxPayload) {
    ReceivedWithFd received;
    received.payload.resize(maxPayload);
    iovec data{received.payload.data(), received.payload.size()};
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int) * 4)] = {};
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
            if (!received.fd)
                received.fd.reset(fd);
            else
                UniqueFd extra(fd); // more than we asked for: closed at once
        }
    }
    return received;
}

} // namespace cubby
