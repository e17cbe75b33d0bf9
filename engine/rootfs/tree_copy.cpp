#include "tree_copy.h"

#include "job.h"
#include "unique_fd.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <format>
#include <linux/fs.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace cubby {

namespace {

constexpr const char* cpProgram = "/usr/bin/cp";

// Whether a file made in `rootFd` can be a reflink of another there: two unnamed files, one
// with a block of data, cloned into the other.
bool reflinksWork(int rootFd) {
    UniqueFd first(::openat(rootFd, ".", O_TMPFILE | O_RDWR | O_CLOEXEC, 0600));
    UniqueFd second(::openat(rootFd, ".", O_TMPFILE | O_RDWR | O_CLOEXEC, 0600));
    if (!first || !second)
        return false;
    const std::string block(4096, 'c');
    if (::write(first.get(), block.data(), block.size()) != ssize_t(block.size()) ||
        ::fsync(first.get()) != 0)
        return false;
    return ::ioctl(second.get(), FICLONE, first.get()) == 0;
}

[[noreturn]] void runCp(const std::string& rootPath) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    ::setsid(); // a group of its own: a cancel kills all of it
    struct sigaction defaults = {};
    defaults.sa_handler = SIG_DFL;
    sigemptyset(&defaults.sa_mask);
    for (const int signal : {SIGTERM, SIGINT, SIGPIPE})
        ::sigaction(signal, &defaults, nullptr);
    // The source stays standard input: /proc/self/fd/0 names the directory the helper opened,
    // whatever its path is now. cp's output goes to the log.
    ::dup2(2, 1);
    const std::string source = "/proc/self/fd/0/.";
    const std::string target = rootPath + "/";
    ::execl(cpProgram, cpProgram, "-a", "--reflink=auto", "--no-target-directory", "--",
            source.c_str(), target.c_str(), static_cast<char*>(nullptr));
    std::fprintf(stderr, "cubby-rootfs: running %s: %s\n", cpProgram, std::strerror(errno));
    ::_exit(127);
}

} // namespace

Status examineCopySource() {
    struct stat source = {};
    if (::fstat(0, &source) != 0 || !S_ISDIR(source.st_mode))
        return failInvalid("the tree to copy (standard input) is not an open directory");
    return {};
}

Result<std::string> copyTree(int rootFd, const std::string& rootPath, JobReporter& reporter) {
    struct stat source = {};
    struct stat target = {};
    if (::fstat(0, &source) != 0 || ::fstat(rootFd, &target) != 0)
        return fail(Error::system(errno, "looking at the trees"));
    const bool sameFilesystem = source.st_dev == target.st_dev;
    const bool reflinks = sameFilesystem && reflinksWork(rootFd);
    const std::string how = reflinks ? "with reflinks (no data copied; files share their blocks "
                                       "until one of them changes)"
                            : sameFilesystem
                                ? "as a full copy (this filesystem has no reflinks)"
                                : "as a full copy (the trees are on different filesystems)";
    reporter.progress(-1, reflinks ? "Cloning with reflinks" : "Copying every file", true);
    const pid_t child = ::fork();
    if (child < 0)
        return fail(Error::system(errno, "starting cp"));
    if (child == 0)
        runCp(rootPath);
    int status = 0;
    for (;;) {
        const pid_t ended = ::waitpid(child, &status, WNOHANG);
        if (ended == child)
            break;
        if (ended < 0 && errno != EINTR)
            return fail(Error::system(errno, "waiting for cp"));
        if (cancelRequested()) {
            ::kill(-child, SIGKILL);
            while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
            }
            return fail(cancelledError());
        }
        pollfd cancel{cancelFd(), POLLIN, 0};
        ::poll(&cancel, 1, 50);
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return fail(Error{ErrorKind::System, EIO,
                          std::format("copying the tree with {} failed (its messages are in "
                                      "the log)",
                                      cpProgram)});
    return how;
}

} // namespace cubby
