// Clone, snapshots, export and import in the app (issue 13): the helper's jobs, as cubbyctl
// clone/snapshot/export/import run them. The export's file and the import's are opened here,
// as the desktop user (engine/sys/export_file.h); the helper only reads or writes the
// descriptor. Descriptors do not cross SSH: for another machine's container the export and a
// dropped file go through its own cubbyctl over ssh (RemoteStream), as cubbyctl --connect
// sends them.
#include "container_list_model.h"
#include "export_file.h"
#include "helper_connection.h"
#include "helper_errors.h"
#include "host_section.h"
#include "job_watch.h"
#include "main_window.h"
#include "message_bar.h"
#include "remote_stream.h"
#include "snapshots_dialog.h"

#include <QDBusPendingReply>
#include <QDBusUnixFileDescriptor>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QRegularExpression>
#include <QStatusBar>
#include <cerrno>
#include <fcntl.h>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>

namespace cubby {

namespace {

constexpr int doneMessageMs = 15000;

const QString exportFilter = QStringLiteral("*.cubby");

} // namespace

void MainWindow::followJob(HostSection* host, const QString& name, const QDBusPendingCall& call,
                           const QString& working, const QString& failure,
                           std::function<void(const QString& status)> done) {
    host->setBusy(name, true);
    updateActions();
    statusBar()->showMessage(working);
    const auto finish = [this, host, name] {
        host->setBusy(name, false);
        updateActions();
        host->refresh();
    };
    host->helper()->watch(
        call, host,
        [this, host, working, failure, finish, done = std::move(done)](QDBusPendingCallWatcher& w) {
            const QDBusPendingReply<QDBusObjectPath> reply = w;
            if (reply.isError()) {
                statusBar()->clearMessage();
                showHelperError(failure, reply.error());
                finish();
                return;
            }
            auto* job = new JobWatch(host->helper(), reply.value().path(), host);
            connect(job, &JobWatch::progress, this, [this, working](double, const QString& status) {
                statusBar()->showMessage(tr("%1 %2").arg(working, status));
            });
            connect(
                job, &JobWatch::finished, this,
                [this, job, failure, finish, done](const QString& state, const QString& message) {
                    job->deleteLater();
                    statusBar()->clearMessage();
                    finish();
                    if (state == QLatin1String("done"))
                        done(job->status());
                    else if (state == QLatin1String("cancelled"))
                        statusBar()->showMessage(tr("%1: cancelled").arg(failure), doneMessageMs);
                    else
                        showError(tr("%1: %2").arg(failure, message));
                });
        });
}

void MainWindow::cloneContainer() {
    const QString name = selectedContainer();
    if (name.isEmpty())
        return;
    HostSection* host = m_current;
    auto* ask = new QInputDialog(this);
    ask->setObjectName(QStringLiteral("cloneName"));
    ask->setWindowTitle(tr("Clone Container"));
    ask->setLabelText(tr("Name of the copy of “%1”:").arg(name));
    ask->setTextValue(tr("%1-copy").arg(name));
    ask->setAttribute(Qt::WA_DeleteOnClose);
    connect(ask, &QInputDialog::textValueSelected, this, [this, host, name](const QString& text) {
        const QString newName = text.trimmed();
        if (!m_hosts.contains(host))
            return; // its machine was closed meanwhile
        followJob(host, name, host->helper()->manager()->CloneContainer(name, newName),
                  tr("Cloning %1…").arg(name), tr("Could not clone “%1”").arg(name),
                  [this, host, name, newName](const QString& status) {
                      statusBar()->showMessage(
                          tr("Cloned “%1” as “%2”. %3").arg(name, newName, status), doneMessageMs);
                      if (host == m_hosts.front())
                          selectWhenListed(newName);
                  });
    });
    ask->open();
}

void MainWindow::showSnapshots() {
    const QString name = selectedContainer();
    if (name.isEmpty())
        return;
    auto* dialog = new SnapshotsDialog(m_current->helper(), name, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // While a snapshot is taken or restored the container cannot start (the helper refuses
    // it too): its actions follow the dialog's jobs.
    HostSection* host = m_current;
    connect(dialog, &SnapshotsDialog::jobEnded, host, &HostSection::refresh);
    // It works on that machine's helper: closed (and deleted) when the machine is closed.
    connect(host, &QObject::destroyed, dialog, &QWidget::close);
    dialog->show();
}

void MainWindow::exportContainer() {
    const QString name = selectedContainer();
    if (name.isEmpty())
        return;
    HostSection* host = m_current;
    auto* dialog = new QFileDialog(this, tr("Export “%1”").arg(name),
                                   QDir::home().filePath(name + QStringLiteral(".cubby")),
                                   tr("Cubby exports (%1);;All files (*)").arg(exportFilter));
    dialog->setObjectName(QStringLiteral("exportDialog"));
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    // An export never replaces a file: the helper's side refuses, plainly.
    dialog->setOption(QFileDialog::DontConfirmOverwrite);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, [this, host, name](const QString& path) {
        if (m_hosts.contains(host))
            startExport(host, name, path);
    });
    dialog->open();
}

void MainWindow::startExport(HostSection* host, const QString& name, const QString& path) {
    const QString failure = tr("Could not export “%1”").arg(name);
    auto created = ExportFile::create(QFile::encodeName(path).toStdString());
    if (!created) {
        showError(tr("%1: %2").arg(failure, QString::fromStdString(created.error().message)));
        return;
    }
    // Kept open (and nameless) until the job is done; dropped with the job otherwise.
    auto file = std::make_shared<ExportFile>(std::move(*created));
    if (host->helper()->isRemote()) {
        // Another machine: its cubbyctl export writes the archive through ssh into the file.
        UniqueFd output(::fcntl(file->fd(), F_DUPFD_CLOEXEC, 3));
        if (!output.valid()) {
            showError(tr("%1: %2").arg(failure, QString::fromLocal8Bit(strerror(errno))));
            return;
        }
        runRemote(host, name, {QStringLiteral("export"), name, QStringLiteral("-")}, {},
                  std::move(output), tr("Exporting %1…").arg(name), failure,
                  [this, file, name, path, failure] {
                      if (auto kept = file->keep(); !kept)
                          showError(tr("%1: %2").arg(failure,
                                                     QString::fromStdString(kept.error().message)));
                      else
                          statusBar()->showMessage(tr("Exported “%1” to %2").arg(name, path),
                                                   doneMessageMs);
                  });
        return;
    }
    followJob(
        host, name,
        host->helper()->manager()->ExportContainer(name, QDBusUnixFileDescriptor(file->fd())),
        tr("Exporting %1…").arg(name), failure, [this, file, name, path, failure](const QString&) {
            if (auto kept = file->keep(); !kept)
                showError(tr("%1: %2").arg(failure, QString::fromStdString(kept.error().message)));
            else
                statusBar()->showMessage(tr("Exported “%1” to %2").arg(name, path), doneMessageMs);
        });
}

void MainWindow::importContainer() {
    auto* dialog = new QFileDialog(this, tr("Import Container"), QDir::homePath(),
                                   tr("Cubby exports (%1);;All files (*)").arg(exportFilter));
    dialog->setObjectName(QStringLiteral("importDialog"));
    dialog->setFileMode(QFileDialog::ExistingFile);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString& path) {
        // The name: the exported one, which the user may change (a taken name is refused).
        // Only a regular file is read here: a FIFO would keep the window waiting.
        QFile file(path);
        QString exported;
        if (QFileInfo(path).isFile() && file.open(QIODevice::ReadOnly)) {
            const QRegularExpression nameElement(QStringLiteral("<name>([^<]{1,128})</name>"));
            exported = nameElement.match(QString::fromUtf8(file.read(64 * 1024))).captured(1);
        }
        auto* ask = new QInputDialog(this);
        ask->setObjectName(QStringLiteral("importName"));
        ask->setWindowTitle(tr("Import Container"));
        ask->setLabelText(tr("Name of the new container:"));
        ask->setTextValue(exported.trimmed());
        ask->setAttribute(Qt::WA_DeleteOnClose);
        connect(ask, &QInputDialog::textValueSelected, this,
                [this, path](const QString& name) { startImport(path, name.trimmed()); });
        ask->open();
    });
    dialog->open();
}

