// Timeline tests (Qt Test, offscreen, QGuiApplication only): the time axis's
// maths with exact values and no window; the timeline model of a scenario
// recorded under the virtual clock, where every poll's time is known; the
// layout's pixels for a fixed axis; folding of tiny polls; hit-testing;
// painting and the export to a file. The detail lanes (a task's states, a
// resource's holders and levels) from hand-built traces: exact segments,
// incremental reading equal to one pass, and their pixels.
#include "detail_lanes.hpp"
#include "ids.hpp"
#include "live_model.hpp"
#include "render.hpp"
#include "time_axis.hpp"
#include "timeline_model.hpp"
#include "timeline_painter.hpp"

#include <asyncscope/scenario/library.hpp>
#include <asyncscope/scenario/live_run.hpp>
#include <asyncscope/scenario/loader.hpp>

#include <QFontMetricsF>
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
// computes 1 ms, on the worker ("block_on": false).
const char* const kScenario = R"({"version": 1, "title": "t", "config": {"workers": 1},
    "templates": {"main": [{"step": "compute", "duration": "2ms"},
                           {"step": "sleep", "duration": "5ms"},
                           {"step": "compute", "duration": "1ms"}]},
    "start": [{"template": "main", "block_on": false}]})";

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

// A record with every field.
trace::Record ev(EventKind kind, std::uint64_t t, std::uint32_t task, std::uint16_t worker,
                 std::uint32_t arg = 0, std::uint8_t sub = 0, std::uint32_t arg2 = 0) {
    trace::Record r = rec(kind, t, task, worker, arg, sub);
    r.arg2 = arg2;
    return r;
}

constexpr std::uint16_t kOff = trace::kNoThread;  // emitted off the workers
constexpr std::uint32_t kCache = 7;               // the mutex of detailTrace()

std::uint8_t sub(asyncscope::WakeSource s) {
    return static_cast<std::uint8_t>(s);
}
std::uint8_t sub(PollResult r) {
    return static_cast<std::uint8_t>(r);
}

// Task 5 "reader#2" on two workers: spawned at 1 µs, first polled at 3 µs,
// blocks on the mutex `cache` (held by task 4 from 2 µs) until task 4 hands
// it over at 9 µs, sleeps from 10 to 15 µs, yields at 17 µs, completes at
// 20 µs. Task 6's polls and a blocking job numbered 5 go by in between.
trace::Trace detailTrace() {
    trace::Trace t;
    t.info().workers = 2;
    const std::uint32_t name = t.intern("reader#2");
    auto add = [&](trace::Record r) { t.append(r); };
    add(ev(EventKind::Spawn, 1000, 5, kOff, 0, 0, name));
    add(ev(EventKind::Schedule, 1000, 5, kOff, 0,
           static_cast<std::uint8_t>(asyncscope::QueueKind::Global)));
    add(ev(EventKind::PollStart, 2000, 4, 0));
    add(ev(EventKind::LockAcquire, 2000, 4, 0, kCache));
    add(ev(EventKind::PollStart, 3000, 5, 1));
    add(ev(EventKind::LockContend, 3500, 5, 1, kCache));
    add(ev(EventKind::PollEnd, 4000, 5, 1, 2, sub(PollResult::Pending)));
    add(ev(EventKind::PollEnd, 4000, 4, 0, 1, sub(PollResult::Pending)));
    add(ev(EventKind::Spawn, 5000, 6, kOff, 0, 0, trace::kNoString));
    add(ev(EventKind::PollStart, 5000, 6, 1));
    add(ev(EventKind::PollEnd, 6000, 6, 1, 0, sub(PollResult::Pending)));
    add(ev(EventKind::PollStart, 8000, 4, 0));
    add(ev(EventKind::LockRelease, 9000, 4, 0, kCache, 0, 5));
    add(ev(EventKind::LockAcquire, 9000, 5, 0, kCache));
    add(ev(EventKind::Wake, 9000, 5, 0, 4, sub(asyncscope::WakeSource::Mutex)));
    add(ev(EventKind::Schedule, 9000, 5, 0, 0,
           static_cast<std::uint8_t>(asyncscope::QueueKind::Local)));
    add(ev(EventKind::PollEnd, 9000, 4, 0, 0, sub(PollResult::Ready)));
    add(ev(EventKind::Complete, 9000, 4, 0));
    add(ev(EventKind::PollStart, 9500, 5, 0));
    add(ev(EventKind::TimerRegister, 10000, 5, 0, 15000));
    add(ev(EventKind::PollEnd, 10000, 5, 0, 3, sub(PollResult::Pending)));
    // A blocking job whose id is 5 too: its records are not task 5's.
    add(ev(EventKind::BlockingStart, 12000, 5, trace::kBlockingFlag | 0, 6));
    add(ev(EventKind::BlockingEnd, 13000, 5, trace::kBlockingFlag | 0));
    add(ev(EventKind::TimerFire, 15000, 5, kOff, 15000));
    add(ev(EventKind::Wake, 15000, 5, kOff, 0, sub(asyncscope::WakeSource::Timer)));
    add(ev(EventKind::Schedule, 15000, 5, kOff, 0,
           static_cast<std::uint8_t>(asyncscope::QueueKind::Global)));
    add(ev(EventKind::PollStart, 16000, 5, 1));
    add(ev(EventKind::Wake, 16500, 5, 1, 5, sub(asyncscope::WakeSource::Yield)));
    add(ev(EventKind::PollEnd, 17000, 5, 1, 4, sub(PollResult::Pending)));
    add(ev(EventKind::Schedule, 17000, 5, 1, 0,
           static_cast<std::uint8_t>(asyncscope::QueueKind::Local)));
    add(ev(EventKind::PollStart, 18000, 5, 1));
    add(ev(EventKind::LockRelease, 19000, 5, 1, kCache));
    add(ev(EventKind::PollEnd, 20000, 5, 1, 5, sub(PollResult::Ready)));
    add(ev(EventKind::Complete, 20000, 5, 1));
    return t;
}

