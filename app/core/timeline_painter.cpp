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

// Walks the intervals [i, last) of one lane (time-sorted, non-overlapping;
// `endOf(item)` is where one ends): `single(i)` for an interval drawn alone,
// `folded(i, j, x0, x1)` for the intervals [i, j) folded into one block
// from x0 to x1. A block starts at an interval narrower than kFoldPx and
// swallows, by binary search, every interval ending within kFoldPx of its
// right edge, then any narrow one that starts within kFoldPx of it; each
// round moves the edge kFoldPx or more (every second round at least), so a
// lane costs O(width / kFoldPx · log n).
template <class T, class End, class Single, class Folded>
void foldRange(std::span<const T> items, std::size_t i, std::size_t last, const TimeAxis& axis,
               End&& endOf, Single&& single, Folded&& folded) {
    auto x = [&](std::uint64_t t) { return axis.timeToX(static_cast<double>(t)); };
    while (i < last) {
        const double x0 = x(items[i].start);
        double right = x(endOf(items[i]));
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
                    [&](const T& s) { return static_cast<double>(endOf(s)) < next; }) -
                items.begin());
            if (k > j) {
                j = k;
                right = x(endOf(items[j - 1]));
                continue;
            }
            if (j == last) break;
            const double nx0 = x(items[j].start), nx1 = x(endOf(items[j]));
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

