// Detectors: the problems a trace can prove, explained in plain language.
//
// Design note
// -----------
// Detectors are incremental: they are fed every event *after* the Reducer
// applied it (the RuntimeState they see is the state just after event
// `index`), so the same code serves a finished recording (analyze()) and a
// live run. They read the state the Reducer built, plus a little bookkeeping
// of their own (phase counters, per-worker polls in flight, pending blocking
// jobs, the last wait event of each task).
//
// A finding is reported at the event that made it true ("the step that
// closed the cycle"), once: repeated occurrences of the same problem (tasks
// of the same name blocking at the same await point again, a lock convoy
// that goes on) update the finding's count, tasks and text instead of adding
// new findings.
//
// Stall and lost-waker findings depend on the future ("nobody will ever wake
// it"). They are reported when the runtime becomes quiescent -- nothing
// runnable or running, no timer armed, no blocking job in flight -- and are
// *retracted* if progress resumes afterwards (a thread outside the runtime
// may wake a task of an idle runtime). A lost-waker candidate still pending
// when the run ends (or when the shutdown cancels it) is reported by
// finish(). Shutdown itself (tasks cancelled without a poll) is not
// progress.
//
// Exact rules and thresholds (DetectorOptions):
//   Deadlock          a cycle in the wait-for graph. Edges: a task queued on
//                     an async Mutex -> its holder; a task blocked inside a
//                     BlockingMutex lock() (its worker thread stuck in the
//                     poll) -> its holder; a task awaiting a JoinHandle ->
//                     that task. Tasks with an armed timer (a timeout) have
//                     no Mutex/Join edge: the timer can still free them.
//                     Thread-level edge: when every worker is blocked inside
//                     a BlockingMutex lock() and the holders are tasks that
//                     are not running, those holders can never be polled
//                     again (task -> "needs a worker" -> the blocked task).
//                     Reported once per set of tasks, at the closing event.
//   Stall             at a quiescent point, unfinished tasks that are not
//                     explained by a deadlock or lost waker already found
//                     (a task is explained when its chain of waits -- lock
//                     holder, joined task -- reaches a task of a deadlock
//                     cycle or a lost-waker task). Retracted on progress.
//   LostWaker         a task whose poll returned Pending while it had no
//                     timer and no wait registered (lock, channel, semaphore,
//                     Notify, join, blocking job), and that was never woken
//                     afterwards. Time/index: that PollEnd.
//   BlockingTheRuntime a poll longer than blockingPollNs, reported at its
//                     PollEnd (or at finish() when still running); one finding
//                     per (task name, await point), counting repeats.
//   Starvation        a task Scheduled (runnable, in a queue) for longer than
//                     starvationNs while other tasks were polled meanwhile,
//                     reported at the first event past the threshold; one
//                     finding per task name, counting repeats.
//   Oversubscription  busy threads (workers in a poll + blocking threads
//                     running a job) > cores for at least oversubscriptionNs;
//                     one finding per run, with the peak and episode count.
//   LockConvoy        convoyHandoffs successive acquisitions of a lock by a
//                     queued waiter, each with >= convoyMinWaiters tasks
//                     queued (including the one acquiring); the streak ends
//                     when an acquisition finds fewer queued. One per lock.
//   SelfWakeHeavy     informational: selfWakes / polls > selfWakeRatio with
//                     polls >= selfWakeMinPolls (yield loops); one per task.
//   TaskFailed        a task ended with an error (a `fail` step, or a misuse
//                     the interpreter refused: an unlock of a mutex the task
//                     does not hold, ...); tasks of one name failing with
//                     one message share a finding.
//   HostPreemption    informational, real clock: a poll longer than
//                     blockingPollNs that, without the time the OS kept its
//                     worker off a core (HostPreempt records), would not have
//                     been; reported as the host's doing instead of
//                     BlockingTheRuntime. One per run, with the total.
//
// Thread safety: a Detectors object is used by one thread; the Trace it
// names tasks from must not be appended to concurrently with onEvent().
#pragma once

#include <asyncscope/trace/state.hpp>
#include <asyncscope/trace/trace.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace asyncscope::trace {

