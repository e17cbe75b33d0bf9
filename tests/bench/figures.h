#pragma once
// Summaries of repeated timings, shared by the benchmarks that print medians and ratios.

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <vector>

namespace cubby::bench {

inline double median(std::vector<double> values) {
    if (values.empty())
        return 0;
    std::ranges::sort(values);
    const size_t mid = values.size() / 2;
    return values.size() % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

// The value below which `fraction` of the values lie (nearest rank).
inline double percentile(std::vector<double> values, double fraction) {
    if (values.empty())
        return 0;
    std::ranges::sort(values);
    const auto rank = static_cast<size_t>(fraction * static_cast<double>(values.size() - 1) + 0.5);
    return values[std::min(rank, values.size() - 1)];
}

inline double minimum(const std::vector<double>& values) {
    return values.empty() ? 0 : std::ranges::min(values);
}

inline double maximum(const std::vector<double>& values) {
    return values.empty() ? 0 : std::ranges::max(values);
}

inline double millisecondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
        .count();
}

} // namespace cubby::bench
