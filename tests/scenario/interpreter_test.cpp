// The interpreter on the real engine: small inline scenarios, recorded, and
// checked through their traces (step order, task phases, lock hand-offs,
// channel and semaphore events, blocking threads, timers) and run ends.
//
// Durations are short (a few ms) and timing assertions only compare paths
// that differ by orders of magnitude: the suite also runs under
// ThreadSanitizer on a loaded 2-core machine.
#include <asyncscope/scenario/check.hpp>
#include <asyncscope/scenario/loader.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <ostream>
#include <set>
#include <string>
#include <thread>
#include <vector>

// Readable values in gtest's failure messages (internal linkage: other test
// files of the binary may define their own).
namespace asyncscope::trace {
[[maybe_unused]] static void PrintTo(TaskPhase p, std::ostream* os) {
    *os << toString(p);
}
}  // namespace asyncscope::trace

namespace asyncscope::scenario {
[[maybe_unused]] static void PrintTo(RunEnd e, std::ostream* os) {
    *os << toString(e);
}

namespace {

using namespace std::chrono_literals;
using trace::Record;
using trace::TaskInfo;
using trace::TaskPhase;

constexpr const char* kConfig = R"({"workers": 2, "time_limit": "10s"})";
// One worker under the (default) virtual clock: the order in which tasks run is
// fixed (LIFO slot, then the local queue), for tests that assert it. With it
// `main` runs on that worker too (load() starts it with "block_on": false):
// on a main thread of its own it would run beside the worker, in an order
// the host decides.
constexpr const char* kOneWorker = R"({"workers": 1, "time_limit": "10s"})";
constexpr const char* kMainStart = R"([{"template": "main"}])";

// A scenario around the given parts (loading must succeed: check HasFailure()).
Scenario load(const std::string& templates, const std::string& resources = "{}",
              const std::string& config = kConfig, std::string start = kMainStart) {
    if (config == kOneWorker && start == kMainStart)
        start = R"([{"template": "main", "block_on": false}])";
    const std::string text =
        R"({"version": 1, "title": {"en": "t", "zh": "t"}, "description": {"en": "d", "zh": "d"}, "category": "tasks",)"
        R"( "difficulty": "beginner", "lesson": {"watch": {"en": "w", "zh": "w"}, "meaning": {"en": "m", "zh": "m"},)"
        R"( "tokio": {"en": "t", "zh": "t"}}, "config": )" +
        config + R"(, "resources": )" + resources + R"(, "templates": )" + templates +
        R"(, "start": )" + start + "}";
    LoadResult r = loadScenario(text, "inline.json");
    if (!r.ok()) {
        std::string all;
        for (const Diagnostic& d : r.errors) all += "\n  " + d.format();
        ADD_FAILURE() << "the scenario did not load:" << all;
        return Scenario{};
    }
    return std::move(*r.scenario);
}

RecordedRun record(const Program& p, const RunOverrides& overrides = {}) {
    RecordOptions o;
    o.overrides = overrides;
    return recordRun(p, o);
}

// By a record's (or a finding's) raw task id, or by the state's TaskId.
std::string nameOf(const RecordedRun& run, std::uint32_t id) {
    return run.trace.taskName(id);
}
std::string nameOf(const RecordedRun& run, trace::TaskId id) {
    return nameOf(run, id.value());
}

std::string phaseName(TaskPhase p) {
    return std::string(trace::toString(p));
}

// Everything about a run, for failure messages.
std::string describe(const RecordedRun& run) {
    std::string out = "run " + std::string(toString(run.result.end)) + " after " +
                      formatDuration(run.result.elapsed.count()) + " (" + run.result.detail + ")";
    for (const TaskInfo& t : run.finalState.tasks) {
        if (t.phase == TaskPhase::Unknown) continue;
        out += "\n  task " + std::to_string(t.id.value()) + " " + nameOf(run, t.id) + ": " +
               phaseName(t.phase);
        if (t.errorText != trace::kNoString)
            out += " (" + std::string(run.trace.string(t.errorText)) + ")";
    }
    for (const trace::Finding& f : run.findings)
        out += "\n  finding " + std::string(trace::toString(f.kind));
    return out;
}

// The one task named exactly `name`.
const TaskInfo* task(const RecordedRun& run, std::string_view name) {
    const TaskInfo* found = nullptr;
    for (const TaskInfo* t : tasksNamed(run, name)) {
        if (run.trace.string(t->name) != name) continue;
        if (found) {
            ADD_FAILURE() << "two tasks named " << name;
            return nullptr;
        }
        found = t;
    }
    if (!found) ADD_FAILURE() << "no task named " << name << "\n" << describe(run);
    return found;
}

std::string errorOf(const RecordedRun& run, const TaskInfo& t) {
    return t.errorText == trace::kNoString ? "" : std::string(run.trace.string(t.errorText));
}

// Events of one kind, of one task (kNoTask: any), in trace order.
std::vector<Record> events(const RecordedRun& run, EventKind kind,
                           trace::TaskId taskId = trace::kNoTask) {
    std::vector<Record> out;
    for (std::size_t i = 0; i < run.trace.size(); ++i) {
        const Record r = run.trace.at(i);
        if (r.kind == kind && (taskId == trace::kNoTask || r.task == taskId.value()))
            out.push_back(r);
    }
    return out;
}

// The await points a task entered, in order.
std::vector<std::uint32_t> stepsOf(const RecordedRun& run, trace::TaskId taskId) {
    std::vector<std::uint32_t> out;
    for (const Record& r : events(run, EventKind::StepEnter, taskId)) out.push_back(r.arg);
    return out;
}

std::vector<std::string> namesOf(const RecordedRun& run, const std::vector<Record>& rs) {
    std::vector<std::string> out;
    for (const Record& r : rs) out.push_back(nameOf(run, r.task));
    return out;
}

std::size_t findings(const RecordedRun& run, std::string_view kind) {
    std::size_t n = 0;
    for (const trace::Finding& f : run.findings)
        if (trace::toString(f.kind) == kind) ++n;
    return n;
}

// ---------------------------------------------------------------- await points

TEST(InterpreterSteps, StepEnterFollowsTheDocumentOrder) {
    const Scenario s = load(R"({"main": [
        {"step": "yield"},
        {"step": "sleep", "duration": "1ms"},
        {"step": "compute", "duration": "1ms"},
        {"step": "repeat", "count": 2, "steps": [{"step": "yield"}, {"step": "sleep", "duration": "1ms"}]},
        {"step": "yield"}
    ]})");
    ASSERT_FALSE(HasFailure());
    const RecordedRun run = record(s.base);
    ASSERT_EQ(run.result.end, RunEnd::Completed) << describe(run);
    EXPECT_EQ(run.result.detail, "every task finished");
    EXPECT_TRUE(run.recorderNote.empty());
    const TaskInfo* main = task(run, "main");
    ASSERT_NE(main, nullptr);
    EXPECT_EQ(main->phase, TaskPhase::Completed);
    EXPECT_EQ(stepsOf(run, main->id), (std::vector<std::uint32_t>{0, 1, 2, 3, 4, 5, 4, 5, 6}));

    // Every Pending poll ends at the await point it suspended in; the last
    // poll is Ready at S6.
    std::vector<std::uint32_t> pending;
    std::vector<Record> polls = events(run, EventKind::PollEnd, main->id);
    ASSERT_FALSE(polls.empty());
    for (const Record& r : polls)
        if (r.sub == static_cast<std::uint8_t>(PollResult::Pending)) pending.push_back(r.arg);
    EXPECT_EQ(pending, (std::vector<std::uint32_t>{0, 1, 4, 5, 4, 5, 6}));
    EXPECT_EQ(polls.back().sub, static_cast<std::uint8_t>(PollResult::Ready));
    EXPECT_EQ(polls.back().arg, 6u);
    EXPECT_EQ(main->polls, polls.size());
    EXPECT_EQ(run.result.templateRuns, (std::vector<std::uint64_t>{1}));
    EXPECT_GE(run.result.elapsed, 4ms) << "three 1 ms sleeps and 1 ms of compute";
}

TEST(InterpreterSteps, StepsOfEveryTaskOfAGroup) {
    const Scenario s =
        load(R"({"main": [{"step": "spawn", "template": "w", "count": 3}, {"step": "join"}],
                               "w": [{"step": "yield"}, {"step": "sleep", "duration": "2ms"}, {"step": "yield"}]})");
    ASSERT_FALSE(HasFailure());
    const RecordedRun run = record(s.base);
    ASSERT_EQ(run.result.end, RunEnd::Completed) << describe(run);
    const auto ws = tasksNamed(run, "w");
    ASSERT_EQ(ws.size(), 3u);
    std::set<std::string> names;
    for (const TaskInfo* w : ws) {
        names.insert(nameOf(run, w->id));
        EXPECT_EQ(w->phase, TaskPhase::Completed);
        EXPECT_EQ(stepsOf(run, w->id), (std::vector<std::uint32_t>{0, 1, 2}));
        EXPECT_EQ(w->parent, task(run, "main")->id) << "spawned by main";
    }
    EXPECT_EQ(names, (std::set<std::string>{"w#1", "w#2", "w#3"}));
    EXPECT_EQ(run.finalState.spawned, 4u);
    EXPECT_EQ(run.result.stats.spawned, 4u);
    EXPECT_EQ(run.result.templateRuns, (std::vector<std::uint64_t>{1, 3}));
}

// ---------------------------------------------------------------- call

TEST(InterpreterCall, UnawaitedCallNeverRunsTheTemplate) {
    const Scenario s = load(
        R"({"main": [{"step": "call", "template": "helper", "await": false}, {"step": "yield"}],
                               "helper": [{"step": "sleep", "duration": "1ms"}, {"step": "yield"}]})");
    ASSERT_FALSE(HasFailure());
    const RecordedRun run = record(s.base);
    ASSERT_EQ(run.result.end, RunEnd::Completed) << describe(run);
    EXPECT_EQ(run.result.templateRuns, (std::vector<std::uint64_t>{1, 0}));
    const TaskInfo* main = task(run, "main");
    ASSERT_NE(main, nullptr);
    EXPECT_EQ(stepsOf(run, main->id), (std::vector<std::uint32_t>{0, 1}));
    EXPECT_TRUE(events(run, EventKind::TimerRegister).empty()) << "the helper's sleep never ran";
    EXPECT_EQ(run.finalState.spawned, 1u);
}

