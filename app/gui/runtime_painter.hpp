// Paints the runtime -- workers with their running task, LIFO slot and local
// queue, the global queue, the blocking pool, timers, resources, and wakes,
// steals and spawns as arrows -- onto any QPainter: the window, a PNG, an SVG
// or a PDF all use this one function.
#pragma once

#include "live_model.hpp"

#include <QPainter>
#include <QRectF>
#include <QString>

#include <functional>
#include <vector>

namespace asyncscope::gui {

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
    std::uint64_t id = 0;  // task id, worker index, resource id
    QString tip;           // one or two sentences that explain it
};

struct PaintOptions {
    double scale = 1.0;                      // font and size scale (classroom: 1.5-2)
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

void paintRuntime(QPainter& p, const QRectF& area, const LiveModel& model,
                  const PaintOptions& options, std::vector<HitItem>* hits = nullptr);

}  // namespace asyncscope::gui
