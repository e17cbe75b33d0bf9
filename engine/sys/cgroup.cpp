#include "cgroup.h"

#include "bpf_devices.h"
#include "cgroup_files.h"
#include "text.h"
#include "unique_fd.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <dirent.h>
#include <fcntl.h>
#include <format>
#include <linux/magic.h>
#include <optional>
#include <span>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <thread>
#include <unistd.h>

namespace cubby {

namespace {

using namespace std::chrono_literals;

constexpr const char* cgroupRoot = "/sys/fs/cgroup";
// How long killAll() waits for the kernel to finish off the group's processes. Only a process
// stuck in uninterruptible sleep (a dead NFS server) takes longer than a moment.
constexpr auto killTimeout = 10s;
// How long a freeze may take before the kill goes ahead without it.
constexpr auto freezeTimeout = 1s;
constexpr auto pollInterval = 5ms;

// The v1 controllers a container's group uses, each in whichever hierarchy carries it (cpu and
// cpuacct are usually one hierarchy, "cpu,cpuacct", but not everywhere). cpuset is needed only
// when the definition pins CPUs; freezer only lets killAll() stop forks while it kills.
struct V1Controller {
    std::string_view name;
    bool required;
};
constexpr V1Controller v1Controllers[] = {
    {"memory", true},  {"cpu", true},     {"cpuacct", true},  {"pids", true},
    {"devices", true}, {"cpuset", false}, {"freezer", false}, {"blkio", false},
};

// One hierarchy the group lives in.
struct Hierarchy {
    std::string mountPoint;
    bool v2 = false;
    std::vector<std::string_view> controllers{}; // v1: those of ours it carries
    bool optional = false;                       // open() does without it when it is missing
    // The cgroup2 mount of a hybrid host: it carries none of our controllers, but the
    // container's own cgroup2 tree (its cgroup namespace's root) lives there, delegated.
    bool delegateOnly = false;
    std::string path{};   // the group's directory
    UniqueFd parentDir{}; // `parent`, for the rmdir in remove()
    UniqueFd dir{};       // the group, O_RDONLY|O_DIRECTORY

