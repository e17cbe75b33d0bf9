#include "archive_export.h"

#include "child_job.h"
#include "job.h"

#include <algorithm>
#include <archive.h>
#include <archive_entry.h>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <format>
#include <linux/capability.h>
#include <memory>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

namespace cubby {

namespace {

constexpr int keptCapabilities[] = {CAP_DAC_OVERRIDE};

struct ReaderFree {
    void operator()(archive* a) const { archive_read_free(a); }
};
struct WriterFree {
    void operator()(archive* a) const { archive_write_free(a); }
};
struct LinksFree {
    void operator()(archive_entry_linkresolver* l) const { archive_entry_linkresolver_free(l); }
};
struct EntryFree {
    void operator()(archive_entry* e) const { archive_entry_free(e); }
};

std::string message(archive* a) {
    const char* text = archive_error_string(a);
    return text ? text : "unknown error";
}

Status writeFully(int fd, const char* data, size_t size) {
    while (size > 0) {
        const ssize_t put = ::write(fd, data, size);
        if (put < 0 && errno == EINTR)
            continue;
        if (put <= 0)
            return fail(Error::system(errno, "writing the export"));
        data += put;
        size -= size_t(put);
    }
    return {};
}

// The header first, as it came: a short write to a pipe is continued, a failed one ends us.
Status copyStandardInput() {
    char buffer[65536];
    for (;;) {
        const ssize_t got = ::read(STDIN_FILENO, buffer, sizeof buffer);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return fail(Error::system(errno, "reading the export's header"));
        if (got == 0)
            return {};
        CUBBY_CHECK(writeFully(STDOUT_FILENO, buffer, static_cast<size_t>(got)));
    }
}

class Packer {
public:
    // `compress`: zstd (an export), else a plain tar (a pull-tree).
    explicit Packer(bool compress)
        : m_compress(compress)
        , m_reporter(childReportFd) {}
    Result<std::string> run();

private:
    Status packData(const char* path);
    void reportProgress(bool force) {
        m_reporter.progress(
            -1, std::format("Packing: {} entries, {} read", m_packed, mebibytes(m_bytesRead)),
            force);
    }

