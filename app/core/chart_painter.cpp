// The charts' and histograms' layout into draw lists, their painting and
// their tooltips (see chart_painter.hpp for the design note).
#include "chart_painter.hpp"
#include "text_runs.hpp"
#include "timeline_painter.hpp"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QStringList>

#include <algorithm>
#include <cmath>

namespace asyncscope::core {

namespace {

using Font = ChartPrimitives::Font;

const QColor kText(0x22, 0x22, 0x22);
const QColor kMuted(0x66, 0x66, 0x66);
const QColor kGrid(0xe4, 0xe4, 0xe0);
const QColor kBaseline(0xb8, 0xb8, 0xb8);
const QColor kCursor(0x1f, 0x5f, 0xbf);
const QColor kGlobal(0x2b, 0x2b, 0x2b);
const QColor kPolls(0x1f, 0x5f, 0xbf);
const QColor kCompletions(0x2e, 0x8b, 0x3e);
const QColor kLock(0xc0, 0x39, 0x2b);
const QColor kSemaphore(0x8e, 0x44, 0xad);
const QColor kBar(0x5b, 0x7f, 0xa6);
const QColor kP50(0x1f, 0x5f, 0xbf);
const QColor kP90(0xd3, 0x6b, 0x00);
const QColor kP99(0xc0, 0x20, 0x20);

QString duration(double ns) {
    return QString::fromStdString(TimeAxis::formatDuration(ns));
}

// The smallest 1, 2 or 5 × 10^k at or above v (1 for nothing).
double niceCeil(double v) {
    if (!(v > 1)) return 1;
    const double p = std::pow(10.0, std::floor(std::log10(v)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * p >= v * (1 - 1e-12)) return m * p;
    return 10 * p;
}

// "950", "12.5k", "3M": a count or rate for a narrow label.
QString compact(double v) {
    auto trimmed = [](double x, const char* suffix) {
        QString s = QString::number(x, 'f', x >= 100 ? 0 : 1);
        if (s.endsWith(QStringLiteral(".0"))) s.chop(2);
        return s + QLatin1String(suffix);
    };
    if (v >= 1e9) return trimmed(v / 1e9, "G");
    if (v >= 1e6) return trimmed(v / 1e6, "M");
    if (v >= 1e3) return trimmed(v / 1e3, "k");
    return QString::number(std::llround(v));
}

class Layout {
    Q_DECLARE_TR_FUNCTIONS(Charts)

public:
    Layout(const ChartSeries& series, const TimeAxis& axis, const ChartOptions& o,
           const QFont& base, ChartDrawList& out)
        : m_c(series), m_axis(axis), m_o(o), m_out(out), m_s(o.scale), m_fm(base), m_fmSmall(base) {
        m_out.fonts = drawListFonts(base, m_s, 9.5);
        m_fm = QFontMetricsF(m_out.fonts[0]);
        m_fmSmall = QFontMetricsF(m_out.fonts[1]);
    }

    void run(const QRectF& area) {
        m_out.area = area;
        m_out.background = QColor(0xfa, 0xfa, 0xf7);
        planRows(area);
        if (m_out.rows.empty()) return;
        const double top = m_out.rows.front().plot.top();
        const double bottom = m_out.rows.back().plot.bottom();
        for (const TimeAxis::Tick& t : m_axis.ticks(90 * m_s))
            m_out.grid.push_back({QLineF(t.x, top, t.x, bottom), kGrid, 1 * m_s, false});
        for (ChartDrawList::Row& r : m_out.rows) {
            m_out.grid.push_back(
                {QLineF(r.plot.left(), r.plot.bottom(), r.plot.right(), r.plot.bottom()), kBaseline,
                 1 * m_s, false});
            switch (r.kind) {
            case ChartRow::Busy: busyStrip(r); break;
            case ChartRow::Queues: queues(r); break;
            case ChartRow::Rates: rates(r); break;
            case ChartRow::Waiters: waiters(r); break;
            }
        }
        if (m_o.selection) {
            const double x0 = std::max(x(static_cast<double>(m_o.selection->first)), m_axis.left());
            const double x1 =
                std::min(x(static_cast<double>(m_o.selection->second)), m_axis.right());
            if (x1 > x0) {
                QColor band = kCursor;
                band.setAlphaF(0.14f);
                m_out.band.push_back(
                    {QRectF(QPointF(x0, top), QPointF(std::max(x1, x0 + 1), bottom)), band});
            }
        }
        if (m_o.cursor) {
            const double cx = x(static_cast<double>(*m_o.cursor));
            if (cx >= m_axis.left() - 0.5 && cx <= m_axis.right() + 0.5)
                m_out.cursor =
                    ChartDrawList::Line{QLineF(cx, top, cx, bottom), kCursor, 1.5 * m_s, false};
        }
    }

private:
    double x(double t) const { return m_axis.timeToX(t); }

    void text(const QRectF& r, QString s, const QColor& c, int flags, Font f) {
        m_out.texts.push_back({r, std::move(s), c, flags, f});
    }

    void planRows(const QRectF& area) {
        struct Plan {
            ChartRow kind;
            int worker;
            double height, gapAfter;
        };
        std::vector<Plan> plan;
        const int workers = static_cast<int>(m_c.busy.size());
        for (int w = 0; w < workers; ++w)
            plan.push_back({ChartRow::Busy, w, 16 * m_s, w + 1 < workers ? 2 * m_s : 8 * m_s});
        if (m_c.hasCounters) plan.push_back({ChartRow::Queues, -1, 60 * m_s, 8 * m_s});
        plan.push_back({ChartRow::Rates, -1, 60 * m_s, 8 * m_s});
        if (m_c.hasCounters) plan.push_back({ChartRow::Waiters, -1, 48 * m_s, 0});
        const double pad = 6 * m_s;
        double total = 0;
        for (const Plan& p : plan) total += p.height + p.gapAfter;
        const double avail = area.height() - 2 * pad;
        const double fit = total > avail && total > 0 ? std::max(0.0, avail / total) : 1.0;
        double y = area.top() + pad;
        const double labelL = area.left() + 8 * m_s;
        const double labelR = std::max(labelL, m_axis.left() - 6 * m_s);
        for (const Plan& p : plan) {
            const double h = std::max(3.0, p.height * fit);
            ChartDrawList::Row r;
            r.kind = p.kind;
            r.worker = p.worker;
            r.plot = QRectF(m_axis.left(), y, m_axis.width(), h);
            r.label = QRectF(labelL, y, labelR - labelL, h);
            m_out.rows.push_back(r);
            m_out.boxes.push_back({r.plot, QColor(0xff, 0xff, 0xff)});
            ChartHit& lh = m_out.hits.emplace_back();
            lh.rect = r.label;
            lh.kind = ChartHit::Kind::Label;
            lh.row = r.kind;
            lh.worker = r.worker;
            ChartHit& ph = m_out.hits.emplace_back();
            ph.rect = r.plot;
            ph.kind = ChartHit::Kind::Plot;
            ph.row = r.kind;
            ph.worker = r.worker;
            y += h + p.gapAfter * fit;
        }
    }

    void label(const ChartDrawList::Row& r, const QString& s, const QColor& c) {
        if (r.label.width() < 10 * m_s) return;
        const QFontMetricsF& fm = r.plot.height() < m_fm.height() + 4 * m_s ? m_fmSmall : m_fm;
        const Font f = &fm == &m_fmSmall ? Font::Small : Font::Normal;
        text(r.label, fm.elidedText(s, Qt::ElideRight, r.label.width()), c,
             Qt::AlignRight | Qt::AlignVCenter, f);
    }

    // The top of the y scale, in the plot's top-left corner.
    void scaleLabel(const ChartDrawList::Row& r, const QString& s) {
        const double h = m_fmSmall.height();
        if (r.plot.height() < h) return;
        text(QRectF(r.plot.left() + 3 * m_s, r.plot.top(), 80 * m_s, h), s, kMuted,
             Qt::AlignLeft | Qt::AlignTop, Font::Small);
    }

    // Coloured words in the plot's top-right corner, right to left.
    void legend(const ChartDrawList::Row& r, const std::vector<std::pair<QString, QColor>>& items) {
        const double h = m_fmSmall.height();
        if (r.plot.height() < h) return;
        double right = r.plot.right() - 3 * m_s;
        const double limit = r.plot.left() + r.plot.width() / 3;
        for (auto it = items.rbegin(); it != items.rend(); ++it) {
            const double w = m_fmSmall.horizontalAdvance(it->first) + 2 * m_s;
            if (right - w < limit) {
                text(QRectF(right - m_fmSmall.horizontalAdvance(QStringLiteral("…")) - 2 * m_s,
                            r.plot.top(),
                            m_fmSmall.horizontalAdvance(QStringLiteral("…")) + 2 * m_s, h),
                     QStringLiteral("…"), kMuted, Qt::AlignRight | Qt::AlignTop, Font::Small);
                return;
            }
            text(QRectF(right - w, r.plot.top(), w, h), it->first, it->second,
                 Qt::AlignRight | Qt::AlignTop, Font::Small);
            right -= w + 6 * m_s;
        }
    }

    // A bucket's left edge, clipped to the plot.
    double edgeX(const ChartDrawList::Row& r, int b) const {
        return std::clamp(x(m_c.bucketStart(b)), r.plot.left(), r.plot.right());
    }

    // A step line `width` thick through each bucket's `value(b)`, over the
    // buckets inside the run: horizontal runs (equal neighbours merged) and
    // the vertical jumps between them.
    template <class Value>
    ChartDrawList::Rects stepLine(const ChartDrawList::Row& r, Value&& value, const QColor& color,
                                  double width) const {
        ChartDrawList::Rects out{{}, color};
        out.rects.reserve(static_cast<std::size_t>(std::max(0, m_c.last - m_c.first)));
        const double h = width / 2;
        bool have = false;
        double prevY = 0, prevX = 0;
        for (int b = m_c.first; b < m_c.last; ++b) {
            const double x0 = edgeX(r, b), x1 = edgeX(r, b + 1);
            if (x1 <= x0) continue;
            const double y = m_out.yOf(r, static_cast<double>(value(b)));
            if (have && y == prevY && x0 == prevX) {
                out.rects.back().setRight(x1);
            } else {
                if (have && x0 == prevX)
                    out.rects.emplace_back(QPointF(x0 - h, std::min(prevY, y) - h),
                                           QPointF(x0 + h, std::max(prevY, y) + h));
                out.rects.emplace_back(QPointF(x0, y - h), QPointF(x1, y + h));
            }
            have = true;
            prevY = y;
            prevX = x1;
        }
        return out;
    }

    // Columns from the baseline up to each bucket's `value(b)` (none for 0),
    // neighbours of the same height merged.
    template <class Value>
    ChartDrawList::Rects columns(const ChartDrawList::Row& r, Value&& value,
                                 const QColor& color) const {
        ChartDrawList::Rects out{{}, color};
        double prevX = -1e300, prevY = 0;
        for (int b = m_c.first; b < m_c.last; ++b) {
            const double x0 = edgeX(r, b), x1 = edgeX(r, b + 1);
            const double v = static_cast<double>(value(b));
            if (x1 <= x0 || !(v > 0)) continue;
            const double y = m_out.yOf(r, v);
            if (!out.rects.empty() && x0 == prevX && y == prevY)
                out.rects.back().setRight(x1);
            else
                out.rects.emplace_back(QPointF(x0, y), QPointF(x1, r.plot.bottom()));
            prevX = x1;
            prevY = y;
        }
        return out;
    }

    void busyStrip(ChartDrawList::Row& r) {
        r.max = 1;
        const auto w = static_cast<std::size_t>(r.worker);
        const QColor c = chartWorkerColor(w);
        label(r, r.worker == m_c.blockOnLane ? tr("main busy %") : tr("w%1 busy %").arg(r.worker),
              c.darker(130));
        const std::vector<double>& v = m_c.busy[w];
        m_out.fills.push_back(columns(
            r, [&](int b) { return v[static_cast<std::size_t>(b)]; }, c));
    }

    void queues(ChartDrawList::Row& r) {
        r.max = niceCeil(m_c.maxQueue);
        label(r, tr("run queues"), kText);
        scaleLabel(r, QString::number(r.max));
        std::vector<std::pair<QString, QColor>> keys;
        keys.emplace_back(tr("inject"), kGlobal);
        for (std::size_t w = 0; w < m_c.localQueues.size(); ++w) {
            const auto& v = m_c.localQueues[w];
            m_out.strokes.push_back(stepLine(
                r, [&](int b) { return v[static_cast<std::size_t>(b)]; }, chartWorkerColor(w),
                std::round(1.5 * m_s)));
            keys.emplace_back(tr("w%1").arg(w), chartWorkerColor(w));
        }
        m_out.strokes.push_back(stepLine(
            r, [&](int b) { return m_c.globalQueue[static_cast<std::size_t>(b)]; }, kGlobal,
            std::round(2 * m_s)));
        legend(r, keys);
    }

    void rates(ChartDrawList::Row& r) {
        r.max = niceCeil(m_c.maxRate);
        label(r, tr("polls/s"), kText);
        scaleLabel(r, tr("%1/s").arg(compact(r.max)));
        m_out.strokes.push_back(stepLine(
            r, [&](int b) { return m_c.completionsPerSec[static_cast<std::size_t>(b)]; },
            kCompletions, std::round(2 * m_s)));
        m_out.strokes.push_back(stepLine(
            r, [&](int b) { return m_c.pollsPerSec[static_cast<std::size_t>(b)]; }, kPolls,
            std::round(2 * m_s)));
        legend(r, {{tr("polls/s"), kPolls}, {tr("completions/s"), kCompletions}});
    }

    void waiters(ChartDrawList::Row& r) {
        r.max = niceCeil(m_c.maxWaiters);
        label(r, tr("lock waits"), kText);
        scaleLabel(r, QString::number(r.max));
        std::vector<std::pair<QString, QColor>> keys{{tr("mutex"), kLock}};
        const bool sem = std::any_of(m_c.semaphoreWaiters.begin(), m_c.semaphoreWaiters.end(),
                                     [](std::uint32_t v) { return v > 0; });
        QColor fill = kLock;
        fill.setAlphaF(0.18f);
        auto locks = [&](int b) { return m_c.lockWaiters[static_cast<std::size_t>(b)]; };
        m_out.fills.push_back(columns(r, locks, fill));
        if (sem) {
            m_out.strokes.push_back(stepLine(
                r, [&](int b) { return m_c.semaphoreWaiters[static_cast<std::size_t>(b)]; },
                kSemaphore, std::round(1.5 * m_s)));
            keys.emplace_back(tr("semaphore"), kSemaphore);
        }
        m_out.strokes.push_back(stepLine(r, locks, kLock, std::round(2 * m_s)));
        legend(r, keys);
    }

    const ChartSeries& m_c;
    const TimeAxis& m_axis;
    const ChartOptions& m_o;
    ChartDrawList& m_out;
    double m_s;
    QFontMetricsF m_fm, m_fmSmall;
};

// Tooltip sentences, in the same translation context as the layout's words.
class Words {
    Q_DECLARE_TR_FUNCTIONS(Charts)

public:
    static QString explain(ChartRow row, int worker, bool mainThread = false) {
        switch (row) {
        case ChartRow::Busy:
            if (mainThread)
                return tr(
                    "Busy % of the main thread: the share of each moment block_on spent "
                    "polling the #[tokio::main] body. It is not a worker: the rest of the "
                    "time it slept, waiting for main's waker.");
            return tr("Busy % of worker %1: the share of each moment it spent polling tasks, "
                      "that is running their code up to their next .await that is not ready. "
                      "The rest of the time it looked for work (its queue, the inject queue, "
                      "stealing) or was parked asleep. Near 100% for long: more work than it "
                      "can do; near 0% while others are busy: work that is not being shared.")
                .arg(worker);
        case ChartRow::Queues:
            return tr(
                "Run-queue depth: tasks that are ready to run but wait for a worker. "
                "The inject (global) queue takes tasks spawned or woken from outside the "
                "workers and what overflows a local queue; each worker has its own local "
                "queue (its LIFO slot counted in it). Queues that keep growing mean tasks "
                "become ready faster than the workers poll them. Each column shows the "
                "deepest the queue was in it.");
        case ChartRow::Rates:
            return tr(
                "Polls per second: how often the workers polled a task (each poll runs "
                "the task until it returns Pending or Ready). Completions per second: the "
                "polls that returned Ready, when a task finished. Many polls per "
                "completion: tasks wait and are woken often.");
        case ChartRow::Waiters:
            return tr(
                "Tasks waiting for a lock: how many tasks were queued on a mutex (async or "
                "blocking), the most in each column; and for a semaphore, when any were. "
                "The lock wait time is the area under this line: the task-time spent "
                "waiting, which the tooltip adds up for each column.");
        }
        return {};
    }

    static QString chart(const ChartDrawList& list, QPointF pos) {
        const ChartHit* h = list.hitAt(pos);
        const ChartSeries* series = list.series;
        if (!h || !series) return {};
        if (h->kind == ChartHit::Kind::Label)
            return Words::explain(h->row, h->worker, h->worker == series->blockOnLane);
        const ChartSeries& c = *series;
        const int b = list.bucketAt(pos.x());
        if (b < c.first || b >= c.last) return tr("Outside the run.");
        const auto i = static_cast<std::size_t>(b);
        const QString at = duration(c.bucketStart(b) + c.bucketNs() / 2);
        const QString width = duration(c.bucketNs());
        switch (h->row) {
        case ChartRow::Busy: {
            const auto w = static_cast<std::size_t>(h->worker);
            if (w >= c.busy.size()) return {};
            if (h->worker == c.blockOnLane)
                return tr("Main thread: %1% busy at %2 (over %3).")
                    .arg(std::lround(c.busy[w][i] * 100))
                    .arg(at, width);
            return tr("Worker %1: %2% busy at %3 (over %4).")
                .arg(h->worker)
                .arg(std::lround(c.busy[w][i] * 100))
                .arg(at, width);
        }
        case ChartRow::Queues: {
            if (!c.hasCounters) return {};
            QStringList locals;
            for (std::size_t w = 0; w < c.localQueues.size(); ++w)
                locals << tr("worker %1: %2").arg(w).arg(c.localQueues[w][i]);
            QString s =
                tr("At %1 (over %2), the deepest the run queues were: %3 in the inject queue.")
                    .arg(at, width)
                    .arg(c.globalQueue[i]);
            if (!locals.isEmpty())
                s += QStringLiteral(" ") +
                     tr("Local queues: %1.").arg(locals.join(QStringLiteral(", ")));
            return s;
        }
        case ChartRow::Rates:
            return tr("At %1 (over %2): %3 polls/s, %4 completions/s.")
                .arg(at, width, compact(c.pollsPerSec[i]), compact(c.completionsPerSec[i]));
        case ChartRow::Waiters: {
            if (!c.hasCounters) return {};
            QString s =
                tr("At %1 (over %2): up to %3 tasks waiting for a lock; together they waited %4.")
                    .arg(at, width)
                    .arg(c.lockWaiters[i])
                    .arg(duration(c.lockWaitNs[i]));
            if (c.semaphoreWaiters[i])
                s += QStringLiteral(" ") +
                     tr("Up to %1 waiting for a semaphore.").arg(c.semaphoreWaiters[i]);
            return s;
        }
        }
        return {};
    }

    static QString histogram(const HistogramDrawList& list, const HistogramHit& h);
};

}  // namespace

// --- the charts ---------------------------------------------------------------

QColor chartWorkerColor(std::size_t w) {
    // Tableau's ten, with its yellow darkened for a projector.
    static const QColor palette[] = {QColor(0x4e, 0x79, 0xa7), QColor(0xf2, 0x8e, 0x2b),
                                     QColor(0x59, 0xa1, 0x4f), QColor(0xe1, 0x57, 0x59),
                                     QColor(0x76, 0xb7, 0xb2), QColor(0xb0, 0x7a, 0xa1),
                                     QColor(0x9c, 0x75, 0x5f), QColor(0xc9, 0xa2, 0x27),
                                     QColor(0xff, 0x7f, 0xa0), QColor(0x5f, 0x5f, 0x8f)};
    constexpr std::size_t n = std::size(palette);
    const QColor c = palette[w % n];
    return w < n ? c : c.darker(100 + static_cast<int>(25 * std::min<std::size_t>(w / n, 4)));
}

int chartBucketCount(const TimeAxis& axis) {
    return std::max(1, static_cast<int>(std::floor(axis.width() / kChartBucketPx)));
}

double chartsPreferredHeight(std::size_t workers, bool counters, double s) {
    const double n = static_cast<double>(workers);
    double h = 12 * s + n * 16 * s + std::max(0.0, n - 1) * 2 * s + (workers ? 8 * s : 0);
    h += 60 * s + 8 * s;  // rates
    if (counters) h += 60 * s + 8 * s + 48 * s;
    return std::ceil(h);
}

ChartDrawList layoutCharts(const ChartSeries& series, const TimeAxis& axis,
                           const ChartOptions& options, QRectF area, const QFont& font) {
    ChartDrawList list;
    list.axis = axis;
    list.series = &series;
    Layout(series, axis, options, font, list).run(area);
    return list;
}

double ChartDrawList::yOf(const Row& row, double value) const {
    const double f = row.max > 0 ? std::clamp(value / row.max, 0.0, 1.0) : 0;
    return row.plot.bottom() - f * row.plot.height();
}

int ChartDrawList::bucketAt(double x) const {
    if (!series || series->buckets <= 0 || !(series->t1 > series->t0)) return -1;
    const double t = axis.xToTime(x);
    const double b = std::floor((t - series->t0) / series->bucketNs());
    if (b < 0 || b >= series->buckets) return -1;
    return static_cast<int>(b);
}

const ChartHit* ChartDrawList::hitAt(QPointF pos) const {
    for (auto it = hits.rbegin(); it != hits.rend(); ++it)
        if (it->rect.contains(pos)) return &*it;
    return nullptr;
}

QString ChartDrawList::tooltip(QPointF pos) const {
    return Words::chart(*this, pos);
}

void paintChartDrawList(QPainter& p, const ChartDrawList& list) {
    p.save();
    p.fillRect(list.area, list.background);
    p.setRenderHint(QPainter::Antialiasing, false);
    for (const auto& b : list.boxes) p.fillRect(b.rect, b.color);
    auto line = [&](const ChartDrawList::Line& l) {
        QPen pen(l.color, l.width);
        if (l.dashed) pen.setStyle(Qt::DashLine);
        p.setPen(pen);
        p.drawLine(l.line);
    };
    for (const auto& l : list.grid) line(l);
    // Every shape is an axis-aligned rectangle: crisp without antialiasing,
    // and one fill each (see the design note).
    p.setPen(Qt::NoPen);
    for (const auto* group : {&list.fills, &list.strokes})
        for (const auto& r : *group) {
            if (r.rects.empty()) continue;
            p.setBrush(r.color);
            p.drawRects(r.rects.data(), static_cast<int>(r.rects.size()));
        }
    p.setBrush(Qt::NoBrush);
    for (const auto& b : list.band) p.fillRect(b.rect, b.color);
    paintTextRuns(p, list.texts, list.fonts);
    if (list.cursor) line(*list.cursor);
    p.restore();
}

// --- histograms ---------------------------------------------------------------

namespace {

class HistogramLayout {
    Q_DECLARE_TR_FUNCTIONS(Charts)

public:
    HistogramLayout(const Distribution& d, const HistogramOptions& o, const QFont& base,
                    HistogramDrawList& out)
        : m_d(d), m_o(o), m_out(out), m_s(o.scale), m_fm(base), m_fmSmall(base), m_fmBold(base) {
        m_out.fonts = drawListFonts(base, m_s, 9);
        m_fm = QFontMetricsF(m_out.fonts[0]);
        m_fmSmall = QFontMetricsF(m_out.fonts[1]);
        m_fmBold = QFontMetricsF(m_out.fonts[2]);
    }

