#include "settings_page.h"

#include "cgroup_plan.h"
#include "container_request.h"
#include "cubby_metadata.h"
#include "domain_xml.h"
#include "folder_shares.h"
#include "helper_connection.h"
#include "helper_errors.h"
#include "settings_disk.h"
#include "settings_interfaces.h"

#include <QCheckBox>
#include <QDBusPendingReply>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <cmath>

namespace cubby {

namespace {

constexpr uint64_t defaultShares = 1024;

} // namespace

SettingsPage::SettingsPage(HelperConnection* helper, QWidget* parent)
    : QWidget(parent)
    , m_helper(helper)
    , m_memory(new QSpinBox)
    , m_cpuLimited(new QCheckBox(tr("&Limit to")))
    , m_cpus(new QDoubleSpinBox)
    , m_weight(new QSpinBox)
    , m_processes(new QSpinBox)
    , m_processesNote(new QLabel(tr("after a restart")))
    , m_init(new QLineEdit)
    , m_initArgs(new QLineEdit)
    , m_initNote(new QLabel(tr("after a restart")))
    , m_shares(new QListWidget)
    , m_addShare(new QPushButton(tr("A&dd Folder…")))
    , m_removeShare(new QPushButton(tr("R&emove")))
    , m_shareReadOnly(new QCheckBox(tr("Read-only")))
    , m_disk(new DiskSettings(this))
    , m_interfaces(new InterfaceSettings(helper))
    , m_autostart(new QCheckBox(tr("Start when the &computer starts")))
    , m_apply(new QPushButton(tr("&Apply")))
    , m_revert(new QPushButton(tr("Re&vert")))
    , m_status(new QLabel) {
    setObjectName(QStringLiteral("settingsPage"));
    m_memory->setObjectName(QStringLiteral("settingsMemory"));
    m_memory->setRange(int(minimumWizardMemoryMiB), 1024 * 1024);
    m_memory->setSuffix(tr(" MiB"));
    m_memory->setSingleStep(64);
    m_memory->setAccessibleName(tr("Memory"));
    m_cpuLimited->setObjectName(QStringLiteral("settingsCpuLimited"));
    m_cpus->setObjectName(QStringLiteral("settingsCpus"));
    m_cpus->setRange(0.01, 1024);
    m_cpus->setDecimals(2);
    m_cpus->setSingleStep(0.5);
    m_cpus->setSuffix(tr(" CPUs"));
    m_cpus->setAccessibleName(tr("CPU limit"));
    m_weight->setObjectName(QStringLiteral("settingsCpuWeight"));
    m_weight->setRange(2, 262144);
    m_weight->setAccessibleName(tr("CPU weight"));
    m_weight->setToolTip(tr("Its share of the CPUs against other containers when they are "
                            "busy; 1024 is the default"));
    m_processes->setObjectName(QStringLiteral("settingsProcesses"));
    m_processes->setRange(int(minProcessLimit), int(maxProcessLimit));
    m_processes->setSingleStep(256);
    m_processes->setAccessibleName(tr("Process limit"));
    m_processes->setToolTip(tr("At most this many processes and threads run inside; %1 is the "
                               "default")
                                .arg(defaultContainerPidsMax));
    m_processesNote->setEnabled(false);
    m_init->setObjectName(QStringLiteral("settingsInit"));
    m_init->setAccessibleName(tr("Init program"));
    m_initNote->setEnabled(false);
    m_initArgs->setObjectName(QStringLiteral("settingsInitArguments"));
    m_initArgs->setAccessibleName(tr("Init arguments"));
    m_initArgs->setPlaceholderText(tr("none"));
    m_initArgs->setToolTip(tr("Separated by blanks; \"double quotes\" keep an argument with "
                              "blanks whole, a backslash takes the next character as it is"));
    m_shares->setObjectName(QStringLiteral("settingsShares"));
    m_shares->setAccessibleName(tr("Shared folders"));
    m_shares->setMaximumHeight(90);
    m_addShare->setObjectName(QStringLiteral("settingsAddShare"));
    m_addShare->setToolTip(tr("Share a folder of this computer with the container; a folder "
                              "of your home needs no administrator"));
    m_removeShare->setObjectName(QStringLiteral("settingsRemoveShare"));
    m_shareReadOnly->setObjectName(QStringLiteral("settingsShareReadOnly"));
    m_shareReadOnly->setToolTip(tr("The next folder added is read-only inside"));
    m_autostart->setObjectName(QStringLiteral("settingsAutostart"));
    m_autostart->setToolTip(tr("Switched at once"));
    m_apply->setObjectName(QStringLiteral("settingsApply"));
    m_revert->setObjectName(QStringLiteral("settingsRevert"));
    m_status->setObjectName(QStringLiteral("settingsStatus"));
    m_status->setWordWrap(true);
    for (QAbstractSpinBox* spin :
         {static_cast<QAbstractSpinBox*>(m_memory), static_cast<QAbstractSpinBox*>(m_cpus),
          static_cast<QAbstractSpinBox*>(m_weight), static_cast<QAbstractSpinBox*>(m_processes)})
        spin->setMinimumWidth(140);

    // Numbers need no full-width fields.
    const auto narrow = [](QWidget* field) {
        auto* row = new QHBoxLayout;
        row->addWidget(field);
        row->addStretch(1);
        return row;
    };
    // A row that is a layout gets no buddy from addRow: its label names its field itself.
    const auto label = [](const QString& text, QWidget* buddy) {
        auto* shown = new QLabel(text);
        shown->setBuddy(buddy);
        return shown;
    };
    auto* form = new QFormLayout;
    form->addRow(label(tr("&Memory:"), m_memory), narrow(m_memory));
    auto* cpu = new QHBoxLayout;
    cpu->addWidget(m_cpuLimited);
    cpu->addWidget(m_cpus);
    cpu->addStretch(1);
    form->addRow(tr("CPU:"), cpu);
    form->addRow(label(tr("CPU &weight:"), m_weight), narrow(m_weight));
    auto* processes = narrow(m_processes);
    processes->insertWidget(1, m_processesNote);
    form->addRow(label(tr("&Processes:"), m_processes), processes);
    auto* init = new QHBoxLayout;
    init->addWidget(m_init, 1);
    init->addWidget(m_initNote);
    form->addRow(label(tr("&Init:"), m_init), init);
    form->addRow(label(tr("Arg&uments:"), m_initArgs), m_initArgs);
    auto* shares = new QVBoxLayout;
    shares->addWidget(m_shares);
    auto* shareButtons = new QHBoxLayout;
    shareButtons->addWidget(m_addShare);
    shareButtons->addWidget(m_shareReadOnly);
    shareButtons->addWidget(m_removeShare);
    shareButtons->addStretch(1);
    auto* sharesNote = new QLabel(tr("after a restart"));
    sharesNote->setEnabled(false);
    shareButtons->addWidget(sharesNote);
    shares->addLayout(shareButtons);
    form->addRow(label(tr("&Folders:"), m_shares), shares);
    form->addRow(label(tr("&Network:"), m_interfaces->interfaces()), m_interfaces);
    m_disk->addRows(form);
    form->addRow(QString(), m_autostart);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_status, 1);
    buttons->addWidget(m_revert);
    buttons->addWidget(m_apply);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addStretch(1);
    layout->addLayout(buttons);

