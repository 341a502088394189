// The timeline's layout into a draw list, its painting and its tooltips
// (see timeline_painter.hpp for the design note).
#include "timeline_painter.hpp"
#include "text_runs.hpp"

#include "live_model.hpp"

#include <asyncscope/scenario/live_run.hpp>

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QPaintEngine>

#include <algorithm>
#include <cmath>
#include <unordered_set>

namespace asyncscope::core {

namespace {

using Font = TimelineDrawList::Font;
using Fill = TimelineDrawList::Fill;

QString duration(double ns) {
    return QString::fromStdString(TimeAxis::formatDuration(ns));
}

// Times on the axis's scale: "12.5 ms" with the decimals the zoom needs.
QString instant(const TimeAxis& axis, double t) {
    return QString::fromStdString(TimeAxis::tickLabel(
        t, axis.tickStep(1), std::max(std::fabs(axis.t0()), std::fabs(axis.t1()))));
}

// Walks the visible intervals of one lane (time-sorted, non-overlapping):
// `single(i)` for an interval drawn alone, `folded(i, j, x0, x1)` for the
// intervals [i, j) folded into one block from x0 to x1. A block starts at an
// interval narrower than kFoldPx and swallows, by binary search, every
// interval ending within kFoldPx of its right edge, then any narrow one that
// starts within kFoldPx of it; each round moves the edge kFoldPx or more
// (every second round at least), so a lane costs O(width / kFoldPx · log n).
template <class T, class Single, class Folded>
void foldWalk(const std::vector<T>& items, const TimeAxis& axis, Single&& single, Folded&& folded) {
    auto [i, last] = visibleRange(std::span<const T>(items), axis.t0(), axis.t1());
    auto x = [&](std::uint64_t t) { return axis.timeToX(static_cast<double>(t)); };
    while (i < last) {
        const double x0 = x(items[i].start);
        double right = x(items[i].end);
        if (right - x0 >= kFoldPx) {
            single(i);
            ++i;
            continue;
        }
        std::size_t j = i + 1;
        for (;;) {
            const double next = axis.xToTime(right + kFoldPx);
            const auto k = static_cast<std::size_t>(
                std::partition_point(
                    items.begin() + static_cast<std::ptrdiff_t>(j),
                    items.begin() + static_cast<std::ptrdiff_t>(last),
                    [&](const T& s) { return static_cast<double>(s.end) < next; }) -
                items.begin());
            if (k > j) {
                j = k;
                right = x(items[j - 1].end);
                continue;
            }
            if (j == last) break;
            const double nx0 = x(items[j].start), nx1 = x(items[j].end);
            if (nx1 - nx0 >= kFoldPx || nx0 >= right + kFoldPx) break;
            right = nx1;
            ++j;
        }
        if (j == i + 1)
            single(i);
        else
            folded(i, j, x0, right);
        i = j;
    }
}

// An arrow head at `tip`, pointing along `ang`, `len` long.
QPolygonF arrowHead(QPointF tip, double ang, double len) {
    QPolygonF h;
    h << tip << tip - QPointF(len * std::cos(ang - 0.45), len * std::sin(ang - 0.45))
      << tip - QPointF(len * std::cos(ang + 0.45), len * std::sin(ang + 0.45));
    return h;
}

const QColor kText(0x22, 0x22, 0x22);
const QColor kMuted(0x66, 0x66, 0x66);
const QColor kFolded(0x8d, 0x99, 0xa6);
const QColor kParked(0xd9, 0xd9, 0xd9);
const QColor kCursor(0x1f, 0x5f, 0xbf);
const QColor kSteal(0xd6, 0x30, 0x31);
const QColor kProblem(0xc0, 0x20, 0x20);
const QColor kInfo(0x2f, 0x80, 0xed);
const QColor kJob(0xa0, 0xa0, 0xa0);

class Layout {
    Q_DECLARE_TR_FUNCTIONS(Timeline)

public:
    Layout(const TimelineModel& m, const TimeAxis& axis, const TimelineOptions& o,
           const QFont& base, TimelineDrawList& out)
        : m_m(m),
          m_axis(axis),
          m_o(o),
          m_out(out),
          m_s(o.scale),
          m_fm(base),
          m_fmSmall(base),
          m_fmBold(base) {
        QFont normal(base), small(base), bold(base);
        normal.setPointSizeF(8.5 * m_s);
        small.setPointSizeF(7.5 * m_s);
        bold.setPointSizeF(9.5 * m_s);
        bold.setBold(true);
        m_fm = QFontMetricsF(normal);
        m_fmSmall = QFontMetricsF(small);
        m_fmBold = QFontMetricsF(bold);
        m_out.fonts = {normal, small, bold};
    }

