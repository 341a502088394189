// Google Benchmark: the simulator's own cost, as a lesson pays it.
//   per poll    a scenario of tasks that only yield, run through the
//               interpreter under the virtual clock (so nothing waits for
//               the wall clock), with recording on (the analysis included)
//               and off; ns per poll and the ratio between the two
//   join        spawn + join of N children (the join is linear)
//   builder     what one Builder edit costs before the app draws it: the
//               edit of the JSON text (json_edit: parse, splice, parse
//               again) and the loader's check of the result, on the largest
//               built-in lesson and on a scenario of about 1 MiB (the
//               loader's limit); the Builder does both on each change
// Run: ./build/release/tests/bench/scenario_bench
#include <asyncscope/scenario/interpreter.hpp>
#include <asyncscope/scenario/json_edit.hpp>
#include <asyncscope/scenario/library.hpp>
#include <asyncscope/scenario/live_run.hpp>
#include <asyncscope/scenario/loader.hpp>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <stdexcept>
#include <string>

using namespace asyncscope;
using namespace asyncscope::scenario;

namespace {

Scenario load(const std::string& templates, unsigned workers) {
    const std::string text = R"({"version": 1, "title": "bench", "config": {"workers": )" +
                             std::to_string(workers) +
                             R"(, "clock": "virtual", "time_limit": "3600s"}, "templates": )" +
                             templates + R"(, "start": [{"template": "main"}]})";
    LoadResult r = loadScenario(text, "bench.json");
    if (!r.ok()) throw std::runtime_error(r.errors.front().format());
    return std::move(*r.scenario);
}

// `tasks` tasks of 100 yields each: 101 polls per task.
std::string yields(std::int64_t tasks) {
    return R"({"main": [{"step": "spawn", "template": "y", "count": )" + std::to_string(tasks) +
           R"(}, {"step": "join"}], "y": [{"step": "repeat", "count": 100, "steps": [{"step": "yield"}]}]})";
}

void BM_ScenarioPollRecorded(benchmark::State& state) {
    const Scenario s = load(yields(state.range(0)), 1);
    std::uint64_t polls = 0;
    for (auto _ : state) {
        const RecordedRun run = recordRun(s.base, {});
        polls += run.finalState.polls;
        benchmark::DoNotOptimize(run.trace.size());
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(polls));  // polls/s; ns per poll = 1e9 / it
}
BENCHMARK(BM_ScenarioPollRecorded)->Arg(1000)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_ScenarioPollUnrecorded(benchmark::State& state) {
    const Scenario s = load(yields(state.range(0)), 1);
    std::uint64_t polls = 0;
    for (auto _ : state) {
        const RunResult r = runProgram(s.base);
        for (const auto& w : r.stats.workers) polls += w.polls;
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(polls));
}
BENCHMARK(BM_ScenarioPollUnrecorded)->Arg(1000)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_SpawnJoinChildren(benchmark::State& state) {
    // A spawn step starts at most 100,000 tasks and a run at most a million
    // (main included): "a million" is ten steps of 99,999.
    const std::int64_t n = state.range(0),
                       per = n >= 1000000 ? 99999 : std::min<std::int64_t>(n, 100000);
    const Scenario s =
        load(R"({"main": [{"step": "repeat", "count": )" + std::to_string(n / per) +
                 R"(, "steps": [{"step": "spawn", "template": "c", "count": )" +
                 std::to_string(per) + R"(}]}, {"step": "join"}], "c": [{"step": "yield"}]})",
             2);
    for (auto _ : state) {
        const RunResult r = runProgram(s.base);
        if (r.end != RunEnd::Completed) state.SkipWithError("the run did not complete");
    }
    state.SetItemsProcessed(state.iterations() * (n / per) * per);
}
BENCHMARK(BM_SpawnJoinChildren)
    ->Arg(10000)
    ->Arg(100000)
    ->Arg(1000000)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1)
    ->UseRealTime();

// 0: the largest built-in lesson; 1: ~1 MiB, a template of many steps.
std::string builderDocument(std::int64_t which) {
    if (which == 0) {
        std::string_view largest;
        for (const BuiltinScenario& b : builtinScenarios())
            if (b.text.size() > largest.size()) largest = b.text;
        return std::string(largest);
    }
    std::string steps;
    while (steps.size() < (std::size_t{1} << 20) - 4096)
        steps += R"(      {"step": "sleep", "duration": "5ms", "label": "wait for the database"},)"
                 "\n";
    steps += R"(      {"step": "yield"})";
    return "{\n  \"version\": 1,\n  \"title\": \"big\",\n  \"templates\": {\n    \"main\": [\n" +
           steps + "\n    ]\n  },\n  \"start\": [{\"template\": \"main\"}]\n}\n";
}

void BM_BuilderEditText(benchmark::State& state) {
    const std::string text = builderDocument(state.range(0));
    for (auto _ : state) {
        JsonTextEdit doc(text);
        const bool ok = doc.setMember(JsonPath{} / "title", "en", "\"x\"") ||
                        doc.replace(JsonPath{} / "title", "\"x\"");
        benchmark::DoNotOptimize(ok);
        benchmark::DoNotOptimize(doc.text().size());
    }
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(text.size()));
}
BENCHMARK(BM_BuilderEditText)->Arg(0)->Arg(1)->ArgNames({"big"})->Unit(benchmark::kMicrosecond);

void BM_BuilderCheck(benchmark::State& state) {
    const std::string text = builderDocument(state.range(0));
    for (auto _ : state) {
        const LoadResult r = loadScenario(text, "doc.json");
        if (!r.ok()) state.SkipWithError(r.errors.front().format().c_str());
        benchmark::DoNotOptimize(r.scenario.has_value());
    }
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(text.size()));
}
BENCHMARK(BM_BuilderCheck)->Arg(0)->Arg(1)->ArgNames({"big"})->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
