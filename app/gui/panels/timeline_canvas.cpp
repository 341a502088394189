#include "panels/timeline_canvas.hpp"

#include "panels/breakpoints_panel.hpp"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace asyncscope::gui {

TimelineCanvas::TimelineCanvas(Session& session, QWidget* parent)
    : QWidget(parent), m_session(session) {
    setObjectName(QStringLiteral("TimelineCanvas"));
    setFocusPolicy(Qt::StrongFocus);
    setMinimumHeight(120);
}

void TimelineCanvas::refresh(bool refit) {
    const auto model = m_session.timelineModel();
    const bool changed = model != m_model;
    m_model = model;
    if (changed) {
        m_selection.reset();
        Q_EMIT selectionChanged();
        if (!m_model) m_details.clear();
    }
    if (const trace::Trace* t = m_session.recording(); t && !m_details.empty())
        m_details.extend(*t);
    fitHeight();
    if (changed || refit) m_autoFit = true;
    if (m_autoFit)
        fit();
    else
        layoutAxis();
    update();
}

void TimelineCanvas::layoutAxis() {
    const double gutter = timelineGutter(1.0);
    m_axis.setGeometry(gutter, std::max(10.0, width() - gutter - 12));
    if (m_model) m_axis.setLimits(static_cast<double>(m_model->startTime()), extentEnd());
}

void TimelineCanvas::setLook(const Look& look) {
    m_look = look;
    update();
}

double TimelineCanvas::extentEnd() const {
    const std::uint64_t end = m_model ? m_model->endTime() : 0;
    return static_cast<double>(std::max({end, m_sharedEnd, std::uint64_t{1000}}));
}

void TimelineCanvas::setSharedEnd(std::uint64_t ns) {
    if (ns == m_sharedEnd) return;
    m_sharedEnd = ns;
    if (m_autoFit)
        fit();
    else
        layoutAxis();
    update();
}

void TimelineCanvas::showRange(double t0, double t1) {
    if (!m_model) return;
    layoutAxis();
    m_axis.fit(t0, t1);
    m_autoFit = false;
    update();
}

void TimelineCanvas::fit() {
    m_autoFit = true;
    layoutAxis();
    if (m_model) m_axis.fit(static_cast<double>(m_model->startTime()), extentEnd());
    update();
    Q_EMIT viewChanged();
}

void TimelineCanvas::viewMoved() {
    m_autoFit = false;
    update();
    Q_EMIT viewChanged();
}

void TimelineCanvas::zoomBy(double factor) {
    if (!m_model) return;
    double x = m_axis.left() + m_axis.width() / 2;
    if (const auto c = m_session.cursor()) {
        const double cx = m_axis.timeToX(static_cast<double>(*c));
        if (cx >= m_axis.left() && cx <= m_axis.right()) x = cx;
    }
    m_axis.zoom(x, factor);
    viewMoved();
}

void TimelineCanvas::panBy(double fraction) {
    if (!m_model) return;
    m_axis.pan(-fraction * m_axis.width());
    viewMoved();
}

void TimelineCanvas::setSelection(std::optional<std::pair<std::uint64_t, std::uint64_t>> range) {
    if (range && range->second < range->first) std::swap(range->first, range->second);
    if (range && range->second == range->first) range.reset();
    m_selection = range;
    update();
    Q_EMIT selectionChanged();
}

void TimelineCanvas::zoomToSelection() {
    if (!m_selection) return;
    const double a = static_cast<double>(m_selection->first);
    const double b = static_cast<double>(m_selection->second);
    m_axis.fit(a - (b - a) * 0.05, b + (b - a) * 0.05);
    viewMoved();
}

void TimelineCanvas::setSelectedTask(std::uint32_t task) {
    m_task = task;
    update();
}

void TimelineCanvas::fitHeight() {
    const int h = m_model ? static_cast<int>(timelinePreferredHeight(*m_model, options())) : 120;
    if (minimumHeight() != std::max(120, h)) setMinimumHeight(std::max(120, h));
}

void TimelineCanvas::toggleLane(ItemRef ref) {
    if (m_details.contains(ref)) {
        m_details.remove(ref);
    } else if (const auto task = ref.task()) {
        m_details.addTask(*task);
    } else if (const auto res = ref.resource()) {
        const trace::Trace* t = m_session.recording();
        m_details.addResource(*res,
                              resourceMeta(*res, m_session.tables(), t ? &t->info() : nullptr));
    } else {
        return;
    }
    if (const trace::Trace* t = m_session.recording()) m_details.extend(*t);
    fitHeight();
    update();
}

