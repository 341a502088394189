// Exporters: a recorded Trace as Chrome trace-event JSON (for Perfetto and
// chrome://tracing) and as CSV summaries, plus a checker for the JSON.
//
// Design note
// -----------
// writeChromeTrace makes one pass over the records, feeding each to a
// Reducer so that the queue counters come from the same RuntimeState the
// live view shows. Output events are collected as small fixed-size entries,
// sorted, and only then rendered. Viewers bind a flow arrow to the slice
// that is open on its track *when they read the arrow*, and decide nesting
// of slices that touch at one timestamp by file order, so at equal times
// (everywhere under the virtual clock) the order must be causal. The sort
// key is (time, index of the record that caused the event -- for a slice,
// the one that opened it --, rank): a wake's scheduler slice and arrow come
// before the poll that follows it, and that poll before the arrow ending in it.
// Rank among the events of one record: task begin, slices, instants and
// flows, counters, task end.
//
// Tracks: pid 1 is the runtime. A record's thread code maps to tid = code+1
// (worker i -> tid i+1, blocking thread i -> tid 0x8001+i, no thread ->
// tid 0x10000: "runtime / outside"); tid 0 is avoided because viewers treat
// it as the idle thread. Task lifetimes have a track of their own, tid
// 0x10001 "task lifetimes" (catapult files an async slice under the thread
// of its begin event, which would otherwise be whichever worker spawned
// it). Every track that carries an event gets a thread_name and a
// thread_sort_index (workers first, task lifetimes last).
//
// What is drawn:
//   - polls (X, cat "poll") per worker track. A track has at most one open
//     slice: a PollStart that finds one open closes it first (result
//     "interrupted"), and slices still open at the end close at the trace
//     end ("unfinished"). Cancelling a task that is not being polled (its
//     frame destroyed on a worker: Cancel sub=1 ... PollEnd Cancelled) is
//     drawn as a "teardown" slice of that task. spawn_blocking jobs are X
//     slices on the blocking threads' tracks.
//   - task lifetimes (b/e, cat "task", id = task id) from Spawn to
//     Complete / Error / Cancel sub=1, or to the trace end.
//   - a worker's time in the scheduler between polls, when it woke or stole
//     there (X, cat "scheduler", named "timers", "steal" or "wake", args
//     woken / stolen / timers_fired): from the first such event to the
//     worker's next poll or park, one slice however many it wakes. Off the
//     workers (the outside track) such a slice spans one instant's events.
//   - wakes and steals as flow arrows (s/f, cats "wake"/"steal"): `s` at the
//     event on the waker's (thief's) track, `f` with "bp":"e" at the task's
//     next PollStart. An arrow whose task is never polled again is dropped,
//     so every s has exactly one f. Viewers only draw an arrow that starts
//     inside a slice: a wake inside a poll or job starts there, any other
//     inside its scheduler slice.
//   - instants (i, scope "t"): steals, timer fires, cancels, errors.
//   - counters (C, emitted when they change): each worker's queued tasks
//     (local queue + LIFO slot), the global queue, busy blocking threads.
#pragma once

#include <asyncscope/trace/trace.hpp>

#include <cstddef>
#include <istream>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace asyncscope::trace {

// {"traceEvents":[...],"displayTimeUnit":"ns","otherData":{...}}; ts and dur
// in microseconds (runtime ns / 1000).
void writeChromeTrace(const Trace& trace, std::ostream& out);

// One row per spawned task, from the final RuntimeState:
// id,name,parent,state,polls,busy_ms,scheduled_ms,idle_ms,wakes,self_wakes,spawned_ms,ended_ms
// Times in runtime milliseconds with 3 decimals; ended_ms is empty for a task
// still alive at the end. Names are quoted per RFC 4180 when needed; lines
// end with '\n'.
void writeTaskCsv(const Trace& trace, std::ostream& out);

// One row per worker: worker,polls,busy_ms,utilisation,steals,stolen_tasks.
// utilisation = busy time / trace duration (0 for an empty trace), 3 decimals.
void writeWorkerCsv(const Trace& trace, std::ostream& out);

struct ChromeTraceCheck {
    bool ok = false;
    std::string problem;     // empty when ok; otherwise the first problem found
    std::size_t events = 0;  // entries in traceEvents (read so far, when not ok)
    // What a viewer copes with but a reader would want to know (threads
    // without a thread_name). Our exports have none.
    std::vector<std::string> notes;
};

// Structural validation of Chrome trace JSON, for tests and `asyncscope-cli
// trace check`. The JSON Object Format ({"traceEvents": [...], ...}) or the
// JSON Array Format ([...], its closing ']' optional as the format allows).
// Every event is an object with a known "ph"; non-M events have numeric
// ts, pid and tid; X events have dur >= 0 and, per (pid, tid), are nested
// or disjoint (never partially overlapping; 0.1 ns tolerance for the
// decimal timestamps); counters (C) have numeric args; every flow (cat, id)
// has exactly one s and one f, the f not before the s; every async b has a
// matching e (same cat and id) after it and vice versa. A JSON error is
// reported with its byte and line. The check streams: its memory is a
// small fraction of the file's size, whatever the size.
ChromeTraceCheck checkChromeTrace(std::string_view json);
ChromeTraceCheck checkChromeTrace(std::istream& in);

}  // namespace asyncscope::trace
