// Run statistics over a range of time (see run_stats.hpp for the design note).
#include "run_stats.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace asyncscope::core {

namespace {

using trace::CounterSample;
using trace::CounterTrack;

// --- counter tracks ---------------------------------------------------------

// Samples with time <= t (t may be fractional or negative).
std::size_t samplesUpTo(const CounterTrack& track, double t) {
    const auto& s = track.samples;
    const auto atOrBefore = [&](const CounterSample& x) {
        return static_cast<double>(x.time) <= t;
    };
    return static_cast<std::size_t>(std::partition_point(s.begin(), s.end(), atOrBefore) -
                                    s.begin());
}

// Samples with time < t.
std::size_t samplesBefore(const CounterTrack& track, double t) {
    const auto& s = track.samples;
    const auto before = [&](const CounterSample& x) { return static_cast<double>(x.time) < t; };
    return static_cast<std::size_t>(std::partition_point(s.begin(), s.end(), before) - s.begin());
}

// --- lanes of intervals -----------------------------------------------------

// Intervals of `items` that start before t.
template <class T>
std::size_t startingBefore(const std::vector<T>& items, double t) {
    return static_cast<std::size_t>(
        std::partition_point(items.begin(), items.end(),
                             [&](const T& x) { return static_cast<double>(x.start) < t; }) -
        items.begin());
}

// Intervals of `items` that end before t.
template <class T>
std::size_t endingBefore(const std::vector<T>& items, double t) {
    return static_cast<std::size_t>(
        std::partition_point(items.begin(), items.end(),
                             [&](const T& x) { return static_cast<double>(x.end) < t; }) -
        items.begin());
}

// The first index at or after `from` where `pred` no longer holds (the
// items are partitioned by it): probes 1, 2, 4, ... ahead, then a binary
// search in the last stride. O(log distance).
template <class T, class Pred>
std::size_t gallop(const std::vector<T>& items, std::size_t from, Pred&& pred) {
    const std::size_t n = items.size();
    std::size_t lo = std::min(from, n), step = 1;
    while (lo + step <= n && pred(items[lo + step - 1])) {
        lo += step;
        step *= 2;
    }
    const std::size_t hi = std::min(lo + step, n);
    return static_cast<std::size_t>(
        std::partition_point(items.begin() + static_cast<std::ptrdiff_t>(lo),
                             items.begin() + static_cast<std::ptrdiff_t>(hi), pred) -
        items.begin());
}

// The time the lane's intervals cover in [0, t), the first `k` of them
// starting before t.
template <class T>
double coveredBefore(const std::vector<T>& items, const StatsIndex::Lane& lane, std::size_t k,
                     double t) {
    k = std::min(k, lane.size());
    if (k == 0) return 0;
    const T& last = items[k - 1];
    return static_cast<double>(lane.covered[k - 1]) +
           (std::min(t, static_cast<double>(last.end)) - static_cast<double>(last.start));
}

// The time the lane's intervals cover in [0, t).
template <class T>
double coveredBefore(const std::vector<T>& items, const StatsIndex::Lane& lane, double t) {
    return coveredBefore(items, lane, startingBefore(items, t), t);
}

// Re-sums `lane` over `items` from the first interval that may have changed.
template <class T>
void updateLane(StatsIndex::Lane& lane, const std::vector<T>& items, bool countReady) {
    const std::size_t had = lane.size(), n = items.size();
    std::size_t from = std::min(had, n);
    if (from > 0) --from;  // the last one summed may have changed since (an open interval)
    // The one before it must be unchanged; if not, the model was rebuilt.
    if (had >= 2 && (n + 1 < had || items[had - 2].start != lane.checkStart ||
                     items[had - 2].end != lane.checkEnd))
        from = 0;
    lane.covered.resize(from + 1);
    lane.covered[0] = 0;
    if (countReady) {
        lane.ready.resize(from + 1);
        lane.ready[0] = 0;
    }
    for (std::size_t i = from; i < n; ++i) {
        const T& x = items[i];
        lane.covered.push_back(lane.covered[i] + (x.end - x.start));
        if constexpr (requires(const T& y) { y.result; })
            if (countReady)
                lane.ready.push_back(lane.ready[i] + (x.result == PollResult::Ready ? 1u : 0u));
    }
    if (n >= 2) {
        lane.checkStart = items[n - 2].start;
        lane.checkEnd = items[n - 2].end;
    }
}

template <class Lanes, class Get>
void updateLanes(std::vector<StatsIndex::Lane>& lanes, const Lanes& source, Get&& get,
                 bool countReady) {
    if (lanes.size() > source.size()) lanes.clear();  // fewer lanes: a different model
    lanes.resize(source.size());
    for (std::size_t i = 0; i < source.size(); ++i)
        updateLane(lanes[i], get(source[i]), countReady);
}

double clampTo(double t, double lo, double hi) {
    return std::min(std::max(t, lo), hi);
}

// The bound to count events before, for a range ending at t: a range that
// reaches the run's end takes in its last instant (times are whole ns).
double countBound(double t, double end) {
    return t >= end ? std::max(t, end + 0.5) : t;
}

// --- histograms -------------------------------------------------------------

// Bucket edges: 0, 1, ..., 10, then 12, 15, 20, 25, 30, 40, 50, 60, 80, 100 × 10^k.
const std::vector<std::uint64_t>& bucketEdges() {
    static const std::vector<std::uint64_t> edges = [] {
        std::vector<std::uint64_t> e;
        for (std::uint64_t v = 0; v <= 10; ++v) e.push_back(v);
        constexpr std::uint64_t kMantissas[] = {12, 15, 20, 25, 30, 40, 50, 60, 80, 100};
        constexpr std::uint64_t kMax = std::numeric_limits<std::uint64_t>::max();
        for (std::uint64_t base = 1;; base *= 10) {
            for (std::uint64_t m : kMantissas) {
                if (base > kMax / m) {
                    e.push_back(kMax);
                    return e;
                }
                e.push_back(m * base);
            }
        }
    }();
    return edges;
}

std::size_t bucketIndexOf(std::uint64_t ns) {
    const auto& e = bucketEdges();
    const auto it = std::upper_bound(e.begin(), e.end(), ns);
    return std::min(static_cast<std::size_t>(it - e.begin()), e.size() - 1) - 1;
}

// The index of the nearest-rank percentile p (in %) of n values: the
// ceil(p·n/100)-th smallest.
std::size_t rankIndex(std::size_t n, std::size_t p) {
    const std::size_t rank = (p * n + 99) / 100;
    return std::max<std::size_t>(rank, 1) - 1;
}

}  // namespace

