// Pass 6: a guided lesson's moments. Each names a condition on the base run
// (a wake, a contention, a steal, a spawn, a finding, an instant, a wait) by
// the program's own names, checked here against the built base program.
#include "loader_passes.hpp"

#include <set>

namespace asyncscope::scenario::passes {

namespace {

void collectNames(const std::vector<Step>& steps, const Program& p, std::set<std::string>& out) {
    for (const Step& s : steps) {
        if (s.kind == StepKind::Spawn) {
            if (!s.name.empty()) out.insert(s.name);
            if (s.target >= 0 && static_cast<std::size_t>(s.target) < p.templates.size())
                out.insert(p.templates[static_cast<std::size_t>(s.target)].name);
        }
        collectNames(s.body, p, out);
        for (const auto& b : s.branches) collectNames(b, p, out);
    }
}

// The names a task of the base run can have (a group's members "x#k" match "x").
std::set<std::string> taskNames(const Program& p) {
    std::set<std::string> out;
    for (const StartItem& s : p.start) {
        if (!s.name.empty()) out.insert(s.name);
        if (s.target >= 0 && static_cast<std::size_t>(s.target) < p.templates.size())
            out.insert(p.templates[static_cast<std::size_t>(s.target)].name);
    }
    for (const Template& t : p.templates) collectNames(t.steps, p, out);
    return out;
}

bool knownTask(const std::set<std::string>& names, const std::string& n) {
    if (names.count(n)) return true;
    const auto hash = n.find('#');
    return hash != std::string::npos && hash > 0 && names.count(n.substr(0, hash)) > 0;
}

std::vector<std::string_view> views(const std::set<std::string>& s) {
    return {s.begin(), s.end()};
}

}  // namespace

void checkMoments(Checker& c, const JsonNode& root, Scenario& sc) {
    const JsonNode* ms = root.find("moments");
    if (!ms) return;
    if (!ms->isArray()) {
        c.error(*ms, "moments", "expected an array of moments, found " + describeValue(*ms));
        return;
    }
    const Program& p = sc.base;
    const std::set<std::string> tasks = taskNames(p);
    std::set<std::string> resources, locks, templates;
    for (const Resource& r : p.resources) {
        resources.insert(r.name);
        if (r.kind == ResourceKind::Mutex || r.kind == ResourceKind::BlockingMutex)
            locks.insert(r.name);
    }
    for (const Template& t : p.templates) templates.insert(t.name);

    auto checkTask = [&](const JsonNode& n, const std::string& path) -> std::optional<std::string> {
        auto s = c.string(n, path, "a task name");
        if (!s) return std::nullopt;
        if (knownTask(tasks, *s)) return s;
        std::string msg = "no task named \"" + *s + "\" runs in this scenario";
        const std::string near = closestMatch(*s, views(tasks));
        if (!near.empty()) msg += "; did you mean \"" + near + "\"?";
        c.error(n, path, msg);
        return std::nullopt;
    };
    auto checkIn = [&](const JsonNode& n, const std::string& path, const std::set<std::string>& in,
                       std::string_view what) -> std::optional<std::string> {
        auto s = c.string(n, path, what);
        if (!s) return std::nullopt;
        if (in.count(*s)) return s;
        std::string msg = "no " + std::string(what) + " named \"" + *s + "\"";
        const std::string near = closestMatch(*s, views(in));
        if (!near.empty()) msg += "; did you mean \"" + near + "\"?";
        c.error(n, path, msg);
        return std::nullopt;
    };

    for (std::size_t i = 0; i < ms->items.size(); ++i) {
        const JsonNode& m = ms->items[i];
        const std::string path = Checker::index("moments", i);
        if (!c.object(m, path, {"when", "text", "highlight", "predict"}, {"when", "text"},
                      "a moment"))
            continue;
        Moment mo;
        mo.pos = m.pos;
        bool ok = true;
        if (const JsonNode* w = m.find("when")) {
            const std::string wp = path + ".when";
            if (c.object(*w, wp,
                         {"wake", "contention", "steal", "spawn", "finding", "at", "wait", "on"},
                         {}, "a condition")) {
                std::vector<std::string_view> given;
                for (const std::string& k : w->keys)
                    if (k != "on") given.push_back(k);
                if (given.size() != 1) {
                    c.error(*w, wp,
                            "a condition names exactly one of \"wake\", \"contention\", \"steal\", "
                            "\"spawn\", \"finding\", \"at\" or \"wait\", found " +
                                std::to_string(given.size()));
                    ok = false;
                } else {
                    const std::string key(given[0]);
                    const JsonNode& v = *w->find(key);
                    const std::string vp = wp + "." + key;
                    trace::Breakpoint& b = mo.when;
                    if (key != "wait" && w->find("on"))
                        c.error(*w->find("on"), wp + ".on", "\"on\" goes with \"wait\" only");
                    if (key == "wake") {
                        b.kind = trace::BreakKind::Wake;
                        if (auto x = checkTask(v, vp))
                            b.name = *x;
                        else
                            ok = false;
                    } else if (key == "contention") {
                        b.kind = trace::BreakKind::Contention;
                        if (auto x = checkIn(v, vp, locks, "mutex"))
                            b.name = *x;
                        else
                            ok = false;
                    } else if (key == "steal") {
                        b.kind = trace::BreakKind::Steal;
                        auto x = c.boolean(v, vp);
                        if (x && !*x) c.error(v, vp, "\"steal\" is true (the first steal)");
                    } else if (key == "spawn") {
                        b.kind = trace::BreakKind::Spawn;
                        if (auto x = checkIn(v, vp, templates, "template"))
                            b.name = *x;
                        else
                            ok = false;
                    } else if (key == "finding") {
                        b.kind = trace::BreakKind::Finding;
                        if (auto x = c.oneOf(v, vp, "a finding", kFindingNames)) {
                            for (int k = 0; k < static_cast<int>(trace::FindingKind::Count); ++k)
                                if (toString(static_cast<trace::FindingKind>(k)) == *x)
                                    b.finding = static_cast<trace::FindingKind>(k);
                        } else {
                            ok = false;
                        }
                    } else if (key == "at") {
                        b.kind = trace::BreakKind::Instant;
                        if (auto d = c.duration(v, vp, "the instant"))
                            b.at = static_cast<std::uint64_t>(d->count());
                        else
                            ok = false;
                    } else if (key == "wait") {
                        b.kind = trace::BreakKind::Wait;
                        if (auto x = checkTask(v, vp))
                            b.name = *x;
                        else
                            ok = false;
                        if (const JsonNode* on = w->find("on")) {
                            if (auto x = checkIn(*on, wp + ".on", resources, "resource"))
                                b.resource = *x;
                            else
                                ok = false;
                        }
                    }
                }
            } else {
                ok = false;
            }
        }
        if (const JsonNode* t = m.find("text"))
            ok &= c.text(*t, path + ".text", mo.text, "the moment's text");
        if (const JsonNode* h = m.find("highlight")) {
            const std::string hp = path + ".highlight";
            if (c.object(*h, hp, {"tasks", "resources"}, {}, "what to highlight")) {
                auto list = [&](const char* key, auto&& check, std::vector<std::string>& out) {
                    const JsonNode* a = h->find(key);
                    if (!a) return;
                    const std::string ap = hp + "." + key;
                    if (!a->isArray()) {
                        c.error(*a, ap, "expected an array of names, found " + describeValue(*a));
                        return;
                    }
                    for (std::size_t k = 0; k < a->items.size(); ++k)
                        if (auto x = check(a->items[k], Checker::index(ap, k))) out.push_back(*x);
                };
                list("tasks", checkTask, mo.tasks);
                list(
                    "resources",
                    [&](const JsonNode& n, const std::string& np) {
                        return checkIn(n, np, resources, "resource");
                    },
                    mo.resources);
            }
        }
        if (const JsonNode* pr = m.find("predict")) {
            const std::string pp = path + ".predict";
            if (c.object(*pr, pp, {"question", "choices", "answer", "why"},
                         {"question", "choices", "answer"}, "a prediction")) {
                Moment::Predict q;
                if (const JsonNode* t = pr->find("question"))
                    c.text(*t, pp + ".question", q.question, "the question");
                if (const JsonNode* t = pr->find("why"))
                    c.text(*t, pp + ".why", q.why, "the reason");
                if (const JsonNode* ch = pr->find("choices")) {
                    if (!ch->isArray() || ch->items.size() < 2 || ch->items.size() > 6) {
                        c.error(*ch, pp + ".choices",
                                "expected 2 to 6 choices, found " + describeValue(*ch));
                    } else {
                        for (std::size_t k = 0; k < ch->items.size(); ++k) {
                            Text t;
                            c.text(ch->items[k], Checker::index(pp + ".choices", k), t, "a choice");
                            q.choices.push_back(std::move(t));
                        }
                    }
                }
                if (const JsonNode* a = pr->find("answer")) {
                    const std::int64_t hi =
                        q.choices.empty() ? 0 : static_cast<std::int64_t>(q.choices.size()) - 1;
                    if (auto x =
                            c.integer(*a, pp + ".answer", 0, hi, "the answer (a choice's index)"))
                        q.answer = static_cast<std::size_t>(*x);
                }
                mo.predict = std::move(q);
            }
        }
        if (ok) sc.moments.push_back(std::move(mo));
    }
}

}  // namespace asyncscope::scenario::passes
