// spawnBlocking and the blocking pool; the wrong tools (blockingSleep,
// BlockingMutex) blocking a worker.
#include "helpers.hpp"

#include <gtest/gtest.h>

#include <mutex>
#include <set>
#include <thread>

using namespace asyncscope;
using namespace asyncscope::test;
using WallClock = std::chrono::steady_clock;

namespace {
struct Where {
    std::thread::id worker;
    std::thread::id job;
    TaskId taskInJob = 99;
    bool wakerInJob = true;
    TaskId task = 0;
};
Task<int> blockingValue(Where* w) {
    w->worker = std::this_thread::get_id();
    w->task = currentTaskId();
    int v = co_await spawnBlocking([w] {
        w->job = std::this_thread::get_id();
        w->taskInJob = currentTaskId();
        w->wakerInJob = Waker::current().valid();
        return 21 * 2;
    });
    co_return v;
}
Task<std::string> blockingError() {
    // The handle outlives the catch: whichever thread drops the job state last
    // then does so after the message was read, in a way ThreadSanitizer can
    // see (it cannot see the uninstrumented std::exception_ptr refcount).
    auto h = spawnBlocking([]() -> int { throw std::runtime_error("job failed: disk"); });
    std::string what = "no exception";
    try {
        co_await h;
    } catch (const std::runtime_error& e) {
        what = e.what();
    }
    co_return what;
}
Task<int> blockingVoid(std::atomic<int>* c) {
    co_await spawnBlocking([c] { c->fetch_add(1); });
    co_return c->load();
}
}  // namespace

TEST(SpawnBlocking, ReturnsItsValueFromAThreadThatIsNotAWorker) {
    Recorder rec;
    Runtime rt(deterministic(), &rec);
    Where w;
    EXPECT_EQ(rt.blockOn(blockingValue(&w)), 42);
    EXPECT_NE(w.job, w.worker);
    EXPECT_NE(w.job, std::this_thread::get_id());
    EXPECT_EQ(w.taskInJob, 0u);
    EXPECT_FALSE(w.wakerInJob);
    auto starts = rec.of(EventKind::BlockingStart);
    ASSERT_EQ(starts.size(), 1u);
    EXPECT_GE(starts[0].worker, kBlockingThreadBase);
    EXPECT_EQ(starts[0].arg, w.task);
}

TEST(SpawnBlocking, RethrowsTheJobsException) {
    Runtime rt(deterministic());
    EXPECT_EQ(rt.blockOn(blockingError()), "job failed: disk");
    std::atomic<int> c{0};
    EXPECT_EQ(rt.blockOn(blockingVoid(&c)), 1);
}

namespace {
struct Concurrency {
    std::atomic<int> current{0};
    std::atomic<int> max{0};
    void enter() {
        int now = current.fetch_add(1) + 1;
        int m = max.load();
        while (now > m && !max.compare_exchange_weak(m, now)) {}
    }
    void leave() { current.fetch_sub(1); }
};
// Each job waits (up to 1 s) until `together` jobs run at once, so the pool
// has to grow to that size, then holds its thread for `each`.
Task<int> manyJobs(Concurrency* c, int n, std::chrono::milliseconds each, int together = 1) {
    std::vector<BlockingHandle<int>> hs;
    for (int i = 0; i < n; ++i)
        hs.push_back(spawnBlocking([c, i, each, together] {
            c->enter();
            const auto until = WallClock::now() + 1s;
            while (c->max.load() < together && WallClock::now() < until)
                std::this_thread::sleep_for(100us);
            std::this_thread::sleep_for(each);
            c->leave();
            return i;
        }));
    int sum = 0;
    for (auto& h : hs) sum += co_await h;
    co_return sum;
}
}  // namespace

TEST(SpawnBlocking, PoolGrowsUpToMaxBlockingThreadsAndNotBeyond) {
    Recorder rec;
    RuntimeConfig cfg = realClock(1);
    cfg.maxBlockingThreads = 3;
    Runtime rt(cfg, &rec);
    Concurrency c;
    EXPECT_EQ(rt.blockOn(manyJobs(&c, 8, 5ms, 3)), 28);
    EXPECT_EQ(c.max.load(), 3);
    EXPECT_EQ(rt.stats().blockingThreads, 3u);
    EXPECT_EQ(countOf(rec.events(), EventKind::BlockingThreadStart), 3u);
    std::set<std::uint32_t> threads;
    for (const Event& e : rec.of(EventKind::BlockingStart)) threads.insert(e.worker);
    EXPECT_EQ(threads.size(), 3u);
}

TEST(SpawnBlocking, ConcurrentJobsGrowThePool) {
    Runtime rt(realClock(1));
    Concurrency c;
    EXPECT_EQ(rt.blockOn(manyJobs(&c, 6, 5ms, 2)), 15);
    EXPECT_GT(rt.stats().blockingThreads, 1u);
    EXPECT_LE(rt.stats().blockingThreads, 6u);
    EXPECT_GT(c.max.load(), 1);
}

