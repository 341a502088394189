// Blocking work: spawn_blocking (the right tool) and, on purpose, the wrong
// tools -- a blocking mutex and a blocking sleep -- for the lessons about
// blocking the runtime.
//
// spawnBlocking(f) runs `f` on the runtime's blocking pool: separate threads,
// created on demand up to RuntimeConfig::maxBlockingThreads, that exit after
// blockingKeepAlive idle. The awaiting task suspends; its worker stays free.
//
// BlockingMutex and blockingSleep block the *thread* they run on. Called in
// a task, that thread is a worker: every task queued on it waits (only other
// workers can steal them; a task in the LIFO slot cannot be stolen at all),
// and on a current-thread runtime everything stops. A BlockingMutex guard
// held across co_await is the classic way to deadlock a runtime: the holder
// is suspended, another task on the worker blocks in lock(), and the holder
// can never be polled again to unlock. The fix is the async Mutex.
#pragma once

#include <asyncscope/config.hpp>
#include <asyncscope/task.hpp>

#include <array>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace asyncscope {

namespace detail {

struct BlockingJobBase;
void submitBlocking(Shared* rt, BlockingJobBase* job) noexcept;
bool runtimeShuttingDown() noexcept;
void blockingSleepFor(Shared* rt, std::uint64_t ns);

// Mirrors detail::BlockingJob in the runtime (kept layout-compatible through
// the submit function, which wraps it).
struct BlockingJobBase {
    virtual void run() noexcept = 0;
    virtual void abandon() noexcept = 0;
    std::uint64_t id = 0;
    TaskId awaiting = 0;

protected:
    ~BlockingJobBase() = default;
};

template <class R>
struct BlockingState final : BlockingJobBase {
    static constexpr std::uint32_t DONE = 1, WAKER = 2, ABANDONED = 4;
    std::atomic<std::uint32_t> state{0};
    std::atomic<std::uint32_t> refs{2};  // the job, the handle
    TaskHeader* waker = nullptr;
    std::optional<ValueOr<R>> value;
    std::exception_ptr error;
    std::function<R()> fn;

    void release() noexcept {
        if (refs.fetch_sub(1, std::memory_order_acq_rel) == 1) delete this;
    }
    void finish(std::uint32_t bits) noexcept {
        std::uint32_t prev = state.fetch_or(bits, std::memory_order_acq_rel);
        if (prev & WAKER) std::exchange(waker, nullptr)->wakeByVal(WakeSource::Blocking);
        release();
    }
    void run() noexcept override {
        try {
            if constexpr (std::is_void_v<R>) {
                fn();
                value.emplace();
            } else {
                value.emplace(fn());
            }
        } catch (...) {
            error = std::current_exception();
        }
        fn = nullptr;
        finish(DONE);
    }
    void abandon() noexcept override { finish(DONE | ABANDONED); }
};

}  // namespace detail

template <class R>
class [[nodiscard]] BlockingHandle {
    using State = detail::BlockingState<R>;

public:
    explicit BlockingHandle(State* s) noexcept : m_state(s) {}
    BlockingHandle(BlockingHandle&& o) noexcept : m_state(std::exchange(o.m_state, nullptr)) {}
    BlockingHandle(const BlockingHandle&) = delete;
    ~BlockingHandle() {
        if (!m_state) return;
        // Take back a registered waker unless the job already took it.
        std::uint32_t s = m_state->state.load(std::memory_order_acquire);
        while ((s & State::WAKER) && !(s & State::DONE)) {
            if (m_state->state.compare_exchange_weak(
                    s, s & ~State::WAKER, std::memory_order_acq_rel, std::memory_order_acquire)) {
                std::exchange(m_state->waker, nullptr)->refDec();
                break;
            }
        }
        m_state->release();
    }

    class Awaiter final : public detail::Pollable {
    public:
        explicit Awaiter(State* s) noexcept : m_state(s) {}
        bool await_ready() const noexcept { return false; }
        bool await_suspend(std::coroutine_handle<> h) noexcept {
            if (poll()) return false;
            detail::suspendCurrent(h, this);
            return true;
        }
        bool poll() noexcept override {
            std::uint32_t s = m_state->state.load(std::memory_order_acquire);
            if (s & State::DONE) return true;
            if (s & State::WAKER) return false;
            detail::TaskHeader* me = detail::t_context.task;
            me->refInc();
            m_state->waker = me;
            for (;;) {
                if (s & State::DONE) {
                    std::exchange(m_state->waker, nullptr)->refDec();
                    return true;
                }
                if (m_state->state.compare_exchange_weak(
                        s, s | State::WAKER, std::memory_order_acq_rel, std::memory_order_acquire))
                    return false;
            }
        }
        R await_resume() {
            if (m_state->state.load(std::memory_order_acquire) & State::ABANDONED)
                throw Cancelled("the blocking job was abandoned: the runtime shut down");
            if (m_state->error) std::rethrow_exception(m_state->error);
            if constexpr (!std::is_void_v<R>) return std::move(*m_state->value);
        }

    private:
        State* m_state;
    };
    Awaiter operator co_await() const noexcept { return Awaiter(m_state); }
    bool isFinished() const noexcept {
        return m_state->state.load(std::memory_order_acquire) & State::DONE;
    }

private:
    State* m_state;
};

// Runs `f` on the blocking pool; co_await the handle for its result (errors
// thrown by `f` are rethrown there).
template <class F>
auto spawnBlocking(F f) -> BlockingHandle<std::invoke_result_t<F&>> {
    using R = std::invoke_result_t<F&>;
    auto* s = new detail::BlockingState<R>();
    s->fn = std::move(f);
    s->awaiting = currentTaskId();
    detail::submitBlocking(detail::currentRuntime(), s);
    return BlockingHandle<R>(s);
}

// Blocks the calling thread for `d` of runtime time. Inside a task this
// blocks the worker -- which is the point of the lessons that use it.
// Throws Cancelled if the runtime shuts down meanwhile.
void blockingSleep(Duration d);

// A std::mutex-like lock that blocks the calling *thread* (see the note).
// lock() throws Cancelled if the runtime shuts down while it waits, so a
// deadlocked runtime can still be destroyed.
class BlockingMutex {
public:
    explicit BlockingMutex(std::string_view name = {});
    BlockingMutex(const BlockingMutex&) = delete;
    BlockingMutex& operator=(const BlockingMutex&) = delete;
    void lock();
    bool try_lock();
    void unlock();
    bool isLocked() const;
    TaskId holder() const;
    std::uint64_t id() const noexcept { return m_id; }
    const std::string& name() const noexcept { return m_name; }

private:
    mutable std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_locked = false;
    TaskId m_holder = 0;
    // Virtual time: waiters counted as held, by kind, and the unlocks so far.
    std::array<unsigned, 4> m_held{};  // per kind of held thread (Shared::kHeld*)
    std::uint64_t m_epoch = 0;
    std::uint64_t m_id;
    std::string m_name;
};

}  // namespace asyncscope
