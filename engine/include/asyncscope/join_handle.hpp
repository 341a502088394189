// JoinHandle<T>: the spawner's side of a task. Await it for the value, the
// exception the task ended with (rethrown), or asyncscope::Cancelled.
//
// Join protocol (after Tokio's): the JoinHandle stores the awaiting task in
// TaskHeader::joinWaker and then sets JOIN_WAKER with a CAS that fails if the
// task completed meanwhile. The completing thread flips RUNNING|COMPLETE in
// one step and, when it sees JOIN_WAKER, wakes the stored waker; from then on
// only the header's dealloc releases it. Before completion the JoinHandle may
// take the waker back by clearing JOIN_WAKER.
#pragma once

#include <asyncscope/task.hpp>

#include <optional>

namespace asyncscope {

namespace detail {

// Returns false when the task is already complete (no waker is left behind).
inline bool setJoinWaker(TaskHeader* t, TaskHeader* waiter) noexcept {
    std::uint64_t s = t->load();
    if (s & state::COMPLETE) return false;
    if (s & state::JOIN_WAKER) {
        // A waker from an earlier await of this handle (that await was
        // cancelled): take it back before storing ours.
        for (;;) {
            if (s & state::COMPLETE) return false;
            if (t->state.compare_exchange_weak(s, s & ~state::JOIN_WAKER, std::memory_order_acq_rel,
                                               std::memory_order_acquire))
                break;
        }
        if (t->joinWaker == waiter) {
            // Same waiter: reuse its reference.
        } else {
            std::exchange(t->joinWaker, nullptr)->refDec();
            waiter->refInc();
            t->joinWaker = waiter;
        }
    } else {
        waiter->refInc();
        t->joinWaker = waiter;
    }
    s = t->load(std::memory_order_relaxed);
    for (;;) {
        if (s & state::COMPLETE) {
            std::exchange(t->joinWaker, nullptr)->refDec();
            return false;
        }
        // Release: the completer that sees JOIN_WAKER also sees joinWaker.
        if (t->state.compare_exchange_weak(s, s | state::JOIN_WAKER, std::memory_order_acq_rel,
                                           std::memory_order_acquire))
            return true;
    }
}

inline void dropJoinHandle(TaskHeader* t) noexcept {
    std::uint64_t s = t->load(std::memory_order_relaxed);
    bool ownWaker;
    for (;;) {
        std::uint64_t next = s & ~state::JOIN_INTEREST;
        ownWaker = !(s & state::COMPLETE) && (s & state::JOIN_WAKER);
        if (ownWaker) next &= ~state::JOIN_WAKER;
        if (t->state.compare_exchange_weak(s, next, std::memory_order_acq_rel,
                                           std::memory_order_relaxed))
            break;
    }
    if (ownWaker) std::exchange(t->joinWaker, nullptr)->refDec();
    t->refDec();
}

void abortTask(TaskHeader* t) noexcept;

template <class T>
T takeOutput(TaskHeader* t) {
    // Acquire pairs with the completer's release of COMPLETE: outcome and the
    // promise's value are visible.
    std::uint64_t s = t->load(std::memory_order_acquire);
    assert(s & state::COMPLETE);
    (void)s;
    if (t->outcome == Outcome::Cancelled) throw Cancelled();
    return Promise<T>::takeFrom(*static_cast<OutputSlot<T>*>(slotOf(prefixOfHeader(t))));
}

}  // namespace detail

template <class T>
class [[nodiscard]] JoinHandle {
public:
    JoinHandle() noexcept = default;
    // Takes over the JoinHandle reference of `t`.
    explicit JoinHandle(detail::TaskHeader* t) noexcept : m_task(t) {}
    JoinHandle(JoinHandle&& o) noexcept : m_task(std::exchange(o.m_task, nullptr)) {}
    JoinHandle& operator=(JoinHandle&& o) noexcept {
        if (this != &o) {
            reset();
            m_task = std::exchange(o.m_task, nullptr);
        }
        return *this;
    }
    ~JoinHandle() { reset(); }

    bool valid() const noexcept { return m_task != nullptr; }
    TaskId id() const noexcept { return m_task ? m_task->id : 0; }
    bool isFinished() const noexcept {
        return m_task && (m_task->load() & detail::state::COMPLETE);
    }
    bool isCancelled() const noexcept {
        return isFinished() && m_task->outcome == detail::Outcome::Cancelled;
    }
    // Requests cancellation: the task is destroyed at its next suspension
    // point (or before its first poll), its destructors run, and awaiting
    // this handle throws Cancelled. No effect on a finished task.
    void abort() const noexcept {
        if (m_task) detail::abortTask(m_task);
    }
    // Lets the task run on without anyone joining it.
    void detach() noexcept { reset(); }

