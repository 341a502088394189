// The runtime view's layout: one pass over the state that places every lane,
// chip, queue, timer, resource row and arrow, and builds every text and hit
// item, into a RuntimeDrawList (painting it is runtime_paint.cpp). Arrows
// between the same two places merge into one with a count, and their labels
// are placed where they cover no chip and no other label.
#include "runtime_painter.hpp"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QPaintEngine>

#include <algorithm>
#include <cmath>

namespace asyncscope::core {

namespace {

QString fmtNs(std::uint64_t ns) {
    const double v = static_cast<double>(ns);
    if (ns >= 1'000'000'000) return QStringLiteral("%1 s").arg(v / 1e9, 0, 'f', 2);
    if (ns >= 1'000'000) return QStringLiteral("%1 ms").arg(v / 1e6, 0, 'f', 1);
    if (ns >= 1'000) return QStringLiteral("%1 µs").arg(v / 1e3, 0, 'f', 0);
    return QStringLiteral("%1 ns").arg(ns);
}

using Font = RuntimeDrawList::Font;

// The point at `t` on the quadratic Bézier from `a` through control `c` to `b`.
QPointF bezier(QPointF a, QPointF c, QPointF b, double t) {
    return (1 - t) * (1 - t) * a + 2 * (1 - t) * t * c + t * t * b;
}

// An arrow head at `tip`, pointing along `ang`, `len` long.
QPolygonF arrowHead(QPointF tip, double ang, double len) {
    QPolygonF h;
    h << tip << tip - QPointF(len * std::cos(ang - 0.45), len * std::sin(ang - 0.45))
      << tip - QPointF(len * std::cos(ang + 0.45), len * std::sin(ang + 0.45));
    return h;
}

// Builds the draw list of one frame. Mirrors the view's structure: workers
// on the left, timers and resources on the right, arrows over both.
class Layout {
    Q_DECLARE_TR_FUNCTIONS(RuntimeView)

public:
    Layout(const LiveModel& m, const PaintOptions& o, const QFont& base, RuntimeDrawList& out)
        : m_m(m),
          m_o(o),
          m_out(out),
          m_s(o.scale),
          m_font(base),
          m_small(base),
          m_bold(base),
          m_fm(base),
          m_fmSmall(base),
          m_fmBold(base) {
        m_font.setPointSizeF(9.0 * m_s);
        m_small.setPointSizeF(7.5 * m_s);
        m_bold = m_font;
        m_bold.setBold(true);
        m_fm = QFontMetricsF(m_font);
        m_fmSmall = QFontMetricsF(m_small);
        m_fmBold = QFontMetricsF(m_bold);
        m_out.fonts = {m_font, m_small, m_bold};
        // Positions of tasks are only needed to attach arrows and the cycle.
        m_trackPositions = !m.arrows().empty() || o.highlighted.size() >= 2;
        if (m_trackPositions) m_posSlot.assign(m.state().tasks.size(), -1);
    }

    void run(const QRectF& area) {
        const auto& st = m_m.state();
        m_out.area = area;
        m_out.background = QColor(0xfa, 0xfa, 0xf7);
        const double pad = 10 * m_s;
        QRectF inner = area.adjusted(pad, pad, -pad, -pad);

        // Header.
        const double headerH = 22 * m_s;
        QString head = m_o.title.isEmpty() ? tr("Runtime") : m_o.title;
        head += QStringLiteral("   t = %1").arg(fmtNs(std::max(st.time, m_o.now)));
        head += QStringLiteral("   ") + tr("%1 alive · %2 done · %3 polls · %4 steals")
                                            .arg(st.alive())
                                            .arg(st.completed + st.failed + st.cancelled)
                                            .arg(st.polls)
                                            .arg(st.steals);
        text(QRectF(inner.left(), inner.top(), inner.width(), headerH), std::move(head),
             QColor(0x22, 0x22, 0x22), Qt::AlignLeft | Qt::AlignVCenter, Font::Bold);
        inner.setTop(inner.top() + headerH + 4 * m_s);

        const double rightW = std::max(250.0 * m_s, inner.width() * 0.36);
        QRectF left(inner.left(), inner.top(), inner.width() - rightW - pad, inner.height());
        QRectF right(left.right() + pad, inner.top(), rightW, inner.height());
        layoutWorkers(left);
        layoutSide(right);
        layoutArrows();
        layoutHighlightCycle();
    }

private:
    void hit(const QRectF& r, HitItem::Kind k, ItemRef ref, QString tip) {
        HitItem& h = m_out.hits.emplace_back();
        h.rect = r;
        h.kind = k;
        h.ref = ref;
        h.tip = std::move(tip);
    }

    void text(const QRectF& r, QString s, const QColor& c, int flags, Font f) {
        m_out.texts.push_back({r, std::move(s), c, flags, f});
    }

    void box(const QRectF& r, const QColor& fill, const QColor& border) {
        m_out.boxes.push_back({r, fill, border, 4 * m_s, 1 * m_s});
    }

    void fill(const QRectF& r, const QColor& c) { m_out.boxes.push_back({r, c, {}, 0, 0}); }

    // Where a task was drawn (for arrows); a chip drawn later wins over an
    // earlier one, a "+N" box never replaces a chip.
    void setPos(std::uint32_t task, std::int32_t point, bool overwrite) {
        if (task >= m_posSlot.size()) m_posSlot.resize(task + 1, -1);
        std::int32_t& slot = m_posSlot[task];
        if (slot < 0 || overwrite) slot = point;
    }
    std::int32_t addPoint(QPointF at) {
        m_points.push_back(at);
        return static_cast<std::int32_t>(m_points.size() - 1);
    }
    const QPointF* pos(std::uint32_t task) const {
        if (task >= m_posSlot.size() || m_posSlot[task] < 0) return nullptr;
        return &m_points[static_cast<std::size_t>(m_posSlot[task])];
    }

    // A task as a coloured chip; remembers where it was drawn for arrows.
    // (The painter's options and the live model's arrows name tasks by their
    // number; the state's queues by TaskId.)
    void chip(const QRectF& r, TaskId id, const QString& extra = {}) {
        const std::uint32_t task = id.value();
        const QColor c = LiveModel::taskColor(task);
        const bool sel = task == m_o.selected;
        const bool hl = std::find(m_o.highlighted.begin(), m_o.highlighted.end(), task) !=
                        m_o.highlighted.end();
        m_out.boxes.push_back({r, c,
                               sel  ? QColor(0, 0, 0)
                               : hl ? QColor(0xc0, 0x10, 0x10)
                                    : c.darker(140),
                               5 * m_s, (sel || hl ? 2.5 : 1.0) * m_s});
        const QString name = m_m.taskName(task);
        QString label = name;
        if (!extra.isEmpty()) label += QStringLiteral(" · ") + extra;
        // A bare name keeps its end: "upd…r#12" tells group members apart.
        text(r.adjusted(4 * m_s, 0, -3 * m_s, 0),
             m_fmSmall.elidedText(label, extra.isEmpty() ? Qt::ElideMiddle : Qt::ElideRight,
                                  r.width() - 7 * m_s),
             QColor(0x10, 0x10, 0x10), Qt::AlignVCenter | Qt::AlignLeft, Font::Small);
        if (m_trackPositions) setPos(task, addPoint(r.center()), true);
        HitItem& h = m_out.hits.emplace_back();
        h.rect = r;
        h.kind = HitItem::Kind::Task;
        h.ref = id;
        h.facts.name = name;
        if (const trace::TaskInfo* t = m_m.state().task(id)) {
            h.facts.phase = t->phase;
            h.facts.polls = t->polls;
            h.facts.wakes = t->totalWakes();
        }
    }

    // Chips in a row inside `r`; collapses to "+N" when they do not fit.
    template <class Tasks>
    void chipRow(const QRectF& r, const Tasks& tasks, double chipW) {
        const double gap = 3 * m_s;
        const double h = std::min(r.height(), 20 * m_s);
        const double y = r.center().y() - h / 2;
        const int fit = std::max(0, static_cast<int>((r.width() + gap) / (chipW + gap)));
        const int n = static_cast<int>(tasks.size());
        const int show = n <= fit ? n : std::max(0, fit - 1);
        double x = r.left();
        for (int i = 0; i < show; ++i) {
            chip(QRectF(x, y, chipW, h), tasks[static_cast<std::size_t>(i)]);
            x += chipW + gap;
        }
        if (show < n) {
            text(QRectF(x, y, chipW, h), QStringLiteral("+%1").arg(n - show),
                 QColor(0x55, 0x55, 0x55), Qt::AlignCenter, Font::Small);
            // Collapsed tasks point at the "+N" box.
            if (m_trackPositions) {
                const std::int32_t at = addPoint(QPointF(x + chipW / 2, y + h / 2));
                for (int i = show; i < n; ++i)
                    setPos(tasks[static_cast<std::size_t>(i)].value(), at, false);
            }
        }
    }

    void label(const QRectF& r, const QString& s, bool bold = false,
               int a = Qt::AlignLeft | Qt::AlignVCenter) {
        text(r, (bold ? m_fmBold : m_fm).elidedText(s, Qt::ElideRight, r.width()),
             QColor(0x22, 0x22, 0x22), a, bold ? Font::Bold : Font::Normal);
    }

    void layoutWorkers(const QRectF& area) {
        const auto& st = m_m.state();
        const std::size_t nw = st.workers.size();
        const double gap = 6 * m_s;
        const double rowH = 34 * m_s;
        const double blockingH = 40 * m_s;
        const double avail = area.height() - rowH - blockingH - 3 * gap;
        const double laneH =
            nw ? std::clamp(avail / static_cast<double>(nw) - gap, 26 * m_s, 64 * m_s) : 0;
        std::size_t fit = laneH > 0 ? static_cast<std::size_t>((avail + gap) / (laneH + gap)) : 0;
        // Lanes that do not fit are counted on a line of their own, which
        // takes the room of the last lane when it must.
        const double moreH = m_fm.height() + 2 * m_s;
        if (fit < nw && laneH > 0)
            fit = static_cast<std::size_t>(std::max(0.0, (avail - moreH + gap) / (laneH + gap)));
        // Narrow views shrink the boxes before queues collapse to "+N".
        const double labelW = std::clamp(area.width() * 0.13, 70 * m_s, 92 * m_s);
        const double runW = std::clamp(area.width() * 0.24, 110 * m_s, 170 * m_s);
        const double lifoW = std::clamp(area.width() * 0.11, 56 * m_s, 96 * m_s);
        const double queueW = area.width() - labelW - runW - lifoW - 20 * m_s;
        const double chipW = std::clamp(queueW / 3.5, 40 * m_s, 74 * m_s);
        const QColor grey66(0x66, 0x66, 0x66);
        double y = area.top();
        for (std::size_t w = 0; w < nw && w < fit; ++w) {
            const trace::WorkerInfo& wi = st.workers[w];
            const WorkerId wid(static_cast<std::uint16_t>(w));
            const bool polling = wi.running != trace::kNoTask;
            QRectF lane(area.left(), y, area.width(), laneH);
            m_lanes.resize(std::max(m_lanes.size(), w + 1));
            m_lanes[w] = lane;
            box(lane, wi.parked ? QColor(0xee, 0xee, 0xee) : QColor(0xff, 0xff, 0xff),
                QColor(0xbb, 0xbb, 0xbb));
            QRectF lab(lane.left() + 6 * m_s, lane.top(), labelW - 6 * m_s, lane.height());
            // The block_on thread (Tokio's main thread): not a worker.
            const bool mainThread = wi.blockOn;
            text(QRectF(lab.left(), lab.top() + 2 * m_s, lab.width(), lab.height() / 2),
                 mainThread ? tr("Main") : tr("Worker %1").arg(w), QColor(0x22, 0x22, 0x22),
                 Qt::AlignLeft | Qt::AlignBottom, Font::Bold);
            // Between polls a worker looks for its next task, unless the run
            // is paused (it waits at the step gate) or over (its thread left).
            text(QRectF(lab.left(), lab.center().y(), lab.width(), lab.height() / 2),
                 wi.parked               ? tr("parked")
                 : polling && mainThread ? tr("block_on")
                 : polling               ? tr("polling")
                 : mainThread            ? (m_o.finished ? tr("stopped") : tr("woken"))
                 : m_o.finished          ? tr("stopped")
                 : m_o.frozen            ? tr("paused")
                                         : tr("searching"),
                 wi.parked ? QColor(0x88, 0x88, 0x88) : QColor(0x1a, 0x7f, 0x37),
                 Qt::AlignLeft | Qt::AlignTop, Font::Small);
            hit(lab, HitItem::Kind::Worker, wid,
                mainThread
                    ? tr("The main thread, where #[tokio::main] runs its body inside "
                         "Runtime::block_on. It is not a worker: it polls only main, sleeps while "
                         "main awaits, and nobody can steal main. What main spawns or wakes goes "
                         "to the global queue. %1 polls so far.")
                          .arg(wi.polls)
                : wi.parked ? tr("Worker %1 is parked: it found no task in its queues, the global "
                                 "queue or its siblings' queues, so its thread sleeps until a "
                                 "wake-up gives it work.")
                                  .arg(w)
                            : tr("Worker %1: an OS thread that polls one task at a time. %2 polls "
                                 "so far, %3 steals.")
                                  .arg(w)
                                  .arg(wi.polls)
                                  .arg(wi.steals));
            const double cy = lane.center().y();
            const double h = std::min(lane.height() - 8 * m_s, 22 * m_s);
            // The captions over the slots ("LIFO", "local queue (3)") need the
            // room above them; in a tight lane (large type on a small screen)
            // an empty slot says what it is inside instead.
            const bool captions = (lane.height() - h) / 2 >= 0.8 * m_fmSmall.height();
            double x = lane.left() + labelW;
            QRectF run(x, cy - h / 2, runW, h);
            if (polling) {
                chip(run, wi.running, m_o.stepOf ? m_o.stepOf(wi.running.value()) : QString());
            } else {
                box(run, QColor(0xf4, 0xf4, 0xf4), QColor(0xdd, 0xdd, 0xdd));
                label(run.adjusted(6 * m_s, 0, 0, 0), tr("idle"), false);
            }
            x += runW + 6 * m_s;
            if (mainThread) {
                QRectF slot(x, cy - h / 2, lifoW, h);
                if (captions)
                    text(QRectF(slot.left(), lane.top(), slot.width(), (lane.height() - h) / 2),
                         tr("woken"), grey66, Qt::AlignCenter, Font::Small);
                if (wi.lifo != trace::kNoTask)
                    chip(slot, wi.lifo);
                else
                    box(slot, QColor(0xf4, 0xf4, 0xf4), QColor(0xdd, 0xdd, 0xdd));
                hit(slot, HitItem::Kind::Lifo, wid,
                    tr("main, woken and about to be polled again by block_on on this thread."));
                x += lifoW + 8 * m_s;
                label(QRectF(x, cy - h / 2, lane.right() - x - 6 * m_s, h),
                      tr("no run queue: main's spawns go to the global queue"));
                y += laneH + gap;
                continue;
            }
            QRectF lifo(x, cy - h / 2, lifoW, h);
            if (captions)
                text(QRectF(lifo.left(), lane.top(), lifo.width(), (lane.height() - h) / 2),
                     tr("LIFO"), grey66, Qt::AlignCenter, Font::Small);
            if (wi.lifo != trace::kNoTask) {
                chip(lifo, wi.lifo);
            } else {
                box(lifo, QColor(0xf4, 0xf4, 0xf4), QColor(0xdd, 0xdd, 0xdd));
                if (!captions) text(lifo, tr("LIFO"), grey66, Qt::AlignCenter, Font::Small);
            }
            hit(lifo, HitItem::Kind::Lifo, wid,
                tr("The LIFO slot holds the task this worker just woke or spawned; it runs next, "
                   "while its data is still in the CPU cache. Other workers cannot steal it."));
            x += lifoW + 8 * m_s;
            QRectF queue(x, cy - h / 2, lane.right() - x - 6 * m_s, h);
            if (captions)
                text(QRectF(queue.left(), lane.top(), queue.width(), (lane.height() - h) / 2),
                     tr("local queue (%1)").arg(wi.local.size()), grey66,
                     Qt::AlignLeft | Qt::AlignVCenter, Font::Small);
            else if (wi.local.empty())
                text(queue.adjusted(6 * m_s, 0, 0, 0), tr("local queue (%1)").arg(0), grey66,
                     Qt::AlignLeft | Qt::AlignVCenter, Font::Small);
            chipRow(queue, wi.local, chipW);
            hit(queue, HitItem::Kind::LocalQueue, wid,
                tr("Worker %1's local run queue (%2 tasks), served front first. An idle worker "
                   "steals half of it.")
                    .arg(w)
                    .arg(wi.local.size()));
            y += laneH + gap;
        }
        if (nw > fit) {
            label(QRectF(area.left() + 6 * m_s, y - gap, area.width(), moreH),
                  tr("… and %1 more workers").arg(nw - fit));
            y += moreH - gap;
        }
        // Global inject queue.
        QRectF g(area.left(), y, area.width(), rowH);
        box(g, QColor(0xf7, 0xf3, 0xe8), QColor(0xcc, 0xbb, 0x99));
        label(QRectF(g.left() + 6 * m_s, g.top(), labelW + 60 * m_s, g.height()),
              tr("Global queue (%1)").arg(st.global.size()), true);
        chipRow(QRectF(g.left() + labelW + 70 * m_s, g.top() + 4 * m_s,
                       g.width() - labelW - 80 * m_s, g.height() - 8 * m_s),
                st.global, chipW);
        hit(g, HitItem::Kind::GlobalQueue, {},
            tr("The global (inject) queue: tasks spawned or woken from outside a worker. Workers "
               "check it every 61 polls and when their own queue is empty."));
        m_globalAnchor = QPointF(g.left() + labelW, g.center().y());
        y += rowH + gap;
        layoutBlockingPool(QRectF(area.left(), y, area.width(), blockingH), labelW);
    }

    void layoutBlockingPool(const QRectF& b, double labelW) {
        const auto& st = m_m.state();
        box(b, QColor(0xf9, 0xec, 0xec), QColor(0xcc, 0x99, 0x99));
        unsigned alive = 0;
        for (const auto& bt : st.blocking) alive += bt.alive ? 1u : 0u;
        label(QRectF(b.left() + 6 * m_s, b.top(), labelW + 100 * m_s, b.height()),
              alive == 1 ? tr("Blocking pool (1 thread)")
                         : tr("Blocking pool (%1 threads)").arg(alive),
              true);
        m_blockingAnchor = QPointF(b.left() + labelW, b.center().y());
        double x = b.left() + labelW + 110 * m_s;
        const double tw = 64 * m_s, th = std::min(b.height() - 10 * m_s, 22 * m_s);
        int hidden = 0;
        for (std::size_t i = 0; i < st.blocking.size(); ++i) {
            const auto& bt = st.blocking[i];
            if (!bt.alive) continue;
            if (x + tw > b.right() - 40 * m_s) {
                ++hidden;
                continue;
            }
            QRectF r(x, b.center().y() - th / 2, tw, th);
            const bool busy = bt.job != trace::kNoJob;
            if (busy && bt.awaiting != trace::kNoTask) {
                chip(r, bt.awaiting, tr("job"));
            } else {
                box(r, busy ? QColor(0xe8, 0xb4, 0xb4) : QColor(0xf4, 0xf4, 0xf4),
                    QColor(0xcc, 0xaa, 0xaa));
                text(r, busy ? tr("job %1").arg(bt.job.value()) : tr("idle"),
                     QColor(0x55, 0x55, 0x55), Qt::AlignCenter, Font::Small);
            }
            hit(r, HitItem::Kind::BlockingThread, BlockingThreadId(static_cast<std::uint32_t>(i)),
                tr("A blocking-pool thread (spawn_blocking). It may block as long as it likes "
                   "without stalling the async workers."));
            x += tw + 3 * m_s;
        }
        if (hidden) {
            label(QRectF(x, b.top(), 40 * m_s, b.height()), QStringLiteral("+%1").arg(hidden));
            x += 40 * m_s;
        }
        // Jobs submitted but not running yet: every thread is busy and the
        // pool is at its limit, so they wait in the pool's queue.
        std::vector<TaskId> queued;
        for (const trace::TaskInfo& t : st.tasks) {
            const std::optional<trace::JobId> job = t.waitTarget.job();
            if (t.phase != trace::TaskPhase::Idle || !job) continue;
            const bool running = std::any_of(st.blocking.begin(), st.blocking.end(),
                                             [&](const auto& bt) { return bt.job == *job; });
            if (!running) queued.push_back(t.id);
        }
        if (!queued.empty() && x + 120 * m_s < b.right()) {
            const QString q = tr("queued:");
            const double lw = m_fmSmall.horizontalAdvance(q) + 6 * m_s;
            text(QRectF(x + 6 * m_s, b.top(), lw, b.height()), q, QColor(0x66, 0x44, 0x44),
                 Qt::AlignLeft | Qt::AlignVCenter, Font::Small);
            const double qx = x + 6 * m_s + lw;
            chipRow(QRectF(qx, b.center().y() - th / 2, b.right() - qx - 4 * m_s, th), queued, tw);
        }
        hit(b, HitItem::Kind::BlockingPool, {},
            tr("The blocking pool runs spawn_blocking jobs on extra threads (up to 512 in Tokio), "
               "created on demand and kept 10 s when idle."));
    }

    void section(QRectF& area, const QString& title) {
        label(QRectF(area.left(), area.top(), area.width(), 18 * m_s), title, true);
        area.setTop(area.top() + 20 * m_s);
    }

    void layoutSide(QRectF area) {
        const auto& st = m_m.state();
        const double rowH = 24 * m_s;
        const double chipW = 70 * m_s;
        // Timers.
        QRectF timers = area;
        section(timers, tr("Timers (%1)").arg(st.timers.size()));
        m_timerAnchor = QPointF(area.left() + 10 * m_s, area.top() + 9 * m_s);
        hit(QRectF(area.left(), area.top(), area.width(), 18 * m_s), HitItem::Kind::Timers, {},
            tr("Tasks sleeping on the runtime's timer wheel, soonest first. When a deadline "
               "passes, the timer wakes the task."));
        const std::size_t maxTimers =
            std::max<std::size_t>(1, static_cast<std::size_t>(area.height() * 0.35 / rowH));
        std::size_t n = 0;
        double y = timers.top();
        const std::uint64_t now = std::max(st.time, m_o.now);
        for (const auto& [deadline, task] : st.timers) {
            if (n == maxTimers) {
                label(QRectF(area.left(), y, area.width(), rowH),
                      tr("… %1 more").arg(st.timers.size() - n));
                y += rowH;
                break;
            }
            chip(QRectF(area.left(), y + 2 * m_s, chipW + 40 * m_s, rowH - 4 * m_s), task);
            const std::uint64_t left = deadline > now ? deadline - now : 0;
            label(QRectF(area.left() + chipW + 46 * m_s, y, area.width() - chipW - 46 * m_s, rowH),
                  tr("in %1").arg(fmtNs(left)));
            y += rowH;
            ++n;
        }
        y += 8 * m_s;
        QRectF res(area.left(), y, area.width(), area.bottom() - y);
        section(res, tr("Resources"));
        y = res.top();
        m_resourceAnchor = QPointF(area.left() + 10 * m_s, res.top() - 10 * m_s);
        auto room = [&]() { return y + rowH <= area.bottom(); };
        // Each resource is one row (name and state); its wait queue, when it
        // has one, gets the next row to itself, so a few waiters show as
        // chips before the queue collapses to "+N".
        const double nameW = std::min(130 * m_s, area.width() * 0.4);
        const double indent = 14 * m_s;
        const double waitChipW = 84 * m_s;
        auto waitRow = [&](const QString& what, const auto& tasks) {
            if (tasks.empty() || !room()) return;
            const double lw = m_fmSmall.horizontalAdvance(what) + 6 * m_s;
            text(QRectF(area.left() + indent, y, lw, rowH), what, QColor(0x66, 0x66, 0x66),
                 Qt::AlignLeft | Qt::AlignVCenter, Font::Small);
            const double x = area.left() + indent + lw;
            // Narrower chips before fewer: up to four waiters by name.
            const std::size_t k = std::min<std::size_t>(tasks.size(), 4);
            const double slots = static_cast<double>(k + (tasks.size() > k ? 1 : 0));
            const double fitW = (area.right() - x) / slots - 3 * m_s;
            const double cw = std::clamp(fitW, 52 * m_s, waitChipW);
            chipRow(QRectF(x, y + 2 * m_s, area.right() - x, rowH - 4 * m_s), tasks, cw);
            y += rowH;
        };
        const QString waitingText = tr("waiting:");
        for (const auto& [id, lock] : st.locks) {
            if (!room()) break;
            const bool blocking = lock.kind == LockKind::BlockingMutex;
            QRectF r(area.left(), y, area.width(), rowH);
            label(QRectF(r.left(), r.top(), nameW, rowH),
                  m_m.resourceName(id.value()) + (blocking ? tr(" (blocking)") : QString()));
            const double x = r.left() + nameW + 4 * m_s;
            const double holderW = std::max(chipW, r.right() - x);
            if (lock.holder != trace::kNoTask)
                chip(QRectF(x, y + 2 * m_s, std::min(holderW, 130 * m_s), rowH - 4 * m_s),
                     lock.holder, tr("holds"));
            else
                label(QRectF(x, y, holderW, rowH), tr("free"));
            hit(QRectF(r.left(), r.top(), nameW, rowH), HitItem::Kind::Mutex, id,
                blocking ? tr("A blocking mutex (like std::sync::Mutex): a task that waits for "
                              "it blocks its whole worker thread. Holder first, then the threads "
                              "waiting.")
                         : tr("An async mutex (tokio::sync::Mutex): waiters queue in FIFO order "
                              "and each unlock hands the lock to the first one and wakes it. %1 "
                              "waiting.")
                               .arg(lock.waiters.size()));
            y += rowH;
            waitRow(waitingText, lock.waiters);
        }
        for (const auto& [id, ch] : st.channels) {
            if (!room()) break;
            QRectF r(area.left(), y, area.width(), rowH);
            label(QRectF(r.left(), r.top(), nameW, rowH), m_m.resourceName(id.value()));
            const std::uint64_t cap = ch.capacity ? ch.capacity : m_m.capacity(id.value());
            QRectF bar(r.left() + nameW + 4 * m_s, y + 6 * m_s, 70 * m_s, rowH - 12 * m_s);
            box(bar, QColor(0xff, 0xff, 0xff), QColor(0x99, 0x99, 0x99));
            if (cap) {
                const double f =
                    std::min(1.0, static_cast<double>(ch.buffered) / static_cast<double>(cap));
                fill(QRectF(bar.left(), bar.top(), bar.width() * f, bar.height()),
                     QColor(0x27, 0xae, 0x60));
            }
            text(bar,
                 cap ? QStringLiteral("%1/%2").arg(ch.buffered).arg(cap)
                     : QString::number(ch.buffered),
                 QColor(0x22, 0x22, 0x22), Qt::AlignCenter, Font::Small);
            if (ch.closed)
                label(QRectF(bar.right() + 6 * m_s, y, r.right() - bar.right() - 6 * m_s, rowH),
                      tr("closed"));
            hit(QRectF(r.left(), r.top(), nameW + 74 * m_s, rowH), HitItem::Kind::Channel, id,
                tr("A channel: %1 message(s) buffered%2. %3 receiver(s) and %4 sender(s) are "
                   "waiting on it%5.")
                    .arg(ch.buffered)
                    .arg(cap ? tr(" of %1").arg(cap) : QString())
                    .arg(ch.waitingReceivers.size())
                    .arg(ch.waitingSenders.size())
                    .arg(ch.closed ? tr("; it is closed") : QString()));
            y += rowH;
            waitRow(tr("receivers:"), ch.waitingReceivers);
            waitRow(tr("senders:"), ch.waitingSenders);
        }
        for (const auto& [id, sem] : st.semaphores) {
            if (!room()) break;
            QRectF r(area.left(), y, area.width(), rowH);
            label(QRectF(r.left(), r.top(), nameW, rowH), m_m.resourceName(id.value()));
            std::uint64_t held = 0;
            for (const auto& [t, k] : sem.holders) held += k;
            const std::uint64_t permits = m_m.capacity(id.value());
            label(
                QRectF(r.left() + nameW + 4 * m_s, y, r.right() - r.left() - nameW - 4 * m_s, rowH),
                permits ? tr("%1 of %2 permits held").arg(held).arg(permits)
                        : tr("%1 held").arg(held));
            hit(QRectF(r.left(), r.top(), r.width(), rowH), HitItem::Kind::Semaphore, id,
                tr("A semaphore: %1 permit(s) held, %2 task(s) waiting in FIFO order.")
                    .arg(held)
                    .arg(sem.waiters.size()));
            y += rowH;
            waitRow(waitingText, sem.waiters);
        }
    }

    QPointF sourceAnchor(const Arrow& a) const {
        if (a.fromTask)
            if (const QPointF* at = pos(a.fromTask)) return *at;
        switch (a.source) {
        case WakeSource::Timer: return m_timerAnchor;
        case WakeSource::Blocking: return m_blockingAnchor;
        case WakeSource::External: return m_globalAnchor;
        default: return m_resourceAnchor;
        }
    }

    // Arrows with the same kind (and wake source) between the same two
    // points, merged. `tasks`: steals: tasks taken in all.
    struct Group {
        Arrow::Kind kind;
        WakeSource source;
        QPointF from, to;
        QColor color;
        double progress = 0, alpha = 0;
        std::uint32_t count = 0;
        std::uint64_t tasks = 0;
        std::uint16_t fromWorker = 0, toWorker = 0;
        std::uint32_t fromTask = 0, toTask = 0;  // toTask: the latest
        bool oneTarget = true;                   // all went to toTask (not to a "+N")
    };

    void layoutArrows() {
        std::vector<Group> groups;
        for (const Arrow& a : m_m.arrows()) {
            const double age = std::max(0.0, m_o.wallNow - a.born);
            const double progress = m_o.frozen ? 1.0 : std::min(1.0, age / 0.35);
            double alpha =
                age < 0.5 ? 0.95 : 0.95 * (1.0 - (age - 0.5) / (LiveModel::kArrowLifetime - 0.5));
            if (alpha <= 0) continue;
            QPointF from, to;
            QColor color;
            switch (a.kind) {
            case Arrow::Kind::Wake: {
                const QPointF* t = pos(a.toTask);
                if (!t) continue;
                from = sourceAnchor(a);
                to = *t;
                color = wakeColor(a.source, m_o.look);
                break;
            }
            case Arrow::Kind::Steal: {
                if (a.fromWorker >= m_lanes.size() || a.toWorker >= m_lanes.size()) continue;
                const QRectF& f = m_lanes[a.fromWorker];
                const QRectF& t = m_lanes[a.toWorker];
                // Spread the steal arrows over the local-queue area, one column per thief.
                const double x = f.right() - (50 + 46 * (a.toWorker % 6)) * m_s;
                from = QPointF(x, f.center().y());
                to = QPointF(x - 24 * m_s, t.center().y());
                color = QColor(0xd6, 0x30, 0x31);
                break;
            }
            case Arrow::Kind::Spawn: {
                const QPointF* f = pos(a.fromTask);
                const QPointF* t = pos(a.toTask);
                if (!f || !t) continue;
                from = *f;
                to = *t;
                color = QColor(0x55, 0x55, 0x55);
                alpha *= 0.7;
                break;
            }
            }
            const WakeSource source = a.kind == Arrow::Kind::Wake ? a.source : WakeSource::Count;
            auto g = std::find_if(groups.begin(), groups.end(), [&](const Group& o) {
                return o.kind == a.kind && o.source == source && o.from == from && o.to == to;
            });
            if (g == groups.end()) {
                g = groups.insert(groups.end(), Group{a.kind, source, from, to, color});
                g->fromWorker = a.fromWorker;
                g->toWorker = a.toWorker;
                g->fromTask = a.fromTask;
            }
            // The oldest has travelled furthest and the newest is brightest:
            // a repeated steal neither restarts its arrow nor fades.
            g->progress = std::max(g->progress, progress);
            g->alpha = std::max(g->alpha, alpha);
            if (g->count && g->toTask != a.toTask) g->oneTarget = false;
            ++g->count;
            g->tasks += a.count;
            g->toTask = a.toTask;
        }
        m_out.arrows.reserve(groups.size());
        for (const HitItem& h : m_out.hits)
            if (h.kind == HitItem::Kind::Task) m_chipRects.push_back(h.rect);
        for (const Group& g : groups) layoutArrow(g);
    }

    // The text of a merged arrow's label and of the badge it shrinks to.
    std::pair<QString, QString> arrowLabel(const Group& g) const {
        const QString times = QStringLiteral("×%1").arg(g.count);
        switch (g.kind) {
        case Arrow::Kind::Steal:
            // One steal says how many tasks it took; a lone number would not
            // read as that, so it has no badge.
            if (g.count == 1) return {tr("steal %1").arg(g.tasks), QString()};
            return {tr("steal ×%1").arg(g.count), times};
        case Arrow::Kind::Wake:
            if (g.count == 1) return {};
            return {tr("wake ×%1").arg(g.count), times};
        case Arrow::Kind::Spawn:
            if (g.count == 1) return {};
            return {tr("spawn ×%1").arg(g.count), times};
        }
        return {};
    }

    QString arrowTip(const Group& g) const {
        switch (g.kind) {
        case Arrow::Kind::Steal:
            return g.count == 1 ? tr("Worker %1 ran out of work and stole %2 task(s) from the "
                                     "front of worker %3's local queue.")
                                      .arg(g.toWorker)
                                      .arg(g.tasks)
                                      .arg(g.fromWorker)
                                : tr("Worker %1 ran out of work and stole from worker %2's local "
                                     "queue %3 times just now, %4 tasks in all.")
                                      .arg(g.toWorker)
                                      .arg(g.fromWorker)
                                      .arg(g.count)
                                      .arg(g.tasks);
        case Arrow::Kind::Wake:
            return tr("%1 wake-ups along this arrow just now: each one made the woken task "
                      "runnable again.")
                .arg(g.count);
        case Arrow::Kind::Spawn:
            return tr("%1 tasks spawned along this arrow just now.").arg(g.count);
        }
        return {};
    }

    void layoutArrow(const Group& g) {
        QPointF from = g.from;
        const QPointF to = g.to;
        if (QLineF(from, to).length() < 4 * m_s) {
            // A task that wakes itself: a small loop.
            from += QPointF(-8 * m_s, -10 * m_s);
        }
        RuntimeDrawList::Arrow& out = m_out.arrows.emplace_back();
        out.kind = g.kind;
        out.count = g.count;
        out.color = g.color;
        out.color.setAlphaF(static_cast<float>(std::clamp(g.alpha, 0.0, 1.0)));
        out.width = 2.2 * m_s;
        if (g.kind == Arrow::Kind::Wake) out.dashes = wakeDashes(g.source, m_o.look);
        const QPointF mid = (from + to) / 2;
        const QPointF ctrl =
            mid + QPointF(0, -std::min(60.0 * m_s, QLineF(from, to).length() * 0.25));
        // Travel: the curve up to `progress`.
        const int steps = 24;
        QPointF head = from, prev = from;
        out.path.moveTo(from);
        for (int i = 1; i <= steps; ++i) {
            const QPointF q = bezier(from, ctrl, to, g.progress * i / steps);
            out.path.lineTo(q);
            prev = head;
            head = q;
        }
        if (QLineF(prev, head).length() > 0.01)
            out.head =
                arrowHead(head, std::atan2(head.y() - prev.y(), head.x() - prev.x()), 8 * m_s);

        auto [label, badge] = arrowLabel(g);
        if (label.isEmpty()) return;
        // The label sits above the curve's apex, as far off the curve as the
        // control point; when that place is taken, the same distance off
        // other points along the arrow; then a count badge near either end.
        // Places that leave the task chips readable come first; a label may
        // cover a chip (the chip's tooltip still names it), never a label.
        // The place does not depend on how far the arrow has travelled, so
        // a label stays put while its arrow grows.
        const QPointF lift = ctrl - bezier(from, ctrl, to, 0.5);
        const double h = m_fmSmall.height() + 2 * m_s;
        auto place = [&](const QString& s, std::initializer_list<double> ts,
                         bool spareChips) -> QRectF {
            const double w = m_fmSmall.horizontalAdvance(s) + 6 * m_s;
            auto hits = [](const std::vector<QRectF>& taken, const QRectF& r) {
                return std::any_of(taken.begin(), taken.end(),
                                   [&](const QRectF& o) { return o.intersects(r); });
            };
            for (double t : ts) {
                const QPointF at = bezier(from, ctrl, to, t) + lift;
                const QRectF r(at.x() - w / 2, at.y() - h, w, h);
                if (!hits(m_arrowLabels, r) && !(spareChips && hits(m_chipRects, r))) return r;
            }
            return {};
        };
        const auto along = {0.5, 0.35, 0.65, 0.2, 0.8};
        const auto nearEnds = {0.85, 0.15, 0.7, 0.3};
        QRectF r;
        for (const bool spareChips : {true, false}) {
            r = place(label, along, spareChips);
            if (r.isNull() && !badge.isEmpty()) {
                r = place(badge, nearEnds, spareChips);
                if (!r.isNull()) label = badge;
            }
            if (!r.isNull()) break;
        }
        if (r.isNull()) return;  // no room: the tooltip of the worker/task still tells
        m_arrowLabels.push_back(r);
        out.label = std::move(label);
        out.labelRect = r;
        out.labelRadius = 3 * m_s;
        out.labelFill = m_out.background;
        out.labelFill.setAlphaF(0.75f * out.color.alphaF());
        out.labelColor = out.color.darker(130);
        // What the label refers to: the thief, or the one task woken or spawned.
        const ItemRef ref = g.kind == Arrow::Kind::Steal ? ItemRef(WorkerId(g.toWorker))
                            : g.oneTarget                ? ItemRef(TaskId(g.toTask))
                                                         : ItemRef();
        hit(r, HitItem::Kind::Arrow, ref, arrowTip(g));
    }

    // The tasks of a selected finding, joined in order and back to the first:
    // a deadlock's wait-for cycle.
    void layoutHighlightCycle() {
        const auto& h = m_o.highlighted;
        if (h.size() < 2) return;
        m_out.cycleColor = QColor(0xc0, 0x10, 0x10);
        m_out.cycleWidth = 2.5 * m_s;
        for (std::size_t i = 0; i < h.size(); ++i) {
            const QPointF* a = pos(h[i]);
            const QPointF* b = pos(h[(i + 1) % h.size()]);
            if (!a || !b) continue;
            const QPointF from = *a, to = *b;
            const QPointF mid = (from + to) / 2 + QPointF(0, 28 * m_s);
            RuntimeDrawList::Link& l = m_out.cycle.emplace_back();
            l.path.moveTo(from);
            l.path.quadTo(mid, to);
            l.head = arrowHead(to, std::atan2(to.y() - mid.y(), to.x() - mid.x()), 10 * m_s);
        }
    }

    const LiveModel& m_m;
    const PaintOptions& m_o;
    RuntimeDrawList& m_out;
    double m_s;
    QFont m_font, m_small, m_bold;
    QFontMetricsF m_fm, m_fmSmall, m_fmBold;
    bool m_trackPositions = false;
    // Task id -> index into m_points (-1: not drawn). Dense: ids are dense.
    std::vector<std::int32_t> m_posSlot;
    std::vector<QPointF> m_points;
    std::vector<QRectF> m_lanes;  // by worker index (only the lanes shown)
    QPointF m_timerAnchor, m_blockingAnchor, m_globalAnchor, m_resourceAnchor;
    std::vector<QRectF> m_arrowLabels;  // this frame's arrow labels and badges
    std::vector<QRectF> m_chipRects;    // the task chips, which labels rather not cover
};

}  // namespace

RuntimeDrawList layoutRuntime(const LiveModel& model, const PaintOptions& options, QRectF area,
                              const QFont& font) {
    RuntimeDrawList list;
    Layout(model, options, font, list).run(area);
    list.stepOf = options.stepOf;
    if (options.look.highContrast) {
        list.background = QColor(0xff, 0xff, 0xff);
        for (auto& b : list.boxes) {
            b.fill = contrastFill(b.fill);
            b.border = contrastBorder(b.border);
            if (b.borderWidth > 0)
                b.borderWidth = std::max(b.borderWidth * 1.5, 1.5 * options.scale);
        }
        for (auto& t : list.texts) t.color = contrastText(t.color);
        for (auto& a : list.arrows) {
            a.width *= 1.6;
            a.color.setAlphaF(std::min(1.0f, a.color.alphaF() * 1.25f));
            a.labelColor = contrastText(a.labelColor);
        }
        list.cycleWidth *= 1.5;
    }
    return list;
}

}  // namespace asyncscope::core
