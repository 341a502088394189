// The async synchronisation primitives: Mutex, Semaphore, Notify (the design
// note is in asyncscope/sync.hpp). Each follows the same rules: a waiter's
// WaitNode is queued under the primitive's spin lock with a reference to its
// task; whoever grants it takes the task out (complete(): the reference moves
// to the granter), and wakes the task after the lock is released. A waiter
// cancelled after it was granted passes the grant on (unlock, release its
// permits, or notify the next one).
#include "runtime/runtime_impl.hpp"

#include <asyncscope/sync.hpp>

#include <mutex>
#include <vector>

namespace asyncscope {

using detail::TaskHeader;
using detail::WaitNode;

namespace {
void emitLock(EventKind kind, TaskId task, std::uint64_t id, std::uint64_t arg2 = 0) {
    if (!detail::observing()) [[likely]]
        return;
    detail::Shared* rt = detail::currentRuntime();
    if (rt && rt->observer)
        rt->emit(kind, task, id, arg2, static_cast<std::uint8_t>(LockKind::AsyncMutex));
}
void emitRes(EventKind kind, TaskId task, std::uint64_t id, std::uint64_t arg2 = 0) {
    if (!detail::observing()) [[likely]]
        return;
    detail::Shared* rt = detail::currentRuntime();
    if (rt && rt->observer) rt->emit(kind, task, id, arg2);
}
// Takes the waiting task out of `n` (its queue reference moves to the caller)
// and publishes completion. After this the node may be destroyed at any time.
TaskHeader* complete(WaitNode& n, bool failed = false) noexcept {
    TaskHeader* t = std::exchange(n.task, nullptr);
    n.failed = failed;
    n.done.store(true, std::memory_order_release);
    return t;
}
}  // namespace

// ------------------------------------------------------------------ Mutex --

Mutex::Mutex(std::string_view name) : m_id(detail::nextResourceId()), m_name(name) {}

MutexGuard& MutexGuard::operator=(MutexGuard&& o) noexcept {
    if (this != &o) {
        unlock();
        m_mutex = std::exchange(o.m_mutex, nullptr);
    }
    return *this;
}

void MutexGuard::unlock() noexcept {
    if (m_mutex) std::exchange(m_mutex, nullptr)->unlock();
}

bool Mutex::tryLock() noexcept {
    std::uint32_t expected = 0;
    // Acquire: the previous holder's critical section happens-before ours.
    if (m_state.compare_exchange_strong(expected, LOCKED, std::memory_order_acquire,
                                        std::memory_order_relaxed)) {
        m_holder.store(currentTaskId(), std::memory_order_relaxed);
        emitLock(EventKind::LockAcquire, currentTaskId(), m_id);
        return true;
    }
    return false;
}

bool Mutex::enqueue(WaitNode& node) noexcept {
    TaskHeader* me = detail::t_context.task;
    {
        std::lock_guard lock(m_lock);
        std::uint32_t s = m_state.load(std::memory_order_relaxed);
        for (;;) {
            if (s == 0) {
                if (m_state.compare_exchange_weak(s, LOCKED, std::memory_order_acquire,
                                                  std::memory_order_relaxed)) {
                    m_holder.store(me ? me->id : 0, std::memory_order_relaxed);
                    break;
                }
                continue;
            }
            // Under m_lock, so unlock() sees HAS_WAITERS only with us queued.
            if (m_state.compare_exchange_weak(s, s | HAS_WAITERS, std::memory_order_acq_rel,
                                              std::memory_order_relaxed)) {
                me->refInc();
                node.task = me;
                m_waiters.pushBack(node);
                s = ~0u;
                break;
            }
        }
        if (s != ~0u) {
            emitLock(EventKind::LockAcquire, me ? me->id : 0, m_id);
            return true;
        }
    }
    emitLock(EventKind::LockContend, me->id, m_id, holder());
    return false;
}

void Mutex::unlock() noexcept {
    const TaskId releasing = currentTaskId();
    std::uint32_t expected = LOCKED;
    // Release: our critical section happens-before the next holder's.
    if (m_state.compare_exchange_strong(expected, 0, std::memory_order_release,
                                        std::memory_order_relaxed)) {
        m_holder.store(0, std::memory_order_relaxed);
        emitLock(EventKind::LockRelease, releasing, m_id, 0);
        return;
    }
    TaskHeader* next;
    {
        std::lock_guard lock(m_lock);
        WaitNode* n = m_waiters.popFront();
        if (!n) {
            // The only waiter was cancelled between our failed CAS and here
            // (its cancel cleared HAS_WAITERS): plain release.
            m_holder.store(0, std::memory_order_relaxed);
            m_state.store(0, std::memory_order_release);
            emitLock(EventKind::LockRelease, releasing, m_id, 0);
            return;
        }
        if (m_waiters.empty())
            m_state.store(LOCKED, std::memory_order_release);  // still held: handed off
        m_holder.store(n->task->id, std::memory_order_relaxed);
        next = complete(*n);
    }
    emitLock(EventKind::LockRelease, releasing, m_id, next->id);
    emitLock(EventKind::LockAcquire, next->id, m_id);
    next->wakeByVal(WakeSource::Mutex);
}

void Mutex::cancel(WaitNode& node, bool consumed) noexcept {
    TaskHeader* drop = nullptr;
    {
        std::lock_guard lock(m_lock);
        if (node.queued) {
            m_waiters.remove(node);
            if (m_waiters.empty()) m_state.fetch_and(~HAS_WAITERS, std::memory_order_acq_rel);
            drop = std::exchange(node.task, nullptr);
        }
    }
    if (drop) {
        drop->refDec();
        return;
    }
    // Granted (handed off) but the task never resumed to take the guard: the
    // lock is ours, pass it on.
    if (node.isDone() && !consumed) unlock();
}

std::size_t Mutex::waiterCount() const noexcept {
    std::lock_guard lock(m_lock);
    return m_waiters.size();
}

Mutex::LockAwaiter::~LockAwaiter() {
    if (started() && !m_consumed) m_mutex.cancel(node, m_consumed);
}

bool Mutex::LockAwaiter::start() noexcept {
    if (m_mutex.tryLock()) {
        node.done.store(true, std::memory_order_relaxed);
        return true;
    }
    if (m_mutex.enqueue(node)) {
        node.done.store(true, std::memory_order_relaxed);
        return true;
    }
    return false;
}

// -------------------------------------------------------------- Semaphore --

Semaphore::Semaphore(std::size_t permits, std::string_view name)
    : m_permits(permits), m_id(detail::nextResourceId()), m_name(name) {}

SemaphorePermit& SemaphorePermit::operator=(SemaphorePermit&& o) noexcept {
    if (this != &o) {
        release();
        m_sem = std::exchange(o.m_sem, nullptr);
        m_count = std::exchange(o.m_count, 0);
    }
    return *this;
}

void SemaphorePermit::release() noexcept {
    if (m_sem) std::exchange(m_sem, nullptr)->release(std::exchange(m_count, 0));
}

template <class Out>
void Semaphore::grantWaiters(Out& out) noexcept {
    while (WaitNode* n = m_waiters.front()) {
        if (n->amount > m_permits) break;  // FIFO: nobody overtakes the head
        m_permits -= n->amount;
        m_waiters.remove(*n);
        std::size_t amount = n->amount;
        TaskHeader* t = complete(*n);
        out.push_back({t, amount});
    }
}

namespace {
struct Granted {
    TaskHeader* task;
    std::size_t amount;
};
void wakeGranted(std::vector<Granted>& granted, std::uint64_t id) {
    for (auto& g : granted) {
        emitRes(EventKind::SemAcquire, g.task->id, id, g.amount);
        g.task->wakeByVal(WakeSource::Semaphore);
    }
}
}  // namespace

bool Semaphore::tryAcquire(std::size_t n) noexcept {
    {
        std::lock_guard lock(m_lock);
        if (!m_waiters.empty() || m_permits < n) return false;
        m_permits -= n;
    }
    emitRes(EventKind::SemAcquire, currentTaskId(), m_id, n);
    return true;
}

void Semaphore::release(std::size_t n) noexcept {
    std::vector<Granted> granted;
    {
        std::lock_guard lock(m_lock);
        m_permits += n;
        grantWaiters(granted);
    }
    emitRes(EventKind::SemRelease, currentTaskId(), m_id, n);
    wakeGranted(granted, m_id);
}

std::size_t Semaphore::available() const noexcept {
    std::lock_guard lock(m_lock);
    return m_permits;
}

std::size_t Semaphore::waiterCount() const noexcept {
    std::lock_guard lock(m_lock);
    return m_waiters.size();
}

bool Semaphore::AcquireAwaiter::start() noexcept {
    TaskHeader* me = detail::t_context.task;
    {
        std::lock_guard lock(m_sem.m_lock);
        if (m_sem.m_waiters.empty() && m_sem.m_permits >= node.amount) {
            m_sem.m_permits -= node.amount;
            node.done.store(true, std::memory_order_relaxed);
        } else {
            me->refInc();
            node.task = me;
            m_sem.m_waiters.pushBack(node);
        }
    }
    if (node.isDone()) {
        emitRes(EventKind::SemAcquire, me->id, m_sem.m_id, node.amount);
        return true;
    }
    emitRes(EventKind::SemWait, me->id, m_sem.m_id, node.amount);
    return false;
}

Semaphore::AcquireAwaiter::~AcquireAwaiter() {
    if (!started() || m_consumed) return;
    TaskHeader* drop = nullptr;
    std::vector<Granted> granted;
    {
        std::lock_guard lock(m_sem.m_lock);
        if (node.queued) {
            m_sem.m_waiters.remove(node);
            drop = std::exchange(node.task, nullptr);
            // We may have been the head blocking smaller requests behind us.
            m_sem.grantWaiters(granted);
        }
    }
    wakeGranted(granted, m_sem.m_id);
    if (drop)
        drop->refDec();
    else if (node.isDone() && !m_consumed)
        m_sem.release(node.amount);  // granted but never taken
}

// ----------------------------------------------------------------- Notify --

Notify::Notify(std::string_view name) : m_id(detail::nextResourceId()), m_name(name) {}

bool Notify::NotifiedAwaiter::start() noexcept {
    TaskHeader* me = detail::t_context.task;
    std::lock_guard lock(m_notify.m_lock);
    if (m_notify.m_permit) {
        m_notify.m_permit = false;
        return true;
    }
    me->refInc();
    node.task = me;
    m_notify.m_waiters.pushBack(node);
    emitRes(EventKind::NotifyWait, me->id, m_notify.m_id);
    return false;
}

Notify::NotifiedAwaiter::~NotifiedAwaiter() {
    if (!started() || m_consumed) return;
    TaskHeader* drop = nullptr;
    {
        std::lock_guard lock(m_notify.m_lock);
        if (node.queued) {
            m_notify.m_waiters.remove(node);
            drop = std::exchange(node.task, nullptr);
        }
    }
    if (drop) {
        drop->refDec();
    } else if (node.isDone()) {
        // Notified, then cancelled before it resumed: pass the notification
        // on (to the next waiter, or as the stored permit), as Tokio does.
        m_notify.notifyOne();
    }
}

void Notify::notifyOne() noexcept {
    TaskHeader* t = nullptr;
    {
        std::lock_guard lock(m_lock);
        if (WaitNode* n = m_waiters.popFront())
            t = complete(*n);
        else
            m_permit = true;
    }
    if (t) t->wakeByVal(WakeSource::Notify);
}

void Notify::notifyWaiters() noexcept {
    std::vector<TaskHeader*> woken;
    {
        std::lock_guard lock(m_lock);
        while (WaitNode* n = m_waiters.popFront()) woken.push_back(complete(*n));
    }
    for (TaskHeader* t : woken) t->wakeByVal(WakeSource::Notify);
}

std::size_t Notify::waiterCount() const noexcept {
    std::lock_guard lock(m_lock);
    return m_waiters.size();
}

}  // namespace asyncscope