void TimelineCanvas::clearLanes() {
    m_details.clear();
    fitHeight();
    update();
}

void TimelineCanvas::fillLanesMenu(QMenu* menu, std::uint32_t task) {
    auto taskItem = [&](std::uint32_t id) {
        if (id == 0) return;
        QString name = m_model
                           ? QString::fromUtf8(m_model->taskName(id).data(),
                                               static_cast<qsizetype>(m_model->taskName(id).size()))
                           : QString();
        if (name.isEmpty()) name = tr("task %1").arg(id);
        QAction* a = menu->addAction(tr("Lane of task %1").arg(name),
                                     [this, id] { toggleLane(ItemRef(core::TaskId(id))); });
        a->setCheckable(true);
        a->setChecked(hasLane(ItemRef(core::TaskId(id))));
        a->setToolTip(tr("Its idle, scheduled and running time, and what it waited for"));
    };
    taskItem(task);
    if (m_task != task) taskItem(m_task);
    if (m_task == 0 && task == 0) {
        QAction* a = menu->addAction(tr("Lane of the selected task (select one first)"));
        a->setEnabled(false);
    }
    if (const scenario::RunTables* tables = m_session.tables();
        tables && !tables->resources.empty()) {
        menu->addSection(tr("Resources"));
        for (const scenario::RunResource& r : tables->resources) {
            const ItemRef ref(core::ResourceId(r.id));
            QAction* a =
                menu->addAction(QString::fromStdString(r.name), [this, ref] { toggleLane(ref); });
            a->setCheckable(true);
            a->setChecked(hasLane(ref));
        }
    }
    menu->addSeparator();
    QAction* clear =
        menu->addAction(tr("Remove the task and resource lanes"), [this] { clearLanes(); });
    clear->setEnabled(!m_details.empty());
}

void TimelineCanvas::contextMenu(QPoint pos) {
    if (!m_model) return;
    QMenu menu(this);
    std::uint32_t task = 0;
    const TimelineHit* h = m_frame.hitAt(pos);
    if (h)
        if (const auto t = h->ref.task()) task = t->value();
    if (h && h->detail && h->kind == TimelineHit::Kind::Lane)
        menu.addAction(tr("Remove this lane"), [this, ref = h->ref] { toggleLane(ref); });
    fillLanesMenu(&menu, task);
    menu.addSeparator();
    // Breakpoints: this instant, and the task under the pointer.
    if (m_session.scenario()) {
        trace::Breakpoint at{trace::BreakKind::Instant};
        at.at = static_cast<std::uint64_t>(timeAt(pos.x()));
        menu.addAction(tr("Break at %1").arg(describeBreakpoint(at)),
                       [this, at] { m_session.addBreakpoint(at); });
        if (task != 0) {
            const trace::Breakpoint wake{trace::BreakKind::Wake,
                                         m_session.model().taskName(task).toStdString()};
            if (!wake.name.empty())
                menu.addAction(tr("Break on %1").arg(describeBreakpoint(wake)),
                               [this, wake] { m_session.addBreakpoint(wake); });
        }
        menu.addSeparator();
    }
    QAction* zoom =
        menu.addAction(tr("Zoom to the selection (Enter)"), [this] { zoomToSelection(); });
    zoom->setEnabled(m_selection.has_value());
    QAction* clear =
        menu.addAction(tr("Clear the selection (Esc)"), [this] { setSelection(std::nullopt); });
    clear->setEnabled(m_selection.has_value());
    menu.addAction(tr("Show the whole run (Home)"), [this] { fit(); });
    QAction* ex = menu.addAction(tr("Export the timeline…"), [this] { Q_EMIT exportRequested(); });
    ex->setEnabled(!m_session.isLive());
    menu.exec(mapToGlobal(pos));
}

void TimelineCanvas::setArrows(bool on) {
    m_arrows = on;
    update();
}

TimelineOptions TimelineCanvas::options() const {
    TimelineOptions o;
    o.cursor = m_session.cursor();
    o.tables = m_session.tables();
    o.chinese = m_session.language() == QLatin1String("zh");
    o.selected = core::TaskId(m_task);
    o.arrows = m_arrows;
    o.look = m_look;
    if (!m_details.empty()) {
        o.details = &m_details;
        o.detailsNow = o.cursor && m_session.following() ? *o.cursor : 0;
    }
    return o;
}

