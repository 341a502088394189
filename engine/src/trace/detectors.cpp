// Detectors (see the design note in detectors.hpp).
//
// Bookkeeping kept here, next to the Reducer's RuntimeState:
//   - each task's phase as last seen, so phase changes (always those of the
//     event's own task) keep O(1) counters of runnable tasks and an ordered
//     set of queued tasks (starvation, "runnable meanwhile");
//   - the poll in flight on each worker (blocking polls, busy threads);
//   - the last wait event of each task ("sticky" wait): the Reducer forgets a
//     task's wait when it is polled again, but a task woken spuriously and
//     re-polled is still queued on its resource and its wait event is not
//     repeated. The sticky wait ends with a wake from that kind of resource,
//     the acquisition, or the task's end; it only ever *suppresses* a
//     lost-waker report and describes waits in stall reports;
//   - submitted spawn_blocking jobs not yet ended, tasks woken (or spawned)
//     whose Schedule event has not arrived yet: the runtime is not
//     quiescent while any exist.
#include <asyncscope/trace/detectors.hpp>

#include <algorithm>
#include <cstdio>
#include <deque>
#include <map>
#include <set>
#include <thread>
#include <unordered_map>
#include <utility>

namespace asyncscope::trace {

std::string_view toString(FindingKind kind) noexcept {
    switch (kind) {
    case FindingKind::Deadlock: return "deadlock";
    case FindingKind::Stall: return "stall";
    case FindingKind::LostWaker: return "lost_waker";
    case FindingKind::BlockingTheRuntime: return "blocking_the_runtime";
    case FindingKind::Starvation: return "starvation";
    case FindingKind::Oversubscription: return "oversubscription";
    case FindingKind::LockConvoy: return "lock_convoy";
    case FindingKind::SelfWakeHeavy: return "self_wake_heavy";
    case FindingKind::Count: break;
    }
    return "?";
}

bool isInformational(FindingKind kind) noexcept {
    return kind == FindingKind::SelfWakeHeavy;
}

namespace {

bool polling(TaskPhase p) noexcept {
    return p == TaskPhase::Running || p == TaskPhase::Notified;
}
bool aliveTask(const TaskInfo* t) noexcept {
    return t && t->phase != TaskPhase::Unknown && !isFinished(t->phase);
}

// Events whose `task` field is not a task id.
bool taskEvent(EventKind k) noexcept {
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

std::string num(double v, const char* f) {
    char b[64];
    std::snprintf(b, sizeof b, f, v);
    return b;
}

std::string dur(std::uint64_t ns, bool zh) {
    if (ns >= 1'000'000'000) return num(static_cast<double>(ns) / 1e9, zh ? "%.2f 秒" : "%.2f s");
    if (ns >= 1'000'000) return num(static_cast<double>(ns) / 1e6, zh ? "%.1f 毫秒" : "%.1f ms");
    if (ns >= 1'000) return num(static_cast<double>(ns) / 1e3, zh ? "%.0f 微秒" : "%.0f µs");
    return std::to_string(ns) + (zh ? " 纳秒" : " ns");
}
std::string at(std::uint64_t ns, bool zh) {
    return "t = " + dur(ns, zh);
}

std::string threadName(std::uint16_t code, bool zh) {
    if (code & kBlockingFlag)
        return (zh ? "阻塞线程 " : "blocking thread ") + std::to_string(code & ~kBlockingFlag);
    return (zh ? "工作线程 " : "worker ") + std::to_string(code);
}

std::string upperFirst(std::string s) {
    if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
    return s;
}

struct Edge {
    std::uint32_t from = 0, to = 0;
    WaitKind kind = WaitKind::None;  // Mutex, BlockingMutex, Join; None: "needs a worker"
    std::uint32_t resource = 0;
    std::uint16_t worker = kNoThread;  // BlockingMutex: the blocked worker
};

struct WaitRef {
    WaitKind kind = WaitKind::None;
    std::uint32_t on = 0;
};

}  // namespace

struct Detectors::Impl {
    struct TaskTrack {
        TaskPhase phase = TaskPhase::Unknown;
        WaitRef sticky;
        std::uint64_t schedSince = 0;
        std::uint64_t pollsAtSched = 0;
        std::size_t schedIndex = 0;
        bool starvePending = false;
        bool woken = false;  // woken or spawned, its Schedule not seen yet
        bool lost = false;   // lost-waker candidate
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
    };
    // Repeats of one problem by tasks of the same name (a spawn site) update
    // one finding instead of adding thousands.
    struct Aggregate {
        std::uint64_t serial = 0;
        LocalizedText baseWhat;
        std::uint64_t count = 0;
        std::uint64_t longest = 0;
        std::set<std::uint32_t> tasks;
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

    Impl(const Trace& t, DetectorOptions o) : trace(t), opt(o) {
        cores = opt.cores;
        if (!cores) cores = coresOf(trace.info());
        if (!cores) cores = std::max(1u, std::thread::hardware_concurrency());
    }

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
    std::set<std::uint32_t> lostCandidates;

    std::set<std::vector<std::uint32_t>> deadlockKeys;
    std::set<std::uint32_t> deadlockTasks;
    std::map<std::uint64_t, Aggregate> blockingAgg;  // (task name << 32 | await point)
    std::map<std::uint32_t, Aggregate> starveAgg;    // task name
    std::map<std::uint32_t, Convoy> convoys;
    Oversub over;
    bool quiet = false;
    bool finished = false;
    std::uint64_t stallSerial = 0;

    // ------------------------------------------------------------ findings --
    std::uint64_t add(Finding f) {
        found.push_back(std::move(f));
        serials.push_back(nextSerial);
        return nextSerial++;
    }
    Finding* get(std::uint64_t serial) {
        for (std::size_t i = found.size(); i-- > 0;)
            if (serials[i] == serial) return &found[i];
        return nullptr;
    }
    void retract(std::uint64_t serial) {
        for (std::size_t i = 0; i < found.size(); ++i)
            if (serials[i] == serial) {
                found.erase(found.begin() + static_cast<std::ptrdiff_t>(i));
                serials.erase(serials.begin() + static_cast<std::ptrdiff_t>(i));
                return;
            }
    }

    // --------------------------------------------------------------- names --
    bool named(std::uint32_t id) const {
        return trace.taskName(id) != "task " + std::to_string(id);
    }
    // "'name'" or "#id"
    std::string q(std::uint32_t id) const {
        return named(id) ? "'" + trace.taskName(id) + "'" : "#" + std::to_string(id);
    }
    // "task 'name'" / "任务 'name'"
    std::string task(std::uint32_t id, bool zh) const { return (zh ? "任务 " : "task ") + q(id); }
    // "'a', 'b' and 3 more"; tasks sharing a name are told apart by id.
    std::string list(const std::vector<std::uint32_t>& ids, std::size_t total, bool zh) const {
        std::string out;
        const std::size_t n = std::min(ids.size(), opt.maxListed);
        std::vector<std::string> names;
        for (std::size_t i = 0; i < n; ++i) names.push_back(q(ids[i]));
        for (std::size_t i = 0; i < n; ++i) {
            if (i) out += zh ? "、" : ", ";
            out += names[i];
            if (named(ids[i]) && std::count(names.begin(), names.end(), names[i]) > 1)
                out += " #" + std::to_string(ids[i]);
        }
        if (total > n) {
            if (zh)
                out += " 等共 " + std::to_string(total) + " 个";
            else
                out += " and " + std::to_string(total - n) + " more";
        }
        return out;
    }
    // The tasks of one name: "named 'x'" / "名为 'x' 的".
    std::string group(std::uint32_t nameIdx, bool zh) const {
        std::string_view n = trace.string(nameIdx);
        if (nameIdx == kNoString || n.empty()) return zh ? "未命名的" : "without a name";
        return zh ? "名为 '" + std::string(n) + "' 的" : "named '" + std::string(n) + "'";
    }
    unsigned workerCount(const RuntimeState& s) const {
        return std::max<unsigned>(trace.info().workers, static_cast<unsigned>(s.workers.size()));
    }

    TaskTrack& track(std::uint32_t id) {
        if (id >= tracks.size()) tracks.resize(id + 1u);
        return tracks[id];
    }
    Poll& pollOf(std::uint16_t worker) {
        if (worker >= polls.size()) polls.resize(worker + 1u);
        return polls[worker];
    }

    // ---------------------------------------------------------------- waits --
    // What a task waits on: the Reducer's wait, else its last wait event.
    WaitRef waitOf(const RuntimeState& s, std::uint32_t id) const {
        const TaskInfo* t = s.task(id);
        if (t && t->waitKind != WaitKind::None) return {t->waitKind, t->waitOn};
        if (id < tracks.size()) return tracks[id].sticky;
        return {};
    }
    std::uint32_t holderOf(const RuntimeState& s, std::uint32_t lock) const {
        auto it = s.locks.find(lock);
        return it == s.locks.end() ? 0 : it->second.holder;
    }

    std::string describeWait(const RuntimeState& s, std::uint32_t id, bool zh) const {
        const TaskInfo* t = s.task(id);
        WaitRef w = waitOf(s, id);
        const std::string on = "#" + std::to_string(w.on);
        switch (w.kind) {
        case WaitKind::Mutex:
        case WaitKind::BlockingMutex: {
            std::uint32_t h = holderOf(s, w.on);
            std::string held;
            if (h && h != id)
                held =
                    zh ? "（由" + task(h, true) + " 持有）" : " (held by " + task(h, false) + ")";
            if (w.kind == WaitKind::Mutex)
                return zh ? "在等待互斥锁 " + on + held : "waits for mutex " + on + held;
            return zh ? "阻塞在阻塞式互斥锁 " + on + " 的 lock() 中" + held
                      : "is blocked in lock() of blocking mutex " + on + held;
        }
        case WaitKind::Channel: {
            bool sending = false;
            if (auto it = s.channels.find(w.on); it != s.channels.end())
                sending =
                    std::find(it->second.waitingSenders.begin(), it->second.waitingSenders.end(),
                              id) != it->second.waitingSenders.end();
            if (sending)
                return zh ? "在等待向已满的通道 " + on + " 发送"
                          : "waits to send on full channel " + on;
            return zh ? "在等待从通道 " + on + " 接收消息" : "waits to receive from channel " + on;
        }
        case WaitKind::Semaphore:
            return zh ? "在等待信号量 " + on + " 的许可" : "waits for permits of semaphore " + on;
        case WaitKind::Notify:
            return zh ? "在等待 Notify " + on + " 的通知" : "waits on Notify " + on;
        case WaitKind::Join:
            return zh ? "在等待" + task(w.on, true) + " 结束"
                      : "waits for " + task(w.on, false) + " to finish";
        case WaitKind::Blocking:
            return zh ? "在等待 spawn_blocking 作业 " + on + " 完成"
                      : "waits for spawn_blocking job " + on;
        case WaitKind::Timer: return zh ? "在等待定时器" : "waits for a timer";
        case WaitKind::None: break;
        }
        if (t && t->phase == TaskPhase::Idle)
            return zh ? "在等待，但没有在任何地方注册唤醒器"
                      : "waits with no waker registered anywhere";
        return zh ? "处于 " + std::string(toString(t ? t->phase : TaskPhase::Unknown)) + " 状态"
                  : "is " + std::string(toString(t ? t->phase : TaskPhase::Unknown));
    }

    // ------------------------------------------------------------- deadlock --
    // The wait-for edge out of task `id` (none when it can still be freed).
    bool edgeOf(const RuntimeState& s, std::uint32_t id, Edge& e) const {
        const TaskInfo* t = s.task(id);
        if (!aliveTask(t)) return false;
        switch (t->waitKind) {
        case WaitKind::Mutex:
        case WaitKind::BlockingMutex: {
            const bool blocking = t->waitKind == WaitKind::BlockingMutex;
            // A blocked thread is stuck in lock() whatever its timers; a
            // queued async waiter with a timer (a timeout) may still leave.
            if (blocking ? !polling(t->phase) : t->timers != 0) return false;
            std::uint32_t h = holderOf(s, t->waitOn);
            if (!h || !aliveTask(s.task(h))) return false;
            e = Edge{id, h, t->waitKind, t->waitOn, blocking ? t->worker : kNoThread};
            return true;
        }
        case WaitKind::Join:
            if (t->timers != 0 || !aliveTask(s.task(t->waitOn))) return false;
            e = Edge{id, t->waitOn, WaitKind::Join, 0, kNoThread};
            return true;
        default: return false;
        }
    }

    void checkCycle(const RuntimeState& s, std::uint32_t start, const Record& r,
                    std::size_t index) {
        std::vector<Edge> path;
        std::vector<std::uint32_t> nodes{start};
        std::uint32_t cur = start;
        for (std::size_t step = 0; step <= s.tasks.size(); ++step) {
            Edge e;
            if (!edgeOf(s, cur, e)) return;
            path.push_back(e);
            if (e.to == start) {
                reportDeadlock(s, path, {}, r, index);
                return;
            }
            if (std::find(nodes.begin(), nodes.end(), e.to) != nodes.end())
                return;  // not through start
            nodes.push_back(e.to);
            cur = e.to;
        }
    }

    // Every worker blocked inside a BlockingMutex lock() whose holder is a
    // task that is not running (or is one of the blocked tasks).
    void checkWorkersBlocked(const RuntimeState& s, const Record& r, std::size_t index) {
        const unsigned n = workerCount(s);
        if (n == 0 || s.workers.size() < n) return;
        std::vector<std::pair<std::uint16_t, std::uint32_t>> blocked;  // (worker, task)
        for (unsigned i = 0; i < n; ++i) {
            const std::uint32_t id = s.workers[i].running;
            const TaskInfo* t = s.task(id);
            if (!t || !polling(t->phase) || t->waitKind != WaitKind::BlockingMutex) return;
            const std::uint32_t h = holderOf(s, t->waitOn);
            if (!h || !aliveTask(s.task(h))) return;
            blocked.emplace_back(static_cast<std::uint16_t>(i), id);
        }
        auto isBlocked = [&](std::uint32_t id) {
            for (auto& b : blocked)
                if (b.second == id) return true;
            return false;
        };
        for (auto& b : blocked) {
            const std::uint32_t h = holderOf(s, s.task(b.second)->waitOn);
            if (polling(s.task(h)->phase) && !isBlocked(h))
                return;  // the holder is running: it may release
        }
        std::uint32_t start = blocked.front().second;
        if (isBlocked(r.task)) start = r.task;
        std::vector<Edge> path;
        std::vector<std::uint32_t> nodes{start};
        std::uint32_t cur = start;
        for (std::size_t step = 0; step <= blocked.size(); ++step) {
            const TaskInfo* t = s.task(cur);
            const std::uint32_t h = holderOf(s, t->waitOn);
            path.push_back(Edge{cur, h, WaitKind::BlockingMutex, t->waitOn, t->worker});
            if (h == start) break;  // a cycle of blocked threads
            if (!isBlocked(h)) {
                path.push_back(Edge{h, start, WaitKind::None, 0, kNoThread});
                break;
            }
            if (std::find(nodes.begin(), nodes.end(), h) != nodes.end()) return;
            nodes.push_back(h);
            cur = h;
        }
        reportDeadlock(s, path, blocked, r, index);
    }

    void reportDeadlock(const RuntimeState& s, const std::vector<Edge>& path,
                        const std::vector<std::pair<std::uint16_t, std::uint32_t>>& blocked,
                        const Record& r, std::size_t index) {
        std::vector<std::uint32_t> key;
        for (const Edge& e : path) key.push_back(e.from);
        std::sort(key.begin(), key.end());
        key.erase(std::unique(key.begin(), key.end()), key.end());
        if (!deadlockKeys.insert(key).second) return;

        Finding f;
        f.kind = FindingKind::Deadlock;
        f.time = r.time;
        f.eventIndex = index;
        bool hasWorkerEdge = false, hasBlocking = false, hasMutex = false, hasJoin = false;
        for (const Edge& e : path) {
            f.tasks.push_back(e.from);
            deadlockTasks.insert(e.from);
            if (e.kind == WaitKind::Mutex || e.kind == WaitKind::BlockingMutex)
                f.resources.push_back(e.resource);
            if (e.kind == WaitKind::BlockingMutex && e.worker != kNoThread &&
                std::find(f.threads.begin(), f.threads.end(), e.worker) == f.threads.end())
                f.threads.push_back(e.worker);
            hasWorkerEdge |= e.kind == WaitKind::None;
            hasBlocking |= e.kind == WaitKind::BlockingMutex;
            hasMutex |= e.kind == WaitKind::Mutex;
            hasJoin |= e.kind == WaitKind::Join;
        }
        for (auto& b : blocked)
            if (std::find(f.threads.begin(), f.threads.end(), b.first) == f.threads.end())
                f.threads.push_back(b.first);

        // The chain, in order, in both languages.
        auto blockedList = [&](bool zh) {
            std::string out;
            for (std::size_t i = 0; i < blocked.size(); ++i) {
                if (i) out += zh ? "，" : ", ";
                out += zh ? threadName(blocked[i].first, true) + " 被" +
                                task(blocked[i].second, true) + " 占住"
                          : threadName(blocked[i].first, false) + " by " +
                                task(blocked[i].second, false);
            }
            return out;
        };
        for (bool zh : {false, true}) {
            std::string text;
            for (std::size_t i = 0; i < path.size(); ++i) {
                const Edge& e = path[i];
                std::string subject = task(e.from, zh);
                if (i == 0)
                    text += zh ? subject : upperFirst(subject);
                else if (zh)
                    text += "，而" + subject;
                else
                    text += path[i - 1].kind == WaitKind::Join ? ", while " + subject : ", which";
                const std::string res = "#" + std::to_string(e.resource);
                const std::string to = e.to == e.from ? (zh ? "它自己" : "itself") : task(e.to, zh);
                switch (e.kind) {
                case WaitKind::Mutex:
                    text += zh ? " 在等待互斥锁 " + res + "（由" + to + " 持有）"
                               : " waits for mutex " + res + " held by " + to;
                    break;
                case WaitKind::BlockingMutex:
                    text += zh ? " 在" + threadName(e.worker, true) + " 上阻塞于阻塞式互斥锁 " +
                                     res + " 的 lock()（该锁由" + to + " 持有）"
                               : " (blocked inside lock() on " + threadName(e.worker, false) +
                                     ") waits for blocking mutex " + res + " held by " + to;
                    break;
                case WaitKind::Join:
                    text += zh ? " 在等待" + to + " 结束（await 它的 JoinHandle）"
                               : " waits for " + to + " to finish (it awaits its JoinHandle)";
                    break;
                default:
                    text +=
                        zh ? " 并没有在运行：它只能由工作线程来轮询，而所有工作线程都被阻塞了（" +
                                 blockedList(true) + "）"
                           : " is not running: it can only continue when a worker polls it, "
                             "and every worker is blocked (" +
                                 blockedList(false) + ")";
                    break;
                }
            }
            text += zh ? "。" : ".";
            (zh ? f.what.zh : f.what.en) = text;
        }

        const std::size_t nTasks = key.size();
        if (hasWorkerEdge) {
            f.title = {
                "Deadlock: every worker is blocked on a blocking mutex held by a task that cannot "
                "run",
                "死锁：所有工作线程都阻塞在阻塞式互斥锁上，而持有锁的任务无法运行"};
            const std::uint32_t holder = path.back().from;
            f.why = {
                "A BlockingMutex is a thread lock (like std::sync::Mutex): lock() blocks the whole "
                "worker "
                "thread until the lock is free. " +
                    upperFirst(task(holder, false)) +
                    " took it and then suspended at an .await while still holding the guard, so it "
                    "can "
                    "only release it after a worker polls it again. But the worker threads are "
                    "stuck "
                    "inside lock(), waiting for that very lock: no worker will ever poll " +
                    q(holder) +
                    " again, and nothing else runs on them either (no task, no timer). The runtime "
                    "is "
                    "frozen, not just these tasks.",
                "BlockingMutex 是线程锁（类似 std::sync::Mutex）：lock() "
                "会阻塞整个工作线程，直到锁被释放。" +
                    task(holder, true) +
                    " 拿到了这把锁，然后在持有锁守卫（guard）的情况下在 .await "
                    "处挂起，所以只有当某个工作线程"
                    "再次轮询它时，它才能释放这把锁。可是工作线程都卡在 lock() "
                    "里等待的正是这把锁：再也没有"
                    "工作线程会轮询 " +
                    q(holder) +
                    "，这些线程上的其他任务和定时器也都无法运行。被冻结的是整个运行时，而不只是这几"
                    "个任务。"};
            f.fix = {
                "Never hold a blocking mutex guard across .await: release it before awaiting (keep "
                "the "
                "guard's scope to synchronous code), or use the async Mutex (tokio::sync::Mutex). "
                "Its "
                "lock() suspends the task instead of blocking the thread, and its guard may be "
                "held "
                "across .await: that is exactly what it is for.",
                "不要在持有阻塞式互斥锁守卫的情况下跨越 .await：在 await "
                "之前释放它（让守卫的作用域只覆盖同步代码），"
                "或者改用异步互斥锁（tokio::sync::Mutex）。它的 lock() 会挂起任务而不是阻塞线程，"
                "它的守卫也可以跨越 .await 持有——这正是异步互斥锁存在的意义。"};
        } else if (!hasJoin) {
            f.title = nTasks == 1
                          ? LocalizedText{"Deadlock: " + task(key[0], false) +
                                              " waits for a lock it holds itself",
                                          "死锁：" + task(key[0], true) + " 在等待它自己持有的锁"}
                          : LocalizedText{
                                "Deadlock: " + std::to_string(nTasks) +
                                    " tasks wait for each other's locks",
                                "死锁：" + std::to_string(nTasks) + " 个任务互相等待对方持有的锁"};
            std::string en =
                "Each task in the cycle holds a lock and waits for a lock that the next one holds. "
                "A waiter "
                "only wakes up when the holder releases, and every holder here is itself waiting, "
                "so none "
                "of these waits can ever end. ";
            std::string zh =
                "环中的每个任务都持有一把锁，同时在等待下一个任务持有的锁。等待者只有在持有者释放锁"
                "时才会被唤醒，"
                "而这里的每个持有者自己也在等待，所以这些等待永远不会结束。";
            if (hasBlocking) {
                en += "The tasks blocked in a BlockingMutex also hold their worker threads.";
                zh += "阻塞在 BlockingMutex 上的任务还同时占住了它们的工作线程。";
            } else {
                en +=
                    "The worker threads stay free, but these tasks, and everything that waits for "
                    "them, are "
                    "stuck forever: no error, no timeout.";
                zh +=
                    "工作线程本身仍然空闲，但这些任务以及所有等待它们的任务都会永远卡住：没有错误，"
                    "也没有超时。";
            }
            f.why = {en, zh};
            f.fix = {
                "Take locks in one fixed global order everywhere (e.g. always the lower-numbered "
                "mutex "
                "first), or hold only one lock at a time (copy out what you need, drop the guard, "
                "then "
                "lock the other), or put the data under a single lock. A tokio::time::timeout "
                "around "
                "lock() only turns the hang into an error.",
                "在所有地方都按同一个全局顺序加锁（例如总是先锁编号小的互斥锁），或者一次只持有一把"
                "锁"
                "（先复制出需要的数据、释放守卫，再去锁另一把），或者把这些数据放在同一把锁下。"
                "在 lock() 外面套 tokio::time::timeout 只能把卡死变成一个错误。"};
        } else {
            f.title = nTasks == 1
                          ? LocalizedText{"Deadlock: " + task(key[0], false) + " waits for itself",
                                          "死锁：" + task(key[0], true) + " 在等待它自己"}
                          : LocalizedText{"Deadlock: " + std::to_string(nTasks) +
                                              " tasks wait for each other",
                                          "死锁：" + std::to_string(nTasks) + " 个任务互相等待"};
            std::string en = "Every task in the cycle waits for the next one ";
            std::string zh = "环中的每个任务都在等待下一个任务";
            if (hasMutex || hasBlocking) {
                en += "to finish or to release a lock, ";
                zh += "结束或释放一把锁，";
            } else {
                en += "to finish (awaiting its JoinHandle), ";
                zh += "结束（await 它的 JoinHandle），";
            }
            en +=
                "and none of them can finish first: awaiting a task's JoinHandle only returns when "
                "that "
                "task completes, and it never will.";
            zh +=
                "而其中没有一个能先结束：await 一个任务的 JoinHandle "
                "只有在那个任务完成时才会返回，而它永远不会完成。";
            f.why = {en, zh};
            f.fix = {
                "Make the dependency go one way: a task must not await the JoinHandle of a task "
                "that "
                "(directly or through a lock) waits for it. Pass results through a channel or a "
                "oneshot instead, let a parent own and join the children, and release locks before "
                "awaiting another task.",
                "让依赖关系只朝一个方向：一个任务不能 await "
                "某个（直接或通过锁间接）在等待它的任务的 JoinHandle。"
                "改用通道或 oneshot 传递结果，由父任务持有并 join "
                "子任务，并在等待其他任务之前释放锁。"};
        }
        (void)s;
        add(std::move(f));
    }

    // ---------------------------------------------------------- lost waker --
    void reportLost(std::uint32_t id, TaskTrack& tt) {
        if (tt.lostSerial) return;
        Finding f;
        f.kind = FindingKind::LostWaker;
        f.time = tt.lostTime;
        f.eventIndex = tt.lostIndex;
        f.tasks = {id};
        if (tt.lostWorker != kNoThread) f.threads = {tt.lostWorker};
        const std::string point =
            tt.lostPoint ? " (await point " + std::to_string(tt.lostPoint) + ")" : "";
        const std::string pointZh =
            tt.lostPoint ? "（await 点 " + std::to_string(tt.lostPoint) + "）" : "";
        f.title = {"Lost waker: " + task(id, false) + " can never be woken",
                   "丢失唤醒：" + task(id, true) + " 永远不会被唤醒"};
        f.what = {
            "At " + at(tt.lostTime, false) + ", " + task(id, false) + " returned Pending" + point +
                " without arming a timer or registering with a lock, channel, semaphore, Notify, "
                "JoinHandle or blocking job, and nothing woke it afterwards: it was never polled "
                "again.",
            "在 " + at(tt.lostTime, true) + " 时，" + task(id, true) + " 返回了 Pending" + pointZh +
                "，但它既没有设置定时器，也没有在锁、通道、信号量、Notify、JoinHandle "
                "或阻塞作业上注册，"
                "此后也没有任何东西唤醒它：它再也没有被轮询过。"};
        f.why = {
            "The scheduler polls a task again only after its Waker is called. The Future contract: "
            "before returning Poll::Pending, a future must make sure that cx.waker() will be woken "
            "when "
            "it can make progress. This await point returned Pending without handing its waker to "
            "anyone, so the task hangs silently: no error, no CPU, whatever it owns is held "
            "forever.",
            "调度器只有在任务的 Waker 被调用之后才会再次轮询它。Future 的约定是：在返回 "
            "Poll::Pending 之前，"
            "future 必须保证在它能继续推进时 cx.waker() 会被唤醒。这个 await 点返回了 "
            "Pending，却没有把唤醒器"
            "交给任何人，所以任务会悄无声息地挂住：没有错误，也不占 "
            "CPU，它持有的资源永远不会被释放。"};
        f.fix = {
            "In the hand-written future or awaiter, store cx.waker().clone() where the event "
            "source will "
            "call wake() (update it on every poll), and check the condition again after "
            "registering so "
            "a wake cannot slip in between. Better: build it on an existing primitive "
            "(tokio::sync::Notify, "
            "a oneshot channel) that manages the waker for you.",
            "在手写的 future 或 awaiter 中，把 cx.waker().clone() 保存到事件源会调用 wake() "
            "的地方（每次轮询都要更新），"
            "并在注册之后再检查一次条件，以免唤醒恰好在两者之间发生而被错过。更好的做法是基于现成的"
            "原语"
            "（tokio::sync::Notify、oneshot 通道）来实现，由它们替你管理唤醒器。"};
        tt.lostSerial = add(std::move(f));
    }

    // Woken (or polled, scheduled): not lost; a provisional report is retracted.
    void clearLost(std::uint32_t id) {
        if (id >= tracks.size()) return;
        TaskTrack& tt = tracks[id];
        if (!tt.lost) return;
        tt.lost = false;
        lostCandidates.erase(id);
        if (tt.lostSerial) retract(std::exchange(tt.lostSerial, 0));
    }

    // ----------------------------------------------------------- blocking ---
    void reportBlocking(const RuntimeState& s, const Record& r, std::size_t index, const Poll& p,
                        std::uint16_t worker, std::uint64_t d, std::uint32_t point, bool ended) {
        const TaskInfo* culprit = s.task(p.task);
        const std::uint32_t nameIdx = culprit ? culprit->name : kNoString;
        Aggregate& agg = blockingAgg[(std::uint64_t{nameIdx} << 32) | point];
        ++agg.count;
        agg.longest = std::max(agg.longest, d);
        agg.tasks.insert(p.task);
        if (agg.serial) {
            Finding* f = get(agg.serial);
            if (!f) return;
            f->count = agg.count;
            f->durationNs = agg.longest;
            const std::string n = std::to_string(agg.count), m = std::to_string(agg.tasks.size());
            f->what = {agg.baseWhat.en + " In all, polls of tasks " + group(nameIdx, false) +
                           " at this await point ran too long " + n + " times (" + m +
                           " different task(s)); the longest lasted " + dur(agg.longest, false) +
                           ".",
                       agg.baseWhat.zh + "总计：" + group(nameIdx, true) +
                           "任务在这个 await 点上共有 " + n + " 次轮询过长（涉及 " + m +
                           " 个不同的任务），最长的一次持续了 " + dur(agg.longest, true) + "。"};
            return;
        }
        const std::uint64_t end = s.time;
        // Runnable meanwhile: still queued at the end of the poll, and picked
        // up by other workers during it.
        // Queued tasks, the blocked worker's own queues (only it, or a thief,
        // can run them; its LIFO slot cannot be stolen) first.
        std::vector<std::uint32_t> waiting;
        std::size_t waitingTotal = 0;
        auto take = [&](std::uint32_t id) {
            if (!id || id == p.task) return;
            ++waitingTotal;
            if (waiting.size() < 64) waiting.push_back(id);
        };
        if (worker < s.workers.size()) {
            take(s.workers[worker].lifo);
            for (std::uint32_t id : s.workers[worker].local) take(id);
        }
        for (std::uint32_t id : s.global) take(id);
        for (std::size_t w = 0; w < s.workers.size(); ++w) {
            if (w == worker) continue;
            take(s.workers[w].lifo);
            for (std::uint32_t id : s.workers[w].local) take(id);
        }
        std::vector<std::uint32_t> elsewhere;
        for (auto it = recentPolls.rbegin(); it != recentPolls.rend() && it->first > p.index; ++it)
            if (it->second != p.task &&
                std::find(elsewhere.begin(), elsewhere.end(), it->second) == elsewhere.end() &&
                std::find(waiting.begin(), waiting.end(), it->second) == waiting.end())
                elsewhere.push_back(it->second);

        Finding f;
        f.kind = FindingKind::BlockingTheRuntime;
        f.time = r.time;
        f.eventIndex = index;
        f.tasks.push_back(p.task);
        f.tasks.insert(f.tasks.end(), waiting.begin(), waiting.end());
        f.threads = {worker};
        if (p.blockingLock) f.resources = {p.blockingLock};
        f.durationNs = d;
        f.count = 1;
        const std::string pt = point ? " (await point " + std::to_string(point) + ")" : "";
        const std::string ptZh = point ? "（await 点 " + std::to_string(point) + "）" : "";
        const std::string lockRes = "#" + std::to_string(p.blockingLock);
        f.title = {"Blocking the runtime: " + task(p.task, false) + " held " +
                       threadName(worker, false) + " for " + dur(d, false),
                   "阻塞运行时：" + task(p.task, true) + " 占用" + threadName(worker, true) +
                       " 达 " + dur(d, true)};
        std::string en =
            "One poll of " + task(p.task, false) + pt + " ran for " + (ended ? "" : "at least ") +
            dur(d, false) + " on " + threadName(worker, false) + ", from " + at(p.start, false) +
            (ended ? " to " + at(end, false) : " until the end of the trace (still running)");
        std::string zh = task(p.task, true) + (point ? ptZh : " ") + "的一次轮询在" +
                         threadName(worker, true) + " 上运行了 " + (ended ? "" : "至少 ") +
                         dur(d, true) + "，从 " + at(p.start, true) +
                         (ended ? " 到 " + at(end, true) : " 一直到记录结束（仍在运行）");
        if (p.blockingLock) {
            en += "; it was blocked inside lock() of blocking mutex " + lockRes;
            zh += "；它阻塞在阻塞式互斥锁 " + lockRes + " 的 lock() 里";
        }
        en += ".";
        zh += "。";
        if (waitingTotal) {
            en += " Meanwhile " + std::to_string(waitingTotal) +
                  " task(s) were ready to run but waited in a queue: " +
                  list(waiting, waitingTotal, false) + ".";
            zh += "与此同时，有 " + std::to_string(waitingTotal) +
                  " 个任务已经可以运行，却只能在队列里等待：" + list(waiting, waitingTotal, true) +
                  "。";
        } else {
            en += " No other task was left waiting in a queue when it ended.";
            zh += "它结束时，没有其他任务还在队列中等待。";
        }
        if (!elsewhere.empty()) {
            en += " " + std::to_string(elsewhere.size()) +
                  " other task(s) were polled by other workers meanwhile.";
            zh += "其间另有 " + std::to_string(elsewhere.size()) + " 个任务由其他工作线程轮询。";
        }
        f.what = {en, zh};
        agg.baseWhat = f.what;
        f.why = {
            "A Tokio worker thread runs one task's poll at a time, and a poll should return within "
            "about 10-100 µs. A blocking call inside async code (std::thread::sleep, a blocking "
            "lock, "
            "synchronous file or network I/O, a long computation) holds the worker thread: the "
            "tasks "
            "queued on it wait, its timers fire late, and on a current-thread runtime everything "
            "stops.",
            "Tokio 的工作线程一次只运行一个任务的一次轮询，而一次轮询应该在大约 10-100 微秒内返回。"
            "在异步代码里调用阻塞操作（std::thread::sleep、阻塞锁、同步的文件或网络 "
            "I/O、长时间计算）"
            "会一直占住工作线程：排在它上面的任务只能等待，它的定时器会迟到，在单线程（current-"
            "thread）"
            "运行时上则一切都会停下来。"};
        if (p.blockingLock)
            f.fix = {
                "Use the async Mutex (tokio::sync::Mutex), whose lock() suspends the task instead "
                "of "
                "blocking the thread; if a blocking lock must stay, hold it only for short "
                "synchronous "
                "sections and never across .await. Move other blocking work to "
                "tokio::task::spawn_blocking.",
                "改用异步互斥锁（tokio::sync::Mutex），它的 lock() "
                "会挂起任务而不是阻塞线程；如果必须保留阻塞锁，"
                "只在很短的同步代码段中持有它，绝不要跨越 .await。其他阻塞工作请移到 "
                "tokio::task::spawn_blocking。"};
        else
            f.fix = {
                "Move the blocking call to tokio::task::spawn_blocking (or a dedicated thread; "
                "rayon for "
                "CPU-heavy work), or use the async alternative (tokio::time::sleep, "
                "tokio::sync::Mutex, "
                "tokio::fs and async I/O). Split long computations into chunks with "
                "tokio::task::yield_now().await between them.",
                "把阻塞调用移到 tokio::task::spawn_blocking（或专门的线程；CPU 密集的工作可用 "
                "rayon），"
                "或者使用异步的替代品（tokio::time::sleep、tokio::sync::Mutex、tokio::fs 和异步 "
                "I/O）。"
                "把长时间的计算拆成小块，在块与块之间调用 tokio::task::yield_now().await。"};
        agg.serial = add(std::move(f));
    }

    // --------------------------------------------------------- starvation ---
    void reportStarvation(const RuntimeState& s, const Record& r, std::size_t index,
                          std::uint32_t id, std::uint64_t since, std::uint64_t others,
                          bool stillWaiting) {
        const std::uint64_t now = s.time;
        const std::uint64_t waited = now - since;
        const TaskInfo* t = s.task(id);
        const std::uint32_t nameIdx = t ? t->name : kNoString;
        Aggregate& agg = starveAgg[nameIdx];
        ++agg.count;
        agg.longest = std::max(agg.longest, waited);
        agg.tasks.insert(id);
        if (agg.serial) {
            Finding* f = get(agg.serial);
            if (!f) return;
            if (f->tasks.size() < 64 &&
                std::find(f->tasks.begin(), f->tasks.end(), id) == f->tasks.end())
                f->tasks.push_back(id);
            f->count = agg.count;
            f->durationNs = agg.longest;
            const std::string n = std::to_string(agg.count), m = std::to_string(agg.tasks.size());
            f->what = {agg.baseWhat.en + " In all, tasks " + group(nameIdx, false) +
                           " waited more than " + dur(opt.starvationNs, false) + " to be polled " +
                           n + " times (" + m + " different task(s)); the longest wait was " +
                           dur(agg.longest, false) + ".",
                       agg.baseWhat.zh + "总计：" + group(nameIdx, true) + "任务共有 " + n +
                           " 次等待超过 " + dur(opt.starvationNs, true) + " 才被轮询（涉及 " + m +
                           " 个不同的任务），最长的一次等了 " + dur(agg.longest, true) + "。"};
            return;
        }
        // The tasks polled meanwhile (the most recent ones).
        std::vector<std::uint32_t> ran;
        const std::size_t from = id < tracks.size() ? tracks[id].schedIndex : 0;
        std::size_t scanned = 0;
        for (auto it = recentPolls.rbegin();
             it != recentPolls.rend() && it->first > from && ran.size() < 64 && scanned < 1024;
             ++it, ++scanned)
            if (it->second != id && std::find(ran.begin(), ran.end(), it->second) == ran.end())
                ran.push_back(it->second);
        std::reverse(ran.begin(), ran.end());
        Finding f;
        f.kind = FindingKind::Starvation;
        f.time = r.time;
        f.eventIndex = index;
        f.tasks.push_back(id);
        f.durationNs = waited;
        std::string where = "a run queue", whereZh = "运行队列";
        if (t && t->worker != kNoThread && !(t->worker & kBlockingFlag) &&
            t->queue != QueueKind::Global) {
            f.threads = {t->worker};
            where =
                (t->queue == QueueKind::LifoSlot ? "the LIFO slot of " : "the local queue of ") +
                threadName(t->worker, false);
            whereZh = threadName(t->worker, true) +
                      (t->queue == QueueKind::LifoSlot ? " 的 LIFO 槽" : " 的本地队列");
        } else if (t && t->queue == QueueKind::Global) {
            where = "the global (inject) queue";
            whereZh = "全局（注入）队列";
        }
        f.title = {"Starvation: " + task(id, false) + " waited " + dur(waited, false) + " to run",
                   "饥饿：" + task(id, true) + " 等了 " + dur(waited, true) + " 才轮到运行"};
        f.what = {upperFirst(task(id, false)) + " became runnable at " + at(since, false) +
                      " (in " + where + ") and " +
                      (stillWaiting ? "had still not been polled " : "was polled only ") +
                      dur(waited, false) + " later, while " + std::to_string(others) +
                      " poll(s) of other tasks ran: " + list(ran, ran.size(), false) + ".",
                  task(id, true) + " 在 " + at(since, true) + " 时已经可以运行（在" + whereZh +
                      "中），但" +
                      (stillWaiting ? "过了 " + dur(waited, true) + " 仍然没有被轮询"
                                    : "直到 " + dur(waited, true) + " 之后才被轮询") +
                      "；与此同时，其他任务被轮询了 " + std::to_string(others) + " 次：" +
                      list(ran, ran.size(), true) + "。"};
        f.why = {
            "Being runnable is not running: a task waits in a queue until a worker picks it. "
            "Tokio's "
            "scheduler is not strictly fair: a worker prefers its LIFO slot and its local queue "
            "and "
            "looks at the global queue only periodically (every 61 polls by default), and long "
            "polls or a flood of ready tasks "
            "on a worker make the wait grow far beyond the task's own work: latency spikes, missed "
            "deadlines, timeouts.",
            "可以运行并不等于正在运行：任务要在队列里等到某个工作线程来取它。Tokio "
            "的调度器并不是严格公平的："
            "工作线程优先运行自己的 LIFO 槽和本地队列，只是周期性地（默认每 61 "
            "次轮询）才看一次全局队列；一次轮询耗时过长，"
            "或者某个工作线程上积压了大量就绪任务，都会让等待时间远远超过任务本身的工作量：延迟尖峰"
            "、错过截止时间、超时。"};
        f.fix = {
            "Keep every poll short (move CPU-heavy or blocking work to spawn_blocking), limit how "
            "many "
            "tasks become ready at once (a Semaphore, bounded channels, a capped JoinSet), add "
            "worker "
            "threads if cores are idle, and call tokio::task::yield_now().await inside long loops "
            "so "
            "other tasks get a turn.",
            "让每次轮询都保持简短（把 CPU 密集或阻塞的工作移到 "
            "spawn_blocking），限制同时就绪的任务数量"
            "（Semaphore、有界通道、限制大小的 "
            "JoinSet），在有空闲核心时增加工作线程，并在长循环中调用 "
            "tokio::task::yield_now().await，让其他任务也有机会运行。"};
        agg.baseWhat = f.what;
        agg.serial = add(std::move(f));
    }

    void checkStarvation(const RuntimeState& s, const Record& r, std::size_t index) {
        while (!pendingStarve.empty()) {
            auto [since, id] = *pendingStarve.begin();
            if (s.time - since <= opt.starvationNs) break;
            TaskTrack& tt = tracks[id];
            const std::uint64_t others = s.polls - tt.pollsAtSched;
            if (others == 0) break;  // nobody ran since: later entries neither
            pendingStarve.erase(pendingStarve.begin());
            tt.starvePending = false;
            reportStarvation(s, r, index, id, since, others, true);
        }
    }

    // ---------------------------------------------------- oversubscription --
    void oversubText(Finding& f) {
        const std::uint64_t total = over.totalNs;
        f.count = over.runPeak;
        f.durationNs = total;
        f.threads = over.peakThreads;
        f.title = {"Oversubscription: " + std::to_string(over.runPeak) + " busy threads on " +
                       std::to_string(cores) + " cores",
                   "超额订阅：" + std::to_string(cores) + " 个核心上有 " +
                       std::to_string(over.runPeak) + " 个忙碌线程"};
        std::string en = "From " + at(over.firstStart, false) +
                         ", more threads were busy than the machine has "
                         "cores (" +
                         std::to_string(cores) + ") for " + dur(total, false) + ": up to " +
                         std::to_string(over.runPeak) + " at once (" +
                         std::to_string(over.peakWorkers) + " worker(s) polling and " +
                         std::to_string(over.peakBlocking) + " blocking thread(s) running jobs).";
        std::string zh = "从 " + at(over.firstStart, true) + " 起，忙碌线程数超过了机器的核心数（" +
                         std::to_string(cores) + "），累计 " + dur(total, true) +
                         "：同一时刻最多 " + std::to_string(over.runPeak) + " 个（" +
                         std::to_string(over.peakWorkers) + " 个工作线程在轮询，" +
                         std::to_string(over.peakBlocking) + " 个阻塞线程在运行作业）。";
        if (over.episodes > 1) {
            en += " It happened " + std::to_string(over.episodes) + " times.";
            zh += "共发生了 " + std::to_string(over.episodes) + " 次。";
        }
        f.what = {en, zh};
        f.why = {
            "Threads beyond the number of cores cannot run at the same time: the OS time-slices "
            "them, so "
            "every poll and every job takes longer in wall time, and context switches and cache "
            "misses "
            "add overhead. Tokio sizes its worker pool to the cores; spawn_blocking threads (up to "
            "512 "
            "by default) come on top of it and compete with the workers for the CPUs.",
            "超出核心数的线程无法同时运行：操作系统只能让它们轮流使用 "
            "CPU，于是每次轮询、每个作业在墙钟时间上"
            "都变得更慢，上下文切换和缓存失效还会带来额外开销。Tokio 按核心数设置工作线程池的大小；"
            "spawn_blocking 的线程（默认最多 512 个）是额外的，会和工作线程争抢 CPU。"};
        f.fix = {
            "Bound the number of concurrent blocking jobs (wrap spawn_blocking in a Semaphore, or "
            "use a "
            "fixed-size pool such as rayon for CPU work), keep worker_threads at or below the core "
            "count, and keep spawn_blocking for calls that wait rather than for many CPU-heavy "
            "jobs at "
            "once.",
            "限制同时运行的阻塞作业数量（用 Semaphore 包住 spawn_blocking，或者对 CPU "
            "密集的工作使用 rayon "
            "这样固定大小的线程池），让 worker_threads 不超过核心数，并且把 spawn_blocking "
            "留给等待型的阻塞调用，"
            "而不是一次性提交大量 CPU 密集的作业。"};
    }

    void updateOversubscription(const RuntimeState& s, const Record& r, std::size_t index) {
        const unsigned busy = static_cast<unsigned>(activePolls) + busyBlocking;
        const std::uint64_t now = s.time;
        if (busy > cores) {
            if (!over.in) {
                over.in = true;
                over.start = now;
                over.reported = false;
            }
            if (busy > over.runPeak) {
                over.runPeak = busy;
                over.peakWorkers = static_cast<unsigned>(activePolls);
                over.peakBlocking = busyBlocking;
                over.peakThreads.clear();
                for (std::size_t w = 0; w < polls.size(); ++w)
                    if (polls[w].active) over.peakThreads.push_back(static_cast<std::uint16_t>(w));
                for (std::size_t b = 0; b < blockingJob.size(); ++b)
                    if (blockingJob[b])
                        over.peakThreads.push_back(static_cast<std::uint16_t>(kBlockingFlag | b));
                if (over.serial)
                    if (Finding* f = get(over.serial)) oversubText(*f);
            }
            if (!over.reported && now - over.start >= opt.oversubscriptionNs) {
                over.reported = true;
                ++over.episodes;
                if (!over.serial) {
                    over.firstStart = over.start;
                    Finding f;
                    f.kind = FindingKind::Oversubscription;
                    f.time = r.time;
                    f.eventIndex = index;
                    over.totalNs += now - over.start;
                    over.start = now;  // the rest of the episode is added when it ends
                    oversubText(f);
                    over.serial = add(std::move(f));
                } else if (Finding* f = get(over.serial)) {
                    over.totalNs += now - over.start;
                    over.start = now;
                    oversubText(*f);
                }
            }
        } else if (over.in) {
            over.in = false;
            if (over.reported) {
                over.totalNs += now - over.start;
                if (Finding* f = get(over.serial)) oversubText(*f);
            }
        }
    }

    // ---------------------------------------------------------- lock convoy --
    void onLockAcquire(const RuntimeState& s, const Record& r, std::size_t index,
                       const WaitRef& before) {
        auto it = s.locks.find(r.arg);
        if (it == s.locks.end()) return;
        const LockInfo& l = it->second;
        const bool wasWaiter =
            (before.kind == WaitKind::Mutex || before.kind == WaitKind::BlockingMutex) &&
            before.on == r.arg;
        const std::size_t queue = l.waiters.size() + (wasWaiter ? 1 : 0);
        Convoy& c = convoys[r.arg];
        if (wasWaiter && queue >= opt.convoyMinWaiters) {
            ++c.streak;
            c.maxQueue = std::max(c.maxQueue, queue);
            if (c.tasks.size() < 64 &&
                std::find(c.tasks.begin(), c.tasks.end(), r.task) == c.tasks.end())
                c.tasks.push_back(r.task);
        } else if (queue < opt.convoyMinWaiters) {
            c.streak = 0;
            c.reportedThisEpisode = false;
            return;
        } else {
            return;  // a barging acquisition with a queue still there
        }
        c.best = std::max(c.best, c.streak);
        if (c.streak < opt.convoyHandoffs) return;
        if (!c.reportedThisEpisode) {
            c.reportedThisEpisode = true;
            ++c.episodes;
        }
        if (!c.serial) {
            Finding f;
            f.kind = FindingKind::LockConvoy;
            f.time = r.time;
            f.eventIndex = index;
            f.resources = {r.arg};
            convoyText(f, l, c);
            c.serial = add(std::move(f));
        } else if (Finding* f = get(c.serial)) {
            convoyText(*f, l, c);
        }
    }

    void convoyText(Finding& f, const LockInfo& l, const Convoy& c) {
        f.tasks = c.tasks;
        f.count = c.best;
        const bool blocking = l.kind == LockKind::BlockingMutex;
        const std::string res = "#" + std::to_string(l.id);
        const std::string nameEn = (blocking ? "blocking mutex " : "mutex ") + res;
        const std::string nameZh = (blocking ? "阻塞式互斥锁 " : "互斥锁 ") + res;
        f.title = {"Lock convoy on " + nameEn, "锁护航（lock convoy）：" + nameZh};
        std::string en = upperFirst(nameEn) + " passed from one queued waiter to the next " +
                         std::to_string(c.best) + " times in a row while at least " +
                         std::to_string(opt.convoyMinWaiters) +
                         " tasks were queued for it (up to " + std::to_string(c.maxQueue) +
                         "); the queue never emptied. Tasks in the convoy: " +
                         list(c.tasks, c.tasks.size(), false) + ".";
        std::string zh = nameZh + " 连续 " + std::to_string(c.best) +
                         " 次从一个排队的等待者交给下一个等待者，期间至少有 " +
                         std::to_string(opt.convoyMinWaiters) + " 个任务在排队（最多 " +
                         std::to_string(c.maxQueue) + " 个），队列始终没有清空。护航中的任务：" +
                         list(c.tasks, c.tasks.size(), true) + "。";
        if (c.episodes > 1) {
            en += " It formed " + std::to_string(c.episodes) + " times.";
            zh += "这种情况共出现了 " + std::to_string(c.episodes) + " 次。";
        }
        f.what = {en, zh};
        f.why = {
            "The async mutex is fair: unlock() hands the lock straight to the first waiter and "
            "wakes it, "
            "and a new locker queues behind the others. Once a queue forms, every acquisition "
            "costs a "
            "wake-up and a trip through the run queue, and the lock stays held while that happens; "
            "the "
            "critical section runs one task at a time at the pace of scheduling, and the queue "
            "never "
            "drains.",
            "异步互斥锁是公平的：unlock() "
            "会把锁直接交给第一个等待者并唤醒它，新来的加锁者要排在其他人后面。"
            "一旦形成队列，每次获取锁都要经历一次唤醒和一次运行队列的往返，而在这期间锁一直处于被持"
            "有状态；"
            "临界区只能按调度的节奏一次运行一个任务，队列永远清不空。"};
        f.fix = {
            "Make the critical section short: do not .await while holding the guard, copy out what "
            "you need "
            "and drop the guard early; split the data over several locks (sharding); or give the "
            "state to "
            "one task and send it messages over an mpsc channel (the actor pattern).",
            "让临界区尽量短：持有守卫时不要 "
            ".await，复制出需要的数据后尽早释放守卫；把数据拆分到多把锁上（分片）；"
            "或者把状态交给一个专门的任务，通过 mpsc 通道给它发消息（actor 模式）。"};
    }

    // ------------------------------------------------------------ self wake --
    void checkSelfWake(const RuntimeState& s, const Record& r, std::size_t index, std::uint32_t id,
                       bool atEnd) {
        const TaskInfo* t = s.task(id);
        if (!t || id >= tracks.size() || tracks[id].selfWakeReported) return;
        if (t->polls < opt.selfWakeMinPolls) return;
        if (static_cast<double>(t->selfWakes) <= opt.selfWakeRatio * static_cast<double>(t->polls))
            return;
        tracks[id].selfWakeReported = true;
        Finding f;
        f.kind = FindingKind::SelfWakeHeavy;
        f.time = r.time;
        f.eventIndex = index;
        f.tasks = {id};
        f.count = t->selfWakes;
        const std::string pct = num(100.0 * t->selfWakes / static_cast<double>(t->polls), "%.0f");
        const std::string w = std::to_string(t->selfWakes), p = std::to_string(t->polls);
        f.title = {
            "Self-wake heavy: " + task(id, false) + " woke itself in " + w + " of " + p + " polls",
            "频繁自我唤醒：" + task(id, true) + " 在 " + p + " 次轮询中自我唤醒了 " + w + " 次"};
        f.what = {
            std::string(atEnd ? "By the end of the trace, " : "By " + at(r.time, false) + ", ") +
                task(id, false) + " had been polled " + p + " times and had woken itself " + w +
                " times (" + pct +
                " %): it keeps rescheduling itself, as yield_now() in a loop or a busy-poll retry "
                "does. "
                "This is informational.",
            std::string(atEnd ? "到记录结束时，" : "到 " + at(r.time, true) + " 时，") +
                task(id, true) + " 已被轮询 " + p + " 次，其中自我唤醒 " + w + " 次（" + pct +
                " %）：它在不断地重新调度自己，就像在循环里调用 yield_now() "
                "或忙轮询重试那样。此项仅供参考。"};
        f.why = {
            "A self-wake puts the task straight back into the run queue: the worker spends its "
            "time polling "
            "a task that often finds nothing to do, the other tasks share the worker with it, and "
            "the "
            "worker never parks. It is fine when a long computation yields on purpose to stay "
            "cooperative.",
            "自我唤醒会让任务立刻回到运行队列：工作线程把时间花在轮询一个常常无事可做的任务上，其他"
            "任务要和它分享"
            "这个工作线程，而工作线程也永远不会休眠。如果是长时间计算为了保持协作而有意让出，那是没"
            "有问题的。"};
        f.fix = {
            "If the task waits for something, await the real event (Notify, a channel, a timer or "
            "interval) instead of checking and yielding; if it is a long computation, consider "
            "spawn_blocking or yielding less often.",
            "如果任务是在等待某件事，请直接 await 真正的事件（Notify、通道、定时器或 "
            "interval），而不是反复检查再让出；"
            "如果是长时间计算，可以考虑 spawn_blocking，或者降低让出的频率。"};
        add(std::move(f));
    }

    // ---------------------------------------------------------------- stall --
    // Whether task `id` waits, through a chain of lock holders and joined
    // tasks, on a deadlock or a lost wake-up already reported. `memo` (one
    // per quiescent check, indexed by task id: 0 unknown, 1 yes, 2 no) makes
    // the check of all tasks linear in their number: a chain of 5,000 joins
    // is walked once, not once per task.
    bool explained(const RuntimeState& s, std::uint32_t id, std::vector<std::uint8_t>& memo) const {
        std::vector<std::uint32_t> path;
        std::uint32_t cur = id;
        bool result = false;
        for (std::size_t step = 0; step <= s.tasks.size(); ++step) {
            if (cur < memo.size() && memo[cur] != 0) {
                result = memo[cur] == 1;
                break;
            }
            path.push_back(cur);
            if (deadlockTasks.count(cur) || (cur < tracks.size() && tracks[cur].lostSerial)) {
                result = true;
                break;
            }
            WaitRef w = waitOf(s, cur);
            std::uint32_t next = 0;
            if (w.kind == WaitKind::Mutex || w.kind == WaitKind::BlockingMutex)
                next = holderOf(s, w.on);
            else if (w.kind == WaitKind::Join)
                next = w.on;
            if (!next || next == cur || !aliveTask(s.task(next))) break;
            cur = next;
        }
        for (std::uint32_t t : path)
            if (t < memo.size()) memo[t] = result ? 1 : 2;
        return result;
    }

    void onQuiescent(const RuntimeState& s, const Record& r, std::size_t index) {
        for (std::uint32_t id : lostCandidates) reportLost(id, tracks[id]);
        if (stallSerial) return;
        std::vector<std::uint32_t> stuck;
        std::size_t explainedCount = 0;
        std::vector<std::uint8_t> memo(s.tasks.size(), 0);
        for (const TaskInfo& t : s.tasks) {
            if (!aliveTask(&t)) continue;
            if (explained(s, t.id, memo))
                ++explainedCount;
            else
                stuck.push_back(t.id);
        }
        if (stuck.empty()) return;
        Finding f;
        f.kind = FindingKind::Stall;
        f.time = r.time;
        f.eventIndex = index;
        f.tasks = stuck;
        for (std::uint32_t id : stuck) {
            WaitRef w = waitOf(s, id);
            if (w.kind != WaitKind::None && w.kind != WaitKind::Join && w.on &&
                std::find(f.resources.begin(), f.resources.end(), w.on) == f.resources.end())
                f.resources.push_back(w.on);
        }
        const std::string n = std::to_string(stuck.size());
        f.title = {"Stall: " + n + " task(s) wait forever, with nothing left to wake them",
                   "停滞：" + n + " 个任务永远在等待，已经没有任何东西能唤醒它们"};
        std::string en = "From " + at(r.time, false) +
                         " the runtime was idle for good: nothing runnable or "
                         "running, no timer armed, no blocking job in flight, yet " +
                         n + " task(s) had not finished: ";
        std::string zh = "从 " + at(r.time, true) +
                         " 起，运行时彻底空闲了：没有可运行或正在运行的任务，没有已设置的定时器，"
                         "也没有进行中的阻塞作业，但仍有 " +
                         n + " 个任务没有结束：";
        const std::size_t listed = std::min<std::size_t>(stuck.size(), opt.maxListed * 2);
        for (std::size_t i = 0; i < listed; ++i) {
            if (i) {
                en += "; ";
                zh += "；";
            }
            en += q(stuck[i]) + " " + describeWait(s, stuck[i], false);
            zh += q(stuck[i]) + " " + describeWait(s, stuck[i], true);
        }
        if (stuck.size() > listed) {
            en += "; and " + std::to_string(stuck.size() - listed) + " more";
            zh += "；另外还有 " + std::to_string(stuck.size() - listed) + " 个";
        }
        en += ".";
        zh += "。";
        if (explainedCount) {
            en += " " + std::to_string(explainedCount) +
                  " other task(s) are stuck behind the deadlock or lost waker reported separately.";
            zh += "另有 " + std::to_string(explainedCount) +
                  " 个任务卡在单独报告的死锁或丢失唤醒之后。";
        }
        f.what = {en, zh};
        f.why = {
            "Each of these tasks waits for something that only another task or code outside the "
            "runtime "
            "could do (send a message, notify, release a lock, finish), and no task will ever run "
            "again "
            "to do it. Tokio then simply parks its threads: the program hangs without an error.",
            "这些任务中的每一个都在等待只有另一个任务或运行时之外的代码才能做的事（发送消息、通知、"
            "释放锁、结束），"
            "而再也不会有任务运行来做这件事。此时 Tokio "
            "只会让它的线程休眠：程序挂住，却没有任何错误。"};
        f.fix = {
            "For each waiting task, find who should wake it and make sure every path does: send or "
            "notify "
            "on all paths, drop unused Senders (dropping the last Sender closes the channel and "
            "wakes the "
            "receiver), avoid cycles of tasks waiting on each other through channels, and put a "
            "tokio::time::timeout on waits that may never complete.",
            "对每个等待中的任务，找出应该唤醒它的一方，并确保每条路径都会这样做：在所有路径上发送或"
            "通知，"
            "丢弃不再使用的 Sender（最后一个 Sender "
            "被丢弃时通道关闭，接收者会被唤醒），避免任务之间通过通道"
            "互相等待形成环，并给可能永远不会完成的等待加上 tokio::time::timeout。"};
        stallSerial = add(std::move(f));
    }

    // ----------------------------------------------------------- the feed ---
    void phaseChange(const RuntimeState& s, const Record& r, std::size_t index, std::uint32_t id,
                     TaskPhase from, TaskPhase to) {
        TaskTrack& tt = tracks[id];
        const std::uint64_t now = s.time;
        if (from == TaskPhase::Scheduled) {
            if (runnable) --runnable;
            if (tt.starvePending) {
                pendingStarve.erase({tt.schedSince, id});
                tt.starvePending = false;
                if (r.kind == EventKind::PollStart) {
                    const std::uint64_t polled = s.polls - tt.pollsAtSched;
                    const std::uint64_t others = polled ? polled - 1 : 0;  // minus its own poll
                    if (now - tt.schedSince > opt.starvationNs && others > 0)
                        reportStarvation(s, r, index, id, tt.schedSince, others, false);
                }
            }
        }
        if (polling(from) && running) --running;
        if (polling(to)) ++running;
        if (to == TaskPhase::Scheduled) {
            ++runnable;
            tt.schedSince = now;
            tt.pollsAtSched = s.polls;
            tt.schedIndex = index;
            tt.starvePending = true;
            pendingStarve.insert({now, id});
        }
        if (isFinished(to)) {
            tt.sticky = {};
            setWoken(id, false);
            for (std::size_t w = 0; w < polls.size(); ++w)
                if (polls[w].active && polls[w].task == id) {
                    polls[w].active = false;
                    --activePolls;
                }
        }
        tt.phase = to;
    }

    void setWoken(std::uint32_t id, bool on) {
        TaskTrack& tt = track(id);
        if (tt.woken == on) return;
        tt.woken = on;
        if (on)
            ++wokenCount;
        else
            --wokenCount;
    }

    void onEvent(const RuntimeState& s, const Record& r, std::size_t index) {
        if (tracks.size() < s.tasks.size()) tracks.resize(s.tasks.size());
        bool progress = false;
        const bool isTask = taskEvent(r.kind) && r.task != 0;
        if (isTask && r.task < s.tasks.size()) {
            const TaskPhase to = s.tasks[r.task].phase;
            if (to != tracks[r.task].phase)
                phaseChange(s, r, index, r.task, tracks[r.task].phase, to);
        }
        const TaskInfo* t = isTask ? s.task(r.task) : nullptr;
        WaitRef stickyBefore = isTask ? track(r.task).sticky : WaitRef{};

        switch (r.kind) {
        case EventKind::Spawn:
            if (t && t->phase == TaskPhase::Idle && t->polls == 0)
                setWoken(r.task, true);  // Schedule follows
            break;
        case EventKind::Schedule:
            if (static_cast<QueueKind>(r.sub) == QueueKind::Blocking) {
                pendingJobs.insert(r.arg);
                if (r.task) track(r.task).sticky = {WaitKind::Blocking, r.arg};
            } else {
                progress = true;
                setWoken(r.task, false);
                clearLost(r.task);
            }
            break;
        case EventKind::PollStart: {
            progress = true;
            setWoken(r.task, false);
            clearLost(r.task);
            if (r.onWorker()) {
                Poll& p = pollOf(r.worker);
                if (!p.active) ++activePolls;
                p = Poll{true, r.task, s.time, index, 0};
            }
            recentPolls.emplace_back(index, r.task);
            if (recentPolls.size() > 4096) recentPolls.pop_front();
            checkSelfWake(s, r, index, r.task, false);
            break;
        }
        case EventKind::PollEnd: {
            if (r.onWorker() && r.worker < polls.size()) {
                Poll& p = polls[r.worker];
                if (p.active && p.task == r.task) {
                    p.active = false;
                    --activePolls;
                    const std::uint64_t d = s.time - p.start;
                    if (d > opt.blockingPollNs)
                        reportBlocking(s, r, index, p, r.worker, d, r.arg, true);
                }
            }
            if (static_cast<PollResult>(r.sub) == PollResult::Pending && t &&
                t->phase == TaskPhase::Idle && t->waitKind == WaitKind::None &&
                track(r.task).sticky.kind == WaitKind::None && t->timers == 0) {
                TaskTrack& tt = tracks[r.task];
                tt.lost = true;
                tt.lostTime = s.time;
                tt.lostIndex = index;
                tt.lostPoint = r.arg;
                tt.lostWorker = r.worker;
                lostCandidates.insert(r.task);
            }
            break;
        }
        case EventKind::Wake: {
            TaskTrack& tt = track(r.task);
            const auto src = static_cast<WakeSource>(r.sub);
            WaitKind match = WaitKind::None;
            switch (src) {
            case WakeSource::Channel: match = WaitKind::Channel; break;
            case WakeSource::Mutex: match = WaitKind::Mutex; break;
            case WakeSource::Semaphore: match = WaitKind::Semaphore; break;
            case WakeSource::Notify: match = WaitKind::Notify; break;
            case WakeSource::Join: match = WaitKind::Join; break;
            case WakeSource::Blocking: match = WaitKind::Blocking; break;
            default: break;
            }
            if (src == WakeSource::Cancel || (match != WaitKind::None && tt.sticky.kind == match))
                tt.sticky = {};
            clearLost(r.task);
            if (t && t->phase == TaskPhase::Idle) setWoken(r.task, true);
            break;
        }
        case EventKind::TimerFire:
            if (t && t->phase == TaskPhase::Idle) setWoken(r.task, true);  // its Wake follows
            break;
        case EventKind::LockContend: {
            const bool blocking = static_cast<LockKind>(r.sub) == LockKind::BlockingMutex;
            track(r.task).sticky = {blocking ? WaitKind::BlockingMutex : WaitKind::Mutex, r.arg};
            if (blocking && r.onWorker() && r.worker < polls.size() && polls[r.worker].active &&
                polls[r.worker].task == r.task)
                polls[r.worker].blockingLock = r.arg;
            checkCycle(s, r.task, r, index);
            if (blocking) checkWorkersBlocked(s, r, index);
            break;
        }
        case EventKind::LockAcquire: {
            onLockAcquire(s, r, index, stickyBefore);
            TaskTrack& tt = track(r.task);
            if ((tt.sticky.kind == WaitKind::Mutex || tt.sticky.kind == WaitKind::BlockingMutex) &&
                tt.sticky.on == r.arg)
                tt.sticky = {};
            if (auto it = s.locks.find(r.arg); it != s.locks.end() && !it->second.waiters.empty())
                checkCycle(s, r.task, r, index);
            break;
        }
        case EventKind::JoinWait:
            track(r.task).sticky = {WaitKind::Join, r.arg};
            checkCycle(s, r.task, r, index);
            break;
        case EventKind::NotifyWait: track(r.task).sticky = {WaitKind::Notify, r.arg}; break;
        case EventKind::SemWait: track(r.task).sticky = {WaitKind::Semaphore, r.arg}; break;
        case EventKind::ChanFull:
        case EventKind::ChanEmpty: track(r.task).sticky = {WaitKind::Channel, r.arg}; break;
        case EventKind::SemAcquire: {
            TaskTrack& tt = track(r.task);
            if (tt.sticky.kind == WaitKind::Semaphore && tt.sticky.on == r.arg) tt.sticky = {};
            break;
        }
        case EventKind::ChanSend:
        case EventKind::ChanRecv: {
            TaskTrack& tt = track(r.task);
            if (tt.sticky.kind == WaitKind::Channel && tt.sticky.on == r.arg) tt.sticky = {};
            break;
        }
        case EventKind::BlockingStart: {
            progress = true;
            const unsigned b = r.blockingIndex();
            if (r.onBlockingThread()) {
                if (b >= blockingJob.size()) blockingJob.resize(b + 1u, 0);
                if (!blockingJob[b]) ++busyBlocking;
                blockingJob[b] = r.task ? r.task : 0xFFFFFFFFu;
            }
            break;
        }
        case EventKind::BlockingEnd:
        case EventKind::BlockingThreadExit: {
            if (r.kind == EventKind::BlockingEnd) pendingJobs.erase(r.task);
            const unsigned b = r.blockingIndex();
            if (r.onBlockingThread() && b < blockingJob.size() && blockingJob[b]) {
                blockingJob[b] = 0;
                --busyBlocking;
            }
            break;
        }
        default: break;
        }

        checkStarvation(s, r, index);
        updateOversubscription(s, r, index);

        // Quiescence: nothing can happen any more unless a thread outside the
        // runtime acts.
        if (progress) {
            quiet = false;
            if (stallSerial) retract(std::exchange(stallSerial, 0));
        }
        const bool nowQuiet = runnable == 0 && running == 0 && activePolls == 0 &&
                              wokenCount == 0 && s.timers.empty() && pendingJobs.empty() &&
                              busyBlocking == 0 && s.alive() > 0;
        if (nowQuiet && !quiet) {
            quiet = true;
            onQuiescent(s, r, index);
        } else if (!nowQuiet) {
            quiet = false;
        }
    }

    std::vector<Finding> finish(const RuntimeState& s) {
        if (finished) return sorted();
        finished = true;
        const Record last = s.applied ? trace.at(std::min(s.applied, trace.size()) - 1) : Record{};
        const std::size_t lastIndex = s.applied ? std::min(s.applied, trace.size()) - 1 : 0;
        Record atEnd = last;
        atEnd.time = s.time;
        // Polls still running.
        for (std::size_t w = 0; w < polls.size(); ++w) {
            Poll& p = polls[w];
            if (!p.active || s.time - p.start <= opt.blockingPollNs) continue;
            const TaskInfo* t = s.task(p.task);
            reportBlocking(s, atEnd, lastIndex, p, static_cast<std::uint16_t>(w), s.time - p.start,
                           t ? t->awaitPoint : 0, false);
        }
        // Tasks still queued.
        checkStarvation(s, atEnd, lastIndex);
        // Self wakes.
        for (const TaskInfo& t : s.tasks)
            if (t.phase != TaskPhase::Unknown) checkSelfWake(s, atEnd, lastIndex, t.id, true);
        // Lost wakers never woken until the end (or the shutdown).
        for (std::uint32_t id : lostCandidates) reportLost(id, tracks[id]);
        // Oversubscription still going on.
        if (over.in && over.reported) {
            over.totalNs += s.time - over.start;
            over.start = s.time;
            if (Finding* f = get(over.serial)) oversubText(*f);
        }

        return sorted();
    }

    std::vector<Finding> sorted() const {
        std::vector<Finding> out = found;
        std::stable_sort(out.begin(), out.end(), [](const Finding& a, const Finding& b) {
            if (a.time != b.time) return a.time < b.time;
            if (a.eventIndex != b.eventIndex) return a.eventIndex < b.eventIndex;
            return a.kind < b.kind;
        });
        std::vector<Finding> dedup;
        for (Finding& f : out) {
            bool dup = std::any_of(dedup.begin(), dedup.end(), [&](const Finding& g) {
                return g.kind == f.kind && g.tasks == f.tasks && g.resources == f.resources &&
                       g.threads == f.threads;
            });
            if (!dup) dedup.push_back(std::move(f));
        }
        return dedup;
    }
};

Detectors::Detectors(const Trace& trace, DetectorOptions options)
    : m_impl(std::make_unique<Impl>(trace, options)) {}
Detectors::~Detectors() = default;
Detectors::Detectors(Detectors&&) noexcept = default;
Detectors& Detectors::operator=(Detectors&&) noexcept = default;

void Detectors::onEvent(const RuntimeState& s, const Record& r, std::size_t index) {
    m_impl->onEvent(s, r, index);
}
std::vector<Finding> Detectors::finish(const RuntimeState& finalState) {
    return m_impl->finish(finalState);
}
const std::vector<Finding>& Detectors::findings() const {
    return m_impl->found;
}

std::vector<Finding> analyze(const Trace& trace, DetectorOptions options) {
    Reducer reducer(&trace);
    RuntimeState state;
    Detectors detectors(trace, options);
    for (std::size_t i = 0; i < trace.size(); ++i) {
        const Record r = trace.at(i);
        reducer.apply(state, r);
        detectors.onEvent(state, r, i);
    }
    return detectors.finish(state);
}

}  // namespace asyncscope::trace
