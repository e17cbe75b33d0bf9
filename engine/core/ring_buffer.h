#pragma once
// The console's scrollback: the last N bytes written, in order. Fixed size, so a chatty
// container costs the controller nothing more than this buffer.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace cubby {

class RingBuffer {
public:
    explicit RingBuffer(size_t capacity);

    void append(std::string_view bytes);
    // Everything kept, oldest first.
    std::string contents() const;
    size_t size() const { return m_full ? m_storage.size() : m_next; }
    size_t capacity() const { return m_storage.size(); }

private:
    std::vector<char> m_storage;
    size_t m_next = 0; // where the next byte goes
    bool m_full = false;
};

} // namespace cubby
