#pragma once
// The system calls a container may not make, as a table: which profile refuses which call
// and with which errno. engine/sys/seccomp_filter.cpp turns a profile into a BPF program with
// libseccomp; this half is pure so the policy can be read and tested on its own.
//
// The list follows what crun's, LXC's and Docker's defaults refuse: calls that reach the host
// kernel's global state (modules, kexec, swap, accounting, the clock, quotas, raw I/O ports),
// that open files by handle around the container's root (open_by_handle_at: "shocker"), and
// the large, often-exploited interfaces a system container rarely needs (io_uring, BPF,
// perf events, userfaultfd, keyrings, user namespaces). Every filter is also native-only:
// the i386 (int 0x80) and x32 tables are separate entry points with their own numbers, and a
// filter written for x86_64's numbers does not describe them, so they are refused whole.

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace cubby {

enum class SeccompProfile {
    Default, // everything in seccompRules()
    Relaxed, // for nested containers and debugging: keeps only the rules marked relaxedToo
    None,    // no filter at all (the container's definition asked for it)
};

// "default", "relaxed", "none": the names definitions and the CLI use.
std::string_view seccompProfileName(SeccompProfile profile);
std::optional<SeccompProfile> parseSeccompProfile(std::string_view name);

struct SeccompRule {
    std::string_view syscall; // libseccomp's name; calls this architecture lacks are skipped
    int error;                // the errno the caller sees
    bool relaxedToo;          // the Relaxed profile refuses it as well
    // Nonzero: refused only when the first argument has all these bits (clone's and
    // unshare's flags); zero: refused whatever the arguments.
    uint64_t firstArgumentBits = 0;
};

std::span<const SeccompRule> seccompRules();

// The errno of a call made through a foreign system-call table (i386's int 0x80, x32): EPERM
// as for the other refusals, so it reads as the container's policy and stays apart from the
// ENOSYS a kernel without such a table (or with x32 switched off) answers itself. Returning
// an error rather than killing lets a 32-bit program report its failure.
inline constexpr int seccompForeignArchError = 1; // EPERM

} // namespace cubby
