#include "builder/edits.hpp"

#include "builder/catalog.hpp"

#include <asyncscope/scenario/loader.hpp>

#include <algorithm>
#include <cmath>
#include <functional>

namespace asyncscope::gui::builder {

using scenario::jsonMembers;
using scenario::jsonQuote;

QString qs(const std::string& s) {
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

std::string ss(const QString& s) {
    return s.toStdString();
}

QString scalarText(const JsonNode* n) {
    if (!n) return {};
    if (n->isString()) return qs(n->string);
    if (n->isNumber())
        return n->integral ? QString::number(n->integer) : QString::number(n->number, 'g', 12);
    if (n->isBool()) return n->boolean ? QStringLiteral("true") : QStringLiteral("false");
    return {};
}

namespace {

QString member(const JsonNode& n, std::string_view key) {
    return scalarText(n.find(key));
}

QString durationMember(const JsonNode& n, std::string_view key) {
    const JsonNode* v = n.find(key);
    if (!v) return QStringLiteral("?");
    if (v->isNumber()) return durationText(durationOf(*v));
    return v->isString() ? qs(v->string) : QStringLiteral("?");
}

}  // namespace

QString durationText(std::int64_t ns) {
    return qs(scenario::formatDuration(ns));
}

std::int64_t durationOf(const JsonNode& value) {
    if (value.isNumber()) return static_cast<std::int64_t>(std::llround(value.number * 1e6));
    if (value.isString())
        if (auto ns = scenario::parseDuration(value.string)) return *ns;
    return -1;
}

QString stepLine(const JsonNode& step) {
    const QString kind = member(step, "step");
    const QString res = member(step, "resource");
    const QString r = res.isEmpty() ? QStringLiteral("?") : res;
    QString line;
    if (kind == QLatin1String("compute"))
        line = QStringLiteral("compute(%1)").arg(durationMember(step, "duration"));
    else if (kind == QLatin1String("sleep"))
        line = QStringLiteral("sleep(%1).await").arg(durationMember(step, "duration"));
    else if (kind == QLatin1String("io"))
        line = QStringLiteral("io(%1).await").arg(durationMember(step, "duration"));
    else if (kind == QLatin1String("blocking_sleep"))
        line = QStringLiteral("std::thread::sleep(%1)").arg(durationMember(step, "duration"));
    else if (kind == QLatin1String("yield"))
        line = QStringLiteral("yield_now().await");
    else if (kind == QLatin1String("lock"))
        line = QStringLiteral("%1.lock().await").arg(r);
    else if (kind == QLatin1String("unlock"))
        line = QStringLiteral("drop(%1 guard)").arg(r);
    else if (kind == QLatin1String("blocking_lock"))
        line = QStringLiteral("%1.lock() // blocks").arg(r);
    else if (kind == QLatin1String("blocking_unlock"))
        line = QStringLiteral("drop(%1 guard)").arg(r);
    else if (kind == QLatin1String("acquire"))
        line = QStringLiteral("%1.acquire_many(%2).await")
                   .arg(r, member(step, "permits").isEmpty() ? QStringLiteral("1")
                                                             : member(step, "permits"));
    else if (kind == QLatin1String("release"))
        line = QStringLiteral("drop(%1 permit)").arg(r);
    else if (kind == QLatin1String("send"))
        line = QStringLiteral("%1.send(…).await").arg(r);
    else if (kind == QLatin1String("recv"))
        line = QStringLiteral("%1.recv().await").arg(r);
    else if (kind == QLatin1String("close"))
        line = QStringLiteral("%1.close()").arg(r);
    else if (kind == QLatin1String("loop"))
        line = QStringLiteral("while let Some(m) = %1.recv().await").arg(r);
    else if (kind == QLatin1String("notify"))
        line = member(step, "all") == QLatin1String("true")
                   ? QStringLiteral("%1.notify_waiters()").arg(r)
                   : QStringLiteral("%1.notify_one()").arg(r);
    else if (kind == QLatin1String("wait"))
        line = QStringLiteral("%1.notified().await").arg(r);
    else if (kind == QLatin1String("cancel_token"))
        line = QStringLiteral("%1.cancel()").arg(r);
    else if (kind == QLatin1String("cancelled"))
        line = QStringLiteral("%1.cancelled().await").arg(r);
    else if (kind == QLatin1String("spawn")) {
        line = QStringLiteral("%1(%2)").arg(member(step, "local") == QLatin1String("true")
                                                ? QStringLiteral("spawn_local")
                                                : QStringLiteral("tokio::spawn"),
                                            member(step, "template"));
        const QString count = member(step, "count");
        if (!count.isEmpty() && count != QLatin1String("1")) line += QStringLiteral(" ×") + count;
    } else if (kind == QLatin1String("join"))
        line = member(step, "task").isEmpty()
                   ? QStringLiteral("join_all(children).await")
                   : QStringLiteral("%1.await").arg(member(step, "task"));
    else if (kind == QLatin1String("call"))
        line = member(step, "await") == QLatin1String("false")
                   ? QStringLiteral("drop(%1()) // never polled").arg(member(step, "template"))
                   : QStringLiteral("%1().await").arg(member(step, "template"));
    else if (kind == QLatin1String("spawn_blocking"))
        line = QStringLiteral("spawn_blocking(…).await");
    else if (kind == QLatin1String("cancel"))
        line = QStringLiteral("%1.abort()").arg(member(step, "task"));
    else if (kind == QLatin1String("timeout"))
        line = QStringLiteral("timeout(%1, …).await").arg(durationMember(step, "duration"));
    else if (kind == QLatin1String("select"))
        line = QStringLiteral("select! { … }");
    else if (kind == QLatin1String("repeat"))
        line = QStringLiteral("for _ in 0..%1").arg(member(step, "count"));
    else if (kind == QLatin1String("fail"))
        line = QStringLiteral("return Err(\"%1\")").arg(member(step, "message"));
    else if (kind == QLatin1String("pending_without_waker"))
        line = QStringLiteral("Poll::Pending // waker dropped");
    else
        line = kind.isEmpty() ? QStringLiteral("?") : kind;
    const QString label = member(step, "label");
    return label.isEmpty() ? line : line + QStringLiteral(" — ") + label;
}

QString stepShort(const JsonNode& step) {
    const QString kind = member(step, "step");
    for (const char* key : {"duration", "resource", "template", "task", "message", "count"}) {
        if (!step.find(key)) continue;
        const QString v =
            std::string_view(key) == "duration" ? durationMember(step, key) : member(step, key);
        if (!v.isEmpty()) return kind + QLatin1Char(' ') + v;
    }
    return kind;
}

QStringList resourceNames(const JsonNode& root, const QStringList& kinds) {
    QStringList out;
    const JsonNode* res = root.find("resources");
    if (!res || !res->isObject()) return out;
    for (std::size_t i = 0; i < res->keys.size(); ++i)
        if (kinds.isEmpty() || kinds.contains(member(res->items[i], "kind")))
            out << qs(res->keys[i]);
    return out;
}

QStringList templateNames(const JsonNode& root) {
    QStringList out;
    if (const JsonNode* t = root.find("templates"); t && t->isObject())
        for (const std::string& k : t->keys) out << qs(k);
    return out;
}

QStringList variantNames(const JsonNode& root) {
    QStringList out;
    if (const JsonNode* v = root.find("variants"); v && v->isArray())
        for (const JsonNode& item : v->items)
            if (const QString n = member(item, "name"); !n.isEmpty()) out << n;
    return out;
}

namespace {

// Calls `f(node, path, key)` for every value of the document, `key` being
// the member name it is the value of ("" for an array item and the root).
void walk(const JsonNode& n, JsonPath& path, std::string_view key,
          const std::function<void(const JsonNode&, const JsonPath&, std::string_view)>& f) {
    f(n, path, key);
    if (n.isObject()) {
        for (std::size_t i = 0; i < n.items.size(); ++i) {
            path.push_back({n.keys[i], scenario::JsonPathStep::kMember});
            walk(n.items[i], path, n.keys[i], f);
            path.pop_back();
        }
    } else if (n.isArray()) {
        for (std::size_t i = 0; i < n.items.size(); ++i) {
            path.push_back({{}, i});
            walk(n.items[i], path, {}, f);
            path.pop_back();
        }
    }
}

void walk(const JsonNode& root,
          const std::function<void(const JsonNode&, const JsonPath&, std::string_view)>& f) {
    JsonPath path;
    walk(root, path, {}, f);
}

// The container a path ends in, one or two steps up.
const JsonNode* parentOf(const JsonNode& root, const JsonPath& path, std::size_t up = 1) {
    if (path.size() < up) return nullptr;
    return scenario::nodeAt(root, JsonPath(path.begin(), path.end() - static_cast<long>(up)));
}

bool isStep(const JsonNode* n) {
    return n && n->isObject() && n->find("step");
}

// Replaces the string at each path with `to` (paths stay valid: only
// strings change).
bool replaceStrings(JsonTextEdit& doc, const std::vector<JsonPath>& paths, const std::string& to) {
    for (const JsonPath& p : paths)
        if (!doc.replace(p, jsonQuote(to))) return false;
    return true;
}

// The objects that hold programs: the scenario and every variant.
std::vector<JsonPath> programs(const JsonNode& root) {
    std::vector<JsonPath> out{JsonPath{}};
    if (const JsonNode* v = root.find("variants"); v && v->isArray())
        for (std::size_t i = 0; i < v->items.size(); ++i)
            out.push_back(JsonPath{} / "variants" / i);
    return out;
}

// Whether no program of the document has `to` in `section` yet.
bool freeEverywhere(const JsonTextEdit& doc, std::string_view section, const std::string& to) {
    for (const JsonPath& p : programs(doc.root())) {
        const JsonNode* s = scenario::nodeAt(doc.root(), p / section);
        if (s && s->isObject() && s->find(to)) return false;
    }
    return true;
}

// Renames the member last, once every reference (paths through it
// included) has been changed.
bool renameMemberEverywhere(JsonTextEdit& doc, std::string_view section, const std::string& from,
                            const std::string& to) {
    const std::vector<JsonPath> owners = programs(doc.root());
    for (const JsonPath& p : owners) {
        const JsonNode* s = scenario::nodeAt(doc.root(), p / section);
        if (s && s->isObject() && s->find(from) && !doc.renameMember(p / section, from, to))
            return false;
    }
    return true;
}

bool isMoment(const JsonPath& path, std::size_t depth) {
    return path.size() > depth && path[0].name == "moments";
}

}  // namespace

QStringList taskNames(const JsonNode& root) {
    QStringList out;
    walk(root, [&](const JsonNode& n, const JsonPath& path, std::string_view) {
        const bool start = path.size() >= 2 && path[path.size() - 2].name == "start";
        if (!start && !(isStep(&n) && member(n, "step") == QLatin1String("spawn"))) return;
        QString name = member(n, "name");
        if (name.isEmpty()) name = member(n, "template");
        if (!name.isEmpty() && !out.contains(name)) out << name;
    });
    return out;
}

QString freeName(const QString& base, const QStringList& taken) {
    if (!taken.contains(base)) return base;
    for (int i = 2;; ++i) {
        const QString n = QStringLiteral("%1-%2").arg(base).arg(i);
        if (!taken.contains(n)) return n;
    }
}

std::string newStep(const QString& kind, const JsonNode& root, const QString& ownTemplate) {
    const StepKind* spec = stepKind(kind);
    std::vector<std::pair<std::string, std::string>> members{{"step", jsonQuote(ss(kind))}};
    if (!spec) return jsonMembers(members);
    for (const Field& f : spec->fields) {
        if (!f.required) continue;
        switch (f.type) {
        case FieldType::Duration: members.emplace_back(f.key, jsonQuote("1ms")); break;
        case FieldType::Resource: {
            const QStringList names = resourceNames(root, f.choices);
            members.emplace_back(f.key, jsonQuote(names.isEmpty() ? "" : ss(names.front())));
            break;
        }
        case FieldType::Template: {
            QStringList names = templateNames(root);
            names.removeAll(ownTemplate);
            names.removeAll(QStringLiteral("main"));
            members.emplace_back(f.key, jsonQuote(names.isEmpty() ? "" : ss(names.front())));
            break;
        }
        case FieldType::Integer: members.emplace_back(f.key, "2"); break;
        case FieldType::Task: {
            const QStringList names = taskNames(root);
            members.emplace_back(f.key, jsonQuote(names.isEmpty() ? "" : ss(names.back())));
            break;
        }
        default: members.emplace_back(f.key, jsonQuote("something went wrong")); break;
        }
    }
    const std::string body = R"([{"step": "compute", "duration": "1ms"}])";
    if (std::string_view(spec->nested) == "steps") members.emplace_back("steps", body);
    if (std::string_view(spec->nested) == "branches")
        members.emplace_back("branches", R"([[{"step": "sleep", "duration": "1ms"}], )"
                                         R"([{"step": "sleep", "duration": "2ms"}]])");
    return jsonMembers(members);
}

std::string newResource(const QString& kind) {
    std::vector<std::pair<std::string, std::string>> members{{"kind", jsonQuote(ss(kind))}};
    if (kind == QLatin1String("semaphore")) members.emplace_back("permits", "1");
    if (kind == QLatin1String("channel")) members.emplace_back("capacity", "4");
    return jsonMembers(members);
}

std::string newExpectation(const QString& kind, const JsonNode& root) {
    std::vector<std::pair<std::string, std::string>> members{{"expect", jsonQuote(ss(kind))}};
    const ExpectKind* spec = expectKind(kind);
    if (!spec) return jsonMembers(members);
    for (const Field& f : spec->fields) {
        if (!f.required) continue;
        switch (f.type) {
        case FieldType::Duration: members.emplace_back(f.key, jsonQuote("1ms")); break;
        case FieldType::Integer: members.emplace_back(f.key, "1"); break;
        case FieldType::Real: members.emplace_back(f.key, "1.5"); break;
        case FieldType::Choice:
            members.emplace_back(f.key, jsonQuote(ss(f.choices.front())));
            break;
        case FieldType::Template: {
            const QStringList names = templateNames(root);
            members.emplace_back(f.key, jsonQuote(names.isEmpty() ? "" : ss(names.front())));
            break;
        }
        case FieldType::Task: {
            const QStringList names = taskNames(root);
            members.emplace_back(f.key, jsonQuote(names.isEmpty() ? "" : ss(names.front())));
            break;
        }
        case FieldType::Variant: {
            const QStringList names = variantNames(root);
            const bool slower = std::string_view(f.key) == "than";
            members.emplace_back(f.key, jsonQuote(slower || names.isEmpty() ? std::string("base")
                                                                            : ss(names.front())));
            break;
        }
        default: break;
        }
    }
    // A duration, polls or runs expectation needs a bound: the least, to start.
    if (kind == QLatin1String("duration"))
        members.emplace_back("at_least", jsonQuote("1ms"));
    else if (kind == QLatin1String("polls") || kind == QLatin1String("runs"))
        members.emplace_back("at_least", "1");
    return jsonMembers(members);
}

bool ensureSection(JsonTextEdit& doc, const JsonPath& owner, std::string_view key,
                   std::string_view emptyJson) {
    static const std::vector<std::string_view> order = {
        "$schema",    "name",   "version",      "title",   "description", "category",
        "difficulty", "lesson", "speed",        "moments", "config",      "resources",
        "templates",  "start",  "expectations", "variants"};
    const JsonNode* o = scenario::nodeAt(doc.root(), owner);
    if (!o || !o->isObject()) return false;
    if (o->find(key)) return true;
    const auto rank = [&](std::string_view k) {
        return static_cast<std::size_t>(std::find(order.begin(), order.end(), k) - order.begin());
    };
    std::size_t at = o->items.size();
    for (std::size_t i = 0; i < o->keys.size(); ++i)
        if (rank(o->keys[i]) > rank(key) && rank(o->keys[i]) < order.size()) {
            at = i;
            break;
        }
    return doc.insertMember(owner, at, key, emptyJson);
}

bool renameResource(JsonTextEdit& doc, const QString& fromQ, const QString& toQ) {
    const std::string from = ss(fromQ), to = ss(toQ);
    if (!doc.ok() || from == to) return false;
    std::vector<JsonPath> refs;
    walk(doc.root(), [&](const JsonNode& n, const JsonPath& path, std::string_view key) {
        if (!n.isString() || n.string != from) return;
        const JsonNode* owner = parentOf(doc.root(), path);
        if (key == "resource" && isStep(owner)) refs.push_back(path);
        // A token's parent: resources.<name>.parent (in a variant too).
        if (key == "parent" && path.size() >= 3 && path[path.size() - 3].name == "resources")
            refs.push_back(path);
        if ((key == "contention" || key == "on") && isMoment(path, 3)) refs.push_back(path);
        if (key.empty() && isMoment(path, 4) && path[path.size() - 2].name == "resources")
            refs.push_back(path);
    });
    return freeEverywhere(doc, "resources", to) && replaceStrings(doc, refs, to) &&
           renameMemberEverywhere(doc, "resources", from, to);
}

bool renameTemplate(JsonTextEdit& doc, const QString& fromQ, const QString& toQ) {
    const std::string from = ss(fromQ), to = ss(toQ);
    if (!doc.ok() || from == to) return false;
    // Does any spawn or start entry name its tasks `from` explicitly?
    bool named = false;
    walk(doc.root(), [&](const JsonNode& n, const JsonPath& path, std::string_view key) {
        if (key != "name" || !n.isString() || n.string != from) return;
        const JsonNode* owner = parentOf(doc.root(), path);
        const bool start = path.size() >= 3 && path[path.size() - 3].name == "start";
        if (start || (isStep(owner) && member(*owner, "step") == QLatin1String("spawn")))
            named = true;
    });
    auto isTask = [&](const std::string& s) {
        return s == from || (s.size() > from.size() + 1 && s.compare(0, from.size(), from) == 0 &&
                             s[from.size()] == '#');
    };
    std::vector<JsonPath> refs;
    std::vector<std::pair<JsonPath, std::string>> taskRefs;
    walk(doc.root(), [&](const JsonNode& n, const JsonPath& path, std::string_view key) {
        if (!n.isString()) return;
        const JsonNode* owner = parentOf(doc.root(), path);
        if (n.string == from) {
            // spawn/call steps, start entries, "runs" expectations.
            if (key == "template" && owner && owner->isObject()) refs.push_back(path);
            if (key == "spawn" && isMoment(path, 3)) refs.push_back(path);
        }
        if (named || !isTask(n.string)) return;
        const bool stepTask = key == "task" && isStep(owner);
        const bool expectTask = key == "task" && owner && owner->find("expect");
        const bool momentTask = (key == "wake" || key == "wait") && isMoment(path, 3);
        const bool highlighted =
            key.empty() && isMoment(path, 4) && path[path.size() - 2].name == "tasks";
        if (stepTask || expectTask || momentTask || highlighted)
            taskRefs.emplace_back(path, to + n.string.substr(from.size()));
    });
    if (!freeEverywhere(doc, "templates", to) || !replaceStrings(doc, refs, to)) return false;
    for (const auto& [path, name] : taskRefs)
        if (!doc.replace(path, jsonQuote(name))) return false;
    // The start entry of `main` is the #[tokio::main] body; renamed, it
    // stays that, said with "block_on".
    if (from == "main")
        for (const JsonPath& program : programs(doc.root())) {
            const JsonNode* start = scenario::nodeAt(doc.root(), program / "start");
            if (!start || !start->isArray()) continue;
            bool other = false;  // another entry is the body already
            for (const JsonNode& e : start->items)
                if (const JsonNode* b = e.find("block_on"); b && b->isBool() && b->boolean)
                    other = true;
            const std::size_t n = other ? 0 : start->items.size();
            for (std::size_t i = 0; i < n; ++i) {
                const JsonNode* entry = scenario::nodeAt(doc.root(), program / "start" / i);
                const JsonNode* t = entry ? entry->find("template") : nullptr;
                if (!t || !t->isString() || t->string != to || entry->find("block_on")) continue;
                if (!doc.setMember(program / "start" / i, "block_on", "true")) return false;
            }
        }
    return renameMemberEverywhere(doc, "templates", from, to);
}

bool renameVariant(JsonTextEdit& doc, const QString& fromQ, const QString& toQ) {
    const std::string from = ss(fromQ), to = ss(toQ);
    if (!doc.ok() || from == to || variantNames(doc.root()).contains(toQ)) return false;
    std::vector<JsonPath> refs;
    walk(doc.root(), [&](const JsonNode& n, const JsonPath& path, std::string_view key) {
        if (!n.isString() || n.string != from) return;
        const JsonNode* owner = parentOf(doc.root(), path);
        const bool variantName = key == "name" && path.size() == 3 && path[0].name == "variants";
        const bool faster = (key == "variant" || key == "than") && owner && owner->find("expect");
        if (variantName || faster) refs.push_back(path);
    });
    return !refs.empty() && replaceStrings(doc, refs, to);
}

}  // namespace asyncscope::gui::builder
