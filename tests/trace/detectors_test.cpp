// Detectors on real recorded runs of the engine: each detector fires on a run
// built to trigger it, and none fires on healthy runs.
#include <asyncscope/asyncscope.hpp>
#include <asyncscope/trace/detectors.hpp>
#include <asyncscope/trace/recorder.hpp>

#include <asyncscope/trace/state.hpp>

#include <gtest/gtest.h>

#include <pthread.h>
#include <signal.h>
#include <time.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

using namespace asyncscope;
using namespace asyncscope::trace;
using namespace std::chrono_literals;

namespace {

constexpr std::uint64_t kMs = 1'000'000;
using WallClock = std::chrono::steady_clock;

RuntimeConfig virtualClock(unsigned workers = 1) {
    RuntimeConfig c;
    c.workers = workers;
    c.clock = ClockKind::Virtual;
    c.idleSpin = Duration(0);
    return c;
}

RuntimeConfig realClock(unsigned workers = 1) {
    RuntimeConfig c;
    c.workers = workers;
    return c;
}

// Thresholds are the defaults; the core count is fixed so that results do
// not depend on the machine running the tests.
DetectorOptions options() {
    DetectorOptions o;
    o.cores = 2;
    return o;
}

template <class Body>
Trace record(RuntimeConfig cfg, Body&& body) {
    Recorder rec;
    rec.describe(cfg, ::testing::UnitTest::GetInstance()->current_test_info()->name());
    {
        Runtime rt(cfg, &rec);
        body(rt);
    }
    rec.stop();
    return rec.takeTrace();
}

template <class Pred>
bool waitFor(Pred pred, std::chrono::milliseconds limit = 5000ms) {
    const auto end = WallClock::now() + limit;
    while (WallClock::now() < end) {
        if (pred()) return true;
        std::this_thread::sleep_for(1ms);
    }
    return pred();
}

// Quiescent, and staying so: Runtime::quiescent() can be true for an instant
// while a timer fires (see QuiescentIsNeverTrueWhileATimerFires below).
bool settle(Runtime& rt) {
    const auto end = WallClock::now() + 5s;
    int stable = 0;
    while (WallClock::now() < end) {
        if (rt.quiescent()) {
            if (++stable >= 30) return true;
        } else {
            stable = 0;
        }
        std::this_thread::sleep_for(1ms);
    }
    return false;
}

std::vector<Finding> only(const std::vector<Finding>& fs, FindingKind k) {
    std::vector<Finding> out;
    for (const Finding& f : fs)
        if (f.kind == k) out.push_back(f);
    return out;
}

std::string dump(const std::vector<Finding>& fs) {
    std::ostringstream o;
    for (const Finding& f : fs) {
        o << toString(f.kind) << " t=" << f.time << " #" << f.eventIndex << " tasks=[";
        for (auto t : f.tasks) o << t << ' ';
        o << "] " << f.title.en << "\n    " << f.what.en << "\n";
    }
    return o.str();
}

bool has(const std::string& s, const std::string& sub) {
    return s.find(sub) != std::string::npos;
}

std::set<std::uint32_t> asSet(const std::vector<std::uint32_t>& v) {
    return {v.begin(), v.end()};
}
std::uint32_t id32(asyncscope::TaskId id) {
    return static_cast<std::uint32_t>(id);
}
std::uint32_t id32(std::uint64_t resource, int) {
    return static_cast<std::uint32_t>(resource);
}

// Every text of a finding is filled in, in both languages.
void expectTexts(const Finding& f) {
    for (const LocalizedText* t : {&f.title, &f.what, &f.why, &f.fix}) {
        EXPECT_FALSE(t->en.empty()) << toString(f.kind);
        EXPECT_FALSE(t->zh.empty()) << toString(f.kind);
    }
}

// The index of the first event the shutdown emitted (a task cancelled
// without being scheduled), or the trace size.
std::size_t shutdownStart(const Trace& t) {
    for (std::size_t i = 0; i < t.size(); ++i) {
        Record r = t.at(i);
        if (r.kind == EventKind::Cancel && r.sub == 1 && r.worker == kNoThread) return i;
    }
    return t.size();
}

// ------------------------------------------------------------------ tasks --

struct TwoLocks {
    Mutex m1{"m1"};
    Mutex m2{"m2"};
    Notify never{"never"};
    asyncscope::TaskId a = 0, b = 0, parent = 0, orphan = 0;
};

Task<void> lockBoth(Mutex* first, Mutex* second) {
    auto g1 = co_await first->lock();
    co_await sleep(1ms);
    auto g2 = co_await second->lock();
}

Task<void> waitForever(Notify* n) {
    co_await n->notified();
}

Task<void> oppositeOrder(TwoLocks* l, bool withOrphan) {
    auto ha = spawn(lockBoth(&l->m1, &l->m2), "a");
    auto hb = spawn(lockBoth(&l->m2, &l->m1), "b");
    l->a = ha.id();
    l->b = hb.id();
    if (withOrphan) {
        auto ho = spawn(waitForever(&l->never), "orphan");
        l->orphan = ho.id();
        ho.detach();
    }
    co_await ha;
    co_await hb;
}

Trace deadlockRun(TwoLocks& l, bool withOrphan) {
    return record(virtualClock(), [&](Runtime& rt) {
        auto h = rt.spawn(oppositeOrder(&l, withOrphan), "parent");
        l.parent = h.id();
        ASSERT_TRUE(settle(rt));
        rt.shutdown();
    });
}

}  // namespace

// ---------------------------------------------------------------- deadlock --

TEST(DetectDeadlock, AsyncMutexesLockedInOppositeOrder) {
    TwoLocks l;
    Trace t = deadlockRun(l, false);
    auto all = analyze(t, options());
    auto d = only(all, FindingKind::Deadlock);
    ASSERT_EQ(d.size(), 1u) << dump(all);
    EXPECT_EQ(all.size(), 1u) << "the parent joining a deadlocked task is no separate stall\n"
                              << dump(all);
    const Finding& f = d[0];
    expectTexts(f);
    EXPECT_EQ(asSet(f.tasks), (std::set<std::uint32_t>{id32(l.a), id32(l.b)}));
    // Reported at the LockContend that closed the cycle, by the first task named.
    ASSERT_LT(f.eventIndex, t.size());
    Record closing = t.at(f.eventIndex);
    EXPECT_EQ(closing.kind, EventKind::LockContend);
    EXPECT_EQ(closing.task, f.tasks[0]);
    EXPECT_EQ(f.time, 1 * kMs);  // both locked, slept 1 ms, then asked for the other lock
    EXPECT_EQ(f.time, closing.time);
    EXPECT_EQ(asSet(f.resources),
              (std::set<std::uint32_t>{id32(l.m1.id(), 0), id32(l.m2.id(), 0)}));
    const std::string m1 = "#" + std::to_string(l.m1.id()), m2 = "#" + std::to_string(l.m2.id());
    const std::string expected =
        f.tasks[0] == id32(l.b)
            ? "Task 'b' waits for mutex " + m1 + " held by task 'a', which waits for mutex " + m2 +
                  " held by task 'b'."
            : "Task 'a' waits for mutex " + m2 + " held by task 'b', which waits for mutex " + m1 +
                  " held by task 'a'.";
    EXPECT_EQ(f.what.en, expected);
    EXPECT_TRUE(has(f.title.en, "2 tasks")) << f.title.en;
    EXPECT_TRUE(has(f.what.zh, "互斥锁 " + m1)) << f.what.zh;
    EXPECT_TRUE(has(f.what.zh, "任务 'a'")) << f.what.zh;
    EXPECT_TRUE(has(f.fix.en, "order")) << f.fix.en;
}

