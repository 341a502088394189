// The block_on thread: the #[tokio::main] body (Runtime::spawnMain) is polled
// on a thread of its own beside the workers, as Tokio polls the future given
// to Runtime::block_on on the calling thread. What it spawns or wakes goes to
// the inject queue; a wake from a worker puts it back on its own thread.
#include "helpers.hpp"

#include <gtest/gtest.h>

namespace asyncscope::test {
namespace {

RuntimeConfig withBlockOn(unsigned workers) {
    RuntimeConfig c = deterministic(workers);
    c.blockOnThread = true;
    return c;
}

Task<void> child(std::atomic<int>* done) {
    co_await sleep(1ms);
    done->fetch_add(1);
}

// main: spawns three children, awaits them, then computes 2 ms.
Task<void> spawner(std::atomic<int>* done, TaskId* ids) {
    JoinHandle<void> h[3] = {spawn(child(done), "c0"), spawn(child(done), "c1"),
                             spawn(child(done), "c2")};
    for (int i = 0; i < 3; ++i) ids[i] = h[i].id();
    for (auto& x : h) co_await x;
    co_await compute(2ms);
}

Task<void> receiver(Receiver<int> rx, int* got) {
    auto v = co_await rx.recv();
    *got = v ? *v : -1;
}

Task<void> sender(Sender<int> tx) {
    co_await sleep(3ms);
    co_await tx.send(42);
}

}  // namespace

TEST(BlockOnThread, MainIsPolledOnItsOwnThreadAndItsSpawnsGoToTheGlobalQueue) {
    Recorder rec;
    Runtime rt(withBlockOn(2), &rec);
    ASSERT_EQ(rt.blockOnThreadIndex(), 2u);
    std::atomic<int> done{0};
    TaskId ids[3] = {0, 0, 0};
    JoinHandle<void> mainHandle = rt.spawnMain(spawner(&done, ids), "main");
    const TaskId mainId = mainHandle.id();
    rt.blockOn(joinVoid(std::move(mainHandle)));
    EXPECT_EQ(done.load(), 3);
    const auto ev = rec.events();
    // Every poll of main on thread 2, none elsewhere; the children on workers.
    std::size_t mainPolls = 0;
    for (const Event& e : ofKind(ev, EventKind::PollStart)) {
        if (e.task == mainId) {
            EXPECT_EQ(e.worker, 2u) << describe(ev);
            ++mainPolls;
        } else {
            EXPECT_LT(e.worker, 2u) << describe(ev);
        }
    }
    EXPECT_GE(mainPolls, 2u);  // before the children finish, and after
    EXPECT_EQ(rt.stats().blockOnPolls, mainPolls);
    // Each child's first Schedule is the global queue, emitted on thread 2.
    for (TaskId id : ids) {
        const auto mine = ofKind(forTask(ev, id), EventKind::Schedule);
        ASSERT_FALSE(mine.empty());
        EXPECT_EQ(mine.front().sub, static_cast<std::uint8_t>(QueueKind::Global)) << describe(ev);
        EXPECT_EQ(mine.front().worker, 2u);
    }
    // main's own Schedules name its thread, whoever woke it.
    for (const Event& e : ofKind(forTask(ev, mainId), EventKind::Schedule)) {
        EXPECT_EQ(e.sub, static_cast<std::uint8_t>(QueueKind::BlockOn));
        EXPECT_EQ(e.arg, 2u);
    }
    // It parked while it awaited its children (Park events on its thread).
    bool parked = false;
    for (const Event& e : ofKind(ev, EventKind::Park)) parked |= e.worker == 2u;
    EXPECT_TRUE(parked) << describe(ev);
}

TEST(BlockOnThread, AWakeFromAWorkerPutsMainBackOnItsThreadAtTheExactInstant) {
    Recorder rec;
    Runtime rt(withBlockOn(1), &rec);
    auto [tx, rx] = channel<int>(1, "ch");
    int got = 0;
    rt.holdVirtualTime();  // both spawned at 0, however slow this thread is
    JoinHandle<void> s = rt.spawn(sender(std::move(tx)), "sender");
    JoinHandle<void> m = rt.spawnMain(receiver(std::move(rx), &got), "main");
    rt.releaseVirtualTime();
    const TaskId mainId = m.id();
    rt.blockOn(joinVoid(std::move(m)));
    rt.blockOn(joinVoid(std::move(s)));
    EXPECT_EQ(got, 42);
    const auto ev = rec.events();
    const auto wakes = ofKind(forTask(ev, mainId), EventKind::Wake);
    ASSERT_EQ(wakes.size(), 1u) << describe(ev);
    EXPECT_EQ(wakes[0].worker, 0u);  // the sender's worker woke it
    EXPECT_EQ(wakes[0].time, 3'000'000u);
    const auto polls = ofKind(forTask(ev, mainId), EventKind::PollStart);
    ASSERT_EQ(polls.size(), 2u) << describe(ev);
    EXPECT_EQ(polls[1].worker, 1u);  // the block_on thread, after the one worker
    EXPECT_EQ(polls[1].time, 3'000'000u);
}

TEST(BlockOnThread, AComputeInMainHoldsOnlyItsThreadUnderTheVirtualClock) {
    // main computes 10 ms while the one worker runs a 1 ms sleep loop: the
    // worker is never held up, and the clock moves past both exactly.
    struct Ticks {
        std::atomic<int> n{0};
        Duration end{0};
    } ticks;
    auto ticker = [](Ticks* t) -> Task<void> {
        for (int i = 0; i < 5; ++i) {
            co_await sleep(1ms);
            t->n.fetch_add(1);
        }
        t->end = now();
    };
    auto busyMain = []() -> Task<void> { co_await compute(10ms); };
    Runtime rt(withBlockOn(1));
    rt.holdVirtualTime();
    JoinHandle<void> t = rt.spawn(ticker(&ticks), "ticker");
    JoinHandle<void> m = rt.spawnMain(busyMain(), "main");
    rt.releaseVirtualTime();
    rt.blockOn(joinVoid(std::move(t)));
    EXPECT_EQ(ticks.n.load(), 5);
    EXPECT_EQ(ticks.end, 5ms);  // the ticker did not wait for main's compute
    rt.blockOn(joinVoid(std::move(m)));
    EXPECT_EQ(rt.now(), 10ms);
}

TEST(BlockOnThread, ShutdownCancelsAMainThatStillWaits) {
    std::atomic<int> dropped{0};
    auto forever = [](RaiiCounter) -> Task<void> { co_await sleep(1h); };
    {
        Runtime rt(withBlockOn(2));
        JoinHandle<void> m = rt.spawnMain(forever(RaiiCounter(&dropped)), "main");
        m.detach();
    }
    EXPECT_EQ(dropped.load(), 1);
}

TEST(BlockOnThread, TheCurrentThreadFlavorHasNoSuchThread) {
    // Its one worker is the thread that called block_on: main runs there.
    RuntimeConfig c = withBlockOn(1);
    c.flavor = Flavor::CurrentThread;
    Recorder rec;
    Runtime rt(c, &rec);
    EXPECT_EQ(rt.blockOnThreadIndex(), kNoWorker);
    std::atomic<int> done{0};
    TaskId ids[3] = {0, 0, 0};
    JoinHandle<void> m = rt.spawnMain(spawner(&done, ids), "main");
    rt.blockOn(joinVoid(std::move(m)));
    EXPECT_EQ(done.load(), 3);
    for (const Event& e : ofKind(rec.events(), EventKind::PollStart)) EXPECT_EQ(e.worker, 0u);
}

TEST(BlockOnThread, AStepWhilePausedPollsMainOnce) {
    Recorder rec;
    Runtime rt(withBlockOn(1), &rec);
    rt.pause();
    std::atomic<int> done{0};
    TaskId ids[3] = {0, 0, 0};
    JoinHandle<void> m = rt.spawnMain(spawner(&done, ids), "main");
    const TaskId mainId = m.id();
    std::this_thread::sleep_for(20ms);
    EXPECT_EQ(rec.of(EventKind::PollStart).size(), 0u);
    rt.step(1);
    for (int i = 0; i < 500 && rec.of(EventKind::PollEnd).empty(); ++i)
        std::this_thread::sleep_for(2ms);
    const auto polls = rec.of(EventKind::PollStart);
    ASSERT_EQ(polls.size(), 1u);
    EXPECT_EQ(polls[0].task, mainId);
    rt.resume();
    rt.blockOn(joinVoid(std::move(m)));
    EXPECT_EQ(done.load(), 3);
}

}  // namespace asyncscope::test

