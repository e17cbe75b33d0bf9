#pragma once
// A container carried elsewhere (issue 13): `cubbyctl export` writes one file that any zstd
// and tar read as the root filesystem (`tar --zstd -xf box.cubby` unpacks it), and that holds
// the container's definition in front of it, in a zstd *skippable frame* (which zstd readers
// pass over). The frame's content is exportMarker and then the definition's XML.
//
//   [magic 0x184D2A5C LE][length LE][ "cubby-export 1\n" XML ][ zstd frames: pax tar of / ]
//
// The importing client reads the frame (8 + length bytes, nothing more, so that a pipe is left
// right at the archive) and hands the definition and the rest of the descriptor to the helper.

#include "domain.h"
#include "error.h"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace cubby {

inline constexpr uint32_t exportFrameMagic = 0x184D2A5C;
inline constexpr std::string_view exportMarker = "cubby-export 1\n";
inline constexpr size_t exportFrameHeaderBytes = 8;

// The whole frame for `definitionXml`.
std::string exportFrame(std::string_view definitionXml);

// From the frame's first 8 bytes: the length of its content, if this is an export's frame of
// a size a definition can have (at most maxXmlDocumentBytes of XML).
Result<uint32_t> exportFrameLength(std::string_view header);

// The definition's XML from the frame's content (after the header).
Result<std::string> exportFrameDefinition(std::string_view content);

// Whether a stored container can be exported: it has a root filesystem of its own, and that
// tree is not shifted on disk (<cubby:rootShift/>, whose owners belong to its id range).
Status checkExportable(const Domain& domain);

// The definition an import stores, from the exported one: renamed to `newName` (when not
// empty), a new uuid, its interfaces' MAC addresses and host-side names left for the helper
// to choose, no id range (the helper allocates one), no owner (the helper records the caller),
// and its root at `rootPath` (the root filesystem the import makes). Everything else — and
// every check a definition gets — as in a define.
Result<Domain> importedDomain(std::string_view exportedXml, std::string_view newName,
                              const std::string& rootPath, const std::function<Uuid()>& newUuid);

} // namespace cubby
