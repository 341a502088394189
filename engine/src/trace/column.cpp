#include <asyncscope/trace/column.hpp>

#include <sys/mman.h>

namespace asyncscope::trace::column_detail {

namespace {
// Transparent huge pages where the system allows them on request ("madvise",
// Debian's default): a fault then maps 2 MiB at once. Advice only; without
// it the column works the same with 4 KiB pages.
void adviseHuge(void* p, std::size_t bytes) noexcept {
#ifdef MADV_HUGEPAGE
    (void)madvise(p, bytes, MADV_HUGEPAGE);
#else
    (void)p;
    (void)bytes;
#endif
}
}  // namespace

void* columnMap(std::size_t bytes) noexcept {
    void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return nullptr;
    adviseHuge(p, bytes);
    return p;
}

void* columnRemap(void* p, std::size_t oldBytes, std::size_t newBytes) noexcept {
    void* q = mremap(p, oldBytes, newBytes, MREMAP_MAYMOVE);
    if (q == MAP_FAILED) return nullptr;
    adviseHuge(q, newBytes);
    return q;
}

void columnUnmap(void* p, std::size_t bytes) noexcept {
    if (p) munmap(p, bytes);
}

}  // namespace asyncscope::trace::column_detail
