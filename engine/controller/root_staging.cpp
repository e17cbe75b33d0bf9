#include "root_staging.h"

#include "detached_mounts.h"
#include "fs_in_root.h"
#include "home_dirs.h"
#include "tree_shift.h"

#include <cerrno>
#include <fcntl.h>
#include <format>
#include <sched.h>
#include <sys/mount.h>
#include <unistd.h>

namespace cubby {

namespace {

Status enterOwnMountNamespace() {
    if (::unshare(CLONE_NEWNS) != 0)
        return fail(Error::system(errno, "creating the controller's mount namespace"));
    // Slave: the host's later mounts still reach us, ours never reach the host.
    if (::mount(nullptr, "/", nullptr, MS_REC | MS_SLAVE, nullptr) != 0)
        return fail(Error::system(errno, "making the controller's mounts private"));
    return {};
}

// A folder from the owner's home, opened again from the home now (the path may have been
// swapped since the definition was checked) and idmapped for the owner's uid alone.
Result<UniqueFd> cloneHomeShare(const MountStep& step, const std::string& what) {
    if (step.shareUidMap.empty())
        return failInvalid(std::format("{}: the user chosen to own it inside is outside the "
                                       "container's id map",
                                       what));
    CUBBY_TRY(folder, openDirectoryInHome(static_cast<uid_t>(step.homeOwnerUid), step.source,
                                          !step.readOnly));
    CUBBY_TRY(tree, cloneMountTree(folder.get(), "", false));
    CUBBY_TRY(mapping, makeUserNamespace(step.shareUidMap, step.shareGidMap));
    CUBBY_CHECK(idmapMountTree(tree.get(), mapping.get(), what));
    return tree;
}

Status bindStaged(const MountStep& step, int rootFd, bool createTarget) {
    CUBBY_TRY(target, createTarget ? openOrCreateInRoot(rootFd, step.target, step.targetIsFile)
                                   : openInRoot(rootFd, step.target));
    const std::string what = std::format("{} on {}", step.source, step.target);
    CUBBY_TRY(source, step.homeOwnerUid >= 0
                          ? cloneHomeShare(step, what)
                          : cloneMountTree(AT_FDCWD, step.source, step.recursive));
    if (step.readOnly)
        CUBBY_CHECK(makeMountTreeReadOnly(source.get(), what));
    return attachMountTree(source.get(), target.get(), what);
}

// The root as the container sees it: idmapped with its map; where the filesystem cannot be
// idmapped, already shifted (a record on the tree says so) or shifted now when the definition
// allows it, and bound as it is.
Status idmapOrShiftRoot(const ContainerPlan& plan, int rawFd, int treeFd, const std::string& what) {
    // Shifted before: its owners are the container's host ids already.
    if (plan.rootShift && treeShiftRecorded(plan.rootShiftRecord, rawFd, *plan.rootShift))
        return {};
    CUBBY_TRY(mapping, makeUserNamespace(plan.uidMap, plan.gidMap));
    auto mapped = idmapMountTree(treeFd, mapping.get(), what);
    if (mapped || mapped.error().kind != ErrorKind::Unsupported)
        return mapped;
    if (!plan.rootShift)
        return fail(Error{ErrorKind::Unsupported, mapped.error().errnoValue,
                          mapped.error().message +
                              "; to use it anyway, add <cubby:rootShift/> to Cubby's metadata "
                              "element: its owners are then shifted into the container's range "
                              "once (recorded in Cubby's state)"});
    return shiftTreeOwners(rawFd, *plan.rootShift, plan.rootShiftRecord);
}

} // namespace

Result<UniqueFd> stageContainerRoot(const ContainerPlan& plan) {
    CUBBY_CHECK(enterOwnMountNamespace());
    const auto staged = [&plan](auto&& each) -> Status {
        for (const MountStep& step : plan.mounts) {
            if (step.phase == MountPhase::Staged)
                CUBBY_CHECK(each(step));
        }
        return {};
    };
    if (plan.rootfs.empty()) {
        // An application container: the host's root, with host directories bound over it.
        UniqueFd root(::open("/", O_PATH | O_DIRECTORY | O_CLOEXEC));
        if (!root)
            return fail(Error::system(errno, "opening /"));
        CUBBY_CHECK(staged(
            [&](const MountStep& step) { return bindStaged(step, root.get(), /*create*/ true); }));
        return root;
    }
    UniqueFd raw(::open(plan.rootfs.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
    if (!raw)
        return fail(
            Error::system(errno, std::format("opening the root filesystem {}", plan.rootfs)));
    // Mount points first, on the tree as the host sees it: through the idmapped mount the
    // host's root is nobody and could create nothing.
    CUBBY_CHECK(staged([&](const MountStep& step) -> Status {
        CUBBY_TRY(made, openOrCreateInRoot(raw.get(), step.target, step.targetIsFile));
        (void)made;
        return {};
    }));
    const std::string what = "the root filesystem " + plan.rootfs;
    CUBBY_TRY(tree, cloneMountTree(raw.get(), "", !plan.idmapRoot));
    if (plan.idmapRoot)
        CUBBY_CHECK(idmapOrShiftRoot(plan, raw.get(), tree.get(), what));
    CUBBY_CHECK(attachMountTree(tree.get(), raw.get(), what));
    CUBBY_CHECK(staged(
        [&](const MountStep& step) { return bindStaged(step, tree.get(), /*create*/ false); }));
    return tree;
}

} // namespace cubby