TEST(DetectDeadlock, OtherStuckTasksStillGetAStall) {
    TwoLocks l;
    Trace t = deadlockRun(l, true);
    auto all = analyze(t, options());
    ASSERT_EQ(only(all, FindingKind::Deadlock).size(), 1u) << dump(all);
    auto stalls = only(all, FindingKind::Stall);
    ASSERT_EQ(stalls.size(), 1u) << dump(all);
    const Finding& s = stalls[0];
    expectTexts(s);
    // Only the task the deadlock does not explain; a, b and the parent
    // joining them are counted as stuck behind the deadlock.
    EXPECT_EQ(s.tasks, (std::vector<std::uint32_t>{id32(l.orphan)}));
    EXPECT_TRUE(has(s.what.en, "'orphan' waits on Notify #" + std::to_string(l.never.id())))
        << s.what.en;
    EXPECT_TRUE(has(s.what.en, "3 other task(s) are stuck behind")) << s.what.en;
    EXPECT_TRUE(has(s.what.zh, "'orphan' 在等待 Notify")) << s.what.zh;
    EXPECT_GE(s.eventIndex, only(all, FindingKind::Deadlock)[0].eventIndex);
    EXPECT_LT(s.eventIndex, shutdownStart(t));
}

namespace {
struct JoinLock {
    Mutex m{"m"};
    JoinHandle<void> hb;
    asyncscope::TaskId a = 0, b = 0;
};
Task<void> holdsAndJoins(JoinLock* j) {
    auto g = co_await j->m.lock();
    co_await sleep(1ms);
    co_await j->hb;  // b needs the lock a holds
}
Task<void> locksLater(JoinLock* j) {
    co_await sleep(1ms);
    auto g = co_await j->m.lock();
}
Task<void> joinLockSetup(JoinLock* j) {
    auto ha = spawn(holdsAndJoins(j), "a");
    j->hb = spawn(locksLater(j), "b");
    j->a = ha.id();
    j->b = j->hb.id();
    ha.detach();
    co_return;
}
}  // namespace

// A cycle through a lock and a JoinHandle. (A pure JoinHandle cycle is
// detected the same way, but leaks both tasks at shutdown: see
// MutualJoinKeepsBothTasksAliveAfterShutdown.)
TEST(DetectDeadlock, TaskAwaitsTheJoinHandleOfATaskWaitingForItsLock) {
    JoinLock j;
    Trace t = record(virtualClock(), [&](Runtime& rt) {
        rt.spawn(joinLockSetup(&j), "setup").detach();
        ASSERT_TRUE(settle(rt));
        rt.shutdown();
    });
    auto all = analyze(t, options());
    auto d = only(all, FindingKind::Deadlock);
    ASSERT_EQ(d.size(), 1u) << dump(all);
    EXPECT_EQ(all.size(), 1u) << dump(all);
    const Finding& f = d[0];
    expectTexts(f);
    EXPECT_EQ(asSet(f.tasks), (std::set<std::uint32_t>{id32(j.a), id32(j.b)}));
    EXPECT_EQ(f.resources, (std::vector<std::uint32_t>{id32(j.m.id(), 0)}));
    EXPECT_EQ(t.at(f.eventIndex).task, f.tasks[0]);
    EXPECT_EQ(f.time, 1 * kMs);
    const std::string m = "#" + std::to_string(j.m.id());
    if (f.tasks[0] == id32(j.b)) {
        EXPECT_EQ(t.at(f.eventIndex).kind, EventKind::LockContend);
        EXPECT_EQ(f.what.en, "Task 'b' waits for mutex " + m +
                                 " held by task 'a', which waits for task 'b' to finish (it "
                                 "awaits its JoinHandle).");
    } else {
        EXPECT_EQ(t.at(f.eventIndex).kind, EventKind::JoinWait);
        EXPECT_EQ(f.what.en,
                  "Task 'a' waits for task 'b' to finish (it awaits its JoinHandle), while task "
                  "'b' waits for mutex " +
                      m + " held by task 'a'.");
    }
    EXPECT_TRUE(has(f.why.en, "JoinHandle")) << f.why.en;
    EXPECT_TRUE(has(f.what.zh, "结束（await 它的 JoinHandle）")) << f.what.zh;
}

namespace {
struct BlockingDeadlock {
    BlockingMutex bm{"bm"};
    std::atomic<int> waiterEntered{0};
    asyncscope::TaskId holder = 0, waiter = 0;
};
Task<void> holdAcrossAwait(BlockingMutex* bm) {
    std::unique_lock<BlockingMutex> g(*bm);
    co_await sleep(10ms);  // suspended while holding a thread lock
}
Task<void> lockIt(BlockingDeadlock* d) {
    d->waiterEntered.store(1);
    std::unique_lock<BlockingMutex> g(d->bm);  // blocks the only worker thread
    co_return;
}
Task<void> startBlockingDeadlock(BlockingDeadlock* d) {
    // The waiter goes to the LIFO slot first and is pushed to the local queue
    // by the holder: the holder runs first, takes the lock and suspends.
    auto w = spawn(lockIt(d), "waiter");
    auto h = spawn(holdAcrossAwait(&d->bm), "holder");
    d->waiter = w.id();
    d->holder = h.id();
    w.detach();
    h.detach();
    co_return;
}
}  // namespace

