// TimelineModel: who ran where, and when, over a run (finished, or live and growing).
//
// Design note
// -----------
// The timeline draws intervals (a poll, a parked worker, a blocking job) and
// instants (a wake, a steal, a finding) over the whole run. A RuntimeState
// answers "what is true at t" and costs a copy per instant; the timeline
// asks "what happened in [t0, t1]" every frame. So the model is built ONCE
// from a finished run, in one pass over its trace, into flat time-sorted
// arrays, and never reduces an event again:
//
//   - per worker: its polls (PollSpan) and its parked intervals;
//   - per blocking-pool thread: the jobs it ran (JobSpan);
//   - wakes (with the lane and time of the poll that followed, resolved in
//     the same pass), steals, and the run's findings, each sorted by time.
//
// Invariants. The intervals of one lane never overlap and are appended in
// the order they start, so both their starts and their ends are sorted:
// visible() finds the intervals meeting [t0, t1] with two binary searches,
// and the painter's folding jumps over runs of tiny spans the same way. An
// interval still open when the recording ends is closed at the run's end
// and flagged kOpen.
//
// Growing. A live run's recording is mirrored as it grows, and append()
// takes in the new records: what is still open is kept aside and shown as
// a kSpanOpen interval up to the run's clock, which the next append()
// removes again (it is always the last of its lane) before going on.
//
// Memory. A span is a 32-byte struct of numbers (no strings: a task's name
// and template are looked up once per task, not stored per span); the model
// of a 1 M-event run is about 16 MB. Task names are a copy of the trace's
// string table, so the model does not refer to the run it came from.
#pragma once

#include <asyncscope/event.hpp>
#include <asyncscope/trace/detectors.hpp>
#include <asyncscope/trace/trace.hpp>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace asyncscope::scenario {
struct RecordedRun;
}

namespace asyncscope::core {

// Flags of an interval.
inline constexpr std::uint8_t kSpanOpen = 1;  // still running when the recording ended

struct PollSpan {
    std::uint64_t start = 0, end = 0;  // runtime ns
    std::uint32_t task = 0;
    std::uint32_t awaitPoint = 0;  // where the poll left the task (PollEnd's await point)
    PollResult result = PollResult::Pending;
    std::uint8_t flags = 0;
};
static_assert(sizeof(PollSpan) == 32, "a poll span stays compact");

struct Interval {
    std::uint64_t start = 0, end = 0;
    std::uint8_t flags = 0;
};

struct JobSpan {
    std::uint64_t start = 0, end = 0;
    std::uint32_t job = 0;   // spawn_blocking job id
    std::uint32_t task = 0;  // the task that awaits it (0: none)
    std::uint8_t flags = 0;
};

struct WorkerLane {
    std::vector<PollSpan> polls;
    std::vector<Interval> parked;
};

struct BlockingLane {
    std::vector<JobSpan> jobs;
};

struct WakeMark {
    std::uint64_t time = 0;
    std::uint64_t pollTime = 0;  // when the woken task's next poll started (0: none followed)
    std::uint32_t task = 0;      // woken
    std::uint32_t waker = 0;     // waking task (0: none)
    std::uint16_t thread = trace::kNoThread;      // trace thread code of the waker's thread
    std::uint16_t pollWorker = trace::kNoThread;  // the worker of that next poll
    WakeSource source = WakeSource::External;
};

struct StealMark {
    std::uint64_t time = 0;
    std::uint32_t task = 0;   // the stolen task the thief runs now
    std::uint32_t count = 0;  // tasks taken
    std::uint16_t thief = 0, victim = 0;
};

struct FindingMark {
    std::uint64_t time = 0;
    trace::FindingKind kind = trace::FindingKind::Count;
    std::uint32_t index = 0;  // into the run's findings
    trace::LocalizedText title;
};

// [first, last) of the time-sorted `items` that meet [t0, t1]: intervals
// (with .start and .end, non-overlapping) or instants (with .time).
template <class T>
std::pair<std::size_t, std::size_t> visibleRange(std::span<const T> items, double t0, double t1) {
    if constexpr (requires(const T& x) { x.end; }) {
        const auto first = std::partition_point(items.begin(), items.end(), [&](const T& x) {
            return static_cast<double>(x.end) < t0;
        });
        const auto last = std::partition_point(
            first, items.end(), [&](const T& x) { return static_cast<double>(x.start) <= t1; });
        return {static_cast<std::size_t>(first - items.begin()),
                static_cast<std::size_t>(last - items.begin())};
    } else {
        const auto first = std::partition_point(items.begin(), items.end(), [&](const T& x) {
            return static_cast<double>(x.time) < t0;
        });
        const auto last = std::partition_point(
            first, items.end(), [&](const T& x) { return static_cast<double>(x.time) <= t1; });
        return {static_cast<std::size_t>(first - items.begin()),
                static_cast<std::size_t>(last - items.begin())};
    }
}

class TimelineModel {
public:
    TimelineModel() = default;
    // One pass over the run's trace; the run's findings marked at their instants.
    explicit TimelineModel(const scenario::RecordedRun& run);
    // One pass over `trace`; `endTime` closes what is still open (0: the last event's time).
    explicit TimelineModel(const trace::Trace& trace, std::span<const trace::Finding> findings = {},
                           std::uint64_t endTime = 0);

