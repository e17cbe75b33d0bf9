#pragma once
// What a container may use, computed from its definition. Pure: the cgroup backends in
// engine/sys turn it into file writes (v1 or v2) or a BPF device program.

#include "domain.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace cubby {

struct DeviceRule {
    char type = 'c'; // 'c' character, 'b' block
    int major = -1;  // -1: any
    int minor = -1;  // -1: any
    bool read = true;
    bool write = true;
    bool mknod = false;
    bool operator==(const DeviceRule&) const = default;
};

// A disk as the kernel numbers it (the node's st_rdev), resolved from a <blkiotune> path.
struct BlockDeviceNumber {
    unsigned major = 0;
    unsigned minor = 0;
    bool operator==(const BlockDeviceNumber&) const = default;
};

// What <blkiotune><device> asks of one disk.
struct IoDeviceLimit {
    BlockDeviceNumber disk;
    std::optional<uint64_t> weight; // libvirt's scale, 100–1000
    std::optional<uint64_t> readBytesPerSec;
    std::optional<uint64_t> writeBytesPerSec;
    std::optional<uint64_t> readIopsPerSec;
    std::optional<uint64_t> writeIopsPerSec;
    bool operator==(const IoDeviceLimit&) const = default;
};

struct CgroupLimits {
    std::optional<uint64_t> memoryMaxBytes;     // <memory>, or memtune hard_limit if lower
    std::optional<uint64_t> memoryHighBytes;    // memtune soft_limit
    std::optional<uint64_t> memoryLowBytes;     // memtune min_guarantee
    std::optional<uint64_t> memorySwapMaxBytes; // memtune swap_hard_limit (memory + swap)
    std::optional<uint64_t> cpuShares;          // <cputune><shares> (v1 scale, 1024 default)
    std::optional<uint64_t> cpuPeriodUs;
    std::optional<int64_t> cpuQuotaUs; // -1: no limit
    std::string cpusetCpus;            // "0-2,4"; empty: inherit
    std::optional<uint64_t> pidsMax;
    std::optional<uint64_t> ioWeight; // <blkiotune><weight>, libvirt's scale 100–1000
    std::vector<IoDeviceLimit> ioDevices;
    std::vector<DeviceRule> allowedDevices; // everything else is denied
    bool operator==(const CgroupLimits&) const = default;
};

// The device nodes every container gets: null, zero, full, random, urandom, tty, console,
// ptmx and its own devpts instance's ptys.
const std::vector<DeviceRule>& standardContainerDevices();

// The pids.max every container gets: a fork bomb inside stops there instead of at the host's
// limit. libvirt's definitions have no element for it.
constexpr uint64_t defaultContainerPidsMax = 4096;

// `disks` are the numbers of domain.blkiotune.devices' nodes, in the same order (the
// controller resolves them at start); devices without one are left out.
CgroupLimits planCgroupLimits(const Domain& domain, std::span<const BlockDeviceNumber> disks = {});

// What a running container's group takes without a restart: the memory cap and the CPU weight
// and quota (virsh setmem / schedinfo --live). CPU settings the definition leaves out are
// written as the kernel's defaults (1024 shares, no quota, a 100 ms period), so a limit taken
// away is lifted too. Everything else is left as the container started with it.
CgroupLimits planLiveCgroupLimits(const Domain& domain);

// How the stored definition differs from the one a running container started with.
struct LiveChanges {
    bool memory = false; // <memory>, memtune hard_limit: applied live
    bool cpu = false;    // <cputune>: applied live
    bool other = false;  // anything else: only at the next start
};
LiveChanges compareForLiveUpdate(const Domain& running, const Domain& stored);

// cgroup v2's cpu.weight (1–10000, default 100) for v1-style shares (2–262144, default 1024),
// the conversion systemd, runc and crun use.
uint64_t cpuWeightFromShares(uint64_t shares);

// cgroup v2's io.weight (1–10000, default 100) for a v1-style blkio weight (10–1000, default
// 500), the conversion runc and crun use.
uint64_t ioWeightFromBlkioWeight(uint64_t weight);

} // namespace cubby
