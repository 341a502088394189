#include "main_window.hpp"

#include "inspector.hpp"
#include "runtime_view.hpp"
#include "task_table.hpp"

#include <asyncscope/scenario/library.hpp>
#include <asyncscope/trace/export.hpp>

#include <QAction>
#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHeaderView>
#include <QImage>
#include <QLabel>
#include <QLibraryInfo>
#include <QLineEdit>
#include <QLineSeries>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPdfWriter>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSaveFile>
#include <QScrollArea>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QStatusBar>
#include <QSvgGenerator>
#include <QTableView>
#include <QTextBlock>
#include <QTextBrowser>
#include <QToolBar>
#include <QTranslator>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QValueAxis>

#include <sstream>
#include <utility>

namespace asyncscope::gui {

namespace {

const double kSpeeds[] = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000};

QString categoryTitle(const QString& c) {
    static const std::map<QString, const char*> names = {
        {QStringLiteral("futures"), QT_TRANSLATE_NOOP("Library", "Futures and polling")},
        {QStringLiteral("tasks"), QT_TRANSLATE_NOOP("Library", "Tasks: spawn and join")},
        {QStringLiteral("blocking"), QT_TRANSLATE_NOOP("Library", "Blocking work")},
        {QStringLiteral("sync"), QT_TRANSLATE_NOOP("Library", "Locks and shared state")},
        {QStringLiteral("channels"), QT_TRANSLATE_NOOP("Library", "Channels")},
        {QStringLiteral("scheduler"), QT_TRANSLATE_NOOP("Library", "The scheduler")},
        {QStringLiteral("cancellation"), QT_TRANSLATE_NOOP("Library", "Errors and cancellation")},
        {QStringLiteral("io"), QT_TRANSLATE_NOOP("Library", "I/O-bound work")},
        {QStringLiteral("models"), QT_TRANSLATE_NOOP("Library", "Runtime models compared")},
        {QStringLiteral("pitfalls"), QT_TRANSLATE_NOOP("Library", "Pitfalls")},
    };
    auto it = names.find(c);
    return it != names.end() ? QCoreApplication::translate("Library", it->second) : c;
}

// Lesson text to HTML: escaped, with `code` spans (the scenarios' only markup)
// in a monospace font.
QString html(const std::string& s) {
    const QStringList parts = QString::fromStdString(s).split(QLatin1Char('`'));
    QString out;
    for (qsizetype i = 0; i < parts.size(); ++i) {
        const bool code = i % 2 == 1 && i + 1 < parts.size();  // an unpaired ` stays
        if (i % 2 == 1 && !code) out += QLatin1Char('`');
        out += code ? QStringLiteral("<code>%1</code>").arg(parts[i].toHtmlEscaped())
                    : parts[i].toHtmlEscaped();
    }
    return out;
}

}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setObjectName(QStringLiteral("MainWindow"));
    setAcceptDrops(true);
    setDockNestingEnabled(true);
    m_view = new RuntimeView(m_session, this);
    setCentralWidget(m_view);
    buildActions();
    buildDocks();
    buildToolbar();
    buildMenus();

    m_statusPhase = new QLabel(this);
    m_statusTime = new QLabel(this);
    m_statusSpeed = new QLabel(this);
    m_statusRate = new QLabel(this);
    m_statusAlive = new QLabel(this);
    m_statusDropped = new QLabel(this);
    for (QLabel* l :
         {m_statusPhase, m_statusTime, m_statusSpeed, m_statusRate, m_statusAlive, m_statusDropped})
        statusBar()->addPermanentWidget(l);

    connect(&m_session, &Session::frame, this, [this] {
        updateStatus();
        if (++m_tableTick % 15 == 0 || m_session.phase() != Session::Phase::Running) {  // ~4 Hz
            m_taskModel->refresh();
            updateChart();
        }
    });
    connect(&m_session, &Session::phaseChanged, this, [this] {
        updateControls();
        updateStatus();
        if (m_session.phase() == Session::Phase::Running && m_session.model().state().tasks.empty())
            m_taskModel->resetAll();
    });
    connect(&m_session, &Session::finished, this, [this] {
        m_taskModel->refresh();
        updateFindings();
        updateChart();
        if (auto r = m_session.result()) {
            QString end;
            switch (r->end) {
            case scenario::RunEnd::Completed: end = tr("completed"); break;
            case scenario::RunEnd::Stuck: end = tr("stuck"); break;
            case scenario::RunEnd::Deadlock: end = tr("deadlocked"); break;
            case scenario::RunEnd::TimedOut: end = tr("timed out"); break;
            case scenario::RunEnd::Stopped: end = tr("stopped"); break;
            }
            QString msg = tr("Run %1 after %2 ms: %3")
                              .arg(end)
                              .arg(static_cast<double>(r->elapsed.count()) / 1e6, 0, 'f', 1)
                              .arg(QString::fromStdString(r->detail));
            if (m_session.recordingCapped())
                msg +=
                    tr(" (the recording reached its memory cap and stopped early: later "
                       "events are missing)");
            statusBar()->showMessage(msg, 15000);
        }
    });
    connect(&m_session, &Session::loaded, this, [this] {
        m_taskModel->resetAll();
        m_view->setSelected(0);
        m_view->setHighlighted({});
        m_inspector->setTask(0);
        m_problems->clear();
        updateVariants();
        updateLesson();
        updateFindings();
        updateControls();
        updateChart();
        const auto* sc = m_session.scenario();
        setWindowTitle(
            tr("AsyncScope — %1").arg(QString::fromStdString(sc->title.in(m_lang.toStdString()))));
    });
    connect(m_view, &RuntimeView::taskSelected, this, &MainWindow::selectTask);

    m_defaultState = saveState();
    retranslate();
    updateControls();
    updateStatus();
    resize(1400, 900);
}

