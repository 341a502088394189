// scenario::LiveRun, the one seam that runs a scenario: its tables, the
// template each task's Spawn event carries, exact timer deadlines, the
// controls seen through snapshots, and a finished run whose findings and
// keyframes come from the collector's one pass.
#include <asyncscope/scenario/check.hpp>
#include <asyncscope/scenario/live_run.hpp>
#include <asyncscope/scenario/loader.hpp>
#include <asyncscope/trace/breakpoints.hpp>
#include <asyncscope/trace/detectors.hpp>
#include <asyncscope/trace/timeline.hpp>
#include <asyncscope/trace/trace_file.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <thread>
#include <vector>

namespace asyncscope::scenario {
namespace {

using namespace std::chrono_literals;

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

// Waits (bounded) until `pred` holds for the run's latest snapshot.
bool waitForSnapshot(const LiveRun& run, const std::function<bool(const RunSnapshot&)>& pred) {
    const auto until = std::chrono::steady_clock::now() + 10s;
    while (std::chrono::steady_clock::now() < until) {
        if (pred(*run.snapshot())) return true;
        std::this_thread::sleep_for(2ms);
    }
    return false;
}

std::string nameOf(const RecordedRun& run, const trace::TaskInfo& t) {
    return std::string(run.trace.string(t.name));
}

TEST(LiveRun, EveryTaskCarriesItsTemplateAndTheTablesNameItsAwaitPoints) {
    const Scenario s = load(R"({"version": 1, "title": "t",
        "config": {"workers": 2},
        "templates": {
            "main": [{"step": "spawn", "template": "worker", "name": "w", "count": 3},
                     {"step": "select", "branches": [[{"step": "sleep", "duration": "1ms"}],
                                                     [{"step": "sleep", "duration": "2ms"}]]},
                     {"step": "join"}],
            "worker": [{"step": "yield"}, {"step": "sleep", "duration": "5ms", "label": "nap"}]},
        "start": [{"template": "main"}]})");
    ASSERT_FALSE(HasFailure());
    LiveRun run(s.base);
    const RunTables& tables = run.tables();
    ASSERT_EQ(tables.templateNames, (std::vector<std::string>{"main", "worker"}));
    EXPECT_EQ(tables.stepLabel(1, 0), "S0 yield");
    EXPECT_EQ(tables.stepLabel(1, 1), "S1 sleep (nap)");
    EXPECT_EQ(tables.stepLabel(0, 0), "S0 spawn w");
    EXPECT_EQ(tables.stepLabel(0, 2), "S2 sleep 1ms");  // inside the select's first branch
    EXPECT_EQ(tables.stepLabel(1, 9), "");
    EXPECT_EQ(tables.stepLabel(7, 0), "");
    EXPECT_EQ(tables.config.workers, 2u);

