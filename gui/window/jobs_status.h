#pragma once
// The status bar's job display: the helper's running jobs (JobNew/JobFinished) with the
// progress of the latest one (its Job object's ProgressChanged) and a button that cancels it.
// Hidden while nothing runs.

#include <QDBusObjectPath>
#include <QMap>
#include <QWidget>

class QLabel;
class QProgressBar;
class QToolButton;
class IoGithubCubby1JobInterface;

namespace cubby {

class HelperConnection;

class JobsStatus : public QWidget {
    Q_OBJECT
public:
    explicit JobsStatus(HelperConnection* helper, QWidget* parent = nullptr);

    // ListJobs again (the helper came back: jobs it had are gone, new ones may run).
    void refresh();
    qsizetype runningJobs() const { return m_jobs.size(); }
    QToolButton* cancelButton() const { return m_cancel; }

private:
    struct Job {
        QString operation;
        QString target;
        QString status;
        double progress = -1;
        IoGithubCubby1JobInterface* proxy = nullptr;
        qint64 order = 0;
    };

    void jobNew(const QDBusObjectPath& path, const QString& operation, const QString& target);
    void jobFinished(const QDBusObjectPath& path);
    void forget(const QString& path);
    void updateDisplay();
    void cancelLatest();

    HelperConnection* m_helper;
    QMap<QString, Job> m_jobs; // by object path
    qint64 m_order = 0;
    QLabel* m_label = nullptr;
    QProgressBar* m_progress = nullptr;
    QToolButton* m_cancel = nullptr;
    QString m_latest; // the shown job's path
};

} // namespace cubby
