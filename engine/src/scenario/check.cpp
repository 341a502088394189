#include <asyncscope/scenario/check.hpp>
#include <asyncscope/scenario/loader.hpp>
#include <asyncscope/trace/recorder.hpp>

#include <algorithm>
#include <cstdio>

namespace asyncscope::scenario {

std::vector<const trace::TaskInfo*> tasksNamed(const RecordedRun& run, std::string_view name) {
    std::vector<const trace::TaskInfo*> out;
    for (const trace::TaskInfo& t : run.finalState.tasks) {
        if (t.phase == trace::TaskPhase::Unknown || t.name == trace::kNoString) continue;
        const std::string_view n = run.trace.string(t.name);
        if (n == name ||
            (n.size() > name.size() && n.substr(0, name.size()) == name && n[name.size()] == '#'))
            out.push_back(&t);
    }
    return out;
}

namespace {

std::string bounds(const Expectation& e, bool durations) {
    auto fmt = [&](double v) {
        return durations ? formatDuration(static_cast<std::int64_t>(v))
                         : std::to_string(static_cast<std::uint64_t>(v));
    };
    if (e.hasMin && e.hasMax) return "between " + fmt(e.min) + " and " + fmt(e.max);
    if (e.hasMin) return "at least " + fmt(e.min);
    return "at most " + fmt(e.max);
}

bool within(const Expectation& e, double v) {
    return (!e.hasMin || v >= e.min) && (!e.hasMax || v <= e.max);
}

std::string_view stateOf(trace::TaskPhase p) {
    switch (p) {
    case trace::TaskPhase::Completed: return "complete";
    case trace::TaskPhase::Failed: return "error";
    case trace::TaskPhase::Cancelled: return "cancelled";
    default: return "unfinished";
    }
}

}  // namespace

std::vector<CheckOutcome> evaluate(
    const Program& program, const RecordedRun& run,
    const std::function<const RecordedRun&(const std::string&)>& runOf) {
    std::vector<CheckOutcome> out;
    for (const Expectation& e : program.expectations) {
        CheckOutcome o;
        o.expectation = &e;
        switch (e.kind) {
        case ExpectKind::Completes:
            o.passed = run.result.end == RunEnd::Completed;
            o.message = o.passed
                            ? "every task finished"
                            : "expected every task to finish; the run " +
                                  std::string(toString(run.result.end)) + ": " + run.result.detail;
            break;
        case ExpectKind::Finding:
        case ExpectKind::NoFinding: {
            std::size_t n = 0;
            for (const trace::Finding& f : run.findings)
                if (trace::toString(f.kind) == e.finding) ++n;
            o.passed = (e.kind == ExpectKind::Finding) == (n > 0);
            o.message =
                e.kind == ExpectKind::Finding
                    ? (n ? "the detectors reported " + e.finding
                         : "expected the detectors to report " + e.finding + "; they did not")
                    : (n ? "expected no " + e.finding + " finding; the detectors reported " +
                               std::to_string(n)
                         : "no " + e.finding + " finding");
            break;
        }
        case ExpectKind::BlockedWorker: {
            std::uint64_t longest = 0;
            for (const trace::TaskInfo& t : run.finalState.tasks)
                longest = std::max(longest, t.longestPollNs);
            o.passed = within(e, static_cast<double>(longest));
            o.message = "the longest poll held its worker " +
                        formatDuration(static_cast<std::int64_t>(longest)) + " (expected " +
                        bounds(e, true) + ")";
            break;
        }
        case ExpectKind::Steals: {
            std::uint64_t steals = 0;
            for (const WorkerStats& w : run.result.stats.workers) steals += w.steals;
            o.passed = within(e, static_cast<double>(steals));
            o.message = std::to_string(steals) + " steal(s) (expected " + bounds(e, false) + ")";
            break;
        }
        case ExpectKind::Duration:
            o.passed = within(e, static_cast<double>(run.result.elapsed.count()));
            o.message = "the run took " + formatDuration(run.result.elapsed.count()) +
                        " (expected " + bounds(e, true) + ")";
            break;
        case ExpectKind::TaskState: {
            const auto tasks = tasksNamed(run, e.task);
            std::size_t bad = 0;
            std::string seen;
            for (const trace::TaskInfo* t : tasks)
                if (stateOf(t->phase) != e.state) {
                    ++bad;
                    if (seen.empty()) seen = std::string(stateOf(t->phase));
                }
            o.passed = !tasks.empty() && bad == 0;
            if (tasks.empty())
                o.message =
                    "expected task \"" + e.task + "\" to end " + e.state + "; no such task ran";
            else if (bad == 0)
                o.message = "task \"" + e.task + "\": " + e.state + " (" +
                            std::to_string(tasks.size()) + " task(s))";
            else
                o.message = "expected task \"" + e.task + "\" to end " + e.state + "; " +
                            std::to_string(bad) + " of " + std::to_string(tasks.size()) +
                            " ended " + seen;
            break;
        }
        case ExpectKind::Polls: {
            std::uint64_t polls = 0;
            const auto tasks = tasksNamed(run, e.task);
            for (const trace::TaskInfo* t : tasks) polls += t->polls;
            o.passed = !tasks.empty() && within(e, static_cast<double>(polls));
            o.message = tasks.empty()
                            ? "no task named \"" + e.task + "\" ran"
                            : "task \"" + e.task + "\" was polled " + std::to_string(polls) +
                                  " time(s) (expected " + bounds(e, false) + ")";
            break;
        }
        case ExpectKind::Runs: {
            const std::uint64_t runs =
                e.templ >= 0 && static_cast<std::size_t>(e.templ) < run.result.templateRuns.size()
                    ? run.result.templateRuns[static_cast<std::size_t>(e.templ)]
                    : 0;
            o.passed = within(e, static_cast<double>(runs));
            o.message =
                "template \"" +
                (e.templ >= 0 ? program.templates[static_cast<std::size_t>(e.templ)].name : "?") +
                "\" ran " + std::to_string(runs) + " time(s) (expected " + bounds(e, false) + ")";
            break;
        }
        case ExpectKind::Faster: {
            const RecordedRun& a = runOf(e.variant);
            const RecordedRun& b = runOf(e.than);
            const double ta = static_cast<double>(a.result.elapsed.count());
            const double tb = static_cast<double>(b.result.elapsed.count());
            const bool finished =
                a.result.end == RunEnd::Completed && b.result.end == RunEnd::Completed;
            o.passed = finished && ta > 0 && tb / ta >= e.factor;
            char buf[200];
            std::snprintf(
                buf, sizeof buf, "%s took %s and %s took %s: %.2fx (expected at least %.2fx)",
                e.variant.c_str(), formatDuration(a.result.elapsed.count()).c_str(), e.than.c_str(),
                formatDuration(b.result.elapsed.count()).c_str(), ta > 0 ? tb / ta : 0.0, e.factor);
            o.message = buf;
            if (!finished) o.message += "; both runs must complete to compare them";
            break;
        }
        }
        out.push_back(std::move(o));
    }
    return out;
}

}  // namespace asyncscope::scenario
