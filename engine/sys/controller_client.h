#pragma once
// The client side of a controller's control socket (control_protocol.h): used by the helper,
// cubbyctl and the tests.

#include "control_protocol.h"
#include "error.h"
#include "unique_fd.h"

#include <chrono>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace cubby {

class ControllerClient {
public:
    static Result<ControllerClient> connect(const std::string& socketPath);

    Status send(ControlMessage type, std::string_view payload = {});
    // The next packet, waiting at most `timeout`. Fails with a timeout or when the
    // controller closed the connection.
    Result<std::string> receive(std::chrono::milliseconds timeout);
    // Sends a request and returns the payload of its Reply (or the Failure as an error).
    // Console traffic that arrives in between is kept for receive(), in order.
    Result<std::string> request(ControlMessage type, std::string_view payload = {},
                                std::chrono::milliseconds timeout = std::chrono::seconds(10));

    // A request whose Reply carries a descriptor (OpenConsolePty, OpenShell): the reply's
    // payload and the descriptor.
    Result<std::pair<std::string, UniqueFd>>
    requestWithFd(ControlMessage type, std::string_view payload = {},
                  std::chrono::milliseconds timeout = std::chrono::seconds(10));

    // A request whose Reply carries several descriptors (Exec): the payload and them, in order.
    Result<std::pair<std::string, std::vector<UniqueFd>>>
    requestWithFds(ControlMessage type, std::string_view payload = {},
                   std::chrono::milliseconds timeout = std::chrono::seconds(10));

    int fd() const { return m_fd.get(); }

private:
    Result<std::string> readPacket(std::chrono::milliseconds timeout);

    explicit ControllerClient(UniqueFd fd)
        : m_fd(std::move(fd)) {}
    UniqueFd m_fd;
    std::deque<std::string> m_pending;
};

} // namespace cubby
