// LockConvoy: a lock handed from one queued waiter to the next
// convoyHandoffs times in a row with at least convoyMinWaiters queued. The
// streak is counted at each LockAcquire; one finding per lock, updated with
// the longest streak and the number of episodes.
#include "trace/detectors/detectors_impl.hpp"

#include <algorithm>

namespace asyncscope::trace {

using namespace detect;

void Detectors::Impl::onLockAcquire(const RuntimeState& s, const Record& r, std::size_t index,
                                    const WaitTarget& before) {
    const ResourceId lock(r.arg);
    auto it = s.locks.find(lock);
    if (it == s.locks.end()) return;
    const LockInfo& l = it->second;
    const bool wasWaiter =
        (before.kind() == WaitKind::Mutex || before.kind() == WaitKind::BlockingMutex) &&
        before.resource() == lock;
    const std::size_t queue = l.waiters.size() + (wasWaiter ? 1 : 0);
    Convoy& c = convoys[r.arg];
    if (wasWaiter && queue >= opt.convoyMinWaiters) {
        ++c.streak;
        c.maxQueue = std::max(c.maxQueue, queue);
        listTask(c.tasks, r.task);
    } else if (queue < opt.convoyMinWaiters) {
        c.streak = 0;
        c.reportedThisEpisode = false;
        return;
    } else {
        return;  // a barging acquisition with a queue still there
    }
    c.best = std::max(c.best, c.streak);
    if (c.streak < opt.convoyHandoffs) return;
    if (!c.reportedThisEpisode) {
        c.reportedThisEpisode = true;
        ++c.episodes;
    }
    if (!c.serial) {
        Finding f;
        f.kind = FindingKind::LockConvoy;
        f.time = r.time;
        f.eventIndex = index;
        f.resources = {r.arg};
        fillConvoy(f, l, c);
        c.serial = add(std::move(f));
    } else if (Finding* f = get(c.serial)) {
        fillConvoy(*f, l, c);
    }
}

void Detectors::Impl::fillConvoy(Finding& f, const LockInfo& l, const Convoy& c) {
    f.tasks = c.tasks;
    f.count = c.best;
    convoyText(f, l, c);
}

}  // namespace asyncscope::trace
