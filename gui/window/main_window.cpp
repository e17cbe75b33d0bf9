#include "main_window.h"

#include "helper_errors.h"
#include "network_wizard.h"
#include "networks_panel.h"

#include "connect_dialog.h"
#include "container_list_model.h"
#include "helper_connection.h"
#include "host_section.h"
#include "jobs_status.h"
#include "message_bar.h"
#include "overview_page.h"
#include "settings_page.h"
#include "terminal_text.h"
#include "xml_page.h"

#include <QAction>
#include <QApplication>
#include <QDBusPendingReply>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QPainter>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>
#include <QWindow>
#include <algorithm>
#include <cstdio>
#include <utility>

namespace cubby {

namespace {

constexpr int statsIntervalMs = 1000;

} // namespace

MainWindow::MainWindow(const QDBusConnection& bus, QWidget* parent)
    : QMainWindow(parent) {
    setWindowTitle(tr("Cubby"));
    setWindowIcon(QIcon::fromTheme(QStringLiteral("io.github.cubby1")));
    m_clock.start();
    buildActions();
    buildLayout();
    m_current = addHost(new HelperConnection(bus));
    m_xml->setHelper(helper());
    m_settings->setHelper(helper());
    connectSignals();
    updateActions();
    connectionChanged();
    resize(1100, 680);
}

MainWindow::~MainWindow() = default;

ContainerListModel* MainWindow::model() const {
    return m_hosts.front()->model();
}

QTableView* MainWindow::containerView() const {
    return m_hosts.front()->view();
}

NetworksPanel* MainWindow::networks() const {
    return m_hosts.front()->networks();
}

HelperConnection* MainWindow::helper() const {
    return m_hosts.front()->helper();
}

QAction* MainWindow::makeAction(Action which, const QString& text, const QString& icon,
                                QStyle::StandardPixmap fallback, Slot slot) {
    auto* created =
        new QAction(QIcon::fromTheme(icon, style()->standardIcon(fallback)), text, this);
    connect(created, &QAction::triggered, this, slot);
    m_actions.at(which) = created;
    m_plainIcons.at(which) = created->icon();
    return created;
}

void MainWindow::buildActions() {
    makeAction(NewContainer, tr("&New Container…"), QStringLiteral("list-add"),
               QStyle::SP_FileDialogNewFolder, &MainWindow::newContainer)
        ->setToolTip(tr("Make a new container in a wizard"));
    action(NewContainer)->setShortcut(QKeySequence::New);
    // Ctrl+N in a terminal is the shell's (next history line): the shortcut is the window's
    // only where the action is shown, as for Refresh and Delete below.
    action(NewContainer)->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    makeAction(Start, tr("&Start"), QStringLiteral("media-playback-start"), QStyle::SP_MediaPlay,
               &MainWindow::start)
        ->setToolTip(tr("Start the container"));
    makeAction(ShutDown, tr("Shut &Down"), QStringLiteral("system-shutdown"), QStyle::SP_MediaStop,
               &MainWindow::shutDown)
        ->setToolTip(tr("Ask the container's init to power off"));
    makeAction(ForceOff, tr("&Force Off"), QStringLiteral("process-stop"), QStyle::SP_BrowserStop,
               &MainWindow::forceOff)
        ->setToolTip(tr("Stop the container at once, killing all its processes"));
    makeAction(Reboot, tr("&Reboot"), QStringLiteral("system-reboot"), QStyle::SP_MediaSkipBackward,
               &MainWindow::reboot);
    makeAction(OpenConsole, tr("Open &Console"), QStringLiteral("utilities-terminal"),
               QStyle::SP_ComputerIcon, &MainWindow::openConsole)
        ->setToolTip(tr("Show the container's console in a new tab"));
    makeAction(OpenShell, tr("Open S&hell"), QStringLiteral("utilities-terminal"),
               QStyle::SP_CommandLink, &MainWindow::openShell)
        ->setToolTip(tr("Open a root shell inside the container in a new tab"));
    makeAction(Delete, tr("De&lete…"), QStringLiteral("edit-delete"), QStyle::SP_TrashIcon,
               &MainWindow::confirmDelete)
        ->setToolTip(tr("Remove the container's definition"));
    makeAction(Refresh, tr("Re&fresh"), QStringLiteral("view-refresh"), QStyle::SP_BrowserReload,
               &MainWindow::refresh)
        ->setShortcut(QKeySequence::Refresh);
    // Keys typed into a terminal are the container's: these shortcuts act only where the
    // actions are shown (the list, the toolbar, the menus).
    action(Refresh)->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    action(Delete)->setShortcut(QKeySequence::Delete);
    action(Delete)->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    makeAction(Clone, tr("Clo&ne…"), QStringLiteral("edit-copy"), QStyle::SP_FileDialogNewFolder,
               &MainWindow::cloneContainer)
        ->setToolTip(tr("Copy the stopped container under a new name"));
    makeAction(Snapshots, tr("Sn&apshots…"), QStringLiteral("document-save"),
               QStyle::SP_DialogSaveButton, &MainWindow::showSnapshots)
        ->setToolTip(tr("Take, restore and delete snapshots of the stopped container"));
    makeAction(Export, tr("&Export…"), QStringLiteral("document-export"),
               QStyle::SP_DialogSaveButton, &MainWindow::exportContainer)
        ->setToolTip(tr("Write the stopped container into one file, to import elsewhere"));

    QMenu* file = menuBar()->addMenu(tr("&File"));
    m_connectHost =
        file->addAction(QIcon::fromTheme(QStringLiteral("network-server"),
                                         style()->standardIcon(QStyle::SP_DriveNetIcon)),
                        tr("Connect to &Host…"), this, &MainWindow::showConnectDialog);
    m_connectHost->setObjectName(QStringLiteral("connectHost"));
    m_connectHost->setToolTip(tr("Manage the containers of another machine over SSH"));
    m_import = file->addAction(QIcon::fromTheme(QStringLiteral("document-import"),
                                                style()->standardIcon(QStyle::SP_DialogOpenButton)),
                               tr("&Import Container…"), this, &MainWindow::importContainer);
    m_import->setObjectName(QStringLiteral("importContainer"));
    m_import->setToolTip(tr("Make a container on this machine from an exported file"));
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::quit);
    quit->setIcon(QIcon::fromTheme(QStringLiteral("application-exit"),
                                   style()->standardIcon(QStyle::SP_DialogCloseButton)));
    QMenu* container = menuBar()->addMenu(tr("&Container"));
    container->addAction(action(NewContainer));
    container->addSeparator();
    container->addActions({action(Start), action(ShutDown), action(ForceOff), action(Reboot)});
    container->addSeparator();
    container->addActions({action(OpenConsole), action(OpenShell)});
    container->addSeparator();
    container->addActions({action(Clone), action(Snapshots), action(Export)});
    container->addSeparator();
    container->addActions({action(Delete)});
    QMenu* network = menuBar()->addMenu(tr("&Network"));
    network->addAction(QIcon::fromTheme(QStringLiteral("network-wired"),
                                        style()->standardIcon(QStyle::SP_DriveNetIcon)),
                       tr("New &Network…"), this, [this] {
                           m_sideTabs->setCurrentIndex(1);
                           m_current->networks()->newNetwork();
                       });
    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(action(Refresh));