// --- CounterIndex -------------------------------------------------------------

void CounterIndex::update(const CounterTrack& track) {
    const auto& s = track.samples;
    const std::size_t n = s.size();
    std::size_t from = std::min(m_size, n);
    if (from > 0) --from;  // a growing track's last sample may have changed
    if (m_size >= 2 && (n + 1 < m_size || s[m_size - 2] != m_check)) from = 0;
    m_integral.resize(n);
    if (n > 0) m_integral[0] = 0;
    for (std::size_t i = std::max<std::size_t>(from, 1); i < n; ++i)
        m_integral[i] = m_integral[i - 1] + static_cast<double>(s[i - 1].value) *
                                                static_cast<double>(s[i].time - s[i - 1].time);
    // The pyramid: level k + 1 has ceil(size_k / 2) entries, each the max of two below.
    std::size_t below = n, start = from;
    std::size_t level = 0;
    while (below > 1) {
        const std::size_t size = (below + 1) / 2;
        if (m_levels.size() <= level) m_levels.emplace_back();
        std::vector<std::uint32_t>& up = m_levels[level];
        up.resize(size);
        auto at = [&](std::size_t i) { return level == 0 ? s[i].value : m_levels[level - 1][i]; };
        for (std::size_t i = start / 2; i < size; ++i)
            up[i] = 2 * i + 1 < below ? std::max(at(2 * i), at(2 * i + 1)) : at(2 * i);
        below = size;
        start /= 2;
        ++level;
    }
    m_levels.resize(level);
    m_size = n;
    if (n >= 2) m_check = s[n - 2];
}

