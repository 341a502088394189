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
    ASSERT_EQ(t.size(), 2u);
    // Whichever the worker took first, the second ends at the sum.
    EXPECT_EQ(std::max(t[0], t[1]), 14ms);
    EXPECT_TRUE(std::min(t[0], t[1]) == 10ms || std::min(t[0], t[1]) == 4ms);
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
