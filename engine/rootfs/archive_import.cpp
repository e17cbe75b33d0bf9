#include "archive_import.h"

#include "child_job.h"
#include "job.h"

#include <cerrno>
#include <sys/stat.h>
#include <unistd.h>

namespace cubby {

Result<ArchiveInput> examineArchiveInput() {
    struct stat st = {};
    if (::fstat(0, &st) != 0)
        return fail(Error::invalid("no archive on standard input (it is closed)"));
    if (S_ISDIR(st.st_mode))
        return fail(Error::invalid("standard input is a directory, not an archive"));
    if (S_ISCHR(st.st_mode) && ::isatty(0))
        return fail(Error::invalid("standard input is a terminal, not an archive"));
    ArchiveInput input;
    if (S_ISREG(st.st_mode)) {
        const off_t offset = ::lseek(0, 0, SEEK_CUR);
        input.regularFile = true;
        input.size = static_cast<uint64_t>(st.st_size - (offset > 0 ? offset : 0));
    }
    return input;
}

Result<std::string> importArchive(int rootFd, const ArchiveInput& input, JobReporter& reporter) {
    return forkChildJob(reporter, "the unpacking process", [&](pid_t parent, int reportTo) {
        runExtractChild(parent, rootFd, reportTo, input);
    });
}

} // namespace cubby
