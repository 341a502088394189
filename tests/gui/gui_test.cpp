// GUI tests (Qt Test, offscreen platform): the main window, running every
// built-in scenario to the end, pause and step, load errors, layout
// persistence, language switch, task selection, export, the library search
// and the findings. The panels' models have their own tests (panels_test.cpp).
//
// Settings go to a temporary directory: the tests never touch the user's.
#include "compare_window.hpp"
#include "inspector.hpp"
#include "main_window.hpp"
#include "models/findings_model.hpp"
#include "models/library_model.hpp"
#include "models/problems_model.hpp"
#include "panels/breakpoints_panel.hpp"
#include "panels/editor_panel.hpp"
#include "panels/guide_panel.hpp"
#include "panels/timeline_panel.hpp"
#include "run_stats.hpp"
#include "runtime_view.hpp"
#include "session.hpp"

#include <asyncscope/scenario/library.hpp>
#include <asyncscope/trace/state.hpp>

#include <QAction>
#include <QApplication>
#include <QChartView>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QMouseEvent>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTextCursor>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>

#include <csignal>
#include <functional>
#include <memory>

using namespace asyncscope;
using namespace asyncscope::core;
using asyncscope::gui::CompareWindow;
using asyncscope::gui::MainWindow;
using asyncscope::gui::Session;
using asyncscope::gui::TimelineCanvas;

namespace {

// Processes events until `pred` holds or `ms` pass; returns pred().
bool waitFor(const std::function<bool()>& pred, int ms) {
    QElapsedTimer t;
    t.start();
    while (!pred() && t.elapsed() < ms) QTest::qWait(10);
    return pred();
}

QString phaseName(Session::Phase p) {
    switch (p) {
    case Session::Phase::Empty: return QStringLiteral("Empty");
    case Session::Phase::Ready: return QStringLiteral("Ready");
    case Session::Phase::Running: return QStringLiteral("Running");
    case Session::Phase::Paused: return QStringLiteral("Paused");
    case Session::Phase::Finished: return QStringLiteral("Finished");
    }
    return {};
}

// The first difference between the view's state and the reducer's, or "".
QString diffStates(const trace::RuntimeState& view, const trace::RuntimeState& ref) {
    auto num = [](const char* what, std::uint64_t a, std::uint64_t b) {
        return QStringLiteral("%1: view %2, reducer %3").arg(QLatin1String(what)).arg(a).arg(b);
    };
    if (view.spawned != ref.spawned) return num("spawned", view.spawned, ref.spawned);
    if (view.completed != ref.completed) return num("completed", view.completed, ref.completed);
    if (view.failed != ref.failed) return num("failed", view.failed, ref.failed);
    if (view.cancelled != ref.cancelled) return num("cancelled", view.cancelled, ref.cancelled);
    if (view.polls != ref.polls) return num("polls", view.polls, ref.polls);
    if (view.steals != ref.steals) return num("steals", view.steals, ref.steals);
    if (view.time != ref.time) return num("time", view.time, ref.time);
    if (view.tasks.size() != ref.tasks.size())
        return num("task slots", view.tasks.size(), ref.tasks.size());
    for (std::size_t i = 0; i < ref.tasks.size(); ++i) {
        const trace::TaskInfo& a = view.tasks[i];
        const trace::TaskInfo& b = ref.tasks[i];
        if (a.phase != b.phase)
            return QStringLiteral("task %1 phase: view %2, reducer %3")
                .arg(i)
                .arg(QLatin1String(trace::toString(a.phase).data()))
                .arg(QLatin1String(trace::toString(b.phase).data()));
        if (a.polls != b.polls)
            return QStringLiteral("task %1 polls: view %2, reducer %3")
                .arg(i)
                .arg(a.polls)
                .arg(b.polls);
    }
    return {};
}

// A continuous workload: 4 tasks on 2 workers, each repeating 1 ms of CPU
// work and a yield (minutes of work: the tests stop it).
const char* kBusyScenario = R"({
  "version": 1,
  "title": {"en": "Busy workers", "zh": "忙碌的工作线程"},
  "description": {"en": "Four tasks keep two workers busy.", "zh": "四个任务让两个工作线程一直忙碌。"},
  "category": "scheduler",
  "difficulty": "beginner",
  "lesson": {
    "watch": {"en": "Polls.", "zh": "轮询。"},
    "meaning": {"en": "Nothing.", "zh": "没什么。"},
    "tokio": {"en": "yield_now().await", "zh": "yield_now().await"}
  },
  "config": {"workers": 2, "time_limit": "10s"},
  "templates": {
    "spinner": [
      {"step": "repeat", "count": 100000, "steps": [
        {"step": "compute", "duration": "1ms"},
        {"step": "yield"}
      ]}
    ]
  },
  "start": [{"template": "spinner", "count": 4}]
})";

bool writeFile(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

// The scenario names the library tree shows (leaves with a name), in order.
QStringList libraryLeaves(const QTreeView* tree) {
    QStringList names;
    const QAbstractItemModel* m = tree->model();
    std::function<void(const QModelIndex&)> walk = [&](const QModelIndex& parent) {
        for (int r = 0; r < m->rowCount(parent); ++r) {
            const QModelIndex i = m->index(r, 0, parent);
            if (m->rowCount(i) == 0) {
                const QString name = i.data(gui::LibraryModel::NameRole).toString();
                if (!name.isEmpty()) names << name;
            } else {
                walk(i);
            }
        }
    };
    walk({});
    return names;
}

// Writer holds `cache` 0-5 ms while reader waits for it from 1 ms; at 10 ms
// a hog blocks its worker for 20 ms. The breakpoint and guided-lesson tests
// put their own header in front of it.
const char* const kLockAndHog = R"(
            "resources": {"cache": {"kind": "mutex"}},
            "templates": {
                "main": [{"step": "spawn", "template": "writer"}, {"step": "spawn", "template": "reader"},
                         {"step": "sleep", "duration": "10ms"}, {"step": "spawn", "template": "hog"}, {"step": "join"},
                         {"step": "sleep", "duration": "20ms"}],
                "writer": [{"step": "lock", "resource": "cache"}, {"step": "sleep", "duration": "5ms"},
                           {"step": "unlock", "resource": "cache"}],
                "reader": [{"step": "sleep", "duration": "1ms"}, {"step": "lock", "resource": "cache"},
                           {"step": "unlock", "resource": "cache"}],
                "hog": [{"step": "blocking_sleep", "duration": "20ms"}]},
            "start": [{"template": "main"}]})";

int rowCount(const QAbstractItemView* view) {
    return view->model()->rowCount();
}

QtMessageHandler g_previousHandler = nullptr;
// The offscreen platform warns about this on every window shown: noise.
void quietHandler(QtMsgType type, const QMessageLogContext& ctx, const QString& msg) {
    if (type == QtWarningMsg && msg.contains(QLatin1String("does not support propagateSizeHints")))
        return;
    if (g_previousHandler) g_previousHandler(type, ctx, msg);
}

QTextBrowser* lessonBrowser(const MainWindow& w) {
    QDockWidget* d = w.dock(QStringLiteral("LessonDock"));
    return d ? qobject_cast<QTextBrowser*>(d->widget()) : nullptr;
}

}  // namespace

class GuiTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_settingsDir;
    QTemporaryDir m_files;

    // Opens a lesson as the window does, then plays it at real time (a lesson
    // starts at the slow motion it is best watched at).
    // Guided pauses off: these tests are about other things.
    static bool openAtRealTime(MainWindow& w, const QString& name) {
        if (!w.openScenario(name)) return false;
        w.setSlowdown(1);
        w.session().setGuided(false);
        return true;
    }

    std::unique_ptr<MainWindow> openWindow() {
        auto w = std::make_unique<MainWindow>();
        w->resize(1400, 900);
        w->show();
        return w;
    }

    // Starts the busy scenario and pauses it after ~100 ms of running (and
    // once the view saw polls: a loaded machine may start slowly).
    bool runBusyAndPause(MainWindow& w) {
        if (!w.session().loadText(QString::fromUtf8(kBusyScenario), QStringLiteral("busy.json")))
            return false;
        w.session().run();
        QTest::qWait(100);
        waitFor([&] { return w.session().model().state().polls > 0; }, 5000);
        w.session().pause();
        QTest::qWait(100);
        return w.session().phase() == Session::Phase::Paused;
    }

    static QString describe(const trace::RuntimeState& st) {
        QString out = QStringLiteral("spawned %1, polls %2, global %3;")
                          .arg(st.spawned)
                          .arg(st.polls)
                          .arg(st.global.size());
        for (std::size_t i = 0; i < st.workers.size(); ++i)
            out += QStringLiteral(" worker %1: running %2 lifo %3 local %4 parked %5;")
                       .arg(i)
                       .arg(st.workers[i].running.value())
                       .arg(st.workers[i].lifo.value())
                       .arg(st.workers[i].local.size())
                       .arg(st.workers[i].parked);
        return out;
    }

    // Everything the views read of a state, for "the same state" checks.
    static QString digest(const trace::RuntimeState& st) {
        QString out =
            describe(st) + QStringLiteral(" applied %1 time %2;").arg(st.applied).arg(st.time);
        for (const trace::TaskInfo& t : st.tasks)
            out += QStringLiteral(" t%1 p%2 w%3 q%4 a%5 n%6;")
                       .arg(t.id.value())
                       .arg(static_cast<int>(t.phase))
                       .arg(t.worker)
                       .arg(static_cast<int>(t.queue))
                       .arg(t.awaitPoint)
                       .arg(t.polls);
        return out;
    }

    // The lanes two timeline models draw: every poll, park, job, wake and steal.
    static QString lanes(const TimelineModel& m) {
        QString out;
        for (std::size_t w = 0; w < m.workers().size(); ++w) {
            out += QStringLiteral("W%1:").arg(w);
            for (const PollSpan& p : m.workers()[w].polls)
                out += QStringLiteral(" %1-%2 t%3 a%4 r%5 f%6")
                           .arg(p.start)
                           .arg(p.end)
                           .arg(p.task)
                           .arg(p.awaitPoint)
                           .arg(static_cast<int>(p.result))
                           .arg(p.flags);
            for (const Interval& p : m.workers()[w].parked)
                out += QStringLiteral(" P%1-%2").arg(p.start).arg(p.end);
            out += QLatin1Char('\n');
        }
        for (const BlockingLane& b : m.blockingThreads()) {
            out += QStringLiteral("B:");
            for (const JobSpan& j : b.jobs)
                out += QStringLiteral(" %1-%2 j%3").arg(j.start).arg(j.end).arg(j.job);
            out += QLatin1Char('\n');
        }
        for (const WakeMark& k : m.wakes())
            out += QStringLiteral("k%1 %2>%3 @%4 w%5;")
                       .arg(k.time)
                       .arg(k.waker)
                       .arg(k.task)
                       .arg(k.pollTime)
                       .arg(k.pollWorker);
        for (const StealMark& k : m.steals())
            out += QStringLiteral("s%1 %2<%3 n%4;")
                       .arg(k.time)
                       .arg(k.thief)
                       .arg(k.victim)
                       .arg(k.count);
        return out;
    }

