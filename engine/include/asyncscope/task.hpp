// Tasks: lazy C++20 coroutines, and the header that makes one schedulable.
//
// Design note
// -----------
// `Task<T>` is the coroutine type of every async function. Like a Rust future
// it is *lazy*: calling the function allocates the frame and runs nothing.
// It starts only when it is `co_await`ed by a running task (then it runs
// inline, on that task's poll: see startInline) or handed to `spawn`
// (then it becomes a task of its own).
//
// A spawned task is a `TaskHeader` plus the root coroutine frame, in ONE
// allocation: every Task frame is allocated with room for a header in front
// of it (see FramePrefix); `spawn` constructs the header there. The memory is
// released when the last reference to the header is dropped; the frame may
// be destroyed earlier (cancellation), which runs every destructor inside it.
//
// Polling. A poll of a task resumes the innermost suspended coroutine of the
// task (`resumePoint`). Whatever suspended it is a *leaf* awaiter (a sleep, a
// lock, a receive...) which implements `Pollable`: before resuming, the worker
// asks the leaf `poll()`; only when it answers "ready" is the coroutine
// resumed. A wake therefore never resumes anything by itself; it only
// schedules a poll, exactly as in Rust, and a spurious wake costs one poll
// that returns Pending. Leaves register the task (a Waker) with the resource
// they wait on when they suspend, and unregister in their destructor, so a
// frame destroyed by cancellation leaves nothing dangling.
//
// The state word (see TaskState) follows Tokio's task/state.rs: lifecycle bits
// plus join-interest bits plus a reference count, changed only by CAS
// transitions that return what the caller must do next.
#pragma once

#include <asyncscope/event.hpp>

#include <atomic>
#include <cassert>
#include <coroutine>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <new>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

namespace asyncscope {

template <class T = void>
class Task;
template <class T>
class JoinHandle;
class Runtime;

using TaskId = std::uint64_t;

// Values of `void` tasks, where a value is needed (timeout results, ...).
struct Unit {
    friend bool operator==(Unit, Unit) = default;
};
template <class T>
using ValueOr = std::conditional_t<std::is_void_v<T>, Unit, T>;

namespace detail {

struct Shared;
struct WorkerCore;
struct CancelScope;
struct TaskHeader;

// A leaf awaiter a task is suspended on. Called by the worker that polls the
// task, on that worker's thread, before the task's coroutine is resumed.
// Returns true when the awaited thing is ready (the coroutine may resume),
// false to stay pending (the leaf has (re)registered the task's waker).
struct Pollable {
    virtual bool poll() noexcept = 0;

protected:
    ~Pollable() = default;
};

// Per-thread context: which runtime/worker/task this thread is working for.
struct Context {
    Shared* runtime = nullptr;
    WorkerCore* worker = nullptr;  // null on blocking-pool and foreign threads
    TaskHeader* task = nullptr;    // the task being polled right now
    std::uint32_t budget = 0xFFFFFFFFu;
    std::uint32_t threadIndex = kNoWorker;  // for events
    Observer* observer = nullptr;           // the runtime's, cached: one branch to test
};
extern thread_local Context t_context;

// ---------------------------------------------------------------- state ----
//
// Bits of TaskHeader::state. Every value the word can hold:
//   lifecycle: idle      = !RUNNING && !NOTIFIED && !COMPLETE
//              scheduled =  NOTIFIED && !RUNNING  (in exactly one queue)
//              running   =  RUNNING  && !NOTIFIED (being polled by one thread)
//              notified  =  RUNNING  &&  NOTIFIED (woken while polled: re-poll after)
//              complete  =  COMPLETE (terminal; never polled again)
//   CANCELLED: abort was requested; the next thread to run it cancels instead.
//   JOIN_INTEREST: a JoinHandle exists. JOIN_WAKER: joinWaker is set, and while
//   the task is not complete only the JoinHandle side may touch it.
//   Upper bits: reference count (REF_ONE each). References are held by: the
//   OwnedTasks list, the scheduler while scheduled/running, the JoinHandle,
//   and every Waker.
namespace state {
inline constexpr std::uint64_t RUNNING = 1u << 0;
inline constexpr std::uint64_t COMPLETE = 1u << 1;
inline constexpr std::uint64_t NOTIFIED = 1u << 2;
inline constexpr std::uint64_t CANCELLED = 1u << 3;
inline constexpr std::uint64_t JOIN_INTEREST = 1u << 4;
inline constexpr std::uint64_t JOIN_WAKER = 1u << 5;
inline constexpr unsigned REF_SHIFT = 6;
inline constexpr std::uint64_t REF_ONE = std::uint64_t{1} << REF_SHIFT;
inline constexpr std::uint64_t FLAG_MASK = REF_ONE - 1;
}  // namespace state

enum class TransitionToRunning { Success, Cancelled };
enum class TransitionToIdle { Ok, OkNotified, Cancelled };
enum class WakeAction { None, Submit };

enum class Outcome : std::uint8_t { Pending, Value, Error, Cancelled };

struct PromiseBase;

struct TaskHeader {
    std::atomic<std::uint64_t> state;
    Shared* runtime;
    TaskHeader* queueNext = nullptr;  // inject queue / overflow batches
    TaskHeader* ownedPrev = nullptr;  // OwnedTasks list, guarded by its shard lock
    TaskHeader* ownedNext = nullptr;
    std::coroutine_handle<> resumePoint;  // innermost suspended coroutine
    Pollable* leaf = nullptr;             // what resumePoint waits on (null: nothing)
    TaskHeader* joinWaker = nullptr;      // task awaiting the JoinHandle (holds a ref)
    CancelScope* scopes = nullptr;        // innermost active timeout scope
    TaskId id;
    Outcome outcome = Outcome::Pending;  // written before COMPLETE is published
    std::uint8_t ownedShard = 0;
    // Which thread may poll it: any worker (kHomeAny), or only the runtime's
    // block_on thread (kHomeBlockOn: the #[tokio::main] body).
    std::uint16_t home = 0;
    std::uint32_t awaitPoint = 0;  // last scenario step entered (for events)

