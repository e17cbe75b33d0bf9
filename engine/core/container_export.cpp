#include "container_export.h"

#include "domain_xml.h"
#include "names.h"
#include "xml_reader.h"

#include <format>

namespace cubby {

namespace {

void appendLittleEndian(std::string& out, uint32_t value) {
    for (int shift = 0; shift < 32; shift += 8)
        out += static_cast<char>((value >> shift) & 0xff);
}

uint32_t readLittleEndian(std::string_view bytes) {
    uint32_t value = 0;
    for (int i = 3; i >= 0; --i)
        value = value << 8 | static_cast<unsigned char>(bytes[size_t(i)]);
    return value;
}

} // namespace

std::string exportFrame(std::string_view definitionXml) {
    std::string frame;
    appendLittleEndian(frame, exportFrameMagic);
    appendLittleEndian(frame, static_cast<uint32_t>(exportMarker.size() + definitionXml.size()));
    frame += exportMarker;
    frame += definitionXml;
    return frame;
}

Result<uint32_t> exportFrameLength(std::string_view header) {
    if (header.size() < exportFrameHeaderBytes || readLittleEndian(header) != exportFrameMagic)
        return failInvalid("this is not a container exported by Cubby (it does not begin with "
                           "the definition's frame)");
    const uint32_t length = readLittleEndian(header.substr(4));
    if (length < exportMarker.size() || length > exportMarker.size() + maxXmlDocumentBytes)
        return failInvalid(std::format("the export's definition frame claims {} bytes, which "
                                       "no definition has",
                                       length));
    return length;
}

Result<std::string> exportFrameDefinition(std::string_view content) {
    if (!content.starts_with(exportMarker))
        return failInvalid("the export's first frame is not a Cubby definition (of another "
                           "version of Cubby?)");
    return std::string(content.substr(exportMarker.size()));
}

Status checkExportable(const Domain& domain) {
    const Filesystem* root = domain.rootFilesystem();
    if (!root || root->type != FilesystemType::Mount || root->sourceDir.empty())
        return failInvalid(std::format("container '{}' has no root directory of its own on the "
                                       "host to export",
                                       domain.name));
    if (domain.cubby.rootShift)
        return fail(Error::of(ErrorKind::Unsupported,
                              std::format("container '{}' has its root's owners shifted on disk "
                                          "(rootShift); such a tree cannot be exported",
                                          domain.name)));
    return {};
}

Result<Domain> importedDomain(std::string_view exportedXml, std::string_view newName,
                              const std::string& rootPath, const std::function<Uuid()>& newUuid) {
    CUBBY_TRY(domain, parseDomainXml(exportedXml, newUuid));
    if (!newName.empty()) {
        CUBBY_CHECK(validateObjectName(newName, "container name"));
        domain.name = std::string(newName);
    }
    CUBBY_CHECK(checkExportable(domain));
    domain.uuid = newUuid();
    domain.idmap.reset();
    domain.cubby.ownerUid.reset();
    domain.live.reset();
    for (auto& interface : domain.interfaces) {
        interface.mac.reset();
        interface.targetDev.clear();
    }
    for (auto& filesystem : domain.filesystems) {
        if (filesystem.targetDir == "/" && filesystem.type == FilesystemType::Mount)
            filesystem.sourceDir = rootPath;
    }
    return domain;
}

} // namespace cubby
