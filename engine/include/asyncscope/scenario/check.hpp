// Recorded runs and expectations: what makes a scenario check itself.
#pragma once

#include <asyncscope/scenario/interpreter.hpp>
#include <asyncscope/scenario/live_run.hpp>
#include <asyncscope/trace/detectors.hpp>
#include <asyncscope/trace/state.hpp>
#include <asyncscope/trace/trace.hpp>

#include <functional>
#include <string>
#include <vector>

namespace asyncscope::scenario {

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