    TaskHeader(Shared* rt, std::coroutine_handle<> h, TaskId taskId) noexcept
        : state(state::NOTIFIED | state::JOIN_INTEREST | 3 * state::REF_ONE),
          runtime(rt),
          resumePoint(h),
          id(taskId) {}

    std::uint64_t load(std::memory_order o = std::memory_order_acquire) const noexcept {
        return state.load(o);
    }

    void refInc() noexcept {
        // Relaxed is enough: a new reference is only made from an existing one,
        // so the object is already visible to this thread.
        state.fetch_add(state::REF_ONE, std::memory_order_relaxed);
    }
    // Drops one reference; frees the task when it was the last.
    void refDec() noexcept {
        // AcqRel: every use of the task by this thread happens-before the
        // dealloc performed by whoever drops the last reference.
        std::uint64_t prev = state.fetch_sub(state::REF_ONE, std::memory_order_acq_rel);
        assert((prev >> state::REF_SHIFT) >= 1);
        if ((prev >> state::REF_SHIFT) == 1) dealloc();
    }

    TransitionToRunning transitionToRunning() noexcept {
        std::uint64_t s = state.load(std::memory_order_relaxed);
        for (;;) {
            assert((s & state::NOTIFIED) && !(s & state::RUNNING) && !(s & state::COMPLETE));
            std::uint64_t next = (s & ~state::NOTIFIED) | state::RUNNING;
            // Acquire: everything the waker wrote before scheduling us is visible to the poll.
            if (state.compare_exchange_weak(s, next, std::memory_order_acq_rel,
                                            std::memory_order_relaxed))
                return (s & state::CANCELLED) ? TransitionToRunning::Cancelled
                                              : TransitionToRunning::Success;
        }
    }

    TransitionToIdle transitionToIdle() noexcept {
        std::uint64_t s = state.load(std::memory_order_relaxed);
        for (;;) {
            assert(s & state::RUNNING);
            if (s & state::CANCELLED) return TransitionToIdle::Cancelled;
            std::uint64_t next = s & ~state::RUNNING;
            // Release: the poll's writes are visible to whoever polls next.
            if (state.compare_exchange_weak(s, next, std::memory_order_acq_rel,
                                            std::memory_order_relaxed))
                return (s & state::NOTIFIED) ? TransitionToIdle::OkNotified : TransitionToIdle::Ok;
        }
    }

