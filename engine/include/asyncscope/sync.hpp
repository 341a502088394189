// Async synchronisation: Mutex, Semaphore, Notify.
//
// Design note
// -----------
// Each primitive is a small spin-locked state plus an intrusive FIFO of
// waiting tasks (WaitList). Waiters live inside their awaiters, so a waiting
// task costs no allocation, and cancelling it (its frame destroyed) removes
// it in the awaiter's destructor.
//
// Mutex is FIFO-fair with direct hand-off: unlock() with waiters does not
// release the lock; it passes it to the first waiter and wakes that task,
// which resumes already owning it. A new locker can never barge in front of a
// waiter. The guard may be held across co_await: while the holder is
// suspended the lock stays held and other lockers *suspend* (their worker
// thread stays free) -- that is what makes it the right tool when a critical
// section must await. Contrast BlockingMutex (blocking.hpp).
//
// Fast path: the state word is 0 (free), LOCKED, or LOCKED|HAS_WAITERS. An
// uncontended lock/unlock is one CAS each; HAS_WAITERS forces unlock onto the
// slow path, and is set under the spin lock by a locker that queues.
//
// A Mutex built with MutexFairness::Barging behaves as Go's sync.Mutex
// instead: unlock() frees the lock and wakes the first waiter *without*
// handing it over, so a task that is running at that moment may take the lock
// first (it "barges"); the woken waiter then retries and, if it loses, queues
// again at the front. Only one waiter is woken at a time (WOKEN). A waiter that
// has waited longer than kStarvationThreshold (1 ms, Go's value) switches the
// mutex to starvation mode (STARVING): unlock hands the lock directly to the
// first waiter and nobody barges, until a waiter that is the last one, or that
// waited less than the threshold, takes it. Barging trades fairness for
// throughput: the lock rarely goes idle while a woken task is on its way.
#pragma once

#include <asyncscope/config.hpp>
#include <asyncscope/detail/spin_lock.hpp>
#include <asyncscope/detail/wait_list.hpp>
#include <asyncscope/task.hpp>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace asyncscope {

class Mutex;

class [[nodiscard]] MutexGuard {
public:
    MutexGuard() noexcept = default;
    explicit MutexGuard(Mutex* m) noexcept : m_mutex(m) {}
    MutexGuard(MutexGuard&& o) noexcept : m_mutex(std::exchange(o.m_mutex, nullptr)) {}
    MutexGuard& operator=(MutexGuard&& o) noexcept;
    ~MutexGuard() { unlock(); }
    void unlock() noexcept;
    bool ownsLock() const noexcept { return m_mutex != nullptr; }
    // Gives up ownership without unlocking (a later Mutex::unlock() must).
    Mutex* release() noexcept { return std::exchange(m_mutex, nullptr); }

private:
    Mutex* m_mutex = nullptr;
};

// Tokio's tokio::sync::Mutex is Fair; Go's sync.Mutex is Barging.
enum class MutexFairness : std::uint8_t { Fair, Barging };

class Mutex {
public:
    explicit Mutex(std::string_view name = {}, MutexFairness fairness = MutexFairness::Fair);
    Mutex(const Mutex&) = delete;
    Mutex& operator=(const Mutex&) = delete;

    // A barging waiter that waits longer than this turns on starvation mode.
    static constexpr Duration kStarvationThreshold = std::chrono::milliseconds(1);

    // A queued locker. `retry`: woken by a barging unlock without the lock
    // (it must try again); otherwise `done` means the lock was handed to it.
    struct Waiter : detail::WaitNode {
        bool retry = false;
        std::int64_t since = -1;  // runtime ns when it first queued (barging)
    };

    class [[nodiscard]] LockAwaiter final : public detail::LeafAwaiter<LockAwaiter> {
    public:
        explicit LockAwaiter(Mutex& m) noexcept : m_mutex(m) {}
        LockAwaiter(const LockAwaiter&) = delete;
        ~LockAwaiter();
        bool pollOperation() noexcept;
        MutexGuard await_resume() noexcept {
            m_consumed = true;
            return MutexGuard(&m_mutex);
        }

