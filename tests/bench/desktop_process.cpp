#include "desktop_process.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <format>
#include <fstream>
#include <grp.h>
#include <poll.h>
#include <sstream>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace cubby::bench {

namespace {

constexpr size_t keptLines = 12;

std::vector<char*> pointersTo(const std::vector<std::string>& strings) {
    std::vector<char*> out;
    for (const std::string& each : strings)
        out.push_back(const_cast<char*>(each.c_str()));
    out.push_back(nullptr);
    return out;
}

std::string readText(const std::string& path) {
    std::ifstream in(path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

long statusField(const std::string& status, std::string_view key) {
    const size_t at = status.find(key);
    return at == std::string::npos ? 0 : std::atol(status.c_str() + at + key.size());
}

} // namespace

Result<std::unique_ptr<DesktopProcess>> DesktopProcess::start(const Launch& launch) {
    int pipeFds[2];
    if (::pipe2(pipeFds, O_CLOEXEC) != 0)
        return fail(Error::system(errno, "pipe2"));
    UniqueFd readEnd(pipeFds[0]);
    UniqueFd writeEnd(pipeFds[1]);
    // Everything the child needs is made before the fork: after it, in a copy of this
    // multi-threaded process, only system calls are safe.
    std::vector<char*> argv = pointersTo(launch.argv);
    std::vector<char*> envp = pointersTo(launch.env);
    const int devNull = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    std::unique_ptr<DesktopProcess> process(new DesktopProcess);
    process->m_started = std::chrono::steady_clock::now();
    const pid_t pid = ::fork();
    if (pid < 0) {
        ::close(devNull);
        return fail(Error::system(errno, "fork"));
    }
    if (pid == 0) {
        ::dup2(devNull, 0);
        ::dup2(writeEnd.get(), 1);
        ::dup2(writeEnd.get(), 2);
        if (launch.uid != 0 &&
            (::setgroups(0, nullptr) != 0 || ::setresgid(launch.gid, launch.gid, launch.gid) != 0 ||
             ::setresuid(launch.uid, launch.uid, launch.uid) != 0))
            ::_exit(126);
        ::execve(argv[0], argv.data(), envp.data());
        ::_exit(127);
    }
    ::close(devNull);
    process->m_pid = pid;
    ::fcntl(readEnd.get(), F_SETFL, O_NONBLOCK);
    process->m_output = std::move(readEnd);
    return process;
}

DesktopProcess::~DesktopProcess() {
    if (m_pid <= 0 || exited())
        return;
    ::kill(m_pid, SIGTERM);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (!exited()) {
        if (std::chrono::steady_clock::now() >= deadline) {
            ::kill(m_pid, SIGKILL);
            ::waitpid(m_pid, nullptr, 0);
            return;
        }
        readLines();
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

void DesktopProcess::readLines(const std::function<void(std::string_view)>& line) {
    char buffer[8192];
    ssize_t got;
    while ((got = ::read(m_output.get(), buffer, sizeof buffer)) > 0) {
        m_partial.append(buffer, static_cast<size_t>(got));
        size_t end;
        while ((end = m_partial.find('\n')) != std::string::npos) {
            const std::string complete = m_partial.substr(0, end);
            m_partial.erase(0, end + 1);
            if (line)
                line(complete);
            m_last.push_back(complete);
            if (m_last.size() > keptLines)
                m_last.erase(m_last.begin());
        }
    }
}

bool DesktopProcess::exited() {
    if (!m_exitStatus.empty())
        return true;
    int status = 0;
    if (::waitpid(m_pid, &status, WNOHANG) != m_pid)
        return false;
    m_exitStatus = WIFEXITED(status) ? std::format("exit status {}", WEXITSTATUS(status))
                                     : std::format("signal {}", WTERMSIG(status));
    return true;
}

std::string DesktopProcess::lastLines() const {
    std::string out;
    for (const std::string& each : m_last)
        out += "\n    " + each;
    if (!m_partial.empty())
        out += "\n    " + m_partial;
    return out.empty() ? " (no output)" : out;
}

Result<ProcessCounts> readProcessCounts(pid_t pid) {
    const std::string dir = std::format("/proc/{}", pid);
    const std::string stat = readText(dir + "/stat");
    // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
    const size_t close = stat.rfind(')');
    if (close == std::string::npos)
        return fail(Error::of(ErrorKind::NotFound, std::format("process {} is gone", pid)));
    std::istringstream fields(stat.substr(close + 2));
    std::string field;
    unsigned long long ticks = 0;
    for (int i = 1; i <= 13 && fields >> field; ++i) {
        if (i >= 12)
            ticks += std::stoull(field);
    }
    ProcessCounts counts;
    counts.cpuSeconds = static_cast<double>(ticks) / static_cast<double>(::sysconf(_SC_CLK_TCK));
    DIR* tasks = ::opendir((dir + "/task").c_str());
    if (!tasks)
        return fail(Error::system(errno, "reading " + dir + "/task"));
    while (const dirent* entry = ::readdir(tasks)) {
        if (entry->d_name[0] == '.')
            continue;
        const std::string task = dir + "/task/" + entry->d_name;
        const std::string status = readText(task + "/status");
        const long voluntary = statusField(status, "voluntary_ctxt_switches:");
        const long involuntary = statusField(status, "nonvoluntary_ctxt_switches:");
        // Run time in nanoseconds (the first field): /proc/PID/stat's clock ticks are too
        // coarse for an idle process over a few seconds.
        const long long run = std::atoll(readText(task + "/schedstat").c_str());
        counts.runNanoseconds += run;
        counts.voluntary += voluntary;
        counts.involuntary += involuntary;
        counts.tasks[std::atol(entry->d_name)] = {voluntary, involuntary, run};
        std::string name = readText(task + "/comm");
        while (!name.empty() && name.back() == '\n')
            name.pop_back();
        counts.switchesByThread[name] += voluntary + involuntary;
    }
    ::closedir(tasks);
    return counts;
}

void waitWhileDraining(double seconds, const std::vector<int>& fds,
                       const std::function<void()>& onReadable) {
    const auto deadline = std::chrono::steady_clock::now() +
                          std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                              std::chrono::duration<double>(seconds));
    std::vector<pollfd> polled;
    for (int fd : fds)
        polled.push_back({.fd = fd, .events = POLLIN, .revents = 0});
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0)
            return;
        const int ready = ::poll(polled.data(), polled.size(), static_cast<int>(left.count()));
        if (ready > 0) {
            onReadable();
            // A pipe at its end stays readable: stop watching it, sleep out the rest.
            for (pollfd& each : polled) {
                if (each.revents & POLLHUP)
                    each.fd = -1;
            }
        }
    }
}

} // namespace cubby::bench
