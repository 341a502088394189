// The async synchronisation primitives: Mutex, Semaphore, Notify (the design
// note is in asyncscope/sync.hpp). Each follows the same rules: a waiter's
// WaitNode is queued under the primitive's spin lock with a reference to its
// task; whoever grants it takes the task out (complete(): the reference moves
// to the granter), and wakes the task after the lock is released. A waiter
// cancelled after it was granted passes the grant on (unlock, release its
// permits, or notify the next one).
#include "runtime/runtime_impl.hpp"

#include <asyncscope/sync.hpp>
#include <asyncscope/time.hpp>

#include <algorithm>
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

Mutex::Mutex(std::string_view name, MutexFairness fairness)
    : m_barging(fairness == MutexFairness::Barging), m_id(detail::nextResourceId()), m_name(name) {}

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
    if (m_barging) return tryLockBarging();
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

// Barging: free and not starving is enough, waiters or not.
bool Mutex::tryLockBarging() noexcept {
    std::uint32_t s = m_state.load(std::memory_order_relaxed);
    while (!(s & (LOCKED | STARVING))) {
        if (m_state.compare_exchange_weak(s, s | LOCKED, std::memory_order_acquire,
                                          std::memory_order_relaxed)) {
            m_holder.store(currentTaskId(), std::memory_order_relaxed);
            emitLock(EventKind::LockAcquire, currentTaskId(), m_id);
            return true;
        }
    }
    return false;
}

