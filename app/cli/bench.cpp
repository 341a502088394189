// The peers benchmark protocol (shared/peers/README.md), workload by workload.
// Start-up and shutdown are not timed; each workload runs inside a driver
// task spawned onto a worker; waits for "all" use a countdown latch whose
// last arrival wakes the driver through Notify (a stored permit: no lost wake).
#include "bench.hpp"

#include "args.hpp"

#include <asyncscope/asyncscope.hpp>
#include <asyncscope/trace/recorder.hpp>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>

namespace asyncscope::cli {

namespace {

using Clock = std::chrono::steady_clock;

struct Outcome {
    std::uint64_t ops = 0;
    double elapsedNs = 0;
    double bytesPerTask = -1;  // >= 0 only for idle_memory
    bool ok = true;
    std::string failure;
};

double since(Clock::time_point t0) {
    return static_cast<double>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - t0).count());
}

class Latch {
public:
    explicit Latch(std::int64_t n) : m_remaining(n) {}
    void arrive() noexcept {
        if (m_remaining.fetch_sub(1, std::memory_order_acq_rel) == 1) m_done.notifyOne();
    }
    Notify::NotifiedAwaiter wait() noexcept { return m_done.notified(); }

private:
    std::atomic<std::int64_t> m_remaining;
    Notify m_done;
};

// 1. spawn_many -----------------------------------------------------------
Task<> arriveOnly(Latch* l) {
    l->arrive();
    co_return;
}
Task<Outcome> spawnMany() {
    constexpr std::uint64_t N = 1'000'000;
    auto t0 = Clock::now();
    Latch latch(N);
    for (std::uint64_t i = 0; i < N; ++i) spawn(arriveOnly(&latch)).detach();
    co_await latch.wait();
    co_return Outcome{N, since(t0)};
}

// 2. yield_many -----------------------------------------------------------
Task<> yielder(Latch* l) {
    for (int i = 0; i < 1000; ++i) co_await yieldNow();
    l->arrive();
}
Task<Outcome> yieldMany() {
    constexpr std::uint64_t Tasks = 1000;
    auto t0 = Clock::now();
    Latch latch(Tasks);
    for (std::uint64_t i = 0; i < Tasks; ++i) spawn(yielder(&latch)).detach();
    co_await latch.wait();
    co_return Outcome{Tasks * 1000, since(t0)};
}

// 3. ping_pong ------------------------------------------------------------
Task<> ponger(Receiver<std::uint64_t> ping, Sender<std::uint64_t> pong) {
    while (auto v = co_await ping.recv()) {
        if (!co_await pong.send(*v)) break;
    }
}
Task<bool> pinger(Sender<std::uint64_t> ping, Receiver<std::uint64_t> pong, std::uint64_t n) {
    for (std::uint64_t i = 0; i < n; ++i) {
        if (!co_await ping.send(i)) co_return false;
        auto v = co_await pong.recv();
        if (!v || *v != i) co_return false;
    }
    co_return true;  // `ping` is dropped here: the channel closes
}
Task<Outcome> pingPong() {
    constexpr std::uint64_t N = 100'000;
    auto t0 = Clock::now();
    auto [pingTx, pingRx] = channel<std::uint64_t>(1);
    auto [pongTx, pongRx] = channel<std::uint64_t>(1);
    spawn(ponger(std::move(pingRx), std::move(pongTx))).detach();
    JoinHandle<bool> p = spawn(pinger(std::move(pingTx), std::move(pongRx), N));
    bool ok = co_await p;
    Outcome o{N, since(t0)};
    if (!ok) o = Outcome{N, 0, -1, false, "ping_pong: a value came back wrong"};
    co_return o;
}

