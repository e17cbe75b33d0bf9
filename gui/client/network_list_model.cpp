#include "network_list_model.h"

namespace cubby {

namespace {

QString field(const QVariantMap& network, const char* key) {
    return network.value(QLatin1StringView(key)).toString();
}

QString forwardLabel(const QString& mode) {
    if (mode == u"nat")
        return NetworkListModel::tr("NAT");
    if (mode == u"route")
        return NetworkListModel::tr("routed");
    if (mode == u"open")
        return NetworkListModel::tr("open");
    if (mode == u"bridge" || mode == u"private" || mode == u"vepa" || mode == u"passthrough")
        return NetworkListModel::tr("on the LAN");
    return NetworkListModel::tr("isolated");
}

} // namespace

NetworkListModel::NetworkListModel(QObject* parent)
    : QAbstractTableModel(parent) {}

int NetworkListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_networks.size());
}

int NetworkListModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant NetworkListModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= m_networks.size())
        return {};
    const QVariantMap& network = m_networks[index.row()];
    if (role == Qt::ToolTipRole && index.column() == Forward && field(network, "forward") == u"nat")
        return tr("Containers reach the internet through this computer");
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Name:
        return field(network, "name");
    case State:
        return network.value(QStringLiteral("active")).toBool() ? tr("active") : tr("inactive");
    case Bridge:
        return field(network, "bridge");
    case Subnet:
        return field(network, "subnet");
    case Forward:
        return forwardLabel(field(network, "forward"));
    case Autostart:
        return network.value(QStringLiteral("autostart")).toBool() ? tr("yes") : tr("no");
    default:
        return {};
    }
}

QVariant NetworkListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("Name");
    case State:
        return tr("State");
    case Bridge:
        return tr("Bridge");
    case Subnet:
        return tr("Subnet");
    case Forward:
        return tr("Forwarding");
    case Autostart:
        return tr("Autostart");
    default:
        return {};
    }
}

void NetworkListModel::setNetworks(const QList<QVariantMap>& networks) {
    // Same names in the same order: update in place so views keep their selection.
    bool sameRows = networks.size() == m_networks.size();
    for (qsizetype i = 0; sameRows && i < networks.size(); ++i)
        sameRows = field(networks[i], "name") == field(m_networks[i], "name");
    if (sameRows) {
        m_networks = networks;
        if (!m_networks.isEmpty())
            emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_networks = networks;
    endResetModel();
}

void NetworkListModel::setActive(const QString& name, bool active) {
    const int row = rowOf(name);
    if (row < 0)
        return;
    m_networks[row][QStringLiteral("active")] = active;
    emit dataChanged(index(row, State), index(row, State));
}

int NetworkListModel::rowOf(const QString& name) const {
    for (qsizetype i = 0; i < m_networks.size(); ++i) {
        if (field(m_networks[i], "name") == name)
            return int(i);
    }
    return -1;
}

QString NetworkListModel::nameAt(int row) const {
    return row >= 0 && row < m_networks.size() ? field(m_networks[row], "name") : QString();
}

bool NetworkListModel::isActive(int row) const {
    return row >= 0 && row < m_networks.size() &&
           m_networks[row].value(QStringLiteral("active")).toBool();
}

QList<KnownNetwork> NetworkListModel::known() const {
    QList<KnownNetwork> result;
    for (const QVariantMap& network : m_networks)
        result.append({field(network, "name"), field(network, "subnet")});
    return result;
}

} // namespace cubby
