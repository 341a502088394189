// Time: sleep, sleep_until, timeout, interval, and compute.
//
// Design note
// -----------
// Every duration here is *runtime* time (Runtime::now()): with a time scale
// of k it lasts k times longer in wall time, it stands still while the
// runtime is paused, and under the virtual clock it jumps to the next timer
// as soon as nothing is runnable.
//
// Timers live in a hierarchical timing wheel (6 levels x 64 slots, 1 us
// ticks, ~19 h horizon) guarded by one lock. An entry is intrusive: it lives
// inside the awaiter that registered it, and the awaiter's destructor removes
// it, so a cancelled sleep leaves nothing behind. Firing happens under the
// wheel lock and *takes* the entry's waker, so after the lock is released the
// firing thread never touches the entry again (the awaiter may already be
// gone).
//
// timeout(d, task) runs `task` inline in the calling task inside a cancel
// scope. When the deadline passes, the timer wakes the task and the worker,
// before polling, destroys the inner coroutine chain (every destructor runs,
// every leaf unregisters) and resumes the awaiting coroutine with "elapsed".
#pragma once

#include <asyncscope/config.hpp>
#include <asyncscope/task.hpp>

#include <optional>

namespace asyncscope {

namespace detail {

struct TimerEntry {
    enum : std::uint8_t { Idle = 0, Registered = 1, Fired = 2 };
    TimerEntry* prev = nullptr;  // guarded by the wheel lock
    TimerEntry* next = nullptr;
    std::uint64_t tick = 0;        // deadline in wheel ticks
    std::uint64_t deadlineNs = 0;  // deadline in runtime ns
    TaskHeader* waker = nullptr;   // holds a reference while Registered
    std::atomic<std::uint8_t> state{Idle};
    std::uint8_t level = 0;
    std::uint8_t slot = 0;

    bool fired() const noexcept { return state.load(std::memory_order_acquire) == Fired; }
};

// Registers `e` to wake the current task at `deadlineNs`. Returns false (and
// registers nothing) when the deadline has already passed.
bool timerRegister(Shared* rt, TimerEntry& e, std::uint64_t deadlineNs) noexcept;
// Removes `e` if it is still registered; a no-op once it fired.
void timerCancel(Shared* rt, TimerEntry& e) noexcept;
std::uint64_t runtimeNowNs(Shared* rt) noexcept;
// Busy CPU for `ns` of runtime time on the calling thread.
void computeFor(Shared* rt, std::uint64_t ns);
std::uint64_t preemptionSliceNs(Shared* rt) noexcept;

struct CancelScope {
    CancelScope* parent = nullptr;
    std::coroutine_handle<> awaiting;  // resumed with "elapsed"
    TaskHeader* owner = nullptr;
    TimerEntry entry;
    void (*destroyInner)(CancelScope*) noexcept = nullptr;
    bool elapsed = false;
    bool active = false;
};

}  // namespace detail

// The runtime clock of the calling thread's runtime.
inline Duration now() noexcept {
    return Duration(detail::runtimeNowNs(detail::currentRuntime()));
}

class [[nodiscard]] Sleep final : public detail::LeafAwaiter<Sleep> {
public:
    explicit Sleep(Duration deadline) noexcept
        : m_rt(detail::currentRuntime()),
          m_deadline(static_cast<std::uint64_t>(deadline.count() < 0 ? 0 : deadline.count())) {}
    Sleep(const Sleep&) = delete;
    Sleep& operator=(const Sleep&) = delete;
    ~Sleep() {
        if (m_entry.state.load(std::memory_order_acquire) == detail::TimerEntry::Registered)
            detail::timerCancel(m_rt, m_entry);
    }
    bool pollOperation() noexcept {
        if (!m_registered) {
            m_registered = true;
            return !detail::timerRegister(m_rt, m_entry, m_deadline);
        }
        return m_entry.fired();
    }
    void await_resume() const noexcept {}
    Duration deadline() const noexcept { return Duration(m_deadline); }

private:
    detail::Shared* m_rt;
    std::uint64_t m_deadline;
    detail::TimerEntry m_entry;
    bool m_registered = false;
};

// Waits until the runtime clock reaches `deadline` (runtime time).
inline Sleep sleepUntil(Duration deadline) noexcept {
    return Sleep(deadline);
}
// Waits `d` of runtime time.
inline Sleep sleep(Duration d) noexcept {
    return Sleep(now() + d);
}

// Awaiting yields the inner task's value, or std::nullopt when `d` elapsed
// first; the inner task is then cancelled (destroyed, destructors run).
// Errors of the inner task propagate.
template <class T>
class [[nodiscard]] Timeout final : private detail::CancelScope {
public:
    Timeout(Duration deadline, Task<T> inner) noexcept
        : m_rt(detail::currentRuntime()),
          m_deadline(static_cast<std::uint64_t>(deadline.count() < 0 ? 0 : deadline.count())),
          m_inner(std::move(inner)) {}
    Timeout(const Timeout&) = delete;
    Timeout& operator=(const Timeout&) = delete;
    ~Timeout() {
        if (active && owner && owner->scopes == this) owner->scopes = parent;
        if (entry.state.load(std::memory_order_acquire) == detail::TimerEntry::Registered)
            detail::timerCancel(m_rt, entry);
    }

