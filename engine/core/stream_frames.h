#pragma once
// A byte stream in frames, so that its receiver can tell a stream that ended from one that was
// cut off (issue 13). An archive carried to another machine through ssh arrives on the remote
// cubbyctl's standard input, and there a dropped connection looks exactly like the end of
// the data; a tar archive cut at a member boundary even unpacks "successfully". Framed, the
// sender says where the end is, and a stream without that end is cancelled, not kept.
//
// Each frame is a 4-byte big-endian length and that many bytes; a frame of length 0 ends the
// stream. A frame holds at most maxFramePayload bytes.

#include "error.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace cubby {

inline constexpr size_t maxFramePayload = size_t(1) << 20;

// The header of a frame of `length` bytes (at most maxFramePayload); 0 is the end frame.
std::array<char, 4> frameHeader(uint32_t length);

class FrameReader {
public:
    // Takes the next bytes of the stream in any pieces; appends the payload they carry to
    // `payload`. Refuses a frame longer than maxFramePayload and anything after the end frame.
    Status feed(std::string_view bytes, std::string& payload);
    // The end frame has arrived.
    bool ended() const { return m_ended; }

private:
    std::array<unsigned char, 4> m_header = {};
    size_t m_headerBytes = 0;
    size_t m_remaining = 0; // payload bytes still to come in the current frame
    bool m_ended = false;
};

} // namespace cubby