    // wake_by_ref: on Submit the caller owns one new reference and must schedule.
    WakeAction transitionToNotifiedByRef() noexcept {
        std::uint64_t s = state.load(std::memory_order_relaxed);
        for (;;) {
            std::uint64_t next;
            WakeAction action = WakeAction::None;
            if (s & (state::COMPLETE | state::NOTIFIED)) return WakeAction::None;
            if (s & state::RUNNING) {
                next = s | state::NOTIFIED;
            } else {
                next = (s | state::NOTIFIED) + state::REF_ONE;
                action = WakeAction::Submit;
            }
            if (state.compare_exchange_weak(s, next, std::memory_order_acq_rel,
                                            std::memory_order_relaxed))
                return action;
        }
    }

    // Abort from anywhere. On Submit the caller owns a new reference and must schedule.
    WakeAction transitionToNotifiedAndCancel() noexcept {
        std::uint64_t s = state.load(std::memory_order_relaxed);
        for (;;) {
            std::uint64_t next;
            WakeAction action = WakeAction::None;
            if (s & (state::COMPLETE | state::CANCELLED)) return WakeAction::None;
            if (s & state::RUNNING) {
                next = s | state::CANCELLED | state::NOTIFIED;
            } else if (s & state::NOTIFIED) {
                next = s | state::CANCELLED;
            } else {
                next = (s | state::CANCELLED | state::NOTIFIED) + state::REF_ONE;
                action = WakeAction::Submit;
            }
            if (state.compare_exchange_weak(s, next, std::memory_order_acq_rel,
                                            std::memory_order_relaxed))
                return action;
        }
    }

    // The spawned coroutine: its frame starts right after the frame prefix
    // that holds this header (see FramePrefix), so it needs no field.
    std::coroutine_handle<> root() const noexcept;

    void wakeByRef(WakeSource source) noexcept;
    // The same, naming the task that caused the wake (events), when it is not
    // the task running on this thread.
    void wakeByRefFrom(WakeSource source, TaskId waker) noexcept;
    // Consumes the caller's reference.
    void wakeByVal(WakeSource source) noexcept;
    // The same, naming the waker (events).
    void wakeByValFrom(WakeSource source, TaskId waker) noexcept;
    void dealloc() noexcept;
};

// --------------------------------------------------------- frame memory ----
//
// One block per coroutine frame:
//
//   [ OutputSlot<T> | FramePrefix (TaskHeader storage) | coroutine frame ]
//
// The output slot holds the task's result (value or exception) *outside* the
// frame, so a finished task's frame can be destroyed at once -- its
// parameters and everything they own are dropped when the task completes,
// as Tokio drops a future as soon as it is ready -- while the JoinHandle
// can still read the output. The block is freed by the frame's delete when
// the frame was never spawned, otherwise by the header's dealloc.
struct FramePrefix {
    enum : std::uint32_t { HeaderLive = 1, FrameGone = 2 };
    std::uint32_t flags;
    std::uint32_t blockSize;  // slot + prefix + frame
    std::uint32_t slotSize;   // bytes of the output slot in front of the prefix
    void (*destroySlot)(void* slot) noexcept;
    alignas(TaskHeader) unsigned char header[sizeof(TaskHeader)];
};
inline constexpr std::size_t kFrameAlign = __STDCPP_DEFAULT_NEW_ALIGNMENT__;
inline constexpr std::size_t kPrefixSize =
    (sizeof(FramePrefix) + kFrameAlign - 1) / kFrameAlign * kFrameAlign;

inline FramePrefix* prefixOf(void* frame) noexcept {
    return reinterpret_cast<FramePrefix*>(static_cast<unsigned char*>(frame) - kPrefixSize);
}
inline TaskHeader* headerOf(FramePrefix* p) noexcept {
    return std::launder(reinterpret_cast<TaskHeader*>(p->header));
}
inline FramePrefix* prefixOfHeader(TaskHeader* t) noexcept {
    return reinterpret_cast<FramePrefix*>(reinterpret_cast<unsigned char*>(t) -
                                          offsetof(FramePrefix, header));
}
inline void* slotOf(FramePrefix* p) noexcept {
    return reinterpret_cast<unsigned char*>(p) - p->slotSize;
}
inline std::coroutine_handle<> TaskHeader::root() const noexcept {
    auto* prefix = reinterpret_cast<const unsigned char*>(this) - offsetof(FramePrefix, header);
    return std::coroutine_handle<>::from_address(const_cast<unsigned char*>(prefix) + kPrefixSize);
}

// The error is always first, so type-erased code can tell a failure.
template <class T>
struct OutputSlot {
    std::exception_ptr error;
    std::optional<std::conditional_t<std::is_void_v<T>, bool, T>> value;
};
inline std::exception_ptr& errorOf(TaskHeader* t) noexcept {
    return *static_cast<std::exception_ptr*>(slotOf(prefixOfHeader(t)));
}

// Frame memory (engine/src/task/frame_pool.cpp): size-class caches per thread.
void* allocFrame(std::size_t bytes);
void freeFrame(void* p, std::size_t bytes) noexcept;

template <class T>
void* allocTaskFrame(std::size_t frameSize) {
    static_assert(alignof(OutputSlot<T>) <= kFrameAlign,
                  "over-aligned task results are not supported");
    constexpr std::size_t slot =
        (sizeof(OutputSlot<T>) + kFrameAlign - 1) / kFrameAlign * kFrameAlign;
    const std::size_t total = slot + kPrefixSize + frameSize;
    auto* block = static_cast<unsigned char*>(allocFrame(total));
    ::new (block) OutputSlot<T>();
    ::new (block + slot)
        FramePrefix{0,
                    static_cast<std::uint32_t>(total),
                    static_cast<std::uint32_t>(slot),
                    [](void* p) noexcept { static_cast<OutputSlot<T>*>(p)->~OutputSlot(); },
                    {}};
    return block + slot + kPrefixSize;
}

inline void freeBlock(FramePrefix* p) noexcept {
    void* slot = slotOf(p);
    p->destroySlot(slot);
    freeFrame(slot, p->blockSize);
}

inline void freeTaskFrame(void* frame) noexcept {
    FramePrefix* p = prefixOf(frame);
    if (p->flags & FramePrefix::HeaderLive) {
        p->flags |= FramePrefix::FrameGone;  // the header frees the block later
        return;
    }
    freeBlock(p);
}

// ------------------------------------------------------------- promise ----
struct PromiseBase {
    std::coroutine_handle<> continuation;

