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
        while (m_locked) {
            // The thread really blocks; it only wakes to notice a shutdown.
            m_cv.wait_for(lock, std::chrono::milliseconds(5));
            if (m_locked && rt && rt->isShutdown())
                throw Cancelled("the runtime shut down while blocked on a BlockingMutex");
        }
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
    {
        std::lock_guard lock(m_mutex);
        m_locked = false;
        m_holder = 0;
    }
    if (auto* rt = detail::currentRuntime())
        rt->emit(EventKind::LockRelease, currentTaskId(), m_id, 0,
                 static_cast<std::uint8_t>(LockKind::BlockingMutex));
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
