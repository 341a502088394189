// Internals of the runtime shared by all its threads. Not a public header.
// The code: runtime.cpp (Runtime, Shared: spawn, scheduling, task lifecycle),
// worker.cpp (WorkerCore: the loop, stealing, polling, parking),
// blocking_pool.cpp (BlockingPool), time/timer_driver.cpp (the timers).
//
// Design note: the multi-thread scheduler
// ---------------------------------------
// Threads. N workers, each with a bounded LocalQueue, a LIFO slot (owner
// only, never stolen), a Parker and a tick counter. One global InjectQueue
// (mutex + intrusive list) for tasks scheduled from outside a worker and for
// local-queue overflow. A BlockingPool of threads for spawn_blocking.
//
// Where a scheduled task goes (Shared::schedule):
//   - from a worker of this runtime: a wake while running (or a preemption
//     slice) goes to the back of that worker's local queue; anything else
//     (spawn, wake) goes to the LIFO slot, and the task it displaces to the
//     back of the queue. yield_now and a spent coop budget are deferred (as
//     Tokio's context::defer): the task waits in the worker's `deferred` list,
//     in no queue, until the worker polls its timers (maintenance, or when it
//     runs out of work), and is woken from there into the LIFO slot;
//   - from any other thread: to the inject queue;
//   - a kHomeBlockOn task (the #[tokio::main] body, RuntimeConfig::
//     blockOnThread) goes to the block_on thread's one-task slot, from
//     anywhere. That thread is not a worker: it polls that task and nothing
//     else, parks while the task awaits, nobody steals from it, and what it
//     spawns or wakes goes to the inject queue (t_context.worker is null
//     there), as in Tokio, where block_on polls its future on the calling
//     thread outside any worker.
//   Whenever work lands somewhere another worker could take it, notifyParked
//   wakes one parked worker unless some worker is already searching.
//
// Worker loop: every `globalQueueInterval` ticks the inject queue is checked
// first (fairness for remote tasks); otherwise LIFO slot, local queue, inject
// queue. Without work the worker becomes a *searcher* (at most half the
// workers search at once), steals half of a random victim's queue, and
// finally parks. After running a task the worker runs its LIFO slot at most
// `maxLifoPolls` times in a row, sharing one coop budget, then moves the LIFO
// task to the back of the queue.
//
// No lost wake-ups (parking protocol, a Dekker pair):
//   pusher:  make the task visible;           seq_cst fence; read numSearching/numSleepers
//   parker:  register as sleeper / searching-; seq_cst fence; re-check every queue
// With both fences, either the pusher sees the sleeper (and unparks it) or
// the parker sees the task. A searcher that finds work and was the last
// searcher wakes another worker, which keeps the chain going; its decrement,
// a fence and its look at the queues are a third pair with the pusher's.
// tests/model/park.pml is this protocol as a Spin model, checked in CI with
// each fence removed in turn (each removal must give a counterexample).
//
// Timers are processed by a worker in maintenance (every `eventInterval`
// ticks), before it wakes its deferred tasks, after a preemption slice, and
// by the worker that parks holding the
// driver role, which sleeps only until the next deadline (or indefinitely
// when no timer is armed). A new earlier timer unparks that worker, so a
// timer armed while the others sleep fires even if its own worker then
// blocks.
// Under the virtual clock the last worker to go idle (no work, no blocking job
// in flight) advances the clock straight to the next deadline.
#pragma once

#include <asyncscope/detail/spin_lock.hpp>
#include "runtime/clock.hpp"
#include "runtime/local_queue.hpp"
#include "time/timer_wheel.hpp"

#include <asyncscope/blocking.hpp>
#include <asyncscope/config.hpp>
#include <asyncscope/event.hpp>
#include <asyncscope/task.hpp>
#include <asyncscope/time.hpp>

#include <deque>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <ctime>
#include <memory>
#include <mutex>
#include <random>
#include <thread>
#include <vector>

