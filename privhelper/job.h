#pragma once
// One long operation, exported as io.github.cubby1.Job at /io/github/cubby1/job/ID. It holds
// what clients read (state, progress, status, error) and announces changes; the work itself
// runs elsewhere (a WorkerProcess) and reports through update() and finish(). The bus side of
// calls and property reads is JobObjects (job_objects.h), which asks polkit first; the
// Q_PROPERTYs below are what it reports.

#include "error.h"
#include "job_protocol.h"
#include "signal_audience.h"

#include <QDBusMessage>
#include <QDBusObjectPath>
#include <QObject>
#include <QString>
#include <QVariantMap>
#include <functional>

namespace cubby {

class Job : public QObject {
    Q_OBJECT
    Q_PROPERTY(uint Id READ id)
    Q_PROPERTY(QString Operation READ operation)
    Q_PROPERTY(QString Target READ target)
    Q_PROPERTY(QString State READ state)
    Q_PROPERTY(double Progress READ progress)
    Q_PROPERTY(QString Status READ status)
    Q_PROPERTY(QString ErrorName READ errorName)
    Q_PROPERTY(QString ErrorMessage READ errorMessage)
    Q_PROPERTY(uint StartedBy READ startedBy)
public:
    // Called for Job.Cancel with the call: the owner asks polkit, validates and replies.
    using CancelHandler = std::function<void(Job* job, const QDBusMessage& call)>;

    // `audience`: who hears its signals (signal_audience.h); it outlives the job.
    Job(uint id, QString operation, QString target, uint startedBy, CancelHandler onCancel,
        const SignalAudience& audience, QObject* parent = nullptr);

    uint id() const { return m_id; }
    QDBusObjectPath path() const;
    QString operation() const { return m_operation; }
    QString target() const { return m_target; }
    QString state() const { return m_state; }
    double progress() const { return m_progress; }
    QString status() const { return m_status; }
    QString errorName() const { return m_errorName; }
    QString errorMessage() const { return m_errorMessage; }
    uint startedBy() const { return m_startedBy; }
    // The container whose tree the job reads or replaces (an export, a clone, a snapshot):
    // it must not start meanwhile. Empty: none.
    QString readsContainer() const { return m_readsContainer; }
    void setReadsContainer(const QString& container) { m_readsContainer = container; }
    bool finished() const;
    // Every property, as ListJobs reports it.
    QVariantMap describe() const;

    // From the worker: a progress line.
    void update(double fraction, const QString& status);
    // Cancel was accepted: the worker has been told to stop.
    void markCancelling();
    // The end: "done", "failed" (with the error) or "cancelled". Only the first call counts.
    void finish(const QString& state, const Error* error = nullptr);

    // Job.Cancel arrived (from JobObjects).
    void requestCancel(const QDBusMessage& call) { m_onCancel(this, call); }

private:
    // io.github.cubby1.Job's signals, sent from the job's path.
    void emitSignal(const QString& name, const QVariantList& arguments);
    void announce(const QVariantMap& changed); // org.freedesktop.DBus.Properties

    uint m_id;
    QString m_operation;
    QString m_target;
    QString m_state = QStringLiteral("running");
    double m_progress = 0;
    QString m_status;
    QString m_errorName;
    QString m_errorMessage;
    uint m_startedBy;
    QString m_readsContainer;
    CancelHandler m_onCancel;
    const SignalAudience& m_audience;
};

} // namespace cubby
