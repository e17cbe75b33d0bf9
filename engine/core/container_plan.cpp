#include "container_plan.h"

#include "capabilities.h"

#include <algorithm>
#include <csignal>
#include <format>
#include <sched.h>
#include <sys/mount.h>

namespace cubby {

namespace {

constexpr unsigned long noSuidDevExec = MS_NOSUID | MS_NODEV | MS_NOEXEC;

// Kernel interfaces that reveal or change the host; masked as runc, LXC and nspawn do.
constexpr std::string_view maskedFiles[] = {
    "/proc/kcore",       "/proc/keys",          "/proc/key-users",     "/proc/timer_list",
    "/proc/sched_debug", "/proc/sysrq-trigger", "/proc/latency_stats", "/proc/kmsg",
};
constexpr std::string_view maskedDirectories[] = {"/proc/acpi", "/proc/scsi", "/sys/firmware"};

// How each kind of init is asked to power off and to reboot.
struct InitSignals {
    std::string_view basename;
    int shutdown;
    int reboot;
};

std::vector<InitSignals> initSignalTable() {
    return {
        {"systemd", SIGRTMIN + 4, SIGINT}, // systemd: poweroff.target / ctrl-alt-del
        {"init", SIGUSR2, SIGTERM},        // BusyBox init: poweroff / reboot
    };
}

MountStep fresh(std::string fstype, std::string target, unsigned long flags, std::string data) {
    return {MountPhase::BeforePivot,
            MountAction::MountFilesystem,
            fstype,
            std::move(target),
            fstype,
            flags,
            std::move(data),
            false,
            false};
}

MountStep symlink(std::string target, std::string pointsTo) {
    MountStep step;
    step.action = MountAction::Symlink;
    step.source = std::move(pointsTo);
    step.target = std::move(target);
    return step;
}

MountStep afterPivot(MountAction action, std::string source, std::string target,
                     bool readOnly = false) {
    MountStep step;
    step.phase = MountPhase::AfterPivot;
    step.action = action;
    step.source = std::move(source);
    step.target = std::move(target);
    step.readOnly = readOnly;
    return step;
}

std::string idMapText(const std::vector<IdMapRange>& ranges) {
    std::string text;
    for (const auto& range : ranges)
        text += std::format("{} {} {}\n", range.start, range.target, range.count);
    return text;
}

// The host id `inside` maps to, or -1.
int64_t hostIdOf(const std::vector<IdMapRange>& ranges, uint32_t inside) {
    for (const auto& range : ranges) {
        if (inside >= range.start && inside - range.start < range.count)
            return int64_t(range.target) + (inside - range.start);
    }
    return -1;
}

void addDevTree(std::vector<MountStep>& mounts) {
    mounts.push_back(fresh("tmpfs", "/dev", MS_NOSUID | MS_NOEXEC, "mode=755,size=65536k"));
    for (const auto& node : containerDeviceNodes()) {
        MountStep bind{MountPhase::BeforePivot,
                       MountAction::BindHost,
                       "/dev/" + node,
                       "/dev/" + node,
                       "",
                       0,
                       "",
                       true,
                       false};
        mounts.push_back(std::move(bind));
    }
    mounts.push_back(fresh("devpts", "/dev/pts", MS_NOSUID | MS_NOEXEC,
                           "newinstance,ptmxmode=0666,mode=0620,gid=5"));
    mounts.push_back(symlink("/dev/ptmx", "pts/ptmx"));
    mounts.push_back(symlink("/dev/fd", "/proc/self/fd"));
    mounts.push_back(symlink("/dev/stdin", "/proc/self/fd/0"));
    mounts.push_back(symlink("/dev/stdout", "/proc/self/fd/1"));
    mounts.push_back(symlink("/dev/stderr", "/proc/self/fd/2"));
    mounts.push_back(fresh("tmpfs", "/dev/shm", MS_NOSUID | MS_NODEV, "mode=1777"));
    mounts.push_back(fresh("mqueue", "/dev/mqueue", noSuidDevExec, ""));
    // The console: the controller's PTY slave, bound from the descriptor the child holds.
    MountStep console{
        MountPhase::BeforePivot, MountAction::BindHost, "", "/dev/console", "", 0, "", true, false};
    mounts.push_back(std::move(console));
}

// A folder shared from the owner's home into a container with a user namespace: the owner's
// uid and primary group on disk show as the chosen user inside (root unless the metadata
// names another), nothing below it that is mounted comes along.
void shareFromHome(const Domain& domain, const HostFacts::Owner& owner, MountStep& step) {
    const auto chosen = domain.cubby.shareUsers.find(step.target);
    const uint32_t inside = chosen == domain.cubby.shareUsers.end() ? 0 : chosen->second;
    step.homeOwnerUid = owner.uid;
    step.recursive = false;
    const int64_t hostUid = hostIdOf(domain.idmap->uids, inside);
    const int64_t hostGid = hostIdOf(domain.idmap->gids, inside);
    if (hostUid >= 0 && hostGid >= 0) {
        step.shareUidMap = std::format("{} {} 1\n", owner.uid, hostUid);
        step.shareGidMap = std::format("{} {} 1\n", owner.gid, hostGid);
    }
}

void addDomainFilesystems(const Domain& domain, const HostFacts& host,
                          std::vector<MountStep>& mounts) {
    for (const auto& fs : domain.filesystems) {
        if (fs.targetDir == "/")
            continue;
        switch (fs.type) {
        case FilesystemType::Mount: {
            MountStep step{MountPhase::Staged,
                           MountAction::BindHost,
                           fs.sourceDir,
                           fs.targetDir,
                           "",
                           0,
                           "",
                           false,
                           fs.readOnly};
            // The home decides only which check applies: the folder is opened from the home
            // by descriptor at start (home_dirs.h), which refuses anything else.
            if (domain.idmap && host.owner && fs.sourceDir.starts_with(host.owner->home + "/"))
                shareFromHome(domain, *host.owner, step);
            mounts.push_back(std::move(step));
            break;
        }
        case FilesystemType::Ram:
            mounts.push_back(fresh("tmpfs", fs.targetDir, MS_NOSUID | MS_NODEV,
                                   std::format("mode=755,size={}k", fs.ramKiB.value_or(0))));
            break;
        case FilesystemType::Bind:
            mounts.push_back(
                afterPivot(MountAction::BindInside, fs.sourceDir, fs.targetDir, fs.readOnly));
            break;
        }
    }
}

std::vector<int> droppedCapabilities(const Features& features) {
    const CapabilityFeature policy = features.capabilities.value_or(CapabilityFeature{});
    std::vector<int> dropped;
    for (const auto& cap : knownCapabilities()) {
        bool drop = false;
        switch (policy.policy) {
        case CapabilityPolicy::Default:
            drop = std::ranges::find(defaultDroppedCapabilities(), cap.name) !=
                   defaultDroppedCapabilities().end();
            break;
        case CapabilityPolicy::Allow:
            drop = false;
            break;
        case CapabilityPolicy::Deny:
            drop = true;
            break;
        }
        if (const auto it = policy.overrides.find(std::string(cap.name));
            it != policy.overrides.end())
            drop = !it->second;
        if (drop)
            dropped.push_back(cap.number);
    }
    return dropped;
}

} // namespace

const std::vector<std::string>& defaultDroppedCapabilities() {
    static const std::vector<std::string> dropped = {
        "sys_module", "sys_rawio", "sys_time", "mac_admin",  "mac_override",  "audit_control",
        "mknod",      "sys_pacct", "syslog",   "wake_alarm", "block_suspend",
    };
    return dropped;
}

const std::vector<std::string>& containerDeviceNodes() {
    static const std::vector<std::string> nodes = {"null",   "zero",    "full",
                                                   "random", "urandom", "tty"};
    return nodes;
}

ContainerPlan planContainer(const Domain& domain, const HostFacts& host) {
    ContainerPlan plan;
    plan.name = domain.name;
    plan.hostname = domain.name;
    plan.cloneFlags = CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC;
    if (domain.idmap)
        plan.cloneFlags |= CLONE_NEWUSER;
    if (domain.hasPrivateNetwork())
        plan.cloneFlags |= CLONE_NEWNET;
    const Filesystem* root = domain.rootFilesystem();
    plan.rootfs = root ? root->sourceDir : std::string();
    plan.idmapRoot = root && domain.hasUserNamespace();
    if (plan.idmapRoot && domain.cubby.rootShift) {
        const int64_t uidBase = hostIdOf(domain.idmap->uids, 0);
        const int64_t gidBase = hostIdOf(domain.idmap->gids, 0);
        const IdMapRange& first = domain.idmap->uids.front();
        // Only a map with one range from 0 shifts cleanly (Cubby's allocated ones are such).
        if (uidBase >= 0 && gidBase >= 0 && first.start == 0 && domain.idmap->uids.size() == 1)
            plan.rootShift = IdShift{uint32_t(uidBase), uint32_t(gidBase), first.count};
    }

    auto& mounts = plan.mounts;
    mounts.push_back(fresh("proc", "/proc", noSuidDevExec, ""));
    // sysfs shows the network devices of the namespace that mounts it, so a fresh one inside
    // a private network namespace lists only the container's own interfaces. Sharing the
    // host's network, the host's sysfs is bound read-only instead: the kernel refuses a new
    // sysfs from a user namespace that does not own the network namespace, and the same
    // sysfs twice on one mount point.
    const bool freshSysfs = domain.hasPrivateNetwork() || (!domain.idmap && root);
    if (freshSysfs) {
        mounts.push_back(fresh("sysfs", "/sys", noSuidDevExec | MS_RDONLY, ""));
    } else {
        // A user namespace may only bind the host's /sys with its submounts (they are locked
        // to it); without one, the submounts (cgroup, debugfs, securityfs) stay behind.
        const bool recursive = domain.idmap.has_value();
        mounts.push_back({MountPhase::BeforePivot, MountAction::BindHost, "/sys", "/sys", "", 0, "",
                          false, true, recursive});
        if (recursive) // hide the host's cgroup mounts that came along
            mounts.push_back(
                fresh("tmpfs", "/sys/fs/cgroup", noSuidDevExec | MS_RDONLY, "mode=755,size=0"));
    }
    if (host.cgroupUnified)
        mounts.push_back(fresh("cgroup2", "/sys/fs/cgroup", noSuidDevExec, ""));
    addDevTree(mounts);
    if (root) {
        // systemd's container interface (systemd.io/CONTAINER_INTERFACE): /run a tmpfs before
        // init runs, with /run/host saying who manages the container and what the host is,
        // read-only. Any other init finds an empty /run, as on a booting machine.
        mounts.push_back(fresh("tmpfs", "/run", MS_NOSUID | MS_NODEV, "mode=755,size=20%"));
        mounts.push_back(
            fresh("tmpfs", "/run/host", MS_NOSUID | MS_NODEV | MS_NOEXEC, "mode=755,size=256k"));
        const auto writeFile = [&](std::string target, std::string text) {
            MountStep step;
            step.action = MountAction::WriteFile;
            step.target = std::move(target);
            step.data = std::move(text);
            step.targetIsFile = true;
            mounts.push_back(std::move(step));
        };
        writeFile("/run/host/container-manager", "cubby\n");
        if (!host.osRelease.empty())
            writeFile("/run/host/os-release", host.osRelease);
    }
    if (!root && std::ranges::none_of(domain.filesystems, [](const Filesystem& fs) {
            return fs.targetDir == "/tmp";
        })) {
        // An application container shares the host's files but not its /tmp.
        mounts.push_back(fresh("tmpfs", "/tmp", MS_NOSUID | MS_NODEV, "mode=1777"));
    }
    addDomainFilesystems(domain, host, mounts);

    mounts.push_back(afterPivot(MountAction::BindInside, "/proc/sys", "/proc/sys", true));
    if (domain.hasPrivateNetwork()) // the container's own network settings stay writable
        mounts.push_back(afterPivot(MountAction::BindInside, "/proc/sys/net", "/proc/sys/net"));
    for (const auto file : maskedFiles)
        mounts.push_back(afterPivot(MountAction::MaskFile, "", std::string(file)));
    for (const auto dir : maskedDirectories)
        mounts.push_back(afterPivot(MountAction::MaskDirectory, "", std::string(dir)));
    if (root)
        mounts.push_back(afterPivot(MountAction::RemountReadOnly, "", "/run/host"));
    if (root && root->readOnly)
        mounts.push_back(afterPivot(MountAction::RemountReadOnly, "", "/"));

    plan.capabilitiesToDrop = droppedCapabilities(domain.features);
    plan.seccomp = domain.cubby.seccomp;
    plan.noNewPrivileges = domain.cubby.noNewPrivileges.value_or(!root);
    if (domain.idmap) {
        plan.uidMap = idMapText(domain.idmap->uids);
        plan.gidMap = idMapText(domain.idmap->gids);
        plan.consoleHostUid = hostIdOf(domain.idmap->uids, 0);
        plan.cgroupDelegateUid = plan.consoleHostUid;
        plan.cgroupDelegateGid = hostIdOf(domain.idmap->gids, 0);
        plan.consoleHostGid = hostIdOf(domain.idmap->gids, 5);
        if (plan.consoleHostGid < 0)
            plan.consoleHostGid = hostIdOf(domain.idmap->gids, 0);
    }

    plan.argv.push_back(domain.os.init);
    plan.argv.insert(plan.argv.end(), domain.os.initArgs.begin(), domain.os.initArgs.end());
    plan.environment = {
        "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        "TERM=linux",
        "container=cubby",
        "container_name=" + domain.name,
        "container_uuid=" + domain.uuid.toString(),
    };
    for (const auto& env : domain.os.initEnv)
        plan.environment.push_back(env.name + "=" + env.value);
    plan.workingDirectory = domain.os.initDir.empty() ? "/" : domain.os.initDir;
    plan.identity = {domain.os.initUser, domain.os.initGroup};

    const std::string_view init = host.initTarget.empty() ? domain.os.init : host.initTarget;
    const std::string_view basename = init.substr(init.rfind('/') + 1);
    plan.shutdownSignal = SIGTERM;
    plan.rebootSignal = 0; // the controller restarts the container itself
    for (const auto& entry : initSignalTable()) {
        if (entry.basename == basename) {
            plan.shutdownSignal = entry.shutdown;
            plan.rebootSignal = entry.reboot;
        }
    }
    return plan;
}

} // namespace cubby