TEST(InterpreterCall, AwaitedCallRunsTheTemplateInlineOnce) {
    const Scenario s = load(R"({"main": [{"step": "call", "template": "helper"}, {"step": "yield"}],
                               "helper": [{"step": "sleep", "duration": "1ms"}, {"step": "yield"}]})");
    ASSERT_FALSE(HasFailure());
    const RecordedRun run = record(s.base);
    ASSERT_EQ(run.result.end, RunEnd::Completed) << describe(run);
    EXPECT_EQ(run.result.templateRuns, (std::vector<std::uint64_t>{1, 1}));
    const TaskInfo* main = task(run, "main");
    ASSERT_NE(main, nullptr);
    // main S0 (the call), helper S0 and S1 inside the same task, main S1.
    EXPECT_EQ(stepsOf(run, main->id), (std::vector<std::uint32_t>{0, 0, 1, 1}));
    EXPECT_EQ(events(run, EventKind::TimerRegister, main->id).size(), 1u);
    EXPECT_EQ(run.finalState.spawned, 1u) << "no new task";
}

// ---------------------------------------------------------------- spawn, join, fail

TEST(InterpreterTasks, AFailingChildFailsTheParentThatJoinsIt) {
    const Scenario s = load(
        R"({"main": [{"step": "spawn", "template": "child"}, {"step": "join"}, {"step": "yield"}],
                               "child": [{"step": "sleep", "duration": "2ms"}, {"step": "fail", "message": "disk full"}]})");
    ASSERT_FALSE(HasFailure());
    const RecordedRun run = record(s.base);
    ASSERT_EQ(run.result.end, RunEnd::Completed) << "every task finished (with an error)\n"
                                                 << describe(run);
    const TaskInfo* main = task(run, "main");
    const TaskInfo* child = task(run, "child");
    ASSERT_NE(main, nullptr);
    ASSERT_NE(child, nullptr);
    EXPECT_EQ(child->phase, TaskPhase::Failed);
    EXPECT_EQ(errorOf(run, *child), "disk full");
    EXPECT_EQ(main->phase, TaskPhase::Failed);
    EXPECT_EQ(errorOf(run, *main), "disk full");
    EXPECT_EQ(stepsOf(run, main->id), (std::vector<std::uint32_t>{0, 1}))
        << "S2 after the join never runs";
    EXPECT_EQ(stepsOf(run, child->id), (std::vector<std::uint32_t>{0, 1}));
    EXPECT_EQ(run.finalState.failed, 2u);
    EXPECT_GE(main->endedAt, child->endedAt);
    // main waited on the child's JoinHandle.
    const auto waits = events(run, EventKind::JoinWait, main->id);
    ASSERT_FALSE(waits.empty());
    EXPECT_EQ(trace::TaskId(waits.front().arg), child->id);
}

TEST(InterpreterTasks, ADetachedFailingChildDoesNotFailTheParent) {
    const Scenario s = load(
        R"({"main": [{"step": "spawn", "template": "child", "detached": true}, {"step": "sleep", "duration": "10ms"}, {"step": "yield"}],
                               "child": [{"step": "fail", "message": "lost"}]})");
    ASSERT_FALSE(HasFailure());
    const RecordedRun run = record(s.base);
    ASSERT_EQ(run.result.end, RunEnd::Completed) << describe(run);
    const TaskInfo* main = task(run, "main");
    const TaskInfo* child = task(run, "child");
    ASSERT_NE(main, nullptr);
    ASSERT_NE(child, nullptr);
    EXPECT_EQ(child->phase, TaskPhase::Failed);
    EXPECT_EQ(errorOf(run, *child), "lost");
    EXPECT_EQ(main->phase, TaskPhase::Completed);
    EXPECT_EQ(stepsOf(run, main->id), (std::vector<std::uint32_t>{0, 1, 2}));
}

TEST(InterpreterTasks, AFailingParentCancelsItsJoinableChildrenButNotDetachedOnes) {
    const Scenario s = load(
        R"({"main": [{"step": "spawn", "template": "sleeper"}, {"step": "spawn", "template": "loner", "name": "free", "detached": true}, {"step": "yield"}, {"step": "fail", "message": "boom"}],
                               "sleeper": [{"step": "sleep", "duration": "50ms"}, {"step": "sleep", "duration": "3s"}],
                               "loner": [{"step": "sleep", "duration": "50ms"}, {"step": "yield"}]})",
        "{}", kOneWorker);
    ASSERT_FALSE(HasFailure());
    const RecordedRun run = record(s.base);
    ASSERT_EQ(run.result.end, RunEnd::Completed) << describe(run);
    EXPECT_LT(run.result.elapsed, 2s) << "the 3 s sleep was cancelled";
    const TaskInfo* main = task(run, "main");
    const TaskInfo* sleeper = task(run, "sleeper");
    const TaskInfo* free = task(run, "free");
    ASSERT_NE(main, nullptr);
    ASSERT_NE(sleeper, nullptr);
    ASSERT_NE(free, nullptr);
    EXPECT_EQ(main->phase, TaskPhase::Failed);
    EXPECT_EQ(errorOf(run, *main), "boom");
    EXPECT_EQ(sleeper->phase, TaskPhase::Cancelled);
    EXPECT_LT(sleeper->endedAt, 40'000'000u)
        << "cancelled with its parent, before its first sleep ended";
    // It reached its first sleep, never the second. One worker, main on it:
    // main's yield lets both spawned tasks run to their first sleep before main fails
    // (with two workers a slow thief could leave the sleeper unstarted).
    EXPECT_EQ(stepsOf(run, sleeper->id), (std::vector<std::uint32_t>{0}));
    // The detached one went on to the end.
    EXPECT_EQ(free->phase, TaskPhase::Completed);
    EXPECT_EQ(stepsOf(run, free->id), (std::vector<std::uint32_t>{0, 1}));
    // The abort came from main.
    bool abortedByMain = false;
    for (const Record& r : events(run, EventKind::Cancel, sleeper->id))
        if (r.sub == 0 && r.arg == main->id.value()) abortedByMain = true;
    EXPECT_TRUE(abortedByMain);
}

// As in Tokio: when the #[tokio::main] body returns, block_on returns and
// the runtime is dropped with the tasks still running; a main on a worker
// ("block_on": false, the body being elsewhere) does not end the run.
TEST(InterpreterTasks, TheRunEndsWhenMainReturnsAndTheRuntimeDropsTheRest) {
    const std::string templates =
        R"({"main": [{"step": "spawn", "template": "slow", "detached": true}, {"step": "sleep", "duration": "5ms"}],
            "slow": [{"step": "sleep", "duration": "1s"}]})";
    const Scenario s = load(templates);
    ASSERT_FALSE(HasFailure());
    const RecordedRun run = record(s.base);
    ASSERT_EQ(run.result.end, RunEnd::Completed) << describe(run);
    EXPECT_EQ(run.result.elapsed, 5ms);
    EXPECT_EQ(run.result.detail,
              "main returned: the runtime was dropped, cancelling the 1 task(s) still running");
    const Scenario onWorker =
        load(templates, "{}", kConfig, R"([{"template": "main", "block_on": false}])");
    ASSERT_FALSE(HasFailure());
    const RecordedRun all = record(onWorker.base);
    ASSERT_EQ(all.result.end, RunEnd::Completed) << describe(all);
    EXPECT_EQ(all.result.elapsed, 1s);
    EXPECT_EQ(all.result.detail, "every task finished");
}

TEST(InterpreterTasks, ChildrenOutliveAParentThatFinishesNormally) {
    // A spawned parent (main on a worker: its return does not end the run).
    const Scenario s = load(R"({"main": [{"step": "spawn", "template": "child"}],
                               "child": [{"step": "sleep", "duration": "20ms"}, {"step": "yield"}]})",
                            "{}", kConfig, R"([{"template": "main", "block_on": false}])");
    ASSERT_FALSE(HasFailure());
    const RecordedRun run = record(s.base);
    ASSERT_EQ(run.result.end, RunEnd::Completed) << describe(run);
    const TaskInfo* main = task(run, "main");
    const TaskInfo* child = task(run, "child");
    ASSERT_NE(main, nullptr);
    ASSERT_NE(child, nullptr);
    EXPECT_EQ(main->phase, TaskPhase::Completed);
    EXPECT_EQ(child->phase, TaskPhase::Completed);
    EXPECT_GT(child->endedAt, main->endedAt);
    EXPECT_EQ(stepsOf(run, child->id), (std::vector<std::uint32_t>{0, 1}));
}

TEST(InterpreterTasks, JoinByNameWaitsOnlyForThoseChildren) {
    const Scenario s = load(
        R"({"main": [{"step": "spawn", "template": "quick"}, {"step": "spawn", "template": "slow"}, {"step": "join", "task": "quick"}, {"step": "yield"}, {"step": "join"}],
                               "quick": [{"step": "sleep", "duration": "5ms"}],
                               "slow": [{"step": "sleep", "duration": "100ms"}]})");
    ASSERT_FALSE(HasFailure());
    const RecordedRun run = record(s.base);
    ASSERT_EQ(run.result.end, RunEnd::Completed) << describe(run);
    const TaskInfo* main = task(run, "main");
    const TaskInfo* quick = task(run, "quick");
    const TaskInfo* slow = task(run, "slow");
    ASSERT_NE(main, nullptr);
    ASSERT_NE(quick, nullptr);
    ASSERT_NE(slow, nullptr);
    const auto steps = events(run, EventKind::StepEnter, main->id);
    ASSERT_EQ(steps.size(), 5u);
    EXPECT_EQ(steps[3].arg, 3u);
    EXPECT_GE(steps[3].time, quick->endedAt) << "S3 comes after the named join";
    EXPECT_LT(steps[3].time, slow->endedAt) << "... and does not wait for the other child";
    EXPECT_GE(main->endedAt, slow->endedAt) << "the final join waits for it";
}

