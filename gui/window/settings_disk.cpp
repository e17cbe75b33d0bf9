#include "settings_disk.h"

#include "cubby_metadata.h"

#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QSpinBox>
#include <algorithm>
#include <cmath>
#include <sys/stat.h>
#include <sys/sysmacros.h>

namespace cubby {

namespace {

constexpr int noWeight = 99; // shown as "Default": libvirt's weights start at 100
constexpr uint64_t mib = 1024 * 1024;
constexpr double kibPerGib = 1024.0 * 1024.0;

// The host's disks as sysfs lists them: the name and its size in bytes. RAM disks and loop
// devices without a backing file hold nothing a container's files could be on.
QList<QPair<QString, qint64>> hostDisks() {
    QList<QPair<QString, qint64>> disks;
    const QDir block(QStringLiteral("/sys/block"));
    for (const QString& name : block.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        QFile size(block.filePath(name + QStringLiteral("/size")));
        const qint64 sectors =
            size.open(QIODevice::ReadOnly) ? size.readAll().trimmed().toLongLong() : 0;
        if (sectors <= 0 || name.startsWith(QLatin1String("ram")) ||
            name.startsWith(QLatin1String("zram")))
            continue;
        disks.append({name, sectors * 512});
    }
    return disks;
}

// The disk (not the partition) holding `path`, or the nearest folder above it this user may
// look at (a container's root usually sits in a folder only root may enter); empty if none.
QString diskHolding(const QString& path) {
    QString at = path;
    struct stat status = {};
    while (!at.isEmpty() && ::stat(QFile::encodeName(at).constData(), &status) != 0)
        at = at == QLatin1String("/") ? QString() : QFileInfo(at).path();
    if (at.isEmpty())
        return {};
    const QString device = QFileInfo(QStringLiteral("/sys/dev/block/%1:%2")
                                         .arg(::major(status.st_dev))
                                         .arg(::minor(status.st_dev)))
                               .canonicalFilePath();
    if (device.isEmpty())
        return {};
    const QFileInfo partition(device + QStringLiteral("/partition"));
    return partition.exists() ? QFileInfo(QFileInfo(device).path()).fileName()
                              : QFileInfo(device).fileName();
}

std::optional<uint64_t> bytesPerSecond(int mibPerSecond) {
    if (mibPerSecond <= 0)
        return std::nullopt;
    return uint64_t(mibPerSecond) * mib;
}

int mibPerSecond(const std::optional<uint64_t>& bytes) {
    if (!bytes)
        return 0;
    return int(std::min<uint64_t>(std::max<uint64_t>(*bytes / mib, 1), 1024 * 1024));
}

} // namespace

DiskSettings::DiskSettings(QObject* parent)
    : QObject(parent)
    , m_weight(new QSpinBox)
    , m_disk(new QComboBox)
    , m_read(new QSpinBox)
    , m_write(new QSpinBox)
    , m_quota(new QDoubleSpinBox) {
    m_weight->setObjectName(QStringLiteral("settingsIoWeight"));
    m_weight->setRange(noWeight, 1000);
    m_weight->setSpecialValueText(tr("Default"));
    m_weight->setSingleStep(100);
    m_weight->setAccessibleName(tr("I/O weight"));
    m_weight->setToolTip(tr("Its share of the disks against other containers when they are "
                            "busy, 100–1000; where the host's disks have no weight control it "
                            "is left out and the log says so"));
    m_disk->setObjectName(QStringLiteral("settingsIoDisk"));
    m_disk->setAccessibleName(tr("Disk"));
    m_disk->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_read->setObjectName(QStringLiteral("settingsIoRead"));
    m_write->setObjectName(QStringLiteral("settingsIoWrite"));
    for (QSpinBox* cap : {m_read, m_write}) {
        cap->setRange(0, 1024 * 1024);
        cap->setSpecialValueText(tr("No limit"));
        cap->setSuffix(tr(" MiB/s"));
        cap->setSingleStep(10);
        cap->setMinimumWidth(140);
    }
    m_read->setAccessibleName(tr("Read limit"));
    m_write->setAccessibleName(tr("Write limit"));
    m_quota->setObjectName(QStringLiteral("settingsDiskQuota"));
    m_quota->setRange(0, 1024 * 1024);
    m_quota->setDecimals(1);
    m_quota->setSpecialValueText(tr("None"));
    m_quota->setSuffix(tr(" GiB"));
    m_quota->setAccessibleName(tr("Disk quota"));
    m_quota->setToolTip(tr("At most this much in its root filesystem; needs project quotas "
                           "on that filesystem (ext4 with the project feature mounted "
                           "prjquota, or XFS with pquota)"));
    m_weight->setMinimumWidth(140);
    m_quota->setMinimumWidth(140);

    for (QSpinBox* spin : {m_weight, m_read, m_write})
        connect(spin, &QSpinBox::valueChanged, this, [this] {
            if (!m_filling)
                emit edited();
        });
    connect(m_quota, &QDoubleSpinBox::valueChanged, this, [this] {
        if (!m_filling)
            emit edited();
    });
    connect(m_disk, &QComboBox::currentIndexChanged, this, [this] {
        if (m_filling)
            return;
        showDiskCaps();
        emit edited();
    });
}

void DiskSettings::addRows(QFormLayout* form) {
    const auto label = [](const QString& text, QWidget* buddy) {
        auto* shown = new QLabel(text);
        shown->setBuddy(buddy);
        return shown;
    };
    auto* caps = new QHBoxLayout;
    caps->addWidget(m_disk);
    caps->addWidget(label(tr("&Read:"), m_read));
    caps->addWidget(m_read);
    caps->addWidget(label(tr("Wri&te:"), m_write));
    caps->addWidget(m_write);
    caps->addStretch(1);
    form->addRow(label(tr("Dis&k I/O:"), m_disk), caps);
    auto* weight = new QHBoxLayout;
    weight->addWidget(m_weight);
    auto* quotaLabel = label(tr("Disk &quota:"), m_quota);
    weight->addSpacing(12);
    weight->addWidget(quotaLabel);
    weight->addWidget(m_quota);
    weight->addStretch(1);
    auto* note = new QLabel(tr("after a restart"));
    note->setEnabled(false);
    weight->addWidget(note);
    form->addRow(label(tr("I/O wei&ght:"), m_weight), weight);
}

void DiskSettings::listDisks(const Domain& domain) {
    m_disk->clear();
    for (const auto& [name, size] : hostDisks())
        m_disk->addItem(tr("%1 (%2)").arg(name, QLocale().formattedDataSize(size)),
                        QStringLiteral("/dev/") + name);
    // A disk the definition names that this host does not list (yet) stays choosable.
    for (const BlkioDevice& device : domain.blkiotune.devices) {
        const QString path = QString::fromStdString(device.path);
        if (m_disk->findData(path) < 0)
            m_disk->addItem(path, path);
    }
    int chosen = -1;
    if (!domain.blkiotune.devices.empty())
        chosen = m_disk->findData(QString::fromStdString(domain.blkiotune.devices.front().path));
    if (chosen < 0) {
        const Filesystem* root = domain.rootFilesystem();
        const QString holding = diskHolding(QString::fromStdString(root ? root->sourceDir : "/"));
        chosen = holding.isEmpty() ? -1 : m_disk->findData(QStringLiteral("/dev/") + holding);
    }
    m_disk->setCurrentIndex(chosen >= 0 ? chosen : 0);
}

const BlkioDevice* DiskSettings::capsOf(const BlkioTune& tune, const QString& disk) {
    for (const BlkioDevice& device : tune.devices) {
        if (QString::fromStdString(device.path) == disk)
            return &device;
    }
    return nullptr;
}

void DiskSettings::showDiskCaps() {
    const bool filling = std::exchange(m_filling, true);
    const BlkioDevice* caps = capsOf(m_shown, m_disk->currentData().toString());
    m_read->setValue(caps ? mibPerSecond(caps->readBytesPerSec) : 0);
    m_write->setValue(caps ? mibPerSecond(caps->writeBytesPerSec) : 0);
    m_filling = filling;
}

void DiskSettings::showDomain(const Domain& domain) {
    m_filling = true;
    m_shown = domain.blkiotune;
    listDisks(domain);
    showDiskCaps();
    m_weight->setValue(int(domain.blkiotune.weight.value_or(noWeight)));
    m_quota->setValue(domain.cubby.diskQuotaKiB ? double(*domain.cubby.diskQuotaKiB) / kibPerGib
                                                : 0.0);
    m_filling = false;
}

void DiskSettings::applyTo(Domain& domain) const {
    BlkioTune& tune = domain.blkiotune;
    tune.weight =
        m_weight->value() == noWeight ? std::nullopt : std::optional(unsigned(m_weight->value()));
    const QString disk = m_disk->currentData().toString();
    if (!disk.isEmpty()) {
        auto entry = std::ranges::find_if(tune.devices, [&](const BlkioDevice& device) {
            return QString::fromStdString(device.path) == disk;
        });
        if (entry == tune.devices.end()) {
            tune.devices.push_back({});
            entry = tune.devices.end() - 1;
            entry->path = disk.toStdString();
        }
        // A cap shown rounded to whole MiB/s is kept exactly while it is left as shown.
        const BlkioDevice* shown = capsOf(m_shown, disk);
        const auto keepOrSet = [](int value, const std::optional<uint64_t>& before) {
            return mibPerSecond(before) == value ? before : bytesPerSecond(value);
        };
        entry->readBytesPerSec =
            keepOrSet(m_read->value(), shown ? shown->readBytesPerSec : std::nullopt);
        entry->writeBytesPerSec =
            keepOrSet(m_write->value(), shown ? shown->writeBytesPerSec : std::nullopt);
        BlkioDevice bare;
        bare.path = entry->path;
        if (*entry == bare)
            tune.devices.erase(entry); // nothing left to ask of that disk
    }
    const double gib = m_quota->value();
    const auto before = domain.cubby.diskQuotaKiB;
    if (gib <= 0)
        domain.cubby.diskQuotaKiB.reset();
    else if (!before || std::abs(double(*before) / kibPerGib - gib) >= 0.05)
        domain.cubby.diskQuotaKiB = uint64_t(std::llround(gib * kibPerGib));
}

bool DiskSettings::differsFrom(const Domain& domain) const {
    Domain changed = domain;
    applyTo(changed);
    return changed.blkiotune != domain.blkiotune ||
           changed.cubby.diskQuotaKiB != domain.cubby.diskQuotaKiB;
}

QString DiskSettings::problem() const {
    if (m_quota->value() > 0 && m_quota->value() * kibPerGib < double(minDiskQuotaKiB))
        return tr("A disk quota is at least %1 MiB.").arg(minDiskQuotaKiB / 1024);
    return {};
}

} // namespace cubby
