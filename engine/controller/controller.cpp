#include "controller.h"

#include "atomic_file.h"
#include "container_interfaces.h"
#include "control_protocol.h"
#include "domain_xml.h"
#include "fd_passing.h"
#include "launcher.h"
#include "shell.h"
#include "signal_fd.h"
#include "systemd_host.h"
#include "text.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <format>
#include <net/if.h>
#include <sched.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>
#include <utility>
#include <vector>

namespace cubby {

namespace {

constexpr size_t maxQueuedPerClient = 1024 * 1024; // a client this far behind is dropped
constexpr size_t chunkBytes = 32 * 1024;
constexpr int maxRestartsPerMinute = 5; // then a crash loop stops instead of spinning

int pidfdSignal(int pidfd, int signal) {
    return static_cast<int>(::syscall(SYS_pidfd_send_signal, pidfd, signal, nullptr, 0));
}

} // namespace

Controller::Controller(Setup setup)
    : m_setup(std::move(setup))
    , m_events(std::format("{}/{}.events", m_setup.paths.logDir(), m_setup.domain.name)) {}

void Controller::logOomKills() {
    const auto stats = m_setup.cgroup.readStats();
    if (!stats || stats->oomKills <= m_oomKillsLogged)
        return;
    m_events.add(std::format("out of memory: the kernel killed {} process{} (memory limit {} MiB)",
                             stats->oomKills - m_oomKillsLogged,
                             stats->oomKills - m_oomKillsLogged == 1 ? "" : "es",
                             stats->memoryMaxBytes >> 20));
    m_oomKillsLogged = stats->oomKills;
}

Controller::~Controller() = default;

Result<pid_t> Controller::start() {
    m_signals = blockSupervisorSignals();
    m_timer.reset(::timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK));
    m_sizeTimer.reset(::timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK));
    if (!m_signals || !m_timer || !m_sizeTimer)
        return fail(Error::system(errno, "creating the controller's signal and timer descriptors"));

    // The run directory first: from here on a killed controller leaves a trace that the
    // next list or start finds and cleans.
    CUBBY_CHECK(makeDirectories(m_setup.paths.containerRunDir(m_setup.domain.name), 0700));
    CUBBY_CHECK(launch());
    CUBBY_CHECK(listen());
    CUBBY_CHECK(writeLiveState());
    m_events.add(std::format("started: {} is pid {}", m_setup.plan.argv.front(), m_initPid));
    for (const std::string& left : m_setup.cgroup.unappliedLimits())
        m_events.add("not applied on this host: " + left);

    EventLoop& loop = m_setup.loop;
    CUBBY_CHECK(loop.watch(m_signals.get(), EPOLLIN, [this](uint32_t) { onSignal(); }));
    CUBBY_CHECK(loop.watch(m_timer.get(), EPOLLIN, [this](uint32_t) {
        uint64_t expirations = 0;
        (void)::read(m_timer.get(), &expirations, sizeof expirations);
        killInit(); // a shutdown or reboot took too long
    }));
    CUBBY_CHECK(loop.watch(m_setup.console->masterFd(), EPOLLIN,
                           [this](uint32_t events) { onConsole(events); }));
    CUBBY_CHECK(loop.watch(m_listener.get(), EPOLLIN, [this](uint32_t) { onAccept(); }));
    CUBBY_CHECK(loop.watch(m_sizeTimer.get(), EPOLLIN, [this](uint32_t) {
        uint64_t expirations = 0;
        (void)::read(m_sizeTimer.get(), &expirations, sizeof expirations);
        followPtySizes();
    }));
    // OOM kills are logged when they happen, so the app's Log tab shows them while the
    // container runs. Without the notice (an odd kernel) they are still logged at the end.
    if (auto oomWatch = m_setup.cgroup.watchOomKills()) {
        m_oomWatch = std::move(*oomWatch);
        m_oomRecheck.reset(::timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK));
        if (!m_oomRecheck)
            return fail(Error::system(errno, "creating the OOM recheck timer"));
        // The count is read a moment after a notice, not at it: v1 notifies as the OOM begins,
        // before the victim is counted, and a container that runs out of memory over and over
        // gets one line for each quarter second at most, with the kills of all its notices.
        CUBBY_CHECK(loop.watch(m_oomWatch.get(), EPOLLIN, [this](uint32_t) {
            char drained[4096];
            while (::read(m_oomWatch.get(), drained, sizeof drained) > 0) {
            }
            if (std::exchange(m_oomRecheckArmed, true))
                return;
            struct itimerspec soon = {};
            soon.it_value.tv_nsec = 250'000'000;
            if (::timerfd_settime(m_oomRecheck.get(), 0, &soon, nullptr) != 0) {
                m_oomRecheckArmed = false;
                logOomKills();
            }
        }));
        CUBBY_CHECK(loop.watch(m_oomRecheck.get(), EPOLLIN, [this](uint32_t) {
            uint64_t expirations = 0;
            (void)::read(m_oomRecheck.get(), &expirations, sizeof expirations);
            m_oomRecheckArmed = false;
            logOomKills();
        }));
    } else {
        std::fprintf(stderr, "cubby-controller: OOM kills are logged only at the end: %s\n",
                     oomWatch.error().message.c_str());
    }
    return m_initPid;
}

