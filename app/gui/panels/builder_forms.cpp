// BuilderPanel's forms: one per kind of outline item, a row per field with
// the widget its type asks for (builder/catalog.hpp), the field's error
// under it. A row writes its field when it is edited (a line when it is
// left or Enter is pressed, a number or choice at once); an optional field
// has a box that sets it or leaves it to its default.
#include "builder/catalog.hpp"
#include "builder/edits.hpp"
#include "panels/builder_panel.hpp"

#include <asyncscope/scenario/loader.hpp>

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSpinBox>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <climits>
#include <cmath>

namespace asyncscope::gui {

using namespace builder;

namespace {

// A number as short as it can be written: 5, 1.5, not 5.000.
class CompactSpin final : public QDoubleSpinBox {
public:
    using QDoubleSpinBox::QDoubleSpinBox;

protected:
    QString textFromValue(double v) const override {
        QString t = QString::number(v, 'f', decimals());
        if (t.contains(QLatin1Char('.'))) {
            while (t.endsWith(QLatin1Char('0'))) t.chop(1);
            if (t.endsWith(QLatin1Char('.'))) t.chop(1);
        }
        return t.replace(QLatin1Char('.'), locale().decimalPoint());
    }
};

QString jsonNumber(double v) {
    if (std::floor(v) == v && std::abs(v) <= 9007199254740992.0)
        return QString::number(static_cast<qint64>(v));
    return QString::number(v, 'g', 12);
}

// "1.5ms" -> (1.5, "ms").
// 1500000 -> (1.5, "ms"), 1234000 -> (1.234, "ms"): the largest unit that
// shows the duration exactly with three decimals.
std::pair<double, QString> splitDuration(std::int64_t ns) {
    const std::pair<std::int64_t, const char*> units[] = {
        {1'000'000'000, "s"}, {1'000'000, "ms"}, {1'000, "us"}};
    for (const auto& [unit, name] : units)
        if (ns >= unit && ns % (unit / 1000) == 0)
            return {static_cast<double>(ns) / static_cast<double>(unit), QLatin1String(name)};
    if (ns == 0) return {0, QStringLiteral("ms")};
    return {static_cast<double>(ns), QStringLiteral("ns")};
}

QLabel* errorLabel(QWidget* parent) {
    auto* l = new QLabel(parent);
    l->setWordWrap(true);
    l->setStyleSheet(QStringLiteral("QLabel { color: #b01818; }"));
    l->hide();
    return l;
}

}  // namespace

void BuilderPanel::clearForm() {
    commitPending();  // what was being typed is kept
    // The rows go later: this may run inside one of their own commits (a
    // rename that rebuilds the form).
    for (auto& r : m_rows) m_retired.push_back(std::move(r));
    m_rows.clear();
    QTimer::singleShot(0, this, [this] { m_retired.clear(); });
    m_focusCommits.clear();
    if (m_form) {
        // Deleted later: the form may be going away from inside one of its
        // own signals (a commit that renamed what it shows).
        for (QObject* o : m_form->findChildren<QObject*>()) o->blockSignals(true);
        m_form->hide();
        if (QWidget* page = m_formArea->takeWidget()) page->deleteLater();
    }
    m_form = new QWidget;
    m_formLayout = new QFormLayout(m_form);
    m_formLayout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_formTitle = new QLabel(m_form);
    m_formTitle->setWordWrap(true);
    QFont f = m_formTitle->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.15);
    m_formTitle->setFont(f);
    m_formLayout->addRow(m_formTitle);
    m_formError = errorLabel(m_form);
    m_formLayout->addRow(m_formError);
    // The rows at the top, the room left below them.
    auto* page = new QWidget;
    auto* column = new QVBoxLayout(page);
    column->setContentsMargins(0, 0, 0, 0);
    column->addWidget(m_form);
    column->addStretch(1);
    m_formArea->setWidget(page);
}

