#pragma once
// Cubby's main window: the containers on the left, the selected one's overview and its
// terminals in tabs on the right, actions in a toolbar and menu, errors in an inline bar and
// the helper's connection and jobs in the status bar. Every call to the helper is asynchronous;
// nothing here waits for a reply.

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

class QAction;
class QDBusError;
class QDBusPendingCall;
class QDBusPendingCallWatcher;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSortFilterProxyModel;
class QTabWidget;
class QTableView;
class QWindow;

namespace cubby {

class ContainerListModel;
class HelperConnection;
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
        NewContainer,
    };

    explicit MainWindow(const QDBusConnection& bus = QDBusConnection::systemBus(),
                        QWidget* parent = nullptr);
    ~MainWindow() override;

    QAction* action(Action which) const { return m_actions.at(which); }
    ContainerListModel* model() const { return m_model; }
    QTableView* containerView() const { return m_view; }
    QTabWidget* tabs() const { return m_tabs; }
    NetworksPanel* networks() const { return m_networks; }
    OverviewPage* overview() const { return m_overview; }
    QPlainTextEdit* logView() const { return m_log; }
    XmlPage* xmlPage() const { return m_xml; }
    SettingsPage* settingsPage() const { return m_settings; }
    MessageBar* messageBar() const { return m_messageBar; }
    HelperConnection* helper() const { return m_helper; }
    QString selectedContainer() const;
    // Selects a container's row (e.g. one just defined); false when the list lacks it.
    bool selectContainer(const QString& name);

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
    void containersListed(QDBusPendingCallWatcher& call);
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
    void stateChanged(const QString& name, const QString& state);
    void connectionChanged(bool reachable, const QString& reason);
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
    void closeTab(int index);
    // The New Container wizard, non-modal; the container it made is selected once listed.
    void newContainer();
    void selectWhenListed(const QString& name);

    HelperConnection* m_helper = nullptr;
    ContainerListModel* m_model = nullptr;
    QTableView* m_view = nullptr;
    QSortFilterProxyModel* m_sorted = nullptr; // m_model sorted and filtered, as shown
    QLineEdit* m_filter = nullptr;
    QPlainTextEdit* m_log = nullptr;
    XmlPage* m_xml = nullptr;
    SettingsPage* m_settings = nullptr;
    QString m_chosen;         // the container the user selected last
    bool m_filtering = false; // selection changes made by filtering, not by the user
    QTabWidget* m_tabs = nullptr;
    QTabWidget* m_sideTabs = nullptr; // "Containers" (m_view) and "Networks"
    NetworksPanel* m_networks = nullptr;
    OverviewPage* m_overview = nullptr;
    MessageBar* m_messageBar = nullptr;
    QLabel* m_connection = nullptr;
    JobsStatus* m_jobs = nullptr;
    std::array<QAction*, NewContainer + 1> m_actions{};
    QTimer m_statsTimer;
    QElapsedTimer m_clock;
    QSet<QString> m_busy;
    // GetPermissions for the selected container: verb → "yes", "password" or "no", and "why".
    QString m_permissionsFor;
    QMap<QString, QString> m_permissions;
    std::array<QIcon, NewContainer + 1> m_plainIcons{};  // without the lock badge
    std::array<QIcon, NewContainer + 1> m_lockedIcons{}; // with it, made when first needed
    std::array<bool, NewContainer + 1> m_locked{};       // which one each action shows
    std::array<QString, NewContainer + 1> m_plainTips{};
    QString m_listError;        // the last error listing the containers, said once
    QString m_selectWhenListed; // made by the wizard, selected as soon as its row appears
    bool m_listPending = false;
    bool m_listAgain = false;
    bool m_statsPending = false;
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