    run.start();
    run.wait();
    const auto done = run.finished();
    ASSERT_NE(done, nullptr);
    EXPECT_EQ(done->result.end, RunEnd::Completed);
    int mains = 0, workers = 0, branches = 0;
    for (const trace::TaskInfo& t : done->finalState.tasks) {
        if (t.phase == trace::TaskPhase::Unknown) continue;
        const std::string name = nameOf(*done, t);
        if (name == "main") {
            ++mains;
            EXPECT_EQ(t.templateIndex, 0u);
        } else if (name.rfind("main/select", 0) == 0) {
            ++branches;
            EXPECT_EQ(t.templateIndex, 0u) << name << ": a branch runs its parent's steps";
        } else {
            ++workers;
            EXPECT_EQ(t.templateIndex, 1u) << name;
        }
    }
    EXPECT_EQ(mains, 1);
    EXPECT_EQ(workers, 3);
    EXPECT_EQ(branches, 2);
}

TEST(LiveRun, TimerDeadlinesAreRecordedToTheNanosecond) {
    Scenario s = load(R"({"version": 1, "title": "t", "config": {"workers": 1},
        "templates": {"main": [{"step": "sleep", "duration": "1234567ns"},
                               {"step": "sleep", "duration": "2s"}]},
        "start": [{"template": "main"}]})");
    ASSERT_FALSE(HasFailure());
    s.base.settings.runtime.clock = ClockKind::Virtual;  // every instant exact
    RecordedRun run = recordRun(s.base, {});
    ASSERT_EQ(run.result.end, RunEnd::Completed);
    std::vector<trace::Record> registers, fires;
    for (std::size_t i = 0; i < run.trace.size(); ++i) {
        const trace::Record r = run.trace.at(i);
        if (r.kind == EventKind::TimerRegister) registers.push_back(r);
        if (r.kind == EventKind::TimerFire) fires.push_back(r);
    }
    ASSERT_EQ(registers.size(), 2u);
    ASSERT_EQ(fires.size(), 2u);
    EXPECT_EQ(registers[0].deadline() - registers[0].time, 1'234'567u);
    EXPECT_EQ(fires[0].deadline(), registers[0].deadline());
    // The timer wheel ticks in microseconds: it fires at the first tick at or
    // after the deadline (Tokio's wheel rounds up to the millisecond).
    EXPECT_EQ(fires[0].time, 1'235'000u);
    EXPECT_EQ(registers[1].deadline() - registers[1].time, 2'000'000'000u);
    EXPECT_EQ(fires[1].time, registers[1].deadline());
    EXPECT_TRUE(run.finalState.timers.empty());
}

TEST(LiveRun, ARunStartedPausedRecordsNothingWhileItWaits) {
    // The app shows a loaded lesson as a run started paused, for as long as
    // the user reads: its recording must not grow meanwhile.
    const Scenario s = load(R"({"version": 1, "title": "t", "config": {"workers": 4},
        "templates": {"main": [{"step": "spawn", "template": "w", "count": 8}, {"step": "join"}],
                      "w": [{"step": "sleep", "duration": "1ms"}]},
        "start": [{"template": "main"}]})");
    ASSERT_FALSE(HasFailure());
    LiveRunOptions o;
    o.startPaused = true;
    o.overrides.pace = true;  // as the app runs it
    o.overrides.timeScale = 20;
    LiveRun run(s.base, o);
    run.start();
    std::this_thread::sleep_for(50ms);
    run.setTimeScale(1);
    const std::uint64_t early = run.snapshot()->recorder.events;
    std::this_thread::sleep_for(250ms);
    const auto later = run.snapshot();
    EXPECT_EQ(later->recorder.events, early) << "events recorded while paused";
    EXPECT_EQ(later->now.count(), 0) << "the clock stands still";
    run.resume();
    run.wait();
    EXPECT_EQ(run.finished()->result.end, RunEnd::Completed);
}

TEST(LiveRun, FindingsAppearWhileTheRunGoesOn) {
    // A 30 ms blocking poll at the start, then an hour of sleep at real
    // time: the finding is in the snapshots long before the run could end,
    // at the instant it became true.
    const Scenario s = load(R"({"version": 1, "title": "t", "config": {"workers": 2},
        "templates": {"main": [{"step": "spawn", "template": "hog"}, {"step": "spawn", "template": "idle"}, {"step": "join"}],
                      "hog": [{"step": "blocking_sleep", "duration": "30ms"}],
                      "idle": [{"step": "sleep", "duration": "3600s"}]},
        "start": [{"template": "main"}]})");
    ASSERT_FALSE(HasFailure());
    LiveRunOptions o;
    o.overrides.pace = true;
    LiveRun run(s.base, o);
    const auto first = run.snapshot();
    EXPECT_EQ(first->findings, nullptr) << "nothing recorded yet";
    run.start();
    // The poll's own finding, once it returned (before, a provisional one
    // may show while it runs: see the next test).
    const auto blocking = [](const RunSnapshot& snap) {
        if (!snap.findings) return false;
        for (const trace::Finding& f : *snap.findings)
            if (f.kind == trace::FindingKind::BlockingTheRuntime && f.durationNs == 30'000'000u)
                return true;
        return false;
    };
    ASSERT_TRUE(waitForSnapshot(run, blocking));
    const auto snap = run.snapshot();
    EXPECT_FALSE(run.ended());
    ASSERT_EQ(snap->findings->size(), 1u);
    const trace::Finding& f = snap->findings->front();
    EXPECT_EQ(f.durationNs, 30'000'000u);
    EXPECT_EQ(f.time, 30'000'000u) << "the instant the poll had held its worker 30 ms";
    // Unchanged findings are the same object frame to frame.
    std::this_thread::sleep_for(50ms);
    EXPECT_EQ(run.snapshot()->findings, snap->findings);
    run.stop();
    ASSERT_TRUE(run.waitFor(10s));
}

