#include "message_bar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>

namespace cubby {

MessageBar::MessageBar(QWidget* parent)
    : QFrame(parent)
    , m_label(new QLabel(this))
    , m_close(new QToolButton(this)) {
    setObjectName(QStringLiteral("messageBar"));
    setFrameShape(QFrame::StyledPanel);
    m_label->setWordWrap(true);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_close->setAutoRaise(true);
    m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_close->setToolTip(tr("Close"));
    m_close->setAccessibleName(tr("Close message"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_close, 0, Qt::AlignTop);
    connect(m_close, &QToolButton::clicked, this, &QWidget::hide);
    hide();
}

void MessageBar::showError(const QString& text) {
    showStyled(text, true);
}

void MessageBar::showNotice(const QString& text) {
    showStyled(text, false);
}

void MessageBar::showStyled(const QString& text, bool error) {
    m_error = error;
    // KMessageWidget's colours: errors a pale red fill with a red border, notices a pale blue
    // one with a blue border; dark text on both.
    setStyleSheet(error ? QStringLiteral("cubby--MessageBar { background: #f9e0e0; border: 1px "
                                         "solid #da4453; border-radius: 4px; } QLabel { color: "
                                         "#3a0c10; }")
                        : QStringLiteral("cubby--MessageBar { background: #e3f1fa; border: 1px "
                                         "solid #3daee9; border-radius: 4px; } QLabel { color: "
                                         "#0c2a3a; }"));
    m_label->setText(text);
    show();
}

QString MessageBar::text() const {
    return m_label->text();
}

} // namespace cubby
