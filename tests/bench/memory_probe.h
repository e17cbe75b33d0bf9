#pragma once
// A process's memory as the kernel accounts it: /proc/PID/status (VmRSS and its anon/file/shmem
// split), /proc/PID/smaps_rollup (Pss: shared pages divided among their users) and
// /proc/PID/smaps summed per backing file, to see what the resident pages are.

#include "error.h"

#include <map>
#include <string>
#include <sys/types.h>
#include <vector>

namespace cubby::bench {

struct MappingUse {
    std::string name; // the file, or [heap], [stack], [anon], [vdso]…
    long rssKb = 0;
    long pssKb = 0;
    long privateDirtyKb = 0;
};

struct MemoryReport {
    std::map<std::string, long> status; // kB: VmRSS, VmHWM, RssAnon, RssFile, RssShmem
    std::map<std::string, long> rollup; // kB: Rss, Pss, Pss_Anon, Pss_File, Private_Dirty…
    std::vector<MappingUse> mappings;   // largest Rss first
    int sharedObjects = 0;              // distinct .so files mapped

    // A figure in kB, 0 when the kernel does not report it.
    long statusKb(const std::string& key) const;
    long rollupKb(const std::string& key) const;
    // Pages no other process maps (USS): what one more such process costs.
    long privateKb() const { return rollupKb("Private_Clean") + rollupKb("Private_Dirty"); }
};

Result<MemoryReport> readMemory(pid_t pid);

// Prints the figures, indented, with the `top` largest mappings.
void printMemory(const MemoryReport& report, size_t top);

} // namespace cubby::bench