TEST(LiveRun, ABlockingPollIsFoundWhileItIsStillRunning) {
    // The hog holds worker A for 300 ms; the ticker on worker B records an
    // event every millisecond meanwhile. Once the hog has run 10 ms (the
    // threshold), the live findings say so, "at least", while it still runs;
    // when it returns, its own finding (300 ms) takes the provisional one's
    // place. (290 ms of real time to see the provisional one: it is paced.)
    const Scenario s = load(R"({"version": 1, "title": "t", "config": {"workers": 2},
        "templates": {"main": [{"step": "spawn", "template": "hog"}, {"step": "spawn", "template": "ticker"}, {"step": "join"}],
                      "hog": [{"step": "blocking_sleep", "duration": "300ms"}],
                      "ticker": [{"step": "repeat", "count": 400, "steps": [{"step": "sleep", "duration": "1ms"}]}]},
        "start": [{"template": "main"}]})");
    ASSERT_FALSE(HasFailure());
    LiveRunOptions o;
    o.overrides.pace = true;
    LiveRun run(s.base, o);
    run.start();
    const auto blockingOf = [](const RunSnapshot& snap) -> const trace::Finding* {
        if (!snap.findings) return nullptr;
        for (const trace::Finding& f : *snap.findings)
            if (f.kind == trace::FindingKind::BlockingTheRuntime) return &f;
        return nullptr;
    };
    ASSERT_TRUE(waitForSnapshot(run, [&](const RunSnapshot& snap) { return blockingOf(snap); }));
    const auto early = run.snapshot();
    const trace::Finding& f = *blockingOf(*early);
    EXPECT_EQ(f.durationNs, 10'000'000u) << "at least the threshold, while it runs";
    EXPECT_GE(f.time, 10'000'001u);
    EXPECT_LT(f.time, 12'000'000u) << "the instant it crossed the threshold, not its end";
    EXPECT_EQ(f.what.en.rfind("One poll of task 'hog' has been running on worker ", 0), 0u)
        << f.what.en;
    EXPECT_NE(f.what.en.find(", for more than 10.0 ms, and has not returned yet: the worker can "
                             "run nothing else meanwhile."),
              std::string::npos)
        << f.what.en;
    ASSERT_TRUE(early->state);
    EXPECT_LT(early->state->time, 300'000'000u) << "seen before the poll returned";
    // It ends: one blocking finding, the poll's own.
    ASSERT_TRUE(waitForSnapshot(run, [&](const RunSnapshot& snap) {
        const trace::Finding* g = blockingOf(snap);
        return g && g->durationNs >= 300'000'000u;
    }));
    std::size_t blocking = 0;
    for (const trace::Finding& g : *run.snapshot()->findings)
        blocking += g.kind == trace::FindingKind::BlockingTheRuntime;
    EXPECT_EQ(blocking, 1u);
    run.stop();
    ASSERT_TRUE(run.waitFor(10s));
}

