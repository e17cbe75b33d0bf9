#pragma once
// A terminal widget for a PTY master received from the helper (a container's console or a
// new shell). QTermWidget runs in teletype mode: it owns an internal PTY whose slave we feed
// with the container's output, and it hands us keystrokes through sendData(). Both
// directions are non-blocking with queues, so a stalled container or a busy widget can never
// freeze the GUI.

#include "unique_fd.h"

#include <QByteArray>
#include <QWidget>

class QSocketNotifier;
class QTermWidget;

namespace cubby {

class PtyTerminal : public QWidget {
    Q_OBJECT
public:
    explicit PtyTerminal(QWidget* parent = nullptr);
    ~PtyTerminal() override;

    // Takes ownership of a PTY master and starts showing it. A previous one is closed.
    void attach(UniqueFd ptyMaster);
    bool isAttached() const { return m_master.valid(); }
    QTermWidget* terminal() const { return m_terminal; }

    // Everything the terminal shows and has scrolled away, as plain text (for tests, copying
    // a whole session and accessibility).
    QString transcript() const;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

signals:
    // The other side hung up (the console's container stopped, the shell exited).
    void hangup();
    // Output arrived from the other side (it is being shown).
    void received();

private:
    void readFromPty();
    void flushToDisplay();
    void flushToPty();
    void queueInput(const char* bytes, int count);
    void syncWindowSize();
    void detach();

    QTermWidget* m_terminal = nullptr;
    UniqueFd m_master;
    int m_displayFd = -1; // QTermWidget's internal PTY slave; QTermWidget owns it
    QSocketNotifier* m_masterRead = nullptr;
    QSocketNotifier* m_masterWrite = nullptr;
    QSocketNotifier* m_displayWrite = nullptr;
    QByteArray m_toDisplay;
    QByteArray m_toPty;
};

} // namespace cubby