    void run(const QRectF& area) {
        m_out.area = area;
        m_out.background = QColor(0xfa, 0xfa, 0xf7);
        const double pad = 8 * m_s;
        double y = area.top() + pad;
        if (!m_o.title.isEmpty()) {
            const double h = m_fmBold.height() + 6 * m_s;
            const QString range = tr("%1 – %2 of %3")
                                      .arg(instant(m_axis, m_axis.t0()))
                                      .arg(instant(m_axis, m_axis.t1()))
                                      .arg(duration(static_cast<double>(m_m.endTime())));
            const double rw = m_fm.horizontalAdvance(range) + 4 * m_s;
            const QRectF row(area.left() + pad, y, area.width() - 2 * pad, h);
            text(row.adjusted(0, 0, -rw - 8 * m_s, 0),
                 m_fmBold.elidedText(m_o.title, Qt::ElideRight, row.width() - rw - 8 * m_s), kText,
                 Qt::AlignLeft | Qt::AlignVCenter, Font::Bold);
            text(QRectF(row.right() - rw, y, rw, h), range, kMuted,
                 Qt::AlignRight | Qt::AlignVCenter, Font::Normal);
            y += h + 2 * m_s;
        }
        const double axisH = m_fmSmall.height() + 10 * m_s;
        const double axisTop = y;
        y += axisH + 4 * m_s;
        const double legendH = m_o.legend ? m_fmSmall.height() + 10 * m_s : 0;
        const double bottom = area.bottom() - pad - legendH;
        layoutLanes(area, y, bottom);
        const double lanesBottom = m_out.lanes.empty() ? y : m_out.lanes.back().rect.bottom();
        layoutAxis(axisTop, axisH, lanesBottom);
        if (m_o.arrows) {
            layoutSteals();
            layoutWakes();
        }
        layoutCursor(axisTop, lanesBottom);
        if (m_o.legend)
            layoutLegend(QRectF(area.left() + pad, area.bottom() - pad - legendH,
                                area.width() - 2 * pad, legendH));
    }

private:
    void text(const QRectF& r, QString s, const QColor& c, int flags, Font f) {
        m_out.texts.push_back({r, std::move(s), c, flags, f});
    }
    TimelineHit& hit(const QRectF& r, TimelineHit::Kind k, ItemRef ref, std::uint64_t t0,
                     std::uint64_t t1) {
        TimelineHit& h = m_out.hits.emplace_back();
        h.rect = r;
        h.kind = k;
        h.ref = ref;
        h.t0 = t0;
        h.t1 = t1;
        return h;
    }
    // [x0, x1] clipped to the lane, at least a pixel wide.
    QRectF spanRect(const QRectF& lane, double x0, double x1) const {
        const double inset = 2 * m_s;
        x0 = std::max(x0, lane.left());
        x1 = std::min(x1, lane.right());
        if (x1 - x0 < 1) x1 = std::min(x0 + 1, lane.right());
        return QRectF(QPointF(x0, lane.top() + inset), QPointF(x1, lane.bottom() - inset));
    }
    double x(std::uint64_t t) const { return m_axis.timeToX(static_cast<double>(t)); }

    QString taskName(std::uint32_t task) const {
        const std::string_view n = m_m.taskName(task);
        return n.empty() ? tr("task %1").arg(task)
                         : QString::fromUtf8(n.data(), static_cast<qsizetype>(n.size()));
    }

    // "S3 sleep 5ms", "done", ...: where the poll left the task.
    QString pollEnd(const PollSpan& s) const {
        if (s.flags & kSpanOpen) return {};
        switch (s.result) {
        case PollResult::Pending:
            if (!m_o.tables) return {};
            return QString::fromStdString(
                m_o.tables->stepLabel(m_m.templateOf(s.task), s.awaitPoint));
        case PollResult::Ready: return tr("done");
        case PollResult::Cancelled: return tr("cancelled");
        case PollResult::Error: return tr("failed");
        }
        return {};
    }