TEST(LiveRun, PauseAndStepAreSeenInTheSnapshots) {
    const Scenario s = load(R"({"version": 1, "title": "t", "config": {"workers": 1},
        "templates": {"main": [{"step": "repeat", "count": 50, "steps": [{"step": "yield"}]}]},
        "start": [{"template": "main"}]})");
    ASSERT_FALSE(HasFailure());
    LiveRunOptions o;
    o.startPaused = true;
    LiveRun run(s.base, o);
    EXPECT_EQ(run.snapshot()->phase, RunPhase::Ready);
    run.start();
    EXPECT_EQ(run.snapshot()->phase, RunPhase::Paused);
    std::this_thread::sleep_for(30ms);
    const auto polls = [](const RunSnapshot& snap) { return snap.state ? snap.state->polls : 0; };
    EXPECT_EQ(polls(*run.snapshot()), 0u) << "paused from the start: nothing polls";

    run.step(1);
    ASSERT_TRUE(waitForSnapshot(run, [&](const RunSnapshot& snap) { return polls(snap) == 1; }));
    std::this_thread::sleep_for(30ms);
    EXPECT_EQ(polls(*run.snapshot()), 1u) << "a step is exactly one poll";
    EXPECT_EQ(run.snapshot()->phase, RunPhase::Paused);
    EXPECT_FALSE(run.ended());

    run.resume();
    run.wait();
    EXPECT_EQ(run.snapshot()->phase, RunPhase::Ended);
    const auto done = run.finished();
    ASSERT_NE(done, nullptr);
    EXPECT_EQ(done->result.end, RunEnd::Completed);
    EXPECT_EQ(run.snapshot()->state->polls, done->finalState.polls);
    EXPECT_EQ(done->finalState.polls, 51u) << "50 yields, then the poll that completes";
    // After the end the controls do nothing and do not wait.
    run.pause();
    run.step(3);
    run.setTimeScale(4);
    EXPECT_EQ(run.snapshot()->phase, RunPhase::Ended);
}

TEST(LiveRun, AHoldPausesTheRunRightAfterItsEventUntilTheReaderLetsItGo) {
    // The app's breakpoints hold the run where they may fire, however far
    // behind the app is: here nobody reads until the run is held.
    const Scenario s = load(R"({"version": 1, "title": "t", "config": {"workers": 2},
        "templates": {"main": [{"step": "sleep", "duration": "10ms"},
                               {"step": "spawn", "template": "late"}, {"step": "join"},
                               {"step": "sleep", "duration": "10ms"}],
                      "late": [{"step": "sleep", "duration": "1ms"}]},
        "start": [{"template": "main"}]})");
    ASSERT_FALSE(HasFailure());
    LiveRunOptions o;
    o.overrides.clock = ClockKind::Virtual;
    o.overrides.pace = true;  // as the app runs it, 5 times slower than real time
    o.overrides.timeScale = 5;
    LiveRun run(s.base, o);
    run.setHoldConditions({trace::Breakpoint{trace::BreakKind::Spawn, "late"}});
    run.start();
    const auto until = std::chrono::steady_clock::now() + 10s;
    while (!run.heldAfter() && !run.ended() && std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(1ms);
    ASSERT_TRUE(run.heldAfter()) << "the run was not held";
    const std::size_t held = *run.heldAfter();
    EXPECT_FALSE(run.ended());
    // Held: once the pause has taken (within a collection, a few events
    // after the spawn), nothing more happens and the clock stands still,
    // short of main's last 10 ms sleep.
    std::this_thread::sleep_for(50ms);
    const auto before = run.snapshot();
    std::this_thread::sleep_for(100ms);
    const auto after = run.snapshot();
    EXPECT_FALSE(run.ended());
    EXPECT_EQ(after->recorder.events, before->recorder.events);
    EXPECT_EQ(after->now, before->now);
    EXPECT_LT(after->now, std::chrono::milliseconds(20));
    run.resume();
    EXPECT_FALSE(run.heldAfter());
    // Over, it is held at its end (every event committed) until let go.
    const auto endBy = std::chrono::steady_clock::now() + 10s;
    while (!run.atEnd() && std::chrono::steady_clock::now() < endBy)
        std::this_thread::sleep_for(1ms);
    ASSERT_TRUE(run.atEnd());
    EXPECT_FALSE(run.ended());
    EXPECT_EQ(run.snapshot()->recorder.events,
              run.snapshot()->state ? run.snapshot()->state->applied : 0u);
    run.resume();  // the controls leave a run held at its end alone
    EXPECT_TRUE(run.atEnd());
    run.releaseEnd();
    run.wait();
    const auto f = run.finished();
    EXPECT_EQ(f->result.end, RunEnd::Completed);
    ASSERT_LT(held, f->trace.size());
    const trace::Record r = f->trace.at(held);
    EXPECT_EQ(r.kind, EventKind::Spawn);
    EXPECT_EQ(r.time, 10'000'000u);
    EXPECT_EQ(f->result.elapsed, std::chrono::milliseconds(21));  // no hold again: once each
}