void BuilderPanel::buildForm() {
    clearForm();
    QTreeWidgetItem* c = current();
    m_formPath = selectedPath();
    if (!c || !m_doc || m_locked) {
        m_formTitle->setText(tr("Select an item of the outline to edit it here."));
        return;
    }
    const JsonPath p = pathOf(c);
    switch (kindOf(c)) {
    case Item::Config: formForConfig(p, p.size() > 1); break;
    case Item::Resource: formForResource(p); break;
    case Item::Template: formForTemplate(p); break;
    case Item::Step: formForStep(p); break;
    case Item::StartEntry: formForStartEntry(p); break;
    case Item::Lesson: formForLesson(); break;
    case Item::Expectation: formForExpectation(p); break;
    case Item::Variant: formForVariant(p); break;
    case Item::Branch:
        m_formTitle->setText(c->text(0));
        addNote(
            tr("One branch of the select!: its steps race the other branches'. Add steps "
               "with Insert or from the palette."));
        break;
    case Item::Resources:
        m_formTitle->setText(tr("Resources"));
        addNote(
            tr("Mutexes, semaphores, channels, Notify and tokens the steps share. Add one "
               "with Add ▸ Resource."));
        break;
    case Item::Templates:
        m_formTitle->setText(tr("Templates"));
        addNote(
            tr("Each template is an async fn: the steps a task runs. Add one with Add ▸ "
               "Template."));
        break;
    case Item::Start:
        m_formTitle->setText(tr("Start"));
        addNote(
            tr("What runs at time zero. The entry of the template main is the body of "
               "#[tokio::main] (it runs in block_on); the others are spawned."));
        break;
    case Item::Expectations:
        m_formTitle->setText(tr("Expectations"));
        addNote(
            tr("What a run must show for the scenario to pass its check (asyncscope-cli run "
               "--check)."));
        break;
    case Item::Variants:
        m_formTitle->setText(tr("Variants"));
        addNote(
            tr("Each variant overrides parts of the scenario (its config keys, resources or "
               "templates by name, the start list, the expectations) to compare with it."));
        break;
    }
    markForm();
}

void BuilderPanel::addNote(const QString& text) {
    auto* l = new QLabel(text, m_form);
    l->setWordWrap(true);
    m_formLayout->addRow(l);
}

void BuilderPanel::addNameRow(const QString& name,
                              const std::function<bool(const QString&)>& rename) {
    auto* edit = new QLineEdit(name, m_form);
    edit->setToolTip(tr("Renaming updates every reference to it. Enter applies."));
    auto row = std::make_unique<Row>();
    row->key = QStringLiteral("name");
    row->fullPath = m_formPath;
    row->editor = edit;
    row->error = errorLabel(m_form);
    row->commit = [edit, name, rename](bool) {
        const QString to = edit->text().trimmed();
        if (to == name) return 0;
        if (rename(to)) return 1;
        edit->setText(name);
        return 0;
    };
    connect(edit, &QLineEdit::editingFinished, this, [r = row.get()] { r->commit(false); });
    m_formLayout->addRow(QStringLiteral("name"), edit);
    m_formLayout->addRow(row->error);
    m_rows.push_back(std::move(row));
}

