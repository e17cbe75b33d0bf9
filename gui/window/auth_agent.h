#pragma once
// The app's own polkit authentication agent, for sessions that have none (a headless session,
// the tests, a bare window manager). When cubby-helper asks polkit about one of the app's
// calls and polkit wants a password, polkitd asks the agent registered for the caller: here,
// this one, which shows AuthDialog and checks the answer with polkit's own helper
// (PolkitQt1::Agent::Session runs polkit-agent-helper-1, which runs PAM). A desktop's agent
// always wins: registration is refused where one already serves the session, and then this
// one stays idle.

#include "auth_dialog.h"

#include <PolkitQt1/Agent/Listener>
#include <PolkitQt1/Agent/Session>
#include <QPointer>
#include <QString>
#include <memory>

class QWidget;

namespace cubby {

enum class AgentRegistration {
    Registered,         // polkit brings this app's authentications here
    AnotherAgentServes, // the desktop's agent does it (not a problem)
    Failed,             // polkitd could not be asked; no dialog will appear
};

class AuthAgent : public PolkitQt1::Agent::Listener {
    Q_OBJECT
public:
    // Dialogs are shown over `window` (may be null).
    explicit AuthAgent(QWidget* window = nullptr, QObject* parent = nullptr);
    ~AuthAgent() override;

    // Registers with polkitd for this app's session (logind's, when XDG_SESSION_ID names one)
    // or else for this process. Synchronous: one D-Bus round trip to polkitd, a few ms (logged
    // under the category cubby.auth). The app calls it once its window is up (registerLater).
    AgentRegistration registerForSession();
    // registerForSession() from the event loop, after what is already queued (the window's
    // first paint): startup never waits on polkitd.
    void registerLater();
    AgentRegistration registration() const { return m_registration; }

    // The open dialog, or null.
    AuthDialog* dialog() const { return m_dialog; }

    // How many answers are checked before the authentication ends as not authorized, as
    // sudo does.
    static constexpr int maxAttempts = 3;

public slots:
    void initiateAuthentication(const QString& actionId, const QString& message,
                                const QString& iconName, const PolkitQt1::Details& details,
                                const QString& cookie, const PolkitQt1::Identity::List& identities,
                                PolkitQt1::Agent::AsyncResult* result) override;
    bool initiateAuthenticationFinish() override;
    void cancelAuthentication() override;

private:
    // A PAM conversation for `identityId` (polkit's form), answered through the dialog.
    void startSession(const QString& identityId);
    // Ends the current conversation without a verdict (identity changed, cancelled).
    void dropSession();
    void sessionCompleted(bool gainedAuthorization);
    // Tells polkitd the authentication is over (authorized or not: polkitd knows which from
    // polkit-agent-helper-1) and closes the dialog.
    void finish();

    QPointer<QWidget> m_window;
    AgentRegistration m_registration = AgentRegistration::Failed;
    // The authentication in progress (polkitd sends one at a time to an agent).
    std::unique_ptr<PolkitQt1::Agent::AsyncResult> m_result;
    QString m_cookie;
    PolkitQt1::Identity::List m_identities;
    QPointer<PolkitQt1::Agent::Session> m_session;
    QPointer<AuthDialog> m_dialog;
    int m_failures = 0;
};

} // namespace cubby