    private:
        Mutex& m_mutex;
        Waiter m_node;
        bool m_started = false;
        bool m_consumed = false;
    };

    // co_await m.lock() -> MutexGuard
    LockAwaiter lock() noexcept { return LockAwaiter(*this); }
    bool tryLock() noexcept;
    // Releases the lock, handing it to the first waiter if there is one.
    void unlock() noexcept;

    bool isLocked() const noexcept {
        return (m_state.load(std::memory_order_acquire) & LOCKED) != 0;
    }
    // Barging only: a waiter has starved, so unlock hands the lock over.
    bool isStarving() const noexcept {
        return (m_state.load(std::memory_order_acquire) & STARVING) != 0;
    }
    std::size_t waiterCount() const noexcept;
    TaskId holder() const noexcept { return m_holder.load(std::memory_order_relaxed); }
    std::uint64_t id() const noexcept { return m_id; }
    const std::string& name() const noexcept { return m_name; }
    MutexFairness fairness() const noexcept {
        return m_barging ? MutexFairness::Barging : MutexFairness::Fair;
    }

private:
    friend class LockAwaiter;
    static constexpr std::uint32_t LOCKED = 1;
    static constexpr std::uint32_t HAS_WAITERS = 2;
    static constexpr std::uint32_t WOKEN = 4;     // barging: a woken waiter is on its way
    static constexpr std::uint32_t STARVING = 8;  // barging: hand-off until nobody starves
    bool tryLockBarging() noexcept;
    bool enqueue(Waiter& node, bool front) noexcept;
    void unlockBarging(TaskId releasing) noexcept;
    void wakeNextLocked(std::uint32_t s, TaskId releasing, detail::TaskHeader*& wake) noexcept;
    void cancel(Waiter& node, bool consumed) noexcept;

    std::atomic<std::uint32_t> m_state{0};
    const bool m_barging;
    mutable detail::SpinLock m_lock;
    detail::WaitList m_waiters;  // guarded by m_lock
    std::atomic<TaskId> m_holder{0};
    std::uint64_t m_id;
    std::string m_name;
};

class Semaphore;

class [[nodiscard]] SemaphorePermit {
public:
    SemaphorePermit() noexcept = default;
    SemaphorePermit(Semaphore* s, std::size_t n) noexcept : m_sem(s), m_count(n) {}
    SemaphorePermit(SemaphorePermit&& o) noexcept
        : m_sem(std::exchange(o.m_sem, nullptr)), m_count(std::exchange(o.m_count, 0)) {}
    SemaphorePermit& operator=(SemaphorePermit&& o) noexcept;
    ~SemaphorePermit() { release(); }
    void release() noexcept;
    // Keeps the permits taken for good (Tokio's forget()).
    void forget() noexcept { m_sem = nullptr; }
    std::size_t count() const noexcept { return m_count; }

private:
    Semaphore* m_sem = nullptr;
    std::size_t m_count = 0;
};

// Counting semaphore, FIFO-fair: a waiter asking for many permits is not
// overtaken by later waiters asking for fewer.
class Semaphore {
public:
    explicit Semaphore(std::size_t permits, std::string_view name = {});
    Semaphore(const Semaphore&) = delete;
    Semaphore& operator=(const Semaphore&) = delete;

    class [[nodiscard]] AcquireAwaiter final : public detail::ResourceAwaiter<AcquireAwaiter> {
    public:
        AcquireAwaiter(Semaphore& s, std::size_t n) noexcept : m_sem(s) { node.amount = n; }
        AcquireAwaiter(const AcquireAwaiter&) = delete;
        ~AcquireAwaiter();
        bool start() noexcept;
        SemaphorePermit await_resume() noexcept {
            m_consumed = true;
            return SemaphorePermit(&m_sem, node.amount);
        }

