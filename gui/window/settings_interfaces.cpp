#include "settings_interfaces.h"

#include "domain.h"
#include "helper_connection.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDBusPendingReply>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSignalBlocker>
#include <QVBoxLayout>
#include <algorithm>

namespace cubby {

struct InterfaceSettings::Edited {
    std::vector<Interface> interfaces;
    bool privateNetwork = false; // the definition shown had a network namespace of its own
};

InterfaceSettings::InterfaceSettings(HelperConnection* helper, QWidget* parent)
    : QWidget(parent)
    , m_helper(helper)
    , m_list(new QListWidget)
    , m_network(new QComboBox)
    , m_add(new QPushButton(tr("Add Interface")))
    , m_remove(new QPushButton(tr("Rem&ove")))
    , m_wallHost(new QCheckBox(tr("Keep it from &services on this computer")))
    , m_wallLan(new QCheckBox(tr("Keep it off t&he local network (internet only)")))
    , m_edited(std::make_shared<Edited>()) {
    m_list->setObjectName(QStringLiteral("settingsInterfaces"));
    m_list->setAccessibleName(tr("Network interfaces"));
    m_list->setMaximumHeight(70);
    m_network->setObjectName(QStringLiteral("settingsInterfaceNetwork"));
    m_network->setAccessibleName(tr("Network for a new interface"));
    m_network->setPlaceholderText(tr("No networks"));
    m_add->setObjectName(QStringLiteral("settingsAddInterface"));
    m_add->setToolTip(tr("A new interface on the chosen Cubby network"));
    m_remove->setObjectName(QStringLiteral("settingsRemoveInterface"));
    m_remove->setAccessibleName(tr("Remove interface"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_list);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_network);
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    auto* note = new QLabel(tr("after a restart"));
    note->setEnabled(false);
    buttons->addWidget(note);
    layout->addLayout(buttons);
    m_wallHost->setObjectName(QStringLiteral("settingsWallHost"));
    m_wallLan->setObjectName(QStringLiteral("settingsWallLan"));
    layout->addWidget(m_wallHost);
    layout->addWidget(m_wallLan);
    auto* wallsNote = new QLabel(tr("These add to the walls of its networks; DHCP, DNS and ping "
                                    "still work."));
    wallsNote->setWordWrap(true);
    wallsNote->setEnabled(false);
    layout->addWidget(wallsNote);
    for (QCheckBox* wall : {m_wallHost, m_wallLan})
        connect(wall, &QCheckBox::toggled, this, &InterfaceSettings::edited);
    connect(m_add, &QPushButton::clicked, this, &InterfaceSettings::add);
    connect(m_remove, &QPushButton::clicked, this, &InterfaceSettings::remove);
    connect(m_list, &QListWidget::currentRowChanged, this, &InterfaceSettings::updateButtons);
    connect(m_network, &QComboBox::currentIndexChanged, this, &InterfaceSettings::updateButtons);
    updateButtons();
}

void InterfaceSettings::fetchNetworks() {
    m_helper->watch(m_helper->manager()->ListNetworks(), this, [this](QDBusPendingCallWatcher& w) {
        const QDBusPendingReply<QList<QVariantMap>> reply = w;
        if (reply.isError())
            return;
        const QString chosen = m_network->currentText();
        m_network->clear();
        for (const QVariantMap& entry : reply.value())
            m_network->addItem(entry.value(QStringLiteral("name")).toString());
        if (const int again = m_network->findText(chosen); again >= 0)
            m_network->setCurrentIndex(again);
        updateButtons();
    });
}

void InterfaceSettings::showDomain(const Domain& domain) {
    m_edited->interfaces = domain.interfaces;
    m_edited->privateNetwork = domain.hasPrivateNetwork();
    const NetworkWalls walls = domain.cubby.walls.value_or(NetworkWalls{});
    const QSignalBlocker hostBlocker(m_wallHost), lanBlocker(m_wallLan);
    m_wallHost->setChecked(walls.host == HostAccess::Services);
    m_wallLan->setChecked(!walls.lan);
    showRows();
}

std::optional<NetworkWalls> InterfaceSettings::editedWalls() const {
    const NetworkWalls walls{m_wallHost->isChecked() ? HostAccess::Services : HostAccess::All,
                             !m_wallLan->isChecked()};
    return walls.wallsAnything() ? std::optional(walls) : std::nullopt;
}

void InterfaceSettings::showRows() {
    m_list->clear();
    int index = 0;
    for (const Interface& interface : m_edited->interfaces) {
        const QString name = interface.guestDev.empty()
                                 ? QStringLiteral("eth%1").arg(index)
                                 : QString::fromStdString(interface.guestDev);
        const QString source = QString::fromStdString(interface.source);
        QString text;
        switch (interface.type) {
        case InterfaceType::Network:
            text = tr("%1: network %2").arg(name, source);
            break;
        case InterfaceType::Bridge:
            text = tr("%1: host bridge %2").arg(name, source);
            break;
        case InterfaceType::Direct:
            text = tr("%1: macvlan on %2").arg(name, source);
            break;
        }
        m_list->addItem(text);
        ++index;
    }
    if (m_edited->interfaces.empty())
        m_list->addItem(m_edited->privateNetwork ? tr("None: only loopback")
                                                 : tr("None: the host's network"));
    updateButtons();
}

void InterfaceSettings::add() {
    if (m_network->currentText().isEmpty())
        return;
    Interface interface;
    interface.type = InterfaceType::Network;
    interface.source = m_network->currentText().toStdString();
    m_edited->interfaces.push_back(std::move(interface));
    showRows();
    emit edited();
}

void InterfaceSettings::remove() {
    const int row = m_list->currentRow();
    if (row < 0 || row >= int(m_edited->interfaces.size()))
        return;
    m_edited->interfaces.erase(m_edited->interfaces.begin() + row);
    showRows();
    emit edited();
}

void InterfaceSettings::updateButtons() {
    const int row = m_list->currentRow();
    m_remove->setEnabled(row >= 0 && row < int(m_edited->interfaces.size()));
    m_add->setEnabled(!m_network->currentText().isEmpty());
    // Walls are a Cubby network's firewall rules: a container on the host's own bridge or
    // NIC is beyond them, and one without interfaces needs none.
    const auto& interfaces = m_edited->interfaces;
    const bool onCubbyNetworksOnly =
        !interfaces.empty() && std::ranges::all_of(interfaces, [](const Interface& interface) {
            return interface.type == InterfaceType::Network;
        });
    for (QCheckBox* wall : {m_wallHost, m_wallLan}) {
        wall->setEnabled(onCubbyNetworksOnly || wall->isChecked());
        wall->setToolTip(onCubbyNetworksOnly ? QString()
                         : interfaces.empty()
                             ? tr("Walls hold on Cubby networks: add an interface on one first")
                             : tr("Walls hold on Cubby networks only, not on a host bridge"));
    }
}

void InterfaceSettings::applyTo(Domain& domain) const {
    domain.interfaces = m_edited->interfaces;
    if (domain.interfaces.empty() && m_edited->privateNetwork)
        domain.features.privnet = true;
    domain.cubby.walls = editedWalls();
}

bool InterfaceSettings::differsFrom(const Domain& domain) const {
    const auto stored = domain.cubby.walls && domain.cubby.walls->wallsAnything()
                            ? domain.cubby.walls
                            : std::nullopt;
    return m_edited->interfaces != domain.interfaces || editedWalls() != stored;
}

} // namespace cubby