    connect(m_memory, &QSpinBox::valueChanged, this, &SettingsPage::edited);
    connect(m_cpuLimited, &QCheckBox::toggled, this, &SettingsPage::edited);
    connect(m_cpus, &QDoubleSpinBox::valueChanged, this, &SettingsPage::edited);
    connect(m_weight, &QSpinBox::valueChanged, this, &SettingsPage::edited);
    connect(m_processes, &QSpinBox::valueChanged, this, &SettingsPage::edited);
    connect(m_init, &QLineEdit::textChanged, this, &SettingsPage::edited);
    connect(m_initArgs, &QLineEdit::textChanged, this, &SettingsPage::edited);
    connect(m_autostart, &QCheckBox::toggled, this, [this](bool on) {
        if (!m_filling)
            setAutostart(on);
    });
    connect(m_addShare, &QPushButton::clicked, this, &SettingsPage::browseForShare);
    connect(m_removeShare, &QPushButton::clicked, this, &SettingsPage::removeShare);
    connect(m_shares, &QListWidget::currentRowChanged, this, &SettingsPage::edited);
    connect(m_disk, &DiskSettings::edited, this, &SettingsPage::edited);
    connect(m_interfaces, &InterfaceSettings::edited, this, &SettingsPage::edited);
    connect(m_apply, &QPushButton::clicked, this, &SettingsPage::apply);
    connect(m_revert, &QPushButton::clicked, this, &SettingsPage::showStored);
    setContainer({}, false, false);
}

