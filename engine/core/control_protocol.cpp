#include "control_protocol.h"

#include "text.h"

#include <algorithm>
#include <array>

namespace cubby {

namespace {

constexpr std::array<ControlMessage, 14> knownMessages{
    ControlMessage::OpenConsolePty, ControlMessage::OpenShell,     ControlMessage::AttachConsole,
    ControlMessage::ConsoleInput,   ControlMessage::WindowSize,    ControlMessage::StatusQuery,
    ControlMessage::Shutdown,       ControlMessage::Destroy,       ControlMessage::Reboot,
    ControlMessage::Scrollback,     ControlMessage::ConsoleOutput, ControlMessage::ConsoleClosed,
    ControlMessage::Reply,          ControlMessage::Failure,
};

} // namespace

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

} // namespace cubby
