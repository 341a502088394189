// The reducer: events -> RuntimeState, one at a time.
//
// Design note
// -----------
// Each event changes a few fields, and it changes them the same way whether
// the state is being built live, seeked to, or replayed for a detector.
// The reducer is tolerant: events from different threads are merged by time,
// and at equal timestamps (or under the virtual clock, where a whole instant
// shares one time) the merge order between threads is not causal. So every
// removal from a queue or wait list searches where the task is expected
// first, then everywhere, and missing entries are ignored, never asserted.
//
// Time accounting: a task's busy / scheduled / idle totals grow when its
// phase changes (RuntimeState::busyNs() etc. add the open interval).
//
// Ids: a Record carries raw integers, and its fields mean different ids for
// different events (`task` is a job id in BlockingStart, `arg` a resource, a
// joined task or a job). apply() turns each into its strong id (ids.hpp)
// where it reads it; the state holds only the strong ones.
#include <asyncscope/trace/state.hpp>

#include <algorithm>

namespace asyncscope::trace {

namespace {
struct EdgeEnds {
    TaskPhase from, to;
};
constexpr EdgeEnds kEdges[] = {
    {TaskPhase::Idle, TaskPhase::Scheduled},      {TaskPhase::Scheduled, TaskPhase::Running},
    {TaskPhase::Running, TaskPhase::Idle},        {TaskPhase::Running, TaskPhase::Notified},
    {TaskPhase::Notified, TaskPhase::Scheduled},  {TaskPhase::Running, TaskPhase::Completed},
    {TaskPhase::Running, TaskPhase::Failed},      {TaskPhase::Idle, TaskPhase::Cancelled},
    {TaskPhase::Scheduled, TaskPhase::Cancelled}, {TaskPhase::Running, TaskPhase::Cancelled},
};
static_assert(std::size(kEdges) == static_cast<std::size_t>(TaskEdge::Count));
}  // namespace

TaskEdge edgeOf(TaskPhase from, TaskPhase to) noexcept {
    for (std::size_t i = 0; i < std::size(kEdges); ++i)
        if (kEdges[i].from == from && kEdges[i].to == to) return static_cast<TaskEdge>(i);
    return TaskEdge::Count;
}
TaskPhase edgeFrom(TaskEdge e) noexcept {
    return kEdges[static_cast<std::size_t>(e)].from;
}
TaskPhase edgeTo(TaskEdge e) noexcept {
    return kEdges[static_cast<std::size_t>(e)].to;
}

bool isFinished(TaskPhase p) noexcept {
    return p == TaskPhase::Completed || p == TaskPhase::Failed || p == TaskPhase::Cancelled;
}

std::string_view toString(TaskPhase p) noexcept {
    switch (p) {
    case TaskPhase::Unknown: return "unknown";
    case TaskPhase::Idle: return "idle";
    case TaskPhase::Scheduled: return "scheduled";
    case TaskPhase::Running: return "running";
    case TaskPhase::Notified: return "notified";
    case TaskPhase::Completed: return "completed";
    case TaskPhase::Failed: return "failed";
    case TaskPhase::Cancelled: return "cancelled";
    }
    return "?";
}

std::uint32_t TaskInfo::totalWakes() const noexcept {
    std::uint32_t n = 0;
    for (auto w : wakes) n += w;
    return n;
}

std::size_t RuntimeState::runnable() const noexcept {
    std::size_t n = 0;
    for (const auto& t : tasks)
        if (t.phase == TaskPhase::Scheduled || t.phase == TaskPhase::Notified) ++n;
    return n;
}

unsigned RuntimeState::busyBlockingThreads() const noexcept {
    unsigned n = 0;
    for (const auto& b : blocking) n += b.job != kNoJob;
    return n;
}

unsigned RuntimeState::runningWorkers() const noexcept {
    unsigned n = 0;
    for (const auto& w : workers) n += w.running != kNoTask;
    return n;
}

std::uint64_t RuntimeState::busyNs(const TaskInfo& t) const noexcept {
    bool open = t.phase == TaskPhase::Running || t.phase == TaskPhase::Notified;
    return t.busyNs + (open && time > t.since ? time - t.since : 0);
}
std::uint64_t RuntimeState::scheduledNs(const TaskInfo& t) const noexcept {
    return t.scheduledNs + (t.phase == TaskPhase::Scheduled && time > t.since ? time - t.since : 0);
}
std::uint64_t RuntimeState::idleNs(const TaskInfo& t) const noexcept {
    return t.idleNs + (t.phase == TaskPhase::Idle && time > t.since ? time - t.since : 0);
}

namespace {

TaskInfo& taskOf(RuntimeState& s, TaskId id) {
    const std::uint32_t i = id.value();
    if (i >= s.tasks.size())
        s.tasks.resize(std::max<std::size_t>(std::size_t{i} + 1, s.tasks.size() * 3 / 2 + 16));
    TaskInfo& t = s.tasks[i];
    t.id = id;
    return t;
}

WorkerInfo* workerOf(RuntimeState& s, std::uint16_t code) {
    if (code == kNoThread || (code & kBlockingFlag)) return nullptr;
    if (code >= s.workers.size()) s.workers.resize(code + 1u);
    return &s.workers[code];
}

BlockingThreadInfo* blockingOf(RuntimeState& s, std::uint16_t code) {
    if (code == kNoThread || !(code & kBlockingFlag)) return nullptr;
    unsigned i = code & ~kBlockingFlag;
    if (i >= s.blocking.size()) s.blocking.resize(i + 1u);
    return &s.blocking[i];
}

void setPhase(TaskInfo& t, TaskPhase p, std::uint64_t now) {
    const TaskEdge e = edgeOf(t.phase, p);
    if (e != TaskEdge::Count) ++t.edges[static_cast<std::size_t>(e)];
    std::uint64_t d = now > t.since ? now - t.since : 0;
    switch (t.phase) {
    case TaskPhase::Running:
    case TaskPhase::Notified: t.busyNs += d; break;
    case TaskPhase::Scheduled: t.scheduledNs += d; break;
    case TaskPhase::Idle: t.idleNs += d; break;
    default: break;
    }
    t.phase = p;
    t.since = now;
}

// TaskInfo::queue of a task in no run queue (polled since it was last
// scheduled). QueueKind::Blocking never names a run queue (a Schedule to it
// only says what the task waits for), so it cannot be mistaken for one.
constexpr QueueKind kInNoQueue = QueueKind::Blocking;

// A queue is left at its front, and a waiter most often leaves at one end.
bool popAtAnEnd(std::deque<TaskId>& q, TaskId id) {
    if (q.empty()) return false;
    if (q.front() == id) {
        q.pop_front();
        return true;
    }
    if (q.back() == id) {
        q.pop_back();
        return true;
    }
    return false;
}

bool eraseFrom(std::deque<TaskId>& q, TaskId id) {
    if (popAtAnEnd(q, id)) return true;
    auto it = std::find(q.begin(), q.end(), id);
    if (it == q.end()) return false;
    q.erase(it);
    return true;
}

// Takes a task out of whatever run queue it is in. The cheap places first
// (its LIFO slot, the ends of its queue and of the inject queue: where a
// task leaves a queue almost always), then scans, its own queue first.
void unqueue(RuntimeState& s, TaskInfo& t) {
    const TaskId id = t.id;
    if (t.queue == kInNoQueue) return;  // polled since it was last scheduled
    auto atAnEnd = [id](std::deque<TaskId>& q) { return popAtAnEnd(q, id); };
    WorkerInfo* home =
        t.worker < s.workers.size() && !(t.worker & kBlockingFlag) ? &s.workers[t.worker] : nullptr;
    if (home && home->lifo == id) {
        home->lifo = kNoTask;
        return;
    }
    // A task put in a LIFO slot is only ever there: when the slot holds
    // another, this one was displaced (the Schedule that moves it to the
    // local queue follows the one that took its place) and is in no queue.
    if (home && t.queue == QueueKind::LifoSlot) return;
    if (home && t.queue != QueueKind::Global && atAnEnd(home->local)) return;
    if (atAnEnd(s.global)) return;
    if (home && atAnEnd(home->local)) return;
    if (t.queue == QueueKind::Global && eraseFrom(s.global, id)) return;
    if (home && eraseFrom(home->local, id)) return;
    for (auto& w : s.workers) {
        if (w.lifo == id) {
            w.lifo = kNoTask;
            return;
        }
        if (&w != home && eraseFrom(w.local, id)) return;
    }
    eraseFrom(s.global, id);
}

void clearWait(RuntimeState& s, TaskInfo& t) {
    const std::optional<ResourceId> on = t.waitTarget.resource();
    switch (t.waitTarget.kind()) {
    case WaitKind::Channel:
        if (auto it = s.channels.find(*on); it != s.channels.end()) {
            auto& c = it->second;
            std::erase(c.waitingSenders, t.id);
            std::erase(c.waitingReceivers, t.id);
        }
        break;
    case WaitKind::Semaphore:
        if (auto it = s.semaphores.find(*on); it != s.semaphores.end())
            eraseFrom(it->second.waiters, t.id);
        break;
    case WaitKind::Mutex:
    case WaitKind::BlockingMutex:
        if (auto it = s.locks.find(*on); it != s.locks.end()) eraseFrom(it->second.waiters, t.id);
        break;
    default: break;
    }
    t.waitTarget = {};
}

// Whether the task waits on something other than `resource` (a wait event
// for a new resource ends the old wait).
bool waitsElsewhere(const TaskInfo& t, ResourceId resource) {
    return t.waitTarget.kind() != WaitKind::None && t.waitTarget.resource() != resource;
}

bool isLockWait(const TaskInfo& t) {
    return t.waitTarget.kind() == WaitKind::Mutex || t.waitTarget.kind() == WaitKind::BlockingMutex;
}

void removeTimers(RuntimeState& s, TaskId task) {
    for (auto it = s.timers.begin(); it != s.timers.end();) {
        if (it->second == task)
            it = s.timers.erase(it);
        else
            ++it;
    }
}

void eraseTimer(RuntimeState& s, std::uint64_t deadline, TaskId task) {
    auto [lo, hi] = s.timers.equal_range(deadline);
    for (auto it = lo; it != hi; ++it)
        if (it->second == task) {
            s.timers.erase(it);
            return;
        }
}

void endPoll(RuntimeState& s, TaskInfo& t, std::uint16_t code, std::uint64_t now) {
    WorkerInfo* w = workerOf(s, code);
    if (!w || w->running != t.id) return;
    w->running = kNoTask;
    std::uint64_t d = now > w->pollStart ? now - w->pollStart : 0;
    w->busyNs += d;
    t.longestPollNs = std::max(t.longestPollNs, d);
}

void finish(RuntimeState& s, TaskInfo& t, TaskPhase phase, std::uint64_t now) {
    if (isFinished(t.phase)) return;
    if (t.phase == TaskPhase::Scheduled) unqueue(s, t);
    for (auto& w : s.workers)
        if (w.running == t.id) {
            w.running = kNoTask;
            w.busyNs += now > w.pollStart ? now - w.pollStart : 0;
        }
    clearWait(s, t);
    if (t.timers) {
        removeTimers(s, t.id);
        t.timers = 0;
    }
    for (auto& [id, sem] : s.semaphores) sem.holders.erase(t.id);
    setPhase(t, phase, now);
    t.endedAt = now;
    switch (phase) {
    case TaskPhase::Completed: ++s.completed; break;
    case TaskPhase::Failed: ++s.failed; break;
    default: ++s.cancelled; break;
    }
}

}  // namespace

void Reducer::apply(RuntimeState& s, const Record& r) const {
    s.time = std::max(s.time, r.time);
    ++s.applied;
    const std::uint64_t now = s.time;
    // What the record's fields mean for most events; the exceptions convert
    // where they read them.
    const TaskId task(r.task);
    const ResourceId resource(r.arg);

    switch (r.kind) {
    case EventKind::Spawn: {
        TaskInfo& t = taskOf(s, task);
        if (t.phase != TaskPhase::Unknown) break;
        t.parent = TaskId(r.arg);
        t.name = r.arg2;
        t.templateIndex = r.templateIndex();
        t.phase = TaskPhase::Idle;
        t.since = t.spawnedAt = now;
        ++s.spawned;
        break;
    }
    case EventKind::TaskFrame: {
        TaskInfo& t = taskOf(s, task);
        t.frameBytes = r.arg;
        t.frameAddress = r.arg2;
        break;
    }
    case EventKind::Schedule: {
        TaskInfo& t = taskOf(s, task);
        if (isFinished(t.phase) || t.phase == TaskPhase::Unknown) break;
        const auto q = static_cast<QueueKind>(r.sub);
        if (q == QueueKind::Blocking) {  // waits for a spawn_blocking job
            clearWait(s, t);
            t.waitTarget = WaitTarget::onJob(JobId(r.arg));
            break;
        }
        if (t.phase == TaskPhase::Scheduled) unqueue(s, t);
        if (t.phase != TaskPhase::Scheduled) setPhase(t, TaskPhase::Scheduled, now);
        t.queue = q;
        if (q == QueueKind::BlockOn) {  // the block_on thread, whoever woke it
            const auto thread = static_cast<std::uint16_t>(r.arg);
            if (thread & kBlockingFlag) break;
            if (WorkerInfo* w = workerOf(s, thread)) {
                w->blockOn = true;
                w->lifo = t.id;
                t.worker = thread;
            }
        } else if (q == QueueKind::Global) {
            t.worker = kNoThread;
            s.global.push_back(t.id);
        } else if (WorkerInfo* w = workerOf(s, r.worker)) {
            t.worker = r.worker;
            if (q == QueueKind::LifoSlot)
                w->lifo = t.id;  // the displaced task gets its own Schedule(Local) next
            else
                w->local.push_back(t.id);
        }
        break;
    }
    case EventKind::PollStart: {
        TaskInfo& t = taskOf(s, task);
        if (t.phase == TaskPhase::Scheduled) unqueue(s, t);
        // Out of every run queue until its next Schedule: a task woken while
        // it runs is Scheduled before that Schedule comes, and must not be
        // looked for in the queues then.
        t.queue = kInNoQueue;
        if (WorkerInfo* w = workerOf(s, r.worker)) {
            w->running = t.id;
            w->pollStart = now;
            w->parked = false;
            ++w->polls;
        }
        t.worker = r.worker;
        if (t.phase == TaskPhase::Unknown) t.spawnedAt = now;
        setPhase(t, TaskPhase::Running, now);
        t.lastPollStart = now;
        t.awaitPoint = r.arg;
        if (r.arg2 != 0 && t.frameAddress != 0 && r.arg2 != t.frameAddress) t.frameMoved = true;
        // A poll does not end a wait: a waiter polled spuriously (or to
        // yield) stays queued on its resource until granted or woken.
        ++t.polls;
        ++s.polls;
        break;
    }
    case EventKind::PollEnd: {
        TaskInfo& t = taskOf(s, task);
        endPoll(s, t, r.worker, now);
        t.awaitPoint = r.arg;
        switch (static_cast<PollResult>(r.sub)) {
        case PollResult::Pending:
            if (t.phase == TaskPhase::Notified)
                setPhase(t, TaskPhase::Scheduled, now);  // its Schedule event follows
            else if (!isFinished(t.phase))
                setPhase(t, TaskPhase::Idle, now);
            break;
        case PollResult::Cancelled: finish(s, t, TaskPhase::Cancelled, now); break;
        default: break;  // Complete / Error follow
        }
        break;
    }
    case EventKind::Wake: {
        TaskInfo& t = taskOf(s, task);
        auto src = std::min<std::size_t>(r.sub, t.wakes.size() - 1);
        ++t.wakes[src];
        ++s.wakes;
        if (r.arg == r.task) ++t.selfWakes;  // the waker is a task id
        if (t.phase == TaskPhase::Running) setPhase(t, TaskPhase::Notified, now);
        if (!isLockWait(t)) clearWait(s, t);
        break;
    }
    case EventKind::Steal: {
        WorkerInfo* thief = workerOf(s, r.worker);
        WorkerInfo* victim = workerOf(s, static_cast<std::uint16_t>(r.arg));
        if (!thief || !victim) break;
        thief = workerOf(s, r.worker);  // workerOf may have resized
        ++thief->steals;
        thief->stolenTasks += r.arg2;
        ++s.steals;
        // At most what the victim holds, counted before the move: a
        // recording that names the thief as its own victim would otherwise
        // rotate one queue up to 2^32 times.
        if (thief == victim) break;
        const std::size_t n = std::min<std::size_t>(r.arg2, victim->local.size());
        for (std::size_t i = 0; i < n; ++i) {
            const TaskId id = victim->local.front();
            victim->local.pop_front();
            TaskInfo& t = taskOf(s, id);
            t.worker = r.worker;
            if (id != task) thief->local.push_back(id);  // r.task runs now
        }
        break;
    }
    case EventKind::Park:
        if (WorkerInfo* w = workerOf(s, r.worker)) {
            w->parked = true;
            w->parkedSince = now;
        }
        break;
    case EventKind::Unpark:
        if (WorkerInfo* w = workerOf(s, r.worker)) w->parked = false;
        break;
    case EventKind::LockAcquire: {
        LockInfo& l = s.locks[resource];
        l.id = resource;
        l.kind = static_cast<LockKind>(r.sub);
        l.holder = task;
        l.heldSince = now;
        ++l.acquisitions;
        eraseFrom(l.waiters, task);
        TaskInfo& t = taskOf(s, task);
        if (isLockWait(t)) t.waitTarget = {};
        break;
    }
    case EventKind::LockContend: {
        if (TaskInfo& t = taskOf(s, task); waitsElsewhere(t, resource)) clearWait(s, t);
        LockInfo& l = s.locks[resource];
        l.id = resource;
        l.kind = static_cast<LockKind>(r.sub);
        if (std::find(l.waiters.begin(), l.waiters.end(), task) == l.waiters.end())
            l.waiters.push_back(task);
        ++l.contentions;
        TaskInfo& t = taskOf(s, task);
        t.waitTarget = WaitTarget::onResource(
            l.kind == LockKind::BlockingMutex ? WaitKind::BlockingMutex : WaitKind::Mutex,
            resource);
        break;
    }
    case EventKind::LockRelease: {
        LockInfo& l = s.locks[resource];
        l.id = resource;
        if (l.holder == task || task == kNoTask) l.holder = kNoTask;
        if (r.arg2) ++l.handoffs;
        break;
    }
    case EventKind::ChanSend:
    case EventKind::ChanRecv: {
        ChannelInfo& c = s.channels[resource];
        c.id = resource;
        c.buffered = r.arg2;
        if (r.kind == EventKind::ChanSend)
            ++c.sends;
        else
            ++c.receives;
        break;
    }
    case EventKind::ChanFull:
    case EventKind::ChanEmpty: {
        if (TaskInfo& t = taskOf(s, task); waitsElsewhere(t, resource)) clearWait(s, t);
        ChannelInfo& c = s.channels[resource];
        c.id = resource;
        auto& list = r.kind == EventKind::ChanFull ? c.waitingSenders : c.waitingReceivers;
        if (std::find(list.begin(), list.end(), task) == list.end()) list.push_back(task);
        if (r.kind == EventKind::ChanFull) {
            c.capacity = r.arg2;
            c.buffered = r.arg2;
        } else {
            c.buffered = 0;
        }
        TaskInfo& t = taskOf(s, task);
        t.waitTarget = WaitTarget::onResource(WaitKind::Channel, resource);
        break;
    }
    case EventKind::ChanClose: {
        ChannelInfo& c = s.channels[resource];
        c.id = resource;
        c.closed = true;
        break;
    }
    case EventKind::SemAcquire: {
        SemaphoreInfo& sem = s.semaphores[resource];
        sem.id = resource;
        sem.holders[task] += r.arg2;
        eraseFrom(sem.waiters, task);
        TaskInfo& t = taskOf(s, task);
        if (t.waitTarget.kind() == WaitKind::Semaphore) t.waitTarget = {};
        break;
    }
    case EventKind::SemRelease: {
        SemaphoreInfo& sem = s.semaphores[resource];
        sem.id = resource;
        auto it = sem.holders.find(task);
        if (it != sem.holders.end()) {
            it->second -= std::min(it->second, r.arg2);
            if (it->second == 0) sem.holders.erase(it);
        }
        break;
    }
    case EventKind::SemWait: {
        if (TaskInfo& t = taskOf(s, task); waitsElsewhere(t, resource)) clearWait(s, t);
        SemaphoreInfo& sem = s.semaphores[resource];
        sem.id = resource;
        sem.waiters.push_back(task);
        TaskInfo& t = taskOf(s, task);
        t.waitTarget = WaitTarget::onResource(WaitKind::Semaphore, resource);
        break;
    }
    case EventKind::TimerRegister: {
        TaskInfo& t = taskOf(s, task);
        s.timers.emplace(r.deadline(), task);
        ++t.timers;
        break;
    }
    case EventKind::TimerFire:
    case EventKind::TimerCancel: {
        TaskInfo& t = taskOf(s, task);
        eraseTimer(s, r.deadline(), task);
        if (t.timers) --t.timers;
        break;
    }
    case EventKind::BlockingStart:
        if (BlockingThreadInfo* b = blockingOf(s, r.worker)) {
            b->alive = true;
            b->job = JobId(r.task);  // the task field carries the job
            b->awaiting = TaskId(r.arg);
            b->jobStart = now;
        }
        break;
    case EventKind::BlockingEnd:
        if (BlockingThreadInfo* b = blockingOf(s, r.worker)) {
            b->job = kNoJob;
            b->awaiting = kNoTask;
        }
        break;
    case EventKind::BlockingThreadStart:
        if (BlockingThreadInfo* b = blockingOf(s, r.worker)) b->alive = true;
        break;
    case EventKind::BlockingThreadExit:
        if (BlockingThreadInfo* b = blockingOf(s, r.worker)) *b = BlockingThreadInfo{};
        break;
    case EventKind::Cancel:
        if (r.sub == 1) finish(s, taskOf(s, task), TaskPhase::Cancelled, now);
        break;
    case EventKind::Complete: finish(s, taskOf(s, task), TaskPhase::Completed, now); break;
    case EventKind::Error: {
        TaskInfo& t = taskOf(s, task);
        t.errorText = r.arg2;
        finish(s, t, TaskPhase::Failed, now);
        break;
    }
    case EventKind::StepEnter: taskOf(s, task).awaitPoint = r.arg; break;
    case EventKind::JoinWait: {
        TaskInfo& t = taskOf(s, task);
        clearWait(s, t);
        t.waitTarget = WaitTarget::onTask(TaskId(r.arg));
        break;
    }
    case EventKind::NotifyWait: {
        TaskInfo& t = taskOf(s, task);
        clearWait(s, t);
        t.waitTarget = WaitTarget::onResource(WaitKind::Notify, resource);
        break;
    }
    case EventKind::OffCpu:
    case EventKind::RunEnd: break;
    case EventKind::HostPreempt:
        if (WorkerInfo* w = workerOf(s, r.worker)) w->hostStolenNs += r.arg;
        s.hostStolenNs += r.arg;
        break;
    case EventKind::Count: break;
    }
}

}  // namespace asyncscope::trace
