#pragma once
// The "Overview" tab: the selected container's GetContainerInfo fields and live CPU and memory
// graphs fed from GetStats samples.

#include "cpu_meter.h"

#include <QVariantMap>
#include <QWidget>

class QFormLayout;
class QLabel;

namespace cubby {

class Sparkline;

class OverviewPage : public QWidget {
    Q_OBJECT
public:
    explicit OverviewPage(QWidget* parent = nullptr);

    // Starts showing another container (empty: none); the graphs start over.
    void setContainer(const QString& name);
    QString container() const { return m_name; }
    // A GetContainerInfo reply for the shown container.
    void setInfo(const QVariantMap& info);
    // One GetStats entry for the shown container, read at `wallNs` (a monotonic clock).
    void addStats(const QVariantMap& stats, qint64 wallNs);
    // The container stopped: no more samples, the graphs keep what they showed.
    void stopStats();

    Sparkline* cpuGraph() const { return m_cpu; }
    Sparkline* memoryGraph() const { return m_memory; }

    static QString formatBytes(double bytes);
    static QString formatCpuTime(qulonglong nanoseconds);

private:
    QLabel* addField(QFormLayout* form, const QString& label);

    QString m_name;
    CpuMeter m_meter;
    QLabel* m_heading = nullptr;
    QLabel* m_state = nullptr;
    QLabel* m_id = nullptr;
    QLabel* m_uuid = nullptr;
    QLabel* m_memoryText = nullptr;
    QLabel* m_cpuTime = nullptr;
    QLabel* m_autostart = nullptr;
    QLabel* m_console = nullptr;
    Sparkline* m_cpu = nullptr;
    Sparkline* m_memory = nullptr;
    qulonglong m_maxMemoryKib = 0;
};

} // namespace cubby
