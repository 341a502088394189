// Chrome trace and CSV exporters on hand-built Traces (exact contents), on a
// recorded run (structure), and the checker's verdicts on broken traces.
#include <asyncscope/asyncscope.hpp>
#include <asyncscope/trace/export.hpp>
#include <asyncscope/trace/json_writer.hpp>
#include <asyncscope/trace/recorder.hpp>

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>
#include <sstream>

using namespace asyncscope;
using namespace asyncscope::trace;

namespace {

constexpr std::uint64_t kMs = 1'000'000;  // ns
constexpr std::uint16_t kW0 = 0, kW1 = 1, kBlocking0 = kBlockingFlag | 0;
// tid = thread code + 1 (see export.hpp).
constexpr std::int64_t kTidW0 = 1, kTidW1 = 2, kTidBlocking0 = 0x8001, kTidOutside = 0x10000,
                       kTidLifetimes = 0x10001;

// Appends records in time order, the way the recorder's collector does.
class TraceBuilder {
public:
    explicit TraceBuilder(unsigned workers = 2) {
        m_trace.info().workers = workers;
        m_trace.info().title = "hand-built";
    }
    TraceBuilder& add(std::uint64_t time, EventKind kind, std::uint32_t task, std::uint16_t worker,
                      std::uint32_t arg = 0, std::uint32_t arg2 = 0, std::uint8_t sub = 0) {
        m_trace.append(Record{time, task, arg, arg2, worker, kind, sub});
        return *this;
    }
    TraceBuilder& spawn(std::uint64_t time, std::uint32_t task, std::string_view name,
                        std::uint32_t parent = 0, std::uint16_t worker = kNoThread) {
        return add(time, EventKind::Spawn, task, worker, parent, m_trace.intern(name));
    }
    TraceBuilder& schedule(std::uint64_t time, std::uint32_t task, QueueKind q,
                           std::uint16_t worker = kNoThread) {
        return add(time, EventKind::Schedule, task, worker, 0, 0, static_cast<std::uint8_t>(q));
    }
    TraceBuilder& pollStart(std::uint64_t time, std::uint32_t task, std::uint16_t worker) {
        return add(time, EventKind::PollStart, task, worker);
    }
    TraceBuilder& pollEnd(std::uint64_t time, std::uint32_t task, std::uint16_t worker,
                          PollResult r, std::uint32_t awaitPoint = 0) {
        return add(time, EventKind::PollEnd, task, worker, awaitPoint, 0,
                   static_cast<std::uint8_t>(r));
    }
    TraceBuilder& wake(std::uint64_t time, std::uint32_t task, std::uint32_t waker,
                       std::uint16_t worker, WakeSource s) {
        return add(time, EventKind::Wake, task, worker, waker, 0, static_cast<std::uint8_t>(s));
    }
    TraceBuilder& error(std::uint64_t time, std::uint32_t task, std::uint16_t worker,
                        std::string_view message) {
        return add(time, EventKind::Error, task, worker, 0, m_trace.intern(message));
    }
    const Trace& trace() const { return m_trace; }

private:
    Trace m_trace;
};

// The parsed export plus lookups by phase, name and thread.
class Chrome {
public:
    explicit Chrome(const Trace& trace) {
        std::ostringstream os;
        writeChromeTrace(trace, os);
        m_json = os.str();
        std::string error;
        auto doc = parseJson(m_json, &error);
        EXPECT_TRUE(doc.has_value()) << error << "\n" << m_json;
        if (doc) m_doc = std::move(*doc);
    }
    const std::string& json() const { return m_json; }
    const JsonValue& doc() const { return m_doc; }
    std::vector<const JsonValue*> find(std::string_view ph, std::string_view name = {},
                                       std::string_view cat = {}) const {
        std::vector<const JsonValue*> r;
        for (const JsonValue& e : m_doc["traceEvents"].items())
            if (e["ph"].asString() == ph && (name.empty() || e["name"].asString() == name) &&
                (cat.empty() || e["cat"].asString() == cat))
                r.push_back(&e);
        return r;
    }
    const JsonValue& one(std::string_view ph, std::string_view name = {},
                         std::string_view cat = {}) const {
        static const JsonValue kNull;
        auto r = find(ph, name, cat);
        EXPECT_EQ(r.size(), 1u) << "ph " << ph << " name " << name << " cat " << cat << "\n"
                                << m_json;
        return r.empty() ? kNull : *r.front();
    }
    std::string threadName(std::int64_t tid) const {
        for (const JsonValue* m : find("M", "thread_name"))
            if ((*m)["tid"].asInteger() == tid) return (*m)["args"]["name"].asString();
        return "<none>";
    }

private:
    std::string m_json;
    JsonValue m_doc;
};

void expectValid(const Chrome& c) {
    ChromeTraceCheck check = checkChromeTrace(c.json());
    EXPECT_TRUE(check.ok) << check.problem << "\n" << c.json();
    EXPECT_TRUE(check.notes.empty()) << check.notes.front();  // every track named
    EXPECT_EQ(check.events, c.doc()["traceEvents"].size());
}

// A task A polled twice: pending on worker 0, then woken by a timer from
// worker 1 and polled to completion there.
TraceBuilder twoPolls() {
    TraceBuilder b;
    b.spawn(1 * kMs, 1, "A");
    b.schedule(1 * kMs, 1, QueueKind::Global);
    b.pollStart(2 * kMs, 1, kW0);
    b.pollEnd(5 * kMs, 1, kW0, PollResult::Pending, 3);
    b.add(8 * kMs, EventKind::TimerFire, 1, kW1);
    b.wake(8 * kMs, 1, 0, kW1, WakeSource::Timer);
    b.schedule(8 * kMs, 1, QueueKind::Local, kW1);
    b.pollStart(9 * kMs, 1, kW1);
    b.pollEnd(9 * kMs + 500'000, 1, kW1, PollResult::Ready, 4);
    b.add(9 * kMs + 500'000, EventKind::Complete, 1, kW1);
    return b;
}

}  // namespace

TEST(ChromeExport, TopLevelShapeAndTrackNames) {
    TraceBuilder b = twoPolls();
    b.add(9 * kMs + 600'000, EventKind::BlockingThreadStart, 0, kBlocking0);
    Chrome c(b.trace());
    expectValid(c);
    EXPECT_EQ(c.doc()["displayTimeUnit"].asString(), "ns");
    EXPECT_EQ(c.doc()["otherData"]["title"].asString(), "hand-built");
    EXPECT_EQ(c.doc()["otherData"]["workers"].asInteger(), 2);
    EXPECT_EQ(c.doc()["otherData"]["events"].asInteger(), 11);

    const JsonValue& process = c.one("M", "process_name");
    EXPECT_EQ(process["pid"].asInteger(), 1);
    EXPECT_EQ(process["args"]["name"].asString(), "AsyncScope runtime");
    EXPECT_EQ(c.threadName(kTidW0), "worker 0");
    EXPECT_EQ(c.threadName(kTidW1), "worker 1");
    EXPECT_EQ(c.threadName(kTidBlocking0), "blocking 0");
    EXPECT_EQ(c.threadName(kTidOutside), "runtime / outside");
    EXPECT_EQ(c.threadName(kTidLifetimes), "task lifetimes");

    // Sort order: workers, blocking threads, outside, task lifetimes.
    std::map<std::int64_t, std::int64_t> sortIndex;
    for (const JsonValue* m : c.find("M", "thread_sort_index"))
        sortIndex[(*m)["tid"].asInteger()] = (*m)["args"]["sort_index"].asInteger();
    ASSERT_EQ(sortIndex.size(), 5u);
    EXPECT_LT(sortIndex[kTidW0], sortIndex[kTidW1]);
    EXPECT_LT(sortIndex[kTidW1], sortIndex[kTidBlocking0]);
    EXPECT_LT(sortIndex[kTidBlocking0], sortIndex[kTidOutside]);
    EXPECT_LT(sortIndex[kTidOutside], sortIndex[kTidLifetimes]);
}

TEST(ChromeExport, PollsAreCompleteEventsOnTheirWorker) {
    Chrome c(twoPolls().trace());
    expectValid(c);
    auto polls = c.find("X", "A", "poll");
    ASSERT_EQ(polls.size(), 2u);
    const JsonValue& first = *polls[0];
    EXPECT_DOUBLE_EQ(first["ts"].asNumber(), 2000.0);  // microseconds
    EXPECT_DOUBLE_EQ(first["dur"].asNumber(), 3000.0);
    EXPECT_EQ(first["pid"].asInteger(), 1);
    EXPECT_EQ(first["tid"].asInteger(), kTidW0);
    EXPECT_EQ(first["args"]["task"].asInteger(), 1);
    EXPECT_EQ(first["args"]["result"].asString(), "pending");
    EXPECT_EQ(first["args"]["await_point"].asInteger(), 3);
    const JsonValue& second = *polls[1];
    EXPECT_DOUBLE_EQ(second["ts"].asNumber(), 9000.0);
    EXPECT_DOUBLE_EQ(second["dur"].asNumber(), 500.0);
    EXPECT_EQ(second["tid"].asInteger(), kTidW1);
    EXPECT_EQ(second["args"]["result"].asString(), "ready");
    EXPECT_EQ(second["args"]["await_point"].asInteger(), 4);
}

TEST(ChromeExport, TaskLifetimeIsAnAsyncSlice) {
    Chrome c(twoPolls().trace());
    const JsonValue& begin = c.one("b", "A", "task");
    const JsonValue& end = c.one("e", "A", "task");
    EXPECT_EQ(begin["id"].asInteger(), 1);
    EXPECT_EQ(end["id"].asInteger(), 1);
    EXPECT_DOUBLE_EQ(begin["ts"].asNumber(), 1000.0);
    EXPECT_DOUBLE_EQ(end["ts"].asNumber(), 9500.0);
    EXPECT_EQ(begin["args"]["parent"].asInteger(), 0);
    EXPECT_EQ(end["args"]["state"].asString(), "completed");
    // On a track of their own, not on a thread that happened to spawn or end them.
    EXPECT_EQ(begin["tid"].asInteger(), kTidLifetimes);
    EXPECT_EQ(end["tid"].asInteger(), kTidLifetimes);
}

// A task spawned by a task polled on a worker: its lifetime is still not
// that worker's (catapult files an async slice under its begin's thread).
TEST(ChromeExport, ALifetimeIsNeverFiledUnderTheSpawningWorker) {
    TraceBuilder b;
    b.spawn(0, 1, "parent");
    b.pollStart(1000, 1, kW0);
    b.spawn(1500, 2, "child", 1, kW0);
    b.pollEnd(2000, 1, kW0, PollResult::Ready);
    b.add(2000, EventKind::Complete, 1, kW0);
    Chrome c(b.trace());
    expectValid(c);
    const auto begins = c.find("b", {}, "task");
    ASSERT_EQ(begins.size(), 2u);
    for (const JsonValue* e : begins) EXPECT_EQ((*e)["tid"].asInteger(), kTidLifetimes);
    EXPECT_EQ(c.one("b", "child", "task")["args"]["parent"].asInteger(), 1);
    for (const JsonValue* e : c.find("e", {}, "task"))
        EXPECT_EQ((*e)["tid"].asInteger(), kTidLifetimes);
}

TEST(ChromeExport, WakeIsAFlowFromTheWakerToTheNextPoll) {
    Chrome c(twoPolls().trace());
    const JsonValue& s = c.one("s", "wake", "wake");
    const JsonValue& f = c.one("f", "wake", "wake");
    EXPECT_EQ(s["id"].asInteger(), f["id"].asInteger());
    EXPECT_DOUBLE_EQ(s["ts"].asNumber(), 8000.0);
    EXPECT_EQ(s["tid"].asInteger(), kTidW1);
    EXPECT_EQ(s["args"]["source"].asString(), "timer");
    EXPECT_EQ(s["args"]["task"].asInteger(), 1);
    EXPECT_DOUBLE_EQ(f["ts"].asNumber(), 9000.0);  // the second poll's start
    EXPECT_EQ(f["tid"].asInteger(), kTidW1);
    EXPECT_EQ(f["bp"].asString(), "e");
    // The flow's arguments once, at its start (catapult merges the two ends'
    // args and reports an arg_merge_error when both have them).
    EXPECT_TRUE(f["args"].isNull());
    // No poll was open on worker 1 at the wake: the worker was running its
    // timers, a slice from the fire to its next poll, and the arrow starts
    // in it.
    const JsonValue& timers = c.one("X", "timers", "scheduler");
    EXPECT_DOUBLE_EQ(timers["ts"].asNumber(), 8000.0);
    EXPECT_DOUBLE_EQ(timers["dur"].asNumber(), 1000.0);
    EXPECT_EQ(timers["tid"].asInteger(), kTidW1);
    EXPECT_EQ(timers["args"]["woken"].asInteger(), 1);
    EXPECT_EQ(timers["args"]["timers_fired"].asInteger(), 1);
    EXPECT_EQ(timers["args"]["stolen"].asInteger(), 0);
    // Nothing in the export is a zero-length slice made up for an arrow.
    for (const JsonValue* x : c.find("X")) EXPECT_GT((*x)["dur"].asNumber(), 0.0);
    // The timer fire is an instant on the same track.
    const JsonValue& fire = c.one("i", "timer fire");
    EXPECT_EQ(fire["s"].asString(), "t");
    EXPECT_EQ(fire["tid"].asInteger(), kTidW1);
}

TEST(ChromeExport, EventsAreSortedSoSlicesPrecedeTheirFlowsAtEqualTimes) {
    Chrome c(twoPolls().trace());
    const auto& items = c.doc()["traceEvents"].items();
    double last = -1;
    std::ptrdiff_t pollAt9 = -1, flowEndAt9 = -1, stintAt8 = -1, flowStartAt8 = -1;
    for (std::size_t i = 0; i < items.size(); ++i) {
        const JsonValue& e = items[i];
        if (e["ph"].asString() == "M") continue;
        EXPECT_GE(e["ts"].asNumber(), last) << "event " << i << " out of time order";
        last = e["ts"].asNumber();
        const auto idx = static_cast<std::ptrdiff_t>(i);
        if (e["ph"].asString() == "X" && e["cat"].asString() == "poll" &&
            e["ts"].asNumber() == 9000.0)
            pollAt9 = idx;
        if (e["ph"].asString() == "f") flowEndAt9 = idx;
        if (e["ph"].asString() == "X" && e["cat"].asString() == "scheduler") stintAt8 = idx;
        if (e["ph"].asString() == "s") flowStartAt8 = idx;
    }
    EXPECT_LT(pollAt9, flowEndAt9);
    EXPECT_LT(stintAt8, flowStartAt8);
}

TEST(ChromeExport, EqualTimestampsKeepTheCausalOrder) {
    // Under the virtual clock a whole instant shares one time: A's poll ends,
    // the timer wakes B on the same worker, B is polled -- all at t = 5 us.
    TraceBuilder b;
    b.spawn(0, 1, "A").spawn(0, 2, "B");
    b.pollStart(5000, 1, kW0).pollEnd(5000, 1, kW0, PollResult::Pending);
    b.wake(5000, 2, 0, kW0, WakeSource::Timer);
    b.pollStart(5000, 2, kW0).pollEnd(5000, 2, kW0, PollResult::Pending);
    Chrome c(b.trace());
    expectValid(c);
    std::vector<std::string> order;
    for (const JsonValue& e : c.doc()["traceEvents"].items()) {
        const std::string& ph = e["ph"].asString();
        if (ph == "X" || ph == "s" || ph == "f") order.push_back(ph + ":" + e["name"].asString());
    }
    // The arrow starts in the scheduler slice of that instant, after A and before B; it ends in B.
    EXPECT_EQ(order, (std::vector<std::string>{"X:A", "X:wake", "s:wake", "X:B", "f:wake"}));
}

TEST(ChromeExport, WakeInsideAPollNeedsNoAnchorAndManyWakesGiveManyFlows) {
    TraceBuilder b;
    b.spawn(0, 1, "waker").spawn(0, 2, "wakee");
    b.pollStart(1000, 2, kW0).pollEnd(2000, 2, kW0, PollResult::Pending);
    b.pollStart(3000, 1, kW1);
    b.wake(4000, 2, 1, kW1, WakeSource::Channel);
    b.wake(5000, 2, 1, kW1, WakeSource::Notify);
    b.pollEnd(6000, 1, kW1, PollResult::Pending);
    b.pollStart(7000, 2, kW0).pollEnd(8000, 2, kW0, PollResult::Pending);
    Chrome c(b.trace());
    expectValid(c);
    EXPECT_TRUE(c.find("X", {}, "scheduler").empty());
    auto starts = c.find("s", "wake");
    auto ends = c.find("f", "wake");
    ASSERT_EQ(starts.size(), 2u);
    ASSERT_EQ(ends.size(), 2u);
    std::set<std::int64_t> ids;
    for (const JsonValue* s : starts) {
        EXPECT_EQ((*s)["tid"].asInteger(), kTidW1);
        EXPECT_EQ((*s)["args"]["waker"].asInteger(), 1);
        ids.insert((*s)["id"].asInteger());
    }
    EXPECT_EQ(ids.size(), 2u);
    for (const JsonValue* f : ends) {
        EXPECT_DOUBLE_EQ((*f)["ts"].asNumber(), 7.0);
        EXPECT_EQ((*f)["tid"].asInteger(), kTidW0);
        EXPECT_EQ(ids.count((*f)["id"].asInteger()), 1u);
    }
    // Both tasks are still alive: their async slices end at the trace end.
    for (const JsonValue* e : c.find("e", {}, "task")) {
        EXPECT_DOUBLE_EQ((*e)["ts"].asNumber(), 8.0);
        EXPECT_EQ((*e)["args"]["state"].asString(), "alive at trace end");
    }
}

TEST(ChromeExport, WakeOfATaskNeverPolledAgainIsDropped) {
    TraceBuilder b;
    b.spawn(0, 1, "A").spawn(0, 2, "B");
    b.pollStart(1000, 1, kW0);
    b.wake(1500, 2, 1, kW0, WakeSource::Join);  // B never runs afterwards
    b.pollEnd(2000, 1, kW0, PollResult::Ready).add(2000, EventKind::Complete, 1, kW0);
    b.wake(2500, 1, 0, kNoThread, WakeSource::External);  // A already completed
    Chrome c(b.trace());
    expectValid(c);
    EXPECT_TRUE(c.find("s").empty());
    EXPECT_TRUE(c.find("f").empty());
    // The wake from outside still shows, as that instant's work there.
    const JsonValue& outside = c.one("X", "wake", "scheduler");
    EXPECT_EQ(outside["tid"].asInteger(), kTidOutside);
    EXPECT_EQ(outside["args"]["woken"].asInteger(), 1);
}

TEST(ChromeExport, OverlappingPollsAreClosedAndOpenOnesEndAtTheTraceEnd) {
    TraceBuilder b;
    b.spawn(0, 1, "A").spawn(0, 2, "B").spawn(0, 3, "C");
    b.pollStart(1000, 1, kW0);
    b.pollStart(2000, 2, kW0);  // A's PollEnd never came
    b.pollEnd(3000, 2, kW0, PollResult::Pending);
    b.pollEnd(3500, 1, kW0, PollResult::Pending);  // stale: nothing to close
    b.pollStart(4000, 3, kW1);
    b.add(6000, EventKind::Park, 0, kW0);
    Chrome c(b.trace());
    expectValid(c);
    const JsonValue& a = c.one("X", "A", "poll");
    EXPECT_DOUBLE_EQ(a["ts"].asNumber(), 1.0);
    EXPECT_DOUBLE_EQ(a["dur"].asNumber(), 1.0);
    EXPECT_EQ(a["args"]["result"].asString(), "interrupted");
    const JsonValue& bb = c.one("X", "B", "poll");
    EXPECT_DOUBLE_EQ(bb["ts"].asNumber(), 2.0);
    EXPECT_DOUBLE_EQ(bb["dur"].asNumber(), 1.0);
    EXPECT_EQ(bb["args"]["result"].asString(), "pending");
    const JsonValue& cc = c.one("X", "C", "poll");
    EXPECT_DOUBLE_EQ(cc["ts"].asNumber(), 4.0);
    EXPECT_DOUBLE_EQ(cc["dur"].asNumber(), 2.0);
    EXPECT_EQ(cc["args"]["result"].asString(), "unfinished");
}

TEST(ChromeExport, StealIsAnInstantAndAFlowToTheStolenTasksPoll) {
    TraceBuilder b;
    b.spawn(0, 1, "victim-task");
    b.schedule(0, 1, QueueKind::Local, kW0);
    b.add(1000, EventKind::Steal, 1, kW1, /*victim=*/0, /*count=*/1);
    b.pollStart(1200, 1, kW1).pollEnd(1700, 1, kW1, PollResult::Pending);
    Chrome c(b.trace());
    expectValid(c);
    const JsonValue& steal = c.one("i", "steal");
    EXPECT_DOUBLE_EQ(steal["ts"].asNumber(), 1.0);
    EXPECT_EQ(steal["tid"].asInteger(), kTidW1);
    EXPECT_EQ(steal["args"]["victim"].asInteger(), 0);
    EXPECT_EQ(steal["args"]["tasks"].asInteger(), 1);
    EXPECT_EQ(steal["args"]["task"].asInteger(), 1);
    const JsonValue& s = c.one("s", "steal", "steal");
    const JsonValue& f = c.one("f", "steal", "steal");
    EXPECT_EQ(s["id"].asInteger(), f["id"].asInteger());
    EXPECT_EQ(s["tid"].asInteger(), kTidW1);
    EXPECT_DOUBLE_EQ(s["ts"].asNumber(), 1.0);
    EXPECT_DOUBLE_EQ(f["ts"].asNumber(), 1.2);
    EXPECT_EQ(s["args"]["task"].asInteger(), 1);
    EXPECT_TRUE(f["args"].isNull());
    // The thief's stint in the scheduler, from the steal to its poll.
    const JsonValue& stint = c.one("X", "steal", "scheduler");
    EXPECT_EQ(stint["tid"].asInteger(), kTidW1);
    EXPECT_DOUBLE_EQ(stint["ts"].asNumber(), 1.0);
    EXPECT_DOUBLE_EQ(stint["dur"].asNumber(), 0.2);
    EXPECT_EQ(stint["args"]["stolen"].asInteger(), 1);
}

// Many wakes in one stint between polls are one slice, and it ends where
// the worker parks; a wake from outside the workers spans its instant only.
TEST(ChromeExport, WakesBetweenPollsShareOneSchedulerSliceThatEndsAtThePark) {
    TraceBuilder b;
    for (std::uint32_t t = 1; t <= 4; ++t) b.spawn(0, t, "t" + std::to_string(t));
    b.add(1000, EventKind::TimerFire, 1, kW0);
    b.wake(1000, 1, 0, kW0, WakeSource::Timer);
    b.add(1000, EventKind::TimerFire, 2, kW0);
    b.wake(1000, 2, 0, kW0, WakeSource::Timer);
    b.add(1400, EventKind::Park, 0, kW0);
    b.wake(2000, 3, 0, kNoThread, WakeSource::External);
    b.wake(2000, 4, 0, kNoThread, WakeSource::External);
    b.pollStart(3000, 1, kW1).pollEnd(3100, 1, kW1, PollResult::Ready);
    b.pollStart(3100, 2, kW1).pollEnd(3200, 2, kW1, PollResult::Ready);
    b.pollStart(3200, 3, kW1).pollEnd(3300, 3, kW1, PollResult::Ready);
    b.pollStart(3300, 4, kW1).pollEnd(3400, 4, kW1, PollResult::Ready);
    Chrome c(b.trace());
    expectValid(c);
    const auto stints = c.find("X", {}, "scheduler");
    ASSERT_EQ(stints.size(), 2u) << c.json();
    const JsonValue& timers = c.one("X", "timers", "scheduler");
    EXPECT_EQ(timers["tid"].asInteger(), kTidW0);
    EXPECT_DOUBLE_EQ(timers["dur"].asNumber(), 0.4);
    EXPECT_EQ(timers["args"]["woken"].asInteger(), 2);
    EXPECT_EQ(timers["args"]["timers_fired"].asInteger(), 2);
    const JsonValue& outside = c.one("X", "wake", "scheduler");
    EXPECT_EQ(outside["tid"].asInteger(), kTidOutside);
    EXPECT_DOUBLE_EQ(outside["ts"].asNumber(), 2.0);
    EXPECT_DOUBLE_EQ(outside["dur"].asNumber(), 0.0);
    EXPECT_EQ(outside["args"]["woken"].asInteger(), 2);
    EXPECT_EQ(c.find("s").size(), 4u);
    EXPECT_EQ(c.find("f").size(), 4u);
}

TEST(ChromeExport, CountersFollowTheQueues) {
    TraceBuilder b;
    b.spawn(0, 1, "A").spawn(0, 2, "B");
    b.schedule(1000, 1, QueueKind::Local, kW0);
    b.schedule(2000, 2, QueueKind::Global);
    b.pollStart(3000, 1, kW0).pollEnd(3500, 1, kW0, PollResult::Pending);
    b.pollStart(4000, 2, kW0).pollEnd(4500, 2, kW0, PollResult::Pending);
    b.add(5000, EventKind::BlockingStart, 9, kBlocking0, /*awaiting=*/2);
    b.add(7000, EventKind::BlockingEnd, 9, kBlocking0);
    Chrome c(b.trace());
    expectValid(c);
    auto series = [&](std::string_view name, std::string_view key) {
        std::vector<std::pair<double, std::int64_t>> r;
        for (const JsonValue* e : c.find("C", name)) {
            EXPECT_EQ((*e)["tid"].asInteger(), kTidOutside);
            r.emplace_back((*e)["ts"].asNumber(), (*e)["args"][key].asInteger());
        }
        return r;
    };
    using S = std::vector<std::pair<double, std::int64_t>>;
    EXPECT_EQ(series("worker 0 queue", "tasks"), (S{{0.0, 0}, {1.0, 1}, {3.0, 0}}));
    EXPECT_EQ(series("global queue", "tasks"), (S{{0.0, 0}, {2.0, 1}, {4.0, 0}}));
    EXPECT_EQ(series("blocking threads busy", "threads"), (S{{0.0, 0}, {5.0, 1}, {7.0, 0}}));
    // The job itself is a slice on the blocking thread's track.
    const JsonValue& job = c.one("X", "blocking job 9", "blocking");
    EXPECT_EQ(job["tid"].asInteger(), kTidBlocking0);
    EXPECT_DOUBLE_EQ(job["ts"].asNumber(), 5.0);
    EXPECT_DOUBLE_EQ(job["dur"].asNumber(), 2.0);
    EXPECT_EQ(job["args"]["task"].asInteger(), 2);
    EXPECT_EQ(c.threadName(kTidBlocking0), "blocking 0");
}

TEST(ChromeExport, CancelErrorAndTeardown) {
    TraceBuilder b;
    b.spawn(0, 1, "boss").spawn(0, 2, "victim").spawn(0, 3, "faulty");
    b.pollStart(1000, 2, kW1).pollEnd(1500, 2, kW1, PollResult::Pending);
    b.pollStart(2000, 1, kW0);
    b.add(2100, EventKind::Cancel, 2, kW0, /*by=*/1, 0, /*sub=*/0);
    b.wake(2100, 2, 1, kW0, WakeSource::Cancel);
    b.pollEnd(2500, 1, kW0, PollResult::Ready).add(2500, EventKind::Complete, 1, kW0);
    // The victim's frame is destroyed on worker 1 without a poll.
    b.add(3000, EventKind::Cancel, 2, kW1, 0, 0, /*sub=*/1);
    b.pollEnd(3400, 2, kW1, PollResult::Cancelled);
    b.pollStart(4000, 3, kW0).pollEnd(4200, 3, kW0, PollResult::Error);
    b.error(4200, 3, kW0, "boom: \"bad\"\n");
    Chrome c(b.trace());
    expectValid(c);

    const JsonValue& requested = c.one("i", "cancel requested");
    EXPECT_EQ(requested["args"]["task"].asInteger(), 2);
    EXPECT_EQ(requested["args"]["by"].asInteger(), 1);
    EXPECT_EQ(requested["tid"].asInteger(), kTidW0);
    const JsonValue& cancelled = c.one("i", "cancelled");
    EXPECT_DOUBLE_EQ(cancelled["ts"].asNumber(), 3.0);

    const JsonValue& teardown = c.one("X", "victim", "teardown");
    EXPECT_EQ(teardown["tid"].asInteger(), kTidW1);
    EXPECT_DOUBLE_EQ(teardown["ts"].asNumber(), 3.0);
    EXPECT_DOUBLE_EQ(teardown["dur"].asNumber(), 0.4);
    EXPECT_EQ(teardown["args"]["result"].asString(), "cancelled");
    // The cancelling wake lands on the teardown.
    const JsonValue& f = c.one("f", "wake");
    EXPECT_DOUBLE_EQ(f["ts"].asNumber(), 3.0);
    EXPECT_EQ(f["tid"].asInteger(), kTidW1);

    const JsonValue& err = c.one("i", "error");
    EXPECT_EQ(err["args"]["message"].asString(), "boom: \"bad\"\n");
    EXPECT_EQ(c.one("X", "faulty", "poll")["args"]["result"].asString(), "error");

    std::map<std::string, std::string> endState;
    for (const JsonValue* e : c.find("e", {}, "task"))
        endState[(*e)["name"].asString()] = (*e)["args"]["state"].asString();
    EXPECT_EQ(endState["boss"], "completed");
    EXPECT_EQ(endState["victim"], "cancelled");
    EXPECT_EQ(endState["faulty"], "failed");
}

TEST(ChromeExport, NamesAreEscaped) {
    const std::string nasty = "he said \"hi\"\\\n\x01 \xFF";
    TraceBuilder b;
    b.spawn(0, 1, nasty);
    b.pollStart(1000, 1, kW0).pollEnd(2000, 1, kW0, PollResult::Pending);
    Chrome c(b.trace());
    expectValid(c);
    auto polls = c.find("X", {}, "poll");
    ASSERT_EQ(polls.size(), 1u);
    EXPECT_EQ((*polls[0])["name"].asString(), "he said \"hi\"\\\n\x01 \xEF\xBF\xBD");
}

TEST(ChromeExport, EmptyTraceIsStillAValidFile) {
    Trace empty;
    Chrome c(empty);
    expectValid(c);
    EXPECT_EQ(c.threadName(kTidOutside), "runtime / outside");
    EXPECT_EQ(c.doc()["otherData"]["events"].asInteger(), 0);
}

namespace {

Task<int> sleepyLeaf(int k) {
    co_await sleep(std::chrono::microseconds(50 * (k % 4)));
    co_await yieldNow();
    co_return k;
}

Task<int> fanOut(int n) {
    std::vector<JoinHandle<int>> hs;
    for (int i = 0; i < n; ++i) hs.push_back(spawn(sleepyLeaf(i), "leaf"));
    int sum = 0;
    for (auto& h : hs) sum += co_await h;
    co_return sum;
}

}  // namespace

TEST(ChromeExport, RecordedRunPassesTheChecker) {
    Recorder rec;
    {
        RuntimeConfig cfg;
        cfg.workers = 2;
        Runtime rt(cfg, &rec);
        EXPECT_EQ(rt.blockOn(fanOut(16)), 120);
    }
    rec.stop();
    Trace trace = rec.takeTrace();
    ASSERT_FALSE(trace.empty());
    Chrome c(trace);
    expectValid(c);

    std::size_t pollStarts = 0, spawns = 0;
    for (std::size_t i = 0; i < trace.size(); ++i) {
        pollStarts += trace.at(i).kind == EventKind::PollStart;
        spawns += trace.at(i).kind == EventKind::Spawn;
    }
    EXPECT_EQ(c.find("X", {}, "poll").size(), pollStarts);
    EXPECT_EQ(c.find("b", {}, "task").size(), spawns);
    EXPECT_EQ(c.find("X", "leaf", "poll").size() >= 16 * 2, true);
    EXPECT_FALSE(c.find("s", "wake").empty());
}

TEST(ChromeExport, VirtualClockRunPassesTheChecker) {
    Recorder rec;
    {
        RuntimeConfig cfg;
        cfg.workers = 1;
        cfg.clock = ClockKind::Virtual;
        cfg.idleSpin = Duration(0);
        Runtime rt(cfg, &rec);
        EXPECT_EQ(rt.blockOn(fanOut(8)), 28);
    }
    rec.stop();
    Trace trace = rec.takeTrace();
    Chrome c(trace);
    expectValid(c);
    EXPECT_FALSE(c.find("X", "leaf", "poll").empty());
    EXPECT_EQ(c.find("s").size(), c.find("f").size());
}

TEST(ChromeExport, AnyRecordStreamGivesAValidTrace) {
    // Merged per-thread streams can be out of pattern (a PollEnd whose
    // PollStart is missing, wakes of unknown tasks, ...): whatever arrives,
    // the export must stay well-formed.
    const std::uint16_t threads[] = {kW0, kW1, 2, kBlocking0, kBlockingFlag | 1, kNoThread};
    const EventKind kinds[] = {
        EventKind::Spawn, EventKind::Schedule,      EventKind::PollStart,   EventKind::PollEnd,
        EventKind::Wake,  EventKind::Steal,         EventKind::Cancel,      EventKind::Complete,
        EventKind::Error, EventKind::BlockingStart, EventKind::BlockingEnd, EventKind::TimerFire,
        EventKind::Park};
    std::mt19937 rng(11);
    std::size_t flows = 0, slices = 0;
    for (int round = 0; round < 60; ++round) {
        TraceBuilder b(3);
        std::uint64_t t = 0;
        for (int i = 0; i < 400; ++i) {
            t += rng() % 3 == 0 ? 0 : rng() % 5000;  // many equal times, as under the virtual clock
            const EventKind k = kinds[rng() % std::size(kinds)];
            const std::uint32_t task = 1 + rng() % 8;
            const std::uint16_t thread = threads[rng() % std::size(threads)];
            if (k == EventKind::Spawn)
                b.spawn(t, task, "t" + std::to_string(task), rng() % 3, thread);
            else if (k == EventKind::Error)
                b.error(t, task, thread, "e");
            else
                b.add(t, k, task, thread, rng() % 3, rng() % 3,
                      static_cast<std::uint8_t>(rng() % 4));
        }
        std::ostringstream os;
        writeChromeTrace(b.trace(), os);
        ChromeTraceCheck check = checkChromeTrace(os.str());
        ASSERT_TRUE(check.ok) << "round " << round << ": " << check.problem;
        auto doc = parseJson(os.str());
        for (const JsonValue& e : (*doc)["traceEvents"].items()) {
            flows += e["ph"].asString() == "s";
            slices += e["ph"].asString() == "X";
        }
    }
    // The streams did exercise what the checker checks.
    EXPECT_GT(flows, 500u);
    EXPECT_GT(slices, 2000u);
}

// ------------------------------------------------------------------- CSV --

TEST(CsvExport, TaskSummary) {
    // twoPolls() plus a second task, spawned by A during its first poll and
    // never run.
    TraceBuilder b;
    b.spawn(1 * kMs, 1, "A");
    b.schedule(1 * kMs, 1, QueueKind::Global);
    b.pollStart(2 * kMs, 1, kW0);
    b.spawn(3 * kMs, 2, "x,\"y\"", 1, kW0);
    b.pollEnd(5 * kMs, 1, kW0, PollResult::Pending, 3);
    b.wake(8 * kMs, 1, 0, kW1, WakeSource::Timer);
    b.schedule(8 * kMs, 1, QueueKind::Local, kW1);
    b.pollStart(9 * kMs, 1, kW1);
    b.pollEnd(9 * kMs + 500'000, 1, kW1, PollResult::Ready, 4);
    b.add(9 * kMs + 500'000, EventKind::Complete, 1, kW1);
    std::ostringstream os;
    writeTaskCsv(b.trace(), os);
    EXPECT_EQ(os.str(),
              "id,name,parent,state,polls,busy_ms,scheduled_ms,idle_ms,wakes,self_wakes,spawned_ms,"
              "ended_ms\n"
              "1,A,0,completed,2,3.500,2.000,3.000,1,0,1.000,9.500\n"
              "2,\"x,\"\"y\"\"\",1,idle,0,0.000,0.000,6.500,0,0,3.000,\n");
}

TEST(CsvExport, WorkerSummary) {
    TraceBuilder b = twoPolls();
    b.add(9 * kMs + 500'000, EventKind::Steal, 7, kW1, 0, 3);
    std::ostringstream os;
    writeWorkerCsv(b.trace(), os);
    // Trace span 1 ms .. 9.5 ms: 3 / 8.5 and 0.5 / 8.5.
    EXPECT_EQ(os.str(),
              "worker,polls,busy_ms,utilisation,steals,stolen_tasks\n"
              "0,1,3.000,0.353,0,0\n"
              "1,1,0.500,0.059,1,3\n");
}

// -------------------------------------------------------------- checker --

namespace {

std::string withEvents(std::string events) {
    return R"({"traceEvents":[
{"name":"thread_name","ph":"M","pid":1,"tid":1,"args":{"name":"worker 0"}},
{"name":"thread_name","ph":"M","pid":1,"tid":2,"args":{"name":"worker 1"}})" +
           (events.empty() ? std::string() : ",\n" + events) + "]}";
}

ChromeTraceCheck expectRejected(const std::string& json,
                                std::initializer_list<std::string_view> mentions) {
    ChromeTraceCheck check = checkChromeTrace(json);
    EXPECT_FALSE(check.ok) << json;
    for (std::string_view m : mentions)
        EXPECT_NE(check.problem.find(m), std::string::npos)
            << "problem: " << check.problem << "\nmissing: " << m;
    return check;
}

}  // namespace

TEST(ChromeCheck, AcceptsNestedAndAdjacentSlices) {
    ChromeTraceCheck check = checkChromeTrace(withEvents(R"(
{"name":"outer","ph":"X","ts":0,"dur":10,"pid":1,"tid":1},
{"name":"inner","ph":"X","ts":2,"dur":3,"pid":1,"tid":1},
{"name":"inner2","ph":"X","ts":5,"dur":5,"pid":1,"tid":1},
{"name":"next","ph":"X","ts":10,"dur":1,"pid":1,"tid":1},
{"name":"zero","ph":"X","ts":11,"dur":0,"pid":1,"tid":1},
{"name":"other thread","ph":"X","ts":3,"dur":30,"pid":1,"tid":2},
{"name":"w","cat":"wake","ph":"s","id":7,"ts":3,"pid":1,"tid":1},
{"name":"w","cat":"wake","ph":"f","bp":"e","id":7,"ts":10,"pid":1,"tid":2},
{"name":"t","cat":"task","ph":"b","id":1,"ts":0,"pid":1,"tid":1},
{"name":"t","cat":"task","ph":"e","id":1,"ts":0,"pid":1,"tid":1})"));
    EXPECT_TRUE(check.ok) << check.problem;
    EXPECT_EQ(check.events, 12u);
}

TEST(ChromeCheck, RejectsOverlappingSlices) {
    expectRejected(withEvents(R"(
{"name":"first","ph":"X","ts":0,"dur":10,"pid":1,"tid":1},
{"name":"second","ph":"X","ts":5,"dur":10,"pid":1,"tid":1})"),
                   {"overlap", "tid 1", "\"first\"", "[0, 10]", "\"second\"", "[5, 15]"});
}

TEST(ChromeCheck, RejectsUnpairedFlows) {
    expectRejected(
        withEvents(R"({"name":"w","cat":"wake","ph":"s","id":7,"ts":3,"pid":1,"tid":1})"),
        {"flow id 7", "1 's' and 0 'f'"});
    expectRejected(
        withEvents(R"({"name":"w","cat":"wake","ph":"f","bp":"e","id":8,"ts":3,"pid":1,"tid":1})"),
        {"flow id 8", "0 's' and 1 'f'"});
    expectRejected(withEvents(R"(
{"name":"w","cat":"wake","ph":"s","id":9,"ts":3,"pid":1,"tid":1},
{"name":"w","cat":"wake","ph":"s","id":9,"ts":4,"pid":1,"tid":1},
{"name":"w","cat":"wake","ph":"f","id":9,"ts":5,"pid":1,"tid":2})"),
                   {"flow id 9", "2 's' and 1 'f'"});
    expectRejected(withEvents(R"(
{"name":"w","cat":"wake","ph":"s","id":10,"ts":5,"pid":1,"tid":1},
{"name":"w","cat":"wake","ph":"f","id":10,"ts":4,"pid":1,"tid":2})"),
                   {"flow id 10", "ends before it starts"});
}

// Viewers show an unnamed thread by its number: a note, not a failure
// (traces from other tools often name none).
TEST(ChromeCheck, NotesThreadsWithoutNames) {
    ChromeTraceCheck check = checkChromeTrace(withEvents(R"(
{"name":"lost","ph":"X","ts":0,"dur":1,"pid":1,"tid":3},
{"name":"lost too","ph":"X","ts":0,"dur":1,"pid":1,"tid":4})"));
    EXPECT_TRUE(check.ok) << check.problem;
    ASSERT_EQ(check.notes.size(), 1u);
    EXPECT_NE(check.notes[0].find("2 thread(s) have no thread_name"), std::string::npos)
        << check.notes[0];
    EXPECT_NE(check.notes[0].find("pid 1 tid 3, used by traceEvents[2]"), std::string::npos)
        << check.notes[0];
}

// The spec's JSON Array Format: a bare array of events, whose closing
// bracket a writer that was cut off may leave out.
TEST(ChromeCheck, AcceptsTheJsonArrayFormat) {
    const std::string events = R"([
{"name":"thread_name","ph":"M","pid":1,"tid":1,"args":{"name":"main"}},
{"name":"a","ph":"B","ts":0,"pid":1,"tid":1},
{"name":"a","ph":"E","ts":5,"pid":1,"tid":1},
{"name":"x","ph":"X","ts":1,"dur":2,"pid":1,"tid":1})";
    for (const std::string& text : {events + "]", events + "\n]\n", events, events + ",\n"}) {
        ChromeTraceCheck check = checkChromeTrace(text);
        EXPECT_TRUE(check.ok) << check.problem << "\n" << text;
        EXPECT_EQ(check.events, 4u) << text;
        EXPECT_TRUE(check.notes.empty());
    }
    ChromeTraceCheck empty = checkChromeTrace("[]");
    EXPECT_TRUE(empty.ok) << empty.problem;
    EXPECT_EQ(empty.events, 0u);
    // The rules hold in it as in the object format.
    expectRejected(events + R"(,{"name":"y","ph":"X","ts":2,"dur":9,"pid":1,"tid":1}])",
                   {"overlap", "traceEvents[3] (ph 'X' \"x\")", "traceEvents[4] (ph 'X' \"y\")"});
    expectRejected(events + "]]", {"byte ", "more text after the JSON document"});
}

TEST(ChromeCheck, RejectsAnUnknownPhaseAndANonNumericCounter) {
    expectRejected(withEvents(R"({"name":"q","ph":"Q","ts":0,"pid":1,"tid":1})"),
                   {"traceEvents[2] (ph 'Q' \"q\")", "unknown phase 'Q'", "B E X i I C"});
    expectRejected(withEvents(R"({"name":"q","ph":"XX","ts":0,"dur":1,"pid":1,"tid":1})"),
                   {"unknown phase 'XX'"});
    expectRejected(
        withEvents(R"({"name":"depth","ph":"C","ts":0,"pid":1,"tid":1,"args":{"tasks":"12"}})"),
        {"traceEvents[2] (ph 'C' \"depth\")", "counter series \"tasks\"", "a string"});
    expectRejected(withEvents(R"({"name":"depth","ph":"C","ts":0,"pid":1,"tid":1})"),
                   {"a counter without an \"args\" object"});
    ChromeTraceCheck numeric = checkChromeTrace(
        withEvents(R"({"name":"depth","ph":"C","ts":0,"pid":1,"tid":1,"args":{"a":1,"b":2.5}})"));
    EXPECT_TRUE(numeric.ok) << numeric.problem;
}

// A JSON error says where: its byte and line in the file, also inside an
// event and inside another top-level value.
TEST(ChromeCheck, ASyntaxErrorGivesItsByteAndLine) {
    const std::string text = "{\"traceEvents\":[\n{\"ph\":\"X\",\n \"ts\": tru}]}";
    // The parser stops at the end of the bad literal "tru".
    expectRejected(text, {"not valid JSON: byte " + std::to_string(text.find("tru") + 3) +
                              " (line 3): invalid literal"});
    expectRejected("{\"otherData\": {\"a\": [1,,2]}, \"traceEvents\": []}",
                   {"not valid JSON: byte 23 (line 1): unexpected character ','"});
    expectRejected("{\"traceEvents\": [{\"ph\":\"X\"", {"the file ends inside a value"});
    expectRejected("", {"the file is empty"});
    expectRejected("{\"traceEvents\":[], \"traceEvents\":[]}", {"a second \"traceEvents\""});
}

// The check streams from a file: the same verdicts as from memory, on a
// trace larger than its 1 MiB read buffer.
TEST(ChromeCheck, StreamsFromAStream) {
    std::string big = "[";
    for (int i = 0; i < 40000; ++i) {
        if (i) big += ",\n";
        big += R"({"name":"thread_name","ph":"M","pid":1,"tid":1,"args":{"name":"w"}},)";
        big += R"({"name":"s)" + std::to_string(i) + R"(","ph":"X","ts":)" + std::to_string(i * 10) +
               R"(,"dur":5,"pid":1,"tid":1})";
    }
    std::istringstream good(big + "]");
    ChromeTraceCheck ok = checkChromeTrace(good);
    EXPECT_TRUE(ok.ok) << ok.problem;
    EXPECT_EQ(ok.events, 80000u);
    // An overlap between the first event and the last, named by a second
    // pass over the stream.
    std::istringstream bad(big + R"(,{"name":"late","ph":"X","ts":3,"dur":4,"pid":1,"tid":1}])");
    ChromeTraceCheck no = checkChromeTrace(bad);
    EXPECT_FALSE(no.ok);
    EXPECT_NE(no.problem.find("traceEvents[1] (ph 'X' \"s0\")"), std::string::npos) << no.problem;
    EXPECT_NE(no.problem.find("traceEvents[80000] (ph 'X' \"late\")"), std::string::npos)
        << no.problem;
}

TEST(ChromeCheck, RejectsUnmatchedAsyncSlices) {
    expectRejected(
        withEvents(R"({"name":"t","cat":"task","ph":"b","id":4,"ts":0,"pid":1,"tid":1})"),
        {"async 'b'", "id 4", "never ends"});
    expectRejected(withEvents(R"(
{"name":"t","cat":"task","ph":"e","id":5,"ts":1,"pid":1,"tid":1},
{"name":"t","cat":"task","ph":"b","id":5,"ts":2,"pid":1,"tid":1})"),
                   {"async 'e'", "id 5", "without a matching 'b'"});
}

TEST(ChromeCheck, RejectsMalformedFiles) {
    expectRejected("{\"traceEvents\":[}", {"not valid JSON: byte 16"});
    expectRejected("{\"otherData\":{}}", {"no \"traceEvents\" array"});
    expectRejected("{\"traceEvents\":{}}", {"\"traceEvents\" is not an array"});
    expectRejected("42", {"expected '{'", "or '['"});
    expectRejected(withEvents("42"), {"traceEvents[2] is not an object"});
    expectRejected(withEvents(R"({"name":"x","ts":0,"pid":1,"tid":1})"),
                   {"traceEvents[2]", "\"ph\""});
    expectRejected(withEvents(R"({"name":"x","ph":"X","pid":1,"tid":1,"dur":1})"),
                   {"numeric \"ts\""});
    expectRejected(withEvents(R"({"name":"x","ph":"X","ts":0,"pid":1,"tid":1,"dur":-1})"),
                   {"\"dur\" >= 0"});
}
