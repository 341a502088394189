// The Builder panel: the open scenario as a structure to edit without
// writing JSON. An outline (runtime settings, resources, templates and
// their steps, nested blocks, start, lesson, expectations, variants), a
// palette of every step kind grouped and named as in Rust, and a form for
// the selected item, with pick-lists of the scenario's own names.
//
// It edits the Editor's document: every action is a small change of the
// JSON text (json_edit.hpp), pushed as one named command on the Editor's
// undo stack, so the text shows it at once, the rest of the text (its
// layout, members the format does not know) stays as written, and undo is
// one history for both. A text that does not parse locks the Builder with
// the error's line:column until it is fixed. After each change the text is
// checked: the loader's diagnostics mark the step (in the outline) and the
// field (in the form) they point to, and checked() hands them on for the
// Problems panel and the Editor's marks.
#pragma once

#include <asyncscope/scenario/json_edit.hpp>
#include <asyncscope/scenario/loader.hpp>

#include <QHash>
#include <QString>
#include <QWidget>

#include <functional>
#include <memory>
#include <vector>

class QAction;
class QFormLayout;
class QLabel;
class QMenu;
class QScrollArea;
class QTimer;
class QToolBar;
class QTreeWidget;
class QTreeWidgetItem;

namespace asyncscope::gui {

class EditorPanel;
class BuilderOutline;

namespace builder {
struct Field;
}  // namespace builder

class BuilderPanel final : public QWidget {
    Q_OBJECT
public:
    using JsonPath = scenario::JsonPath;

    // What an outline item is.
    enum class Item {
        Config,
        Resources,
        Resource,
        Templates,
        Template,
        Step,
        Branch,
        Start,
        StartEntry,
        Lesson,
        Expectations,
        Expectation,
        Variants,
        Variant,
    };

    explicit BuilderPanel(EditorPanel& editor, QWidget* parent = nullptr);
    ~BuilderPanel() override;

    QTreeWidget* outline() const;
    QTreeWidget* palette() const noexcept { return m_palette; }
    // The text does not parse: the Builder is locked; why, with line:column.
    bool locked() const noexcept { return m_locked; }
    QString lockMessage() const;
    // The outline item of a JSON path as diagnostics write it
    // ("templates.main[1]"), or null.
    QTreeWidgetItem* itemAt(const QString& path) const;
    bool select(const QString& path);
    QString selectedPath() const;
    // The loader's errors and warnings of the text as it is now.
    const std::vector<scenario::Diagnostic>& diagnostics() const noexcept { return m_diagnostics; }
    // The form's editor of field `key` of the selected item, and the error
    // it shows ("" none).
    QWidget* fieldEditor(const QString& key) const;
    QString fieldError(const QString& key) const;
    QString formError() const;

    // The actions, each one undoable command; false when it does not apply
    // (nothing selected that it works on, a name taken, the text locked).
    bool addStep(const QString& kind);  // after the selected step, or at the end of its list
    bool insertStep(const JsonPath& list, std::size_t index, const QString& kind);
    bool moveStep(const JsonPath& fromList, std::size_t from, const JsonPath& toList,
                  std::size_t to);
    bool moveSelected(int delta);  // -1 up, +1 down
    bool duplicateSelected();
    bool deleteSelected();
    bool renameSelected(const QString& to);  // a resource, template or variant
    bool addResource(const QString& kind);
    bool addTemplate();
    bool addStartEntry();
    bool addExpectation(const QString& kind);
    bool addVariant();
    bool addBranch();  // to the selected select step
    // Sets member `key` of the object at `object` to `json` ("" removes it);
    // creates the object (one level) when it is missing.
    bool setField(const JsonPath& object, const QString& key, const std::string& json,
                  const QString& what);
    // Writes every field of the form back from its widget (force: even
    // those the user did not touch); how many changed the text.
    int commitForm(bool force);
    // Writes what is being typed in a field of the form now, not when the
    // typing pauses or the field is left (before a save or a run).
    void commitPending();

