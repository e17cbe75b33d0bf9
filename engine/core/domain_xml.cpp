#include "domain_xml.h"

#include "capabilities.h"
#include "cpuset.h"
#include "cubby_metadata.h"
#include "names.h"
#include "xml_values.h"

#include <array>
#include <format>
#include <limits>

namespace cubby {

namespace {

constexpr std::array<Keyword<LifecycleAction>, 2> lifecycleActions{{
    {"destroy", LifecycleAction::Destroy},
    {"restart", LifecycleAction::Restart},
}};

constexpr std::array<Keyword<CapabilityPolicy>, 3> capabilityPolicies{{
    {"default", CapabilityPolicy::Default},
    {"allow", CapabilityPolicy::Allow},
    {"deny", CapabilityPolicy::Deny},
}};

constexpr std::array<Keyword<FilesystemType>, 3> filesystemTypes{{
    {"mount", FilesystemType::Mount},
    {"bind", FilesystemType::Bind},
    {"ram", FilesystemType::Ram},
}};

constexpr std::array<Keyword<InterfaceType>, 3> interfaceTypes{{
    {"network", InterfaceType::Network},
    {"bridge", InterfaceType::Bridge},
    {"direct", InterfaceType::Direct},
}};

constexpr std::array<Keyword<MacvlanMode>, 4> macvlanModes{{
    {"bridge", MacvlanMode::Bridge},
    {"vepa", MacvlanMode::Vepa},
    {"private", MacvlanMode::Private},
    {"passthrough", MacvlanMode::Passthrough},
}};

constexpr std::array<Keyword<int>, 1> consoleTypes{{{"pty", 0}}};
constexpr std::array<Keyword<int>, 1> osTypes{{{"exe", 0}}};
constexpr std::array<Keyword<int>, 1> domainTypes{{{"lxc", 0}}};
constexpr std::array<Keyword<int>, 1> accessModes{{{"passthrough", 0}}};
constexpr std::array<Keyword<int>, 1> vcpuPlacements{{{"static", 0}}};

Result<std::string> readTextChild(ElementReader& parent, std::string_view name) {
    CUBBY_TRY(child, parent.optionalChild(name));
    if (!child)
        return std::string();
    std::string text(child->text());
    CUBBY_CHECK(child->finish());
    return text;
}

// An element whose presence is a flag, like <readonly/> or <privnet/>.
Result<bool> readFlagChild(ElementReader& parent, std::string_view name) {
    CUBBY_TRY(child, parent.optionalChild(name));
    if (!child)
        return false;
    CUBBY_CHECK(child->finish());
    return true;
}

Status parseMemory(ElementReader& root, Domain& domain) {
    CUBBY_TRY(memory, readScaledChild(root, "memory"));
    if (!memory)
        return failInvalid("/domain: the element <memory> is required (the memory cap, e.g. "
                           "<memory unit='MiB'>512</memory>)");
    domain.memoryKiB = *memory;
    CUBBY_TRY(current, readScaledChild(root, "currentMemory"));
    domain.currentMemoryKiB = current.value_or(*memory);

    CUBBY_TRY(memtune, root.optionalChild("memtune"));
    if (memtune) {
        CUBBY_TRY(hard, readScaledChild(*memtune, "hard_limit"));
        CUBBY_TRY(soft, readScaledChild(*memtune, "soft_limit"));
        CUBBY_TRY(swap, readScaledChild(*memtune, "swap_hard_limit"));
        CUBBY_TRY(guarantee, readScaledChild(*memtune, "min_guarantee"));
        domain.memtune = {hard, soft, swap, guarantee};
        CUBBY_CHECK(memtune->finish());
    }
    return {};
}

Status parseCpu(ElementReader& root, Domain& domain) {
    CUBBY_TRY(vcpu, root.optionalChild("vcpu"));
    if (vcpu) {
        CUBBY_TRY(count, readUnsignedText(*vcpu, 1, maxCpuNumber + 1));
        domain.vcpus = static_cast<unsigned>(count);
        if (const auto cpuset = vcpu->attribute("cpuset")) {
            CUBBY_TRY(cpus, parseCpuset(*cpuset, vcpu->attributePath("cpuset")));
            domain.cpuset = std::move(cpus);
        }
        CUBBY_CHECK(readKeywordAttribute<int>(*vcpu, "placement", vcpuPlacements, 0));
        CUBBY_CHECK(vcpu->finish());
    }
    CUBBY_TRY(cputune, root.optionalChild("cputune"));
    if (cputune) {
        if (auto shares = cputune->optionalChild("shares"); !shares) {
            return fail(shares.error());
        } else if (*shares) {
            CUBBY_TRY(value, readUnsignedText(**shares, 2, 262144));
            domain.cputune.shares = value;
            CUBBY_CHECK((*shares)->finish());
        }
        if (auto period = cputune->optionalChild("period"); !period) {
            return fail(period.error());
        } else if (*period) {
            CUBBY_TRY(value, readUnsignedText(**period, 1000, 1000000));
            domain.cputune.periodUs = value;
            CUBBY_CHECK((*period)->finish());
        }
        if (auto quota = cputune->optionalChild("quota"); !quota) {
            return fail(quota.error());
        } else if (*quota) {
            int64_t value = 0;
            const std::string_view raw = (*quota)->text();
            constexpr int64_t maxQuota = 17592186044415;
            if (!parseSigned(raw, value) || !(value == -1 || (value >= 1000 && value <= maxQuota)))
                return failInvalid(std::format("{}: {} must be -1 (no limit) or 1000–{} "
                                               "microseconds",
                                               (*quota)->path(), quoted(raw), maxQuota));
            domain.cputune.quotaUs = value;
            CUBBY_CHECK((*quota)->finish());
        }
        CUBBY_CHECK(cputune->finish());
    }
    return {};
}

// libvirt's blkiotune weights (v1 blkio.weight's range without its lowest tenth).
constexpr uint64_t minBlkioWeight = 100, maxBlkioWeight = 1000;

Result<std::optional<uint64_t>> readUnsignedChild(ElementReader& parent, std::string_view name,
                                                  uint64_t min, uint64_t max) {
    CUBBY_TRY(child, parent.optionalChild(name));
    if (!child)
        return std::nullopt;
    CUBBY_TRY(value, readUnsignedText(*child, min, max));
    CUBBY_CHECK(child->finish());
    return value;
}

// The per-disk figures of <blkiotune><device>, in the order libvirt writes them.
using BlkioRate = std::optional<uint64_t> BlkioDevice::*;
constexpr std::array<std::pair<const char*, BlkioRate>, 4> blkioRates{{
    {"read_iops_sec", &BlkioDevice::readIopsPerSec},
    {"write_iops_sec", &BlkioDevice::writeIopsPerSec},
    {"read_bytes_sec", &BlkioDevice::readBytesPerSec},
    {"write_bytes_sec", &BlkioDevice::writeBytesPerSec},
}};

Status parseBlkio(ElementReader& root, Domain& domain) {
    CUBBY_TRY(blkiotune, root.optionalChild("blkiotune"));
    if (!blkiotune)
        return {};
    CUBBY_TRY(weight, readUnsignedChild(*blkiotune, "weight", minBlkioWeight, maxBlkioWeight));
    if (weight)
        domain.blkiotune.weight = static_cast<unsigned>(*weight);
    for (auto& element : blkiotune->children("device")) {
        BlkioDevice device;
        CUBBY_TRY(path, element.requiredChild("path"));
        device.path = std::string(path.text());
        CUBBY_CHECK(path.finish());
        CUBBY_TRY(deviceWeight,
                  readUnsignedChild(element, "weight", minBlkioWeight, maxBlkioWeight));
        if (deviceWeight)
            device.weight = static_cast<unsigned>(*deviceWeight);
        // 0 is libvirt's "no limit" and is read as no element.
        for (const auto& [name, field] : blkioRates) {
            CUBBY_TRY(rate,
                      readUnsignedChild(element, name, 0, std::numeric_limits<int64_t>::max()));
            if (rate && *rate > 0)
                device.*field = *rate;
        }
        CUBBY_CHECK(element.finish());
        domain.blkiotune.devices.push_back(std::move(device));
    }
    return blkiotune->finish();
}

Status parseOs(ElementReader& root, Domain& domain) {
    CUBBY_TRY(os, root.requiredChild("os"));
    CUBBY_TRY(type, os.requiredChild("type"));
    domain.os.arch = std::string(type.attribute("arch").value_or(""));
    CUBBY_CHECK(readKeywordText<int>(type, osTypes));
    CUBBY_CHECK(type.finish());

    CUBBY_TRY(init, readTextChild(os, "init"));
    if (!init.empty())
        domain.os.init = init;
    for (auto& arg : os.children("initarg")) {
        domain.os.initArgs.emplace_back(arg.text());
        CUBBY_CHECK(arg.finish());
    }
    for (auto& env : os.children("initenv")) {
        CUBBY_TRY(name, env.requiredAttribute("name"));
        domain.os.initEnv.push_back({std::string(name), std::string(env.text())});
        CUBBY_CHECK(env.finish());
    }
    CUBBY_TRY(initDir, readTextChild(os, "initdir"));
    CUBBY_TRY(initUser, readTextChild(os, "inituser"));
    CUBBY_TRY(initGroup, readTextChild(os, "initgroup"));
    domain.os.initDir = std::move(initDir);
    domain.os.initUser = std::move(initUser);
    domain.os.initGroup = std::move(initGroup);
    return os.finish();
}

Result<std::vector<IdMapRange>> parseIdRanges(ElementReader& idmap, std::string_view name) {
    std::vector<IdMapRange> ranges;
    for (auto& entry : idmap.children(name)) {
        constexpr uint64_t idLimit = UINT32_MAX;
        CUBBY_TRY(start, readUnsignedAttribute(entry, "start", 0, idLimit - 1));
        CUBBY_TRY(target, readUnsignedAttribute(entry, "target", 0, idLimit - 1));
        CUBBY_TRY(count, readUnsignedAttribute(entry, "count", 1, idLimit));
        if (!start || !target || !count)
            return failInvalid(
                std::format("{}: start, target and count are all required", entry.path()));
        ranges.push_back({static_cast<uint32_t>(*start), static_cast<uint32_t>(*target),
                          static_cast<uint32_t>(*count)});
        CUBBY_CHECK(entry.finish());
    }
    return ranges;
}

Status parseIdmapAndFeatures(ElementReader& root, Domain& domain) {
    CUBBY_TRY(idmap, root.optionalChild("idmap"));
    if (idmap) {
        CUBBY_TRY(uids, parseIdRanges(*idmap, "uid"));
        CUBBY_TRY(gids, parseIdRanges(*idmap, "gid"));
        domain.idmap = IdMap{std::move(uids), std::move(gids)};
        CUBBY_CHECK(idmap->finish());
    }
    CUBBY_TRY(features, root.optionalChild("features"));
    if (!features)
        return {};
    CUBBY_TRY(privnet, readFlagChild(*features, "privnet"));
    domain.features.privnet = privnet;
    CUBBY_TRY(caps, features->optionalChild("capabilities"));
    if (caps) {
        CapabilityFeature feature;
        CUBBY_TRY(policy, readKeywordAttribute<CapabilityPolicy>(
                              *caps, "policy", capabilityPolicies, CapabilityPolicy::Default));
        feature.policy = policy;
        for (const auto& known : knownCapabilities()) {
            CUBBY_TRY(entry, caps->optionalChild(known.name));
            if (!entry)
                continue;
            CUBBY_TRY(state, readSwitchAttribute(*entry, "state", true));
            feature.overrides[std::string(known.name)] = state;
            CUBBY_CHECK(entry->finish());
        }
        // Anything left is not a capability this kernel ABI has.
        if (auto status = caps->finish(); !status)
            return failInvalid(status.error().message + " (not a Linux capability name)");
        domain.features.capabilities = std::move(feature);
    }
    domain.features.preserved = features->takeUnusedChildren();
    return features->finish();
}

Status parseLifecycle(ElementReader& root, Domain& domain) {
    using ActionField = LifecycleAction Domain::*;
    struct Slot {
        std::string_view element;
        ActionField field;
    };
    constexpr std::array<Slot, 3> slots{{
        {"on_poweroff", &Domain::onPoweroff},
        {"on_reboot", &Domain::onReboot},
        {"on_crash", &Domain::onCrash},
    }};
    for (const auto& slot : slots) {
        CUBBY_TRY(child, root.optionalChild(slot.element));
        if (!child)
            continue;
        CUBBY_TRY(action, readKeywordText<LifecycleAction>(*child, lifecycleActions));
        domain.*slot.field = action;
        CUBBY_CHECK(child->finish());
    }
    return {};
}

Result<Filesystem> parseFilesystem(ElementReader& element) {
    Filesystem fs;
    CUBBY_TRY(type, readKeywordAttribute<FilesystemType>(element, "type", filesystemTypes,
                                                         FilesystemType::Mount));
    fs.type = type;
    if (const auto mode = element.attribute("accessmode")) {
        CUBBY_CHECK(readKeywordAttribute<int>(element, "accessmode", accessModes, 0));
        fs.accessMode = std::string(*mode);
    }
    CUBBY_TRY(source, element.requiredChild("source"));
    if (type == FilesystemType::Ram) {
        CUBBY_TRY(usage, readScaledAttribute(source, "usage"));
        if (usage == 0)
            return failInvalid(std::format("{}: a ram filesystem needs a size above zero",
                                           source.attributePath("usage")));
        fs.ramKiB = usage;
    } else {
        CUBBY_TRY(dir, source.requiredAttribute("dir"));
        fs.sourceDir = std::string(dir);
    }
    CUBBY_CHECK(source.finish());
    CUBBY_TRY(target, element.requiredChild("target"));
    CUBBY_TRY(targetDir, target.requiredAttribute("dir"));
    fs.targetDir = std::string(targetDir);
    CUBBY_CHECK(target.finish());
    CUBBY_TRY(readOnly, readFlagChild(element, "readonly"));
    fs.readOnly = readOnly;
    CUBBY_CHECK(element.finish());
    return fs;
}

Status parseInterfaceAddresses(ElementReader& element, Interface& iface) {
    for (auto& ipElement : element.children("ip")) {
        CUBBY_TRY(address, readIpAttribute(ipElement, "address"));
        if (!address)
            return failInvalid(
                std::format("{}: the attribute 'address' is required", ipElement.path()));
        if (const auto family = ipElement.attribute("family");
            family && *family != familyName(address->family))
            return failInvalid(std::format("{}: {} does not match the address {}",
                                           ipElement.attributePath("family"), quoted(*family),
                                           address->toString()));
        CUBBY_TRY(prefix, readPrefixLength(ipElement, address->family));
        iface.ips.push_back({*address, prefix});
        CUBBY_CHECK(ipElement.finish());
    }
    for (auto& routeElement : element.children("route")) {
        CUBBY_TRY(destination, readIpAttribute(routeElement, "address"));
        CUBBY_TRY(gateway, readIpAttribute(routeElement, "gateway"));
        if (!destination || !gateway)
            return failInvalid(std::format("{}: the attributes 'address' and 'gateway' are "
                                           "required",
                                           routeElement.path()));
        if (destination->family != gateway->family)
            return failInvalid(std::format("{}: the address and gateway are of different "
                                           "families",
                                           routeElement.path()));
        if (const auto family = routeElement.attribute("family");
            family && *family != familyName(destination->family))
            return failInvalid(std::format("{}: {} does not match the address {}",
                                           routeElement.attributePath("family"), quoted(*family),
                                           destination->toString()));
        CUBBY_TRY(prefix, readPrefixLength(routeElement, destination->family));
        iface.routes.push_back(
            {IpPrefix{*destination, prefix.value_or(destination->bitWidth())}, *gateway});
        CUBBY_CHECK(routeElement.finish());
    }
    return {};
}

Result<Interface> parseInterface(ElementReader& element) {
    Interface iface;
    CUBBY_TRY(type,
              readKeywordAttribute<InterfaceType>(element, "type", interfaceTypes, std::nullopt));
    iface.type = type;
    CUBBY_TRY(source, element.requiredChild("source"));
    switch (type) {
    case InterfaceType::Network: {
        CUBBY_TRY(network, source.requiredAttribute("network"));
        iface.source = std::string(network);
        break;
    }
    case InterfaceType::Bridge: {
        // The 2008 walkthrough writes <source network='br0'/> for a bridge; libvirt today
        // writes <source bridge='br0'/>. Accept both, write the modern form.
        const auto bridge = source.attribute("bridge");
        const auto legacy = source.attribute("network");
        if (!bridge && !legacy)
            return failInvalid(std::format("{}: the attribute 'bridge' is required (the host "
                                           "bridge to attach to)",
                                           source.path()));
        iface.source = std::string(bridge ? *bridge : *legacy);
        break;
    }
    case InterfaceType::Direct: {
        CUBBY_TRY(dev, source.requiredAttribute("dev"));
        iface.source = std::string(dev);
        CUBBY_TRY(mode, readKeywordAttribute<MacvlanMode>(source, "mode", macvlanModes,
                                                          MacvlanMode::Bridge));
        iface.macvlanMode = mode;
        break;
    }
    }
    CUBBY_CHECK(source.finish());

    CUBBY_TRY(mac, element.optionalChild("mac"));
    if (mac) {
        CUBBY_TRY(text, mac->requiredAttribute("address"));
        CUBBY_TRY(address, MacAddress::parse(text, mac->attributePath("address")));
        iface.mac = address;
        CUBBY_CHECK(mac->finish());
    }
    for (const auto& [name, field] :
         {std::pair{"target", &Interface::targetDev}, std::pair{"guest", &Interface::guestDev}}) {
        CUBBY_TRY(child, element.optionalChild(name));
        if (!child)
            continue;
        CUBBY_TRY(dev, child->requiredAttribute("dev"));
        iface.*field = std::string(dev);
        CUBBY_CHECK(child->finish());
    }
    CUBBY_CHECK(parseInterfaceAddresses(element, iface));
    CUBBY_CHECK(element.finish());
    return iface;
}

Status parseConsole(ElementReader& element, Domain& domain) {
    CUBBY_CHECK(readKeywordAttribute<int>(element, "type", consoleTypes, 0));
    Console console;
    console.targetPort = static_cast<unsigned>(domain.consoles.size());
    // tty and <source path> appear in live XML only; they are read back into the live state.
    std::string tty(element.attribute("tty").value_or(""));
    CUBBY_TRY(source, element.optionalChild("source"));
    if (source) {
        if (const auto path = source->attribute("path"); path && tty.empty())
            tty = std::string(*path);
        CUBBY_CHECK(source->finish());
    }
    CUBBY_TRY(target, element.optionalChild("target"));
    if (target) {
        CUBBY_CHECK(readKeywordAttribute<int>(*target, "type",
                                              std::array<Keyword<int>, 1>{{{"lxc", 0}}}, 0));
        CUBBY_TRY(port, readUnsignedAttribute(*target, "port", 0, 63));
        if (port)
            console.targetPort = static_cast<unsigned>(*port);
        CUBBY_CHECK(target->finish());
    }
    if (!tty.empty()) {
        CUBBY_CHECK(validateAbsolutePath(tty, element.attributePath("tty")));
        if (!domain.live)
            domain.live.emplace();
        domain.live->consoleTtys.push_back(tty);
    }
    domain.consoles.push_back(console);
    return element.finish();
}

Status parseDevices(ElementReader& root, Domain& domain) {
    CUBBY_TRY(devices, root.optionalChild("devices"));
    if (devices) {
        for (auto& element : devices->children("filesystem")) {
            CUBBY_TRY(fs, parseFilesystem(element));
            domain.filesystems.push_back(std::move(fs));
        }
        for (auto& element : devices->children("interface")) {
            CUBBY_TRY(iface, parseInterface(element));
            domain.interfaces.push_back(std::move(iface));
        }
        for (auto& element : devices->children("console"))
            CUBBY_CHECK(parseConsole(element, domain));
        domain.preservedDevices = devices->takeUnusedChildren();
        CUBBY_CHECK(devices->finish());
    }
    // Like libvirt, every container has at least one console: init's stdin/out/err.
    if (domain.consoles.empty())
        domain.consoles.push_back({});
    return {};
}

} // namespace

Result<Domain> parseDomainXml(std::string_view xml, const std::function<Uuid()>& newUuid) {
    CUBBY_TRY(document, XmlDocument::parse(xml, "domain"));
    ElementReader root(document.root(), "/domain");
    Domain domain;
    CUBBY_CHECK(readKeywordAttribute<int>(root, "type", domainTypes, std::nullopt));
    if (const auto id = root.attribute("id"); id && *id != "-1") {
        int64_t pid = 0;
        if (!parseSigned(*id, pid) || pid <= 0)
            return failInvalid(
                std::format("{}: {} is not a process id", root.attributePath("id"), quoted(*id)));
        domain.live.emplace().id = pid;
    }

    CUBBY_TRY(nameElement, root.requiredChild("name"));
    domain.name = std::string(nameElement.text());
    CUBBY_CHECK(validateObjectName(domain.name, nameElement.path()));
    CUBBY_CHECK(nameElement.finish());

    CUBBY_TRY(uuidElement, root.optionalChild("uuid"));
    if (uuidElement) {
        CUBBY_TRY(uuid, Uuid::parse(uuidElement->text(), uuidElement->path()));
        domain.uuid = uuid;
        CUBBY_CHECK(uuidElement->finish());
    } else {
        domain.uuid = newUuid();
    }
    CUBBY_TRY(title, readTextChild(root, "title"));
    CUBBY_TRY(description, readTextChild(root, "description"));
    domain.title = std::move(title);
    domain.description = std::move(description);

    CUBBY_CHECK(parseMemory(root, domain));
    CUBBY_CHECK(parseCpu(root, domain));
    CUBBY_CHECK(parseBlkio(root, domain));
    CUBBY_CHECK(parseOs(root, domain));
    CUBBY_CHECK(parseIdmapAndFeatures(root, domain));
    CUBBY_CHECK(parseLifecycle(root, domain));
    CUBBY_CHECK(parseDevices(root, domain));
    CUBBY_CHECK(parseDomainMetadata(root, domain));
    domain.preservedElements = root.takeUnusedChildren();
    CUBBY_CHECK(root.finish());
    CUBBY_CHECK(validateDomain(domain));
    return domain;
}

// ---- output -------------------------------------------------------------------------------

namespace {

void appendText(pugi::xml_node parent, const char* name, std::string_view text) {
    parent.append_child(name).text().set(std::string(text).c_str());
}

void appendScaled(pugi::xml_node parent, const char* name, uint64_t kib) {
    auto node = parent.append_child(name);
    node.append_attribute("unit") = "KiB";
    node.text().set(static_cast<unsigned long long>(kib));
}

void setAttribute(pugi::xml_node node, const char* name, std::string_view value) {
    node.append_attribute(name) = std::string(value).c_str();
}

void formatMemoryAndCpu(pugi::xml_node root, const Domain& domain) {
    appendScaled(root, "memory", domain.memoryKiB);
    appendScaled(root, "currentMemory", domain.currentMemoryKiB);
    if (domain.memtune != MemTune{}) {
        auto memtune = root.append_child("memtune");
        const std::array<std::pair<const char*, std::optional<uint64_t>>, 4> limits{{
            {"hard_limit", domain.memtune.hardLimitKiB},
            {"soft_limit", domain.memtune.softLimitKiB},
            {"swap_hard_limit", domain.memtune.swapHardLimitKiB},
            {"min_guarantee", domain.memtune.minGuaranteeKiB},
        }};
        for (const auto& [name, value] : limits) {
            if (value)
                appendScaled(memtune, name, *value);
        }
    }
    auto vcpu = root.append_child("vcpu");
    if (!domain.cpuset.empty())
        setAttribute(vcpu, "cpuset", formatCpuset(domain.cpuset));
    vcpu.text().set(domain.vcpus);
    if (domain.cputune != CpuTune{}) {
        auto cputune = root.append_child("cputune");
        if (domain.cputune.shares)
            cputune.append_child("shares").text().set(
                static_cast<unsigned long long>(*domain.cputune.shares));
        if (domain.cputune.periodUs)
            cputune.append_child("period").text().set(
                static_cast<unsigned long long>(*domain.cputune.periodUs));
        if (domain.cputune.quotaUs)
            cputune.append_child("quota").text().set(
                static_cast<long long>(*domain.cputune.quotaUs));
    }
}

void formatBlkio(pugi::xml_node root, const BlkioTune& tune) {
    if (tune == BlkioTune{})
        return;
    auto blkiotune = root.append_child("blkiotune");
    if (tune.weight)
        blkiotune.append_child("weight").text().set(*tune.weight);
    for (const BlkioDevice& device : tune.devices) {
        auto node = blkiotune.append_child("device");
        appendText(node, "path", device.path);
        if (device.weight)
            node.append_child("weight").text().set(*device.weight);
        for (const auto& [name, field] : blkioRates) {
            if (device.*field)
                node.append_child(name).text().set(
                    static_cast<unsigned long long>(*(device.*field)));
        }
    }
}

void formatOsIdmapFeatures(pugi::xml_node root, const Domain& domain) {
    auto os = root.append_child("os");
    auto type = os.append_child("type");
    if (!domain.os.arch.empty())
        setAttribute(type, "arch", domain.os.arch);
    type.text().set("exe");
    appendText(os, "init", domain.os.init);
    for (const auto& arg : domain.os.initArgs)
        appendText(os, "initarg", arg);
    for (const auto& env : domain.os.initEnv) {
        auto node = os.append_child("initenv");
        setAttribute(node, "name", env.name);
        node.text().set(env.value.c_str());
    }
    const std::array<std::pair<const char*, const std::string*>, 3> optionalTexts{{
        {"initdir", &domain.os.initDir},
        {"inituser", &domain.os.initUser},
        {"initgroup", &domain.os.initGroup},
    }};
    for (const auto& [name, value] : optionalTexts) {
        if (!value->empty())
            appendText(os, name, *value);
    }

    if (domain.idmap) {
        auto idmap = root.append_child("idmap");
        for (const auto& [name, ranges] :
             {std::pair{"uid", &domain.idmap->uids}, std::pair{"gid", &domain.idmap->gids}}) {
            for (const auto& range : *ranges) {
                auto node = idmap.append_child(name);
                node.append_attribute("start") = range.start;
                node.append_attribute("target") = range.target;
                node.append_attribute("count") = range.count;
            }
        }
    }
    const Features& features = domain.features;
    if (features.privnet || features.capabilities || !features.preserved.empty()) {
        auto node = root.append_child("features");
        if (features.privnet)
            node.append_child("privnet");
        if (features.capabilities) {
            auto caps = node.append_child("capabilities");
            setAttribute(
                caps, "policy",
                keywordName<CapabilityPolicy>(capabilityPolicies, features.capabilities->policy));
            for (const auto& [name, on] : features.capabilities->overrides)
                caps.append_child(name.c_str()).append_attribute("state") = on ? "on" : "off";
        }
        appendSerializedElements(node, features.preserved);
    }
}

void formatInterface(pugi::xml_node devices, const Interface& iface) {
    auto node = devices.append_child("interface");
    setAttribute(node, "type", keywordName<InterfaceType>(interfaceTypes, iface.type));
    if (iface.mac)
        setAttribute(node.append_child("mac"), "address", iface.mac->toString());
    auto source = node.append_child("source");
    switch (iface.type) {
    case InterfaceType::Network:
        setAttribute(source, "network", iface.source);
        break;
    case InterfaceType::Bridge:
        setAttribute(source, "bridge", iface.source);
        break;
    case InterfaceType::Direct:
        setAttribute(source, "dev", iface.source);
        setAttribute(source, "mode", keywordName<MacvlanMode>(macvlanModes, iface.macvlanMode));
        break;
    }
    if (!iface.targetDev.empty())
        setAttribute(node.append_child("target"), "dev", iface.targetDev);
    if (!iface.guestDev.empty())
        setAttribute(node.append_child("guest"), "dev", iface.guestDev);
    for (const auto& ip : iface.ips) {
        auto ipNode = node.append_child("ip");
        setAttribute(ipNode, "address", ip.address.toString());
        if (ip.prefixLength)
            ipNode.append_attribute("prefix") = *ip.prefixLength;
    }
    for (const auto& route : iface.routes) {
        auto routeNode = node.append_child("route");
        setAttribute(routeNode, "family", familyName(route.destination.address.family));
        setAttribute(routeNode, "address", route.destination.address.toString());
        routeNode.append_attribute("prefix") = route.destination.prefixLength;
        setAttribute(routeNode, "gateway", route.gateway.toString());
    }
}

void formatDevices(pugi::xml_node root, const Domain& domain, DomainXmlForm form) {
    auto devices = root.append_child("devices");
    for (const auto& fs : domain.filesystems) {
        auto node = devices.append_child("filesystem");
        setAttribute(node, "type", keywordName<FilesystemType>(filesystemTypes, fs.type));
        if (!fs.accessMode.empty())
            setAttribute(node, "accessmode", fs.accessMode);
        auto source = node.append_child("source");
        if (fs.type == FilesystemType::Ram) {
            source.append_attribute("usage") =
                static_cast<unsigned long long>(fs.ramKiB.value_or(0));
            source.append_attribute("units") = "KiB";
        } else {
            setAttribute(source, "dir", fs.sourceDir);
        }
        setAttribute(node.append_child("target"), "dir", fs.targetDir);
        if (fs.readOnly)
            node.append_child("readonly");
    }
    for (const auto& iface : domain.interfaces)
        formatInterface(devices, iface);
    for (size_t i = 0; i < domain.consoles.size(); ++i) {
        auto node = devices.append_child("console");
        node.append_attribute("type") = "pty";
        const bool live =
            form == DomainXmlForm::Live && domain.live && i < domain.live->consoleTtys.size();
        if (live) {
            const std::string& tty = domain.live->consoleTtys[i];
            setAttribute(node, "tty", tty);
            setAttribute(node.append_child("source"), "path", tty);
        }
        node.append_child("target").append_attribute("port") = domain.consoles[i].targetPort;
    }
    appendSerializedElements(devices, domain.preservedDevices);
}

} // namespace

std::string formatDomainXml(const Domain& domain, DomainXmlForm form) {
    pugi::xml_document document;
    auto root = document.append_child("domain");
    root.append_attribute("type") = "lxc";
    // A console's tty without an id (a hand-written live file) gives a live state with no
    // process: id='0' would not parse back.
    if (form == DomainXmlForm::Live && domain.live && domain.live->id > 0)
        root.append_attribute("id") = static_cast<long long>(domain.live->id);
    appendText(root, "name", domain.name);
    appendText(root, "uuid", domain.uuid.toString());
    if (!domain.title.empty())
        appendText(root, "title", domain.title);
    if (!domain.description.empty())
        appendText(root, "description", domain.description);
    formatDomainMetadata(root, domain);
    formatMemoryAndCpu(root, domain);
    formatBlkio(root, domain.blkiotune);
    formatOsIdmapFeatures(root, domain);
    for (const auto& [name, action] :
         {std::pair{"on_poweroff", domain.onPoweroff}, std::pair{"on_reboot", domain.onReboot},
          std::pair{"on_crash", domain.onCrash}})
        appendText(root, name, keywordName<LifecycleAction>(lifecycleActions, action));
    formatDevices(root, domain, form);
    appendSerializedElements(root, domain.preservedElements);
    return formatXml(document);
}

std::vector<std::string> domainWarnings(const Domain& domain) {
    std::vector<std::string> warnings;
    notePreservedElements(domain.preservedElements, "<domain>", warnings);
    notePreservedElements(domain.preservedDevices, "<devices>", warnings);
    notePreservedElements(domain.features.preserved, "<features>", warnings);
    return warnings;
}

} // namespace cubby