    QToolBar* toolbar = addToolBar(tr("Container"));
    toolbar->setObjectName(QStringLiteral("containerToolbar"));
    toolbar->setMovable(false);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addAction(action(NewContainer));
    toolbar->addSeparator();
    toolbar->addActions({action(Start), action(ShutDown), action(ForceOff), action(Reboot)});
    toolbar->addSeparator();
    toolbar->addActions({action(OpenConsole), action(OpenShell)});
    toolbar->addSeparator();
    toolbar->addActions({action(Delete), action(Refresh)});
}

void MainWindow::buildLayout() {
    m_filter = new QLineEdit;
    m_filter->setObjectName(QStringLiteral("containerFilter"));
    m_filter->setPlaceholderText(tr("Filter containers"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setAccessibleName(tr("Filter containers"));
    connect(m_filter, &QLineEdit::textChanged, this, &MainWindow::filterChanged);
    auto* find = new QAction(tr("Filter Containers"), this);
    find->setShortcut(QKeySequence::Find);
    find->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(find, &QAction::triggered, this, [this] {
        m_sideTabs->setCurrentIndex(0);
        m_filter->setFocus();
        m_filter->selectAll();
    });

    m_overview = new OverviewPage;
    m_tabs = new QTabWidget;
    m_tabs->setObjectName(QStringLiteral("tabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->setTabsClosable(true);
    m_tabs->addTab(m_overview, tr("Overview"));
    m_log = new QPlainTextEdit;
    m_log->setObjectName(QStringLiteral("logView"));
    m_log->setAccessibleName(tr("Log"));
    m_log->setReadOnly(true);
    m_log->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_log->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_tabs->addTab(m_log, tr("Log"));
    // Both follow the selected container's machine (hostSelectionChanged).
    m_settings = new SettingsPage(nullptr);
    m_tabs->addTab(m_settings, tr("Settings"));
    m_xml = new XmlPage(nullptr);
    m_tabs->addTab(m_xml, tr("XML"));
    for (int fixed : {0, 1, 2, 3}) { // Overview, Log, Settings and XML stay; terminals close
        m_tabs->tabBar()->setTabButton(fixed, QTabBar::RightSide, nullptr);
        m_tabs->tabBar()->setTabButton(fixed, QTabBar::LeftSide, nullptr);
    }
    connect(m_xml, &XmlPage::applied, this, [this] { refresh(); });
    connect(m_settings, &SettingsPage::applied, this, [this] {
        refresh();
        fetchInfo();
    });
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        if (m_tabs->currentWidget() == m_log)
            fetchLog();
        showXml();
        showSettings();
    });
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &MainWindow::closeTab);

    // Containers and networks side by side in one pane: what a person works on is picked on
    // the left, what it shows goes on the right. Each machine's list is a section of its own,
    // one above the other.
    m_hostLists = new QSplitter(Qt::Vertical);
    m_hostLists->setChildrenCollapsible(false);
    m_hostNetworks = new QSplitter(Qt::Vertical);
    m_hostNetworks->setChildrenCollapsible(false);
    m_sideTabs = new QTabWidget;
    m_sideTabs->setObjectName(QStringLiteral("sideTabs"));
    m_sideTabs->setDocumentMode(true);
    m_containersTab = new QWidget;
    auto* containersLayout = new QVBoxLayout(m_containersTab);
    containersLayout->setContentsMargins(0, 4, 0, 0);
    containersLayout->addWidget(m_filter);
    containersLayout->addWidget(m_hostLists, 1);
    m_containersTab->addAction(find); // Ctrl+F where the list is
    m_sideTabs->addTab(m_containersTab, tr("Containers"));
    m_sideTabs->addTab(m_hostNetworks, tr("Networks"));

    auto* splitter = new QSplitter(Qt::Horizontal);
    splitter->addWidget(m_sideTabs);
    splitter->addWidget(m_tabs);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 2);
    splitter->setSizes({560, 540});
    splitter->setChildrenCollapsible(false);

    m_messageBar = new MessageBar;
    auto* central = new QWidget;
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(6, 6, 6, 0);
    layout->addWidget(m_messageBar);
    layout->addWidget(splitter, 1);
    setCentralWidget(central);

    m_connection = new QLabel;
    m_connection->setObjectName(QStringLiteral("connectionState"));
    statusBar()->addWidget(m_connection, 1);
}