    // Blocks nothing: for use outside the runtime after isFinished().
    T get() {
        assert(isFinished());
        return detail::takeOutput<T>(m_task);
    }

    class Awaiter final : public detail::LeafAwaiter<Awaiter> {
    public:
        explicit Awaiter(detail::TaskHeader* t) noexcept : m_task(t) {}
        bool pollOperation() noexcept {
            if (m_task->load() & detail::state::COMPLETE) return true;
            if (!m_registered) {
                m_registered = true;
                if (!detail::setJoinWaker(m_task, detail::t_context.task)) return true;
                if (detail::observing()) [[unlikely]]
                    detail::emit(detail::currentRuntime(), EventKind::JoinWait, currentTaskId(),
                                 m_task->id);
            }
            return (m_task->load() & detail::state::COMPLETE) != 0;
        }
        T await_resume() { return detail::takeOutput<T>(m_task); }

    private:
        detail::TaskHeader* m_task;
        bool m_registered = false;
    };
    Awaiter operator co_await() const& noexcept {
        assert(m_task);
        return Awaiter(m_task);
    }

    detail::TaskHeader* header() const noexcept { return m_task; }

private:
    void reset() noexcept {
        if (m_task) detail::dropJoinHandle(std::exchange(m_task, nullptr));
    }
    detail::TaskHeader* m_task = nullptr;
};

// Tokio's AbortHandle: cancels a task without owning its output. Holds a
// reference to the task (not to its frame, which is dropped at completion).
class AbortHandle {
public:
    AbortHandle() noexcept = default;
    template <class T>
    explicit AbortHandle(const JoinHandle<T>& h) noexcept : m_task(h.header()) {
        if (m_task) m_task->refInc();
    }
    AbortHandle(AbortHandle&& o) noexcept : m_task(std::exchange(o.m_task, nullptr)) {}
    AbortHandle& operator=(AbortHandle o) noexcept {
        std::swap(m_task, o.m_task);
        return *this;
    }
    AbortHandle(const AbortHandle&) = delete;
    ~AbortHandle() {
        if (m_task) m_task->refDec();
    }
    // Same as JoinHandle::abort(): no effect on a finished task.
    void abort() const noexcept {
        if (m_task && !(m_task->load() & detail::state::COMPLETE)) detail::abortTask(m_task);
    }
    bool isFinished() const noexcept {
        return m_task && (m_task->load() & detail::state::COMPLETE);
    }
    TaskId id() const noexcept { return m_task ? m_task->id : 0; }

private:
    detail::TaskHeader* m_task = nullptr;
};

// Spawns `task` on the runtime of the calling thread (a worker, a blocking
// thread, or inside a task). From a worker the new task goes to that worker's
// LIFO slot, as in Tokio; from anywhere else to the global inject queue.
// `name` and `tag` only label the task for observers (the Spawn event); a
// scenario tags each task with its template (see EventKind::Spawn).
template <class T>
JoinHandle<T> spawn(Task<T> task, std::string_view name = {}, std::uint32_t tag = 0) {
    auto h = task.release();
    assert(h && detail::currentRuntime());
    return JoinHandle<T>(detail::spawnHeader(detail::currentRuntime(), h, name, tag));
}

// tokio::task::spawn_local: the task stays on the runtime's main thread (the
// block_on thread, which drives the LocalSet) and is never stolen; it needs
// no Send. Without a main thread (the current_thread flavor, whose one
// worker is that thread) it is an ordinary spawn.
template <class T>
JoinHandle<T> spawnLocal(Task<T> task, std::string_view name = {}, std::uint32_t tag = 0) {
    auto h = task.release();
    assert(h && detail::currentRuntime());
    return JoinHandle<T>(
        detail::spawnHeader(detail::currentRuntime(), h, name, tag, detail::kHomeBlockOn));
}

// Yields to the scheduler (tokio::task::yield_now): the task returns Pending
// and is woken only when its worker next polls its timers -- after the local
// queue runs dry, or at the next maintenance tick (every eventInterval polls)
// -- so every runnable task, and whatever the timers wake, goes first.
struct YieldNow {
    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<> h) const noexcept {
        detail::suspendCurrent(h, nullptr);
        detail::yieldCurrent();
    }
    void await_resume() const noexcept {}
};
inline YieldNow yieldNow() noexcept {
    return {};
}

}  // namespace asyncscope
