#include "network_wizard_pages.h"

#include "network_wizard.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPalette>
#include <QPushButton>
#include <QRadioButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace cubby {

namespace {

QLabel* note(const QString& text) {
    auto* label = new QLabel(text);
    label->setWordWrap(true);
    // Quieter than the option it explains, yet readable in light and dark themes alike.
    QPalette palette = label->palette();
    const QColor ink = palette.color(QPalette::WindowText);
    const QColor paper = palette.color(QPalette::Window);
    palette.setColor(QPalette::WindowText, QColor((ink.red() * 3 + paper.red()) / 4,
                                                  (ink.green() * 3 + paper.green()) / 4,
                                                  (ink.blue() * 3 + paper.blue()) / 4));
    label->setPalette(palette);
    label->setIndent(24); // under the radio button's text
    return label;
}

QString kindName(ForwardMode mode) {
    switch (mode) {
    case ForwardMode::Nat:
        return NetworkWizard::tr("NAT");
    case ForwardMode::Route:
        return NetworkWizard::tr("routed");
    case ForwardMode::Open:
        return NetworkWizard::tr("open");
    case ForwardMode::Bridge:
    case ForwardMode::Private:
    case ForwardMode::Vepa:
    case ForwardMode::Passthrough:
        return NetworkWizard::tr("on the LAN");
    case ForwardMode::None:
        break;
    }
    return NetworkWizard::tr("isolated");
}

} // namespace

NetworkWizardPage::NetworkWizardPage(NetworkWizard* wizard)
    : m_wizard(wizard) {}

