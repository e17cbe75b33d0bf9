// The New Container wizard's last page: what will happen, then the making of it with the root
// filesystem job's progress, a Cancel for the job, and the helper's message when a step fails
// (the wizard stays open so the user can go Back and fix it).
#include "container_creation.h"
#include "container_wizard.h"

#include <QAbstractButton>
#include <QCoreApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace cubby {

// The summary's strings have a context of their own (QObject's is shared with libraries such
// as QTermWidget, whose strings are theirs to translate).
class ContainerSummary {
    Q_DECLARE_TR_FUNCTIONS(cubby::ContainerSummary)
};

namespace {

QString rootfsText(const ContainerRequest& request) {
    const QString name = QString::fromStdString(request.name).toHtmlEscaped();
    switch (request.rootfs) {
    case RootfsKind::Busybox:
        return ContainerSummary::tr("a new minimal BusyBox system, “%1”").arg(name);
    case RootfsKind::Debian: {
        QString text = (request.debianMinimal
                            ? ContainerSummary::tr("a new minimal Debian %1 system, “%2”")
                            : ContainerSummary::tr("a new Debian %1 system booting systemd, “%2”"))
                           .arg(QString::fromStdString(request.debianSuite), name);
        if (!request.debianPackages.empty()) {
            QStringList packages;
            for (const auto& package : request.debianPackages)
                packages << QString::fromStdString(package);
            text += ContainerSummary::tr(", with %1").arg(packages.join(QStringLiteral(", ")));
        }
        if (!request.debianMinimal) {
            const QString logins[] = {
                ContainerSummary::tr("; root logged in on the console by itself"),
                ContainerSummary::tr("; root logs in with the password chosen"),
                ContainerSummary::tr("; %1 logs in with the password chosen and may use sudo")
                    .arg(QString::fromStdString(request.debianUser).toHtmlEscaped()),
            };
            text += logins[int(request.debianLogin)];
        }
        return text;
    }
    case RootfsKind::Tarball:
        return ContainerSummary::tr("“%1”, unpacked from %2")
            .arg(name, QString::fromStdString(request.tarballPath).toHtmlEscaped());
    case RootfsKind::Image:
        if (!request.image)
            return {};
        return ContainerSummary::tr("“%1”, %2 (build %3) downloaded from %4 and checked")
            .arg(name, QString::fromStdString(request.image->title).toHtmlEscaped(),
                 QString::fromStdString(request.image->version).toHtmlEscaped(),
                 QString::fromStdString(request.imageServer).toHtmlEscaped());
    case RootfsKind::Directory:
        return ContainerSummary::tr("the directory %1")
            .arg(QString::fromStdString(request.directory).toHtmlEscaped());
    case RootfsKind::Application:
        return ContainerSummary::tr("none: the host's files are shared");
    }
    return {};
}

QString networkText(const ContainerRequest& request) {
    switch (request.network) {
    case NetworkKind::None:
        return ContainerSummary::tr("none (only loopback)");
    case NetworkKind::Host:
        return ContainerSummary::tr("the host's");
    case NetworkKind::Network:
        return ContainerSummary::tr("the Cubby network “%1”")
            .arg(QString::fromStdString(request.networkName).toHtmlEscaped());
    case NetworkKind::Bridge:
        return ContainerSummary::tr("the host bridge %1")
            .arg(QString::fromStdString(request.bridgeName).toHtmlEscaped());
    }
    return {};
}

QString summaryOf(const ContainerRequest& request) {
    QString cpu = request.cpuLimit ? ContainerSummary::tr("at most %1 CPUs").arg(*request.cpuLimit)
                                   : ContainerSummary::tr("no limit");
    if (request.cpuShares)
        cpu += ContainerSummary::tr(", weight %1").arg(*request.cpuShares);
    QString init = QString::fromStdString(request.init).toHtmlEscaped();
    const auto row = [](const QString& key, const QString& value) {
        return QStringLiteral("<tr><td style='padding-right:12px'><b>%1</b></td><td>%2</td></tr>")
            .arg(key, value);
    };
    QString then;
    if (needsRootfsJob(request.rootfs))
        then = ContainerSummary::tr("The root filesystem is made first; this can take a while.");
    if (request.startWhenCreated)
        then += ContainerSummary::tr(" The container starts when it is defined.");
    if (request.autostart)
        then += ContainerSummary::tr(" It starts whenever the computer starts.");
    const QString shared =
        request.sharedFolder.empty()
            ? ContainerSummary::tr("none")
            : ContainerSummary::tr("%1 as %2%3")
                  .arg(QString::fromStdString(request.sharedFolder).toHtmlEscaped(),
                       QString::fromStdString(sharedFolderTarget(request)).toHtmlEscaped(),
                       request.sharedReadOnly ? ContainerSummary::tr(", read-only") : QString());
    const QString security =
        request.privileged
            ? ContainerSummary::tr(
                  "<span style='color:#b02020'><b>privileged</b>: root inside is root "
                  "on this computer</span>")
            : ContainerSummary::tr("unprivileged: root inside is an ordinary user here");
    return QStringLiteral("<table>") +
           row(ContainerSummary::tr("Name"), QString::fromStdString(request.name).toHtmlEscaped()) +
           row(ContainerSummary::tr("Memory"),
               ContainerSummary::tr("%1 MiB").arg(request.memoryMiB)) +
           row(ContainerSummary::tr("CPU"), cpu) +
           row(ContainerSummary::tr("Root filesystem"), rootfsText(request)) +
           row(ContainerSummary::tr("Init"), init) +
           row(ContainerSummary::tr("Network"), networkText(request)) +
           row(ContainerSummary::tr("Shared folder"), shared) +
           row(ContainerSummary::tr("Security"), security) + QStringLiteral("</table><p>") +
           then.trimmed() + QStringLiteral("</p>");
}

} // namespace

