// Painter tests (Qt Test, offscreen, QGuiApplication only: the painter needs
// no widgets): the runtime view's draw list on hand-built states. Arrows
// come from trace records fed to the LiveModel as a frame's recent records,
// next to a snapshot whose state is built here, so every chip is where the
// test says it is.
#include "ids.hpp"
#include "live_model.hpp"
#include "runtime_painter.hpp"

#include <asyncscope/scenario/live_run.hpp>
#include <asyncscope/trace/state.hpp>

#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QTest>

#include <memory>
#include <type_traits>
#include <vector>

// Not `using namespace asyncscope`: the engine's TaskId is a plain integer.
namespace core = asyncscope::core;
namespace scenario = asyncscope::scenario;
namespace trace = asyncscope::trace;
using asyncscope::EventKind;
using asyncscope::QueueKind;
using asyncscope::WakeSource;
using core::HitItem;
using core::ItemRef;
using core::LiveModel;
using core::ResourceId;
using core::RuntimeDrawList;
using core::TaskId;
using core::WorkerId;
using trace::TaskPhase;

// Strong ids: distinct types, explicit from their number, never from each other.
static_assert(std::is_constructible_v<TaskId, std::uint32_t>);
static_assert(!std::is_convertible_v<std::uint32_t, TaskId>);
static_assert(!std::is_convertible_v<TaskId, WorkerId>);
static_assert(!std::is_constructible_v<WorkerId, TaskId>);
static_assert(!std::is_constructible_v<ResourceId, TaskId>);
static_assert(!std::is_convertible_v<TaskId, std::uint32_t>);
static_assert(ItemRef(WorkerId(3)).kind() == ItemRef::Kind::Worker);
static_assert(!ItemRef(WorkerId(3)).task());
static_assert(*ItemRef(TaskId(3)).task() == TaskId(3));
static_assert(ItemRef(TaskId(3)) != ItemRef(ResourceId(3)));
// The painter's ids are the engine state's: one set of types.
static_assert(std::is_same_v<TaskId, trace::TaskId>);
static_assert(std::is_same_v<WorkerId, trace::WorkerId>);
static_assert(std::is_same_v<ResourceId, trace::ResourceId>);
static_assert(std::is_same_v<core::BlockingThreadId, trace::BlockingThreadId>);

namespace {

constexpr std::uint32_t kLock = 100;

// A model with `workers` workers: worker w runs task 1+w, has task 11+w in
// its LIFO slot and tasks 21+4w.. 23+4w in its local queue; lock 100 is held
// by task 90 with tasks 91 and 92 waiting.
struct Scene {
    LiveModel model;
    trace::RuntimeState state;

    explicit Scene(unsigned workers) {
        state.time = 5'000'000;
        state.tasks.resize(100);
        state.workers.resize(workers);
        auto task = [&](std::uint32_t id, TaskPhase phase) -> trace::TaskInfo& {
            trace::TaskInfo& t = state.tasks[id];
            t.id = TaskId(id);
            t.phase = phase;
            t.polls = id;
            ++state.spawned;
            return t;
        };
        for (unsigned w = 0; w < workers; ++w) {
            const auto wid = static_cast<std::uint16_t>(w);
            trace::WorkerInfo& wi = state.workers[w];
            task(1 + w, TaskPhase::Running).worker = wid;
            wi.running = TaskId(1 + w);
            auto& lifo = task(11 + w, TaskPhase::Scheduled);
            lifo.worker = wid;
            lifo.queue = QueueKind::LifoSlot;
            wi.lifo = TaskId(11 + w);
            for (std::uint32_t k = 0; k < 3; ++k) {
                auto& t = task(21 + 4 * w + k, TaskPhase::Scheduled);
                t.worker = wid;
                t.queue = QueueKind::Local;
                wi.local.push_back(t.id);
            }
        }
        trace::LockInfo& l = state.locks[ResourceId(kLock)];
        l.id = ResourceId(kLock);
        l.holder = TaskId(90);
        l.waiters = {TaskId(91), TaskId(92)};
        for (std::uint32_t id : {90u, 91u, 92u}) task(id, TaskPhase::Idle);
        model.setResourceNames({{kLock, QStringLiteral("db_lock")}}, {});
        model.setState(state);
    }

