#pragma once
// Root filesystems of other distributions from a simplestreams image server, the format
// images.linuxcontainers.org serves: streams/v1/index.json names the product catalogue
// (streams/v1/images.json), whose products ("debian:bookworm:amd64:default") have versions
// whose items include the container root filesystem ("root.tar.xz", with its sha256 and
// size). Pure: the client downloads (never the root helper), this reads what came back.

#include "error.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cubby {

inline constexpr std::string_view defaultImageServer = "https://images.linuxcontainers.org";
inline constexpr std::string_view imageIndexPath = "streams/v1/index.json";

struct ImageEntry {
    std::string distro;  // "debian": the product id's first part, lower case
    std::string release; // "bookworm"
    std::string variant; // "default", "cloud"
    std::string arch;    // "amd64"
    std::string title;   // "Debian bookworm" for people
    std::string version; // the newest build, "20241201_05:24"
    std::string path;    // of root.tar.xz below the server's root
    std::string sha256;  // 64 lower-case hex digits
    uint64_t size = 0;

    // "debian/bookworm", or "debian/bookworm/cloud" for a variant other than "default".
    std::string name() const;
    bool operator==(const ImageEntry&) const = default;
};

// An https:// server, or http:// on the loopback interface (a local mirror, and the tests);
// plain URL characters, no user or query part, at most 256 characters. Anything else —
// file://, ftp://, http to another host — is refused.
Status validateImageServer(std::string_view url);

// The product catalogue's path from index.json ("streams/v1/images.json"), checked like an
// item's path.
Result<std::string> imageCataloguePath(std::string_view indexJson);

// Every product for `arch` that has a container root filesystem, at its newest version
// (versions sort as their names: the builds' timestamps), sorted by name. Products that are
// malformed or whose paths or checksums are not plain are left out, not trusted.
Result<std::vector<ImageEntry>> parseImageCatalogue(std::string_view catalogueJson,
                                                    std::string_view arch);

// The entry `spec` ("debian/bookworm", "debian/bookworm/cloud") names.
std::optional<ImageEntry> findImage(const std::vector<ImageEntry>& images, std::string_view spec);

// Debian's architecture name for this build (what simplestreams calls it too): "amd64"...
std::string_view imageArchitecture();

} // namespace cubby