// 4. chained_spawn --------------------------------------------------------
Task<> link(std::uint64_t k, Notify* done) {
    if (k == 1)
        done->notifyOne();
    else
        spawn(link(k - 1, done)).detach();
    co_return;
}
Task<Outcome> chainedSpawn() {
    constexpr std::uint64_t N = 1'000'000;
    Notify done;
    auto t0 = Clock::now();
    spawn(link(N, &done)).detach();
    co_await done.notified();
    co_return Outcome{N, since(t0)};
}

// 5. mutex_contention -----------------------------------------------------
// bench --mutex: Tokio's fair hand-off (the default) or Go's barging mutex.
MutexFairness g_fairness = MutexFairness::Fair;
struct Counter {
    Mutex mutex{"counter", g_fairness};
    std::uint64_t value = 0;
};
Task<> contender(Counter* c, Latch* l) {
    for (int i = 0; i < 10'000; ++i) {
        auto guard = co_await c->mutex.lock();
        ++c->value;
    }
    l->arrive();
}
Task<Outcome> mutexContention() {
    constexpr std::uint64_t Tasks = 64, Per = 10'000;
    Counter counter;
    auto t0 = Clock::now();
    Latch latch(Tasks);
    for (std::uint64_t i = 0; i < Tasks; ++i) spawn(contender(&counter, &latch)).detach();
    co_await latch.wait();
    Outcome o{Tasks * Per, since(t0)};
    if (counter.value != Tasks * Per)
        o = Outcome{Tasks * Per, 0, -1, false,
                    "mutex_contention: counter is " + std::to_string(counter.value)};
    co_return o;
}

// 6. mpsc_throughput ------------------------------------------------------
Task<> producer(Sender<std::uint64_t> tx, std::uint64_t p, std::uint64_t per) {
    for (std::uint64_t i = 0; i < per; ++i)
        if (!co_await tx.send(p * per + i)) co_return;
}
Task<Outcome> mpscThroughput() {
    constexpr std::uint64_t Producers = 8, Per = 125'000, N = Producers * Per;
    auto t0 = Clock::now();
    auto [tx, rx] = channel<std::uint64_t>(1024);
    for (std::uint64_t p = 0; p < Producers; ++p) spawn(producer(tx, p, Per)).detach();
    std::uint64_t sum = 0;
    for (std::uint64_t i = 0; i < N; ++i) {
        auto v = co_await rx.recv();
        if (!v) break;
        sum += *v;
    }
    Outcome o{N, since(t0)};
    if (sum != 499'999'500'000ull)
        o = Outcome{N, 0, -1, false, "mpsc_throughput: sum is " + std::to_string(sum)};
    co_return o;
}

// 7. timer_sleep ----------------------------------------------------------
Task<> sleeper(Latch* l) {
    co_await sleep(std::chrono::milliseconds(1));
    l->arrive();
}
Task<Outcome> timerSleep() {
    constexpr std::uint64_t N = 100'000;
    auto t0 = Clock::now();
    Latch latch(N);
    for (std::uint64_t i = 0; i < N; ++i) spawn(sleeper(&latch)).detach();
    co_await latch.wait();
    co_return Outcome{N, since(t0)};
}

// 8. idle_memory ----------------------------------------------------------
std::uint64_t vmRssBytes() {
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("VmRSS:", 0) == 0)
            return std::strtoull(line.c_str() + 6, nullptr, 10) * 1024;
    }
    return 0;
}
Task<> parkedTask(Latch* parked, Latch* finished, OneshotReceiver<Unit> rx) {
    parked->arrive();
    co_await rx;
    finished->arrive();
}
Task<Outcome> idleMemory() {
    constexpr std::uint64_t N = 100'000;
    Latch parked(N), finished(N);
    std::vector<OneshotSender<Unit>> senders;
    const std::uint64_t before = vmRssBytes();
    auto t0 = Clock::now();
    for (std::uint64_t i = 0; i < N; ++i) {
        auto [tx, rx] = oneshot<Unit>();
        senders.push_back(std::move(tx));
        spawn(parkedTask(&parked, &finished, std::move(rx))).detach();
    }
    co_await parked.wait();
    const std::uint64_t after = vmRssBytes();
    for (auto& s : senders) (void)s.send(Unit{});
    co_await finished.wait();
    Outcome o{N, since(t0)};
    o.bytesPerTask = (static_cast<double>(after) - static_cast<double>(before)) / double(N);
    co_return o;
}

