#include "signal_audience.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>

namespace cubby {

SignalAudience::SignalAudience(QObject* parent)
    : QObject(parent)
    , m_watcher(QString(), QDBusConnection::systemBus(),
                QDBusServiceWatcher::WatchForUnregistration) {
    connect(&m_watcher, &QDBusServiceWatcher::serviceUnregistered, this,
            [this](const QString& name) {
                m_names.remove(name);
                m_watcher.removeWatchedService(name);
            });
}

void SignalAudience::admit(const QString& busName) {
    if (busName.isEmpty() || m_names.contains(busName))
        return;
    m_watcher.addWatchedService(busName);
    m_names.insert(busName);
    // It may have left between its call and polkit's answer: then no NameOwnerChanged comes.
    if (!QDBusConnection::systemBus().interface()->isServiceRegistered(busName).value()) {
        m_names.remove(busName);
        m_watcher.removeWatchedService(busName);
    }
}

void SignalAudience::send(const QString& path, const QString& interface, const QString& member,
                          const QVariantList& arguments) const {
    for (const QString& name : m_names) {
        QDBusMessage signal = QDBusMessage::createTargetedSignal(name, path, interface, member);
        signal.setArguments(arguments);
        QDBusConnection::systemBus().send(signal);
    }
}

} // namespace cubby
