// MainWindow, its documents: opening a scenario or a recording, a new
// scenario, the editor's text applied to the session, the autosave of
// unsaved work with its restore after a crash, and the Editor and Builder
// over one document with one undo history (see main_window.hpp).
#include "main_window.hpp"

#include "panels/builder_panel.hpp"
#include "panels/editor_panel.hpp"
#include "panels/problems_panel.hpp"

#include <asyncscope/scenario/library.hpp>

#include <QAction>
#include <QFile>
#include <QFileInfo>
#include <QInputDialog>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStatusBar>
#include <QUndoStack>

namespace asyncscope::gui {

bool MainWindow::openScenario(const QString& fileOrName) {
    if (!m_editor->maybeSave()) return false;
    bool ok;
    const QFileInfo fi(fileOrName);
    if (fi.isFile() && fi.suffix().compare(QLatin1String("astrace"), Qt::CaseInsensitive) == 0) {
        // A recording: shown as a finished run, nothing runs.
        ok = m_session.openRecording(fi.absoluteFilePath());
        if (ok) addRecent(fi.absoluteFilePath());
    } else if (fi.exists() && fi.isFile()) {
        ok = m_session.loadFile(fi.absoluteFilePath());
        addRecent(fi.absoluteFilePath());
        // Show the file in the editor even when it has errors, to fix them there.
        QFile f(fi.absoluteFilePath());
        if (f.size() <= static_cast<qint64>(scenario::kMaxScenarioBytes) &&
            f.open(QIODevice::ReadOnly))
            m_editor->setDocument(QString::fromUtf8(f.readAll()), fi.absoluteFilePath());
        if (ok) m_loadedText = m_editor->text();
    } else if (const auto* b = scenario::findBuiltin(fileOrName.toStdString())) {
        ok = m_session.loadBuiltin(fileOrName);
        m_editor->setDocument(
            QString::fromUtf8(b->text.data(), static_cast<qsizetype>(b->text.size())), QString());
        m_loadedText = m_editor->text();
    } else {
        showProblems({scenario::Diagnostic{
                         fileOrName.toStdString(),
                         {},
                         {},
                         tr("no such file, and no built-in scenario has that name").toStdString()}},
                     fileOrName);
        return false;
    }
    if (!ok) {
        showProblems(m_session.diagnostics(), fileOrName);
        return false;
    }
    showWarnings();
    // A lesson starts at the speed it is best watched at.
    if (const scenario::Scenario* sc = m_session.scenario(); sc && sc->speed > 0) {
        setSlowdown(sc->speed);
        m_slowdownBeforeRealTime = m_session.slowdown();
    }
    return true;
}

void MainWindow::newScenarioDialog() {
    QStringList items{tr("A minimal scenario: one task, to build on")};
    QStringList names{QString()};
    for (const scenario::BuiltinScenario& b : scenario::builtinScenarios()) {
        items << tr("A copy of the lesson “%1”")
                     .arg(QString::fromUtf8(b.name.data(), static_cast<qsizetype>(b.name.size())));
        names << QString::fromUtf8(b.name.data(), static_cast<qsizetype>(b.name.size()));
    }
    bool ok = false;
    const QString pick =
        QInputDialog::getItem(this, tr("New Scenario"), tr("Start from:"), items, 0, false, &ok);
    if (!ok) return;
    newScenarioFrom(names.value(static_cast<int>(items.indexOf(pick))));
}

bool MainWindow::newScenarioFrom(const QString& lesson) {
    // Valid as it is: Run works at once, and every field is there to change.
    static const char* const kMinimal = R"({
  "$schema": "scenario.schema.json",
  "version": 1,
  "title": {
    "en": "My scenario",
    "zh": "我的场景"
  },
  "config": {
    "workers": 2
  },
  "templates": {
    "main": [
      {"step": "sleep", "duration": "1ms"}
    ]
  },
  "start": [
    {"template": "main"}
  ]
}
)";
    QString text = QString::fromUtf8(kMinimal);
    if (!lesson.isEmpty()) {
        const auto* b = scenario::findBuiltin(lesson.toStdString());
        if (!b) return false;
        text = QString::fromUtf8(b->text.data(), static_cast<qsizetype>(b->text.size()));
    }
    if (!m_editor->maybeSave()) return false;
    m_editor->setNewDocument(
        text, (lesson.isEmpty() ? QStringLiteral("untitled") : lesson) + QStringLiteral(".json"));
    showDock("EditorDock");
    autosaveNow();
    return applyEditor();
}

bool MainWindow::startsFresh() const {
    const Session::Phase p = m_session.phase();
    return p != Session::Phase::Running && p != Session::Phase::Paused;
}

