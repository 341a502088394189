// Writing what the window shows to files: the runtime view (and, through
// paintToFile, the timeline) as PNG (at twice the resolution), SVG or PDF
// through the same painter the window uses, and
// a finished run's recording as Chrome trace-event JSON (Perfetto opens it).
// Every file is written atomically: nothing half-written is ever left at
// `path`. Each returns "" or an error message for the user.
#pragma once

#include "runtime_painter.hpp"

#include <QPainter>
#include <QRectF>
#include <QSize>
#include <QString>

#include <functional>

namespace asyncscope::trace {
class Trace;
}

namespace asyncscope::core {

class LiveModel;

// Paints a picture of `size` view pixels into `path` through `paint` (given
// the painter and the area to fill), atomically. The format follows the
// extension: .svg, .pdf, else PNG with `pixelRatio` image pixels per view pixel.
QString paintToFile(const QString& path, QSize size, double pixelRatio,
                    const std::function<void(QPainter&, const QRectF&)>& paint);

// The format follows the extension: .svg, .pdf, else PNG.
// PNG: `pixelRatio` image pixels per view pixel (2: sharp on a projector).
QString exportRuntimeView(const LiveModel& model, const PaintOptions& options, const QString& path,
                          QSize size, double pixelRatio = 2.0);
QString exportChromeTrace(const trace::Trace& trace, const QString& path);

}  // namespace asyncscope::core