scenario::RunTables detailTables() {
    scenario::RunTables tables;
    tables.resources.push_back({"cache", scenario::ResourceKind::Mutex, kCache, 0});
    tables.resources.push_back({"jobs", scenario::ResourceKind::Channel, 9, 2});
    tables.resources.push_back({"pool", scenario::ResourceKind::Semaphore, 11, 3});
    return tables;
}

// The first `n` records of `t` (its strings too).
trace::Trace prefix(const trace::Trace& t, std::size_t n) {
    trace::Trace p;
    p.info() = t.info();
    for (const std::string& s : t.strings()) p.intern(s);
    for (std::size_t i = 0; i < n; ++i) p.append(t.at(i));
    return p;
}

bool same(const core::TaskSegment& a, const core::TaskSegment& b) {
    return a.start == b.start && a.end == b.end && a.awaitPoint == b.awaitPoint &&
           a.target == b.target && a.worker == b.worker && a.state == b.state && a.wait == b.wait &&
           a.wake == b.wake && a.result == b.result && a.flags == b.flags;
}
bool same(const core::Level& a, const core::Level& b) {
    return a.start == b.start && a.end == b.end && a.value == b.value && a.flags == b.flags;
}
bool same(const core::HolderSpan& a, const core::HolderSpan& b) {
    return a.start == b.start && a.end == b.end && a.task == b.task && a.holders == b.holders &&
           a.flags == b.flags;
}
template <class T>
bool sameAll(const std::vector<T>& a, const std::vector<T>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (!same(a[i], b[i])) return false;
    return true;
}
bool sameLanes(const core::DetailLanes& a, const core::DetailLanes& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (!(a.ref(i) == b.ref(i))) return false;
        if (const core::TaskLane* t = a.taskLane(i)) {
            if (!sameAll(t->segments(), b.taskLane(i)->segments()) ||
                t->name() != b.taskLane(i)->name())
                return false;
        } else {
            const core::ResourceLane& r = *a.resourceLane(i);
            const core::ResourceLane& s = *b.resourceLane(i);
            if (!sameAll(r.holders(), s.holders()) ||
                !sameAll(r.fill().levels(), s.fill().levels()) ||
                !sameAll(r.inUse().levels(), s.inUse().levels()) ||
                !sameAll(r.waiters().levels(), s.waiters().levels()) ||
                !sameAll(r.receivers().levels(), s.receivers().levels()))
                return false;
        }
    }
    return true;
}

// The texts drawn in lane `i`'s label.
QStringList labelTexts(const TimelineDrawList& l, std::size_t i) {
    QStringList out;
    for (const auto& x : l.texts)
        if (l.lanes[i].labelRect.contains(x.rect.center())) out << x.text;
    return out;
}

// What a detail lane's label should say with the list's fonts: "kind: name"
// on one line where it fits; else the kind over the name where the lane
// has the height; else the name.
QStringList expectedLabel(const TimelineDrawList& l, std::size_t i, const QString& kind,
                          const QString& name) {
    const QFontMetricsF fm(l.fonts[0]), small(l.fonts[1]);
    const QRectF r = l.lanes[i].labelRect;
    const QString full = kind + QStringLiteral(": ") + name;
    if (fm.horizontalAdvance(full) <= r.width()) return {full};
    if (r.height() >= small.height() + fm.height())
        return {small.elidedText(kind, Qt::ElideRight, r.width()),
                fm.elidedText(name, Qt::ElideRight, r.width())};
    return {fm.elidedText(name, Qt::ElideRight, r.width())};
}

// A segment as the tests expect it.
struct Seg {
    std::uint64_t start, end;
    core::TaskState state;
};

}  // namespace

class TimelineTest : public QObject {
    Q_OBJECT

private Q_SLOTS:

