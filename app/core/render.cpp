#include "render.hpp"

#include "view_export.hpp"

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
        const trace::TaskInfo* t = m->state().task(task);
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

}  // namespace asyncscope::core
