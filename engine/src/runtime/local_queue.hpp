// The bounded local run queue of one worker (after Tokio's queue.rs).
//
// Design note
// -----------
// A ring buffer of `capacity` slots (a power of two) indexed by wrapping u32
// positions. The owner pushes at `tail` and pops at the head; any other worker
// may steal half of the queue in one batch.
//
// `head` packs two u32 positions: `real` (next task to pop) and `steal` (the
// first slot a stealer is still copying). When no steal is in progress they
// are equal. A stealer
//   1. CASes head from (s, r) with s == r to (s, r + n): it claims n tasks; the
//      owner can no longer pop them, and nobody else can start a steal because
//      steal != real;
//   2. copies the n slots into its own queue;
//   3. CASes head to (r + n, r + n): the slots are free for the owner again.
// The owner never writes a slot in [steal, tail), so the copy in step 2 reads
// stable data. Only the owner writes `tail` (Release, after writing the slot),
// stealers read it with Acquire.
//
// When the queue is full the owner moves half of it plus the new task to the
// global inject queue in one batch (unless a steal is in progress, in which
// case the new task alone goes there).
#pragma once

#include "runtime/runtime_impl_fwd.hpp"

#include <atomic>
#include <cassert>
#include <cstdint>
#include <memory>

namespace asyncscope::detail {

class LocalQueue {
public:
    explicit LocalQueue(unsigned capacity)
        : m_capacity(capacity),
          m_mask(capacity - 1),
          m_slots(std::make_unique<std::atomic<TaskHeader*>[]>(capacity)) {
        assert(capacity >= 4 && (capacity & (capacity - 1)) == 0);
    }

    static std::uint64_t pack(std::uint32_t steal, std::uint32_t real) noexcept {
        return (std::uint64_t{steal} << 32) | real;
    }
    static std::uint32_t stealPart(std::uint64_t h) noexcept { return std::uint32_t(h >> 32); }
    static std::uint32_t realPart(std::uint64_t h) noexcept { return std::uint32_t(h); }

    // Approximate length, for any thread.
    std::uint32_t len() const noexcept {
        std::uint64_t h = m_head.load(std::memory_order_acquire);
        std::uint32_t t = m_tail.load(std::memory_order_acquire);
        return t - realPart(h);
    }
    bool empty() const noexcept { return len() == 0; }
    unsigned capacity() const noexcept { return m_capacity; }

    // Owner only. Returns the number of tasks moved to the inject queue
    // (0 when the task fitted), so the caller can trace it.
    template <class Overflow>
    void pushBack(TaskHeader* task, Overflow&& overflow) noexcept {
        std::uint32_t tail;
        for (;;) {
            std::uint64_t head = m_head.load(std::memory_order_acquire);
            std::uint32_t steal = stealPart(head), real = realPart(head);
            tail = m_tail.load(std::memory_order_relaxed);  // only we write it
            if (tail - steal < m_capacity) break;
            if (steal != real) {
                // A stealer is making room; don't wait for it.
                overflow(task, task, 1);
                return;
            }
            if (pushOverflow(task, real, overflow)) return;
            // A stealer took tasks between our load and CAS: there is room now.
        }
        m_slots[tail & m_mask].store(task, std::memory_order_relaxed);
        // Release: a stealer that sees the new tail sees the slot.
        m_tail.store(tail + 1, std::memory_order_release);
    }

    // Owner only.
    TaskHeader* pop() noexcept {
        std::uint64_t head = m_head.load(std::memory_order_acquire);
        std::uint32_t idx;
        for (;;) {
            std::uint32_t steal = stealPart(head), real = realPart(head);
            std::uint32_t tail = m_tail.load(std::memory_order_relaxed);
            if (real == tail) return nullptr;
            std::uint32_t nextReal = real + 1;
            std::uint64_t next = steal == real ? pack(nextReal, nextReal) : pack(steal, nextReal);
            // AcqRel: orders our read of the slot against stealers' claims.
            if (m_head.compare_exchange_weak(head, next, std::memory_order_acq_rel,
                                             std::memory_order_acquire)) {
                idx = real & m_mask;
                break;
            }
        }
        return m_slots[idx].load(std::memory_order_relaxed);
    }

