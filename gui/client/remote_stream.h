#pragma once
// The other machine's own cubbyctl run through `ssh -T` with a byte stream (issue 13): what
// the app does with another machine's containers where a descriptor would be handed over
// locally (a file dropped onto a container, an export, an import). Input goes out framed
// (stream_frames.h), the end frame only after the whole of it, so a connection that drops
// halfway is a cancelled copy there, never a short file; output goes straight to a
// descriptor. Never blocks: the input is read a chunk at a time as ssh takes it.

#include "remote_host.h"
#include "unique_fd.h"

#include <QObject>
#include <QStringList>

class QProcess;

namespace cubby {

class RemoteStream : public QObject {
    Q_OBJECT
public:
    // Runs `cubbyctl ARGUMENTS` on `target`; `input` (a readable descriptor, or invalid)
    // framed to its standard input, its standard output into `output` (or discarded).
    RemoteStream(const SshTarget& target, const QStringList& cubbyctlArguments, UniqueFd input,
                 UniqueFd output, QObject* parent = nullptr);
    ~RemoteStream() override;

    // Stops it (ssh killed: the other side cancels what it had not finished).
    void cancel();

signals:
    // Once: the remote exit status was 0, or why not (its standard error, or ssh's).
    void finished(bool ok, const QString& error);

private:
    void sendMore();

    QProcess* m_process;
    UniqueFd m_input;
    UniqueFd m_output;
    bool m_inputDone = false;
    bool m_ended = false;
};

} // namespace cubby
