#pragma once
// The desktop app's line to cubby-helper: the generated Manager proxy on the system bus, whether
// the helper answers, and a way to hear about every asynchronous reply. Nothing here ever
// waits for a reply: calls return QDBusPendingCall and finish through watch(). (Qt's proxy
// constructor asks dbus-daemon, not the helper, who owns the name: a local answer that never
// waits on the helper or on polkit, and does not activate the helper.)
//
// Another machine's helper (issue 13) is reached as cubbyctl --connect reaches it: libdbus's
// `unixexec:` transport runs `ssh HOST systemd-stdio-bridge`, so its polkit decides for the
// SSH user and ssh checks the host key. Making that connection waits for ssh, so it is made on
// a thread of its own; a connection that drops is made again (sooner when asked), and the
// proxy is then a new one: whoever listens to the proxy's signals does so through onManager().

#include "manager_interface.h"
#include "remote_host.h"

#include <QDBusConnection>
#include <QDBusPendingCallWatcher>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <functional>
#include <optional>
#include <vector>

class QDBusServiceWatcher;

namespace cubby {

using ManagerProxy = IoGithubCubby1ManagerInterface;

class HelperConnection : public QObject {
    Q_OBJECT
public:
    static constexpr int refreshIntervalMs = 5000;

    // Waits between attempts to reach a remote machine again: doubling from the first, at most
    // the last.
    static constexpr int firstReconnectDelayMs = 2000;
    static constexpr int longestReconnectDelayMs = 30000;

    // This machine's helper on `bus` (the system bus; a private one in tests).
    explicit HelperConnection(const QDBusConnection& bus, QObject* parent = nullptr);
    // Another machine's, reached through ssh (`uri` as the user gave it: ssh://…). The
    // connection is made at once, in the background.
    HelperConnection(const SshTarget& target, const QString& uri, QObject* parent = nullptr);
    ~HelperConnection() override;

    ManagerProxy* manager() const { return m_manager; }
    QDBusConnection bus() const { return m_bus; }
    bool isReachable() const { return m_reachable; }
    QString unreachableReason() const { return m_reason; }

    // The remote machine, or none for this one.
    const std::optional<SshTarget>& remoteTarget() const { return m_target; }
    bool isRemote() const { return m_target.has_value(); }
    QString uri() const { return m_uri; }
    // What the window calls the host: "This computer", or USER@HOST for another machine.
    QString hostLabel() const;
    // The ssh client for remote machines: CUBBY_SSH when set (a wrapper with options of one's
    // own, as for cubbyctl), else ssh from PATH.
    static QString sshProgram();

    // Calls `hookUp` with the proxy now and with every new one after a reconnection (the old
    // proxy, and what was connected to it, is gone by then), while `context` lives.
    void onManager(QObject* context, const std::function<void(ManagerProxy*)>& hookUp);
    // A remote machine: connect again now, not at the next scheduled attempt.
    void reconnect();
    // Whether a connection attempt is under way (remote machines only).
    bool isConnecting() const { return m_connecting; }

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
    // A new proxy after a reconnection (onManager's hooks have run).
    void managerChanged();
    // A remote machine: the process there that carries this connection (the
    // systemd-stdio-bridge), as its bus says, after each connection made.
    void bridgeFound(uint pid);

private:
    void useBus(const QDBusConnection& bus);
    // What a finished call says about reachability (and a lost remote connection).
    void noteReply(const QDBusPendingCallWatcher& watcher);
    void setReachable(bool reachable, const QString& reason);
    void ownerChanged(const QString& service, const QString& oldOwner, const QString& newOwner);
    void startConnecting();
    void connected(const QDBusConnection& bus, const QString& name);
    void scheduleReconnect(const QString& reason);

    QDBusConnection m_bus;
    std::optional<SshTarget> m_target;
    QString m_uri;
    QString m_busName; // the remote connection's name in Qt's registry, a new one each time
    bool m_connecting = false;
    int m_reconnectDelayMs = firstReconnectDelayMs;
    QTimer m_reconnectTimer;
    std::vector<std::pair<QPointer<QObject>, std::function<void(ManagerProxy*)>>> m_hooks;
    ManagerProxy* m_manager = nullptr;
    QDBusServiceWatcher* m_watcher = nullptr;
    QTimer m_poll;
    bool m_reachable = false;
    QString m_reason;
};

} // namespace cubby
