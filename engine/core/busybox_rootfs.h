#pragma once
// The minimal BusyBox root filesystem as data: every directory, file and symlink it holds, in
// the order they are made (parents before children). cubby-rootfs applies the table; the
// tests check it. Nothing here touches the file system.

#include "error.h"

#include <string>
#include <string_view>
#include <vector>

namespace cubby {

struct RootfsEntry {
    enum class Kind {
        Directory,
        File,          // `contents` is the text
        Symlink,       // `contents` is the link's target
        BusyboxBinary, // a copy of the busybox program the worker was given
    };
    Kind kind = Kind::Directory;
    std::string path;  // relative to the root, no leading '/', no "." or ".." components
    unsigned mode = 0; // permission bits with setuid/setgid/sticky; unused for symlinks
    std::string contents;
    bool operator==(const RootfsEntry&) const = default;
};

// Where the plan puts the busybox program; applet links point here.
inline constexpr std::string_view busyboxInRoot = "/bin/busybox";

// The plan for a BusyBox root. `appletList` is the output of `busybox --list-full`: one
// relative path per line (bin/sh, usr/bin/awk, …); each becomes a symlink to /bin/busybox,
// with missing parent directories added. A line with an absolute path, an empty, "." or ".."
// component, or a control character fails (a busybox that prints those is not one we trust).
Result<std::vector<RootfsEntry>> planBusyboxRootfs(std::string_view appletList);

} // namespace cubby
