// Event sequences under the deterministic runtime, checked against the
// vocabulary documented in event.hpp.
#include "helpers.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include <set>

using namespace asyncscope;
using namespace asyncscope::test;

namespace {

struct K {
    EventKind kind;
    int sub = -1;  // -1: don't care
};
bool operator==(const Event& e, const K& k) {
    return e.kind == k.kind && (k.sub < 0 || e.sub == static_cast<std::uint8_t>(k.sub));
}
// The lifecycle vocabulary the golden sequences are written in; purely
// informational kinds (JoinWait, NotifyWait, Park, ...) are left out so that
// adding such events does not change the golden sequences.
std::vector<Event> lifecycle(const std::vector<Event>& ev) {
    static const std::set<EventKind> keep = {
        EventKind::Spawn,  EventKind::Schedule,      EventKind::PollStart, EventKind::PollEnd,
        EventKind::Wake,   EventKind::TimerRegister, EventKind::TimerFire, EventKind::TimerCancel,
        EventKind::Cancel, EventKind::Complete,      EventKind::Error};
    std::vector<Event> out;
    for (const Event& e : ev)
        if (keep.count(e.kind)) out.push_back(e);
    return out;
}
void expectSequence(const std::vector<Event>& ev, const std::vector<K>& expected) {
    ASSERT_EQ(ev.size(), expected.size()) << describe(ev);
    for (std::size_t i = 0; i < ev.size(); ++i)
        EXPECT_TRUE(ev[i] == expected[i]) << "event #" << i << " differs:\n" << describe(ev);
}
constexpr int q(QueueKind k) {
    return static_cast<int>(k);
}
constexpr int r(PollResult k) {
    return static_cast<int>(k);
}
constexpr int w(WakeSource k) {
    return static_cast<int>(k);
}

Task<void> sleepsOneMs() {
    co_await sleep(1ms);
}

}  // namespace

TEST(Events, GoldenSequenceOfASleepingTask) {
    Recorder rec;
    Runtime rt(deterministic(), &rec);
    JoinHandle<void> h = rt.spawn(sleepsOneMs(), "A");
    ASSERT_TRUE(waitFor([&] { return h.isFinished(); }));
    auto ev = lifecycle(forTask(rec.events(), h.id()));
    expectSequence(ev, {{EventKind::Spawn},
                        {EventKind::Schedule, q(QueueKind::Global)},
                        {EventKind::PollStart},
                        {EventKind::TimerRegister},
                        {EventKind::PollEnd, r(PollResult::Pending)},
                        {EventKind::TimerFire},
                        {EventKind::Wake, w(WakeSource::Timer)},
                        // woken on the worker (by its timer processing): LIFO slot
                        {EventKind::Schedule, q(QueueKind::LifoSlot)},
                        {EventKind::PollStart},
                        {EventKind::PollEnd, r(PollResult::Ready)},
                        {EventKind::Complete}});
    if (HasFailure()) return;
    EXPECT_EQ(ev[0].arg, 0u);  // spawned from outside
    EXPECT_EQ(rec.texts(EventKind::Spawn).at(0), "A");
    EXPECT_EQ(ev[0].worker, kNoWorker);
    EXPECT_EQ(ev[1].worker, kNoWorker);
    EXPECT_EQ(ev[2].worker, 0u);
    EXPECT_EQ(ev[3].arg, 1'000'000u);  // deadline, runtime ns
    EXPECT_EQ(ev[3].time, 0u);
    EXPECT_EQ(ev[5].arg, 1'000'000u);
    EXPECT_EQ(ev[5].time, 1'000'000u);
    EXPECT_EQ(ev[6].arg, 0u);  // no task woke it
    for (std::size_t i = 5; i < ev.size(); ++i) EXPECT_EQ(ev[i].time, 1'000'000u);
}

namespace {
Task<int> child() {
    co_await sleep(1ms);
    co_return 3;
}
Task<int> parent(TaskId* childId) {
    JoinHandle<int> h = spawn(child(), "child");
    *childId = h.id();
    co_return co_await h;
}
}  // namespace

