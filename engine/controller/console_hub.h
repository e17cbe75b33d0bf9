#pragma once
// The container's console as the controller owns it: the PTY master is always drained (so
// the container never blocks on output), into a scrollback ring, a size-capped log file and
// every attached client. Input from clients is queued and written when the PTY takes it.

#include "ring_buffer.h"
#include "unique_fd.h"

#include <functional>
#include <string>
#include <string_view>

namespace cubby {

class ConsoleHub {
public:
    static constexpr size_t scrollbackBytes = 256 * 1024;
    static constexpr off_t logCapBytes = 1024 * 1024; // then NAME.console.log.1 takes over
    static constexpr size_t maxPendingInput = 64 * 1024;

    ConsoleHub(UniqueFd master, UniqueFd slave, std::string slavePath, std::string logPath);

    int masterFd() const { return m_master.get(); }
    int slaveFd() const { return m_slave.get(); }
    const std::string& slavePath() const { return m_slavePath; }
    std::string scrollback() const { return m_ring.contents(); }

    // Reads what is available (up to 128 KiB); `sink` gets each chunk (for attached clients).
    void drain(const std::function<void(std::string_view)>& sink);
    // Everything still buffered in the PTY, to the last byte (up to 1 MiB): for the end of
    // the container, once nothing inside can write any more, so that its last words (a
    // shutdown message, a crash) reach the clients and the log before they are told it ended.
    void drainAll(const std::function<void(std::string_view)>& sink);
    // Queues input; returns true while some of it is still waiting for the PTY.
    bool write(std::string_view input);
    bool flushInput();
    void setWindowSize(unsigned short rows, unsigned short columns);

private:
    void drainRounds(const std::function<void(std::string_view)>& sink, int rounds);
    void log(std::string_view bytes);

    UniqueFd m_master;
    UniqueFd m_slave; // kept open so the console survives init restarts without EIO
    std::string m_slavePath;
    std::string m_logPath;
    UniqueFd m_log;
    off_t m_logSize = 0;
    RingBuffer m_ring{scrollbackBytes};
    std::string m_pendingInput;
};

} // namespace cubby
