// Breakpoints over recorded runs: each kind fires exactly at the events that
// make it true, names resolved through the recording.
#include <asyncscope/scenario/library.hpp>
#include <asyncscope/scenario/live_run.hpp>
#include <asyncscope/scenario/loader.hpp>
#include <asyncscope/trace/breakpoints.hpp>

#include <gtest/gtest.h>

#include <algorithm>

namespace asyncscope::scenario {
namespace {

using trace::BreakHit;
using trace::BreakKind;
using trace::Breakpoint;

Scenario load(const std::string& text) {
    LoadResult r = loadScenario(text, "inline.json");
    if (!r.ok()) {
        std::string all;
        for (const Diagnostic& d : r.errors) all += "\n  " + d.format();
        ADD_FAILURE() << "the scenario did not load:" << all;
        return {};
    }
    return std::move(*r.scenario);
}

// writer holds `cache` from 0 to 5 ms; reader sleeps 1 ms, then has to wait
// for it; two jobs are spawned; a hog blocks its worker 20 ms at 10 ms.
const char* kScenario = R"({"version": 1, "title": "t", "config": {"workers": 2},
    "resources": {"cache": {"kind": "mutex"}, "other": {"kind": "mutex"}},
    "templates": {
        "main": [{"step": "spawn", "template": "writer"}, {"step": "spawn", "template": "reader"},
                 {"step": "spawn", "template": "job", "count": 2}, {"step": "sleep", "duration": "10ms"},
                 {"step": "spawn", "template": "hog"}, {"step": "join"}],
        "writer": [{"step": "lock", "resource": "cache"}, {"step": "sleep", "duration": "5ms"},
                   {"step": "unlock", "resource": "cache"}],
        "reader": [{"step": "sleep", "duration": "1ms"}, {"step": "lock", "resource": "cache"},
                   {"step": "unlock", "resource": "cache"}],
        "job": [{"step": "compute", "duration": "100us"}],
        "hog": [{"step": "blocking_sleep", "duration": "20ms"}]},
    "start": [{"template": "main"}]})";

struct Fixture {
    Scenario s;
    RecordedRun run;
    std::vector<BreakHit> hits(const Breakpoint& b) const {
        return trace::findBreaks(run.trace, run.findings, {b});
    }
    std::string taskName(std::uint32_t id) const {
        for (std::size_t i = 0; i < run.trace.size(); ++i) {
            const trace::Record r = run.trace.at(i);
            if (r.kind == EventKind::Spawn && r.task == id)
                return std::string(run.trace.string(r.arg2));
        }
        return "?";
    }
};

Fixture record() {
    Fixture f;
    f.s = load(kScenario);
    f.run = recordRun(f.s.base, {});
    return f;
}

TEST(Breakpoints, ContentionFiresOnceWhenReaderHasToWaitForTheLock) {
    const Fixture f = record();
    ASSERT_FALSE(::testing::Test::HasFailure());
    const auto hits = f.hits({BreakKind::Contention, "cache"});
    ASSERT_EQ(hits.size(), 1u);
    const trace::Record r = f.run.trace.at(hits[0].eventIndex);
    EXPECT_EQ(r.kind, EventKind::LockContend);
    EXPECT_EQ(f.taskName(r.task), "reader");
    EXPECT_EQ(hits[0].time, 1'000'000u);
    EXPECT_TRUE(f.hits({BreakKind::Contention, "other"}).empty()) << "nobody waits for other";
    // The same event as "reader waits on cache".
    const auto wait = f.hits({BreakKind::Wait, "reader", "cache"});
    ASSERT_EQ(wait.size(), 1u);
    EXPECT_EQ(wait[0].eventIndex, hits[0].eventIndex);
    EXPECT_TRUE(f.hits({BreakKind::Wait, "writer", "cache"}).empty());
}

