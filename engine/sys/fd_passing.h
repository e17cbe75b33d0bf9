#pragma once
// Passing a file descriptor with a message over a Unix socket (SCM_RIGHTS): how the
// controller hands a PTY master to the helper, and the helper to its D-Bus caller.

#include "error.h"
#include "unique_fd.h"

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cubby {

// At most this many descriptors travel with one message.
inline constexpr size_t maxPassedFds = 4;

Status sendWithFd(int socket, std::string_view payload, int fd);
Status sendWithFds(int socket, std::string_view payload, std::span<const int> fds);

struct ReceivedWithFd {
    std::string payload;
    UniqueFd fd; // invalid when the message carried none
};
// One message (up to `maxPayload` bytes); received descriptors are close-on-exec.
Result<ReceivedWithFd> receiveWithFd(int socket, size_t maxPayload);

struct ReceivedWithFds {
    std::string payload;
    std::vector<UniqueFd> fds; // in the order sent; at most maxPassedFds
};
Result<ReceivedWithFds> receiveWithFds(int socket, size_t maxPayload);

} // namespace cubby
