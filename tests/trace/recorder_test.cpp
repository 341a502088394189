// Recorder + Reducer + Timeline on real runs of the engine.
#include <asyncscope/asyncscope.hpp>
#include <asyncscope/trace/recorder.hpp>
#include <asyncscope/trace/timeline.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <thread>

using namespace asyncscope;
using namespace asyncscope::trace;
using namespace std::chrono_literals;

namespace {

RuntimeConfig virtualClock(unsigned workers = 1) {
    RuntimeConfig c;
    c.workers = workers;
    c.clock = ClockKind::Virtual;
    c.idleSpin = Duration(0);
    return c;
}

Task<int> leaf(int i, Mutex* m, Sender<int> tx) {
    co_await sleep(std::chrono::milliseconds(1 + i % 3));
    {
        auto g = co_await m->lock();
        co_await yieldNow();
    }
    (void)co_await tx.send(i);
    co_return i;
}

Task<int> workload(int n) {
    Mutex m("m");
    auto [tx, rx] = channel<int>(2, "c");
    std::vector<JoinHandle<int>> hs;
    for (int i = 0; i < n; ++i) hs.push_back(spawn(leaf(i, &m, tx), "leaf"));
    tx = Sender<int>();
    int sum = 0;
    while (auto v = co_await rx.recv()) sum += *v;
    for (auto& h : hs) sum += co_await h;
    co_return sum;
}

Trace record(RuntimeConfig cfg, int n, RuntimeStats* stats = nullptr) {
    Recorder rec;
    {
        Runtime rt(cfg, &rec);
        EXPECT_EQ(rt.blockOn(workload(n)), n * (n - 1));
        if (stats) *stats = rt.stats();
    }
    rec.stop();
    return rec.takeTrace();
}

}  // namespace

TEST(Recorder, FinalStateMatchesTheRuntime) {
    RuntimeStats stats;
    Trace t = record(virtualClock(1), 20, &stats);
    ASSERT_GT(t.size(), 100u);
    for (std::size_t i = 1; i < t.size(); ++i) ASSERT_LE(t.times()[i - 1], t.times()[i]);
    Timeline tl(t);
    const RuntimeState& s = tl.finalState();
    EXPECT_EQ(s.spawned, stats.spawned);
    EXPECT_EQ(s.completed, s.spawned);  // stats() ran before the block_on driver finished
    EXPECT_EQ(s.polls, stats.workers[0].polls);
    EXPECT_EQ(s.alive(), 0u);
    EXPECT_TRUE(s.global.empty());
    EXPECT_TRUE(s.timers.empty());
    for (const auto& w : s.workers) {
        EXPECT_EQ(w.running, kNoTask);
        EXPECT_EQ(w.lifo, kNoTask);
        EXPECT_TRUE(w.local.empty());
    }
    ASSERT_EQ(s.locks.size(), 1u);
    EXPECT_EQ(s.locks.begin()->second.holder, kNoTask);
    EXPECT_EQ(s.locks.begin()->second.acquisitions, 20u);
    EXPECT_EQ(t.taskName(2), "leaf");
}

TEST(Recorder, MultiWorkerRunIsConsistent) {
    RuntimeConfig cfg;
    cfg.workers = 3;
    RuntimeStats stats;
    Trace t = record(cfg, 200, &stats);
    Timeline tl(t);
    const RuntimeState& s = tl.finalState();
    EXPECT_EQ(s.spawned, stats.spawned);
    EXPECT_EQ(s.completed + s.cancelled + s.failed, stats.spawned);
    std::uint64_t polls = 0, steals = 0;
    for (const auto& w : stats.workers) {
        polls += w.polls;
        steals += w.steals;
    }
    EXPECT_EQ(s.polls, polls);
    EXPECT_EQ(s.steals, steals);
    for (const auto& task : s.tasks) {
        if (task.phase != TaskPhase::Unknown) {
            EXPECT_TRUE(isFinished(task.phase)) << task.id.value();
        }
    }
}

