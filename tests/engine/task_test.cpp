#include "helpers.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using namespace asyncscope;
using namespace asyncscope::test;

namespace {
Task<int> answer() {
    co_return 42;
}
Task<int> addOne(int& ran) {
    ++ran;
    int v = co_await answer();
    co_return v + 1;
}
}  // namespace

TEST(Task, BlockOnReturnsValue) {
    Runtime rt(deterministic());
    int ran = 0;
    EXPECT_EQ(rt.blockOn(addOne(ran)), 43);
    EXPECT_EQ(ran, 1);
}

// ------------------------------------------------------------ laziness ----

namespace {
Task<int> counted(std::atomic<int>* c, RaiiCounter /*guard*/) {
    c->fetch_add(1);
    co_return 7;
}

Task<int> createButNeverAwait(std::atomic<int>* ran, std::atomic<int>* destroyed) {
    {
        Task<int> child = counted(ran, RaiiCounter(destroyed));
        co_await sleep(1ms);  // the child had every chance to run
        if (ran->load() != 0) co_return -1;
        if (destroyed->load() != 0) co_return -2;
    }  // child destroyed here, never started
    co_return ran->load();
}

struct Trace {
    std::vector<std::string> steps;
    std::vector<TaskId> ids;
};
Task<int> leaf(Trace* t) {
    t->steps.push_back("leaf");
    t->ids.push_back(currentTaskId());
    co_return 1;
}
Task<int> middle(Trace* t) {
    t->steps.push_back("middle-before");
    t->ids.push_back(currentTaskId());
    int v = co_await leaf(t);
    t->steps.push_back("middle-after");
    co_return v + 10;
}
Task<int> outer(Trace* t) {
    t->steps.push_back("outer-before");
    t->ids.push_back(currentTaskId());
    Task<int> m = middle(t);
    t->steps.push_back("outer-created");
    int v = co_await std::move(m);
    t->steps.push_back("outer-after");
    t->ids.push_back(currentTaskId());
    co_return v + 100;
}

Task<int> sleepyLeaf(int v) {
    co_await sleep(2ms);
    co_return v;
}
Task<int> sleepyMiddle(int v) {
    int a = co_await sleepyLeaf(v);
    int b = co_await sleepyLeaf(v * 2);
    co_return a + b;
}

struct MyError : std::runtime_error {
    explicit MyError(const std::string& m, int c) : std::runtime_error(m), code(c) {}
    int code;
};
Task<int> throwsInner() {
    co_await sleep(1ms);
    throw MyError("inner failed", 17);
}
Task<std::string> catchesNested() {
    try {
        co_await throwsInner();
    } catch (const MyError& e) {
        co_return std::string(e.what()) + "/" + std::to_string(e.code);
    }
    co_return "no exception";
}
}  // namespace

TEST(Task, CreatingATaskRunsNothingUntilSpawned) {
    Runtime rt(deterministic());
    std::atomic<int> ran{0}, destroyed{0};
    {
        Task<int> t = counted(&ran, RaiiCounter(&destroyed));
        EXPECT_TRUE(t.valid());
        EXPECT_FALSE(t.done());
        std::this_thread::sleep_for(20ms);
        EXPECT_EQ(ran.load(), 0);
    }
    // Destroyed without ever running: the frame (and its parameter) went away.
    EXPECT_EQ(ran.load(), 0);
    EXPECT_EQ(destroyed.load(), 1);

    Task<int> t = counted(&ran, RaiiCounter(&destroyed));
    std::this_thread::sleep_for(10ms);
    EXPECT_EQ(ran.load(), 0);
    JoinHandle<int> h = rt.spawn(std::move(t));
    EXPECT_FALSE(t.valid());  // spawn took the coroutine
    EXPECT_EQ(rt.blockOn(joinTask(std::move(h))), 7);
    EXPECT_EQ(ran.load(), 1);
    // Parameters live in the frame, which goes away with the last reference
    // to the finished task (here: when the blockOn driver is released).
    EXPECT_TRUE(waitFor([&] { return destroyed.load() == 2; }));
}

