// Stall: at a quiescent point (nothing runnable or running, no timer, no
// blocking job in flight), the unfinished tasks that no deadlock or lost waker
// already explains. The lost wakers due are reported first, since a task
// stuck behind one is explained by it. Retracted when progress resumes
// (detectors.cpp).
#include "trace/detectors/detectors_impl.hpp"

#include <algorithm>

namespace asyncscope::trace {

using namespace detect;

// Whether task `id` waits, through a chain of lock holders and joined
// tasks, on a deadlock or a lost wake-up already reported. `memo` (one
// per quiescent check, indexed by task id: 0 unknown, 1 yes, 2 no) makes
// the check of all tasks linear in their number: a chain of 5,000 joins
// is walked once, not once per task.
bool Detectors::Impl::explained(const RuntimeState& s, TaskId id,
                                std::vector<std::uint8_t>& memo) const {
    std::vector<std::uint32_t> path;
    TaskId cur = id;
    bool result = false;
    for (std::size_t step = 0; step <= s.tasks.size(); ++step) {
        const std::uint32_t i = cur.value();
        if (i < memo.size() && memo[i] != 0) {
            result = memo[i] == 1;
            break;
        }
        path.push_back(i);
        if (deadlockTasks.count(i) || (i < tracks.size() && tracks[i].lostSerial)) {
            result = true;
            break;
        }
        const WaitTarget w = waitOf(s, cur);
        TaskId next = kNoTask;
        if (w.kind() == WaitKind::Mutex || w.kind() == WaitKind::BlockingMutex)
            next = holderOf(s, *w.resource());
        else if (const std::optional<TaskId> joined = w.task())
            next = *joined;
        if (next == kNoTask || next == cur || !aliveTask(s.task(next))) break;
        cur = next;
    }
    for (std::uint32_t t : path)
        if (t < memo.size()) memo[t] = result ? 1 : 2;
    return result;
}

void Detectors::Impl::onQuiescent(const RuntimeState& s, const Record& r, std::size_t index) {
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
            stuck.push_back(t.id.value());
    }
    if (stuck.empty()) return;
    Finding f;
    f.kind = FindingKind::Stall;
    f.time = r.time;
    f.eventIndex = index;
    f.tasks = stuck;
    for (std::uint32_t id : stuck) {
        // Only resources: a joined task or a spawn_blocking job is not one.
        const std::optional<ResourceId> on = waitOf(s, TaskId(id)).resource();
        if (on && on->value() &&
            std::find(f.resources.begin(), f.resources.end(), on->value()) == f.resources.end())
            f.resources.push_back(on->value());
    }
    stallText(f, s, stuck, explainedCount, r.time);
    stallSerial = add(std::move(f));
}

}  // namespace asyncscope::trace
