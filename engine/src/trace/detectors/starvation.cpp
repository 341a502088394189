// Starvation: a task runnable (Scheduled, in a queue) for longer than
// starvationNs while other tasks were polled. Reported when it is finally
// polled, or -- still waiting -- at the first event past the threshold
// (checkStarvation, over the queued tasks in order of the time they became
// runnable); repeats by tasks of the same name update one finding.
#include "trace/detectors/detectors_impl.hpp"

#include <algorithm>

namespace asyncscope::trace {

using namespace detect;

void Detectors::Impl::reportStarvation(const RuntimeState& s, const Record& r, std::size_t index,
                                       std::uint32_t id, std::uint64_t since, std::uint64_t others,
                                       bool stillWaiting) {
    const std::uint64_t now = s.time;
    const std::uint64_t waited = now - since;
    const TaskInfo* t = s.task(TaskId(id));
    const std::uint64_t nameIdx = groupKey(t);
    Aggregate& agg = starveAgg[nameIdx];
    // Still waiting: its whole wait is known only when it is polled.
    agg.count1(id);
    if (stillWaiting && id < tracks.size()) {
        tracks[id].starveOpen = true;
        agg.longest = std::max(agg.longest, waited);  // at least; the rest comes later
    } else {
        agg.duration(waited);
    }
    if (agg.serial) {
        Finding* f = get(agg.serial);
        if (!f) return;
        listTask(f->tasks, id);
        f->count = agg.count;
        f->durationNs = agg.longest;
        f->title = starvationGroupTitle(agg, nameIdx);
        f->what = starvationRepeatText(agg, nameIdx);
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
    if (queuedOnWorker(t)) f.threads = {t->worker};
    starvationText(f, t, id, since, waited, others, stillWaiting, ran);
    agg.baseWhat = f.what;
    agg.serial = add(std::move(f));
}

void Detectors::Impl::starvationEnded(const RuntimeState& s, std::uint32_t id,
                                      std::uint64_t waited) {
    if (id >= tracks.size() || !tracks[id].starveOpen) return;
    tracks[id].starveOpen = false;
    const std::uint64_t key = groupKey(s.task(TaskId(id)));
    auto it = starveAgg.find(key);
    if (it == starveAgg.end()) return;
    Aggregate& agg = it->second;
    agg.duration(waited);
    Finding* f = agg.serial ? get(agg.serial) : nullptr;
    if (!f) return;
    f->durationNs = agg.longest;
    if (agg.count > 1) {
        f->title = starvationGroupTitle(agg, key);
        f->what = starvationRepeatText(agg, key);
    } else {
        f->title = {"Starvation: " + task(id, false) + " waited " + dur(waited, false) + " to run",
                    "饥饿：" + task(id, true) + " 等了 " + dur(waited, true) + " 才轮到运行"};
    }
}

void Detectors::Impl::checkStarvation(const RuntimeState& s, const Record& r, std::size_t index) {
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

}  // namespace asyncscope::trace