void BuilderPanel::addFieldRow(const JsonPath& object, const Field& field, const QString& what) {
    const JsonNode* current = m_doc ? scenario::nodeAt(m_doc->root(), object / field.key) : nullptr;
    const QString key = QString::fromLatin1(field.key);
    auto row = std::make_unique<Row>();
    row->key = key;
    row->fullPath = qs(scenario::pathText(object / field.key));
    row->error = errorLabel(m_form);
    auto* box = new QWidget(m_form);
    auto* h = new QHBoxLayout(box);
    h->setContentsMargins(0, 0, 0, 0);
    // An optional field (a Bool with a default is just its box) may be set or left out.
    const bool optional =
        !field.required && !(field.type == FieldType::Bool && !field.fallback.isEmpty());
    QCheckBox* set = nullptr;
    if (optional) {
        set = new QCheckBox(box);
        set->setChecked(current != nullptr);
        set->setToolTip(
            field.fallback.isEmpty()
                ? tr("Set this field; unticked it is left out.")
                : tr("Set this field; unticked it is left out (default: %1).").arg(field.fallback));
        h->addWidget(set);
    }
    std::function<std::string()> value;
    auto changed = std::make_shared<std::function<void()>>();
    switch (field.type) {
    case FieldType::Duration: {
        auto* spin = new CompactSpin(box);
        spin->setRange(0, 3600000);
        spin->setDecimals(3);
        spin->setKeyboardTracking(false);
        auto* unit = new QComboBox(box);
        for (const char* u : {"ns", "us", "ms", "s"}) unit->addItem(QLatin1String(u));
        // Unset: its default ("30s"), or 1 ms to start from.
        const std::int64_t fallback =
            field.fallback.isEmpty()
                ? 1000000
                : scenario::parseDuration(ss(field.fallback.mid(1, field.fallback.size() - 2)))
                      .value_or(0);
        const std::int64_t ns = current ? durationOf(*current) : fallback;
        const auto [v, u] = splitDuration(std::max<std::int64_t>(ns, 0));
        spin->setValue(v);
        unit->setCurrentText(u);
        value = [spin, unit] {
            return scenario::jsonQuote(ss(jsonNumber(spin->value()) + unit->currentText()));
        };
        connect(spin, &QDoubleSpinBox::valueChanged, this, [changed] { (*changed)(); });
        connect(unit, &QComboBox::activated, this, [changed] { (*changed)(); });
        h->addWidget(spin, 1);
        h->addWidget(unit);
        row->editor = spin;
        break;
    }
    case FieldType::Integer: {
        const double initial =
            current && current->isNumber()
                ? current->number
                : (field.fallback.isEmpty() ? std::max(1.0, field.min) : field.fallback.toDouble());
        if (field.max <= INT_MAX) {
            auto* spin = new QSpinBox(box);
            spin->setRange(static_cast<int>(field.min), static_cast<int>(field.max));
            spin->setKeyboardTracking(false);
            spin->setValue(static_cast<int>(std::clamp(initial, field.min, field.max)));
            value = [spin] { return ss(QString::number(spin->value())); };
            connect(spin, &QSpinBox::valueChanged, this, [changed] { (*changed)(); });
            h->addWidget(spin, 1);
            row->editor = spin;
        } else {  // beyond an int: whole numbers a double holds exactly
            auto* spin = new CompactSpin(box);
            spin->setDecimals(0);
            spin->setRange(field.min, std::min(field.max, 9007199254740991.0));
            spin->setKeyboardTracking(false);
            spin->setValue(initial);
            value = [spin] { return ss(jsonNumber(spin->value())); };
            connect(spin, &QDoubleSpinBox::valueChanged, this, [changed] { (*changed)(); });
            h->addWidget(spin, 1);
            row->editor = spin;
        }
        break;
    }
    case FieldType::Real: {
        auto* spin = new CompactSpin(box);
        spin->setRange(field.min, field.max);
        spin->setDecimals(2);
        spin->setKeyboardTracking(false);
        spin->setValue(current && current->isNumber()
                           ? current->number
                           : (field.fallback.isEmpty() ? std::max(1.0, field.min)
                                                       : field.fallback.toDouble()));
        value = [spin] { return ss(jsonNumber(spin->value())); };
        connect(spin, &QDoubleSpinBox::valueChanged, this, [changed] { (*changed)(); });
        h->addWidget(spin, 1);
        row->editor = spin;
        break;
    }
    case FieldType::Bool: {
        auto* check = new QCheckBox(box);
        check->setChecked(current && current->isBool() ? current->boolean
                                                       : field.fallback == QLatin1String("true"));
        value = [check] { return std::string(check->isChecked() ? "true" : "false"); };
        connect(check, &QCheckBox::toggled, this, [changed] { (*changed)(); });
        h->addWidget(check, 1);
        row->editor = check;
        break;
    }
    case FieldType::Text:
    case FieldType::LongText: {
        auto* edit = new QLineEdit(scalarText(current), box);
        value = [edit] { return scenario::jsonQuote(ss(edit->text())); };
        connect(edit, &QLineEdit::editingFinished, this, [changed] { (*changed)(); });
        connect(edit, &QLineEdit::textEdited, this, [this, set, r = row.get()] {
            if (set && !set->isChecked()) {
                const QSignalBlocker quiet(set);
                set->setChecked(true);
            }
            typing(r);  // written when the typing pauses
        });
        h->addWidget(edit, 1);
        row->editor = edit;
        break;
    }
    case FieldType::Choice:
    case FieldType::Resource:
    case FieldType::Template:
    case FieldType::Task:
    case FieldType::Variant: {
        auto* combo = new QComboBox(box);
        QStringList names;
        const JsonNode& root = m_doc->root();
        switch (field.type) {
        case FieldType::Choice: names = field.choices; break;
        case FieldType::Resource: names = resourceNames(root, field.choices); break;
        case FieldType::Template: names = templateNames(root); break;
        case FieldType::Task: names = taskNames(root); break;
        default: names = QStringList{QStringLiteral("base")} + variantNames(root); break;
        }
        for (const QString& n : names) combo->addItem(n, n);
        const QString now = scalarText(current);
        if (field.type == FieldType::Task) {
            combo->setEditable(true);
            combo->setCurrentText(now);
            value = [combo] { return scenario::jsonQuote(ss(combo->currentText().trimmed())); };
            connect(combo->lineEdit(), &QLineEdit::editingFinished, this,
                    [changed] { (*changed)(); });
            connect(combo->lineEdit(), &QLineEdit::textEdited, this, [this, set, r = row.get()] {
                if (set && !set->isChecked()) {
                    const QSignalBlocker quiet(set);
                    set->setChecked(true);
                }
                typing(r);
            });
            connect(combo, &QComboBox::activated, this, [changed] { (*changed)(); });
        } else {
            if (!now.isEmpty() && !names.contains(now))
                combo->addItem(tr("%1 (not declared)").arg(now), now);
            if (current)
                combo->setCurrentIndex(combo->findData(now));
            else if (!field.fallback.isEmpty())
                combo->setCurrentIndex(
                    combo->findData(field.fallback.mid(1, field.fallback.size() - 2)));
            value = [combo] { return scenario::jsonQuote(ss(combo->currentData().toString())); };
            connect(combo, &QComboBox::activated, this, [changed] { (*changed)(); });
        }
        h->addWidget(combo, 1);
        row->editor = combo;
        break;
    }
    }
    auto loaded = std::make_shared<std::string>(
        optional && !current ? std::string() : (current ? value() : std::string()));
    const bool plainBool = field.type == FieldType::Bool && !optional;
    const std::string fallback = ss(field.fallback);
    row->commit = [this, object, key, value, set, loaded, plainBool, fallback, what](bool force) {
        std::string json = set && !set->isChecked() ? std::string() : value();
        if (plainBool && json == fallback) json.clear();  // the default: left out
        if (!force && json == *loaded) return 0;
        *loaded = json;
        if (json.empty() && !force) {
            return setField(object, key, {}, what) ? 1 : 0;
        }
        if (json.empty()) return setField(object, key, {}, what) ? 1 : 0;
        return setField(object, key, json, what) ? 1 : 0;
    };
    Row* r = row.get();
    // Editing an optional field's value sets it; unticking leaves it out.
    *changed = [r, set] {
        if (set && !set->isChecked()) {
            const QSignalBlocker quiet(set);
            set->setChecked(true);
        }
        r->commit(false);
    };
    if (set) connect(set, &QCheckBox::toggled, this, [r] { r->commit(false); });
    auto* label = new QLabel(key, m_form);
    const QString help = translated(field.help);
    label->setToolTip(help);
    box->setToolTip(help);
    m_formLayout->addRow(label, box);
    m_formLayout->addRow(row->error);
    m_rows.push_back(std::move(row));
}