HostSection* MainWindow::addHost(HelperConnection* helper) {
    auto* host = new HostSection(helper,
                                 {action(NewContainer), action(Start), action(ShutDown),
                                  action(ForceOff), action(Reboot), action(OpenConsole),
                                  action(OpenShell), action(Delete), action(Refresh)},
                                 this);
    m_hosts << host;
    m_hostLists->addWidget(host->containersBox());
    m_hostNetworks->addWidget(host->networksBox());
    host->setFilter(m_filter->text());
    for (HostSection* each : std::as_const(m_hosts))
        each->setHeaderShown(m_hosts.size() > 1);
    connect(host->networks(), &NetworksPanel::error, m_messageBar, &MessageBar::showError);
    connect(host, &HostSection::listed, this, [this, host] { hostListed(host); });
    connect(host, &HostSection::listFailed, this, [this, host](const QDBusError& error) {
        showHelperError(
            m_hosts.size() > 1
                ? tr("Could not list the containers of %1").arg(host->helper()->hostLabel())
                : tr("Could not list the containers"),
            error);
    });
    connect(host, &HostSection::statsArrived, this,
            [this, host](const QList<QVariantMap>& stats, qint64 now) {
                if (host != m_current)
                    return;
                for (const QVariantMap& each : stats)
                    m_overview->addStats(each, now);
                followOomKills(stats);
            });
    connect(host, &HostSection::containerStateChanged, this,
            [this, host](const QString& name, const QString& state) {
                stateChanged(host, name, state);
            });
    connect(host, &HostSection::selectionChanged, this,
            [this, host] { hostSelectionChanged(host); });
    connect(host, &HostSection::connectionChanged, this, &MainWindow::connectionChanged);
    connect(host, &HostSection::closeRequested, this, [this, host] { closeHost(host); });
    if (helper->isRemote())
        connect(helper, &HelperConnection::bridgeFound, host,
                [this, host](uint pid) { startAuthAgent(host, pid); });
    connect(host, &HostSection::filesDropped, this,
            [this, host](const QString& name, const QStringList& paths) {
                copyIntoContainer(host, name, paths);
            });
    connect(host->model(), &QAbstractItemModel::dataChanged, this, &MainWindow::updateActions);
    if (m_jobs == nullptr) { // the status bar's jobs are this machine's
        m_jobs = new JobsStatus(helper);
        statusBar()->addPermanentWidget(m_jobs);
    }
    host->helper()->setPolling(watched());
    return host;
}