    // A live run's model grows by append() as its recording is mirrored:
    // taken in any number of pieces, with the open polls and parks shown up
    // to "now" in between, it ends equal to one pass over the whole run.
    void modelGrownInPiecesEqualsOnePass() {
        const scenario::BuiltinScenario* b = scenario::findBuiltin("tour");
        QVERIFY(b);
        scenario::LoadResult loaded = scenario::loadBuiltin(*b);
        QVERIFY(loaded.ok());
        scenario::Scenario sc = std::move(*loaded.scenario);
        sc.base.settings.runtime.clock = asyncscope::ClockKind::Virtual;
        const scenario::RecordedRun run = scenario::recordRun(sc.base, {});
        const trace::Trace& all = run.trace;
        QVERIFY(all.size() > 500);
        const TimelineModel whole(all, {}, all.endTime());
        auto lanesOf = [](const TimelineModel& m) {
            std::string out;
            for (const core::WorkerLane& l : m.workers()) {
                for (const core::PollSpan& p : l.polls)
                    out += std::to_string(p.start) + "-" + std::to_string(p.end) + ":" +
                           std::to_string(p.task) + "/" + std::to_string(p.awaitPoint) + "/" +
                           std::to_string(int(p.flags)) + " ";
                for (const core::Interval& p : l.parked)
                    out += "P" + std::to_string(p.start) + "-" + std::to_string(p.end) + " ";
                out += "|";
            }
            for (const core::BlockingLane& l : m.blockingThreads())
                for (const core::JobSpan& j : l.jobs)
                    out += "J" + std::to_string(j.start) + "-" + std::to_string(j.end) + " ";
            for (const core::WakeMark& w : m.wakes())
                out += "k" + std::to_string(w.time) + ">" + std::to_string(w.pollTime) + " ";
            for (const core::StealMark& w : m.steals()) out += "s" + std::to_string(w.time) + " ";
            return out;
        };
        for (const std::size_t piece : {std::size_t{1}, std::size_t{7}, std::size_t{97}}) {
            trace::Trace grown;
            grown.info() = all.info();
            TimelineModel live;
            std::size_t i = 0;
            while (i < all.size()) {
                const std::size_t n = std::min(piece, all.size() - i);
                for (std::size_t k = 0; k < n; ++k) grown.append(all.at(i + k));
                i += n;
                // The clock is a little past the last event, as a live run's is.
                live.append(grown, grown.endTime() + 500);
                // Whatever is open is shown, flagged, up to that clock.
                for (const core::WorkerLane& l : live.workers())
                    if (!l.polls.empty() && (l.polls.back().flags & core::kSpanOpen))
                        QCOMPARE(l.polls.back().end, grown.endTime() + 500);
            }
            QCOMPARE(live.recordsSeen(), all.size());
            live.append(all, all.endTime());  // nothing new: only the end moves back
            QCOMPARE(live.pollCount(), whole.pollCount());
            // The one-pass model closes what is open at the run's end; so does
            // the grown one once it is told the end (it never moves back, so
            // compare with a whole model over the same end).
            const TimelineModel wholeAtLiveEnd(all, {}, live.endTime());
            QCOMPARE(lanesOf(live), lanesOf(wholeAtLiveEnd));
        }
        QVERIFY(!lanesOf(whole).empty());
    }
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

