#include "networks_panel.h"

#include "dot_icon.h"
#include "helper_connection.h"
#include "helper_errors.h"
#include "network_list_model.h"
#include "network_wizard.h"

#include <QDBusPendingReply>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace cubby {

namespace {

QIcon statusIcon(const QString& status) {
    return dotIcon(status == u"ok"        ? QColor(0x27, 0xae, 0x60)
                   : status == u"warning" ? QColor(0xf6, 0x74, 0x00)
                                          : QColor(0xda, 0x44, 0x53));
}

// The helper's hop keys, in words for the table (unknown keys are shown as they are).
QString hopTitle(const QString& hop) {
    static const std::array<std::pair<const char*, const char*>, 11> titles{{
        {"state", QT_TRANSLATE_NOOP("cubby::NetworksPanel", "Network running")},
        {"bridge", QT_TRANSLATE_NOOP("cubby::NetworksPanel", "Bridge")},
        {"address", QT_TRANSLATE_NOOP("cubby::NetworksPanel", "Gateway address")},
        {"subnet", QT_TRANSLATE_NOOP("cubby::NetworksPanel", "Subnet free")},
        {"forwarding", QT_TRANSLATE_NOOP("cubby::NetworksPanel", "IP forwarding")},
        {"rules", QT_TRANSLATE_NOOP("cubby::NetworksPanel", "NAT rules")},
        {"firewall", QT_TRANSLATE_NOOP("cubby::NetworksPanel", "Other firewalls")},
        {"uplink", QT_TRANSLATE_NOOP("cubby::NetworksPanel", "Uplink")},
        {"dnsmasq", QT_TRANSLATE_NOOP("cubby::NetworksPanel", "DHCP/DNS server")},
        {"dns", QT_TRANSLATE_NOOP("cubby::NetworksPanel", "DNS answers")},
        {"upstream", QT_TRANSLATE_NOOP("cubby::NetworksPanel", "Upstream DNS")},
    }};
    for (const auto& [key, title] : titles) {
        if (hop == QLatin1StringView(key))
            return NetworksPanel::tr(title);
    }
    return hop;
}

QString statusText(const QString& status) {
    if (status == u"ok")
        return NetworksPanel::tr("ok");
    if (status == u"warning")
        return NetworksPanel::tr("warning");
    return NetworksPanel::tr("fail");
}

} // namespace

