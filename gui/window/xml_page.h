#pragma once
// The XML tab: the selected container's stored definition (what `cubbyctl dumpxml` shows), for
// people who would rather write it. The text is checked as it is typed with the helper's own
// parser; a problem is named in words and its line is marked. Apply redefines the container
// (a running one keeps running and takes the change at its next start); Revert brings back the
// stored text. Unapplied edits are kept per container, so selecting another one loses nothing.

#include <QHash>
#include <QTimer>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace cubby {

class HelperConnection;

class XmlPage : public QWidget {
    Q_OBJECT
public:
    explicit XmlPage(HelperConnection* helper, QWidget* parent = nullptr);

    // The machine whose containers it shows from now on (the main window's selection moved to
    // another host's list).
    void setHelper(HelperConnection* helper);

    // Shows `name`'s definition (its unapplied edit, if there is one; else fetched afresh).
    void setContainer(const QString& name, bool running);
    QString container() const { return m_name; }

    QPlainTextEdit* editor() const { return m_editor; }
    QPushButton* applyButton() const { return m_apply; }
    QPushButton* revertButton() const { return m_revert; }
    QLabel* status() const { return m_status; }
    // The line marked as the problem's (1-based), 0 when none is.
    int markedLine() const { return m_markedLine; }
    bool isModified() const { return m_drafts.contains(draftKey(m_name)); }

signals:
    // The helper took the new definition.
    void applied(const QString& name);

private:
    // Drafts are kept per machine and name: two machines may have containers of one name.
    QString draftKey(const QString& name) const;
    void fetch();
    void textEdited();
    void check();
    void apply();
    void revert();
    void showProblem(int line, const QString& text, bool calm = false);
    void showStatus(const QString& text);
    void updateButtons();

    HelperConnection* m_helper;
    QPlainTextEdit* m_editor;
    QLabel* m_status;
    QPushButton* m_apply;
    QPushButton* m_revert;
    QTimer m_checkLater;
    QString m_name;
    bool m_running = false;
    QString m_stored;                 // the helper's text for m_name
    QHash<QString, QString> m_drafts; // container → its edited, unapplied text
    bool m_valid = false;
    bool m_busy = false;
    bool m_loading = false; // setPlainText from here, not an edit
    bool m_saved = false;   // the text shown is what Apply just saved: say so until an edit
    int m_markedLine = 0;
};

} // namespace cubby