    // Grows the model by the records of `trace` it has not seen (a live run's
    // recording, mirrored as it grows: records are only ever appended). What
    // is still open (a poll, a park, a job) is shown up to `now` (at least the
    // last event's time), flagged kSpanOpen, and continued by the next call.
    void append(const trace::Trace& trace, std::uint64_t now = 0);
    // Records taken in so far.
    std::size_t recordsSeen() const noexcept { return m_seen; }
    // Marks the run's findings at their instants (replacing any).
    void setFindings(std::span<const trace::Finding> findings);

    // The run's extent: 0 to its end (the runtime clock starts at 0).
    std::uint64_t startTime() const noexcept { return 0; }
    std::uint64_t endTime() const noexcept { return m_end; }

    // Worker lanes; the block_on thread's (the #[tokio::main] body's, when
    // the runtime had one) is the last, at blockOnLane().
    const std::vector<WorkerLane>& workers() const noexcept { return m_workers; }
    std::optional<std::size_t> blockOnLane() const noexcept { return m_blockOnLane; }
    bool isBlockOnLane(std::size_t lane) const noexcept { return m_blockOnLane == lane; }
    const std::vector<BlockingLane>& blockingThreads() const noexcept { return m_blocking; }
    const std::vector<WakeMark>& wakes() const noexcept { return m_wakes; }
    const std::vector<StealMark>& steals() const noexcept { return m_steals; }
    const std::vector<FindingMark>& findings() const noexcept { return m_findings; }
    std::size_t pollCount() const noexcept { return m_polls; }

    // The task's name from its Spawn event ("" when it has none).
    std::string_view taskName(std::uint32_t task) const noexcept;
    // The task's scenario template (trace::kNoTemplate when none).
    std::uint32_t templateOf(std::uint32_t task) const noexcept;
    std::size_t memoryBytes() const noexcept;

private:
    struct TaskMeta {
        std::uint32_t name = trace::kNoString;
        std::uint32_t templ = trace::kNoTemplate;
    };
    // What is open while the events go by: per worker the poll and the park,
    // per blocking thread the job; per task its wakes not yet followed by a
    // poll, as a list threaded through `nextWake` (index, kNoWake ends it).
    struct OpenPoll {
        std::uint64_t start = 0;
        std::uint32_t task = 0;
        bool open = false;
    };
    struct OpenPark {
        std::uint64_t since = 0;
        bool open = false;
    };
    struct Open {
        std::vector<OpenPoll> polls;
        std::vector<OpenPark> parks;
        std::vector<JobSpan> jobs;  // flags: 1 while open
        std::vector<std::uint32_t> wakeHead, nextWake;
    };
    void retractOpen();
    void showOpen();

    std::uint64_t m_end = 0;
    std::size_t m_polls = 0;
    std::size_t m_seen = 0;
    bool m_started = false;
    std::optional<std::size_t> m_blockOnLane;
    std::vector<WorkerLane> m_workers;
    std::vector<BlockingLane> m_blocking;
    std::vector<WakeMark> m_wakes;
    std::vector<StealMark> m_steals;
    std::vector<FindingMark> m_findings;
    std::vector<TaskMeta> m_tasks;  // by task id
    std::vector<std::string> m_strings;
    Open m_open;
};

}  // namespace asyncscope::core
