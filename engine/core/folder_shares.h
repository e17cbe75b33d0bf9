#pragma once
// Adding and removing a shared host folder (a <filesystem type='mount'> that is not the root)
// in a definition, as `cubbyctl share`/`unshare` and the app do: the definition is edited as
// a value and stored again through DefineContainer, which runs every check (and polkit: a
// folder of the caller's own home needs no administrator; see risk_assessment.h).

#include "domain.h"
#include "error.h"

#include <optional>
#include <string>

namespace cubby {

struct FolderShare {
    std::string source; // absolute host path
    std::string target; // absolute path inside; empty: /mnt/ and the folder's own name
    bool readOnly = false;
    // Who owns the owner's files inside (<cubby:share user>); none: root.
    std::optional<uint32_t> user = {};
};

// The target a share gets when none is given ("/home/ann/src/" → "/mnt/src"); empty when the
// source has no usable last component.
std::string defaultShareTarget(const std::string& source);

// Adds the share; refuses a target already in use and an invalid result (validateDomain).
Status addFolderShare(Domain& domain, FolderShare share);
// Removes the share mounted at `target` (never the root filesystem) and its chosen user.
Status removeFolderShare(Domain& domain, const std::string& target);

} // namespace cubby
