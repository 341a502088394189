// Internals of the detectors: the state of Detectors::Impl and which file
// defines what. Not a public header. The design note (rules, thresholds,
// reporting and retraction) is in asyncscope/trace/detectors.hpp; the
// bookkeeping the detectors keep is described at the top of detectors.cpp.
//
//   detectors.cpp             the feed: bookkeeping on every event, phase
//                             changes, quiescence, finish(), the findings list
//   deadlock.cpp              Deadlock: the wait-for graph and its cycles
//   stall.cpp                 Stall (and the lost wakers due at a quiescent point)
//   lost_waker.cpp            LostWaker: candidates, retraction, report
//   blocking_the_runtime.cpp  BlockingTheRuntime: a poll that ran too long
//   starvation.cpp            Starvation: runnable for too long
//   oversubscription.cpp      Oversubscription: more busy threads than cores
//   lock_convoy.cpp           LockConvoy: a lock passed down a queue
//   self_wake.cpp             SelfWakeHeavy: a task that keeps waking itself
//   messages.cpp              the message catalogue: every text a finding
//                             shows, in English and Simplified Chinese
//
// A detector decides whether there is a finding and states its facts (kind,
// time, event, tasks, threads, resources, figures); the *Text functions of the
// catalogue turn those facts into its title, what, why and fix.
#pragma once

#include <asyncscope/trace/detectors.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace asyncscope::trace {

namespace detect {

inline bool polling(TaskPhase p) noexcept {
    return p == TaskPhase::Running || p == TaskPhase::Notified;
}
inline bool aliveTask(const TaskInfo* t) noexcept {
    return t && t->phase != TaskPhase::Unknown && !isFinished(t->phase);
}

// Events whose `task` field is not a task id.
inline bool taskEvent(EventKind k) noexcept {
    switch (k) {
    case EventKind::BlockingStart:
    case EventKind::BlockingEnd:
    case EventKind::BlockingThreadStart:
    case EventKind::BlockingThreadExit:
    case EventKind::Park:
    case EventKind::Unpark:
    case EventKind::Count: return false;
    default: return true;
    }
}

// A runnable task waiting in one worker's local queue or LIFO slot (not in the
// global queue): a starvation finding names that worker.
// Lists `id` once among the tasks a finding (or a convoy) names; a group
// names at most its first 64.
inline void listTask(std::vector<std::uint32_t>& tasks, std::uint32_t id) {
    if (tasks.size() < 64 && std::find(tasks.begin(), tasks.end(), id) == tasks.end())
        tasks.push_back(id);
}

inline bool queuedOnWorker(const TaskInfo* t) noexcept {
    return t && t->worker != kNoThread && !(t->worker & kBlockingFlag) &&
           (t->queue == QueueKind::Local || t->queue == QueueKind::LifoSlot);
}

struct Edge {
    TaskId from, to;
    WaitKind kind = WaitKind::None;    // Mutex, BlockingMutex, Join; None: "needs a worker"
    ResourceId resource;               // Mutex, BlockingMutex: the lock
    std::uint16_t worker = kNoThread;  // BlockingMutex: the blocked worker
};

// What the edges of a deadlock's cycle are (each shape is told differently).
struct DeadlockShape {
    bool hasWorkerEdge = false, hasBlocking = false, hasMutex = false, hasJoin = false;
};

// Bilingual pieces of text (messages.cpp).
std::string num(double v, const char* f);
std::string dur(std::uint64_t ns, bool zh);  // "1.5 ms" / "1.5 毫秒"
std::string at(std::uint64_t ns, bool zh);   // "t = 1.5 ms"
std::string threadName(std::uint16_t code, bool zh);
std::string upperFirst(std::string s);

}  // namespace detect

struct Detectors::Impl {
    using Edge = detect::Edge;
    using DeadlockShape = detect::DeadlockShape;
    using BlockedWorkers = std::vector<std::pair<std::uint16_t, TaskId>>;  // (worker, task)

