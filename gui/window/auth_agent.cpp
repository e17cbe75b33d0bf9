#include "auth_agent.h"

#include "auth_dialog.h"

#include <PolkitQt1/Details>
#include <PolkitQt1/Subject>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QLoggingCategory>
#include <QMetaObject>
#include <QWidget>
#include <algorithm>
#include <pwd.h>
#include <unistd.h>

namespace cubby {

namespace {

Q_LOGGING_CATEGORY(authLog, "cubby.auth", QtInfoMsg)

constexpr auto agentPath = "/io/github/cubby1/AuthenticationAgent";

// polkit-qt says why a registration failed only as a qWarning. While registering, its
// warnings are caught here instead, so that "another agent serves this session" (the normal
// case on a desktop) is not logged as a warning; anything else is passed on.
QString caughtWarning;
QtMessageHandler previousHandler = nullptr;

void catchPolkitWarning(QtMsgType type, const QMessageLogContext& context, const QString& message) {
    if (type == QtWarningMsg && message.contains(QLatin1String("register authentication agent")))
        caughtWarning = message;
    else if (previousHandler != nullptr)
        previousHandler(type, context, message);
}

} // namespace

AuthAgent::AuthAgent(QWidget* window, QObject* parent)
    : PolkitQt1::Agent::Listener(parent)
    , m_window(window) {}

AuthAgent::~AuthAgent() {
    // A pending authentication ends as not authorized rather than being left to polkitd's
    // timeout.
    finish();
}

AgentRegistration AuthAgent::registerForSession() {
    // logind's session when there is one (then a desktop's agent, registered for the same
    // session, keeps its place); without logind the app's own process, which polkitd accepts
    // from the process's owner and uses for the app's calls (looked up by the caller's pid).
    const QString sessionId = qEnvironmentVariable("XDG_SESSION_ID");
    const PolkitQt1::Subject subject =
        sessionId.isEmpty()
            ? PolkitQt1::Subject(PolkitQt1::UnixProcessSubject(QCoreApplication::applicationPid()))
            : PolkitQt1::Subject(PolkitQt1::UnixSessionSubject(sessionId));
    QElapsedTimer clock;
    clock.start();
    caughtWarning.clear();
    previousHandler = qInstallMessageHandler(catchPolkitWarning);
    const bool registered = registerListener(subject, QLatin1String(agentPath));
    qInstallMessageHandler(previousHandler);
    previousHandler = nullptr;
    const qint64 took = clock.elapsed();

    if (registered) {
        m_registration = AgentRegistration::Registered;
        qCInfo(authLog,
               "cubby: serving as this session's polkit authentication agent (%s %s, "
               "registered in %lld ms)",
               sessionId.isEmpty() ? "process" : "session",
               qPrintable(sessionId.isEmpty() ? QString::number(QCoreApplication::applicationPid())
                                              : sessionId),
               static_cast<long long>(took));
    } else if (caughtWarning.contains(QLatin1String("already exists"))) {
        m_registration = AgentRegistration::AnotherAgentServes;
        qCDebug(authLog, "the session's own authentication agent answers polkit (%lld ms)",
                static_cast<long long>(took));
    } else {
        m_registration = AgentRegistration::Failed;
        qCWarning(authLog,
                  "cubby: could not register a polkit authentication agent; actions "
                  "that need a password will be refused: %s",
                  qPrintable(caughtWarning));
    }
    return m_registration;
}

void AuthAgent::registerLater() {
    const auto registerNow = [this] { registerForSession(); };
    QMetaObject::invokeMethod(this, registerNow, Qt::QueuedConnection);
}

void AuthAgent::initiateAuthentication(const QString& actionId, const QString& message,
                                       const QString& /*iconName*/,
                                       const PolkitQt1::Details& details, const QString& cookie,
                                       const PolkitQt1::Identity::List& identities,
                                       PolkitQt1::Agent::AsyncResult* result) {
    std::unique_ptr<PolkitQt1::Agent::AsyncResult> owned(result);
    if (m_result || identities.isEmpty()) {
        // polkitd sends one request at a time; a second one, or one nobody could answer,
        // ends at once as not authorized.
        // (These words go to polkitd's log, not to the person.)
        owned->setError(m_result ? QStringLiteral("another authentication is in progress")
                                 : QStringLiteral("no identity to authenticate as"));
        owned->setCompleted();
        return;
    }
    m_result = std::move(owned);
    m_cookie = cookie;
    m_identities = identities;
    m_failures = 0;

    AuthDialog::Request request{actionId, message, {}, {}};
    QStringList keys = details.keys();
    std::ranges::sort(keys);
    for (const QString& key : keys)
        // polkit's own entries (the caller's pid and the like) mean nothing to the person.
        if (!key.startsWith(QLatin1String("polkit.")))
            request.details.append({key, details.lookup(key)});
    // The user's own identity first, then root: the one most likely to be known.
    const QString selfUid = QStringLiteral("unix-user:%1").arg(::getuid());
    const passwd* self = ::getpwuid(::getuid());
    const QString selfLogin =
        self != nullptr ? QStringLiteral("unix-user:") + QString::fromLocal8Bit(self->pw_name)
                        : QString();
    for (const PolkitQt1::Identity& identity : identities) {
        const QString id = identity.toString();
        const AuthDialog::Identity shown{id, AuthDialog::identityName(id)};
        if (id == selfUid || id == selfLogin)
            request.identities.prepend(shown);
        else
            request.identities.append(shown);
    }

    m_dialog = new AuthDialog(request, m_window);
    connect(m_dialog, &AuthDialog::answered, this, [this](const QString& answer) {
        if (m_session)
            m_session->setResponse(answer);
    });
    connect(m_dialog, &AuthDialog::identityChosen, this, [this](const QString& identityId) {
        dropSession();
        m_failures = 0; // another identity has its own attempts
        startSession(identityId);
    });
    connect(m_dialog, &AuthDialog::cancelled, this, &AuthAgent::finish);
    m_dialog->show();
    m_dialog->raise();
    m_dialog->activateWindow();
    startSession(m_dialog->chosenIdentity());
}

bool AuthAgent::initiateAuthenticationFinish() {
    // Not called by polkit-qt (it finishes the request itself); kept for the interface.
    return true;
}

void AuthAgent::cancelAuthentication() {
    // polkitd withdrew the request (the caller went away, or another agent took over).
    finish();
}

void AuthAgent::startSession(const QString& identityId) {
    const auto identity = std::ranges::find_if(
        m_identities, [&](const auto& candidate) { return candidate.toString() == identityId; });
    if (identity == m_identities.end()) {
        finish();
        return;
    }
    // The session's result stays ours: polkitd is told once, in finish(), whatever the
    // number of attempts.
    auto* session = new PolkitQt1::Agent::Session(*identity, m_cookie, nullptr, this);
    m_session = session;
    connect(session, &PolkitQt1::Agent::Session::request, this,
            [this](const QString& prompt, bool echo) {
                if (m_dialog)
                    m_dialog->askFor(prompt, echo);
            });
    connect(session, &PolkitQt1::Agent::Session::showError, this, [this](const QString& text) {
        if (m_dialog)
            m_dialog->showProblem(text);
    });
    connect(session, &PolkitQt1::Agent::Session::showInfo, this, [this](const QString& text) {
        if (m_dialog)
            m_dialog->showInfo(text);
    });
    connect(session, &PolkitQt1::Agent::Session::completed, this, &AuthAgent::sessionCompleted);
    session->initiate();
}

void AuthAgent::dropSession() {
    if (!m_session)
        return;
    PolkitQt1::Agent::Session* session = m_session;
    m_session = nullptr;
    session->disconnect(this);
    session->cancel();
    session->deleteLater();
}

void AuthAgent::sessionCompleted(bool gainedAuthorization) {
    // Emitted from inside the session: it is deleted later, never here.
    if (m_session) {
        m_session->disconnect(this);
        m_session->deleteLater();
        m_session = nullptr;
    }
    if (gainedAuthorization || ++m_failures >= maxAttempts || !m_dialog) {
        finish();
        return;
    }
    // A wrong password: said in the dialog, and asked again, as polkit's own agents do.
    m_dialog->showInfo({});
    m_dialog->showProblem(tr("The password was not accepted. Try again (%n attempt(s) left).",
                             nullptr, maxAttempts - m_failures));
    startSession(m_dialog->chosenIdentity());
}

void AuthAgent::finish() {
    dropSession();
    if (m_dialog) {
        AuthDialog* dialog = m_dialog;
        m_dialog = nullptr;
        dialog->disconnect(this);
        dialog->passwordField()->clear();
        dialog->hide();
        dialog->deleteLater();
    }
    if (m_result) {
        // polkitd learns from polkit-agent-helper-1 whether the password was right; this only
        // says the agent is done (unanswered means not authorized).
        m_result->setCompleted();
        m_result.reset();
    }
    m_identities.clear();
    m_cookie.clear();
}

} // namespace cubby
