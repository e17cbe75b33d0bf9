#pragma once
// One machine's part of the main window (issue 13): its helper connection, the list of its
// containers and its networks panel, each under a header naming the machine and saying how it
// is reached. The window shows one section per machine, this one first, the others as the
// user connected them; what is selected in any list is what the window's actions act on.

#include <QDBusError>
#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QVariantMap>
#include <QWidget>

class QAction;
class QLabel;
class QMimeData;
class QSortFilterProxyModel;
class QTableView;
class QToolButton;

namespace cubby {

class ContainerListModel;
class HelperConnection;
class NetworksPanel;

class HostSection : public QObject {
    Q_OBJECT
public:
    // Takes `helper` over. `listActions` make the container list's context menu.
    HostSection(HelperConnection* helper, const QList<QAction*>& listActions,
                QObject* parent = nullptr);
    ~HostSection() override;

    HelperConnection* helper() const { return m_helper; }
    ContainerListModel* model() const { return m_model; }
    QSortFilterProxyModel* sorted() const { return m_sorted; }
    QTableView* view() const { return m_view; }
    NetworksPanel* networks() const { return m_networks; }
    // The header and the container list, for the window's Containers tab; the header and the
    // networks panel, for its Networks tab. The window owns both once it shows them.
    QWidget* containersBox() const { return m_containersBox; }
    QWidget* networksBox() const { return m_networksBox; }

    // With one machine the headers say nothing the status bar does not: they show only once
    // there are two.
    void setHeaderShown(bool shown);
    // "This computer — connected", "alice@server — connecting…", as the header shows it.
    QString stateText() const;

    QString selectedContainer() const;
    bool selectContainer(const QString& name);
    void clearSelection();
    void setFilter(const QString& text);

    // Containers with an action or job on its way: their actions stay off until every one
    // of them ended (counted: two files dropped at once, a drop during a clone).
    void setBusy(const QString& name, bool busy);
    bool isBusy(const QString& name) const { return m_busy.value(name) > 0; }
    bool anyRunning() const;

    void refresh();
    // The running containers' figures, timed on the window's `clock` as they arrive.
    void pollStats(const QElapsedTimer& clock);
    void clearStats();

signals:
    // The list shows what the helper said last.
    void listed();
    // Listing failed other than by an unreachable helper; said once per distinct message.
    void listFailed(const QDBusError& error);
    void statsArrived(const QList<QVariantMap>& stats, qint64 now);
    void containerStateChanged(const QString& name, const QString& state);
    void selectionChanged();
    // Reachable or not (the header changed).
    void connectionChanged();
    // The user closed this machine's connection (remote machines only).
    void closeRequested();
    // Files were dropped onto a container's row (local paths, as the file manager gave them).
    void filesDropped(const QString& container, const QStringList& paths);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    // The container under a drop at `position` in the view's viewport, if the drop carries
    // local files.
    QString dropTarget(const QMimeData* data, const QPoint& position) const;
    void buildWidgets(const QList<QAction*>& listActions);
    void containersListed(const QList<QVariantMap>& entries);
    void updateHeader();

    HelperConnection* m_helper;
    ContainerListModel* m_model;
    QSortFilterProxyModel* m_sorted;
    QTableView* m_view = nullptr;
    NetworksPanel* m_networks = nullptr;
    // Owned by the window's splitters once shown, which may delete them first (the window
    // closing); deleted with this section when its machine is closed.
    QPointer<QWidget> m_containersBox;
    QPointer<QWidget> m_networksBox;
    QList<QWidget*> m_headers;    // the two headers' rows
    QList<QLabel*> m_stateLabels; // the two headers' state
    QToolButton* m_reconnect = nullptr;
    QHash<QString, int> m_busy;
    QString m_listError; // the last error listing the containers, said once
    bool m_listPending = false;
    bool m_listAgain = false;
    bool m_statsPending = false;
};

} // namespace cubby