// 9. spawn_blocking -------------------------------------------------------
std::uint64_t tinyWork(std::uint64_t i) {
    return i * 31 + 7;
}
Task<Outcome> spawnBlockingRoundTrips() {
    constexpr std::uint64_t N = 10'000;
    auto t0 = Clock::now();
    std::uint64_t sum = 0;
    for (std::uint64_t i = 0; i < N; ++i)
        sum += co_await spawnBlocking([i] { return tinyWork(i); });
    Outcome o{N, since(t0)};
    if (sum != 31 * (N * (N - 1) / 2) + 7 * N)
        o = Outcome{N, 0, -1, false, "spawn_blocking: sum is " + std::to_string(sum)};
    co_return o;
}

Task<Outcome> workload(const std::string& name) {
    if (name == "spawn_many") co_return co_await spawnMany();
    if (name == "yield_many") co_return co_await yieldMany();
    if (name == "ping_pong") co_return co_await pingPong();
    if (name == "chained_spawn") co_return co_await chainedSpawn();
    if (name == "mutex_contention") co_return co_await mutexContention();
    if (name == "mpsc_throughput") co_return co_await mpscThroughput();
    if (name == "timer_sleep") co_return co_await timerSleep();
    if (name == "idle_memory") co_return co_await idleMemory();
    co_return co_await spawnBlockingRoundTrips();
}

}  // namespace

const std::vector<std::string>& benchWorkloads() {
    static const std::vector<std::string> names = {
        "spawn_many",      "yield_many",  "ping_pong",   "chained_spawn", "mutex_contention",
        "mpsc_throughput", "timer_sleep", "idle_memory", "spawn_blocking"};
    return names;
}

