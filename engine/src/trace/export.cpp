#include <asyncscope/trace/export.hpp>
#include <asyncscope/trace/json_writer.hpp>
#include <asyncscope/trace/state.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>
#include <vector>

namespace asyncscope::trace {

namespace {

constexpr int kPid = 1;
// Task lifetimes get a track of their own, past every thread code's tid.
constexpr std::uint32_t kLifetimeTid = 0x10001;

std::uint32_t tidOf(std::uint16_t code) noexcept {
    return std::uint32_t{code} + 1;
}

// A worker's own track (not a blocking thread, not the outside).
bool isWorkerTrack(std::uint16_t code) noexcept {
    return code != kNoThread && !(code & kBlockingFlag);
}

std::string threadName(std::uint16_t code) {
    if (code == kNoThread) return "runtime / outside";
    if (code & kBlockingFlag) return "blocking " + std::to_string(code & ~kBlockingFlag);
    return "worker " + std::to_string(code);
}

double toUs(std::uint64_t ns) noexcept {
    return static_cast<double>(ns) / 1000.0;
}

// ------------------------------------------------------ output event list --

enum class OutKind : std::uint8_t {
    TaskBegin,
    Slice,
    Instant,
    FlowStart,
    FlowEnd,
    Counter,
    TaskEnd
};
// Scheduler: a worker's time between polls in which it woke or stole
// (running its timers, searching); it gives the arrows it starts a slice.
enum class SliceKind : std::uint8_t { Poll, Teardown, Job, Scheduler };
enum class SliceEnd : std::uint8_t {
    Pending,
    Ready,
    Cancelled,
    Error,
    Interrupted,
    Unfinished,
    Done
};
enum class InstantKind : std::uint8_t { Steal, TimerFire, CancelRequested, Cancelled, Error };
enum class CounterKind : std::uint8_t { WorkerQueue, GlobalQueue, BlockingBusy };
enum class TaskEndKind : std::uint8_t { Completed, Failed, Cancelled, Alive };

// One output event before rendering. Field use by kind:
//   TaskBegin  task, a=parent            TaskEnd  task, sub=TaskEndKind
//   Slice      task (job id for jobs), dur, sub=SliceKind, detail=SliceEnd,
//              a=await point (polls) or awaiting task (jobs);
//              Scheduler: task=timers fired, a=wakes, b=tasks stolen
//   FlowStart/FlowEnd  task, a=flow id, sub=1 for a steal, b=waker,
//              detail=WakeSource
//   Instant    task, sub=InstantKind, a=victim / requester, b=count / string,
//              dur=timer deadline
//   Counter    sub=CounterKind, a=worker, b=value
struct OutEvent {
    std::uint64_t time = 0;
    std::uint64_t source = 0;  // index of the record that caused it (a slice: its start)
    std::uint64_t dur = 0;
    std::uint32_t task = 0;
    std::uint32_t a = 0;
    std::uint32_t b = 0;
    std::uint16_t track = kNoThread;
    OutKind kind = OutKind::Slice;
    std::uint8_t sub = 0;
    std::uint8_t detail = 0;
};

// Order among the events one record causes; see the design note in export.hpp.
int rank(OutKind k) noexcept {
    switch (k) {
    case OutKind::TaskBegin: return 0;
    case OutKind::Slice: return 1;
    case OutKind::Counter: return 3;
    case OutKind::TaskEnd: return 4;
    default: return 2;
    }
}

std::uint64_t sliceDur(const OutEvent& e) noexcept {
    return e.kind == OutKind::Slice ? e.dur : 0;
}

SliceEnd sliceEndOf(std::uint8_t pollResult) noexcept {
    switch (static_cast<PollResult>(pollResult)) {
    case PollResult::Pending: return SliceEnd::Pending;
    case PollResult::Ready: return SliceEnd::Ready;
    case PollResult::Cancelled: return SliceEnd::Cancelled;
    case PollResult::Error: return SliceEnd::Error;
    }
    return SliceEnd::Interrupted;
}

std::string_view toString(SliceEnd e) noexcept {
    switch (e) {
    case SliceEnd::Pending: return "pending";
    case SliceEnd::Ready: return "ready";
    case SliceEnd::Cancelled: return "cancelled";
    case SliceEnd::Error: return "error";
    case SliceEnd::Interrupted: return "interrupted";
    case SliceEnd::Unfinished: return "unfinished";
    case SliceEnd::Done: return "done";
    }
    return "?";
}

std::string_view toString(TaskEndKind e) noexcept {
    switch (e) {
    case TaskEndKind::Completed: return "completed";
    case TaskEndKind::Failed: return "failed";
    case TaskEndKind::Cancelled: return "cancelled";
    case TaskEndKind::Alive: return "alive at trace end";
    }
    return "?";
}

std::string_view wakeSourceName(std::uint8_t s) noexcept {
    return s < static_cast<std::uint8_t>(WakeSource::Count)
               ? asyncscope::toString(static_cast<WakeSource>(s))
               : std::string_view("?");
}

// Builds the event list in one pass over the trace.
class ChromeBuilder {
public:
    explicit ChromeBuilder(const Trace& trace) : m_trace(trace), m_reducer(&trace) {}

