// DetailLanes: the timeline's on-demand lanes, one per task or resource the
// user asked to see, built incrementally from a trace that may still grow.
//
// Design note
// -----------
// A worker lane answers "what ran here"; a detail lane answers "what was
// this one task (or this one lock, channel, semaphore) doing". The user adds
// a handful of them, so each lane reads the trace on its own, but only once:
// every lane remembers the index of the next record it has not read, and
// extend() reads from there to the trace's end. A live run mirrors its
// recording into a Trace that only grows (records are appended, never
// changed), so extend() after each mirror costs O(new records), and a lane
// added late catches up once, in one pass. A trace that got shorter than
// what a lane read is a different trace: the lane starts over.
//
// A task lane is a time-sorted list of non-overlapping segments, each in one
// state (gotraceui's goroutine lane):
//
//   Scheduled  from its spawn or a wake until a poll starts: it is in a run
//              queue, waiting for a worker;
//   Running    a poll, on one worker (or block_on's thread);
//   Idle       from a poll that returned Pending until the wake: waiting for
//              what the poll's events said (a lock it contended, a full or
//              empty channel, permits, a joined task, a Notify, a timer, a
//              spawn_blocking job), Unknown when they said nothing;
//   Done       from Complete / Error / Cancel on, for ever.
//
// The transitions follow the reducer's (trace/reducer.cpp): a wake during a
// poll makes the task Scheduled as soon as that poll returns Pending; a wait
// event seen while the task is already Idle (threads merged at one instant
// are not ordered causally) still names that Idle segment's wait. Segments
// that contain no time (a Scheduled or Idle state entered and left at the
// same instant, common under the virtual clock) are not kept; a poll is
// kept even when it took no time, as the worker lanes keep it.
//
// A resource lane is a set of step series (Level: a value from start to end)
// plus, for a mutex, its holder spans:
//
//   mutex          holder spans (who held it, from acquire to release) and
//                  the waiters (LockContend adds the task, its acquire, its
//                  end or a wait elsewhere removes it);
//   channel        the fill (ChanSend / ChanRecv say the buffered count after
//                  them; ChanFull means full, ChanEmpty empty) against its
//                  capacity, and the senders / receivers waiting;
//   oneshot        the fill, 0 or 1: sent or not (a oneshot's receive is not
//                  an event), and the receiver waiting;
//   semaphore      the permits in use (a running sum of SemAcquire and
//                  SemRelease amounts) against its permits, and the waiters;
//   notify         the waiters.
//
// A waiter on a channel, semaphore or Notify leaves when it is woken (as the
// reducer's clearWait); a waiter on a lock only when it gets the lock, ends,
// or waits on something else, since the lock is handed to it before its wake.
//
// Invariants. Segments, spans and levels are appended in the order they
// start and never overlap, so both their starts and their ends are sorted
// and visibleRange() (timeline_model.hpp) finds the visible ones with two
// binary searches. The last item of a series may be open: its end is
// kOpenEnd and flags has kSpanOpen; it lasts up to whatever `now` the
// caller shows (endAt(now)), which keeps the ends sorted as long as `now` is
// not before the last record read. A level series also keeps the maximum of
// each block of 64 levels and of each block of 4096, so that the largest
// value of any range (what a folded block of tiny steps draws) costs at most
// a few hundred comparisons, not one per level.
//
// The engine's locks are exclusive; a holder span nevertheless counts its
// holders, so a shared lock (readers) would show as one span per set of
// holders rather than as overlapping spans.
#pragma once

#include "ids.hpp"
#include "timeline_model.hpp"

#include <asyncscope/event.hpp>
#include <asyncscope/scenario/model.hpp>
#include <asyncscope/trace/trace.hpp>

#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <unordered_set>
#include <utility>
#include <variant>
#include <vector>

namespace asyncscope::scenario {
struct RunTables;
}

