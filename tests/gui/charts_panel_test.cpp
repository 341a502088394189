// The Charts panel end to end (Qt Test, offscreen, no main window): a
// recorded lesson run under the virtual clock, its counter tracks from the
// engine's one pass, charted on a given time axis; the histograms of the
// selection after their settling delay; a click asks to move the cursor.
#include "panels/charts_panel.hpp"

#include <chart_painter.hpp>
#include <run_stats.hpp>
#include <time_axis.hpp>
#include <timeline_model.hpp>
#include <timeline_painter.hpp>

#include <asyncscope/scenario/library.hpp>
#include <asyncscope/scenario/live_run.hpp>
#include <asyncscope/scenario/loader.hpp>

#include <QApplication>
#include <QSignalSpy>
#include <QTest>

#include <memory>

namespace core = asyncscope::core;
namespace scenario = asyncscope::scenario;
namespace trace = asyncscope::trace;
using asyncscope::gui::ChartsPanel;

namespace {

// 12 tasks take turns on one mutex on 4 workers, about 11 of them queued on
// it at any time (the built-in lesson).
std::shared_ptr<scenario::RecordedRun> recordContention() {
    const scenario::BuiltinScenario* b = scenario::findBuiltin("mutex-contention");
    if (!b) return nullptr;
    scenario::LoadResult loaded = scenario::loadBuiltin(*b);
    if (!loaded.ok()) return nullptr;
    scenario::Scenario sc = std::move(*loaded.scenario);
    sc.base.settings.runtime.clock = asyncscope::ClockKind::Virtual;
    return std::make_shared<scenario::RecordedRun>(scenario::recordRun(sc.base, {}));
}

}  // namespace

class ChartsPanelTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        m_run = recordContention();
        QVERIFY(m_run);
        QVERIFY(m_run->result.end == scenario::RunEnd::Completed);
        m_model = std::make_unique<core::TimelineModel>(*m_run);
    }

    void countersComeWithTheRun() {
        const trace::CounterTracks& c = m_run->counters;
        QVERIFY(!c.lockWaiters.empty());
        std::uint32_t most = 0;
        for (const trace::CounterSample& s : c.lockWaiters.samples) most = std::max(most, s.value);
        QVERIFY2(most >= 10, qPrintable(QString::number(most)));
        // A recording opened from a file is analysed into the same tracks.
        const scenario::RecordedRun loaded = scenario::recordedRunOf(m_run->trace);
        QVERIFY(loaded.counters == c);
        // Over the whole run, the tasks spent far longer waiting for the
        // lock than running: the area under the waiters dwarfs the busy time.
        const core::ChartSeries s =
            core::chartSeries(*m_model, &c, 0, static_cast<double>(m_model->endTime()), 1);
        const core::RangeStats r = core::rangeStats(*m_model, 0, m_model->endTime());
        std::uint64_t busy = 0;
        for (const auto& w : r.workers) busy += w.busyNs;
        QVERIFY(s.lockWaitNs[0] > 5.0 * static_cast<double>(busy));
        QVERIFY(s.maxWaiters >= 10);
    }

    void chartsTheRunOnTheGivenAxis() {
        ChartsPanel p;
        p.resize(1400, 420);
        p.setSources(m_model.get(), &m_run->counters);
        p.show();
        QVERIFY(QTest::qWaitForWindowExposed(&p));
        auto* canvas = p.findChild<QWidget*>(QStringLiteral("ChartCanvas"));
        QVERIFY(canvas);
        const double gutter = core::timelineGutter(1.0);
        const double end = static_cast<double>(m_model->endTime());
        const core::TimeAxis axis(0, end, canvas->width() - gutter - 12, gutter);
        p.setView(axis);
        p.setCursor(m_model->endTime() / 2);
        const QImage img = canvas->grab().toImage();
        QVERIFY(!img.isNull());
        // The timeline's pixels, as they were given.
        const core::ChartDrawList& f = p.frame();
        QVERIFY(f.axis == axis);
        QCOMPARE(p.series().buckets, core::chartBucketCount(axis));
        QCOMPARE(f.rows.size(), m_model->workers().size() + 3);
        QVERIFY(f.cursor.has_value());
        QCOMPARE(f.cursor->line.x1(), axis.timeToX(static_cast<double>(m_model->endTime() / 2)));

        // A click asks for the instant under it.
        QSignalSpy seek(&p, &ChartsPanel::seekRequested);
        const int x = static_cast<int>(std::lround(axis.timeToX(end / 4)));
        QTest::mouseClick(canvas, Qt::LeftButton, {}, QPoint(x, canvas->height() / 2));
        QCOMPARE(seek.count(), 1);
        const auto asked = static_cast<double>(seek.at(0).at(0).value<std::uint64_t>());
        QVERIFY(std::fabs(asked - end / 4) <= axis.nsPerPixel());

        // The histograms follow the selection once it settles.
        const std::pair<std::uint64_t, std::uint64_t> sel{m_model->endTime() / 4,
                                                          m_model->endTime() / 2};
        p.setSelection(sel);
        QTRY_COMPARE_WITH_TIMEOUT(p.histogramRange(), sel, 2000);
        QCOMPARE(p.pollDurations().count,
                 core::pollDurations(*m_model, sel.first, sel.second).count);
        QCOMPARE(p.schedulingDelays().p99,
                 core::schedulingDelays(*m_model, sel.first, sel.second).p99);
        QVERIFY(p.pollDurations().count > 0);
        // Without a selection: the visible range, which here is the whole run.
        p.setSelection(std::nullopt);
        p.updateHistogramsNow();
        QCOMPARE(p.histogramRange(), std::make_pair(std::uint64_t{0}, m_model->endTime()));
        QCOMPARE(p.pollDurations().count, m_model->pollCount());

        // With the histograms below, the charts take the panel's whole width.
        p.setHistogramsBelow(true);
        QTRY_VERIFY(canvas->width() > 1300);
        const core::TimeAxis wide(0, end, canvas->width() - gutter - 12, gutter);
        p.setView(wide);
        QVERIFY(p.frame().axis == wide);
        // Back beside them, the charts are narrower than that axis: the same
        // range over their own width.
        p.setHistogramsBelow(false);
        QTRY_VERIFY(canvas->width() < 1300);
        const core::TimeAxis narrow = p.frame().axis;
        QCOMPARE(narrow.t0(), wide.t0());
        QCOMPARE(narrow.t1(), wide.t1());
        QVERIFY(narrow.right() <= canvas->width());

        // The same pointers again are a refresh, not a rebuild; none charts nothing.
        p.setSources(m_model.get(), &m_run->counters);
        QCOMPARE(p.series().buckets, core::chartBucketCount(p.frame().axis));
        p.setSources(nullptr, nullptr);
        p.updateHistogramsNow();
        QCOMPARE(p.pollDurations().count, std::size_t{0});
        QVERIFY(!canvas->grab().isNull());
    }

private:
    std::shared_ptr<scenario::RecordedRun> m_run;
    std::unique_ptr<core::TimelineModel> m_model;
};

QTEST_MAIN(ChartsPanelTest)
#include "charts_panel_test.moc"
