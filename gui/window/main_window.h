#pragma once
// Cubby's main window: the containers on the left, the selected one's overview and its
// terminals in tabs on the right, actions in a toolbar and menu, errors in an inline bar and
// the helper's connection and jobs in the status bar. Every call to the helper is asynchronous;
// nothing here waits for a reply. Other machines the user connects to over SSH (File ▸ Connect
// to Host…) get sections of their own below this machine's, in both lists; the actions act on
// whichever list's container is selected.

#include "unique_fd.h"

#include <QDBusConnection>
#include <QElapsedTimer>
#include <QIcon>
#include <QMainWindow>
#include <QMap>
#include <QPointer>
#include <QSet>
#include <QStyle>
#include <QTimer>
#include <array>
#include <functional>

class QAction;
class QDBusError;
class QDBusPendingCall;
class QDBusPendingCallWatcher;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSortFilterProxyModel;
class QTabWidget;
class QSplitter;
class QTableView;
class QWindow;

namespace cubby {

class ContainerListModel;
class HelperConnection;
class HostSection;
class JobsStatus;
class MessageBar;
class OverviewPage;
class PtyTerminal;
class SettingsPage;
class XmlPage;

class NetworksPanel;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    enum Action {
        Start,
        ShutDown,
        ForceOff,
        Reboot,
        OpenConsole,
        OpenShell,
        Delete,
        Refresh,
        Clone,
        Snapshots,
        Export,
        NewContainer,
    };

    explicit MainWindow(const QDBusConnection& bus = QDBusConnection::systemBus(),
                        QWidget* parent = nullptr);
    ~MainWindow() override;

    QAction* action(Action which) const { return m_actions.at(which); }
    QAction* connectHostAction() const { return m_connectHost; }
    QAction* importAction() const { return m_import; }
    // This machine's list, view and networks (the first section's).
    ContainerListModel* model() const;
    QTableView* containerView() const;
    NetworksPanel* networks() const;
    QTabWidget* tabs() const { return m_tabs; }
    OverviewPage* overview() const { return m_overview; }
    QPlainTextEdit* logView() const { return m_log; }
    XmlPage* xmlPage() const { return m_xml; }
    SettingsPage* settingsPage() const { return m_settings; }
    MessageBar* messageBar() const { return m_messageBar; }
    // This machine's helper.
    HelperConnection* helper() const;
    // Every machine's section, this one first; the one whose container is selected (this
    // machine's when none is).
    const QList<HostSection*>& hosts() const { return m_hosts; }
    HostSection* currentHost() const { return m_current; }
    QString selectedContainer() const;
    // Selects a container's row on this machine (e.g. one just defined); false when the list
    // lacks it.
    bool selectContainer(const QString& name);

    // Connects to another machine's helper over SSH (`uri`: ssh://[USER@]HOST[:PORT]) and
    // shows its section; the connection is made in the background. Bad URIs and machines
    // already shown are said in the message bar, and give nullptr.
    HostSection* connectToHost(const QString& uri);
    // The machines connected when the app last closed, connected again (the app's start).
    void connectRememberedHosts();

public slots:
    void refresh();

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;
    void changeEvent(QEvent* event) override; // minimized: nothing is polled
    // The native window's exposure: on another workspace the window manager unmaps the window
    // without minimizing it, and nothing is polled then either.
    bool eventFilter(QObject* watchedObject, QEvent* event) override;

private:
    using Slot = void (MainWindow::*)();

    // main_window.cpp: layout, lists and the selected container's figures.
    // `icon` from the desktop's theme, `fallback` from Qt's own style where there is none.
    QAction* makeAction(Action which, const QString& text, const QString& icon,
                        QStyle::StandardPixmap fallback, Slot slot);
    // Whether someone can see the window (shown, not minimized, exposed): only then is
    // anything polled.
    bool watched() const;
    void watchedChanged();
    void buildActions();
    void buildLayout();
    void connectSignals();
    HostSection* addHost(HelperConnection* helper);
    void closeHost(HostSection* host);
    void rememberHosts() const;
    void hostListed(HostSection* host);
    void hostSelectionChanged(HostSection* host);
    void showConnectDialog();
    void selectionChanged();
    void filterChanged(const QString& text);
    void updateActions();
    void fetchInfo();
    void fetchPermissions();
    // The XML tab follows the selection while it is shown (fetched only then).
    void showXml();
    // The Settings tab, likewise.
    void showSettings();
    // The Log tab: the selected container's lifecycle events and console output, fetched
    // while the tab is shown (on showing, selecting and state changes).
    void followOomKills(const QList<QVariantMap>& allStats);
    void fetchLog();
    // Greys out what the user may never do (saying why) and marks with a lock what will ask
    // for an administrator's password.
    void applyPermissions();
    void pollStats();
    void stateChanged(HostSection* host, const QString& name, const QString& state);
    void connectionChanged();
    void showError(const QString& text);
    // The helper's answer to an action that failed: a refusal (polkit said no, or the password
    // was not given) as a calm notice on its own, anything else as "failure: what went wrong".
    void showHelperError(const QString& failure, const QDBusError& error);