int runBench(int argc, char** argv) {
    static const std::string names = [] {
        std::string n;
        for (const auto& w : benchWorkloads()) n += (n.empty() ? "" : ", ") + w;
        return n;
    }();
    static const std::string description =
        "Run one workload of the peers benchmark protocol (shared/peers/README.md) on the "
        "AsyncScope engine and print one result line: NAME ops=N ns_per_op=X total_ms=Y "
        "(idle_memory: bytes_per_task). Start-up and shutdown are not timed. NAME is one of: " +
        names + ".";
    static const CommandSpec spec{
        .path = "bench",
        .synopsis = "NAME [options]",
        .description = description.c_str(),
        .options = {{"workers", "N", "worker threads, 1 to 1024", "2"},
                    {"trace", nullptr,
                     "record every event while it runs (lossless, no live feed) to measure what "
                     "tracing costs; nothing is written"},
                    {"scenario", nullptr,
                     "run the workload as a scenario instead: the interpreter walks each task's "
                     "steps with recording on, as the app and 'run' do, timed from the first "
                     "recorded event to the last task's completion (spawn_many at 100,000 "
                     "tasks, a scenario's limit being 1,000,000; chained_spawn and idle_memory "
                     "have no scenario form)"},
                    {"mutex", "KIND",
                     "mutex_contention's mutex: fair (Tokio's FIFO hand-off) or barging (Go's "
                     "sync.Mutex: a running task may take a just-released lock, with starvation "
                     "mode after 1 ms)",
                     "fair"}},
        .exitCodes = {{0, "the workload ran and its result checked out"},
                      {1, "it failed, or its result was wrong"},
                      {2, "usage error"}},
        .notes =
            "ASYNCSCOPE_BENCH_STATS=1 in the environment also prints each worker's "
            "scheduler counters on stderr.",
        .minArgs = 1,
        .maxArgs = 1,
        .missingArgs = "missing workload NAME",
    };
    Args args(spec, argc, argv);
    if (args.finished()) return args.exitCode();
    const std::string name = args.positional()[0];
    unsigned workers = 2;
    const bool traced = args.has("trace");
    if (auto v = args.value("workers")) {
        long n = 0;
        if (!parseWhole(*v, 1, 1024, n))
            return args.fail("--workers takes a whole number from 1 to 1024, found '" + *v + "'");
        workers = static_cast<unsigned>(n);
    }
    if (auto v = args.value("mutex")) {
        if (*v == "fair")
            g_fairness = MutexFairness::Fair;
        else if (*v == "barging")
            g_fairness = MutexFairness::Barging;
        else
            return args.fail("--mutex is fair or barging, found '" + *v + "'");
    }
    bool known = false;
    for (const auto& w : benchWorkloads()) known = known || w == name;
    if (!known) return args.fail("unknown workload '" + name + "' (one of: " + names + ")");
    if (args.has("scenario")) {
        if (traced) return args.fail("--scenario always records: leave out --trace");
        return runScenarioBench(name, workers, g_fairness == MutexFairness::Barging);
    }

    RuntimeConfig cfg;
    cfg.workers = workers;
    Outcome out;
    // --trace: the same run with every event recorded (lossless recording, a
    // collector thread draining the per-thread buffers; no live feed).
    trace::RecorderOptions ro;
    ro.liveFeed = false;
    ro.collectInterval = std::chrono::milliseconds(50);
    ro.memoryCapBytes = std::size_t{4} << 30;
    trace::Recorder recorder(ro);
    recorder.describe(cfg, "bench " + name);
    if (traced) recorder.start();
    try {
        Runtime rt(cfg, traced ? &recorder : nullptr);
        out = rt.blockOn(workload(name), "driver");
        if (std::getenv("ASYNCSCOPE_BENCH_STATS")) {
            RuntimeStats st = rt.stats();
            for (std::size_t w = 0; w < st.workers.size(); ++w) {
                const WorkerStats& s = st.workers[w];
                std::fprintf(stderr,
                             "worker %zu: polls=%llu steals=%llu stolen=%llu parks=%llu lifo=%llu "
                             "lifo_cap=%llu inject_pops=%llu overflows=%llu\n",
                             w, (unsigned long long)s.polls, (unsigned long long)s.steals,
                             (unsigned long long)s.stolenTasks, (unsigned long long)s.parks,
                             (unsigned long long)s.lifoPolls, (unsigned long long)s.lifoCapHits,
                             (unsigned long long)s.injectPops, (unsigned long long)s.overflows);
            }
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "asyncscope-cli bench: %s failed: %s\n", name.c_str(), e.what());
        return 1;
    }
    if (!out.ok) {
        std::fprintf(stderr, "asyncscope-cli bench: check failed: %s\n", out.failure.c_str());
        return 1;
    }
    if (traced) {
        recorder.stop();
        trace::RecorderStatus st = recorder.status();
        std::fprintf(stderr, "asyncscope-cli bench: recorded %llu events (%.1f MB)%s\n",
                     static_cast<unsigned long long>(st.events), double(st.bytes) / 1e6,
                     st.stopped ? " -- stopped at the memory cap" : "");
    }
    const double totalMs = out.elapsedNs / 1e6;
    if (out.bytesPerTask >= 0)
        std::printf("%s ops=%llu bytes_per_task=%.1f total_ms=%.3f\n", name.c_str(),
                    static_cast<unsigned long long>(out.ops), out.bytesPerTask, totalMs);
    else
        std::printf("%s ops=%llu ns_per_op=%.3f total_ms=%.3f\n", name.c_str(),
                    static_cast<unsigned long long>(out.ops), out.elapsedNs / double(out.ops),
                    totalMs);
    return 0;
}

}  // namespace asyncscope::cli
