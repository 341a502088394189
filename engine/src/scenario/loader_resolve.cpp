// Pass 4, resolve references (see the design note in loader_passes.hpp):
// resource and template names become indices (resourceRef, templateRef, as
// pass 3 builds each step), task names must be given by some spawn or start
// (checkNames), and the spawn graph must be finite: no template spawns or
// calls itself, and one run starts at most kMaxTasksPerRun tasks
// (checkRecursionAndSize).
#include "scenario/loader_passes.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

namespace asyncscope::scenario::passes {

namespace {

constexpr std::uint64_t kCap = std::uint64_t(1) << 62;

std::uint64_t satAdd(std::uint64_t a, std::uint64_t b) {
    return a > kCap - b ? kCap : a + b;
}
std::uint64_t satMul(std::uint64_t a, std::uint64_t b) {
    if (a == 0 || b == 0) return 0;
    return a > kCap / b ? kCap : a * b;
}

}  // namespace

int ProgramBuilder::resourceRef(const JsonNode& step, const std::string& path, const Program& p,
                                StepKind k) {
    const JsonNode* r = step.find("resource");
    if (!r) return -1;
    auto name = m_c.string(*r, path + ".resource", "a resource name");
    if (!name) return -1;
    const int idx = p.findResource(*name);
    std::vector<ResourceKind> ok;
    switch (k) {
    case StepKind::Lock:
    case StepKind::Unlock: ok = {ResourceKind::Mutex}; break;
    case StepKind::BlockingLock:
    case StepKind::BlockingUnlock: ok = {ResourceKind::BlockingMutex}; break;
    case StepKind::Acquire:
    case StepKind::Release: ok = {ResourceKind::Semaphore}; break;
    case StepKind::Send:
    case StepKind::Recv:
        ok = {ResourceKind::Channel, ResourceKind::UnboundedChannel, ResourceKind::Oneshot};
        break;
    case StepKind::Close:
    case StepKind::Loop: ok = {ResourceKind::Channel, ResourceKind::UnboundedChannel}; break;
    case StepKind::Notify:
    case StepKind::Wait: ok = {ResourceKind::Notify}; break;
    case StepKind::CancelToken:
    case StepKind::Cancelled: ok = {ResourceKind::CancelToken}; break;
    default: break;
    }
    std::string kinds;
    for (std::size_t i = 0; i < ok.size(); ++i) {
        if (i) kinds += i + 1 == ok.size() ? " or " : ", ";
        const std::string_view kn = toString(ok[i]);
        kinds += (kn[0] == 'u' ? "an " : "a ") + std::string(kn);
    }
    if (idx < 0) {
        std::vector<std::string_view> names;
        for (const Resource& res : p.resources) names.push_back(res.name);
        std::string msg = "\"" + *name + "\" is not a resource of this scenario (expected " +
                          kinds + " declared in \"resources\")";
        const std::string near = closestMatch(*name, names);
        if (!near.empty()) msg += "; did you mean \"" + near + "\"?";
        m_c.error(*r, path + ".resource", msg);
        return -1;
    }
    const ResourceKind have = p.resources[static_cast<std::size_t>(idx)].kind;
    if (std::find(ok.begin(), ok.end(), have) == ok.end()) {
        m_c.error(*r, path + ".resource",
                  "\"" + std::string(toString(k)) + "\" needs " + kinds + ", but \"" + *name +
                      "\" is " + (have == ResourceKind::UnboundedChannel ? "an " : "a ") +
                      std::string(toString(have)));
        return -1;
    }
    return idx;
}

int ProgramBuilder::templateRef(const JsonNode& node, const std::string& path, const Program& p) {
    auto name = m_c.string(node, path, "a template name");
    if (!name) return -1;
    const int idx = p.findTemplate(*name);
    if (idx < 0) {
        std::vector<std::string_view> names;
        for (const Template& t : p.templates) names.push_back(t.name);
        std::string msg = "\"" + *name + "\" is not a template of this scenario";
        const std::string near = closestMatch(*name, names);
        if (!near.empty())
            msg += "; did you mean \"" + near + "\"?";
        else if (!names.empty())
            msg += " (templates: " + quoteList(names) + ")";
        m_c.error(node, path, msg);
    }
    return idx;
}

void ProgramBuilder::checkNames(const Program& p) {
    std::set<std::string> names;
    // The most tasks one spawn (or start item) of a name starts: "w#3"
    // exists only if one of them starts at least three.
    std::map<std::string, std::uint64_t> most;
    auto note = [&](const std::string& n, std::uint64_t count) {
        names.insert(n);
        most[n] = std::max(most[n], count);
    };
    for (const StartItem& s : p.start) note(s.name, s.count);
    std::function<void(const std::vector<Step>&)> collect = [&](const std::vector<Step>& steps) {
        for (const Step& s : steps) {
            if (s.kind == StepKind::Spawn && !s.name.empty()) note(s.name, s.count);
            collect(s.body);
            for (const auto& b : s.branches) collect(b);
        }
    };
    for (const Template& t : p.templates) collect(t.steps);
    // "w#2" (one task of a group) is known when "w" is, and its group has a
    // second task.
    auto known = [&](const std::string& n) {
        if (names.count(n) != 0) return true;
        const auto hash = n.find('#');
        if (hash == std::string::npos) return false;
        auto it = most.find(n.substr(0, hash));
        if (it == most.end()) return false;
        const std::string digits = n.substr(hash + 1);
        if (digits.empty() || digits.size() > 18 ||
            digits.find_first_not_of("0123456789") != std::string::npos)
            return false;
        const std::uint64_t k = std::stoull(digits);
        return k >= 1 && k <= it->second && it->second > 1;
    };
    std::vector<std::string_view> list(names.begin(), names.end());
    auto complain = [&](SourcePos pos, const std::string& path, const std::string& n) {
        std::string msg =
            "no task is named \"" + n + "\" (tasks are named by \"spawn\" and \"start\")";
        const std::string near = closestMatch(n, list);
        if (!near.empty()) msg += "; did you mean \"" + near + "\"?";
        m_c.error(pos, path, msg);
    };
    std::function<void(const std::vector<Step>&, const std::string&)> check =
        [&](const std::vector<Step>& steps, const std::string& tname) {
            for (const Step& s : steps) {
                if ((s.kind == StepKind::Join || s.kind == StepKind::Cancel) && !s.name.empty() &&
                    !known(s.name))
                    complain(s.namePos, "templates." + tname, s.name);
                check(s.body, tname);
                for (const auto& b : s.branches) check(b, tname);
            }
        };
    for (const Template& t : p.templates) check(t.steps, t.name);
    for (std::size_t i = 0; i < p.expectations.size(); ++i) {
        const Expectation& e = p.expectations[i];
        if ((e.kind == ExpectKind::TaskState || e.kind == ExpectKind::Polls) && !e.task.empty() &&
            !known(e.task))
            complain(e.taskPos, Checker::index("expectations", i) + ".task", e.task);
    }
}

void ProgramBuilder::checkRecursionAndSize(const JsonNode& root, Program& p) {
    const std::size_t n = p.templates.size();
    // Edges: template -> templates it spawns or calls (with the step that does it).
    struct Edge {
        int to;
        const Step* step;
    };
    std::vector<std::vector<Edge>> edges(n);
    std::function<void(std::size_t, const std::vector<Step>&)> collect =
        [&](std::size_t from, const std::vector<Step>& steps) {
            for (const Step& s : steps) {
                if ((s.kind == StepKind::Spawn || (s.kind == StepKind::Call && s.flag)) &&
                    s.target >= 0)
                    edges[from].push_back({s.target, &s});
                collect(from, s.body);
                for (const auto& b : s.branches) collect(from, b);
            }
        };
    for (std::size_t i = 0; i < n; ++i) collect(i, p.templates[i].steps);
    std::vector<int> color(n, 0);  // 0 new, 1 on the stack, 2 done
    std::vector<int> stack;
    bool cyclic = false;
    std::function<void(int)> dfs = [&](int u) {
        color[static_cast<std::size_t>(u)] = 1;
        stack.push_back(u);
        for (const Edge& e : edges[static_cast<std::size_t>(u)]) {
            if (color[static_cast<std::size_t>(e.to)] == 1) {
                std::string chain;
                auto it = std::find(stack.begin(), stack.end(), e.to);
                for (; it != stack.end(); ++it)
                    chain += p.templates[static_cast<std::size_t>(*it)].name + " -> ";
                chain += p.templates[static_cast<std::size_t>(e.to)].name;
                m_c.error(e.step->pos, "templates." + p.templates[static_cast<std::size_t>(u)].name,
                          "unbounded spawn recursion: " + chain +
                              " (a template must not spawn or call itself, directly or through "
                              "others)");
                cyclic = true;
            } else if (color[static_cast<std::size_t>(e.to)] == 0) {
                dfs(e.to);
            }
        }
        stack.pop_back();
        color[static_cast<std::size_t>(u)] = 2;
    };
    for (std::size_t i = 0; i < n; ++i)
        if (color[i] == 0) dfs(static_cast<int>(i));
    if (cyclic) return;
    // Tasks each template starts (a DAG now), memoized. A `loop` body runs
    // once per message: pass 1 counts it once, then bounds the messages
    // of each channel by its sends (each at most once per task that can
    // exist, times its enclosing repeats), and pass 2 uses that bound.
    std::vector<std::uint64_t> memo(n, UINT64_MAX);
    std::vector<std::uint64_t> loopTimes(p.resources.size(), 1);
    std::function<std::uint64_t(int)> tasksOf = [&](int t) -> std::uint64_t {
        auto& m = memo[static_cast<std::size_t>(t)];
        if (m != UINT64_MAX) return m;
        std::function<std::uint64_t(const std::vector<Step>&)> count =
            [&](const std::vector<Step>& steps) {
                std::uint64_t total = 0;
                for (const Step& s : steps) {
                    if (s.kind == StepKind::Spawn && s.target >= 0)
                        total = satAdd(total, satMul(s.count, satAdd(1, tasksOf(s.target))));
                    else if (s.kind == StepKind::Call && s.flag && s.target >= 0)
                        total = satAdd(total, tasksOf(s.target));
                    else if (s.kind == StepKind::Repeat)
                        total = satAdd(total, satMul(s.count, count(s.body)));
                    else if (s.kind == StepKind::Loop && s.resource >= 0)
                        total = satAdd(
                            total,
                            satMul(loopTimes[static_cast<std::size_t>(s.resource)], count(s.body)));
                    else if (s.kind == StepKind::Select)
                        for (const auto& b : s.branches) total = satAdd(total, satAdd(1, count(b)));
                    else
                        total = satAdd(total, count(s.body));
                }
                return total;
            };
        m = count(p.templates[static_cast<std::size_t>(t)].steps);
        return m;
    };
    auto runTotal = [&] {
        std::uint64_t total = 0;
        for (const StartItem& s : p.start)
            total = satAdd(total, satMul(s.count, satAdd(1, tasksOf(s.target))));
        return total;
    };
    std::uint64_t total = runTotal();
    bool loopSpawns = false;
    std::function<void(const std::vector<Step>&, bool)> findLoopSpawns =
        [&](const std::vector<Step>& steps, bool inLoop) {
            for (const Step& s : steps) {
                if (inLoop && (s.kind == StepKind::Spawn || s.kind == StepKind::Call ||
                               s.kind == StepKind::Select))
                    loopSpawns = true;
                findLoopSpawns(s.body, inLoop || s.kind == StepKind::Loop);
                for (const auto& b : s.branches) findLoopSpawns(b, inLoop);
            }
        };
    for (const Template& t : p.templates) findLoopSpawns(t.steps, false);
    if (loopSpawns) {
        std::vector<std::uint64_t> sends(p.resources.size(), 0);
        std::function<void(const std::vector<Step>&, std::uint64_t)> countSends =
            [&](const std::vector<Step>& steps, std::uint64_t times) {
                for (const Step& s : steps) {
                    if (s.kind == StepKind::Send && s.resource >= 0)
                        sends[static_cast<std::size_t>(s.resource)] =
                            satAdd(sends[static_cast<std::size_t>(s.resource)], times);
                    countSends(s.body, s.kind == StepKind::Repeat ? satMul(times, s.count) : times);
                    for (const auto& b : s.branches) countSends(b, times);
                }
            };
        for (const Template& t : p.templates) countSends(t.steps, satAdd(total, 1));
        for (std::size_t r = 0; r < sends.size(); ++r)
            loopTimes[r] = std::max<std::uint64_t>(1, sends[r]);
        std::fill(memo.begin(), memo.end(), UINT64_MAX);
        total = runTotal();
    }
    p.maxTasks = total;
    if (total > kMaxTasksPerRun)
        m_c.error(root.find("start") ? root.find("start")->pos : root.pos, "start",
                  "one run would start " +
                      (total >= kCap ? std::string("more than 4e18") : std::to_string(total)) +
                      " tasks; at most " + std::to_string(kMaxTasksPerRun) +
                      " are allowed (lower a spawn or repeat count" +
                      (loopSpawns ? std::string(", or spawn less per message in a loop")
                                  : std::string()) +
                      ")");
}

}  // namespace asyncscope::scenario::passes

