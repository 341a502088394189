// Stress: many wake -> poll cycles on 2, 4 and 8 workers, random aborts,
// steal storms, with an observer checking the per-task invariants (never
// polled concurrently, never polled after it finished) and a watchdog that
// turns a lost wake-up into a failure instead of a hang.
//
// Counts scale with ASYNCSCOPE_STRESS_SCALE (default 1.0), e.g. 0.1 for the
// sanitizer builds.
#include "helpers.hpp"

#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <functional>
#include <mutex>
#include <optional>
#include <random>

using namespace asyncscope;
using namespace asyncscope::test;
using WallClock = std::chrono::steady_clock;

namespace {

// ------------------------------------------------------------ checker -----

class InvariantChecker final : public Observer {
public:
    explicit InvariantChecker(std::size_t capacity = std::size_t{1} << 22) : m_states(capacity) {}

    void onEvent(const Event& e) noexcept override {
        switch (e.kind) {
        case EventKind::PollStart: {
            auto* s = slot(e.task);
            if (!s) return;
            std::uint8_t prev = s->fetch_or(kPolling, std::memory_order_acq_rel);
            if (prev & kPolling) violation("two PollStart without a PollEnd (concurrent polls)", e);
            if (prev & kFinished) violation("PollStart after the task finished", e);
            prev = s->fetch_and(static_cast<std::uint8_t>(~kScheduled), std::memory_order_acq_rel);
            if (!(prev & kScheduled)) m_lateSchedules.fetch_add(1, std::memory_order_relaxed);
            break;
        }
        case EventKind::Schedule:
            if (auto* s = slot(e.task)) s->fetch_or(kScheduled, std::memory_order_acq_rel);
            break;
        case EventKind::PollEnd: {
            auto* s = slot(e.task);
            if (!s) return;
            std::uint8_t prev =
                s->fetch_and(static_cast<std::uint8_t>(~kPolling), std::memory_order_acq_rel);
            if (!(prev & kPolling) && e.sub != static_cast<std::uint8_t>(PollResult::Cancelled))
                violation("PollEnd without PollStart", e);
            break;
        }
        case EventKind::Complete:
        case EventKind::Error: finish(e); break;
        case EventKind::Cancel:
            if (e.sub == 1) finish(e);  // the cancellation itself (sub 0: the request)
            break;
        case EventKind::Steal: m_steals.fetch_add(1, std::memory_order_relaxed); break;
        default: break;
        }
    }

    std::vector<std::string> violations() const {
        std::lock_guard g(m_mutex);
        return m_violations;
    }
    std::uint64_t steals() const { return m_steals.load(); }
    std::uint64_t untracked() const { return m_untracked.load(); }
    // Polls whose Schedule event had not been seen yet (emitted late).
    std::uint64_t lateSchedules() const { return m_lateSchedules.load(); }

private:
    static constexpr std::uint8_t kPolling = 1, kFinished = 2, kScheduled = 4;

    std::atomic<std::uint8_t>* slot(TaskId id) noexcept {
        if (id == 0) return nullptr;
        if (id >= m_states.size()) {
            m_untracked.fetch_add(1, std::memory_order_relaxed);
            return nullptr;
        }
        return &m_states[id];
    }
    void finish(const Event& e) noexcept {
        if (auto* s = slot(e.task)) {
            std::uint8_t prev = s->fetch_or(kFinished, std::memory_order_acq_rel);
            if (prev & kFinished) violation("finished twice", e);
        }
    }
    void violation(const char* what, const Event& e) noexcept {
        std::lock_guard g(m_mutex);
        if (m_violations.size() < 20)
            m_violations.push_back(std::string(what) + ": task " + std::to_string(e.task) +
                                   " on worker " + std::to_string(e.worker));
    }

