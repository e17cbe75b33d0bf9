#include "cgroup_files.h"

#include "text.h"

#include <algorithm>
#include <format>

namespace cubby {

namespace {

// Splits on any run of the given separators, dropping empty pieces.
std::vector<std::string_view> split(std::string_view text, std::string_view separators) {
    std::vector<std::string_view> parts;
    size_t start = 0;
    while (start < text.size()) {
        const size_t end = std::min(text.find_first_of(separators, start), text.size());
        if (end > start)
            parts.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return parts;
}

std::unexpected<Error> malformed(std::string_view path, std::string_view text) {
    return failInvalid(std::format("{}: unexpected content {}", path, quoted(text)));
}

// mountinfo escapes blanks, newlines and backslashes in paths as \ooo (octal).
std::string unescapeMountPath(std::string_view text) {
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        const auto isOctal = [&](size_t k) { return text[k] >= '0' && text[k] <= '7'; };
        if (text[i] == '\\' && i + 3 < text.size() && isOctal(i + 1) && isOctal(i + 2) &&
            isOctal(i + 3)) {
            out += static_cast<char>((text[i + 1] - '0') * 64 + (text[i + 2] - '0') * 8 +
                                     (text[i + 3] - '0'));
            i += 3;
        } else {
            out += text[i];
        }
    }
    return out;
}

} // namespace

Result<std::optional<uint64_t>> parseCgroupNumber(std::string_view text, std::string_view path) {
    const std::string_view value = trimmed(text);
    if (value == "max")
        return std::nullopt;
    uint64_t number = 0;
    if (!parseUnsigned(value, number))
        return malformed(path, text);
    return number;
}

Result<std::optional<uint64_t>> parseFlatKeyed(std::string_view text, std::string_view key,
                                               std::string_view path) {
    for (const std::string_view line : split(text, "\n")) {
        const auto fields = split(line, " ");
        if (fields.size() != 2)
            return malformed(path, line);
        if (fields[0] != key)
            continue;
        uint64_t number = 0;
        if (!parseUnsigned(fields[1], number))
            return malformed(path, line);
        return number;
    }
    return std::nullopt;
}

Result<std::vector<uint64_t>> parseNumberList(std::string_view text, std::string_view path) {
    std::vector<uint64_t> numbers;
    for (const std::string_view field : split(text, " \t\n")) {
        uint64_t number = 0;
        if (!parseUnsigned(field, number))
            return malformed(path, field);
        numbers.push_back(number);
    }
    return numbers;
}

std::optional<uint64_t> v1MemoryLimit(uint64_t bytes) {
    // The kernel's figure depends on the page size (PAGE_COUNTER_MAX * PAGE_SIZE); no machine
    // has 4 EiB, so anything from there up is the "unlimited" marker.
    constexpr uint64_t unlimitedFrom = uint64_t{1} << 62;
    if (bytes >= unlimitedFrom)
        return std::nullopt;
    return bytes;
}

std::string v1DeviceRuleLine(const DeviceRule& rule) {
    const auto number = [](int value) {
        return value < 0 ? std::string("*") : std::to_string(value);
    };
    std::string access;
    if (rule.read)
        access += 'r';
    if (rule.write)
        access += 'w';
    if (rule.mknod)
        access += 'm';
    return std::format("{} {}:{} {}", rule.type, number(rule.major), number(rule.minor), access);
}

std::optional<std::string> v2CpuMax(std::optional<int64_t> quotaUs,
                                    std::optional<uint64_t> periodUs) {
    if (!quotaUs && !periodUs)
        return std::nullopt;
    const std::string quota = quotaUs && *quotaUs >= 0 ? std::to_string(*quotaUs) : "max";
    if (!periodUs)
        return quota;
    return std::format("{} {}", quota, *periodUs);
}

uint64_t v2SwapMax(uint64_t swapHardLimitBytes, std::optional<uint64_t> memoryMaxBytes) {
    if (!memoryMaxBytes)
        return swapHardLimitBytes;
    return swapHardLimitBytes > *memoryMaxBytes ? swapHardLimitBytes - *memoryMaxBytes : 0;
}

namespace {

std::string diskKey(const IoDeviceLimit& device) {
    return std::format("{}:{}", device.disk.major, device.disk.minor);
}

using RateField = std::optional<uint64_t> IoDeviceLimit::*;

RateField rateField(IoRate rate) {
    switch (rate) {
    case IoRate::ReadBytes:
        return &IoDeviceLimit::readBytesPerSec;
    case IoRate::WriteBytes:
        return &IoDeviceLimit::writeBytesPerSec;
    case IoRate::ReadIops:
        return &IoDeviceLimit::readIopsPerSec;
    case IoRate::WriteIops:
        return &IoDeviceLimit::writeIopsPerSec;
    }
    return &IoDeviceLimit::readBytesPerSec;
}

} // namespace

std::vector<std::string> v2IoMaxLines(const CgroupLimits& limits) {
    constexpr std::pair<const char*, IoRate> keys[] = {{"rbps", IoRate::ReadBytes},
                                                       {"wbps", IoRate::WriteBytes},
                                                       {"riops", IoRate::ReadIops},
                                                       {"wiops", IoRate::WriteIops}};
    std::vector<std::string> lines;
    for (const IoDeviceLimit& device : limits.ioDevices) {
        std::string line = diskKey(device);
        for (const auto& [key, rate] : keys) {
            if (const auto value = device.*rateField(rate))
                line += std::format(" {}={}", key, *value);
        }
        if (line.size() > diskKey(device).size())
            lines.push_back(std::move(line));
    }
    return lines;
}

std::vector<std::string> v2IoWeightLines(const CgroupLimits& limits, bool bfq) {
    const auto scaled = [bfq](uint64_t weight) {
        return bfq ? weight : ioWeightFromBlkioWeight(weight);
    };
    std::vector<std::string> lines;
    if (limits.ioWeight)
        lines.push_back(std::format("default {}", scaled(*limits.ioWeight)));
    for (const IoDeviceLimit& device : limits.ioDevices) {
        if (device.weight)
            lines.push_back(std::format("{} {}", diskKey(device), scaled(*device.weight)));
    }
    return lines;
}

std::vector<std::string> v1ThrottleLines(const CgroupLimits& limits, IoRate rate) {
    std::vector<std::string> lines;
    for (const IoDeviceLimit& device : limits.ioDevices) {
        if (const auto value = device.*rateField(rate))
            lines.push_back(std::format("{} {}", diskKey(device), *value));
    }
    return lines;
}

std::vector<std::string> v1IoWeightLines(const CgroupLimits& limits) {
    if (!limits.ioWeight)
        return {};
    return {std::to_string(*limits.ioWeight)};
}

std::vector<std::string> v1IoWeightDeviceLines(const CgroupLimits& limits) {
    std::vector<std::string> lines;
    for (const IoDeviceLimit& device : limits.ioDevices) {
        if (device.weight)
            lines.push_back(std::format("{} {}", diskKey(device), *device.weight));
    }
    return lines;
}

bool CgroupMount::hasOption(std::string_view option) const {
    return std::ranges::find(options, option) != options.end();
}

Result<std::vector<CgroupMount>> parseCgroupMounts(std::string_view mountinfo) {
    std::vector<CgroupMount> mounts;
    for (const std::string_view line : split(mountinfo, "\n")) {
        // ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTIONS [OPTIONAL...] - FSTYPE SOURCE SUPEROPTIONS
        const auto fields = split(line, " ");
        const auto dash = std::ranges::find(fields, std::string_view("-"));
        const auto before = static_cast<size_t>(dash - fields.begin());
        if (dash == fields.end() || before < 6 || fields.end() - dash != 4)
            continue; // not a mount line we can read; it cannot be a cgroup mount either
        const std::string_view type = dash[1];
        if (type != "cgroup" && type != "cgroup2")
            continue;
        CgroupMount mount;
        mount.root = unescapeMountPath(fields[3]);
        mount.mountPoint = unescapeMountPath(fields[4]);
        mount.v2 = type == "cgroup2";
        if (!mount.mountPoint.starts_with('/'))
            return malformed("/proc/self/mountinfo", line);
        if (!mount.v2) {
            for (const std::string_view option : split(dash[3], ","))
                mount.options.emplace_back(option);
        }
        mounts.push_back(std::move(mount));
    }
    return mounts;
}

} // namespace cubby
