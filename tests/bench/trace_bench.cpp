// Google Benchmark: the trace pipeline's throughput and random access.
//   collector ingest   events/s through Recorder::collect() (one core)
//   writer             ns per Recorder::onEvent on an engine thread
//   seek / step        on a synthetic 10-million-event recording
// Run: ./build/release/tests/bench/trace_bench
#include <asyncscope/trace/recorder.hpp>
#include <asyncscope/trace/timeline.hpp>

#include <benchmark/benchmark.h>

#include <memory>
#include <random>

using namespace asyncscope;
using namespace asyncscope::trace;

namespace {

// A plausible event stream: `tasks` tasks on 2 workers, each cycle being
// schedule -> poll start -> timer register -> poll end -> timer fire -> wake.
struct Synth {
    std::uint64_t time = 1000;
    std::uint32_t tasks;
    explicit Synth(std::uint32_t n) : tasks(n) {}
    template <class F>
    void run(std::size_t events, F&& emit) {
        std::size_t n = 0;
        for (std::uint32_t t = 1; t <= tasks && n < events; ++t, n += 2) {
            emit(Event{time, t, 0, 0, 0, EventKind::Spawn, 0, {}});
            emit(Event{time++,
                       t,
                       0,
                       0,
                       0,
                       EventKind::Schedule,
                       static_cast<std::uint8_t>(QueueKind::Global),
                       {}});
        }
        for (std::uint64_t round = 0; n < events; ++round) {
            for (std::uint32_t t = 1; t <= tasks && n < events; ++t, n += 6) {
                std::uint32_t w = t & 1;
                time += 50;
                emit(Event{time, t, 0, 0, w, EventKind::PollStart, 0, {}});
                emit(Event{time + 10, t, time + 5000, 0, w, EventKind::TimerRegister, 0, {}});
                emit(Event{time + 20, t, 0, 0, w, EventKind::PollEnd, 0, {}});
                emit(Event{time + 30, t, time + 5000, 0, w, EventKind::TimerFire, 0, {}});
                emit(Event{time + 31,
                           t,
                           0,
                           0,
                           w,
                           EventKind::Wake,
                           static_cast<std::uint8_t>(WakeSource::Timer),
                           {}});
                emit(Event{time + 32,
                           t,
                           0,
                           0,
                           w,
                           EventKind::Schedule,
                           static_cast<std::uint8_t>(QueueKind::Local),
                           {}});
            }
        }
    }
};

void BM_RecorderWrite(benchmark::State& state) {
    RecorderOptions o;
    o.liveFeed = false;
    o.causalSequence = false;
    o.memoryCapBytes = std::size_t{8} << 30;
    for (auto _ : state) {
        state.PauseTiming();
        auto rec = std::make_unique<Recorder>(o);
        state.ResumeTiming();
        Synth s(1000);
        s.run(1'000'000, [&](const Event& e) { rec->onEvent(e); });
        state.PauseTiming();
        rec.reset();
        state.ResumeTiming();
    }
    state.SetItemsProcessed(state.iterations() * 1'000'000);
}
BENCHMARK(BM_RecorderWrite)->Unit(benchmark::kMillisecond);

// The same write in the steady state of a run: the collector has drained
// the previous chunks back into the pool, so the writer reuses memory that
// is already paged in (BM_RecorderWrite above pays a fresh chunk's page
// faults every 4,096 events).
void BM_RecorderWriteSteady(benchmark::State& state) {
    RecorderOptions o;
    o.liveFeed = false;
    o.causalSequence = false;
    o.memoryCapBytes = std::size_t{8} << 30;
    Recorder rec(o);
    Synth s(1000);
    constexpr std::size_t kPerIteration = 1 << 16;
    for (auto _ : state) {
        s.run(kPerIteration, [&](const Event& e) { rec.onEvent(e); });
        state.PauseTiming();
        rec.collect(true);
        rec.takeTrace();  // keep the recording from growing across iterations
        state.ResumeTiming();
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kPerIteration));
}
BENCHMARK(BM_RecorderWriteSteady)->Unit(benchmark::kMicrosecond);

void BM_CollectorIngest(benchmark::State& state) {
    RecorderOptions o;
    o.liveFeed = state.range(0) != 0;
    o.causalSequence = false;
    o.memoryCapBytes = std::size_t{8} << 30;
    for (auto _ : state) {
        state.PauseTiming();
        auto rec = std::make_unique<Recorder>(o);
        Synth s(1000);
        s.run(2'000'000, [&](const Event& e) { rec->onEvent(e); });
        state.ResumeTiming();
        rec->collect(true);  // drain, merge, append (and reduce, with the live feed)
        state.PauseTiming();
        rec.reset();
        state.ResumeTiming();
    }
    state.SetItemsProcessed(state.iterations() * 2'000'000);
}
BENCHMARK(BM_CollectorIngest)->Arg(0)->Arg(1)->ArgNames({"live"})->Unit(benchmark::kMillisecond);

const Trace& tenMillion() {
    static const Trace trace = [] {
        Trace t;
        t.reserve(10'000'000);
        Synth s(10'000);
        s.run(10'000'000, [&](const Event& e) {
            t.append(toRecord(e, [](std::string_view) { return kNoString; }));
        });
        return t;
    }();
    return trace;
}

Timeline& tenMillionTimeline() {
    static Timeline tl(tenMillion());
    return tl;
}

void BM_Seek10M(benchmark::State& state) {
    Timeline& tl = tenMillionTimeline();
    std::mt19937_64 rng(1);
    for (auto _ : state) {
        const RuntimeState& s = tl.seekIndex(rng() % tl.size());
        benchmark::DoNotOptimize(s.polls);
    }
    state.counters["events"] = static_cast<double>(tl.size());
    state.counters["keyframes"] = static_cast<double>(tl.keyframeCount());
}
BENCHMARK(BM_Seek10M)->Unit(benchmark::kMillisecond);

void BM_StepForward10M(benchmark::State& state) {
    Timeline& tl = tenMillionTimeline();
    tl.seekIndex(tl.size() / 2);
    for (auto _ : state) {
        if (!tl.stepForward()) tl.seekIndex(tl.size() / 2);
    }
}
BENCHMARK(BM_StepForward10M)->Unit(benchmark::kMicrosecond);

void BM_StepBack10M(benchmark::State& state) {
    Timeline& tl = tenMillionTimeline();
    tl.seekIndex(tl.size() / 2);
    for (auto _ : state) {
        if (!tl.stepBack()) tl.seekIndex(tl.size() / 2);
    }
}
BENCHMARK(BM_StepBack10M)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