    void run(const QRectF& area) {
        m_out.area = area;
        m_out.background = QColor(0xfa, 0xfa, 0xf7);
        m_out.distribution = &m_d;
        m_out.noun = m_o.noun;
        const double pad = 6 * m_s;
        const QRectF inner = area.adjusted(pad, pad, -pad, -pad);
        double y = inner.top();
        if (!m_o.title.isEmpty()) {
            const double h = m_fmBold.height();
            const QRectF r(inner.left(), y, inner.width(), h);
            text(r, m_fmBold.elidedText(m_o.title, Qt::ElideRight, r.width()), kText,
                 Qt::AlignLeft | Qt::AlignVCenter, Font::Bold);
            HistogramHit& t = m_out.hits.emplace_back();
            t.rect = r;
            t.kind = HistogramHit::Kind::Title;
            y += h + 2 * m_s;
        }
        const double captionH = m_fmSmall.height();
        const QRectF caption(inner.left(), y, inner.width(), captionH);
        y += captionH + 4 * m_s;
        const double ticksH = m_fmSmall.height() + 5 * m_s;
        m_out.plot =
            QRectF(inner.left(), y, inner.width(), std::max(0.0, inner.bottom() - ticksH - y));
        const QRectF& plot = m_out.plot;
        m_out.boxes.push_back({plot, QColor(0xff, 0xff, 0xff)});
        m_out.lines.push_back(
            {QLineF(plot.bottomLeft(), plot.bottomRight()), kBaseline, 1 * m_s, false});
        if (m_d.count == 0 || m_d.buckets.empty()) {
            text(caption, tr("No %1 in this range.").arg(m_o.noun), kMuted,
                 Qt::AlignLeft | Qt::AlignVCenter, Font::Small);
            return;
        }
        text(caption,
             m_fmSmall.elidedText(tr("%1 %2 · p50 %3 · p90 %4 · p99 %5 · max %6")
                                      .arg(QString::number(m_d.count), m_o.noun,
                                           duration(static_cast<double>(m_d.p50)),
                                           duration(static_cast<double>(m_d.p90)),
                                           duration(static_cast<double>(m_d.p99)),
                                           duration(static_cast<double>(m_d.max))),
                                  Qt::ElideRight, caption.width()),
             kText, Qt::AlignLeft | Qt::AlignVCenter, Font::Small);
        scale();
        bars();
        ticks(plot.bottom());
        percentiles();
    }

private:
    void text(const QRectF& r, QString s, const QColor& c, int flags, Font f) {
        m_out.texts.push_back({r, std::move(s), c, flags, f});
    }

