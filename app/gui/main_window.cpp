#include "main_window.hpp"

#include "compare_window.hpp"

#include "models/findings_model.hpp"
#include "panels/breakpoints_panel.hpp"
#include "panels/builder_panel.hpp"
#include "panels/charts_panel.hpp"
#include "panels/editor_panel.hpp"
#include "panels/findings_panel.hpp"
#include "panels/guide_panel.hpp"
#include "panels/inspector_panel.hpp"
#include "panels/lesson_panel.hpp"
#include "panels/library_panel.hpp"
#include "panels/problems_panel.hpp"
#include "panels/tasks_panel.hpp"
#include "panels/timeline_panel.hpp"
#include "run_status.hpp"
#include "run_toolbar.hpp"
#include "runtime_view.hpp"
#include "view_export.hpp"

#include <asyncscope/scenario/library.hpp>

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>
#include <QTranslator>

#include <utility>

namespace asyncscope::gui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setObjectName(QStringLiteral("MainWindow"));
    setAcceptDrops(true);
    setDockNestingEnabled(true);
    m_view = new RuntimeView(m_session, this);
    setCentralWidget(m_view);
    buildActions();
    buildPanels();
    m_toolbar = new RunToolBar(m_session,
                               {m_open, nullptr, m_run, m_pause, m_step, m_stop, m_restart}, this);
    addToolBar(m_toolbar);
    connect(m_toolbar, &RunToolBar::speedChanged, this, [this] { m_status->update(); });
    connect(m_toolbar, &RunToolBar::variantChanged, m_lesson, &LessonPanel::refresh);
    buildMenus();
    m_status = new RunStatus(m_session, statusBar());
    connectSession();

    m_defaultState = saveState();
    m_normalPalette = palette();
    m_autosaveTimer = new QTimer(this);
    m_autosaveTimer->setInterval(3000);
    connect(m_autosaveTimer, &QTimer::timeout, this, &MainWindow::autosaveNow);
    m_autosaveTimer->start();
    retranslate();
    updateControls();
    m_status->update();
    resize(1400, 900);
}

MainWindow::~MainWindow() = default;

TaskTableModel* MainWindow::taskModel() const {
    return m_tasks->model();
}
TaskInspector* MainWindow::inspector() const {
    return m_inspector->inspector();
}
QListView* MainWindow::problemsList() const {
    return m_problems;
}
QTreeView* MainWindow::findingsList() const {
    return m_findings;
}
QTreeView* MainWindow::libraryTree() const {
    return m_library->view();
}
QPlainTextEdit* MainWindow::editor() const {
    return m_editor->editor();
}

QDockWidget* MainWindow::dock(const QString& objectName) const {
    for (QDockWidget* d : m_docks)
        if (d->objectName() == objectName) return d;
    return nullptr;
}

void MainWindow::showDock(const char* objectName) {
    if (QDockWidget* d = dock(QString::fromLatin1(objectName))) {
        d->show();
        d->raise();
    }
}

void MainWindow::connectSession() {
    connect(&m_session, &Session::frame, this, [this] {
        m_status->update();
        if (++m_tableTick % 15 == 0 || m_session.phase() != Session::Phase::Running) {  // ~4 Hz
            m_tasks->refresh();
            updateCharts();
        }
        m_charts->setCursor(m_session.cursor());
    });
    connect(&m_session, &Session::phaseChanged, this, [this] {
        updateControls();
        m_status->update();
        if (m_session.phase() == Session::Phase::Running && m_session.model().state().tasks.empty())
            m_tasks->resetAll();
    });
    connect(&m_session, &Session::findingsChanged, this, [this] { updateFindings(); });
    connect(&m_session, &Session::momentReached, this, [this](std::size_t index) {
        // The tasks the moment names are lit in the view.
        const scenario::Moment& m = m_session.moments()[index];
        std::vector<std::uint32_t> ids;
        for (const trace::TaskInfo& t : m_session.model().state().tasks) {
            if (t.id.value() == 0) continue;
            const std::string name = m_session.model().taskName(t.id.value()).toStdString();
            for (const std::string& want : m.tasks)
                if (name == want ||
                    (name.size() > want.size() && name.compare(0, want.size(), want) == 0 &&
                     name[want.size()] == '#'))
                    ids.push_back(t.id.value());
        }
        m_view->setHighlighted(ids);
        showDock("GuideDock");
        statusBar()->showMessage(tr("Moment %1 of %2: read the Guide, then N goes on.")
                                     .arg(index + 1)
                                     .arg(static_cast<int>(m_session.moments().size())),
                                 0);
    });
    connect(&m_session, &Session::breakpointHit, this, [this](std::size_t index) {
        const auto hit = m_session.lastBreak();
        if (!hit || index >= m_session.breakpoints().size()) return;
        statusBar()->showMessage(
            (m_session.phase() == Session::Phase::Finished
                 ? tr("The run ended just after breakpoint %1 (t = %2 ms); shown at it.")
                 : tr("Paused at breakpoint: %1 (t = %2 ms). Space or F5 goes on."))
                .arg(describeBreakpoint(m_session.breakpoints()[index]),
                     QLocale().toString(static_cast<double>(hit->time) / 1e6, 'f', 3)),
            0);
    });
    connect(&m_session, &Session::phaseChanged, this, [this] {
        if (m_session.phase() == Session::Phase::Running) statusBar()->clearMessage();
    });
    connect(&m_session, &Session::finished, this, [this] {
        m_tasks->refresh();
        updateFindings();
        updateCharts();
        m_status->showRunEnd();
    });
    connect(&m_session, &Session::loaded, this, [this] {
        if (!m_session.moments().empty()) showDock("GuideDock");  // a guided lesson
        m_tasks->resetAll();
        m_view->setSelected(0);
        m_view->setHighlighted({});
        m_inspector->setTask(0);
        m_problems->clear();
        m_toolbar->updateVariants();
        m_lesson->refresh();
        updateFindings();
        updateControls();
        updateCharts();
        updateTitle();
    });
}