TEST(Events, GoldenSequenceOfAJoin) {
    Recorder rec;
    Runtime rt(deterministic(), &rec);
    TaskId childId = 0;
    JoinHandle<int> ph = rt.spawn(parent(&childId), "parent");
    ASSERT_TRUE(waitFor([&] { return ph.isFinished(); }));
    EXPECT_EQ(ph.get(), 3);
    auto all = lifecycle(rec.events());
    // Interleaving of both tasks, in order.
    expectSequence(all, {{EventKind::Spawn},                             // parent
                         {EventKind::Schedule, q(QueueKind::Global)},    // parent
                         {EventKind::PollStart},                         // parent
                         {EventKind::Spawn},                             // child
                         {EventKind::Schedule, q(QueueKind::LifoSlot)},  // child
                         {EventKind::PollEnd, r(PollResult::Pending)},   // parent
                         {EventKind::PollStart},                         // child
                         {EventKind::TimerRegister},                     // child
                         {EventKind::PollEnd, r(PollResult::Pending)},   // child
                         {EventKind::TimerFire},                         // child
                         {EventKind::Wake, w(WakeSource::Timer)},        // child
                         {EventKind::Schedule, q(QueueKind::LifoSlot)},  // child
                         {EventKind::PollStart},                         // child
                         {EventKind::PollEnd, r(PollResult::Ready)},     // child
                         {EventKind::Complete},                          // child
                         {EventKind::Wake, w(WakeSource::Join)},         // parent
                         {EventKind::Schedule, q(QueueKind::LifoSlot)},  // parent
                         {EventKind::PollStart},                         // parent
                         {EventKind::PollEnd, r(PollResult::Ready)},     // parent
                         {EventKind::Complete}});                        // parent
    if (HasFailure()) return;
    const TaskId p = ph.id();
    const std::vector<TaskId> who = {p,       p,       p,       childId, childId, p,       childId,
                                     childId, childId, childId, childId, childId, childId, childId,
                                     childId, p,       p,       p,       p,       p};
    for (std::size_t i = 0; i < who.size(); ++i) EXPECT_EQ(all[i].task, who[i]) << "event #" << i;
    EXPECT_EQ(all[3].arg, p);  // Spawn: arg = parent task id
    auto names = rec.texts(EventKind::Spawn);
    EXPECT_EQ(names, (std::vector<std::string>{"parent", "child"}));
}

TEST(Events, JoinWakeNamesTheCompletingTask) {
    Recorder rec;
    Runtime rt(deterministic(), &rec);
    TaskId childId = 0;
    JoinHandle<int> ph = rt.spawn(parent(&childId));
    ASSERT_TRUE(waitFor([&] { return ph.isFinished(); }));
    auto wakes = ofKind(forTask(rec.events(), ph.id()), EventKind::Wake);
    ASSERT_EQ(wakes.size(), 1u);
    EXPECT_EQ(wakes[0].sub, w(WakeSource::Join));
    // Regression: Wake(Join) once carried another arg than the completing task's id
    // (event.hpp: Wake arg = waker task id; completeTask ran after t_context.task was cleared).
    EXPECT_EQ(wakes[0].arg, childId);
}

// ------------------------------------------------------------ channels ----

namespace {
Task<std::vector<std::uint64_t>> trySendsThree(std::uint64_t* chanId) {
    auto [tx, rx] = channel<int>(4);
    *chanId = tx.id();
    for (int i = 0; i < 3; ++i)
        if (!tx.trySend(i)) co_return {};
    std::vector<std::uint64_t> got;
    for (int i = 0; i < 3; ++i) {
        auto v = co_await rx.recv();
        got.push_back(v ? static_cast<std::uint64_t>(*v) : 99);
    }
    co_return got;
}
Task<std::vector<std::uint64_t>> sendsThree() {
    auto [tx, rx] = channel<int>(4);
    for (int i = 0; i < 3; ++i)
        if (!co_await tx.send(i)) co_return {};
    std::vector<std::uint64_t> got;
    for (int i = 0; i < 3; ++i) {
        auto v = co_await rx.recv();
        got.push_back(v ? static_cast<std::uint64_t>(*v) : 99);
    }
    co_return got;
}
}  // namespace