TEST(Breakpoints, AWakeOfATaskFiresAtEachOfItsWakes) {
    const Fixture f = record();
    ASSERT_FALSE(::testing::Test::HasFailure());
    const auto hits = f.hits({BreakKind::Wake, "reader"});
    // The timer at 1 ms, then the lock handed over at 5 ms.
    ASSERT_EQ(hits.size(), 2u);
    EXPECT_EQ(hits[0].time, 1'000'000u);
    EXPECT_EQ(hits[1].time, 5'000'000u);
    for (const BreakHit& h : hits) {
        const trace::Record r = f.run.trace.at(h.eventIndex);
        EXPECT_EQ(r.kind, EventKind::Wake);
        EXPECT_EQ(f.taskName(r.task), "reader");
    }
    EXPECT_EQ(static_cast<WakeSource>(f.run.trace.at(hits[1].eventIndex).sub), WakeSource::Mutex);
}

TEST(Breakpoints, ASpawnOfATemplateFiresForEachTaskOfIt) {
    const Fixture f = record();
    ASSERT_FALSE(::testing::Test::HasFailure());
    const auto hits = f.hits({BreakKind::Spawn, "job"});
    ASSERT_EQ(hits.size(), 2u);
    EXPECT_EQ(f.taskName(f.run.trace.at(hits[0].eventIndex).task), "job#1");
    EXPECT_EQ(f.taskName(f.run.trace.at(hits[1].eventIndex).task), "job#2");
    const auto hog = f.hits({BreakKind::Spawn, "hog"});
    ASSERT_EQ(hog.size(), 1u);
    EXPECT_EQ(hog[0].time, 10'000'000u);
    // A group name matches its members' wakes too.
    EXPECT_EQ(
        f.hits({BreakKind::Wake, "job"}).size(),
        f.hits({BreakKind::Wake, "job#1"}).size() + f.hits({BreakKind::Wake, "job#2"}).size());
}

TEST(Breakpoints, AFindingFiresOnceAtTheInstantItBecameTrue) {
    const Fixture f = record();
    ASSERT_FALSE(::testing::Test::HasFailure());
    Breakpoint b{BreakKind::Finding};
    b.finding = trace::FindingKind::BlockingTheRuntime;
    const auto hits = f.hits(b);
    ASSERT_EQ(hits.size(), 1u);
    // The hog started at 10 ms; its poll passed the 10 ms threshold at 20 ms.
    EXPECT_GE(hits[0].time, 20'000'000u);
    b.finding = trace::FindingKind::Deadlock;
    EXPECT_TRUE(f.hits(b).empty());
    // Fed the same findings again (every frame of a live run): nothing new.
    trace::BreakpointMatcher m({Breakpoint{BreakKind::Finding}});
    EXPECT_EQ(m.onFindings(f.run.findings).size(), f.run.findings.size());
    EXPECT_TRUE(m.onFindings(f.run.findings).empty());
}

TEST(Breakpoints, ABlockingPollSeenWhileItRanFiresOnceNotAgainWhenItReturns) {
    // Live, a poll past the threshold is an ongoing finding at its PollStart;
    // when it returns, its own finding (at its PollEnd) is the same problem.
    trace::Finding ongoing;
    ongoing.kind = trace::FindingKind::BlockingTheRuntime;
    ongoing.ongoing = true;
    ongoing.tasks = {5};
    ongoing.eventIndex = 3;
    ongoing.time = 10'000'001;
    trace::Finding returned = ongoing;
    returned.ongoing = false;
    returned.eventIndex = 9;
    returned.time = 40'000'000;
    trace::Finding other = returned;
    other.tasks = {6};
    other.eventIndex = 12;
    trace::BreakpointMatcher m({Breakpoint{BreakKind::Finding}});
    const auto first = m.onFindings({ongoing});
    ASSERT_EQ(first.size(), 1u);
    EXPECT_EQ(first[0].time, 10'000'001u);
    EXPECT_EQ(first[0].eventIndex, 3u);
    EXPECT_TRUE(m.onFindings({ongoing}).empty());
    EXPECT_TRUE(m.onFindings({returned}).empty());
    const auto next = m.onFindings({returned, other});
    ASSERT_EQ(next.size(), 1u);
    EXPECT_EQ(next[0].eventIndex, 12u);
}