void TimelineCanvas::paintEvent(QPaintEvent*) {
    QPainter p(this);
    if (!m_model) {
        p.fillRect(rect(), palette().base());
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect().adjusted(12, 0, -12, 0), Qt::AlignCenter | Qt::TextWordWrap,
                   m_session.isLive()
                       ? tr("The timeline fills in as the run records its first events.")
                       : tr("Run a scenario, or open a recording (Ctrl+O): its timeline appears "
                            "here."));
        m_frame = TimelineDrawList();
        return;
    }
    m_frame = layoutTimeline(*m_model, m_axis, options(), rect(), font());
    paintTimelineDrawList(p, m_frame);
    if (m_selection) {
        // The selected range: a band over the lanes, its edges drawn.
        const double x0 = std::max(m_axis.left(), m_axis.timeToX(double(m_selection->first)));
        const double x1 = std::min(m_axis.right(), m_axis.timeToX(double(m_selection->second)));
        if (x1 >= x0) {
            QColor band = palette().color(QPalette::Highlight);
            band.setAlpha(48);
            p.fillRect(QRectF(x0, 0, std::max(1.0, x1 - x0), height()), band);
            band.setAlpha(200);
            p.setPen(QPen(band, 1));
            p.drawLine(QPointF(x0, 0), QPointF(x0, height()));
            p.drawLine(QPointF(x1, 0), QPointF(x1, height()));
        }
    }
    if (hasFocus()) {
        QPen pen(palette().color(QPalette::Highlight), 1, Qt::DotLine);
        p.setPen(pen);
        p.setBrush(Qt::NoBrush);
        p.drawRect(rect().adjusted(0, 0, -1, -1));
    }
}

void TimelineCanvas::resizeEvent(QResizeEvent*) {
    const double t0 = m_axis.t0(), t1 = m_axis.t1();
    layoutAxis();
    if (m_model && t1 > t0) m_axis.fit(t0, t1);  // the same range, the new width
    Q_EMIT viewChanged();
}

double TimelineCanvas::timeAt(double x) const {
    return std::max(0.0, m_axis.xToTime(std::clamp(x, m_axis.left(), m_axis.right())));
}

void TimelineCanvas::seekTo(double x) {
    const auto t = static_cast<std::uint64_t>(timeAt(x));
    m_session.seek(t);
    Q_EMIT cursorMoved(t);
}

void TimelineCanvas::cursorStepped() {
    if (const auto c = m_session.cursor()) Q_EMIT cursorMoved(*c);
}

void TimelineCanvas::mousePressEvent(QMouseEvent* e) {
    if (!m_model) return;
    m_lastX = e->position().x();
    m_pressPos = e->position().toPoint();
    if (e->button() == Qt::MiddleButton ||
        (e->button() == Qt::LeftButton && (e->modifiers() & Qt::ShiftModifier))) {
        m_drag = Drag::Pan;
        setCursor(Qt::ClosedHandCursor);
        return;
    }
    if (e->button() == Qt::RightButton ||
        (e->button() == Qt::LeftButton && (e->modifiers() & Qt::ControlModifier))) {
        m_drag = Drag::Select;
        m_anchor = timeAt(m_lastX);
        setCursor(Qt::IBeamCursor);
        return;
    }
    if (e->button() != Qt::LeftButton) return;
    const TimelineHit* h = m_frame.hitAt(e->position());
    if (h && h->kind == TimelineHit::Kind::Finding) {
        m_session.seek(h->t0);
        Q_EMIT findingActivated(h->index);
        return;
    }
    m_drag = Drag::Cursor;
    seekTo(m_lastX);
    if (h && (h->kind == TimelineHit::Kind::Poll || h->kind == TimelineHit::Kind::TaskSegment))
        if (const auto task = h->ref.task()) Q_EMIT taskSelected(task->value());
}

void TimelineCanvas::mouseMoveEvent(QMouseEvent* e) {
    const double x = e->position().x();
    if (m_drag == Drag::Pan) {
        m_axis.pan(x - m_lastX);
        viewMoved();
    } else if (m_drag == Drag::Cursor) {
        seekTo(x);
    } else if (m_drag == Drag::Select) {
        const double t = timeAt(x);
        setSelection(std::pair{static_cast<std::uint64_t>(std::min(m_anchor, t)),
                               static_cast<std::uint64_t>(std::max(m_anchor, t))});
    }
    m_lastX = x;
}

