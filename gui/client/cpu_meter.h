#pragma once
// CPU use from two readings of a container's cumulative CPU time: the CPU time it spent
// between them over the wall time that passed, in percent of one CPU (so a container busy on
// two CPUs shows 200 %, as top does).

#include <cstdint>
#include <optional>

namespace cubby {

class CpuMeter {
public:
    // Returns the CPU use since the previous sample, or nothing for the first one (and after
    // the counter went backwards: the container was restarted and its cgroup is new).
    std::optional<double> sample(std::uint64_t cpuTimeNs, std::int64_t wallNs) {
        std::optional<double> percent;
        if (m_valid && wallNs > m_wallNs && cpuTimeNs >= m_cpuTimeNs)
            percent = 100.0 * double(cpuTimeNs - m_cpuTimeNs) / double(wallNs - m_wallNs);
        m_valid = true;
        m_cpuTimeNs = cpuTimeNs;
        m_wallNs = wallNs;
        return percent;
    }
    void reset() { m_valid = false; }

private:
    bool m_valid = false;
    std::uint64_t m_cpuTimeNs = 0;
    std::int64_t m_wallNs = 0;
};

} // namespace cubby
