// ManagerService's network methods (io.github.cubby1.Manager): definitions on disk, running
// networks as cubby-network processes (network_processes.h), leases and the diagnosis.
// Same order as everywhere: validate → authorize → act → reply.
#include "dbus_errors.h"
#include "dhcp_leases.h"
#include "domain_xml.h"
#include "manager_common.h"
#include "manager_service.h"
#include "netlink.h"
#include "network_diagnosis.h"
#include "network_plan.h"
#include "network_runtime.h"
#include "network_xml.h"

#include <QDBusConnection>
#include <format>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string_view>
#include <time.h>

namespace cubby {

using namespace manager;

namespace {

QString forwardName(ForwardMode mode) {
    switch (mode) {
    case ForwardMode::Nat:
        return QStringLiteral("nat");
    case ForwardMode::Route:
        return QStringLiteral("route");
    case ForwardMode::Open:
        return QStringLiteral("open");
    case ForwardMode::Bridge:
        return QStringLiteral("bridge");
    case ForwardMode::Private:
        return QStringLiteral("private");
    case ForwardMode::Vepa:
        return QStringLiteral("vepa");
    case ForwardMode::Passthrough:
        return QStringLiteral("passthrough");
    case ForwardMode::None:
        break;
    }
    return QStringLiteral("none");
}

Error notActive(const std::string& name) {
    return Error::of(ErrorKind::Conflict, std::format("network '{}' is not active", name));
}

Error isActive(const std::string& name, std::string_view then) {
    return Error::of(ErrorKind::Conflict, std::format("network '{}' is active; {}", name, then));
}

} // namespace

std::vector<Network> ManagerService::storedNetworks(const std::string& except) const {
    std::vector<Network> networks;
    for (const auto& name : m_networks.names()) {
        if (name == except)
            continue;
        auto stored = m_networks.read(name);
        auto network = stored ? parseNetworkXml(*stored, randomUuid) : Result<Network>();
        if (stored && network)
            networks.push_back(std::move(*network));
    }
    return networks;
}

Status ManagerService::checkContainerNetworks(const std::string& name) {
    CUBBY_TRY(domain, storedContainer(name));
    for (const Interface& iface : domain.interfaces) {
        if (iface.type != InterfaceType::Network)
            continue;
        if (!m_networks.exists(iface.source))
            return fail(Error::of(ErrorKind::NotFound,
                                  std::format("container '{}' uses network '{}', which is not "
                                              "defined",
                                              name, iface.source)));
        // Not started on the container's behalf, even when marked autostart: starting a
        // network changes the host's firewall and needs io.github.cubby1.network, which
        // the caller was not asked for.
        if (!m_networkProcesses.isActive(iface.source))
            return fail(Error::of(ErrorKind::Conflict,
                                  std::format("network '{}' is not running; start it first "
                                              "(cubbyctl net-start {})",
                                              iface.source, iface.source)));
    }
    return {};
}

void ManagerService::noteNetworkStateChanges() {
    const auto now = m_networkProcesses.active(m_networks.names());
    for (const auto& name : now) {
        if (!m_knownActiveNetworks.contains(name))
            notify(QStringLiteral("NetworkStateChanged"), {q(name), QStringLiteral("active")});
    }
    for (const auto& name : m_knownActiveNetworks) {
        if (!now.contains(name))
            notify(QStringLiteral("NetworkStateChanged"), {q(name), QStringLiteral("inactive")});
    }
    m_knownActiveNetworks = now;
}

QVariantMapList ManagerService::ListNetworks() {
    authorizeThen(monitorAction, {}, [this](const QDBusMessage& call) {
        QVariantMapList list;
        for (const auto& name : m_networks.names()) {
            QVariantMap entry{{QStringLiteral("name"), q(name)},
                              {QStringLiteral("active"), m_networkProcesses.isActive(name)},
                              {QStringLiteral("autostart"), m_networks.autostart(name)},
                              {QStringLiteral("persistent"), true}};
            if (auto xml = m_networks.read(name)) {
                if (auto network = parseNetworkXml(*xml, randomUuid)) {
                    entry[QStringLiteral("uuid")] = q(network->uuid.toString());
                    entry[QStringLiteral("bridge")] = q(network->bridge.name);
                    entry[QStringLiteral("forward")] = forwardName(network->forward.mode);
                    if (const NetworkIp* v4 = network->ipv4())
                        entry[QStringLiteral("subnet")] = q(v4->address.network().toString());
                }
            }
            list << entry;
        }
        QDBusConnection::systemBus().send(call.createReply(QVariant::fromValue(list)));
    });
    return {};
}

QVariantMapList ManagerService::ListHostLans() {
    authorizeThen(monitorAction, {}, [this](const QDBusMessage& call) {
        auto links = readHostLinks();
        auto facts = links ? NetlinkSocket::open().and_then(
                                 [](NetlinkSocket netlink) { return netlink.hostFacts(); })
                           : Result<HostNetworkFacts>(fail(links.error()));
        if (!facts) {
            replyError(call, facts.error());
            return;
        }
        QVariantMapList list;
        for (const HostLanChoice& choice : hostLanChoices(*links, *facts, storedNetworks()))
            list << QVariantMap{{QStringLiteral("name"), q(choice.name)},
                                {QStringLiteral("kind"),
                                 choice.bridge ? QStringLiteral("bridge") : QStringLiteral("nic")},
                                {QStringLiteral("wireless"), choice.wireless},
                                {QStringLiteral("uplink"), choice.uplink},
                                {QStringLiteral("up"), choice.up},
                                {QStringLiteral("card"), choice.hasCard}};
        QDBusConnection::systemBus().send(call.createReply(QVariant::fromValue(list)));
    });
    return {};
}

QString ManagerService::DefineNetwork(const QString& xml,
                                      QStringList& /*warnings: in the delayed reply*/) {
    bool generatedUuid = false;
    auto parsed = parseNetworkXml(
        xml.toStdString(),
        [&] {
            generatedUuid = true;
            return randomUuid();
        },
        NetworkCompleteness::SubnetChosenLater);
    if (parsed) {
        if (auto supported = refuseUnsupportedNetworkElements(*parsed); !supported)
            parsed = std::unexpected(supported.error());
    }
    if (!parsed) {
        replyError(parsed.error());
        return {};
    }
    // Compared with the stored networks only after polkit (validateNetworkSet below).
    Network network = std::move(*parsed);
    const QString name = q(network.name);
    authorizeThen(
        networkAction, details("network", name, "define"),
        [this, network, name, generatedUuid](const QDBusMessage& call) mutable {
            if (m_networkProcesses.isActive(network.name)) {
                replyError(call, isActive(network.name, "destroy it before redefining it"));
                return;
            }
            // Redefining keeps what was chosen before: the identity, the bridge, the subnet
            // (containers' reservations and firewall openings refer to them).
            if (auto old = m_networks.read(network.name)) {
                if (auto previous = parseNetworkXml(*old, randomUuid)) {
                    if (generatedUuid)
                        network.uuid = previous->uuid;
                    if (network.bridge.name.empty())
                        network.bridge.name = previous->bridge.name;
                    if (!network.ipv4() && previous->ipv4() &&
                        network.forward.mode == previous->forward.mode)
                        network.ips.insert(network.ips.begin(), *previous->ipv4());
                    // Containers' walls come back when they start; until then they hold.
                    const bool canWall =
                        network.forward.mode != ForwardMode::Open && !network.joinsHostLan();
                    if (network.containerWalls.empty() && canWall)
                        network.containerWalls = previous->containerWalls;
                }
            }
            std::vector<Network> others = storedNetworks(network.name);
            HostNetworkFacts facts;
            if (network.bridge.name.empty() || !network.ipv4()) {
                // The host as it is now, in the namespace the networks will run in.
                auto read = [&]() -> Result<HostNetworkFacts> {
                    CUBBY_TRY(netlink, NetlinkSocket::open());
                    return netlink.hostFacts();
                }();
                if (!read) {
                    replyError(call, read.error());
                    return;
                }
                facts = std::move(*read);
            }
            auto completed = completeNetworkDefinition(std::move(network), facts, others);
            if (!completed) {
                replyError(call, completed.error());
                return;
            }
            if (auto complete = validateNetwork(*completed); !complete) {
                replyError(call, complete.error());
                return;
            }
            others.push_back(*completed);
            if (auto valid = validateNetworkSet(others); !valid) {
                replyError(call, valid.error());
                return;
            }
            const bool added = !m_networks.exists(completed->name);
            if (auto written = m_networks.write(completed->name, formatNetworkXml(*completed));
                !written) {
                replyError(call, written.error());
                return;
            }
            QDBusConnection::systemBus().send(
                call.createReply({name, toQStringList(networkWarnings(*completed))}));
            if (added)
                notify(QStringLiteral("NetworkAdded"), {name});
        });
    return {};
}

void ManagerService::UndefineNetwork(const QString& name) {
    if (!checkNetworkName(name))
        return;
    authorizeThen(
        networkAction, details("network", name, "undefine"),
        [this, name] { return networkDefined(name); },
        [this, name](const QDBusMessage& call) {
            const std::string id = name.toStdString();
            if (m_networkProcesses.isActive(id)) {
                replyError(call, isActive(id, "destroy it first"));
                return;
            }
            if (auto removed = m_networks.remove(id); !removed) {
                replyError(call, removed.error());
                return;
            }
            QDBusConnection::systemBus().send(call.createReply());
            notify(QStringLiteral("NetworkRemoved"), {name});
        });
}

QString ManagerService::GetNetworkXml(const QString& name) {
    if (!checkNetworkName(name))
        return {};
    authorizeThen(
        monitorAction, details("network", name, "read"),
        [this, name] { return networkDefined(name); },
        [this, name](const QDBusMessage& call) {
            auto stored = m_networks.read(name.toStdString());
            if (!stored) {
                replyError(call, stored.error());
                return;
            }
            QDBusConnection::systemBus().send(call.createReply(q(*stored)));
        });
    return {};
}

void ManagerService::StartNetwork(const QString& name) {
    if (!checkNetworkName(name))
        return;
    const std::string id = name.toStdString();
    authorizeThen(
        networkAction, details("network", name, "start"),
        [this, name] { return networkDefined(name); },
        [this, id](const QDBusMessage& call) {
            startNetworkNow(id, [this, call](Status started) {
                if (!started)
                    replyError(call, started.error());
                else
                    QDBusConnection::systemBus().send(call.createReply());
            });
        });
}

void ManagerService::startNetworkNow(const std::string& id, std::function<void(Status)> done) {
    if (m_networkProcesses.isActive(id)) {
        done(fail(
            Error::of(ErrorKind::Conflict, std::format("network '{}' is already active", id))));
        return;
    }
    // The subnet was free when it was chosen; the laptop may have joined a network that uses
    // it since. Checked here too (cubby-network checks again) so that the caller gets a
    // Conflict naming the host's address or route.
    auto checked = [&]() -> Status {
        CUBBY_TRY(xml, m_networks.read(id));
        CUBBY_TRY(network, parseNetworkXml(xml, randomUuid));
        if (network.bridge.name.empty())
            return failInvalid(std::format("network '{}' has no bridge name; define it again "
                                           "and one is chosen",
                                           id));
        CUBBY_TRY(netlink, NetlinkSocket::open());
        CUBBY_TRY(facts, netlink.hostFacts());
        return checkSubnetConflicts(network, facts);
    }();
    if (!checked) {
        done(fail(checked.error()));
        return;
    }
    m_networkProcesses.start(id, m_networks.directory() + "/" + id + ".xml",
                             [this, done = std::move(done)](Status started) {
                                 done(std::move(started));
                                 noteNetworkStateChanges();
                                 emit activity();
                             });
}

void ManagerService::StopNetwork(const QString& name) {
    if (!checkNetworkName(name))
        return;
    const std::string id = name.toStdString();
    authorizeThen(
        networkAction, details("network", name, "destroy"),
        [this, name] { return networkDefined(name); },
        [this, id](const QDBusMessage& call) {
            if (!m_networkProcesses.isActive(id)) {
                replyError(call, notActive(id));
                return;
            }
            m_networkProcesses.stop(id, [this, call](Status stopped) {
                if (!stopped)
                    replyError(call, stopped.error());
                else
                    QDBusConnection::systemBus().send(call.createReply());
                noteNetworkStateChanges();
                emit activity();
            });
        });
}

void ManagerService::SetNetworkAutostart(const QString& name, bool enabled) {
    if (!checkNetworkName(name))
        return;
    authorizeThen(
        networkAction, details("network", name, enabled ? "autostart" : "noautostart"),
        [this, name] { return networkDefined(name); },
        [this, name, enabled](const QDBusMessage& call) {
            if (auto set = m_networks.setAutostart(name.toStdString(), enabled); !set) {
                replyError(call, set.error());
                return;
            }
            QDBusConnection::systemBus().send(call.createReply());
        });
}

QVariantMapList ManagerService::GetDhcpLeases(const QString& name) {
    if (!checkNetworkName(name))
        return {};
    authorizeThen(
        monitorAction, details("network", name, "read"),
        [this, name] { return networkDefined(name); },
        [this, name](const QDBusMessage& call) {
            QVariantMapList list;
            LeaseCache leases;
            for (const DhcpLease& lease : networkLeases(name.toStdString(), leases))
                list << QVariantMap{{QStringLiteral("mac"), q(lease.mac)},
                                    {QStringLiteral("ip"), q(lease.ip)},
                                    {QStringLiteral("hostname"), q(lease.hostname)},
                                    {QStringLiteral("client_id"), q(lease.clientId)},
                                    {QStringLiteral("expiry"), qlonglong(lease.expiry)}};
            QDBusConnection::systemBus().send(call.createReply(QVariant::fromValue(list)));
        });
    return {};
}

QVariantMapList ManagerService::DiagnoseNetwork(const QString& name) {
    if (!checkNetworkName(name))
        return {};
    authorizeThen(
        monitorAction, details("network", name, "diagnose"),
        [this, name] { return networkDefined(name); },
        [this, name](const QDBusMessage& call) {
            const std::string id = name.toStdString();
            auto stored = m_networks.read(id);
            auto network = stored ? parseNetworkXml(*stored, randomUuid)
                                  : Result<Network>(fail(stored.error()));
            if (!network) {
                replyError(call, network.error());
                return;
            }
            const DiagnosisContext context{m_config.paths, m_networkProcesses.isActive(id),
                                           m_config.resolvFile.isEmpty()
                                               ? std::string("/etc/resolv.conf")
                                               : m_config.resolvFile.toStdString()};
            ++m_pendingDiagnoses;
            diagnoseNetwork(*network, context, this, [this, call](std::vector<DiagnosisHop> hops) {
                --m_pendingDiagnoses;
                QVariantMapList list;
                for (const DiagnosisHop& hop : hops)
                    list << QVariantMap{
                        {QStringLiteral("hop"), q(hop.hop)},
                        {QStringLiteral("status"), q(std::string(hopStatusName(hop.status)))},
                        {QStringLiteral("message"), q(hop.message)}};
                QDBusConnection::systemBus().send(call.createReply(QVariant::fromValue(list)));
                emit activity();
            });
        });
    return {};
}

} // namespace cubby
