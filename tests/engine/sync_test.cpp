// Mutex (FIFO hand-off), Semaphore (FIFO fairness), Notify (permit semantics).
#include "helpers.hpp"

#include <gtest/gtest.h>

#include <mutex>

using namespace asyncscope;
using namespace asyncscope::test;

namespace {
struct Log {
    std::mutex m;
    std::vector<std::pair<int, Duration>> entries;
    void add(int who) {
        std::lock_guard g(m);
        entries.emplace_back(who, now());
    }
    std::vector<int> who() {
        std::lock_guard g(m);
        std::vector<int> out;
        for (auto& [w, t] : entries) out.push_back(w);
        return out;
    }
};

Task<void> holdFor(Mutex* m, Duration d) {
    auto g = co_await m->lock();
    co_await sleep(d);
}
Task<void> contender(Mutex* m, int i, Log* queued, Log* acquired, Duration hold) {
    queued->add(i);
    auto g = co_await m->lock();
    acquired->add(i);
    if (hold.count() > 0) co_await sleep(hold);
}
Task<void> contention(Mutex* m, int n, Log* queued, Log* acquired, Duration hold) {
    JoinHandle<void> h = spawn(holdFor(m, 1ms));
    co_await yieldNow();
    std::vector<JoinHandle<void>> hs;
    for (int i = 0; i < n; ++i) hs.push_back(spawn(contender(m, i, queued, acquired, hold)));
    co_await h;
    for (auto& x : hs) co_await x;
}
}  // namespace