TEST(SpawnBlocking, IdleThreadsExitAfterKeepAlive) {
    Recorder rec;
    RuntimeConfig cfg = realClock(1);
    cfg.blockingKeepAlive = 20ms;
    Runtime rt(cfg, &rec);
    Concurrency c;
    rt.blockOn(manyJobs(&c, 3, 10ms));
    EXPECT_TRUE(waitFor([&] { return rt.stats().blockingThreads == 0; }, 3000ms));
    // (The exit event follows the thread count's decrement.)
    EXPECT_TRUE(waitFor([&] {
        return countOf(rec.events(), EventKind::BlockingThreadExit) ==
               countOf(rec.events(), EventKind::BlockingThreadStart);
    }));
    EXPECT_GE(countOf(rec.events(), EventKind::BlockingThreadStart), 1u);
}

namespace {
Task<Duration> blockingJobUnderVirtualTime() {
    struct L {
        static Task<Duration> sleeper() {
            co_await sleep(10ms);
            co_return now();
        }
    };
    JoinHandle<Duration> a = spawn(L::sleeper());
    co_await spawnBlocking([] { std::this_thread::sleep_for(50ms); });
    Duration afterJob = now();
    Duration aDone = co_await a;
    co_return afterJob + aDone * 1000;
}
}  // namespace

TEST(SpawnBlocking, VirtualClockDoesNotJumpWhileAJobIsInFlight) {
    Runtime rt(deterministic());
    Duration r = rt.blockOn(blockingJobUnderVirtualTime());
    EXPECT_EQ(r, Duration(0) + 10ms * 1000);  // job resumed at 0, the sleeper at 10 ms
}

TEST(SpawnBlocking, DroppedHandleLetsTheJobFinish) {
    Runtime rt(realClock(1));
    std::atomic<int> ran{0};
    struct L {
        static Task<void> fireAndForget(std::atomic<int>* r) {
            {
                auto h = spawnBlocking([r] {
                    std::this_thread::sleep_for(5ms);
                    r->fetch_add(1);
                });
            }
            co_return;
        }
    };
    rt.blockOn(L::fireAndForget(&ran));
    EXPECT_TRUE(waitFor([&] { return ran.load() == 1; }));
}

namespace {
Task<std::vector<Duration>> virtualBlockingSleepAndCompute() {
    std::vector<Duration> out;
    blockingSleep(5ms);
    out.push_back(now());
    co_await compute(3ms);
    out.push_back(now());
    co_return out;
}
}  // namespace

TEST(BlockingSleep, AdvancesTheVirtualClock) {
    Runtime rt(deterministic());
    EXPECT_EQ(rt.blockOn(virtualBlockingSleepAndCompute()), (std::vector<Duration>{5ms, 8ms}));
}

// -------------------------------------------------- blocking a worker -----

namespace {
struct Stamps {
    std::atomic<int> xStarted{0};
    WallClock::time_point xStart, yStart;
    std::atomic<int> order{0};
    int xDoneOrder = 0, yDoneOrder = 0;
};
Task<void> blocksTheWorker(Stamps* s, bool blocking) {
    s->xStart = WallClock::now();
    s->xStarted.store(1);
    if (blocking)
        blockingSleep(50ms);
    else
        co_await sleep(50ms);
    s->xDoneOrder = s->order.fetch_add(1) + 1;
}
Task<void> readyTask(Stamps* s) {
    s->yStart = WallClock::now();
    s->yDoneOrder = s->order.fetch_add(1) + 1;
    co_return;
}
}  // namespace

TEST(BlockingSleep, BlocksTheOnlyWorker) {
    Runtime rt(realClock(1));
    Stamps s;
    JoinHandle<void> x = rt.spawn(blocksTheWorker(&s, true));
    ASSERT_TRUE(waitFor([&] { return s.xStarted.load() == 1; }));
    JoinHandle<void> y = rt.spawn(readyTask(&s));
    ASSERT_TRUE(waitFor([&] { return x.isFinished() && y.isFinished(); }));
    EXPECT_GE(s.yStart - s.xStart, 50ms);
    EXPECT_EQ(s.xDoneOrder, 1);
    EXPECT_EQ(s.yDoneOrder, 2);
}

TEST(BlockingSleep, AsyncSleepLeavesTheWorkerFree) {
    Runtime rt(realClock(1));
    Stamps s;
    JoinHandle<void> x = rt.spawn(blocksTheWorker(&s, false));
    ASSERT_TRUE(waitFor([&] { return s.xStarted.load() == 1; }));
    JoinHandle<void> y = rt.spawn(readyTask(&s));
    ASSERT_TRUE(waitFor([&] { return x.isFinished() && y.isFinished(); }));
    EXPECT_EQ(s.yDoneOrder, 1);  // ran while x slept
    EXPECT_EQ(s.xDoneOrder, 2);
}

