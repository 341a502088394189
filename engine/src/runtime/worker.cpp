// A worker thread: its loop (maintenance tick, next task, stealing), the LIFO
// slot, polling a task behind the pause / single-step gate, and parking (the
// spin before sleeping, the timer driver role, the virtual clock's jump). The
// rules these follow -- where a task goes, when a worker searches, the
// no-lost-wake-up protocol -- are the design note of runtime_impl.hpp.
#include "runtime/runtime_impl.hpp"

#include <pthread.h>

#include <algorithm>
#include <string>

namespace asyncscope::detail {

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

void WorkerCore::run() {
    t_context = Context{&shared, this, nullptr, 0xFFFFFFFFu, index, shared.observer};
    if (shared.hostWatchOn && pthread_getcpuclockid(pthread_self(), &cpuClock) == 0)
        cpuClockReady.store(true, std::memory_order_release);
    const unsigned eventInterval = shared.cfg.eventInterval;
    while (!shared.isShutdown()) {
        ++tick;
        if (tick % eventInterval == 0) {
            shared.processTimers(false);
            wakeDeferred();
        }
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
        if (!deferred.empty()) {  // out of work: poll the drivers, wake the yielders
            wakeDeferred();
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

void WorkerCore::runBlockOn() {
    // Not a worker (t_context.worker stays null): what the task spawns or
    // wakes goes to the inject queue, a yield_now wakes it at once (Tokio's
    // context::defer outside a worker), and it never runs anything else.
    t_context = Context{&shared, nullptr, nullptr, 0xFFFFFFFFu, index, shared.observer};
    while (!shared.isShutdown()) {
        TaskHeader* t;
        {
            std::lock_guard lock(shared.idleMutex);
            t = lifo;
            if (t)
                lifo = std::exchange(t->queueNext, nullptr);
            else
                shared.blockOnAwake = false;
        }
        if (t) {
            t_context.budget = shared.cfg.budget ? shared.cfg.budget : 0xFFFFFFFFu;
            pollTask(t);
            continue;
        }
        // The task awaits: this thread parks, which may let the clock move
        // (Park first, at the instant it went idle).
        WorkerStatsCounters::bump(stats.parks);
        if (shared.observer) [[unlikely]]
            shared.emit(EventKind::Park, 0);
        shared.blockOnStarted.store(true, std::memory_order_release);
        if (shared.clock.isVirtual()) shared.tryAdvanceVirtual();
        if (shared.isShutdown()) break;
        parker.park(-1);
        if (shared.observer) [[unlikely]]
            shared.emit(EventKind::Unpark, 0);
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
    // visible. A Dekker pair with notifyParked: a pusher that saw us searching
    // woke nobody, so either its task is visible to anyWork() here or it saw
    // numSearching == 0 and woke a worker itself. The fence is what makes it
    // so: a seq_cst decrement alone does not order the loads after it (x86's
    // locked instruction happens to; C++ and weaker machines do not). The
    // model check (tests/model/park.pml) finds the lost wake-up without it.
    if (shared.numSearching.fetch_sub(1, std::memory_order_seq_cst) != 1) return;
    std::atomic_thread_fence(std::memory_order_seq_cst);
    if (shared.anyWork()) shared.notifyParked();
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

void WorkerCore::wakeDeferred() noexcept {
    if (deferred.empty()) return;
    shared.processTimers(false);
    // Woken from the worker, not by a task: each goes to the LIFO slot, the
    // one before it to the back of the local queue (as Tokio's Defer::wake).
    std::vector<TaskHeader*> now;
    now.swap(deferred);
    for (TaskHeader* t : now) t->wakeByValFrom(WakeSource::Yield, t->id);
    now.clear();
    if (deferred.empty()) deferred.swap(now);  // keep the capacity
}

void WorkerCore::scheduleLocal(TaskHeader* t, bool isYield) noexcept {
    if (blockOn) {  // woken while it ran: polled again at once
        shared.scheduleBlockOn(t);
        return;
    }
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
            if (blockOn)
                t->refDec();  // the shutdown sweep cancels it (OwnedTasks)
            else
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
        shared.emit(EventKind::PollStart, t->id, t->awaitPoint,
                    frameAddressBits(t->root().address()));
    if (shared.hostWatchOn) [[unlikely]]
        watchSet(true);
    const bool done = shared.pollOnce(t);
    if (shared.hostWatchOn) [[unlikely]]
        watchSet(false);
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

    // Work this worker could take (with stealing off, another worker's queue
    // is not: spinning on it would only wait for that worker).
    if (shared.takeableWork() || shared.isShutdown()) {
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
    if (shared.clock.isVirtual()) {
        // Virtual time moves only when no thread can progress without it;
        // this worker is now one that cannot. If the clock moved, what it
        // woke may be in this worker's own queue: look again before sleeping.
        if (shared.tryAdvanceVirtual(true)) {
            unregister();
            return;
        }
    } else if (!shared.driverTaken.exchange(true, std::memory_order_acq_rel)) {
        // Under the real clock a parking worker takes the driver role even
        // with no timer armed (sleeping without timeout), so that whoever
        // arms the first timer has someone to wake.
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

}  // namespace asyncscope::detail
