// One column of a recording: a growable array of a trivially copyable type,
// like std::vector, kept in its own memory mapping once it is large.
//
// A recording grows to hundreds of megabytes while the run goes on, on the
// collector's thread, which shares the machine's cores with the engine.
// std::vector grows by allocating twice the size and copying everything
// across, touching every byte again and faulting in every new 4 KiB page.
// A large Column instead grows its mapping in place with mremap (the kernel
// moves page tables, not bytes) and asks for transparent huge pages, so a
// new 2 MiB of recording is one page fault, not 512. Small columns (under
// kMapBytes) live on the heap.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <new>
#include <span>
#include <type_traits>
#include <utility>

namespace asyncscope::trace {

namespace column_detail {
// The mapping primitives (column.cpp). Return nullptr on failure.
void* columnMap(std::size_t bytes) noexcept;
void* columnRemap(void* p, std::size_t oldBytes, std::size_t newBytes) noexcept;
void columnUnmap(void* p, std::size_t bytes) noexcept;
}  // namespace column_detail

template <class T>
class Column {
    static_assert(std::is_trivially_copyable_v<T>);

public:
    // From this many bytes on, the column is a mapping of its own.
    static constexpr std::size_t kMapBytes = std::size_t{1} << 20;

    Column() = default;
    Column(const Column& o) { assign(o); }
    Column(Column&& o) noexcept { swap(o); }
    Column& operator=(const Column& o) {
        if (this != &o) {
            clear();
            assign(o);
        }
        return *this;
    }
    Column& operator=(Column&& o) noexcept {
        if (this != &o) {
            release();
            swap(o);
        }
        return *this;
    }
    ~Column() { release(); }

    std::size_t size() const noexcept { return m_size; }
    bool empty() const noexcept { return m_size == 0; }
    std::size_t capacity() const noexcept { return m_capacity; }
    // Bytes the column holds from the system (its capacity, page-rounded
    // when mapped).
    std::size_t reservedBytes() const noexcept { return m_bytes; }

    T& operator[](std::size_t i) noexcept { return m_data[i]; }
    const T& operator[](std::size_t i) const noexcept { return m_data[i]; }
    T* data() noexcept { return m_data; }
    const T* data() const noexcept { return m_data; }
    T* begin() noexcept { return m_data; }
    T* end() noexcept { return m_data + m_size; }
    const T* begin() const noexcept { return m_data; }
    const T* end() const noexcept { return m_data + m_size; }
    const T& front() const noexcept { return m_data[0]; }
    const T& back() const noexcept { return m_data[m_size - 1]; }
    operator std::span<const T>() const noexcept { return {m_data, m_size}; }

    void push_back(const T& v) {
        if (m_size == m_capacity) grow(m_size + 1);
        m_data[m_size++] = v;
    }
    // Grows to n elements; the new ones are left for the caller to write
    // (zero in a fresh mapping, unspecified when reused).
    void resizeForOverwrite(std::size_t n) {
        if (n > m_capacity) grow(n);
        m_size = n;
    }
    void reserve(std::size_t n) {
        if (n > m_capacity) reallocate(n);
    }
    // Keeps the memory, like std::vector::clear.
    void clear() noexcept { m_size = 0; }

    void swap(Column& o) noexcept {
        std::swap(m_data, o.m_data);
        std::swap(m_size, o.m_size);
        std::swap(m_capacity, o.m_capacity);
        std::swap(m_bytes, o.m_bytes);
        std::swap(m_mapped, o.m_mapped);
    }

private:
    void assign(const Column& o) {
        reserve(o.m_size);
        if (o.m_size) std::memcpy(m_data, o.m_data, o.m_size * sizeof(T));
        m_size = o.m_size;
    }

    // Amortised growth: half again (a mapping grows without copying, so a
    // smaller factor costs little and wastes less of the memory cap).
    void grow(std::size_t atLeast) {
        reallocate(std::max(atLeast, m_capacity + m_capacity / 2 + 16));
    }

    void reallocate(std::size_t n) {
        const std::size_t want = n * sizeof(T);
        if (want >= kMapBytes) {
            const std::size_t bytes = (want + kPage - 1) / kPage * kPage;
            void* p = nullptr;
            if (m_mapped) {
                p = column_detail::columnRemap(m_data, m_bytes, bytes);
            } else {
                p = column_detail::columnMap(bytes);
                if (p && m_size) std::memcpy(p, m_data, m_size * sizeof(T));
                if (p) std::free(m_data);
            }
            if (!p) throw std::bad_alloc();
            m_data = static_cast<T*>(p);
            m_bytes = bytes;
            m_mapped = true;
        } else {
            // Only ever below kMapBytes: a heap block (the column never shrinks).
            void* p = std::realloc(m_data, want);
            if (!p) throw std::bad_alloc();
            m_data = static_cast<T*>(p);
            m_bytes = want;
        }
        m_capacity = m_bytes / sizeof(T);
    }

    void release() noexcept {
        if (m_mapped)
            column_detail::columnUnmap(m_data, m_bytes);
        else
            std::free(m_data);
        m_data = nullptr;
        m_size = m_capacity = m_bytes = 0;
        m_mapped = false;
    }

    static constexpr std::size_t kPage = 4096;
    T* m_data = nullptr;
    std::size_t m_size = 0;
    std::size_t m_capacity = 0;
    std::size_t m_bytes = 0;
    bool m_mapped = false;
};

}  // namespace asyncscope::trace
