// Strong ids in the trace's state: the id types do not convert into each
// other, a wait target answers only for its own kind, and the Reducer fills
// in the right kind of id for a join, a Notify and a spawn_blocking job.
#include <asyncscope/asyncscope.hpp>
#include <asyncscope/trace/ids.hpp>
#include <asyncscope/trace/recorder.hpp>
#include <asyncscope/trace/state.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <thread>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>

// Not `using namespace asyncscope`: its TaskId is the runtime's 64-bit number,
// trace::TaskId the recorded one.
namespace trace = asyncscope::trace;
using trace::JobId;
using trace::ResourceId;
using trace::TaskId;
using trace::WaitKind;
using trace::WaitTarget;
using trace::WorkerId;

// ------------------------------------------------------- compile time --

// Explicit from their number, never implicitly, and never from each other.
static_assert(std::is_constructible_v<TaskId, std::uint32_t>);
static_assert(!std::is_convertible_v<std::uint32_t, TaskId>);
static_assert(!std::is_convertible_v<TaskId, std::uint32_t>);
static_assert(!std::is_convertible_v<std::uint32_t, ResourceId>);
static_assert(!std::is_convertible_v<std::uint32_t, JobId>);
static_assert(!std::is_constructible_v<TaskId, ResourceId>);
static_assert(!std::is_constructible_v<TaskId, JobId>);
static_assert(!std::is_constructible_v<ResourceId, TaskId>);
static_assert(!std::is_constructible_v<ResourceId, JobId>);
static_assert(!std::is_constructible_v<JobId, TaskId>);
static_assert(!std::is_constructible_v<JobId, ResourceId>);
static_assert(!std::is_constructible_v<WorkerId, TaskId>);
static_assert(!std::is_constructible_v<trace::BlockingThreadId, WorkerId>);
static_assert(!std::is_same_v<TaskId, asyncscope::TaskId>);
static_assert(TaskId(7).value() == 7u && TaskId(3) < TaskId(7) && TaskId(7) == TaskId(7));
static_assert(trace::kNoTask == TaskId() && trace::kNoJob.value() == 0u);

// A wait target answers only for its own kind.
static_assert(WaitTarget().kind() == WaitKind::None);
static_assert(!WaitTarget().task() && !WaitTarget().resource() && !WaitTarget().job());
static_assert(WaitTarget::onTask(TaskId(3)).kind() == WaitKind::Join);
static_assert(*WaitTarget::onTask(TaskId(3)).task() == TaskId(3));
static_assert(!WaitTarget::onTask(TaskId(3)).resource());
static_assert(!WaitTarget::onTask(TaskId(3)).job());
static_assert(*WaitTarget::onResource(WaitKind::Mutex, ResourceId(3)).resource() == ResourceId(3));
static_assert(!WaitTarget::onResource(WaitKind::Mutex, ResourceId(3)).task());
static_assert(!WaitTarget::onResource(WaitKind::Notify, ResourceId(3)).job());
static_assert(*WaitTarget::onJob(JobId(3)).job() == JobId(3));
static_assert(!WaitTarget::onJob(JobId(3)).task() && !WaitTarget::onJob(JobId(3)).resource());
static_assert(WaitTarget::onTimer().kind() == WaitKind::Timer);
static_assert(!WaitTarget::onTimer().task() && !WaitTarget::onTimer().resource());
// The same number in two kinds is two different targets.
static_assert(WaitTarget::onTask(TaskId(3)) != WaitTarget::onJob(JobId(3)));
static_assert(WaitTarget::onResource(WaitKind::Mutex, ResourceId(3)) !=
              WaitTarget::onResource(WaitKind::Channel, ResourceId(3)));

