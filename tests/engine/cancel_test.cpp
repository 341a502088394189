// Structured cancellation (TaskGroup) and runtime shutdown with everything
// pending.
#include "helpers.hpp"

#include <gtest/gtest.h>

#include <set>

using namespace asyncscope;
using namespace asyncscope::test;
using WallClock = std::chrono::steady_clock;

namespace {
Task<int> sleepForever(std::atomic<int>* destroyed, int v) {
    RaiiCounter r(destroyed);
    co_await sleep(1h);
    co_return v;
}
Task<std::vector<int>> abortAllScenario(std::atomic<int>* destroyed) {
    std::vector<int> out;
    TaskGroup<int> g;
    for (int i = 0; i < 5; ++i) g.spawn(sleepForever(destroyed, i));
    out.push_back(static_cast<int>(g.size()));
    co_await sleep(1ms);
    out.push_back(destroyed->load());  // 0: all parked
    g.abortAll();
    int cancelled = 0;
    for (;;) {
        try {
            auto v = co_await g.joinNext();
            if (!v) break;
            out.push_back(*v);  // not expected
        } catch (const Cancelled&) {
            ++cancelled;
        }
    }
    out.push_back(cancelled);
    out.push_back(static_cast<int>(g.size()));
    out.push_back(destroyed->load());
    out.push_back(static_cast<int>(ms(now())));
    co_return out;
}
}  // namespace

TEST(TaskGroup, AbortAllCancelsEveryMember) {
    Runtime rt(deterministic());
    std::atomic<int> destroyed{0};
    EXPECT_EQ(rt.blockOn(abortAllScenario(&destroyed)), (std::vector<int>{5, 0, 5, 0, 5, 1}));
    ASSERT_TRUE(settle(rt));
    EXPECT_EQ(rt.stats().cancelled, 5u);
}

namespace {
Task<std::vector<int>> dropGroupScenario(std::atomic<int>* destroyed, std::vector<TaskId>* ids) {
    std::vector<int> out;
    {
        TaskGroup<int> g;
        for (int i = 0; i < 4; ++i) ids->push_back(g.spawn(sleepForever(destroyed, i)));
        co_await sleep(1ms);
    }  // the group goes: its members are cancelled
    co_await yieldNow();
    out.push_back(destroyed->load());
    out.push_back(static_cast<int>(ms(now())));
    co_return out;
}
}  // namespace

TEST(TaskGroup, DestroyingTheGroupCancelsItsMembers) {
    Recorder rec;
    Runtime rt(deterministic(), &rec);
    std::atomic<int> destroyed{0};
    std::vector<TaskId> ids;
    EXPECT_EQ(rt.blockOn(dropGroupScenario(&destroyed, &ids)), (std::vector<int>{4, 1}));
    std::set<TaskId> requested, done;
    for (const Event& e : rec.of(EventKind::Cancel)) (e.sub == 0 ? requested : done).insert(e.task);
    EXPECT_EQ(requested, std::set<TaskId>(ids.begin(), ids.end()));
    EXPECT_EQ(done, std::set<TaskId>(ids.begin(), ids.end()));
    EXPECT_TRUE(waitFor([&] { return rt.quiescent(); }));
    EXPECT_EQ(rt.now(), 1ms);  // no sleeper's timer survived
}

namespace {
struct Tree {
    std::atomic<int> destroyed{0};
    std::atomic<int> started{0};
};
Task<void> grandchild(Tree* t) {
    RaiiCounter r(&t->destroyed);
    t->started.fetch_add(1);
    co_await sleep(1h);
}
Task<void> childWithGroup(Tree* t) {
    RaiiCounter r(&t->destroyed);
    t->started.fetch_add(1);
    TaskGroup<void> g;
    g.spawn(grandchild(t));
    g.spawn(grandchild(t));
    co_await sleep(1h);
}
Task<void> parentWithGroup(Tree* t) {
    RaiiCounter r(&t->destroyed);
    t->started.fetch_add(1);
    TaskGroup<void> g;
    for (int i = 0; i < 3; ++i) g.spawn(childWithGroup(t));
    (void)co_await g.joinAll();
}
Task<bool> cascade(Tree* t) {
    JoinHandle<void> p = spawn(parentWithGroup(t));
    co_await sleep(1ms);
    if (t->started.load() != 10) co_return false;
    p.abort();
    try {
        co_await p;
    } catch (const Cancelled&) {}
    co_await sleep(1ms);  // let the cascade run
    co_return p.isCancelled();
}
}  // namespace

