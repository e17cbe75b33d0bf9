#include "container_wizard.h"

#include "container_creation.h"
#include "container_list_model.h"
#include "helper_connection.h"

#include <QDBusPendingReply>
#include <QLabel>

namespace cubby {

ContainerWizard::ContainerWizard(HelperConnection* helper, const ContainerListModel* containers,
                                 QWidget* parent)
    : QWizard(parent)
    , m_helper(helper)
    , m_containers(containers)
    , m_creation(new ContainerCreation(helper, this)) {
    setObjectName(QStringLiteral("containerWizard"));
    setWindowTitle(tr("New Container"));
    setWizardStyle(QWizard::ClassicStyle);
    setOption(QWizard::NoBackButtonOnStartPage);
    setOption(QWizard::HaveHelpButton, false);
    setButtonText(QWizard::FinishButton, tr("&Create"));
    setPage(NamePageId, new NamePage);
    setPage(RootfsPageId, new RootfsPage);
    setPage(NetworkPageId, new NetworkPage);
    setPage(CreatePageId, new CreatePage);
    // Before the last page hears of it: the window learns the name, then the wizard closes.
    connect(m_creation, &ContainerCreation::succeeded, this, &ContainerWizard::created);
    resize(640, 520);
    fetchLists();
}

ContainerWizard::~ContainerWizard() = default;

ContainerRequest ContainerWizard::request() const {
    ContainerRequest request;
    for (const int id : pageIds()) {
        if (const auto* page = qobject_cast<const WizardPageBase*>(this->page(id)))
            page->apply(request);
    }
    return request;
}

QStringList ContainerWizard::existingContainers() const {
    QStringList names = m_containers ? m_containers->names() : QStringList();
    // A name this wizard defined itself (then the start failed) may be defined again.
    if (m_creation && !m_creation->definedName().isEmpty())
        names.removeAll(m_creation->definedName());
    return names;
}

void ContainerWizard::done(int result) {
    // QWizard::done() asks the last page first: Create only starts the work, and the wizard
    // stays open until that page says the container exists.
    if (result != QDialog::Rejected && !validateCurrentPage())
        return;
    // Closed while working: the job is cancelled and whatever the wizard made but did not use
    // goes away; the creation object lives on until the helper has been told.
    if (m_creation) {
        std::exchange(m_creation, nullptr)->abandon();
    }
    QWizard::done(result);
}

void ContainerWizard::fetchLists() {
    m_helper->watch(m_helper->manager()->ListNetworks(), this, [this](QDBusPendingCallWatcher& w) {
        const QDBusPendingReply<QList<QVariantMap>> reply = w;
        if (reply.isError())
            return;
        m_networks.clear();
        for (const QVariantMap& entry : reply.value()) {
            m_networks.append({entry.value(QStringLiteral("name")).toString(),
                               entry.value(QStringLiteral("forward")).toString(),
                               entry.value(QStringLiteral("subnet")).toString(),
                               entry.value(QStringLiteral("active")).toBool()});
        }
        emit listsChanged();
    });
    m_helper->watch(m_helper->manager()->ListRootfs(), this, [this](QDBusPendingCallWatcher& w) {
        const QDBusPendingReply<QList<QVariantMap>> reply = w;
        if (reply.isError())
            return;
        m_rootfsPaths.clear();
        for (const QVariantMap& entry : reply.value())
            m_rootfsPaths.insert(entry.value(QStringLiteral("name")).toString(),
                                 entry.value(QStringLiteral("path")).toString());
        emit listsChanged();
    });
}

WizardPageBase::WizardPageBase(QWidget* parent)
    : QWizardPage(parent)
    , m_message(new QLabel) {
    m_message->setObjectName(QStringLiteral("pageMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Inline, never a popup: the page says what keeps Next disabled.
    m_message->setStyleSheet(QStringLiteral("QLabel { color: #b3261e; }"));
    m_message->hide();
}

bool WizardPageBase::isComplete() const {
    return problem().isEmpty();
}

ContainerWizard* WizardPageBase::containerWizard() const {
    return qobject_cast<ContainerWizard*>(wizard());
}

void WizardPageBase::recheck() {
    if (!wizard())
        return; // still being built: the wizard's request does not exist yet
    const QString text = problem();
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
    // Only the page shown drives the buttons: QWizard re-enables Back on every completeChanged,
    // and a list arriving for another page must not do so while the last page is working.
    if (wizard()->currentPage() == this)
        emit completeChanged();
}

} // namespace cubby
