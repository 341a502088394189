// The Throughput panel: polls per second and tasks completed per second over
// runtime time, from the live model's samples (LiveModel::throughput()). It
// emits no signals; the window calls refresh() a few times a second while a
// run goes on and once when it ends.
#pragma once

#include <QChartView>

class QLineSeries;
class QValueAxis;

namespace asyncscope::gui {

class Session;

class ThroughputPanel final : public QChartView {
    Q_OBJECT
public:
    explicit ThroughputPanel(const Session& session, QWidget* parent = nullptr);
    void refresh();
    void retranslate();

    const QLineSeries* pollSeries() const noexcept { return m_polls; }
    const QLineSeries* completedSeries() const noexcept { return m_done; }

private:
    const Session& m_session;
    QLineSeries* m_polls = nullptr;
    QLineSeries* m_done = nullptr;
    QValueAxis* m_axisX = nullptr;
    QValueAxis* m_axisY = nullptr;
};

}  // namespace asyncscope::gui
