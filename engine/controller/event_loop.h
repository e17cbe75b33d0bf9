#pragma once
// A minimal epoll loop for the single-threaded controller: one callback per descriptor.

#include "error.h"
#include "unique_fd.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <unordered_map>

namespace cubby {

class EventLoop {
public:
    using Handler = std::function<void(uint32_t events)>;

    static Result<EventLoop> create();

    Status watch(int fd, uint32_t events, Handler handler);
    Status modify(int fd, uint32_t events);
    void unwatch(int fd);
    // Runs `task` once, `delay` from now, from the loop (a timerfd owned by the loop).
    Status runLater(std::chrono::milliseconds delay, std::function<void()> task);
    // Runs until stop(); returns the first epoll failure, if any.
    Status run();
    void stop() { m_running = false; }

private:
    explicit EventLoop(UniqueFd epoll)
        : m_epoll(std::move(epoll)) {}
    UniqueFd m_epoll;
    std::unordered_map<int, Handler> m_handlers;
    std::unordered_map<int, UniqueFd> m_timers;
    bool m_running = false;
};

} // namespace cubby