void BuilderPanel::addTextRow(const JsonPath& object, const char* key, const QString& label,
                              bool longText, const QString& what) {
    const JsonNode* current = m_doc ? scenario::nodeAt(m_doc->root(), object / key) : nullptr;
    QString en, zh;
    if (current && current->isString()) {
        en = zh = qs(current->string);
    } else if (current && current->isObject()) {
        en = scalarText(current->find("en"));
        zh = scalarText(current->find("zh"));
    }
    auto row = std::make_unique<Row>();
    row->key = QString::fromLatin1(key);
    row->fullPath = qs(scenario::pathText(object / key));
    row->error = errorLabel(m_form);
    auto* box = new QWidget(m_form);
    auto* v = new QVBoxLayout(box);
    v->setContentsMargins(0, 0, 0, 0);
    std::function<QString()> getEn, getZh;
    std::vector<QWidget*> edits;
    for (int lang = 0; lang < 2; ++lang) {
        const QString initial = lang == 0 ? en : zh;
        const QString placeholder = lang == 0 ? tr("English") : tr("Chinese (中文)");
        QWidget* e;
        std::function<QString()> get;
        if (longText) {
            auto* t = new QPlainTextEdit(initial, box);
            t->setPlaceholderText(placeholder);
            t->setTabChangesFocus(true);
            t->setFixedHeight(t->fontMetrics().lineSpacing() * 4 + 12);
            get = [t] { return t->toPlainText(); };
            e = t;
        } else {
            auto* t = new QLineEdit(initial, box);
            t->setPlaceholderText(placeholder);
            get = [t] { return t->text(); };
            e = t;
        }
        (lang == 0 ? getEn : getZh) = get;
        v->addWidget(e);
        edits.push_back(e);
    }
    auto json = [getEn, getZh]() -> std::string {
        const QString a = getEn().trimmed(), b = getZh().trimmed();
        if (a.isEmpty() && b.isEmpty()) return {};
        std::vector<std::pair<std::string, std::string>> members;
        if (!a.isEmpty()) members.emplace_back("en", scenario::jsonQuote(ss(a)));
        if (!b.isEmpty()) members.emplace_back("zh", scenario::jsonQuote(ss(b)));
        return scenario::jsonMembers(members);
    };
    auto loaded = std::make_shared<std::string>(json());
    const QString k = QString::fromLatin1(key);
    row->commit = [this, object, k, json, loaded, what](bool force) {
        const std::string now = json();
        if (!force && now == *loaded) return 0;
        *loaded = now;
        return setField(object, k, now, what) ? 1 : 0;
    };
    Row* r = row.get();
    for (QWidget* e : edits) {
        if (auto* line = qobject_cast<QLineEdit*>(e)) {
            connect(line, &QLineEdit::editingFinished, this, [r] { r->commit(false); });
            connect(line, &QLineEdit::textEdited, this, [this, r] { typing(r); });
        } else if (auto* text = qobject_cast<QPlainTextEdit*>(e)) {
            m_focusCommits.insert(e, [r] { r->commit(false); });  // on leaving it
            connect(text, &QPlainTextEdit::textChanged, this, [this, r] { typing(r); });
        }
    }
    row->editor = edits.front();
    m_formLayout->addRow(label, box);
    m_formLayout->addRow(row->error);
    m_rows.push_back(std::move(row));
}

