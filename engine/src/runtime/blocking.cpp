// Work that holds a thread: submitting a spawn_blocking job to the blocking
// pool (blocking_pool.cpp), a blocking sleep and simulated compute, both
// measured on the runtime clock (so they follow pause, time scale and the
// virtual clock). The std-style BlockingMutex is in sync/blocking_mutex.cpp.
#include "runtime/runtime_impl.hpp"

#include <asyncscope/blocking.hpp>

#include <algorithm>
#include <thread>

namespace asyncscope {
namespace detail {

void submitBlocking(Shared* rt, BlockingJobBase* job) noexcept {
    assert(rt && "spawnBlocking must be called on a thread of a Runtime");
    static std::atomic<std::uint64_t> nextJob{1};
    job->id = nextJob.fetch_add(1, std::memory_order_relaxed);
    if (rt->observer) [[unlikely]]
        rt->emit(EventKind::Schedule, job->awaiting, job->id, 0,
                 static_cast<std::uint8_t>(QueueKind::Blocking));
    rt->blocking.submit(job);
}

bool runtimeShuttingDown() noexcept {
    Shared* rt = t_context.runtime;
    return rt && rt->isShutdown();
}

namespace {
// Sleeps until runtime time `end`, in short wall-clock chunks so that pause,
// time-scale changes and shutdown are noticed.
void sleepUntilRuntime(Shared* rt, std::uint64_t end) {
    for (;;) {
        if (rt->isShutdown()) throw Cancelled("the runtime shut down during a blocking sleep");
        std::uint64_t now = rt->clock.now();
        if (now >= end) return;
        std::int64_t wall = rt->clock.wallUntil(end);
        if (wall < 0) wall = 1'000'000;  // paused: look again in 1 ms
        std::this_thread::sleep_for(
            std::chrono::nanoseconds(std::min<std::int64_t>(wall, 5'000'000)));
    }
}
}  // namespace

void blockingSleepFor(Shared* rt, std::uint64_t ns) {
    if (!rt) {
        std::this_thread::sleep_for(std::chrono::nanoseconds(ns));
        return;
    }
    if (rt->clock.isVirtual()) {
        rt->waitVirtual(ns);  // holds this thread for exactly `ns` of virtual time
        return;
    }
    if (t_context.worker) rt->ensureTimerDriver();  // this worker stops serving timers
    sleepUntilRuntime(rt, rt->clock.now() + ns);
}

void computeFor(Shared* rt, std::uint64_t ns) {
    if (ns == 0) return;
    if (!rt) {
        const std::int64_t until = Clock::wallNs() + static_cast<std::int64_t>(ns);
        while (Clock::wallNs() < until) ASYNCSCOPE_CPU_RELAX();
        return;
    }
    if (rt->clock.isVirtual()) {
        rt->waitVirtual(ns);  // occupies this thread for exactly `ns`; no CPU burnt
        return;
    }
    // Busy until the runtime clock has moved `ns`: slower in slow motion,
    // frozen while paused (without burning the CPU then).
    const std::uint64_t end = rt->clock.now() + ns;
    for (unsigned i = 0;; ++i) {
        if (rt->clock.now() >= end) return;
        if ((i & 63) == 0) {
            if (rt->isShutdown()) throw Cancelled("the runtime shut down during compute");
            if (rt->clock.paused()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        for (int k = 0; k < 16; ++k) ASYNCSCOPE_CPU_RELAX();
    }
}

}  // namespace detail

void blockingSleep(Duration d) {
    detail::blockingSleepFor(detail::currentRuntime(),
                             static_cast<std::uint64_t>(std::max<std::int64_t>(0, d.count())));
}

}  // namespace asyncscope