TEST(Timeline, SeekEqualsReplayFromTheStart) {
    Trace t = record(virtualClock(1), 30);
    Timeline::Options o;
    o.minInterval = 64;  // many keyframes on a small trace
    Timeline tl(t, o);
    std::mt19937 rng(7);
    Reducer reducer(&t);
    for (int k = 0; k < 25; ++k) {
        std::size_t idx = rng() % (t.size() + 1);
        RuntimeState fresh;
        for (std::size_t i = 0; i < idx; ++i) reducer.apply(fresh, t.at(i));
        const RuntimeState& s = tl.seekIndex(idx);
        ASSERT_EQ(s.applied, idx);
        EXPECT_EQ(s.time, fresh.time);
        EXPECT_EQ(s.polls, fresh.polls);
        EXPECT_EQ(s.global, fresh.global);
        ASSERT_EQ(s.tasks.size(), fresh.tasks.size());
        for (std::size_t i = 0; i < s.tasks.size(); ++i) {
            EXPECT_EQ(s.tasks[i].phase, fresh.tasks[i].phase);
            EXPECT_EQ(s.tasks[i].polls, fresh.tasks[i].polls);
            EXPECT_EQ(s.tasks[i].waitTarget, fresh.tasks[i].waitTarget);
        }
        ASSERT_EQ(s.workers.size(), fresh.workers.size());
        for (std::size_t w = 0; w < s.workers.size(); ++w) {
            EXPECT_EQ(s.workers[w].local, fresh.workers[w].local);
            EXPECT_EQ(s.workers[w].lifo, fresh.workers[w].lifo);
            EXPECT_EQ(s.workers[w].running, fresh.workers[w].running);
        }
    }
}

TEST(Timeline, StepBackUndoesStepForward) {
    Trace t = record(virtualClock(1), 10);
    Timeline tl(t);
    tl.seekIndex(t.size() / 2);
    const std::size_t start = tl.position();
    const std::uint64_t polls = tl.state().polls;
    for (int i = 0; i < 40; ++i) ASSERT_TRUE(tl.stepForward());
    for (int i = 0; i < 40; ++i) ASSERT_TRUE(tl.stepBack());
    EXPECT_EQ(tl.position(), start);
    EXPECT_EQ(tl.state().polls, polls);
    tl.seekIndex(0);
    EXPECT_FALSE(tl.stepBack());
    tl.seekIndex(t.size());
    EXPECT_FALSE(tl.stepForward());
}

TEST(Recorder, MemoryCapStopsTheRecordingAndSaysSo) {
    RecorderOptions o;
    o.memoryCapBytes = 600 * 1024;  // a few chunks
    Recorder rec(o);
    {
        Runtime rt(virtualClock(1), &rec);
        rt.blockOn(workload(2000));
    }
    rec.stop();
    RecorderStatus st = rec.status();
    EXPECT_TRUE(st.stopped);
    EXPECT_GT(st.stoppedAtEvent, 0u);
    EXPECT_NE(st.message().find("memory cap"), std::string::npos);
    EXPECT_TRUE(rec.trace().info().truncated);
    EXPECT_LE(rec.trace().size() * Trace::kBytesPerEvent, o.memoryCapBytes);
}

// The cap is a cut: the capped recording is exactly the first events of the
// same run recorded without a cap, its status and its info say how many
// there are, and there are never more than the cap's worth.
TEST(Recorder, TheCappedRecordingIsExactlyAPrefixAndSaysItsLength) {
    auto run = [](std::size_t cap, bool collectorThread) {
        RecorderOptions o;
        o.memoryCapBytes = cap;
        auto rec = std::make_unique<Recorder>(o);
        if (collectorThread) rec->start();
        {
            Runtime rt(virtualClock(1), rec.get());
            rt.blockOn(workload(3000));
        }
        rec->stop();
        return rec;
    };
    const auto full = run(std::size_t{1} << 30, false);
    ASSERT_FALSE(full->status().stopped);
    for (const std::size_t cap : {std::size_t{600} * 1024, std::size_t{2} << 20}) {
        for (const bool thread : {false, true}) {
            SCOPED_TRACE(testing::Message() << "cap " << cap << ", collector thread " << thread);
            const auto capped = run(cap, thread);
            const Trace& t = capped->trace();
            const RecorderStatus st = capped->status();
            ASSERT_TRUE(st.stopped);
            ASSERT_GT(t.size(), 0u);
            EXPECT_LT(t.size(), full->trace().size());
            EXPECT_LE(t.size() * Trace::kBytesPerEvent, cap);
            EXPECT_EQ(st.stoppedAtEvent, t.size());
            EXPECT_EQ(st.events, t.size());
            EXPECT_EQ(st.stoppedAtTime, t.endTime());
            EXPECT_TRUE(t.info().truncated);
            EXPECT_EQ(t.info().truncatedAtEvent, t.size());
            EXPECT_EQ(t.info().truncatedAtTime, t.endTime());
            EXPECT_NE(st.message().find("after " + std::to_string(t.size()) + " events"),
                      std::string::npos)
                << st.message();
            for (std::size_t i = 0; i < t.size(); ++i) {
                const Record a = t.at(i), b = full->trace().at(i);
                ASSERT_EQ(a.kind, b.kind) << "event " << i;
                ASSERT_EQ(a.task, b.task) << "event " << i;
                ASSERT_EQ(a.time, b.time) << "event " << i;
            }
        }
    }
}