MainWindow::~MainWindow() = default;

QDockWidget* MainWindow::dock(const QString& objectName) const {
    for (QDockWidget* d : m_docks)
        if (d->objectName() == objectName) return d;
    return nullptr;
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
    m_export = make(QKeySequence(Qt::CTRL | Qt::Key_E), [this] { exportViewDialog(); });
    m_exportTrace =
        make(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E), [this] { exportTraceDialog(); });
    m_quit = make(QKeySequence::Quit, [this] { close(); });
    m_toggle = make(QKeySequence(Qt::Key_Space), [this] { m_session.togglePause(); });
    m_run = make(QKeySequence(Qt::Key_F5), [this] { m_session.run(); });
    m_pause = make(QKeySequence(Qt::Key_Pause), [this] { m_session.pause(); });
    m_step = make(QKeySequence(Qt::Key_Right), [this] { m_session.step(); });
    m_stop = make(QKeySequence(Qt::SHIFT | Qt::Key_F5), [this] { m_session.stop(); });
    m_restart = make(QKeySequence(Qt::CTRL | Qt::Key_R), [this] { m_session.restart(); });
    m_faster = make(QKeySequence(Qt::Key_Plus), [this] { changeSpeed(-1); });
    m_faster->setShortcuts({QKeySequence(Qt::Key_Plus), QKeySequence(Qt::Key_Equal)});
    m_slower = make(QKeySequence(Qt::Key_Minus), [this] { changeSpeed(+1); });
    m_fullScreen = make(QKeySequence(Qt::Key_F11), [this] {
        if (isFullScreen())
            showNormal();
        else
            showFullScreen();
    });
    m_zoomIn = make(QKeySequence::ZoomIn, [this] { zoom(1.15); });
    m_zoomOut = make(QKeySequence::ZoomOut, [this] { zoom(1 / 1.15); });
    m_zoomReset = make(QKeySequence(Qt::CTRL | Qt::Key_0), [this] { zoom(0); });
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
    m_save = make(QKeySequence::Save, [this] { saveEditor(false); });
    m_saveAs = make(QKeySequence::SaveAs, [this] { saveEditor(true); });
    const QIcon icons[] = {style()->standardIcon(QStyle::SP_MediaPlay),
                           style()->standardIcon(QStyle::SP_MediaPause),
                           style()->standardIcon(QStyle::SP_MediaSkipForward),
                           style()->standardIcon(QStyle::SP_MediaStop),
                           style()->standardIcon(QStyle::SP_BrowserReload)};
    m_run->setIcon(icons[0]);
    m_pause->setIcon(icons[1]);
    m_step->setIcon(icons[2]);
    m_stop->setIcon(icons[3]);
    m_restart->setIcon(icons[4]);
    m_open->setIcon(style()->standardIcon(QStyle::SP_DialogOpenButton));
}