std::uint32_t CounterIndex::maxOver(const CounterTrack& track, std::size_t a, std::size_t b) const {
    b = std::min({b, m_size, track.samples.size()});
    if (a < b && b - a <= 32) {  // a few samples: a scan of adjacent memory is quicker
        std::uint32_t m = 0;
        for (std::size_t i = a; i < b; ++i) m = std::max(m, track.samples[i].value);
        return m;
    }
    std::uint32_t m = 0;
    std::size_t level = 0;
    auto at = [&](std::size_t i) {
        return level == 0 ? track.samples[i].value : m_levels[level - 1][i];
    };
    while (a < b) {
        if (a & 1) m = std::max(m, at(a++));
        if (b & 1) m = std::max(m, at(--b));
        a /= 2;
        b /= 2;
        ++level;
    }
    return m;
}

std::uint32_t CounterIndex::maxIn(const CounterTrack& track, double t0, double t1) const {
    const std::size_t n = std::min(m_size, track.samples.size());
    const std::size_t a = std::min(samplesUpTo(track, t0), n);
    const std::uint32_t atT0 = a == 0 ? 0 : track.samples[a - 1].value;
    if (!(t1 > t0)) return atT0;
    const std::size_t b = std::min(samplesBefore(track, t1), n);
    return a < b ? std::max(atT0, maxOver(track, a, b)) : atT0;
}

double CounterIndex::cumulative(const CounterTrack& track, std::size_t upTo, double t) const {
    const std::size_t k = std::min({upTo, m_size, track.samples.size()});
    if (k == 0) return 0;
    const CounterSample& last = track.samples[k - 1];
    return m_integral[k - 1] +
           static_cast<double>(last.value) * (t - static_cast<double>(last.time));
}

double CounterIndex::integral(const CounterTrack& track, double t0, double t1) const {
    return t1 > t0 ? cumulative(track, samplesUpTo(track, t1), t1) -
                         cumulative(track, samplesUpTo(track, t0), t0)
                   : 0;
}

// --- StatsIndex ---------------------------------------------------------------

StatsIndex::StatsIndex(const TimelineModel& model, const trace::CounterTracks* counters) {
    update(model, counters);
}

void StatsIndex::update(const TimelineModel& model, const trace::CounterTracks* counters) {
    updateLanes(
        m_polls, model.workers(), [](const WorkerLane& l) -> const auto& { return l.polls; }, true);
    updateLanes(
        m_parked, model.workers(), [](const WorkerLane& l) -> const auto& { return l.parked; },
        false);
    updateLanes(
        m_jobs, model.blockingThreads(),
        [](const BlockingLane& l) -> const auto& { return l.jobs; }, false);
    // Steals only ever grow (none is open); a different last one: a rebuilt model.
    const auto& steals = model.steals();
    const std::size_t had = m_stolen.size() - 1;
    if (had > steals.size() || (had > 0 && (steals[had - 1].time != m_stealCheck.time ||
                                            steals[had - 1].count != m_stealCheck.count)))
        m_stolen.assign(1, 0);
    for (std::size_t i = m_stolen.size() - 1; i < steals.size(); ++i)
        m_stolen.push_back(m_stolen[i] + steals[i].count);
    if (!steals.empty()) m_stealCheck = steals.back();
    if (!counters) return;
    m_global.update(counters->global);
    m_lockWaiters.update(counters->lockWaiters);
    m_semWaiters.update(counters->semaphoreWaiters);
    if (m_local.size() > counters->local.size()) m_local.clear();
    m_local.resize(counters->local.size());
    for (std::size_t w = 0; w < m_local.size(); ++w) m_local[w].update(counters->local[w]);
}

// --- range statistics ---------------------------------------------------------

