#include "capabilities.h"

#include <algorithm>
#include <array>

namespace cubby {

namespace {

constexpr std::array<CapabilityName, 41> capabilityTable{{
    {"chown", 0},
    {"dac_override", 1},
    {"dac_read_search", 2},
    {"fowner", 3},
    {"fsetid", 4},
    {"kill", 5},
    {"setgid", 6},
    {"setuid", 7},
    {"setpcap", 8},
    {"linux_immutable", 9},
    {"net_bind_service", 10},
    {"net_broadcast", 11},
    {"net_admin", 12},
    {"net_raw", 13},
    {"ipc_lock", 14},
    {"ipc_owner", 15},
    {"sys_module", 16},
    {"sys_rawio", 17},
    {"sys_chroot", 18},
    {"sys_ptrace", 19},
    {"sys_pacct", 20},
    {"sys_admin", 21},
    {"sys_boot", 22},
    {"sys_nice", 23},
    {"sys_resource", 24},
    {"sys_time", 25},
    {"sys_tty_config", 26},
    {"mknod", 27},
    {"lease", 28},
    {"audit_write", 29},
    {"audit_control", 30},
    {"setfcap", 31},
    {"mac_override", 32},
    {"mac_admin", 33},
    {"syslog", 34},
    {"wake_alarm", 35},
    {"block_suspend", 36},
    {"audit_read", 37},
    {"perfmon", 38},
    {"bpf", 39},
    {"checkpoint_restore", 40},
}};

} // namespace

std::span<const CapabilityName> knownCapabilities() {
    return capabilityTable;
}

std::optional<int> capabilityNumber(std::string_view name) {
    const auto found = std::ranges::find(capabilityTable, name, &CapabilityName::name);
    if (found == capabilityTable.end())
        return std::nullopt;
    return found->number;
}

} // namespace cubby