    bool carries(std::string_view controller) const {
        if (delegateOnly)
            return false;
        return v2 || std::ranges::find(controllers, controller) != controllers.end();
    }
};

// The blank- or newline-separated words of a cgroup file ("memory pids\n").
std::vector<std::string_view> splitWords(std::string_view text) {
    std::vector<std::string_view> words;
    size_t start = 0;
    while (start < text.size()) {
        const size_t end = std::min(text.find_first_of(" \n", start), text.size());
        if (end > start)
            words.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return words;
}

bool hasWord(std::string_view text, std::string_view word) {
    const auto words = splitWords(text);
    return std::ranges::find(words, word) != words.end();
}

// Opened O_RDONLY, not O_PATH: BPF_PROG_ATTACH refuses O_PATH descriptors, and reading the
// directory is all the access this gives.
Result<UniqueFd> openDir(int at, const std::string& name, const std::string& shownPath) {
    UniqueFd fd(::openat(at, name.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!fd)
        return fail(Error::system(errno, "opening " + shownPath));
    return fd;
}

Result<std::string> readAt(int dir, const std::string& path, const char* file) {
    UniqueFd fd(::openat(dir, file, O_RDONLY | O_CLOEXEC));
    if (!fd)
        return fail(Error::system(errno, "opening " + path));
    std::string text;
    char buffer[4096];
    for (;;) {
        const ssize_t got = ::read(fd.get(), buffer, sizeof buffer);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return fail(Error::system(errno, "reading " + path));
        if (got == 0)
            return text;
        text.append(buffer, static_cast<size_t>(got));
    }
}

Result<std::string> readAt(const Hierarchy& group, const char* file) {
    return readAt(group.dir.get(), group.path + "/" + file, file);
}

Status writeAt(int dir, const std::string& path, const char* file, std::string_view value) {
    UniqueFd fd(::openat(dir, file, O_WRONLY | O_CLOEXEC));
    if (!fd)
        return fail(Error::system(errno, "opening " + path));
    // A cgroup file takes one value per write(); a partial write would be a different value.
    const ssize_t written = ::write(fd.get(), value.data(), value.size());
    if (written < 0)
        return fail(Error::system(errno, std::format("writing {} to {}", quoted(value), path)));
    if (static_cast<size_t>(written) != value.size())
        return fail(Error::system(EIO, std::format("writing {} to {}: cut short at {} bytes",
                                                   quoted(value), path, written)));
    return {};
}

Status writeAt(const Hierarchy& group, const char* file, std::string_view value) {
    return writeAt(group.dir.get(), group.path + "/" + file, file, value);
}

bool existsAt(const Hierarchy& group, const char* file) {
    return ::faccessat(group.dir.get(), file, F_OK, 0) == 0;
}

Result<std::string> readAbsolute(const std::string& path) {
    return readAt(AT_FDCWD, path, path.c_str());
}

Result<std::vector<CgroupMount>> cgroupMounts() {
    CUBBY_TRY(mountinfo, readAbsolute("/proc/self/mountinfo"));
    return parseCgroupMounts(mountinfo);
}

bool isCgroup2(const char* path) {
    struct statfs info = {};
    return ::statfs(path, &info) == 0 && info.f_type == CGROUP2_SUPER_MAGIC;
}

// The hierarchies a group lives in on this host, not yet opened.
Result<std::vector<Hierarchy>> hierarchiesFor(CgroupLayout layout) {
    std::vector<Hierarchy> out;
    if (layout == CgroupLayout::Unified) {
        out.push_back({.mountPoint = cgroupRoot, .v2 = true});
        return out;
    }
    CUBBY_TRY(mounts, cgroupMounts());
    for (const V1Controller& controller : v1Controllers) {
        // A mount of the whole hierarchy over a bind mount of part of it: group paths are
        // relative to the hierarchy's root.
        const CgroupMount* found = nullptr;
        for (const CgroupMount& mount : mounts) {
            if (!mount.v2 && mount.hasOption(controller.name) &&
                (!found || (found->root != "/" && mount.root == "/")))
                found = &mount;
        }
        if (!found) {
            if (controller.required)
                return fail(Error::of(
                    ErrorKind::Unsupported,
                    std::format("the cgroup v1 {} controller is not mounted", controller.name)));
            continue;
        }
        auto same = std::ranges::find(out, found->mountPoint, &Hierarchy::mountPoint);
        if (same == out.end()) {
            out.push_back({.mountPoint = found->mountPoint, .optional = true});
            same = out.end() - 1;
        }
        same->controllers.push_back(controller.name);
        same->optional = same->optional && !controller.required;
    }
    // The unified hierarchy beside them (systemd's hybrid mode mounts it at
    // /sys/fs/cgroup/unified): a container's systemd runs in unified mode there, as nspawn
    // lets it on such hosts.
    for (const CgroupMount& mount : mounts) {
        if (mount.v2 && mount.root == "/") {
            out.push_back({.mountPoint = mount.mountPoint,
                           .v2 = true,
                           .optional = true,
                           .delegateOnly = true});
            break;
        }
    }
    return out;
}

// One directory name, refusing anything that would leave the hierarchy or name a control file.
Status checkComponent(std::string_view part, std::string_view what) {
    if (part.empty() || part == "." || part == ".." || part.find('/') != std::string_view::npos ||
        part.find('\0') != std::string_view::npos || part.starts_with("cgroup."))
        return failInvalid(std::format("{} {} is not a cgroup directory name", what, quoted(part)));
    return {};
}

// Splits `parent` ("cubby", "a/b") into directory names.
Result<std::vector<std::string>> parentComponents(std::string_view parent) {
    std::vector<std::string> parts;
    size_t start = 0;
    while (start < parent.size()) {
        const size_t end = std::min(parent.find('/', start), parent.size());
        if (end > start) {
            const std::string_view part = parent.substr(start, end - start);
            CUBBY_CHECK(checkComponent(part, "cgroup parent part"));
            parts.emplace_back(part);
        }
        start = end + 1;
    }
    return parts;
}

// cgroup v2: a group has a controller's files only when its parent lists the controller in
// cgroup.subtree_control. Only what is missing is written.
Status enableControllers(int dir, const std::string& path,
                         const std::vector<std::string_view>& needed) {
    CUBBY_TRY(enabled, readAt(dir, path + "/cgroup.subtree_control", "cgroup.subtree_control"));
    std::string change;
    for (const std::string_view controller : needed) {
        if (!hasWord(enabled, controller))
            change += std::format("+{} ", controller);
    }
    if (change.empty())
        return {};
    CUBBY_TRY(available, readAt(dir, path + "/cgroup.controllers", "cgroup.controllers"));
    for (const std::string_view controller : needed) {
        if (!hasWord(available, controller))
            return fail(Error::of(ErrorKind::Unsupported,
                                  std::format("{}: the {} controller is not available here "
                                              "(cgroup.controllers: {})",
                                              path, controller, quoted(trimmed(available)))));
    }
    change.pop_back();
    return writeAt(dir, path + "/cgroup.subtree_control", "cgroup.subtree_control", change);
}

// A new v1 cpuset group starts with no CPUs and no memory nodes, and no process can join it
// until it has some: it gets its parent's.
Status inheritCpuset(int parentDir, const std::string& parentPath, int dir,
                     const std::string& path) {
    for (const char* file : {"cpuset.cpus", "cpuset.mems"}) {
        CUBBY_TRY(own, readAt(dir, path + "/" + file, file));
        if (!trimmed(own).empty())
            continue;
        CUBBY_TRY(inherited, readAt(parentDir, parentPath + "/" + file, file));
        CUBBY_CHECK(writeAt(dir, path + "/" + file, file, trimmed(inherited)));
    }
    return {};
}

std::vector<std::string_view> v2ControllersFor(const CgroupLimits& limits) {
    // memory and pids always: the stats read memory.current and pids.current.
    std::vector<std::string_view> needed = {"memory", "pids"};
    if (limits.cpuShares || limits.cpuPeriodUs || limits.cpuQuotaUs)
        needed.push_back("cpu");
    if (!limits.cpusetCpus.empty())
        needed.push_back("cpuset");
    if (limits.ioWeight || !limits.ioDevices.empty())
        needed.push_back("io");
    return needed;
}

// Creates (or with `create` false, opens) `parent`/`name` in one hierarchy.
Status reachGroup(Hierarchy& hierarchy, const std::vector<std::string>& parent,
                  const std::string& name, bool create,
                  const std::vector<std::string_view>& v2Controllers) {
    const bool cpuset = !hierarchy.v2 && hierarchy.carries("cpuset");
    std::string path = hierarchy.mountPoint;
    CUBBY_TRY(dir, openDir(AT_FDCWD, path, path));
    const auto prepare = [&](int at, const std::string& atPath) -> Status {
        if (create && hierarchy.v2 && !hierarchy.delegateOnly)
            return enableControllers(at, atPath, v2Controllers);
        return {};
    };
    for (const std::string& part : parent) {
        CUBBY_CHECK(prepare(dir.get(), path));
        if (create && ::mkdirat(dir.get(), part.c_str(), 0755) != 0 && errno != EEXIST)
            return fail(Error::system(errno, std::format("creating {}/{}", path, part)));
        const std::string partPath = path + "/" + part;
        auto next = openDir(dir.get(), part, partPath);
        if (!next && next.error().errnoValue == ENOENT)
            next.error().kind = ErrorKind::NotFound;
        if (!next)
            return fail(next.error());
        if (create && cpuset)
            CUBBY_CHECK(inheritCpuset(dir.get(), path, next->get(), partPath));
        dir = std::move(*next);
        path = partPath;
    }
    CUBBY_CHECK(prepare(dir.get(), path));
    const std::string groupPath = path + "/" + name;
    if (create && ::mkdirat(dir.get(), name.c_str(), 0755) != 0) {
        if (errno == EEXIST)
            return fail(Error::of(ErrorKind::AlreadyExists,
                                  std::format("the cgroup {} already exists", groupPath)));
        return fail(Error::system(errno, "creating " + groupPath));
    }
    // From here on remove() can take the directory away again.
    hierarchy.path = groupPath;
    hierarchy.parentDir = std::move(dir);
    auto group = openDir(hierarchy.parentDir.get(), name, groupPath);
    if (!group && group.error().errnoValue == ENOENT)
        group.error().kind = ErrorKind::NotFound;
    if (!group)
        return fail(group.error());
    hierarchy.dir = std::move(*group);
    if (create && cpuset)
        CUBBY_CHECK(inheritCpuset(hierarchy.parentDir.get(), path, hierarchy.dir.get(), groupPath));
    return {};
}

// One limit file: its controller, its name and the value to write, if the limits set one.
struct LimitWrite {
    std::string_view controller;
    const char* file;
    std::optional<std::string> (*value)(const CgroupLimits&);
};

std::optional<std::string> decimal(const std::optional<uint64_t>& value) {
    if (!value)
        return std::nullopt;
    return std::to_string(*value);
}

// Written in table order.
constexpr LimitWrite v2LimitWrites[] = {
    {"memory", "memory.max", [](const CgroupLimits& l) { return decimal(l.memoryMaxBytes); }},
    {"memory", "memory.high", [](const CgroupLimits& l) { return decimal(l.memoryHighBytes); }},
    {"memory", "memory.low", [](const CgroupLimits& l) { return decimal(l.memoryLowBytes); }},
    {"memory", "memory.swap.max",
     [](const CgroupLimits& l) -> std::optional<std::string> {
         if (!l.memorySwapMaxBytes)
             return std::nullopt;
         return std::to_string(v2SwapMax(*l.memorySwapMaxBytes, l.memoryMaxBytes));
     }},
    {"cpu", "cpu.weight",
     [](const CgroupLimits& l) -> std::optional<std::string> {
         if (!l.cpuShares)
             return std::nullopt;
         return std::to_string(cpuWeightFromShares(*l.cpuShares));
     }},
    {"cpu", "cpu.max", [](const CgroupLimits& l) { return v2CpuMax(l.cpuQuotaUs, l.cpuPeriodUs); }},
    {"cpuset", "cpuset.cpus",
     [](const CgroupLimits& l) -> std::optional<std::string> {
         if (l.cpusetCpus.empty())
             return std::nullopt;
         return l.cpusetCpus;
     }},
    {"pids", "pids.max", [](const CgroupLimits& l) { return decimal(l.pidsMax); }},
};

// Written in table order: v1 takes memsw.limit_in_bytes (memory + swap) only once
// limit_in_bytes is no higher.
constexpr LimitWrite v1LimitWrites[] = {
    {"memory", "memory.limit_in_bytes",
     [](const CgroupLimits& l) { return decimal(l.memoryMaxBytes); }},
    {"memory", "memory.soft_limit_in_bytes",
     [](const CgroupLimits& l) { return decimal(l.memoryHighBytes); }},
    // v1 has no counterpart of memory.low: min_guarantee goes unenforced there.
    {"memory", "memory.memsw.limit_in_bytes",
     [](const CgroupLimits& l) { return decimal(l.memorySwapMaxBytes); }},
    {"cpu", "cpu.shares", [](const CgroupLimits& l) { return decimal(l.cpuShares); }},
    {"cpu", "cpu.cfs_period_us", [](const CgroupLimits& l) { return decimal(l.cpuPeriodUs); }},
    {"cpu", "cpu.cfs_quota_us",
     [](const CgroupLimits& l) -> std::optional<std::string> {
         if (!l.cpuQuotaUs)
             return std::nullopt;
         return std::to_string(*l.cpuQuotaUs); // -1 is v1's "no limit" too
     }},
    {"cpuset", "cpuset.cpus",
     [](const CgroupLimits& l) -> std::optional<std::string> {
         if (l.cpusetCpus.empty())
             return std::nullopt;
         return l.cpusetCpus;
     }},
    {"pids", "pids.max", [](const CgroupLimits& l) { return decimal(l.pidsMax); }},
};

// Block I/O files take one rule per write and several rules per group (one per disk). Where a
// choice lists two files, the first that exists is written, each with its own scale. A weight
// is best effort: only the BFQ scheduler or io.cost give one (the files are missing
// otherwise), and a share against siblings is no reason to refuse a start. A cap is a promise:
// a host that cannot keep it refuses the start.
struct IoFile {
    const char* file;
    std::vector<std::string> (*lines)(const CgroupLimits&);
};
struct IoWrite {
    std::string_view controller;
    std::array<IoFile, 2> choices;
    bool bestEffort;
    std::string_view what; // for the note or the error
};

const IoWrite v2IoWrites[] = {
    {"io",
     {{{"io.weight", [](const CgroupLimits& l) { return v2IoWeightLines(l, false); }},
       {"io.bfq.weight", [](const CgroupLimits& l) { return v2IoWeightLines(l, true); }}}},
     true,
     "the I/O weight"},
    {"io", {{{"io.max", v2IoMaxLines}, {nullptr, nullptr}}}, false, "the I/O limits"},
};

const IoWrite v1IoWrites[] = {
    {"blkio",
     {{{"blkio.weight", v1IoWeightLines}, {"blkio.bfq.weight", v1IoWeightLines}}},
     true,
     "the I/O weight"},
    {"blkio",
     {{{"blkio.weight_device", v1IoWeightDeviceLines},
       {"blkio.bfq.weight_device", v1IoWeightDeviceLines}}},
     true,
     "the I/O weight of a disk"},
    {"blkio",
     {{{"blkio.throttle.read_bps_device",
        [](const CgroupLimits& l) { return v1ThrottleLines(l, IoRate::ReadBytes); }},
       {nullptr, nullptr}}},
     false,
     "the read bandwidth limit"},
    {"blkio",
     {{{"blkio.throttle.write_bps_device",
        [](const CgroupLimits& l) { return v1ThrottleLines(l, IoRate::WriteBytes); }},
       {nullptr, nullptr}}},
     false,
     "the write bandwidth limit"},
    {"blkio",
     {{{"blkio.throttle.read_iops_device",
        [](const CgroupLimits& l) { return v1ThrottleLines(l, IoRate::ReadIops); }},
       {nullptr, nullptr}}},
     false,
     "the read operations limit"},
    {"blkio",
     {{{"blkio.throttle.write_iops_device",
        [](const CgroupLimits& l) { return v1ThrottleLines(l, IoRate::WriteIops); }},
       {nullptr, nullptr}}},
     false,
     "the write operations limit"},
};

// A container's systemd makes groups of its own below the container's (init.scope,
// system.slice, …); a group is only as deep as this, which no real tree comes near.
constexpr unsigned maxGroupDepth = 32;

// The subdirectories of a cgroup directory (its child groups).
Result<std::vector<std::string>> childGroups(int dirFd, const std::string& path) {
    // A descriptor of its own: a duplicate would share the directory offset, and a second
    // listing through the same group's descriptor would then find nothing.
    const int copy = ::openat(dirFd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    DIR* listing = copy >= 0 ? ::fdopendir(copy) : nullptr;
    if (!listing) {
        if (copy >= 0)
            ::close(copy);
        return fail(Error::system(errno, "listing " + path));
    }
    std::vector<std::string> children;
    while (const dirent* entry = ::readdir(listing)) {
        const std::string name = entry->d_name;
        if (entry->d_type == DT_DIR && name != "." && name != "..")
            children.push_back(name);
    }
    ::closedir(listing);
    return children;
}

// Every pid in the group at `dirFd` and the groups below it.
Status collectPids(int dirFd, const std::string& path, unsigned depth, std::vector<pid_t>& out) {
    CUBBY_TRY(text, readAt(dirFd, path + "/cgroup.procs", "cgroup.procs"));
    CUBBY_TRY(numbers, parseNumberList(text, path + "/cgroup.procs"));
    out.insert(out.end(), numbers.begin(), numbers.end());
    if (depth >= maxGroupDepth)
        return {};
    CUBBY_TRY(children, childGroups(dirFd, path));
    for (const std::string& child : children) {
        UniqueFd childFd(::openat(dirFd, child.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
        if (!childFd && errno == ENOENT)
            continue; // removed meanwhile
        if (!childFd)
            return fail(Error::system(errno, "opening " + path + "/" + child));
        CUBBY_CHECK(collectPids(childFd.get(), path + "/" + child, depth + 1, out));
    }
    return {};
}

// Removes the groups below the one at `dirFd`, deepest first (a group goes only once it has
// no children and no processes).
Status removeChildGroups(int dirFd, const std::string& path, unsigned depth) {
    if (depth >= maxGroupDepth)
        return fail(Error::system(ELOOP, path + ": groups nested deeper than Cubby removes"));
    CUBBY_TRY(children, childGroups(dirFd, path));
    for (const std::string& child : children) {
        UniqueFd childFd(::openat(dirFd, child.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
        if (!childFd && errno == ENOENT)
            continue;
        if (!childFd)
            return fail(Error::system(errno, "opening " + path + "/" + child));
        CUBBY_CHECK(removeChildGroups(childFd.get(), path + "/" + child, depth + 1));
        if (::unlinkat(dirFd, child.c_str(), AT_REMOVEDIR) != 0 && errno != ENOENT)
            return fail(Error::system(errno, "removing " + path + "/" + child));
    }
    return {};
}

using StatsField = uint64_t CgroupStats::*;

// One figure of CgroupStats: a one-number file, or one key of a flat-keyed file.
struct StatRead {
    std::string_view controller;
    const char* file;
    std::string_view key; // empty: the file is one number
    uint64_t scale;
    StatsField field;
};

constexpr StatRead v2StatReads[] = {
    {"memory", "memory.current", {}, 1, &CgroupStats::memoryCurrentBytes},
    {"memory", "memory.max", {}, 1, &CgroupStats::memoryMaxBytes},
    {"memory", "memory.events", "oom_kill", 1, &CgroupStats::oomKills},
    {"cpu", "cpu.stat", "usage_usec", 1000, &CgroupStats::cpuUsageNs},
    {"pids", "pids.current", {}, 1, &CgroupStats::pids},
};

constexpr StatRead v1StatReads[] = {
    {"memory", "memory.usage_in_bytes", {}, 1, &CgroupStats::memoryCurrentBytes},
    {"memory", "memory.limit_in_bytes", {}, 1, &CgroupStats::memoryMaxBytes},
    {"memory", "memory.oom_control", "oom_kill", 1, &CgroupStats::oomKills},
    {"cpuacct", "cpuacct.usage", {}, 1, &CgroupStats::cpuUsageNs},
    {"pids", "pids.current", {}, 1, &CgroupStats::pids},
};

} // namespace

Result<CgroupLayout> detectCgroupLayout() {
    if (isCgroup2(cgroupRoot)) {
        CUBBY_TRY(controllers, readAbsolute(std::string(cgroupRoot) + "/cgroup.controllers"));
        if (hasWord(controllers, "memory"))
            return CgroupLayout::Unified;
    }
    CUBBY_TRY(mounts, cgroupMounts());
    if (std::ranges::any_of(mounts,
                            [](const CgroupMount& m) { return !m.v2 && m.hasOption("memory"); }))
        return CgroupLayout::Hybrid;
    return fail(Error::of(ErrorKind::Unsupported,
                          "no cgroup hierarchy has the memory controller: /sys/fs/cgroup is not "
                          "cgroup v2 with memory in cgroup.controllers, and no v1 memory "
                          "hierarchy is mounted"));
}

bool hasUnifiedHierarchy() {
    if (isCgroup2(cgroupRoot))
        return true;
    auto mounts = cgroupMounts();
    return mounts && std::ranges::any_of(*mounts, [](const CgroupMount& mount) {
               return mount.v2 && mount.root == "/";
           });
}

struct ContainerCgroup::State {
    CgroupLayout layout = CgroupLayout::Unified;
    std::string name;
    std::vector<Hierarchy> hierarchies;
    std::vector<std::string> unapplied; // limits create() could not apply (best-effort ones)

    const Hierarchy* carrying(std::string_view controller) const {
        for (const Hierarchy& hierarchy : hierarchies) {
            if (hierarchy.dir && hierarchy.carries(controller))
                return &hierarchy;
        }
        return nullptr;
    }
    // Where the member list is read: the v2 group, or v1's memory hierarchy.
    const Hierarchy* members() const { return carrying("memory"); }

    Result<const Hierarchy*> need(std::string_view controller) const {
        if (const Hierarchy* hierarchy = carrying(controller))
            return hierarchy;
        const bool removed = std::ranges::any_of(
            hierarchies, [&](const Hierarchy& h) { return h.carries(controller); });
        if (removed)
            return fail(
                Error::of(ErrorKind::NotFound, std::format("cgroup {} has been removed", name)));
        return fail(Error::of(
            ErrorKind::Unsupported,
            std::format("cgroup {}: no hierarchy has the {} controller", name, controller)));
    }

    // withDevices: also the device rules (at creation; never again while init runs).
    Status applyLimits(const CgroupLimits& limits, bool withDevices) const;
    // The block I/O weight and caps (at creation); what this host cannot do and need not is
    // added to `unapplied`.
    Status applyIoLimits(const CgroupLimits& limits, std::vector<std::string>& unapplied) const;
    Status restrictDevicesV1(const std::vector<DeviceRule>& allowed) const;
    Result<std::vector<pid_t>> memberPids() const;
    Status freeze(bool frozen) const;
    void signalMembers(const std::vector<pid_t>& pids) const;
};

Status ContainerCgroup::State::applyLimits(const CgroupLimits& limits, bool withDevices) const {
    const bool v2 = layout == CgroupLayout::Unified;
    for (const LimitWrite& write : v2 ? std::span<const LimitWrite>(v2LimitWrites)
                                      : std::span<const LimitWrite>(v1LimitWrites)) {
        const auto value = write.value(limits);
        if (!value)
            continue;
        CUBBY_TRY(hierarchy, need(write.controller));
        // A missing file is a kernel without the feature (swap accounting off, no CFS
        // bandwidth control): the definition asks for something this host cannot do.
        if (!existsAt(*hierarchy, write.file))
            return fail(Error::of(ErrorKind::Unsupported,
                                  std::format("{}/{} does not exist: this kernel cannot apply "
                                              "the limit {}",
                                              hierarchy->path, write.file, cubby::quoted(*value))));
        CUBBY_CHECK(writeAt(*hierarchy, write.file, *value));
    }
    if (!withDevices)
        return {};
    if (v2) {
        CUBBY_TRY(hierarchy, need("memory"));
        return restrictDevices(hierarchy->dir.get(), limits.allowedDevices, hierarchy->path);
    }
    return restrictDevicesV1(limits.allowedDevices);
}

Status ContainerCgroup::State::applyIoLimits(const CgroupLimits& limits,
                                             std::vector<std::string>& notApplied) const {
    const bool v2 = layout == CgroupLayout::Unified;
    for (const IoWrite& write :
         v2 ? std::span<const IoWrite>(v2IoWrites) : std::span<const IoWrite>(v1IoWrites)) {
        const IoFile* chosen = nullptr;
        const Hierarchy* hierarchy = carrying(write.controller);
        for (const IoFile& choice : write.choices) {
            if (!chosen && choice.file && hierarchy && existsAt(*hierarchy, choice.file))
                chosen = &choice;
        }
        const IoFile& any = chosen ? *chosen : write.choices[0];
        const std::vector<std::string> lines = any.lines(limits);
        if (lines.empty())
            continue;
        if (!chosen && write.bestEffort) {
            notApplied.push_back(std::format("{}: {}", write.what,
                                             hierarchy ? "this host's disks have no weight "
                                                         "control (no BFQ scheduler or io.cost)"
                                                       : "no cgroup hierarchy has the I/O "
                                                         "controller"));
            continue;
        }
        if (!hierarchy) {
            CUBBY_TRY(missing, need(write.controller)); // fails: no hierarchy carries it
            hierarchy = missing;
        }
        if (!chosen)
            return fail(Error::of(ErrorKind::Unsupported,
                                  std::format("{}/{} does not exist: this kernel cannot apply {}",
                                              hierarchy->path, any.file, write.what)));
        for (const std::string& line : lines) {
            auto written = writeAt(*hierarchy, chosen->file, line);
            if (!written && written.error().errnoValue == ENODEV)
                return fail(Error::of(ErrorKind::Unsupported,
                                      std::format("{}: the disk {} takes no I/O limits (not a "
                                                  "whole disk, or one without a queue)",
                                                  write.what, line.substr(0, line.find(' ')))));
            if (!written)
                return fail(written.error());
        }
    }
    return {};
}

Status ContainerCgroup::State::restrictDevicesV1(const std::vector<DeviceRule>& allowed) const {
    CUBBY_TRY(hierarchy, need("devices"));
    // Deny everything first, then open exactly the listed nodes: a new group starts out with
    // its parent's list, which is usually "a *:* rwm".
    CUBBY_CHECK(writeAt(*hierarchy, "devices.deny", "a"));
    for (const DeviceRule& rule : allowed) {
        if (rule.read || rule.write || rule.mknod)
            CUBBY_CHECK(writeAt(*hierarchy, "devices.allow", v1DeviceRuleLine(rule)));
    }
    return {};
}

Result<std::vector<pid_t>> ContainerCgroup::State::memberPids() const {
    std::vector<pid_t> pids;
    for (const Hierarchy& hierarchy : hierarchies) {
        // Where the container's own systemd moves processes into groups of its own: the
        // unified one (v1 hierarchies are not mounted inside), recursively.
        if (hierarchy.dir && (hierarchy.v2 || hierarchy.carries("memory")))
            CUBBY_CHECK(collectPids(hierarchy.dir.get(), hierarchy.path, 0, pids));
    }
    std::ranges::sort(pids);
    const auto [first, last] = std::ranges::unique(pids);
    pids.erase(first, last);
    return pids;
}

// Frozen processes cannot fork or exit, so the pids read while frozen stay theirs until they
// are killed (no pid can be reused for an unrelated process in between). Best effort: a
// group that will not freeze in time is killed unfrozen.
Status ContainerCgroup::State::freeze(bool frozen) const {
    if (layout == CgroupLayout::Unified) {
        const Hierarchy* group = members();
        if (!group || !existsAt(*group, "cgroup.freeze"))
            return {};
        CUBBY_CHECK(writeAt(*group, "cgroup.freeze", frozen ? "1" : "0"));
        const auto deadline = std::chrono::steady_clock::now() + freezeTimeout;
        while (frozen && std::chrono::steady_clock::now() < deadline) {
            CUBBY_TRY(events, readAt(*group, "cgroup.events"));
            CUBBY_TRY(state, parseFlatKeyed(events, "frozen", group->path + "/cgroup.events"));
            if (state == 1)
                break;
            std::this_thread::sleep_for(pollInterval);
        }
        return {};
    }
    const Hierarchy* freezer = carrying("freezer");
    if (!freezer)
        return {};
    CUBBY_CHECK(writeAt(*freezer, "freezer.state", frozen ? "FROZEN" : "THAWED"));
    const auto deadline = std::chrono::steady_clock::now() + freezeTimeout;
    while (frozen && std::chrono::steady_clock::now() < deadline) {
        CUBBY_TRY(state, readAt(*freezer, "freezer.state"));
        if (trimmed(state) == "FROZEN")
            break;
        std::this_thread::sleep_for(pollInterval);
    }
    return {};
}

void ContainerCgroup::State::signalMembers(const std::vector<pid_t>& pids) const {
    for (const pid_t pid : pids)
        ::kill(pid, SIGKILL); // ESRCH: it is gone already, which is the point
}

ContainerCgroup::ContainerCgroup(std::unique_ptr<State> state)
    : m_state(std::move(state)) {}
ContainerCgroup::ContainerCgroup(ContainerCgroup&&) noexcept = default;
ContainerCgroup& ContainerCgroup::operator=(ContainerCgroup&&) noexcept = default;
ContainerCgroup::~ContainerCgroup() = default;

Result<ContainerCgroup> ContainerCgroup::create(std::string_view parent, std::string_view name,
                                                const CgroupLimits& limits) {
    CUBBY_TRY(parts, parentComponents(parent));
    CUBBY_CHECK(checkComponent(name, "cgroup name"));
    CUBBY_TRY(layout, detectCgroupLayout());
    CUBBY_TRY(hierarchies, hierarchiesFor(layout));
    auto state = std::make_unique<State>();
    state->layout = layout;
    state->name = std::string(name);
    state->hierarchies = std::move(hierarchies);
    ContainerCgroup group(std::move(state));
    const auto needed = v2ControllersFor(limits);
    for (Hierarchy& hierarchy : group.m_state->hierarchies) {
        if (auto reached = reachGroup(hierarchy, parts, group.m_state->name, true, needed);
            !reached) {
            (void)group.remove(); // whatever was made in the hierarchies before this one
            return fail(reached.error());
        }
    }
    if (auto applied = group.m_state->applyLimits(limits, true); !applied) {
        (void)group.remove();
        return fail(applied.error());
    }
    if (auto applied = group.m_state->applyIoLimits(limits, group.m_state->unapplied); !applied) {
        (void)group.remove();
        return fail(applied.error());
    }
    return group;
}

Result<ContainerCgroup> ContainerCgroup::open(std::string_view parent, std::string_view name) {
    return openGroup(parent, name, false);
}

Result<ContainerCgroup> ContainerCgroup::openLeftovers(std::string_view parent,
                                                       std::string_view name) {
    return openGroup(parent, name, true);
}

Result<ContainerCgroup> ContainerCgroup::openGroup(std::string_view parent, std::string_view name,
                                                   bool partial) {
    CUBBY_TRY(parts, parentComponents(parent));
    CUBBY_CHECK(checkComponent(name, "cgroup name"));
    CUBBY_TRY(layout, detectCgroupLayout());
    CUBBY_TRY(hierarchies, hierarchiesFor(layout));
    auto state = std::make_unique<State>();
    state->layout = layout;
    state->name = std::string(name);
    for (Hierarchy& hierarchy : hierarchies) {
        auto reached = reachGroup(hierarchy, parts, state->name, false, {});
        if (!reached &&
            (reached.error().kind != ErrorKind::NotFound || !(hierarchy.optional || partial)))
            return fail(reached.error());
        if (reached)
            state->hierarchies.push_back(std::move(hierarchy));
    }
    if (state->hierarchies.empty())
        return fail(Error::of(ErrorKind::NotFound, std::format("no cgroup {} is left", name)));
    return ContainerCgroup(std::move(state));
}

Status ContainerCgroup::applyLiveLimits(const CgroupLimits& limits) {
    return m_state->applyLimits(limits, false);
}

Result<UniqueFd> ContainerCgroup::watchOomKills() const {
    CUBBY_TRY(hierarchy, m_state->need("memory"));
    if (m_state->layout == CgroupLayout::Unified) {
        UniqueFd watch(::inotify_init1(IN_NONBLOCK | IN_CLOEXEC));
        const std::string events = hierarchy->path + "/memory.events";
        if (!watch || ::inotify_add_watch(watch.get(), events.c_str(), IN_MODIFY) < 0)
            return fail(Error::system(errno, "watching " + events));
        return watch;
    }
    // v1: "EVENTFD OOM_CONTROL_FD" to cgroup.event_control. The kernel keeps its own
    // reference to the group; the memory.oom_control descriptor is needed only to register.
    UniqueFd notice(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC));
    UniqueFd control(::openat(hierarchy->dir.get(), "memory.oom_control", O_RDONLY | O_CLOEXEC));
    if (!notice || !control)
        return fail(Error::system(errno, "setting up OOM notices for " + hierarchy->path));
    CUBBY_CHECK(writeAt(*hierarchy, "cgroup.event_control",
                        std::format("{} {}", notice.get(), control.get())));
    return notice;
}

const std::vector<std::string>& ContainerCgroup::unappliedLimits() const {
    return m_state->unapplied;
}

CgroupLayout ContainerCgroup::layout() const {
    return m_state->layout;
}

std::vector<std::string> ContainerCgroup::paths() const {
    std::vector<std::string> out;
    for (const Hierarchy& hierarchy : m_state->hierarchies) {
        if (!hierarchy.path.empty())
            out.push_back(hierarchy.path);
    }
    return out;
}

Status ContainerCgroup::delegateTo(uid_t uid, gid_t gid) {
    for (const Hierarchy& hierarchy : m_state->hierarchies) {
        if (!hierarchy.dir || !hierarchy.v2)
            continue;
        // Groups cost kernel memory, and remove() goes only so deep: bounded before handing
        // over (the files stay root's).
        CUBBY_CHECK(writeAt(hierarchy, "cgroup.max.depth", std::to_string(maxGroupDepth - 1)));
        CUBBY_CHECK(writeAt(hierarchy, "cgroup.max.descendants", "1024"));
        if (::fchown(hierarchy.dir.get(), uid, gid) != 0)
            return fail(Error::system(errno, "handing " + hierarchy.path + " to the container"));
        for (const char* file : {"cgroup.procs", "cgroup.threads", "cgroup.subtree_control"}) {
            if (::fchownat(hierarchy.dir.get(), file, uid, gid, AT_SYMLINK_NOFOLLOW) != 0 &&
                errno != ENOENT)
                return fail(Error::system(
                    errno, std::format("handing {}/{} to the container", hierarchy.path, file)));
        }
    }
    return {};
}

Status ContainerCgroup::addAttachedProcess(pid_t pid) {
    const std::string value = std::to_string(pid);
    for (const Hierarchy& hierarchy : m_state->hierarchies) {
        if (!hierarchy.dir)
            continue;
        auto joined = writeAt(hierarchy, "cgroup.procs", value);
        if (joined || !hierarchy.v2 || joined.error().errnoValue != EBUSY)
            CUBBY_CHECK(joined);
        if (joined)
            continue;
        constexpr const char* leaf = ".cubby";
        if (::mkdirat(hierarchy.dir.get(), leaf, 0755) != 0 && errno != EEXIST)
            return fail(Error::system(errno, std::format("creating {}/{}", hierarchy.path, leaf)));
        CUBBY_TRY(leafDir, openDir(hierarchy.dir.get(), leaf, hierarchy.path + "/" + leaf));
        CUBBY_CHECK(writeAt(leafDir.get(), std::format("{}/{}/cgroup.procs", hierarchy.path, leaf),
                            "cgroup.procs", value));
    }
    return {};
}

Status ContainerCgroup::resetDelegation() {
    for (const Hierarchy& hierarchy : m_state->hierarchies) {
        if (!hierarchy.dir || !hierarchy.v2)
            continue;
        CUBBY_CHECK(removeChildGroups(hierarchy.dir.get(), hierarchy.path, 0));
        CUBBY_TRY(enabled, readAt(hierarchy, "cgroup.subtree_control"));
        std::string off;
        for (const std::string_view controller : splitWords(enabled))
            off += std::format("-{} ", controller);
        if (!off.empty()) {
            off.pop_back();
            CUBBY_CHECK(writeAt(hierarchy, "cgroup.subtree_control", off));
        }
    }
    return {};
}

Status ContainerCgroup::addProcess(pid_t pid) {
    const std::string value = std::to_string(pid);
    for (const Hierarchy& hierarchy : m_state->hierarchies) {
        if (hierarchy.dir)
            CUBBY_CHECK(writeAt(hierarchy, "cgroup.procs", value));
    }
    return {};
}

Result<CgroupStats> ContainerCgroup::readStats() const {
    const bool v2 = m_state->layout == CgroupLayout::Unified;
    CgroupStats stats;
    for (const StatRead& read :
         v2 ? std::span<const StatRead>(v2StatReads) : std::span<const StatRead>(v1StatReads)) {
        CUBBY_TRY(hierarchy, m_state->need(read.controller));
        CUBBY_TRY(text, readAt(*hierarchy, read.file));
        const std::string path = hierarchy->path + "/" + read.file;
        CUBBY_TRY(value, read.key.empty() ? parseCgroupNumber(text, path)
                                          : parseFlatKeyed(text, read.key, path));
        // "max" and keys an older kernel does not write both read as 0.
        stats.*read.field = value.value_or(0) * read.scale;
    }
    if (!v2) {
        stats.memoryMaxBytes = v1MemoryLimit(stats.memoryMaxBytes).value_or(0);
        CUBBY_TRY(hierarchy, m_state->need("cpuacct"));
        CUBBY_TRY(text, readAt(*hierarchy, "cpuacct.usage_percpu"));
        CUBBY_TRY(perCpu, parseNumberList(text, hierarchy->path + "/cpuacct.usage_percpu"));
        stats.perCpuUsageNs = std::move(perCpu);
    }
    return stats;
}

Status ContainerCgroup::killAll() {
    const State& state = *m_state;
    // cgroup.kill (Linux 5.14) kills a cgroup2 group and all below it at once, forks in flight
    // included; a hybrid host's unified hierarchy holds the same processes, so it serves too.
    const Hierarchy* killer = nullptr;
    const Hierarchy* any = nullptr;
    for (const Hierarchy& hierarchy : state.hierarchies) {
        if (!hierarchy.dir)
            continue;
        any = any ? any : &hierarchy;
        if (!killer && hierarchy.v2 && existsAt(hierarchy, "cgroup.kill"))
            killer = &hierarchy;
    }
    if (!any)
        return fail(Error::of(ErrorKind::NotFound,
                              std::format("cgroup {} is not there (removed?)", state.name)));
    const Hierarchy* members = killer ? killer : any;
    const bool atOnce = killer != nullptr;
    if (atOnce)
        CUBBY_CHECK(writeAt(*killer, "cgroup.kill", "1"));
    const auto deadline = std::chrono::steady_clock::now() + killTimeout;
    for (;;) {
        CUBBY_TRY(pids, state.memberPids());
        if (pids.empty())
            return {};
        if (std::chrono::steady_clock::now() >= deadline)
            return fail(
                Error::system(EBUSY, std::format("{}: {} processes still there {} s after SIGKILL",
                                                 members->path, pids.size(), killTimeout.count())));
        if (!atOnce) {
            CUBBY_CHECK(state.freeze(true));
            auto frozen = state.memberPids();
            if (frozen)
                state.signalMembers(*frozen);
            CUBBY_CHECK(state.freeze(false));
            if (!frozen)
                return fail(frozen.error());
        }
        std::this_thread::sleep_for(pollInterval);
    }
}

Status ContainerCgroup::remove() {
    std::optional<Error> first;
    for (Hierarchy& hierarchy : m_state->hierarchies) {
        if (!hierarchy.parentDir)
            continue;
        if (hierarchy.dir) {
            if (auto below = removeChildGroups(hierarchy.dir.get(), hierarchy.path, 0); !below) {
                if (!first)
                    first = below.error();
                continue;
            }
        }
        if (::unlinkat(hierarchy.parentDir.get(), m_state->name.c_str(), AT_REMOVEDIR) != 0 &&
            errno != ENOENT) {
            if (!first)
                first = Error::system(errno, "removing " + hierarchy.path);
            continue;
        }
        hierarchy.dir.reset();
        hierarchy.parentDir.reset();
    }
    if (first)
        return fail(std::move(*first));
    return {};
}

} // namespace cubby