namespace asyncscope::core {

// The end of a segment, span or level still open.
inline constexpr std::uint64_t kOpenEnd = std::numeric_limits<std::uint64_t>::max();
// Flags of a task segment (with kSpanOpen): Scheduled by its spawn, not a wake.
inline constexpr std::uint8_t kSegSpawned = 2;
// Idle: a timer was set too (a timeout around the wait, a select with a sleep).
inline constexpr std::uint8_t kSegTimeout = 4;

enum class TaskState : std::uint8_t { Scheduled, Running, Idle, Done };

// What an Idle task waits for, as its last poll's events said.
enum class WaitOn : std::uint8_t {
    Unknown,
    Lock,          // target: the mutex
    ChannelFull,   // target: the channel; a sender waiting for room
    ChannelEmpty,  // target: the channel (or oneshot); a receiver waiting for a message
    Semaphore,     // target: the semaphore
    Join,          // target: the joined task
    JoinAny,       // any task of its group (target 0)
    Notify,        // target: the Notify
    Timer,         // a sleep (target 0)
    Blocking,      // target: the spawn_blocking job
};

struct TaskSegment {
    std::uint64_t start = 0;
    std::uint64_t end = kOpenEnd;  // kOpenEnd: still open (the lane's last segment)
    // Running: where the poll left the task (PollEnd's await point);
    // Idle: the await point it waits at.
    std::uint32_t awaitPoint = 0;
    // Idle: the resource, joined task or blocking job waited on (0: none);
    // Scheduled after a wake: the waking task (0: none, or not a task).
    std::uint32_t target = 0;
    std::uint16_t worker = trace::kNoThread;  // Running: the thread that polled (trace code)
    TaskState state = TaskState::Scheduled;
    WaitOn wait = WaitOn::Unknown;           // Idle
    WakeSource wake = WakeSource::External;  // Scheduled after a wake: what woke it
    // Running: how the poll ended (Pending while open); Done: how the task
    // ended (Ready: completed, Error: failed, Cancelled).
    PollResult result = PollResult::Pending;
    std::uint8_t flags = 0;  // kSpanOpen, kSegSpawned, kSegTimeout

    bool open() const noexcept { return end == kOpenEnd; }
    // Its end as shown at `now`: an open segment lasts until then.
    std::uint64_t endAt(std::uint64_t now) const noexcept {
        return open() ? (now > start ? now : start) : end;
    }
};
static_assert(sizeof(TaskSegment) == 32, "a task segment stays compact");

class TaskLane {
public:
    explicit TaskLane(TaskId task) : m_task(task) {}

    // Reads the records from where it stopped to `trace`'s end.
    void extend(const trace::Trace& trace);

    TaskId task() const noexcept { return m_task; }
    // Its name from its Spawn record ("" before that, or when it has none).
    const std::string& name() const noexcept { return m_name; }
    std::uint32_t templateIndex() const noexcept { return m_template; }
    // Time-sorted, non-overlapping; the last may be open.
    const std::vector<TaskSegment>& segments() const noexcept { return m_segments; }
    // The segments meeting [t0, t1], as indices [first, last) into segments().
    std::pair<std::size_t, std::size_t> visible(double t0, double t1, std::uint64_t now) const;
    // The segment at instant `t` (the later one where two meet), or null.
    const TaskSegment* at(std::uint64_t t) const noexcept;
    // The time of the last record read (0: none).
    std::uint64_t lastTime() const noexcept { return m_lastTime; }
    std::size_t recordsRead() const noexcept { return m_next; }

private:
    void apply(const trace::Record& r, const trace::Trace& trace);
    void open(TaskSegment s);
    void close(std::uint64_t now);
    TaskSegment* current() noexcept;
    void setWait(WaitOn wait, std::uint32_t target);
    void reset();