SettingsPage::~SettingsPage() = default;

void SettingsPage::setHelper(HelperConnection* helper) {
    if (helper == m_helper)
        return;
    m_helper = helper;
    m_interfaces->setHelper(helper);
    m_name.clear(); // the next setContainer fetches from this machine, whatever the name
}

void SettingsPage::setContainer(const QString& name, bool running, bool autostart) {
    const bool same = name == m_name;
    m_running = running;
    m_name = name;
    m_filling = true;
    m_autostart->setChecked(autostart);
    m_filling = false;
    setEnabled(!name.isEmpty());
    if (name.isEmpty()) {
        m_stored.reset();
        m_shared.reset();
        showShares();
        showStatus(tr("Select a container to change its settings."));
        return;
    }
    if (!same || (!isModified() && !m_busy))
        fetch();
}

void SettingsPage::fetch() {
    const QString name = m_name;
    m_interfaces->fetchNetworks();
    m_helper->watch(m_helper->manager()->GetContainerXml(name, false), this,
                    [this, name, helper = m_helper](QDBusPendingCallWatcher& call) {
                        const QDBusPendingReply<QString> reply = call;
                        if (name != m_name || helper != m_helper)
                            return;
                        if (reply.isError()) {
                            m_stored.reset();
                            m_shared.reset();
                            showShares();
                            showStatus(helperErrorText(reply.error()), !isRefusal(reply.error()));
                            edited();
                            return;
                        }
                        auto domain =
                            parseDomainXml(reply.value().toStdString(), [] { return Uuid{}; });
                        if (!domain) {
                            showStatus(QString::fromStdString(domain.error().message), true);
                            return;
                        }
                        m_stored = std::make_unique<Domain>(std::move(*domain));
                        showStored();
                    });
}

void SettingsPage::showStored() {
    if (!m_stored)
        return;
    m_filling = true;
    m_memory->setValue(int(std::min<uint64_t>(m_stored->memoryKiB / 1024, 1024 * 1024)));
    const auto limit = cpuLimitOf(*m_stored);
    m_cpuLimited->setChecked(limit.has_value());
    m_cpus->setValue(limit.value_or(1.0));
    m_weight->setValue(int(m_stored->cputune.shares.value_or(defaultShares)));
    m_processes->setValue(int(m_stored->cubby.processLimit.value_or(defaultContainerPidsMax)));
    m_init->setText(QString::fromStdString(m_stored->os.init));
    m_initArgs->setText(joinInitArguments(m_stored->os.initArgs));
    m_shared = std::make_unique<Domain>(*m_stored);
    showShares();
    m_disk->showDomain(*m_stored);
    m_interfaces->showDomain(*m_stored);
    m_filling = false;
    edited();
    if (!isModified())
        showStatus(m_running ? tr("Memory and CPU change at once while it runs.")
                             : tr("The stored settings."));
}

