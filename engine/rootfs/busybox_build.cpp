#include "busybox_build.h"

#include "elf_check.h"
#include "job.h"
#include "pipe_pair.h"
#include "tree_removal.h"
#include "unique_fd.h"

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <format>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace cubby {

namespace {

constexpr off_t maxBusyboxSize = 64 << 20;
constexpr size_t maxAppletListSize = 1 << 20;

Status writeAll(int fd, std::string_view data, std::string_view displayPath) {
    for (size_t done = 0; done < data.size();) {
        const ssize_t written = ::write(fd, data.data() + done, data.size() - done);
        if (written < 0 && errno == EINTR)
            continue;
        if (written < 0)
            return fail(Error::system(errno, std::format("writing {}", displayPath)));
        done += static_cast<size_t>(written);
    }
    return {};
}

Result<std::string> readAll(int fd, size_t limit, std::string_view displayPath) {
    std::string data;
    char buffer[65536];
    for (;;) {
        CUBBY_CHECK(waitReadable(fd));
        const ssize_t got = ::read(fd, buffer, sizeof buffer);
        if (got < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (got < 0)
            return fail(Error::system(errno, std::format("reading {}", displayPath)));
        if (got == 0)
            return data;
        data.append(buffer, static_cast<size_t>(got));
        if (data.size() > limit)
            return fail(Error::of(ErrorKind::Unsupported,
                                  std::format("{} is larger than {} bytes", displayPath, limit)));
    }
}

// `busybox --list-full` from the descriptor that was checked.
Result<std::string> listApplets(int programFd, const std::string& path) {
    CUBBY_TRY(pipe, makePipe());
    UniqueFd readEnd = std::move(pipe.readEnd);
    UniqueFd writeEnd = std::move(pipe.writeEnd);
    const pid_t child = ::fork();
    if (child < 0)
        return fail(Error::system(errno, std::format("starting {}", path)));
    if (child == 0) {
        ::signal(SIGPIPE, SIG_DFL);
        const int devNull = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
        if (devNull < 0 || ::dup2(devNull, 0) < 0 || ::dup2(writeEnd.get(), 1) < 0)
            ::_exit(127);
        const char* argv[] = {"busybox", "--list-full", nullptr};
        const char* envp[] = {"PATH=/usr/sbin:/usr/bin:/sbin:/bin", nullptr};
        ::fexecve(programFd, const_cast<char**>(argv), const_cast<char**>(envp));
        ::_exit(127);
    }
    writeEnd.reset();
    auto list = readAll(readEnd.get(), maxAppletListSize, std::format("{} --list-full", path));
    if (!list)
        ::kill(child, SIGKILL);
    int status = 0;
    while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
    if (!list)
        return list;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return fail(Error::of(
            ErrorKind::Unsupported,
            std::format("{} --list-full failed (status {:#x}); is it BusyBox?", path, status)));
    return list;
}

Status applyEntry(int rootFd, const RootfsEntry& entry, const BusyboxProgram& busybox) {
    const std::string display = "/" + entry.path;
    const size_t slash = entry.path.rfind('/');
    UniqueFd parentOwner;
    int parentFd = rootFd;
    if (slash != std::string::npos) {
        CUBBY_TRY(parent, openDirectoryBelow(rootFd, entry.path.substr(0, slash), display));
        parentOwner = std::move(parent);
        parentFd = parentOwner.get();
    }
    const std::string base = entry.path.substr(slash + 1);
    switch (entry.kind) {
    case RootfsEntry::Kind::Directory: {
        if (::mkdirat(parentFd, base.c_str(), 0700) != 0)
            return fail(Error::system(errno, std::format("creating {}", display)));
        CUBBY_TRY(dir, openDirectoryBelow(parentFd, base, display));
        // fchmod, not mkdirat's mode: the umask would take the sticky bit of /tmp.
        if (::fchmod(dir.get(), entry.mode) != 0)
            return fail(Error::system(errno, std::format("setting the mode of {}", display)));
        return {};
    }
    case RootfsEntry::Kind::File:
    case RootfsEntry::Kind::BusyboxBinary: {
        UniqueFd file(::openat(parentFd, base.c_str(),
                               O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
        if (!file)
            return fail(Error::system(errno, std::format("creating {}", display)));
        const bool isBinary = entry.kind == RootfsEntry::Kind::BusyboxBinary;
        CUBBY_CHECK(writeAll(file.get(), isBinary ? busybox.image : entry.contents, display));
        if (::fchmod(file.get(), entry.mode) != 0)
            return fail(Error::system(errno, std::format("setting the mode of {}", display)));
        return {};
    }
    case RootfsEntry::Kind::Symlink:
        if (::symlinkat(entry.contents.c_str(), parentFd, base.c_str()) != 0)
            return fail(Error::system(errno, std::format("creating {}", display)));
        return {};
    }
    return {};
}

} // namespace

Result<BusyboxProgram> loadBusybox(const std::string& path) {
    // Followed if it is a symlink (/bin may be one to usr/bin); the program is the host's.
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY));
    if (!fd)
        return fail(errno == ENOENT
                        ? Error::of(ErrorKind::NotFound,
                                    std::format("{} does not exist; install busybox-static", path))
                        : Error::system(errno, std::format("opening {}", path)));
    struct stat st = {};
    if (::fstat(fd.get(), &st) != 0)
        return fail(Error::system(errno, std::format("examining {}", path)));
    if (!S_ISREG(st.st_mode))
        return fail(Error::invalid(std::format("{} is not a regular file", path)));
    if (st.st_size > maxBusyboxSize)
        return fail(Error::of(ErrorKind::Unsupported,
                              std::format("{} is larger than {} bytes", path, maxBusyboxSize)));
    BusyboxProgram program;
    CUBBY_TRY(image, readAll(fd.get(), maxBusyboxSize, path));
    program.image = std::move(image);
    CUBBY_TRY(linkage, elfLinkage(program.image, path));
    if (linkage == ElfLinkage::Dynamic)
        return fail(Error::of(ErrorKind::Unsupported,
                              std::format("{} is dynamically linked; a BusyBox root has no "
                                          "libraries, so it needs a statically linked busybox "
                                          "(install busybox-static)",
                                          path)));
    CUBBY_TRY(applets, listApplets(fd.get(), path));
    program.applets = std::move(applets);
    return program;
}

Status applyBusyboxPlan(int rootFd, const std::vector<RootfsEntry>& plan,
                        const BusyboxProgram& busybox, JobReporter& reporter) {
    for (size_t i = 0; i < plan.size(); ++i) {
        if (cancelRequested())
            return fail(cancelledError());
        CUBBY_CHECK(applyEntry(rootFd, plan[i], busybox));
        reporter.progress(static_cast<double>(i + 1) / static_cast<double>(plan.size()),
                          std::format("Installing BusyBox: {} of {} files", i + 1, plan.size()));
    }
    return {};
}

} // namespace cubby