TEST(LiveRun, WithoutHoldConditionsTheRunIsNeverHeld) {
    const Scenario s = load(R"({"version": 1, "title": "t",
        "templates": {"main": [{"step": "spawn", "template": "late"}, {"step": "join"}],
                      "late": [{"step": "yield"}]},
        "start": [{"template": "main"}]})");
    ASSERT_FALSE(HasFailure());
    LiveRunOptions o;
    o.overrides.clock = ClockKind::Virtual;
    LiveRun run(s.base, o);
    run.setHoldConditions({trace::Breakpoint{trace::BreakKind::Spawn, "late"}});
    run.setHoldConditions({});  // the breakpoint removed before it fired
    run.start();
    ASSERT_TRUE(run.waitFor(10s)) << "held with no conditions";
    EXPECT_FALSE(run.heldAfter());
    EXPECT_EQ(run.finished()->result.end, RunEnd::Completed);
}

TEST(LiveRun, StopWhilePausedEndsTheRunAsStopped) {
    const Scenario s = load(R"({"version": 1, "title": "t",
        "templates": {"main": [{"step": "sleep", "duration": "10s"}]},
        "start": [{"template": "main"}]})");
    ASSERT_FALSE(HasFailure());
    LiveRunOptions o;
    o.startPaused = true;
    LiveRun run(s.base, o);
    run.start();
    run.stop();
    ASSERT_TRUE(run.waitFor(10s));
    EXPECT_EQ(run.finished()->result.end, RunEnd::Stopped);
}

