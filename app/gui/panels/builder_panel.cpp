#include "panels/builder_panel.hpp"

#include "builder/catalog.hpp"
#include "builder/edits.hpp"
#include "panels/editor_panel.hpp"

#include <QApplication>
#include <QDragMoveEvent>
#include <QDropEvent>
#include <QFormLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMimeData>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSet>
#include <QSplitter>
#include <QStyle>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <utility>

namespace asyncscope::gui {

using namespace builder;
using scenario::JsonPathStep;

namespace {

constexpr int kPathRole = Qt::UserRole + 1;  // index into m_paths
constexpr int kKindRole = Qt::UserRole + 2;  // BuilderPanel::Item
constexpr int kPathTextRole = Qt::UserRole + 3;
constexpr int kStepKindRole = Qt::UserRole + 4;  // palette: the step kind
const QString kKindMime = QStringLiteral("application/x-asyncscope-step-kind");
const QString kStepMime = QStringLiteral("application/x-asyncscope-step-path");

// A path as drag data: its steps separated by U+001F, indices as "#N".
QByteArray encodePath(const JsonPath& path) {
    QStringList parts;
    for (const JsonPathStep& s : path)
        parts << (s.isIndex() ? QStringLiteral("#%1").arg(s.index) : qs(s.name));
    return parts.join(QChar(0x1f)).toUtf8();
}

JsonPath decodePath(const QByteArray& data) {
    JsonPath out;
    if (data.isEmpty()) return out;
    for (const QString& p : QString::fromUtf8(data).split(QChar(0x1f))) {
        if (p.startsWith(QLatin1Char('#')))
            out = std::move(out) / static_cast<std::size_t>(p.mid(1).toULongLong());
        else
            out = std::move(out) / ss(p);
    }
    return out;
}

JsonPath parentPath(const JsonPath& p) {
    return p.empty() ? p : JsonPath(p.begin(), p.end() - 1);
}

}  // namespace

// The outline: a tree that takes steps dragged from the palette or from
// itself, and tells the panel where they were dropped.
class BuilderOutline final : public QTreeWidget {
public:
    explicit BuilderOutline(BuilderPanel* panel) : QTreeWidget(panel), m_panel(panel) {
        setHeaderHidden(true);
        setDragEnabled(true);
        setAcceptDrops(true);
        setDropIndicatorShown(true);
        setDragDropMode(QAbstractItemView::DragDrop);
        setDefaultDropAction(Qt::CopyAction);
        setSelectionMode(QAbstractItemView::SingleSelection);
    }

protected:
    QStringList mimeTypes() const override { return {kStepMime, kKindMime}; }
    QMimeData* mimeData(const QList<QTreeWidgetItem*>& items) const override {
        if (items.size() != 1 || m_panel->kindOf(items.front()) != BuilderPanel::Item::Step)
            return nullptr;
        auto* payload = new QMimeData;
        payload->setData(kStepMime, encodePath(m_panel->pathOf(items.front())));
        return payload;
    }
    Qt::DropActions supportedDropActions() const override {
        return Qt::CopyAction | Qt::MoveAction;
    }
    void dragEnterEvent(QDragEnterEvent* e) override {
        if (e->mimeData()->hasFormat(kStepMime) || e->mimeData()->hasFormat(kKindMime))
            e->acceptProposedAction();
        else
            e->ignore();
    }
    void dragMoveEvent(QDragMoveEvent* e) override {
        QTreeWidget::dragMoveEvent(e);  // the drop indicator
        QTreeWidgetItem* target = itemAt(e->position().toPoint());
        const auto k = target ? m_panel->kindOf(target) : BuilderPanel::Item::Lesson;
        const bool ok =
            target && (k == BuilderPanel::Item::Step || k == BuilderPanel::Item::Template ||
                       k == BuilderPanel::Item::Branch);
        if (ok) {
            e->setDropAction(Qt::CopyAction);  // the panel moves it, in the text
            e->accept();
        } else {
            e->ignore();
        }
    }
    void dropEvent(QDropEvent* e) override {
        QTreeWidgetItem* target = itemAt(e->position().toPoint());
        const QMimeData* m = e->mimeData();
        const QString mime = m->hasFormat(kStepMime) ? kStepMime : kKindMime;
        const QByteArray payload = m->data(mime);
        // 0: on the item, 1: above it, 2: below it.
        const int where = dropIndicatorPosition() == OnItem      ? 0
                          : dropIndicatorPosition() == AboveItem ? 1
                                                                 : 2;
        e->setDropAction(Qt::CopyAction);  // never let the view remove the dragged row
        e->accept();
        // After the drag has finished: the drop rebuilds this tree.
        const QString targetPath = target ? target->data(0, kPathTextRole).toString() : QString();
        const int targetKind = target ? target->data(0, kKindRole).toInt() : -1;
        QTimer::singleShot(0, m_panel, [=, panel = m_panel] {
            panel->dropped(mime, payload, targetPath, targetKind, where);
        });
    }

private:
    BuilderPanel* m_panel;
};

namespace {

// The palette: step kinds by group, dragged into the outline.
class Palette final : public QTreeWidget {
public:
    using QTreeWidget::QTreeWidget;

protected:
    QStringList mimeTypes() const override { return {kKindMime}; }
    QMimeData* mimeData(const QList<QTreeWidgetItem*>& items) const override {
        if (items.size() != 1 || items.front()->data(0, kStepKindRole).toString().isEmpty())
            return nullptr;
        auto* payload = new QMimeData;
        payload->setData(kKindMime, items.front()->data(0, kStepKindRole).toString().toUtf8());
        return payload;
    }
};

}  // namespace

BuilderPanel::BuilderPanel(EditorPanel& editor, QWidget* parent)
    : QWidget(parent), m_editor(editor) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    m_lock = new QLabel(this);
    m_lock->setWordWrap(true);
    m_lock->setStyleSheet(
        QStringLiteral("QLabel { background: #fbe6e6; color: #8a1010; padding: 6px; }"));
    m_lock->hide();
    layout->addWidget(m_lock);