void MainWindow::startImport(const QString& path, const QString& name) {
    const QString failure = tr("Could not import %1").arg(path);
    // O_NONBLOCK until it is known to be a regular file: reading the definition here must
    // never wait (a FIFO, a device).
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    struct stat file = {};
    if (fd < 0 || ::fstat(fd, &file) != 0 || !S_ISREG(file.st_mode)) {
        const QString why = fd < 0 ? QString::fromLocal8Bit(strerror(errno))
                                   : tr("not a file; an export is one file");
        if (fd >= 0)
            ::close(fd);
        showError(tr("%1: %2").arg(failure, why));
        return;
    }
    ::fcntl(fd, F_SETFL, 0); // the helper's worker reads it blocking
    const auto definition = readExportDefinition(fd);
    if (!definition) {
        ::close(fd);
        showError(tr("%1: %2").arg(failure, QString::fromStdString(definition.error().message)));
        return;
    }
    HostSection* host = m_hosts.front();
    // The reply's message holds its own copy of the descriptor.
    const QDBusPendingCall call = host->helper()->manager()->ImportContainer(
        QString::fromStdString(*definition), name, QDBusUnixFileDescriptor(fd));
    ::close(fd);
    followJob(host, name, call, tr("Importing %1…").arg(path), failure,
              [this, name, path](const QString&) {
                  statusBar()->showMessage(tr("Imported “%1” from %2").arg(name, path),
                                           doneMessageMs);
                  selectWhenListed(name);
              });
}

