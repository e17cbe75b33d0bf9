#pragma once
// The password dialog of the app's own polkit authentication agent (auth_agent.h): what is
// asked, in plain words, who authenticates (a chooser when polkit offers several identities),
// a password field, the request's details on demand, Authenticate and Cancel. Non-modal: the
// main window stays usable while it is open. It holds no password: Authenticate hands the
// text over and clears the field at once.

#include <QDialog>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QToolButton;

namespace cubby {

class AuthDialog : public QDialog {
    Q_OBJECT
public:
    struct Identity {
        QString id;   // polkit's form, "unix-user:0"
        QString name; // as shown, "Administrator (root)"
    };
    struct Request {
        QString actionId;
        QString message; // polkit's, from the action's <message> in the policy file
        QList<QPair<QString, QString>> details;
        QList<Identity> identities;
    };

    explicit AuthDialog(const Request& request, QWidget* parent = nullptr);

    QString chosenIdentity() const;
    // polkit (PAM) asks for an answer: `prompt` as PAM words it, `echo` when it is not secret.
    void askFor(const QString& prompt, bool echo);
    // A problem with the last answer (a wrong password), shown until the next answer.
    void showProblem(const QString& text);
    void showInfo(const QString& text);

    // The pieces a test or a screen reader looks at.
    QLineEdit* passwordField() const { return m_password; }
    QPushButton* authenticateButton() const { return m_authenticate; }
    QLabel* problemLabel() const { return m_problem; }
    QLabel* headingLabel() const { return m_heading; }
    QString identityShown() const;

    // The words for a polkit identity ("unix-user:0" → "Administrator (root)").
    static QString identityName(const QString& identityId);

signals:
    // The answer, given once; the field is already empty.
    void answered(const QString& answer);
    void identityChosen(const QString& identityId);
    // Cancel, Escape or the window's close button.
    void cancelled();

public slots:
    void reject() override;

private:
    void authenticate();
    void updateAuthenticate();
    void showLine(QLabel* label, const QString& text);
    QString detailsText(const Request& request) const;

    QLabel* m_heading = nullptr;
    QLabel* m_who = nullptr;
    QComboBox* m_identities = nullptr;
    QLabel* m_prompt = nullptr;
    QLineEdit* m_password = nullptr;
    QLabel* m_problem = nullptr;
    QLabel* m_info = nullptr;
    QToolButton* m_detailsButton = nullptr;
    QLabel* m_details = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QPushButton* m_authenticate = nullptr;
    bool m_waitingForAnswer = false; // polkit asked and has not been answered yet
};

} // namespace cubby