    std::vector<std::atomic<std::uint8_t>> m_states;
    std::atomic<std::uint64_t> m_steals{0};
    std::atomic<std::uint64_t> m_untracked{0};
    std::atomic<std::uint64_t> m_lateSchedules{0};
    mutable std::mutex m_mutex;
    std::vector<std::string> m_violations;
};

// ----------------------------------------------------------- watchdog -----

std::uint64_t totalPolls(const RuntimeStats& st) {
    std::uint64_t n = 0;
    for (const auto& w : st.workers) n += w.polls;
    return n;
}

// Fails the run ("lost wake-up") when every worker has been parked for 2 s
// while tasks are scheduled, or nothing was polled for 5 s while tasks are
// alive; it then shuts the runtime down so that blockOn returns.
class Watchdog {
public:
    explicit Watchdog(Runtime& rt) : m_rt(rt), m_thread([this] { run(); }) {}
    ~Watchdog() { stop(); }
    void stop() {
        m_stop.store(true);
        if (m_thread.joinable()) m_thread.join();
    }
    std::string failure() const {
        std::lock_guard g(m_mutex);
        return m_failure;
    }

private:
    void run() {
        std::optional<WallClock::time_point> parkedSince;
        std::uint64_t lastPolls = 0;
        auto lastProgress = WallClock::now();
        for (unsigned tick = 1; !m_stop.load(); ++tick) {
            std::this_thread::sleep_for(10ms);
            if (tick % 5 != 0) continue;  // look every 50 ms, stop within 10 ms
            RuntimeStats st = m_rt.stats();
            const auto now = WallClock::now();
            if (st.parkedWorkers == m_rt.workerCount() && st.scheduledTasks > 0) {
                if (!parkedSince) parkedSince = now;
                if (now - *parkedSince >= 2s) {
                    fail("lost wake-up: all " + std::to_string(st.parkedWorkers) +
                         " workers parked for 2 s with " + std::to_string(st.scheduledTasks) +
                         " scheduled task(s)");
                    return;
                }
            } else {
                parkedSince.reset();
            }
            const std::uint64_t polls = totalPolls(st);
            if (polls != lastPolls || st.alive == 0) {
                lastPolls = polls;
                lastProgress = now;
            } else if (now - lastProgress >= 5s) {
                fail("lost wake-up: no poll for 5 s with " + std::to_string(st.alive) +
                     " task(s) alive, " + std::to_string(st.scheduledTasks) + " scheduled, " +
                     std::to_string(st.parkedWorkers) + " worker(s) parked");
                return;
            }
        }
    }
    void fail(std::string msg) {
        {
            std::lock_guard g(m_mutex);
            m_failure = std::move(msg);
        }
        m_rt.shutdown();  // blockOn throws Cancelled
    }