void MainWindow::copyIntoContainer(HostSection* host, const QString& name,
                                   const QStringList& paths) {
    for (const QString& path : paths) {
        const QString fileName = QFileInfo(path).fileName();
        const QString failure = tr("Could not copy %1 into “%2”").arg(fileName, name);
        // O_NOFOLLOW|O_NONBLOCK: a dropped symlink or FIFO is not followed or waited on.
        UniqueFd fd(::open(QFile::encodeName(path).constData(),
                           O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK));
        struct stat file = {};
        if (!fd.valid() || ::fstat(fd.get(), &file) != 0 || !S_ISREG(file.st_mode)) {
            showError(tr("%1: %2").arg(failure, !fd.valid()
                                                    ? QString::fromLocal8Bit(strerror(errno))
                                                    : tr("only files are copied by drag and "
                                                         "drop; for a folder use cubbyctl cp -r")));
            continue;
        }
        ::fcntl(fd.get(), F_SETFL, 0); // read blocking from here on
        const QString target = QStringLiteral("/root/") + fileName;
        const QString done = tr("Copied to %1:%2").arg(name, target);
        if (host->helper()->isRemote()) {
            // Another machine: its cubbyctl cp, the file framed through ssh.
            runRemote(host, name,
                      {QStringLiteral("cp"), QStringLiteral("--framed"), QStringLiteral("--mode"),
                       QString::number(file.st_mode & 0777, 8), QStringLiteral("--owner"),
                       QStringLiteral("0:0"), QStringLiteral("-"),
                       name + QLatin1Char(':') + target},
                      std::move(fd), {}, tr("Copying %1 into %2…").arg(fileName, name), failure,
                      [this, done] { statusBar()->showMessage(done, doneMessageMs); });
            continue;
        }
        const QDBusPendingCall call = host->helper()->manager()->PushFile(
            name, target, QDBusUnixFileDescriptor(fd.get()), uint(file.st_mode & 0777), 0, 0);
        followJob(host, name, call, tr("Copying %1 into %2…").arg(fileName, name), failure,
                  [this, done](const QString&) { statusBar()->showMessage(done, doneMessageMs); });
    }
}

void MainWindow::runRemote(HostSection* host, const QString& name, const QStringList& arguments,
                           UniqueFd input, UniqueFd output, const QString& working,
                           const QString& failure, std::function<void()> done) {
    host->setBusy(name, true);
    updateActions();
    statusBar()->showMessage(working);
    auto* stream = new RemoteStream(*host->helper()->remoteTarget(), arguments, std::move(input),
                                    std::move(output), host);
    connect(
        stream, &RemoteStream::finished, this,
        [this, host, name, stream, failure, done = std::move(done)](bool ok, const QString& error) {
            stream->deleteLater();
            host->setBusy(name, false);
            statusBar()->clearMessage();
            updateActions();
            host->refresh();
            if (ok)
                done();
            else
                showError(tr("%1: %2").arg(failure, error));
        });
}

} // namespace cubby
