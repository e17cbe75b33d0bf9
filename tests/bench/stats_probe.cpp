#include "stats_probe.h"

#include "cgroup.h"
#include "unique_fd.h"

#include <cerrno>
#include <charconv>
#include <chrono>
#include <dirent.h>
#include <fcntl.h>
#include <format>
#include <functional>
#include <memory>
#include <string_view>
#include <unistd.h>
#include <unordered_map>
#include <vector>

namespace cubby::bench {

namespace {

using Clock = std::chrono::steady_clock;

// What a monitor would sum per process: CPU time (own and reaped children's) and RSS.
struct ProcStat {
    pid_t ppid = 0;
    uint64_t cpuTicks = 0;
    uint64_t rssPages = 0;
};

struct ProcTotals {
    uint64_t cpuTicks = 0;
    uint64_t rssPages = 0;
    int processes = 0;
    void add(const ProcStat& stat) {
        cpuTicks += stat.cpuTicks;
        rssPages += stat.rssPages;
        ++processes;
    }
};

// Reads a small file with plain system calls, as a tight monitoring loop would.
bool readSmallFile(const char* path, char* buffer, size_t size, std::string_view& text) {
    const UniqueFd fd(::open(path, O_RDONLY | O_CLOEXEC));
    if (!fd)
        return false;
    const ssize_t got = ::read(fd.get(), buffer, size);
    if (got <= 0)
        return false;
    text = std::string_view(buffer, static_cast<size_t>(got));
    return true;
}

uint64_t numberAt(const std::vector<std::string_view>& fields, size_t index) {
    uint64_t value = 0;
    if (index < fields.size())
        std::from_chars(fields[index].data(), fields[index].data() + fields[index].size(), value);
    return value;
}

// /proc/PID/stat: "pid (comm) state ppid …"; the command may hold spaces and parentheses, so
// the fields are counted from the last ')'. Field numbers are those of proc(5).
bool readProcStat(pid_t pid, ProcStat& out) {
    char path[32];
    *std::format_to_n(path, sizeof path - 1, "/proc/{}/stat", pid).out = '\0';
    char buffer[1024];
    std::string_view text;
    if (!readSmallFile(path, buffer, sizeof buffer, text))
        return false;
    const size_t close = text.rfind(')');
    if (close == std::string_view::npos)
        return false;
    std::vector<std::string_view> fields; // fields[0] is field 3, "state"
    for (size_t at = close + 2; at < text.size();) {
        const size_t end = std::min(text.find(' ', at), text.size());
        fields.push_back(text.substr(at, end - at));
        at = end + 1;
    }
    const auto field = [&](size_t number) { return numberAt(fields, number - 3); };
    out.ppid = static_cast<pid_t>(field(4));
    out.cpuTicks = field(14) + field(15) + field(16) + field(17); // utime stime cutime cstime
    out.rssPages = field(24);
    return true;
}

// The pids in the group's cgroup.procs, then each one's /proc/PID/stat.
ProcTotals sumFromCgroupProcs(const std::string& procsPath) {
    ProcTotals totals;
    char buffer[4096];
    std::string_view text;
    if (!readSmallFile(procsPath.c_str(), buffer, sizeof buffer, text))
        return totals;
    for (size_t at = 0; at < text.size();) {
        const size_t end = std::min(text.find('\n', at), text.size());
        pid_t pid = 0;
        std::from_chars(text.data() + at, text.data() + end, pid);
        if (ProcStat stat; pid > 0 && readProcStat(pid, stat))
            totals.add(stat);
        at = end + 1;
    }
    return totals;
}

bool descendsFrom(pid_t pid, pid_t ancestor, const std::unordered_map<pid_t, ProcStat>& all) {
    for (int depth = 0; depth < 64 && pid > 1; ++depth) {
        if (pid == ancestor)
            return true;
        const auto found = all.find(pid);
        if (found == all.end())
            return false;
        pid = found->second.ppid;
    }
    return pid == ancestor;
}

// Without a group: every process's stat, to find init's descendants by parent pid.
ProcTotals sumByScanningProc(pid_t initPid, int& entries) {
    std::unordered_map<pid_t, ProcStat> all;
    const std::unique_ptr<DIR, int (*)(DIR*)> dir(::opendir("/proc"), ::closedir);
    while (const dirent* entry = dir ? ::readdir(dir.get()) : nullptr) {
        pid_t pid = 0;
        const std::string_view name = entry->d_name;
        if (std::from_chars(name.data(), name.data() + name.size(), pid).ptr != name.end())
            continue;
        if (ProcStat stat; readProcStat(pid, stat))
            all.emplace(pid, stat);
    }
    entries = static_cast<int>(all.size());
    ProcTotals totals;
    for (const auto& [pid, stat] : all) {
        if (descendsFrom(pid, initPid, all))
            totals.add(stat);
    }
    return totals;
}

// Mean microseconds per call of `pass`, over `count` calls.
double microsecondsPer(int count, const std::function<void()>& pass) {
    const auto start = Clock::now();
    for (int i = 0; i < count; ++i)
        pass();
    return std::chrono::duration<double, std::micro>(Clock::now() - start).count() / count;
}

} // namespace

Result<StatsCost> measureStatsCost(const std::string& cgroupParent, const std::string& name,
                                   pid_t initPid, int reads) {
    StatsCost cost;
    cost.reads = reads;
    const auto openStart = Clock::now();
    auto group = ContainerCgroup::open(cgroupParent, name);
    cost.openUs = std::chrono::duration<double, std::micro>(Clock::now() - openStart).count();
    if (!group)
        return fail(group.error());
    CUBBY_CHECK(group->readStats()); // it works before it is timed
    bool allRead = true;
    cost.readStatsUs = microsecondsPer(reads, [&] { allRead = group->readStats() && allRead; });
    if (!allRead)
        return fail(Error::of(ErrorKind::System, "readStats() failed during the timed reads"));

    const std::string procsPath = group->paths().front() + "/cgroup.procs";
    cost.containerProcesses = sumFromCgroupProcs(procsPath).processes;
    cost.procKnownUs = microsecondsPer(reads, [&] { (void)sumFromCgroupProcs(procsPath); });
    int found = 0;
    cost.procScanUs = microsecondsPer(
        reads, [&] { found = sumByScanningProc(initPid, cost.procEntries).processes; });
    if (found != cost.containerProcesses)
        return fail(Error::of(ErrorKind::Conflict,
                              std::format("the /proc scan found {} of the container's {} processes",
                                          found, cost.containerProcesses)));
    return cost;
}

} // namespace cubby::bench
