#include "rootfs_worker.h"

#include "busybox_root.h"
#include "file_helpers.h"

#include <algorithm>
#include <csignal>
#include <fcntl.h>
#include <format>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef CUBBY_ROOTFS_PATH
#error "CUBBY_ROOTFS_PATH must name the cubby-rootfs binary"
#endif

extern char** environ;

namespace cubby::test {

using namespace std::chrono_literals;

ScratchBase::ScratchBase()
    : m_path(temporaryDirectory("cubby-rootfs-base", 0700)) {}

ScratchBase::~ScratchBase() {
    if (!m_path.empty())
        removeTree(m_path);
}

RootfsWorker::RootfsWorker(const std::vector<std::string>& args, int input) {
    int progress[2];
    if (::pipe2(progress, O_CLOEXEC) != 0)
        return;
    m_progress = progress[0];
    // Above 3, so that the dup2 onto 3 really makes a copy without close-on-exec.
    const int writeEnd = ::fcntl(progress[1], F_DUPFD_CLOEXEC, 10);
    ::close(progress[1]);
    const int devNull = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, input >= 0 ? input : devNull, 0);
    posix_spawn_file_actions_adddup2(&actions, writeEnd, 3);
    std::vector<char*> argv{const_cast<char*>(CUBBY_ROOTFS_PATH)};
    for (const auto& arg : args)
        argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    m_started = std::chrono::steady_clock::now();
    if (posix_spawn(&m_pid, CUBBY_ROOTFS_PATH, &actions, nullptr, argv.data(), environ) != 0)
        m_pid = -1;
    posix_spawn_file_actions_destroy(&actions);
    ::close(writeEnd);
    ::close(devNull);
}

RootfsWorker::~RootfsWorker() {
    if (m_pid > 0 && !m_reaped) {
        ::kill(m_pid, SIGKILL);
        ::waitpid(m_pid, nullptr, 0);
    }
    if (m_progress >= 0)
        ::close(m_progress);
}

std::optional<std::string> RootfsWorker::nextLine(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        if (const size_t newline = m_pending.find('\n'); newline != std::string::npos) {
            std::string line = m_pending.substr(0, newline);
            m_pending.erase(0, newline + 1);
            m_lines.push_back(line);
            return line;
        }
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        pollfd ready{m_progress, POLLIN, 0};
        if (left.count() <= 0 || ::poll(&ready, 1, static_cast<int>(left.count())) <= 0)
            return std::nullopt;
        char buffer[4096];
        const ssize_t got = ::read(m_progress, buffer, sizeof buffer);
        if (got <= 0)
            return std::nullopt;
        m_pending.append(buffer, static_cast<size_t>(got));
    }
}

int RootfsWorker::finish(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline && nextLine(100ms)) {
    }
    for (;;) {
        int status = 0;
        if (::waitpid(m_pid, &status, WNOHANG) == m_pid) {
            m_reaped = true;
            m_elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
                std::chrono::steady_clock::now() - m_started);
            while (nextLine(0ms)) {
            }
            return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        }
        if (std::chrono::steady_clock::now() >= deadline)
            return -1;
        nextLine(20ms);
    }
}

bool RootfsWorker::waitForProgress(const std::string& needle, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        const auto line = nextLine(100ms);
        if (line && line->starts_with("progress ") && line->find(needle) != std::string::npos)
            return true;
    }
    return false;
}

std::string protocolProblem(const RootfsWorker& worker, JobUpdate::Kind kind, JobUpdate* last) {
    const auto& lines = worker.lines();
    if (lines.empty())
        return "no lines at all";
    double fraction = 0;
    size_t progressLines = 0;
    for (size_t i = 0; i < lines.size(); ++i) {
        const auto update = parseJobUpdate(lines[i]);
        if (!update)
            return "not in the protocol: " + lines[i];
        const bool isLast = i + 1 == lines.size();
        if (isLast != (update->kind != JobUpdate::Kind::Progress))
            return "the final line is not last: " + joinedLines(lines);
        if (isLast) {
            if (update->kind != kind)
                return "ended with: " + lines[i];
            if (last)
                *last = *update;
            continue;
        }
        ++progressLines;
        if (update->fraction >= 0) {
            if (update->fraction < fraction)
                return "the fraction went back: " + joinedLines(lines);
            fraction = update->fraction;
        }
    }
    const auto allowed = static_cast<size_t>(worker.elapsed().count() / 100 + 6);
    if (progressLines > allowed)
        return std::format("{} progress lines in {} ms", progressLines, worker.elapsed().count());
    return {};
}

std::string runProblem(const std::vector<std::string>& args, int status, JobUpdate::Kind kind,
                       int input, JobUpdate* last) {
    RootfsWorker worker(args, input);
    const int exited = worker.finish();
    if (exited != status)
        return std::format("exit status {} (not {}): {}", exited, status,
                           joinedLines(worker.lines()));
    return protocolProblem(worker, kind, last);
}

std::vector<std::string> createArgs(const ScratchBase& base, const std::string& name,
                                    const std::string& source) {
    return {"create",   "--base", base.path(),     "--name", name,
            "--source", source,   "--progress-fd", "3"};
}

PipeFeeder::PipeFeeder(std::string bytes, bool stall)
    : m_bytes(std::move(bytes))
    , m_stall(stall) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)
        return;
    m_readEnd = fds[0];
    m_writeEnd = fds[1];
    m_thread = std::thread([this] { feed(); });
}

PipeFeeder::~PipeFeeder() {
    m_stop = true;
    if (m_readEnd >= 0)
        ::close(m_readEnd);
    if (m_thread.joinable())
        m_thread.join();
}

void PipeFeeder::handedOver() {
    ::close(m_readEnd);
    m_readEnd = -1;
}

void PipeFeeder::feed() {
    for (size_t done = 0; done < m_bytes.size() && !m_stop;) {
        const ssize_t written = ::write(m_writeEnd, m_bytes.data() + done,
                                        std::min<size_t>(m_bytes.size() - done, 65536));
        if (written <= 0)
            break;
        done += static_cast<size_t>(written);
    }
    while (m_stall && !m_stop)
        std::this_thread::sleep_for(10ms);
    ::close(m_writeEnd);
}

} // namespace cubby::test
