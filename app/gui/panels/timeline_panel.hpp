// The Timeline panel: a finished run over time (a lane per worker with each
// poll in its task's colour, parked time, the blocking threads' jobs, wakes,
// steals and findings), drawn by the visual core's timeline painter. Its
// cursor is the instant the runtime view, the task table and the inspector
// show: clicking or dragging on the lanes moves it (Session::seek). The wheel
// zooms around the pointer, dragging with Shift or the middle button pans,
// a double click zooms into the span or folded block under it, and Home (or
// a double click on the axis) shows the whole run. Emits taskSelected(id)
// when a poll is clicked. While a run is live it says that the timeline
// comes when the run ends.
#pragma once

#include "session.hpp"

#include <time_axis.hpp>
#include <timeline_model.hpp>
#include <timeline_painter.hpp>

#include <QWidget>

#include <cstdint>
#include <memory>

namespace asyncscope::gui {

class TimelinePanel final : public QWidget {
    Q_OBJECT
public:
    explicit TimelinePanel(Session& session, QWidget* parent = nullptr);

    // A run finished or a recording opened: a new model, the whole run in view.
    void refresh();
    // Shows the whole run.
    void fit();
    const TimeAxis& axis() const noexcept { return m_axis; }
    const TimelineModel* model() const noexcept { return m_model.get(); }
    // The frame last painted (for tests: what is where).
    const TimelineDrawList& frame() const noexcept { return m_frame; }
    QSize sizeHint() const override { return {900, 180}; }

Q_SIGNALS:
    void taskSelected(std::uint32_t task);

protected:
    void paintEvent(QPaintEvent*) override;
    void resizeEvent(QResizeEvent*) override;
    void mousePressEvent(QMouseEvent* e) override;
    void mouseMoveEvent(QMouseEvent* e) override;
    void mouseReleaseEvent(QMouseEvent* e) override;
    void mouseDoubleClickEvent(QMouseEvent* e) override;
    void wheelEvent(QWheelEvent* e) override;
    void keyPressEvent(QKeyEvent* e) override;
    bool event(QEvent* e) override;

private:
    TimelineOptions options() const;
    void layoutAxis();
    void seekTo(double x);

    Session& m_session;
    std::shared_ptr<const scenario::RecordedRun> m_run;  // what m_model was built from
    std::unique_ptr<TimelineModel> m_model;
    TimeAxis m_axis;
    TimelineDrawList m_frame;
    enum class Drag : std::uint8_t { None, Cursor, Pan } m_drag = Drag::None;
    double m_lastX = 0;
};

}  // namespace asyncscope::gui
