#pragma once
// The "New Network" wizard's pages. Each writes its part of the one NetworkRequest the
// wizard builds (fill) and refuses Next with an inline message under its fields, never a
// dialog, when its part is wrong.

#include "network_request.h"

#include <QWizardPage>
#include <array>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QTabWidget;
class QTableWidget;

namespace cubby {

class NetworkWizard;

class NetworkWizardPage : public QWizardPage {
    Q_OBJECT
public:
    explicit NetworkWizardPage(NetworkWizard* wizard);
    virtual void fill(NetworkRequest& request) const = 0;
    QLabel* errorLabel() const { return m_error; }
    // Shows `message` under the page's fields; false (refuse) when there is one.
    bool acceptOrShow(const QString& message);

protected:
    // Adds the error line below everything the page laid out.
    void addErrorLine();
    NetworkWizard* m_wizard;

private:
    QLabel* m_error = nullptr;
};

class NameKindPage : public NetworkWizardPage {
    Q_OBJECT
public:
    explicit NameKindPage(NetworkWizard* wizard);
    void fill(NetworkRequest& request) const override;
    bool validatePage() override;
    QLineEdit* nameEdit() const { return m_name; }
    QRadioButton* natButton() const { return m_nat; }
    QRadioButton* isolatedButton() const { return m_isolated; }
    QRadioButton* routedButton() const { return m_routed; }
    QRadioButton* lanButton() const { return m_lan; }
    QComboBox* lanLinkBox() const { return m_lanLink; }
    QLabel* lanNote() const { return m_lanNote; }
    QLabel* lanWarning() const { return m_lanWarning; }
    bool joinsHostLan() const;
    // The helper's ListHostLans: fills the list and says what this computer's uplink is.
    void showHostLans(const QList<HostLanOption>& options);

private:
    void updateLan();
    QLineEdit* m_name = nullptr;
    QRadioButton* m_nat = nullptr;
    QRadioButton* m_isolated = nullptr;
    QRadioButton* m_routed = nullptr;
    QRadioButton* m_lan = nullptr;
    QComboBox* m_lanLink = nullptr;
    QLabel* m_lanNote = nullptr;
    QLabel* m_lanWarning = nullptr;
    QList<HostLanOption> m_lanOptions;
};

class AddressesPage : public NetworkWizardPage {
    Q_OBJECT
public:
    explicit AddressesPage(NetworkWizard* wizard);
    void fill(NetworkRequest& request) const override;
    bool validatePage() override;
    void initializePage() override;
    QRadioButton* automaticButton() const { return m_automatic; }
    QRadioButton* manualButton() const { return m_manual; }
    QLineEdit* subnetEdit() const { return m_subnet; }
    QLineEdit* domainEdit() const { return m_domain; }

private:
    void updateEnabled();
    QRadioButton* m_automatic = nullptr;
    QRadioButton* m_manual = nullptr;
    QLineEdit* m_subnet = nullptr;
    QCheckBox* m_dhcp = nullptr;
    QLineEdit* m_dhcpStart = nullptr;
    QLineEdit* m_dhcpEnd = nullptr;
    QLineEdit* m_domain = nullptr;
    QLabel* m_isolatedNote = nullptr;
};

// IPv6, the walls and the MTU: what the containers reach, and how.
class ReachPage : public NetworkWizardPage {
    Q_OBJECT
public:
    explicit ReachPage(NetworkWizard* wizard);
    void fill(NetworkRequest& request) const override;
    bool validatePage() override;
    void initializePage() override;
    QCheckBox* ipv6Box() const { return m_ipv6; }
    QLineEdit* ipv6PrefixEdit() const { return m_ipv6Prefix; }
    QCheckBox* reachHostBox() const { return m_reachHost; }
    QCheckBox* reachLanBox() const { return m_reachLan; }
    QLineEdit* mtuEdit() const { return m_mtu; }

private:
    QCheckBox* m_ipv6 = nullptr;
    QLineEdit* m_ipv6Prefix = nullptr;
    QLabel* m_ipv6Note = nullptr;
    QCheckBox* m_reachHost = nullptr;
    QCheckBox* m_reachLan = nullptr;
    QLineEdit* m_mtu = nullptr;
};

class PortForwardsPage : public NetworkWizardPage {
    Q_OBJECT
public:
    enum Column { Protocol, HostPort, Address, Port };
    explicit PortForwardsPage(NetworkWizard* wizard);
    void fill(NetworkRequest& request) const override;
    bool validatePage() override;
    void initializePage() override;
    QTableWidget* table() const { return m_table; }
    // Appends a row (the Add button's work, also for tests).
    void addRow(const PortForwardRequest& forward = {});

private:
    QTableWidget* m_table = nullptr;
    QPushButton* m_add = nullptr;
    QPushButton* m_remove = nullptr;
    QLabel* m_hint = nullptr;
};

// Optional DNS records and per-domain forwarders: a tab of each kind, each a table, with one
// Add and Remove pair for the tab shown.
class DnsNamesPage : public NetworkWizardPage {
    Q_OBJECT
public:
    enum HostColumn { HostName, HostAddress };
    enum SrvColumn { SrvService, SrvProtocol, SrvTarget, SrvPort };
    enum TxtColumn { TxtName, TxtValue };
    enum ForwarderColumn { ForwarderDomain, ForwarderAnswer, ForwarderServer };
    explicit DnsNamesPage(NetworkWizard* wizard);
    void fill(NetworkRequest& request) const override;
    bool validatePage() override;
    void initializePage() override;
    QTabWidget* tabs() const { return m_tabs; }
    QTableWidget* table(DnsRecordKind kind) const { return m_tables[static_cast<size_t>(kind)]; }
    // Append a row to a tab's table and show that tab (the Add button's work, also for tests).
    void addHost(const DnsHostRequest& host = {});
    void addSrv(const DnsSrvRequest& srv = {});
    void addTxt(const DnsTxtRequest& txt = {});
    void addForwarder(const DnsForwarderRequest& forwarder = {});

private:
    QTableWidget* addTab(DnsRecordKind kind, const QString& explanation,
                         const QStringList& headers);
    // A new row with `texts` in the plain cells of `kind`'s table; returns its number.
    int appendRow(DnsRecordKind kind, const QList<std::pair<int, QString>>& texts);
    void setServerEnabled(int row, bool enabled);
    QTabWidget* m_tabs = nullptr;
    std::array<QTableWidget*, 4> m_tables{};
    QPushButton* m_add = nullptr;
    QPushButton* m_remove = nullptr;
    QLabel* m_hint = nullptr;
};

class SummaryPage : public NetworkWizardPage {
    Q_OBJECT
public:
    explicit SummaryPage(NetworkWizard* wizard);
    void fill(NetworkRequest& request) const override;
    void initializePage() override;
    QCheckBox* startNowBox() const { return m_startNow; }
    QCheckBox* autostartBox() const { return m_autostart; }
    QLabel* summaryLabel() const { return m_summary; }

private:
    QLabel* m_summary = nullptr;
    QCheckBox* m_startNow = nullptr;
    QCheckBox* m_autostart = nullptr;
};

} // namespace cubby
