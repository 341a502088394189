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
    build(trace, endTime);
    m_findings.reserve(findings.size());
    for (std::size_t i = 0; i < findings.size(); ++i) {
        const trace::Finding& f = findings[i];
        m_findings.push_back({f.time, f.kind, static_cast<std::uint32_t>(i), f.title});
    }
    std::stable_sort(m_findings.begin(), m_findings.end(),
                     [](const FindingMark& a, const FindingMark& b) { return a.time < b.time; });
    if (!m_findings.empty()) m_end = std::max(m_end, m_findings.back().time);
}

void TimelineModel::build(const trace::Trace& trace, std::uint64_t endTime) {
    m_strings = trace.strings();
    m_end = std::max(endTime, trace.endTime());
    m_workers.resize(trace.info().workers);

    // What is open while the events go by: per worker the poll and the park,
    // per blocking thread the job; per task its wakes not yet followed by a
    // poll, as a list threaded through `nextWake` (index, kNone ends it).
    struct OpenPoll {
        std::uint64_t start = 0;
        std::uint32_t task = 0;
        bool open = false;
    };
    struct OpenPark {
        std::uint64_t since = 0;
        bool open = false;
    };
    std::vector<OpenPoll> polls(m_workers.size());
    std::vector<OpenPark> parks(m_workers.size());
    std::vector<JobSpan> jobs;  // flags: 1 while open
    std::vector<std::uint32_t> wakeHead, nextWake;

    auto closePark = [&](std::size_t w, std::uint64_t now) {
        OpenPark& p = at(parks, w);
        if (!p.open) return;
        at(m_workers, w).parked.push_back({p.since, now, 0});
        p.open = false;
    };
    auto closePoll = [&](std::size_t w, std::uint64_t now, std::uint32_t awaitPoint,
                         PollResult result, std::uint8_t flags) {
        OpenPoll& p = at(polls, w);
        if (!p.open) return;
        at(m_workers, w).polls.push_back({p.start, now, p.task, awaitPoint, result, flags});
        ++m_polls;
        p.open = false;
    };

    const std::size_t n = trace.size();
    for (std::size_t i = 0; i < n; ++i) {
        const trace::Record r = trace.at(i);
        const std::uint64_t now = r.time;
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
            closePoll(w, now, 0, PollResult::Pending, 0);  // never both open; be safe
            closePark(w, now);
            at(polls, w) = {now, r.task, true};
            at(m_workers, w);
            // The wakes that made this poll happen now know where it ran.
            if (r.task < wakeHead.size()) {
                for (std::uint32_t k = wakeHead[r.task]; k != kNone; k = nextWake[k]) {
                    m_wakes[k].pollTime = now;
                    m_wakes[k].pollWorker = r.worker;
                }
                wakeHead[r.task] = kNone;
            }
            break;
        }
        case EventKind::PollEnd:
            if (!r.onWorker() || r.worker >= polls.size() || polls[r.worker].task != r.task) break;
            closePoll(r.worker, now, r.arg, static_cast<PollResult>(r.sub), 0);
            break;
        case EventKind::Park:
            if (!r.onWorker()) break;
            if (OpenPark& p = at(parks, r.worker); !p.open) p = {now, true};
            at(m_workers, r.worker);
            break;
        case EventKind::Unpark:
            if (r.onWorker()) closePark(r.worker, now);
            break;
        case EventKind::Wake: {
            const auto k = static_cast<std::uint32_t>(m_wakes.size());
            m_wakes.push_back({now, 0, r.task, r.arg, r.worker, trace::kNoThread,
                               static_cast<WakeSource>(r.sub)});
            if (r.task >= wakeHead.size()) wakeHead.resize(r.task + 1, kNone);
            nextWake.push_back(wakeHead[r.task]);
            wakeHead[r.task] = k;
            break;
        }
        case EventKind::Steal:
            m_steals.push_back({now, r.task, r.arg2, r.worker, static_cast<std::uint16_t>(r.arg)});
            break;
        case EventKind::BlockingThreadStart:
            if (r.onBlockingThread()) at(m_blocking, r.blockingIndex());
            break;
        case EventKind::BlockingStart: {
            if (!r.onBlockingThread()) break;
            const std::size_t b = r.blockingIndex();
            at(m_blocking, b);
            JobSpan& j = at(jobs, b);
            if (j.flags) at(m_blocking, b).jobs.push_back({j.start, now, j.job, j.task, 0});
            j = {now, 0, r.task, r.arg, 1};
            break;
        }
        case EventKind::BlockingEnd: {
            if (!r.onBlockingThread()) break;
            const std::size_t b = r.blockingIndex();
            JobSpan& j = at(jobs, b);
            if (!j.flags || j.job != r.task) break;
            at(m_blocking, b).jobs.push_back({j.start, now, j.job, j.task, 0});
            j.flags = 0;
            break;
        }
        default: break;
        }
    }

    // What the recording ended in the middle of lasts to the run's end.
    for (std::size_t w = 0; w < polls.size(); ++w) {
        closePoll(w, m_end, 0, PollResult::Pending, kSpanOpen);
        if (parks[w].open) {
            m_workers[w].parked.push_back({parks[w].since, m_end, kSpanOpen});
            parks[w].open = false;
        }
    }
    for (std::size_t b = 0; b < jobs.size(); ++b)
        if (jobs[b].flags)
            m_blocking[b].jobs.push_back(
                {jobs[b].start, m_end, jobs[b].job, jobs[b].task, kSpanOpen});
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