namespace {

TEST(TraceIds, HashAndOrderForContainers) {
    std::unordered_set<TaskId> tasks{TaskId(1), TaskId(2), TaskId(1)};
    EXPECT_EQ(tasks.size(), 2u);
    EXPECT_TRUE(tasks.count(TaskId(2)));
    std::unordered_map<ResourceId, int> byResource{{ResourceId(5), 1}};
    EXPECT_EQ(byResource.at(ResourceId(5)), 1);
    EXPECT_EQ(std::hash<JobId>{}(JobId(9)), std::hash<std::uint32_t>{}(9u));
}

// ------------------------------------------------------------ run time --

asyncscope::RuntimeConfig virtualClock() {
    asyncscope::RuntimeConfig c;
    c.workers = 1;
    c.clock = asyncscope::ClockKind::Virtual;
    c.idleSpin = asyncscope::Duration(0);
    return c;
}

template <class Body>
trace::Trace record(Body&& body) {
    trace::Recorder rec;
    const asyncscope::RuntimeConfig cfg = virtualClock();
    rec.describe(cfg, ::testing::UnitTest::GetInstance()->current_test_info()->name());
    {
        asyncscope::Runtime rt(cfg, &rec);
        body(rt);
    }
    rec.stop();
    return rec.takeTrace();
}

// The state just after the first event of `kind` for which `pred` holds.
template <class Pred>
std::optional<trace::RuntimeState> stateAfter(const trace::Trace& t, asyncscope::EventKind kind,
                                              Pred pred) {
    trace::Reducer reducer(&t);
    trace::RuntimeState s;
    for (std::size_t i = 0; i < t.size(); ++i) {
        const trace::Record r = t.at(i);
        reducer.apply(s, r);
        if (r.kind == kind && pred(r)) return s;
    }
    return std::nullopt;
}

struct Joined {
    asyncscope::Notify never{"never"};
    asyncscope::TaskId parent = 0, child = 0;
};

asyncscope::Task<void> waitsForever(asyncscope::Notify* n) {
    co_await n->notified();
}

asyncscope::Task<void> joinsAChild(Joined* j) {
    auto h = asyncscope::spawn(waitsForever(&j->never), "child");
    j->child = h.id();
    co_await h;
}

TEST(TraceIds, AJoinWaitNamesATaskAndNoResource) {
    Joined j;
    const trace::Trace t = record([&](asyncscope::Runtime& rt) {
        auto h = rt.spawn(joinsAChild(&j), "parent");
        j.parent = h.id();
        h.detach();
        const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(5);
        while (!rt.quiescent() && std::chrono::steady_clock::now() < end)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        ASSERT_TRUE(rt.quiescent());
        rt.shutdown();
    });
    const TaskId parent(static_cast<std::uint32_t>(j.parent));
    const TaskId child(static_cast<std::uint32_t>(j.child));
    ASSERT_NE(child, trace::kNoTask);
    const auto s = stateAfter(t, asyncscope::EventKind::JoinWait,
                              [&](const trace::Record& r) { return r.task == parent.value(); });
    ASSERT_TRUE(s) << "no JoinWait of the parent";

    const trace::TaskInfo* p = s->task(parent);
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(p->waitTarget.kind(), WaitKind::Join);
    ASSERT_TRUE(p->waitTarget.task().has_value());
    EXPECT_EQ(*p->waitTarget.task(), child);
    EXPECT_FALSE(p->waitTarget.resource().has_value());
    EXPECT_FALSE(p->waitTarget.job().has_value());

    // The child (polled after the parent's join) waits on the Notify: a
    // resource, and no task; the parent still waits for it.
    const auto later = stateAfter(t, asyncscope::EventKind::NotifyWait,
                                  [&](const trace::Record& r) { return r.task == child.value(); });
    ASSERT_TRUE(later) << "no NotifyWait of the child";
    EXPECT_EQ(later->task(parent)->waitTarget, WaitTarget::onTask(child));
    const trace::TaskInfo* c = later->task(child);
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(c->waitTarget.kind(), WaitKind::Notify);
    EXPECT_EQ(c->waitTarget.resource(), ResourceId(static_cast<std::uint32_t>(j.never.id())));
    EXPECT_FALSE(c->waitTarget.task().has_value());
    EXPECT_EQ(c->parent, parent);
}

asyncscope::Task<int> awaitsAJob() {
    co_return co_await asyncscope::spawnBlocking([] {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
        return 1;
    });
}

asyncscope::Task<int> spawnsAWaiter(asyncscope::TaskId* id) {
    auto h = asyncscope::spawn(awaitsAJob(), "waiter");
    *id = h.id();
    co_return co_await h;
}

TEST(TraceIds, ABlockingWaitNamesAJobAndTheThreadItsTask) {
    asyncscope::TaskId id = 0;
    const trace::Trace t =
        record([&](asyncscope::Runtime& rt) { EXPECT_EQ(rt.blockOn(spawnsAWaiter(&id)), 1); });
    const TaskId waiter(static_cast<std::uint32_t>(id));
    // Submitted: the task waits on the job.
    const auto submitted =
        stateAfter(t, asyncscope::EventKind::Schedule, [&](const trace::Record& r) {
            return static_cast<asyncscope::QueueKind>(r.sub) == asyncscope::QueueKind::Blocking;
        });
    ASSERT_TRUE(submitted);
    const trace::TaskInfo* w = submitted->task(waiter);
    ASSERT_NE(w, nullptr);
    ASSERT_TRUE(w->waitTarget.job().has_value());
    EXPECT_NE(*w->waitTarget.job(), trace::kNoJob);
    EXPECT_FALSE(w->waitTarget.resource().has_value());
    EXPECT_FALSE(w->waitTarget.task().has_value());
    // Started: a blocking thread runs that job for that task.
    const auto started = stateAfter(t, asyncscope::EventKind::BlockingStart,
                                    [](const trace::Record&) { return true; });
    ASSERT_TRUE(started);
    bool found = false;
    for (const trace::BlockingThreadInfo& b : started->blocking)
        if (b.job == *w->waitTarget.job()) {
            found = true;
            EXPECT_EQ(b.awaiting, waiter);
        }
    EXPECT_TRUE(found);
}

}  // namespace

// The state knows each task's frame: its size and address from TaskFrame,
// and whether a poll ever found it elsewhere (a crafted record: the engine
// never moves a frame).
TEST(TraceIds, ATasksFrameIsKnownAndAMoveWouldShow) {
    trace::Trace t;
    trace::Reducer reducer(&t);
    trace::RuntimeState s;
    auto apply = [&](asyncscope::EventKind kind, std::uint32_t arg, std::uint32_t arg2) {
        trace::Record r;
        r.kind = kind;
        r.task = 1;
        r.worker = 0;
        r.arg = arg;
        r.arg2 = arg2;
        reducer.apply(s, r);
    };
    apply(asyncscope::EventKind::Spawn, 0, 0);
    apply(asyncscope::EventKind::TaskFrame, 192, 0xabc0);
    apply(asyncscope::EventKind::PollStart, 0, 0xabc0);
    const trace::TaskInfo* info = s.task(trace::TaskId(1));
    ASSERT_NE(info, nullptr);
    EXPECT_EQ(info->frameBytes, 192u);
    EXPECT_EQ(info->frameAddress, 0xabc0u);
    EXPECT_FALSE(info->frameMoved);
    apply(asyncscope::EventKind::PollEnd, 0, 0);
    apply(asyncscope::EventKind::PollStart, 0, 0xdef0);
    EXPECT_TRUE(s.task(trace::TaskId(1))->frameMoved);
}
