// Paints the timeline of a finished run -- a lane per worker with its polls
// and parked time, a lane per blocking-pool thread with its jobs, the detail
// lanes the user asked for (a task's states, a resource's holders and
// levels: detail_lanes.hpp), a time axis with the findings marked on it, the
// cursor, and wake and steal arrows -- onto any QPainter: the window, a PNG,
// an SVG or a PDF.
//
// Design note
// -----------
// As for the runtime view (runtime_painter.hpp), a frame is made in two
// passes: layoutTimeline() reads the TimelineModel through a TimeAxis and
// produces a TimelineDrawList of plain data (rectangles, colours, final
// texts, arrow paths, hit items); paintTimelineDrawList() only walks it.
// Hit-testing reads the same list, so a click lands on what was painted.
//
// Cost. Layout must not depend on how long the run is, only on what is
// visible and on the width in pixels (Tracy's timeline, the model we follow):
//   - each lane's intervals are time-sorted, so the first and last visible
//     ones are found by binary search (visibleRange);
//   - folding: a span narrower than kFoldPx starts a folded block, which
//     swallows every following span that ends within kFoldPx of the block's
//     right edge, found again by binary search, so a block of a million
//     tiny polls costs a few searches, and its count is a difference of
//     indices. A lane therefore yields at most about width / kFoldPx items,
//     whatever the zoom. A folded block says how many polls it holds (in
//     its text when it is wide enough, always in its hit item), and its hit
//     item carries its time range, so that a click can zoom into it;
//   - wake arrows are drawn only while the wakes in view are few enough to
//     read (kMaxArrowsPerPixel); otherwise the legend says how many there
//     are. Arrows between the same pixels are drawn once.
// Tooltips are put into words only on hover (tooltip()), from facts kept in
// the hit item: building a sentence per span per frame would cost more than
// the frame.
//
// Parked time is hatched on raster devices and a flat light grey on vector
// ones (SVG has no pattern brushes); a poll drawn over parked time wins.
//
// Detail lanes come below the runtime's lanes, in the order they were added,
// and never move those: they take the room left under them, and when the
// picture is too short the runtime's lanes keep their smallest height first.
// A task lane (thinner) shows Running in the task's colour, Scheduled as a
// lighter hatched band, Idle as a thin line with what it waits for written
// on it when there is room, and nothing once Done. A lock's lane shows its
// holders in their colours over a step graph of its waiters; a channel's or
// semaphore's lane fills from 0 to its capacity with the messages buffered
// or permits in use, under thin bands of the tasks waiting. Their segments,
// spans and steps fold exactly like polls (foldRange), a folded run of steps
// drawn at the largest value it holds (LevelSeries::maxIn), so a detail lane
// too costs O(width / kFoldPx) items.
#pragma once

#include "look.hpp"

#include "detail_lanes.hpp"
#include "ids.hpp"
#include "time_axis.hpp"
#include "timeline_model.hpp"

#include <QColor>
#include <QFont>
#include <QLineF>
#include <QPainter>
#include <QPainterPath>
#include <QPolygonF>
#include <QRectF>
#include <QString>

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

namespace asyncscope::scenario {
struct RunTables;
}

namespace asyncscope::core {

struct TimelineOptions {
    double scale = 1.0;                   // font and size scale (classroom: 1.5-2)
    Look look;                            // high contrast, colour-blind palette
    std::optional<std::uint64_t> cursor;  // runtime ns: the instant the other views show
    TaskId selected;                      // its polls are outlined (0: none)
    // Names await points ("S3 sleep 5ms") in span labels; null: no await points.
    const scenario::RunTables* tables = nullptr;
    QString title;       // a header row when not empty
    bool arrows = true;  // wake and steal arrows
    bool legend = false;
    bool chinese = false;  // findings' titles in Chinese
    // The lanes the user asked for (a task, a resource), drawn below the
    // others in their order; null: none. Must outlive the draw list.
    const DetailLanes* details = nullptr;
    // Where the detail lanes' open segments end: the run's "now" (0: the
    // model's end; never before the last record the lanes read).
    std::uint64_t detailsNow = 0;
};

struct TimelineHit {
    enum class Kind : std::uint8_t {
        Poll,
        Folded,
        Parked,
        Job,
        Finding,
        Lane,
        TaskSegment,    // a detail task lane's segment (TaskLane::segments()[index])
        ResourceSpan,   // a lock's holder span (ResourceLane::holders()[index])
        ResourceLevel,  // steps of a resource's level() from levels()[index], `count` of them
    };
    QRectF rect;
    Kind kind = Kind::Poll;
    // Poll: the task; Job: the task awaiting it (else the thread); Folded,
    // Parked, Lane: the worker or blocking thread; Finding: nothing. In a
    // detail lane (every kind there): the lane's TaskId or ResourceId.
    ItemRef ref;
    std::uint64_t t0 = 0, t1 = 0;  // its time range (a finding: its instant, twice)
    std::uint32_t count = 1;       // Folded, ResourceLevel: the items it holds
    // Poll / Job: in its lane; Finding: in the model's findings; detail
    // lanes: the first segment, span or level.
    std::uint32_t index = 0;
    std::uint16_t lane = 0;  // worker or blocking-thread index; detail: index in DetailLanes
    bool blocking = false;   // a blocking-pool lane
    bool detail = false;     // a detail lane (options.details)
};

// One frame of the timeline, laid out and ready to paint.
struct TimelineDrawList {
    enum class Font : std::uint8_t { Normal, Small, Bold };
    // Scheduled: the colour, hatched in a darker shade on raster devices.
    enum class Fill : std::uint8_t { Solid, Parked, Folded, Scheduled };

