// CounterTracks and the sampler that fills them (see counters.hpp).
#include <asyncscope/trace/counters.hpp>

#include <algorithm>

namespace asyncscope::trace {

void CounterTrack::set(std::uint64_t time, std::uint32_t value) {
    if (!samples.empty() && samples.back().time >= time) {
        // Another change in the same instant: only what it ends as counts.
        samples.back().value = value;
        const std::uint32_t before = samples.size() >= 2 ? samples[samples.size() - 2].value : 0;
        if (before == value) samples.pop_back();
        return;
    }
    if (last() != value) samples.push_back({time, value});
}

std::uint32_t valueAt(const CounterTrack& track, std::uint64_t t) noexcept {
    const auto& s = track.samples;
    const auto it = std::upper_bound(
        s.begin(), s.end(), t, [](std::uint64_t v, const CounterSample& x) { return v < x.time; });
    return it == s.begin() ? 0 : std::prev(it)->value;
}

std::uint32_t maxIn(const CounterTrack& track, std::uint64_t t0, std::uint64_t t1) noexcept {
    std::uint32_t m = valueAt(track, t0);
    const auto& s = track.samples;
    auto it = std::upper_bound(s.begin(), s.end(), t0,
                               [](std::uint64_t v, const CounterSample& x) { return v < x.time; });
    for (; it != s.end() && it->time < t1; ++it) m = std::max(m, it->value);
    return m;
}

std::size_t CounterTracks::samples() const noexcept {
    std::size_t n = global.size() + lockWaiters.size() + semaphoreWaiters.size();
    for (const CounterTrack& l : local) n += l.size();
    return n;
}

namespace {

void mirrorTrack(const CounterTrack& from, CounterTrack& into) {
    std::size_t k = std::min(into.samples.size(), from.samples.size());
    if (k > 0) --k;  // the last one copied may have changed since
    into.samples.resize(k);
    into.samples.insert(into.samples.end(), from.samples.begin() + static_cast<std::ptrdiff_t>(k),
                        from.samples.end());
}

// The records after which the reducer may have moved a task into or out of
// a run queue (reducer.cpp: push in Schedule, unqueue in PollStart and in
// finish(), the transfer in Steal). Any other record leaves the queues alone.
bool touchesQueues(EventKind k) noexcept {
    switch (k) {
    case EventKind::Schedule:
    case EventKind::PollStart:
    case EventKind::PollEnd:
    case EventKind::Steal:
    case EventKind::Cancel:
    case EventKind::Complete:
    case EventKind::Error: return true;
    default: return false;
    }
}

bool isLockEvent(EventKind k) noexcept {
    return k == EventKind::LockAcquire || k == EventKind::LockContend ||
           k == EventKind::LockRelease;
}

bool isSemaphoreEvent(EventKind k) noexcept {
    return k == EventKind::SemAcquire || k == EventKind::SemWait || k == EventKind::SemRelease;
}

template <class Map>
std::uint32_t waitersOf(const Map& m, const ResourceId* ids, unsigned n) {
    std::uint32_t sum = 0;
    for (unsigned i = 0; i < n; ++i)
        if (auto it = m.find(ids[i]); it != m.end())
            sum += static_cast<std::uint32_t>(it->second.waiters.size());
    return sum;
}

void note(ResourceId* ids, unsigned& n, ResourceId id) {
    if (n == 0 || ids[0] != id) ids[n++] = id;
}

}  // namespace

void mirror(const CounterTracks& from, CounterTracks& into) {
    mirrorTrack(from.global, into.global);
    if (into.local.size() < from.local.size()) into.local.resize(from.local.size());
    for (std::size_t w = 0; w < from.local.size(); ++w) mirrorTrack(from.local[w], into.local[w]);
    mirrorTrack(from.lockWaiters, into.lockWaiters);
    mirrorTrack(from.semaphoreWaiters, into.semaphoreWaiters);
}

void CounterSampler::before(const RuntimeState& s, const Record& r) {
    m_lockCount = m_semCount = 0;
    // The wait the record's task is in: a record may end it (clearWait).
    // For records whose `task` field is not a task (a job id), this notes an
    // unrelated resource: harmless, its waiters do not change.
    if (r.task < s.tasks.size()) {
        const WaitTarget& w = s.tasks[r.task].waitTarget;
        if (const std::optional<ResourceId> on = w.resource()) {
            if (w.kind() == WaitKind::Mutex || w.kind() == WaitKind::BlockingMutex)
                note(m_locks, m_lockCount, *on);
            else if (w.kind() == WaitKind::Semaphore)
                note(m_sems, m_semCount, *on);
        }
    }
    if (isLockEvent(r.kind)) note(m_locks, m_lockCount, ResourceId(r.arg));
    if (isSemaphoreEvent(r.kind)) note(m_sems, m_semCount, ResourceId(r.arg));
    m_lockBefore = m_lockCount ? waitersOf(s.locks, m_locks, m_lockCount) : 0;
    m_semBefore = m_semCount ? waitersOf(s.semaphores, m_sems, m_semCount) : 0;
}

void CounterSampler::after(const RuntimeState& s, const Record& r) {
    const std::uint64_t now = s.time;
    if (m_lockCount) {
        m_lockWaiters += waitersOf(s.locks, m_locks, m_lockCount);
        m_lockWaiters -= m_lockBefore;  // unsigned: the sum never goes below 0
        m_tracks.lockWaiters.set(now, m_lockWaiters);
    }
    if (m_semCount) {
        m_semWaiters += waitersOf(s.semaphores, m_sems, m_semCount);
        m_semWaiters -= m_semBefore;
        m_tracks.semaphoreWaiters.set(now, m_semWaiters);
    }
    if (!touchesQueues(r.kind)) return;
    m_tracks.global.set(now, static_cast<std::uint32_t>(s.global.size()));
    // The workers' queues (the block_on thread, last when there is one, has none).
    std::size_t nw = s.workers.size();
    while (nw > 0 && s.workers[nw - 1].blockOn) --nw;
    if (m_tracks.local.size() < nw) m_tracks.local.resize(nw);
    for (std::size_t w = 0; w < nw; ++w) {
        const WorkerInfo& wi = s.workers[w];
        m_tracks.local[w].set(
            now, static_cast<std::uint32_t>(wi.local.size()) + (wi.lifo != kNoTask ? 1u : 0u));
    }
}

}  // namespace asyncscope::trace