TEST(Breakpoints, AnInstantFiresOnceWithTheStateJustBeforeIt) {
    const Fixture f = record();
    ASSERT_FALSE(::testing::Test::HasFailure());
    Breakpoint b{BreakKind::Instant};
    b.at = 3'000'000;
    const auto hits = f.hits(b);
    ASSERT_EQ(hits.size(), 1u);
    EXPECT_EQ(hits[0].time, 3'000'000u);
    EXPECT_LE(f.run.trace.at(hits[0].eventIndex).time, 3'000'000u);
    EXPECT_GT(f.run.trace.at(hits[0].eventIndex + 1).time, 3'000'000u);
    b.at = 3'600'000'000'000;  // after the end: never reached
    EXPECT_TRUE(f.hits(b).empty());
    EXPECT_EQ(b.describe(), "t = 3600000 ms");
}

TEST(Breakpoints, AStealFiresAtEverySteal) {
    const BuiltinScenario* ws = findBuiltin("work-stealing");
    ASSERT_NE(ws, nullptr);
    LoadResult r = loadBuiltin(*ws);
    ASSERT_TRUE(r.ok());
    const RecordedRun run = recordRun(r.scenario->base, {});
    std::size_t steals = 0;
    for (std::size_t i = 0; i < run.trace.size(); ++i)
        steals += run.trace.at(i).kind == EventKind::Steal;
    ASSERT_GT(steals, 0u);
    const auto hits = trace::findBreaks(run.trace, run.findings, {{BreakKind::Steal}});
    ASSERT_EQ(hits.size(), steals);
    for (const BreakHit& h : hits) EXPECT_EQ(run.trace.at(h.eventIndex).kind, EventKind::Steal);
}

TEST(Breakpoints, ADisabledBreakpointNeverFires) {
    const Fixture f = record();
    ASSERT_FALSE(::testing::Test::HasFailure());
    Breakpoint b{BreakKind::Contention, "cache"};
    b.enabled = false;
    EXPECT_TRUE(f.hits(b).empty());
}

TEST(Breakpoints, KindsRoundTripTheirNamesAndDescribeThemselves) {
    for (int k = 0; k < static_cast<int>(BreakKind::Count); ++k)
        EXPECT_EQ(trace::breakKindFromString(toString(static_cast<BreakKind>(k))),
                  static_cast<BreakKind>(k));
    EXPECT_EQ(trace::breakKindFromString("nap"), std::nullopt);
    EXPECT_EQ((Breakpoint{BreakKind::Wake, "reader"}.describe()), "a wake of reader");
    EXPECT_EQ((Breakpoint{BreakKind::Contention, "cache"}.describe()), "contention on cache");
    EXPECT_EQ((Breakpoint{BreakKind::Wait, "reader", "cache"}.describe()), "reader waits on cache");
}

// Every built-in guided lesson: its base run reaches each moment, in order,
// each after the one before (as the app looks for them). A finding moment is
// reached when the detectors report it (the event it points at may be
// earlier: where the waker was lost).
TEST(GuidedLessons, EveryMomentIsReachedInOrder) {
    int guided = 0;
    for (const BuiltinScenario& b : builtinScenarios()) {
        LoadResult r = loadBuiltin(b);
        ASSERT_TRUE(r.ok()) << b.name;
        const Scenario& sc = *r.scenario;
        if (sc.moments.empty()) continue;
        ++guided;
        const RecordedRun run = recordRun(sc.base, {});
        std::size_t from = 0;
        for (std::size_t k = 0; k < sc.moments.size(); ++k) {
            const trace::Breakpoint& when = sc.moments[k].when;
            SCOPED_TRACE(std::string(b.name) + " moment " + std::to_string(k + 1) + ": " +
                         when.describe());
            if (when.kind == BreakKind::Finding) {
                const bool found =
                    std::any_of(run.findings.begin(), run.findings.end(),
                                [&](const trace::Finding& f) { return f.kind == when.finding; });
                EXPECT_TRUE(found) << "never reported";
                continue;
            }
            trace::BreakpointMatcher m({when});
            std::optional<BreakHit> hit;
            for (std::size_t i = 0; i < run.trace.size() && !hit; ++i) {
                const std::vector<BreakHit> h = m.onRecord(run.trace, run.trace.at(i), i);
                if (!h.empty() && h.front().eventIndex + 1 >= from) hit = h.front();
            }
            ASSERT_TRUE(hit.has_value()) << "never reached after the moment before";
            from = hit->eventIndex + 1;
        }
    }
    EXPECT_GE(guided, 6) << "the built-in guided lessons";
}

}  // namespace
}  // namespace asyncscope::scenario
