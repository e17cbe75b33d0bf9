// The New Container wizard's network page: none (its own loopback only), the host's network
// (application containers only), a Cubby network from ListNetworks, or a host bridge.
#include "container_wizard.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDir>
#include <QFormLayout>
#include <QLabel>
#include <QRadioButton>
#include <QVBoxLayout>

namespace cubby {

namespace {

QString messageOf(const Status& status) {
    return status ? QString() : QString::fromStdString(status.error().message);
}

QLabel* note() {
    auto* label = new QLabel;
    label->setWordWrap(true);
    label->setEnabled(false); // the palette's dimmed text: an explanation, not a field
    return label;
}

// Bridges the host has now (a bridge's sysfs directory has a "bridge" subdirectory): read by
// the user, without the helper, since it is only a suggestion.
QStringList hostBridges() {
    QStringList bridges;
    const QDir net(QStringLiteral("/sys/class/net"));
    for (const QString& name : net.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        if (QDir(net.filePath(name) + QStringLiteral("/bridge")).exists())
            bridges << name;
    }
    return bridges;
}

} // namespace

NetworkPage::NetworkPage(QWidget* parent)
    : WizardPageBase(parent)
    , m_kinds(new QButtonGroup(this))
    , m_host(new QRadioButton(tr("Share the &host's network")))
    , m_network(new QComboBox)
    , m_bridge(new QComboBox)
    , m_note(note()) {
    setObjectName(QStringLiteral("networkPage"));
    setTitle(tr("Network"));
    setSubTitle(tr("How the container reaches other machines."));
    auto* none = new QRadioButton(tr("&No network (only its own loopback)"));
    none->setObjectName(QStringLiteral("noNetworkRadio"));
    m_host->setObjectName(QStringLiteral("hostNetworkRadio"));
    auto* network = new QRadioButton(tr("A Cubby &network:"));
    network->setObjectName(QStringLiteral("cubbyNetworkRadio"));
    auto* bridge = new QRadioButton(tr("A host &bridge:"));
    bridge->setObjectName(QStringLiteral("bridgeRadio"));
    m_kinds->addButton(none, int(NetworkKind::None));
    m_kinds->addButton(m_host, int(NetworkKind::Host));
    m_kinds->addButton(network, int(NetworkKind::Network));
    m_kinds->addButton(bridge, int(NetworkKind::Bridge));
    none->setChecked(true);
    m_network->setObjectName(QStringLiteral("networkCombo"));
    m_network->setAccessibleName(tr("Cubby network"));
    m_network->setEnabled(false);
    m_bridge->setObjectName(QStringLiteral("bridgeCombo"));
    m_bridge->setAccessibleName(tr("Host bridge"));
    m_bridge->setEditable(true);
    m_bridge->setEnabled(false);
    m_note->setObjectName(QStringLiteral("networkNote"));

    auto* grid = new QFormLayout;
    grid->addRow(none);
    grid->addRow(m_host);
    grid->addRow(network, m_network);
    grid->addRow(bridge, m_bridge);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(grid);
    layout->addWidget(m_note);
    layout->addStretch(1);
    layout->addWidget(m_message);

    connect(network, &QRadioButton::toggled, m_network, &QWidget::setEnabled);
    connect(bridge, &QRadioButton::toggled, m_bridge, &QWidget::setEnabled);
    connect(m_kinds, &QButtonGroup::idToggled, this, [this](int, bool on) {
        if (on) {
            updateNote();
            recheck();
        }
    });
    connect(m_network, &QComboBox::currentIndexChanged, this, [this] {
        updateNote();
        recheck();
    });
    connect(m_bridge, &QComboBox::currentTextChanged, this, &NetworkPage::recheck);
}

void NetworkPage::initializePage() {
    const bool application = containerWizard()->request().rootfs == RootfsKind::Application;
    m_host->setEnabled(application);
    if (!application && m_host->isChecked())
        m_kinds->button(int(NetworkKind::None))->setChecked(true);
    fillNetworks();
    connect(containerWizard(), &ContainerWizard::listsChanged, this, &NetworkPage::fillNetworks,
            Qt::UniqueConnection);
    const QString bridge = m_bridge->currentText();
    m_bridge->clear();
    m_bridge->addItems(hostBridges());
    m_bridge->setCurrentText(bridge);
    updateNote();
    recheck();
}

void NetworkPage::fillNetworks() {
    const QString chosen = m_network->currentData().toString();
    m_network->clear();
    for (const NetworkChoice& net : containerWizard()->networks()) {
        const QString details =
            net.subnet.isEmpty() ? net.forward : net.forward + ", " + net.subnet;
        const QString text = net.active ? tr("%1 (%2)").arg(net.name, details)
                                        : tr("%1 (%2) — not active").arg(net.name, details);
        m_network->addItem(text, net.name);
    }
    const int index = m_network->findData(chosen);
    if (index >= 0)
        m_network->setCurrentIndex(index);
}

void NetworkPage::updateNote() {
    QString text;
    switch (NetworkKind(m_kinds->checkedId())) {
    case NetworkKind::None:
        text = tr("The container gets its own network stack with only the loopback interface.");
        break;
    case NetworkKind::Host:
        text = tr("The application sees and uses the host's interfaces and addresses.");
        break;
    case NetworkKind::Network: {
        const QString name = m_network->currentData().toString();
        for (const NetworkChoice& net : containerWizard()->networks()) {
            if (net.name == name && !net.active)
                text = tr("“%1” is not active: the container cannot start until the network is "
                          "started.")
                           .arg(name);
        }
        if (text.isEmpty())
            text = tr("The container gets an address reserved for it in the network.");
        break;
    }
    case NetworkKind::Bridge:
        text = tr("The container's interface joins an existing bridge of the host, on that "
                  "bridge's network.");
        break;
    }
    m_note->setText(text);
}

void NetworkPage::apply(ContainerRequest& request) const {
    request.network = NetworkKind(m_kinds->checkedId());
    request.networkName = m_network->currentData().toString().toStdString();
    request.bridgeName = m_bridge->currentText().trimmed().toStdString();
}

QString NetworkPage::problem() const {
    ContainerWizard* wizard = containerWizard();
    return wizard ? messageOf(validateNetwork(wizard->request())) : tr("not in a wizard");
}

} // namespace cubby
