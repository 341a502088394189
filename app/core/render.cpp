#include "render.hpp"

#include "timeline_painter.hpp"
#include "view_export.hpp"

#include <QCoreApplication>

#include <memory>

namespace asyncscope::core {

void showInstant(LiveModel& model, trace::Timeline& timeline, std::uint64_t at) {
    model.clearArrows();
    model.setState(timeline.seekTime(at));
}

PaintOptions instantOptions(const LiveModel& model, std::uint64_t at, const QString& title,
                            double scale) {
    PaintOptions o;
    o.scale = scale;
    o.now = at;
    o.finished = true;
    o.title = title;
    const LiveModel* m = &model;
    o.stepOf = [m](std::uint32_t task) {
        const trace::TaskInfo* t = m->state().task(trace::TaskId(task));
        if (!t || !m->tables()) return QString();
        return QString::fromStdString(m->tables()->stepLabel(t->templateIndex, t->awaitPoint));
    };
    return o;
}

QString renderInstant(const scenario::RecordedRun& run, const RenderRequest& request) {
    LiveModel model;
    const trace::Trace* trace = &run.trace;
    model.setRun(std::make_shared<const scenario::RunTables>(scenario::tablesOf(trace->info())),
                 [trace](std::uint32_t i) { return std::string(trace->string(i)); });
    trace::Timeline timeline = run.timeline();
    showInstant(model, timeline, request.at);
    return exportRuntimeView(model, instantOptions(model, request.at, request.title, request.scale),
                             request.out, request.size, request.pixelRatio);
}

QString timelineTitle(const QString& name, const trace::TraceInfo& info) {
    QString t = name.isEmpty() ? QCoreApplication::translate("Timeline", "Timeline") : name;
    QString runtime = QString::fromStdString(info.flavor);
    if (info.workers) {
        if (!runtime.isEmpty()) runtime += QStringLiteral(", ");
        runtime += info.workers == 1
                       ? QCoreApplication::translate("Timeline", "1 worker")
                       : QCoreApplication::translate("Timeline", "%1 workers").arg(info.workers);
    }
    if (!runtime.isEmpty()) t += QStringLiteral(" · ") + runtime;
    if (info.clock == "virtual")
        t += QStringLiteral(" · ") + QCoreApplication::translate("Timeline", "virtual clock");
    else if (info.clock == "real")
        t += QStringLiteral(" · ") + QCoreApplication::translate("Timeline", "real clock");
    return t;
}

QString exportTimeline(const TimelineModel& model, const TimelineRenderRequest& request,
                       const scenario::RunTables* tables) {
    TimelineOptions o;
    o.scale = request.scale;
    o.cursor = request.cursor;
    o.tables = tables;
    o.title = request.title;
    o.arrows = request.arrows;
    o.legend = true;
    o.chinese = request.chinese;
    o.details = request.details;
    const auto from = static_cast<double>(request.from.value_or(model.startTime()));
    const auto to = static_cast<double>(request.to.value_or(model.endTime()));
    const int height =
        request.height > 0 ? request.height : static_cast<int>(timelinePreferredHeight(model, o));
    const QSize size(request.width, height);
    const double gutter = timelineGutter(o.scale);
    const TimeAxis axis(from, to, size.width() - gutter - 12 * o.scale, gutter);
    return paintToFile(request.out, size, request.pixelRatio, [&](QPainter& p, const QRectF& area) {
        paintTimeline(p, area, model, axis, o);
    });
}

QString renderTimeline(const scenario::RecordedRun& run, const TimelineRenderRequest& request) {
    const TimelineModel model(run);
    const scenario::RunTables tables = scenario::tablesOf(run.trace.info());
    return exportTimeline(model, request, &tables);
}

}  // namespace asyncscope::core