namespace asyncscope::test {
namespace {
Task<void> localChild(std::atomic<int>* done) {
    co_await sleep(1ms);
    co_await compute(1ms);
    done->fetch_add(1);
}
Task<void> spawnsLocally(std::atomic<int>* done, TaskId* local, TaskId* remote) {
    JoinHandle<void> a = spawnLocal(localChild(done), "local");
    JoinHandle<void> b = spawn(localChild(done), "remote");
    *local = a.id();
    *remote = b.id();
    co_await a;
    co_await b;
}
}  // namespace

// spawn_local: the task stays on the main thread (never on a worker, never
// stolen), however often it is woken from a worker's timer.
TEST(BlockOnThread, ASpawnLocalTaskStaysOnTheMainThread) {
    Recorder rec;
    Runtime rt(withBlockOn(2), &rec);
    std::atomic<int> done{0};
    TaskId local = 0, remote = 0;
    JoinHandle<void> m = rt.spawnMain(spawnsLocally(&done, &local, &remote), "main");
    rt.blockOn(joinVoid(std::move(m)));
    EXPECT_EQ(done.load(), 2);
    const auto ev = rec.events();
    const auto localPolls = ofKind(forTask(ev, local), EventKind::PollStart);
    ASSERT_EQ(localPolls.size(), 2u) << describe(ev);  // before and after its sleep
    for (const Event& e : localPolls) EXPECT_EQ(e.worker, 2u);
    for (const Event& e : ofKind(forTask(ev, local), EventKind::Schedule))
        EXPECT_EQ(e.sub, static_cast<std::uint8_t>(QueueKind::BlockOn)) << describe(ev);
    for (const Event& e : ofKind(forTask(ev, remote), EventKind::PollStart))
        EXPECT_LT(e.worker, 2u);
}

}  // namespace asyncscope::test