    m_bar = new QToolBar(this);
    m_bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    layout->addWidget(m_bar);

    auto* split = new QSplitter(Qt::Horizontal, this);
    auto* left = new QSplitter(Qt::Vertical, split);
    m_outline = new BuilderOutline(this);
    left->addWidget(m_outline);
    m_palette = new Palette(left);
    m_palette->setHeaderHidden(true);
    m_palette->setDragEnabled(true);
    m_palette->setDragDropMode(QAbstractItemView::DragOnly);
    left->addWidget(m_palette);
    left->setStretchFactor(0, 3);
    left->setStretchFactor(1, 2);
    m_formArea = new QScrollArea(split);
    m_formArea->setWidgetResizable(true);
    split->addWidget(left);
    split->addWidget(m_formArea);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    split->setSizes({440, 560});  // a wide form: its pick-lists and texts need the room
    m_formArea->setMinimumWidth(280);
    layout->addWidget(split, 1);

    auto make = [this](const QKeySequence& key, auto fn) {
        auto* a = new QAction(this);
        a->setShortcut(key);
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(a, &QAction::triggered, this, fn);
        m_outline->addAction(a);
        return a;
    };
    m_addStep = make(QKeySequence(Qt::Key_Insert), [this] { showAddStepMenu(); });
    m_up = make(QKeySequence(Qt::CTRL | Qt::Key_Up), [this] { moveSelected(-1); });
    m_down = make(QKeySequence(Qt::CTRL | Qt::Key_Down), [this] { moveSelected(1); });
    m_duplicate = make(QKeySequence(Qt::CTRL | Qt::Key_D), [this] { duplicateSelected(); });
    m_delete = make(QKeySequence(QKeySequence::Delete), [this] { deleteSelected(); });
    m_rename = make(QKeySequence(Qt::Key_F2), [this] { renameDialog(); });
    m_addMenu = new QMenu(this);
    auto* addButton = new QToolButton(this);
    addButton->setPopupMode(QToolButton::InstantPopup);
    addButton->setMenu(m_addMenu);
    addButton->setObjectName(QStringLiteral("BuilderAdd"));
    m_bar->addWidget(addButton);
    m_bar->addAction(m_addStep);
    m_bar->addAction(m_up);
    m_bar->addAction(m_down);
    m_bar->addAction(m_duplicate);
    m_bar->addAction(m_delete);
    m_bar->addAction(m_rename);
    m_outline->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_outline, &QWidget::customContextMenuRequested, this, [this](const QPoint& at) {
        QMenu menu;
        menu.addMenu(m_addMenu);
        for (QAction* a : {m_addStep, m_up, m_down, m_duplicate, m_delete, m_rename})
            menu.addAction(a);
        menu.exec(m_outline->viewport()->mapToGlobal(at));
    });

    connect(m_outline, &QTreeWidget::currentItemChanged, this, [this] {
        buildForm();
        updateActions();
    });
    connect(m_palette, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) {
        const QString kind = item->data(0, kStepKindRole).toString();
        if (!kind.isEmpty()) addStep(kind);
    });
    m_typingTimer = new QTimer(this);
    m_typingTimer->setSingleShot(true);
    m_typingTimer->setInterval(250);
    connect(m_typingTimer, &QTimer::timeout, this, &BuilderPanel::refresh);
    m_pendingTimer = new QTimer(this);
    m_pendingTimer->setSingleShot(true);
    m_pendingTimer->setInterval(600);
    connect(m_pendingTimer, &QTimer::timeout, this, &BuilderPanel::commitPending);
    // Plain keys typed in the Builder are its own: the window's one-key
    // shortcuts (Space, the arrows, + and -) do not take them from it.
    qApp->installEventFilter(this);
    connect(&m_editor, &EditorPanel::documentChanged, this, &BuilderPanel::documentChanged);

    retranslate();
    refresh();
}

