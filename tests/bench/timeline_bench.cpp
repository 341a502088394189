// timeline_bench: how the cost of a timeline frame grows with the length of
// the run. Builds a synthetic recording of N events (8 workers polling tasks
// of 1 to 40 µs, with wakes, steals, parked stretches and a blocking thread),
// builds its TimelineModel once (timed), then lays out and paints frames
// (layoutTimeline + paintTimelineDrawList onto a 1600x600 image) for the
// whole run and for a 2-ms view in its middle, and prints the median frame time
// per N with its ratio to the N=10k frame. The design target: frames that do
// not grow with N (binary search and folding). Finally it writes a 3840-px
// PNG of the largest run through exportTimeline and times it. Run by hand
// (QT_QPA_PLATFORM=offscreen works); not a test.
//
// The charts under the timeline are measured the same way: building their
// StatsIndex (once per model), a chart frame (chartSeries + layoutCharts +
// paint onto 1600x400) for the whole run and the 2-ms view, and the two
// histograms' distributions over the whole run (computed when a range
// settles, not per frame), each with its ratio to the N=10k figure.
//
//   timeline_bench [--frames F] [--save DIR]   (--save: DIR/timeline-N.png, DIR/charts-N.png)
#include "chart_painter.hpp"
#include "render.hpp"
#include "run_stats.hpp"
#include "time_axis.hpp"
#include "timeline_model.hpp"
#include "timeline_painter.hpp"

#include <asyncscope/trace/counters.hpp>
#include <asyncscope/trace/trace.hpp>

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <vector>

using namespace asyncscope;