    void label(const QRectF& r, const QString& s) {
        const double room = r.width() - 6 * m_s;
        if (room < 12 * m_s) return;
        const QString e = m_fmSmall.elidedText(s, Qt::ElideRight, room);
        if (e.size() <= 1) return;  // a lone "…" says nothing
        text(r.adjusted(3 * m_s, 0, -3 * m_s, 0), e, QColor(0x10, 0x10, 0x10),
             Qt::AlignLeft | Qt::AlignVCenter, Font::Small);
    }

    void foldedBlock(const QRectF& lane, double x0, double x1, std::size_t count, std::uint64_t t0,
                     std::uint64_t t1, bool jobs, TimelineHit proto) {
        const QRectF r = spanRect(lane, x0, x1);
        m_out.boxes.push_back({r, kFolded, Fill::Folded});
        if (r.width() >= 40 * m_s)
            label(r, (jobs ? tr("%1 jobs") : tr("%1 polls")).arg(count));  // always 2 or more
        TimelineHit& h = hit(r, TimelineHit::Kind::Folded, proto.ref, t0, t1);
        h.count = static_cast<std::uint32_t>(count);
        h.lane = proto.lane;
        h.blocking = jobs;
    }

    template <class T>
    void parked(const QRectF& lane, const std::vector<T>& items, ItemRef ref, std::uint16_t idx) {
        auto add = [&](double x0, double x1, std::uint64_t t0, std::uint64_t t1) {
            const QRectF r = spanRect(lane, x0, x1);
            m_out.boxes.push_back({r, kParked, Fill::Parked});
            hit(r, TimelineHit::Kind::Parked, ref, t0, t1).lane = idx;
        };
        foldWalk(
            items, m_axis,
            [&](std::size_t i) {
                add(x(items[i].start), x(items[i].end), items[i].start, items[i].end);
            },
            [&](std::size_t i, std::size_t j, double x0, double x1) {
                add(x0, x1, items[i].start, items[j - 1].end);
            });
    }

    void layoutLanes(const QRectF& area, double top, double bottom) {
        const auto& workers = m_m.workers();
        const auto& blocking = m_m.blockingThreads();
        const std::size_t n = workers.size() + blocking.size();
        if (n == 0) return;
        const double gap = 3 * m_s;
        const double sep = blocking.empty() ? 0 : 8 * m_s;
        const double avail = bottom - top - sep;
        const double laneH = std::clamp(avail / static_cast<double>(n) - gap, 14 * m_s, 30 * m_s);
        const double labelL = area.left() + 8 * m_s;
        const double labelR = std::max(labelL, m_axis.left() - 6 * m_s);
        double y = top;
        std::size_t shown = 0;
        auto lane = [&](ItemRef ref, const QString& name, bool isBlocking) -> QRectF {
            const QRectF r(m_axis.left(), y, m_axis.width(), laneH);
            const QRectF lr(labelL, y, labelR - labelL, laneH);
            m_out.lanes.push_back({r, lr, ref});
            m_out.boxes.push_back(
                {r, isBlocking ? QColor(0xf3, 0xf1, 0xec) : QColor(0xff, 0xff, 0xff), Fill::Solid});
            if (lr.width() > 10 * m_s)
                text(lr, m_fm.elidedText(name, Qt::ElideRight, lr.width()), kText,
                     Qt::AlignRight | Qt::AlignVCenter, Font::Normal);
            hit(lr, TimelineHit::Kind::Lane, ref, 0, 0).blocking = isBlocking;
            y += laneH + gap;
            ++shown;
            return r;
        };
        for (std::size_t w = 0; w < workers.size() && y + laneH <= bottom + 0.5; ++w) {
            const auto idx = static_cast<std::uint16_t>(w);
            const QRectF r = lane(WorkerId(idx), tr("worker %1").arg(w), false);
            m_out.hits.back().lane = idx;
            parked(r, workers[w].parked, WorkerId(idx), idx);
            polls(r, workers[w].polls, idx);
        }
        y += sep;
        for (std::size_t b = 0; b < blocking.size() && y + laneH <= bottom + 0.5; ++b) {
            const auto idx = static_cast<std::uint16_t>(b);
            const QRectF r = lane(BlockingThreadId(idx), tr("blocking %1").arg(b), true);
            m_out.hits.back().lane = idx;
            jobs(r, blocking[b].jobs, idx);
        }
        if (shown < n)
            text(QRectF(labelL, y, area.right() - labelL, m_fmSmall.height()),
                 tr("Lanes not shown: %1 (make the picture taller)").arg(n - shown), kMuted,
                 Qt::AlignLeft | Qt::AlignTop, Font::Small);
    }

