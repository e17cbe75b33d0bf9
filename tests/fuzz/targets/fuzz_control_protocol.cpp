// The controller's packet decoder on arbitrary packets: any client on its socket can send
// anything. The oracles: a decoded packet encodes back to the same bytes, and a window size
// the controller accepts is within its bounds and reads back from its own text.
#include "control_protocol.h"
#include "fuzz_check.h"

#include <cstddef>
#include <cstdint>
#include <format>

using namespace cubby;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view packet(reinterpret_cast<const char*>(data), size);
    const auto decoded = decodeControl(packet);
    if (!decoded)
        return 0;
    fuzz::check(encodeControl(decoded->type, decoded->payload) == packet,
                "a decoded packet does not encode back to itself", packet);
    if (decoded->type != ControlMessage::WindowSize)
        return 0;
    const auto window = parseWindowSize(decoded->payload);
    if (!window)
        return 0;
    fuzz::check(window->rows >= 1 && window->rows <= 4096 && window->columns >= 1 &&
                    window->columns <= 4096,
                "a window size out of bounds was accepted", decoded->payload);
    const std::string text = std::format("{} {}", window->rows, window->columns);
    const auto again = parseWindowSize(text);
    fuzz::check(again && again->rows == window->rows && again->columns == window->columns,
                "a window size does not read back from its own text", text);
    return 0;
}
