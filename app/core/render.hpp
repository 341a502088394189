// A finished run shown at one instant: the state its timeline gives for that
// time, drawn by the runtime painter exactly as the window draws it. The
// CLI's `render` and the window's view of a finished run share this, so the
// same recording at the same instant is the same picture in both.
#pragma once

#include "runtime_painter.hpp"

#include <asyncscope/scenario/live_run.hpp>
#include <asyncscope/trace/timeline.hpp>

#include <QSize>
#include <QString>

#include <cstdint>

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

}  // namespace asyncscope::core