TEST(Events, ChannelSendAndRecvReportBufferedCount) {
    Recorder rec;
    Runtime rt(deterministic(), &rec);
    EXPECT_EQ(rt.blockOn(sendsThree()), (std::vector<std::uint64_t>{0, 1, 2}));
    auto sends = rec.of(EventKind::ChanSend);
    auto recvs = rec.of(EventKind::ChanRecv);
    ASSERT_EQ(sends.size(), 3u);
    ASSERT_EQ(recvs.size(), 3u);
    for (std::size_t i = 0; i < 3; ++i) {
        EXPECT_EQ(sends[i].arg2, i + 1);  // buffered count after the send
        EXPECT_EQ(recvs[i].arg2, 2 - i);  // buffered count after the receive
        EXPECT_EQ(sends[i].arg, recvs[i].arg);
    }
}

TEST(Events, TrySendReportsBufferedCount) {
    Recorder rec;
    Runtime rt(deterministic(), &rec);
    std::uint64_t id = 0;
    EXPECT_EQ(rt.blockOn(trySendsThree(&id)), (std::vector<std::uint64_t>{0, 1, 2}));
    auto sends = rec.of(EventKind::ChanSend);
    ASSERT_EQ(sends.size(), 3u);
    std::vector<std::uint64_t> depths;
    for (const Event& e : sends) {
        EXPECT_EQ(e.arg, id);
        depths.push_back(e.arg2);
    }
    // Regression: Sender::trySend once emitted ChanSend with another arg2 than the buffered
    // count after the send, contradicting event.hpp.
    EXPECT_EQ(depths, (std::vector<std::uint64_t>{1, 2, 3}));
}

namespace {
Task<int> tryRecvs() {
    auto [tx, rx] = channel<int>(4);
    (void)co_await tx.send(5);
    (void)co_await tx.send(6);
    auto a = rx.tryRecv();
    auto b = rx.tryRecv();
    auto c = rx.tryRecv();
    co_return (a ? *a : 0) * 100 + (b ? *b : 0) * 10 + (c ? 1 : 0);
}
}  // namespace

TEST(Events, TryRecvEmitsChanRecv) {
    Recorder rec;
    Runtime rt(deterministic(), &rec);
    EXPECT_EQ(rt.blockOn(tryRecvs()), 560);
    auto recvs = rec.of(EventKind::ChanRecv);
    // Regression: Receiver::tryRecv once took values without emitting ChanRecv (recv() emits
    // one per value; the event vocabulary promises every observable transition).
    ASSERT_EQ(recvs.size(), 2u);
    EXPECT_EQ(recvs[0].arg2, 1u);
    EXPECT_EQ(recvs[1].arg2, 0u);
}

// --------------------------------------------------------------- mutex ----

namespace {
Task<void> holdsThenReleases(Mutex* m, Duration d) {
    auto g = co_await m->lock();
    co_await sleep(d);
}
Task<void> justLocks(Mutex* m) {
    auto g = co_await m->lock();
}
Task<std::vector<TaskId>> mutexScenario(Mutex* m) {
    JoinHandle<void> a = spawn(holdsThenReleases(m, 2ms));
    co_await sleep(1ms);
    JoinHandle<void> b = spawn(justLocks(m));
    co_await a;
    co_await b;
    co_return std::vector<TaskId>{a.id(), b.id()};
}
}  // namespace