TEST(DetectDeadlock, BlockingMutexHeldAcrossAwaitOnOneWorker) {
    BlockingDeadlock d;
    Trace t = record(virtualClock(), [&](Runtime& rt) {
        rt.spawn(startBlockingDeadlock(&d), "start").detach();
        ASSERT_TRUE(waitFor([&] { return d.waiterEntered.load() == 1; }));
        std::this_thread::sleep_for(30ms);
        EXPECT_TRUE(d.bm.isLocked());
        EXPECT_EQ(rt.stats().parkedWorkers, 0u);  // stuck in lock(), not parked
        rt.shutdown();                            // lock() throws Cancelled in the waiter
    });
    auto all = analyze(t, options());
    auto dl = only(all, FindingKind::Deadlock);
    ASSERT_EQ(dl.size(), 1u) << dump(all);
    EXPECT_TRUE(only(all, FindingKind::Stall).empty()) << dump(all);
    const Finding& f = dl[0];
    expectTexts(f);
    EXPECT_EQ(f.tasks, (std::vector<std::uint32_t>{id32(d.waiter), id32(d.holder)}));
    EXPECT_EQ(f.threads, (std::vector<std::uint16_t>{0}));
    EXPECT_EQ(f.resources, (std::vector<std::uint32_t>{id32(d.bm.id(), 0)}));
    Record closing = t.at(f.eventIndex);
    EXPECT_EQ(closing.kind, EventKind::LockContend);
    EXPECT_EQ(static_cast<LockKind>(closing.sub), LockKind::BlockingMutex);
    EXPECT_EQ(closing.task, id32(d.waiter));
    const std::string bm = "#" + std::to_string(d.bm.id());
    EXPECT_EQ(f.what.en,
              "Task 'waiter' (blocked inside lock() on worker 0) waits for blocking mutex " + bm +
                  " held by task 'holder', which is not running: it can only continue when a "
                  "worker polls it, and every worker is blocked (worker 0 by task 'waiter').");
    EXPECT_TRUE(has(f.title.en, "every worker is blocked")) << f.title.en;
    EXPECT_TRUE(has(f.why.en, "'holder'")) << f.why.en;
    EXPECT_TRUE(has(f.fix.en, "tokio::sync::Mutex")) << f.fix.en;
    EXPECT_TRUE(has(f.fix.en, "across .await")) << f.fix.en;
    EXPECT_TRUE(has(f.what.zh, "所有工作线程都被阻塞")) << f.what.zh;
}

// ------------------------------------------------------------------- stall --

namespace {
Task<void> consume(Receiver<int> rx) {
    while (auto v = co_await rx.recv()) {}
}
Task<void> produceAfter(Sender<int> tx, Notify* go) {
    co_await go->notified();  // nobody notifies
    (void)co_await tx.send(1);
}
}  // namespace

TEST(DetectStall, ReceiverWaitsForAProducerThatWaitsForANotify) {
    Notify go("go");
    std::uint64_t chan = 0;
    asyncscope::TaskId consumer = 0, producer = 0;
    Trace t = record(virtualClock(), [&](Runtime& rt) {
        auto [tx, rx] = channel<int>(4, "c");
        chan = tx.id();
        auto hc = rt.spawn(consume(std::move(rx)), "consumer");
        auto hp = rt.spawn(produceAfter(std::move(tx), &go), "producer");
        consumer = hc.id();
        producer = hp.id();
        ASSERT_TRUE(settle(rt));
        rt.shutdown();
    });
    auto all = analyze(t, options());
    auto st = only(all, FindingKind::Stall);
    ASSERT_EQ(st.size(), 1u) << dump(all);
    EXPECT_EQ(all.size(), 1u) << dump(all);
    const Finding& f = st[0];
    expectTexts(f);
    EXPECT_EQ(asSet(f.tasks), (std::set<std::uint32_t>{id32(consumer), id32(producer)}));
    EXPECT_TRUE(has(f.what.en, "'consumer' waits to receive from channel #" + std::to_string(chan)))
        << f.what.en;
    EXPECT_TRUE(has(f.what.en, "'producer' waits on Notify #" + std::to_string(go.id())))
        << f.what.en;
    EXPECT_TRUE(has(f.what.zh, "'consumer' 在等待从通道")) << f.what.zh;
    // Reported at the poll after which the runtime went idle for good, before the shutdown.
    ASSERT_LT(f.eventIndex, shutdownStart(t));
    EXPECT_EQ(t.at(f.eventIndex).kind, EventKind::PollEnd);
    EXPECT_EQ(f.time, 0u);  // virtual clock: nothing ever advanced it
    for (std::size_t i = f.eventIndex + 1; i < shutdownStart(t); ++i)
        EXPECT_NE(t.at(i).kind, EventKind::PollStart) << "progress after the stall at event " << i;
}

// -------------------------------------------------------------- lost waker --

namespace {
// A leaf that returns Pending and never arranges a wake.
struct NeverWakes final : detail::Pollable {
    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<> h) noexcept { detail::suspendCurrent(h, this); }
    bool poll() noexcept override { return false; }
    void await_resume() const noexcept {}
};
Task<void> losesItsWaker() {
    co_await sleep(1ms);
    enterStep(3);
    co_await NeverWakes{};
}
Task<void> bystander() {
    for (int i = 0; i < 5; ++i) co_await sleep(1ms);
}
Task<void> joinsTheLostOne(asyncscope::TaskId* lost) {
    auto h = spawn(losesItsWaker(), "lost");
    auto b = spawn(bystander(), "bystander");
    *lost = h.id();
    co_await b;
    co_await h;
}
}  // namespace

TEST(DetectLostWaker, AwaiterThatNeverRegistersAWaker) {
    asyncscope::TaskId lost = 0;
    Trace t = record(virtualClock(), [&](Runtime& rt) {
        rt.spawn(joinsTheLostOne(&lost), "parent").detach();
        ASSERT_TRUE(settle(rt));
        rt.shutdown();
    });
    auto all = analyze(t, options());
    auto lw = only(all, FindingKind::LostWaker);
    ASSERT_EQ(lw.size(), 1u) << dump(all);
    EXPECT_EQ(all.size(), 1u) << "the parent joining it is explained by the lost waker\n"
                              << dump(all);
    const Finding& f = lw[0];
    expectTexts(f);
    EXPECT_EQ(f.tasks, (std::vector<std::uint32_t>{id32(lost)}));
    EXPECT_EQ(f.time, 1 * kMs);
    Record r = t.at(f.eventIndex);
    EXPECT_EQ(r.kind, EventKind::PollEnd);
    EXPECT_EQ(r.task, id32(lost));
    EXPECT_EQ(static_cast<PollResult>(r.sub), PollResult::Pending);
    EXPECT_EQ(r.arg, 3u);
    EXPECT_TRUE(has(f.what.en, "task 'lost' returned Pending (await point 3)")) << f.what.en;
    EXPECT_TRUE(has(f.why.en, "cx.waker()")) << f.why.en;
    EXPECT_TRUE(has(f.title.zh, "永远不会被唤醒")) << f.title.zh;

    // Live: already reported once the runtime went idle, before the shutdown.
    Detectors live(t, options());
    Reducer reducer(&t);
    RuntimeState s;
    const std::size_t end = shutdownStart(t);
    for (std::size_t i = 0; i < end; ++i) {
        reducer.apply(s, t.at(i));
        live.onEvent(s, t.at(i), i);
    }
    ASSERT_EQ(only(live.findings(), FindingKind::LostWaker).size(), 1u) << dump(live.findings());
    EXPECT_EQ(only(live.findings(), FindingKind::LostWaker)[0].eventIndex, f.eventIndex);
}