TEST(TaskGroup, AbortingTheOwnerCascadesToChildrenAndGrandchildren) {
    Recorder rec;
    Runtime rt(deterministic(), &rec);
    Tree t;
    EXPECT_TRUE(rt.blockOn(cascade(&t)));
    EXPECT_EQ(t.destroyed.load(), 10);  // 1 parent + 3 children + 6 grandchildren
    std::size_t done = 0;
    for (const Event& e : rec.of(EventKind::Cancel)) done += e.sub == 1;
    EXPECT_EQ(done, 10u);
    ASSERT_TRUE(settle(rt));
    auto st = rt.stats();
    EXPECT_EQ(st.cancelled, 10u);
    EXPECT_EQ(st.spawned, st.completed + st.cancelled);
    // Every cancellation happened at 1 ms: nobody waited for its hour-long sleep.
    for (const Event& e : rec.of(EventKind::Cancel)) EXPECT_EQ(e.time, 1'000'000u);
}

namespace {
Task<int> valueAfter(Duration d, int v) {
    co_await sleep(d);
    co_return v;
}
Task<std::vector<int>> completionOrder() {
    TaskGroup<int> g;
    g.spawn(valueAfter(30ms, 30));
    g.spawn(valueAfter(10ms, 10));
    g.spawn(valueAfter(20ms, 20));
    g.spawn(valueAfter(5ms, 5));
    std::vector<int> out;
    while (auto v = co_await g.joinNext()) {
        out.push_back(*v);
        out.push_back(static_cast<int>(ms(now())));
    }
    out.push_back(static_cast<int>(g.size()));
    co_return out;
}
Task<int> failsAfter(Duration d) {
    co_await sleep(d);
    throw std::runtime_error("member failed");
}
Task<std::vector<std::string>> errorPropagates(std::atomic<int>* destroyed) {
    std::vector<std::string> out;
    TaskGroup<int> g;
    g.spawn(valueAfter(2ms, 2));
    g.spawn(failsAfter(5ms));
    g.spawn(sleepForever(destroyed, 1));
    try {
        auto all = co_await g.joinAll();
        out.push_back("no error, " + std::to_string(all.size()));
    } catch (const std::runtime_error& e) {
        out.push_back(e.what());
    }
    out.push_back(std::to_string(ms(now())));
    out.push_back(std::to_string(g.size()));  // the sleeper is still in the group
    co_return out;
}
Task<std::vector<int>> joinAllValues() {
    TaskGroup<int> g;
    for (int i : {4, 1, 3, 2}) g.spawn(valueAfter(std::chrono::milliseconds(i), i));
    co_return co_await g.joinAll();
}
}  // namespace

TEST(TaskGroup, JoinNextReturnsResultsInCompletionOrder) {
    Runtime rt(deterministic());
    EXPECT_EQ(rt.blockOn(completionOrder()), (std::vector<int>{5, 5, 10, 10, 20, 20, 30, 30, 0}));
    Runtime rt2(deterministic());
    EXPECT_EQ(rt2.blockOn(joinAllValues()), (std::vector<int>{1, 2, 3, 4}));
}

TEST(TaskGroup, AnErrorPropagatesAndTheRestIsCancelledWithTheGroup) {
    Runtime rt(deterministic());
    std::atomic<int> destroyed{0};
    EXPECT_EQ(rt.blockOn(errorPropagates(&destroyed)),
              (std::vector<std::string>{"member failed", "5", "1"}));
    EXPECT_TRUE(waitFor([&] { return destroyed.load() == 1; }));  // cancelled with the group
    EXPECT_TRUE(waitFor([&] { return rt.quiescent(); }));
    EXPECT_EQ(rt.now(), 5ms);
}

TEST(TaskGroup, EmptyGroupJoinsNothing) {
    Runtime rt(deterministic());
    struct L {
        static Task<int> run() {
            TaskGroup<void> g;
            auto v = co_await g.joinNext();
            auto all = co_await g.joinAll();
            co_return (v ? 1 : 0) + static_cast<int>(all.size()) + (g.empty() ? 10 : 0);
        }
    };
    EXPECT_EQ(rt.blockOn(L::run()), 10);
}