    struct Lane {
        QRectF rect;  // where its spans are drawn (the axis's pixels across)
        QRectF labelRect;
        ItemRef ref;  // WorkerId or BlockingThreadId; a detail lane: TaskId or ResourceId
    };
    struct Box {
        QRectF rect;
        QColor color;
        Fill fill = Fill::Solid;
    };
    struct Outline {
        QRectF rect;
        QColor color;
        double width = 1;
    };
    struct Text {
        QRectF rect;
        QString text;  // final: translated, formatted, elided
        QColor color;
        int flags = 0;
        Font font = Font::Normal;
    };
    struct Line {
        QLineF line;
        QColor color;
        double width = 1;
        bool dashed = false;
    };
    struct Arrow {
        QPainterPath path;
        QPolygonF head;
        QColor color;
        double width = 1;
        QList<qreal> dashes;  // a wake's line pattern (look.hpp); empty: solid
    };
    struct Marker {
        QPolygonF shape;
        QColor color;
    };

    QRectF area;
    QColor background;
    std::array<QFont, 3> fonts;  // by Font
    std::vector<Lane> lanes;     // workers first, then blocking threads, then detail lanes
    // Painted in this order: boxes with their lines under them (grid), boxes
    // (lane backgrounds, parked time, spans), outlines, texts, lines
    // (axis, ticks), arrows, markers, the cursor.
    std::vector<Line> grid;
    std::vector<Box> boxes;
    std::vector<Outline> outlines;
    std::vector<Text> texts;
    std::vector<Line> lines;
    std::vector<Arrow> arrows;
    std::vector<Marker> markers;
    std::optional<Line> cursor;
    std::vector<TimelineHit> hits;  // in paint order: later ones are on top
    std::size_t hiddenArrows = 0;   // wakes in view not drawn (too many to read)
    std::size_t spansInView = 0;    // polls and jobs meeting the visible range

    // What the list was laid out from, for tooltips: the model must outlive
    // the list (the tables too, when given).
    const TimelineModel* model = nullptr;
    const scenario::RunTables* tables = nullptr;
    bool chinese = false;
    const DetailLanes* details = nullptr;  // must outlive the list too
    std::uint64_t detailsNow = 0;          // where the detail lanes' open segments end

    // What is under `pos`: the topmost span, block or marker, else a lane or parked time.
    const TimelineHit* hitAt(QPointF pos) const;
    // The item's sentence, in the UI language.
    QString tooltip(const TimelineHit& hit) const;
};

// Spans narrower than this (pixels) fold into blocks.
inline constexpr double kFoldPx = 3.0;
// Wake arrows are drawn while there are at most this many per pixel of width.
inline constexpr double kMaxArrowsPerPixel = 0.1;

// The width of the lane labels left of the lanes: give the axis its pixels
// from area.left() + timelineGutter() on.
double timelineGutter(double scale);
// Heights of detail lanes at scale 1 (a task lane is thinner).
inline constexpr double kTaskLaneHeight = 18.0;
inline constexpr double kResourceLaneHeight = 30.0;

// The height that shows every lane of `model` (and options.details) at full lane height.
double timelinePreferredHeight(const TimelineModel& model, const TimelineOptions& options);

// Lays out one frame in `area`; the axis says where times are (its left and
// width: inside `area`, right of the gutter). `font`: the base font.
TimelineDrawList layoutTimeline(const TimelineModel& model, const TimeAxis& axis,
                                const TimelineOptions& options, QRectF area,
                                const QFont& font = QFont());
// Paints a laid-out frame: reads only the draw list.
void paintTimelineDrawList(QPainter& p, const TimelineDrawList& list);

// Both, with the painter's font; `hits` (optional) receives the hit items.
void paintTimeline(QPainter& p, const QRectF& area, const TimelineModel& model,
                   const TimeAxis& axis, const TimelineOptions& options,
                   std::vector<TimelineHit>* hits = nullptr);

}  // namespace asyncscope::core
