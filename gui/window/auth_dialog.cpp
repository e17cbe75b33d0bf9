#include "auth_dialog.h"

#include "helper_errors.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>
#include <pwd.h>

namespace cubby {

namespace {

constexpr auto userPrefix = QLatin1String("unix-user:");
constexpr auto groupPrefix = QLatin1String("unix-group:");

// The detail keys cubby-helper sends (privhelper/manager_common.h), as a person reads them.
QString detailLabel(const QString& key) {
    if (key == QLatin1String("cubby.container"))
        return AuthDialog::tr("Container");
    if (key == QLatin1String("cubby.network"))
        return AuthDialog::tr("Network");
    if (key == QLatin1String("cubby.operation"))
        return AuthDialog::tr("Operation");
    if (key == QLatin1String("cubby.risk"))
        return AuthDialog::tr("Why an administrator");
    return key;
}

} // namespace

QString AuthDialog::identityName(const QString& identityId) {
    if (identityId.startsWith(userPrefix)) {
        // polkit names a user by login ("unix-user:root") or by uid ("unix-user:0").
        const QString user = identityId.mid(userPrefix.size());
        bool numeric = false;
        const uint uid = user.toUInt(&numeric);
        // getpwuid/getpwnam are not reentrant, but the GUI thread is the only one that asks.
        const passwd* entry =
            numeric ? ::getpwuid(uid) : ::getpwnam(user.toLocal8Bit().constData());
        if ((numeric && uid == 0) || (entry != nullptr && entry->pw_uid == 0))
            return tr("Administrator (root)");
        if (entry == nullptr)
            return user;
        const QString login = QString::fromLocal8Bit(entry->pw_name);
        const QString fullName = QString::fromLocal8Bit(entry->pw_gecos).section(u',', 0, 0);
        return fullName.isEmpty() ? login : tr("%1 (%2)").arg(fullName, login);
    }
    if (identityId.startsWith(groupPrefix))
        return tr("A member of the group %1").arg(identityId.mid(groupPrefix.size()));
    return identityId;
}

AuthDialog::AuthDialog(const Request& request, QWidget* parent)
    : QDialog(parent)
    , m_heading(new QLabel(this))
    , m_who(new QLabel(this))
    , m_identities(new QComboBox(this))
    , m_prompt(new QLabel(tr("&Password:"), this))
    , m_password(new QLineEdit(this))
    , m_problem(new QLabel(this))
    , m_info(new QLabel(this))
    , m_detailsButton(new QToolButton(this))
    , m_details(new QLabel(this))
    , m_buttons(new QDialogButtonBox(this)) {
    setObjectName(QStringLiteral("authDialog"));
    setWindowTitle(tr("Authentication Required"));
    setWindowModality(Qt::NonModal);

    const QString purpose = actionPurpose(request.actionId);
    m_heading->setText(purpose.isEmpty() ? request.message
                                         : tr("Authentication is needed to %1.").arg(purpose));
    m_heading->setWordWrap(true);
    QFont bold = m_heading->font();
    bold.setBold(true);
    m_heading->setFont(bold);
    auto* icon = new QLabel(this);
    icon->setPixmap(QIcon::fromTheme(QStringLiteral("dialog-password"),
                                     style()->standardIcon(QStyle::SP_MessageBoxQuestion))
                        .pixmap(48, 48));
    auto* intro = new QLabel(
        tr("Nothing is changed until the password is accepted. Cancel to leave things as they "
           "are."),
        this);
    intro->setWordWrap(true);

    for (const Identity& identity : request.identities)
        m_identities->addItem(identity.name, identity.id);
    m_identities->setAccessibleName(tr("Authenticate as"));
    m_who->setText(request.identities.isEmpty() ? QString() : request.identities.first().name);
    m_who->setTextInteractionFlags(Qt::TextSelectableByMouse);
    const bool choose = request.identities.size() > 1;
    m_identities->setVisible(choose);
    m_who->setVisible(!choose);
    connect(m_identities, &QComboBox::activated, this, [this] {
        showProblem({});
        emit identityChosen(chosenIdentity());
    });

    m_password->setEchoMode(QLineEdit::Password);
    m_password->setAccessibleName(tr("Password"));
    m_prompt->setBuddy(m_password);
    connect(m_password, &QLineEdit::textChanged, this, &AuthDialog::updateAuthenticate);
    connect(m_password, &QLineEdit::returnPressed, this, &AuthDialog::authenticate);

    m_problem->setObjectName(QStringLiteral("authProblem"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #b3261e; font-weight: bold;"));
    m_problem->hide();
    m_info->setWordWrap(true);
    m_info->hide();

    m_detailsButton->setText(tr("&Details"));
    m_detailsButton->setAccessibleName(tr("Show details"));
    m_detailsButton->setCheckable(true);
    m_detailsButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_detailsButton->setArrowType(Qt::RightArrow);
    m_detailsButton->setAutoRaise(true);
    m_details->setObjectName(QStringLiteral("authDetails"));
    m_details->setText(detailsText(request));
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setWordWrap(true);
    m_details->hide();
    connect(m_detailsButton, &QToolButton::toggled, this, [this](bool shown) {
        m_detailsButton->setArrowType(shown ? Qt::DownArrow : Qt::RightArrow);
        m_details->setVisible(shown);
        adjustSize();
    });

    m_authenticate = m_buttons->addButton(tr("&Authenticate"), QDialogButtonBox::AcceptRole);
    m_authenticate->setAccessibleName(tr("Authenticate"));
    m_authenticate->setDefault(true);
    QPushButton* cancel = m_buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setText(tr("Cancel"));
    cancel->setAccessibleName(tr("Cancel"));
    // Authenticate answers polkit; it never closes the dialog itself (the agent does, once
    // polkit has decided).
    connect(m_buttons, &QDialogButtonBox::accepted, this, &AuthDialog::authenticate);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &AuthDialog::reject);

    auto* form = new QFormLayout;
    form->addRow(tr("Authenticate as:"), choose ? static_cast<QWidget*>(m_identities) : m_who);
    form->addRow(m_prompt, m_password);
    auto* top = new QHBoxLayout;
    top->addWidget(icon, 0, Qt::AlignTop);
    auto* words = new QVBoxLayout;
    words->addWidget(m_heading);
    words->addWidget(intro);
    top->addLayout(words, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(m_info);
    layout->addWidget(m_detailsButton, 0, Qt::AlignLeft);
    layout->addWidget(m_details);
    layout->addWidget(m_buttons);
    setMinimumWidth(440);
    updateAuthenticate();
    m_password->setFocus();
}

QString AuthDialog::detailsText(const Request& request) const {
    // (polkitd hands an agent only its own details, not the helper's: the action and its
    // message are what is known here.)
    QStringList lines{tr("Action: %1").arg(request.actionId),
                      tr("polkit says: %1").arg(request.message)};
    for (const auto& [key, value] : request.details)
        lines << tr("%1: %2").arg(detailLabel(key), value);
    return lines.join(u'\n');
}

QString AuthDialog::chosenIdentity() const {
    return m_identities->currentData().toString();
}

QString AuthDialog::identityShown() const {
    return m_identities->isVisible() ? m_identities->currentText() : m_who->text();
}

void AuthDialog::askFor(const QString& prompt, bool echo) {
    // PAM's usual prompt gets the app's own, translated word; anything else (a one-time code,
    // a fingerprint reader's request) is shown as PAM says it.
    const QString trimmed = prompt.trimmed();
    m_prompt->setText(trimmed.isEmpty() || trimmed.startsWith(QLatin1String("Password"))
                          ? tr("&Password:")
                          : trimmed);
    m_password->setEchoMode(echo ? QLineEdit::Normal : QLineEdit::Password);
    m_password->setEnabled(true);
    m_identities->setEnabled(true);
    m_waitingForAnswer = true;
    updateAuthenticate();
    m_password->setFocus();
}

void AuthDialog::showProblem(const QString& text) {
    showLine(m_problem, text);
}

void AuthDialog::showInfo(const QString& text) {
    showLine(m_info, text);
}

void AuthDialog::showLine(QLabel* label, const QString& text) {
    label->setText(text);
    if (label->isVisible() != !text.isEmpty()) {
        label->setVisible(!text.isEmpty());
        // The dialog grows (or shrinks back) to fit the wrapped lines it shows.
        adjustSize();
    }
}

void AuthDialog::authenticate() {
    if (!m_waitingForAnswer || m_password->text().isEmpty())
        return;
    // The text leaves the field at once: the dialog keeps no copy while polkit checks it.
    const QString answer = m_password->text();
    m_password->clear();
    m_waitingForAnswer = false;
    m_password->setEnabled(false);
    m_identities->setEnabled(false);
    showProblem({});
    showInfo(tr("Checking…"));
    updateAuthenticate();
    emit answered(answer);
}

void AuthDialog::updateAuthenticate() {
    m_authenticate->setEnabled(m_waitingForAnswer && !m_password->text().isEmpty());
}

void AuthDialog::reject() {
    m_password->clear();
    emit cancelled();
}

} // namespace cubby