    void scale() {
        const auto& b = m_d.buckets;
        const bool zero = b.front().lo == 0;
        // The log scale spans the non-empty buckets above zero.
        const auto firstNonZero = std::find_if(
            b.begin(), b.end(), [](const HistogramBucket& x) { return x.lo > 0 && x.count > 0; });
        if (firstNonZero == b.end()) {  // only zeros: their slot, and an empty scale beside it
            m_out.zeroWidth = std::min(48 * m_s, m_out.plot.width() / 3);
            m_out.lo = 1;
            m_out.hi = 1000;
            m_scaleTicks = false;
            return;
        }
        m_out.zeroWidth = zero ? std::min(16 * m_s, m_out.plot.width() / 4) : 0;
        m_out.lo = static_cast<double>(firstNonZero->lo);
        m_out.hi = static_cast<double>(b.back().hi);
        // At least a decade across, centred on the data, so that one bucket
        // is not the whole width.
        const double ratio = m_out.hi / m_out.lo;
        if (ratio < 10) {
            const double widen = std::sqrt(10 / ratio);
            m_out.lo = std::max(1.0, m_out.lo / widen);
            m_out.hi = m_out.lo * 10;
        }
    }

    void bars() {
        const QRectF& plot = m_out.plot;
        std::size_t most = 1;
        for (const HistogramBucket& b : m_d.buckets) most = std::max(most, b.count);
        const double room = std::max(0.0, plot.height() - m_fmSmall.height() - 2 * m_s);
        for (std::size_t i = 0; i < m_d.buckets.size(); ++i) {
            const HistogramBucket& b = m_d.buckets[i];
            if (b.lo > 0 && static_cast<double>(b.hi) <= m_out.lo) continue;  // left of the scale
            const double x0 = b.lo == 0 ? plot.left() : m_out.xOf(static_cast<double>(b.lo));
            const double x1 =
                b.lo == 0 ? plot.left() + m_out.zeroWidth : m_out.xOf(static_cast<double>(b.hi));
            HistogramHit& h = m_out.hits.emplace_back();
            h.rect = QRectF(QPointF(x0, plot.top()), QPointF(x1, plot.bottom()));
            h.kind = HistogramHit::Kind::Bar;
            h.index = static_cast<int>(i);
            if (b.count == 0) continue;
            // Every non-empty bucket shows, however few it holds.
            const double hgt = std::max(
                1.5 * m_s, room * static_cast<double>(b.count) / static_cast<double>(most));
            const double gap = x1 - x0 > 3 ? 0.5 : 0;
            m_out.boxes.push_back(
                {QRectF(QPointF(x0 + gap, plot.bottom() - hgt), QPointF(x1 - gap, plot.bottom())),
                 kBar});
        }
    }

