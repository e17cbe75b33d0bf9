#include "container_list_model.h"

#include "dot_icon.h"

#include <QLocale>
#include <QSet>
#include <pwd.h>
#include <vector>

namespace cubby {

namespace {

// The owner's login name, or the number when the account is unknown here.
QString ownerName(qint64 uid) {
    if (uid < 0)
        return QStringLiteral("–");
    std::vector<char> buffer(16384);
    passwd entry = {};
    passwd* found = nullptr;
    if (::getpwuid_r(static_cast<uid_t>(uid), &entry, buffer.data(), buffer.size(), &found) == 0 &&
        found && found->pw_name)
        return QString::fromLocal8Bit(found->pw_name);
    return QString::number(uid);
}

// Green running, grey otherwise.
QIcon stateIcon(bool running) {
    static const QIcon runningIcon = dotIcon(QColor(0x2e, 0xa0, 0x43));
    static const QIcon stoppedIcon = dotIcon(QColor(0x9a, 0x9a, 0x9a));
    return running ? runningIcon : stoppedIcon;
}

} // namespace

ContainerEntry ContainerEntry::fromMap(const QVariantMap& map) {
    ContainerEntry entry;
    entry.name = map.value(QStringLiteral("name")).toString();
    entry.state = map.value(QStringLiteral("state")).toString();
    entry.pid = map.value(QStringLiteral("pid")).toLongLong();
    entry.addresses = map.value(QStringLiteral("addresses")).toStringList();
    entry.autostart = map.value(QStringLiteral("autostart")).toBool();
    entry.title = map.value(QStringLiteral("title")).toString();
    entry.privileged = map.value(QStringLiteral("privileged")).toBool();
    entry.owner = map.value(QStringLiteral("owner"), qlonglong(-1)).toLongLong();
    return entry;
}

ContainerListModel::ContainerListModel(QObject* parent)
    : QAbstractTableModel(parent) {}

int ContainerListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ContainerListModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : Columns;
}

QVariant ContainerListModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const ContainerEntry& entry = m_rows[index.row()];
    switch (role) {
    case NameRole:
        return entry.name;
    case StateRole:
        return entry.state;
    case RunningRole:
        return entry.isRunning();
    case PidRole:
        return entry.pid;
    case AddressesRole:
        return entry.addresses;
    case AutostartRole:
        return entry.autostart;
    case PrivilegedRole:
        return entry.privileged;
    case OwnerRole:
        return entry.owner;
    case SortRole:
        switch (index.column()) {
        case CpuColumn:
            return m_figures.value(entry.name).cpuPercent.value_or(-1);
        case MemoryColumn:
            return qlonglong(m_figures.value(entry.name).memoryBytes.value_or(0));
        case PidColumn:
            return entry.isRunning() ? entry.pid : 0;
        default:
            return data(index, Qt::DisplayRole);
        }
    case Qt::DecorationRole:
        if (index.column() == StateColumn && !entry.state.isEmpty())
            return stateIcon(entry.isRunning());
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == CpuColumn || index.column() == MemoryColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole:
        if (index.column() == SecurityColumn)
            return entry.privileged
                       ? tr("Privileged: root inside this container is root on this computer")
                       : tr("Unprivileged: root inside is an ordinary user on this computer");
        return entry.title.isEmpty() ? QVariant() : QVariant(entry.title);
    case Qt::ForegroundRole:
        // Running containers stand out in the state column (green, as in virt-manager);
        // privileged ones in the security column (red: they are not a boundary).
        if (index.column() == StateColumn && entry.isRunning())
            return QColor(0x1e, 0x7e, 0x34);
        if (index.column() == SecurityColumn && entry.privileged)
            return QColor(0xb0, 0x20, 0x20);
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case NameColumn:
        return entry.name;
    case StateColumn:
        return stateText(entry.state);
    case CpuColumn: {
        const auto cpu = m_figures.value(entry.name).cpuPercent;
        return entry.isRunning() && cpu ? percentText(*cpu) : QStringLiteral("–");
    }
    case MemoryColumn: {
        const auto memory = m_figures.value(entry.name).memoryBytes;
        return entry.isRunning() && memory
                   ? QLocale().formattedDataSize(qint64(*memory), 1, QLocale::DataSizeIecFormat)
                   : QStringLiteral("–");
    }
    case SecurityColumn:
        return entry.privileged ? tr("privileged") : tr("unprivileged");
    case OwnerColumn:
        return ownerName(entry.owner);
    case PidColumn:
        return entry.isRunning() && entry.pid > 0 ? QString::number(entry.pid)
                                                  : QStringLiteral("–");
    case AddressesColumn:
        return entry.addresses.isEmpty() ? QStringLiteral("–") : entry.addresses.join(", ");
    case AutostartColumn:
        return entry.autostart ? tr("yes") : tr("no");
    default:
        return {};
    }
}

