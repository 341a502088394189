// Timeline tests (Qt Test, offscreen, QGuiApplication only): the time axis's
// maths with exact values and no window; the timeline model of a scenario
// recorded under the virtual clock, where every poll's time is known; the
// layout's pixels for a fixed axis; folding of tiny polls; hit-testing;
// painting and the export to a file.
#include "ids.hpp"
#include "live_model.hpp"
#include "render.hpp"
#include "time_axis.hpp"
#include "timeline_model.hpp"
#include "timeline_painter.hpp"

#include <asyncscope/scenario/live_run.hpp>
#include <asyncscope/scenario/loader.hpp>

#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>
#include <string>
#include <vector>

// Not `using namespace asyncscope`: the engine's TaskId is a plain integer.
namespace core = asyncscope::core;
namespace scenario = asyncscope::scenario;
namespace trace = asyncscope::trace;
using asyncscope::EventKind;
using asyncscope::PollResult;
using core::TaskId;
using core::TimeAxis;
using core::TimelineDrawList;
using core::TimelineHit;
using core::TimelineModel;

namespace {

constexpr double kMs = 1e6;

// One worker under the virtual clock: "main" computes 2 ms, sleeps 5 ms,
// computes 1 ms.
const char* const kScenario = R"({"version": 1, "title": "t", "config": {"workers": 1},
    "templates": {"main": [{"step": "compute", "duration": "2ms"},
                           {"step": "sleep", "duration": "5ms"},
                           {"step": "compute", "duration": "1ms"}]},
    "start": [{"template": "main"}]})";

std::shared_ptr<scenario::RecordedRun> recordInline() {
    scenario::LoadResult loaded = scenario::loadScenario(kScenario, "inline.json");
    if (!loaded.ok()) return nullptr;
    scenario::Scenario sc = std::move(*loaded.scenario);
    sc.base.settings.runtime.clock = asyncscope::ClockKind::Virtual;  // every instant exact
    return std::make_shared<scenario::RecordedRun>(scenario::recordRun(sc.base, {}));
}

trace::Record rec(EventKind kind, std::uint64_t t, std::uint32_t task, std::uint16_t worker = 0,
                  std::uint32_t arg = 0, std::uint8_t sub = 0) {
    trace::Record r;
    r.time = t;
    r.kind = kind;
    r.task = task;
    r.worker = worker;
    r.arg = arg;
    r.sub = sub;
    return r;
}

// `n` polls of 1 µs on worker 0, one every 2 µs, plus a pause of `gapNs`
// after every `every` polls; tasks 1..10 in turn.
trace::Trace tinyPolls(std::size_t n, std::size_t every = 0, std::uint64_t gapNs = 0) {
    trace::Trace t;
    t.info().workers = 1;
    for (std::uint32_t task = 1; task <= 10; ++task) {
        trace::Record s = rec(EventKind::Spawn, 0, task, trace::kNoThread);
        s.arg2 = trace::kNoString;
        t.append(s);
    }
    std::uint64_t now = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (every && i && i % every == 0) now += gapNs;
        const auto task = static_cast<std::uint32_t>(1 + i % 10);
        t.append(rec(EventKind::PollStart, now, task));
        t.append(rec(EventKind::PollEnd, now + 1000, task, 0, 0,
                     static_cast<std::uint8_t>(PollResult::Pending)));
        now += 2000;
    }
    return t;
}

// The axis the layout tests use: `t0`..`t1` over 1000 px right of the gutter.
TimeAxis axis1000(double t0, double t1) {
    return TimeAxis(t0, t1, 1000, core::timelineGutter(1.0));
}

QRectF areaFor(const TimeAxis& a) {
    return QRectF(0, 0, a.right() + 12, 300);
}

std::vector<const TimelineHit*> hitsOf(const TimelineDrawList& l, TimelineHit::Kind k) {
    std::vector<const TimelineHit*> out;
    for (const TimelineHit& h : l.hits)
        if (h.kind == k) out.push_back(&h);
    return out;
}

}  // namespace

class TimelineTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void axisMapsTimeToPixelsAndBack() {
        const TimeAxis a(0, 10 * kMs, 1000, 100);
        QCOMPARE(a.nsPerPixel(), 10'000.0);
        QCOMPARE(a.timeToX(2 * kMs), 300.0);
        QCOMPARE(a.timeToX(4 * kMs), 500.0);
        QCOMPARE(a.xToTime(600), 5 * kMs);
        QCOMPARE(a.xToTime(a.timeToX(1234567)), 1234567.0);
        QCOMPARE(a.durationToPixels(1 * kMs), 100.0);
    }

    void zoomKeepsTheTimeUnderThePointer() {
        TimeAxis a(0, 10 * kMs, 1000, 100);
        a.zoom(600, 2);  // 5 ms is under x = 600
        QCOMPARE(a.t0(), 2.5 * kMs);
        QCOMPARE(a.t1(), 7.5 * kMs);
        QCOMPARE(a.xToTime(600), 5 * kMs);
        a.zoom(600, 0.5);
        QCOMPARE(a.t0(), 0.0);
        QCOMPARE(a.t1(), 10 * kMs);
        a.pan(100);  // the content follows a drag right: earlier times come in
        QCOMPARE(a.t0(), -1 * kMs);
        QCOMPARE(a.t1(), 9 * kMs);
        a.pan(-200);
        QCOMPARE(a.t0(), 1 * kMs);
        QCOMPARE(a.t1(), 11 * kMs);
        a.fit(2 * kMs, 4 * kMs);
        QCOMPARE(a.t0(), 2 * kMs);
        QCOMPARE(a.t1(), 4 * kMs);
        QCOMPARE(a.timeToX(3 * kMs), 600.0);
    }

    void zoomAndPanAreClamped() {
        TimeAxis a(0, 10 * kMs, 1000, 0);
        a.zoom(500, 1e9);  // never narrower than 1 µs, centred where it zoomed
        QCOMPARE(a.span(), TimeAxis::kMinSpanNs);
        QCOMPARE(a.t0(), 5 * kMs - 500);
        a.fit(3000, 3000);  // a point widens to the narrowest view around it
        QCOMPARE(a.t0(), 2500.0);
        QCOMPARE(a.t1(), 3500.0);

        a.setLimits(0, 10 * kMs);  // never wider than the run and 5% each side
        QCOMPARE(a.maxSpan(), 11 * kMs);
        a.zoom(500, 1e-9);
        QCOMPARE(a.t0(), -0.5 * kMs);
        QCOMPARE(a.t1(), 10.5 * kMs);
        a.fit(0, 2 * kMs);
        a.pan(1e6);  // far to the right: stops at the margin before the run
        QCOMPARE(a.t0(), -0.5 * kMs);
        QCOMPARE(a.t1(), 1.5 * kMs);
        a.pan(-1e9);
        QCOMPARE(a.t1(), 10.5 * kMs);
        QCOMPARE(a.span(), 2 * kMs);
    }

