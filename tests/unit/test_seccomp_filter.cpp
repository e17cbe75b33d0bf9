// The container's system-call filter, loaded for real in a forked child: each refused call
// answers its errno, everything else (and what Relaxed allows) answers exactly what it
// answers without a filter, and the i386 and x32 tables are refused whole. The refusals are
// checked against the filter itself, so they hold on this host even where its kernel has no
// modules, kexec or I/O ports at all.
#include "seccomp_filter.h"
#include "seccomp_profile.h"

#include <QTest>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <linux/perf_event.h>
#include <sched.h>
#include <string>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

using namespace cubby;

namespace {

struct Outcome {
    bool exited = false; // false: killed by a signal
    long result = 0;
    int error = 0;
    bool operator==(const Outcome&) const = default;
};

QString describe(const Outcome& outcome) {
    if (!outcome.exited)
        return "killed";
    return outcome.result == -1 ? QString("-1 (%1)").arg(strerrordesc_np(outcome.error))
                                : QString::number(outcome.result);
}

using Probe = long (*)();

// Runs `probe` in a forked child with `program` loaded (none: no filter). no_new_privs lets
// an unprivileged test process load a filter too.
Outcome runProbe(const SeccompProgram* program, Probe probe) {
    int pipeFds[2];
    if (::pipe2(pipeFds, O_CLOEXEC) != 0)
        qFatal("pipe2: %s", std::strerror(errno));
    const pid_t child = ::fork();
    if (child == 0) {
        ::close(pipeFds[0]);
        if (program) {
            ::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
            if (const int error = loadSeccompProgram(*program); error != 0)
                _exit(100);
        }
        errno = 0;
        const long values[2] = {probe(), errno};
        (void)!::write(pipeFds[1], values, sizeof values);
        _exit(0);
    }
    ::close(pipeFds[1]);
    long values[2] = {};
    const ssize_t got = ::read(pipeFds[0], values, sizeof values);
    ::close(pipeFds[0]);
    int status = 0;
    ::waitpid(child, &status, 0);
    if (WIFEXITED(status) && WEXITSTATUS(status) == 100)
        qFatal("the child could not load the seccomp program");
    if (got != sizeof values)
        return Outcome{};
    return Outcome{true, values[0], static_cast<int>(values[1])};
}

SeccompProgram program(SeccompProfile profile) {
    auto built = buildSeccompProgram(profile);
    if (!built)
        qFatal("building the seccomp program: %s", built.error().message.c_str());
    return std::move(*built);
}

// Arguments that make each call fail harmlessly if the filter let it through.
struct RefusedCall {
    const char* name;
    Probe probe;
    int error;       // what the Default profile answers
    bool relaxedToo; // Relaxed answers the same
};

const RefusedCall refusedCalls[] = {
    {"kexec_load", [] { return ::syscall(SYS_kexec_load, 0, 0, nullptr, 0); }, EPERM, true},
    {"kexec_file_load", [] { return ::syscall(SYS_kexec_file_load, -1, -1, 0, nullptr, 0); }, EPERM,
     true},
    {"init_module", [] { return ::syscall(SYS_init_module, nullptr, 0, ""); }, EPERM, true},
    {"finit_module", [] { return ::syscall(SYS_finit_module, -1, "", 0); }, EPERM, true},
    {"delete_module", [] { return ::syscall(SYS_delete_module, "cubby_none", O_NONBLOCK); }, EPERM,
     true},
    {"open_by_handle_at", [] { return ::syscall(SYS_open_by_handle_at, -1, nullptr, 0); }, EPERM,
     true},
    {"iopl", [] { return ::syscall(SYS_iopl, 0); }, EPERM, true},
    {"ioperm", [] { return ::syscall(SYS_ioperm, 0, 0, 0); }, EPERM, true},
    {"swapon", [] { return ::syscall(SYS_swapon, "/cubby-none", 0); }, EPERM, true},
    {"swapoff", [] { return ::syscall(SYS_swapoff, "/cubby-none"); }, EPERM, true},
    {"acct", [] { return ::syscall(SYS_acct, "/cubby-none"); }, EPERM, true},
    {"quotactl", [] { return ::syscall(SYS_quotactl, 0, nullptr, 0, nullptr); }, EPERM, true},
    {"settimeofday", [] { return ::syscall(SYS_settimeofday, nullptr, nullptr); }, EPERM, true},
    {"clock_settime", [] { return ::syscall(SYS_clock_settime, -1, nullptr); }, EPERM, true},
    {"clock_adjtime", [] { return ::syscall(SYS_clock_adjtime, -1, nullptr); }, EPERM, true},
    {"lookup_dcookie", [] { return ::syscall(SYS_lookup_dcookie, 0, nullptr, 0); }, EPERM, true},
    {"io_uring_setup", [] { return ::syscall(SYS_io_uring_setup, 0, nullptr); }, EPERM, true},
    {"io_uring_enter", [] { return ::syscall(SYS_io_uring_enter, -1, 0, 0, 0, nullptr, 0); }, EPERM,
     true},
    {"io_uring_register", [] { return ::syscall(SYS_io_uring_register, -1, 0, nullptr, 0); }, EPERM,
     true},
    {"keyctl", [] { return ::syscall(SYS_keyctl, -1, 0, 0, 0, 0); }, ENOSYS, false},
    {"add_key", [] { return ::syscall(SYS_add_key, nullptr, nullptr, nullptr, 0, 0); }, ENOSYS,
     false},
    {"request_key", [] { return ::syscall(SYS_request_key, nullptr, nullptr, nullptr, 0); }, ENOSYS,
     false},
    {"perf_event_open", [] { return ::syscall(SYS_perf_event_open, nullptr, 0, -1, -1, 0); }, EPERM,
     false},
    {"userfaultfd", [] { return ::syscall(SYS_userfaultfd, -1); }, EPERM, false},
    {"bpf", [] { return ::syscall(SYS_bpf, -1, nullptr, 0); }, EPERM, false},
    {"ptrace", [] { return ::syscall(SYS_ptrace, PTRACE_PEEKDATA, 1, nullptr, nullptr); }, EPERM,
     false},
    {"process_vm_readv",
     [] { return ::syscall(SYS_process_vm_readv, 1, nullptr, 0, nullptr, 0, 0); }, EPERM, false},
    {"unshare(CLONE_NEWUSER)", [] { return ::syscall(SYS_unshare, CLONE_NEWUSER); }, EPERM, false},
    {"clone3", [] { return ::syscall(SYS_clone3, nullptr, 0); }, ENOSYS, false},
};

// A fork through clone(2) with CLONE_NEWUSER (the child leaves at once); 1 when it worked.
long cloneNewUser() {
    const long child = ::syscall(SYS_clone, CLONE_NEWUSER | SIGCHLD, nullptr, nullptr, nullptr, 0);
    if (child == 0)
        _exit(0);
    if (child < 0)
        return -1;
    int status = 0;
    ::waitpid(static_cast<pid_t>(child), &status, 0);
    return WIFEXITED(status) ? 1 : -1;
}

// i386's getpid (20) through the 32-bit entry; the 64-bit registers r8–r11 are clobbered.
long i386Getpid() {
    long result = 20;
    asm volatile("int $0x80" : "+a"(result) : : "r8", "r9", "r10", "r11", "memory");
    if (result < 0 && result > -4096) {
        errno = static_cast<int>(-result);
        return -1;
    }
    return result;
}

// x32's getpid: the x86_64 number with the x32 bit.
long x32Getpid() {
    return ::syscall(39 | 0x40000000);
}

} // namespace

