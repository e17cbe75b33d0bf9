#pragma once
// An inline, non-modal message strip for the top of a window (like KMessageWidget): an error
// in red, or a calm notice (an action that was refused or whose authentication was cancelled,
// which changed nothing) in blue, with a close button. Never a dialog: the window stays usable.

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
    // Shows `text` as a notice: nothing went wrong, nothing was changed.
    void showNotice(const QString& text);
    QString text() const;
    bool isError() const { return m_error; }

private:
    void showStyled(const QString& text, bool error);

    bool m_error = true;
    QLabel* m_label = nullptr;
    QToolButton* m_close = nullptr;
};

} // namespace cubby
