#include "commands.h"

#include "archive_import.h"
#include "busybox_build.h"
#include "debian_build.h"
#include "job.h"
#include "tree_copy.h"
#include "tree_removal.h"
#include "work_dirs.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <dirent.h>
#include <fcntl.h>
#include <format>
#include <optional>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace cubby {

namespace {

std::string under(const std::string& base, std::string_view name) {
    return std::format("{}/{}", base, name);
}

// The tree is on disk, then it takes its name, then the name is on disk.
Status publish(int baseFd, const std::string& partial, int partialFd, const RootfsCommand& command,
               JobReporter& reporter) {
    reporter.progress(1, "Writing to disk", true);
    if (::syncfs(partialFd) != 0)
        return fail(
            Error::system(errno, std::format("writing {} to disk", under(command.base, partial))));
    if (cancelRequested())
        return fail(cancelledError());
    if (::renameat2(baseFd, partial.c_str(), baseFd, command.name.c_str(), RENAME_NOREPLACE) != 0) {
        if (errno == EEXIST)
            return fail(Error::of(ErrorKind::AlreadyExists,
                                  std::format("{} was created by someone else meanwhile",
                                              under(command.base, command.name))));
        return fail(Error::system(errno, std::format("renaming {} to {}", partial, command.name)));
    }
    if (::fsync(baseFd) != 0)
        return fail(Error::system(errno, std::format("writing {} to disk", command.base)));
    return {};
}

Result<std::string> build(const RootfsCommand& command, const DebianBootstrap& debian, int rootFd,
                          const std::string& rootPath, const std::optional<BusyboxProgram>& busybox,
                          const std::vector<RootfsEntry>& plan, const ArchiveInput& input,
                          JobReporter& reporter) {
    if (busybox) {
        CUBBY_CHECK(applyBusyboxPlan(rootFd, plan, *busybox, reporter));
        const auto applets = std::ranges::count_if(plan, [](const RootfsEntry& entry) {
            return entry.kind == RootfsEntry::Kind::Symlink && entry.contents == busyboxInRoot;
        });
        return std::format("Created a BusyBox root with {} applets from {}", applets,
                           command.busybox);
    }
    if (command.source == RootfsCommand::Source::Debian)
        return buildDebianRoot(rootPath, debian, command.debianCache, reporter);
    if (command.source == RootfsCommand::Source::Copy) {
        CUBBY_TRY(how, copyTree(rootFd, rootPath, reporter));
        return "Copied the tree " + how;
    }
    return importArchive(rootFd, input, reporter);
}

// Renames BASE/NAME aside to BASE/.removing-NAME. An unlocked .removing-NAME in the way was
// left by a removal that died: it goes first.
Status renameAside(int baseFd, const RootfsCommand& command, const std::string& removing) {
    for (int round = 0; round < 2; ++round) {
        if (::renameat2(baseFd, command.name.c_str(), baseFd, removing.c_str(), RENAME_NOREPLACE) ==
            0)
            return {};
        if (errno != EEXIST)
            return fail(
                Error::system(errno, std::format("renaming {} to {}", command.name, removing)));
        const std::string display = under(command.base, removing);
        CUBBY_TRY(old, openDirectoryBelow(baseFd, removing, display));
        CUBBY_TRY(locked, tryLockDirectory(old.get(), display));
        if (!locked)
            return fail(Error::of(ErrorKind::Conflict,
                                  std::format("an earlier removal of {} is still running",
                                              under(command.base, command.name))));
        TreeWalkOptions options;
        options.displayRoot = display;
        CUBBY_CHECK(removeTree(baseFd, removing, old.get(), options));
    }
    return fail(Error::of(ErrorKind::Conflict,
                          std::format("{} keeps coming back", under(command.base, removing))));
}

} // namespace

