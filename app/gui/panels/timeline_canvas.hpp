// The timeline's drawing surface: a run over time (a lane per worker with
// each poll in its task's colour, parked time, the blocking threads' jobs,
// wakes, steals, findings), drawn by the visual core's timeline painter.
//
// Its cursor is the instant every other view shows (Session::seek): clicking
// or dragging on the lanes moves it, also while a run is live (scrubbing:
// the run goes on). Ctrl+drag or a right-button drag selects a range, Esc
// clears it and Enter zooms to it. The wheel zooms around the pointer,
// Shift+drag or the middle button pans, a double click zooms into the span
// or folded block under it, Home shows the whole run. Keys: Left/Right step
// one event, Ctrl+Left/Right jump to the selected task's previous/next poll,
// +/- zoom around the cursor, PageUp/PageDown pan. Clicking a poll selects
// its task; clicking a finding's marker jumps to it.
//
// Task and resource lanes come on demand (toggleLane(), the context menu
// of a right click, T for the selected task): a task's idle / scheduled /
// running segments, a mutex's holders and waiters, a channel's fill, a
// semaphore's permits in use. They are read from the recording as it grows.
// The canvas is as tall as its lanes need; the panel scrolls it.
//
// While a live run is followed and the whole run is in view, the view keeps
// showing the whole run as it grows; once the user zooms or pans, the range
// stays where they put it.
#pragma once

#include "session.hpp"

#include <detail_lanes.hpp>
#include <time_axis.hpp>
#include <timeline_model.hpp>
#include <timeline_painter.hpp>

#include <QWidget>

class QMenu;

#include <cstdint>
#include <memory>
#include <optional>
#include <utility>

namespace asyncscope::gui {

class TimelineCanvas final : public QWidget {
    Q_OBJECT
public:
    explicit TimelineCanvas(Session& session, QWidget* parent = nullptr);

    // The session's timeline changed (a run started, grew, ended, a
    // recording opened): picks up its model; `refit` shows the whole run.
    void refresh(bool refit);
    // Shows the whole run (and follows it while it grows).
    void fit();
    void zoomBy(double factor);   // around the cursor when in view, else the centre
    void panBy(double fraction);  // of the view's width; positive: later times
    // The selected range (runtime ns), if any.
    std::optional<std::pair<std::uint64_t, std::uint64_t>> selection() const { return m_selection; }
    void setSelection(std::optional<std::pair<std::uint64_t, std::uint64_t>> range);
    void zoomToSelection();
    // The task whose polls are outlined and whose polls Ctrl+Left/Right visit.
    void setSelectedTask(std::uint32_t task);
    // The on-demand lane of a task or a resource: shown or not.
    void toggleLane(ItemRef ref);
    bool hasLane(ItemRef ref) const { return m_details.contains(ref); }
    void clearLanes();
    const DetailLanes& detailLanes() const noexcept { return m_details; }
    // A menu of the lanes that can be shown: the selected task's (and, when
    // given, `task`'s), every resource of the run; remove them all.
    void fillLanesMenu(QMenu* menu, std::uint32_t task = 0);
    void setArrows(bool on);
    // High contrast and the colour-blind palette (presentation mode).
    void setLook(const Look& look);
    const Look& look() const noexcept { return m_look; }
    // Compare: two runs on one time axis. The axis reaches at least `ns`
    // (the longer run's end), whatever this run's own length.
    void setSharedEnd(std::uint64_t ns);
    // Shows exactly [t0, t1] (runtime ns) without telling viewChanged: a
    // view that follows another one.
    void showRange(double t0, double t1);
    // Whether the view shows the whole run (and follows it as it grows).
    bool fitting() const noexcept { return m_autoFit; }
    bool arrows() const noexcept { return m_arrows; }

    const TimeAxis& axis() const noexcept { return m_axis; }
    const TimelineModel* model() const noexcept { return m_model.get(); }
    // The frame last painted (for tests: what is where).
    const TimelineDrawList& frame() const noexcept { return m_frame; }
    TimelineOptions options() const;
    QSize sizeHint() const override { return {900, 180}; }

Q_SIGNALS:
    void taskSelected(std::uint32_t task);
    void exportRequested();
    void findingActivated(std::uint32_t index);  // into the run's findings
    void selectionChanged();
    void viewChanged();  // the visible range moved
    // The user moved the cursor (a click, a drag, a key) to runtime time `ns`.
    void cursorMoved(std::uint64_t ns);

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
    void layoutAxis();
    void seekTo(double x);
    double timeAt(double x) const;
    void viewMoved();          // the user zoomed or panned: stop auto-fitting
    void fitHeight();          // as tall as the lanes need
    void cursorStepped();      // tells cursorMoved after a key moved the session's cursor
    double extentEnd() const;  // the axis' upper limit: the run's end or the shared one
    void contextMenu(QPoint pos);

    Session& m_session;
    std::shared_ptr<const TimelineModel> m_model;
    TimeAxis m_axis;
    TimelineDrawList m_frame;
    bool m_autoFit = true;  // keep the whole run in view as it grows
    std::uint64_t m_sharedEnd = 0;
    Look m_look;  // high contrast, the colour-blind palette
    bool m_arrows = true;
    std::uint32_t m_task = 0;
    std::optional<std::pair<std::uint64_t, std::uint64_t>> m_selection;
    enum class Drag : std::uint8_t { None, Cursor, Pan, Select } m_drag = Drag::None;
    double m_lastX = 0;
    double m_anchor = 0;  // where a selection drag started (runtime ns)
    QPoint m_pressPos;
    DetailLanes m_details;
};

}  // namespace asyncscope::gui
