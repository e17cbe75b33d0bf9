#include "jobs_status.h"

#include "helper_connection.h"
#include "job_interface.h"

#include <QDBusPendingReply>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QStyle>
#include <QToolButton>

namespace cubby {

JobsStatus::JobsStatus(HelperConnection* helper, QWidget* parent)
    : QWidget(parent)
    , m_helper(helper)
    , m_label(new QLabel(this))
    , m_progress(new QProgressBar(this)) {
    setObjectName(QStringLiteral("jobsStatus"));
    m_progress->setRange(0, 1000);
    m_progress->setMaximumWidth(160);
    m_progress->setTextVisible(false);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_cancel = new QToolButton(this);
    m_cancel->setObjectName(QStringLiteral("jobCancel"));
    m_cancel->setIcon(QIcon::fromTheme(QStringLiteral("process-stop"),
                                       style()->standardIcon(QStyle::SP_BrowserStop)));
    m_cancel->setToolTip(tr("Cancel this job: what it made so far is removed"));
    m_cancel->setAccessibleName(tr("Cancel the job"));
    m_cancel->setAutoRaise(true);
    connect(m_cancel, &QToolButton::clicked, this, &JobsStatus::cancelLatest);
    layout->addWidget(m_label);
    layout->addWidget(m_progress);
    layout->addWidget(m_cancel);
    m_helper->onManager(this, [this](ManagerProxy* manager) {
        connect(manager, &ManagerProxy::JobNew, this, &JobsStatus::jobNew);
        connect(manager, &ManagerProxy::JobFinished, this,
                [this](const QDBusObjectPath& path) { jobFinished(path); });
    });
    updateDisplay();
}

void JobsStatus::refresh() {
    m_helper->watch(m_helper->manager()->ListJobs(), this, [this](QDBusPendingCallWatcher& call) {
        const QDBusPendingReply<QList<QVariantMap>> reply = call;
        if (reply.isError())
            return;
        const QStringList known = m_jobs.keys();
        QStringList running;
        for (const QVariantMap& job : reply.value()) {
            const QString state = job.value(QStringLiteral("state")).toString();
            if (state != QLatin1String("running") && state != QLatin1String("cancelling"))
                continue;
            const QString path = job.value(QStringLiteral("path")).toString();
            running << path;
            if (!m_jobs.contains(path))
                jobNew(QDBusObjectPath(path), job.value(QStringLiteral("operation")).toString(),
                       job.value(QStringLiteral("target")).toString());
        }
        for (const QString& path : known) {
            if (!running.contains(path))
                forget(path);
        }
        updateDisplay();
    });
}

void JobsStatus::jobNew(const QDBusObjectPath& path, const QString& operation,
                        const QString& target) {
    if (m_jobs.contains(path.path()))
        return;
    Job job{operation, target, {}, -1, nullptr, ++m_order};
    job.proxy = new IoGithubCubby1JobInterface(m_helper->manager()->service(), path.path(),
                                               m_helper->bus(), this);
    const QString key = path.path();
    connect(job.proxy, &IoGithubCubby1JobInterface::ProgressChanged, this,
            [this, key](double progress, const QString& status) {
                auto it = m_jobs.find(key);
                if (it == m_jobs.end())
                    return;
                it->progress = progress;
                it->status = status;
                updateDisplay();
            });
    connect(job.proxy, &IoGithubCubby1JobInterface::Finished, this, [this, key] { forget(key); });
    m_jobs.insert(key, job);
    updateDisplay();
}

void JobsStatus::jobFinished(const QDBusObjectPath& path) {
    forget(path.path());
}

void JobsStatus::forget(const QString& path) {
    const auto it = m_jobs.find(path);
    if (it == m_jobs.end())
        return;
    it->proxy->deleteLater();
    m_jobs.erase(it);
    updateDisplay();
}

void JobsStatus::updateDisplay() {
    if (m_jobs.isEmpty()) {
        hide();
        return;
    }
    // The latest job is shown; the others are counted.
    const Job* latest = nullptr;
    for (auto it = m_jobs.cbegin(); it != m_jobs.cend(); ++it) {
        if (!latest || it->order > latest->order) {
            latest = &*it;
            m_latest = it.key();
        }
    }
    QString text = latest->status.isEmpty()
                       ? tr("%1 %2").arg(latest->operation, latest->target)
                       : tr("%1 %2: %3").arg(latest->operation, latest->target, latest->status);
    if (m_jobs.size() > 1)
        text += tr(" (+%n more)", nullptr, int(m_jobs.size() - 1));
    m_label->setText(text);
    if (latest->progress < 0) {
        m_progress->setRange(0, 0); // busy: the total is not known yet
    } else {
        m_progress->setRange(0, 1000);
        m_progress->setValue(int(latest->progress * 1000));
    }
    setVisible(true);
}

void JobsStatus::cancelLatest() {
    const auto it = m_jobs.constFind(m_latest);
    if (it == m_jobs.cend())
        return;
    // Finished follows (or Conflict: it ended meanwhile); either way the display updates.
    m_helper->watch(it->proxy->Cancel(), this, [](QDBusPendingCallWatcher&) {});
}

} // namespace cubby
