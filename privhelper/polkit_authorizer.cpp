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

void PolkitAuthorizer::ask(const QString& busName, const QString& actionId,
                           const QMap<QString, QString>& details, uint flags,
                           std::function<void(Result<polkit::AuthorizationResult>)> done) {
    QDBusMessage call =
        QDBusMessage::createMethodCall(QStringLiteral("org.freedesktop.PolicyKit1"),
                                       QStringLiteral("/org/freedesktop/PolicyKit1/Authority"),
                                       QStringLiteral("org.freedesktop.PolicyKit1.Authority"),
                                       QStringLiteral("CheckAuthorization"));
    const polkit::Subject subject{QStringLiteral("system-bus-name"),
                                  {{QStringLiteral("name"), busName}}};
    call << QVariant::fromValue(subject) << actionId << QVariant::fromValue(details) << flags
         << QString();
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
            } else {
                if (reply.value().authorized && actionId == m_audienceAction)
                    m_audience.admit(busName);
                done(reply.value());
            }
            if (--m_pending == 0)
                emit idle();
        });
}

void PolkitAuthorizer::query(const QString& busName, const QString& actionId,
                             const QMap<QString, QString>& details,
                             std::function<void(Result<Verdict>)> done) {
    ask(busName, actionId, details, 0,
        [done = std::move(done)](Result<polkit::AuthorizationResult> answer) {
            if (!answer)
                done(fail(answer.error()));
            else
                done(answer->authorized  ? Verdict::Yes
                     : answer->challenge ? Verdict::Password
                                         : Verdict::No);
        });
}

void PolkitAuthorizer::check(const QString& busName, const QString& actionId,
                             const QMap<QString, QString>& details,
                             std::function<void(Status)> done) {
    // The message stays "not authorized for ACTION" either way (scripts match it); the error
    // name tells a refusal from an authentication not given.
    const auto refused = [actionId](bool authenticationNotGiven) {
        return authenticationNotGiven
                   ? Error::of(ErrorKind::NotAuthenticated,
                               "not authorized for " + actionId.toStdString() +
                                   " (authentication was required and not given)")
                   : Error::of(ErrorKind::NotAuthorized,
                               "not authorized for " + actionId.toStdString());
    };
    ask(busName, actionId, details, allowUserInteraction,
        [this, busName, actionId, details, refused,
         done = std::move(done)](Result<polkit::AuthorizationResult> answer) {
            if (!answer) {
                done(fail(answer.error()));
            } else if (answer->authorized) {
                done({});
            } else if (answer->challenge) {
                done(fail(refused(true))); // no agent answered
            } else {
                // polkitd answers "no" alike for a rule's refusal and for an authentication
                // an agent asked for and did not get (cancelled, wrong password). Asked again
                // without a dialog, only the latter still says that a password would do.
                ask(busName, actionId, details, 0,
                    [refused, done](Result<polkit::AuthorizationResult> again) {
                        done(fail(refused(again && again->challenge)));
                    });
            }
        });
}

} // namespace cubby
