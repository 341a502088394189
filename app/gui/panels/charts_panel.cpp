// The Charts panel (see charts_panel.hpp for the design note).
#include "panels/charts_panel.hpp"

#include <timeline_painter.hpp>

#include <QBoxLayout>
#include <QCoreApplication>
#include <QEvent>
#include <QHBoxLayout>
#include <QHelpEvent>
#include <QLabel>
#include <QMouseEvent>
#include <QPainter>
#include <QSplitter>
#include <QTimer>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace asyncscope::gui {

namespace {

QString duration(double ns) {
    return QString::fromStdString(core::TimeAxis::formatDuration(ns));
}

QString wrapped(const QString& plain) {
    return QStringLiteral("<p style='white-space:normal'>%1</p>").arg(plain.toHtmlEscaped());
}

QString pollDurationHelp() {
    return QCoreApplication::translate(
        "Charts",
        "Poll duration: how long each poll took, from the moment a worker started running the "
        "task to the moment the task returned Pending (it waits at an .await) or Ready (it "
        "finished). While a poll runs, its worker runs nothing else: long polls delay every "
        "task queued behind them. p50 is the median; p90 and p99 show the slow tail.");
}

QString schedulingDelayHelp() {
    return QCoreApplication::translate(
        "Charts",
        "Scheduling delay: how long a task waited between being woken (its timer fired, a "
        "message or a lock arrived) and its next poll starting. It spends that time in a run "
        "queue until a worker gets to it; tokio-console calls it the task's scheduled time. "
        "Long delays mean the workers are busy or the queues are long.");
}

}  // namespace

// The stacked charts. Paints the panel's cached series; a click or a drag
// asks to move the cursor.
class ChartCanvas final : public QWidget {
public:
    explicit ChartCanvas(ChartsPanel& panel) : QWidget(&panel), m_panel(panel) {
        setMouseTracking(false);
        setAttribute(Qt::WA_OpaquePaintEvent);
        setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    }

    void invalidate() {
        m_dirty = true;
        update();
    }
    const core::ChartDrawList& frame() {
        relayout();
        return m_frame;
    }

    QSize sizeHint() const override {
        const std::size_t workers = m_panel.m_model ? m_panel.m_model->workers().size() : 2;
        return {900, static_cast<int>(core::chartsPreferredHeight(workers, m_panel.m_counters,
                                                                  m_panel.m_scale))};
    }
    QSize minimumSizeHint() const override { return {200, 80}; }

protected:
    void paintEvent(QPaintEvent*) override {
        relayout();
        QPainter p(this);
        core::paintChartDrawList(p, m_frame);
        if (!m_panel.m_model) {
            p.setPen(QColor(0x66, 0x66, 0x66));
            p.drawText(rect(), Qt::AlignCenter,
                       QCoreApplication::translate("Charts", "No run to chart yet."));
        }
    }
    void resizeEvent(QResizeEvent*) override { m_dirty = true; }
    void mousePressEvent(QMouseEvent* e) override {
        if (e->button() == Qt::LeftButton) seek(e->position().x());
    }
    void mouseMoveEvent(QMouseEvent* e) override {
        if (e->buttons() & Qt::LeftButton) seek(e->position().x());
    }
    bool event(QEvent* e) override {
        if (e->type() == QEvent::ToolTip) {
            auto* he = static_cast<QHelpEvent*>(e);
            relayout();
            QString tip = m_frame.tooltip(he->pos());
            if (tip.isEmpty())
                tip = QCoreApplication::translate(
                    "Charts",
                    "The run over time, on the timeline's time axis: how busy each worker was, "
                    "how many tasks waited in the run queues, how many polls and completions "
                    "happened per second, and how many tasks waited for a lock. Hover a row's "
                    "name to learn what it shows; click or drag to move the cursor there.");
            QToolTip::showText(he->globalPos(), wrapped(tip), this);
            return true;
        }
        return QWidget::event(e);
    }

private:
    void relayout() {
        if (!m_dirty && m_laidOut == size()) return;
        const core::TimeAxis axis = m_panel.canvasAxis(width());
        const core::ChartSeries& series = m_panel.seriesFor(axis);
        core::ChartOptions o;
        o.scale = m_panel.m_scale;
        o.cursor = m_panel.m_cursor;
        o.selection = m_panel.m_selection;
        m_frame = core::layoutCharts(series, axis, o, QRectF(rect()), font());
        m_laidOut = size();
        m_dirty = false;
    }
    void seek(double x) {
        if (!m_panel.m_model) return;
        relayout();
        const core::TimeAxis& a = m_frame.axis;
        if (x < a.left() || x > a.right()) return;
        const double t =
            std::clamp(a.xToTime(x), 0.0, static_cast<double>(m_panel.m_model->endTime()));
        Q_EMIT m_panel.seekRequested(static_cast<std::uint64_t>(std::llround(t)));
    }

