#include "test_archives.h"

#include <fcntl.h>
#include <format>
#include <random>
#include <sys/sysmacros.h>
#include <unistd.h>

namespace cubby::test {

namespace {

la_ssize_t appendToString(archive*, void* out, const void* data, size_t size) {
    static_cast<std::string*>(out)->append(static_cast<const char*>(data), size);
    return static_cast<la_ssize_t>(size);
}

void addMember(archive* writer, const ArchiveMember& member) {
    archive_entry* entry = archive_entry_new();
    archive_entry_set_pathname(entry, member.path.c_str());
    archive_entry_set_filetype(entry, member.type);
    archive_entry_set_perm(entry, member.mode);
    if (!member.target.empty())
        archive_entry_set_symlink(entry, member.target.c_str());
    if (!member.hardlink.empty())
        archive_entry_set_hardlink(entry, member.hardlink.c_str());
    if (member.type == AE_IFCHR)
        archive_entry_set_rdev(entry, makedev(1, 3));
    archive_entry_set_size(entry, static_cast<la_int64_t>(member.data.size()));
    archive_write_header(writer, entry);
    if (!member.data.empty())
        archive_write_data(writer, member.data.data(), member.data.size());
    archive_entry_free(entry);
}

} // namespace

std::string makeArchive(const std::vector<ArchiveMember>& members, bool gzip, ArchiveSetup format,
                        ArchiveSetup filter) {
    std::string out;
    archive* writer = archive_write_new();
    format(writer);
    if (filter)
        filter(writer);
    else if (gzip)
        archive_write_add_filter_gzip(writer);
    archive_write_set_bytes_in_last_block(writer, 1);
    archive_write_open(writer, &out, nullptr, appendToString, nullptr);
    for (const auto& member : members)
        addMember(writer, member);
    archive_write_close(writer);
    archive_write_free(writer);
    return out;
}

std::string randomBytes(size_t size, unsigned seed) {
    std::mt19937 random(seed);
    std::string bytes(size, '\0');
    for (auto& byte : bytes)
        byte = static_cast<char>(random());
    return bytes;
}

EndlessArchive::EndlessArchive() {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)
        return;
    m_readEnd = fds[0];
    m_thread = std::thread([this, writeEnd = fds[1]] {
        archive* writer = archive_write_new();
        archive_write_set_format_pax_restricted(writer);
        archive_write_open_fd(writer, writeEnd);
        const std::string data = randomBytes(1 << 20, 7);
        for (int i = 0; !m_stop; ++i) {
            archive_entry* entry = archive_entry_new();
            archive_entry_set_pathname(entry, std::format("data/file{}", i).c_str());
            archive_entry_set_filetype(entry, AE_IFREG);
            archive_entry_set_perm(entry, 0644);
            archive_entry_set_size(entry, static_cast<la_int64_t>(data.size()));
            const bool ok = archive_write_header(writer, entry) == ARCHIVE_OK &&
                            archive_write_data(writer, data.data(), data.size()) > 0;
            archive_entry_free(entry);
            if (!ok)
                break;
        }
        archive_write_free(writer); // the reader is gone: nothing more to flush
        ::close(writeEnd);
    });
}

EndlessArchive::~EndlessArchive() {
    m_stop = true;
    if (m_readEnd >= 0)
        ::close(m_readEnd); // a blocked write fails with EPIPE
    if (m_thread.joinable())
        m_thread.join();
}

} // namespace cubby::test
