#pragma once
// What a fuzz target asserts beyond "no sanitizer report": an oracle that fails stops the
// run like a crash does, so libFuzzer keeps the input (crash-<sha1> under -artifact_prefix).

#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace cubby::fuzz {

// Prints what went wrong (and the texts involved, which say more than the input bytes)
// and aborts. Not assert(): it must hold in every build type.
[[noreturn]] inline void fail(std::string_view what, std::string_view first = {},
                              std::string_view second = {}) {
    std::fprintf(stderr, "fuzz oracle failed: %.*s\n", static_cast<int>(what.size()), what.data());
    if (!first.empty())
        std::fprintf(stderr, "--- first\n%.*s\n", static_cast<int>(first.size()), first.data());
    if (!second.empty())
        std::fprintf(stderr, "--- second\n%.*s\n", static_cast<int>(second.size()), second.data());
    std::abort();
}

inline void check(bool holds, std::string_view what, std::string_view first = {},
                  std::string_view second = {}) {
    if (!holds)
        fail(what, first, second);
}

} // namespace cubby::fuzz
