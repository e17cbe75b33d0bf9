#include "seccomp_filter.h"

#include "unique_fd.h"

#include <cerrno>
#include <format>
#include <linux/seccomp.h>
#include <memory>
#include <seccomp.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace cubby {

namespace {

struct FilterDeleter {
    void operator()(void* context) const { seccomp_release(context); }
};
using Filter = std::unique_ptr<void, FilterDeleter>;

// libseccomp returns negative errno values.
Error seccompError(int rc, std::string context) {
    return Error::system(-rc, std::move(context));
}

bool profileRefuses(SeccompProfile profile, const SeccompRule& rule) {
    return profile == SeccompProfile::Default || rule.relaxedToo;
}

Result<SeccompProgram> exportProgram(const Filter& filter) {
    SeccompProgram program;
#if SCMP_VER_MAJOR > 2 || (SCMP_VER_MAJOR == 2 && SCMP_VER_MINOR >= 6)
    size_t bytes = 0;
    if (const int rc = seccomp_export_bpf_mem(filter.get(), nullptr, &bytes); rc < 0)
        return fail(seccompError(rc, "sizing the seccomp filter"));
    program.instructions.resize(bytes / sizeof(sock_filter));
    if (const int rc = seccomp_export_bpf_mem(filter.get(), program.instructions.data(), &bytes);
        rc < 0)
        return fail(seccompError(rc, "exporting the seccomp filter"));
#else
    // libseccomp before 2.6 exports only to a descriptor: a memory file, read back.
    const UniqueFd file(::memfd_create("cubby-seccomp", MFD_CLOEXEC));
    if (!file)
        return fail(Error::system(errno, "creating a memory file for the seccomp filter"));
    if (const int rc = seccomp_export_bpf(filter.get(), file.get()); rc < 0)
        return fail(seccompError(rc, "exporting the seccomp filter"));
    const off_t bytes = ::lseek(file.get(), 0, SEEK_END);
    if (bytes < 0 || ::lseek(file.get(), 0, SEEK_SET) != 0)
        return fail(Error::system(errno, "reading the exported seccomp filter"));
    program.instructions.resize(static_cast<size_t>(bytes) / sizeof(sock_filter));
    if (::pread(file.get(), program.instructions.data(), static_cast<size_t>(bytes), 0) != bytes)
        return fail(Error::system(errno, "reading the exported seccomp filter"));
#endif
    if (program.instructions.empty())
        return fail(Error::of(ErrorKind::System, "libseccomp exported an empty filter"));
    return program;
}

} // namespace

Result<SeccompProgram> buildSeccompProgram(SeccompProfile profile) {
    if (profile == SeccompProfile::None)
        return SeccompProgram{};
    // seccomp_init() covers the native architecture only: every other one (i386 and x32 on
    // x86_64, arm on aarch64) meets the bad-architecture action.
    const Filter filter(seccomp_init(SCMP_ACT_ALLOW));
    if (!filter)
        return fail(Error::of(ErrorKind::System, "libseccomp could not create a filter"));
    if (const int rc = seccomp_attr_set(filter.get(), SCMP_FLTATR_ACT_BADARCH,
                                        SCMP_ACT_ERRNO(seccompForeignArchError));
        rc < 0)
        return fail(seccompError(rc, "setting the seccomp filter's foreign-architecture action"));
    for (const SeccompRule& rule : seccompRules()) {
        if (!profileRefuses(profile, rule))
            continue;
        const std::string name(rule.syscall);
        // Negative: a call this architecture does not have (vm86 and stime on x86_64).
        const int number = seccomp_syscall_resolve_name(name.c_str());
        if (number < 0)
            continue;
        const int rc = rule.firstArgumentBits == 0
                           ? seccomp_rule_add(filter.get(), SCMP_ACT_ERRNO(rule.error), number, 0)
                           : seccomp_rule_add(filter.get(), SCMP_ACT_ERRNO(rule.error), number, 1,
                                              SCMP_A0(SCMP_CMP_MASKED_EQ, rule.firstArgumentBits,
                                                      rule.firstArgumentBits));
        if (rc < 0)
            return fail(seccompError(rc, std::format("adding the seccomp rule for {}", name)));
    }
    return exportProgram(filter);
}

int loadSeccompProgram(const SeccompProgram& program) noexcept {
    if (program.instructions.empty())
        return 0;
    sock_fprog fprog{};
    fprog.len = static_cast<unsigned short>(program.instructions.size());
    fprog.filter = const_cast<sock_filter*>(program.instructions.data());
    if (::syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &fprog) == 0)
        return 0;
    if (errno != ENOSYS)
        return errno;
    if (::prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &fprog, 0, 0) == 0)
        return 0;
    return errno;
}

} // namespace cubby