bool Mutex::enqueue(Waiter& node, bool front) noexcept {
    TaskHeader* me = detail::t_context.task;
    // A fair mutex is taken here only when entirely free; a barging one
    // whenever it is not held (STARVING is only ever set while it is held).
    const std::uint32_t busy = m_barging ? LOCKED : ~0u;
    // A barging waiter back from a lost retry that has waited too long: from
    // now on unlock hands over and nobody barges.
    const bool starved =
        m_barging && node.since >= 0 && now().count() - node.since > kStarvationThreshold.count();
    {
        std::lock_guard lock(m_lock);
        std::uint32_t s = m_state.load(std::memory_order_relaxed);
        for (;;) {
            if (!(s & busy)) {
                if (m_state.compare_exchange_weak(s, s | LOCKED, std::memory_order_acquire,
                                                  std::memory_order_relaxed)) {
                    m_holder.store(me ? me->id : 0, std::memory_order_relaxed);
                    break;
                }
                continue;
            }
            // Under m_lock, so unlock() sees HAS_WAITERS only with us queued.
            if (m_state.compare_exchange_weak(s, s | HAS_WAITERS | (starved ? STARVING : 0),
                                              std::memory_order_acq_rel,
                                              std::memory_order_relaxed)) {
                me->refInc();
                node.task = me;
                if (m_barging && node.since < 0) node.since = now().count();
                if (front)
                    m_waiters.pushFront(node);
                else
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
    if (m_barging) return unlockBarging(releasing);
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

void Mutex::unlockBarging(TaskId releasing) noexcept {
    std::uint32_t s = m_state.load(std::memory_order_relaxed);
    // Fast: nobody to wake (no waiters, or one is already on its way).
    while (!(s & STARVING) && (!(s & HAS_WAITERS) || (s & WOKEN))) {
        if (m_state.compare_exchange_weak(s, s & ~LOCKED, std::memory_order_release,
                                          std::memory_order_relaxed)) {
            m_holder.store(0, std::memory_order_relaxed);
            emitLock(EventKind::LockRelease, releasing, m_id, 0);
            return;
        }
    }
    TaskHeader* wake = nullptr;
    {
        std::lock_guard lock(m_lock);
        wakeNextLocked(m_state.load(std::memory_order_relaxed), releasing, wake);
    }
    if (wake) wake->wakeByVal(WakeSource::Mutex);
}

// Barging, under m_lock, by the holder releasing (LOCKED set in `s`) or by a
// cancelled woken waiter passing its turn on (LOCKED clear). Starving: hand
// the lock to the first waiter. Otherwise free it and wake the first waiter
// to retry, unless one is already woken.
void Mutex::wakeNextLocked(std::uint32_t s, TaskId releasing, TaskHeader*& wake) noexcept {
    const bool holding = (s & LOCKED) != 0;
    auto* n = static_cast<Waiter*>(m_waiters.front());
    if ((s & STARVING) && holding && n) {
        m_waiters.remove(*n);
        const bool stillStarving =
            !m_waiters.empty() && now().count() - n->since > kStarvationThreshold.count();
        std::uint32_t clear =
            (m_waiters.empty() ? HAS_WAITERS : 0) | (stillStarving ? 0 : STARVING);
        m_state.fetch_and(~clear, std::memory_order_acq_rel);  // LOCKED stays: handed off
        m_holder.store(n->task->id, std::memory_order_relaxed);
        n->retry = false;
        wake = complete(*n);
        emitLock(EventKind::LockRelease, releasing, m_id, wake->id);
        emitLock(EventKind::LockAcquire, wake->id, m_id);
        return;
    }
    std::uint32_t next;
    do {
        // Not holding (a cancelled woken waiter passing its turn on): a task
        // may have barged in since, and its LOCKED is not ours to clear.
        next = holding ? s & ~(LOCKED | STARVING) : s;
        if (n && !(s & WOKEN)) {
            next |= WOKEN;
            if (m_waiters.size() == 1) next &= ~HAS_WAITERS;
        } else if (!n) {
            next &= ~HAS_WAITERS;
        }
    } while (!m_state.compare_exchange_weak(s, next, std::memory_order_acq_rel,
                                            std::memory_order_relaxed));
    if (holding) {
        m_holder.store(0, std::memory_order_relaxed);
        emitLock(EventKind::LockRelease, releasing, m_id, 0);
    }
    if (n && !(s & WOKEN)) {
        m_waiters.remove(*n);
        n->retry = true;
        wake = complete(*n);
    }
}

void Mutex::cancel(Waiter& node, bool consumed) noexcept {
    TaskHeader* drop = nullptr;
    TaskHeader* wake = nullptr;
    {
        std::lock_guard lock(m_lock);
        if (node.queued) {
            m_waiters.remove(node);
            if (m_waiters.empty()) m_state.fetch_and(~HAS_WAITERS, std::memory_order_acq_rel);
            drop = std::exchange(node.task, nullptr);
        } else if (node.isDone() && node.retry) {
            // Woken to retry and gone before it did: the next waiter gets the turn.
            std::uint32_t s = m_state.fetch_and(~WOKEN, std::memory_order_acq_rel) & ~WOKEN;
            if (!(s & LOCKED)) wakeNextLocked(s, 0, wake);
        }
    }
    if (drop) drop->refDec();
    if (wake) wake->wakeByVal(WakeSource::Mutex);
    if (drop || wake || node.retry) return;
    // Granted (handed off) but the task never resumed to take the guard: the
    // lock is ours, pass it on.
    if (node.isDone() && !consumed) unlock();
}

std::size_t Mutex::waiterCount() const noexcept {
    std::lock_guard lock(m_lock);
    return m_waiters.size();
}

Mutex::LockAwaiter::~LockAwaiter() {
    if (m_started && !m_consumed) m_mutex.cancel(m_node, m_consumed);
}

bool Mutex::LockAwaiter::pollOperation() noexcept {
    if (!m_started) {
        m_started = true;
        if (m_mutex.tryLock() || m_mutex.enqueue(m_node, false)) {
            m_node.done.store(true, std::memory_order_relaxed);
            return true;
        }
        return false;
    }
    if (!m_node.isDone()) return false;  // still queued (a spurious poll)
    if (!m_node.retry) return true;      // handed over
    // Woken by a barging unlock: take it if nobody barged in, else queue
    // again at the front. Either way the woken turn is over.
    m_node.retry = false;
    m_node.done.store(false, std::memory_order_relaxed);
    m_mutex.m_state.fetch_and(~WOKEN, std::memory_order_acq_rel);
    if (m_mutex.tryLockBarging() || m_mutex.enqueue(m_node, true)) {
        m_node.done.store(true, std::memory_order_relaxed);
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

// ------------------------------------------------------ CancellationToken --

CancellationToken::CancellationToken(std::string_view name, CancellationToken* parent)
    : m_parent(parent), m_id(detail::nextResourceId()), m_name(name) {
    if (!parent) return;
    bool now = false;
    {
        std::lock_guard lock(parent->m_lock);
        if (parent->m_cancelled)
            now = true;
        else
            parent->m_children.push_back(this);
    }
    if (now) m_cancelled = true;  // a child of a cancelled token starts cancelled
}

CancellationToken::~CancellationToken() {
    if (!m_parent) return;
    std::lock_guard lock(m_parent->m_lock);
    auto& c = m_parent->m_children;
    c.erase(std::remove(c.begin(), c.end(), this), c.end());
}

bool CancellationToken::CancelledAwaiter::start() noexcept {
    TaskHeader* me = detail::t_context.task;
    std::lock_guard lock(m_token.m_lock);
    if (m_token.m_cancelled) return true;
    me->refInc();
    node.task = me;
    m_token.m_waiters.pushBack(node);
    emitRes(EventKind::NotifyWait, me->id, m_token.m_id);
    return false;
}

CancellationToken::CancelledAwaiter::~CancelledAwaiter() {
    if (!started()) return;
    TaskHeader* drop = nullptr;
    {
        std::lock_guard lock(m_token.m_lock);
        if (node.queued) {
            m_token.m_waiters.remove(node);
            drop = std::exchange(node.task, nullptr);
        }
    }
    if (drop) drop->refDec();
}

void CancellationToken::cancel() noexcept {
    std::vector<TaskHeader*> woken;
    {
        std::lock_guard lock(m_lock);
        if (m_cancelled) return;
        m_cancelled = true;
        while (detail::WaitNode* n = m_waiters.popFront()) woken.push_back(complete(*n));
        // Under this lock, so that no child can be destroyed meanwhile (its
        // destructor takes it); locks are only ever taken parent first.
        for (CancellationToken* c : m_children) c->cancel();
    }
    for (TaskHeader* t : woken) t->wakeByVal(WakeSource::Notify);
}

bool CancellationToken::isCancelled() const noexcept {
    std::lock_guard lock(m_lock);
    return m_cancelled;
}

std::size_t CancellationToken::waiterCount() const noexcept {
    std::lock_guard lock(m_lock);
    return m_waiters.size();
}

}  // namespace asyncscope
