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
    const std::uint64_t nameIdx = groupKey(culprit);
    Aggregate& agg = blockingAgg[{nameIdx, point}];
    agg.add(p.task, d);
    if (agg.serial) {
        Finding* f = get(agg.serial);
        if (!f) return;
        f->count = agg.count;
        f->durationNs = agg.longest;
        listTask(f->tasks, p.task);
        f->title = blockingGroupTitle(agg, nameIdx);
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
        if (w == worker || s.workers[w].blockOn) continue;  // main waits for its own thread
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

std::vector<Finding> Detectors::Impl::soFar(const RuntimeState& s, std::uint64_t now) const {
    std::vector<Finding> out = sorted();
    if (finished) return out;
    for (std::size_t w = 0; w < polls.size(); ++w) {
        const Poll& p = polls[w];
        if (!p.active || now <= p.start) continue;
        const std::uint64_t d = now - p.start;
        // The host's share does not count (see longPoll); what it excuses
        // is only known when the poll ends.
        if (d - std::min(d, p.stolen) <= opt.blockingPollNs) continue;
        const TaskInfo* culprit = s.task(TaskId(p.task));
        const std::uint32_t point = culprit ? culprit->awaitPoint : 0;
        // Its group already has a finding, which this poll updates when it ends.
        if (const auto agg = blockingAgg.find({groupKey(culprit), point});
            agg != blockingAgg.end() && agg->second.serial)
            continue;
        Finding f;
        f.kind = FindingKind::BlockingTheRuntime;
        f.ongoing = true;
        f.time = p.start + opt.blockingPollNs + 1;  // the instant it became longer
        f.eventIndex = p.index;
        f.tasks = {p.task};
        f.threads = {static_cast<std::uint16_t>(w)};
        if (p.blockingLock) f.resources = {p.blockingLock};
        // "At least" the threshold: the same finding frame after frame until
        // the poll ends (a live view is not rebuilt at every frame for it).
        f.durationNs = opt.blockingPollNs;
        const auto worker = static_cast<std::uint16_t>(w);
        blockingText(f, p, worker, f.durationNs, point, false, now, {}, 0, 0);  // why, fix
        const std::string pt = point ? " (await point " + std::to_string(point) + ")" : "";
        const std::string ptZh = point ? "（await 点 " + std::to_string(point) + "）" : " ";
        f.title = {"Blocking the runtime: " + task(p.task, false) + " has held " +
                       threadName(worker, false) + " for over " + dur(opt.blockingPollNs, false),
                   "阻塞运行时：" + task(p.task, true) + " 占用" + threadName(worker, true) +
                       " 已超过 " + dur(opt.blockingPollNs, true)};
        f.what = {"One poll of " + task(p.task, false) + pt + " has been running on " +
                      threadName(worker, false) + " since " + at(p.start, false) +
                      ", for more than " + dur(opt.blockingPollNs, false) +
                      ", and has not returned yet: the worker can run nothing else meanwhile.",
                  task(p.task, true) + ptZh + "的一次轮询从 " + at(p.start, true) + " 起一直在" +
                      threadName(worker, true) + " 上运行，已超过 " +
                      dur(opt.blockingPollNs, true) +
                      "，还没有返回：这期间该工作线程无法运行别的任务。"};
        const auto at =
            std::upper_bound(out.begin(), out.end(), f.time,
                             [](std::uint64_t t, const Finding& g) { return t < g.time; });
        out.insert(at, std::move(f));
    }
    return out;
}

}  // namespace asyncscope::trace

namespace asyncscope::trace {

using namespace detect;

// A poll over the threshold. Under the real clock part of it may be the
// host's: the time the OS kept the worker off its core (HostPreempt). The
// task held the worker for the rest; only when that is over the threshold
// is it the task's doing.
void Detectors::Impl::longPoll(const RuntimeState& s, const Record& r, std::size_t index,
                               const Poll& p, std::uint16_t worker, std::uint64_t d,
                               std::uint32_t point, bool ended) {
    const std::uint64_t own = d - std::min(d, p.stolen);
    if (own > opt.blockingPollNs || p.stolen == 0) {
        reportBlocking(s, r, index, p, worker, d, point, ended);
        return;
    }
    ++host.excused;
    if (p.stolen > host.longestNs) {
        host.longestNs = p.stolen;
        host.longestWorker = worker;
        host.longestTask = p.task;
        host.longestPollNs = d;
        host.longestAt = p.start;
    }
    if (host.serial) {
        if (Finding* f = get(host.serial)) {
            listTask(f->tasks, p.task);
            if (std::find(f->threads.begin(), f->threads.end(), worker) == f->threads.end())
                f->threads.push_back(worker);
            hostText(*f, s);
        }
        return;
    }
    Finding f;
    f.kind = FindingKind::HostPreemption;
    f.time = r.time;
    f.eventIndex = index;
    f.tasks = {p.task};
    f.threads = {worker};
    hostText(f, s);
    host.serial = add(std::move(f));
}

}  // namespace asyncscope::trace