TEST(Events, MutexHandOffEvents) {
    Recorder rec;
    Runtime rt(deterministic(), &rec);
    Mutex m("m");
    auto ids = rt.blockOn(mutexScenario(&m));
    const TaskId a = ids[0], b = ids[1];
    std::vector<Event> lock;
    for (const Event& e : rec.events())
        if (e.kind == EventKind::LockAcquire || e.kind == EventKind::LockContend ||
            e.kind == EventKind::LockRelease)
            lock.push_back(e);
    expectSequence(lock, {{EventKind::LockAcquire},
                          {EventKind::LockContend},
                          {EventKind::LockRelease},
                          {EventKind::LockAcquire},
                          {EventKind::LockRelease}});
    if (HasFailure()) return;
    for (const Event& e : lock) {
        EXPECT_EQ(e.arg, m.id());
        EXPECT_EQ(e.sub, static_cast<std::uint8_t>(LockKind::AsyncMutex));
    }
    EXPECT_EQ(lock[0].task, a);
    EXPECT_EQ(lock[1].task, b);
    EXPECT_EQ(lock[1].time, 1'000'000u);
    EXPECT_EQ(lock[2].task, a);
    EXPECT_EQ(lock[2].arg2, b);  // handed directly to b
    EXPECT_EQ(lock[2].time, 2'000'000u);
    EXPECT_EQ(lock[3].task, b);
    EXPECT_EQ(lock[3].time, 2'000'000u);
    EXPECT_EQ(lock[4].task, b);
    EXPECT_EQ(lock[4].arg2, 0u);  // nobody waiting
    auto wakes = ofKind(forTask(rec.events(), b), EventKind::Wake);
    ASSERT_EQ(wakes.size(), 1u);
    EXPECT_EQ(wakes[0].sub, w(WakeSource::Mutex));
    EXPECT_EQ(wakes[0].arg, a);
}

// -------------------------------------------------------------- cancel ----

namespace {
Task<void> sleepsLong() {
    co_await sleep(1h);
}
Task<std::vector<TaskId>> abortsAnother() {
    JoinHandle<void> v = spawn(sleepsLong());
    co_await sleep(1ms);
    v.abort();
    try {
        co_await v;
    } catch (const Cancelled&) {}
    co_return std::vector<TaskId>{v.id(), currentTaskId()};
}
}  // namespace

TEST(Events, CancelSequence) {
    Recorder rec;
    Runtime rt(deterministic(), &rec);
    auto ids = rt.blockOn(abortsAnother());
    auto ev = lifecycle(forTask(rec.events(), ids[0]));
    expectSequence(ev, {{EventKind::Spawn},
                        {EventKind::Schedule, q(QueueKind::LifoSlot)},
                        {EventKind::PollStart},
                        {EventKind::TimerRegister},
                        {EventKind::PollEnd, r(PollResult::Pending)},
                        {EventKind::Cancel, 0},  // the request
                        {EventKind::Wake, w(WakeSource::Cancel)},
                        {EventKind::Schedule, q(QueueKind::LifoSlot)},
                        {EventKind::Cancel, 1},  // the cancellation itself
                        {EventKind::TimerCancel},
                        {EventKind::PollEnd, r(PollResult::Cancelled)}});
    if (HasFailure()) return;
    EXPECT_EQ(ev[5].arg, ids[1]);  // asked for by the driver
    EXPECT_EQ(ev[6].arg, ids[1]);
    EXPECT_EQ(ev[9].arg, 3'600'000'000'000u);
    EXPECT_EQ(countOf(rec.events(), EventKind::Complete, ids[0]), 0u);
}

// --------------------------------------------------------------- steps ----

namespace {
Task<void> stepped() {
    enterStep(1);
    co_await sleep(1ms);
    enterStep(2);
    co_await sleep(1ms);
    enterStep(3);
}
}  // namespace