    bool await_ready() const noexcept { return false; }
    bool await_suspend(std::coroutine_handle<> h) noexcept {
        detail::TaskHeader* t = detail::t_context.task;
        owner = t;
        awaiting = h;
        destroyInner = &Timeout::destroyInnerFn;
        if (!detail::timerRegister(m_rt, entry, m_deadline)) {
            // Already past: the inner task still gets its first poll (as in
            // Tokio, which polls the inner future before the deadline), then
            // the scope is cancelled at the next poll.
            entry.state.store(detail::TimerEntry::Fired, std::memory_order_release);
            t->wakeByRef(WakeSource::Timer);
        }
        parent = t->scopes;
        t->scopes = this;
        active = true;
        return detail::startInline(m_inner.handle(), h);
    }
    std::optional<ValueOr<T>> await_resume() {
        if (owner->scopes == this) owner->scopes = parent;
        active = false;
        if (entry.state.load(std::memory_order_acquire) == detail::TimerEntry::Registered)
            detail::timerCancel(m_rt, entry);
        if (elapsed) return std::nullopt;
        if constexpr (std::is_void_v<T>) {
            m_inner.handle().promise().take();
            return Unit{};
        } else {
            return m_inner.handle().promise().take();
        }
    }

private:
    static void destroyInnerFn(detail::CancelScope* s) noexcept {
        auto* self = static_cast<Timeout*>(s);
        self->elapsed = true;
        self->m_inner = Task<T>{};
    }
    detail::Shared* m_rt;
    std::uint64_t m_deadline;
    Task<T> m_inner;
};

template <class T>
Timeout<T> timeout(Duration d, Task<T> inner) noexcept {
    return Timeout<T>(now() + d, std::move(inner));
}
template <class T>
Timeout<T> timeoutAt(Duration deadline, Task<T> inner) noexcept {
    return Timeout<T>(deadline, std::move(inner));
}

// Ticks every `period`; the first tick completes immediately. Missed ticks
// fire in a burst to catch up (Tokio's default MissedTickBehavior::Burst).
class Interval {
public:
    explicit Interval(Duration period) noexcept : m_period(period), m_next(now()) {}
    Sleep tick() noexcept {
        Duration at = m_next;
        m_next += m_period;
        return Sleep(at);
    }
    Duration period() const noexcept { return m_period; }

private:
    Duration m_period;
    Duration m_next;
};
inline Interval interval(Duration period) noexcept {
    return Interval(period);
}

// Busy CPU work for `d` of runtime time. Cooperative by default: the worker
// is occupied for the whole duration, as any computation inside a Tokio task
// occupies its worker. With RuntimeConfig::preemptionSlice set, the work is
// cut into slices and the task yields after each one (Go-like preemption).
class [[nodiscard]] Compute final : public detail::Pollable {
public:
    explicit Compute(Duration d) noexcept
        : m_rt(detail::currentRuntime()),
          m_remaining(static_cast<std::uint64_t>(d.count() < 0 ? 0 : d.count())),
          m_slice(detail::preemptionSliceNs(m_rt)) {}
    bool await_ready() { return runSlice(); }
    void await_suspend(std::coroutine_handle<> h) noexcept {
        detail::suspendCurrent(h, this);
        detail::yieldCurrent(false);
    }
    bool poll() noexcept override {
        try {
            if (runSlice()) return true;
        } catch (...) {
            m_error = std::current_exception();  // shutdown: resume and unwind
            return true;
        }
        detail::yieldCurrent(false);
        return false;
    }
    void await_resume() const {
        if (m_error) std::rethrow_exception(m_error);
    }

private:
    bool runSlice() {
        if (m_slice == 0 || m_remaining <= m_slice) {
            detail::computeFor(m_rt, m_remaining);
            m_remaining = 0;
            return true;
        }
        detail::computeFor(m_rt, m_slice);
        m_remaining -= m_slice;
        return false;
    }
    detail::Shared* m_rt;
    std::uint64_t m_remaining;
    std::uint64_t m_slice;
    std::exception_ptr m_error;
};
inline Compute compute(Duration d) noexcept {
    return Compute(d);
}

}  // namespace asyncscope
