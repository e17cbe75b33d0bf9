#pragma once
// An inline, non-modal message strip for the top of a window (like KMessageWidget): the
// helper's error text with a close button. Never a dialog: the window stays usable.

#include <QFrame>

class QLabel;
class QToolButton;

namespace cubby {

class MessageBar : public QFrame {
    Q_OBJECT
public:
    explicit MessageBar(QWidget* parent = nullptr);

    // Shows the bar with `text` (replacing what it showed).
    void showError(const QString& text);
    QString text() const;

private:
    QLabel* m_label = nullptr;
    QToolButton* m_close = nullptr;
};

} // namespace cubby
