#include "control_protocol.h"

#include "text.h"

#include <algorithm>
#include <array>
#include <limits>

namespace cubby {

namespace {

constexpr std::array<ControlMessage, 17> knownMessages{
    ControlMessage::OpenRoot,       ControlMessage::Exec,          ControlMessage::SetLimits,
    ControlMessage::OpenConsolePty, ControlMessage::OpenShell,     ControlMessage::AttachConsole,
    ControlMessage::ConsoleInput,   ControlMessage::WindowSize,    ControlMessage::StatusQuery,
    ControlMessage::Shutdown,       ControlMessage::Destroy,       ControlMessage::Reboot,
    ControlMessage::Scrollback,     ControlMessage::ConsoleOutput, ControlMessage::ConsoleClosed,
    ControlMessage::Reply,          ControlMessage::Failure,
};

template <class Number>
std::string field(const std::optional<Number>& value) {
    return value ? std::to_string(*value) : std::string("-");
}

} // namespace

unsigned controlProtocolIntroducing(ControlMessage type) {
    static constexpr std::pair<ControlMessage, unsigned> introduced[] = {
        {ControlMessage::SetLimits, 2},
        {ControlMessage::Exec, 3},
        {ControlMessage::OpenRoot, 4},
    };
    for (const auto& [message, version] : introduced) {
        if (message == type)
            return version;
    }
    return 1;
}

std::optional<unsigned> controlProtocolOfStatus(std::string_view statusReply) {
    constexpr std::string_view key = "\nprotocol=";
    // Keys are at line starts; a leading newline makes the first line one like the others.
    const std::string text = "\n" + std::string(statusReply);
    if (const size_t at = text.find(key); at != std::string::npos) {
        const size_t start = at + key.size();
        const std::string_view line =
            std::string_view(text).substr(start, text.find('\n', start) - start);
        uint64_t version = 0;
        if (!parseUnsigned(line, version) || version == 0 ||
            version > std::numeric_limits<unsigned>::max())
            return std::nullopt;
        return static_cast<unsigned>(version);
    }
    return 1;
}

std::string encodeControl(ControlMessage type, std::string_view payload) {
    std::string packet;
    packet.reserve(payload.size() + 1);
    packet += static_cast<char>(type);
    packet += payload;
    return packet;
}

std::optional<DecodedControl> decodeControl(std::string_view packet) {
    if (packet.empty())
        return std::nullopt;
    const auto type = static_cast<ControlMessage>(packet.front());
    if (std::ranges::find(knownMessages, type) == knownMessages.end())
        return std::nullopt;
    return DecodedControl{type, packet.substr(1)};
}

std::optional<WindowSizeRequest> parseWindowSize(std::string_view payload) {
    const size_t space = payload.find(' ');
    uint64_t rows = 0, columns = 0;
    if (space == std::string_view::npos || !parseUnsigned(payload.substr(0, space), rows) ||
        !parseUnsigned(payload.substr(space + 1), columns) || rows == 0 || columns == 0 ||
        rows > 4096 || columns > 4096)
        return std::nullopt;
    return WindowSizeRequest{static_cast<uint16_t>(rows), static_cast<uint16_t>(columns)};
}

std::string formatLiveLimits(const LiveLimitsRequest& request) {
    return std::to_string(request.memoryKiB) + ' ' + field(request.hardLimitKiB) + ' ' +
           field(request.cpuShares) + ' ' + field(request.cpuPeriodUs) + ' ' +
           field(request.cpuQuotaUs);
}

std::optional<LiveLimitsRequest> parseLiveLimits(std::string_view payload) {
    std::array<std::string_view, 5> fields;
    size_t count = 0;
    while (!payload.empty()) {
        const size_t space = payload.find(' ');
        if (count == fields.size() || space == 0)
            return std::nullopt;
        fields[count++] = payload.substr(0, space);
        payload = space == std::string_view::npos ? std::string_view() : payload.substr(space + 1);
    }
    if (count != fields.size())
        return std::nullopt;
    const auto unsignedField = [](std::string_view text, std::optional<uint64_t>& out) {
        uint64_t value = 0;
        if (text == "-")
            return true;
        if (!parseUnsigned(text, value))
            return false;
        out = value;
        return true;
    };
    LiveLimitsRequest request;
    std::optional<uint64_t> memory;
    if (!unsignedField(fields[0], memory) || !memory || *memory == 0 ||
        !unsignedField(fields[1], request.hardLimitKiB) ||
        !unsignedField(fields[2], request.cpuShares) ||
        !unsignedField(fields[3], request.cpuPeriodUs))
        return std::nullopt;
    request.memoryKiB = *memory;
    if (fields[4] == "-1") {
        request.cpuQuotaUs = -1;
    } else {
        std::optional<uint64_t> quota;
        if (!unsignedField(fields[4], quota) ||
            (quota && *quota > uint64_t(std::numeric_limits<int64_t>::max())))
            return std::nullopt;
        if (quota)
            request.cpuQuotaUs = int64_t(*quota);
    }
    return request;
}

std::string formatExecRequest(const ExecRequest& request) {
    std::string payload = request.terminal ? "t" : "-";
    payload += '\0';
    payload += request.user;
    for (const std::string& argument : request.argv) {
        payload += '\0';
        payload += argument;
    }
    return payload;
}

std::optional<ExecRequest> parseExecRequest(std::string_view payload) {
    if (payload.size() > maxControlPacket)
        return std::nullopt;
    std::vector<std::string_view> fields;
    size_t start = 0;
    for (;;) {
        const size_t end = payload.find('\0', start);
        fields.push_back(
            payload.substr(start, end == std::string_view::npos ? payload.npos : end - start));
        if (end == std::string_view::npos)
            break;
        if (fields.size() > maxExecArguments + 2)
            return std::nullopt;
        start = end + 1;
    }
    if (fields.size() < 3 || fields.size() > maxExecArguments + 2 ||
        (fields[0] != "t" && fields[0] != "-") || fields[2].empty())
        return std::nullopt;
    const std::string_view user = fields[1];
    const bool plainUser =
        user.size() <= 32 &&
        std::ranges::all_of(user,
                            [](char c) {
                                return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                                       (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
                            }) &&
        !user.starts_with('-');
    if (!plainUser)
        return std::nullopt;
    ExecRequest request;
    request.terminal = fields[0] == "t";
    request.user = std::string(user);
    for (size_t i = 2; i < fields.size(); ++i)
        request.argv.emplace_back(fields[i]);
    return request;
}

std::optional<int> parseExecStatus(std::string_view text) {
    text = trimmed(text);
    uint64_t number = 0;
    if (text.starts_with("exit ") && parseUnsigned(text.substr(5), number) && number <= 255)
        return static_cast<int>(number);
    if (text.starts_with("signal ") && parseUnsigned(text.substr(7), number) && number > 0 &&
        number < 128)
        return 128 + static_cast<int>(number);
    return std::nullopt;
}

} // namespace cubby