enum class FindingKind : std::uint8_t {
    Deadlock,
    Stall,
    LostWaker,
    BlockingTheRuntime,
    Starvation,
    Oversubscription,
    LockConvoy,
    SelfWakeHeavy,   // informational
    TaskFailed,      // a task ended with an error: its message, grouped by name and message
    HostPreemption,  // informational: the OS took a worker's core in the middle of long polls
    Count
};
std::string_view toString(FindingKind kind) noexcept;
// SelfWakeHeavy and HostPreemption are informational; every other kind is a problem.
bool isInformational(FindingKind kind) noexcept;

struct LocalizedText {
    std::string en, zh;  // English, Simplified Chinese
};

// Its ids are raw numbers (trace::TaskId::value(), ResourceId::value()), like
// the records it points at: a finding is a report that the CLI prints and the
// app hands on as task numbers.
struct Finding {
    FindingKind kind = FindingKind::Count;
    std::uint64_t time = 0;                // runtime ns of the event that made it true
    std::size_t eventIndex = 0;            // index of that event in the trace
    std::vector<std::uint32_t> tasks;      // the tasks concerned, most relevant first
    std::vector<std::uint16_t> threads;    // worker index, or kBlockingFlag | blocking thread
    std::vector<std::uint32_t> resources;  // lock / channel / ... ids
    // Kind-specific figures. durationNs: the longest blocking poll / the
    // longest starvation wait / the total oversubscribed time. count:
    // occurrences (blocking, starvation), peak busy threads
    // (oversubscription), longest run of hand-offs (convoy), self wakes
    // (self-wake heavy), 1 otherwise.
    std::uint64_t durationNs = 0;
    std::uint64_t count = 1;
    // Live only (findingsSoFar(state, now)): still going on, a poll that has
    // not returned yet; replaced by its own finding when it does.
    bool ongoing = false;
    LocalizedText title, what, why, fix;
};

struct DetectorOptions {
    std::uint64_t blockingPollNs = 10'000'000;  // 10 ms
    std::uint64_t starvationNs = 50'000'000;    // 50 ms
    unsigned cores = 0;  // 0: TraceInfo (when it records the cores) or hardware_concurrency
    std::uint64_t oversubscriptionNs = 10'000'000;  // 10 ms
    std::size_t convoyMinWaiters = 3;
    std::uint64_t convoyHandoffs = 20;
    std::uint64_t selfWakeMinPolls = 100;
    double selfWakeRatio = 0.5;
    std::size_t maxListed = 8;  // task names listed in a text before "and N more"
};

class Detectors {
public:
    explicit Detectors(const Trace& trace, DetectorOptions options = {});
    ~Detectors();
    Detectors(Detectors&&) noexcept;
    Detectors& operator=(Detectors&&) noexcept;
    Detectors(const Detectors&) = delete;
    Detectors& operator=(const Detectors&) = delete;

    // Feed every event, in order, after the reducer applied it to `s`.
    void onEvent(const RuntimeState& s, const Record& r, std::size_t index);
    // End-of-run checks (lost wakers still pending, polls still running,
    // tasks still queued, self wakes), then every finding, deduplicated and
    // ordered by time (then event index).
    std::vector<Finding> finish(const RuntimeState& finalState);
    // The findings so far (provisional stall / lost-waker findings included).
    const std::vector<Finding>& findings() const;
    // The same, as finish() gives them: ordered by time and deduplicated
    // (what a live view shows while the run goes on).
    std::vector<Finding> findingsSoFar() const;
    // The same while a run is live, at runtime time `now` (at or after the
    // last event `state` applied): a poll still running that has held its
    // worker longer than the threshold is a finding from the instant it
    // crossed it ("ran for at least 10 ms … still running"), not only once it
    // returns. It becomes the poll's own finding when the poll ends.
    std::vector<Finding> findingsSoFar(const RuntimeState& state, std::uint64_t now) const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// Reducer + detectors over a finished recording.
std::vector<Finding> analyze(const Trace& trace, DetectorOptions options = {});

}  // namespace asyncscope::trace
