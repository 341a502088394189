// A growable circular buffer: the channel's buffer.
//
// std::deque spreads its bookkeeping over two cache lines and its values over
// separately allocated blocks; a ring keeps head, size and the storage
// pointer in 24 bytes beside the channel's lock, so a send or a receive that
// finds the channel contended moves one line of bookkeeping between cores
// instead of several. Values sit contiguously, eight 8-byte values to a line.
// The capacity is a power of two and doubles when a push finds it full.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <utility>

namespace asyncscope::detail {

template <class T>
class Ring {
public:
    Ring() noexcept = default;
    Ring(const Ring&) = delete;
    Ring& operator=(const Ring&) = delete;
    ~Ring() {
        while (m_size != 0) pop_front();
        ::operator delete (m_slots, std::align_val_t{alignof(T)});
    }

    bool empty() const noexcept { return m_size == 0; }
    std::size_t size() const noexcept { return m_size; }
    T& front() noexcept { return m_slots[m_head]; }

    void reserve(std::size_t n) {
        if (n > m_mask + 1 || m_slots == nullptr) regrow(n);
    }
    void push_back(T&& v) {
        if (m_slots == nullptr || m_size == m_mask + 1) regrow(m_size + 1);
        ::new (static_cast<void*>(&m_slots[(m_head + m_size) & m_mask])) T(std::move(v));
        ++m_size;
    }
    void push_front(T&& v) {
        if (m_slots == nullptr || m_size == m_mask + 1) regrow(m_size + 1);
        const std::size_t at = (m_head + m_mask) & m_mask;
        ::new (static_cast<void*>(&m_slots[at])) T(std::move(v));
        m_head = at;
        ++m_size;
    }
    void pop_front() noexcept {
        m_slots[m_head].~T();
        m_head = (m_head + 1) & m_mask;
        --m_size;
    }

private:
    void regrow(std::size_t atLeast) {
        std::size_t cap = 8;
        while (cap < atLeast || cap <= m_mask) cap *= 2;
        T* fresh = static_cast<T*>(::operator new (cap * sizeof(T), std::align_val_t{alignof(T)}));
        for (std::size_t i = 0; i < m_size; ++i) {
            T& from = m_slots[(m_head + i) & m_mask];
            ::new (static_cast<void*>(&fresh[i])) T(std::move(from));
            from.~T();
        }
        ::operator delete (m_slots, std::align_val_t{alignof(T)});
        m_slots = fresh;
        m_head = 0;
        m_mask = cap - 1;
    }

    T* m_slots = nullptr;
    std::size_t m_head = 0;
    std::size_t m_size = 0;
    std::size_t m_mask = 0;
};

}  // namespace asyncscope::detail