HostSection* MainWindow::connectToHost(const QString& uri) {
    const auto target = parseConnectUri(uri.trimmed().toStdString());
    if (!target) {
        showError(tr("Cannot connect to “%1”: %2")
                      .arg(uri, QString::fromStdString(target.error().message)));
        return nullptr;
    }
    for (HostSection* host : std::as_const(m_hosts))
        if (host->helper()->remoteTarget() == *target) {
            showError(tr("%1 is shown already.").arg(host->helper()->hostLabel()));
            return nullptr;
        }
    HostSection* host = addHost(new HelperConnection(*target, uri.trimmed()));
    rememberHosts();
    return host;
}

void MainWindow::connectRememberedHosts() {
    const QStringList uris = QSettings().value(QStringLiteral("hosts/connected")).toStringList();
    for (const QString& uri : uris)
        connectToHost(uri);
}

void MainWindow::rememberHosts() const {
    QStringList uris;
    for (HostSection* host : m_hosts)
        if (host->helper()->isRemote())
            uris << host->helper()->uri();
    QSettings settings;
    settings.setValue(QStringLiteral("hosts/connected"), uris);
    // The connect dialog offers every machine ever connected, the latest first.
    QStringList recent = settings.value(QStringLiteral("hosts/recent")).toStringList();
    for (const QString& uri : std::as_const(uris)) {
        recent.removeAll(uri);
        recent.prepend(uri);
    }
    settings.setValue(QStringLiteral("hosts/recent"), recent.mid(0, 20));
}

void MainWindow::closeHost(HostSection* host) {
    if (host == m_hosts.front())
        return; // this machine's section stays
    m_hosts.removeAll(host);
    host->disconnect(this);
    if (m_current == host) {
        // Nothing of that machine stays chosen: a filter typed later must not pick a
        // container of the same name here.
        m_current = m_hosts.front();
        m_chosen.clear();
        m_permissionsFor.clear();
        m_permissions.clear();
        m_overview->setContainer({});
        m_overview->stopStats();
        hostSelectionChanged(m_current);
    }
    for (HostSection* each : std::as_const(m_hosts))
        each->setHeaderShown(m_hosts.size() > 1);
    // Later, not here: this runs inside the section's own Disconnect button's click.
    host->containersBox()->hide();
    host->networksBox()->hide();
    host->deleteLater();
    rememberHosts();
    connectionChanged();
    updateActions();
}

void MainWindow::showConnectDialog() {
    auto* dialog =
        new ConnectDialog(QSettings().value(QStringLiteral("hosts/recent")).toStringList(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ConnectDialog::chosen, this,
            [this](const QString& uri) { connectToHost(uri); });
    dialog->open();
}

void MainWindow::connectSignals() {
    m_statsTimer.setInterval(statsIntervalMs);
    connect(&m_statsTimer, &QTimer::timeout, this, &MainWindow::pollStats);
}

void MainWindow::showEvent(QShowEvent* event) {
    QMainWindow::showEvent(event);
    // Once per native window (Qt makes a new one if the window is recreated).
    if (QWindow* native = windowHandle(); native && native != m_exposureOf) {
        native->installEventFilter(this);
        m_exposureOf = native;
    }
    watchedChanged();
    m_jobs->refresh();
}

void MainWindow::hideEvent(QHideEvent* event) {
    QMainWindow::hideEvent(event);
    watchedChanged();
}

void MainWindow::changeEvent(QEvent* event) {
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::WindowStateChange)
        watchedChanged();
}

