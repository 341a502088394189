#include "panels/editor_panel.hpp"

#include "session.hpp"

#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QKeyEvent>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QSaveFile>
#include <QTextBlock>
#include <QTextEdit>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>
#include <memory>

namespace asyncscope::gui {

// One change of the text: `removed` at `pos` became `inserted`.
class TextChange final : public QUndoCommand {
public:
    TextChange(EditorPanel* editor, int pos, QString removed, QString inserted, const QString& name,
               bool typing)
        : QUndoCommand(name),
          m_editor(editor),
          m_pos(pos),
          m_removed(std::move(removed)),
          m_inserted(std::move(inserted)),
          m_typing(typing),
          m_done(typing) {}

    void redo() override {
        if (m_done) {  // typed: it is in the text already
            m_done = false;
            return;
        }
        m_editor->replaceSpan(m_pos, static_cast<int>(m_removed.size()), m_inserted);
    }
    void undo() override {
        m_editor->replaceSpan(m_pos, static_cast<int>(m_inserted.size()), m_removed);
    }
    int id() const override { return m_typing ? 1 : -1; }
    // Runs of typing (or of Backspace, or of Delete) are one command.
    bool mergeWith(const QUndoCommand* other) override {
        const auto* o = static_cast<const TextChange*>(other);
        if (m_removed.isEmpty() && o->m_removed.isEmpty() &&
            o->m_pos == m_pos + m_inserted.size()) {
            m_inserted += o->m_inserted;
            return true;
        }
        if (m_inserted.isEmpty() && o->m_inserted.isEmpty()) {
            if (o->m_pos + o->m_removed.size() == m_pos) {
                m_pos = o->m_pos;
                m_removed = o->m_removed + m_removed;
                return true;
            }
            if (o->m_pos == m_pos) {
                m_removed += o->m_removed;
                return true;
            }
        }
        return false;
    }

private:
    EditorPanel* m_editor;
    int m_pos;
    QString m_removed, m_inserted;
    bool m_typing;
    bool m_done;
};

// A named change of the whole document (a Builder action), kept as the text
// before and after it.
class DocumentChange final : public QUndoCommand {
public:
    DocumentChange(EditorPanel* editor, QString before, QString after, const QString& name,
                   QString mergeKey)
        : QUndoCommand(name),
          m_editor(editor),
          m_before(std::move(before)),
          m_after(std::move(after)),
          m_key(std::move(mergeKey)) {}
    void redo() override { m_editor->setTextKeepingRest(m_after); }
    void undo() override { m_editor->setTextKeepingRest(m_before); }
    int id() const override { return m_key.isEmpty() ? -1 : 2; }
    bool mergeWith(const QUndoCommand* other) override {
        const auto* o = static_cast<const DocumentChange*>(other);
        if (o->m_key != m_key) return false;
        m_after = o->m_after;
        setText(o->text());
        setObsolete(m_after == m_before);  // set back as it was: no change left to undo
        return true;
    }

private:
    EditorPanel* m_editor;
    QString m_before, m_after, m_key;
};

namespace {

struct Difference {
    int pos;
    QString removed, inserted;
};

// The one span where `after` differs from `before`.
Difference difference(const QString& before, const QString& after) {
    const qsizetype limit = std::min(before.size(), after.size());
    qsizetype p = 0;
    while (p < limit && before[p] == after[p]) ++p;
    qsizetype s = 0;
    while (s < limit - p && before[before.size() - 1 - s] == after[after.size() - 1 - s]) ++s;
    return {static_cast<int>(p), before.mid(p, before.size() - p - s),
            after.mid(p, after.size() - p - s)};
}

}  // namespace

EditorPanel::EditorPanel(const Session& session, QWidget* parent)
    : QWidget(parent), m_session(session) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    m_edit = new QPlainTextEdit(this);
    m_edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_edit->setTabChangesFocus(false);
    m_edit->setUndoRedoEnabled(false);  // the panel's own stack keeps the history
    m_edit->installEventFilter(this);
    m_undo = new QUndoStack(this);
    m_status = new QLabel(this);
    layout->addWidget(m_edit);
    layout->addWidget(m_status);
    connect(m_edit, &QPlainTextEdit::cursorPositionChanged, this, &EditorPanel::updateStatus);
    connect(m_edit->document(), &QTextDocument::modificationChanged, this,
            &EditorPanel::updateStatus);
    connect(m_edit->document(), &QTextDocument::contentsChanged, this, &EditorPanel::textEdited);
    connect(m_undo, &QUndoStack::indexChanged, this, &EditorPanel::syncModified);
    // The text's own menu, with Undo and Redo of the shared history.
    m_edit->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_edit, &QWidget::customContextMenuRequested, this, [this](const QPoint& at) {
        std::unique_ptr<QMenu> menu(m_edit->createStandardContextMenu(at));
        const QList<QAction*> actions = menu->actions();
        for (QAction* a : actions) {
            const bool undo = a->objectName() == QLatin1String("edit-undo");
            if (!undo && a->objectName() != QLatin1String("edit-redo")) continue;
            auto* mine = new QAction(a->text(), menu.get());
            mine->setShortcut(a->shortcut());
            mine->setEnabled(undo ? m_undo->canUndo() : m_undo->canRedo());
            connect(mine, &QAction::triggered, m_undo,
                    undo ? &QUndoStack::undo : &QUndoStack::redo);
            menu->insertAction(a, mine);
            menu->removeAction(a);
        }
        menu->exec(m_edit->viewport()->mapToGlobal(at));
    });
}