void MainWindow::buildActions() {
    auto make = [this](QKeySequence key, auto slot) {
        auto* a = new QAction(this);
        if (!key.isEmpty()) a->setShortcut(key);
        connect(a, &QAction::triggered, this, slot);
        addAction(a);  // shortcuts work in full screen without menus too
        return a;
    };
    m_open = make(QKeySequence::Open, [this] { openDialog(); });
    m_new = make(QKeySequence::New, [this] { newScenarioDialog(); });
    m_export = make(QKeySequence(Qt::CTRL | Qt::Key_E), [this] { exportViewDialog(); });
    m_exportTrace =
        make(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E), [this] { exportTraceDialog(); });
    m_saveRecording =
        make(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_S), [this] { saveRecordingDialog(); });
    m_exportTimeline = make(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_E), [this] {
        showDock("TimelineDock");
        m_timeline->exportDialog();
    });
    m_backToLive = make(QKeySequence(Qt::CTRL | Qt::Key_L), [this] { m_session.backToLive(); });
    m_compare = make(QKeySequence(Qt::CTRL | Qt::Key_K), [this] { openCompare(); });
    m_quit = make(QKeySequence::Quit, [this] { close(); });
    m_toggle = make(QKeySequence(Qt::Key_Space), [this] {
        if (startsFresh() && !runEditorText()) return;
        m_session.togglePause();
    });
    m_run = make(QKeySequence(Qt::Key_F5), [this] {
        if (startsFresh() && !runEditorText()) return;
        m_session.run();
    });
    m_pause = make(QKeySequence(Qt::Key_Pause), [this] { m_session.pause(); });
    m_step = make(QKeySequence(Qt::Key_Right), [this] {
        if (startsFresh() && !runEditorText()) return;
        m_session.step();
    });
    m_stop = make(QKeySequence(Qt::SHIFT | Qt::Key_F5), [this] { m_session.stop(); });
    m_restart = make(QKeySequence(Qt::CTRL | Qt::Key_R), [this] {
        if (!runEditorText()) return;
        m_session.restart();
    });
    m_faster = make(QKeySequence(Qt::Key_Plus), [this] { m_toolbar->changeSpeed(-1); });
    m_faster->setShortcuts({QKeySequence(Qt::Key_Plus), QKeySequence(Qt::Key_Equal)});
    m_slower = make(QKeySequence(Qt::Key_Minus), [this] { m_toolbar->changeSpeed(+1); });
    m_realTime = make(QKeySequence(Qt::Key_1), [this] { toggleRealTime(); });
    m_guided = make({}, [this] {
        m_session.setGuided(m_guided->isChecked());
        m_guide->refresh();
    });
    m_guided->setCheckable(true);
    m_guided->setChecked(true);
    m_fullScreen = make(QKeySequence(Qt::Key_F11), [this] {
        if (isFullScreen())
            showNormal();
        else
            showFullScreen();
    });
    m_zoomIn = make(QKeySequence::ZoomIn, [this] { zoom(1.15); });
    m_zoomOut = make(QKeySequence::ZoomOut, [this] { zoom(1 / 1.15); });
    m_zoomReset = make(QKeySequence(Qt::CTRL | Qt::Key_0), [this] { zoom(0); });
    m_presentation = make(QKeySequence(Qt::Key_F12), [this] { setPresentation(!m_presenting); });
    m_presentation->setCheckable(true);
    m_highContrast = make({}, [this] { setHighContrast(m_highContrast->isChecked()); });
    m_highContrast->setCheckable(true);
    m_colourBlind = make({}, [this] { setColourBlind(m_colourBlind->isChecked()); });
    m_colourBlind->setCheckable(true);
    m_langEn = make({}, [this] { setLanguage(QStringLiteral("en")); });
    m_langZh = make({}, [this] { setLanguage(QStringLiteral("zh")); });
    m_langEn->setCheckable(true);
    m_langZh->setCheckable(true);
    m_about = make({}, [this] {
        QMessageBox::about(
            this, tr("About AsyncScope"),
            tr("<h3>AsyncScope 0.1</h3><p>A real multi-threaded executor modelled on Tokio's "
               "scheduler, made visible: tasks, wakers, queues, steals and locks.</p>"));
    });
    m_resetLayout = make({}, [this] { restoreState(m_defaultState); });
    m_apply = make(QKeySequence(Qt::CTRL | Qt::Key_Return), [this] { applyEditor(); });
    m_save = make(QKeySequence::Save, [this] { m_editor->save(false); });
    m_saveAs = make(QKeySequence::SaveAs, [this] { m_editor->save(true); });
    m_run->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    m_pause->setIcon(style()->standardIcon(QStyle::SP_MediaPause));
    m_step->setIcon(style()->standardIcon(QStyle::SP_MediaSkipForward));
    m_stop->setIcon(style()->standardIcon(QStyle::SP_MediaStop));
    m_restart->setIcon(style()->standardIcon(QStyle::SP_BrowserReload));
    m_open->setIcon(style()->standardIcon(QStyle::SP_DialogOpenButton));
}

