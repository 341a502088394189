// LostWaker: a task that returned Pending with nothing registered to wake it,
// and was never woken afterwards. Candidates are noted at their PollEnd,
// cleared by any wake, schedule or poll of the task (a finding already
// reported is then retracted), and reported at a quiescent point or at the end.
#include "trace/detectors/detectors_impl.hpp"

#include <utility>

namespace asyncscope::trace {

using namespace detect;

// A poll that returned Pending with no timer armed and no wait registered
// (neither the Reducer's nor a sticky one): a candidate, reported when the
// runtime goes quiet (onQuiescent) or the run ends (finish), unless a wake,
// schedule or poll clears it first.
void Detectors::Impl::noteLostCandidate(const RuntimeState& s, const Record& r, std::size_t index,
                                        const TaskInfo* t) {
    if (static_cast<PollResult>(r.sub) == PollResult::Pending && t && t->phase == TaskPhase::Idle &&
        t->waitTarget.kind() == WaitKind::None && track(r.task).sticky.kind() == WaitKind::None &&
        t->timers == 0) {
        TaskTrack& tt = tracks[r.task];
        tt.lost = true;
        tt.lostTime = s.time;
        tt.lostIndex = index;
        tt.lostPoint = r.arg;
        tt.lostWorker = r.worker;
        lostCandidates.insert(r.task);
    }
}

void Detectors::Impl::reportLost(std::uint32_t id, TaskTrack& tt) {
    if (tt.lostSerial) return;
    Finding f;
    f.kind = FindingKind::LostWaker;
    f.time = tt.lostTime;
    f.eventIndex = tt.lostIndex;
    f.tasks = {id};
    if (tt.lostWorker != kNoThread) f.threads = {tt.lostWorker};
    lostWakerText(f, id, tt);
    tt.lostSerial = add(std::move(f));
}

// Woken (or polled, scheduled): not lost; a provisional report is retracted.
void Detectors::Impl::clearLost(std::uint32_t id) {
    if (id >= tracks.size()) return;
    TaskTrack& tt = tracks[id];
    if (!tt.lost) return;
    tt.lost = false;
    lostCandidates.erase(id);
    if (tt.lostSerial) retract(std::exchange(tt.lostSerial, 0));
}

}  // namespace asyncscope::trace
