// cubby-controller: runs one container and stays with it (like libvirt's libvirt_lxc or
// LXC's monitor). Started by cubby-helper (or a test) as
//
//   cubby-controller --name NAME --definition FILE [--prefix DIR] [--cgroup-parent NAME]
//                    [--ready-fd N]
//
// It writes "ready PID\n" (init's pid) or "error MESSAGE\n" to the ready descriptor once the
// container's init runs or has failed to start, then serves the control socket until the
// container stops for good. Single-threaded and Qt-free, to stay small.
#include "controller.h"

#include "atomic_file.h"
#include "block_devices.h"
#include "disk_quota.h"
#include "domain_xml.h"
#include "fs_in_root.h"
#include "home_dirs.h"
#include "launch_support.h"
#include "network_xml.h"
#include "root_staging.h"
#include "systemd_host.h"
#include "text.h"
#include "xml_reader.h"

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <format>
#include <random>
#include <string_view>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace cubby;

namespace {

struct Options {
    std::string name;
    std::string definition;
    CubbyPaths paths;
    int readyFd = -1;
};

Result<Options> parseOptions(int argc, char** argv) {
    Options options;
    std::string readyFd;
    const LaunchFlag flags[] = {{"--name", &options.name},
                                {"--definition", &options.definition},
                                {"--prefix", &options.paths.prefix},
                                {"--cgroup-parent", &options.paths.cgroupParent},
                                {"--ready-fd", &readyFd}};
    CUBBY_CHECK(parseLaunchFlags(argc, argv, flags));
    if (!readyFd.empty())
        options.readyFd = std::atoi(readyFd.c_str());
    if (options.name.empty() || options.definition.empty())
        return failInvalid("usage: cubby-controller --name NAME --definition FILE [--prefix DIR] "
                           "[--cgroup-parent NAME] [--ready-fd N]");
    return options;
}

Result<Domain> loadDefinition(const Options& options) {
    CUBBY_TRY(text, readDefinitionFile(options.definition, maxXmlDocumentBytes));
    CUBBY_TRY(domain, parseDomainXml(text, randomUuid));
    if (domain.name != options.name)
        return failInvalid(std::format("the definition is for {}, not {}",
                                       cubby::quoted(domain.name), cubby::quoted(options.name)));
    domain.live.reset();
    // Unprivileged unless the definition says otherwise: the helper gives every container an
    // id range at define time, so a definition without one was not made by it (or was
    // edited by hand), and must not silently become root on the host.
    if (!domain.hasUserNamespace() && !domain.cubby.privileged)
        return failInvalid(std::format(
            "{} has no <idmap> and is not marked privileged; define it through cubby-helper "
            "(which gives it an id range of its own) or mark it privileged explicitly",
            options.definition));
    return domain;
}

// What root inside makes in an idmapped root filesystem is host root's on disk, set-user-ID
// bits included: only a parent directory that no one but root can enter keeps such files
// from host users (Cubby's own root filesystems live in a 0700 directory).
Status checkRootParent(const Domain& domain, int rootFd, const std::string& rootPath) {
    if (!domain.hasUserNamespace() || !domain.rootFilesystem())
        return {};
    const UniqueFd parent(::openat(rootFd, "..", O_PATH | O_DIRECTORY | O_CLOEXEC));
    struct stat info = {};
    if (!parent || ::fstat(parent.get(), &info) != 0)
        return fail(Error::system(errno, std::format("the parent directory of {}", rootPath)));
    if (info.st_uid != 0 || (info.st_mode & 0077) != 0)
        return fail(Error::invalid(std::format(
            "the root filesystem {} is in a directory that others can enter (owner {}, mode "
            "{:04o}); an unprivileged container's root must be in a root-owned directory with "
            "mode 0700, or files made set-user-ID inside would be usable by host users",
            rootPath, info.st_uid, info.st_mode & 07777)));
    return {};
}

// Refuses what can be known wrong before anything is created.
Result<UniqueFd> checkRootAndInit(const Domain& domain) {
    const Filesystem* root = domain.rootFilesystem();
    const std::string rootPath = root ? root->sourceDir : "/";
    UniqueFd rootFd(::open(rootPath.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
    if (!rootFd)
        return fail(Error::system(errno, std::format("the root filesystem {}", rootPath)));
    // A root filesystem that is (or leads by symlink to) the host's own root would hand the
    // whole machine to the container: that is what an application container is for.
    struct stat rootInfo = {};
    struct stat hostRoot = {};
    if (root && ::fstat(rootFd.get(), &rootInfo) == 0 && ::stat("/", &hostRoot) == 0 &&
        rootInfo.st_dev == hostRoot.st_dev && rootInfo.st_ino == hostRoot.st_ino)
        return fail(Error::invalid(std::format(
            "the root filesystem {} is the host's root directory; leave out the filesystem with "
            "target '/' for an application container",
            rootPath)));
    CUBBY_CHECK(checkRootParent(domain, rootFd.get(), rootPath));
    auto init = openInRoot(rootFd.get(), domain.os.init);
    if (!init)
        return fail(Error::system(init.error().errnoValue,
                                  std::format("init {} in {}", domain.os.init, rootPath)));
    struct stat info = {};
    if (::fstat(init->get(), &info) != 0 || !S_ISREG(info.st_mode) || !(info.st_mode & 0111))
        return fail(Error::of(
            ErrorKind::InvalidArgument,
            std::format("init {} in {} is not an executable file", domain.os.init, rootPath)));
    return rootFd;
}

Result<ResolvedIdentity> resolveInitIdentity(const Domain& domain, int rootFd) {
    // A root filesystem without /etc/passwd (a bare BusyBox tree) runs init as root.
    const std::string passwd = readFileInRoot(rootFd, "/etc/passwd").value_or("");
    const std::string group = readFileInRoot(rootFd, "/etc/group").value_or("");
    return resolveIdentity(passwd, group, domain.os.initUser, domain.os.initGroup);
}

Result<std::unique_ptr<ConsoleHub>> openConsole(const CubbyPaths& paths, std::string_view name) {
    UniqueFd master(::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC | O_NONBLOCK));
    if (!master || ::grantpt(master.get()) != 0 || ::unlockpt(master.get()) != 0)
        return fail(Error::system(errno, "allocating the console PTY"));
    char slavePath[64] = {};
    if (::ptsname_r(master.get(), slavePath, sizeof slavePath) != 0)
        return fail(Error::system(errno, "naming the console PTY"));
    UniqueFd slave(::open(slavePath, O_RDWR | O_NOCTTY | O_CLOEXEC));
    if (!slave)
        return fail(Error::system(errno, std::format("opening {}", slavePath)));
    winsize size{};
    size.ws_row = 24;
    size.ws_col = 80;
    ::ioctl(master.get(), TIOCSWINSZ, &size);
    CUBBY_CHECK(makeDirectories(paths.logDir(), 0750));
    return std::make_unique<ConsoleHub>(std::move(master), std::move(slave), slavePath,
                                        paths.consoleLog(name));
}

// The container's interfaces: the definitions of the networks it joins come from Cubby's
// network directory. A generated resolv.conf is bound over the container's own.
Result<ContainerNetworkPlan> planNetwork(const Options& options, const Domain& domain,
                                         ContainerPlan& plan) {
    std::vector<std::unique_ptr<Network>> loaded;
    std::string failure;
    const NetworkLookup lookup = [&](std::string_view name) -> const Network* {
        const std::string path = std::format("{}/{}.xml", options.paths.networkDefinitions(), name);
        const auto text = readDefinitionFile(path, maxXmlDocumentBytes);
        if (!text)
            return nullptr;
        auto network = parseNetworkXml(*text, randomUuid);
        if (!network) {
            failure = std::format("{}: {}", path, network.error().message);
            return nullptr;
        }
        loaded.push_back(std::make_unique<Network>(std::move(*network)));
        return loaded.back().get();
    };
    auto network = planContainerNetwork(domain, lookup);
    if (!failure.empty())
        return failInvalid(failure);
    if (!network)
        return fail(network.error());
    if (!network->resolvConf.empty()) {
        const std::string path = options.paths.containerResolvConf(domain.name);
        CUBBY_CHECK(writeFileAtomically(path, network->resolvConf, 0644));
        MountStep bind;
        bind.phase = MountPhase::Staged; // the run directory is the host root's alone
        bind.source = path;
        bind.target = "/etc/resolv.conf";
        bind.targetIsFile = true;
        bind.recursive = false;
        plan.mounts.push_back(std::move(bind));
    }
    return network;
}

// The host's os-release (os-release(5): /etc first, then /usr/lib), for /run/host in system
// containers; empty if neither can be read. Bounded: it is a few hundred bytes.
std::string hostOsRelease() {
    for (const char* path : {"/etc/os-release", "/usr/lib/os-release"}) {
        const UniqueFd file(::open(path, O_RDONLY | O_CLOEXEC));
        if (!file)
            continue;
        std::string text(16 * 1024, '\0');
        const ssize_t got = ::read(file.get(), text.data(), text.size());
        if (got > 0) {
            text.resize(static_cast<size_t>(got));
            return text;
        }
    }
    return {};
}

// What init's path leads to inside the root (symlinks followed there): its last component.
std::string initTarget(const Domain& domain, int rootFd) {
    auto init = openInRoot(rootFd, domain.os.init);
    if (!init)
        return {};
    char target[PATH_MAX];
    const std::string link = std::format("/proc/self/fd/{}", init->get());
    const ssize_t size = ::readlink(link.c_str(), target, sizeof target - 1);
    if (size <= 0)
        return {};
    const std::string_view path(target, static_cast<size_t>(size));
    return std::string(path.substr(path.rfind('/') + 1));
}

Result<std::unique_ptr<Controller>> prepare(const Options& options) {
    CUBBY_TRY(domain, loadDefinition(options));
    CUBBY_TRY(lock, lockContainer(options.paths, domain.name));
    CUBBY_CHECK(cleanLeftovers(options.paths, domain.name));
    CUBBY_TRY(rootFd, checkRootAndInit(domain));
    CUBBY_TRY(identity, resolveInitIdentity(domain, rootFd.get()));
    if (const Filesystem* root = domain.rootFilesystem())
        CUBBY_CHECK(applyDiskQuota(rootFd.get(), projectIdOf(domain.uuid),
                                   domain.cubby.diskQuotaKiB, root->sourceDir));
    CUBBY_TRY(disks, resolveDisks(domain.blkiotune));
    CUBBY_TRY(layout, detectCgroupLayout());
    HostFacts host{layout == CgroupLayout::Unified || hasUnifiedHierarchy(), std::nullopt,
                   hostOsRelease(), initTarget(domain, rootFd.get())};
    if (domain.cubby.ownerUid) {
        // An owner without an account (or a home) shares nothing from one.
        if (auto account = homeAccountOf(*domain.cubby.ownerUid))
            host.owner = HostFacts::Owner{account->uid, account->gid, account->home};
    }
    ContainerPlan plan = planContainer(domain, host);
    plan.rootShiftRecord = options.paths.rootShiftRecord(domain.name);
    CUBBY_TRY(network, planNetwork(options, domain, plan));
    CUBBY_TRY(stagedRoot, stageContainerRoot(plan));
    CUBBY_TRY(console, openConsole(options.paths, domain.name));
    if (plan.consoleHostUid >= 0 &&
        ::fchown(console->slaveFd(), static_cast<uid_t>(plan.consoleHostUid),
                 static_cast<gid_t>(plan.consoleHostGid)) != 0)
        return fail(Error::system(errno, "handing the console to the container's root"));
    // On a systemd host the container's group goes in a delegated scope of its own, so that
    // systemd accounts for it and machined can list it (systemd_host.h). systemd 256 and
    // later boot only on unified hosts; on a hybrid one the group stays where it always was.
    std::string cgroupParent = options.paths.cgroupParent;
    const bool systemdHost = layout == CgroupLayout::Unified && hostRunsSystemd();
    if (systemdHost) {
        CUBBY_TRY(scope, enterContainerScope(domain.name));
        cgroupParent = std::move(scope);
    }
    CUBBY_TRY(cgroup,
              ContainerCgroup::create(cgroupParent, domain.name, planCgroupLimits(domain, disks)));
    if (plan.cgroupDelegateUid >= 0 && plan.cgroupDelegateGid >= 0) {
        if (auto handed = cgroup.delegateTo(static_cast<uid_t>(plan.cgroupDelegateUid),
                                            static_cast<gid_t>(plan.cgroupDelegateGid));
            !handed) {
            (void)cgroup.remove();
            return fail(handed.error());
        }
    }
    auto loop = EventLoop::create();
    if (!loop) {
        (void)cgroup.remove();
        return fail(loop.error());
    }
    return std::make_unique<Controller>(
        Controller::Setup{options.paths, std::move(domain), std::move(plan), std::move(network),
                          identity, std::move(lock), std::move(cgroup), std::move(console),
                          std::move(*loop), std::move(stagedRoot), systemdHost});
}

// Once the container has run for a moment, the start-up code (XML parsing, planning, mounting) is
// not needed again, but the kernel keeps the file pages it read for it mapped here, in large
// chunks. Hand them back: what the event loop uses faults in again, and an idle controller then
// costs about its working set. Best effort; kernels without MADV_PAGEOUT ignore it.
void releaseStartupPages() {
#ifdef MADV_PAGEOUT
    const UniqueFd maps(::open("/proc/self/maps", O_RDONLY | O_CLOEXEC));
    if (!maps)
        return;
    std::string text;
    char buffer[4096];
    ssize_t got;
    while ((got = ::read(maps.get(), buffer, sizeof buffer)) > 0)
        text.append(buffer, static_cast<size_t>(got));
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos)
            end = text.size();
        const std::string_view line(text.data() + start, end - start);
        start = end + 1;
        // File-backed, not writable: program text and read-only data.
        const size_t dash = line.find('-');
        const size_t space = line.find(' ');
        if (dash == std::string_view::npos || space == std::string_view::npos ||
            line.size() < space + 5 || line[space + 2] == 'w' ||
            line.find('/') == std::string_view::npos)
            continue;
        const uintptr_t from =
            std::strtoull(std::string(line.substr(0, dash)).c_str(), nullptr, 16);
        const uintptr_t to = std::strtoull(
            std::string(line.substr(dash + 1, space - dash - 1)).c_str(), nullptr, 16);
        ::madvise(reinterpret_cast<void*>(from), to - from, MADV_PAGEOUT);
    }
#endif
}

} // namespace

