#include "xml_page.h"

#include "helper_connection.h"
#include "helper_errors.h"
#include "xml_problem.h"

#include <QDBusPendingReply>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTextBlock>
#include <QVBoxLayout>

namespace cubby {

namespace {

// Long enough that a check does not run on every key, short enough to feel immediate.
constexpr int checkDelayMs = 250;

} // namespace

XmlPage::XmlPage(HelperConnection* helper, QWidget* parent)
    : QWidget(parent)
    , m_helper(helper)
    , m_editor(new QPlainTextEdit)
    , m_status(new QLabel)
    , m_apply(new QPushButton(tr("&Apply")))
    , m_revert(new QPushButton(tr("Re&vert"))) {
    setObjectName(QStringLiteral("xmlPage"));
    m_editor->setObjectName(QStringLiteral("xmlEditor"));
    m_editor->setAccessibleName(tr("Definition (XML)"));
    m_editor->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_editor->setTabChangesFocus(true); // Tab leaves the editor: a keyboard path out
    m_status->setObjectName(QStringLiteral("xmlStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_apply->setObjectName(QStringLiteral("xmlApply"));
    m_apply->setToolTip(tr("Redefine the container with this text"));
    m_revert->setObjectName(QStringLiteral("xmlRevert"));
    m_revert->setToolTip(tr("Throw the edit away and show the stored definition"));

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_status, 1);
    buttons->addWidget(m_revert);
    buttons->addWidget(m_apply);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_editor, 1);
    layout->addLayout(buttons);

    m_checkLater.setSingleShot(true);
    m_checkLater.setInterval(checkDelayMs);
    connect(&m_checkLater, &QTimer::timeout, this, &XmlPage::check);
    connect(m_editor, &QPlainTextEdit::textChanged, this, &XmlPage::textEdited);
    connect(m_apply, &QPushButton::clicked, this, &XmlPage::apply);
    connect(m_revert, &QPushButton::clicked, this, &XmlPage::revert);
    setContainer({}, false);
}

void XmlPage::setHelper(HelperConnection* helper) {
    if (helper == m_helper)
        return;
    m_helper = helper; // an edit made meanwhile stays a draft under its machine and name
    m_name.clear();    // the next setContainer fetches from this machine, whatever the name
    m_stored.clear();
}

QString XmlPage::draftKey(const QString& name) const {
    return (m_helper ? m_helper->uri() : QString()) + QLatin1Char('\n') + name;
}

void XmlPage::setContainer(const QString& name, bool running) {
    m_running = running;
    if (name == m_name && !m_stored.isEmpty()) {
        if (!isModified())
            check(); // the running note may have changed
        return;
    }
    m_name = name;
    m_saved = false;
    m_stored.clear();
    m_loading = true;
    m_editor->setPlainText(m_drafts.value(draftKey(name)));
    m_loading = false;
    m_editor->setReadOnly(name.isEmpty());
    if (name.isEmpty()) {
        showProblem(0, tr("Select a container to see its definition."), true);
        updateButtons();
        return;
    }
    fetch();
    if (isModified())
        check();
}

void XmlPage::fetch() {
    const QString name = m_name;
    m_helper->watch(m_helper->manager()->GetContainerXml(name, false), this,
                    [this, name, helper = m_helper](QDBusPendingCallWatcher& call) {
                        const QDBusPendingReply<QString> reply = call;
                        if (name != m_name || helper != m_helper)
                            return;
                        if (reply.isError()) {
                            if (!isModified())
                                showProblem(0, helperErrorText(reply.error()),
                                            isRefusal(reply.error()));
                            return;
                        }
                        m_stored = reply.value();
                        if (!isModified()) {
                            m_loading = true;
                            m_editor->setPlainText(m_stored);
                            m_loading = false;
                            check();
                        }
                        updateButtons();
                    });
}

void XmlPage::textEdited() {
    if (m_loading || m_name.isEmpty())
        return;
    m_saved = false;
    if (m_editor->toPlainText() == m_stored)
        m_drafts.remove(draftKey(m_name));
    else
        m_drafts.insert(draftKey(m_name), m_editor->toPlainText());
    m_valid = false;
    updateButtons();
    m_checkLater.start();
}

void XmlPage::check() {
    m_checkLater.stop();
    QStringList warnings;
    const auto problem = checkDomainText(m_editor->toPlainText(), &warnings);
    m_valid = !problem;
    if (problem) {
        showProblem(problem->line, problem->line > 0
                                       ? tr("Line %1: %2").arg(problem->line).arg(problem->message)
                                       : problem->message);
    } else if (!warnings.isEmpty()) {
        showProblem(
            0, tr("Accepted, but not acted on: %1").arg(warnings.join(QStringLiteral("; "))), true);
    } else if (isModified()) {
        showStatus(m_running ? tr("Valid. Apply saves it; the running container takes it at its "
                                  "next start.")
                             : tr("Valid. Apply saves it."));
    } else if (m_saved) {
        showStatus(m_running ? tr("Saved. The running container takes it at its next start.")
                             : tr("Saved."));
    } else {
        showStatus(m_running ? tr("The stored definition. The running container may differ "
                                  "until its next start.")
                             : tr("The stored definition."));
    }
    updateButtons();
}

void XmlPage::apply() {
    check();
    if (!m_valid || m_busy || !isModified())
        return;
    const QString name = m_name;
    const QString text = m_editor->toPlainText();
    m_busy = true;
    updateButtons();
    m_helper->watch(
        m_helper->manager()->DefineContainer(text), this,
        [this, name, text, draft = draftKey(name)](QDBusPendingCallWatcher& call) {
            m_busy = false;
            const QDBusPendingReply<QString, QStringList> reply = call;
            if (reply.isError()) {
                if (name == m_name) {
                    const QString message = helperErrorText(reply.error());
                    const int line = lineOfXmlMessage(text, reply.error().message());
                    showProblem(line, line > 0 ? tr("Line %1: %2").arg(line).arg(message) : message,
                                isRefusal(reply.error()));
                }
                updateButtons();
                return;
            }
            m_drafts.remove(draft);
            if (name == m_name) {
                m_saved = true;
                m_stored.clear();
                fetch(); // as the helper stored it (it may add an id range)
                check();
            }
            updateButtons();
            emit applied(name);
        });
}

void XmlPage::revert() {
    m_drafts.remove(draftKey(m_name));
    m_loading = true;
    m_editor->setPlainText(m_stored);
    m_loading = false;
    m_stored.isEmpty() ? fetch() : check();
    updateButtons();
}

void XmlPage::showProblem(int line, const QString& text, bool calm) {
    m_markedLine = line;
    QList<QTextEdit::ExtraSelection> marks;
    if (line > 0) {
        QTextEdit::ExtraSelection mark;
        mark.format.setBackground(QColor(0xf9, 0xe0, 0xe0));
        mark.format.setProperty(QTextFormat::FullWidthSelection, true);
        mark.cursor = QTextCursor(m_editor->document()->findBlockByNumber(line - 1));
        marks << mark;
    }
    m_editor->setExtraSelections(marks);
    m_status->setStyleSheet(calm ? QString() : QStringLiteral("color: #b02020;"));
    m_status->setText(text);
}

void XmlPage::showStatus(const QString& text) {
    showProblem(0, text, true);
}

void XmlPage::updateButtons() {
    m_apply->setEnabled(!m_name.isEmpty() && isModified() && m_valid && !m_busy);
    m_revert->setEnabled(!m_name.isEmpty() && isModified() && !m_busy);
}

} // namespace cubby