    private:
        Semaphore& m_sem;
        bool m_consumed = false;
    };

    AcquireAwaiter acquire(std::size_t n = 1) noexcept { return AcquireAwaiter(*this, n); }
    bool tryAcquire(std::size_t n = 1) noexcept;
    void release(std::size_t n = 1) noexcept;
    std::size_t available() const noexcept;
    std::size_t waiterCount() const noexcept;
    std::uint64_t id() const noexcept { return m_id; }
    const std::string& name() const noexcept { return m_name; }

private:
    friend class AcquireAwaiter;
    // With m_lock held: grants permits to waiters at the front, in order; the
    // tasks to wake are appended to `out` (woken after the lock is released).
    template <class Out>
    void grantWaiters(Out& out) noexcept;
    std::size_t m_permits;
    mutable detail::SpinLock m_lock;
    detail::WaitList m_waiters;
    std::uint64_t m_id;
    std::string m_name;
};

// Tokio's Notify: notifyOne() wakes the first waiter, or, when nobody waits,
// stores a single permit that the next notified() consumes at once.
// notifyWaiters() wakes everyone waiting now and stores nothing.
class Notify {
public:
    explicit Notify(std::string_view name = {});
    Notify(const Notify&) = delete;
    Notify& operator=(const Notify&) = delete;

    class [[nodiscard]] NotifiedAwaiter final : public detail::ResourceAwaiter<NotifiedAwaiter> {
    public:
        explicit NotifiedAwaiter(Notify& n) noexcept : m_notify(n) {}
        NotifiedAwaiter(const NotifiedAwaiter&) = delete;
        ~NotifiedAwaiter();
        bool start() noexcept;
        void await_resume() noexcept { m_consumed = true; }

    private:
        Notify& m_notify;
        bool m_consumed = false;
    };

    NotifiedAwaiter notified() noexcept { return NotifiedAwaiter(*this); }
    void notifyOne() noexcept;
    void notifyWaiters() noexcept;
    std::uint64_t id() const noexcept { return m_id; }
    std::size_t waiterCount() const noexcept;

private:
    friend class NotifiedAwaiter;
    mutable detail::SpinLock m_lock;
    detail::WaitList m_waiters;
    bool m_permit = false;
    std::uint64_t m_id;
    std::string m_name;
};

// tokio_util's CancellationToken: cancel() is permanent and wakes every task
// awaiting cancelled(); a cancelled() after it is ready at once. A child
// token is cancelled with its parent (and its parent's parent), never the
// other way round. A parent must outlive its children.
class CancellationToken {
public:
    explicit CancellationToken(std::string_view name = {}, CancellationToken* parent = nullptr);
    CancellationToken(const CancellationToken&) = delete;
    CancellationToken& operator=(const CancellationToken&) = delete;
    ~CancellationToken();

    class [[nodiscard]] CancelledAwaiter final : public detail::ResourceAwaiter<CancelledAwaiter> {
    public:
        explicit CancelledAwaiter(CancellationToken& t) noexcept : m_token(t) {}
        CancelledAwaiter(const CancelledAwaiter&) = delete;
        ~CancelledAwaiter();
        bool start() noexcept;
        void await_resume() noexcept {}

    private:
        CancellationToken& m_token;
    };

    CancelledAwaiter cancelled() noexcept { return CancelledAwaiter(*this); }
    // Cancels this token and every child token, waking whoever awaits them.
    void cancel() noexcept;
    bool isCancelled() const noexcept;
    std::uint64_t id() const noexcept { return m_id; }
    std::size_t waiterCount() const noexcept;

private:
    friend class CancelledAwaiter;
    mutable detail::SpinLock m_lock;
    detail::WaitList m_waiters;
    bool m_cancelled = false;
    CancellationToken* m_parent;
    std::vector<CancellationToken*> m_children;  // guarded by m_lock
    std::uint64_t m_id;
    std::string m_name;
};

}  // namespace asyncscope