    void polls(const QRectF& lane, const std::vector<PollSpan>& spans, std::uint16_t w) {
        const auto [first, last] =
            visibleRange(std::span<const PollSpan>(spans), m_axis.t0(), m_axis.t1());
        m_out.spansInView += last - first;
        TimelineHit proto;
        proto.ref = WorkerId(w);
        proto.lane = w;
        foldWalk(
            spans, m_axis,
            [&](std::size_t i) {
                const PollSpan& s = spans[i];
                const QRectF r = spanRect(lane, x(s.start), x(s.end));
                m_out.boxes.push_back({r, LiveModel::taskColor(s.task), Fill::Solid});
                if (TaskId(s.task) == m_o.selected && s.task)
                    m_out.outlines.push_back({r, QColor(0, 0, 0), 2 * m_s});
                if (r.width() >= 36 * m_s) {
                    QString l = taskName(s.task);
                    if (const QString e = pollEnd(s); !e.isEmpty()) l += QStringLiteral(" · ") + e;
                    label(r, l);
                }
                TimelineHit& h = hit(r, TimelineHit::Kind::Poll, TaskId(s.task), s.start, s.end);
                h.index = static_cast<std::uint32_t>(i);
                h.lane = w;
            },
            [&](std::size_t i, std::size_t j, double x0, double x1) {
                foldedBlock(lane, x0, x1, j - i, spans[i].start, spans[j - 1].end, false, proto);
            });
    }

    void jobs(const QRectF& lane, const std::vector<JobSpan>& spans, std::uint16_t b) {
        const auto [first, last] =
            visibleRange(std::span<const JobSpan>(spans), m_axis.t0(), m_axis.t1());
        m_out.spansInView += last - first;
        TimelineHit proto;
        proto.ref = BlockingThreadId(b);
        proto.lane = b;
        foldWalk(
            spans, m_axis,
            [&](std::size_t i) {
                const JobSpan& s = spans[i];
                const QRectF r = spanRect(lane, x(s.start), x(s.end));
                m_out.boxes.push_back(
                    {r, s.task ? LiveModel::taskColor(s.task).lighter(115) : kJob, Fill::Solid});
                if (s.task && TaskId(s.task) == m_o.selected)
                    m_out.outlines.push_back({r, QColor(0, 0, 0), 2 * m_s});
                if (r.width() >= 36 * m_s)
                    label(r, s.task ? tr("job %1 for %2").arg(s.job).arg(taskName(s.task))
                                    : tr("job %1").arg(s.job));
                TimelineHit& h =
                    hit(r, TimelineHit::Kind::Job,
                        s.task ? ItemRef(TaskId(s.task)) : ItemRef(BlockingThreadId(b)), s.start,
                        s.end);
                h.index = static_cast<std::uint32_t>(i);
                h.lane = b;
                h.blocking = true;
            },
            [&](std::size_t i, std::size_t j, double x0, double x1) {
                foldedBlock(lane, x0, x1, j - i, spans[i].start, spans[j - 1].end, true, proto);
            });
    }

    void layoutAxis(double top, double h, double lanesBottom) {
        const double base = top + h;
        const QColor axisColor(0x88, 0x88, 0x88);
        m_out.lines.push_back(
            {QLineF(m_axis.left(), base, m_axis.right(), base), axisColor, 1 * m_s});
        const double labelW = 110 * m_s;
        for (const TimeAxis::Tick& t : m_axis.ticks(90 * m_s)) {
            m_out.lines.push_back({QLineF(t.x, base - 5 * m_s, t.x, base), axisColor, 1 * m_s});
            m_out.grid.push_back(
                {QLineF(t.x, base, t.x, lanesBottom), QColor(0xe4, 0xe4, 0xe0), 1 * m_s});
            QRectF r(t.x - labelW / 2, top, labelW, h - 5 * m_s);
            int flags = Qt::AlignHCenter | Qt::AlignBottom;
            // Labels at the ends stay inside the picture.
            if (r.left() < m_out.area.left()) {
                r.moveLeft(t.x);
                flags = Qt::AlignLeft | Qt::AlignBottom;
            } else if (r.right() > m_out.area.right()) {
                r.moveRight(t.x);
                flags = Qt::AlignRight | Qt::AlignBottom;
            }
            text(r, QString::fromStdString(t.label), kMuted, flags, Font::Small);
        }
        // Findings: a marker on the axis and a faint line down the lanes.
        const auto& fs = m_m.findings();
        const auto [first, last] =
            visibleRange(std::span<const FindingMark>(fs), m_axis.t0(), m_axis.t1());
        const double size = 6 * m_s;
        double lastX = -1e300;
        for (std::size_t i = first; i < last; ++i) {
            const FindingMark& f = fs[i];
            const double fx = x(f.time);
            QColor c = trace::isInformational(f.kind) ? kInfo : kProblem;
            const QRectF r(fx - size, base - 2 * size, 2 * size, 2 * size);
            // One marker per pixel column is enough to see; each keeps its hit item.
            if (fx - lastX >= 1) {
                QPolygonF tri;
                tri << QPointF(fx - size, base - 2 * size) << QPointF(fx + size, base - 2 * size)
                    << QPointF(fx, base);
                m_out.markers.push_back({tri, c});
                QColor faint = c;
                faint.setAlphaF(0.35f);
                m_out.lines.push_back({QLineF(fx, base, fx, lanesBottom), faint, 1 * m_s, true});
                lastX = fx;
            }
            hit(r, TimelineHit::Kind::Finding, ItemRef(), f.time, f.time).index =
                static_cast<std::uint32_t>(i);
        }
    }

