// The interpreter: runs a scenario Program on the real engine.
//
// Design note
// -----------
// Each task of a scenario is a coroutine that walks its template's steps and
// performs each one with the engine's own primitive: `sleep` awaits the timer
// wheel, `lock` awaits the async Mutex, `blocking_lock` really blocks the
// worker thread on a BlockingMutex, `spawn_blocking` really runs on the
// blocking pool, `select` really races tasks and aborts the losers. Nothing
// is simulated, so every scheduling decision the app shows is one the
// scheduler made. Before each step the task reports the await point it
// enters (enterStep), which is how the app draws the S0 -> S1 -> ... state
// machine of an async fn.
//
// The caller drives a run: start(), then poll() every few milliseconds until
// it returns true (or stop()), then finish(). poll() never blocks, so a GUI
// can call it from its event loop while pausing, stepping and slowing the
// runtime through runtime().
//
// A run ends when every task finished (Completed), when the runtime is
// quiescent with tasks left that nothing can ever wake (Stuck: a deadlock on
// async locks, a lost wake-up, a receive nobody will answer), when every
// worker has been blocked in blocking_lock for 100 ms of runtime time while
// the holders are tasks that need a worker to run (Deadlock), at the time
// limit (TimedOut), or on stop() (Stopped). finish() shuts the runtime down,
// which cancels every task still alive.
#pragma once

#include <asyncscope/runtime.hpp>
#include <asyncscope/scenario/model.hpp>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace asyncscope::scenario {

struct RunOverrides {
    std::optional<unsigned> workers;
    std::optional<Flavor> flavor;
    std::optional<double> timeScale;
    std::optional<std::uint64_t> seed;
    std::optional<Duration> timeLimit;
    std::optional<ClockKind> clock;
    // false: the #[tokio::main] body (StartItem::blockOn) runs as an ordinary
    // task on a worker instead of on the block_on thread.
    std::optional<bool> blockOn;
    // Virtual clock: at the time scale's pace (the app), not as fast as it can.
    bool pace = false;
};

// The runtime configuration a run of `program` uses.
RuntimeConfig effectiveConfig(const Program& program, const RunOverrides& overrides);

enum class RunEnd : std::uint8_t { Completed, Stuck, Deadlock, TimedOut, Stopped };
std::string_view toString(RunEnd end) noexcept;

struct RunResult {
    RunEnd end = RunEnd::Stopped;
    Duration elapsed{0};                      // runtime clock when the run ended
    RuntimeStats stats;                       // taken when the run ended (before the shutdown)
    std::vector<std::uint64_t> templateRuns;  // per template: how often its steps started
    std::string detail;                       // why it ended, in one sentence
};

class Interpreter {
public:
    // `program` and `observer` must outlive the Interpreter.
    explicit Interpreter(const Program& program, RunOverrides overrides = {},
                         Observer* observer = nullptr);
    ~Interpreter();
    Interpreter(const Interpreter&) = delete;
    Interpreter& operator=(const Interpreter&) = delete;

    // Spawns the start tasks. The runtime exists from construction, so it
    // can be paused (or its time scale set) before start().
    void start();
    Runtime& runtime() noexcept;
    const Program& program() const noexcept;

    // Whether the run is over (see the design note). Never blocks.
    bool poll();
    bool ended() const noexcept { return m_end.has_value(); }
    // Ends the run as Stopped at the next poll() (or finish()).
    void stop() noexcept { m_stopRequested.store(true, std::memory_order_relaxed); }
    // Shuts the runtime down and reports. Call once.
    RunResult finish();

    std::uint64_t templateRuns(std::size_t templateIndex) const noexcept;

    // The engine ids of the scenario's resources (as events name them).
    struct ResourceId {
        std::string name;
        ResourceKind kind;
        std::uint64_t id;
        std::uint64_t capacity;  // channels; permits for semaphores
    };
    std::vector<ResourceId> resourceIds() const;

    struct State;

private:
    const Program& m_program;
    std::unique_ptr<State> m_state;  // outlives the runtime (declared first)
    std::unique_ptr<Runtime> m_runtime;
    Observer* m_observer = nullptr;
    std::atomic<bool> m_stopRequested{false};
    std::optional<RunEnd> m_end;
    std::string m_detail;
    Duration m_timeLimit{0};
    Duration m_endTime{0};
    RuntimeStats m_endStats;
    int m_quiescentChecks = 0;
    // Virtual clock: the last time (wall ns) the run made progress, and what
    // progress looked like then (the clock, the polls).
    std::int64_t m_progressWall = -1;
    std::uint64_t m_progressMark = 0;
    std::int64_t m_allBlockedSince = -1;  // runtime ns, -1: not all workers blocked
    // The #[tokio::main] body (StartItem::blockOn), if the program has one:
    // the run ends when it does. (The destructor resets the runtime first;
    // a handle outliving it only frees the finished task.)
    JoinHandle<void> m_main;
};

// Runs `program` to its end on the calling thread. `progress` (optional) is
// called about every 100 ms; `stopFlag` (optional) stops the run when set.
RunResult runProgram(const Program& program, const RunOverrides& overrides = {},
                     Observer* observer = nullptr, const std::atomic<bool>* stopFlag = nullptr,
                     const std::function<void(Interpreter&)>& progress = {});

}  // namespace asyncscope::scenario
