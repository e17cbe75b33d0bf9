// What the main window's container actions do: one asynchronous helper call each, errors to the
// message bar, terminals into tabs.
#include "container_list_model.h"
#include "container_wizard.h"
#include "helper_connection.h"
#include "helper_errors.h"
#include "host_section.h"
#include "main_window.h"
#include "message_bar.h"
#include "overview_page.h"
#include "pty_terminal.h"
#include "remote_auth_agent.h"
#include "remote_terminal.h"
#include "settings_page.h"
#include "xml_page.h"

#include <QAbstractButton>
#include <QDBusPendingReply>
#include <QDBusUnixFileDescriptor>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProcess>
#include <QStatusBar>
#include <QTabWidget>
#include <cerrno>
#include <cstring>
#include <fcntl.h>

namespace cubby {

void MainWindow::start() {
    const QString name = selectedContainer();
    operate(name, m_current->helper()->manager()->StartContainer(name),
            tr("Starting %1…").arg(name), tr("Could not start “%1”").arg(name));
}

void MainWindow::shutDown() {
    const QString name = selectedContainer();
    operate(name, m_current->helper()->manager()->ShutdownContainer(name, 0),
            tr("Shutting down %1…").arg(name), tr("Could not shut down “%1”").arg(name));
}

void MainWindow::forceOff() {
    const QString name = selectedContainer();
    operate(name, m_current->helper()->manager()->DestroyContainer(name),
            tr("Stopping %1…").arg(name), tr("Could not force off “%1”").arg(name));
}

void MainWindow::reboot() {
    const QString name = selectedContainer();
    operate(name, m_current->helper()->manager()->RebootContainer(name),
            tr("Rebooting %1…").arg(name), tr("Could not reboot “%1”").arg(name));
}

void MainWindow::openConsole() {
    const QString name = selectedContainer();
    if (m_current->helper()->isRemote()) {
        openRemoteTerminal(name, {QStringLiteral("console"), name}, tr("%1 — console").arg(name),
                           tr("Could not open the console of “%1”").arg(name));
        return;
    }
    openTerminal(name, m_current->helper()->manager()->OpenConsole(name),
                 tr("%1 — console").arg(name), tr("Could not open the console of “%1”").arg(name));
}

void MainWindow::openShell() {
    const QString name = selectedContainer();
    if (m_current->helper()->isRemote()) {
        openRemoteTerminal(name, {QStringLiteral("shell"), name}, tr("%1 — shell").arg(name),
                           tr("Could not open a shell in “%1”").arg(name));
        return;
    }
    // An empty user is root inside the container.
    openTerminal(name, m_current->helper()->manager()->OpenShell(name, QString()),
                 tr("%1 — shell").arg(name), tr("Could not open a shell in “%1”").arg(name));
}

void MainWindow::confirmDelete() {
    const QString name = selectedContainer();
    if (name.isEmpty())
        return;
    // Window-modal through open(), never exec(): no nested event loop, signals keep arriving.
    auto* box = new QMessageBox(QMessageBox::Question, tr("Delete Container"),
                                tr("Delete the container “%1”?").arg(name),
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("confirmDelete"));
    box->setInformativeText(
        tr("Its definition is removed. Its root filesystem and logs are kept."));
    box->button(QMessageBox::Yes)->setText(tr("Delete"));
    box->button(QMessageBox::Yes)->setIcon(QIcon::fromTheme(QStringLiteral("edit-delete")));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, box, name](QAbstractButton* button) {
        if (box->standardButton(button) == QMessageBox::Yes)
            deleteContainer(name);
    });
    box->open();
}

void MainWindow::deleteContainer(const QString& name) {
    operate(name, m_current->helper()->manager()->UndefineContainer(name),
            tr("Deleting %1…").arg(name), tr("Could not delete “%1”").arg(name));
}

