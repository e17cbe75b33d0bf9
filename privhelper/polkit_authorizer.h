#pragma once
// Asks polkitd whether a D-Bus caller may do something, without blocking the helper.
//
// This talks to org.freedesktop.PolicyKit1 directly with an asynchronous QtDBus call, one per
// check. polkit-qt6's Authority reports asynchronous results through a single signal with no
// way to tell which request it answers (and cancels the previous check when a new one starts),
// so it cannot serve a second caller while the first sits in an authentication dialog — which
// the helper must do.

#include "error.h"
#include "polkit_types.h"
#include "signal_audience.h"

#include <QMap>
#include <QObject>
#include <QString>
#include <functional>

namespace cubby {

class PolkitAuthorizer : public QObject {
    Q_OBJECT
public:
    explicit PolkitAuthorizer(QObject* parent = nullptr);

    // `done` gets success, NotAuthorized (with a message naming the action), NotAuthenticated
    // (a password was wanted and not given: no agent, cancelled, wrong), or Failed when polkitd
    // could not be asked. `details` are shown by authentication agents and rules.
    void check(const QString& busName, const QString& actionId,
               const QMap<QString, QString>& details, std::function<void(Status)> done);
    int pending() const { return m_pending; }

    // What `check` would answer, without showing anyone a dialog: yes, a password, or no.
    enum class Verdict { Yes, Password, No };
    void query(const QString& busName, const QString& actionId,
               const QMap<QString, QString>& details, std::function<void(Result<Verdict>)> done);

    // Clients allowed `actionId` (the monitor action) hear the helper's signals from then on.
    void admitToSignalsWhenAllowed(const QString& actionId) { m_audienceAction = actionId; }
    const SignalAudience& audience() const { return m_audience; }

signals:
    void idle(); // the last pending check finished

private:
    // One CheckAuthorization (`flags`: polkit's AllowUserInteraction or 0); admits the caller
    // to the signals when it was allowed the monitor action.
    void ask(const QString& busName, const QString& actionId, const QMap<QString, QString>& details,
             uint flags, std::function<void(Result<polkit::AuthorizationResult>)> done);

    int m_pending = 0;
    SignalAudience m_audience;
    QString m_audienceAction;
};

} // namespace cubby