void TimelineCanvas::mouseReleaseEvent(QMouseEvent* e) {
    const bool select = m_drag == Drag::Select;
    m_drag = Drag::None;
    unsetCursor();
    // A right click that did not drag: the menu.
    if (select && e->button() == Qt::RightButton &&
        (e->position().toPoint() - m_pressPos).manhattanLength() < 4)
        contextMenu(e->position().toPoint());
}

void TimelineCanvas::mouseDoubleClickEvent(QMouseEvent* e) {
    if (!m_model) return;
    const TimelineHit* h = m_frame.hitAt(e->position());
    if (h && h->t1 > h->t0 && h->kind != TimelineHit::Kind::Lane) {
        // Into the span or folded block, with a little room on each side.
        const double pad = static_cast<double>(h->t1 - h->t0) * 0.1;
        m_axis.fit(static_cast<double>(h->t0) - pad, static_cast<double>(h->t1) + pad);
        viewMoved();
    } else if (e->position().x() >= m_axis.left()) {
        fit();
    }
}

void TimelineCanvas::wheelEvent(QWheelEvent* e) {
    if (!m_model) return;
    const double steps = e->angleDelta().y() / 120.0;
    if (steps == 0 || (e->modifiers() & Qt::ShiftModifier)) {  // sideways: pan
        const int d = e->angleDelta().x() ? e->angleDelta().x() : e->angleDelta().y();
        m_axis.pan(d / 4.0);
    } else {
        m_axis.zoom(e->position().x(), std::pow(1.25, steps));
    }
    viewMoved();
    e->accept();
}

void TimelineCanvas::keyPressEvent(QKeyEvent* e) {
    const bool ctrl = e->modifiers() & Qt::ControlModifier;
    switch (e->key()) {
    case Qt::Key_Home: fit(); return;
    case Qt::Key_T:
        if (m_task) toggleLane(ItemRef(core::TaskId(m_task)));
        return;
    case Qt::Key_Left:
        if (ctrl)
            m_session.jumpToPoll(m_task, -1);
        else
            m_session.stepEvent(-1);
        cursorStepped();
        return;
    case Qt::Key_Right:
        if (ctrl)
            m_session.jumpToPoll(m_task, +1);
        else
            m_session.stepEvent(+1);
        cursorStepped();
        return;
    case Qt::Key_Plus:
    case Qt::Key_Equal: zoomBy(1.5); return;
    case Qt::Key_Minus: zoomBy(1 / 1.5); return;
    case Qt::Key_PageUp: panBy(-0.5); return;
    case Qt::Key_PageDown: panBy(0.5); return;
    case Qt::Key_Escape:
        if (m_selection) {
            setSelection(std::nullopt);
            return;
        }
        break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (m_selection) {
            zoomToSelection();
            return;
        }
        break;
    default: break;
    }
    QWidget::keyPressEvent(e);
}

bool TimelineCanvas::event(QEvent* e) {
    if (e->type() == QEvent::ShortcutOverride) {
        // With the timeline focused, its keys are its own (the window's Right
        // steps one poll, +/- change the speed).
        switch (static_cast<QKeyEvent*>(e)->key()) {
        case Qt::Key_Left:
        case Qt::Key_Right:
        case Qt::Key_Plus:
        case Qt::Key_Equal:
        case Qt::Key_Minus:
        case Qt::Key_PageUp:
        case Qt::Key_PageDown:
        case Qt::Key_Home:
        case Qt::Key_T: e->accept(); return true;
        case Qt::Key_Escape:
        case Qt::Key_Return:
        case Qt::Key_Enter:
            if (m_selection) {
                e->accept();
                return true;
            }
            break;
        default: break;
        }
    }
    if (e->type() == QEvent::ToolTip) {
        auto* he = static_cast<QHelpEvent*>(e);
        if (const TimelineHit* h = m_frame.hitAt(he->pos())) {
            QToolTip::showText(he->globalPos(),
                               QStringLiteral("<p style='white-space:normal'>%1</p>")
                                   .arg(m_frame.tooltip(*h).toHtmlEscaped()),
                               this, h->rect.toAlignedRect());
        } else {
            QToolTip::showText(
                he->globalPos(),
                tr("Click or drag to move the cursor (every panel shows that instant); Ctrl+drag "
                   "selects a range; the wheel zooms, Shift+drag pans, a double click zooms "
                   "into a span, Home shows the whole run. Left/Right step one event, "
                   "Ctrl+Left/Right go to the selected task's previous/next poll; a right click "
                   "adds task and resource lanes (T: the selected task's)."),
                this);
        }
        return true;
    }
    return QWidget::event(e);
}

}  // namespace asyncscope::gui
