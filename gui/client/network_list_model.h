#pragma once
// The networks as ListNetworks describes them, as a table: name, state, bridge, subnet,
// forward mode, autostart. Rows are replaced by each listing and updated in place by the
// helper's NetworkStateChanged signal, so a selection survives a refresh.

#include "network_request.h"

#include <QAbstractTableModel>
#include <QVariantMap>

namespace cubby {

class NetworkListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Name, State, Bridge, Subnet, Forward, Autostart, ColumnCount };

    explicit NetworkListModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // One entry per network, as ListNetworks returns them.
    void setNetworks(const QList<QVariantMap>& networks);
    void setActive(const QString& name, bool active);

    int rowOf(const QString& name) const; // -1 when absent
    QString nameAt(int row) const;
    bool isActive(int row) const;
    // For the wizard: names and subnets already taken.
    QList<KnownNetwork> known() const;

private:
    QList<QVariantMap> m_networks;
};

} // namespace cubby