Status Controller::launch() {
    CUBBY_TRY(init, launchContainer(m_setup.plan, m_setup.identity, m_setup.root.get(),
                                    m_setup.console->slaveFd(), m_setup.console->slavePath(),
                                    m_setup.cgroup, m_setup.network));
    m_initPid = init.pid;
    m_initPidfd = std::move(init.pidfd);
    CUBBY_CHECK(m_setup.loop.watch(m_initPidfd.get(), EPOLLIN, [this](uint32_t) { onInitExit(); }));
    registerMachine();
    return {};
}

void Controller::registerMachine() {
    if (!m_setup.systemdHost)
        return;
    MachineRegistration machine{m_setup.domain.name,
                                m_setup.domain.uuid,
                                m_initPid,
                                m_setup.plan.rootfs.empty() ? "/" : m_setup.plan.rootfs,
                                {}};
    for (const InterfacePlan& interface : m_setup.network.interfaces) {
        if (interface.hostDev.empty())
            continue;
        if (const unsigned index = ::if_nametoindex(interface.hostDev.c_str()); index != 0)
            machine.hostInterfaces.push_back(static_cast<int>(index));
    }
    auto registered = registerContainerMachine(machine);
    m_registered = registered.has_value();
    // Where machined is not installed there is nothing to tell anyone.
    if (!registered && registered.error().kind != ErrorKind::NotFound)
        m_events.add("not registered with systemd-machined: " + registered.error().message);
}

void Controller::unregisterMachine() {
    if (!std::exchange(m_registered, false))
        return;
    if (auto unregistered = unregisterContainerMachine(m_setup.domain.name); !unregistered)
        m_events.add(unregistered.error().message);
}

