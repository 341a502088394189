// RuntimeState: what the runtime looked like at one instant, rebuilt from
// events by the Reducer. The live view, the timeline, the detectors and the
// exporters all read this one model, so they can never disagree. Its ids are
// the strong ids of ids.hpp: a task, a resource and a spawn_blocking job are
// told apart by type, and what a task waits on is a WaitTarget.
#pragma once

#include <asyncscope/event.hpp>
#include <asyncscope/trace/ids.hpp>
#include <asyncscope/trace/trace.hpp>

#include <array>
#include <cassert>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <vector>

namespace asyncscope::trace {

enum class TaskPhase : std::uint8_t {
    Unknown,    // not spawned yet (ids are dense; gaps before the spawn)
    Idle,       // pending: waiting for a wake
    Scheduled,  // in a queue (global, local, LIFO slot)
    Running,    // being polled
    Notified,   // woken while being polled: polled again after this poll
    Completed,
    Failed,  // completed with an error
    Cancelled,
};
bool isFinished(TaskPhase p) noexcept;
std::string_view toString(TaskPhase p) noexcept;

// What an idle task waits on (from the last resource event of its poll).
enum class WaitKind : std::uint8_t {
    None,
    Timer,
    Mutex,
    BlockingMutex,
    Channel,
    Semaphore,
    Notify,
    Join,
    Blocking
};
// The kinds whose target is a ResourceId.
constexpr bool isResourceWait(WaitKind k) noexcept {
    return k == WaitKind::Mutex || k == WaitKind::BlockingMutex || k == WaitKind::Channel ||
           k == WaitKind::Semaphore || k == WaitKind::Notify;
}

// What a task waits on: the kind of wait and the id it waits for, whose type
// the kind decides. Every value it can hold:
//   None                 no wait (the default)
//   Timer                a timer, no id
//   Mutex, BlockingMutex,
//   Channel, Semaphore,
//   Notify               a ResourceId
//   Join                 the joined task's TaskId
//   Blocking             the spawn_blocking job's JobId
// It is built only through the named constructors, so the kind and the id
// always agree, and each accessor answers only for its own kind: the task of
// a mutex wait is nullopt, never the lock's id read as a task id.
class WaitTarget {
public:
    constexpr WaitTarget() noexcept = default;
    static constexpr WaitTarget onTimer() noexcept { return {WaitKind::Timer, 0}; }
    // `kind` is one of the resource kinds (isResourceWait).
    static constexpr WaitTarget onResource(WaitKind kind, ResourceId id) noexcept {
        assert(isResourceWait(kind));
        return {kind, id.value()};
    }
    static constexpr WaitTarget onTask(TaskId joined) noexcept {
        return {WaitKind::Join, joined.value()};
    }
    static constexpr WaitTarget onJob(JobId job) noexcept {
        return {WaitKind::Blocking, job.value()};
    }

    constexpr WaitKind kind() const noexcept { return m_kind; }
    constexpr std::optional<ResourceId> resource() const noexcept {
        if (isResourceWait(m_kind)) return ResourceId(m_id);
        return std::nullopt;
    }
    constexpr std::optional<TaskId> task() const noexcept {
        if (m_kind == WaitKind::Join) return TaskId(m_id);
        return std::nullopt;
    }
    constexpr std::optional<JobId> job() const noexcept {
        if (m_kind == WaitKind::Blocking) return JobId(m_id);
        return std::nullopt;
    }
    friend constexpr bool operator==(const WaitTarget&, const WaitTarget&) noexcept = default;

private:
    constexpr WaitTarget(WaitKind kind, std::uint32_t id) noexcept : m_kind(kind), m_id(id) {}
    WaitKind m_kind = WaitKind::None;
    std::uint32_t m_id = 0;  // of the type kind() says; 0 for None and Timer
};

// The edges of the task lifecycle the reducer counts (the inspector's state
// machine). Any other change of phase is not counted.
enum class TaskEdge : std::uint8_t {
    IdleToScheduled,
    ScheduledToRunning,
    RunningToIdle,
    RunningToNotified,
    NotifiedToScheduled,
    RunningToCompleted,
    RunningToFailed,
    IdleToCancelled,
    ScheduledToCancelled,
    RunningToCancelled,
    Count
};
// The edge from `from` to `to`, or TaskEdge::Count when it is not one.
TaskEdge edgeOf(TaskPhase from, TaskPhase to) noexcept;
TaskPhase edgeFrom(TaskEdge e) noexcept;
TaskPhase edgeTo(TaskEdge e) noexcept;

struct TaskInfo {
    TaskId id;
    TaskId parent;                              // kNoTask: spawned from outside any task
    std::uint32_t name = kNoString;             // string index in the trace
    std::uint32_t templateIndex = kNoTemplate;  // a scenario task's template
    TaskPhase phase = TaskPhase::Unknown;
    // Where it is while Scheduled (QueueKind::Blocking: in no run queue yet,
    // a task woken while it runs, before its Schedule).
    QueueKind queue = QueueKind::Global;
    std::uint16_t worker = kNoThread;  // running on / queued on
    std::uint32_t awaitPoint = 0;
    WaitTarget waitTarget;  // what it waits on
    std::uint64_t polls = 0;
    std::uint64_t busyNs = 0;       // time being polled
    std::uint64_t scheduledNs = 0;  // time runnable but not polled
    std::uint64_t idleNs = 0;       // time pending
    std::uint64_t since = 0;        // time of the last phase change
    std::uint64_t spawnedAt = 0;
    std::uint64_t endedAt = 0;
    std::uint64_t lastPollStart = 0;
    std::uint64_t longestPollNs = 0;
    std::array<std::uint32_t, static_cast<std::size_t>(WakeSource::Count)> wakes{};
    std::uint32_t selfWakes = 0;
    // How often the task took each edge of its lifecycle.
    std::array<std::uint32_t, static_cast<std::size_t>(TaskEdge::Count)> edges{};
    std::uint32_t timers = 0;  // armed timers
    std::uint32_t errorText = kNoString;
    // Its root coroutine frame (TaskFrame): size, and address (low 32 bits)
    // as spawned and as each poll found it; `frameMoved` would say a poll
    // found it elsewhere, which pinning rules out.
    std::uint32_t frameBytes = 0;
    std::uint32_t frameAddress = 0;
    bool frameMoved = false;