Result<std::string> createRootfs(const RootfsCommand& command, JobReporter& reporter) {
    DebianBootstrap debian = command.debian; // with the passwords, once read
    CUBBY_TRY(baseFd, openBaseDirectory(command.base));
    const std::string display = under(command.base, command.name);
    CUBBY_TRY(exists, entryExists(baseFd.get(), command.name, display));
    if (exists)
        return fail(Error::of(ErrorKind::AlreadyExists, std::format("{} already exists", display)));
    // Whatever can be refused is refused before anything is made.
    std::optional<BusyboxProgram> busybox;
    std::vector<RootfsEntry> plan;
    ArchiveInput input;
    if (command.source == RootfsCommand::Source::Busybox) {
        reporter.progress(0, std::format("Checking {}", command.busybox));
        CUBBY_TRY(program, loadBusybox(command.busybox));
        CUBBY_TRY(planned, planBusyboxRootfs(program.applets));
        busybox = std::move(program);
        plan = std::move(planned);
    } else if (command.source == RootfsCommand::Source::Debian) {
        CUBBY_CHECK(checkMmdebstrap());
        if (command.passwordsOnStdin) {
            CUBBY_TRY(passwords, readPasswordLines(0));
            debian.passwords = std::move(passwords);
        }
        CUBBY_CHECK(validateDebianBootstrap(debian));
    } else if (command.source == RootfsCommand::Source::Copy) {
        CUBBY_CHECK(examineCopySource());
    } else {
        CUBBY_TRY(examined, examineArchiveInput());
        input = examined;
    }
    CUBBY_TRY(rootFd, createPartialDirectory(baseFd.get(), command.base, command.name));
    const std::string partial = std::string(partialPrefix) + command.name;
    auto built = build(command, debian, rootFd.get(), under(command.base, partial), busybox, plan,
                       input, reporter);
    if (built && cancelRequested())
        built = fail(cancelledError());
    if (built) {
        if (auto published = publish(baseFd.get(), partial, rootFd.get(), command, reporter);
            !published)
            built = fail(published.error());
    }
    if (!built) {
        // Finished even when cancelled: nothing half-made stays.
        TreeWalkOptions options;
        options.displayRoot = under(command.base, partial);
        options.cancellable = false;
        if (auto removed = removeTree(baseFd.get(), partial, rootFd.get(), options); !removed)
            std::fprintf(stderr, "cubby-rootfs: cleaning up: %s\n",
                         removed.error().message.c_str());
    }
    return built;
}

Result<std::string> restoreRootfs(const RootfsCommand& command, JobReporter& reporter) {
    CUBBY_TRY(baseFd, openBaseDirectory(command.base));
    const std::string display = under(command.base, command.name);
    CUBBY_TRY(exists, entryExists(baseFd.get(), command.name, display));
    if (!exists)
        return fail(Error::of(ErrorKind::NotFound, std::format("{} does not exist", display)));
    CUBBY_CHECK(examineCopySource());
    // The snapshot's copy is made beside the root, then the two change places in one step
    // (RENAME_EXCHANGE): the root is the old tree or the restored one, never half of each.
    CUBBY_TRY(newFd, createPartialDirectory(baseFd.get(), command.base, command.name));
    const std::string partial = std::string(partialPrefix) + command.name;
    auto copied = copyTree(newFd.get(), under(command.base, partial), reporter);
    if (copied && cancelRequested())
        copied = fail(cancelledError());
    if (copied && ::syncfs(newFd.get()) != 0)
        copied = fail(Error::system(errno, std::format("writing {} to disk", display)));
    if (copied && ::renameat2(baseFd.get(), partial.c_str(), baseFd.get(), command.name.c_str(),
                              RENAME_EXCHANGE) != 0)
        copied = fail(
            Error::system(errno, std::format("putting the restored tree in place of {}", display)));
    // What is at .partial-NAME now goes: the old tree after the exchange, else the copy.
    const std::string removing = std::string(removingPrefix) + command.name;
    const bool aside = ::renameat2(baseFd.get(), partial.c_str(), baseFd.get(), removing.c_str(),
                                   RENAME_NOREPLACE) == 0;
    TreeWalkOptions options;
    options.displayRoot = under(command.base, aside ? removing : partial);
    options.cancellable = false;
    auto old = openDirectoryBelow(baseFd.get(), aside ? removing : partial, options.displayRoot);
    if (old) {
        if (auto removed =
                removeTree(baseFd.get(), aside ? removing : partial, old->get(), options);
            !removed)
            std::fprintf(stderr, "cubby-rootfs: removing the replaced tree: %s\n",
                         removed.error().message.c_str());
    }
    if (!copied)
        return fail(copied.error());
    return std::format("Restored {} {}", display, *copied);
}