BuilderPanel::~BuilderPanel() = default;

QTreeWidget* BuilderPanel::outline() const {
    return m_outline;
}

void BuilderPanel::retranslate() {
    qDeleteAll(m_addMenu->findChildren<QMenu*>(Qt::FindDirectChildrenOnly));
    m_addMenu->clear();
    m_addMenu->setTitle(tr("Add"));
    if (auto* b = findChild<QToolButton*>(QStringLiteral("BuilderAdd"))) {
        b->setText(tr("Add"));
        b->setToolTip(
            tr("Add a step, a resource, a template, a start entry, an expectation, a "
               "variant or a select branch."));
    }
    QMenu* steps = m_addMenu->addMenu(tr("Step"));
    for (const QString& g : stepGroups()) {
        QMenu* group = steps->addMenu(groupTitle(g));
        for (const StepKind& k : stepKinds()) {
            if (g != QLatin1String(k.group)) continue;
            QAction* a = group->addAction(
                QStringLiteral("%1   (%2)").arg(QString::fromUtf8(k.rust), QLatin1String(k.kind)));
            a->setToolTip(translated(k.help));
            connect(a, &QAction::triggered, this,
                    [this, kind = QString::fromLatin1(k.kind)] { addStep(kind); });
        }
    }
    QMenu* res = m_addMenu->addMenu(tr("Resource"));
    for (const ResourceKind& k : resourceKinds()) {
        QAction* a = res->addAction(
            QStringLiteral("%1   (%2)").arg(QLatin1String(k.kind), QString::fromUtf8(k.rust)));
        a->setToolTip(translated(k.help));
        connect(a, &QAction::triggered, this,
                [this, kind = QString::fromLatin1(k.kind)] { addResource(kind); });
    }
    connect(m_addMenu->addAction(tr("Template")), &QAction::triggered, this,
            [this] { addTemplate(); });
    connect(m_addMenu->addAction(tr("Start entry")), &QAction::triggered, this,
            [this] { addStartEntry(); });
    QMenu* exp = m_addMenu->addMenu(tr("Expectation"));
    for (const ExpectKind& k : expectKinds()) {
        QAction* a = exp->addAction(QLatin1String(k.kind));
        a->setToolTip(translated(k.help));
        connect(a, &QAction::triggered, this,
                [this, kind = QString::fromLatin1(k.kind)] { addExpectation(kind); });
    }
    connect(m_addMenu->addAction(tr("Variant")), &QAction::triggered, this,
            [this] { addVariant(); });
    connect(m_addMenu->addAction(tr("Branch of the selected select!")), &QAction::triggered, this,
            [this] { addBranch(); });

    m_addStep->setText(tr("Add Step…"));
    m_addStep->setToolTip(
        tr("Add a step after the selected one, or at the end of the selected template or block "
           "(Insert). Or drag one from the palette below."));
    m_up->setText(tr("Up"));
    m_up->setToolTip(
        tr("Move the selected step, start entry, expectation or variant up (Ctrl+Up)."));
    m_down->setText(tr("Down"));
    m_down->setToolTip(tr("Move it down (Ctrl+Down)."));
    m_duplicate->setText(tr("Duplicate"));
    m_duplicate->setToolTip(tr("Duplicate the selected item (Ctrl+D)."));
    m_delete->setText(tr("Delete"));
    m_delete->setToolTip(tr("Delete the selected item (Delete)."));
    m_rename->setText(tr("Rename…"));
    m_rename->setToolTip(
        tr("Rename the selected resource, template or variant, and every "
           "reference to it (F2)."));
    m_outline->setToolTip(
        tr("The scenario as a structure. Select an item to edit it in the form; drag steps to "
           "reorder them. Items with a problem are marked in red."));
    fillPalette();
    if (m_doc && !m_locked) {
        rebuildOutline();
        buildForm();
    }
}

