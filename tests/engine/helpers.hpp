// Small helpers shared by the engine test files (on top of test_support.hpp).
#pragma once

#include "test_support.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace asyncscope::test {

using namespace std::chrono_literals;

// Counts destructions: put one in a task's frame (a local or a by-value
// parameter) to observe that the frame was destroyed.
struct RaiiCounter {
    std::atomic<int>* counter;
    explicit RaiiCounter(std::atomic<int>* c) noexcept : counter(c) {}
    RaiiCounter(RaiiCounter&& o) noexcept : counter(std::exchange(o.counter, nullptr)) {}
    RaiiCounter(const RaiiCounter&) = delete;
    ~RaiiCounter() {
        if (counter) counter->fetch_add(1);
    }
};

// Awaits a handle (for blockOn from the test thread).
template <class T>
Task<T> joinTask(JoinHandle<T> h) {
    co_return co_await h;
}
inline Task<void> joinVoid(JoinHandle<void> h) {
    co_await h;
}

inline std::vector<Event> forTask(const std::vector<Event>& events, TaskId id) {
    std::vector<Event> out;
    for (const Event& e : events)
        if (e.task == id) out.push_back(e);
    return out;
}

inline std::vector<Event> ofKind(const std::vector<Event>& events, EventKind k) {
    std::vector<Event> out;
    for (const Event& e : events)
        if (e.kind == k) out.push_back(e);
    return out;
}

inline std::size_t countOf(const std::vector<Event>& events, EventKind k, TaskId task = 0) {
    return static_cast<std::size_t>(std::count_if(
        events.begin(), events.end(),
        [&](const Event& e) { return e.kind == k && (task == 0 || e.task == task); }));
}

// One line per event, for failure messages.
inline std::string describe(const std::vector<Event>& events) {
    std::ostringstream os;
    for (const Event& e : events) {
        os << "  t=" << e.time << " task=" << e.task << " " << toString(e.kind);
        switch (e.kind) {
        case EventKind::Schedule:
            os << "(" << toString(static_cast<QueueKind>(e.sub)) << ")";
            break;
        case EventKind::PollEnd:
            os << "(" << toString(static_cast<PollResult>(e.sub)) << ")";
            break;
        case EventKind::Wake: os << "(" << toString(static_cast<WakeSource>(e.sub)) << ")"; break;
        default: os << "(sub=" << int(e.sub) << ")"; break;
        }
        os << " arg=" << e.arg << " arg2=" << e.arg2 << " worker=" << e.worker << "\n";
    }
    return os.str();
}

// Waits (wall clock) until `pred` holds or `timeout` passed; returns pred().
inline bool waitFor(const std::function<bool()>& pred,
                    std::chrono::milliseconds timeout = std::chrono::milliseconds(2000)) {
    const auto end = std::chrono::steady_clock::now() + timeout;
    while (!pred()) {
        if (std::chrono::steady_clock::now() >= end) return pred();
        std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    return true;
}

// Waits until every task of `rt` has finished (blockOn returns before its
// driver task is marked complete, so stats need a moment to settle).
inline bool settle(const Runtime& rt,
                   std::chrono::milliseconds timeout = std::chrono::milliseconds(2000)) {
    return waitFor([&] { return rt.stats().alive == 0; }, timeout);
}

// ASYNCSCOPE_STRESS_SCALE (a float, default 1.0) scales stress-test counts.
inline double stressScale() {
    static const double scale = [] {
        const char* s = std::getenv("ASYNCSCOPE_STRESS_SCALE");
        if (!s || !*s) return 1.0;
        char* end = nullptr;
        double v = std::strtod(s, &end);
        if (end == s || !(v > 0)) return 1.0;
        return v;
    }();
    return scale;
}
inline std::uint64_t scaled(std::uint64_t n, std::uint64_t minimum = 1) {
    auto v = static_cast<std::uint64_t>(static_cast<double>(n) * stressScale());
    return std::max(v, minimum);
}

inline RuntimeConfig realClock(unsigned workers) {
    RuntimeConfig c;
    c.workers = workers;
    c.clock = ClockKind::Real;
    return c;
}

inline std::int64_t ms(Duration d) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
}

}  // namespace asyncscope::test