namespace asyncscope::detail {

struct Shared;

class Parker {
public:
    // Sleeps until unpark() or `wallNs` nanoseconds (-1: no timeout). A token
    // left by an unpark() before park() makes park() return at once.
    void park(std::int64_t wallNs) {
        std::unique_lock lock(m_mutex);
        if (!m_notified) {
            if (wallNs < 0)
                m_cv.wait(lock, [&] { return m_notified; });
            else
                m_cv.wait_for(lock, std::chrono::nanoseconds(wallNs), [&] { return m_notified; });
        }
        m_notified = false;
    }
    void unpark() {
        {
            std::lock_guard lock(m_mutex);
            m_notified = true;
        }
        m_cv.notify_one();
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_notified = false;
};

class InjectQueue {
public:
    void push(TaskHeader* t) { pushBatch(t, t, 1); }
    void pushBatch(TaskHeader* first, TaskHeader* last, std::size_t n) {
        last->queueNext = nullptr;
        std::lock_guard lock(m_lock);
        if (m_tail)
            m_tail->queueNext = first;
        else
            m_head = first;
        m_tail = last;
        m_len.fetch_add(n, std::memory_order_release);
    }
    TaskHeader* pop() {
        TaskHeader* t = nullptr;
        popBatch(1, [&](TaskHeader* x) { t = x; });
        return t;
    }
    // Pops up to `max` tasks under one lock acquisition, in FIFO order.
    template <class Sink>
    std::size_t popBatch(std::size_t max, Sink&& sink) {
        if (m_len.load(std::memory_order_acquire) == 0) return 0;
        TaskHeader* first;
        std::size_t n = 0;
        {
            std::lock_guard lock(m_lock);
            first = m_head;
            TaskHeader* last = nullptr;
            for (TaskHeader* t = m_head; t && n < max; t = t->queueNext, ++n) last = t;
            if (n == 0) return 0;
            m_head = last->queueNext;
            if (!m_head) m_tail = nullptr;
            last->queueNext = nullptr;
            m_len.fetch_sub(n, std::memory_order_relaxed);
        }
        while (first) {
            TaskHeader* next = first->queueNext;
            first->queueNext = nullptr;
            sink(first);
            first = next;
        }
        return n;
    }
    std::size_t len() const noexcept { return m_len.load(std::memory_order_acquire); }

private:
    SpinLock m_lock;
    TaskHeader* m_head = nullptr;
    TaskHeader* m_tail = nullptr;
    std::atomic<std::size_t> m_len{0};
};

// Every live task, so that shutdown can cancel those parked on resources.
class OwnedTasks {
public:
    static constexpr unsigned kShards = 32;
    void insert(TaskHeader* t) noexcept {
        t->ownedShard = static_cast<std::uint8_t>(t->id % kShards);
        Shard& s = m_shards[t->ownedShard];
        std::lock_guard lock(s.lock);
        t->ownedPrev = nullptr;
        t->ownedNext = s.head;
        if (s.head) s.head->ownedPrev = t;
        s.head = t;
        ++s.count;
    }
    void remove(TaskHeader* t) noexcept {
        Shard& s = m_shards[t->ownedShard];
        std::lock_guard lock(s.lock);
        if (t->ownedPrev)
            t->ownedPrev->ownedNext = t->ownedNext;
        else
            s.head = t->ownedNext;
        if (t->ownedNext) t->ownedNext->ownedPrev = t->ownedPrev;
        t->ownedPrev = t->ownedNext = nullptr;
        --s.count;
    }
    // Pops any task (its list reference moves to the caller), or null.
    TaskHeader* popAny() noexcept {
        for (Shard& s : m_shards) {
            std::lock_guard lock(s.lock);
            if (TaskHeader* t = s.head) {
                s.head = t->ownedNext;
                if (s.head) s.head->ownedPrev = nullptr;
                t->ownedPrev = t->ownedNext = nullptr;
                --s.count;
                return t;
            }
        }
        return nullptr;
    }
    template <class F>
    void forEach(F&& f) noexcept {
        for (Shard& s : m_shards) {
            std::lock_guard lock(s.lock);
            for (TaskHeader* t = s.head; t; t = t->ownedNext) f(t);
        }
    }
    std::size_t size() noexcept {
        std::size_t n = 0;
        for (Shard& s : m_shards) {
            std::lock_guard lock(s.lock);
            n += s.count;
        }
        return n;
    }

private:
    struct alignas(64) Shard {
        SpinLock lock;
        TaskHeader* head = nullptr;
        std::size_t count = 0;
    };
    Shard m_shards[kShards];
};

using BlockingJob = BlockingJobBase;

class BlockingPool {
public:
    BlockingPool(Shared& shared, unsigned maxThreads, Duration keepAlive, Duration spin)
        : m_shared(shared),
          m_max(maxThreads ? maxThreads : 1),
          m_keepAlive(keepAlive),
          m_spin(spin) {}
    ~BlockingPool() { shutdown(); }