namespace {
// A leaf woken by a thread outside the runtime: not lost, only idle.
struct Gate {
    std::mutex m;
    Waker waker;
    bool open = false;
};
struct WaitGate final : detail::Pollable {
    Gate* g;
    explicit WaitGate(Gate* gate) : g(gate) {}
    bool await_ready() {
        std::lock_guard lock(g->m);
        return g->open;
    }
    void await_suspend(std::coroutine_handle<> h) noexcept {
        detail::suspendCurrent(h, this);
        std::lock_guard lock(g->m);
        g->waker = Waker::current();
    }
    bool poll() noexcept override {
        std::lock_guard lock(g->m);
        if (g->open) return true;
        g->waker = Waker::current();
        return false;
    }
    void await_resume() const noexcept {}
};
Task<int> waitsForTheGate(Gate* g) {
    co_await WaitGate(g);
    co_return 7;
}
}  // namespace

TEST(DetectLostWaker, WokenFromOutsideAfterTheRuntimeWentIdleIsNotLost) {
    Gate gate;
    Trace t = record(virtualClock(), [&](Runtime& rt) {
        auto h = rt.spawn(waitsForTheGate(&gate), "gated");
        ASSERT_TRUE(settle(rt));
        Waker w;
        {
            std::lock_guard lock(gate.m);
            gate.open = true;
            w = std::move(gate.waker);
        }
        w.wake();
        ASSERT_TRUE(waitFor([&] { return h.isFinished(); }));
        EXPECT_EQ(h.get(), 7);
    });
    // While the runtime was idle the task looked lost (and stalled); both
    // reports were retracted when the outside wake arrived.
    Detectors d(t, options());
    Reducer reducer(&t);
    RuntimeState s;
    bool provisional = false;
    for (std::size_t i = 0; i < t.size(); ++i) {
        reducer.apply(s, t.at(i));
        d.onEvent(s, t.at(i), i);
        provisional |= !only(d.findings(), FindingKind::LostWaker).empty();
    }
    EXPECT_TRUE(provisional);
    auto all = d.finish(s);
    EXPECT_TRUE(all.empty()) << dump(all);
    EXPECT_TRUE(analyze(t, options()).empty());
}

namespace {
struct Spurious {
    Mutex m{"m"};
    Notify never{"never"};
    Waker waiterWaker;
    asyncscope::TaskId holder = 0, waiter = 0;
};
Task<void> holdsAndWaits(Spurious* s) {
    auto g = co_await s->m.lock();
    co_await s->never.notified();
}
Task<void> queuesOnTheMutex(Spurious* s) {
    s->waiterWaker = Waker::current();
    auto g = co_await s->m.lock();
}
Task<void> pokes(Spurious* s) {
    co_await sleep(1ms);
    s->waiterWaker.wakeByRef();  // a spurious wake: the waiter stays queued
}
Task<void> spuriousSetup(Spurious* s) {
    auto h = spawn(holdsAndWaits(s), "holder");
    auto w = spawn(queuesOnTheMutex(s), "waiter");
    auto p = spawn(pokes(s), "poker");
    s->holder = h.id();
    s->waiter = w.id();
    h.detach();
    w.detach();
    p.detach();
    co_return;
}
Trace spuriousRun(Spurious& sp) {
    return record(virtualClock(), [&](Runtime& rt) {
        rt.spawn(spuriousSetup(&sp), "setup").detach();
        ASSERT_TRUE(settle(rt));
        EXPECT_EQ(sp.m.waiterCount(), 1u);
        rt.shutdown();
    });
}
}  // namespace

TEST(DetectLostWaker, SpuriouslyWokenMutexWaiterIsNotLost) {
    Spurious sp;
    Trace t = spuriousRun(sp);
    auto all = analyze(t, options());
    EXPECT_TRUE(only(all, FindingKind::LostWaker).empty()) << dump(all);
    auto st = only(all, FindingKind::Stall);
    ASSERT_EQ(st.size(), 1u) << dump(all);
    EXPECT_EQ(asSet(st[0].tasks), (std::set<std::uint32_t>{id32(sp.holder), id32(sp.waiter)}));
    EXPECT_TRUE(has(st[0].what.en, "'waiter' waits for mutex #" + std::to_string(sp.m.id()) +
                                       " (held by task 'holder')"))
        << st[0].what.en;
}

// ---------------------------------------------------------------- blocking --

namespace {
Task<void> sleepsOnTheWorker() {
    enterStep(2);
    blockingSleep(30ms);  // virtual clock: advances the runtime clock by 30 ms
    co_await sleep(1ms);
}
Task<void> quick() {
    co_await sleep(1ms);
}
struct Ids {
    asyncscope::TaskId blocker = 0, q1 = 0, q2 = 0, other = 0;
};
Task<void> blockingParent(Ids* ids) {
    auto q1 = spawn(quick(), "q1");
    auto q2 = spawn(quick(), "q2");
    auto s = spawn(sleepsOnTheWorker(), "sleeper");  // LIFO slot: polled first
    ids->q1 = q1.id();
    ids->q2 = q2.id();
    ids->blocker = s.id();
    co_await s;
    co_await q1;
    co_await q2;
}
}  // namespace

TEST(DetectBlocking, BlockingSleepHoldsTheWorker) {
    Ids ids;
    Trace t = record(virtualClock(), [&](Runtime& rt) { rt.blockOn(blockingParent(&ids)); });
    auto all = analyze(t, options());
    auto b = only(all, FindingKind::BlockingTheRuntime);
    ASSERT_EQ(b.size(), 1u) << dump(all);
    EXPECT_EQ(all.size(), 1u) << dump(all);
    const Finding& f = b[0];
    expectTexts(f);
    EXPECT_EQ(f.tasks, (std::vector<std::uint32_t>{id32(ids.blocker), id32(ids.q1), id32(ids.q2)}));
    EXPECT_EQ(f.threads, (std::vector<std::uint16_t>{0}));
    EXPECT_EQ(f.durationNs, 30 * kMs);
    EXPECT_EQ(f.time, 30 * kMs);
    Record r = t.at(f.eventIndex);
    EXPECT_EQ(r.kind, EventKind::PollEnd);
    EXPECT_EQ(r.task, id32(ids.blocker));
    EXPECT_EQ(r.arg, 2u);
    EXPECT_EQ(
        f.what.en,
        "One poll of task 'sleeper' (await point 2) ran for 30.0 ms on worker 0, from t = 0 ns to "
        "t = 30.0 ms. Meanwhile 2 task(s) were ready to run but waited in a queue: 'q1', 'q2'.");
    EXPECT_TRUE(has(f.fix.en, "spawn_blocking")) << f.fix.en;
    EXPECT_TRUE(has(f.title.zh, "阻塞运行时")) << f.title.zh;
}