private Q_SLOTS:
    void initTestCase() {
        // QTest installed its handler in qExec: filter in front of it.
        g_previousHandler = qInstallMessageHandler(quietHandler);
        QVERIFY(m_settingsDir.isValid());
        QVERIFY(m_files.isValid());
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("AsyncScopeTest"));
        QCoreApplication::setApplicationName(QStringLiteral("gui_tests"));
        QSettings::setDefaultFormat(QSettings::IniFormat);
        for (auto fmt : {QSettings::NativeFormat, QSettings::IniFormat})
            for (auto scope : {QSettings::UserScope, QSettings::SystemScope})
                QSettings::setPath(fmt, scope, m_settingsDir.path());
        QSettings s;
        QVERIFY2(s.fileName().startsWith(m_settingsDir.path()), qPrintable(s.fileName()));
    }

    void cleanupTestCase() { qInstallMessageHandler(g_previousHandler); }

    void init() {
        QSettings s;
        s.clear();
        s.sync();
    }

    // 1. The window opens with the default scenario, and the library lists
    //    every built-in scenario.
    void opensWithDefaultScenario() {
        auto w = openWindow();
        QVERIFY(QTest::qWaitForWindowExposed(w.get()));
        QVERIFY(w->isVisible());
        // As main() does: the default lesson.
        QVERIFY(w->openScenario(QString::fromLatin1(scenario::kDefaultScenario.data())));
        QCOMPARE(w->session().source(), QStringLiteral("builtin:tour"));
        QVERIFY(w->session().scenario());
        QCOMPARE(QString::fromStdString(w->session().scenario()->name), QStringLiteral("tour"));
        QCOMPARE(phaseName(w->session().phase()), phaseName(Session::Phase::Ready));
        QCOMPARE(rowCount(w->problemsList()), 0);
        const QStringList leaves = libraryLeaves(w->libraryTree());
        QCOMPARE(leaves.size(), static_cast<int>(scenario::builtinScenarios().size()));
        for (const scenario::BuiltinScenario& b : scenario::builtinScenarios())
            QVERIFY2(leaves.contains(QString::fromLatin1(b.name.data(), b.name.size())),
                     b.name.data());
        // A name that is neither a file nor a lesson: one problem, with no place.
        QVERIFY(!openAtRealTime(*w, QStringLiteral("no-such-lesson")));
        QCOMPARE(rowCount(w->problemsList()), 1);
        const QModelIndex problem = w->problemsList()->model()->index(0, 0);
        QCOMPARE(problem.data().toString(),
                 QStringLiteral("no-such-lesson: error: no such file, and no built-in scenario has "
                                "that name"));
        QCOMPARE(problem.data(gui::ProblemsModel::LineRole).toInt(), 0);
        QCOMPARE(w->session().source(), QStringLiteral("builtin:tour"));
    }

    // 1b. First contact: a lesson shows its runtime before Run, starts at the
    //     speed it is best watched at (key 1: real time and back), one click
    //     in the Library loads another, and Run goes on from what was shown.
    void firstContact() {
        auto w = openWindow();
        QVERIFY(QTest::qWaitForWindowExposed(w.get()));
        QVERIFY(w->openScenario(QStringLiteral("work-stealing")));
        QCOMPARE(w->session().slowdown(), 1000.0);
        QVERIFY(waitFor([&] { return w->session().model().state().workers.size() >= 4; }, 5000));
        QCOMPARE(phaseName(w->session().phase()), phaseName(Session::Phase::Ready));
        const trace::RuntimeState& before = w->session().model().state();
        QCOMPARE(before.polls, std::uint64_t{0});
        int spawned = 0;  // main: spawned, never polled
        for (const trace::TaskInfo& t : before.tasks) spawned += t.id.value() != 0;
        QCOMPARE(spawned, 1);
        QCOMPARE(before.tasks[1].polls, std::uint64_t{0});
        QCOMPARE(w->session().stepLabel(1).left(2), QStringLiteral("S0"));

        QTest::keyClick(w.get(), Qt::Key_1);
        QCOMPARE(w->session().slowdown(), 1.0);
        QTest::keyClick(w.get(), Qt::Key_1);
        QCOMPARE(w->session().slowdown(), 1000.0);

        QTreeView* tree = w->libraryTree();
        QModelIndex tour;
        std::function<void(const QModelIndex&)> find = [&](const QModelIndex& parent) {
            for (int r = 0; r < tree->model()->rowCount(parent); ++r) {
                const QModelIndex i = tree->model()->index(r, 0, parent);
                if (i.data(gui::LibraryModel::NameRole).toString() == QLatin1String("tour"))
                    tour = i;
                find(i);
            }
        };
        find({});
        QVERIFY(tour.isValid());
        tree->scrollTo(tour);
        QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualRect(tour).center());
        QCOMPARE(w->session().source(), QStringLiteral("builtin:tour"));
        QCOMPARE(w->session().slowdown(), 20.0);
        QCOMPARE(phaseName(w->session().phase()), phaseName(Session::Phase::Ready));

        w->setSlowdown(1);
        w->session().setGuided(false);  // the tour is a guided lesson
        w->session().run();
        QVERIFY(waitFor([&] { return w->session().phase() == Session::Phase::Finished; }, 60000));
        QVERIFY(w->session().result());
        QVERIFY(w->session().result()->end == scenario::RunEnd::Completed);
    }

    // 1c. Findings appear while the run goes on, marked on the timeline, and
    //     the next run starts with none.
    void findingsAppearLive() {
        auto w = openWindow();
        Session& s = w->session();
        QVERIFY(s.loadText(QStringLiteral(R"({"version": 1, "title": "t", "config": {"workers": 2},
            "templates": {"main": [{"step": "spawn", "template": "hog"}, {"step": "spawn", "template": "idle"}, {"step": "join"}],
                          "hog": [{"step": "blocking_sleep", "duration": "30ms"}],
                          "idle": [{"step": "sleep", "duration": "3600s"}]},
            "start": [{"template": "main"}]})"),
                           QStringLiteral("live.json")));
        w->setSlowdown(1);
        s.run();
        QVERIFY(waitFor([&] { return rowCount(w->findingsList()) > 0; }, 10000));
        QCOMPARE(phaseName(s.phase()), phaseName(Session::Phase::Running));
        QCOMPARE(s.findings().size(), std::size_t{1});
        QVERIFY(s.findings().front().kind == trace::FindingKind::BlockingTheRuntime);
        // Once the poll returned: its own finding, at its end (while it ran,
        // an ongoing one may have shown: LiveRun.ABlockingPollIsFound...).
        QVERIFY(waitFor([&] { return !s.findings().front().ongoing; }, 5000));
        QCOMPARE(s.findings().size(), std::size_t{1});
        QVERIFY(waitFor(
            [&] {
                return s.timelineModel() && !s.timelineModel()->findings().empty() &&
                       s.timelineModel()->findings().front().time == 30'000'000;
            },
            5000));
        s.restart();
        QVERIFY(s.findings().empty());
        QCOMPARE(rowCount(w->findingsList()), 0);
        s.stop();
        QVERIFY(waitFor([&] { return s.phase() == Session::Phase::Finished; }, 10000));
    }

    // 1d. Breakpoints: each kind set (two of them through the panel's form)
    //     pauses the live run exactly once, at its event, and the views show
    //     the state right after it; the panel and the status bar say which.
    void breakpointsPauseAtTheirEvents() {
        auto w = openWindow();
        Session& s = w->session();
        QVERIFY(
            s.loadText(QStringLiteral(R"({"version": 1, "title": "t", "config": {"workers": 2},)") +
                           QString::fromUtf8(kLockAndHog),
                       QStringLiteral("bp.json")));
        auto* panel = w->findChild<gui::BreakpointsPanel*>();
        QVERIFY(panel);
        // Through the form: contention on cache, a spawn of hog.
        panel->kindBox()->setCurrentIndex(static_cast<int>(trace::BreakKind::Contention));
        QCOMPARE(panel->nameBox()->count(), 1);  // the scenario's one lock
        QCOMPARE(panel->nameBox()->currentText(), QStringLiteral("cache"));
        panel->addFromForm();
        panel->kindBox()->setCurrentIndex(static_cast<int>(trace::BreakKind::Spawn));
        panel->nameBox()->setCurrentText(QStringLiteral("hog"));
        panel->addFromForm();
        panel->addFromForm();  // the same again: not added twice
        QCOMPARE(panel->list()->count(), 2);
        QCOMPARE(panel->list()->item(0)->text(), QStringLiteral("contention on cache"));
        trace::Breakpoint at{trace::BreakKind::Instant};
        at.at = 3'000'000;
        QVERIFY(s.addBreakpoint(at));
        QVERIFY(s.addBreakpoint({trace::BreakKind::Wake, "writer"}));
        trace::Breakpoint finding{trace::BreakKind::Finding};
        finding.finding = trace::FindingKind::BlockingTheRuntime;
        QVERIFY(s.addBreakpoint(finding));
        QCOMPARE(panel->list()->count(), 5);

        w->setSlowdown(20);
        s.run();
        std::vector<std::size_t> fired;
        while (true) {
            QVERIFY(waitFor([&] { return s.phase() != Session::Phase::Running; }, 30000));
            if (s.phase() == Session::Phase::Finished) {
                // A breakpoint made true as the run ended is shown at its
                // event, the run finished.
                if (const auto hit = s.lastBreak()) {
                    fired.push_back(hit->breakpoint);
                    QCOMPARE(s.cursorEvent(), hit->eventIndex + 1);
                }
                break;
            }
            QCOMPARE(phaseName(s.phase()), phaseName(Session::Phase::Paused));
            const auto hit = s.lastBreak();
            QVERIFY(hit);
            fired.push_back(hit->breakpoint);
            QVERIFY(panel->list()->item(static_cast<int>(hit->breakpoint))->font().bold());
            QVERIFY(w->statusBar()->currentMessage().startsWith(
                QStringLiteral("Paused at breakpoint: ")));
            // The views show the state right after the event (an instant: at it).
            const trace::Trace& rec = *s.recording();
            if (hit->breakpoint == 2) {
                QCOMPARE(*s.cursor(), std::uint64_t{3'000'000});
                QVERIFY(rec.at(hit->eventIndex).time <= 3'000'000);
            } else {
                QCOMPARE(s.cursorEvent(), hit->eventIndex + 1);
                const trace::Record r = rec.at(hit->eventIndex);
                if (hit->breakpoint == 0) QVERIFY(r.kind == EventKind::LockContend);
                if (hit->breakpoint == 1) QVERIFY(r.kind == EventKind::Spawn);
                if (hit->breakpoint == 3) QVERIFY(r.kind == EventKind::Wake);
            }
            QVERIFY(fired.size() <= 5);
            s.run();
        }
        // Each exactly once, in the order of their instants: contention at
        // 1 ms, t = 3 ms, writer's wake at 5 ms, hog's spawn at 10 ms, the
        // blocking finding at 20 ms.
        QCOMPARE(fired, (std::vector<std::size_t>{0, 2, 3, 1, 4}));
        QVERIFY(s.result()->end == scenario::RunEnd::Completed);
    }

    // 1e. A guided lesson pauses at each moment in order, highlights what it
    //     names, asks its prediction before it goes on, and says whether the
    //     answer was right.
    // Compare: the pitfall and its fix run side by side to the end; the delta
    // table holds each run's own numbers; one axis, one cursor; one image.
    // An open comparison follows the window's language and look, and opens
    // in the look the window has.
    void compareFollowsTheLanguageAndTheLook() {
        auto w = openWindow();
        QVERIFY(openAtRealTime(*w, QStringLiteral("mutex-vs-channel")));
        w->setColourBlind(true);
        CompareWindow* c = w->openCompare();
        QVERIFY(c);
        QVERIFY(c->view(CompareWindow::Left)->look().colourBlind);
        w->setHighContrast(true);
        QVERIFY(c->view(CompareWindow::Right)->look().highContrast);
        QVERIFY(c->timeline(CompareWindow::Right)->look().highContrast);
        w->setColourBlind(false);
        w->setHighContrast(false);
        QVERIFY(!c->view(CompareWindow::Left)->look().colourBlind);
        QVERIFY(c->windowTitle().startsWith(QStringLiteral("Compare — ")));
        const QString variant = c->side(CompareWindow::Right).variant;
        w->setLanguage(QStringLiteral("zh"));
        QVERIFY2(c->windowTitle().startsWith(QStringLiteral("对比 — ")),
                 qPrintable(c->windowTitle()));
        QCOMPARE(c->side(CompareWindow::Right).variant, variant);  // the same side, renamed
        w->setLanguage(QStringLiteral("en"));
        QVERIFY(c->windowTitle().startsWith(QStringLiteral("Compare — ")));
    }

    void compareRunsBothSidesWithADeltaTable() {
        auto w = openWindow();
        QVERIFY(openAtRealTime(*w, QStringLiteral("mutex-vs-channel")));
        CompareWindow* c = w->openCompare();
        QVERIFY(c);
        QVERIFY(QTest::qWaitForWindowExposed(c));
        // The defaults: the base against the first variant.
        QCOMPARE(c->side(CompareWindow::Left).variant, QString());
        QVERIFY(!c->side(CompareWindow::Right).variant.isEmpty());
        c->setSide(CompareWindow::Left, {QStringLiteral("throughput-mutex"), 0, -1});
        c->setSide(CompareWindow::Right, {QStringLiteral("throughput-batched"), 0, -1});
        c->setSlowdown(1);
        QVERIFY(!c->compared());
        QSignalSpy done(c, &CompareWindow::comparedChanged);
        QTest::keyClick(c, Qt::Key_F5);
        QVERIFY(waitFor([&] { return c->compared(); }, 60000));
        QCOMPARE(done.count(), 1);
        Session& a = c->session(CompareWindow::Left);
        Session& b = c->session(CompareWindow::Right);
        QCOMPARE(a.variant(), QStringLiteral("throughput-mutex"));
        QCOMPARE(b.variant(), QStringLiteral("throughput-batched"));
        QVERIFY(a.phase() == Session::Phase::Finished && b.phase() == Session::Phase::Finished);

        // The table: each cell is that run's own number (the virtual clock
        // makes both runs exact: 166 ms against 67.5 ms).
        QTableWidget* t = c->table();
        auto row = [&](const QString& what) {
            for (int r = 0; r < t->rowCount(); ++r)
                if (t->item(r, 0)->text() == what) return r;
            return -1;
        };
        const int dur = row(QStringLiteral("Duration"));
        QVERIFY(dur >= 0);
        QCOMPARE(t->item(dur, 1)->text(), QStringLiteral("166 ms"));
        QCOMPARE(t->item(dur, 2)->text(), QStringLiteral("67.5 ms"));
        const double ea = static_cast<double>(a.timelineModel()->endTime());
        const double eb = static_cast<double>(b.timelineModel()->endTime());
        QCOMPARE(t->item(dur, 3)->text(), QStringLiteral("−%1% (%2× faster)")
                                              .arg(100 * (ea - eb) / ea, 0, 'f', 1)
                                              .arg(ea / eb, 0, 'f', 2));
        QVERIFY2(ea / eb > 2.4 && ea / eb < 2.5, qPrintable(QString::number(ea / eb)));
        const int polls = row(QStringLiteral("Polls"));
        QCOMPARE(t->item(polls, 1)->text(), QString::number(a.timelineModel()->pollCount()));
        QCOMPARE(t->item(polls, 2)->text(), QString::number(b.timelineModel()->pollCount()));
        const int steals = row(QStringLiteral("Steals"));
        QCOMPARE(t->item(steals, 1)->text(), QString::number(a.timelineModel()->steals().size()));
        const int delay = row(QStringLiteral("Longest scheduling delay"));
        QCOMPARE(
            t->item(delay, 1)->text(),
            QString::fromStdString(TimeAxis::formatDuration(static_cast<double>(
                schedulingDelays(*a.timelineModel(), 0, a.timelineModel()->endTime() + 1).max))));
        const int busy0 = row(QStringLiteral("Worker 0 busy"));
        QVERIFY(busy0 >= 0);
        const RangeStats sa = rangeStats(*a.timelineModel(), 0, a.timelineModel()->endTime());
        QCOMPARE(t->item(busy0, 1)->text(),
                 QStringLiteral("%1%").arg(100.0 * sa.workers[0].busy, 0, 'f', 1));
        // The mutex held across the write makes a convoy; the batched owner does not.
        const int findings = row(QStringLiteral("Findings"));
        QVERIFY2(t->item(findings, 1)->text().contains(QStringLiteral("lock_convoy")),
                 qPrintable(t->item(findings, 1)->text()));
        QVERIFY2(!t->item(findings, 2)->text().contains(QStringLiteral("lock_convoy")),
                 qPrintable(t->item(findings, 2)->text()));

        // One time axis: the longer run's; zooming one timeline moves the other.
        TimelineCanvas* la = c->timeline(CompareWindow::Left);
        TimelineCanvas* lb = c->timeline(CompareWindow::Right);
        QCOMPARE(la->axis().t1(), lb->axis().t1());
        QVERIFY2(lb->axis().t1() >= ea,
                 qPrintable(QStringLiteral("%1 %2 %3").arg(lb->axis().t1()).arg(ea).arg(eb)));
        la->zoomBy(4);
        QCOMPARE(lb->axis().t0(), la->axis().t0());
        QCOMPARE(lb->axis().t1(), la->axis().t1());
        QVERIFY(la->axis().span() < 60'000'000.0);
        // One cursor: a click on one timeline moves the other to that instant
        // (Home: both show the whole again).
        QTest::keyClick(la, Qt::Key_Home);
        QCOMPARE(lb->axis().t1(), la->axis().t1());
        QVERIFY(lb->fitting());
        const QPoint at(static_cast<int>(la->axis().timeToX(20'000'000.0)), 20);
        QTest::mouseClick(la, Qt::LeftButton, {}, at);
        QVERIFY(a.cursor() && b.cursor());
        QCOMPARE(*b.cursor(), *a.cursor());
        QVERIFY(*a.cursor() > 15'000'000 && *a.cursor() < 25'000'000);

        // The whole comparison as one picture.
        const QString png = m_files.filePath(QStringLiteral("compare.png"));
        QCOMPARE(c->exportImage(png, QSize(1280, 800)), QString());
        const QImage img(png);
        QCOMPARE(img.size(), QSize(2560, 1600));
        c->close();
    }

    // Presentation mode: the view, the timeline and the lesson in large type
    // and high contrast; it, its zoom and the two looks are remembered, and
    // leaving it brings back the layout and zoom it left.
    void presentationSettingsRoundTrip() {
        {
            auto w = openWindow();
            QVERIFY(QTest::qWaitForWindowExposed(w.get()));
            QVERIFY(openAtRealTime(*w, QStringLiteral("mutex-contention")));
            QVERIFY(w->dock(QStringLiteral("LibraryDock"))->isVisible());
            QVERIFY(!w->presenting());
            QVERIFY(w->runtimeView()->look() == Look{});
            QTest::keyClick(w.get(), Qt::Key_F12);
            QVERIFY(w->presenting());
            QVERIFY(!w->dock(QStringLiteral("LibraryDock"))->isVisible());
            QVERIFY(!w->dock(QStringLiteral("TasksDock"))->isVisible());
            QVERIFY(w->dock(QStringLiteral("LessonDock"))->isVisible());
            QVERIFY(w->dock(QStringLiteral("TimelineDock"))->isVisible());
            QCOMPARE(w->runtimeView()->scale(), 1.4);
            QVERIFY(w->runtimeView()->look().highContrast);
            QCOMPARE(w->palette().color(QPalette::Window), QColor(Qt::white));
            w->setColourBlind(true);
            QVERIFY(w->runtimeView()->look().colourBlind);
            QTest::keyClick(w.get(), Qt::Key_Plus,
                            Qt::ControlModifier);  // zoom in while presenting
            QCOMPARE(w->runtimeView()->scale(), 1.4 * 1.15);
            // The pictures follow the look: high contrast draws on white with
            // thicker borders; the timeline's frame too.
            const RuntimeDrawList& frame = w->runtimeView()->drawList();
            w->runtimeView()->repaint();
            QCOMPARE(frame.background, QColor(Qt::white));
            w->saveSettings();
        }
        auto w = openWindow();
        QVERIFY(QTest::qWaitForWindowExposed(w.get()));
        w->restoreSettings();
        QVERIFY(w->presenting());
        QCOMPARE(w->runtimeView()->scale(), 1.4 * 1.15);
        QVERIFY((w->runtimeView()->look() == Look{true, true}));
        QVERIFY(!w->dock(QStringLiteral("LibraryDock"))->isVisible());
        // F12 again: the layout and the zoom from before presenting.
        QTest::keyClick(w.get(), Qt::Key_F12);
        QVERIFY(!w->presenting());
        QVERIFY(w->dock(QStringLiteral("LibraryDock"))->isVisible());
        QCOMPARE(w->runtimeView()->scale(), 1.0);
        QVERIFY((w->runtimeView()->look() == Look{false, true}));  // colour-blind stays
        QVERIFY(w->palette().color(QPalette::Window) != QColor(Qt::white) ||
                QApplication::palette().color(QPalette::Window) == QColor(Qt::white));
        w->setColourBlind(false);
        w->saveSettings();
        QSettings s;
        QCOMPARE(s.value(QStringLiteral("presentation/on")).toBool(), false);
        QCOMPARE(s.value(QStringLiteral("presentation/scale")).toDouble(), 1.4 * 1.15);
        QCOMPARE(s.value(QStringLiteral("colourBlind")).toBool(), false);
        s.remove(QStringLiteral("presentation"));
        s.remove(QStringLiteral("scale"));
    }

    // Unsaved work survives kill -9: a process with an edited, autosaved
    // scenario is killed; the next window finds its file, restores the text
    // as unsaved work and loads it, and takes the file over.
    void autosaveRestoredAfterKill() {
        QProcess child;
        child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--autosave-child")});
        QVERIFY(child.waitForStarted(10000));
        QByteArray out;
        QVERIFY(waitFor(
            [&] {
                child.waitForReadyRead(100);
                out += child.readAllStandardOutput();
                return out.contains("ready");
            },
            30000));
        const qint64 pid = child.processId();
        QVERIFY(::kill(static_cast<pid_t>(pid), SIGKILL) == 0);
        QVERIFY(child.waitForFinished(10000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);

        auto w = openWindow();
        std::vector<gui::Autosave::Entry> mine;
        for (const auto& e : w->autosave().leftBehind())
            if (e.pid == pid) mine.push_back(e);
        QCOMPARE(mine.size(), std::size_t{1});
        QVERIFY(mine[0].text.contains(QStringLiteral("Restored ")));
        QCOMPARE(mine[0].path, QString());  // a built-in lesson, not saved anywhere yet
        QCOMPARE(mine[0].name, QStringLiteral("mutex-contention.json"));
        w->restoreAutosave(mine[0]);
        QCOMPARE(w->editor()->toPlainText(), mine[0].text);
        QVERIFY(w->editor()->document()->isModified());
        QVERIFY(QString::fromStdString(w->session().scenario()->title.in("en"))
                    .startsWith(QStringLiteral("Restored ")));
        for (const auto& e : w->autosave().leftBehind()) QVERIFY(e.pid != pid);
        // Kept again by this process until it is saved; a normal close with
        // the work saved (here: set aside) leaves no autosave behind.
        QVERIFY(QFile::exists(
            QDir(w->autosave().dir())
                .filePath(
                    QStringLiteral("autosave-%1.json").arg(QCoreApplication::applicationPid()))));
        const QString saved = m_files.filePath(QStringLiteral("restored.json"));
        QCOMPARE(w->saveEditorTo(saved), QString());
        w->autosaveNow();
        QVERIFY(!QFile::exists(
            QDir(w->autosave().dir())
                .filePath(
                    QStringLiteral("autosave-%1.json").arg(QCoreApplication::applicationPid()))));
    }

    // File → New Scenario: a minimal scenario or a copy of a lesson, unsaved
    // (closing asks, autosave keeps it), loaded and runnable at once.
    void newScenarioStartsFromMinimalOrACopy() {
        auto w = openWindow();
        QVERIFY(w->newScenarioFrom(QString()));
        QVERIFY(w->editor()->document()->isModified());
        QCOMPARE(QString::fromStdString(w->session().scenario()->title.in("en")),
                 QStringLiteral("My scenario"));
        QCOMPARE(QString::fromStdString(w->session().scenario()->name), QStringLiteral("untitled"));
        w->setSlowdown(1);
        w->session().run();
        QVERIFY(waitFor([&] { return w->session().phase() == Session::Phase::Finished; }, 20000));
        QVERIFY(w->session().result()->end == scenario::RunEnd::Completed);
        w->editor()->document()->setModified(false);  // set aside, so no question
        QVERIFY(w->newScenarioFrom(QStringLiteral("wakers")));
        const auto* b = scenario::findBuiltin("wakers");
        QCOMPARE(w->editor()->toPlainText(),
                 QString::fromUtf8(b->text.data(), static_cast<qsizetype>(b->text.size())));
        QCOMPARE(QString::fromStdString(w->session().scenario()->name), QStringLiteral("wakers"));
        QVERIFY(w->editor()->document()->isModified());
        w->editor()->document()->setModified(false);
        QVERIFY(!w->newScenarioFrom(QStringLiteral("no-such-lesson")));
        QCOMPARE(QString::fromStdString(w->session().scenario()->name), QStringLiteral("wakers"));
    }

    // Run uses the document as it is in the editor, saved or not, and keeps
    // the selected variant; a text with errors does not run.
    void runUsesTheEditorsText() {
        auto w = openWindow();
        QVERIFY(QTest::qWaitForWindowExposed(w.get()));
        QVERIFY(openAtRealTime(*w, QStringLiteral("spawn-blocking")));
        QVERIFY(w->selectVariant(QStringLiteral("inline")));
        QString text = w->editor()->toPlainText();
        const int at = text.indexOf(QStringLiteral("\"en\": \"")) + 7;
        QTextCursor c(w->editor()->document());
        c.setPosition(at);
        c.insertText(QStringLiteral("Edited "));
        QTest::keyClick(w.get(), Qt::Key_F5);
        QVERIFY(QString::fromStdString(w->session().scenario()->title.in("en"))
                    .startsWith(QStringLiteral("Edited ")));
        QCOMPARE(w->session().variant(), QStringLiteral("inline"));
        QVERIFY(w->session().isLive() || w->session().phase() == Session::Phase::Finished);
        QVERIFY(w->editor()->document()->isModified());  // applied, not saved
        w->session().stop();
        QVERIFY(waitFor([&] { return w->session().phase() == Session::Phase::Finished; }, 10000));
        // Broken text: Problems says where, and nothing runs.
        c.movePosition(QTextCursor::End);
        c.insertText(QStringLiteral("}"));
        QTest::keyClick(w.get(), Qt::Key_F5);
        QVERIFY(rowCount(w->problemsList()) > 0);
        QVERIFY(w->session().phase() == Session::Phase::Finished);
        QVERIFY(QString::fromStdString(w->session().scenario()->title.in("en"))
                    .startsWith(QStringLiteral("Edited ")));
    }

    // The loader's errors are marked where they point in the editor: the
    // line tinted, the rest of it underlined, the message in the status line
    // while the cursor is on it; fixing and applying clears them.
    void errorsAreMarkedInTheEditor() {
        auto w = openWindow();
        QVERIFY(w->newScenarioFrom(QString()));
        auto* panel = w->findChild<gui::EditorPanel*>();
        QVERIFY(panel);
        QCOMPARE(panel->markCount(), std::size_t{0});
        QString text = w->editor()->toPlainText();
        const int line =
            static_cast<int>(
                text.left(text.indexOf(QStringLiteral("\"1ms\""))).count(QLatin1Char('\n'))) +
            1;
        text.replace(QStringLiteral("\"1ms\""), QStringLiteral("\"5 parsecs\""));
        w->editor()->setPlainText(text);
        QVERIFY(!w->applyEditor());
        QCOMPARE(panel->markCount(), std::size_t{1});
        const auto marks = w->editor()->extraSelections();
        QCOMPARE(marks.size(), 2);  // the tinted line and the underline
        QCOMPARE(marks[1].cursor.blockNumber() + 1, line);
        QCOMPARE(marks[1].cursor.selectedText().left(11), QStringLiteral("\"5 parsecs\""));
        QVERIFY(marks[1].format.underlineStyle() == QTextCharFormat::WaveUnderline);
        w->editor()->setTextCursor(marks[1].cursor);
        auto* status = panel->findChild<QLabel*>();
        QVERIFY(status);
        QVERIFY2(status->text().contains(QStringLiteral("error: ")), qPrintable(status->text()));
        text.replace(QStringLiteral("\"5 parsecs\""), QStringLiteral("\"2ms\""));
        w->editor()->setPlainText(text);
        QVERIFY(w->applyEditor());
        QCOMPARE(panel->markCount(), std::size_t{0});
        QVERIFY(w->editor()->extraSelections().isEmpty());
    }

    void guidedLessonPausesAtEachMoment() {
        auto w = openWindow();
        Session& s = w->session();
        QVERIFY(s.loadText(QStringLiteral(R"({"version": 1, "title": "t", "config": {"workers": 2},
            "moments": [
              {"when": {"wait": "reader", "on": "cache"}, "text": "reader waits", "highlight": {"tasks": ["reader"]}},
              {"when": {"at": "3ms"}, "text": "at 3 ms",
               "predict": {"question": "who wakes first?", "choices": ["reader", "writer"], "answer": 1, "why": "the timer of writer"}},
              {"when": {"wake": "writer"}, "text": "writer woke"},
              {"when": {"finding": "blocking_the_runtime"}, "text": "the hog"}],
)") + QString::fromUtf8(kLockAndHog),
                           QStringLiteral("guided.json")));
        QCOMPARE(s.moments().size(), std::size_t{4});
        auto* guide = w->findChild<gui::GuidePanel*>();
        QVERIFY(guide);
        QVERIFY(!guide->nextButton()->isEnabled());
        w->setSlowdown(20);
        s.run();
        std::vector<std::size_t> reached;
        std::vector<std::uint64_t> at;
        while (true) {
            QVERIFY(waitFor([&] { return s.phase() != Session::Phase::Running; }, 30000));
            if (s.phase() == Session::Phase::Finished) break;
            QVERIFY(s.currentMoment());
            reached.push_back(*s.currentMoment());
            at.push_back(*s.cursor());
            if (*s.currentMoment() == 0) {
                QCOMPARE(w->runtimeView()->highlighted().size(), std::size_t{1});
                QVERIFY(s.recording()->at(s.cursorEvent() - 1).kind == EventKind::LockContend);
            }
            if (*s.currentMoment() == 1) {
                // The prediction comes first: Next waits for an answer.
                QCOMPARE(guide->choices().size(), std::size_t{2});
                QVERIFY(!guide->nextButton()->isEnabled());
                guide->choices()[0]->click();
                QVERIFY(guide->verdict()->text().contains(QStringLiteral("Not quite")));
                QVERIFY(guide->verdict()->text().contains(QStringLiteral("the timer of writer")));
                QVERIFY(guide->nextButton()->isEnabled());
            }
            QVERIFY(reached.size() <= 4);
            QTest::keyClick(w.get(), Qt::Key_N);
        }
        QCOMPARE(reached, (std::vector<std::size_t>{0, 1, 2, 3}));
        QCOMPARE(at[0], std::uint64_t{1'000'000});
        QCOMPARE(at[1], std::uint64_t{3'000'000});
        QCOMPARE(at[2], std::uint64_t{5'000'000});
        QCOMPARE(at[3], std::uint64_t{30'000'000});
        QVERIFY(s.result()->end == scenario::RunEnd::Completed);
    }

    // 2. Every built-in scenario runs to the end, and what the view shows is
    //    what the reducer makes of the recording.
    void builtinScenarioRuns_data() {
        QTest::addColumn<QString>("name");
        for (const scenario::BuiltinScenario& b : scenario::builtinScenarios())
            QTest::newRow(std::string(b.name).c_str())
                << QString::fromLatin1(b.name.data(), static_cast<int>(b.name.size()));
    }
    void builtinScenarioRuns() {
        QFETCH(QString, name);
        auto w = openWindow();
        QVERIFY2(openAtRealTime(*w, name),
                 qPrintable(w->session().errors().join(QLatin1Char('\n'))));
        QCOMPARE(phaseName(w->session().phase()), phaseName(Session::Phase::Ready));
        w->session().run();
        QVERIFY(w->session().phase() == Session::Phase::Running ||
                w->session().phase() == Session::Phase::Finished);
        const bool done =
            waitFor([&] { return w->session().phase() == Session::Phase::Finished; }, 60000);
        QVERIFY2(
            done,
            qPrintable(QStringLiteral("still %1 after 60 s").arg(phaseName(w->session().phase()))));
        QTest::qWait(20);  // a few more frames: nothing may change any more
        const trace::Trace* t = w->session().trace();
        QVERIFY(t);
        QVERIFY(!t->empty());
        QVERIFY(w->session().result().has_value());
        // A run that ends stuck, deadlocked or out of time is shown as it was
        // at that instant, before the shutdown cancelled its tasks: up to the
        // recording's mark of the run's end (under the virtual clock the
        // shutdown comes at the same instant).
        const scenario::RunEnd end = w->session().result()->end;
        const bool frozenAtEnd = end == scenario::RunEnd::Deadlock ||
                                 end == scenario::RunEnd::Stuck ||
                                 end == scenario::RunEnd::TimedOut;
        const auto endTime = static_cast<std::uint64_t>(w->session().result()->elapsed.count());
        trace::RuntimeState ref;
        const trace::Reducer reducer(t);
        for (std::size_t i = 0; i < t->size(); ++i) {
            if (frozenAtEnd && t->at(i).time > endTime) break;
            reducer.apply(ref, t->at(i));
            if (frozenAtEnd && t->at(i).kind == asyncscope::EventKind::RunEnd) break;
        }
        QVERIFY(ref.spawned > 0);
        const QString diff = diffStates(w->session().model().state(), ref);
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
        if (name == QLatin1String("lock-ordering-deadlock")) {
            // The wait-for cycle is on screen: both locks held, each waited for.
            QCOMPARE(static_cast<int>(w->session().model().state().locks.size()), 2);
            for (const auto& [id, lock] : w->session().model().state().locks) {
                QVERIFY(lock.holder != trace::kNoTask);
                QCOMPARE(static_cast<int>(lock.waiters.size()), 1);
            }
        }
        qInfo("%s: %s, %zu events, %llu tasks, %llu polls", qPrintable(name),
              scenario::toString(w->session().result()->end).data(), t->size(),
              static_cast<unsigned long long>(ref.spawned),
              static_cast<unsigned long long>(ref.polls));
    }

    // 3. Pause freezes the view; step lets exactly one poll happen.
    void pauseFreezesAndStepAdvancesOnePoll() {
        auto w = openWindow();
        QVERIFY(runBusyAndPause(*w));
        const auto& st = w->session().model().state();
        const std::uint64_t polls0 = st.polls;
        const std::uint64_t time0 = st.time;
        QVERIFY2(polls0 > 0, "the run polled nothing in 100 ms");
        QTest::qWait(200);
        QCOMPARE(st.polls, polls0);
        QCOMPARE(st.time, time0);
        QCOMPARE(phaseName(w->session().phase()), phaseName(Session::Phase::Paused));
        // Once the last arrows faded out, the picture stands still too.
        QTest::qWait(static_cast<int>(gui::LiveModel::kArrowLifetime * 1000) + 100);
        const QImage a = w->runtimeView()->grab().toImage();
        QTest::qWait(200);
        const QImage b = w->runtimeView()->grab().toImage();
        QVERIFY(!a.isNull());
        QVERIFY2(a == b, "the paused view changed");
        QCOMPARE(st.polls, polls0);

        w->session().step();
        QVERIFY2(waitFor([&] { return st.polls != polls0; }, 2000), "step did not poll within 2 s");
        QCOMPARE(st.polls, polls0 + 1);
        QTest::qWait(100);
        QCOMPARE(st.polls, polls0 + 1);
        QCOMPARE(phaseName(w->session().phase()), phaseName(Session::Phase::Paused));
        // And again: one more.
        w->session().step();
        QVERIFY(waitFor([&] { return st.polls != polls0 + 1; }, 2000));
        QTest::qWait(100);
        QCOMPARE(st.polls, polls0 + 2);
        // Stop never waits for the engine: the run ends on its own thread and
        // the next frame shows it finished.
        w->session().stop();
        QVERIFY(waitFor([&] { return w->session().phase() == Session::Phase::Finished; }, 10000));
        QVERIFY(w->session().result()->end == scenario::RunEnd::Stopped);
    }

    // 4. A malformed file shows its errors in Problems and is not run.
    void malformedFileShowsProblems_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("where");
        QTest::addColumn<QString>("message");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::newRow("syntax") << QStringLiteral("bad-syntax.json")
                                << QByteArray("{\n  \"version\": 1,\n  \"title\": @\n}\n")
                                << QStringLiteral(":3:12: error:")
                                << QStringLiteral("expected a value, found '@'") << 3 << 12;
        QTest::newRow("unknown-field") << QStringLiteral("bad-field.json") << QByteArray(R"({
  "version": 1,
  "title": {"en": "Minimal", "zh": "最小场景"},
  "description": {"en": "One task that yields once.", "zh": "一个任务让出一次。"},
  "category": "tasks",
  "difficulty": "beginner",
  "lesson": {
    "watch": {"en": "One task.", "zh": "一个任务。"},
    "meaning": {"en": "Nothing else.", "zh": "没有别的。"},
    "tokio": {"en": "yield_now().await", "zh": "yield_now().await"}
  },
  "templates": {"main": [{"step": "yield"}]},
  "start": [{"template": "main"}],
  "author": "someone"
}
)") << QStringLiteral(":14:3: error:") << QStringLiteral("unknown field \"author\"")
                                       << 14 << 3;
    }
    void malformedFileShowsProblems() {
        QFETCH(QString, file);
        QFETCH(QByteArray, text);
        QFETCH(QString, where);
        QFETCH(QString, message);
        QFETCH(int, line);
        QFETCH(int, column);
        const QString path = m_files.filePath(file);
        QVERIFY(writeFile(path, text));
        auto w = openWindow();
        QVERIFY(openAtRealTime(*w, QStringLiteral("tour")));
        const scenario::Scenario* before = w->session().scenario();
        QVERIFY(!openAtRealTime(*w, path));
        QCOMPARE(rowCount(w->problemsList()), 1);
        const QModelIndex problem = w->problemsList()->model()->index(0, 0);
        const QString shown = problem.data().toString();
        QVERIFY2(shown.startsWith(QFileInfo(path).absoluteFilePath() + where), qPrintable(shown));
        QVERIFY2(shown.contains(message), qPrintable(shown));
        // The place is carried as numbers, not as text to parse.
        QCOMPARE(problem.data(gui::ProblemsModel::FileRole).toString(),
                 QFileInfo(path).absoluteFilePath());
        QCOMPARE(problem.data(gui::ProblemsModel::LineRole).toInt(), line);
        QCOMPARE(problem.data(gui::ProblemsModel::ColumnRole).toInt(), column);
        QVERIFY(problem.data(gui::ProblemsModel::MessageRole).toString().contains(message));
        QDockWidget* problems = w->dock(QStringLiteral("ProblemsDock"));
        QVERIFY(problems && !problems->isHidden());
        // Not run; the previous scenario is still the one loaded.
        QCOMPARE(phaseName(w->session().phase()), phaseName(Session::Phase::Ready));
        QVERIFY(w->session().scenario() == before);
        QCOMPARE(w->session().source(), QStringLiteral("builtin:tour"));
        QCOMPARE(QString::fromStdString(w->session().scenario()->name), QStringLiteral("tour"));
        QTest::qWait(50);
        QCOMPARE(phaseName(w->session().phase()), phaseName(Session::Phase::Ready));
        QVERIFY(!w->session().trace());
        // The editor shows the broken file; clicking the problem puts the
        // cursor on its line and column.
        QPlainTextEdit* editor = w->editor();
        QCOMPARE(editor->toPlainText().toUtf8(), text);
        QCOMPARE(editor->textCursor().blockNumber(), 0);
        QListView* list = w->problemsList();
        QTest::mouseClick(list->viewport(), Qt::LeftButton, Qt::NoModifier,
                          list->visualRect(problem).center());
        QCOMPARE(editor->textCursor().blockNumber() + 1, line);
        QCOMPARE(editor->textCursor().positionInBlock() + 1, column);
        QDockWidget* editorDock = w->dock(QStringLiteral("EditorDock"));
        QVERIFY(editorDock && !editorDock->isHidden());
        // A good file afterwards clears the problems.
        QVERIFY(openAtRealTime(*w, QStringLiteral("wakers")));
        QCOMPARE(rowCount(w->problemsList()), 0);
    }

    // A scenario that loads with a warning (a spawned task keeping a blocking
    // guard across an await: not Send) runs, and Problems shows the warning
    // at its place until a scenario without one is loaded.
    void loadWarningsAreShownAndTheScenarioStillLoads() {
        auto w = openWindow();
        QVERIFY(openAtRealTime(*w, QStringLiteral("blocking-guard-across-await")));
        QCOMPARE(phaseName(w->session().phase()), phaseName(Session::Phase::Ready));
        QCOMPARE(rowCount(w->problemsList()), 1);
        const QModelIndex problem = w->problemsList()->model()->index(0, 0);
        QVERIFY(problem.data(gui::ProblemsModel::WarningRole).toBool());
        const QString shown = problem.data().toString();
        QVERIFY2(shown.contains(QStringLiteral(": warning: templates.holder: rustc would reject "
                                               "spawning \"holder\"")),
                 qPrintable(shown));
        QCOMPARE(problem.data(gui::ProblemsModel::LineRole).toInt(), 82);
        QCOMPARE(problem.data(gui::ProblemsModel::ColumnRole).toInt(), 7);
        QDockWidget* problems = w->dock(QStringLiteral("ProblemsDock"));
        QVERIFY(problems && !problems->isHidden());
        QVERIFY(openAtRealTime(*w, QStringLiteral("wakers")));
        QCOMPARE(rowCount(w->problemsList()), 0);
    }

    // 5. Layout, speed and language survive a restart.
    void layoutPersists() {
        auto a = openWindow();
        QVERIFY(openAtRealTime(*a, QStringLiteral("tour")));
        QDockWidget* findings = a->dock(QStringLiteral("FindingsDock"));
        QDockWidget* lesson = a->dock(QStringLiteral("LessonDock"));
        QVERIFY(findings && lesson);
        QVERIFY(!findings->isHidden());
        QCOMPARE(a->dockWidgetArea(lesson), Qt::LeftDockWidgetArea);
        findings->hide();
        a->addDockWidget(Qt::RightDockWidgetArea, lesson);
        QCOMPARE(a->dockWidgetArea(lesson), Qt::RightDockWidgetArea);
        a->setSlowdown(50);
        QCOMPARE(a->session().slowdown(), 50.0);
        a->setLanguage(QStringLiteral("zh"));
        QTest::qWait(20);
        a->saveSettings();
        QSettings().sync();
        a.reset();

        auto b = openWindow();
        QDockWidget* findingsB = b->dock(QStringLiteral("FindingsDock"));
        QDockWidget* lessonB = b->dock(QStringLiteral("LessonDock"));
        QVERIFY(findingsB && lessonB);
        // The defaults first: the check below must see a change.
        QVERIFY(!findingsB->isHidden());
        QCOMPARE(b->dockWidgetArea(lessonB), Qt::LeftDockWidgetArea);
        QCOMPARE(b->language(), QStringLiteral("en"));
        b->restoreSettings();
        QTest::qWait(20);
        QVERIFY(findingsB->isHidden());
        QCOMPARE(b->dockWidgetArea(lessonB), Qt::RightDockWidgetArea);
        QVERIFY(!lessonB->isHidden());
        QVERIFY(!b->dock(QStringLiteral("LibraryDock"))->isHidden());
        QCOMPARE(b->dockWidgetArea(b->dock(QStringLiteral("LibraryDock"))), Qt::LeftDockWidgetArea);
        QCOMPARE(b->language(), QStringLiteral("zh"));
        QCOMPARE(b->session().language(), QStringLiteral("zh"));
        QCOMPARE(b->session().slowdown(), 50.0);
        b->setLanguage(QStringLiteral("en"));  // leave the application's translators as they were
    }

    // 6. Switching the language switches the lesson text.
    void languageSwitchesLesson() {
        auto w = openWindow();
        QVERIFY(openAtRealTime(*w, QStringLiteral("tour")));
        const scenario::Scenario* sc = w->session().scenario();
        QVERIFY(sc);
        const QString en = QString::fromStdString(sc->title.en);
        const QString zh = QString::fromStdString(sc->title.zh);
        QVERIFY(!zh.isEmpty() && zh != en);
        QTextBrowser* lesson = lessonBrowser(*w);
        QVERIFY(lesson);
        QVERIFY2(lesson->toPlainText().contains(en), qPrintable(lesson->toPlainText().left(200)));
        QVERIFY(!lesson->toPlainText().contains(zh));
        w->setLanguage(QStringLiteral("zh"));
        QCOMPARE(w->language(), QStringLiteral("zh"));
        QVERIFY2(lesson->toPlainText().contains(zh), qPrintable(lesson->toPlainText().left(200)));
        QVERIFY(!lesson->toPlainText().contains(en));
        // The watch text as shown: its `code` marks render as code, without the backticks.
        const QString watch =
            QString::fromStdString(sc->lesson.watch.zh).remove(QLatin1Char('`')).left(20);
        QVERIFY2(lesson->toPlainText().contains(watch), qPrintable(watch));
        // Every panel's own text is translated too (each panel has its own
        // translation context).
        QVERIFY(lesson->toPlainText().contains(QStringLiteral("观察要点")));
        auto lineEdit = [&](const char* dock) {
            return w->dock(QLatin1String(dock))->findChild<QLineEdit*>();
        };
        QCOMPARE(lineEdit("LibraryDock")->placeholderText(), QStringLiteral("搜索课程…"));
        QCOMPARE(lineEdit("TasksDock")->placeholderText(), QStringLiteral("筛选任务…"));
        auto* editorStatus = w->dock(QStringLiteral("EditorDock"))->findChild<QLabel*>();
        QVERIFY(editorStatus);
        QVERIFY2(editorStatus->text().contains(QStringLiteral("第 1 行，第 1 列")),
                 qPrintable(editorStatus->text()));
        QCOMPARE(w->dock(QStringLiteral("ChartsDock"))->windowTitle(), QStringLiteral("图表"));
        QCOMPARE(w->dock(QStringLiteral("TimelineDock"))->windowTitle(), QStringLiteral("时间线"));
        auto* live = w->findChild<QToolButton*>(QStringLiteral("BackToLive"));
        QVERIFY(live);
        QCOMPARE(live->text(), QStringLiteral("● 实时"));
        auto labelTexts = [](const QWidget* parent) {
            QStringList texts;
            for (const QLabel* l : parent->findChildren<QLabel*>()) texts << l->text();
            return texts;
        };
        QVERIFY(labelTexts(w->statusBar()).contains(QStringLiteral("准备运行")));
        auto* controls = w->findChild<QToolBar*>(QStringLiteral("ControlsToolBar"));
        QVERIFY(controls);
        QVERIFY(labelTexts(controls).contains(QStringLiteral(" 速度 ")));
        // The library lists the Chinese titles too.
        const QAbstractItemModel* library = w->libraryTree()->model();
        const QModelIndexList hits = library->match(library->index(0, 0), Qt::DisplayRole, zh, -1,
                                                    Qt::MatchExactly | Qt::MatchRecursive);
        QCOMPARE(hits.size(), 1);
        QCOMPARE(hits.first().data(gui::LibraryModel::NameRole).toString(), QStringLiteral("tour"));
        w->setLanguage(QStringLiteral("en"));
        QVERIFY(lesson->toPlainText().contains(en));
        QCOMPARE(lineEdit("LibraryDock")->placeholderText(), QStringLiteral("Search lessons…"));
        QVERIFY(labelTexts(controls).contains(QStringLiteral(" Speed ")));
    }

    // 7. Clicking a task in the runtime view selects it in the inspector.
    void clickSelectsTask() {
        auto w = openWindow();
        // Paused, no poll is in flight: the tasks wait in the LIFO slots and
        // local queues. A wide view, so that the queues have room for chips
        // (in a narrow one they collapse to "+N").
        w->resize(2200, 1000);
        QTest::qWait(20);
        QVERIFY(runBusyAndPause(*w));
        gui::RuntimeView* view = w->runtimeView();
        QVERIFY2(view->width() >= 1200, qPrintable(QString::number(view->width())));
        QCOMPARE(w->inspector()->task(), 0u);
        (void)view->grab();  // paints, and so lays out the hit items
        QPoint at;
        std::uint64_t task = 0;
        for (int y = 0; y < view->height() && !task; y += 4)
            for (int x = 0; x < view->width(); x += 4) {
                const gui::HitItem* h = view->itemAt(QPointF(x, y));
                if (h && h->kind == gui::HitItem::Kind::Task) {
                    QVERIFY(h->ref.task());
                    at = QPoint(x, y);
                    task = h->ref.task()->value();
                    break;
                }
            }
        QVERIFY2(task, qPrintable(QStringLiteral("no task drawn in the runtime view (%1x%2): %3")
                                      .arg(view->width())
                                      .arg(view->height())
                                      .arg(describe(w->session().model().state()))));
        QVERIFY(w->session().model().state().task(trace::TaskId(static_cast<std::uint32_t>(task))));
        QTest::mouseClick(view, Qt::LeftButton, Qt::NoModifier, at);
        QCOMPARE(view->selected(), static_cast<std::uint32_t>(task));
        QCOMPARE(w->inspector()->task(), static_cast<std::uint32_t>(task));
        // A click on empty space clears the selection.
        QTest::mouseClick(view, Qt::LeftButton, Qt::NoModifier, QPoint(2, view->height() - 2));
        QCOMPARE(view->selected(), 0u);
        QCOMPARE(w->inspector()->task(), 0u);
        w->session().stop();
    }

    // 8. Export writes PNG, SVG and PDF files; the PNG shows the workers.
    void exportView() {
        auto w = openWindow();
        QVERIFY(runBusyAndPause(*w));
        QVERIFY(w->session().workerCount() == 2);
        const QSize size(1200, 800);
        for (const char* ext : {"png", "svg", "pdf"}) {
            const QString path = m_files.filePath(QStringLiteral("view.") + QLatin1String(ext));
            QFile::remove(path);
            const QString err = w->exportView(path, size);
            QVERIFY2(err.isEmpty(), qPrintable(err));
            QVERIFY2(QFileInfo(path).size() > 0, ext);
            QVERIFY(!QFileInfo::exists(path + QStringLiteral(".part")));
        }
        QFile svg(m_files.filePath(QStringLiteral("view.svg")));
        QVERIFY(svg.open(QIODevice::ReadOnly));
        QVERIFY(svg.readAll().contains("<svg"));
        QFile pdf(m_files.filePath(QStringLiteral("view.pdf")));
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        QVERIFY(pdf.read(5) == "%PDF-");

        QImage img(m_files.filePath(QStringLiteral("view.png")));
        QVERIFY(!img.isNull());
        QCOMPARE(img.size(), size * 2);  // exported at twice the resolution
        // The background, and the first worker lane (left of the side panel,
        // below the header).
        const QRgb background = qRgb(0xfa, 0xfa, 0xf7);
        QCOMPARE(img.pixel(4, 4) & 0xffffff, background & 0xffffff);
        const QRect lane(QPoint(20 * 2, 40 * 2), QPoint(700 * 2, 60 * 2));
        int differ = 0;
        for (int y = lane.top(); y <= lane.bottom(); ++y)
            for (int x = lane.left(); x <= lane.right(); ++x)
                if ((img.pixel(x, y) & 0xffffff) != (background & 0xffffff)) ++differ;
        QVERIFY2(differ > lane.width() * lane.height() / 2,
                 qPrintable(QStringLiteral("%1 of %2 pixels differ from the background")
                                .arg(differ)
                                .arg(lane.width() * lane.height())));
        // Unwritable target: an error, not a crash.
        QVERIFY(!w->exportView(m_files.filePath(QStringLiteral("no/such/dir/view.png")), size)
                     .isEmpty());
        w->session().stop();
    }

    // 9. The library's search box filters by English and Chinese titles, and
    //    activating a lesson opens it.
    void librarySearchOpensLesson() {
        auto w = openWindow();
        QVERIFY(openAtRealTime(*w, QStringLiteral("tour")));
        QDockWidget* dock = w->dock(QStringLiteral("LibraryDock"));
        QVERIFY(dock);
        auto* search = dock->findChild<QLineEdit*>();
        QVERIFY(search);
        QTreeView* tree = w->libraryTree();
        const int categories = tree->model()->rowCount();
        QVERIFY(categories > 1);
        // One lesson by its Chinese title, whatever the UI language.
        search->setText(QStringLiteral("加锁顺序"));
        QCOMPARE(libraryLeaves(tree), QStringList{QStringLiteral("lock-ordering-deadlock")});
        QCOMPARE(tree->model()->rowCount(), 1);
        const QModelIndex category = tree->model()->index(0, 0);
        QVERIFY(tree->isExpanded(category));
        // The same lesson by its English title, in any case.
        search->setText(QStringLiteral("TWO MUTEXES, TWO ORDERS"));
        QCOMPARE(libraryLeaves(tree), QStringList{QStringLiteral("lock-ordering-deadlock")});
        search->setText(QStringLiteral("no lesson is called this"));
        QCOMPARE(tree->model()->rowCount(), 0);
        search->clear();
        QCOMPARE(tree->model()->rowCount(), categories);
        QCOMPARE(libraryLeaves(tree).size(), static_cast<int>(scenario::builtinScenarios().size()));

        search->setText(QStringLiteral("lock-ordering"));
        const QModelIndex lesson = tree->model()->index(0, 0, tree->model()->index(0, 0));
        QCOMPARE(lesson.data(gui::LibraryModel::NameRole).toString(),
                 QStringLiteral("lock-ordering-deadlock"));
        Q_EMIT tree->activated(lesson);
        QCOMPARE(w->session().source(), QStringLiteral("builtin:lock-ordering-deadlock"));
        QVERIFY(w->editor()->toPlainText().contains(QLatin1String("transfer_a_to_b")));
        QVERIFY(lessonBrowser(*w)->toPlainText().contains(
            QStringLiteral("Lock ordering: two mutexes, two orders, one deadlock")));
    }

    // 10. After a run the findings are listed in plain words, in the UI's
    //     language; selecting one highlights its tasks and inspects the first.
    void findingsListAndSelectTasks() {
        auto w = openWindow();
        QVERIFY(openAtRealTime(*w, QStringLiteral("lock-ordering-deadlock")));
        QTreeView* list = w->findingsList();
        QCOMPARE(rowCount(list), 0);  // nothing to say before a run
        w->session().run();
        QVERIFY(waitFor([&] { return w->session().phase() == Session::Phase::Finished; }, 60000));
        const auto& findings = w->session().findings();
        QVERIFY(!findings.empty());
        QCOMPARE(rowCount(list), static_cast<int>(findings.size()));
        int deadlock = -1;
        for (int i = 0; i < static_cast<int>(findings.size()); ++i) {
            const trace::Finding& f = findings[static_cast<std::size_t>(i)];
            const QModelIndex row = list->model()->index(i, 0);
            QCOMPARE(row.data().toString(), QString::fromStdString(f.title.en));
            QVERIFY(row.data(Qt::ToolTipRole)
                        .toString()
                        .contains(QString::fromStdString(f.what.en).toHtmlEscaped()));
            if (f.kind == trace::FindingKind::Deadlock) deadlock = i;
        }
        QVERIFY2(deadlock >= 0, "no deadlock finding");
        const trace::Finding& f = findings[static_cast<std::size_t>(deadlock)];
        QVERIFY(f.tasks.size() >= 2);  // both ends of the wait-for cycle
        list->setCurrentIndex(list->model()->index(deadlock, 0));
        QCOMPARE(w->inspector()->task(), f.tasks.front());
        QCOMPARE(w->runtimeView()->selected(), f.tasks.front());
        QCOMPARE(w->runtimeView()->paintOptions().highlighted, f.tasks);

        w->setLanguage(QStringLiteral("zh"));
        QCOMPARE(list->model()->index(deadlock, 0).data().toString(),
                 QString::fromStdString(f.title.zh));
        w->setLanguage(QStringLiteral("en"));
        QCOMPARE(list->model()->index(deadlock, 0).data().toString(),
                 QString::fromStdString(f.title.en));
    }

    // 9. One picture of one instant: the window showing a finished run at
    //    12 ms, the same run saved and opened again, and the CLI's render of
    //    the saved recording give the same pixels.
    void cliRenderEqualsTheWindowsExport() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        auto w = openWindow();
        QVERIFY(openAtRealTime(*w, QStringLiteral("tour")));
        w->session().run();
        QVERIFY(waitFor([&] { return w->session().phase() == Session::Phase::Finished; }, 60000));
        const QString rec = dir.filePath(QStringLiteral("tour.astrace"));
        QString err;
        QVERIFY2(w->session().saveRecording(rec, &err), qPrintable(err));
        const std::uint64_t at = 12'000'000;
        QVERIFY(w->session().seek(at));
        QCOMPARE(static_cast<std::uint64_t>(w->session().runtimeNow().count()), at);
        const QString fromWindow = dir.filePath(QStringLiteral("window.png"));
        QCOMPARE(w->exportView(fromWindow, QSize(1200, 800)), QString());

        // The recording opened in a window of its own: nothing runs.
        auto w2 = openWindow();
        QVERIFY(openAtRealTime(*w2, rec));
        QCOMPARE(phaseName(w2->session().phase()), phaseName(Session::Phase::Finished));
        QVERIFY(w2->session().scenario() == nullptr);
        // Nothing to run again: Run (F5) and Step are off, Save Recording on.
        for (QAction* act : w2->findChildren<QAction*>()) {
            if (act->shortcut() == QKeySequence(Qt::Key_F5) ||
                act->shortcut() == QKeySequence(Qt::Key_Right))
                QVERIFY2(!act->isEnabled(), qPrintable(act->text()));
            if (act->shortcut() == QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_S))
                QVERIFY(act->isEnabled());
        }
        w2->session().run();
        QCOMPARE(phaseName(w2->session().phase()), phaseName(Session::Phase::Finished));
        QVERIFY(w2->session().seek(at));
        const QString reopened = dir.filePath(QStringLiteral("reopened.png"));
        QCOMPARE(w2->exportView(reopened, QSize(1200, 800)), QString());

        QProcess cli;
        const QString fromCli = dir.filePath(QStringLiteral("cli.png"));
        cli.start(QStringLiteral(ASYNCSCOPE_CLI),
                  {QStringLiteral("render"), rec, QStringLiteral("--at"), QStringLiteral("12ms"),
                   QStringLiteral("--out"), fromCli, QStringLiteral("--width"),
                   QStringLiteral("1200"), QStringLiteral("--height"), QStringLiteral("800")});
        QVERIFY(cli.waitForFinished(60000));
        QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());

        const QImage a(fromWindow), b(reopened), c(fromCli);
        QCOMPARE(a.size(), QSize(2400, 1600));
        QVERIFY2(a == b, "the reopened recording drew another picture");
        QVERIFY2(a == c, "the CLI drew another picture than the window");
        // And the picture is of that instant: the header says t = 12.0 ms.
        QVERIFY(!a.isNull());
    }

    // 10. The timeline dock: a finished run's lanes; a click on them moves the
    //     cursor, which is the instant the runtime view shows.
    void timelineClickMovesTheCursor() {
        auto w = openWindow();
        auto* panel = w->findChild<gui::TimelinePanel*>();
        QVERIFY(panel);
        QVERIFY(openAtRealTime(*w, QStringLiteral("tour")));
        QVERIFY(panel->model() == nullptr);
        w->session().run();
        QVERIFY(waitFor([&] { return w->session().phase() == Session::Phase::Finished; }, 60000));
        if (QDockWidget* d = w->dock(QStringLiteral("TimelineDock"))) {
            d->show();
            d->raise();
        }
        QVERIFY(panel->model() != nullptr);
        QVERIFY2(panel->isVisible(), "the timeline dock is part of the default layout");
        (void)panel->grab();  // paint one frame now
        const auto& frame = panel->frame();
        QCOMPARE(static_cast<unsigned>(frame.lanes.size()) >= w->session().workerCount(), true);
        const auto& lane = frame.lanes.front();
        const double t = panel->axis().t0() + panel->axis().span() * 0.25;
        const QPoint at(static_cast<int>(panel->axis().timeToX(t)),
                        static_cast<int>(lane.rect.center().y()));
        QWidget* canvas = panel->canvas();
        QTest::mouseClick(canvas, Qt::LeftButton, Qt::NoModifier, at);
        QVERIFY(w->session().cursor().has_value());
        const double cursor = static_cast<double>(*w->session().cursor());
        QVERIFY2(std::abs(cursor - t) <= panel->axis().nsPerPixel() * 1.5,
                 qPrintable(QStringLiteral("cursor %1, clicked at %2").arg(cursor).arg(t)));
        // The runtime view shows that instant: the model's state is the
        // timeline's state at the cursor.
        trace::Timeline timeline = w->session().finishedRun()->timeline();
        const trace::RuntimeState& ref = timeline.seekTime(*w->session().cursor());
        QCOMPARE(w->session().model().state().applied, ref.applied);
        QCOMPARE(static_cast<std::uint64_t>(w->session().runtimeNow().count()),
                 *w->session().cursor());
        // Home shows the whole run again after a zoom.
        QTest::mouseDClick(canvas, Qt::LeftButton, Qt::NoModifier, at);
        QVERIFY(panel->axis().span() <= static_cast<double>(panel->model()->endTime()));
        canvas->setFocus();
        QTest::keyClick(canvas, Qt::Key_Home);
        QCOMPARE(panel->axis().t0(), 0.0);
        // Ctrl+drag selects a range, which the bar sums up; Esc clears it.
        const QPoint a(static_cast<int>(
                           panel->axis().timeToX(panel->axis().t0() + panel->axis().span() * 0.2)),
                       at.y());
        const QPoint b(static_cast<int>(
                           panel->axis().timeToX(panel->axis().t0() + panel->axis().span() * 0.6)),
                       at.y());
        QTest::mousePress(canvas, Qt::LeftButton, Qt::ControlModifier, a);
        QMouseEvent move(QEvent::MouseMove, QPointF(b), canvas->mapToGlobal(QPointF(b)),
                         Qt::LeftButton, Qt::LeftButton, Qt::ControlModifier);
        QApplication::sendEvent(canvas, &move);
        QTest::mouseRelease(canvas, Qt::LeftButton, Qt::ControlModifier, b);
        const auto sel = panel->canvas()->selection();
        QVERIFY(sel.has_value());
        QVERIFY(std::abs(double(sel->first) - panel->axis().xToTime(a.x())) <=
                panel->axis().nsPerPixel());
        QVERIFY(std::abs(double(sel->second) - panel->axis().xToTime(b.x())) <=
                panel->axis().nsPerPixel());
        QVERIFY2(panel->selectionSummary().contains(QStringLiteral("Selected")),
                 qPrintable(panel->selectionSummary()));
        QTest::keyClick(canvas, Qt::Key_Escape);
        QVERIFY(!panel->canvas()->selection().has_value());

        // On demand: the selected task's lane (T) and a resource's lane,
        // drawn under the workers; the canvas grows to hold them.
        const std::size_t before = panel->frame().lanes.size();
        const int heightBefore = canvas->minimumHeight();
        const std::uint32_t task = panel->model()->workers().front().polls.back().task;
        QVERIFY(task != 0);
        w->selectTask(task);
        canvas->setFocus();
        QTest::keyClick(canvas, Qt::Key_T);
        QVERIFY(panel->canvas()->hasLane(core::ItemRef(core::TaskId(task))));
        const scenario::RunTables* tables = w->session().tables();
        QVERIFY(tables && !tables->resources.empty());
        const core::ItemRef res(core::ResourceId(tables->resources.front().id));
        panel->canvas()->toggleLane(res);
        QVERIFY(canvas->minimumHeight() > heightBefore);
        QApplication::processEvents();  // the scroll area lays the taller canvas out
        QCOMPARE(canvas->height() >= canvas->minimumHeight(), true);
        (void)panel->grab();
        const auto& lanes = panel->frame().lanes;
        QVERIFY2(panel->canvas()->detailLanes().size() == 2,
                 qPrintable(QString::number(panel->canvas()->detailLanes().size())));
        QCOMPARE(lanes.size(), before + 2);
        QVERIFY(lanes[before].ref == core::ItemRef(core::TaskId(task)));
        QVERIFY(lanes[before + 1].ref == res);
        QTest::keyClick(canvas, Qt::Key_T);  // T again removes it
        (void)panel->grab();
        QCOMPARE(panel->frame().lanes.size(), before + 1);
    }

    // 11. Stepping: one event back then one forward is the same state; the
    //     keys on the timeline do the same; a task's next and previous poll.
    void stepBackThenForwardIsTheSameState() {
        auto w = openWindow();
        QVERIFY(openAtRealTime(*w, QStringLiteral("tour")));
        Session& s = w->session();
        s.run();
        QVERIFY(waitFor([&] { return s.phase() == Session::Phase::Finished; }, 60000));
        const trace::Trace& rec = *s.recording();
        QVERIFY(rec.size() > 100);
        QVERIFY(s.seek(rec.at(rec.size() / 3).time));
        const std::size_t e0 = s.cursorEvent();
        QCOMPARE(e0, rec.upperBound(rec.at(rec.size() / 3).time));
        const QString d0 = digest(s.model().state());
        trace::Timeline fresh(rec);
        QCOMPARE(d0, digest(fresh.seekIndex(e0)));
        QVERIFY(s.stepEvent(-1));
        QCOMPARE(s.cursorEvent(), e0 - 1);
        QCOMPARE(digest(s.model().state()), digest(fresh.seekIndex(e0 - 1)));
        QCOMPARE(*s.cursor(), rec.at(e0 - 2).time);
        QVERIFY(s.stepEvent(+1));
        QCOMPARE(s.cursorEvent(), e0);
        QCOMPARE(digest(s.model().state()), d0);
        // The same with the keys, the timeline focused.
        auto* panel = w->findChild<gui::TimelinePanel*>();
        if (QDockWidget* d = w->dock(QStringLiteral("TimelineDock"))) d->show();
        panel->canvas()->setFocus();
        QTest::keyClick(panel->canvas(), Qt::Key_Left);
        QCOMPARE(s.cursorEvent(), e0 - 1);
        QTest::keyClick(panel->canvas(), Qt::Key_Right);
        QCOMPARE(s.cursorEvent(), e0);
        QCOMPARE(digest(s.model().state()), d0);
        // At the ends there is nowhere to go.
        QVERIFY(s.seek(0));
        const std::size_t atZero = s.cursorEvent();
        while (s.cursorEvent() > 0) QVERIFY(s.stepEvent(-1));
        QVERIFY(!s.stepEvent(-1));
        QVERIFY(atZero < 50);

        // A task polled more than once: its next poll, the one after, and back.
        const trace::RuntimeState& end = fresh.finalState();
        std::uint32_t task = 0;
        for (const trace::TaskInfo& t : end.tasks)
            if (t.polls >= 3) {
                task = t.id.value();
                break;
            }
        QVERIFY(task != 0);
        std::vector<std::size_t> polls;
        for (std::size_t i = 0; i < rec.size(); ++i)
            if (rec.at(i).kind == EventKind::PollStart && rec.at(i).task == task)
                polls.push_back(i);
        QVERIFY(polls.size() >= 3);
        QVERIFY(s.jumpToPoll(task, +1));
        QCOMPARE(s.cursorEvent(), polls[0] + 1);
        const trace::TaskInfo* running = s.model().state().task(trace::TaskId(task));
        QVERIFY(running);
        QCOMPARE(static_cast<int>(running->phase), static_cast<int>(trace::TaskPhase::Running));
        QVERIFY(s.jumpToPoll(task, +1));
        QCOMPARE(s.cursorEvent(), polls[1] + 1);
        QVERIFY(s.jumpToPoll(task, -1));
        QCOMPARE(s.cursorEvent(), polls[0] + 1);
        QVERIFY(!s.jumpToPoll(task, -1));
    }

    // 13. The toolbar's clock switch: a run on the virtual clock, paced at the
    //     chosen speed, is recorded as virtual and reports nothing of the host.
    void virtualClockFromTheToolbar() {
        auto w = openWindow();
        QVERIFY(openAtRealTime(*w, QStringLiteral("tour")));
        auto* clock = w->findChild<QComboBox*>(QStringLiteral("ClockCombo"));
        QVERIFY(clock);
        QCOMPARE(clock->count(), 3);
        clock->setCurrentIndex(2);  // virtual
        Session& s = w->session();
        s.run();
        QVERIFY(waitFor([&] { return s.phase() == Session::Phase::Finished; }, 60000));
        QCOMPARE(QString::fromStdString(s.finishedRun()->trace.info().clock),
                 QStringLiteral("virtual"));
        for (const trace::Finding& f : s.findings())
            QVERIFY2(f.kind != trace::FindingKind::Oversubscription, f.title.en.c_str());
        clock->setCurrentIndex(0);
    }

    // 12. Scrubbing a live run: the cursor goes into the past while the run
    //     goes on, back to live follows it again, and the live timeline has
    //     the same lanes as the finished run and as its recording reopened.
    void liveScrubbingAndTheSameLanesAfterwards() {
        auto w = openWindow();
        Session& s = w->session();
        QVERIFY(s.loadText(QString::fromUtf8(kBusyScenario), QStringLiteral("busy.json")));
        s.run();
        QVERIFY(waitFor([&] { return s.recording() && s.recording()->size() > 3000; }, 20000));
        QVERIFY(s.following());
        QVERIFY(s.timelineModel());
        const std::uint64_t t = s.recording()->endTime() / 2;
        QVERIFY(s.seek(t));
        QVERIFY(!s.following());
        QVERIFY(s.isLive());
        QCOMPARE(*s.cursor(), t);
        const std::size_t e = s.cursorEvent();
        const QString past = digest(s.model().state());
        {
            trace::Timeline check(*s.recording());
            QCOMPARE(past, digest(check.seekIndex(e)));
        }
        // The run goes on and its recording grows; the views stay in the past.
        const std::size_t before = s.recording()->size();
        QVERIFY(waitFor([&] { return s.recording()->size() > before + 1000; }, 20000));
        QCOMPARE(digest(s.model().state()), past);
        QCOMPARE(*s.cursor(), t);
        auto* live = w->findChild<QToolButton*>(QStringLiteral("BackToLive"));
        QVERIFY(live);
        QVERIFY(live->isEnabled());
        // Back to live: the views follow the run again.
        s.backToLive();
        QVERIFY(s.following());
        QVERIFY(waitFor([&] { return s.model().state().applied > e + 1000; }, 20000));
        QVERIFY(*s.cursor() > t);
        // Into the past again, then the run ends: the cursor stays put.
        QVERIFY(s.seek(t));
        s.stop();
        QVERIFY(waitFor([&] { return s.phase() == Session::Phase::Finished; }, 30000));
        QCOMPARE(*s.cursor(), t);
        QCOMPARE(digest(s.model().state()), past);

        // The model grown live equals one pass over the finished run, and
        // over its recording saved and opened again.
        const QString grown = lanes(*s.timelineModel());
        QCOMPARE(grown, lanes(TimelineModel(*s.finishedRun())));
        const QString path = m_files.filePath(QStringLiteral("busy.astrace"));
        QVERIFY(s.saveRecording(path));
        QVERIFY(s.openRecording(path));
        QCOMPARE(lanes(*s.timelineModel()), grown);
    }
};

// The process autosaveRestoredAfterKill kills: a window with unsaved edits,
// autosaved, waiting to be killed (the same data folder as the tests').
int autosaveChild(int argc, char** argv) {
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("AsyncScopeTest"));
    QCoreApplication::setApplicationName(QStringLiteral("gui_tests"));
    MainWindow w;
    w.show();
    if (!w.openScenario(QStringLiteral("mutex-contention"))) return 2;
    QString text = w.editor()->toPlainText();
    const int at = text.indexOf(QStringLiteral("\"en\": \"")) + 7;
    QTextCursor c(w.editor()->document());
    c.setPosition(at);
    c.insertText(QStringLiteral("Restored "));  // an edit: the document is modified
    w.autosaveNow();
    std::puts("ready");
    std::fflush(stdout);
    return app.exec();
}

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    if (argc > 1 && qstrcmp(argv[1], "--autosave-child") == 0) return autosaveChild(argc, argv);
    QApplication app(argc, argv);
    app.setAttribute(Qt::AA_Use96Dpi, true);
    GuiTest tc;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&tc, argc, argv);
}

#include "gui_test.moc"
