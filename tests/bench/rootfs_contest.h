#pragma once
// One section of bench-rootfs: contenders that each make (or remove) a tree, measured in
// interleaved rounds, and the table of their figures with ratios to a reference measured in the
// same rounds.

#include "error.h"
#include "rootfs_runner.h"
#include "rootfs_trees.h"

#include <functional>
#include <string>
#include <vector>

namespace cubby::bench {

struct Contender {
    std::string label;
    std::function<Status()> prepare{}; // unmeasured, before each run (a fresh directory, a copy)
    Run run{};                         // what is measured
    Run then{};           // unless empty, measured right after `run` and added to it (sync -f)
    std::string result{}; // the tree a run makes, measured after it; empty: none
    std::function<Status()> cleanup{}; // unmeasured, after each run, failed ones too
    std::vector<Measured> samples{};
    std::vector<TreeSize> sizes{};
    std::string failure{}; // why it is not (any longer) measured
};

struct Rounds {
    int warmup = 0; // unmeasured rounds first
    int runs = 1;
    std::string settlePath{}; // synced before every measured command
    bool chatty = false;      // a line on stderr after each run: for sections of minutes
};

// Round-robin, each round starting one contender further on, so that drift in the machine's
// load (another build, the Debian mirror) spreads over everyone. A contender that fails is
// not run again; its error is kept in `failure`.
void contest(const std::vector<Contender*>& contenders, const Rounds& rounds);

enum class Unit { Milliseconds, Seconds };

struct Table {
    const Contender* reference = nullptr; // 1.0; nullptr: no ratios
    Unit unit = Unit::Milliseconds;
    bool sizes = false;   // "on disk" and "entries" columns
    bool eachRun = false; // every run's wall and CPU time below the table
};

void printTable(const std::vector<Contender*>& contenders, const Table& table);

// "1.23 MiB", "456 KiB".
std::string humanBytes(uint64_t bytes);

} // namespace cubby::bench
