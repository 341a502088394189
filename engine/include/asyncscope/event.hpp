// Observation hooks: the vocabulary of everything the engine can be seen doing.
//
// Design note
// -----------
// Every observable transition of the runtime (a spawn, a task landing in a
// queue, a poll, a wake, a steal, a lock hand-off, ...) is described by one
// small, fixed-size `Event`. The runtime calls `Observer::onEvent` for each of
// them, on the thread where the transition happened, *only* when an observer
// is installed: with none installed the cost is one well-predicted branch on a
// pointer that never changes while the runtime runs.
//
// Contract for observers: `onEvent` is `noexcept`, must never block and must
// never call back into the runtime. It may be called concurrently from every
// worker thread, the blocking pool and any thread that wakes a task. The
// recorder (trace/) builds per-thread buffers on top of this.
#pragma once

#include <cstdint>
#include <string_view>

namespace asyncscope {

// The comments below form a table of what each field means: keep it aligned.
// clang-format off
enum class EventKind : std::uint8_t {
    Spawn,          // task=new task, arg=parent task id (0: spawned from outside), text=name,
                    // arg2=tag (0: none; a scenario's tasks: template index + 1)
    Schedule,       // task, sub=QueueKind; arg: 0 scheduled, 1 moved local->global
                    // (overflow), 2 moved global->local (batch pop). QueueKind::Blocking:
                    // task submitted the spawn_blocking job `arg` and waits for it.
    PollStart,      // task on worker, arg=await point, arg2=its frame's address (low 32 bits)
    PollEnd,        // task, sub=PollResult, arg=await point (step index or 0)
    Wake,           // task=wakee, sub=WakeSource, arg=waker task id (0: none)
    Steal,          // worker=thief, arg=victim worker, arg2=number of tasks taken from the
                    // front of the victim's queue; task=the one of them the thief runs now
                    // (the last taken); the others go to the back of the thief's queue
    Park,           // worker
    Unpark,         // worker
    LockAcquire,    // task, arg=resource id, sub=LockKind
    LockContend,    // task, arg=resource id, sub=LockKind
    LockRelease,    // task, arg=resource id, sub=LockKind, arg2=task handed to (0: none)
    ChanSend,       // task, arg=resource id, arg2=buffered count after the send
    ChanRecv,       // task, arg=resource id, arg2=buffered count after the receive
    ChanFull,       // task (a sender that has to wait), arg=resource id, arg2=capacity
    ChanEmpty,      // task (a receiver that has to wait), arg=resource id (mpsc or oneshot)
    ChanClose,      // task, arg=resource id
    SemAcquire,     // task, arg=resource id, arg2=permits
    SemRelease,     // task, arg=resource id, arg2=permits
    SemWait,        // task, arg=resource id, arg2=permits asked for
    TimerRegister,  // task, arg=deadline (runtime ns, exact)
    TimerFire,      // task, arg=deadline
    TimerCancel,    // task, arg=deadline
    BlockingStart,  // task=job id, worker=blocking thread index, arg=task that awaits it
    BlockingEnd,    // task=job id, worker=blocking thread index
    Cancel,         // task; sub=0: abort requested, arg=task that asked (0: outside);
                    // sub=1: the task was destroyed (cancellation done)
    Complete,       // task
    Error,          // task, text=message
    StepEnter,      // task, arg=await point index (scenario step)
    BlockingThreadStart,  // worker=blocking thread index
    BlockingThreadExit,   // worker=blocking thread index
    JoinWait,       // task waits for the task `arg` to finish (awaiting its JoinHandle);
                    // arg=0: for any task of a TaskGroup (joinNext)
    NotifyWait,     // task waits on the Notify `arg`
    OffCpu,         // worker=thread; sub=0: it leaves its core without leaving its poll or
                    // job (a blocking sleep), sub=1: it takes one again
    HostPreempt,    // worker=worker thread; arg=ns (runtime) the OS kept it off a core in the
                    // middle of a poll, during the arg2 ns (runtime) that end at `time`
                    // (real clock, measured by the runtime's host watch)
    RunEnd,         // a scenario run ended here (sub=scenario::RunEnd); what follows is the
                    // runtime's shutdown (its cancellations belong to no instant of the run)
    TaskFrame,      // task (right after its Spawn), arg=bytes of its root coroutine frame,
                    // arg2=the frame's address, low 32 bits (PollStart's arg2 repeats it)
    Count
};
// clang-format on

// BlockOn: scheduled on the runtime's block_on thread (its index in `arg`).
enum class QueueKind : std::uint8_t { Local, LifoSlot, Global, Blocking, BlockOn };

enum class PollResult : std::uint8_t { Pending, Ready, Cancelled, Error };

enum class WakeSource : std::uint8_t {
    Timer,
    Channel,
    Mutex,
    Semaphore,
    Notify,
    Join,
    Yield,     // the task woke itself (yield_now, budget exhausted, preemption slice)
    Blocking,  // a spawn_blocking job finished
    External,  // a thread outside the runtime (or user code holding a Waker)
    Cancel,    // woken so that it can be cancelled
    Count
};

enum class LockKind : std::uint8_t { AsyncMutex, BlockingMutex };

// Which thread emitted an event: a worker index, or one of these.
inline constexpr std::uint32_t kNoWorker = 0xFFFFFFFFu;
inline constexpr std::uint32_t kBlockingThreadBase = 0x10000u;  // blocking thread i = base + i

struct Event {
    std::uint64_t time = 0;  // runtime clock, nanoseconds
    std::uint64_t task = 0;  // task id (0: none)
    std::uint64_t arg = 0;
    std::uint64_t arg2 = 0;
    std::uint32_t worker = kNoWorker;
    EventKind kind = EventKind::Count;
    std::uint8_t sub = 0;
    std::string_view text;  // valid only during onEvent (names, error messages)
};

class Observer {
public:
    virtual ~Observer() = default;
    virtual void onEvent(const Event& event) noexcept = 0;
};

// The kinds whose `arg` is a resource id (a mutex, channel, semaphore or
// Notify).
constexpr bool argIsResource(EventKind kind) noexcept {
    switch (kind) {
    case EventKind::LockAcquire:
    case EventKind::LockContend:
    case EventKind::LockRelease:
    case EventKind::ChanSend:
    case EventKind::ChanRecv:
    case EventKind::ChanFull:
    case EventKind::ChanEmpty:
    case EventKind::ChanClose:
    case EventKind::SemAcquire:
    case EventKind::SemRelease:
    case EventKind::SemWait:
    case EventKind::NotifyWait: return true;
    default: return false;
    }
}

std::string_view toString(EventKind kind) noexcept;
std::string_view toString(QueueKind kind) noexcept;
std::string_view toString(WakeSource source) noexcept;
std::string_view toString(PollResult result) noexcept;

}  // namespace asyncscope
