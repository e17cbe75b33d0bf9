#pragma once
// The Settings tab's network rows: the container's interfaces and what each joins (a Cubby
// network or a host bridge), one added on a Cubby network chosen from the helper's list, one
// removed. Taken at the next start. A container that had a network namespace of its own keeps
// one when its last interface goes (<privnet/>): removing an interface never puts it on the
// host's network.
//
// Below them, the container's own walls (walls.h): what it may not reach even where its
// networks allow it. They add to the networks' walls and take effect at once on running
// networks (the helper passes them on), so they need no restart.

#include "walls.h"

#include <QWidget>
#include <memory>
#include <optional>

class QCheckBox;
class QComboBox;
class QListWidget;
class QPushButton;

namespace cubby {

class HelperConnection;
struct Domain;

class InterfaceSettings : public QWidget {
    Q_OBJECT
public:
    explicit InterfaceSettings(HelperConnection* helper, QWidget* parent = nullptr);

    // The machine whose networks are offered from now on.
    void setHelper(HelperConnection* helper) { m_helper = helper; }

    void showDomain(const Domain& domain);
    // The interfaces as edited, and <privnet/> as the rule above says.
    void applyTo(Domain& domain) const;
    bool differsFrom(const Domain& domain) const;
    // Asks the helper for the networks again (the list a new interface is chosen from).
    void fetchNetworks();

    QListWidget* interfaces() const { return m_list; }
    QComboBox* network() const { return m_network; }
    QPushButton* addButton() const { return m_add; }
    QPushButton* removeButton() const { return m_remove; }
    QCheckBox* wallHost() const { return m_wallHost; }
    QCheckBox* wallLan() const { return m_wallLan; }

signals:
    void edited();

private:
    void showRows();
    void add();
    void remove();
    void updateButtons();
    std::optional<NetworkWalls> editedWalls() const;

    HelperConnection* m_helper;
    QListWidget* m_list;
    QComboBox* m_network;
    QPushButton* m_add;
    QPushButton* m_remove;
    QCheckBox* m_wallHost;
    QCheckBox* m_wallLan;
    struct Edited;
    std::shared_ptr<Edited> m_edited; // the interfaces as edited, and whether it had its own netns
};

} // namespace cubby
