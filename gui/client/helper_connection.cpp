#include "helper_connection.h"

#include <QCoreApplication>
#include <QDBusMessage>
#include <QDBusMetaType>
#include <QDBusPendingReply>
#include <QDBusServiceWatcher>
#include <algorithm>
#include <thread>
#include <utility>

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
    useBus(bus);

    // Choice: poll, rather than a separate keep-alive call. While the window is visible the
    // container list is fetched every 5 s (ListContainers: a few small file reads in the
    // helper, polkit's cheap `.monitor`, no dialog). That one call does both jobs: it keeps the
    // helper from its idle exit (so its signals keep coming and updates are immediate), and it
    // repairs anything the signals could not tell us (a helper killed, a test's short idle
    // exit, a container that stopped while no helper ran). When the window is hidden the
    // polling stops and the helper may exit; nothing is lost, the next show refreshes. For a
    // remote machine the same call notices a dropped connection.
    m_poll.setInterval(refreshIntervalMs);
    connect(&m_poll, &QTimer::timeout, this, &HelperConnection::refreshNeeded);
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &HelperConnection::startConnecting);

    if (!m_bus.isConnected())
        setReachable(false, tr("no system bus: %1").arg(m_bus.lastError().message()));
}

HelperConnection::HelperConnection(const SshTarget& target, const QString& uri, QObject* parent)
    : HelperConnection(QDBusConnection(QStringLiteral("cubby-not-connected")), parent) {
    m_target = target;
    m_uri = uri;
    startConnecting();
}

HelperConnection::~HelperConnection() {
    if (!m_busName.isEmpty())
        QDBusConnection::disconnectFromBus(m_busName); // ends ssh
}

void HelperConnection::useBus(const QDBusConnection& bus) {
    m_bus = bus;
    delete m_watcher;
    delete m_manager;
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
}

QString HelperConnection::hostLabel() const {
    if (!m_target)
        return tr("This computer");
    const QString host = QString::fromStdString(m_target->host);
    return m_target->user.empty()
               ? host
               : QStringLiteral("%1@%2").arg(QString::fromStdString(m_target->user), host);
}

QString HelperConnection::sshProgram() {
    const QString chosen = qEnvironmentVariable("CUBBY_SSH");
    return chosen.isEmpty() ? QStringLiteral("ssh") : chosen;
}

void HelperConnection::onManager(QObject* context,
                                 const std::function<void(ManagerProxy*)>& hookUp) {
    m_hooks.emplace_back(context, hookUp);
    hookUp(m_manager);
}

void HelperConnection::reconnect() {
    if (!m_target || m_connecting)
        return;
    m_reconnectTimer.stop();
    m_reconnectDelayMs = firstReconnectDelayMs;
    startConnecting();
}

void HelperConnection::startConnecting() {
    if (!m_target || m_connecting)
        return;
    m_connecting = true;
    setReachable(false, {}); // "connecting"
    if (!m_busName.isEmpty())
        QDBusConnection::disconnectFromBus(std::exchange(m_busName, QString()));
    // libdbus starts ssh and then waits for the bus's greeting, however long ssh takes to log
    // in: on a thread of its own, so the window goes on working meanwhile.
    static int connections = 0;
    const QString name = QStringLiteral("cubby-remote-%1").arg(++connections);
    const QString address =
        QString::fromStdString(sshBusAddress(*m_target, sshProgram().toStdString()));
    std::thread([guard = QPointer<HelperConnection>(this), address, name] {
        QDBusConnection bus = QDBusConnection::connectToBus(address, name);
        QMetaObject::invokeMethod(
            qApp,
            [guard, bus, name] {
                if (guard)
                    guard->connected(bus, name);
                else
                    QDBusConnection::disconnectFromBus(name);
            },
            Qt::QueuedConnection);
    }).detach();
}

void HelperConnection::connected(const QDBusConnection& bus, const QString& name) {
    m_connecting = false;
    m_busName = name;
    if (!bus.isConnected()) {
        const QString why = bus.lastError().message();
        scheduleReconnect(why.isEmpty() ? tr("ssh ended") : why);
        return;
    }
    m_reconnectDelayMs = firstReconnectDelayMs;
    useBus(bus);
    for (auto& [context, hookUp] : m_hooks)
        if (context)
            hookUp(m_manager);
    emit managerChanged();
    setReachable(true, {});
    emit refreshNeeded();
    // For polkit's agent on that machine (RemoteAuthAgent): the process to register it for.
    QDBusMessage ask = QDBusMessage::createMethodCall(
        QStringLiteral("org.freedesktop.DBus"), QStringLiteral("/org/freedesktop/DBus"),
        QStringLiteral("org.freedesktop.DBus"), QStringLiteral("GetConnectionUnixProcessID"));
    ask.setArguments({m_bus.baseService()});
    watch(m_bus.asyncCall(ask), this, [this](QDBusPendingCallWatcher& call) {
        const QDBusPendingReply<uint> reply = call;
        if (!reply.isError())
            emit bridgeFound(reply.value());
    });
}

void HelperConnection::scheduleReconnect(const QString& reason) {
    const int seconds = (m_reconnectDelayMs + 999) / 1000;
    setReachable(false, tr("%1 (connecting again in %n s)", nullptr, seconds).arg(reason));
    m_reconnectTimer.start(m_reconnectDelayMs);
    m_reconnectDelayMs = std::min(m_reconnectDelayMs * 2, longestReconnectDelayMs);
}

void HelperConnection::watch(const QDBusPendingCall& call, QObject* context,
                             std::function<void(QDBusPendingCallWatcher&)> done) {
    // A call on a connection that is not (yet, or any more) made is never answered by Qt: it
    // ends here at once with the error, as a call cut off by a lost connection ends.
    auto* watcher = new QDBusPendingCallWatcher(
        m_bus.isConnected()
            ? call
            : QDBusPendingCall::fromError(
                  QDBusError(QDBusError::Disconnected, tr("not connected to %1").arg(hostLabel()))),
        context);
    // `context` may outlive this connection (a page shown after its machine was closed):
    // then only `done` runs.
    connect(watcher, &QDBusPendingCallWatcher::finished, context,
            [self = QPointer<HelperConnection>(this), watcher, done = std::move(done)] {
                watcher->deleteLater();
                if (self)
                    self->noteReply(*watcher);
                if (done)
                    done(*watcher);
            });
}

void HelperConnection::noteReply(const QDBusPendingCallWatcher& watcher) {
    // While a remote machine is being reached again, its state is what shows.
    const bool reconnecting = m_target && (m_connecting || m_reconnectTimer.isActive());
    if (reconnecting)
        return;
    if (m_target && !m_bus.isConnected())
        scheduleReconnect(tr("the connection is lost"));
    else if (watcher.isError() && isTransportError(watcher.error()))
        setReachable(false, watcher.error().message());
    else
        setReachable(true, {});
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