    Runtime& m_rt;
    std::atomic<bool> m_stop{false};
    mutable std::mutex m_mutex;
    std::string m_failure;
    std::thread m_thread;  // last: starts after the members it uses
};

// Runs `driver` on a `workers`-thread runtime under the checker and the
// watchdog; returns its value and checks the invariants.
template <class T>
struct StressRun {
    std::optional<T> value;
    RuntimeStats stats;
    std::uint64_t steals = 0;
};
template <class T, class MakeTask>
StressRun<T> runStress(unsigned workers, MakeTask make) {
    InvariantChecker checker;
    StressRun<T> out;
    RuntimeConfig cfg = realClock(workers);
    cfg.seed = 0xC0FFEE + workers;
    {
        // The checker is installed in every build, ThreadSanitizer included (an
        // engine reading a task after publishing it to a queue, to emit its
        // Schedule event, shows up there as a race on freed task memory).
        Runtime rt(cfg, &checker);
        Watchdog dog(rt);
        try {
            out.value = rt.blockOn(make(), "stress-driver");
        } catch (const Cancelled&) {}
        dog.stop();
        EXPECT_EQ(dog.failure(), "");
        EXPECT_TRUE(out.value.has_value()) << "the driver did not finish";
        EXPECT_TRUE(settle(rt, 5000ms)) << rt.stats().alive << " task(s) still alive";
        rt.shutdown();
        out.stats = rt.stats();
    }
    for (const std::string& v : checker.violations()) ADD_FAILURE() << v;
    EXPECT_EQ(checker.untracked(), 0u);
    EXPECT_EQ(out.stats.spawned, out.stats.completed + out.stats.cancelled);
    EXPECT_EQ(out.stats.alive, 0u);
    out.steals = checker.steals();
    const auto polls = totalPolls(out.stats);
    ::testing::Test::RecordProperty("polls", std::to_string(polls));
    std::fprintf(stderr, "[stress] %u workers: %llu polls, %llu tasks, %llu late schedules\n",
                 workers, static_cast<unsigned long long>(polls),
                 static_cast<unsigned long long>(out.stats.spawned),
                 static_cast<unsigned long long>(checker.lateSchedules()));
    return out;
}

class Stress : public ::testing::TestWithParam<unsigned> {};

// ---------------------------------------------------------- ping-pong -----

Task<std::uint64_t> ponger(Receiver<std::uint64_t> pingParam, Sender<std::uint64_t> pongParam) {
    // Locals, not parameters: dropped (closing the channels) when we return.
    Receiver<std::uint64_t> ping = std::move(pingParam);
    Sender<std::uint64_t> pong = std::move(pongParam);
    std::uint64_t n = 0;
    while (auto v = co_await ping.recv()) {
        if (!co_await pong.send(*v + 1)) break;
        ++n;
    }
    co_return n;
}
Task<bool> pinger(Sender<std::uint64_t> pingParam, Receiver<std::uint64_t> pongParam,
                  std::uint64_t rounds) {
    Sender<std::uint64_t> ping = std::move(pingParam);
    Receiver<std::uint64_t> pong = std::move(pongParam);
    for (std::uint64_t i = 0; i < rounds; ++i) {
        if (!co_await ping.send(i)) co_return false;
        auto v = co_await pong.recv();
        if (!v || *v != i + 1) co_return false;
    }
    co_return true;
}
Task<std::uint64_t> pingPongPairs(std::uint64_t pairs, std::uint64_t rounds) {
    std::vector<JoinHandle<bool>> pings;
    std::vector<JoinHandle<std::uint64_t>> pongs;
    for (std::uint64_t p = 0; p < pairs; ++p) {
        auto [pingTx, pingRx] = channel<std::uint64_t>(1);
        auto [pongTx, pongRx] = channel<std::uint64_t>(1);
        pongs.push_back(spawn(ponger(std::move(pingRx), std::move(pongTx))));
        pings.push_back(spawn(pinger(std::move(pingTx), std::move(pongRx), rounds)));
    }
    std::uint64_t ok = 0, exchanged = 0;
    for (auto& h : pings) ok += co_await h;
    for (auto& h : pongs) exchanged += co_await h;
    co_return ok == pairs ? exchanged : 0;
}

TEST_P(Stress, ChannelPingPong) {
    const std::uint64_t pairs = 32, rounds = scaled(40000, 20);
    auto r = runStress<std::uint64_t>(GetParam(), [&] { return pingPongPairs(pairs, rounds); });
    EXPECT_EQ(r.value.value_or(0), pairs * rounds);
    // Every round is a wake -> poll of each side.
    EXPECT_GE(totalPolls(r.stats), 2 * pairs * rounds);
}

// ------------------------------------------------------ notify rings ------

struct Ring {
    explicit Ring(std::size_t n) : notes(n) {}
    std::vector<Notify> notes;
    std::atomic<bool> done{false};
    std::atomic<std::uint64_t> hops{0};
};
Task<void> ringMember(Ring* r, std::size_t i, std::uint64_t laps) {
    const std::size_t n = r->notes.size();
    std::uint64_t lap = 0;
    if (i == 0) r->notes[1 % n].notifyOne();  // the token starts here
    for (;;) {
        co_await r->notes[i].notified();
        r->hops.fetch_add(1, std::memory_order_relaxed);
        if (i == 0 && ++lap == laps) r->done.store(true);
        if (r->done.load()) {
            r->notes[(i + 1) % n].notifyOne();  // pass the end on
            co_return;
        }
        r->notes[(i + 1) % n].notifyOne();
    }
}
Task<std::uint64_t> notifyRings(std::size_t rings, std::size_t members, std::uint64_t laps) {
    std::vector<std::unique_ptr<Ring>> rs;
    std::vector<JoinHandle<void>> hs;
    for (std::size_t k = 0; k < rings; ++k) {
        rs.push_back(std::make_unique<Ring>(members));
        // Member 0 last, so that every other member is already waiting.
        for (std::size_t i = members; i-- > 0;)
            hs.push_back(spawn(ringMember(rs.back().get(), i, laps)));
    }
    for (auto& h : hs) co_await h;
    std::uint64_t hops = 0;
    for (auto& r : rs) hops += r->hops.load();
    co_return hops;
}

TEST_P(Stress, NotifyRings) {
    const std::size_t rings = 8, members = 16;
    const std::uint64_t laps = scaled(4000, 5);
    auto r =
        runStress<std::uint64_t>(GetParam(), [&] { return notifyRings(rings, members, laps); });
    EXPECT_GE(r.value.value_or(0), rings * members * (laps - 1));
}

// ------------------------------------------------------------ yields ------

Task<std::uint64_t> yieldsN(std::uint64_t n) {
    for (std::uint64_t i = 0; i < n; ++i) co_await yieldNow();
    co_return n;
}
Task<std::uint64_t> manyYielders(std::uint64_t tasks, std::uint64_t yields) {
    std::vector<JoinHandle<std::uint64_t>> hs;
    for (std::uint64_t i = 0; i < tasks; ++i) hs.push_back(spawn(yieldsN(yields)));
    std::uint64_t total = 0;
    for (auto& h : hs) total += co_await h;
    co_return total;
}

TEST_P(Stress, Yields) {
    const std::uint64_t tasks = 64, yields = scaled(20000, 10);
    auto r = runStress<std::uint64_t>(GetParam(), [&] { return manyYielders(tasks, yields); });
    EXPECT_EQ(r.value.value_or(0), tasks * yields);
    EXPECT_GE(totalPolls(r.stats), tasks * yields);
}

// ---------------------------------------------------- external wakes ------

// Tasks woken one at a time by threads outside the runtime (inject queue,
// unparking idle workers): the classic place for a lost wake-up.
struct Pumped {
    Notify note;
    std::atomic<std::uint64_t> sent{0}, acked{0};
};
Task<std::uint64_t> pumpedTask(Pumped* p, std::uint64_t n) {
    for (std::uint64_t i = 0; i < n; ++i) {
        co_await p->note.notified();
        p->acked.fetch_add(1, std::memory_order_release);
    }
    co_return n;
}

TEST_P(Stress, ExternalWakes) {
    const std::size_t tasks = 16;
    const std::uint64_t perTask = scaled(3000, 20);
    std::vector<Pumped> pumped(tasks);
    std::atomic<bool> quit{false};
    auto pump = [&](std::size_t first) {
        // Each thread owns every other task; one notification in flight per task.
        for (bool more = true; more && !quit.load();) {
            more = false;
            for (std::size_t i = first; i < tasks; i += 2) {
                Pumped& p = pumped[i];
                const std::uint64_t s = p.sent.load(std::memory_order_relaxed);
                if (s < perTask) more = true;
                if (s < perTask && p.acked.load(std::memory_order_acquire) == s) {
                    p.sent.store(s + 1, std::memory_order_relaxed);
                    p.note.notifyOne();
                }
            }
            std::this_thread::yield();
        }
    };
    auto r = runStress<std::uint64_t>(GetParam(), [&] {
        struct L {
            static Task<std::uint64_t> run(std::vector<Pumped>* ps, std::uint64_t n,
                                           std::atomic<bool>* quitFlag,
                                           std::function<void(std::size_t)> pumpFn) {
                std::vector<JoinHandle<std::uint64_t>> hs;
                for (auto& p : *ps) hs.push_back(spawn(pumpedTask(&p, n)));
                std::thread a(pumpFn, 0), b(pumpFn, 1);
                std::uint64_t total = 0;
                for (auto& h : hs) {
                    try {
                        total += co_await h;
                    } catch (const Cancelled&) {}
                }
                quitFlag->store(true);
                a.join();
                b.join();
                co_return total;
            }
        };
        return L::run(&pumped, perTask, &quit, pump);
    });
    quit.store(true);
    EXPECT_EQ(r.value.value_or(0), tasks * perTask);
}

// ------------------------------------------------------- steal storms -----

Task<void> shortCompute(std::atomic<std::uint64_t>* done) {
    co_await compute(5us);
    done->fetch_add(1, std::memory_order_relaxed);
}
Task<std::uint64_t> stealStorm(std::uint64_t rounds, std::uint64_t perRound) {
    std::atomic<std::uint64_t> done{0};
    for (std::uint64_t r = 0; r < rounds; ++r) {
        std::vector<JoinHandle<void>> hs;
        hs.reserve(perRound);
        for (std::uint64_t i = 0; i < perRound; ++i) hs.push_back(spawn(shortCompute(&done)));
        for (auto& h : hs) co_await h;
    }
    co_return done.load();
}

TEST_P(Stress, StealStorm) {
    const std::uint64_t rounds = scaled(30, 2), perRound = 2000;
    auto r = runStress<std::uint64_t>(GetParam(), [&] { return stealStorm(rounds, perRound); });
    EXPECT_EQ(r.value.value_or(0), rounds * perRound);
    std::uint64_t steals = 0, stolen = 0, busy = 0;
    for (const auto& w : r.stats.workers) {
        steals += w.steals;
        stolen += w.stolenTasks;
        busy += w.polls >= rounds * perRound / 100;
    }
    // The work spread out (by steals, or by overflow to and batch pops from
    // the global queue while nobody was idle long enough to steal).
    EXPECT_GE(busy, 2u);
    EXPECT_GE(stolen, steals);
    EXPECT_EQ(r.steals, steals);  // one Steal event per counted steal
}

// ------------------------------------------------------ random aborts -----

struct StressShared {
    Notify pulse;
    Semaphore sem{3};
    Mutex mutex;
    std::uint64_t underMutex = 0;
    std::atomic<int> frames{0};  // task frames destroyed
    std::atomic<bool> stop{false};
};

Task<int> kSleeper([[maybe_unused]] StressShared* s, RaiiCounter /*frame*/, int us) {
    co_await sleep(std::chrono::microseconds(us));
    co_return 1;
}
Task<int> kPing([[maybe_unused]] StressShared* s, RaiiCounter /*frame*/, Sender<int> txP,
                Receiver<int> rxP, int rounds) {
    Sender<int> tx = std::move(txP);
    Receiver<int> rx = std::move(rxP);
    for (int i = 0; i < rounds; ++i) {
        if (!co_await tx.send(i)) co_return 2;  // the partner was aborted
        if (!co_await rx.recv()) co_return 2;
    }
    co_return 1;
}
Task<int> kPong([[maybe_unused]] StressShared* s, RaiiCounter /*frame*/, Receiver<int> rxP,
                Sender<int> txP) {
    Receiver<int> rx = std::move(rxP);
    Sender<int> tx = std::move(txP);
    while (auto v = co_await rx.recv())
        if (!co_await tx.send(*v)) co_return 2;
    co_return 1;
}
Task<int> kNotified([[maybe_unused]] StressShared* s, RaiiCounter /*frame*/) {
    for (int i = 0; i < 3; ++i) {
        struct L {
            static Task<void> wait(Notify* n) { co_await n->notified(); }
        };
        (void)co_await timeout(500us, L::wait(&s->pulse));
    }
    co_return 1;
}
Task<int> kSemaphore([[maybe_unused]] StressShared* s, RaiiCounter /*frame*/, std::size_t n) {
    for (int i = 0; i < 4; ++i) {
        auto p = co_await s->sem.acquire(n);
        co_await sleep(50us);
    }
    co_return 1;
}
Task<int> kYield([[maybe_unused]] StressShared* s, RaiiCounter /*frame*/) {
    for (int i = 0; i < 200; ++i) co_await yieldNow();
    co_return 1;
}
Task<int> kJoin([[maybe_unused]] StressShared* s, RaiiCounter /*frame*/, JoinHandle<int> other) {
    try {
        co_return co_await other;
    } catch (const Cancelled&) {
        co_return 3;
    }
}
Task<void> kGroupMember([[maybe_unused]] StressShared* s, RaiiCounter /*frame*/, int us) {
    co_await sleep(std::chrono::microseconds(us));
}
Task<int> kGroup([[maybe_unused]] StressShared* s, RaiiCounter /*frame*/, int us) {
    TaskGroup<void> g;
    for (int i = 0; i < 3; ++i) g.spawn(kGroupMember(s, RaiiCounter(&s->frames), us * (i + 1)));
    (void)co_await g.joinAll();
    co_return 1;
}
// Never aborted (see MutexRace.UnlockRacesTheLastWaitersCancellation): mutual exclusion
// under contention while the rest of the runtime is being aborted around it.
Task<int> kMutex([[maybe_unused]] StressShared* s, RaiiCounter /*frame*/) {
    for (int i = 0; i < 50; ++i) {
        auto g = co_await s->mutex.lock();
        std::uint64_t v = s->underMutex;
        if (i % 8 == 0) co_await yieldNow();  // held across a suspension
        s->underMutex = v + 1;
    }
    co_return 1;
}
Task<void> pulser(StressShared* s) {
    while (!s->stop.load()) {
        co_await sleep(100us);
        s->pulse.notifyWaiters();
        s->pulse.notifyOne();
    }
}

struct AbortReport {
    std::uint64_t tasks = 0, aborted = 0, cancelled = 0, values = 0, unexpected = 0;
    std::uint64_t mutexTasks = 0;
    std::string problem;
};
Task<AbortReport> randomAborts(StressShared* s, std::uint64_t n, std::uint32_t seed) {
    std::mt19937 rng(seed);
    AbortReport rep;
    JoinHandle<void> pulse = spawn(pulser(s));
    std::vector<JoinHandle<int>> hs;
    std::vector<char> abortable;
    auto add = [&](JoinHandle<int> h, bool canAbort) {
        hs.push_back(std::move(h));
        abortable.push_back(canAbort);
    };
    for (std::uint64_t i = 0; i < n; ++i) {
        switch (rng() % 9) {
        case 0:
            add(spawn(kSleeper(s, RaiiCounter(&s->frames), 20 + static_cast<int>(rng() % 2000))),
                true);
            break;
        case 1: {
            auto [aTx, aRx] = channel<int>(1);
            auto [bTx, bRx] = channel<int>(1);
            add(spawn(kPong(s, RaiiCounter(&s->frames), std::move(aRx), std::move(bTx))), true);
            add(spawn(kPing(s, RaiiCounter(&s->frames), std::move(aTx), std::move(bRx),
                            20 + static_cast<int>(rng() % 100))),
                true);
            break;
        }
        case 2: add(spawn(kNotified(s, RaiiCounter(&s->frames))), true); break;
        case 3: add(spawn(kSemaphore(s, RaiiCounter(&s->frames), 1 + rng() % 2)), true); break;
        case 4: add(spawn(kYield(s, RaiiCounter(&s->frames))), true); break;
        case 5:
            add(spawn(kJoin(s, RaiiCounter(&s->frames),
                            spawn(kSleeper(s, RaiiCounter(&s->frames),
                                           50 + static_cast<int>(rng() % 1000))))),
                true);
            break;
        case 6:
            add(spawn(kGroup(s, RaiiCounter(&s->frames), 30 + static_cast<int>(rng() % 300))),
                true);
            break;
        case 7:
            add(spawn(kMutex(s, RaiiCounter(&s->frames))), false);
            ++rep.mutexTasks;
            break;
        default: add(spawn(kSleeper(s, RaiiCounter(&s->frames), 0)), true); break;
        }
        if (i % 64 == 0) co_await yieldNow();
    }
    // Abort a random third of them at random moments.
    std::vector<char> abortedFlag(hs.size(), 0);
    const std::size_t aborts = hs.size() / 3;
    for (std::size_t k = 0; k < aborts; ++k) {
        if (rng() % 4 == 0) co_await sleep(std::chrono::microseconds(rng() % 200));
        std::size_t idx = rng() % hs.size();
        if (!abortable[idx]) continue;
        hs[idx].abort();
        abortedFlag[idx] = 1;
    }
    for (std::size_t i = 0; i < hs.size(); ++i) {
        try {
            (void)co_await hs[i];
            ++rep.values;
            if (hs[i].isCancelled()) ++rep.unexpected;
        } catch (const Cancelled&) {
            ++rep.cancelled;
            if (!abortedFlag[i] && rep.problem.empty())
                rep.problem =
                    "task " + std::to_string(hs[i].id()) + " was cancelled without an abort";
        } catch (const std::exception& e) {
            ++rep.unexpected;
            if (rep.problem.empty()) rep.problem = e.what();
        }
        rep.aborted += abortedFlag[i];
    }
    rep.tasks = hs.size();
    s->stop.store(true);
    co_await pulse;
    co_return rep;
}

TEST_P(Stress, RandomAborts) {
    StressShared s;
    const std::uint64_t n = scaled(20000, 100);
    auto r =
        runStress<AbortReport>(GetParam(), [&] { return randomAborts(&s, n, 1234 + GetParam()); });
    ASSERT_TRUE(r.value.has_value());
    const AbortReport& rep = *r.value;
    EXPECT_EQ(rep.problem, "");
    EXPECT_EQ(rep.unexpected, 0u);
    EXPECT_EQ(rep.values + rep.cancelled, rep.tasks);
    EXPECT_GT(rep.cancelled, 0u);
    EXPECT_LE(rep.cancelled, rep.aborted);
    EXPECT_EQ(s.underMutex, rep.mutexTasks * 50);  // mutual exclusion held throughout
    EXPECT_FALSE(s.mutex.isLocked());
    EXPECT_EQ(s.sem.available(), 3u);  // every permit came back, aborted holders included
    // Every task carried a RaiiCounter parameter: every frame was destroyed,
    // whether the task ran to the end, was cancelled, or never started.
    const auto frames = static_cast<std::uint64_t>(s.frames.load());
    // Regression: frames of tasks that own the handle they await (kJoin) once leaked; see
    // JoinHandle.FinishedJoinerThatStillOwnsTheHandleIsFreed.
    EXPECT_EQ(frames, r.stats.spawned - 2);
}

INSTANTIATE_TEST_SUITE_P(Workers, Stress, ::testing::Values(2u, 4u, 8u),
                         [](const auto& p) { return "w" + std::to_string(p.param); });

// --------------------------------------- mutex unlock vs. cancellation ----

Task<void> plainWaiter(Mutex* m) {
    auto g = co_await m->lock();
}

void spinFor(std::chrono::nanoseconds d) {
    const auto until = WallClock::now() + d;
    while (WallClock::now() < until) {}
}

// The test thread holds the lock; a task queues on it (the only waiter); the
// test thread aborts that task and, after a varying delay, unlocks -- so the
// unlock's slow path (HAS_WAITERS seen) meets the waiter's removal by its
// cancellation on a worker. Returns 0 on success.
int unlockVersusCancel(std::uint64_t iterations, WallClock::duration budget) {
    const auto stopAt = WallClock::now() + budget;
    RuntimeConfig cfg = realClock(2);
    cfg.idleSpin = 50ms;  // an idle worker keeps spinning: the abort lands within ~1 us
    Runtime rt(cfg);
    Mutex m;
    for (std::uint64_t i = 0; i < iterations && WallClock::now() < stopAt; ++i) {
        while (!m.tryLock()) {}
        JoinHandle<void> w = rt.spawn(plainWaiter(&m));
        while (m.waiterCount() != 1) {}
        w.abort();
        spinFor(std::chrono::nanoseconds((i * 37) % 6000));
        m.unlock();
        const auto deadline = WallClock::now() + 2s;
        while (!w.isFinished() || m.isLocked())
            if (WallClock::now() > deadline) return 3;  // the lock leaked
    }
    return 0;
}

}  // namespace

