// The Runtime and the state all its threads share.
//
// What is here: the public Runtime (construction starts the workers; shutdown,
// pause / resume / step, time scale, stats, quiescence) and the Shared entry
// points every thread calls: building the shared state (the configuration
// normalised), spawn, schedule / pushInject / notifyParked (where a woken task
// goes and who is woken for it), and a task's lifecycle (poll once, complete,
// cancel, destroy its frame).
// Elsewhere: the worker loop and parking (worker.cpp), the blocking pool
// (blocking_pool.cpp), spawn_blocking / blocking sleep / compute
// (blocking.cpp), timers (time/timer_driver.cpp), waking a task and the hooks
// of the public headers (task/task.cpp). The scheduler's design note is at the
// top of runtime_impl.hpp.
#include "runtime/runtime_impl.hpp"

#include <asyncscope/join_handle.hpp>
#include <asyncscope/runtime.hpp>

#include <algorithm>
#include <thread>

namespace asyncscope {

unsigned hostCores() noexcept {
    return std::max(1u, std::thread::hardware_concurrency());
}

unsigned resolvedWorkers(const RuntimeConfig& c) noexcept {
    if (c.flavor == Flavor::CurrentThread) return 1;
    return c.workers ? c.workers : hostCores();
}

namespace detail {

// ----------------------------------------------------------------- Shared ----

namespace {
RuntimeConfig normalise(RuntimeConfig c) {
    if (c.flavor == Flavor::CurrentThread) {
        c.workers = 1;
        c.lifoSlot = false;
        c.stealing = false;
        // The one worker is the thread that called block_on.
        c.blockOnThread = false;
        if (c.globalQueueInterval == 61) c.globalQueueInterval = 31;
    }
    c.workers = resolvedWorkers(c);
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
      clock(cfg.clock, cfg.timeScale, cfg.virtualPacing),
      hostWatchOn(obs != nullptr && cfg.clock == ClockKind::Real),
      blocking(*this, cfg.maxBlockingThreads, cfg.blockingKeepAlive, cfg.idleSpin) {
    isSleeper.assign(cfg.workers, 0);
    sleepers.reserve(cfg.workers);
    for (unsigned i = 0; i < cfg.workers; ++i)
        workers.push_back(std::make_unique<WorkerCore>(*this, i, cfg.localQueueCapacity,
                                                       cfg.seed * 0x9E3779B97F4A7C15ull + i + 1));
    if (cfg.blockOnThread) {
        blockOnIndex = cfg.workers;
        blockOnCore = std::make_unique<WorkerCore>(*this, cfg.workers, 4, 0, /*isBlockOn=*/true);
    }
}

Shared::~Shared() = default;

TaskHeader* Shared::spawn(std::coroutine_handle<> h, std::string_view name, std::uint32_t tag,
                          std::uint16_t home) noexcept {
    FramePrefix* prefix = prefixOf(h.address());
    TaskId id = nextId.fetch_add(1, std::memory_order_relaxed);
    auto* t = ::new (prefix->header) TaskHeader(this, h, id);
    if (home == kHomeBlockOn && blockOnCore) t->home = kHomeBlockOn;
    prefix->flags |= FramePrefix::HeaderLive;
    if (observer) [[unlikely]] {
        emit(EventKind::Spawn, id, currentTaskId(), tag, 0, name);
        // Where its state machine lives, for good (a task is never moved: Pin).
        emit(EventKind::TaskFrame, id, prefix->blockSize - prefix->slotSize - kPrefixSize,
             frameAddressBits(h.address()));
    }
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
    if (t->home == kHomeBlockOn) [[unlikely]] {
        scheduleBlockOn(t);
        return;
    }
    WorkerCore* w = t_context.worker;
    if (w && &w->shared == this) {
        w->scheduleLocal(t, isYield);
        return;
    }
    pushInject(t);
}

void Shared::scheduleBlockOn(TaskHeader* t) noexcept {
    if (observer) [[unlikely]]
        emit(EventKind::Schedule, t->id, blockOnIndex, 0,
             static_cast<std::uint8_t>(QueueKind::BlockOn));
    if (injectHolds.load(std::memory_order_acquire) != 0) [[unlikely]] {
        std::lock_guard lock(heldLock);
        if (injectHolds.load(std::memory_order_relaxed) != 0) {
            t->queueNext = heldBlockOn;  // published with the held inject batch
            heldBlockOn = t;
            return;
        }
    }
    {
        // Counted awake by whoever schedules it, before the thread runs (the
        // virtual clock's rule: see time/virtual_time.cpp).
        std::lock_guard lock(idleMutex);
        blockOnCore->appendBlockOnLocked(t);
        blockOnAwake = true;
    }
    blockOnCore->parker.unpark();
}

// Events about a task are emitted *before* the task is published to a queue:
// once published, another worker may poll, complete and free it at once.
void Shared::pushInject(TaskHeader* t) noexcept {
    if (observer) [[unlikely]]
        emit(EventKind::Schedule, t->id, 0, 0, static_cast<std::uint8_t>(QueueKind::Global));
    if (injectHolds.load(std::memory_order_acquire) != 0) [[unlikely]] {
        std::lock_guard lock(heldLock);
        if (injectHolds.load(std::memory_order_relaxed) != 0) {
            t->queueNext = nullptr;
            (heldLast ? heldLast->queueNext : heldFirst) = t;
            heldLast = t;
            ++heldCount;
            return;
        }
    }
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
    if (blockOnCore) blockOnCore->parker.unpark();
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
    if (detail::WorkerCore* core = m_shared->blockOnCore.get())
        core->thread = std::thread([core] { core->runBlockOn(); });
    if (m_shared->hostWatchOn) m_shared->startHostWatch();
    // Under the virtual clock a run is the same event sequence every time:
    // the workers, which find nothing to do yet, have parked before anything
    // can be spawned (otherwise whether a worker parks before the first task
    // arrives would depend on how fast its thread started).
    if (m_shared->clock.isVirtual()) {
        const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(5);
        while ((m_shared->numAwake.load(std::memory_order_seq_cst) != 0 ||
                (m_shared->blockOnCore &&
                 !m_shared->blockOnStarted.load(std::memory_order_acquire))) &&
               std::chrono::steady_clock::now() < until)
            std::this_thread::yield();
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
    s.releaseVirtualWaiters();
    s.stopHostWatch();  // before the workers go: it reads their CPU clocks
    for (auto& w : s.workers)
        if (w->thread.joinable()) w->thread.join();
    if (s.blockOnCore && s.blockOnCore->thread.joinable()) s.blockOnCore->thread.join();
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
        for (detail::TaskHeader* t : w->deferred) t->refDec();
        w->deferred.clear();
        while (detail::TaskHeader* t = w->queue.drainOne()) t->refDec();
    }
    if (detail::WorkerCore* b = s.blockOnCore.get()) {
        while (detail::TaskHeader* t = b->lifo) {
            b->lifo = std::exchange(t->queueNext, nullptr);
            t->refDec();
        }
        while (detail::TaskHeader* t = b->queue.drainOne()) t->refDec();
    }
    while (detail::TaskHeader* t = s.heldBlockOn) {
        s.heldBlockOn = std::exchange(t->queueNext, nullptr);
        t->refDec();
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
    s.unparkAll();          // the timer driver recomputes its deadline
    s.tryAdvanceVirtual();  // every thread may be waiting for virtual time
}

void Runtime::holdInject() {
    Shared& s = *m_shared;
    std::lock_guard lock(s.heldLock);
    s.injectHolds.fetch_add(1, std::memory_order_release);
}

void Runtime::releaseInject() {
    Shared& s = *m_shared;
    detail::TaskHeader *first, *last, *blockOn;
    std::size_t n;
    {
        std::lock_guard lock(s.heldLock);
        const unsigned holds = s.injectHolds.load(std::memory_order_relaxed);
        if (holds == 0) return;
        s.injectHolds.store(holds - 1, std::memory_order_release);
        if (holds > 1) return;
        first = std::exchange(s.heldFirst, nullptr);
        last = std::exchange(s.heldLast, nullptr);
        n = std::exchange(s.heldCount, 0);
        blockOn = std::exchange(s.heldBlockOn, nullptr);
    }
    if (first) {
        s.inject.pushBatch(first, last, n);
        s.notifyParked();
    }
    // The block_on task after the batch: what it spawns queues behind it.
    if (blockOn) {
        {
            std::lock_guard lock(s.idleMutex);
            // Held newest first: appended oldest first.
            detail::TaskHeader* rev = nullptr;
            while (blockOn) {
                detail::TaskHeader* next = std::exchange(blockOn->queueNext, rev);
                rev = std::exchange(blockOn, next);
            }
            while (rev) s.blockOnCore->appendBlockOnLocked(std::exchange(rev, rev->queueNext));
            s.blockOnAwake = true;
        }
        s.blockOnCore->parker.unpark();
    }
}

void Runtime::holdVirtualTime() {
    Shared& s = *m_shared;
    std::lock_guard lock(s.idleMutex);
    ++s.externalTimeHolds;
}

void Runtime::releaseVirtualTime() {
    Shared& s = *m_shared;
    {
        std::lock_guard lock(s.idleMutex);
        if (s.externalTimeHolds == 0) return;
        --s.externalTimeHolds;
    }
    if (!s.clock.isVirtual()) return;
    // The clock moves on from the runtime's own threads, as it would have
    // without the hold (a thread outside that moved it would race with them
    // for the advancer's role, and a one-worker run would not be the same
    // sequence every time): a running worker asks when it parks or waits; a
    // parked one is woken to look again and park again; a thread waiting
    // for virtual time is poked to ask again.
    if (s.numSleepers.load(std::memory_order_seq_cst) > 0) s.notifyParked();
    s.pokeVirtualWaiter();
}

void Runtime::limitVirtualTime(Duration at) {
    m_shared->virtualLimitNs.store(
        static_cast<std::uint64_t>(std::max<std::int64_t>(0, at.count())),
        std::memory_order_relaxed);
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
    s.tryAdvanceVirtual();
}

void Runtime::setTimeScale(double scale) {
    m_shared->clock.setScale(scale);
    // A parked timer driver recomputes its deadline at the new scale. While
    // paused nothing waits for a deadline, and resume() unparks everyone:
    // a paused run records nothing when its speed changes.
    if (!m_shared->gate.closed()) m_shared->unparkAll();
}
double Runtime::timeScale() const noexcept {
    return m_shared->clock.scale();
}
Duration Runtime::now() const noexcept {
    return Duration(m_shared->clock.now());
}
std::uint32_t Runtime::blockOnThreadIndex() const noexcept {
    return m_shared->blockOnIndex;
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
    if (s.blockOnCore) r.blockOnPolls = s.blockOnCore->stats.polls.load(std::memory_order_relaxed);
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

TaskCounts Runtime::taskCounts() const noexcept {
    Shared& s = *m_shared;
    TaskCounts c;
    c.spawned = s.nextId.load(std::memory_order_relaxed) - 1;
    c.completed = s.completed.load(std::memory_order_relaxed);
    c.cancelled = s.cancelled.load(std::memory_order_relaxed);
    c.alive = s.owned.size();
    return c;
}

bool Runtime::waitingForWallClock() const noexcept {
    return m_shared->pacingWait.load(std::memory_order_relaxed) || m_shared->gate.closed();
}

bool Runtime::quiescent() const {
    Shared& s = *m_shared;
    if (s.clock.isVirtual()) return s.virtuallyQuiescent();
    // Order matters: a timer that fires wakes its task (queue non-empty) before
    // the firing worker can go back to sleep.
    if (s.numAwake.load(std::memory_order_seq_cst) != 0) return false;
    if (s.blockOnCore) {
        std::lock_guard lock(s.idleMutex);
        if (s.blockOnAwake) return false;
    }
    if (s.timerCount.load(std::memory_order_seq_cst) != 0 || s.blocking.inFlight() != 0)
        return false;
    return !s.anyWork() && s.numAwake.load(std::memory_order_seq_cst) == 0;
}

}  // namespace asyncscope
