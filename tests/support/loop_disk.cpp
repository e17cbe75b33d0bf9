#include "loop_disk.h"

#include "unique_fd.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <format>
#include <linux/loop.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace cubby::test {

namespace {

// Runs a program quietly; its exit status (or -1).
int run(const std::string& command) {
    const int status = std::system((command + " >/dev/null 2>&1").c_str());
    return status >= 0 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

} // namespace

LoopDisk::LoopDisk(const std::string& parentDir, unsigned sizeMiB, Kind kind) {
    char pattern[] = "/cubby-disk-XXXXXX";
    std::string templ = parentDir + pattern;
    if (!::mkdtemp(templ.data())) {
        m_failure = std::format("mkdtemp in {}: {}", parentDir, std::strerror(errno));
        return;
    }
    m_dir = templ;
    m_image = m_dir + "/disk.img";
    m_mountPoint = m_dir + "/mnt";
    ::mkdir(m_mountPoint.c_str(), 0755);
    const UniqueFd image(::open(m_image.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
    if (!image || ::ftruncate(image.get(), off_t{sizeMiB} << 20) != 0) {
        m_failure = std::format("making {}: {}", m_image, std::strerror(errno));
        return;
    }
    // A guest loads the loop driver on first use; the build machines have it already.
    if (::access("/dev/loop-control", F_OK) != 0)
        run("modprobe loop");
    const UniqueFd control(::open("/dev/loop-control", O_RDWR | O_CLOEXEC));
    const int number = control ? ::ioctl(control.get(), LOOP_CTL_GET_FREE) : -1;
    if (number < 0) {
        m_failure = std::format("no free loop device: {}", std::strerror(errno));
        return;
    }
    m_device = std::format("/dev/loop{}", number);
    const UniqueFd device(::open(m_device.c_str(), O_RDWR | O_CLOEXEC));
    loop_config config = {};
    config.fd = static_cast<unsigned>(image.get());
    config.info.lo_flags = LO_FLAGS_AUTOCLEAR; // detached when unmounted and closed
    if (!device || ::ioctl(device.get(), LOOP_CONFIGURE, &config) != 0) {
        m_failure = std::format("attaching {} to {}: {}", m_image, m_device, std::strerror(errno));
        m_device.clear();
        return;
    }
    if (kind == Kind::Btrfs) {
        if (run("mkfs.btrfs -q -f " + m_device) != 0) {
            m_failure = "mkfs.btrfs failed on " + m_device;
            return;
        }
        if (::mount(m_device.c_str(), m_mountPoint.c_str(), "btrfs", 0, nullptr) != 0) {
            m_failure = std::format("mounting {} (btrfs): {}", m_device, std::strerror(errno));
            return;
        }
        m_mounted = true;
        return;
    }
    if (run("mkfs.ext4 -q -F -O quota,project " + m_device) != 0) {
        m_failure = "mkfs.ext4 -O quota,project failed on " + m_device;
        return;
    }
    m_projectQuotas = ::mount(m_device.c_str(), m_mountPoint.c_str(), "ext4", 0, "prjquota") == 0;
    // A kernel without quota support mounts no ext4 with the quota feature at all: a plain one.
    if (!m_projectQuotas &&
        (run("mkfs.ext4 -q -F " + m_device) != 0 ||
         ::mount(m_device.c_str(), m_mountPoint.c_str(), "ext4", 0, nullptr) != 0)) {
        m_failure = std::format("mounting {}: {}", m_device, std::strerror(errno));
        return;
    }
    m_mounted = true;
}

LoopDisk::~LoopDisk() {
    if (m_mounted)
        ::umount2(m_mountPoint.c_str(), MNT_DETACH); // the loop device detaches itself then
    if (!m_dir.empty()) {
        ::unlink(m_image.c_str());
        ::rmdir(m_mountPoint.c_str());
        ::rmdir(m_dir.c_str());
    }
}

} // namespace cubby::test
