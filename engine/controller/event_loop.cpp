#include "event_loop.h"

#include <cerrno>
#include <sys/epoll.h>
#include <sys/timerfd.h>

namespace cubby {

Result<EventLoop> EventLoop::create() {
    UniqueFd epoll(::epoll_create1(EPOLL_CLOEXEC));
    if (!epoll)
        return fail(Error::system(errno, "epoll_create1"));
    return EventLoop(std::move(epoll));
}

Status EventLoop::watch(int fd, uint32_t events, Handler handler) {
    epoll_event event{};
    event.events = events;
    event.data.fd = fd;
    if (::epoll_ctl(m_epoll.get(), EPOLL_CTL_ADD, fd, &event) != 0)
        return fail(Error::system(errno, "epoll_ctl add"));
    m_handlers[fd] = std::move(handler);
    return {};
}

Status EventLoop::modify(int fd, uint32_t events) {
    epoll_event event{};
    event.events = events;
    event.data.fd = fd;
    if (::epoll_ctl(m_epoll.get(), EPOLL_CTL_MOD, fd, &event) != 0)
        return fail(Error::system(errno, "epoll_ctl mod"));
    return {};
}

void EventLoop::unwatch(int fd) {
    ::epoll_ctl(m_epoll.get(), EPOLL_CTL_DEL, fd, nullptr);
    m_handlers.erase(fd);
}

Status EventLoop::runLater(std::chrono::milliseconds delay, std::function<void()> task) {
    UniqueFd timer(::timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK));
    struct itimerspec when = {};
    when.it_value.tv_sec = static_cast<time_t>(delay.count() / 1000);
    when.it_value.tv_nsec = static_cast<long>(delay.count() % 1000) * 1'000'000 + 1;
    if (!timer || ::timerfd_settime(timer.get(), 0, &when, nullptr) != 0)
        return fail(Error::system(errno, "arming a timer"));
    const int fd = timer.get();
    CUBBY_CHECK(watch(fd, EPOLLIN, [this, fd, task = std::move(task)](uint32_t) {
        const auto run = task; // unwatch() below destroys this handler
        unwatch(fd);
        m_timers.erase(fd);
        run();
    }));
    m_timers.emplace(fd, std::move(timer));
    return {};
}

Status EventLoop::run() {
    m_running = true;
    epoll_event events[16];
    while (m_running) {
        const int ready = ::epoll_wait(m_epoll.get(), events, 16, -1);
        if (ready < 0) {
            if (errno == EINTR)
                continue;
            return fail(Error::system(errno, "epoll_wait"));
        }
        for (int i = 0; i < ready && m_running; ++i) {
            // A handler may unwatch other descriptors: look each one up afresh.
            const auto found = m_handlers.find(events[i].data.fd);
            if (found == m_handlers.end())
                continue;
            Handler handler = found->second; // the handler may unwatch itself
            handler(events[i].events);
        }
    }
    return {};
}

} // namespace cubby
