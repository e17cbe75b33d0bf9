#pragma once
// Follows one of the helper's jobs (a Job object a Manager method returned) to its end: its
// progress as it comes, then how it ended. Connected first and read second, so a job that
// ended before anyone listened is still told.

#include <QObject>
#include <QString>

class IoGithubCubby1JobInterface;

namespace cubby {

class HelperConnection;

class JobWatch : public QObject {
    Q_OBJECT
public:
    JobWatch(HelperConnection* helper, const QString& path, QObject* parent = nullptr);

    // Asks the helper to stop the job; finished() says how it ended.
    void cancel();
    // The job's last status line ("Copied with reflinks", "Packing: 12 of 40 MiB").
    QString status() const { return m_status; }

signals:
    void progress(double fraction, const QString& status);
    // state: "done", "failed" or "cancelled"; the message when it failed. Once.
    void finished(const QString& state, const QString& message);

private:
    void end(const QString& state, const QString& message);

    HelperConnection* m_helper;
    IoGithubCubby1JobInterface* m_job;
    QString m_status;
    bool m_ended = false;
};

} // namespace cubby