// ------------------------------------------------------------------ forms

void BuilderPanel::formForConfig(const JsonPath& config, bool override) {
    m_formTitle->setText(override ? tr("Runtime settings of this variant")
                                  : tr("Runtime settings"));
    addNote(override ? tr("Only the settings ticked here replace the scenario's.")
                     : tr("How the runtime is built: tokio::runtime::Builder. A setting left "
                          "unticked keeps its default."));
    for (const Field& f : configFields()) addFieldRow(config, f, tr("runtime settings"));
}

void BuilderPanel::formForResource(const JsonPath& resource) {
    const QString name = qs(resource.back().name);
    const JsonNode* n = scenario::nodeAt(m_doc->root(), resource);
    const QString kind = n ? scalarText(n->find("kind")) : QString();
    const ResourceKind* spec = resourceKind(kind);
    m_formTitle->setText(spec ? QStringLiteral("%1: %2").arg(name, QString::fromUtf8(spec->rust))
                              : name);
    if (spec) addNote(translated(spec->help));
    addNameRow(name, [this](const QString& to) { return renameSelected(to); });
    // The kind: a different kind starts the resource afresh (its fields differ).
    auto* combo = new QComboBox(m_form);
    for (const ResourceKind& k : resourceKinds())
        combo->addItem(QLatin1String(k.kind), QString::fromLatin1(k.kind));
    combo->setCurrentIndex(combo->findData(kind));
    connect(combo, &QComboBox::activated, this, [this, combo, resource, name] {
        scenario::JsonTextEdit doc(m_doc->text());
        if (doc.replace(resource, newResource(combo->currentData().toString())) &&
            apply(doc, tr("Make resource '%1' a %2").arg(name, combo->currentText())))
            buildForm();  // its fields are another kind's
    });
    auto row = std::make_unique<Row>();
    row->key = QStringLiteral("kind");
    row->fullPath = qs(scenario::pathText(resource / "kind"));
    row->editor = combo;
    row->error = errorLabel(m_form);
    row->commit = [](bool) { return 0; };
    m_formLayout->addRow(QStringLiteral("kind"), combo);
    m_formLayout->addRow(row->error);
    m_rows.push_back(std::move(row));
    if (spec)
        for (const Field& f : spec->fields) addFieldRow(resource, f, name);
}

