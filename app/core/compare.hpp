// Two runs side by side: the numbers the compare window's delta table shows
// and its export draws, from each run's timeline model and findings.
//
// A row compares one quantity of the left run (usually the base scenario)
// with the right one (a variant, or the same scenario under other workers or
// another flavor). Where smaller is better (the duration, the longest
// scheduling delay, the findings), `better` says which side won, so the table
// can colour it; polls, steals and busy time are neither good nor bad in
// themselves and are only shown.
#pragma once

#include "timeline_model.hpp"

#include <asyncscope/trace/detectors.hpp>

#include <QString>

#include <cstdint>
#include <span>
#include <vector>

namespace asyncscope::core {

struct RunSummary {
    std::uint64_t duration = 0;  // ns, the run's end
    std::size_t polls = 0;
    std::size_t steals = 0;
    std::uint64_t maxSchedulingDelay = 0;  // ns, wake to poll, the longest
    std::vector<double> busy;              // per worker lane: 0..1 of the run
    bool blockOnLast = false;              // the last `busy` is the main thread's
    std::size_t findings = 0;              // problems (not the informational kinds)
    std::vector<std::pair<trace::FindingKind, std::size_t>> findingKinds;  // in kind order
};

RunSummary summarizeRun(const TimelineModel& model, std::span<const trace::Finding> findings);

struct CompareRow {
    QString what;         // "Duration", "Worker 2 busy"
    QString left, right;  // formatted
    QString delta;        // "−59.3% (2.45× faster)", "+12", "" when not comparable
    int better = 0;       // -1 the left one, +1 the right one, 0 neither / not a goal
    QString tip;          // what the row measures, for a tooltip
};

// The delta table, translated (context "Compare"). Findings: the problems
// (informational kinds are listed but not counted against a run).
std::vector<CompareRow> compareRows(const RunSummary& left, const RunSummary& right);

}  // namespace asyncscope::core