// ---------------------------------------------------------------- select, timeout, cancel

TEST(InterpreterSelect, TheFastBranchWinsAndTheSlowOneIsCancelled) {
    const Scenario s = load(
        R"({"main": [{"step": "select", "branches": [[{"step": "sleep", "duration": "5ms"}], [{"step": "sleep", "duration": "3s"}]]}, {"step": "yield"}]})");
    ASSERT_FALSE(HasFailure());
    const RecordedRun run = record(s.base);
    ASSERT_EQ(run.result.end, RunEnd::Completed) << describe(run);
    const TaskInfo* main = task(run, "main");
    const TaskInfo* fast = task(run, "main/select1");
    const TaskInfo* slow = task(run, "main/select2");
    ASSERT_NE(main, nullptr);
    ASSERT_NE(fast, nullptr);
    ASSERT_NE(slow, nullptr);
    EXPECT_EQ(main->phase, TaskPhase::Completed);
    EXPECT_EQ(fast->phase, TaskPhase::Completed);
    EXPECT_EQ(slow->phase, TaskPhase::Cancelled);
    // S0 is the select (main), S1 the fast branch, S2 the slow one, S3 main's yield.
    EXPECT_EQ(stepsOf(run, main->id), (std::vector<std::uint32_t>{0, 3}));
    EXPECT_EQ(stepsOf(run, fast->id), (std::vector<std::uint32_t>{1}));
    EXPECT_EQ(stepsOf(run, slow->id), (std::vector<std::uint32_t>{2}));
    EXPECT_EQ(fast->parent, main->id);
    EXPECT_EQ(slow->parent, main->id);
    EXPECT_GE(run.result.elapsed, 5ms);
    EXPECT_LT(run.result.elapsed, 1s) << "the 3 s branch did not hold the select up";
    EXPECT_LT(slow->endedAt, 1'000'000'000u);
}

TEST(InterpreterSelect, TimeoutCutsALongSleep) {
    const Scenario s = load(
        R"({"main": [{"step": "timeout", "duration": "10ms", "steps": [{"step": "sleep", "duration": "3s"}, {"step": "yield"}]}, {"step": "yield"}]})");
    ASSERT_FALSE(HasFailure());
    const RecordedRun run = record(s.base);
    ASSERT_EQ(run.result.end, RunEnd::Completed) << describe(run);
    const TaskInfo* main = task(run, "main");
    ASSERT_NE(main, nullptr);
    EXPECT_EQ(main->phase, TaskPhase::Completed);
    EXPECT_EQ(stepsOf(run, main->id), (std::vector<std::uint32_t>{0, 1, 3}))
        << "S2 inside the timeout never runs";
    EXPECT_GE(run.result.elapsed, 10ms);
    EXPECT_LT(run.result.elapsed, 1s);
}

TEST(InterpreterSelect, TimeoutThatDoesNotExpireLetsTheStepsFinish) {
    const Scenario s = load(
        R"({"main": [{"step": "timeout", "duration": "2s", "steps": [{"step": "sleep", "duration": "2ms"}, {"step": "yield"}]}, {"step": "yield"}]})");
    ASSERT_FALSE(HasFailure());
    const RecordedRun run = record(s.base);
    ASSERT_EQ(run.result.end, RunEnd::Completed) << describe(run);
    EXPECT_EQ(stepsOf(run, task(run, "main")->id), (std::vector<std::uint32_t>{0, 1, 2, 3}));
    EXPECT_LT(run.result.elapsed, 1s);
}

TEST(InterpreterSelect, CancelByGroupNameCancelsEveryMember) {
    const Scenario s = load(
        R"({"main": [{"step": "spawn", "template": "w", "count": 3}, {"step": "sleep", "duration": "5ms"}, {"step": "cancel", "task": "w"}, {"step": "join"}, {"step": "yield"}],
                               "w": [{"step": "sleep", "duration": "3s"}]})");
    ASSERT_FALSE(HasFailure());
    const RecordedRun run = record(s.base);
    ASSERT_EQ(run.result.end, RunEnd::Completed) << describe(run);
    const TaskInfo* main = task(run, "main");
    ASSERT_NE(main, nullptr);
    EXPECT_EQ(main->phase, TaskPhase::Completed) << "a join sees cancelled children and goes on";
    EXPECT_EQ(stepsOf(run, main->id), (std::vector<std::uint32_t>{0, 1, 2, 3, 4}));
    for (const char* n : {"w#1", "w#2", "w#3"}) {
        const TaskInfo* w = task(run, n);
        ASSERT_NE(w, nullptr);
        EXPECT_EQ(w->phase, TaskPhase::Cancelled) << n;
        bool byMain = false;
        for (const Record& r : events(run, EventKind::Cancel, w->id))
            if (r.sub == 0 && r.arg == main->id.value()) byMain = true;
        EXPECT_TRUE(byMain) << n << " was aborted by main's cancel step";
    }
    EXPECT_EQ(run.finalState.cancelled, 3u);
    EXPECT_LT(run.result.elapsed, 1s);
}

TEST(InterpreterSelect, CancelOneMemberOfAGroup) {
    const Scenario s = load(
        R"({"main": [{"step": "spawn", "template": "w", "count": 3}, {"step": "cancel", "task": "w#2"}, {"step": "join"}],
                               "w": [{"step": "sleep", "duration": "20ms"}]})");
    ASSERT_FALSE(HasFailure());
    const RecordedRun run = record(s.base);
    ASSERT_EQ(run.result.end, RunEnd::Completed) << describe(run);
    EXPECT_EQ(task(run, "w#1")->phase, TaskPhase::Completed);
    EXPECT_EQ(task(run, "w#2")->phase, TaskPhase::Cancelled);
    EXPECT_EQ(task(run, "w#3")->phase, TaskPhase::Completed);
}

TEST(InterpreterSelect, CancelStartTasksByName) {
    const Scenario s =
        load(R"({"main": [{"step": "sleep", "duration": "5ms"}, {"step": "cancel", "task": "idle"}],
                               "idler": [{"step": "sleep", "duration": "3s"}]})",
             "{}", kConfig,
             R"([{"template": "main"}, {"template": "idler", "count": 2, "name": "idle"}])");
    ASSERT_FALSE(HasFailure());
    const RecordedRun run = record(s.base);
    ASSERT_EQ(run.result.end, RunEnd::Completed) << describe(run);
    EXPECT_EQ(task(run, "idle#1")->phase, TaskPhase::Cancelled);
    EXPECT_EQ(task(run, "idle#2")->phase, TaskPhase::Cancelled);
    EXPECT_LT(run.result.elapsed, 1s);
}

// ---------------------------------------------------------------- mutex

TEST(InterpreterSync, AsyncMutexHandsTheLockOverInFifoOrder) {
    const Scenario s = load(R"({
        "main": [
          {"step": "spawn", "template": "holder"},
          {"step": "sleep", "duration": "10ms"},
          {"step": "spawn", "template": "waiter", "name": "a"},
          {"step": "sleep", "duration": "10ms"},
          {"step": "spawn", "template": "waiter", "name": "b"},
          {"step": "sleep", "duration": "10ms"},
          {"step": "spawn", "template": "waiter", "name": "c"},
          {"step": "join"}
        ],
        "holder": [{"step": "lock", "resource": "m"}, {"step": "sleep", "duration": "60ms"}, {"step": "unlock", "resource": "m"}],
        "waiter": [{"step": "lock", "resource": "m"}, {"step": "yield"}, {"step": "unlock", "resource": "m"}]
    })",
                            R"({"m": {"kind": "mutex"}})");
    ASSERT_FALSE(HasFailure());
    const RecordedRun run = record(s.base);
    ASSERT_EQ(run.result.end, RunEnd::Completed) << describe(run);
    auto async = [](std::vector<Record> rs) {
        std::erase_if(rs, [](const Record& r) {
            return r.sub != static_cast<std::uint8_t>(LockKind::AsyncMutex);
        });
        return rs;
    };
    const auto contends = async(events(run, EventKind::LockContend));
    const auto acquires = async(events(run, EventKind::LockAcquire));
    const auto releases = async(events(run, EventKind::LockRelease));
    // They queued in the order they were spawned (10 ms apart, while the
    // holder held the lock for 60 ms) ...
    EXPECT_EQ(namesOf(run, contends), (std::vector<std::string>{"a", "b", "c"})) << describe(run);
    // ... and got the lock in that order: FIFO hand-off.
    EXPECT_EQ(namesOf(run, acquires), (std::vector<std::string>{"holder", "a", "b", "c"}));
    // Each release handed the lock to the next waiter directly.
    ASSERT_EQ(releases.size(), 4u);
    EXPECT_EQ(nameOf(run, releases[0].task), "holder");
    EXPECT_EQ(nameOf(run, releases[0].arg2), "a");
    EXPECT_EQ(nameOf(run, releases[1].arg2), "b");
    EXPECT_EQ(nameOf(run, releases[2].arg2), "c");
    EXPECT_EQ(releases[3].arg2, 0u) << "nobody left to hand it to";
    // One mutex: every event names the same resource.
    for (const Record& r : acquires) EXPECT_EQ(r.arg, acquires[0].arg);
    const auto& lock = run.finalState.locks.at(trace::ResourceId(acquires[0].arg));
    EXPECT_EQ(lock.acquisitions, 4u);
    EXPECT_EQ(lock.contentions, 3u);
    EXPECT_EQ(lock.holder, trace::kNoTask);
}

// The loader rejects an unlock with no lock before it in straight-line
// steps (LoaderMisuse); a program built otherwise, or an unlock the loader
// cannot judge (after a select), still fails the task at run time. These
// tests build the misuse by changing a loaded program's step.
TEST(InterpreterSync, UnlockOfAMutexNotHeldFailsTheTask) {
    Scenario s = load(
        R"({"main": [{"step": "yield"}, {"step": "lock", "resource": "guard"}, {"step": "yield"}]})",
        R"({"guard": {"kind": "mutex"}})");
    ASSERT_FALSE(HasFailure());
    s.base.templates[0].steps[1].kind = StepKind::Unlock;
    const RecordedRun run = record(s.base);
    ASSERT_EQ(run.result.end, RunEnd::Completed) << describe(run);
    const TaskInfo* main = task(run, "main");
    ASSERT_NE(main, nullptr);
    EXPECT_EQ(main->phase, TaskPhase::Failed);
    EXPECT_EQ(errorOf(run, *main), "main: unlock of \"guard\", which this task does not hold");
    EXPECT_EQ(stepsOf(run, main->id), (std::vector<std::uint32_t>{0, 1}));
}