    // The detectors' own bookkeeping is indexed by the records' raw task ids
    // (tracks[r.task]), and a Finding lists raw ids; what they read from the
    // RuntimeState is typed (ids.hpp).
    struct TaskTrack {
        TaskPhase phase = TaskPhase::Unknown;
        WaitTarget sticky;
        std::uint64_t schedSince = 0;
        std::uint64_t pollsAtSched = 0;
        std::size_t schedIndex = 0;
        bool starvePending = false;
        bool starveOpen = false;  // reported while still waiting: its wait is not over
        bool woken = false;       // woken or spawned, its Schedule not seen yet
        bool lost = false;        // lost-waker candidate
        std::uint64_t lostTime = 0;
        std::size_t lostIndex = 0;
        std::uint32_t lostPoint = 0;
        std::uint16_t lostWorker = kNoThread;
        std::uint64_t lostSerial = 0;  // its finding, once reported
        bool selfWakeReported = false;
    };
    struct Poll {
        bool active = false;
        std::uint32_t task = 0;
        std::uint64_t start = 0;
        std::size_t index = 0;
        std::uint32_t blockingLock = 0;  // contended BlockingMutex during this poll
        std::uint64_t stolen = 0;        // the OS kept the worker off its core (HostPreempt)
    };
    // Repeats of one problem by tasks of the same name (a spawn site) update
    // one finding instead of adding thousands.
    struct Aggregate {
        std::uint64_t serial = 0;
        LocalizedText baseWhat;
        std::uint64_t count = 0;
        std::uint64_t longest = 0;
        std::set<std::uint32_t> tasks;
        // Every occurrence's duration, for the median of a group (bounded:
        // past kMaxKept, every other one is kept, then every fourth, ...).
        std::vector<std::uint64_t> durations;
        std::uint64_t keepEvery = 1;
        std::uint64_t sampled = 0;  // durations offered to the sample
        // One occurrence by `task`, lasting `d` (count() alone: its duration
        // is not known yet, duration() gives it later).
        void add(std::uint32_t task, std::uint64_t d) {
            count1(task);
            duration(d);
        }
        void count1(std::uint32_t task);
        void duration(std::uint64_t d);
        std::uint64_t median() const;
    };
    struct Convoy {
        std::uint64_t streak = 0;
        std::uint64_t best = 0;
        std::size_t maxQueue = 0;
        std::vector<std::uint32_t> tasks;
        std::uint64_t serial = 0;
        std::uint64_t episodes = 0;
        bool reportedThisEpisode = false;
    };
    struct Oversub {
        bool in = false;          // busy > cores now
        std::uint64_t start = 0;  // of the part of this episode not yet counted
        bool reported = false;    // this episode reached the threshold
        // aggregate over the run
        std::uint64_t serial = 0;
        std::uint64_t firstStart = 0;
        std::uint64_t totalNs = 0;  // closed episodes
        unsigned runPeak = 0;
        unsigned peakWorkers = 0, peakBlocking = 0;
        std::vector<std::uint16_t> peakThreads;
        std::uint64_t episodes = 0;
    };

    Impl(const Trace& t, DetectorOptions o);

    template <class Info>
    static unsigned coresOf(const Info& info) {
        if constexpr (requires { info.cores; })
            return static_cast<unsigned>(info.cores);
        else
            return 0;
    }

    const Trace& trace;
    DetectorOptions opt;
    unsigned cores = 1;

    std::vector<Finding> found;
    std::vector<std::uint64_t> serials;  // parallel to `found`
    std::uint64_t nextSerial = 1;