// The visible intervals of a runtime lane (closed, or closed at the run's end).
template <class T, class Single, class Folded>
void foldWalk(const std::vector<T>& items, const TimeAxis& axis, Single&& single, Folded&& folded) {
    const std::span<const T> s(items);
    const auto [i, last] = visibleRange(s, axis.t0(), axis.t1());
    foldRange(
        s, i, last, axis, [](const T& v) { return v.end; }, single, folded);
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
const QColor kIdle(0x9a, 0x9a, 0x9a);
const QColor kFill(0x4d, 0x9a, 0xc4);         // messages buffered, permits in use
const QColor kWaiting(0xe0, 0x6c, 0x3c);      // tasks waiting: lock waiters, senders
const QColor kRecvWaiting(0x5b, 0x6f, 0xd6);  // receivers waiting
const QColor kLaneBg(0xff, 0xff, 0xff);

QString utf8(std::string_view s) {
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

// The words the detail lanes' layout and tooltips share, in the same
// translation context as the rest of the timeline.
class Words {
    Q_DECLARE_TR_FUNCTIONS(Timeline)

public:
    static QString task(const TimelineModel& m, const DetailLanes* d, std::uint32_t task) {
        std::string_view n = m.taskName(task);
        if (n.empty() && d)
            if (const auto i = d->indexOf(ItemRef(TaskId(task)))) n = d->taskLane(*i)->name();
        return n.empty() ? tr("task %1").arg(task) : utf8(n);
    }
    // A detail lane's label: what it is and which ("channel", "jobs (cap 8)").
    struct Title {
        QString kind, name;
        QString full() const { return tr("%1: %2").arg(kind, name); }
    };
    static Title title(const TimelineModel& m, const TaskLane& l) {
        const std::uint32_t id = l.task().value();
        const std::string_view n = l.name().empty() ? m.taskName(id) : l.name();
        return {tr("task"), n.empty() ? QString::number(id) : utf8(n)};
    }
    static QString resource(std::uint32_t id, const DetailLanes* d,
                            const scenario::RunTables* tables) {
        if (d)
            if (const auto i = d->indexOf(ItemRef(ResourceId(id))))
                if (const std::string& n = d->resourceLane(*i)->meta().name; !n.empty())
                    return utf8(n);
        if (tables)
            if (const scenario::RunResource* r = tables->resource(id); r && !r->name.empty())
                return utf8(r->name);
        return QStringLiteral("#%1").arg(id);
    }
    static QString name(const ResourceLane& l) {
        return l.meta().name.empty() ? QStringLiteral("#%1").arg(l.id().value())
                                     : utf8(l.meta().name);
    }
    // "channel: jobs (cap 8)"
    static Title title(const ResourceLane& l) {
        const QString n = name(l);
        const std::uint64_t cap = l.meta().capacity;
        switch (l.kind()) {
        case scenario::ResourceKind::Mutex: return {tr("mutex"), n};
        case scenario::ResourceKind::BlockingMutex: return {tr("blocking mutex"), n};
        case scenario::ResourceKind::Semaphore:
            return {tr("semaphore"), cap ? tr("%1 (%2 permits)").arg(n).arg(cap) : n};
        case scenario::ResourceKind::Channel:
            return {tr("channel"), cap ? tr("%1 (cap %2)").arg(n).arg(cap) : n};
        case scenario::ResourceKind::UnboundedChannel:
            return {tr("channel"), tr("%1 (unbounded)").arg(n)};
        case scenario::ResourceKind::Oneshot: return {tr("oneshot"), n};
        case scenario::ResourceKind::Notify: return {tr("notify"), n};
        case scenario::ResourceKind::CancelToken: return {tr("cancel token"), n};
        }
        return {QString(), n};
    }
    // "the mutex cache"
    static QString the(const ResourceLane& l) {
        const QString n = name(l);
        switch (l.kind()) {
        case scenario::ResourceKind::Mutex: return tr("the mutex %1").arg(n);
        case scenario::ResourceKind::BlockingMutex: return tr("the blocking mutex %1").arg(n);
        case scenario::ResourceKind::Semaphore: return tr("the semaphore %1").arg(n);
        case scenario::ResourceKind::Channel:
        case scenario::ResourceKind::UnboundedChannel: return tr("the channel %1").arg(n);
        case scenario::ResourceKind::Oneshot: return tr("the oneshot %1").arg(n);
        case scenario::ResourceKind::Notify: return tr("the Notify %1").arg(n);
        case scenario::ResourceKind::CancelToken: return tr("the CancellationToken %1").arg(n);
        }
        return n;
    }
    static QString tasks(std::uint32_t n) { return n == 1 ? tr("1 task") : tr("%1 tasks").arg(n); }
    // What a level of the lane's level() means: "5 buffered", "2 permits in use", "3 waiting".
    static QString quantity(const ResourceLane& l, std::uint32_t v) {
        switch (l.kind()) {
        case scenario::ResourceKind::Oneshot: return v ? tr("sent") : tr("not sent");
        case scenario::ResourceKind::Channel:
        case scenario::ResourceKind::UnboundedChannel: return tr("%1 buffered").arg(v);
        case scenario::ResourceKind::Semaphore:
            return v == 1 ? tr("1 permit in use") : tr("%1 permits in use").arg(v);
        default: return tr("%1 waiting").arg(v);
        }
    }
    // On the lane: "lock cache", "join reader#2"; for a timer or an unknown
    // wait, its await point where the tables name it ("S1 sleep 5ms").
    static QString waitShort(const TaskSegment& s, const TimelineModel& m, const DetailLanes* d,
                             const scenario::RunTables* t, const std::string& step) {
        if ((s.wait == WaitOn::Timer || s.wait == WaitOn::Unknown) && !step.empty())
            return QString::fromStdString(step);
        switch (s.wait) {
        case WaitOn::Unknown: return tr("idle");
        case WaitOn::Lock: return tr("lock %1").arg(resource(s.target, d, t));
        case WaitOn::ChannelFull: return tr("send %1 (full)").arg(resource(s.target, d, t));
        case WaitOn::ChannelEmpty: return tr("recv %1 (empty)").arg(resource(s.target, d, t));
        case WaitOn::Semaphore: return tr("acquire %1").arg(resource(s.target, d, t));
        case WaitOn::Join: return tr("join %1").arg(task(m, d, s.target));
        case WaitOn::JoinAny: return tr("join any");
        case WaitOn::Notify: return tr("notified %1").arg(resource(s.target, d, t));
        case WaitOn::Timer: return tr("sleep");
        case WaitOn::Blocking: return tr("blocking job %1").arg(s.target);
        }
        return {};
    }
    // In a sentence: "it waits for <this>".
    static QString waitLong(const TaskSegment& s, const TimelineModel& m, const DetailLanes* d,
                            const scenario::RunTables* t) {
        QString w;
        switch (s.wait) {
        case WaitOn::Unknown: w = tr("a wake"); break;
        case WaitOn::Lock:
            w = tr("the mutex %1, which another task holds").arg(resource(s.target, d, t));
            break;
        case WaitOn::ChannelFull:
            w = tr("room in the channel %1, which is full").arg(resource(s.target, d, t));
            break;
        case WaitOn::ChannelEmpty:
            w = tr("a message on the channel %1, which is empty").arg(resource(s.target, d, t));
            break;
        case WaitOn::Semaphore:
            w = tr("a permit of the semaphore %1").arg(resource(s.target, d, t));
            break;
        case WaitOn::Join:
            w = tr("task %1 \"%2\" to finish (it awaits its JoinHandle)")
                    .arg(QString::number(s.target), task(m, d, s.target));
            break;
        case WaitOn::JoinAny: w = tr("any task of its group to finish"); break;
        case WaitOn::Notify: w = tr("the Notify %1").arg(resource(s.target, d, t)); break;
        case WaitOn::Timer: w = tr("a timer (a sleep or a timeout)"); break;
        case WaitOn::Blocking:
            w = tr("its spawn_blocking job %1, which runs on the blocking pool").arg(s.target);
            break;
        }
        if (s.flags & kSegTimeout) w = tr("%1, or for its timeout").arg(w);
        return w;
    }
    static QString wakeSource(WakeSource w) {
        switch (w) {
        case WakeSource::Timer: return tr("its timer");
        case WakeSource::Channel: return tr("a channel");
        case WakeSource::Mutex: return tr("the mutex it was handed");
        case WakeSource::Semaphore: return tr("a semaphore permit");
        case WakeSource::Notify: return tr("a Notify");
        case WakeSource::Join: return tr("the end of a task it joined");
        case WakeSource::Yield: return tr("itself (it yielded)");
        case WakeSource::Blocking: return tr("its spawn_blocking job finishing");
        case WakeSource::External: return tr("a thread outside the runtime");
        case WakeSource::Cancel: return tr("a cancellation");
        case WakeSource::Count: break;
        }
        return {};
    }
    // Where a poll ran: "worker 2", "block_on's thread".
    static QString thread(std::uint16_t code) {
        if (code == trace::kNoThread) return tr("block_on's thread");
        if (code & trace::kBlockingFlag)
            return tr("blocking thread %1").arg(code & ~trace::kBlockingFlag);
        return tr("worker %1").arg(code);
    }
};

// The height the detail lanes take below the others: a separation, then
// each lane and its gap.
double detailLanesHeight(const DetailLanes& d, double s) {
    double h = 8 * s;
    for (std::size_t i = 0; i < d.size(); ++i)
        h += ((d.taskLane(i) ? kTaskLaneHeight : kResourceLaneHeight) + 3) * s;
    return h;
}

// Where the detail lanes' open segments end: the run's "now", never before
// what the lanes read (their ends stay sorted).
std::uint64_t detailsNowOf(const TimelineModel& m, const TimelineOptions& o) {
    const std::uint64_t n = o.detailsNow ? o.detailsNow : m.endTime();
    return std::max(n, o.details ? o.details->lastTime() : 0);
}

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
        m_out.fonts = drawListFonts(base, m_s, 9.5);
        m_fm = QFontMetricsF(m_out.fonts[0]);
        m_fmSmall = QFontMetricsF(m_out.fonts[1]);
        m_fmBold = QFontMetricsF(m_out.fonts[2]);
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
        const std::size_t nd = m_o.details ? m_o.details->size() : 0;
        if (n + nd == 0) return;
        const double gap = 3 * m_s;
        const double sep = blocking.empty() ? 0 : 8 * m_s;
        // The detail lanes take the room under the runtime's lanes, but not
        // what those need at their smallest.
        const double fullBottom = bottom;
        if (nd) {
            const double least = static_cast<double>(n) * (14 * m_s + gap) + sep;
            bottom -= std::clamp(bottom - top - least, 0.0, detailLanesHeight(*m_o.details, m_s));
        }
        const double avail = bottom - top - sep;
        const double laneH =
            n ? std::clamp(avail / static_cast<double>(n) - gap, 14 * m_s, 30 * m_s) : 0;
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
            const QRectF r =
                lane(WorkerId(idx),
                     m_m.isBlockOnLane(w) ? tr("main thread") : tr("worker %1").arg(w), false);
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
        std::size_t hidden = n - shown;
        if (nd) hidden += detailLanes(y + 8 * m_s, fullBottom, labelL, labelR, gap, y);
        if (hidden)
            text(QRectF(labelL, y, area.right() - labelL, m_fmSmall.height()),
                 tr("Lanes not shown: %1 (make the picture taller)").arg(hidden), kMuted,
                 Qt::AlignLeft | Qt::AlignTop, Font::Small);
    }

    // The detail lanes from `top` down to `bottom`; `y` ends under the last
    // one shown. Returns how many did not fit.
    std::size_t detailLanes(double top, double bottom, double labelL, double labelR, double gap,
                            double& y) {
        const DetailLanes& d = *m_o.details;
        const std::uint64_t t = detailsNowOf(m_m, m_o);
        double at = top;
        for (std::size_t i = 0; i < d.size(); ++i) {
            const TaskLane* task = d.taskLane(i);
            const double h = (task ? kTaskLaneHeight : kResourceLaneHeight) * m_s;
            if (at + h > bottom + 0.5) return d.size() - i;
            const QRectF r(m_axis.left(), at, m_axis.width(), h);
            const QRectF lr(labelL, at, labelR - labelL, h);
            const ItemRef ref = d.ref(i);
            m_out.lanes.push_back({r, lr, ref});
            m_out.boxes.push_back({r, kLaneBg, Fill::Solid});
            detailLabel(lr, task ? Words::title(m_m, *task) : Words::title(*d.resourceLane(i)));
            TimelineHit& lh = hit(lr, TimelineHit::Kind::Lane, ref, 0, 0);
            lh.lane = static_cast<std::uint16_t>(i);
            lh.detail = true;
            if (task)
                taskLane(r, *task, static_cast<std::uint16_t>(i), t);
            else
                resourceLane(r, *d.resourceLane(i), static_cast<std::uint16_t>(i), t);
            at += h + gap;
            y = at;
        }
        return 0;
    }

    // "kind: name" on one line where it fits; else, where the lane is tall
    // enough, the kind (small) over the name; else the name alone.
    void detailLabel(const QRectF& lr, const Words::Title& t) {
        if (lr.width() <= 10 * m_s) return;
        const int flags = Qt::AlignRight | Qt::AlignVCenter;
        const QString full = t.full();
        if (m_fm.horizontalAdvance(full) <= lr.width()) {
            text(lr, full, kText, flags, Font::Normal);
        } else if (lr.height() >= m_fmSmall.height() + m_fm.height()) {
            const double top = lr.center().y() - (m_fmSmall.height() + m_fm.height()) / 2;
            text(QRectF(lr.left(), top, lr.width(), m_fmSmall.height()),
                 m_fmSmall.elidedText(t.kind, Qt::ElideRight, lr.width()), kMuted, flags,
                 Font::Small);
            text(QRectF(lr.left(), top + m_fmSmall.height(), lr.width(), m_fm.height()),
                 m_fm.elidedText(t.name, Qt::ElideRight, lr.width()), kText, flags, Font::Normal);
        } else {
            text(lr, m_fm.elidedText(t.name, Qt::ElideRight, lr.width()), kText, flags,
                 Font::Normal);
        }
    }

    TimelineHit detailProto(ItemRef ref, std::uint16_t lane) const {
        TimelineHit h;
        h.ref = ref;
        h.lane = lane;
        h.detail = true;
        return h;
    }

    TimelineHit& detailHit(const QRectF& r, TimelineHit::Kind k, const TimelineHit& proto,
                           std::uint64_t t0, std::uint64_t t1, std::size_t index,
                           std::size_t count = 1) {
        TimelineHit& h = hit(r, k, proto.ref, t0, t1);
        h.lane = proto.lane;
        h.detail = true;
        h.index = static_cast<std::uint32_t>(index);
        h.count = static_cast<std::uint32_t>(count);
        return h;
    }

    // Items [first, last) of a detail series folded like polls; an open
    // item lasts until `now`.
    template <class T, class Single>
    void detailWalk(const std::vector<T>& items, std::size_t first, std::size_t last,
                    std::uint64_t now, const QRectF& area, const TimelineHit& proto,
                    Single&& single) {
        foldRange(
            std::span<const T>(items), first, last, m_axis,
            [now](const T& v) { return v.endAt(now); }, single,
            [&](std::size_t i, std::size_t j, double x0, double x1) {
                const QRectF r = columnRect(area, x0, x1);
                m_out.boxes.push_back({r, kFolded, Fill::Folded});
                if (r.width() >= 40 * m_s) label(r, tr("%1 changes").arg(j - i));
                detailHit(r, TimelineHit::Kind::Folded, proto, items[i].start,
                          items[j - 1].endAt(now), i, j - i);
            });
    }

    // [x0, x1] of `area` clipped to the axis, at least a pixel wide.
    QRectF columnRect(const QRectF& area, double x0, double x1) const {
        x0 = std::max(x0, m_axis.left());
        x1 = std::min(x1, m_axis.right());
        if (x1 - x0 < 1) x1 = std::min(x0 + 1, m_axis.right());
        return QRectF(QPointF(x0, area.top()), QPointF(x1, area.bottom()));
    }

    // A task's states: Running in its colour, Scheduled lighter and hatched,
    // Idle a thin line saying what it waits for, Done nothing.
    void taskLane(const QRectF& lane, const TaskLane& tl, std::uint16_t li, std::uint64_t now) {
        const auto& segs = tl.segments();
        auto [first, last] = tl.visible(m_axis.t0(), m_axis.t1(), now);
        if (last > first && segs[last - 1].state == TaskState::Done) --last;  // always the last
        const std::uint32_t task = tl.task().value();
        const QColor c = LiveModel::taskColor(task);
        const QRectF inner = lane.adjusted(0, 2 * m_s, 0, -2 * m_s);
        const TimelineHit proto = detailProto(TaskId(task), li);
        detailWalk(segs, first, last, now, inner, proto, [&](std::size_t i) {
            const TaskSegment& s = segs[i];
            const std::uint64_t end = s.endAt(now);
            const QRectF r = columnRect(inner, x(s.start), x(end));
            switch (s.state) {
            case TaskState::Running:
                m_out.boxes.push_back({r, c, Fill::Solid});
                if (TaskId(task) == m_o.selected)
                    m_out.outlines.push_back({r, QColor(0, 0, 0), 2 * m_s});
                if (r.width() >= 36 * m_s) label(r, runningLabel(tl, s));
                break;
            case TaskState::Scheduled:
                m_out.boxes.push_back({r, c.lighter(165), Fill::Scheduled});
                if (r.width() >= 60 * m_s) label(r, tr("scheduled"));
                break;
            case TaskState::Idle: {
                const double th = 1.5 * m_s;
                m_out.boxes.push_back(
                    {QRectF(r.left(), r.center().y() - th / 2, r.width(), th), kIdle, Fill::Solid});
                const QString why =
                    Words::waitShort(s, m_m, m_o.details, m_o.tables, stepOf(tl, s.awaitPoint));
                const double w = m_fmSmall.horizontalAdvance(why) + 6 * m_s;
                if (r.width() >= w + 8 * m_s) {
                    // The line stops under its text: a patch of the lane's colour.
                    const QRectF tag(r.left() + 4 * m_s, r.top(), w, r.height());
                    const double pad = std::max(0.0, (r.height() - m_fmSmall.height()) / 2);
                    m_out.boxes.push_back({tag.adjusted(0, pad, 0, -pad), kLaneBg, Fill::Solid});
                    text(tag, why, kMuted, Qt::AlignHCenter | Qt::AlignVCenter, Font::Small);
                }
                break;
            }
            case TaskState::Done: return;
            }
            detailHit(r, TimelineHit::Kind::TaskSegment, proto, s.start, end, i);
        });
    }

    // "S3 sleep 5ms": the await point as the tables name it ("" without them).
    std::string stepOf(const TaskLane& tl, std::uint32_t point) const {
        return m_o.tables ? m_o.tables->stepLabel(tl.templateIndex(), point) : std::string();
    }

    // "S1 sleep 5ms", "done", "running": what a task lane's poll says.
    QString runningLabel(const TaskLane& tl, const TaskSegment& s) const {
        if (s.open()) return tr("running");
        switch (s.result) {
        case PollResult::Pending:
            if (const std::string step = stepOf(tl, s.awaitPoint); !step.empty())
                return QString::fromStdString(step);
            return tr("poll");
        case PollResult::Ready: return tr("done");
        case PollResult::Cancelled: return tr("cancelled");
        case PollResult::Error: return tr("failed");
        }
        return {};
    }

    // A lock: its holders over its waiters; a channel or semaphore: its fill
    // or permits in use from 0 to its capacity, under bands of the waiting;
    // a Notify: its waiters.
    void resourceLane(const QRectF& lane, const ResourceLane& rl, std::uint16_t li,
                      std::uint64_t now) {
        const QRectF inner = lane.adjusted(0, 2 * m_s, 0, -2 * m_s);
        const TimelineHit proto = detailProto(rl.id(), li);
        if (rl.isLock()) {
            const double split = inner.top() + std::round(inner.height() * 0.62);
            holderSpans(QRectF(inner.left(), inner.top(), inner.width(), split - inner.top()), rl,
                        proto, now);
            levelSteps(QRectF(inner.left(), split + 1 * m_s, inner.width(),
                              inner.bottom() - split - 1 * m_s),
                       rl, rl.waiters(), std::max<std::uint32_t>(1, rl.waiters().maxValue()),
                       kWaiting, proto, now, true);
            return;
        }
        if (rl.kind() == scenario::ResourceKind::Notify ||
            rl.kind() == scenario::ResourceKind::CancelToken) {
            levelSteps(inner, rl, rl.waiters(), rl.scale(), kWaiting, proto, now, false);
            return;
        }
        levelSteps(inner, rl, rl.level(), rl.scale(), kFill, proto, now, false);
        // Thin bands on top: the senders (or permit waiters) and receivers waiting.
        const double band = 3 * m_s;
        waitBand(QRectF(inner.left(), inner.top(), inner.width(), band), rl.waiters(), kWaiting,
                 now);
        if (rl.isChannel())
            waitBand(QRectF(inner.left(), inner.top() + band, inner.width(), band), rl.receivers(),
                     kRecvWaiting, now);
    }

    void holderSpans(const QRectF& area, const ResourceLane& rl, const TimelineHit& proto,
                     std::uint64_t now) {
        const auto& spans = rl.holders();
        const auto [first, last] = rl.visibleHolders(m_axis.t0(), m_axis.t1(), now);
        detailWalk(spans, first, last, now, area, proto, [&](std::size_t i) {
            const HolderSpan& s = spans[i];
            const std::uint64_t end = s.endAt(now);
            const QRectF r = columnRect(area, x(s.start), x(end));
            m_out.boxes.push_back({r, LiveModel::taskColor(s.task), Fill::Solid});
            if (TaskId(s.task) == m_o.selected && s.task)
                m_out.outlines.push_back({r, QColor(0, 0, 0), 2 * m_s});
            if (r.width() >= 36 * m_s)
                label(r, s.holders > 1 ? tr("%1 holders").arg(s.holders)
                                       : Words::task(m_m, m_o.details, s.task));
            detailHit(r, TimelineHit::Kind::ResourceSpan, proto, s.start, end, i);
        });
    }

    // A step graph of `series` in `area`, `scale` at the top; its steps
    // (those above 0 when `skipZero`) are hit items.
    void levelSteps(const QRectF& area, const ResourceLane& rl, const LevelSeries& series,
                    std::uint32_t scale, const QColor& c, const TimelineHit& proto,
                    std::uint64_t now, bool skipZero) {
        const auto& levels = series.levels();
        const auto [first, last] = series.visible(m_axis.t0(), m_axis.t1(), now);
        auto height = [&](std::uint32_t v) {
            const double f = std::min(1.0, static_cast<double>(v) / static_cast<double>(scale));
            return std::max(f * area.height(), 1.5 * m_s);
        };
        foldRange(
            std::span<const Level>(levels), first, last, m_axis,
            [now](const Level& l) { return l.endAt(now); },
            [&](std::size_t i) {
                const Level& l = levels[i];
                const std::uint64_t end = l.endAt(now);
                const QRectF col = columnRect(area, x(l.start), x(end));
                if (l.value) {
                    const double h = height(l.value);
                    m_out.boxes.push_back(
                        {QRectF(col.left(), col.bottom() - h, col.width(), h), c, Fill::Solid});
                }
                if (skipZero && !l.value) return;
                const QString q =
                    skipZero ? QString::number(l.value) : Words::quantity(rl, l.value);
                if (col.width() >= m_fmSmall.horizontalAdvance(q) + 10 * m_s &&
                    col.height() >= m_fmSmall.height() * 0.8)
                    text(col.adjusted(3 * m_s, 0, -2 * m_s, 0), q, QColor(0x10, 0x10, 0x10),
                         Qt::AlignLeft | Qt::AlignVCenter, Font::Small);
                detailHit(col, TimelineHit::Kind::ResourceLevel, proto, l.start, end, i);
            },
            [&](std::size_t i, std::size_t j, double x0, double x1) {
                // Steps too narrow to see: their largest value, lighter.
                const QRectF col = columnRect(area, x0, x1);
                const std::uint32_t m = series.maxIn(i, j);
                if (m) {
                    const double h = height(m);
                    m_out.boxes.push_back({QRectF(col.left(), col.bottom() - h, col.width(), h),
                                           c.lighter(130), Fill::Solid});
                }
                if (skipZero && !m) return;
                detailHit(col, TimelineHit::Kind::ResourceLevel, proto, levels[i].start,
                          levels[j - 1].endAt(now), i, j - i);
            });
    }

    // Where `series` is above 0, a band in `area` (no hit items: the
    // level's tooltips say who waited).
    void waitBand(const QRectF& area, const LevelSeries& series, const QColor& c,
                  std::uint64_t now) {
        const auto& levels = series.levels();
        const auto [first, last] = series.visible(m_axis.t0(), m_axis.t1(), now);
        foldRange(
            std::span<const Level>(levels), first, last, m_axis,
            [now](const Level& l) { return l.endAt(now); },
            [&](std::size_t i) {
                if (levels[i].value)
                    m_out.boxes.push_back(
                        {columnRect(area, x(levels[i].start), x(levels[i].endAt(now))), c,
                         Fill::Solid});
            },
            [&](std::size_t i, std::size_t j, double x0, double x1) {
                if (series.maxIn(i, j))
                    m_out.boxes.push_back({columnRect(area, x0, x1), c, Fill::Solid});
            });
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

    void arrow(QPointF from, QPointF to, const QColor& c, double width, QList<qreal> dashes = {}) {
        TimelineDrawList::Arrow& a = m_out.arrows.emplace_back();
        a.color = c;
        a.width = width;
        a.dashes = std::move(dashes);
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
            QColor c = wakeColor(w.source, m_o.look);
            c.setAlphaF(0.8f);
            arrow(start, end, c, 1.2 * m_s, wakeDashes(w.source, m_o.look));
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
        if (m_o.details) {
            bool tasks = false, resources = false;
            for (std::size_t i = 0; i < m_o.details->size(); ++i)
                (m_o.details->taskLane(i) ? tasks : resources) = true;
            if (tasks) {
                swatch(LiveModel::taskColor(1).lighter(165), Fill::Scheduled);
                entry(tr("scheduled (in a run queue)"));
                stroke(kIdle, false);
                entry(tr("idle (waiting for a wake)"));
            }
            if (resources) {
                swatch(kFill, Fill::Solid);
                entry(tr("buffered / permits in use"));
                swatch(kWaiting, Fill::Solid);
                entry(tr("tasks waiting"));
            }
        }
        if (m_o.arrows) {
            stroke(wakeColor(WakeSource::Timer, m_o.look), false);
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
    if (o.details && !o.details->empty()) h += detailLanesHeight(*o.details, s);
    if (o.legend) h += smallH + 10 * s;
    return std::ceil(h);
}

TimelineDrawList layoutTimeline(const TimelineModel& model, const TimeAxis& axis,
                                const TimelineOptions& options, QRectF area, const QFont& font) {
    TimelineDrawList list;
    list.model = &model;
    list.tables = options.tables;
    list.chinese = options.chinese;
    list.details = options.details;
    list.detailsNow = detailsNowOf(model, options);
    Layout(model, axis, options, font, list).run(area);
    if (options.look.highContrast) {
        list.background = QColor(0xff, 0xff, 0xff);
        for (auto& t : list.texts) t.color = contrastText(t.color);
        for (auto& o : list.outlines) o.width *= 1.5;
        for (auto& l : list.lines) {
            l.color = contrastBorder(l.color);
            l.width = std::max(l.width * 1.5, 1.5 * options.scale);
        }
        for (auto& a : list.arrows) {
            a.width *= 1.6;
            a.color.setAlphaF(1.0f);
        }
    }
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

private:
    static QString detail(const TimelineDrawList& list, const TimelineHit& h);
    // Instants to the microsecond below a second ("7.001 ms").
    static QString when(std::uint64_t t) {
        const double unit = t >= 1'000'000'000 ? 1e9 : t >= 1'000'000 ? 1e6 : t >= 1000 ? 1e3 : 1;
        return QString::fromStdString(TimeAxis::formatTime(static_cast<double>(t), unit, 3));
    }
};

}  // namespace

QString TimelineDrawList::tooltip(const TimelineHit& h) const {
    return Tooltip::of(*this, h);
}

// The sentences of a detail lane's items.
QString Tooltip::detail(const TimelineDrawList& list, const TimelineHit& h) {
    const DetailLanes* d = list.details;
    const TimelineModel& m = *list.model;
    if (!d || d->ref(h.lane) != h.ref) return {};
    const QString from = when(h.t0);
    const QString to = when(h.t1);
    const QString len = duration(static_cast<double>(h.t1 - h.t0));
    const QString sp = QStringLiteral(" ");
    const QString zoom = sp + tr("Double-click to zoom in.");

    if (const TaskLane* tl = d->taskLane(h.lane)) {
        const std::uint32_t id = tl->task().value();
        const QString who = tr("task %1 \"%2\"").arg(QString::number(id), Words::task(m, d, id));
        switch (h.kind) {
        case TimelineHit::Kind::Lane:
            return tr("Task %1 \"%2\": hatched while scheduled (in a run queue, waiting for a "
                      "worker), in its colour while a worker polls it, a thin line while idle "
                      "(waiting for a wake), nothing once done.")
                .arg(QString::number(id), Words::task(m, d, id));
        case TimelineHit::Kind::Folded:
            return tr("%1 state changes of %2 too small to show at this zoom, from %3 to %4.")
                       .arg(QString::number(h.count), who, from, to) +
                   zoom;
        case TimelineHit::Kind::TaskSegment: break;
        default: return {};
        }
        const auto& segs = tl->segments();
        if (h.index >= segs.size()) return {};
        const TaskSegment& s = segs[h.index];
        const QString still =
            s.open() ? sp + tr("It was still in this state at the end of what was recorded.")
                     : QString();
        switch (s.state) {
        case TaskState::Running: {
            QString t = tr("Running: %1 polled %2 from %3 to %4 (%5).")
                            .arg(m.isBlockOnLane(s.worker) ? tr("block_on on the main thread")
                                                           : Words::thread(s.worker),
                                 who, from, to, len);
            if (s.open()) return t + still;
            switch (s.result) {
            case PollResult::Pending: {
                const std::string step =
                    list.tables ? list.tables->stepLabel(tl->templateIndex(), s.awaitPoint)
                                : std::string();
                t += sp + (step.empty() ? tr("It returned Pending: it waits for something and "
                                             "gives the worker back.")
                                        : tr("It returned Pending at await point %1: it waits "
                                             "for something and gives the worker back.")
                                              .arg(QString::fromStdString(step)));
                break;
            }
            case PollResult::Ready: t += sp + tr("It completed."); break;
            case PollResult::Cancelled: t += sp + tr("It was cancelled."); break;
            case PollResult::Error: t += sp + tr("It failed."); break;
            }
            return t;
        }
        case TaskState::Scheduled: {
            if (s.flags & kSegSpawned)
                return tr("Scheduled: spawned at %1, %2 waited in a run queue for a worker until "
                          "%3 (%4). A task does nothing until a worker polls it.")
                           .arg(from, who, to, len) +
                       still;
            QString by = Words::wakeSource(s.wake);
            if (s.target && s.target != id)
                by = tr("%1 (from task %2 \"%3\")")
                         .arg(by, QString::number(s.target), Words::task(m, d, s.target));
            return tr("Scheduled: woken by %1 at %2, %3 waited in a run queue for a worker until "
                      "%4 (%5). A woken task does not run at once: it needs a free worker.")
                       .arg(by, from, who, to, len) +
                   still;
        }
        case TaskState::Idle: {
            const std::string step = list.tables
                                         ? list.tables->stepLabel(tl->templateIndex(), s.awaitPoint)
                                         : std::string();
            const QString why = Words::waitLong(s, m, d, list.tables);
            return (step.empty()
                        ? tr("Idle from %1 to %2 (%3): its poll returned Pending and it waits "
                             "for %4. It costs no worker time until something wakes it.")
                              .arg(from, to, len, why)
                        : tr("Idle from %1 to %2 (%3): its poll returned Pending at await point "
                             "%4 and it waits for %5. It costs no worker time until something "
                             "wakes it.")
                              .arg(from, to, len, QString::fromStdString(step), why)) +
                   still;
        }
        case TaskState::Done: break;
        }
        return {};
    }

    const ResourceLane* rl = d->resourceLane(h.lane);
    if (!rl) return {};
    const QString name = Words::name(*rl);
    const QString the = Words::the(*rl);
    const std::uint64_t now = list.detailsNow;
    switch (h.kind) {
    case TimelineHit::Kind::Lane:
        switch (rl->kind()) {
        case scenario::ResourceKind::Mutex:
            return tr("Mutex %1: who holds it, in the holder's colour, and below, how many tasks "
                      "wait for it. An async mutex queues its waiters and hands it to them in "
                      "turn.")
                .arg(name);
        case scenario::ResourceKind::BlockingMutex:
            return tr("Blocking mutex %1: who holds it, and below, how many tasks wait for it. "
                      "Waiting for a blocking mutex blocks the worker thread itself.")
                .arg(name);
        case scenario::ResourceKind::Channel:
        case scenario::ResourceKind::UnboundedChannel:
            return tr("Channel %1: the messages buffered (the filled area; full height: its "
                      "capacity), the senders waiting for room (red) and the receivers waiting "
                      "for a message (blue).")
                .arg(name);
        case scenario::ResourceKind::Oneshot:
            return tr("Oneshot %1: filled once its value is sent; blue while the receiver waits.")
                .arg(name);
        case scenario::ResourceKind::Semaphore:
            return tr("Semaphore %1: the permits in use (the filled area; full height: all its "
                      "permits) and the tasks waiting for one (red).")
                .arg(name);
        case scenario::ResourceKind::Notify:
            return tr("Notify %1: how many tasks wait to be notified.").arg(name);
        case scenario::ResourceKind::CancelToken:
            return tr("CancellationToken %1: how many tasks await cancelled(); they are all woken "
                      "at once when it (or a parent token) is cancelled.")
                .arg(name);
        }
        return {};
    case TimelineHit::Kind::Folded:
        return tr("%1 holds of %2 too small to show at this zoom, from %3 to %4.")
                   .arg(QString::number(h.count), the, from, to) +
               zoom;
    case TimelineHit::Kind::ResourceSpan: {
        const auto& spans = rl->holders();
        if (h.index >= spans.size()) return {};
        const HolderSpan& s = spans[h.index];
        QString t =
            tr("Task %1 \"%2\" held %3 from %4 to %5 (%6).")
                .arg(QString::number(s.task), Words::task(m, d, s.task), the, from, to, len);
        if (s.holders > 1) t += sp + tr("%1 tasks held it together.").arg(s.holders);
        const std::uint32_t n = rl->waiters().maxOver(s.start, s.endAt(now));
        t += sp + (n ? tr("Meanwhile up to %1 waited for it: it is handed to them one at a time, "
                          "in the order they came.")
                           .arg(Words::tasks(n))
                     : tr("No task waited for it meanwhile."));
        if (s.open()) t += sp + tr("It was still held at the end of what was recorded.");
        return t;
    }
    case TimelineHit::Kind::ResourceLevel: break;
    default: return {};
    }

    const bool waitersLane = rl->isLock() || rl->kind() == scenario::ResourceKind::Notify ||
                             rl->kind() == scenario::ResourceKind::CancelToken;
    const LevelSeries& series = waitersLane ? rl->waiters() : rl->level();
    const auto& levels = series.levels();
    if (h.index >= levels.size()) return {};
    if (h.count > 1)
        return tr("%1, from %2 to %3: %4 changes too small to show at this zoom; at most %5.")
                   .arg(Words::title(*rl).full(), from, to, QString::number(h.count),
                        Words::quantity(*rl, series.maxIn(h.index, h.index + h.count))) +
               zoom;
    const std::uint32_t v = levels[h.index].value;
    if (rl->isLock())
        return tr("From %1 to %2 (%3), %4 waited for %5.")
                   .arg(from, to, len, Words::tasks(v), the) +
               sp +
               tr("A task that finds it held waits without costing worker time, until it is "
                  "handed the lock.");
    if (waitersLane)
        return tr("From %1 to %2 (%3), %4 waited on %5 to be notified.")
            .arg(from, to, len, Words::tasks(v), the);
    QString t;
    switch (rl->kind()) {
    case scenario::ResourceKind::Oneshot:
        t = v ? tr("From %1 on, %2 held its value: it was sent, and the receiver takes it when it "
                   "is next polled.")
                    .arg(from, the)
              : tr("From %1 to %2, nothing was sent on %3 yet.").arg(from, to, the);
        break;
    case scenario::ResourceKind::Semaphore:
        t = tr("From %1 to %2 (%3), %4 had %5 of its %6 permits in use.")
                .arg(from, to, len, the, QString::number(v), QString::number(rl->scale()));
        break;
    default:
        t = rl->meta().capacity && rl->kind() == scenario::ResourceKind::Channel
                ? tr("From %1 to %2 (%3), %4 held %5 of its %6 slots.")
                      .arg(from, to, len, the, QString::number(v),
                           QString::number(rl->meta().capacity))
                : tr("From %1 to %2 (%3), %4 held %5 messages.")
                      .arg(from, to, len, the, QString::number(v));
        break;
    }
    const std::uint32_t waiting = rl->waiters().maxOver(h.t0, h.t1);
    const std::uint32_t receiving = rl->receivers().maxOver(h.t0, h.t1);
    if (rl->kind() == scenario::ResourceKind::Semaphore) {
        if (waiting) t += sp + tr("Up to %1 waited for a permit.").arg(Words::tasks(waiting));
    } else {
        if (waiting)
            t += sp + tr("Up to %1 waited to send: the channel was full, so a sender waits for "
                         "room (backpressure).")
                          .arg(Words::tasks(waiting));
        if (receiving)
            t += sp + tr("Up to %1 waited to receive: the channel was empty.")
                          .arg(Words::tasks(receiving));
    }
    return t;
}

QString Tooltip::of(const TimelineDrawList& list, const TimelineHit& h) {
    const TimelineModel* model = list.model;
    const scenario::RunTables* tables = list.tables;
    if (!model) return {};
    if (h.detail) return detail(list, h);
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
            model->isBlockOnLane(h.lane)
                ? tr("Task %1 \"%2\" polled by block_on on the main thread from %3 to %4 (%5).")
                      .arg(QString::number(s.task), name(s.task), from, to, len)
                : tr("Task %1 \"%2\" polled on worker %3 from %4 to %5 (%6).")
                      .arg(QString::number(s.task), name(s.task), QString::number(h.lane), from, to,
                           len);
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
        if (model->isBlockOnLane(h.lane))
            return tr("The main thread slept in block_on from %1 to %2 (%3): main was waiting "
                      "(Pending), and its waker wakes this thread.")
                .arg(from, to, len);
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
    case TimelineHit::Kind::TaskSegment:
    case TimelineHit::Kind::ResourceSpan:
    case TimelineHit::Kind::ResourceLevel: return {};  // detail lanes only (above)
    case TimelineHit::Kind::Lane:
        return h.blocking
                   ? tr("Blocking-pool thread %1: the spawn_blocking jobs it ran.").arg(h.lane)
               : model->isBlockOnLane(h.lane)
                   ? tr("The main thread: block_on polls the #[tokio::main] body here, not "
                        "on a worker; it sleeps while main awaits.")
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
        switch (b.fill) {
        case TimelineDrawList::Fill::Solid: break;
        case TimelineDrawList::Fill::Parked:
            p.fillRect(b.rect, QBrush(QColor(0xb0, 0xb0, 0xb0), Qt::BDiagPattern));
            break;
        case TimelineDrawList::Fill::Folded:
            p.fillRect(b.rect, QBrush(QColor(0x6d, 0x78, 0x84), Qt::Dense6Pattern));
            break;
        case TimelineDrawList::Fill::Scheduled:
            p.fillRect(b.rect, QBrush(b.color.darker(135), Qt::BDiagPattern));
            break;
        }
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
        QPen pen(a.color, a.width, Qt::SolidLine, Qt::RoundCap);
        if (!a.dashes.isEmpty()) {
            pen.setCapStyle(Qt::FlatCap);  // the pattern's gaps stay gaps
            pen.setDashPattern(a.dashes);
        }
        p.setPen(pen);
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