TEST(InterpreterSync, UnlockOfAMutexHeldByAnotherTaskFails) {
    Scenario s = load(
        R"({"main": [{"step": "lock", "resource": "m"}, {"step": "spawn", "template": "thief", "count": 2}, {"step": "join"}, {"step": "unlock", "resource": "m"}],
                               "thief": [{"step": "lock", "resource": "m"}]})",
        R"({"m": {"kind": "mutex"}})", kOneWorker);
    ASSERT_FALSE(HasFailure());
    ASSERT_EQ(s.base.templates[1].name, "thief");
    s.base.templates[1].steps[0].kind = StepKind::Unlock;
    const RecordedRun run = record(s.base);
    ASSERT_EQ(run.result.end, RunEnd::Completed) << describe(run);
    // The join awaits thief#1 first: its error fails main, whose failure
    // aborts thief#2 unless thief#2 already ran (JoinSet semantics). One
    // worker: thief#2, spawned last, takes the LIFO slot and runs (and fails)
    // first, so it already ran (with two workers, either could happen).
    const TaskInfo* thief = task(run, "thief#1");
    ASSERT_NE(thief, nullptr);
    EXPECT_EQ(thief->phase, TaskPhase::Failed);
    EXPECT_EQ(errorOf(run, *thief), "thief#1: unlock of \"m\", which this task does not hold");
    const TaskInfo* second = task(run, "thief#2");
    ASSERT_NE(second, nullptr);
    EXPECT_EQ(second->phase, TaskPhase::Failed);
    EXPECT_EQ(errorOf(run, *second), "thief#2: unlock of \"m\", which this task does not hold");
    EXPECT_EQ(task(run, "main")->phase, TaskPhase::Failed) << "its join saw the error";
}

TEST(InterpreterSync, BlockingUnlockOfAMutexNotHeldFailsTheTask) {
    Scenario s = load(R"({"main": [{"step": "blocking_lock", "resource": "bm"}]})",
                      R"({"bm": {"kind": "blocking_mutex"}})");
    ASSERT_FALSE(HasFailure());
    s.base.templates[0].steps[0].kind = StepKind::BlockingUnlock;
    const RecordedRun run = record(s.base);
    ASSERT_EQ(run.result.end, RunEnd::Completed) << describe(run);
    const TaskInfo* main = task(run, "main");
    ASSERT_NE(main, nullptr);
    EXPECT_EQ(main->phase, TaskPhase::Failed);
    EXPECT_EQ(errorOf(run, *main), "main: blocking_unlock of \"bm\", which it does not hold");
}

TEST(InterpreterSync, ALockHeldWhenATaskEndsIsReleased) {
    // A guard dropped with its task (a failing task here) frees the mutex.
    const Scenario s = load(
        R"({"main": [{"step": "spawn", "template": "doomed", "detached": true}, {"step": "sleep", "duration": "10ms"}, {"step": "lock", "resource": "m"}, {"step": "unlock", "resource": "m"}],
                               "doomed": [{"step": "lock", "resource": "m"}, {"step": "fail", "message": "while holding m"}]})",
        R"({"m": {"kind": "mutex"}})");
    ASSERT_FALSE(HasFailure());
    const RecordedRun run = record(s.base);
    ASSERT_EQ(run.result.end, RunEnd::Completed) << describe(run);
    EXPECT_EQ(task(run, "doomed")->phase, TaskPhase::Failed);
    EXPECT_EQ(task(run, "main")->phase, TaskPhase::Completed);
}

// ---------------------------------------------------------------- semaphore

TEST(InterpreterSync, SemaphoreNeverLetsMoreHoldersInThanItHasPermits) {
    const Scenario s = load(
        R"({"w": [{"step": "acquire", "resource": "s"}, {"step": "sleep", "duration": "20ms"}, {"step": "release", "resource": "s"}]})",
        R"({"s": {"kind": "semaphore", "permits": 2}})", kConfig,
        R"([{"template": "w", "count": 5}])");
    ASSERT_FALSE(HasFailure());
    const RecordedRun run = record(s.base);
    ASSERT_EQ(run.result.end, RunEnd::Completed) << describe(run);
    std::int64_t held = 0, most = 0;
    std::size_t acquires = 0, releases = 0, waits = 0;
    std::map<std::uint32_t, int> perTask;
    for (std::size_t i = 0; i < run.trace.size(); ++i) {
        const Record r = run.trace.at(i);
        if (r.kind == EventKind::SemAcquire) {
            held += r.arg2;
            ++acquires;
            ++perTask[r.task];
            EXPECT_EQ(r.arg2, 1u);
        } else if (r.kind == EventKind::SemRelease) {
            held -= r.arg2;
            ++releases;
        } else if (r.kind == EventKind::SemWait) {
            ++waits;
        } else {
            continue;
        }
        EXPECT_GE(held, 0) << "at event " << i;
        EXPECT_LE(held, 2) << "at event " << i << ": more holders than permits";
        most = std::max(most, held);
    }
    EXPECT_EQ(most, 2) << "both permits were in use at once";
    EXPECT_EQ(acquires, 5u);
    EXPECT_EQ(releases, 5u);
    EXPECT_EQ(waits, 3u) << "three of the five had to wait";
    EXPECT_EQ(perTask.size(), 5u);
    EXPECT_EQ(held, 0);
    // Five 20 ms holds through two permits take at least three rounds.
    EXPECT_GE(run.result.elapsed, 60ms);
    for (const auto& [id, sem] : run.finalState.semaphores)
        EXPECT_TRUE(sem.holders.empty()) << id.value();
}

TEST(InterpreterSync, ReleasingPartOfThePermitsKeepsTheRest) {
    // a takes all 3 permits, gives 1 back, and keeps 2 for 40 ms; b asks for
    // 2 meanwhile and must wait for a's second release.
    const Scenario s = load(
        R"({"a": [{"step": "acquire", "resource": "s", "permits": 3}, {"step": "release", "resource": "s", "permits": 1}, {"step": "sleep", "duration": "40ms"}, {"step": "release", "resource": "s", "permits": 2}],
                               "b": [{"step": "sleep", "duration": "10ms"}, {"step": "acquire", "resource": "s", "permits": 2}, {"step": "release", "resource": "s", "permits": 2}]})",
        R"({"s": {"kind": "semaphore", "permits": 3}})", kConfig,
        R"([{"template": "a"}, {"template": "b"}])");
    ASSERT_FALSE(HasFailure());
    const RecordedRun run = record(s.base);
    ASSERT_EQ(run.result.end, RunEnd::Completed) << describe(run);
    const TaskInfo* a = task(run, "a");
    const TaskInfo* b = task(run, "b");
    ASSERT_NE(a, nullptr);
    ASSERT_NE(b, nullptr);
    const auto aReleases = events(run, EventKind::SemRelease, a->id);
    std::vector<std::uint32_t> released;
    for (const Record& r : aReleases) released.push_back(r.arg2);
    EXPECT_EQ(released, (std::vector<std::uint32_t>{1, 2})) << "a gave back 1, then 2";
    const auto bAcquires = events(run, EventKind::SemAcquire, b->id);
    ASSERT_EQ(bAcquires.size(), 1u);
    ASSERT_EQ(aReleases.size(), 2u);
    EXPECT_GE(bAcquires[0].time, aReleases[1].time)
        << "b got its 2 permits only when a released its last 2";
    EXPECT_EQ(events(run, EventKind::SemWait, b->id).size(), 1u) << "b had to wait";
}

// ---------------------------------------------------------------- channels

TEST(InterpreterChannels, ABoundedChannelOfCapacityOneMakesTheSenderWait) {
    const Scenario s = load(
        R"({"main": [{"step": "spawn", "template": "consumer"}, {"step": "repeat", "count": 3, "steps": [{"step": "send", "resource": "c"}]}, {"step": "join"}],
                               "consumer": [{"step": "sleep", "duration": "20ms"}, {"step": "repeat", "count": 3, "steps": [{"step": "recv", "resource": "c"}]}]})",
        R"({"c": {"kind": "channel", "capacity": 1}})");
    ASSERT_FALSE(HasFailure());
    const RecordedRun run = record(s.base);
    ASSERT_EQ(run.result.end, RunEnd::Completed) << describe(run);
    const TaskInfo* main = task(run, "main");
    const TaskInfo* consumer = task(run, "consumer");
    ASSERT_NE(main, nullptr);
    ASSERT_NE(consumer, nullptr);
    const auto full = events(run, EventKind::ChanFull, main->id);
    ASSERT_FALSE(full.empty()) << "the second send found the channel full";
    for (const Record& r : full) EXPECT_EQ(r.arg2, 1u) << "ChanFull carries the capacity";
    // (A send that waited and was completed by a receive emits no ChanSend,
    // and a receive completed by a waiting send no ChanRecv: the engine's
    // events mark who did the work, so they are not one per message.)
    for (const Record& r : events(run, EventKind::ChanSend))
        EXPECT_LE(r.arg2, 1u) << "never more than one buffered";
    for (const Record& r : events(run, EventKind::ChanRecv)) EXPECT_LE(r.arg2, 1u);
    const auto recvs = events(run, EventKind::ChanRecv, consumer->id);
    ASSERT_FALSE(recvs.empty());
    EXPECT_GE(recvs.front().time, 20'000'000u) << "the consumer slept 20 ms first";
    EXPECT_LT(full.front().time, recvs.front().time)
        << "the sender waited before the consumer woke up";
    // main enters its send step (S2) three times; the third time only after
    // the second send completed, which needed a receive to make room.
    const auto steps = events(run, EventKind::StepEnter, main->id);
    std::vector<std::uint64_t> sendSteps;
    for (const Record& r : steps)
        if (r.arg == 2) sendSteps.push_back(r.time);
    ASSERT_EQ(sendSteps.size(), 3u);
    EXPECT_LT(sendSteps[1], recvs.front().time);
    EXPECT_GE(sendSteps[2], recvs.front().time);
    EXPECT_EQ(stepsOf(run, consumer->id), (std::vector<std::uint32_t>{0, 1, 2, 2, 2}));
    EXPECT_EQ(consumer->phase, TaskPhase::Completed);
    EXPECT_EQ(main->phase, TaskPhase::Completed);
    EXPECT_GE(run.result.elapsed, 20ms);
}