void MainWindow::newContainer() {
    // One wizard at a time: a second New Container brings the open one forward.
    if (auto* open = findChild<ContainerWizard*>(); open != nullptr && open->isVisible()) {
        open->raise();
        open->activateWindow();
        return;
    }
    auto* wizard = new ContainerWizard(helper(), model(), this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    connect(wizard, &ContainerWizard::created, this, &MainWindow::selectWhenListed);
    wizard->show(); // non-modal: the window goes on working while the wizard is open
}

void MainWindow::selectWhenListed(const QString& name) {
    if (selectContainer(name))
        return;
    m_selectWhenListed = name; // its row comes with the next list
    refresh();
}

void MainWindow::operate(const QString& name, const QDBusPendingCall& call, const QString& progress,
                         const QString& failure) {
    if (name.isEmpty())
        return;
    HostSection* host = m_current;
    host->setBusy(name, true);
    updateActions();
    statusBar()->showMessage(progress);
    host->helper()->watch(call, host, [this, host, name, failure](QDBusPendingCallWatcher& reply) {
        host->setBusy(name, false);
        statusBar()->clearMessage();
        if (reply.isError())
            showHelperError(failure, reply.error());
        updateActions();
        host->refresh();
    });
}

void MainWindow::openTerminal(const QString& name, const QDBusPendingCall& call,
                              const QString& title, const QString& failure) {
    if (name.isEmpty())
        return;
    statusBar()->showMessage(tr("Opening %1…").arg(title));
    m_current->helper()->watch(
        call, this, [this, title, failure](QDBusPendingCallWatcher& watcher) {
            statusBar()->clearMessage();
            const QDBusPendingReply<QDBusUnixFileDescriptor, QString> reply = watcher;
            if (reply.isError()) {
                showHelperError(failure, reply.error());
                return;
            }
            // The reply's descriptor closes with the reply; the terminal keeps its own copy.
            UniqueFd master(fcntl(reply.argumentAt<0>().fileDescriptor(), F_DUPFD_CLOEXEC, 3));
            if (!master.valid()) {
                showError(tr("%1: %2").arg(failure, QString::fromLocal8Bit(strerror(errno))));
                return;
            }
            auto* terminal = new PtyTerminal;
            terminal->attach(std::move(master));
            addTerminalTab(terminal, title, reply.argumentAt<1>());
        });
}

void MainWindow::openRemoteTerminal(const QString& name, const QStringList& cubbyctlArguments,
                                    const QString& title, const QString& failure) {
    const auto& target = m_current->helper()->remoteTarget();
    if (name.isEmpty() || !target)
        return;
    auto started = startRemoteTerminal(*target, HelperConnection::sshProgram(), cubbyctlArguments);
    if (!started) {
        showError(tr("%1: %2").arg(failure, QString::fromStdString(started.error().message)));
        return;
    }
    auto* terminal = new PtyTerminal;
    started->process->setParent(terminal); // ends (ssh is hung up on) with the tab
    connect(started->process, &QProcess::errorOccurred, this,
            [this, failure, process = started->process](QProcess::ProcessError error) {
                if (error == QProcess::FailedToStart)
                    showError(tr("%1: %2").arg(failure, process->errorString()));
            });
    terminal->attach(std::move(started->master));
    const QString host = m_current->helper()->hostLabel();
    addTerminalTab(terminal, tr("%1 on %2").arg(title, host),
                   tr("%1 on %2, through ssh").arg(title, m_current->helper()->uri()));
}

void MainWindow::addTerminalTab(PtyTerminal* terminal, const QString& title, const QString& tip) {
    terminal->setObjectName(QStringLiteral("terminal"));
    terminal->setToolTip(tip);
    const int index = m_tabs->addTab(terminal, title);
    m_tabs->setTabToolTip(index, tip);
    connect(terminal, &PtyTerminal::hangup, this, [this, terminal, title] {
        const int at = m_tabs->indexOf(terminal);
        if (at >= 0)
            m_tabs->setTabText(at, tr("%1 (ended)").arg(title));
    });
    m_tabs->setCurrentIndex(index);
    terminal->setFocus();
}

void MainWindow::startAuthAgent(HostSection* host, uint bridgePid) {
    delete host->findChild<RemoteAuthAgent*>(); // the last connection's
    const QString machine = host->helper()->hostLabel();
    auto* agent = new RemoteAuthAgent(*host->helper()->remoteTarget(), bridgePid, host);
    connect(agent, &RemoteAuthAgent::asking, this, [this, agent, machine] {
        PtyTerminal* terminal = agent->terminal();
        if (terminal == nullptr)
            return; // its tab was closed: the next connection starts another
        const int index = m_tabs->addTab(terminal, tr("Password for %1").arg(machine));
        m_tabs->setTabToolTip(
            index, tr("The polkit of %1 asks for a password: type it here").arg(machine));
        m_tabs->setCurrentIndex(index);
        terminal->setFocus();
    });
    connect(agent, &RemoteAuthAgent::answered, this, [this, agent] {
        PtyTerminal* terminal = agent->terminal();
        if (const int at = terminal ? m_tabs->indexOf(terminal) : -1; at >= 0) {
            m_tabs->removeTab(at);
            terminal->setParent(nullptr); // kept, unshown, for the next question
        }
    });
    connect(agent, &RemoteAuthAgent::failed, this, [this, machine](const QString& why) {
        statusBar()->showMessage(tr("Passwords cannot be asked for on %1: %2").arg(machine, why),
                                 15000);
    });
}

void MainWindow::closeTab(int index) {
    QWidget* page = m_tabs->widget(index);
    if (page == nullptr || page == m_overview || page == m_log || page == m_settings ||
        page == m_xml)
        return;
    m_tabs->removeTab(index);
    page->deleteLater();
}

} // namespace cubby
