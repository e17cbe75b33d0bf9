#pragma once
// File ▸ Connect to Host…: the address of another machine whose containers the window should
// show (issue 13), like virt-manager's Add Connection. The machines connected before are
// offered; what is typed is checked as it is typed (cubbyctl's own rules for
// ssh://[USER@]HOST[:PORT]), and Connect is on only for an address that will be tried.

#include <QDialog>
#include <QStringList>

class QComboBox;
class QDialogButtonBox;
class QLabel;

namespace cubby {

class ConnectDialog : public QDialog {
    Q_OBJECT
public:
    explicit ConnectDialog(const QStringList& recent, QWidget* parent = nullptr);

    QComboBox* address() const { return m_address; }
    QDialogButtonBox* buttons() const { return m_buttons; }
    QLabel* problem() const { return m_problem; }

signals:
    void chosen(const QString& uri);

private:
    void check();

    QComboBox* m_address;
    QLabel* m_problem;
    QDialogButtonBox* m_buttons;
};

} // namespace cubby
