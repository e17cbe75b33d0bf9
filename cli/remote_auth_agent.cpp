#include "remote_auth_agent.h"

#include "terminal_session.h"

#include <QDBusConnectionInterface>
#include <QDBusReply>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <string_view>
#include <sys/wait.h>
#include <termios.h>
#include <thread>
#include <time.h>
#include <unistd.h>
#include <vector>

namespace cubby::cli {

namespace {

// Long enough to type an SSH password or passphrase for the agent's connection, if ssh asks.
constexpr int readyTimeoutMs = 90 * 1000;

struct Agent {
    pid_t ssh = -1;
    int output = -1; // the channel's terminal output, read here and shown on our terminal
    std::thread relay;
    termios saved{};
    bool haveSaved = false;
};

Agent agent;

int64_t nowMs() {
    timespec now{};
    ::clock_gettime(CLOCK_MONOTONIC, &now);
    return int64_t(now.tv_sec) * 1000 + now.tv_nsec / 1000000;
}

// Whatever the remote terminal shows (the agent's prompts and messages), shown on ours.
void relayOutput(int output) {
    char buffer[4096];
    for (;;) {
        const ssize_t got = ::read(output, buffer, sizeof buffer);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return;
        if (!writeAll(STDERR_FILENO, buffer, size_t(got)))
            return;
    }
}

// Reads the channel until the remote side says how the agent fared, showing what else it
// printed (ssh's questions go to the terminal directly). True: registered.
bool waitUntilRegistered(int output) {
    std::string seen;
    const int64_t deadline = nowMs() + readyTimeoutMs;
    for (;;) {
        const auto shown = [&](std::string_view marker) {
            const size_t at = seen.find(marker);
            if (at == std::string::npos)
                return false;
            // What came before the marker is the user's to see; the marker's line is ours.
            writeAll(STDERR_FILENO, seen.data(), at);
            size_t after = at + marker.size();
            while (after < seen.size() && (seen[after] == '\r' || seen[after] == '\n'))
                ++after;
            writeAll(STDERR_FILENO, seen.data() + after, seen.size() - after);
            return true;
        };
        if (shown(authAgentReadyMarker))
            return true;
        if (shown(authAgentMissingMarker))
            return false;
        const int64_t left = deadline - nowMs();
        if (left <= 0) {
            writeAll(STDERR_FILENO, seen.data(), seen.size());
            return false;
        }
        pollfd ready{output, POLLIN, 0};
        const int polled = ::poll(&ready, 1, int(left));
        if (polled < 0 && errno == EINTR)
            continue;
        if (polled <= 0)
            continue;
        char buffer[1024];
        const ssize_t got = ::read(output, buffer, sizeof buffer);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0) { // ssh ended: it said why on our stderr
            writeAll(STDERR_FILENO, seen.data(), seen.size());
            return false;
        }
        seen.append(buffer, size_t(got));
        if (seen.size() > 64 * 1024) { // not an agent talking; show it and give up
            writeAll(STDERR_FILENO, seen.data(), seen.size());
            return false;
        }
    }
}

} // namespace

void stopRemoteAuthAgent() {
    if (agent.ssh <= 0)
        return;
    // ssh leaves its raw mode on SIGTERM and closes the channel; the remote agent gets its
    // terminal's hangup.
    ::kill(agent.ssh, SIGTERM);
    int status = 0;
    while (::waitpid(agent.ssh, &status, 0) < 0 && errno == EINTR) {
    }
    agent.ssh = -1;
    if (agent.relay.joinable())
        agent.relay.join();
    if (agent.output >= 0)
        ::close(agent.output);
    agent.output = -1;
    if (agent.haveSaved)
        ::tcsetattr(STDIN_FILENO, TCSADRAIN, &agent.saved);
}

void startRemoteAuthAgent(const SshTarget& target, const std::string& sshProgram,
                          const QDBusConnection& bus) {
    // A terminal of ours, and we in its foreground (in the background, ssh could not take it).
    if (agent.ssh > 0 || !::isatty(STDIN_FILENO) || !::isatty(STDERR_FILENO) ||
        ::tcgetpgrp(STDIN_FILENO) != ::getpgrp())
        return;
    if (const char* choice = std::getenv("CUBBY_AUTH_AGENT");
        choice && std::strcmp(choice, "none") == 0)
        return;
    // Our connection there is the bridge's: the bus knows its process.
    const QDBusReply<uint> bridge = bus.interface()->servicePid(bus.baseService());
    if (!bridge.isValid()) {
        std::fprintf(stderr, "warning: no password can be asked for on the other machine: %s\n",
                     qPrintable(bridge.error().message()));
        return;
    }
    auto arguments = sshAuthAgentArguments(target, bridge.value());
    if (!arguments) {
        std::fprintf(stderr, "warning: no password can be asked for on the other machine: %s\n",
                     arguments.error().message.c_str());
        return;
    }
    std::vector<std::string> argv = {sshProgram};
    argv.insert(argv.end(), arguments->begin(), arguments->end());
    std::vector<char*> pointers;
    for (auto& argument : argv)
        pointers.push_back(argument.data());
    pointers.push_back(nullptr);

    int channel[2];
    if (::pipe2(channel, O_CLOEXEC) != 0)
        return;
    agent.haveSaved = ::tcgetattr(STDIN_FILENO, &agent.saved) == 0;
    std::fflush(stderr);
    const pid_t ssh = ::fork();
    if (ssh == 0) {
        // Our terminal is its input (the password typed there), its output comes to us.
        if (::dup2(channel[1], STDOUT_FILENO) < 0)
            ::_exit(127);
        ::execvp(pointers[0], pointers.data());
        ::_exit(127);
    }
    ::close(channel[1]);
    if (ssh < 0) {
        ::close(channel[0]);
        return;
    }
    agent.ssh = ssh;
    agent.output = channel[0];
    std::atexit(stopRemoteAuthAgent);
    if (!waitUntilRegistered(agent.output)) {
        stopRemoteAuthAgent();
        return;
    }
    // ssh made the terminal raw for the agent's channel. Our own output (tables, progress)
    // goes on to the same terminal meanwhile: it keeps its line endings, and Ctrl+C stops us
    // (ssh then restores the terminal as it was).
    termios now{};
    if (agent.haveSaved && ::tcgetattr(STDIN_FILENO, &now) == 0) {
        now.c_oflag = agent.saved.c_oflag;
        now.c_lflag |= agent.saved.c_lflag & ISIG;
        ::tcsetattr(STDIN_FILENO, TCSADRAIN, &now);
    }
    agent.relay = std::thread(relayOutput, agent.output);
}

} // namespace cubby::cli
