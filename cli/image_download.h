#pragma once
// The image server source (`--source image:DISTRO/RELEASE`, `cubbyctl image-list`): cubbyctl
// reads the simplestreams catalogue and downloads the root filesystem itself, as the calling
// user, verifies it against the catalogue's sha256 and keeps it in the user's cache; the
// helper only ever gets an open descriptor to import (it never fetches a URL a caller chose).

#include "unique_fd.h"

#include <QString>
#include <QStringList>
#include <optional>

namespace cubby::cli {

// The verified root filesystem archive `spec` ("debian/bookworm") names on `server`, opened
// for reading: from the cache when a download with the catalogue's checksum is there, else
// downloaded (progress on a terminal, Ctrl+C cancels, a checksum mismatch keeps nothing).
// nullopt after printing why; `cancelled` says whether the user cancelled.
std::optional<UniqueFd> fetchImage(const QString& spec, const QString& server, bool& cancelled);

// `cubbyctl image-list [--server URL] [FILTER]`.
int imageList(const QStringList& arguments);

} // namespace cubby::cli
