#include "seccomp_profile.h"

#include <array>
#include <cerrno>
#include <sched.h>

namespace cubby {

namespace {

struct ProfileName {
    SeccompProfile profile;
    std::string_view name;
};

constexpr std::array profileNames = {
    ProfileName{SeccompProfile::Default, "default"},
    ProfileName{SeccompProfile::Relaxed, "relaxed"},
    ProfileName{SeccompProfile::None, "none"},
};

constexpr bool both = true;         // Default and Relaxed refuse it
constexpr bool onlyDefault = false; // Relaxed allows it

constexpr std::array rules = {
    // Replacing the running kernel, loading code into it.
    SeccompRule{"kexec_load", EPERM, both},
    SeccompRule{"kexec_file_load", EPERM, both},
    SeccompRule{"init_module", EPERM, both},
    SeccompRule{"finit_module", EPERM, both},
    SeccompRule{"delete_module", EPERM, both},
    // Opens any inode of a mounted filesystem by its handle, around the container's root.
    SeccompRule{"open_by_handle_at", EPERM, both},
    // Raw I/O ports, host swap, process accounting, quotas: host-wide state.
    SeccompRule{"iopl", EPERM, both},
    SeccompRule{"ioperm", EPERM, both},
    SeccompRule{"swapon", EPERM, both},
    SeccompRule{"swapoff", EPERM, both},
    SeccompRule{"acct", EPERM, both},
    SeccompRule{"quotactl", EPERM, both},
    SeccompRule{"quotactl_fd", EPERM, both},
    // The clock is the host's. adjtimex stays allowed, as in Docker's profile: reading the
    // kernel's clock discipline is common (ntp and chrony status) and the filter cannot see
    // the mode inside its struct; setting needs CAP_SYS_TIME, which containers lose.
    SeccompRule{"settimeofday", EPERM, both},
    SeccompRule{"clock_settime", EPERM, both},
    SeccompRule{"clock_adjtime", EPERM, both},
    SeccompRule{"stime", EPERM, both},
    // Obsolete or removed interfaces nothing in a container should reach for.
    SeccompRule{"lookup_dcookie", EPERM, both},
    SeccompRule{"nfsservctl", EPERM, both},
    SeccompRule{"uselib", EPERM, both},
    SeccompRule{"vm86", EPERM, both},
    SeccompRule{"vm86old", EPERM, both},
    // io_uring bypasses the filter itself (its operations are not system calls) and has been
    // the source of many kernel exploits; Docker and Google refuse it too.
    SeccompRule{"io_uring_setup", EPERM, both},
    SeccompRule{"io_uring_enter", EPERM, both},
    SeccompRule{"io_uring_register", EPERM, both},
    // The kernel keyrings are not namespaced: ENOSYS, so programs fall back (as LXC does).
    SeccompRule{"keyctl", ENOSYS, onlyDefault},
    SeccompRule{"add_key", ENOSYS, onlyDefault},
    SeccompRule{"request_key", ENOSYS, onlyDefault},
    // Debugging and profiling: large attack surfaces, wanted by developers (Relaxed).
    SeccompRule{"ptrace", EPERM, onlyDefault},
    SeccompRule{"process_vm_readv", EPERM, onlyDefault},
    SeccompRule{"process_vm_writev", EPERM, onlyDefault},
    SeccompRule{"perf_event_open", EPERM, onlyDefault},
    SeccompRule{"userfaultfd", EPERM, onlyDefault},
    // BPF programs: nested runtimes attach device programs to their cgroups (Relaxed).
    SeccompRule{"bpf", EPERM, onlyDefault},
    // New user namespaces, the door to most recent kernel privilege escalations; nested
    // container runtimes need them (Relaxed). clone3 passes its flags in memory the filter
    // cannot read, so it answers ENOSYS and the C library falls back to clone, whose flags
    // it can (Docker does the same).
    SeccompRule{"unshare", EPERM, onlyDefault, CLONE_NEWUSER},
    SeccompRule{"clone", EPERM, onlyDefault, CLONE_NEWUSER},
    SeccompRule{"clone3", ENOSYS, onlyDefault},
};

} // namespace

std::string_view seccompProfileName(SeccompProfile profile) {
    for (const auto& entry : profileNames)
        if (entry.profile == profile)
            return entry.name;
    return "default";
}

std::optional<SeccompProfile> parseSeccompProfile(std::string_view name) {
    for (const auto& entry : profileNames)
        if (entry.name == name)
            return entry.profile;
    return std::nullopt;
}

std::span<const SeccompRule> seccompRules() {
    return rules;
}

} // namespace cubby