TEST(Task, TaskCreatedInsideATaskRunsOnlyWhenAwaited) {
    Runtime rt(deterministic());
    std::atomic<int> ran{0}, destroyed{0};
    EXPECT_EQ(rt.blockOn(createButNeverAwait(&ran, &destroyed)), 0);
    EXPECT_EQ(ran.load(), 0);
    EXPECT_EQ(destroyed.load(), 1);
}

TEST(Task, NestedAwaitRunsInlineInTheSamePoll) {
    Recorder rec;
    Runtime rt(deterministic(), &rec);
    Trace trace;
    EXPECT_EQ(rt.blockOn(outer(&trace)), 111);
    const std::vector<std::string> expected = {"outer-before", "outer-created", "middle-before",
                                               "leaf",         "middle-after",  "outer-after"};
    EXPECT_EQ(trace.steps, expected);
    // The same task ran every level...
    ASSERT_EQ(trace.ids.size(), 4u);
    for (TaskId id : trace.ids) EXPECT_EQ(id, trace.ids[0]);
    EXPECT_NE(trace.ids[0], 0u);
    // ...without a spawn or a second poll: nested awaits are symmetric transfers.
    auto events = rec.events();
    EXPECT_EQ(countOf(events, EventKind::Spawn), 1u) << describe(events);
    EXPECT_EQ(countOf(events, EventKind::PollStart), 1u) << describe(events);
}

TEST(Task, NestedAwaitAcrossSuspensionsKeepsOneTask) {
    Recorder rec;
    Runtime rt(deterministic(), &rec);
    EXPECT_EQ(rt.blockOn(sleepyMiddle(5)), 15);
    EXPECT_EQ(rt.now(), 4ms);
    auto events = rec.events();
    EXPECT_EQ(countOf(events, EventKind::Spawn), 1u);
    // Initial poll + one poll per sleep.
    EXPECT_EQ(countOf(events, EventKind::PollStart), 3u) << describe(events);
}

namespace {
Task<int> readyChild(int i) {
    co_return i & 1;
}
Task<int> maybeSleepyChild(int i) {
    if (i % 1000 == 999) co_await sleep(1ms);
    co_return i & 1;
}
// Awaits `n` children in a loop; `sleepy` makes every 1000th one suspend.
Task<long> awaitMany(int n, bool sleepy) {
    long sum = 0;
    for (int i = 0; i < n; ++i) {
        // Not `sleepy ? co_await a : co_await b`: GCC 12 miscompiles that (the
        // sleepy child ran with sleepy == false).
        if (sleepy)
            sum += co_await maybeSleepyChild(i);
        else
            sum += co_await readyChild(i);
    }
    co_return sum;
}
Task<long> timeoutMany(int n) {
    long sum = 0;
    for (int i = 0; i < n; ++i) {
        auto r = co_await timeout(1s, readyChild(i));
        sum += r ? *r : -1000000;
    }
    co_return sum;
}
}  // namespace

// Children that finish at once must not grow the stack per iteration, even
// where symmetric transfer is not a tail call (-O1 with sanitizers, -O0): a
// scenario's `repeat` of 6,000 ready sends overflowed the stack there.
TEST(Task, ALoopOfChildrenReadyAtOnceRunsInConstantStack) {
    Recorder rec;
    Runtime rt(deterministic(), &rec);
    EXPECT_EQ(rt.blockOn(awaitMany(300000, false)), 150000);
    EXPECT_EQ(countOf(rec.events(), EventKind::PollStart), 1u) << "one poll, no suspension";
}