    TaskId m_task;
    std::string m_name;
    std::uint32_t m_template = trace::kNoTemplate;
    std::vector<TaskSegment> m_segments;
    std::size_t m_next = 0;
    std::uint64_t m_lastTime = 0;
    // While Running: what the poll's events said it will wait for, and the
    // wake that came during the poll (it is Scheduled again when it returns).
    WaitOn m_wait = WaitOn::Unknown;
    std::uint32_t m_waitTarget = 0;
    bool m_timer = false;
    bool m_notified = false;
    WakeSource m_wakeSource = WakeSource::External;
    std::uint32_t m_waker = 0;
};

// One step of a step series: `value` from start to end.
struct Level {
    std::uint64_t start = 0;
    std::uint64_t end = kOpenEnd;
    std::uint32_t value = 0;
    std::uint8_t flags = 0;  // kSpanOpen

    bool open() const noexcept { return end == kOpenEnd; }
    std::uint64_t endAt(std::uint64_t now) const noexcept {
        return open() ? (now > start ? now : start) : end;
    }
};

// A value that changes at instants: the last level is open. Before its
// first level the value is 0.
class LevelSeries {
public:
    // The value is `v` from `t` on (t: not before the last change). A change
    // at the instant of the previous one replaces it; a value equal to the
    // current one adds nothing.
    void set(std::uint64_t t, std::uint32_t v);
    const std::vector<Level>& levels() const noexcept { return m_levels; }
    std::uint32_t current() const noexcept { return m_levels.empty() ? 0 : m_levels.back().value; }
    // The value at instant `t` (after every change at t).
    std::uint32_t at(std::uint64_t t) const noexcept;
    // The largest value of levels [first, last) (0 when empty).
    std::uint32_t maxIn(std::size_t first, std::size_t last) const noexcept;
    // The largest value during [t0, t1): from the value at t0 on, every
    // value that started before t1 (t1 <= t0: the value at t0).
    std::uint32_t maxOver(std::uint64_t t0, std::uint64_t t1) const noexcept;
    // The largest value ever.
    std::uint32_t maxValue() const noexcept { return m_max; }
    std::pair<std::size_t, std::size_t> visible(double t0, double t1, std::uint64_t now) const;
    void clear();

    static constexpr std::size_t kBlock = 64;  // levels per block; blocks per super block

private:
    void sealBlocks();
    void unsealBlocks();

    std::vector<Level> m_levels;
    std::vector<std::uint32_t> m_blockMax;  // of each complete block of kBlock levels
    std::vector<std::uint32_t> m_superMax;  // of each complete block of kBlock blocks
    std::uint32_t m_max = 0;
};

struct HolderSpan {
    std::uint64_t start = 0;
    std::uint64_t end = kOpenEnd;
    std::uint32_t task = 0;     // the holder (the first of them when several share it)
    std::uint32_t holders = 1;  // tasks holding it during the span
    std::uint8_t flags = 0;     // kSpanOpen

    bool open() const noexcept { return end == kOpenEnd; }
    std::uint64_t endAt(std::uint64_t now) const noexcept {
        return open() ? (now > start ? now : start) : end;
    }
};

// What a resource is, from the run's tables or the recording's info.
struct ResourceMeta {
    std::string name;  // "" when unknown
    scenario::ResourceKind kind = scenario::ResourceKind::Mutex;
    std::uint64_t capacity = 0;  // channel: slots (0: unbounded); oneshot 1; semaphore: permits
    bool known = false;          // false: the kind is guessed from the first event that names it
};

// Looks resource `id` up in `tables`, else in `info` (either may be null).
ResourceMeta resourceMeta(ResourceId id, const scenario::RunTables* tables,
                          const trace::TraceInfo* info = nullptr);

class ResourceLane {
public:
    ResourceLane(ResourceId id, ResourceMeta meta) : m_id(id), m_meta(std::move(meta)) {}

    void extend(const trace::Trace& trace);

    ResourceId id() const noexcept { return m_id; }
    const ResourceMeta& meta() const noexcept { return m_meta; }
    scenario::ResourceKind kind() const noexcept { return m_meta.kind; }
    bool isLock() const noexcept;
    bool isChannel() const noexcept;  // bounded, unbounded or oneshot
    // What the fill or use is measured against: the capacity (permits, slots;
    // oneshot 1), else the largest value seen (an unbounded channel), at least 1.
    std::uint32_t scale() const noexcept;

