// A test-and-test-and-set spin lock for critical sections of a few dozen
// instructions (wait lists, the timer wheel). Satisfies Lockable.
#pragma once

#include <atomic>
#include <thread>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define ASYNCSCOPE_CPU_RELAX() _mm_pause()
#else
#define ASYNCSCOPE_CPU_RELAX() ((void)0)
#endif

namespace asyncscope::detail {

class SpinLock {
public:
    void lock() noexcept {
        for (unsigned spins = 0;; ++spins) {
            // Acquire: the previous holder's critical section happens-before ours.
            if (!m_locked.exchange(true, std::memory_order_acquire)) return;
            while (m_locked.load(std::memory_order_relaxed)) {
                if (++spins < 64)
                    ASYNCSCOPE_CPU_RELAX();
                else
                    std::this_thread::yield();  // the holder may be descheduled
            }
        }
    }
    bool try_lock() noexcept {
        return !m_locked.load(std::memory_order_relaxed) &&
               !m_locked.exchange(true, std::memory_order_acquire);
    }
    void unlock() noexcept { m_locked.store(false, std::memory_order_release); }

private:
    std::atomic<bool> m_locked{false};
};

}  // namespace asyncscope::detail
