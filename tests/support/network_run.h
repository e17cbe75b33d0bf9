#pragma once
// Starts cubby-network for a test the way the helper will: with a definition file below a
// test prefix (etc/cubby/networks/NAME.xml, where controllers look networks up), a private
// run directory and a ready descriptor. It runs in the network namespace of the thread that
// constructs it, so construct it inside a NetNamespaceGuard for the test's "host". The
// destructor stops it (SIGTERM) if it still runs.

#include "controller_run.h"

#include <chrono>
#include <string>
#include <sys/types.h>

namespace cubby::test {

class NetworkRun {
public:
    // `resolvFile` is dnsmasq's upstream list; empty: none (tests never resolve outside).
    NetworkRun(const TestPrefix& prefix, const std::string& name, const std::string& networkXml,
               const std::string& resolvFile = "");
    ~NetworkRun();
    NetworkRun(const NetworkRun&) = delete;
    NetworkRun& operator=(const NetworkRun&) = delete;

    bool waitReady(std::chrono::milliseconds timeout = std::chrono::seconds(20));
    const std::string& error() const { return m_error; }
    pid_t pid() const { return m_pid; }
    // SIGTERM (the network is taken down) or SIGKILL (a crash); the exit status, -1 on timeout.
    int stop(int signal = 15, std::chrono::milliseconds timeout = std::chrono::seconds(20));

private:
    pid_t m_pid = -1;
    int m_readyFd = -1;
    bool m_reaped = false;
    std::string m_error;
};

// Writes `text` to `path`, creating parent directories.
bool writeTestFile(const std::string& path, const std::string& text);

// The pids of dnsmasq processes whose command line mentions `needle`.
std::vector<pid_t> dnsmasqProcesses(const std::string& needle);

} // namespace cubby::test
