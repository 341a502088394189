// The Timeline panel: a run over time, and the controls of the instant every
// view shows. A bar over the lanes (TimelineCanvas) has: back to live (while
// a live run is scrubbed), one event back and forward, the selected task's
// previous and next poll, zoom in, out and to the whole run, the wake and
// steal arrows, the on-demand task and resource lanes, and the export of
// the visible range or the selection; it reads out the cursor's instant and
// event, and the selected range's duration and what happened inside it.
#pragma once

#include "panels/timeline_canvas.hpp"
#include "session.hpp"

#include <QElapsedTimer>
#include <QWidget>

#include <cstdint>
#include <optional>
#include <utility>

class QLabel;
class QToolButton;

namespace asyncscope::gui {

class TimelinePanel final : public QWidget {
    Q_OBJECT
public:
    explicit TimelinePanel(Session& session, QWidget* parent = nullptr);

    TimelineCanvas* canvas() const noexcept { return m_canvas; }
    const TimeAxis& axis() const noexcept { return m_canvas->axis(); }
    const TimelineModel* model() const noexcept { return m_canvas->model(); }
    const TimelineDrawList& frame() const noexcept { return m_canvas->frame(); }
    void fit() { m_canvas->fit(); }
    void setSelectedTask(std::uint32_t task);
    // The selection's summary line (empty without one).
    QString selectionSummary() const;
    void retranslate();

public Q_SLOTS:
    void exportDialog();

Q_SIGNALS:
    void taskSelected(std::uint32_t task);
    void findingActivated(std::uint32_t index);
    void selectionChanged();
    void viewChanged();
    void statusMessage(const QString& text, int timeoutMs);

private:
    void updateBar();

    Session& m_session;
    TimelineCanvas* m_canvas = nullptr;
    QToolButton* m_live = nullptr;
    QToolButton* m_back = nullptr;
    QToolButton* m_forward = nullptr;
    QToolButton* m_prevPoll = nullptr;
    QToolButton* m_nextPoll = nullptr;
    QToolButton* m_zoomIn = nullptr;
    QToolButton* m_zoomOut = nullptr;
    QToolButton* m_fit = nullptr;
    QToolButton* m_arrows = nullptr;
    QToolButton* m_lanes = nullptr;
    QToolButton* m_export = nullptr;
    QLabel* m_readout = nullptr;
    QLabel* m_summary = nullptr;
    std::uint32_t m_task = 0;
    std::optional<std::pair<std::uint64_t, std::uint64_t>> m_summaryFor;
    std::size_t m_summarySeen = 0;
    QElapsedTimer m_summaryClock;
};

}  // namespace asyncscope::gui
