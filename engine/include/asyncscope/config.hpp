// Runtime configuration: every knob a scenario (or the GUI) may turn.
#pragma once

#include <chrono>
#include <cstdint>

namespace asyncscope {

using Duration = std::chrono::nanoseconds;

enum class Flavor : std::uint8_t {
    MultiThread,    // Tokio's work-stealing scheduler
    CurrentThread,  // one thread, one queue: the shape of asyncio's event loop
};

enum class ClockKind : std::uint8_t {
    Real,     // wall time, optionally scaled (slow motion) and pausable
    Virtual,  // starts at 0, jumps to the next timer when nothing is runnable
};

// The machine's cores as the OS reports them (at least 1).
unsigned hostCores() noexcept;

struct RuntimeConfig {
    Flavor flavor = Flavor::MultiThread;
    // 0 means the default: one worker per core, as Tokio's multi-thread
    // runtime does (resolvedWorkers() applies it). Ignored (forced to 1) for
    // CurrentThread. A scenario's format has its own default (4, applied by
    // the loader, so that a lesson looks the same on every machine).
    unsigned workers = 0;
    // A worker checks the global inject queue first every this many polls
    // (Tokio: 61 for the multi-thread scheduler, 31 for current-thread).
    unsigned globalQueueInterval = 61;
    // Every this many polls a worker runs maintenance (timers, shutdown check).
    unsigned eventInterval = 61;
    bool lifoSlot = true;
    // Consecutive polls from the LIFO slot before its task goes to the back of
    // the local queue (Tokio: 3), so a ping-pong pair cannot starve the queue.
    unsigned maxLifoPolls = 3;
    bool stealing = true;
    // Cooperative budget: resource operations per poll before they force a
    // yield (Tokio: 128). 0 disables the budget.
    unsigned budget = 128;
    // Preemption slice for compute(): 0 = off (cooperative, like Tokio). With a
    // slice, long compute yields after each slice, like Go's preemption.
    Duration preemptionSlice{0};
    // Blocking pool: at most this many threads (Tokio: 512); idle threads exit
    // after keepAlive (Tokio: 10 s).
    unsigned maxBlockingThreads = 512;
    Duration blockingKeepAlive = std::chrono::seconds(10);
    ClockKind clock = ClockKind::Real;
    // Virtual clock: move no faster than the wall clock times timeScale allow
    // (someone is watching: the app), rather than as fast as possible.
    bool virtualPacing = false;
    // Virtual clock: the simulated machine's cores. When more compute steps
    // run at once than it has cores, they share them (each progresses at
    // cores/running of real speed), as an OS time-slices threads. 0: as many
    // cores as there are threads (no step is ever slowed down).
    unsigned cores = 0;
    // Runtime durations last timeScale times longer in wall time (slow motion).
    double timeScale = 1.0;
    // Seeds each worker's steal-victim generator.
    std::uint64_t seed = 0x5eed;
    // Local run queue capacity (a power of two; Tokio: 256).
    unsigned localQueueCapacity = 256;
    // Multi-thread only: a thread of its own, beside the workers, polls the
    // tasks spawned with Runtime::spawnMain -- Tokio's block_on thread, where
    // the #[tokio::main] body runs. It never polls anything else, nobody
    // steals from it, and what it spawns or wakes goes to the inject queue.
    bool blockOnThread = false;
    // How long an idle worker/blocking thread spins looking for work before it
    // sleeps. Spinning trades CPU for hand-off latency.
    Duration idleSpin = std::chrono::microseconds(20);
};

// The worker threads a runtime with `config` runs: 1 for CurrentThread, else
// `workers`, or hostCores() when that is 0. The one place that decides it.
unsigned resolvedWorkers(const RuntimeConfig& config) noexcept;

}  // namespace asyncscope