bool MainWindow::eventFilter(QObject* watchedObject, QEvent* event) {
    if (event->type() == QEvent::Expose && watchedObject == windowHandle()) {
        const bool exposed = windowHandle()->isExposed();
        if (exposed != std::exchange(m_exposed, exposed))
            watchedChanged();
    }
    return QMainWindow::eventFilter(watchedObject, event);
}

bool MainWindow::watched() const {
    return isVisible() && !isMinimized() && m_exposed;
}

void MainWindow::watchedChanged() {
    // The lists now and every few seconds, and the figures each second, only while someone
    // can see them.
    for (HostSection* host : std::as_const(m_hosts))
        host->helper()->setPolling(watched());
    updateActions();
}

void MainWindow::refresh() {
    for (HostSection* host : std::as_const(m_hosts))
        host->refresh();
}

void MainWindow::hostListed(HostSection* host) {
    if (host == m_hosts.front()) {
        if (std::exchange(m_reportFirstList, false)) {
            std::fprintf(stderr, "cubby: listed %d containers\n", host->model()->rowCount());
            std::fflush(stderr);
        }
        if (!m_selectWhenListed.isEmpty() && selectContainer(m_selectWhenListed))
            m_selectWhenListed.clear();
    }
    if (host == m_current)
        fetchInfo();
    updateActions();
}

QString MainWindow::selectedContainer() const {
    return m_current->selectedContainer();
}

bool MainWindow::selectContainer(const QString& name) {
    HostSection* local = m_hosts.front();
    if (local->model()->rowOf(name) < 0)
        return false;
    if (!local->selectContainer(name)) { // filtered out: show everything again, not hide it
        m_filter->clear();
        local->selectContainer(name);
    }
    return true;
}

void MainWindow::hostSelectionChanged(HostSection* host) {
    if (m_selecting)
        return;
    if (!host->selectedContainer().isEmpty() && host != m_current) {
        // One selection in the window: choosing in one machine's list clears the others.
        m_selecting = true;
        for (HostSection* each : std::as_const(m_hosts))
            if (each != host)
                each->clearSelection();
        m_selecting = false;
        m_current = host;
        m_chosen.clear();
        m_overview->setContainer({});
        m_permissionsFor.clear();
        m_overview->stopStats();
    }
    m_xml->setHelper(m_current->helper());
    m_settings->setHelper(m_current->helper());
    selectionChanged();
}

void MainWindow::filterChanged(const QString& text) {
    // The container the user chose stays chosen while it is shown, and is chosen again when
    // a later filter shows it; filtering never picks another one.
    const QString chosen = m_chosen;
    m_filtering = true;
    for (HostSection* host : std::as_const(m_hosts))
        host->setFilter(text);
    if (chosen.isEmpty() || !m_current->selectContainer(chosen))
        m_current->clearSelection();
    m_filtering = false;
    selectionChanged();
}

void MainWindow::selectionChanged() {
    const QString name = selectedContainer();
    if (!m_filtering && !name.isEmpty())
        m_chosen = name;
    if (name != m_overview->container()) {
        m_overview->setContainer(name);
        fetchInfo();
    }
    if (name != m_permissionsFor) {
        m_permissionsFor = name;
        m_permissions.clear();
        fetchPermissions();
        fetchLog();
    }
    showXml();
    showSettings();
    updateActions();
}

void MainWindow::showSettings() {
    if (m_tabs->currentWidget() != m_settings)
        return;
    const QString name = selectedContainer();
    const ContainerEntry* entry = m_current->model()->container(name);
    m_settings->setContainer(name, entry && entry->isRunning(), entry && entry->autostart);
}

void MainWindow::showXml() {
    if (m_tabs->currentWidget() != m_xml)
        return;
    const QString name = selectedContainer();
    const ContainerEntry* entry = m_current->model()->container(name);
    m_xml->setContainer(name, entry && entry->isRunning());
}

