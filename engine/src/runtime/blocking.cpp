// Work that holds a thread: submitting a spawn_blocking job to the blocking
// pool (blocking_pool.cpp), a blocking sleep and simulated compute, both
// measured on the runtime clock (so they follow pause, time scale and the
// virtual clock). The std-style BlockingMutex is in sync/blocking_mutex.cpp.
#include "runtime/runtime_impl.hpp"

#include <pthread.h>
#include <time.h>

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
    // The thread keeps its poll or job but gives up its core: not a busy
    // thread for the oversubscription detector, not the host's doing for
    // the host watch.
    struct OffCpu {
        Shared* rt;
        explicit OffCpu(Shared* r) : rt(r) {
            rt->offCpu(true);
            rt->emit(EventKind::OffCpu, currentTaskId(), 0, 0, 0);
        }
        ~OffCpu() {
            rt->emit(EventKind::OffCpu, currentTaskId(), 0, 0, 1);
            rt->offCpu(false);
        }
    } offCpu(rt);
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
        rt->waitVirtual(ns, true);  // occupies this thread for exactly `ns`; no CPU burnt
        return;
    }
    // CPU work: busy until this thread has had `ns` of CPU time (times the
    // time scale: slower in slow motion), so that a thread the OS takes off
    // its core finishes later, as real code does; frozen while paused
    // (without burning the CPU then). Without a thread CPU clock, until the
    // runtime clock has moved `ns`.
    clockid_t self{};
    const bool cpuClock = pthread_getcpuclockid(pthread_self(), &self) == 0;
    auto cpuNow = [&]() -> std::int64_t {
        timespec ts{};
        if (!cpuClock || clock_gettime(self, &ts) != 0) return -1;
        return std::int64_t{ts.tv_sec} * 1'000'000'000 + ts.tv_nsec;
    };
    const std::uint64_t end = rt->clock.now() + ns;
    std::int64_t lastCpu = cpuNow();
    double done = 0;  // runtime ns of CPU work
    for (unsigned i = 0;; ++i) {
        if (lastCpu < 0) {
            if (rt->clock.now() >= end) return;
        } else if ((i & 7) == 0) {
            const std::int64_t c = cpuNow();
            if (c >= 0) {
                if (!rt->clock.paused())
                    done += static_cast<double>(c - lastCpu) / rt->clock.scale();
                lastCpu = c;
            }
            if (done >= static_cast<double>(ns)) return;
        }
        if ((i & 63) == 0) {
            if (rt->isShutdown()) throw Cancelled("the runtime shut down during compute");
            if (rt->clock.paused()) {
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
                lastCpu = cpuNow();
            }
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
