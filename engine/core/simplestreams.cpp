#include "simplestreams.h"

#include "json.h"
#include "text.h"

#include <algorithm>
#include <cctype>
#include <format>

namespace cubby {

namespace {

// The root filesystem item of a container image (lxc's download template takes the same).
constexpr std::string_view rootfsItemType = "root.tar.xz";
constexpr size_t maxImages = 4096;

bool plainPathCharacter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string_view("-._/:+~").find(c) != std::string_view::npos;
}

// A relative path below the server's root: plain characters, no "..", no leading '/'.
bool plainRelativePath(std::string_view path) {
    if (path.empty() || path.size() > 512 || path.front() == '/' ||
        !std::ranges::all_of(path, plainPathCharacter))
        return false;
    for (size_t start = 0; start <= path.size();) {
        const size_t slash = std::min(path.find('/', start), path.size());
        const std::string_view part = path.substr(start, slash - start);
        if (part.empty() || part == "." || part == "..")
            return false;
        start = slash + 1;
    }
    return true;
}

bool plainWord(std::string_view word) {
    return !word.empty() && word.size() <= 64 && std::ranges::all_of(word, [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '-' || c == '_' || c == '.';
    });
}

bool sha256Hex(std::string_view text) {
    return text.size() == 64 && std::ranges::all_of(text, [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

std::string lower(std::string_view text) {
    std::string out(text);
    std::ranges::transform(
        out, out.begin(), [](char c) { return char(std::tolower(static_cast<unsigned char>(c))); });
    return out;
}

// The root filesystem item of one version, if it has a plain one.
std::optional<std::pair<std::string, std::pair<std::string, uint64_t>>>
rootfsItem(const JsonValue& version) {
    const JsonValue* items = version.member("items");
    if (!items || !items->isObject())
        return std::nullopt;
    for (const auto& [key, item] : items->object) {
        if (!item.isObject() || item.text("ftype") != rootfsItemType)
            continue;
        const std::string_view path = item.text("path");
        const std::string_view sha = item.text("sha256");
        const JsonValue* size = item.member("size");
        if (!plainRelativePath(path) || !sha256Hex(sha) || !size ||
            size->type != JsonValue::Type::Number || size->number < 0 || size->number > 1e13)
            return std::nullopt;
        return std::pair{std::string(path),
                         std::pair{std::string(sha), static_cast<uint64_t>(size->number)}};
    }
    return std::nullopt;
}

} // namespace

std::string ImageEntry::name() const {
    return variant == "default" ? std::format("{}/{}", distro, release)
                                : std::format("{}/{}/{}", distro, release, variant);
}

Status validateImageServer(std::string_view url) {
    const auto refuse = [&](std::string_view why) {
        return failInvalid(
            std::format("{} is not an image server: {}", quoted(url.substr(0, 80)), why));
    };
    if (url.size() > 256)
        return refuse("longer than 256 characters");
    std::string_view rest;
    bool https = false;
    if (url.starts_with("https://")) {
        https = true;
        rest = url.substr(8);
    } else if (url.starts_with("http://")) {
        rest = url.substr(7);
    } else {
        return refuse("only https:// servers (or http:// on this computer's loopback) are used");
    }
    const size_t slash = std::min(rest.find('/'), rest.size());
    const std::string_view host = rest.substr(0, slash);
    if (host.empty() || host.find('@') != std::string_view::npos)
        return refuse("no host, or a user name in it");
    if (!std::ranges::all_of(
            url, [](char c) { return plainPathCharacter(c) || c == '[' || c == ']' || c == '%'; }))
        return refuse("characters other than a plain URL's");
    if (!https) {
        const std::string_view name = host.substr(
            0, host.starts_with('[') ? host.find(']') + 1 : std::min(host.find(':'), host.size()));
        if (name != "127.0.0.1" && name != "localhost" && name != "[::1]")
            return refuse("http:// only to 127.0.0.1, localhost or [::1]; use https://");
    }
    return {};
}

Result<std::string> imageCataloguePath(std::string_view indexJson) {
    CUBBY_TRY(index, parseJson(indexJson));
    const JsonValue* catalogues = index.member("index");
    if (!catalogues || !catalogues->isObject())
        return failInvalid("the image server's index.json has no \"index\" object");
    for (const auto& [name, catalogue] : catalogues->object) {
        if (!catalogue.isObject() || catalogue.text("datatype") != "image-downloads")
            continue;
        const std::string_view path = catalogue.text("path");
        if (!plainRelativePath(path))
            return failInvalid(std::format("the image server's catalogue path {} is not a plain "
                                           "relative path",
                                           quoted(path.substr(0, 80))));
        return std::string(path);
    }
    return failInvalid("the image server's index.json lists no image-downloads catalogue");
}

Result<std::vector<ImageEntry>> parseImageCatalogue(std::string_view catalogueJson,
                                                    std::string_view arch) {
    CUBBY_TRY(catalogue, parseJson(catalogueJson));
    const JsonValue* products = catalogue.member("products");
    if (!products || !products->isObject())
        return failInvalid("the image server's catalogue has no \"products\" object");
    std::vector<ImageEntry> images;
    for (const auto& [id, product] : products->object) {
        if (!product.isObject() || product.text("arch") != arch)
            continue;
        ImageEntry entry;
        entry.distro = lower(id.substr(0, std::min(id.find(':'), id.size())));
        entry.release = std::string(product.text("release"));
        entry.variant = std::string(product.text("variant"));
        if (entry.variant.empty())
            entry.variant = "default";
        entry.arch = std::string(arch);
        if (!plainWord(entry.distro) || !plainWord(entry.release) || !plainWord(entry.variant))
            continue;
        const std::string_view os = product.text("os");
        entry.title = std::format("{} {}", plainWord(os) ? os : std::string_view(entry.distro),
                                  entry.release);
        const JsonValue* versions = product.member("versions");
        if (!versions || !versions->isObject())
            continue;
        // The newest version that has a root filesystem.
        const std::string* newest = nullptr;
        std::optional<std::pair<std::string, std::pair<std::string, uint64_t>>> item;
        for (const auto& [name, version] : versions->object) {
            if (newest && name <= *newest)
                continue;
            if (auto found = rootfsItem(version)) {
                newest = &name;
                item = std::move(found);
            }
        }
        if (!newest || newest->size() > 64)
            continue;
        entry.version = *newest;
        entry.path = item->first;
        entry.sha256 = item->second.first;
        entry.size = item->second.second;
        if (images.size() == maxImages)
            return failInvalid(
                std::format("the image server lists more than {} images", maxImages));
        images.push_back(std::move(entry));
    }
    std::ranges::sort(images, {}, &ImageEntry::name);
    return images;
}

std::optional<ImageEntry> findImage(const std::vector<ImageEntry>& images, std::string_view spec) {
    for (const auto& image : images) {
        if (image.name() == spec ||
            (image.variant == "default" && spec == image.name() + "/default"))
            return image;
    }
    return std::nullopt;
}

std::string_view imageArchitecture() {
#if defined(__x86_64__)
    return "amd64";
#elif defined(__aarch64__)
    return "arm64";
#elif defined(__i386__)
    return "i386";
#elif defined(__riscv) && __riscv_xlen == 64
    return "riscv64";
#elif defined(__powerpc64__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    return "ppc64el";
#elif defined(__s390x__)
    return "s390x";
#else
    return "unknown";
#endif
}

} // namespace cubby