    void submit(BlockingJob* job);
    void shutdown();
    // Jobs queued or running (the virtual clock must not jump over them).
    std::size_t inFlight() const noexcept { return m_inFlight.load(std::memory_order_acquire); }
    // Submitted jobs no thread has started yet.
    std::size_t queued() const noexcept { return m_queued.load(std::memory_order_acquire); }
    unsigned threads() {
        std::lock_guard lock(m_mutex);
        return m_threads;
    }

private:
    void threadMain(unsigned index);
    void joinExited();

    Shared& m_shared;
    const unsigned m_max;
    const Duration m_keepAlive;
    const Duration m_spin;
    std::mutex m_mutex;
    std::condition_variable m_cv;
    std::deque<BlockingJob*> m_jobs;  // guarded by m_mutex
    std::atomic<std::size_t> m_queued{0};
    std::atomic<std::size_t> m_inFlight{0};
    unsigned m_threads = 0;
    unsigned m_idle = 0;      // waiting on m_cv
    unsigned m_spinning = 0;  // polling m_queued without the lock
    unsigned m_nextIndex = 0;
    bool m_shutdown = false;
    std::vector<std::pair<unsigned, std::thread>> m_live;
    std::vector<unsigned> m_exited;
};

// Pause / single-step gate in front of every poll.
class Gate {
public:
    bool closed() const noexcept { return m_closed.load(std::memory_order_acquire); }
    std::mutex mutex;
    std::condition_variable cv;
    unsigned permits = 0;   // guarded by mutex
    unsigned stepping = 0;  // polls let through and not finished yet
    std::atomic<bool> m_closed{false};
};

struct WorkerStatsCounters {
    std::atomic<std::uint64_t> polls{0};
    std::atomic<std::uint64_t> steals{0};
    std::atomic<std::uint64_t> stolenTasks{0};
    std::atomic<std::uint64_t> parks{0};
    std::atomic<std::uint64_t> lifoPolls{0};
    std::atomic<std::uint64_t> lifoCapHits{0};
    std::atomic<std::uint64_t> injectPops{0};
    std::atomic<std::uint64_t> overflows{0};
    // Owner-thread increment of a counter others only read.
    static void bump(std::atomic<std::uint64_t>& c, std::uint64_t n = 1) noexcept {
        c.store(c.load(std::memory_order_relaxed) + n, std::memory_order_relaxed);
    }
};

struct WorkerCore {
    WorkerCore(Shared& s, unsigned i, unsigned capacity, std::uint64_t seed, bool isBlockOn = false)
        : shared(s), index(i), blockOn(isBlockOn), queue(capacity), rng(seed) {}

    void run();
    // The block_on thread's loop: it polls only the task in its slot (`lifo`,
    // guarded by idleMutex there) and parks while that task awaits.
    void runBlockOn();
    // Appends to that slot, a list linked by queueNext (idleMutex held).
    void appendBlockOnLocked(TaskHeader* t) noexcept {
        t->queueNext = nullptr;
        TaskHeader** at = &lifo;
        while (*at) at = &(*at)->queueNext;
        *at = t;
    }
    void scheduleLocal(TaskHeader* t, bool isYield) noexcept;

