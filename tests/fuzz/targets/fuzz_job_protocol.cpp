// The helper's reader of a worker's progress lines on arbitrary lines: the worker
// (cubby-rootfs) runs as root on hostile archives, and its text may echo archive contents.
// The oracles: what parses formats to one line that parses to the same kind, error kind and
// text, with the fraction within [0, 1] or -1, and formatting it again gives the same line.
#include "fuzz_check.h"
#include "job_protocol.h"

#include <cstddef>
#include <cstdint>

using namespace cubby;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view line(reinterpret_cast<const char*>(data), size);
    const auto update = parseJobUpdate(line);
    if (!update)
        return 0;
    if (update->kind == JobUpdate::Kind::Progress)
        fuzz::check(update->fraction == -1 || (update->fraction >= 0 && update->fraction <= 1),
                    "a fraction out of range was accepted", line);
    const std::string formatted = formatJobUpdate(*update);
    fuzz::check(!formatted.empty() && formatted.back() == '\n' &&
                    formatted.find('\n') == formatted.size() - 1,
                "a formatted update is not one line", formatted);
    const std::string_view withoutNewline(formatted.data(), formatted.size() - 1);
    const auto reparsed = parseJobUpdate(withoutNewline);
    if (!reparsed)
        fuzz::fail("a formatted update does not parse back", formatted);
    fuzz::check(reparsed->kind == update->kind && reparsed->errorKind == update->errorKind,
                "a formatted update parses back to another kind", formatted);
    if (update->kind != JobUpdate::Kind::Cancelled)
        fuzz::check(reparsed->text.find_first_of("\r\n") == std::string::npos,
                    "a reparsed text has a line break", formatted);
    fuzz::check(formatJobUpdate(*reparsed) == formatted,
                "formatting is not stable across a round trip", formatted,
                formatJobUpdate(*reparsed));
    return 0;
}
