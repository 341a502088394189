// Paints the run's charts -- per-worker busy %, run-queue depths, polls and
// completions per second, tasks waiting for locks -- as small multiples on
// the timeline's time axis, and the histograms of poll durations and
// scheduling delays, onto any QPainter.
//
// Design note
// -----------
// As for the timeline (timeline_painter.hpp), a frame is made in two passes:
// layoutCharts() turns a ChartSeries (run_stats.hpp: the numbers per bucket,
// computed once per view) into a ChartDrawList of plain data (boxes, filled
// areas, polylines, final texts, hit items); paintChartDrawList() only walks
// it. Hover text is put into words only when asked (tooltip()).
//
// Alignment. The charts are rows under the timeline's lanes: they take the
// same TimeAxis and leave the same gutter (timelineGutter()) for their
// labels, so an instant is at the same x in both. A bucket is drawn as a
// flat step from the x of its start to the x of its end (the axis maps
// both), so what a bucket covers is exactly where it is drawn; buckets about
// kChartBucketPx wide keep the steps finer than the eye.
//
// Cost. Every shape is an axis-aligned rectangle: a step line is its
// horizontal runs (equal neighbours merged) and the vertical jumps between
// them, a filled strip its columns. The raster engine fills rectangles
// without the stroker or the polygon scan converter, so a frame of 8
// workers' charts over 1500 px paints in a couple of milliseconds (wide
// pens and 1000-point polygons took ten times that).
//
// Rows, top to bottom, each with its label in the gutter, the top of its
// y scale written in its top-left corner and, where it holds several lines,
// a legend in its top-right corner:
//   - busy %: one strip per worker, filled in the worker's colour, always
//     0-100% (too low for a scale label: the row's label says "busy %");
//   - run queues: the inject queue and each worker's local queue (the
//     highest depth in each bucket);
//   - polls/s and completions/s;
//   - tasks waiting for a lock (and for a semaphore, when any did).
// The last two rows need the run's counter tracks and are left out without
// them. The selected range is a translucent band over every row, the cursor
// a line through them.
//
// Histograms (layoutHistogram) have a log-scale x axis over the
// distribution's buckets, a narrow slot at the left for zero (under the
// virtual clock many polls take no time at all), bars whose height is the
// count, and p50/p90/p99 as labelled vertical lines at their values.
#pragma once

#include "run_stats.hpp"
#include "time_axis.hpp"

#include <QColor>
#include <QFont>
#include <QLineF>
#include <QPainter>
#include <QRectF>
#include <QString>

#include <array>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace asyncscope::core {

// Buckets are about this many pixels wide (chartBucketCount()).
inline constexpr double kChartBucketPx = 2.0;

struct ChartOptions {
    double scale = 1.0;                   // font and size scale (classroom: 1.5-2)
    std::optional<std::uint64_t> cursor;  // runtime ns
    std::optional<std::pair<std::uint64_t, std::uint64_t>> selection;  // runtime ns
};

enum class ChartRow : std::uint8_t { Busy, Queues, Rates, Waiters };

struct ChartHit {
    enum class Kind : std::uint8_t { Plot, Label };
    QRectF rect;
    Kind kind = Kind::Plot;
    ChartRow row = ChartRow::Busy;
    int worker = -1;  // Busy: the strip's worker
};

// Shared by the charts and the histograms.
struct ChartPrimitives {
    enum class Font : std::uint8_t { Normal, Small, Bold };
    struct Box {
        QRectF rect;
        QColor color;
    };
    struct Line {
        QLineF line;
        QColor color;
        double width = 1;
        bool dashed = false;
    };
    // Rectangles of one colour, painted in one call: a step line's
    // segments, a strip's columns.
    struct Rects {
        std::vector<QRectF> rects;
        QColor color;
    };
    struct Text {
        QRectF rect;
        QString text;  // final: translated, formatted, elided
        QColor color;
        int flags = 0;
        Font font = Font::Normal;
    };
};

// One frame of the charts, laid out and ready to paint.
struct ChartDrawList : ChartPrimitives {
    struct Row {
        ChartRow kind = ChartRow::Busy;
        int worker = -1;  // Busy: the strip's worker
        QRectF plot;      // the axis's pixels across
        QRectF label;     // in the gutter
        double max = 1;   // the value at the plot's top
    };

    QRectF area;
    QColor background;
    std::array<QFont, 3> fonts;  // by Font
    std::vector<Row> rows;
    // Painted in this order: boxes (row backgrounds), grid, fills (the
    // columns under a value), strokes (step lines), the band of the
    // selected range (over the data: it is translucent), texts, the cursor.
    std::vector<Box> boxes;
    std::vector<Line> grid;
    std::vector<Rects> fills;
    std::vector<Rects> strokes;
    std::vector<Box> band;
    std::vector<Text> texts;
    std::optional<Line> cursor;
    std::vector<ChartHit> hits;

    // What the list was laid out from, for tooltips: the series must outlive the list.
    TimeAxis axis;
    const ChartSeries* series = nullptr;

    // The y of `value` in `row`.
    double yOf(const Row& row, double value) const;
    // The series' bucket under x, or -1.
    int bucketAt(double x) const;
    const ChartHit* hitAt(QPointF pos) const;
    // What is under `pos`, in the UI language ("" when nothing).
    QString tooltip(QPointF pos) const;
};

// The colour of worker `w` in every chart (distinct hues, dark enough for a projector).
QColor chartWorkerColor(std::size_t w);
// How many buckets a series for `axis` should have (about kChartBucketPx each).
int chartBucketCount(const TimeAxis& axis);
// The height that shows every row at full height, for `workers` workers.
double chartsPreferredHeight(std::size_t workers, bool counters, double scale);

// Lays out one frame in `area`; the axis's left and width (right of the
// gutter) say where times are, as for the timeline above the charts.
ChartDrawList layoutCharts(const ChartSeries& series, const TimeAxis& axis,
                           const ChartOptions& options, QRectF area, const QFont& font = QFont());
void paintChartDrawList(QPainter& p, const ChartDrawList& list);

struct HistogramOptions {
    double scale = 1.0;
    QString title;  // "Poll duration — selection"
    QString noun;   // what is counted, plural: "polls", "wakes"
};

struct HistogramHit {
    enum class Kind : std::uint8_t { Bar, Percentile, Title };
    QRectF rect;
    Kind kind = Kind::Bar;
    int index = 0;  // Bar: the bucket; Percentile: 50, 90 or 99
};

struct HistogramDrawList : ChartPrimitives {
    QRectF area, plot;
    QColor background;
    std::array<QFont, 3> fonts;
    std::vector<Box> boxes;   // bars
    std::vector<Line> lines;  // baseline, ticks, percentiles
    std::vector<Text> texts;
    std::vector<HistogramHit> hits;
    // The x scale: log10 from `lo` to `hi` ns over the plot right of a
    // `zeroWidth`-pixel slot for zero.
    double lo = 1, hi = 10, zeroWidth = 0;
    const Distribution* distribution = nullptr;  // must outlive the list
    QString noun;

    double xOf(double ns) const;
    const HistogramHit* hitAt(QPointF pos) const;
    QString tooltip(const HistogramHit& hit) const;
};

HistogramDrawList layoutHistogram(const Distribution& d, const HistogramOptions& options,
                                  QRectF area, const QFont& font = QFont());
void paintHistogramDrawList(QPainter& p, const HistogramDrawList& list);

}  // namespace asyncscope::core