    std::suspend_always initial_suspend() noexcept { return {}; }  // lazy

    struct FinalAwaiter {
        bool await_ready() const noexcept { return false; }
        template <class P>
        std::coroutine_handle<> await_suspend(std::coroutine_handle<P> h) noexcept {
            std::coroutine_handle<> next = h.promise().continuation;
            return next ? next : std::noop_coroutine();
        }
        void await_resume() const noexcept {}
    };
    FinalAwaiter final_suspend() noexcept { return {}; }
};

// Starts `child` on behalf of the suspending `parent`, inline, on this poll.
// Returns what the parent's await_suspend must return: false when the child
// finished without suspending (the parent goes on at once), true when it
// suspended on a leaf (its completion later resumes the parent, by symmetric
// transfer). While it first runs, the child's continuation is the no-op
// coroutine, so a child that finishes at once returns here instead of
// resuming the parent: a loop awaiting children that are ready at once
// (6,000 ready channel sends, say) runs in constant stack even where the
// compiler does not make symmetric transfer a tail call (-O0/-O1, sanitizers).
template <class P>
bool startInline(std::coroutine_handle<P> child, std::coroutine_handle<> parent) noexcept {
    PromiseBase& p = child.promise();
    p.continuation = std::noop_coroutine();
    child.resume();
    if (child.done()) return false;
    p.continuation = parent;  // suspended: the task's poll returns through here
    return true;
}

// Shared by Promise<T> and Promise<void>: frame allocation with the output
// slot, and access to that slot.
template <class T, class Derived>
struct PromiseOf : PromiseBase {
    static void* operator new(std::size_t size) { return allocTaskFrame<T>(size); }
    static void operator delete(void* frame, std::size_t) noexcept { freeTaskFrame(frame); }

