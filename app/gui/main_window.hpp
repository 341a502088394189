// The main window: the runtime view in the centre and the panels (library,
// lesson, editor, tasks, inspector, findings, problems, throughput; one class
// each in panels/) docked around it, the run controls, menus, shortcuts, and
// the remembered layout. It composes: the panels talk to it through signals
// and read the Session; it tells them what changed.
#pragma once

#include "autosave.hpp"
#include "session.hpp"

#include <look.hpp>

#include <QMainWindow>
#include <QPalette>

#include <vector>

class QAction;
class QTimer;
class QDockWidget;
class QListView;
class QMenu;
class QPlainTextEdit;
class QTranslator;
class QTreeView;

namespace asyncscope::core {
class TaskTableModel;
}  // namespace asyncscope::core

namespace asyncscope::gui {

class BuilderPanel;
class EditorPanel;
class FindingsPanel;
class GuidePanel;
class BreakpointsPanel;
class CompareWindow;
class InspectorPanel;
class LessonPanel;
class LibraryPanel;
class ProblemsPanel;
class RunStatus;
class RunToolBar;
class RuntimeView;
class TaskInspector;
class TasksPanel;
class ChartsPanel;
class TimelinePanel;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    Session& session() noexcept { return m_session; }
    RuntimeView* runtimeView() const noexcept { return m_view; }
    TaskTableModel* taskModel() const;
    TaskInspector* inspector() const;
    // The Problems panel's list (a ProblemsModel: one row per diagnostic).
    QListView* problemsList() const;
    // The Findings panel's list (a FindingsModel).
    QTreeView* findingsList() const;
    // The Library panel's tree (a LibraryFilterModel over a LibraryModel).
    QTreeView* libraryTree() const;
    QPlainTextEdit* editor() const;
    EditorPanel* editorPanel() const noexcept { return m_editor; }
    BuilderPanel* builder() const noexcept { return m_builder; }
    QDockWidget* dock(const QString& objectName) const;

    // Editor: validate the text and, when it is valid, load it (not run).
    bool applyEditor();
    // Run uses the document as it is in the editor, saved or not: when its
    // text is not what the session has loaded, it is applied first (keeping
    // the selected variant when the new text still has it). False when it
    // has errors (listed in Problems; nothing runs). Run, Step and Restart
    // call it before a run starts from the beginning.
    bool runEditorText();
    // Writes the editor's text to `path` atomically (QSaveFile); "" or an error.
    QString saveEditorTo(const QString& path);

    // Opening: a file path or a built-in scenario name. Errors go to the
    // Problems panel (and nothing runs); returns whether it loaded.
    bool openScenario(const QString& fileOrName);
    // File → New Scenario (Ctrl+N): asks where to start from, then
    // newScenarioFrom() it.
    void newScenarioDialog();
    // A new, unsaved scenario in the editor, loaded: a copy of the built-in
    // lesson `lesson`, or ("") a minimal one to build on. False when there
    // is no such lesson or the unsaved work could not be set aside.
    bool newScenarioFrom(const QString& lesson);
    // Selects a variant of the open scenario by name ("base" or "": none), as
    // the toolbar's Variant box does; false when the scenario has no such one.
    bool selectVariant(const QString& name);
    void setLanguage(const QString& lang);  // "en" or "zh"
    QString language() const { return m_lang; }
    void selectTask(std::uint32_t task);
    // The Charts panel over the session's timeline, its range and cursor.
    void updateCharts();
    // Slow motion factor (1 = real time ... 1000), as the Speed box offers.
    void setSlowdown(double factor);
    // Key 1: real time, and back to the slow motion it left (or the lesson's).
    void toggleRealTime();
    // Writes the runtime view to PNG, SVG or PDF (by extension); "" or an error.
    QString exportView(const QString& path, QSize size = {});

    // Compare (Ctrl+K): the open scenario's base against a variant (the one
    // selected, else the first) in a window of its own; null without a scenario.
    CompareWindow* openCompare();

    // Presentation mode (F12): only the runtime view, the timeline and the
    // lesson (and the guide), large fonts (the presentation's own zoom,
    // remembered) and the high-contrast theme. Leaving it restores the layout
    // and zoom it left.
    void setPresentation(bool on);
    bool presenting() const noexcept { return m_presenting; }
    double presentationScale() const noexcept { return m_presentationScale; }
    // View menu toggles, remembered: the high-contrast theme (always on while
    // presenting) and the colour-blind-safe palette with line patterns.
    void setHighContrast(bool on);
    void setColourBlind(bool on);
    // What the views draw with now.
    Look look() const;

