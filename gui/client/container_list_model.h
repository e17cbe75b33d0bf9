#pragma once
// The containers the helper knows, one row each: what ListContainers returns, kept current by
// the Manager's ContainerAdded/Removed/StateChanged signals. Pure bookkeeping: the window feeds
// it through the update methods below, so it is tested without a bus.

#include "cpu_meter.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantMap>

namespace cubby {

struct ContainerEntry {
    QString name;
    QString state; // "running", "shut off", or empty while not known yet
    qint64 pid = 0;
    QStringList addresses;
    bool autostart = false;
    QString title;
    bool privileged = false; // root inside is root on the host
    qint64 owner = -1;       // the uid that defined it; -1: not recorded

    bool isRunning() const { return state == QLatin1String("running"); }
    // One entry of ListContainers' reply.
    static ContainerEntry fromMap(const QVariantMap& map);
};

class ContainerListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        NameColumn,
        StateColumn,
        CpuColumn,
        MemoryColumn,
        AddressesColumn,
        SecurityColumn,
        OwnerColumn,
        PidColumn,
        AutostartColumn,
        Columns
    };
    // The helper's state ("running", "shut off") in the user's language; "…" before the first
    // list, and an unknown state as the helper wrote it.
    static QString stateText(const QString& state);
    // A percentage with one decimal in the user's locale: "12.5 %", "12,5 %".
    static QString percentText(double percent, int decimals = 1);

    enum Role {
        NameRole = Qt::UserRole + 1, // the same in every column
        StateRole,
        RunningRole,
        PidRole,
        AddressesRole,
        AutostartRole,
        PrivilegedRole,
        OwnerRole,
        SortRole, // what the column sorts by: numbers for CPU, memory and pid
    };

    explicit ContainerListModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // A whole ListContainers reply: rows are updated in place, added and removed (never reset,
    // so the view keeps its selection).
    void setContainers(const QList<ContainerEntry>& containers);
    // One container's full description (new or changed).
    void updateContainer(const ContainerEntry& entry);
    // ContainerAdded: a row whose details follow with the next refresh.
    void addContainer(const QString& name);
    void removeContainer(const QString& name);
    // ContainerStateChanged. A container that stops has no pid any more.
    void setState(const QString& name, const QString& state);
    // A GetStats reply taken at `wallNs` (a monotonic clock): the CPU % since the previous
    // reply and the memory in use of each running container; the others show none.
    void setStats(const QList<QVariantMap>& stats, qint64 wallNs);
    // The figures stop (the window is hidden): the next reply starts the CPU meters afresh.
    void clearStats();

    int rowOf(const QString& name) const;
    const ContainerEntry* container(const QString& name) const;
    QStringList names() const;

private:
    void emitRowChanged(int row);

    struct Figures {
        CpuMeter meter;
        std::optional<double> cpuPercent;
        std::optional<quint64> memoryBytes;
    };

    QList<ContainerEntry> m_rows;
    QHash<QString, Figures> m_figures; // by container name
};

} // namespace cubby