// Tokio's coop budget (128 per poll) charges bounded sends, which await,
// but not UnboundedSender::send, a plain call: 1,000 unbounded sends take
// one poll, 1,000 bounded ones (capacity 2,000) need about 1000 / 128 more.
TEST(InterpreterChannels, UnboundedSendsCostNoCoopBudget) {
    auto pollsOfMain = [](const char* kind) {
        const std::string res = std::string(R"({"c": {"kind": ")") + kind + "\"" +
                                (std::string(kind) == "channel" ? R"(, "capacity": 2000)" : "") +
                                "}}";
        const Scenario s = load(
            R"({"main": [{"step": "repeat", "count": 1000, "steps": [{"step": "send", "resource": "c"}]}]})",
            res, R"({"workers": 1, "flavor": "current_thread", "budget": 128})");
        if (::testing::Test::HasFailure()) return std::uint64_t{0};
        const RecordedRun run = record(s.base);
        const TaskInfo* main = task(run, "main");
        return main ? main->polls : 0;
    };
    EXPECT_EQ(pollsOfMain("unbounded_channel"), 1u);
    const std::uint64_t bounded = pollsOfMain("channel");
    EXPECT_GE(bounded, 8u);
    EXPECT_LE(bounded, 9u);
}

TEST(InterpreterChannels, LoopEndsAfterCloseOnceDrained) {
    const Scenario s = load(
        R"({"main": [{"step": "spawn", "template": "producer"}, {"step": "loop", "resource": "c", "steps": [{"step": "call", "template": "handle"}]}, {"step": "yield"}],
                               "producer": [{"step": "repeat", "count": 5, "steps": [{"step": "send", "resource": "c"}]}, {"step": "sleep", "duration": "5ms"}, {"step": "send", "resource": "c"}, {"step": "close", "resource": "c"}],
                               "handle": [{"step": "yield"}]})",
        R"({"c": {"kind": "unbounded_channel"}})");
    ASSERT_FALSE(HasFailure());
    const RecordedRun run = record(s.base);
    ASSERT_EQ(run.result.end, RunEnd::Completed) << describe(run);
    EXPECT_EQ(run.result.templateRuns, (std::vector<std::uint64_t>{1, 1, 6}))
        << "six messages, six bodies";
    const TaskInfo* main = task(run, "main");
    ASSERT_NE(main, nullptr);
    EXPECT_EQ(main->phase, TaskPhase::Completed);
    EXPECT_EQ(events(run, EventKind::ChanClose).size(), 1u);
    // S0 spawn, S1 loop, then per message S2 (the call) and the handler's
    // S0 inline, and S3 once the channel is closed and drained.
    std::vector<std::uint32_t> expected = {0, 1};
    for (int i = 0; i < 6; ++i) expected.insert(expected.end(), {2, 0});
    expected.push_back(3);
    EXPECT_EQ(stepsOf(run, main->id), expected);
    EXPECT_EQ(task(run, "producer")->phase, TaskPhase::Completed);
}

TEST(InterpreterChannels, ABatchedLoopRunsItsBodyOncePerRecvMany) {
    // Six messages wait in the buffer when the loop starts: recv_many with a
    // limit of 4 takes four, then two, then sees the end.
    const Scenario s = load(
        R"({"main": [{"step": "spawn", "template": "producer"}, {"step": "sleep", "duration": "1ms"}, {"step": "loop", "resource": "c", "batch": 4, "steps": [{"step": "call", "template": "handle"}]}],
                               "producer": [{"step": "repeat", "count": 6, "steps": [{"step": "send", "resource": "c"}]}, {"step": "close", "resource": "c"}],
                               "handle": [{"step": "compute", "duration": "1ms"}]})",
        R"({"c": {"kind": "unbounded_channel"}})");
    ASSERT_FALSE(HasFailure());
    const RecordedRun run = record(s.base);
    ASSERT_EQ(run.result.end, RunEnd::Completed) << describe(run);
    EXPECT_EQ(run.result.templateRuns, (std::vector<std::uint64_t>{1, 1, 2}))
        << "two batches, two bodies";
    EXPECT_EQ(events(run, EventKind::ChanRecv).size(), 6u) << "every message was received";
    EXPECT_EQ(run.result.elapsed, std::chrono::milliseconds(3)) << "1 ms sleep + two 1 ms bodies";
}

TEST(InterpreterChannels, LoopOnAnEmptyChannelEndsWhenItIsClosed) {
    const Scenario s = load(
        R"({"main": [{"step": "spawn", "template": "closer"}, {"step": "loop", "resource": "c", "steps": [{"step": "yield"}]}],
                               "closer": [{"step": "sleep", "duration": "10ms"}, {"step": "close", "resource": "c"}]})",
        R"({"c": {"kind": "channel", "capacity": 4}})");
    ASSERT_FALSE(HasFailure());
    const RecordedRun run = record(s.base);
    ASSERT_EQ(run.result.end, RunEnd::Completed) << describe(run);
    const TaskInfo* main = task(run, "main");
    ASSERT_NE(main, nullptr);
    EXPECT_EQ(main->phase, TaskPhase::Completed);
    EXPECT_EQ(stepsOf(run, main->id), (std::vector<std::uint32_t>{0, 1})) << "the body never ran";
    EXPECT_FALSE(events(run, EventKind::ChanEmpty, main->id).empty())
        << "it waited on the empty channel";
}

TEST(InterpreterChannels, SendAndRecvOnAClosedChannelFail) {
    const Scenario s = load(
        R"({"main": [{"step": "close", "resource": "c"}, {"step": "spawn", "template": "sender", "detached": true}, {"step": "recv", "resource": "c"}],
                               "sender": [{"step": "send", "resource": "c"}]})",
        // A spawned main: its failure does not end the run before the sender runs.
        R"({"c": {"kind": "channel", "capacity": 2}})", kConfig,
        R"([{"template": "main", "block_on": false}])");
    ASSERT_FALSE(HasFailure());
    const RecordedRun run = record(s.base);
    ASSERT_EQ(run.result.end, RunEnd::Completed) << describe(run);
    EXPECT_EQ(errorOf(run, *task(run, "main")), "main: recv on closed channel \"c\"");
    EXPECT_EQ(errorOf(run, *task(run, "sender")), "sender: send on closed channel \"c\"");
}

// The loader rejects a second recv (LoaderMisuse); the interpreter still
// refuses one in a program built otherwise (main's last step becomes it).
TEST(InterpreterChannels, OneshotCarriesOneMessage) {
    Scenario s = load(
        R"({"main": [{"step": "spawn", "template": "replier"}, {"step": "recv", "resource": "reply"}, {"step": "join"}, {"step": "yield"}],
                               "replier": [{"step": "sleep", "duration": "5ms"}, {"step": "send", "resource": "reply"}]})",
        R"({"reply": {"kind": "oneshot"}})");
    ASSERT_FALSE(HasFailure());
    s.base.templates[0].steps[3].kind = StepKind::Recv;
    s.base.templates[0].steps[3].resource = s.base.templates[0].steps[1].resource;
    const RecordedRun run = record(s.base);
    ASSERT_EQ(run.result.end, RunEnd::Completed) << describe(run);
    EXPECT_EQ(task(run, "replier")->phase, TaskPhase::Completed);
    const TaskInfo* main = task(run, "main");
    EXPECT_EQ(stepsOf(run, main->id), (std::vector<std::uint32_t>{0, 1, 2, 3}));
    EXPECT_EQ(main->phase, TaskPhase::Failed);
    EXPECT_EQ(errorOf(run, *main), "main: oneshot \"reply\" was already received from");
}

TEST(InterpreterChannels, NotifyAllWakesEveryWaiter) {
    const Scenario s = load(
        R"({"main": [{"step": "spawn", "template": "waiter", "count": 3}, {"step": "sleep", "duration": "30ms"}, {"step": "notify", "resource": "n", "all": true}, {"step": "join"}],
                               "waiter": [{"step": "wait", "resource": "n"}, {"step": "yield"}]})",
        R"({"n": {"kind": "notify"}})");
    ASSERT_FALSE(HasFailure());
    const RecordedRun run = record(s.base);
    ASSERT_EQ(run.result.end, RunEnd::Completed) << describe(run);
    for (const char* n : {"waiter#1", "waiter#2", "waiter#3"}) {
        const TaskInfo* w = task(run, n);
        ASSERT_NE(w, nullptr);
        EXPECT_EQ(w->phase, TaskPhase::Completed) << n;
        EXPECT_EQ(events(run, EventKind::NotifyWait, w->id).size(), 1u) << n;
        EXPECT_GE(w->endedAt, 30'000'000u) << n << " waited for the notification";
    }
}

// ---------------------------------------------------------------- blocking