    // Autosave (every few seconds while the editor has unsaved changes; see
    // autosave.hpp). autosaveNow() is what the timer does.
    void autosaveNow();
    Autosave& autosave() noexcept { return m_autosave; }
    // At start: for each scenario a run that did not end normally left
    // unsaved, asks whether to restore it; returns how many were restored.
    int offerRestore();
    // Puts `e`'s text in the editor as unsaved work on its file, and loads it
    // when it is valid (else Problems lists its errors); removes the file.
    void restoreAutosave(const Autosave::Entry& e);

    void saveSettings();
    void restoreSettings();

protected:
    void closeEvent(QCloseEvent* e) override;
    void dragEnterEvent(QDragEnterEvent* e) override;
    void dropEvent(QDropEvent* e) override;
    void changeEvent(QEvent* e) override;

private:
    double m_slowdownBeforeRealTime = 1;  // the slow motion the key 1 returns to
    void buildActions();
    void buildPanels();
    void buildMenus();
    void connectSession();
    void retranslate();
    void updateControls();
    void updateFindings();
    void updateTitle();
    void showProblems(std::vector<scenario::Diagnostic> diagnostics, const QString& what);
    // The loaded scenario's warnings in Problems (cleared when there are none).
    void showWarnings();
    // The Builder's check of the editor's text as it is now: its errors and
    // warnings in Problems and marked in the text (nothing is loaded).
    void showChecked(const std::vector<scenario::Diagnostic>& diagnostics);
    // The Editor and the Builder wired to the window: their messages, the
    // check's diagnostics, and Edit ▸ Undo and Redo over their one history.
    void connectDocument();
    void updateUndoActions();  // "Undo Move step 'sleep 5ms' up"
    void showDock(const char* objectName);
    void addRecent(const QString& path);
    void rebuildRecentMenu();
    void openDialog();
    void exportViewDialog();
    void exportTraceDialog();
    void saveRecordingDialog();
    void zoom(double factor);

    Session m_session;
    QString m_lang = QStringLiteral("en");
    QTranslator* m_translator = nullptr;
    QTranslator* m_qtTranslator = nullptr;

    RuntimeView* m_view = nullptr;
    LibraryPanel* m_library = nullptr;
    LessonPanel* m_lesson = nullptr;
    EditorPanel* m_editor = nullptr;
    BuilderPanel* m_builder = nullptr;
    TasksPanel* m_tasks = nullptr;
    InspectorPanel* m_inspector = nullptr;
    FindingsPanel* m_findings = nullptr;
    BreakpointsPanel* m_breakpoints = nullptr;
    GuidePanel* m_guide = nullptr;
    ProblemsPanel* m_problems = nullptr;
    ChartsPanel* m_charts = nullptr;
    TimelinePanel* m_timeline = nullptr;
    std::vector<QDockWidget*> m_docks;
    RunToolBar* m_toolbar = nullptr;
    RunStatus* m_status = nullptr;

    QAction *m_toggle = nullptr, *m_open = nullptr, *m_export = nullptr, *m_exportTrace = nullptr,
            *m_saveRecording = nullptr, *m_quit = nullptr, *m_run = nullptr, *m_pause = nullptr,
            *m_step = nullptr, *m_stop = nullptr, *m_restart = nullptr, *m_faster = nullptr,
            *m_slower = nullptr, *m_realTime = nullptr, *m_guided = nullptr,
            *m_fullScreen = nullptr, *m_zoomIn = nullptr, *m_zoomOut = nullptr,
            *m_zoomReset = nullptr, *m_langEn = nullptr, *m_langZh = nullptr, *m_about = nullptr,
            *m_resetLayout = nullptr, *m_apply = nullptr, *m_save = nullptr, *m_saveAs = nullptr,
            *m_exportTimeline = nullptr, *m_backToLive = nullptr, *m_compare = nullptr,
            *m_presentation = nullptr, *m_highContrast = nullptr, *m_colourBlind = nullptr,
            *m_new = nullptr, *m_undo = nullptr, *m_redo = nullptr;
    QMenu *m_fileMenu = nullptr, *m_editMenu = nullptr, *m_recentMenu = nullptr,
          *m_runMenu = nullptr, *m_viewMenu = nullptr, *m_panelsMenu = nullptr,
          *m_langMenu = nullptr, *m_helpMenu = nullptr;
    QStringList m_recent;
    QByteArray m_defaultState;
    bool m_presenting = false;
    double m_presentationScale = 1.4;
    QByteArray m_stateBeforePresenting;  // the layout presentation mode left
    double m_scaleBeforePresenting = 1.0;
    QPalette m_normalPalette;
    Autosave m_autosave;
    QTimer* m_autosaveTimer = nullptr;
    QString m_autosaveError;  // the last one reported (not every tick)
    void applyLook();
    // The next Run starts a run from the beginning (not a resume).
    bool startsFresh() const;
    QString m_loadedText;  // the editor text the session's scenario was loaded from
    int m_tableTick = 0;
};

}  // namespace asyncscope::gui
