#include "file_copy.h"

#include "archive_export.h"
#include "archive_import.h"
#include "child_job.h"
#include "fs_in_root.h"
#include "job.h"
#include "tree_removal.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <format>
#include <functional>
#include <grp.h>
#include <linux/capability.h>
#include <linux/openat2.h>
#include <sched.h>
#include <span>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace cubby {

namespace {

// A push makes a file, gives it the owner and mode asked for (setuid bits included) and
// renames it over another's; a pull only reads. Nothing else: no CAP_SYS_CHROOT (a second
// chroot() is the way out of the first), no CAP_DAC_READ_SEARCH (open_by_handle_at), no
// CAP_SYS_ADMIN, no CAP_MKNOD. In a user namespace these are the container root's, which
// reach nothing of the host's.
constexpr int pushCapabilities[] = {CAP_CHOWN, CAP_DAC_OVERRIDE, CAP_FOWNER, CAP_FSETID};
constexpr int pullCapabilities[] = {CAP_DAC_OVERRIDE};
// A directory's members keep their modes, owners and times (as an import's do).
constexpr int treeCapabilities[] = {CAP_CHOWN, CAP_DAC_OVERRIDE, CAP_FOWNER, CAP_FSETID};

constexpr size_t bufferBytes = 256 * 1024;

struct PathParts {
    std::string directory;
    std::string name;
};

PathParts splitPath(const std::string& path) {
    const size_t slash = path.rfind('/');
    return {slash == 0 ? std::string("/") : path.substr(0, slash), path.substr(slash + 1)};
}

// What openat2 said, in the container's terms.
Error resolveError(int err, const std::string& path) {
    switch (err) {
    case ENOENT:
        return Error::of(ErrorKind::NotFound,
                         std::format("{} does not exist in the container", path));
    case ENOTDIR:
        return Error::invalid(std::format("{}: a part of the path is not a directory", path));
    case ELOOP:
        return Error::invalid(std::format(
            "{} leads through a link to a process's files (/proc/PID/root, /proc/PID/fd, …) or "
            "through too many symlinks; cp follows neither",
            path));
    default:
        return Error::system(err, std::format("opening {} in the container", path));
    }
}

Result<UniqueFd> resolve(int rootFd, const std::string& path, int flags) {
    open_how how{};
    how.flags = static_cast<uint64_t>(flags | O_CLOEXEC);
    how.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS;
    std::string relative = path;
    while (!relative.empty() && relative.front() == '/')
        relative.erase(0, 1);
    if (relative.empty())
        relative = ".";
    UniqueFd fd(openat2Retrying(rootFd, relative.c_str(), how));
    if (!fd)
        return fail(resolveError(errno, path));
    return fd;
}

std::string kindOf(mode_t mode) {
    switch (mode & S_IFMT) {
    case S_IFDIR:
        return "a directory";
    case S_IFLNK:
        return "a symbolic link";
    case S_IFIFO:
        return "a FIFO";
    case S_IFSOCK:
        return "a socket";
    case S_IFCHR:
    case S_IFBLK:
        return "a device node";
    default:
        return "not a regular file";
    }
}

Status writeFully(int fd, const char* data, size_t size, const std::string& what) {
    while (size > 0) {
        const ssize_t put = ::write(fd, data, size);
        if (put < 0 && errno == EINTR)
            continue;
        if (put <= 0)
            return fail(Error::system(put < 0 ? errno : EIO, what));
        data += put;
        size -= size_t(put);
    }
    return {};
}

// In the forked child, before anything of the tree is touched: the container's root in its
// user namespace (when it has one), then chroot()ed in the tree with `kept` alone.
Status enterContainer(pid_t parent, const FileCopy& copy, int& channel, std::span<const int> kept) {
    if (copy.usernsFd >= 0) {
        if (::setns(copy.usernsFd, CLONE_NEWUSER) != 0)
            return fail(Error::system(errno, "joining the container's user namespace"));
        // Without supplementary groups (a namespace that denies setgroups keeps ours, which
        // it does not map and so cannot use).
        if (::setgroups(0, nullptr) != 0 && errno != EPERM)
            return fail(Error::system(errno, "dropping supplementary groups"));
        if (::setresgid(0, 0, 0) != 0 || ::setresuid(0, 0, 0) != 0)
            return fail(Error::system(errno, "becoming the container's root"));
    }
    // Nothing in the container may look into this process (its memory holds our arguments).
    ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    CUBBY_CHECK(enterTreeAsChild(parent, copy.rootFd, channel, kept, "the copying process"));
    ::umask(0);
    ::signal(SIGPIPE, SIG_IGN); // a reader gone away is write()'s error
    return {};
}

std::string temporaryName() {
    unsigned char bytes[8] = {};
    if (::getrandom(bytes, sizeof bytes, 0) != sizeof bytes) {
        const auto fallback = static_cast<uint64_t>(::getpid()) ^ uint64_t(::time(nullptr));
        std::memcpy(bytes, &fallback, sizeof bytes);
    }
    std::string name = ".cubby-cp-";
    for (const unsigned char byte : bytes)
        name += std::format("{:02x}", byte);
    return name;
}

// In the child: standard input into the temporary file, which then takes the target's name.
Result<std::string> pushInTree(const FileCopy& copy, const std::string& temporary) {
    JobReporter reporter(childReportFd);
    const PathParts parts = splitPath(copy.path);
    UniqueFd root(::open("/", O_PATH | O_DIRECTORY | O_CLOEXEC));
    if (!root)
        return fail(Error::system(errno, "opening the container's root"));
    CUBBY_TRY(directory, resolve(root.get(), parts.directory, O_RDONLY | O_DIRECTORY));
    struct stat existing = {};
    if (::fstatat(directory.get(), parts.name.c_str(), &existing, AT_SYMLINK_NOFOLLOW) == 0) {
        if (S_ISLNK(existing.st_mode))
            return failInvalid(std::format("{} is a symbolic link; cp replaces regular files only "
                                           "(name the file it points to); nothing was changed",
                                           copy.path));
        if (S_ISDIR(existing.st_mode))
            return failInvalid(std::format("{} is a directory; name the file to write in it "
                                           "(NAME:{}/FILE); nothing was changed",
                                           copy.path, copy.path));
        if (!S_ISREG(existing.st_mode))
            return failInvalid(std::format("{} is {}, not a regular file; nothing was changed",
                                           copy.path, kindOf(existing.st_mode)));
    } else if (errno != ENOENT) {
        return fail(resolveError(errno, copy.path));
    }
    UniqueFd file(::openat(directory.get(), temporary.c_str(),
                           O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
    if (!file)
        return fail(Error::system(errno, std::format("creating a file in {}", parts.directory)));
    const auto discard = [&](const Error& error) -> Result<std::string> {
        ::unlinkat(directory.get(), temporary.c_str(), 0);
        return fail(error);
    };
    struct stat input = {};
    const uint64_t total =
        ::fstat(STDIN_FILENO, &input) == 0 && S_ISREG(input.st_mode) ? uint64_t(input.st_size) : 0;
    std::vector<char> buffer(bufferBytes);
    uint64_t copied = 0;
    for (;;) {
        const ssize_t got = ::read(STDIN_FILENO, buffer.data(), buffer.size());
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return discard(Error::system(errno, "reading the file to copy"));
        if (got == 0)
            break;
        if (auto written = writeFully(file.get(), buffer.data(), size_t(got),
                                      std::format("writing {}", copy.path));
            !written)
            return discard(written.error());
        copied += uint64_t(got);
        reporter.progress(total > 0 ? double(copied) / double(total) : -1,
                          std::format("Copying: {}", mebibytes(copied)));
    }
    // The owner first: chown() clears set-user-ID and set-group-ID bits.
    if (::fchown(file.get(), copy.uid, copy.gid) != 0)
        return discard(
            Error::system(errno, std::format("giving {} to {}:{} (ids the container has?)",
                                             copy.path, copy.uid, copy.gid)));
    if (::fchmod(file.get(), copy.mode) != 0)
        return discard(Error::system(errno, std::format("setting the mode of {}", copy.path)));
    if (::fsync(file.get()) != 0)
        return discard(Error::system(errno, std::format("writing {} to disk", copy.path)));
    if (::renameat(directory.get(), temporary.c_str(), directory.get(), parts.name.c_str()) != 0)
        return discard(Error::system(errno, std::format("putting {} in place", copy.path)));
    reporter.progress(1, std::format("Copied {}", mebibytes(copied)), true);
    return std::format("Copied {} bytes to {}", copied, copy.path);
}

// In the child: the regular file at the path (symlinks followed inside the root) to stdout.
Result<std::string> pullInTree(const FileCopy& copy) {
    JobReporter reporter(childReportFd);
    UniqueFd root(::open("/", O_PATH | O_DIRECTORY | O_CLOEXEC));
    if (!root)
        return fail(Error::system(errno, "opening the container's root"));
    // Looked at before it is opened: opening a FIFO would wait for a writer, a device could
    // do anything.
    CUBBY_TRY(probe, resolve(root.get(), copy.path, O_PATH));
    struct stat seen = {};
    if (::fstat(probe.get(), &seen) != 0)
        return fail(Error::system(errno, std::format("looking at {}", copy.path)));
    if (S_ISDIR(seen.st_mode))
        return failInvalid(std::format("{} is a directory (cp -r copies directories)", copy.path));
    if (!S_ISREG(seen.st_mode))
        return failInvalid(
            std::format("{} is {}, not a regular file", copy.path, kindOf(seen.st_mode)));
    CUBBY_TRY(file, resolve(root.get(), copy.path, O_RDONLY | O_NOCTTY | O_NONBLOCK));
    struct stat opened = {};
    if (::fstat(file.get(), &opened) != 0 || opened.st_dev != seen.st_dev ||
        opened.st_ino != seen.st_ino)
        return fail(Error::of(ErrorKind::Conflict,
                              std::format("{} changed while it was opened", copy.path)));
    const uint64_t total = uint64_t(opened.st_size);
    std::vector<char> buffer(bufferBytes);
    uint64_t copied = 0;
    for (;;) {
        const ssize_t got = ::read(file.get(), buffer.data(), buffer.size());
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return fail(Error::system(errno, std::format("reading {}", copy.path)));
        if (got == 0)
            break;
        CUBBY_CHECK(
            writeFully(STDOUT_FILENO, buffer.data(), size_t(got), "writing the copy's output"));
        copied += uint64_t(got);
        reporter.progress(total > 0 ? double(copied) / double(total) : -1,
                          std::format("Copying: {}", mebibytes(copied)));
    }
    return std::format("Copied {} bytes from {} (mode {:04o})", copied, copy.path,
                       opened.st_mode & 07777);
}

// In the child: standard input's archive unpacked into a new temporary directory beside
// the path, which then takes the path's name (never replacing anything).
Result<std::string> pushTreeInTree(const FileCopy& copy, const std::string& temporary,
                                   const ArchiveInput& input) {
    const PathParts parts = splitPath(copy.path);
    UniqueFd root(::open("/", O_PATH | O_DIRECTORY | O_CLOEXEC));
    if (!root)
        return fail(Error::system(errno, "opening the container's root"));
    CUBBY_TRY(directory, resolve(root.get(), parts.directory, O_RDONLY | O_DIRECTORY));
    struct stat existing = {};
    if (::fstatat(directory.get(), parts.name.c_str(), &existing, AT_SYMLINK_NOFOLLOW) == 0)
        return fail(Error::of(ErrorKind::AlreadyExists,
                              std::format("{} exists ({}); a directory is copied to a new name",
                                          copy.path, kindOf(existing.st_mode))));
    if (errno != ENOENT)
        return fail(resolveError(errno, copy.path));
    if (::mkdirat(directory.get(), temporary.c_str(), 0700) != 0)
        return fail(
            Error::system(errno, std::format("creating a directory in {}", parts.directory)));
    UniqueFd made(::openat(directory.get(), temporary.c_str(),
                           O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (!made || ::fchown(made.get(), copy.uid, copy.gid) != 0 ||
        ::fchmod(made.get(), copy.mode) != 0 || ::fchdir(made.get()) != 0)
        return fail(Error::system(errno, std::format("preparing {}", copy.path)));
    CUBBY_TRY(text, unpackArchiveHere(input));
    if (::syncfs(made.get()) != 0)
        return fail(Error::system(errno, std::format("writing {} to disk", copy.path)));
    if (::renameat2(directory.get(), temporary.c_str(), directory.get(), parts.name.c_str(),
                    RENAME_NOREPLACE) != 0)
        return fail(Error::system(errno, std::format("putting {} in place", copy.path)));
    return std::format("Copied the directory {}: {}", copy.path, text);
}

// In the child: the directory at the path, packed from inside it.
Result<std::string> pullTreeInTree(const FileCopy& copy) {
    UniqueFd root(::open("/", O_PATH | O_DIRECTORY | O_CLOEXEC));
    if (!root)
        return fail(Error::system(errno, "opening the container's root"));
    CUBBY_TRY(directory, resolve(root.get(), copy.path, O_RDONLY | O_DIRECTORY));
    if (::fchdir(directory.get()) != 0)
        return fail(Error::system(errno, std::format("entering {}", copy.path)));
    CUBBY_TRY(text, packHere());
    return std::format("Copied the directory {}: {}", copy.path, text);
}

Status checkRoot(const FileCopy& copy) {
    struct stat root = {};
    if (::fstat(copy.rootFd, &root) != 0 || !S_ISDIR(root.st_mode))
        return failInvalid("--root-fd is not an open directory");
    if (copy.usernsFd >= 0 && ::fcntl(copy.usernsFd, F_GETFD) < 0)
        return failInvalid("--userns-fd is not open");
    return {};
}

Result<std::string> runInChild(JobReporter& reporter, const FileCopy& copy,
                               std::span<const int> kept,
                               const std::function<Result<std::string>()>& work) {
    return forkChildJob(reporter, "the copying process", [&](pid_t parent, int reportTo) {
        int channel = reportTo;
        auto outcome = [&]() -> Result<std::string> {
            CUBBY_CHECK(enterContainer(parent, copy, channel, kept));
            return work();
        }();
        finishChildJob(channel, outcome);
    });
}

} // namespace

Result<std::string> pushFile(const FileCopy& copy, JobReporter& reporter) {
    CUBBY_CHECK(checkRoot(copy));
    const std::string temporary = temporaryName();
    auto outcome =
        runInChild(reporter, copy, pushCapabilities, [&] { return pushInTree(copy, temporary); });
    if (!outcome) {
        // A child killed mid-way (the job was cancelled, the stream cut off) could not remove
        // its temporary file: it goes here, found again inside the root.
        if (auto directory = openInRoot(copy.rootFd, splitPath(copy.path).directory, O_DIRECTORY))
            ::unlinkat(directory->get(), temporary.c_str(), 0);
    }
    return outcome;
}

Result<std::string> pushTree(const FileCopy& copy, JobReporter& reporter) {
    CUBBY_CHECK(checkRoot(copy));
    CUBBY_TRY(input, examineArchiveInput());
    const std::string temporary = temporaryName();
    auto outcome = runInChild(reporter, copy, treeCapabilities,
                              [&] { return pushTreeInTree(copy, temporary, input); });
    if (!outcome) {
        // What the child unpacked before it failed or was killed goes, found again inside
        // the root; never following a symlink nor entering a mount.
        const std::string parent = splitPath(copy.path).directory;
        if (auto directory = openInRoot(copy.rootFd, parent, O_DIRECTORY)) {
            UniqueFd within(::openat(directory->get(), ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
            if (within) {
                if (auto tree = openDirectoryBelow(within.get(), temporary, temporary)) {
                    TreeWalkOptions options;
                    options.displayRoot = parent + "/" + temporary;
                    options.cancellable = false;
                    (void)removeTree(within.get(), temporary, tree->get(), options);
                }
            }
        }
    }
    return outcome;
}

Result<std::string> pullTree(const FileCopy& copy, JobReporter& reporter) {
    CUBBY_CHECK(checkRoot(copy));
    return runInChild(reporter, copy, pullCapabilities, [&] { return pullTreeInTree(copy); });
}

Result<std::string> pullFile(const FileCopy& copy, JobReporter& reporter) {
    CUBBY_CHECK(checkRoot(copy));
    return runInChild(reporter, copy, pullCapabilities, [&] { return pullInTree(copy); });
}

} // namespace cubby
