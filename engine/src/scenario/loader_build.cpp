// Pass 3, build (see the design note in loader_passes.hpp): ProgramBuilder
// turns one checked document into a Program -- config, resources, templates,
// steps, start, expectations. The references inside (resources, templates,
// task names) are resolved by pass 4 (loader_resolve.cpp) as they are met.
#include "scenario/loader_passes.hpp"

#include <algorithm>
#include <cstdint>

namespace asyncscope::scenario::passes {

namespace {

// Fields of each step kind besides "step" and "label".
const std::vector<std::string_view>& stepFields(StepKind k) {
    static const std::vector<std::vector<std::string_view>> table = [] {
        std::vector<std::vector<std::string_view>> t(static_cast<std::size_t>(StepKind::Count));
        auto set = [&](StepKind k2, std::vector<std::string_view> f) {
            t[static_cast<std::size_t>(k2)] = std::move(f);
        };
        set(StepKind::Compute, {"duration"});
        set(StepKind::Sleep, {"duration"});
        set(StepKind::Io, {"duration", "jitter"});
        set(StepKind::BlockingSleep, {"duration"});
        for (StepKind r :
             {StepKind::Lock, StepKind::Unlock, StepKind::BlockingLock, StepKind::BlockingUnlock,
              StepKind::Send, StepKind::Recv, StepKind::Close, StepKind::Wait,
              StepKind::CancelToken, StepKind::Cancelled})
            set(r, {"resource"});
        set(StepKind::Acquire, {"resource", "permits"});
        set(StepKind::Release, {"resource", "permits"});
        set(StepKind::Notify, {"resource", "all"});
        set(StepKind::Spawn, {"template", "count", "name", "detached", "local"});
        set(StepKind::Join, {"task"});
        set(StepKind::Call, {"template", "await"});
        set(StepKind::SpawnBlocking, {"steps", "detached"});
        set(StepKind::Timeout, {"duration", "steps"});
        set(StepKind::Select, {"branches"});
        set(StepKind::Cancel, {"task"});
        set(StepKind::Fail, {"message"});
        set(StepKind::Repeat, {"count", "steps"});
        set(StepKind::Loop, {"resource", "steps", "batch"});
        for (auto& f : t) {
            f.insert(f.begin(), "label");
            f.insert(f.begin(), "step");
        }
        return t;
    }();
    return table[static_cast<std::size_t>(k)];
}

bool allowedInBlocking(StepKind k) {
    return k == StepKind::Compute || k == StepKind::BlockingSleep || k == StepKind::BlockingLock ||
           k == StepKind::BlockingUnlock || k == StepKind::Fail || k == StepKind::Repeat;
}

}  // namespace

Program ProgramBuilder::build(const JsonNode& root) {
    Program p;
    p.settings.runtime.workers = 4;  // the format's default, with or without a "config" object
    // The virtual clock unless the scenario asks for the real one: every
    // duration exact, the host invisible, the same lesson on every machine.
    p.settings.runtime.clock = ClockKind::Virtual;
    if (const JsonNode* n = root.find("config")) config(*n, p.settings);
    if (const JsonNode* n = root.find("resources")) resources(*n, p);
    const JsonNode* templates = root.find("templates");
    if (templates && templates->isObject()) {
        // Names first, so that templates may refer to later ones.
        for (std::size_t i = 0; i < templates->keys.size(); ++i) {
            Template t;
            t.name = templates->keys[i];
            t.pos = templates->keyPos[i];
            if (!validName(t.name))
                m_c.error(t.pos, "templates",
                          "template name \"" + t.name +
                              "\" must be 1-64 letters, digits, '_', '-' or '.'");
            p.templates.push_back(std::move(t));
        }
        for (std::size_t i = 0; i < templates->keys.size(); ++i) {
            const std::string path = "templates." + templates->keys[i];
            std::uint32_t next = 0;
            p.templates[i].steps = steps(templates->items[i], path, p, next, false);
            p.templates[i].awaitPoints = next;
        }
    } else if (templates) {
        m_c.error(*templates, "templates",
                  "expected the task templates (an object: name -> array of steps), found " +
                      describeValue(*templates));
    }
    if (templates && templates->isObject() && templates->keys.empty())
        m_c.error(*templates, "templates",
                  "no templates: add at least one (a name -> an array of steps)");
    if (const JsonNode* n = root.find("start")) start(*n, p);
    if (const JsonNode* n = root.find("expectations")) expectations(*n, p);
    checkNames(p);
    checkRecursionAndSize(root, p);
    checkMisuse(p);
    checkSend(p);
    return p;
}

void ProgramBuilder::config(const JsonNode& n, RunSettings& s) {
    static const std::vector<std::string_view> keys = {"flavor",
                                                       "workers",
                                                       "global_queue_interval",
                                                       "lifo_slot",
                                                       "stealing",
                                                       "budget",
                                                       "preemption_slice",
                                                       "blocking_threads",
                                                       "time_scale",
                                                       "seed",
                                                       "time_limit",
                                                       "clock",
                                                       "cores"};
    if (!m_c.object(n, "config", keys, {}, "the runtime configuration")) return;
    RuntimeConfig& rc = s.runtime;
    for (std::size_t i = 0; i < n.keys.size(); ++i) {
        const std::string& k = n.keys[i];
        const JsonNode& v = n.items[i];
        const std::string path = "config." + k;
        if (k == "flavor") {
            static constexpr std::array<std::string_view, 2> flavors = {"multi_thread",
                                                                        "current_thread"};
            if (auto f = m_c.oneOf(v, path, "a runtime flavor", flavors))
                rc.flavor = *f == "multi_thread" ? Flavor::MultiThread : Flavor::CurrentThread;
        } else if (k == "workers") {
            if (auto x = m_c.integer(v, path, 1, 64, "workers"))
                rc.workers = static_cast<unsigned>(*x);
        } else if (k == "global_queue_interval") {
            if (auto x = m_c.integer(v, path, 1, 1000, "global_queue_interval"))
                rc.globalQueueInterval = static_cast<unsigned>(*x);
        } else if (k == "lifo_slot") {
            if (auto b = m_c.boolean(v, path)) rc.lifoSlot = *b;
        } else if (k == "stealing") {
            if (auto b = m_c.boolean(v, path)) rc.stealing = *b;
        } else if (k == "budget") {
            if (auto x = m_c.integer(v, path, 0, 100000, "budget"))
                rc.budget = static_cast<unsigned>(*x);
        } else if (k == "preemption_slice") {
            if (auto d = m_c.duration(v, path, "a duration")) rc.preemptionSlice = *d;
        } else if (k == "blocking_threads") {
            if (auto x = m_c.integer(v, path, 1, 1024, "blocking_threads"))
                rc.maxBlockingThreads = static_cast<unsigned>(*x);
        } else if (k == "clock") {
            static constexpr std::array<std::string_view, 2> clocks = {"virtual", "real"};
            if (auto c = m_c.oneOf(v, path, "a clock", clocks))
                rc.clock = *c == "virtual" ? ClockKind::Virtual : ClockKind::Real;
        } else if (k == "cores") {
            if (auto x = m_c.integer(v, path, 1, 1024, "cores"))
                rc.cores = static_cast<unsigned>(*x);
        } else if (k == "time_scale") {
            if (auto x = m_c.real(v, path, 0.01, 1000, "time_scale")) rc.timeScale = *x;
        } else if (k == "seed") {
            if (auto x = m_c.integer(v, path, 0, INT64_MAX, "seed"))
                rc.seed = static_cast<std::uint64_t>(*x);
        } else if (k == "time_limit") {
            if (auto d = m_c.duration(v, path, "a duration")) {
                if (d->count() == 0)
                    m_c.error(v, path, "time_limit must be more than 0");
                else
                    s.timeLimit = *d;
            }
        }
    }
}

void ProgramBuilder::resources(const JsonNode& n, Program& p) {
    if (!n.isObject()) {
        m_c.error(n, "resources",
                  "expected the resources (an object: name -> {\"kind\": ...}), found " +
                      describeValue(n));
        return;
    }
    struct ParentRef {
        std::size_t child;
        std::string name;
        const JsonNode* node;
        std::string path;
    };
    std::vector<ParentRef> parents;
    for (std::size_t i = 0; i < n.keys.size(); ++i) {
        const std::string path = "resources." + n.keys[i];
        Resource r;
        r.name = n.keys[i];
        r.pos = n.keyPos[i];
        if (!validName(r.name))
            m_c.error(r.pos, path, "resource name must be 1-64 letters, digits, '_', '-' or '.'");
        const JsonNode& v = n.items[i];
        if (!m_c.object(v, path, {"kind", "permits", "capacity", "fairness", "parent"}, {"kind"},
                        "a resource"))
            continue;
        const JsonNode* kind = v.find("kind");
        std::optional<std::string> k;
        if (kind) k = m_c.oneOf(*kind, path + ".kind", "a resource kind", kResourceNames);
        if (k) r.kind = static_cast<ResourceKind>(indexOf(kResourceNames, *k));
        const JsonNode* permits = v.find("permits");
        const JsonNode* capacity = v.find("capacity");
        if (k && r.kind == ResourceKind::Semaphore) {
            if (!permits)
                m_c.error(v, path, "a semaphore needs \"permits\" (1-1000000)");
            else if (auto x = m_c.integer(*permits, path + ".permits", 1, 1'000'000, "permits"))
                r.amount = static_cast<std::uint64_t>(*x);
        } else if (permits && k) {
            m_c.error(*permits, path + ".permits",
                      "\"permits\" is only for a semaphore, not a " + *k);
        }
        if (k && r.kind == ResourceKind::Channel) {
            if (!capacity)
                m_c.error(v, path,
                          "a channel needs \"capacity\" (1-1000000; use \"unbounded_channel\" "
                          "for no limit)");
            else if (auto x = m_c.integer(*capacity, path + ".capacity", 1, 1'000'000, "capacity"))
                r.amount = static_cast<std::uint64_t>(*x);
        } else if (capacity && k) {
            m_c.error(*capacity, path + ".capacity",
                      "\"capacity\" is only for a channel, not a " + *k);
        }
        if (const JsonNode* fairness = v.find("fairness"); fairness && k) {
            if (r.kind != ResourceKind::Mutex)
                m_c.error(*fairness, path + ".fairness",
                          "\"fairness\" is only for a mutex, not a " + *k);
            else if (auto f = m_c.oneOf(*fairness, path + ".fairness", "a mutex fairness",
                                        std::array<std::string_view, 2>{"fair", "barging"}))
                r.barging = *f == "barging";
        }
        if (const JsonNode* parent = v.find("parent"); parent && k) {
            if (r.kind != ResourceKind::CancelToken)
                m_c.error(*parent, path + ".parent",
                          "\"parent\" is only for a cancel_token, not a " + *k);
            else if (auto x = m_c.name(*parent, path + ".parent", "a cancel_token's name"))
                parents.push_back({p.resources.size(), *x, parent, path + ".parent"});
        }
        p.resources.push_back(std::move(r));
    }
    // A child token names its parent, declared anywhere in "resources".
    for (const ParentRef& ref : parents) {
        const int idx = p.findResource(ref.name);
        if (idx < 0 ||
            p.resources[static_cast<std::size_t>(idx)].kind != ResourceKind::CancelToken) {
            m_c.error(*ref.node, ref.path,
                      "\"" + ref.name +
                          "\" is not a cancel_token of this scenario (a child "
                          "token's parent is another cancel_token)");
            continue;
        }
        p.resources[ref.child].parent = idx;
    }
    for (const ParentRef& ref : parents) {  // no token is its own ancestor
        std::size_t steps = 0;
        int at = p.resources[ref.child].parent;
        while (at >= 0 && steps++ <= p.resources.size()) {
            if (static_cast<std::size_t>(at) == ref.child) {
                m_c.error(*ref.node, ref.path,
                          "cancel_token \"" + p.resources[ref.child].name +
                              "\" would be its own ancestor (its parents go round in a circle)");
                p.resources[ref.child].parent = -1;
                break;
            }
            at = p.resources[static_cast<std::size_t>(at)].parent;
        }
    }
}

std::vector<Step> ProgramBuilder::steps(const JsonNode& n, const std::string& path,
                                        const Program& p, std::uint32_t& next, bool blocking) {
    std::vector<Step> out;
    if (!n.isArray()) {
        m_c.error(n, path, "expected a list of steps (an array), found " + describeValue(n));
        return out;
    }
    for (std::size_t i = 0; i < n.items.size(); ++i) {
        Step s;
        if (stepOne(n.items[i], Checker::index(path, i), p, next, blocking, s))
            out.push_back(std::move(s));
    }
    return out;
}

bool ProgramBuilder::stepOne(const JsonNode& n, const std::string& path, const Program& p,
                             std::uint32_t& next, bool blocking, Step& s) {
    s.pos = n.pos;
    if (!n.isObject()) {
        m_c.error(n, path, "expected a step (an object with \"step\"), found " + describeValue(n));
        return false;
    }
    const JsonNode* kindNode = n.find("step");
    if (!kindNode) {
        m_c.error(n, path, "missing required field \"step\" (the kind of step, e.g. \"sleep\")");
        return false;
    }
    auto kindName = m_c.string(*kindNode, path + ".step", "a step kind");
    if (!kindName) return false;
    const int k = indexOf(kStepNames, *kindName);
    if (k < 0) {
        std::string msg = "unknown step \"" + *kindName + "\"";
        const std::string near = closestMatch(*kindName, asList(kStepNames));
        if (!near.empty())
            msg += "; did you mean \"" + near + "\"?";
        else
            msg += "; expected one of " + quoteList(asList(kStepNames));
        m_c.error(*kindNode, path + ".step", msg);
        return false;
    }
    s.kind = static_cast<StepKind>(k);
    s.index = next++;
    const std::string what = "a \"" + *kindName + "\" step";
    m_c.object(n, path, stepFields(s.kind), {}, what);
    if (blocking && !allowedInBlocking(s.kind))
        m_c.error(*kindNode, path + ".step",
                  "\"" + *kindName +
                      "\" cannot run on the blocking pool (no runtime there); "
                      "spawn_blocking steps may be compute, blocking_sleep, blocking_lock, "
                      "blocking_unlock, fail or repeat");
    if (const JsonNode* l = n.find("label")) {
        if (auto t = m_c.string(*l, path + ".label", "a label")) {
            if (utf8Length(*t) > 200)
                m_c.error(*l, path + ".label",
                          "a label may be at most 200 characters, found " +
                              std::to_string(utf8Length(*t)));
            else
                s.label = *t;
        }
    }

    auto required = [&](std::string_view field) -> const JsonNode* {
        const JsonNode* f = n.find(field);
        if (!f)
            m_c.error(n, path, "missing required field \"" + std::string(field) + "\" in " + what);
        return f;
    };
    auto needDuration = [&](Duration& out) {
        if (const JsonNode* d = required("duration"))
            if (auto v = m_c.duration(*d, path + ".duration", "a duration")) out = *v;
    };
    auto body = [&](std::string_view field, bool inBlocking) {
        if (const JsonNode* b = required(field))
            s.body = steps(*b, path + "." + std::string(field), p, next, inBlocking);
    };
    switch (s.kind) {
    case StepKind::Compute:
    case StepKind::Sleep:
    case StepKind::BlockingSleep: needDuration(s.duration); break;
    case StepKind::Io:
        needDuration(s.duration);
        if (const JsonNode* j = n.find("jitter"))
            if (auto v = m_c.duration(*j, path + ".jitter", "a duration")) s.jitter = *v;
        break;
    case StepKind::Lock:
    case StepKind::Unlock:
    case StepKind::BlockingLock:
    case StepKind::BlockingUnlock:
    case StepKind::Send:
    case StepKind::Recv:
    case StepKind::Close:
    case StepKind::Wait:
    case StepKind::Notify:
    case StepKind::CancelToken:
    case StepKind::Cancelled:
        if (required("resource")) s.resource = resourceRef(n, path, p, s.kind);
        if (s.kind == StepKind::Notify)
            if (const JsonNode* a = n.find("all"))
                if (auto b = m_c.boolean(*a, path + ".all")) s.flag = *b;
        break;
    case StepKind::Acquire:
    case StepKind::Release:
        if (required("resource")) s.resource = resourceRef(n, path, p, s.kind);
        s.count = 1;
        if (const JsonNode* c = n.find("permits"))
            if (auto x = m_c.integer(*c, path + ".permits", 1, 1'000'000, "permits"))
                s.count = static_cast<std::uint64_t>(*x);
        if (s.resource >= 0 && s.count > p.resources[static_cast<std::size_t>(s.resource)].amount &&
            s.kind == StepKind::Acquire)
            m_c.error(n, path,
                      "asks for " + std::to_string(s.count) + " permits but semaphore \"" +
                          p.resources[static_cast<std::size_t>(s.resource)].name + "\" has only " +
                          std::to_string(p.resources[static_cast<std::size_t>(s.resource)].amount) +
                          ": it would wait forever");
        break;
    case StepKind::Spawn:
        if (const JsonNode* t = required("template")) {
            s.target = templateRef(*t, path + ".template", p);
            if (s.target >= 0) s.name = p.templates[static_cast<std::size_t>(s.target)].name;
        }
        if (const JsonNode* c = n.find("count"))
            if (auto x = m_c.integer(*c, path + ".count", 1, 100'000, "count"))
                s.count = static_cast<std::uint64_t>(*x);
        if (const JsonNode* nm = n.find("name"))
            if (auto x = m_c.name(*nm, path + ".name", "a task name")) s.name = *x;
        if (const JsonNode* d = n.find("detached"))
            if (auto b = m_c.boolean(*d, path + ".detached")) s.flag = *b;
        if (const JsonNode* lc = n.find("local"))
            if (auto b = m_c.boolean(*lc, path + ".local")) s.local = *b;
        break;
    case StepKind::Join:
    case StepKind::Cancel:
        if (const JsonNode* t = s.kind == StepKind::Cancel ? required("task") : n.find("task"))
            if (auto x = m_c.taskRef(*t, path + ".task")) {
                s.name = *x;
                s.namePos = t->pos;
            }
        break;
    case StepKind::Call:
        if (const JsonNode* t = required("template"))
            s.target = templateRef(*t, path + ".template", p);
        s.flag = true;
        if (const JsonNode* a = n.find("await"))
            if (auto b = m_c.boolean(*a, path + ".await")) s.flag = *b;
        break;
    case StepKind::SpawnBlocking:
        if (const JsonNode* d = n.find("detached"))
            if (auto b = m_c.boolean(*d, path + ".detached")) s.flag = *b;
        body("steps", true);
        break;
    case StepKind::Timeout:
        needDuration(s.duration);
        body("steps", blocking);
        break;
    case StepKind::Repeat:
        if (const JsonNode* c = required("count"))
            if (auto x = m_c.integer(*c, path + ".count", 0, 1'000'000, "count"))
                s.count = static_cast<std::uint64_t>(*x);
        body("steps", blocking);
        break;
    case StepKind::Loop:
        if (required("resource")) s.resource = resourceRef(n, path, p, s.kind);
        if (const JsonNode* b = n.find("batch"))
            if (auto x = m_c.integer(*b, path + ".batch", 1, 100'000, "batch"))
                s.count = static_cast<std::uint64_t>(*x);
        body("steps", blocking);
        break;
    case StepKind::Select:
        if (const JsonNode* b = required("branches")) {
            if (!b->isArray()) {
                m_c.error(
                    *b, path + ".branches",
                    "expected the branches (an array of step arrays), found " + describeValue(*b));
            } else if (b->items.size() < 2 || b->items.size() > 16) {
                m_c.error(
                    *b, path + ".branches",
                    "a select needs 2 to 16 branches, found " + std::to_string(b->items.size()));
            } else {
                for (std::size_t i = 0; i < b->items.size(); ++i)
                    s.branches.push_back(
                        steps(b->items[i], Checker::index(path + ".branches", i), p, next, false));
            }
        }
        break;
    case StepKind::Fail:
        if (const JsonNode* m = required("message"))
            if (auto x = m_c.string(*m, path + ".message", "an error message")) {
                if (x->empty())
                    m_c.error(*m, path + ".message", "the error message must not be empty");
                s.message = *x;
            }
        break;
    case StepKind::Yield:
    case StepKind::PendingWithoutWaker:
    case StepKind::Count: break;
    }
    return true;
}

void ProgramBuilder::start(const JsonNode& n, Program& p) {
    if (!n.isArray()) {
        m_c.error(n, "start",
                  "expected what starts at time zero (an array of {\"template\": ...}), found " +
                      describeValue(n));
        return;
    }
    if (n.items.empty())
        m_c.error(n, "start", "nothing starts: add at least one {\"template\": ...}");
    std::vector<std::optional<bool>> flags;  // each entry's "block_on", if it says
    std::optional<std::string> explicitAt;   // the entry that says true
    for (std::size_t i = 0; i < n.items.size(); ++i) {
        const std::string path = Checker::index("start", i);
        const JsonNode& v = n.items[i];
        if (!m_c.object(v, path, {"template", "count", "name", "block_on"}, {"template"},
                        "a start entry"))
            continue;
        StartItem s;
        if (const JsonNode* t = v.find("template")) {
            s.target = templateRef(*t, path + ".template", p);
            if (s.target >= 0) s.name = p.templates[static_cast<std::size_t>(s.target)].name;
        }
        if (const JsonNode* c = v.find("count"))
            if (auto x = m_c.integer(*c, path + ".count", 1, 100'000, "count"))
                s.count = static_cast<std::uint64_t>(*x);
        if (const JsonNode* nm = v.find("name"))
            if (auto x = m_c.name(*nm, path + ".name", "a task name")) s.name = *x;
        std::optional<bool> blockOn;
        if (const JsonNode* b = v.find("block_on")) {
            blockOn = m_c.boolean(*b, path + ".block_on");
            if (blockOn && *blockOn) {
                if (s.count != 1)
                    m_c.error(*b, path + ".block_on",
                              "only one task is the #[tokio::main] body: a block_on entry needs "
                              "a count of 1");
                else if (explicitAt)
                    m_c.error(*b, path + ".block_on",
                              "only one start entry can be the #[tokio::main] body (" +
                                  *explicitAt + " already is)");
                else
                    explicitAt = path;
            }
        }
        if (s.target < 0) continue;
        flags.push_back(blockOn);
        p.start.push_back(std::move(s));
    }
    // The body is the entry that says "block_on": true, else the first entry
    // of the template "main" with a count of 1 that does not say false.
    bool taken = false;
    for (std::size_t i = 0; i < p.start.size(); ++i) {
        StartItem& s = p.start[i];
        const bool isMain = p.templates[static_cast<std::size_t>(s.target)].name == "main";
        s.blockOn = explicitAt ? flags[i].value_or(false) && s.count == 1 && !taken
                               : isMain && s.count == 1 && flags[i].value_or(true) && !taken;
        taken = taken || s.blockOn;
    }
}

void ProgramBuilder::bounds(const JsonNode& v, const std::string& path, Expectation& e,
                            bool isDuration) {
    for (const char* key : {"at_least", "at_most"}) {
        const JsonNode* b = v.find(key);
        if (!b) continue;
        double x;
        if (isDuration) {
            auto d = m_c.duration(*b, path + "." + key, "a duration");
            if (!d) continue;
            x = static_cast<double>(d->count());
        } else {
            auto i = m_c.integer(*b, path + "." + key, 0, INT64_MAX, "a count");
            if (!i) continue;
            x = static_cast<double>(*i);
        }
        if (key[3] == 'l')
            e.hasMin = true, e.min = x;
        else
            e.hasMax = true, e.max = x;
    }
    if (!v.find("at_least") && !v.find("at_most"))
        m_c.error(
            v, path,
            "\"" + std::string(toString(e.kind)) + "\" needs \"at_least\" and/or \"at_most\"");
    else if (e.hasMin && e.hasMax && e.min > e.max)
        m_c.error(v, path, "\"at_least\" is more than \"at_most\": nothing can pass");
}

void ProgramBuilder::expectations(const JsonNode& n, Program& p) {
    if (!n.isArray()) {
        m_c.error(n, "expectations",
                  "expected a list of expectations (an array), found " + describeValue(n));
        return;
    }
    for (std::size_t i = 0; i < n.items.size(); ++i) {
        const std::string path = Checker::index("expectations", i);
        const JsonNode& v = n.items[i];
        if (!v.isObject()) {
            m_c.error(
                v, path,
                "expected an expectation (an object with \"expect\"), found " + describeValue(v));
            continue;
        }
        const JsonNode* k = v.find("expect");
        if (!k) {
            m_c.error(v, path, "missing required field \"expect\" (e.g. \"completes\")");
            continue;
        }
        auto kind = m_c.oneOf(*k, path + ".expect", "an expectation kind", kExpectNames);
        if (!kind) continue;
        Expectation e;
        e.pos = v.pos;
        e.kind = static_cast<ExpectKind>(indexOf(kExpectNames, *kind));
        const std::string what = "a \"" + *kind + "\" expectation";
        switch (e.kind) {
        case ExpectKind::Completes: m_c.object(v, path, {"expect"}, {}, what); break;
        case ExpectKind::Finding:
        case ExpectKind::NoFinding:
            m_c.object(v, path, {"expect", "finding"}, {"finding"}, what);
            if (const JsonNode* f = v.find("finding"))
                if (auto x = m_c.oneOf(*f, path + ".finding", "a finding", kFindingNames))
                    e.finding = *x;
            break;
        case ExpectKind::BlockedWorker:
            m_c.object(v, path, {"expect", "at_least"}, {"at_least"}, what);
            if (v.find("at_least")) bounds(v, path, e, true);
            break;
        case ExpectKind::Steals:
            m_c.object(v, path, {"expect", "at_least"}, {"at_least"}, what);
            if (v.find("at_least")) bounds(v, path, e, false);
            break;
        case ExpectKind::Duration:
            m_c.object(v, path, {"expect", "at_least", "at_most"}, {}, what);
            bounds(v, path, e, true);
            break;
        case ExpectKind::TaskState: {
            m_c.object(v, path, {"expect", "task", "state"}, {"task", "state"}, what);
            if (const JsonNode* t = v.find("task"))
                if (auto x = m_c.taskRef(*t, path + ".task")) {
                    e.task = *x;
                    e.taskPos = t->pos;
                }
            static constexpr std::array<std::string_view, 4> states = {"complete", "error",
                                                                       "cancelled", "unfinished"};
            if (const JsonNode* s = v.find("state"))
                if (auto x = m_c.oneOf(*s, path + ".state", "a final task state", states))
                    e.state = *x;
            break;
        }
        case ExpectKind::Polls:
            m_c.object(v, path, {"expect", "task", "at_least", "at_most"}, {"task"}, what);
            if (const JsonNode* t = v.find("task"))
                if (auto x = m_c.taskRef(*t, path + ".task")) {
                    e.task = *x;
                    e.taskPos = t->pos;
                }
            bounds(v, path, e, false);
            break;
        case ExpectKind::Runs:
            m_c.object(v, path, {"expect", "template", "at_least", "at_most"}, {"template"}, what);
            if (const JsonNode* t = v.find("template"))
                e.templ = templateRef(*t, path + ".template", p);
            bounds(v, path, e, false);
            break;
        case ExpectKind::Faster:
            m_c.object(v, path, {"expect", "variant", "than", "factor"},
                       {"variant", "than", "factor"}, what);
            for (const char* key : {"variant", "than"}) {
                const JsonNode* x = v.find(key);
                if (!x) continue;
                auto s = m_c.string(*x, path + "." + key, "a variant name");
                if (!s) continue;
                const bool known =
                    *s == "base" || std::find(m_variantNames.begin(), m_variantNames.end(), *s) !=
                                        m_variantNames.end();
                if (!known) {
                    std::vector<std::string_view> names = {"base"};
                    for (const std::string& vn : m_variantNames) names.push_back(vn);
                    std::string msg =
                        "\"" + *s +
                        "\" is not a variant of this scenario (variants: " + quoteList(names) + ")";
                    m_c.error(*x, path + "." + key, msg);
                    continue;
                }
                (key[0] == 'v' ? e.variant : e.than) = *s;
            }
            if (!e.variant.empty() && e.variant == e.than)
                m_c.error(v, path, "\"variant\" and \"than\" name the same variant");
            if (const JsonNode* f = v.find("factor")) {
                if (f->isNumber() && !(f->number > 1.0))
                    m_c.error(*f, path + ".factor",
                              "factor must be more than 1, found " + describeValue(*f));
                else if (auto x = m_c.real(*f, path + ".factor", 1.0, 1e6, "factor"))
                    e.factor = *x;
            }
            break;
        }
        p.expectations.push_back(std::move(e));
    }
}

}  // namespace asyncscope::scenario::passes