namespace {

constexpr unsigned kWorkers = 8;

// Deterministic: the same N always gives the same recording.
trace::Trace makeTrace(std::size_t events) {
    std::uint64_t seed = 0x9e3779b97f4a7c15ull;
    auto rnd = [&](std::uint64_t lo, std::uint64_t hi) {
        seed = seed * 6364136223846793005ull + 1442695040888963407ull;
        return lo + (seed >> 33) % (hi - lo + 1);
    };
    std::vector<trace::Record> all;
    all.reserve(events + 64);
    const std::uint32_t tasks = 2000;
    trace::Trace t;
    t.info().workers = kWorkers;
    t.info().flavor = "multi_thread";
    t.info().clock = "virtual";
    for (std::uint32_t id = 1; id <= tasks; ++id) {
        trace::Record s;
        s.kind = EventKind::Spawn;
        s.task = id;
        s.arg2 = t.intern("task-" + std::to_string(id % 50));
        all.push_back(s);
    }
    std::vector<std::uint64_t> now(kWorkers, 0);
    auto push = [&](EventKind k, std::uint64_t time, std::uint32_t task, std::uint16_t worker,
                    std::uint32_t arg = 0, std::uint32_t arg2 = 0, std::uint8_t sub = 0) {
        trace::Record r;
        r.kind = k;
        r.time = time;
        r.task = task;
        r.worker = worker;
        r.arg = arg;
        r.arg2 = arg2;
        r.sub = sub;
        all.push_back(r);
    };
    std::uint64_t jobEnd = 0;
    std::uint32_t job = 0;
    for (std::size_t i = 0; all.size() < events; ++i) {
        const auto w = static_cast<std::uint16_t>(i % kWorkers);
        const auto task = static_cast<std::uint32_t>(1 + rnd(0, tasks - 1));
        std::uint64_t& at = now[w];
        if (rnd(0, 3) == 0)
            push(EventKind::Wake, at, task, static_cast<std::uint16_t>((w + 1) % kWorkers),
                 1 + task % tasks, 0, static_cast<std::uint8_t>(rnd(0, 2)));
        at += rnd(500, 10'000);
        if (rnd(0, 199) == 0)
            push(EventKind::Steal, at, task, w, (w + 3) % kWorkers,
                 static_cast<std::uint32_t>(rnd(1, 4)));
        push(EventKind::PollStart, at, task, w);
        at += rnd(1'000, 40'000);
        push(EventKind::PollEnd, at, task, w, static_cast<std::uint32_t>(rnd(0, 3)), 0,
             static_cast<std::uint8_t>(rnd(0, 9) == 0 ? PollResult::Ready : PollResult::Pending));
        if (rnd(0, 49) == 0) {
            push(EventKind::Park, at, 0, w);
            at += rnd(100'000, 1'000'000);
            push(EventKind::Unpark, at, 0, w);
        }
        if (w == 0 && at > jobEnd && rnd(0, 19) == 0) {
            const std::uint64_t start = at;
            jobEnd = start + rnd(50'000, 2'000'000);
            ++job;
            push(EventKind::BlockingStart, start, job, trace::kBlockingFlag, task);
            push(EventKind::BlockingEnd, jobEnd, job, trace::kBlockingFlag);
        }
    }
    std::stable_sort(all.begin(), all.end(), [](const trace::Record& a, const trace::Record& b) {
        return a.time < b.time;
    });
    t.reserve(all.size());
    for (const trace::Record& r : all) t.append(r);
    return t;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

// Queue depths and lock waiters as a run of this many events would have
// them: a sample about every fourth event on some track.
trace::CounterTracks makeCounters(const trace::Trace& t) {
    std::uint64_t seed = 0x2545f4914f6cdd1dull;
    auto rnd = [&](std::uint32_t n) {
        seed = seed * 6364136223846793005ull + 1442695040888963407ull;
        return static_cast<std::uint32_t>((seed >> 33) % n);
    };
    trace::CounterTracks c;
    c.local.resize(kWorkers);
    std::uint32_t global = 0, locks = 0;
    std::vector<std::uint32_t> local(kWorkers, 0);
    auto walk = [&](std::uint32_t v) { return rnd(2) ? v + 1 : (v ? v - 1 : 0); };
    for (std::size_t i = 0; i < t.size(); i += 4) {
        const std::uint64_t time = t.times()[i];
        switch (rnd(3)) {
        case 0: c.global.set(time, global = walk(global)); break;
        case 1: {
            const std::uint32_t w = rnd(kWorkers);
            c.local[w].set(time, local[w] = std::min(walk(local[w]), 256u));
            break;
        }
        default: c.lockWaiters.set(time, locks = std::min(walk(locks), 20u)); break;
        }
    }
    return c;
}

struct ChartFigures {
    double indexMs = 0, wholeMs = 0, zoomedMs = 0, distributionsMs = 0;
    double wholeSeriesMs = 0, zoomedSeriesMs = 0;  // of which the series
};

ChartFigures measureCharts(const core::TimelineModel& m, const trace::CounterTracks& counters,
                           int frames, const QString& save, std::size_t n) {
    ChartFigures f;
    QElapsedTimer timer;
    timer.start();
    const core::StatsIndex index(m, &counters);
    f.indexMs = static_cast<double>(timer.nsecsElapsed()) / 1e6;
    QImage img(1600, 400, QImage::Format_ARGB32_Premultiplied);
    const QRectF area(0, 0, img.width(), img.height());
    const double gutter = core::timelineGutter(1.0);
    core::ChartOptions o;
    o.cursor = m.endTime() / 2;
    // A frame as the panel makes it when the view moved: the series, then
    // layout and paint (`seriesMs`: the series' share).
    auto run = [&](const core::TimeAxis& axis, double& seriesMs) {
        std::vector<double> ms, sms;
        for (int i = 0; i < frames + 3; ++i) {
            QElapsedTimer t;
            t.start();
            const core::ChartSeries series = core::chartSeries(
                m, index, &counters, axis.t0(), axis.t1(), core::chartBucketCount(axis));
            const double s = static_cast<double>(t.nsecsElapsed()) / 1e6;
            img.fill(Qt::white);
            QPainter p(&img);
            core::paintChartDrawList(p, core::layoutCharts(series, axis, o, area, p.font()));
            p.end();
            if (i >= 3) {
                ms.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
                sms.push_back(s);
            }
        }
        seriesMs = median(sms);
        return median(ms);
    };
    const auto end = static_cast<double>(m.endTime());
    f.wholeMs = run(core::TimeAxis(0, end, area.width() - gutter - 12, gutter), f.wholeSeriesMs);
    if (!save.isEmpty()) img.save(QStringLiteral("%1/charts-%2.png").arg(save).arg(n));
    f.zoomedMs = run(core::TimeAxis(end * 0.5, end * 0.5 + 2e6, area.width() - gutter - 12, gutter),
                     f.zoomedSeriesMs);
    std::vector<double> ms;
    for (int i = 0; i < 3; ++i) {
        QElapsedTimer t;
        t.start();
        const core::Distribution polls = core::pollDurations(m, 0, m.endTime());
        const core::Distribution delays = core::schedulingDelays(m, 0, m.endTime());
        ms.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
        if (i == 0 && !save.isEmpty()) {
            QImage h(900, 260, QImage::Format_ARGB32_Premultiplied);
            QPainter p(&h);
            core::HistogramOptions ho;
            ho.noun = QStringLiteral("polls");
            ho.title = QStringLiteral("Poll duration");
            core::paintHistogramDrawList(p,
                                         core::layoutHistogram(polls, ho, QRectF(0, 0, 450, 260)));
            ho.noun = QStringLiteral("wakes");
            ho.title = QStringLiteral("Scheduling delay");
            core::paintHistogramDrawList(
                p, core::layoutHistogram(delays, ho, QRectF(450, 0, 450, 260)));
            p.end();
            h.save(QStringLiteral("%1/histograms-%2.png").arg(save).arg(n));
        }
    }
    f.distributionsMs = median(ms);
    return f;
}

struct Frames {
    double wholeMs = 0, zoomedMs = 0;
    std::size_t wholeItems = 0, zoomedItems = 0;
};

Frames measure(const core::TimelineModel& m, int frames, const QString& save, std::size_t n) {
    QImage img(1600, 600, QImage::Format_ARGB32_Premultiplied);
    const QRectF area(0, 0, img.width(), img.height());
    const double gutter = core::timelineGutter(1.0);
    core::TimelineOptions o;
    o.legend = true;
    o.cursor = m.endTime() / 2;
    o.title = QStringLiteral("timeline_bench");
    auto run = [&](const core::TimeAxis& axis, std::size_t& items) {
        std::vector<double> ms;
        for (int i = 0; i < frames + 3; ++i) {
            QElapsedTimer t;
            t.start();
            img.fill(Qt::white);
            QPainter p(&img);
            const core::TimelineDrawList l = core::layoutTimeline(m, axis, o, area, p.font());
            core::paintTimelineDrawList(p, l);
            p.end();
            if (i >= 3) ms.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);  // 3 warm-ups
            items = l.hits.size();
        }
        return median(ms);
    };
    Frames f;
    const auto end = static_cast<double>(m.endTime());
    f.wholeMs = run(core::TimeAxis(0, end, area.width() - gutter - 12, gutter), f.wholeItems);
    if (!save.isEmpty()) img.save(QStringLiteral("%1/timeline-%2.png").arg(save).arg(n));
    // The same 2 ms of busy run whatever N: what a user zoomed in sees.
    f.zoomedMs = run(core::TimeAxis(end * 0.5, end * 0.5 + 2e6, area.width() - gutter - 12, gutter),
                     f.zoomedItems);
    return f;
}

}  // namespace

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    int frames = 30;
    QString save;
    for (int i = 1; i + 1 < argc; ++i) {
        if (!std::strcmp(argv[i], "--frames"))
            frames = std::max(1, std::atoi(argv[++i]));
        else if (!std::strcmp(argv[i], "--save"))
            save = QString::fromLocal8Bit(argv[++i]);
    }
    std::printf(
        "timeline_bench: layoutTimeline + paint onto 1600x600, %u workers, median of %d "
        "frames\n",
        kWorkers, frames);
    const std::size_t sizes[] = {10'000, 100'000, 1'000'000};
    double baseWhole = 0, baseZoomed = 0;
    ChartFigures baseCharts;
    core::TimelineModel largest;
    for (std::size_t n : sizes) {
        const trace::Trace t = makeTrace(n);
        QElapsedTimer build;
        build.start();
        core::TimelineModel m(t);
        const double buildMs = static_cast<double>(build.nsecsElapsed()) / 1e6;
        const Frames f = measure(m, frames, save, n);
        if (n == sizes[0]) {
            baseWhole = f.wholeMs;
            baseZoomed = f.zoomedMs;
        }
        std::printf(
            "N=%-8zu (%zu polls, %.1f ms of run) model %6.1f ms %5.1f MB | whole run "
            "%6.2f ms x%.2f (%zu items) | 2 ms view %6.2f ms x%.2f (%zu items)\n",
            t.size(), m.pollCount(), static_cast<double>(m.endTime()) / 1e6, buildMs,
            static_cast<double>(m.memoryBytes()) / 1e6, f.wholeMs, f.wholeMs / baseWhole,
            f.wholeItems, f.zoomedMs, f.zoomedMs / baseZoomed, f.zoomedItems);
        std::fflush(stdout);
        const trace::CounterTracks counters = makeCounters(t);
        const ChartFigures c = measureCharts(m, counters, frames, save, n);
        if (n == sizes[0]) baseCharts = c;
        std::printf(
            "           charts: index %6.1f ms x%.1f | whole run %6.2f ms x%.2f (series %.2f) | "
            "2 ms view %6.2f ms x%.2f (series %.2f) | distributions (whole run) %7.1f ms x%.1f\n",
            c.indexMs, c.indexMs / baseCharts.indexMs, c.wholeMs, c.wholeMs / baseCharts.wholeMs,
            c.wholeSeriesMs, c.zoomedMs, c.zoomedMs / baseCharts.zoomedMs, c.zoomedSeriesMs,
            c.distributionsMs, c.distributionsMs / baseCharts.distributionsMs);
        std::fflush(stdout);
        if (n == sizes[std::size(sizes) - 1]) largest = std::move(m);
    }
    core::TimelineRenderRequest r;
    r.out = (save.isEmpty() ? QDir::tempPath() : save) + QStringLiteral("/timeline-bench-3840.png");
    r.width = 3840;
    r.title = QStringLiteral("timeline_bench · 1 M events");
    r.cursor = largest.endTime() / 2;
    QElapsedTimer t;
    t.start();
    const QString error = core::exportTimeline(largest, r);
    const double ms = static_cast<double>(t.nsecsElapsed()) / 1e6;
    if (!error.isEmpty()) {
        std::fprintf(stderr, "timeline_bench: %s\n", qPrintable(error));
        return 1;
    }
    std::printf("3840-px PNG of the 1 M-event run: %.0f ms (%s, %lld bytes)\n", ms,
                qPrintable(r.out), static_cast<long long>(QFileInfo(r.out).size()));
    return 0;
}
