#pragma once
// The Settings tab's network rows: the container's interfaces and what each joins (a Cubby
// network or a host bridge), one added on a Cubby network chosen from the helper's list, one
// removed. Taken at the next start. A container that had a network namespace of its own keeps
// one when its last interface goes (<privnet/>): removing an interface never puts it on the
// host's network.

#include <QWidget>
#include <memory>

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

signals:
    void edited();

private:
    void showRows();
    void add();
    void remove();
    void updateButtons();

    HelperConnection* m_helper;
    QListWidget* m_list;
    QComboBox* m_network;
    QPushButton* m_add;
    QPushButton* m_remove;
    struct Edited;
    std::shared_ptr<Edited> m_edited; // the interfaces as edited, and whether it had its own netns
};

} // namespace cubby