    // Called on the victim by the thief (owner of `dst`). Moves half of the
    // victim's tasks into `dst` and returns one of them to run now (or null).
    // `*count` receives how many tasks were taken in total.
    TaskHeader* stealInto(LocalQueue& dst, std::uint32_t* count) noexcept {
        *count = 0;
        std::uint32_t dstTail = dst.m_tail.load(std::memory_order_relaxed);
        std::uint32_t dstSteal = stealPart(dst.m_head.load(std::memory_order_acquire));
        if (dstTail - dstSteal > dst.m_capacity / 2) return nullptr;  // we have plenty

        std::uint32_t n = stealInto2(dst, dstTail);
        if (n == 0) return nullptr;
        *count = n;
        --n;
        TaskHeader* ret = dst.m_slots[(dstTail + n) & dst.m_mask].load(std::memory_order_relaxed);
        if (n == 0) return ret;
        dst.m_tail.store(dstTail + n, std::memory_order_release);
        return ret;
    }

    // Shutdown only (no concurrent access): pops everything.
    TaskHeader* drainOne() noexcept { return pop(); }

private:
    template <class Overflow>
    bool pushOverflow(TaskHeader* task, std::uint32_t head, Overflow& overflow) noexcept {
        const std::uint32_t take = m_capacity / 2;
        std::uint64_t prev = pack(head, head);
        // Claim `take` tasks from the head; fails if a stealer got there first.
        if (!m_head.compare_exchange_strong(prev, pack(head + take, head + take),
                                            std::memory_order_release, std::memory_order_relaxed))
            return false;
        TaskHeader* first = m_slots[head & m_mask].load(std::memory_order_relaxed);
        TaskHeader* last = first;
        for (std::uint32_t i = 1; i < take; ++i) {
            TaskHeader* t = m_slots[(head + i) & m_mask].load(std::memory_order_relaxed);
            last->queueNext = t;
            last = t;
        }
        last->queueNext = task;
        task->queueNext = nullptr;
        overflow(first, task, take + 1);
        return true;
    }

    std::uint32_t stealInto2(LocalQueue& dst, std::uint32_t dstTail) noexcept {
        std::uint64_t prev = m_head.load(std::memory_order_acquire);
        std::uint64_t next;
        std::uint32_t n;
        for (;;) {
            std::uint32_t steal = stealPart(prev), real = realPart(prev);
            std::uint32_t tail = m_tail.load(std::memory_order_acquire);
            if (steal != real) return 0;  // someone else is stealing
            n = tail - real;
            n -= n / 2;
            if (n == 0) return 0;
            next = pack(steal, real + n);
            if (m_head.compare_exchange_weak(prev, next, std::memory_order_acq_rel,
                                             std::memory_order_acquire))
                break;
        }
        std::uint32_t first = stealPart(next);
        for (std::uint32_t i = 0; i < n; ++i) {
            TaskHeader* t = m_slots[(first + i) & m_mask].load(std::memory_order_relaxed);
            dst.m_slots[(dstTail + i) & dst.m_mask].store(t, std::memory_order_relaxed);
        }
        // Release the claimed range: steal catches up with real.
        prev = next;
        for (;;) {
            std::uint32_t real = realPart(prev);
            if (m_head.compare_exchange_weak(prev, pack(real, real), std::memory_order_acq_rel,
                                             std::memory_order_acquire))
                return n;
            assert(stealPart(prev) != realPart(prev));
        }
    }

    const std::uint32_t m_capacity;
    const std::uint32_t m_mask;
    alignas(64) std::atomic<std::uint64_t> m_head{0};
    alignas(64) std::atomic<std::uint32_t> m_tail{0};
    std::unique_ptr<std::atomic<TaskHeader*>[]> m_slots;
};

}  // namespace asyncscope::detail