    void ticksAreNiceAndLabelled() {
        const TimeAxis a(0, 10 * kMs, 1000);
        QCOMPARE(a.tickStep(80), 1 * kMs);  // 80 px = 0.8 ms: 1 ms is the next nice step
        const auto ticks = a.ticks(80);
        QCOMPARE(ticks.size(), std::size_t{11});
        QCOMPARE(ticks[0].label, std::string("0 ms"));
        QCOMPARE(ticks[3].x, 300.0);
        QCOMPARE(ticks[3].label, std::string("3 ms"));
        QCOMPARE(ticks[10].label, std::string("10 ms"));

        const auto half = TimeAxis(10 * kMs, 15 * kMs, 1000).ticks(80);  // 0.5 ms steps
        QCOMPARE(half.size(), std::size_t{11});
        QCOMPARE(half[5].label, std::string("12.5 ms"));
        QCOMPARE(half[4].label, std::string("12 ms"));
        QCOMPARE(half[5].x, 500.0);

        const auto micro = TimeAxis(0, 500'000, 1000).ticks(80);  // 50 µs steps
        QCOMPARE(micro[0].label, std::string("0 \xc2\xb5s"));
        QCOMPARE(micro[5].label, std::string("250 \xc2\xb5s"));

        const auto secs = TimeAxis(0, 2e9, 1000).ticks(200);  // 0.5 s steps
        QCOMPARE(secs.size(), std::size_t{5});
        QCOMPARE(secs[3].label, std::string("1.5 s"));
        QCOMPARE(TimeAxis(0, 2e9, 1000).tickStep(200), 5e8);
        QCOMPARE(TimeAxis(0, 2e9, 1000).tickStep(20), 5e7);
        QCOMPARE(TimeAxis(0, 2e9, 1000).tickStep(40), 1e8);
    }

    void durationsReadWell() {
        QCOMPARE(TimeAxis::formatDuration(0), std::string("0 ns"));
        QCOMPARE(TimeAxis::formatDuration(750), std::string("750 ns"));
        QCOMPARE(TimeAxis::formatDuration(12'500), std::string("12.5 \xc2\xb5s"));
        QCOMPARE(TimeAxis::formatDuration(2 * kMs), std::string("2 ms"));
        QCOMPARE(TimeAxis::formatDuration(1.25 * kMs), std::string("1.25 ms"));
        QCOMPARE(TimeAxis::formatDuration(999'700), std::string("1 ms"));
        QCOMPARE(TimeAxis::formatDuration(1.5e9), std::string("1.5 s"));
    }

    void modelOfARecordedRunHasExactPolls() {
        const auto run = recordInline();
        QVERIFY(run);
        QVERIFY(run->result.end == scenario::RunEnd::Completed);
        const TimelineModel m(*run);
        QCOMPARE(m.workers().size(), std::size_t{1});
        const auto& polls = m.workers()[0].polls;
        QCOMPARE(polls.size(), std::size_t{2});
        QCOMPARE(polls[0].start, std::uint64_t{0});
        QCOMPARE(polls[0].end, std::uint64_t{2'000'000});
        QVERIFY(polls[0].result == PollResult::Pending);
        QCOMPARE(polls[1].start, std::uint64_t{7'000'000});
        QCOMPARE(polls[1].end, std::uint64_t{8'000'000});
        QVERIFY(polls[1].result == PollResult::Ready);
        QCOMPARE(polls[0].task, polls[1].task);
        QCOMPARE(m.pollCount(), std::size_t{2});
        QCOMPARE(m.endTime(), std::uint64_t{8'000'000});
        // Where the first poll left the task: its sleep, as the tables name it.
        const scenario::RunTables tables = scenario::tablesOf(run->trace.info());
        QCOMPARE(tables.stepLabel(m.templateOf(polls[0].task), polls[0].awaitPoint),
                 std::string("S1 sleep 5ms"));
        QCOMPARE(std::string(m.taskName(polls[0].task)), std::string("main"));
        // Whether the worker parks while the clock jumps over the sleep
        // depends on thread timing; parking has its own test below.
        // The timer's wake points at the poll that followed it.
        bool wakeResolved = false;
        for (const core::WakeMark& w : m.wakes())
            wakeResolved |= w.task == polls[1].task && w.pollTime == 7'000'000 && w.pollWorker == 0;
        QVERIFY(wakeResolved);
    }

    void layoutPutsSpansAtTheirPixels() {
        const auto run = recordInline();
        QVERIFY(run);
        const TimelineModel m(*run);
        const scenario::RunTables tables = scenario::tablesOf(run->trace.info());
        const TimeAxis a = axis1000(0, 10 * kMs);
        core::TimelineOptions o;
        o.tables = &tables;
        o.cursor = 5'000'000;
        const TimelineDrawList l = core::layoutTimeline(m, a, o, areaFor(a));
        QCOMPARE(l.lanes.size(), std::size_t{1});
        const QRectF lane = l.lanes[0].rect;
        QCOMPARE(lane.left(), a.left());
        QCOMPARE(lane.width(), 1000.0);
        const auto polls = hitsOf(l, TimelineHit::Kind::Poll);
        QCOMPARE(polls.size(), std::size_t{2});
        QCOMPARE(polls[0]->rect.left() - lane.left(), 0.0);
        QCOMPARE(polls[0]->rect.right() - lane.left(), 200.0);
        QCOMPARE(polls[1]->rect.left() - lane.left(), 700.0);
        QCOMPARE(polls[1]->rect.right() - lane.left(), 800.0);
        QVERIFY(lane.contains(polls[0]->rect));
        // Hit-testing gives the task and the poll's time.
        const TimelineHit* h = l.hitAt(polls[1]->rect.center());
        QVERIFY(h);
        QVERIFY(h->kind == TimelineHit::Kind::Poll);
        QVERIFY(h->ref.task().has_value());
        QCOMPARE(*h->ref.task(), TaskId(m.workers()[0].polls[1].task));
        QCOMPARE(h->t0, std::uint64_t{7'000'000});
        QVERIFY(l.tooltip(*h).contains(QStringLiteral("main")));
        // A wide span says whose it is and where it stopped.
        bool labelled = false;
        for (const auto& t : l.texts) labelled |= t.text == QStringLiteral("main · S1 sleep 5ms");
        QVERIFY(labelled);
        // Nothing ran during the sleep (the worker may have parked); the cursor is at 5 ms.
        const TimelineHit* gap = l.hitAt(QPointF(lane.left() + 450, lane.center().y()));
        QVERIFY(!gap || gap->kind == TimelineHit::Kind::Parked);
        QVERIFY(l.cursor.has_value());
        QCOMPARE(l.cursor->line.x1(), lane.left() + 500);
    }

    void parkedTimeIsItsOwnItem() {
        trace::Trace t;
        t.info().workers = 2;
        t.append(rec(EventKind::PollStart, 0, 1));
        t.append(rec(EventKind::PollEnd, 2'000'000, 1));
        t.append(rec(EventKind::Park, 2'000'000, 0));
        t.append(rec(EventKind::Unpark, 7'000'000, 0));
        t.append(rec(EventKind::Park, 8'000'000, 0));  // still parked at the end
        t.append(rec(EventKind::Park, 9'000'000, 0, 1));
        t.append(rec(EventKind::PollStart, 9'500'000, 2, 1));  // a poll ends the park
        const TimelineModel m(t, {}, 10'000'000);
        QCOMPARE(m.workers()[0].parked.size(), std::size_t{2});
        QCOMPARE(m.workers()[0].parked[1].end, std::uint64_t{10'000'000});
        QVERIFY(m.workers()[0].parked[1].flags & core::kSpanOpen);
        QCOMPARE(m.workers()[1].parked.size(), std::size_t{1});
        QCOMPARE(m.workers()[1].parked[0].end, std::uint64_t{9'500'000});
        QCOMPARE(m.workers()[1].polls.size(), std::size_t{1});
        QCOMPARE(m.workers()[1].polls[0].end, std::uint64_t{10'000'000});  // open at the end
        QVERIFY(m.workers()[1].polls[0].flags & core::kSpanOpen);
        const TimeAxis a = axis1000(0, 10 * kMs);
        const TimelineDrawList l = core::layoutTimeline(m, a, {}, areaFor(a));
        const QRectF lane = l.lanes[0].rect;
        const TimelineHit* parked = l.hitAt(QPointF(lane.left() + 450, lane.center().y()));
        QVERIFY(parked);
        QVERIFY(parked->kind == TimelineHit::Kind::Parked);
        QCOMPARE(parked->rect.left() - lane.left(), 200.0);
        QCOMPARE(parked->rect.right() - lane.left(), 700.0);
        QCOMPARE(parked->t1, std::uint64_t{7'000'000});
        QVERIFY(l.tooltip(*parked).contains(QStringLiteral("5 ms")));
    }

    void tinyPollsFoldAndKeepTheirCount() {
        const TimelineModel m(tinyPolls(10'000));  // 20 ms of 1-µs polls
        QCOMPARE(m.pollCount(), std::size_t{10'000});
        const TimeAxis a = axis1000(0, 20 * kMs);  // 20 µs per pixel
        const TimelineDrawList l = core::layoutTimeline(m, a, {}, areaFor(a));
        QCOMPARE(l.spansInView, std::size_t{10'000});
        QVERIFY(hitsOf(l, TimelineHit::Kind::Poll).empty());
        const auto folded = hitsOf(l, TimelineHit::Kind::Folded);
        QVERIFY(!folded.empty());
        QVERIFY(l.boxes.size() < 100);
        std::size_t sum = 0;
        for (const TimelineHit* h : folded) sum += h->count;
        QCOMPARE(sum, std::size_t{10'000});
        // The block knows its time range (a click zooms into it) and says its count.
        QCOMPARE(folded.front()->t0, std::uint64_t{0});
        QCOMPARE(folded.back()->t1, std::uint64_t{19'999'000});
        QVERIFY(l.tooltip(*folded.front()).contains(QStringLiteral("10000")));
        bool counted = false;
        for (const auto& t : l.texts) counted |= t.text.contains(QStringLiteral("10000"));
        QVERIFY(counted);

        // Pauses wider than the fold distance split the blocks; none is lost.
        const TimelineModel gaps(tinyPolls(10'000, 1000, 1 * kMs));
        const TimeAxis b = axis1000(0, 30 * kMs);
        const TimelineDrawList g = core::layoutTimeline(gaps, b, {}, areaFor(b));
        const auto blocks = hitsOf(g, TimelineHit::Kind::Folded);
        QCOMPARE(blocks.size(), std::size_t{10});
        sum = 0;
        for (const TimelineHit* h : blocks) sum += h->count;
        QCOMPARE(sum, std::size_t{10'000});

        // Zoomed in, the same polls are drawn one by one, each with its task.
        const TimeAxis c = axis1000(0, 100'000);  // 100 ns per pixel: a poll is 10 px
        const TimelineDrawList z = core::layoutTimeline(m, c, {}, areaFor(c));
        const auto polls = hitsOf(z, TimelineHit::Kind::Poll);
        QCOMPARE(polls.size(), std::size_t{51});  // 0, 2, ..., 100 µs
        QCOMPARE(*polls[3]->ref.task(), TaskId(4));
        QCOMPARE(polls[3]->rect.left() - c.left(), 60.0);
    }

    void paintsTheTasksColourAndExports() {
        const auto run = recordInline();
        QVERIFY(run);
        const TimelineModel m(*run);
        const TimeAxis a = axis1000(0, 10 * kMs);
        const QRectF area = areaFor(a);
        QImage img(area.size().toSize(), QImage::Format_ARGB32_Premultiplied);
        img.fill(Qt::white);
        std::vector<TimelineHit> hits;
        {
            QPainter p(&img);
            core::paintTimeline(p, area, m, a, {}, &hits);
        }
        QVERIFY(!hits.empty());
        const core::PollSpan& s = m.workers()[0].polls[0];
        const TimelineDrawList l = core::layoutTimeline(m, a, {}, area);
        const QPoint inside(static_cast<int>(a.left() + 100),
                            static_cast<int>(l.lanes[0].rect.top() + 4));
        QCOMPARE(img.pixelColor(inside).rgb(), core::LiveModel::taskColor(s.task).rgb());

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        core::TimelineRenderRequest r;
        r.out = dir.filePath(QStringLiteral("t.png"));
        r.width = 1200;
        r.title = core::timelineTitle(QStringLiteral("inline"), run->trace.info());
        QVERIFY(r.title.contains(QStringLiteral("virtual")));
        QCOMPARE(core::renderTimeline(*run, r), QString());
        const QImage png(r.out);
        QCOMPARE(png.width(), 1200);
        QVERIFY(png.height() > 100);
        r.out = dir.filePath(QStringLiteral("t.svg"));
        QCOMPARE(core::renderTimeline(*run, r), QString());
        QFile svg(r.out);
        QVERIFY(svg.open(QIODevice::ReadOnly));
        QVERIFY(svg.readAll().contains("<svg"));
    }
};

QTEST_MAIN(TimelineTest)
#include "timeline_test.moc"