    void ticks(double base) {
        const QRectF& plot = m_out.plot;
        const double h = m_fmSmall.height();
        double lastRight = -1e300;
        auto tick = [&](double x, const QString& label) {
            m_out.lines.push_back({QLineF(x, base, x, base + 4 * m_s), kBaseline, 1 * m_s, false});
            const double w = m_fmSmall.horizontalAdvance(label) + 4 * m_s;
            QRectF r(x - w / 2, base + 4 * m_s, w, h);
            if (r.left() < m_out.area.left()) r.moveLeft(m_out.area.left());
            if (r.right() > m_out.area.right()) r.moveRight(m_out.area.right());
            if (r.left() < lastRight) return;  // would overlap the previous label
            lastRight = r.right() + 4 * m_s;
            text(r, label, kMuted, Qt::AlignHCenter | Qt::AlignTop, Font::Small);
        };
        if (m_out.zeroWidth > 0) tick(plot.left() + m_out.zeroWidth / 2, QStringLiteral("0"));
        if (!m_scaleTicks) return;
        // Decades inside the scale; 1-2-5 steps when fewer than two fit.
        std::vector<double> decades, steps;
        for (double d = std::pow(10.0, std::floor(std::log10(m_out.lo)));
             d <= m_out.hi * (1 + 1e-9); d *= 10)
            for (double m : {1.0, 2.0, 5.0}) {
                const double v = d * m;
                if (v < m_out.lo * (1 - 1e-9) || v > m_out.hi * (1 + 1e-9)) continue;
                steps.push_back(v);
                if (m == 1) decades.push_back(v);
            }
        for (double d : decades.size() >= 2 ? decades : steps) tick(m_out.xOf(d), duration(d));
    }