TEST(Task, ChildrenThatSometimesSuspendResumeTheLoopCorrectly) {
    Recorder rec;
    Runtime rt(deterministic(), &rec);
    EXPECT_EQ(rt.blockOn(awaitMany(100000, true)), 50000);
    EXPECT_EQ(rt.now(), 100ms) << "100 children slept 1 ms each";
    EXPECT_EQ(countOf(rec.events(), EventKind::PollStart), 101u);
}

TEST(Task, ALoopOfTimeoutsAroundReadyChildrenRunsInConstantStack) {
    Runtime rt(deterministic());
    EXPECT_EQ(rt.blockOn(timeoutMany(100000)), 50000);
}

TEST(Task, ExceptionInNestedTaskReachesTheAwaiter) {
    Runtime rt(deterministic());
    EXPECT_EQ(rt.blockOn(catchesNested()), "inner failed/17");
}

TEST(Task, BlockOnRethrowsTheTaskError) {
    Runtime rt(deterministic());
    try {
        rt.blockOn(throwsInner());
        FAIL() << "expected MyError";
    } catch (const MyError& e) {
        EXPECT_STREQ(e.what(), "inner failed");
        EXPECT_EQ(e.code, 17);
    }
}

// ---------------------------------------------------------- JoinHandle ----

namespace {
Task<int> valueAfter(Duration d, int v) {
    co_await sleep(d);
    co_return v;
}
Task<int> spawnAndJoin() {
    JoinHandle<int> a = spawn(valueAfter(3ms, 1), "a");
    JoinHandle<int> b = spawn(valueAfter(1ms, 2), "b");
    int vb = co_await b;
    int va = co_await a;
    co_return va * 10 + vb;
}

Task<int> failsWith(std::string msg) {
    co_await sleep(1ms);
    throw MyError(msg, 3);
}
Task<std::string> joinFailing() {
    JoinHandle<int> h = spawn(failsWith("disk on fire"));
    try {
        co_await h;
    } catch (const MyError& e) {
        co_return std::string("caught:") + e.what() + ":" + std::to_string(e.code);
    }
    co_return "nothing thrown";
}

struct AbortState {
    std::atomic<int> destroyed{0};
    std::atomic<int> afterSleep{0};
    std::atomic<int> started{0};
};
Task<int> longSleeper(AbortState* s) {
    RaiiCounter guard(&s->destroyed);
    s->started.fetch_add(1);
    co_await sleep(1h);
    s->afterSleep.fetch_add(1);
    co_return 1;
}
Task<std::string> abortSleeping(AbortState* s, JoinHandle<int>* out) {
    JoinHandle<int> h = spawn(longSleeper(s));
    co_await sleep(1ms);  // it is parked on its sleep now
    if (s->started.load() != 1) co_return "not started";
    h.abort();
    std::string result;
    try {
        co_await h;
        result = "no exception";
    } catch (const Cancelled&) {
        result = "cancelled";
    }
    *out = std::move(h);
    co_return result;
}

Task<int> bodyCounter(std::atomic<int>* ran, RaiiCounter /*param*/) {
    ran->fetch_add(1);
    co_return 5;
}
}  // namespace

TEST(JoinHandle, JoinReturnsTheValue) {
    Runtime rt(deterministic());
    EXPECT_EQ(rt.blockOn(spawnAndJoin()), 12);
    EXPECT_EQ(rt.now(), 3ms);
    JoinHandle<int> h = rt.spawn(valueAfter(2ms, 9));
    EXPECT_EQ(h.id() != 0, true);
    EXPECT_EQ(rt.blockOn(joinTask(std::move(h))), 9);
}

TEST(JoinHandle, ErrorIsRethrownAtJoinWithItsMessage) {
    Recorder rec;
    Runtime rt(deterministic(), &rec);
    EXPECT_EQ(rt.blockOn(joinFailing()), "caught:disk on fire:3");
    auto errs = rec.texts(EventKind::Error);
    ASSERT_EQ(errs.size(), 1u);
    EXPECT_EQ(errs[0], "disk on fire");
    auto ends = rec.of(EventKind::PollEnd);
    EXPECT_EQ(std::count_if(ends.begin(), ends.end(),
                            [](const Event& e) {
                                return e.sub == static_cast<std::uint8_t>(PollResult::Error);
                            }),
              1);
    ASSERT_TRUE(settle(rt));
    auto st = rt.stats();
    EXPECT_EQ(st.completed, 2u);  // an error counts as completed, not cancelled
    EXPECT_EQ(st.cancelled, 0u);
}

