#include "host_section.h"

#include "container_list_model.h"
#include "helper_connection.h"
#include "network_wizard.h"
#include "networks_panel.h"

#include <QAction>
#include <QDBusPendingReply>
#include <QDropEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMimeData>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>
#include <algorithm>
#include <utility>

namespace cubby {

HostSection::HostSection(HelperConnection* helper, const QList<QAction*>& listActions,
                         QObject* parent)
    : QObject(parent)
    , m_helper(helper)
    , m_model(new ContainerListModel(this))
    , m_sorted(new QSortFilterProxyModel(this)) {
    m_helper->setParent(this);
    buildWidgets(listActions);
    m_helper->onManager(this, [this](ManagerProxy* manager) {
        connect(manager, &ManagerProxy::ContainerAdded, this, [this](const QString& name) {
            m_model->addContainer(name);
            refresh();
        });
        connect(manager, &ManagerProxy::ContainerRemoved, m_model,
                &ContainerListModel::removeContainer);
        connect(manager, &ManagerProxy::ContainerStateChanged, this,
                [this](const QString& name, const QString& state) {
                    m_model->setState(name, state);
                    emit containerStateChanged(name, state);
                    refresh(); // the pid and addresses changed too
                });
    });
    connect(m_helper, &HelperConnection::refreshNeeded, this, &HostSection::refresh);
    connect(m_helper, &HelperConnection::reachabilityChanged, this, [this] {
        // Another machine's list while it does not answer: what it last said, greyed.
        if (m_helper->isRemote())
            m_view->setEnabled(m_helper->isReachable());
        updateHeader();
        emit connectionChanged();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &HostSection::selectionChanged);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &HostSection::selectionChanged);
    updateHeader();
}

HostSection::~HostSection() {
    // The boxes hold views of this section's models and the networks panel its helper.
    delete m_containersBox;
    delete m_networksBox;
}

void HostSection::buildWidgets(const QList<QAction*>& listActions) {
    // Sorted by any column (CPU and memory as numbers) and filtered by what is typed above.
    m_sorted->setSourceModel(m_model);
    m_sorted->setSortRole(ContainerListModel::SortRole);
    m_sorted->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_sorted->setFilterKeyColumn(-1); // a name, a state, an address, an owner…
    m_sorted->setSortCaseSensitivity(Qt::CaseInsensitive);

    m_view = new QTableView;
    m_view->setObjectName(QStringLiteral("containerView"));
    m_view->setAccessibleName(m_helper->isRemote()
                                  ? tr("Containers on %1").arg(m_helper->hostLabel())
                                  : tr("Containers"));
    m_view->setModel(m_sorted);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(ContainerListModel::NameColumn, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setShowGrid(false);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setHighlightSections(false);
    // Every column as wide as its header and cells, in any language (a stretched column was
    // squeezed below its header's width in French); the last one takes what is left, and a
    // narrow window scrolls.
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_view->addActions(listActions);
    // Files dropped onto a container's row are copied into it (MainWindow::copyIntoContainer).
    m_view->setAcceptDrops(true);
    m_view->viewport()->setAcceptDrops(true);
    m_view->viewport()->installEventFilter(this);
    m_networks = new NetworksPanel(m_helper);

    // The header: which machine, and whether it answers.
    const auto makeHeader = [this](QWidget* box) {
        auto* row = new QWidget;
        row->setObjectName(QStringLiteral("hostHeader"));
        auto* layout = new QHBoxLayout(row);
        layout->setContentsMargins(2, 2, 2, 2);
        auto* title =
            new QLabel(QStringLiteral("<b>%1</b>").arg(m_helper->hostLabel().toHtmlEscaped()));
        title->setObjectName(QStringLiteral("hostTitle"));
        title->setToolTip(m_helper->isRemote() ? m_helper->uri() : QString());
        auto* state = new QLabel;
        state->setObjectName(QStringLiteral("hostState"));
        state->setTextInteractionFlags(Qt::TextSelectableByMouse);
        layout->addWidget(title);
        layout->addWidget(state, 1);
        m_stateLabels << state;
        if (m_helper->isRemote()) {
            auto* reconnect = new QToolButton;
            reconnect->setObjectName(QStringLiteral("hostReconnect"));
            reconnect->setText(tr("Reconnect"));
            reconnect->setToolTip(tr("Connect to %1 again now").arg(m_helper->hostLabel()));
            connect(reconnect, &QToolButton::clicked, m_helper, &HelperConnection::reconnect);
            auto* close = new QToolButton;
            close->setObjectName(QStringLiteral("hostClose"));
            close->setIcon(QIcon::fromTheme(QStringLiteral("window-close")));
            close->setText(tr("Disconnect"));
            close->setToolTip(tr("Close the connection to %1").arg(m_helper->hostLabel()));
            close->setAccessibleName(close->toolTip());
            connect(close, &QToolButton::clicked, this, &HostSection::closeRequested);
            layout->addWidget(reconnect);
            layout->addWidget(close);
            if (m_reconnect == nullptr)
                m_reconnect = reconnect;
            connect(m_helper, &HelperConnection::reachabilityChanged, reconnect,
                    [this, reconnect](bool reachable) {
                        reconnect->setVisible(!reachable && !m_helper->isConnecting());
                    });
        }
        auto* boxLayout = new QVBoxLayout(box);
        boxLayout->setContentsMargins(0, 0, 0, 0);
        boxLayout->setSpacing(2);
        boxLayout->addWidget(row);
        m_headers << row;
        return boxLayout;
    };
    m_containersBox = new QWidget;
    makeHeader(m_containersBox)->addWidget(m_view, 1);
    m_networksBox = new QWidget;
    makeHeader(m_networksBox)->addWidget(m_networks, 1);
    setHeaderShown(m_helper->isRemote());
}

QString HostSection::dropTarget(const QMimeData* data, const QPoint& position) const {
    if (data == nullptr || !data->hasUrls())
        return {};
    const bool local =
        std::ranges::all_of(data->urls(), [](const QUrl& url) { return url.isLocalFile(); });
    const QModelIndex row = m_view->indexAt(position);
    return local && row.isValid() ? row.data(ContainerListModel::NameRole).toString() : QString();
}

bool HostSection::eventFilter(QObject* watched, QEvent* event) {
    // Only the three drag events are looked at: the view may be half destroyed when the
    // filter sees others (the window closing).
    const QEvent::Type type = event->type();
    if (type != QEvent::DragEnter && type != QEvent::DragMove && type != QEvent::Drop)
        return QObject::eventFilter(watched, event);
    switch (type) {
    case QEvent::DragEnter:
    case QEvent::DragMove: {
        auto* drag = static_cast<QDropEvent*>(event);
        const QString target = dropTarget(drag->mimeData(), drag->position().toPoint());
        if (target.isEmpty()) {
            drag->ignore();
        } else {
            drag->setDropAction(Qt::CopyAction);
            drag->accept();
        }
        return true;
    }
    case QEvent::Drop: {
        auto* drop = static_cast<QDropEvent*>(event);
        const QString target = dropTarget(drop->mimeData(), drop->position().toPoint());
        if (target.isEmpty())
            return true;
        drop->setDropAction(Qt::CopyAction);
        drop->accept();
        QStringList paths;
        for (const QUrl& url : drop->mimeData()->urls())
            paths << url.toLocalFile();
        emit filesDropped(target, paths);
        return true;
    }
    default:
        return QObject::eventFilter(watched, event);
    }
}

void HostSection::setHeaderShown(bool shown) {
    for (QWidget* header : std::as_const(m_headers))
        header->setVisible(shown);
}

QString HostSection::stateText() const {
    if (m_helper->isReachable())
        return tr("connected");
    if (m_helper->unreachableReason().isEmpty())
        return tr("connecting…");
    return tr("not reachable: %1").arg(m_helper->unreachableReason());
}

void HostSection::updateHeader() {
    const QString text = stateText();
    for (QLabel* label : std::as_const(m_stateLabels)) {
        label->setText(text);
        label->setToolTip(text);
    }
}

void HostSection::setBusy(const QString& name, bool busy) {
    int& count = m_busy[name];
    count = std::max(0, count + (busy ? 1 : -1));
    if (count == 0)
        m_busy.remove(name);
}

QString HostSection::selectedContainer() const {
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(ContainerListModel::NameRole).toString();
}

bool HostSection::selectContainer(const QString& name) {
    const int row = m_model->rowOf(name);
    if (row < 0)
        return false;
    const QModelIndex shown = m_sorted->mapFromSource(m_model->index(row, 0));
    if (!shown.isValid())
        return false;
    m_view->selectRow(shown.row());
    return true;
}

void HostSection::clearSelection() {
    m_view->selectionModel()->clearSelection();
}

void HostSection::setFilter(const QString& text) {
    m_sorted->setFilterFixedString(text);
}

bool HostSection::anyRunning() const {
    return std::ranges::any_of(m_model->names(), [this](const QString& each) {
        const ContainerEntry* row = m_model->container(each);
        return row && row->isRunning();
    });
}

void HostSection::refresh() {
    if (m_listPending) {
        m_listAgain = true; // the reply on its way may predate what we were told
        return;
    }
    m_listPending = true;
    m_helper->watch(m_helper->manager()->ListContainers(), this,
                    [this](QDBusPendingCallWatcher& call) {
                        m_listPending = false;
                        const QDBusPendingReply<QList<QVariantMap>> reply = call;
                        if (!reply.isError()) {
                            containersListed(reply.value());
                        } else if (!HelperConnection::isTransportError(reply.error()) &&
                                   reply.error().message() != m_listError) {
                            // Said once, not at every poll: closing the bar keeps it closed.
                            m_listError = reply.error().message();
                            emit listFailed(reply.error());
                        }
                        if (std::exchange(m_listAgain, false))
                            refresh();
                    });
}

void HostSection::containersListed(const QList<QVariantMap>& entries) {
    QList<ContainerEntry> containers;
    for (const QVariantMap& map : entries)
        containers << ContainerEntry::fromMap(map);
    m_model->setContainers(containers);
    m_listError.clear();
    emit listed();
}

void HostSection::pollStats(const QElapsedTimer& clock) {
    if (m_statsPending)
        return;
    m_statsPending = true;
    m_helper->watch(m_helper->manager()->GetStats(), this,
                    [this, &clock](QDBusPendingCallWatcher& call) {
                        m_statsPending = false;
                        const QDBusPendingReply<QList<QVariantMap>> reply = call;
                        if (reply.isError())
                            return;
                        const qint64 now = clock.nsecsElapsed();
                        m_model->setStats(reply.value(), now);
                        emit statsArrived(reply.value(), now);
                    });
}

void HostSection::clearStats() {
    m_model->clearStats();
}

} // namespace cubby
