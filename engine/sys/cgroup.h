#pragma once
// Resource control for one container: one group per container, created before the
// container's init runs and removed after it is gone. The backend is chosen from what the
// host mounts: a pure cgroup v2 hierarchy (what users have), or the v1/v2 hybrid of hosts
// whose memory, cpu, pids and devices controllers are v1 (the build machines); there the group
// is also made in the unified hierarchy beside them, without controllers, so that a container's
// systemd finds a cgroup2 tree of its own. On a systemd host the group's parent is the
// container's own delegated scope (systemd_host.h) instead of the "cubby" group.

#include "cgroup_plan.h"
#include "error.h"
#include "unique_fd.h"

#include <memory>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <vector>

namespace cubby {

enum class CgroupLayout {
    Unified, // cgroup v2 with the memory, cpu and pids controllers
    Hybrid,  // v1 controllers (memory, cpu/cpuacct, pids, devices; cpuset, freezer if mounted)
};

Result<CgroupLayout> detectCgroupLayout();

// Whether the host mounts a cgroup2 hierarchy (all of /sys/fs/cgroup, or a hybrid host's
// /sys/fs/cgroup/unified): a container then gets a cgroup2 tree of its own at /sys/fs/cgroup.
bool hasUnifiedHierarchy();

// Figures read from the group itself, never by walking /proc.
struct CgroupStats {
    uint64_t memoryCurrentBytes = 0;
    uint64_t memoryMaxBytes = 0; // 0: no limit
    uint64_t oomKills = 0;       // processes the kernel's OOM killer killed in the group
    uint64_t cpuUsageNs = 0;     // cumulative CPU time of every process, exited ones included
    // Per CPU, where the kernel keeps it (v1 cpuacct.usage_percpu). cgroup v2 has no per-CPU
    // figure; there the vector is empty and only the total is reported.
    std::vector<uint64_t> perCpuUsageNs;
    uint64_t pids = 0;
};

class ContainerCgroup {
public:
    // Creates the container's group under `parent` (a path relative to each hierarchy's
    // root, e.g. "cubby") and applies `limits`. Fails with AlreadyExists if it exists.
    static Result<ContainerCgroup> create(std::string_view parent, std::string_view name,
                                          const CgroupLimits& limits);
    // An existing group (a restarted helper, stale-state cleanup).
    static Result<ContainerCgroup> open(std::string_view parent, std::string_view name);
    // What is left of a group in any hierarchy (a controller killed half-way through removing
    // it), for killing and removing: NotFound only when nothing is.
    static Result<ContainerCgroup> openLeftovers(std::string_view parent, std::string_view name);

    ContainerCgroup(ContainerCgroup&&) noexcept;
    ContainerCgroup& operator=(ContainerCgroup&&) noexcept;
    ~ContainerCgroup(); // does not remove the group: removal is explicit

    CgroupLayout layout() const;
    // What create() left out because this host cannot do it and the definition can do without
    // (an I/O weight where no disk has weight control), in words for the container's log.
    const std::vector<std::string>& unappliedLimits() const;
    // The group's directory in every hierarchy it lives in (one on cgroup v2; one per v1
    // hierarchy on a hybrid host), for logs and for checking that remove() left nothing.
    std::vector<std::string> paths() const;
    Status addProcess(pid_t pid);
    // A process Cubby starts inside a running container (a shell, an exec): into the group, or
    // where a cgroup2 group may hold no processes of its own any more (the container's systemd
    // enabled controllers for groups below it), into the leaf ".cubby" below it, as LXC does
    // for what it attaches.
    Status addAttachedProcess(pid_t pid);
    // Hands the group's cgroup2 directory (pure v2, or a hybrid host's unified hierarchy) to
    // the container's root, as systemd's delegation does: the directory, cgroup.procs,
    // cgroup.threads and cgroup.subtree_control — never the limit files Cubby wrote. A
    // container's systemd then makes and fills groups of its own below it.
    Status delegateTo(uid_t uid, gid_t gid);
    // Back to how create() left it, for a new init after a reboot (the group empty): the
    // groups the container made are removed and the controllers it enabled for them switched
    // off again.
    Status resetDelegation();
    Result<CgroupStats> readStats() const;
    // Rewrites what `limits` sets (planLiveCgroupLimits: memory and CPU) in the running group;
    // the device rules stay as created.
    Status applyLiveLimits(const CgroupLimits& limits);
    // A descriptor that becomes readable (EPOLLIN) when the kernel's OOM killer acts in the
    // group, so OOM kills are logged as they happen rather than found at the end: an inotify
    // watch on v2's memory.events (the kernel reports each change of it as a modification),
    // an eventfd registered for memory.oom_control on v1. Read it to drain it, then compare
    // readStats().oomKills with what was seen before (one notice may stand for several kills).
    Result<UniqueFd> watchOomKills() const;
    // SIGKILL to every process in the group and the groups below it, then waits (bounded) until
    // none is left.
    // The dead stay counted in pids.current until their parents reap them.
    Status killAll();
    // Removes the (empty) group from every hierarchy, with the groups a container's systemd
    // made below it; a directory already gone counts as removed. `parent` stays: other
    // containers share it.
    Status remove();

private:
    struct State;
    explicit ContainerCgroup(std::unique_ptr<State> state);
    static Result<ContainerCgroup> openGroup(std::string_view parent, std::string_view name,
                                             bool partial);
    std::unique_ptr<State> m_state;
};

} // namespace cubby
