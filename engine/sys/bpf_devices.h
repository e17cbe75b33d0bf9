#pragma once
// cgroup v2's device access control: v2 has no devices.allow file; a BPF program of type
// BPF_PROG_TYPE_CGROUP_DEVICE attached to the group decides every open() and mknod() of a
// device node. The program is assembled by hand, as systemd (bpf-devices.c) and crun (ebpf.c)
// do, so Cubby needs neither clang nor libbpf. Building the instructions is pure and separate
// from loading and attaching them.

#include "cgroup_plan.h"
#include "error.h"
#include "unique_fd.h"

#include <linux/bpf.h>
#include <span>
#include <vector>

namespace cubby {

// A program that returns 1 (allow) for an access covered by one of `allowed` and 0 (deny,
// EPERM) for everything else. Rules that grant no access are left out.
std::vector<bpf_insn> buildDeviceProgram(std::span<const DeviceRule> allowed);

// BPF_PROG_LOAD; the verifier's log is in the error when the kernel refuses the program.
Result<UniqueFd> loadDeviceProgram(std::span<const bpf_insn> program);

// BPF_PROG_ATTACH with BPF_F_ALLOW_MULTI, so programs on ancestor groups still apply too (an
// access must pass all of them). `cgroupDir` must be opened O_RDONLY|O_DIRECTORY: the kernel
// refuses O_PATH descriptors. The group keeps the program after `program` is closed.
Status attachDeviceProgram(int cgroupDir, int program);

// The three steps together; `what` names the group in error messages.
Status restrictDevices(int cgroupDir, std::span<const DeviceRule> allowed, std::string_view what);

} // namespace cubby