    void run() {
        for (std::size_t i = 0; i < m_trace.size(); ++i) {
            m_current = i;
            const Record r = m_trace.at(i);
            // A thread that only parks still gets its name (a Spawn's worker
            // field is its template, not a thread).
            if (r.kind != EventKind::Spawn) {
                m_tracks.insert(r.worker);
                endSchedulerStint(r);
            }
            onRecord(r);
            m_reducer.apply(m_state, r);
            sampleCounters(r.time);
        }
        m_current = m_trace.size();
        finishAt(m_trace.endTime());
        std::stable_sort(m_out.begin(), m_out.end(), [](const OutEvent& x, const OutEvent& y) {
            if (x.time != y.time) return x.time < y.time;
            if (x.source != y.source) return x.source < y.source;
            if (rank(x.kind) != rank(y.kind)) return rank(x.kind) < rank(y.kind);
            return sliceDur(x) > sliceDur(y);  // an enclosing slice before what it encloses
        });
    }

    const std::vector<OutEvent>& events() const noexcept { return m_out; }
    const std::set<std::uint16_t>& tracks() const noexcept { return m_tracks; }
    bool hasLifetimes() const noexcept {
        return std::any_of(m_out.begin(), m_out.end(),
                           [](const OutEvent& e) { return e.kind == OutKind::TaskBegin; });
    }

private:
    struct OpenSlice {
        bool open = false;
        SliceKind kind = SliceKind::Poll;
        std::uint32_t task = 0;
        std::uint32_t arg = 0;  // await point at the start / awaiting task
        std::uint64_t start = 0;
        std::uint64_t source = 0;
        // Scheduler slices: what happened in them, and when last.
        std::uint32_t wakes = 0, stolen = 0, timers = 0;
        std::uint64_t last = 0;
    };
    struct PendingFlow {
        std::uint64_t time = 0;
        std::uint32_t waker = 0;
        std::uint16_t track = kNoThread;
        bool steal = false;
        std::uint8_t wakeSource = 0;
        std::uint64_t record = 0;
    };

    // Events caused by the record being processed.
    void push(OutEvent e) { pushFrom(m_current, e); }
    void pushFrom(std::uint64_t source, OutEvent e) {
        e.source = source;
        m_out.push_back(e);
        m_tracks.insert(e.track);
    }

    void pushInstant(const Record& r, InstantKind k, std::uint32_t a = 0, std::uint32_t b = 0,
                     std::uint64_t extra = 0) {
        OutEvent e;
        e.time = r.time;
        e.track = r.worker;
        e.kind = OutKind::Instant;
        e.task = r.task;
        e.sub = static_cast<std::uint8_t>(k);
        e.a = a;
        e.b = b;
        e.dur = extra;
        push(e);
    }