TEST(InterpreterBlocking, SpawnBlockingRunsOnABlockingThread) {
    const Scenario s = load(
        R"({"main": [{"step": "spawn_blocking", "steps": [{"step": "blocking_sleep", "duration": "20ms"}, {"step": "compute", "duration": "1ms"}]}, {"step": "yield"}]})");
    ASSERT_FALSE(HasFailure());
    const RecordedRun run = record(s.base);
    ASSERT_EQ(run.result.end, RunEnd::Completed) << describe(run);
    const TaskInfo* main = task(run, "main");
    ASSERT_NE(main, nullptr);
    const auto starts = events(run, EventKind::BlockingStart);
    const auto ends = events(run, EventKind::BlockingEnd);
    ASSERT_EQ(starts.size(), 1u);
    ASSERT_EQ(ends.size(), 1u);
    EXPECT_TRUE(starts[0].onBlockingThread())
        << "the job ran on the blocking pool, not on a worker";
    EXPECT_FALSE(starts[0].onWorker());
    EXPECT_EQ(trace::TaskId(starts[0].arg), main->id) << "main awaits the job";
    EXPECT_EQ(ends[0].task, starts[0].task) << "the same job id";
    EXPECT_EQ(ends[0].worker, starts[0].worker);
    EXPECT_GE(ends[0].time - starts[0].time, 21'000'000u)
        << "20 ms of blocking sleep and 1 ms of compute";
    // (BlockingEnd is emitted after the job woke main, so compare with the start.)
    EXPECT_GE(main->endedAt, starts[0].time + 21'000'000u) << "main awaited the job";
    EXPECT_EQ(stepsOf(run, main->id), (std::vector<std::uint32_t>{0, 3}))
        << "S1 and S2 run on the blocking thread, not as task await points";
    // main never blocked a worker for that long: it was suspended meanwhile.
    EXPECT_LT(main->longestPollNs, 15'000'000u);
}

TEST(InterpreterBlocking, ADetachedSpawnBlockingDoesNotDelayTheTask) {
    const Scenario s = load(
        R"({"main": [{"step": "spawn_blocking", "detached": true, "steps": [{"step": "blocking_sleep", "duration": "300ms"}]}, {"step": "yield"}]})");
    ASSERT_FALSE(HasFailure());
    const RecordedRun run = record(s.base);
    ASSERT_EQ(run.result.end, RunEnd::Completed) << describe(run);
    const TaskInfo* main = task(run, "main");
    ASSERT_NE(main, nullptr);
    EXPECT_EQ(main->phase, TaskPhase::Completed);
    EXPECT_EQ(stepsOf(run, main->id), (std::vector<std::uint32_t>{0, 2}));
    EXPECT_LT(main->endedAt - main->spawnedAt, 150'000'000u)
        << "main did not wait for the 300 ms job";
    EXPECT_LT(run.result.elapsed, 300ms)
        << "the run ends with its tasks, not with the detached job";
    // (Whether the job even started before the shutdown is up to the
    // scheduler: a queued blocking job is dropped by the shutdown, as in Tokio.)
}

// Note for ThreadSanitizer runs: this test sometimes (about 1 run in 10
// under load) makes TSan report a data race inside the engine, not in the
// scenario code: BlockingPool::threadMain (runtime.cpp) drops its
// exception_ptr to the job's error on the blocking thread, which frees the
// runtime_error's string, while the worker read that string in
// errorMessage() (runtime.cpp). The reference counts that order the two
// live in the uninstrumented libstdc++, so it is most likely a false
// positive; releasing the job's exception_ptr before waking the awaiting
// task (or a TSan suppression) would silence it. See the test report.
TEST(InterpreterBlocking, AFailingBlockingJobFailsTheTaskThatAwaitsIt) {
    const Scenario s = load(
        R"({"main": [{"step": "spawn_blocking", "steps": [{"step": "repeat", "count": 2, "steps": [{"step": "compute", "duration": "100us"}]}, {"step": "fail", "message": "pool error"}]}, {"step": "yield"}]})");
    ASSERT_FALSE(HasFailure());
    const RecordedRun run = record(s.base);
    ASSERT_EQ(run.result.end, RunEnd::Completed) << describe(run);
    const TaskInfo* main = task(run, "main");
    ASSERT_NE(main, nullptr);
    EXPECT_EQ(main->phase, TaskPhase::Failed);
    EXPECT_EQ(errorOf(run, *main), "pool error");
    EXPECT_EQ(stepsOf(run, main->id), (std::vector<std::uint32_t>{0}));
}

TEST(InterpreterBlocking, BlockingLockAcrossASleepOnCurrentThreadDeadlocks) {
    const Scenario s = load(
        R"({"main": [{"step": "blocking_lock", "resource": "bm"}, {"step": "sleep", "duration": "5ms"}, {"step": "blocking_lock", "resource": "bm"}]})",
        R"({"bm": {"kind": "blocking_mutex"}})",
        R"({"flavor": "current_thread", "time_limit": "10s"})");
    ASSERT_FALSE(HasFailure());
    const RecordedRun run = record(s.base);
    ASSERT_EQ(run.result.end, RunEnd::Deadlock) << describe(run);
    EXPECT_EQ(run.result.detail,
              "every worker thread is blocked in blocking_lock, and the holders are tasks that "
              "need a worker to run");
    // Under the virtual clock (the format's default) the deadlock is
    // declared at the instant the second blocking_lock blocks the thread.
    EXPECT_EQ(run.result.elapsed, 5ms);
    EXPECT_GE(findings(run, "deadlock"), 1u) << describe(run);
    EXPECT_EQ(run.result.stats.workers.size(), 1u) << "current_thread: one worker";
}

TEST(InterpreterBlocking, TwoTasksSharingABlockingMutexAcrossASleepDeadlock) {
    const Scenario s = load(
        R"({"main": [{"step": "blocking_lock", "resource": "bm"}, {"step": "sleep", "duration": "20ms"}, {"step": "blocking_unlock", "resource": "bm"}]})",
        R"({"bm": {"kind": "blocking_mutex"}})",
        R"({"flavor": "current_thread", "time_limit": "10s"})",
        R"([{"template": "main", "count": 2}])");
    ASSERT_FALSE(HasFailure());
    const RecordedRun run = record(s.base);
    ASSERT_EQ(run.result.end, RunEnd::Deadlock) << describe(run);
    ASSERT_GE(findings(run, "deadlock"), 1u) << describe(run);
    std::set<std::string> involved;
    for (const trace::Finding& f : run.findings)
        if (f.kind == trace::FindingKind::Deadlock)
            for (std::uint32_t t : f.tasks) involved.insert(nameOf(run, t));
    EXPECT_EQ(involved, (std::set<std::string>{"main#1", "main#2"}));
}

TEST(InterpreterBlocking, ATimerArmedWhileTheOtherWorkerSleepsStillFires) {
    // Regression: on a 2-worker runtime worker 1 parks while no timer
    // exists. "holder" then arms a 20 ms timer on worker 0 and worker 0
    // blocks in blocking_lock. As in Tokio, the parked worker holds the timer
    // driver and the registration unparks it: the timer fires after 20 ms,
    // "holder" runs on worker 1 and unlocks, and everything completes.
    // (It used to hang: a worker parked without timers took no driver role.)
    const Scenario s = load(
        R"({"holder": [{"step": "compute", "duration": "5ms"}, {"step": "spawn", "template": "taker", "detached": true}, {"step": "blocking_lock", "resource": "bm"}, {"step": "sleep", "duration": "20ms"}, {"step": "blocking_unlock", "resource": "bm"}],
                               "taker": [{"step": "blocking_lock", "resource": "bm"}, {"step": "blocking_unlock", "resource": "bm"}]})",
        R"({"bm": {"kind": "blocking_mutex"}})", R"({"workers": 2, "time_limit": "500ms"})",
        R"([{"template": "holder"}])");
    ASSERT_FALSE(HasFailure());
    const RecordedRun run = record(s.base);
    EXPECT_EQ(run.result.end, RunEnd::Completed) << describe(run);
    EXPECT_FALSE(events(run, EventKind::TimerFire).empty()) << "the 20 ms timer never fired";
    EXPECT_GE(findings(run, "blocking_the_runtime"), 1u) << "taker blocked its worker ~15 ms";
}

// ---------------------------------------------------------------- run ends

TEST(InterpreterEnds, PendingWithoutWakerIsStuckWithALostWaker) {
    const Scenario s = load(
        R"({"main": [{"step": "yield"}, {"step": "pending_without_waker"}, {"step": "yield"}]})");
    ASSERT_FALSE(HasFailure());
    const RecordedRun run = record(s.base);
    ASSERT_EQ(run.result.end, RunEnd::Stuck) << describe(run);
    EXPECT_EQ(run.result.detail,
              "1 task(s) wait for something that can never happen (nothing is runnable, no timer "
              "is armed)");
    EXPECT_LT(run.result.elapsed, 5s);
    ASSERT_EQ(findings(run, "lost_waker"), 1u) << describe(run);
    const TaskInfo* main = task(run, "main");
    ASSERT_NE(main, nullptr);
    for (const trace::Finding& f : run.findings)
        if (f.kind == trace::FindingKind::LostWaker) {
            ASSERT_FALSE(f.tasks.empty());
            EXPECT_EQ(f.tasks[0], main->id.value());
        }
    EXPECT_EQ(stepsOf(run, main->id), (std::vector<std::uint32_t>{0, 1}));
    EXPECT_EQ(main->phase, TaskPhase::Idle)
        << "the run's final state is the instant it was found stuck, before the shutdown";
    EXPECT_EQ(run.result.stats.alive, 1u) << "stats are taken before the shutdown";
}

TEST(InterpreterEnds, AsyncLockOrderInversionIsStuckWithADeadlock) {
    const Scenario s = load(
        R"({"a": [{"step": "lock", "resource": "m1"}, {"step": "sleep", "duration": "30ms"}, {"step": "lock", "resource": "m2"}, {"step": "unlock", "resource": "m2"}, {"step": "unlock", "resource": "m1"}],
                               "b": [{"step": "lock", "resource": "m2"}, {"step": "sleep", "duration": "30ms"}, {"step": "lock", "resource": "m1"}, {"step": "unlock", "resource": "m1"}, {"step": "unlock", "resource": "m2"}]})",
        R"({"m1": {"kind": "mutex"}, "m2": {"kind": "mutex"}})", kConfig,
        R"([{"template": "a"}, {"template": "b"}])");
    ASSERT_FALSE(HasFailure());
    const RecordedRun run = record(s.base);
    ASSERT_EQ(run.result.end, RunEnd::Stuck) << describe(run);
    EXPECT_EQ(run.result.detail,
              "2 task(s) wait for something that can never happen (nothing is runnable, no timer "
              "is armed)");
    ASSERT_EQ(findings(run, "deadlock"), 1u) << describe(run);
    for (const trace::Finding& f : run.findings)
        if (f.kind == trace::FindingKind::Deadlock) {
            std::set<std::string> names;
            for (std::uint32_t t : f.tasks) names.insert(nameOf(run, t));
            EXPECT_EQ(names, (std::set<std::string>{"a", "b"}));
            EXPECT_EQ(f.resources.size(), 2u);
        }
    EXPECT_EQ(stepsOf(run, task(run, "a")->id), (std::vector<std::uint32_t>{0, 1, 2}));
    EXPECT_EQ(stepsOf(run, task(run, "b")->id), (std::vector<std::uint32_t>{0, 1, 2}));
}

