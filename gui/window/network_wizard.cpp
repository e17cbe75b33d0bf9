#include "network_wizard.h"

#include "helper_connection.h"
#include "helper_errors.h"
#include "network_wizard_pages.h"
#include "network_xml.h"

#include <QAbstractButton>
#include <QDBusPendingReply>
#include <QLabel>

namespace cubby {

NetworkWizard::NetworkWizard(HelperConnection* helper, const QList<KnownNetwork>& known,
                             QWidget* parent)
    : QWizard(parent)
    , m_helper(helper)
    , m_known(known) {
    setObjectName(QStringLiteral("networkWizard"));
    setWindowTitle(tr("New Network"));
    // The classic style draws the same on every platform and in the tests' Xvfb.
    setWizardStyle(QWizard::ClassicStyle);
    setOption(QWizard::NoBackButtonOnStartPage);
    setButtonText(QWizard::FinishButton, tr("Create"));
    m_nameKind = new NameKindPage(this);
    m_addresses = new AddressesPage(this);
    m_reach = new ReachPage(this);
    m_forwards = new PortForwardsPage(this);
    m_dnsNames = new DnsNamesPage(this);
    m_summary = new SummaryPage(this);
    addPage(m_nameKind);
    addPage(m_addresses);
    addPage(m_reach);
    addPage(m_forwards);
    addPage(m_dnsNames);
    m_summaryId = addPage(m_summary);
    resize(640, 520);
    // Where a LAN network could go, and whether that is Wi-Fi, before the person picks.
    m_helper->watch(m_helper->manager()->ListHostLans(), this,
                    [this](QDBusPendingCallWatcher& watcher) {
                        const QDBusPendingReply<QList<QVariantMap>> reply = watcher;
                        if (!reply.isError())
                            m_nameKind->showHostLans(hostLanOptionsFromReply(reply.value()));
                    });
}

int NetworkWizard::nextId() const {
    if (currentPage() == m_nameKind && m_nameKind->joinsHostLan())
        return m_summaryId;
    return QWizard::nextId();
}

NetworkRequest NetworkWizard::request() const {
    NetworkRequest request;
    m_nameKind->fill(request);
    m_addresses->fill(request);
    m_reach->fill(request);
    m_forwards->fill(request);
    m_dnsNames->fill(request);
    m_summary->fill(request);
    return request;
}

void NetworkWizard::accept() {
    if (m_busy)
        return;
    m_request = request();
    auto network = networkFromRequest(m_request);
    if (!network) {
        failed(QString::fromStdString(network.error().message));
        return;
    }
    setBusy(true);
    m_defined.clear();
    m_started = false;
    m_summary->acceptOrShow({});
    call(m_helper->manager()->DefineNetwork(QString::fromStdString(formatNetworkXml(*network))),
         tr("Could not create the network"), [this](QDBusPendingCallWatcher& watcher) {
             const QDBusPendingReply<QString, QStringList> reply = watcher;
             defined(reply.argumentAt<0>());
         });
}

void NetworkWizard::reject() {
    if (!m_busy)
        QWizard::reject();
}

void NetworkWizard::call(const QDBusPendingCall& pending, const QString& failure, Step next) {
    m_helper->watch(pending, this, [this, failure, next](QDBusPendingCallWatcher& watcher) {
        if (watcher.isError()) {
            failed(tr("%1: %2").arg(failure, helperErrorText(watcher.error())));
            return;
        }
        next(watcher);
    });
}

void NetworkWizard::defined(const QString& name) {
    m_defined = name;
    if (!needsStoredSubnet(m_request)) {
        startIfAsked();
        return;
    }
    // The helper chose the subnet: read it back, then store the forwards and the DNS hosts
    // named by host number inside it.
    call(m_helper->manager()->GetNetworkXml(name), tr("Could not read the new network back"),
         [this](QDBusPendingCallWatcher& watcher) { addForwards(watcher); });
}

void NetworkWizard::addForwards(QDBusPendingCallWatcher& watcher) {
    const QDBusPendingReply<QString> reply = watcher;
    auto stored = parseNetworkXml(reply.value().toStdString(), [] { return Uuid{}; });
    if (!stored) {
        failed(tr("The stored network does not read back: %1")
                   .arg(QString::fromStdString(stored.error().message)));
        return;
    }
    auto complete = networkWithPortForwards(std::move(*stored), m_request);
    if (!complete) {
        failed(tr("The port forwards or DNS hosts do not fit the chosen subnet: %1")
                   .arg(QString::fromStdString(complete.error().message)));
        return;
    }
    call(m_helper->manager()->DefineNetwork(QString::fromStdString(formatNetworkXml(*complete))),
         tr("Could not add the port forwards and DNS hosts"),
         [this](QDBusPendingCallWatcher&) { startIfAsked(); });
}

void NetworkWizard::startIfAsked() {
    if (!m_request.startNow) {
        autostartIfAsked();
        return;
    }
    call(m_helper->manager()->StartNetwork(m_defined), tr("Could not start the network"),
         [this](QDBusPendingCallWatcher&) {
             m_started = true;
             autostartIfAsked();
         });
}

void NetworkWizard::autostartIfAsked() {
    if (!m_request.autostart) {
        finished();
        return;
    }
    call(m_helper->manager()->SetNetworkAutostart(m_defined, true),
         tr("Could not mark the network to start at boot"),
         [this](QDBusPendingCallWatcher&) { finished(); });
}

void NetworkWizard::finished() {
    const QString name = m_defined;
    m_defined.clear();
    setBusy(false);
    emit networkCreated(name);
    QWizard::accept();
}

void NetworkWizard::failed(const QString& message) {
    setBusy(false);
    m_summary->acceptOrShow(message);
    if (m_defined.isEmpty())
        return;
    if (m_started) {
        // It runs: keep it (the panel shows it) and say what is missing.
        m_summary->acceptOrShow(
            tr("%1\nThe network “%2” was created and runs.").arg(message, m_defined));
        return;
    }
    // Half made: undo it so that going back and finishing again starts from nothing.
    const QString name = m_defined;
    m_defined.clear();
    m_helper->watch(m_helper->manager()->UndefineNetwork(name), this,
                    [this, message](QDBusPendingCallWatcher& watcher) {
                        if (watcher.isError())
                            m_summary->acceptOrShow(
                                tr("%1\nUndoing the definition failed too: %2")
                                    .arg(message, helperErrorText(watcher.error())));
                    });
}

void NetworkWizard::setBusy(bool busy) {
    m_busy = busy;
    for (const WizardButton which : {BackButton, FinishButton, CancelButton}) {
        if (QAbstractButton* b = button(which))
            b->setEnabled(!busy);
    }
    if (busy)
        m_summary->summaryLabel()->parentWidget()->setCursor(Qt::BusyCursor);
    else
        m_summary->summaryLabel()->parentWidget()->unsetCursor();
}

} // namespace cubby
