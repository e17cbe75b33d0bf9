#include "cgroup_plan.h"

#include "cpuset.h"

#include <algorithm>
#include <limits>

namespace cubby {

namespace {

// Saturates instead of wrapping: a limit too large to express is no tighter than "huge".
uint64_t kibToBytes(uint64_t kib) {
    constexpr uint64_t most = std::numeric_limits<uint64_t>::max() / 1024;
    return kib > most ? std::numeric_limits<uint64_t>::max() : kib * 1024;
}

std::optional<uint64_t> kibToBytes(const std::optional<uint64_t>& kib) {
    if (!kib)
        return std::nullopt;
    return kibToBytes(*kib);
}

} // namespace

const std::vector<DeviceRule>& standardContainerDevices() {
    // The nodes lxc and libvirt's LXC driver give a container, readable and writable. None
    // may be created (mknod): Cubby makes the container's /dev itself before its init runs,
    // and a container able to mknod an allowed node could place it where it should not be.
    static const std::vector<DeviceRule> devices = {
        {.type = 'c', .major = 1, .minor = 3},   // null
        {.type = 'c', .major = 1, .minor = 5},   // zero
        {.type = 'c', .major = 1, .minor = 7},   // full
        {.type = 'c', .major = 1, .minor = 8},   // random
        {.type = 'c', .major = 1, .minor = 9},   // urandom
        {.type = 'c', .major = 5, .minor = 0},   // tty: the process's controlling terminal
        {.type = 'c', .major = 5, .minor = 1},   // console
        {.type = 'c', .major = 5, .minor = 2},   // ptmx
        {.type = 'c', .major = 136, .minor = -1} // pts/*: its own devpts instance
    };
    return devices;
}

CgroupLimits planCgroupLimits(const Domain& domain, std::span<const BlockDeviceNumber> disks) {
    CgroupLimits limits;
    std::optional<uint64_t> memoryMax;
    if (domain.memoryKiB > 0)
        memoryMax = kibToBytes(domain.memoryKiB);
    if (const auto hard = kibToBytes(domain.memtune.hardLimitKiB))
        memoryMax = memoryMax ? std::min(*memoryMax, *hard) : *hard;
    limits.memoryMaxBytes = memoryMax;
    limits.memoryHighBytes = kibToBytes(domain.memtune.softLimitKiB);
    limits.memoryLowBytes = kibToBytes(domain.memtune.minGuaranteeKiB);
    limits.memorySwapMaxBytes = kibToBytes(domain.memtune.swapHardLimitKiB);
    limits.cpuShares = domain.cputune.shares;
    limits.cpuPeriodUs = domain.cputune.periodUs;
    limits.cpuQuotaUs = domain.cputune.quotaUs;
    if (!domain.cpuset.empty())
        limits.cpusetCpus = formatCpuset(domain.cpuset);
    limits.pidsMax = domain.cubby.processLimit.value_or(defaultContainerPidsMax);
    limits.ioWeight = domain.blkiotune.weight;
    const auto& devices = domain.blkiotune.devices;
    for (size_t i = 0; i < devices.size() && i < disks.size(); ++i) {
        IoDeviceLimit& out = limits.ioDevices.emplace_back();
        out.disk = disks[i];
        out.weight = devices[i].weight;
        out.readBytesPerSec = devices[i].readBytesPerSec;
        out.writeBytesPerSec = devices[i].writeBytesPerSec;
        out.readIopsPerSec = devices[i].readIopsPerSec;
        out.writeIopsPerSec = devices[i].writeIopsPerSec;
    }
    limits.allowedDevices = standardContainerDevices();
    return limits;
}

CgroupLimits planLiveCgroupLimits(const Domain& domain) {
    constexpr uint64_t defaultShares = 1024, defaultPeriodUs = 100000;
    const CgroupLimits full = planCgroupLimits(domain);
    CgroupLimits live;
    live.memoryMaxBytes = full.memoryMaxBytes;
    live.cpuShares = full.cpuShares.value_or(defaultShares);
    live.cpuPeriodUs = full.cpuPeriodUs.value_or(defaultPeriodUs);
    live.cpuQuotaUs = full.cpuQuotaUs.value_or(-1);
    return live;
}

LiveChanges compareForLiveUpdate(const Domain& running, const Domain& stored) {
    LiveChanges changes;
    changes.memory = running.memoryKiB != stored.memoryKiB ||
                     running.memtune.hardLimitKiB != stored.memtune.hardLimitKiB;
    changes.cpu = running.cputune != stored.cputune;
    // The rest: the stored definition with the live-changeable parts as they run.
    Domain rest = stored;
    rest.memoryKiB = running.memoryKiB;
    rest.currentMemoryKiB = running.currentMemoryKiB;
    rest.memtune.hardLimitKiB = running.memtune.hardLimitKiB;
    rest.cputune = running.cputune;
    rest.live = running.live;
    changes.other = !(rest == running);
    return changes;
}

uint64_t cpuWeightFromShares(uint64_t shares) {
    // Maps v1's range 2–262144 linearly onto 1–10000, so the minimum and maximum meet and the
    // default 1024 becomes 39 (not v2's default 100, exactly as systemd and crun do it).
    constexpr uint64_t minShares = 2, maxShares = 262144, maxWeight = 10000;
    shares = std::clamp(shares, minShares, maxShares);
    return 1 + ((shares - minShares) * (maxWeight - 1)) / (maxShares - minShares);
}

uint64_t ioWeightFromBlkioWeight(uint64_t weight) {
    constexpr uint64_t minBlkio = 10, maxBlkio = 1000, maxWeight = 10000;
    weight = std::clamp(weight, minBlkio, maxBlkio);
    return 1 + ((weight - minBlkio) * (maxWeight - 1)) / (maxBlkio - minBlkio);
}

} // namespace cubby
