#include "libvirt_daemon.h"

#include "process_meter.h"
#include "timed_command.h"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <filesystem>
#include <format>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include <linux/magic.h>

namespace cubby::bench {

namespace fs = std::filesystem;

namespace {

constexpr const char* virshUri = "lxc:///";
constexpr const char* cgroupTop = "/sys/fs/cgroup";

// Passes everything to the real tc, but takes the csum action's failure as success: the kernel
// here lacks act_csum, and the filter only fixes checksums of DHCP replies to virtio guests.
constexpr const char* tcWrapper = "#!/bin/sh\n"
                                  "/usr/sbin/tc \"$@\" && exit 0\n"
                                  "status=$?\n"
                                  "case \" $* \" in *\" action csum \"*) exit 0 ;; esac\n"
                                  "exit $status\n";

bool isCgroup2(const char* path) {
    struct statfs info = {};
    return ::statfs(path, &info) == 0 && info.f_type == CGROUP2_SUPER_MAGIC;
}

// The v1 hierarchies (each a mount below /sys/fs/cgroup), or /sys/fs/cgroup on a pure v2 host.
// A hybrid host's "unified" is left out: libvirtd runs with it hidden.
std::vector<fs::path> hierarchies() {
    if (isCgroup2(cgroupTop))
        return {cgroupTop};
    std::vector<fs::path> out;
    struct stat top = {};
    ::stat(cgroupTop, &top);
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(cgroupTop, error)) {
        struct stat info = {};
        if (entry.path().filename() != "unified" && ::lstat(entry.path().c_str(), &info) == 0 &&
            S_ISDIR(info.st_mode) && info.st_dev != top.st_dev)
            out.push_back(entry.path());
    }
    return out;
}

std::string readText(const fs::path& path) {
    std::ifstream in(path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

bool writeText(const fs::path& path, const std::string& text) {
    std::ofstream out(path);
    out << text;
    out.close();
    return static_cast<bool>(out);
}

// Every group below `dir`, deepest first, then `dir`: rmdir only removes empty groups.
void removeGroupTree(const fs::path& dir) {
    std::vector<fs::path> groups;
    std::error_code error;
    for (auto it = fs::recursive_directory_iterator(dir, error);
         !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
        if (it->is_directory(error) && !it->is_symlink(error))
            groups.push_back(it->path());
    }
    std::ranges::sort(groups, std::ranges::greater{},
                      [](const fs::path& path) { return path.native().size(); });
    for (const fs::path& group : groups)
        ::rmdir(group.c_str());
    ::rmdir(dir.c_str());
}

std::string shellQuote(const std::string& text) {
    std::string out = "'";
    for (char c : text)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

} // namespace

Result<std::unique_ptr<LibvirtDaemon>> LibvirtDaemon::start(const std::string& workDir) {
    const std::string libvirtd = findProgram("libvirtd");
    if (libvirtd.empty() || findProgram("virsh").empty())
        return fail(Error::of(ErrorKind::NotFound, "libvirtd or virsh is not installed"));
    std::unique_ptr<LibvirtDaemon> daemon(new LibvirtDaemon);
    daemon->m_workDir = workDir + "/libvirt";
    const std::string base = daemon->m_workDir;
    std::error_code error;
    for (const char* dir : {"etc", "lib", "log", "cache", "bin"})
        fs::create_directories(base + "/" + dir, error);
    fs::copy("/etc/libvirt", base + "/etc", fs::copy_options::recursive, error);
    if (error)
        return fail(Error::system(error.value(), "copying /etc/libvirt"));
    if (!writeText(base + "/bin/tc", tcWrapper) || ::chmod((base + "/bin/tc").c_str(), 0755) != 0)
        return fail(Error::system(errno, "writing the tc wrapper"));
    CUBBY_CHECK(daemon->makePartition());

    std::string script = "set -e\n";
    for (const auto& [from, to] : {std::pair{"etc", "/etc/libvirt"},
                                   {"lib", "/var/lib/libvirt"},
                                   {"log", "/var/log/libvirt"},
                                   {"cache", "/var/cache/libvirt"}})
        script +=
            std::format("mkdir -p {1}; mount --bind {0}/{2} {1}\n", shellQuote(base), to, from);
    if (!isCgroup2(cgroupTop) && isCgroup2("/sys/fs/cgroup/unified"))
        script += "mount -t tmpfs -o size=4k,mode=0755 cubby-bench /sys/fs/cgroup/unified\n";
    script += std::format("PATH={}/bin:$PATH exec {}\n", shellQuote(base), libvirtd);
    CUBBY_TRY(pid, spawnLogged({findProgram("unshare"), "--mount", "--propagation", "private", "--",
                                findProgram("sh"), "-c", script},
                               base + "/libvirtd.log"));
    daemon->m_pid = pid;
    // Its socket appears before its drivers are loaded; ready once a call is answered.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    for (;;) {
        if (waitChild(pid, 0) >= 0) {
            daemon->m_pid = -1;
            return fail(Error::of(ErrorKind::System,
                                  "libvirtd exited: " + readText(base + "/libvirtd.log")));
        }
        if (daemon->virsh({"version"}))
            return daemon;
        if (std::chrono::steady_clock::now() >= deadline)
            return fail(Error::of(ErrorKind::System, "libvirtd did not answer within 20 s: " +
                                                         readText(base + "/libvirtd.log")));
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

LibvirtDaemon::~LibvirtDaemon() {
    if (m_pid > 0) {
        ::kill(m_pid, SIGTERM);
        if (waitChild(m_pid, 15000) < 0) {
            ::kill(m_pid, SIGKILL);
            ::waitpid(m_pid, nullptr, 0);
        }
    }
    removePartition();
    std::error_code error;
    fs::remove_all(m_workDir, error);
}

Result<double> LibvirtDaemon::virsh(const std::vector<std::string>& args) const {
    std::vector<std::string> argv = {findProgram("virsh"), "-q", "-c", virshUri};
    argv.insert(argv.end(), args.begin(), args.end());
    CUBBY_TRY(timed, runTimed(argv));
    return timed.ms;
}

std::string LibvirtDaemon::version() const {
    auto out = runTimed({findProgram("virsh"), "-c", virshUri, "version", "--daemon"});
    if (!out)
        return "unknown";
    std::string text = out->output;
    std::ranges::replace(text, '\n', ';');
    return text;
}

std::string LibvirtDaemon::domainLog(const std::string& name) const {
    std::istringstream text(readText(m_workDir + "/log/lxc/" + name + ".log"));
    std::vector<std::string> lines;
    for (std::string line; std::getline(text, line);)
        lines.push_back(line);
    std::string out;
    for (size_t i = lines.size() > 6 ? lines.size() - 6 : 0; i < lines.size(); ++i)
        out += "\n    " + lines[i];
    return out;
}

Status LibvirtDaemon::makePartition() {
    // libvirt creates a custom partition's groups only for /machine; others must exist, and
    // without systemd their names end in ".partition".
    m_partitionName = std::format("cubby-bench-{}.partition", ::getpid());
    for (const fs::path& hierarchy : hierarchies()) {
        const fs::path dir = hierarchy / m_partitionName;
        if (::mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST)
            return fail(Error::system(errno, "creating " + dir.string()));
        m_partitionDirs.push_back(dir);
        // A v1 cpuset group starts with no CPUs and no memory nodes.
        if (fs::exists(dir / "cpuset.cpus") && !isCgroup2(hierarchy.c_str())) {
            writeText(dir / "cpuset.cpus", readText(hierarchy / "cpuset.cpus"));
            writeText(dir / "cpuset.mems", readText(hierarchy / "cpuset.mems"));
        }
    }
    return {};
}

void LibvirtDaemon::removePartition() {
    for (const std::string& dir : m_partitionDirs)
        removeGroupTree(dir);
}

std::string benchDomainXml(const std::string& name, const std::string& root,
                           const std::string& init, const std::string& devices,
                           const std::string& partition) {
    const std::string resource =
        partition.empty() ? "" : "<resource><partition>" + partition + "</partition></resource>";
    const std::string features = devices.empty() ? "<features><privnet/></features>" : "";
    return "<domain type='lxc'><name>" + name + "</name><memory unit='MiB'>64</memory>" + resource +
           "<os><type>exe</type><init>" + init + "</init></os>" + features +
           "<devices><filesystem type='mount'><source dir='" + root +
           "'/><target dir='/'/></filesystem>" + devices +
           "<console type='pty'/></devices></domain>";
}

} // namespace cubby::bench