// ------------------------------------------------------------ shutdown ----

namespace {
struct World {
    Mutex m;
    Semaphore sem{0};
    Notify notify;
    std::pair<Sender<int>, Receiver<int>> empty = channel<int>(1);
    std::pair<Sender<int>, Receiver<int>> full = channel<int>(1);
    std::pair<OneshotSender<int>, OneshotReceiver<int>> once = oneshot<int>();
    std::atomic<int> destroyed{0};
    std::atomic<int> parked{0};
    std::atomic<int> jobInterrupted{0};
};
Task<void> holdsMutexAndSleeps(World* w) {
    RaiiCounter r(&w->destroyed);
    auto g = co_await w->m.lock();
    w->parked.fetch_add(1);
    co_await sleep(1h);
}
Task<void> waitsOnMutex(World* w) {
    RaiiCounter r(&w->destroyed);
    co_await sleep(1ms);  // after the holder
    w->parked.fetch_add(1);
    auto g = co_await w->m.lock();
}
Task<void> waitsOnRecv(World* w) {
    RaiiCounter r(&w->destroyed);
    w->parked.fetch_add(1);
    (void)co_await w->empty.second.recv();
}
Task<void> waitsOnSend(World* w) {
    RaiiCounter r(&w->destroyed);
    (void)co_await w->full.first.send(1);
    w->parked.fetch_add(1);
    (void)co_await w->full.first.send(2);
}
Task<void> waitsOnOneshot(World* w) {
    RaiiCounter r(&w->destroyed);
    w->parked.fetch_add(1);
    (void)co_await w->once.second;
}
Task<void> sleepsLong(World* w) {
    RaiiCounter r(&w->destroyed);
    w->parked.fetch_add(1);
    co_await sleep(1h);
}
Task<void> waitsOnJoin(World* w, JoinHandle<void> other) {
    RaiiCounter r(&w->destroyed);
    w->parked.fetch_add(1);
    co_await other;
}
Task<void> waitsOnNotify(World* w) {
    RaiiCounter r(&w->destroyed);
    w->parked.fetch_add(1);
    co_await w->notify.notified();
}
Task<void> waitsOnSemaphore(World* w) {
    RaiiCounter r(&w->destroyed);
    w->parked.fetch_add(1);
    auto p = co_await w->sem.acquire(2);
}
Task<void> waitsOnBlockingJob(World* w) {
    RaiiCounter r(&w->destroyed);
    w->parked.fetch_add(1);
    co_await spawnBlocking([w] {
        try {
            blockingSleep(10s);
        } catch (const Cancelled&) {
            w->jobInterrupted.fetch_add(1);
            throw;
        }
    });
}
Task<void> ownsAGroup(World* w) {
    RaiiCounter r(&w->destroyed);
    TaskGroup<void> g;
    g.spawn(sleepsLong(w));
    g.spawn(waitsOnNotify(w));
    w->parked.fetch_add(1);
    (void)co_await g.joinAll();
}
}  // namespace

