// Charts tests (Qt Test, offscreen, QGuiApplication only): range statistics,
// distributions and chart series of hand-built traces whose every poll is
// known, with exact values; the index kept up to date as a model grows; the
// charts' and histograms' layout at the pixels the axes say; painting.
#include "chart_painter.hpp"
#include "run_stats.hpp"
#include "time_axis.hpp"
#include "timeline_model.hpp"
#include "timeline_painter.hpp"

#include <asyncscope/trace/counters.hpp>

#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QTest>

#include <cmath>
#include <random>
#include <vector>

namespace core = asyncscope::core;
namespace trace = asyncscope::trace;
using asyncscope::EventKind;
using asyncscope::PollResult;
using core::ChartDrawList;
using core::ChartRow;
using core::ChartSeries;
using core::Distribution;
using core::HistogramBucket;
using core::TimeAxis;
using core::TimelineModel;

namespace {

constexpr std::uint64_t kMs = 1'000'000;
constexpr std::uint64_t kUs = 1'000;

trace::Record rec(EventKind kind, std::uint64_t t, std::uint32_t task, std::uint16_t worker = 0,
                  std::uint32_t arg = 0, std::uint8_t sub = 0, std::uint32_t arg2 = 0) {
    trace::Record r;
    r.time = t;
    r.kind = kind;
    r.task = task;
    r.worker = worker;
    r.arg = arg;
    r.sub = sub;
    r.arg2 = arg2;
    return r;
}

std::uint8_t result(PollResult r) {
    return static_cast<std::uint8_t>(r);
}

// Two workers and a blocking thread over 10 ms:
//   worker 0: task 1 [0, 2) Pending, task 2 [3, 4) Ready, parked [4, 6),
//             task 1 [6, 10) Ready;
//   worker 1: task 3 [1, 5) Pending, task 3 [5, 5.5) Ready;
//   blocking thread 0: job 1 [2, 8);
//   wakes: task 3 at 0.5 (polled at 1), task 2 at 2.5 (polled at 3),
//          task 1 at 5 (polled at 6); worker 1 steals 2 tasks at 1.
trace::Trace handBuilt(std::size_t firstRecords = SIZE_MAX) {
    std::vector<trace::Record> all = {
        rec(EventKind::PollStart, 0, 1, 0),
        rec(EventKind::Wake, kMs / 2, 3, 0, 1),
        rec(EventKind::Steal, 1 * kMs, 3, 1, 0, 0, 2),
        rec(EventKind::PollStart, 1 * kMs, 3, 1),
        rec(EventKind::PollEnd, 2 * kMs, 1, 0, 0, result(PollResult::Pending)),
        rec(EventKind::BlockingStart, 2 * kMs, 1, trace::kBlockingFlag, 0),
        rec(EventKind::Wake, 2 * kMs + kMs / 2, 2, 1, 3),
        rec(EventKind::PollStart, 3 * kMs, 2, 0),
        rec(EventKind::PollEnd, 4 * kMs, 2, 0, 0, result(PollResult::Ready)),
        rec(EventKind::Park, 4 * kMs, 0, 0),
        rec(EventKind::Wake, 5 * kMs, 1, 1, 3),
        rec(EventKind::PollEnd, 5 * kMs, 3, 1, 0, result(PollResult::Pending)),
        rec(EventKind::PollStart, 5 * kMs, 3, 1),
        rec(EventKind::PollEnd, 5 * kMs + kMs / 2, 3, 1, 0, result(PollResult::Ready)),
        rec(EventKind::Unpark, 6 * kMs, 0, 0),
        rec(EventKind::PollStart, 6 * kMs, 1, 0),
        rec(EventKind::BlockingEnd, 8 * kMs, 1, trace::kBlockingFlag),
        rec(EventKind::PollEnd, 10 * kMs, 1, 0, 0, result(PollResult::Ready)),
    };
    trace::Trace t;
    t.info().workers = 2;
    for (std::size_t i = 0; i < all.size() && i < firstRecords; ++i) t.append(all[i]);
    return t;
}

// The inject queue holds 2 tasks from 1 ms, 1 from 2.5 ms, none from 3 ms;
// 1 task waits for a lock from 2 ms, 3 from 2.5 ms, none from 4 ms.
trace::CounterTracks handCounters() {
    trace::CounterTracks c;
    c.global.set(1 * kMs, 2);
    c.global.set(2 * kMs + kMs / 2, 1);
    c.global.set(3 * kMs, 0);
    c.local.resize(2);
    c.local[1].set(4 * kMs, 1);
    c.local[1].set(5 * kMs, 0);
    c.lockWaiters.set(2 * kMs, 1);
    c.lockWaiters.set(2 * kMs + kMs / 2, 3);
    c.lockWaiters.set(4 * kMs, 0);
    return c;
}

bool near(double a, double b) {
    return std::fabs(a - b) < 1e-6;
}

// A vertical line of `lines` at x, from top to bottom.
template <class Lines>
bool hasVerticalLineAt(const Lines& lines, double x, double top, double bottom) {
    for (const auto& l : lines)
        if (near(l.line.x1(), x) && near(l.line.x2(), x) && near(l.line.y1(), top) &&
            near(l.line.y2(), bottom))
            return true;
    return false;
}

// A step line's horizontal run from x0 to x1 at height y.
bool hasSegment(const ChartDrawList& l, double x0, double x1, double y) {
    for (const auto& s : l.strokes)
        for (const QRectF& r : s.rects)
            if (near(r.left(), x0) && near(r.right(), x1) && near(r.center().y(), y)) return true;
    return false;
}

const ChartDrawList::Row* rowOf(const ChartDrawList& l, ChartRow kind, int worker = -1) {
    for (const auto& r : l.rows)
        if (r.kind == kind && (worker < 0 || r.worker == worker)) return &r;
    return nullptr;
}

}  // namespace

class ChartsTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void rangeStatsOfTheWholeRun() {
        const TimelineModel m(handBuilt(), {}, 10 * kMs);
        QCOMPARE(m.endTime(), 10 * kMs);
        const core::RangeStats s = core::rangeStats(m, 0, 10 * kMs);
        QCOMPARE(s.duration, 10 * kMs);
        QCOMPARE(s.polls, std::size_t{5});
        QCOMPARE(s.completions, std::size_t{3});  // the last one ends at the run's end
        QCOMPARE(s.wakes, std::size_t{3});
        QCOMPARE(s.steals, std::size_t{1});
        QCOMPARE(s.stolenTasks, std::uint64_t{2});
        QCOMPARE(s.workers.size(), std::size_t{2});
        QCOMPARE(s.workers[0].busyNs, 7 * kMs);
        QCOMPARE(s.workers[0].busy, 0.7);
        QCOMPARE(s.workers[0].parkedNs, 2 * kMs);
        QCOMPARE(s.workers[0].parked, 0.2);
        QCOMPARE(s.workers[0].polls, std::size_t{3});
        QCOMPARE(s.workers[1].busyNs, 4 * kMs + kMs / 2);
        QCOMPARE(s.workers[1].busy, 0.45);
        QCOMPARE(s.workers[1].parked, 0.0);
        QCOMPARE(s.blockingBusy.size(), std::size_t{1});
        QCOMPARE(s.blockingBusy[0], 0.6);
    }

    void rangeStatsOfAPartOfTheRun() {
        const TimelineModel m(handBuilt(), {}, 10 * kMs);
        const core::StatsIndex index(m);
        // [1.5, 3.5): edges cut a poll of each worker and the job.
        const core::RangeStats s = core::rangeStats(m, index, 1500 * kUs, 3500 * kUs);
        QCOMPARE(s.duration, 2 * kMs);
        QCOMPARE(s.workers[0].busyNs, 1 * kMs);  // 0.5 of task 1, 0.5 of task 2
        QCOMPARE(s.workers[0].busy, 0.5);
        QCOMPARE(s.workers[1].busy, 1.0);
        QCOMPARE(s.polls, std::size_t{1});  // task 2 at 3 ms
        QCOMPARE(s.completions, std::size_t{0});
        QCOMPARE(s.wakes, std::size_t{1});
        QCOMPARE(s.steals, std::size_t{0});
        QCOMPARE(s.blockingBusy[0], 0.75);
        // Half-open: a poll starting at t1 is not in [t0, t1), one starting at t0 is.
        QCOMPARE(core::rangeStats(m, index, 2 * kMs, 3 * kMs).polls, std::size_t{0});
        QCOMPARE(core::rangeStats(m, index, 3 * kMs, 4 * kMs).polls, std::size_t{1});
        QCOMPARE(core::rangeStats(m, index, 3 * kMs, 4 * kMs).completions, std::size_t{0});
        QCOMPARE(core::rangeStats(m, index, 4 * kMs, 5 * kMs).completions, std::size_t{1});
        QCOMPARE(core::rangeStats(m, index, 4 * kMs, 6 * kMs).workers[0].parked, 1.0);
    }

    void histogramBucketsAreLogScale() {
        auto b = [](std::uint64_t v) { return core::histogramBucketOf(v); };
        QCOMPARE(b(0), (HistogramBucket{0, 1, 0}));
        QCOMPARE(b(9), (HistogramBucket{9, 10, 0}));
        QCOMPARE(b(10), (HistogramBucket{10, 12, 0}));
        QCOMPARE(b(999), (HistogramBucket{800, 1000, 0}));
        QCOMPARE(b(1000), (HistogramBucket{1000, 1200, 0}));
        QCOMPARE(b(1234), (HistogramBucket{1200, 1500, 0}));
        QCOMPARE(b(2 * kMs), (HistogramBucket{2 * kMs, 2500 * kUs, 0}));
        QCOMPARE(b(1'000'000'000), (HistogramBucket{1'000'000'000, 1'200'000'000, 0}));
    }

    void percentilesAreExactNearestRanks() {
        std::vector<std::uint64_t> v;
        for (std::uint64_t i = 100; i >= 1; --i) v.push_back(i);
        const Distribution d = core::distributionOf(v);
        QCOMPARE(d.count, std::size_t{100});
        QCOMPARE(d.min, std::uint64_t{1});
        QCOMPARE(d.max, std::uint64_t{100});
        QCOMPARE(d.mean, 50.5);
        QCOMPARE(d.p50, std::uint64_t{50});
        QCOMPARE(d.p90, std::uint64_t{90});
        QCOMPARE(d.p99, std::uint64_t{99});
        // Buckets 1..9 (one each), [10, 12) ... [80, 100), [100, 120).
        QCOMPARE(d.buckets.front(), (HistogramBucket{1, 2, 1}));
        QCOMPARE(d.buckets[9], (HistogramBucket{10, 12, 2}));
        QCOMPARE(d.buckets.back(), (HistogramBucket{100, 120, 1}));
        std::size_t sum = 0;
        for (const auto& b : d.buckets) sum += b.count;
        QCOMPARE(sum, std::size_t{100});
        const Distribution one = core::distributionOf({7});
        QCOMPARE(one.p50, std::uint64_t{7});
        QCOMPARE(one.p99, std::uint64_t{7});
        QCOMPARE(core::distributionOf({}).count, std::size_t{0});
    }

    void pollDurationsAndSchedulingDelays() {
        const TimelineModel m(handBuilt(), {}, 10 * kMs);
        const Distribution polls = core::pollDurations(m, 0, 10 * kMs);
        // 0.5, 1, 2, 4, 4 ms.
        QCOMPARE(polls.count, std::size_t{5});
        QCOMPARE(polls.min, 500 * kUs);
        QCOMPARE(polls.max, 4 * kMs);
        QCOMPARE(polls.mean, 2.3e6);
        QCOMPARE(polls.p50, 2 * kMs);
        QCOMPARE(polls.p90, 4 * kMs);
        QCOMPARE(polls.p99, 4 * kMs);
        QCOMPARE(polls.buckets.size(), std::size_t{10});  // [0.5, 0.6) ms ... [4, 5) ms
        QCOMPARE(polls.buckets.front(), (HistogramBucket{500 * kUs, 600 * kUs, 1}));
        QCOMPARE(polls.buckets.back(), (HistogramBucket{4 * kMs, 5 * kMs, 2}));
        // Only the polls that start in the range.
        QCOMPARE(core::pollDurations(m, 1 * kMs, 6 * kMs).count, std::size_t{3});

        const Distribution delays = core::schedulingDelays(m, 0, 10 * kMs);
        // 0.5 (task 3), 0.5 (task 2), 1 ms (task 1).
        QCOMPARE(delays.count, std::size_t{3});
        QCOMPARE(delays.p50, 500 * kUs);
        QCOMPARE(delays.p90, 1 * kMs);
        QCOMPARE(delays.p99, 1 * kMs);
        QCOMPARE(core::schedulingDelays(m, 2 * kMs, 3 * kMs).count, std::size_t{1});

        // An open poll has no duration yet; a wake no poll followed, no delay.
        const TimelineModel cut(handBuilt(16), {}, 7 * kMs);  // task 1's last poll is open
        QCOMPARE(core::pollDurations(cut, 0, 7 * kMs).count, std::size_t{4});
        const TimelineModel early(handBuilt(11), {}, 5 * kMs);  // the wake at 5 ms, no poll yet
        QCOMPARE(core::schedulingDelays(early, 0, 5 * kMs).count, std::size_t{2});
    }

    void seriesPerBucket() {
        const TimelineModel m(handBuilt(), {}, 10 * kMs);
        const trace::CounterTracks counters = handCounters();
        const ChartSeries c = core::chartSeries(m, &counters, 0, 10 * kMs, 10);  // 1 ms buckets
        QCOMPARE(c.buckets, 10);
        QCOMPARE(c.first, 0);
        QCOMPARE(c.last, 10);
        QCOMPARE(c.bucketNs(), 1e6);
        QCOMPARE(c.busy.size(), std::size_t{2});
        QCOMPARE(c.busy[0], (std::vector<double>{1, 1, 0, 1, 0, 0, 1, 1, 1, 1}));
        QCOMPARE(c.busy[1], (std::vector<double>{0, 1, 1, 1, 1, 0.5, 0, 0, 0, 0}));
        QCOMPARE(c.pollsPerSec, (std::vector<double>{1000, 1000, 0, 1000, 0, 1000, 1000, 0, 0, 0}));
        // Ready polls end at 4, 5.5 and 10 ms (the run's end: in the last bucket).
        QCOMPARE(c.completionsPerSec, (std::vector<double>{0, 0, 0, 0, 1000, 1000, 0, 0, 0, 1000}));
        QCOMPARE(c.maxRate, 1000.0);
        QVERIFY(c.hasCounters);
        QCOMPARE(c.globalQueue, (std::vector<std::uint32_t>{0, 2, 2, 0, 0, 0, 0, 0, 0, 0}));
        QCOMPARE(c.localQueues.size(), std::size_t{2});
        QCOMPARE(c.localQueues[1], (std::vector<std::uint32_t>{0, 0, 0, 0, 1, 0, 0, 0, 0, 0}));
        QCOMPARE(c.lockWaiters, (std::vector<std::uint32_t>{0, 0, 3, 3, 0, 0, 0, 0, 0, 0}));
        // Task-time waiting: 1 × 0.5 ms + 3 × 0.5 ms, then 3 × 1 ms.
        QCOMPARE(c.lockWaitNs, (std::vector<double>{0, 0, 2e6, 3e6, 0, 0, 0, 0, 0, 0}));
        QCOMPARE(c.maxQueue, 2u);
        QCOMPARE(c.maxWaiters, 3u);

        // A view wider than the run: only the buckets that meet it count.
        const ChartSeries wide = core::chartSeries(m, &counters, -1.0 * kMs, 11.0 * kMs, 12);
        QCOMPARE(wide.first, 1);
        QCOMPARE(wide.last, 11);
        QCOMPARE(wide.busy[0][0], 0.0);
        QCOMPARE(wide.busy[0][1], 1.0);
        QCOMPARE(wide.pollsPerSec[0], 0.0);
        QCOMPARE(wide.pollsPerSec[1], 1000.0);
        QCOMPARE(wide.completionsPerSec[10], 1000.0);
        QCOMPARE(wide.completionsPerSec[11], 0.0);
        QCOMPARE(wide.globalQueue[11], 0u);
        // A bucket half outside is measured over its half inside.
        const ChartSeries half = core::chartSeries(m, &counters, -1.0 * kMs, 11.0 * kMs, 6);
        QCOMPARE(half.first, 0);
        QCOMPARE(half.last, 6);
        QCOMPARE(half.busy[0][0], 1.0);         // [0, 1) of [-1, 1)
        QCOMPARE(half.pollsPerSec[0], 1000.0);  // one poll in 1 ms of run
        QCOMPARE(half.busy[0][2], 0.5);         // [3, 5)
        QCOMPARE(half.busy[1][2], 1.0);
        QCOMPARE(half.busy[0][5], 1.0);  // [9, 10) of [9, 11)
    }

    void counterIndexAgreesWithALinearScan() {
        std::mt19937_64 rng(7);
        trace::CounterTrack t;
        std::uint64_t now = 0;
        for (int i = 0; i < 3000; ++i) {
            now += 1 + rng() % 50;
            t.set(now, static_cast<std::uint32_t>(rng() % 40));
        }
        core::CounterIndex idx;
        idx.update(t);
        // Grown a few samples at a time (the last one changing, as while a
        // run records), it answers as one built at once.
        trace::CounterTrack growing;
        core::CounterIndex grown;
        for (const trace::CounterSample& x : t.samples) {
            growing.set(x.time, x.value + 1);
            grown.update(growing);
            growing.set(x.time, x.value);  // the instant ends as it did
            if (rng() % 7 == 0) grown.update(growing);
        }
        grown.update(growing);
        QVERIFY(growing == t);
        for (int k = 0; k < 500; ++k) {
            const std::uint64_t a = rng() % (now + 100), b = a + rng() % 5000;
            QCOMPARE(grown.maxIn(t, static_cast<double>(a), static_cast<double>(b)),
                     idx.maxIn(t, static_cast<double>(a), static_cast<double>(b)));
            QCOMPARE(grown.integral(t, static_cast<double>(a), static_cast<double>(b)),
                     idx.integral(t, static_cast<double>(a), static_cast<double>(b)));
        }
        for (int k = 0; k < 2000; ++k) {
            const std::uint64_t a = rng() % (now + 100), b = a + rng() % 3000;
            QCOMPARE(idx.maxIn(t, static_cast<double>(a), static_cast<double>(b)),
                     trace::maxIn(t, a, b));
            double sum = 0;
            for (std::uint64_t x = a; x < b && k < 200; ++x) sum += trace::valueAt(t, x);
            if (k < 200)
                QCOMPARE(idx.integral(t, static_cast<double>(a), static_cast<double>(b)), sum);
        }
    }

    void indexFollowsAGrowingModel() {
        // A model of the first records (its last polls open at 5.2 ms),
        // then of all of them: the index updated from the first answers as
        // one built from scratch.
        const TimelineModel part(handBuilt(13), {}, 5200 * kUs);
        const TimelineModel full(handBuilt(), {}, 10 * kMs);
        trace::CounterTracks counters = handCounters();
        trace::CounterTracks early;
        trace::mirror(counters, early);
        early.global.samples.pop_back();  // the mirror had not seen the last change yet
        core::StatsIndex grown(part, &early);
        grown.update(full, &counters);
        const core::StatsIndex fresh(full, &counters);
        for (std::uint64_t a = 0; a < 10 * kMs; a += 700 * kUs)
            for (std::uint64_t b = a; b <= 10 * kMs; b += 900 * kUs) {
                const core::RangeStats x = core::rangeStats(full, grown, a, b);
                const core::RangeStats y = core::rangeStats(full, fresh, a, b);
                QCOMPARE(x.polls, y.polls);
                QCOMPARE(x.completions, y.completions);
                QCOMPARE(x.stolenTasks, y.stolenTasks);
                for (std::size_t w = 0; w < 2; ++w) {
                    QCOMPARE(x.workers[w].busyNs, y.workers[w].busyNs);
                    QCOMPARE(x.workers[w].parkedNs, y.workers[w].parkedNs);
                }
                QCOMPARE(x.blockingBusy, y.blockingBusy);
            }
        const ChartSeries x = core::chartSeries(full, grown, &counters, 0, 10 * kMs, 20);
        const ChartSeries y = core::chartSeries(full, fresh, &counters, 0, 10 * kMs, 20);
        QCOMPARE(x.busy, y.busy);
        QCOMPARE(x.globalQueue, y.globalQueue);
        QCOMPARE(x.lockWaitNs, y.lockWaitNs);
        // An index updated with a different model re-sums it from the start.
        core::StatsIndex other(full, &counters);
        const TimelineModel unrelated(handBuilt(5), {}, 3 * kMs);
        other.update(unrelated);
        const core::RangeStats u = core::rangeStats(unrelated, other, 0, 3 * kMs);
        QCOMPARE(u.workers[0].busyNs, 2 * kMs);
        QCOMPARE(u.workers[1].busyNs, 2 * kMs);
    }

    void layoutPutsBucketsAtTheirPixels() {
        const TimelineModel m(handBuilt(), {}, 10 * kMs);
        const trace::CounterTracks counters = handCounters();
        const ChartSeries c = core::chartSeries(m, &counters, 0, 10 * kMs, 10);
        const TimeAxis axis(0, 10.0 * kMs, 1000, core::timelineGutter(1.0));
        core::ChartOptions o;
        o.cursor = 5 * kMs;
        o.selection = std::make_pair(2 * kMs, 4 * kMs);
        const QRectF area(0, 0, axis.right() + 12, core::chartsPreferredHeight(2, true, 1.0));
        const ChartDrawList l = core::layoutCharts(c, axis, o, area);
        // Rows: a strip per worker, queues, rates, waiters; all on the axis's pixels.
        QCOMPARE(l.rows.size(), std::size_t{5});
        for (const auto& r : l.rows) {
            QCOMPARE(r.plot.left(), axis.left());
            QCOMPARE(r.plot.width(), 1000.0);
            QVERIFY(r.label.right() <= axis.left());
            QVERIFY(area.contains(r.plot));
        }
        // Worker 0's strip: columns from bucket edge to bucket edge, 100%
        // in [0, 2), [3, 4) and [6, 10) ms, merged where equal.
        const ChartDrawList::Row* w0 = rowOf(l, ChartRow::Busy, 0);
        QVERIFY(w0);
        QCOMPARE(l.fills.size(), std::size_t{3});  // two strips and the lock waiters
        const std::vector<QRectF>& strip = l.fills[0].rects;
        QCOMPARE(strip.size(), std::size_t{3});
        const double top = w0->plot.top(), bottom = w0->plot.bottom();
        QCOMPARE(strip[0],
                 QRectF(QPointF(axis.timeToX(0), top), QPointF(axis.timeToX(2e6), bottom)));
        QCOMPARE(strip[1],
                 QRectF(QPointF(axis.timeToX(3e6), top), QPointF(axis.timeToX(4e6), bottom)));
        QCOMPARE(strip[2],
                 QRectF(QPointF(axis.timeToX(6e6), top), QPointF(axis.timeToX(10e6), bottom)));
        // Worker 1's half-busy bucket [5, 6) reaches half way up.
        const ChartDrawList::Row* w1 = rowOf(l, ChartRow::Busy, 1);
        QCOMPARE(l.fills[1].rects.back(), QRectF(QPointF(axis.left() + 500, w1->plot.center().y()),
                                                 QPointF(axis.left() + 600, w1->plot.bottom())));
        // The inject queue's 2 tasks in [1, 3) ms at the top of a 0-2 scale.
        const ChartDrawList::Row* q = rowOf(l, ChartRow::Queues);
        QVERIFY(q);
        QCOMPARE(q->max, 2.0);
        QVERIFY(hasSegment(l, axis.left() + 100, axis.left() + 300, q->plot.top()));
        QVERIFY(hasSegment(l, axis.left() + 300, axis.left() + 1000, q->plot.bottom()));
        QCOMPARE(l.yOf(*q, 1), q->plot.center().y());
        // Polls per second: 1000 at the top of a 0-1000 scale in [5, 7) ms.
        const ChartDrawList::Row* rates = rowOf(l, ChartRow::Rates);
        QCOMPARE(rates->max, 1000.0);
        QVERIFY(hasSegment(l, axis.left() + 500, axis.left() + 700, rates->plot.top()));
        // The lock waiters: 3 on a 0-5 scale in [2, 4) ms.
        const ChartDrawList::Row* waits = rowOf(l, ChartRow::Waiters);
        QCOMPARE(waits->max, 5.0);
        QVERIFY(hasSegment(l, axis.left() + 200, axis.left() + 400, l.yOf(*waits, 3)));
        // The cursor crosses every row at 5 ms; the selection is a band over 2-4 ms.
        QVERIFY(l.cursor.has_value());
        QCOMPARE(l.cursor->line.x1(), axis.left() + 500);
        QCOMPARE(l.cursor->line.y1(), l.rows.front().plot.top());
        QCOMPARE(l.cursor->line.y2(), l.rows.back().plot.bottom());
        QCOMPARE(l.band.size(), std::size_t{1});
        QCOMPARE(l.band[0].rect.left(), axis.left() + 200);
        QCOMPARE(l.band[0].rect.right(), axis.left() + 400);
        // Grid lines at the axis's ticks, as on the timeline above.
        for (const TimeAxis::Tick& t : axis.ticks(90))
            QVERIFY(hasVerticalLineAt(l.grid, t.x, l.rows.front().plot.top(),
                                      l.rows.back().plot.bottom()));

        // Hover: a bucket's numbers in words; a row's label explains it.
        QCOMPARE(l.bucketAt(axis.left() + 550), 5);
        QCOMPARE(l.bucketAt(axis.left() - 1), -1);
        const QString busy = l.tooltip(QPointF(axis.left() + 550, w0->plot.center().y()));
        QVERIFY2(busy.startsWith(QStringLiteral("Worker 0: 0% busy at 5.5 ms")), qPrintable(busy));
        QVERIFY(l.tooltip(QPointF(axis.left() + 550, w1->plot.center().y()))
                    .startsWith(QStringLiteral("Worker 1: 50% busy at 5.5 ms")));
        const QString wait = l.tooltip(QPointF(axis.left() + 250, waits->plot.center().y()));
        QVERIFY2(
            wait.contains(QStringLiteral("up to 3 tasks")) && wait.contains(QStringLiteral("2 ms")),
            qPrintable(wait));
        QVERIFY(l.tooltip(w0->label.center()).contains(QStringLiteral("Busy %")));
        QVERIFY(l.tooltip(q->label.center()).contains(QStringLiteral("inject")));

        // Without counter tracks there are no queue and waiter rows.
        const ChartSeries bare = core::chartSeries(m, nullptr, 0, 10 * kMs, 10);
        const ChartDrawList lb = core::layoutCharts(bare, axis, {}, area);
        QCOMPARE(lb.rows.size(), std::size_t{3});
        QVERIFY(!rowOf(lb, ChartRow::Queues));
        QVERIFY(!lb.cursor.has_value());
    }

    void histogramPutsPercentilesAtTheirValues() {
        // 1 µs, 10 µs × 3, 90 µs: buckets from [1, 1.2) to [80, 100) µs, two decades.
        const Distribution d = core::distributionOf({1000, 10'000, 10'000, 10'000, 90'000});
        QCOMPARE(d.p50, std::uint64_t{10'000});
        QCOMPARE(d.p90, std::uint64_t{90'000});
        core::HistogramOptions o;
        o.title = QStringLiteral("Poll duration");
        o.noun = QStringLiteral("polls");
        const core::HistogramDrawList h = core::layoutHistogram(d, o, QRectF(0, 0, 600, 220));
        QCOMPARE(h.zeroWidth, 0.0);
        QCOMPARE(h.lo, 1000.0);
        QCOMPARE(h.hi, 100'000.0);
        const QRectF& plot = h.plot;
        QVERIFY(plot.width() > 500 && plot.height() > 100);
        QCOMPARE(h.xOf(10'000), plot.left() + plot.width() / 2);  // a decade of two
        QVERIFY(
            hasVerticalLineAt(h.lines, plot.left() + plot.width() / 2, plot.top(), plot.bottom()));
        const double x90 = plot.left() + (std::log10(90'000.0) - 3) / 2 * plot.width();
        QVERIFY(hasVerticalLineAt(h.lines, x90, plot.top(), plot.bottom()));
        // One bar per non-empty bucket, the fullest the tallest; bars sit on the baseline.
        std::vector<QRectF> bars;
        for (const auto& b : h.boxes)
            if (b.rect != plot) bars.push_back(b.rect);
        QCOMPARE(bars.size(), std::size_t{3});
        QCOMPARE(bars[0].bottom(), plot.bottom());
        QVERIFY(bars[1].height() > bars[0].height() * 2.9);
        QCOMPARE(bars[1].left(), h.xOf(10'000) + 0.5);
        bool caption = false;
        for (const auto& t : h.texts)
            caption |=
                t.text == QStringLiteral("5 polls · p50 10 µs · p90 90 µs · p99 90 µs · max 90 µs");
        QVERIFY(caption);
        const core::HistogramHit* bar = h.hitAt(QPointF(bars[1].center().x(), plot.bottom() - 1));
        QVERIFY(bar);
        QVERIFY(bar->kind == core::HistogramHit::Kind::Bar);
        QVERIFY2(h.tooltip(*bar).contains(QStringLiteral("3 polls, 60.0%")),
                 qPrintable(h.tooltip(*bar)));

        // Zero has its own slot at the left of the log scale.
        const Distribution z = core::distributionOf({0, 0, 0, 5000});
        const core::HistogramDrawList hz = core::layoutHistogram(z, o, QRectF(0, 0, 600, 220));
        QVERIFY(hz.zeroWidth > 0);
        QCOMPARE(z.p50, std::uint64_t{0});
        QCOMPARE(hz.xOf(0), hz.plot.left() + hz.zeroWidth / 2);
        QVERIFY(hasVerticalLineAt(hz.lines, hz.xOf(0), hz.plot.top(), hz.plot.bottom()));
        // A lone bucket, [5, 6) µs, sits in the middle of a decade-wide scale.
        QCOMPARE(hz.hi / hz.lo, 10.0);
        QCOMPARE((hz.xOf(5000) + hz.xOf(6000)) / 2,
                 hz.plot.left() + hz.zeroWidth + (hz.plot.width() - hz.zeroWidth) / 2);

        // Nothing to show says so.
        const Distribution none;
        const core::HistogramDrawList hn = core::layoutHistogram(none, o, QRectF(0, 0, 600, 220));
        bool says = false;
        for (const auto& t : hn.texts) says |= t.text == QStringLiteral("No polls in this range.");
        QVERIFY(says);
    }

    void paintsOntoAnImage() {
        const TimelineModel m(handBuilt(), {}, 10 * kMs);
        const trace::CounterTracks counters = handCounters();
        const TimeAxis axis(0, 10.0 * kMs, 600, core::timelineGutter(1.0));
        const ChartSeries c =
            core::chartSeries(m, &counters, axis.t0(), axis.t1(), core::chartBucketCount(axis));
        QCOMPARE(c.buckets, 300);
        QImage img(static_cast<int>(axis.right()) + 12, 320, QImage::Format_ARGB32_Premultiplied);
        img.fill(Qt::white);
        QPainter p(&img);
        const ChartDrawList l =
            core::layoutCharts(c, axis, {}, QRectF(0, 0, img.width(), img.height()));
        core::paintChartDrawList(p, l);
        const Distribution d = core::pollDurations(m, 0, 10 * kMs);
        core::paintHistogramDrawList(p, core::layoutHistogram(d, {}, QRectF(0, 0, 200, 150)));
        p.end();
        // Worker 0's strip is filled in its colour where it was busy (at 3.5 ms).
        const ChartDrawList::Row* w0 = rowOf(l, ChartRow::Busy, 0);
        const QColor px = img.pixelColor(static_cast<int>(axis.timeToX(3.5e6)),
                                         static_cast<int>(w0->plot.center().y()));
        QVERIFY(px != QColor(Qt::white));
        QVERIFY(px.blue() > px.red());  // worker 0 is blue
    }
};

QTEST_MAIN(ChartsTest)
#include "charts_test.moc"