    std::vector<TaskTrack> tracks;
    std::vector<Poll> polls;  // by worker
    std::size_t activePolls = 0;
    std::size_t runnable = 0;  // tasks Scheduled
    std::size_t running = 0;   // tasks Running or Notified (a poll that returned Ready stays
                               // Running until its Complete / Error event)
    std::size_t wokenCount = 0;
    std::set<std::pair<std::uint64_t, std::uint32_t>> pendingStarve;  // not yet reported
    std::deque<std::pair<std::size_t, std::uint32_t>> recentPolls;    // (event index, task)
    std::set<std::uint32_t> pendingJobs;
    std::vector<std::uint32_t> blockingJob;  // by blocking thread index: running job
    unsigned busyBlocking = 0;
    // Threads in a poll or a job that gave up their core (a blocking sleep,
    // a wait in lock() of a blocking mutex): not busy for oversubscription.
    std::set<std::uint16_t> offCpu;
    unsigned offCpuBusy() const;
    // The host's share (real clock): what the OS took from workers in the
    // middle of polls, and the long polls it excused.
    struct Host {
        std::uint64_t totalNs = 0;
        std::uint64_t excused = 0;  // polls over the threshold only because of it
        std::uint64_t longestNs = 0;
        std::uint16_t longestWorker = 0;
        std::uint32_t longestTask = 0;
        std::uint64_t longestPollNs = 0;
        std::uint64_t longestAt = 0;
        std::uint64_t serial = 0;
    } host;
    // A poll of `d` ns that ended (or is still running at the end): blocking,
    // or the host's doing when without the stolen time it is short.
    void longPoll(const RuntimeState& s, const Record& r, std::size_t index, const Poll& p,
                  std::uint16_t worker, std::uint64_t d, std::uint32_t point, bool ended);
    void hostText(Finding& f, const RuntimeState& s) const;
    std::set<std::uint32_t> lostCandidates;

    std::set<std::vector<std::uint32_t>> deadlockKeys;
    std::set<std::uint32_t> deadlockTasks;
    std::map<std::pair<std::uint64_t, std::uint32_t>, Aggregate>
        blockingAgg;                               // (group, await point)
    std::map<std::uint64_t, Aggregate> starveAgg;  // group
    // (task name, message without the task's own name in front)
    std::map<std::pair<std::uint64_t, std::string>, Aggregate> failedAgg;
    std::map<std::uint32_t, Convoy> convoys;
    Oversub over;
    bool quiet = false;
    bool finished = false;
    bool runEnded = false;  // a RunEnd record was seen: the shutdown follows
    std::uint64_t stallSerial = 0;

    // The feed, the findings list, bookkeeping (detectors.cpp) -----------------
    void onEvent(const RuntimeState& s, const Record& r, std::size_t index);
    void phaseChange(const RuntimeState& s, const Record& r, std::size_t index, std::uint32_t id,
                     TaskPhase from, TaskPhase to);
    void setWoken(std::uint32_t id, bool on);
    std::vector<Finding> finish(const RuntimeState& s);
    std::vector<Finding> sorted() const;
    // sorted(), and the polls still running past the threshold at `now`.
    std::vector<Finding> soFar(const RuntimeState& s, std::uint64_t now) const;
    std::uint64_t add(Finding f);
    Finding* get(std::uint64_t serial);
    void retract(std::uint64_t serial);
    unsigned workerCount(const RuntimeState& s) const;  // the workers (not the block_on thread)
    bool isBlockOnThread(const RuntimeState& s, std::uint16_t worker) const;
    TaskTrack& track(std::uint32_t id);
    Poll& pollOf(std::uint16_t worker);
    // What a task waits on: the Reducer's wait, else its last wait event.
    WaitTarget waitOf(const RuntimeState& s, TaskId id) const;
    TaskId holderOf(const RuntimeState& s, ResourceId lock) const;

