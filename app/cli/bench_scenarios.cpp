// `bench NAME --scenario`: the peers workloads as scenarios, run the way a
// user runs them (the interpreter walking each task's steps, recording on),
// so the simulator's own cost is measured next to the bare engine's.
//
// The timed window is the recording's own: from the first event (the spawn of
// `main`, the driver) to the completion of the last task, both stamped by the
// engine, so neither loading nor the analysis after the run counts.
#include "bench.hpp"

#include <asyncscope/scenario/live_run.hpp>
#include <asyncscope/scenario/loader.hpp>

#include <cstdio>
#include <map>

namespace asyncscope::cli {

namespace {

// A workload with no scenario form says why in `why`.
struct ScenarioWorkload {
    std::uint64_t ops = 0;
    const char* json = nullptr;
    const char* why = nullptr;
};

const std::map<std::string, ScenarioWorkload>& scenarioWorkloads() {
    static const std::map<std::string, ScenarioWorkload> w = {
        // A run starts at most 1,000,000 tasks (scenario::kMaxTasksPerRun):
        // the protocol's 10x scale-down, flagged by run.sh as (ops=100000).
        {"spawn_many",
         {100'000,
          R"({"version": 1, "title": {"en": "spawn_many"},
              "templates": {
                "main": [{"step": "spawn", "template": "task", "count": 100000, "detached": true}],
                "task": []},
              "start": [{"template": "main"}]})"}},
        {"yield_many",
         {1'000'000,
          R"({"version": 1, "title": {"en": "yield_many"},
              "templates": {
                "main": [{"step": "spawn", "template": "yielder", "count": 1000, "detached": true}],
                "yielder": [{"step": "repeat", "count": 1000, "steps": [{"step": "yield"}]}]},
              "start": [{"template": "main"}]})"}},
        {"ping_pong",
         {100'000,
          R"({"version": 1, "title": {"en": "ping_pong"},
              "resources": {"ping": {"kind": "channel", "capacity": 1},
                            "pong": {"kind": "channel", "capacity": 1}},
              "templates": {
                "main": [{"step": "spawn", "template": "ponger", "detached": true},
                         {"step": "spawn", "template": "pinger"},
                         {"step": "join", "task": "pinger"}],
                "ponger": [{"step": "loop", "resource": "ping",
                            "steps": [{"step": "send", "resource": "pong"}]}],
                "pinger": [{"step": "repeat", "count": 100000,
                            "steps": [{"step": "send", "resource": "ping"},
                                      {"step": "recv", "resource": "pong"}]},
                           {"step": "close", "resource": "ping"}]},
              "start": [{"template": "main"}]})"}},
        {"chained_spawn",
         {0, nullptr,
          "a scenario's templates cannot spawn themselves (the spawn graph is finite), so a "
          "chain of 1,000,000 tasks each spawned by the one before has no scenario form"}},
        {"mutex_contention",
         {640'000,
          R"({"version": 1, "title": {"en": "mutex_contention"},
              "resources": {"counter": {"kind": "mutex"}},
              "templates": {
                "main": [{"step": "spawn", "template": "contender", "count": 64, "detached": true}],
                "contender": [{"step": "repeat", "count": 10000,
                               "steps": [{"step": "lock", "resource": "counter"},
                                         {"step": "unlock", "resource": "counter"}]}]},
              "start": [{"template": "main"}]})"}},
        {"mpsc_throughput",
         {1'000'000,
          R"({"version": 1, "title": {"en": "mpsc_throughput"},
              "resources": {"values": {"kind": "channel", "capacity": 1024}},
              "templates": {
                "main": [{"step": "spawn", "template": "producer", "count": 8, "detached": true},
                         {"step": "repeat", "count": 1000000,
                          "steps": [{"step": "recv", "resource": "values"}]}],
                "producer": [{"step": "repeat", "count": 125000,
                              "steps": [{"step": "send", "resource": "values"}]}]},
              "start": [{"template": "main"}]})"}},
        {"timer_sleep",
         {100'000,
          R"({"version": 1, "title": {"en": "timer_sleep"},
              "templates": {
                "main": [{"step": "spawn", "template": "sleeper", "count": 100000, "detached": true}],
                "sleeper": [{"step": "sleep", "duration": "1ms"}]},
              "start": [{"template": "main"}]})"}},
        {"idle_memory",
         {0, nullptr,
          "a recording grows with the run, so the resident size would measure the recording, "
          "not a parked task"}},
        {"spawn_blocking",
         {10'000,
          R"({"version": 1, "title": {"en": "spawn_blocking"},
              "templates": {
                "main": [{"step": "repeat", "count": 10000,
                          "steps": [{"step": "spawn_blocking", "steps": []}]}]},
              "start": [{"template": "main"}]})"}},
    };
    return w;
}

}  // namespace

int runScenarioBench(const std::string& name, unsigned workers, bool barging) {
    const auto it = scenarioWorkloads().find(name);
    if (it == scenarioWorkloads().end() || !it->second.json) {
        std::fprintf(stderr, "asyncscope-cli bench: %s has no scenario form: %s\n", name.c_str(),
                     it == scenarioWorkloads().end() ? "unknown workload" : it->second.why);
        return 1;
    }
    const ScenarioWorkload& w = it->second;
    scenario::LoadResult loaded = scenario::loadScenario(w.json, "bench:" + name, name);
    if (!loaded.ok()) {
        for (const auto& d : loaded.errors)
            std::fprintf(stderr, "asyncscope-cli bench: %s\n", d.format().c_str());
        return 1;
    }
    scenario::Program* program = &loaded.scenario->base;
    if (barging)  // bench --mutex barging: every mutex of the workload barges
        for (scenario::Resource& r : program->resources)
            if (r.kind == scenario::ResourceKind::Mutex) r.barging = true;
    scenario::RecordOptions opts;
    opts.overrides.workers = workers;
    opts.overrides.clock = ClockKind::Real;
    opts.overrides.timeScale = 1.0;
    opts.title = "bench " + name + " --scenario";
    opts.memoryCapBytes = std::size_t{4} << 30;
    const scenario::RecordedRun run = scenario::recordRun(*program, opts);
    if (run.result.end != scenario::RunEnd::Completed) {
        std::fprintf(stderr, "asyncscope-cli bench: %s as a scenario did not complete: %s\n",
                     name.c_str(), run.result.detail.c_str());
        return 1;
    }
    if (!run.recorderNote.empty()) {
        std::fprintf(stderr, "asyncscope-cli bench: %s\n", run.recorderNote.c_str());
        return 1;
    }
    const trace::Trace& t = run.trace;
    std::uint64_t lastComplete = 0;
    const auto kinds = t.kinds();
    const auto times = t.times();
    for (std::size_t i = kinds.size(); i-- > 0;) {
        if (kinds[i] == static_cast<std::uint8_t>(EventKind::Complete)) {
            lastComplete = times[i];
            break;
        }
    }
    const double elapsedNs = static_cast<double>(lastComplete - t.startTime());
    std::fprintf(stderr, "asyncscope-cli bench: recorded %zu events, %.1f ns per event\n", t.size(),
                 elapsedNs / double(t.size()));
    std::printf("%s ops=%llu ns_per_op=%.3f total_ms=%.3f\n", name.c_str(),
                static_cast<unsigned long long>(w.ops), elapsedNs / double(w.ops), elapsedNs / 1e6);
    return 0;
}

}  // namespace asyncscope::cli
