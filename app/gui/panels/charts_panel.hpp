// The Charts panel: the run over time on the timeline's own time axis --
// per-worker busy %, run-queue depths, polls and completions per second,
// tasks waiting for locks -- and, beside them, the histograms of poll
// duration and scheduling delay (wake to next poll) with p50/p90/p99, for
// the selected range or, without one, the visible range.
//
// Sources and cost. The panel reads a TimelineModel and its CounterTracks
// (not owned: the window keeps them alive and calls setSources() again when
// it replaces either). It keeps a StatsIndex of the model and takes in what
// a growing model (a live run) gained since, and caches the chart series:
// it is recomputed only when the visible range, the width or the model
// changed, so a repaint for the cursor costs a layout and a paint. The
// histograms sort every value in their range, so they are recomputed once
// the range has settled for a moment (kHistogramDelayMs), not while it moves.
//
// Alignment. setView() takes the timeline's axis. When the charts are at
// least as wide as that axis reaches, they use its pixels as they are, so a
// time is at the same x as on the timeline (place the panel under the
// timeline, at the same left edge, with the same width for its charts:
// setHistogramsBelow(true) gives the charts the panel's whole width);
// otherwise they show the same range over their own width.
//
// Clicking or dragging on the charts asks to move the cursor there
// (seekRequested); hovering explains what is under the pointer.
#pragma once

#include <chart_painter.hpp>
#include <run_stats.hpp>
#include <time_axis.hpp>
#include <timeline_model.hpp>

#include <asyncscope/trace/counters.hpp>

#include <QWidget>

#include <cstdint>
#include <optional>
#include <utility>

class QBoxLayout;
class QLabel;
class QSplitter;
class QTimer;

namespace asyncscope::gui {

class ChartCanvas;
class HistogramCanvas;

class ChartsPanel final : public QWidget {
    Q_OBJECT
public:
    static constexpr int kHistogramDelayMs = 150;

    explicit ChartsPanel(QWidget* parent = nullptr);
    ~ChartsPanel() override;

    // What to chart (null: nothing). `counters` may be null (no queue and
    // lock rows). Both must outlive the panel or the next setSources().
    // Given the same two again, it is refresh().
    void setSources(const core::TimelineModel* model, const trace::CounterTracks* counters);
    // The timeline's axis: its visible range and pixels.
    void setView(const core::TimeAxis& axis);
    // The instant every view shows (a line through the charts).
    using QWidget::setCursor;
    void setCursor(std::optional<std::uint64_t> t);
    // The selected range: a band over the charts; the histograms show it.
    void setSelection(std::optional<std::pair<std::uint64_t, std::uint64_t>> range);
    // Font and size scale (classroom: 1.5-2), as the timeline's.
    void setScale(double scale);
    // The histograms beside the charts (the default: a column at the right)
    // or below them (side by side; the charts then have the whole width).
    void setHistogramsBelow(bool below);
    // The model (or its counters) grew or changed in place: picks up what is new.
    void refresh();
    void retranslate();

    // For tests and the window: what is shown.
    const core::ChartSeries& series() const noexcept { return m_series; }
    const core::ChartDrawList& frame() const;
    const core::Distribution& pollDurations() const noexcept { return m_polls; }
    const core::Distribution& schedulingDelays() const noexcept { return m_delays; }
    // The range the histograms are of.
    std::pair<std::uint64_t, std::uint64_t> histogramRange() const noexcept { return m_histRange; }
    // Computes the histograms now instead of after the delay.
    void updateHistogramsNow();

Q_SIGNALS:
    void seekRequested(std::uint64_t ns);

protected:
    void changeEvent(QEvent* e) override;

private:
    friend class ChartCanvas;
    // What the caches depend on in the model: it changed when this did.
    struct Signature {
        const core::TimelineModel* model = nullptr;
        const trace::CounterTracks* counters = nullptr;
        std::uint64_t end = 0;
        std::size_t polls = 0, wakes = 0, steals = 0, workers = 0, samples = 0;
        friend bool operator==(const Signature&, const Signature&) = default;
    };
    Signature signature() const;
    // Brings the index up to date; true when the model changed since the last call.
    bool syncModel();
    // The axis the charts use for a canvas `width` pixels wide.
    core::TimeAxis canvasAxis(double width) const;
    // The series for the canvas's axis (recomputed when stale).
    const core::ChartSeries& seriesFor(const core::TimeAxis& axis);
    // The range the histograms are of: the selection, else what is in view
    // (inside the run), else the whole run.
    std::pair<std::uint64_t, std::uint64_t> wantedHistogramRange() const;
    // Computes the histograms after the delay; `restart`: the range moved
    // (wait until it settles) rather than the run grew.
    void scheduleHistograms(bool restart);
    void updateCaption();

    const core::TimelineModel* m_model = nullptr;
    const trace::CounterTracks* m_counters = nullptr;
    core::StatsIndex m_index;
    Signature m_indexed;  // what m_index was last brought up to date with
    core::TimeAxis m_axis;
    bool m_hasView = false;
    double m_scale = 1.0;
    std::optional<std::uint64_t> m_cursor;
    std::optional<std::pair<std::uint64_t, std::uint64_t>> m_selection;

    core::ChartSeries m_series;
    struct SeriesKey {
        double t0 = 0, t1 = 0;
        int buckets = 0;
        Signature model;
        friend bool operator==(const SeriesKey&, const SeriesKey&) = default;
    };
    std::optional<SeriesKey> m_seriesKey;

    core::Distribution m_polls, m_delays;
    std::pair<std::uint64_t, std::uint64_t> m_histRange{0, 0};
    std::optional<std::pair<std::pair<std::uint64_t, std::uint64_t>, Signature>> m_histKey;

    QSplitter* m_splitter = nullptr;
    ChartCanvas* m_charts = nullptr;
    QLabel* m_caption = nullptr;
    QBoxLayout* m_histBox = nullptr;  // the two histograms: a column, or a row when below
    HistogramCanvas* m_pollHist = nullptr;
    HistogramCanvas* m_delayHist = nullptr;
    QTimer* m_histTimer = nullptr;
};

}  // namespace asyncscope::gui