QVariant ContainerListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case StateColumn:
        return tr("State");
    case CpuColumn:
        return tr("CPU");
    case MemoryColumn:
        return tr("Memory");
    case SecurityColumn:
        return tr("Security");
    case OwnerColumn:
        return tr("Owner");
    case PidColumn:
        return tr("PID");
    case AddressesColumn:
        return tr("Addresses");
    case AutostartColumn:
        return tr("Autostart");
    default:
        return {};
    }
}

QHash<int, QByteArray> ContainerListModel::roleNames() const {
    QHash<int, QByteArray> roles = QAbstractTableModel::roleNames();
    roles[NameRole] = "name";
    roles[StateRole] = "state";
    roles[RunningRole] = "running";
    roles[PidRole] = "pid";
    roles[AddressesRole] = "addresses";
    roles[AutostartRole] = "autostart";
    roles[PrivilegedRole] = "privileged";
    roles[OwnerRole] = "owner";
    roles[SortRole] = "sort";
    return roles;
}

void ContainerListModel::setContainers(const QList<ContainerEntry>& containers) {
    QSet<QString> present;
    for (const ContainerEntry& entry : containers)
        present.insert(entry.name);
    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
        if (!present.contains(m_rows[row].name)) {
            beginRemoveRows({}, row, row);
            m_rows.removeAt(row);
            endRemoveRows();
        }
    }
    for (const ContainerEntry& entry : containers)
        updateContainer(entry);
}

void ContainerListModel::updateContainer(const ContainerEntry& entry) {
    if (entry.name.isEmpty())
        return;
    const int row = rowOf(entry.name);
    if (row >= 0) {
        m_rows[row] = entry;
        emitRowChanged(row);
        return;
    }
    // Sorted by name, as `cubbyctl list` prints them.
    int at = 0;
    while (at < m_rows.size() && m_rows[at].name < entry.name)
        ++at;
    beginInsertRows({}, at, at);
    m_rows.insert(at, entry);
    endInsertRows();
}

void ContainerListModel::addContainer(const QString& name) {
    if (rowOf(name) >= 0)
        return;
    ContainerEntry entry;
    entry.name = name;
    updateContainer(entry);
}

void ContainerListModel::removeContainer(const QString& name) {
    const int row = rowOf(name);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    endRemoveRows();
}

void ContainerListModel::setState(const QString& name, const QString& state) {
    const int row = rowOf(name);
    if (row < 0) {
        ContainerEntry entry;
        entry.name = name;
        entry.state = state;
        updateContainer(entry);
        return;
    }
    ContainerEntry& entry = m_rows[row];
    entry.state = state;
    if (!entry.isRunning()) {
        entry.pid = 0;
        m_figures.remove(name);
    }
    emitRowChanged(row);
}

void ContainerListModel::setStats(const QList<QVariantMap>& stats, qint64 wallNs) {
    QSet<QString> reported;
    for (const QVariantMap& entry : stats) {
        const QString name = entry.value(QStringLiteral("name")).toString();
        reported.insert(name);
        Figures& figures = m_figures[name];
        figures.cpuPercent =
            figures.meter.sample(entry.value(QStringLiteral("cpu_time_ns")).toULongLong(), wallNs);
        figures.memoryBytes = entry.value(QStringLiteral("memory_bytes")).toULongLong();
    }
    for (auto it = m_figures.begin(); it != m_figures.end();) {
        if (reported.contains(it.key()))
            ++it;
        else
            it = m_figures.erase(it);
    }
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, CpuColumn), index(int(m_rows.size()) - 1, MemoryColumn));
}

void ContainerListModel::clearStats() {
    m_figures.clear();
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, CpuColumn), index(int(m_rows.size()) - 1, MemoryColumn));
}

int ContainerListModel::rowOf(const QString& name) const {
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows[row].name == name)
            return row;
    }
    return -1;
}

const ContainerEntry* ContainerListModel::container(const QString& name) const {
    const int row = rowOf(name);
    return row < 0 ? nullptr : &m_rows[row];
}

QStringList ContainerListModel::names() const {
    QStringList list;
    for (const ContainerEntry& entry : m_rows)
        list << entry.name;
    return list;
}

void ContainerListModel::emitRowChanged(int row) {
    emit dataChanged(index(row, 0), index(row, Columns - 1));
}

QString ContainerListModel::stateText(const QString& state) {
    if (state.isEmpty())
        return tr("…");
    if (state == QLatin1String("running"))
        return tr("running");
    if (state == QLatin1String("shut off"))
        return tr("shut off");
    return state;
}

QString ContainerListModel::percentText(double percent, int decimals) {
    return tr("%1 %").arg(QLocale().toString(percent, 'f', decimals));
}

} // namespace cubby
