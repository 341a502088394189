// Coroutine frame allocator.
//
// Design note
// -----------
// Task frames are allocated on one thread and very often freed on another
// (spawned on worker 0, completed on worker 1). Through malloc that pattern
// makes both threads fight over one arena lock. Here each thread keeps, per
// size class (16-byte steps up to 1 KiB), a *current* free list and at most
// one *full* list of kBatch blocks. A thread that frees more than it allocates
// hands full lists to a global pool; a thread that allocates more takes whole
// lists back. Every exchange moves kBatch blocks under one short spin lock, so
// the steady cross-thread flow costs one lock per 64 frames.
//
// Memory is kept for reuse, not returned to the system (bounded by the peak
// number of live frames). Sanitizer builds bypass the pool so that ASan sees
// every allocation and every use after free.
#include <asyncscope/detail/spin_lock.hpp>

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <new>
#include <vector>

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define ASYNCSCOPE_NO_FRAME_POOL 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define ASYNCSCOPE_NO_FRAME_POOL 1
#endif
#endif

namespace asyncscope::detail {

#ifdef ASYNCSCOPE_NO_FRAME_POOL

void* allocFrame(std::size_t bytes) {
    return ::operator new(bytes);
}
void freeFrame(void* p, std::size_t) noexcept {
    ::operator delete(p);
}

#else

namespace {

constexpr std::size_t kGranule = 16;
constexpr std::size_t kClasses = 64;  // up to 1 KiB
constexpr std::uint32_t kBatch = 64;

struct FreeBlock {
    FreeBlock* next;
};

struct GlobalPool {
    SpinLock lock;
    std::vector<FreeBlock*> batches[kClasses];  // each a list of kBatch blocks
};

GlobalPool& global() {
    // Intentionally never destroyed: threads may free frames during static
    // destruction, and the blocks stay reachable (not leaks) for LSan.
    static GlobalPool* pool = new GlobalPool();
    return *pool;
}

struct ThreadCache {
    FreeBlock* current[kClasses] = {};
    std::uint32_t count[kClasses] = {};
    FreeBlock* full[kClasses] = {};

    ~ThreadCache() {
        GlobalPool& g = global();
        for (std::size_t c = 0; c < kClasses; ++c) {
            // Partial lists are returned to the system; full ones to the pool.
            for (FreeBlock* b = current[c]; b;) {
                FreeBlock* n = b->next;
                ::operator delete(b);
                b = n;
            }
            if (full[c]) {
                std::lock_guard lock(g.lock);
                g.batches[c].push_back(full[c]);
            }
        }
    }
};

thread_local ThreadCache t_cache;

}  // namespace

void* allocFrame(std::size_t bytes) {
    std::size_t c = (bytes + kGranule - 1) / kGranule;
    if (c >= kClasses) return ::operator new(bytes);
    ThreadCache& tc = t_cache;
    if (!tc.current[c]) {
        if (tc.full[c]) {
            tc.current[c] = tc.full[c];
            tc.full[c] = nullptr;
            tc.count[c] = kBatch;
        } else {
            GlobalPool& g = global();
            FreeBlock* batch = nullptr;
            {
                std::lock_guard lock(g.lock);
                if (!g.batches[c].empty()) {
                    batch = g.batches[c].back();
                    g.batches[c].pop_back();
                }
            }
            if (!batch) return ::operator new(c* kGranule);
            tc.current[c] = batch;
            tc.count[c] = kBatch;
        }
    }
    FreeBlock* b = tc.current[c];
    tc.current[c] = b->next;
    --tc.count[c];
    return b;
}

void freeFrame(void* p, std::size_t bytes) noexcept {
    std::size_t c = (bytes + kGranule - 1) / kGranule;
    if (c >= kClasses) {
        ::operator delete(p);
        return;
    }
    ThreadCache& tc = t_cache;
    if (tc.count[c] == kBatch) {
        if (tc.full[c]) {
            GlobalPool& g = global();
            std::lock_guard lock(g.lock);
            g.batches[c].push_back(tc.full[c]);
        }
        tc.full[c] = tc.current[c];
        tc.current[c] = nullptr;
        tc.count[c] = 0;
    }
    auto* b = static_cast<FreeBlock*>(p);
    b->next = tc.current[c];
    tc.current[c] = b;
    ++tc.count[c];
}

#endif

}  // namespace asyncscope::detail