    OutputSlot<T>& slot() noexcept {
        void* frame =
            std::coroutine_handle<Derived>::from_promise(static_cast<Derived&>(*this)).address();
        return *static_cast<OutputSlot<T>*>(slotOf(prefixOf(frame)));
    }
    void unhandled_exception() noexcept { slot().error = std::current_exception(); }
};

template <class T>
struct Promise : PromiseOf<T, Promise<T>> {
    Task<T> get_return_object() noexcept;
    template <class U = T>
    requires std::is_convertible_v<U&&, T>
    void return_value(U&& v) noexcept(std::is_nothrow_constructible_v<T, U&&>) {
        this->slot().value.emplace(std::forward<U>(v));
    }
    T take() { return takeFrom(this->slot()); }
    static T takeFrom(OutputSlot<T>& s) {
        if (s.error) std::rethrow_exception(s.error);
        return std::move(*s.value);
    }
};

template <>
struct Promise<void> : PromiseOf<void, Promise<void>> {
    Task<void> get_return_object() noexcept;
    void return_void() noexcept {}
    void take() { takeFrom(this->slot()); }
    static void takeFrom(OutputSlot<void>& s) {
        if (s.error) std::rethrow_exception(s.error);
    }
};

// Suspends the current task on `leaf`: called from a leaf's await_suspend.
inline void suspendCurrent(std::coroutine_handle<> h, Pollable* leaf) noexcept {
    TaskHeader* t = t_context.task;
    assert(t && "async operations must run inside a task of an asyncscope Runtime");
    t->resumePoint = h;
    t->leaf = leaf;
}

// Cooperative budget. Returns false when this poll has used its budget: the
// operation must then yield instead of completing (see Tokio's coop module).
inline bool consumeBudget() noexcept {
    std::uint32_t& b = t_context.budget;
    if (b == 0) return false;
    --b;
    return true;
}

// The running task gives its worker back and asks to be polled again.
// deferred (yield_now, the coop budget): woken only when the worker next polls
// its drivers, as Tokio's context::defer; otherwise (a preemption slice) it
// goes straight to the back of the worker's local queue.
void yieldCurrent(bool deferred = true) noexcept;

// The shape shared by the leaf awaiters (sleep, join, channel and lock
// operations): suspend the task on this leaf, poll once right away, and
// resume at once when that completed. The first attempt of the operation
// costs one unit of the poll's coop budget; out of budget the task yields
// and the attempt happens at its next poll. Derived provides
// `bool pollOperation() noexcept`: try (registering the task's waker where
// it must wait); true when done. It is called again at every later poll.
template <class Derived>
class LeafAwaiter : public Pollable {
public:
    bool await_ready() const noexcept { return false; }
    bool await_suspend(std::coroutine_handle<> h) noexcept {
        suspendCurrent(h, this);
        if (!poll()) return true;
        t_context.task->leaf = nullptr;  // completed at once: nothing to wait on
        return false;
    }
    bool poll() noexcept final {
        if (!m_charged) {
            if (!consumeBudget()) {
                yieldCurrent();
                return false;
            }
            m_charged = true;
        }
        return static_cast<Derived*>(this)->pollOperation();
    }

protected:
    ~LeafAwaiter() = default;

private:
    bool m_charged = false;
};

TaskHeader* currentTask() noexcept;
inline constexpr std::uint16_t kHomeAny = 0, kHomeBlockOn = 1;
TaskHeader* spawnHeader(Shared* rt, std::coroutine_handle<> h, std::string_view name,
                        std::uint32_t tag = 0, std::uint16_t home = kHomeAny) noexcept;
Shared* currentRuntime() noexcept;
void emit(Shared* rt, EventKind kind, TaskId task, std::uint64_t arg = 0, std::uint64_t arg2 = 0,
          std::uint8_t sub = 0, std::string_view text = {}) noexcept;
bool tracing(Shared* rt) noexcept;
// True when the runtime of this thread has an observer installed.
inline bool observing() noexcept {
    return t_context.observer != nullptr;
}
std::uint64_t nextResourceId() noexcept;

}  // namespace detail

// ------------------------------------------------------------------ Task ----
template <class T>
class [[nodiscard]] Task {
public:
    using promise_type = detail::Promise<T>;
    using value_type = T;

