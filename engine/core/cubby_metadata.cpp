#include "cubby_metadata.h"

#include "text.h"
#include "xml_values.h"

#include <format>

namespace cubby {

namespace {

constexpr const char* cubbyPrefix = "cubby";

// The namespace an element's prefix is bound to, looking outwards from the element.
std::string_view namespaceOf(pugi::xml_node node) {
    const std::string_view name = node.name();
    const size_t colon = name.find(':');
    const std::string attribute =
        colon == std::string_view::npos ? "xmlns" : "xmlns:" + std::string(name.substr(0, colon));
    for (auto at = node; at; at = at.parent()) {
        if (const auto declared = at.attribute(attribute.c_str()))
            return declared.value();
    }
    return {};
}

std::string prefixOf(std::string_view name) {
    const size_t colon = name.find(':');
    return colon == std::string_view::npos ? std::string() : std::string(name.substr(0, colon + 1));
}

Status parseSecurityElement(ElementReader& security, CubbySettings& settings) {
    if (const auto profileText = security.attribute("seccomp")) {
        const auto profile = parseSeccompProfile(*profileText);
        if (!profile)
            return failInvalid(std::format("{}: {} is not a seccomp profile (default, relaxed "
                                           "or none)",
                                           security.attributePath("seccomp"),
                                           quoted(*profileText)));
        settings.seccomp = *profile;
    }
    if (const auto noNewPrivileges = security.attribute("noNewPrivileges")) {
        if (*noNewPrivileges != "yes" && *noNewPrivileges != "no")
            return failInvalid(std::format("{}: {} is neither 'yes' nor 'no'",
                                           security.attributePath("noNewPrivileges"),
                                           quoted(*noNewPrivileges)));
        settings.noNewPrivileges = *noNewPrivileges == "yes";
    }
    return {};
}

Status parseCubbyElement(ElementReader& element, const std::string& prefix, Domain& domain) {
    CUBBY_TRY(privileged, element.optionalChild(prefix + "privileged"));
    if (privileged) {
        domain.cubby.privileged = true;
        CUBBY_CHECK(privileged->finish());
    }
    CUBBY_TRY(owner, element.optionalChild(prefix + "owner"));
    if (owner) {
        CUBBY_TRY(uidText, owner->requiredAttribute("uid"));
        uint64_t uid = 0;
        if (!parseUnsigned(uidText, uid) || uid > 0xfffffffeU)
            return failInvalid(std::format("{}: {} is not a user id", owner->attributePath("uid"),
                                           quoted(uidText)));
        domain.cubby.ownerUid = static_cast<uint32_t>(uid);
        CUBBY_CHECK(owner->finish());
    }
    for (auto& share : element.children(prefix + "share")) {
        CUBBY_TRY(target, share.requiredAttribute("target"));
        CUBBY_TRY(userText, share.requiredAttribute("user"));
        uint64_t user = 0;
        if (!parseUnsigned(userText, user) || user > 0xfffffffeU)
            return failInvalid(std::format("{}: {} is not a user id (a number inside the "
                                           "container)",
                                           share.attributePath("user"), quoted(userText)));
        if (!domain.cubby.shareUsers.emplace(std::string(target), uint32_t(user)).second)
            return failInvalid(
                std::format("{}: the folder on {} is named twice", share.path(), target));
        CUBBY_CHECK(share.finish());
    }
    CUBBY_TRY(rootShift, element.optionalChild(prefix + "rootShift"));
    if (rootShift) {
        domain.cubby.rootShift = true;
        CUBBY_CHECK(rootShift->finish());
    }
    CUBBY_TRY(security, element.optionalChild(prefix + "security"));
    if (security) {
        CUBBY_CHECK(parseSecurityElement(*security, domain.cubby));
        CUBBY_CHECK(security->finish());
    }
    CUBBY_TRY(limits, element.optionalChild(prefix + "limits"));
    if (limits) {
        if (const auto processes = limits->attribute("processes")) {
            uint64_t count = 0;
            if (!parseUnsigned(*processes, count) || count < minProcessLimit ||
                count > maxProcessLimit)
                return failInvalid(std::format(
                    "{}: {} is not a process limit ({}–{})", limits->attributePath("processes"),
                    quoted(*processes), minProcessLimit, maxProcessLimit));
            domain.cubby.processLimit = count;
        }
        CUBBY_TRY(disk,
                  readUnsignedAttribute(*limits, "diskKiB", minDiskQuotaKiB, maxDiskQuotaKiB));
        domain.cubby.diskQuotaKiB = disk;
        CUBBY_CHECK(limits->finish());
    }
    CUBBY_TRY(walls, element.optionalChild(prefix + "walls"));
    if (walls) {
        CUBBY_TRY(values, readWallsAttributes(*walls));
        domain.cubby.walls = values;
        CUBBY_CHECK(walls->finish());
    }
    return element.finish();
}

} // namespace

Status parseDomainMetadata(ElementReader& root, Domain& domain) {
    CUBBY_TRY(metadata, root.optionalChild("metadata"));
    if (!metadata)
        return {};
    std::optional<std::string> cubbyName;
    for (const auto child : metadata->node().children()) {
        if (child.type() != pugi::node_element || namespaceOf(child) != cubbyMetadataNamespace)
            continue;
        const std::string_view name = child.name();
        if (name.substr(name.find(':') + 1) != "container")
            return failInvalid(std::format("{}/{}: Cubby's metadata element is <container>",
                                           metadata->path(), name));
        if (cubbyName)
            return failInvalid(
                std::format("{}: Cubby's <container> may appear only once", metadata->path()));
        cubbyName = std::string(name);
    }
    if (cubbyName) {
        CUBBY_TRY(element, metadata->optionalChild(*cubbyName));
        CUBBY_CHECK(parseCubbyElement(*element, prefixOf(*cubbyName), domain));
    }
    domain.preservedMetadata = metadata->takeUnusedChildren();
    return metadata->finish();
}

void formatDomainMetadata(pugi::xml_node root, const Domain& domain) {
    const bool hasCubby = domain.cubby != CubbySettings{};
    if (!hasCubby && domain.preservedMetadata.empty())
        return;
    auto metadata = root.append_child("metadata");
    if (hasCubby) {
        const std::string prefix = std::string(cubbyPrefix) + ":";
        auto element = metadata.append_child((prefix + "container").c_str());
        element.append_attribute(("xmlns:" + std::string(cubbyPrefix)).c_str()) =
            std::string(cubbyMetadataNamespace).c_str();
        if (domain.cubby.privileged)
            element.append_child((prefix + "privileged").c_str());
        if (domain.cubby.ownerUid)
            element.append_child((prefix + "owner").c_str()).append_attribute("uid") =
                static_cast<unsigned long long>(*domain.cubby.ownerUid);
        const auto& cubby = domain.cubby;
        for (const auto& [target, user] : cubby.shareUsers) {
            auto share = element.append_child((prefix + "share").c_str());
            share.append_attribute("target") = target.c_str();
            share.append_attribute("user") = static_cast<unsigned long long>(user);
        }
        if (cubby.rootShift)
            element.append_child((prefix + "rootShift").c_str());
        if (cubby.seccomp != SeccompProfile::Default || cubby.noNewPrivileges) {
            auto security = element.append_child((prefix + "security").c_str());
            if (cubby.seccomp != SeccompProfile::Default)
                security.append_attribute("seccomp") =
                    std::string(seccompProfileName(cubby.seccomp)).c_str();
            if (cubby.noNewPrivileges)
                security.append_attribute("noNewPrivileges") =
                    *cubby.noNewPrivileges ? "yes" : "no";
        }
        if (cubby.processLimit || cubby.diskQuotaKiB) {
            auto limits = element.append_child((prefix + "limits").c_str());
            if (cubby.processLimit)
                limits.append_attribute("processes") =
                    static_cast<unsigned long long>(*cubby.processLimit);
            if (cubby.diskQuotaKiB)
                limits.append_attribute("diskKiB") =
                    static_cast<unsigned long long>(*cubby.diskQuotaKiB);
        }
        if (cubby.walls) {
            auto walls = element.append_child((prefix + "walls").c_str());
            walls.append_attribute("host") = std::string(hostAccessName(cubby.walls->host)).c_str();
            walls.append_attribute("lan") = cubby.walls->lan ? "yes" : "no";
        }
    }
    appendSerializedElements(metadata, domain.preservedMetadata);
}

} // namespace cubby