class TestSeccompFilter : public QObject {
    Q_OBJECT
private slots:
    void profileNamesRoundTrip() {
        for (const auto profile :
             {SeccompProfile::Default, SeccompProfile::Relaxed, SeccompProfile::None})
            QCOMPARE(parseSeccompProfile(seccompProfileName(profile)), profile);
        QCOMPARE(seccompProfileName(SeccompProfile::Relaxed), std::string_view("relaxed"));
        QVERIFY(!parseSeccompProfile("Default"));
        QVERIFY(!parseSeccompProfile(""));
        QVERIFY(!parseSeccompProfile("unconfined"));
    }

    void noneBuildsNoFilter() {
        QVERIFY(program(SeccompProfile::None).instructions.empty());
        QVERIFY(!program(SeccompProfile::Default).instructions.empty());
    }

    void defaultRefusesEachCall() {
        const auto filter = program(SeccompProfile::Default);
        for (const auto& call : refusedCalls) {
            const Outcome outcome = runProbe(&filter, call.probe);
            QVERIFY2(outcome.exited && outcome.result == -1 && outcome.error == call.error,
                     qPrintable(QString("%1: %2").arg(call.name, describe(outcome))));
        }
        const Outcome cloned = runProbe(&filter, cloneNewUser);
        QCOMPARE(describe(cloned), describe(Outcome{true, -1, EPERM}));
    }

    // Every rule of the table has its probe here (or is absent on this architecture).
    void everyRuleIsProbed() {
        for (const auto& rule : seccompRules()) {
            const std::string name(rule.syscall);
            bool probed = name == "clone" || name == "process_vm_writev";
            for (const auto& call : refusedCalls)
                probed = probed || std::string(call.name).starts_with(name);
            probed = probed || name == "stime" || name == "vm86" || name == "vm86old" ||
                     name == "nfsservctl" || name == "uselib" || name == "quotactl_fd";
            QVERIFY2(probed, rule.syscall.data());
        }
    }