    bool m_compress;
    JobReporter m_reporter;
    std::unique_ptr<archive, ReaderFree> m_disk{archive_read_disk_new()};
    std::unique_ptr<archive, WriterFree> m_writer{archive_write_new()};
    std::unique_ptr<archive_entry_linkresolver, LinksFree> m_links{
        archive_entry_linkresolver_new()};
    uint64_t m_packed = 0;
    uint64_t m_skipped = 0;
    uint64_t m_bytesRead = 0;
};

Result<std::string> Packer::run() {
    archive* disk = m_disk.get();
    archive* writer = m_writer.get();
    if (!disk || !writer)
        return fail(Error::system(ENOMEM, "setting up libarchive"));
    // Symlinks as links, never followed; one filesystem; no name lookups (numeric owners,
    // as the import restores them).
    archive_read_disk_set_symlink_physical(disk);
    archive_read_disk_set_behavior(disk, ARCHIVE_READDISK_NO_TRAVERSE_MOUNTS);
    // No padding after the compressed stream: zstd readers take trailing zeros for a
    // damaged frame.
    if (archive_write_set_format_pax_restricted(writer) != ARCHIVE_OK ||
        (m_compress &&
         (archive_write_add_filter_zstd(writer) != ARCHIVE_OK ||
          archive_write_set_bytes_in_last_block(writer, 1) != ARCHIVE_OK ||
          // Compressing on every CPU while this thread reads the tree, as tar piping into
          // zstd does across two processes.
          archive_write_set_filter_option(
              writer, "zstd", "threads",
              std::to_string(std::max(1L, ::sysconf(_SC_NPROCESSORS_ONLN))).c_str()) !=
              ARCHIVE_OK)) ||
        archive_write_open_fd(writer, STDOUT_FILENO) != ARCHIVE_OK)
        return fail(
            Error::system(archive_errno(writer), "starting the archive: " + message(writer)));
    if (!m_links)
        return fail(Error::system(ENOMEM, "setting up libarchive"));
    archive_entry_linkresolver_set_strategy(m_links.get(), archive_format(writer));
    if (archive_read_disk_open(disk, ".") != ARCHIVE_OK)
        return fail(Error::system(archive_errno(disk), "reading the tree: " + message(disk)));
    for (;;) {
        std::unique_ptr<archive_entry, EntryFree> entry(archive_entry_new());
        const int got = archive_read_next_header2(disk, entry.get());
        if (got == ARCHIVE_EOF)
            break;
        if (got < ARCHIVE_WARN)
            return fail(Error::system(archive_errno(disk), "reading the tree: " + message(disk)));
        if (got == ARCHIVE_WARN)
            std::fprintf(stderr, "cubby-rootfs: %s\n", message(disk).c_str());
        archive_read_disk_descend(disk);
        const auto type = archive_entry_filetype(entry.get());
        if (type == AE_IFCHR || type == AE_IFBLK || type == AE_IFSOCK) {
            ++m_skipped;
            continue;
        }
        // A file's further names become hard links to its first (tar's way: no data again).
        archive_entry* linked = entry.get();
        archive_entry* deferred = nullptr;
        archive_entry_linkify(m_links.get(), &linked, &deferred);
        if (linked != entry.get() || deferred)
            return fail(Error::system(EINVAL, "the archive format deferred a hard link"));
        const std::string path = archive_entry_pathname(entry.get());
        const int written = archive_write_header(writer, entry.get());
        if (written == ARCHIVE_FAILED) { // this member only (a name pax cannot hold)
            std::fprintf(stderr, "cubby-rootfs: left out %s: %s\n", path.c_str(),
                         message(writer).c_str());
            ++m_skipped;
            continue;
        }
        if (written < ARCHIVE_FAILED)
            return fail(
                Error::system(archive_errno(writer),
                              std::format("writing the archive at {}: {}", path, message(writer))));
        if (type == AE_IFREG && !archive_entry_hardlink(entry.get()) &&
            archive_entry_size(entry.get()) > 0)
            CUBBY_CHECK(packData(path.c_str()));
        ++m_packed;
        reportProgress(false);
    }
    if (archive_write_close(writer) != ARCHIVE_OK)
        return fail(Error::system(archive_errno(writer), "ending the archive: " + message(writer)));
    reportProgress(true);
    std::string text =
        std::format("Exported {} entries ({}, {} compressed)", m_packed, mebibytes(m_bytesRead),
                    mebibytes(uint64_t(archive_filter_bytes(writer, -1))));
    if (m_skipped > 0)
        text += std::format("; left out {} device node{}, socket{} or unnamable file{}", m_skipped,
                            m_skipped == 1 ? "" : "s", m_skipped == 1 ? "" : "s",
                            m_skipped == 1 ? "" : "s");
    return text;
}

Status Packer::packData(const char* path) {
    char buffer[65536];
    for (;;) {
        const la_ssize_t got = archive_read_data(m_disk.get(), buffer, sizeof buffer);
        if (got == 0)
            return {};
        if (got < 0)
            return fail(Error::system(archive_errno(m_disk.get()),
                                      std::format("reading {}: {}", path, message(m_disk.get()))));
        if (archive_write_data(m_writer.get(), buffer, size_t(got)) != got)
            return fail(Error::system(
                archive_errno(m_writer.get()),
                std::format("writing the archive at {}: {}", path, message(m_writer.get()))));
        m_bytesRead += uint64_t(got);
        reportProgress(false);
    }
}

Status enterTree(pid_t parent, int rootFd, int& channel) {
    CUBBY_CHECK(enterTreeAsChild(parent, rootFd, channel, keptCapabilities, "the packing process"));
    // A reader gone away is an error of write(), not a signal that ends us without a word.
    ::signal(SIGPIPE, SIG_IGN);
    return copyStandardInput(); // the header, before the archive
}

[[noreturn]] void runPackChild(pid_t parent, int rootFd, int reportTo) {
    int channel = reportTo;
    auto outcome = [&]() -> Result<std::string> {
        CUBBY_CHECK(enterTree(parent, rootFd, channel));
        return Packer(true).run();
    }();
    finishChildJob(channel, outcome);
}

} // namespace

Result<std::string> packHere() {
    return Packer(false).run();
}

Result<std::string> exportTree(int rootFd, JobReporter& reporter) {
    struct stat root = {};
    if (::fstat(rootFd, &root) != 0 || !S_ISDIR(root.st_mode))
        return fail(Error::invalid("--root-fd is not an open directory"));
    struct stat output = {};
    if (::fstat(STDOUT_FILENO, &output) != 0 || S_ISDIR(output.st_mode) || ::isatty(STDOUT_FILENO))
        return fail(Error::invalid("the export's output is not a file, pipe or socket"));
    return forkChildJob(reporter, "the packing process", [&](pid_t parent, int reportTo) {
        runPackChild(parent, rootFd, reportTo);
    });
}

} // namespace cubby