    // Feeds `records` to the model as one frame's recent records, with the
    // hand-built state as the snapshot (the arrows are born at wall time 0).
    void feed(const std::vector<trace::Record>& records) {
        scenario::RunSnapshot snap;
        snap.state = std::make_shared<const trace::RuntimeState>(state);
        model.update(snap, records, 0.0);
    }
};

trace::Record steal(std::uint16_t victim, std::uint16_t thief, std::uint32_t tasks,
                    std::uint64_t t) {
    return trace::Record{.time = t,
                         .task = 1,
                         .arg = victim,
                         .arg2 = tasks,
                         .worker = thief,
                         .kind = EventKind::Steal};
}

trace::Record wake(std::uint32_t task, WakeSource source, std::uint64_t t) {
    return trace::Record{
        .time = t, .task = task, .kind = EventKind::Wake, .sub = static_cast<std::uint8_t>(source)};
}

core::PaintOptions options() {
    core::PaintOptions o;
    o.wallNow = 0.1;  // the arrows are 0.1 s old: bright, still travelling
    return o;
}

const QRectF kArea(0, 0, 1400, 800);

const RuntimeDrawList::Text* findText(const RuntimeDrawList& l, const QString& s) {
    for (const auto& t : l.texts)
        if (t.text == s) return &t;
    return nullptr;
}

const HitItem* findHit(const RuntimeDrawList& l, HitItem::Kind k, ItemRef ref) {
    for (const auto& h : l.hits)
        if (h.kind == k && h.ref == ref) return &h;
    return nullptr;
}

std::vector<const RuntimeDrawList::Arrow*> arrowsOf(const RuntimeDrawList& l, core::Arrow::Kind k) {
    std::vector<const RuntimeDrawList::Arrow*> out;
    for (const auto& a : l.arrows)
        if (a.kind == k) out.push_back(&a);
    return out;
}

QString rectText(const QRectF& r) {
    return QStringLiteral("(%1,%2 %3x%4)").arg(r.x()).arg(r.y()).arg(r.width()).arg(r.height());
}

// Every arrow label, pairwise: none may overlap another.
void verifyNoLabelOverlaps(const RuntimeDrawList& l) {
    std::vector<const RuntimeDrawList::Arrow*> labelled;
    for (const auto& a : l.arrows)
        if (!a.label.isEmpty()) labelled.push_back(&a);
    for (std::size_t i = 0; i < labelled.size(); ++i)
        for (std::size_t j = i + 1; j < labelled.size(); ++j)
            QVERIFY2(!labelled[i]->labelRect.intersects(labelled[j]->labelRect),
                     qPrintable(QStringLiteral("\"%1\" %2 overlaps \"%3\" %4")
                                    .arg(labelled[i]->label, rectText(labelled[i]->labelRect),
                                         labelled[j]->label, rectText(labelled[j]->labelRect))));
}

}  // namespace

class PainterTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // 17 steals by worker 1 from worker 0 are one arrow "steal ×17", not a
    // column of seventeen labels; a single steal keeps its task count.
    void repeatedStealsMerge() {
        Scene s(4);
        std::vector<trace::Record> ev;
        for (std::uint64_t i = 0; i < 17; ++i) ev.push_back(steal(0, 1, 1, 1000 + i));
        ev.push_back(steal(2, 3, 3, 2000));
        s.feed(ev);
        QCOMPARE(s.model.arrows().size(), std::size_t{18});
        const RuntimeDrawList l = core::layoutRuntime(s.model, options(), kArea);
        const auto steals = arrowsOf(l, core::Arrow::Kind::Steal);
        QCOMPARE(steals.size(), std::size_t{2});
        QCOMPARE(steals[0]->count, 17u);
        QCOMPARE(steals[0]->label, QStringLiteral("steal ×17"));
        QCOMPARE(steals[1]->count, 1u);
        QCOMPARE(steals[1]->label, QStringLiteral("steal 3"));
        int labels = 0;
        for (const auto& t : l.texts) labels += t.text.startsWith(QLatin1String("steal")) ? 1 : 0;
        QCOMPARE(labels, 0);  // arrow labels live with their arrows, once
        // With room to spare, labels leave the task chips readable.
        for (const auto& h : l.hits)
            if (h.kind == HitItem::Kind::Task)
                for (const auto* a : steals)
                    QVERIFY2(!h.rect.intersects(a->labelRect),
                             qPrintable(a->label + QStringLiteral(" covers ") + h.facts.name));
        // The merged label is a hit item that names the thief.
        const HitItem* h = l.hitAt(steals[0]->labelRect.center());
        QVERIFY(h);
        QCOMPARE(h->kind, HitItem::Kind::Arrow);
        QVERIFY(h->ref.worker() == WorkerId(1));
        QVERIFY2(h->tooltip().contains(QLatin1String("17 times")), qPrintable(h->tooltip()));
        verifyNoLabelOverlaps(l);
    }

    // Wakes between the same two places merge too ("wake ×5"); a single
    // wake has no label, as before; different sources stay apart.
    void repeatedWakesMerge() {
        Scene s(2);
        std::vector<trace::Record> ev;
        for (std::uint64_t i = 0; i < 5; ++i) ev.push_back(wake(11, WakeSource::Timer, 100 + i));
        ev.push_back(wake(11, WakeSource::Channel, 200));
        s.feed(ev);
        core::PaintOptions o = options();
        o.frozen = true;  // drawn whole
        const RuntimeDrawList l = core::layoutRuntime(s.model, o, kArea);
        const auto wakes = arrowsOf(l, core::Arrow::Kind::Wake);
        QCOMPARE(wakes.size(), std::size_t{2});
        QCOMPARE(wakes[0]->count, 5u);
        QCOMPARE(wakes[0]->label, QStringLiteral("wake ×5"));
        QCOMPARE(wakes[0]->color.rgb(), LiveModel::wakeColor(WakeSource::Timer).rgb());
        QCOMPARE(wakes[1]->count, 1u);
        QVERIFY(wakes[1]->label.isEmpty());
        // The wake's arrow ends at the chip of the task in worker 0's LIFO slot.
        const HitItem* chip = findHit(l, HitItem::Kind::Task, TaskId(11));
        QVERIFY(chip);
        QCOMPARE(wakes[0]->path.currentPosition(), chip->rect.center());
        const HitItem* label = l.hitAt(wakes[0]->labelRect.center());
        QVERIFY(label && label->kind == HitItem::Kind::Arrow);
        QVERIFY(label->ref.task() == TaskId(11));
        QCOMPARE(wakes[1]->path.currentPosition(), chip->rect.center());
        verifyNoLabelOverlaps(l);
    }

    // The classroom looks. Colour-blind safe: the wake sources take other
    // colours and each its own line pattern (a timer solid, a channel
    // dashed), painted as such; high contrast: white ground, black grey text,
    // thicker borders and arrows.
    void looksChangeColoursPatternsAndContrast() {
        Scene s(2);
        s.feed({wake(11, WakeSource::Timer, 100), wake(11, WakeSource::Channel, 200)});
        core::PaintOptions o = options();
        o.frozen = true;
        const RuntimeDrawList plain = core::layoutRuntime(s.model, o, kArea);
        o.look = core::Look{false, true};
        const RuntimeDrawList cb = core::layoutRuntime(s.model, o, kArea);
        const auto wakes = arrowsOf(cb, core::Arrow::Kind::Wake);
        QCOMPARE(wakes.size(), std::size_t{2});
        QVERIFY(wakes[0]->dashes.isEmpty());  // a timer's: solid
        QCOMPARE(wakes[1]->dashes, (QList<qreal>{5, 2.5}));
        QCOMPARE(wakes[1]->color.rgb(), QColor(0x00, 0x9e, 0x73).rgb());
        QVERIFY(wakes[0]->color.rgb() != wakes[1]->color.rgb());
        for (const auto* a : arrowsOf(plain, core::Arrow::Kind::Wake)) QVERIFY(a->dashes.isEmpty());
        // Painted: the channel's dashed line leaves gaps along its path.
        QImage img(kArea.size().toSize(), QImage::Format_ARGB32);
        img.fill(Qt::white);
        {
            RuntimeDrawList only;
            only.area = cb.area;
            only.background = Qt::white;
            only.fonts = cb.fonts;
            only.arrows = {*wakes[1]};
            only.arrows[0].color.setAlphaF(1);
            only.arrows[0].label.clear();
            QPainter p(&img);
            core::paintDrawList(p, only);
        }
        const QPainterPath& path = wakes[1]->path;
        int inked = 0, blank = 0;
        for (int i = 5; i < 95; ++i) {
            const QPoint at = path.pointAtPercent(i / 100.0).toPoint();
            (img.pixelColor(at).lightnessF() < 0.8 ? inked : blank)++;
        }
        QVERIFY2(inked > 20 && blank > 10,
                 qPrintable(QStringLiteral("%1 inked, %2 blank").arg(inked).arg(blank)));

        o.look = core::Look{true, false};
        const RuntimeDrawList hc = core::layoutRuntime(s.model, o, kArea);
        QCOMPARE(hc.background, QColor(Qt::white));
        QCOMPARE(hc.boxes.size(), plain.boxes.size());
        for (std::size_t i = 0; i < hc.boxes.size(); ++i) {
            if (plain.boxes[i].borderWidth > 0)
                QVERIFY(hc.boxes[i].borderWidth > plain.boxes[i].borderWidth);
            QVERIFY(hc.boxes[i].fill.lightnessF() < 0.86f || hc.boxes[i].fill == QColor(Qt::white));
        }
        for (const auto& t : hc.texts)
            QVERIFY2(t.color.hslSaturationF() >= 0.3f || t.color.rgb() == QColor(Qt::black).rgb(),
                     qPrintable(t.text));
        const auto thick = arrowsOf(hc, core::Arrow::Kind::Wake);
        QCOMPARE(thick[0]->width, arrowsOf(plain, core::Arrow::Kind::Wake)[0]->width * 1.6);
    }

    // Steals between every pair of eight workers: labels that would overlap
    // move along their arrow, become badges or go; none ever overlaps.
    void labelsNeverOverlap() {
        for (const QRectF area : {QRectF(0, 0, 1400, 800), QRectF(0, 0, 700, 420)}) {
            Scene s(8);
            std::vector<trace::Record> ev;
            std::uint64_t t = 1;
            std::size_t pairs = 0;
            for (std::uint16_t from = 0; from < 8; ++from)
                for (std::uint16_t to = 0; to < 8; ++to) {
                    if (from == to) continue;
                    ++pairs;
                    for (int k = 0; k <= (from + to) % 2; ++k)
                        ev.push_back(steal(from, to, 2, t++));
                }
            s.feed(ev);
            QCOMPARE(s.model.arrows().size(), ev.size());
            const RuntimeDrawList l = core::layoutRuntime(s.model, options(), area);
            verifyNoLabelOverlaps(l);
            std::size_t labelled = 0, visible = 0;
            for (const auto& a : l.arrows) {
                if (a.label.isEmpty()) continue;
                ++labelled;
                // A label is the whole text or its badge, never anything else.
                const QString full = a.count == 1 ? QStringLiteral("steal 2")
                                                  : QStringLiteral("steal ×%1").arg(a.count);
                // (A single steal has no badge: a lone "2" would not read.)
                const QString badge = a.count == 1 ? QString() : QStringLiteral("×%1").arg(a.count);
                QVERIFY2(a.label == full || a.label == badge, qPrintable(a.label));
                visible += a.labelRect.intersects(area) ? 1 : 0;
            }
            // Only the lanes that fit are drawn; in the big view all eight do.
            if (area.height() >= 800) {
                QCOMPARE(l.arrows.size(), pairs);
                QVERIFY2(labelled * 2 >= pairs, qPrintable(QString::number(labelled)));
            }
            QCOMPARE(visible, labelled);
        }
    }

    // Hit-testing reads the draw list and answers with strong ids.
    void hitTesting() {
        Scene s(3);
        const RuntimeDrawList l = core::layoutRuntime(s.model, options(), kArea);
        // Worker 1 runs task 2: its chip reads "task 2".
        const auto* name = findText(l, QStringLiteral("task 2"));
        QVERIFY(name);
        const HitItem* h = l.hitAt(name->rect.center());
        QVERIFY(h);
        QCOMPARE(h->kind, HitItem::Kind::Task);
        QVERIFY(h->ref.task() == TaskId(2));
        QVERIFY(!h->ref.worker());
        // The lane's label is the worker.
        const auto* lane = findText(l, QStringLiteral("Worker 1"));
        QVERIFY(lane);
        h = l.hitAt(lane->rect.center());
        QVERIFY(h);
        QCOMPARE(h->kind, HitItem::Kind::Worker);
        QVERIFY(h->ref.worker() == WorkerId(1));
        QVERIFY(!h->ref.task());
        QVERIFY(h->tooltip().startsWith(QLatin1String("Worker 1")));
        // The LIFO slot's chip is its task; the lock's name is the resource.
        const HitItem* lifo = findHit(l, HitItem::Kind::Lifo, WorkerId(2));
        QVERIFY(lifo);
        h = l.hitAt(lifo->rect.center());
        QVERIFY(h && h->ref.task() == TaskId(13));
        const auto* lock = findText(l, QStringLiteral("db_lock"));
        QVERIFY(lock);
        h = l.hitAt(lock->rect.center());
        QVERIFY(h);
        QCOMPARE(h->kind, HitItem::Kind::Mutex);
        QVERIFY(h->ref.resource() == ResourceId(kLock));
        QVERIFY(h->tooltip().contains(QLatin1String("2 waiting")));
        // Empty space: nothing.
        QVERIFY(!l.hitAt(QPointF(kArea.right() - 2, kArea.bottom() - 2)));
        // paintRuntime hands out the same items.
        QImage img(kArea.size().toSize(), QImage::Format_ARGB32_Premultiplied);
        std::vector<HitItem> hits;
        {
            QPainter p(&img);
            core::paintRuntime(p, kArea, s.model, options(), &hits);
        }
        QCOMPARE(hits.size(), l.hits.size());
    }

    // A task chip's tooltip is built on demand from what the layout kept.
    void taskTooltips() {
        Scene s(2);
        core::PaintOptions o = options();
        o.stepOf = [](std::uint32_t task) {
            return task == 2 ? QStringLiteral("S3 sleep") : QString();
        };
        const RuntimeDrawList l = core::layoutRuntime(s.model, o, kArea);
        const HitItem* h = findHit(l, HitItem::Kind::Task, TaskId(2));
        QVERIFY(h);
        QVERIFY(h->tip.isEmpty());
        QCOMPARE(l.tooltip(*h),
                 QStringLiteral("Task 2 \"task 2\": running. Polled 2 times, woken 0 "
                                "times. At await point S3 sleep."));
        // The running chip shows its await point.
        QVERIFY(findText(l, QStringLiteral("task 2 · S3 sleep")));
    }

    // Painting reads only the draw list: the chip's rectangle is filled
    // with the task's colour.
    void paintsChips() {
        Scene s(2);
        const RuntimeDrawList l = core::layoutRuntime(s.model, options(), kArea);
        const HitItem* h = findHit(l, HitItem::Kind::Task, TaskId(12));
        QVERIFY(h);
        QImage img(kArea.size().toSize(), QImage::Format_ARGB32_Premultiplied);
        img.fill(Qt::white);
        {
            QPainter p(&img);
            core::paintDrawList(p, l);
        }
        QCOMPARE(img.pixel(2, 2), l.background.rgb());
        const QRect r = h->rect.toAlignedRect().adjusted(2, 2, -2, -2);
        const QRgb chip = LiveModel::taskColor(12).rgb();
        int differ = 0, own = 0;
        for (int y = r.top(); y <= r.bottom(); ++y)
            for (int x = r.left(); x <= r.right(); ++x) {
                differ += img.pixel(x, y) != l.background.rgb() ? 1 : 0;
                own += img.pixel(x, y) == chip ? 1 : 0;
            }
        const int area = r.width() * r.height();
        QCOMPARE(differ, area);
        QVERIFY2(own > area / 2, qPrintable(QStringLiteral("%1 of %2").arg(own).arg(area)));
    }

    // PaintOptions still steer the picture.
    void paintOptions() {
        Scene s(2);
        s.state.workers[1].running = trace::kNoTask;  // worker 1 between polls
        s.model.setState(s.state);
        core::PaintOptions o = options();
        o.scale = 2.0;
        o.selected = 11;
        o.highlighted = {12, 90};
        o.title = QStringLiteral("Lesson 3");
        o.now = 2'500'000'000;
        o.frozen = true;
        RuntimeDrawList l = core::layoutRuntime(s.model, o, QRectF(0, 0, 2400, 1400));
        QCOMPARE(l.fonts[static_cast<int>(RuntimeDrawList::Font::Normal)].pointSizeF(), 18.0);
        QVERIFY(l.texts.front().text.startsWith(QLatin1String("Lesson 3   t = 2.50 s")));
        QVERIFY(findText(l, QStringLiteral("paused")));
        QCOMPARE(l.cycle.size(), std::size_t{2});  // 12 -> 90 -> 12
        // The selected chip has a black border, the highlighted ones red.
        const HitItem* sel = findHit(l, HitItem::Kind::Task, TaskId(11));
        const HitItem* hl = findHit(l, HitItem::Kind::Task, TaskId(12));
        QVERIFY(sel && hl);
        int checked = 0;
        for (const auto& b : l.boxes) {
            if (b.rect == sel->rect) {
                QCOMPARE(b.border, QColor(0, 0, 0));
                QCOMPARE(b.borderWidth, 5.0);
                ++checked;
            } else if (b.rect == hl->rect) {
                QCOMPARE(b.border, QColor(0xc0, 0x10, 0x10));
                ++checked;
            }
        }
        QCOMPARE(checked, 2);
        o.frozen = false;
        o.finished = true;
        l = core::layoutRuntime(s.model, o, QRectF(0, 0, 2400, 1400));
        QVERIFY(findText(l, QStringLiteral("stopped")));
        // Arrows fade out after their lifetime unless frozen.
        s.feed({steal(0, 1, 1, 10)});
        o = options();
        o.wallNow = LiveModel::kArrowLifetime + 0.1;
        QVERIFY(core::layoutRuntime(s.model, o, kArea).arrows.empty());
        o.wallNow = 0.05;
        const RuntimeDrawList moving = core::layoutRuntime(s.model, o, kArea);
        o.frozen = true;
        const RuntimeDrawList frozen = core::layoutRuntime(s.model, o, kArea);
        QCOMPARE(moving.arrows.size(), std::size_t{1});
        QCOMPARE(frozen.arrows.size(), std::size_t{1});
        // Paused, an arrow is drawn whole at once; running, it travels.
        const double whole = frozen.arrows.front().path.length();
        const double part = moving.arrows.front().path.length();
        QVERIFY2(part < whole / 3, qPrintable(QStringLiteral("%1 of %2").arg(part).arg(whole)));
    }
};

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    PainterTest tc;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&tc, argc, argv);
}

#include "painter_test.moc"
