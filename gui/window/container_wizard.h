#pragma once
// The New Container wizard: name and resources, root filesystem, network, then a summary page
// that makes the container (ContainerCreation) and shows the root filesystem job's progress.
// Non-modal and never blocking: it is opened with show(); the lists it offers (networks,
// root filesystems) arrive asynchronously and fill in when they do. Each page checks its part
// of the one ContainerRequest before Next and says what is wrong in a line on the page.

#include "container_request.h"

#include <QMap>
#include <QWizard>
#include <QWizardPage>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QSpinBox;
class QStringListModel;

namespace cubby {

class ContainerCreation;
class ImageChooser;
class ContainerListModel;
class HelperConnection;

// A Cubby network as ListNetworks describes it.
struct NetworkChoice {
    QString name;
    QString forward;
    QString subnet;
    bool active = false;
};

class ContainerWizard : public QWizard {
    Q_OBJECT
public:
    enum PageId { NamePageId, RootfsPageId, NetworkPageId, CreatePageId };

    ContainerWizard(HelperConnection* helper, const ContainerListModel* containers,
                    QWidget* parent = nullptr);
    ~ContainerWizard() override;

    // The request as the pages say now.
    ContainerRequest request() const;
    QStringList existingContainers() const;
    const QMap<QString, QString>& rootfsPaths() const { return m_rootfsPaths; }
    const QList<NetworkChoice>& networks() const { return m_networks; }
    HelperConnection* helper() const { return m_helper; }
    ContainerCreation* creation() const { return m_creation; }

    void done(int result) override;

signals:
    // The container exists (and runs, when asked); the wizard closes next.
    void created(const QString& name);
    // The lists from the helper arrived (networks, root filesystems).
    void listsChanged();

private:
    void fetchLists();

    HelperConnection* m_helper;
    const ContainerListModel* m_containers;
    ContainerCreation* m_creation;
    QMap<QString, QString> m_rootfsPaths; // Cubby's root filesystems: name → path
    QList<NetworkChoice> m_networks;
};

// A page that shows why it cannot go on in a line under its fields.
class WizardPageBase : public QWizardPage {
    Q_OBJECT
public:
    explicit WizardPageBase(QWidget* parent = nullptr);
    bool isComplete() const override;
    // Fills this page's part of the request.
    virtual void apply(ContainerRequest& request) const = 0;

protected:
    ContainerWizard* containerWizard() const;
    // This page's check of the request built so far; empty when fine.
    virtual QString problem() const = 0;
    // Re-evaluates the check: the message line and the Next button follow.
    void recheck();
    QLabel* m_message = nullptr;
};

class NamePage : public WizardPageBase {
    Q_OBJECT
public:
    explicit NamePage(QWidget* parent = nullptr);
    void apply(ContainerRequest& request) const override;

protected:
    QString problem() const override;

private:
    QLineEdit* m_name;
    QSpinBox* m_memory;
    QCheckBox* m_limitCpu;
    QDoubleSpinBox* m_cpuLimit;
    QSpinBox* m_cpuWeight;
    QCheckBox* m_autostart;
    QCheckBox* m_start;
    QLineEdit* m_sharedFolder;
    QPushButton* m_browseShared;
    QCheckBox* m_sharedReadOnly;
    QLabel* m_sharedNote;
    QCheckBox* m_privileged;
    QLabel* m_privilegedWarning;

    void browseShared();
    void updateAccessNotes();
};

class RootfsPage : public WizardPageBase {
    Q_OBJECT
public:
    explicit RootfsPage(QWidget* parent = nullptr);
    void apply(ContainerRequest& request) const override;
    void initializePage() override;

protected:
    QString problem() const override;

private:
    RootfsKind kind() const;
    void kindChanged();
    void loginChanged();
    void browse(bool directory);
    void offerPaths();

    QButtonGroup* m_kinds;
    QComboBox* m_suite;
    QLineEdit* m_packages;
    QCheckBox* m_minimal; // Debian without an init system
    QFormLayout* m_debianForm;
    QComboBox* m_login; // DebianLogin, in its order
    QLineEdit* m_user;
    QLineEdit* m_password;
    QLineEdit* m_passwordRepeat;
    QLineEdit* m_tarball;
    QPushButton* m_browseTarball;
    QLineEdit* m_directory;
    QPushButton* m_browseDirectory;
    QLineEdit* m_init;
    QLabel* m_initNote;
    QStringListModel* m_paths;
    ImageChooser* m_imageChooser;
    bool m_initEdited = false;
};

class NetworkPage : public WizardPageBase {
    Q_OBJECT
public:
    explicit NetworkPage(QWidget* parent = nullptr);
    void apply(ContainerRequest& request) const override;
    void initializePage() override;

protected:
    QString problem() const override;

private:
    void fillNetworks();
    void updateNote();

    QButtonGroup* m_kinds;
    QRadioButton* m_host;
    QComboBox* m_network;
    QComboBox* m_bridge;
    QLabel* m_note;
};

class CreatePage : public WizardPageBase {
    Q_OBJECT
public:
    explicit CreatePage(QWidget* parent = nullptr);
    void apply(ContainerRequest&) const override {}
    void initializePage() override;
    bool validatePage() override;
    bool isComplete() const override;

protected:
    QString problem() const override { return {}; }

private:
    void connectCreation();
    void setRunning(bool running);
    void showProgress(double fraction, const QString& status);
    void showFailure(const QString& message);

    QLabel* m_summary;
    QLabel* m_step;
    QProgressBar* m_progress;
    QLabel* m_status;
    QPushButton* m_cancelJob;
    bool m_running = false;
    bool m_done = false;
    bool m_connected = false;
};

} // namespace cubby