namespace asyncscope::scenario::passes {

void ProgramBuilder::checkMisuse(const Program& p) {
    if (p.templates.empty()) return;
    const std::size_t nRes = p.resources.size(), nTpl = p.templates.size();
    auto isMutex = [&](int r) {
        return r >= 0 && static_cast<std::size_t>(r) < nRes &&
               (p.resources[static_cast<std::size_t>(r)].kind == ResourceKind::Mutex ||
                p.resources[static_cast<std::size_t>(r)].kind == ResourceKind::BlockingMutex);
    };
    // --- An unlock with no lock before it. A mutex is free, held, or
    // unknown (after a step whose branches may or may not have run, or a
    // call, whose template may lock or unlock it for its caller). A template
    // that others call runs with its caller's guards: it starts unknown.
    std::vector<bool> called(nTpl, false);
    std::function<void(const std::vector<Step>&)> findCalls = [&](const std::vector<Step>& steps) {
        for (const Step& s : steps) {
            if (s.kind == StepKind::Call && s.target >= 0)
                called[static_cast<std::size_t>(s.target)] = true;
            findCalls(s.body);
            for (const auto& b : s.branches) findCalls(b);
        }
    };
    for (const Template& t : p.templates) findCalls(t.steps);
    enum : std::uint8_t { Free, Held, Unknown };
    std::set<std::pair<std::uint32_t, std::uint32_t>> reported;  // one error per step
    std::function<void(const std::vector<Step>&, std::vector<std::uint8_t>&)> forget =
        [&](const std::vector<Step>& steps, std::vector<std::uint8_t>& st) {
            for (const Step& s : steps) {
                if (isMutex(s.resource)) st[static_cast<std::size_t>(s.resource)] = Unknown;
                if (s.kind == StepKind::Call) std::fill(st.begin(), st.end(), Unknown);
                forget(s.body, st);
                for (const auto& b : s.branches) forget(b, st);
            }
        };
    std::function<void(const std::vector<Step>&, std::vector<std::uint8_t>&, const std::string&)>
        walk = [&](const std::vector<Step>& steps, std::vector<std::uint8_t>& st,
                   const std::string& tname) {
            for (const Step& s : steps) {
                switch (s.kind) {
                case StepKind::Lock:
                case StepKind::BlockingLock:
                    if (isMutex(s.resource)) st[static_cast<std::size_t>(s.resource)] = Held;
                    break;
                case StepKind::Unlock:
                case StepKind::BlockingUnlock: {
                    if (!isMutex(s.resource)) break;
                    std::uint8_t& m = st[static_cast<std::size_t>(s.resource)];
                    if (m == Free && reported.insert({s.pos.line, s.pos.column}).second) {
                        const std::string& name =
                            p.resources[static_cast<std::size_t>(s.resource)].name;
                        const bool blocking = s.kind == StepKind::BlockingUnlock;
                        m_c.error(s.pos, "templates." + tname,
                                  std::string(blocking ? "blocking_unlock" : "unlock") + " of \"" +
                                      name + "\" with no " + (blocking ? "blocking_lock" : "lock") +
                                      " of it before, in this task: the task would fail with "
                                      "\"unlock of a mutex it does not hold\" (add a lock step "
                                      "before it, or remove this unlock)");
                    }
                    m = Free;
                    break;
                }
                case StepKind::Call: std::fill(st.begin(), st.end(), Unknown); break;
                case StepKind::Repeat:
                    // Its body runs `count` times in a row: a second pass
                    // starts from what the first left.
                    walk(s.body, st, tname);
                    if (s.count > 1) walk(s.body, st, tname);
                    break;
                default:
                    // Bodies and branches that may run or not, or elsewhere
                    // (a spawn_blocking job): checked from here, then what
                    // they touch is unknown.
                    if (!s.body.empty()) {
                        std::vector<std::uint8_t> inner(st);
                        walk(s.body, inner, tname);
                    }
                    for (const auto& b : s.branches) {
                        std::vector<std::uint8_t> inner(st);
                        walk(b, inner, tname);
                    }
                    forget(s.body, st);
                    for (const auto& b : s.branches) forget(b, st);
                    break;
                }
            }
        };
    for (std::size_t i = 0; i < nTpl; ++i) {
        std::vector<std::uint8_t> st(nRes, called[i] ? Unknown : Free);
        walk(p.templates[i].steps, st, p.templates[i].name);
    }

    // --- A oneshot sent on (or received from) more than once: each end is
    // used once. Counted over the steps that certainly run (not those in a
    // select branch or a timeout's body), times their repeats and the tasks
    // of their template that certainly exist.
    std::vector<std::uint64_t> tasks(nTpl, 0);
    for (const StartItem& s : p.start)
        if (s.target >= 0) tasks[static_cast<std::size_t>(s.target)] += s.count;
    // Spawns form a DAG here (recursion was rejected): propagate in
    // topological order by repeated relaxation, bounded by the templates.
    std::function<void(const std::vector<Step>&, std::uint64_t, std::vector<std::uint64_t>&)>
        spawns = [&](const std::vector<Step>& steps, std::uint64_t times,
                     std::vector<std::uint64_t>& out) {
            for (const Step& s : steps) {
                if (s.kind == StepKind::Spawn && s.target >= 0)
                    out[static_cast<std::size_t>(s.target)] += times * s.count;
                if (s.kind == StepKind::Repeat) spawns(s.body, times * s.count, out);
            }
        };
    for (std::size_t round = 0; round < nTpl; ++round) {
        std::vector<std::uint64_t> next(nTpl, 0);
        for (const StartItem& s : p.start)
            if (s.target >= 0) next[static_cast<std::size_t>(s.target)] += s.count;
        for (std::size_t i = 0; i < nTpl; ++i)
            if (tasks[i])
                spawns(p.templates[i].steps, std::min<std::uint64_t>(tasks[i], 1u << 20), next);
        if (next == tasks) break;
        tasks = std::move(next);
    }
    struct Use {
        std::uint64_t times = 0;
        const Step* second = nullptr;  // where the count first passes one
        std::string tname;
    };
    std::map<std::pair<int, bool>, Use> uses;  // (oneshot, send?) -> uses
    std::function<void(const std::vector<Step>&, std::uint64_t, const std::string&)> count =
        [&](const std::vector<Step>& steps, std::uint64_t times, const std::string& tname) {
            for (const Step& s : steps) {
                if ((s.kind == StepKind::Send || s.kind == StepKind::Recv) && s.resource >= 0 &&
                    static_cast<std::size_t>(s.resource) < nRes &&
                    p.resources[static_cast<std::size_t>(s.resource)].kind ==
                        ResourceKind::Oneshot) {
                    Use& u = uses[{s.resource, s.kind == StepKind::Send}];
                    u.times += times;
                    if (u.times > 1 && !u.second) {
                        u.second = &s;
                        u.tname = tname;
                    }
                }
                if (s.kind == StepKind::Repeat) count(s.body, times * s.count, tname);
            }
        };
    for (std::size_t i = 0; i < nTpl; ++i)
        if (tasks[i]) count(p.templates[i].steps, tasks[i], p.templates[i].name);
    for (const auto& [key, u] : uses) {
        if (!u.second) continue;
        const std::string& name = p.resources[static_cast<std::size_t>(key.first)].name;
        m_c.error(u.second->pos, "templates." + u.tname,
                  std::string(key.second ? "a second send on" : "a second recv from") +
                      " oneshot \"" + name + "\" (" + std::to_string(u.times) +
                      " in all, counting repeats and tasks): a oneshot carries one value, its " +
                      (key.second ? "sender is consumed by the first send"
                                  : "receiver is consumed by the first recv") +
                      " (use a channel for more than one)");
    }
}

}  // namespace asyncscope::scenario::passes