bool MainWindow::runEditorText() {
    m_builder->commitPending();  // a field being typed in is part of the document
    // A recording shows a run; there is no document to run.
    if (!m_session.recordingTitle().isEmpty() || m_editor->text() == m_loadedText) return true;
    const QString variant = m_session.variant();
    if (!applyEditor()) return false;
    if (!variant.isEmpty()) selectVariant(variant);  // false when the text dropped it
    statusBar()->showMessage(tr("Running the scenario as it is in the editor."), 8000);
    return true;
}

bool MainWindow::applyEditor() {
    m_builder->commitPending();
    const QString name = m_editor->documentName();
    if (!m_session.loadText(m_editor->text(), name)) {
        showProblems(m_session.diagnostics(), QFileInfo(name).fileName());
        return false;
    }
    m_loadedText = m_editor->text();
    m_problems->clear();
    statusBar()->showMessage(tr("The edited scenario is valid and loaded; press Run."), 8000);
    if (m_session.warnings().empty())
        m_editor->markDiagnostics({});
    else
        showWarnings();
    return true;
}

QString MainWindow::saveEditorTo(const QString& path) {
    return m_editor->saveTo(path);
}

void MainWindow::autosaveNow() {
    m_builder->commitPending();
    if (!m_editor->isModified()) {
        m_autosave.clear();
        return;
    }
    const QString error =
        m_autosave.store(m_editor->text(), m_editor->path(), m_editor->documentName());
    if (!error.isEmpty() && error != m_autosaveError)
        statusBar()->showMessage(tr("Autosave failed: %1").arg(error), 10000);
    m_autosaveError = error;
}

int MainWindow::offerRestore() {
    int restored = 0;
    for (const Autosave::Entry& e : m_autosave.leftBehind()) {
        QMessageBox box(QMessageBox::Question, tr("Restore Unsaved Work"),
                        tr("AsyncScope did not close normally. The scenario “%1” had changes that "
                           "were not saved (kept at %2). Restore them?")
                            .arg(QFileInfo(e.name).fileName(),
                                 QLocale().toString(e.when.toLocalTime(), QLocale::ShortFormat)),
                        QMessageBox::NoButton, this);
        QPushButton* restore = box.addButton(tr("Restore"), QMessageBox::AcceptRole);
        box.addButton(tr("Discard"), QMessageBox::DestructiveRole);
        box.setDefaultButton(restore);
        box.exec();
        if (box.clickedButton() == restore) {
            restoreAutosave(e);
            ++restored;
        } else {
            Autosave::discard(e);
        }
    }
    return restored;
}

void MainWindow::restoreAutosave(const Autosave::Entry& e) {
    m_editor->setDocument(e.text, e.path);
    m_editor->markUnsaved();  // still not saved
    showDock("EditorDock");
    Autosave::discard(e);
    autosaveNow();  // kept again, by this process, until it is saved
    if (applyEditor())
        statusBar()->showMessage(tr("Restored your unsaved scenario; save it to keep it."), 10000);
}

void MainWindow::connectDocument() {
    connect(m_builder, &BuilderPanel::statusMessage, statusBar(), &QStatusBar::showMessage);
    connect(m_builder, &BuilderPanel::checked, this, &MainWindow::showChecked);
    connect(m_editor, &EditorPanel::aboutToSave, m_builder, &BuilderPanel::commitPending);
    // Undo and redo: the document's one history, the text's and the Builder's.
    QUndoStack* stack = m_editor->undoStack();
    m_undo = new QAction(this);
    m_undo->setShortcut(QKeySequence::Undo);
    m_redo = new QAction(this);
    m_redo->setShortcut(QKeySequence::Redo);
    connect(m_undo, &QAction::triggered, stack, &QUndoStack::undo);
    connect(m_redo, &QAction::triggered, stack, &QUndoStack::redo);
    connect(stack, &QUndoStack::indexChanged, this, &MainWindow::updateUndoActions);
    connect(stack, &QUndoStack::cleanChanged, this, &MainWindow::updateUndoActions);
    updateUndoActions();
}

void MainWindow::updateUndoActions() {
    const QUndoStack* stack = m_editor->undoStack();
    m_undo->setEnabled(stack->canUndo());
    m_redo->setEnabled(stack->canRedo());
    m_undo->setText(stack->canUndo() ? tr("&Undo %1").arg(stack->undoText()) : tr("&Undo"));
    m_redo->setText(stack->canRedo() ? tr("&Redo %1").arg(stack->redoText()) : tr("&Redo"));
}

void MainWindow::showChecked(const std::vector<scenario::Diagnostic>& diagnostics) {
    // A recording has no document; a run's Problems stay as they were.
    if (!m_session.recordingTitle().isEmpty()) return;
    m_editor->markDiagnostics(diagnostics);
    m_problems->setDiagnostics(diagnostics);
}

}  // namespace asyncscope::gui