void BuilderPanel::formForTemplate(const JsonPath& templ) {
    const QString name = qs(templ.back().name);
    m_formTitle->setText(tr("async fn %1()").arg(name));
    addNameRow(name, [this](const QString& to) { return renameSelected(to); });
    addNote(
        tr("The steps a task of this template runs, in order; each is an await point. Add "
           "one with Insert or by dragging it from the palette; Ctrl+Up and Ctrl+Down move "
           "the selected step, Ctrl+D duplicates it and Delete removes it."));
}

void BuilderPanel::formForStep(const JsonPath& step) {
    const JsonNode* n = scenario::nodeAt(m_doc->root(), step);
    const QString kind = n ? scalarText(n->find("step")) : QString();
    const StepKind* spec = stepKind(kind);
    if (!spec) {
        m_formTitle->setText(tr("Unknown step “%1”").arg(kind));
        addNote(tr("Fix its kind in the Editor."));
        return;
    }
    m_formTitle->setText(QStringLiteral("%1   (%2)").arg(QString::fromUtf8(spec->rust), kind));
    addNote(translated(spec->help));
    const QString what = stepShort(*n);
    for (const Field& f : spec->fields) addFieldRow(step, f, what);
    addFieldRow(step,
                Field{"label",
                      FieldType::Text,
                      false,
                      0,
                      0,
                      {},
                      {},
                      QT_TRANSLATE_NOOP("Builder", "Text shown at this await point in the app.")},
                what);
    if (QLatin1String(spec->nested) == QLatin1String("steps"))
        addNote(tr("Its steps are under it in the outline."));
    else if (QLatin1String(spec->nested) == QLatin1String("branches"))
        addNote(
            tr("Its branches are under it in the outline; Add ▸ Branch of the selected select! "
               "adds one."));
}

void BuilderPanel::formForStartEntry(const JsonPath& entry) {
    m_formTitle->setText(tr("Start entry %1").arg(entry.back().index + 1));
    addNote(tr("Tasks started at time zero."));
    const QString what = tr("start entry %1").arg(entry.back().index + 1);
    addFieldRow(entry,
                Field{"template",
                      FieldType::Template,
                      true,
                      0,
                      0,
                      {},
                      {},
                      QT_TRANSLATE_NOOP("Builder", "The template the tasks run.")},
                what);
    addFieldRow(entry,
                Field{"count",
                      FieldType::Integer,
                      false,
                      1,
                      100000,
                      {},
                      QStringLiteral("1"),
                      QT_TRANSLATE_NOOP("Builder", "How many tasks.")},
                what);
    addFieldRow(entry,
                Field{"name",
                      FieldType::Text,
                      false,
                      0,
                      0,
                      {},
                      {},
                      QT_TRANSLATE_NOOP("Builder", "The tasks' name (default: the template's).")},
                what);
    addFieldRow(entry,
                Field{"block_on",
                      FieldType::Bool,
                      false,
                      0,
                      0,
                      {},
                      {},
                      QT_TRANSLATE_NOOP("Builder",
                                        "The body of #[tokio::main], run in block_on (default: "
                                        "the entry of main).")},
                what);
}

