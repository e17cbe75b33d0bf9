// The unpacking child of archive_import.cpp. It runs chroot()ed in the new root with a few
// capabilities, reads fd 0 with libarchive and writes its progress and result on fd 3.
#include "archive_import.h"
#include "child_job.h"
#include "entry_path.h"
#include "job.h"

#include <archive.h>
#include <archive_entry.h>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <format>
#include <linux/capability.h>
#include <memory>
#include <set>
#include <sys/stat.h>
#include <unistd.h>

namespace cubby {

namespace {

struct ReaderFree {
    void operator()(archive* a) const { archive_read_free(a); }
};
struct WriterFree {
    void operator()(archive* a) const { archive_write_free(a); }
};

// What unpacking needs: ownership, modes including setuid/setgid, times on files of other
// owners, and file capabilities. Not kept: CAP_SYS_CHROOT (a second chroot() is the classic
// way out of the first), CAP_DAC_READ_SEARCH (open_by_handle_at reaches any file),
// CAP_SYS_ADMIN (mounts), CAP_MKNOD (device members are skipped anyway), and the rest.
constexpr int keptCapabilities[] = {CAP_CHOWN, CAP_DAC_OVERRIDE, CAP_FOWNER, CAP_FSETID,
                                    CAP_SETFCAP};

// Restored: owners (numerically; no name lookups, which would read the host's databases or
// the new root's), permissions including setuid/setgid, times, extended attributes (file
// capabilities, SELinux labels) and ACLs. Not restored: file flags, because an immutable or
// append-only file would make the root impossible to remove, and the unpacker runs without
// CAP_LINUX_IMMUTABLE anyway. The SECURE flags refuse writing through a symlink that
// an earlier member made, and ".." and absolute paths (already normalized away).
constexpr int extractFlags = ARCHIVE_EXTRACT_OWNER | ARCHIVE_EXTRACT_PERM | ARCHIVE_EXTRACT_TIME |
                             ARCHIVE_EXTRACT_XATTR | ARCHIVE_EXTRACT_ACL |
                             ARCHIVE_EXTRACT_SECURE_SYMLINKS | ARCHIVE_EXTRACT_SECURE_NODOTDOT |
                             ARCHIVE_EXTRACT_SECURE_NOABSOLUTEPATHS;

class Extractor {
public:
    Extractor(const ArchiveInput& input)
        : m_input(input)
        , m_reporter(childReportFd) {}
    Result<std::string> run();

private:
    Status unpackMember(archive_entry* entry);
    Status copyData(const std::string& path);
    Status applyRootMetadata();
    void reportProgress(bool force);
    Error readError(std::string_view context) const {
        return Error::invalid(std::format("{}: {}", context, message(m_reader.get())));
    }
    // The system's fault (a full disk) is System; anything else is the archive asking for
    // what cannot be done (through a symlink, a link to a missing file): InvalidArgument.
    Error writeError(const std::string& path) const {
        const int err = archive_errno(m_writer.get());
        const bool systemFault = err == ENOSPC || err == EDQUOT || err == EIO || err == EROFS ||
                                 err == ENOMEM || err == EMFILE || err == ENFILE;
        return {systemFault ? ErrorKind::System : ErrorKind::InvalidArgument, err,
                std::format("cannot unpack {}: {}", path, message(m_writer.get()))};
    }
    static std::string message(archive* a) {
        const char* text = archive_error_string(a);
        return text ? text : "unknown error";
    }

