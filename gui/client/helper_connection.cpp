#include "helper_connection.h"

#include <QDBusMetaType>
#include <QDBusServiceWatcher>

namespace cubby {

namespace {

const QString helperService = QStringLiteral("io.github.cubby1");
const QString helperPath = QStringLiteral("/io/github/cubby1");

// Long enough for someone to answer polkit's authentication dialog: the call stays pending
// meanwhile, and the window goes on working.
constexpr int callTimeoutMs = 10 * 60 * 1000;

} // namespace

HelperConnection::HelperConnection(const QDBusConnection& bus, QObject* parent)
    : QObject(parent)
    , m_bus(bus) {
    qDBusRegisterMetaType<QList<QVariantMap>>();
    qDBusRegisterMetaType<QMap<QString, QString>>();
    m_manager = new ManagerProxy(helperService, helperPath, m_bus, this);
    m_manager->setTimeout(callTimeoutMs);

    // The helper is started by bus activation and exits after a minute without callers; any
    // call starts it again. Signals reach us only while it runs and owns the name, so when a
    // new owner appears the lists are fetched again: whatever changed while nobody was there
    // to tell us shows up.
    m_watcher = new QDBusServiceWatcher(helperService, m_bus,
                                        QDBusServiceWatcher::WatchForOwnerChange, this);
    connect(m_watcher, &QDBusServiceWatcher::serviceOwnerChanged, this,
            &HelperConnection::ownerChanged);

    // Choice: poll, rather than a separate keep-alive call. While the window is visible the
    // container list is fetched every 5 s (ListContainers: a few small file reads in the
    // helper, polkit's cheap `.monitor`, no dialog). That one call does both jobs: it keeps the
    // helper from its idle exit (so its signals keep coming and updates are immediate), and it
    // repairs anything the signals could not tell us (a helper killed, a test's short idle
    // exit, a container that stopped while no helper ran). When the window is hidden the
    // polling stops and the helper may exit; nothing is lost, the next show refreshes.
    m_poll.setInterval(refreshIntervalMs);
    connect(&m_poll, &QTimer::timeout, this, &HelperConnection::refreshNeeded);

    if (!m_bus.isConnected())
        setReachable(false, tr("no system bus: %1").arg(m_bus.lastError().message()));
}

HelperConnection::~HelperConnection() = default;

void HelperConnection::watch(const QDBusPendingCall& call, QObject* context,
                             std::function<void(QDBusPendingCallWatcher&)> done) {
    auto* watcher = new QDBusPendingCallWatcher(call, context);
    connect(watcher, &QDBusPendingCallWatcher::finished, context,
            [this, watcher, done = std::move(done)] {
                watcher->deleteLater();
                if (watcher->isError() && isTransportError(watcher->error()))
                    setReachable(false, watcher->error().message());
                else
                    setReachable(true, {});
                if (done)
                    done(*watcher);
            });
}

void HelperConnection::setPolling(bool on) {
    if (on && !m_poll.isActive()) {
        m_poll.start();
        emit refreshNeeded();
    } else if (!on) {
        m_poll.stop();
    }
}

bool HelperConnection::isTransportError(const QDBusError& error) {
    switch (error.type()) {
    case QDBusError::ServiceUnknown:
    case QDBusError::NoReply:
    case QDBusError::Disconnected:
    case QDBusError::NoServer:
    case QDBusError::Timeout:
    case QDBusError::TimedOut:
    case QDBusError::NoNetwork:
    case QDBusError::AccessDenied:
    case QDBusError::UnknownObject:
    case QDBusError::UnknownInterface:
    case QDBusError::UnknownMethod:
        return true;
    default:
        return false;
    }
}

void HelperConnection::setReachable(bool reachable, const QString& reason) {
    if (reachable == m_reachable && reason == m_reason)
        return;
    m_reachable = reachable;
    m_reason = reason;
    emit reachabilityChanged(reachable, reason);
}

void HelperConnection::ownerChanged(const QString&, const QString&, const QString& newOwner) {
    // Exiting when idle is normal and says nothing about reachability: the next call starts the
    // helper again. A new owner means a fresh helper: fetch everything again.
    if (!newOwner.isEmpty())
        emit refreshNeeded();
}

} // namespace cubby
