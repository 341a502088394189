// Paints the runtime -- workers with their running task, LIFO slot and local
// queue, the global queue, the blocking pool, timers, resources, and wakes,
// steals and spawns as arrows -- onto any QPainter: the window, a PNG, an SVG
// or a PDF all use this code.
//
// Design note
// -----------
// A frame is made in two passes. layoutRuntime() reads the model once and
// produces a RuntimeDrawList: plain data with every rectangle, colour, font
// size, arrow path and text already decided (texts translated, formatted and
// elided), plus the hit items -- what each item on screen refers to, as an
// ItemRef with a strong id, and its tooltip. paintDrawList() then only walks
// those arrays: no model lookups, no tr(), no string building. Hit-testing
// and tooltips read the same draw list, so what the user points at is
// exactly what was painted. A task chip's tooltip is kept as facts and put
// into words on hover: building a hundred sentences per frame cost 5% of it.
//
// Layers. The list is painted in four layers, each in the order it was laid
// out: boxes (lanes, chips, bars), texts, arrows (each with its label), the
// highlighted wait-for cycle. Nothing laid out later in a lower layer covers
// something of an upper one, which is what lets a layer be painted with few
// pen and font changes.
//
// Arrows. Recent wakes, steals and spawns come from LiveModel::arrows(). In
// a busy run many of them join the same two places (worker 2 stealing from
// worker 0 a dozen times a second), so arrows of the same kind (for wakes:
// and source) whose ends land on the same two points are merged into one,
// labelled with the count ("steal ×17"). Labels never overlap: a label that
// would is moved along its arrow, then shrunk to a count badge near an end,
// and dropped if even that does not fit (the hovered chip or lane still
// tells). Places that keep task chips readable are tried first. A label's
// place does not depend on how far its arrow has travelled, so it stays put
// while the arrow grows.
//
// Costs. Layout is bounded by what fits on screen except for one pass over
// the tasks (the blocking pool's queue) and a dense position index by task
// id; painting is linear in the items drawn. On raster devices a bordered
// box is painted as two fills (see paintDrawList): antialiased strokes were
// most of a frame's time.
#pragma once

#include "look.hpp"

#include "ids.hpp"
#include "live_model.hpp"

#include <QColor>
#include <QFont>
#include <QPainter>
#include <QPainterPath>
#include <QPolygonF>
#include <QRectF>
#include <QString>

#include <array>
#include <functional>
#include <vector>

namespace asyncscope::core {

struct HitItem {
    enum class Kind : std::uint8_t {
        Task,
        Worker,
        Lifo,
        LocalQueue,
        GlobalQueue,
        BlockingPool,
        BlockingThread,
        Timers,
        Mutex,
        Channel,
        Semaphore,
        Arrow
    };
    QRectF rect;
    Kind kind = Kind::Task;
    // Task: the task; Worker, Lifo, LocalQueue: the worker; Mutex, Channel,
    // Semaphore: the resource; BlockingThread: the pool thread; Arrow: the
    // thief (steals) or the woken / spawned task; the rest: nothing.
    ItemRef ref;
    QString tip;  // one or two sentences that explain it; task chips: see tooltip()
    // Task chips: what their tooltip tells, put into words only on hover (a
    // frame has a hundred chips and at most one tooltip).
    struct TaskFacts {
        QString name;
        trace::TaskPhase phase = trace::TaskPhase::Unknown;  // Unknown: not in the state
        std::uint64_t polls = 0;
        std::uint32_t wakes = 0;
    } facts;

    // `tip`, or a task chip's sentence from `facts` and the await point that
    // `stepOf` names (when given).
    QString tooltip(const std::function<QString(std::uint32_t task)>& stepOf = {}) const;
};

struct PaintOptions {
    double scale = 1.0;                      // font and size scale (classroom: 1.5-2)
    Look look;                               // high contrast, colour-blind palette
    std::uint32_t selected = 0;              // task highlighted everywhere
    std::vector<std::uint32_t> highlighted;  // tasks of a selected finding
    double wallNow = 0;                      // seconds, for arrow animation
    // The runtime clock (ns) when it is ahead of the last event: the header
    // and the timers' time left keep moving between events. 0: the state's.
    std::uint64_t now = 0;
    // Paused: arrows are drawn whole and do not fade (see LiveModel::freezeArrows).
    bool frozen = false;
    bool finished = false;  // the run is over: idle workers are stopped, not searching
    QString title;          // shown in the header
    // "S3 sleep": the await point a task is at (empty: unknown).
    std::function<QString(std::uint32_t task)> stepOf;
};

// One frame of the runtime view, laid out and ready to paint.
struct RuntimeDrawList {
    enum class Font : std::uint8_t { Normal, Small, Bold };

    // A rounded rectangle (radius 0: a plain one), filled, with a border
    // unless borderWidth is 0. Chips, lanes, queue boxes, channel bars.
    struct Box {
        QRectF rect;
        QColor fill;
        QColor border;
        double radius = 0;
        double borderWidth = 0;
    };
    struct Text {
        QRectF rect;
        QString text;  // final: translated, formatted, elided
        QColor color;
        int flags = 0;  // Qt::Alignment and text flags, as QPainter::drawText takes them
        Font font = Font::Normal;
    };
    // A wake, steal or spawn arrow, merged with those between the same places.
    struct Arrow {
        core::Arrow::Kind kind = core::Arrow::Kind::Wake;
        std::uint32_t count = 1;  // arrows merged into this one
        QPainterPath path;        // the part of the curve travelled so far
        QPolygonF head;           // empty while the arrow is too short to point
        QColor color;             // alpha: the arrow's fade
        double width = 0;
        QList<qreal> dashes;  // a wake's line pattern (look.hpp); empty: solid
        QString label;        // "steal ×17"; a badge "×17" when there was no room; "" none
        QRectF labelRect;
        double labelRadius = 0;
        QColor labelFill, labelColor;
    };
    // The highlighted finding's wait-for cycle: dashed curves with heads.
    struct Link {
        QPainterPath path;
        QPolygonF head;
    };

    QRectF area;
    QColor background;
    std::array<QFont, 3> fonts;  // by Font
    std::vector<Box> boxes;
    std::vector<Text> texts;
    std::vector<Arrow> arrows;
    std::vector<Link> cycle;
    QColor cycleColor;
    double cycleWidth = 0;
    std::vector<HitItem> hits;                          // in paint order: later ones are on top
    std::function<QString(std::uint32_t task)> stepOf;  // PaintOptions::stepOf, for tooltips

    // What is under `pos`: the topmost task chip there, else the topmost item.
    const HitItem* hitAt(QPointF pos) const;
    QString tooltip(const HitItem& item) const { return item.tooltip(stepOf); }
};

// Lays out one frame. `font`: the base font (the widget's, or the painter's).
RuntimeDrawList layoutRuntime(const LiveModel& model, const PaintOptions& options, QRectF area,
                              const QFont& font = QFont());
// Paints a laid-out frame: reads only the draw list.
void paintDrawList(QPainter& p, const RuntimeDrawList& list);

// Both, for exports and callers that only want the picture: lays out with
// the painter's font and paints; `hits` (optional) receives the hit items.
void paintRuntime(QPainter& p, const QRectF& area, const LiveModel& model,
                  const PaintOptions& options, std::vector<HitItem>* hits = nullptr);

}  // namespace asyncscope::core
