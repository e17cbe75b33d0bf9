#include "remote_auth_agent.h"

#include "helper_connection.h"
#include "pty_terminal.h"
#include "remote_terminal.h"

#include <QProcess>

namespace cubby {

namespace {

// What pkttyagent writes on its terminal as a request begins and ends.
constexpr QLatin1StringView requestBegins("AUTHENTICATING FOR");
constexpr QLatin1StringView requestEnds("==== AUTHENTICATION "); // COMPLETE or FAILED
// The terminal widget shows what arrived a moment after it was read.
constexpr int examineDelayMs = 100;

} // namespace

RemoteAuthAgent::RemoteAuthAgent(const SshTarget& target, uint bridgePid, QObject* parent)
    : QObject(parent) {
    const auto arguments = sshAuthAgentArguments(target, bridgePid);
    if (!arguments) {
        QMetaObject::invokeMethod(
            this,
            [this, why = QString::fromStdString(arguments.error().message)] { emit failed(why); },
            Qt::QueuedConnection);
        return;
    }
    auto started = startSshOnTerminal(HelperConnection::sshProgram(), *arguments);
    if (!started) {
        QMetaObject::invokeMethod(
            this,
            [this, why = QString::fromStdString(started.error().message)] { emit failed(why); },
            Qt::QueuedConnection);
        return;
    }
    m_terminal = new PtyTerminal;
    m_terminal->setObjectName(QStringLiteral("authTerminal"));
    started->process->setParent(m_terminal);
    m_terminal->attach(std::move(started->master));
    connect(m_terminal, &PtyTerminal::received, this, &RemoteAuthAgent::received);
    m_examine.setSingleShot(true);
    m_examine.setInterval(examineDelayMs);
    connect(&m_examine, &QTimer::timeout, this, &RemoteAuthAgent::examine);
}

RemoteAuthAgent::~RemoteAuthAgent() {
    delete m_terminal; // hangs up on ssh, which ends the agent there
}

void RemoteAuthAgent::received() {
    if (!m_examine.isActive())
        m_examine.start();
}

void RemoteAuthAgent::examine() {
    if (!m_terminal)
        return;
    // Counted, not located: the transcript ends in the screen's blank lines, which later
    // output fills in.
    const QString text = m_terminal->transcript();
    if (!m_ready) {
        if (text.contains(QLatin1StringView(authAgentReadyMarker.data(),
                                            qsizetype(authAgentReadyMarker.size())))) {
            m_ready = true;
            emit ready();
        } else if (text.contains(QLatin1StringView(authAgentMissingMarker.data(),
                                                   qsizetype(authAgentMissingMarker.size())))) {
            emit failed(tr("the other machine has no pkttyagent (Debian's polkitd package)"));
        }
        return;
    }
    const qsizetype begun = text.count(requestBegins);
    const qsizetype ended = text.count(requestEnds);
    if (!m_asking && begun > m_requests) {
        m_requests = begun;
        m_asking = true;
        emit asking();
    } else if (m_asking && ended >= m_requests) {
        m_asking = false;
        emit answered();
    }
}

} // namespace cubby
