#include "single_instance.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>

namespace cubby {

namespace {

const QString serviceName = QStringLiteral("io.github.cubby1.App");
const QString objectPath = QStringLiteral("/io/github/cubby1/App");
constexpr int activateTimeoutMs = 3000;

} // namespace

bool SingleInstance::raiseRunningInstance() {
    QDBusConnection session = QDBusConnection::sessionBus();
    if (!session.isConnected() || !session.interface()->isServiceRegistered(serviceName).value())
        return false;
    const QDBusMessage reply =
        session.call(QDBusMessage::createMethodCall(serviceName, objectPath, serviceName,
                                                    QStringLiteral("Activate")),
                     QDBus::Block, activateTimeoutMs);
    return reply.type() == QDBusMessage::ReplyMessage;
}

bool SingleInstance::serve(QWidget* window) {
    m_window = window;
    QDBusConnection session = QDBusConnection::sessionBus();
    return session.isConnected() &&
           session.registerObject(objectPath, this, QDBusConnection::ExportScriptableSlots) &&
           session.registerService(serviceName);
}

void SingleInstance::Activate() {
    if (!m_window)
        return;
    if (m_window->isMinimized())
        m_window->showNormal();
    m_window->show();
    m_window->raise();
    m_window->activateWindow();
}

} // namespace cubby
