#include "manager_service.h"

#include "dbus_errors.h"
#include "domain_xml.h"
#include "manager_common.h"
#include "names.h"
#include "netns_addresses.h"

#include <QDBusConnection>
#include <QDBusMetaType>
#include <QFile>
#include <QFileSystemWatcher>
#include <QSet>
#include <ctime>
#include <format>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

namespace cubby {

using namespace manager;

namespace {

// A small file the kernel makes (/proc/PID/net/…), read whole up to a bound: a namespace
// with thousands of addresses must not make a list call slow or large.
std::string readProcFile(const std::string& path) {
    constexpr size_t limit = 256 * 1024;
    std::ifstream file(path);
    std::string text;
    char chunk[4096];
    while (file && text.size() < limit) {
        file.read(chunk, sizeof chunk);
        text.append(chunk, size_t(file.gcount()));
    }
    return text;
}

// Whether `pid` lives in a network namespace other than the helper's, the host's: a container
// started on the host's network (or a pid that is no longer the container's init) must not
// have the host's addresses listed as its own, whatever its stored definition says now.
bool hasOwnNetworkNamespace(int64_t pid) {
    struct stat theirs = {}, ours = {};
    return ::stat(std::format("/proc/{}/ns/net", pid).c_str(), &theirs) == 0 &&
           ::stat("/proc/self/ns/net", &ours) == 0 &&
           (theirs.st_dev != ours.st_dev || theirs.st_ino != ours.st_ino);
}

// The namespace's addresses, after the ones already known. What the container says of itself
// is capped: root inside may add thousands, and the list must stay small and fast.
void addNamespaceAddresses(int64_t pid, QStringList& addresses) {
    constexpr qsizetype perFamily = 16;
    QSet<QString> known(addresses.begin(), addresses.end());
    const std::string net = std::format("/proc/{}/net/", pid);
    for (const auto& found : {localIpv4Addresses(readProcFile(net + "fib_trie")),
                              globalIpv6Addresses(readProcFile(net + "if_inet6"))}) {
        qsizetype added = 0;
        for (const IpAddress& address : found) {
            const QString text = QString::fromStdString(address.toString());
            if (added == perFamily)
                break;
            if (!known.contains(text)) {
                known.insert(text);
                addresses << text;
                ++added;
            }
        }
    }
}

// What a user must see of a container's isolation: privileged (root inside is root outside)
// or the host ids its root and users run as; and who defined it.
void addSecurityFields(QVariantMap& entry, const Domain& domain) {
    entry[QStringLiteral("privileged")] = !domain.hasUserNamespace();
    entry[QStringLiteral("owner")] =
        domain.cubby.ownerUid ? qlonglong(*domain.cubby.ownerUid) : qlonglong(-1);
    if (domain.idmap && !domain.idmap->uids.empty()) {
        const IdMapRange& first = domain.idmap->uids.front();
        entry[QStringLiteral("id_range")] = QStringLiteral("%1-%2")
                                                .arg(first.target)
                                                .arg(qulonglong(first.target) + first.count - 1);
    }
}

std::vector<MacAddress> allMacs(const std::map<std::string, std::vector<MacAddress>>& perNetwork) {
    std::vector<MacAddress> macs;
    for (const auto& [network, list] : perNetwork)
        macs.insert(macs.end(), list.begin(), list.end());
    return macs;
}

} // namespace

ManagerService::ManagerService(HelperConfig config, QObject* parent)
    : QObject(parent)
    , m_config(config)
    , m_containers(config.paths.containerDefinitions())
    , m_networks(config.paths.networkDefinitions())
    , m_runtime(config)
    , m_networkProcesses(std::move(config))
    , m_authorizer(this)
    , m_jobs(m_authorizer, this) {
    qDBusRegisterMetaType<QVariantMapList>();
    m_authorizer.admitToSignalsWhenAllowed(monitorAction);
    connect(&m_jobs, &JobRegistry::jobNew, this, [this](Job* job) {
        notify(QStringLiteral("JobNew"),
               {QVariant::fromValue(job->path()), job->operation(), job->target()});
    });
    connect(&m_jobs, &JobRegistry::jobFinished, this, [this](Job* job) {
        notify(QStringLiteral("JobFinished"), {QVariant::fromValue(job->path()), job->operation(),
                                               job->target(), job->state(), job->errorMessage()});
        // A delete cancelled after its tree was renamed away, or a worker that died, leaves
        // a .removing-/.partial- directory: finish it now rather than at the next start.
        if (job->state() != QStringLiteral("done"))
            cleanStaleRootfs();
        emit activity();
    });
    // Containers that stop on their own remove their run directory: that is the state change.
    (void)makeDirectories(m_config.paths.runDir(), 0755);
    auto* watcher = new QFileSystemWatcher(this);
    // Likewise a network that stops for any reason (net-destroy, a SIGTERM from elsewhere)
    // removes its run directory below run/cubby/.net.
    const QString networksRunDir = q(m_config.paths.runDir() + "/.net");
    (void)makeDirectories(networksRunDir.toStdString(), 0755);
    watcher->addPaths({q(m_config.paths.runDir()), networksRunDir});
    connect(watcher, &QFileSystemWatcher::directoryChanged, this,
            [this, networksRunDir](const QString& changed) {
                if (changed == networksRunDir)
                    noteNetworkStateChanges();
                else
                    noteStateChanges();
            });
    m_knownRunning = m_runtime.running(m_containers.names());
    m_knownActiveNetworks = m_networkProcesses.active(m_networks.names());
}

bool ManagerService::busy() const {
    return m_authorizer.pending() > 0 || m_runtime.pendingStarts() > 0 ||
           m_networkProcesses.pending() > 0 || m_pendingDiagnoses > 0 || m_pendingAutostarts > 0 ||
           m_jobs.running() > 0 || m_pendingCleanups > 0;
}

void ManagerService::noteStateChanges() {
    const auto now = m_runtime.running(m_containers.names());
    for (const auto& name : now) {
        if (!m_knownRunning.contains(name))
            notify(QStringLiteral("ContainerStateChanged"), {q(name), QStringLiteral("running")});
    }
    for (const auto& name : m_knownRunning) {
        if (!now.contains(name))
            notify(QStringLiteral("ContainerStateChanged"), {q(name), QStringLiteral("shut off")});
    }
    m_knownRunning = now;
}

void ManagerService::notify(const QString& member, const QVariantList& arguments) {
    m_authorizer.audience().send(QStringLiteral("/io/github/cubby1"),
                                 QStringLiteral("io.github.cubby1.Manager"), member, arguments);
}

void ManagerService::replyError(const QDBusMessage& call, const Error& error) {
    QDBusConnection::systemBus().send(
        call.createErrorReply(dbusErrorName(error.kind), q(error.message)));
    emit activity();
}

void ManagerService::replyError(const Error& error) {
    setDelayedReply(true);
    replyError(message(), error);
}

void ManagerService::authorizeThen(const QString& actionId, const QMap<QString, QString>& info,
                                   Action act) {
    emit activity();
    setDelayedReply(true);
    const QDBusMessage call = message();
    m_authorizer.check(call.service(), actionId, info,
                       [this, call, act = std::move(act)](Status allowed) {
                           if (!allowed) {
                               replyError(call, allowed.error());
                               return;
                           }
                           act(call);
                           emit activity();
                       });
}

void ManagerService::authorizeThen(const QString& actionId, const QMap<QString, QString>& info,
                                   Precondition ready, Action act) {
    authorizeThen(actionId, info,
                  [this, ready = std::move(ready), act = std::move(act)](const QDBusMessage& call) {
                      if (auto status = ready(); !status) {
                          replyError(call, status.error());
                          return;
                      }
                      act(call);
                  });
}

bool ManagerService::checkContainerName(const QString& name) {
    if (auto valid = validateObjectName(name.toStdString(), "container name"); !valid) {
        replyError(valid.error());
        return false;
    }
    return true;
}

bool ManagerService::checkNetworkName(const QString& name) {
    if (auto valid = validateObjectName(name.toStdString(), "network name"); !valid) {
        replyError(valid.error());
        return false;
    }
    return true;
}

Status ManagerService::containerDefined(const QString& name) const {
    if (!m_containers.exists(name.toStdString()))
        return fail(
            Error::of(ErrorKind::NotFound, "no container named '" + name.toStdString() + "'"));
    return {};
}

Status ManagerService::networkDefined(const QString& name) const {
    if (!m_networks.exists(name.toStdString()))
        return fail(
            Error::of(ErrorKind::NotFound, "no network named '" + name.toStdString() + "'"));
    return {};
}

Status ManagerService::containerRunning(const QString& name) {
    CUBBY_CHECK(containerDefined(name));
    if (!m_runtime.isRunning(name.toStdString()))
        return fail(Error::of(ErrorKind::Conflict,
                              "container '" + name.toStdString() + "' is not running"));
    return {};
}

// ---- containers ---------------------------------------------------------------------------

std::vector<DhcpLease> ManagerService::networkLeases(const std::string& network,
                                                     LeaseCache& cache) const {
    if (const auto found = cache.find(network); found != cache.end())
        return found->second;
    // Written by the network's dnsmasq (dnsmasq_config.h), kept across restarts; absent
    // until the first lease.
    std::ifstream in(m_config.paths.networkStateDir(network) + "/dnsmasq.leases");
    const std::string text(std::istreambuf_iterator<char>(in), {});
    return cache[network] = parseDnsmasqLeases(text, ::time(nullptr));
}

QVariantMap ManagerService::describeContainer(const std::string& name, bool running,
                                              LeaseCache& leases) {
    const int64_t pid = running ? m_runtime.initPid(name) : 0;
    QVariantMap entry{
        {QStringLiteral("name"), q(name)},
        {QStringLiteral("state"), running ? QStringLiteral("running") : QStringLiteral("shut off")},
        {QStringLiteral("pid"), qlonglong(pid)},
        {QStringLiteral("autostart"), m_containers.autostart(name)}};
    QStringList addresses;
    if (auto domain = storedContainer(name)) {
        entry[QStringLiteral("uuid")] = q(domain->uuid.toString());
        entry[QStringLiteral("title")] = q(domain->title);
        addSecurityFields(entry, *domain);
        for (const auto& iface : domain->interfaces) {
            for (const auto& ip : iface.ips)
                addresses << q(ip.address.toString());
            // What the network's DHCP server gave the running container.
            if (!running || iface.type != InterfaceType::Network || !iface.mac)
                continue;
            for (const DhcpLease& lease : networkLeases(iface.source, leases)) {
                if (lease.mac == iface.mac->toString() && !addresses.contains(q(lease.ip)))
                    addresses << q(lease.ip);
            }
        }
        // And what its own network namespace has that no record here holds: IPv6 from router
        // advertisements or DHCPv6, IPv4 from a LAN's DHCP on a host bridge or macvlan.
        if (pid > 0 && hasOwnNetworkNamespace(pid))
            addNamespaceAddresses(pid, addresses);
    }
    entry[QStringLiteral("addresses")] = addresses;
    return entry;
}

QVariantMapList ManagerService::ListContainers() {
    authorizeThen(monitorAction, {}, [this](const QDBusMessage& call) {
        QVariantMapList list;
        LeaseCache leases;
        for (const auto& name : m_containers.names())
            list << describeContainer(name, m_runtime.isRunning(name), leases);
        QDBusConnection::systemBus().send(call.createReply(QVariant::fromValue(list)));
    });
    return {};
}

Status ManagerService::checkNewContainer(Domain& domain, bool generatedUuid) const {
    std::vector<Domain> all;
    for (const auto& name : m_containers.names()) {
        auto other = storedContainer(name);
        if (!other) {
            // Redefining a broken definition repairs it; any other would go unchecked against
            // it (its UUID could be taken twice), so the caller is told to deal with it first.
            if (name == domain.name)
                continue;
            return fail(Error::of(ErrorKind::Conflict,
                                  "the stored definition of container '" + name +
                                      "' cannot be read (" + other.error().message +
                                      "), so the new one cannot be checked against it; "
                                      "undefine '" +
                                      name + "' first"));
        }
        if (other->name == domain.name) {
            if (generatedUuid)
                domain.uuid = other->uuid; // redefining keeps the container's identity
            else if (other->uuid != domain.uuid)
                return fail(Error::of(ErrorKind::Conflict, "container '" + domain.name +
                                                               "' is already defined with UUID " +
                                                               other->uuid.toString()));
            continue;
        }
        // A MAC is a container's identity on the wire: its bridge port is locked to it, and
        // its reservations and walls are kept by it. A second container with it would take
        // those over.
        for (const Interface& mine : domain.interfaces) {
            for (const Interface& theirs : other->interfaces) {
                if (mine.mac && theirs.mac == mine.mac)
                    return fail(Error::of(ErrorKind::Conflict,
                                          std::format("the MAC address {} is container '{}''s "
                                                      "already; give this one another <mac "
                                                      "address> or none (Cubby makes one)",
                                                      mine.mac->toString(), other->name)));
            }
        }
        all.push_back(std::move(*other));
    }
    all.push_back(domain);
    return validateDomainSet(all);
}

QString ManagerService::DefineContainer(const QString& xml,
                                        QStringList& /*warnings: in the delayed reply*/) {
    bool generatedUuid = false;
    auto parsed = parseDomainXml(xml.toStdString(), [&] {
        generatedUuid = true;
        return randomUuid();
    });
    if (!parsed) {
        replyError(parsed.error());
        return {};
    }
    Domain domain = std::move(*parsed);
    domain.live.reset();
    const QString name = q(domain.name);
    const uint caller = callerUid();
    authorizeByRisk(
        details("container", name, "define"), manageAction,
        [this, domain, caller] { return assessDefinition(domain, caller); },
        [this, domain, name, generatedUuid, caller](const QDBusMessage& call) mutable {
            auto stored = storeDefinition(domain, generatedUuid, caller);
            if (!stored) {
                replyError(call, stored.error());
                return;
            }
            QDBusConnection::systemBus().send(
                call.createReply({name, toQStringList(domainWarnings(domain))}));
            if (*stored)
                notify(QStringLiteral("ContainerAdded"), {name});
        });
    return {};
}

Result<bool> ManagerService::storeDefinition(Domain& domain, bool generatedUuid, uint caller) {
    // Compared with the stored ones only now: a refused caller learns nothing of them.
    CUBBY_CHECK(checkNewContainer(domain, generatedUuid));
    const bool added = !m_containers.exists(domain.name);
    CUBBY_CHECK(settleIdentity(domain, caller));
    // The generated MACs are stored, so the reservations made for them keep matching.
    assignInterfaceMacs(domain);
    std::vector<MacAddress> previous;
    if (auto old = m_containers.read(domain.name)) {
        if (auto replaced = parseDomainXml(*old, randomUuid))
            previous = allMacs(reservationMacs(*replaced));
    }
    // Planned before anything is written: a full DHCP range refuses the definition.
    CUBBY_TRY(claims, planNetworkClaims(domain.name, networkClaims(domain), previous));
    CUBBY_CHECK(m_containers.write(domain.name, formatDomainXml(domain)));
    storeNetworkClaims(claims);
    return added;
}

void ManagerService::UndefineContainer(const QString& name) {
    if (!checkContainerName(name))
        return;
    const uint caller = callerUid();
    authorizeByRisk(
        details("container", name, "undefine"), manageAction,
        [this, name, caller] { return assessStoredContainer(name.toStdString(), caller, false); },
        [this, name](const QDBusMessage& call) {
            const std::string id = name.toStdString();
            if (m_runtime.isRunning(id)) {
                replyError(call, Error::of(ErrorKind::Conflict,
                                           "container '" + id + "' is running; destroy it first"));
                return;
            }
            std::vector<MacAddress> previous;
            if (auto old = m_containers.read(id)) {
                if (auto domain = parseDomainXml(*old, randomUuid))
                    previous = allMacs(reservationMacs(*domain));
            }
            if (auto removed = m_containers.remove(id); !removed) {
                replyError(call, removed.error());
                return;
            }
            // A record of a shifted root filesystem (tree_shift.h) belongs to the container.
            ::unlink(m_config.paths.rootShiftRecord(id).c_str());
            // Its reservations go with it, so their addresses are free for others again, and
            // so do its walls.
            if (auto released = planNetworkClaims(id, {}, previous))
                storeNetworkClaims(*released);
            QDBusConnection::systemBus().send(call.createReply());
            notify(QStringLiteral("ContainerRemoved"), {name});
        });
}

QString ManagerService::GetContainerXml(const QString& name, bool live) {
    if (!checkContainerName(name))
        return {};
    authorizeThen(
        monitorAction, details("container", name, "read"),
        [this, name] { return containerDefined(name); },
        [this, name, live](const QDBusMessage& call) {
            const std::string id = name.toStdString();
            if (live && m_runtime.isRunning(id)) {
                const std::string xml = m_runtime.liveXml(id);
                if (!xml.empty()) {
                    QDBusConnection::systemBus().send(call.createReply(q(xml)));
                    return;
                }
            }
            auto stored = m_containers.read(id);
            if (!stored) {
                replyError(call, stored.error());
                return;
            }
            QDBusConnection::systemBus().send(call.createReply(q(*stored)));
        });
    return {};
}

qlonglong ManagerService::StartContainer(const QString& name) {
    if (!checkContainerName(name))
        return 0;
    const uint caller = callerUid();
    authorizeByRisk(
        details("container", name, "start"), manageAction,
        [this, name, caller] { return assessStoredContainer(name.toStdString(), caller, true); },
        [this, name](const QDBusMessage& call) {
            startContainerNow(name.toStdString(), [this, call](Result<int64_t> pid) {
                if (!pid) {
                    replyError(call, pid.error());
                    return;
                }
                QDBusConnection::systemBus().send(call.createReply(qlonglong(*pid)));
            });
        });
    return 0;
}

void ManagerService::startContainerNow(const std::string& id,
                                       std::function<void(Result<int64_t>)> done) {
    if (m_runtime.isRunning(id)) {
        done(fail(Error::of(ErrorKind::Conflict, "container '" + id + "' is already running")));
        return;
    }
    // Its tree is being exported or cloned: running, it would change under the job.
    if (m_jobs.readingFrom(QString::fromStdString(id))) {
        done(fail(Error::of(ErrorKind::Conflict, "container '" + id +
                                                     "' is being exported or cloned; start it once "
                                                     "the job is done or cancel the job")));
        return;
    }
    if (auto networks = checkContainerNetworks(id); !networks) {
        done(fail(networks.error()));
        return;
    }
    // A container defined before its network, or before reservations existed, gets its
    // reservations (and a stored MAC) now; the controller reads both.
    auto ensured = [&]() -> Status {
        CUBBY_TRY(xml, m_containers.read(id));
        CUBBY_TRY(domain, parseDomainXml(xml, randomUuid));
        if (assignInterfaceMacs(domain))
            CUBBY_CHECK(m_containers.write(id, formatDomainXml(domain)));
        const NetworkClaims claims = networkClaims(domain);
        CUBBY_TRY(changed, planNetworkClaims(id, claims, allMacs(claims.reservations)));
        storeNetworkClaims(changed);
        return {};
    }();
    if (!ensured) {
        done(fail(ensured.error()));
        return;
    }
    m_runtime.start(id, m_containers.directory() + "/" + id + ".xml",
                    [this, done = std::move(done)](Result<int64_t> pid) {
                        done(std::move(pid));
                        noteStateChanges();
                        emit activity();
                    });
}

void ManagerService::requestControl(const QString& name, const QString& operation,
                                    ControlMessage type, std::string payload) {
    if (!checkContainerName(name))
        return;
    const uint caller = callerUid();
    authorizeByRisk(
        details("container", name, operation), manageAction,
        [this, name, caller] { return assessStoredContainer(name.toStdString(), caller, false); },
        [this, name, type, payload](const QDBusMessage& call) {
            if (auto running = containerRunning(name); !running) {
                replyError(call, running.error());
                return;
            }
            auto done = m_runtime.request(name.toStdString(), type, payload);
            if (!done) {
                replyError(call, done.error());
                return;
            }
            QDBusConnection::systemBus().send(call.createReply());
        });
}

void ManagerService::ShutdownContainer(const QString& name, uint timeout) {
    requestControl(name, QStringLiteral("shutdown"), ControlMessage::Shutdown,
                   std::to_string(timeout == 0 ? 30 : timeout));
}

void ManagerService::DestroyContainer(const QString& name) {
    requestControl(name, QStringLiteral("destroy"), ControlMessage::Destroy, {});
}

void ManagerService::RebootContainer(const QString& name) {
    requestControl(name, QStringLiteral("reboot"), ControlMessage::Reboot, {});
}

void ManagerService::SetAutostart(const QString& name, bool enabled) {
    if (!checkContainerName(name))
        return;
    // Autostart starts it at boot with no one there: judged as a start.
    const uint caller = callerUid();
    authorizeByRisk(
        details("container", name, enabled ? "autostart" : "noautostart"), manageAction,
        [this, name, caller] { return assessStoredContainer(name.toStdString(), caller, true); },
        [this, name, enabled](const QDBusMessage& call) {
            if (auto set = m_containers.setAutostart(name.toStdString(), enabled); !set) {
                replyError(call, set.error());
                return;
            }
            QDBusConnection::systemBus().send(call.createReply());
        });
}

QVariantMap ManagerService::GetContainerInfo(const QString& name) {
    if (!checkContainerName(name))
        return {};
    authorizeThen(
        monitorAction, details("container", name, "read"),
        [this, name] { return containerDefined(name); },
        [this, name](const QDBusMessage& call) {
            const std::string id = name.toStdString();
            auto stored = m_containers.read(id);
            auto domain =
                stored ? parseDomainXml(*stored, randomUuid) : Result<Domain>(fail(stored.error()));
            if (!domain) {
                replyError(call, domain.error());
                return;
            }
            const bool running = m_runtime.isRunning(id);
            const auto stats = running ? m_runtime.stats(id) : Result<CgroupStats>();
            QString console;
            if (running) {
                auto live = parseDomainXml(m_runtime.liveXml(id), randomUuid);
                if (live && live->live && !live->live->consoleTtys.empty())
                    console = q(live->live->consoleTtys.front());
            }
            QVariantMap info{
                {QStringLiteral("id"), qlonglong(running ? m_runtime.initPid(id) : -1)},
                {QStringLiteral("name"), name},
                {QStringLiteral("uuid"), q(domain->uuid.toString())},
                {QStringLiteral("os_type"), QStringLiteral("exe")},
                {QStringLiteral("state"),
                 running ? QStringLiteral("running") : QStringLiteral("shut off")},
                {QStringLiteral("cpus"), domain->vcpus},
                {QStringLiteral("max_memory_kib"), qulonglong(domain->memoryKiB)},
                {QStringLiteral("used_memory_kib"),
                 qulonglong(running && stats ? stats->memoryCurrentBytes / 1024 : 0)},
                {QStringLiteral("cpu_time_ns"),
                 qulonglong(running && stats ? stats->cpuUsageNs : 0)},
                {QStringLiteral("autostart"), m_containers.autostart(id)},
                {QStringLiteral("persistent"), true},
                {QStringLiteral("console"), console},
            };
            addSecurityFields(info, *domain);
            QDBusConnection::systemBus().send(call.createReply(info));
        });
    return {};
}

QVariantMapList ManagerService::GetStats() {
    authorizeThen(monitorAction, {}, [this](const QDBusMessage& call) {
        QVariantMapList list;
        for (const auto& name : m_containers.names()) {
            if (!m_runtime.isRunning(name))
                continue;
            auto stats = m_runtime.stats(name);
            if (!stats)
                continue;
            QList<qulonglong> perCpu;
            for (const uint64_t cpu : stats->perCpuUsageNs)
                perCpu << cpu;
            list << QVariantMap{
                {QStringLiteral("name"), q(name)},
                {QStringLiteral("cpu_time_ns"), qulonglong(stats->cpuUsageNs)},
                {QStringLiteral("per_cpu_ns"), QVariant::fromValue(perCpu)},
                {QStringLiteral("memory_bytes"), qulonglong(stats->memoryCurrentBytes)},
                {QStringLiteral("memory_max_bytes"), qulonglong(stats->memoryMaxBytes)},
                {QStringLiteral("oom_kills"), qulonglong(stats->oomKills)},
                {QStringLiteral("pids"), qulonglong(stats->pids)}};
        }
        QDBusConnection::systemBus().send(call.createReply(QVariant::fromValue(list)));
    });
    return {};
}

void ManagerService::openTerminal(const QString& name, const QString& operation,
                                  ControlMessage type, const std::string& payload) {
    if (!checkContainerName(name))
        return;
    const uint caller = callerUid();
    authorizeByRisk(
        details("container", name, operation), consoleAction,
        [this, name, caller] { return assessStoredContainer(name.toStdString(), caller, false); },
        [this, name, type, payload](const QDBusMessage& call) {
            if (auto running = containerRunning(name); !running) {
                replyError(call, running.error());
                return;
            }
            auto opened = [&]() -> Result<std::pair<std::string, UniqueFd>> {
                CUBBY_TRY(client, ControllerClient::connect(
                                      m_config.paths.controlSocket(name.toStdString())));
                return client.requestWithFd(type, payload);
            }();
            if (!opened) {
                replyError(call, opened.error());
                return;
            }
            // QDBusUnixFileDescriptor duplicates; ours closes with `opened`.
            const QString pty = q(opened->first.substr(3)); // "ok NAME"
            QDBusConnection::systemBus().send(call.createReply(
                {QVariant::fromValue(QDBusUnixFileDescriptor(opened->second.get())), pty}));
        });
}

namespace {

constexpr qint64 maxLogBytes = 64 * 1024;

// The last `maxLogBytes` of a file, from the start of a line; "" when there is none.
QString tailOf(const std::string& path) {
    QFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const qint64 size = file.size();
    if (size > maxLogBytes)
        file.seek(size - maxLogBytes);
    QByteArray bytes = file.readAll();
    if (size > maxLogBytes) {
        const qsizetype newline = bytes.indexOf('\n');
        bytes.remove(0, newline < 0 ? 0 : newline + 1);
    }
    return QString::fromUtf8(bytes);
}

} // namespace

QString ManagerService::GetLog(const QString& name, QString& /*console: in the delayed reply*/) {
    if (!checkContainerName(name))
        return {};
    const uint caller = callerUid();
    authorizeByRisk(
        details("container", name, "log"), consoleAction,
        [this, name, caller] { return assessStoredContainer(name.toStdString(), caller, false); },
        [this, name](const QDBusMessage& call) {
            const std::string id = name.toStdString();
            const QString events = tailOf(m_config.paths.logDir() + "/" + id + ".events");
            const QString console = tailOf(m_config.paths.consoleLog(id));
            QDBusConnection::systemBus().send(call.createReply({events, console}));
        });
    return {};
}

QDBusUnixFileDescriptor ManagerService::OpenConsole(const QString& name, QString& /*ptyName*/) {
    openTerminal(name, QStringLiteral("console"), ControlMessage::OpenConsolePty, {});
    return {};
}

QDBusUnixFileDescriptor ManagerService::OpenShell(const QString& name, const QString& user,
                                                  QString& /*ptyName*/) {
    // The user is looked up in the container's own passwd by the controller; here it only
    // has to be a plausible name or number.
    if (!user.isEmpty()) {
        if (auto valid = validateObjectName(user.toStdString(), "user"); !valid) {
            replyError(valid.error());
            return {};
        }
    }
    openTerminal(name, QStringLiteral("shell"), ControlMessage::OpenShell, user.toStdString());
    return {};
}

} // namespace cubby
