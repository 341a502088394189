#include "runtime_painter.hpp"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QPainterPath>

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace asyncscope::gui {

namespace {

QString fmtNs(std::uint64_t ns) {
    const double v = static_cast<double>(ns);
    if (ns >= 1'000'000'000) return QStringLiteral("%1 s").arg(v / 1e9, 0, 'f', 2);
    if (ns >= 1'000'000) return QStringLiteral("%1 ms").arg(v / 1e6, 0, 'f', 1);
    if (ns >= 1'000) return QStringLiteral("%1 µs").arg(v / 1e3, 0, 'f', 0);
    return QStringLiteral("%1 ns").arg(ns);
}

class Painter {
public:
    Painter(QPainter& p, const LiveModel& m, const PaintOptions& o, std::vector<HitItem>* hits)
        : m_p(p), m_m(m), m_o(o), m_hits(hits), m_s(o.scale) {
        m_font = p.font();
        m_font.setPointSizeF(9.0 * m_s);
        m_small = m_font;
        m_small.setPointSizeF(7.5 * m_s);
        m_bold = m_font;
        m_bold.setBold(true);
    }

    void run(const QRectF& area) {
        const auto& st = m_m.state();
        m_p.save();
        m_p.setRenderHint(QPainter::Antialiasing, true);
        m_p.fillRect(area, QColor(0xfa, 0xfa, 0xf7));
        const double pad = 10 * m_s;
        QRectF inner = area.adjusted(pad, pad, -pad, -pad);

        // Header.
        m_p.setFont(m_bold);
        const double headerH = 22 * m_s;
        m_p.setPen(QColor(0x22, 0x22, 0x22));
        QString head =
            m_o.title.isEmpty() ? QCoreApplication::translate("RuntimeView", "Runtime") : m_o.title;
        head += QStringLiteral("   t = %1").arg(fmtNs(std::max(st.time, m_o.now)));
        head +=
            QStringLiteral("   ") +
            QCoreApplication::translate("RuntimeView", "%1 alive · %2 done · %3 polls · %4 steals")
                .arg(st.alive())
                .arg(st.completed + st.failed + st.cancelled)
                .arg(st.polls)
                .arg(st.steals);
        m_p.drawText(QRectF(inner.left(), inner.top(), inner.width(), headerH),
                     Qt::AlignLeft | Qt::AlignVCenter, head);
        inner.setTop(inner.top() + headerH + 4 * m_s);

        const double rightW = std::max(250.0 * m_s, inner.width() * 0.36);
        QRectF left(inner.left(), inner.top(), inner.width() - rightW - pad, inner.height());
        QRectF right(left.right() + pad, inner.top(), rightW, inner.height());
        paintWorkers(left);
        paintSide(right);
        paintArrows();
        paintHighlightCycle();
        m_p.restore();
    }

private:
    void hit(const QRectF& r, HitItem::Kind k, std::uint64_t id, const QString& tip) {
        if (m_hits) m_hits->push_back({r, k, id, tip});
    }

    // A task as a coloured chip; remembers where it was drawn for arrows.
    void chip(const QRectF& r, std::uint32_t task, const QString& extra = {}) {
        const QColor c = LiveModel::taskColor(task);
        const bool sel = task == m_o.selected;
        const bool hl = std::find(m_o.highlighted.begin(), m_o.highlighted.end(), task) !=
                        m_o.highlighted.end();
        QPainterPath path;
        path.addRoundedRect(r, 5 * m_s, 5 * m_s);
        m_p.fillPath(path, c);
        m_p.setPen(QPen(sel  ? QColor(0, 0, 0)
                        : hl ? QColor(0xc0, 0x10, 0x10)
                             : c.darker(140),
                        (sel || hl ? 2.5 : 1.0) * m_s));
        m_p.drawPath(path);
        m_p.setPen(QColor(0x10, 0x10, 0x10));
        m_p.setFont(m_small);
        QString text = m_m.taskName(task);
        if (!extra.isEmpty()) text += QStringLiteral(" · ") + extra;
        const QFontMetricsF fm(m_small);
        m_p.drawText(r.adjusted(4 * m_s, 0, -3 * m_s, 0), Qt::AlignVCenter | Qt::AlignLeft,
                     // A bare name keeps its end: "upd…r#12" tells group members apart.
                     fm.elidedText(text, extra.isEmpty() ? Qt::ElideMiddle : Qt::ElideRight,
                                   r.width() - 7 * m_s));
        m_pos[task] = r.center();
        const trace::TaskInfo* t = m_m.state().task(task);
        QString tip =
            QCoreApplication::translate("RuntimeView",
                                        "Task %1 \"%2\": %3. Polled %4 times, woken %5 times.")
                .arg(task)
                .arg(m_m.taskName(task))
                .arg(t ? QString::fromLatin1(trace::toString(t->phase).data()) : QString())
                .arg(t ? t->polls : 0)
                .arg(t ? t->totalWakes() : 0);
        if (m_o.stepOf) {
            const QString step = m_o.stepOf(task);
            if (!step.isEmpty())
                tip += QStringLiteral(" ") +
                       QCoreApplication::translate("RuntimeView", "At await point %1.").arg(step);
        }
        hit(r, HitItem::Kind::Task, task, tip);
    }

    void box(const QRectF& r, const QColor& fill, const QColor& border) {
        QPainterPath path;
        path.addRoundedRect(r, 4 * m_s, 4 * m_s);
        m_p.fillPath(path, fill);
        m_p.setPen(QPen(border, 1 * m_s));
        m_p.drawPath(path);
    }

    // Chips in a row inside `r`; collapses to "+N" when they do not fit.
    void chipRow(const QRectF& r, const std::vector<std::uint32_t>& tasks, double chipW) {
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
            m_p.setPen(QColor(0x55, 0x55, 0x55));
            m_p.setFont(m_small);
            m_p.drawText(QRectF(x, y, chipW, h), Qt::AlignCenter,
                         QStringLiteral("+%1").arg(n - show));
            // Collapsed tasks point at the "+N" box.
            for (int i = show; i < n; ++i)
                m_pos.emplace(tasks[static_cast<std::size_t>(i)],
                              QPointF(x + chipW / 2, y + h / 2));
        }
    }

    void label(const QRectF& r, const QString& text, bool bold = false,
               Qt::Alignment a = Qt::AlignLeft | Qt::AlignVCenter) {
        m_p.setFont(bold ? m_bold : m_font);
        m_p.setPen(QColor(0x22, 0x22, 0x22));
        m_p.drawText(
            r, a,
            QFontMetricsF(bold ? m_bold : m_font).elidedText(text, Qt::ElideRight, r.width()));
    }

    void paintWorkers(const QRectF& area) {
        const auto& st = m_m.state();
        const std::size_t nw = st.workers.size();
        const double gap = 6 * m_s;
        const double rowH = 34 * m_s;
        const double blockingH = 40 * m_s;
        const double avail = area.height() - rowH - blockingH - 3 * gap;
        const double laneH =
            nw ? std::clamp(avail / static_cast<double>(nw) - gap, 26 * m_s, 64 * m_s) : 0;
        const std::size_t fit =
            laneH > 0 ? static_cast<std::size_t>((avail + gap) / (laneH + gap)) : 0;
        // Narrow views shrink the boxes before queues collapse to "+N".
        const double labelW = std::clamp(area.width() * 0.13, 70 * m_s, 92 * m_s);
        const double runW = std::clamp(area.width() * 0.24, 110 * m_s, 170 * m_s);
        const double lifoW = std::clamp(area.width() * 0.11, 56 * m_s, 96 * m_s);
        const double queueW = area.width() - labelW - runW - lifoW - 20 * m_s;
        const double chipW = std::clamp(queueW / 3.5, 40 * m_s, 74 * m_s);
        double y = area.top();
        for (std::size_t w = 0; w < nw && w < fit; ++w) {
            const trace::WorkerInfo& wi = st.workers[w];
            QRectF lane(area.left(), y, area.width(), laneH);
            m_lanes[static_cast<std::uint16_t>(w)] = lane;
            box(lane, wi.parked ? QColor(0xee, 0xee, 0xee) : QColor(0xff, 0xff, 0xff),
                QColor(0xbb, 0xbb, 0xbb));
            QRectF lab(lane.left() + 6 * m_s, lane.top(), labelW - 6 * m_s, lane.height());
            const QString wname = QCoreApplication::translate("RuntimeView", "Worker %1").arg(w);
            m_p.setFont(m_bold);
            m_p.setPen(QColor(0x22, 0x22, 0x22));
            m_p.drawText(QRectF(lab.left(), lab.top() + 2 * m_s, lab.width(), lab.height() / 2),
                         Qt::AlignLeft | Qt::AlignBottom, wname);
            m_p.setFont(m_small);
            m_p.setPen(wi.parked ? QColor(0x88, 0x88, 0x88) : QColor(0x1a, 0x7f, 0x37));
            // Between polls a worker looks for its next task, unless the run
            // is paused (it waits at the step gate) or over (its thread left).
            const QString status =
                wi.parked      ? QCoreApplication::translate("RuntimeView", "parked")
                : wi.running   ? QCoreApplication::translate("RuntimeView", "polling")
                : m_o.finished ? QCoreApplication::translate("RuntimeView", "stopped")
                : m_o.frozen   ? QCoreApplication::translate("RuntimeView", "paused")
                               : QCoreApplication::translate("RuntimeView", "searching");
            m_p.drawText(QRectF(lab.left(), lab.center().y(), lab.width(), lab.height() / 2),
                         Qt::AlignLeft | Qt::AlignTop, status);
            hit(lab, HitItem::Kind::Worker, w,
                wi.parked
                    ? QCoreApplication::translate(
                          "RuntimeView",
                          "Worker %1 is parked: it found no task in its queues, the global queue "
                          "or its "
                          "siblings' queues, so its thread sleeps until a wake-up gives it work.")
                          .arg(w)
                    : QCoreApplication::translate(
                          "RuntimeView",
                          "Worker %1: an OS thread that polls one task at a time. %2 polls so far, "
                          "%3 steals.")
                          .arg(w)
                          .arg(wi.polls)
                          .arg(wi.steals));
            const double cy = lane.center().y();
            const double h = std::min(lane.height() - 8 * m_s, 22 * m_s);
            double x = lane.left() + labelW;
            QRectF run(x, cy - h / 2, runW, h);
            if (wi.running) {
                chip(run, wi.running, m_o.stepOf ? m_o.stepOf(wi.running) : QString());
            } else {
                box(run, QColor(0xf4, 0xf4, 0xf4), QColor(0xdd, 0xdd, 0xdd));
                label(run.adjusted(6 * m_s, 0, 0, 0),
                      QCoreApplication::translate("RuntimeView", "idle"), false);
            }
            x += runW + 6 * m_s;
            QRectF lifo(x, cy - h / 2, lifoW, h);
            m_p.setFont(m_small);
            m_p.setPen(QColor(0x66, 0x66, 0x66));
            m_p.drawText(QRectF(lifo.left(), lane.top(), lifo.width(), (lane.height() - h) / 2),
                         Qt::AlignCenter, QCoreApplication::translate("RuntimeView", "LIFO"));
            if (wi.lifo)
                chip(lifo, wi.lifo);
            else
                box(lifo, QColor(0xf4, 0xf4, 0xf4), QColor(0xdd, 0xdd, 0xdd));
            hit(lifo, HitItem::Kind::Lifo, w,
                QCoreApplication::translate(
                    "RuntimeView",
                    "The LIFO slot holds the task this worker just woke or spawned; it runs next, "
                    "while its data "
                    "is still in the CPU cache. Other workers cannot steal it."));
            x += lifoW + 8 * m_s;
            QRectF queue(x, cy - h / 2, lane.right() - x - 6 * m_s, h);
            std::vector<std::uint32_t> local(wi.local.begin(), wi.local.end());
            m_p.setPen(QColor(0x66, 0x66, 0x66));
            m_p.drawText(
                QRectF(queue.left(), lane.top(), queue.width(), (lane.height() - h) / 2),
                Qt::AlignLeft | Qt::AlignVCenter,
                QCoreApplication::translate("RuntimeView", "local queue (%1)").arg(local.size()));
            chipRow(queue, local, chipW);
            hit(queue, HitItem::Kind::LocalQueue, w,
                QCoreApplication::translate("RuntimeView",
                                            "Worker %1's local run queue (%2 tasks), served front "
                                            "first. An idle worker steals half of "
                                            "it.")
                    .arg(w)
                    .arg(local.size()));
            y += laneH + gap;
        }
        if (nw > fit) {
            label(
                QRectF(area.left(), y - gap, area.width(), 14 * m_s),
                QCoreApplication::translate("RuntimeView", "… and %1 more workers").arg(nw - fit));
        }
        // Global inject queue.
        QRectF g(area.left(), y, area.width(), rowH);
        box(g, QColor(0xf7, 0xf3, 0xe8), QColor(0xcc, 0xbb, 0x99));
        label(QRectF(g.left() + 6 * m_s, g.top(), labelW + 60 * m_s, g.height()),
              QCoreApplication::translate("RuntimeView", "Global queue (%1)").arg(st.global.size()),
              true);
        std::vector<std::uint32_t> global(st.global.begin(), st.global.end());
        chipRow(QRectF(g.left() + labelW + 70 * m_s, g.top() + 4 * m_s,
                       g.width() - labelW - 80 * m_s, g.height() - 8 * m_s),
                global, chipW);
        hit(g, HitItem::Kind::GlobalQueue, 0,
            QCoreApplication::translate("RuntimeView",
                                        "The global (inject) queue: tasks spawned or woken from "
                                        "outside a worker. Workers check it every "
                                        "61 polls and when their own queue is empty."));
        m_globalAnchor = QPointF(g.left() + labelW, g.center().y());
        y += rowH + gap;
        // Blocking pool.
        QRectF b(area.left(), y, area.width(), blockingH);
        box(b, QColor(0xf9, 0xec, 0xec), QColor(0xcc, 0x99, 0x99));
        unsigned alive = 0;
        for (const auto& bt : st.blocking) alive += bt.alive ? 1u : 0u;
        label(QRectF(b.left() + 6 * m_s, b.top(), labelW + 100 * m_s, b.height()),
              alive == 1 ? QCoreApplication::translate("RuntimeView", "Blocking pool (1 thread)")
                         : QCoreApplication::translate("RuntimeView", "Blocking pool (%1 threads)")
                               .arg(alive),
              true);
        m_blockingAnchor = QPointF(b.left() + labelW, b.center().y());
        double x = b.left() + labelW + 110 * m_s;
        const double tw = 64 * m_s, th = std::min(b.height() - 10 * m_s, 22 * m_s);
        int shown = 0, hidden = 0;
        for (std::size_t i = 0; i < st.blocking.size(); ++i) {
            const auto& bt = st.blocking[i];
            if (!bt.alive) continue;
            if (x + tw > b.right() - 40 * m_s) {
                ++hidden;
                continue;
            }
            QRectF r(x, b.center().y() - th / 2, tw, th);
            if (bt.job && bt.awaiting) {
                chip(r, bt.awaiting, QCoreApplication::translate("RuntimeView", "job"));
            } else {
                box(r, bt.job ? QColor(0xe8, 0xb4, 0xb4) : QColor(0xf4, 0xf4, 0xf4),
                    QColor(0xcc, 0xaa, 0xaa));
                m_p.setFont(m_small);
                m_p.setPen(QColor(0x55, 0x55, 0x55));
                m_p.drawText(r, Qt::AlignCenter,
                             bt.job
                                 ? QCoreApplication::translate("RuntimeView", "job %1").arg(bt.job)
                                 : QCoreApplication::translate("RuntimeView", "idle"));
            }
            hit(r, HitItem::Kind::BlockingThread, i,
                QCoreApplication::translate("RuntimeView",
                                            "A blocking-pool thread (spawn_blocking). It may block "
                                            "as long as it likes without stalling "
                                            "the async workers."));
            x += tw + 3 * m_s;
            ++shown;
        }
        if (hidden) {
            label(QRectF(x, b.top(), 40 * m_s, b.height()), QStringLiteral("+%1").arg(hidden));
            x += 40 * m_s;
        }
        // Jobs submitted but not running yet: every thread is busy and the
        // pool is at its limit, so they wait in the pool's queue.
        std::vector<std::uint32_t> queued;
        for (const trace::TaskInfo& t : st.tasks) {
            if (t.phase != trace::TaskPhase::Idle || t.waitKind != trace::WaitKind::Blocking)
                continue;
            const bool running = std::any_of(st.blocking.begin(), st.blocking.end(),
                                             [&](const auto& bt) { return bt.job == t.waitOn; });
            if (!running) queued.push_back(t.id);
        }
        if (!queued.empty() && x + 120 * m_s < b.right()) {
            m_p.setFont(m_small);
            m_p.setPen(QColor(0x66, 0x44, 0x44));
            const QString q = QCoreApplication::translate("RuntimeView", "queued:");
            const double lw = QFontMetricsF(m_small).horizontalAdvance(q) + 6 * m_s;
            m_p.drawText(QRectF(x + 6 * m_s, b.top(), lw, b.height()),
                         Qt::AlignLeft | Qt::AlignVCenter, q);
            const double qx = x + 6 * m_s + lw;
            chipRow(QRectF(qx, b.center().y() - th / 2, b.right() - qx - 4 * m_s, th), queued, tw);
        }
        hit(b, HitItem::Kind::BlockingPool, 0,
            QCoreApplication::translate("RuntimeView",
                                        "The blocking pool runs spawn_blocking jobs on extra "
                                        "threads (up to 512 in Tokio), created on "
                                        "demand and kept 10 s when idle."));
    }

    void section(QRectF& area, const QString& title) {
        label(QRectF(area.left(), area.top(), area.width(), 18 * m_s), title, true);
        area.setTop(area.top() + 20 * m_s);
    }

    void paintSide(QRectF area) {
        const auto& st = m_m.state();
        const double rowH = 24 * m_s;
        const double chipW = 70 * m_s;
        // Timers.
        QRectF timers = area;
        section(timers,
                QCoreApplication::translate("RuntimeView", "Timers (%1)").arg(st.timers.size()));
        m_timerAnchor = QPointF(area.left() + 10 * m_s, area.top() + 9 * m_s);
        hit(QRectF(area.left(), area.top(), area.width(), 18 * m_s), HitItem::Kind::Timers, 0,
            QCoreApplication::translate("RuntimeView",
                                        "Tasks sleeping on the runtime's timer wheel, soonest "
                                        "first. When a deadline passes, the timer "
                                        "wakes the task."));
        const std::size_t maxTimers =
            std::max<std::size_t>(1, static_cast<std::size_t>(area.height() * 0.35 / rowH));
        std::size_t n = 0;
        double y = timers.top();
        for (const auto& [deadline, task] : st.timers) {
            if (n == maxTimers) {
                label(QRectF(area.left(), y, area.width(), rowH),
                      QCoreApplication::translate("RuntimeView", "… %1 more")
                          .arg(st.timers.size() - n));
                y += rowH;
                break;
            }
            chip(QRectF(area.left(), y + 2 * m_s, chipW + 40 * m_s, rowH - 4 * m_s), task);
            const std::uint64_t now = std::max(st.time, m_o.now);
            const std::uint64_t left = deadline > now ? deadline - now : 0;
            label(QRectF(area.left() + chipW + 46 * m_s, y, area.width() - chipW - 46 * m_s, rowH),
                  QCoreApplication::translate("RuntimeView", "in %1").arg(fmtNs(left)));
            y += rowH;
            ++n;
        }
        y += 8 * m_s;
        QRectF res(area.left(), y, area.width(), area.bottom() - y);
        section(res, QCoreApplication::translate("RuntimeView", "Resources"));
        y = res.top();
        m_resourceAnchor = QPointF(area.left() + 10 * m_s, res.top() - 10 * m_s);
        auto room = [&]() { return y + rowH <= area.bottom(); };
        // Each resource is one row (name and state); its wait queue, when it
        // has one, gets the next row to itself, so a few waiters show as
        // chips before the queue collapses to "+N".
        const double nameW = std::min(130 * m_s, area.width() * 0.4);
        const double indent = 14 * m_s;
        const double waitChipW = 84 * m_s;
        auto waitRow = [&](const QString& what, const std::vector<std::uint32_t>& tasks) {
            if (tasks.empty() || !room()) return;
            m_p.setFont(m_small);
            m_p.setPen(QColor(0x66, 0x66, 0x66));
            const double lw = QFontMetricsF(m_small).horizontalAdvance(what) + 6 * m_s;
            m_p.drawText(QRectF(area.left() + indent, y, lw, rowH),
                         Qt::AlignLeft | Qt::AlignVCenter, what);
            const double x = area.left() + indent + lw;
            // Narrower chips before fewer: up to four waiters by name.
            const std::size_t k = std::min<std::size_t>(tasks.size(), 4);
            const double slots = static_cast<double>(k + (tasks.size() > k ? 1 : 0));
            const double fitW = (area.right() - x) / slots - 3 * m_s;
            const double cw = std::clamp(fitW, 52 * m_s, waitChipW);
            chipRow(QRectF(x, y + 2 * m_s, area.right() - x, rowH - 4 * m_s), tasks, cw);
            y += rowH;
        };
        const QString waitingText = QCoreApplication::translate("RuntimeView", "waiting:");
        for (const auto& [id, lock] : st.locks) {
            if (!room()) break;
            const bool blocking = lock.kind == LockKind::BlockingMutex;
            QRectF r(area.left(), y, area.width(), rowH);
            label(QRectF(r.left(), r.top(), nameW, rowH),
                  m_m.resourceName(id) +
                      (blocking ? QCoreApplication::translate("RuntimeView", " (blocking)")
                                : QString()));
            const double x = r.left() + nameW + 4 * m_s;
            const double holderW = std::max(chipW, r.right() - x);
            if (lock.holder)
                chip(QRectF(x, y + 2 * m_s, std::min(holderW, 130 * m_s), rowH - 4 * m_s),
                     lock.holder, QCoreApplication::translate("RuntimeView", "holds"));
            else
                label(QRectF(x, y, holderW, rowH),
                      QCoreApplication::translate("RuntimeView", "free"));
            std::vector<std::uint32_t> waiters(lock.waiters.begin(), lock.waiters.end());
            m_resourcePos[id] = QPointF(r.left() + 20 * m_s, r.center().y());
            hit(QRectF(r.left(), r.top(), nameW, rowH), HitItem::Kind::Mutex, id,
                blocking ? QCoreApplication::translate(
                               "RuntimeView",
                               "A blocking mutex (like std::sync::Mutex): a task that waits for it "
                               "blocks its whole "
                               "worker thread. Holder first, then the threads waiting.")
                         : QCoreApplication::translate(
                               "RuntimeView",
                               "An async mutex (tokio::sync::Mutex): waiters queue in FIFO order "
                               "and each unlock "
                               "hands the lock to the first one and wakes it. %1 waiting.")
                               .arg(waiters.size()));
            y += rowH;
            waitRow(waitingText, waiters);
        }
        for (const auto& [id, ch] : st.channels) {
            if (!room()) break;
            QRectF r(area.left(), y, area.width(), rowH);
            label(QRectF(r.left(), r.top(), nameW, rowH), m_m.resourceName(id));
            const std::uint64_t cap = ch.capacity ? ch.capacity : m_m.capacity(id);
            QRectF bar(r.left() + nameW + 4 * m_s, y + 6 * m_s, 70 * m_s, rowH - 12 * m_s);
            box(bar, QColor(0xff, 0xff, 0xff), QColor(0x99, 0x99, 0x99));
            if (cap) {
                const double f =
                    std::min(1.0, static_cast<double>(ch.buffered) / static_cast<double>(cap));
                m_p.fillRect(QRectF(bar.left(), bar.top(), bar.width() * f, bar.height()),
                             QColor(0x27, 0xae, 0x60));
            }
            m_p.setFont(m_small);
            m_p.setPen(QColor(0x22, 0x22, 0x22));
            m_p.drawText(bar, Qt::AlignCenter,
                         cap ? QStringLiteral("%1/%2").arg(ch.buffered).arg(cap)
                             : QString::number(ch.buffered));
            if (ch.closed)
                label(QRectF(bar.right() + 6 * m_s, y, r.right() - bar.right() - 6 * m_s, rowH),
                      QCoreApplication::translate("RuntimeView", "closed"));
            m_resourcePos[id] = QPointF(r.left() + 20 * m_s, r.center().y());
            hit(QRectF(r.left(), r.top(), nameW + 74 * m_s, rowH), HitItem::Kind::Channel, id,
                QCoreApplication::translate("RuntimeView",
                                            "A channel: %1 message(s) buffered%2. %3 receiver(s) "
                                            "and %4 sender(s) are waiting on it%5.")
                    .arg(ch.buffered)
                    .arg(cap ? QCoreApplication::translate("RuntimeView", " of %1").arg(cap)
                             : QString())
                    .arg(ch.waitingReceivers.size())
                    .arg(ch.waitingSenders.size())
                    .arg(ch.closed ? QCoreApplication::translate("RuntimeView", "; it is closed")
                                   : QString()));
            y += rowH;
            waitRow(QCoreApplication::translate("RuntimeView", "receivers:"), ch.waitingReceivers);
            waitRow(QCoreApplication::translate("RuntimeView", "senders:"), ch.waitingSenders);
        }
        for (const auto& [id, sem] : st.semaphores) {
            if (!room()) break;
            QRectF r(area.left(), y, area.width(), rowH);
            label(QRectF(r.left(), r.top(), nameW, rowH), m_m.resourceName(id));
            std::uint64_t held = 0;
            for (const auto& [t, k] : sem.holders) held += k;
            const std::uint64_t permits = m_m.capacity(id);
            label(
                QRectF(r.left() + nameW + 4 * m_s, y, r.right() - r.left() - nameW - 4 * m_s, rowH),
                permits ? QCoreApplication::translate("RuntimeView", "%1 of %2 permits held")
                              .arg(held)
                              .arg(permits)
                        : QCoreApplication::translate("RuntimeView", "%1 held").arg(held));
            std::vector<std::uint32_t> waiters(sem.waiters.begin(), sem.waiters.end());
            m_resourcePos[id] = QPointF(r.left() + 20 * m_s, r.center().y());
            hit(QRectF(r.left(), r.top(), r.width(), rowH), HitItem::Kind::Semaphore, id,
                QCoreApplication::translate(
                    "RuntimeView",
                    "A semaphore: %1 permit(s) held, %2 task(s) waiting in FIFO order.")
                    .arg(held)
                    .arg(waiters.size()));
            y += rowH;
            waitRow(waitingText, waiters);
        }
    }

    QPointF sourceAnchor(const Arrow& a) const {
        if (a.fromTask) {
            auto it = m_pos.find(a.fromTask);
            if (it != m_pos.end()) return it->second;
        }
        switch (a.source) {
        case WakeSource::Timer: return m_timerAnchor;
        case WakeSource::Blocking: return m_blockingAnchor;
        case WakeSource::External: return m_globalAnchor;
        default: return m_resourceAnchor;
        }
    }

    void arrow(QPointF from, QPointF to, const QColor& c, double progress, double alpha,
               const QString& text) {
        if (QLineF(from, to).length() < 4 * m_s) {
            // A task that wakes itself: a small loop.
            from += QPointF(-8 * m_s, -10 * m_s);
        }
        QColor col = c;
        col.setAlphaF(static_cast<float>(std::clamp(alpha, 0.0, 1.0)));
        const QPointF mid = (from + to) / 2;
        const QPointF ctrl =
            mid + QPointF(0, -std::min(60.0 * m_s, QLineF(from, to).length() * 0.25));
        QPainterPath path(from);
        // Travel: draw the curve up to `progress`.
        const int steps = 24;
        QPointF head = from, prev = from;
        for (int i = 1; i <= steps; ++i) {
            const double t = progress * i / steps;
            const QPointF q = (1 - t) * (1 - t) * from + 2 * (1 - t) * t * ctrl + t * t * to;
            path.lineTo(q);
            prev = head;
            head = q;
        }
        m_p.setPen(QPen(col, 2.2 * m_s, Qt::SolidLine, Qt::RoundCap));
        m_p.setBrush(Qt::NoBrush);
        m_p.drawPath(path);
        const QLineF dir(prev, head);
        if (dir.length() > 0.01) {
            const double ang = std::atan2(head.y() - prev.y(), head.x() - prev.x());
            const double L = 8 * m_s;
            QPolygonF tip;
            tip << head << head - QPointF(L * std::cos(ang - 0.45), L * std::sin(ang - 0.45))
                << head - QPointF(L * std::cos(ang + 0.45), L * std::sin(ang + 0.45));
            m_p.setBrush(col);
            m_p.setPen(Qt::NoPen);
            m_p.drawPolygon(tip);
        }
        if (!text.isEmpty()) {
            m_p.setFont(m_small);
            const QFontMetricsF fm(m_small);
            const double w = fm.horizontalAdvance(text) + 6 * m_s, h = fm.height() + 2 * m_s;
            QRectF r(ctrl.x() - w / 2, ctrl.y() - h, w, h);
            // Labels of arrows that share a path (repeated steals between the
            // same workers) stack instead of printing over each other.
            for (int tries = 0; tries < 8; ++tries) {
                const bool clash = std::any_of(m_arrowLabels.begin(), m_arrowLabels.end(),
                                               [&](const QRectF& o) { return o.intersects(r); });
                if (!clash) break;
                r.translate(0, h);
            }
            m_arrowLabels.push_back(r);
            QColor bg(0xfa, 0xfa, 0xf7);  // the view's background
            bg.setAlphaF(0.75f * col.alphaF());
            m_p.setPen(Qt::NoPen);
            m_p.setBrush(bg);
            m_p.drawRoundedRect(r, 3 * m_s, 3 * m_s);
            m_p.setPen(col.darker(130));
            m_p.drawText(r, Qt::AlignCenter, text);
        }
    }

    void paintArrows() {
        m_arrowLabels.clear();
        for (const Arrow& a : m_m.arrows()) {
            const double age = std::max(0.0, m_o.wallNow - a.born);
            const double progress = m_o.frozen ? 1.0 : std::min(1.0, age / 0.35);
            const double alpha =
                age < 0.5 ? 0.95 : 0.95 * (1.0 - (age - 0.5) / (LiveModel::kArrowLifetime - 0.5));
            if (alpha <= 0) continue;
            switch (a.kind) {
            case Arrow::Kind::Wake: {
                auto to = m_pos.find(a.toTask);
                if (to == m_pos.end()) continue;
                arrow(sourceAnchor(a), to->second, LiveModel::wakeColor(a.source), progress, alpha,
                      {});
                break;
            }
            case Arrow::Kind::Steal: {
                auto from = m_lanes.find(a.fromWorker);
                auto to = m_lanes.find(a.toWorker);
                if (from == m_lanes.end() || to == m_lanes.end()) continue;
                // Spread the steal arrows over the local-queue area, one column per thief.
                const double x = from->second.right() - (50 + 46 * (a.toWorker % 6)) * m_s;
                arrow(QPointF(x, from->second.center().y()),
                      QPointF(x - 24 * m_s, to->second.center().y()), QColor(0xd6, 0x30, 0x31),
                      progress, alpha,
                      QCoreApplication::translate("RuntimeView", "steal %1").arg(a.count));
                break;
            }
            case Arrow::Kind::Spawn: {
                auto from = m_pos.find(a.fromTask);
                auto to = m_pos.find(a.toTask);
                if (from == m_pos.end() || to == m_pos.end()) continue;
                arrow(from->second, to->second, QColor(0x55, 0x55, 0x55), progress, alpha * 0.7,
                      {});
                break;
            }
            }
        }
    }

    // The tasks of a selected finding, joined in order and back to the first:
    // a deadlock's wait-for cycle.
    void paintHighlightCycle() {
        const auto& h = m_o.highlighted;
        if (h.size() < 2) return;
        QPen pen(QColor(0xc0, 0x10, 0x10), 2.5 * m_s, Qt::DashLine, Qt::RoundCap);
        for (std::size_t i = 0; i < h.size(); ++i) {
            auto a = m_pos.find(h[i]);
            auto b = m_pos.find(h[(i + 1) % h.size()]);
            if (a == m_pos.end() || b == m_pos.end()) continue;
            const QPointF from = a->second, to = b->second;
            const QPointF mid = (from + to) / 2 + QPointF(0, 28 * m_s);
            QPainterPath path(from);
            path.quadTo(mid, to);
            m_p.setPen(pen);
            m_p.setBrush(Qt::NoBrush);
            m_p.drawPath(path);
            const double ang = std::atan2(to.y() - mid.y(), to.x() - mid.x());
            const double L = 10 * m_s;
            QPolygonF tip;
            tip << to << to - QPointF(L * std::cos(ang - 0.45), L * std::sin(ang - 0.45))
                << to - QPointF(L * std::cos(ang + 0.45), L * std::sin(ang + 0.45));
            m_p.setPen(Qt::NoPen);
            m_p.setBrush(QColor(0xc0, 0x10, 0x10));
            m_p.drawPolygon(tip);
        }
    }

    QPainter& m_p;
    const LiveModel& m_m;
    const PaintOptions& m_o;
    std::vector<HitItem>* m_hits;
    double m_s;
    QFont m_font, m_small, m_bold;
    std::unordered_map<std::uint32_t, QPointF> m_pos;
    std::unordered_map<std::uint64_t, QPointF> m_resourcePos;
    std::unordered_map<std::uint16_t, QRectF> m_lanes;
    QPointF m_timerAnchor, m_blockingAnchor, m_globalAnchor, m_resourceAnchor;
    std::vector<QRectF> m_arrowLabels;  // this frame's arrow labels, for stacking
};

}  // namespace

void paintRuntime(QPainter& p, const QRectF& area, const LiveModel& model,
                  const PaintOptions& options, std::vector<HitItem>* hits) {
    if (hits) hits->clear();
    Painter(p, model, options, hits).run(area);
}

}  // namespace asyncscope::gui
