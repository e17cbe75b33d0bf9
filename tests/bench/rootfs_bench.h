#pragma once
// What the sections of bench-rootfs share: its options, the programs it runs, the directories
// it works in (all in one WorkDir), and the sections themselves (rootfs_sections.cpp).

#include "process_meter.h"
#include "rootfs_runner.h"

#include <optional>
#include <string>
#include <vector>

namespace cubby::bench {

inline constexpr const char* debianMirror = "http://deb.debian.org/debian";
inline constexpr const char* debianSuite = "trixie";

struct RootfsOptions {
    int runs = 10;
    int warmup = 1;
    int debianRuns = 3;
    bool skipDebian = false;
};

struct RootfsBench {
    RootfsOptions options;
    std::string work;
    std::string base{};  // cubby-rootfs's --base: 0700, root's, as the helper makes it
    std::string peers{}; // where the peers write, on the same file system
    std::string seed{};  // the Debian tree (or stand-in) sections 2 and 4 start from; empty: none
    std::string seedLabel{};
    std::string seedFailure{}; // why there is none
    std::string tar = findProgram("tar");
    std::string cp = findProgram("cp");
    std::string rm = findProgram("rm");
    std::string sync = findProgram("sync");
    std::string lxcCreate = findProgram("lxc-create");
    std::string debootstrap = findProgram("debootstrap");
    bool onDisk = true;       // else a tmpfs (see WorkDir): no "then sync -f" rows
    bool cubbyFailed = false; // a cubby-rootfs run failed: the benchmark exits with 1
};

// cubby-rootfs ARGS --progress-fd 3, with `input` on standard input (empty: /dev/null).
Run rootfsRun(std::vector<std::string> args, std::string input = {});

// cp -a FROM TO, not measured.
Status copyTree(const RootfsBench& bench, const std::string& from, const std::string& to);

void busyboxSection(RootfsBench& bench);
void archiveSection(RootfsBench& bench);
// `warm`: the run that filled `cache` (and made the seed); nullopt when there was none.
void debianSection(RootfsBench& bench, const std::string& cache,
                   const std::optional<Measured>& warm);
void removalSection(RootfsBench& bench);

} // namespace cubby::bench