    // container_actions.cpp: what the actions do.
    void start();
    void shutDown();
    void forceOff();
    void reboot();
    void openConsole();
    void openShell();
    void confirmDelete();
    void deleteContainer(const QString& name);
    // Runs an operation on one container: its actions are off until the reply, an error goes
    // to the message bar as "`failure`: the helper's message", and the list is fetched again.
    void operate(const QString& name, const QDBusPendingCall& call, const QString& progress,
                 const QString& failure);
    void openTerminal(const QString& name, const QDBusPendingCall& call, const QString& title,
                      const QString& failure);
    // Another machine's console or shell: its own cubbyctl through `ssh -tt` on a terminal
    // of ours, since descriptors do not cross SSH.
    void openRemoteTerminal(const QString& name, const QStringList& cubbyctlArguments,
                            const QString& title, const QString& failure);
    void addTerminalTab(PtyTerminal* terminal, const QString& title, const QString& tip);
    // polkit's agent on another machine for this connection (RemoteAuthAgent), started again
    // with each connection; its terminal is shown in a tab while it asks for a password.
    void startAuthAgent(HostSection* host, uint bridgePid);
    void closeTab(int index);
    // container_transfer.cpp: clone, snapshots, export and import (issue 13), each a job of
    // the helper's followed in the status bar.
    void cloneContainer();
    void showSnapshots();
    void exportContainer();
    void importContainer();
    void startExport(HostSection* host, const QString& name, const QString& path);
    void startImport(const QString& path, const QString& name);
    // Another machine's cubbyctl ARGUMENTS through ssh for `name` on `host` (its actions off
    // meanwhile): `input` framed to it, its output into `output`; `done` once it succeeded, a
    // failure to the message bar as "`failure`: why".
    void runRemote(HostSection* host, const QString& name, const QStringList& arguments,
                   UniqueFd input, UniqueFd output, const QString& working, const QString& failure,
                   std::function<void()> done);
    // Files dropped onto a container (local files only): each copied into its /root, as
    // cubbyctl cp FILE NAME:/root/ copies it.
    void copyIntoContainer(HostSection* host, const QString& name, const QStringList& paths);
    // Follows the job `call` starts on `host` for `name` (its actions off meanwhile), its
    // progress in the status bar; `done` gets the job's last status once it is done, a
    // failure goes to the message bar as "`failure`: why".
    void followJob(HostSection* host, const QString& name, const QDBusPendingCall& call,
                   const QString& working, const QString& failure,
                   std::function<void(const QString& status)> done);
    // The New Container wizard, non-modal; the container it made is selected once listed.
    void newContainer();
    void selectWhenListed(const QString& name);

    QList<HostSection*> m_hosts;         // this machine first
    HostSection* m_current = nullptr;    // whose container is selected
    bool m_selecting = false;            // clearing the other lists' selections
    QSplitter* m_hostLists = nullptr;    // the Containers tab's sections
    QSplitter* m_hostNetworks = nullptr; // the Networks tab's
    QWidget* m_containersTab = nullptr;
    QAction* m_connectHost = nullptr;
    QAction* m_import = nullptr;
    QLineEdit* m_filter = nullptr;
    QPlainTextEdit* m_log = nullptr;
    XmlPage* m_xml = nullptr;
    SettingsPage* m_settings = nullptr;
    QString m_chosen;         // the container the user selected last (in m_current)
    bool m_filtering = false; // selection changes made by filtering, not by the user
    QTabWidget* m_tabs = nullptr;
    QTabWidget* m_sideTabs = nullptr; // "Containers" and "Networks"
    OverviewPage* m_overview = nullptr;
    MessageBar* m_messageBar = nullptr;
    QLabel* m_connection = nullptr;
    JobsStatus* m_jobs = nullptr;
    std::array<QAction*, NewContainer + 1> m_actions{};
    QTimer m_statsTimer;
    QElapsedTimer m_clock;
    // GetPermissions for the selected container: verb → "yes", "password" or "no", and "why".
    QString m_permissionsFor;
    QMap<QString, QString> m_permissions;
    std::array<QIcon, NewContainer + 1> m_plainIcons{};  // without the lock badge
    std::array<QIcon, NewContainer + 1> m_lockedIcons{}; // with it, made when first needed
    std::array<bool, NewContainer + 1> m_locked{};       // which one each action shows
    std::array<QString, NewContainer + 1> m_plainTips{};
    QString m_selectWhenListed; // made by the wizard, selected as soon as its row appears
    std::pair<QString, qulonglong> m_oomKillsSeen; // the selected container's, last figures
    bool m_oomLogAgain = false;                    // fetch the log once more at the next figures
    // False once the shown window has lost its exposure (e.g. another workspace is shown);
    // true until then, so that the first list is fetched at once on showing.
    bool m_exposed = true;
    QPointer<QWindow> m_exposureOf; // the native window whose Expose events are filtered
    // CUBBY_REPORT_FIRST_LIST set (by bench-app): one line on stderr once the first list has
    // reached the view, so that a benchmark can time start-up to a window listing containers.
    bool m_reportFirstList = qEnvironmentVariableIsSet("CUBBY_REPORT_FIRST_LIST");
};

} // namespace cubby