TEST(JoinHandle, AbortCancelsASleepingTaskAndRunsItsDestructors) {
    Recorder rec;
    Runtime rt(deterministic(), &rec);
    AbortState s;
    JoinHandle<int> h;
    EXPECT_EQ(rt.blockOn(abortSleeping(&s, &h)), "cancelled");
    EXPECT_EQ(s.destroyed.load(), 1);
    EXPECT_EQ(s.afterSleep.load(), 0);
    EXPECT_TRUE(h.isFinished());
    EXPECT_TRUE(h.isCancelled());
    EXPECT_THROW(h.get(), Cancelled);
    // Cancellation happened at once, not when the hour-long sleep ended, and
    // the sleep's timer was unregistered.
    EXPECT_EQ(rt.now(), 1ms);
    auto cancels = rec.of(EventKind::TimerCancel);
    ASSERT_EQ(cancels.size(), 1u) << describe(rec.events());
    EXPECT_EQ(cancels[0].task, h.id());
    EXPECT_EQ(cancels[0].arg, static_cast<std::uint64_t>(Duration(1h + 0ms).count()));
    EXPECT_TRUE(waitFor([&] { return rt.quiescent(); }));
    EXPECT_EQ(rt.now(), 1ms);
    auto st = rt.stats();
    EXPECT_EQ(st.cancelled, 1u);
    EXPECT_EQ(st.spawned, st.completed + st.cancelled);
}

TEST(JoinHandle, AbortBeforeFirstPollNeverRunsTheBody) {
    Recorder rec;
    Runtime rt(deterministic(), &rec);
    rt.pause();  // nothing is polled until resume
    std::atomic<int> ran{0}, destroyed{0};
    JoinHandle<int> h = rt.spawn(bodyCounter(&ran, RaiiCounter(&destroyed)));
    h.abort();
    rt.resume();
    EXPECT_TRUE(waitFor([&] { return h.isFinished(); }));
    EXPECT_TRUE(h.isCancelled());
    EXPECT_EQ(ran.load(), 0);
    EXPECT_EQ(destroyed.load(), 1);
    EXPECT_EQ(countOf(rec.events(), EventKind::PollStart, h.id()), 0u) << describe(rec.events());
}

TEST(JoinHandle, AbortAfterCompletionHasNoEffect) {
    Runtime rt(deterministic());
    std::atomic<int> ran{0}, destroyed{0};
    JoinHandle<int> h = rt.spawn(bodyCounter(&ran, RaiiCounter(&destroyed)));
    ASSERT_TRUE(waitFor([&] { return h.isFinished(); }));
    h.abort();
    EXPECT_FALSE(h.isCancelled());
    EXPECT_EQ(h.get(), 5);
    EXPECT_EQ(rt.stats().cancelled, 0u);
}

namespace {
Task<int> spinsUntilAborted(std::atomic<int>* phase, std::atomic<int>* destroyed,
                            std::atomic<int>* after) {
    RaiiCounter guard(destroyed);
    phase->store(1);
    while (phase->load() != 2) std::this_thread::yield();  // the test aborts us now
    co_await yieldNow();  // the first suspension point after the abort
    after->fetch_add(1);
    co_return 1;
}
}  // namespace

