#pragma once
// Who hears the helper's signals (issue 9, item 7). The Manager's and the Jobs' signals say
// which containers, networks and root filesystems exist, their states and the jobs' targets
// and error messages: exactly what the monitor action guards. Broadcast signals would reach
// every client on the system bus, polkit or not. So they are unicast instead: each signal is
// sent, addressed, to every client polkit has allowed the monitor action, for as long as that
// client stays connected (a desktop app asks once, with its first call). A client that was
// never allowed hears nothing; its calls are refused as before.

#include <QDBusServiceWatcher>
#include <QObject>
#include <QSet>
#include <QString>
#include <QVariantList>

namespace cubby {

class SignalAudience : public QObject {
    Q_OBJECT
public:
    explicit SignalAudience(QObject* parent = nullptr);

    // A client (unique bus name) polkit allowed to monitor.
    void admit(const QString& busName);
    bool contains(const QString& busName) const { return m_names.contains(busName); }
    qsizetype size() const { return m_names.size(); }

    // The signal, addressed to each admitted client.
    void send(const QString& path, const QString& interface, const QString& member,
              const QVariantList& arguments) const;

private:
    QDBusServiceWatcher m_watcher; // drops clients that left the bus
    QSet<QString> m_names;
};

} // namespace cubby
