#include "overview_page.h"

#include "container_list_model.h"
#include "sparkline.h"

#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>
#include <algorithm>

namespace cubby {

namespace {

// cgroup v2 says "max" and v1 a huge number when nothing limits memory.
constexpr qulonglong unlimitedBytes = qulonglong(1) << 60;

} // namespace

OverviewPage::OverviewPage(QWidget* parent)
    : QWidget(parent)
    , m_heading(new QLabel(this))
    , m_cpu(new Sparkline(tr("CPU"), QColor(0x3d, 0xae, 0xe9), this))
    , m_memory(new Sparkline(tr("Memory"), QColor(0x8e, 0x44, 0xad), this)) {
    // The scales follow the figures, so an idle container's few hundred KiB and its
    // fraction of a percent still draw a line one can read; the limit is in the text.
    m_cpu->setMinimumScale(10.0);
    m_memory->setMinimumScale(1024.0 * 1024.0);
    m_cpu->setScale([](double least) {
        const double top = Sparkline::roundUp(least);
        return std::pair(top, ContainerListModel::percentText(top, top < 10 ? 1 : 0));
    });
    m_memory->setScale([](double least) {
        // Round in the unit the figure is written in: 2.5 MiB, not 2.6 million bytes.
        double unit = 1;
        while (least / unit >= 1024)
            unit *= 1024;
        const double top = Sparkline::roundUp(least / unit) * unit;
        return std::pair(top, formatBytes(top));
    });
    m_cpu->setObjectName(QStringLiteral("cpuGraph"));
    m_memory->setObjectName(QStringLiteral("memoryGraph"));
    QFont headingFont = m_heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.4);
    headingFont.setBold(true);
    m_heading->setFont(headingFont);

    auto* form = new QFormLayout;
    form->setLabelAlignment(Qt::AlignRight);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_state = addField(form, tr("State:"));
    m_id = addField(form, tr("ID:"));
    m_uuid = addField(form, tr("UUID:"));
    m_memoryText = addField(form, tr("Memory:"));
    m_cpuTime = addField(form, tr("CPU time:"));
    m_autostart = addField(form, tr("Autostart:"));
    m_console = addField(form, tr("Console:"));

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_heading);
    layout->addLayout(form);
    layout->addSpacing(8);
    layout->addWidget(m_cpu);
    layout->addWidget(m_memory);
    layout->addStretch(1);
    setContainer({});
}

QLabel* OverviewPage::addField(QFormLayout* form, const QString& label) {
    auto* value = new QLabel(this);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(label, value);
    return value;
}

void OverviewPage::setContainer(const QString& name) {
    m_name = name;
    m_meter.reset();
    m_cpu->clear();
    m_memory->clear();
    m_cpu->setIdleText(tr("waiting for data"));
    m_memory->setIdleText(tr("waiting for data"));
    m_maxMemoryKib = 0;
    m_heading->setText(name.isEmpty() ? tr("No container selected") : name);
    for (QLabel* field : {m_state, m_id, m_uuid, m_memoryText, m_cpuTime, m_autostart, m_console})
        field->setText(name.isEmpty() ? QString() : QStringLiteral("…"));
    m_cpu->setVisible(!name.isEmpty());
    m_memory->setVisible(!name.isEmpty());
}

void OverviewPage::setInfo(const QVariantMap& info) {
    if (info.value(QStringLiteral("name")).toString() != m_name)
        return;
    const bool running = info.value(QStringLiteral("state")).toString() == "running";
    m_state->setText(ContainerListModel::stateText(info.value(QStringLiteral("state")).toString()));
    m_id->setText(running ? info.value(QStringLiteral("id")).toString() : QStringLiteral("–"));
    m_uuid->setText(info.value(QStringLiteral("uuid")).toString());
    m_maxMemoryKib = info.value(QStringLiteral("max_memory_kib")).toULongLong();
    const QString limit =
        m_maxMemoryKib > 0 ? formatBytes(double(m_maxMemoryKib) * 1024) : tr("no limit");
    m_memoryText->setText(
        running ? tr("%1 used of %2")
                      .arg(formatBytes(
                               double(info.value(QStringLiteral("used_memory_kib")).toULongLong()) *
                               1024),
                           limit)
                : tr("limit %1").arg(limit));
    m_cpuTime->setText(running
                           ? formatCpuTime(info.value(QStringLiteral("cpu_time_ns")).toULongLong())
                           : QStringLiteral("–"));
    if (!running) {
        // What a stopped container used last time is gone with its cgroup.
        m_cpu->clear();
        m_memory->clear();
        m_cpu->setIdleText(tr("not running"));
        m_memory->setIdleText(tr("not running"));
    } else {
        m_cpu->setIdleText(tr("waiting for data"));
        m_memory->setIdleText(tr("waiting for data"));
    }
    m_autostart->setText(info.value(QStringLiteral("autostart")).toBool() ? tr("yes") : tr("no"));
    const QString console = info.value(QStringLiteral("console")).toString();
    m_console->setText(console.isEmpty() ? QStringLiteral("–") : console);
}

void OverviewPage::addStats(const QVariantMap& stats, qint64 wallNs) {
    if (stats.value(QStringLiteral("name")).toString() != m_name)
        return;
    const qulonglong cpuTime = stats.value(QStringLiteral("cpu_time_ns")).toULongLong();
    if (const auto percent = m_meter.sample(cpuTime, wallNs)) {
        m_cpu->addSample(*percent, ContainerListModel::percentText(*percent));
    }
    const double used = double(stats.value(QStringLiteral("memory_bytes")).toULongLong());
    qulonglong limit = stats.value(QStringLiteral("memory_max_bytes")).toULongLong();
    if (limit == 0 || limit >= unlimitedBytes)
        limit = m_maxMemoryKib * 1024;
    m_memory->addSample(
        used, limit > 0 ? tr("%1 of %2").arg(formatBytes(used), formatBytes(double(limit)))
                        : formatBytes(used));
    m_cpuTime->setText(formatCpuTime(cpuTime));
    m_memoryText->setText(
        limit > 0 ? tr("%1 used of %2").arg(formatBytes(used), formatBytes(double(limit)))
                  : tr("%1 used").arg(formatBytes(used)));
}

void OverviewPage::stopStats() {
    m_meter.reset();
}

QString OverviewPage::formatBytes(double bytes) {
    return QLocale().formattedDataSize(qint64(bytes), 1, QLocale::DataSizeIecFormat);
}

QString OverviewPage::formatCpuTime(qulonglong nanoseconds) {
    return tr("%1 s").arg(QLocale().toString(double(nanoseconds) / 1e9, 'f', 2));
}

} // namespace cubby