TEST(InterpreterEnds, RecvThatNobodyAnswersIsStuck) {
    const Scenario s = load(R"({"main": [{"step": "recv", "resource": "c"}]})",
                            R"({"c": {"kind": "unbounded_channel"}})");
    ASSERT_FALSE(HasFailure());
    const RecordedRun run = record(s.base);
    EXPECT_EQ(run.result.end, RunEnd::Stuck) << describe(run);
    EXPECT_EQ(findings(run, "lost_waker"), 0u)
        << "the task has a waker registered: it is not a lost wake-up";
}

TEST(InterpreterEnds, ARunLongerThanTheTimeLimitTimesOut) {
    const Scenario s = load(R"({"main": [{"step": "sleep", "duration": "3s"}]})", "{}",
                            R"({"workers": 1, "time_limit": "50ms"})");
    ASSERT_FALSE(HasFailure());
    EXPECT_EQ(s.base.settings.timeLimit, 50ms);
    const RecordedRun run = record(s.base);
    ASSERT_EQ(run.result.end, RunEnd::TimedOut) << describe(run);
    EXPECT_EQ(run.result.detail, "the time limit of 50ms passed with 1 task(s) unfinished");
    EXPECT_GE(run.result.elapsed, 50ms);
    EXPECT_LT(run.result.elapsed, 2s);
    EXPECT_EQ(task(run, "main")->phase, TaskPhase::Idle) << "unfinished, still sleeping";
    EXPECT_EQ(run.finalState.cancelled, 0u) << "the shutdown's cancellations come later";
}

TEST(InterpreterEnds, UnfinishedTasksOfATimedOutRunPassAnUnfinishedExpectation) {
    LoadResult r = loadScenario(
        R"({"version": 1, "title": "t", "config": {"workers": 1, "time_limit": "50ms"},
            "templates": {"main": [{"step": "sleep", "duration": "3s"}]},
            "start": [{"template": "main"}],
            "expectations": [{"expect": "task", "task": "main", "state": "unfinished"}]})",
        "inline.json");
    ASSERT_TRUE(r.ok()) << r.errors[0].format();
    const RecordedRun run = record(r.scenario->base);
    ASSERT_EQ(run.result.end, RunEnd::TimedOut) << describe(run);
    const auto outcomes = evaluate(r.scenario->base, run,
                                   [&](const std::string&) -> const RecordedRun& { return run; });
    ASSERT_EQ(outcomes.size(), 1u);
    EXPECT_TRUE(outcomes[0].passed) << outcomes[0].message;
}

TEST(InterpreterEnds, TheTimeLimitCanBeOverridden) {
    const Scenario s = load(R"({"main": [{"step": "sleep", "duration": "3s"}]})");
    ASSERT_FALSE(HasFailure());
    RunOverrides o;
    o.timeLimit = 30ms;
    const RecordedRun run = record(s.base, o);
    ASSERT_EQ(run.result.end, RunEnd::TimedOut) << describe(run);
    EXPECT_EQ(run.result.detail, "the time limit of 30ms passed with 1 task(s) unfinished");
    EXPECT_LT(run.result.elapsed, 2s);
}

TEST(InterpreterEnds, StopEndsTheRunAsStopped) {
    const Scenario s = load(R"({"main": [{"step": "sleep", "duration": "3s"}]})", "{}",
                            R"({"workers": 2, "time_limit": "10s", "clock": "real"})");
    ASSERT_FALSE(HasFailure());
    Interpreter in(s.base);
    EXPECT_EQ(&in.program(), &s.base);
    in.start();
    EXPECT_FALSE(in.poll());
    std::this_thread::sleep_for(5ms);
    EXPECT_FALSE(in.poll());
    EXPECT_FALSE(in.ended());
    in.stop();
    EXPECT_TRUE(in.poll());
    EXPECT_TRUE(in.ended());
    EXPECT_TRUE(in.poll()) << "stays ended";
    const RunResult r = in.finish();
    EXPECT_EQ(r.end, RunEnd::Stopped);
    EXPECT_EQ(r.detail, "stopped by the user");
    EXPECT_EQ(r.stats.alive, 1u);
    EXPECT_LT(r.elapsed, 2s);
    EXPECT_EQ(r.templateRuns, (std::vector<std::uint64_t>{1}));
}

TEST(InterpreterEnds, FinishBeforeTheEndStops) {
    const Scenario s = load(R"({"main": [{"step": "sleep", "duration": "3s"}]})", "{}",
                            R"({"workers": 2, "time_limit": "10s", "clock": "real"})");
    ASSERT_FALSE(HasFailure());
    Interpreter in(s.base);
    in.start();
    const RunResult r = in.finish();
    EXPECT_EQ(r.end, RunEnd::Stopped);
}

TEST(InterpreterEnds, AStopFlagStopsRunProgram) {
    const Scenario s = load(R"({"main": [{"step": "sleep", "duration": "3s"}]})", "{}",
                            R"({"workers": 2, "time_limit": "10s", "clock": "real"})");
    ASSERT_FALSE(HasFailure());
    std::atomic<bool> flag{false};
    int progressCalls = 0;
    const RunResult r = runProgram(s.base, {}, nullptr, &flag, [&](Interpreter& in) {
        ++progressCalls;
        EXPECT_FALSE(in.ended());
        flag.store(true);
    });
    EXPECT_EQ(r.end, RunEnd::Stopped);
    EXPECT_GE(progressCalls, 1);
    EXPECT_LT(r.elapsed, 2s);
}

TEST(InterpreterEnds, RunEndNames) {
    EXPECT_EQ(toString(RunEnd::Completed), "completed");
    EXPECT_EQ(toString(RunEnd::Stuck), "stuck");
    EXPECT_EQ(toString(RunEnd::Deadlock), "deadlock");
    EXPECT_EQ(toString(RunEnd::TimedOut), "timed out");
    EXPECT_EQ(toString(RunEnd::Stopped), "stopped");
}

// ---------------------------------------------------------------- io, config

TEST(InterpreterIo, JitterStaysWithinDurationAndDurationPlusJitter) {
    const Scenario s = load(
        R"({"main": [{"step": "repeat", "count": 10, "steps": [{"step": "io", "duration": "5ms", "jitter": "5ms"}]}]})");
    ASSERT_FALSE(HasFailure());
    const RecordedRun run = record(s.base);
    ASSERT_EQ(run.result.end, RunEnd::Completed) << describe(run);
    const TaskInfo* main = task(run, "main");
    ASSERT_NE(main, nullptr);
    // Each io step: StepEnter (before the sleep is created), then
    // TimerRegister (after its deadline was computed). The requested latency
    // lies between (deadline - register time) and (deadline - step time).
    std::vector<Record> seq;
    for (std::size_t i = 0; i < run.trace.size(); ++i) {
        const Record r = run.trace.at(i);
        if (r.task == main->id.value() &&
            (r.kind == EventKind::StepEnter || r.kind == EventKind::TimerRegister))
            seq.push_back(r);
    }
    std::int64_t lowest = INT64_MAX, highest = 0;
    std::size_t timers = 0;
    for (std::size_t i = 0; i + 1 < seq.size(); ++i) {
        if (seq[i].kind != EventKind::StepEnter || seq[i].arg != 1) continue;
        ASSERT_EQ(seq[i + 1].kind, EventKind::TimerRegister);
        ++timers;
        const auto deadline =
            static_cast<std::int64_t>(seq[i + 1].deadline());  // to the microsecond below
        const std::int64_t atMost = deadline + 1000 - static_cast<std::int64_t>(seq[i].time);
        const std::int64_t atLeast = deadline - static_cast<std::int64_t>(seq[i + 1].time);
        EXPECT_GE(atMost, 5'000'000) << "io " << timers << " waited less than its duration";
        EXPECT_LE(atLeast, 10'000'000) << "io " << timers << " waited more than duration + jitter";
        lowest = std::min(lowest, atLeast);
        highest = std::max(highest, atLeast);
    }
    EXPECT_EQ(timers, 10u);
    EXPECT_GT(highest - lowest, 1'000'000) << "the jitter varies from one io to the next";
    EXPECT_GE(run.result.elapsed, 50ms);
}

TEST(InterpreterIo, EffectiveConfigAppliesOverrides) {
    const Scenario s =
        load(R"({"main": []})", "{}", R"({"workers": 3, "seed": 5, "time_scale": 2})");
    ASSERT_FALSE(HasFailure());
    const RuntimeConfig plain = effectiveConfig(s.base, {});
    EXPECT_EQ(plain.workers, 3u);
    EXPECT_EQ(plain.seed, 5u);
    EXPECT_DOUBLE_EQ(plain.timeScale, 2.0);
    RunOverrides o;
    o.workers = 1;
    o.flavor = Flavor::CurrentThread;
    o.timeScale = 0.5;
    o.seed = 9;
    const RuntimeConfig c = effectiveConfig(s.base, o);
    EXPECT_EQ(c.workers, 1u);
    EXPECT_EQ(c.flavor, Flavor::CurrentThread);
    EXPECT_DOUBLE_EQ(c.timeScale, 0.5);
    EXPECT_EQ(c.seed, 9u);
    o.workers = 0;
    EXPECT_EQ(effectiveConfig(s.base, o).workers, 1u) << "never zero workers";
}

