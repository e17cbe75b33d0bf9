#include "dnsmasq_process.h"

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <format>
#include <fstream>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace cubby {

namespace {

pid_t readPidFile(const std::string& path) {
    std::ifstream in(path);
    long pid = 0;
    if (!(in >> pid) || pid <= 1)
        return -1;
    return static_cast<pid_t>(pid);
}

std::string commandLine(pid_t pid) {
    std::ifstream in(std::format("/proc/{}/cmdline", pid), std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

bool waitGone(int pidfd, std::chrono::milliseconds timeout) {
    pollfd fd{pidfd, POLLIN, 0};
    return ::poll(&fd, 1, static_cast<int>(timeout.count())) == 1;
}

} // namespace

Result<DnsmasqProcess> DnsmasqProcess::start(const DnsmasqCommand& command,
                                             std::chrono::milliseconds timeout) {
    ::unlink(command.pidFile.c_str());
    const std::string conf = "--conf-file=" + command.configFile;
    // Prepared before fork: the child only calls async-signal-safe functions.
    const char* argv[] = {command.program.c_str(), "--keep-in-foreground", "--log-facility=-",
                          conf.c_str(), nullptr};
    sigset_t none;
    sigemptyset(&none);
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid < 0)
        return fail(Error::system(errno, "forking for dnsmasq"));
    if (pid == 0) {
        // The supervisor blocks the signals it reads through a signalfd; dnsmasq must see them.
        ::sigprocmask(SIG_SETMASK, &none, nullptr);
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (::getppid() != parent)
            _exit(127);
        ::execv(argv[0], const_cast<char**>(argv));
        _exit(127);
    }
    UniqueFd pidfd(static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)));
    if (!pidfd) {
        const int err = errno;
        ::kill(pid, SIGKILL);
        ::waitpid(pid, nullptr, 0);
        return fail(Error::system(err, "pidfd_open for dnsmasq"));
    }
    DnsmasqProcess process(pid, std::move(pidfd));
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (readPidFile(command.pidFile) != pid) {
        if (waitGone(process.pidfd(), std::chrono::milliseconds(5))) {
            const int status = process.reap();
            return fail(Error::of(
                ErrorKind::System,
                std::format("dnsmasq exited at start ({}); its messages are in the network's "
                            "log",
                            WIFEXITED(status) ? std::format("status {}", WEXITSTATUS(status))
                                              : std::format("signal {}", WTERMSIG(status)))));
        }
        if (std::chrono::steady_clock::now() > deadline) {
            process.stop(std::chrono::milliseconds(0));
            return fail(Error::of(ErrorKind::System, "dnsmasq did not become ready in time"));
        }
    }
    return process;
}

DnsmasqProcess::~DnsmasqProcess() {
    if (m_pid > 0)
        stop(std::chrono::milliseconds(2000));
}

void DnsmasqProcess::reload() {
    if (m_pid > 0)
        ::syscall(SYS_pidfd_send_signal, m_pidfd.get(), SIGHUP, nullptr, 0);
}

int DnsmasqProcess::reap() {
    if (m_pid <= 0)
        return 0;
    int status = 0;
    if (::waitpid(m_pid, &status, WNOHANG) != m_pid)
        return -1;
    m_pid = -1;
    m_pidfd.reset();
    return status;
}

void DnsmasqProcess::stop(std::chrono::milliseconds grace) {
    if (m_pid <= 0)
        return;
    ::syscall(SYS_pidfd_send_signal, m_pidfd.get(), SIGTERM, nullptr, 0);
    if (!waitGone(m_pidfd.get(), grace))
        ::syscall(SYS_pidfd_send_signal, m_pidfd.get(), SIGKILL, nullptr, 0);
    ::waitpid(m_pid, nullptr, 0);
    m_pid = -1;
    m_pidfd.reset();
}

bool endStaleDnsmasq(const std::string& pidFile, const std::string& configFile) {
    const pid_t pid = readPidFile(pidFile);
    if (pid <= 0)
        return false;
    const std::string line = commandLine(pid);
    if (line.find("--conf-file=" + configFile + '\0') == std::string::npos)
        return false;
    UniqueFd pidfd(static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)));
    if (!pidfd)
        return false;
    ::syscall(SYS_pidfd_send_signal, pidfd.get(), SIGTERM, nullptr, 0);
    if (!waitGone(pidfd.get(), std::chrono::milliseconds(2000)))
        ::syscall(SYS_pidfd_send_signal, pidfd.get(), SIGKILL, nullptr, 0);
    waitGone(pidfd.get(), std::chrono::milliseconds(2000));
    ::unlink(pidFile.c_str());
    return true;
}

} // namespace cubby