void MainWindow::buildDocks() {
    auto makeDock = [this](const char* name, QWidget* w, Qt::DockWidgetArea area) {
        auto* d = new QDockWidget(this);
        d->setObjectName(QString::fromLatin1(name));
        d->setWidget(w);
        addDockWidget(area, d);
        m_docks.push_back(d);
        return d;
    };
    // Library.
    auto* lib = new QWidget(this);
    auto* libLayout = new QVBoxLayout(lib);
    libLayout->setContentsMargins(4, 4, 4, 4);
    m_librarySearch = new QLineEdit(lib);
    m_librarySearch->setClearButtonEnabled(true);
    m_library = new QTreeWidget(lib);
    m_library->setHeaderHidden(true);
    m_library->setRootIsDecorated(true);
    libLayout->addWidget(m_librarySearch);
    libLayout->addWidget(m_library);
    connect(m_librarySearch, &QLineEdit::textChanged, this, &MainWindow::filterLibrary);
    connect(m_library, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) {
        const QString name = item->data(0, Qt::UserRole).toString();
        if (!name.isEmpty()) openScenario(name);
    });
    QDockWidget* libDock = makeDock("LibraryDock", lib, Qt::LeftDockWidgetArea);

    // Lesson.
    m_lesson = new QTextBrowser(this);
    m_lesson->setOpenExternalLinks(true);
    QDockWidget* lessonDock = makeDock("LessonDock", m_lesson, Qt::LeftDockWidgetArea);
    splitDockWidget(libDock, lessonDock, Qt::Vertical);

    // Editor.
    auto* ed = new QWidget(this);
    auto* el = new QVBoxLayout(ed);
    el->setContentsMargins(4, 4, 4, 4);
    m_editor = new QPlainTextEdit(ed);
    m_editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_editor->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_editor->setTabChangesFocus(false);
    m_editorStatus = new QLabel(ed);
    el->addWidget(m_editor);
    el->addWidget(m_editorStatus);
    connect(m_editor, &QPlainTextEdit::cursorPositionChanged, this,
            &MainWindow::updateEditorStatus);
    connect(m_editor->document(), &QTextDocument::modificationChanged, this,
            &MainWindow::updateEditorStatus);
    QDockWidget* editorDock = makeDock("EditorDock", ed, Qt::RightDockWidgetArea);

    // Tasks.
    auto* tasks = new QWidget(this);
    auto* tl = new QVBoxLayout(tasks);
    tl->setContentsMargins(4, 4, 4, 4);
    m_taskFilter = new QLineEdit(tasks);
    m_taskFilter->setClearButtonEnabled(true);
    m_taskModel = new TaskTableModel(m_session.model(), this);
    m_taskProxy = new QSortFilterProxyModel(this);
    m_taskProxy->setSourceModel(m_taskModel);
    m_taskProxy->setSortRole(TaskTableModel::kSortRole);
    m_taskProxy->setFilterKeyColumn(-1);
    m_taskProxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_taskProxy->setDynamicSortFilter(true);
    m_taskTable = new QTableView(tasks);
    m_taskTable->setModel(m_taskProxy);
    m_taskTable->setSortingEnabled(true);
    m_taskTable->sortByColumn(TaskTableModel::Id, Qt::AscendingOrder);
    m_taskTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_taskTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_taskTable->verticalHeader()->hide();
    // The name takes the spare width: "transfer_a" and "transfer_b" must
    // stay apart.
    m_taskTable->horizontalHeader()->setStretchLastSection(false);
    m_taskTable->horizontalHeader()->setSectionResizeMode(TaskTableModel::Name,
                                                          QHeaderView::Stretch);
    m_taskTable->horizontalHeader()->setMinimumSectionSize(48);
    m_taskTable->setAlternatingRowColors(true);
    tl->addWidget(m_taskFilter);
    tl->addWidget(m_taskTable);
    connect(m_taskFilter, &QLineEdit::textChanged, m_taskProxy,
            &QSortFilterProxyModel::setFilterFixedString);
    connect(m_taskTable, &QTableView::clicked, this, [this](const QModelIndex& idx) {
        selectTask(m_taskProxy->data(idx, TaskTableModel::kTaskIdRole).toUInt());
    });
    QDockWidget* taskDock = makeDock("TasksDock", tasks, Qt::BottomDockWidgetArea);

    // Inspector.
    m_inspector = new TaskInspector(m_session, this);
    auto* inspScroll = new QScrollArea(this);
    inspScroll->setWidget(m_inspector);
    inspScroll->setWidgetResizable(true);
    inspScroll->setFrameShape(QFrame::NoFrame);
    inspScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    QDockWidget* inspDock = makeDock("InspectorDock", inspScroll, Qt::RightDockWidgetArea);

    // Findings and problems.
    m_findings = new QListWidget(this);
    m_findings->setWordWrap(true);
    connect(m_findings, &QListWidget::currentRowChanged, this, [this](int row) {
        const auto& f = m_session.findings();
        if (row < 0 || row >= static_cast<int>(f.size())) return;
        const trace::Finding& fd = f[static_cast<std::size_t>(row)];
        m_view->setHighlighted(fd.tasks);
        if (!fd.tasks.empty()) selectTask(fd.tasks.front());
    });
    QDockWidget* findDock = makeDock("FindingsDock", m_findings, Qt::RightDockWidgetArea);
    splitDockWidget(inspDock, findDock, Qt::Vertical);
    tabifyDockWidget(inspDock, editorDock);
    inspDock->raise();
    m_problems = new QListWidget(this);
    m_problems->setWordWrap(true);
    connect(m_problems, &QListWidget::itemActivated, this,
            [this](QListWidgetItem* it) { jumpToProblem(it->text()); });
    connect(m_problems, &QListWidget::itemClicked, this,
            [this](QListWidgetItem* it) { jumpToProblem(it->text()); });
    QDockWidget* probDock = makeDock("ProblemsDock", m_problems, Qt::BottomDockWidgetArea);
    tabifyDockWidget(taskDock, probDock);
    taskDock->raise();

    // Throughput chart.
    auto* chart = new QChart();
    chart->legend()->setAlignment(Qt::AlignBottom);
    m_pollSeries = new QLineSeries(chart);
    m_doneSeries = new QLineSeries(chart);
    chart->addSeries(m_pollSeries);
    chart->addSeries(m_doneSeries);
    m_axisX = new QValueAxis(chart);
    m_axisY = new QValueAxis(chart);
    m_axisX->setLabelFormat(QStringLiteral("%.2f"));
    m_axisY->setLabelFormat(QStringLiteral("%.0f"));
    chart->addAxis(m_axisX, Qt::AlignBottom);
    chart->addAxis(m_axisY, Qt::AlignLeft);
    for (QLineSeries* s : {m_pollSeries, m_doneSeries}) {
        s->attachAxis(m_axisX);
        s->attachAxis(m_axisY);
    }
    chart->setMargins(QMargins(2, 2, 2, 2));
    m_chartView = new QChartView(chart, this);
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setMinimumHeight(160);
    QDockWidget* chartDock = makeDock("ThroughputDock", m_chartView, Qt::BottomDockWidgetArea);
    splitDockWidget(taskDock, chartDock, Qt::Horizontal);
}