NetworksPanel::NetworksPanel(HelperConnection* helper, QWidget* parent)
    : QWidget(parent)
    , m_helper(helper)
    , m_model(new NetworkListModel(this))
    , m_view(new QTableView)
    , m_diagnosis(new QTreeWidget)
    , m_diagnosisTitle(new QLabel) {
    setObjectName(QStringLiteral("networksPanel"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    // The name takes the room; the short columns fit their contents.
    m_view->horizontalHeader()->setMinimumSectionSize(80);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(NetworkListModel::Name, QHeaderView::Stretch);
    m_view->setAlternatingRowColors(true);
    m_diagnosis->setColumnCount(3);
    m_diagnosis->setHeaderLabels({tr("Hop"), tr("Status"), tr("What Cubby found")});
    m_diagnosis->setRootIsDecorated(false);
    m_diagnosis->setWordWrap(true);
    m_diagnosis->header()->setStretchLastSection(true);
    m_diagnosisTitle->setWordWrap(true);
    clearDiagnosis();

    const std::array<QString, ButtonCount> labels{tr("&Start"), tr("S&top"), tr("&Delete…"),
                                                  tr("D&iagnose"), tr("&New Network…")};
    auto* buttons = new QHBoxLayout;
    for (int i = 0; i < ButtonCount; ++i) {
        m_buttons[i] = new QPushButton(labels[i]);
        if (i == New)
            buttons->addStretch(1);
        buttons->addWidget(m_buttons[i]);
    }
    m_buttons[Diagnose]->setToolTip(tr("Why can containers on this network not reach the "
                                       "internet?"));

    auto* lower = new QWidget;
    auto* lowerLayout = new QVBoxLayout(lower);
    lowerLayout->setContentsMargins(0, 0, 0, 0);
    lowerLayout->addWidget(m_diagnosisTitle);
    lowerLayout->addWidget(m_diagnosis, 1);
    auto* splitter = new QSplitter(Qt::Vertical);
    splitter->addWidget(m_view);
    splitter->addWidget(lower);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(splitter, 1);

    connect(m_buttons[Start], &QPushButton::clicked, this, [this] {
        operate(m_helper->manager()->StartNetwork(selectedNetwork()),
                tr("Could not start the network"));
    });
    connect(m_buttons[Stop], &QPushButton::clicked, this, [this] {
        operate(m_helper->manager()->StopNetwork(selectedNetwork()),
                tr("Could not stop the network"));
    });
    connect(m_buttons[Delete], &QPushButton::clicked, this, &NetworksPanel::confirmDelete);
    connect(m_buttons[Diagnose], &QPushButton::clicked, this, &NetworksPanel::diagnose);
    connect(m_buttons[New], &QPushButton::clicked, this, &NetworksPanel::newNetwork);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        if (selectedNetwork() != m_diagnosed)
            clearDiagnosis();
        updateButtons();
    });
    connect(m_model, &QAbstractItemModel::dataChanged, this, &NetworksPanel::updateButtons);
    connect(m_model, &QAbstractItemModel::modelReset, this, &NetworksPanel::updateButtons);

    m_helper->onManager(this, [this](ManagerProxy* manager) {
        connect(manager, &ManagerProxy::NetworkAdded, this, &NetworksPanel::refresh);
        connect(manager, &ManagerProxy::NetworkRemoved, this, &NetworksPanel::refresh);
        connect(manager, &ManagerProxy::NetworkStateChanged, this,
                [this](const QString& name, const QString& state) {
                    m_model->setActive(name, state == u"active");
                    if (name == m_diagnosed)
                        clearDiagnosis(); // what it found no longer holds
                    refresh();            // the subnet or bridge may be new too
                });
    });
    connect(m_helper, &HelperConnection::refreshNeeded, this, &NetworksPanel::refresh);
    updateButtons();
    refresh();
}

QString NetworksPanel::selectedNetwork() const {
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : m_model->nameAt(rows.first().row());
}

bool NetworksPanel::selectNetwork(const QString& name) {
    const int row = m_model->rowOf(name);
    if (row < 0)
        return false;
    m_view->selectRow(row);
    return true;
}

void NetworksPanel::refresh() {
    m_helper->watch(
        m_helper->manager()->ListNetworks(), this, [this](QDBusPendingCallWatcher& watcher) {
            const QDBusPendingReply<QList<QVariantMap>> reply = watcher;
            if (reply.isError()) {
                // "Nobody answers" is the status bar's business, not an error.
                if (!HelperConnection::isTransportError(reply.error()))
                    emit error(
                        tr("Could not list the networks: %1").arg(helperErrorText(reply.error())));
                return;
            }
            const QString selected = selectedNetwork();
            m_model->setNetworks(reply.value());
            if (!selected.isEmpty() && selectedNetwork().isEmpty())
                selectNetwork(selected);
            updateButtons();
            emit listed();
        });
}

void NetworksPanel::updateButtons() {
    const QString name = selectedNetwork();
    const int row = m_model->rowOf(name);
    const bool usable = row >= 0 && name != m_busyName;
    const bool active = m_model->isActive(row);
    m_buttons[Start]->setEnabled(usable && !active);
    m_buttons[Stop]->setEnabled(usable && active);
    m_buttons[Delete]->setEnabled(usable && !active);
    m_buttons[Diagnose]->setEnabled(row >= 0);
    m_buttons[Delete]->setToolTip(active ? tr("Stop the network before deleting it") : QString());
}

