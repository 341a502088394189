// A finished run shown at one instant: the state its timeline gives for that
// time, drawn by the runtime painter exactly as the window draws it. The
// CLI's `render` and the window's view of a finished run share this, so the
// same recording at the same instant is the same picture in both.
//
// And a finished run over time: its timeline (timeline_painter.hpp) over a
// range, with a title naming the scenario and the runtime, the time axis and
// a legend, for `render --timeline` and the window's timeline export.
#pragma once

#include "detail_lanes.hpp"
#include "runtime_painter.hpp"
#include "timeline_model.hpp"

#include <asyncscope/scenario/live_run.hpp>
#include <asyncscope/trace/timeline.hpp>

#include <QSize>
#include <QString>

#include <cstdint>
#include <optional>

namespace asyncscope::core {

// Puts the state at runtime time `at` (every event at or before it applied)
// into `model`, with no arrows: arrows animate a live run.
void showInstant(LiveModel& model, trace::Timeline& timeline, std::uint64_t at);

// The paint options of a finished run shown at runtime time `at` (nothing
// selected): the header's clock and the timers' time left read from `at`.
PaintOptions instantOptions(const LiveModel& model, std::uint64_t at, const QString& title,
                            double scale = 1.0);

struct RenderRequest {
    std::uint64_t at = 0;  // runtime ns
    QString title;         // the header's title
    QString out;           // .png, .svg or .pdf
    QSize size{1600, 1000};
    double scale = 1.0;       // the view's zoom (classroom: 1.5-2)
    double pixelRatio = 2.0;  // PNG pixels per view pixel
};

// Renders `run` at `request.at` into `request.out`; "" or an error for the user.
QString renderInstant(const scenario::RecordedRun& run, const RenderRequest& request);

struct TimelineRenderRequest {
    // The range shown, runtime ns; unset: from 0 / to the run's end.
    std::optional<std::uint64_t> from, to;
    std::optional<std::uint64_t> cursor;  // a vertical line at this instant
    QString title;                        // the header (see timelineTitle)
    QString out;                          // .png, .svg or .pdf
    int width = 1920;                     // view pixels
    int height = 0;                       // 0: tall enough for every lane
    double scale = 1.0;                   // fonts and lane heights (classroom: 1.5-2)
    double pixelRatio = 1.0;              // PNG pixels per view pixel
    bool arrows = true;
    bool chinese = false;  // findings' titles
    // The task and resource lanes shown under the workers (null: none).
    const DetailLanes* details = nullptr;
};

// "Tour · multi_thread, 4 workers · virtual clock": the scenario's name and
// the runtime the recording ran on.
QString timelineTitle(const QString& name, const trace::TraceInfo& info);

// Renders the timeline of `model` (await points named from `tables`, when
// given) into `request.out`; "" or an error for the user.
QString exportTimeline(const TimelineModel& model, const TimelineRenderRequest& request,
                       const scenario::RunTables* tables = nullptr);
// The same for a finished run: its model built once, its tables from the recording.
QString renderTimeline(const scenario::RecordedRun& run, const TimelineRenderRequest& request);

}  // namespace asyncscope::core