RangeStats rangeStats(const TimelineModel& model, const StatsIndex& index, std::uint64_t t0,
                      std::uint64_t t1) {
    RangeStats r;
    r.t0 = t0;
    r.t1 = std::max(t0, t1);
    r.duration = r.t1 - r.t0;
    const double a = static_cast<double>(r.t0), b = static_cast<double>(r.t1);
    const double len = static_cast<double>(r.duration);
    const double bc = countBound(b, static_cast<double>(model.endTime()));  // for counts
    auto covered = [&](const auto& items, const StatsIndex::Lane& lane) {
        return static_cast<std::uint64_t>(
            std::llround(coveredBefore(items, lane, b) - coveredBefore(items, lane, a)));
    };
    const auto& workers = model.workers();
    r.workers.resize(workers.size());
    for (std::size_t w = 0; w < workers.size() && w < index.polls().size(); ++w) {
        const WorkerLane& lane = workers[w];
        WorkerRangeStats& s = r.workers[w];
        s.busyNs = covered(lane.polls, index.polls()[w]);
        s.parkedNs = covered(lane.parked, index.parked()[w]);
        s.polls = startingBefore(lane.polls, bc) - startingBefore(lane.polls, a);
        s.busy = len > 0 ? static_cast<double>(s.busyNs) / len : 0;
        s.parked = len > 0 ? static_cast<double>(s.parkedNs) / len : 0;
        r.polls += s.polls;
        const auto& ready = index.polls()[w].ready;
        const std::size_t e0 = std::min(endingBefore(lane.polls, a), ready.size() - 1);
        const std::size_t e1 = std::min(endingBefore(lane.polls, bc), ready.size() - 1);
        r.completions += ready[e1] - ready[e0];
    }
    const auto& blocking = model.blockingThreads();
    r.blockingBusy.resize(blocking.size());
    for (std::size_t i = 0; i < blocking.size() && i < index.jobs().size(); ++i)
        r.blockingBusy[i] =
            len > 0 ? static_cast<double>(covered(blocking[i].jobs, index.jobs()[i])) / len : 0;
    const auto& wakes = model.wakes();
    auto wakesBefore = [&](double t) {
        return std::partition_point(
                   wakes.begin(), wakes.end(),
                   [&](const WakeMark& x) { return static_cast<double>(x.time) < t; }) -
               wakes.begin();
    };
    r.wakes = static_cast<std::size_t>(wakesBefore(bc) - wakesBefore(a));
    const auto& steals = model.steals();
    auto stealsBefore = [&](double t) {
        const auto k = static_cast<std::size_t>(
            std::partition_point(
                steals.begin(), steals.end(),
                [&](const StealMark& x) { return static_cast<double>(x.time) < t; }) -
            steals.begin());
        return std::min(k, index.stolen().size() - 1);
    };
    const std::size_t s0 = stealsBefore(a), s1 = stealsBefore(bc);
    r.steals = s1 - s0;
    r.stolenTasks = index.stolen()[s1] - index.stolen()[s0];
    return r;
}

RangeStats rangeStats(const TimelineModel& model, std::uint64_t t0, std::uint64_t t1) {
    return rangeStats(model, StatsIndex(model), t0, t1);
}

// --- distributions -------------------------------------------------------------

HistogramBucket histogramBucketOf(std::uint64_t ns) {
    const auto& e = bucketEdges();
    const std::size_t i = bucketIndexOf(ns);
    return {e[i], e[i + 1], 0};
}

Distribution distributionOf(std::vector<std::uint64_t> values) {
    Distribution d;
    d.count = values.size();
    if (values.empty()) return d;
    const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
    d.min = *lo;
    d.max = *hi;
    double sum = 0;
    for (std::uint64_t v : values) sum += static_cast<double>(v);
    d.mean = sum / static_cast<double>(values.size());

    const auto& e = bucketEdges();
    const std::size_t first = bucketIndexOf(d.min), last = bucketIndexOf(d.max);
    d.buckets.resize(last - first + 1);
    for (std::size_t i = first; i <= last; ++i) d.buckets[i - first] = {e[i], e[i + 1], 0};
    for (std::uint64_t v : values) ++d.buckets[bucketIndexOf(v) - first].count;

    // Exact percentiles: each nth_element works on what lies above the last.
    const std::size_t n = values.size();
    const auto begin = values.begin();
    std::size_t done = 0;
    auto nth = [&](std::size_t i) {
        if (i >= done) {
            std::nth_element(begin + static_cast<std::ptrdiff_t>(done),
                             begin + static_cast<std::ptrdiff_t>(i), values.end());
            done = i + 1;
        }
        return values[i];
    };
    d.p50 = nth(rankIndex(n, 50));
    d.p90 = nth(rankIndex(n, 90));
    d.p99 = nth(rankIndex(n, 99));
    return d;
}