// The Schedule event of a task must come before the task can be polled: a
// consumer of the events (the trace reducer) sees "scheduled" before "running",
// and the emitting thread must not read the task after another thread may
// have run, completed and freed it.
TEST(EventOrder, ScheduleIsEmittedBeforeTheTaskCanBePolled) {
    std::uint64_t late = 0;
    for (int attempt = 0; attempt < 6 && late == 0; ++attempt) {
        InvariantChecker checker;
        {
            Runtime rt(realClock(attempt % 2 ? 8 : 4), &checker);
            StressShared s;
            (void)rt.blockOn(manyYielders(64, scaled(2000, 200)));
            (void)rt.blockOn(randomAborts(&s, scaled(5000, 500), 77 + attempt));
            EXPECT_TRUE(settle(rt));
        }
        for (const std::string& v : checker.violations()) ADD_FAILURE() << v;
        late += checker.lateSchedules();
    }
    // Regression: Shared::pushInject, WorkerCore::scheduleLocal / runTask (LIFO cap) and the
    // overflow / batch-pop paths once published the task to a queue first and emitted
    // Schedule(t->id) afterwards, when another worker may already have popped, polled, completed
    // and freed it (an unsynchronised read of freed task memory).
    EXPECT_EQ(late, 0u) << "poll(s) started before the task's Schedule event was emitted";
}