    void onRecord(const Record& r) {
        switch (r.kind) {
        case EventKind::Spawn:
            if (m_alive.insert(r.task).second) {
                OutEvent e;
                e.time = r.time;
                e.track = kNoThread;  // lifetimes belong to no thread
                e.kind = OutKind::TaskBegin;
                e.task = r.task;
                e.a = r.arg;
                push(e);
            }
            break;
        case EventKind::PollStart: {
            OpenSlice& o = m_open[r.worker];
            if (o.open) close(r.worker, o, r.time, interruptionOf(o), o.arg);
            o = OpenSlice{true, SliceKind::Poll, r.task, r.arg, r.time, m_current};
            completeFlows(r.task, r.time, r.worker);
            break;
        }
        case EventKind::PollEnd: {
            auto it = m_open.find(r.worker);
            // A PollEnd for another task than the open one cannot come from a
            // well-ordered thread stream; leave the open slice alone.
            if (it != m_open.end() && it->second.open && it->second.task == r.task &&
                it->second.kind != SliceKind::Job)
                close(r.worker, it->second, r.time, sliceEndOf(r.sub), r.arg);
            break;
        }
        case EventKind::Wake:
            schedulerWork(r).wakes += 1;
            m_pending[r.task].push_back(
                PendingFlow{r.time, r.arg, r.worker, false, r.sub, m_current});
            break;
        case EventKind::Steal:
            pushInstant(r, InstantKind::Steal, r.arg, r.arg2);
            schedulerWork(r).stolen += r.arg2;
            m_pending[r.task].push_back(PendingFlow{r.time, 0, r.worker, true, 0, m_current});
            break;
        case EventKind::TimerFire:
            pushInstant(r, InstantKind::TimerFire, 0, 0, r.deadline());
            schedulerWork(r).timers += 1;
            break;
        case EventKind::Park: {
            // A worker's stint in the scheduler ends when it sleeps.
            OpenSlice& o = m_open[r.worker];
            if (o.open && o.kind == SliceKind::Scheduler)
                close(r.worker, o, r.time, SliceEnd::Done, 0);
            break;
        }
        case EventKind::Cancel:
            if (r.sub != 1) {
                pushInstant(r, InstantKind::CancelRequested, r.arg);
                break;
            }
            pushInstant(r, InstantKind::Cancelled);
            onCancelled(r);
            break;
        case EventKind::Complete: endTask(r, TaskEndKind::Completed); break;
        case EventKind::Error:
            pushInstant(r, InstantKind::Error, 0, r.arg2);
            endTask(r, TaskEndKind::Failed);
            break;
        case EventKind::BlockingStart: {
            OpenSlice& o = m_open[r.worker];
            if (o.open) close(r.worker, o, r.time, interruptionOf(o), o.arg);
            o = OpenSlice{true, SliceKind::Job, r.task, r.arg, r.time, m_current};
            break;
        }
        case EventKind::BlockingEnd: {
            auto it = m_open.find(r.worker);
            if (it != m_open.end() && it->second.open && it->second.kind == SliceKind::Job &&
                it->second.task == r.task)
                close(r.worker, it->second, r.time, SliceEnd::Done, it->second.arg);
            break;
        }
        default: break;
        }
    }

    // Cancel sub=1: the task's frame is destroyed now. On a worker between
    // polls that is work worth seeing (every destructor of the task runs), so
    // it becomes a teardown slice, which its PollEnd(Cancelled) closes.
    void onCancelled(const Record& r) {
        OpenSlice& o = m_open[r.worker];
        if (o.open && o.kind == SliceKind::Scheduler) close(r.worker, o, r.time, SliceEnd::Done, 0);
        if (o.open && o.task == r.task && o.kind == SliceKind::Poll) {
            close(r.worker, o, r.time, SliceEnd::Cancelled, o.arg);
        } else if (!o.open && r.onWorker()) {
            o = OpenSlice{true, SliceKind::Teardown, r.task, 0, r.time, m_current};
            completeFlows(r.task, r.time, r.worker);  // e.g. the wake that asked it to cancel
        }
        endTask(r, TaskEndKind::Cancelled);
    }

    void endTask(const Record& r, TaskEndKind k) {
        m_pending.erase(r.task);  // never polled again: its arrows have nowhere to land
        if (m_alive.erase(r.task) == 0) return;
        OutEvent e;
        e.time = r.time;
        e.track = kNoThread;
        e.kind = OutKind::TaskEnd;
        e.task = r.task;
        e.sub = static_cast<std::uint8_t>(k);
        push(e);
    }

    // A slice that the next one on its track closes: a scheduler stint is
    // done then; anything else was interrupted.
    static SliceEnd interruptionOf(const OpenSlice& o) noexcept {
        return o.kind == SliceKind::Scheduler ? SliceEnd::Done : SliceEnd::Interrupted;
    }