TEST(JoinHandle, AbortWhileRunningCancelsAtTheNextSuspension) {
    Recorder rec;
    Runtime rt(deterministic(), &rec);
    std::atomic<int> phase{0}, destroyed{0}, after{0};
    JoinHandle<int> h = rt.spawn(spinsUntilAborted(&phase, &destroyed, &after));
    ASSERT_TRUE(waitFor([&] { return phase.load() == 1; }));
    h.abort();
    EXPECT_FALSE(h.isFinished());  // still in its poll
    phase.store(2);
    ASSERT_TRUE(waitFor([&] { return h.isFinished(); }));
    EXPECT_TRUE(h.isCancelled());
    EXPECT_EQ(after.load(), 0);
    EXPECT_EQ(destroyed.load(), 1);
    EXPECT_EQ(countOf(rec.events(), EventKind::PollStart, h.id()), 1u) << describe(rec.events());
}

namespace {
Task<int> joinsAnother(JoinHandle<int> other, std::atomic<int>* destroyed) {
    RaiiCounter guard(destroyed);
    co_return co_await other;
}
Task<std::string> abortTheJoiner(std::atomic<int>* destroyed) {
    JoinHandle<int> inner = spawn(valueAfter(5ms, 77));
    TaskId innerId = inner.id();
    JoinHandle<int> joiner = spawn(joinsAnother(std::move(inner), destroyed));
    co_await sleep(1ms);
    joiner.abort();
    try {
        co_await joiner;
        co_return "joiner finished";
    } catch (const Cancelled&) {}
    co_await sleep(10ms);  // the inner task completes with nobody joining it
    co_return "ok:" + std::to_string(innerId);
}
}  // namespace

TEST(JoinHandle, AbortingAJoinerDoesNotDisturbTheJoinedTask) {
    Recorder rec;
    Runtime rt(deterministic(), &rec);
    std::atomic<int> destroyed{0};
    std::string r = rt.blockOn(abortTheJoiner(&destroyed));
    ASSERT_EQ(r.rfind("ok:", 0), 0u) << r;
    TaskId innerId = std::stoull(r.substr(3));
    EXPECT_EQ(destroyed.load(), 1);
    EXPECT_EQ(countOf(rec.events(), EventKind::Complete, innerId), 1u);
    ASSERT_TRUE(settle(rt));
    auto st = rt.stats();
    EXPECT_EQ(st.cancelled, 1u);
    EXPECT_EQ(st.completed, 2u);  // inner + driver
}

namespace {
Task<int> joinedChild(RaiiCounter /*frame*/) {
    co_await sleep(1ms);
    co_return 5;
}
// Owns the handle it awaits (a by-value parameter) past the await.
Task<int> joinerOwningTheHandle(JoinHandle<int> other, RaiiCounter /*frame*/) {
    int v = co_await other;
    co_return v + 1;
}
}  // namespace

TEST(JoinHandle, FinishedJoinerThatStillOwnsTheHandleIsFreed) {
    std::atomic<int> frames{0};
    {
        Runtime rt(deterministic());
        struct L {
            static Task<int> run(std::atomic<int>* f) {
                JoinHandle<int> child = spawn(joinedChild(RaiiCounter(f)));
                JoinHandle<int> joiner =
                    spawn(joinerOwningTheHandle(std::move(child), RaiiCounter(f)));
                co_return co_await joiner;
            }
        };
        EXPECT_EQ(rt.blockOn(L::run(&frames)), 6);
    }  // every handle and the runtime are gone
    // Regression: both frames once leaked (destructors never ran, memory never freed): the
    // joined task's header held a joinWaker reference on the joiner until the joined task was
    // freed, which needed the JoinHandle in the joiner's frame to be dropped, which only
    // happened when the joiner was freed -- a reference cycle.
    EXPECT_EQ(frames.load(), 2);
}

namespace {
Task<void> setsAfter(std::atomic<int>* flag, Duration d) {
    co_await sleep(d);
    flag->store(1);
}
Task<int> detachAndWait(std::atomic<int>* flag) {
    spawn(setsAfter(flag, 2ms)).detach();
    JoinHandle<void> dropped = spawn(setsAfter(flag + 1, 3ms));
    { JoinHandle<void> gone = std::move(dropped); }
    co_await sleep(5ms);
    co_return flag[0].load() + flag[1].load();
}
}  // namespace