void NetworksPanel::operate(const QDBusPendingCall& call, const QString& failure) {
    m_busyName = selectedNetwork();
    updateButtons();
    m_helper->watch(call, this, [this, failure](QDBusPendingCallWatcher& watcher) {
        m_busyName.clear();
        if (watcher.isError())
            emit error(tr("%1: %2").arg(failure, helperErrorText(watcher.error())));
        refresh();
    });
}

void NetworksPanel::confirmDelete() {
    const QString name = selectedNetwork();
    if (name.isEmpty())
        return;
    auto* box = new QMessageBox(QMessageBox::Question, tr("Delete Network"),
                                tr("Delete the network “%1”? Its definition is removed; "
                                   "containers that use it cannot start until they are moved "
                                   "to another network.")
                                    .arg(name),
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("deleteNetworkBox"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->button(QMessageBox::Yes)->setText(tr("Delete"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, name](int result) {
        if (result == QMessageBox::Yes)
            operate(m_helper->manager()->UndefineNetwork(name), tr("Could not delete the network"));
    });
    box->open();
}

void NetworksPanel::diagnose() {
    const QString name = selectedNetwork();
    if (name.isEmpty())
        return;
    m_diagnosisTitle->setText(tr("Diagnosing “%1”…").arg(name));
    m_helper->watch(
        m_helper->manager()->DiagnoseNetwork(name), this,
        [this, name](QDBusPendingCallWatcher& watcher) {
            const QDBusPendingReply<QList<QVariantMap>> reply = watcher;
            if (reply.isError()) {
                m_diagnosisTitle->setText(tr("Could not diagnose “%1”.").arg(name));
                emit error(
                    tr("Could not diagnose the network: %1").arg(helperErrorText(reply.error())));
                return;
            }
            showDiagnosis(name, reply.value());
        });
}

void NetworksPanel::clearDiagnosis() {
    m_diagnosed.clear();
    m_diagnosis->clear();
    m_diagnosisTitle->setText(tr("Containers cannot reach the internet? Select their network and "
                                 "press Diagnose: every hop their packets take is checked."));
}

void NetworksPanel::showDiagnosis(const QString& name, const QList<QVariantMap>& hops) {
    m_diagnosis->clear();
    m_diagnosed = name;
    int failures = 0;
    int warnings = 0;
    for (const QVariantMap& hop : hops) {
        const QString status = hop.value(QStringLiteral("status")).toString();
        failures += status == u"fail";
        warnings += status == u"warning";
        auto* item = new QTreeWidgetItem(m_diagnosis);
        item->setText(0, hopTitle(hop.value(QStringLiteral("hop")).toString()));
        item->setData(0, Qt::UserRole, hop.value(QStringLiteral("hop")));
        item->setIcon(1, statusIcon(status));
        item->setText(1, statusText(status));
        item->setText(2, hop.value(QStringLiteral("message")).toString());
        item->setToolTip(2, item->text(2));
    }
    m_diagnosis->resizeColumnToContents(0);
    m_diagnosis->resizeColumnToContents(1);
    if (failures > 0)
        m_diagnosisTitle->setText(
            tr("“%1”: %n hop(s) fail — the first one is where packets stop.", "", failures)
                .arg(name));
    else if (warnings > 0)
        m_diagnosisTitle->setText(
            tr("“%1”: every hop works, %n with a warning.", "", warnings).arg(name));
    else
        m_diagnosisTitle->setText(tr("“%1”: every hop works.").arg(name));
    emit diagnosed(name);
}

void NetworksPanel::newNetwork() {
    if (m_wizard) {
        m_wizard->raise();
        m_wizard->activateWindow();
        return;
    }
    m_wizard = new NetworkWizard(m_helper, m_model->known(), this);
    m_wizard->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_wizard, &NetworkWizard::networkCreated, this, [this](const QString& name) {
        refresh();
        // Select it once the list that has it arrives.
        auto* once = new QObject(this);
        connect(this, &NetworksPanel::listed, once, [this, name, once] {
            selectNetwork(name);
            once->deleteLater();
        });
    });
    m_wizard->open();
}

} // namespace cubby