namespace asyncscope::test {
namespace {
Task<void> holdsTheLock(BlockingMutex* m) {
    m->lock();
    co_await compute(5ms);  // the worker holds it through a 5 ms poll
    m->unlock();
}
Task<void> mainWaitsForTheLock(BlockingMutex* m, Duration* gotIt, Duration* end) {
    co_await sleep(1ms);
    m->lock();  // blocks the main thread (not a worker) until 5 ms
    *gotIt = now();
    m->unlock();
    co_await compute(3ms);
    *end = now();
}
Task<void> ticks(Duration* end) {
    for (int i = 0; i < 10; ++i) co_await sleep(1ms);
    *end = now();
}
}  // namespace

// The main thread blocked in a BlockingMutex counts as held, and no longer
// once the unlock wakes it: the clock neither stops nor runs ahead of it.
TEST(BlockOnThread, MainBlockedInABlockingMutexKeepsTheClockExact) {
    Runtime rt(withBlockOn(2));
    BlockingMutex m("m");
    Duration gotIt{0}, mainEnd{0}, tickEnd{0};
    rt.holdVirtualTime();
    JoinHandle<void> h = rt.spawn(holdsTheLock(&m), "holder");
    JoinHandle<void> t = rt.spawn(ticks(&tickEnd), "ticker");
    JoinHandle<void> mn = rt.spawnMain(mainWaitsForTheLock(&m, &gotIt, &mainEnd), "main");
    rt.releaseVirtualTime();
    rt.blockOn(joinVoid(std::move(mn)));
    rt.blockOn(joinVoid(std::move(h)));
    rt.blockOn(joinVoid(std::move(t)));
    EXPECT_EQ(gotIt, 5ms);
    EXPECT_EQ(mainEnd, 8ms);
    EXPECT_EQ(tickEnd, 10ms);
}

}  // namespace asyncscope::test
