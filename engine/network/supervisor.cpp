#include "supervisor.h"

#include "atomic_file.h"
#include "dnsmasq_config.h"
#include "launch_support.h"
#include "network_runtime.h"
#include "network_xml.h"
#include "signal_fd.h"
#include "xml_reader.h"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <format>
#include <fstream>
#include <sys/epoll.h>
#include <sys/file.h>
#include <sys/signalfd.h>
#include <unistd.h>

namespace cubby {

namespace {

constexpr int maxRestartsPerMinute = 5; // then dnsmasq is given up on, loudly
constexpr auto dnsmasqReadyTimeout = std::chrono::seconds(10);

// The files of a running network, below its run directory.
constexpr std::string_view stateFile = "bridge"; // the bridge this supervisor created
constexpr std::string_view configFile = "dnsmasq.conf";
constexpr std::string_view pidFile = "dnsmasq.pid";
constexpr std::string_view reservationsFile = "dnsmasq.hosts";  // --dhcp-hostsfile
constexpr std::string_view reservedNamesFile = "dnsmasq.names"; // --addn-hosts
// This supervisor's pid, so that cubby-helper (which exits when idle and may have been
// restarted since it spawned us) can find whom to send SIGTERM. Trusted only while the
// network's lock is held and the pid's command line is cubby-network's.
constexpr std::string_view supervisorPidFile = "supervisor.pid";

Result<UniqueFd> lockNetwork(const CubbyPaths& paths, std::string_view name) {
    CUBBY_CHECK(makeDirectories(paths.networkRunDir(name), 0755));
    return takeRunLock(paths.networkLockPath(name), std::format("network {}", name));
}

std::string readLine(const std::string& path) {
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    return line;
}

} // namespace

NetworkSupervisor::NetworkSupervisor(Network network, SupervisorOptions options, UniqueFd lock,
                                     EventLoop loop)
    : m_network(std::move(network))
    , m_options(std::move(options))
    , m_lock(std::move(lock))
    , m_loop(std::move(loop)) {}

NetworkSupervisor::~NetworkSupervisor() {
    tearDown();
}

std::string NetworkSupervisor::file(std::string_view name) const {
    return std::format("{}/{}", m_options.paths.networkRunDir(m_network.name), name);
}

Result<std::unique_ptr<NetworkSupervisor>> NetworkSupervisor::start(Network network,
                                                                    SupervisorOptions options) {
    CUBBY_TRY(lock, lockNetwork(options.paths, network.name));
    CUBBY_TRY(loop, EventLoop::create());
    std::unique_ptr<NetworkSupervisor> supervisor(new NetworkSupervisor(
        std::move(network), std::move(options), std::move(lock), std::move(loop)));
    // Before the pid file names us: from then on the helper may send SIGHUP, whose default
    // action would end the process.
    CUBBY_CHECK(supervisor->blockSignals());
    CUBBY_CHECK(writeFileAtomically(supervisor->file(supervisorPidFile),
                                    std::format("{}\n", ::getpid()), 0644));
    CUBBY_CHECK(supervisor->bringUp());
    return supervisor;
}

Status NetworkSupervisor::blockSignals() {
    m_signals = blockSupervisorSignals();
    if (!m_signals)
        return fail(Error::system(errno, "creating the supervisor's signal descriptor"));
    return {};
}

Status NetworkSupervisor::bringUp() {
    if (m_network.joinsHostLan()) {
        // The host's LAN: nothing to create, and nothing of the host's to remove later (no
        // state file, so no crash cleanup ever deletes the user's bridge).
        CUBBY_CHECK(checkHostLan(m_network));
        return m_loop.watch(m_signals.get(), EPOLLIN, [this](uint32_t) { onSignal(); });
    }

    // What a killed supervisor left: its dnsmasq, its table and openings, its bridge.
    const std::string staleBridge = readLine(file(stateFile));
    endStaleDnsmasq(file(pidFile), file(configFile));
    if (!staleBridge.empty())
        CUBBY_CHECK(removeNetwork(m_network, staleBridge));

    // Read again now that the pid file names us: a claim the helper stored between our
    // reading the definition and its finding us got no SIGHUP.
    CUBBY_CHECK(rereadContainerClaims());
    // Recorded before the bridge exists, so that a crash at any point is cleaned up.
    CUBBY_CHECK(writeFileAtomically(file(stateFile), m_network.bridge.name + "\n", 0644));
    auto applied = applyNetwork(m_network, false);
    if (!applied) {
        // applyNetwork undid its own work; a bridge of that name now is someone else's.
        ::unlink(file(stateFile).c_str());
        return fail(applied.error());
    }
    m_up = true;
    m_notes = std::move(applied->notes);
    if (networkNeedsDnsmasq(m_network)) {
        const std::string stateDir = m_options.paths.networkStateDir(m_network.name);
        CUBBY_CHECK(makeDirectories(stateDir, 0755));
        DnsmasqFiles files{file(pidFile), stateDir + "/dnsmasq.leases", m_options.resolvFile,
                           file(reservationsFile), file(reservedNamesFile)};
        CUBBY_TRY(config, planDnsmasqConfig(m_network, files));
        CUBBY_CHECK(writeFileAtomically(file(configFile), config, 0644));
        CUBBY_CHECK(writeReservationFiles());
        CUBBY_CHECK(startDnsmasq());
    }
    return m_loop.watch(m_signals.get(), EPOLLIN, [this](uint32_t) { onSignal(); });
}

Status NetworkSupervisor::startDnsmasq() {
    CUBBY_TRY(process,
              DnsmasqProcess::start({m_options.dnsmasqProgram, file(configFile), file(pidFile)},
                                    dnsmasqReadyTimeout));
    m_dnsmasq.emplace(std::move(process));
    return m_loop.watch(m_dnsmasq->pidfd(), EPOLLIN, [this](uint32_t) { onDnsmasqExit(); });
}

void NetworkSupervisor::onDnsmasqExit() {
    if (!m_dnsmasq || m_dnsmasq->reap() < 0)
        return;
    m_loop.unwatch(m_dnsmasq->pidfd());
    m_dnsmasq.reset();
    const auto now = std::chrono::steady_clock::now();
    while (!m_restarts.empty() && now - m_restarts.front() > std::chrono::minutes(1))
        m_restarts.pop_front();
    if (m_restarts.size() >= maxRestartsPerMinute) {
        std::fprintf(stderr,
                     "cubby-network: %s: dnsmasq keeps dying; DHCP and DNS are off until "
                     "the network is restarted\n",
                     m_network.name.c_str());
        return;
    }
    m_restarts.push_back(now);
    std::fprintf(stderr, "cubby-network: %s: dnsmasq exited; restarting it\n",
                 m_network.name.c_str());
    if (auto restarted = startDnsmasq(); !restarted)
        std::fprintf(stderr, "cubby-network: %s: %s\n", m_network.name.c_str(),
                     restarted.error().message.c_str());
}

Status NetworkSupervisor::rereadContainerClaims() {
    if (m_options.definitionPath.empty())
        return {};
    CUBBY_TRY(text, readDefinitionFile(m_options.definitionPath, maxXmlDocumentBytes));
    CUBBY_TRY(stored, parseNetworkXml(text, randomUuid));
    if (stored.name != m_network.name)
        return fail(
            Error::of(ErrorKind::Conflict, std::format("{} no longer describes network {}",
                                                       m_options.definitionPath, m_network.name)));
    const auto v4 = std::ranges::find_if(m_network.ips, [](const NetworkIp& ip) {
        return ip.address.address.family == IpFamily::V4;
    });
    if (v4 != m_network.ips.end()) {
        const NetworkIp* storedV4 = stored.ipv4();
        if (!storedV4 || storedV4->address != v4->address)
            return fail(Error::of(ErrorKind::Conflict,
                                  std::format("{} no longer describes the running network's "
                                              "subnet; its reservations wait for a restart",
                                              m_options.definitionPath)));
        v4->dhcpHosts = storedV4->dhcpHosts;
    }
    m_network.containerWalls = std::move(stored.containerWalls);
    return {};
}

Status NetworkSupervisor::writeReservationFiles() {
    if (!m_network.ipv4() || !networkNeedsDnsmasq(m_network))
        return {};
    CUBBY_CHECK(
        writeFileAtomically(file(reservationsFile), planDnsmasqReservations(m_network), 0644));
    return writeFileAtomically(file(reservedNamesFile), planDnsmasqReservedNames(m_network), 0644);
}

Status NetworkSupervisor::reloadContainerClaims() {
    CUBBY_CHECK(rereadContainerClaims());
    CUBBY_CHECK(writeReservationFiles());
    if (m_dnsmasq)
        m_dnsmasq->reload();
    return refreshNetworkRules(m_network);
}

void NetworkSupervisor::onSignal() {
    signalfd_siginfo info{};
    while (::read(m_signals.get(), &info, sizeof info) == static_cast<ssize_t>(sizeof info)) {
        if (info.ssi_signo == SIGTERM || info.ssi_signo == SIGINT)
            m_loop.stop();
        else if (info.ssi_signo == SIGHUP && !m_network.joinsHostLan()) {
            if (auto reloaded = reloadContainerClaims(); !reloaded)
                std::fprintf(stderr, "cubby-network: %s: reloading containers' claims: %s\n",
                             m_network.name.c_str(), reloaded.error().message.c_str());
        }
    }
}

Status NetworkSupervisor::run() {
    CUBBY_CHECK(m_loop.run());
    tearDown();
    return {};
}

void NetworkSupervisor::tearDown() {
    if (m_dnsmasq) {
        m_loop.unwatch(m_dnsmasq->pidfd());
        m_dnsmasq->stop(std::chrono::milliseconds(2000));
        m_dnsmasq.reset();
    }
    if (!m_up) {
        for (const std::string_view name :
             {configFile, pidFile, reservationsFile, reservedNamesFile, supervisorPidFile})
            ::unlink(file(name).c_str());
        ::rmdir(m_options.paths.networkRunDir(m_network.name).c_str());
        return;
    }
    m_up = false;
    if (auto removed = removeNetwork(m_network, m_network.bridge.name); !removed) {
        // The state file stays, so the next start tries again.
        std::fprintf(stderr, "cubby-network: %s: %s\n", m_network.name.c_str(),
                     removed.error().message.c_str());
        return;
    }
    for (const std::string_view name :
         {configFile, pidFile, reservationsFile, reservedNamesFile, stateFile, supervisorPidFile})
        ::unlink(file(name).c_str());
    ::rmdir(m_options.paths.networkRunDir(m_network.name).c_str());
}

} // namespace cubby
