#pragma once
// The helper's jobs: numbers them, exports each at /io/github/cubby1/job/ID, ties a job to
// the worker doing its work, and keeps a finished job readable for a while so that a client
// that looks late still learns how it ended.

#include "job.h"
#include "job_objects.h"
#include "worker_process.h"

#include <QObject>
#include <map>
#include <memory>

namespace cubby {

class JobRegistry : public QObject {
    Q_OBJECT
public:
    // Exports the jobs (JobObjects) on the system bus; property reads ask `authorizer`.
    explicit JobRegistry(PolkitAuthorizer& authorizer, QObject* parent = nullptr);

    // How long a finished job stays on the bus.
    static constexpr int lingerMs = 30'000;

    // Creates and exports a job whose work is `worker`'s; `onDone` runs when it ended well,
    // before Finished is announced (e.g. to announce the new root filesystem first); its
    // error fails the job (an import whose definition could not be stored at the end).
    Job* start(const QString& operation, const QString& target, uint startedBy,
               WorkerProcess* worker, Job::CancelHandler onCancel,
               std::function<Status()> onDone = {});

    // The job with that id, running or lingering, or null.
    Job* find(uint id) const;
    // A running job working on `target`, or null.
    Job* activeFor(const QString& target) const;
    // Whether an unfinished job reads or replaces the container's tree
    // (Job::setReadsContainer): then it must not start.
    bool readingFrom(const QString& container) const;
    // Unfinished jobs of `operation` that uid started.
    size_t activeStartedBy(uint uid, const QString& operation) const;
    // Asks the job's worker to stop.
    void cancel(Job* job);
    int running() const;
    QList<QVariantMap> describeAll() const;

signals:
    void jobNew(Job* job);
    void jobFinished(Job* job);

private:
    void finished(Job* job, const JobUpdate& outcome);

    PolkitAuthorizer& m_authorizer;
    JobObjects* m_objects; // a child; serves every job's path
    uint m_nextId = 1;
    std::map<uint, Job*> m_jobs; // children of this object
    std::map<uint, WorkerProcess*> m_workers;
};

} // namespace cubby