    // A wake, steal or timer fire outside any poll or job: the thread is in
    // the scheduler. On a worker that stint lasts until its next poll (or
    // park); it is one slice however many tasks it wakes, and the arrows
    // start inside it. Inside a poll or job the event belongs to that.
    OpenSlice& schedulerWork(const Record& r) {
        OpenSlice& o = m_open[r.worker];
        if (!o.open) {
            o = OpenSlice{true, SliceKind::Scheduler, 0, 0, r.time, m_current};
        }
        if (o.kind == SliceKind::Scheduler) o.last = r.time;
        return o.kind == SliceKind::Scheduler ? o : m_scratch;
    }

    // Off the workers (the outside, a blocking thread between jobs) nothing
    // says when a stint ends: it spans its events of one instant and ends
    // at the last of them, when that thread does anything else or time moves.
    void endSchedulerStint(const Record& r) {
        if (isWorkerTrack(r.worker)) return;
        auto it = m_open.find(r.worker);
        if (it == m_open.end() || !it->second.open || it->second.kind != SliceKind::Scheduler)
            return;
        const bool member = r.kind == EventKind::Wake || r.kind == EventKind::Steal ||
                            r.kind == EventKind::TimerFire;
        if (member && r.time == it->second.last) return;
        close(r.worker, it->second, it->second.last, SliceEnd::Done, 0);
    }

    void close(std::uint16_t track, OpenSlice& o, std::uint64_t end, SliceEnd how,
               std::uint32_t arg) {
        OutEvent e;
        e.time = o.start;
        e.dur = end > o.start ? end - o.start : 0;
        e.track = track;
        e.kind = OutKind::Slice;
        e.task = o.task;
        e.a = arg;
        if (o.kind == SliceKind::Scheduler) {
            e.task = o.timers;
            e.a = o.wakes;
            e.b = o.stolen;
        }
        e.sub = static_cast<std::uint8_t>(o.kind);
        e.detail = static_cast<std::uint8_t>(how);
        pushFrom(o.source, e);
        o.open = false;
    }

    void completeFlows(std::uint32_t task, std::uint64_t time, std::uint16_t track) {
        auto it = m_pending.find(task);
        if (it == m_pending.end()) return;
        for (const PendingFlow& p : it->second) {
            const std::uint32_t id = ++m_flowIds;
            OutEvent e;
            e.task = task;
            e.sub = p.steal ? 1 : 0;
            e.a = id;
            e.b = p.waker;
            e.detail = p.wakeSource;
            e.time = p.time;
            e.track = p.track;
            e.kind = OutKind::FlowStart;
            pushFrom(p.record, e);
            e.time = time;
            e.track = track;
            e.kind = OutKind::FlowEnd;
            push(e);
        }
        m_pending.erase(it);
    }

    void pushCounter(std::uint64_t time, CounterKind k, std::uint32_t worker, std::uint32_t value) {
        OutEvent e;
        e.time = time;
        e.track = kNoThread;
        e.kind = OutKind::Counter;
        e.sub = static_cast<std::uint8_t>(k);
        e.a = worker;
        e.b = value;
        push(e);
    }

    void sampleCounters(std::uint64_t time) {
        // Configured workers have a (zero) queue from the start, before the
        // reducer has seen an event of theirs.
        const std::size_t workers =
            std::max<std::size_t>(m_trace.info().workers, m_state.workers.size());
        if (m_lastWorkerQueue.size() < workers) m_lastWorkerQueue.resize(workers, kUnset);
        for (std::size_t i = 0; i < workers; ++i) {
            std::uint32_t v = 0;
            if (i < m_state.workers.size()) {
                const WorkerInfo& w = m_state.workers[i];
                v = static_cast<std::uint32_t>(w.local.size() + (w.lifo != kNoTask ? 1 : 0));
            }
            if (v != m_lastWorkerQueue[i]) {
                pushCounter(time, CounterKind::WorkerQueue, static_cast<std::uint32_t>(i), v);
                m_lastWorkerQueue[i] = v;
            }
        }
        auto global = static_cast<std::uint32_t>(m_state.global.size());
        if (global != m_lastGlobal) {
            pushCounter(time, CounterKind::GlobalQueue, 0, global);
            m_lastGlobal = global;
        }
        std::uint32_t busy = m_state.busyBlockingThreads();
        if (busy != m_lastBlocking) {
            pushCounter(time, CounterKind::BlockingBusy, 0, busy);
            m_lastBlocking = busy;
        }
    }

