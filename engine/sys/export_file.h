#pragma once
// The client's side of an export's file (issue 13), shared by cubbyctl and the app: the file
// is opened by the caller, as the calling user, and the helper only writes to the descriptor.

#include "error.h"

#include <string>

namespace cubby {

// The file an export becomes: nameless until the job is done (O_TMPFILE in the path's
// directory, mode 0600: the tree's secrets, its /etc/shadow, are in it), then linked under
// the path; a failed or cancelled export leaves nothing, and an existing file is never
// replaced. Where the filesystem has no O_TMPFILE, PATH.partial-PID stands in and is renamed
// or removed.
class ExportFile {
public:
    static Result<ExportFile> create(const std::string& path);
    ExportFile(ExportFile&& other) noexcept;
    ExportFile& operator=(ExportFile&&) = delete;
    ~ExportFile();

    int fd() const { return m_fd; }
    // Gives the finished file its name (after syncing it); on failure nothing is left.
    Status keep();

private:
    ExportFile() = default;

    std::string m_path;
    std::string m_partial; // the stand-in name, while there is one
    int m_fd = -1;
};

// Reads an export's definition frame from `fd`, exactly (the rest, the archive, stays for the
// helper), and gives the definition's XML.
Result<std::string> readExportDefinition(int fd);

} // namespace cubby
