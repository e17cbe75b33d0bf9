#pragma once
// Passing a file descriptor with a message over a Unix socket (SCM_RIGHTS): how the
// controller hands a PTY master to the helper, and the helper to its D-Bus caller.

#include "error.h"
#include "unique_fd.h"

#include <string>
#include <string_view>

namespace cubby {

Status sendWithFd(int socket, std::string_view payload, int fd);

struct ReceivedWithFd {
    std::string payload;
    UniqueFd fd; // invalid when the message carried none
};
// One message (up to `maxPayload` bytes); received descriptors are close-on-exec.
Result<ReceivedWithFd> receiveWithFd(int socket, size_t maxPayload);

} // namespace cubby