void MainWindow::fetchLog() {
    const QString name = selectedContainer();
    if (m_tabs->currentWidget() != m_log)
        return;
    if (name.isEmpty()) {
        m_log->setPlainText(tr("Select a container to see its log."));
        return;
    }
    HelperConnection* helper = m_current->helper();
    helper->watch(
        helper->manager()->GetLog(name), m_log,
        [this, name, helper](QDBusPendingCallWatcher& call) {
            const QDBusPendingReply<QString, QString> reply = call;
            if (name != selectedContainer() || helper != m_current->helper())
                return;
            if (reply.isError()) {
                m_log->setPlainText(
                    tr("The log cannot be shown: %1").arg(helperErrorText(reply.error())));
                return;
            }
            const QString events = reply.argumentAt<0>().trimmed();
            const QString console = plainTerminalText(reply.argumentAt<1>());
            m_log->setPlainText(tr("Events\n%1\n\nConsole\n%2")
                                    .arg(events.isEmpty() ? tr("(none yet)") : events,
                                         console.isEmpty() ? tr("(nothing yet)") : console));
            m_log->moveCursor(QTextCursor::End);
        });
}

void MainWindow::fetchPermissions() {
    const QString name = m_permissionsFor;
    if (name.isEmpty())
        return;
    HelperConnection* helper = m_current->helper();
    helper->watch(helper->manager()->GetPermissions(name), this,
                  [this, name, helper](QDBusPendingCallWatcher& call) {
                      const QDBusPendingReply<QMap<QString, QString>> reply = call;
                      if (reply.isError() || name != m_permissionsFor ||
                          helper != m_current->helper())
                          return; // unknown: the actions stay as they are
                      m_permissions = reply.value();
                      updateActions();
                  });
}

namespace {

// The action's icon with a small padlock in its corner: it will ask for a password.
QIcon lockedIcon(const QIcon& plain) {
    QPixmap pixmap = plain.pixmap(22, 22);
    if (pixmap.isNull()) {
        pixmap = QPixmap(22, 22);
        pixmap.fill(Qt::transparent);
    }
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(QColor(0x60, 0x60, 0x60), 1.6));
    painter.setBrush(Qt::NoBrush);
    painter.drawArc(QRectF(13.5, 9.5, 6, 7), 0, 180 * 16); // the shackle
    painter.setPen(QColor(0x40, 0x40, 0x40));
    painter.setBrush(QColor(0xe0, 0xa8, 0x20));
    painter.drawRoundedRect(QRectF(12, 13, 9, 8), 1.5, 1.5); // the body
    return QIcon(pixmap);
}

} // namespace

void MainWindow::applyPermissions() {
    static const std::pair<Action, const char*> verbs[] = {
        {Start, "start"},         {ShutDown, "stop"},     {ForceOff, "stop"}, {Reboot, "stop"},
        {OpenConsole, "console"}, {OpenShell, "console"}, {Delete, "delete"}};
    const QString why = m_permissions.value(QStringLiteral("why"));
    for (const auto& [which, verb] : verbs) {
        QAction* act = action(which);
        if (m_plainTips.at(which).isNull())
            m_plainTips.at(which) = act->toolTip();
        const QString answer = m_permissions.value(QLatin1String(verb));
        const bool locked = answer == QLatin1String("password");
        // Called whenever the list changes (each second while figures arrive): the icon is
        // set, and the toolbar repainted, only when the badge comes or goes.
        if (locked != m_locked.at(which)) {
            if (locked && m_lockedIcons.at(which).isNull())
                m_lockedIcons.at(which) = lockedIcon(m_plainIcons.at(which));
            act->setIcon(locked ? m_lockedIcons.at(which) : m_plainIcons.at(which));
            m_locked.at(which) = locked;
        }
        if (answer == QLatin1String("no")) {
            act->setEnabled(false);
            act->setToolTip(tr("%1 — you may not: %2")
                                .arg(m_plainTips.at(which),
                                     why.isEmpty() ? tr("polkit does not allow it") : why));
        } else if (locked) {
            act->setToolTip(
                tr("%1 — asks for an administrator's password%2")
                    .arg(m_plainTips.at(which), why.isEmpty() ? QString() : tr(": %1").arg(why)));
        } else {
            act->setToolTip(m_plainTips.at(which));
        }
    }
}