void BuilderPanel::formForLesson() {
    m_formTitle->setText(tr("Lesson"));
    const JsonPath root;
    const QString what = tr("the lesson");
    addTextRow(root, "title", QStringLiteral("title"), false, what);
    addTextRow(root, "description", QStringLiteral("description"), true, what);
    addFieldRow(root,
                Field{"category",
                      FieldType::Choice,
                      false,
                      0,
                      0,
                      categories(),
                      {},
                      QT_TRANSLATE_NOOP("Builder", "The lesson library's section.")},
                what);
    addFieldRow(root,
                Field{"difficulty",
                      FieldType::Choice,
                      false,
                      0,
                      0,
                      difficulties(),
                      {},
                      QT_TRANSLATE_NOOP("Builder", "beginner, intermediate or advanced.")},
                what);
    addFieldRow(
        root,
        Field{"speed",
              FieldType::Real,
              false,
              1,
              1000,
              {},
              {},
              QT_TRANSLATE_NOOP("Builder", "The slow motion the lesson is best watched at.")},
        what);
    addTextRow(root / "lesson", "watch", QStringLiteral("watch"), true, what);
    addTextRow(root / "lesson", "meaning", QStringLiteral("meaning"), true, what);
    addTextRow(root / "lesson", "tokio", QStringLiteral("tokio"), true, what);
}

void BuilderPanel::formForExpectation(const JsonPath& expectation) {
    const JsonNode* n = scenario::nodeAt(m_doc->root(), expectation);
    const QString kind = n ? scalarText(n->find("expect")) : QString();
    const ExpectKind* spec = expectKind(kind);
    m_formTitle->setText(tr("Expectation %1").arg(expectation.back().index + 1));
    auto* combo = new QComboBox(m_form);
    for (const ExpectKind& k : expectKinds()) {
        combo->addItem(QLatin1String(k.kind), QString::fromLatin1(k.kind));
        combo->setItemData(combo->count() - 1, translated(k.help), Qt::ToolTipRole);
    }
    combo->setCurrentIndex(combo->findData(kind));
    connect(combo, &QComboBox::activated, this, [this, combo, expectation] {
        scenario::JsonTextEdit doc(m_doc->text());
        if (doc.replace(expectation, newExpectation(combo->currentData().toString(), doc.root())))
            if (apply(doc, tr("Make expectation %1 '%2'")
                               .arg(expectation.back().index + 1)
                               .arg(combo->currentText())))
                buildForm();
    });
    m_formLayout->addRow(QStringLiteral("expect"), combo);
    if (!spec) return;
    addNote(translated(spec->help));
    for (const Field& f : spec->fields) addFieldRow(expectation, f, kind);
}

