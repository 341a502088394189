// The host watch: the host's noise told apart from the scenario's.
//
// Design note
// -----------
// Under the real clock a poll's wall time is the task's own work plus
// whatever the OS did meanwhile: on a busy machine a worker thread can be
// taken off its core for milliseconds in the middle of a poll, and a
// detector that only sees wall time blames the task ("blocked the runtime
// for 12 ms"). The watch measures what the OS took:
//
//   - each worker publishes, in one atomic word, whether it is in a poll
//     and on its core (bit 0), with an epoch that changes at every switch
//     (poll start and end, a blocking sleep, a wait in a BlockingMutex);
//   - a thread of the runtime samples every worker's CPU clock
//     (pthread_getcpuclockid) and the wall clock every kPeriod; when a
//     worker's word did not change between two samples and says "in a poll,
//     on its core", the wall time that its CPU clock did not advance is
//     time the OS took: it is reported as a HostPreempt record.
//
// The hot path pays two relaxed stores per poll, and only when the watch is
// on (the real clock with an observer); nothing when it is off. A window
// in which the state changed is not counted, so what is reported is a lower
// bound: at most two periods per poll are missed.
#include "runtime/runtime_impl.hpp"

#include <time.h>

namespace asyncscope::detail {

namespace {
constexpr std::chrono::microseconds kPeriod{1000};
// Below this, a window's lost time is the sampling's own jitter.
constexpr std::int64_t kMinStolenNs = 100'000;

std::int64_t cpuNs(clockid_t c) noexcept {
    timespec ts{};
    if (clock_gettime(c, &ts) != 0) return -1;
    return std::int64_t{ts.tv_sec} * 1'000'000'000 + ts.tv_nsec;
}
}  // namespace

void Shared::startHostWatch() {
    hostWatchThread = std::thread([this] { hostWatchLoop(); });
}

void Shared::stopHostWatch() noexcept {
    if (!hostWatchThread.joinable()) return;
    { std::lock_guard lock(hostWatchMutex); }
    hostWatchCv.notify_all();
    hostWatchThread.join();
}

void Shared::offCpu(bool off) noexcept {
    if (WorkerCore* w = t_context.worker; w && hostWatchOn && t_context.runtime == this)
        w->watchSet(!off);
}

void Shared::hostWatchLoop() {
    struct Sample {
        std::uint64_t word = 0;
        std::int64_t wall = -1, cpu = -1;
    };
    std::vector<Sample> last(workers.size());
    std::unique_lock lock(hostWatchMutex);
    while (!isShutdown()) {
        hostWatchCv.wait_for(lock, kPeriod, [this] { return isShutdown(); });
        if (isShutdown()) break;
        for (std::size_t i = 0; i < workers.size(); ++i) {
            WorkerCore& w = *workers[i];
            if (!w.cpuClockReady.load(std::memory_order_acquire)) continue;
            const std::uint64_t before = w.watch.load(std::memory_order_acquire);
            const std::int64_t wall = Clock::wallNs();
            const std::int64_t cpu = cpuNs(w.cpuClock);
            const std::uint64_t after = w.watch.load(std::memory_order_acquire);
            Sample& prev = last[i];
            // The same word at both ends of the window and at this sample's
            // two reads: the worker stayed in one poll, on its core.
            if (before == after && prev.word == before && (before & 1u) && prev.cpu >= 0 &&
                cpu >= 0 && clock.paused() == false) {
                const std::int64_t dWall = wall - prev.wall, dCpu = cpu - prev.cpu;
                const std::int64_t stolen = dWall - dCpu;
                if (stolen >= kMinStolenNs && observer) {
                    const double scale = clock.scale();
                    Event e;
                    e.time = clock.now();
                    e.arg = static_cast<std::uint64_t>(static_cast<double>(stolen) / scale);
                    e.arg2 = static_cast<std::uint64_t>(static_cast<double>(dWall) / scale);
                    e.worker = static_cast<std::uint32_t>(i);
                    e.kind = EventKind::HostPreempt;
                    observer->onEvent(e);
                }
            }
            prev = Sample{after, wall, cpu};
        }
    }
}

}  // namespace asyncscope::detail
