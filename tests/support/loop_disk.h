#pragma once
// A real disk for tests of what only a block device gives: an ext4 filesystem (with the quota
// and project features) in a sparse image file, on a loop device, mounted with prjquota where
// the kernel has quota support (Debian's kernel, in the vm tier); where it has none (the build
// machines' kernel refuses to mount an ext4 with the quota feature), a plain ext4 instead.
// Unmounted, detached and removed by the destructor.

#include <string>

namespace cubby::test {

class LoopDisk {
public:
    // Ext4 as above; Btrfs: a filesystem whose files can share blocks (reflinks), for clones.
    enum class Kind { Ext4, Btrfs };
    // The image and the mount point live in a new directory under `parentDir`.
    explicit LoopDisk(const std::string& parentDir, unsigned sizeMiB = 128, Kind kind = Kind::Ext4);
    ~LoopDisk();
    LoopDisk(const LoopDisk&) = delete;
    LoopDisk& operator=(const LoopDisk&) = delete;

    bool ok() const { return m_failure.empty(); }
    const std::string& failure() const { return m_failure; }
    const std::string& mountPoint() const { return m_mountPoint; }
    const std::string& devicePath() const { return m_device; } // /dev/loopN
    // Mounted with prjquota: project quotas are kept and enforced.
    bool projectQuotas() const { return m_projectQuotas; }

private:
    std::string m_dir;
    std::string m_image;
    std::string m_mountPoint;
    std::string m_device;
    std::string m_failure;
    bool m_mounted = false;
    bool m_projectQuotas = false;
};

} // namespace cubby::test
