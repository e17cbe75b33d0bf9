#include "ring_buffer.h"

#include <algorithm>

namespace cubby {

RingBuffer::RingBuffer(size_t capacity)
    : m_capacity(capacity) {}

void RingBuffer::append(std::string_view bytes) {
    const size_t capacity = m_capacity;
    if (capacity == 0)
        return;
    if (!m_full && m_next + bytes.size() < capacity) { // still growing: no wrap yet
        m_storage.insert(m_storage.end(), bytes.begin(), bytes.end());
        m_next += bytes.size();
        return;
    }
    m_storage.resize(capacity);     // from here on a fixed ring
    if (bytes.size() >= capacity) { // only the tail survives
        bytes = bytes.substr(bytes.size() - capacity);
        std::ranges::copy(bytes, m_storage.begin());
        m_next = 0;
        m_full = true;
        return;
    }
    const size_t first = std::min(bytes.size(), capacity - m_next);
    std::copy_n(bytes.begin(), first, m_storage.begin() + static_cast<ptrdiff_t>(m_next));
    std::copy(bytes.begin() + static_cast<ptrdiff_t>(first), bytes.end(), m_storage.begin());
    if (m_next + bytes.size() >= capacity)
        m_full = true;
    m_next = (m_next + bytes.size()) % capacity;
}

std::string RingBuffer::contents() const {
    if (!m_full)
        return std::string(m_storage.data(), m_next);
    std::string out(m_storage.begin() + static_cast<ptrdiff_t>(m_next), m_storage.end());
    out.append(m_storage.data(), m_next);
    return out;
}

} // namespace cubby
