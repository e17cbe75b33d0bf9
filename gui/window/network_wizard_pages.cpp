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
#include <QSignalBlocker>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>

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

// A page of rows: the table (or tabs of tables) above its Add and Remove buttons and a hint.
void layOutTablePage(QWidget* page, QWidget* rows, QPushButton* add, QPushButton* remove,
                     QLabel* hint) {
    hint->setWordWrap(true);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch(1);
    auto* layout = new QVBoxLayout(page);
    layout->addWidget(rows, 1);
    layout->addLayout(buttons);
    layout->addWidget(hint);
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
    , m_routed(new QRadioButton(tr("Routed")))
    , m_lan(new QRadioButton(tr("On the local network")))
    , m_lanLink(new QComboBox)
    , m_lanNote(note(tr("Looking for this computer's network cards…")))
    , m_lanWarning(note({})) {
    setTitle(tr("Name and kind"));
    setSubTitle(tr("What the network is called and where its containers may go."));
    m_name->setPlaceholderText(tr("e.g. lab"));
    m_name->setAccessibleName(tr("Network name"));
    auto* kinds = new QButtonGroup(this);
    kinds->addButton(m_nat);
    kinds->addButton(m_isolated);
    kinds->addButton(m_routed);
    kinds->addButton(m_lan);
    m_nat->setChecked(true);
    m_lan->setEnabled(false); // until the helper says where it could go
    m_lanLink->setAccessibleName(tr("Bridge or network card"));
    m_lanLink->setEnabled(false);
    // Said before the person goes on, not refused: the choice may still be right for them.
    m_lanWarning->setStyleSheet(QStringLiteral("QLabel { background: #fdf3d8; border: 1px solid "
                                               "#e0a800; border-radius: 4px; color: #3a2c00; "
                                               "padding: 4px; }"));
    m_lanWarning->setIndent(0);
    m_lanWarning->hide();
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
    layout->addWidget(m_lan);
    layout->addWidget(m_lanNote);
    auto* lanRow = new QHBoxLayout;
    lanRow->setContentsMargins(24, 0, 0, 0);
    lanRow->addWidget(m_lanLink, 1);
    layout->addLayout(lanRow);
    layout->addWidget(m_lanWarning);
    layout->addStretch(1);
    addErrorLine();
    connect(m_name, &QLineEdit::textChanged, this, [this] { acceptOrShow({}); });
    connect(m_lan, &QRadioButton::toggled, this, &NameKindPage::updateLan);
    connect(m_lanLink, &QComboBox::currentIndexChanged, this, &NameKindPage::updateLan);
    updateLan();
}

bool NameKindPage::joinsHostLan() const {
    return m_lan->isChecked();
}

void NameKindPage::showHostLans(const QList<HostLanOption>& options) {
    m_lanOptions = options;
    const QSignalBlocker blocker(m_lanLink);
    m_lanLink->clear();
    for (const HostLanOption& option : options)
        m_lanLink->addItem(hostLanOptionLabel(option));
    // A wired link first where there is one: Wi-Fi is what rarely works.
    const auto wired =
        std::ranges::find_if(options, [](const HostLanOption& option) { return !option.wireless; });
    m_lanLink->setCurrentIndex(wired == options.end() ? 0 : int(wired - options.begin()));
    m_lanNote->setText(hostLanAdvice(options));
    m_lan->setEnabled(!options.isEmpty());
    updateLan();
}

void NameKindPage::updateLan() {
    m_lanLink->setEnabled(m_lan->isChecked());
    const int chosen = m_lanLink->currentIndex();
    const QString warning = m_lan->isChecked() && chosen >= 0 && chosen < m_lanOptions.size()
                                ? hostLanWarning(m_lanOptions[chosen])
                                : QString();
    m_lanWarning->setText(warning);
    m_lanWarning->setVisible(!warning.isEmpty());
    acceptOrShow({});
}

void NameKindPage::fill(NetworkRequest& request) const {
    request.name = m_name->text().trimmed();
    request.mode = m_nat->isChecked()      ? ForwardMode::Nat
                   : m_routed->isChecked() ? ForwardMode::Route
                   : m_lan->isChecked()    ? ForwardMode::Bridge
                                           : ForwardMode::None;
    const int chosen = m_lanLink->currentIndex();
    if (request.mode == ForwardMode::Bridge && chosen >= 0 && chosen < m_lanOptions.size()) {
        request.lanLink = m_lanOptions[chosen].name;
        request.lanLinkIsBridge = m_lanOptions[chosen].bridge;
    }
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
    layOutTablePage(this, m_table, m_add, m_remove, m_hint);
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

DnsNamesPage::DnsNamesPage(NetworkWizard* wizard)
    : NetworkWizardPage(wizard)
    , m_tabs(new QTabWidget)
    , m_add(new QPushButton(tr("&Add")))
    , m_remove(new QPushButton(tr("&Remove")))
    , m_hint(new QLabel) {
    setTitle(tr("DNS names"));
    setSubTitle(tr("Optional: names this network's DNS server answers, and where it asks for "
                   "other domains."));
    m_tabs->setAccessibleName(tr("DNS names"));
    addTab(DnsRecordKind::Host,
           tr("A name that answers with an address: a container's with a fixed address (.10 is "
              "the tenth of the subnet) or a machine's elsewhere."),
           {tr("Name"), tr("Address")});
    addTab(DnsRecordKind::Srv,
           tr("Tells programs that look a service up (LDAP, XMPP, SIP…) which host and port "
              "offer it."),
           {tr("Service"), tr("Protocol"), tr("Host"), tr("Port")});
    addTab(DnsRecordKind::Txt,
           tr("A short text that a name answers with, e.g. a token that proves a domain is "
              "yours."),
           {tr("Name"), tr("Text")});
    addTab(DnsRecordKind::Forwarder,
           tr("Names in a domain are asked of its own server (your company's, over a VPN), or "
              "answered from this network's names only and never sent out."),
           {tr("Domain"), tr("Answered by"), tr("Server address")});
    layOutTablePage(this, m_tabs, m_add, m_remove, m_hint);
    addErrorLine();
    connect(m_add, &QPushButton::clicked, this, [this] {
        switch (static_cast<DnsRecordKind>(m_tabs->currentIndex())) {
        case DnsRecordKind::Host:
            addHost();
            break;
        case DnsRecordKind::Srv:
            addSrv();
            break;
        case DnsRecordKind::Txt:
            addTxt();
            break;
        case DnsRecordKind::Forwarder:
            addForwarder();
            break;
        }
    });
    connect(m_remove, &QPushButton::clicked, this, [this] {
        QTableWidget* shown = m_tables[static_cast<size_t>(m_tabs->currentIndex())];
        shown->removeRow(shown->currentRow());
        acceptOrShow({});
    });
}

QTableWidget* DnsNamesPage::addTab(DnsRecordKind kind, const QString& explanation,
                                   const QStringList& headers) {
    auto* table = new QTableWidget(0, static_cast<int>(headers.size()));
    table->setAccessibleName(dnsRecordKindName(kind));
    table->setHorizontalHeaderLabels(headers);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    table->verticalHeader()->hide();
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    connect(table, &QTableWidget::itemChanged, this, [this] { acceptOrShow({}); });
    auto* tab = new QWidget;
    auto* layout = new QVBoxLayout(tab);
    QLabel* why = note(explanation);
    why->setIndent(0);
    layout->addWidget(why);
    layout->addWidget(table, 1);
    m_tabs->addTab(tab, dnsRecordKindName(kind));
    m_tables[static_cast<size_t>(kind)] = table;
    return table;
}

int DnsNamesPage::appendRow(DnsRecordKind kind, const QList<std::pair<int, QString>>& texts) {
    QTableWidget* table = m_tables[static_cast<size_t>(kind)];
    const QSignalBlocker quiet(table); // a new row is no edit
    const int row = table->rowCount();
    table->insertRow(row);
    for (const auto& [column, text] : texts)
        table->setItem(row, column, new QTableWidgetItem(text));
    m_tabs->setCurrentIndex(static_cast<int>(kind));
    table->setCurrentCell(row, 0);
    acceptOrShow({});
    return row;
}

void DnsNamesPage::addHost(const DnsHostRequest& host) {
    appendRow(DnsRecordKind::Host, {{HostName, host.name}, {HostAddress, host.address}});
}

void DnsNamesPage::addSrv(const DnsSrvRequest& srv) {
    const int row =
        appendRow(DnsRecordKind::Srv,
                  {{SrvService, srv.service}, {SrvTarget, srv.target}, {SrvPort, srv.port}});
    auto* protocol = new QComboBox;
    protocol->addItems({QStringLiteral("tcp"), QStringLiteral("udp")});
    protocol->setCurrentText(srv.protocol);
    table(DnsRecordKind::Srv)->setCellWidget(row, SrvProtocol, protocol);
}

void DnsNamesPage::addTxt(const DnsTxtRequest& txt) {
    appendRow(DnsRecordKind::Txt, {{TxtName, txt.name}, {TxtValue, txt.value}});
}

void DnsNamesPage::addForwarder(const DnsForwarderRequest& forwarder) {
    const int row = appendRow(DnsRecordKind::Forwarder, {{ForwarderDomain, forwarder.domain},
                                                         {ForwarderServer, forwarder.server}});
    auto* answer = new QComboBox;
    answer->addItems({tr("a DNS server"), tr("this network only")});
    answer->setCurrentIndex(forwarder.localOnly ? 1 : 0);
    table(DnsRecordKind::Forwarder)->setCellWidget(row, ForwarderAnswer, answer);
    setServerEnabled(row, !forwarder.localOnly);
    connect(answer, &QComboBox::currentIndexChanged, this, [this, answer](int index) {
        // Rows move when others are removed: find this one's.
        QTableWidget* forwarders = table(DnsRecordKind::Forwarder);
        for (int r = 0; r < forwarders->rowCount(); ++r) {
            if (forwarders->cellWidget(r, ForwarderAnswer) == answer)
                setServerEnabled(r, index == 0);
        }
        acceptOrShow({});
    });
}

// "This network only" needs no server: its cell is greyed and left out.
void DnsNamesPage::setServerEnabled(int row, bool enabled) {
    QTableWidgetItem* server = table(DnsRecordKind::Forwarder)->item(row, ForwarderServer);
    const QSignalBlocker quiet(table(DnsRecordKind::Forwarder));
    const Qt::ItemFlags flags = Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemIsEditable;
    server->setFlags(enabled ? flags : Qt::ItemIsSelectable);
}

void DnsNamesPage::initializePage() {
    const NetworkRequest request = m_wizard->request();
    const bool served = hasDnsServer(request);
    m_tabs->setEnabled(served);
    m_add->setEnabled(served);
    m_remove->setEnabled(served);
    const QString domain = request.domain.trimmed();
    if (!served)
        m_hint->setText(tr("This isolated network has no subnet, so no DNS server answers for "
                           "it: leave this empty, or type a subnet on the Addresses page."));
    else if (!domain.isEmpty())
        m_hint->setText(tr("A host name without a dot answers as name.%1 too.").arg(domain));
    else
        m_hint->clear();
    m_hint->setVisible(!m_hint->text().isEmpty());
}

void DnsNamesPage::fill(NetworkRequest& request) const {
    const auto text = [](const QTableWidget* table, int row, int column) {
        const QTableWidgetItem* item = table->item(row, column);
        return item ? item->text().trimmed() : QString();
    };
    const auto choice = [](const QTableWidget* table, int row, int column) {
        const auto* combo = qobject_cast<const QComboBox*>(table->cellWidget(row, column));
        return combo ? combo->currentIndex() : 0;
    };
    request.dnsHosts.clear();
    const QTableWidget* hosts = table(DnsRecordKind::Host);
    for (int row = 0; row < hosts->rowCount(); ++row)
        request.dnsHosts.append({text(hosts, row, HostName), text(hosts, row, HostAddress)});
    request.dnsSrvs.clear();
    const QTableWidget* srvs = table(DnsRecordKind::Srv);
    for (int row = 0; row < srvs->rowCount(); ++row)
        request.dnsSrvs.append(
            {text(srvs, row, SrvService),
             choice(srvs, row, SrvProtocol) == 1 ? QStringLiteral("udp") : QStringLiteral("tcp"),
             text(srvs, row, SrvTarget), text(srvs, row, SrvPort)});
    request.dnsTxts.clear();
    const QTableWidget* txts = table(DnsRecordKind::Txt);
    for (int row = 0; row < txts->rowCount(); ++row) {
        // The text as typed: its spaces may matter.
        const QTableWidgetItem* value = txts->item(row, TxtValue);
        request.dnsTxts.append({text(txts, row, TxtName), value ? value->text() : QString()});
    }
    request.dnsForwarders.clear();
    const QTableWidget* forwarders = table(DnsRecordKind::Forwarder);
    for (int row = 0; row < forwarders->rowCount(); ++row)
        request.dnsForwarders.append({text(forwarders, row, ForwarderDomain),
                                      choice(forwarders, row, ForwarderAnswer) == 1,
                                      text(forwarders, row, ForwarderServer)});
}

bool DnsNamesPage::validatePage() {
    const DnsNamesProblem problem = findDnsNamesProblem(m_wizard->request());
    if (!problem.message.isEmpty()) {
        m_tabs->setCurrentIndex(static_cast<int>(problem.kind));
        if (problem.row >= 0)
            table(problem.kind)->setCurrentCell(problem.row, 0);
    }
    return acceptOrShow(problem.message);
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
    if (request.mode == ForwardMode::Bridge) {
        row(tr("Containers join"), request.lanLinkIsBridge
                                       ? tr("this computer's bridge %1").arg(request.lanLink)
                                       : tr("macvlans on %1").arg(request.lanLink));
        row(tr("Addresses"), tr("from your network's router"));
        row(tr("Starting containers"), tr("needs an administrator"));
        m_summary->setText(QStringLiteral("<table>%1</table>").arg(rows));
        acceptOrShow({});
        return;
    }
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
    // Each kind of DNS name on a line of its own; a long list ends in how many there are.
    const auto names = [&row](DnsRecordKind kind, const QStringList& entries) {
        if (entries.isEmpty())
            return;
        constexpr qsizetype shown = 3;
        const QString comma = QStringLiteral(", ");
        QString value = entries.join(comma);
        if (entries.size() > shown + 1)
            value = tr("%1, … (%2 in all)")
                        .arg(entries.first(shown).join(comma), QString::number(entries.size()));
        row(dnsRecordKindName(kind), value);
    };
    QStringList hosts, srvs, txts, forwarders;
    for (const DnsHostRequest& host : request.dnsHosts)
        hosts << tr("%1 → %2").arg(host.name, host.address);
    for (const DnsSrvRequest& srv : request.dnsSrvs)
        srvs << tr("%1/%2 on %3, port %4").arg(srv.service, srv.protocol, srv.target, srv.port);
    for (const DnsTxtRequest& txt : request.dnsTxts)
        txts << tr("%1: “%2”").arg(txt.name, txt.value);
    for (const DnsForwarderRequest& forwarder : request.dnsForwarders)
        forwarders << (forwarder.localOnly
                           ? tr("%1 answered here only").arg(forwarder.domain)
                           : tr("%1 asked of %2").arg(forwarder.domain, forwarder.server));
    if (!hasDnsNames(request))
        row(tr("DNS names"), tr("none"));
    names(DnsRecordKind::Host, hosts);
    names(DnsRecordKind::Srv, srvs);
    names(DnsRecordKind::Txt, txts);
    names(DnsRecordKind::Forwarder, forwarders);
    m_summary->setText(QStringLiteral("<table>%1</table>").arg(rows));
    acceptOrShow({});
}

} // namespace cubby