    void percentiles() {
        const QRectF& plot = m_out.plot;
        const double h = m_fmSmall.height();
        struct P {
            int p;
            std::uint64_t v;
            QColor c;
        };
        const P ps[] = {{50, m_d.p50, kP50}, {90, m_d.p90, kP90}, {99, m_d.p99, kP99}};
        std::vector<QRectF> placed;
        for (const P& p : ps) {
            const double x = m_out.xOf(static_cast<double>(p.v));
            m_out.lines.push_back({QLineF(x, plot.top(), x, plot.bottom()), p.c, 1.6 * m_s, false});
            const QString l = QStringLiteral("p%1").arg(p.p);
            const double w = m_fmSmall.horizontalAdvance(l) + 4 * m_s;
            // Right of its line (left of it at the plot's right end), in the
            // first row where it overlaps no other label.
            QRectF r(x + 2 * m_s, plot.top(), w, h);
            if (r.right() > plot.right()) r.moveRight(x - 2 * m_s);
            while (std::any_of(placed.begin(), placed.end(),
                               [&](const QRectF& o) { return o.intersects(r); }))
                r.translate(0, h);
            placed.push_back(r);
            text(r, l, p.c, Qt::AlignLeft | Qt::AlignTop, Font::Small);
            for (const QRectF& at : {QRectF(x - 3 * m_s, plot.top(), 6 * m_s, plot.height()), r}) {
                HistogramHit& hit = m_out.hits.emplace_back();
                hit.rect = at;
                hit.kind = HistogramHit::Kind::Percentile;
                hit.index = p.p;
            }
        }
    }