    ChartsPanel& m_panel;
    core::ChartDrawList m_frame;
    QSize m_laidOut;
    bool m_dirty = true;
};

// One histogram: a Distribution the panel owns, laid out for its size.
class HistogramCanvas final : public QWidget {
public:
    HistogramCanvas(const core::Distribution& d, QWidget* parent) : QWidget(parent), m_d(d) {
        setAttribute(Qt::WA_OpaquePaintEvent);
        setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    }
    void setTexts(QString title, QString noun, QString help) {
        m_options.title = std::move(title);
        m_options.noun = std::move(noun);
        m_help = std::move(help);
        invalidate();
    }
    void setScale(double s) {
        m_options.scale = s;
        invalidate();
    }
    void invalidate() {
        m_dirty = true;
        update();
    }
    QSize sizeHint() const override { return {320, 170}; }
    QSize minimumSizeHint() const override { return {160, 90}; }

protected:
    void paintEvent(QPaintEvent*) override {
        relayout();
        QPainter p(this);
        core::paintHistogramDrawList(p, m_frame);
    }
    void resizeEvent(QResizeEvent*) override { m_dirty = true; }
    bool event(QEvent* e) override {
        if (e->type() == QEvent::ToolTip) {
            auto* he = static_cast<QHelpEvent*>(e);
            relayout();
            const core::HistogramHit* h = m_frame.hitAt(he->pos());
            QString tip = h ? m_frame.tooltip(*h) : QString();
            if (!h || h->kind == core::HistogramHit::Kind::Title)
                tip = tip.isEmpty() ? m_help : m_help + QStringLiteral("\n\n") + tip;
            QToolTip::showText(he->globalPos(), wrapped(tip), this);
            return true;
        }
        return QWidget::event(e);
    }

private:
    void relayout() {
        if (!m_dirty && m_laidOut == size()) return;
        m_frame = core::layoutHistogram(m_d, m_options, QRectF(rect()), font());
        m_laidOut = size();
        m_dirty = false;
    }

    const core::Distribution& m_d;
    core::HistogramOptions m_options;
    QString m_help;
    core::HistogramDrawList m_frame;
    QSize m_laidOut;
    bool m_dirty = true;
};

ChartsPanel::ChartsPanel(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("ChartsPanel"));
    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("ChartsSplitter"));
    m_charts = new ChartCanvas(*this);
    m_charts->setObjectName(QStringLiteral("ChartCanvas"));
    auto* side = new QWidget(m_splitter);
    m_caption = new QLabel(side);
    m_caption->setWordWrap(true);
    m_caption->setObjectName(QStringLiteral("HistogramCaption"));
    m_pollHist = new HistogramCanvas(m_polls, side);
    m_pollHist->setObjectName(QStringLiteral("PollDurationHistogram"));
    m_delayHist = new HistogramCanvas(m_delays, side);
    m_delayHist->setObjectName(QStringLiteral("SchedulingDelayHistogram"));
    auto* column = new QVBoxLayout(side);
    column->setContentsMargins(4, 2, 0, 0);
    column->setSpacing(2);
    column->addWidget(m_caption);
    m_histBox = new QBoxLayout(QBoxLayout::TopToBottom);
    m_histBox->setSpacing(2);
    m_histBox->addWidget(m_pollHist, 1);
    m_histBox->addWidget(m_delayHist, 1);
    column->addLayout(m_histBox, 1);
    m_splitter->addWidget(m_charts);
    m_splitter->addWidget(side);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 0);
    m_splitter->setSizes({900, 320});
    auto* box = new QHBoxLayout(this);
    box->setContentsMargins(0, 0, 0, 0);
    box->addWidget(m_splitter);

    m_histTimer = new QTimer(this);
    m_histTimer->setSingleShot(true);
    m_histTimer->setInterval(kHistogramDelayMs);
    connect(m_histTimer, &QTimer::timeout, this, &ChartsPanel::updateHistogramsNow);
    retranslate();
}