void MainWindow::buildToolbar() {
    auto* tb = addToolBar(QString());
    tb->setObjectName(QStringLiteral("ControlsToolBar"));
    tb->addAction(m_open);
    tb->addSeparator();
    tb->addAction(m_run);
    tb->addAction(m_pause);
    tb->addAction(m_step);
    tb->addAction(m_stop);
    tb->addAction(m_restart);
    tb->addSeparator();
    m_speedLabel = new QLabel(tb);
    tb->addWidget(m_speedLabel);
    m_speed = new QComboBox(tb);
    for (double s : kSpeeds) m_speed->addItem(QString(), s);
    tb->addWidget(m_speed);
    connect(m_speed, qOverload<int>(&QComboBox::currentIndexChanged), this, [this](int i) {
        if (i >= 0) m_session.setSlowdown(m_speed->itemData(i).toDouble());
        updateStatus();
    });
    tb->addSeparator();
    m_workersLabel = new QLabel(tb);
    tb->addWidget(m_workersLabel);
    m_workers = new QSpinBox(tb);
    m_workers->setRange(0, 64);
    tb->addWidget(m_workers);
    connect(m_workers, qOverload<int>(&QSpinBox::valueChanged), this,
            [this](int v) { m_session.setWorkers(v); });
    m_flavorLabel = new QLabel(tb);
    tb->addWidget(m_flavorLabel);
    m_flavor = new QComboBox(tb);
    m_flavor->addItems({QString(), QString(), QString()});
    m_flavor->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_flavor->setMinimumContentsLength(12);
    tb->addWidget(m_flavor);
    connect(m_flavor, qOverload<int>(&QComboBox::currentIndexChanged), this,
            [this](int i) { m_session.setFlavor(i - 1); });
    m_variantLabel = new QLabel(tb);
    tb->addWidget(m_variantLabel);
    m_variant = new QComboBox(tb);
    // Fixed widths: a long variant title must not push the window past a
    // 1024-pixel screen (the full title is in the popup and the tooltip).
    m_variant->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_variant->setMinimumContentsLength(16);
    tb->addWidget(m_variant);
    connect(m_variant, qOverload<int>(&QComboBox::currentIndexChanged), this, [this](int i) {
        if (i < 0) return;
        m_session.setVariant(m_variant->itemData(i).toString());
        updateLesson();
    });
}

void MainWindow::buildMenus() {
    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->addAction(m_open);
    m_recentMenu = m_fileMenu->addMenu(QString());
    m_fileMenu->addAction(m_save);
    m_fileMenu->addAction(m_saveAs);
    m_fileMenu->addAction(m_apply);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_export);
    m_fileMenu->addAction(m_exportTrace);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_quit);
    m_runMenu = menuBar()->addMenu(QString());
    for (QAction* a : {m_toggle, m_run, m_pause, m_step, m_stop, m_restart})
        m_runMenu->addAction(a);
    m_runMenu->addSeparator();
    m_runMenu->addAction(m_faster);
    m_runMenu->addAction(m_slower);
    m_viewMenu = menuBar()->addMenu(QString());
    m_panelsMenu = m_viewMenu->addMenu(QString());
    for (QDockWidget* d : m_docks) m_panelsMenu->addAction(d->toggleViewAction());
    m_viewMenu->addAction(m_resetLayout);
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_zoomIn);
    m_viewMenu->addAction(m_zoomOut);
    m_viewMenu->addAction(m_zoomReset);
    m_viewMenu->addAction(m_fullScreen);
    m_langMenu = menuBar()->addMenu(QString());
    m_langMenu->addAction(m_langEn);
    m_langMenu->addAction(m_langZh);
    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->addAction(m_about);
}

