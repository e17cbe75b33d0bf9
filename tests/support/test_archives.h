#pragma once
// Archives for cubby-rootfs's import, written with libarchive: members exactly as given,
// however hostile (".." names, links out of the tree, devices), in any format and compression,
// and an endless stream for cancelling a busy import. Part of cubby-test-archives, which
// brings libarchive along; the rest of the test support does without it.

#include <archive.h>
#include <archive_entry.h>
#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace cubby::test {

// One member, written as given.
struct ArchiveMember {
    std::string path;
    unsigned type = AE_IFREG;
    unsigned mode = 0644;
    std::string data = {};     // regular files
    std::string target = {};   // symlinks
    std::string hardlink = {}; // hard links (type stays AE_IFREG)
};

// archive_write_set_format_* or archive_write_add_filter_*
using ArchiveSetup = int (*)(archive*);

// The archive in memory: a pax tar, gzipped unless `gzip` is false; `filter`, when given,
// replaces the gzip. Character devices are 1:3 (/dev/null).
std::string makeArchive(const std::vector<ArchiveMember>& members, bool gzip = true,
                        ArchiveSetup format = archive_write_set_format_pax_restricted,
                        ArchiveSetup filter = nullptr);

// `size` bytes from a generator seeded with `seed`: the same for the same seed.
std::string randomBytes(size_t size, unsigned seed);

// An endless tar stream of 1 MiB files, written into a pipe until the reader goes away.
// Writers into a pipe whose reader was killed need SIGPIPE ignored.
class EndlessArchive {
public:
    EndlessArchive();
    ~EndlessArchive();
    EndlessArchive(const EndlessArchive&) = delete;
    EndlessArchive& operator=(const EndlessArchive&) = delete;

    int readEnd() const { return m_readEnd; }

private:
    int m_readEnd = -1;
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
};

} // namespace cubby::test