void BuilderPanel::fillPalette() {
    m_palette->clear();
    for (const QString& g : stepGroups()) {
        auto* group = new QTreeWidgetItem(m_palette, {groupTitle(g)});
        group->setFlags(Qt::ItemIsEnabled);
        QFont f = group->font(0);
        f.setBold(true);
        group->setFont(0, f);
        for (const StepKind& k : stepKinds()) {
            if (g != QLatin1String(k.group)) continue;
            auto* item = new QTreeWidgetItem(group, {QString::fromUtf8(k.rust)});
            item->setData(0, kStepKindRole, QString::fromLatin1(k.kind));
            item->setToolTip(0,
                             QStringLiteral("<b>%1</b> — %2")
                                 .arg(QLatin1String(k.kind), translated(k.help).toHtmlEscaped()));
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled);
        }
    }
    m_palette->expandAll();
    m_palette->setToolTip(
        tr("Every step kind, as it reads in Rust. Drag one into a template, or "
           "select it and press Enter to add it after the selected step."));
}

// ------------------------------------------------------------- the document

void BuilderPanel::documentChanged(bool typed) {
    if (typed) {
        m_typingTimer->start();  // while typing, once it pauses
        return;
    }
    m_typingTimer->stop();
    refresh();
}

void BuilderPanel::refresh() {
    m_doc = std::make_unique<scenario::JsonTextEdit>(ss(m_editor.text()));
    m_locked = !m_doc->ok();
    const QString name = m_editor.documentName();
    scenario::LoadResult r = scenario::loadScenario(m_doc->text(), ss(name));
    m_diagnostics = std::move(r.errors);
    m_diagnostics.insert(m_diagnostics.end(), r.warnings.begin(), r.warnings.end());
    std::stable_sort(m_diagnostics.begin(), m_diagnostics.end(), scenario::inFileOrder);
    if (m_locked) {
        m_lock->setText(lockMessage());
        m_lock->show();
        m_outline->setEnabled(false);
        m_palette->setEnabled(false);
        m_formArea->setEnabled(false);
        m_bar->setEnabled(false);
    } else {
        m_lock->hide();
        m_outline->setEnabled(true);
        m_palette->setEnabled(true);
        m_formArea->setEnabled(true);
        m_bar->setEnabled(true);
        rebuildOutline();
        // A field's own edit keeps its form (the user is in it); anything
        // else may have moved what the form's path points to.
        if (!m_formEdit || m_formPath != selectedPath())
            buildForm();
        else
            markForm();
    }
    updateActions();
    Q_EMIT checked(m_diagnostics);
}