    // The detectors (one file each) ---------------------------------------------
    // deadlock.cpp
    bool edgeOf(const RuntimeState& s, TaskId id, Edge& e) const;
    void checkCycle(const RuntimeState& s, TaskId start, const Record& r, std::size_t index);
    void checkWorkersBlocked(const RuntimeState& s, const Record& r, std::size_t index);
    void reportDeadlock(const RuntimeState& s, const std::vector<Edge>& path,
                        const BlockedWorkers& blocked, const Record& r, std::size_t index);
    // stall.cpp
    bool explained(const RuntimeState& s, TaskId id, std::vector<std::uint8_t>& memo) const;
    void onQuiescent(const RuntimeState& s, const Record& r, std::size_t index);
    // lost_waker.cpp
    void noteLostCandidate(const RuntimeState& s, const Record& r, std::size_t index,
                           const TaskInfo* t);
    void reportLost(std::uint32_t id, TaskTrack& tt);
    void clearLost(std::uint32_t id);
    // blocking_the_runtime.cpp
    void reportBlocking(const RuntimeState& s, const Record& r, std::size_t index, const Poll& p,
                        std::uint16_t worker, std::uint64_t d, std::uint32_t point, bool ended);
    // starvation.cpp
    // A task reported while still waiting was polled (or the run ended):
    // its whole wait goes into its group's figures.
    void starvationEnded(const RuntimeState& s, std::uint32_t id, std::uint64_t waited);
    void reportStarvation(const RuntimeState& s, const Record& r, std::size_t index,
                          std::uint32_t id, std::uint64_t since, std::uint64_t others,
                          bool stillWaiting);
    void checkStarvation(const RuntimeState& s, const Record& r, std::size_t index);
    // oversubscription.cpp
    void updateOversubscription(const RuntimeState& s, const Record& r, std::size_t index);
    void fillOversubscription(Finding& f);
    // lock_convoy.cpp
    void onLockAcquire(const RuntimeState& s, const Record& r, std::size_t index,
                       const WaitTarget& before);
    void fillConvoy(Finding& f, const LockInfo& l, const Convoy& c);
    // self_wake.cpp
    void checkSelfWake(const RuntimeState& s, const Record& r, std::size_t index, std::uint32_t id,
                       bool atEnd);

    // The message catalogue (messages.cpp) --------------------------------------
    bool named(std::uint32_t id) const;
    // "'name'" or "#id"
    std::string q(std::uint32_t id) const;
    // A resource by its scenario name ("'acct_c'"), or "#id" when the
    // recording does not name it.
    std::string res(std::uint64_t id) const;
    // "task 'name'" / "任务 'name'"
    std::string task(std::uint32_t id, bool zh) const;
    std::string task(TaskId id, bool zh) const { return task(id.value(), zh); }
    // "'a', 'b' and 3 more"; tasks sharing a name are told apart by id.
    std::string list(const std::vector<std::uint32_t>& ids, std::size_t total, bool zh) const;
    // The tasks of one name: "named 'x'" / "名为 'x' 的".
    // Tasks of one spawn site: a scenario's template, else one name. The key
    // is (1 << 32 | template index) or the name's string index.
    static std::uint64_t groupKey(const TaskInfo* t);
    std::string group(std::uint64_t key, bool zh) const;
    std::string describeWait(const RuntimeState& s, TaskId id, bool zh) const;
    void deadlockText(Finding& f, const std::vector<Edge>& path, const BlockedWorkers& blocked,
                      const std::vector<std::uint32_t>& key, const DeadlockShape& shape) const;
    void stallText(Finding& f, const RuntimeState& s, const std::vector<std::uint32_t>& stuck,
                   std::size_t explainedCount, std::uint64_t time) const;
    void lostWakerText(Finding& f, std::uint32_t id, const TaskTrack& tt) const;
    void blockingText(Finding& f, const Poll& p, std::uint16_t worker, std::uint64_t d,
                      std::uint32_t point, bool ended, std::uint64_t end,
                      const std::vector<std::uint32_t>& waiting, std::size_t waitingTotal,
                      std::size_t polledElsewhere) const;
    LocalizedText blockingRepeatText(const Aggregate& agg, std::uint64_t groupKey) const;
    void onTaskFailed(const RuntimeState& s, const Record& r, std::size_t index);
    void failedText(Finding& f, const Aggregate& agg, std::uint64_t groupKey,
                    const std::string& message) const;
    LocalizedText blockingGroupTitle(const Aggregate& agg, std::uint64_t groupKey) const;
    LocalizedText starvationGroupTitle(const Aggregate& agg, std::uint64_t groupKey) const;
    void starvationText(Finding& f, const TaskInfo* t, std::uint32_t id, std::uint64_t since,
                        std::uint64_t waited, std::uint64_t others, bool stillWaiting,
                        const std::vector<std::uint32_t>& ran) const;
    LocalizedText starvationRepeatText(const Aggregate& agg, std::uint64_t groupKey) const;
    void oversubText(Finding& f) const;
    void convoyText(Finding& f, const LockInfo& l, const Convoy& c) const;
    void selfWakeText(Finding& f, const TaskInfo* t, std::uint32_t id, std::uint64_t time,
                      bool atEnd) const;
};

}  // namespace asyncscope::trace
