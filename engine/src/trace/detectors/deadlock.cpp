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
bool Detectors::Impl::edgeOf(const RuntimeState& s, std::uint32_t id, Edge& e) const {
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

void Detectors::Impl::checkCycle(const RuntimeState& s, std::uint32_t start, const Record& r,
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
void Detectors::Impl::checkWorkersBlocked(const RuntimeState& s, const Record& r,
                                          std::size_t index) {
    const unsigned n = workerCount(s);
    if (n == 0 || s.workers.size() < n) return;
    BlockedWorkers blocked;  // (worker, task)
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

void Detectors::Impl::reportDeadlock(const RuntimeState& s, const std::vector<Edge>& path,
                                     const BlockedWorkers& blocked, const Record& r,
                                     std::size_t index) {
    std::vector<std::uint32_t> key;
    for (const Edge& e : path) key.push_back(e.from);
    std::sort(key.begin(), key.end());
    key.erase(std::unique(key.begin(), key.end()), key.end());
    if (!deadlockKeys.insert(key).second) return;

    Finding f;
    f.kind = FindingKind::Deadlock;
    f.time = r.time;
    f.eventIndex = index;
    DeadlockShape shape;
    for (const Edge& e : path) {
        f.tasks.push_back(e.from);
        deadlockTasks.insert(e.from);
        if (e.kind == WaitKind::Mutex || e.kind == WaitKind::BlockingMutex)
            f.resources.push_back(e.resource);
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