void MainWindow::retranslate() {
    m_open->setText(tr("&Open Scenario…"));
    m_open->setToolTip(
        tr("Open a scenario file (Ctrl+O). You can also drop a .json file on the window."));
    m_export->setText(tr("&Export View…"));
    m_export->setToolTip(tr("Save the runtime view as PNG, SVG or PDF, for slides."));
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
    m_fullScreen->setText(tr("&Full Screen"));
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
    m_recentMenu->setTitle(tr("Open &Recent"));
    m_runMenu->setTitle(tr("&Run"));
    m_viewMenu->setTitle(tr("&View"));
    m_panelsMenu->setTitle(tr("&Panels"));
    m_langMenu->setTitle(tr("&Language"));
    m_helpMenu->setTitle(tr("&Help"));
    m_speedLabel->setText(tr(" Speed "));
    m_speed->setToolTip(
        tr("Slow motion: the runtime clock runs this many times slower, so sleeps, "
           "timeouts and computations all stretch (+ faster, − slower)."));
    for (int i = 0; i < m_speed->count(); ++i) {
        const double s = m_speed->itemData(i).toDouble();
        m_speed->setItemText(i, s == 1 ? tr("real time") : tr("%1× slower").arg(s));
    }
    m_workersLabel->setText(tr(" Workers "));
    m_workers->setSpecialValueText(tr("scenario"));
    m_workers->setToolTip(tr("Worker threads for the next run (scenario: as the scenario says)."));
    m_flavorLabel->setText(tr(" Flavor "));
    m_flavor->setItemText(0, tr("scenario"));
    m_flavor->setItemText(1, tr("multi-thread"));
    m_flavor->setItemText(2, tr("current-thread"));
    m_flavor->setToolTip(
        tr("multi-thread: Tokio's work-stealing scheduler. current-thread: one thread and one "
           "queue, like asyncio's event loop. Applies at the next run."));
    m_variantLabel->setText(tr(" Variant "));
    m_variant->setToolTip(tr(
        "A scenario's variants put a pitfall and its fix in one file. Applies at the next run."));
    m_librarySearch->setPlaceholderText(tr("Search lessons…"));
    m_taskFilter->setPlaceholderText(tr("Filter tasks…"));
    const std::pair<const char*, const char*> titles[] = {
        {"LibraryDock", QT_TR_NOOP("Library")},
        {"LessonDock", QT_TR_NOOP("Lesson")},
        {"TasksDock", QT_TR_NOOP("Tasks")},
        {"InspectorDock", QT_TR_NOOP("Task Inspector")},
        {"FindingsDock", QT_TR_NOOP("Findings")},
        {"ProblemsDock", QT_TR_NOOP("Problems")},
        {"ThroughputDock", QT_TR_NOOP("Throughput")},
        {"EditorDock", QT_TR_NOOP("Editor")},
    };
    for (const auto& [name, title] : titles)
        if (QDockWidget* d = dock(QString::fromLatin1(name))) d->setWindowTitle(tr(title));
    m_pollSeries->setName(tr("polls/s"));
    m_doneSeries->setName(tr("tasks completed/s"));
    m_axisX->setTitleText(tr("runtime time (s)"));
    m_langEn->setChecked(m_lang == QLatin1String("en"));
    m_langZh->setChecked(m_lang == QLatin1String("zh"));
    m_taskModel->headerDataChanged(Qt::Horizontal, 0, TaskTableModel::ColumnCount - 1);
    populateLibrary();
    updateVariants();
    updateLesson();
    updateFindings();
    updateStatus();
    rebuildRecentMenu();
    updateEditorStatus();
    if (const auto* sc = m_session.scenario())
        setWindowTitle(
            tr("AsyncScope — %1").arg(QString::fromStdString(sc->title.in(m_lang.toStdString()))));
    else
        setWindowTitle(tr("AsyncScope"));
}

void MainWindow::changeEvent(QEvent* e) {
    if (e->type() == QEvent::LanguageChange) retranslate();
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
}

void MainWindow::populateLibrary() {
    m_library->clear();
    std::map<QString, QTreeWidgetItem*> cats;
    const std::string lang = m_lang.toStdString();
    for (const scenario::BuiltinScenario& b : scenario::builtinScenarios()) {
        scenario::LoadResult r = scenario::loadBuiltin(b);
        if (!r.ok()) continue;
        const scenario::Scenario& s = *r.scenario;
        const QString cat = QString::fromStdString(s.category);
        QTreeWidgetItem*& parent = cats[cat];
        if (!parent) {
            parent = new QTreeWidgetItem(m_library, {categoryTitle(cat)});
            QFont f = parent->font(0);
            f.setBold(true);
            parent->setFont(0, f);
            parent->setFlags(Qt::ItemIsEnabled);
        }
        auto* item = new QTreeWidgetItem(parent, {QString::fromStdString(s.title.in(lang))});
        item->setData(0, Qt::UserRole, QString::fromStdString(s.name));
        // Searchable in both languages.
        item->setData(
            0, Qt::UserRole + 1,
            QString::fromStdString(s.name + " " + s.title.en + " " + s.title.zh + " " + s.category +
                                   " " + s.description.en + " " + s.description.zh));
        item->setToolTip(0, QStringLiteral("<b>%1</b> (%2)<br/>%3")
                                .arg(html(s.title.in(lang)), QString::fromStdString(s.difficulty),
                                     html(s.description.in(lang))));
    }
    m_library->expandAll();
    filterLibrary(m_librarySearch->text());
}

void MainWindow::filterLibrary(const QString& text) {
    for (int i = 0; i < m_library->topLevelItemCount(); ++i) {
        QTreeWidgetItem* cat = m_library->topLevelItem(i);
        int visible = 0;
        for (int j = 0; j < cat->childCount(); ++j) {
            QTreeWidgetItem* it = cat->child(j);
            const bool match =
                text.isEmpty() ||
                it->data(0, Qt::UserRole + 1).toString().contains(text, Qt::CaseInsensitive);
            it->setHidden(!match);
            visible += match ? 1 : 0;
        }
        cat->setHidden(visible == 0);
    }
}