void MainWindow::buildPanels() {
    // The dock object names are the keys of the saved layout: keep them.
    auto makeDock = [this](const char* name, QWidget* w, Qt::DockWidgetArea area) {
        auto* d = new QDockWidget(this);
        d->setObjectName(QString::fromLatin1(name));
        d->setWidget(w);
        addDockWidget(area, d);
        m_docks.push_back(d);
        return d;
    };
    m_library = new LibraryPanel(this);
    QDockWidget* libDock = makeDock("LibraryDock", m_library, Qt::LeftDockWidgetArea);
    m_lesson = new LessonPanel(m_session, this);
    QDockWidget* lessonDock = makeDock("LessonDock", m_lesson, Qt::LeftDockWidgetArea);
    splitDockWidget(libDock, lessonDock, Qt::Vertical);
    m_guide = new GuidePanel(m_session, this);
    QDockWidget* guideDock = makeDock("GuideDock", m_guide, Qt::LeftDockWidgetArea);
    splitDockWidget(lessonDock, guideDock, Qt::Vertical);
    m_editor = new EditorPanel(m_session, this);
    QDockWidget* editorDock = makeDock("EditorDock", m_editor, Qt::RightDockWidgetArea);
    m_tasks = new TasksPanel(m_session.model(), this);
    QDockWidget* taskDock = makeDock("TasksDock", m_tasks, Qt::BottomDockWidgetArea);
    m_inspector = new InspectorPanel(m_session, this);
    QDockWidget* inspDock = makeDock("InspectorDock", m_inspector, Qt::RightDockWidgetArea);
    m_findings = new FindingsPanel(this);
    m_findings->findings()->setTaskNames([this](std::uint32_t task) {
        return tr("%1 (#%2)").arg(m_session.model().taskName(task)).arg(task);
    });
    QDockWidget* findDock = makeDock("FindingsDock", m_findings, Qt::RightDockWidgetArea);
    splitDockWidget(inspDock, findDock, Qt::Vertical);
    m_breakpoints = new BreakpointsPanel(m_session, this);
    QDockWidget* bpDock = makeDock("BreakpointsDock", m_breakpoints, Qt::RightDockWidgetArea);
    tabifyDockWidget(findDock, bpDock);
    findDock->raise();
    tabifyDockWidget(inspDock, editorDock);
    m_builder = new BuilderPanel(*m_editor, this);
    QDockWidget* builderDock = makeDock("BuilderDock", m_builder, Qt::RightDockWidgetArea);
    tabifyDockWidget(editorDock, builderDock);
    inspDock->raise();
    m_problems = new ProblemsPanel(this);
    QDockWidget* probDock = makeDock("ProblemsDock", m_problems, Qt::BottomDockWidgetArea);
    tabifyDockWidget(taskDock, probDock);
    taskDock->raise();
    m_charts = new ChartsPanel(this);
    QDockWidget* chartDock = makeDock("ChartsDock", m_charts, Qt::BottomDockWidgetArea);
    splitDockWidget(taskDock, chartDock, Qt::Horizontal);
    // The timeline runs the whole width under the runtime view, above the
    // tasks and charts.
    m_timeline = new TimelinePanel(m_session, this);
    QDockWidget* timelineDock = makeDock("TimelineDock", m_timeline, Qt::BottomDockWidgetArea);
    addDockWidget(Qt::BottomDockWidgetArea, timelineDock, Qt::Vertical);
    connect(m_timeline, &TimelinePanel::taskSelected, this, &MainWindow::selectTask);
    connect(m_timeline, &TimelinePanel::findingActivated, m_findings,
            &FindingsPanel::selectFinding);
    connect(m_timeline, &TimelinePanel::statusMessage, statusBar(), &QStatusBar::showMessage);
    // The charts show the timeline's range, its cursor and its selection.
    connect(m_timeline, &TimelinePanel::viewChanged, this,
            [this] { m_charts->setView(m_timeline->axis()); });
    connect(m_timeline, &TimelinePanel::selectionChanged, this,
            [this] { m_charts->setSelection(m_timeline->canvas()->selection()); });
    connect(m_charts, &ChartsPanel::seekRequested, this,
            [this](std::uint64_t ns) { m_session.seek(ns); });

    connect(m_view, &RuntimeView::taskSelected, this, &MainWindow::selectTask);
    connect(m_tasks, &TasksPanel::taskSelected, this, &MainWindow::selectTask);
    connect(m_library, &LibraryPanel::scenarioActivated, this, [this](const QString& name) {
        // The lesson already open stays as it is (a second click, or
        // Enter after a click, must not throw its run away).
        if (m_session.source() == QStringLiteral("builtin:") + name) return;
        openScenario(name);
    });
    connect(m_findings, &FindingsPanel::findingSelected, this,
            [this](const std::vector<std::uint32_t>& tasks) {
                m_view->setHighlighted(tasks);
                if (!tasks.empty()) selectTask(tasks.front());
            });
    connect(m_findings, &FindingsPanel::findingInstant, this, [this](std::uint64_t ns) {
        m_session.seek(ns);  // a live run's too: the cursor leaves the live edge
    });
    connect(m_problems, &ProblemsPanel::jumpRequested, this, [this](int line, int column) {
        showDock("EditorDock");
        m_editor->goTo(line, column);
    });
    connect(m_editor, &EditorPanel::saved, this, &MainWindow::addRecent);
    connect(m_editor, &EditorPanel::statusMessage, statusBar(), &QStatusBar::showMessage);
    connectDocument();
}

