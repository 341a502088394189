// Detectors (see the design note in asyncscope/trace/detectors.hpp; which
// file holds which detector: detectors_impl.hpp).
//
// Bookkeeping kept here, next to the Reducer's RuntimeState:
//   - each task's phase as last seen, so phase changes (always those of the
//     event's own task) keep O(1) counters of runnable tasks and an ordered
//     set of queued tasks (starvation, "runnable meanwhile");
//   - the poll in flight on each worker (blocking polls, busy threads);
//   - the last wait event of each task ("sticky" wait): the Reducer forgets a
//     task's wait when it is polled again, but a task woken spuriously and
//     re-polled is still queued on its resource and its wait event is not
//     repeated. The sticky wait ends with a wake from that kind of resource,
//     the acquisition, or the task's end; it only ever *suppresses* a
//     lost-waker report and describes waits in stall reports;
//   - submitted spawn_blocking jobs not yet ended, tasks woken (or spawned)
//     whose Schedule event has not arrived yet: the runtime is not
//     quiescent while any exist.
#include <asyncscope/config.hpp>
#include "trace/detectors/detectors_impl.hpp"

#include <climits>

#include <algorithm>
#include <thread>
#include <utility>

namespace asyncscope::trace {

using namespace detect;

std::string_view toString(FindingKind kind) noexcept {
    switch (kind) {
    case FindingKind::Deadlock: return "deadlock";
    case FindingKind::Stall: return "stall";
    case FindingKind::LostWaker: return "lost_waker";
    case FindingKind::BlockingTheRuntime: return "blocking_the_runtime";
    case FindingKind::Starvation: return "starvation";
    case FindingKind::Oversubscription: return "oversubscription";
    case FindingKind::LockConvoy: return "lock_convoy";
    case FindingKind::SelfWakeHeavy: return "self_wake_heavy";
    case FindingKind::TaskFailed: return "task_failed";
    case FindingKind::HostPreemption: return "host_preemption";
    case FindingKind::Count: break;
    }
    return "?";
}

bool isInformational(FindingKind kind) noexcept {
    return kind == FindingKind::SelfWakeHeavy || kind == FindingKind::HostPreemption;
}

Detectors::Impl::Impl(const Trace& t, DetectorOptions o) : trace(t), opt(o) {
    cores = opt.cores;
    // Under the virtual clock the host's cores cannot show: only a scenario
    // that gives its machine a number of cores can oversubscribe them.
    if (!cores && trace.info().clock == "virtual")
        cores = trace.info().cores ? trace.info().cores : UINT_MAX;
    if (!cores) cores = coresOf(trace.info());
    if (!cores) cores = asyncscope::hostCores();
}

// ---------------------------------------------------------------- findings --

std::uint64_t Detectors::Impl::add(Finding f) {
    found.push_back(std::move(f));
    serials.push_back(nextSerial);
    return nextSerial++;
}
Finding* Detectors::Impl::get(std::uint64_t serial) {
    for (std::size_t i = found.size(); i-- > 0;)
        if (serials[i] == serial) return &found[i];
    return nullptr;
}
void Detectors::Impl::retract(std::uint64_t serial) {
    for (std::size_t i = 0; i < found.size(); ++i)
        if (serials[i] == serial) {
            found.erase(found.begin() + static_cast<std::ptrdiff_t>(i));
            serials.erase(serials.begin() + static_cast<std::ptrdiff_t>(i));
            return;
        }
}

// ------------------------------------------------------------- bookkeeping --

unsigned Detectors::Impl::workerCount(const RuntimeState& s) const {
    const auto lanes = static_cast<unsigned>(s.workers.size());
    return std::max<unsigned>(trace.info().workers,
                              lanes - (lanes > 0 && isBlockOnThread(s, lanes - 1) ? 1 : 0));
}

bool Detectors::Impl::isBlockOnThread(const RuntimeState& s, std::uint16_t worker) const {
    if (trace.info().blockOnThread) return worker == trace.info().workers;
    return worker < s.workers.size() && s.workers[worker].blockOn;
}

Detectors::Impl::TaskTrack& Detectors::Impl::track(std::uint32_t id) {
    if (id >= tracks.size()) tracks.resize(id + 1u);
    return tracks[id];
}
Detectors::Impl::Poll& Detectors::Impl::pollOf(std::uint16_t worker) {
    if (worker >= polls.size()) polls.resize(worker + 1u);
    return polls[worker];
}

// What a task waits on: the Reducer's wait, else its last wait event.
WaitTarget Detectors::Impl::waitOf(const RuntimeState& s, TaskId id) const {
    const TaskInfo* t = s.task(id);
    if (t && t->waitTarget.kind() != WaitKind::None) return t->waitTarget;
    if (id.value() < tracks.size()) return tracks[id.value()].sticky;
    return {};
}
TaskId Detectors::Impl::holderOf(const RuntimeState& s, ResourceId lock) const {
    auto it = s.locks.find(lock);
    return it == s.locks.end() ? kNoTask : it->second.holder;
}

// ---------------------------------------------------------------- the feed --

void Detectors::Impl::phaseChange(const RuntimeState& s, const Record& r, std::size_t index,
                                  std::uint32_t id, TaskPhase from, TaskPhase to) {
    TaskTrack& tt = tracks[id];
    const std::uint64_t now = s.time;
    if (from == TaskPhase::Scheduled) {
        if (runnable) --runnable;
        if (tt.starveOpen) starvationEnded(s, id, now - tt.schedSince);
        if (tt.starvePending) {
            pendingStarve.erase({tt.schedSince, id});
            tt.starvePending = false;
            if (r.kind == EventKind::PollStart) {
                const std::uint64_t polled = s.polls - tt.pollsAtSched;
                const std::uint64_t others = polled ? polled - 1 : 0;  // minus its own poll
                if (now - tt.schedSince > opt.starvationNs && others > 0)
                    reportStarvation(s, r, index, id, tt.schedSince, others, false);
            }
        }
    }
    if (polling(from) && running) --running;
    if (polling(to)) ++running;
    if (to == TaskPhase::Scheduled) {
        ++runnable;
        tt.schedSince = now;
        tt.pollsAtSched = s.polls;
        tt.schedIndex = index;
        tt.starvePending = true;
        pendingStarve.insert({now, id});
    }
    if (isFinished(to)) {
        tt.sticky = {};
        setWoken(id, false);
        for (std::size_t w = 0; w < polls.size(); ++w)
            if (polls[w].active && polls[w].task == id) {
                polls[w].active = false;
                --activePolls;
            }
    }
    tt.phase = to;
}

void Detectors::Impl::setWoken(std::uint32_t id, bool on) {
    TaskTrack& tt = track(id);
    if (tt.woken == on) return;
    tt.woken = on;
    if (on)
        ++wokenCount;
    else
        --wokenCount;
}

void Detectors::Impl::onEvent(const RuntimeState& s, const Record& r, std::size_t index) {
    // After the mark of a scenario run's end comes the runtime's shutdown:
    // its cancellations and the errors of threads it interrupts (a task
    // blocked in a BlockingMutex) are no part of the run.
    if (r.kind == EventKind::RunEnd) runEnded = true;
    if (runEnded) return;
    if (tracks.size() < s.tasks.size()) tracks.resize(s.tasks.size());
    bool progress = false;
    const bool isTask = taskEvent(r.kind) && r.task != 0;
    if (isTask && r.task < s.tasks.size()) {
        const TaskPhase to = s.tasks[r.task].phase;
        if (to != tracks[r.task].phase) phaseChange(s, r, index, r.task, tracks[r.task].phase, to);
    }
    const TaskInfo* t = isTask ? s.task(TaskId(r.task)) : nullptr;
    const WaitTarget stickyBefore = isTask ? track(r.task).sticky : WaitTarget{};
    const ResourceId resource(r.arg);  // for the resource events

    switch (r.kind) {
    case EventKind::Spawn:
        if (t && t->phase == TaskPhase::Idle && t->polls == 0)
            setWoken(r.task, true);  // Schedule follows
        break;
    case EventKind::Schedule:
        if (static_cast<QueueKind>(r.sub) == QueueKind::Blocking) {
            pendingJobs.insert(r.arg);
            if (r.task) track(r.task).sticky = WaitTarget::onJob(JobId(r.arg));
        } else {
            progress = true;
            setWoken(r.task, false);
            clearLost(r.task);
        }
        break;
    case EventKind::PollStart: {
        progress = true;
        setWoken(r.task, false);
        clearLost(r.task);
        // A long poll on the block_on thread holds up the #[tokio::main] body
        // only: no worker is kept from its queue.
        if (r.onWorker() && !isBlockOnThread(s, r.worker)) {
            Poll& p = pollOf(r.worker);
            if (!p.active) ++activePolls;
            p = Poll{true, r.task, s.time, index, 0};
        }
        recentPolls.emplace_back(index, r.task);
        if (recentPolls.size() > 4096) recentPolls.pop_front();
        checkSelfWake(s, r, index, r.task, false);
        break;
    }
    case EventKind::PollEnd: {
        if (r.onWorker() && r.worker < polls.size()) {
            Poll& p = polls[r.worker];
            if (p.active && p.task == r.task) {
                p.active = false;
                --activePolls;
                const std::uint64_t d = s.time - p.start;
                if (d > opt.blockingPollNs) longPoll(s, r, index, p, r.worker, d, r.arg, true);
                if (!offCpu.empty()) offCpu.erase(r.worker);
            }
        }
        noteLostCandidate(s, r, index, t);
        break;
    }
    case EventKind::Wake: {
        TaskTrack& tt = track(r.task);
        const auto src = static_cast<WakeSource>(r.sub);
        WaitKind match = WaitKind::None;
        switch (src) {
        case WakeSource::Channel: match = WaitKind::Channel; break;
        case WakeSource::Mutex: match = WaitKind::Mutex; break;
        case WakeSource::Semaphore: match = WaitKind::Semaphore; break;
        case WakeSource::Notify: match = WaitKind::Notify; break;
        case WakeSource::Join: match = WaitKind::Join; break;
        case WakeSource::Blocking: match = WaitKind::Blocking; break;
        default: break;
        }
        if (src == WakeSource::Cancel || (match != WaitKind::None && tt.sticky.kind() == match))
            tt.sticky = {};
        clearLost(r.task);
        if (t && t->phase == TaskPhase::Idle) setWoken(r.task, true);
        break;
    }
    case EventKind::TimerFire:
        if (t && t->phase == TaskPhase::Idle) setWoken(r.task, true);  // its Wake follows
        break;
    case EventKind::LockContend: {
        const bool blocking = static_cast<LockKind>(r.sub) == LockKind::BlockingMutex;
        track(r.task).sticky =
            WaitTarget::onResource(blocking ? WaitKind::BlockingMutex : WaitKind::Mutex, resource);
        if (blocking && r.onWorker() && r.worker < polls.size() && polls[r.worker].active &&
            polls[r.worker].task == r.task)
            polls[r.worker].blockingLock = r.arg;
        if (blocking && r.worker != kNoThread) offCpu.insert(r.worker);  // blocked in lock()
        checkCycle(s, TaskId(r.task), r, index);
        if (blocking) checkWorkersBlocked(s, r, index);
        break;
    }
    case EventKind::LockAcquire: {
        if (static_cast<LockKind>(r.sub) == LockKind::BlockingMutex && r.worker != kNoThread)
            if (!offCpu.empty()) offCpu.erase(r.worker);
        onLockAcquire(s, r, index, stickyBefore);
        TaskTrack& tt = track(r.task);
        if ((tt.sticky.kind() == WaitKind::Mutex || tt.sticky.kind() == WaitKind::BlockingMutex) &&
            tt.sticky.resource() == resource)
            tt.sticky = {};
        if (auto it = s.locks.find(resource); it != s.locks.end() && !it->second.waiters.empty())
            checkCycle(s, TaskId(r.task), r, index);
        break;
    }
    case EventKind::JoinWait:
        track(r.task).sticky = WaitTarget::onTask(TaskId(r.arg));
        checkCycle(s, TaskId(r.task), r, index);
        break;
    case EventKind::NotifyWait:
        track(r.task).sticky = WaitTarget::onResource(WaitKind::Notify, resource);
        break;
    case EventKind::SemWait:
        track(r.task).sticky = WaitTarget::onResource(WaitKind::Semaphore, resource);
        break;
    case EventKind::ChanFull:
    case EventKind::ChanEmpty:
        track(r.task).sticky = WaitTarget::onResource(WaitKind::Channel, resource);
        break;
    case EventKind::SemAcquire: {
        TaskTrack& tt = track(r.task);
        if (tt.sticky == WaitTarget::onResource(WaitKind::Semaphore, resource)) tt.sticky = {};
        break;
    }
    case EventKind::ChanSend:
    case EventKind::ChanRecv: {
        TaskTrack& tt = track(r.task);
        if (tt.sticky == WaitTarget::onResource(WaitKind::Channel, resource)) tt.sticky = {};
        break;
    }
    case EventKind::Error: onTaskFailed(s, r, index); break;
    case EventKind::OffCpu:
        if (r.sub == 0)
            offCpu.insert(r.worker);
        else if (!offCpu.empty())
            offCpu.erase(r.worker);
        break;
    case EventKind::HostPreempt:
        host.totalNs += r.arg;
        if (r.onWorker() && r.worker < polls.size() && polls[r.worker].active)
            polls[r.worker].stolen += r.arg;
        break;
    case EventKind::BlockingStart: {
        progress = true;
        const unsigned b = r.blockingIndex();
        if (r.onBlockingThread()) {
            if (b >= blockingJob.size()) blockingJob.resize(b + 1u, 0);
            if (!blockingJob[b]) ++busyBlocking;
            blockingJob[b] = r.task ? r.task : 0xFFFFFFFFu;
        }
        break;
    }
    case EventKind::BlockingEnd:
    case EventKind::BlockingThreadExit: {
        if (r.kind == EventKind::BlockingEnd) pendingJobs.erase(r.task);
        const unsigned b = r.blockingIndex();
        if (r.onBlockingThread() && b < blockingJob.size() && blockingJob[b]) {
            blockingJob[b] = 0;
            --busyBlocking;
        }
        if (!offCpu.empty()) offCpu.erase(r.worker);
        break;
    }
    default: break;
    }

    checkStarvation(s, r, index);
    updateOversubscription(s, r, index);

    // Quiescence: nothing can happen any more unless a thread outside the
    // runtime acts.
    if (progress) {
        quiet = false;
        if (stallSerial) retract(std::exchange(stallSerial, 0));
    }
    const bool nowQuiet = runnable == 0 && running == 0 && activePolls == 0 && wokenCount == 0 &&
                          s.timers.empty() && pendingJobs.empty() && busyBlocking == 0 &&
                          s.alive() > 0;
    if (nowQuiet && !quiet) {
        quiet = true;
        onQuiescent(s, r, index);
    } else if (!nowQuiet) {
        quiet = false;
    }
}

std::vector<Finding> Detectors::Impl::finish(const RuntimeState& s) {
    if (finished) return sorted();
    finished = true;
    const Record last = s.applied ? trace.at(std::min(s.applied, trace.size()) - 1) : Record{};
    const std::size_t lastIndex = s.applied ? std::min(s.applied, trace.size()) - 1 : 0;
    Record atEnd = last;
    atEnd.time = s.time;
    // Polls still running.
    for (std::size_t w = 0; w < polls.size(); ++w) {
        Poll& p = polls[w];
        if (!p.active || s.time - p.start <= opt.blockingPollNs) continue;
        const TaskInfo* t = s.task(TaskId(p.task));
        longPoll(s, atEnd, lastIndex, p, static_cast<std::uint16_t>(w), s.time - p.start,
                 t ? t->awaitPoint : 0, false);
    }
    // Tasks still queued.
    checkStarvation(s, atEnd, lastIndex);
    for (std::uint32_t id = 0; id < tracks.size(); ++id)
        if (tracks[id].starveOpen) starvationEnded(s, id, s.time - tracks[id].schedSince);
    // Self wakes.
    for (const TaskInfo& t : s.tasks)
        if (t.phase != TaskPhase::Unknown) checkSelfWake(s, atEnd, lastIndex, t.id.value(), true);
    // Lost wakers never woken until the end (or the shutdown).
    for (std::uint32_t id : lostCandidates) reportLost(id, tracks[id]);
    // Oversubscription still going on.
    if (over.in && over.reported) {
        over.totalNs += s.time - over.start;
        over.start = s.time;
        if (Finding* f = get(over.serial)) fillOversubscription(*f);
    }

    return sorted();
}

std::vector<Finding> Detectors::Impl::sorted() const {
    std::vector<Finding> out = found;
    std::stable_sort(out.begin(), out.end(), [](const Finding& a, const Finding& b) {
        if (a.time != b.time) return a.time < b.time;
        if (a.eventIndex != b.eventIndex) return a.eventIndex < b.eventIndex;
        return a.kind < b.kind;
    });
    std::vector<Finding> dedup;
    for (Finding& f : out) {
        bool dup = std::any_of(dedup.begin(), dedup.end(), [&](const Finding& g) {
            return g.kind == f.kind && g.tasks == f.tasks && g.resources == f.resources &&
                   g.threads == f.threads;
        });
        if (!dup) dedup.push_back(std::move(f));
    }
    return dedup;
}

Detectors::Detectors(const Trace& trace, DetectorOptions options)
    : m_impl(std::make_unique<Impl>(trace, options)) {}
Detectors::~Detectors() = default;
Detectors::Detectors(Detectors&&) noexcept = default;
Detectors& Detectors::operator=(Detectors&&) noexcept = default;

void Detectors::onEvent(const RuntimeState& s, const Record& r, std::size_t index) {
    m_impl->onEvent(s, r, index);
}
std::vector<Finding> Detectors::finish(const RuntimeState& finalState) {
    return m_impl->finish(finalState);
}
const std::vector<Finding>& Detectors::findings() const {
    return m_impl->found;
}
std::vector<Finding> Detectors::findingsSoFar() const {
    return m_impl->sorted();
}
std::vector<Finding> Detectors::findingsSoFar(const RuntimeState& state, std::uint64_t now) const {
    return m_impl->soFar(state, now);
}

std::vector<Finding> analyze(const Trace& trace, DetectorOptions options) {
    Reducer reducer(&trace);
    RuntimeState state;
    Detectors detectors(trace, options);
    for (std::size_t i = 0; i < trace.size(); ++i) {
        const Record r = trace.at(i);
        reducer.apply(state, r);
        detectors.onEvent(state, r, i);
    }
    return detectors.finish(state);
}

}  // namespace asyncscope::trace