TEST(JoinHandle, DetachedAndDroppedHandlesLetTheTaskRunOn) {
    Runtime rt(deterministic());
    std::atomic<int> flags[2] = {0, 0};
    EXPECT_EQ(rt.blockOn(detachAndWait(flags)), 2);
}

// ------------------------------------------------ wake while running -------

namespace {
// A leaf that is ready from its `readyFrom`-th poll on (the first poll is
// the one in await_suspend), and counts its polls.
struct CountingLeaf final : detail::Pollable {
    CountingLeaf(int from, std::atomic<int>* p, std::function<void()> f = {})
        : readyFrom(from), polls(p), onFirstPoll(std::move(f)) {}
    int readyFrom;
    std::atomic<int>* polls;
    std::function<void()> onFirstPoll;
    bool await_ready() const noexcept { return false; }
    bool await_suspend(std::coroutine_handle<> h) noexcept {
        if (poll()) return false;
        detail::suspendCurrent(h, this);
        return true;
    }
    bool poll() noexcept override {
        int n = polls->fetch_add(1) + 1;
        if (n == 1 && onFirstPoll) onFirstPoll();
        return n >= readyFrom;
    }
    void await_resume() const noexcept {}
};

Task<int> wakesItself(std::atomic<int>* leafPolls, int wakes) {
    Waker self = Waker::current();
    if (!self.valid() || self.taskId() != currentTaskId()) co_return -1;
    for (int i = 0; i < wakes; ++i) self.wakeByRef();
    co_await CountingLeaf{2, leafPolls, {}};
    co_return leafPolls->load();
}
}  // namespace

TEST(Waker, SelfWakeDuringPollIsPolledAgainExactlyOnce) {
    for (int wakes : {1, 3}) {
        Recorder rec;
        Runtime rt(deterministic(), &rec);
        std::atomic<int> leafPolls{0};
        JoinHandle<int> h = rt.spawn(wakesItself(&leafPolls, wakes));
        TaskId id = h.id();
        EXPECT_EQ(rt.blockOn(joinTask(std::move(h))), 2);
        auto ev = forTask(rec.events(), id);
        // The wakes during the poll are folded into one re-poll after it.
        EXPECT_EQ(countOf(ev, EventKind::PollStart), 2u) << describe(ev);
        std::vector<EventKind> kinds;
        for (const Event& e : ev)
            if (e.kind != EventKind::Wake) kinds.push_back(e.kind);
        const std::vector<EventKind> expected = {
            EventKind::Spawn,     EventKind::TaskFrame, EventKind::Schedule,
            EventKind::PollStart, EventKind::PollEnd,   EventKind::Schedule,
            EventKind::PollStart, EventKind::PollEnd,   EventKind::Complete};
        EXPECT_EQ(kinds, expected) << describe(ev);
        // Both polls found the frame where the spawn put it.
        const auto frame = ofKind(ev, EventKind::TaskFrame);
        ASSERT_EQ(frame.size(), 1u);
        EXPECT_GT(frame[0].arg, 0u);  // its size in bytes
        for (const Event& e : ofKind(ev, EventKind::PollStart)) EXPECT_EQ(e.arg2, frame[0].arg2);
        EXPECT_EQ(countOf(ev, EventKind::Wake), static_cast<std::size_t>(wakes));
        // The re-poll goes to the back of the local queue (a wake while running).
        auto sch = ofKind(ev, EventKind::Schedule);
        ASSERT_EQ(sch.size(), 2u);
        EXPECT_EQ(sch[1].sub, static_cast<std::uint8_t>(QueueKind::Local));
    }
}