namespace {
struct Deadlock {
    BlockingMutex bm;
    Mutex am;
    std::atomic<int> holderLocked{0};
    std::atomic<int> holderDone{0};
    std::atomic<int> waiterDone{0};
    std::atomic<int> destroyed{0};
};
Task<void> holdsBlockingMutexAcrossAwait(Deadlock* d) {
    RaiiCounter r(&d->destroyed);
    std::unique_lock<BlockingMutex> g(d->bm);
    d->holderLocked.store(1);
    co_await sleep(10ms);  // suspended while holding a thread lock
    d->holderDone.store(1);
}
Task<void> locksBlockingMutex(Deadlock* d) {
    RaiiCounter r(&d->destroyed);
    std::unique_lock<BlockingMutex> g(d->bm);  // blocks the worker thread
    d->waiterDone.store(1);
    co_return;
}
Task<void> holdsAsyncMutexAcrossAwait(Deadlock* d) {
    auto g = co_await d->am.lock();
    d->holderLocked.store(1);
    co_await sleep(10ms);
    d->holderDone.store(1);
}
Task<void> locksAsyncMutex(Deadlock* d) {
    auto g = co_await d->am.lock();
    d->waiterDone.store(1);
}
}  // namespace

TEST(BlockingMutex, HeldAcrossAwaitDeadlocksAOneWorkerRuntime) {
    Deadlock d;
    JoinHandle<void> holder, waiter;
    WallClock::duration shutdownTook{};
    {
        Runtime rt(realClock(1));
        holder = rt.spawn(holdsBlockingMutexAcrossAwait(&d));
        ASSERT_TRUE(waitFor([&] { return d.holderLocked.load() == 1; }));
        waiter = rt.spawn(locksBlockingMutex(&d));
        // The waiter blocks the only worker inside lock(); the holder's timer
        // can never be processed and the holder never polled again.
        std::this_thread::sleep_for(300ms);
        EXPECT_EQ(d.holderDone.load(), 0);
        EXPECT_EQ(d.waiterDone.load(), 0);
        EXPECT_FALSE(holder.isFinished());
        EXPECT_FALSE(waiter.isFinished());
        EXPECT_TRUE(d.bm.isLocked());
        RuntimeStats st = rt.stats();
        EXPECT_EQ(st.alive, 2u);
        EXPECT_EQ(st.completed, 0u);
        EXPECT_EQ(st.parkedWorkers, 0u);  // the worker is stuck, not parked
        const std::uint64_t polls = st.workers[0].polls;
        std::this_thread::sleep_for(30ms);
        EXPECT_EQ(rt.stats().workers[0].polls, polls);  // no progress at all
        auto t0 = WallClock::now();
        rt.shutdown();  // interrupts the blocked lock()
        shutdownTook = WallClock::now() - t0;
    }
    EXPECT_LT(shutdownTook, 2s);
    EXPECT_TRUE(holder.isFinished());
    EXPECT_TRUE(holder.isCancelled());
    EXPECT_TRUE(waiter.isFinished());
    EXPECT_THROW(waiter.get(), Cancelled);  // lock() threw Cancelled in the task
    EXPECT_EQ(d.waiterDone.load(), 0);
    EXPECT_EQ(d.destroyed.load(), 2);
    EXPECT_FALSE(d.bm.isLocked());  // the holder's guard was destroyed
}

TEST(BlockingMutex, SameScenarioWithTheAsyncMutexCompletes) {
    Deadlock d;
    Runtime rt(realClock(1));
    JoinHandle<void> holder = rt.spawn(holdsAsyncMutexAcrossAwait(&d));
    ASSERT_TRUE(waitFor([&] { return d.holderLocked.load() == 1; }));
    JoinHandle<void> waiter = rt.spawn(locksAsyncMutex(&d));
    ASSERT_TRUE(waitFor([&] { return holder.isFinished() && waiter.isFinished(); }));
    EXPECT_EQ(d.holderDone.load(), 1);
    EXPECT_EQ(d.waiterDone.load(), 1);
    EXPECT_FALSE(d.am.isLocked());
}

namespace {
Task<std::vector<int>> blockingMutexBasics(BlockingMutex* bm) {
    std::vector<int> out;
    out.push_back(bm->try_lock());
    out.push_back(bm->holder() == currentTaskId());
    out.push_back(bm->try_lock());
    bm->unlock();
    out.push_back(bm->isLocked());
    bm->lock();
    out.push_back(bm->isLocked());
    bm->unlock();
    co_return out;
}
}  // namespace

TEST(BlockingMutex, TryLockAndHolder) {
    Recorder rec;
    Runtime rt(deterministic(), &rec);
    BlockingMutex bm("bm");
    EXPECT_EQ(rt.blockOn(blockingMutexBasics(&bm)), (std::vector<int>{1, 1, 0, 0, 1}));
    auto acquires = rec.of(EventKind::LockAcquire);
    ASSERT_EQ(acquires.size(), 2u);
    EXPECT_EQ(acquires[0].sub, static_cast<std::uint8_t>(LockKind::BlockingMutex));
    EXPECT_EQ(acquires[0].arg, bm.id());
}