namespace {
Task<void> blockingThenOffloaded(Ids* ids) {
    auto blocker = spawn(
        []() -> Task<void> {
            blockingSleep(25ms);
            co_return;
        }(),
        "blocker");
    auto offloaded = spawn(
        []() -> Task<void> { co_await spawnBlocking([] { std::this_thread::sleep_for(25ms); }); }(),
        "offloaded");
    ids->blocker = blocker.id();
    ids->other = offloaded.id();
    co_await blocker;
    co_await offloaded;
}
}  // namespace

TEST(DetectBlocking, RealClockBlockingCallButNotSpawnBlocking) {
    Ids ids;
    Trace t = record(realClock(), [&](Runtime& rt) { rt.blockOn(blockingThenOffloaded(&ids)); });
    auto all = analyze(t, options());
    auto b = only(all, FindingKind::BlockingTheRuntime);
    ASSERT_GE(b.size(), 1u) << dump(all);
    bool blockerFound = false;
    for (const Finding& f : b) {
        EXPECT_NE(f.tasks[0], id32(ids.other)) << "the spawn_blocking job does not block a worker\n"
                                               << dump(all);
        if (f.tasks[0] == id32(ids.blocker)) {
            blockerFound = true;
            EXPECT_GE(f.durationNs, 25 * kMs);
            EXPECT_TRUE(has(f.what.en, "'blocker'")) << f.what.en;
        }
    }
    EXPECT_TRUE(blockerFound) << dump(all);
}

// -------------------------------------------------------------- starvation --

namespace {
Task<void> burst() {
    co_await compute(9ms);
}  // one 9 ms poll: under the blocking threshold
Task<void> nothing() {
    co_return;
}
Task<void> burstsThenVictim(asyncscope::TaskId* victim) {
    std::vector<JoinHandle<void>> hs;
    for (int i = 0; i < 6; ++i) hs.push_back(spawn(burst(), "burst"));
    auto v = spawn(nothing(), "victim");   // queued behind the six bursts
    auto last = spawn(nothing(), "last");  // takes the LIFO slot, pushes the victim to the queue
    *victim = v.id();
    for (auto& h : hs) co_await h;
    co_await v;
    co_await last;
}
}  // namespace

TEST(DetectStarvation, TaskQueuedBehindComputeBursts) {
    asyncscope::TaskId victim = 0;
    Trace t = record(virtualClock(), [&](Runtime& rt) { rt.blockOn(burstsThenVictim(&victim)); });
    auto all = analyze(t, options());
    auto st = only(all, FindingKind::Starvation);
    ASSERT_EQ(st.size(), 1u) << dump(all);
    EXPECT_EQ(all.size(), 1u) << dump(all);
    const Finding& f = st[0];
    expectTexts(f);
    EXPECT_EQ(f.tasks, (std::vector<std::uint32_t>{id32(victim)}));
    EXPECT_EQ(f.time, 54 * kMs);  // detected at the first event past 50 ms
    EXPECT_EQ(f.durationNs, 54 * kMs);
    EXPECT_EQ(f.threads, (std::vector<std::uint16_t>{0}));
    EXPECT_EQ(t.at(f.eventIndex).time, 54 * kMs);
    EXPECT_TRUE(has(f.what.en,
                    "Task 'victim' became runnable at t = 0 ns (in the local queue of worker 0)"))
        << f.what.en;
    EXPECT_TRUE(has(f.what.en, "'burst'")) << f.what.en;
    EXPECT_TRUE(has(f.title.en, "54.0 ms")) << f.title.en;
    EXPECT_TRUE(has(f.title.zh, "饥饿")) << f.title.zh;
    EXPECT_TRUE(has(f.why.en, "every 61 polls by default on the multi-thread scheduler"))
        << f.why.en;
    EXPECT_TRUE(has(f.why.zh, "multi-thread 调度器默认每 61 次轮询")) << f.why.zh;
}

// Tokio's current-thread scheduler checks its global queue every 31 polls,
// not 61, and has no LIFO slot: the explanation says so.
TEST(DetectStarvation, OnTheCurrentThreadSchedulerTheGlobalQueueIntervalIs31) {
    asyncscope::TaskId victim = 0;
    RuntimeConfig cfg = virtualClock();
    cfg.flavor = Flavor::CurrentThread;
    Trace t = record(cfg, [&](Runtime& rt) { rt.blockOn(burstsThenVictim(&victim)); });
    auto st = only(analyze(t, options()), FindingKind::Starvation);
    ASSERT_EQ(st.size(), 2u);  // 'victim' and 'last': no LIFO slot lets one jump the queue
    for (const Finding& f : st) {
        EXPECT_TRUE(has(f.why.en, "every 31 polls by default on the current-thread scheduler"))
            << f.why.en;
        EXPECT_FALSE(has(f.why.en, "LIFO")) << f.why.en;
        EXPECT_TRUE(has(f.why.zh, "current-thread 调度器默认每 31 次轮询")) << f.why.zh;
    }
}

// -------------------------------------------------------- oversubscription --

namespace {
Task<void> spinJobs(int n, std::chrono::milliseconds d) {
    std::vector<BlockingHandle<void>> hs;
    for (int i = 0; i < n; ++i)
        hs.push_back(spawnBlocking([d] {
            const auto end = WallClock::now() + d;
            while (WallClock::now() < end) {}
        }));
    for (auto& h : hs) co_await h;
}
}  // namespace