Result<std::string> removeRootfs(const RootfsCommand& command, JobReporter& reporter) {
    CUBBY_TRY(baseFd, openBaseDirectory(command.base));
    const std::string display = under(command.base, command.name);
    CUBBY_TRY(rootFd, openDirectoryBelow(baseFd.get(), command.name, display));
    // Locked before the rename, so the .removing- directory is never seen unlocked.
    CUBBY_TRY(locked, tryLockDirectory(rootFd.get(), display));
    if (!locked)
        return fail(Error::of(ErrorKind::Conflict,
                              std::format("{} is in use by another cubby-rootfs", display)));
    const std::string removing = std::string(removingPrefix) + command.name;
    CUBBY_CHECK(renameAside(baseFd.get(), command, removing));
    TreeWalkOptions options;
    options.displayRoot = display;
    options.onEntry = [&](uint64_t seen) {
        reporter.progress(-1, std::format("Counting: {} files", seen));
    };
    auto total = countTree(rootFd.get(), options);
    if (!total) {
        // Nothing was removed yet: the tree takes its name back.
        if (::renameat2(baseFd.get(), removing.c_str(), baseFd.get(), command.name.c_str(),
                        RENAME_NOREPLACE) == 0 &&
            !isCancelled(total.error()))
            total.error().message += "; nothing was removed";
        return fail(total.error());
    }
    // The count is a lower bound below maxOpenDepth; past it the total grows with the removal.
    uint64_t removed = 0;
    const auto reportRemoved = [&](bool force) {
        const uint64_t of = std::max(*total, removed);
        reporter.progress(of == 0 ? 1.0 : static_cast<double>(removed) / static_cast<double>(of),
                          std::format("Removing: {} of {} files", removed, of), force);
    };
    reportRemoved(true);
    options.onEntry = [&](uint64_t count) {
        removed = count;
        reportRemoved(false);
    };
    CUBBY_CHECK(removeTree(baseFd.get(), removing, rootFd.get(), options));
    reportRemoved(true);
    if (::fsync(baseFd.get()) != 0)
        return fail(Error::system(errno, std::format("writing {} to disk", command.base)));
    return std::format("Removed {} ({} files)", display, removed);
}

Result<std::string> cleanStale(const RootfsCommand& command, JobReporter& reporter) {
    CUBBY_TRY(baseFd, openBaseDirectory(command.base));
    std::vector<std::string> leftovers;
    {
        UniqueFd own(::openat(baseFd.get(), ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
        DIR* dir = own ? ::fdopendir(own.get()) : nullptr;
        if (!dir)
            return fail(Error::system(errno, std::format("reading {}", command.base)));
        (void)own.release();
        while (const dirent* entry = ::readdir(dir)) {
            const std::string_view name = entry->d_name;
            if (name.starts_with(partialPrefix) || name.starts_with(removingPrefix))
                leftovers.emplace_back(name);
        }
        ::closedir(dir);
    }
    std::ranges::sort(leftovers);
    size_t removed = 0;
    size_t busy = 0;
    std::vector<Error> failures;
    for (const std::string& name : leftovers) {
        const std::string display = under(command.base, name);
        auto dirFd = openDirectoryBelow(baseFd.get(), name, display);
        auto locked = dirFd ? tryLockDirectory(dirFd->get(), display) : Result<bool>(false);
        if (!dirFd || !locked) {
            failures.push_back(!dirFd ? dirFd.error() : locked.error());
            continue;
        }
        if (!*locked) { // a live worker's
            ++busy;
            continue;
        }
        TreeWalkOptions options;
        options.displayRoot = display;
        options.onEntry = [&](uint64_t files) {
            reporter.progress(-1, std::format("Removing leftover {}: {} files", name, files));
        };
        if (auto gone = removeTree(baseFd.get(), name, dirFd->get(), options); !gone) {
            if (isCancelled(gone.error()))
                return fail(gone.error());
            failures.push_back(gone.error());
            continue;
        }
        ++removed;
    }
    if (!failures.empty()) {
        Error error = failures.front();
        for (size_t i = 1; i < failures.size(); ++i)
            error.message += "; " + failures[i].message;
        return fail(std::move(error));
    }
    std::string text = std::format("removed {} leftovers", removed);
    if (busy > 0)
        text += std::format("; left {} in use", busy);
    return text;
}

} // namespace cubby