bool SettingsPage::isModified() const {
    if (!m_stored)
        return false;
    const auto limit = cpuLimitOf(*m_stored);
    return uint64_t(m_memory->value()) * 1024 != m_stored->memoryKiB ||
           m_cpuLimited->isChecked() != limit.has_value() ||
           (limit && std::abs(m_cpus->value() - *limit) > 0.005) ||
           uint64_t(m_weight->value()) != m_stored->cputune.shares.value_or(defaultShares) ||
           uint64_t(m_processes->value()) !=
               m_stored->cubby.processLimit.value_or(defaultContainerPidsMax) ||
           m_init->text().toStdString() != m_stored->os.init ||
           splitInitArguments(m_initArgs->text()) != m_stored->os.initArgs ||
           (m_shared && (m_shared->filesystems != m_stored->filesystems ||
                         m_shared->cubby.shareUsers != m_stored->cubby.shareUsers)) ||
           m_disk->differsFrom(*m_stored) || m_interfaces->differsFrom(*m_stored);
}

void SettingsPage::showShares() {
    m_shares->clear();
    if (m_shared) {
        for (const Filesystem& filesystem : m_shared->filesystems) {
            if (filesystem.type != FilesystemType::Mount || filesystem.targetDir == "/")
                continue;
            const QString source = QString::fromStdString(filesystem.sourceDir);
            const QString target = QString::fromStdString(filesystem.targetDir);
            auto* row = new QListWidgetItem(filesystem.readOnly
                                                ? tr("%1 → %2 (read-only)").arg(source, target)
                                                : tr("%1 → %2").arg(source, target));
            row->setData(Qt::UserRole, target);
            m_shares->addItem(row);
        }
    }
    m_addShare->setEnabled(m_shared != nullptr);
}

void SettingsPage::browseForShare() {
    // Not a blocking getExistingDirectory: the window goes on while the dialog is open.
    auto* dialog = new QFileDialog(this, tr("Share a Folder"), QDir::homePath());
    dialog->setFileMode(QFileDialog::Directory);
    dialog->setOption(QFileDialog::ShowDirsOnly);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, &SettingsPage::addShare);
    dialog->open();
}

void SettingsPage::addShare(const QString& folder) {
    if (!m_shared || folder.isEmpty())
        return;
    Domain draft = *m_shared;
    const auto added = addFolderShare(
        draft, {QDir::cleanPath(folder).toStdString(), {}, m_shareReadOnly->isChecked()});
    if (!added) {
        showStatus(QString::fromStdString(added.error().message), true);
        return;
    }
    *m_shared = std::move(draft);
    showShares();
    edited();
}

void SettingsPage::removeShare() {
    const QListWidgetItem* row = m_shares->currentItem();
    if (!m_shared || row == nullptr)
        return;
    if (removeFolderShare(*m_shared, row->data(Qt::UserRole).toString().toStdString())) {
        showShares();
        edited();
    }
}

QString SettingsPage::problem() const {
    if (!m_init->text().startsWith(QLatin1Char('/')))
        return tr("The init program is a path inside the container, starting with /.");
    return m_disk->problem();
}

void SettingsPage::edited() {
    m_cpus->setEnabled(m_cpuLimited->isChecked());
    if (m_filling)
        return;
    const QString wrong = problem();
    if (!wrong.isEmpty())
        showStatus(wrong, true);
    else if (isModified())
        showStatus(m_running ? tr("Apply changes memory and CPU at once; the rest after a "
                                  "restart.")
                             : tr("Apply saves the settings for the next start."));
    m_removeShare->setEnabled(m_shares->currentItem() != nullptr && !m_busy);
    m_apply->setEnabled(m_stored && isModified() && wrong.isEmpty() && !m_busy);
    m_revert->setEnabled(m_stored && isModified() && !m_busy);
}