void MainWindow::buildMenus() {
    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->addAction(m_new);
    m_fileMenu->addAction(m_open);
    m_recentMenu = m_fileMenu->addMenu(QString());
    m_fileMenu->addAction(m_save);
    m_fileMenu->addAction(m_saveAs);
    m_fileMenu->addAction(m_apply);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_saveRecording);
    m_fileMenu->addAction(m_export);
    m_fileMenu->addAction(m_exportTimeline);
    m_fileMenu->addAction(m_exportTrace);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_quit);
    m_editMenu = menuBar()->addMenu(QString());
    m_editMenu->addAction(m_undo);
    m_editMenu->addAction(m_redo);
    m_runMenu = menuBar()->addMenu(QString());
    for (QAction* a : {m_toggle, m_run, m_pause, m_step, m_stop, m_restart})
        m_runMenu->addAction(a);
    m_runMenu->addSeparator();
    m_runMenu->addAction(m_backToLive);
    m_runMenu->addAction(m_faster);
    m_runMenu->addAction(m_slower);
    m_runMenu->addAction(m_realTime);
    m_runMenu->addAction(m_guided);
    m_runMenu->addSeparator();
    m_runMenu->addAction(m_compare);
    m_viewMenu = menuBar()->addMenu(QString());
    m_panelsMenu = m_viewMenu->addMenu(QString());
    for (QDockWidget* d : m_docks) m_panelsMenu->addAction(d->toggleViewAction());
    m_viewMenu->addAction(m_resetLayout);
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_zoomIn);
    m_viewMenu->addAction(m_zoomOut);
    m_viewMenu->addAction(m_zoomReset);
    m_viewMenu->addAction(m_fullScreen);
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_presentation);
    m_viewMenu->addAction(m_highContrast);
    m_viewMenu->addAction(m_colourBlind);
    m_langMenu = menuBar()->addMenu(QString());
    m_langMenu->addAction(m_langEn);
    m_langMenu->addAction(m_langZh);
    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->addAction(m_about);
}

