// Virtual time: a conservative discrete-event step over the real engine.
//
// Design note
// -----------
// Under the virtual clock every duration in a scenario is exact and the
// host's speed cannot show. The engine's threads, queues, atomics and
// wake-ups stay the real ones; only time is simulated:
//
//   - a compute step occupies its worker for exactly its duration: the
//     worker thread waits (burning no CPU) until the virtual clock reaches
//     the step's end, and meanwhile the other workers go on;
//   - a blocking sleep or compute on a blocking-pool thread holds that
//     thread the same way;
//   - timers fire at their deadline.
//
// The clock moves only when no thread can make progress without it:
// every worker is parked (in the sleepers list) or held (waiting for time,
// or for another thread: a BlockingMutex), the block_on thread (if any)
// likewise, every blocking job in flight is
// held, no queue holds work a parked worker could take, and the pause gate
// is open. Then it jumps to the
// earliest deadline among the timers and the waiters, releases the waiters
// that are due, and fires the timers that are due.
//
// Why it cannot jump too early. Each "becomes runnable" transition is
// counted by whoever causes it, before the thread itself runs: a notifier
// pops a parked worker from the sleepers list (under idleMutex); the
// advancer un-counts the waiters it releases; an unlock un-counts the
// BlockingMutex waiter it wakes. And each "becomes idle" transition (a
// park, a wait, a hold, a blocking job's end) asks for an advance after it
// is counted. So whenever the condition holds, it holds for real, and the
// last thread to go idle sees it.
//
// One decider. tryAdvanceVirtual() may be called by any thread at any time.
// `advanceRequested` records that someone asked; whoever takes `driverTaken`
// evaluates until no request is left, then lets go and checks once more for
// a request made in between (so no request is lost, as in Tokio's
// notify_if_work_pending). After an advance it evaluates again (the timers
// it fired may have woken nothing, a cancelled sleep, and then the clock must
// move on by itself), except on a parking worker: the timers it fired may
// have put a task in its own LIFO slot, which no count sees, so it returns
// to its loop first and asks again when it parks again.
#include "runtime/runtime_impl.hpp"

#include <asyncscope/blocking.hpp>
#include <asyncscope/task.hpp>

#include <algorithm>
#include <thread>

