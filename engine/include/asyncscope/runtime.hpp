// Runtime: the executor. Owns the worker threads, the blocking pool, the
// timers and every task spawned on it. See engine/src/runtime/runtime_impl.hpp for the
// scheduler's design note.
//
// Lifetime: destroying the Runtime shuts it down: every thread is woken and
// joined, every task that has not finished is cancelled (its frame destroyed,
// its destructors run) and all memory is freed. Resources that tasks wait on
// (mutexes, channels, ...) must outlive the Runtime, or be owned by the tasks.
#pragma once

#include <asyncscope/config.hpp>
#include <asyncscope/event.hpp>
#include <asyncscope/join_handle.hpp>
#include <asyncscope/task.hpp>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>
#include <vector>

namespace asyncscope {

struct WorkerStats {
    std::uint64_t polls = 0;
    std::uint64_t steals = 0;       // successful steal operations
    std::uint64_t stolenTasks = 0;  // tasks taken by them
    std::uint64_t parks = 0;
    std::uint64_t lifoPolls = 0;    // polls taken from the LIFO slot after a task
    std::uint64_t lifoCapHits = 0;  // LIFO task moved to the queue because of the cap
    std::uint64_t injectPops = 0;   // tasks taken from the global queue
    std::uint64_t overflows = 0;    // local queue overflows into the global queue
};

struct RuntimeStats {
    std::vector<WorkerStats> workers;
    std::uint64_t blockOnPolls = 0;  // polls on the block_on thread (not a worker)
    std::uint64_t spawned = 0;
    std::uint64_t completed = 0;  // finished with a value or an error
    std::uint64_t cancelled = 0;
    std::size_t alive = 0;  // spawned and not finished
    std::size_t globalQueue = 0;
    unsigned blockingThreads = 0;
    unsigned parkedWorkers = 0;
    // Tasks whose state is "scheduled" (NOTIFIED, not running, not complete):
    // they must be in some queue. All workers parked while this is non-zero
    // for long is a lost wake-up.
    std::size_t scheduledTasks = 0;
};

// The task counters alone: cheap enough to read several times a second.
struct TaskCounts {
    std::uint64_t spawned = 0;
    std::uint64_t completed = 0;  // finished with a value or an error
    std::uint64_t cancelled = 0;
    std::size_t alive = 0;  // spawned and not finished
};

class Runtime {
public:
    // The observer (optional) sees every event; it must outlive the Runtime.
    explicit Runtime(RuntimeConfig config = {}, Observer* observer = nullptr);
    ~Runtime();
    Runtime(const Runtime&) = delete;
    Runtime& operator=(const Runtime&) = delete;

    // Spawns from outside the runtime: the task goes to the global queue.
    template <class T>
    JoinHandle<T> spawn(Task<T> task, std::string_view name = {}, std::uint32_t tag = 0) {
        auto h = task.release();
        return JoinHandle<T>(detail::spawnHeader(m_shared.get(), h, name, tag));
    }

    // Spawns the #[tokio::main] body: with RuntimeConfig::blockOnThread (and
    // the multi-thread flavor) it is polled only on the runtime's block_on
    // thread, as Tokio polls the future given to block_on on the thread that
    // called it; whatever it spawns or wakes goes to the inject queue.
    // Without that thread it is an ordinary spawn.
    template <class T>
    JoinHandle<T> spawnMain(Task<T> task, std::string_view name = "main", std::uint32_t tag = 0) {
        auto h = task.release();
        return JoinHandle<T>(
            detail::spawnHeader(m_shared.get(), h, name, tag, detail::kHomeBlockOn));
    }
    // The block_on thread's index in events (after the workers), or kNoWorker.
    std::uint32_t blockOnThreadIndex() const noexcept;

    // Spawns `task` and blocks the calling thread (which must not be a thread
    // of this runtime) until it finishes. Returns its value, rethrows its
    // error, or throws Cancelled if the runtime shut down first.
    template <class T>
    T blockOn(Task<T> task, std::string_view name = "block_on");