void MainWindow::retranslate() {
    m_open->setText(tr("&Open Scenario or Recording…"));
    m_open->setToolTip(
        tr("Open a scenario file, or a recording (.astrace) to look at a run again without "
           "running it (Ctrl+O). You can also drop a file on the window."));
    m_new->setText(tr("&New Scenario…"));
    m_new->setToolTip(
        tr("Start a scenario of your own (Ctrl+N): a minimal one, or a copy of any lesson to "
           "change. It runs as it is; Save As keeps it."));
    m_saveRecording->setText(tr("Save Re&cording…"));
    m_saveRecording->setToolTip(
        tr("Save the last finished run as a recording (.astrace, Ctrl+Alt+S): the app and "
           "asyncscope-cli open it again exactly as it ran."));
    m_export->setText(tr("&Export View…"));
    m_export->setToolTip(tr("Save the runtime view as PNG, SVG or PDF, for slides."));
    m_exportTimeline->setText(tr("Export T&imeline…"));
    m_exportTimeline->setToolTip(
        tr("Save the timeline (the visible range or a selection) as PNG, SVG or PDF at 1×, 2× "
           "or a chosen width, with a title, the time axis and a legend (Ctrl+Alt+E)."));
    m_backToLive->setText(tr("Back to &Live"));
    m_backToLive->setToolTip(
        tr("While a live run is scrubbed on the timeline, follow the run "
           "again (Ctrl+L)."));
    m_exportTrace->setText(tr("Export Chrome &Trace…"));
    m_exportTrace->setToolTip(
        tr("Save the last finished run as Chrome trace JSON (opens in Perfetto)."));
    m_quit->setText(tr("&Quit"));
    m_toggle->setText(tr("Run / Pause"));
    m_run->setText(tr("&Run"));
    m_run->setToolTip(tr("Run the scenario on the real engine (F5; Space toggles run and pause)."));
    m_pause->setText(tr("&Pause"));
    m_pause->setToolTip(tr(
        "Pause: no poll starts and the runtime clock stands still. The view shows that instant."));
    m_step->setText(tr("&Step"));
    m_step->setToolTip(tr("Let exactly one poll happen, then pause again (→)."));
    m_stop->setText(tr("S&top"));
    m_stop->setToolTip(tr("Stop the run: every task still alive is cancelled (Shift+F5)."));
    m_restart->setText(tr("R&estart"));
    m_restart->setToolTip(tr("Stop and run again from the start (Ctrl+R)."));
    m_faster->setText(tr("&Faster"));
    m_slower->setText(tr("S&lower"));
    m_realTime->setText(tr("Real Time / Lesson Speed"));
    m_guided->setText(tr("Guided Pauses"));
    m_compare->setText(tr("&Compare Side by Side…"));
    m_compare->setToolTip(
        tr("Run the scenario twice at once, the base and a variant (or other workers or "
           "flavor), on one time axis, with a table of what changed (Ctrl+K)"));
    m_guided->setToolTip(
        tr("A guided lesson pauses at each of its moments, explains what is on "
           "screen and may ask you to predict what happens next"));
    m_realTime->setToolTip(
        tr("Switch between real time and the slow motion the lesson is best watched at (1)"));
    m_fullScreen->setText(tr("&Full Screen"));
    m_presentation->setText(tr("&Presentation Mode"));
    m_presentation->setToolTip(
        tr("For a projector (F12): only the runtime view, the timeline and the lesson, in large "
           "type with high contrast. F12 again brings your layout back."));
    m_highContrast->setText(tr("&High Contrast"));
    m_highContrast->setToolTip(
        tr("Black on white with dark, thicker lines and arrows: legible at the back of a room "
           "(always on in presentation mode)"));
    m_colourBlind->setText(tr("&Colour-Blind-Safe Palette"));
    m_colourBlind->setToolTip(
        tr("Colours that stay apart under colour-vision deficiency, and each wake source its "
           "own line pattern: a timer's wake solid, a channel's dashed, a mutex's dotted"));
    m_zoomIn->setText(tr("Zoom &In"));
    m_zoomOut->setText(tr("Zoom &Out"));
    m_zoomReset->setText(tr("&Actual Size"));
    m_langEn->setText(QStringLiteral("English"));
    m_langZh->setText(QStringLiteral("中文"));
    m_about->setText(tr("&About AsyncScope"));
    m_resetLayout->setText(tr("&Reset Layout"));
    m_apply->setText(tr("&Apply Edits"));
    m_apply->setToolTip(
        tr("Check the scenario in the editor and load it (Ctrl+Enter); errors are listed in "
           "Problems."));
    m_save->setText(tr("&Save Scenario"));
    m_saveAs->setText(tr("Save Scenario &As…"));
    m_fileMenu->setTitle(tr("&File"));
    m_editMenu->setTitle(tr("&Edit"));
    updateUndoActions();
    m_recentMenu->setTitle(tr("Open &Recent"));
    m_runMenu->setTitle(tr("&Run"));
    m_viewMenu->setTitle(tr("&View"));
    m_panelsMenu->setTitle(tr("&Panels"));
    m_langMenu->setTitle(tr("&Language"));
    m_helpMenu->setTitle(tr("&Help"));
    const std::pair<const char*, const char*> titles[] = {
        {"LibraryDock", QT_TR_NOOP("Library")},   {"LessonDock", QT_TR_NOOP("Lesson")},
        {"TasksDock", QT_TR_NOOP("Tasks")},       {"InspectorDock", QT_TR_NOOP("Task Inspector")},
        {"FindingsDock", QT_TR_NOOP("Findings")}, {"ProblemsDock", QT_TR_NOOP("Problems")},
        {"ChartsDock", QT_TR_NOOP("Charts")},     {"TimelineDock", QT_TR_NOOP("Timeline")},
        {"EditorDock", QT_TR_NOOP("Editor")},     {"BreakpointsDock", QT_TR_NOOP("Breakpoints")},
        {"GuideDock", QT_TR_NOOP("Guide")},       {"BuilderDock", QT_TR_NOOP("Builder")},
    };
    for (const auto& [name, title] : titles)
        if (QDockWidget* d = dock(QString::fromLatin1(name))) d->setWindowTitle(tr(title));
    m_langEn->setChecked(m_lang == QLatin1String("en"));
    m_langZh->setChecked(m_lang == QLatin1String("zh"));
    m_toolbar->retranslate();
    m_library->retranslate(m_lang);
    m_lesson->refresh();
    m_editor->retranslate();
    m_builder->retranslate();
    m_breakpoints->retranslate();
    m_guide->refresh();
    m_tasks->retranslate();
    m_findings->findings()->setLanguage(m_lang);
    m_charts->retranslate();
    m_timeline->retranslate();
    m_status->update();
    updateControls();
    rebuildRecentMenu();
    updateTitle();
}