bool BuilderPanel::sync() {
    commitPending();
    if (!m_doc || m_doc->text() != ss(m_editor.text())) {
        m_typingTimer->stop();
        refresh();
    }
    return !m_locked;
}

void BuilderPanel::typing(Row* row) {
    if (m_pending && m_pending != row) commitPending();
    m_pending = row;
    m_pendingTimer->start();
}

void BuilderPanel::commitPending() {
    Row* row = std::exchange(m_pending, nullptr);
    m_pendingTimer->stop();
    if (row) row->commit(false);
}

QString BuilderPanel::lockMessage() const {
    if (!m_locked || !m_doc) return {};
    const auto& errors = m_doc->parsed().errors;
    if (errors.empty()) return tr("The text is not a JSON document.");
    const scenario::JsonError& e = errors.front();
    return tr("The Builder is locked: the JSON does not parse at line %1, column %2: %3. Fix it in "
              "the Editor; the Builder comes back as soon as it parses. (JSON has no comments: "
              "a // or /* */ is an error too.)")
        .arg(e.pos.line)
        .arg(e.pos.column)
        .arg(qs(e.message));
}

bool BuilderPanel::apply(const scenario::JsonTextEdit& doc, const QString& name,
                         const QString& mergeKey) {
    const bool changed = m_editor.applyEdit(qs(doc.text()), name, mergeKey);
    if (changed) Q_EMIT statusMessage(name, 4000);
    return changed;
}

// ---------------------------------------------------------------- outline

QTreeWidgetItem* BuilderPanel::addItem(QTreeWidgetItem* parent, Item kind, const JsonPath& path,
                                       const QString& text) {
    auto* item =
        parent ? new QTreeWidgetItem(parent, {text}) : new QTreeWidgetItem(m_outline, {text});
    item->setData(0, kPathRole, static_cast<int>(m_paths.size()));
    item->setData(0, kKindRole, static_cast<int>(kind));
    item->setData(0, kPathTextRole, qs(scenario::pathText(path)));
    m_paths.push_back(path);
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (kind == Item::Step) flags |= Qt::ItemIsDragEnabled;
    if (kind == Item::Step || kind == Item::Template || kind == Item::Branch)
        flags |= Qt::ItemIsDropEnabled;
    item->setFlags(flags);
    return item;
}

void BuilderPanel::addSteps(QTreeWidgetItem* parent, const JsonPath& list) {
    const JsonNode* steps = scenario::nodeAt(m_doc->root(), list);
    if (!steps || !steps->isArray()) return;
    for (std::size_t i = 0; i < steps->items.size(); ++i) {
        const JsonNode& step = steps->items[i];
        const JsonPath path = list / i;
        QTreeWidgetItem* item = addItem(parent, Item::Step, path, stepLine(step));
        if (const StepKind* k = step.find("step") && step.find("step")->isString()
                                    ? stepKind(qs(step.find("step")->string))
                                    : nullptr)
            item->setToolTip(0, translated(k->help));
        if (const JsonNode* body = step.find("steps"); body && body->isArray())
            addSteps(item, path / "steps");
        if (const JsonNode* br = step.find("branches"); br && br->isArray())
            for (std::size_t b = 0; b < br->items.size(); ++b)
                addSteps(
                    addItem(item, Item::Branch, path / "branches" / b, tr("branch %1").arg(b + 1)),
                    path / "branches" / b);
    }
}

void BuilderPanel::addTemplates(QTreeWidgetItem* parent, const JsonPath& templates) {
    const JsonNode* t = scenario::nodeAt(m_doc->root(), templates);
    if (!t || !t->isObject()) return;
    for (const std::string& name : t->keys) {
        QTreeWidgetItem* item =
            addItem(parent, Item::Template, templates / name, tr("async fn %1()").arg(qs(name)));
        addSteps(item, templates / name);
    }
}

