#pragma once
// The Settings tab's disk rows: the container's I/O weight, read and write bandwidth caps on
// one disk of the host (the one holding its root filesystem, unless the definition names
// another), and a disk quota on its root filesystem. Filled from a definition and written back
// into one (<blkiotune> and <cubby:limits diskKiB>); all of it is taken at the next start.

#include "domain.h"

#include <QObject>

class QFormLayout;

class QComboBox;
class QDoubleSpinBox;
class QSpinBox;

namespace cubby {

class DiskSettings : public QObject {
    Q_OBJECT
public:
    explicit DiskSettings(QObject* parent = nullptr);
    // Adds its rows to the tab's form, so that their labels line up with the others.
    void addRows(QFormLayout* form);

    void showDomain(const Domain& domain);
    // Writes the rows into `domain`: the chosen disk's caps (other disks' are kept), the
    // weight and the quota.
    void applyTo(Domain& domain) const;
    bool differsFrom(const Domain& domain) const;
    // The rows' problem in words; empty when they may be applied.
    QString problem() const;

    QSpinBox* weight() const { return m_weight; }
    QComboBox* disk() const { return m_disk; }
    QSpinBox* readLimit() const { return m_read; }
    QSpinBox* writeLimit() const { return m_write; }
    QDoubleSpinBox* quota() const { return m_quota; }

signals:
    void edited();

private:
    void listDisks(const Domain& domain);
    void showDiskCaps();
    // The chosen disk's entry in `tune`, if it has one.
    static const BlkioDevice* capsOf(const BlkioTune& tune, const QString& disk);

    QSpinBox* m_weight;
    QComboBox* m_disk;
    QSpinBox* m_read;        // MiB/s; 0: no cap
    QSpinBox* m_write;       // MiB/s; 0: no cap
    QDoubleSpinBox* m_quota; // GiB; 0: none
    BlkioTune m_shown;       // as the definition shown has it, for a change of disk
    bool m_filling = false;
};

} // namespace cubby