TEST(Mutex, WaitersAcquireInExactlyTheOrderTheyQueued) {
    Recorder rec;
    Runtime rt(deterministic(), &rec);
    Mutex m;
    Log queued, acquired;
    rt.blockOn(contention(&m, 10, &queued, &acquired, Duration(0)));
    auto q = queued.who();
    ASSERT_EQ(q.size(), 10u);
    EXPECT_EQ(acquired.who(), q);
    // The LIFO slot makes the queueing order differ from the spawn order.
    EXPECT_NE(q, (std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
    // Same answer from the events: LockContend order == LockAcquire order.
    std::vector<TaskId> contend, acquire;
    for (const Event& e : rec.events()) {
        if (e.kind == EventKind::LockContend) contend.push_back(e.task);
        if (e.kind == EventKind::LockAcquire) acquire.push_back(e.task);
    }
    ASSERT_EQ(acquire.size(), 11u);
    acquire.erase(acquire.begin());  // the holder
    EXPECT_EQ(acquire, contend);
    for (auto& [w, t] : acquired.entries) EXPECT_EQ(t, 1ms);
    EXPECT_FALSE(m.isLocked());
    EXPECT_EQ(m.waiterCount(), 0u);
}

TEST(Mutex, GuardHeldAcrossSleepSerialisesTheHolders) {
    Runtime rt(deterministic());
    Mutex m;
    Log queued, acquired;
    rt.blockOn(contention(&m, 5, &queued, &acquired, 2ms));
    EXPECT_EQ(acquired.who(), queued.who());
    // Each holds the lock for 2 ms while suspended: 1, 3, 5, 7, 9 ms.
    std::vector<Duration> times;
    for (auto& [w, t] : acquired.entries) times.push_back(t);
    EXPECT_EQ(times, (std::vector<Duration>{1ms, 3ms, 5ms, 7ms, 9ms}));
}

namespace {
Task<Duration> lockAt(Mutex* m) {
    auto g = co_await m->lock();
    co_return now();
}
Task<Duration> sleeper(Duration d) {
    co_await sleep(d);
    co_return now();
}
Task<std::vector<Duration>> holdAcrossAwait(Mutex* m) {
    JoinHandle<void> a = spawn(holdFor(m, 5ms));
    co_await sleep(1ms);
    JoinHandle<Duration> b = spawn(lockAt(m));
    JoinHandle<Duration> c = spawn(sleeper(1ms));  // the worker is free meanwhile
    Duration tc = co_await c;
    Duration tb = co_await b;
    co_await a;
    co_return std::vector<Duration>{tb, tc};
}
}  // namespace

TEST(Mutex, SuspendedLockersLeaveTheWorkerFree) {
    Runtime rt(deterministic());
    Mutex m;
    EXPECT_EQ(rt.blockOn(holdAcrossAwait(&m)), (std::vector<Duration>{5ms, 2ms}));
}

namespace {
struct NoBarge {
    Mutex m;
    TaskId waiter = 0;
    bool tryLockAfterUnlock = true;
    TaskId holderAfterUnlock = 0;
    bool lockedAfterUnlock = false;
};
Task<void> plainLocker(Mutex* m) {
    auto g = co_await m->lock();
}
Task<void> noBarging(NoBarge* s) {
    auto g = co_await s->m.lock();
    JoinHandle<void> w = spawn(plainLocker(&s->m));
    s->waiter = w.id();
    co_await yieldNow();  // w is queued now
    g.unlock();           // hands the lock to w, which has not run yet
    s->tryLockAfterUnlock = s->m.tryLock();
    s->holderAfterUnlock = s->m.holder();
    s->lockedAfterUnlock = s->m.isLocked();
    co_await w;
}
}  // namespace

TEST(Mutex, UnlockHandsOffDirectlyNoBarging) {
    Runtime rt(deterministic());
    NoBarge s;
    rt.blockOn(noBarging(&s));
    EXPECT_FALSE(s.tryLockAfterUnlock);
    EXPECT_TRUE(s.lockedAfterUnlock);
    EXPECT_EQ(s.holderAfterUnlock, s.waiter);
    EXPECT_FALSE(s.m.isLocked());
}

namespace {
Task<std::vector<int>> tryLocks(Mutex* m) {
    std::vector<int> out;
    out.push_back(m->tryLock());
    out.push_back(m->holder() == currentTaskId());
    out.push_back(m->tryLock());  // not reentrant
    m->unlock();
    out.push_back(m->isLocked());
    {
        auto g = co_await m->lock();
        out.push_back(m->tryLock());
        MutexGuard moved = std::move(g);
        out.push_back(g.ownsLock());
        out.push_back(moved.ownsLock());
    }
    out.push_back(m->tryLock());
    MutexGuard adopt(m);  // adopts the tryLock above
    Mutex* raw = adopt.release();
    out.push_back(raw->isLocked());
    raw->unlock();
    out.push_back(m->isLocked());
    co_return out;
}
}  // namespace

TEST(Mutex, TryLockAndGuards) {
    Runtime rt(deterministic());
    Mutex m("m");
    EXPECT_EQ(m.name(), "m");
    EXPECT_EQ(rt.blockOn(tryLocks(&m)), (std::vector<int>{1, 1, 0, 0, 0, 0, 1, 1, 1, 0}));
}

namespace {
struct Cancelling {
    Mutex m;
    std::atomic<int> got[4] = {0, 0, 0, 0};
    std::size_t waitersAfterAbort = 99;
    std::vector<int> order;
};
Task<void> lockAndMark(Cancelling* s, int i) {
    auto g = co_await s->m.lock();
    s->got[i].fetch_add(1);
    s->order.push_back(i);
    co_await sleep(1ms);
}
Task<bool> abortQueuedWaiter(Cancelling* s) {
    JoinHandle<void> h = spawn(holdFor(&s->m, 5ms));
    co_await yieldNow();
    std::vector<JoinHandle<void>> ws;
    for (int i = 1; i <= 3; ++i) {
        ws.push_back(spawn(lockAndMark(s, i)));
        co_await yieldNow();  // queued in order 1, 2, 3
    }
    co_await sleep(1ms);
    ws[1].abort();  // waiter 2
    co_await yieldNow();
    s->waitersAfterAbort = s->m.waiterCount();
    bool cancelled = false;
    try {
        co_await ws[1];
    } catch (const Cancelled&) {
        cancelled = true;
    }
    co_await h;
    co_await ws[0];
    co_await ws[2];
    co_return cancelled;
}
}  // namespace

TEST(Mutex, AbortedQueuedWaiterGetsNothingAndTheLockMovesOn) {
    Runtime rt(deterministic());
    Cancelling s;
    EXPECT_TRUE(rt.blockOn(abortQueuedWaiter(&s)));
    EXPECT_EQ(s.waitersAfterAbort, 2u);
    EXPECT_EQ(s.got[2].load(), 0);
    EXPECT_EQ(s.order, (std::vector<int>{1, 3}));
    EXPECT_FALSE(s.m.isLocked());
    EXPECT_EQ(s.m.waiterCount(), 0u);
}

namespace {
Task<std::vector<int>> abortOnlyWaiter(Cancelling* s) {
    std::vector<int> out;
    auto g = co_await s->m.lock();
    JoinHandle<void> w = spawn(lockAndMark(s, 1));
    co_await yieldNow();
    out.push_back(static_cast<int>(s->m.waiterCount()));
    w.abort();
    try {
        co_await w;
    } catch (const Cancelled&) {
        out.push_back(-1);
    }
    out.push_back(static_cast<int>(s->m.waiterCount()));
    g.unlock();  // nobody is waiting any more: the fast path must free it
    out.push_back(s->m.isLocked());
    out.push_back(s->m.tryLock());
    s->m.unlock();
    co_return out;
}
}  // namespace

TEST(Mutex, AbortingTheOnlyWaiterLeavesAPlainLock) {
    Runtime rt(deterministic());
    Cancelling s;
    EXPECT_EQ(rt.blockOn(abortOnlyWaiter(&s)), (std::vector<int>{1, -1, 0, 0, 1}));
    EXPECT_EQ(s.got[1].load(), 0);
}

namespace {
Task<bool> abortAfterHandOff(Cancelling* s) {
    auto g = co_await s->m.lock();
    JoinHandle<void> w1 = spawn(lockAndMark(s, 1));
    co_await yieldNow();
    JoinHandle<void> w2 = spawn(lockAndMark(s, 2));
    co_await yieldNow();
    g.unlock();  // handed to w1 (scheduled, not yet run)...
    w1.abort();  // ...which is cancelled before it can take the guard
    bool cancelled = false;
    try {
        co_await w1;
    } catch (const Cancelled&) {
        cancelled = true;
    }
    co_await w2;
    co_return cancelled;
}
}  // namespace

TEST(Mutex, LockHandedToAnAbortedTaskPassesToTheNextWaiter) {
    Runtime rt(deterministic());
    Cancelling s;
    EXPECT_TRUE(rt.blockOn(abortAfterHandOff(&s)));
    EXPECT_EQ(s.got[1].load(), 0);
    EXPECT_EQ(s.got[2].load(), 1);
    EXPECT_FALSE(s.m.isLocked());
}

// ------------------------------------------------------ barging Mutex ---

namespace {
struct Barge {
    Mutex m{"b", MutexFairness::Barging};
    std::vector<int> out;
    std::vector<int> order;  // who held the lock, in order
};
Task<void> bargeWaiter(Barge* s, int who) {
    auto g = co_await s->m.lock();
    s->order.push_back(who);
}
Task<void> bargeIn(Barge* s) {
    auto g = co_await s->m.lock();
    JoinHandle<void> w = spawn(bargeWaiter(s, 1));
    co_await yieldNow();                                     // w is queued now
    s->out.push_back(static_cast<int>(s->m.waiterCount()));  // 1
    g.unlock();                         // frees the lock and wakes w, without handing it over
    s->out.push_back(s->m.isLocked());  // 0
    s->out.push_back(s->m.waiterCount() == 0);  // 1: w left the queue, woken
    s->out.push_back(s->m.tryLock());           // 1: we barge in first
    s->order.push_back(0);
    co_await yieldNow();  // w retries, loses, and queues again at the front
    s->out.push_back(static_cast<int>(s->m.waiterCount()));  // 1
    s->m.unlock();
    co_await w;
    s->out.push_back(s->m.isLocked());  // 0
}
}  // namespace

TEST(BargingMutex, UnlockFreesTheLockSoARunningTaskTakesItBeforeTheWokenWaiter) {
    Recorder rec;
    Runtime rt(deterministic(), &rec);
    Barge s;
    EXPECT_EQ(s.m.fairness(), MutexFairness::Barging);
    rt.blockOn(bargeIn(&s));
    EXPECT_EQ(s.out, (std::vector<int>{1, 0, 1, 1, 1, 0}));
    EXPECT_EQ(s.order, (std::vector<int>{0, 1}));
    // No release names a next holder (that would be a hand-off), and the
    // waiter contended twice: once, then again after losing its retry.
    for (const Event& e : rec.of(EventKind::LockRelease)) EXPECT_EQ(e.arg2, 0u);
    EXPECT_EQ(rec.of(EventKind::LockContend).size(), 2u);
}

namespace {
// The holder keeps the lock 2 ms at a time and takes it straight back: the
// waiter loses its first retry, has waited over 1 ms by then, and the mutex
// starves: the next unlock hands over and the holder can no longer barge.
Task<void> starve(Barge* s) {
    auto g = co_await s->m.lock();
    JoinHandle<void> w = spawn(bargeWaiter(s, 1));
    co_await sleep(2ms);
    g.unlock();
    s->out.push_back(s->m.tryLock());  // 1: barged
    s->order.push_back(0);
    co_await yieldNow();                  // w retries after 2 ms of waiting and loses
    s->out.push_back(s->m.isStarving());  // 1
    co_await sleep(2ms);
    s->m.unlock();                      // starving: handed to w
    s->out.push_back(s->m.isLocked());  // 1
    s->out.push_back(s->m.holder() == w.id());
    s->out.push_back(s->m.tryLock());  // 0: nobody barges
    co_await w;
    s->out.push_back(s->m.isStarving());  // 0: w was the last waiter
    s->out.push_back(s->m.isLocked());    // 0
}
}  // namespace

TEST(BargingMutex, AWaiterPastOneMillisecondStarvesTheMutexAndGetsItHandedOver) {
    Runtime rt(deterministic());
    Barge s;
    rt.blockOn(starve(&s));
    EXPECT_EQ(s.out, (std::vector<int>{1, 1, 1, 1, 0, 0, 0}));
    EXPECT_EQ(s.order, (std::vector<int>{0, 1}));
}

namespace {
// Two waiters; unlock wakes the first, which is aborted before it retries:
// its turn passes to the second, which would otherwise never be woken.
Task<bool> abortWokenWaiter(Barge* s) {
    auto g = co_await s->m.lock();
    JoinHandle<void> w1 = spawn(bargeWaiter(s, 1));
    co_await yieldNow();
    JoinHandle<void> w2 = spawn(bargeWaiter(s, 2));
    co_await yieldNow();
    g.unlock();  // wakes w1 to retry (w1 has not run yet)
    w1.abort();
    bool cancelled = false;
    try {
        co_await w1;
    } catch (const Cancelled&) {
        cancelled = true;
    }
    co_await w2;
    co_return cancelled;
}
}  // namespace

TEST(BargingMutex, AWokenWaiterAbortedBeforeItsRetryPassesItsTurnOn) {
    Runtime rt(deterministic());
    Barge s;
    EXPECT_TRUE(rt.blockOn(abortWokenWaiter(&s)));
    EXPECT_EQ(s.order, (std::vector<int>{2}));
    EXPECT_FALSE(s.m.isLocked());
    EXPECT_EQ(s.m.waiterCount(), 0u);
}

namespace {
Task<void> bargeCount(Mutex* m, std::uint64_t* counter, int n) {
    for (int i = 0; i < n; ++i) {
        auto g = co_await m->lock();
        std::uint64_t v = *counter;
        if (i % 7 == 0) co_await yieldNow();  // sometimes held across a suspension
        *counter = v + 1;
    }
}
Task<void> bargeStress(Mutex* m, std::uint64_t* counter) {
    std::vector<JoinHandle<void>> hs;
    for (int t = 0; t < 16; ++t) hs.push_back(spawn(bargeCount(m, counter, 2000)));
    for (auto& h : hs) co_await h;
}
}  // namespace

// Real threads, both fairness modes: every increment under the lock counts.
TEST(BargingMutex, SixteenTasksOnFourWorkersLoseNoIncrementInEitherMode) {
    for (MutexFairness f : {MutexFairness::Fair, MutexFairness::Barging}) {
        RuntimeConfig c;
        c.workers = 4;
        Runtime rt(c);
        Mutex m("stress", f);
        std::uint64_t counter = 0;
        rt.blockOn(bargeStress(&m, &counter));
        EXPECT_EQ(counter, 16u * 2000u);
        EXPECT_FALSE(m.isLocked());
        EXPECT_EQ(m.waiterCount(), 0u);
    }
}

// ------------------------------------------------------------ Semaphore ---

namespace {
struct SemScenario {
    Semaphore sem{3};
    Log acquired;
    std::vector<int> checkpoints;
};
Task<void> acquireAndHold(SemScenario* s, int who, std::size_t n, Duration hold) {
    SemaphorePermit p = co_await s->sem.acquire(n);
    if (p.count() != n) co_return;
    s->acquired.add(who);
    co_await sleep(hold);
}
Task<void> semFairness(SemScenario* s) {
    SemaphorePermit all = co_await s->sem.acquire(3);
    all.forget();  // released by hand below
    JoinHandle<void> big = spawn(acquireAndHold(s, 3, 3, 2ms));
    co_await yieldNow();
    JoinHandle<void> small = spawn(acquireAndHold(s, 1, 1, 0ms));
    co_await yieldNow();
    s->checkpoints.push_back(static_cast<int>(s->sem.waiterCount()));  // 2
    co_await sleep(1ms);
    s->sem.release(1);
    co_await yieldNow();
    // One permit free, but the big request at the head is not overtaken.
    s->checkpoints.push_back(static_cast<int>(s->sem.available()));        // 1
    s->checkpoints.push_back(static_cast<int>(s->acquired.who().size()));  // 0
    s->checkpoints.push_back(s->sem.tryAcquire(1));                        // 0: waiters first
    s->sem.release(2);
    co_await big;
    co_await small;
    s->checkpoints.push_back(static_cast<int>(s->sem.available()));  // 3
}
}  // namespace

TEST(Semaphore, BigRequestAtTheHeadIsNotOvertaken) {
    Recorder rec;
    Runtime rt(deterministic(), &rec);
    SemScenario s;
    rt.blockOn(semFairness(&s));
    EXPECT_EQ(s.checkpoints, (std::vector<int>{2, 1, 0, 0, 3}));
    EXPECT_EQ(s.acquired.who(), (std::vector<int>{3, 1}));
    ASSERT_EQ(s.acquired.entries.size(), 2u);
    EXPECT_EQ(s.acquired.entries[0].second, 1ms);  // big: when the last 2 permits came back
    EXPECT_EQ(s.acquired.entries[1].second, 3ms);  // small: when big released its 3
    auto waits = rec.of(EventKind::SemWait);
    ASSERT_EQ(waits.size(), 2u);
    EXPECT_EQ(waits[0].arg2, 3u);
    EXPECT_EQ(waits[1].arg2, 1u);
}

namespace {
Task<std::vector<int>> permits(Semaphore* sem) {
    std::vector<int> out;
    {
        SemaphorePermit a = co_await sem->acquire(2);
        out.push_back(static_cast<int>(a.count()));
        out.push_back(static_cast<int>(sem->available()));
        SemaphorePermit b = std::move(a);
        out.push_back(static_cast<int>(a.count()));
        out.push_back(static_cast<int>(sem->available()));
    }
    out.push_back(static_cast<int>(sem->available()));
    {
        SemaphorePermit c = co_await sem->acquire(1);
        c.release();
        out.push_back(static_cast<int>(sem->available()));
        SemaphorePermit d = co_await sem->acquire(1);
        d.forget();
    }
    out.push_back(static_cast<int>(sem->available()));
    out.push_back(sem->tryAcquire(4));
    out.push_back(sem->tryAcquire(3));
    out.push_back(static_cast<int>(sem->available()));
    co_return out;
}
}  // namespace

TEST(Semaphore, PermitsAreReleasedByTheGuard) {
    Runtime rt(deterministic());
    Semaphore sem(4);
    EXPECT_EQ(rt.blockOn(permits(&sem)), (std::vector<int>{2, 2, 0, 2, 4, 4, 3, 0, 1, 0}));
}

namespace {
Task<std::vector<int>> abortBigHead(SemScenario* s) {
    std::vector<int> out;
    SemaphorePermit two = co_await s->sem.acquire(2);  // 1 left
    JoinHandle<void> big = spawn(acquireAndHold(s, 3, 3, 0ms));
    co_await yieldNow();
    JoinHandle<void> small = spawn(acquireAndHold(s, 1, 1, 0ms));
    co_await yieldNow();
    out.push_back(static_cast<int>(s->acquired.who().size()));  // 0: small waits behind big
    big.abort();
    co_await small;  // the head left: small gets the free permit
    out.push_back(static_cast<int>(s->acquired.who().size()));
    out.push_back(s->acquired.who().at(0));
    try {
        co_await big;
    } catch (const Cancelled&) {
        out.push_back(-1);
    }
    co_return out;
}
}  // namespace

TEST(Semaphore, AbortedHeadWaiterLetsSmallerRequestsThrough) {
    Runtime rt(deterministic());
    SemScenario s;
    EXPECT_EQ(rt.blockOn(abortBigHead(&s)), (std::vector<int>{0, 1, 1, -1}));
    EXPECT_EQ(s.sem.available(), 3u);
    EXPECT_EQ(s.sem.waiterCount(), 0u);
}

namespace {
Task<int> acquireInner(Semaphore* sem) {
    SemaphorePermit p = co_await sem->acquire(1);
    co_return 1;
}
Task<std::optional<int>> timedAcquire(Semaphore* sem) {
    co_return co_await timeout(5ms, acquireInner(sem));
}
Task<void> releaseAt(Semaphore* sem, Duration at) {
    co_await sleepUntil(at);
    sem->release(1);
}
Task<std::pair<bool, std::size_t>> sameInstantAcquire(Semaphore* sem) {
    JoinHandle<std::optional<int>> t = spawn(timedAcquire(sem));
    co_await yieldNow();
    JoinHandle<void> r = spawn(releaseAt(sem, 5ms));
    auto got = co_await t;
    co_await r;
    co_return std::make_pair(got.has_value(), sem->available());
}
}  // namespace

TEST(Semaphore, PermitGrantedToATimedOutWaiterIsReturned) {
    Runtime rt(deterministic());
    Semaphore sem(0);
    auto [got, available] = rt.blockOn(sameInstantAcquire(&sem));
    // Never lost. One worker, virtual clock: the releaser (its timer registered after the
    // timeout's, its wake taking the LIFO slot) runs first and grants the permit to the waiter,
    // whose deadline has passed when it is polled: the timeout reports elapsed and the permit
    // goes back to the semaphore.
    EXPECT_FALSE(got);
    EXPECT_EQ(available, 1u);
}

// --------------------------------------------------------------- Notify ---

namespace {
Task<int> notifiedInner(Notify* n) {
    co_await n->notified();
    co_return 1;
}
Task<std::vector<int>> storedPermit(Notify* n) {
    std::vector<int> out;
    n->notifyOne();
    n->notifyOne();  // still one permit
    auto a = co_await timeout(1ms, notifiedInner(n));
    out.push_back(a.has_value());
    out.push_back(static_cast<int>(ms(now())));  // 0: no wait
    auto b = co_await timeout(1ms, notifiedInner(n));
    out.push_back(b.has_value());
    out.push_back(static_cast<int>(ms(now())));  // 1: waited for the timeout
    co_return out;
}
}  // namespace

TEST(Notify, NotifyOneStoresExactlyOnePermit) {
    Runtime rt(deterministic());
    Notify n;
    EXPECT_EQ(rt.blockOn(storedPermit(&n)), (std::vector<int>{1, 0, 0, 1}));
}

namespace {
Task<void> waitAndLog(Notify* n, Log* log, int i) {
    co_await n->notified();
    log->add(i);
}
Task<std::vector<int>> wakeAll(Notify* n, Log* log) {
    std::vector<int> out;
    std::vector<JoinHandle<void>> hs;
    for (int i = 0; i < 3; ++i) {
        hs.push_back(spawn(waitAndLog(n, log, i)));
        co_await yieldNow();
    }
    out.push_back(static_cast<int>(n->waiterCount()));
    co_await sleep(2ms);
    n->notifyWaiters();
    for (auto& h : hs) co_await h;
    out.push_back(static_cast<int>(n->waiterCount()));
    auto late = co_await timeout(1ms, notifiedInner(n));  // nothing was stored
    out.push_back(late.has_value());
    n->notifyWaiters();  // nobody waiting: stores nothing either
    auto later = co_await timeout(1ms, notifiedInner(n));
    out.push_back(later.has_value());
    co_return out;
}
}  // namespace

TEST(Notify, NotifyWaitersWakesEveryCurrentWaiterAndStoresNothing) {
    Runtime rt(deterministic());
    Notify n;
    Log log;
    EXPECT_EQ(rt.blockOn(wakeAll(&n, &log)), (std::vector<int>{3, 0, 0, 0}));
    auto woke = log.who();
    std::sort(woke.begin(), woke.end());
    EXPECT_EQ(woke, (std::vector<int>{0, 1, 2}));
    for (auto& [w, t] : log.entries) EXPECT_EQ(t, 2ms);
}

namespace {
Task<void> fifoNotify(Notify* n, Log* log) {
    std::vector<JoinHandle<void>> hs;
    for (int i = 0; i < 4; ++i) {
        hs.push_back(spawn(waitAndLog(n, log, i)));
        co_await yieldNow();
    }
    for (int i = 0; i < 4; ++i) {
        co_await sleep(1ms);
        n->notifyOne();
    }
    for (auto& h : hs) co_await h;
}
}  // namespace

TEST(Notify, NotifyOneWakesWaitersInFifoOrder) {
    Runtime rt(deterministic());
    Notify n;
    Log log;
    rt.blockOn(fifoNotify(&n, &log));
    EXPECT_EQ(log.who(), (std::vector<int>{0, 1, 2, 3}));
    std::vector<Duration> times;
    for (auto& [w, t] : log.entries) times.push_back(t);
    EXPECT_EQ(times, (std::vector<Duration>{1ms, 2ms, 3ms, 4ms}));
}

namespace {
Task<std::vector<int>> abortedNotifyWaiter(Notify* n, Log* log) {
    std::vector<int> out;
    JoinHandle<void> a = spawn(waitAndLog(n, log, 0));
    co_await yieldNow();
    JoinHandle<void> b = spawn(waitAndLog(n, log, 1));
    co_await yieldNow();
    a.abort();
    try {
        co_await a;
    } catch (const Cancelled&) {}
    out.push_back(static_cast<int>(n->waiterCount()));  // 1: a left the queue
    n->notifyOne();                                     // goes to b, not to the aborted a
    co_await b;
    co_return out;
}
}  // namespace

TEST(Notify, AbortedWaiterLeavesTheQueue) {
    Runtime rt(deterministic());
    Notify n;
    Log log;
    EXPECT_EQ(rt.blockOn(abortedNotifyWaiter(&n, &log)), (std::vector<int>{1}));
    EXPECT_EQ(log.who(), (std::vector<int>{1}));
}

// ------------------------------------------------------ CancellationToken --

namespace {
Task<void> awaitCancelled(CancellationToken* t, Log* log, int i) {
    co_await t->cancelled();
    log->add(i);
}
Task<int> cancelledInner(CancellationToken* t) {
    co_await t->cancelled();
    co_return 1;
}
// Three waiters on a child token, one on its parent: cancelling the parent
// wakes all four at once; a later cancelled() is ready at once; a timed-out
// cancelled() leaves no waiter behind.
Task<std::vector<int>> tokenTree(CancellationToken* parent, CancellationToken* child, Log* log) {
    std::vector<int> out;
    std::vector<JoinHandle<void>> hs;
    for (int i = 0; i < 3; ++i) hs.push_back(spawn(awaitCancelled(child, log, i)));
    hs.push_back(spawn(awaitCancelled(parent, log, 9)));
    auto early = co_await timeout(1ms, cancelledInner(child));  // not cancelled yet
    out.push_back(early.has_value());
    out.push_back(static_cast<int>(child->waiterCount()));  // the timed-out one is gone
    out.push_back(static_cast<int>(parent->waiterCount()));
    parent->cancel();
    for (auto& h : hs) co_await h;
    out.push_back(child->isCancelled());
    co_await child->cancelled();  // ready at once, for good
    out.push_back(static_cast<int>(child->waiterCount()));
    co_return out;
}
}  // namespace

TEST(CancellationToken, CancellingAParentWakesEveryWaiterOfItsChildrenForGood) {
    Runtime rt(deterministic());
    CancellationToken parent("shutdown");
    CancellationToken child("accept", &parent);
    Log log;
    EXPECT_EQ(rt.blockOn(tokenTree(&parent, &child, &log)), (std::vector<int>{0, 3, 1, 1, 0}));
    auto order = log.who();
    std::sort(order.begin(), order.end());
    EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 9}));
}

TEST(CancellationToken, CancellingAChildLeavesItsParentAndAChildOfACancelledTokenStartsCancelled) {
    CancellationToken parent;
    CancellationToken child("c", &parent);
    child.cancel();
    EXPECT_TRUE(child.isCancelled());
    EXPECT_FALSE(parent.isCancelled());
    parent.cancel();
    CancellationToken late("late", &parent);
    EXPECT_TRUE(late.isCancelled());
}