    Shared& shared;
    const unsigned index;
    // This core is the block_on thread's, not a worker's: not in
    // Shared::workers, never stolen from, polls only kHomeBlockOn tasks.
    const bool blockOn;
    LocalQueue queue;
    TaskHeader* lifo = nullptr;  // owner only
    Parker parker;
    std::uint32_t tick = 0;
    bool searching = false;
    // The task just polled yielded on a preemption slice (Go-like): expired
    // timers are processed before the next task runs.
    bool yielded = false;
    // Tasks that yielded (yield_now, coop budget spent) during their poll,
    // each holding a reference: as in Tokio since 1.23 (context::defer), they
    // sit in no queue until the worker next polls its drivers -- every
    // eventInterval ticks, or when it runs out of work -- and are woken then.
    std::vector<TaskHeader*> deferred;
    // Polls the timers and wakes every deferred task (Tokio's park_yield).
    void wakeDeferred() noexcept;
    std::minstd_rand rng;
    WorkerStatsCounters stats;
    std::thread thread;
    // The host watch (host_watch.cpp): whether this worker is in a poll and
    // on its core (bit 0), with an epoch above it that changes at every
    // switch, so that the watch thread knows the state held all along
    // between two of its samples; and this thread's CPU clock.
    std::atomic<std::uint64_t> watch{0};
    std::atomic<bool> cpuClockReady{false};
    clockid_t cpuClock{};
    void watchSet(bool onCpuInPoll) noexcept {
        const std::uint64_t w = watch.load(std::memory_order_relaxed);
        watch.store((((w >> 1) + 1) << 1) | (onCpuInPoll ? 1u : 0u), std::memory_order_release);
    }

private:
    TaskHeader* nextTask() noexcept;
    TaskHeader* popInjectBatch() noexcept;
    TaskHeader* stealWork() noexcept;
    bool transitionToSearching() noexcept;
    void transitionFromSearching() noexcept;
    void runTask(TaskHeader* t) noexcept;
    void pollTask(TaskHeader* t) noexcept;
    void park() noexcept;
    void leaveGate() noexcept;
    void pushLocal(TaskHeader* t) noexcept;
};

struct Shared {
    explicit Shared(const RuntimeConfig& cfg, Observer* obs);
    ~Shared();

    // Scheduling ------------------------------------------------------------
    void schedule(TaskHeader* t, bool isYield) noexcept;
    void pushInject(TaskHeader* t) noexcept;
    // Puts a kHomeBlockOn task in the block_on thread's slot and wakes it.
    void scheduleBlockOn(TaskHeader* t) noexcept;
    // Runtime::holdInject: what is scheduled from outside waits here (linked
    // by queueNext, in order) until the last hold is released.
    std::atomic<unsigned> injectHolds{0};
    SpinLock heldLock;
    TaskHeader* heldFirst = nullptr;  // guarded by heldLock
    TaskHeader* heldLast = nullptr;
    std::size_t heldCount = 0;
    TaskHeader* heldBlockOn = nullptr;  // likewise, for the block_on thread
    void notifyParked() noexcept;
    // A worker thread is about to block (a BlockingMutex, a blocking sleep):
    // if timers are armed and no parked worker drives them, wake a parked
    // worker so that it takes the driver role. Otherwise the timers would
    // wait for the blocked worker (or a far-off deadline of nobody).
    void ensureTimerDriver() noexcept;
    void unparkAll() noexcept;
    bool anyWork() const noexcept;

    // Task lifecycle ----------------------------------------------------------
    TaskHeader* spawn(std::coroutine_handle<> h, std::string_view name, std::uint32_t tag,
                      std::uint16_t home = kHomeAny) noexcept;
    // Marks `t` complete (caller has it RUNNING, or shutdown), wakes its joiner,
    // drops the OwnedTasks reference. The caller still owns its own reference.
    void completeTask(TaskHeader* t, Outcome outcome) noexcept;
    // Destroys the frame of a RUNNING task and completes it as cancelled.
    void cancelTask(TaskHeader* t) noexcept;
    // Destroys a task's frame (its parameters and everything they own), with
    // the task as the current task so destructors are attributed to it.
    void destroyFrame(TaskHeader* t) noexcept;
    // Polls a RUNNING task once; true when it finished.
    bool pollOnce(TaskHeader* t) noexcept;