TEST(LiveRun, AFinishedRunIsAnalysedInTheCollectorsOnePass) {
    // Two tasks take two locks in opposite orders: a deadlock the run ends
    // stuck in, then the shutdown cancels both.
    const Scenario s = load(R"({"version": 1, "title": "t", "config": {"workers": 2},
        "resources": {"a": {"kind": "mutex"}, "b": {"kind": "mutex"}},
        "templates": {
            "ab": [{"step": "lock", "resource": "a"}, {"step": "sleep", "duration": "2ms"},
                   {"step": "lock", "resource": "b"}],
            "ba": [{"step": "lock", "resource": "b"}, {"step": "sleep", "duration": "2ms"},
                   {"step": "lock", "resource": "a"}]},
        "start": [{"template": "ab"}, {"template": "ba"}]})");
    ASSERT_FALSE(HasFailure());
    const RecordedRun run = recordRun(s.base, {});
    ASSERT_EQ(run.result.end, RunEnd::Stuck);

    // The findings equal a separate pass of the detectors over the recording.
    const std::vector<trace::Finding> again = trace::analyze(run.trace);
    ASSERT_EQ(run.findings.size(), again.size());
    for (std::size_t i = 0; i < again.size(); ++i) {
        EXPECT_EQ(run.findings[i].kind, again[i].kind);
        EXPECT_EQ(run.findings[i].time, again[i].time);
        EXPECT_EQ(run.findings[i].tasks, again[i].tasks);
    }
    bool deadlock = false;
    for (const trace::Finding& f : run.findings)
        deadlock = deadlock || f.kind == trace::FindingKind::Deadlock;
    EXPECT_TRUE(deadlock);

    // The keyframes taken while recording seek like keyframes of a fresh pass.
    trace::Timeline fromRun = run.timeline();
    trace::Timeline fresh(run.trace);
    EXPECT_EQ(fromRun.finalState().applied, run.trace.size());
    EXPECT_EQ(fromRun.finalState().cancelled, 2u) << "the shutdown cancelled both";
    for (std::size_t i : {std::size_t{0}, run.trace.size() / 3, run.trace.size()}) {
        const trace::RuntimeState& a = fromRun.seekIndex(i);
        const trace::RuntimeState& b = fresh.seekIndex(i);
        EXPECT_EQ(a.applied, b.applied);
        EXPECT_EQ(a.polls, b.polls);
        EXPECT_EQ(a.locks.size(), b.locks.size());
    }
    // The state the run ended *as*: both locks held, each waited for.
    ASSERT_EQ(run.finalState.locks.size(), 2u);
    for (const auto& [id, lock] : run.finalState.locks) {
        EXPECT_NE(lock.holder, trace::kNoTask);
        EXPECT_EQ(lock.waiters.size(), 1u);
    }
    EXPECT_EQ(run.finalState.cancelled, 0u);

    // Saved and loaded, the recording is the same finished run.
    const std::string path = ::testing::TempDir() + "live_run_stuck.astrace";
    ASSERT_EQ(trace::saveTrace(run.trace, path), "");
    trace::LoadResult loaded = trace::loadTrace(path);
    std::remove(path.c_str());
    ASSERT_TRUE(loaded.trace) << loaded.error;
    const RecordedRun back = recordedRunOf(std::move(*loaded.trace));
    EXPECT_EQ(back.result.end, RunEnd::Stuck);
    EXPECT_EQ(back.result.elapsed, run.result.elapsed);
    EXPECT_EQ(back.findings.size(), run.findings.size());
    EXPECT_EQ(back.finalState.applied, run.finalState.applied);
    EXPECT_EQ(back.finalState.locks.size(), 2u);
    EXPECT_EQ(back.finalState.cancelled, 0u);
    EXPECT_EQ(back.keyframes.final->cancelled, 2u);
}

TEST(LiveRun, TheReducerCountsEachEdgeOfATasksLifecycle) {
    const Scenario s = load(R"({"version": 1, "title": "t", "config": {"workers": 1},
        "templates": {"main": [{"step": "yield"}, {"step": "yield"}, {"step": "sleep", "duration": "1ms"}]},
        "start": [{"template": "main"}]})");
    ASSERT_FALSE(HasFailure());
    const RecordedRun run = recordRun(s.base, {});
    ASSERT_EQ(run.result.end, RunEnd::Completed);
    const trace::TaskInfo* main = nullptr;
    for (const trace::TaskInfo& t : run.finalState.tasks)
        if (t.phase != trace::TaskPhase::Unknown && nameOf(run, t) == "main") main = &t;
    ASSERT_NE(main, nullptr);
    auto edge = [&](trace::TaskEdge e) { return main->edges[static_cast<std::size_t>(e)]; };
    EXPECT_EQ(edge(trace::TaskEdge::ScheduledToRunning), main->polls);
    EXPECT_EQ(main->polls, 4u);
    EXPECT_EQ(edge(trace::TaskEdge::RunningToCompleted), 1u);
    EXPECT_EQ(edge(trace::TaskEdge::RunningToFailed), 0u);
    EXPECT_EQ(edge(trace::TaskEdge::IdleToCancelled), 0u);
    // Each yield and the sleep leave the poll (two yields wake themselves at once).
    EXPECT_EQ(edge(trace::TaskEdge::RunningToIdle) + edge(trace::TaskEdge::RunningToNotified), 3u);
}

