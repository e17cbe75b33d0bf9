#include "cgroup_scratch.h"

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace cubby::test {

namespace {

std::string readFile(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

bool writeFile(const std::string& path, const std::string& value) {
    std::ofstream out(path);
    out << value;
    out.flush();
    return bool(out);
}

} // namespace

CgroupScratch::CgroupScratch() {
    static std::atomic<int> counter{0};
    std::string base;
    const std::string unifiedControllers = readFile("/sys/fs/cgroup/cgroup.controllers");
    if (unifiedControllers.find("memory") != std::string::npos) {
        m_v2 = true;
        base = "/sys/fs/cgroup";
    } else if (::access("/sys/fs/cgroup/memory/memory.limit_in_bytes", F_OK) == 0) {
        base = "/sys/fs/cgroup/memory";
    } else {
        m_failure = "no cgroup hierarchy with the memory controller is mounted";
        return;
    }
    m_relative = "/cubby-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
    const std::string path = base + m_relative;
    if (::mkdir(path.c_str(), 0755) != 0) {
        m_failure = "mkdir " + path + ": " + std::strerror(errno);
        return;
    }
    m_path = path;
}

CgroupScratch::~CgroupScratch() {
    if (!m_path.empty())
        ::rmdir(m_path.c_str());
}

bool CgroupScratch::setMemoryLimit(long long bytes) {
    return writeFile(m_path + (m_v2 ? "/memory.max" : "/memory.limit_in_bytes"),
                     std::to_string(bytes));
}

long long CgroupScratch::memoryLimit() const {
    const std::string text = readFile(m_path + (m_v2 ? "/memory.max" : "/memory.limit_in_bytes"));
    return text.empty() ? -1 : std::stoll(text);
}

bool CgroupScratch::addProcess(pid_t pid) {
    return writeFile(m_path + "/cgroup.procs", std::to_string(pid));
}

} // namespace cubby::test