    // The lane of a trace thread code, or null when it has none on screen.
    const QRectF* laneOf(std::uint16_t thread) const {
        if (thread == trace::kNoThread) return nullptr;
        const bool blocking = thread & trace::kBlockingFlag;
        const std::size_t idx = thread & ~trace::kBlockingFlag;
        const std::size_t at = blocking ? m_m.workers().size() + idx : idx;
        if ((blocking && idx >= m_m.blockingThreads().size()) ||
            (!blocking && idx >= m_m.workers().size()) || at >= m_out.lanes.size())
            return nullptr;
        return &m_out.lanes[at].rect;
    }

    void arrow(QPointF from, QPointF to, const QColor& c, double width) {
        TimelineDrawList::Arrow& a = m_out.arrows.emplace_back();
        a.color = c;
        a.width = width;
        a.path.moveTo(from);
        const QPointF ctrl((from.x() + to.x()) / 2, std::min(from.y(), to.y()) - 10 * m_s);
        a.path.quadTo(ctrl, to);
        a.head = arrowHead(to, std::atan2(to.y() - ctrl.y(), to.x() - ctrl.x()), 6 * m_s);
    }

    // A wake: from the waker's lane at the wake to the woken task's next poll.
    void layoutWakes() {
        const auto& ws = m_m.wakes();
        // The wakes that happen in view (each arrow ends at the poll that followed).
        const auto [first, last] =
            visibleRange(std::span<const WakeMark>(ws), m_axis.t0(), m_axis.t1());
        const std::size_t n = last - first;
        if (static_cast<double>(n) > kMaxArrowsPerPixel * m_axis.width()) {
            m_out.hiddenArrows = n;
            return;
        }
        std::unordered_set<std::uint64_t> seen;
        for (std::size_t i = first; i < last; ++i) {
            const WakeMark& w = ws[i];
            const QRectF* to = laneOf(w.pollWorker);
            if (!to) continue;
            const QRectF* from = laneOf(w.thread);
            const double x0 = x(w.time), x1 = x(w.pollTime);
            const QPointF end(std::clamp(x1, to->left(), to->right()), to->center().y());
            const QPointF start =
                from ? QPointF(x0, from->center().y()) : QPointF(x0, to->top() - 2 * m_s);
            // One arrow per pair of pixel positions and source.
            const std::uint64_t key = (static_cast<std::uint64_t>(std::lround(start.x())) << 40) ^
                                      (static_cast<std::uint64_t>(std::lround(start.y())) << 28) ^
                                      (static_cast<std::uint64_t>(std::lround(end.x())) << 12) ^
                                      (static_cast<std::uint64_t>(std::lround(end.y())) << 4) ^
                                      static_cast<std::uint64_t>(w.source);
            if (!seen.insert(key).second) continue;
            QColor c = LiveModel::wakeColor(w.source);
            c.setAlphaF(0.8f);
            arrow(start, end, c, 1.2 * m_s);
        }
    }