// Mutex::unlock() seeing HAS_WAITERS while the only waiter is being
// cancelled on another thread. Run in a child process: the failure mode is a
// crash.
TEST(MutexRace, UnlockRacesTheLastWaitersCancellation) {
#if defined(__SANITIZE_THREAD__)
    GTEST_SKIP() << "fork() is not supported under ThreadSanitizer";
#else
    const std::uint64_t iterations = scaled(20'000, 2'000);
    const pid_t pid = fork();
    ASSERT_GE(pid, 0) << std::strerror(errno);
    // Bounded in time as well: on a loaded machine an iteration takes longer.
    const auto budget = std::chrono::duration_cast<WallClock::duration>(4s * stressScale());
    if (pid == 0) _exit(unlockVersusCancel(iterations, budget));
    int status = 0;
    const auto deadline = WallClock::now() + 60s;
    pid_t done = 0;
    while ((done = waitpid(pid, &status, WNOHANG)) == 0 && WallClock::now() < deadline)
        std::this_thread::sleep_for(10ms);
    if (done == 0) {
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
        FAIL() << "the child hung";
    }
    if (WIFSIGNALED(status))
        FAIL() << "the process died with signal " << WTERMSIG(status)
               << ": Mutex::unlock() failed its fast-path CAS (HAS_WAITERS set), then the only "
                  "waiter was cancelled (Mutex::cancel removed it and cleared HAS_WAITERS) "
                  "before unlock() took the spin lock, and unlock() did not handle the empty "
                  "queue";
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0) << "3: the lock leaked";
#endif
}

