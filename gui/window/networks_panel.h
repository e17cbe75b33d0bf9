#pragma once
// The networks: a table (name, state, bridge, subnet, forwarding, autostart) kept current by
// the helper's Network* signals, the actions Start, Stop, Delete, Diagnose and New Network…,
// and below the table the diagnosis of the selected network ("why no internet?"): each hop a
// container's packets take, with its status. Every call is asynchronous; errors leave through
// error() for the window's message bar; the delete confirmation is opened, never exec'd.

#include <QPointer>
#include <QVariantMap>
#include <QWidget>
#include <array>

class QDBusPendingCall;
class QLabel;
class QPushButton;
class QTableView;
class QTreeWidget;

namespace cubby {

class HelperConnection;
class NetworkListModel;
class NetworkWizard;

class NetworksPanel : public QWidget {
    Q_OBJECT
public:
    enum Button { Start, Stop, Delete, Diagnose, New, ButtonCount };

    explicit NetworksPanel(HelperConnection* helper, QWidget* parent = nullptr);

    NetworkListModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    QPushButton* button(Button which) const { return m_buttons.at(which); }
    QTreeWidget* diagnosis() const { return m_diagnosis; }
    NetworkWizard* wizard() const { return m_wizard; } // while one is open
    QString selectedNetwork() const;
    bool selectNetwork(const QString& name);

public slots:
    void refresh();
    void newNetwork();

signals:
    void error(const QString& message);
    // The list arrived (for tests and for whoever waits on a fresh state).
    void listed();
    void diagnosed(const QString& name);

private:
    void updateButtons();
    void operate(const QDBusPendingCall& call, const QString& failure);
    void confirmDelete();
    void diagnose();
    void clearDiagnosis();
    void showDiagnosis(const QString& name, const QList<QVariantMap>& hops);

    HelperConnection* m_helper;
    NetworkListModel* m_model;
    QTableView* m_view;
    QTreeWidget* m_diagnosis;
    QLabel* m_diagnosisTitle;
    std::array<QPushButton*, ButtonCount> m_buttons{};
    QPointer<NetworkWizard> m_wizard;
    QString m_diagnosed; // whose hops the diagnosis shows
    QString m_busyName;  // an operation on it runs: its buttons stay off
};

} // namespace cubby