Distribution pollDurations(const TimelineModel& model, std::uint64_t t0, std::uint64_t t1) {
    std::vector<std::uint64_t> v;
    const double a = static_cast<double>(t0);
    const double b = countBound(static_cast<double>(t1), static_cast<double>(model.endTime()));
    for (const WorkerLane& lane : model.workers()) {
        const std::size_t i0 = startingBefore(lane.polls, a), i1 = startingBefore(lane.polls, b);
        for (std::size_t i = i0; i < i1; ++i) {
            const PollSpan& s = lane.polls[i];
            if (!(s.flags & kSpanOpen)) v.push_back(s.end - s.start);
        }
    }
    return distributionOf(std::move(v));
}

Distribution schedulingDelays(const TimelineModel& model, std::uint64_t t0, std::uint64_t t1) {
    std::vector<std::uint64_t> v;
    const auto& wakes = model.wakes();
    const double b = countBound(static_cast<double>(t1), static_cast<double>(model.endTime()));
    const auto [first, last] =
        visibleRange(std::span<const WakeMark>(wakes), static_cast<double>(t0), b);
    for (std::size_t i = first; i < last; ++i) {
        const WakeMark& w = wakes[i];
        if (static_cast<double>(w.time) >= b) break;  // half-open
        if (w.pollWorker != trace::kNoThread && w.pollTime >= w.time)
            v.push_back(w.pollTime - w.time);
    }
    return distributionOf(std::move(v));
}

// --- chart series ---------------------------------------------------------------