    void finishAt(std::uint64_t end) {
        for (auto& [track, o] : m_open) {
            if (!o.open) continue;
            if (o.kind == SliceKind::Scheduler)
                close(track, o, isWorkerTrack(track) ? end : o.last, SliceEnd::Done, 0);
            else
                close(track, o, end, SliceEnd::Unfinished, o.arg);
        }
        for (std::uint32_t task : m_alive) {
            OutEvent e;
            e.time = end;
            e.track = kNoThread;
            e.kind = OutKind::TaskEnd;
            e.task = task;
            e.sub = static_cast<std::uint8_t>(TaskEndKind::Alive);
            push(e);
        }
        m_alive.clear();
        m_pending.clear();
    }

    static constexpr std::uint32_t kUnset = 0xFFFFFFFFu;

    const Trace& m_trace;
    Reducer m_reducer;
    RuntimeState m_state;
    std::vector<OutEvent> m_out;
    std::set<std::uint16_t> m_tracks;
    std::map<std::uint16_t, OpenSlice> m_open;  // by thread code; ordered for a stable output
    OpenSlice m_scratch;  // schedulerWork() inside a poll or job: counts go nowhere
    std::unordered_map<std::uint32_t, std::vector<PendingFlow>> m_pending;  // by task
    std::set<std::uint32_t> m_alive;  // spawned, not ended: open b events
    std::uint32_t m_flowIds = 0;
    std::uint64_t m_current = 0;  // index of the record being processed
    std::vector<std::uint32_t> m_lastWorkerQueue;
    std::uint32_t m_lastGlobal = kUnset;
    std::uint32_t m_lastBlocking = kUnset;
};

class ChromeRenderer {
public:
    ChromeRenderer(const Trace& trace, JsonWriter& w) : m_trace(trace), m_w(w) {}

    void metadata(std::uint32_t tid, std::string_view name, std::string_view threadName,
                  std::int64_t sortIndex) {
        for (const bool isName : {true, false}) {
            m_w.lineBreak().beginObject();
            m_w.field("name", isName ? name : std::string_view("thread_sort_index"));
            m_w.field("ph", "M").field("pid", kPid).field("tid", tid);
            m_w.key("args").beginObject();
            if (isName)
                m_w.field("name", threadName);
            else
                m_w.field("sort_index", sortIndex);
            m_w.endObject().endObject();
        }
    }

    void event(const OutEvent& e) {
        m_w.lineBreak().beginObject();
        switch (e.kind) {
        case OutKind::TaskBegin:
        case OutKind::TaskEnd:
            head(name(e.task), "task", e.kind == OutKind::TaskBegin ? "b" : "e", e);
            m_w.field("id", e.task);
            m_w.key("args").beginObject().field("task", e.task);
            if (e.kind == OutKind::TaskBegin)
                m_w.field("parent", e.a);
            else
                m_w.field("state", toString(static_cast<TaskEndKind>(e.sub)));
            m_w.endObject();
            break;
        case OutKind::Slice: slice(e); break;
        case OutKind::FlowStart:
        case OutKind::FlowEnd: {
            const char* kind = e.sub ? "steal" : "wake";
            head(kind, kind, e.kind == OutKind::FlowStart ? "s" : "f", e);
            m_w.field("id", e.a);
            if (e.kind == OutKind::FlowEnd) {
                // The arguments are the flow's, given once at its start:
                // repeated on the end, catapult's importer reports an
                // arg_merge_error for every flow.
                m_w.field("bp", "e");
                break;
            }
            m_w.key("args").beginObject().field("task", e.task);
            if (!e.sub) m_w.field("waker", e.b).field("source", wakeSourceName(e.detail));
            m_w.endObject();
            break;
        }
        case OutKind::Instant: instant(e); break;
        case OutKind::Counter: counter(e); break;
        }
        m_w.endObject();
    }

private:
    const std::string& name(std::uint32_t task) {
        auto it = m_names.find(task);
        if (it == m_names.end()) it = m_names.emplace(task, m_trace.taskName(task)).first;
        return it->second;
    }

    void head(std::string_view n, std::string_view cat, std::string_view ph, const OutEvent& e) {
        m_w.field("name", n).field("cat", cat).field("ph", ph).field("ts", toUs(e.time));
        const bool lifetime = e.kind == OutKind::TaskBegin || e.kind == OutKind::TaskEnd;
        m_w.field("pid", kPid).field("tid", lifetime ? kLifetimeTid : tidOf(e.track));
    }

