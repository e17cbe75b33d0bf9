#pragma once
// The container's system-call filter (engine/core/seccomp_profile.h says what it refuses).
// libseccomp builds it in the controller before clone() and exports it as classic BPF held in
// memory; the container's child, and a shell's, only hands those instructions to the kernel
// just before exec, so nothing is computed or allocated after clone().

#include "error.h"
#include "seccomp_profile.h"

#include <linux/filter.h>
#include <vector>

namespace cubby {

struct SeccompProgram {
    std::vector<sock_filter> instructions; // empty: no filter (SeccompProfile::None)
};

// The native architecture's filter for `profile`: allows everything else, refuses the
// profile's rules with their errno, and refuses every call through another architecture's
// table (i386's int 0x80, x32) with seccompForeignArchError.
Result<SeccompProgram> buildSeccompProgram(SeccompProfile profile);

// Installs `program` on the calling thread (and what it execs; filters are inherited and
// cannot be removed). Async-signal-safe: no allocation, only seccomp(2) (prctl on kernels
// before 3.17). Returns 0 or the errno. An empty program installs nothing and returns 0.
//
// The kernel accepts a filter only from a task with no_new_privs set or with CAP_SYS_ADMIN
// in its user namespace; this does not set no_new_privs (setuid programs such as su and sudo
// keep working inside), so call it while still privileged: after the bounding-set drop and
// before any setresuid() to a non-root user. The filter allows what runs between then and
// exec (setgroups, setresuid, chdir, execve).
int loadSeccompProgram(const SeccompProgram& program) noexcept;

} // namespace cubby
