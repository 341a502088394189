// TimelineModel: one pass over a finished run's trace (see the header).
#include "timeline_model.hpp"

#include <asyncscope/scenario/live_run.hpp>

namespace asyncscope::core {

namespace {

constexpr std::uint32_t kNone = 0xFFFFFFFFu;

template <class T>
T& at(std::vector<T>& v, std::size_t i) {
    if (i >= v.size()) v.resize(i + 1);
    return v[i];
}

}  // namespace

TimelineModel::TimelineModel(const scenario::RecordedRun& run)
    : TimelineModel(run.trace, run.findings,
                    std::max<std::uint64_t>(run.trace.info().endTime,
                                            static_cast<std::uint64_t>(std::max<std::int64_t>(
                                                0, run.result.elapsed.count())))) {}

TimelineModel::TimelineModel(const trace::Trace& trace, std::span<const trace::Finding> findings,
                             std::uint64_t endTime) {
    append(trace, endTime);
    setFindings(findings);
}

void TimelineModel::setFindings(std::span<const trace::Finding> findings) {
    m_findings.clear();
    m_findings.reserve(findings.size());
    for (std::size_t i = 0; i < findings.size(); ++i) {
        const trace::Finding& f = findings[i];
        m_findings.push_back({f.time, f.kind, static_cast<std::uint32_t>(i), f.title});
    }
    std::stable_sort(m_findings.begin(), m_findings.end(),
                     [](const FindingMark& a, const FindingMark& b) { return a.time < b.time; });
    if (!m_findings.empty()) m_end = std::max(m_end, m_findings.back().time);
}

void TimelineModel::retractOpen() {
    // What showOpen() added is the last interval of its lane, flagged open.
    for (WorkerLane& l : m_workers) {
        if (!l.polls.empty() && (l.polls.back().flags & kSpanOpen)) {
            l.polls.pop_back();
            --m_polls;
        }
        if (!l.parked.empty() && (l.parked.back().flags & kSpanOpen)) l.parked.pop_back();
    }
    for (BlockingLane& l : m_blocking)
        if (!l.jobs.empty() && (l.jobs.back().flags & kSpanOpen)) l.jobs.pop_back();
}

void TimelineModel::showOpen() {
    // What the recording is in the middle of lasts to its end (so far).
    for (std::size_t w = 0; w < m_open.polls.size(); ++w) {
        const OpenPoll& p = m_open.polls[w];
        if (p.open) {
            m_workers[w].polls.push_back(
                {p.start, m_end, p.task, 0, PollResult::Pending, kSpanOpen});
            ++m_polls;
        }
    }
    for (std::size_t w = 0; w < m_open.parks.size(); ++w)
        if (m_open.parks[w].open)
            m_workers[w].parked.push_back({m_open.parks[w].since, m_end, kSpanOpen});
    for (std::size_t b = 0; b < m_open.jobs.size(); ++b)
        if (const JobSpan& j = m_open.jobs[b]; j.flags)
            m_blocking[b].jobs.push_back({j.start, m_end, j.job, j.task, kSpanOpen});
}

void TimelineModel::append(const trace::Trace& trace, std::uint64_t now) {
    retractOpen();
    const std::vector<std::string>& strings = trace.strings();
    for (std::size_t i = m_strings.size(); i < strings.size(); ++i) m_strings.push_back(strings[i]);
    if (!m_started) {
        m_started = true;
        const trace::TraceInfo& info = trace.info();
        if (info.blockOnThread) m_blockOnLane = info.workers;
        m_workers.resize(info.workers + (info.blockOnThread ? 1u : 0u));
        m_open.polls.resize(m_workers.size());
        m_open.parks.resize(m_workers.size());
    }
    m_end = std::max({m_end, now, trace.endTime()});

    auto& polls = m_open.polls;
    auto& parks = m_open.parks;
    auto& jobs = m_open.jobs;
    auto& wakeHead = m_open.wakeHead;
    auto& nextWake = m_open.nextWake;
    auto closePark = [&](std::size_t w, std::uint64_t t) {
        OpenPark& p = at(parks, w);
        if (!p.open) return;
        at(m_workers, w).parked.push_back({p.since, t, 0});
        p.open = false;
    };
    auto closePoll = [&](std::size_t w, std::uint64_t t, std::uint32_t awaitPoint,
                         PollResult result) {
        OpenPoll& p = at(polls, w);
        if (!p.open) return;
        at(m_workers, w).polls.push_back({p.start, t, p.task, awaitPoint, result, 0});
        ++m_polls;
        p.open = false;
    };

    const std::size_t n = trace.size();
    for (std::size_t i = m_seen; i < n; ++i) {
        const trace::Record r = trace.at(i);
        const std::uint64_t t = r.time;
        switch (r.kind) {
        case EventKind::Spawn: {
            TaskMeta& m = at(m_tasks, r.task);
            m.name = r.arg2;
            m.templ = r.templateIndex();
            break;
        }
        case EventKind::PollStart: {
            if (!r.onWorker()) break;
            const std::size_t w = r.worker;
            closePoll(w, t, 0, PollResult::Pending);  // never both open; be safe
            closePark(w, t);
            at(polls, w) = {t, r.task, true};
            at(parks, w);
            at(m_workers, w);
            // The wakes that made this poll happen now know where it ran.
            if (r.task < wakeHead.size()) {
                for (std::uint32_t k = wakeHead[r.task]; k != kNone; k = nextWake[k]) {
                    m_wakes[k].pollTime = t;
                    m_wakes[k].pollWorker = r.worker;
                }
                wakeHead[r.task] = kNone;
            }
            break;
        }
        case EventKind::PollEnd:
            if (!r.onWorker() || r.worker >= polls.size() || polls[r.worker].task != r.task) break;
            closePoll(r.worker, t, r.arg, static_cast<PollResult>(r.sub));
            break;
        case EventKind::Park:
            if (!r.onWorker()) break;
            if (OpenPark& p = at(parks, r.worker); !p.open) p = {t, true};
            at(polls, r.worker);
            at(m_workers, r.worker);
            break;
        case EventKind::Unpark:
            if (r.onWorker()) closePark(r.worker, t);
            break;
        case EventKind::Wake: {
            const auto k = static_cast<std::uint32_t>(m_wakes.size());
            m_wakes.push_back(
                {t, 0, r.task, r.arg, r.worker, trace::kNoThread, static_cast<WakeSource>(r.sub)});
            if (r.task >= wakeHead.size()) wakeHead.resize(r.task + 1, kNone);
            nextWake.push_back(wakeHead[r.task]);
            wakeHead[r.task] = k;
            break;
        }
        case EventKind::Steal:
            m_steals.push_back({t, r.task, r.arg2, r.worker, static_cast<std::uint16_t>(r.arg)});
            break;
        case EventKind::BlockingThreadStart:
            if (r.onBlockingThread()) {
                at(m_blocking, r.blockingIndex());
                at(jobs, r.blockingIndex());
            }
            break;
        case EventKind::BlockingStart: {
            if (!r.onBlockingThread()) break;
            const std::size_t b = r.blockingIndex();
            at(m_blocking, b);
            JobSpan& j = at(jobs, b);
            if (j.flags) at(m_blocking, b).jobs.push_back({j.start, t, j.job, j.task, 0});
            j = {t, 0, r.task, r.arg, 1};
            break;
        }
        case EventKind::BlockingEnd: {
            if (!r.onBlockingThread()) break;
            const std::size_t b = r.blockingIndex();
            JobSpan& j = at(jobs, b);
            if (!j.flags || j.job != r.task) break;
            at(m_blocking, b).jobs.push_back({j.start, t, j.job, j.task, 0});
            j.flags = 0;
            break;
        }
        default: break;
        }
    }
    m_seen = n;
    // Every worker and blocking thread seen has its open-state slot.
    m_workers.resize(std::max({m_workers.size(), polls.size(), parks.size()}));
    polls.resize(m_workers.size());
    parks.resize(m_workers.size());
    m_blocking.resize(std::max(m_blocking.size(), jobs.size()));
    jobs.resize(m_blocking.size());
    showOpen();
}

std::string_view TimelineModel::taskName(std::uint32_t task) const noexcept {
    if (task >= m_tasks.size() || m_tasks[task].name >= m_strings.size()) return {};
    return m_strings[m_tasks[task].name];
}

std::uint32_t TimelineModel::templateOf(std::uint32_t task) const noexcept {
    return task < m_tasks.size() ? m_tasks[task].templ : trace::kNoTemplate;
}

std::size_t TimelineModel::memoryBytes() const noexcept {
    std::size_t b = sizeof(*this);
    for (const WorkerLane& l : m_workers)
        b += l.polls.capacity() * sizeof(PollSpan) + l.parked.capacity() * sizeof(Interval);
    for (const BlockingLane& l : m_blocking) b += l.jobs.capacity() * sizeof(JobSpan);
    b += m_wakes.capacity() * sizeof(WakeMark) + m_steals.capacity() * sizeof(StealMark) +
         m_findings.capacity() * sizeof(FindingMark) + m_tasks.capacity() * sizeof(TaskMeta);
    for (const std::string& s : m_strings) b += sizeof(std::string) + s.capacity();
    return b;
}

}  // namespace asyncscope::core