void BuilderPanel::rebuildOutline() {
    // Keep what is open and what is selected, by path.
    // New items (a block just added) open, but variants stay folded.
    QSet<QString> open, known;
    for (QTreeWidgetItemIterator it(m_outline); *it; ++it) {
        const QString key = (*it)->data(0, kPathTextRole).toString() +
                            QString::number((*it)->data(0, kKindRole).toInt());
        known.insert(key);
        if ((*it)->isExpanded()) open.insert(key);
    }
    const QString selected = selectedPath();
    const Item selectedKind = current() ? kindOf(current()) : Item::Lesson;
    QSignalBlocker block(m_outline);
    m_outline->clear();
    m_paths.clear();
    const JsonNode& root = m_doc->root();
    const JsonPath top;

    addItem(nullptr, Item::Lesson, top, tr("Lesson: title, text, category"));
    addItem(nullptr, Item::Config, top / "config", tr("Runtime settings"));
    QTreeWidgetItem* res = addItem(nullptr, Item::Resources, top / "resources", tr("Resources"));
    if (const JsonNode* r = root.find("resources"); r && r->isObject())
        for (std::size_t i = 0; i < r->keys.size(); ++i) {
            const JsonNode* kind = r->items[i].find("kind");
            addItem(res, Item::Resource, top / "resources" / r->keys[i],
                    QStringLiteral("%1: %2").arg(qs(r->keys[i]), kind && kind->isString()
                                                                     ? qs(kind->string)
                                                                     : QStringLiteral("?")));
        }
    addTemplates(addItem(nullptr, Item::Templates, top / "templates", tr("Templates")),
                 top / "templates");
    QTreeWidgetItem* start = addItem(nullptr, Item::Start, top / "start", tr("Start"));
    if (const JsonNode* s = root.find("start"); s && s->isArray())
        for (std::size_t i = 0; i < s->items.size(); ++i) {
            const JsonNode* t = s->items[i].find("template");
            const JsonNode* c = s->items[i].find("count");
            QString text = t && t->isString() ? qs(t->string) : QStringLiteral("?");
            if (c && c->isNumber() && c->number != 1) text += QStringLiteral(" ×%1").arg(c->number);
            addItem(start, Item::StartEntry, top / "start" / i, text);
        }
    QTreeWidgetItem* exp =
        addItem(nullptr, Item::Expectations, top / "expectations", tr("Expectations"));
    if (const JsonNode* e = root.find("expectations"); e && e->isArray())
        for (std::size_t i = 0; i < e->items.size(); ++i) {
            const JsonNode* k = e->items[i].find("expect");
            QString text = k && k->isString() ? qs(k->string) : QStringLiteral("?");
            for (const char* key : {"finding", "task", "template", "variant"})
                if (const JsonNode* v = e->items[i].find(key); v && v->isString())
                    text += QStringLiteral(" ") + qs(v->string);
            addItem(exp, Item::Expectation, top / "expectations" / i, text);
        }
    QTreeWidgetItem* vars = addItem(nullptr, Item::Variants, top / "variants", tr("Variants"));
    if (const JsonNode* v = root.find("variants"); v && v->isArray())
        for (std::size_t i = 0; i < v->items.size(); ++i) {
            const JsonNode* n = v->items[i].find("name");
            const JsonPath path = top / "variants" / i;
            QTreeWidgetItem* item =
                addItem(vars, Item::Variant, path, n && n->isString() ? qs(n->string) : tr("?"));
            if (v->items[i].find("config"))
                addItem(item, Item::Config, path / "config", tr("Runtime settings (override)"));
            addTemplates(item, path / "templates");
        }

    // The view lays expanded items out from its signals: not while blocked.
    block.unblock();
    for (QTreeWidgetItemIterator it(m_outline); *it; ++it) {
        const QString key = (*it)->data(0, kPathTextRole).toString() +
                            QString::number((*it)->data(0, kKindRole).toInt());
        const bool folded = kindOf(*it) == Item::Variants || kindOf(*it) == Item::Variant;
        if (open.contains(key) || (!known.contains(key) && !folded)) (*it)->setExpanded(true);
    }
    markDiagnostics();
    QTreeWidgetItem* again = nullptr;
    for (QTreeWidgetItemIterator it(m_outline); *it; ++it)
        if ((*it)->data(0, kPathTextRole).toString() == selected && kindOf(*it) == selectedKind) {
            again = *it;
            break;
        }
    if (!again && !selected.isEmpty()) again = itemAt(selected);
    block.reblock();
    if (again) {
        m_outline->setCurrentItem(again);
        m_outline->scrollToItem(again);
    }
}