TEST(LiveRun, ARecordingCarriesTheTablesToShowItWithoutTheScenario) {
    const Scenario s = load(R"({"version": 1, "title": "t", "config": {"workers": 1},
        "resources": {"jobs": {"kind": "channel", "capacity": 3}, "m": {"kind": "mutex"}},
        "templates": {"main": [{"step": "lock", "resource": "m"}, {"step": "send", "resource": "jobs"},
                               {"step": "unlock", "resource": "m"}, {"step": "recv", "resource": "jobs"}]},
        "start": [{"template": "main"}]})");
    ASSERT_FALSE(HasFailure());
    LiveRun live(s.base);
    const RunTables expected = live.tables();
    live.start();
    live.wait();
    const std::string path = ::testing::TempDir() + "live_run_tables.astrace";
    ASSERT_EQ(trace::saveTrace(live.finished()->trace, path), "");
    trace::LoadResult loaded = trace::loadTrace(path);
    std::remove(path.c_str());
    ASSERT_TRUE(loaded.trace) << loaded.error;
    const RunTables t = tablesOf(loaded.trace->info());
    EXPECT_EQ(t.templateNames, expected.templateNames);
    EXPECT_EQ(t.awaitPoints, expected.awaitPoints);
    EXPECT_EQ(t.stepLabel(0, 1), "S1 send");
    ASSERT_EQ(t.resources.size(), 2u);
    for (const RunResource& r : expected.resources) {
        const RunResource* got = t.resource(r.id);
        ASSERT_NE(got, nullptr) << r.name;
        EXPECT_EQ(got->name, r.name);
        EXPECT_EQ(got->kind, r.kind);
        EXPECT_EQ(got->capacity, r.capacity);
    }
    EXPECT_EQ(t.resource(expected.resources[0].id)->name == "jobs"
                  ? t.resource(expected.resources[0].id)->capacity
                  : t.resource(expected.resources[1].id)->capacity,
              3u);
}

}  // namespace

// Under the virtual clock the host cannot show: 10,000 tasks that only wait
// for I/O and timers, on 2 workers, give no "blocking the runtime" and no
// "starvation" finding, and the run takes exactly what its durations say.
TEST(VirtualClock, TenThousandIoTasksOnTwoWorkersHaveNoHostFindings) {
    const Scenario s = load(R"({"version": 1, "title": "io",
        "config": {"workers": 2, "clock": "virtual"},
        "templates": {
            "main": [{"step": "spawn", "template": "conn", "name": "conn", "count": 10000},
                     {"step": "join"}],
            "conn": [{"step": "io", "duration": "20ms"},
                     {"step": "sleep", "duration": "5ms"},
                     {"step": "io", "duration": "10ms"}]},
        "start": [{"template": "main"}]})");
    EXPECT_EQ(s.base.settings.runtime.clock, ClockKind::Virtual);
    const RecordedRun run = recordRun(s.base, {});
    EXPECT_EQ(run.result.end, RunEnd::Completed);
    EXPECT_EQ(run.result.elapsed, 35ms);  // 20 + 5 + 10, every task at once
    EXPECT_EQ(run.trace.info().clock, "virtual");
    for (const trace::Finding& f : run.findings) {
        EXPECT_NE(f.kind, trace::FindingKind::BlockingTheRuntime) << f.title.en;
        EXPECT_NE(f.kind, trace::FindingKind::Starvation) << f.title.en;
        EXPECT_NE(f.kind, trace::FindingKind::Oversubscription) << f.title.en;
    }
}