// A searching worker that parks while work arrives: the pushes made while it
// still counted as searching woke nobody, so when it gives up searching and
// takes that work itself it must wake a parked worker (Tokio's
// notify_if_work_pending). Before that, one run in ~70 on a loaded machine
// left a worker parked while six tasks waited in the global queue. Every
// task here blocks its worker for 3 ms, so with both workers awake both poll.
namespace {
Task<> blockFor3ms() {
    blockingSleep(3ms);
    co_return;
}
Task<> joinAll(std::vector<JoinHandle<void>>& handles) {
    for (auto& h : handles) co_await h;
}
}  // namespace

TEST(Parking, ExternalBurstWakesEveryWorker) {
    const int runs = static_cast<int>(scaled(120, 30));
    int lazy = 0;
    for (int run = 0; run < runs; ++run) {
        RuntimeConfig c;
        c.workers = 2;
        Runtime rt(c);
        std::this_thread::sleep_for(1ms);  // both workers park (or search)
        std::vector<JoinHandle<void>> handles;
        for (int i = 0; i < 12; ++i) handles.push_back(rt.spawn(blockFor3ms()));
        rt.blockOn(joinAll(handles));
        const RuntimeStats st = rt.stats();
        if (st.workers[0].polls == 0 || st.workers[1].polls == 0) ++lazy;
    }
    EXPECT_EQ(lazy, 0) << "runs in which one worker slept through 12 queued tasks";
}