CreatePage::CreatePage(QWidget* parent)
    : WizardPageBase(parent)
    , m_summary(new QLabel)
    , m_step(new QLabel)
    , m_progress(new QProgressBar)
    , m_status(new QLabel)
    , m_cancelJob(new QPushButton(tr("Cancel &Job"))) {
    setObjectName(QStringLiteral("createPage"));
    setTitle(tr("Summary"));
    setSubTitle(tr("Check what will be made, then press Create."));
    m_summary->setObjectName(QStringLiteral("summary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    m_step->setObjectName(QStringLiteral("step"));
    m_progress->setObjectName(QStringLiteral("jobProgress"));
    m_progress->setRange(0, 1000);
    m_status->setObjectName(QStringLiteral("jobStatus"));
    m_status->setWordWrap(true);
    m_cancelJob->setObjectName(QStringLiteral("cancelJob"));
    m_cancelJob->setToolTip(tr("Stop making the root filesystem; nothing half-made is kept"));

    auto* bar = new QHBoxLayout;
    bar->addWidget(m_progress, 1);
    bar->addWidget(m_cancelJob);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addStretch(1);
    layout->addWidget(m_step);
    layout->addLayout(bar);
    layout->addWidget(m_status);
    layout->addWidget(m_message);
    setRunning(false);
    m_step->hide();
    m_status->hide();
}

void CreatePage::initializePage() {
    connectCreation();
    m_summary->setText(summaryOf(containerWizard()->request()));
    m_message->hide();
    m_step->hide();
    m_status->hide();
}

void CreatePage::connectCreation() {
    ContainerCreation* creation = containerWizard()->creation();
    if (m_connected || !creation)
        return;
    m_connected = true;
    connect(creation, &ContainerCreation::progress, this, &CreatePage::showProgress);
    connect(creation, &ContainerCreation::stepChanged, this, [this, creation](const QString& text) {
        m_step->setText(text);
        m_step->show();
        // Only the root filesystem job can be cancelled; the steps after it are short.
        m_cancelJob->setEnabled(creation->jobRunning());
    });
    connect(creation, &ContainerCreation::failed, this, &CreatePage::showFailure);
    connect(creation, &ContainerCreation::cancelled, this, [this] {
        setRunning(false);
        m_progress->setRange(0, 1000);
        m_progress->setValue(0);
    });
    connect(creation, &ContainerCreation::succeeded, this, [this](const QString& name) {
        m_done = true;
        setRunning(false);
        m_step->setText(tr("“%1” is ready.").arg(name));
        wizard()->accept();
    });
    connect(m_cancelJob, &QPushButton::clicked, creation, &ContainerCreation::cancel);
}

bool CreatePage::validatePage() {
    if (m_done)
        return true;
    if (!m_running) {
        // Create was pressed: the wizard stays on this page until the container exists.
        m_message->hide();
        m_status->clear();
        m_progress->setRange(0, 1000);
        m_progress->setValue(0);
        setRunning(true);
        containerWizard()->creation()->start(containerWizard()->request());
    }
    return false;
}

bool CreatePage::isComplete() const {
    return !m_running;
}

void CreatePage::setRunning(bool running) {
    m_running = running;
    const bool job =
        running && needsRootfsJob(containerWizard() ? containerWizard()->request().rootfs
                                                    : RootfsKind::Application);
    m_progress->setVisible(job);
    m_cancelJob->setVisible(job);
    m_cancelJob->setEnabled(job);
    emit completeChanged();
    // Going back mid-way would change the request under the steps that use it.
    if (wizard())
        wizard()->button(QWizard::BackButton)->setEnabled(!running);
}

void CreatePage::showProgress(double fraction, const QString& status) {
    if (fraction < 0) {
        m_progress->setRange(0, 0); // busy: the total is not known yet
    } else {
        m_progress->setRange(0, 1000);
        m_progress->setValue(int(fraction * 1000));
    }
    m_status->setText(status);
    m_status->setVisible(!status.isEmpty());
}

void CreatePage::showFailure(const QString& message) {
    setRunning(false);
    m_step->hide();
    m_message->setText(message + tr("\nGo back to change the request, or press Create to try "
                                    "again."));
    m_message->show();
}

} // namespace cubby