TEST(DetectOversubscription, BlockingJobsBeyondTheCores) {
    Trace t = record(realClock(), [&](Runtime& rt) { rt.blockOn(spinJobs(4, 40ms)); });
    auto all = analyze(t, options());  // 2 cores
    auto o = only(all, FindingKind::Oversubscription);
    ASSERT_EQ(o.size(), 1u) << dump(all);
    const Finding& f = o[0];
    expectTexts(f);
    EXPECT_GE(f.count, 3u);  // peak busy threads
    EXPECT_GE(f.durationNs, 10 * kMs);
    EXPECT_EQ(f.threads.size(), f.count);
    unsigned blockingThreads = 0;
    for (auto th : f.threads) blockingThreads += (th & kBlockingFlag) != 0;
    EXPECT_GE(blockingThreads, 3u);
    EXPECT_TRUE(has(f.title.en, "busy threads on 2 cores")) << f.title.en;
    EXPECT_LT(f.eventIndex, t.size());
    EXPECT_GE(f.time, t.at(f.eventIndex).time);
    // Two jobs on two cores are fine.
    Trace fine = record(realClock(), [&](Runtime& rt) { rt.blockOn(spinJobs(2, 20ms)); });
    EXPECT_TRUE(only(analyze(fine, options()), FindingKind::Oversubscription).empty());
}

namespace {
Task<void> sleepJobs(int n, std::chrono::milliseconds d) {
    std::vector<BlockingHandle<void>> hs;
    for (int i = 0; i < n; ++i) hs.push_back(spawnBlocking([d] { blockingSleep(d); }));
    for (auto& h : hs) co_await h;
}
}  // namespace

// Blocking-pool threads that only sleep hold no core: twenty of them are
// not twenty busy threads, and spawn_blocking for waiting calls is the
// very fix the tool recommends.
TEST(DetectOversubscription, SleepingBlockingJobsAreNotBusyThreads) {
    Trace t = record(realClock(), [&](Runtime& rt) { rt.blockOn(sleepJobs(20, 30ms)); });
    auto all = analyze(t, options());  // 2 cores
    EXPECT_TRUE(only(all, FindingKind::Oversubscription).empty()) << dump(all);
    // Each job's sleep is marked off its core, on its own blocking thread.
    std::size_t off = 0, on = 0;
    for (std::size_t i = 0; i < t.size(); ++i) {
        const Record r = t.at(i);
        if (r.kind != EventKind::OffCpu) continue;
        EXPECT_TRUE(r.onBlockingThread()) << i;
        (r.sub == 0 ? off : on) += 1;
    }
    EXPECT_EQ(off, 20u);
    EXPECT_EQ(on, 20u);
}

// ------------------------------------------------------------ the host --

namespace {
// What the OS does to a thread it deschedules: it stops, burning no CPU.
void descheduled(int) {
    timespec ts{0, 30'000'000};
    nanosleep(&ts, nullptr);
}
// A poll of `d` of CPU work; `stopped`: in its middle the worker thread is
// stopped as the OS would stop it (a signal to itself, delivered before
// pthread_kill returns, whose handler sleeps 30 ms), so that the stop is
// certainly inside the poll whatever the machine's load or a sanitizer's
// deferral of signals.
Task<void> computeWatched(std::chrono::milliseconds d, bool stopped) {
    co_await compute(d / 2);
    if (stopped) pthread_kill(pthread_self(), SIGUSR1);
    co_await compute(d - d / 2);
}
}  // namespace

// A worker stopped by the host in the middle of a short poll: the poll is
// long in wall time, but the task ran only its 3 ms. The host watch sees
// the worker's CPU clock stand still, and the long poll is the host's
// doing, not the task blocking the runtime.
TEST(DetectHostPreemption, AWorkerStoppedByTheHostIsNotBlockingTheRuntime) {
    struct sigaction sa {
    }, old{};
    sa.sa_handler = descheduled;
    sigemptyset(&sa.sa_mask);
    ASSERT_EQ(sigaction(SIGUSR1, &sa, &old), 0);
    Trace t = record(realClock(), [&](Runtime& rt) { rt.blockOn(computeWatched(3ms, true)); });
    sigaction(SIGUSR1, &old, nullptr);

    auto all = analyze(t, options());
    EXPECT_TRUE(only(all, FindingKind::BlockingTheRuntime).empty()) << dump(all);
    auto h = only(all, FindingKind::HostPreemption);
    ASSERT_EQ(h.size(), 1u) << dump(all);
    const Finding& f = h[0];
    expectTexts(f);
    EXPECT_TRUE(isInformational(f.kind));
    EXPECT_EQ(f.threads, (std::vector<std::uint16_t>{0}));
    EXPECT_EQ(f.count, 1u);
    EXPECT_GE(f.durationNs, 20 * kMs);  // most of the 30 ms stop, whole windows only
    EXPECT_LE(f.durationNs, 200 * kMs);
    EXPECT_TRUE(has(f.title.en, "Worker 0 was descheduled by the OS for")) << f.title.en;
    EXPECT_TRUE(has(f.what.en, "not reported as blocking the runtime")) << f.what.en;
    // The reducer sums what the host took.
    Reducer reducer(&t);
    RuntimeState st;
    for (std::size_t i = 0; i < t.size(); ++i) reducer.apply(st, t.at(i));
    EXPECT_GE(st.hostStolenNs, f.durationNs);
    EXPECT_EQ(st.workers.at(0).hostStolenNs, st.hostStolenNs);
}

// The same stop in a poll that is long by itself: still blocking the
// runtime, with the poll's wall time.
TEST(DetectHostPreemption, ALongPollStaysBlockingWhenTheHostAlsoTookTime) {
    Trace t = record(realClock(), [&](Runtime& rt) { rt.blockOn(computeWatched(25ms, false)); });
    auto all = analyze(t, options());
    EXPECT_EQ(only(all, FindingKind::BlockingTheRuntime).size(), 1u) << dump(all);
    EXPECT_TRUE(only(all, FindingKind::HostPreemption).empty()) << dump(all);
}

// ------------------------------------------------------------- lock convoy --

namespace {
Task<void> convoyMember(Mutex* m, int rounds) {
    for (int i = 0; i < rounds; ++i) {
        auto g = co_await m->lock();
        co_await yieldNow();  // the guard is held across an await: everybody queues
    }
}
Task<void> convoy(Mutex* m, std::vector<asyncscope::TaskId>* ids) {
    std::vector<JoinHandle<void>> hs;
    for (int i = 0; i < 5; ++i) hs.push_back(spawn(convoyMember(m, 30), "member"));
    for (auto& h : hs) ids->push_back(h.id());
    for (auto& h : hs) co_await h;
}
}  // namespace