bool MainWindow::openScenario(const QString& fileOrName) {
    if (!maybeSaveEditor()) return false;
    bool ok;
    const QFileInfo fi(fileOrName);
    if (fi.exists() && fi.isFile()) {
        ok = m_session.loadFile(fi.absoluteFilePath());
        addRecent(fi.absoluteFilePath());
        // Show the file in the editor even when it has errors, to fix them there.
        QFile f(fi.absoluteFilePath());
        if (f.size() <= static_cast<qint64>(scenario::kMaxScenarioBytes) &&
            f.open(QIODevice::ReadOnly))
            setEditorText(QString::fromUtf8(f.readAll()), fi.absoluteFilePath());
    } else if (const auto* b = scenario::findBuiltin(fileOrName.toStdString())) {
        ok = m_session.loadBuiltin(fileOrName);
        setEditorText(QString::fromUtf8(b->text.data(), static_cast<qsizetype>(b->text.size())),
                      QString());
    } else {
        showProblems(
            {tr("%1: error: no such file, and no built-in scenario has that name").arg(fileOrName)},
            fileOrName);
        return false;
    }
    if (!ok) showProblems(m_session.errors(), fileOrName);
    return ok;
}

void MainWindow::showProblems(const QStringList& errors, const QString& what) {
    m_problems->clear();
    m_problems->addItems(errors);
    if (QDockWidget* d = dock(QStringLiteral("ProblemsDock"))) {
        d->show();
        d->raise();
    }
    statusBar()->showMessage(
        tr("%1 has %n error(s); it was not run.", nullptr, static_cast<int>(errors.size()))
            .arg(what),
        15000);
}

void MainWindow::selectTask(std::uint32_t task) {
    m_view->setSelected(task);
    m_inspector->setTask(task);
    if (!task) return;
    for (int row = 0; row < m_taskProxy->rowCount(); ++row) {
        const QModelIndex idx = m_taskProxy->index(row, 0);
        if (m_taskProxy->data(idx, TaskTableModel::kTaskIdRole).toUInt() == task) {
            m_taskTable->selectRow(row);
            m_taskTable->scrollTo(idx);
            break;
        }
    }
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
}

void MainWindow::updateStatus() {
    using P = Session::Phase;
    const auto& st = m_session.model().state();
    QString phase;
    switch (m_session.phase()) {
    case P::Empty: phase = tr("no scenario"); break;
    case P::Ready: phase = tr("ready to run"); break;
    case P::Running: phase = tr("running"); break;
    case P::Paused: phase = tr("paused"); break;
    case P::Finished: phase = tr("finished"); break;
    }
    m_statusPhase->setText(phase);
    m_statusTime->setText(
        tr("t = %1 ms").arg(static_cast<double>(m_session.runtimeNow().count()) / 1e6, 0, 'f', 2));
    const double s = m_session.slowdown();
    m_statusSpeed->setText(s == 1 ? tr("real time") : tr("%1× slower").arg(s));
    m_statusRate->setText(
        tr("%1 events/s").arg(QLocale().toString(m_session.model().eventsPerSecond(), 'f', 0)));
    m_statusAlive->setText(tr("%1 tasks alive").arg(st.alive()));
    m_statusDropped->setText(tr("dropped live events: %1").arg(m_session.model().droppedLive()));
    m_statusDropped->setToolTip(
        tr("Events the view skipped because it fell behind (normally 0). The recording itself "
           "never drops anything."));
}

void MainWindow::updateLesson() {
    const auto* sc = m_session.scenario();
    if (!sc) {
        m_lesson->setHtml(tr("<p>Pick a lesson in the library, or open a scenario file.</p>"));
        return;
    }
    const std::string l = m_lang.toStdString();
    // A user's own scenario may leave out the description or lesson parts.
    QString h = QStringLiteral("<h2>%1</h2>").arg(html(sc->title.in(l)));
    if (!sc->description.empty()) h += QStringLiteral("<p>%1</p>").arg(html(sc->description.in(l)));
    if (const auto* v = sc->findVariant(m_session.variant().toStdString())) {
        h += QStringLiteral("<p><b>%1</b> %2</p>")
                 .arg(html(v->title.in(l)), html(v->description.in(l)));
    }
    const std::pair<QString, const scenario::Text*> parts[] = {
        {tr("What to watch"), &sc->lesson.watch},
        {tr("What it means"), &sc->lesson.meaning},
        {tr("In Tokio"), &sc->lesson.tokio}};
    for (const auto& [heading, text] : parts)
        if (!text->empty())
            h += QStringLiteral("<h3>%1</h3><p>%2</p>").arg(heading, html(text->in(l)));
    m_lesson->setHtml(h);
}

void MainWindow::updateFindings() {
    m_findings->clear();
    const bool zh = m_lang == QLatin1String("zh");
    for (const trace::Finding& f : m_session.findings()) {
        auto pick = [&](const trace::LocalizedText& t) {
            return QString::fromStdString(zh ? t.zh : t.en);
        };
        auto* item = new QListWidgetItem(pick(f.title), m_findings);
        item->setToolTip(QStringLiteral("<p><b>%1</b></p><p>%2</p><p>%3</p><p><i>%4</i></p>")
                             .arg(pick(f.title).toHtmlEscaped(), pick(f.what).toHtmlEscaped(),
                                  pick(f.why).toHtmlEscaped(), pick(f.fix).toHtmlEscaped()));
        item->setForeground(trace::isInformational(f.kind) ? QColor(0x55, 0x55, 0x55)
                                                           : QColor(0xa0, 0x10, 0x10));
    }
    if (m_session.phase() == Session::Phase::Finished && m_session.findings().empty())
        m_findings->addItem(tr("No problems found."));
    updateControls();
}