TEST(Events, StepEnterAndAwaitPoints) {
    Recorder rec;
    Runtime rt(deterministic(), &rec);
    JoinHandle<void> h = rt.spawn(stepped());
    ASSERT_TRUE(waitFor([&] { return h.isFinished(); }));
    auto ev = forTask(rec.events(), h.id());
    auto steps = ofKind(ev, EventKind::StepEnter);
    ASSERT_EQ(steps.size(), 3u);
    for (std::uint64_t i = 0; i < 3; ++i) EXPECT_EQ(steps[i].arg, i + 1);
    auto starts = ofKind(ev, EventKind::PollStart);
    auto ends = ofKind(ev, EventKind::PollEnd);
    ASSERT_EQ(starts.size(), 3u);
    ASSERT_EQ(ends.size(), 3u);
    // PollStart: the await point the task was suspended at; PollEnd: where it is now.
    EXPECT_EQ(starts[0].arg, 0u);
    EXPECT_EQ(ends[0].arg, 1u);
    EXPECT_EQ(starts[1].arg, 1u);
    EXPECT_EQ(ends[1].arg, 2u);
    EXPECT_EQ(starts[2].arg, 2u);
    EXPECT_EQ(ends[2].arg, 3u);
}

// ------------------------------------------------------------ blocking ----

namespace {
// The job takes 50 ms of real time, so the awaiting task has certainly
// suspended and registered its waker before the job completes: the wake is
// then part of the sequence (a job finishing first would need no wake).
Task<int> usesBlocking() {
    co_return co_await spawnBlocking([] {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        return 4;
    });
}
}  // namespace

TEST(Events, BlockingJobEvents) {
    Recorder rec;
    Runtime rt(deterministic(), &rec);
    JoinHandle<int> h = rt.spawn(usesBlocking());
    ASSERT_TRUE(waitFor([&] { return h.isFinished(); }));
    EXPECT_EQ(h.get(), 4);
    // BlockingEnd follows the job's completion, which may wake the task first.
    ASSERT_TRUE(waitFor([&] { return rec.of(EventKind::BlockingEnd).size() == 1; }));
    auto starts = rec.of(EventKind::BlockingStart);
    auto ends = rec.of(EventKind::BlockingEnd);
    ASSERT_EQ(starts.size(), 1u);
    ASSERT_EQ(ends.size(), 1u);
    EXPECT_EQ(starts[0].arg, h.id());  // the task that awaits it
    EXPECT_EQ(starts[0].task, ends[0].task);
    EXPECT_NE(starts[0].task, 0u);
    EXPECT_GE(starts[0].worker, kBlockingThreadBase);
    EXPECT_EQ(starts[0].worker, ends[0].worker);
    auto threadStarts = rec.of(EventKind::BlockingThreadStart);
    ASSERT_EQ(threadStarts.size(), 1u);
    EXPECT_EQ(threadStarts[0].worker, starts[0].worker);
    // Woken by the blocking thread -- unless the job finished before the task
    // even suspended on it (then it completes in its first poll).
    auto ev = forTask(rec.events(), h.id());
    auto wakes = ofKind(ev, EventKind::Wake);
    if (wakes.empty()) {
        EXPECT_EQ(countOf(ev, EventKind::PollStart), 1u) << describe(ev);
    } else {
        ASSERT_EQ(wakes.size(), 1u);
        EXPECT_EQ(wakes[0].sub, w(WakeSource::Blocking));
        EXPECT_EQ(wakes[0].worker, starts[0].worker);
        EXPECT_EQ(countOf(ev, EventKind::PollStart), 2u) << describe(ev);
    }
}

TEST(Events, ToStringNamesEveryKind) {
    for (int k = 0; k < static_cast<int>(EventKind::Count); ++k)
        EXPECT_NE(toString(static_cast<EventKind>(k)), "?") << k;
    for (int k = 0; k < static_cast<int>(WakeSource::Count); ++k)
        EXPECT_NE(toString(static_cast<WakeSource>(k)), "?") << k;
    EXPECT_EQ(toString(QueueKind::LifoSlot), "lifo");
    EXPECT_EQ(toString(PollResult::Cancelled), "cancelled");
}