namespace asyncscope::detail {

std::uint8_t Shared::heldKind() const noexcept {
    if (t_context.runtime != this) return kHeldNone;
    if (t_context.worker) return kHeldWorker;
    if (blockOnCore && t_context.threadIndex == blockOnIndex) return kHeldBlockOn;
    return t_context.threadIndex >= kBlockingThreadBase && t_context.threadIndex != kNoWorker
               ? kHeldPool
               : kHeldNone;
}

void Shared::countHeld(std::uint8_t held, int delta) noexcept {
    if (held == kHeldWorker) workersHeld += static_cast<unsigned>(delta);
    if (held == kHeldPool) blockingHeld += static_cast<unsigned>(delta);
    if (held == kHeldBlockOn) blockOnHeld += static_cast<unsigned>(delta);
}

bool Shared::takeableWork() const noexcept {
    if (inject.len() > 0) return true;
    if (!cfg.stealing) return false;  // a held worker's queue waits for it
    return anyWork();
}

bool Shared::virtuallyIdleLocked() noexcept {
    if (externalTimeHolds > 0) return false;  // a thread outside acts at this instant
    const std::uint32_t sleeping = numSleepers.load(std::memory_order_seq_cst);
    if (sleeping + workersHeld < workers.size()) return false;
    // The block_on thread polls, or is about to, unless it waits for time.
    if (blockOnAwake && blockOnHeld == 0) return false;
    // Jobs running on a pool thread that is not held make progress, and so do
    // queued ones while the pool can still give them a thread; once every
    // thread the pool may have is held, the queued jobs wait for the clock too.
    const std::size_t inFlight = blocking.inFlight(), queued = blocking.queued();
    if (inFlight - std::min(queued, inFlight) > blockingHeld) return false;
    if (queued > 0 && blockingHeld < cfg.maxBlockingThreads) return false;
    // Queued work is progress only for a worker that could take it: a parked
    // one (it is, or is being, notified). The queue of a worker held in a
    // compute step waits for that step, as it does in Tokio.
    if (sleeping > 0 && takeableWork()) return false;
    if (gate.closed()) {
        std::lock_guard lock(gate.mutex);
        if (gate.permits == 0) return false;
    }
    return true;
}

bool Shared::advanceVirtualOnce(bool fromWorkerLoop) noexcept {
    std::uint64_t next = UINT64_MAX;
    {
        std::lock_guard lock(idleMutex);
        if (isShutdown() || !virtuallyIdleLocked()) return false;
        // Timers fire only where a worker serves them: a parking worker, or a
        // parked one. With every worker held (in a compute step or blocked),
        // they wait until one comes back to its loop, as in Tokio, where the
        // driver is polled between tasks.
        if (timerDriverFree(fromWorkerLoop)) {
            timerLock.lock();
            const std::optional<std::uint64_t> tick = wheel.earliestDeadline();
            timerLock.unlock();
            if (tick) next = *tick * 1000;
        }
        shareVirtualCores();
        for (const VirtualWaiter* w : virtualWaiters) next = std::min(next, w->deadline);
    }
    if (next == UINT64_MAX) return false;  // nothing will ever happen: the run is stuck
    // No task left: time would only serve detached blocking jobs, which a
    // finished program does not wait for (the runtime is dropped then).
    if (owned.size() == 0) return false;
    // Not past the run's time limit: there the run is over.
    if (const std::uint64_t limit = virtualLimitNs.load(std::memory_order_relaxed); next > limit) {
        if (clock.now() >= limit) return false;
        next = limit;
    }
    // Paced: not before the wall clock says so (a viewer watches).
    struct PacingFlag {
        std::atomic<bool>& flag;
        ~PacingFlag() { flag.store(false, std::memory_order_relaxed); }
    } pacingFlag{pacingWait};
    for (;;) {
        const std::int64_t wait = clock.paceWait(next);
        if (wait == 0) break;
        if (wait < 0 || isShutdown()) return false;  // paused: resume() asks again
        pacingWait.store(true, std::memory_order_relaxed);
        std::this_thread::sleep_for(
            std::chrono::nanoseconds(std::min<std::int64_t>(wait, 2'000'000)));
        // Something may have happened meanwhile (a stop, an outside wake).
        std::lock_guard lock(idleMutex);
        if (!virtuallyIdleLocked()) return false;
    }
    {
        std::lock_guard lock(idleMutex);
        if (isShutdown() || !virtuallyIdleLocked()) return false;
        const std::uint64_t before = clock.now();
        clock.advanceTo(next);
        const std::uint64_t now = clock.now();
        // The CPU work each compute step did meanwhile, at the share of the
        // cores it had; the deadlines were rounded up, so a step due now has
        // done all of its work.
        const std::uint64_t span = now > before ? now - before : 0;
        const std::uint64_t busy = static_cast<std::uint64_t>(
            std::count_if(virtualWaiters.begin(), virtualWaiters.end(),
                          [](const VirtualWaiter* w) { return w->cpu; }));
        const std::uint64_t done = cfg.cores && busy > cfg.cores ? span * cfg.cores / busy : span;
        for (VirtualWaiter* w : virtualWaiters)
            if (w->cpu) w->remaining -= std::min(done, w->remaining);
        shareVirtualCores();
        // The due waiters count as running from here, before they wake.
        auto due =
            std::stable_partition(virtualWaiters.begin(), virtualWaiters.end(),
                                  [now](const VirtualWaiter* w) { return w->deadline > now; });
        for (auto it = due; it != virtualWaiters.end(); ++it) {
            VirtualWaiter* w = *it;
            w->released = true;
            countHeld(w->held, -1);
            w->cv.notify_one();
        }
        virtualWaiters.erase(due, virtualWaiters.end());
    }
    // Fire the due timers where Tokio does: on a worker, in its loop (the
    // parked worker that drives the timers). A parking worker fires them
    // now; any other advancer (a worker held in a compute step, a thread
    // outside) wakes a parked worker, which fires them as it parks again.
    // So whichever thread moved the clock, the same worker fires the same
    // timers into the same queue.
    if (fromWorkerLoop)
        processTimers(true);
    else if (timerDriverFree(false))
        notifyParked();
    return true;
}

bool Shared::timerDriverFree(bool fromWorkerLoop) const noexcept {
    return fromWorkerLoop || numSleepers.load(std::memory_order_seq_cst) > 0;
}

bool Shared::tryAdvanceVirtual(bool fromWorkerLoop) noexcept {
    if (!clock.isVirtual()) return false;
    bool advanced = false;
    advanceRequested.store(true, std::memory_order_seq_cst);
    while (advanceRequested.load(std::memory_order_seq_cst) &&
           !driverTaken.exchange(true, std::memory_order_acq_rel)) {
        while (advanceRequested.exchange(false, std::memory_order_seq_cst)) {
            if (advanceVirtualOnce(fromWorkerLoop)) {
                advanced = true;
                // A parking worker stops here: what the timers woke may be in
                // its own LIFO slot, where no count sees it; it looks, and
                // asks again when it parks again.
                if (fromWorkerLoop) break;
                advanceRequested.store(true, std::memory_order_seq_cst);  // and again
            }
        }
        driverTaken.store(false, std::memory_order_release);
        if (advanced && fromWorkerLoop) break;
    }
    return advanced;
}

// Processor sharing: with more compute steps running than the machine has
// cores, each progresses at cores/running of real speed, so a step ends
// `remaining * running / cores` from now (rounded up, so it never ends
// before its work is done).
void Shared::shareVirtualCores() noexcept {
    std::uint64_t busy = 0;
    for (const VirtualWaiter* w : virtualWaiters) busy += w->cpu ? 1 : 0;
    const std::uint64_t now = clock.now();
    for (VirtualWaiter* w : virtualWaiters) {
        if (!w->cpu) continue;
        if (!cfg.cores || busy <= cfg.cores)
            w->deadline = now + w->remaining;
        else
            w->deadline = now + (w->remaining * busy + cfg.cores - 1) / cfg.cores;
    }
}

void Shared::waitVirtual(std::uint64_t ns, bool cpu) {
    if (ns == 0) return;
    VirtualWaiter me;
    me.held = heldKind();
    me.cpu = cpu;
    me.remaining = ns;
    {
        std::lock_guard lock(idleMutex);
        me.deadline = clock.now() + ns;
        virtualWaiters.push_back(&me);
        shareVirtualCores();
        countHeld(me.held, +1);
    }
    tryAdvanceVirtual();
    std::unique_lock lock(idleMutex);
    for (;;) {
        me.cv.wait(lock, [&] { return me.released || isShutdown() || me.poked; });
        if (me.released || isShutdown()) break;
        me.poked = false;
        lock.unlock();
        tryAdvanceVirtual();
        lock.lock();
    }
    if (!me.released) {
        virtualWaiters.erase(std::find(virtualWaiters.begin(), virtualWaiters.end(), &me));
        countHeld(me.held, -1);
        throw Cancelled("the runtime shut down during a step's virtual time");
    }
}

std::uint8_t Shared::holdEnter() noexcept {
    const std::uint8_t held = heldKind();
    {
        std::lock_guard lock(idleMutex);
        countHeld(held, +1);
    }
    tryAdvanceVirtual();
    return held;
}

void Shared::holdLeave(std::uint8_t held) noexcept {
    std::lock_guard lock(idleMutex);
    countHeld(held, -1);
}

bool Shared::virtuallyQuiescent() noexcept {
    // Every worker asleep in its parker (none holds a task in hand or in its
    // LIFO slot, none is firing timers), no advance under way.
    if (numAwake.load(std::memory_order_seq_cst) != 0) return false;
    if (driverTaken.load(std::memory_order_seq_cst)) return false;
    std::lock_guard lock(idleMutex);
    return virtuallyIdleLocked() && timerCount.load(std::memory_order_acquire) == 0 &&
           virtualWaiters.empty() && workersHeld == 0 && blockingHeld == 0 && !blockOnAwake &&
           numAwake.load(std::memory_order_seq_cst) == 0;
}

void Shared::pokeVirtualWaiter() noexcept {
    std::lock_guard lock(idleMutex);
    if (virtualWaiters.empty()) return;
    virtualWaiters.front()->poked = true;
    virtualWaiters.front()->cv.notify_one();
}

void Shared::releaseVirtualWaiters() noexcept {
    std::lock_guard lock(idleMutex);
    for (VirtualWaiter* w : virtualWaiters) w->cv.notify_one();
}

}  // namespace asyncscope::detail
