// Run statistics over a range of time: busy and parked fractions, counts,
// rates, queue depths and waiters per chart bucket, and the distributions of
// poll durations and scheduling delays (tokio-console's two histograms).
//
// Design note
// -----------
// The charts are redrawn whenever the view moves, so a range's numbers must
// not cost a pass over the run. A StatsIndex, built once per TimelineModel
// (and its CounterTracks), keeps per lane prefix sums over the lane's
// time-sorted, non-overlapping intervals:
//   - busy time: B(t) = time the lane's intervals cover in [0, t) is the
//     prefix sum of the durations of the intervals that start before t, less
//     the part of the last of them after t: one binary search. The time
//     covered in [t0, t1) is B(t1) - B(t0). Likewise parked time and the
//     blocking threads' jobs;
//   - counts: polls that start before t (a binary search on the starts),
//     Ready polls that end before t (on the ends, and a prefix count of the
//     Ready ones), wakes, steals and stolen tasks (a prefix sum);
//   - per counter track: a max pyramid (level k holds the max of 2^k
//     samples) answers "the highest value in [t0, t1)" in O(log n), and a
//     prefix integral of value × time answers "task-time spent waiting"
//     (lock wait time: the area under the waiter count) in O(log n).
// So rangeStats() costs O(lanes · log n) and chartSeries() O(buckets ·
// lanes · log n), whatever the length of the run. chartSeries() walks the
// bucket boundaries in order, so each lane's searches gallop from where the
// previous boundary's ended: O(log(items per bucket)) each, and the memory
// they touch moves forward, which at a million polls matters more than the
// comparisons.
//
// Growing models. A live run's model grows by appending to its lanes, and
// only the last interval of a lane (still open, shown up to the run's clock)
// may change between two looks; a growing counter track, likewise, only its
// last sample (counters.hpp). StatsIndex::update() therefore re-sums each
// lane and track from its previously last element on. It checks that the
// element before that one is still what it summed, and re-sums a lane from
// the start when not (the model was rebuilt), so a stale index is never read.
//
// Ranges are half-open, [t0, t1): adjacent buckets count each event once.
// A range that reaches the run's end also takes in the end's instant (under
// the virtual clock the last polls often take no time, at the very end).
// Fractions and rates of a bucket are over the part of it inside the run
// [0, end]; rangeStats() divides by the range's full length.
//
// Distributions collect the values in the range and take exact percentiles
// (nearest rank, by nth_element on the copy: O(n), no sampling; a few
// million values cost tens of milliseconds, so a GUI computes them when the
// range settles, not per frame). Their histogram buckets are log-scale, ten
// per decade at 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k ns (1-ns buckets
// below 10 ns, and [0, 1) for zero, common under the virtual clock).
#pragma once

#include "timeline_model.hpp"

#include <asyncscope/trace/counters.hpp>

#include <cstdint>
#include <vector>

namespace asyncscope::core {

// The index of one counter track (see the design note).
class CounterIndex {
public:
    // Brings the index up to date with `track` (which only grew, or whose
    // last sample changed, since the last call; otherwise: rebuilt).
    void update(const trace::CounterTrack& track);
    // The highest value in [t0, t1) (the value at t0 for an empty range).
    std::uint32_t maxIn(const trace::CounterTrack& track, double t0, double t1) const;
    // The integral of the value over [t0, t1), in value × ns.
    double integral(const trace::CounterTrack& track, double t0, double t1) const;

    // For callers that walk increasing times and find the samples themselves:
    // the highest value among samples [a, b), O(log n);
    std::uint32_t maxOver(const trace::CounterTrack& track, std::size_t a, std::size_t b) const;
    // the integral over [0, t), `upTo` being the number of samples at or before t.
    double cumulative(const trace::CounterTrack& track, std::size_t upTo, double t) const;
    // Samples indexed (update() was given a track this long).
    std::size_t size() const noexcept { return m_size; }

private:
    std::vector<std::vector<std::uint32_t>> m_levels;  // m_levels[k]: level k + 1
    std::vector<double> m_integral;                    // [i]: over [first sample, sample i)
    std::size_t m_size = 0;
    trace::CounterSample m_check;  // sample m_size - 2 when indexed
};

class StatsIndex {
public:
    StatsIndex() = default;
    explicit StatsIndex(const TimelineModel& model, const trace::CounterTracks* counters = nullptr);
    // Takes in what `model` (and `counters`) gained since the last call.
    void update(const TimelineModel& model, const trace::CounterTracks* counters = nullptr);

    // Prefix sums over one lane of intervals.
    struct Lane {
        std::vector<std::uint64_t> covered;          // [i]: the durations of intervals [0, i)
        std::vector<std::uint32_t> ready;            // polls only: [i]: Ready among [0, i)
        std::uint64_t checkStart = 0, checkEnd = 0;  // interval size() - 2 when indexed
        std::size_t size() const noexcept { return covered.empty() ? 0 : covered.size() - 1; }
    };
    const std::vector<Lane>& polls() const noexcept { return m_polls; }
    const std::vector<Lane>& parked() const noexcept { return m_parked; }
    const std::vector<Lane>& jobs() const noexcept { return m_jobs; }
    const std::vector<std::uint64_t>& stolen() const noexcept { return m_stolen; }  // prefix