    std::uint32_t totalWakes() const noexcept;
};

struct WorkerInfo {
    TaskId running;            // task being polled (kNoTask: none)
    TaskId lifo;               // task in the LIFO slot (kNoTask: empty)
    std::deque<TaskId> local;  // local run queue, front = next
    bool parked = false;
    std::uint64_t parkedSince = 0;
    std::uint64_t pollStart = 0;
    std::uint64_t polls = 0;
    std::uint64_t busyNs = 0;
    std::uint64_t steals = 0;
    std::uint64_t stolenTasks = 0;
    // Real clock: how long the OS kept this worker off a core in the middle
    // of its polls (HostPreempt records).
    std::uint64_t hostStolenNs = 0;
    // Not a worker: the block_on thread, which polls only the #[tokio::main]
    // body (`lifo` then holds that task while it is scheduled there).
    bool blockOn = false;
};

struct LockInfo {
    ResourceId id;
    LockKind kind = LockKind::AsyncMutex;
    TaskId holder;  // kNoTask: free
    std::uint64_t heldSince = 0;
    std::deque<TaskId> waiters;  // FIFO
    std::uint64_t acquisitions = 0;
    std::uint64_t contentions = 0;
    std::uint64_t handoffs = 0;
    std::uint64_t waitNs = 0;  // total time tasks spent queued
};

struct ChannelInfo {
    ResourceId id;
    std::uint32_t buffered = 0;  // last known fill
    std::uint32_t capacity = 0;  // 0: unknown / unbounded
    std::vector<TaskId> waitingSenders;
    std::vector<TaskId> waitingReceivers;
    bool closed = false;
    std::uint64_t sends = 0;
    std::uint64_t receives = 0;
};

struct SemaphoreInfo {
    ResourceId id;
    std::deque<TaskId> waiters;
    std::map<TaskId, std::uint32_t> holders;  // task -> permits
};

struct TimerInfo {
    TaskId task;
    std::uint64_t deadline = 0;
};

struct BlockingThreadInfo {
    bool alive = false;
    JobId job;        // running job (kNoJob: idle)
    TaskId awaiting;  // task waiting for that job
    std::uint64_t jobStart = 0;
};

struct RuntimeState {
    std::uint64_t time = 0;
    std::size_t applied = 0;      // number of events applied
    std::vector<TaskInfo> tasks;  // indexed by task id value (index 0 unused)
    std::vector<WorkerInfo> workers;
    std::deque<TaskId> global;
    std::map<ResourceId, LockInfo> locks;
    std::map<ResourceId, ChannelInfo> channels;
    std::map<ResourceId, SemaphoreInfo> semaphores;
    std::multimap<std::uint64_t, TaskId> timers;  // deadline -> task
    std::vector<BlockingThreadInfo> blocking;
    std::uint64_t spawned = 0, completed = 0, failed = 0, cancelled = 0;
    std::uint64_t polls = 0, steals = 0, wakes = 0;
    std::uint64_t hostStolenNs = 0;  // every worker's hostStolenNs

    // The task, once spawned; nullptr otherwise.
    const TaskInfo* task(TaskId id) const noexcept {
        const std::uint32_t i = id.value();
        return i < tasks.size() && tasks[i].phase != TaskPhase::Unknown ? &tasks[i] : nullptr;
    }
    std::size_t alive() const noexcept { return spawned - completed - failed - cancelled; }
    std::size_t runnable() const noexcept;  // scheduled or notified
    unsigned busyBlockingThreads() const noexcept;
    unsigned runningWorkers() const noexcept;
    // Accounting up to `now` for tasks still in a phase (the reducer only adds
    // a phase's duration when it ends).
    std::uint64_t busyNs(const TaskInfo& t) const noexcept;
    std::uint64_t scheduledNs(const TaskInfo& t) const noexcept;
    std::uint64_t idleNs(const TaskInfo& t) const noexcept;
};

// Applies events, one at a time, to a RuntimeState.
class Reducer {
public:
    explicit Reducer(const Trace* trace = nullptr) : m_trace(trace) {}
    void apply(RuntimeState& s, const Record& r) const;

private:
    [[maybe_unused]] const Trace* m_trace;
};

}  // namespace asyncscope::trace