    // Timers ----------------------------------------------------------------
    bool timerRegister(TimerEntry& e, std::uint64_t deadlineNs) noexcept;
    void timerCancel(TimerEntry& e) noexcept;
    // Fires every due timer. `blocking`: wait for the lock instead of skipping.
    void processTimers(bool blocking) noexcept;

private:
    // Under idleMutex: nothing can progress without virtual time.
    bool virtuallyIdleLocked() noexcept;

    // One step of tryAdvanceVirtual (its caller holds driverTaken).
    bool advanceVirtualOnce(bool fromWorkerLoop) noexcept;

public:
    static std::uint64_t toTick(std::uint64_t ns) noexcept { return (ns + 999) / 1000; }

    // Tracing ---------------------------------------------------------------
    bool tracing() const noexcept { return observer != nullptr; }
    void emit(EventKind kind, TaskId task, std::uint64_t arg = 0, std::uint64_t arg2 = 0,
              std::uint8_t sub = 0, std::string_view text = {}) noexcept {
        if (observer) [[unlikely]] {
            Event e;
            e.time = clock.now();
            e.task = task;
            e.arg = arg;
            e.arg2 = arg2;
            e.worker = t_context.threadIndex;
            e.kind = kind;
            e.sub = sub;
            e.text = text;
            observer->onEvent(e);
        }
    }

    bool isShutdown() const noexcept { return shutdown.load(std::memory_order_acquire); }

    RuntimeConfig cfg;
    Observer* const observer;
    Clock clock;
    // Real clock with an observer: a thread samples every worker's CPU clock
    // and reports the time the OS kept it off its core in the middle of a
    // poll (HostPreempt), so that the host's noise is told apart from the
    // scenario's own durations.
    const bool hostWatchOn;
    std::thread hostWatchThread;
    std::mutex hostWatchMutex;
    std::condition_variable hostWatchCv;
    void startHostWatch();
    void stopHostWatch() noexcept;
    void hostWatchLoop();
    // The calling worker (if the watch is on) leaves or takes its core
    // without leaving its poll: a blocking sleep, a wait in a BlockingMutex.
    void offCpu(bool off) noexcept;
    std::vector<std::unique_ptr<WorkerCore>> workers;
    // RuntimeConfig::blockOnThread: the block_on thread, whose events carry
    // the index after the workers' (blockOnIndex; kNoWorker without one).
    std::unique_ptr<WorkerCore> blockOnCore;
    std::uint32_t blockOnIndex = kNoWorker;
    // Under idleMutex: the block_on thread has a task in its slot or is
    // polling one (set by whoever schedules it there, before it wakes; cleared
    // by the thread itself when it parks), and whether it is held (a compute
    // step or a BlockingMutex wait of the task it polls).
    bool blockOnAwake = false;
    unsigned blockOnHeld = 0;
    // The block_on thread reached its first park (the constructor waits for
    // it under the virtual clock, as for the workers).
    std::atomic<bool> blockOnStarted{false};
    InjectQueue inject;
    OwnedTasks owned;
    BlockingPool blocking;
    Gate gate;
    std::atomic<bool> shutdown{false};
    std::atomic<TaskId> nextId{1};
    std::atomic<std::uint64_t> spawned{0};
    std::atomic<std::uint64_t> completed{0};
    std::atomic<std::uint64_t> cancelled{0};

    // Idle bookkeeping (see the design note).
    std::atomic<std::uint32_t> numSearching{0};
    // Workers not asleep in Parker::park (it is decremented right before the
    // sleep and incremented right after): 0 means no worker can be holding a
    // task in hand, in its LIFO slot, or be firing timers.
    std::atomic<std::uint32_t> numAwake{0};
    std::atomic<std::uint32_t> numSleepers{0};
    std::mutex idleMutex;
    std::vector<unsigned> sleepers;  // guarded by idleMutex
    std::vector<char> isSleeper;     // guarded by idleMutex

