// Virtual time as a conservative discrete-event step (time/virtual_time.cpp):
// a compute step occupies its worker for exactly its duration while the other
// workers go on; a blocking sleep holds its pool thread exactly; timers fire
// at their deadline while a worker computes; a thread blocked on a
// BlockingMutex waits for the holder, not for the clock; a paced clock moves
// no faster than the wall clock.
#include "helpers.hpp"

#include <asyncscope/blocking.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <vector>

using namespace asyncscope;
using namespace asyncscope::test;
using namespace std::chrono_literals;

namespace {

Task<Duration> computeThenNow(Duration d) {
    co_await compute(d);
    co_return now();
}

Task<Duration> sleepThenNow(Duration d) {
    co_await sleep(d);
    co_return now();
}

Task<std::vector<Duration>> twoComputes(Duration a, Duration b) {
    auto x = spawn(computeThenNow(a));
    auto y = spawn(computeThenNow(b));
    std::vector<Duration> out;
    out.push_back(co_await x);
    out.push_back(co_await y);
    co_return out;
}

}  // namespace

TEST(VirtualTime, ComputeOccupiesItsWorkerWhileTheOtherGoesOn) {
    // Two workers: the two computations run side by side.
    Runtime rt(deterministic(2));
    EXPECT_EQ(rt.blockOn(twoComputes(10ms, 4ms)), (std::vector<Duration>{10ms, 4ms}));
    EXPECT_EQ(rt.now(), 10ms);
}

TEST(VirtualTime, OneWorkerRunsComputationsOneAfterTheOther) {
    Runtime rt(deterministic(1));
    const auto t = rt.blockOn(twoComputes(10ms, 4ms));
    // The 4 ms computation, spawned last, takes the LIFO slot (the 10 ms one goes to the local
    // queue) and runs first: it ends at 4 ms, the 10 ms one after it, at the sum.
    EXPECT_EQ(t, (std::vector<Duration>{14ms, 4ms}));
}

namespace {
Task<std::vector<Duration>> sleepDuringACompute() {
    auto busy = spawn(computeThenNow(10ms));
    auto sleeper = spawn(sleepThenNow(3ms));
    std::vector<Duration> out;
    out.push_back(co_await sleeper);
    out.push_back(co_await busy);
    co_return out;
}
}  // namespace

TEST(VirtualTime, ATimerFiresOnTimeWhileAnotherWorkerComputes) {
    Runtime rt(deterministic(2));
    EXPECT_EQ(rt.blockOn(sleepDuringACompute()), (std::vector<Duration>{3ms, 10ms}));
}

TEST(VirtualTime, ASleepEndsAtExactlyItsDeadline) {
    Runtime rt(deterministic(2));
    EXPECT_EQ(rt.blockOn(sleepThenNow(5ms)), 5ms);
}

namespace {
Task<std::vector<Duration>> blockingJobs() {
    auto a = spawnBlocking([] {
        blockingSleep(7ms);
        return now();
    });
    auto b = spawnBlocking([] {
        blockingSleep(2ms);
        return now();
    });
    std::vector<Duration> out;
    out.push_back(co_await std::move(a));
    out.push_back(co_await std::move(b));
    co_return out;
}
}  // namespace

TEST(VirtualTime, BlockingSleepsHoldTheirThreadsExactlyAndInParallel) {
    Runtime rt(deterministic(1));
    EXPECT_EQ(rt.blockOn(blockingJobs()), (std::vector<Duration>{7ms, 2ms}));
}

namespace {
Task<Duration> lockedCompute(BlockingMutex* m, Duration d) {
    m->lock();
    co_await compute(d);
    m->unlock();
    co_return now();
}
Task<std::vector<Duration>> contended(BlockingMutex* m) {
    auto a = spawn(lockedCompute(m, 6ms));
    auto b = spawn(lockedCompute(m, 6ms));
    std::vector<Duration> out;
    out.push_back(co_await a);
    out.push_back(co_await b);
    std::sort(out.begin(), out.end());
    co_return out;
}
}  // namespace

