// RuntimeState: what the runtime looked like at one instant, rebuilt from
// events by the Reducer. The live view, the timeline, the detectors and the
// exporters all read this one model, so they can never disagree.
#pragma once

#include <asyncscope/event.hpp>
#include <asyncscope/trace/trace.hpp>

#include <array>
#include <cstdint>
#include <deque>
#include <map>
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
    std::uint32_t id = 0;
    std::uint32_t parent = 0;
    std::uint32_t name = kNoString;             // string index in the trace
    std::uint32_t templateIndex = kNoTemplate;  // a scenario task's template
    TaskPhase phase = TaskPhase::Unknown;
    QueueKind queue = QueueKind::Global;  // where it is while Scheduled
    std::uint16_t worker = kNoThread;     // running on / queued on
    std::uint32_t awaitPoint = 0;
    WaitKind waitKind = WaitKind::None;
    std::uint32_t waitOn = 0;  // resource id, task id (join) or job id
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

    std::uint32_t totalWakes() const noexcept;
};

struct WorkerInfo {
    std::uint32_t running = 0;        // task id being polled (0: none)
    std::uint32_t lifo = 0;           // task in the LIFO slot (0: empty)
    std::deque<std::uint32_t> local;  // local run queue, front = next
    bool parked = false;
    std::uint64_t parkedSince = 0;
    std::uint64_t pollStart = 0;
    std::uint64_t polls = 0;
    std::uint64_t busyNs = 0;
    std::uint64_t steals = 0;
    std::uint64_t stolenTasks = 0;
};

struct LockInfo {
    std::uint32_t id = 0;
    LockKind kind = LockKind::AsyncMutex;
    std::uint32_t holder = 0;  // 0: free
    std::uint64_t heldSince = 0;
    std::deque<std::uint32_t> waiters;  // FIFO
    std::uint64_t acquisitions = 0;
    std::uint64_t contentions = 0;
    std::uint64_t handoffs = 0;
    std::uint64_t waitNs = 0;  // total time tasks spent queued
};

struct ChannelInfo {
    std::uint32_t id = 0;
    std::uint32_t buffered = 0;  // last known fill
    std::uint32_t capacity = 0;  // 0: unknown / unbounded
    std::vector<std::uint32_t> waitingSenders;
    std::vector<std::uint32_t> waitingReceivers;
    bool closed = false;
    std::uint64_t sends = 0;
    std::uint64_t receives = 0;
};

struct SemaphoreInfo {
    std::uint32_t id = 0;
    std::deque<std::uint32_t> waiters;
    std::map<std::uint32_t, std::uint32_t> holders;  // task -> permits
};

struct TimerInfo {
    std::uint32_t task = 0;
    std::uint64_t deadline = 0;
};

struct BlockingThreadInfo {
    bool alive = false;
    std::uint32_t job = 0;       // running job id (0: idle)
    std::uint32_t awaiting = 0;  // task waiting for that job
    std::uint64_t jobStart = 0;
};

struct RuntimeState {
    std::uint64_t time = 0;
    std::size_t applied = 0;      // number of events applied
    std::vector<TaskInfo> tasks;  // indexed by task id (index 0 unused)
    std::vector<WorkerInfo> workers;
    std::deque<std::uint32_t> global;
    std::map<std::uint32_t, LockInfo> locks;
    std::map<std::uint32_t, ChannelInfo> channels;
    std::map<std::uint32_t, SemaphoreInfo> semaphores;
    std::multimap<std::uint64_t, std::uint32_t> timers;  // deadline -> task
    std::vector<BlockingThreadInfo> blocking;
    std::uint64_t spawned = 0, completed = 0, failed = 0, cancelled = 0;
    std::uint64_t polls = 0, steals = 0, wakes = 0;

    const TaskInfo* task(std::uint32_t id) const noexcept {
        return id < tasks.size() && tasks[id].phase != TaskPhase::Unknown ? &tasks[id] : nullptr;
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