    Task() noexcept = default;
    explicit Task(std::coroutine_handle<promise_type> h) noexcept : m_handle(h) {}
    Task(Task&& o) noexcept : m_handle(std::exchange(o.m_handle, {})) {}
    Task& operator=(Task&& o) noexcept {
        if (this != &o) {
            reset();
            m_handle = std::exchange(o.m_handle, {});
        }
        return *this;
    }
    Task(const Task&) = delete;
    Task& operator=(const Task&) = delete;
    ~Task() { reset(); }

    bool valid() const noexcept { return static_cast<bool>(m_handle); }
    bool done() const noexcept { return m_handle && m_handle.done(); }
    std::coroutine_handle<promise_type> release() noexcept { return std::exchange(m_handle, {}); }
    std::coroutine_handle<promise_type> handle() const noexcept { return m_handle; }

    // Awaiting a task runs it inline on the awaiting task (see startInline).
    auto operator co_await() && noexcept {
        struct Awaiter {
            std::coroutine_handle<promise_type> child;
            bool await_ready() const noexcept { return !child || child.done(); }
            bool await_suspend(std::coroutine_handle<> parent) noexcept {
                return detail::startInline(child, parent);
            }
            T await_resume() { return child.promise().take(); }
        };
        assert(m_handle && "co_await on an empty Task");
        return Awaiter{m_handle};
    }

private:
    void reset() noexcept {
        if (m_handle) std::exchange(m_handle, {}).destroy();
    }
    std::coroutine_handle<promise_type> m_handle;
};

namespace detail {
template <class T>
Task<T> Promise<T>::get_return_object() noexcept {
    return Task<T>(std::coroutine_handle<Promise<T>>::from_promise(*this));
}
inline Task<void> Promise<void>::get_return_object() noexcept {
    return Task<void>(std::coroutine_handle<Promise<void>>::from_promise(*this));
}
}  // namespace detail

// -------------------------------------------------------------- Waker ------
// A reference-counted handle that schedules a task for a poll. Copies share
// the task; wake() on a completed task does nothing.
class Waker {
public:
    Waker() noexcept = default;
    explicit Waker(detail::TaskHeader* t) noexcept : m_task(t) {
        if (m_task) m_task->refInc();
    }
    Waker(const Waker& o) noexcept : Waker(o.m_task) {}
    Waker(Waker&& o) noexcept : m_task(std::exchange(o.m_task, nullptr)) {}
    Waker& operator=(Waker o) noexcept {
        std::swap(m_task, o.m_task);
        return *this;
    }
    ~Waker() {
        if (m_task) m_task->refDec();
    }
    // The waker of the task running on this thread (empty outside a task).
    static Waker current() noexcept { return Waker(detail::t_context.task); }

    void wakeByRef(WakeSource source = WakeSource::External) const noexcept {
        if (m_task) m_task->wakeByRef(source);
    }
    void wake(WakeSource source = WakeSource::External) noexcept {
        if (m_task) std::exchange(m_task, nullptr)->wakeByVal(source);
    }
    bool valid() const noexcept { return m_task != nullptr; }
    TaskId taskId() const noexcept { return m_task ? m_task->id : 0; }
    detail::TaskHeader* header() const noexcept { return m_task; }
    detail::TaskHeader* release() noexcept { return std::exchange(m_task, nullptr); }

private:
    detail::TaskHeader* m_task = nullptr;
};

// The id of the task running on this thread (0 outside a task).
inline TaskId currentTaskId() noexcept {
    return detail::t_context.task ? detail::t_context.task->id : 0;
}

// True on a worker thread of a runtime (false on its block_on thread, its
// blocking pool and any other thread).
inline bool onWorkerThread() noexcept {
    return detail::t_context.worker != nullptr;
}

// Scenario support: marks that the current task entered await point `index`
// (the S0 -> S1 -> ... state machine the GUI shows).
void enterStep(std::uint32_t index) noexcept;

// Thrown by awaiting a JoinHandle whose task was cancelled, and by operations
// interrupted because the runtime shuts down.
class Cancelled : public std::runtime_error {
public:
    Cancelled() : std::runtime_error("task was cancelled") {}
    explicit Cancelled(const std::string& what) : std::runtime_error(what) {}
};

}  // namespace asyncscope
