// Recorded runs and expectations: what makes a scenario check itself.
#pragma once

#include <asyncscope/scenario/interpreter.hpp>
#include <asyncscope/trace/detectors.hpp>
#include <asyncscope/trace/state.hpp>
#include <asyncscope/trace/trace.hpp>

#include <functional>
#include <string>
#include <vector>

namespace asyncscope::scenario {

// A run with its recording, replayed once through the reducer and detectors.
struct RecordedRun {
    RunResult result;
    trace::Trace trace;
    // The state when the run ended: for a run found stuck, deadlocked or out
    // of time, the instant before the shutdown cancelled what was left.
    trace::RuntimeState finalState;
    std::vector<trace::Finding> findings;
    std::string recorderNote;  // non-empty when the recorder hit its memory cap
};

struct RecordOptions {
    RunOverrides overrides;
    const std::atomic<bool>* stopFlag = nullptr;
    std::function<void(Interpreter&)> progress;
    std::string title;  // stored in the trace's info
    // The recording stops here (about 5 M events) and says so: a tight loop
    // of ready steps records millions of events a second, and the analysis
    // after the run needs a few times the recording's memory.
    std::size_t memoryCapBytes = std::size_t{128} << 20;
};

RecordedRun recordRun(const Program& program, const RecordOptions& options);

// One pass of the reducer and the detectors over a finished run's recording:
// its findings, and the state it ended in (for a run found stuck, deadlocked
// or out of time, the instant before the shutdown cancelled what was left).
// recordRun and the app's session both use it.
struct RunReplay {
    trace::RuntimeState finalState;
    std::vector<trace::Finding> findings;
};
RunReplay replayRun(const trace::Trace& trace, const RunResult& result);

struct CheckOutcome {
    const Expectation* expectation = nullptr;
    bool passed = false;
    std::string message;  // what was expected and what happened
};

// Evaluates `program`'s expectations against `run`. `runOf(variant)` yields
// the recorded run of another variant, for "faster" ("base": no variant).
std::vector<CheckOutcome> evaluate(
    const Program& program, const RecordedRun& run,
    const std::function<const RecordedRun&(const std::string&)>& runOf);

// The tasks of a recording whose name matches `name` exactly or as a group
// ("w" matches "w#1", "w#2", ...).
std::vector<const trace::TaskInfo*> tasksNamed(const RecordedRun& run, std::string_view name);

}  // namespace asyncscope::scenario