void BuilderPanel::formForVariant(const JsonPath& variant) {
    const JsonNode* n = scenario::nodeAt(m_doc->root(), variant);
    const QString name = n ? scalarText(n->find("name")) : QString();
    m_formTitle->setText(tr("Variant %1").arg(name));
    addNameRow(name, [this](const QString& to) { return renameSelected(to); });
    addTextRow(variant, "title", QStringLiteral("title"), false, name);
    addTextRow(variant, "description", QStringLiteral("description"), true, name);
    // What it changes, against the scenario.
    QStringList changes;
    const JsonNode& root = m_doc->root();
    if (n && n->isObject())
        for (std::size_t i = 0; i < n->keys.size(); ++i) {
            const std::string& key = n->keys[i];
            const JsonNode& v = n->items[i];
            if (key == "name" || key == "title" || key == "description") continue;
            if ((key == "config" || key == "resources" || key == "templates") && v.isObject()) {
                const JsonNode* base = root.find(key);
                for (std::size_t j = 0; j < v.keys.size(); ++j) {
                    const bool replaces = base && base->isObject() && base->find(v.keys[j]);
                    const QString item = qs(v.keys[j]);
                    if (key == "config")
                        changes << tr("%1 = %2 (the scenario: %3)")
                                       .arg(item, qs(m_doc->slice(variant / key / v.keys[j])),
                                            replaces
                                                ? qs(m_doc->slice(JsonPath{} / key / v.keys[j]))
                                                : tr("default"));
                    else
                        changes << (replaces ? tr("%1 “%2” replaced").arg(qs(key), item)
                                             : tr("%1 “%2” added").arg(qs(key), item));
                }
            } else if (v.isArray()) {
                changes << tr("%1 replaced: %n item(s)", nullptr, static_cast<int>(v.items.size()))
                               .arg(qs(key));
            } else {
                changes << tr("%1: %2").arg(qs(key), qs(m_doc->slice(variant / key)));
            }
        }
    auto* list =
        new QLabel(changes.isEmpty() ? tr("Nothing: it runs the scenario as it is.")
                                     : QStringLiteral("• ") + changes.join(QStringLiteral("\n• ")),
                   m_form);
    list->setWordWrap(true);
    list->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_formLayout->addRow(tr("What it changes"), list);
    addNote(
        tr("Its runtime settings and templates are under it in the outline, to edit like "
           "the scenario's. Add a setting or replace a list in the Editor."));
}

// ------------------------------------------------------------ diagnostics

void BuilderPanel::markForm() {
    QTreeWidgetItem* c = current();
    QStringList own;
    std::vector<QStringList> rowMessages(m_rows.size());
    for (const scenario::Diagnostic& d : m_diagnostics) {
        const QString path = qs(d.path);
        bool claimed = false;
        for (std::size_t i = 0; i < m_rows.size(); ++i) {
            const QString& f = m_rows[i]->fullPath;
            if (m_rows[i]->key == QLatin1String("name") && f == m_formPath) continue;
            if (path == f || path.startsWith(f + QLatin1Char('.')) ||
                path.startsWith(f + QLatin1Char('['))) {
                rowMessages[i] << qs(d.message);
                claimed = true;
                break;
            }
        }
        if (!claimed && c && itemAt(path) == c) own << qs(d.message);
    }
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        QLabel* l = m_rows[i]->error;
        l->setText(rowMessages[i].join(QLatin1Char('\n')));
        l->setVisible(!rowMessages[i].isEmpty());
        if (m_rows[i]->editor)
            m_rows[i]->editor->setStyleSheet(rowMessages[i].isEmpty()
                                                 ? QString()
                                                 : QStringLiteral("border: 1px solid #c02020;"));
    }
    m_formError->setText(own.join(QLatin1Char('\n')));
    m_formError->setVisible(!own.isEmpty());
}

QWidget* BuilderPanel::fieldEditor(const QString& key) const {
    for (const auto& r : m_rows)
        if (r->key == key) return r->editor;
    return nullptr;
}

QString BuilderPanel::fieldError(const QString& key) const {
    for (const auto& r : m_rows)
        if (r->key == key)
            return r->error->isVisible() || !r->error->text().isEmpty() ? r->error->text()
                                                                        : QString();
    return {};
}

QString BuilderPanel::formError() const {
    return m_formError ? m_formError->text() : QString();
}

int BuilderPanel::commitForm(bool force) {
    int changed = 0;
    // A commit may refresh the outline; the rows stay (the form is not rebuilt).
    const std::size_t n = m_rows.size();
    for (std::size_t i = 0; i < n && i < m_rows.size(); ++i) changed += m_rows[i]->commit(force);
    return changed;
}

}  // namespace asyncscope::gui