    // Relaxed refuses what is marked relaxedToo; the rest answers as with no filter at all.
    void relaxedAllowsNestingAndDebugging() {
        const auto filter = program(SeccompProfile::Relaxed);
        for (const auto& call : refusedCalls) {
            const Outcome outcome = runProbe(&filter, call.probe);
            if (call.relaxedToo) {
                QVERIFY2(outcome.result == -1 && outcome.error == call.error,
                         qPrintable(QString("%1: %2").arg(call.name, describe(outcome))));
            } else {
                const Outcome bare = runProbe(nullptr, call.probe);
                QVERIFY2(outcome == bare,
                         qPrintable(QString("%1: %2 instead of %3")
                                        .arg(call.name, describe(outcome), describe(bare))));
            }
        }
        QCOMPARE(describe(runProbe(&filter, cloneNewUser)),
                 describe(runProbe(nullptr, cloneNewUser)));
    }

    void ordinaryCallsStillWork() {
        const auto filter = program(SeccompProfile::Default);
        const Probe ordinary[] = {
            [] { return ::syscall(SYS_getpid) == ::getpid() ? 1L : -1L; },
            [] {
                int fds[2];
                if (::pipe2(fds, O_CLOEXEC) != 0 || ::write(fds[1], "abc", 3) != 3)
                    return -1L;
                char buffer[3];
                return ::read(fds[0], buffer, 3) == 3 && std::memcmp(buffer, "abc", 3) == 0 ? 1L
                                                                                            : -1L;
            },
            [] {
                const int fd = ::open("/proc/self/status", O_RDONLY | O_CLOEXEC);
                char buffer[64];
                return fd >= 0 && ::read(fd, buffer, sizeof buffer) > 0 ? 1L : -1L;
            },
            [] {
                const pid_t child = ::fork(); // glibc's fork is clone(2) without namespaces
                if (child == 0)
                    _exit(7);
                int status = 0;
                return child > 0 && ::waitpid(child, &status, 0) == child && WIFEXITED(status) &&
                               WEXITSTATUS(status) == 7
                           ? 1L
                           : -1L;
            },
            [] {
                timespec now{};
                return static_cast<long>(::clock_gettime(CLOCK_REALTIME, &now));
            },
            // Answers what it answers without a filter (ENOENT as root, EPERM otherwise).
            [] { return static_cast<long>(::mount("none", "/cubby-none", "tmpfs", 0, nullptr)); },
            [] { return ::syscall(SYS_unshare, CLONE_NEWUTS); }, // EPERM only without privileges
        };
        for (size_t i = 0; i < std::size(ordinary); ++i) {
            const Outcome filtered = runProbe(&filter, ordinary[i]);
            const Outcome bare = runProbe(nullptr, ordinary[i]);
            QVERIFY2(filtered == bare, qPrintable(QString("ordinary call %1: %2 instead of %3")
                                                      .arg(i)
                                                      .arg(describe(filtered), describe(bare))));
            if (i < 5)
                QVERIFY2(filtered.result >= 0, qPrintable(describe(filtered)));
        }
    }

    // The i386 table through int 0x80: allowed with no filter, refused with one (EPERM,
    // seccompForeignArchError), for every profile that has a filter.
    void i386TableIsRefused() {
        const Outcome bare = runProbe(nullptr, i386Getpid);
        if (!bare.exited || bare.result <= 0)
            QSKIP("this kernel has no i386 entry (IA32_EMULATION off)");
        for (const auto profile : {SeccompProfile::Default, SeccompProfile::Relaxed}) {
            const auto filter = program(profile);
            QCOMPARE(describe(runProbe(&filter, i386Getpid)),
                     describe(Outcome{true, -1, seccompForeignArchError}));
        }
    }

    // x32 numbers (bit 30 set) reach the x86_64 entry but index another table: refused with
    // EPERM by the filter, where the kernel alone answers ENOSYS (x32 off) or the pid.
    void x32TableIsRefused() {
        const Outcome bare = runProbe(nullptr, x32Getpid);
        QVERIFY(bare.exited);
        QVERIFY(!(bare.result == -1 && bare.error == seccompForeignArchError));
        for (const auto profile : {SeccompProfile::Default, SeccompProfile::Relaxed}) {
            const auto filter = program(profile);
            QCOMPARE(describe(runProbe(&filter, x32Getpid)),
                     describe(Outcome{true, -1, seccompForeignArchError}));
        }
    }
};

QTEST_GUILESS_MAIN(TestSeccompFilter)
#include "test_seccomp_filter.moc"
