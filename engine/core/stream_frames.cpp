#include "stream_frames.h"

#include <algorithm>
#include <format>

namespace cubby {

std::array<char, 4> frameHeader(uint32_t length) {
    return {static_cast<char>(length >> 24), static_cast<char>(length >> 16),
            static_cast<char>(length >> 8), static_cast<char>(length)};
}

Status FrameReader::feed(std::string_view bytes, std::string& payload) {
    while (!bytes.empty()) {
        if (m_ended)
            return failInvalid("the stream goes on after its end");
        if (m_remaining > 0) {
            const size_t taken = std::min(m_remaining, bytes.size());
            payload.append(bytes.substr(0, taken));
            bytes.remove_prefix(taken);
            m_remaining -= taken;
            continue;
        }
        m_header[m_headerBytes++] = static_cast<unsigned char>(bytes.front());
        bytes.remove_prefix(1);
        if (m_headerBytes < m_header.size())
            continue;
        m_headerBytes = 0;
        const size_t length = size_t(m_header[0]) << 24 | size_t(m_header[1]) << 16 |
                              size_t(m_header[2]) << 8 | size_t(m_header[3]);
        if (length > maxFramePayload)
            return failInvalid(std::format("a frame of {} bytes is longer than the {} allowed",
                                           length, maxFramePayload));
        m_remaining = length;
        m_ended = length == 0;
    }
    return {};
}

} // namespace cubby