namespace {
Task<int> wokenByThreadDuringPoll(std::atomic<int>* leafPolls, std::function<void()> onFirst) {
    co_await CountingLeaf{2, leafPolls, std::move(onFirst)};
    co_return leafPolls->load();
}
}  // namespace

TEST(Waker, WakeFromAnotherThreadDuringPollIsNotLost) {
    for (unsigned workers : {1u, 2u}) {
        Recorder rec;
        Runtime rt(workers == 1 ? deterministic() : realClock(2), &rec);
        std::atomic<int> leafPolls{0};
        std::atomic<int> phase{0};
        Waker stored;
        std::thread other([&] {
            while (phase.load() != 1) std::this_thread::yield();
            stored.wakeByRef();  // the task is RUNNING right now
            phase.store(2);
        });
        // The leaf has just answered "pending"; the poll is not over yet.
        auto onFirst = [&] {
            stored = Waker::current();
            phase.store(1);
            while (phase.load() != 2) std::this_thread::yield();
        };
        JoinHandle<int> h = rt.spawn(wokenByThreadDuringPoll(&leafPolls, onFirst));
        TaskId id = h.id();
        bool done = waitFor([&] { return h.isFinished(); });
        other.join();
        ASSERT_TRUE(done) << "lost wake-up: the task was never polled again";
        EXPECT_EQ(h.get(), 2);
        auto ev = forTask(rec.events(), id);
        EXPECT_EQ(countOf(ev, EventKind::PollStart), 2u) << describe(ev);
        auto wakes = ofKind(ev, EventKind::Wake);
        ASSERT_EQ(wakes.size(), 1u);
        EXPECT_EQ(wakes[0].sub, static_cast<std::uint8_t>(WakeSource::External));
        EXPECT_EQ(wakes[0].arg, 0u);  // not woken by a task
        stored = Waker();
    }
}

namespace {
struct WakeMany {
    Waker target;
    std::atomic<int> leafPolls{0};
};
Task<int> waitsOnLeaf(WakeMany* w) {
    w->target = Waker::current();
    co_await CountingLeaf{2, &w->leafPolls, {}};
    co_return 1;
}
Task<int> wakesFiveTimes(WakeMany* w) {
    JoinHandle<int> h = spawn(waitsOnLeaf(w));
    co_await sleep(1ms);  // it is idle, parked on its leaf
    for (int i = 0; i < 5; ++i) w->target.wakeByRef();
    co_return co_await h;
}
}  // namespace

TEST(Waker, ManyWakesOfAnIdleTaskScheduleOnePoll) {
    Recorder rec;
    Runtime rt(deterministic(), &rec);
    WakeMany w;
    EXPECT_EQ(rt.blockOn(wakesFiveTimes(&w)), 1);
    TaskId id = w.target.taskId();
    auto ev = forTask(rec.events(), id);
    EXPECT_EQ(countOf(ev, EventKind::PollStart), 2u) << describe(ev);
    EXPECT_EQ(countOf(ev, EventKind::Wake), 5u);
    EXPECT_EQ(countOf(ev, EventKind::Schedule), 2u);  // spawn + one wake
    EXPECT_EQ(w.leafPolls.load(), 2);
    // Waking a finished task does nothing (the Waker still keeps it alive).
    w.target.wakeByRef();
    Waker copy = w.target;
    copy.wake();
    EXPECT_FALSE(copy.valid());
    std::this_thread::sleep_for(10ms);
    ev = forTask(rec.events(), id);
    EXPECT_EQ(countOf(ev, EventKind::PollStart), 2u);
    EXPECT_EQ(countOf(ev, EventKind::Schedule), 2u);
    w.target = Waker();
}

TEST(Waker, CurrentIsEmptyOutsideATask) {
    Waker w = Waker::current();
    EXPECT_FALSE(w.valid());
    EXPECT_EQ(w.taskId(), 0u);
    EXPECT_EQ(currentTaskId(), 0u);
    w.wakeByRef();  // harmless
}
