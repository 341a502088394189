// CounterTracks: how deep each run queue was, and how many tasks waited for
// a lock or a semaphore, at every instant of a run.
//
// Design note
// -----------
// Queue depths and waiter counts are facts of the reduced RuntimeState, not
// of single events: re-deriving them from the trace would mean writing the
// reducer a second time. So they are sampled where the state is already
// reduced, in the one pass (RecordingAnalyser::add): a CounterSampler looks at
// the state after each record and appends to a track when a value changed.
//
// A track is a step function of time: sample k says the value is `value`
// from `time` until the next sample; before the first sample it is 0.
// Invariants of a track's samples:
//   - times strictly increase (several changes at one instant keep only the
//     last value: under the virtual clock a whole instant shares one time,
//     and what a chart can show of it is what it ended as);
//   - adjacent values differ, and the first value is not 0 (no sample says
//     nothing changed).
// So a track is as long as the number of changes, valueAt() is one binary
// search, and only a track's last sample can still change (while its time is
// the sampler's current time): a reader that mirrors a growing track (the
// GUI during a live run, mirror()) re-copies from its own last sample on.
//
// Cost per record. The queue depths are compared with the last sample after
// the records that can move a task between queues (O(workers)). The waiter
// counts are kept as running totals: before a record is applied the sampler
// notes the waiters of the one or two locks (and semaphores) the record can
// change -- the resource it names, and the one its task waits on, which a
// record ending that wait clears -- and adds the difference afterwards
// (O(log locks)), instead of summing every lock per record.
#pragma once

#include <asyncscope/trace/state.hpp>
#include <asyncscope/trace/trace.hpp>

#include <cstdint>
#include <vector>

namespace asyncscope::trace {

struct CounterSample {
    std::uint64_t time = 0;  // runtime ns
    std::uint32_t value = 0;
    friend bool operator==(const CounterSample&, const CounterSample&) = default;
};

struct CounterTrack {
    std::vector<CounterSample> samples;  // see the invariants above

    // The value is `value` from `time` on (`time` >= the last sample's time).
    void set(std::uint64_t time, std::uint32_t value);
    std::uint32_t last() const noexcept { return samples.empty() ? 0 : samples.back().value; }
    std::size_t size() const noexcept { return samples.size(); }
    bool empty() const noexcept { return samples.empty(); }
    friend bool operator==(const CounterTrack&, const CounterTrack&) = default;
};

// The value at instant `t` (after every change at `t`). O(log n).
std::uint32_t valueAt(const CounterTrack& track, std::uint64_t t) noexcept;
// The largest value the track takes in [t0, t1) (the value at t0 when the
// range is empty). O(log n + samples in the range): for charts over long
// runs use an index (the app's StatsIndex keeps a max pyramid).
std::uint32_t maxIn(const CounterTrack& track, std::uint64_t t0, std::uint64_t t1) noexcept;

struct CounterTracks {
    CounterTrack global;              // the inject queue
    std::vector<CounterTrack> local;  // per worker: its local queue plus its LIFO slot
    CounterTrack lockWaiters;         // tasks queued on a mutex (async or blocking), all locks
    CounterTrack semaphoreWaiters;    // tasks queued on a semaphore, all semaphores

    std::size_t samples() const noexcept;
    friend bool operator==(const CounterTracks&, const CounterTracks&) = default;
};

// Brings `into`, an earlier copy of a growing `from`, up to date: per track,
// re-copies `into`'s last sample (it may have changed) and appends the rest.
// Cost: the new samples only.
void mirror(const CounterTracks& from, CounterTracks& into);

// Samples a state as records are applied to it (see the design note).
class CounterSampler {
public:
    // Call around Reducer::apply(s, r).
    void before(const RuntimeState& s, const Record& r);
    void after(const RuntimeState& s, const Record& r);

    const CounterTracks& tracks() const noexcept { return m_tracks; }
    CounterTracks finish() && { return std::move(m_tracks); }

private:
    CounterTracks m_tracks;
    std::uint32_t m_lockWaiters = 0, m_semWaiters = 0;
    // The locks and semaphores `r` may change (0 to 2 each), and their
    // waiters before it: set by before(), used by after().
    ResourceId m_locks[2], m_sems[2];
    unsigned m_lockCount = 0, m_semCount = 0;
    std::uint32_t m_lockBefore = 0, m_semBefore = 0;
};

}  // namespace asyncscope::trace
