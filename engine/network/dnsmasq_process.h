#pragma once
// One dnsmasq, started in the foreground as our child and ended by us. It drops its
// privileges after binding, which clears the parent-death signal, so a supervisor that is
// killed leaves it running: endStaleDnsmasq() finds it again by its pid file and its command
// line (the pid alone may have been reused) and ends it.

#include "error.h"
#include "unique_fd.h"

#include <chrono>
#include <string>
#include <sys/types.h>
#include <utility>

namespace cubby {

struct DnsmasqCommand {
    std::string program = "/usr/sbin/dnsmasq";
    std::string configFile;
    std::string pidFile;
};

class DnsmasqProcess {
public:
    // Starts dnsmasq and waits until it has written its pid file (its sockets are bound by
    // then) or has exited.
    static Result<DnsmasqProcess> start(const DnsmasqCommand& command,
                                        std::chrono::milliseconds timeout);

    DnsmasqProcess(DnsmasqProcess&& other) noexcept
        : m_pid(std::exchange(other.m_pid, -1))
        , m_pidfd(std::move(other.m_pidfd)) {}
    DnsmasqProcess& operator=(DnsmasqProcess&& other) noexcept {
        if (this != &other) {
            stop(std::chrono::milliseconds(2000));
            m_pid = std::exchange(other.m_pid, -1);
            m_pidfd = std::move(other.m_pidfd);
        }
        return *this;
    }
    DnsmasqProcess(const DnsmasqProcess&) = delete;
    DnsmasqProcess& operator=(const DnsmasqProcess&) = delete;
    ~DnsmasqProcess();

    pid_t pid() const { return m_pid; }
    int pidfd() const { return m_pidfd.get(); } // readable once dnsmasq has exited
    // SIGHUP: dnsmasq reads its hosts files (reservations and their names) again.
    void reload();
    // Reaps an exited dnsmasq; its wait status, or -1 while it runs.
    int reap();
    // SIGTERM, then SIGKILL after `grace`; always reaps.
    void stop(std::chrono::milliseconds grace);

private:
    DnsmasqProcess(pid_t pid, UniqueFd pidfd)
        : m_pid(pid)
        , m_pidfd(std::move(pidfd)) {}
    pid_t m_pid = -1;
    UniqueFd m_pidfd;
};

// Ends a dnsmasq left by a killed supervisor: the pid in `pidFile`, if that process's command
// line names `configFile`. Returns whether there was one.
bool endStaleDnsmasq(const std::string& pidFile, const std::string& configFile);

} // namespace cubby
