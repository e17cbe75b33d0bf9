// The New Container wizard's first two pages: name and resources, root filesystem.
#include "container_wizard.h"
#include "image_chooser.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QScreen>
#include <QSpinBox>
#include <QStringListModel>
#include <QVBoxLayout>

namespace cubby {

namespace {

QString messageOf(const Status& status) {
    return status ? QString() : QString::fromStdString(status.error().message);
}

// A radio button's details, indented under it and enabled only while it is chosen.
QWidget* indented(QLayout* inner) {
    auto* box = new QWidget;
    inner->setContentsMargins(24, 0, 0, 4);
    box->setLayout(inner);
    return box;
}

QLabel* note(const QString& text) {
    auto* label = new QLabel(text);
    label->setWordWrap(true);
    label->setEnabled(false); // the palette's dimmed text: an explanation, not a field
    return label;
}

} // namespace

NamePage::NamePage(QWidget* parent)
    : WizardPageBase(parent)
    , m_name(new QLineEdit)
    , m_memory(new QSpinBox)
    , m_limitCpu(new QCheckBox(tr("Limit CPU time to")))
    , m_cpuLimit(new QDoubleSpinBox)
    , m_cpuWeight(new QSpinBox)
    , m_autostart(new QCheckBox(tr("Start the container when the computer starts")))
    , m_start(new QCheckBox(tr("Start the container once it is created")))
    , m_sharedFolder(new QLineEdit)
    , m_browseShared(new QPushButton(tr("Bro&wse…")))
    , m_sharedReadOnly(new QCheckBox(tr("Read-only")))
    , m_sharedNote(note({}))
    , m_privileged(new QCheckBox(tr("&Privileged container")))
    , m_privilegedWarning(new QLabel) {
    setObjectName(QStringLiteral("namePage"));
    setTitle(tr("Name and Resources"));
    setSubTitle(tr("The name is also the container's host name."));
    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_name->setPlaceholderText(tr("letters, digits, '-', '_' and '.'"));
    m_name->setMaxLength(64);
    m_memory->setObjectName(QStringLiteral("memorySpin"));
    m_memory->setRange(int(minimumWizardMemoryMiB), 1024 * 1024);
    m_memory->setValue(int(defaultWizardMemoryMiB));
    m_memory->setSuffix(tr(" MiB"));
    m_memory->setSingleStep(64);
    m_cpuLimit->setObjectName(QStringLiteral("cpuLimitSpin"));
    m_cpuLimit->setAccessibleName(tr("CPU limit"));
    m_cpuLimit->setRange(0.01, 1024);
    m_cpuLimit->setDecimals(2);
    m_cpuLimit->setValue(1);
    m_cpuLimit->setSingleStep(0.5);
    m_cpuLimit->setSuffix(tr(" CPUs"));
    m_cpuLimit->setEnabled(false);
    m_limitCpu->setObjectName(QStringLiteral("limitCpuCheck"));
    m_cpuWeight->setObjectName(QStringLiteral("cpuWeightSpin"));
    m_cpuWeight->setRange(2, 262144);
    m_cpuWeight->setValue(1024);
    m_cpuWeight->setToolTip(tr("Its share of the CPUs against other containers when they are "
                               "busy; 1024 is the default"));
    m_autostart->setObjectName(QStringLiteral("autostartCheck"));
    m_start->setObjectName(QStringLiteral("startCheck"));
    m_start->setChecked(true);
    // Numbers need no full-width fields.
    for (QAbstractSpinBox* spin :
         {static_cast<QAbstractSpinBox*>(m_memory), static_cast<QAbstractSpinBox*>(m_cpuWeight),
          static_cast<QAbstractSpinBox*>(m_cpuLimit)})
        spin->setMinimumWidth(140);
    auto* memory = new QHBoxLayout;
    memory->addWidget(m_memory);
    memory->addStretch(1);
    auto* weight = new QHBoxLayout;
    weight->addWidget(m_cpuWeight);
    weight->addStretch(1);

    auto* cpu = new QHBoxLayout;
    cpu->addWidget(m_limitCpu);
    cpu->addWidget(m_cpuLimit);
    cpu->addStretch(1);
    auto* form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    const auto buddy = [](const QString& text, QWidget* field) {
        auto* label = new QLabel(text);
        label->setBuddy(field); // a layout in the row has no buddy of its own
        return label;
    };
    form->addRow(buddy(tr("&Memory:"), m_memory), memory);
    form->addRow(tr("CPU:"), cpu);
    form->addRow(buddy(tr("CPU &weight:"), m_cpuWeight), weight);
    form->addRow(QString(), m_autostart);
    form->addRow(QString(), m_start);
    // Access: a folder of the user's home, and the privileged opt-in with a plain warning.
    m_sharedFolder->setObjectName(QStringLiteral("sharedFolderEdit"));
    m_sharedFolder->setPlaceholderText(tr("optional: a folder of your home"));
    m_browseShared->setObjectName(QStringLiteral("browseShared"));
    m_sharedReadOnly->setObjectName(QStringLiteral("sharedReadOnlyCheck"));
    m_sharedNote->setObjectName(QStringLiteral("sharedNote"));
    m_privileged->setObjectName(QStringLiteral("privilegedCheck"));
    m_privilegedWarning->setObjectName(QStringLiteral("privilegedWarning"));
    m_privilegedWarning->setWordWrap(true);
    m_privilegedWarning->setText(
        tr("<b>Warning:</b> root inside a privileged container is root on this computer. "
           "Anything running in it can take over the computer. Use it only for software you "
           "trust that cannot work otherwise; an administrator's password is needed."));
    m_privilegedWarning->setStyleSheet(QStringLiteral("color: #b02020;"));
    m_privilegedWarning->setVisible(false);
    auto* shared = new QHBoxLayout;
    shared->addWidget(m_sharedFolder, 1);
    shared->addWidget(m_browseShared);
    shared->addWidget(m_sharedReadOnly);
    form->addRow(buddy(tr("&Shared folder:"), m_sharedFolder), shared);
    form->addRow(QString(), m_sharedNote);
    form->addRow(tr("Security:"), m_privileged);
    form->addRow(QString(), m_privilegedWarning);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addStretch(1);
    layout->addWidget(m_message);

    connect(m_sharedFolder, &QLineEdit::textChanged, this, [this] {
        updateAccessNotes();
        recheck();
    });
    connect(m_privileged, &QCheckBox::toggled, this, &NamePage::updateAccessNotes);
    connect(m_browseShared, &QPushButton::clicked, this, &NamePage::browseShared);
    updateAccessNotes();
    connect(m_name, &QLineEdit::textChanged, this, &NamePage::recheck);
    connect(m_memory, &QSpinBox::valueChanged, this, &NamePage::recheck);
    connect(m_limitCpu, &QCheckBox::toggled, m_cpuLimit, &QWidget::setEnabled);
    connect(m_cpuLimit, &QDoubleSpinBox::valueChanged, this, &NamePage::recheck);
}

void NamePage::apply(ContainerRequest& request) const {
    request.name = m_name->text().trimmed().toStdString();
    request.memoryMiB = unsigned(m_memory->value());
    request.cpuLimit =
        m_limitCpu->isChecked() ? std::optional<double>(m_cpuLimit->value()) : std::nullopt;
    request.cpuShares = m_cpuWeight->value() == 1024
                            ? std::nullopt
                            : std::optional<uint64_t>(uint64_t(m_cpuWeight->value()));
    request.autostart = m_autostart->isChecked();
    request.startWhenCreated = m_start->isChecked();
    QString folder = m_sharedFolder->text().trimmed();
    while (folder.size() > 1 && folder.endsWith(QLatin1Char('/')))
        folder.chop(1);
    request.sharedFolder = folder.toStdString();
    request.sharedReadOnly = m_sharedReadOnly->isChecked();
    request.privileged = m_privileged->isChecked();
}

void NamePage::updateAccessNotes() {
    ContainerRequest request;
    apply(request);
    const QString target = QString::fromStdString(sharedFolderTarget(request));
    m_sharedNote->setText(
        target.isEmpty()
            ? tr("Files of your home are not visible inside unless you share a folder.")
            : tr("Appears inside as %1, owned by root there; the files stay yours here.")
                  .arg(target));
    m_privilegedWarning->setVisible(m_privileged->isChecked());
}

void NamePage::browseShared() {
    // Window-modal, opened with open(): no nested event loop.
    auto* dialog = new QFileDialog(this, tr("Choose a Folder to Share"), QDir::homePath());
    dialog->setObjectName(QStringLiteral("sharedFolderDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::Directory);
    dialog->setOption(QFileDialog::ShowDirsOnly);
    connect(dialog, &QFileDialog::fileSelected, m_sharedFolder, &QLineEdit::setText);
    dialog->open();
}

QString NamePage::problem() const {
    ContainerWizard* wizard = containerWizard();
    if (!wizard)
        return tr("not in a wizard");
    return messageOf(validateIdentity(wizard->request(), wizard->existingContainers()));
}

RootfsPage::RootfsPage(QWidget* parent)
    : WizardPageBase(parent)
    , m_kinds(new QButtonGroup(this))
    , m_suite(new QComboBox)
    , m_packages(new QLineEdit)
    , m_minimal(new QCheckBox(tr("&Minimal: no init system, bash on the console")))
    , m_debianForm(new QFormLayout)
    , m_login(new QComboBox)
    , m_user(new QLineEdit)
    , m_password(new QLineEdit)
    , m_passwordRepeat(new QLineEdit)
    , m_tarball(new QLineEdit)
    , m_browseTarball(new QPushButton(tr("&Browse…")))
    , m_directory(new QLineEdit)
    , m_browseDirectory(new QPushButton(tr("B&rowse…")))
    , m_init(new QLineEdit)
    , m_initNote(note({}))
    , m_paths(new QStringListModel(this))
    , m_imageChooser(new ImageChooser) {
    setObjectName(QStringLiteral("rootfsPage"));
    setTitle(tr("Root Filesystem"));
    setSubTitle(tr("The files the container sees as its own, and the program it starts."));
    const struct {
        RootfsKind kind;
        QString text;
        const char* name;
    } kinds[] = {
        {RootfsKind::Busybox, tr("Minimal &BusyBox system"), "busyboxRadio"},
        {RootfsKind::Debian, tr("&Debian (downloaded with mmdebstrap)"), "debianRadio"},
        {RootfsKind::Image, tr("Image from a &server (Alpine, Ubuntu, Fedora, Arch, …)"),
         "imageRadio"},
        {RootfsKind::Tarball, tr("Root filesystem &tarball"), "tarballRadio"},
        {RootfsKind::Directory, tr("E&xisting directory"), "directoryRadio"},
        {RootfsKind::Application, tr("&Application container (shares the host's files)"),
         "applicationRadio"},
    };
    m_suite->setObjectName(QStringLiteral("suiteCombo"));
    m_suite->addItems({QStringLiteral("trixie"), QStringLiteral("bookworm"),
                       QStringLiteral("forky"), QStringLiteral("sid")});
    m_packages->setObjectName(QStringLiteral("packagesEdit"));
    m_packages->setPlaceholderText(tr("extra packages, e.g. iproute2 openssh-server"));
    m_minimal->setObjectName(QStringLiteral("debianMinimal"));
    m_minimal->setToolTip(tr("Without it, Debian boots systemd: networking by DHCP, a journal, "
                             "logins, and root logged in on the console"));
    m_tarball->setObjectName(QStringLiteral("tarballEdit"));
    m_tarball->setAccessibleName(tr("Root filesystem archive"));
    m_tarball->setPlaceholderText(tr("a .tar, .tar.gz, .tar.xz, .tar.zst… file"));
    m_browseTarball->setObjectName(QStringLiteral("browseTarball"));
    m_directory->setObjectName(QStringLiteral("directoryEdit"));
    m_directory->setAccessibleName(tr("Root directory"));
    m_directory->setPlaceholderText(tr("a directory holding a whole system"));
    m_directory->setCompleter(new QCompleter(m_paths, m_directory));
    m_browseDirectory->setObjectName(QStringLiteral("browseDirectory"));
    m_init->setObjectName(QStringLiteral("initEdit"));
    m_initNote->setObjectName(QStringLiteral("initNote"));

    // In DebianLogin's order.
    m_login->setObjectName(QStringLiteral("loginCombo"));
    m_login->addItems({tr("Root, logged in by itself"), tr("Root, with a password"),
                       tr("A user with sudo, with a password")});
    m_login->setToolTip(tr("Who logs in on the console. Whoever may open the console (polkit "
                           "asks) gets a root shell when root is logged in by itself."));
    m_user->setObjectName(QStringLiteral("userEdit"));
    m_user->setPlaceholderText(tr("e.g. alice"));
    m_user->setMaxLength(32);
    for (QLineEdit* edit : {m_password, m_passwordRepeat}) {
        edit->setEchoMode(QLineEdit::Password);
        edit->setMaxLength(256);
    }
    m_password->setObjectName(QStringLiteral("passwordEdit"));
    m_passwordRepeat->setObjectName(QStringLiteral("passwordRepeatEdit"));
    m_password->setToolTip(tr("Hashed here; only the hash goes to the new system."));

    auto* debian = m_debianForm;
    debian->addRow(tr("Suite:"), m_suite);
    debian->addRow(tr("Packages:"), m_packages);
    debian->addRow(QString(), m_minimal);
    debian->addRow(tr("&Console login:"), m_login);
    debian->addRow(tr("&User name:"), m_user);
    debian->addRow(tr("&Password:"), m_password);
    debian->addRow(tr("R&epeat password:"), m_passwordRepeat);
    auto* tarball = new QHBoxLayout;
    tarball->addWidget(m_tarball, 1);
    tarball->addWidget(m_browseTarball);
    auto* directory = new QHBoxLayout;
    directory->addWidget(m_directory, 1);
    directory->addWidget(m_browseDirectory);
    auto* image = new QVBoxLayout;
    image->addWidget(m_imageChooser);
    QWidget* details[] = {nullptr,           indented(debian),    indented(image),
                          indented(tarball), indented(directory), nullptr};

    auto* layout = new QVBoxLayout(this);
    for (size_t i = 0; i < std::size(kinds); ++i) {
        auto* radio = new QRadioButton(kinds[i].text);
        radio->setObjectName(QLatin1String(kinds[i].name));
        m_kinds->addButton(radio, int(kinds[i].kind));
        layout->addWidget(radio);
        if (details[i]) {
            // Only the chosen kind's details are shown: the page stays short enough for a
            // laptop's screen with the image list or the Debian logins open.
            layout->addWidget(details[i]);
            connect(radio, &QRadioButton::toggled, details[i], &QWidget::setEnabled);
            connect(radio, &QRadioButton::toggled, details[i], &QWidget::setVisible);
            details[i]->setEnabled(false);
            details[i]->setVisible(false);
        }
    }
    m_kinds->button(int(RootfsKind::Busybox))->setChecked(true);
    auto* init = new QFormLayout;
    init->addRow(tr("&Init program:"), m_init);
    layout->addSpacing(8);
    layout->addLayout(init);
    layout->addWidget(m_initNote);
    layout->addStretch(1);
    layout->addWidget(m_message);

    connect(m_kinds, &QButtonGroup::idToggled, this, [this](int, bool on) {
        if (on)
            kindChanged();
    });
    connect(m_init, &QLineEdit::textEdited, this, [this] { m_initEdited = true; });
    connect(m_minimal, &QCheckBox::toggled, this, &RootfsPage::kindChanged);
    // The init note names the login too: kindChanged() rewrites it, then shows the rows.
    connect(m_login, &QComboBox::currentIndexChanged, this, &RootfsPage::kindChanged);
    for (QLineEdit* edit :
         {m_packages, m_tarball, m_directory, m_init, m_user, m_password, m_passwordRepeat})
        connect(edit, &QLineEdit::textChanged, this, &RootfsPage::recheck);
    connect(m_imageChooser, &ImageChooser::changed, this, &RootfsPage::recheck);
    connect(m_browseTarball, &QPushButton::clicked, this, [this] { browse(false); });
    connect(m_browseDirectory, &QPushButton::clicked, this, [this] { browse(true); });
    kindChanged();
}

RootfsKind RootfsPage::kind() const {
    return RootfsKind(m_kinds->checkedId());
}

void RootfsPage::initializePage() {
    connect(containerWizard(), &ContainerWizard::listsChanged, this, &RootfsPage::offerPaths,
            Qt::UniqueConnection);
    offerPaths(); // also: the name may have changed, and a root filesystem of that name exist
}

void RootfsPage::offerPaths() {
    // Cubby's own root filesystems are offered for "Existing directory" as the user types.
    m_paths->setStringList(containerWizard()->rootfsPaths().values());
    recheck();
}

void RootfsPage::kindChanged() {
    // The init field follows the kind until the user writes their own.
    if (!m_initEdited)
        m_init->setText(QString::fromStdString(defaultInit(kind(), m_minimal->isChecked())));
    switch (kind()) {
    case RootfsKind::Busybox:
        m_initNote->setText(tr("BusyBox init runs a root shell on the console and asks for an "
                               "address by DHCP."));
        break;
    case RootfsKind::Debian:
        m_initNote->setText(
            m_minimal->isChecked()
                ? tr("A minimal Debian has no init system: bash runs on the console.")
            : DebianLogin(m_login->currentIndex()) == DebianLogin::ConsoleAutologin
                ? tr("Debian boots systemd: the console shows its start and logs root in; "
                     "networking comes by DHCP.")
                : tr("Debian boots systemd: the console shows its start and a login prompt; "
                     "networking comes by DHCP."));
        break;
    case RootfsKind::Image:
        m_imageChooser->ensureLoaded();
        [[fallthrough]];
    case RootfsKind::Tarball:
    case RootfsKind::Directory:
        m_initNote->setText(tr("The program must exist inside the root filesystem."));
        break;
    case RootfsKind::Application:
        m_initNote->setText(tr("The program runs with the host's files (its /tmp is private); "
                               "nothing is copied."));
        break;
    }
    loginChanged();
}

void RootfsPage::loginChanged() {
    // Only the rows the chosen login needs are shown.
    const auto login = DebianLogin(m_login->currentIndex());
    const bool system = !m_minimal->isChecked();
    m_debianForm->setRowVisible(m_login, system);
    m_debianForm->setRowVisible(m_user, system && login == DebianLogin::SudoUser);
    for (QLineEdit* edit : {m_password, m_passwordRepeat})
        m_debianForm->setRowVisible(edit, system && login != DebianLogin::ConsoleAutologin);
    // The wizard grows to show the rows (never shrinks under the user's hands, never beyond
    // the screen).
    if (QWidget* window = this->window(); window && window != this) {
        int wanted = window->sizeHint().height();
        if (const QScreen* screen = window->screen())
            wanted = std::min(wanted, screen->availableGeometry().height());
        if (wanted > window->height())
            window->resize(window->width(), wanted);
    }
    recheck();
}

void RootfsPage::browse(bool directory) {
    // A window-modal dialog opened with open(): no nested event loop.
    auto* dialog = new QFileDialog(this, directory ? tr("Choose the Root Directory")
                                                   : tr("Choose a Root Filesystem Archive"));
    dialog->setObjectName(QStringLiteral("rootfsFileDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (directory) {
        dialog->setFileMode(QFileDialog::Directory);
        dialog->setOption(QFileDialog::ShowDirsOnly);
    } else {
        dialog->setFileMode(QFileDialog::ExistingFile);
        dialog->setNameFilters({tr("Archives (*.tar *.tar.gz *.tgz *.tar.xz *.tar.zst *.tar.bz2 "
                                   "*.tar.lz4 *.cpio *.cpio.gz)"),
                                tr("All files (*)")});
    }
    QLineEdit* target = directory ? m_directory : m_tarball;
    connect(dialog, &QFileDialog::fileSelected, target, &QLineEdit::setText);
    dialog->open();
}

void RootfsPage::apply(ContainerRequest& request) const {
    request.rootfs = kind();
    request.debianSuite = m_suite->currentText().toStdString();
    request.debianPackages = splitPackages(m_packages->text().toStdString());
    request.debianMinimal = m_minimal->isChecked();
    request.debianLogin = DebianLogin(m_login->currentIndex());
    request.debianUser = m_user->text().trimmed().toStdString();
    request.debianPassword = m_password->text().toStdString();
    request.debianPasswordRepeat = m_passwordRepeat->text().toStdString();
    request.tarballPath = m_tarball->text().trimmed().toStdString();
    request.imageServer = m_imageChooser->server().toStdString();
    request.image = m_imageChooser->selected();
    request.directory = m_directory->text().trimmed().toStdString();
    request.init = m_init->text().trimmed().toStdString();
}

QString RootfsPage::problem() const {
    ContainerWizard* wizard = containerWizard();
    if (!wizard)
        return tr("not in a wizard");
    const ContainerRequest request = wizard->request();
    if (const QString text = messageOf(validateRootfs(request)); !text.isEmpty())
        return text;
    const struct {
        LoginProblem problem;
        QString text;
    } loginTexts[] = {
        {LoginProblem::NoUserName, tr("User name: choose a name for the new user.")},
        {LoginProblem::BadUserName,
         tr("User name: lower-case letters, digits, “_” and “-”, starting with a letter, at "
            "most 32, and not a system account such as root or daemon.")},
        {LoginProblem::NoPassword, tr("Password: choose a password.")},
        {LoginProblem::LineBreak, tr("Password: a password cannot hold a line break.")},
        {LoginProblem::Mismatch, tr("Password: the two entries differ.")},
    };
    const LoginProblem login = loginProblem(request);
    for (const auto& entry : loginTexts) {
        if (entry.problem == login)
            return entry.text;
    }
    const QString name = QString::fromStdString(request.name);
    if (needsRootfsJob(request.rootfs) && wizard->rootfsPaths().contains(name))
        return tr("A root filesystem named “%1” exists already (%2): choose “Existing "
                  "directory” with that path, or go back and pick another name.")
            .arg(name, wizard->rootfsPaths().value(name));
    return {};
}

} // namespace cubby