void NetworkWizardPage::addErrorLine() {
    m_error = new QLabel;
    m_error->setObjectName(QStringLiteral("pageError"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // The message bar's colours, so a refusal looks the same everywhere in the app.
    m_error->setStyleSheet(QStringLiteral("QLabel { background: #f9e0e0; border: 1px solid "
                                          "#da4453; border-radius: 4px; color: #3a0c10; "
                                          "padding: 4px; }"));
    m_error->hide();
    layout()->addWidget(m_error);
}

bool NetworkWizardPage::acceptOrShow(const QString& message) {
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
    return message.isEmpty();
}

NameKindPage::NameKindPage(NetworkWizard* wizard)
    : NetworkWizardPage(wizard)
    , m_name(new QLineEdit)
    , m_nat(new QRadioButton(tr("NAT (recommended)")))
    , m_isolated(new QRadioButton(tr("Isolated")))
    , m_routed(new QRadioButton(tr("Routed"))) {
    setTitle(tr("Name and kind"));
    setSubTitle(tr("What the network is called and where its containers may go."));
    m_name->setPlaceholderText(tr("e.g. lab"));
    m_name->setAccessibleName(tr("Network name"));
    auto* kinds = new QButtonGroup(this);
    kinds->addButton(m_nat);
    kinds->addButton(m_isolated);
    kinds->addButton(m_routed);
    m_nat->setChecked(true);
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    layout->addLayout(form);
    layout->addSpacing(8);
    layout->addWidget(m_nat);
    layout->addWidget(note(tr("Works on Wi-Fi: containers reach the internet through this "
                              "computer, which hides them behind its own address.")));
    layout->addWidget(m_isolated);
    layout->addWidget(note(tr("Containers and this computer only; nothing leaves it.")));
    layout->addWidget(m_routed);
    layout->addWidget(note(tr("Containers keep their own addresses on the outside; your router "
                              "must know the way back to the subnet.")));
    layout->addStretch(1);
    addErrorLine();
    connect(m_name, &QLineEdit::textChanged, this, [this] { acceptOrShow({}); });
}

void NameKindPage::fill(NetworkRequest& request) const {
    request.name = m_name->text().trimmed();
    request.mode = m_nat->isChecked()      ? ForwardMode::Nat
                   : m_routed->isChecked() ? ForwardMode::Route
                                           : ForwardMode::None;
}

bool NameKindPage::validatePage() {
    return acceptOrShow(checkNameAndKind(m_wizard->request(), m_wizard->known()));
}

AddressesPage::AddressesPage(NetworkWizard* wizard)
    : NetworkWizardPage(wizard)
    , m_automatic(new QRadioButton(tr("Choose a free private subnet for me")))
    , m_manual(new QRadioButton(tr("Use this subnet:")))
    , m_subnet(new QLineEdit)
    , m_dhcp(new QCheckBox(tr("Hand out addresses with DHCP")))
    , m_dhcpStart(new QLineEdit)
    , m_dhcpEnd(new QLineEdit)
    , m_domain(new QLineEdit)
    , m_isolatedNote(note(tr("An isolated network gets no subnet unless you type one: then "
                             "containers need addresses of their own."))) {
    setTitle(tr("Addresses"));
    setSubTitle(tr("The containers' IPv4 subnet, and how they get their addresses."));
    auto* choice = new QButtonGroup(this);
    choice->addButton(m_automatic);
    choice->addButton(m_manual);
    m_automatic->setChecked(true);
    m_subnet->setPlaceholderText(tr("e.g. 192.168.160.0/24"));
    m_subnet->setAccessibleName(tr("Subnet"));
    m_dhcp->setChecked(true);
    m_dhcpStart->setPlaceholderText(tr("after the bridge"));
    m_dhcpStart->setAccessibleName(tr("First DHCP address"));
    m_dhcpEnd->setPlaceholderText(tr("before broadcast"));
    m_dhcpEnd->setAccessibleName(tr("Last DHCP address"));
    m_domain->setPlaceholderText(tr("optional, e.g. lab.internal"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_automatic);
    layout->addWidget(note(tr("A /24 that nothing on this computer or its networks uses. The "
                              "bridge gets its address .1; DHCP hands out .2 to .254.")));
    layout->addWidget(m_isolatedNote);
    auto* manualRow = new QHBoxLayout;
    manualRow->addWidget(m_manual);
    manualRow->addWidget(m_subnet, 1);
    layout->addLayout(manualRow);
    auto* dhcpForm = new QFormLayout;
    dhcpForm->setContentsMargins(24, 0, 0, 0);
    dhcpForm->addRow(m_dhcp);
    auto* range = new QHBoxLayout;
    range->addWidget(m_dhcpStart);
    range->addWidget(new QLabel(tr("to")));
    range->addWidget(m_dhcpEnd);
    dhcpForm->addRow(tr("Range:"), range);
    layout->addLayout(dhcpForm);
    layout->addSpacing(8);
    auto* domainForm = new QFormLayout;
    domainForm->addRow(tr("DNS &domain:"), m_domain);
    layout->addLayout(domainForm);
    layout->addStretch(1);
    addErrorLine();
    connect(m_manual, &QRadioButton::toggled, this, &AddressesPage::updateEnabled);
    connect(m_dhcp, &QCheckBox::toggled, this, &AddressesPage::updateEnabled);
    updateEnabled();
}

void AddressesPage::initializePage() {
    m_isolatedNote->setVisible(m_wizard->request().mode == ForwardMode::None);
}

void AddressesPage::updateEnabled() {
    const bool manual = m_manual->isChecked();
    m_subnet->setEnabled(manual);
    m_dhcp->setEnabled(manual);
    m_dhcpStart->setEnabled(manual && m_dhcp->isChecked());
    m_dhcpEnd->setEnabled(manual && m_dhcp->isChecked());
    acceptOrShow({});
}

void AddressesPage::fill(NetworkRequest& request) const {
    request.automaticSubnet = m_automatic->isChecked();
    request.subnet = m_subnet->text();
    request.dhcp = m_dhcp->isChecked();
    request.dhcpStart = m_dhcpStart->text();
    request.dhcpEnd = m_dhcpEnd->text();
    request.domain = m_domain->text();
}

bool AddressesPage::validatePage() {
    return acceptOrShow(checkAddresses(m_wizard->request(), m_wizard->known()));
}

ReachPage::ReachPage(NetworkWizard* wizard)
    : NetworkWizardPage(wizard)
    , m_ipv6(new QCheckBox(tr("IPv6 &too")))
    , m_ipv6Prefix(new QLineEdit)
    , m_ipv6Note(note({}))
    , m_reachHost(new QCheckBox(tr("Containers may use &services on this computer")))
    , m_reachLan(new QCheckBox(tr("Containers may reach the &local network")))
    , m_mtu(new QLineEdit) {
    setTitle(tr("IPv6 and walls"));
    setSubTitle(tr("Which protocols the containers speak, and what they may reach."));
    m_ipv6->setChecked(true);
    m_ipv6Prefix->setPlaceholderText(tr("a /64 chosen for you"));
    m_ipv6Prefix->setAccessibleName(tr("IPv6 prefix"));
    m_reachLan->setChecked(true);
    m_mtu->setPlaceholderText(tr("default"));
    m_mtu->setAccessibleName(tr("MTU"));
    auto* layout = new QVBoxLayout(this);
    auto* ipv6Row = new QHBoxLayout;
    ipv6Row->addWidget(m_ipv6);
    ipv6Row->addWidget(m_ipv6Prefix, 1);
    layout->addLayout(ipv6Row);
    layout->addWidget(m_ipv6Note);
    layout->addSpacing(8);
    layout->addWidget(m_reachHost);
    layout->addWidget(note(tr("Off, they reach only its DHCP, DNS and ping, so a container "
                              "cannot probe what listens on your computer.")));
    layout->addWidget(m_reachLan);
    layout->addWidget(note(tr("Off, they reach the internet only: not your printer, your NAS or "
                              "your router's settings page.")));
    layout->addSpacing(8);
    auto* mtuForm = new QFormLayout;
    mtuForm->addRow(tr("&MTU:"), m_mtu);
    layout->addLayout(mtuForm);
    layout->addWidget(note(tr("Leave it empty unless a VPN or your link needs smaller packets.")));
    layout->addStretch(1);
    addErrorLine();
    connect(m_ipv6, &QCheckBox::toggled, m_ipv6Prefix, &QWidget::setEnabled);
    for (QLineEdit* edit : {m_ipv6Prefix, m_mtu})
        connect(edit, &QLineEdit::textChanged, this, [this] { acceptOrShow({}); });
}

void ReachPage::initializePage() {
    const ForwardMode mode = m_wizard->request().mode;
    m_reachLan->setEnabled(mode != ForwardMode::None);
    m_ipv6Note->setText(
        mode == ForwardMode::Nat
            ? tr("Containers make IPv6 addresses of their own from this network's router "
                 "advertisements and reach the IPv6 internet through this computer; left "
                 "empty, a private /64 is chosen where this computer has IPv6.")
            : tr("Containers make IPv6 addresses of their own in the /64 you type here; "
                 "without one this network has no IPv6."));
}

void ReachPage::fill(NetworkRequest& request) const {
    request.ipv6 = m_ipv6->isChecked();
    request.ipv6Prefix = m_ipv6Prefix->text();
    request.reachHost = m_reachHost->isChecked();
    request.reachLan = m_reachLan->isChecked();
    request.mtu = m_mtu->text();
}

bool ReachPage::validatePage() {
    return acceptOrShow(checkAddresses(m_wizard->request(), m_wizard->known()));
}

PortForwardsPage::PortForwardsPage(NetworkWizard* wizard)
    : NetworkWizardPage(wizard)
    , m_table(new QTableWidget(0, 4))
    , m_add(new QPushButton(tr("&Add")))
    , m_remove(new QPushButton(tr("&Remove")))
    , m_hint(new QLabel) {
    setTitle(tr("Port forwards"));
    setSubTitle(tr("Optional: ports of this computer that lead to a container."));
    m_table->setAccessibleName(tr("Port forwards"));
    m_table->setHorizontalHeaderLabels(
        {tr("Protocol"), tr("Host port"), tr("Container address"), tr("Container port")});
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_hint->setWordWrap(true);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_hint);
    addErrorLine();
    connect(m_add, &QPushButton::clicked, this, [this] { addRow(); });
    connect(m_remove, &QPushButton::clicked, this, [this] {
        m_table->removeRow(m_table->currentRow());
        acceptOrShow({});
    });
}

void PortForwardsPage::initializePage() {
    const NetworkRequest request = m_wizard->request();
    const bool nat = request.mode == ForwardMode::Nat;
    m_table->setEnabled(nat);
    m_add->setEnabled(nat);
    m_remove->setEnabled(nat);
    if (!nat)
        m_hint->setText(tr("Only NAT networks forward ports: leave this empty."));
    else if (request.automaticSubnet)
        m_hint->setText(tr("The subnet is chosen when the network is created, so give the "
                           "container's host number, e.g. .10 for the tenth address."));
    else
        m_hint->setText(tr("Give the container's address in %1, or its host number (.10).")
                            .arg(request.subnet.trimmed()));
}

void PortForwardsPage::addRow(const PortForwardRequest& forward) {
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    auto* protocol = new QComboBox;
    protocol->addItems({QStringLiteral("tcp"), QStringLiteral("udp")});
    protocol->setCurrentText(forward.protocol);
    m_table->setCellWidget(row, Protocol, protocol);
    m_table->setItem(row, HostPort, new QTableWidgetItem(forward.hostPort));
    m_table->setItem(row, Address, new QTableWidgetItem(forward.address));
    m_table->setItem(row, Port, new QTableWidgetItem(forward.port));
    m_table->setCurrentCell(row, HostPort);
}

void PortForwardsPage::fill(NetworkRequest& request) const {
    request.portForwards.clear();
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const auto text = [&](int column) {
            const QTableWidgetItem* item = m_table->item(row, column);
            return item ? item->text().trimmed() : QString();
        };
        PortForwardRequest forward;
        if (const auto* protocol = qobject_cast<QComboBox*>(m_table->cellWidget(row, Protocol)))
            forward.protocol = protocol->currentText();
        forward.hostPort = text(HostPort);
        forward.address = text(Address);
        forward.port = text(Port);
        request.portForwards.append(forward);
    }
}

bool PortForwardsPage::validatePage() {
    return acceptOrShow(checkPortForwards(m_wizard->request()));
}

SummaryPage::SummaryPage(NetworkWizard* wizard)
    : NetworkWizardPage(wizard)
    , m_summary(new QLabel)
    , m_startNow(new QCheckBox(tr("&Start it now")))
    , m_autostart(new QCheckBox(tr("Start at &boot"))) {
    setTitle(tr("Summary"));
    setSubTitle(tr("Create the network with these settings?"));
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setWordWrap(true);
    m_startNow->setChecked(true);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addSpacing(8);
    layout->addWidget(m_startNow);
    layout->addWidget(m_autostart);
    layout->addStretch(1);
    addErrorLine();
}

void SummaryPage::fill(NetworkRequest& request) const {
    request.startNow = m_startNow->isChecked();
    request.autostart = m_autostart->isChecked();
}

void SummaryPage::initializePage() {
    const NetworkRequest request = m_wizard->request();
    QString rows;
    const auto row = [&rows](const QString& label, const QString& value) {
        rows += QStringLiteral("<tr><td style='padding-right:12px'><b>%1</b></td><td>%2</td></tr>")
                    .arg(label, value.toHtmlEscaped());
    };
    row(tr("Name"), request.name);
    row(tr("Kind"), kindName(request.mode));
    row(tr("Subnet"), request.automaticSubnet ? tr("a free private /24, chosen for you")
                                              : request.subnet.trimmed());
    if (!request.automaticSubnet)
        row(tr("DHCP"), request.dhcp ? tr("on") : tr("off"));
    row(tr("DNS domain"), request.domain.trimmed().isEmpty() ? tr("none") : request.domain);
    const QString prefix = request.ipv6Prefix.trimmed();
    row(tr("IPv6"), !request.ipv6       ? tr("off")
                    : !prefix.isEmpty() ? prefix
                    : request.mode == ForwardMode::Nat
                        ? tr("a private /64, where this computer has IPv6")
                        : tr("off"));
    row(tr("This computer's services"),
        request.reachHost ? tr("reachable") : tr("only DHCP, DNS and ping"));
    if (request.mode != ForwardMode::None)
        row(tr("Local network"),
            request.reachLan ? tr("reachable") : tr("walled off: internet only"));
    if (!request.mtu.trimmed().isEmpty())
        row(tr("MTU"), request.mtu.trimmed());
    QStringList forwards;
    for (const PortForwardRequest& forward : request.portForwards)
        forwards << tr("port %1/%2 → container %3, port %4")
                        .arg(forward.hostPort, forward.protocol, forward.address, forward.port);
    row(tr("Port forwards"), forwards.isEmpty() ? tr("none") : forwards.join(QStringLiteral(", ")));
    m_summary->setText(QStringLiteral("<table>%1</table>").arg(rows));
    acceptOrShow({});
}

} // namespace cubby
