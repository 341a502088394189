#include "panels/timeline_panel.hpp"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace asyncscope::gui {

TimelinePanel::TimelinePanel(Session& session, QWidget* parent)
    : QWidget(parent), m_session(session) {
    setObjectName(QStringLiteral("TimelinePanel"));
    setMouseTracking(false);
    setFocusPolicy(Qt::ClickFocus);
    setMinimumHeight(120);
    setToolTip(QString());
    connect(&m_session, &Session::loaded, this, [this] {
        m_run.reset();
        m_model.reset();
        update();
    });
    connect(&m_session, &Session::phaseChanged, this, [this](Session::Phase p) {
        if (p == Session::Phase::Running || p == Session::Phase::Paused) {
            m_run.reset();
            m_model.reset();
            update();
        }
    });
    connect(&m_session, &Session::finished, this, &TimelinePanel::refresh);
    connect(&m_session, &Session::frame, this, [this] {
        if (m_model) update();  // the cursor may have moved
    });
}

void TimelinePanel::refresh() {
    m_run = m_session.finishedRun();
    m_model = m_run ? std::make_unique<TimelineModel>(*m_run) : nullptr;
    fit();
}

void TimelinePanel::layoutAxis() {
    const double scale = 1.0;
    const double gutter = timelineGutter(scale);
    m_axis.setGeometry(gutter, std::max(10.0, width() - gutter - 12 * scale));
    if (m_model) {
        const double lo = static_cast<double>(m_model->startTime());
        const double hi =
            static_cast<double>(std::max(m_model->endTime(), m_model->startTime() + 1));
        m_axis.setLimits(lo, hi);
    }
}

void TimelinePanel::fit() {
    layoutAxis();
    if (m_model)
        m_axis.fit(static_cast<double>(m_model->startTime()),
                   static_cast<double>(std::max(m_model->endTime(), m_model->startTime() + 1)));
    update();
}

TimelineOptions TimelinePanel::options() const {
    TimelineOptions o;
    o.cursor = m_session.cursor();
    o.tables = m_session.tables();
    o.chinese = m_session.language() == QLatin1String("zh");
    return o;
}

void TimelinePanel::paintEvent(QPaintEvent*) {
    QPainter p(this);
    if (!m_model) {
        p.fillRect(rect(), palette().base());
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap,
                   m_session.phase() == Session::Phase::Running ||
                           m_session.phase() == Session::Phase::Paused
                       ? tr("The timeline of this run appears when it ends (Shift+F5 stops it).")
                       : tr("Run a scenario, or open a recording: its timeline appears here."));
        m_frame = TimelineDrawList();
        return;
    }
    m_frame = layoutTimeline(*m_model, m_axis, options(), rect(), font());
    paintTimelineDrawList(p, m_frame);
}

void TimelinePanel::resizeEvent(QResizeEvent*) {
    const double t0 = m_axis.t0(), t1 = m_axis.t1();
    layoutAxis();
    if (m_model && t1 > t0) m_axis.fit(t0, t1);  // the same range, the new width
}

void TimelinePanel::seekTo(double x) {
    const double t = std::max(0.0, m_axis.xToTime(std::clamp(x, m_axis.left(), m_axis.right())));
    m_session.seek(static_cast<std::uint64_t>(t));
}

void TimelinePanel::mousePressEvent(QMouseEvent* e) {
    if (!m_model) return;
    m_lastX = e->position().x();
    if (e->button() == Qt::MiddleButton ||
        (e->button() == Qt::LeftButton && (e->modifiers() & Qt::ShiftModifier))) {
        m_drag = Drag::Pan;
        setCursor(Qt::ClosedHandCursor);
        return;
    }
    if (e->button() != Qt::LeftButton) return;
    m_drag = Drag::Cursor;
    seekTo(m_lastX);
    if (const TimelineHit* h = m_frame.hitAt(e->position()))
        if (const auto task = h->ref.task(); task && h->kind == TimelineHit::Kind::Poll)
            Q_EMIT taskSelected(task->value());
}

void TimelinePanel::mouseMoveEvent(QMouseEvent* e) {
    const double x = e->position().x();
    if (m_drag == Drag::Pan) {
        m_axis.pan(x - m_lastX);
        update();
    } else if (m_drag == Drag::Cursor) {
        seekTo(x);
    }
    m_lastX = x;
}

void TimelinePanel::mouseReleaseEvent(QMouseEvent*) {
    m_drag = Drag::None;
    unsetCursor();
}

void TimelinePanel::mouseDoubleClickEvent(QMouseEvent* e) {
    if (!m_model) return;
    const TimelineHit* h = m_frame.hitAt(e->position());
    if (h && h->t1 > h->t0 && h->kind != TimelineHit::Kind::Lane) {
        // Into the span or folded block, with a little room on each side.
        const double pad = static_cast<double>(h->t1 - h->t0) * 0.1;
        m_axis.fit(static_cast<double>(h->t0) - pad, static_cast<double>(h->t1) + pad);
        update();
    } else if (e->position().x() >= m_axis.left()) {
        fit();
    }
}

void TimelinePanel::wheelEvent(QWheelEvent* e) {
    if (!m_model) return;
    const double steps = e->angleDelta().y() / 120.0;
    if (steps == 0) {  // a sideways wheel or touchpad swipe pans
        m_axis.pan(e->angleDelta().x() / 4.0);
    } else {
        m_axis.zoom(e->position().x(), std::pow(1.25, steps));
    }
    update();
    e->accept();
}

void TimelinePanel::keyPressEvent(QKeyEvent* e) {
    if (e->key() == Qt::Key_Home) {
        fit();
        return;
    }
    QWidget::keyPressEvent(e);
}

bool TimelinePanel::event(QEvent* e) {
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
                tr("Click or drag to move the cursor (every panel shows that instant); wheel "
                   "zooms, Shift+drag pans, double-click zooms into a span, Home shows the "
                   "whole run."),
                this);
        }
        return true;
    }
    return QWidget::event(e);
}

}  // namespace asyncscope::gui
