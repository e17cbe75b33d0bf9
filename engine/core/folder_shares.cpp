#include "folder_shares.h"

#include "domain_xml.h"
#include "text.h"

#include <algorithm>
#include <format>

namespace cubby {

std::string defaultShareTarget(const std::string& source) {
    std::string folder = source;
    while (folder.size() > 1 && folder.back() == '/')
        folder.pop_back();
    const std::string base = folder.substr(folder.rfind('/') + 1);
    if (base.empty() || base == "." || base == "..")
        return {};
    return "/mnt/" + base;
}

Status addFolderShare(Domain& domain, FolderShare share) {
    while (share.source.size() > 1 && share.source.back() == '/')
        share.source.pop_back();
    if (share.target.empty())
        share.target = defaultShareTarget(share.source);
    if (share.target.empty())
        return failInvalid(
            std::format("{} has no name to mount it under; give the target", quoted(share.source)));
    if (share.target == "/")
        return failInvalid("a shared folder cannot be the root filesystem");
    if (std::ranges::any_of(domain.filesystems,
                            [&](const Filesystem& fs) { return fs.targetDir == share.target; }))
        return fail(Error::of(ErrorKind::Conflict,
                              std::format("{} in '{}' is already the target of a filesystem",
                                          quoted(share.target), domain.name)));
    Domain changed = domain;
    Filesystem fs;
    fs.type = FilesystemType::Mount;
    fs.sourceDir = share.source;
    fs.targetDir = share.target;
    fs.readOnly = share.readOnly;
    changed.filesystems.push_back(fs);
    if (share.user)
        changed.cubby.shareUsers[share.target] = *share.user;
    CUBBY_CHECK(validateDomain(changed));
    domain = std::move(changed);
    return {};
}

Status removeFolderShare(Domain& domain, const std::string& target) {
    const auto found = std::ranges::find_if(domain.filesystems, [&](const Filesystem& fs) {
        return fs.type == FilesystemType::Mount && fs.targetDir == target && target != "/";
    });
    if (found == domain.filesystems.end())
        return fail(Error::of(ErrorKind::NotFound, std::format("no folder is shared on {} in '{}'",
                                                               quoted(target), domain.name)));
    domain.filesystems.erase(found);
    domain.cubby.shareUsers.erase(target);
    return {};
}

} // namespace cubby
