// The Editor panel: the open scenario's JSON, editable, above a status line
// (file, modified, line and column). It owns the document's one undo history
// (undoStack()): typing lands there as "Typing" commands (runs of it merge),
// and the Builder's actions land there as named text changes (applyEdit), so
// Ctrl+Z in either undoes the last change of both. It knows where the text is
// saved ("" for a built-in lesson, which only Save As can keep) and saves
// atomically (QSaveFile); it never drops unsaved changes without asking.
// Emits saved(path) after every successful save and statusMessage(text, ms)
// for the window's status bar. Checking and loading the text is the window's
// job (it goes through the Session and may fill the Problems panel).
#pragma once

#include <asyncscope/scenario/loader.hpp>

#include <QString>
#include <QTextCursor>
#include <QWidget>

#include <vector>

class QLabel;
class QPlainTextEdit;
class QUndoStack;

namespace asyncscope::gui {

class Session;

class EditorPanel final : public QWidget {
    Q_OBJECT
public:
    explicit EditorPanel(const Session& session, QWidget* parent = nullptr);
    ~EditorPanel() override;

    QPlainTextEdit* editor() const noexcept { return m_edit; }
    // Replaces the text (and the undo history); `path` is where it saves to.
    void setDocument(const QString& text, const QString& path);
    // A new scenario: not saved anywhere yet, and so unsaved work (closing
    // asks, autosave keeps it) until Save As gives it a file.
    // `name`: what it is called until saved ("untitled.json").
    void setNewDocument(const QString& text, const QString& name);
    QString text() const;
    // The document's undo history, shared by the text and the Builder.
    QUndoStack* undoStack() const noexcept { return m_undo; }
    // Makes the text `text` as one undoable command called `name` (only the
    // span that differs is replaced, so the rest keeps its marks); false
    // when the text is that already. Consecutive edits with the same
    // non-empty `mergeKey` (one field set again and again) are one command.
    bool applyEdit(const QString& text, const QString& name, const QString& mergeKey = {});
    // Unsaved whatever undo does, until it is saved (restored work).
    void markUnsaved();
    QString path() const { return m_path; }
    // The file name diagnostics of this text carry: the path, or for a
    // built-in lesson the scenario's name + ".json".
    QString documentName() const;
    bool isModified() const;

    // Writes the text to `path` atomically and makes it the document's file;
    // "" or an error.
    QString saveTo(const QString& path);
    // Saves to the document's file, or asks for one (always with `as`);
    // false when cancelled or failed (a failure is reported in a message box).
    bool save(bool as);
    // Unsaved changes: asks to save, discard or cancel; false on cancel.
    bool maybeSave();
    // Marks, in the text, the places the loader's `diagnostics` of this
    // document point to: the line tinted and the rest of it from the column
    // underlined, red for an error, orange for a warning; while the cursor is
    // on a marked line the status line says why. The marks move with edits;
    // the next check replaces them (none: the text loaded cleanly).
    void markDiagnostics(const std::vector<scenario::Diagnostic>& diagnostics);
    std::size_t markCount() const noexcept { return m_marks.size(); }
    // Puts the cursor on `line`:`column` (both from 1) and focuses the text.
    void goTo(int line, int column);

    void retranslate();

Q_SIGNALS:
    void saved(const QString& path);
    // The text changed: typed (`typed`), or by a command, an undo or a
    // redo, or replaced.
    void documentChanged(bool typed);
    // Before the text is saved, or asked about being saved: whoever holds
    // an edit not yet in the text (a field being typed in the Builder)
    // puts it there now.
    void aboutToSave();
    void statusMessage(const QString& text, int timeoutMs);

private:
    friend class TextChange;
    friend class DocumentChange;
    void setTextKeepingRest(const QString& text);
    bool eventFilter(QObject* watched, QEvent* event) override;
    void updateStatus();
    void textEdited();  // a change typed (or pasted) in the text
    // Replaces text[pos, pos + length) with `with` (an undo or redo).
    void replaceSpan(int pos, int length, const QString& with);
    void syncModified();

    const Session& m_session;
    QPlainTextEdit* m_edit = nullptr;
    QLabel* m_status = nullptr;
    QString m_path;      // file the editor saves to ("" for a built-in lesson)
    bool m_new = false;  // a new scenario (m_path "")
    QString m_newName;   // its name until saved
    QUndoStack* m_undo = nullptr;
    QString m_shadow;         // the text as of the last command (typing is diffed against it)
    bool m_applying = false;  // the text is being changed by a command, not typed
    bool m_unsaved = false;   // modified whatever the undo stack says (new, restored)
    struct Mark {
        QTextCursor where;  // from the column to the end of its line
        QString message;
        bool warning = false;
    };
    std::vector<Mark> m_marks;
};

}  // namespace asyncscope::gui
