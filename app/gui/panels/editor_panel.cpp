#include "panels/editor_panel.hpp"

#include "session.hpp"

#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QSaveFile>
#include <QTextBlock>
#include <QTextEdit>
#include <QVBoxLayout>

#include <algorithm>

namespace asyncscope::gui {

EditorPanel::EditorPanel(const Session& session, QWidget* parent)
    : QWidget(parent), m_session(session) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    m_edit = new QPlainTextEdit(this);
    m_edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_edit->setTabChangesFocus(false);
    m_status = new QLabel(this);
    layout->addWidget(m_edit);
    layout->addWidget(m_status);
    connect(m_edit, &QPlainTextEdit::cursorPositionChanged, this, &EditorPanel::updateStatus);
    connect(m_edit->document(), &QTextDocument::modificationChanged, this,
            &EditorPanel::updateStatus);
}

void EditorPanel::setDocument(const QString& text, const QString& path) {
    m_edit->setPlainText(text);  // also clears the undo history
    m_edit->document()->setModified(false);
    m_path = path;
    m_new = false;
    updateStatus();
}

void EditorPanel::setNewDocument(const QString& text, const QString& name) {
    m_newName = name;
    m_edit->setPlainText(text);
    m_edit->document()->setModified(true);
    m_path.clear();
    m_new = true;
    updateStatus();
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
    QSaveFile f(path);
    const QByteArray bytes = m_edit->toPlainText().toUtf8();
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit())
        return tr("cannot write %1: %2").arg(path, f.errorString());
    m_path = path;
    m_new = false;
    m_edit->document()->setModified(false);
    updateStatus();
    Q_EMIT saved(path);
    return {};
}

bool EditorPanel::save(bool as) {
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