TEST(DetectLockConvoy, GuardHeldAcrossAYieldQueuesEveryone) {
    Mutex m("m");
    std::vector<asyncscope::TaskId> ids;
    Trace t = record(virtualClock(), [&](Runtime& rt) { rt.blockOn(convoy(&m, &ids)); });
    auto all = analyze(t, options());
    auto c = only(all, FindingKind::LockConvoy);
    ASSERT_EQ(c.size(), 1u) << dump(all);
    EXPECT_EQ(all.size(), 1u) << dump(all);
    const Finding& f = c[0];
    expectTexts(f);
    EXPECT_EQ(f.resources, (std::vector<std::uint32_t>{id32(m.id(), 0)}));
    EXPECT_GE(f.count, 100u);  // 150 acquisitions, nearly all handed to a queued waiter
    std::set<std::uint32_t> members;
    for (asyncscope::TaskId id : ids) members.insert(id32(id));
    EXPECT_EQ(asSet(f.tasks), members);
    Record r = t.at(f.eventIndex);
    EXPECT_EQ(r.kind, EventKind::LockAcquire);
    EXPECT_EQ(r.arg, id32(m.id(), 0));
    EXPECT_TRUE(
        has(f.what.en, "Mutex #" + std::to_string(m.id()) + " passed from one queued waiter"))
        << f.what.en;
    EXPECT_TRUE(has(f.fix.en, "mpsc")) << f.fix.en;
}

// --------------------------------------------------------------- self wake --

namespace {
Task<void> yieldLoop(int n) {
    for (int i = 0; i < n; ++i) co_await yieldNow();
}
}  // namespace

TEST(DetectSelfWake, YieldLoopIsInformational) {
    asyncscope::TaskId spinner = 0;
    Trace t = record(virtualClock(), [&](Runtime& rt) {
        rt.blockOn([](asyncscope::TaskId* id) -> Task<void> {
            auto h = spawn(yieldLoop(150), "spinner");
            *id = h.id();
            co_await h;
        }(&spinner));
    });
    auto all = analyze(t, options());
    auto sw = only(all, FindingKind::SelfWakeHeavy);
    ASSERT_EQ(sw.size(), 1u) << dump(all);
    EXPECT_EQ(all.size(), 1u) << dump(all);
    const Finding& f = sw[0];
    expectTexts(f);
    EXPECT_TRUE(isInformational(f.kind));
    EXPECT_EQ(f.tasks, (std::vector<std::uint32_t>{id32(spinner)}));
    Record r = t.at(f.eventIndex);
    EXPECT_EQ(r.kind, EventKind::PollStart);
    EXPECT_EQ(r.task, id32(spinner));
    EXPECT_GE(f.count, 99u);
    EXPECT_TRUE(has(f.title.en, "'spinner' woke itself in")) << f.title.en;
    EXPECT_TRUE(has(f.what.en, "informational")) << f.what.en;
}

// ----------------------------------------------------------------- healthy --

namespace {
Task<void> incrementMany(Mutex* m, int* counter, int n) {
    for (int i = 0; i < n; ++i) {
        {
            auto g = co_await m->lock();
            ++*counter;  // no await while holding the guard
        }
        co_await compute(100us);
    }
}
Task<int> mutexContention(Mutex* m) {
    int counter = 0;
    std::vector<JoinHandle<void>> hs;
    // Three tasks on two workers: contention, but never three queued, so no
    // convoy. (With eight tasks the fair hand-off does build a real convoy:
    // the lock stays held while the task it was handed to waits in a run
    // queue, and the others pile up behind it.)
    for (int i = 0; i < 3; ++i) hs.push_back(spawn(incrementMany(m, &counter, 25), "incr"));
    for (auto& h : hs) co_await h;
    co_return counter;
}

Task<void> pinger(Sender<int> tx, Receiver<int> rx, int n) {
    for (int i = 0; i < n; ++i) {
        (void)co_await tx.send(i);
        co_await rx.recv();
    }
}
Task<void> ponger(Sender<int> tx, Receiver<int> rx) {
    while (auto v = co_await rx.recv()) (void)co_await tx.send(*v);
}
Task<void> pingPong(int n) {
    auto [toPong, pongRx] = channel<int>(1, "ping");
    auto [toPing, pingRx] = channel<int>(1, "pong");
    auto a = spawn(pinger(std::move(toPong), std::move(pingRx), n), "ping");
    auto b = spawn(ponger(std::move(toPing), std::move(pongRx)), "pong");
    co_await a;
    co_await b;
}

Task<int> child(int i) {
    co_await sleep(std::chrono::milliseconds(1 + i % 5));
    co_await compute(200us);
    co_return i;
}
Task<int> fanOutFanIn(int n) {
    std::vector<JoinHandle<int>> hs;
    for (int i = 0; i < n; ++i) hs.push_back(spawn(child(i), "child"));
    int sum = 0;
    for (auto& h : hs) sum += co_await h;
    co_return sum;
}

Task<bool> timers() {
    auto iv = interval(1ms);
    for (int i = 0; i < 20; ++i) co_await iv.tick();
    auto elapsed = co_await timeout(2ms, []() -> Task<void> { co_await sleep(10ms); }());
    auto done = co_await timeout(10ms, []() -> Task<int> {
        co_await sleep(1ms);
        co_return 5;
    }());
    co_await sleepUntil(now() + 3ms);
    co_return !elapsed.has_value() && done == 5;
}

Task<int> blockingJobs() {
    int sum = 0;
    for (int i = 0; i < 5; ++i)
        sum += co_await spawnBlocking([i] {
            std::this_thread::sleep_for(1ms);
            return i;
        });
    co_return sum;
}

Task<void> crunch() {
    co_await compute(200us);
}
Task<void> stealing() {
    std::vector<JoinHandle<void>> hs;
    for (int i = 0; i < 40; ++i) hs.push_back(spawn(crunch(), "crunch"));
    for (auto& h : hs) co_await h;
}
}  // namespace

// Multi-worker runs use small computes: under the virtual clock a poll whose
// thread the OS descheduled absorbs the other workers' compute time, so the
// total compute of a run stays below the blocking and starvation thresholds,
// whatever the scheduling.
TEST(DetectHealthy, NoFindingsOnHealthyRuns) {
    struct Case {
        const char* name;
        Trace trace;
    };
    std::vector<Case> cases;
    Mutex m("m");
    cases.push_back({"mutex contention without await", record(virtualClock(2), [&](Runtime& rt) {
                         EXPECT_EQ(rt.blockOn(mutexContention(&m)), 3 * 25);
                     })});
    cases.push_back({"ping-pong over channels",
                     record(virtualClock(), [](Runtime& rt) { rt.blockOn(pingPong(300)); })});
    cases.push_back({"fan-out / fan-in with joins", record(virtualClock(), [](Runtime& rt) {
                         EXPECT_EQ(rt.blockOn(fanOutFanIn(40)), 40 * 39 / 2);
                     })});
    cases.push_back(
        {"timers", record(virtualClock(), [](Runtime& rt) { EXPECT_TRUE(rt.blockOn(timers())); })});
    cases.push_back({"spawnBlocking", record(virtualClock(), [](Runtime& rt) {
                         EXPECT_EQ(rt.blockOn(blockingJobs()), 10);
                     })});
    cases.push_back({"work stealing with compute on 2 workers",
                     record(virtualClock(2), [](Runtime& rt) { rt.blockOn(stealing()); })});
    for (const Case& c : cases) {
        ASSERT_GT(c.trace.size(), 50u) << c.name;
        auto all = analyze(c.trace, options());
        EXPECT_TRUE(all.empty()) << c.name << ":\n" << dump(all);
    }
}