namespace asyncscope::scenario::passes {

// --- Send. tokio::spawn takes only a future that is Send, and a future that
// keeps a std::sync::MutexGuard (which is !Send) alive across an .await is
// not: rustc rejects such a spawn, on either flavor. The body of
// #[tokio::main] (StartItem::blockOn) is given to block_on, which needs no
// Send. Every other start entry and every spawn
// step's template is a spawned task: walk it, with the templates it calls,
// tracking the blocking guards it holds, and warn at each await point one
// is held across. A warning, not an error: the simulator runs the code all
// the same, and lessons show what would happen if it compiled.
void ProgramBuilder::checkSend(const Program& p) {
    const std::size_t nTpl = p.templates.size(), nRes = p.resources.size();
    if (nTpl == 0) return;
    std::vector<bool> spawned(nTpl, false);
    for (const StartItem& s : p.start)
        if (s.target >= 0 && !s.blockOn) spawned[static_cast<std::size_t>(s.target)] = true;
    std::function<void(const std::vector<Step>&)> findSpawns = [&](const std::vector<Step>& steps) {
        for (const Step& s : steps) {
            // spawn_local needs no Send (the task never leaves its thread).
            if (s.kind == StepKind::Spawn && s.target >= 0 && !s.local)
                spawned[static_cast<std::size_t>(s.target)] = true;
            findSpawns(s.body);
            for (const auto& b : s.branches) findSpawns(b);
        }
    };
    for (const Template& t : p.templates) findSpawns(t.steps);

    auto isBlockingMutex = [&](int r) {
        return r >= 0 && static_cast<std::size_t>(r) < nRes &&
               p.resources[static_cast<std::size_t>(r)].kind == ResourceKind::BlockingMutex;
    };
    auto awaits = [](const Step& s) {
        switch (s.kind) {
        case StepKind::Sleep:
        case StepKind::Io:
        case StepKind::Yield:
        case StepKind::Lock:
        case StepKind::Acquire:
        case StepKind::Send:
        case StepKind::Recv:
        case StepKind::Wait:
        case StepKind::Cancelled:
        case StepKind::Join:
        case StepKind::Timeout:
        case StepKind::Select:
        case StepKind::Loop:
        case StepKind::PendingWithoutWaker: return true;
        case StepKind::SpawnBlocking:
        case StepKind::Call: return s.flag;  // awaited (call: .await; spawn_blocking: not detached)
        default: return false;
        }
    };
    std::set<std::pair<std::uint32_t, std::uint32_t>> reported;
    // held: resource index -> the blocking_lock step that took it.
    using Held = std::map<int, const Step*>;
    std::function<void(const std::vector<Step>&, Held&, const std::string&, const std::string&,
                       int)>
        walk = [&](const std::vector<Step>& steps, Held& held, const std::string& task,
                   const std::string& tname, int depth) {
            for (const Step& s : steps) {
                if (!held.empty() && awaits(s) &&
                    reported.insert({s.pos.line, s.pos.column}).second) {
                    const auto& [res, lockStep] = *held.begin();
                    const std::string& rname = p.resources[static_cast<std::size_t>(res)].name;
                    m_c.warning(
                        s.pos, "templates." + tname,
                        "rustc would reject spawning \"" + task +
                            "\": tokio::spawn needs a Send future, and this one is not Send, "
                            "because the std::sync::MutexGuard of \"" +
                            rname + "\" (blocking_lock at line " +
                            std::to_string(lockStep->pos.line) +
                            ") lives across the .await of this " + std::string(toString(s.kind)) +
                            " step. Fixes: drop the guard before the await "
                            "(blocking_unlock first); use an async mutex (\"kind\": \"mutex\", "
                            "tokio::sync::Mutex); or run the task with spawn_local on a "
                            "LocalSet, which needs no Send. The simulator runs it all the same");
                }
                switch (s.kind) {
                case StepKind::BlockingLock:
                    if (isBlockingMutex(s.resource)) held.emplace(s.resource, &s);
                    break;
                case StepKind::BlockingUnlock: held.erase(s.resource); break;
                case StepKind::Call:
                    if (s.target >= 0 && depth < 64)
                        walk(p.templates[static_cast<std::size_t>(s.target)].steps, held, task,
                             p.templates[static_cast<std::size_t>(s.target)].name, depth + 1);
                    break;
                case StepKind::Repeat:
                    walk(s.body, held, task, tname, depth);
                    if (s.count > 1) walk(s.body, held, task, tname, depth);
                    break;
                case StepKind::SpawnBlocking: break;  // a closure on a blocking thread
                default:
                    if (!s.body.empty()) {
                        Held inner(held);
                        walk(s.body, inner, task, tname, depth);
                    }
                    for (const auto& b : s.branches) {
                        Held inner(held);
                        walk(b, inner, task, tname, depth);
                    }
                    break;
                }
            }
        };
    for (std::size_t i = 0; i < nTpl; ++i) {
        if (!spawned[i]) continue;
        Held held;
        walk(p.templates[i].steps, held, p.templates[i].name, p.templates[i].name, 0);
    }
}

}  // namespace asyncscope::scenario::passes
