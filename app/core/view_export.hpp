// Writing what the window shows to files: the runtime view as PNG (at twice
// the resolution), SVG or PDF through the same painter the window uses, and
// a finished run's recording as Chrome trace-event JSON (Perfetto opens it).
// Every file is written atomically: nothing half-written is ever left at
// `path`. Each returns "" or an error message for the user.
#pragma once

#include "runtime_painter.hpp"

#include <QSize>
#include <QString>

namespace asyncscope::trace {
class Trace;
}

namespace asyncscope::core {

class LiveModel;

// The format follows the extension: .svg, .pdf, else PNG.
// PNG: `pixelRatio` image pixels per view pixel (2: sharp on a projector).
QString exportRuntimeView(const LiveModel& model, const PaintOptions& options, const QString& path,
                          QSize size, double pixelRatio = 2.0);
QString exportChromeTrace(const trace::Trace& trace, const QString& path);

}  // namespace asyncscope::core
