// The timeline's detail lanes, read incrementally from a growing trace (see
// the header's design note).
#include "detail_lanes.hpp"

#include <asyncscope/scenario/live_run.hpp>

#include <algorithm>

namespace asyncscope::core {

namespace {

// Indices [first, last) of `items` meeting [t0, t1], an open last item
// lasting until `now`: visibleRange() reads its end as infinite, so it is
// dropped here when it ended, at `now`, before the view starts.
template <class T>
std::pair<std::size_t, std::size_t> visibleUpTo(const std::vector<T>& items, double t0, double t1,
                                                std::uint64_t now) {
    auto [first, last] = visibleRange(std::span<const T>(items), t0, t1);
    if (last > first && items[last - 1].open() &&
        static_cast<double>(items[last - 1].endAt(now)) < t0)
        --last;
    return {first, last};
}

std::uint32_t clamp32(std::uint64_t v) {
    return static_cast<std::uint32_t>(std::min<std::uint64_t>(v, 0xFFFFFFFFu));
}

}  // namespace

// ------------------------------------------------------------- TaskLane --

void TaskLane::reset() {
    *this = TaskLane(m_task);
}

void TaskLane::extend(const trace::Trace& trace) {
    const std::size_t n = trace.size();
    if (n < m_next) reset();  // not the trace it read: start over
    // The task column first: only this task's records are decoded.
    const auto tasks = trace.tasks();
    const std::uint32_t id = m_task.value();
    for (std::size_t i = m_next; i < n; ++i)
        if (tasks[i] == id) apply(trace.at(i), trace);
    m_next = n;
    if (n) m_lastTime = std::max(m_lastTime, trace.times()[n - 1]);
}

TaskSegment* TaskLane::current() noexcept {
    return m_segments.empty() || !m_segments.back().open() ? nullptr : &m_segments.back();
}

void TaskLane::open(TaskSegment s) {
    s.end = kOpenEnd;
    s.flags |= kSpanOpen;
    m_segments.push_back(s);
}

void TaskLane::close(std::uint64_t now) {
    TaskSegment* s = current();
    if (!s || s->state == TaskState::Done) return;
    s->end = std::max(s->start, now);
    s->flags &= static_cast<std::uint8_t>(~kSpanOpen);
    // A state entered and left in one instant holds no time; a poll that
    // took none still happened.
    if (s->end == s->start && s->state != TaskState::Running) m_segments.pop_back();
}

void TaskLane::setWait(WaitOn wait, std::uint32_t target) {
    TaskSegment* s = current();
    if (s && s->state == TaskState::Idle) {
        // The wait event came after the poll's end in the merged trace (an
        // instant shared by two threads): it still names this wait.
        if (wait == WaitOn::Timer) {
            if (s->wait == WaitOn::Unknown)
                s->wait = WaitOn::Timer;
            else if (s->wait != WaitOn::Timer)
                s->flags |= kSegTimeout;
        } else if (s->wait == WaitOn::Unknown || s->wait == WaitOn::Timer) {
            if (s->wait == WaitOn::Timer) s->flags |= kSegTimeout;
            s->wait = wait;
            s->target = target;
        }
        return;
    }
    if (wait == WaitOn::Timer) {
        m_timer = true;
        return;
    }
    m_wait = wait;
    m_waitTarget = target;
}

void TaskLane::apply(const trace::Record& r, const trace::Trace& trace) {
    const std::uint64_t now = r.time;
    TaskSegment* cur = current();
    const TaskState state = cur ? cur->state : TaskState::Done;
    const bool done = cur && state == TaskState::Done;
    auto finish = [&](PollResult how) {
        if (done) return;
        close(now);
        TaskSegment d;
        d.start = now;
        d.state = TaskState::Done;
        d.result = how;
        open(d);
    };
    switch (r.kind) {
    case EventKind::Spawn:
        if (r.arg2 != trace::kNoString) m_name = std::string(trace.string(r.arg2));
        m_template = r.templateIndex();
        if (m_segments.empty()) {
            TaskSegment s;
            s.start = now;
            s.state = TaskState::Scheduled;
            s.flags = kSegSpawned;
            open(s);
        }
        break;
    case EventKind::Schedule:
        if (static_cast<QueueKind>(r.sub) == QueueKind::Blocking) {
            setWait(WaitOn::Blocking, r.arg);
            break;
        }
        if (!cur || state == TaskState::Idle) {
            // Into a run queue without its wake yet (the wake follows at
            // this instant from another thread) or without any.
            close(now);
            TaskSegment s;
            s.start = now;
            s.state = TaskState::Scheduled;
            open(s);
        } else if (state == TaskState::Running) {
            m_notified = true;
        }
        break;
    case EventKind::PollStart: {
        if (done) break;
        close(now);
        TaskSegment s;
        s.start = now;
        s.state = TaskState::Running;
        s.worker = r.worker;
        open(s);
        m_wait = WaitOn::Unknown;
        m_waitTarget = 0;
        m_timer = false;
        m_notified = false;
        m_wakeSource = WakeSource::External;
        m_waker = 0;
        break;
    }
    case EventKind::PollEnd: {
        if (!cur || state != TaskState::Running) break;
        const auto result = static_cast<PollResult>(r.sub);
        cur->awaitPoint = r.arg;
        cur->result = result;
        close(now);
        TaskSegment s;
        s.start = now;
        switch (result) {
        case PollResult::Pending:
            if (m_notified) {
                s.state = TaskState::Scheduled;
                s.wake = m_wakeSource;
                s.target = m_waker;
            } else {
                s.state = TaskState::Idle;
                s.awaitPoint = r.arg;
                s.wait = m_wait == WaitOn::Unknown && m_timer ? WaitOn::Timer : m_wait;
                s.target = m_waitTarget;
                if (m_timer && s.wait != WaitOn::Timer && s.wait != WaitOn::Unknown)
                    s.flags |= kSegTimeout;
            }
            break;
        case PollResult::Ready:
        case PollResult::Error:
        case PollResult::Cancelled:
            s.state = TaskState::Done;
            s.result = result;
            break;
        }
        open(s);
        break;
    }
    case EventKind::Wake: {
        const auto source = static_cast<WakeSource>(
            std::min<std::uint8_t>(r.sub, static_cast<std::uint8_t>(WakeSource::Count) - 1));
        if (!cur || state == TaskState::Idle) {
            close(now);
            TaskSegment s;
            s.start = now;
            s.state = TaskState::Scheduled;
            s.wake = source;
            s.target = r.arg;
            open(s);
        } else if (state == TaskState::Running) {
            m_notified = true;
            m_wakeSource = source;
            m_waker = r.arg;
        } else if (state == TaskState::Scheduled && !(cur->flags & kSegSpawned) &&
                   cur->start == now && cur->wake == WakeSource::External && !cur->target) {
            // Its Schedule came first at this instant: the wake says why.
            cur->wake = source;
            cur->target = r.arg;
        }
        break;
    }
    case EventKind::Complete: finish(PollResult::Ready); break;
    case EventKind::Error: finish(PollResult::Error); break;
    case EventKind::Cancel:
        if (r.sub == 1) finish(PollResult::Cancelled);
        break;
    case EventKind::LockContend: setWait(WaitOn::Lock, r.arg); break;
    case EventKind::ChanFull: setWait(WaitOn::ChannelFull, r.arg); break;
    case EventKind::ChanEmpty: setWait(WaitOn::ChannelEmpty, r.arg); break;
    case EventKind::SemWait: setWait(WaitOn::Semaphore, r.arg); break;
    case EventKind::JoinWait: setWait(r.arg ? WaitOn::Join : WaitOn::JoinAny, r.arg); break;
    case EventKind::NotifyWait: setWait(WaitOn::Notify, r.arg); break;
    case EventKind::TimerRegister: setWait(WaitOn::Timer, 0); break;
    default:
        break;  // the others' `task` is not this task's (a job id, a steal) or says nothing new
    }
}

std::pair<std::size_t, std::size_t> TaskLane::visible(double t0, double t1,
                                                      std::uint64_t now) const {
    return visibleUpTo(m_segments, t0, t1, now);
}

const TaskSegment* TaskLane::at(std::uint64_t t) const noexcept {
    const auto it = std::partition_point(m_segments.begin(), m_segments.end(),
                                         [&](const TaskSegment& s) { return s.start <= t; });
    if (it == m_segments.begin()) return nullptr;
    const TaskSegment& s = *(it - 1);
    return s.open() || s.end >= t ? &s : nullptr;
}

// ---------------------------------------------------------- LevelSeries --

void LevelSeries::sealBlocks() {
    const std::size_t n = m_levels.size();
    if (n == 0 || n % kBlock) return;
    std::uint32_t m = 0;
    for (std::size_t i = n - kBlock; i < n; ++i) m = std::max(m, m_levels[i].value);
    m_blockMax.push_back(m);
    const std::size_t b = m_blockMax.size();
    if (b % kBlock) return;
    m_superMax.push_back(*std::max_element(m_blockMax.end() - kBlock, m_blockMax.end()));
}

void LevelSeries::unsealBlocks() {
    const std::size_t n = m_levels.size();
    if (n == 0 || n % kBlock) return;
    if (m_blockMax.size() % kBlock == 0) m_superMax.pop_back();
    m_blockMax.pop_back();
}

void LevelSeries::set(std::uint64_t t, std::uint32_t v) {
    m_max = std::max(m_max, v);
    if (m_levels.empty()) {
        m_levels.push_back({t, kOpenEnd, v, kSpanOpen});
        sealBlocks();
        return;
    }
    Level& last = m_levels.back();
    if (last.value == v) return;
    if (t <= last.start) {
        // Another change in the same instant: only the last one is seen.
        unsealBlocks();
        if (m_levels.size() >= 2 && m_levels[m_levels.size() - 2].value == v) {
            m_levels.pop_back();
            m_levels.back().end = kOpenEnd;
            m_levels.back().flags |= kSpanOpen;
        } else {
            m_levels.back().value = v;
            sealBlocks();
        }
        return;
    }
    last.end = t;
    last.flags &= static_cast<std::uint8_t>(~kSpanOpen);
    m_levels.push_back({t, kOpenEnd, v, kSpanOpen});
    sealBlocks();
}

std::uint32_t LevelSeries::at(std::uint64_t t) const noexcept {
    const auto it = std::partition_point(m_levels.begin(), m_levels.end(),
                                         [&](const Level& l) { return l.start <= t; });
    return it == m_levels.begin() ? 0 : (it - 1)->value;
}

std::uint32_t LevelSeries::maxIn(std::size_t first, std::size_t last) const noexcept {
    last = std::min(last, m_levels.size());
    std::uint32_t m = 0;
    std::size_t i = first;
    // Levels up to a block boundary, then whole blocks (whole super blocks
    // where aligned), then the levels left.
    for (; i < last && i % kBlock; ++i) m = std::max(m, m_levels[i].value);
    while (i + kBlock <= last && i / kBlock < m_blockMax.size()) {
        const std::size_t b = i / kBlock;
        if (b % kBlock == 0 && i + kBlock * kBlock <= last && b / kBlock < m_superMax.size()) {
            m = std::max(m, m_superMax[b / kBlock]);
            i += kBlock * kBlock;
        } else {
            m = std::max(m, m_blockMax[b]);
            i += kBlock;
        }
    }
    for (; i < last; ++i) m = std::max(m, m_levels[i].value);
    return m;
}

std::uint32_t LevelSeries::maxOver(std::uint64_t t0, std::uint64_t t1) const noexcept {
    if (t1 <= t0) return at(t0);
    // Levels whose value holds at some instant of [t0, t1): the level in
    // force at t0 (it ends after t0) to the last one starting before t1.
    const auto first = std::partition_point(m_levels.begin(), m_levels.end(),
                                            [&](const Level& l) { return l.end <= t0; });
    const auto last =
        std::partition_point(first, m_levels.end(), [&](const Level& l) { return l.start < t1; });
    return maxIn(static_cast<std::size_t>(first - m_levels.begin()),
                 static_cast<std::size_t>(last - m_levels.begin()));
}

std::pair<std::size_t, std::size_t> LevelSeries::visible(double t0, double t1,
                                                         std::uint64_t now) const {
    return visibleUpTo(m_levels, t0, t1, now);
}

void LevelSeries::clear() {
    *this = LevelSeries();
}

// --------------------------------------------------------- ResourceLane --

ResourceMeta resourceMeta(ResourceId id, const scenario::RunTables* tables,
                          const trace::TraceInfo* info) {
    if (tables)
        if (const scenario::RunResource* r = tables->resource(id.value()))
            return {r->name, r->kind, r->capacity, true};
    if (info)
        for (const trace::RecordedResource& r : info->resources)
            if (r.id == id.value())
                return {r.name, static_cast<scenario::ResourceKind>(r.kind), r.capacity, true};
    return {};
}

bool ResourceLane::isLock() const noexcept {
    return m_meta.kind == scenario::ResourceKind::Mutex ||
           m_meta.kind == scenario::ResourceKind::BlockingMutex;
}

bool ResourceLane::isChannel() const noexcept {
    return m_meta.kind == scenario::ResourceKind::Channel ||
           m_meta.kind == scenario::ResourceKind::UnboundedChannel ||
           m_meta.kind == scenario::ResourceKind::Oneshot;
}

std::uint32_t ResourceLane::scale() const noexcept {
    if (m_meta.kind == scenario::ResourceKind::Oneshot) return 1;
    const bool bounded = m_meta.kind == scenario::ResourceKind::Channel ||
                         m_meta.kind == scenario::ResourceKind::Semaphore;
    if (bounded && m_meta.capacity) return clamp32(m_meta.capacity);
    return std::max<std::uint32_t>(1, level().maxValue());
}

const LevelSeries& ResourceLane::level() const noexcept {
    if (m_meta.kind == scenario::ResourceKind::Semaphore) return m_inUse;
    if (isChannel()) return m_fill;
    return m_waiters;
}

std::pair<std::size_t, std::size_t> ResourceLane::visibleHolders(double t0, double t1,
                                                                 std::uint64_t now) const {
    return visibleUpTo(m_holders, t0, t1, now);
}

void ResourceLane::reset() {
    ResourceMeta given = m_meta;
    if (m_kindSeen) given = {given.name, scenario::ResourceKind::Mutex, 0, false};
    *this = ResourceLane(m_id, std::move(given));
}

void ResourceLane::extend(const trace::Trace& trace) {
    const std::size_t n = trace.size();
    if (n < m_next) reset();
    // The kind column first: a record is decoded only when its kind can
    // concern this resource or one of its waiters.
    const auto kinds = trace.kinds();
    for (std::size_t i = m_next; i < n; ++i) {
        const auto kind = static_cast<EventKind>(kinds[i]);
        if (argIsResource(kind)) {
            apply(trace.at(i));
            continue;
        }
        switch (kind) {
        case EventKind::Wake:
        case EventKind::Complete:
        case EventKind::Error:
        case EventKind::Cancel:
        case EventKind::PollEnd:
        case EventKind::JoinWait:
        case EventKind::Schedule:
            if (!m_waiting.empty() || !m_receiving.empty()) apply(trace.at(i));
            break;
        default: break;
        }
    }
    m_next = n;
    if (n) m_lastTime = std::max(m_lastTime, trace.times()[n - 1]);
}

void ResourceLane::guessKind(EventKind k, std::uint8_t sub) {
    if (m_meta.known || m_kindSeen) return;
    m_kindSeen = true;
    switch (k) {
    case EventKind::LockAcquire:
    case EventKind::LockContend:
    case EventKind::LockRelease:
        m_meta.kind = static_cast<LockKind>(sub) == LockKind::BlockingMutex
                          ? scenario::ResourceKind::BlockingMutex
                          : scenario::ResourceKind::Mutex;
        break;
    case EventKind::SemAcquire:
    case EventKind::SemRelease:
    case EventKind::SemWait: m_meta.kind = scenario::ResourceKind::Semaphore; break;
    case EventKind::NotifyWait: m_meta.kind = scenario::ResourceKind::Notify; break;
    default: m_meta.kind = scenario::ResourceKind::Channel; break;  // capacity from ChanFull
    }
}

void ResourceLane::join(std::unordered_set<std::uint32_t>& set, LevelSeries& series,
                        std::uint32_t task, std::uint64_t now) {
    if (set.insert(task).second) series.set(now, clamp32(set.size()));
}

void ResourceLane::leave(std::unordered_set<std::uint32_t>& set, LevelSeries& series,
                         std::uint32_t task, std::uint64_t now) {
    if (set.erase(task)) series.set(now, clamp32(set.size()));
}

void ResourceLane::openHolderSpan(std::uint64_t now) {
    if (m_holding.empty()) return;
    m_holders.push_back({now, kOpenEnd, m_holding.front(),
                         static_cast<std::uint32_t>(m_holding.size()), kSpanOpen});
}

void ResourceLane::closeHolderSpan(std::uint64_t now) {
    if (m_holders.empty() || !m_holders.back().open()) return;
    HolderSpan& s = m_holders.back();
    s.end = std::max(s.start, now);
    s.flags &= static_cast<std::uint8_t>(~kSpanOpen);
}

void ResourceLane::acquire(std::uint32_t task, std::uint64_t now) {
    if (std::find(m_holding.begin(), m_holding.end(), task) != m_holding.end()) return;
    closeHolderSpan(now);
    // The engine's locks are exclusive: a new holder means the last one let
    // go, even when its release comes later in the merged trace (another
    // thread, the same instant).
    m_holding.clear();
    m_holding.push_back(task);
    openHolderSpan(now);
}

void ResourceLane::release(std::uint32_t task, std::uint64_t now) {
    const auto it = std::find(m_holding.begin(), m_holding.end(), task);
    if (it == m_holding.end() && task != 0) return;  // not the holder (any more)
    closeHolderSpan(now);
    if (it == m_holding.end())
        m_holding.clear();  // released from outside any task
    else
        m_holding.erase(it);
    openHolderSpan(now);
}

void ResourceLane::apply(const trace::Record& r) {
    const std::uint64_t now = r.time;
    const std::uint32_t task = r.task;
    const bool mine = r.arg == m_id.value();
    // A waiter that waits on something else, ends or is woken (not for a
    // lock: it is handed the lock first) is not waiting here any more.
    auto away = [&] {
        leave(m_waiting, m_waiters, task, now);
        leave(m_receiving, m_receivers, task, now);
    };
    switch (r.kind) {
    case EventKind::LockAcquire:
        if (!mine) break;
        guessKind(r.kind, r.sub);
        leave(m_waiting, m_waiters, task, now);
        acquire(task, now);
        break;
    case EventKind::LockRelease:
        if (!mine) break;
        guessKind(r.kind, r.sub);
        release(task, now);
        break;
    case EventKind::LockContend:
    case EventKind::SemWait:
    case EventKind::NotifyWait:
        if (!mine) {
            away();
            break;
        }
        guessKind(r.kind, r.sub);
        join(m_waiting, m_waiters, task, now);
        break;
    case EventKind::ChanSend:
    case EventKind::ChanRecv:
        if (!mine) break;
        guessKind(r.kind, r.sub);
        m_fill.set(now, r.arg2);
        if (r.kind == EventKind::ChanSend)
            leave(m_waiting, m_waiters, task, now);
        else
            leave(m_receiving, m_receivers, task, now);
        break;
    case EventKind::ChanFull:
        if (!mine) {
            away();
            break;
        }
        guessKind(r.kind, r.sub);
        if (!m_meta.known && !m_meta.capacity) m_meta.capacity = r.arg2;
        m_fill.set(now, r.arg2);
        join(m_waiting, m_waiters, task, now);
        break;
    case EventKind::ChanEmpty:
        if (!mine) {
            away();
            break;
        }
        guessKind(r.kind, r.sub);
        m_fill.set(now, 0);
        join(m_receiving, m_receivers, task, now);
        break;
    case EventKind::ChanClose:
        if (mine && !m_closed) m_closed = now;
        break;
    case EventKind::SemAcquire:
        if (!mine) break;
        guessKind(r.kind, r.sub);
        m_used += r.arg2;
        m_inUse.set(now, clamp32(m_used));
        leave(m_waiting, m_waiters, task, now);
        break;
    case EventKind::SemRelease:
        if (!mine) break;
        guessKind(r.kind, r.sub);
        m_used -= std::min<std::uint64_t>(m_used, r.arg2);
        m_inUse.set(now, clamp32(m_used));
        break;
    case EventKind::Wake:
        if (!isLock()) away();
        break;
    case EventKind::JoinWait:
    case EventKind::Complete:
    case EventKind::Error: away(); break;
    case EventKind::Cancel:
        if (r.sub == 1) away();
        break;
    case EventKind::PollEnd:
        if (static_cast<PollResult>(r.sub) == PollResult::Cancelled) away();
        break;
    case EventKind::Schedule:
        if (static_cast<QueueKind>(r.sub) == QueueKind::Blocking) away();
        break;
    default: break;
    }
}

// ---------------------------------------------------------- DetailLanes --

bool DetailLanes::addTask(TaskId task) {
    if (contains(ItemRef(task))) return false;
    m_lanes.emplace_back(TaskLane(task));
    return true;
}

bool DetailLanes::addResource(ResourceId id, ResourceMeta meta) {
    if (contains(ItemRef(id))) return false;
    m_lanes.emplace_back(ResourceLane(id, std::move(meta)));
    return true;
}

ItemRef DetailLanes::ref(std::size_t i) const noexcept {
    if (i >= m_lanes.size()) return {};
    if (const auto* t = std::get_if<TaskLane>(&m_lanes[i])) return ItemRef(t->task());
    return ItemRef(std::get<ResourceLane>(m_lanes[i]).id());
}

std::optional<std::size_t> DetailLanes::indexOf(ItemRef r) const noexcept {
    if (r.kind() != ItemRef::Kind::Task && r.kind() != ItemRef::Kind::Resource) return std::nullopt;
    for (std::size_t i = 0; i < m_lanes.size(); ++i)
        if (ref(i) == r) return i;
    return std::nullopt;
}

bool DetailLanes::contains(ItemRef r) const noexcept {
    return indexOf(r).has_value();
}

bool DetailLanes::remove(ItemRef r) {
    const auto i = indexOf(r);
    if (!i) return false;
    m_lanes.erase(m_lanes.begin() + static_cast<std::ptrdiff_t>(*i));
    return true;
}

void DetailLanes::extend(const trace::Trace& trace) {
    for (Lane& l : m_lanes) std::visit([&](auto& lane) { lane.extend(trace); }, l);
}

const TaskLane* DetailLanes::taskLane(std::size_t i) const noexcept {
    return i < m_lanes.size() ? std::get_if<TaskLane>(&m_lanes[i]) : nullptr;
}

const ResourceLane* DetailLanes::resourceLane(std::size_t i) const noexcept {
    return i < m_lanes.size() ? std::get_if<ResourceLane>(&m_lanes[i]) : nullptr;
}

std::uint64_t DetailLanes::lastTime() const noexcept {
    std::uint64_t t = 0;
    for (const Lane& l : m_lanes)
        t = std::max(t, std::visit([](const auto& lane) { return lane.lastTime(); }, l));
    return t;
}

}  // namespace asyncscope::core