    // Controls. Pause: no poll starts and the runtime clock stands still.
    // Step: while paused, let exactly `polls` polls happen (the clock runs
    // meanwhile), then pause again.
    void pause();
    void resume();
    // Virtual clock: while held, time does not move, whatever the runtime's
    // threads do, so that a thread outside the runtime can act at one
    // instant (spawn a scenario's start tasks one by one: without the hold
    // the clock could jump between two spawns). Holds nest; no effect under
    // the real clock.
    void holdVirtualTime();
    void releaseVirtualTime();
    // Tasks scheduled from outside the runtime while a hold lasts are kept
    // back and published at its release, in the order they were scheduled,
    // in one batch with one wake-up: a scenario's start tasks reach the
    // queues at one instant, so what a worker finds first does not depend on
    // how fast the spawning thread is. Holds nest.
    void holdInject();
    void releaseInject();
    // Virtual clock: time never moves past `at` (a run's time limit, where
    // the run is then found timed out instead of jumping past it).
    void limitVirtualTime(Duration at);
    bool paused() const noexcept;
    void step(unsigned polls = 1);
    void setTimeScale(double scale);
    double timeScale() const noexcept;
    Duration now() const noexcept;

    // Stops every thread and cancels every task (the destructor does this).
    void shutdown();

    unsigned workerCount() const noexcept;
    const RuntimeConfig& config() const noexcept;
    RuntimeStats stats() const;
    TaskCounts taskCounts() const noexcept;
    // True when nothing is runnable or running, no blocking job is in flight,
    // and no timer is armed: unfinished tasks can never make progress again.
    // Virtual clock: the next instant is due only when the wall clock gets
    // there (paced), or the runtime is paused: no progress is expected now.
    bool waitingForWallClock() const noexcept;
    bool quiescent() const;

    detail::Shared* shared() const noexcept { return m_shared.get(); }

private:
    std::unique_ptr<detail::Shared> m_shared;
};

namespace detail {
struct BlockOnState {
    std::mutex mutex;
    std::condition_variable cv;
    bool done = false;
};
// Signals the blocked thread when destroyed. It is a *parameter* of the
// driver coroutine, so it lives in the frame from the start and signals even
// when the driver is cancelled before its first poll.
struct BlockOnSignal {
    BlockOnState* state;
    explicit BlockOnSignal(BlockOnState* s) noexcept : state(s) {}
    BlockOnSignal(BlockOnSignal&& o) noexcept : state(std::exchange(o.state, nullptr)) {}
    ~BlockOnSignal() {
        if (!state) return;
        std::lock_guard lock(state->mutex);
        state->done = true;
        state->cv.notify_all();  // under the lock: the waiter owns *state
    }
};
template <class T>
Task<void> blockOnDriver(Task<T> task, [[maybe_unused]] BlockOnSignal signal,
                         std::optional<ValueOr<T>>* out, std::exception_ptr* error) {
    try {
        if constexpr (std::is_void_v<T>) {
            co_await std::move(task);
            out->emplace();
        } else {
            out->emplace(co_await std::move(task));
        }
    } catch (...) {
        *error = std::current_exception();
    }
}
}  // namespace detail

template <class T>
T Runtime::blockOn(Task<T> task, std::string_view name) {
    detail::BlockOnState st;
    std::optional<ValueOr<T>> out;
    std::exception_ptr error;
    {
        JoinHandle<void> h = spawn(
            detail::blockOnDriver(std::move(task), detail::BlockOnSignal(&st), &out, &error), name);
        std::unique_lock lock(st.mutex);
        st.cv.wait(lock, [&] { return st.done; });
    }
    if (error) std::rethrow_exception(error);
    if (!out) throw Cancelled("the runtime shut down before the task finished");
    if constexpr (!std::is_void_v<T>) return std::move(*out);
}

}  // namespace asyncscope