ChartsPanel::~ChartsPanel() = default;

const core::ChartDrawList& ChartsPanel::frame() const {
    return m_charts->frame();
}

void ChartsPanel::setSources(const core::TimelineModel* model,
                             const trace::CounterTracks* counters) {
    if (model == m_model && counters == m_counters) {
        refresh();
        return;
    }
    m_model = model;
    m_counters = counters;
    m_indexed = {};  // a different model: index it from the start
    m_index = core::StatsIndex();
    m_seriesKey.reset();
    m_histKey.reset();
    if (!m_model) {
        m_series = {};
        m_polls = m_delays = {};
        m_pollHist->invalidate();
        m_delayHist->invalidate();
    }
    m_charts->updateGeometry();
    m_charts->invalidate();
    scheduleHistograms(true);
}

void ChartsPanel::setView(const core::TimeAxis& axis) {
    if (m_hasView && axis == m_axis) return;
    // A view that only grows at its end (the timeline following a live run)
    // does not restart the histograms' wait, or they would never come.
    const bool moved = !m_hasView || axis.t0() != m_axis.t0() || axis.t1() < m_axis.t1();
    m_axis = axis;
    m_hasView = true;
    m_charts->invalidate();
    if (!m_selection) scheduleHistograms(moved);
}

void ChartsPanel::setCursor(std::optional<std::uint64_t> t) {
    if (t == m_cursor) return;
    m_cursor = t;
    m_charts->invalidate();
}

void ChartsPanel::setSelection(std::optional<std::pair<std::uint64_t, std::uint64_t>> range) {
    if (range && range->first > range->second) std::swap(range->first, range->second);
    if (range == m_selection) return;
    m_selection = range;
    m_charts->invalidate();
    scheduleHistograms(true);
}

void ChartsPanel::setScale(double scale) {
    m_scale = std::max(0.5, scale);
    m_pollHist->setScale(m_scale);
    m_delayHist->setScale(m_scale);
    m_charts->updateGeometry();
    m_charts->invalidate();
}

void ChartsPanel::setHistogramsBelow(bool below) {
    m_splitter->setOrientation(below ? Qt::Vertical : Qt::Horizontal);
    m_histBox->setDirection(below ? QBoxLayout::LeftToRight : QBoxLayout::TopToBottom);
    m_charts->invalidate();
}

void ChartsPanel::refresh() {
    m_charts->invalidate();
    scheduleHistograms(false);
}

void ChartsPanel::retranslate() {
    m_pollHist->setTexts(QCoreApplication::translate("Charts", "Poll duration"),
                         QCoreApplication::translate("Charts", "polls"), pollDurationHelp());
    m_delayHist->setTexts(
        QCoreApplication::translate("Charts", "Scheduling delay (wake → next poll)"),
        QCoreApplication::translate("Charts", "wakes"), schedulingDelayHelp());
    m_caption->setToolTip(wrapped(QCoreApplication::translate(
        "Charts",
        "The histograms count the polls that start, and the wakes that happen, in the "
        "selected range; without a selection, in the visible range. Their x axis is "
        "logarithmic: each step to the right is a larger multiple, so microseconds and "
        "seconds fit in one picture.")));
    updateCaption();
    m_charts->invalidate();
}

void ChartsPanel::changeEvent(QEvent* e) {
    if (e->type() == QEvent::LanguageChange) retranslate();
    QWidget::changeEvent(e);
}

ChartsPanel::Signature ChartsPanel::signature() const {
    Signature s;
    s.model = m_model;
    s.counters = m_counters;
    if (m_model) {
        s.end = m_model->endTime();
        s.polls = m_model->pollCount();
        s.wakes = m_model->wakes().size();
        s.steals = m_model->steals().size();
        s.workers = m_model->workers().size();
    }
    if (m_counters) s.samples = m_counters->samples();
    return s;
}