    const Distribution& m_d;
    const HistogramOptions& m_o;
    HistogramDrawList& m_out;
    double m_s;
    QFontMetricsF m_fm, m_fmSmall, m_fmBold;
    bool m_scaleTicks = true;  // the log scale has values to mark
};

}  // namespace

QString Words::histogram(const HistogramDrawList& list, const HistogramHit& h) {
    const Distribution* d = list.distribution;
    const QString& noun = list.noun;
    if (!d || d->count == 0) return {};
    switch (h.kind) {
    case HistogramHit::Kind::Bar: {
        if (h.index < 0 || static_cast<std::size_t>(h.index) >= d->buckets.size()) return {};
        const HistogramBucket& b = d->buckets[static_cast<std::size_t>(h.index)];
        const QString share = QString::number(
            100.0 * static_cast<double>(b.count) / static_cast<double>(d->count), 'f', 1);
        if (b.lo == 0)
            return tr("No time at all (0 ns): %1 %2, %3% of them.")
                .arg(QString::number(b.count), noun, share);
        return tr("From %1 to %2: %3 %4, %5% of them.")
            .arg(duration(static_cast<double>(b.lo)), duration(static_cast<double>(b.hi)),
                 QString::number(b.count), noun, share);
    }
    case HistogramHit::Kind::Percentile: {
        const std::uint64_t v = h.index == 50 ? d->p50 : h.index == 90 ? d->p90 : d->p99;
        return tr("p%1 = %2: %1% of the %3 took %2 or less, the other %4% took longer.")
            .arg(h.index)
            .arg(duration(static_cast<double>(v)), noun)
            .arg(100 - h.index);
    }
    case HistogramHit::Kind::Title:
        return tr("%1 %2; mean %3, from %4 to %5.")
            .arg(QString::number(d->count), noun, duration(d->mean),
                 duration(static_cast<double>(d->min)), duration(static_cast<double>(d->max)));
    }
    return {};
}

double HistogramDrawList::xOf(double ns) const {
    if (!(ns >= 1)) return plot.left() + zeroWidth / 2;
    const double w = plot.width() - zeroWidth;
    const double span = std::log10(hi) - std::log10(lo);
    if (!(span > 0) || w <= 0) return plot.left() + zeroWidth;
    const double f = std::clamp((std::log10(ns) - std::log10(lo)) / span, 0.0, 1.0);
    return plot.left() + zeroWidth + f * w;
}

const HistogramHit* HistogramDrawList::hitAt(QPointF pos) const {
    for (auto it = hits.rbegin(); it != hits.rend(); ++it)
        if (it->rect.contains(pos)) return &*it;
    return nullptr;
}

QString HistogramDrawList::tooltip(const HistogramHit& h) const {
    return Words::histogram(*this, h);
}

HistogramDrawList layoutHistogram(const Distribution& d, const HistogramOptions& options,
                                  QRectF area, const QFont& font) {
    HistogramDrawList list;
    HistogramLayout(d, options, font, list).run(area);
    return list;
}

void paintHistogramDrawList(QPainter& p, const HistogramDrawList& list) {
    p.save();
    p.fillRect(list.area, list.background);
    p.setRenderHint(QPainter::Antialiasing, false);
    for (const auto& b : list.boxes) p.fillRect(b.rect, b.color);
    for (const auto& l : list.lines) {
        QPen pen(l.color, l.width);
        if (l.dashed) pen.setStyle(Qt::DashLine);
        p.setPen(pen);
        p.drawLine(l.line);
    }
    paintTextRuns(p, list.texts, list.fonts);
    p.restore();
}

}  // namespace asyncscope::core