    ArchiveInput m_input;
    JobReporter m_reporter;
    std::unique_ptr<archive, ReaderFree> m_reader{archive_read_new()};
    std::unique_ptr<archive, WriterFree> m_writer{archive_write_disk_new()};
    uint64_t m_members = 0;  // every member read, the root's and skipped ones included
    uint64_t m_unpacked = 0; // those written
    uint64_t m_skippedDevices = 0;
    std::set<std::string> m_skippedPaths;
    // The archive's own entry for the root ("./"), applied to the root at the end.
    std::unique_ptr<archive_entry, decltype(&archive_entry_free)> m_rootEntry{nullptr,
                                                                              archive_entry_free};
};

Result<std::string> Extractor::run() {
    archive* reader = m_reader.get();
    if (!reader || !m_writer)
        return fail(Error::system(ENOMEM, "setting up libarchive"));
    // Any compression, but only formats that keep Unix owners, modes and links with each
    // member, in order: tar (ustar, pax, GNU, …) and cpio. Zip and 7-Zip keep them in a
    // directory at the end that a pipe never reaches (libarchive then unpacks files with
    // made-up modes), and mtree names files to be read from the disk.
    archive_read_support_filter_all(reader);
    archive_read_support_format_tar(reader);
    archive_read_support_format_cpio(reader);
    archive_read_support_format_empty(reader); // so that no bytes are "no files", not garbage
    archive_write_disk_set_options(m_writer.get(), extractFlags);
    if (archive_read_open_fd(reader, 0, 64 * 1024) != ARCHIVE_OK)
        return fail(readError("the archive cannot be read"));
    for (;;) {
        archive_entry* entry = nullptr;
        const int got = archive_read_next_header(reader, &entry);
        if (got == ARCHIVE_EOF)
            break;
        if (got < ARCHIVE_WARN)
            return fail(readError(m_members == 0 ? "the archive cannot be read"
                                                 : "the archive is damaged"));
        if (got == ARCHIVE_WARN)
            std::fprintf(stderr, "cubby-rootfs: %s\n", message(reader).c_str());
        CUBBY_CHECK(unpackMember(entry));
        ++m_members;
        reportProgress(false);
    }
    // Directories get their final modes and times here (libarchive defers them).
    if (archive_write_close(m_writer.get()) < ARCHIVE_WARN)
        return fail(writeError("the directories"));
    CUBBY_CHECK(applyRootMetadata());
    if (m_unpacked == 0)
        return fail(Error::invalid(m_skippedDevices == 0
                                       ? "the archive holds no files"
                                       : "the archive holds nothing but device nodes, which are "
                                         "skipped"));
    reportProgress(true);
    std::string text =
        std::format("Unpacked {} entries ({})", m_unpacked,
                    mebibytes(static_cast<uint64_t>(archive_filter_bytes(reader, -1))));
    if (m_skippedDevices > 0)
        text += std::format("; skipped {} device node{} (the container gets its own /dev)",
                            m_skippedDevices, m_skippedDevices == 1 ? "" : "s");
    return text;
}

Status Extractor::unpackMember(archive_entry* entry) {
    // Null when the name cannot be converted to the locale's character set; it must not
    // silently become "" (the root).
    const char* rawName = archive_entry_pathname(entry);
    if (!rawName)
        rawName = archive_entry_pathname_utf8(entry);
    if (!rawName)
        return failInvalid(
            std::format("member {} of the archive has a name that cannot be read", m_members + 1));
    CUBBY_TRY(path, normalizeEntryPath(rawName));
    const auto type = archive_entry_filetype(entry);
    if (path == ".") {
        if (type == AE_IFDIR)
            m_rootEntry.reset(archive_entry_clone(entry));
        return {};
    }
    // Device nodes are the controller's business (it makes /dev for each start), and an
    // archive is no place to take them from.
    if (type == AE_IFCHR || type == AE_IFBLK) {
        ++m_skippedDevices;
        m_skippedPaths.insert(path);
        return {};
    }
    if (const char* target = archive_entry_hardlink(entry)) {
        CUBBY_TRY(linkTarget, normalizeEntryPath(target));
        if (m_skippedPaths.contains(linkTarget)) { // another name of a skipped device
            ++m_skippedDevices;
            return {};
        }
        archive_entry_copy_hardlink(entry, linkTarget.c_str());
    }
    archive_entry_copy_pathname(entry, path.c_str());
    const int written = archive_write_header(m_writer.get(), entry);
    if (written < ARCHIVE_WARN)
        return fail(writeError(path));
    if (written == ARCHIVE_WARN)
        std::fprintf(stderr, "cubby-rootfs: %s: %s\n", path.c_str(),
                     message(m_writer.get()).c_str());
    if (archive_entry_size(entry) > 0)
        CUBBY_CHECK(copyData(path));
    if (archive_write_finish_entry(m_writer.get()) < ARCHIVE_WARN)
        return fail(writeError(path));
    ++m_unpacked;
    return {};
}

Status Extractor::copyData(const std::string& path) {
    for (;;) {
        const void* block = nullptr;
        size_t size = 0;
        la_int64_t offset = 0;
        const int got = archive_read_data_block(m_reader.get(), &block, &size, &offset);
        if (got == ARCHIVE_EOF)
            return {};
        if (got < ARCHIVE_WARN)
            return fail(readError(std::format("the archive is damaged at {}", path)));
        if (archive_write_data_block(m_writer.get(), block, size, offset) < ARCHIVE_WARN)
            return fail(writeError(path));
        reportProgress(false);
    }
}

Status Extractor::applyRootMetadata() {
    if (!m_rootEntry)
        return {};
    archive_entry* root = m_rootEntry.get();
    // The directory unpacked into: the root, or a push-tree's new directory.
    if (::lchown(".", static_cast<uid_t>(archive_entry_uid(root)),
                 static_cast<gid_t>(archive_entry_gid(root))) != 0 ||
        ::chmod(".", archive_entry_perm(root) & 07777) != 0)
        return fail(Error::system(errno, "setting the owner and mode of the root directory"));
    const timespec times[2] = {{archive_entry_atime(root), archive_entry_atime_nsec(root)},
                               {archive_entry_mtime(root), archive_entry_mtime_nsec(root)}};
    ::utimensat(AT_FDCWD, ".", times, 0);
    return {};
}

void Extractor::reportProgress(bool force) {
    const auto bytes = static_cast<uint64_t>(archive_filter_bytes(m_reader.get(), -1));
    if (m_input.regularFile && m_input.size > 0) {
        m_reporter.progress(
            static_cast<double>(bytes) / static_cast<double>(m_input.size),
            std::format("Unpacking: {} of {}", mebibytes(bytes), mebibytes(m_input.size)), force);
    } else {
        m_reporter.progress(-1, std::format("Unpacking: {}", mebibytes(bytes)), force);
    }
}

// Everything that must happen before the first byte of the archive is read. `channel` is
// where the result goes: the pipe as inherited until it is moved to childReportFd.
Status enterRoot(pid_t parent, int rootFd, int& channel) {
    CUBBY_CHECK(
        enterTreeAsChild(parent, rootFd, channel, keptCapabilities, "the unpacking process"));
    ::umask(022); // for directories libarchive makes on the way (members without their own)
    return {};
}

} // namespace

Result<std::string> unpackArchiveHere(const ArchiveInput& input) {
    return Extractor(input).run();
}

void runExtractChild(pid_t parent, int rootFd, int reportTo, const ArchiveInput& input) {
    int channel = reportTo;
    auto outcome = [&]() -> Result<std::string> {
        CUBBY_CHECK(enterRoot(parent, rootFd, channel));
        return Extractor(input).run();
    }();
    finishChildJob(channel, outcome);
}

} // namespace cubby