void MainWindow::updateActions() {
    const QString name = selectedContainer();
    const ContainerEntry* entry = name.isEmpty() ? nullptr : m_current->model()->container(name);
    const bool idle = entry && !m_current->isBusy(name);
    const bool running = idle && entry->isRunning();
    const bool stopped = idle && entry->state == QLatin1String("shut off");
    action(Start)->setEnabled(stopped);
    action(Delete)->setEnabled(stopped);
    action(Clone)->setEnabled(stopped);
    action(Snapshots)->setEnabled(stopped);
    action(Export)->setEnabled(stopped);
    for (Action which : {ShutDown, ForceOff, Reboot, OpenConsole, OpenShell})
        action(which)->setEnabled(running);
    applyPermissions();
    // Every running container's figures (the list's CPU and memory columns, the selected
    // one's graphs), sampled only while someone can see them.
    const bool anyRunning =
        std::ranges::any_of(m_hosts, [](const HostSection* host) { return host->anyRunning(); });
    const bool sample = anyRunning && watched();
    if (sample && !m_statsTimer.isActive()) {
        m_statsTimer.start();
        pollStats();
    } else if (!sample && m_statsTimer.isActive()) {
        m_statsTimer.stop();
        m_overview->stopStats();
        for (HostSection* host : std::as_const(m_hosts))
            host->clearStats();
    }
}

void MainWindow::fetchInfo() {
    const QString name = m_overview->container();
    if (name.isEmpty())
        return;
    HelperConnection* helper = m_current->helper();
    helper->watch(helper->manager()->GetContainerInfo(name), m_overview,
                  [this, name, helper](QDBusPendingCallWatcher& call) {
                      const QDBusPendingReply<QVariantMap> reply = call;
                      if (!reply.isError() && name == m_overview->container() &&
                          helper == m_current->helper())
                          m_overview->setInfo(reply.value());
                  });
}

void MainWindow::pollStats() {
    for (HostSection* host : std::as_const(m_hosts))
        if (host->anyRunning())
            host->pollStats(m_clock);
}

// The controller logs an OOM kill as it happens; the figures show the count rising, and the
// Log tab, when it shows that container, fetches the log again rather than wait for a stop.
void MainWindow::followOomKills(const QList<QVariantMap>& allStats) {
    const QString name = selectedContainer();
    const auto stats = std::ranges::find_if(allStats, [&](const QVariantMap& entry) {
        return entry.value(QStringLiteral("name")).toString() == name;
    });
    if (name.isEmpty() || stats == allStats.end())
        return;
    const qulonglong kills = stats->value(QStringLiteral("oom_kills")).toULongLong();
    const bool more = m_oomKillsSeen.first == name && kills > m_oomKillsSeen.second;
    m_oomKillsSeen = {name, kills};
    // The controller writes its line a moment after the kernel counts the kill (it reads the
    // count a quarter second after the notice): fetched at the rise and once more a second
    // later, so the line is there even when the figures were quicker.
    if (more || std::exchange(m_oomLogAgain, false))
        fetchLog();
    if (more)
        m_oomLogAgain = true;
}

void MainWindow::stateChanged(HostSection* host, const QString& name, const QString&) {
    if (host != m_current)
        return;
    if (name == m_permissionsFor) {
        fetchPermissions(); // what it reaches may differ now (e.g. a share swapped)
        fetchLog();
    }
    if (name == m_overview->container())
        fetchInfo();
    showXml();
    showSettings();
    updateActions();
}

void MainWindow::connectionChanged() {
    const HelperConnection* local = helper();
    QString text;
    if (local->isReachable())
        text = tr("Connected to cubby-helper");
    else if (local->unreachableReason().isEmpty())
        text = tr("Connecting to cubby-helper…");
    else
        text = tr("cubby-helper not reachable: %1").arg(local->unreachableReason());
    // Other machines: how many answer; each one's own state is in its section's header.
    const qsizetype others = m_hosts.size() - 1;
    if (others > 0) {
        const auto answering = std::ranges::count_if(
            m_hosts, [](const HostSection* host) { return host->helper()->isReachable(); });
        text = tr("%1 · %2 of %n other machine(s) connected", nullptr, int(others))
                   .arg(text)
                   .arg(answering - (local->isReachable() ? 1 : 0));
    }
    m_connection->setText(text);
    m_connection->setToolTip(text);
}

void MainWindow::showError(const QString& text) {
    m_messageBar->showError(text);
}

void MainWindow::showHelperError(const QString& failure, const QDBusError& error) {
    if (isRefusal(error))
        m_messageBar->showNotice(helperErrorText(error));
    else
        showError(tr("%1: %2").arg(failure, helperErrorText(error)));
}

} // namespace cubby
