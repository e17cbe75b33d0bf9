#pragma once
// A throwaway cgroup for root-tier tests: made under the hierarchy that has the memory
// controller (cgroup v2 where it is mounted with memory, else the v1 memory hierarchy of a
// hybrid host like the build machines), removed again by the destructor. Only our own child
// group is created; the host's hierarchy is never reconfigured.

#include <string>
#include <sys/types.h>

namespace cubby::test {

class CgroupScratch {
public:
    CgroupScratch();
    ~CgroupScratch();
    CgroupScratch(const CgroupScratch&) = delete;
    CgroupScratch& operator=(const CgroupScratch&) = delete;

    bool ok() const { return !m_path.empty(); }
    const std::string& failure() const { return m_failure; }
    const std::string& path() const { return m_path; }
    bool isV2() const { return m_v2; }

    // memory.max (v2) or memory.limit_in_bytes (v1)
    bool setMemoryLimit(long long bytes);
    long long memoryLimit() const;
    bool addProcess(pid_t pid);
    // The group's path as /proc/PID/cgroup names it for the memory controller.
    std::string relativePath() const { return m_relative; }

private:
    std::string m_path;
    std::string m_relative;
    std::string m_failure;
    bool m_v2 = false;
};

} // namespace cubby::test