    // Locks: who held it, time-sorted, non-overlapping; the last may be open.
    const std::vector<HolderSpan>& holders() const noexcept { return m_holders; }
    std::pair<std::size_t, std::size_t> visibleHolders(double t0, double t1,
                                                       std::uint64_t now) const;
    // Channels: messages buffered (oneshot: 1 once sent).
    const LevelSeries& fill() const noexcept { return m_fill; }
    // Semaphores: permits in use.
    const LevelSeries& inUse() const noexcept { return m_inUse; }
    // Locks, semaphores, Notify: tasks waiting; channels: senders waiting
    // for room (channel full).
    const LevelSeries& waiters() const noexcept { return m_waiters; }
    // Channels: receivers waiting for a message (channel empty).
    const LevelSeries& receivers() const noexcept { return m_receivers; }
    // The series the lane draws as its area: fill, permits in use, or the
    // waiters (a lock's, drawn under its holders; a Notify's).
    const LevelSeries& level() const noexcept;
    // Channels: when it was closed.
    std::optional<std::uint64_t> closedAt() const noexcept { return m_closed; }
    std::uint64_t lastTime() const noexcept { return m_lastTime; }
    std::size_t recordsRead() const noexcept { return m_next; }

private:
    void apply(const trace::Record& r);
    void guessKind(EventKind k, std::uint8_t sub);
    void acquire(std::uint32_t task, std::uint64_t now);
    void release(std::uint32_t task, std::uint64_t now);
    void openHolderSpan(std::uint64_t now);
    void closeHolderSpan(std::uint64_t now);
    void leave(std::unordered_set<std::uint32_t>& set, LevelSeries& series, std::uint32_t task,
               std::uint64_t now);
    void join(std::unordered_set<std::uint32_t>& set, LevelSeries& series, std::uint32_t task,
              std::uint64_t now);
    void reset();

    ResourceId m_id;
    ResourceMeta m_meta;
    bool m_kindSeen = false;
    std::vector<HolderSpan> m_holders;
    std::vector<std::uint32_t> m_holding;  // who holds it now
    LevelSeries m_fill, m_inUse, m_waiters, m_receivers;
    std::uint64_t m_used = 0;  // semaphore permits in use
    std::unordered_set<std::uint32_t> m_waiting, m_receiving;
    std::optional<std::uint64_t> m_closed;
    std::size_t m_next = 0;
    std::uint64_t m_lastTime = 0;
};

// The lanes the user asked for, in the order asked; kept by the timeline
// panel next to its TimelineModel and given to the painter through
// TimelineOptions::details.
class DetailLanes {
public:
    using Lane = std::variant<TaskLane, ResourceLane>;

    // Adds an empty lane last (false, and nothing changes, when there is one
    // already); extend() fills it.
    bool addTask(TaskId task);
    bool addResource(ResourceId id, ResourceMeta meta);
    // Removes the lane of a task or resource (false when there is none).
    bool remove(ItemRef ref);
    bool contains(ItemRef ref) const noexcept;
    // Reads what the trace gained since the last call, in every lane.
    void extend(const trace::Trace& trace);
    // No lanes.
    void clear() noexcept { m_lanes.clear(); }

    std::size_t size() const noexcept { return m_lanes.size(); }
    bool empty() const noexcept { return m_lanes.empty(); }
    const std::vector<Lane>& lanes() const noexcept { return m_lanes; }
    const TaskLane* taskLane(std::size_t i) const noexcept;
    const ResourceLane* resourceLane(std::size_t i) const noexcept;
    // The lane's task or resource; index of a ref's lane (nullopt: none).
    ItemRef ref(std::size_t i) const noexcept;
    std::optional<std::size_t> indexOf(ItemRef ref) const noexcept;
    // The latest record time any lane read: open segments last at least to it.
    std::uint64_t lastTime() const noexcept;

private:
    std::vector<Lane> m_lanes;
};

}  // namespace asyncscope::core
