#include "job_registry.h"

#include <QDBusConnection>
#include <QTimer>
#include <algorithm>
#include <functional>

namespace cubby {

JobRegistry::JobRegistry(PolkitAuthorizer& authorizer, QObject* parent)
    : QObject(parent)
    , m_authorizer(authorizer)
    , m_objects(new JobObjects(authorizer, std::bind_front(&JobRegistry::find, this), this)) {
    QDBusConnection::systemBus().registerVirtualObject(QString(JobObjects::basePath), m_objects,
                                                       QDBusConnection::SubPath);
}

Job* JobRegistry::find(uint id) const {
    const auto found = m_jobs.find(id);
    return found == m_jobs.end() ? nullptr : found->second;
}

Job* JobRegistry::start(const QString& operation, const QString& target, uint startedBy,
                        WorkerProcess* worker, Job::CancelHandler onCancel,
                        std::function<Status()> onDone) {
    auto* job = new Job(m_nextId++, operation, target, startedBy, std::move(onCancel),
                        m_authorizer.audience(), this);
    m_jobs[job->id()] = job;
    m_workers[job->id()] = worker;
    worker->setParent(job);
    connect(worker, &WorkerProcess::progress, job, &Job::update);
    connect(worker, &WorkerProcess::finished, job,
            [this, job, onDone = std::move(onDone)](const JobUpdate& outcome) {
                JobUpdate final = outcome;
                if (outcome.kind == JobUpdate::Kind::Done && onDone) {
                    if (auto settled = onDone(); !settled)
                        final = {JobUpdate::Kind::Error, -1, settled.error().kind,
                                 settled.error().message};
                }
                finished(job, final);
            });
    emit jobNew(job);
    return job;
}

void JobRegistry::finished(Job* job, const JobUpdate& outcome) {
    m_workers.erase(job->id());
    switch (outcome.kind) {
    case JobUpdate::Kind::Done:
        job->update(1, QString::fromStdString(outcome.text));
        job->finish(QStringLiteral("done"));
        break;
    case JobUpdate::Kind::Cancelled:
        job->finish(QStringLiteral("cancelled"));
        break;
    case JobUpdate::Kind::Error:
    case JobUpdate::Kind::Progress: {
        const Error error{outcome.errorKind, 0, outcome.text};
        job->finish(QStringLiteral("failed"), &error);
        break;
    }
    }
    emit jobFinished(job);
    QTimer::singleShot(lingerMs, this, [this, job] {
        m_jobs.erase(job->id());
        job->deleteLater();
    });
}

bool JobRegistry::readingFrom(const QString& container) const {
    for (const auto& [id, job] : m_jobs) {
        if (!job->finished() && job->readsContainer() == container)
            return true;
    }
    return false;
}

Job* JobRegistry::activeFor(const QString& target) const {
    for (const auto& [id, job] : m_jobs) {
        if (!job->finished() && job->target() == target)
            return job;
    }
    return nullptr;
}

size_t JobRegistry::activeStartedBy(uint uid, const QString& operation) const {
    return static_cast<size_t>(std::ranges::count_if(m_jobs, [&](const auto& entry) {
        const Job* job = entry.second;
        return !job->finished() && job->startedBy() == uid && job->operation() == operation;
    }));
}

void JobRegistry::cancel(Job* job) {
    if (auto worker = m_workers.find(job->id()); worker != m_workers.end()) {
        job->markCancelling();
        worker->second->cancel();
    }
}

int JobRegistry::running() const {
    return static_cast<int>(m_workers.size());
}

QList<QVariantMap> JobRegistry::describeAll() const {
    QList<QVariantMap> list;
    for (const auto& [id, job] : m_jobs)
        list << job->describe();
    return list;
}

} // namespace cubby