    const CounterIndex& global() const noexcept { return m_global; }
    const std::vector<CounterIndex>& local() const noexcept { return m_local; }
    const CounterIndex& lockWaiters() const noexcept { return m_lockWaiters; }
    const CounterIndex& semaphoreWaiters() const noexcept { return m_semWaiters; }

private:
    std::vector<Lane> m_polls, m_parked, m_jobs;
    std::vector<std::uint64_t> m_stolen{0};
    StealMark m_stealCheck;  // the last steal indexed
    CounterIndex m_global, m_lockWaiters, m_semWaiters;
    std::vector<CounterIndex> m_local;
};

struct WorkerRangeStats {
    std::uint64_t busyNs = 0;    // poll time inside the range
    std::uint64_t parkedNs = 0;  // parked time inside the range
    std::size_t polls = 0;       // polls that start in the range
    double busy = 0;             // busyNs / the range's length
    double parked = 0;           // parkedNs / the range's length
};

struct RangeStats {
    std::uint64_t t0 = 0, t1 = 0;
    std::uint64_t duration = 0;   // t1 - t0
    std::size_t polls = 0;        // that start in the range
    std::size_t completions = 0;  // polls that end Ready in the range
    std::size_t wakes = 0;
    std::size_t steals = 0;
    std::uint64_t stolenTasks = 0;
    std::vector<WorkerRangeStats> workers;
    std::vector<double> blockingBusy;  // per blocking thread: job time / the range's length
};

// [t0, t1) of `model`, through its index.
RangeStats rangeStats(const TimelineModel& model, const StatsIndex& index, std::uint64_t t0,
                      std::uint64_t t1);
// The same, building the index (O(n)): for one-off questions and tests.
RangeStats rangeStats(const TimelineModel& model, std::uint64_t t0, std::uint64_t t1);

struct HistogramBucket {
    std::uint64_t lo = 0, hi = 0;  // [lo, hi) ns
    std::size_t count = 0;
    friend bool operator==(const HistogramBucket&, const HistogramBucket&) = default;
};

struct Distribution {
    std::size_t count = 0;
    std::uint64_t min = 0, max = 0;
    double mean = 0;
    std::uint64_t p50 = 0, p90 = 0, p99 = 0;  // nearest rank: the ceil(p·n)-th smallest
    // From the bucket of `min` to the bucket of `max`, empty ones included.
    std::vector<HistogramBucket> buckets;
};

// The bucket [lo, hi) that holds `ns` (see the design note).
HistogramBucket histogramBucketOf(std::uint64_t ns);
// The distribution of `values` (consumed: reordered).
Distribution distributionOf(std::vector<std::uint64_t> values);
// Polls that start in [t0, t1), closed ones only (an open poll has no duration yet).
Distribution pollDurations(const TimelineModel& model, std::uint64_t t0, std::uint64_t t1);
// Wakes in [t0, t1) that a poll followed: from the wake to the start of that
// poll (tokio-console's "scheduled" time).
Distribution schedulingDelays(const TimelineModel& model, std::uint64_t t0, std::uint64_t t1);

// The charts' numbers over [t0, t1) in `buckets` equal buckets.
struct ChartSeries {
    double t0 = 0, t1 = 0;
    int buckets = 0;
    // The buckets that meet the run [0, end]: [first, last). Values outside are 0.
    int first = 0, last = 0;
    std::uint64_t end = 0;  // the run's end when computed

    double bucketNs() const noexcept { return buckets > 0 ? (t1 - t0) / buckets : 0; }
    double bucketStart(int b) const noexcept { return t0 + (t1 - t0) * b / buckets; }

    std::vector<std::vector<double>> busy;  // [worker][bucket]: 0..1 of the bucket's run time
    int blockOnLane = -1;  // the row of `busy` that is the main thread's (block_on), or -1
    std::vector<double> pollsPerSec, completionsPerSec;
    // From the counter tracks (empty without them): the highest value in each bucket.
    bool hasCounters = false;
    std::vector<std::uint32_t> globalQueue;
    std::vector<std::vector<std::uint32_t>> localQueues;  // [worker][bucket]
    std::vector<std::uint32_t> lockWaiters, semaphoreWaiters;
    std::vector<double> lockWaitNs;  // task-time spent waiting for locks in the bucket
    // The highest of each over the valid buckets (the charts' y scales).
    double maxRate = 0;
    std::uint32_t maxQueue = 0, maxWaiters = 0;
};

ChartSeries chartSeries(const TimelineModel& model, const StatsIndex& index,
                        const trace::CounterTracks* counters, double t0, double t1, int buckets);
// The same, building the index (O(n)).
ChartSeries chartSeries(const TimelineModel& model, const trace::CounterTracks* counters, double t0,
                        double t1, int buckets);

}  // namespace asyncscope::core