int main(int argc, char** argv) {
    // Not dumpable: no core files of a root process, and only CAP_SYS_PTRACE in the host's
    // user namespace may ptrace it or read its /proc/PID/{mem,environ,fd} (a container's
    // root, even in a privileged container that kept its uid 0, may not); children it forks
    // into a container inherit this until they exec.
    ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    auto options = parseOptions(argc, argv);
    if (!options) {
        std::fprintf(stderr, "cubby-controller: %s\n", options.error().message.c_str());
        return 2;
    }
    // The ready descriptor must not reach the container.
    if (options->readyFd >= 0)
        ::fcntl(options->readyFd, F_SETFD, FD_CLOEXEC);
    const auto failStart = [&](const Error& error) {
        std::fprintf(stderr, "cubby-controller: %s: %s\n", options->name.c_str(),
                     error.message.c_str());
        reportOnReadyFd(options->readyFd, "error " + error.message + "\n");
        return 1;
    };
    auto controller = prepare(*options);
    if (!controller)
        return failStart(controller.error());
    auto started = (*controller)->start();
    if (!started) {
        (*controller).reset(); // releases the lock, so the cleanup below can take it
        // Nothing of a failed start stays behind: its cgroup and run directory go.
        (void)cleanStaleContainer(options->paths, options->name);
        return failStart(started.error());
    }
    reportOnReadyFd(options->readyFd, std::format("ready {}\n", *started));
    // Only for containers that stay: a container that is done at once (a /bin/true) should
    // not pay for the page-out.
    (void)(*controller)->loop().runLater(std::chrono::seconds(1), releaseStartupPages);
    if (auto ran = (*controller)->run(); !ran) {
        std::fprintf(stderr, "cubby-controller: %s: %s\n", options->name.c_str(),
                     ran.error().message.c_str());
        return 1;
    }
    return 0;
}