bool MainWindow::selectVariant(const QString& name) {
    const QString key = name == QLatin1String("base") ? QString() : name;
    const int i = m_variant->findData(key);
    if (i < 0) return false;
    if (i == m_variant->currentIndex()) {
        m_session.setVariant(key);
        updateLesson();
    } else {
        m_variant->setCurrentIndex(i);  // the box's handler updates session and lesson
    }
    return true;
}

void MainWindow::updateVariants() {
    QSignalBlocker block(m_variant);
    m_variant->clear();
    const auto* sc = m_session.scenario();
    m_variant->addItem(tr("base"), QString());
    if (sc)
        for (const auto& v : sc->variants)
            m_variant->addItem(QString::fromStdString(v.title.in(m_lang.toStdString())),
                               QString::fromStdString(v.name));
    const int i = m_variant->findData(m_session.variant());
    m_variant->setCurrentIndex(i >= 0 ? i : 0);
}

void MainWindow::updateChart() {
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
    m_pollSeries->replace(polls);
    m_doneSeries->replace(done);
    m_axisX->setRange(minX, maxX);
    m_axisY->setRange(0, maxY * 1.1);
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
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Scenario"), QString(),
                                                      tr("Scenarios (*.json);;All files (*)"));
    if (!path.isEmpty()) openScenario(path);
}

QString MainWindow::exportView(const QString& path, QSize size) {
    if (size.isEmpty()) size = m_view->size();
    const QString ext = QFileInfo(path).suffix().toLower();
    PaintOptions o = m_view->paintOptions();
    o.wallNow = m_session.wallSeconds();
    const QRectF area(QPointF(0, 0), QSizeF(size));
    if (ext == QLatin1String("svg")) {
        QSvgGenerator gen;
        gen.setFileName(path + QStringLiteral(".part"));
        gen.setSize(size);
        gen.setViewBox(area);
        gen.setTitle(QStringLiteral("AsyncScope"));
        {
            QPainter p(&gen);
            if (!p.isActive()) return tr("cannot write %1").arg(path);
            paintRuntime(p, area, m_session.model(), o);
        }
        QFile::remove(path);
        if (!QFile::rename(path + QStringLiteral(".part"), path))
            return tr("cannot write %1").arg(path);
        return {};
    }
    if (ext == QLatin1String("pdf")) {
        QPdfWriter pdf(path + QStringLiteral(".part"));
        pdf.setPageSize(QPageSize(QSizeF(size) * 0.75, QPageSize::Point));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        pdf.setResolution(96);
        {
            QPainter p(&pdf);
            if (!p.isActive()) return tr("cannot write %1").arg(path);
            paintRuntime(p, area, m_session.model(), o);
        }
        QFile::remove(path);
        if (!QFile::rename(path + QStringLiteral(".part"), path))
            return tr("cannot write %1").arg(path);
        return {};
    }
    QImage img(size * 2, QImage::Format_ARGB32_Premultiplied);
    img.setDevicePixelRatio(2);
    img.fill(Qt::white);
    {
        QPainter p(&img);
        paintRuntime(p, area, m_session.model(), o);
    }
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || !img.save(&f, "PNG") || !f.commit())
        return tr("cannot write %1: %2").arg(path, f.errorString());
    return {};
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
    std::ostringstream out;
    trace::writeChromeTrace(*t, out);
    const std::string s = out.str();
    QSaveFile f(path);
    if (f.open(QIODevice::WriteOnly) &&
        f.write(s.data(), static_cast<qint64>(s.size())) == static_cast<qint64>(s.size()) &&
        f.commit())
        statusBar()->showMessage(tr("Wrote %1 (open it in ui.perfetto.dev)").arg(path), 8000);
    else
        QMessageBox::warning(this, tr("Export Chrome Trace"),
                             tr("cannot write %1: %2").arg(path, f.errorString()));
}

void MainWindow::setSlowdown(double factor) {
    int best = 0;
    for (int i = 0; i < m_speed->count(); ++i)
        if (std::abs(m_speed->itemData(i).toDouble() - factor) <
            std::abs(m_speed->itemData(best).toDouble() - factor))
            best = i;
    m_speed->setCurrentIndex(best);
    m_session.setSlowdown(m_speed->itemData(best).toDouble());
    updateStatus();
}

void MainWindow::changeSpeed(int delta) {
    const int i = std::clamp(m_speed->currentIndex() + delta, 0, m_speed->count() - 1);
    m_speed->setCurrentIndex(i);
}

void MainWindow::zoom(double factor) {
    const double s = factor == 0 ? 1.0 : m_view->scale() * factor;
    m_view->setScale(s);
    QFont f = QApplication::font();
    f.setPointSizeF(10.0 * m_view->scale());
    for (QDockWidget* d : m_docks) d->widget()->setFont(f);
}

void MainWindow::saveSettings() {
    QSettings s;
    s.setValue(QStringLiteral("window/geometry"), saveGeometry());
    s.setValue(QStringLiteral("window/state"), saveState());
    s.setValue(QStringLiteral("recent"), m_recent);
    s.setValue(QStringLiteral("language"), m_lang);
    s.setValue(QStringLiteral("speedIndex"), m_speed->currentIndex());
    s.setValue(QStringLiteral("scale"), m_view->scale());
    s.setValue(QStringLiteral("scenario"), m_session.source());
}