void MainWindow::updateTitle() {
    if (const auto* sc = m_session.scenario())
        setWindowTitle(
            tr("AsyncScope — %1").arg(QString::fromStdString(sc->title.in(m_lang.toStdString()))));
    else if (!m_session.recordingTitle().isEmpty())
        setWindowTitle(tr("AsyncScope — %1").arg(m_session.recordingTitle()));
    else
        setWindowTitle(tr("AsyncScope"));
}

void MainWindow::changeEvent(QEvent* e) {
    // m_status is built last: before it is, the constructor's own retranslate() is still to come.
    if (e->type() == QEvent::LanguageChange && m_status) retranslate();
    QMainWindow::changeEvent(e);
}

void MainWindow::setLanguage(const QString& lang) {
    m_lang = lang == QLatin1String("zh") ? QStringLiteral("zh") : QStringLiteral("en");
    m_session.setLanguage(m_lang);
    if (!m_translator) m_translator = new QTranslator(this);
    if (!m_qtTranslator) m_qtTranslator = new QTranslator(this);
    qApp->removeTranslator(m_translator);
    qApp->removeTranslator(m_qtTranslator);
    if (m_lang == QLatin1String("zh")) {
        if (m_translator->load(QStringLiteral(":/i18n/asyncscope_zh_CN.qm")))
            qApp->installTranslator(m_translator);
        if (m_qtTranslator->load(QLocale(QLocale::Chinese, QLocale::China),
                                 QStringLiteral("qtbase"), QStringLiteral("_"),
                                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            qApp->installTranslator(m_qtTranslator);
    }
    retranslate();  // also when no translator changed (English)
    for (CompareWindow* c : findChildren<CompareWindow*>()) c->setLanguage(m_lang);
}

void MainWindow::showWarnings() {
    const std::vector<scenario::Diagnostic>& w = m_session.warnings();
    m_problems->setDiagnostics(w);
    m_editor->markDiagnostics(w);  // and the errors of the last check are gone
    if (w.empty()) return;
    showDock("ProblemsDock");
    statusBar()->showMessage(
        tr("Loaded with %n warning(s): code rustc would reject as written (see Problems); it "
           "runs all the same.",
           nullptr, static_cast<int>(w.size())),
        15000);
}

void MainWindow::showProblems(std::vector<scenario::Diagnostic> diagnostics, const QString& what) {
    const int n = static_cast<int>(diagnostics.size());
    m_editor->markDiagnostics(diagnostics);  // those of the editor's document
    m_problems->setDiagnostics(std::move(diagnostics));
    showDock("ProblemsDock");
    statusBar()->showMessage(tr("%1 has %n error(s); it was not run.", nullptr, n).arg(what),
                             15000);
}

bool MainWindow::selectVariant(const QString& name) {
    return m_toolbar->selectVariant(name);
}

void MainWindow::setSlowdown(double factor) {
    m_toolbar->setSlowdown(factor);
}

void MainWindow::toggleRealTime() {
    if (m_session.slowdown() > 1) {
        m_slowdownBeforeRealTime = m_session.slowdown();
        setSlowdown(1);
    } else {
        const scenario::Scenario* sc = m_session.scenario();
        setSlowdown(m_slowdownBeforeRealTime > 1 ? m_slowdownBeforeRealTime
                    : sc && sc->speed > 1        ? sc->speed
                                                 : 10);
    }
    statusBar()->showMessage(m_session.slowdown() > 1
                                 ? tr("Slow motion: %1× slower (1: real time)")
                                       .arg(QLocale().toString(m_session.slowdown()))
                                 : tr("Real time (1: back to slow motion)"),
                             4000);
}

void MainWindow::updateCharts() {
    m_charts->setSources(m_session.timelineModel().get(), m_session.counters());
    m_charts->setView(m_timeline->axis());
    m_charts->setCursor(m_session.cursor());
}

void MainWindow::selectTask(std::uint32_t task) {
    m_view->setSelected(task);
    m_timeline->setSelectedTask(task);
    m_inspector->setTask(task);
    m_tasks->selectTask(task);
}

void MainWindow::updateControls() {
    using P = Session::Phase;
    const P p = m_session.phase();
    m_run->setEnabled(p == P::Ready || p == P::Paused || p == P::Finished);
    m_pause->setEnabled(p == P::Running);
    m_step->setEnabled(p != P::Empty);
    m_stop->setEnabled(p == P::Running || p == P::Paused);
    m_restart->setEnabled(p != P::Empty);
    m_toggle->setEnabled(p != P::Empty);
    m_exportTrace->setEnabled(m_session.trace() != nullptr);
    m_exportTimeline->setEnabled(m_session.trace() != nullptr);
    m_backToLive->setEnabled(m_session.isLive());
    m_compare->setEnabled(m_session.scenario() != nullptr);
    m_saveRecording->setEnabled(m_session.trace() != nullptr);
    // A recording open from a file shows a run; there is nothing to run again.
    if (!m_session.scenario()) {
        m_run->setEnabled(false);
        m_step->setEnabled(false);
        m_restart->setEnabled(false);
        m_toggle->setEnabled(false);
    }
}

void MainWindow::updateFindings() {
    m_findings->findings()->setFindings(m_session.findings(),
                                        m_session.phase() == Session::Phase::Finished);
    updateControls();
}

void MainWindow::addRecent(const QString& path) {
    m_recent.removeAll(path);
    m_recent.prepend(path);
    while (m_recent.size() > 8) m_recent.removeLast();
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu() {
    m_recentMenu->clear();
    for (const QString& p : m_recent) {
        QAction* a = m_recentMenu->addAction(QFileInfo(p).fileName());
        a->setToolTip(p);
        connect(a, &QAction::triggered, this, [this, p] { openScenario(p); });
    }
    m_recentMenu->setEnabled(!m_recent.isEmpty());
}

void MainWindow::openDialog() {
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open Scenario"), QString(),
        tr("Scenarios and recordings (*.json *.astrace);;Scenarios (*.json);;Recordings "
           "(*.astrace);;All files (*)"));
    if (!path.isEmpty()) openScenario(path);
}

void MainWindow::saveRecordingDialog() {
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save Recording"), QStringLiteral("run.astrace"), tr("Recordings (*.astrace)"));
    if (path.isEmpty()) return;
    QString err;
    if (m_session.saveRecording(path, &err)) {
        statusBar()->showMessage(tr("Wrote %1").arg(path), 8000);
        addRecent(path);
    } else {
        QMessageBox::warning(this, tr("Save Recording"), err);
    }
}

QString MainWindow::exportView(const QString& path, QSize size) {
    PaintOptions o = m_view->paintOptions();
    o.wallNow = m_session.wallSeconds();
    return exportRuntimeView(m_session.model(), o, path, size.isEmpty() ? m_view->size() : size);
}

void MainWindow::exportViewDialog() {
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export View"), QStringLiteral("asyncscope.png"),
        tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"));
    if (path.isEmpty()) return;
    const QString err = exportView(path);
    if (err.isEmpty())
        statusBar()->showMessage(tr("Wrote %1").arg(path), 8000);
    else
        QMessageBox::warning(this, tr("Export View"), err);
}

void MainWindow::exportTraceDialog() {
    const trace::Trace* t = m_session.trace();
    if (!t) return;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Chrome Trace"),
                                                      QStringLiteral("asyncscope-trace.json"),
                                                      tr("Chrome trace (*.json)"));
    if (path.isEmpty()) return;
    const QString err = exportChromeTrace(*t, path);
    if (err.isEmpty())
        statusBar()->showMessage(tr("Wrote %1 (open it in ui.perfetto.dev)").arg(path), 8000);
    else
        QMessageBox::warning(this, tr("Export Chrome Trace"), err);
}

CompareWindow* MainWindow::openCompare() {
    if (!m_session.scenario()) {
        statusBar()->showMessage(tr("Open a scenario to compare its runs."), 4000);
        return nullptr;
    }
    auto* w = new CompareWindow(m_session, m_session.slowdown(), m_lang, this);
    w->setLook(look());
    if (!m_session.variant().isEmpty())
        w->setSide(CompareWindow::Right, CompareWindow::Side{m_session.variant(), 0, -1});
    w->show();
    return w;
}

void MainWindow::saveSettings() {
    QSettings s;
    s.setValue(QStringLiteral("window/geometry"), saveGeometry());
    // Presenting: the layout and zoom to come back to are the ones it left.
    s.setValue(QStringLiteral("window/state"),
               m_presenting ? m_stateBeforePresenting : saveState());
    s.setValue(QStringLiteral("presentation/on"), m_presenting);
    s.setValue(QStringLiteral("presentation/scale"),
               m_presenting ? m_view->scale() : m_presentationScale);
    s.setValue(QStringLiteral("highContrast"), m_highContrast->isChecked());
    s.setValue(QStringLiteral("colourBlind"), m_colourBlind->isChecked());
    s.setValue(QStringLiteral("recent"), m_recent);
    s.setValue(QStringLiteral("language"), m_lang);
    s.setValue(QStringLiteral("speedIndex"), m_toolbar->speedIndex());
    s.setValue(QStringLiteral("guided"), m_guided->isChecked());
    s.setValue(QStringLiteral("scale"), m_presenting ? m_scaleBeforePresenting : m_view->scale());
    s.setValue(QStringLiteral("scenario"), m_session.source());
}

void MainWindow::restoreSettings() {
    QSettings s;
    restoreGeometry(s.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(s.value(QStringLiteral("window/state")).toByteArray());
    m_recent = s.value(QStringLiteral("recent")).toStringList();
    rebuildRecentMenu();
    m_toolbar->setSpeedIndex(s.value(QStringLiteral("speedIndex"), 0).toInt());
    m_guided->setChecked(s.value(QStringLiteral("guided"), true).toBool());
    m_session.setGuided(m_guided->isChecked());
    const double scale = s.value(QStringLiteral("scale"), 1.0).toDouble();
    if (scale != 1.0) zoom(scale);
    m_presentationScale =
        std::clamp(s.value(QStringLiteral("presentation/scale"), 1.4).toDouble(), 0.5, 4.0);
    m_highContrast->setChecked(s.value(QStringLiteral("highContrast"), false).toBool());
    m_colourBlind->setChecked(s.value(QStringLiteral("colourBlind"), false).toBool());
    applyLook();
    if (s.value(QStringLiteral("presentation/on"), false).toBool()) setPresentation(true);
    setLanguage(s.value(QStringLiteral("language"), QStringLiteral("en")).toString());
}

void MainWindow::closeEvent(QCloseEvent* e) {
    if (!m_editor->maybeSave()) {
        e->ignore();
        return;
    }
    saveSettings();
    m_session.stop();
    m_autosave.clear();  // saved or discarded: nothing to restore
    e->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* e) {
    if (e->mimeData()->hasUrls()) e->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* e) {
    const auto urls = e->mimeData()->urls();
    if (!urls.isEmpty() && urls.first().isLocalFile()) openScenario(urls.first().toLocalFile());
}

}  // namespace asyncscope::gui
