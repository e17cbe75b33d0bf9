#include "job_follow.h"
#include "terminal_session.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <unistd.h>

namespace cubby::cli {

void pumpFrames(FrameReader frames, std::string pending, int toHelper, int cutOff) {
    bool failed = !writeAll(toHelper, pending.data(), pending.size());
    std::string payload;
    char buffer[65536];
    while (!frames.ended() && !failed) {
        const ssize_t got = ::read(STDIN_FILENO, buffer, sizeof buffer);
        if (got < 0 && errno == EINTR)
            continue;
        payload.clear();
        failed = got <= 0 || !frames.feed(std::string_view(buffer, size_t(got)), payload) ||
                 !writeAll(toHelper, payload.data(), payload.size());
    }
    if (failed) {
        std::fputs("error: the archive's stream ended before its end (the connection was "
                   "lost?): the import is cancelled and nothing is kept\n",
                   stderr);
        const char byte = 1;
        (void)!::write(cutOff, &byte, 1);
        return;
    }
    ::close(toHelper);
}

std::string readFramedPrefix(FrameReader& frames, std::string& pending, size_t bytes) {
    char buffer[4096];
    while (pending.size() < bytes && !frames.ended()) {
        const ssize_t got = ::read(STDIN_FILENO, buffer, sizeof buffer);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0 || !frames.feed(std::string_view(buffer, size_t(got)), pending))
            break;
    }
    const size_t taken = std::min(bytes, pending.size());
    std::string prefix = pending.substr(0, taken);
    pending.erase(0, taken);
    return prefix;
}

} // namespace cubby::cli
