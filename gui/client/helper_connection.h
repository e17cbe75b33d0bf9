#pragma once
// The desktop app's line to cubby-helper: the generated Manager proxy on the system bus, whether
// the helper answers, and a way to hear about every asynchronous reply. Nothing here ever
// waits for a reply: calls return QDBusPendingCall and finish through watch(). (Qt's proxy
// constructor asks dbus-daemon, not the helper, who owns the name: a local answer that never
// waits on the helper or on polkit, and does not activate the helper.)

#include "manager_interface.h"

#include <QDBusConnection>
#include <QDBusPendingCallWatcher>
#include <QObject>
#include <QTimer>
#include <functional>

class QDBusServiceWatcher;

namespace cubby {

using ManagerProxy = IoGithubCubby1ManagerInterface;

class HelperConnection : public QObject {
    Q_OBJECT
public:
    static constexpr int refreshIntervalMs = 5000;

    explicit HelperConnection(const QDBusConnection& bus, QObject* parent = nullptr);
    ~HelperConnection() override;

    ManagerProxy* manager() const { return m_manager; }
    QDBusConnection bus() const { return m_bus; }
    bool isReachable() const { return m_reachable; }
    QString unreachableReason() const { return m_reason; }

    // Runs `done` on the GUI thread when the call finishes (never before this returns), unless
    // `context` is gone by then. Every reply also tells whether the helper is reachable.
    void watch(const QDBusPendingCall& call, QObject* context,
               std::function<void(QDBusPendingCallWatcher&)> done);

    // While on (the window is shown), refreshNeeded() fires every refreshIntervalMs.
    void setPolling(bool on);

    // True for errors that mean "nobody answered" rather than "the helper said no".
    static bool isTransportError(const QDBusError& error);

signals:
    // The lists should be fetched again: the helper (re)appeared, or the periodic tick.
    void refreshNeeded();
    void reachabilityChanged(bool reachable, const QString& reason);

private:
    void setReachable(bool reachable, const QString& reason);
    void ownerChanged(const QString& service, const QString& oldOwner, const QString& newOwner);

    QDBusConnection m_bus;
    ManagerProxy* m_manager = nullptr;
    QDBusServiceWatcher* m_watcher = nullptr;
    QTimer m_poll;
    bool m_reachable = false;
    QString m_reason;
};

} // namespace cubby
