#pragma once
// Container ▸ Snapshots…: a stopped container's snapshots (issue 13), listed with when each
// was taken; take one, put one back in the root's place, or delete one. Each is a job of the
// helper's, followed here with its progress; the status says whether reflinks or a full copy
// was used. Non-modal and never blocking: the main window goes on working.

#include "job_watch.h"

#include <QDialog>
#include <QPointer>
#include <functional>

class QDBusPendingCall;

class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;

namespace cubby {

class HelperConnection;

class SnapshotsDialog : public QDialog {
    Q_OBJECT
public:
    SnapshotsDialog(HelperConnection* helper, const QString& container, QWidget* parent = nullptr);

    QListWidget* list() const { return m_list; }
    QPushButton* takeButton() const { return m_take; }
    QPushButton* restoreButton() const { return m_restore; }
    QPushButton* deleteButton() const { return m_delete; }
    QLabel* status() const { return m_status; }
    bool isWorking() const { return m_job != nullptr; }
    // Takes a snapshot named `snapshot` (what Take Snapshot… does once a name is given).
    void take(const QString& snapshot);
    void restore(const QString& snapshot);
    void remove(const QString& snapshot);

signals:
    // The list shows the helper's latest answer.
    void listed();
    // A job ended ("done", "failed" or "cancelled").
    void jobEnded(const QString& state);

private:
    void refresh();
    void askName();
    void confirm(const QString& question, const QString& detail, const QString& button,
                 const std::function<void()>& then);
    void run(const QDBusPendingCall& call, const QString& working, const QString& failure);
    void updateButtons();
    QString selected() const;

    HelperConnection* m_helper;
    QString m_container;
    QListWidget* m_list;
    QLabel* m_status;
    QProgressBar* m_progress;
    QPushButton* m_take;
    QPushButton* m_restore;
    QPushButton* m_delete;
    QPointer<JobWatch> m_job;
};

} // namespace cubby