Status Controller::listen() {
    const std::string path = m_setup.paths.controlSocket(m_setup.domain.name);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    if (path.size() >= sizeof address.sun_path)
        return fail(Error::invalid(std::format("the socket path {} is too long", path)));
    path.copy(address.sun_path, path.size());
    m_listener.reset(::socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
    ::unlink(path.c_str());
    // Only root may connect: the directory is 0700 and the socket 0600. The helper decides
    // (with polkit) who else gets to talk to a container.
    if (!m_listener ||
        ::bind(m_listener.get(), reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::chmod(path.c_str(), 0600) != 0 || ::listen(m_listener.get(), 16) != 0)
        return fail(Error::system(errno, std::format("listening on {}", path)));
    return {};
}

Status Controller::writeLiveState() {
    Domain live = m_setup.domain;
    live.live = LiveState{m_initPid, {m_setup.console->slavePath()}};
    return writeFileAtomically(m_setup.paths.liveXml(m_setup.domain.name),
                               formatDomainXml(live, DomainXmlForm::Live), 0600);
}

void Controller::setLimits(Client& client, std::string_view payload) {
    const auto request = parseLiveLimits(payload);
    if (!request) {
        send(client, encodeControl(ControlMessage::Failure,
                                   "limits must be MEMORY_KIB HARD_KIB SHARES PERIOD QUOTA"));
        return;
    }
    Domain updated = m_setup.domain;
    updated.memoryKiB = request->memoryKiB;
    updated.currentMemoryKiB = std::min(updated.currentMemoryKiB, request->memoryKiB);
    updated.memtune.hardLimitKiB = request->hardLimitKiB;
    updated.cputune = {request->cpuShares, request->cpuPeriodUs, request->cpuQuotaUs};
    // The kernel has the last word (a memory cap below what is in use and cannot be
    // reclaimed is refused): nothing is recorded unless the group took it.
    if (auto applied = m_setup.cgroup.applyLiveLimits(planLiveCgroupLimits(updated)); !applied) {
        send(client, encodeControl(ControlMessage::Failure, applied.error().message));
        return;
    }
    m_setup.domain = std::move(updated);
    m_events.add(
        std::format("limits changed: memory {} KiB, CPU {}", m_setup.domain.memoryKiB,
                    m_setup.domain.cputune.quotaUs && *m_setup.domain.cputune.quotaUs > 0
                        ? std::format("quota {} µs per {} µs", *m_setup.domain.cputune.quotaUs,
                                      m_setup.domain.cputune.periodUs.value_or(100000))
                        : std::string("without quota")));
    if (auto written = writeLiveState(); !written)
        m_events.add("the live state could not be rewritten: " + written.error().message);
    send(client, encodeControl(ControlMessage::Reply, "ok"));
}

Status Controller::run() {
    CUBBY_CHECK(m_setup.loop.run());
    return {};
}

void Controller::onSignal() {
    signalfd_siginfo info{};
    while (::read(m_signals.get(), &info, sizeof info) == static_cast<ssize_t>(sizeof info)) {
        if (info.ssi_signo == SIGCHLD)
            continue; // init is watched through its pidfd
        // Asked to stop (the helper, an administrator): the container goes with us, cleanly.
        requestStop(State::Destroying, SIGKILL, std::chrono::seconds(0));
    }
}

void Controller::onInitExit() {
    int status = 0;
    if (::waitpid(m_initPid, &status, WNOHANG) != m_initPid)
        return;
    m_setup.loop.unwatch(m_initPidfd.get());
    m_initPidfd.reset();
    unregisterMachine();
    const struct itimerspec off = {};
    ::timerfd_settime(m_timer.get(), 0, &off, nullptr);
    logOomKills();
    m_events.add(EventLog::describeInitExit(status));
    // A stray process whose init died: the pid namespace is gone, but be certain.
    (void)m_setup.cgroup.killAll();

    // reboot(2) inside a pid namespace ends init with SIGHUP (reboot) or SIGINT (power off).
    const bool rebootedItself = WIFSIGNALED(status) && WTERMSIG(status) == SIGHUP;
    const bool crashed = WIFSIGNALED(status) && WTERMSIG(status) != SIGINT && !rebootedItself;
    LifecycleAction action = m_setup.domain.onPoweroff;
    if (m_state == State::ShuttingDown || m_state == State::Destroying)
        action = LifecycleAction::Destroy;
    else if (m_state == State::Rebooting || rebootedItself)
        action = m_setup.domain.onReboot;
    else if (crashed)
        action = m_setup.domain.onCrash;

    const auto now = std::chrono::steady_clock::now();
    while (!m_restarts.empty() && now - m_restarts.front() > std::chrono::minutes(1))
        m_restarts.pop_front();
    if (action == LifecycleAction::Restart && m_restarts.size() < maxRestartsPerMinute) {
        m_restarts.push_back(now);
        m_state = State::Running;
        // The groups the last boot's systemd made go first: a new init cannot join a group
        // that has children with controllers enabled.
        auto relaunched = m_setup.cgroup.resetDelegation();
        if (relaunched)
            relaunched = launch();
        if (relaunched)
            relaunched = writeLiveState();
        if (relaunched) {
            m_events.add(
                std::format("restarted: {} is pid {}", m_setup.plan.argv.front(), m_initPid));
            return;
        }
        m_events.add("the restart failed: " + relaunched.error().message);
    }
    finish();
}

void Controller::finish() {
    if (m_finished)
        return;
    m_finished = true;
    // Nothing inside writes any more; then what it wrote last (init's exit may be noticed
    // before its final output is read) reaches every client before they hear it ended.
    (void)m_setup.cgroup.killAll();
    m_setup.console->drainAll([this](std::string_view chunk) { broadcast(chunk); });
    for (auto& [fd, client] : m_clients) {
        if (client->attached)
            send(*client, encodeControl(ControlMessage::ConsoleClosed));
    }
    m_ptyClients.clear(); // their masters see the hang-up
    logOomKills();
    unregisterMachine();
    m_events.add("stopped");
    if (m_oomWatch) {
        m_setup.loop.unwatch(m_oomWatch.get()); // v1 signals the group's removal too
        m_setup.loop.unwatch(m_oomRecheck.get());
        m_oomWatch.reset();
        m_oomRecheck.reset();
    }
    (void)m_setup.cgroup.remove();
    detachContainerInterfaces(m_setup.network);
    removeRunState(m_setup.paths, m_setup.domain.name);
    for (auto& [fd, client] : m_clients) {
        if (client->awaitingStop)
            send(*client, encodeControl(ControlMessage::Reply, "ok"));
    }
    m_setup.loop.stop();
}

void Controller::onConsole(uint32_t events) {
    if (events & EPOLLIN)
        m_setup.console->drain([this](std::string_view chunk) { broadcast(chunk); });
    if (events & EPOLLOUT) {
        if (!m_setup.console->flushInput())
            (void)m_setup.loop.modify(m_setup.console->masterFd(), EPOLLIN);
    }
}

void Controller::broadcast(std::string_view output) {
    std::vector<int> ptys;
    for (auto& [fd, pty] : m_ptyClients)
        ptys.push_back(fd);
    for (const int fd : ptys) {
        if (const auto found = m_ptyClients.find(fd); found != m_ptyClients.end())
            queueToPty(fd, *found->second, output);
    }
    std::vector<int> attached;
    for (auto& [fd, client] : m_clients) {
        if (client->attached)
            attached.push_back(fd);
    }
    for (const int fd : attached) {
        if (const auto found = m_clients.find(fd); found != m_clients.end())
            send(*found->second, encodeControl(ControlMessage::ConsoleOutput, output));
    }
}

void Controller::onAccept() {
    for (;;) {
        UniqueFd fd(::accept4(m_listener.get(), nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK));
        if (!fd)
            return;
        const int raw = fd.get();
        auto client = std::make_unique<Client>();
        client->fd = std::move(fd);
        if (!m_setup.loop.watch(raw, EPOLLIN,
                                [this, raw](uint32_t events) { onClient(raw, events); }))
            continue;
        m_clients.emplace(raw, std::move(client));
    }
}

void Controller::onClient(int fd, uint32_t events) {
    const auto found = m_clients.find(fd);
    if (found == m_clients.end())
        return;
    Client& client = *found->second;
    if (events & EPOLLOUT)
        flush(client);
    if (events & (EPOLLHUP | EPOLLERR)) {
        dropClient(fd);
        return;
    }
    if (!(events & EPOLLIN))
        return;
    std::string packet(maxControlPacket, '\0');
    const ssize_t got = ::recv(fd, packet.data(), packet.size(), MSG_DONTWAIT);
    if (got <= 0) {
        if (got == 0 || (errno != EAGAIN && errno != EINTR))
            dropClient(fd);
        return;
    }
    packet.resize(static_cast<size_t>(got));
    handleRequest(client, packet);
}

void Controller::handleRequest(Client& client, std::string_view packet) {
    const auto request = decodeControl(packet);
    if (!request) {
        send(client, encodeControl(ControlMessage::Failure, "unknown request"));
        return;
    }
    const auto ok = [&] { send(client, encodeControl(ControlMessage::Reply, "ok")); };
    switch (request->type) {
    case ControlMessage::AttachConsole: {
        // The reply first: a client that waits for it then reads the history in order.
        ok();
        client.attached = true;
        const std::string scrollback = m_setup.console->scrollback();
        for (size_t at = 0; at < scrollback.size(); at += chunkBytes)
            send(client, encodeControl(ControlMessage::Scrollback,
                                       std::string_view(scrollback).substr(at, chunkBytes)));
        break;
    }
    case ControlMessage::ConsoleInput:
        if (client.attached && m_setup.console->write(request->payload))
            (void)m_setup.loop.modify(m_setup.console->masterFd(), EPOLLIN | EPOLLOUT);
        break;
    case ControlMessage::WindowSize:
        if (const auto size = parseWindowSize(request->payload))
            m_setup.console->setWindowSize(size->rows, size->columns);
        else
            send(client, encodeControl(ControlMessage::Failure, "window size must be ROWS COLS"));
        break;
    case ControlMessage::OpenConsolePty:
        openConsolePty(client);
        break;
    case ControlMessage::OpenShell:
        openShellFor(client, std::string(request->payload));
        break;
    case ControlMessage::Exec:
        execFor(client, request->payload);
        break;
    case ControlMessage::OpenRoot:
        openRootFor(client);
        break;
    case ControlMessage::StatusQuery:
        send(client, encodeControl(ControlMessage::Reply, statusText()));
        break;
    case ControlMessage::SetLimits:
        setLimits(client, request->payload);
        break;
    case ControlMessage::Shutdown: {
        uint64_t seconds = 30;
        if (!request->payload.empty() && !parseUnsigned(request->payload, seconds)) {
            send(client, encodeControl(ControlMessage::Failure, "timeout must be seconds"));
            break;
        }
        requestStop(State::ShuttingDown, m_setup.plan.shutdownSignal,
                    std::chrono::seconds(seconds));
        ok();
        break;
    }
    case ControlMessage::Destroy:
        // Answered once the container is gone and cleaned up (finish()), so a caller that
        // lists right after destroy sees it stopped, as with virsh.
        client.awaitingStop = true;
        requestStop(State::Destroying, SIGKILL, std::chrono::seconds(0));
        if (m_finished)
            ok();
        break;
    case ControlMessage::Reboot:
        requestStop(State::Rebooting,
                    m_setup.plan.rebootSignal ? m_setup.plan.rebootSignal : SIGKILL,
                    std::chrono::seconds(30));
        ok();
        break;
    default:
        send(client, encodeControl(ControlMessage::Failure, "not a request"));
        break;
    }
}

void Controller::requestStop(State state, int signal, std::chrono::seconds timeout) {
    if (m_state == State::Destroying || !m_initPidfd)
        return;
    m_state = state;
    static constexpr std::string_view asked[] = {"", "shut down requested", "reboot requested",
                                                 "forced off"};
    m_events.add(asked[static_cast<int>(state)]);
    if (pidfdSignal(m_initPidfd.get(), signal) != 0 || signal == SIGKILL) {
        killInit();
        return;
    }
    armTimer(timeout);
}

void Controller::armTimer(std::chrono::seconds timeout) {
    struct itimerspec when = {};
    when.it_value.tv_sec = std::max<long>(1, static_cast<long>(timeout.count()));
    ::timerfd_settime(m_timer.get(), 0, &when, nullptr);
}

void Controller::killInit() {
    if (m_initPidfd)
        pidfdSignal(m_initPidfd.get(), SIGKILL);
    (void)m_setup.cgroup.killAll();
}

void Controller::send(Client& client, std::string packet) {
    if (client.outgoing.empty()) {
        const ssize_t sent =
            ::send(client.fd.get(), packet.data(), packet.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
        if (sent == static_cast<ssize_t>(packet.size()))
            return;
        if (sent < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
            return; // the client is gone; its hang-up event drops it
    }
    client.queuedBytes += packet.size();
    client.outgoing.push_back(std::move(packet));
    if (client.queuedBytes > maxQueuedPerClient) {
        // It stopped reading. The container must not wait for it: let it go (it can attach
        // again and will get the scrollback).
        ::shutdown(client.fd.get(), SHUT_RDWR);
        return;
    }
    (void)m_setup.loop.modify(client.fd.get(), EPOLLIN | EPOLLOUT);
}

void Controller::flush(Client& client) {
    while (!client.outgoing.empty()) {
        const std::string& packet = client.outgoing.front();
        const ssize_t sent =
            ::send(client.fd.get(), packet.data(), packet.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
        if (sent != static_cast<ssize_t>(packet.size()))
            return;
        client.queuedBytes -= packet.size();
        client.outgoing.pop_front();
    }
    (void)m_setup.loop.modify(client.fd.get(), EPOLLIN);
}

void Controller::dropClient(int fd) {
    m_setup.loop.unwatch(fd);
    m_clients.erase(fd);
}

void Controller::openConsolePty(Client& client) {
    UniqueFd master(::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC));
    char name[64] = {};
    if (!master || ::grantpt(master.get()) != 0 || ::unlockpt(master.get()) != 0 ||
        ::ptsname_r(master.get(), name, sizeof name) != 0) {
        send(client, encodeControl(ControlMessage::Failure, "cannot allocate a terminal"));
        return;
    }
    auto pty = std::make_unique<PtyClient>();
    pty->slave.reset(::open(name, O_RDWR | O_NOCTTY | O_CLOEXEC | O_NONBLOCK));
    termios raw{};
    if (!pty->slave || ::tcgetattr(pty->slave.get(), &raw) != 0) {
        send(client, encodeControl(ControlMessage::Failure, "cannot open the terminal"));
        return;
    }
    // A transparent pipe: the console's own terminal already did the line discipline.
    cfmakeraw(&raw);
    ::tcsetattr(pty->slave.get(), TCSANOW, &raw);
    const int fd = pty->slave.get();
    if (!m_setup.loop.watch(fd, EPOLLIN,
                            [this, fd](uint32_t events) { onPtyClient(fd, events); })) {
        send(client, encodeControl(ControlMessage::Failure, "cannot watch the terminal"));
        return;
    }
    PtyClient& added = *m_ptyClients.emplace(fd, std::move(pty)).first->second;
    queueToPty(fd, added, m_setup.console->scrollback());
    if (!sendWithFd(client.fd.get(),
                    encodeControl(ControlMessage::Reply, std::string("ok ") + name), master.get()))
        dropPtyClient(fd);
    if (m_ptyClients.size() == 1) {
        struct itimerspec every = {};
        every.it_interval.tv_nsec = every.it_value.tv_nsec = 250'000'000;
        ::timerfd_settime(m_sizeTimer.get(), 0, &every, nullptr);
    }
}

void Controller::openShellFor(Client& client, const std::string& user) {
    if (!m_initPidfd) {
        send(client, encodeControl(ControlMessage::Failure, "the container is not running"));
        return;
    }
    auto session = openShell(m_initPidfd.get(), m_setup.plan, m_setup.cgroup, user);
    if (!session) {
        send(client, encodeControl(ControlMessage::Failure, session.error().message));
        return;
    }
    (void)sendWithFd(client.fd.get(),
                     encodeControl(ControlMessage::Reply, "ok " + session->ptyName),
                     session->master.get());
}

void Controller::execFor(Client& client, std::string_view payload) {
    const auto request = parseExecRequest(payload);
    if (!request) {
        send(client, encodeControl(ControlMessage::Failure,
                                   "exec needs a program, at most 1024 arguments and a plain "
                                   "user name or number"));
        return;
    }
    if (!m_initPidfd) {
        send(client, encodeControl(ControlMessage::Failure, "the container is not running"));
        return;
    }
    auto session = startExec(m_initPidfd.get(), m_setup.plan, m_setup.cgroup, request->user,
                             request->argv, request->terminal);
    if (!session) {
        send(client, encodeControl(ControlMessage::Failure, session.error().message));
        return;
    }
    const pid_t waiter = session->waiter;
    UniqueFd pidfd(static_cast<int>(::syscall(SYS_pidfd_open, waiter, 0)));
    if (pidfd) {
        const int fd = pidfd.get();
        if (m_setup.loop.watch(fd, EPOLLIN, [this, fd](uint32_t) {
                const auto found = m_execWaiters.find(fd);
                if (found == m_execWaiters.end())
                    return;
                ::waitpid(found->second.first, nullptr, WNOHANG);
                m_setup.loop.unwatch(fd);
                m_execWaiters.erase(found);
            }))
            m_execWaiters.emplace(fd, std::pair{waiter, std::move(pidfd)});
    }
    if (request->terminal) {
        const int fds[] = {session->status.get(), session->master.get()};
        (void)sendWithFds(client.fd.get(),
                          encodeControl(ControlMessage::Reply, "ok " + session->ptyName), fds);
    } else {
        const int fds[] = {session->status.get(), session->input.get(), session->output.get(),
                           session->errors.get()};
        (void)sendWithFds(client.fd.get(), encodeControl(ControlMessage::Reply, "ok"), fds);
    }
}

void Controller::openRootFor(Client& client) {
    if (!m_initPidfd) {
        send(client, encodeControl(ControlMessage::Failure, "the container is not running"));
        return;
    }
    // Init is our child and not reaped before this loop sees its exit: the pid is its own.
    // Its root as it sees it (the container's mounts are reached from there), and its user
    // namespace, in which a copying process acts as the container's root.
    const auto open = [this](const char* what, int flags) {
        return UniqueFd(
            ::open(std::format("/proc/{}/{}", m_initPid, what).c_str(), flags | O_CLOEXEC));
    };
    UniqueFd root = open("root", O_PATH | O_DIRECTORY);
    UniqueFd userns;
    if (root && (m_setup.plan.cloneFlags & CLONE_NEWUSER))
        userns = open("ns/user", O_RDONLY);
    if (!root || ((m_setup.plan.cloneFlags & CLONE_NEWUSER) && !userns)) {
        send(client,
             encodeControl(ControlMessage::Failure,
                           std::format("opening the container's root: {}", std::strerror(errno))));
        return;
    }
    std::vector<int> fds = {root.get()};
    if (userns)
        fds.push_back(userns.get());
    (void)sendWithFds(client.fd.get(), encodeControl(ControlMessage::Reply, "ok"), fds);
}

void Controller::onPtyClient(int fd, uint32_t events) {
    const auto found = m_ptyClients.find(fd);
    if (found == m_ptyClients.end())
        return;
    PtyClient& pty = *found->second;
    if (events & EPOLLOUT)
        queueToPty(fd, pty, {});
    if (events & EPOLLIN) {
        char buffer[4096];
        const ssize_t got = ::read(fd, buffer, sizeof buffer);
        if (got > 0) {
            if (m_setup.console->write(std::string_view(buffer, static_cast<size_t>(got))))
                (void)m_setup.loop.modify(m_setup.console->masterFd(), EPOLLIN | EPOLLOUT);
            return;
        }
        if (got < 0 && (errno == EAGAIN || errno == EINTR))
            return;
    }
    if (events & (EPOLLIN | EPOLLHUP | EPOLLERR))
        dropPtyClient(fd); // the other side closed its master
}

void Controller::queueToPty(int fd, PtyClient& pty, std::string_view bytes) {
    pty.outgoing.append(bytes);
    while (!pty.outgoing.empty()) {
        const ssize_t written = ::write(fd, pty.outgoing.data(), pty.outgoing.size());
        if (written <= 0)
            break;
        pty.outgoing.erase(0, static_cast<size_t>(written));
    }
    // Like a socket client that stopped reading: let it go rather than hoard its output.
    if (pty.outgoing.size() > maxQueuedPerClient) {
        dropPtyClient(fd);
        return;
    }
    (void)m_setup.loop.modify(fd, pty.outgoing.empty() ? EPOLLIN : EPOLLIN | EPOLLOUT);
}

void Controller::dropPtyClient(int fd) {
    m_setup.loop.unwatch(fd);
    m_ptyClients.erase(fd);
    if (m_ptyClients.empty()) {
        const struct itimerspec off = {};
        ::timerfd_settime(m_sizeTimer.get(), 0, &off, nullptr);
    }
}

void Controller::followPtySizes() {
    for (auto& [fd, pty] : m_ptyClients) {
        winsize size{};
        if (::ioctl(fd, TIOCGWINSZ, &size) != 0 || size.ws_row == 0 || size.ws_col == 0)
            continue;
        if (size.ws_row == pty->rows && size.ws_col == pty->columns)
            continue;
        pty->rows = size.ws_row;
        pty->columns = size.ws_col;
        m_setup.console->setWindowSize(size.ws_row, size.ws_col);
    }
}

std::string Controller::statusText() const {
    static constexpr std::string_view stateNames[] = {"running", "shutting-down", "rebooting",
                                                      "destroying"};
    return std::format(
        "state={}\ninit_pid={}\ncontroller_pid={}\nconsole={}\nrestarts={}\nprotocol={}\n",
        stateNames[static_cast<int>(m_state)], m_initPid, ::getpid(), m_setup.console->slavePath(),
        m_restarts.size(), controlProtocolVersion);
}

} // namespace cubby