// A run whose recording reaches its cap: the note, the recording's info and
// the recording agree on how many events it holds; the engine's counts,
// in the progress snapshots and at the end, go on to the run's real end.
TEST(LiveRun, ARunPastItsRecordingCapSaysOneCountAndKeepsCountingTasks) {
    const Scenario s = load(R"({"version": 1, "title": "cap",
        "config": {"workers": 2, "clock": "virtual"},
        "templates": {
            "main": [{"step": "spawn", "template": "w", "name": "w", "count": 3000},
                     {"step": "join"}],
            "w": [{"step": "repeat", "count": 20, "steps": [{"step": "yield"}]}]},
        "start": [{"template": "main"}]})");
    ASSERT_FALSE(HasFailure());
    RecordOptions o;
    o.memoryCapBytes = std::size_t{1} << 20;  // far less than the run's 3001 * 64 events
    std::uint64_t lastSpawned = 0;
    o.progress = [&](const RunSnapshot& snap) { lastSpawned = snap.tasks.spawned; };
    const RecordedRun run = recordRun(s.base, o);
    ASSERT_EQ(run.result.end, RunEnd::Completed);
    EXPECT_EQ(run.result.stats.spawned, 3001u);
    EXPECT_EQ(run.result.stats.completed, 3001u);
    EXPECT_LE(lastSpawned, 3001u);
    const std::size_t n = run.trace.size();
    EXPECT_GT(n, 0u);
    EXPECT_LE(n * trace::Trace::kBytesPerEvent, o.memoryCapBytes);
    EXPECT_TRUE(run.trace.info().truncated);
    EXPECT_EQ(run.trace.info().truncatedAtEvent, n);
    EXPECT_NE(run.recorderNote.find("after " + std::to_string(n) + " events"), std::string::npos)
        << run.recorderNote;
    // The state is the recording's: fewer tasks finished in it than in the run.
    EXPECT_LT(run.finalState.completed, 3001u);
    // Saved and read back, the recording says the same.
    const std::string path = testing::TempDir() + "/capped.astrace";
    ASSERT_EQ(trace::saveTrace(run.trace, path), "");
    trace::LoadResult back = trace::loadTrace(path);
    ASSERT_TRUE(back.trace) << back.error;
    EXPECT_EQ(back.trace->size(), n);
    EXPECT_EQ(back.trace->info().truncatedAtEvent, n);
    EXPECT_EQ(recordedRunOf(std::move(*back.trace)).recorderNote, run.recorderNote);
    std::remove(path.c_str());

    LiveRun live(s.base, LiveRunOptions{{}, "cap", o.memoryCapBytes, false});
    live.start();
    live.wait();
    const auto end = live.snapshot();
    EXPECT_EQ(end->phase, RunPhase::Ended);
    EXPECT_EQ(end->tasks.spawned, 3001u);
    EXPECT_EQ(end->tasks.completed, 3001u);
    EXPECT_TRUE(end->recorder.stopped);
    EXPECT_EQ(end->recorder.stoppedAtEvent, live.finished()->trace.size());
}

// A one-worker run under the virtual clock is the same event sequence every time.
// One thread in all: main on the worker ("block_on": false), not on a
// block_on thread of its own that would poll beside it.
TEST(VirtualClock, AOneWorkerRunIsTheSameSequenceEveryTime) {
    const Scenario s = load(R"({"version": 1, "title": "d",
        "config": {"workers": 1, "clock": "virtual"},
        "resources": {"m": {"kind": "mutex"}},
        "templates": {
            "main": [{"step": "spawn", "template": "w", "name": "w", "count": 5},
                     {"step": "join"}],
            "w": [{"step": "compute", "duration": "1ms"},
                  {"step": "lock", "resource": "m"},
                  {"step": "sleep", "duration": "2ms"},
                  {"step": "unlock", "resource": "m"},
                  {"step": "yield"},
                  {"step": "compute", "duration": "500us"}]},
        "start": [{"template": "main", "block_on": false}]})");
    auto sequence = [&] {
        const RecordedRun run = recordRun(s.base, {});
        std::string out;
        for (std::size_t i = 0; i < run.trace.size(); ++i) {
            const trace::Record r = run.trace.at(i);
            out += std::to_string(r.time) + ":" + std::to_string(int(r.kind)) + ":" +
                   std::to_string(r.task) + ":" + std::to_string(r.worker) + " ";
        }
        return out;
    };
    const std::string first = sequence();
    EXPECT_FALSE(first.empty());
    for (int i = 0; i < 5; ++i) EXPECT_EQ(sequence(), first) << "run " << i + 2;
}

}  // namespace asyncscope::scenario
