#include "connect_dialog.h"

#include "remote_host.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace cubby {

ConnectDialog::ConnectDialog(const QStringList& recent, QWidget* parent)
    : QDialog(parent)
    , m_address(new QComboBox)
    , m_problem(new QLabel)
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel)) {
    setObjectName(QStringLiteral("connectDialog"));
    setWindowTitle(tr("Connect to Host"));
    setWindowModality(Qt::WindowModal);
    m_address->setObjectName(QStringLiteral("connectAddress"));
    m_address->setEditable(true);
    m_address->setInsertPolicy(QComboBox::NoInsert);
    m_address->addItems(recent);
    m_address->setCurrentText(recent.isEmpty() ? QStringLiteral("ssh://") : recent.front());
    m_address->lineEdit()->setPlaceholderText(QStringLiteral("ssh://user@host"));
    m_address->setAccessibleName(tr("Address"));
    m_address->setMinimumContentsLength(32);
    m_problem->setObjectName(QStringLiteral("connectProblem"));
    m_problem->setWordWrap(true);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Connect"));

    auto* intro = new QLabel(
        tr("Cubby reaches the other machine's cubby-helper through SSH, with your SSH keys or "
           "agent, and shows its containers and networks beside this machine's. That machine's "
           "polkit decides what you may do there, as for the SSH user."));
    intro->setWordWrap(true);
    auto* form = new QFormLayout;
    form->addRow(tr("&Address:"), m_address);
    auto* hint = new QLabel(tr("ssh://[USER@]HOST[:PORT]; the host key is checked as ssh checks "
                               "it (~/.ssh/known_hosts)."));
    hint->setWordWrap(true);
    hint->setEnabled(false);
    form->addRow(QString(), hint);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);

    connect(m_address, &QComboBox::currentTextChanged, this, &ConnectDialog::check);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        emit chosen(m_address->currentText().trimmed());
        accept();
    });
    check();
}

void ConnectDialog::check() {
    const QString text = m_address->currentText().trimmed();
    const auto target = parseConnectUri(text.toStdString());
    const bool typed = text != QStringLiteral("ssh://") && !text.isEmpty();
    m_problem->setText(target || !typed ? QString()
                                        : QString::fromStdString(target.error().message));
    m_problem->setVisible(!m_problem->text().isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(target.has_value());
}

} // namespace cubby