    void slice(const OutEvent& e) {
        const auto kind = static_cast<SliceKind>(e.sub);
        const auto how = static_cast<SliceEnd>(e.detail);
        if (kind == SliceKind::Scheduler) {
            // Named for what the worker did there: stole, ran its timers
            // (and woke what they were for), or woke tasks otherwise.
            head(e.b ? "steal" : e.task ? "timers" : "wake", "scheduler", "X", e);
            m_w.field("dur", toUs(e.dur));
            m_w.key("args").beginObject().field("woken", e.a).field("stolen", e.b);
            m_w.field("timers_fired", e.task).endObject();
            return;
        }
        if (kind == SliceKind::Job) {
            head("blocking job " + std::to_string(e.task), "blocking", "X", e);
            m_w.field("dur", toUs(e.dur));
            m_w.key("args").beginObject().field("job", e.task).field("task", e.a);
            m_w.field("result", toString(how)).endObject();
            return;
        }
        head(name(e.task), kind == SliceKind::Teardown ? "teardown" : "poll", "X", e);
        m_w.field("dur", toUs(e.dur));
        m_w.key("args").beginObject().field("task", e.task).field("result", toString(how));
        if (kind == SliceKind::Poll) m_w.field("await_point", e.a);
        m_w.endObject();
    }

    void instant(const OutEvent& e) {
        static constexpr std::string_view kNames[] = {"steal", "timer fire", "cancel requested",
                                                      "cancelled", "error"};
        const auto k = static_cast<InstantKind>(e.sub);
        head(kNames[e.sub], "event", "i", e);
        m_w.field("s", "t");
        m_w.key("args").beginObject().field("task", e.task).field("name", name(e.task));
        switch (k) {
        case InstantKind::Steal: m_w.field("victim", e.a).field("tasks", e.b); break;
        case InstantKind::TimerFire: m_w.field("deadline_us", toUs(e.dur)); break;
        case InstantKind::CancelRequested: m_w.field("by", e.a); break;
        case InstantKind::Error: m_w.field("message", m_trace.string(e.b)); break;
        case InstantKind::Cancelled: break;
        }
        m_w.endObject();
    }

    void counter(const OutEvent& e) {
        const auto k = static_cast<CounterKind>(e.sub);
        std::string n = k == CounterKind::WorkerQueue   ? "worker " + std::to_string(e.a) + " queue"
                        : k == CounterKind::GlobalQueue ? std::string("global queue")
                                                        : std::string("blocking threads busy");
        head(n, "queue", "C", e);
        m_w.key("args").beginObject().field(k == CounterKind::BlockingBusy ? "threads" : "tasks",
                                            e.b);
        m_w.endObject();
    }

    const Trace& m_trace;
    JsonWriter& m_w;
    std::unordered_map<std::uint32_t, std::string> m_names;
};

// --------------------------------------------------------------------- CSV --

RuntimeState finalState(const Trace& trace) {
    RuntimeState s;
    Reducer reducer(&trace);
    for (std::size_t i = 0; i < trace.size(); ++i) reducer.apply(s, trace.at(i));
    return s;
}

// ns as milliseconds with exactly 3 decimals, rounded to the nearest microsecond.
std::string ms(std::uint64_t ns) {
    const std::uint64_t us = ns / 1000 + (ns % 1000 >= 500 ? 1 : 0);
    std::string frac = std::to_string(us % 1000);
    return std::to_string(us / 1000) + "." + std::string(3 - frac.size(), '0') + frac;
}

std::string fixed3(double v) {
    char buf[64];
    auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 3);
    return r.ec == std::errc() ? std::string(buf, r.ptr) : std::string("0.000");
}

// RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled.
std::string csvField(std::string_view s) {
    if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
    std::string r = "\"";
    for (char c : s) {
        if (c == '"') r += '"';
        r += c;
    }
    return r + "\"";
}

}  // namespace