ChartSeries chartSeries(const TimelineModel& model, const StatsIndex& index,
                        const trace::CounterTracks* counters, double t0, double t1, int buckets) {
    ChartSeries c;
    c.t0 = t0;
    c.t1 = std::max(t0, t1);
    c.buckets = std::max(0, buckets);
    c.end = model.endTime();
    const auto nb = static_cast<std::size_t>(c.buckets);
    const auto& workers = model.workers();
    const std::size_t nw = std::min(workers.size(), index.polls().size());
    c.busy.assign(nw, std::vector<double>(nb, 0.0));
    if (model.blockOnLane() && *model.blockOnLane() < nw)
        c.blockOnLane = static_cast<int>(*model.blockOnLane());
    c.pollsPerSec.assign(nb, 0.0);
    c.completionsPerSec.assign(nb, 0.0);
    if (nb == 0 || !(c.t1 > c.t0)) return c;

    const double end = static_cast<double>(c.end);
    // The boundaries, clipped to the run; each quantity is a difference of
    // its cumulative value at two boundaries.
    std::vector<double> edge(nb + 1), clip(nb + 1);
    for (std::size_t j = 0; j <= nb; ++j) {
        const double e = j == nb ? c.t1 : c.bucketStart(static_cast<int>(j));
        edge[j] = countBound(e, end);
        clip[j] = clampTo(e, 0, end);
    }
    c.first = c.buckets;
    c.last = 0;
    for (std::size_t b = 0; b < nb; ++b)
        if (clip[b + 1] > clip[b]) {
            c.first = std::min(c.first, static_cast<int>(b));
            c.last = static_cast<int>(b) + 1;
        }
    if (c.first >= c.last) {
        c.first = c.last = 0;
        return c;
    }

    std::vector<double> busyAt(nb + 1);
    std::vector<std::size_t> polls(nb + 1, 0), ready(nb + 1, 0);
    for (std::size_t w = 0; w < nw; ++w) {
        const auto& items = workers[w].polls;
        const StatsIndex::Lane& lane = index.polls()[w];
        // Cursors that only move forward as the boundaries do.
        std::size_t started = 0, ended = 0, covered = 0;
        for (std::size_t j = 0; j <= nb; ++j) {
            const double e = edge[j], k = clip[j];
            started = gallop(items, started,
                             [&](const PollSpan& x) { return static_cast<double>(x.start) < e; });
            ended = gallop(items, ended,
                           [&](const PollSpan& x) { return static_cast<double>(x.end) < e; });
            covered = gallop(items, covered,
                             [&](const PollSpan& x) { return static_cast<double>(x.start) < k; });
            busyAt[j] = coveredBefore(items, lane, covered, k);
            polls[j] += std::min(started, lane.size());
            ready[j] += lane.ready[std::min(ended, lane.size())];
        }
        for (std::size_t b = 0; b < nb; ++b) {
            const double len = clip[b + 1] - clip[b];
            c.busy[w][b] = len > 0 ? (busyAt[b + 1] - busyAt[b]) / len : 0;
        }
    }
    for (std::size_t b = 0; b < nb; ++b) {
        const double len = clip[b + 1] - clip[b];
        if (!(len > 0)) continue;
        c.pollsPerSec[b] = static_cast<double>(polls[b + 1] - polls[b]) * 1e9 / len;
        c.completionsPerSec[b] = static_cast<double>(ready[b + 1] - ready[b]) * 1e9 / len;
        c.maxRate = std::max({c.maxRate, c.pollsPerSec[b], c.completionsPerSec[b]});
    }

    if (!counters) return c;
    c.hasCounters = true;
    // Per track, the samples at or before and strictly before each clipped
    // boundary (galloping forward); a bucket's highest value is the value at
    // its start or a sample inside it.
    std::vector<std::size_t> upTo(nb + 1), before(nb + 1);
    auto walk = [&](const trace::CounterTrack& track) {
        const auto& s = track.samples;
        std::size_t u = 0, v = 0;
        for (std::size_t j = 0; j <= nb; ++j) {
            const double k = clip[j];
            u = gallop(s, u,
                       [&](const CounterSample& x) { return static_cast<double>(x.time) <= k; });
            v = gallop(s, v,
                       [&](const CounterSample& x) { return static_cast<double>(x.time) < k; });
            upTo[j] = u;
            before[j] = v;
        }
    };
    auto maxima = [&](const trace::CounterTrack& track, const CounterIndex& idx) {
        walk(track);
        std::vector<std::uint32_t> out(nb, 0);
        const std::size_t n = std::min(idx.size(), track.samples.size());
        for (auto b = static_cast<std::size_t>(c.first); b < static_cast<std::size_t>(c.last);
             ++b) {
            const std::size_t a = std::min(upTo[b], n);
            const std::uint32_t atStart = a ? track.samples[a - 1].value : 0;
            out[b] = std::max(atStart, idx.maxOver(track, a, before[b + 1]));
        }
        return out;
    };
    auto highest = [&](const std::vector<std::uint32_t>& v) {
        return v.empty() ? 0u : *std::max_element(v.begin(), v.end());
    };
    c.globalQueue = maxima(counters->global, index.global());
    c.maxQueue = highest(c.globalQueue);
    const std::size_t nl = std::min(counters->local.size(), index.local().size());
    c.localQueues.resize(nl);
    for (std::size_t w = 0; w < nl; ++w) {
        c.localQueues[w] = maxima(counters->local[w], index.local()[w]);
        c.maxQueue = std::max(c.maxQueue, highest(c.localQueues[w]));
    }
    c.semaphoreWaiters = maxima(counters->semaphoreWaiters, index.semaphoreWaiters());
    c.lockWaiters = maxima(counters->lockWaiters, index.lockWaiters());  // walk() left for below
    c.maxWaiters = std::max(highest(c.lockWaiters), highest(c.semaphoreWaiters));
    c.lockWaitNs.assign(nb, 0.0);
    const CounterIndex& locks = index.lockWaiters();
    for (auto b = static_cast<std::size_t>(c.first); b < static_cast<std::size_t>(c.last); ++b)
        c.lockWaitNs[b] = locks.cumulative(counters->lockWaiters, upTo[b + 1], clip[b + 1]) -
                          locks.cumulative(counters->lockWaiters, upTo[b], clip[b]);
    return c;
}

ChartSeries chartSeries(const TimelineModel& model, const trace::CounterTracks* counters, double t0,
                        double t1, int buckets) {
    return chartSeries(model, StatsIndex(model, counters), counters, t0, t1, buckets);
}

}  // namespace asyncscope::core
