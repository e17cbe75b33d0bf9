#include "busybox_root.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <ftw.h>
#include <sstream>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace cubby::test {

namespace {

constexpr const char* busybox = "/bin/busybox";

bool copyFile(const std::string& from, const std::string& to, mode_t mode) {
    std::ifstream in(from, std::ios::binary);
    std::ofstream out(to, std::ios::binary);
    out << in.rdbuf();
    out.close();
    return in && out && ::chmod(to.c_str(), mode) == 0;
}

// `busybox --list`: every applet this build has.
std::string applets() {
    int pipeFds[2];
    if (::pipe(pipeFds) != 0)
        return {};
    const pid_t child = ::fork();
    if (child == 0) {
        ::dup2(pipeFds[1], 1);
        ::execl(busybox, "busybox", "--list", nullptr);
        _exit(127);
    }
    ::close(pipeFds[1]);
    std::string out;
    char buffer[4096];
    ssize_t got;
    while ((got = ::read(pipeFds[0], buffer, sizeof buffer)) > 0)
        out.append(buffer, static_cast<size_t>(got));
    ::close(pipeFds[0]);
    ::waitpid(child, nullptr, 0);
    return out;
}

} // namespace

BusyboxRoot::BusyboxRoot() {
    char templ[] = "/tmp/cubby-root-XXXXXX";
    if (!::mkdtemp(templ)) {
        m_failure = std::string("mkdtemp: ") + std::strerror(errno);
        return;
    }
    // The root sits in a 0700 directory, as Cubby's own root filesystems do: the controller
    // refuses an unprivileged root that host users could reach.
    m_holder = templ;
    m_path = m_holder + "/root";
    ::mkdir(m_path.c_str(), 0755);
    ::chmod(m_path.c_str(), 0755);
    for (const char* dir :
         {"bin", "sbin", "etc", "proc", "sys", "dev", "tmp", "root", "var", "usr", "usr/bin"}) {
        const std::string full = m_path + "/" + dir;
        ::mkdir(full.c_str(), 0755);
    }
    ::chmod((m_path + "/tmp").c_str(), 01777);
    if (!copyFile(busybox, m_path + "/bin/busybox", 0755)) {
        m_failure = "cannot copy /bin/busybox (is busybox-static installed?)";
        return;
    }
    std::istringstream names(applets());
    std::string name;
    while (std::getline(names, name)) {
        if (!name.empty() && name != "busybox")
            ::symlink("busybox", (m_path + "/bin/" + name).c_str());
    }
    writeFile("etc/passwd",
              "root:x:0:0:root:/root:/bin/sh\n"
              "nobody:x:65534:65534:nobody:/nonexistent:/bin/sh\n",
              0644);
    writeFile("etc/group", "root:x:0:\ntty:x:5:\nnogroup:x:65534:\n", 0644);
}

BusyboxRoot::~BusyboxRoot() {
    if (!m_holder.empty())
        removeTree(m_holder);
}

bool BusyboxRoot::writeFile(const std::string& relativePath, const std::string& contents,
                            int mode) {
    const std::string full = m_path + "/" + relativePath;
    for (size_t slash = full.find('/', m_path.size() + 1); slash != std::string::npos;
         slash = full.find('/', slash + 1))
        ::mkdir(full.substr(0, slash).c_str(), 0755);
    std::ofstream out(full, std::ios::binary | std::ios::trunc);
    out << contents;
    out.close();
    return out && ::chmod(full.c_str(), static_cast<mode_t>(mode)) == 0;
}

void removeTree(const std::string& path) {
    ::nftw(
        path.c_str(),
        [](const char* file, const struct stat*, int type, FTW*) {
            return type == FTW_DP ? ::rmdir(file) : ::unlink(file);
        },
        32, FTW_DEPTH | FTW_PHYS | FTW_MOUNT);
}

} // namespace cubby::test
