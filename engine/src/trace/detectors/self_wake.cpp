// SelfWakeHeavy (informational): a task that woke itself in more than
// selfWakeRatio of at least selfWakeMinPolls polls (a yield loop, a busy-poll
// retry). Checked at each PollStart and at the end; once per task.
#include "trace/detectors/detectors_impl.hpp"

namespace asyncscope::trace {

using namespace detect;

void Detectors::Impl::checkSelfWake(const RuntimeState& s, const Record& r, std::size_t index,
                                    std::uint32_t id, bool atEnd) {
    const TaskInfo* t = s.task(TaskId(id));
    if (!t || id >= tracks.size() || tracks[id].selfWakeReported) return;
    if (t->polls < opt.selfWakeMinPolls) return;
    if (static_cast<double>(t->selfWakes) <= opt.selfWakeRatio * static_cast<double>(t->polls))
        return;
    tracks[id].selfWakeReported = true;
    Finding f;
    f.kind = FindingKind::SelfWakeHeavy;
    f.time = r.time;
    f.eventIndex = index;
    f.tasks = {id};
    f.count = t->selfWakes;
    selfWakeText(f, t, id, r.time, atEnd);
    add(std::move(f));
}

}  // namespace asyncscope::trace
