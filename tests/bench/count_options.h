#pragma once
// Command-line options of the form "--flag N" (whole numbers, zero or more), each written to
// its field; shared by the benchmarks that take only counts.

#include <cstdlib>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cubby::bench {

// False on an unknown flag, a flag without its number, or a negative number.
inline bool parseCountOptions(const std::vector<std::string>& args,
                              std::initializer_list<std::pair<std::string_view, int*>> flags) {
    for (size_t i = 0; i < args.size(); ++i) {
        int* target = nullptr;
        for (const auto& [flag, field] : flags) {
            if (args[i] == flag)
                target = field;
        }
        if (!target || i + 1 >= args.size() || (*target = std::atoi(args[++i].c_str())) < 0)
            return false;
    }
    return true;
}

} // namespace cubby::bench
