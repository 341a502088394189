// BlockingMutex: a std-style mutex whose lock() blocks the calling thread
// (a worker too: the "blocking inside async" lessons). It emits the same lock
// events as the async Mutex, and a worker about to block hands the timer
// driver role to a parked worker (Shared::ensureTimerDriver). See
// asyncscope/blocking.hpp.
#include "runtime/runtime_impl.hpp"

#include <asyncscope/blocking.hpp>

namespace asyncscope {

BlockingMutex::BlockingMutex(std::string_view name)
    : m_id(detail::nextResourceId()), m_name(name) {}

void BlockingMutex::lock() {
    detail::Shared* rt = detail::currentRuntime();
    const TaskId me = currentTaskId();
    std::unique_lock lock(m_mutex);
    if (m_locked) {
        if (rt) {
            rt->emit(EventKind::LockContend, me, m_id, m_holder,
                     static_cast<std::uint8_t>(LockKind::BlockingMutex));
            if (detail::t_context.worker)
                rt->ensureTimerDriver();  // this worker stops serving timers
        }
        // Under virtual time a thread blocked here waits for another
        // thread, not for the clock: it is "held". The unlock that wakes the
        // waiters counts them as running again on their behalf (a new epoch);
        // one that finds the lock taken again holds itself again.
        const bool virt = rt && rt->clock.isVirtual();
        std::uint8_t held = detail::Shared::kHeldNone;
        bool counted = false;
        std::uint64_t epoch = 0;
        auto hold = [&] {
            lock.unlock();
            held = rt->holdEnter();
            lock.lock();
            static_assert(detail::Shared::kHeldBlockOn < std::tuple_size_v<decltype(m_held)>);
            ++m_held[held];
            counted = true;
            epoch = m_epoch;
        };
        auto leave = [&] {
            if (!counted) return;
            counted = false;
            if (epoch != m_epoch) return;  // the unlock did it
            --m_held[held];
            rt->holdLeave(held);
        };
        if (virt) hold();
        if (rt) rt->offCpu(true);  // blocked: off its core, not the host's doing
        struct OnCpuAgain {
            detail::Shared* rt;
            ~OnCpuAgain() {
                if (rt) rt->offCpu(false);
            }
        } onCpuAgain{rt};
        while (m_locked) {
            // The thread really blocks; it only wakes to notice a shutdown.
            m_cv.wait_for(lock, std::chrono::milliseconds(5));
            if (virt && counted && epoch != m_epoch) counted = false;
            if (virt && m_locked && !counted) hold();  // another got it first
            if (m_locked && rt && rt->isShutdown()) {
                if (virt) leave();
                throw Cancelled("the runtime shut down while blocked on a BlockingMutex");
            }
        }
        if (virt) leave();
    }
    m_locked = true;
    m_holder = me;
    if (rt)
        rt->emit(EventKind::LockAcquire, me, m_id, 0,
                 static_cast<std::uint8_t>(LockKind::BlockingMutex));
}

bool BlockingMutex::try_lock() {
    std::lock_guard lock(m_mutex);
    if (m_locked) return false;
    m_locked = true;
    m_holder = currentTaskId();
    if (auto* rt = detail::currentRuntime())
        rt->emit(EventKind::LockAcquire, m_holder, m_id, 0,
                 static_cast<std::uint8_t>(LockKind::BlockingMutex));
    return true;
}

void BlockingMutex::unlock() {
    bool wakeAll = false;
    {
        std::lock_guard lock(m_mutex);
        m_locked = false;
        m_holder = 0;
        // Virtual time: the held waiters run again from now on (see lock()).
        if (auto* rt = detail::currentRuntime(); rt && rt->clock.isVirtual()) {
            for (std::uint8_t k = 0; k < m_held.size(); ++k)
                for (; m_held[k] > 0; --m_held[k]) rt->holdLeave(k);
            ++m_epoch;
            wakeAll = true;
        }
    }
    if (auto* rt = detail::currentRuntime())
        rt->emit(EventKind::LockRelease, currentTaskId(), m_id, 0,
                 static_cast<std::uint8_t>(LockKind::BlockingMutex));
    if (wakeAll)
        m_cv.notify_all();
    else
        m_cv.notify_one();
}

bool BlockingMutex::isLocked() const {
    std::lock_guard lock(m_mutex);
    return m_locked;
}

TaskId BlockingMutex::holder() const {
    std::lock_guard lock(m_mutex);
    return m_holder;
}

}  // namespace asyncscope
