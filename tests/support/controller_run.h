#pragma once
// Starts cubby-controller for a test the way the helper will: with a definition file, a
// private prefix and cgroup parent, and a ready descriptor. The destructor destroys the
// container if it still runs and reaps the controller.

#include "controller_client.h"
#include "error.h"

#include <chrono>
#include <cstdint>
#include <string>
#include <sys/types.h>

namespace cubby::test {

// A private state prefix (etc/, run/, var/log below a temporary directory) and cgroup parent,
// removed by the destructor.
class TestPrefix {
public:
    TestPrefix();
    ~TestPrefix();
    TestPrefix(const TestPrefix&) = delete;
    TestPrefix& operator=(const TestPrefix&) = delete;

    const std::string& path() const { return m_path; }
    const std::string& cgroupParent() const { return m_cgroupParent; }
    std::string runDir(const std::string& name) const { return m_path + "/run/cubby/" + name; }

private:
    std::string m_path;
    std::string m_cgroupParent;
};

class ControllerRun {
public:
    // Writes `domainXml` and starts a controller for `name`; check ok() / error().
    ControllerRun(const TestPrefix& prefix, const std::string& name, const std::string& domainXml);
    ~ControllerRun();
    ControllerRun(const ControllerRun&) = delete;
    ControllerRun& operator=(const ControllerRun&) = delete;

    // Waits for the ready line; false (with error()) when the start failed.
    bool waitReady(std::chrono::milliseconds timeout = std::chrono::seconds(20));
    bool ok() const { return m_initPid > 0; }
    const std::string& error() const { return m_error; }
    pid_t initPid() const { return m_initPid; }
    pid_t controllerPid() const { return m_controllerPid; }

    Result<ControllerClient> connect() const;
    // Waits for the controller to exit; its exit status, or -1 on timeout.
    int waitExit(std::chrono::milliseconds timeout = std::chrono::seconds(20));

private:
    const TestPrefix& m_prefix;
    std::string m_name;
    pid_t m_controllerPid = -1;
    pid_t m_initPid = -1;
    int m_readyFd = -1;
    bool m_reaped = false;
    std::string m_error;
};

// For definitions tests write by hand (the helper adds the first itself at define time):
// the <idmap> of an unprivileged container, and Cubby's explicit privileged opt-in.
inline constexpr uint32_t testIdRangeBase = 1600000000;
std::string unprivilegedIdmapXml(uint32_t base = testIdRangeBase);
std::string privilegedMetadataXml();

// Console output gathered from an attached client until `needle` shows up (or the timeout).
std::string readConsoleUntil(ControllerClient& client, const std::string& needle,
                             std::chrono::milliseconds timeout = std::chrono::seconds(15));

} // namespace cubby::test
