#include "memory_probe.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <format>
#include <fstream>
#include <print>
#include <sstream>

namespace cubby::bench {

namespace {

Result<std::string> readProcFile(pid_t pid, const char* file) {
    const std::string path = std::format("/proc/{}/{}", pid, file);
    std::ifstream in(path);
    if (!in)
        return fail(Error::system(errno, "opening " + path));
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// "VmRSS:	    1234 kB" → {"VmRSS", 1234}; false for lines of another shape.
bool parseKbLine(const std::string& line, std::string& key, long& kb) {
    const size_t colon = line.find(':');
    if (colon == std::string::npos || !line.ends_with(" kB"))
        return false;
    key = line.substr(0, colon);
    kb = std::atol(line.c_str() + colon + 1);
    return true;
}

std::map<std::string, long> kbFields(const std::string& text) {
    std::map<std::string, long> fields;
    std::istringstream lines(text);
    std::string line, key;
    long kb = 0;
    while (std::getline(lines, line)) {
        if (parseKbLine(line, key, kb))
            fields[key] = kb;
    }
    return fields;
}

// smaps header: "7f12-7f34 r-xp 00000000 08:01 1234     /usr/lib/libc.so.6".
bool mappingName(const std::string& line, std::string& name) {
    std::istringstream fields(line);
    std::string range, perms, offset, device, inode;
    if (!(fields >> range >> perms >> offset >> device >> inode) ||
        range.find('-') == std::string::npos)
        return false;
    std::getline(fields >> std::ws, name);
    if (name.empty())
        name = "[anon]";
    return true;
}

std::vector<MappingUse> mappingsByName(const std::string& smaps) {
    std::map<std::string, MappingUse> byName;
    MappingUse* current = nullptr;
    std::istringstream lines(smaps);
    std::string line, key;
    long kb = 0;
    while (std::getline(lines, line)) {
        if (std::string name; mappingName(line, name)) {
            current = &byName[name];
            current->name = name;
        } else if (current && parseKbLine(line, key, kb)) {
            if (key == "Rss")
                current->rssKb += kb;
            else if (key == "Pss")
                current->pssKb += kb;
            else if (key == "Private_Dirty")
                current->privateDirtyKb += kb;
        }
    }
    std::vector<MappingUse> out;
    for (auto& [name, use] : byName)
        out.push_back(use);
    std::ranges::sort(out, std::ranges::greater{}, &MappingUse::rssKb);
    return out;
}

long lookup(const std::map<std::string, long>& fields, const std::string& key) {
    const auto found = fields.find(key);
    return found == fields.end() ? 0 : found->second;
}

} // namespace

long MemoryReport::statusKb(const std::string& key) const {
    return lookup(status, key);
}

long MemoryReport::rollupKb(const std::string& key) const {
    return lookup(rollup, key);
}

Result<MemoryReport> readMemory(pid_t pid) {
    CUBBY_TRY(status, readProcFile(pid, "status"));
    CUBBY_TRY(rollup, readProcFile(pid, "smaps_rollup"));
    CUBBY_TRY(smaps, readProcFile(pid, "smaps"));
    MemoryReport report;
    report.status = kbFields(status);
    report.rollup = kbFields(rollup);
    report.mappings = mappingsByName(smaps);
    report.sharedObjects = static_cast<int>(std::ranges::count_if(
        report.mappings, [](const MappingUse& use) { return use.name.contains(".so"); }));
    return report;
}

void printMemory(const MemoryReport& report, size_t top) {
    const auto status = [&](const char* key) { return report.statusKb(key); };
    const auto rollup = [&](const char* key) { return report.rollupKb(key); };
    std::println("  VmRSS {:5} kB  (RssAnon {} kB, RssFile {} kB, RssShmem {} kB; VmHWM {} kB)",
                 status("VmRSS"), status("RssAnon"), status("RssFile"), status("RssShmem"),
                 status("VmHWM"));
    std::println("  Pss   {:5} kB  (Pss_Anon {} kB, Pss_File {} kB; Private_Clean {} kB, "
                 "Private_Dirty {} kB, Shared_Clean {} kB)",
                 rollup("Pss"), rollup("Pss_Anon"), rollup("Pss_File"), rollup("Private_Clean"),
                 rollup("Private_Dirty"), rollup("Shared_Clean"));
    std::println("  {} shared objects mapped; largest mappings by Rss (kB):", report.sharedObjects);
    std::println("    {:>6} {:>6} {:>8}  {}", "Rss", "Pss", "PrivDirty", "mapping");
    for (size_t i = 0; i < std::min(top, report.mappings.size()); ++i) {
        const MappingUse& use = report.mappings[i];
        if (use.rssKb > 0)
            std::println("    {:6} {:6} {:8}  {}", use.rssKb, use.pssKb, use.privateDirtyKb,
                         use.name);
    }
}

} // namespace cubby::bench