EditorPanel::~EditorPanel() {
    // QWidget deletes its children before QObject drops the connections:
    // the stack's clear() must not call back into a panel (or a window)
    // half gone.
    m_undo->blockSignals(true);
    m_edit->document()->disconnect(this);
}

bool EditorPanel::eventFilter(QObject* watched, QEvent* event) {
    // The text would take Ctrl+Z for its own (disabled) history: it goes to
    // the shared one, whichever of the text and the Builder made the change.
    if (watched == m_edit && event->type() == QEvent::KeyPress) {
        auto* key = static_cast<QKeyEvent*>(event);
        if (key->matches(QKeySequence::Undo)) {
            m_undo->undo();
            return true;
        }
        if (key->matches(QKeySequence::Redo)) {
            m_undo->redo();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void EditorPanel::textEdited() {
    if (m_applying) return;
    const QString now = m_edit->toPlainText();
    if (now == m_shadow) return;
    Difference d = difference(m_shadow, now);
    m_shadow = now;
    m_undo->push(new TextChange(this, d.pos, std::move(d.removed), std::move(d.inserted),
                                tr("Typing"), true));
    Q_EMIT documentChanged(true);
}

void EditorPanel::replaceSpan(int pos, int length, const QString& with) {
    m_applying = true;
    QTextCursor c(m_edit->document());
    c.setPosition(pos);
    c.setPosition(pos + length, QTextCursor::KeepAnchor);
    c.insertText(with);
    m_applying = false;
    m_shadow = m_edit->toPlainText();
    m_edit->setTextCursor(c);  // the change in view
    m_edit->ensureCursorVisible();
    Q_EMIT documentChanged(false);
}

void EditorPanel::setTextKeepingRest(const QString& text) {
    const Difference d = difference(m_shadow, text);
    replaceSpan(d.pos, static_cast<int>(d.removed.size()), d.inserted);
}

bool EditorPanel::applyEdit(const QString& text, const QString& name, const QString& mergeKey) {
    if (text == m_shadow) return false;
    m_undo->push(new DocumentChange(this, m_shadow, text, name, mergeKey));
    return true;
}

void EditorPanel::markUnsaved() {
    m_unsaved = true;
    syncModified();
}

void EditorPanel::syncModified() {
    m_edit->document()->setModified(m_unsaved || !m_undo->isClean());
    updateStatus();
}

void EditorPanel::setDocument(const QString& text, const QString& path) {
    m_applying = true;
    m_edit->setPlainText(text);
    m_applying = false;
    m_shadow = m_edit->toPlainText();
    m_path = path;
    m_new = false;
    m_unsaved = false;
    m_undo->clear();
    syncModified();
    Q_EMIT documentChanged(false);
}

void EditorPanel::setNewDocument(const QString& text, const QString& name) {
    m_newName = name;
    m_applying = true;
    m_edit->setPlainText(text);
    m_applying = false;
    m_shadow = m_edit->toPlainText();
    m_path.clear();
    m_new = true;
    m_unsaved = true;
    m_undo->clear();
    syncModified();
    Q_EMIT documentChanged(false);
}

QString EditorPanel::text() const {
    return m_edit->toPlainText();
}

bool EditorPanel::isModified() const {
    return m_edit->document()->isModified();
}

QString EditorPanel::documentName() const {
    if (!m_path.isEmpty()) return m_path;
    if (m_new) return m_newName;
    return m_session.scenario()
               ? QString::fromStdString(m_session.scenario()->name) + QStringLiteral(".json")
               : QStringLiteral("untitled.json");
}

void EditorPanel::retranslate() {
    updateStatus();
}

void EditorPanel::updateStatus() {
    const QTextCursor c = m_edit->textCursor();
    const QString where =
        tr("line %1, column %2").arg(c.blockNumber() + 1).arg(c.positionInBlock() + 1);
    const QString file = !m_path.isEmpty() ? QFileInfo(m_path).fileName()
                         : m_new           ? tr("new scenario (Save As to keep it)")
                                           : tr("built-in lesson (Save As to keep your changes)");
    QString text =
        QStringLiteral("%1%2 — %3").arg(file, isModified() ? tr(" (modified)") : QString(), where);
    for (const Mark& m : m_marks)
        if (m.where.block() == c.block()) {
            text += QStringLiteral(" — ") +
                    (m.warning ? tr("warning: %1") : tr("error: %1")).arg(m.message);
            break;
        }
    m_status->setText(text);
}

QString EditorPanel::saveTo(const QString& path) {
    Q_EMIT aboutToSave();
    QSaveFile f(path);
    const QByteArray bytes = m_edit->toPlainText().toUtf8();
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit())
        return tr("cannot write %1: %2").arg(path, f.errorString());
    m_path = path;
    m_new = false;
    m_unsaved = false;
    m_undo->setClean();
    syncModified();
    Q_EMIT saved(path);
    return {};
}

bool EditorPanel::save(bool as) {
    Q_EMIT aboutToSave();
    QString path = m_path;
    if (as || path.isEmpty()) {
        const QString suggested =
            m_session.scenario()
                ? QString::fromStdString(m_session.scenario()->name) + QStringLiteral(".json")
                : QStringLiteral("scenario.json");
        path = QFileDialog::getSaveFileName(
            this, tr("Save Scenario"), path.isEmpty() ? suggested : path, tr("Scenarios (*.json)"));
        if (path.isEmpty()) return false;
    }
    const QString err = saveTo(path);
    if (!err.isEmpty()) {
        QMessageBox::warning(this, tr("Save Scenario"), err);
        return false;
    }
    Q_EMIT statusMessage(tr("Saved %1").arg(path), 8000);
    return true;
}

bool EditorPanel::maybeSave() {
    Q_EMIT aboutToSave();
    if (!isModified()) return true;
    const auto answer = QMessageBox::question(
        this, tr("Unsaved Changes"),
        tr("The scenario in the editor has changes that are not saved. Save them?"),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
    if (answer == QMessageBox::Cancel) return false;
    if (answer == QMessageBox::Save) {
        save(false);
        return !isModified();
    }
    return true;
}

void EditorPanel::markDiagnostics(const std::vector<scenario::Diagnostic>& diagnostics) {
    m_marks.clear();
    const QString name = QFileInfo(documentName()).fileName();
    QList<QTextEdit::ExtraSelection> selections;
    for (const scenario::Diagnostic& d : diagnostics) {
        if (d.pos.line == 0 || QFileInfo(QString::fromStdString(d.file)).fileName() != name)
            continue;
        const QTextBlock block =
            m_edit->document()->findBlockByNumber(static_cast<int>(d.pos.line) - 1);
        if (!block.isValid()) continue;
        QTextCursor c(block);
        c.movePosition(QTextCursor::Right, QTextCursor::MoveAnchor,
                       std::clamp(static_cast<int>(d.pos.column) - 1, 0, block.length() - 1));
        c.movePosition(QTextCursor::EndOfBlock, QTextCursor::KeepAnchor);
        const QColor color = d.warning ? QColor(0xd3, 0x6b, 0x00) : QColor(0xc0, 0x20, 0x20);
        QTextEdit::ExtraSelection line;
        line.cursor = QTextCursor(block);
        line.format.setBackground(d.warning ? QColor(0xfd, 0xf1, 0xe0) : QColor(0xfb, 0xe6, 0xe6));
        line.format.setProperty(QTextFormat::FullWidthSelection, true);
        selections << line;
        QTextEdit::ExtraSelection under;
        under.cursor = c;
        under.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        under.format.setUnderlineColor(color);
        selections << under;
        m_marks.push_back({c, QString::fromStdString(d.message), d.warning});
    }
    m_edit->setExtraSelections(selections);
    updateStatus();
}

void EditorPanel::goTo(int line, int column) {
    const QTextBlock block = m_edit->document()->findBlockByNumber(line - 1);
    if (!block.isValid()) return;
    QTextCursor c(block);
    c.movePosition(QTextCursor::Right, QTextCursor::MoveAnchor,
                   std::clamp(column - 1, 0, block.length() - 1));
    m_edit->setTextCursor(c);
    m_edit->centerCursor();
    m_edit->setFocus();
}

}  // namespace asyncscope::gui