    // Virtual time (time/virtual_time.cpp). A thread that cannot make
    // progress until the virtual clock moves (a compute step occupying its
    // worker, a blocking sleep on a pool thread) waits as a VirtualWaiter; a
    // thread that waits for another thread (a BlockingMutex) is "held". The
    // clock moves only when every worker is parked or held, every blocking
    // job in flight is held, no queue has work and the gate is open: then to
    // the earliest timer or waiter deadline. All guarded by idleMutex.
    struct VirtualWaiter {
        std::uint64_t deadline = 0;  // runtime ns (a CPU waiter: when it ends at the current share)
        // A compute step needs a core for `remaining` ns of work; a sleep
        // needs none and ends at `deadline` whatever else runs.
        bool cpu = false;
        std::uint64_t remaining = 0;
        std::uint8_t held = 0;  // kHeldWorker, kHeldPool, kHeldNone or kHeldBlockOn
        bool released = false;
        bool poked = false;  // asked to ask for an advance again (pokeVirtualWaiter)
        std::condition_variable cv;
    };
    std::vector<VirtualWaiter*> virtualWaiters;
    unsigned externalTimeHolds = 0;  // Runtime::holdVirtualTime(): the clock stays
    std::atomic<std::uint64_t> virtualLimitNs{UINT64_MAX};  // Runtime::limitVirtualTime()
    unsigned workersHeld = 0;   // workers waiting for time or for another thread
    unsigned blockingHeld = 0;  // blocking-pool threads likewise
    std::atomic<bool> advanceRequested{false};
    std::atomic<bool> pacingWait{false};  // the advancer waits for the wall clock
    // The calling thread is busy for `ns` of virtual time: it waits, counted
    // as held, until the clock gets there. Throws Cancelled at shutdown.
    // `cpu`: the wait is CPU work (compute), which shares cfg.cores with the
    // other compute steps running at the same time.
    void waitVirtual(std::uint64_t ns, bool cpu = false);
    // Sets each CPU waiter's deadline from the cores' share (idleMutex held).
    void shareVirtualCores() noexcept;
    // Wakes one thread waiting for virtual time to ask for an advance again
    // (after Runtime::releaseVirtualTime: nobody else may ask).
    void pokeVirtualWaiter() noexcept;
    // A worker can serve the timers now: the caller is a parking worker, or
    // one is parked (it fires them and takes what they wake).
    bool timerDriverFree(bool fromWorkerLoop) const noexcept;
    // Which count a thread's wait goes to: its worker's, the blocking pool's,
    // or none (a thread outside the runtime is not what the clock waits for).
    static constexpr std::uint8_t kHeldWorker = 0, kHeldPool = 1, kHeldNone = 2, kHeldBlockOn = 3;
    // Adds `delta` to the count a thread of kind `held` waits in (idleMutex held).
    void countHeld(std::uint8_t held, int delta) noexcept;
    std::uint8_t heldKind() const noexcept;
    // The calling thread waits for another thread (enter, which returns its
    // kind for leave) / no longer waits (leave; also on its behalf).
    std::uint8_t holdEnter() noexcept;
    void holdLeave(std::uint8_t held) noexcept;
    // Queued work a parked worker could take (the inject queue; the local
    // queues too when stealing is on).
    bool takeableWork() const noexcept;
    // Moves virtual time if nothing can progress without it; any thread may
    // call it, at any time. True when this call moved the clock.
    bool tryAdvanceVirtual(bool fromWorkerLoop = false) noexcept;
    // Shutdown: every virtual waiter wakes (and throws Cancelled).
    void releaseVirtualWaiters() noexcept;
    // Nothing can ever happen again: idle, no timer, no thread waiting for
    // time or for another thread (that is a deadlock, told apart).
    bool virtuallyQuiescent() noexcept;

    // Timer driver.
    SpinLock timerLock;
    TimerWheel wheel;  // guarded by timerLock
    std::atomic<std::size_t> timerCount{0};
    std::atomic<bool> driverTaken{false};
    int driverWorker = -1;                      // guarded by timerLock
    std::uint64_t driverWakeTick = UINT64_MAX;  // guarded by timerLock
};

// The low 32 bits of a frame's address, as events carry it.
inline std::uint32_t frameAddressBits(const void* frame) noexcept {
    return static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(frame));
}

inline Shared* sharedOf(Shared* s) noexcept {
    return s;
}

}  // namespace asyncscope::detail
