#pragma once
// A container's lifecycle, for people (the app's Log tab, `cubbyctl log`): one line per event
// with its UTC time, appended to var/log/cubby/NAME.events by the controller, which is the one
// that sees them all — starts, init's exits and why, restarts after a reboot or a crash, OOM
// kills, the stop. The file keeps at most about 256 KiB: a longer one is moved to
// NAME.events.1 (replacing the previous one) when the controller starts or adds a line.

#include <string>
#include <string_view>

namespace cubby {

class EventLog {
public:
    explicit EventLog(std::string path);
    // "2026-12-03T20:11:05Z started: init pid 1234"; best effort (a full disk loses a line).
    void add(std::string_view event) const;
    // What init's wait status says: "init powered off", "init exited with status 3", "init
    // was killed by signal 9 (Killed)", "init asked for a reboot".
    static std::string describeInitExit(int waitStatus);

private:
    std::string m_path;
};

} // namespace cubby