TEST(InterpreterIo, AScenarioWithoutConfigRunsOnFourWorkers) {
    // The README's default ("workers": 4) must hold when there is no
    // "config" object at all.
    const std::string text =
        R"({"version": 1, "title": {"en": "t", "zh": "t"}, "description": {"en": "d", "zh": "d"}, "category": "tasks",)"
        R"( "difficulty": "beginner", "lesson": {"watch": {"en": "w", "zh": "w"}, "meaning": {"en": "m", "zh": "m"},)"
        R"( "tokio": {"en": "t", "zh": "t"}}, "templates": {"main": [{"step": "yield"}]}, "start": [{"template": "main"}]})";
    const LoadResult r = loadScenario(text, "no-config.json");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(effectiveConfig(r.scenario->base, {}).workers, 4u);
    const RunResult run = runProgram(r.scenario->base);
    EXPECT_EQ(run.end, RunEnd::Completed);
    EXPECT_EQ(run.stats.workers.size(), 4u);
}

TEST(InterpreterIo, ResourceIdsNameTheEngineResources) {
    const Scenario s = load(
        R"({"main": []})",
        R"({"m": {"kind": "mutex"}, "bm": {"kind": "blocking_mutex"}, "s": {"kind": "semaphore", "permits": 3}, "c": {"kind": "channel", "capacity": 7}, "u": {"kind": "unbounded_channel"}, "o": {"kind": "oneshot"}, "n": {"kind": "notify"}})");
    ASSERT_FALSE(HasFailure());
    Interpreter in(s.base);
    const auto ids = in.resourceIds();
    std::map<std::string, Interpreter::ResourceId> byName;
    std::set<std::uint64_t> distinct;
    for (const auto& r : ids) {
        byName.emplace(r.name, r);
        distinct.insert(r.id);
        EXPECT_NE(r.id, 0u) << r.name;
    }
    EXPECT_EQ(distinct.size(), ids.size()) << "every resource has its own id";
    EXPECT_EQ(byName.size(), 7u);
    EXPECT_EQ(byName.at("o").kind, ResourceKind::Oneshot);
    EXPECT_EQ(byName.at("m").kind, ResourceKind::Mutex);
    EXPECT_EQ(byName.at("bm").kind, ResourceKind::BlockingMutex);
    EXPECT_EQ(byName.at("s").capacity, 3u);
    EXPECT_EQ(byName.at("c").capacity, 7u);
    EXPECT_EQ(byName.at("u").kind, ResourceKind::UnboundedChannel);
    EXPECT_EQ(byName.at("n").kind, ResourceKind::Notify);
    in.start();
    EXPECT_EQ(in.finish().templateRuns.size(), 1u);
}

// ---------------------------------------------------------------- expectations

TEST(InterpreterExpectations, EvaluateReportsWhatHappened) {
    const Scenario s = load(
        R"({"main": [{"step": "spawn", "template": "w", "count": 2}, {"step": "join"}, {"step": "call", "template": "h", "await": false}],
                               "w": [{"step": "sleep", "duration": "2ms"}], "h": []})");
    ASSERT_FALSE(HasFailure());
    Scenario withExpectations = s;
    Program& p = withExpectations.base;
    auto add = [&](Expectation e) { p.expectations.push_back(std::move(e)); };
    Expectation completes;
    completes.kind = ExpectKind::Completes;
    add(completes);
    Expectation state;
    state.kind = ExpectKind::TaskState;
    state.task = "w";
    state.state = "complete";
    add(state);
    Expectation runs;
    runs.kind = ExpectKind::Runs;
    runs.templ = 2;
    runs.hasMin = true;
    runs.min = 1;
    add(runs);
    Expectation noDeadlock;
    noDeadlock.kind = ExpectKind::NoFinding;
    noDeadlock.finding = "deadlock";
    add(noDeadlock);
    Expectation polls;
    polls.kind = ExpectKind::Polls;
    polls.task = "ghost";
    polls.hasMin = true;
    add(polls);

    const RecordedRun run = record(p);
    ASSERT_EQ(run.result.end, RunEnd::Completed) << describe(run);
    const auto outcomes =
        evaluate(p, run, [&](const std::string&) -> const RecordedRun& { return run; });
    ASSERT_EQ(outcomes.size(), 5u);
    EXPECT_TRUE(outcomes[0].passed);
    EXPECT_EQ(outcomes[0].message, "every task finished");
    EXPECT_TRUE(outcomes[1].passed);
    EXPECT_EQ(outcomes[1].message, "task \"w\": complete (2 task(s))");
    EXPECT_FALSE(outcomes[2].passed) << "the unawaited call never ran h";
    EXPECT_EQ(outcomes[2].message, "template \"h\" ran 0 time(s) (expected at least 1)");
    EXPECT_TRUE(outcomes[3].passed);
    EXPECT_EQ(outcomes[3].message, "no deadlock finding");
    EXPECT_FALSE(outcomes[4].passed);
    EXPECT_EQ(outcomes[4].message, "no task named \"ghost\" ran");
    for (std::size_t i = 0; i < outcomes.size(); ++i)
        EXPECT_EQ(outcomes[i].expectation, &p.expectations[i]);
}

}  // namespace
}  // namespace asyncscope::scenario

namespace asyncscope::scenario {
namespace {

// ---------------------------------------------------------------- findings that read well

TEST(InterpreterFindings, FailedTasksAreOneFindingPerTemplateAndMessage) {
    Scenario s = load(
        R"({"main": [{"step": "spawn", "template": "w", "count": 3, "detached": true}, {"step": "sleep", "duration": "5ms"}, {"step": "lock", "resource": "m"}],
            "w": [{"step": "yield"}, {"step": "fail", "message": "disk full"}]})",
        R"({"m": {"kind": "mutex"}})", R"({"workers": 2, "clock": "virtual"})");
    ASSERT_FALSE(HasFailure());
    // main's last step becomes an unlock of a mutex it does not hold: the
    // interpreter's own error, with main's name in front.
    s.base.templates[0].steps[2].kind = StepKind::Unlock;
    const RecordedRun run = record(s.base);
    std::vector<const trace::Finding*> failed;
    for (const trace::Finding& f : run.findings)
        if (f.kind == trace::FindingKind::TaskFailed) failed.push_back(&f);
    ASSERT_EQ(failed.size(), 2u) << describe(run);
    const trace::Finding& w = failed[0]->count == 3 ? *failed[0] : *failed[1];
    const trace::Finding& m = failed[0]->count == 3 ? *failed[1] : *failed[0];
    EXPECT_EQ(w.count, 3u);
    EXPECT_EQ(w.tasks.size(), 3u);
    EXPECT_EQ(w.title.en, "Task failed: 3 tasks of template 'w': disk full");
    EXPECT_EQ(w.title.zh, "任务失败：3 个模板 'w' 的任务：disk full");
    EXPECT_FALSE(trace::isInformational(w.kind));
    EXPECT_EQ(m.count, 1u);
    EXPECT_EQ(m.title.en,
              "Task failed: task 'main': unlock of \"m\", which this task does not hold");
    EXPECT_NE(m.what.en.find("ended with an error at t = 5.0 ms"), std::string::npos) << m.what.en;
}

TEST(InterpreterFindings, StarvationOfManyTasksIsOneGroupWithItsMedian) {
    // One worker, a 60 ms compute in front of 4 tasks of template 'conn'
    // that compute 5 ms each: they wait 60, 65, 70 and 75 ms to be polled.
    // Each is reported while still waiting (at 50 ms); the group's figures
    // are the whole waits.
    const Scenario s = load(
        R"({"main": [{"step": "spawn", "template": "hog"}, {"step": "spawn", "template": "conn", "count": 4}, {"step": "join"}],
            "hog": [{"step": "compute", "duration": "60ms"}],
            "conn": [{"step": "compute", "duration": "5ms"}]})",
        "{}", R"({"workers": 1, "clock": "virtual", "lifo_slot": false})",
        // main on the one worker: its spawns queue in order before anything runs.
        R"([{"template": "main", "block_on": false}])");
    ASSERT_FALSE(HasFailure());
    const RecordedRun run = record(s.base);
    std::vector<const trace::Finding*> starved;
    for (const trace::Finding& f : run.findings)
        if (f.kind == trace::FindingKind::Starvation) starved.push_back(&f);
    ASSERT_EQ(starved.size(), 1u) << describe(run);
    const trace::Finding& f = *starved[0];
    EXPECT_EQ(f.count, 4u);
    EXPECT_EQ(f.tasks.size(), 4u);
    EXPECT_EQ(f.title.en,
              "Starvation: 4 tasks of template 'conn' waited up to 75.0 ms (median 70.0 ms)");
    EXPECT_EQ(f.title.zh,
              "饥饿：4 个模板 'conn' 的任务等待运行，最长 75.0 毫秒（中位数 70.0 毫秒）");
    EXPECT_EQ(f.durationNs, 75'000'000u);
}

TEST(InterpreterFindings, ResourcesAreNamedByTheirScenarioNames) {
    const Scenario s = load(
        R"({"main": [{"step": "spawn", "template": "a"}, {"step": "spawn", "template": "b"}, {"step": "join"}],
            "a": [{"step": "lock", "resource": "acct_a"}, {"step": "sleep", "duration": "5ms"}, {"step": "lock", "resource": "acct_b"}, {"step": "unlock", "resource": "acct_b"}, {"step": "unlock", "resource": "acct_a"}],
            "b": [{"step": "lock", "resource": "acct_b"}, {"step": "sleep", "duration": "5ms"}, {"step": "lock", "resource": "acct_a"}, {"step": "unlock", "resource": "acct_a"}, {"step": "unlock", "resource": "acct_b"}]})",
        R"({"acct_a": {"kind": "mutex"}, "acct_b": {"kind": "mutex"}})",
        R"({"workers": 2, "clock": "virtual", "time_limit": "1s"})");
    ASSERT_FALSE(HasFailure());
    const RecordedRun run = record(s.base);
    const trace::Finding* dl = nullptr;
    for (const trace::Finding& f : run.findings)
        if (f.kind == trace::FindingKind::Deadlock) dl = &f;
    ASSERT_NE(dl, nullptr) << describe(run);
    for (const std::string* text : {&dl->what.en, &dl->what.zh}) {
        EXPECT_NE(text->find("'acct_a'"), std::string::npos) << *text;
        EXPECT_NE(text->find("'acct_b'"), std::string::npos) << *text;
        EXPECT_EQ(text->find("mutex #"), std::string::npos) << *text;
    }
}

}  // namespace
}  // namespace asyncscope::scenario