    void retranslate();

Q_SIGNALS:
    void checked(const std::vector<scenario::Diagnostic>& diagnostics);
    void statusMessage(const QString& text, int timeoutMs);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    friend class BuilderOutline;
    // A field of the form: its editor, its error, and how it writes itself.
    struct Row {
        QString key;
        QString fullPath;  // as diagnostics write it
        QWidget* editor = nullptr;
        QLabel* error = nullptr;
        std::function<int(bool force)> commit;
    };
    void documentChanged(bool typed);
    void refresh();
    void rebuildOutline();
    void markDiagnostics();
    void buildForm();
    void clearForm();
    void updateActions();
    void fillPalette();
    bool apply(const scenario::JsonTextEdit& doc, const QString& name,
               const QString& mergeKey = {});
    // Before an action: the outline is of the text as it is now (typing
    // refreshes it only when it pauses); false when the text is locked.
    bool sync();
    // A field whose text is being typed: written when the typing pauses.
    void typing(Row* row);
    QTreeWidgetItem* addItem(QTreeWidgetItem* parent, Item kind, const JsonPath& path,
                             const QString& text);
    void addSteps(QTreeWidgetItem* parent, const JsonPath& list);
    void addTemplates(QTreeWidgetItem* parent, const JsonPath& templates);
    JsonPath pathOf(const QTreeWidgetItem* item) const;
    Item kindOf(const QTreeWidgetItem* item) const;
    QTreeWidgetItem* current() const;
    QString displayName(const QTreeWidgetItem* item) const;
    // The list a step-holding item adds to: a template, a branch, a block.
    bool listOf(const QTreeWidgetItem* item, JsonPath& list, std::size_t& index) const;
    void dropped(const QString& mime, const QByteArray& payload, const QString& targetPath,
                 int targetKind, int where);
    void showAddStepMenu();
    void renameDialog();

    // Forms (builder_forms.cpp).
    void formForConfig(const JsonPath& config, bool override);
    void formForResource(const JsonPath& resource);
    void formForTemplate(const JsonPath& templ);
    void formForStep(const JsonPath& step);
    void formForStartEntry(const JsonPath& entry);
    void formForLesson();
    void formForExpectation(const JsonPath& expectation);
    void formForVariant(const JsonPath& variant);
    void addFieldRow(const JsonPath& object, const builder::Field& field, const QString& what);
    void addTextRow(const JsonPath& object, const char* key, const QString& label, bool longText,
                    const QString& what);
    void addNameRow(const QString& name, const std::function<bool(const QString&)>& rename);
    void addNote(const QString& text);
    void markForm();

    EditorPanel& m_editor;
    std::unique_ptr<scenario::JsonTextEdit> m_doc;  // the text as last refreshed
    std::vector<scenario::Diagnostic> m_diagnostics;
    bool m_locked = false;
    bool m_formEdit = false;        // the change being applied is a field of the form (it stays)
    std::vector<JsonPath> m_paths;  // the outline items' paths (their data holds the index)

    QLabel* m_lock = nullptr;
    QToolBar* m_bar = nullptr;
    BuilderOutline* m_outline = nullptr;
    QTreeWidget* m_palette = nullptr;
    QScrollArea* m_formArea = nullptr;
    QWidget* m_form = nullptr;
    QFormLayout* m_formLayout = nullptr;
    QLabel* m_formTitle = nullptr;
    QLabel* m_formError = nullptr;
    QTimer* m_typingTimer = nullptr;
    QString m_formPath;  // the item the form shows
    std::vector<std::unique_ptr<Row>> m_rows;
    std::vector<std::unique_ptr<Row>> m_retired;  // a cleared form's rows, freed later
    Row* m_pending = nullptr;                     // a field being typed in
    QTimer* m_pendingTimer = nullptr;
    QHash<QObject*, std::function<void()>> m_focusCommits;  // long texts commit on focus out

    QAction *m_addStep = nullptr, *m_up = nullptr, *m_down = nullptr, *m_duplicate = nullptr,
            *m_delete = nullptr, *m_rename = nullptr;
    QMenu* m_addMenu = nullptr;
};

}  // namespace asyncscope::gui
