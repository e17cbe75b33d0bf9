#pragma once
// The "New Network" wizard's pages. Each writes its part of the one NetworkRequest the
// wizard builds (fill) and refuses Next with an inline message under its fields, never a
// dialog, when its part is wrong.

#include "network_request.h"

#include <QWizardPage>

class QButtonGroup;
class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
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

private:
    QLineEdit* m_name = nullptr;
    QRadioButton* m_nat = nullptr;
    QRadioButton* m_isolated = nullptr;
    QRadioButton* m_routed = nullptr;
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
