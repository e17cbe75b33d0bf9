#pragma once
// The console's scrollback: the last N bytes written, in order. It grows as output arrives
// up to its capacity and then wraps, so a quiet container costs the controller little and a
// chatty one no more than the capacity.

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
    size_t size() const { return m_full ? m_capacity : m_next; }
    size_t capacity() const { return m_capacity; }

private:
    size_t m_capacity;
    std::vector<char> m_storage; // grows to m_capacity, then stays
    size_t m_next = 0;           // where the next byte goes
    bool m_full = false;
};

} // namespace cubby
