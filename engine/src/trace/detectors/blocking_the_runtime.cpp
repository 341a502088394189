// BlockingTheRuntime: one poll that held its worker longer than
// blockingPollNs, measured from its PollStart to its PollEnd (or to the end of
// the trace). The finding lists the tasks that were ready meanwhile (the
// blocked worker's own queues first) and counts the tasks other workers
// polled; repeats by tasks of the same name at the same await point update it.
#include "trace/detectors/detectors_impl.hpp"

#include <algorithm>

namespace asyncscope::trace {

using namespace detect;

void Detectors::Impl::reportBlocking(const RuntimeState& s, const Record& r, std::size_t index,
                                     const Poll& p, std::uint16_t worker, std::uint64_t d,
                                     std::uint32_t point, bool ended) {
    const TaskInfo* culprit = s.task(TaskId(p.task));
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
        f->what = blockingRepeatText(agg, nameIdx);
        return;
    }
    const std::uint64_t end = s.time;
    // Runnable meanwhile: still queued at the end of the poll, and picked
    // up by other workers during it.
    // Queued tasks, the blocked worker's own queues (only it, or a thief,
    // can run them; its LIFO slot cannot be stolen) first.
    std::vector<std::uint32_t> waiting;
    std::size_t waitingTotal = 0;
    auto take = [&](TaskId id) {
        if (id == kNoTask || id.value() == p.task) return;
        ++waitingTotal;
        if (waiting.size() < 64) waiting.push_back(id.value());
    };
    if (worker < s.workers.size()) {
        take(s.workers[worker].lifo);
        for (TaskId id : s.workers[worker].local) take(id);
    }
    for (TaskId id : s.global) take(id);
    for (std::size_t w = 0; w < s.workers.size(); ++w) {
        if (w == worker) continue;
        take(s.workers[w].lifo);
        for (TaskId id : s.workers[w].local) take(id);
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
    blockingText(f, p, worker, d, point, ended, end, waiting, waitingTotal, elsewhere.size());
    agg.baseWhat = f.what;
    agg.serial = add(std::move(f));
}

}  // namespace asyncscope::trace