    void layoutSteals() {
        const auto& ss = m_m.steals();
        const auto [first, last] =
            visibleRange(std::span<const StealMark>(ss), m_axis.t0(), m_axis.t1());
        if (static_cast<double>(last - first) > kMaxArrowsPerPixel * m_axis.width()) {
            m_out.hiddenArrows += last - first;
            return;
        }
        const bool labels = static_cast<double>(last - first) * 60 * m_s < m_axis.width();
        double lastX = -1e300;
        for (std::size_t i = first; i < last; ++i) {
            const StealMark& s = ss[i];
            const QRectF* from = laneOf(s.victim);
            const QRectF* to = laneOf(s.thief);
            if (!from || !to) continue;
            const double sx = x(s.time);
            if (std::fabs(sx - lastX) < 1) continue;
            lastX = sx;
            const double dir = to->center().y() > from->center().y() ? 1 : -1;
            const QPointF a(sx, dir > 0 ? from->bottom() : from->top());
            const QPointF b(sx + 6 * m_s, dir > 0 ? to->top() + 3 * m_s : to->bottom() - 3 * m_s);
            TimelineDrawList::Arrow& ar = m_out.arrows.emplace_back();
            ar.color = kSteal;
            ar.width = 1.6 * m_s;
            ar.path.moveTo(a);
            ar.path.lineTo(b);
            ar.head = arrowHead(b, std::atan2(b.y() - a.y(), b.x() - a.x()), 6 * m_s);
            if (labels) {
                const QString l = tr("steal %1").arg(s.count);
                const double w = m_fmSmall.horizontalAdvance(l) + 4 * m_s;
                text(QRectF(sx + 8 * m_s, (a.y() + b.y()) / 2 - m_fmSmall.height() / 2, w,
                            m_fmSmall.height()),
                     l, kSteal.darker(120), Qt::AlignLeft | Qt::AlignVCenter, Font::Small);
            }
        }
    }

    void layoutCursor(double top, double bottom) {
        if (!m_o.cursor) return;
        const double cx = x(*m_o.cursor);
        if (cx < m_axis.left() - 0.5 || cx > m_axis.right() + 0.5) return;
        m_out.cursor = TimelineDrawList::Line{QLineF(cx, top, cx, bottom), kCursor, 1.5 * m_s};
        QPolygonF head;
        const double s = 5 * m_s;
        head << QPointF(cx - s, top) << QPointF(cx + s, top) << QPointF(cx, top + s * 1.4);
        m_out.markers.push_back({head, kCursor});
    }

    void layoutLegend(const QRectF& r) {
        double lx = r.left();
        const double cy = r.center().y();
        const double sw = 16 * m_s, sh = 9 * m_s;
        auto entry = [&](const QString& s) {
            const double w = m_fmSmall.horizontalAdvance(s) + 2 * m_s;
            text(QRectF(lx, r.top(), w, r.height()), s, kText, Qt::AlignLeft | Qt::AlignVCenter,
                 Font::Small);
            lx += w + 14 * m_s;
        };
        auto swatch = [&](const QColor& c, Fill f) {
            m_out.boxes.push_back({QRectF(lx, cy - sh / 2, sw, sh), c, f});
            lx += sw + 4 * m_s;
        };
        auto stroke = [&](const QColor& c, bool dashed) {
            m_out.lines.push_back({QLineF(lx, cy, lx + sw, cy), c, 2 * m_s, dashed});
            lx += sw + 4 * m_s;
        };
        swatch(LiveModel::taskColor(1), Fill::Solid);
        entry(tr("poll (its task's colour)"));
        swatch(kFolded, Fill::Folded);
        entry(tr("polls too small to show, folded"));
        swatch(kParked, Fill::Parked);
        entry(tr("parked"));
        swatch(kJob, Fill::Solid);
        entry(tr("blocking job"));
        if (m_o.arrows) {
            stroke(LiveModel::wakeColor(WakeSource::Timer), false);
            entry(tr("wake"));
            stroke(kSteal, false);
            entry(tr("steal"));
        }
        stroke(kProblem, true);
        entry(tr("finding"));
        if (m_o.cursor) {
            stroke(kCursor, false);
            entry(tr("cursor"));
        }
        if (m_out.hiddenArrows)
            entry(tr("Arrows hidden: %1 wakes and steals in view (zoom in to see them)")
                      .arg(m_out.hiddenArrows));
    }