    // As Tokio runs #[tokio::main]: main on the main thread's own lane (after
    // the worker's), which the labels and tooltips name; the worker polls nothing.
    void mainRunsOnTheMainThreadsLane() {
        std::string text = kScenario;
        const std::string off = R"("block_on": false)";
        text.replace(text.find(off), off.size(), R"("block_on": true)");
        scenario::LoadResult loaded = scenario::loadScenario(text, "inline.json");
        QVERIFY(loaded.ok());
        scenario::Scenario sc = std::move(*loaded.scenario);
        sc.base.settings.runtime.clock = asyncscope::ClockKind::Virtual;
        const scenario::RecordedRun run = scenario::recordRun(sc.base, {});
        QVERIFY(run.trace.info().blockOnThread);
        const TimelineModel m(run);
        QCOMPARE(m.workers().size(), std::size_t{2});
        QVERIFY(m.blockOnLane() == std::optional<std::size_t>(1));
        QVERIFY(m.workers()[0].polls.empty());
        const auto& polls = m.workers()[1].polls;
        QCOMPARE(polls.size(), std::size_t{2});
        QCOMPARE(polls[0].end, std::uint64_t{2'000'000});
        QCOMPARE(polls[1].start, std::uint64_t{7'000'000});
        const TimeAxis a = axis1000(0, 10 * kMs);
        const TimelineDrawList l = core::layoutTimeline(m, a, {}, areaFor(a));
        QCOMPARE(l.lanes.size(), std::size_t{2});
        bool named = false;
        for (const auto& t : l.texts) named |= t.text == QStringLiteral("main thread");
        QVERIFY(named);
        const TimelineHit* h =
            l.hitAt(QPointF(l.lanes[1].rect.left() + 100, l.lanes[1].rect.center().y()));
        QVERIFY(h && h->kind == TimelineHit::Kind::Poll);
        QVERIFY2(l.tooltip(*h).contains(QStringLiteral("by block_on on the main thread")),
                 qPrintable(l.tooltip(*h)));
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

    // ---------------------------------------------------------------- detail lanes --

    void taskLaneHasExactSegments() {
        const trace::Trace t = detailTrace();
        core::TaskLane lane(TaskId(5));
        lane.extend(t);
        QCOMPARE(lane.name(), std::string("reader#2"));
        QCOMPARE(lane.recordsRead(), t.size());
        using S = core::TaskState;
        const std::vector<Seg> want = {
            {1000, 3000, S::Scheduled},
            {3000, 4000, S::Running},
            {4000, 9000, S::Idle},
            {9000, 9500, S::Scheduled},
            {9500, 10000, S::Running},
            {10000, 15000, S::Idle},
            {15000, 16000, S::Scheduled},
            {16000, 17000, S::Running},
            {17000, 18000, S::Scheduled},
            {18000, 20000, S::Running},
            {20000, core::kOpenEnd, S::Done},
        };
        const auto& segs = lane.segments();
        QCOMPARE(segs.size(), want.size());
        for (std::size_t i = 0; i < want.size(); ++i) {
            QCOMPARE(segs[i].start, want[i].start);
            QCOMPARE(segs[i].end, want[i].end);
            QVERIFY(segs[i].state == want[i].state);
        }
        // Spawned, not woken; the first poll on worker 1 left it at await point 2...
        QCOMPARE(segs[0].flags, core::kSegSpawned);
        QCOMPARE(segs[1].worker, std::uint16_t{1});
        QCOMPARE(segs[1].awaitPoint, std::uint32_t{2});
        QVERIFY(segs[1].result == PollResult::Pending);
        // ... waiting for the mutex it contended ...
        QVERIFY(segs[2].wait == core::WaitOn::Lock);
        QCOMPARE(segs[2].target, kCache);
        QCOMPARE(segs[2].awaitPoint, std::uint32_t{2});
        // ... until task 4 handed it over and woke it.
        QVERIFY(segs[3].wake == asyncscope::WakeSource::Mutex);
        QCOMPARE(segs[3].target, std::uint32_t{4});
        QCOMPARE(segs[4].worker, std::uint16_t{0});
        QVERIFY(segs[5].wait == core::WaitOn::Timer);
        QVERIFY(segs[6].wake == asyncscope::WakeSource::Timer);
        // A wake during its own poll (a yield): Scheduled as soon as the poll returned.
        QVERIFY(segs[8].wake == asyncscope::WakeSource::Yield);
        QCOMPARE(segs[8].target, std::uint32_t{5});
        QVERIFY(segs[9].result == PollResult::Ready);
        QVERIFY(segs[10].result == PollResult::Ready);
        QVERIFY(segs[10].open());
        QCOMPARE(segs[10].flags, core::kSpanOpen);
        // Instants: where two segments meet, the later one.
        QVERIFY(lane.at(500) == nullptr);
        QVERIFY(lane.at(4000)->state == S::Idle);
        QVERIFY(lane.at(12500)->state == S::Idle);
        QVERIFY(lane.at(999'999)->state == S::Done);
        // Task 6 was spawned and polled in one instant: no empty Scheduled segment.
        core::TaskLane six(TaskId(6));
        six.extend(t);
        QCOMPARE(six.segments().size(), std::size_t{2});
        QVERIFY(six.segments()[0].state == S::Running);
        QCOMPARE(six.segments()[0].start, std::uint64_t{5000});
        QVERIFY(six.segments()[1].state == S::Idle);
        QVERIFY(six.segments()[1].wait == core::WaitOn::Unknown);
        QVERIFY(six.segments()[1].open());
        QCOMPARE(six.name(), std::string());
        // The segments meeting [5 µs, 16 µs].
        const auto [first, last] = lane.visible(5000, 16000, 30000);
        QCOMPARE(first, std::size_t{2});
        QCOMPARE(last, std::size_t{8});
    }

    void anOpenSegmentLastsUntilNow() {
        const trace::Trace t = prefix(detailTrace(), 6);  // up to the LockContend at 3.5 µs
        core::TaskLane lane(TaskId(5));
        lane.extend(t);
        QCOMPARE(lane.segments().size(), std::size_t{2});
        const core::TaskSegment& s = lane.segments().back();
        QVERIFY(s.state == core::TaskState::Running);
        QVERIFY(s.open());
        QCOMPARE(s.flags, core::kSpanOpen);
        QCOMPARE(s.endAt(7000), std::uint64_t{7000});
        QCOMPARE(s.endAt(100), std::uint64_t{3000});  // never before it starts
        QCOMPARE(lane.lastTime(), std::uint64_t{3500});
        // Visible while `now` reaches into the view, not after.
        QCOMPARE(lane.visible(5000, 6000, 7000).second, std::size_t{2});
        QCOMPARE(lane.visible(5000, 6000, 4000).second, std::size_t{1});
    }

    void extendingGivesTheLanesOfOnePass() {
        const trace::Trace whole = detailTrace();
        const scenario::RunTables tables = detailTables();
        core::DetailLanes once;
        QVERIFY(once.addTask(TaskId(5)));
        QVERIFY(once.addResource(core::ResourceId(kCache),
                                 core::resourceMeta(core::ResourceId(kCache), &tables)));
        QVERIFY(once.addTask(TaskId(6)));
        once.extend(whole);
        for (std::size_t k = 0; k <= whole.size(); ++k) {
            // Grown in two steps, at every split...
            core::DetailLanes grown;
            grown.addTask(TaskId(5));
            grown.addResource(core::ResourceId(kCache),
                              core::resourceMeta(core::ResourceId(kCache), &tables));
            grown.addTask(TaskId(6));
            trace::Trace t = prefix(whole, k);
            grown.extend(t);
            for (std::size_t i = k; i < whole.size(); ++i) t.append(whole.at(i));
            grown.extend(t);
            QVERIFY2(sameLanes(once, grown), qPrintable(QStringLiteral("split at %1").arg(k)));
        }
        // ... and one record at a time.
        core::DetailLanes stepped;
        stepped.addTask(TaskId(5));
        stepped.addResource(core::ResourceId(kCache),
                            core::resourceMeta(core::ResourceId(kCache), &tables));
        stepped.addTask(TaskId(6));
        trace::Trace t = prefix(whole, 0);
        for (std::size_t i = 0; i < whole.size(); ++i) {
            t.append(whole.at(i));
            stepped.extend(t);
        }
        QVERIFY(sameLanes(once, stepped));
        // A shorter trace is another trace: the lanes start over.
        const trace::Trace shorter = prefix(whole, 6);
        stepped.extend(shorter);
        core::DetailLanes fresh;
        fresh.addTask(TaskId(5));
        fresh.addResource(core::ResourceId(kCache),
                          core::resourceMeta(core::ResourceId(kCache), &tables));
        fresh.addTask(TaskId(6));
        fresh.extend(shorter);
        QVERIFY(sameLanes(fresh, stepped));
        QVERIFY(!sameLanes(once, stepped));
    }

    void detailLanesKeepTheOrderAsked() {
        core::DetailLanes d;
        QVERIFY(d.addTask(TaskId(3)));
        QVERIFY(d.addResource(core::ResourceId(7), {}));
        QVERIFY(d.addTask(TaskId(1)));
        QVERIFY(!d.addTask(TaskId(3)));  // once each
        QCOMPARE(d.size(), std::size_t{3});
        QVERIFY(d.ref(0) == core::ItemRef(TaskId(3)));
        QVERIFY(d.ref(1) == core::ItemRef(core::ResourceId(7)));
        QVERIFY(d.ref(2) == core::ItemRef(TaskId(1)));
        QVERIFY(d.contains(core::ItemRef(core::ResourceId(7))));
        QVERIFY(!d.contains(core::ItemRef(TaskId(7))));  // a task 7 is not the resource 7
        QVERIFY(d.remove(core::ItemRef(TaskId(3))));
        QVERIFY(!d.remove(core::ItemRef(TaskId(3))));
        QVERIFY(d.ref(0) == core::ItemRef(core::ResourceId(7)));
        QCOMPARE(*d.indexOf(core::ItemRef(TaskId(1))), std::size_t{1});
        d.clear();
        QVERIFY(d.empty());
    }

    void mutexLaneHasHoldersAndWaiters() {
        const trace::Trace t = detailTrace();
        const scenario::RunTables tables = detailTables();
        const core::ResourceMeta meta = core::resourceMeta(core::ResourceId(kCache), &tables);
        QCOMPARE(meta.name, std::string("cache"));
        QVERIFY(meta.known);
        core::ResourceLane lane(core::ResourceId(kCache), meta);
        lane.extend(t);
        QVERIFY(lane.isLock());
        const auto& h = lane.holders();
        QCOMPARE(h.size(), std::size_t{2});
        QCOMPARE(h[0].start, std::uint64_t{2000});
        QCOMPARE(h[0].end, std::uint64_t{9000});
        QCOMPARE(h[0].task, std::uint32_t{4});
        QCOMPARE(h[1].start, std::uint64_t{9000});
        QCOMPARE(h[1].end, std::uint64_t{19000});
        QCOMPARE(h[1].task, std::uint32_t{5});
        QCOMPARE(h[1].holders, std::uint32_t{1});
        const core::LevelSeries& w = lane.waiters();
        QCOMPARE(w.levels().size(), std::size_t{2});
        QCOMPARE(w.at(3000), std::uint32_t{0});
        QCOMPARE(w.at(3500), std::uint32_t{1});
        QCOMPARE(w.at(8999), std::uint32_t{1});
        QCOMPARE(w.at(9000), std::uint32_t{0});  // it got the lock: no longer waiting
        QCOMPARE(w.maxOver(2000, 9000), std::uint32_t{1});
        QCOMPARE(w.maxOver(9000, 19000), std::uint32_t{0});

        // Three tasks: 2 and 3 queue behind 1; 3 is cancelled while waiting.
        trace::Trace m;
        m.append(ev(EventKind::LockAcquire, 1000, 1, 0, kCache));
        m.append(ev(EventKind::LockContend, 2000, 2, 1, kCache));
        m.append(ev(EventKind::LockContend, 2500, 3, 1, kCache));
        m.append(ev(EventKind::LockRelease, 3000, 1, 0, kCache, 0, 2));
        m.append(ev(EventKind::LockAcquire, 3000, 2, 0, kCache));
        m.append(ev(EventKind::Wake, 3000, 2, 0, 1, sub(asyncscope::WakeSource::Mutex)));
        m.append(ev(EventKind::Cancel, 3500, 3, kOff, 0, 1));
        m.append(ev(EventKind::LockRelease, 5000, 2, 1, kCache));
        core::ResourceLane q(core::ResourceId(kCache), {});  // kind from the events
        q.extend(m);
        QVERIFY(q.kind() == scenario::ResourceKind::Mutex);
        QCOMPARE(q.holders().size(), std::size_t{2});
        QCOMPARE(q.holders()[1].start, std::uint64_t{3000});
        QCOMPARE(q.holders()[1].end, std::uint64_t{5000});
        QCOMPARE(q.holders()[1].task, std::uint32_t{2});
        QCOMPARE(q.waiters().at(2200), std::uint32_t{1});
        QCOMPARE(q.waiters().at(2600), std::uint32_t{2});
        QCOMPARE(q.waiters().at(3000), std::uint32_t{1});
        QCOMPARE(q.waiters().at(3500), std::uint32_t{0});
        QCOMPARE(q.waiters().maxOver(1000, 3000), std::uint32_t{2});
        QCOMPARE(q.waiters().maxValue(), std::uint32_t{2});
    }

    void channelAndSemaphoreLanesHaveTheirLevels() {
        trace::Trace t;
        // The channel `jobs` (capacity 2): task 1 sends, task 2 receives.
        t.append(ev(EventKind::ChanSend, 100, 1, 0, 9, 0, 1));
        t.append(ev(EventKind::ChanSend, 200, 1, 0, 9, 0, 2));
        t.append(ev(EventKind::ChanFull, 300, 1, 0, 9, 0, 2));
        t.append(ev(EventKind::ChanRecv, 400, 2, 1, 9, 0, 1));
        t.append(ev(EventKind::Wake, 400, 1, 1, 2, sub(asyncscope::WakeSource::Channel)));
        t.append(ev(EventKind::ChanSend, 500, 1, 0, 9, 0, 2));
        t.append(ev(EventKind::ChanRecv, 600, 2, 1, 9, 0, 1));
        t.append(ev(EventKind::ChanRecv, 700, 2, 1, 9, 0, 0));
        t.append(ev(EventKind::ChanEmpty, 800, 2, 1, 9));
        t.append(ev(EventKind::ChanSend, 900, 1, 0, 9, 0, 0));  // straight to the receiver
        t.append(ev(EventKind::Wake, 900, 2, 0, 1, sub(asyncscope::WakeSource::Channel)));
        // The semaphore `pool` (3 permits): task 3 takes 2, task 4 waits for 2.
        t.append(ev(EventKind::SemAcquire, 1000, 3, 0, 11, 0, 2));
        t.append(ev(EventKind::SemWait, 1500, 4, 1, 11, 0, 2));
        t.append(ev(EventKind::SemRelease, 3000, 3, 0, 11, 0, 2));
        t.append(ev(EventKind::SemAcquire, 3000, 4, 0, 11, 0, 2));
        t.append(ev(EventKind::Wake, 3000, 4, 0, 3, sub(asyncscope::WakeSource::Semaphore)));
        t.append(ev(EventKind::SemRelease, 4000, 4, 1, 11, 0, 2));
        const scenario::RunTables tables = detailTables();

        core::ResourceLane chan(core::ResourceId(9),
                                core::resourceMeta(core::ResourceId(9), &tables));
        chan.extend(t);
        QVERIFY(chan.isChannel());
        QCOMPARE(chan.scale(), std::uint32_t{2});
        const auto& fill = chan.fill().levels();
        const std::vector<std::pair<std::uint64_t, std::uint32_t>> want = {
            {100, 1}, {200, 2}, {400, 1}, {500, 2}, {600, 1}, {700, 0}};
        QCOMPARE(fill.size(), want.size());
        for (std::size_t i = 0; i < want.size(); ++i) {
            QCOMPARE(fill[i].start, want[i].first);
            QCOMPARE(fill[i].value, want[i].second);
            if (i + 1 < want.size()) QCOMPARE(fill[i].end, want[i + 1].first);
        }
        QVERIFY(fill.back().open());
        QVERIFY(&chan.level() == &chan.fill());
        // A sender waited while it was full, a receiver while it was empty.
        QCOMPARE(chan.waiters().at(350), std::uint32_t{1});
        QCOMPARE(chan.waiters().at(400), std::uint32_t{0});
        QCOMPARE(chan.receivers().at(850), std::uint32_t{1});
        QCOMPARE(chan.receivers().at(900), std::uint32_t{0});
        QCOMPARE(chan.fill().maxOver(350, 650), std::uint32_t{2});

        core::ResourceLane sem(core::ResourceId(11),
                               core::resourceMeta(core::ResourceId(11), &tables));
        sem.extend(t);
        QCOMPARE(sem.scale(), std::uint32_t{3});
        // Released and taken again at 3 µs: one level of 2 from 1 µs to 4 µs.
        const auto& use = sem.inUse().levels();
        QCOMPARE(use.size(), std::size_t{2});
        QCOMPARE(use[0].start, std::uint64_t{1000});
        QCOMPARE(use[0].end, std::uint64_t{4000});
        QCOMPARE(use[0].value, std::uint32_t{2});
        QCOMPARE(use[1].value, std::uint32_t{0});
        QCOMPARE(sem.waiters().at(2000), std::uint32_t{1});
        QCOMPARE(sem.waiters().at(3000), std::uint32_t{0});

        // Laid out (no runtime lanes at all): the fill from 0 to the capacity.
        const TimelineModel m(t);
        core::DetailLanes d;
        d.addResource(core::ResourceId(9), chan.meta());
        d.addResource(core::ResourceId(11), sem.meta());
        d.extend(t);
        core::TimelineOptions o;
        o.details = &d;
        const TimeAxis a = axis1000(0, 1000);  // a pixel per nanosecond
        const TimelineDrawList l = core::layoutTimeline(
            m, a, o, QRectF(0, 0, a.right() + 12, core::timelinePreferredHeight(m, o)));
        QCOMPARE(l.lanes.size(), std::size_t{2});
        const QRectF inner = l.lanes[0].rect.adjusted(0, 2, 0, -2);
        auto boxAt = [&](double left, const QColor& notColor) -> std::optional<QRectF> {
            for (const auto& b : l.boxes)
                if (b.rect.left() == left && inner.contains(b.rect.center()) && b.color != notColor)
                    return b.rect;
            return std::nullopt;
        };
        const auto half = boxAt(a.timeToX(100), QColor(Qt::white));
        QVERIFY(half);
        QCOMPARE(*half, QRectF(a.timeToX(100), inner.bottom() - inner.height() / 2, 100,
                               inner.height() / 2));
        const auto full = boxAt(a.timeToX(200), QColor(Qt::white));
        QVERIFY(full);
        QCOMPARE(full->height(), inner.height());
        const TimelineHit* h = l.hitAt(QPointF(a.timeToX(250), inner.center().y()));
        QVERIFY(h);
        QVERIFY(h->kind == TimelineHit::Kind::ResourceLevel);
        QCOMPARE(h->t0, std::uint64_t{200});
        QCOMPARE(h->t1, std::uint64_t{400});
        QCOMPARE(l.tooltip(*h),
                 QStringLiteral("From 200 ns to 400 ns (200 ns), the channel jobs held 2 of its 2 "
                                "slots. Up to 1 task waited to send: the channel was full, so a "
                                "sender waits for room (backpressure)."));
    }

    void levelSeriesMaxOfARangeIsExact() {
        core::LevelSeries s;
        std::vector<std::uint32_t> values;
        std::uint64_t t = 0;
        std::uint32_t largest = 0;
        for (std::uint32_t i = 0; i < 300'000; ++i) {
            const std::uint32_t v = (i * 7919u) % 1009u + (i % 5000 == 0 ? 5000 : 0);
            t += 10;
            s.set(t, v);
            // Sometimes changed again in the same instant: replaced.
            if (i % 7 == 0) s.set(t, v + 1);
            largest = std::max(largest, v + (i % 7 == 0));
        }
        for (const core::Level& l : s.levels()) values.push_back(l.value);
        QCOMPARE(values.size(), s.levels().size());
        auto brute = [&](std::size_t a, std::size_t b) {
            std::uint32_t m = 0;
            for (std::size_t i = a; i < b; ++i) m = std::max(m, values[i]);
            return m;
        };
        const std::size_t n = values.size();
        const std::vector<std::pair<std::size_t, std::size_t>> ranges = {
            {0, n},       {0, 1},       {1, 63},         {63, 65},     {64, 128},  {100, 5000},
            {4095, 4097}, {4096, 8192}, {4000, 200'000}, {123'456, n}, {n - 1, n}, {17, 17}};
        for (const auto& [a, b] : ranges) QCOMPARE(s.maxIn(a, b), brute(a, b));
        QCOMPARE(s.maxValue(), largest);
        QCOMPARE(s.maxIn(0, n), largest);
    }

    void layoutPutsDetailLanesBelowAtTheirPixels() {
        const trace::Trace t = detailTrace();
        const TimelineModel m(t, {}, 25'000);
        const scenario::RunTables tables = detailTables();
        core::DetailLanes d;
        d.addTask(TaskId(5));
        d.addResource(core::ResourceId(kCache),
                      core::resourceMeta(core::ResourceId(kCache), &tables));
        d.extend(t);
        const TimeAxis a = axis1000(0, 20'000);  // 20 ns per pixel
        core::TimelineOptions plain;
        plain.tables = &tables;
        core::TimelineOptions o = plain;
        o.details = &d;
        const double h0 = core::timelinePreferredHeight(m, plain);
        const double h1 = core::timelinePreferredHeight(m, o);
        QCOMPARE(h1 - h0, 8.0 + (core::kTaskLaneHeight + 3) + (core::kResourceLaneHeight + 3));
        const QRectF area(0, 0, a.right() + 12, h1);
        const TimelineDrawList without = core::layoutTimeline(m, a, plain, area);
        const TimelineDrawList l = core::layoutTimeline(m, a, o, area);
        // The runtime's lanes (two workers, a blocking thread) do not move; the
        // detail lanes follow in the order added.
        QCOMPARE(without.lanes.size(), std::size_t{3});
        QCOMPARE(l.lanes.size(), std::size_t{5});
        for (std::size_t i = 0; i < 3; ++i) QCOMPARE(l.lanes[i].rect, without.lanes[i].rect);
        QVERIFY(l.lanes[3].ref == core::ItemRef(TaskId(5)));
        QVERIFY(l.lanes[4].ref == core::ItemRef(core::ResourceId(kCache)));
        const QRectF task = l.lanes[3].rect;
        QCOMPARE(task.top(), l.lanes[2].rect.bottom() + 3 + 8);
        QCOMPARE(task.height(), core::kTaskLaneHeight);
        QCOMPARE(l.lanes[4].rect.height(), core::kResourceLaneHeight);
        QVERIFY(l.lanes[4].rect.bottom() <= area.bottom());
        // Labels: "kind: name" where it fits the gutter, else the kind (small)
        // over the name where the lane is tall enough, else the name.
        QCOMPARE(labelTexts(l, 3),
                 expectedLabel(l, 3, QStringLiteral("task"), QStringLiteral("reader#2")));
        QCOMPARE(labelTexts(l, 4),
                 expectedLabel(l, 4, QStringLiteral("mutex"), QStringLiteral("cache")));
        QCOMPARE(expectedLabel(l, 3, QStringLiteral("task"), QStringLiteral("reader#2")).size(), 1);

        // Its segments at the pixels the axis says; Done has no item.
        std::vector<const TimelineHit*> segs;
        for (const TimelineHit& h : l.hits)
            if (h.kind == TimelineHit::Kind::TaskSegment) segs.push_back(&h);
        QCOMPARE(segs.size(), std::size_t{10});
        const TimelineHit& run = *segs[1];
        QVERIFY(run.detail);
        QCOMPARE(run.index, std::uint32_t{1});
        QCOMPARE(run.t0, std::uint64_t{3000});
        QCOMPARE(run.t1, std::uint64_t{4000});
        QCOMPARE(run.rect.left(), a.timeToX(3000));
        QCOMPARE(run.rect.right(), a.timeToX(4000));
        QCOMPARE(run.rect.left() - task.left(), 150.0);
        QCOMPARE(run.rect.top(), task.top() + 2);
        QCOMPARE(run.rect.bottom(), task.bottom() - 2);
        QCOMPARE(segs[2]->rect.left(), a.timeToX(4000));
        QCOMPARE(segs[2]->rect.right(), a.timeToX(9000));
        // Hovering explains each state.
        const TimelineHit* idle = l.hitAt(QPointF(a.timeToX(8000), task.center().y()));
        QVERIFY(idle);
        QVERIFY(idle->kind == TimelineHit::Kind::TaskSegment);
        const QString idleTip = l.tooltip(*idle);
        QVERIFY2(idleTip.startsWith(
                     QString::fromUtf8("Idle from 4 \xc2\xb5s to 9 \xc2\xb5s (5 \xc2\xb5s)")),
                 qPrintable(idleTip));
        QVERIFY2(idleTip.contains(QStringLiteral("the mutex cache")), qPrintable(idleTip));
        const QString woken = l.tooltip(*segs[3]);
        QVERIFY2(woken.contains(QStringLiteral("woken by the mutex it was handed")),
                 qPrintable(woken));
        QVERIFY2(woken.contains(QString::fromUtf8("until 9.5 \xc2\xb5s")), qPrintable(woken));
        QVERIFY(l.tooltip(*segs[0]).contains(QString::fromUtf8("spawned at 1 \xc2\xb5s")));
        QVERIFY(l.tooltip(run).contains(QStringLiteral("worker 1")));
        // The idle segment says what it waits for on the lane.
        bool said = false;
        for (const auto& x : l.texts) said |= x.text == QStringLiteral("lock cache");
        QVERIFY(said);

        // The mutex: task 4's hold from 2 µs to 9 µs, one task waiting meanwhile.
        const QRectF mutex = l.lanes[4].rect;
        const TimelineHit* held = l.hitAt(QPointF(a.timeToX(5000), mutex.top() + 5));
        QVERIFY(held);
        QVERIFY(held->kind == TimelineHit::Kind::ResourceSpan);
        QVERIFY(held->ref == core::ItemRef(core::ResourceId(kCache)));
        QCOMPARE(held->rect.left(), a.timeToX(2000));
        QCOMPARE(held->rect.right(), a.timeToX(9000));
        const QString heldTip = l.tooltip(*held);
        QVERIFY2(heldTip.contains(QString::fromUtf8(
                     "held the mutex cache from 2 \xc2\xb5s to 9 \xc2\xb5s (7 \xc2\xb5s)")),
                 qPrintable(heldTip));
        QVERIFY2(heldTip.contains(QStringLiteral("up to 1 task waited")), qPrintable(heldTip));
        // Its waiter step: one task from 3.5 µs to 9 µs, under the holders.
        const TimelineHit* waiting = l.hitAt(QPointF(a.timeToX(6000), mutex.bottom() - 3));
        QVERIFY(waiting);
        QVERIFY(waiting->kind == TimelineHit::Kind::ResourceLevel);
        QCOMPARE(waiting->rect.left(), a.timeToX(3500));
        QCOMPARE(waiting->rect.right(), a.timeToX(9000));
        QVERIFY(l.tooltip(*waiting).contains(QStringLiteral("1 task waited for the mutex cache")));
        const TimelineHit* label = l.hitAt(l.lanes[4].labelRect.center());
        QVERIFY(label && label->kind == TimelineHit::Kind::Lane);
        QVERIFY(l.tooltip(*label).startsWith(QStringLiteral("Mutex cache")));
        // A channel's label is long: in two lines where one is not enough.
        d.addResource(core::ResourceId(9), core::resourceMeta(core::ResourceId(9), &tables));
        const TimelineDrawList c = core::layoutTimeline(
            m, a, o, QRectF(0, 0, a.right() + 12, core::timelinePreferredHeight(m, o)));
        QCOMPARE(c.lanes.size(), std::size_t{6});
        QCOMPARE(labelTexts(c, 5),
                 expectedLabel(c, 5, QStringLiteral("channel"), QStringLiteral("jobs (cap 2)")));
        QCOMPARE(
            expectedLabel(c, 5, QStringLiteral("channel"), QStringLiteral("jobs (cap 2)")).size(),
            2);

        // Painted: the running poll in the task's colour.
        QImage img(area.size().toSize(), QImage::Format_ARGB32_Premultiplied);
        img.fill(Qt::white);
        {
            QPainter p(&img);
            core::paintTimelineDrawList(p, l);
        }
        QCOMPARE(img.pixelColor(QPointF(a.timeToX(3500), task.center().y()).toPoint()).rgb(),
                 core::LiveModel::taskColor(5).rgb());
        QCOMPARE(img.pixelColor(QPointF(a.timeToX(5000), mutex.top() + 5).toPoint()).rgb(),
                 core::LiveModel::taskColor(4).rgb());
    }

    void detailLanesFoldTinySegments() {
        const trace::Trace t = tinyPolls(10'000);  // task 3 polled every 20 µs for 1 µs
        const TimelineModel m(t);
        core::DetailLanes d;
        d.addTask(TaskId(3));
        d.extend(t);
        const auto& segs = d.taskLane(0)->segments();
        QCOMPARE(segs.size(), std::size_t{1 + 2 * 1000});  // scheduled, then poll and idle
        const TimeAxis a = axis1000(0, 20 * kMs);  // 20 µs per pixel: every segment is tiny
        core::TimelineOptions o;
        o.details = &d;
        const TimelineDrawList l = core::layoutTimeline(m, a, o, QRectF(0, 0, a.right() + 12, 400));
        std::size_t items = 0, held = 0;
        for (const TimelineHit& h : l.hits) {
            if (!h.detail || h.kind == TimelineHit::Kind::Lane) continue;
            ++items;
            held += h.kind == TimelineHit::Kind::Folded ? h.count : 1;
        }
        QVERIFY(items > 0);
        QVERIFY2(items <= 1000 / core::kFoldPx + 1, qPrintable(QString::number(items)));
        QCOMPARE(held, segs.size());  // every segment in some item, none twice
        // Zoomed in, one by one: the poll at 40 µs (task 3's third) where the axis says.
        const TimeAxis z = axis1000(30'000, 50'000);
        const TimelineDrawList zl =
            core::layoutTimeline(m, z, o, QRectF(0, 0, z.right() + 12, 400));
        const TimelineHit* poll = nullptr;
        for (const TimelineHit& h : zl.hits)
            if (h.kind == TimelineHit::Kind::TaskSegment && h.t0 == 44'000) poll = &h;
        QVERIFY(poll);
        QVERIFY(segs[poll->index].state == core::TaskState::Running);
        QCOMPARE(poll->t1, std::uint64_t{45'000});
        QCOMPARE(poll->rect.left(), z.timeToX(44'000));
        QCOMPARE(poll->rect.right(), z.timeToX(45'000));
    }
};

QTEST_MAIN(TimelineTest)
#include "timeline_test.moc"