void MainWindow::restoreSettings() {
    QSettings s;
    restoreGeometry(s.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(s.value(QStringLiteral("window/state")).toByteArray());
    m_recent = s.value(QStringLiteral("recent")).toStringList();
    rebuildRecentMenu();
    const int speed = s.value(QStringLiteral("speedIndex"), 0).toInt();
    if (speed >= 0 && speed < m_speed->count()) m_speed->setCurrentIndex(speed);
    const double scale = s.value(QStringLiteral("scale"), 1.0).toDouble();
    if (scale != 1.0) zoom(scale);
    setLanguage(s.value(QStringLiteral("language"), QStringLiteral("en")).toString());
}

void MainWindow::closeEvent(QCloseEvent* e) {
    if (!maybeSaveEditor()) {
        e->ignore();
        return;
    }
    saveSettings();
    m_session.stop();
    e->accept();
}

void MainWindow::setEditorText(const QString& text, const QString& path) {
    m_editor->setPlainText(text);  // also clears the undo history
    m_editor->document()->setModified(false);
    m_editorPath = path;
    updateEditorStatus();
}

void MainWindow::updateEditorStatus() {
    const QTextCursor c = m_editor->textCursor();
    const QString where =
        tr("line %1, column %2").arg(c.blockNumber() + 1).arg(c.positionInBlock() + 1);
    const QString file = m_editorPath.isEmpty()
                             ? tr("built-in lesson (Save As to keep your changes)")
                             : QFileInfo(m_editorPath).fileName();
    m_editorStatus->setText(
        QStringLiteral("%1%2 — %3")
            .arg(file, m_editor->document()->isModified() ? tr(" (modified)") : QString(), where));
}

bool MainWindow::applyEditor() {
    const QString name =
        m_editorPath.isEmpty()
            ? (m_session.scenario()
                   ? QString::fromStdString(m_session.scenario()->name) + QStringLiteral(".json")
                   : QStringLiteral("untitled.json"))
            : m_editorPath;
    if (!m_session.loadText(m_editor->toPlainText(), name)) {
        showProblems(m_session.errors(), QFileInfo(name).fileName());
        return false;
    }
    m_problems->clear();
    statusBar()->showMessage(tr("The edited scenario is valid and loaded; press Run."), 8000);
    return true;
}

QString MainWindow::saveEditorTo(const QString& path) {
    QSaveFile f(path);
    const QByteArray bytes = m_editor->toPlainText().toUtf8();
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit())
        return tr("cannot write %1: %2").arg(path, f.errorString());
    m_editorPath = path;
    m_editor->document()->setModified(false);
    addRecent(path);
    updateEditorStatus();
    return {};
}

void MainWindow::saveEditor(bool as) {
    QString path = m_editorPath;
    if (as || path.isEmpty()) {
        const QString suggested =
            m_session.scenario()
                ? QString::fromStdString(m_session.scenario()->name) + QStringLiteral(".json")
                : QStringLiteral("scenario.json");
        path = QFileDialog::getSaveFileName(
            this, tr("Save Scenario"), path.isEmpty() ? suggested : path, tr("Scenarios (*.json)"));
        if (path.isEmpty()) return;
    }
    const QString err = saveEditorTo(path);
    if (!err.isEmpty())
        QMessageBox::warning(this, tr("Save Scenario"), err);
    else
        statusBar()->showMessage(tr("Saved %1").arg(path), 8000);
}

bool MainWindow::maybeSaveEditor() {
    if (!m_editor || !m_editor->document()->isModified()) return true;
    const auto answer = QMessageBox::question(
        this, tr("Unsaved Changes"),
        tr("The scenario in the editor has changes that are not saved. Save them?"),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
    if (answer == QMessageBox::Cancel) return false;
    if (answer == QMessageBox::Save) {
        saveEditor(false);
        return !m_editor->document()->isModified();
    }
    return true;
}

void MainWindow::jumpToProblem(const QString& text) {
    // "file:line:column: error: ..." -> put the editor's cursor there.
    static const QRegularExpression re(QStringLiteral(":(\\d+):(\\d+): error:"));
    const auto m = re.match(text);
    if (!m.hasMatch()) return;
    const int line = m.captured(1).toInt(), col = m.captured(2).toInt();
    QTextBlock block = m_editor->document()->findBlockByNumber(line - 1);
    if (!block.isValid()) return;
    QTextCursor c(block);
    c.movePosition(QTextCursor::Right, QTextCursor::MoveAnchor,
                   std::min(col - 1, block.length() - 1));
    m_editor->setTextCursor(c);
    m_editor->centerCursor();
    if (QDockWidget* d = dock(QStringLiteral("EditorDock"))) {
        d->show();
        d->raise();
    }
    m_editor->setFocus();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* e) {
    if (e->mimeData()->hasUrls()) e->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* e) {
    const auto urls = e->mimeData()->urls();
    if (!urls.isEmpty() && urls.first().isLocalFile()) openScenario(urls.first().toLocalFile());
}

}  // namespace asyncscope::gui