void SettingsPage::apply() {
    if (!m_stored || !isModified() || !problem().isEmpty() || m_busy)
        return;
    Domain changed = *m_stored;
    changed.memoryKiB = uint64_t(m_memory->value()) * 1024;
    changed.currentMemoryKiB = std::min(changed.currentMemoryKiB, changed.memoryKiB);
    setCpuLimit(changed, m_cpuLimited->isChecked() ? std::optional(m_cpus->value()) : std::nullopt);
    const uint64_t weight = uint64_t(m_weight->value());
    changed.cputune.shares =
        weight == defaultShares && !m_stored->cputune.shares ? std::nullopt : std::optional(weight);
    const uint64_t processes = uint64_t(m_processes->value());
    changed.cubby.processLimit =
        processes == defaultContainerPidsMax && !m_stored->cubby.processLimit
            ? std::nullopt
            : std::optional(processes);
    changed.os.init = m_init->text().toStdString();
    changed.os.initArgs = splitInitArguments(m_initArgs->text());
    if (m_shared) {
        changed.filesystems = m_shared->filesystems;
        changed.cubby.shareUsers = m_shared->cubby.shareUsers;
    }
    m_disk->applyTo(changed);
    m_interfaces->applyTo(changed);
    const QString name = m_name;
    m_busy = true;
    edited();
    showStatus(tr("Saving…"));
    m_helper->watch(
        m_helper->manager()->DefineContainer(
            QString::fromStdString(formatDomainXml(changed, DomainXmlForm::Inactive))),
        this, [this, name, changed](QDBusPendingCallWatcher& call) {
            const QDBusPendingReply<QString, QStringList> reply = call;
            if (reply.isError()) {
                m_busy = false;
                if (name == m_name) {
                    showStatus(helperErrorText(reply.error()), !isRefusal(reply.error()));
                    edited();
                }
                return;
            }
            if (name == m_name) {
                m_stored = std::make_unique<Domain>(changed);
                m_shared = std::make_unique<Domain>(changed);
            }
            emit applied(name);
            if (m_running && name == m_name)
                applyLive(name);
            else {
                m_busy = false;
                if (name == m_name) {
                    showStatus(tr("Saved: it takes these settings when it next starts."));
                    edited();
                }
            }
        });
}

void SettingsPage::applyLive(const QString& name) {
    m_helper->watch(m_helper->manager()->ApplyLiveLimits(name), this,
                    [this, name](QDBusPendingCallWatcher& call) {
                        m_busy = false;
                        const QDBusPendingReply<QStringList, QStringList> reply = call;
                        if (name != m_name)
                            return;
                        if (reply.isError())
                            showStatus(tr("Saved for the next start, but the running container "
                                          "kept its limits: %1")
                                           .arg(helperErrorText(reply.error())),
                                       true);
                        else if (!reply.argumentAt<1>().isEmpty())
                            showStatus(tr("Saved. Memory and CPU changed at once; the rest "
                                          "takes effect after a restart."));
                        else
                            showStatus(tr("Saved and changed at once."));
                        edited();
                    });
}

void SettingsPage::setAutostart(bool enabled) {
    const QString name = m_name;
    m_helper->watch(m_helper->manager()->SetAutostart(name, enabled), this,
                    [this, name, enabled](QDBusPendingCallWatcher& call) {
                        if (name != m_name)
                            return;
                        if (call.isError()) {
                            m_filling = true;
                            m_autostart->setChecked(!enabled); // it did not change
                            m_filling = false;
                            showStatus(helperErrorText(call.error()), !isRefusal(call.error()));
                            return;
                        }
                        showStatus(enabled ? tr("It starts when the computer starts.")
                                           : tr("It no longer starts with the computer."));
                        emit applied(name);
                    });
}

void SettingsPage::showStatus(const QString& text, bool problem) {
    m_status->setStyleSheet(problem ? QStringLiteral("color: #b02020;") : QString());
    m_status->setText(text);
}

} // namespace cubby
