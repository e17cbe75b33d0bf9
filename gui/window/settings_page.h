#pragma once
// The Settings tab: the selected container's memory cap, CPU limit and weight, process limit,
// init program, shared folders, network interfaces, disk I/O caps and quota (settings_disk.h,
// settings_interfaces.h) and autostart, edited as a form. Apply redefines the container with
// the changed values (the helper checks them as any definition) and, while it runs, gives it the
// new memory and CPU limits at once (ApplyLiveLimits); what only a restart changes (the init
// program, the process limit, the shared folders, the interfaces, the disk rows) is marked so.
// Autostart is switched at once. Revert shows the stored values again.

#include <QWidget>
#include <memory>

class QCheckBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;

namespace cubby {

class DiskSettings;
class HelperConnection;
class InterfaceSettings;
struct Domain;

class SettingsPage : public QWidget {
    Q_OBJECT
public:
    explicit SettingsPage(HelperConnection* helper, QWidget* parent = nullptr);

    // The machine whose containers it shows from now on (the selection moved to another
    // host's list).
    void setHelper(HelperConnection* helper);
    ~SettingsPage() override;

    // Shows `name`'s stored settings (fetched afresh unless its form has unapplied edits).
    void setContainer(const QString& name, bool running, bool autostart);
    QString container() const { return m_name; }

    QSpinBox* memory() const { return m_memory; }
    QCheckBox* cpuLimited() const { return m_cpuLimited; }
    QDoubleSpinBox* cpus() const { return m_cpus; }
    QSpinBox* cpuWeight() const { return m_weight; }
    QSpinBox* processes() const { return m_processes; }
    QLineEdit* init() const { return m_init; }
    // Init's arguments as a command line: blanks separate them, double quotes keep one whole.
    QLineEdit* initArguments() const { return m_initArgs; }
    // Host folders shared into the container (taken at the next start), one row each.
    QListWidget* shares() const { return m_shares; }
    QPushButton* removeShareButton() const { return m_removeShare; }
    // Adds `folder` (a host path; the app offers the home) as a share, read-only as the box
    // says; not stored until Apply. Refused in the status line when the definition would be
    // invalid (e.g. its target is taken).
    void addShare(const QString& folder);
    DiskSettings* disk() const { return m_disk; }
    InterfaceSettings* interfaces() const { return m_interfaces; }
    QCheckBox* autostart() const { return m_autostart; }
    QPushButton* applyButton() const { return m_apply; }
    QPushButton* revertButton() const { return m_revert; }
    QLabel* status() const { return m_status; }
    bool isModified() const;

signals:
    void applied(const QString& name);

private:
    void fetch();
    void showStored();
    void edited();
    void apply();
    void applyLive(const QString& name);
    void setAutostart(bool enabled);
    void showStatus(const QString& text, bool problem = false);
    void showShares();
    void browseForShare();
    void removeShare();
    // The form's problem in words; empty when Apply may go.
    QString problem() const;

    HelperConnection* m_helper;
    QSpinBox* m_memory;
    QCheckBox* m_cpuLimited;
    QDoubleSpinBox* m_cpus;
    QSpinBox* m_weight;
    QSpinBox* m_processes;
    QLabel* m_processesNote;
    QLineEdit* m_init;
    QLineEdit* m_initArgs;
    QLabel* m_initNote;
    QListWidget* m_shares;
    QPushButton* m_addShare;
    QPushButton* m_removeShare;
    QCheckBox* m_shareReadOnly;
    DiskSettings* m_disk;
    InterfaceSettings* m_interfaces;
    QCheckBox* m_autostart;
    QPushButton* m_apply;
    QPushButton* m_revert;
    QLabel* m_status;
    QString m_name;
    bool m_running = false;
    bool m_busy = false;
    bool m_filling = false;           // the form is being filled from the definition
    std::unique_ptr<Domain> m_stored; // the definition the form was filled from
    std::unique_ptr<Domain> m_shared; // its shares as edited (filesystems, share users)
};

} // namespace cubby
