#include "runtime_view.hpp"

#include "panels/breakpoints_panel.hpp"
#include "session.hpp"

#include <QContextMenuEvent>
#include <QHelpEvent>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

namespace asyncscope::gui {

RuntimeView::RuntimeView(Session& session, QWidget* parent) : QWidget(parent), m_session(session) {
    setMouseTracking(true);
    setMinimumSize(480, 320);  // fits a 1024-pixel screen beside the docks
    setAttribute(Qt::WA_OpaquePaintEvent);
    connect(&session, &Session::frame, this, qOverload<>(&QWidget::update));
}

void RuntimeView::setScale(double s) {
    m_scale = std::clamp(s, 0.6, 3.0);
    update();
}

void RuntimeView::setSelected(std::uint32_t task) {
    m_selected = task;
    update();
}

void RuntimeView::setHighlighted(std::vector<std::uint32_t> tasks) {
    m_highlighted = std::move(tasks);
    update();
}

void RuntimeView::setTitle(const QString& title) {
    m_title = title;
    update();
}

void RuntimeView::setLook(const Look& look) {
    m_look = look;
    update();
}

PaintOptions RuntimeView::paintOptions() const {
    PaintOptions o;
    o.scale = m_scale;
    o.look = m_look;
    o.selected = m_selected;
    o.highlighted = m_highlighted;
    o.wallNow = m_session.wallSeconds();
    o.now = static_cast<std::uint64_t>(m_session.runtimeNow().count());
    o.frozen = m_session.phase() == Session::Phase::Paused;
    // Finished: idle workers are shown stopped, but only at the run's end
    // (scrubbed back, they were parked or searching then).
    const auto model = m_session.timelineModel();
    const auto cursor = m_session.cursor();
    o.finished = m_session.phase() == Session::Phase::Finished &&
                 (!model || !cursor || *cursor >= model->endTime());
    if (const auto* sc = m_session.scenario()) {
        const bool zh = m_session.language() == QLatin1String("zh");
        o.title = QString::fromStdString(sc->title.in(zh ? "zh" : "en"));
    } else {
        o.title = m_session.recordingTitle();
    }
    if (!m_title.isEmpty()) o.title = m_title;
    const Session* s = &m_session;
    o.stepOf = [s](std::uint32_t task) { return s->stepLabel(task); };
    return o;
}

void RuntimeView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    PaintOptions o = paintOptions();
    o.wallNow = m_session.wallSeconds();
    m_frame = layoutRuntime(m_session.model(), o, rect(), font());
    paintDrawList(p, m_frame);
}

bool RuntimeView::event(QEvent* e) {
    if (e->type() == QEvent::ToolTip) {
        auto* he = static_cast<QHelpEvent*>(e);
        if (const HitItem* h = itemAt(he->pos())) {
            QToolTip::showText(he->globalPos(),
                               QStringLiteral("<p style='white-space:normal'>%1</p>")
                                   .arg(m_frame.tooltip(*h).toHtmlEscaped()),
                               this, h->rect.toAlignedRect());
        } else {
            QToolTip::hideText();
            e->ignore();
        }
        return true;
    }
    return QWidget::event(e);
}

void RuntimeView::mousePressEvent(QMouseEvent* e) {
    const HitItem* h = itemAt(e->position());
    // A task chip, or an arrow to a task: that task; anything else clears.
    const std::optional<core::TaskId> hitTask = h ? h->ref.task() : std::nullopt;
    const std::uint32_t task = hitTask ? hitTask->value() : 0;
    setSelected(task);
    Q_EMIT taskSelected(task);
}

void RuntimeView::contextMenuEvent(QContextMenuEvent* e) {
    const HitItem* h = itemAt(e->pos());
    if (!h || !m_session.scenario()) return;
    QMenu menu(this);
    auto offer = [&](const trace::Breakpoint& b) {
        menu.addAction(tr("Break on %1").arg(describeBreakpoint(b)),
                       [this, b] { m_session.addBreakpoint(b); });
    };
    if (const auto t = h->ref.task()) {
        const std::string name = m_session.model().taskName(t->value()).toStdString();
        if (!name.empty()) {
            offer({trace::BreakKind::Wake, name});
            offer({trace::BreakKind::Wait, name});
            // A member of a group: the whole group too.
            if (const auto hash = name.find('#'); hash != std::string::npos && hash > 0)
                offer({trace::BreakKind::Wake, name.substr(0, hash)});
        }
    } else if (const auto r = h->ref.resource()) {
        const scenario::RunTables* tables = m_session.tables();
        const scenario::RunResource* res = tables ? tables->resource(r->value()) : nullptr;
        if (res) {
            if (res->kind == scenario::ResourceKind::Mutex ||
                res->kind == scenario::ResourceKind::BlockingMutex)
                offer({trace::BreakKind::Contention, res->name});
            offer({trace::BreakKind::Wait, {}, res->name});
        }
    } else if (h->kind == HitItem::Kind::Worker || h->kind == HitItem::Kind::LocalQueue) {
        offer({trace::BreakKind::Steal});
    }
    if (menu.isEmpty()) return;
    menu.exec(e->globalPos());
}

}  // namespace asyncscope::gui
