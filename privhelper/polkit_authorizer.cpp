#include "polkit_authorizer.h"

#include "polkit_types.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusMetaType>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>

namespace cubby {

namespace {

constexpr uint allowUserInteraction = 1;
// Someone may sit in the authentication dialog for a while; polkitd itself gives up after
// a few minutes.
constexpr int checkTimeoutMs = 10 * 60 * 1000;

} // namespace

PolkitAuthorizer::PolkitAuthorizer(QObject* parent)
    : QObject(parent) {
    qDBusRegisterMetaType<polkit::Subject>();
    qDBusRegisterMetaType<polkit::AuthorizationResult>();
    qDBusRegisterMetaType<QMap<QString, QString>>();
}

void PolkitAuthorizer::query(const QString& busName, const QString& actionId,
                             const QMap<QString, QString>& details,
                             std::function<void(Result<Verdict>)> done) {
    QDBusMessage call =
        QDBusMessage::createMethodCall(QStringLiteral("org.freedesktop.PolicyKit1"),
                                       QStringLiteral("/org/freedesktop/PolicyKit1/Authority"),
                                       QStringLiteral("org.freedesktop.PolicyKit1.Authority"),
                                       QStringLiteral("CheckAuthorization"));
    const polkit::Subject subject{QStringLiteral("system-bus-name"),
                                  {{QStringLiteral("name"), busName}}};
    call << QVariant::fromValue(subject) << actionId << QVariant::fromValue(details) << 0U
         << QString();
    ++m_pending;
    auto* watcher = new QDBusPendingCallWatcher(QDBusConnection::systemBus().asyncCall(call), this);
    connect(
        watcher, &QDBusPendingCallWatcher::finished, this,
        [this, watcher, busName, actionId, done = std::move(done)] {
            watcher->deleteLater();
            const QDBusPendingReply<polkit::AuthorizationResult> reply = *watcher;
            if (!reply.isError() && reply.value().authorized && actionId == m_audienceAction)
                m_audience.admit(busName);
            if (reply.isError())
                done(fail(Error::of(ErrorKind::System, "asking polkit failed: " +
                                                           reply.error().message().toStdString())));
            else
                done(reply.value().authorized  ? Verdict::Yes
                     : reply.value().challenge ? Verdict::Password
                                               : Verdict::No);
            if (--m_pending == 0)
                emit idle();
        });
}

void PolkitAuthorizer::check(const QString& busName, const QString& actionId,
                             const QMap<QString, QString>& details,
                             std::function<void(Status)> done) {
    QDBusMessage call =
        QDBusMessage::createMethodCall(QStringLiteral("org.freedesktop.PolicyKit1"),
                                       QStringLiteral("/org/freedesktop/PolicyKit1/Authority"),
                                       QStringLiteral("org.freedesktop.PolicyKit1.Authority"),
                                       QStringLiteral("CheckAuthorization"));
    const polkit::Subject subject{QStringLiteral("system-bus-name"),
                                  {{QStringLiteral("name"), busName}}};
    call << QVariant::fromValue(subject) << actionId << QVariant::fromValue(details)
         << allowUserInteraction << QString();
    ++m_pending;
    auto* watcher = new QDBusPendingCallWatcher(
        QDBusConnection::systemBus().asyncCall(call, checkTimeoutMs), this);
    connect(
        watcher, &QDBusPendingCallWatcher::finished, this,
        [this, watcher, busName, actionId, done = std::move(done)] {
            watcher->deleteLater();
            const QDBusPendingReply<polkit::AuthorizationResult> reply = *watcher;
            if (reply.isError()) {
                done(fail(Error::of(ErrorKind::System, "asking polkit failed: " +
                                                           reply.error().message().toStdString())));
            } else if (reply.value().authorized) {
                if (actionId == m_audienceAction)
                    m_audience.admit(busName);
                done({});
            } else {
                done(fail(Error::of(ErrorKind::NotAuthorized,
                                    "not authorized for " + actionId.toStdString() +
                                        (reply.value().challenge
                                             ? " (authentication was required and not given)"
                                             : ""))));
            }
            if (--m_pending == 0)
                emit idle();
        });
}

} // namespace cubby
