// BuilderPanel's actions: each builds the new text with json_edit and
// builder/edits, and applies it as one named command on the Editor's undo
// stack (see builder_panel.hpp).
#include "builder/catalog.hpp"
#include "builder/edits.hpp"
#include "panels/builder_panel.hpp"

#include <QAbstractItemView>
#include <QInputDialog>
#include <QLineEdit>
#include <QMenu>
#include <QRegularExpression>
#include <QTreeWidget>

namespace asyncscope::gui {

using namespace builder;

namespace {

BuilderPanel::JsonPath parentPath(const BuilderPanel::JsonPath& p) {
    return p.empty() ? p : BuilderPanel::JsonPath(p.begin(), p.end() - 1);
}

}  // namespace

void BuilderPanel::showAddStepMenu() {
    QMenu menu;
    for (const QString& g : stepGroups()) {
        QMenu* group = menu.addMenu(groupTitle(g));
        for (const StepKind& k : stepKinds())
            if (g == QLatin1String(k.group)) {
                QAction* a = group->addAction(QString::fromUtf8(k.rust));
                a->setData(QString::fromLatin1(k.kind));
                a->setToolTip(translated(k.help));
            }
    }
    menu.setToolTipsVisible(true);
    QTreeWidget* tree = outline();
    const QRect r = tree->visualItemRect(current());
    QAction* picked = menu.exec(tree->viewport()->mapToGlobal(r.bottomLeft()));
    if (picked) addStep(picked->data().toString());
}

bool BuilderPanel::addStep(const QString& kind) {
    if (!sync()) return false;
    JsonPath list;
    std::size_t index = 0;
    if (!listOf(current(), list, index)) {
        Q_EMIT statusMessage(tr("Select a template, a step or a branch to add a step to."), 6000);
        return false;
    }
    return insertStep(list, index, kind);
}

namespace {

// The template a path inside one belongs to ("" when none).
QString templateOf(const JsonPath& p) {
    for (std::size_t i = 0; i + 1 < p.size(); ++i)
        if (p[i].name == "templates") return qs(p[i + 1].name);
    return {};
}

}  // namespace

bool BuilderPanel::insertStep(const JsonPath& list, std::size_t index, const QString& kind) {
    if (!sync() || !stepKind(kind)) return false;
    scenario::JsonTextEdit doc(m_doc->text());
    const std::string json = newStep(kind, doc.root(), templateOf(list));
    if (!doc.insertItem(list, index, json)) return false;
    const JsonNode* step = scenario::nodeAt(doc.root(), list / index);
    const QString where = templateOf(list);
    if (!apply(doc, tr("Add step '%1' to '%2'").arg(step ? stepShort(*step) : kind, where)))
        return false;
    select(qs(scenario::pathText(list / index)));
    return true;
}

bool BuilderPanel::moveStep(const JsonPath& fromList, std::size_t from, const JsonPath& toList,
                            std::size_t to) {
    if (!sync()) return false;
    scenario::JsonTextEdit doc(m_doc->text());
    const JsonNode* step = scenario::nodeAt(doc.root(), fromList / from);
    if (!step) return false;
    const QString name = stepShort(*step);
    if (!doc.moveItem(fromList, from, toList, to) || doc.text() == m_doc->text()) return false;
    // Where it landed: `to` in its list, one less when it moved down its own list.
    JsonPath landed = toList;
    std::size_t at = to;
    if (toList == fromList && to > from) --at;
    if (landed.size() > fromList.size() &&
        std::equal(fromList.begin(), fromList.end(), landed.begin()) &&
        landed[fromList.size()].isIndex() && landed[fromList.size()].index > from)
        --landed[fromList.size()].index;
    QString text;
    if (toList == fromList)
        text = at < from ? tr("Move step '%1' up").arg(name) : tr("Move step '%1' down").arg(name);
    else
        text = tr("Move step '%1' to '%2'").arg(name, templateOf(toList));
    if (!apply(doc, text)) return false;
    select(qs(scenario::pathText(landed / at)));
    return true;
}

bool BuilderPanel::moveSelected(int delta) {
    if (!sync()) return false;
    QTreeWidgetItem* c = current();
    if (!c) return false;
    const Item k = kindOf(c);
    const JsonPath p = pathOf(c);
    if (p.empty() || !p.back().isIndex()) return false;
    const JsonPath list = parentPath(p);
    const std::size_t i = p.back().index;
    const JsonNode* l = scenario::nodeAt(m_doc->root(), list);
    if (!l || (delta < 0 && i == 0) || (delta > 0 && i + 1 >= l->items.size())) return false;
    if (k == Item::Step) return moveStep(list, i, list, delta < 0 ? i - 1 : i + 2);
    scenario::JsonTextEdit doc(m_doc->text());
    if (!doc.moveItem(list, i, list, delta < 0 ? i - 1 : i + 2)) return false;
    const QString what = displayName(c);
    if (!apply(doc, delta < 0 ? tr("Move '%1' up").arg(what) : tr("Move '%1' down").arg(what)))
        return false;
    select(qs(scenario::pathText(list / (delta < 0 ? i - 1 : i + 1))));
    return true;
}

bool BuilderPanel::duplicateSelected() {
    if (!sync()) return false;
    QTreeWidgetItem* c = current();
    if (!c) return false;
    const JsonPath p = pathOf(c);
    const Item k = kindOf(c);
    scenario::JsonTextEdit doc(m_doc->text());
    const std::string text = doc.slice(p);
    if (text.empty()) return false;
    if (k == Item::Resource || k == Item::Template) {
        const JsonPath section = parentPath(p);
        const JsonNode* s = scenario::nodeAt(doc.root(), section);
        QStringList taken;
        for (const std::string& key : s->keys) taken << qs(key);
        const QString name = freeName(qs(p.back().name) + QStringLiteral("-copy"), taken);
        if (!doc.setMember(section, ss(name), text)) return false;
        if (!apply(doc, tr("Duplicate '%1' as '%2'").arg(qs(p.back().name), name))) return false;
        select(qs(scenario::pathText(section / ss(name))));
        return true;
    }
    if (!p.back().isIndex()) return false;
    std::string copy = text;
    if (k == Item::Variant) {
        // A variant's name must stay unique.
        scenario::JsonTextEdit v(text);
        const JsonNode* n = v.root().find("name");
        const QString name =
            freeName(n && n->isString() ? qs(n->string) : QStringLiteral("variant"),
                     variantNames(doc.root()));
        if (v.setMember({}, "name", scenario::jsonQuote(ss(name)))) copy = v.text();
    }
    const JsonPath list = parentPath(p);
    if (!doc.insertItem(list, p.back().index + 1, copy)) return false;
    if (!apply(doc, k == Item::Step ? tr("Duplicate step '%1'").arg(displayName(c))
                                    : tr("Duplicate '%1'").arg(displayName(c))))
        return false;
    select(qs(scenario::pathText(list / (p.back().index + 1))));
    return true;
}

bool BuilderPanel::deleteSelected() {
    if (!sync()) return false;
    QTreeWidgetItem* c = current();
    if (!c) return false;
    const JsonPath p = pathOf(c);
    const Item k = kindOf(c);
    if (p.empty()) return false;
    scenario::JsonTextEdit doc(m_doc->text());
    const JsonPath parent = parentPath(p);
    QString name;
    bool ok = false;
    if (k == Item::Resource || k == Item::Template) {
        ok = doc.removeMember(parent, p.back().name);
        name = k == Item::Resource ? tr("Delete resource '%1'").arg(qs(p.back().name))
                                   : tr("Delete template '%1'").arg(qs(p.back().name));
    } else if (k == Item::Step || k == Item::StartEntry || k == Item::Expectation ||
               k == Item::Variant || k == Item::Branch) {
        ok = p.back().isIndex() && doc.removeItem(parent, p.back().index);
        name = k == Item::Step ? tr("Delete step '%1'").arg(displayName(c))
                               : tr("Delete '%1'").arg(displayName(c));
    }
    if (!ok || !apply(doc, name)) return false;
    // The neighbour is selected next (or the list it was in).
    if (p.back().isIndex() && p.back().index > 0)
        select(qs(scenario::pathText(parent / (p.back().index - 1))));
    else if (!select(qs(scenario::pathText(p))))
        select(qs(scenario::pathText(parent)));
    return true;
}

bool BuilderPanel::renameSelected(const QString& to) {
    if (!sync()) return false;
    QTreeWidgetItem* c = current();
    if (!c || to.isEmpty()) return false;
    static const QRegularExpression valid(QStringLiteral("^[A-Za-z0-9_.\\-]{1,64}$"));
    if (!valid.match(to).hasMatch()) {
        Q_EMIT statusMessage(
            tr("A name is 1–64 letters, digits, '_', '-' and '.'; “%1” is not.").arg(to), 8000);
        return false;
    }
    const JsonPath p = pathOf(c);
    scenario::JsonTextEdit doc(m_doc->text());
    QString from, name, newPath;
    bool ok = false;
    switch (kindOf(c)) {
    case Item::Resource:
        from = qs(p.back().name);
        ok = renameResource(doc, from, to);
        name = tr("Rename resource '%1' to '%2'").arg(from, to);
        newPath = qs(scenario::pathText(parentPath(p) / ss(to)));
        break;
    case Item::Template:
        from = qs(p.back().name);
        ok = renameTemplate(doc, from, to);
        name = tr("Rename template '%1' to '%2'").arg(from, to);
        newPath = qs(scenario::pathText(parentPath(p) / ss(to)));
        break;
    case Item::Variant: {
        const JsonNode* n = scenario::nodeAt(doc.root(), p / "name");
        from = n && n->isString() ? qs(n->string) : QString();
        ok = to != QLatin1String("base") && renameVariant(doc, from, to);
        name = tr("Rename variant '%1' to '%2'").arg(from, to);
        newPath = qs(scenario::pathText(p));
        break;
    }
    default: return false;
    }
    if (!ok) {
        Q_EMIT statusMessage(tr("“%1” cannot be renamed to “%2”: the name is taken.").arg(from, to),
                             8000);
        return false;
    }
    if (!apply(doc, name)) return false;
    select(newPath);
    return true;
}

void BuilderPanel::renameDialog() {
    QTreeWidgetItem* c = current();
    if (!c || !m_rename->isEnabled()) return;
    QString from = displayName(c);
    if (kindOf(c) == Item::Variant) from = c->text(0);
    bool ok = false;
    const QString to = QInputDialog::getText(
        this, tr("Rename"), tr("New name (every reference to “%1” follows):").arg(from),
        QLineEdit::Normal, from, &ok);
    if (ok && to != from) renameSelected(to.trimmed());
}

bool BuilderPanel::addResource(const QString& kind) {
    if (!sync() || !resourceKind(kind)) return false;
    scenario::JsonTextEdit doc(m_doc->text());
    const QString name = freeName(kind, resourceNames(doc.root()));
    if (!ensureSection(doc, {}, "resources", "{}")) return false;
    if (!doc.setMember(JsonPath{} / "resources", ss(name), newResource(kind))) return false;
    if (!apply(doc, tr("Add resource '%1'").arg(name))) return false;
    select(QStringLiteral("resources.") + name);
    return true;
}

bool BuilderPanel::addTemplate() {
    if (!sync()) return false;
    scenario::JsonTextEdit doc(m_doc->text());
    const QString name = freeName(QStringLiteral("task"), templateNames(doc.root()));
    if (!ensureSection(doc, {}, "templates", "{}")) return false;
    if (!doc.setMember(JsonPath{} / "templates", ss(name),
                       R"([{"step": "compute", "duration": "1ms"}])"))
        return false;
    if (!apply(doc, tr("Add template '%1'").arg(name))) return false;
    select(QStringLiteral("templates.") + name);
    return true;
}

bool BuilderPanel::addStartEntry() {
    if (!sync()) return false;
    scenario::JsonTextEdit doc(m_doc->text());
    const QStringList templates = templateNames(doc.root());
    const std::string entry =
        scenario::jsonMembers({{"template", scenario::jsonQuote(ss(templates.value(0)))}});
    if (!ensureSection(doc, {}, "start", "[]")) return false;
    const std::size_t n = doc.root().find("start")->items.size();
    if (!doc.insertItem(JsonPath{} / "start", n, entry)) return false;
    if (!apply(doc, tr("Add a start entry"))) return false;
    select(QStringLiteral("start[%1]").arg(n));
    return true;
}

bool BuilderPanel::addExpectation(const QString& kind) {
    if (!sync() || !expectKind(kind)) return false;
    scenario::JsonTextEdit doc(m_doc->text());
    if (!ensureSection(doc, {}, "expectations", "[]")) return false;
    const std::size_t n = doc.root().find("expectations")->items.size();
    if (!doc.insertItem(JsonPath{} / "expectations", n, newExpectation(kind, doc.root())))
        return false;
    if (!apply(doc, tr("Add expectation '%1'").arg(kind))) return false;
    select(QStringLiteral("expectations[%1]").arg(n));
    return true;
}

bool BuilderPanel::addVariant() {
    if (!sync()) return false;
    scenario::JsonTextEdit doc(m_doc->text());
    QStringList taken = variantNames(doc.root());
    taken << QStringLiteral("base");
    const QString name = freeName(QStringLiteral("variant"), taken);
    if (!ensureSection(doc, {}, "variants", "[]")) return false;
    const std::size_t n = doc.root().find("variants")->items.size();
    const std::string v =
        scenario::jsonMembers({{"name", scenario::jsonQuote(ss(name))},
                               {"title", R"({"en": "One worker", "zh": "一个工作线程"})"},
                               {"config", R"({"workers": 1})"}});
    if (!doc.insertItem(JsonPath{} / "variants", n, v)) return false;
    if (!apply(doc, tr("Add variant '%1'").arg(name))) return false;
    select(QStringLiteral("variants[%1]").arg(n));
    return true;
}

bool BuilderPanel::addBranch() {
    if (!sync()) return false;
    QTreeWidgetItem* c = current();
    if (!c) return false;
    JsonPath p = pathOf(c);
    if (kindOf(c) == Item::Branch) p = parentPath(parentPath(p));
    const JsonNode* step = scenario::nodeAt(m_doc->root(), p);
    const JsonNode* branches = step ? step->find("branches") : nullptr;
    if (!branches || !branches->isArray()) {
        Q_EMIT statusMessage(tr("Select a select! step to add a branch to it."), 6000);
        return false;
    }
    scenario::JsonTextEdit doc(m_doc->text());
    const std::size_t n = branches->items.size();
    if (!doc.insertItem(p / "branches", n, R"([{"step": "sleep", "duration": "1ms"}])"))
        return false;
    if (!apply(doc, tr("Add a branch to '%1'").arg(stepShort(*step)))) return false;
    select(qs(scenario::pathText(p / "branches" / n)));
    return true;
}

bool BuilderPanel::setField(const JsonPath& object, const QString& key, const std::string& json,
                            const QString& what) {
    if (!sync()) return false;
    scenario::JsonTextEdit doc(m_doc->text());
    const JsonNode* o = scenario::nodeAt(doc.root(), object);
    bool ok;
    QString name;
    if (json.empty()) {
        if (!o || !o->find(ss(key))) return false;
        ok = doc.removeMember(object, ss(key));
        name = tr("Reset %1 of '%2'").arg(key, what);
    } else {
        if (!o) {
            // A missing section ("config"): created with the member.
            if (object.empty() || object.back().isIndex()) return false;
            ok = ensureSection(doc, parentPath(object), object.back().name, "{}") &&
                 doc.setMember(object, ss(key), json);
        } else {
            ok = doc.setMember(object, ss(key), json);
        }
        QString shown = qs(json);
        if (shown.size() > 40) shown = shown.left(39) + QStringLiteral("…");
        name = tr("Set %1 of '%2' to %3").arg(key, what, shown);
    }
    if (!ok) return false;
    m_formEdit = true;  // the form stays: the user is in it
    const bool changed = apply(doc, name, qs(scenario::pathText(object)) + QLatin1Char('/') + key);
    m_formEdit = false;
    return changed;
}

}  // namespace asyncscope::gui
