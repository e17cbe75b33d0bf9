#pragma once
// What another machine's polkit asks a password for, asked in the app (issue 13). An SSH
// caller is never in an active session there, so rules that answer "authenticate" need an
// authentication agent on that machine for this connection. As cubbyctl --connect does, the
// app runs polkit's own text agent there (`pkttyagent --process PID` for the
// systemd-stdio-bridge carrying its bus connection) through `ssh -tt` on a terminal of its
// own; when the agent asks, that terminal is shown in a tab ("Password for HOST") for the
// password to be typed, checked there by PAM; once answered the tab goes away again.

#include "pty_terminal.h"
#include "remote_host.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

namespace cubby {

class RemoteAuthAgent : public QObject {
    Q_OBJECT
public:
    // Starts the agent for `bridgePid` on `target`; a failure to start is said by failed().
    RemoteAuthAgent(const SshTarget& target, uint bridgePid, QObject* parent = nullptr);
    ~RemoteAuthAgent() override;

    // The agent's terminal: not in any tab until it asks.
    PtyTerminal* terminal() const { return m_terminal; }
    bool isReady() const { return m_ready; }

signals:
    void ready();
    // It asks for a password: show terminal().
    void asking();
    // The question was answered (accepted or not): the terminal may be hidden again.
    void answered();
    void failed(const QString& why);

private:
    // Output arrived: looked at a moment later, once the terminal has shown it.
    void received();
    void examine();

    QPointer<PtyTerminal> m_terminal;
    QTimer m_examine;
    bool m_ready = false;
    bool m_asking = false;
    qsizetype m_requests = 0; // the questions asked so far
};

} // namespace cubby
