// The main window: the runtime view in the centre, dockable panels around it
// (library, tasks, inspector, findings, lesson, throughput, problems), the
// run controls, menus, shortcuts, and remembered layout.
#pragma once

#include "session.hpp"

#include <QMainWindow>
#include <QPointer>

class QAction;
class QComboBox;
class QDockWidget;
class QLabel;
class QLineEdit;
class QListWidget;
class QMenu;
class QSortFilterProxyModel;
class QSpinBox;
class QTableView;
class QTextBrowser;
class QTranslator;
class QTreeWidget;
class QPlainTextEdit;

class QChartView;
class QLineSeries;
class QValueAxis;

namespace asyncscope::gui {

class RuntimeView;
class TaskInspector;
class TaskTableModel;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    Session& session() noexcept { return m_session; }
    RuntimeView* runtimeView() const noexcept { return m_view; }
    TaskTableModel* taskModel() const noexcept { return m_taskModel; }
    TaskInspector* inspector() const noexcept { return m_inspector; }
    QListWidget* problemsList() const noexcept { return m_problems; }
    QPlainTextEdit* editor() const noexcept { return m_editor; }
    // Editor: validate the text and, when it is valid, load it (not run).
    bool applyEditor();
    // Writes the editor's text to `path` atomically (QSaveFile); "" or an error.
    QString saveEditorTo(const QString& path);
    QListWidget* findingsList() const noexcept { return m_findings; }
    QTreeWidget* libraryTree() const noexcept { return m_library; }
    QDockWidget* dock(const QString& objectName) const;

    // Opening: a file path or a built-in scenario name. Errors go to the
    // Problems panel (and nothing runs); returns whether it loaded.
    bool openScenario(const QString& fileOrName);
    // Selects a variant of the open scenario by name ("base" or "": none), as
    // the toolbar's Variant box does; false when the scenario has no such one.
    bool selectVariant(const QString& name);
    void setLanguage(const QString& lang);  // "en" or "zh"
    QString language() const { return m_lang; }
    void selectTask(std::uint32_t task);
    // Slow motion factor (1 = real time ... 1000), as the Speed box offers.
    void setSlowdown(double factor);
    // Writes the runtime view to PNG, SVG or PDF (by extension); "" or an error.
    QString exportView(const QString& path, QSize size = {});

    void saveSettings();
    void restoreSettings();

protected:
    void closeEvent(QCloseEvent* e) override;
    void dragEnterEvent(QDragEnterEvent* e) override;
    void dropEvent(QDropEvent* e) override;
    void changeEvent(QEvent* e) override;

private:
    void buildActions();
    void buildDocks();
    void buildToolbar();
    void buildMenus();
    void retranslate();
    void populateLibrary();
    void filterLibrary(const QString& text);
    void updateControls();
    void updateStatus();
    void updateLesson();
    void updateFindings();
    void updateVariants();
    void updateChart();
    void addRecent(const QString& path);
    void rebuildRecentMenu();
    void openDialog();
    void exportViewDialog();
    void exportTraceDialog();
    void changeSpeed(int delta);
    void zoom(double factor);
    void showProblems(const QStringList& errors, const QString& what);
    void setEditorText(const QString& text, const QString& path);
    bool maybeSaveEditor();
    void saveEditor(bool as);
    void jumpToProblem(const QString& text);
    void updateEditorStatus();

    Session m_session;
    QString m_lang = QStringLiteral("en");
    QTranslator* m_translator = nullptr;
    QTranslator* m_qtTranslator = nullptr;
    RuntimeView* m_view = nullptr;
    TaskTableModel* m_taskModel = nullptr;
    QSortFilterProxyModel* m_taskProxy = nullptr;
    QTableView* m_taskTable = nullptr;
    QLineEdit* m_taskFilter = nullptr;
    TaskInspector* m_inspector = nullptr;
    QListWidget* m_findings = nullptr;
    QListWidget* m_problems = nullptr;
    QTextBrowser* m_lesson = nullptr;
    QPlainTextEdit* m_editor = nullptr;
    QLabel* m_editorStatus = nullptr;
    QString m_editorPath;  // file the editor saves to ("" for a built-in lesson)
    QTreeWidget* m_library = nullptr;
    QLineEdit* m_librarySearch = nullptr;
    QChartView* m_chartView = nullptr;
    QLineSeries* m_pollSeries = nullptr;
    QLineSeries* m_doneSeries = nullptr;
    QValueAxis* m_axisX = nullptr;
    QValueAxis* m_axisY = nullptr;
    std::vector<QDockWidget*> m_docks;

    QAction *m_toggle, *m_open, *m_export, *m_exportTrace, *m_quit, *m_run, *m_pause, *m_step,
        *m_stop, *m_restart, *m_faster, *m_slower, *m_fullScreen, *m_zoomIn, *m_zoomOut,
        *m_zoomReset, *m_langEn, *m_langZh, *m_about, *m_resetLayout, *m_apply, *m_save, *m_saveAs;
    QMenu *m_fileMenu, *m_recentMenu, *m_runMenu, *m_viewMenu, *m_panelsMenu, *m_langMenu,
        *m_helpMenu;
    QComboBox* m_speed = nullptr;
    QComboBox* m_variant = nullptr;
    QComboBox* m_flavor = nullptr;
    QSpinBox* m_workers = nullptr;
    QLabel *m_speedLabel, *m_variantLabel, *m_flavorLabel, *m_workersLabel;
    QLabel *m_statusTime, *m_statusSpeed, *m_statusRate, *m_statusAlive, *m_statusDropped,
        *m_statusPhase;
    QStringList m_recent;
    QByteArray m_defaultState;
    int m_tableTick = 0;
};

}  // namespace asyncscope::gui