    const TimelineModel& m_m;
    const TimeAxis& m_axis;
    const TimelineOptions& m_o;
    TimelineDrawList& m_out;
    double m_s;
    QFontMetricsF m_fm, m_fmSmall, m_fmBold;
};

}  // namespace

double timelineGutter(double scale) {
    return 84 * scale;
}

double timelinePreferredHeight(const TimelineModel& model, const TimelineOptions& o) {
    const double s = o.scale;
    QFont small, bold;
    small.setPointSizeF(7.5 * s);
    bold.setPointSizeF(9.5 * s);
    bold.setBold(true);
    const double smallH = QFontMetricsF(small).height();
    const auto n = static_cast<double>(model.workers().size() + model.blockingThreads().size());
    double h = 16 * s;  // padding
    if (!o.title.isEmpty()) h += QFontMetricsF(bold).height() + 8 * s;
    h += smallH + 14 * s;  // axis
    h += n * 33 * s + (model.blockingThreads().empty() ? 0 : 8 * s);
    if (o.legend) h += smallH + 10 * s;
    return std::ceil(h);
}

TimelineDrawList layoutTimeline(const TimelineModel& model, const TimeAxis& axis,
                                const TimelineOptions& options, QRectF area, const QFont& font) {
    TimelineDrawList list;
    list.model = &model;
    list.tables = options.tables;
    list.chinese = options.chinese;
    Layout(model, axis, options, font, list).run(area);
    return list;
}

const TimelineHit* TimelineDrawList::hitAt(QPointF pos) const {
    const TimelineHit* weak = nullptr;
    for (auto it = hits.rbegin(); it != hits.rend(); ++it) {
        if (!it->rect.contains(pos)) continue;
        if (it->kind != TimelineHit::Kind::Parked && it->kind != TimelineHit::Kind::Lane)
            return &*it;
        if (!weak) weak = &*it;
    }
    return weak;
}

namespace {

// The tooltips' sentences, in the same translation context as the layout's words.
class Tooltip {
    Q_DECLARE_TR_FUNCTIONS(Timeline)

public:
    static QString of(const TimelineDrawList& list, const TimelineHit& h);
};

}  // namespace

QString TimelineDrawList::tooltip(const TimelineHit& h) const {
    return Tooltip::of(*this, h);
}

QString Tooltip::of(const TimelineDrawList& list, const TimelineHit& h) {
    const TimelineModel* model = list.model;
    const scenario::RunTables* tables = list.tables;
    if (!model) return {};
    // Instants to the microsecond below a second ("7.001 ms"), durations to three digits.
    auto at = [](std::uint64_t t) {
        const double unit = t >= 1'000'000'000 ? 1e9 : t >= 1'000'000 ? 1e6 : t >= 1000 ? 1e3 : 1;
        return QString::fromStdString(TimeAxis::formatTime(static_cast<double>(t), unit, 3));
    };
    const QString from = at(h.t0);
    const QString to = at(h.t1);
    const QString len = duration(static_cast<double>(h.t1 - h.t0));
    auto name = [&](std::uint32_t task) {
        const std::string_view n = model->taskName(task);
        return n.empty() ? tr("task %1").arg(task)
                         : QString::fromUtf8(n.data(), static_cast<qsizetype>(n.size()));
    };
    switch (h.kind) {
    case TimelineHit::Kind::Poll: {
        const auto& lanes = model->workers();
        if (h.lane >= lanes.size() || h.index >= lanes[h.lane].polls.size()) return {};
        const PollSpan& s = lanes[h.lane].polls[h.index];
        QString t =
            tr("Task %1 \"%2\" polled on worker %3 from %4 to %5 (%6).")
                .arg(QString::number(s.task), name(s.task), QString::number(h.lane), from, to, len);
        if (s.flags & kSpanOpen)
            return t + QStringLiteral(" ") + tr("Still running when the recording ended.");
        switch (s.result) {
        case PollResult::Pending: {
            const std::string step =
                tables ? tables->stepLabel(model->templateOf(s.task), s.awaitPoint) : std::string();
            if (!step.empty())
                t += QStringLiteral(" ") +
                     tr("It returned Pending at await point %1.").arg(QString::fromStdString(step));
            else
                t += QStringLiteral(" ") + tr("It returned Pending.");
            break;
        }
        case PollResult::Ready: t += QStringLiteral(" ") + tr("It completed."); break;
        case PollResult::Cancelled: t += QStringLiteral(" ") + tr("It was cancelled."); break;
        case PollResult::Error: t += QStringLiteral(" ") + tr("It failed."); break;
        }
        return t;
    }
    case TimelineHit::Kind::Folded:
        return (h.blocking ? tr("%1 jobs too small to show at this zoom, from %2 to %3.")
                           : tr("%1 polls too small to show at this zoom, from %2 to %3."))
                   .arg(QString::number(h.count), from, to) +
               QStringLiteral(" ") + tr("Double-click to zoom in.");
    case TimelineHit::Kind::Parked:
        return tr("Worker %1 parked from %2 to %3 (%4): it had no work and slept.")
            .arg(QString::number(h.lane), from, to, len);
    case TimelineHit::Kind::Job: {
        const auto& lanes = model->blockingThreads();
        if (h.lane >= lanes.size() || h.index >= lanes[h.lane].jobs.size()) return {};
        const JobSpan& j = lanes[h.lane].jobs[h.index];
        return j.task ? tr("Blocking thread %1 ran job %2 for task %3 \"%4\" from %5 to %6 (%7).")
                            .arg(QString::number(h.lane), QString::number(j.job),
                                 QString::number(j.task), name(j.task), from, to, len)
                      : tr("Blocking thread %1 ran job %2 from %3 to %4 (%5).")
                            .arg(QString::number(h.lane), QString::number(j.job), from, to, len);
    }
    case TimelineHit::Kind::Finding: {
        const auto& fs = model->findings();
        if (h.index >= fs.size()) return {};
        const trace::LocalizedText& title = fs[h.index].title;
        return tr("At %1: %2")
            .arg(from, QString::fromStdString(list.chinese ? title.zh : title.en));
    }
    case TimelineHit::Kind::Lane:
        return h.blocking
                   ? tr("Blocking-pool thread %1: the spawn_blocking jobs it ran.").arg(h.lane)
                   : tr("Worker %1: each task it polled, and when it was parked.").arg(h.lane);
    }
    return {};
}

void paintTimelineDrawList(QPainter& p, const TimelineDrawList& list) {
    p.save();
    p.fillRect(list.area, list.background);
    // Boxes are axis-aligned: no antialiasing, so a span is one fill.
    p.setRenderHint(QPainter::Antialiasing, false);
    const bool raster = p.paintEngine() && p.paintEngine()->type() == QPaintEngine::Raster;
    auto line = [&](const TimelineDrawList::Line& l) {
        QPen pen(l.color, l.width);
        if (l.dashed) pen.setStyle(Qt::DashLine);
        p.setPen(pen);
        p.drawLine(l.line);
    };
    for (const auto& l : list.grid) line(l);
    p.setPen(Qt::NoPen);
    for (const auto& b : list.boxes) {
        p.fillRect(b.rect, b.color);
        if (b.fill == TimelineDrawList::Fill::Solid || !raster) continue;
        // Pattern brushes: raster only (the SVG generator has none).
        p.fillRect(b.rect,
                   QBrush(b.fill == TimelineDrawList::Fill::Parked ? QColor(0xb0, 0xb0, 0xb0)
                                                                   : QColor(0x6d, 0x78, 0x84),
                          b.fill == TimelineDrawList::Fill::Parked ? Qt::BDiagPattern
                                                                   : Qt::Dense6Pattern));
    }
    p.setBrush(Qt::NoBrush);
    for (const auto& o : list.outlines) {
        p.setPen(QPen(o.color, o.width));
        p.drawRect(o.rect.adjusted(o.width / 2, o.width / 2, -o.width / 2, -o.width / 2));
    }
    paintTextRuns(p, list.texts, list.fonts);
    for (const auto& l : list.lines) line(l);
    p.setRenderHint(QPainter::Antialiasing, true);
    for (const auto& a : list.arrows) {
        p.setPen(QPen(a.color, a.width, Qt::SolidLine, Qt::RoundCap));
        p.setBrush(Qt::NoBrush);
        p.drawPath(a.path);
        p.setPen(Qt::NoPen);
        p.setBrush(a.color);
        p.drawPolygon(a.head);
    }
    p.setPen(Qt::NoPen);
    for (const auto& m : list.markers) {
        p.setBrush(m.color);
        p.drawPolygon(m.shape);
    }
    if (list.cursor) line(*list.cursor);
    p.restore();
}

void paintTimeline(QPainter& p, const QRectF& area, const TimelineModel& model,
                   const TimeAxis& axis, const TimelineOptions& options,
                   std::vector<TimelineHit>* hits) {
    TimelineDrawList list = layoutTimeline(model, axis, options, area, p.font());
    paintTimelineDrawList(p, list);
    if (hits) *hits = std::move(list.hits);
}

}  // namespace asyncscope::core
