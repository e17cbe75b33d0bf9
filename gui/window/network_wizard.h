#pragma once
// "New Network": name and kind, addresses, IPv6 and walls, port forwards, DNS names, summary.
// A network on the host's LAN goes from the first page straight to the summary: the LAN's
// router gives its containers addresses, names and routes.
// The pages build one NetworkRequest; Finish stores it with DefineNetwork (twice when port
// forwards or DNS hosts wait for the subnet the helper chooses), then StartNetwork and
// SetNetworkAutostart as asked, all asynchronously. A failure is shown on the summary page and
// the wizard stays open so the person can go back and fix it; a network half made by a failed
// Finish is undefined again. Show it with open() or show(), never exec().

#include "network_request.h"

#include <QWizard>
#include <functional>

class QDBusPendingCall;
class QDBusPendingCallWatcher;

namespace cubby {

class AddressesPage;
class DnsNamesPage;
class HelperConnection;
class NameKindPage;
class PortForwardsPage;
class ReachPage;
class SummaryPage;

class NetworkWizard : public QWizard {
    Q_OBJECT
public:
    // `known`: the networks defined now (names and subnets the new one must not reuse).
    NetworkWizard(HelperConnection* helper, const QList<KnownNetwork>& known,
                  QWidget* parent = nullptr);

    NetworkRequest request() const;
    const QList<KnownNetwork>& known() const { return m_known; }
    bool isBusy() const { return m_busy; }

    NameKindPage* nameKindPage() const { return m_nameKind; }
    AddressesPage* addressesPage() const { return m_addresses; }
    ReachPage* reachPage() const { return m_reach; }
    PortForwardsPage* portForwardsPage() const { return m_forwards; }
    DnsNamesPage* dnsNamesPage() const { return m_dnsNames; }
    SummaryPage* summaryPage() const { return m_summary; }
    int nextId() const override;

public slots:
    void accept() override;
    // Ignored while Finish runs: closing then would leave a half-made network behind.
    void reject() override;

signals:
    // The network exists (and runs, if asked); the wizard closes after this.
    void networkCreated(const QString& name);

private:
    using Step = std::function<void(QDBusPendingCallWatcher&)>;
    void call(const QDBusPendingCall& pending, const QString& failure, Step next);
    void defined(const QString& name);
    void addForwards(QDBusPendingCallWatcher& reply);
    void startIfAsked();
    void autostartIfAsked();
    void finished();
    // Shows `message` on the summary page; undoes the definition unless it is running.
    void failed(const QString& message);
    void setBusy(bool busy);

    HelperConnection* m_helper;
    QList<KnownNetwork> m_known;
    NameKindPage* m_nameKind = nullptr;
    AddressesPage* m_addresses = nullptr;
    ReachPage* m_reach = nullptr;
    PortForwardsPage* m_forwards = nullptr;
    DnsNamesPage* m_dnsNames = nullptr;
    SummaryPage* m_summary = nullptr;
    int m_summaryId = -1;
    NetworkRequest m_request; // what Finish is storing
    QString m_defined;        // the name DefineNetwork stored, while Finish runs
    bool m_started = false;
    bool m_busy = false;
};

} // namespace cubby
