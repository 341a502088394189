// Deadlock: a cycle in the wait-for graph (asyncscope/trace/detectors.hpp
// gives the exact edges). Each task has at most one edge out (edgeOf), so
// checkCycle just walks them from the task of an event that may have closed a
// cycle (a contended lock, a join, an acquisition with tasks queued behind).
// checkWorkersBlocked finds the thread-level cycle: every worker blocked in a
// BlockingMutex lock() whose holders can therefore never be polled again.
#include "trace/detectors/detectors_impl.hpp"

#include <algorithm>
#include <utility>

namespace asyncscope::trace {

using namespace detect;

// The wait-for edge out of task `id` (none when it can still be freed).
bool Detectors::Impl::edgeOf(const RuntimeState& s, TaskId id, Edge& e) const {
    const TaskInfo* t = s.task(id);
    if (!aliveTask(t)) return false;
    const WaitTarget& w = t->waitTarget;
    switch (w.kind()) {
    case WaitKind::Mutex:
    case WaitKind::BlockingMutex: {
        const bool blocking = w.kind() == WaitKind::BlockingMutex;
        // A blocked thread is stuck in lock() whatever its timers; a
        // queued async waiter with a timer (a timeout) may still leave.
        if (blocking ? !polling(t->phase) : t->timers != 0) return false;
        const ResourceId lock = *w.resource();
        const TaskId h = holderOf(s, lock);
        if (h == kNoTask || !aliveTask(s.task(h))) return false;
        e = Edge{id, h, w.kind(), lock, blocking ? t->worker : kNoThread};
        return true;
    }
    case WaitKind::Join: {
        const TaskId joined = *w.task();
        if (t->timers != 0 || !aliveTask(s.task(joined))) return false;
        e = Edge{id, joined, WaitKind::Join, ResourceId{}, kNoThread};
        return true;
    }
    default: return false;
    }
}

void Detectors::Impl::checkCycle(const RuntimeState& s, TaskId start, const Record& r,
                                 std::size_t index) {
    std::vector<Edge> path;
    std::vector<TaskId> nodes{start};
    TaskId cur = start;
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
void Detectors::Impl::checkWorkersBlocked(const RuntimeState& s, const Record& r,
                                          std::size_t index) {
    const unsigned n = workerCount(s);
    if (n == 0 || s.workers.size() < n) return;
    BlockedWorkers blocked;  // (worker, task)
    // The lock a blocked task is stuck on (only called for BlockingMutex waits).
    auto lockOf = [&](TaskId id) { return *s.task(id)->waitTarget.resource(); };
    for (unsigned i = 0; i < n; ++i) {
        const TaskId id = s.workers[i].running;
        const TaskInfo* t = s.task(id);
        if (!t || !polling(t->phase) || t->waitTarget.kind() != WaitKind::BlockingMutex) return;
        const TaskId h = holderOf(s, lockOf(id));
        if (h == kNoTask || !aliveTask(s.task(h))) return;
        blocked.emplace_back(static_cast<std::uint16_t>(i), id);
    }
    auto isBlocked = [&](TaskId id) {
        for (auto& b : blocked)
            if (b.second == id) return true;
        return false;
    };
    for (auto& b : blocked) {
        const TaskId h = holderOf(s, lockOf(b.second));
        if (polling(s.task(h)->phase) && !isBlocked(h))
            return;  // the holder is running: it may release
    }
    TaskId start = blocked.front().second;
    if (isBlocked(TaskId(r.task))) start = TaskId(r.task);
    std::vector<Edge> path;
    std::vector<TaskId> nodes{start};
    TaskId cur = start;
    for (std::size_t step = 0; step <= blocked.size(); ++step) {
        const ResourceId lock = lockOf(cur);
        const TaskId h = holderOf(s, lock);
        path.push_back(Edge{cur, h, WaitKind::BlockingMutex, lock, s.task(cur)->worker});
        if (h == start) break;  // a cycle of blocked threads
        if (!isBlocked(h)) {
            path.push_back(Edge{h, start, WaitKind::None, ResourceId{}, kNoThread});
            break;
        }
        if (std::find(nodes.begin(), nodes.end(), h) != nodes.end()) return;
        nodes.push_back(h);
        cur = h;
    }
    reportDeadlock(s, path, blocked, r, index);
}

void Detectors::Impl::reportDeadlock(const RuntimeState& s, const std::vector<Edge>& path,
                                     const BlockedWorkers& blocked, const Record& r,
                                     std::size_t index) {
    std::vector<std::uint32_t> key;
    for (const Edge& e : path) key.push_back(e.from.value());
    std::sort(key.begin(), key.end());
    key.erase(std::unique(key.begin(), key.end()), key.end());
    if (!deadlockKeys.insert(key).second) return;

    Finding f;
    f.kind = FindingKind::Deadlock;
    f.time = r.time;
    f.eventIndex = index;
    DeadlockShape shape;
    for (const Edge& e : path) {
        f.tasks.push_back(e.from.value());
        deadlockTasks.insert(e.from.value());
        if (e.kind == WaitKind::Mutex || e.kind == WaitKind::BlockingMutex)
            f.resources.push_back(e.resource.value());
        if (e.kind == WaitKind::BlockingMutex && e.worker != kNoThread &&
            std::find(f.threads.begin(), f.threads.end(), e.worker) == f.threads.end())
            f.threads.push_back(e.worker);
        shape.hasWorkerEdge |= e.kind == WaitKind::None;
        shape.hasBlocking |= e.kind == WaitKind::BlockingMutex;
        shape.hasMutex |= e.kind == WaitKind::Mutex;
        shape.hasJoin |= e.kind == WaitKind::Join;
    }
    for (auto& b : blocked)
        if (std::find(f.threads.begin(), f.threads.end(), b.first) == f.threads.end())
            f.threads.push_back(b.first);
    deadlockText(f, path, blocked, key, shape);
    (void)s;
    add(std::move(f));
}

}  // namespace asyncscope::trace
