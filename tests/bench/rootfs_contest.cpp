#include "rootfs_contest.h"

#include "figures.h"

#include <format>
#include <functional>
#include <print>

namespace cubby::bench {

namespace {

// One run of one contender: prepared, measured, looked at, cleaned up.
Status runOnce(Contender& contender, const Rounds& rounds, bool keep) {
    if (contender.prepare)
        CUBBY_CHECK(contender.prepare());
    if (!rounds.settlePath.empty())
        settle(rounds.settlePath);
    auto measured = measure(contender.run);
    if (measured && !contender.then.argv.empty()) {
        if (auto then = measure(contender.then); !then) {
            measured = fail(then.error());
        } else {
            measured->wallMs += then->wallMs;
            measured->userMs += then->userMs;
            measured->sysMs += then->sysMs;
        }
    }
    Result<TreeSize> size = TreeSize{};
    if (measured && !contender.result.empty())
        size = measureTree(contender.result);
    if (contender.cleanup) {
        if (auto cleaned = contender.cleanup(); !cleaned && measured && size)
            size = fail(cleaned.error());
    }
    CUBBY_CHECK(measured);
    CUBBY_CHECK(size);
    if (rounds.chatty)
        std::println(stderr, "bench-rootfs: {}: {:.1f} s", contender.label,
                     measured->wallMs / 1000);
    if (keep) {
        contender.samples.push_back(*measured);
        contender.sizes.push_back(*size);
    }
    return {};
}

std::vector<double> column(const Contender& contender, auto projection) {
    std::vector<double> values;
    for (const Measured& sample : contender.samples)
        values.push_back(std::invoke(projection, sample));
    return values;
}

std::string figure(double ms, Unit unit) {
    return unit == Unit::Seconds ? std::format("{:.2f}", ms / 1000) : std::format("{:.1f}", ms);
}

std::string ratio(double value, double reference) {
    return reference > 0 ? std::format("{:.2f}", value / reference) : "-";
}

} // namespace

void contest(const std::vector<Contender*>& contenders, const Rounds& rounds) {
    const size_t count = contenders.size();
    for (int round = 0; round < rounds.warmup + rounds.runs && !interrupted(); ++round) {
        for (size_t k = 0; k < count && !interrupted(); ++k) {
            Contender& contender = *contenders[(static_cast<size_t>(round) + k) % count];
            if (!contender.failure.empty())
                continue;
            if (auto done = runOnce(contender, rounds, round >= rounds.warmup); !done)
                contender.failure = done.error().message;
        }
    }
}

std::string humanBytes(uint64_t bytes) {
    const double value = static_cast<double>(bytes);
    if (bytes < (10u << 20))
        return std::format("{:.0f} KiB", value / 1024);
    return std::format("{:.1f} MiB", value / (1 << 20));
}

void printTable(const std::vector<Contender*>& contenders, const Table& table) {
    const char* unit = table.unit == Unit::Seconds ? "s" : "ms";
    const bool withReference = table.reference && !table.reference->samples.empty();
    const double referenceWall =
        withReference ? median(column(*table.reference, &Measured::wallMs)) : 0;
    const double referenceCpu =
        withReference ? median(column(*table.reference, &Measured::cpuMs)) : 0;
    std::print("  {:<34} {:>3} {:>9} {:>8} {:>8} {:>6}  {:>9} {:>8} {:>8} {:>6}", "", "n",
               std::format("wall {}", unit), "min", "p90", "ratio", std::format("CPU {}", unit),
               "min", "p90", "ratio");
    std::println("{}", table.sizes ? std::format("  {:>10} {:>8}", "size", "entries") : "");
    for (const Contender* contender : contenders) {
        if (contender->samples.empty()) {
            std::println("  {:<34} not measured: {}", contender->label,
                         contender->failure.empty() ? "no runs" : contender->failure);
            continue;
        }
        const auto wall = column(*contender, &Measured::wallMs);
        const auto cpu = column(*contender, &Measured::cpuMs);
        std::print("  {:<34} {:>3} {:>9} {:>8} {:>8} {:>6}  {:>9} {:>8} {:>8} {:>6}",
                   contender->label, wall.size(), figure(median(wall), table.unit),
                   figure(minimum(wall), table.unit), figure(percentile(wall, 0.9), table.unit),
                   ratio(median(wall), referenceWall), figure(median(cpu), table.unit),
                   figure(minimum(cpu), table.unit), figure(percentile(cpu, 0.9), table.unit),
                   ratio(median(cpu), referenceCpu));
        if (table.sizes) {
            std::vector<double> bytes;
            std::vector<double> entries;
            for (const TreeSize& size : contender->sizes) {
                bytes.push_back(static_cast<double>(size.bytes));
                entries.push_back(static_cast<double>(size.entries));
            }
            std::print("  {:>10} {:>8}", humanBytes(static_cast<uint64_t>(median(bytes))),
                       static_cast<uint64_t>(median(entries)));
        }
        std::println();
        if (!contender->failure.empty())
            std::println("  {:<34} then failed: {}", "", contender->failure);
    }
    if (table.eachRun) {
        for (const Contender* contender : contenders) {
            if (contender->samples.empty())
                continue;
            std::string wall;
            std::string cpu;
            for (const Measured& sample : contender->samples) {
                wall += (wall.empty() ? "" : ", ") + figure(sample.wallMs, table.unit);
                cpu += (cpu.empty() ? "" : ", ") + figure(sample.cpuMs(), table.unit);
            }
            std::println("  {:<34} each run: wall {} {}; CPU {} {}", contender->label, wall, unit,
                         cpu, unit);
        }
    }
    std::println("  (wall: spawn to exit; CPU: user + system of the whole process tree; median, "
                 "min, p90{}{})",
                 withReference ? "; ratios of the medians to " + table.reference->label : "",
                 table.sizes ? "; size: allocated blocks, hard links once, as du" : "");
}

} // namespace cubby::bench