TEST(Recorder, EveryTaskKeepsItsNameThroughEachThreadsNameCacheAndANewRecording) {
    // More distinct names than a thread caches (8), in an order that evicts
    // and revisits them, from two threads; then a new recording, whose
    // string table starts empty.
    RecorderOptions o;
    o.liveFeed = false;
    o.causalSequence = true;
    Recorder rec(o);
    const std::vector<std::string> names = {"alpha", "beta",  "gamma", "delta", "epsilon", "zeta",
                                            "eta",   "theta", "iota",  "kappa", "lambda",  "mu"};
    // Each recording meets the names in another order, so their indices differ.
    auto nameOf = [&](std::uint64_t k, int thread, std::uint64_t round) {
        return names[(k * 7 + static_cast<std::uint64_t>(thread) + round * 5) % names.size()];
    };
    auto record = [&](std::uint64_t firstTask, int thread, std::uint64_t round) {
        for (std::uint64_t k = 0; k < 300; ++k) {
            const std::uint64_t task = firstTask + k;
            // Names as fresh strings each time: a cache must compare text,
            // not addresses.
            const std::string name = nameOf(k, thread, round);
            Event e;
            e.kind = EventKind::Spawn;
            e.task = task;
            e.time = task;
            e.worker = static_cast<std::uint32_t>(thread);
            e.text = name;
            rec.onEvent(e);
        }
    };
    auto check = [&](const Trace& t, std::uint64_t firstTask, std::uint64_t round) {
        ASSERT_EQ(t.size(), 600u);
        for (int thread = 0; thread < 2; ++thread)
            for (std::uint64_t k = 0; k < 300; ++k) {
                const std::uint64_t task =
                    firstTask + static_cast<std::uint64_t>(thread) * 1000 + k;
                ASSERT_EQ(t.taskName(static_cast<std::uint32_t>(task)), nameOf(k, thread, round))
                    << "task " << task;
            }
        for (const std::string& n : names)  // interned once, whichever thread saw it first
            EXPECT_EQ(std::count(t.strings().begin(), t.strings().end(), n), 1) << n;
    };
    for (std::uint64_t round = 0; round < 2; ++round) {
        const std::uint64_t first = 1 + round * 10'000;
        // This thread records in both recordings: its cache outlives the first.
        std::thread b([&] { record(first + 1000, 1, round); });
        record(first, 0, round);
        b.join();
        rec.collect(true);
        const Trace t = rec.takeTrace();
        SCOPED_TRACE(testing::Message() << "recording " << round);
        check(t, first, round);
    }
}

TEST(Recorder, LiveFeedGivesStateAndCountsDrops) {
    RecorderOptions o;
    o.liveQueueCapacity = 16;
    Recorder rec(o);
    rec.start();
    {
        Runtime rt(virtualClock(1), &rec);
        rt.blockOn(workload(50));
    }
    rec.stop();
    auto live = rec.liveState();
    ASSERT_TRUE(live);
    EXPECT_EQ(live->spawned, 51u);
    EXPECT_EQ(live->alive(), 0u);
    std::vector<Record> recent;
    EXPECT_EQ(rec.takeLive(recent), 16u);
    EXPECT_GT(rec.status().droppedLive, 0u);
    EXPECT_EQ(recent.back().time, rec.trace().endTime());
}
