#include "runtime_impl.hpp"

#include <asyncscope/join_handle.hpp>
#include <asyncscope/runtime.hpp>

#include <algorithm>
#include <cstring>
#include <string>

namespace asyncscope {
namespace detail {

thread_local Context t_context;

namespace {
std::string errorMessage(const std::exception_ptr& e) {
    try {
        std::rethrow_exception(e);
    } catch (const std::exception& ex) {
        return ex.what();
    } catch (...) {
        return "unknown exception";
    }
}
}  // namespace

// ------------------------------------------------------------ TaskHeader ----

void TaskHeader::wakeByRef(WakeSource source) noexcept {
    wakeByRefFrom(source, currentTaskId());
}

void TaskHeader::wakeByRefFrom(WakeSource source, TaskId waker) noexcept {
    Shared* rt = runtime;
    if (rt->observer) [[unlikely]]
        rt->emit(EventKind::Wake, id, waker, 0, static_cast<std::uint8_t>(source));
    if (transitionToNotifiedByRef() == WakeAction::Submit) rt->schedule(this, false);
}

void TaskHeader::wakeByVal(WakeSource source) noexcept {
    Shared* rt = runtime;
    if (rt->observer) [[unlikely]]
        rt->emit(EventKind::Wake, id, currentTaskId(), 0, static_cast<std::uint8_t>(source));
    std::uint64_t s = state.load(std::memory_order_relaxed);
    for (;;) {
        std::uint64_t next;
        bool submit = false;
        if (s & (state::COMPLETE | state::NOTIFIED)) {
            next = s - state::REF_ONE;
        } else if (s & state::RUNNING) {
            next = (s | state::NOTIFIED) - state::REF_ONE;
        } else {
            next = s | state::NOTIFIED;  // our reference becomes the scheduler's
            submit = true;
        }
        if (state.compare_exchange_weak(s, next, std::memory_order_acq_rel,
                                        std::memory_order_relaxed)) {
            if (submit)
                rt->schedule(this, false);
            else if ((next >> state::REF_SHIFT) == 0)
                dealloc();
            return;
        }
    }
}

void TaskHeader::dealloc() noexcept {
    FramePrefix* prefix = prefixOfHeader(this);
    if (!(prefix->flags & FramePrefix::FrameGone)) root().destroy();
    if (joinWaker) std::exchange(joinWaker, nullptr)->refDec();
    this->~TaskHeader();
    freeBlock(prefix);
}

void yieldCurrent() noexcept {
    TaskHeader* t = t_context.task;
    assert(t && (t->load(std::memory_order_relaxed) & state::RUNNING));
    Shared* rt = t->runtime;
    if (rt->observer) [[unlikely]]
        rt->emit(EventKind::Wake, t->id, t->id, 0, static_cast<std::uint8_t>(WakeSource::Yield));
    // Running: setting NOTIFIED makes the worker put it at the back of its
    // queue after this poll. No reference is taken (the poll holds one).
    t->state.fetch_or(state::NOTIFIED, std::memory_order_relaxed);
    if (t_context.worker) t_context.worker->yielded = true;
}

TaskHeader* currentTask() noexcept {
    return t_context.task;
}
Shared* currentRuntime() noexcept {
    return t_context.runtime;
}

void emit(Shared* rt, EventKind kind, TaskId task, std::uint64_t arg, std::uint64_t arg2,
          std::uint8_t sub, std::string_view text) noexcept {
    if (rt) rt->emit(kind, task, arg, arg2, sub, text);
}
bool tracing(Shared* rt) noexcept {
    return rt && rt->observer;
}

std::uint64_t nextResourceId() noexcept {
    static std::atomic<std::uint64_t> next{1};
    return next.fetch_add(1, std::memory_order_relaxed);
}

TaskHeader* spawnHeader(Shared* rt, std::coroutine_handle<> h, std::string_view name) noexcept {
    return rt->spawn(h, name);
}

void abortTask(TaskHeader* t) noexcept {
    Shared* rt = t->runtime;
    rt->emit(EventKind::Cancel, t->id, currentTaskId(), 0, 0);
    if (t->transitionToNotifiedAndCancel() == WakeAction::Submit) {
        rt->emit(EventKind::Wake, t->id, currentTaskId(), 0,
                 static_cast<std::uint8_t>(WakeSource::Cancel));
        rt->schedule(t, false);
    }
}

bool timerRegister(Shared* rt, TimerEntry& e, std::uint64_t deadlineNs) noexcept {
    return rt->timerRegister(e, deadlineNs);
}
void timerCancel(Shared* rt, TimerEntry& e) noexcept {
    rt->timerCancel(e);
}
std::uint64_t runtimeNowNs(Shared* rt) noexcept {
    return rt ? rt->clock.now() : 0;
}
std::uint64_t preemptionSliceNs(Shared* rt) noexcept {
    return rt ? static_cast<std::uint64_t>(rt->cfg.preemptionSlice.count()) : 0;
}

// ----------------------------------------------------------------- Shared ----

namespace {
RuntimeConfig normalise(RuntimeConfig c) {
    if (c.flavor == Flavor::CurrentThread) {
        c.workers = 1;
        c.lifoSlot = false;
        c.stealing = false;
        if (c.globalQueueInterval == 61) c.globalQueueInterval = 31;
    }
    if (c.workers == 0) c.workers = std::max(1u, std::thread::hardware_concurrency());
    if (c.eventInterval == 0) c.eventInterval = 61;
    unsigned cap = 4;
    while (cap < c.localQueueCapacity && cap < (1u << 20)) cap <<= 1;
    c.localQueueCapacity = cap;
    if (!(c.timeScale > 0)) c.timeScale = 1.0;
    return c;
}
}  // namespace

Shared::Shared(const RuntimeConfig& config, Observer* obs)
    : cfg(normalise(config)),
      observer(obs),
      clock(cfg.clock, cfg.timeScale),
      blocking(*this, cfg.maxBlockingThreads, cfg.blockingKeepAlive, cfg.idleSpin) {
    isSleeper.assign(cfg.workers, 0);
    sleepers.reserve(cfg.workers);
    for (unsigned i = 0; i < cfg.workers; ++i)
        workers.push_back(std::make_unique<WorkerCore>(*this, i, cfg.localQueueCapacity,
                                                       cfg.seed * 0x9E3779B97F4A7C15ull + i + 1));
}

Shared::~Shared() = default;

TaskHeader* Shared::spawn(std::coroutine_handle<> h, std::string_view name) noexcept {
    FramePrefix* prefix = prefixOf(h.address());
    TaskId id = nextId.fetch_add(1, std::memory_order_relaxed);
    auto* t = ::new (prefix->header) TaskHeader(this, h, id);
    prefix->flags |= FramePrefix::HeaderLive;
    if (observer) [[unlikely]]
        emit(EventKind::Spawn, id, currentTaskId(), 0, 0, name);
    if (isShutdown()) [[unlikely]] {
        // Too late to run: finish it as cancelled right away.
        TaskHeader* prev = std::exchange(t_context.task, t);
        h.destroy();
        t_context.task = prev;
        t->outcome = Outcome::Cancelled;
        t->state.store(state::COMPLETE | state::CANCELLED | state::JOIN_INTEREST | state::REF_ONE,
                       std::memory_order_release);
        cancelled.fetch_add(1, std::memory_order_relaxed);
        return t;
    }
    owned.insert(t);
    schedule(t, false);
    return t;
}

void Shared::schedule(TaskHeader* t, bool isYield) noexcept {
    if (isShutdown()) [[unlikely]] {
        // Shutdown cancels every owned task; the queue reference just goes away.
        t->refDec();
        return;
    }
    WorkerCore* w = t_context.worker;
    if (w && &w->shared == this) {
        w->scheduleLocal(t, isYield);
        return;
    }
    pushInject(t);
}

// Events about a task are emitted *before* the task is published to a queue:
// once published, another worker may poll, complete and free it at once.
void Shared::pushInject(TaskHeader* t) noexcept {
    if (observer) [[unlikely]]
        emit(EventKind::Schedule, t->id, 0, 0, static_cast<std::uint8_t>(QueueKind::Global));
    inject.push(t);
    notifyParked();
}

void Shared::notifyParked() noexcept {
    // Dekker pair with WorkerCore::park (see the design note).
    std::atomic_thread_fence(std::memory_order_seq_cst);
    if (numSearching.load(std::memory_order_relaxed) != 0) return;
    if (numSleepers.load(std::memory_order_relaxed) == 0) return;
    unsigned idx;
    {
        std::lock_guard lock(idleMutex);
        if (sleepers.empty() || numSearching.load(std::memory_order_relaxed) != 0) return;
        idx = sleepers.back();
        sleepers.pop_back();
        isSleeper[idx] = 0;
        numSleepers.fetch_sub(1, std::memory_order_relaxed);
        // The woken worker starts out searching: until it finds the work (or
        // parks again), nobody else needs to be woken for it.
        numSearching.fetch_add(1, std::memory_order_seq_cst);
    }
    workers[idx]->parker.unpark();
}

void Shared::ensureTimerDriver() noexcept {
    if (clock.isVirtual() || timerCount.load(std::memory_order_acquire) == 0) return;
    if (driverTaken.load(std::memory_order_acquire)) return;  // someone drives (or is about to)
    unsigned idx;
    {
        std::lock_guard lock(idleMutex);
        if (sleepers.empty()) return;
        idx = sleepers.back();  // it unregisters itself, finds no work and parks as the driver
    }
    workers[idx]->parker.unpark();
}

void Shared::unparkAll() noexcept {
    for (auto& w : workers) w->parker.unpark();
}

bool Shared::anyWork() const noexcept {
    if (inject.len() > 0) return true;
    for (const auto& w : workers)
        if (!w->queue.empty()) return true;
    return false;
}

void Shared::completeTask(TaskHeader* t, Outcome outcome) noexcept {
    t->outcome = outcome;
    std::uint64_t s = t->state.load(std::memory_order_relaxed);
    for (;;) {
        std::uint64_t next = (s & ~(state::RUNNING | state::NOTIFIED)) | state::COMPLETE;
        // Release: the outcome and the promise's value are published with COMPLETE.
        if (t->state.compare_exchange_weak(s, next, std::memory_order_acq_rel,
                                           std::memory_order_relaxed))
            break;
    }
    if (s & state::JOIN_WAKER) {
        // After COMPLETE the JoinHandle side never touches joinWaker again, so
        // the reference can go now (keeping it until dealloc would keep
        // cycles of tasks awaiting each other alive forever).
        TaskHeader* joiner = std::exchange(t->joinWaker, nullptr);
        if (s & state::JOIN_INTEREST) joiner->wakeByRefFrom(WakeSource::Join, t->id);
        joiner->refDec();
    }
    owned.remove(t);
    t->refDec();
}

void Shared::destroyFrame(TaskHeader* t) noexcept {
    if (prefixOfHeader(t)->flags & FramePrefix::FrameGone) return;
    TaskHeader* prev = std::exchange(t_context.task, t);
    t->scopes = nullptr;
    t->leaf = nullptr;
    t->root().destroy();  // every destructor left in the task runs here
    t_context.task = prev;
}

void Shared::cancelTask(TaskHeader* t) noexcept {
    emit(EventKind::Cancel, t->id, 0, 0, 1);
    destroyFrame(t);
    if (observer) [[unlikely]]
        emit(EventKind::PollEnd, t->id, t->awaitPoint, 0,
             static_cast<std::uint8_t>(PollResult::Cancelled));
    cancelled.fetch_add(1, std::memory_order_relaxed);
    completeTask(t, Outcome::Cancelled);
}

bool Shared::pollOnce(TaskHeader* t) noexcept {
    if (t->scopes) [[unlikely]] {
        CancelScope* fired = nullptr;
        for (CancelScope* s = t->scopes; s; s = s->parent)
            if (s->entry.fired()) fired = s;  // the outermost wins
        if (fired) {
            t->leaf = nullptr;
            fired->destroyInner(fired);
            t->scopes = fired;
            t->resumePoint = fired->awaiting;
        }
    }
    if (t->leaf && !t->leaf->poll()) return false;
    t->leaf = nullptr;
    t->resumePoint.resume();
    return t->root().done();
}

// ------------------------------------------------------------------ timers --

bool Shared::timerRegister(TimerEntry& e, std::uint64_t deadlineNs) noexcept {
    TaskHeader* t = t_context.task;
    assert(t);
    if (deadlineNs <= clock.now()) return false;
    e.deadlineNs = deadlineNs;
    e.tick = toTick(deadlineNs);
    int wakeDriver = -1;
    timerLock.lock();
    t->refInc();
    e.waker = t;
    e.state.store(TimerEntry::Registered, std::memory_order_relaxed);
    if (!wheel.insert(e)) {
        e.state.store(TimerEntry::Idle, std::memory_order_relaxed);
        e.waker = nullptr;
        timerLock.unlock();
        t->refDec();
        return false;
    }
    timerCount.store(wheel.size(), std::memory_order_release);
    if (driverWorker >= 0 && e.tick < driverWakeTick) {
        driverWakeTick = e.tick;
        wakeDriver = driverWorker;
    }
    timerLock.unlock();
    if (observer) [[unlikely]]
        emit(EventKind::TimerRegister, t->id, deadlineNs);
    if (wakeDriver >= 0) workers[static_cast<unsigned>(wakeDriver)]->parker.unpark();
    return true;
}

void Shared::timerCancel(TimerEntry& e) noexcept {
    TaskHeader* waker = nullptr;
    timerLock.lock();
    if (e.state.load(std::memory_order_relaxed) == TimerEntry::Registered) {
        wheel.remove(e);
        e.state.store(TimerEntry::Idle, std::memory_order_relaxed);
        waker = std::exchange(e.waker, nullptr);
        timerCount.store(wheel.size(), std::memory_order_release);
    }
    timerLock.unlock();
    if (waker) {
        if (observer) [[unlikely]]
            emit(EventKind::TimerCancel, waker->id, e.deadlineNs);
        waker->refDec();
    }
}

void Shared::processTimers(bool blockingLock) noexcept {
    if (timerCount.load(std::memory_order_acquire) == 0) return;
    if (blockingLock)
        timerLock.lock();
    else if (!timerLock.try_lock())
        return;
    struct Fired {
        TaskHeader* task;
        std::uint64_t deadline;
    };
    static thread_local std::vector<Fired> fired;
    fired.clear();
    std::uint64_t nowTick = clock.now() / 1000;
    wheel.advance(nowTick, [&](TimerEntry& e) {
        fired.push_back({std::exchange(e.waker, nullptr), e.deadlineNs});
        // Release: pairs with the awaiter's acquire in fired().
        e.state.store(TimerEntry::Fired, std::memory_order_release);
    });
    timerCount.store(wheel.size(), std::memory_order_release);
    timerLock.unlock();
    for (const Fired& f : fired) {
        if (observer) [[unlikely]]
            emit(EventKind::TimerFire, f.task->id, f.deadline);
        f.task->wakeByVal(WakeSource::Timer);
    }
    fired.clear();
}

// ------------------------------------------------------------------ worker --

void WorkerCore::run() {
    t_context = Context{&shared, this, nullptr, 0xFFFFFFFFu, index, shared.observer};
    const unsigned eventInterval = shared.cfg.eventInterval;
    while (!shared.isShutdown()) {
        ++tick;
        if (tick % eventInterval == 0) shared.processTimers(false);
        TaskHeader* t = nextTask();
        if (!t) t = stealWork();
        if (t) {
            if (searching) transitionFromSearching();
            runTask(t);
            if (yielded) {
                yielded = false;
                shared.processTimers(false);
            }
            continue;
        }
        park();
    }
    if (searching) {
        searching = false;
        shared.numSearching.fetch_sub(1, std::memory_order_seq_cst);
    }
    t_context = Context{};
}

TaskHeader* WorkerCore::nextTask() noexcept {
    const unsigned gqi = shared.cfg.globalQueueInterval;
    if (gqi && tick % gqi == 0) {
        if (TaskHeader* t = shared.inject.pop()) {
            WorkerStatsCounters::bump(stats.injectPops);
            return t;
        }
    }
    if (lifo) return std::exchange(lifo, nullptr);
    if (TaskHeader* t = queue.pop()) return t;
    return popInjectBatch();
}

// Takes a fair share of the global queue into the (empty) local queue under
// one lock acquisition, and returns the first task to run.
TaskHeader* WorkerCore::popInjectBatch() noexcept {
    std::size_t len = shared.inject.len();
    if (len == 0) return nullptr;
    std::size_t want = len / shared.workers.size() + 1;
    want = std::min<std::size_t>(
        want, queue.capacity() / 2 - std::min<std::size_t>(queue.len(), queue.capacity() / 2));
    want = std::max<std::size_t>(want, 1);
    TaskHeader* first = nullptr;
    std::size_t n = shared.inject.popBatch(want, [&](TaskHeader* t) {
        if (!first) {
            first = t;
        } else {
            if (shared.observer) [[unlikely]]
                shared.emit(EventKind::Schedule, t->id, 2, 0,
                            static_cast<std::uint8_t>(QueueKind::Local));
            pushLocal(t);
        }
    });
    WorkerStatsCounters::bump(stats.injectPops, n);
    return first;
}

bool WorkerCore::transitionToSearching() noexcept {
    if (searching) return true;
    // At most half the workers search at once (Tokio's rule), so a burst of
    // idleness does not turn into every worker hammering every queue.
    std::uint32_t n = shared.numSearching.load(std::memory_order_seq_cst);
    if (2 * n >= shared.workers.size()) return false;
    shared.numSearching.fetch_add(1, std::memory_order_seq_cst);
    searching = true;
    return true;
}

void WorkerCore::transitionFromSearching() noexcept {
    searching = false;
    // The last searcher to find work wakes another worker if more work is
    // visible. If none is, any later push sees numSearching == 0 (our seq_cst
    // decrement precedes the check) and wakes a worker itself.
    if (shared.numSearching.fetch_sub(1, std::memory_order_seq_cst) == 1 && shared.anyWork())
        shared.notifyParked();
}

TaskHeader* WorkerCore::stealWork() noexcept {
    const std::size_t n = shared.workers.size();
    if (!shared.cfg.stealing || n == 1) return nullptr;
    if (!transitionToSearching()) return nullptr;
    const std::size_t start = rng() % n;
    for (std::size_t i = 0; i < n; ++i) {
        std::size_t victim = (start + i) % n;
        if (victim == index) continue;
        std::uint32_t count = 0;
        if (TaskHeader* t = shared.workers[victim]->queue.stealInto(queue, &count)) {
            WorkerStatsCounters::bump(stats.steals);
            WorkerStatsCounters::bump(stats.stolenTasks, count);
            if (shared.observer) [[unlikely]]
                shared.emit(EventKind::Steal, t->id, victim, count);
            return t;
        }
    }
    return popInjectBatch();
}

void WorkerCore::pushLocal(TaskHeader* t) noexcept {
    queue.pushBack(t, [this](TaskHeader* first, TaskHeader* last, std::size_t n) {
        if (shared.observer) [[unlikely]] {
            // The reducer sees the moved tasks leave this queue for the global one.
            for (TaskHeader* m = first; m; m = m->queueNext)
                shared.emit(EventKind::Schedule, m->id, 1, 0,
                            static_cast<std::uint8_t>(QueueKind::Global));
        }
        shared.inject.pushBatch(first, last, n);
        WorkerStatsCounters::bump(stats.overflows);
    });
}

void WorkerCore::scheduleLocal(TaskHeader* t, bool isYield) noexcept {
    if (isYield || !shared.cfg.lifoSlot) {
        if (shared.observer) [[unlikely]]
            shared.emit(EventKind::Schedule, t->id, 0, 0,
                        static_cast<std::uint8_t>(QueueKind::Local));
        pushLocal(t);
        shared.notifyParked();
        return;
    }
    if (shared.observer) [[unlikely]]
        shared.emit(EventKind::Schedule, t->id, 0, 0,
                    static_cast<std::uint8_t>(QueueKind::LifoSlot));
    TaskHeader* prev = std::exchange(lifo, t);
    if (prev) {
        if (shared.observer) [[unlikely]]
            shared.emit(EventKind::Schedule, prev->id, 0, 0,
                        static_cast<std::uint8_t>(QueueKind::Local));
        pushLocal(prev);
        shared.notifyParked();
    }
}

void WorkerCore::runTask(TaskHeader* t) noexcept {
    t_context.budget = shared.cfg.budget ? shared.cfg.budget : 0xFFFFFFFFu;
    pollTask(t);
    // The LIFO slot holds the task this poll woke last; run it next, while it
    // is hot in the cache, but only a few times in a row and within the same
    // coop budget, so a ping-pong pair cannot starve the queue.
    unsigned lifoPolls = 0;
    while (lifo) {
        if (shared.isShutdown()) return;
        if (lifoPolls >= shared.cfg.maxLifoPolls || t_context.budget == 0) {
            WorkerStatsCounters::bump(stats.lifoCapHits);
            TaskHeader* l = std::exchange(lifo, nullptr);
            if (shared.observer) [[unlikely]]
                shared.emit(EventKind::Schedule, l->id, 0, 0,
                            static_cast<std::uint8_t>(QueueKind::Local));
            pushLocal(l);
            shared.notifyParked();
            return;
        }
        ++lifoPolls;
        WorkerStatsCounters::bump(stats.lifoPolls);
        pollTask(std::exchange(lifo, nullptr));
    }
}

void WorkerCore::leaveGate() noexcept {
    Gate& g = shared.gate;
    std::lock_guard lock(g.mutex);
    if (g.stepping > 0 && --g.stepping == 0 && g.permits == 0 && g.closed())
        shared.clock.setPaused(true);
}

void WorkerCore::pollTask(TaskHeader* t) noexcept {
    bool stepped = false;
    if (shared.gate.closed()) [[unlikely]] {
        // Paused: wait for resume, or for a step permit (one permit = one poll).
        Gate& g = shared.gate;
        std::unique_lock lock(g.mutex);
        while (g.closed() && g.permits == 0 && !shared.isShutdown()) g.cv.wait(lock);
        if (shared.isShutdown()) {
            lock.unlock();
            pushLocal(t);  // left queued for the shutdown sweep
            return;
        }
        if (g.closed()) {
            --g.permits;
            ++g.stepping;
            stepped = true;
        }
    }

    if (t->transitionToRunning() == TransitionToRunning::Cancelled) {
        shared.cancelTask(t);
        t->refDec();
        if (stepped) leaveGate();
        return;
    }
    t_context.task = t;
    WorkerStatsCounters::bump(stats.polls);
    if (shared.observer) [[unlikely]]
        shared.emit(EventKind::PollStart, t->id, t->awaitPoint);
    const bool done = shared.pollOnce(t);
    t_context.task = nullptr;

    if (done) {
        // Like Tokio dropping a future once it is ready: the frame goes now
        // (its parameters with it); only the output slot stays for the joiner.
        shared.destroyFrame(t);
        const bool failed = static_cast<bool>(errorOf(t));
        if (shared.observer) [[unlikely]] {
            shared.emit(EventKind::PollEnd, t->id, t->awaitPoint, 0,
                        static_cast<std::uint8_t>(failed ? PollResult::Error : PollResult::Ready));
            if (failed) {
                std::string msg = errorMessage(errorOf(t));
                shared.emit(EventKind::Error, t->id, 0, 0, 0, msg);
            } else {
                shared.emit(EventKind::Complete, t->id);
            }
        }
        shared.completed.fetch_add(1, std::memory_order_relaxed);
        shared.completeTask(t, failed ? Outcome::Error : Outcome::Value);
        t->refDec();
    } else {
        if (shared.observer) [[unlikely]]
            shared.emit(EventKind::PollEnd, t->id, t->awaitPoint, 0,
                        static_cast<std::uint8_t>(PollResult::Pending));
        switch (t->transitionToIdle()) {
        case TransitionToIdle::Ok: t->refDec(); break;
        case TransitionToIdle::OkNotified: scheduleLocal(t, /*isYield=*/true); break;
        case TransitionToIdle::Cancelled:
            shared.cancelTask(t);
            t->refDec();
            break;
        }
    }
    if (stepped) leaveGate();
}

void WorkerCore::park() noexcept {
    if (lifo || !queue.empty()) return;

    // Spin briefly before sleeping (searchers only): a wake-up that arrives
    // within microseconds costs no futex round trip on either side.
    if (searching && shared.cfg.idleSpin.count() > 0 && !shared.clock.isVirtual()) {
        const std::int64_t until = Clock::wallNs() + shared.cfg.idleSpin.count();
        unsigned round = 0;
        do {
            for (int i = 0; i < 32; ++i) ASYNCSCOPE_CPU_RELAX();
            if (shared.anyWork() || shared.isShutdown()) return;
            // Give the core away now and then: the thread we wait for may need it.
            if ((++round & 15) == 0) std::this_thread::yield();
        } while (Clock::wallNs() < until);
    }

    {
        std::lock_guard lock(shared.idleMutex);
        shared.sleepers.push_back(index);
        shared.isSleeper[index] = 1;
        shared.numSleepers.fetch_add(1, std::memory_order_seq_cst);
    }
    bool lastSearcher = false;
    if (searching) {
        searching = false;
        lastSearcher = shared.numSearching.fetch_sub(1, std::memory_order_seq_cst) == 1;
    }
    std::atomic_thread_fence(std::memory_order_seq_cst);

    auto unregister = [this] {
        std::lock_guard lock(shared.idleMutex);
        if (shared.isSleeper[index]) {
            shared.isSleeper[index] = 0;
            shared.sleepers.erase(std::find(shared.sleepers.begin(), shared.sleepers.end(), index));
            shared.numSleepers.fetch_sub(1, std::memory_order_seq_cst);
        } else {
            // A notifier popped us and counted us as searching.
            searching = true;
        }
    };

    if (shared.anyWork() || shared.isShutdown()) {
        unregister();
        // Tokio's notify_if_work_pending: pushes made while we still counted
        // as searching woke nobody (a searcher would find them). We leave
        // with that work and no longer search, so whoever is parked must
        // hear of it now, or it sleeps while the work waits in the queues.
        if (lastSearcher && !searching && !shared.isShutdown()) shared.notifyParked();
        return;
    }

    std::int64_t waitNs = -1;
    bool driver = false;
    // Under the real clock a parking worker takes the driver role even with
    // no timer armed (sleeping without timeout), so that whoever arms the
    // first timer has someone to wake.
    if ((!shared.clock.isVirtual() || shared.timerCount.load(std::memory_order_acquire) > 0) &&
        !shared.driverTaken.exchange(true, std::memory_order_acq_rel)) {
        if (shared.clock.isVirtual()) {
            // Virtual time jumps only when every worker is idle and nothing
            // is in flight on the blocking pool.
            bool allAsleep;
            {
                std::lock_guard lock(shared.idleMutex);
                allAsleep =
                    shared.numSleepers.load(std::memory_order_relaxed) == shared.workers.size();
            }
            bool gateOpen = !shared.gate.closed();
            if (!gateOpen) {
                std::lock_guard lock(shared.gate.mutex);
                gateOpen = shared.gate.permits > 0 || !shared.gate.closed();
            }
            if (allAsleep && shared.blocking.inFlight() == 0 && !shared.anyWork() && gateOpen) {
                std::optional<std::uint64_t> next;
                shared.timerLock.lock();
                next = shared.wheel.earliestDeadline();
                shared.timerLock.unlock();
                if (next) shared.clock.advanceTo(*next * 1000);
                shared.processTimers(true);
                shared.driverTaken.store(false, std::memory_order_release);
                unregister();
                return;
            }
            shared.driverTaken.store(false, std::memory_order_release);
        } else {
            driver = true;
            shared.timerLock.lock();
            std::optional<std::uint64_t> next = shared.wheel.earliestDeadline();
            shared.driverWorker = static_cast<int>(index);
            shared.driverWakeTick = next ? *next : UINT64_MAX;
            shared.timerLock.unlock();
            if (next) waitNs = shared.clock.wallUntil(*next * 1000);
            if (waitNs == 0) {
                shared.timerLock.lock();
                shared.driverWorker = -1;
                shared.driverWakeTick = UINT64_MAX;
                shared.timerLock.unlock();
                shared.driverTaken.store(false, std::memory_order_release);
                shared.processTimers(true);
                unregister();
                return;
            }
        }
    }

    WorkerStatsCounters::bump(stats.parks);
    if (shared.observer) [[unlikely]]
        shared.emit(EventKind::Park, 0);
    shared.numAwake.fetch_sub(1, std::memory_order_seq_cst);
    parker.park(waitNs);
    shared.numAwake.fetch_add(1, std::memory_order_seq_cst);
    if (shared.observer) [[unlikely]]
        shared.emit(EventKind::Unpark, 0);

    if (driver) {
        shared.timerLock.lock();
        shared.driverWorker = -1;
        shared.driverWakeTick = UINT64_MAX;
        shared.timerLock.unlock();
        shared.driverTaken.store(false, std::memory_order_release);
        shared.processTimers(true);
    }
    unregister();
}

// ---------------------------------------------------------- blocking pool --

void BlockingPool::submit(BlockingJob* job) {
    bool notify = false;
    bool startThread = false;
    unsigned index = 0;
    {
        std::lock_guard lock(m_mutex);
        if (m_shutdown) {
            job->abandon();
            return;
        }
        m_jobs.push_back(job);
        std::size_t queued = m_queued.fetch_add(1, std::memory_order_release) + 1;
        m_inFlight.fetch_add(1, std::memory_order_acq_rel);
        if (queued <= m_spinning) {
            // A spinning thread will take it.
        } else if (m_idle > 0) {
            notify = true;
        } else if (m_threads < m_max) {
            startThread = true;
            index = m_nextIndex++;
            ++m_threads;
        }
        if (startThread) {
            joinExited();
            m_live.emplace_back(index, std::thread([this, index] { threadMain(index); }));
        }
    }
    if (notify) m_cv.notify_one();
}

void BlockingPool::joinExited() {
    // Called with m_mutex held; joins threads that have left threadMain.
    for (unsigned idx : m_exited) {
        auto it = std::find_if(m_live.begin(), m_live.end(),
                               [idx](const auto& p) { return p.first == idx; });
        if (it != m_live.end()) {
            it->second.join();
            m_live.erase(it);
        }
    }
    m_exited.clear();
}

void BlockingPool::threadMain(unsigned index) {
    t_context = Context{
        &m_shared, nullptr, nullptr, 0xFFFFFFFFu, kBlockingThreadBase + index, m_shared.observer};
    m_shared.emit(EventKind::BlockingThreadStart, 0);
    std::unique_lock lock(m_mutex);
    for (;;) {
        if (!m_jobs.empty()) {
            BlockingJob* job = m_jobs.front();
            m_jobs.pop_front();
            m_queued.fetch_sub(1, std::memory_order_relaxed);
            lock.unlock();
            if (m_shared.observer) [[unlikely]]
                m_shared.emit(EventKind::BlockingStart, job->id, job->awaiting);
            const std::uint64_t jobId = job->id;
            job->run();  // completes the job and wakes its awaiter
            if (m_shared.observer) [[unlikely]]
                m_shared.emit(EventKind::BlockingEnd, jobId);
            m_inFlight.fetch_sub(1, std::memory_order_acq_rel);
            if (m_shared.clock.isVirtual()) m_shared.unparkAll();  // re-evaluate idleness
            // Spin a little for the next job before sleeping.
            lock.lock();
            if (!m_jobs.empty() || m_shutdown || m_spin.count() <= 0) continue;
            ++m_spinning;
            lock.unlock();
            const std::int64_t until = Clock::wallNs() + m_spin.count();
            for (unsigned round = 1;
                 m_queued.load(std::memory_order_acquire) == 0 && Clock::wallNs() < until;
                 ++round) {
                for (int i = 0; i < 32; ++i) ASYNCSCOPE_CPU_RELAX();
                if ((round & 15) == 0) std::this_thread::yield();
            }
            lock.lock();
            --m_spinning;
            continue;
        }
        if (m_shutdown) break;
        ++m_idle;
        bool woke = m_cv.wait_for(lock, m_keepAlive, [&] { return !m_jobs.empty() || m_shutdown; });
        --m_idle;
        if (!woke) break;  // keep-alive expired with nothing to do
    }
    --m_threads;
    m_exited.push_back(index);
    lock.unlock();
    m_shared.emit(EventKind::BlockingThreadExit, 0);
    t_context = Context{};
}

void BlockingPool::shutdown() {
    std::vector<std::pair<unsigned, std::thread>> live;
    std::deque<BlockingJob*> pending;
    {
        std::lock_guard lock(m_mutex);
        if (m_shutdown && m_live.empty() && m_jobs.empty()) return;
        m_shutdown = true;
        pending.swap(m_jobs);
        live.swap(m_live);
        m_exited.clear();
    }
    m_cv.notify_all();
    for (auto& [idx, th] : live) th.join();
    for (BlockingJob* job : pending) {
        m_queued.fetch_sub(1, std::memory_order_relaxed);
        m_inFlight.fetch_sub(1, std::memory_order_relaxed);
        job->abandon();
    }
}

}  // namespace detail

// ---------------------------------------------------------------- Runtime --

using detail::Shared;

Runtime::Runtime(RuntimeConfig config, Observer* observer)
    : m_shared(std::make_unique<Shared>(config, observer)) {
    m_shared->numAwake.store(static_cast<std::uint32_t>(m_shared->workers.size()));
    for (auto& w : m_shared->workers) {
        detail::WorkerCore* core = w.get();
        core->thread = std::thread([core] { core->run(); });
    }
}

Runtime::~Runtime() {
    shutdown();
}

void Runtime::shutdown() {
    Shared& s = *m_shared;
    if (s.shutdown.exchange(true, std::memory_order_acq_rel)) return;
    { std::lock_guard lock(s.gate.mutex); }
    s.gate.cv.notify_all();
    s.unparkAll();
    for (auto& w : s.workers)
        if (w->thread.joinable()) w->thread.join();
    s.blocking.shutdown();

    // Nothing runs any more. Cancel every task that has not finished: destroy
    // its frame (destructors unregister from timers, locks and channels),
    // publish COMPLETE + Cancelled for its JoinHandle.
    detail::Context saved = detail::t_context;
    detail::t_context = detail::Context{&s, nullptr, nullptr, 0xFFFFFFFFu, kNoWorker, s.observer};
    while (detail::TaskHeader* t = s.owned.popAny()) {
        std::uint64_t st = t->load();
        if (!(st & detail::state::COMPLETE)) {
            s.emit(EventKind::Cancel, t->id, 0, 0, 1);
            s.destroyFrame(t);
            t->outcome = detail::Outcome::Cancelled;
            for (;;) {
                std::uint64_t next = (st & ~detail::state::RUNNING) | detail::state::COMPLETE |
                                     detail::state::CANCELLED;
                if (t->state.compare_exchange_weak(st, next, std::memory_order_acq_rel,
                                                   std::memory_order_relaxed))
                    break;
            }
            if (st & detail::state::JOIN_WAKER) std::exchange(t->joinWaker, nullptr)->refDec();
            s.cancelled.fetch_add(1, std::memory_order_relaxed);
        }
        t->refDec();  // the OwnedTasks reference
    }
    // Drop the queues' references.
    for (auto& w : s.workers) {
        if (w->lifo) std::exchange(w->lifo, nullptr)->refDec();
        while (detail::TaskHeader* t = w->queue.drainOne()) t->refDec();
    }
    while (detail::TaskHeader* t = s.inject.pop()) t->refDec();
    detail::t_context = saved;
}

void Runtime::pause() {
    Shared& s = *m_shared;
    {
        std::lock_guard lock(s.gate.mutex);
        s.gate.m_closed.store(true, std::memory_order_release);
        s.gate.permits = 0;
    }
    s.clock.setPaused(true);
}

void Runtime::resume() {
    Shared& s = *m_shared;
    {
        std::lock_guard lock(s.gate.mutex);
        s.gate.m_closed.store(false, std::memory_order_release);
        s.gate.permits = 0;
    }
    s.clock.setPaused(false);
    s.gate.cv.notify_all();
    s.unparkAll();  // the timer driver recomputes its deadline
}

bool Runtime::paused() const noexcept {
    return m_shared->gate.closed();
}

void Runtime::step(unsigned polls) {
    Shared& s = *m_shared;
    {
        std::lock_guard lock(s.gate.mutex);
        if (!s.gate.closed()) return;
        s.gate.permits += polls;
    }
    // The clock runs until the permitted polls are done, so a task waiting on
    // a timer can still become the one that is polled.
    s.clock.setPaused(false);
    s.gate.cv.notify_all();
    s.unparkAll();
}

void Runtime::setTimeScale(double scale) {
    m_shared->clock.setScale(scale);
    m_shared->unparkAll();
}
double Runtime::timeScale() const noexcept {
    return m_shared->clock.scale();
}
Duration Runtime::now() const noexcept {
    return Duration(m_shared->clock.now());
}
unsigned Runtime::workerCount() const noexcept {
    return static_cast<unsigned>(m_shared->workers.size());
}
const RuntimeConfig& Runtime::config() const noexcept {
    return m_shared->cfg;
}

RuntimeStats Runtime::stats() const {
    Shared& s = *m_shared;
    RuntimeStats r;
    for (auto& w : s.workers) {
        const auto& c = w->stats;
        r.workers.push_back(WorkerStats{
            c.polls.load(std::memory_order_relaxed), c.steals.load(std::memory_order_relaxed),
            c.stolenTasks.load(std::memory_order_relaxed), c.parks.load(std::memory_order_relaxed),
            c.lifoPolls.load(std::memory_order_relaxed),
            c.lifoCapHits.load(std::memory_order_relaxed),
            c.injectPops.load(std::memory_order_relaxed),
            c.overflows.load(std::memory_order_relaxed)});
    }
    r.spawned = s.nextId.load(std::memory_order_relaxed) - 1;
    r.completed = s.completed.load(std::memory_order_relaxed);
    r.cancelled = s.cancelled.load(std::memory_order_relaxed);
    r.alive = s.owned.size();
    r.globalQueue = s.inject.len();
    r.blockingThreads = s.blocking.threads();
    r.parkedWorkers = s.numSleepers.load(std::memory_order_acquire);
    s.owned.forEach([&](detail::TaskHeader* t) {
        std::uint64_t st = t->load();
        if ((st & detail::state::NOTIFIED) &&
            !(st & (detail::state::RUNNING | detail::state::COMPLETE)))
            ++r.scheduledTasks;
    });
    return r;
}

bool Runtime::quiescent() const {
    Shared& s = *m_shared;
    // Order matters: a timer that fires wakes its task (queue non-empty) before
    // the firing worker can go back to sleep.
    if (s.numAwake.load(std::memory_order_seq_cst) != 0) return false;
    if (s.timerCount.load(std::memory_order_seq_cst) != 0 || s.blocking.inFlight() != 0)
        return false;
    return !s.anyWork() && s.numAwake.load(std::memory_order_seq_cst) == 0;
}

}  // namespace asyncscope
