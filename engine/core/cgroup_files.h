#pragma once
// The text formats of the cgroup files Cubby reads and writes, v1 and v2, and of
// /proc/self/mountinfo's cgroup lines. Pure, so each parser is tested against real file
// contents; engine/sys/cgroup.cpp does the reading and writing.

#include "cgroup_plan.h"
#include "error.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cubby {

// A one-number file ("4096\n"). "max" (v2's "no limit") reads as nullopt. `path` names the
// file in error messages.
Result<std::optional<uint64_t>> parseCgroupNumber(std::string_view text, std::string_view path);

// A flat-keyed file, one "key value" per line (v2 memory.events and cpu.stat, v1
// memory.oom_control): the value of `key`, or nullopt when the kernel does not write that key
// (older kernels lack oom_kill, for one).
Result<std::optional<uint64_t>> parseFlatKeyed(std::string_view text, std::string_view key,
                                               std::string_view path);

// Numbers separated by blanks or newlines: v1 cpuacct.usage_percpu ("120 340 \n", one figure
// per possible CPU) and cgroup.procs (one pid per line).
Result<std::vector<uint64_t>> parseNumberList(std::string_view text, std::string_view path);

// v1's memory.limit_in_bytes says "no limit" with the largest page-aligned long
// (9223372036854771712 with 4 KiB pages); anything that large reads as nullopt.
std::optional<uint64_t> v1MemoryLimit(uint64_t bytes);

// A devices.allow line: "c 1:3 rw", "c 136:* rw", "b *:* m".
std::string v1DeviceRuleLine(const DeviceRule& rule);

// v2 cpu.max ("$QUOTA $PERIOD", "max" for no quota): "max 50000", "20000", "20000 50000";
// nullopt when neither is set. Writing only the quota keeps the kernel's period.
std::optional<std::string> v2CpuMax(std::optional<int64_t> quotaUs,
                                    std::optional<uint64_t> periodUs);

// libvirt's swap_hard_limit (v1 memory.memsw) is memory plus swap; v2's memory.swap.max is
// swap alone, so it is the difference (0 when the hard limit is not above the memory limit).
uint64_t v2SwapMax(uint64_t swapHardLimitBytes, std::optional<uint64_t> memoryMaxBytes);

// Block I/O lines, each written on its own (a cgroup file takes one rule per write).
// v2 io.max: "8:0 rbps=1048576 wiops=100", one line per disk with a cap.
std::vector<std::string> v2IoMaxLines(const CgroupLimits& limits);
// v2 io.weight (1–10000, libvirt's weight converted) or, with `bfq`, io.bfq.weight (libvirt's
// 100–1000 as it is): "default 4950" and "8:0 1000".
std::vector<std::string> v2IoWeightLines(const CgroupLimits& limits, bool bfq);
// v1 blkio.throttle.{read,write}_{bps,iops}_device: "8:0 1048576" per disk with that cap.
enum class IoRate { ReadBytes, WriteBytes, ReadIops, WriteIops };
std::vector<std::string> v1ThrottleLines(const CgroupLimits& limits, IoRate rate);
// v1 blkio.weight (or blkio.bfq.weight): the one number, and blkio.weight_device lines.
std::vector<std::string> v1IoWeightLines(const CgroupLimits& limits);
std::vector<std::string> v1IoWeightDeviceLines(const CgroupLimits& limits);

// One cgroup file system mount from /proc/self/mountinfo.
struct CgroupMount {
    std::string mountPoint; // unescaped (\040 → ' ')
    std::string root;       // the part of the hierarchy mounted there; "/" for the whole
    bool v2 = false;        // cgroup2, else a v1 hierarchy
    // v1: the super options, i.e. the controllers it carries ("cpu", "cpuacct") and flags
    // ("rw", "name=systemd"); v2: empty (the controllers are in cgroup.controllers).
    std::vector<std::string> options;
    bool hasOption(std::string_view option) const;
    bool operator==(const CgroupMount&) const = default;
};

// Every cgroup and cgroup2 mount, in mount order. Other lines are skipped; a cgroup line that
// does not have mountinfo's shape is an error.
Result<std::vector<CgroupMount>> parseCgroupMounts(std::string_view mountinfo);

} // namespace cubby