// ---------------------------------------------- engine / reducer problems --

// The Reducer forgets a task's wait when the task is polled again. A waiter
// woken spuriously (here by a Waker from user code) is re-polled, stays
// queued on the mutex, and its wait event is not repeated: the state then
// shows it waiting on nothing and drops it from the lock's waiter queue.
// (The detectors keep the last wait event of each task to stay correct.)
TEST(DetectRegression, SpuriousWakeOfAMutexWaiterDropsItFromTheLockQueue) {
    Spurious sp;
    Trace t = spuriousRun(sp);
    Reducer reducer(&t);
    RuntimeState s;
    for (std::size_t i = 0; i < shutdownStart(t); ++i) reducer.apply(s, t.at(i));
    const ResourceId lock(id32(sp.m.id(), 0));
    const LockInfo& l = s.locks.at(lock);
    EXPECT_EQ(l.holder, trace::TaskId(id32(sp.holder)));
    EXPECT_EQ(l.waiters, (std::deque<trace::TaskId>{trace::TaskId(id32(sp.waiter))}));
    EXPECT_EQ(s.tasks[sp.waiter].waitTarget, WaitTarget::onResource(WaitKind::Mutex, lock));
}

namespace {
Task<void> groupOfStuckChildren(Notify* never) {
    TaskGroup<void> g;
    g.spawn(waitForever(never), "child");
    co_await g.joinNext();  // registers join wakers but emits no JoinWait
}
}  // namespace

// TaskGroup::joinNext() registers the task as join waker of every child but
// emits no JoinWait event, so a task waiting in joinNext() looks like it
// waits on nothing: the lost-waker detector reports it.
TEST(DetectRegression, JoinNextEmitsNoJoinWait) {
    Notify never("never");
    asyncscope::TaskId parent = 0;
    Trace t = record(virtualClock(), [&](Runtime& rt) {
        auto h = rt.spawn(groupOfStuckChildren(&never), "group-owner");
        parent = h.id();
        ASSERT_TRUE(settle(rt));
        rt.shutdown();
    });
    Reducer reducer(&t);
    RuntimeState s;
    for (std::size_t i = 0; i < shutdownStart(t); ++i) reducer.apply(s, t.at(i));
    EXPECT_EQ(s.tasks[parent].waitTarget.kind(), WaitKind::Join);
    EXPECT_TRUE(s.tasks[parent].waitTarget.task().has_value());
    EXPECT_FALSE(s.tasks[parent].waitTarget.resource().has_value());
    auto all = analyze(t, options());
    EXPECT_TRUE(only(all, FindingKind::LostWaker).empty()) << dump(all);
}

namespace {
Task<void> manySleeps(int n, std::atomic<bool>* done) {
    for (int i = 0; i < n; ++i) co_await sleep(10us);
    done->store(true);
}
}  // namespace

// Runtime::quiescent() promises that unfinished tasks can never make
// progress again, but the timer driver publishes the new timer count before
// it wakes the fired tasks (processTimers), while it is still counted as a
// sleeping worker, and the woken task lands in that worker's LIFO slot, which
// anyWork() does not look at: for a moment quiescent() is true with a task
// runnable. (Observed thousands of times per run with a Recorder installed.)
TEST(DetectRegression, QuiescentIsNeverTrueWhileATimerFires) {
    std::atomic<bool> done{false};
    long sawQuiescent = 0;
    Recorder rec;  // an observer widens the window (events are emitted inside it)
    Runtime rt(virtualClock(), &rec);
    auto h = rt.spawn(manySleeps(20000, &done), "sleeper");
    while (!done.load())
        if (rt.quiescent() && !done.load()) ++sawQuiescent;
    EXPECT_EQ(sawQuiescent, 0)
        << "times quiescent() was true while the sleeper still had sleeps to do";
}

namespace {
struct Handles {
    JoinHandle<void> a, b;
};
Task<void> awaitOther(JoinHandle<void>* other) {
    co_await sleep(1ms);
    co_await *other;
}
Task<void> joinEachOther(Handles* h) {
    h->a = spawn(awaitOther(&h->b), "a");
    h->b = spawn(awaitOther(&h->a), "b");
    co_return;
}
std::uint64_t refs(const JoinHandle<void>& h) {
    return h.header()->load() >> detail::state::REF_SHIFT;
}
}  // namespace

// Two tasks awaiting each other's JoinHandle: the detectors report the
// deadlock, but the shutdown cannot free the two tasks. Each is the join
// waker of the other (TaskHeader::joinWaker holds a reference); the
// JoinHandle awaiter does not take its waker back when its frame is
// destroyed, completeTask() keeps the join waker, and dropJoinHandle() only
// releases it while the task is not complete. So after the runtime is gone
// each task still holds a reference to the other: both headers (and their
// output slots) leak (LeakSanitizer reports them).
TEST(DetectRegression, MutualJoinKeepsBothTasksAliveAfterShutdown) {
    Handles h;
    Trace t = record(virtualClock(), [&](Runtime& rt) {
        rt.spawn(joinEachOther(&h), "parent").detach();
        ASSERT_TRUE(settle(rt));
        rt.shutdown();
    });
    auto all = analyze(t, options());
    auto d = only(all, FindingKind::Deadlock);
    ASSERT_EQ(d.size(), 1u) << dump(all);
    EXPECT_EQ(asSet(d[0].tasks), (std::set<std::uint32_t>{id32(h.a.id()), id32(h.b.id())}));
    EXPECT_EQ(t.at(d[0].eventIndex).kind, EventKind::JoinWait);
    const std::string first = d[0].tasks[0] == id32(h.a.id()) ? "a" : "b";
    const std::string second = first == "a" ? "b" : "a";
    EXPECT_EQ(d[0].what.en, "Task '" + first + "' waits for task '" + second +
                                "' to finish (it awaits its JoinHandle), while task '" + second +
                                "' waits for task '" + first +
                                "' to finish (it awaits its JoinHandle).");
    // The runtime is gone: only the JoinHandles should still reference the tasks.
    EXPECT_EQ(refs(h.a), 1u);
    EXPECT_EQ(refs(h.b), 1u);
}
