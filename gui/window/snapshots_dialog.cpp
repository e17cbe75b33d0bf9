#include "snapshots_dialog.h"

#include "helper_connection.h"
#include "helper_errors.h"
#include "job_watch.h"

#include <QAbstractButton>
#include <QDBusPendingReply>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace cubby {

SnapshotsDialog::SnapshotsDialog(HelperConnection* helper, const QString& container,
                                 QWidget* parent)
    : QDialog(parent)
    , m_helper(helper)
    , m_container(container)
    , m_list(new QListWidget)
    , m_status(new QLabel)
    , m_progress(new QProgressBar)
    , m_take(new QPushButton(tr("&Take Snapshot…")))
    , m_restore(new QPushButton(tr("&Restore…")))
    , m_delete(new QPushButton(tr("&Delete…"))) {
    setObjectName(QStringLiteral("snapshotsDialog"));
    setWindowTitle(tr("Snapshots of “%1”").arg(container));
    m_list->setObjectName(QStringLiteral("snapshotList"));
    m_list->setAccessibleName(tr("Snapshots"));
    m_status->setObjectName(QStringLiteral("snapshotStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(false);
    m_progress->hide();
    m_take->setToolTip(tr("Keep a copy of the container's root filesystem as it is now"));
    m_restore->setToolTip(
        tr("Put the selected snapshot in the place of the root filesystem; what changed since "
           "is lost"));
    m_delete->setToolTip(tr("Remove the selected snapshot"));

    auto* intro = new QLabel(tr("Snapshots are copies of the stopped container's root "
                                "filesystem, kept beside it: reflinks where the filesystem "
                                "shares blocks, else a full copy."));
    intro->setWordWrap(true);
    auto* buttons = new QVBoxLayout;
    buttons->addWidget(m_take);
    buttons->addWidget(m_restore);
    buttons->addWidget(m_delete);
    buttons->addStretch(1);
    auto* middle = new QHBoxLayout;
    middle->addWidget(m_list, 1);
    middle->addLayout(buttons);
    auto* close = new QDialogButtonBox(QDialogButtonBox::Close);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(middle, 1);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addWidget(close);
    resize(520, 360);

    connect(close, &QDialogButtonBox::rejected, this, &QDialog::close);
    connect(m_take, &QPushButton::clicked, this, &SnapshotsDialog::askName);
    connect(m_restore, &QPushButton::clicked, this, [this] {
        const QString snapshot = selected();
        confirm(tr("Restore the snapshot “%1” of “%2”?").arg(snapshot, m_container),
                tr("The root filesystem is replaced by the snapshot; every change made since "
                   "it was taken is lost."),
                tr("Restore"), [this, snapshot] { restore(snapshot); });
    });
    connect(m_delete, &QPushButton::clicked, this, [this] {
        const QString snapshot = selected();
        confirm(tr("Delete the snapshot “%1”?").arg(snapshot),
                tr("The container's root filesystem stays as it is."), tr("Delete"),
                [this, snapshot] { remove(snapshot); });
    });
    connect(m_list, &QListWidget::currentRowChanged, this, &SnapshotsDialog::updateButtons);
    updateButtons();
    refresh();
}

QString SnapshotsDialog::selected() const {
    const QListWidgetItem* item = m_list->currentItem();
    return item ? item->data(Qt::UserRole).toString() : QString();
}

void SnapshotsDialog::updateButtons() {
    const bool idle = m_job == nullptr;
    m_take->setEnabled(idle);
    m_restore->setEnabled(idle && !selected().isEmpty());
    m_delete->setEnabled(idle && !selected().isEmpty());
}

void SnapshotsDialog::refresh() {
    m_helper->watch(
        m_helper->manager()->ListSnapshots(m_container), this,
        [this](QDBusPendingCallWatcher& call) {
            const QDBusPendingReply<QList<QVariantMap>> reply = call;
            if (reply.isError()) {
                m_status->setText(
                    tr("The snapshots cannot be listed: %1").arg(helperErrorText(reply.error())));
                return;
            }
            const QString chosen = selected();
            m_list->clear();
            for (const QVariantMap& entry : reply.value()) {
                const QString name = entry.value(QStringLiteral("name")).toString();
                const QDateTime created = QDateTime::fromSecsSinceEpoch(
                    entry.value(QStringLiteral("created")).toLongLong());
                auto* item = new QListWidgetItem(
                    tr("%1 — %2").arg(name, QLocale().toString(created, QLocale::ShortFormat)));
                item->setData(Qt::UserRole, name);
                m_list->addItem(item);
                if (name == chosen)
                    m_list->setCurrentItem(item);
            }
            if (m_list->count() == 0 && m_status->text().isEmpty())
                m_status->setText(tr("No snapshots yet."));
            updateButtons();
            emit listed();
        });
}

void SnapshotsDialog::askName() {
    auto* ask = new QInputDialog(this);
    ask->setObjectName(QStringLiteral("snapshotName"));
    ask->setWindowTitle(tr("Take Snapshot"));
    ask->setLabelText(tr("Name of the snapshot:"));
    ask->setTextValue(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")));
    ask->setAttribute(Qt::WA_DeleteOnClose);
    connect(ask, &QInputDialog::textValueSelected, this,
            [this](const QString& name) { take(name.trimmed()); });
    ask->open();
}

void SnapshotsDialog::confirm(const QString& question, const QString& detail, const QString& button,
                              const std::function<void()>& then) {
    auto* box = new QMessageBox(QMessageBox::Question, windowTitle(), question,
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setInformativeText(detail);
    box->button(QMessageBox::Yes)->setText(button);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [box, then](QAbstractButton* clicked) {
        if (box->standardButton(clicked) == QMessageBox::Yes)
            then();
    });
    box->open();
}

void SnapshotsDialog::take(const QString& snapshot) {
    run(m_helper->manager()->CreateSnapshot(m_container, snapshot),
        tr("Taking the snapshot “%1”…").arg(snapshot),
        tr("The snapshot “%1” could not be taken").arg(snapshot));
}

void SnapshotsDialog::restore(const QString& snapshot) {
    run(m_helper->manager()->RestoreSnapshot(m_container, snapshot),
        tr("Restoring the snapshot “%1”…").arg(snapshot),
        tr("The snapshot “%1” could not be restored").arg(snapshot));
}

void SnapshotsDialog::remove(const QString& snapshot) {
    run(m_helper->manager()->DeleteSnapshot(m_container, snapshot),
        tr("Deleting the snapshot “%1”…").arg(snapshot),
        tr("The snapshot “%1” could not be deleted").arg(snapshot));
}

void SnapshotsDialog::run(const QDBusPendingCall& call, const QString& working,
                          const QString& failure) {
    if (m_job)
        return;
    m_status->setText(working);
    m_progress->setRange(0, 0);
    m_progress->show();
    m_take->setEnabled(false);
    m_restore->setEnabled(false);
    m_delete->setEnabled(false);
    m_helper->watch(call, this, [this, failure](QDBusPendingCallWatcher& watcher) {
        const QDBusPendingReply<QDBusObjectPath> reply = watcher;
        if (reply.isError()) {
            m_progress->hide();
            m_status->setText(tr("%1: %2").arg(failure, helperErrorText(reply.error())));
            updateButtons();
            emit jobEnded(QStringLiteral("failed"));
            return;
        }
        m_job = new JobWatch(m_helper, reply.value().path(), this);
        connect(m_job, &JobWatch::progress, this, [this](double fraction, const QString& status) {
            if (fraction >= 0) {
                m_progress->setRange(0, 1000);
                m_progress->setValue(int(fraction * 1000));
            }
            m_status->setText(status);
        });
        connect(m_job, &JobWatch::finished, this,
                [this, failure](const QString& state, const QString& message) {
                    const QString status = m_job->status();
                    m_job->deleteLater();
                    m_job = nullptr;
                    m_progress->hide();
                    if (state == QLatin1String("done"))
                        m_status->setText(status.isEmpty() ? tr("Done.") : status);
                    else if (state == QLatin1String("cancelled"))
                        m_status->setText(tr("Cancelled."));
                    else
                        m_status->setText(tr("%1: %2").arg(failure, message));
                    updateButtons();
                    refresh();
                    emit jobEnded(state);
                });
    });
}

} // namespace cubby
