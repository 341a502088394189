#include "panels/throughput_panel.hpp"

#include "session.hpp"

#include <QChart>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>

namespace asyncscope::gui {

ThroughputPanel::ThroughputPanel(const Session& session, QWidget* parent)
    : QChartView(parent), m_session(session) {
    auto* chart = new QChart();
    chart->legend()->setAlignment(Qt::AlignBottom);
    m_polls = new QLineSeries(chart);
    m_done = new QLineSeries(chart);
    chart->addSeries(m_polls);
    chart->addSeries(m_done);
    m_axisX = new QValueAxis(chart);
    m_axisY = new QValueAxis(chart);
    m_axisX->setLabelFormat(QStringLiteral("%.2f"));
    m_axisY->setLabelFormat(QStringLiteral("%.0f"));
    chart->addAxis(m_axisX, Qt::AlignBottom);
    chart->addAxis(m_axisY, Qt::AlignLeft);
    for (QLineSeries* s : {m_polls, m_done}) {
        s->attachAxis(m_axisX);
        s->attachAxis(m_axisY);
    }
    chart->setMargins(QMargins(2, 2, 2, 2));
    setChart(chart);  // the view owns the chart from here on
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(160);
}

void ThroughputPanel::retranslate() {
    m_polls->setName(tr("polls/s"));
    m_done->setName(tr("tasks completed/s"));
    m_axisX->setTitleText(tr("runtime time (s)"));
}

void ThroughputPanel::refresh() {
    const auto& samples = m_session.model().throughput();
    QList<QPointF> polls, done;
    double maxY = 1, minX = 0, maxX = 0.001;
    for (const ThroughputSample& s : samples) {
        polls << QPointF(s.t, s.pollsPerSec);
        done << QPointF(s.t, s.completedPerSec);
        maxY = std::max({maxY, s.pollsPerSec, s.completedPerSec});
    }
    if (!samples.empty()) {
        minX = samples.front().t;
        maxX = std::max(samples.back().t, minX + 0.001);
    }
    // replace(), not clear() and append(): one repaint, not one per point.
    m_polls->replace(polls);
    m_done->replace(done);
    m_axisX->setRange(minX, maxX);
    m_axisY->setRange(0, maxY * 1.1);
}

}  // namespace asyncscope::gui