void BuilderPanel::markDiagnostics() {
    // Each diagnostic on the deepest item whose path leads to it.
    QHash<QTreeWidgetItem*, QStringList> messages;
    QHash<QTreeWidgetItem*, bool> errors;
    for (const scenario::Diagnostic& d : m_diagnostics) {
        QTreeWidgetItem* item = itemAt(qs(d.path));
        if (!item) continue;
        messages[item] << qs(d.message);
        errors[item] = errors.value(item) || !d.warning;
    }
    for (QTreeWidgetItemIterator it(m_outline); *it; ++it) {
        QTreeWidgetItem* item = *it;
        if (!messages.contains(item)) continue;
        const bool error = errors.value(item);
        item->setForeground(0, error ? QColor(0xc0, 0x20, 0x20) : QColor(0xb0, 0x5a, 0x00));
        item->setIcon(0, style()->standardIcon(error ? QStyle::SP_MessageBoxCritical
                                                     : QStyle::SP_MessageBoxWarning));
        item->setToolTip(0, messages.value(item).join(QLatin1Char('\n')));
        for (QTreeWidgetItem* p = item->parent(); p; p = p->parent()) p->setExpanded(true);
    }
}

QTreeWidgetItem* BuilderPanel::itemAt(const QString& path) const {
    // The header's fields live on the Lesson item.
    static const QStringList header{QStringLiteral("title"),    QStringLiteral("description"),
                                    QStringLiteral("category"), QStringLiteral("difficulty"),
                                    QStringLiteral("lesson"),   QStringLiteral("speed"),
                                    QStringLiteral("version"),  QStringLiteral("$schema")};
    QTreeWidgetItem* best = nullptr;
    int bestLength = -1;
    for (QTreeWidgetItemIterator it(m_outline); *it; ++it) {
        const QString p = (*it)->data(0, kPathTextRole).toString();
        const bool leads =
            p.isEmpty()
                ? header.contains(
                      path.section(QLatin1Char('.'), 0, 0).section(QLatin1Char('['), 0, 0)) ||
                      path.isEmpty()
                : path == p || path.startsWith(p + QLatin1Char('.')) ||
                      path.startsWith(p + QLatin1Char('['));
        if (!leads || p.size() <= bestLength) continue;
        best = *it;
        bestLength = static_cast<int>(p.size());
    }
    return best;
}

bool BuilderPanel::select(const QString& path) {
    QTreeWidgetItem* item = nullptr;
    for (QTreeWidgetItemIterator it(m_outline); *it; ++it)
        if ((*it)->data(0, kPathTextRole).toString() == path) {
            item = *it;
            break;
        }
    if (!item) return false;
    m_outline->setCurrentItem(item);
    return true;
}

QString BuilderPanel::selectedPath() const {
    const QTreeWidgetItem* c = current();
    return c ? c->data(0, kPathTextRole).toString() : QString();
}

QTreeWidgetItem* BuilderPanel::current() const {
    return m_outline->currentItem();
}

BuilderPanel::JsonPath BuilderPanel::pathOf(const QTreeWidgetItem* item) const {
    const int i = item ? item->data(0, kPathRole).toInt() : -1;
    return i >= 0 && i < static_cast<int>(m_paths.size()) ? m_paths[static_cast<std::size_t>(i)]
                                                          : JsonPath{};
}

BuilderPanel::Item BuilderPanel::kindOf(const QTreeWidgetItem* item) const {
    return static_cast<Item>(item->data(0, kKindRole).toInt());
}

QString BuilderPanel::displayName(const QTreeWidgetItem* item) const {
    const JsonPath p = pathOf(item);
    switch (kindOf(item)) {
    case Item::Step: {
        const JsonNode* n = scenario::nodeAt(m_doc->root(), p);
        return n ? stepShort(*n) : QString();
    }
    case Item::Resource:
    case Item::Template: return qs(p.back().name);
    default: return item->text(0);
    }
}

