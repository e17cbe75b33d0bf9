#include "helper_bus.h"

#include "figures.h"

#include <QDBusArgument>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QVariantMap>
#include <chrono>
#include <thread>

namespace cubby::bench {

namespace {
const QString service = QStringLiteral("io.github.cubby1");
const QString path = QStringLiteral("/io/github/cubby1");
const QString interface = QStringLiteral("io.github.cubby1.Manager");
} // namespace

TimedReply callHelper(const QString& method, const QVariantList& arguments) {
    QDBusMessage message = QDBusMessage::createMethodCall(service, path, interface, method);
    message.setArguments(arguments);
    const auto start = std::chrono::steady_clock::now();
    QDBusMessage reply = QDBusConnection::systemBus().call(message, QDBus::Block, 120000);
    return {std::move(reply), millisecondsSince(start)};
}

Status replyStatus(const QDBusMessage& reply) {
    if (reply.type() == QDBusMessage::ErrorMessage)
        return fail(Error::of(ErrorKind::System,
                              (reply.errorName() + ": " + reply.errorMessage()).toStdString()));
    return {};
}

pid_t helperPid() {
    return static_cast<pid_t>(
        QDBusConnection::systemBus().interface()->servicePid(service).value());
}

Status waitForState(const QString& name, const QString& state, int timeoutMs) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    QString seen;
    while (std::chrono::steady_clock::now() < deadline) {
        const TimedReply info = callHelper(QStringLiteral("GetContainerInfo"), {name});
        CUBBY_CHECK(replyStatus(info.reply));
        // a{sv} arrives as a QDBusArgument, not as a QVariantMap.
        seen = qdbus_cast<QVariantMap>(info.reply.arguments().value(0))
                   .value(QStringLiteral("state"))
                   .toString();
        if (seen == state)
            return {};
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return fail(Error::of(ErrorKind::System, (name + " is still " + seen).toStdString()));
}

} // namespace cubby::bench