bool ChartsPanel::syncModel() {
    const Signature s = signature();
    if (s == m_indexed) return false;
    if (m_model) {
        if (s.model != m_indexed.model || s.counters != m_indexed.counters)
            m_index = core::StatsIndex(*m_model, m_counters);
        else
            m_index.update(*m_model, m_counters);
    }
    m_indexed = s;
    return true;
}

core::TimeAxis ChartsPanel::canvasAxis(double width) const {
    const double gutter = core::timelineGutter(m_scale);
    const double plotWidth = std::max(10.0, width - gutter - 12);
    if (!m_hasView) {
        const double end =
            m_model ? static_cast<double>(std::max<std::uint64_t>(m_model->endTime(), 1000)) : 1e6;
        return core::TimeAxis(0, end, plotWidth, gutter);
    }
    // The timeline's own pixels when they fit: the same time at the same x.
    if (m_axis.left() >= 0 && m_axis.right() <= width + 0.5) return m_axis;
    return core::TimeAxis(m_axis.t0(), m_axis.t1(), plotWidth, gutter);
}

const core::ChartSeries& ChartsPanel::seriesFor(const core::TimeAxis& axis) {
    syncModel();
    if (!m_model) {
        m_series = {};
        m_seriesKey.reset();
        return m_series;
    }
    const SeriesKey key{axis.t0(), axis.t1(), core::chartBucketCount(axis), m_indexed};
    if (m_seriesKey != key) {
        m_series = core::chartSeries(*m_model, m_index, m_counters, key.t0, key.t1, key.buckets);
        m_seriesKey = key;
    }
    return m_series;
}

std::pair<std::uint64_t, std::uint64_t> ChartsPanel::wantedHistogramRange() const {
    if (!m_model) return {0, 0};
    if (m_selection) return *m_selection;
    if (!m_hasView) return {0, m_model->endTime()};
    const double end = static_cast<double>(m_model->endTime());
    return {static_cast<std::uint64_t>(std::llround(std::clamp(m_axis.t0(), 0.0, end))),
            static_cast<std::uint64_t>(std::llround(std::clamp(m_axis.t1(), 0.0, end)))};
}

void ChartsPanel::scheduleHistograms(bool restart) {
    const auto range = wantedHistogramRange();
    if (m_histKey && m_histKey->first == range && m_histKey->second == signature()) {
        m_histTimer->stop();
        return;
    }
    // A moving range restarts the wait; a growing run does not, so that a
    // live run's histograms still follow it.
    if (restart || !m_histTimer->isActive()) m_histTimer->start();
}

void ChartsPanel::updateHistogramsNow() {
    m_histTimer->stop();
    m_histRange = wantedHistogramRange();
    if (m_model) {
        m_polls = core::pollDurations(*m_model, m_histRange.first, m_histRange.second);
        m_delays = core::schedulingDelays(*m_model, m_histRange.first, m_histRange.second);
    } else {
        m_polls = m_delays = {};
    }
    m_histKey = std::make_pair(m_histRange, signature());
    updateCaption();
    m_pollHist->invalidate();
    m_delayHist->invalidate();
}

void ChartsPanel::updateCaption() {
    if (!m_model) {
        m_caption->clear();
        return;
    }
    const auto [a, b] = m_histRange;
    const QString from = duration(static_cast<double>(a));
    const QString to = duration(static_cast<double>(b));
    const QString len = duration(static_cast<double>(b - std::min(a, b)));
    if (m_selection)
        m_caption->setText(QCoreApplication::translate("Charts", "In the selection: %1 to %2 (%3)")
                               .arg(from, to, len));
    else if (a == 0 && b >= m_model->endTime())
        m_caption->setText(
            QCoreApplication::translate("Charts", "Over the whole run (%1)").arg(len));
    else
        m_caption->setText(
            QCoreApplication::translate("Charts", "In the visible range: %1 to %2 (%3)")
                .arg(from, to, len));
}

}  // namespace asyncscope::gui