TEST(Shutdown, EverythingPendingIsCancelledPromptly) {
    World w;
    std::vector<JoinHandle<void>> hs;
    RuntimeStats after;
    WallClock::duration took{};
    {
        Runtime rt(realClock(2));
        hs.push_back(rt.spawn(holdsMutexAndSleeps(&w)));
        hs.push_back(rt.spawn(waitsOnMutex(&w)));
        hs.push_back(rt.spawn(waitsOnMutex(&w)));
        hs.push_back(rt.spawn(waitsOnRecv(&w)));
        hs.push_back(rt.spawn(waitsOnSend(&w)));
        hs.push_back(rt.spawn(waitsOnOneshot(&w)));
        hs.push_back(rt.spawn(waitsOnNotify(&w)));
        hs.push_back(rt.spawn(waitsOnSemaphore(&w)));
        hs.push_back(rt.spawn(waitsOnBlockingJob(&w)));
        hs.push_back(rt.spawn(ownsAGroup(&w)));  // + 2 members
        JoinHandle<void> target = rt.spawn(sleepsLong(&w));
        hs.push_back(rt.spawn(waitsOnJoin(&w, std::move(target))));
        const int tasks = 11 + 2 + 1;
        ASSERT_TRUE(waitFor([&] { return w.parked.load() == tasks; })) << w.parked.load();
        std::this_thread::sleep_for(30ms);  // everybody is suspended now
        EXPECT_EQ(w.destroyed.load(), 0);
        RuntimeStats before = rt.stats();
        EXPECT_EQ(before.alive, static_cast<std::size_t>(tasks));
        EXPECT_EQ(before.completed, 0u);
        auto t0 = WallClock::now();
        rt.shutdown();
        took = WallClock::now() - t0;
        after = rt.stats();
        EXPECT_EQ(w.destroyed.load(), tasks);
    }
    EXPECT_LT(took, 3s);
    EXPECT_EQ(w.jobInterrupted.load(), 1);  // the blocking sleep noticed the shutdown
    for (auto& h : hs) {
        EXPECT_TRUE(h.isFinished());
        EXPECT_TRUE(h.isCancelled()) << "task " << h.id();
        EXPECT_THROW(h.get(), Cancelled);
    }
    EXPECT_EQ(after.spawned, 14u);
    EXPECT_EQ(after.cancelled, 14u);
    EXPECT_EQ(after.spawned, after.completed + after.cancelled);
    EXPECT_EQ(after.alive, 0u);
    EXPECT_FALSE(w.m.isLocked());  // the holder's guard was destroyed
    EXPECT_EQ(w.m.waiterCount(), 0u);
    EXPECT_EQ(w.notify.waiterCount(), 0u);
    EXPECT_EQ(w.sem.waiterCount(), 0u);
}

TEST(Shutdown, SpawnAfterShutdownIsCancelledAtOnce) {
    Runtime rt(deterministic());
    rt.shutdown();
    std::atomic<int> destroyed{0};
    JoinHandle<int> h = rt.spawn(sleepForever(&destroyed, 1));
    EXPECT_TRUE(h.isFinished());
    EXPECT_TRUE(h.isCancelled());
    EXPECT_EQ(destroyed.load(), 0);  // never started: the local was never constructed
    auto st = rt.stats();
    EXPECT_EQ(st.cancelled, 1u);
    EXPECT_EQ(st.spawned, st.completed + st.cancelled);
}

TEST(Shutdown, BlockOnAfterShutdownThrowsCancelled) {
    // On the heap: if blockOn hangs, its thread keeps using the runtime, which
    // must then never be destroyed (it stays reachable from `stuck`).
    [[maybe_unused]] static Runtime* stuck = nullptr;
    auto rt = std::make_unique<Runtime>(deterministic());
    rt->shutdown();
    // blockOn runs on its own thread so that a hang can be detected.
    auto state = std::make_shared<std::atomic<int>>(0);
    Runtime* raw = rt.get();
    std::thread t([state, raw] {
        try {
            raw->blockOn(valueAfter(1ms, 1));
            state->store(1);
        } catch (const Cancelled&) {
            state->store(2);
        } catch (...) {
            state->store(3);
        }
    });
    if (!waitFor([&] { return state->load() != 0; }, 1000ms)) {
        t.detach();  // blocked for good on its own condition variable
        stuck = rt.release();
        // Regression: the driver was once destroyed unstarted, and its BlockOnSignal, a local
        // of the coroutine body, never signalled the waiting thread.
        FAIL() << "Runtime::blockOn after shutdown() never returned (runtime.hpp promises "
                  "Cancelled)";
    }
    t.join();
    EXPECT_EQ(state->load(), 2);
}

TEST(Shutdown, BlockOnFromAnotherThreadThrowsCancelled) {
    Runtime rt(realClock(1));
    std::atomic<int> destroyed{0};
    std::atomic<int> result{0};
    std::thread t([&] {
        try {
            rt.blockOn(sleepForever(&destroyed, 1));
            result = 1;
        } catch (const Cancelled&) {
            result = 2;
        }
    });
    ASSERT_TRUE(waitFor([&] { return rt.stats().alive == 1; }));
    std::this_thread::sleep_for(10ms);
    rt.shutdown();
    t.join();
    EXPECT_EQ(result.load(), 2);
    EXPECT_EQ(destroyed.load(), 1);
}

TEST(Shutdown, DestroyingAnIdleRuntimeIsQuick) {
    for (unsigned workers : {1u, 2u, 8u}) {
        auto t0 = WallClock::now();
        { Runtime rt(realClock(workers)); }
        EXPECT_LT(WallClock::now() - t0, 2s);
    }
}