bool BuilderPanel::listOf(const QTreeWidgetItem* item, JsonPath& list, std::size_t& index) const {
    if (!item || !m_doc) return false;
    const JsonPath p = pathOf(item);
    const Item k = kindOf(item);
    if (k == Item::Template || k == Item::Branch) {
        const JsonNode* n = scenario::nodeAt(m_doc->root(), p);
        if (!n || !n->isArray()) return false;
        list = p;
        index = n->items.size();
        return true;
    }
    if (k == Item::Step) {
        list = parentPath(p);
        index = p.back().index + 1;
        return true;
    }
    return false;
}

void BuilderPanel::updateActions() {
    const QTreeWidgetItem* c = current();
    const Item k = c ? kindOf(c) : Item::Lesson;
    const bool ok = c && !m_locked;
    const bool listItem =
        k == Item::Step || k == Item::StartEntry || k == Item::Expectation || k == Item::Variant;
    JsonPath list;
    std::size_t index = 0;
    m_addStep->setEnabled(ok && listOf(c, list, index));
    m_up->setEnabled(ok && listItem && pathOf(c).back().index > 0);
    m_down->setEnabled(ok && listItem);
    m_duplicate->setEnabled(ok && (listItem || k == Item::Resource || k == Item::Template));
    m_delete->setEnabled(
        ok && (listItem || k == Item::Resource || k == Item::Template || k == Item::Branch));
    m_rename->setEnabled(ok && (k == Item::Resource || k == Item::Template || k == Item::Variant));
}

void BuilderPanel::dropped(const QString& mime, const QByteArray& payload,
                           const QString& targetPath, int targetKind, int where) {
    // The outline may have been rebuilt since: find the target by its path.
    if (!sync()) return;
    QTreeWidgetItem* target = nullptr;
    for (QTreeWidgetItemIterator it(m_outline); *it && !target; ++it)
        if ((*it)->data(0, kPathTextRole).toString() == targetPath &&
            (*it)->data(0, kKindRole).toInt() == targetKind)
            target = *it;
    if (!target) return;
    JsonPath list;
    std::size_t index = 0;
    const JsonPath p = pathOf(target);
    if (kindOf(target) == Item::Step) {
        const JsonNode* step = scenario::nodeAt(m_doc->root(), p);
        const JsonNode* body = step ? step->find("steps") : nullptr;
        if (where == 0 && body && body->isArray()) {
            list = p / "steps";
            index = body->items.size();
        } else {
            list = parentPath(p);
            index = p.back().index + (where == 1 ? 0 : 1);
        }
    } else if (!listOf(target, list, index)) {
        return;
    }
    if (mime == kKindMime) {
        insertStep(list, index, QString::fromUtf8(payload));
        return;
    }
    const JsonPath from = decodePath(payload);
    if (from.empty() || !from.back().isIndex()) return;
    const bool intoItself =
        list.size() >= from.size() && std::equal(from.begin(), from.end(), list.begin());
    if (!moveStep(parentPath(from), from.back().index, list, index) && intoItself)
        Q_EMIT statusMessage(tr("A step cannot move into itself."), 5000);
}

bool BuilderPanel::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::ShortcutOverride) {
        auto* key = static_cast<QKeyEvent*>(event);
        auto* w = qobject_cast<QWidget*>(watched);
        const Qt::KeyboardModifiers mods =
            key->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier);
        const int k = key->key();
        const bool plain =
            mods == Qt::NoModifier &&
            (k == Qt::Key_Space || k == Qt::Key_Left || k == Qt::Key_Right || k == Qt::Key_Up ||
             k == Qt::Key_Down || (!key->text().isEmpty() && key->text().at(0).isPrint()));
        if (plain && w && isAncestorOf(w)) event->accept();  // the widget gets the key press
        return false;
    }
    if (event->type() == QEvent::FocusOut) {
        const auto it = m_focusCommits.find(watched);
        if (it != m_focusCommits.end()) {
            const auto commit = it.value();  // the commit may rebuild the form
            commit();
        }
    }
    return QWidget::eventFilter(watched, event);
}

}  // namespace asyncscope::gui