TEST(VirtualTime, AThreadBlockedOnABlockingMutexWaitsForTheHolderNotForTheClock) {
    // Two workers contend for a std-style mutex around 6 ms of compute: the
    // second gets it when the first lets go, at 6 ms, and ends at 12 ms.
    Runtime rt(deterministic(2));
    BlockingMutex m("m");
    EXPECT_EQ(rt.blockOn(contended(&m)), (std::vector<Duration>{6ms, 12ms}));
}

TEST(VirtualTime, APacedClockMovesNoFasterThanTheWallClock) {
    RuntimeConfig cfg = deterministic(1);
    cfg.virtualPacing = true;
    // The pace counts from the runtime's start.
    const auto start = std::chrono::steady_clock::now();
    Runtime rt(cfg);
    EXPECT_EQ(rt.blockOn(sleepThenNow(30ms)), 30ms);
    // A lower bound only: the virtual 30 ms may not pass sooner than the real ones.
    EXPECT_GE(std::chrono::steady_clock::now() - start, 30ms);
}

TEST(VirtualTime, AnUnpacedClockDoesNotWaitForTheWallClock) {
    // An hour of virtual sleep ends (at exactly an hour) without an hour passing.
    Runtime rt(deterministic(1));
    EXPECT_EQ(rt.blockOn(sleepThenNow(std::chrono::hours(1))), std::chrono::hours(1));
}

namespace {
Task<std::vector<Duration>> computes(std::vector<Duration> ds) {
    std::vector<JoinHandle<Duration>> hs;
    for (Duration d : ds) hs.push_back(spawn(computeThenNow(d)));
    std::vector<Duration> out;
    for (auto& h : hs) out.push_back(co_await h);
    co_return out;
}
}  // namespace

TEST(VirtualTime, ComputeStepsShareTheMachinesCores) {
    // Four 10 ms computations on four workers but two cores: each gets half
    // a core, and all four end at 20 ms, as time-sliced threads would.
    RuntimeConfig four = deterministic(4);
    four.cores = 2;
    {
        Runtime rt(four);
        EXPECT_EQ(rt.blockOn(computes({10ms, 10ms, 10ms, 10ms})),
                  (std::vector<Duration>{20ms, 20ms, 20ms, 20ms}));
    }
    // Three on two cores: two thirds of a core each.
    {
        Runtime rt(four);
        EXPECT_EQ(rt.blockOn(computes({10ms, 10ms, 10ms})),
                  (std::vector<Duration>{15ms, 15ms, 15ms}));
    }
    // One core for two: the 4 ms step ends at 8 ms; the other then has the
    // core to itself for its last 6 ms and ends at 14 ms.
    RuntimeConfig two = deterministic(2);
    two.cores = 1;
    {
        Runtime rt(two);
        EXPECT_EQ(rt.blockOn(computes({10ms, 4ms})), (std::vector<Duration>{14ms, 8ms}));
    }
    // No core count: a core for every thread.
    {
        Runtime rt(deterministic(4));
        EXPECT_EQ(rt.blockOn(computes({10ms, 10ms, 10ms, 10ms})),
                  (std::vector<Duration>{10ms, 10ms, 10ms, 10ms}));
    }
}

namespace {
Task<Duration> sleepAndCompute(Duration sleepFor, Duration work) {
    co_await compute(work);   // needs a core
    blockingSleep(sleepFor);  // holds the worker, but no core
    co_return now();
}
}  // namespace

TEST(VirtualTime, ABlockingSleepTakesNoCore) {
    // Two workers, one core: while one task sleeps in a blocking call, the
    // other computes at full speed.
    RuntimeConfig c = deterministic(2);
    c.cores = 1;
    Runtime rt(c);
    const auto t = rt.blockOn([]() -> Task<std::vector<Duration>> {
        auto a = spawn(sleepAndCompute(0ms, 10ms));
        auto b = spawn([]() -> Task<Duration> {
            blockingSleep(10ms);
            co_return now();
        }());
        std::vector<Duration> out;
        out.push_back(co_await a);
        out.push_back(co_await b);
        co_return out;
    }());
    EXPECT_EQ(t, (std::vector<Duration>{10ms, 10ms}));
}
