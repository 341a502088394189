// The structural check of a Chrome trace-event file (`asyncscope-cli trace
// check`): what Perfetto and chrome://tracing need to load it, phase by
// phase, with a message naming the first event that breaks a rule.
#include <asyncscope/trace/export.hpp>
#include <asyncscope/trace/json_writer.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace asyncscope::trace {

namespace {

std::string idText(const JsonValue& v) {
    if (v.isInteger()) return std::to_string(v.asInteger());
    if (v.isNumber()) {
        char buf[32];
        auto r = std::to_chars(buf, buf + sizeof buf, v.asNumber());
        return std::string(buf, r.ptr);
    }
    if (v.isString()) return JsonWriter::quote(v.asString());
    return {};
}

std::string num(double us) {
    char buf[32];
    auto r = std::to_chars(buf, buf + sizeof buf, us);
    return std::string(buf, r.ptr);
}

}  // namespace

ChromeTraceCheck checkChromeTrace(std::string_view json) {
    ChromeTraceCheck c;
    auto fail = [&](std::string problem) {
        c.ok = false;
        c.problem = std::move(problem);
        return c;
    };
    std::string error;
    std::optional<JsonValue> doc = parseJson(json, &error);
    if (!doc) return fail("not valid JSON: " + error);
    const JsonValue* events = doc->find("traceEvents");
    if (!events || !events->isArray())
        return fail("no \"traceEvents\" array in a top-level object");
    c.events = events->size();

    using ThreadKey = std::pair<std::string, std::string>;  // pid, tid as text
    struct Span {
        double start, end;
        std::size_t index;
    };
    struct Flow {
        int starts = 0, ends = 0;
        double startTs = 0, endTs = 0;
        std::size_t first = 0;
    };
    struct AsyncMark {
        double ts;
        bool begin;
        std::size_t index;
    };
    std::set<ThreadKey> named;
    std::map<ThreadKey, std::size_t> used;  // first event on each thread
    std::map<ThreadKey, std::vector<Span>> slices;
    std::map<std::pair<std::string, std::string>, Flow> flows;  // (cat, id)
    std::map<std::pair<std::string, std::string>, std::vector<AsyncMark>> asyncs;

    const auto& items = events->items();
    auto describe = [&](std::size_t i) {
        const JsonValue& e = items[i];
        std::string d = "traceEvents[" + std::to_string(i) + "]";
        if (e["ph"].isString()) d += " (ph '" + e["ph"].asString() + "'";
        if (e["name"].isString()) d += " " + JsonWriter::quote(e["name"].asString());
        if (e["ph"].isString()) d += ")";
        return d;
    };

    for (std::size_t i = 0; i < items.size(); ++i) {
        const JsonValue& e = items[i];
        if (!e.isObject()) return fail("traceEvents[" + std::to_string(i) + "] is not an object");
        const std::string& ph = e["ph"].asString();
        if (ph.empty()) return fail(describe(i) + " has no \"ph\" string");
        const ThreadKey thread{idText(e["pid"]), idText(e["tid"])};
        if (ph == "M") {
            if (e["name"].asString() == "thread_name") {
                if (!e["args"]["name"].isString())
                    return fail(describe(i) + ": thread_name without a string args.name");
                named.insert(thread);
            }
            continue;
        }
        if (!e["ts"].isNumber()) return fail(describe(i) + " has no numeric \"ts\"");
        if (!e["pid"].isNumber() || !e["tid"].isNumber())
            return fail(describe(i) + " has no numeric \"pid\" and \"tid\"");
        used.emplace(thread, i);
        const double ts = e["ts"].asNumber();
        if (ph == "X") {
            if (!e["dur"].isNumber() || e["dur"].asNumber() < 0)
                return fail(describe(i) + " has no \"dur\" >= 0");
            slices[thread].push_back(Span{ts, ts + e["dur"].asNumber(), i});
        } else if (ph == "s" || ph == "f") {
            const std::string id = idText(e["id"]);
            if (id.empty()) return fail(describe(i) + ": flow event without an \"id\"");
            Flow& f = flows[{e["cat"].asString(), id}];
            if (f.starts + f.ends == 0) f.first = i;
            if (ph == "s") {
                ++f.starts;
                f.startTs = ts;
            } else {
                ++f.ends;
                f.endTs = ts;
            }
        } else if (ph == "b" || ph == "e") {
            const std::string id = idText(e["id"]);
            if (id.empty()) return fail(describe(i) + ": async event without an \"id\"");
            asyncs[{e["cat"].asString(), id}].push_back(AsyncMark{ts, ph == "b", i});
        }
    }

    for (const auto& [thread, index] : used)
        if (!named.count(thread))
            return fail(describe(index) + " is on pid " + thread.first + " tid " + thread.second +
                        ", which has no thread_name metadata event");

    // Timestamps are decimal microseconds of integer nanoseconds: anything
    // closer than 0.1 ns is rounding, not overlap.
    constexpr double kEps = 1e-4;
    for (auto& [thread, spans] : slices) {
        std::stable_sort(spans.begin(), spans.end(), [](const Span& x, const Span& y) {
            return x.start != y.start ? x.start < y.start : x.end > y.end;
        });
        std::vector<const Span*> stack;
        for (const Span& s : spans) {
            while (!stack.empty() && stack.back()->end <= s.start + kEps) stack.pop_back();
            if (!stack.empty() && s.end > stack.back()->end + kEps) {
                const Span& p = *stack.back();
                return fail("X events overlap on pid " + thread.first + " tid " + thread.second +
                            ": " + describe(p.index) + " [" + num(p.start) + ", " + num(p.end) +
                            "] us and " + describe(s.index) + " [" + num(s.start) + ", " +
                            num(s.end) + "] us");
            }
            stack.push_back(&s);
        }
    }

    for (const auto& [key, f] : flows) {
        const std::string what = "flow id " + key.second + " (cat " + JsonWriter::quote(key.first) +
                                 ", first at " + describe(f.first) + ")";
        if (f.starts != 1 || f.ends != 1)
            return fail(what + " has " + std::to_string(f.starts) + " 's' and " +
                        std::to_string(f.ends) + " 'f' events; it needs exactly one of each");
        if (f.endTs + kEps < f.startTs) return fail(what + " ends before it starts");
    }

    for (auto& [key, marks] : asyncs) {
        std::stable_sort(marks.begin(), marks.end(), [](const AsyncMark& x, const AsyncMark& y) {
            return x.ts != y.ts ? x.ts < y.ts : x.begin > y.begin;
        });
        std::vector<std::size_t> open;
        for (const AsyncMark& m : marks) {
            if (m.begin) {
                open.push_back(m.index);
            } else if (open.empty()) {
                return fail(describe(m.index) + ": async 'e' (cat " + JsonWriter::quote(key.first) +
                            ", id " + key.second + ") without a matching 'b' before it");
            } else {
                open.pop_back();
            }
        }
        if (!open.empty())
            return fail(describe(open.front()) + ": async 'b' (cat " +
                        JsonWriter::quote(key.first) + ", id " + key.second + ") never ends");
    }

    c.ok = true;
    return c;
}

}  // namespace asyncscope::trace