void writeChromeTrace(const Trace& trace, std::ostream& out) {
    ChromeBuilder builder(trace);
    builder.run();

    std::set<std::uint16_t> tracks = builder.tracks();
    tracks.insert(kNoThread);  // counters live there; it is named even when empty
    for (unsigned i = 0; i < trace.info().workers && i < kBlockingFlag; ++i)
        tracks.insert(static_cast<std::uint16_t>(i));

    JsonWriter w(out);
    ChromeRenderer render(trace, w);
    w.beginObject().key("traceEvents").beginArray();
    w.lineBreak().beginObject();
    w.field("name", "process_name")
        .field("ph", "M")
        .field("pid", kPid)
        .field("tid", tidOf(kNoThread));
    w.key("args").beginObject().field("name", "AsyncScope runtime").endObject().endObject();
    // Code order: workers, then blocking threads, then the outside track;
    // the task lifetimes last.
    const TraceInfo& traceInfo = trace.info();
    for (std::uint16_t t : tracks)
        render.metadata(tidOf(t), "thread_name",
                        traceInfo.blockOnThread && t == traceInfo.workers
                            ? std::string("main (block_on)")
                            : threadName(t),
                        t);
    if (builder.hasLifetimes())
        render.metadata(kLifetimeTid, "thread_name", "task lifetimes", kLifetimeTid);
    for (const OutEvent& e : builder.events()) render.event(e);
    w.lineBreak().endArray();
    w.lineBreak().field("displayTimeUnit", "ns");
    const TraceInfo& info = trace.info();
    w.lineBreak().key("otherData").beginObject();
    w.field("exporter", "AsyncScope").field("title", info.title).field("flavor", info.flavor);
    w.field("clock", info.clock).field("workers", info.workers).field("timeScale", info.timeScale);
    w.field("events", trace.size())
        .field("startTimeNs", trace.startTime())
        .field("endTimeNs", trace.endTime());
    w.field("truncated", info.truncated);
    if (info.truncated)
        w.field("truncatedAtEvent", info.truncatedAtEvent)
            .field("truncatedAtTimeNs", info.truncatedAtTime);
    w.endObject();
    w.lineBreak().endObject();
    w.finish();
    out << '\n';
}

void writeTaskCsv(const Trace& trace, std::ostream& out) {
    const RuntimeState s = finalState(trace);
    out << "id,name,parent,state,polls,busy_ms,scheduled_ms,idle_ms,wakes,self_wakes,spawned_ms,"
           "ended_ms\n";
    using std::to_string;
    for (const TaskInfo& t : s.tasks) {
        if (t.phase == TaskPhase::Unknown) continue;
        std::string name = t.name != kNoString && !trace.string(t.name).empty()
                               ? std::string(trace.string(t.name))
                               : trace.taskName(t.id.value());
        // Built with to_string rather than operator<<, which would honour a
        // stream locale's digit grouping.
        std::string line =
            to_string(t.id.value()) + ',' + csvField(name) + ',' + to_string(t.parent.value()) +
            ',' + std::string(toString(t.phase)) + ',' + to_string(t.polls) + ',' +
            ms(s.busyNs(t)) + ',' + ms(s.scheduledNs(t)) + ',' + ms(s.idleNs(t)) + ',' +
            to_string(t.totalWakes()) + ',' + to_string(t.selfWakes) + ',' + ms(t.spawnedAt) + ',' +
            (isFinished(t.phase) ? ms(t.endedAt) : std::string()) + '\n';
        out << line;
    }
}

void writeWorkerCsv(const Trace& trace, std::ostream& out) {
    const RuntimeState s = finalState(trace);
    const std::uint64_t span = trace.endTime() - trace.startTime();
    const std::size_t n = std::max<std::size_t>(trace.info().workers, s.workers.size());
    out << "worker,polls,busy_ms,utilisation,steals,stolen_tasks\n";
    for (std::size_t i = 0; i < n; ++i) {
        WorkerInfo w = i < s.workers.size() ? s.workers[i] : WorkerInfo{};
        // A poll still open at the end counts up to the end.
        std::uint64_t busy =
            w.busyNs + (w.running != kNoTask && s.time > w.pollStart ? s.time - w.pollStart : 0);
        double util = span ? static_cast<double>(busy) / static_cast<double>(span) : 0.0;
        out << std::to_string(i) + ',' + std::to_string(w.polls) + ',' + ms(busy) + ',' +
                   fixed3(util) + ',' + std::to_string(w.steals) + ',' +
                   std::to_string(w.stolenTasks) + '\n';
    }
}

}  // namespace asyncscope::trace
